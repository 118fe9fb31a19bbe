//! Segmentation: classify each cleaned line, then cut the issue into articles by structure.
//!
//! A line is, in this order of precedence: a jump marker (`下转 A4 版`), page furniture (page
//! numbers, editor credits, a masthead date), a photo caption (`… 株洲日报记者 刘芳 摄`), a byline
//! (`株洲日报记者 胡文洁`, `通讯员/易康源 彭丽娜`), a title-like line (short, no sentence
//! punctuation), or body text (which may open with a dateline, `株洲日报讯` or
//! `新华社北京4月24日电`).
//!
//! An article starts at a run of title-like lines that is followed by a byline, by a lone
//! author name (a commentary's signature), or by a paragraph that opens with a dateline; the
//! first run of the file and any run the container marked as a top-level heading (HTML
//! `<h1>`/`<h2>`, DOCX Title/Heading 1–2) start one too. Title runs followed by plain body text
//! are in-body sub-headings (or a sentence broken by the layout, see [`super::clean`]).
//!
//! Within a title run, lines starting with `——` are sub-titles; of the others, a run of three
//! reads kicker (引题) / main title (主题) / sub-title (副题), as Chinese papers print them; of
//! two, the first is a kicker only when it ends like one (a colon or a reporting verb such as
//! 强调); the main title is the headline and the rest are sub-headings in page order.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{closing_credit, ends_sentence};

/// What a cleaned line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Jump,
    Furniture,
    Caption,
    Byline,
    /// Short, without sentence punctuation. `name`: it could be a lone author name.
    Title {
        name: bool,
    },
    /// Text; `dateline` is the length in bytes of a leading dateline, 0 if none.
    Body {
        dateline: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    pub kind: Kind,
    pub heading: Option<u8>,
    /// The raw line began with an indent (spaces, U+3000): a paragraph start in layouts
    /// that indent paragraphs.
    pub indented: bool,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static JUMP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[（(]?\s*(?:下[转轉]|上接|[转轉]|接)\s*(?:第\s*)?[A-Za-z]?\s*[0-9一二三四五六七八九十〇]{1,3}\s*版\s*[）)]?$",
    )
});

static FURNITURE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // Page numbers: "3", "- 3 -", "第3版", "第 3 页".
        re(r"^[-—–\s]*\d{1,3}[-—–\s]*$"),
        // "第A3版 要闻", "第4版·三农": a letter before the number, a dot before the section.
        re(
            r"^第\s*[A-Za-z]?\s*[0-9一二三四五六七八九十]{1,3}\s*[版页頁](?:\s*[：:·・]?\s*\p{Han}{1,8})?$",
        ),
        // A page's section printed alone under the masthead: "城市·民生", "要闻·综合".
        re(r"^\p{Han}{2}[·・]\p{Han}{2}$"),
        // Page labels: "A1 要闻", "A4版 综合", and a bare page number with its section:
        // "02 要闻", "3 综合" (a headline never opens with a figure then a space).
        re(r"^[A-Z]\d{1,2}\s*版?\s*[：:|｜]?\s*\p{Han}{0,6}$"),
        re(r"^\d{1,2}\s+\p{Han}{2,4}$"),
        // Production credits.
        re(
            r"^[（(]?(?:本版)?(?:[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|美[编編]|美[术術][编編][辑輯]|校[对對]|版式|[组組]版|[审審][读讀]|值班主任|照排)\s*[：:/\s]\s*\S.{0,40}$",
        ),
        // Copyright and site lines of an e-paper page.
        re(r"^(?:版权所有|Copyright|©|\(c\))"),
        // A masthead date: "2020年4月25日 星期六".
        re(
            r"^(?:\p{Han}{2,8}[报報]\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天](?:\s+.{0,20})?$",
        ),
        // The same in Chinese numerals: "二〇二四年七月十二日 星期五".
        re(
            r"^(?:\p{Han}{2,8}[报報]\s*)?[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月\s*[一二三四五六七八九十]{1,3}\s*日\s*(?:(?:星期|周)[一二三四五六日天](?:\s+.{0,20})?)?$",
        ),
        // A weekday alone on its line, as a masthead stacks date and weekday: "星期二".
        re(r"^(?:星期|周)[一二三四五六日天]$"),
        // A date alone on its line ("2021年3月18日"): no headline is only a date.
        re(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"),
        // The paper's name alone on its line, as mastheads print it ("湘潭日报", "潇湘晨报",
        // "长沙晚报", "三湘都市报"): a headline never is only the name of a paper.
        re(
            r"^\p{Han}{2,8}(?:[日晚早晨商时時侨僑][报報]|都市[报報]|特区[报報]|青年[报報]|法[治制][报報]|农民[报報])$",
        ),
        // Masthead registration and issue numbers: "国内统一连续出版物号 CN43-0006",
        // "邮发代号 41-2", "总第12345期", "第8765期", "今日8版", and the lunar date line.
        re(r"^(?:国内统一(?:连续出版物号|刊号)|邮发代号|CN\s*\d{2}\s*[-－]\s*\d{4})"),
        // Issue number, page count, weekday, in any order on one line: "第23456期 今日16版".
        re(
            r"^(?:总?第\s*\d{1,6}\s*期|今日\s*\d{1,3}\s*个?版)(?:\s+(?:总?第\s*\d{1,6}\s*期|今日\s*\d{1,3}\s*个?版|(?:星期|周)[一二三四五六日天]|第\s*[A-Za-z]?\d{1,3}\s*版(?:\s*[：:·・]?\s*\p{Han}{1,6})?))*$",
        ),
        // The party organ line over a masthead: "中共宁波市委机关报".
        re(r"^中共\p{Han}{2,12}委(?:员会)?机关[报報]$"),
        // The paper's name in capitals: "NINGBO DAILY", "CHANGSHA EVENING NEWS".
        // In pinyin too: "MIANYANG RIBAO", "XINMIN WANBAO".
        re(r"^[A-Z][A-Z&'.\s]{2,40}(?:DAILY|NEWS|TIMES|POST|HERALD|EVENING|EXPRESS|BAO)$"),
        re(r"^农历\p{Han}{2,12}$"),
    ]
});

static CAPTION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        re(
            r"(?:[记記]者|通[讯訊][员員])\s*[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4}){0,2}\s*[/／]?\s*[摄攝]\s*[）)]?$",
        ),
        re(
            r"(?:^|[\s/／（(])[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4}){0,2}\s*[/／]?\s*[摄攝]\s*[）)]?$",
        ),
        re(r"^(?:▲|△|[图圖]为|[图圖]為)\s*\S"),
        re(r"^(?:[图圖]|[图圖]片|[摄攝][影])\s*[/／：:]\s*\S"),
    ]
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let role = r"(?:(?:\p{Han}{2,8}[-－—])?(?:[A-Z]{2,6})?\p{Han}{0,8}?(?:[记記]者|通[讯訊][员員]|[实實][习習]生|[评評][论論][员員]|撰稿人?|[编編][译譯])|文|[图圖]|文[图圖]|文/[图圖]|文／[图圖])";
    let names = r"[\p{Han}·]{2,4}(?:[\s、,，]+[\p{Han}·]{2,4})*";
    re(&format!(
        r"^[（(]?{role}\s*[/／:：]?\s*{names}(?:\s+{role}\s*[/／:：]?\s*{names})*(?:\s*[报報][道導])?[）)]?$"
    ))
});

/// An unsigned editorial voice: `本报评论员`, `新华社特约评论员`.
/// A newspaper column's label opening a title line: `评论：让政策红利直达市场主体`.
static COLUMN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:评论|短评|时评|快评|社论|述评|观察|时论|评论员文章|本报评论|编者按)\s*[：:｜|]\s*\S")
});

/// A genre label printed alone over a piece (`讣告`, `更正`, `政策解读`, `晨读`, `天气`) or an
/// obituary's title (`沉痛悼念李某某同志`) or a list's or notice's (`牡丹文化节嘉宾名单`,
/// `拟表彰人员公示`): such a piece opens without byline or dateline, and
/// still is not a sub-heading of the story above it. Over another title line the label is a
/// kicker, not the headline.
static GENRE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:【\p{Han}{0,4}(?:短评|评论|时评|快评|社论|述评|观察|手记|编者按|政策解读)】$|(?:社会|本地|国内|国际|综合|体育|财经|法治)新闻$|(?:讣告|讣闻|更正|更正启事|更正声明|致歉声明|启事|公告|通告|声明|政策解读|政策问答|权威解读|答记者问|晨读|夜读|编者按|天气|天气预报|今日天气|气象)$|(?:沉痛悼念|深切悼念|沉痛哀悼|深切缅怀)\p{Han}{2,}|\p{Han}{2,20}(?:名单|名录|公示|启事)$)",
    )
});

/// A row of a table printed as text: cells separated by spaces, the header opening with
/// `序号` or each row with its number (`1 发放消费券 市商务局 6月30日前`). Each row is a
/// paragraph of the body, never a title and never joined to the row before.
pub(crate) static TABLE_ROW: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:序号|编号|\d{1,3})(?:\s+\S+){2,}$"));

/// A line wholly in brackets (`（此件公开发布）`, `（有删节）`) closes the text above it; it is
/// no title.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| re(r"^[（(][^（）()]{2,30}[）)]$"));

static ROLE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]?\p{Han}{0,8}?(?:特约)?(?:[评評][论論][员員])[）)]?$"));

/// A lone name: one or two names of two to four characters (`朱理平`, `张三 李四`).
static NAME: LazyLock<Regex> = LazyLock::new(|| re(r"^[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4})?$"));

/// A two-character name printed with a space between surname and given name, so that it
/// lines up with three-character names in a column (`刘 晓`, `韦 力`): papers justify
/// signatures this way.
static SPACED_NAME: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{Han}\s+\p{Han}$"));

/// `株洲日报讯`, `本报讯（记者 张三）`, `新华社北京4月24日电`, `中新网上海4月24日电（记者 李四）`.
pub(crate) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:本[报報]|\p{Han}{2,8}?(?:[日晚早商][报報]|[报報]|[网網]|社|[电電][视視]台|台))(?:\p{Han}{0,6}?\d{1,2}月\d{1,2}日)?(?:[讯訊]|[电電])(?:\s*[（(][^）)]{1,60}[）)]|\s+(?:(?:本[报報])?(?:[记記]者|通[讯訊][员員]|[实實][习習]生)\s+[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4})*\s+)+)?",
    )
});

/// Common Chinese surnames (the most frequent single-character ones and the usual
/// two-character ones). A lone author line must start with one, so that a two- to
/// four-character sub-heading is not taken for a name.
const SURNAMES: &str = "陳張劉黃趙吳孫鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閻龍陶顧龔錢嚴湯溫莊聶歐關蘭紀單塗賴鄔王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐", "夏侯",
    "司徒", "宇文", "端木", "轩辕",
];

fn is_name(text: &str) -> bool {
    if SPACED_NAME.is_match(text) {
        return text.chars().next().is_some_and(|c| SURNAMES.contains(c));
    }
    NAME.is_match(text)
        && text.split_whitespace().all(|n| {
            COMPOUND_SURNAMES.iter().any(|s| n.starts_with(s))
                || n.chars().next().is_some_and(|c| SURNAMES.contains(c))
        })
}

/// Longest title we expect (a two-part headline on one line), in characters.
const MAX_TITLE_CHARS: usize = 50;

fn is_title_like(text: &str) -> bool {
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    // `1、2月全市…`: an enumeration comma between two figures is part of a headline; any
    // other `、` marks a list or a sentence.
    let cs: Vec<char> = text.chars().collect();
    let listing = cs.iter().enumerate().any(|(k, &c)| {
        c == '、'
            && !(k > 0
                && cs[k - 1].is_ascii_digit()
                && cs.get(k + 1).is_some_and(|d| d.is_ascii_digit()))
    });
    (2..=MAX_TITLE_CHARS).contains(&n)
        && !listing
        && !text.contains(['。', '，', '；', ',', ';'])
        && !text.ends_with(['：', ':', '…'])
        && text.chars().any(|c| c.is_alphabetic())
}

/// Bullets some papers print before bylines and sub-headings (`■本报记者 张三`).
pub(crate) const BULLETS: &[char] = &['■', '●', '◆', '★', '□', '○', '◇', '☆', '◎', '·', '•'];

fn classify_one(original: &str) -> Kind {
    let text = original;
    if text.starts_with(['▲', '△']) {
        return Kind::Caption;
    }
    let text = text.trim_start_matches(BULLETS).trim_start();
    if text.is_empty() {
        return Kind::Furniture;
    }
    if JUMP.is_match(text) {
        Kind::Jump
    } else if FURNITURE.iter().any(|r| r.is_match(text)) {
        Kind::Furniture
    } else if text.chars().count() <= 150 && CAPTION.iter().any(|r| r.is_match(text)) {
        Kind::Caption
    } else if text.chars().count() <= 60 && (BYLINE.is_match(text) || ROLE_ONLY.is_match(text)) {
        Kind::Byline
    } else if let Some(m) = DATELINE.find(text) {
        // The length counts from the start of the line as printed (bullets included).
        Kind::Body {
            dateline: m.end() + (original.len() - text.len()),
        }
    } else if TABLE_ROW.is_match(text) || BRACKETED.is_match(text) {
        Kind::Body { dateline: 0 }
    } else if is_title_like(text) {
        Kind::Title {
            name: is_name(text),
        }
    } else {
        Kind::Body { dateline: 0 }
    }
}

/// Classify cleaned, non-empty lines (blank lines are dropped: the rules do not depend on
/// them, so a PDF that loses blank lines reads like the text file that had them).
pub(crate) fn classify(lines: Vec<(String, Option<u8>, bool)>) -> Vec<Line> {
    let mut out: Vec<Line> = lines
        .into_iter()
        .filter(|(t, _, _)| !t.is_empty())
        .map(|(text, heading, indented)| Line {
            kind: classify_one(&text),
            text,
            heading,
            indented,
        })
        .collect();
    // A county paper's short name (`临泉报`, `浦江报`) is a title by its shape; right over the
    // masthead's date it is the masthead.
    for k in 1..out.len() {
        if matches!(out[k - 1].kind, Kind::Title { .. })
            && out[k].kind == Kind::Furniture
            && SHORT_PAPER.is_match(&out[k - 1].text)
            && MASTHEAD_DATE.is_match(&out[k].text)
        {
            out[k - 1].kind = Kind::Furniture;
        }
    }
    out
}

/// A paper's name of two to six characters ending in `报`, alone on its line.
static SHORT_PAPER: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{Han}{2,6}[报報]$"));

/// A masthead date line (`2024年5月28日 星期二`, `二〇二四年七月十二日`).
static MASTHEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月")
});

/// An article's lines, before its body is rebuilt.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub headline: String,
    pub subheadings: Vec<String>,
    pub bylines: Vec<String>,
    pub body: Vec<Line>,
}

/// The most title lines one article may have (kicker, two-line main title, sub-titles).
const MAX_TITLE_LINES: usize = 5;

/// Cut classified lines into articles. Lines before the first article (masthead, page
/// furniture) are returned apart.
pub(crate) fn split(lines: Vec<Line>) -> (Vec<Line>, Vec<Draft>) {
    // (first line of the article, start of the title run, end of the title run, byline
    // lines after it); the first line is before the title run when an editorial voice signs
    // above the title (`本报评论员` / `稳住餐饮业就是稳住烟火气`).
    let mut starts: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !matches!(lines[i].kind, Kind::Title { .. }) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < lines.len() && matches!(lines[end].kind, Kind::Title { .. }) {
            end += 1;
        }
        let start = end.saturating_sub(MAX_TITLE_LINES).max(i);
        // Under a genre label alone (`晨读`), a short line with a comma but no sentence end
        // (`文旅复苏，需要耐心`) is the piece's title: commentary titles often have commas.
        let label_only = lines[start..end]
            .iter()
            .all(|l| GENRE_LABEL.is_match(l.text.trim_start_matches(BULLETS).trim()));
        if label_only
            && lines.get(end).is_some_and(|l| {
                // `文旅复苏，需要耐心` also reads as a byline (`文` + names): one with a
                // comma and neither role nor separator is a title.
                let title_not_byline = l.kind == Kind::Byline
                    && l.text.contains('，')
                    && !l.text.contains([' ', '/', '／'])
                    && !["记者", "通讯员", "评论员"]
                        .iter()
                        .any(|r| l.text.contains(r));
                (l.kind == (Kind::Body { dateline: 0 }) || title_not_byline)
                    && l.text.chars().count() <= 24
                    && !ends_sentence(&l.text)
                    && !l.text.contains(['。', '！', '？'])
            })
        {
            end += 1;
        }
        let next = lines.get(end).map(|l| l.kind);
        let bylines = lines[end..]
            .iter()
            .take_while(|l| l.kind == Kind::Byline)
            .count();
        let first = starts.is_empty()
            && lines[..i]
                .iter()
                .all(|l| matches!(l.kind, Kind::Furniture | Kind::Jump));
        let marked = lines[start..end]
            .iter()
            .any(|l| l.heading.is_some_and(|h| h <= 2));
        // A `——` sub-title under a title only ever belongs to an article's title block.
        let dashed = end - start >= 2
            && lines[start + 1..end]
                .iter()
                .any(|l| l.text.starts_with("——"));
        // A column label before the title (`评论：…`, `短评：…`, `观察｜…`) is how a page
        // opens a piece of its own, whatever follows.
        let labelled = lines[start..end].iter().any(|l| {
            let text = l.text.trim_start_matches(BULLETS).trim();
            COLUMN_LABEL.is_match(text) || GENRE_LABEL.is_match(text)
        });
        // A commentary is signed under its title and has no dateline.
        let signed = end - start >= 2
            && matches!(lines[end - 1].kind, Kind::Title { name: true })
            && matches!(next, Some(Kind::Body { dateline: 0 }));
        // An unsigned editorial voice printed above the title, after the last article's body.
        let voice_above = start > 0
            && start == i
            && lines[start - 1].kind == Kind::Byline
            && ROLE_ONLY.is_match(lines[start - 1].text.trim_start_matches(BULLETS).trim())
            && !(start >= 2 && matches!(lines[start - 2].kind, Kind::Title { .. }))
            && matches!(next, Some(Kind::Body { .. }));
        // A Q&A runs question, answer, question…: a title after an answer, over a paragraph
        // that is neither, opens the next piece (an unsigned commentary printed under the
        // Q&A), not a sub-heading of the Q&A.
        let after_answer = start > 0
            && start == i
            && matches!(lines[start - 1].kind, Kind::Body { .. })
            && is_qa_turn(&lines[start - 1].text, '答')
            && lines.get(end).is_some_and(|l| {
                l.kind == (Kind::Body { dateline: 0 })
                    && !is_qa_turn(&l.text, '问')
                    && !is_qa_turn(&l.text, '答')
            });
        if signed {
            starts.push((start, start, end - 1, 1));
        } else if voice_above && bylines == 0 {
            starts.push((start - 1, start, end, 0));
        } else if bylines > 0
            || matches!(next, Some(Kind::Body { dateline }) if dateline > 0)
            || marked
            || dashed
            || labelled
            || after_answer
            || first
        {
            // Unmarked lines in the same run as a marked heading are its kicker or
            // sub-title; the marked one becomes the headline (see `pick_headline`).
            starts.push((start, start, end, bylines));
        }
        i = end;
    }

    let unsigned: Vec<usize> = starts
        .iter()
        .enumerate()
        .filter_map(|(k, st)| {
            let stop = starts.get(k + 1).map_or(lines.len(), |n| n.0);
            unsigned_piece_in(&lines, st.2 + st.3, stop)
        })
        .collect();
    for h in unsigned {
        starts.push((h, h, h + 1, 0));
    }
    starts.sort_unstable();

    let preamble_end = starts.first().map_or(lines.len(), |s| s.0);
    let mut lines = lines;
    let rest = lines.split_off(preamble_end);
    let preamble = lines;
    let mut drafts = Vec::with_capacity(starts.len());
    let base = preamble_end;
    for (k, &(first, start, title_end, bylines)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(base + rest.len(), |s| s.0);
        let titles: Vec<&Line> = rest[start - base..title_end - base].iter().collect();
        let byline_lines = rest[first - base..start - base]
            .iter()
            .chain(&rest[title_end - base..title_end - base + bylines]);
        let body = rest[title_end - base + bylines..stop - base].to_vec();
        let (headline, subheadings) = pick_headline(&titles);
        drafts.push(Draft {
            headline,
            subheadings,
            bylines: byline_lines.map(|l| l.text.clone()).collect(),
            body,
        });
    }
    (preamble, drafts)
}

/// The longest title of an unsigned piece told apart from a news story's text, in characters.
const MAX_UNSIGNED_TITLE_CHARS: usize = 24;

/// The paper's own place as a news title names it (`我市…`, `全县…`).
const LOCAL_SUBJECTS: &[&str] = &[
    "我市", "我县", "我区", "我省", "我州", "我镇", "全市", "全县", "全区", "全省", "本市",
];

/// The title line of an unsigned, unlabelled piece printed after a news story (a commentary:
/// `稳就业，政策要落到实处` or `乡村振兴关键在人`, then its paragraphs with neither byline nor
/// dateline), found among the body lines `from..to` of the story; `None` when there is none.
///
/// Such a title reads like an in-body sub-heading, so the rule asks for what tells them
/// apart: the story opened with a dateline (a news report, whose sub-headings, when it has
/// any, come in a series), the line is the only title-like line of that body, it comes after
/// a paragraph that ends a sentence, it is short (≤ 24 characters, no sentence mark, not
/// ending with a comma or colon; one with a comma counts, as commentary titles often have
/// one), and the paragraph under it is at least twice as long and not a Q&A turn. The last
/// test keeps hard-wrapped text whole: there a line cut mid-paragraph is about as long as the
/// line after it.
fn unsigned_piece_in(lines: &[Line], from: usize, to: usize) -> Option<usize> {
    let body = lines.get(from..to)?;
    if !matches!(body.first()?.kind, Kind::Body { dateline } if dateline > 0) {
        return None;
    }
    let short_comma_line = |l: &Line| {
        let n = l.text.chars().count();
        l.kind == (Kind::Body { dateline: 0 })
            && (4..=MAX_UNSIGNED_TITLE_CHARS).contains(&n)
            && l.text.contains('，')
            && !l.text.contains(['。', '！', '？', '；', '：', '…'])
            && !l.text.ends_with(['，', ',', '、'])
            && !is_qa_turn(&l.text, '问')
            && !is_qa_turn(&l.text, '答')
    };
    let headings: Vec<usize> = (0..body.len())
        .filter(|&k| matches!(body[k].kind, Kind::Title { .. }) || short_comma_line(&body[k]))
        .collect();
    let [h] = headings[..] else {
        return None;
    };
    let title = &body[h];
    let n = title.text.chars().count();
    let after_sentence =
        h > 0 && matches!(body[h - 1].kind, Kind::Body { .. }) && ends_sentence(&body[h - 1].text);
    let under = body.get(h + 1)?;
    // `三要千方百计释放消费需求，加大` / `购车补贴力度…，大力`: a paragraph cut by the layout
    // goes on in a line that does not end a sentence either; a numbered point (`三要`, `二是`)
    // is the story's own.
    let numbered = {
        let mut cs = title.text.chars();
        cs.next()
            .is_some_and(|c| "一二三四五六七八九十".contains(c))
            && cs.next().is_some_and(|c| matches!(c, '要' | '是' | '、'))
    };
    let paragraph_under = under.kind == (Kind::Body { dateline: 0 })
        && !numbered
        && ends_sentence(&under.text)
        && under.text.chars().count() >= 2 * n
        && !is_qa_turn(&under.text, '问')
        && !is_qa_turn(&under.text, '答');
    // A title without a comma is as often a sub-heading (`稳就业` over one paragraph): it
    // must be a phrase (6 characters or more) over two paragraphs at least.
    // A short news item over a single, last paragraph (`我市提高学生资助标准`) names the place
    // it reports on: a sub-heading over a story's last paragraph (`稳就业`, `加大支持力度`)
    // names none.
    // Or it is signed at its end by someone the story does not credit (`…（记者 叶子）`
    // under `本报讯（记者 许强）`): a brief of its own, though its title names no place
    // (`公园延长开放`).
    let uncredited = |credit: &str| {
        let names = ["本报", "记者", "通讯员", "实习生", "記者", "通訊員"]
            .iter()
            .fold(credit.to_string(), |c, r| c.replace(r, " "));
        let mut names = names.split_whitespace().peekable();
        // The story credits its own reporters above (a byline, or `本报讯（记者 许强）`):
        // a story credited only at its end is signed there, not followed by a brief.
        let story_credited = lines[from.saturating_sub(3)..from]
            .iter()
            .any(|l| l.kind == Kind::Byline)
            || body.first().is_some_and(|l| match l.kind {
                Kind::Body { dateline } => ["记者", "通讯员"]
                    .iter()
                    .any(|r| l.text[..dateline].contains(r)),
                _ => false,
            });
        story_credited
            && names.peek().is_some()
            && names.all(|name| {
                !lines[from.saturating_sub(3)..from]
                    .iter()
                    .chain(body.first())
                    .any(|l| l.text.contains(name))
            })
    };
    let lone_item = h + 2 == body.len()
        && ((n >= 8 && LOCAL_SUBJECTS.iter().any(|w| title.text.contains(w)))
            || (n >= 4 && closing_credit(&under.text).is_some_and(|(_, c)| uncredited(c))));
    let phrase = short_comma_line(title)
        || lone_item
        || (n >= 6
            && body[h + 1..]
                .iter()
                .take(2)
                .filter(|l| l.kind == (Kind::Body { dateline: 0 }))
                .count()
                == 2);
    (n <= MAX_UNSIGNED_TITLE_CHARS && after_sentence && paragraph_under && phrase)
        .then_some(from + h)
}

/// Whether a paragraph is a turn of a Q&A spoken by `who` (`问：…`, `答:…`, `【答】…`).
fn is_qa_turn(text: &str, who: char) -> bool {
    let t = text.trim_start_matches(BULLETS).trim_start();
    let t = t.strip_prefix(['【', '[']).unwrap_or(t);
    let mut cs = t.chars();
    cs.next() == Some(who) && matches!(cs.next(), Some('：' | ':' | '】' | ']'))
}

/// Reporting verbs and marks a kicker (引题) ends with, leading into the main title.
static KICKER_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:[：:]|强调|指出|表示|要求|提出|宣布|称|说|透露|获悉)$"));

/// A line that ends with the name of a government body (`临泉县人民政府`, `市财政局`).
static ISSUING_BODY_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{2,20}(?:政府|局|厅|委员会|委|办公室|办公厅|中心)$"));

fn pick_headline(titles: &[&Line]) -> (String, Vec<String>) {
    let is_sub = |l: &&&Line| l.text.starts_with(['—', '-', '－']);
    // A genre label (`政策解读`) over the title is a kicker; alone it is the headline.
    let is_label = |l: &&Line| GENRE_LABEL.is_match(l.text.trim_start_matches(BULLETS).trim());
    let labels_only = titles.iter().all(is_label);
    let mains: Vec<usize> = (0..titles.len())
        .filter(|k| !is_sub(&&titles[*k]) && (labels_only || !is_label(&titles[*k])))
        .collect();
    let chosen = if let Some(k) = mains
        .iter()
        .copied()
        .filter(|&k| titles[k].heading.is_some())
        .min_by_key(|&k| titles[k].heading)
    {
        Some(k)
    } else {
        match mains.len() {
            0 => None,
            1 => Some(mains[0]),
            2 if KICKER_END.is_match(&titles[mains[0]].text) => Some(mains[1]),
            2 => Some(mains[0]),
            _ => Some(mains[1]),
        }
    };
    let chosen = chosen.unwrap_or(0);
    // A document's title printed on two lines, the issuing body over `关于…`
    // (`临泉县人民政府` / `关于促进县城商品住房消费的通告`): one headline.
    if let [first, second] = mains[..] {
        if titles[second].text.starts_with("关于") && ISSUING_BODY_END.is_match(&titles[first].text)
        {
            let headline = format!("{}{}", titles[first].text, titles[second].text);
            let subheadings = titles
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != first && *k != second)
                .map(|(_, l)| l.text.clone())
                .collect();
            return (headline, subheadings);
        }
    }
    let headline = titles
        .get(chosen)
        .map(|l| l.text.clone())
        .unwrap_or_default();
    let subheadings = titles
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != chosen)
        .map(|(_, l)| l.text.clone())
        .collect();
    (headline, subheadings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds_table() {
        let cases: &[(&str, Kind)] = &[
            ("下转 A4 版", Kind::Jump),
            ("（上接第一版）", Kind::Jump),
            ("- 3 -", Kind::Furniture),
            ("责任编辑：张三 美术编辑：李四", Kind::Furniture),
            ("2020年4月25日 星期六", Kind::Furniture),
            ("2021年3月18日", Kind::Furniture),
            ("湘潭日报", Kind::Furniture),
            ("三湘都市报", Kind::Furniture),
            ("潇湘晨报", Kind::Furniture),
            ("珠海特区报", Kind::Furniture),
            ("国内统一连续出版物号 CN43-0006", Kind::Furniture),
            ("总第12345期", Kind::Furniture),
            ("今日8版", Kind::Furniture),
            ("农历辛丑年二月初六", Kind::Furniture),
            ("第23456期 今日16版", Kind::Furniture),
            ("中共宁波市委机关报", Kind::Furniture),
            ("NINGBO DAILY", Kind::Furniture),
            ("02 要闻", Kind::Furniture),
            ("3 综合", Kind::Furniture),
            ("5G基站建设提速", Kind::Title { name: false }),
            (
                "1、2月全市居民消费价格同比上涨1.2%",
                Kind::Title { name: false },
            ),
            ("降电价、减租金", Kind::Body { dateline: 0 }),
            // A note closing a reprinted document, and rows of a table printed as text.
            ("（此件公开发布）", Kind::Body { dateline: 0 }),
            ("序号 措施 责任单位 完成时限", Kind::Body { dateline: 0 }),
            (
                "1 发放政府消费券5000万元 市商务局 2022年6月30日前",
                Kind::Body { dateline: 0 },
            ),
            ("3条道路完成改造", Kind::Title { name: false }),
            ("刘 晓", Kind::Title { name: true }),
            ("的 晓", Kind::Title { name: false }),
            // A headline that names a paper among other words is still a headline.
            ("湘潭日报创刊七十周年", Kind::Title { name: false }),
            (
                "不少市民前来逛车展，咨询购车。 株洲日报记者 刘芳 摄",
                Kind::Caption,
            ),
            ("市民在展会现场咨询（王五 摄）", Kind::Caption),
            ("株洲日报记者 胡文洁", Kind::Byline),
            ("通讯员/易康源 彭丽娜", Kind::Byline),
            ("本报记者 王小明 通讯员 李四", Kind::Byline),
            ("文/图 赵六", Kind::Byline),
            (
                "株洲日报讯 4月24日，会议召开。",
                Kind::Body {
                    dateline: "株洲日报讯".len(),
                },
            ),
            (
                "新华社北京4月24日电 在第五个",
                Kind::Body {
                    dateline: "新华社北京4月24日电".len(),
                },
            ),
            (
                "本报讯（记者 张三）昨日，",
                Kind::Body {
                    dateline: "本报讯（记者 张三）".len(),
                },
            ),
            (
                "记者从市商务局了解到，活动已拉动销售。",
                Kind::Body { dateline: 0 },
            ),
            ("朱理平", Kind::Title { name: true }),
            ("一季度", Kind::Title { name: false }),
            ("整装 加油 冲刺", Kind::Title { name: false }),
            ("醴陵出台“十二条”支持外贸企业", Kind::Title { name: false }),
            ("他举起相机拍摄。", Kind::Body { dateline: 0 }),
            ("■本报记者 张三", Kind::Byline),
            ("本报评论员", Kind::Byline),
            ("第01版：要闻", Kind::Furniture),
            // Session 10: a letter or a dot in the page label, a stacked weekday, a section,
            // a date in Chinese numerals, a page count with the page, a page credit.
            ("第A3版  要闻", Kind::Furniture),
            ("第4版·三农", Kind::Furniture),
            ("星期二", Kind::Furniture),
            ("城市·民生", Kind::Furniture),
            ("二〇二四年七月十二日 星期五", Kind::Furniture),
            ("今日16版 第5版·文旅", Kind::Furniture),
            ("本版编辑 李敏  校对 张宁", Kind::Furniture),
            ("春城晚报-开屏新闻记者 杨帆", Kind::Byline),
            // Session 11: a masthead in pinyin, a page label with a bar, a brand before 记者.
            ("XINMIN WANBAO", Kind::Furniture),
            ("A04 | 城事", Kind::Furniture),
            ("B2｜文体", Kind::Furniture),
            ("ZAKER全媒体记者 李明", Kind::Byline),
            (
                "本报讯 记者 蒋丽 通讯员 黄一帆 为激发冬季文旅消费活力，市文旅局印发通知。",
                Kind::Body {
                    dateline: "本报讯 记者 蒋丽 通讯员 黄一帆 ".len(),
                },
            ),
            ("▲4月24日，市民在展会现场咨询。", Kind::Caption),
            ("图为新建成的充电站。", Kind::Caption),
            (
                "本报北京4月24日电（记者 王五）",
                Kind::Body {
                    dateline: "本报北京4月24日电（记者 王五）".len(),
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(classify_one(text), *want, "{text}");
        }
    }

    fn lines(texts: &[&str]) -> Vec<Line> {
        classify(texts.iter().map(|t| (t.to_string(), None, false)).collect())
    }

    #[test]
    fn three_title_lines_read_kicker_main_subtitle() {
        let (_, drafts) = split(lines(&[
            "市长主持召开会议强调",
            "坚定信心 奋力夺取双胜利",
            "副市长对相关工作进行讲评",
            "本报记者 王五",
            "本报讯 会议召开。",
        ]));
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].headline, "坚定信心 奋力夺取双胜利");
        assert_eq!(
            drafts[0].subheadings,
            ["市长主持召开会议强调", "副市长对相关工作进行讲评"]
        );
        assert_eq!(drafts[0].bylines, ["本报记者 王五"]);
    }

    #[test]
    fn a_title_followed_by_a_lone_name_starts_a_commentary() {
        let (_, drafts) = split(lines(&[
            "第一篇",
            "本报讯 第一篇的正文，写到一半",
            "坚定信心加油干",
            "朱理平",
            "信心比黄金更宝贵。",
        ]));
        let heads: Vec<&str> = drafts.iter().map(|d| d.headline.as_str()).collect();
        assert_eq!(heads, ["第一篇", "坚定信心加油干"]);
        assert_eq!(drafts[1].bylines, ["朱理平"]);
    }

    #[test]
    fn an_editorial_voice_signed_above_the_title_starts_a_commentary() {
        let (_, drafts) = split(lines(&[
            "第一篇",
            "本报讯 第一篇的正文。",
            "本报评论员",
            "稳住餐饮业就是稳住烟火气",
            "餐饮业是吸纳就业的重要渠道。",
        ]));
        let heads: Vec<&str> = drafts.iter().map(|d| d.headline.as_str()).collect();
        assert_eq!(heads, ["第一篇", "稳住餐饮业就是稳住烟火气"]);
        assert_eq!(drafts[1].bylines, ["本报评论员"]);
        assert!(drafts[0].body.iter().all(|l| l.text != "本报评论员"));
    }

    #[test]
    fn a_name_like_last_title_line_before_a_dateline_is_a_sub_title() {
        let (_, drafts) = split(lines(&[
            "国务院常务会议部署稳就业举措",
            "李强主持",
            "新华社北京6月1日电 会议指出，就业是最基本的民生。",
        ]));
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].headline, "国务院常务会议部署稳就业举措");
        assert_eq!(drafts[0].subheadings, ["李强主持"]);
        assert!(drafts[0].bylines.is_empty());
    }

    #[test]
    fn a_dash_sub_title_starts_an_article_without_a_byline() {
        let (_, drafts) = split(lines(&[
            "第一篇",
            "本报讯 第一篇正文。",
            "春天里的坚守",
            "——记社区网格员张三",
            "清晨六点，张三已经来到社区。",
        ]));
        let heads: Vec<&str> = drafts.iter().map(|d| d.headline.as_str()).collect();
        assert_eq!(heads, ["第一篇", "春天里的坚守"]);
        assert_eq!(drafts[1].subheadings, ["——记社区网格员张三"]);
    }

    #[test]
    fn an_unsigned_commentary_after_a_news_story_is_its_own_piece() {
        // (lines, number of pieces expected)
        let cases: &[(&[&str], usize)] = &[
            // A comma title after a dated story: a commentary.
            (
                &[
                    "公积金贷款利率下调",
                    "本报讯（记者 赵磊）自5月18日起，首套房公积金贷款利率下调0.25个百分点。",
                    "稳就业，政策要落到实处",
                    "就业是最大的民生。各项稳就业政策出台后，关键在于落实。",
                ],
                2,
            ),
            // Without a comma too.
            (
                &[
                    "公积金贷款利率下调",
                    "本报讯（记者 赵磊）自5月18日起，首套房公积金贷款利率下调0.25个百分点。",
                    "乡村振兴关键在人",
                    "乡村要振兴，人才是关键。只有把人留住，乡村才有未来。",
                    "留住人才，既要靠产业，也要靠环境。",
                ],
                2,
            ),
            // A short news item over one last paragraph names its place: its own piece.
            (
                &[
                    "我市出台促进汽车消费若干措施",
                    "本报讯（记者 李明）9月11日，市商务局印发措施，每辆给予5000元购车补贴。",
                    "我市提高学生资助标准",
                    "为确保家庭经济困难学生顺利入学，今年秋季学期起，我市普通高中国家助学金平均资助标准提高到每生每年2300元。",
                ],
                2,
            ),
            // A longer sub-heading over the story's last paragraph names none: it stays.
            (
                &[
                    "我市出台十条措施",
                    "本报讯（记者 张三）我市出台十条措施。",
                    "加大对中小企业的支持力度",
                    "对企业给予补贴，对吸纳就业多的企业再给予奖励，对困难企业缓缴社保费。",
                ],
                1,
            ),
            // A short sub-heading over one paragraph stays in the story.
            (
                &[
                    "我市出台十条措施",
                    "本报讯（记者 张三）我市出台十条措施。",
                    "稳就业",
                    "对企业给予补贴，对吸纳就业多的企业再给予奖励。",
                ],
                1,
            ),
            // Sub-headings in a series stay in the story.
            (
                &[
                    "我市项目建设提速",
                    "本报讯（记者 王五）今年以来，我市项目建设全面提速。",
                    "抓项目，促发展",
                    "一季度全市新开工项目120个，总投资达到350亿元，同比增长12%。",
                    "优服务，解难题",
                    "市里建立了项目服务专员制度，为企业解决难题200余个。",
                ],
                1,
            ),
            // Hard-wrapped text: a line cut mid-paragraph is as long as the line after it.
            (
                &[
                    "我市项目建设提速",
                    "本报讯（记者 王五）今年以来，我市项目建设全面提速。",
                    "据了解，全市新开工项目120",
                    "个，总投资达到350亿元。",
                ],
                1,
            ),
            // Session 10: a short title over a last paragraph signed by another reporter than
            // the story's is a brief of its own, though it names no place.
            (
                &[
                    "一男子醉驾被查",
                    "本报讯（记者 许强）6月23日晚，一男子醉酒后驾车被交警查获。",
                    "公园延长开放",
                    "即日起至8月31日，中山公园每天开放时间延长至23时，方便市民夜间纳凉。（记者 叶子）",
                ],
                2,
            ),
            // Signed by the story's own reporter, or a story credited only at its end: the
            // sub-heading stays.
            (
                &[
                    "一男子醉驾被查",
                    "本报讯（记者 许强）6月23日晚，一男子醉酒后驾车被交警查获。",
                    "依法处理",
                    "目前，该男子已被依法采取刑事强制措施，案件正在进一步办理中。（记者 许强）",
                ],
                1,
            ),
            (
                &[
                    "一男子醉驾被查",
                    "本报讯 6月23日晚，一男子醉酒后驾车被交警查获。",
                    "依法处理",
                    "目前，该男子已被依法采取刑事强制措施，案件正在进一步办理中。（记者 许强）",
                ],
                1,
            ),
            // A story opened by a byline, not a dateline: its sub-heading stays.
            (
                &[
                    "标题",
                    "记者 王五",
                    "第一段。",
                    "稳就业，政策要落到实处",
                    "第二段很长很长很长很长很长很长很长很长很长很长很长。",
                ],
                1,
            ),
        ];
        for (texts, n) in cases {
            let (_, drafts) = split(lines(texts));
            assert_eq!(drafts.len(), *n, "{texts:?}");
        }
        let (_, drafts) = split(lines(cases[0].0));
        assert_eq!(drafts[1].headline, "稳就业，政策要落到实处");
        assert!(drafts[1].bylines.is_empty());
        assert_eq!(drafts[0].body.len(), 1);
    }

    #[test]
    fn title_lines_followed_by_plain_text_stay_in_the_body() {
        let (_, drafts) = split(lines(&[
            "标题",
            "记者 王五",
            "第一段。",
            "5分钟发言",
            "讲得好更要干得好",
            "第二段。",
        ]));
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].body.len(), 4);
    }

    #[test]
    fn a_marked_heading_starts_an_article_without_a_byline() {
        let mut ls = lines(&[
            "第一篇",
            "第一篇正文。",
            "引题在上",
            "第二篇",
            "第二篇正文。",
        ]);
        ls[2].heading = Some(4);
        ls[3].heading = Some(2);
        let (_, drafts) = split(ls);
        let heads: Vec<&str> = drafts.iter().map(|d| d.headline.as_str()).collect();
        assert_eq!(heads, ["第一篇", "第二篇"]);
        assert_eq!(drafts[1].subheadings, ["引题在上"]);
        assert_eq!(
            drafts[0].body.len(),
            1,
            "the kicker is not left in the article above"
        );
    }

    #[test]
    fn a_genre_label_starts_a_piece_and_is_its_kicker_over_a_title() {
        // (lines after a story's body, the headline of the piece that follows)
        let cases: &[(&[&str], &str)] = &[
            (&["讣告", "张某某同志因病医治无效，于3月16日逝世。"], "讣告"),
            (
                &["更正", "本报4月20日第1版一文中数字有误，特此更正。"],
                "更正",
            ),
            (
                &[
                    "政策解读",
                    "人才安居新政答问",
                    "编者按：近日，市政府印发规定。",
                ],
                "人才安居新政答问",
            ),
            (
                &[
                    "晨读",
                    "文旅复苏，需要耐心",
                    "景区一个接一个开门，游客一点点回来。",
                ],
                "文旅复苏，需要耐心",
            ),
            (&["天气", "今天多云，12℃～25℃，东南风3级。"], "天气"),
            (
                &["牡丹文化节嘉宾名单", "出席开幕式的嘉宾有：刘某某、江某某。"],
                "牡丹文化节嘉宾名单",
            ),
            (
                &[
                    "沉痛悼念李某某同志",
                    "李某某同志因病于1月6日逝世，享年86岁。",
                ],
                "沉痛悼念李某某同志",
            ),
        ];
        for (tail, want) in cases {
            let mut lines = vec!["我市出台十条措施", "本报讯（记者 张三）我市出台十条措施。"];
            lines.extend_from_slice(tail);
            let ls = classify(lines.iter().map(|l| (l.to_string(), None, false)).collect());
            let (_, drafts) = split(ls);
            let got: Vec<&str> = drafts.iter().map(|d| d.headline.as_str()).collect();
            assert_eq!(got, ["我市出台十条措施", *want], "{tail:?}");
        }
        // A sub-heading in a story that is no genre label stays in the story.
        let ls = classify(
            [
                "我市出台十条措施",
                "本报讯（记者 张三）我市出台十条措施。",
                "稳就业",
                "对企业给予补贴。",
            ]
            .iter()
            .map(|l| (l.to_string(), None, false))
            .collect(),
        );
        assert_eq!(split(ls).1.len(), 1);
    }

    #[test]
    fn a_title_after_a_qa_answer_opens_the_next_piece_but_a_topic_over_a_question_does_not() {
        let qa = [
            "人才政策答问",
            "本报讯（记者 张三）记者采访了市人社局负责人。",
            "问：能享受哪些补贴？",
            "答：给予3万元购房补贴。",
        ];
        // (lines after the answer, headlines of the drafts)
        let cases: &[(&[&str], &[&str])] = &[
            // An unsigned commentary under the Q&A.
            (
                &["留人更要留心", "人才是第一资源，城市的温度才能留住人。"],
                &["人才政策答问", "留人更要留心"],
            ),
            (&["留人更要留心", "【问】新政何时施行？"], &["人才政策答问"]),
            // A topic heading over the next question stays in the Q&A.
            (&["住房公积金", "问：贷款额度有调整吗？"], &["人才政策答问"]),
        ];
        for (tail, want) in cases {
            let mut lines = qa.to_vec();
            lines.extend_from_slice(tail);
            let ls = classify(lines.iter().map(|l| (l.to_string(), None, false)).collect());
            let got: Vec<String> = split(ls).1.into_iter().map(|d| d.headline).collect();
            assert_eq!(got, *want, "{tail:?}");
        }
    }
}
