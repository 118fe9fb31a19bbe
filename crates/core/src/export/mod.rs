//! Export of the ledger: the JSON interchange document, CSV, and the policy calendar.

pub mod json;
