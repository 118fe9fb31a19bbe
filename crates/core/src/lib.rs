//! Policy Ledger core: the domain model, the SQLite store, import of newspaper issues,
//! extraction of suggested policy measures, and export.
//!
//! Data flows one way: file → [`import`] (decode, clean, segment) → [`store`] →
//! [`extract`] (suggest) → review (edits through [`store`]) → [`export`].
//! Nothing here depends on Tauri; the CLI and the desktop shell are thin callers.

pub mod error;
pub mod export;
pub mod extract;
pub mod import;
pub mod model;
pub mod store;

pub use error::{Error, Result};
pub use store::Store;
