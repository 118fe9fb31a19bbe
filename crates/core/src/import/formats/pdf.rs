//! PDF with a text layer, read with `lopdf` (it decodes the common Chinese CID encodings such
//! as UniGB-UCS2-H and ToUnicode maps; `pdf-extract` panics on them).
//!
//! PDF parsers meet hostile input, so parsing runs under `catch_unwind`: a panic becomes an
//! [`ImportError::Unreadable`] for this file and the batch goes on. A scanned PDF (images
//! only) or one whose fonts cannot be mapped to Unicode has no usable text layer and is
//! reported as such rather than imported as garbage.

use std::panic::{catch_unwind, AssertUnwindSafe};

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
    let text = catch_unwind(AssertUnwindSafe(|| extract(bytes)))
        .map_err(|_| unreadable("the PDF parser failed on this file".into()))?
        .map_err(unreadable)?;
    if !usable(&text) {
        return Err(ImportError::NoTextLayer { name: name.into() });
    }
    Ok(Extracted {
        lines: split_lines(&text).map(SourceLine::plain).collect(),
        encoding: "PDF text layer".into(),
    })
}

fn extract(bytes: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut text = String::new();
    for page in pages {
        // A page that cannot be read is skipped; an empty result is judged below.
        if let Ok(t) = doc.extract_text_with_limit(&[page], MAX_PAGE_CONTENT_BYTES) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    Ok(text)
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
