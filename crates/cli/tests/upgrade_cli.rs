//! End-to-end: opening a ledger written by an older version from the CLI says what the
//! upgrade does on stderr (one line a step, and where the copy is kept) and keeps stdout the
//! command's own.

mod support;

use std::path::{Path, PathBuf};

use support::Ledger;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

/// The seed imported with suggestions, then the file taken back to schema 4 as the benchmarks
/// and the app's E2E test do (crates/bench/src/downgrade_to_4.sql).
fn schema_4_ledger() -> (Ledger, i64) {
    let l = Ledger::new();
    l.run(&["import", seed().to_str().unwrap(), "--suggest"]);
    let c = l.sql();
    let measures: i64 = c
        .query_row("SELECT count(*) FROM measures", [], |r| r.get(0))
        .unwrap();
    c.execute_batch(include_str!("../../bench/src/downgrade_to_4.sql"))
        .unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4);
    (l, measures)
}

#[test]
fn an_old_ledger_is_upgraded_with_each_step_on_stderr_and_the_listing_on_stdout() {
    let (l, measures) = schema_4_ledger();
    let out = l.output(&["measures", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len() as i64, measures, "every measure survives");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    let kept = l.path("ledger.sqlite3.before-v6.bak");
    assert_eq!(
        lines,
        vec![
            "upgrading the ledger from schema 4 to 6: step 1 of 3, keeping a copy of the previous file",
            &format!("a copy of the previous file was kept at {}", kept.display()),
            "upgrading the ledger from schema 4 to 6: step 2 of 3, placing each measure in its package",
            "upgrading the ledger from schema 4 to 6: step 3 of 3, indexing the sources",
        ],
    );
    assert!(kept.is_file());

    let again = l.output(&["measures", "list", "--json"]);
    assert!(again.status.success());
    assert!(again.stderr.is_empty(), "an up-to-date ledger says nothing");
}
