use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Article, IssueId};

/// One newspaper issue as imported from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Issue {
    pub id: IssueId,
    /// The newspaper's name, e.g. 株洲日报.
    pub publication: String,
    /// Publication date of the issue; relative dates in its articles resolve against it.
    pub date: Option<NaiveDate>,
    /// Why `date` is what it is (file name, dateline, the analyst's override...).
    #[serde(default)]
    pub date_evidence: Option<String>,
    /// File name the issue was imported from (no directory).
    pub source_name: String,
    /// SHA-256 of the cleaned article texts: the same issue re-encoded or with other line
    /// endings has the same hash, which is how a second import is recognised.
    pub sha256: String,
    /// RFC 3339 UTC time of the import.
    pub imported_at: String,
    pub articles: Vec<Article>,
}

/// A row of the library view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueSummary {
    pub id: IssueId,
    pub publication: String,
    pub date: Option<NaiveDate>,
    pub date_evidence: Option<String>,
    pub source_name: String,
    pub imported_at: String,
    pub article_count: u32,
    pub measure_count: u32,
}
