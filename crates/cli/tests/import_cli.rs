//! End-to-end: importing the seed issue with suggestions, and searching it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("policy-ledger")
        .unwrap()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn seed_imports_as_seven_articles_with_its_date_and_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let report: serde_json::Value = serde_json::from_str(&run(
        &db,
        &["import", seed().to_str().unwrap(), "--suggest", "--json"],
    ))
    .unwrap();
    let outcome = &report[0]["outcome"];
    assert_eq!(outcome["status"], "imported");
    assert_eq!(outcome["articles"], 7);
    assert_eq!(
        outcome["date"], "2020-04-25",
        "inferred from the datelines: {outcome}"
    );
    assert!(outcome["suggestions"].as_u64().unwrap() >= 2);

    let measures: serde_json::Value =
        serde_json::from_str(&run(&db, &["measures", "list", "--json"])).unwrap();
    let lottery = measures
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["value"]["amount"] == "3000000")
        .expect("the 3-million-yuan lottery is suggested");
    assert_eq!(lottery["effective_from"], "2020-04-10");
    assert_eq!(lottery["expires_on"], "2020-06-04");
    assert_eq!(lottery["status"], "suggested");
}

#[test]
fn search_finds_two_character_words_and_marks_the_hit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    run(&db, &["import", seed().to_str().unwrap()]);
    let text = run(&db, &["search", "电价"]);
    assert!(text.contains("【电价】"), "{text}");
    assert!(text.contains("醴陵出台“十二条”支持外贸企业"), "{text}");
    let hits: serde_json::Value =
        serde_json::from_str(&run(&db, &["search", "购车补贴力度", "--json"])).unwrap();
    assert_eq!(
        hits.as_array().unwrap().len(),
        1,
        "a phrase rejoined across a layout break is found"
    );
    assert!(run(&db, &["search", "不存在的词语"]).is_empty());
}
