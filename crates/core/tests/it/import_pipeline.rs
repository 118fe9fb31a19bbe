//! Integration tests: the batch import (`import_files`, pipelined on two threads) stores
//! exactly what importing the same files one at a time, parse → insert → suggest on the
//! calling thread, stores: the same issues, articles, measures with their spans and keys, the
//! same reports, and the same undoable actions in the same order.

use std::path::{Path, PathBuf};

use policy_ledger_core::extract::suggest_into;
use policy_ledger_core::import::{
    import_files, parse_file, FileOutcome, FileReport, ImportOptions, ImportProgress,
};
use policy_ledger_core::model::{Issue, Measure};
use policy_ledger_core::store::{InsertOutcome, UndoReport};
use policy_ledger_core::Store;

use crate::import::{fixture, SEED};

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The seed as GB18030 with CRLF line endings: other bytes, the same issue.
fn seed_re_encoded() -> Vec<u8> {
    let text = String::from_utf8(fixture(SEED))
        .unwrap()
        .replace('\n', "\r\n");
    encoding_rs::GB18030.encode(&text).0.into_owned()
}

/// GB18030 bytes with two bytes no GB18030 text can contain: refused as undecodable.
fn undecodable() -> Vec<u8> {
    let mut bytes = seed_re_encoded();
    bytes.splice(2000..2000, [0xFF, 0xFF]);
    bytes
}

/// The four distinct issues of the import fixtures, written to `dir`.
fn good_files(dir: &Path) -> Vec<PathBuf> {
    [
        SEED,
        "xiangtan_evening_other_city.txt",
        "taichung_daily_traditional.txt",
        "changsha_epaper_two_articles.html",
    ]
    .iter()
    .map(|name| write_file(dir, name, &fixture(name)))
    .collect()
}

fn suggesting() -> ImportOptions {
    ImportOptions {
        suggest: true,
        ..Default::default()
    }
}

/// The reference: each file read, parsed, stored and suggested on in turn, with nothing
/// running beside it (the importer before it was pipelined).
fn import_one_by_one(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Vec<FileReport> {
    paths
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(path).unwrap();
            let outcome = match parse_file(&name, &bytes, opts) {
                Err(e) => FileOutcome::Failed {
                    code: e.code().into(),
                    reason: e.to_string(),
                },
                Ok(parsed) => match store.insert_issue(&parsed, &name).unwrap() {
                    InsertOutcome::Duplicate { existing_issue_id } => {
                        FileOutcome::Duplicate { existing_issue_id }
                    }
                    InsertOutcome::Inserted { issue_id, articles } => {
                        let suggestions = if opts.suggest {
                            suggest_into(store, issue_id).unwrap().created
                        } else {
                            0
                        };
                        FileOutcome::Imported {
                            issue_id,
                            articles,
                            suggestions,
                            warnings: parsed.warnings,
                            format: parsed.format,
                            encoding: parsed.encoding,
                            date: parsed.date,
                            date_evidence: parsed.date_evidence,
                        }
                    }
                },
            };
            FileReport {
                path: path.display().to_string(),
                outcome,
            }
        })
        .collect()
}

/// What a ledger holds, without what differs between two runs (import times, measure uids
/// and clocks).
fn contents(store: &Store) -> (Vec<Issue>, Vec<Measure>) {
    let mut issues = store.all_issues().unwrap();
    for i in &mut issues {
        i.imported_at.clear();
    }
    let mut measures = store.all_measures().unwrap();
    for m in &mut measures {
        m.uid.clear();
        m.created_at.clear();
        m.updated_at.clear();
    }
    (issues, measures)
}

/// Undo every action, newest first, and say what each undid. Consumes the history.
fn undo_everything(store: &mut Store) -> Vec<UndoReport> {
    std::iter::from_fn(|| store.undo().ok()).collect()
}

/// Import `paths` in one batch and one by one into two fresh ledgers and check that both hold
/// the same, report the same and undo the same. Returns the batch's reports and progress.
fn batch_equals_one_by_one(
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> (Vec<FileReport>, Vec<ImportProgress>) {
    let mut batch = Store::open_in_memory().unwrap();
    let mut progress = Vec::new();
    let reports = import_files(&mut batch, paths, opts, &mut |p| progress.push(p.clone()));
    let mut reference = Store::open_in_memory().unwrap();
    let expected = import_one_by_one(&mut reference, paths, opts);
    assert_eq!(reports, expected);
    assert_eq!(contents(&batch), contents(&reference));
    assert_eq!(batch.integrity_check().unwrap(), "ok");
    assert_eq!(undo_everything(&mut batch), undo_everything(&mut reference));
    (reports, progress)
}

fn status(r: &FileReport) -> &'static str {
    match r.outcome {
        FileOutcome::Imported { .. } => "imported",
        FileOutcome::Duplicate { .. } => "duplicate",
        FileOutcome::Failed { .. } => "failed",
    }
}

#[test]
fn a_duplicate_in_the_middle_of_a_batch_is_skipped_and_suggests_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = good_files(dir.path());
    paths.insert(
        2,
        write_file(dir.path(), "seed-copy.txt", &seed_re_encoded()),
    );
    let (reports, _) = batch_equals_one_by_one(&paths, &suggesting());
    let statuses: Vec<_> = reports.iter().map(status).collect();
    assert_eq!(
        statuses,
        ["imported", "imported", "duplicate", "imported", "imported"]
    );
    let FileOutcome::Imported {
        issue_id: seed_id,
        suggestions,
        ..
    } = reports[0].outcome
    else {
        unreachable!()
    };
    assert!(suggestions > 0, "the seed has measures to suggest");
    assert_eq!(
        reports[2].outcome,
        FileOutcome::Duplicate {
            existing_issue_id: seed_id
        }
    );
}

#[test]
fn an_undecodable_file_between_good_ones_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = good_files(dir.path());
    paths.insert(1, write_file(dir.path(), "broken.txt", &undecodable()));
    let (reports, _) = batch_equals_one_by_one(&paths, &suggesting());
    let statuses: Vec<_> = reports.iter().map(status).collect();
    assert_eq!(
        statuses,
        ["imported", "failed", "imported", "imported", "imported"]
    );
    match &reports[1].outcome {
        FileOutcome::Failed { code, reason } => {
            assert_eq!(code, "undecodable");
            assert!(reason.contains("broken.txt"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn with_suggestions_off_a_batch_stores_issues_and_no_measures() {
    let dir = tempfile::tempdir().unwrap();
    let paths = good_files(dir.path());
    let mut store = Store::open_in_memory().unwrap();
    let reports = import_files(&mut store, &paths, &ImportOptions::default(), &mut |_| {});
    assert!(reports
        .iter()
        .all(|r| matches!(r.outcome, FileOutcome::Imported { suggestions: 0, .. })));
    assert_eq!(store.list_issues().unwrap().len(), paths.len());
    assert!(store.all_measures().unwrap().is_empty());
    batch_equals_one_by_one(&paths, &ImportOptions::default());
}

#[test]
fn reports_and_progress_follow_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_files(dir.path());
    // Outcomes of every kind, interleaved, longer than the worker can run ahead.
    let paths = vec![
        write_file(dir.path(), "empty.txt", b""),
        good[3].clone(),
        write_file(dir.path(), "broken.txt", &undecodable()),
        good[0].clone(),
        write_file(dir.path(), "seed-copy.txt", &seed_re_encoded()),
        good[2].clone(),
        dir.path().join("missing.txt"),
        good[1].clone(),
        good[3].clone(),
    ];
    // The reference cannot read a missing file: compare the rest one by one, and the missing
    // file's report on its own.
    let readable: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    batch_equals_one_by_one(&readable, &suggesting());

    let mut store = Store::open_in_memory().unwrap();
    let mut progress = Vec::new();
    let reports = import_files(&mut store, &paths, &suggesting(), &mut |p| {
        progress.push(p.clone())
    });
    let report_paths: Vec<String> = reports.iter().map(|r| r.path.clone()).collect();
    let input_paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(report_paths, input_paths);
    let statuses: Vec<_> = reports.iter().map(status).collect();
    assert_eq!(
        statuses,
        [
            "failed",
            "imported",
            "failed",
            "imported",
            "duplicate",
            "imported",
            "failed",
            "imported",
            "duplicate"
        ]
    );
    let total = paths.len() as u32;
    let expected: Vec<ImportProgress> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| ImportProgress {
            done: i as u32,
            total,
            current: p.file_name().unwrap().to_string_lossy().into_owned(),
        })
        .chain([ImportProgress {
            done: total,
            total,
            current: String::new(),
        }])
        .collect();
    assert_eq!(progress, expected);
}

#[test]
fn an_empty_batch_reports_nothing_and_finishes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut progress = Vec::new();
    let reports = import_files(&mut store, &[], &suggesting(), &mut |p| {
        progress.push(p.clone())
    });
    assert!(reports.is_empty());
    assert_eq!(
        progress,
        [ImportProgress {
            done: 0,
            total: 0,
            current: String::new()
        }]
    );
}
