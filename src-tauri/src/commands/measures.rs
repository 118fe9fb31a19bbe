//! The measures table and the reader's "new measure from selection": create, edit, status,
//! delete, undo / redo, and paged queries.

use policy_ledger_core::extract::{self, SelectionProposal};
use policy_ledger_core::model::{ArticleId, Measure, MeasureId, MeasureInput, MeasureStatus};
use policy_ledger_core::store::{MeasurePage, MeasureQuery, TablePage, TableRow, UndoReport};
use tauri::State;

use crate::{IpcError, Ledger};

/// One page of measures, filtered and sorted in SQLite.
#[tauri::command]
pub async fn query_measures(
    ledger: State<'_, Ledger>,
    query: MeasureQuery,
) -> Result<MeasurePage, IpcError> {
    ledger.run(move |s| s.query_measures(&query)).await
}

/// A block of the measures table: each measure cut to the columns the grid shows.
#[tauri::command]
pub async fn query_table(
    ledger: State<'_, Ledger>,
    query: MeasureQuery,
) -> Result<TablePage, IpcError> {
    ledger.run(move |s| s.query_table(&query)).await
}

#[tauri::command]
pub async fn get_measure(ledger: State<'_, Ledger>, id: MeasureId) -> Result<Measure, IpcError> {
    ledger.run(move |s| s.get_measure(id)).await
}

/// Create a measure (validated, with its source spans) as one undoable action.
#[tauri::command]
pub async fn create_measure(
    ledger: State<'_, Ledger>,
    input: MeasureInput,
) -> Result<Measure, IpcError> {
    ledger.run(move |s| s.create_measure(&input)).await
}

/// Replace a measure's editable fields as one undoable action.
#[tauri::command]
pub async fn update_measure(
    ledger: State<'_, Ledger>,
    id: MeasureId,
    input: MeasureInput,
) -> Result<Measure, IpcError> {
    ledger.run(move |s| s.update_measure(id, &input)).await
}

/// Save an edit made in the measures table (one undoable action) and return the measure's
/// row as the table shows it; `grouped` is whether the table groups packages with their items.
#[tauri::command]
pub async fn update_table_row(
    ledger: State<'_, Ledger>,
    id: MeasureId,
    input: MeasureInput,
    grouped: bool,
) -> Result<TableRow, IpcError> {
    ledger
        .run(move |s| s.update_table_row(id, &input, grouped))
        .await
}

/// Set the status of many measures at once (one undoable action).
#[tauri::command]
pub async fn set_measure_status(
    ledger: State<'_, Ledger>,
    ids: Vec<MeasureId>,
    status: MeasureStatus,
) -> Result<Vec<Measure>, IpcError> {
    ledger.run(move |s| s.set_status(&ids, status)).await
}

/// Delete a measure and its items; returns the deleted ids.
#[tauri::command]
pub async fn delete_measure(
    ledger: State<'_, Ledger>,
    id: MeasureId,
) -> Result<Vec<MeasureId>, IpcError> {
    ledger.run(move |s| s.delete_measure(id)).await
}

#[tauri::command]
pub async fn undo(ledger: State<'_, Ledger>) -> Result<UndoReport, IpcError> {
    ledger.run(|s| s.undo()).await
}

#[tauri::command]
pub async fn redo(ledger: State<'_, Ledger>) -> Result<UndoReport, IpcError> {
    ledger.run(|s| s.redo()).await
}

/// "New measure from selection": a draft read from the selected characters `start..end`
/// (Unicode scalar values) of an article by the suggester's rules; nothing is saved.
#[tauri::command]
pub async fn propose_measure(
    ledger: State<'_, Ledger>,
    article_id: ArticleId,
    start: u32,
    end: u32,
) -> Result<SelectionProposal, IpcError> {
    ledger
        .run(move |s| extract::propose_in_store(s, article_id, start, end))
        .await
}
