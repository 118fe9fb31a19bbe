//! The domain: newspaper issues, their articles, and the policy measures an analyst records.
//!
//! These types are the wire format too: they serialise to the JSON interchange format
//! (`docs/json-format.md`) and ts-rs generates the UI's TypeScript types from them.

mod article;
mod issue;
mod measure;
mod value;

pub use article::{Article, LayoutNote, LayoutNoteKind};
pub use issue::{Issue, IssueSummary};
pub use measure::{
    validate_dates, DatePrecision, Measure, MeasureInput, MeasureStatus, SourceSpan,
};
pub use value::{Bound, MeasureValue};

pub type IssueId = i64;
pub type ArticleId = i64;
pub type MeasureId = i64;
