//! DOCX: a zip holding `word/document.xml` (WordprocessingML). Each `<w:p>` is a line;
//! `<w:t>` holds text, `<w:tab/>` a space, `<w:br/>`/`<w:cr/>` a line break; a paragraph
//! styled `Title` or `HeadingN` is marked as a heading.
//!
//! Zip bombs: only `word/document.xml` is inflated, through a reader that stops at
//! [`MAX_XML_BYTES`] whatever size the archive claims, and an archive whose entries claim more
//! than [`MAX_TOTAL_BYTES`] in all is refused before anything is inflated.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Extracted, SourceLine};
use crate::import::ImportError;

/// The document part of a newspaper issue is a few megabytes at most.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Sum of the declared uncompressed sizes of all entries (images included).
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;

pub(super) fn read(name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let not_docx = || ImportError::UnknownFormat { name: name.into() };
    // A zip's index sits at its end: a download cut short starts like a zip and has none.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(b"PK") {
            ImportError::Unreadable {
                name: name.into(),
                detail: format!(
                    "it is a zip (as a .docx is) but damaged or cut short ({e}); download or save it again"
                ),
            }
        } else {
            not_docx()
        }
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError::ZipBomb { name: name.into() });
    }
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| not_docx())?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(ImportError::ZipBomb { name: name.into() });
    }
    let mut xml = Vec::new();
    {
        let entry = zip.by_name("word/document.xml").map_err(|_| not_docx())?;
        entry
            .take(MAX_XML_BYTES + 1)
            .read_to_end(&mut xml)
            .map_err(|e| ImportError::Unreadable {
                name: name.into(),
                detail: e.to_string(),
            })?;
    }
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::ZipBomb { name: name.into() });
    }
    let xml = std::str::from_utf8(&xml).map_err(|e| ImportError::Undecodable {
        name: name.into(),
        encoding: "UTF-8".into(),
        offset: e.valid_up_to() as u64,
    })?;
    Ok(Extracted {
        lines: document_lines(xml).map_err(|detail| ImportError::Unreadable {
            name: name.into(),
            detail,
        })?,
        encoding: "UTF-8".into(),
    })
}

/// Lines of a WordprocessingML body. Element names are matched without their prefix, so a
/// document that binds the namespace to another prefix reads the same.
pub(crate) fn document_lines(xml: &str) -> Result<Vec<SourceLine>, String> {
    let mut reader = Reader::from_str(xml);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut heading: Option<u8> = None;
    let mut in_text = false;
    // Depth inside `<mc:Fallback>`: Word writes text boxes twice (the modern form in
    // `mc:Choice`, a legacy copy in `mc:Fallback`); reading both would duplicate the text.
    let mut fallback = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => {
                fallback += 1;
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Fallback" => {
                fallback = fallback.saturating_sub(1);
                continue;
            }
            Event::Eof => {}
            _ if fallback > 0 => continue,
            _ => {}
        }
        let event_kind = match event {
            Event::Empty(_) => Kind::Empty,
            _ => Kind::Other,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event_kind, Kind::Empty);
                match e.local_name().as_ref() {
                    "p" if empty => lines.push(SourceLine::default()),
                    "p" => {
                        current.clear();
                        heading = None;
                    }
                    "t" => in_text = true,
                    "tab" => current.push(' '),
                    "br" | "cr" => lines.push(SourceLine {
                        text: std::mem::take(&mut current),
                        heading,
                    }),
                    "pStyle" => {
                        for attr in e.attributes().flatten() {
                            if attr.key.local_name().as_ref() == "val" {
                                let value = attr.value.to_ascii_lowercase();
                                heading = heading_level(&value);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => lines.push(SourceLine {
                    text: std::mem::take(&mut current),
                    heading,
                }),
                _ => {}
            },
            Event::Text(t) if in_text => current.push_str(&t.xml10_content()),
            Event::CData(t) if in_text => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    current.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines)
}

enum Kind {
    Empty,
    Other,
}

/// `Title` → 1, `Heading1` → 1, `Heading2` → 2… (style ids, compared in lower case).
fn heading_level(style: &str) -> Option<u8> {
    if style == "title" {
        return Some(1);
    }
    let digits = style.strip_prefix("heading")?;
    digits
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=6).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_breaks_and_heading_styles_become_lines() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>醴陵出台</w:t></w:r><w:r><w:t xml:space="preserve">“十二条”</w:t></w:r></w:p>
<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行&amp;更多&#x4E2D;</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r><w:r><w:delText>删除</w:delText></w:r></w:p>
</w:body></w:document>"#;
        let lines = document_lines(xml).unwrap();
        let got: Vec<(&str, Option<u8>)> =
            lines.iter().map(|l| (l.text.as_str(), l.heading)).collect();
        assert_eq!(
            got,
            [
                ("醴陵出台“十二条”", Some(1)),
                ("第一行", None),
                ("第二行&更多中", None),
                ("", None),
                ("甲 乙", None)
            ]
        );
    }

    #[test]
    fn text_box_fallback_copies_are_read_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r>
<mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>图片说明</w:t></w:r></w:p></w:txbxContent></mc:Choice>
<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>图片说明</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>
</w:r></w:p></w:body></w:document>"#;
        let text: String = document_lines(xml)
            .unwrap()
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(text, "图片说明");
    }

    #[test]
    fn heading_styles_map_to_levels() {
        assert_eq!(heading_level("title"), Some(1));
        assert_eq!(heading_level("heading2"), Some(2));
        assert_eq!(heading_level("normal"), None);
        assert_eq!(heading_level("heading9"), None);
    }
}
