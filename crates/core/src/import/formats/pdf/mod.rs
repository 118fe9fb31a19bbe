//! PDF with a text layer, read with `lopdf` (it decodes the common Chinese CID encodings such
//! as UniGB-UCS2-H and ToUnicode maps; `pdf-extract` panics on them).
//!
//! A newspaper page is set in columns, with several articles and headlines in large type,
//! and its text layer may be written in any order (line by line across the columns, blocks
//! out of reading order). So each page is read with positions ([`glyphs`]) and laid out
//! again ([`layout`]): lines, columns and bands by an XY-cut, reading order, and headings
//! from the font size. A page whose text has no usable positions (every glyph at one
//! point) is read as lopdf's `extract_text` gives it, in content-stream order.
//!
//! PDF parsers meet hostile input, so parsing runs under `catch_unwind`: a panic becomes an
//! [`ImportError::Unreadable`] for this file and the batch goes on. A scanned PDF (images
//! only) or one whose fonts cannot be mapped to Unicode has no usable text layer and is
//! reported as such rather than imported as garbage.

use std::panic::{catch_unwind, AssertUnwindSafe};

mod glyphs;
mod layout;

use super::{text::split_lines, Extracted, SourceLine};
use crate::import::ImportError;

/// Bound on the decompressed content of one page (a decompression-bomb guard).
const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// Fewer visible characters than this in the whole file: no text layer worth importing.
const MIN_TEXT_CHARS: usize = 8;

pub(super) fn read(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let unreadable = |detail: String| ImportError::Unreadable {
        name: name.into(),
        detail,
    };
    let lines = catch_unwind(AssertUnwindSafe(|| extract(bytes)))
        .map_err(|_| unreadable("the PDF parser failed on this file".into()))?
        .map_err(unreadable)?;
    let text: String = lines.iter().map(|l| l.text.as_str()).collect();
    if !usable(&text) {
        return Err(ImportError::NoTextLayer { name: name.into() });
    }
    Ok(Extracted {
        lines,
        encoding: "PDF text layer".into(),
    })
}

/// How one page's text was read.
enum PageText {
    Laid(Vec<layout::Line>),
    /// Content-stream order (no usable positions, or the positioned walk failed).
    Stream(String),
}

fn extract(bytes: &[u8]) -> Result<Vec<SourceLine>, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    let mut pages = Vec::new();
    for (&number, &id) in &doc.get_pages() {
        let laid = glyphs::page_runs(&doc, id, MAX_PAGE_CONTENT_BYTES)
            .ok()
            .filter(|runs| has_positions(runs))
            .map(layout::lines);
        match laid {
            Some(lines) => pages.push(PageText::Laid(lines)),
            // A page that cannot be read is skipped; an empty result is judged by the caller.
            None => {
                if let Ok(t) = doc.extract_text_with_limit(&[number], MAX_PAGE_CONTENT_BYTES) {
                    pages.push(PageText::Stream(t));
                }
            }
        }
    }
    // Headings are judged against the body size of the whole issue: a page holding little
    // more than a large headline still has it marked.
    let body = layout::body_size(pages.iter().flat_map(|p| match p {
        PageText::Laid(lines) => lines.as_slice(),
        PageText::Stream(_) => &[],
    }));
    let mut out = Vec::new();
    for page in pages {
        match (page, body) {
            (PageText::Laid(lines), Some(body)) => out.extend(layout::page_lines(&lines, body)),
            (PageText::Laid(_), None) => {}
            (PageText::Stream(t), _) => out.extend(split_lines(&t).map(SourceLine::plain)),
        }
    }
    Ok(out)
}

/// Positions are usable when the runs do not all start at one point (some producers write
/// every string at the origin and rely on the order alone).
fn has_positions(runs: &[glyphs::Run]) -> bool {
    let Some(first) = runs.first() else {
        return false;
    };
    runs.len() == 1
        || runs
            .iter()
            .any(|r| (r.x0 - first.x0).abs() > 1.0 || (r.y - first.y).abs() > 1.0)
}

/// Enough visible characters, and few that signal unmapped glyphs (U+FFFD, private use,
/// C0/C1 controls).
fn usable(text: &str) -> bool {
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() < MIN_TEXT_CHARS {
        return false;
    }
    let bad = visible
        .iter()
        .filter(|&&c| c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c))
        .count();
    // A tenth of the glyphs unmapped means the analyst would be reading noise.
    bad * 10 < visible.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        let err = read("x.pdf", b"%PDF-1.4\n garbage \x00\x01 trailer").unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::Unreadable { .. } | ImportError::NoTextLayer { .. }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn unmapped_glyphs_make_a_text_layer_unusable() {
        assert!(usable("株洲日报讯 醴陵出台十二条"));
        assert!(!usable(
            "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}株"
        ));
        assert!(!usable("  12 "));
    }
}
