//! End-to-end tests of the `policy-ledger` binary on a temporary database.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

struct Ledger {
    dir: tempfile::TempDir,
}

impl Ledger {
    fn new() -> Self {
        Ledger {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.sqlite3")
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("policy-ledger").unwrap();
        c.arg("--db").arg(self.db());
        c
    }
    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "policy-ledger {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_lists_issue_and_articles_and_a_second_import_is_a_duplicate() {
    let l = Ledger::new();
    let out = l.run(&[
        "import",
        s(&seed()),
        "--date",
        "2020-04-25",
        "--publication",
        "株洲日报",
    ]);
    assert!(out.starts_with("imported "), "{out}");
    let again = l.run(&["import", s(&seed())]);
    assert!(again.contains("duplicate"), "{again}");

    let issues: serde_json::Value = serde_json::from_str(&l.run(&["issues", "--json"])).unwrap();
    assert_eq!(
        issues.as_array().unwrap().len(),
        1,
        "the duplicate was not stored"
    );
    assert_eq!(issues[0]["date"], "2020-04-25");
    assert_eq!(issues[0]["publication"], "株洲日报");

    let articles: serde_json::Value =
        serde_json::from_str(&l.run(&["articles", "--issue", "1", "--json"])).unwrap();
    let articles = articles.as_array().unwrap();
    assert!(!articles.is_empty());
    assert!(articles.iter().all(|a| a["issue_id"] == 1));
}

#[test]
fn batch_import_goes_on_after_a_bad_file_and_exits_non_zero() {
    let l = Ledger::new();
    let empty = l.file("empty.txt", b"");
    let out = l
        .cmd()
        .args(["import", s(&empty), s(&seed()), "--json"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a failed file makes the exit status non-zero"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["outcome"]["status"], "failed");
    assert!(report[0]["outcome"]["reason"]
        .as_str()
        .unwrap()
        .contains("empty"));
    assert_eq!(report[1]["outcome"]["status"], "imported");
    assert_eq!(l.run(&["issues"]).lines().count(), 1);
}

#[test]
fn measures_add_edit_undo_redo_rm() {
    let l = Ledger::new();
    l.run(&["import", s(&seed()), "--date", "2020-04-25"]);
    let articles: serde_json::Value =
        serde_json::from_str(&l.run(&["articles", "--json"])).unwrap();
    let article = &articles[0];
    let text = article["text"].as_str().unwrap();
    let aid = article["id"].to_string();

    let id = l.run(&[
        "measures",
        "add",
        "--title",
        "测试措施",
        "--issuer",
        "株洲市",
        "--effective",
        "2020-04-10",
        "--expires",
        "2020-06-04",
        "--article",
        &aid,
        "--start",
        "0",
        "--end",
        "5",
    ]);
    let id = id.trim();
    assert_eq!(id, "1");
    let shown: serde_json::Value = serde_json::from_str(&l.run(&["measures", "show", id])).unwrap();
    let first5: String = text.chars().take(5).collect();
    assert_eq!(
        shown["sources"][0]["quote"],
        first5.as_str(),
        "the quote is cut by characters, not bytes"
    );
    assert_eq!(shown["effective_from"], "2020-04-10");

    l.run(&["measures", "edit", id, "--expires", "2020-12-31"]);
    let listed = l.run(&["measures", "list"]);
    assert!(listed.contains("2020-04-10 → 2020-12-31"), "{listed}");
    l.run(&["undo"]);
    assert!(l.run(&["measures", "list"]).contains("→ 2020-06-04"));
    l.run(&["redo"]);
    assert!(l.run(&["measures", "list"]).contains("→ 2020-12-31"));

    let in_force = l.run(&["measures", "list", "--in-force-on", "2021-01-01"]);
    assert!(
        in_force.is_empty(),
        "not in force after its expiry: {in_force}"
    );

    l.run(&["measures", "rm", id]);
    assert!(l.run(&["measures", "list"]).is_empty());
}

#[test]
fn bad_input_is_one_sentence_on_stderr_and_writes_nothing() {
    let l = Ledger::new();
    l.run(&["import", s(&seed())]);
    let cases: &[&[&str]] = &[
        &[
            "measures",
            "add",
            "--title",
            "x",
            "--effective",
            "2020-02-30",
        ],
        &[
            "measures",
            "add",
            "--title",
            "x",
            "--effective",
            "2020-05-01",
            "--expires",
            "2020-04-01",
        ],
        &[
            "measures",
            "add",
            "--title",
            "x",
            "--article",
            "1",
            "--start",
            "5",
            "--end",
            "99999999",
        ],
        &[
            "measures",
            "add",
            "--title",
            "x",
            "--article",
            "999",
            "--start",
            "0",
            "--end",
            "1",
        ],
        &["measures", "add", "--title", "x", "--status", "maybe"],
        &["measures", "edit", "42", "--title", "y"],
        &["undo"],
    ];
    for args in cases {
        l.cmd().args(*args).assert().failure().stderr(
            predicate::str::starts_with("error: ").and(predicate::str::contains("\n").count(1)),
        );
    }
    assert!(
        l.run(&["measures", "list"]).is_empty(),
        "no refused command wrote a measure"
    );
}

#[test]
fn json_export_then_import_json_into_an_empty_ledger_is_byte_identical() {
    let l = Ledger::new();
    l.run(&["import", s(&seed()), "--date", "2020-04-25"]);
    l.run(&[
        "measures",
        "add",
        "--title",
        "购车抽奖",
        "--value",
        r#"{"kind":"amount","amount":"3000000","currency":"CNY"}"#,
        "--effective",
        "2020-04-10",
        "--expires",
        "2020-06-04",
        "--article",
        "1",
        "--start",
        "2",
        "--end",
        "9",
    ]);
    let out = l.dir.path().join("out.json");
    l.run(&["export", "--format", "json", "-o", s(&out)]);
    let first = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        first,
        l.run(&["export", "--format", "json"]),
        "-o and stdout carry the same document"
    );

    let other = Ledger::new();
    other.run(&["import-json", s(&out)]);
    assert_eq!(other.run(&["export", "--format", "json"]), first);
    assert!(
        first.contains("\"amount\": \"3000000\""),
        "money is a decimal string"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let l = Ledger::new();
    l.run(&["issues"]);
    let c = rusqlite::Connection::open(l.db()).unwrap();
    c.pragma_update(None, "user_version", 999).unwrap();
    drop(c);
    l.cmd()
        .args(["issues"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("newer version"));
}
