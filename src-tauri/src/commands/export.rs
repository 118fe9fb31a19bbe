//! Exports through the native save dialog.

use std::path::{Path, PathBuf};

use policy_ledger_core::export::json;
use policy_ledger_core::{Error, Store};
use tauri::{AppHandle, Runtime, State};

use crate::{pick, IpcError, Ledger};

/// Ask where to save, then write the whole ledger as the JSON interchange document.
/// Returns the path written, or `None` if the analyst cancelled.
#[tauri::command]
pub async fn export_json<R: Runtime>(
    app: AppHandle<R>,
    ledger: State<'_, Ledger>,
) -> Result<Option<String>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        pick::save_path(&app, "policy-ledger.json", "JSON", &["json"])
    })
    .await
    .map_err(|e| IpcError::new("internal", format!("the save dialog failed: {e}")))??;
    let Some(path) = picked else { return Ok(None) };
    ledger.run(move |s| write_json(s, &path)).await.map(Some)
}

/// Where the ledger lives, for the status bar.
#[tauri::command]
pub async fn ledger_location(ledger: State<'_, Ledger>) -> Result<Option<String>, IpcError> {
    Ok(ledger.path().map(|p| p.display().to_string()))
}

// SHELL-SIDE COMPOSITION (until core has an export-to-file function): composes
// `json::document` and `json::to_string` with an atomic write, so a failed export never leaves
// a half-written file where the analyst expects a complete one.
fn write_json(store: &mut Store, path: &Path) -> policy_ledger_core::Result<String> {
    let text = json::to_string(&json::document(store)?);
    write_atomically(path, text.as_bytes())?;
    Ok(path.display().to_string())
}

/// Write `file.tmp`, fsync, rename over `file`.
fn write_atomically(path: &Path, bytes: &[u8]) -> policy_ledger_core::Result<()> {
    use std::io::Write;
    let mut tmp = PathBuf::from(path);
    tmp.as_mut_os_string().push(".tmp");
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("write", path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_export_writes_the_whole_document_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        let mut store = Store::open_in_memory().unwrap();
        write_json(&mut store, &path).unwrap();
        let doc = json::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc.format, "policy-ledger");
        assert!(
            !dir.path().join("out.json.tmp").exists(),
            "the temporary file is renamed away"
        );
    }

    #[test]
    fn export_into_a_missing_folder_fails_with_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let err = write_json(&mut store, &dir.path().join("no/such/dir/out.json")).unwrap_err();
        assert_eq!(err.code(), "io");
    }
}
