//! Cleaning: normalise each line, then rebuild an article body from its lines.
//!
//! Line normalisation: full-width and other exotic spaces become one ASCII space, runs of
//! spaces collapse, zero-width characters and stray control characters go, full-width ASCII
//! digits and letters become ASCII (so `２０２０年` and `2020年` match). Punctuation is left
//! alone: `，` is not `,` in Chinese text.
//!
//! Reflow ([`reflow`]): page columns break sentences, even words, across lines
//! (`…产生良好效应的企` / `业给予奖补`). A text line continues the paragraph before it when
//! that paragraph does not end a sentence (see [`ends_sentence`]) and the line does not open
//! a paragraph by itself (`据了解，`, `一是`, `（二）`…). Short title-like lines after a
//! finished paragraph are in-body sub-headings; after an unfinished one they are the rest of
//! the broken sentence. Jump markers, page furniture and repeated passages are taken out of
//! the body and kept as layout notes with the offset where they stood.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{LayoutNote, LayoutNoteKind};

use super::segment::{Kind, Line, TABLE_ROW};

/// Normalise one line of text (see the module docs).
pub(crate) fn normalize_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        // Most of a line is characters kept as they are (CJK ideographs, ASCII letters and
        // digits): copied a run at a time instead of decoded, matched and encoded one by one
        // (docs/performance.md, session 3).
        let kept = kept_prefix_len(rest.as_bytes());
        if kept > 0 {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&rest[..kept]);
            rest = &rest[kept..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let Some(c) = normalize_char(c) else { continue };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The character table of [`normalize_line`]: every kind of space becomes ' ', invisible and
/// control characters are dropped (`None`), full-width digits and Latin letters become ASCII.
fn normalize_char(c: char) -> Option<char> {
    Some(match c {
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\t'
        | '\u{000B}'
        | '\u{000C}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        c if c.is_control() => return None,
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c)
        }
        c => c,
    })
}

/// Length in bytes of the leading run of `bytes` (a `str`'s) made only of characters that
/// [`normalize_line`] keeps unchanged and that are not spaces: ASCII `!`..`~`, and the
/// three-byte characters U+3001–U+9FFF (CJK punctuation, kana, ideographs), none of which
/// its table maps or drops. Anything else ends the run, whatever it is; the caller then
/// treats one character the slow way.
fn kept_prefix_len(bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x21..=0x7E => i += 1,
            // Lead bytes of U+3000–U+3FFF and U+4000–U+9FFF; U+3000 (E3 80 80) is a space.
            0xE3 if bytes.get(i + 1..i + 3) != Some(&[0x80, 0x80]) => i += 3,
            0xE4..=0xE9 => i += 3,
            _ => break,
        }
    }
    i
}

/// Characters that end a sentence (a paragraph may end after them).
const FINAL: &[char] = &['。', '！', '？', '!', '?', '…', '；', ';', '：', ':', '.'];
/// Closing marks that may follow the sentence end: `……。”` ends a sentence, `“双过半”` alone does not.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '】', '》', '"', '\''];

/// Whether `text` ends a sentence, looking through closing quotes and brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    // A note wholly in brackets (`（此件公开发布）`) is complete as it stands.
    if text.starts_with(['（', '(']) && text.ends_with(['）', ')']) {
        return true;
    }
    // A short item signed at its end (`…近千人次。（记者 王铭）`) ends where its text does.
    if let Some((before, _)) = closing_credit(text) {
        return ends_sentence(before);
    }
    let trimmed = text.trim_end_matches(CLOSERS);
    trimmed.ends_with(FINAL) || (trimmed.len() < text.len() && trimmed.is_empty())
}

/// A reporter's credit in brackets closing a paragraph (`…开放。（记者 叶子）`): the text
/// before it and the credit's words inside the brackets.
pub(crate) fn closing_credit(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_suffix(['）', ')'])?;
    let open = body.rfind(['（', '('])?;
    let opener = body[open..].chars().next()?.len_utf8();
    let inner = &body[open + opener..];
    let before = &text[..open];
    let credit = ["记者", "通讯员", "实习生", "記者", "通訊員"]
        .iter()
        .any(|r| inner.starts_with(r) || inner.starts_with(&format!("本报{r}")));
    (credit && inner.chars().count() <= 30 && !before.trim().is_empty()).then_some((before, inner))
}

/// Words and list markers that start a paragraph of their own, so a line starting with one
/// never continues the previous paragraph even if that one stops mid-sentence (it was cut
/// by the layout and continues elsewhere).
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[据據](?:了解|悉|介[绍紹]|[统統][计計]|[报報][道導]|初步[统統][计計]|[测測]算)|此外|另外|[与與]此同[时時]|[记記]者(?:了解到|从|從|[获獲]悉|注意到|看到)|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.](?:\D|$)|第[一二三四五六七八九十]+[，、是])",
    )
    .expect("valid regex")
});

/// Inline jump markers at the end or start of a paragraph: `（下转第二版）`, `（上接A1版）`.
pub(crate) static INLINE_JUMP_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[（(]\s*(?:下[转轉]|[转轉])\s*(?:第\s*)?[A-Za-z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版\s*[）)]$")
        .expect("valid regex")
});
pub(crate) static INLINE_JUMP_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*(?:上接|接)\s*(?:第\s*)?[A-Za-z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版\s*[）)]\s*")
        .expect("valid regex")
});

/// A standalone paragraph at least this long that repeats text already in the article is a
/// passage the layout printed twice. Shorter repeats (slogans, names) are left alone.
const MIN_DUPLICATE_CHARS: usize = 12;

/// The body of one article, rebuilt.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    /// In-body sub-headings, in order (they stay in `text` as paragraphs of their own).
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub notes: Vec<LayoutNote>,
    /// Bylines printed inside or after the body (`（记者 张三）`).
    pub late_bylines: Vec<String>,
    /// Paragraphs that stop mid-sentence where nothing continues them.
    pub cut_paragraphs: Vec<String>,
}

#[derive(PartialEq)]
enum Para {
    Text(String),
    Heading(String),
}

impl Para {
    fn text(&self) -> &str {
        match self {
            Para::Text(t) | Para::Heading(t) => t,
        }
    }
}

/// Rebuild a body from its lines (dateline already removed from the first one).
/// How the issue lays out its paragraphs, measured over all body lines.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Layout {
    pub wrap_width: Option<usize>,
    /// Paragraphs are marked by indenting their first line (and only those lines are
    /// indented), so an indented line always starts a paragraph.
    pub indents: bool,
}

impl Layout {
    pub fn of(lines: &[Line]) -> Layout {
        let body: Vec<&Line> = lines
            .iter()
            .filter(|l| matches!(l.kind, Kind::Body { .. }))
            .collect();
        let indented = body.iter().filter(|l| l.indented).count();
        Layout {
            wrap_width: wrap_width(lines),
            // Indents carry information only when some body lines have them and others
            // (continuation lines) do not.
            indents: indented * 10 >= body.len() && indented * 10 < body.len() * 9,
        }
    }
}

/// The column width of hard-wrapped text (PDF text layers, fixed-width exports): the line
/// length, in characters, shared by at least two in five lines of ten or more characters,
/// and by at least five of them. `None` for text whose paragraphs are single lines.
pub(crate) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    let mut long = 0;
    for l in lines {
        let n = l.text.chars().count();
        if n >= 10 && matches!(l.kind, Kind::Body { .. } | Kind::Title { .. }) {
            long += 1;
            *counts.entry(n).or_default() += 1;
        }
    }
    let (width, count) = counts.into_iter().max_by_key(|&(w, c)| (c, w))?;
    (count >= 5 && count * 5 >= long * 2).then_some(width)
}

/// Whether a line fills a column `width` characters wide (one short for a wrapped closing
/// mark, one over for a hanging one). Longer lines are not part of the column.
pub(crate) fn fills(text: &str, width: usize) -> bool {
    let n = text.chars().count();
    n + 1 >= width && n <= width + 1
}

/// Rebuild a body from its lines. With a `wrap_width`, a line that fills the column
/// continues into the next one even after a full stop (the column, not the writer, ended it).
pub(crate) fn reflow(lines: &[Line], layout: Layout) -> Body {
    let wrap_width = layout.wrap_width;
    let mut body = Body::default();
    let mut paras: Vec<Para> = Vec::new();
    let mut pending_heading: Vec<&str> = Vec::new();
    let mut seen = String::new();
    // Characters of the joined text so far (paragraphs joined by "\n").
    let position = |paras: &[Para]| -> u32 {
        let chars: usize = paras.iter().map(|p| p.text().chars().count()).sum();
        (chars + paras.len().saturating_sub(1)) as u32
    };
    // Whether the last text line filled the column of hard-wrapped text.
    let mut last_full = false;
    // Whether the last paragraph is text that the next line may continue.
    // A table row (`1 发放消费券 市商务局 6月30日前`) is a paragraph of its own, closed.
    let is_open = |paras: &[Para], last_full: bool| match paras.last() {
        Some(Para::Text(t)) => (last_full || !ends_sentence(t)) && !TABLE_ROW.is_match(t),
        _ => false,
    };

    for line in lines {
        match line.kind {
            Kind::Jump | Kind::Furniture => {
                let kind = if line.kind == Kind::Jump {
                    LayoutNoteKind::JumpMarker
                } else {
                    LayoutNoteKind::PageFurniture
                };
                body.notes.push(LayoutNote {
                    kind,
                    text: line.text.clone(),
                    at: Some(position(&paras)),
                });
            }
            Kind::Caption => body.captions.push(line.text.clone()),
            Kind::Byline => body.late_bylines.push(line.text.clone()),
            // A title-like line opening the body is the first fragment of a paragraph broken
            // by the layout, unless the container marked it as a heading. After a finished
            // sentence it is a heading even below a full column: the last line of a wrapped
            // paragraph ends with its punctuation.
            Kind::Title { .. }
                if !is_open(&paras, false) && (!paras.is_empty() || line.heading.is_some()) =>
            {
                pending_heading.push(&line.text)
            }
            Kind::Title { .. } | Kind::Body { .. } => {
                if !pending_heading.is_empty() {
                    paras.push(Para::Heading(pending_heading.join(" ")));
                    pending_heading.clear();
                    last_full = false;
                }
                let mut text = line.text.as_str();
                // `■ 5月27日，…`: a bullet opens an item of a digest, a paragraph of its own;
                // the bullet is layout, not text.
                const ITEM_BULLETS: &[char] =
                    &['■', '●', '◆', '★', '□', '○', '◇', '☆', '◎', '•', '▶', '►'];
                let bulleted = text.starts_with(ITEM_BULLETS);
                if bulleted {
                    text = text.trim_start_matches(ITEM_BULLETS).trim_start();
                }
                let mut leading_jump = None;
                if let Some(m) = INLINE_JUMP_START.find(text) {
                    // Where a new paragraph would start; corrected below if the line joins
                    // the paragraph before it.
                    leading_jump = Some(body.notes.len());
                    body.notes.push(LayoutNote {
                        kind: LayoutNoteKind::JumpMarker,
                        text: m.as_str().trim().to_string(),
                        at: Some(position(&paras) + u32::from(!paras.is_empty())),
                    });
                    text = &text[m.end()..];
                }
                let trailing_jump = INLINE_JUMP_END.find(text).map(|m| {
                    let marker = m.as_str().trim().to_string();
                    text = &text[..m.start()];
                    marker
                });
                let full = wrap_width.is_some_and(|w| fills(&line.text, w));
                if text.chars().count() >= MIN_DUPLICATE_CHARS
                    && text.contains(CLAUSE_MARKS)
                    && seen.contains(text)
                {
                    note_duplicate(&mut body.notes, text, position(&paras));
                } else if !text.is_empty() {
                    // The layout may also repeat an earlier passage at the end of a line.
                    let repeated = repeated_suffix(text, &seen);
                    let (kept, repeat) = text.split_at(text.len() - repeated);
                    let text = kept;
                    seen.push_str(text);
                    // A sentence left open continues (unless the line opens a paragraph of
                    // its own); a full column continues unless the next line is indented
                    // in a layout that indents paragraphs.
                    let open_sentence = is_open(&paras, false)
                        && !OPENER.is_match(text)
                        && !TABLE_ROW.is_match(text)
                        && !bulleted;
                    let open_column = !bulleted
                        && is_open(&paras, last_full)
                        && last_full
                        && !(layout.indents && line.indented);
                    if open_sentence || open_column {
                        if let Some(k) = leading_jump {
                            body.notes[k].at = Some(position(&paras));
                        }
                        if let Some(Para::Text(last)) = paras.last_mut() {
                            last.push_str(text);
                        }
                    } else {
                        if let Some(Para::Text(last)) = paras.last() {
                            if !ends_sentence(last) && !TABLE_ROW.is_match(last) {
                                body.cut_paragraphs.push(last.clone());
                            }
                        }
                        paras.push(Para::Text(text.to_string()));
                    }
                    if !repeat.is_empty() {
                        note_duplicate(&mut body.notes, repeat, position(&paras));
                    }
                    last_full = full && repeat.is_empty();
                }
                if let Some(marker) = trailing_jump {
                    body.notes.push(LayoutNote {
                        kind: LayoutNoteKind::JumpMarker,
                        text: marker,
                        at: Some(position(&paras)),
                    });
                }
            }
        }
    }
    if !pending_heading.is_empty() {
        paras.push(Para::Heading(pending_heading.join(" ")));
    }
    if let Some(Para::Text(last)) = paras.last() {
        if !ends_sentence(last) && !TABLE_ROW.is_match(last) {
            body.cut_paragraphs.push(last.clone());
        }
    }
    body.headings = paras
        .iter()
        .filter_map(|p| match p {
            Para::Heading(h) => Some(h.clone()),
            Para::Text(_) => None,
        })
        .collect();
    body.text = paras.iter().map(Para::text).collect::<Vec<_>>().join("\n");
    body
}

/// A repeated tail must be at least this long and span a clause boundary: long names and
/// set phrases legitimately recur, whole clauses printed twice do not.
const MIN_REPEATED_TAIL_CHARS: usize = 20;
const CLAUSE_MARKS: &[char] = &['，', '。', '；', '！', '？', '、', '：'];

/// Byte length of the longest tail of `text` that already occurs in `seen` (0 if none
/// qualifies). Containment is monotonic in the tail length (a shorter tail is a substring of
/// a longer one), so the longest is found by binary search.
fn repeated_suffix(text: &str, seen: &str) -> usize {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    if n <= MIN_REPEATED_TAIL_CHARS || seen.is_empty() {
        return 0;
    }
    let tail = |chars: usize| &text[starts[n - chars]..];
    // The shortest tail that could qualify decides most lines with one search: when it is
    // not in `seen`, no longer tail is, and the binary search below would end under the
    // minimum (it cost a search of `seen` per halving, for every line of every article:
    // 4 % of an import's instructions; docs/performance.md, session 3).
    if !seen.contains(tail(MIN_REPEATED_TAIL_CHARS)) {
        return 0;
    }
    // The whole fragment repeated is handled by the caller; keep at least one character.
    // `tail(lo)` is in `seen` throughout.
    let (mut lo, mut hi) = (MIN_REPEATED_TAIL_CHARS, n - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if seen.contains(tail(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo >= MIN_REPEATED_TAIL_CHARS && tail(lo).contains(CLAUSE_MARKS) {
        // Punctuation that opens the repeat belongs to the sentence it ends.
        tail(lo).trim_start_matches(CLAUSE_MARKS).len()
    } else {
        0
    }
}

/// Record a removed repeat; repeats removed at the same place form one passage.
fn note_duplicate(notes: &mut Vec<LayoutNote>, text: &str, at: u32) {
    if let Some(last) = notes.last_mut() {
        if last.kind == LayoutNoteKind::DuplicatePassage && last.at == Some(at) {
            last.text.push_str(text);
            return;
        }
    }
    notes.push(LayoutNote {
        kind: LayoutNoteKind::DuplicatePassage,
        text: text.to_string(),
        at: Some(at),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::segment::classify;

    /// [`normalize_line`] one character at a time, as it was before the run fast path.
    fn normalize_line_by_char(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut space = false;
        for c in raw.chars() {
            let Some(c) = normalize_char(c) else { continue };
            if c == ' ' {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        out
    }

    /// Every character the fast path copies must be one the character table keeps.
    #[test]
    fn characters_copied_in_runs_are_kept_unchanged() {
        for c in (0u32..0x1_0000).filter_map(char::from_u32) {
            let s = c.to_string();
            if kept_prefix_len(s.as_bytes()) > 0 {
                assert_eq!(normalize_line_by_char(&s), s, "U+{:04X}", c as u32);
            }
        }
    }

    proptest::proptest! {
        /// Lines mixing kept runs with every kind of character the table maps or drops.
        #[test]
        fn normalised_lines_agree_with_normalising_char_by_char(
            raw in "[a-z0-9 ,.　\u{00A0}\u{2002}\u{202F}\u{205F}\t\u{000B}\u{200B}\u{2060}\u{FEFF}\u{00AD}\u{0007}\u{0085}２０Ａｚ，。“”、（）〇一国政策补贴\u{3001}\u{9FFF}\u{A000}\u{1F600}]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalize_line(&raw), normalize_line_by_char(&raw));
        }
    }

    /// [`repeated_suffix`] by testing every tail length, longest first: what the
    /// binary search and its early exit must both agree with.
    fn repeated_suffix_by_every_length(text: &str, seen: &str) -> usize {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let n = starts.len();
        if n <= MIN_REPEATED_TAIL_CHARS || seen.is_empty() {
            return 0;
        }
        let longest = (1..n)
            .rev()
            .map(|k| &text[starts[n - k]..])
            .find(|t| seen.contains(t))
            .unwrap_or("");
        if longest.chars().count() >= MIN_REPEATED_TAIL_CHARS && longest.contains(CLAUSE_MARKS) {
            longest.trim_start_matches(CLAUSE_MARKS).len()
        } else {
            0
        }
    }

    #[test]
    fn repeated_tails_table() {
        let clause = "各地加快推进复工复产，企业用电成本下降了百分之五";
        let cases: &[(&str, String, usize)] = &[
            // Nothing seen yet, or too short to count.
            ("", format!("新段落开头。{clause}"), 0),
            (clause, "短句，重复".to_string(), 0),
            // The line ends with a clause printed before: the repeat is cut.
            (clause, format!("新的一段话开始了。{clause}"), clause.len()),
            // Punctuation opening the repeat stays with the sentence it ends.
            (
                &format!("前文，{clause}"),
                format!("新的一段话开始了，{clause}"),
                clause.len(),
            ),
            // A long repeat without a clause mark is a set phrase, not a duplicate.
            (
                "中华人民共和国国民经济和社会发展第十四个五年规划",
                "我们要落实中华人民共和国国民经济和社会发展第十四个五年规划".to_string(),
                0,
            ),
        ];
        for (seen, text, want) in cases {
            assert_eq!(repeated_suffix(text, seen), *want, "{text} after {seen}");
            assert_eq!(repeated_suffix_by_every_length(text, seen), *want, "{text}");
        }
    }

    proptest::proptest! {
        /// Texts over a small alphabet (with clause marks) repeat tails often, at every
        /// length around the minimum.
        #[test]
        fn repeated_tail_search_agrees_with_testing_every_length(
            seen in "[甲乙丙，。]{0,80}",
            text in "[甲乙丙，。]{0,60}",
            cut in 0usize..80,
        ) {
            // Half the cases: `text` ends with a piece of `seen`.
            let piece: String = seen.chars().skip(cut).take(40).collect();
            for text in [text.clone(), format!("{text}{piece}")] {
                proptest::prop_assert_eq!(
                    repeated_suffix(&text, &seen),
                    repeated_suffix_by_every_length(&text, &seen),
                    "{} after {}", text, seen
                );
            }
        }
    }

    fn body_of(lines: &[&str]) -> Body {
        let lines: Vec<Line> = classify(
            lines
                .iter()
                .map(|l| (l.to_string(), None, false))
                .collect::<Vec<_>>(),
        );
        reflow(&lines, Layout::of(&lines))
    }

    #[test]
    fn normalisation_table() {
        let cases = [
            ("\u{3000}\u{3000}株洲日报讯\u{3000}4月", "株洲日报讯 4月"),
            ("a  \t b", "a b"),
            ("２０２０年ＡＢ", "2020年AB"),
            ("零\u{200B}宽\u{FEFF}字", "零宽字"),
            ("，。“”", "，。“”"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_line(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn sentence_ends_look_through_closing_quotes() {
        for (text, want) in [
            ("稳定预期。", true),
            ("“翻身仗。”", true),
            ("奋力冲刺“双过半”", false),
            ("项目入驻后，", false),
            ("有以下几点：", true),
            ("老科", false),
        ] {
            assert_eq!(ends_sentence(text), want, "{text}");
        }
    }

    #[test]
    fn a_line_breaking_mid_sentence_is_rejoined_and_real_breaks_stay() {
        let b = body_of(&[
            "他们在会上提出了加快",
            "推进的要求，",
            "并作了部署。",
            "第二段从这里开始。",
        ]);
        assert_eq!(
            b.text,
            "他们在会上提出了加快推进的要求，并作了部署。\n第二段从这里开始。"
        );
    }

    #[test]
    fn digest_items_behind_bullets_are_paragraphs_without_the_bullet() {
        let b = body_of(&[
            "要闻速览",
            "■ 市住建局日前发布通知，按每人每月1000元发放租房补贴",
            "■5月27日，市人大常委会召开会议。",
        ]);
        assert_eq!(
            b.text,
            "要闻速览\n市住建局日前发布通知，按每人每月1000元发放租房补贴\n5月27日，市人大常委会召开会议。"
        );
    }

    #[test]
    fn a_paragraph_opener_is_not_glued_to_a_cut_paragraph() {
        let b = body_of(&["市场开拓等方面开拓新市", "据了解，该政策将持续至年底。"]);
        assert_eq!(
            b.text,
            "市场开拓等方面开拓新市\n据了解，该政策将持续至年底。"
        );
        assert_eq!(b.cut_paragraphs, ["市场开拓等方面开拓新市"]);
    }

    #[test]
    fn short_lines_after_a_finished_paragraph_are_headings() {
        let b = body_of(&["上一段结束了。", "一季度", "经济秩序加速恢复", "正文继续。"]);
        assert_eq!(b.headings, ["一季度 经济秩序加速恢复"]);
        assert_eq!(
            b.text,
            "上一段结束了。\n一季度 经济秩序加速恢复\n正文继续。"
        );
    }

    #[test]
    fn a_repeated_passage_and_a_jump_marker_become_notes() {
        let b = body_of(&[
            "第一段写到这里，说明了很多重要的事情。",
            "下转第3版",
            "第二段。",
            "第一段写到这里，说明了很多",
        ]);
        assert_eq!(b.text, "第一段写到这里，说明了很多重要的事情。\n第二段。");
        let kinds: Vec<_> = b.notes.iter().map(|n| (n.kind, n.at)).collect();
        assert_eq!(
            kinds,
            [
                (LayoutNoteKind::JumpMarker, Some(19)),
                (LayoutNoteKind::DuplicatePassage, Some(24))
            ]
        );
    }

    #[test]
    fn a_passage_repeated_at_the_end_of_a_line_is_cut_and_joined_with_the_repeat_after_it() {
        let b = body_of(&[
            "从世界看，全球供应链面临中断，变数在增加，这是挑战；从全国看，政策像雪花一样飞来，国外制造业回",
            "转，这是机遇；从本市看，此时正是补链强链的好时期。",
            "投资是关键，要营造好的发展环境，精准施策，变数在增加，这是挑战；从全国看，政策像雪花一样飞来，国外制造业回",
            "转，这是机遇；从本市看，此时正是补链强链的好时期。",
        ]);
        assert_eq!(
            b.text,
            "从世界看，全球供应链面临中断，变数在增加，这是挑战；从全国看，政策像雪花一样飞来，国外制造业回转，这是机遇；从本市看，此时正是补链强链的好时期。\n投资是关键，要营造好的发展环境，精准施策，"
        );
        assert_eq!(b.notes.len(), 1, "{:?}", b.notes);
        assert_eq!(
            b.notes[0].text,
            "变数在增加，这是挑战；从全国看，政策像雪花一样飞来，国外制造业回转，这是机遇；从本市看，此时正是补链强链的好时期。"
        );
        assert_eq!(b.notes[0].at, Some(b.text.chars().count() as u32));
    }

    #[test]
    fn a_long_name_repeated_is_not_a_duplicate() {
        let b = body_of(&[
            "湖南机电（机动车）产业基地外贸综合服务平台建设启动。",
            "该基地将依托湖南机电（机动车）产业基地外贸综合服务平台",
        ]);
        assert!(b.notes.is_empty(), "{:?}", b.notes);
    }

    #[test]
    fn hard_wrapped_lines_that_fill_the_column_continue_even_after_a_full_stop() {
        let b = body_of(&[
            "第一段的第一行正好写满了这一栏。",
            "这还是第一段的内容，一直写到栏宽",
            "满了为止所以换行了，接着写完整。",
            "第一段的最后一行不满。",
            "第二段的第一行也写满了这一栏吧。",
            "第二段只有一行多一点。",
            "第三段开始，仍然是写满的一行字。",
            "结束。",
        ]);
        assert_eq!(
            b.text.split('\n').count(),
            3,
            "three paragraphs: {:?}",
            b.text
        );
        assert!(b
            .text
            .starts_with("第一段的第一行正好写满了这一栏。这还是第一段"));
    }

    #[test]
    fn unwrapped_text_has_no_column_width() {
        let lines: Vec<Line> = classify(
            [
                "短一点的一行文字。",
                "这一行要长得多，长得多，长得多。",
                "第三行的长度又不一样了，对吧。",
            ]
            .iter()
            .map(|l| (l.to_string(), None, false))
            .collect(),
        );
        assert_eq!(wrap_width(&lines), None);
    }

    #[test]
    fn inline_jump_markers_are_cut_from_paragraph_edges() {
        let b = body_of(&[
            "会议要求加快进度。（下转第二版）",
            "（上接第一版）新的一段。",
        ]);
        assert_eq!(b.text, "会议要求加快进度。\n新的一段。");
        let texts: Vec<&str> = b.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["（下转第二版）", "（上接第一版）"]);
        assert_eq!(b.notes[0].at, Some(9), "after “会议要求加快进度。”");
        assert_eq!(
            b.notes[1].at,
            Some(10),
            "at the start of the next paragraph"
        );
        let joined = body_of(&["会议要求加快", "（上接第一版）进度。"]);
        assert_eq!(joined.text, "会议要求加快进度。");
        assert_eq!(joined.notes[0].at, Some(6), "at the join");
    }
}
