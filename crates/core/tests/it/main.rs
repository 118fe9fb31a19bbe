//! Integration tests of the core library: one test binary (faster to link), one module per area.

mod export;
mod extract;
mod import;
mod import_pipeline;
mod pdf_columns;
mod policy_notices;
mod query_snapshot;
mod reliability;
mod store;
mod table;
mod timeline;
mod tree;
