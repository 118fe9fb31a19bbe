//! Issues and their articles.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::{now_rfc3339, Store};
use crate::import::ParsedIssue;
use crate::model::{Article, ArticleId, Issue, IssueId, IssueSummary};
use crate::{Error, Result};

/// Result of storing a parsed issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted {
        issue_id: IssueId,
        articles: u32,
    },
    /// The same issue (same cleaned text) is already stored; nothing was written.
    Duplicate {
        existing_issue_id: IssueId,
    },
}

/// Where an article was printed, without its text: what an export needs to cite a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCitation {
    pub id: ArticleId,
    pub issue_id: IssueId,
    pub headline: String,
    pub publication: String,
    pub issue_date: Option<NaiveDate>,
}

const ARTICLE_COLUMNS: &str =
    "id, issue_id, seq, headline, subheadings, byline, dateline, body, captions, layout_notes";

fn article_from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        seq: r.get(2)?,
        headline: r.get(3)?,
        subheadings: json_col(r, 4)?,
        byline: r.get(5)?,
        dateline: r.get(6)?,
        text: r.get(7)?,
        captions: json_col(r, 8)?,
        layout_notes: json_col(r, 9)?,
    })
}

pub(super) fn json_col<T: serde::de::DeserializeOwned>(
    r: &Row<'_>,
    i: usize,
) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain values always serialise")
}

/// Articles per INSERT statement in [`Store::insert_issue`]: 9 parameters each, well below
/// SQLite's 32,766.
const ARTICLES_PER_INSERT: usize = 500;

/// Every issue with its numbers of articles and of measures, newest first. The measures are
/// counted from `sources(article_id, measure_id)` alone (migration 6).
const LIST_ISSUES_SQL: &str =
    "SELECT i.id, i.publication, i.date, i.date_evidence, i.source_name, i.imported_at,
            (SELECT count(*) FROM articles a WHERE a.issue_id = i.id),
            (SELECT count(DISTINCT s.measure_id) FROM sources s
               JOIN articles a ON a.id = s.article_id WHERE a.issue_id = i.id)
     FROM issues i ORDER BY i.date DESC NULLS LAST, i.id";

impl Store {
    /// Store a parsed issue and its articles in one transaction, unless the same issue is
    /// already stored.
    pub fn insert_issue(
        &mut self,
        parsed: &ParsedIssue,
        source_name: &str,
    ) -> Result<InsertOutcome> {
        if parsed.articles.is_empty() {
            return Err(Error::invalid(format!("{source_name} has no articles")));
        }
        let sha = parsed.fingerprint();
        let tx = self.write()?;
        let existing: Option<IssueId> = tx
            .query_row("SELECT id FROM issues WHERE sha256 = ?1", [&sha], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(existing_issue_id) = existing {
            return Ok(InsertOutcome::Duplicate { existing_issue_id });
        }
        tx.execute(
            "INSERT INTO issues (publication, date, date_evidence, source_name, sha256, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                parsed.publication.clone().unwrap_or_default(),
                parsed.date,
                parsed.date_evidence,
                source_name,
                sha,
                now_rfc3339()
            ],
        )?;
        let issue_id = tx.last_insert_rowid();
        // Many rows per INSERT statement. Each statement that writes `articles` opens a
        // statement savepoint (its FTS trigger and constraints can abort it), and FTS5 flushes
        // what it holds in memory into a new on-disk segment at every savepoint: one row per
        // statement wrote a segment per article and merged them again (15 % of an import's
        // instructions; docs/performance.md, session 2). The trigger still indexes every row.
        for (chunk_no, chunk) in parsed.articles.chunks(ARTICLES_PER_INSERT).enumerate() {
            let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let mut stmt = tx.prepare_cached(&format!(
                "INSERT INTO articles (issue_id, seq, headline, subheadings, byline, dateline, body, captions, layout_notes)
                 VALUES {rows}"
            ))?;
            let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * 9);
            for (i, a) in chunk.iter().enumerate() {
                let seq = (chunk_no * ARTICLES_PER_INSERT + i) as i64;
                values.extend([
                    issue_id.into(),
                    seq.into(),
                    a.headline.clone().into(),
                    to_json(&a.subheadings).into(),
                    a.byline.clone().into(),
                    a.dateline.clone().into(),
                    a.text.clone().into(),
                    to_json(&a.captions).into(),
                    to_json(&a.layout_notes).into(),
                ]);
            }
            stmt.execute(rusqlite::params_from_iter(values))?;
        }
        tx.commit()?;
        Ok(InsertOutcome::Inserted {
            issue_id,
            articles: parsed.articles.len() as u32,
        })
    }

    /// Issues for the library view, newest issue date first.
    pub fn list_issues(&self) -> Result<Vec<IssueSummary>> {
        let mut stmt = self.conn.prepare(LIST_ISSUES_SQL)?;
        let rows = stmt.query_map([], |r| {
            Ok(IssueSummary {
                id: r.get(0)?,
                publication: r.get(1)?,
                date: r.get(2)?,
                date_evidence: r.get(3)?,
                source_name: r.get(4)?,
                imported_at: r.get(5)?,
                article_count: r.get(6)?,
                measure_count: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One issue with its articles.
    pub fn get_issue(&self, id: IssueId) -> Result<Issue> {
        let mut issue = self
            .conn
            .query_row(
                "SELECT id, publication, date, date_evidence, source_name, sha256, imported_at
                 FROM issues WHERE id = ?1",
                [id],
                |r| {
                    Ok(Issue {
                        id: r.get(0)?,
                        publication: r.get(1)?,
                        date: r.get(2)?,
                        date_evidence: r.get(3)?,
                        source_name: r.get(4)?,
                        sha256: r.get(5)?,
                        imported_at: r.get(6)?,
                        articles: vec![],
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "issue",
                id: id.to_string(),
            })?;
        issue.articles = self.list_articles(Some(id))?;
        Ok(issue)
    }

    /// All issues with their articles, in id order (for export).
    pub fn all_issues(&self) -> Result<Vec<Issue>> {
        let ids: Vec<IssueId> = {
            let mut stmt = self.conn.prepare("SELECT id FROM issues ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.get_issue(id)).collect()
    }

    /// Articles of one issue in page order, or of every issue.
    pub fn list_articles(&self, issue: Option<IssueId>) -> Result<Vec<Article>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE (?1 IS NULL OR issue_id = ?1) ORDER BY issue_id, seq"
        );
        if let Some(id) = issue {
            let exists: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM issues WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(Error::NotFound {
                    what: "issue",
                    id: id.to_string(),
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([issue], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Citations of the articles `ids` (in id order; unknown ids are left out). Reads no
    /// article text, unlike [`Store::list_articles`]: exports cite thousands of articles.
    pub fn article_citations(&self, ids: &[ArticleId]) -> Result<Vec<ArticleCitation>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        // IN lists of at most 30,000 parameters (SQLite allows 32,766).
        for chunk in ids.chunks(30_000) {
            let ph = vec!["?"; chunk.len()].join(",");
            let mut stmt = self.conn.prepare(&format!(
                "SELECT a.id, a.issue_id, a.headline, i.publication, i.date
                 FROM articles a JOIN issues i ON i.id = a.issue_id
                 WHERE a.id IN ({ph}) ORDER BY a.id"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
                Ok(ArticleCitation {
                    id: r.get(0)?,
                    issue_id: r.get(1)?,
                    headline: r.get(2)?,
                    publication: r.get(3)?,
                    issue_date: r.get(4)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    pub fn get_article(&self, id: ArticleId) -> Result<Article> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], article_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "article",
                id: id.to_string(),
            })
    }

    /// Correct an issue's date or publication (the analyst overrides what was inferred).
    pub fn set_issue_meta(
        &mut self,
        id: IssueId,
        date: Option<NaiveDate>,
        publication: Option<&str>,
    ) -> Result<IssueSummary> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE issues SET
                date = coalesce(?2, date),
                date_evidence = CASE WHEN ?2 IS NULL THEN date_evidence ELSE 'set by the analyst' END,
                publication = coalesce(?3, publication)
             WHERE id = ?1",
            params![id, date, publication],
        )?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "issue",
                id: id.to_string(),
            });
        }
        tx.commit()?;
        self.list_issues()?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "issue",
                id: id.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_counts_measures_from_an_index_alone() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {LIST_ISSUES_SQL}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|p| p.contains("COVERING INDEX sources_article_measure")),
            "{plan:?}"
        );
    }
}
