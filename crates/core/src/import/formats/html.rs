//! HTML: decode (BOM, `<meta charset>`, detection), parse with `scraper` (html5ever, the
//! browsers' parsing algorithm), and keep only the text.
//!
//! Invariant: nothing executable reaches the stored text. Scripts, styles, templates,
//! embedded objects and navigation are skipped as whole subtrees; attributes (event
//! handlers, `style`, `href`) are never read. Block elements end a line; `<br>` ends a line;
//! `<h1>`…`<h6>` mark their lines as headings for the segmenter.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{Extracted, SourceLine};
use crate::import::{decode::decode, ImportError};

/// Subtrees whose text is not part of the page's articles.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg",
    "math", "canvas", "nav", "footer", "button", "select", "textarea", "input", "form",
];

/// Elements that start and end a line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "body",
    "html",
];

pub(super) fn read(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let decoded = decode(name, bytes, true)?;
    Ok(Extracted {
        lines: html_lines(&decoded.text),
        encoding: decoded.encoding.name().into(),
    })
}

pub(crate) fn html_lines(source: &str) -> Vec<SourceLine> {
    let doc = Html::parse_document(source);
    let mut out = LineBuilder::default();
    walk(doc.tree.root(), &mut out, None, false);
    out.finish()
}

fn walk(node: NodeRef<'_, Node>, out: &mut LineBuilder, heading: Option<u8>, pre: bool) {
    match node.value() {
        Node::Text(t) => out.push_text(t, heading, pre),
        Node::Element(e) => {
            let tag = e.name();
            if SKIPPED.contains(&tag) {
                return;
            }
            if tag == "br" {
                // A break inside a heading only wraps the title: it stays one line.
                if heading.is_some() {
                    out.pending = Some(true);
                } else {
                    out.end_line();
                }
                return;
            }
            let level = match tag.as_bytes() {
                [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
                _ => heading,
            };
            let block = BLOCKS.contains(&tag);
            if block {
                out.end_line();
            }
            for child in node.children() {
                walk(child, out, level, pre || tag == "pre");
            }
            if block {
                out.end_line();
            }
        }
        // Documents and fragments hold the elements; comments, doctypes and processing
        // instructions hold no article text.
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, out, heading, pre);
            }
        }
        _ => {}
    }
}

#[derive(Default)]
struct LineBuilder {
    lines: Vec<SourceLine>,
    current: String,
    heading: Option<u8>,
    /// Whitespace seen since the last character: `Some(true)` if it held a line break.
    pending: Option<bool>,
}

impl LineBuilder {
    /// HTML whitespace rules: a run of whitespace is one space, except that a source line
    /// break between two CJK characters is dropped (hand-wrapped Chinese source has no
    /// spaces between words, as browsers also render it).
    fn push_text(&mut self, text: &str, heading: Option<u8>, pre: bool) {
        if heading.is_some() {
            self.heading = heading;
        }
        for c in text.chars() {
            if pre && c == '\n' {
                self.end_line();
                continue;
            }
            if c.is_ascii_whitespace() {
                let newline = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || newline);
                continue;
            }
            if let Some(had_newline) = self.pending.take() {
                let prev_wide = self.current.chars().last().is_some_and(is_wide);
                let cjk_wrap = had_newline && prev_wide && is_wide(c);
                if !self.current.is_empty() && !cjk_wrap {
                    self.current.push(' ');
                }
            }
            self.current.push(c);
        }
    }

    fn end_line(&mut self) {
        self.pending = None;
        if !self.current.is_empty() {
            self.lines.push(SourceLine {
                text: std::mem::take(&mut self.current),
                heading: self.heading,
            });
        }
        self.heading = None;
    }

    fn finish(mut self) -> Vec<SourceLine> {
        self.end_line();
        self.lines
    }
}

/// CJK ideographs and full-width punctuation: scripts written without spaces.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        html_lines(html).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn scripts_styles_and_handlers_never_reach_the_text() {
        let html = r#"<html><head><title>页面</title><style>p{color:red}</style>
            <script>alert("x")</script></head>
            <body onload="steal()"><p onclick="evil()">正文<script>document.write("注入")</script>一段</p>
            <noscript>请启用脚本</noscript><img src=x onerror="alert(1)"></body></html>"#;
        let lines = texts(html);
        assert_eq!(lines, ["正文一段"]);
        let all = lines.join("");
        for bad in ["alert", "evil", "steal", "color", "注入", "请启用", "页面"] {
            assert!(!all.contains(bad), "{bad} leaked into {all:?}");
        }
    }

    #[test]
    fn blocks_and_breaks_end_lines_and_headings_are_marked() {
        let html = "<body><h1>标题</h1><div><p>第一段</p><p>第二段<br>续行</p></div>\
                    <table><tr><td>甲</td><td>乙</td></tr></table></body>";
        let lines = html_lines(html);
        let got: Vec<(&str, Option<u8>)> =
            lines.iter().map(|l| (l.text.as_str(), l.heading)).collect();
        assert_eq!(
            got,
            [
                ("标题", Some(1)),
                ("第一段", None),
                ("第二段", None),
                ("续行", None),
                ("甲", None),
                ("乙", None)
            ]
        );
    }

    #[test]
    fn source_line_breaks_inside_chinese_vanish_but_spaces_stay() {
        let html = "<p>坚定信心 精准施策\n  奋力夺取\n  胜利 and\n  more &amp; 更多</p>";
        assert_eq!(
            texts(html),
            ["坚定信心 精准施策奋力夺取胜利 and more & 更多"]
        );
    }
}
