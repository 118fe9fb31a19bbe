//! End-to-end: `measures list` with the table's "expiring within" and package grouping.

mod support;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;
use support::Ledger;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

/// A ledger holding the seed issue and the suggester's measures (a package with its items).
fn seeded() -> (Ledger, Vec<Value>) {
    let l = Ledger::new();
    l.run(&[
        "import",
        seed().to_str().unwrap(),
        "--date",
        "2020-04-25",
        "--suggest",
    ]);
    let all: Vec<Value> = serde_json::from_str(&l.run(&["measures", "list", "--json"])).unwrap();
    assert!(
        all.iter().any(|m| !m["parent_id"].is_null()),
        "the seed's suggestions include a package with items"
    );
    (l, all)
}

fn ids(listing: &str) -> Vec<i64> {
    listing
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn expiring_within_lists_exactly_the_measures_ending_in_the_window() {
    let (l, all) = seeded();
    let from = NaiveDate::from_ymd_opt(2020, 12, 15).unwrap();
    for days in [0u32, 16, 30, 400] {
        let until = from + chrono::Days::new(days as u64);
        let mut expected: Vec<i64> = all
            .iter()
            .filter(|m| {
                m["expires_on"]
                    .as_str()
                    .map(|d| d.parse::<NaiveDate>().unwrap())
                    .is_some_and(|d| d >= from && d <= until)
            })
            .map(|m| m["id"].as_i64().unwrap())
            .collect();
        expected.sort_unstable();
        let listed = l.run(&[
            "measures",
            "list",
            "--expiring-within",
            &days.to_string(),
            "--from",
            "2020-12-15",
        ]);
        assert_eq!(ids(&listed), expected, "within {days} days of {from}");
    }
    // Counted from the day given: nothing of 2020 expires within a month of 2030.
    let later = l.run(&[
        "measures",
        "list",
        "--expiring-within",
        "30",
        "--from",
        "2030-01-01",
    ]);
    assert!(later.is_empty(), "{later}");
}

#[test]
fn a_start_day_without_a_window_is_refused() {
    let (l, _) = seeded();
    let out = l.output(&["measures", "list", "--from", "2020-12-15"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--expiring-within"));
}

#[test]
fn grouped_listing_puts_each_package_before_its_items_indented() {
    let (l, all) = seeded();
    let parent: std::collections::HashMap<i64, Option<i64>> = all
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m["parent_id"].as_i64()))
        .collect();
    let listed = l.run(&["measures", "list", "--group-packages"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), all.len(), "every measure once");
    let mut current_package = None;
    for line in &lines {
        let cols: Vec<&str> = line.split('\t').collect();
        let id: i64 = cols[0].parse().unwrap();
        match parent[&id] {
            None => {
                assert!(
                    !cols[3].starts_with(' '),
                    "a top-level row is not indented: {line}"
                );
                current_package = Some(id);
            }
            Some(p) => {
                assert_eq!(
                    Some(p),
                    current_package,
                    "item {id} follows its package {p}"
                );
                assert!(
                    cols[3].starts_with("  ") && !cols[3].starts_with("   "),
                    "{line}"
                );
            }
        }
    }
    // Flat, the same measures in id order, none indented.
    let flat = l.run(&["measures", "list"]);
    let mut sorted = ids(&listed);
    sorted.sort_unstable();
    assert_eq!(ids(&flat), sorted);
    assert!(flat
        .lines()
        .all(|l| !l.split('\t').nth(3).unwrap().starts_with(' ')));
}
