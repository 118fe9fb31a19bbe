//! Plain text: decode, then split into lines on any line ending (CRLF, CR, LF).

use super::{Extracted, SourceLine};
use crate::import::{decode::decode, ImportError};

pub(super) fn read(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let decoded = decode(name, bytes, false)?;
    Ok(Extracted {
        lines: split_lines(&decoded.text).map(SourceLine::plain).collect(),
        encoding: decoded.encoding.name().into(),
    })
}

/// Lines of `text` whatever its line endings: "\r\n", a lone "\r" (old Mac) or "\n".
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').flat_map(|l| l.split('\r'))
    // "a\r\nb" splits into "a", "", "b": the empty piece is the CR of a CRLF pair.
    // Blank lines carry no meaning downstream, so the extra piece is harmless.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_splits_the_same_way() {
        for text in ["甲\n乙\n丙", "甲\r\n乙\r\n丙", "甲\r乙\r丙"] {
            let lines: Vec<&str> = split_lines(text).filter(|l| !l.is_empty()).collect();
            assert_eq!(lines, ["甲", "乙", "丙"], "{text:?}");
        }
    }
}
