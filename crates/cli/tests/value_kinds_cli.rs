//! End-to-end: a multiple (session 8's value kind) set with `measures edit --value`, shown by
//! `measures show` and written by the CSV and calendar exports.

mod support;

use std::path::{Path, PathBuf};

use support::Ledger;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

#[test]
fn a_multiple_is_stored_shown_and_exported_with_its_factor() {
    let ledger = Ledger::new();
    ledger.run(&["import", seed().to_str().unwrap(), "--date", "2020-04-25"]);
    let id = ledger.run(&[
        "measures",
        "add",
        "--title",
        "补贴标准提高到原来的1.5倍",
        "--effective",
        "2020-05-01",
        "--expires",
        "2020-12-31",
    ]);
    let id = id.trim();
    ledger.run(&[
        "measures",
        "edit",
        id,
        "--value",
        r#"{"kind":"multiple","factor":"1.5","bound":"at_most"}"#,
        "--status",
        "confirmed",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ledger.run(&["measures", "show", id])).unwrap();
    assert_eq!(shown["value"]["kind"], "multiple");
    assert_eq!(shown["value"]["bound"], "at_most");
    assert_eq!(shown["value"]["factor"], "1.5");

    let csv = ledger.run(&["export", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.contains("补贴标准提高到原来的1.5倍"))
        .unwrap();
    assert!(
        row.contains(",multiple,1.5,,×,at_most,最高为原标准的1.5倍,"),
        "{row}"
    );
    let ics = ledger.run(&["export", "--format", "ics"]);
    assert!(ics.contains("最高为原标准的1.5倍"), "{ics}");
}
