//! The text layer of one page WITH positions: a walk over the page's content operations
//! that keeps the graphics and text state (PDF 32000-1 §8.4, §9.3, §9.4) and emits runs of
//! glyphs with their baseline, horizontal extent and effective font size in page space.
//!
//! Strings are decoded glyph by glyph with lopdf's own font encodings (the same
//! [`lopdf::Encoding`] its `extract_text` uses: ToUnicode maps, UniGB-UCS2-H, simple
//! encodings), so a PDF decodes to the same characters as before; only the positions are
//! new. A glyph advances by its width from the font (`/Widths` of a simple font, `/W` and
//! `/DW` of a CID font under Identity-H) when present, else by 1 em for CJK and full-width
//! characters and 0.5 em for others (a CID font under a predefined CMap such as
//! UniGB-UCS2-H maps codes to CIDs through a table this reader does not carry).
//!
//! Text in a rotated or skewed text space, or in a font with a vertical CMap (`…-V`), is
//! skipped (vertical headlines, stamps, margin labels): the page layout reads horizontal
//! lines only. Text inside form XObjects is not read (neither
//! did lopdf's `extract_text`).

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// A run of glyphs drawn one after the other on one baseline in one font size.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    /// Page-space x of the first glyph's origin and of the end of the last glyph's advance.
    pub x0: f32,
    pub x1: f32,
    /// Page-space baseline (y grows upwards, as in PDF).
    pub y: f32,
    /// Effective font size in page units (the text matrix and CTM scale included).
    pub size: f32,
    pub text: String,
}

/// An affine matrix `[a b c d e f]` as PDF writes it (row vectors: `[x y 1] × M`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: apply `self` first, then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
}

/// Glyph widths of one font, in thousandths of an em.
#[derive(Debug, Default)]
enum Widths {
    /// A simple font: `/Widths` indexed from `/FirstChar`.
    Simple { first: u32, widths: Vec<f32> },
    /// A CID font under Identity-H/V (code = CID): `/W` entries, else `/DW`.
    Cid {
        default: f32,
        widths: HashMap<u32, f32>,
    },
    /// Unknown: estimated from the decoded character.
    #[default]
    Estimated,
}

struct Font<'a> {
    encoding: Encoding<'a>,
    /// Type0 fonts take two bytes per code (Identity-H and the common Chinese CMaps).
    two_byte: bool,
    /// A vertical CMap (`Identity-V`, `UniGB-UCS2-V`…): glyphs advance downwards. Such text
    /// (a vertical headline or label) is skipped like rotated text.
    vertical: bool,
    widths: Widths,
}

/// Graphics state kept across `q`/`Q` (the text state belongs to it).
#[derive(Clone, Copy)]
struct State<'f> {
    ctm: Matrix,
    font: Option<&'f [u8]>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    /// `Tz` / 100.
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Bound on nested `q` (a hostile file must not grow the stack without limit).
const MAX_STATE_DEPTH: usize = 256;
/// Bound on the runs of one page (a broadsheet page has a few tens of thousands of glyphs
/// even when each is placed on its own). Past it the page is read in stream order instead,
/// which costs a string rather than a record per glyph.
const MAX_RUNS_PER_PAGE: usize = 400_000;

/// Read the positioned runs of one page. `limit` bounds the decompressed content and
/// ToUnicode streams (the decompression-bomb guard of `extract_text_with_limit`).
pub(super) fn page_runs(doc: &Document, page: ObjectId, limit: usize) -> Result<Vec<Run>, String> {
    let fonts = page_fonts(doc, page, limit)?;
    let data = doc
        .get_page_content_with_limit(page, limit)
        .map_err(|e| e.to_string())?;
    let content = Content::decode(&data).map_err(|e| e.to_string())?;

    let mut runs = Vec::new();
    let mut state = State {
        ctm: Matrix::IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut tm = Matrix::IDENTITY;
    let mut tlm = Matrix::IDENTITY;
    let mut writer = RunWriter::default();

    for op in &content.operations {
        if runs.len() > MAX_RUNS_PER_PAGE {
            return Err("too many separately placed glyphs on one page".into());
        }
        let nums = || -> Vec<f32> {
            op.operands
                .iter()
                .map(|o| o.as_float().unwrap_or(0.0))
                .collect()
        };
        let matrix = || -> Option<Matrix> {
            let n = nums();
            (n.len() == 6).then(|| Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]))
        };
        match op.operator.as_str() {
            "q" if stack.len() < MAX_STATE_DEPTH => stack.push(state),
            "Q" => {
                if let Some(s) = stack.pop() {
                    state = s;
                }
            }
            "cm" => {
                if let Some(m) = matrix() {
                    state.ctm = m.then(state.ctm);
                }
            }
            "BT" => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
            }
            "ET" => writer.flush(&mut runs),
            "Tf" => {
                state.font = op.operands.first().and_then(|o| o.as_name().ok());
                state.size = op
                    .operands
                    .get(1)
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or(0.0);
            }
            "Tc" => state.char_spacing = nums().first().copied().unwrap_or(0.0),
            "Tw" => state.word_spacing = nums().first().copied().unwrap_or(0.0),
            "Tz" => state.scale = nums().first().copied().unwrap_or(100.0) / 100.0,
            "TL" => state.leading = nums().first().copied().unwrap_or(0.0),
            "Ts" => state.rise = nums().first().copied().unwrap_or(0.0),
            "Td" | "TD" => {
                let n = nums();
                if n.len() == 2 {
                    if op.operator == "TD" {
                        state.leading = -n[1];
                    }
                    tlm = Matrix::translate(n[0], n[1]).then(tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let Some(m) = matrix() {
                    tlm = m;
                    tm = m;
                }
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    if op.operator == "\"" {
                        let n = nums();
                        state.word_spacing = n.first().copied().unwrap_or(0.0);
                        state.char_spacing = n.get(1).copied().unwrap_or(0.0);
                    }
                    tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                    tm = tlm;
                }
                let Some(font) = state.font.and_then(|f| fonts.get(f)) else {
                    continue;
                };
                if font.vertical {
                    continue;
                }
                for operand in &op.operands {
                    match operand {
                        Object::String(bytes, _) => {
                            show(bytes, font, &state, &mut tm, &mut writer, &mut runs)
                        }
                        Object::Array(items) => {
                            for item in items {
                                match item {
                                    Object::String(bytes, _) => {
                                        show(bytes, font, &state, &mut tm, &mut writer, &mut runs)
                                    }
                                    other => {
                                        let adjust = other.as_float().unwrap_or(0.0);
                                        let tx = -adjust / 1000.0 * state.size * state.scale;
                                        tm = Matrix::translate(tx, 0.0).then(tm);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    writer.flush(&mut runs);
    Ok(runs)
}

/// Accumulates glyphs into the current run; a glyph that does not continue it (another
/// baseline, a jump along the line, another size) starts a new one.
#[derive(Default)]
struct RunWriter {
    current: Option<Run>,
}

impl RunWriter {
    fn push(&mut self, runs: &mut Vec<Run>, x0: f32, x1: f32, y: f32, size: f32, text: &str) {
        if let Some(run) = &mut self.current {
            let continues = (run.y - y).abs() <= 0.2 * size
                && (run.size - size).abs() <= 0.05 * size
                && (x0 - run.x1).abs() <= 0.3 * size;
            if continues {
                run.x1 = run.x1.max(x1);
                run.text.push_str(text);
                return;
            }
        }
        self.flush(runs);
        self.current = Some(Run {
            x0,
            x1,
            y,
            size,
            text: text.to_owned(),
        });
    }

    fn flush(&mut self, runs: &mut Vec<Run>) {
        // Runs of spaces are kept: a space drawn as a glyph between two words is the only
        // sign of it when every glyph is placed on its own.
        if let Some(run) = self.current.take() {
            if !run.text.is_empty() {
                runs.push(run);
            }
        }
    }
}

/// Show one string: decode it code by code, place each glyph and advance the text matrix.
fn show(
    bytes: &[u8],
    font: &Font,
    state: &State,
    tm: &mut Matrix,
    writer: &mut RunWriter,
    runs: &mut Vec<Run>,
) {
    let step = if font.two_byte { 2 } else { 1 };
    let mut decoded = String::new();
    for code_bytes in bytes.chunks(step) {
        decoded.clear();
        if font
            .encoding
            .write_to_string(code_bytes, &mut decoded)
            .is_err()
        {
            decoded.push('\u{FFFD}');
        }
        let code = code_bytes.iter().fold(0u32, |acc, &b| acc << 8 | b as u32);
        let width = glyph_width(&font.widths, code, decoded.chars().next());
        let space = step == 1 && code == 32;
        let advance = (width / 1000.0 * state.size
            + state.char_spacing
            + if space { state.word_spacing } else { 0.0 })
            * state.scale;

        let trm = tm.then(state.ctm);
        let [a, b, c, d, _, _] = trm.0;
        // Horizontal text only: a rotated or skewed text space is vertical type or a stamp.
        let upright = b.abs() <= 0.01 * a.abs().max(1e-6) && c.abs() <= 0.01 * d.abs().max(1e-6);
        if upright && a > 0.0 {
            let (x, y) = trm.apply(0.0, state.rise);
            let size = (state.size * d).abs();
            let (x_end, _) = trm.apply(advance, state.rise);
            if size > 0.0 && size.is_finite() && x.is_finite() && y.is_finite() && x_end.is_finite()
            {
                writer.push(runs, x, x_end.max(x), y, size, &decoded);
            }
        }
        *tm = Matrix::translate(advance, 0.0).then(*tm);
    }
}

fn glyph_width(widths: &Widths, code: u32, ch: Option<char>) -> f32 {
    let known = match widths {
        Widths::Simple { first, widths } => code
            .checked_sub(*first)
            .and_then(|k| widths.get(k as usize).copied()),
        Widths::Cid { default, widths } => Some(widths.get(&code).copied().unwrap_or(*default)),
        Widths::Estimated => None,
    };
    match known {
        Some(w) if w > 0.0 => w,
        _ => match ch {
            Some(c) if is_wide(c) => 1000.0,
            _ => 500.0,
        },
    }
}

/// CJK ideographs, kana, hangul, CJK punctuation and full-width forms take a full em; so
/// do the dash and ellipsis, which Chinese text sets full width (`——`, `……`).
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2014 | 0x2015 | 0x2026 | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

fn page_fonts<'a>(
    doc: &'a Document,
    page: ObjectId,
    limit: usize,
) -> Result<BTreeMap<Vec<u8>, Font<'a>>, String> {
    let mut fonts = BTreeMap::new();
    for (name, dict) in doc.get_page_fonts(page).map_err(|e| e.to_string())? {
        // A bomb in a ToUnicode stream fails the page; other encoding faults fall back to
        // the standard encoding inside lopdf, as in its `extract_text`.
        let encoding = dict
            .get_font_encoding_with_limit(doc, limit)
            .map_err(|e| e.to_string())?;
        let two_byte = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let vertical = two_byte
            && dict
                .get(b"Encoding")
                .and_then(Object::as_name)
                .is_ok_and(|n| n.ends_with(b"-V"));
        let widths = if two_byte {
            cid_widths(doc, dict)
        } else {
            simple_widths(doc, dict)
        };
        fonts.insert(
            name,
            Font {
                encoding,
                two_byte,
                vertical,
                widths,
            },
        );
    }
    Ok(fonts)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn simple_widths(doc: &Document, font: &Dictionary) -> Widths {
    let first = font.get(b"FirstChar").and_then(Object::as_i64).ok();
    let widths = font
        .get(b"Widths")
        .map(|o| deref(doc, o))
        .and_then(Object::as_array);
    match (first, widths) {
        (Some(first), Ok(widths)) if first >= 0 => Widths::Simple {
            first: first as u32,
            widths: widths
                .iter()
                .map(|w| deref(doc, w).as_float().unwrap_or(0.0))
                .collect(),
        },
        _ => Widths::Estimated,
    }
}

/// Widths of a Type0 font's descendant, usable only when codes are CIDs (Identity-H/V).
fn cid_widths(doc: &Document, font: &Dictionary) -> Widths {
    let identity = matches!(
        font.get(b"Encoding").and_then(Object::as_name),
        Ok(b"Identity-H") | Ok(b"Identity-V")
    );
    let descendant = font
        .get(b"DescendantFonts")
        .map(|o| deref(doc, o))
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let (true, Some(cid)) = (identity, descendant) else {
        return Widths::Estimated;
    };
    let default = cid.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
    let mut widths = HashMap::new();
    if let Ok(w) = cid
        .get(b"W")
        .map(|o| deref(doc, o))
        .and_then(Object::as_array)
    {
        // `c [w1 w2 …]` or `c_first c_last w`; a hostile array is bounded by its own size
        // except for ranges, which are capped.
        let mut k = 0;
        while k < w.len() {
            let first = deref(doc, &w[k]).as_i64().unwrap_or(-1);
            match w.get(k + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) if first >= 0 => {
                    for (j, v) in list.iter().enumerate() {
                        widths.insert(first as u32 + j as u32, v.as_float().unwrap_or(0.0));
                    }
                    k += 2;
                }
                Some(last) if first >= 0 => {
                    let last = last.as_i64().unwrap_or(first);
                    let v = w
                        .get(k + 2)
                        .map(|o| deref(doc, o).as_float().unwrap_or(0.0));
                    if let Some(v) = v {
                        for c in first..=last.min(first + 0xFFFF) {
                            widths.insert(c as u32, v);
                        }
                    }
                    k += 3;
                }
                _ => break,
            }
        }
    }
    Widths::Cid { default, widths }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        // Scale by 2, then move by (10, 20): the origin lands at (10, 20), (1, 1) at (12, 22).
        let m = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]).then(Matrix::translate(10.0, 20.0));
        assert_eq!(m.apply(0.0, 0.0), (10.0, 20.0));
        assert_eq!(m.apply(1.0, 1.0), (12.0, 22.0));
    }

    /// A one-page document with a simple font (A, B, C 600, 700, 800 wide) and `content`.
    fn page_with(content: &str) -> (Document, ObjectId) {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 65,
            "Widths" => vec![600.into(), 700.into(), 800.into()],
        });
        let vertical = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "STSong-Light",
            "Encoding" => "UniGB-UCS2-V",
        });
        // An embedded-font style Type0 font: Identity-H, widths by CID, a ToUnicode map
        // (code 1 → “1”, code 2 → “株”).
        let to_unicode = doc.add_object(Stream::new(
            dictionary! {},
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              /CMapName /T def /CMapType 2 def\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0001> <0031> <0002> <682A> endbfchar\n\
              endcmap CMapName currentdict /CMap defineresource pop end end"
                .to_vec(),
        ));
        let cid_font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "Embedded",
            "DW" => 1000,
            "W" => vec![1.into(), vec![500.into()].into()],
        });
        let identity = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Embedded",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![cid_font.into()],
            "ToUnicode" => to_unicode,
        });
        let stream = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "Contents" => stream,
            "Resources" => dictionary! { "Font" => dictionary! {
                "F1" => font, "F2" => vertical, "F3" => identity,
            } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        (doc, page)
    }

    #[test]
    fn runs_are_placed_by_the_text_and_graphics_state() {
        // (x0, x1, baseline, size, text) of each run.
        type Placed<'a> = (f32, f32, f32, f32, &'a str);
        let cases: &[(&str, &[Placed])] = &[
            // The CTM scales position, advance and size.
            (
                "q 2 0 0 2 0 0 cm BT /F1 10 Tf 10 100 Td (AB) Tj ET Q",
                &[(20.0, 46.0, 200.0, 20.0, "AB")],
            ),
            // Horizontal scaling narrows the advance; T* moves down by the leading.
            (
                "BT /F1 10 Tf 12 TL 50 Tz 10 300 Td (AB) Tj T* (C) Tj ET",
                &[
                    (10.0, 16.5, 300.0, 10.0, "AB"),
                    (10.0, 14.0, 288.0, 10.0, "C"),
                ],
            ),
            // Character spacing widens every glyph's advance.
            (
                "BT /F1 10 Tf 2 Tc 10 500 Td (AB) Tj ET",
                &[(10.0, 27.0, 500.0, 10.0, "AB")],
            ),
            // A TJ adjustment of one em is a jump: two runs.
            (
                "BT /F1 10 Tf 1 0 0 1 10 400 Tm [(A) -1000 (B)] TJ ET",
                &[
                    (10.0, 16.0, 400.0, 10.0, "A"),
                    (26.0, 33.0, 400.0, 10.0, "B"),
                ],
            ),
            // Identity-H: two-byte codes through the ToUnicode map, widths from /W, else /DW.
            (
                "BT /F3 10 Tf 0 0 Td <00010002> Tj ET",
                &[(0.0, 15.0, 0.0, 10.0, "1株")],
            ),
            // Text in a vertical CMap is skipped (and its downward advance not modelled).
            (
                "BT /F2 10 Tf 5 5 Td <682A6D32> Tj /F1 10 Tf (C) Tj ET",
                &[(5.0, 13.0, 5.0, 10.0, "C")],
            ),
            // Rotated text is skipped; the state after Q is the one before q.
            (
                "q BT 0 1 -1 0 300 300 Tm /F1 10 Tf (ABC) Tj ET Q BT /F1 10 Tf 5 5 Td (C) Tj ET",
                &[(5.0, 13.0, 5.0, 10.0, "C")],
            ),
        ];
        for (content, want) in cases {
            let (doc, page) = page_with(content);
            let got = page_runs(&doc, page, 1 << 20).unwrap();
            let got: Vec<Placed> = got
                .iter()
                .map(|r| (r.x0, r.x1, r.y, r.size, r.text.as_str()))
                .collect();
            assert_eq!(&got, want, "{content}");
        }
    }

    #[test]
    fn widths_come_from_the_font_else_from_the_character() {
        let simple = Widths::Simple {
            first: 32,
            widths: vec![250.0, 333.0],
        };
        let cases = [
            (&simple, 33, Some('!'), 333.0),
            (&simple, 90, Some('Z'), 500.0),
            (&Widths::Estimated, 0x682A, Some('株'), 1000.0),
            (&Widths::Estimated, 65, Some('A'), 500.0),
            (
                &Widths::Cid {
                    default: 1000.0,
                    widths: HashMap::from([(3, 278.0)]),
                },
                3,
                Some(' '),
                278.0,
            ),
        ];
        for (w, code, ch, want) in cases {
            assert_eq!(glyph_width(w, code, ch), want, "{code}");
        }
    }
}
