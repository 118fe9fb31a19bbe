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
        store.migrate().map_err(map)?;
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
        store.migrate()?;
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

    fn migrate(&mut self) -> Result<()> {
        self.migrate_to(SCHEMA_VERSION)
    }

    /// Apply migrations up to `target` in one transaction.
    fn migrate_to(&mut self, target: i64) -> Result<()> {
        let path = self.path_label();
        // Reliability: an existing database is copied aside before a migration changes it
        // (backup.rs). Checked outside the write transaction because the copy reads the whole
        // file; if another process migrates meanwhile, the loop below simply finds nothing to do.
        let before: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if before > 0 && before < target.min(SCHEMA_VERSION) {
            self.backup_before_migration(target.min(SCHEMA_VERSION))?;
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
        for (i, sql) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(found as usize)
        {
            tx.execute_batch(sql)?;
            migrations::rust_step((i + 1) as i64, &tx)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
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
    old.migrate_to(version).unwrap();
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
}
