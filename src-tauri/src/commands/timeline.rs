//! The timeline view: measures as bars over time, laid out by core.

use policy_ledger_core::store::{Timeline, TimelineQuery};
use tauri::State;

use crate::{IpcError, Ledger};

/// Groups, bars as day offsets, ticks, the marker and the expiring list (core's
/// `Store::timeline`: all date arithmetic happens there).
#[tauri::command]
pub async fn timeline(
    ledger: State<'_, Ledger>,
    query: TimelineQuery,
) -> Result<Timeline, IpcError> {
    ledger.run(move |s| s.timeline(&query)).await
}
