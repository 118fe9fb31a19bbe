//! The ledger's SQLite store.
//!
//! Contract: one [`Store`] owns one connection. Every method that changes data runs in one
//! transaction, so a user action is either wholly saved or not at all. Writes take `&mut self`.
//! Opening applies pending migrations (all in one transaction) and refuses a database written
//! by a newer version. WAL mode lets the app and the CLI share the file.

mod backup;
mod interchange;
mod issues;
mod measures;
mod migrations;
mod search;
mod table;
mod table_order;
mod text_index;
mod timeline;
mod upgrade;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::{Error, Result};
use table_order::TableOrder;

pub(crate) use backup::restore_hint;
pub use backup::{backups_beside, BackupReport};
pub use interchange::DocumentImport;
pub use issues::{ArticleCitation, InsertOutcome};
pub use measures::{
    ActionKind, ActionSummary, MeasurePage, MeasureQuery, MeasureSort, MeasureTree, UndoReport,
};
pub use migrations::SCHEMA_VERSION;
pub use search::{SearchHit, SnippetPart};
pub use table::{TablePage, TableRow};
pub use timeline::{
    ExpiringMeasure, TickKind, Timeline, TimelineBar, TimelineGroup, TimelineGrouping,
    TimelineMarker, TimelineQuery, TimelineTick, TimelineWindow,
};
pub use upgrade::{OpenStatus, UpgradeProgress, COPY_STEP};

/// Application identifier; the default database lives in its data directory.
pub const APP_ID: &str = "io.github.policy-ledger";

/// How long a write waits for another program's write before giving up with "busy".
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The measures table's last full order (table_order.rs). A cell, because reading a page
    /// takes `&self`; `Store` is used by one thread at a time (the app holds it in a mutex).
    table_order: RefCell<Option<TableOrder>>,
}

/// `~/.local/share/io.github.policy-ledger/ledger.sqlite3` on Linux (the platform's data
/// directory elsewhere). Shared by the app and the CLI.
pub fn default_db_path() -> Result<PathBuf> {
    // The folder is named after the app identifier, as Tauri names the app's data folder.
    let dirs = directories::BaseDirs::new()
        .ok_or_else(|| Error::invalid("no home directory: pass --db PATH"))?;
    Ok(dirs.data_dir().join(APP_ID).join("ledger.sqlite3"))
}

impl Store {
    /// Open (creating if needed) the database file at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_progress(path, &mut |_| {})
    }

    /// [`Store::open`], telling `progress` how an upgrade of an older ledger goes (the copy kept
    /// first, then each migration; see [`UpgradeProgress`]). Called on this thread, in order;
    /// never called for a new ledger or one already up to date.
    pub fn open_with_progress(
        path: &Path,
        progress: &mut dyn FnMut(&UpgradeProgress),
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            table_order: RefCell::new(None),
        };
        let map = |e| match e {
            Error::Database(inner) => open_error(path, inner),
            other => other,
        };
        store.configure(true).map_err(map)?;
        store.migrate_to(SCHEMA_VERSION, progress).map_err(map)?;
        Ok(store)
    }

    /// Create a new ledger file at `path` with the schema of `version` (migrations 1 to
    /// `version` only), for tests and benchmarks of an upgrade. Refuses an existing file.
    #[cfg(feature = "test-support")]
    pub fn create_at_version(path: &Path, version: i64) -> Result<Store> {
        if path.exists() || !(1..=SCHEMA_VERSION).contains(&version) {
            return Err(Error::invalid(format!(
                "cannot create a schema-{version} ledger at {}",
                path.display()
            )));
        }
        let mut store = Store {
            conn: Connection::open(path).map_err(|e| open_error(path, e))?,
            path: Some(path.to_path_buf()),
            table_order: RefCell::new(None),
        };
        store.configure(true)?;
        store.migrate_to(version, &mut |_| {})?;
        Ok(store)
    }

    /// A private in-memory database (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            table_order: RefCell::new(None),
        };
        store.configure(false)?;
        store.migrate_to(SCHEMA_VERSION, &mut |_| {})?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&mut self, file: bool) -> Result<()> {
        // The app and the CLI may write at once: wait for the other instead of failing.
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if file {
            let mode = self.switch_to_wal()?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::invalid(format!(
                    "the database could not use WAL mode ({mode})"
                )));
            }
            // Analysts' edits are small and rare: make each one durable on commit.
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(())
    }

    /// Put the file in WAL mode (a no-op once it is: the mode is stored in the file).
    ///
    /// Switching needs an exclusive lock taken while holding a shared one, and SQLite answers
    /// "busy" at once there instead of calling the busy handler (waiting could deadlock). Several
    /// programs opening a brand-new ledger at the same moment all try to switch, so the switch
    /// is retried with a short, growing pause for as long as any other write would wait.
    fn switch_to_wal(&self) -> Result<String> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            let current: String = self
                .conn
                .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            if current.eq_ignore_ascii_case("wal") {
                return Ok(current);
            }
            match self
                .conn
                .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0))
            {
                Err(e) if crate::error::is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                other => return Ok(other?),
            }
        }
    }

    /// Current schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Apply migrations up to `target` in one transaction, reporting an upgrade's progress.
    fn migrate_to(
        &mut self,
        target: i64,
        progress: &mut dyn FnMut(&UpgradeProgress),
    ) -> Result<()> {
        let path = self.path_label();
        let target = target.min(SCHEMA_VERSION);
        let before: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        // An upgrade (as opposed to creating a ledger) is what the analyst waits for.
        let upgrading = before > 0 && before < target;
        let copy_steps = u32::from(upgrading && self.path.is_some());
        let mut report = upgrade::UpgradeReporter {
            sink: progress,
            last: UpgradeProgress {
                step: 0,
                steps: copy_steps + (target - before).max(0) as u32,
                name: String::new(),
                from_version: before.max(0) as u32,
                to_version: target as u32,
                fraction: None,
                backup: None,
            },
        };
        // Reliability: an existing database is copied aside before a migration changes it
        // (backup.rs). Checked outside the write transaction because the copy reads the whole
        // file; if another process migrates meanwhile, the loop below simply finds nothing to do.
        if copy_steps == 1 {
            report.begin(1, COPY_STEP, Some(0.0));
            let kept = self.backup_before_migration(target, &mut |f| report.advance(f))?;
            if let Some(kept) = kept {
                report.kept_copy(&kept);
            }
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerDatabase {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, m) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(found as usize)
        {
            let version = (i + 1) as i64;
            if upgrading {
                let step = copy_steps + (version - before) as u32;
                report.begin(step, m.name, m.fill.map(|_| 0.0));
            }
            tx.execute_batch(m.sql)?;
            if let Some(fill) = m.fill {
                fill(&tx, &mut |f| {
                    if upgrading {
                        report.advance(f)
                    }
                })?;
            }
            tx.execute_batch(m.then)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn path_label(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into())
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Start a write transaction (IMMEDIATE, so a concurrent writer waits at the start rather
    /// than failing at commit).
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::CorruptDatabase {
                path: path.display().to_string(),
                detail: e.to_string(),
            }
        }
        // Opening needs to write (WAL index, migrations): say so rather than "error code 14".
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => Error::io(
            "open the ledger",
            path,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file or its folder is read-only",
            ),
        ),
        _ => Error::Database(e),
    }
}

pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A ledger file at the previous schema version holding one issue (tests of upgrades and
/// of the copy made before a migration).
#[cfg(test)]
pub(crate) fn previous_schema_ledger(path: &Path) -> Store {
    schema_ledger_at(path, SCHEMA_VERSION - 1)
}

/// A ledger file at schema `version` holding one issue.
#[cfg(test)]
pub(crate) fn schema_ledger_at(path: &Path, version: i64) -> Store {
    let conn = Connection::open(path).unwrap();
    let mut old = Store {
        conn,
        path: Some(path.to_path_buf()),
        table_order: RefCell::new(None),
    };
    old.configure(true).unwrap();
    old.migrate_to(version, &mut |_| {}).unwrap();
    old.conn
        .execute(
            "INSERT INTO issues (publication, date, source_name, sha256, imported_at)
             VALUES ('株洲日报', '2020-04-25', 'a.txt', ?1, '2020-04-25T00:00:00Z')",
            [&"a".repeat(64)],
        )
        .unwrap();
    old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn default_ledger_lives_in_the_data_folder_named_after_the_app_id() {
        let path = default_db_path().unwrap();
        assert!(
            path.ends_with(".local/share/io.github.policy-ledger/ledger.sqlite3")
                || path.ends_with("io.github.policy-ledger/ledger.sqlite3"),
            "{}",
            path.display()
        );
    }

    #[test]
    fn a_store_can_move_to_another_thread() {
        // The app keeps its store in a mutex and runs each call on Tokio's blocking pool.
        fn movable<T: Send>() {}
        movable::<Store>();
    }

    #[test]
    fn fresh_database_has_the_current_schema_and_foreign_keys() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys must be enforced");
    }

    #[test]
    fn file_database_uses_wal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a/b/ledger.sqlite3")).unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("a newer schema must be refused");
        assert_eq!(err.code(), "newer_database");
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            v,
            SCHEMA_VERSION + 1,
            "the newer database must not be touched"
        );
    }

    #[test]
    fn upgrade_from_schema_2_keeps_the_data_and_indexes_the_measures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let old = schema_ledger_at(&path, 2);
            // A measure quoting its article, written by schema 2: migration 3 must index it.
            old.conn
                .execute_batch(
                    "INSERT INTO articles (id, issue_id, seq, headline, body)
                     VALUES (1, 1, 0, '醴陵出台十二条', '醴陵市出台十二条措施支持外贸企业稳定发展。');
                     INSERT INTO measures (id, uid, title, issuer, status, notes, created_at, updated_at)
                     VALUES (7, '00000000-0000-0000-0000-000000000007', '支持外贸企业', '醴陵市',
                             'suggested', '电价按95%结算', '2020-04-25T00:00:00Z', '2020-04-25T00:00:00Z');
                     INSERT INTO sources (measure_id, seq, article_id, start_offset, end_offset, quote)
                     VALUES (7, 0, 1, 3, 10, '出台十二条措施');",
                )
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let issues = store.list_issues().unwrap();
        assert_eq!(
            issues.len(),
            1,
            "the issue written before the upgrade survives it"
        );
        assert_eq!(issues[0].publication, "株洲日报");
        // Words from the title, the issuer, the notes and the quote: each two or more CJK
        // characters, so the table query answers them through the backfilled index.
        for text in ["外贸企业", "醴陵市", "电价", "十二条措施"] {
            let page = store
                .query_measures(&MeasureQuery {
                    text: Some(text.into()),
                    ..Default::default()
                })
                .unwrap();
            let ids: Vec<i64> = page.rows.iter().map(|m| m.id).collect();
            assert_eq!(ids, [7], "{text}: the measure stored before the upgrade");
        }
        let indexed: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM measure_text WHERE measure_text MATCH '\"措施\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexed, 1, "the quote is in the index");
    }

    #[test]
    fn upgrade_to_schema_5_places_every_stored_measure_in_its_tree() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let old = schema_ledger_at(&path, 4);
            // A chain five levels deep (1 → 3 → 2 → 5 → 4: ids not in tree order), a sibling
            // (6 under 1), a second package (7 with item 8) and a lone measure (9).
            let mut sql = String::new();
            for (id, parent) in [
                (1, None),
                (3, Some(1)),
                (2, Some(3)),
                (5, Some(2)),
                (4, Some(5)),
                (6, Some(1)),
                (7, None),
                (8, Some(7)),
                (9, None),
            ] {
                sql += &format!(
                    "INSERT INTO measures (id, uid, parent_id, title, status, created_at, updated_at)
                     VALUES ({id}, '{id:036}', {}, 'measure {id}', 'suggested', 't', 't');",
                    parent.map_or("NULL".to_string(), |p: i64| p.to_string())
                );
            }
            old.conn.execute_batch(&sql).unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let tree = |store: &Store| -> Vec<(i64, i64, u32, String)> {
            let page = store
                .query_measures(&MeasureQuery {
                    group_packages: true,
                    ..Default::default()
                })
                .unwrap();
            page.rows
                .iter()
                .zip(&page.tree)
                .map(|(m, t)| {
                    let (root, path): (i64, String) = store
                        .conn
                        .query_row(
                            "SELECT root_id, tree_path FROM measures WHERE id = ?1",
                            [m.id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .unwrap();
                    (m.id, root, t.depth, path)
                })
                .collect()
        };
        let p = |ids: &[i64]| -> String {
            ids.iter()
                .map(|i| format!("{i:010}"))
                .collect::<Vec<_>>()
                .join("/")
        };
        let want = vec![
            (1, 1, 0, p(&[1])),
            (3, 1, 1, p(&[1, 3])),
            (2, 1, 2, p(&[1, 3, 2])),
            (5, 1, 3, p(&[1, 3, 2, 5])),
            (4, 1, 4, p(&[1, 3, 2, 5, 4])),
            (6, 1, 1, p(&[1, 6])),
            (7, 7, 0, p(&[7])),
            (8, 7, 1, p(&[7, 8])),
            (9, 9, 0, p(&[9])),
        ];
        assert_eq!(tree(&store), want, "filled by the migration");
        // The triggers keep the filled rows right: a new item under the deepest one.
        let new = store
            .create_measure(&crate::model::MeasureInput {
                parent_id: Some(4),
                title: "measure 10".into(),
                ..Default::default()
            })
            .unwrap();
        let placed = tree(&store);
        assert_eq!(placed[5], (new.id, 1, 5, p(&[1, 3, 2, 5, 4, new.id])));
    }

    fn automerge(store: &Store, table: &str) -> Option<i64> {
        use rusqlite::OptionalExtension;
        store
            .conn
            .query_row(
                &format!("SELECT v FROM {table}_config WHERE k = 'automerge'"),
                [],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    }

    #[test]
    fn full_text_indexes_merge_sixteen_segments_a_level_new_or_upgraded() {
        // A new ledger, and one written by the previous schema (FTS5's default, 4).
        let fresh = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            // Schema 3: the last before migration 4 set it.
            let old = schema_ledger_at(&path, 3);
            assert_eq!(
                automerge(&old, "article_fts"),
                None,
                "FTS5's default before"
            );
        }
        let upgraded = Store::open(&path).unwrap();
        for store in [&fresh, &upgraded] {
            for table in ["article_fts", "measure_text"] {
                assert_eq!(automerge(store, table), Some(16), "{table}");
            }
        }
        assert_eq!(
            upgraded.list_issues().unwrap().len(),
            1,
            "the issue survives"
        );
    }

    #[test]
    fn garbage_file_is_reported_as_corrupt_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        let junk =
            b"this is not a database, just some text that is long enough ..........".repeat(20);
        std::fs::write(&path, &junk).unwrap();
        let err = Store::open(&path).err().expect("garbage must not open");
        assert_eq!(err.code(), "corrupt_database", "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            junk,
            "the file must be left as it was"
        );
    }
    /// Migration 5's fill as it shipped: one statement for every tree at once.
    const PLACE_IN_TREE_AT_ONCE: &str = "
        WITH RECURSIVE t(id, root_id, depth, tree_path) AS (
            SELECT id, id, 0, printf('%010d', id) FROM measures WHERE parent_id IS NULL
            UNION ALL
            SELECT m.id, t.root_id, t.depth + 1, t.tree_path || '/' || printf('%010d', m.id)
            FROM measures m JOIN t ON m.parent_id = t.id
            WHERE t.depth < 63
        )
        UPDATE measures SET root_id = t.root_id, depth = t.depth, tree_path = t.tree_path
        FROM t WHERE measures.id = t.id;";

    /// A schema-4 ledger at `path` with `n` measures in nested packages: ids not in tree
    /// order, forests several batches wide, a chain deeper than the 64 levels the tree keeps
    /// and a parent cycle. The same `seed` gives the same ledger.
    fn nested_schema_4_ledger(path: &Path, n: i64, seed: u64) {
        let old = schema_ledger_at(path, 4);
        let mut state = seed;
        let mut next = move |bound: i64| -> i64 {
            // xorshift64: enough spread for a test, no dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as i64
        };
        let tx = old.conn.unchecked_transaction().unwrap();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO measures (id, uid, title, status, created_at, updated_at)
                     VALUES (?1, printf('%036d', ?1), 'measure ' || ?1, 'suggested', 't', 't')",
                )
                .unwrap();
            for id in 1..=n {
                insert.execute([id]).unwrap();
            }
            let mut parent = tx
                .prepare("UPDATE measures SET parent_id = ?2 WHERE id = ?1")
                .unwrap();
            // The last 100 ids: a chain of 80 levels, then a cycle of 3, the rest alone.
            let chain = n - 99;
            for id in 2..chain {
                // Six in ten have a parent among the 50 ids before (a smaller id: no cycle but
                // the one made on purpose), so most packages have items, nested a few levels,
                // and siblings' items interleave by id.
                if next(10) < 6 {
                    parent
                        .execute([id, id - 1 - next((id - 1).min(50))])
                        .unwrap();
                }
            }
            for id in chain + 1..chain + 80 {
                parent.execute([id, id - 1]).unwrap();
            }
            let c = chain + 80;
            for (a, b) in [(c, c + 1), (c + 1, c + 2), (c + 2, c)] {
                parent.execute([a, b]).unwrap();
            }
        }
        tx.commit().unwrap();
    }

    fn tree_columns(conn: &Connection) -> Vec<(i64, i64, i64, String)> {
        conn.prepare("SELECT id, root_id, depth, tree_path FROM measures ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn schema_text(conn: &Connection) -> Vec<(String, Option<String>)> {
        conn.prepare("SELECT name, sql FROM sqlite_schema ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn migration_5_in_batches_leaves_the_ledger_its_single_statement_left() {
        let dir = tempfile::tempdir().unwrap();
        let (at_once, batched) = (dir.path().join("a.sqlite3"), dir.path().join("b.sqlite3"));
        // 12,000 measures, about 4,800 of them top packages: three batches.
        for path in [&at_once, &batched] {
            nested_schema_4_ledger(path, 12_000, 7);
        }
        {
            let conn = Connection::open(&at_once).unwrap();
            let m = &migrations::MIGRATIONS[4];
            conn.execute_batch(&format!(
                "BEGIN; {} {PLACE_IN_TREE_AT_ONCE} {} PRAGMA user_version = 5; COMMIT;",
                m.sql, m.then
            ))
            .unwrap();
        }
        let store = Store::open(&batched).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        // Migration 6 touches `sources` only: compare the schemas without its indexes.
        let reference = Connection::open(&at_once).unwrap();
        let mut want_schema = schema_text(&reference);
        let mut got_schema = schema_text(&store.conn);
        for s in [&mut want_schema, &mut got_schema] {
            s.retain(|(name, _)| !name.starts_with("sources_article"));
        }
        assert_eq!(got_schema, want_schema, "same tables, indexes and triggers");
        let (got, want) = (tree_columns(&store.conn), tree_columns(&reference));
        assert_eq!(got.len(), 12_000);
        assert!(
            got == want,
            "first difference: {:?}",
            got.iter().zip(&want).find(|(g, w)| g != w)
        );
        let roots = got.iter().filter(|r| r.0 == r.1).count();
        assert!(
            roots > 2 * migrations::PACKAGES_PER_BATCH,
            "several batches ({roots} roots)"
        );
        assert!(
            got.iter().any(|r| r.2 == 63),
            "the chain reaches the deepest level"
        );
        let last = &got[got.len() - 1];
        assert_eq!(
            (last.1, last.2),
            (last.0, 0),
            "a measure in a cycle stands alone"
        );
    }

    #[test]
    fn an_upgrade_reports_the_copy_then_each_migration_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        nested_schema_4_ledger(&path, 6_000, 11);
        let mut reports = Vec::new();
        let store = Store::open_with_progress(&path, &mut |p| reports.push(p.clone())).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let steps: Vec<(u32, &str)> = reports.iter().fold(Vec::new(), |mut seen, p| {
            if seen.last().map(|s: &(u32, &str)| s.0) != Some(p.step) {
                seen.push((p.step, p.name.as_str()));
            }
            seen
        });
        let mut want = vec![(1, COPY_STEP)];
        for (i, m) in migrations::MIGRATIONS.iter().enumerate().skip(4) {
            want.push((i as u32 - 2, m.name));
        }
        assert_eq!(
            steps, want,
            "the copy, then each pending migration, once each"
        );
        for pair in reports.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.step == b.step {
                assert!(
                    b.fraction >= a.fraction,
                    "a step's share done never goes back: {a:?} then {b:?}"
                );
            }
        }
        for p in &reports {
            assert_eq!(
                (p.steps, p.from_version, p.to_version),
                (want.len() as u32, 4, SCHEMA_VERSION as u32)
            );
        }
        let copy_end = reports.iter().rfind(|p| p.step == 1).unwrap();
        assert_eq!(copy_end.fraction, Some(1.0));
        let kept = copy_end.backup.clone().expect("the copy is named");
        assert!(Path::new(&kept).is_file(), "{kept}");
        assert!(
            reports
                .iter()
                .filter(|p| p.step > 1)
                .all(|p| p.backup.as_ref() == Some(&kept)),
            "the copy stays named"
        );
        let tree: Vec<_> = reports
            .iter()
            .filter(|p| p.name == "package_tree")
            .collect();
        assert_eq!(tree[0].fraction, Some(0.0));
        assert_eq!(tree.last().unwrap().fraction, Some(1.0));
        assert!(tree.len() >= 3, "the fill reports its batches: {tree:?}");
    }

    #[test]
    fn a_new_or_current_ledger_reports_no_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        for _ in 0..2 {
            let mut reports = 0;
            drop(Store::open_with_progress(&path, &mut |_| reports += 1).unwrap());
            assert_eq!(reports, 0);
        }
    }
}
