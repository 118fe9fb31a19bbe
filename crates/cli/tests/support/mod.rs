//! Shared by the reliability tests (crash.rs, concurrency.rs, hostile.rs): a temporary ledger,
//! the binary, and a fingerprint of the database file.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Ledger {
    pub dir: tempfile::TempDir,
}

impl Ledger {
    pub fn new() -> Self {
        Ledger {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.sqlite3")
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.arg("--db").arg(self.db());
        c
    }
    pub fn output(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
    /// Run and expect success; returns stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "policy-ledger {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    pub fn sql(&self) -> rusqlite::Connection {
        open_sql(&self.db())
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_policy-ledger"))
}

pub fn open_sql(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    c
}

/// Fold the WAL into the main file, then return the bytes of the main file and of the `-wal`
/// (empty after a TRUNCATE checkpoint). Two equal fingerprints mean byte-for-byte equal ledgers.
pub fn fingerprint(db: &Path) -> (Vec<u8>, Vec<u8>) {
    {
        let c = open_sql(db);
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let wal = std::fs::read(format!("{}-wal", db.display())).unwrap_or_default();
    (std::fs::read(db).unwrap(), wal)
}

pub fn integrity(db: &Path) -> String {
    open_sql(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

pub fn count(db: &Path, table: &str) -> i64 {
    open_sql(db)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A newspaper-like issue: a headline, then `paragraphs` distinct paragraphs. `n` makes it unique.
pub fn issue_text(n: usize, paragraphs: usize) -> String {
    let mut t = format!(
        "株洲日报 2020年4月{}日\n\n第{n}号测试新闻标题\n\n",
        1 + n % 28
    );
    for p in 0..paragraphs {
        t.push_str(&format!(
            "（{n}-{p}）市政府出台支持外贸企业的若干措施，一般工商业电价按原到户电价水平的95%结算，非居民用气价格每立方米下调0.4元，政策持续至2020年12月31日。\n\n"
        ));
    }
    t
}
