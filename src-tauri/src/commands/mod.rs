//! The commands the UI invokes, grouped by domain. Each unpacks state, calls one core
//! function in the blocking pool (through [`crate::Ledger::run`]) and returns its result or a
//! `{code, message}` error.

pub mod export;
pub mod import;
pub mod issues;
pub mod ledger;
pub mod measures;
pub mod timeline;
