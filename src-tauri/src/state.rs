//! The ledger the window works on: one [`Store`] behind a mutex, shared by every command.
//!
//! The store is opened on a thread of its own while the window appears: opening an older ledger
//! upgrades it first, which takes seconds to a minute on a big one (docs/performance.md), and
//! the analyst must see why they wait. Until it is open, [`Ledger::status`] says how far it is,
//! `on_status` hears every change (the shell sends it to the window as an event), and a command
//! waits for the store (on the blocking pool, never on the window's thread) and then runs.
//!
//! Store calls are blocking SQLite work, so [`Ledger::run`] moves each one to Tokio's blocking
//! pool: the window's event loop never waits on the database.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use policy_ledger_core::store::{default_db_path, OpenStatus, UpgradeProgress};
use policy_ledger_core::Store;

use crate::IpcError;

/// Overrides the database path (tests, E2E, a second ledger).
pub const DB_ENV: &str = "POLICY_LEDGER_DB";

/// Upgrade reports closer together than this reach the window as one (the newest): a copy of
/// gigabytes reports hundreds of times, and the screen needs a few updates a second at most.
const STATUS_EVERY: Duration = Duration::from_millis(100);

pub struct Ledger {
    opening: Arc<Opening>,
    path: Option<PathBuf>,
}

/// The store as it opens: `slot` changes from `Pending` to `Open` or `Failed` once, and
/// `settled` wakes every command waiting for that.
struct Opening {
    slot: Mutex<Slot>,
    settled: Condvar,
}

enum Slot {
    /// Still opening: what the window is shown meanwhile.
    Pending(OpenStatus),
    Open(Arc<Mutex<Store>>),
    /// Why it could not be opened (reported by every command).
    Failed(IpcError),
}

impl Opening {
    fn new(slot: Slot) -> Arc<Opening> {
        Arc::new(Opening {
            slot: Mutex::new(slot),
            settled: Condvar::new(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Slot> {
        // The slot is replaced whole, so a panic elsewhere cannot leave it half-written.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn settle(&self, slot: Slot) {
        *self.lock() = slot;
        self.settled.notify_all();
    }

    /// Block until the store is open (or failed to open).
    fn wait(&self) -> Result<Arc<Mutex<Store>>, IpcError> {
        let mut slot = self.lock();
        loop {
            match &*slot {
                Slot::Open(store) => return Ok(store.clone()),
                Slot::Failed(e) => return Err(e.clone()),
                Slot::Pending(_) => {
                    slot = self
                        .settled
                        .wait(slot)
                        .unwrap_or_else(PoisonError::into_inner)
                }
            }
        }
    }
}

impl Ledger {
    /// Open `POLICY_LEDGER_DB` if set, else the default database shared with the CLI, and wait
    /// for it (the CLI-like path; the app uses [`Ledger::open_default_in_background`]).
    pub fn open_default() -> Ledger {
        let ledger = Ledger::open_default_in_background(|_| {});
        let _ = ledger.opening.wait();
        ledger
    }

    /// Start opening `POLICY_LEDGER_DB` (or the default database) on a thread of its own and
    /// return at once. `on_status` is called on that thread with each change of
    /// [`Ledger::status`], upgrade progress at most every [`STATUS_EVERY`], and last with
    /// `Ready` or `Failed`.
    pub fn open_default_in_background(on_status: impl Fn(&OpenStatus) + Send + 'static) -> Ledger {
        let path = match std::env::var_os(DB_ENV) {
            Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
            _ => default_db_path(),
        };
        match path {
            Ok(path) => Ledger::open_in_background(&path, on_status),
            Err(e) => {
                let error = IpcError::from(e);
                on_status(&failed(&error));
                Ledger {
                    opening: Opening::new(Slot::Failed(error)),
                    path: None,
                }
            }
        }
    }

    /// Start opening the ledger at `path` on a thread of its own (see
    /// [`Ledger::open_default_in_background`]).
    pub fn open_in_background(
        path: &Path,
        on_status: impl Fn(&OpenStatus) + Send + 'static,
    ) -> Ledger {
        let opening = Opening::new(Slot::Pending(OpenStatus::Opening));
        let worker = opening.clone();
        let file = path.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("ledger-open".into())
            .spawn(move || {
                let mut last_sent: Option<(Instant, u32)> = None;
                let opened = Store::open_with_progress(&file, &mut |p: &UpgradeProgress| {
                    let status = OpenStatus::Upgrading {
                        progress: p.clone(),
                    };
                    *worker.lock() = Slot::Pending(status.clone());
                    // A new step or a kept copy always goes out; within a step, a few a second.
                    let due = last_sent.is_none_or(|(at, step)| {
                        step != p.step || p.fraction == Some(1.0) || at.elapsed() >= STATUS_EVERY
                    });
                    if due {
                        last_sent = Some((Instant::now(), p.step));
                        on_status(&status);
                    }
                    e2e_pause();
                });
                match opened {
                    Ok(store) => {
                        worker.settle(Slot::Open(Arc::new(Mutex::new(store))));
                        on_status(&OpenStatus::Ready);
                    }
                    Err(e) => {
                        let error = IpcError::from(e);
                        worker.settle(Slot::Failed(error.clone()));
                        on_status(&failed(&error));
                    }
                }
            });
        if let Err(e) = spawned {
            opening.settle(Slot::Failed(IpcError::new(
                "internal",
                format!("the ledger could not be opened: no thread to open it on ({e})"),
            )));
        }
        Ledger {
            opening,
            path: Some(path.to_path_buf()),
        }
    }

    pub fn from_store(store: Store) -> Ledger {
        let path = store.path().map(PathBuf::from);
        Ledger {
            opening: Opening::new(Slot::Open(Arc::new(Mutex::new(store)))),
            path,
        }
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Where opening the ledger stands now.
    pub fn status(&self) -> OpenStatus {
        match &*self.opening.lock() {
            Slot::Pending(status) => status.clone(),
            Slot::Open(_) => OpenStatus::Ready,
            Slot::Failed(e) => failed(e),
        }
    }

    /// Run `f` on the store in the blocking pool (once the store is open) and turn its error
    /// into the IPC shape.
    pub async fn run<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> policy_ledger_core::Result<T> + Send + 'static,
    {
        let opening = self.opening.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let store = opening.wait()?;
            // Every store write is one transaction, so a panic in another command cannot
            // have left the store half-changed: a poisoned lock is safe to take over.
            let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut guard).map_err(IpcError::from)
        })
        .await
        .map_err(|e| IpcError::new("internal", format!("the ledger task failed: {e}")))?
    }
}

/// E2E builds only: wait `POLICY_LEDGER_E2E_UPGRADE_PAUSE_MS` after each upgrade report, so
/// the test (and its screenshot) sees the upgrading screen on a small ledger.
#[cfg(feature = "e2e")]
fn e2e_pause() {
    let pause = std::env::var("POLICY_LEDGER_E2E_UPGRADE_PAUSE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok());
    if let Some(ms) = pause {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

#[cfg(not(feature = "e2e"))]
fn e2e_pause() {}

fn failed(e: &IpcError) -> OpenStatus {
    OpenStatus::Failed {
        code: e.code.clone(),
        message: e.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_arrive_in_the_ipc_shape() {
        let ledger = Ledger::from_store(Store::open_in_memory().unwrap());
        let err = tauri::async_runtime::block_on(ledger.run(|s| s.get_issue(42))).unwrap_err();
        assert_eq!(err.code, "not_found");
    }

    #[test]
    fn a_database_that_cannot_open_is_reported_by_every_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        std::fs::write(&path, b"not a database ".repeat(100)).unwrap();
        std::env::set_var(DB_ENV, &path);
        let ledger = Ledger::open_default();
        std::env::remove_var(DB_ENV);
        let err = tauri::async_runtime::block_on(ledger.run(|s| s.list_issues())).unwrap_err();
        assert_eq!(err.code, "corrupt_database");
        assert_eq!(ledger.path(), Some(&path));
    }
    /// Statuses sent by `open_in_background` until (and with) the final one.
    fn statuses_until_settled(rx: std::sync::mpsc::Receiver<OpenStatus>) -> Vec<OpenStatus> {
        let mut seen = Vec::new();
        while let Ok(s) = rx.recv_timeout(Duration::from_secs(60)) {
            let last = matches!(s, OpenStatus::Ready | OpenStatus::Failed { .. });
            seen.push(s);
            if last {
                break;
            }
        }
        seen
    }

    #[test]
    fn commands_wait_for_an_upgrade_that_reports_its_steps_then_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        drop(Store::create_at_version(&path, 4).unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        let ledger = Ledger::open_in_background(&path, move |s| {
            let _ = tx.send(s.clone());
        });
        let issues = tauri::async_runtime::block_on(ledger.run(|s| s.list_issues())).unwrap();
        assert!(issues.is_empty());
        assert_eq!(ledger.status(), OpenStatus::Ready);
        let seen = statuses_until_settled(rx);
        assert_eq!(seen.last(), Some(&OpenStatus::Ready), "{seen:?}");
        let steps: Vec<(u32, String)> = seen
            .iter()
            .filter_map(|s| match s {
                OpenStatus::Upgrading { progress } => Some((progress.step, progress.name.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(steps.first().map(|s| s.0), Some(1), "{seen:?}");
        assert!(
            steps.windows(2).all(|w| w[0].0 <= w[1].0),
            "steps in order: {steps:?}"
        );
        let kept = seen.iter().rev().find_map(|s| match s {
            OpenStatus::Upgrading { progress } => progress.backup.clone(),
            _ => None,
        });
        assert!(
            kept.is_some_and(|k| Path::new(&k).is_file()),
            "the window is told where the previous file is kept"
        );
    }

    #[test]
    fn an_open_that_fails_is_its_status_and_every_command_s_answer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        std::fs::write(&path, b"not a database ".repeat(100)).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let ledger = Ledger::open_in_background(&path, move |s| {
            let _ = tx.send(s.clone());
        });
        let seen = statuses_until_settled(rx);
        assert!(
            matches!(seen.as_slice(), [OpenStatus::Failed { code, .. }] if code == "corrupt_database"),
            "{seen:?}"
        );
        assert_eq!(ledger.status(), seen[0]);
        let err = tauri::async_runtime::block_on(ledger.run(|s| s.list_issues())).unwrap_err();
        assert_eq!(err.code, "corrupt_database");
    }
}
