//! Bytes → text: find the encoding (BOM, then an HTML `<meta charset>`, then strict UTF-8,
//! then `chardetng`'s guess) and decode strictly.
//!
//! Invariant: text is never produced with replacement characters. A byte sequence that is not
//! valid in the chosen encoding is an [`ImportError::Undecodable`] naming the byte offset, so
//! the analyst never stores a silently damaged issue.

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::ImportError;

/// Text decoded from a file, with the encoding it was decoded from.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// How many leading bytes are searched for an HTML `<meta charset>` (the HTML standard's
/// prescan looks at the first 1024 bytes).
const META_PRESCAN_BYTES: usize = 1024;

/// Decode `bytes`. `html` enables the `<meta charset>` step.
pub(crate) fn decode(name: &str, bytes: &[u8], html: bool) -> Result<Decoded, ImportError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return strict(name, &bytes[bom_len..], encoding, bom_len);
    }
    if looks_binary(bytes) {
        return Err(ImportError::Binary { name: name.into() });
    }
    if html {
        if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]) {
            return strict(name, bytes, encoding, 0);
        }
    }
    if std::str::from_utf8(bytes).is_ok() || damaged_utf8(bytes) {
        // Strict decoding of damaged UTF-8 fails at the first bad byte and says so in
        // terms of the encoding the file was actually written in.
        return strict(name, bytes, UTF_8, 0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // No top-level-domain hint: a "cn" hint tips short Big5 files into GBK mojibake.
    let guess = prefer_superset(detector.guess(None, chardetng::Utf8Detection::Allow));
    if CJK.contains(&guess) || !mostly_high_bytes(bytes) {
        return strict(name, bytes, guess, 0);
    }
    // The detector gave up on the CJK encodings (it saw bytes invalid in them) and fell
    // back to a single-byte one, which decodes anything into nonsense. A Chinese file is
    // meant: decode strictly with each CJK candidate and report where the best one fails.
    let mut best: Option<ImportError> = None;
    for candidate in CJK {
        match strict(name, bytes, candidate, 0) {
            Ok(decoded) => return Ok(decoded),
            Err(e) => {
                let further = match (&e, &best) {
                    (
                        ImportError::Undecodable { offset: a, .. },
                        Some(ImportError::Undecodable { offset: b, .. }),
                    ) => a > b,
                    _ => best.is_none(),
                };
                if further {
                    best = Some(e);
                }
            }
        }
    }
    Err(best.expect("at least one candidate"))
}

/// UTF-8 with a few bad bytes (a cut-off download, one byte flipped): nearly all of its
/// non-ASCII bytes form valid multi-byte UTF-8 characters. Text in a legacy CJK encoding does
/// so only by accident (a GB18030 pair is rarely a valid UTF-8 sequence), so a high share of
/// valid characters and only a few broken runs mean the file is UTF-8 and damaged: reporting
/// it as "not valid GB18030" would send the analyst looking for the wrong problem.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let mut valid_high = 0usize;
    let mut broken_runs = 0usize;
    let mut broken_bytes = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_high += chunk.valid().bytes().filter(|&b| b >= 0x80).count();
        if !chunk.invalid().is_empty() {
            broken_runs += 1;
            broken_bytes += chunk.invalid().len();
        }
    }
    // At least a sentence of Chinese (8 characters of 3 bytes), and broken bytes under 1 %
    // of the valid non-ASCII ones, in at most a handful of places.
    valid_high >= 24 && broken_runs <= 8 && broken_bytes * 100 < valid_high
}

/// The legacy encodings of Chinese text, in order of preference.
const CJK: [&Encoding; 2] = [GB18030, BIG5];

/// Chinese text in a legacy encoding is mostly bytes ≥ 0x80; Western text is not.
fn mostly_high_bytes(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    high * 10 > bytes.len() * 3
}

/// GBK files are decoded as GB18030, its superset: the same bytes, more characters.
fn prefer_superset(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK {
        GB18030
    } else {
        encoding
    }
}

/// Decode without replacement; `skipped` is the BOM length, so offsets refer to the file.
fn strict(
    name: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    skipped: usize,
) -> Result<Decoded, ImportError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or_else(|| ImportError::TooLarge {
            name: name.into(),
            size: bytes.len() as u64,
            limit: super::MAX_FILE_BYTES,
        })?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(Decoded { text, encoding }),
        DecoderResult::Malformed(bad, after) => {
            let offset = skipped + read - bad as usize - after as usize;
            Err(ImportError::Undecodable {
                name: name.into(),
                encoding: encoding.name().into(),
                offset: offset as u64,
            })
        }
        // The buffer was sized for the worst case, so it cannot fill up.
        DecoderResult::OutputFull => unreachable!("decode buffer sized by the decoder itself"),
    }
}

/// A file with NUL bytes (and no UTF-16 BOM) or many control characters is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    // A few stray control bytes happen in copy-pasted text; binary data has them everywhere.
    controls * 100 > sample.len()
}

/// The encoding named by `<meta charset=...>` or `<meta http-equiv content="...charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest: &[u8] = rest
                    .iter()
                    .position(|b| !matches!(b, b' ' | b'"' | b'\''))
                    .map_or(&[], |p| &rest[p..]);
                let label_len = rest
                    .iter()
                    .position(|b| matches!(b, b' ' | b'"' | b'\'' | b';' | b'/'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_len]) {
                    // A meta tag in an ASCII-compatible file cannot honestly claim UTF-16
                    // (the standard treats that claim as UTF-8).
                    if enc == UTF_16LE || enc == UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(prefer_superset(enc));
                }
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "株洲日报讯 4月24日，醴陵市出台支持外贸企业的十二条措施，帮助企业渡过难关。";

    #[test]
    fn each_encoding_with_or_without_bom_decodes_to_the_same_text() {
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            utf16le.extend(u.to_le_bytes());
            utf16be.extend(u.to_be_bytes());
        }
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf-8", SAMPLE.as_bytes().to_vec(), "UTF-8"),
            (
                "utf-8 bom",
                [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat(),
                "UTF-8",
            ),
            ("utf-16le", utf16le, "UTF-16LE"),
            ("utf-16be", utf16be, "UTF-16BE"),
            ("gb18030", GB18030.encode(SAMPLE).0.into_owned(), "gb18030"),
        ];
        for (label, bytes, expected) in cases {
            let d = decode("x.txt", &bytes, false).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(d.text, SAMPLE, "{label}");
            assert_eq!(d.encoding.name(), expected, "{label}");
        }
    }

    #[test]
    fn malformed_bytes_are_reported_with_their_offset_not_replaced() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.truncate(28); // "株洲日报讯 4月24日，": a character boundary
        bytes.extend([0xE6, 0x41]); // a UTF-8 lead byte followed by ASCII
        bytes.extend(SAMPLE.as_bytes());
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(&bytes);
        match decode("bad.txt", &with_bom, false) {
            Err(ImportError::Undecodable {
                encoding, offset, ..
            }) => {
                assert_eq!(encoding, "UTF-8");
                assert_eq!(offset, 31, "offset counts from the start of the file");
            }
            other => panic!("expected Undecodable, got {other:?}"),
        }
    }

    #[test]
    fn utf8_with_a_damaged_byte_is_reported_as_utf8_not_as_a_legacy_encoding() {
        let long = SAMPLE.repeat(4);
        for damage in [&[0xFFu8][..], &[0xE6, 0x41], &[0xC0, 0xAF]] {
            let cut = long.char_indices().nth(19).unwrap().0;
            let mut bytes = long.as_bytes()[..cut].to_vec();
            bytes.extend(damage);
            bytes.extend(long.as_bytes());
            match decode("cut.txt", &bytes, false) {
                Err(ImportError::Undecodable {
                    encoding, offset, ..
                }) => {
                    assert_eq!(encoding, "UTF-8", "damage {damage:x?}");
                    assert_eq!(offset, cut as u64, "damage {damage:x?}");
                }
                other => panic!("damage {damage:x?}: expected Undecodable, got {other:?}"),
            }
        }
    }

    #[test]
    fn legacy_encodings_are_not_mistaken_for_damaged_utf8() {
        let traditional =
            "株洲日報訊 4月24日，醴陵市出台支持外貿企業的十二條措施，幫助企業渡過難關。";
        for (encoding, text) in [(GB18030, SAMPLE), (BIG5, traditional)] {
            let long = text.repeat(20);
            let (bytes, _, lossy) = encoding.encode(&long);
            assert!(!lossy);
            assert!(!damaged_utf8(&bytes), "{}", encoding.name());
            let d = decode("legacy.txt", &bytes, false).unwrap();
            assert_eq!(d.text, long);
        }
    }

    #[test]
    fn html_meta_charset_is_honoured_before_guessing() {
        let html = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>{SAMPLE}</p></body></html>"
        );
        let bytes = GB18030.encode(&html).0.into_owned();
        let d = decode("a.html", &bytes, true).unwrap();
        assert_eq!(d.encoding, GB18030, "gb2312 is read as its superset");
        assert!(d.text.contains(SAMPLE));
    }

    #[test]
    fn nul_bytes_without_a_bom_mean_binary() {
        let err = decode("a.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false).unwrap_err();
        assert!(matches!(err, ImportError::Binary { .. }), "{err:?}");
    }
}
