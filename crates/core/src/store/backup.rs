//! Backups and restores of the ledger file, through SQLite's online backup API.
//!
//! Invariants:
//! - A backup is a consistent snapshot (one read transaction) and appears under its final name
//!   only once it is complete and on disk: it is written to `NAME.tmp`, fsynced, then renamed.
//! - A restore checks the backup (integrity, that it is a ledger, that this version can read its
//!   schema) before touching anything, and keeps the file it replaces beside it. Nothing is
//!   ever deleted: the replaced ledger's `-wal` and `-shm` move with it.
//! - Before a migration changes an existing database, a copy is taken next to it
//!   (`ledger.sqlite3.before-v3.bak`); if that copy cannot be made, the migration does not run.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::migrations::SCHEMA_VERSION;
use super::Store;
use crate::{Error, Result};

/// What a backup or a restore produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The file written (the backup, or the restored ledger).
    pub path: PathBuf,
    pub schema_version: i64,
    pub issues: i64,
    pub measures: i64,
    /// On restore: where the ledger that was replaced now lives (None if there was none).
    pub replaced: Option<PathBuf>,
}

impl Store {
    /// Copy the open ledger to `dest` (a consistent snapshot, even while others write).
    /// Refuses to overwrite an existing file unless `overwrite` is set.
    pub fn backup_to(&self, dest: &Path, overwrite: bool) -> Result<BackupReport> {
        if let Some(src) = &self.path {
            refuse_same_file(src, dest)?;
        }
        if !overwrite && dest.exists() {
            return Err(Error::invalid(format!(
                "{} already exists; choose another name or allow overwriting it",
                dest.display()
            )));
        }
        copy_database(&self.conn, dest, &mut |_| {})?;
        describe(dest, None)
    }

    /// Replace the ledger at `target` by the backup at `backup`. The backup is checked first
    /// (a damaged, foreign or newer file is refused and nothing changes); the replaced ledger,
    /// if any, is renamed to `TARGET.replaced-<time>.bak`. Works when `target` is damaged,
    /// since it never opens it. Refused while another process has the ledger open (on Unix);
    /// the calling process must have closed its own `Store` on `target`.
    pub fn restore_from(backup: &Path, target: &Path) -> Result<BackupReport> {
        refuse_same_file(backup, target)?;
        let src = open_checked(backup)?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        }
        let tmp = tmp_path(target);
        copy_database(&src, &tmp, &mut |_| {})?;
        drop(src);
        if let Some(pid) = other_process_using(target) {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::invalid(format!(
                "the ledger at {} is open in another program (process {pid}); close it, then restore",
                target.display()
            )));
        }
        let replaced = if target.exists() {
            let aside = free_name(target, &format!("replaced-{}", timestamp()));
            move_with_sidecars(target, &aside)?;
            Some(aside)
        } else {
            None
        };
        std::fs::rename(&tmp, target).map_err(|e| Error::io("rename", &tmp, e))?;
        sync_dir(target);
        describe(target, replaced)
    }

    /// Called by `migrate_to` before it changes a database that already has a schema:
    /// copy the file to `PATH.before-vN.bak` (N: the version about to be written), telling
    /// `copied` the share done. Returns where the copy is (None for an in-memory database).
    pub(super) fn backup_before_migration(
        &self,
        target_version: i64,
        copied: &mut dyn FnMut(f64),
    ) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dest = free_name(path, &format!("before-v{target_version}"));
        copy_database(&self.conn, &dest, copied).map_err(|e| {
            Error::invalid(format!(
                "the database at {} was not upgraded because the copy kept before upgrades could not be written ({e}); free some space and try again",
                path.display()
            ))
        })?;
        Ok(Some(dest))
    }
}

/// Check a would-be backup without changing it: a SQLite file that passes
/// `PRAGMA integrity_check`, holds a ledger, and has a schema this version can read.
fn open_checked(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    let not_a_backup = |detail: String| {
        Error::invalid(format!(
            "{} is not a usable Policy Ledger backup ({detail}); nothing was changed",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_a_backup(e.to_string()))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| not_a_backup(e.to_string()))?;
    if check != "ok" {
        return Err(not_a_backup(format!("integrity check: {check}")));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            path: path.display().to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let ledger_tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('issues', 'articles')",
        [],
        |r| r.get(0),
    )?;
    if version < 1 || ledger_tables != 2 {
        return Err(not_a_backup("it holds no ledger".into()));
    }
    Ok(conn)
}

/// Pages copied per backup step: 16 MB at SQLite's 4 KB pages, so a ledger of gigabytes
/// reports its copy a few hundred times and each step costs nothing extra.
const PAGES_PER_STEP: i32 = 4096;

/// Copy every page of `src` into a new file at `dest` through `dest.tmp`, fsync, rename,
/// telling `copied` the share done.
fn copy_database(src: &Connection, dest: &Path, copied: &mut dyn FnMut(f64)) -> Result<()> {
    let tmp = tmp_path(dest);
    // A stale temporary file from an interrupted backup is ours to replace.
    let _ = std::fs::remove_file(&tmp);
    // Creating the file ourselves first turns "unable to open database file" into the OS's
    // own reason (no such folder, read-only file system, permission denied).
    std::fs::File::create(&tmp).map_err(|e| Error::io("write", dest, e))?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        copy_snapshot(src, &mut dst, copied)?;
        // A backup is a single self-contained file: fold any WAL content into it.
        dst.pragma_update(None, "journal_mode", "delete")?;
        dst.close().map_err(|(_, e)| e)?;
        let f = std::fs::File::open(&tmp).map_err(|e| Error::io("read", &tmp, e))?;
        f.sync_all().map_err(|e| Error::io("write", &tmp, e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(sidecar(&tmp, "-journal"));
        return Err(e);
    }
    std::fs::rename(&tmp, dest).map_err(|e| Error::io("rename", &tmp, e))?;
    sync_dir(dest);
    Ok(())
}

/// Copy `src` into `dst` as one consistent snapshot, in steps so that `copied` hears how far
/// it is. The steps run inside one read transaction of `src`: SQLite's backup then reuses that
/// transaction for every step, so the copy is of a single moment even if another program
/// writes meanwhile (in WAL mode it does not block that writer), and it never restarts.
fn copy_snapshot(
    src: &Connection,
    dst: &mut Connection,
    copied: &mut dyn FnMut(f64),
) -> Result<()> {
    let own_read = src.is_autocommit();
    if own_read {
        src.execute_batch("BEGIN DEFERRED")?;
    }
    let result = (|| -> Result<()> {
        // The first read takes the snapshot every step copies.
        src.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        let backup = Backup::new(src, dst)?;
        loop {
            match backup.step(PAGES_PER_STEP)? {
                StepResult::Done => break,
                StepResult::More => {
                    let p = backup.progress();
                    if p.pagecount > 0 {
                        copied(1.0 - f64::from(p.remaining) / f64::from(p.pagecount));
                    }
                }
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        copied(1.0);
        Ok(())
    })();
    if own_read {
        // Ends a read: it cannot fail in a way that matters to the copy.
        let _ = src.execute_batch("COMMIT");
    }
    result
}

/// Re-open a file just written and say what it holds.
fn describe(path: &Path, replaced: Option<PathBuf>) -> Result<BackupReport> {
    let conn = open_checked(path)?;
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let has_measures: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'measures')",
        [],
        |r| r.get(0),
    )?;
    Ok(BackupReport {
        path: path.to_path_buf(),
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        issues: count("issues")?,
        measures: if has_measures { count("measures")? } else { 0 },
        replaced,
    })
}

/// The sentence appended to a "database is damaged" error: where copies are and how to use them.
pub(crate) fn restore_hint(db: &str) -> String {
    let db = Path::new(db);
    // A damaged ledger set aside by an earlier restore is a `.bak` too: name only real databases.
    let usable = backups_beside(db)
        .into_iter()
        .filter(|p| has_sqlite_header(p))
        .collect::<Vec<_>>();
    match usable.last() {
        Some(newest) => format!(
            "it was left untouched; restore the newest copy beside it with `policy-ledger restore {}`",
            newest.display()
        ),
        None => "it was left untouched; restore a copy made with `policy-ledger backup` using `policy-ledger restore FILE`".into(),
    }
}

/// `LEDGER.*.bak` files next to the ledger, oldest first (by modification time).
pub fn backups_beside(db: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else {
        return vec![];
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".bak")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"SQLite format 3\0"
}

fn refuse_same_file(a: &Path, b: &Path) -> Result<()> {
    let same = match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    if same {
        return Err(Error::invalid(format!(
            "{} is the ledger itself; choose another file",
            b.display()
        )));
    }
    Ok(())
}

/// `PATH.LABEL.bak`, or `PATH.LABEL-2.bak`, … if that name is taken: a copy is never overwritten.
fn free_name(path: &Path, label: &str) -> PathBuf {
    let base = path.as_os_str().to_string_lossy().into_owned();
    let first = PathBuf::from(format!("{base}.{label}.bak"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| PathBuf::from(format!("{base}.{label}-{n}.bak")))
        .find(|p| !p.exists())
        .expect("some suffix is free")
}

fn tmp_path(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.tmp", path.as_os_str().to_string_lossy()))
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.as_os_str().to_string_lossy()))
}

/// Rename a database with its `-wal` and `-shm`, so the moved copy keeps every committed change.
fn move_with_sidecars(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("rename", from, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = sidecar(from, suffix);
        if side.exists() {
            std::fs::rename(&side, sidecar(to, suffix))
                .map_err(|e| Error::io("rename", &side, e))?;
        }
    }
    Ok(())
}

/// The id of another process that has the ledger open, if the OS can tell. In WAL mode every
/// SQLite connection holds a shared POSIX lock on the "DMS" byte (offset 128) of the `-shm`
/// file for as long as it is open (os_unix.c, `UNIX_SHM_DMS`), so a conflicting write lock
/// names it. Checked only for other processes: POSIX locks never conflict within one.
#[cfg(unix)]
fn other_process_using(db: &Path) -> Option<i32> {
    use std::os::unix::io::AsRawFd;
    let shm = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(sidecar(db, "-shm"))
        .ok()?;
    // SAFETY: `flock` is plain data; F_GETLK only fills it in.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as _;
    lock.l_whence = libc::SEEK_SET as _;
    lock.l_start = 128;
    lock.l_len = 1;
    let rc = unsafe { libc::fcntl(shm.as_raw_fd(), libc::F_GETLK, &mut lock) };
    let unlocked = libc::F_UNLCK as libc::c_short;
    (rc == 0 && lock.l_type != unlocked).then_some(lock.l_pid)
}

#[cfg(not(unix))]
fn other_process_using(_db: &Path) -> Option<i32> {
    None
}

/// Make a rename durable (best effort: not every platform can open a directory).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

fn timestamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ledger file at the previous schema version holding one issue.
    fn old_ledger(path: &Path) {
        drop(super::super::previous_schema_ledger(path));
    }

    #[test]
    fn upgrading_an_existing_ledger_first_keeps_a_copy_at_the_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        old_ledger(&path);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let copy = dir
            .path()
            .join(format!("ledger.sqlite3.before-v{SCHEMA_VERSION}.bak"));
        let conn = Connection::open(&copy).expect("the copy exists");
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            v,
            SCHEMA_VERSION - 1,
            "the copy is the ledger before the upgrade"
        );
        let n: i64 = conn
            .query_row("SELECT count(*) FROM issues", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "the copy holds the data written before the upgrade");
        assert!(
            !dir.path().join("ledger.sqlite3.before-v2.bak.tmp").exists(),
            "no temporary file is left behind"
        );
    }

    #[test]
    fn a_second_upgrade_never_overwrites_an_earlier_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        let copy = dir
            .path()
            .join(format!("ledger.sqlite3.before-v{SCHEMA_VERSION}.bak"));
        std::fs::write(&copy, b"an earlier copy").unwrap();
        old_ledger(&path);
        drop(Store::open(&path).unwrap());
        assert_eq!(std::fs::read(&copy).unwrap(), b"an earlier copy");
        assert!(dir
            .path()
            .join(format!("ledger.sqlite3.before-v{SCHEMA_VERSION}-2.bak"))
            .exists());
    }

    #[test]
    fn a_new_or_current_ledger_gets_no_upgrade_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        drop(Store::open(&path).unwrap());
        drop(Store::open(&path).unwrap());
        assert_eq!(backups_beside(&path), Vec::<PathBuf>::new());
    }

    #[test]
    fn free_name_never_returns_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.sqlite3");
        let first = free_name(&db, "before-v3");
        assert_eq!(first, dir.path().join("ledger.sqlite3.before-v3.bak"));
        std::fs::write(&first, b"x").unwrap();
        let second = free_name(&db, "before-v3");
        assert_eq!(second, dir.path().join("ledger.sqlite3.before-v3-2.bak"));
    }

    #[test]
    fn backups_beside_lists_only_copies_of_this_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.sqlite3");
        for n in [
            "ledger.sqlite3.before-v2.bak",
            "other.sqlite3.before-v2.bak",
            "ledger.sqlite3-wal",
        ] {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        assert_eq!(
            backups_beside(&db),
            vec![dir.path().join("ledger.sqlite3.before-v2.bak")]
        );
    }
}
