//! The ledger itself: whether it is open yet (a window that loads while an older ledger is
//! being upgraded, or after the last `ledger-status` event, asks here).

use policy_ledger_core::store::OpenStatus;
use tauri::State;

use crate::{IpcError, Ledger};

/// The event that carries each change of [`ledger_status`] to the window.
pub const STATUS_EVENT: &str = "ledger-status";

/// Where opening the ledger stands: opening, upgrading (with its progress), ready or failed.
/// Answers at once, even while the ledger opens.
#[tauri::command]
pub async fn ledger_status(ledger: State<'_, Ledger>) -> Result<OpenStatus, IpcError> {
    Ok(ledger.status())
}
