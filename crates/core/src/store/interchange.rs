//! Loading a JSON interchange document into the ledger.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension};

use super::issues::to_json;
use super::Store;
use crate::export::json::Document;
use crate::model::MeasureInput;
use crate::{Error, Result};

/// What an import of a document added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentImport {
    pub issues: u32,
    pub articles: u32,
    pub measures: u32,
}

impl Store {
    /// Insert every issue, article and measure of `doc` with their ids, in one transaction.
    /// Anything wrong (a clash with stored ids, a bad span, a missing parent) refuses the whole
    /// document and writes nothing.
    pub fn import_document(&mut self, doc: &Document) -> Result<DocumentImport> {
        check_unique(doc)?;
        for m in &doc.measures {
            MeasureInput::from_measure(m)
                .validate()
                .map_err(|e| Error::invalid(format!("measure {}: {e}", m.id)))?;
            if uuid::Uuid::parse_str(&m.uid).is_err() {
                return Err(Error::invalid(format!(
                    "measure {}: uid {:?} is not a UUID",
                    m.id, m.uid
                )));
            }
        }
        let tx = self.write()?;
        // Parents may come after their items in the document.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let mut articles = 0;
        for issue in &doc.issues {
            let clash: Option<i64> = tx
                .query_row(
                    "SELECT id FROM issues WHERE id = ?1 OR sha256 = ?2",
                    params![issue.id, issue.sha256],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(c) = clash {
                return Err(Error::invalid(format!(
                    "issue {} is already in the ledger (as issue {c}); import the document into an empty ledger",
                    issue.id
                )));
            }
            tx.execute(
                "INSERT INTO issues (id, publication, date, date_evidence, source_name, sha256, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![issue.id, issue.publication, issue.date, issue.date_evidence, issue.source_name, issue.sha256, issue.imported_at],
            )
            .map_err(|e| Error::invalid(format!("issue {}: {e}", issue.id)))?;
            for (seq, a) in issue.articles.iter().enumerate() {
                tx.execute(
                    "INSERT INTO articles (id, issue_id, seq, headline, subheadings, byline, dateline, body, captions, layout_notes)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        a.id, issue.id, seq as i64, a.headline, to_json(&a.subheadings), a.byline, a.dateline,
                        a.text, to_json(&a.captions), to_json(&a.layout_notes)
                    ],
                )
                .map_err(|e| Error::invalid(format!("article {}: {e}", a.id)))?;
                articles += 1;
            }
        }
        for m in &doc.measures {
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM measures WHERE id = ?1 OR uid = ?2)",
                params![m.id, m.uid],
                |r| r.get(0),
            )?;
            if clash {
                return Err(Error::invalid(format!(
                    "measure {} is already in the ledger; import the document into an empty ledger",
                    m.id
                )));
            }
            Store::insert_snapshot(&tx, m)
                .map_err(|e| Error::invalid(format!("measure {}: {e}", m.id)))?;
        }
        // Items stored before their package started trees of their own: place them.
        super::measures::fill_tree(&tx)?;
        tx.commit().map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Error::invalid("a measure names a parent or an article that is not in the document")
            }
            _ => Error::Database(e),
        })?;
        Ok(DocumentImport {
            issues: doc.issues.len() as u32,
            articles,
            measures: doc.measures.len() as u32,
        })
    }
}

fn check_unique(doc: &Document) -> Result<()> {
    let mut issue_ids = HashSet::new();
    let mut article_ids = HashSet::new();
    for i in &doc.issues {
        if !issue_ids.insert(i.id) {
            return Err(Error::invalid(format!("issue id {} appears twice", i.id)));
        }
        for a in &i.articles {
            if !article_ids.insert(a.id) {
                return Err(Error::invalid(format!("article id {} appears twice", a.id)));
            }
        }
    }
    let mut ids = HashSet::new();
    let mut uids = HashSet::new();
    for m in &doc.measures {
        if !ids.insert(m.id) {
            return Err(Error::invalid(format!("measure id {} appears twice", m.id)));
        }
        if !uids.insert(m.uid.as_str()) {
            return Err(Error::invalid(format!(
                "measure uid {} appears twice",
                m.uid
            )));
        }
        for s in &m.sources {
            if !article_ids.contains(&s.article_id) {
                return Err(Error::invalid(format!(
                    "measure {} cites article {}, which is not in the document",
                    m.id, s.article_id
                )));
            }
        }
        if let Some(p) = m.parent_id {
            if !doc.measures.iter().any(|x| x.id == p) {
                return Err(Error::invalid(format!(
                    "measure {} names parent {p}, which is not in the document",
                    m.id
                )));
            }
        }
    }
    // Reliability (tests/hostile.rs): a chain of parents must end. A cycle (a in b, b in a)
    // would make a package an item of its own items, which the store never allows on edit.
    let parent_of: std::collections::HashMap<_, _> =
        doc.measures.iter().map(|m| (m.id, m.parent_id)).collect();
    for m in &doc.measures {
        let mut at = m.parent_id;
        let mut steps = 0;
        while let Some(p) = at {
            if p == m.id || steps > doc.measures.len() {
                return Err(Error::invalid(format!(
                    "the packages of measure {} form a cycle: a measure cannot be an item of its own items",
                    m.id
                )));
            }
            at = parent_of.get(&p).copied().flatten();
            steps += 1;
        }
    }
    Ok(())
}
