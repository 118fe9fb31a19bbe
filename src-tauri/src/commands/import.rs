//! Importing newspaper issues: from the native file picker or from files dropped on the
//! window. Both end in `policy_ledger_core::import::import_files`, which reports per file;
//! progress goes to the UI as `import-progress` events.

use std::path::PathBuf;

use policy_ledger_core::import::{import_files, FileReport, ImportOptions, ImportProgress};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::{pick, IpcError, Ledger};

/// Event carrying an [`ImportProgress`].
pub const PROGRESS_EVENT: &str = "import-progress";

/// Open the file picker, then import what was picked. Cancelling returns no reports.
#[tauri::command]
pub async fn import_picked_files<R: Runtime>(
    app: AppHandle<R>,
    ledger: State<'_, Ledger>,
    options: Option<ImportOptions>,
) -> Result<Vec<FileReport>, IpcError> {
    let dialog_app = app.clone();
    let paths = tauri::async_runtime::spawn_blocking(move || pick::issue_files(&dialog_app))
        .await
        .map_err(|e| IpcError::new("internal", format!("the file picker failed: {e}")))??;
    import(app, &ledger, paths, options.unwrap_or_else(app_defaults)).await
}

/// Import files given by path (dropped on the window).
#[tauri::command]
pub async fn import_paths<R: Runtime>(
    app: AppHandle<R>,
    ledger: State<'_, Ledger>,
    paths: Vec<PathBuf>,
    options: Option<ImportOptions>,
) -> Result<Vec<FileReport>, IpcError> {
    import(app, &ledger, paths, options.unwrap_or_else(app_defaults)).await
}

/// What an import does when the UI sends no options: the app runs the suggester on every
/// imported issue, so the analyst finds candidate measures waiting in the reader.
fn app_defaults() -> ImportOptions {
    ImportOptions {
        suggest: true,
        ..ImportOptions::default()
    }
}

async fn import<R: Runtime>(
    app: AppHandle<R>,
    ledger: &Ledger,
    paths: Vec<PathBuf>,
    options: ImportOptions,
) -> Result<Vec<FileReport>, IpcError> {
    if paths.is_empty() {
        return Ok(vec![]);
    }
    ledger
        .run(move |s| {
            let mut progress = |p: &ImportProgress| {
                // A closed window cannot receive progress; the import itself goes on.
                let _ = app.emit(PROGRESS_EVENT, p);
            };
            Ok(import_files(s, &paths, &options, &mut progress))
        })
        .await
}
