//! Several processes using one ledger at once (the app and the CLI, or two scripts): nobody
//! sees "database is locked", and no write is lost.

mod support;

use std::process::{Output, Stdio};

use support::{count, integrity, s, Ledger};

/// Fails with the process's stderr unless it succeeded without any lock error.
fn assert_clean(what: &str, out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what} failed: {err}");
    for word in ["locked", "busy"] {
        assert!(!err.contains(word), "{what} reported {word:?}: {err}");
    }
}

#[test]
fn two_writers_and_a_reader_at_once_lose_nothing() {
    let l = Ledger::new();
    l.run(&["issues"]);
    const N: u32 = 150;
    let writers: Vec<_> = ["A", "B"]
        .iter()
        .map(|label| {
            l.cmd()
                .args(["debug", "write-loop", &N.to_string(), "--label", label])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // A reader polling the table meanwhile, as the app's table view would.
    let mut reads = 0;
    while reads < 20 {
        let out = l.output(&["measures", "list", "--json"]);
        assert_clean("measures list", &out);
        reads += 1;
    }
    for (w, label) in writers.into_iter().zip(["A", "B"]) {
        let out = w.wait_with_output().unwrap();
        assert_clean(&format!("writer {label}"), &out);
        let lines = String::from_utf8(out.stdout).unwrap();
        assert_eq!(lines.lines().count() as u32, 2 * N, "writer {label}");
    }
    assert_eq!(integrity(&l.db()), "ok");
    let c = l.sql();
    for label in ["A", "B"] {
        let (n, edited): (u32, u32) = c
            .query_row(
                "SELECT count(*), sum(revision = 1 AND notes = 'edited by ' || ?1)
                 FROM measures WHERE title LIKE ?1 || ' %'",
                [label],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (n, edited),
            (N, N),
            "every measure of writer {label}, each edited once"
        );
    }
    assert_eq!(
        count(&l.db(), "actions"),
        4 * N as i64,
        "one action per change"
    );
}

#[test]
fn an_import_and_edits_at_once_both_complete() {
    let l = Ledger::new();
    l.run(&["issues"]);
    let files: Vec<_> = (0..15)
        .map(|n| l.file(&format!("i{n}.txt"), support::issue_text(n, 100).as_bytes()))
        .collect();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| s(f).to_string()));
    let import = l
        .cmd()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let edits = l.output(&["debug", "write-loop", "100", "--label", "E"]);
    assert_clean("write-loop", &edits);
    let import = import.wait_with_output().unwrap();
    assert_clean("import", &import);
    assert_eq!(count(&l.db(), "issues"), files.len() as i64);
    assert_eq!(count(&l.db(), "measures"), 100);
}

#[test]
fn many_processes_creating_a_new_ledger_at_once_all_succeed() {
    // The first open creates the schema: racing first opens must not trip over each other.
    for round in 0..3 {
        let l = Ledger::new();
        let adds: Vec<_> = (0..6)
            .map(|i| {
                l.cmd()
                    .args(["measures", "add", "--title", &format!("m{i}")])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (i, a) in adds.into_iter().enumerate() {
            assert_clean(
                &format!("round {round} add {i}"),
                &a.wait_with_output().unwrap(),
            );
        }
        assert_eq!(count(&l.db(), "measures"), 6, "round {round}");
    }
}

#[test]
fn a_writer_kept_waiting_past_the_timeout_is_told_to_try_again() {
    let l = Ledger::new();
    l.run(&["issues"]);
    // Another program holds the write lock for longer than the 10 s busy timeout.
    let blocker = l.sql();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let out = l.output(&["measures", "add", "--title", "等一等"]);
    let waited = started.elapsed();
    blocker.execute_batch("ROLLBACK").unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        waited.as_secs() >= 9,
        "it waited for the other program first ({waited:?})"
    );
    assert!(
        err.starts_with("error: ") && err.contains("try again") && !err.contains("locked"),
        "{err}"
    );
    assert_eq!(count(&l.db(), "measures"), 0);
    l.run(&["measures", "add", "--title", "等一等"]);
    assert_eq!(count(&l.db(), "measures"), 1);
}

#[test]
fn the_app_in_process_and_the_cli_write_at_once_and_lose_nothing() {
    use policy_ledger_core::model::MeasureInput;
    use policy_ledger_core::Store;
    let l = Ledger::new();
    l.run(&["issues"]);
    const N: u32 = 150;
    let cli = l
        .cmd()
        .args(["debug", "write-loop", &N.to_string(), "--label", "CLI"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The app: one Store in this process, editing through the same core calls as its commands.
    let db = l.db();
    let app = std::thread::spawn(move || {
        let mut store = Store::open(&db).unwrap();
        for i in 0..N {
            let m = store
                .create_measure(&MeasureInput {
                    title: format!("APP {i}"),
                    ..Default::default()
                })
                .map_err(|e| format!("create: {e}"))?;
            let mut edit = MeasureInput::from_measure(&m);
            edit.notes = "edited by APP".into();
            store
                .update_measure(m.id, &edit)
                .map_err(|e| format!("edit: {e}"))?;
        }
        Ok::<_, String>(())
    });
    assert_clean("the CLI", &cli.wait_with_output().unwrap());
    app.join().unwrap().expect("the app's writes all succeed");
    assert_eq!(count(&l.db(), "measures"), 2 * N as i64);
    let edited: i64 = l
        .sql()
        .query_row(
            "SELECT count(*) FROM measures WHERE revision = 1 AND notes LIKE 'edited by %'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edited, 2 * N as i64, "every edit of both writers is there");
}
