//! Where picked paths come from: the native dialogs, or — in builds with the `e2e` feature
//! only — files named by environment variables, because WebDriver cannot drive a GTK dialog.
//! Whatever comes after the pick (import, export) is the same code in both builds.
//!
//! Both functions block on the dialog; call them from the blocking pool, never the main thread.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};

use crate::IpcError;

/// File formats the importer reads.
#[cfg(not(feature = "e2e"))]
pub const ISSUE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "docx", "pdf"];

/// Ask for newspaper issues to import. An empty list means the analyst cancelled.
#[cfg(not(feature = "e2e"))]
pub fn issue_files<R: Runtime>(app: &AppHandle<R>) -> Result<Vec<PathBuf>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .set_title("Import newspaper issues")
        .add_filter("Newspaper issues (txt, html, docx, pdf)", ISSUE_EXTENSIONS)
        .blocking_pick_files()
        .unwrap_or_default();
    picked
        .into_iter()
        .map(|p| {
            p.into_path()
                .map_err(|e| IpcError::new("dialog", format!("the picked file has no path: {e}")))
        })
        .collect()
}

/// Ask where to save an export. `None` means the analyst cancelled.
#[cfg(not(feature = "e2e"))]
pub fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    default_name: &str,
    filter_name: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_file_name(default_name)
        .add_filter(filter_name, extensions)
        .blocking_save_file()
        .map(|p| {
            p.into_path()
                .map_err(|e| IpcError::new("dialog", format!("the chosen file has no path: {e}")))
        })
        .transpose()
}

/// E2E builds: the file named by `POLICY_LEDGER_E2E_PICK` lists the "picked" paths, one a line.
#[cfg(feature = "e2e")]
pub fn issue_files<R: Runtime>(_app: &AppHandle<R>) -> Result<Vec<PathBuf>, IpcError> {
    Ok(e2e::lines("POLICY_LEDGER_E2E_PICK")?
        .into_iter()
        .map(PathBuf::from)
        .collect())
}

/// E2E builds: the file named by `POLICY_LEDGER_E2E_SAVE` holds the "chosen" save path.
#[cfg(feature = "e2e")]
pub fn save_path<R: Runtime>(
    _app: &AppHandle<R>,
    _default_name: &str,
    _filter_name: &str,
    _extensions: &[&str],
) -> Result<Option<PathBuf>, IpcError> {
    Ok(e2e::lines("POLICY_LEDGER_E2E_SAVE")?
        .into_iter()
        .next()
        .map(PathBuf::from))
}

#[cfg(feature = "e2e")]
mod e2e {
    use crate::IpcError;

    /// Non-empty lines of the file named by `var`; an unset variable is a cancelled dialog.
    pub fn lines(var: &str) -> Result<Vec<String>, IpcError> {
        let Some(list) = std::env::var_os(var) else {
            return Ok(vec![]);
        };
        let text = std::fs::read_to_string(&list).map_err(|e| {
            IpcError::new(
                "io",
                format!(
                    "could not read {}: {e}",
                    std::path::Path::new(&list).display()
                ),
            )
        })?;
        Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect())
    }
}
