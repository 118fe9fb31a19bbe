//! Exports: a preview of what goes out, and the file itself through the native save dialog.
//! Both call one core function with the dialog's `ExportOptions` (the CLI's options).

use std::path::Path;

use policy_ledger_core::export::{self, ExportFormat, ExportOptions, ExportReport};
use policy_ledger_core::Store;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::{pick, IpcError, Ledger};

/// A written export: where it went and what went into it.
#[derive(Debug, Clone, Serialize)]
pub struct SavedExport {
    pub path: String,
    pub report: ExportReport,
}

/// How many measures `format` would take with `options`, and which are left out for an
/// unknown date. Writes nothing.
#[tauri::command]
pub async fn preview_export(
    ledger: State<'_, Ledger>,
    format: ExportFormat,
    options: ExportOptions,
) -> Result<ExportReport, IpcError> {
    ledger
        .run(move |s| export::preview(s, format, &options))
        .await
}

/// Ask where to save (the dialog filters on the format's extension), then export and write
/// the file atomically. `None` if the analyst cancelled.
#[tauri::command]
pub async fn export_file<R: Runtime>(
    app: AppHandle<R>,
    ledger: State<'_, Ledger>,
    format: ExportFormat,
    options: ExportOptions,
) -> Result<Option<SavedExport>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let ext = format.extension();
        pick::save_path(
            &app,
            &format!("policy-ledger.{ext}"),
            filter_name(format),
            &[ext],
        )
    })
    .await
    .map_err(|e| IpcError::new("internal", format!("the save dialog failed: {e}")))??;
    let Some(path) = picked else { return Ok(None) };
    ledger
        .run(move |s| write_export(s, format, &options, &path))
        .await
        .map(Some)
}

/// Where the ledger lives, for the status bar.
#[tauri::command]
pub async fn ledger_location(ledger: State<'_, Ledger>) -> Result<Option<String>, IpcError> {
    Ok(ledger.path().map(|p| p.display().to_string()))
}

fn filter_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Ics => "Calendar (.ics)",
        ExportFormat::Csv => "CSV",
        ExportFormat::Json => "JSON",
        ExportFormat::Html => "Printable calendar (HTML)",
    }
}

fn write_export(
    store: &mut Store,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
) -> policy_ledger_core::Result<SavedExport> {
    let out = export::export_to(store, format, options)?;
    export::write_atomically(path, &out.bytes)?;
    Ok(SavedExport {
        path: path.display().to_string(),
        report: out.report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use policy_ledger_core::export::json;
    use policy_ledger_core::model::{MeasureInput, MeasureStatus};

    fn store_with_lottery() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .create_measure(&MeasureInput {
                title: "购车抽奖".into(),
                effective_from: Some("2020-04-10".parse().unwrap()),
                expires_on: Some("2020-06-04".parse().unwrap()),
                status: MeasureStatus::Confirmed,
                ..Default::default()
            })
            .unwrap();
        store
    }

    #[test]
    fn calendar_export_writes_an_all_day_event_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        let mut store = store_with_lottery();
        let saved =
            write_export(&mut store, ExportFormat::Ics, &Default::default(), &path).unwrap();
        assert_eq!(saved.report.events, 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("DTSTART;VALUE=DATE:20200410\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20200605\r\n"), "{text}");
        assert!(!dir.path().join("out.ics.tmp").exists());
    }

    #[test]
    fn json_export_writes_the_whole_document() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        let mut store = store_with_lottery();
        write_export(&mut store, ExportFormat::Json, &Default::default(), &path).unwrap();
        let doc = json::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc.measures.len(), 1);
    }

    #[test]
    fn calendar_with_nothing_to_show_is_refused_and_no_file_appears() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        let mut store = Store::open_in_memory().unwrap();
        let err =
            write_export(&mut store, ExportFormat::Ics, &Default::default(), &path).unwrap_err();
        assert_eq!(err.code(), "nothing_to_do");
        assert!(!path.exists());
    }

    #[test]
    fn export_into_a_missing_folder_fails_with_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_with_lottery();
        let err = write_export(
            &mut store,
            ExportFormat::Csv,
            &Default::default(),
            &dir.path().join("no/such/dir/out.csv"),
        )
        .unwrap_err();
        assert_eq!(err.code(), "io");
    }
}
