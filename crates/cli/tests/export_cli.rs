//! End-to-end: `export` in every format, `parse-dates` and `suggest` through the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn cmd(db: &Path) -> Command {
    let mut c = Command::cargo_bin("policy-ledger").unwrap();
    c.arg("--db").arg(db);
    c
}

fn ok(db: &Path, args: &[&str]) -> (String, String) {
    let out = cmd(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn parse_dates_reads_one_phrase_per_line_and_writes_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let out = cmd(&db)
        .args(["parse-dates", "--reference", "2020-04-25"])
        .write_stdin("至今年12月31日\n6月4日24时\n即日起\r\n疫情防控期间\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    // Reading phrases needs no ledger: none is created (nor an old one upgraded).
    assert!(
        !db.exists(),
        "parse-dates left a ledger at {}",
        db.display()
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let row = |i: usize| {
        (
            lines[i]["phrase"].clone(),
            lines[i]["start"].clone(),
            lines[i]["end"].clone(),
        )
    };
    assert_eq!(
        row(0),
        (
            "至今年12月31日".into(),
            serde_json::Value::Null,
            "2020-12-31".into()
        )
    );
    assert_eq!(
        lines[1]["end"], "2020-06-04",
        "24时 is the end of that day, not the next one"
    );
    assert_eq!(
        row(2),
        (
            "即日起".into(),
            "2020-04-25".into(),
            serde_json::Value::Null
        )
    );
    assert_eq!(
        row(3).1,
        serde_json::Value::Null,
        "an open-ended phrase is left unknown"
    );
    assert_eq!(row(3).2, serde_json::Value::Null);
}

#[test]
fn suggest_twice_creates_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(
        &db,
        &[
            "import",
            seed().to_str().unwrap(),
            "--date",
            "2020-04-25",
            "--publication",
            "株洲日报",
        ],
    );
    let (first, _) = ok(&db, &["suggest", "--json"]);
    let first: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert!(
        first[0]["created"].as_u64().unwrap() > 0,
        "the seed has measures: {first}"
    );
    let (second, _) = ok(&db, &["suggest", "--json"]);
    let second: serde_json::Value = serde_json::from_str(&second).unwrap();
    assert_eq!(second[0]["created"], 0);
    assert_eq!(second[0]["skipped"], first[0]["created"]);
}

#[test]
fn export_ics_csv_html_of_a_confirmed_measure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(
        &db,
        &["import", seed().to_str().unwrap(), "--date", "2020-04-25"],
    );
    ok(
        &db,
        &[
            "measures",
            "add",
            "--title",
            "购车抽奖",
            "--issuer",
            "株洲市",
            "--effective",
            "2020-04-10",
            "--expires",
            "2020-06-04",
        ],
    );
    ok(
        &db,
        &[
            "measures",
            "add",
            "--title",
            "未定日期",
            "--issuer",
            "株洲市",
        ],
    );
    ok(
        &db,
        &[
            "measures",
            "add",
            "--title",
            "建议",
            "--status",
            "suggested",
            "--expires",
            "2020-12-31",
        ],
    );

    let ics = dir.path().join("policy.ics");
    let (_, report) = ok(
        &db,
        &[
            "export",
            "--format",
            "ics",
            "-o",
            ics.to_str().unwrap(),
            "--dtstamp",
            "2020-04-26T00:00:00Z",
        ],
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20200410\r\n"), "{text}");
    assert!(
        text.contains("DTEND;VALUE=DATE:20200605\r\n"),
        "the end is exclusive"
    );
    assert!(
        !text.contains("建议"),
        "suggestions stay out of the calendar by default"
    );
    assert!(
        report.contains("left out: measure 2"),
        "the undated measure is reported: {report}"
    );

    let (csv, _) = ok(&db, &["export", "--format", "csv", "--all-statuses"]);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(csv.trim_end().lines().count(), 4, "header + three measures");
    let (csv, _) = ok(&db, &["export", "--format", "csv", "--no-bom"]);
    assert!(!csv.starts_with('\u{feff}'));

    let (html, _) = ok(&db, &["export", "--format", "html"]);
    assert!(html.contains("购车抽奖") && !html.contains("<script"));
}
