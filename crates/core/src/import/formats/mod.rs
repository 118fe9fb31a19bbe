//! One reader per container format. Each turns a file's bytes into [`SourceLine`]s: plain
//! lines of text in reading order, with an optional heading level when the container marks
//! headings (HTML `<h1>`…`<h6>`, DOCX heading styles). Everything after this step (cleaning,
//! segmentation, dates) is shared, which is why the same issue imports identically from any
//! format.

mod docx;
mod html;
mod pdf;
mod text;

use super::ImportError;

/// A line of extracted text. Blank lines may be present; later stages ignore them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SourceLine {
    pub text: String,
    /// 1 for the most prominent heading, as marked by the container (not guessed).
    pub heading: Option<u8>,
}

impl SourceLine {
    pub fn plain(text: impl Into<String>) -> Self {
        SourceLine {
            text: text.into(),
            heading: None,
        }
    }
}

/// What a reader produced: the lines and the character encoding they were decoded from.
#[derive(Debug)]
pub(crate) struct Extracted {
    pub lines: Vec<SourceLine>,
    /// WHATWG name of the text encoding ("UTF-8", "GB18030"...); containers that fix the
    /// encoding report it too (DOCX is UTF-8 XML, PDF text is decoded by its fonts).
    pub encoding: String,
}

/// The container formats an issue may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    pub fn read(self, name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
        match self {
            Format::Text => text::read(name, bytes),
            Format::Html => html::read(name, bytes),
            Format::Docx => docx::read(name, bytes),
            Format::Pdf => pdf::read(name, bytes),
        }
    }
}

/// Decide the format from the content first (magic bytes, markup) and the extension second:
/// a mislabelled file is read for what it is.
pub(crate) fn sniff(name: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF-") || (ext == "pdf" && find(head, b"%PDF-").is_some()) {
        return Ok(Format::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        // A zip: DOCX if it holds word/document.xml (checked by the reader), else unknown.
        return Ok(Format::Docx);
    }
    const BINARY_MAGIC: &[&[u8]] = &[
        b"\xD0\xCF\x11\xE0", // OLE2: legacy .doc / .xls
        b"\x89PNG",
        b"\xFF\xD8\xFF", // JPEG
        b"GIF8",
        b"\x1F\x8B", // gzip
        b"Rar!",
        b"7z\xBC\xAF",
        b"{\\rtf",
    ];
    if BINARY_MAGIC.iter().any(|m| head.starts_with(m)) {
        return Err(ImportError::UnknownFormat { name: name.into() });
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") || looks_like_html(head) {
        return Ok(Format::Html);
    }
    if matches!(ext.as_str(), "docx" | "pdf") {
        // The extension promises a container the bytes do not have.
        return Err(ImportError::UnknownFormat { name: name.into() });
    }
    Ok(Format::Text)
}

/// Markup at the start of the file (NUL bytes dropped so UTF-16 HTML is recognised too).
fn looks_like_html(head: &[u8]) -> bool {
    let ascii: Vec<u8> = head
        .iter()
        .filter(|&&b| b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let start = ascii
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF | 0xFE | 0xFF))
        .unwrap_or(ascii.len());
    let lead = &ascii[start..];
    lead.starts_with(b"<!doctype html")
        || lead.starts_with(b"<html")
        || lead.starts_with(b"<head")
        || lead.starts_with(b"<body")
        || (lead.starts_with(b"<") && find(&ascii, b"<body").is_some())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_format_before_the_extension() {
        let cases: &[(&str, &[u8], Option<Format>)] = &[
            ("a.txt", "株洲日报".as_bytes(), Some(Format::Text)),
            (
                "a",
                b"<!DOCTYPE html><html><body>x</body></html>",
                Some(Format::Html),
            ),
            (
                "a.txt",
                b"  <html><body>x</body></html>",
                Some(Format::Html),
            ),
            ("a.htm", b"just text", Some(Format::Html)),
            ("a.bin", b"%PDF-1.7\n", Some(Format::Pdf)),
            ("a.txt", b"PK\x03\x04rest", Some(Format::Docx)),
            ("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1", None),
            ("a.png", b"\x89PNG\r\n", None),
            ("a.pdf", b"not a pdf at all", None),
            ("a.docx", b"not a zip", None),
        ];
        for (name, bytes, expected) in cases {
            let got = sniff(name, bytes).ok();
            assert_eq!(got, *expected, "{name}");
        }
    }
}
