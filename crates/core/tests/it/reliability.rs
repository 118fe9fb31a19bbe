//! Integration tests: backups, restores, damaged ledgers, and property tests of the JSON
//! import and of span validation (nothing panics, nothing is half-written).

use std::path::Path;

use chrono::NaiveDate;
use policy_ledger_core::export::json;
use policy_ledger_core::import::{ParsedArticle, ParsedIssue};
use policy_ledger_core::model::{MeasureInput, SourceSpan};
use policy_ledger_core::store::{backups_beside, InsertOutcome, SCHEMA_VERSION};
use policy_ledger_core::Store;
use proptest::prelude::*;

const BODY: &str = "醴陵市出台《支持外贸企业十二条》。一般工商业电价，统一按原到户电价水平的95%结算；该支持政策将持续至今年12月31日。";

fn parsed(headline: &str, body: &str) -> ParsedIssue {
    ParsedIssue {
        publication: Some("株洲日报".into()),
        date: NaiveDate::from_ymd_opt(2020, 4, 25),
        date_evidence: Some("test".into()),
        encoding: "UTF-8".into(),
        format: "text".into(),
        articles: vec![
            ParsedArticle {
                headline: headline.into(),
                text: body.into(),
                ..Default::default()
            },
            ParsedArticle {
                headline: format!("{headline}（续）"),
                text: "第二篇文章。".into(),
                ..Default::default()
            },
        ],
        warnings: vec![],
    }
}

/// A ledger with one issue of two articles and two measures, one citing the text.
fn fill(store: &mut Store, tag: &str) {
    let InsertOutcome::Inserted { issue_id, .. } = store
        .insert_issue(&parsed(&format!("醴陵出台十二条 {tag}"), BODY), "a.txt")
        .unwrap()
    else {
        panic!("a new issue is inserted")
    };
    let article = store.list_articles(Some(issue_id)).unwrap().remove(0);
    let quote = "一般工商业电价";
    let start = BODY[..BODY.find(quote).unwrap()].chars().count() as u32;
    store
        .create_measure(&MeasureInput {
            title: format!("电价 {tag}"),
            sources: vec![SourceSpan {
                article_id: article.id,
                start,
                end: start + quote.chars().count() as u32,
                quote: quote.into(),
            }],
            ..Default::default()
        })
        .unwrap();
    store
        .create_measure(&MeasureInput {
            title: format!("展位补贴 {tag}"),
            ..Default::default()
        })
        .unwrap();
}

fn snapshot(path: &Path) -> String {
    json::to_string(&json::document(&Store::open(path).unwrap()).unwrap())
}

#[test]
fn backup_holds_every_committed_change_and_opens_as_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let copy = dir.path().join("copy.bak");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, "a");
    let report = store.backup_to(&copy, false).unwrap();
    assert_eq!((report.issues, report.measures), (1, 2));
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let original = json::to_string(&json::document(&store).unwrap());
    drop(store);
    let header = std::fs::read(&copy).unwrap();
    assert_eq!(
        (header[18], header[19]),
        (1, 1),
        "a backup is one self-contained file (rollback journal mode, no -wal needed)"
    );
    assert_eq!(
        snapshot(&copy),
        original,
        "the backup is the ledger, change for change"
    );
    assert!(
        !dir.path().join("copy.bak.tmp").exists(),
        "the temporary file is renamed into place"
    );
}

#[test]
fn backup_refuses_to_overwrite_a_file_or_the_ledger_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let existing = dir.path().join("notes.txt");
    std::fs::write(&existing, b"precious").unwrap();
    let store = Store::open(&db).unwrap();
    let err = store.backup_to(&existing, false).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");
    let err = store.backup_to(&db, true).unwrap_err();
    assert!(err.to_string().contains("the ledger itself"), "{err}");
    store
        .backup_to(&existing, true)
        .expect("overwriting is allowed when asked for");
}

#[test]
fn backup_taken_while_another_connection_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, "a");
    let writer_db = db.clone();
    let writer = std::thread::spawn(move || {
        let mut w = Store::open(&writer_db).unwrap();
        for i in 0..200 {
            w.create_measure(&MeasureInput {
                title: format!("concurrent {i}"),
                ..Default::default()
            })
            .unwrap();
        }
    });
    let mut counts = vec![];
    for n in 0..5 {
        let copy = dir.path().join(format!("copy{n}.bak"));
        let r = store.backup_to(&copy, false).unwrap();
        let copy_store = Store::open(&copy).unwrap();
        assert_eq!(copy_store.integrity_check().unwrap(), "ok");
        // The change log and the measures agree: every action of a snapshot is whole.
        let doc = json::document(&copy_store).unwrap();
        assert_eq!(doc.measures.len() as i64, r.measures);
        counts.push(r.measures);
    }
    writer.join().unwrap();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}

#[test]
fn restore_replaces_the_ledger_and_keeps_the_replaced_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let copy = dir.path().join("copy.bak");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, "a");
    store.backup_to(&copy, false).unwrap();
    let backed_up = json::to_string(&json::document(&store).unwrap());
    fill(&mut store, "b");
    let after_backup = json::to_string(&json::document(&store).unwrap());
    drop(store);

    let r = Store::restore_from(&copy, &db).unwrap();
    assert_eq!(snapshot(&db), backed_up);
    let aside = r.replaced.expect("the replaced ledger is kept");
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("ledger.sqlite3.replaced-"));
    assert_eq!(
        snapshot(&aside),
        after_backup,
        "the replaced ledger keeps every change, including those still in its WAL"
    );
}

#[test]
fn restore_refuses_a_bad_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, "a");
    let good = dir.path().join("good.bak");
    store.backup_to(&good, false).unwrap();
    drop(store);
    let before = snapshot(&db);
    let good_bytes = std::fs::read(&good).unwrap();

    let newer = dir.path().join("newer.bak");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let mut damaged = good_bytes.clone();
    let mid = damaged.len() / 2;
    let end = (mid + 4096).min(damaged.len());
    damaged[mid..end].fill(0xA5);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "garbage.bak",
            b"not a database at all, just text".repeat(200),
            "not a usable",
        ),
        (
            "truncated.bak",
            good_bytes[..good_bytes.len() / 3].to_vec(),
            "not a usable",
        ),
        ("damaged.bak", damaged, "not a usable"),
        ("empty.bak", vec![], "holds no ledger"),
    ];
    let mut paths: Vec<(std::path::PathBuf, &str)> = cases
        .into_iter()
        .map(|(name, bytes, expect)| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            (p, expect)
        })
        .collect();
    paths.push((newer, "newer version"));
    paths.push((foreign, "holds no ledger"));
    paths.push((dir.path().join("missing.bak"), "no such file"));
    for (path, expect) in paths {
        let err = Store::restore_from(&path, &db)
            .expect_err(&format!("{} must be refused", path.display()));
        assert!(
            err.to_string().contains(expect),
            "{}: {err}",
            path.display()
        );
        assert_eq!(
            snapshot(&db),
            before,
            "{}: the ledger is unchanged",
            path.display()
        );
    }
    assert_eq!(
        backups_beside(&db),
        Vec::<std::path::PathBuf>::new(),
        "nothing was moved aside"
    );
}

#[test]
fn damaged_ledger_names_its_newest_copy_and_restore_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, "a");
    let copy = dir.path().join("ledger.sqlite3.manual.bak");
    store.backup_to(&copy, false).unwrap();
    let good = json::to_string(&json::document(&store).unwrap());
    drop(store);
    // Checkpointed and closed: now damage the header so it is no longer a database.
    let junk = b"\x00garbage written over the header by a broken disk".repeat(100);
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..junk.len()].copy_from_slice(&junk);
    std::fs::write(&db, &bytes).unwrap();

    let err = Store::open(&db)
        .err()
        .expect("a damaged ledger does not open");
    assert_eq!(err.code(), "corrupt_database");
    let msg = err.to_string();
    assert!(msg.contains("left untouched"), "{msg}");
    assert!(
        msg.contains(&copy.display().to_string()),
        "the message names the copy: {msg}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is never written"
    );

    let r = Store::restore_from(&copy, &db).unwrap();
    assert_eq!(snapshot(&db), good);
    let aside = r.replaced.unwrap();
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bytes,
        "the damaged file is kept for forensics"
    );

    // Damaged again: the damaged file set aside last time is newer, but it is no copy to offer.
    drop(Store::open(&db).unwrap());
    std::fs::write(&db, &bytes).unwrap();
    let msg = Store::open(&db).err().unwrap().to_string();
    assert!(msg.contains(&copy.display().to_string()), "{msg}");
    assert!(!msg.contains(&aside.display().to_string()), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// Property tests. `PROPTEST_CASES=5000 cargo test -p policy-ledger-core --test it reliability`
// runs longer (docs/security.md).

/// A valid interchange document: two issues, spans, a package with an item.
fn valid_document() -> String {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, "a");
    fill(&mut store, "b");
    let parent = store.get_measure(1).unwrap();
    let mut child = MeasureInput::from_measure(&store.get_measure(2).unwrap());
    child.parent_id = Some(parent.id);
    child.effective_from = NaiveDate::from_ymd_opt(2020, 4, 25);
    child.expires_on = NaiveDate::from_ymd_opt(2020, 12, 31);
    store.update_measure(2, &child).unwrap();
    json::to_string(&json::document(&store).unwrap())
}

/// Rows in every table a document import may write to.
fn row_counts(store: &Store) -> (usize, usize, usize) {
    let doc = json::document(store).unwrap();
    let articles = doc.issues.iter().map(|i| i.articles.len()).sum();
    (doc.issues.len(), articles, doc.measures.len())
}

/// A structural edit of a JSON value at a pseudo-random place.
#[derive(Debug, Clone)]
enum Mutation {
    RemoveKey(usize),
    Replace(usize, serde_json::Value),
    DuplicateElement(usize),
    Shift(usize, i64),
}

fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(u32::MAX as u64 + 1)),
        ".{0,12}".prop_map(serde_json::Value::String),
        Just(serde_json::json!("2020-02-30")),
        Just(serde_json::json!("2020-13-01")),
        Just(serde_json::json!("9999-99-99")),
        Just(serde_json::json!("")),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::RemoveKey),
        (any::<usize>(), json_leaf()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::DuplicateElement),
        (any::<usize>(), -3i64..1000).prop_map(|(i, d)| Mutation::Shift(i, d)),
    ]
}

/// Every node of a JSON tree, as JSON pointers, in a stable order.
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        serde_json::Value::Object(m) => {
            for (k, c) in m {
                pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }
        }
        serde_json::Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{at}/{i}"), out)
            }
        }
        _ => {}
    }
}

fn apply(doc: &mut serde_json::Value, m: &Mutation) {
    let mut all = vec![];
    pointers(doc, String::new(), &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    let parent_of = |p: &str| {
        p.rsplit_once('/')
            .map(|(a, b)| (a.to_string(), b.to_string()))
    };
    match m {
        Mutation::RemoveKey(i) => {
            if let Some((parent, key)) = parent_of(&pick(*i)) {
                match doc.pointer_mut(&parent) {
                    Some(serde_json::Value::Object(o)) => {
                        o.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(serde_json::Value::Array(a)) => {
                        if let Ok(k) = key.parse::<usize>() {
                            a.remove(k);
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(slot) = doc.pointer_mut(&pick(*i)) {
                *slot = v.clone();
            }
        }
        Mutation::DuplicateElement(i) => {
            if let Some((parent, key)) = parent_of(&pick(*i)) {
                if let Some(serde_json::Value::Array(a)) = doc.pointer_mut(&parent) {
                    if let Ok(k) = key.parse::<usize>() {
                        let e = a[k].clone();
                        a.push(e);
                    }
                }
            }
        }
        Mutation::Shift(i, d) => {
            if let Some(slot) = doc.pointer_mut(&pick(*i)) {
                if let Some(n) = slot.as_i64() {
                    *slot = serde_json::json!(n.saturating_add(*d));
                }
            }
        }
    }
}

/// Import `text` into a fresh ledger: it either loads whole or is refused with nothing written.
fn import_is_all_or_nothing(text: &str) -> Result<(), TestCaseError> {
    let mut store = Store::open_in_memory().unwrap();
    let outcome = json::parse(text).and_then(|doc| {
        let expected = (
            doc.issues.len(),
            doc.issues.iter().map(|i| i.articles.len()).sum(),
            doc.measures.len(),
        );
        store.import_document(&doc).map(|_| expected)
    });
    match outcome {
        Ok(expected) => prop_assert_eq!(row_counts(&store), expected),
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            prop_assert_eq!(row_counts(&store), (0, 0, 0), "refused, yet wrote: {}", e);
        }
    }
    prop_assert_eq!(store.integrity_check().unwrap(), "ok");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn json_import_of_a_mutated_document_is_all_or_nothing(
        muts in proptest::collection::vec(mutation(), 1..4)
    ) {
        let mut doc: serde_json::Value = serde_json::from_str(&valid_document()).unwrap();
        for m in &muts {
            apply(&mut doc, m);
        }
        import_is_all_or_nothing(&doc.to_string())?;
    }

    #[test]
    fn json_import_of_damaged_bytes_never_panics_or_half_writes(
        cut in any::<prop::sample::Index>(),
        len in 0usize..64,
        noise in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let text = valid_document();
        let mut bytes = text.into_bytes();
        let at = cut.index(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, noise);
        import_is_all_or_nothing(&String::from_utf8_lossy(&bytes))?;
    }

    /// A span is stored only if it lies inside its article and quotes exactly the characters
    /// it covers (offsets in Unicode scalar values); otherwise nothing is written.
    #[test]
    fn a_span_is_stored_only_when_it_matches_its_article(
        text in "[a-z中文字😀\u{301}\n]{1,40}",
        start in 0u32..50,
        len in 0u32..50,
        quote_shift in 0u32..3,
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let InsertOutcome::Inserted { issue_id, .. } =
            store.insert_issue(&parsed("标题", &text), "p.txt").unwrap()
        else {
            return Err(TestCaseError::fail("a new issue is inserted"));
        };
        let article = store.list_articles(Some(issue_id)).unwrap().remove(0);
        let chars: Vec<char> = article.text.chars().collect();
        let end = start + len;
        // The quote is taken `quote_shift` characters later than the span says (0: honest).
        let quote: String = chars
            .iter()
            .skip((start + quote_shift) as usize)
            .take(len as usize)
            .collect();
        let honest = quote_shift == 0
            || chars.get(start as usize..end as usize)
                == chars.get((start + quote_shift) as usize..(end + quote_shift) as usize);
        let fits = len > 0 && (end as usize) <= chars.len() && honest;
        let result = store.create_measure(&MeasureInput {
            title: "span".into(),
            sources: vec![SourceSpan { article_id: article.id, start, end, quote }],
            ..Default::default()
        });
        prop_assert_eq!(result.is_ok(), fits, "{:?}", result.as_ref().err().map(|e| e.to_string()));
        let stored = json::document(&store).unwrap().measures;
        prop_assert_eq!(stored.len(), usize::from(fits));
        if let Some(m) = stored.first() {
            let s = &m.sources[0];
            let covered: String = chars[s.start as usize..s.end as usize].iter().collect();
            prop_assert_eq!(&covered, &s.quote);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Search takes any text the analyst types (quotes, FTS5 operators, mixed scripts) without
    /// an error, and a word copied from an article always finds that article.
    #[test]
    fn search_finds_any_word_copied_from_an_article(
        texts in proptest::collection::vec("[a-zA-ZÄäÉé0-9中文电价补助\"*^():+\\-]{3,40}", 3),
        which in 0usize..3,
        start in any::<prop::sample::Index>(),
        len in 1usize..8,
        noise in "[\"*^():+\\-a-zA-Z中 ]{1,12}",
    ) {
        let mut store = Store::open_in_memory().unwrap();
        for (i, t) in texts.iter().enumerate() {
            store.insert_issue(&parsed(&format!("标题{i}"), t), &format!("{i}.txt")).unwrap();
        }
        // Whatever is typed: hits or none, never an error (blank is the one refusal).
        let typed = store.search(&noise, 50);
        prop_assert_eq!(typed.is_err(), noise.trim().is_empty(), "{:?}: {:?}", noise, typed.err().map(|e| e.to_string()));

        let chars: Vec<char> = texts[which].chars().collect();
        let from = start.index(chars.len());
        let word: String = chars[from..(from + len).min(chars.len())].iter().collect();
        let articles = store.list_articles(None).unwrap();
        let target = articles.iter().find(|a| a.text == texts[which]).unwrap().id;
        let hits = store.search(&word, 500).unwrap();
        prop_assert!(
            hits.iter().any(|h| h.article_id == target),
            "{:?} copied from {:?} does not find it", word, texts[which]
        );
    }
}

/// Bytes an importer meets in the wild: noise, noise behind a format's magic number, and a
/// real issue damaged (cut, bytes flipped).
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../cli/tests/fixtures/seed.txt"
    ))
    .unwrap();
    let magic = prop_oneof![
        Just(b"PK\x03\x04".to_vec()),
        Just(b"%PDF-1.4\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xFE\xFF".to_vec()),
        Just(b"<html><meta charset=\"gbk\"><body>".to_vec()),
        Just(Vec::new()),
    ];
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        (magic, proptest::collection::vec(any::<u8>(), 0..2048))
            .prop_map(|(m, rest)| [m, rest].concat()),
        (
            any::<prop::sample::Index>(),
            proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)
        )
            .prop_map({
                let seed = seed.clone();
                move |(cut, flips)| {
                    let mut b = seed[..cut.index(seed.len()) + 1].to_vec();
                    for (at, v) in flips {
                        let i = at.index(b.len());
                        b[i] = v;
                    }
                    b
                }
            }),
        // Valid UTF-8 text with odd characters spliced in: exercises cleaning, segmenting and
        // date finding rather than decoding.
        (
            any::<prop::sample::Index>(),
            proptest::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    "[\\x00\r\n\t<>&\u{202e}\u{200b}\u{feff}\u{fffd}一二〇年月日号第版-]{1,6}"
                ),
                0..12
            )
        )
            .prop_map(move |(cut, inserts)| {
                let text = String::from_utf8_lossy(&seed).into_owned();
                let keep = cut.index(text.chars().count()) + 1;
                let mut chars: Vec<char> = text.chars().take(keep).collect();
                for (at, piece) in inserts {
                    let i = at.index(chars.len() + 1);
                    chars.splice(i..i, piece.chars());
                }
                chars.into_iter().collect::<String>().into_bytes()
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The importer never panics on any bytes under any extension, and whatever it accepts
    /// the store can keep (dates, spans and CHECK constraints included).
    #[test]
    fn importer_never_panics_and_the_store_keeps_what_it_accepts(
        bytes in file_bytes(),
        ext in prop_oneof![Just("txt"), Just("html"), Just("docx"), Just("pdf"), Just("dat")],
    ) {
        let name = format!("issue.{ext}");
        let parsed = std::panic::catch_unwind(|| {
            policy_ledger_core::import::parse_file(&name, &bytes, &Default::default())
        });
        let Ok(result) = parsed else {
            return Err(TestCaseError::fail(format!("the importer panicked on {name}")));
        };
        match result {
            Ok(issue) => {
                prop_assert!(!issue.articles.is_empty(), "an accepted file has articles");
                let mut store = Store::open_in_memory().unwrap();
                let stored = store.insert_issue(&issue, &name);
                prop_assert!(stored.is_ok(), "accepted but not storable: {:?}", stored.err().map(|e| e.to_string()));
            }
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
    }
}

/// Text a newspaper (or an attacker) could put in a title or a note: iCalendar delimiters,
/// line breaks, CJK, emoji, combining marks, bidi overrides.
fn hostile_text() -> impl Strategy<Value = String> {
    "[a-z ,;:\\\\\"\r\n\t中文电价补助😀\u{301}\u{202e}\u{200b}=+@-]{1,120}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever text and dates the measures carry, the calendar's lines are at most 75 octets,
    /// end in CRLF and fold only between characters; every event ends after it starts; UIDs
    /// are unique.
    #[test]
    fn calendar_lines_fold_cleanly_and_no_event_ends_before_it_starts(
        measures in proptest::collection::vec(
            (hostile_text(), hostile_text(), 0i64..10_000, proptest::option::of(0i64..800)),
            1..6,
        ),
    ) {
        use policy_ledger_core::export::{self, options::{EventLayout, ExportOptions}, ExportFormat};
        let mut store = Store::open_in_memory().unwrap();
        let day0 = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        for (title, notes, start, len) in &measures {
            let from = day0 + chrono::Days::new(*start as u64);
            store.create_measure(&MeasureInput {
                title: format!("措施{title}"),
                issuer: Some(notes.chars().take(10).collect()),
                notes: notes.clone(),
                effective_from: Some(from),
                expires_on: len.map(|l| from + chrono::Days::new(l as u64)),
                ..Default::default()
            }).unwrap();
        }
        let mut options = ExportOptions::default();
        options.calendar.layout = EventLayout::Both;
        options.calendar.reminder_days = Some(7);
        let out = export::export_to(&store, ExportFormat::Ics, &options).unwrap();
        let text = String::from_utf8(out.bytes).unwrap();
        prop_assert!(text.ends_with("\r\n"));
        let mut logical: Vec<String> = vec![];
        for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains('\r') && !line.contains('\n'), "bare line break in {:?}", line);
            match line.strip_prefix(' ') {
                Some(rest) => logical.last_mut().unwrap().push_str(rest),
                None => logical.push(line.to_string()),
            }
        }
        let mut uids = std::collections::HashSet::new();
        let (mut start, mut end) = (None::<String>, None::<String>);
        for l in &logical {
            let (name, value) = l.split_once(':').unwrap_or((l, ""));
            let name = name.split(';').next().unwrap();
            match name {
                "BEGIN" if value == "VEVENT" => (start, end) = (None, None),
                "DTSTART" if start.is_none() => start = Some(value.to_string()),
                "DTEND" if end.is_none() => end = Some(value.to_string()),
                "UID" => prop_assert!(uids.insert(value.to_string()), "UID {} twice", value),
                "END" if value == "VEVENT" => {
                    let (s, e) = (start.take().unwrap(), end.take().unwrap());
                    prop_assert!(e > s, "an event ends ({}) before or when it starts ({})", e, s);
                }
                _ => {}
            }
        }
        prop_assert!(!uids.is_empty());
    }
}

/// Pieces of policy date language, so generated phrases reach deep into the normaliser
/// instead of stopping at the first unknown character.
const DATE_PIECES: &[&str] = &[
    "2020年",
    "二〇二一年",
    "今年",
    "明年",
    "次年",
    "去年",
    "1月",
    "2月",
    "6月",
    "12月",
    "十二月",
    "1日",
    "4日",
    "29日",
    "30日",
    "31日",
    "三十一日",
    "24时",
    "0时",
    "零时",
    "至",
    "到",
    "—",
    "-",
    "起",
    "前",
    "以前",
    "截至",
    "底",
    "月底",
    "年底",
    "上旬",
    "中旬",
    "下旬",
    "一季度",
    "第四季度",
    "上半年",
    "下半年",
    "年内",
    "即日起",
    "自发布之日起",
    "有效期",
    "三年",
    "暂定",
    "三个月",
    "为期半年",
    "“十四五”期间",
    "疫情防控期间",
    "2020.4.10",
    "2020/04/10",
    "，",
    "。",
    "施行",
    "止",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any phrase, however garbled: the normaliser never panics, a period never ends before it
    /// starts, and a known date always carries its precision.
    #[test]
    fn date_normaliser_never_ends_a_period_before_it_starts(
        pieces in proptest::collection::vec(proptest::sample::select(DATE_PIECES), 0..9),
        noise in "[0-9一二三四五六七八九十年月日至起前底 ]{0,6}",
        y in 2000i32..2040, m in 1u32..13, d in 1u32..29,
    ) {
        let phrase = format!("{}{}", pieces.concat(), noise);
        let reference = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let p = policy_ledger_core::extract::parse_period(&phrase, reference);
        if let (Some(s), Some(e)) = (p.start, p.end) {
            prop_assert!(s <= e, "{:?} → {} .. {}", phrase, s, e);
        }
        prop_assert_eq!(p.start.is_some(), p.start_precision.is_some(), "{:?}", phrase);
        prop_assert_eq!(p.end.is_some(), p.end_precision.is_some(), "{:?}", phrase);
    }
}
