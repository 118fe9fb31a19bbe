//! Policy Ledger's desktop shell: opens the ledger, registers the commands, runs the window.
//!
//! Everything the analyst does goes through a command in [`commands`] that unpacks state,
//! calls one function of `policy_ledger_core` off the main thread, and returns. There is no
//! SQL, parsing or date arithmetic here.

mod commands;
pub mod error;
mod pick;
pub mod state;

use tauri::Manager;

pub use error::IpcError;
pub use state::Ledger;

/// Build and run the app on the default database (or `POLICY_LEDGER_DB`).
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // A database that cannot be opened (newer schema, damaged file) is not fatal: the
            // window opens and every command answers with the reason, which the UI shows.
            app.manage(Ledger::open_default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::issues::list_issues,
            commands::issues::get_issue,
            commands::issues::get_article,
            commands::issues::set_issue_meta,
            commands::measures::query_measures,
            commands::measures::get_measure,
            commands::measures::create_measure,
            commands::measures::update_measure,
            commands::measures::set_measure_status,
            commands::measures::delete_measure,
            commands::measures::undo,
            commands::measures::redo,
            commands::import::import_picked_files,
            commands::import::import_paths,
            commands::export::export_json,
            commands::export::ledger_location,
        ])
        .run(tauri::generate_context!())
        .expect("the Policy Ledger window could not start");
}
