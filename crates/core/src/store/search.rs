//! Full-text search over articles, for Chinese.
//!
//! Terms of three or more characters use the FTS5 trigram index (`article_fts`, migration 1),
//! ranked by bm25. FTS5 trigram cannot match fewer than three characters, and two-character
//! words are everyday Chinese queries (电价, 补助), so shorter terms are matched with `instr`
//! over the article rows (a scan; fine for a personal library of issues). Terms separated by
//! spaces must all match.
//!
//! Snippets are built here, not with FTS5's `snippet()`, so they come back as structured parts
//! (`{text, hit}`): the UI renders them as text and never needs `innerHTML`.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::model::{ArticleId, IssueId};
use crate::{Error, Result};

/// One article that matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub issue_id: IssueId,
    pub article_id: ArticleId,
    pub publication: String,
    pub issue_date: Option<NaiveDate>,
    pub headline: String,
    /// The headline cut into parts, hits marked.
    pub headline_parts: Vec<SnippetPart>,
    /// A window of the article text around the first hit, hits marked.
    pub snippet: Vec<SnippetPart>,
    /// Offset (Unicode scalar values) of the first hit in the article text; `None` when only
    /// the headline matched.
    pub first_hit: Option<u32>,
}

/// A piece of a snippet: matched text (`hit`) or the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Shortest term the trigram index can match.
const TRIGRAM: usize = 3;
/// Characters of context shown before and after the first hit.
const CONTEXT_BEFORE: usize = 30;
const CONTEXT_AFTER: usize = 90;
const MAX_LIMIT: u32 = 500;

impl Store {
    /// Articles matching every space-separated term of `query`, best first (bm25 when the
    /// index is used, else newest issue first), at most `limit` of them.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let mut terms: Vec<String> = Vec::new();
        for t in query.split_whitespace() {
            if !terms.iter().any(|x| x == t) {
                terms.push(t.to_string());
            }
        }
        if terms.is_empty() {
            return Err(Error::invalid("type a word to search for"));
        }
        let (sql, params) = query_sql(&terms, limit);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, ArticleId>(0)?,
                r.get::<_, IssueId>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (article_id, issue_id, publication, issue_date, headline, body) = row?;
            let (snippet, first_hit) = snippet(&body, &terms);
            hits.push(SearchHit {
                issue_id,
                article_id,
                publication,
                issue_date,
                headline_parts: mark(&headline.chars().collect::<Vec<_>>(), &terms),
                headline,
                snippet,
                first_hit,
            });
        }
        Ok(hits)
    }
}

/// The SQL and parameters of a search for `terms` (deduplicated, not empty).
fn query_sql(terms: &[String], limit: u32) -> (String, Vec<String>) {
    let (long, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= TRIGRAM);
    let mut params: Vec<String> = Vec::new();
    let mut sql =
        String::from("SELECT a.id, a.issue_id, i.publication, i.date, a.headline, a.body FROM ");
    if long.is_empty() {
        // Issues newest first (index issues_date), each issue's articles in page order:
        // the rows come out in the final order, so SQLite stops after `limit` hits instead
        // of testing every article and sorting. CROSS JOIN keeps that loop order.
        sql.push_str("issues i CROSS JOIN articles a ON a.issue_id = i.id WHERE 1");
    } else {
        sql.push_str(
            "article_fts JOIN articles a ON a.id = article_fts.rowid
             JOIN issues i ON i.id = a.issue_id WHERE article_fts MATCH ?1",
        );
        // Each term is a quoted phrase: FTS5 operators typed by the analyst stay text.
        params.push(
            long.iter()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND "),
        );
    }
    for t in &short {
        if t.bytes().any(|b| b.is_ascii_alphabetic()) {
            // ASCII case folded, nothing else, as LIKE does (without copying the text as
            // lower() would): Unicode lowercasing would turn a copied "É" into "é" and
            // miss the very text it came from (tests/it/reliability.rs).
            params.push(format!("%{}%", escape_like(t)));
            let k = params.len();
            sql.push_str(&format!(
                " AND (a.body LIKE ?{k} ESCAPE '\\' OR a.headline LIKE ?{k} ESCAPE '\\')"
            ));
        } else {
            // No letter that has a case: a plain substring test.
            params.push(t.to_string());
            let k = params.len();
            sql.push_str(&format!(
                " AND (instr(a.body, ?{k}) > 0 OR instr(a.headline, ?{k}) > 0)"
            ));
        }
    }
    sql.push_str(if long.is_empty() {
        // DESC puts NULL dates last, as before.
        " ORDER BY i.date DESC, i.id DESC, a.seq"
    } else {
        " ORDER BY bm25(article_fts), i.date DESC NULLS LAST, a.issue_id DESC, a.seq"
    });
    sql.push_str(&format!(" LIMIT {}", limit.clamp(1, MAX_LIMIT)));

    (sql, params)
}

/// `s` as a literal LIKE pattern body (with `ESCAPE '\'`).
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Character ranges of every occurrence of any term (ASCII case folded), merged.
fn hit_ranges(chars: &[char], terms: &[String]) -> Vec<(usize, usize)> {
    let folded: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        let t: Vec<char> = term.chars().map(|c| c.to_ascii_lowercase()).collect();
        if t.is_empty() || t.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - t.len() {
            if folded[start..start + t.len()] == t[..] {
                ranges.push((start, start + t.len()));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// `chars` cut into hit and non-hit parts.
fn mark(chars: &[char], terms: &[String]) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut at = 0;
    for (s, e) in hit_ranges(chars, terms) {
        if s > at {
            parts.push(SnippetPart {
                text: chars[at..s].iter().collect(),
                hit: false,
            });
        }
        parts.push(SnippetPart {
            text: chars[s..e].iter().collect(),
            hit: true,
        });
        at = e;
    }
    if at < chars.len() {
        parts.push(SnippetPart {
            text: chars[at..].iter().collect(),
            hit: false,
        });
    }
    parts
}

/// A window of `body` around its first hit, and that hit's offset.
fn snippet(body: &str, terms: &[String]) -> (Vec<SnippetPart>, Option<u32>) {
    let chars: Vec<char> = body.chars().collect();
    let first = hit_ranges(&chars, terms).first().map(|r| r.0);
    let centre = first.unwrap_or(0);
    let start = centre.saturating_sub(CONTEXT_BEFORE);
    let end = (centre + CONTEXT_AFTER).min(chars.len());
    let mut parts = mark(&chars[start..end], terms);
    if start > 0 {
        parts.insert(
            0,
            SnippetPart {
                text: "…".into(),
                hit: false,
            },
        );
    }
    if end < chars.len() {
        parts.push(SnippetPart {
            text: "…".into(),
            hit: false,
        });
    }
    (parts, first.map(|f| f as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn snippet_parts_mark_every_hit_and_the_offset_counts_characters() {
        let (parts, first) = snippet("一般工商业电价、大工业电价统一结算", &terms(&["电价"]));
        assert_eq!(first, Some(5));
        let hits: Vec<&str> = parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, ["电价", "电价"]);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "一般工商业电价、大工业电价统一结算");
    }

    #[test]
    fn long_bodies_are_windowed_with_ellipses() {
        let body = format!("{}电价{}", "前".repeat(100), "后".repeat(200));
        let (parts, first) = snippet(&body, &terms(&["电价"]));
        assert_eq!(first, Some(100));
        assert_eq!(parts.first().unwrap().text, "…");
        assert_eq!(parts.last().unwrap().text, "…");
        let shown: usize = parts.iter().map(|p| p.text.chars().count()).sum();
        assert_eq!(shown, CONTEXT_BEFORE + CONTEXT_AFTER + 2);
    }

    #[test]
    fn short_terms_walk_issues_newest_first_without_sorting() {
        // The plan, not a timing: with no temporary b-tree, SQLite can stop after a page.
        let store = Store::open_in_memory().unwrap();
        for term in ["补贴", "5g", "补贴 5G"] {
            let (sql, params) = query_sql(&terms(&term.split(' ').collect::<Vec<_>>()), 50);
            let sql = format!("EXPLAIN QUERY PLAN {sql}");
            let plan: Vec<String> = store
                .conn
                .prepare(&sql)
                .unwrap()
                .query_map(params_from_iter(params.iter()), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join(" | ");
            assert!(plan.contains("issues_date"), "{term}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{term}: {plan}");
        }
    }

    #[test]
    fn ascii_matching_ignores_case_and_overlaps_merge() {
        let ranges = hit_ranges(
            &"5G基建和5g网络".chars().collect::<Vec<_>>(),
            &terms(&["5G", "G基"]),
        );
        assert_eq!(ranges, [(0, 3), (5, 7)]);
    }
}
