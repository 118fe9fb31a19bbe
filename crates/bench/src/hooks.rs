//! Calls into the core parts built on other branches (search, date normaliser, .ics export).
//!
//! All three are merged and switched on. A hook returning `None` makes the benchmark print
//! PENDING instead of a figure; keep every call to those parts here, so the list of switches
//! stays in one file.

use chrono::NaiveDate;
use policy_ledger_core::model::Measure;
use policy_ledger_core::Store;

/// First page of `Store::search` hits (import branch). Returns the number of hits.
pub fn store_search(store: &Store, query: &str, limit: usize) -> Option<anyhow::Result<usize>> {
    Some(
        store
            .search(query, limit as u32)
            .map(|hits| hits.len())
            .map_err(Into::into),
    )
}

/// Whether the date normaliser understood `phrase` (extract branch). Called once per phrase
/// in the timed loop.
pub fn parse_period(phrase: &str, reference: NaiveDate) -> Option<bool> {
    let p = policy_ledger_core::extract::dates::parse_period(phrase, reference);
    Some(p.start.is_some() || p.end.is_some())
}

/// The .ics text of these measures (export branch), citations included, as the app writes it
/// with the default options (one all-day event per measure with both dates).
pub fn export_ics(store: &Store, measures: &[Measure]) -> Option<anyhow::Result<Vec<u8>>> {
    use policy_ledger_core::export::{ics, CalendarOptions, ExportContext};
    let ctx = match ExportContext::from_store(store, measures) {
        Ok(ctx) => ctx,
        Err(e) => return Some(Err(e.into())),
    };
    Some(Ok(ics::write_calendar(
        measures,
        &ctx,
        &CalendarOptions::default(),
    )
    .text
    .into_bytes()))
}
