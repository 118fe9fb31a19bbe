//! Crash tests: the CLI is killed with SIGKILL at random moments while it imports a batch of
//! issues and while it edits measures; every time, the ledger must reopen intact, hold no
//! half-imported issue, and keep every change the CLI reported as committed.
//!
//! Kill moments come from a seeded RNG (the seed is printed; set `CRASH_SEED` to replay) and
//! `CRASH_ITERATIONS` (default 20 per test) raises the number of kills for longer runs.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use support::{integrity, open_sql, s, Ledger};

fn iterations() -> usize {
    std::env::var("CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

fn rng(test: &str) -> fastrand::Rng {
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_u64);
    eprintln!("{test}: CRASH_SEED={seed}");
    fastrand::Rng::with_seed(seed)
}

/// Let the child run for `after`, SIGKILL it, and return the complete lines it printed.
fn kill_after(mut child: Child, after: Duration) -> Vec<String> {
    std::thread::sleep(after);
    let _ = child.kill(); // SIGKILL on Unix; it may already have finished
    let _ = child.wait();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    // A line cut by the kill has no newline: it promises nothing.
    let complete = out.rfind('\n').map(|i| &out[..=i]).unwrap_or("");
    complete.lines().map(str::to_string).collect()
}

/// Issue id and articles as (headline, text), keyed by the file the issue came from.
type IssuesBySource = BTreeMap<String, (i64, Vec<(String, String)>)>;

fn issues_by_source(db: &Path) -> IssuesBySource {
    let c = open_sql(db);
    let has_schema: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    if has_schema == 0 {
        return BTreeMap::new();
    }
    let mut issues = c
        .prepare("SELECT id, source_name FROM issues ORDER BY id")
        .unwrap();
    let rows: Vec<(i64, String)> = issues
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut arts = c
        .prepare("SELECT headline, body FROM articles WHERE issue_id = ?1 ORDER BY seq")
        .unwrap();
    rows.into_iter()
        .map(|(id, source)| {
            let a = arts
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (source, (id, a))
        })
        .collect()
}

fn batch(l: &Ledger, files: usize) -> Vec<PathBuf> {
    (0..files)
        .map(|n| {
            l.file(
                &format!("issue-{n:03}.txt"),
                support::issue_text(n, 100).as_bytes(),
            )
        })
        .collect()
}

fn import_args(files: &[PathBuf]) -> Vec<String> {
    let mut a = vec!["import".to_string()];
    a.extend(files.iter().map(|f| s(f).to_string()));
    a
}

#[test]
fn killed_batch_import_never_leaves_a_half_imported_issue() {
    let work = Ledger::new();
    let files = batch(&work, 24);
    let args = import_args(&files);

    // What a clean, uninterrupted import of the same files gives, and how long it takes. The
    // quickest of three runs: the first is slowed by a cold page cache and loader, and kills
    // timed against it would mostly land after the batch had finished.
    let mut clean_time = Duration::MAX;
    let mut expected = IssuesBySource::default();
    for _ in 0..3 {
        let reference = Ledger::new();
        let started = Instant::now();
        reference.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        clean_time = clean_time.min(started.elapsed());
        expected = issues_by_source(&reference.db());
    }
    assert_eq!(expected.len(), files.len());

    let mut rng = rng("killed_batch_import");
    let mut interrupted = 0;
    for round in 0..iterations() {
        let l = Ledger::new();
        let child = l
            .cmd()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let after = clean_time.mul_f64(rng.f64());
        let printed = kill_after(child, after);
        if !l.db().exists() {
            continue; // killed before it created the file
        }
        assert_eq!(
            integrity(&l.db()),
            "ok",
            "round {round}, killed after {after:?}"
        );
        let got = issues_by_source(&l.db());
        if got.len() < files.len() {
            interrupted += 1;
        }
        for (source, (_, articles)) in &got {
            assert_eq!(
                articles, &expected[source].1,
                "round {round}: issue from {source} is not exactly what a clean import stores"
            );
        }
        for line in &printed {
            // "imported PATH as issue N: …"
            let Some(rest) = line.strip_prefix("imported ") else {
                continue;
            };
            let (path, tail) = rest.split_once(" as issue ").unwrap();
            let id: i64 = tail.split(':').next().unwrap().parse().unwrap();
            let name = Path::new(path).file_name().unwrap().to_str().unwrap();
            assert_eq!(
                got.get(name).map(|g| g.0),
                Some(id),
                "round {round}: {name} was reported imported as issue {id} but is not there"
            );
        }
        // Running the same batch again finishes the job: the ledger ends as a clean import.
        let again = l.output(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(again.status.success(), "round {round}: {:?}", again);
        let fin = issues_by_source(&l.db());
        let strip = |m: &IssuesBySource| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.1.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        assert_eq!(
            strip(&fin),
            strip(&expected),
            "round {round}: resumed import"
        );
        let fts = open_sql(&l.db()).execute(
            "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)",
            [],
        );
        assert!(fts.is_ok(), "round {round}: full-text index: {fts:?}");
    }
    eprintln!(
        "{} kills, {interrupted} in the middle of the batch (clean import: {clean_time:?})",
        iterations()
    );
    assert!(
        interrupted * 2 >= iterations(),
        "most kills should land mid-batch, or the test proves little ({interrupted}/{})",
        iterations()
    );
}

#[test]
fn killed_edits_keep_every_change_reported_committed() {
    let l = Ledger::new();
    l.run(&["issues"]); // create the ledger
    let mut rng = rng("killed_edits");
    // Reported: id → highest revision reported for it (0 = created, not yet edited).
    let mut reported: HashMap<i64, u32> = HashMap::new();
    let mut lines_total = 0;
    for round in 0..iterations() {
        let label = format!("round{round}");
        let max_before: i64 = open_sql(&l.db())
            .query_row("SELECT coalesce(max(id), 0) FROM measures", [], |r| {
                r.get(0)
            })
            .unwrap();
        let child = l
            .cmd()
            .args(["debug", "write-loop", "1000000", "--label", &label])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let after = Duration::from_millis(rng.u64(30..400));
        let printed = kill_after(child, after);
        lines_total += printed.len();
        let mut last_created = None;
        for line in &printed {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["created", id] => {
                    let id = id.parse().unwrap();
                    reported.insert(id, 0);
                    last_created = Some(id);
                }
                ["edited", id, rev] => {
                    reported.insert(id.parse().unwrap(), rev.parse().unwrap());
                }
                other => panic!("unexpected output {other:?}"),
            }
        }
        assert_eq!(
            integrity(&l.db()),
            "ok",
            "round {round}, killed after {after:?}"
        );
        let c = open_sql(&l.db());
        for (&id, &rev) in &reported {
            let stored: Option<u32> = c
                .query_row("SELECT revision FROM measures WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .ok();
            let stored = stored.unwrap_or_else(|| {
                panic!("round {round}: measure {id} was reported committed and is missing")
            });
            assert!(
                stored >= rev,
                "round {round}: measure {id} lost an edit (stored revision {stored}, reported {rev})"
            );
        }
        // Of the measures created this round, only the newest may be unreported: the kill
        // can fall between its commit and its print. Anything more would be a phantom write.
        let mut stmt = c
            .prepare("SELECT id FROM measures WHERE id > ?1 ORDER BY id")
            .unwrap();
        let new_ids: Vec<i64> = stmt
            .query_map([max_before], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        drop(stmt);
        let unreported: Vec<i64> = new_ids
            .iter()
            .copied()
            .filter(|id| !reported.contains_key(id))
            .collect();
        assert!(
            unreported.is_empty() || unreported == [*new_ids.last().unwrap()],
            "round {round}: measures {unreported:?} were committed but never reported (last reported this round: {last_created:?})"
        );
        // Every action has its change records: the change log was written with the measure.
        let orphan_actions: i64 = c
            .query_row(
                "SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.action_id = a.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphan_actions, 0, "round {round}");
        drop(c);
        // The ledger is usable at once: undo works on the reopened file.
        l.run(&["undo"]);
        l.run(&["redo"]);
    }
    eprintln!(
        "{} kills, {} committed changes reported, {} measures",
        iterations(),
        lines_total,
        reported.len()
    );
    assert!(
        reported.len() > iterations(),
        "the writer should commit between kills"
    );
}

#[test]
fn killed_backup_leaves_either_a_whole_copy_or_none() {
    let l = Ledger::new();
    let files = batch(&l, 30);
    l.run(
        &import_args(&files)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let started = Instant::now();
    l.run(&["backup", s(&l.path("timing.bak"))]);
    let backup_time = started.elapsed();
    let mut rng = rng("killed_backup");
    let (mut whole, mut none) = (0, 0);
    for round in 0..iterations() {
        let dest = l.path(&format!("copy{round}.bak"));
        let child = l
            .cmd()
            .args(["backup", s(&dest)])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        kill_after(child, backup_time.mul_f64(rng.f64()));
        if dest.exists() {
            assert_eq!(integrity(&dest), "ok", "round {round}");
            assert_eq!(
                support::count(&dest, "issues"),
                files.len() as i64,
                "round {round}"
            );
            whole += 1;
        } else {
            none += 1;
        }
        assert_eq!(integrity(&l.db()), "ok", "round {round}: the ledger itself");
    }
    eprintln!("{whole} whole copies, {none} killed before the rename (backup: {backup_time:?})");
}

#[test]
fn killed_json_import_loads_all_or_nothing() {
    let source = Ledger::new();
    let files = batch(&source, 30);
    source.run(
        &import_args(&files)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    source.run(&["debug", "write-loop", "200"]);
    let doc = source.path("ledger.json");
    source.run(&["export", "--format", "json", "-o", s(&doc)]);
    let started = Instant::now();
    Ledger::new().run(&["import-json", s(&doc)]);
    let clean_time = started.elapsed();

    let mut rng = rng("killed_json_import");
    let (mut all, mut nothing) = (0, 0);
    for round in 0..iterations() {
        let l = Ledger::new();
        let child = l
            .cmd()
            .args(["import-json", s(&doc)])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let printed = kill_after(child, clean_time.mul_f64(rng.f64() * 1.2));
        if !l.db().exists() {
            nothing += 1;
            continue;
        }
        assert_eq!(integrity(&l.db()), "ok", "round {round}");
        let c = open_sql(&l.db());
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let counts: (i64, i64, i64) = if version == 0 {
            (0, 0, 0)
        } else {
            c.query_row(
                "SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM articles), (SELECT count(*) FROM measures)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
        };
        if counts == (0, 0, 0) {
            assert!(
                printed.is_empty(),
                "round {round}: reported {printed:?} yet empty"
            );
            nothing += 1;
        } else {
            let expected = (
                support::count(&source.db(), "issues"),
                support::count(&source.db(), "articles"),
                support::count(&source.db(), "measures"),
            );
            assert_eq!(
                counts, expected,
                "round {round}: a partial document was stored"
            );
            all += 1;
        }
    }
    eprintln!("{all} whole imports, {nothing} with nothing stored (clean: {clean_time:?})");
}
