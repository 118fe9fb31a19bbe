//! One generated newspaper issue: plain text of about 100 KB laid out like a city daily
//! (page headers, headlines, bylines, datelines, package articles whose items are separated
//! by `；`, date phrases, layout breaks in the middle of a word, page-jump markers, captions,
//! a duplicated passage), plus the clean articles it was built from (the ground truth the
//! FTS5 baseline inserts).

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;

use super::phrases::date_phrase;
use super::vocab::*;
use super::{chinese_count, person, pick, rng_for, Stream};

/// Text bytes an issue aims at; each issue draws its own size within ±15 %.
pub const TARGET_BYTES: usize = 100 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedArticle {
    pub headline: String,
    /// Paragraphs joined by `\n`, without layout artefacts.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedIssue {
    pub file_name: String,
    pub date: NaiveDate,
    pub publication: &'static str,
    /// The file as written to disk (UTF-8, sometimes with a BOM or CRLF line ends).
    pub bytes: Vec<u8>,
    pub articles: Vec<GeneratedArticle>,
}

/// Issue number `index` of the daily whose first issue appears on `start`.
pub fn generate_issue(seed: u64, index: u32, start: NaiveDate) -> GeneratedIssue {
    let mut rng = rng_for(seed, Stream::Issue, index as u64);
    let date = start + Duration::days(index as i64);
    let (publication, credit) = PUBLICATIONS[rng.random_range(0..PUBLICATIONS.len())];
    let city = &publication[..publication.len() - "日报".len()];
    let target = TARGET_BYTES * rng.random_range(85..=115) / 100;
    let mut w = Writer {
        out: String::with_capacity(target + 8 * 1024),
        page_headers: rng.random_bool(0.5),
        page: 1,
        date,
        publication,
    };
    for _ in 0..rng.random_range(0..4) {
        w.blank();
    }
    w.page_header(&mut rng);
    let mut articles = Vec::new();
    let mut duplicate_left = rng.random_bool(0.4);
    let mut since_page = 0;
    while w.out.len() < target {
        if since_page >= rng.random_range(3..6) {
            w.page += 1;
            since_page = 0;
            w.page_header(&mut rng);
        }
        since_page += 1;
        let ctx = Ctx {
            date,
            city,
            credit,
            publication,
        };
        let (headline_lines, paragraphs) = match rng.random_range(0..10) {
            0 => wire_article(&mut rng, &ctx),
            1..=3 => local_news(&mut rng, &ctx),
            4..=5 => package_article(&mut rng, &ctx),
            6 => commentary(&mut rng),
            7 => feature(&mut rng, &ctx),
            _ => notice(&mut rng, &ctx),
        };
        for l in &headline_lines {
            w.line(l);
        }
        w.blank();
        // A page-jump marker after the opening paragraphs; the rest follows the next page header.
        let jump = paragraphs.len() > 3 && rng.random_bool(0.15);
        for (i, p) in paragraphs.iter().enumerate() {
            if jump && i == 2 {
                w.line(&format!("下转 A{} 版", w.page + 1));
                w.blank();
                w.page += 1;
                since_page = 0;
                w.page_header(&mut rng);
                w.line(&format!("（上接A{}版）", w.page - 1));
            }
            w.paragraph(&mut rng, p);
            if duplicate_left && i == 1 && rng.random_bool(0.5) {
                // The seed repeats the tail of a paragraph after a page break; so do we.
                let chars: Vec<char> = p.chars().collect();
                let from = chars.len() / 2;
                w.paragraph(&mut rng, &chars[from..].iter().collect::<String>());
                duplicate_left = false;
            }
        }
        if rng.random_bool(0.15) {
            w.line(&format!(
                "{}。 {} 摄",
                pick(&mut rng, CAPTIONS),
                person(&mut rng)
            ));
            w.blank();
        }
        w.blank();
        articles.push(GeneratedArticle {
            headline: headline_lines.join(" "),
            body: paragraphs.join("\n"),
        });
    }
    // Line ends and BOM vary as they do between export tools.
    let mut text = w.out;
    if rng.random_bool(0.15) {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if rng.random_bool(0.1) {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    GeneratedIssue {
        file_name: format!("{}_{}_{:05}.txt", city, date.format("%Y%m%d"), index),
        date,
        publication,
        bytes,
        articles,
    }
}

struct Ctx<'a> {
    date: NaiveDate,
    city: &'a str,
    credit: &'a str,
    publication: &'a str,
}

struct Writer {
    out: String,
    page_headers: bool,
    page: u32,
    date: NaiveDate,
    publication: &'static str,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn page_header<R: Rng>(&mut self, rng: &mut R) {
        if !self.page_headers {
            return;
        }
        let d = self.date;
        let header = format!(
            "A{}  {}  {}年{}月{}日 星期{}  责任编辑 {}",
            self.page,
            pick(rng, SECTIONS),
            d.year(),
            d.month(),
            d.day(),
            WEEKDAYS[d.weekday().num_days_from_monday() as usize],
            person(rng)
        );
        self.line(&header);
        self.line(self.publication);
        self.blank();
    }

    /// A paragraph, sometimes broken mid-word by the layout (a blank line inside it).
    fn paragraph<R: Rng>(&mut self, rng: &mut R, p: &str) {
        let n = p.chars().count();
        if n > 20 && rng.random_bool(0.12) {
            let at = rng.random_range(5..n - 5);
            let (head, tail): (String, String) = {
                let mut it = p.chars();
                let head: String = it.by_ref().take(at).collect();
                (head, it.collect())
            };
            self.line(&head);
            self.blank();
            self.line(&tail);
        } else {
            self.line(p);
        }
        self.blank();
    }
}

fn sentence<R: Rng>(rng: &mut R) -> String {
    match rng.random_range(0..4) {
        0 => format!(
            "{}要{}，聚焦{}，{}。",
            pick(rng, SUBJECTS),
            pick(rng, ACTIONS),
            pick(rng, OBJECTS),
            pick(rng, TAILS)
        ),
        1 => format!(
            "今年以来，{}{}，{}建设取得新进展，累计完成投资{}亿元，同比增长{}.{}%。",
            pick(rng, SUBJECTS),
            pick(rng, ACTIONS),
            pick(rng, OBJECTS),
            rng.random_range(2..900),
            rng.random_range(1..30),
            rng.random_range(0..10)
        ),
        2 => format!(
            "{}表示，将围绕{}{}，{}。",
            person(rng),
            pick(rng, OBJECTS),
            pick(rng, ACTIONS),
            pick(rng, TAILS)
        ),
        _ => format!(
            "目前，{}共有{}企业{}家，{}。",
            pick(rng, COUNTIES),
            pick(rng, TRADES),
            rng.random_range(12..2000),
            pick(rng, TAILS)
        ),
    }
}

fn paragraph<R: Rng>(rng: &mut R) -> String {
    (0..rng.random_range(2..7)).map(|_| sentence(rng)).collect()
}

fn paragraphs<R: Rng>(rng: &mut R, n: std::ops::Range<usize>) -> Vec<String> {
    (0..rng.random_range(n)).map(|_| paragraph(rng)).collect()
}

fn md(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

fn byline<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> Vec<String> {
    let mut lines = vec![format!("{} {}", ctx.credit, person(rng))];
    if rng.random_bool(0.5) {
        lines.push(format!("通讯员/{} {}", person(rng), person(rng)));
    }
    lines
}

fn wire_article<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> (Vec<String>, Vec<String>) {
    let head = vec![format!("{} {}", pick(rng, ACTIONS), pick(rng, TAILS))];
    let mut ps = paragraphs(rng, 2..6);
    ps[0] = format!(
        "新华社{}{}电 {}",
        pick(rng, WIRE_CITIES),
        md(ctx.date - Duration::days(1)),
        ps[0]
    );
    (head, ps)
}

fn local_news<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> (Vec<String>, Vec<String>) {
    let meeting = pick(rng, MEETINGS);
    let mut head = vec![format!("{}召开{}", ctx.city, meeting)];
    if rng.random_bool(0.5) {
        head.push(format!("{} {}", pick(rng, ACTIONS), pick(rng, TAILS)));
    }
    head.extend(byline(rng, ctx));
    let mut ps = vec![format!(
        "{}讯 {}，{}{}召开。{}",
        ctx.publication,
        md(ctx.date - Duration::days(1)),
        ctx.city,
        meeting,
        paragraph(rng)
    )];
    ps.extend(paragraphs(rng, 3..9));
    if rng.random_bool(0.3) {
        let i = rng.random_range(1..ps.len());
        ps[i] = format!("{}起，{}", date_phrase(rng, ctx.date), ps[i]);
    }
    (head, ps)
}

/// One item of a package: an instrument with a typed value.
fn package_item<R: Rng>(rng: &mut R, date: NaiveDate) -> String {
    let item = match rng.random_range(0..9) {
        0 => format!(
            "对{}给予最高{}万元{}",
            pick(rng, BENEFICIARIES),
            rng.random_range(1..500),
            pick(rng, INSTRUMENTS)
        ),
        1 => {
            let (what, unit) = UTILITIES[rng.random_range(0..UTILITIES.len())];
            format!("{what}整体下降0.{}元/{unit}", rng.random_range(1..10))
        }
        2 => format!(
            "一般工商业及其他电价统一按原到户电价水平的{}%结算",
            rng.random_range(85..99)
        ),
        3 => format!("鼓励金融机构贷款利率下调{}%以上", rng.random_range(5..25)),
        4 => format!(
            "推动普惠型小微企业综合融资成本同比下降0.{}个百分点",
            rng.random_range(1..10)
        ),
        5 => format!(
            "企业生产用水执行综合水价{}.{:02}元标准",
            rng.random_range(2..6),
            rng.random_range(0..100)
        ),
        6 => format!(
            "实行“7×24小时”通关服务，{}小时之外及节假日推行预约加班",
            rng.random_range(6..10)
        ),
        7 => format!(
            "对{}企业新增用工每人补助{}元",
            pick(rng, TRADES),
            rng.random_range(5..31) * 100
        ),
        _ => format!("{}按{}执行", pick(rng, INSTRUMENTS), date_phrase(rng, date)),
    };
    if rng.random_bool(0.2) {
        format!("{}，{}", item, date_phrase(rng, date))
    } else {
        item
    }
}

fn package_article<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> (Vec<String>, Vec<String>) {
    let county = pick(rng, COUNTIES);
    let n = rng.random_range(5..21);
    let count = chinese_count(n);
    let who = pick(rng, BENEFICIARIES);
    let mut head = vec![format!(
        "{county}{}“{count}条”支持{who}",
        pick(rng, HEADLINE_VERBS)
    )];
    head.extend(byline(rng, ctx));
    let mut ps = vec![format!(
        "{}讯 近日，{county}出台《支持{who}{count}条》（以下简称“{count}条”），从降低成本、稳岗就业、金融支持、物流保障等多个方面，全方位为企业减负。",
        ctx.publication
    )];
    ps.push(paragraph(rng));
    let items: Vec<String> = (0..n).map(|_| package_item(rng, ctx.date)).collect();
    ps.push(format!("{}……", items.join("；")));
    ps.push(format!(
        "据了解，该支持政策{}。",
        date_phrase(rng, ctx.date)
    ));
    (head, ps)
}

fn commentary<R: Rng>(rng: &mut R) -> (Vec<String>, Vec<String>) {
    let head = vec![pick(rng, COMMENT_HEADS).to_string(), person(rng)];
    (head, paragraphs(rng, 3..7))
}

fn feature<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> (Vec<String>, Vec<String>) {
    let meeting = pick(rng, MEETINGS);
    let mut head = vec![
        format!("{} {}", pick(rng, ACTIONS), pick(rng, OBJECTS)),
        format!("——{}{}侧记", ctx.city, meeting),
    ];
    head.extend(byline(rng, ctx));
    let mut ps = Vec::new();
    for _ in 0..rng.random_range(2..5) {
        // Two short lines of a sub-head, then its paragraphs.
        ps.push(format!("{}\n{}", pick(rng, OBJECTS), pick(rng, ACTIONS)));
        ps.extend(paragraphs(rng, 1..4));
    }
    (head, ps)
}

fn notice<R: Rng>(rng: &mut R, ctx: &Ctx<'_>) -> (Vec<String>, Vec<String>) {
    let amount = rng.random_range(1..30) * 100;
    let instrument = pick(rng, INSTRUMENTS);
    let mut head = vec![format!("{}{}万元{}开始申领", ctx.city, amount, instrument)];
    head.extend(byline(rng, ctx));
    let from = ctx.date - Duration::days(rng.random_range(1..30));
    let to = ctx.date + Duration::days(rng.random_range(20..90));
    let ps = vec![
        format!(
            "{}讯 记者从{}获悉，{}将安排{}万元资金开展{}活动，{}。",
            ctx.publication,
            pick(rng, ISSUERS),
            ctx.city,
            amount,
            instrument,
            pick(rng, TAILS)
        ),
        format!(
            "凡在{}0时至{}24时期间{}的{}，均可参与，每人限领一次，单笔最高{}元。",
            md(from),
            md(to),
            pick(rng, ACTIONS),
            pick(rng, BENEFICIARIES),
            rng.random_range(1..60) * 100
        ),
        paragraph(rng),
    ];
    (head, ps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
    }

    #[test]
    fn the_same_seed_and_index_give_the_same_issue() {
        assert_eq!(
            generate_issue(42, 3, start()),
            generate_issue(42, 3, start())
        );
        assert_ne!(
            generate_issue(42, 3, start()).bytes,
            generate_issue(42, 4, start()).bytes
        );
    }

    #[test]
    fn issues_are_about_a_hundred_kilobytes_of_utf8_text() {
        for i in 0..5 {
            let issue = generate_issue(7, i, start());
            let n = issue.bytes.len();
            assert!(
                (80 * 1024..140 * 1024).contains(&n),
                "issue {i} has {n} bytes"
            );
            let body = issue
                .bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&issue.bytes);
            assert!(std::str::from_utf8(body).is_ok());
            assert!(
                issue.articles.len() >= 10,
                "{} articles",
                issue.articles.len()
            );
        }
    }

    #[test]
    fn every_article_body_appears_in_the_issue_once_layout_is_undone() {
        let issue = generate_issue(9, 11, start());
        let text = String::from_utf8_lossy(&issue.bytes).replace("\r\n", "\n");
        // Undo layout breaks by dropping all line ends, then look for each article's opening.
        let flat: String = text.chars().filter(|&c| c != '\n').collect();
        for a in &issue.articles {
            let opening: String = a.body.chars().filter(|&c| c != '\n').take(15).collect();
            assert!(flat.contains(&opening), "missing article opening {opening}");
        }
    }

    #[test]
    fn a_year_has_package_articles_with_semicolon_items() {
        let found = (0..20).any(|i| {
            generate_issue(1, i, start())
                .articles
                .iter()
                .any(|a| a.headline.contains("条”支持") && a.body.matches('；').count() >= 4)
        });
        assert!(found);
    }
}
