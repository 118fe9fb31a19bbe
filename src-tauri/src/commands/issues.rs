//! The library and the reader: issues and their articles.

use chrono::NaiveDate;
use policy_ledger_core::model::{Article, ArticleId, Issue, IssueId, IssueSummary};
use policy_ledger_core::store::SearchHit;
use tauri::State;

use crate::{IpcError, Ledger};

/// Issues for the library, newest first, with article and measure counts.
#[tauri::command]
pub async fn list_issues(ledger: State<'_, Ledger>) -> Result<Vec<IssueSummary>, IpcError> {
    ledger.run(|s| s.list_issues()).await
}

/// One issue with all its articles (the reader).
#[tauri::command]
pub async fn get_issue(ledger: State<'_, Ledger>, id: IssueId) -> Result<Issue, IpcError> {
    ledger.run(move |s| s.get_issue(id)).await
}

/// Correct an issue's date and/or publication; `None` leaves a field as it is.
#[tauri::command]
pub async fn set_issue_meta(
    ledger: State<'_, Ledger>,
    id: IssueId,
    date: Option<NaiveDate>,
    publication: Option<String>,
) -> Result<IssueSummary, IpcError> {
    ledger
        .run(move |s| s.set_issue_meta(id, date, publication.as_deref()))
        .await
}

/// One article (to open a measure's source in the reader).
#[tauri::command]
pub async fn get_article(ledger: State<'_, Ledger>, id: ArticleId) -> Result<Article, IpcError> {
    ledger.run(move |s| s.get_article(id)).await
}

/// Full-text search across every stored article (the reader's search box).
#[tauri::command]
pub async fn search_articles(
    ledger: State<'_, Ledger>,
    query: String,
    limit: u32,
) -> Result<Vec<SearchHit>, IpcError> {
    ledger.run(move |s| s.search(&query, limit)).await
}
