//! The ledger the window works on: one [`Store`] behind a mutex, shared by every command.
//!
//! Store calls are blocking SQLite work, so [`Ledger::run`] moves each one to Tokio's blocking
//! pool: the window's event loop never waits on the database.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use policy_ledger_core::store::default_db_path;
use policy_ledger_core::Store;

use crate::IpcError;

/// Overrides the database path (tests, E2E, a second ledger).
pub const DB_ENV: &str = "POLICY_LEDGER_DB";

pub struct Ledger {
    /// The open store, or why it could not be opened (reported by every command).
    store: Result<Arc<Mutex<Store>>, IpcError>,
    path: Option<PathBuf>,
}

impl Ledger {
    /// Open `POLICY_LEDGER_DB` if set, else the default database shared with the CLI.
    pub fn open_default() -> Ledger {
        let path = match std::env::var_os(DB_ENV) {
            Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
            _ => default_db_path(),
        };
        match path {
            Ok(path) => Ledger {
                store: Store::open(&path)
                    .map(|s| Arc::new(Mutex::new(s)))
                    .map_err(IpcError::from),
                path: Some(path),
            },
            Err(e) => Ledger {
                store: Err(e.into()),
                path: None,
            },
        }
    }

    pub fn from_store(store: Store) -> Ledger {
        let path = store.path().map(PathBuf::from);
        Ledger {
            store: Ok(Arc::new(Mutex::new(store))),
            path,
        }
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Run `f` on the store in the blocking pool and turn its error into the IPC shape.
    pub async fn run<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> policy_ledger_core::Result<T> + Send + 'static,
    {
        let store = self.store.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            // Every store write is one transaction, so a panic in another command cannot
            // have left the store half-changed: a poisoned lock is safe to take over.
            let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut guard)
        })
        .await
        .map_err(|e| IpcError::new("internal", format!("the ledger task failed: {e}")))?
        .map_err(IpcError::from)
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
}
