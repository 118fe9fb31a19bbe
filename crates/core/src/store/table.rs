//! The measures table's rows: what the grid shows of each measure, not the whole record.
//!
//! The table fetches a block of 100 rows each time the analyst scrolls past one; a whole
//! [`Measure`] carries its notes and every source span (≈ 1 KB of JSON each for a suggestion,
//! most of it never shown), which the webview must parse and then collect. A row carries the
//! columns, the first quote and where it comes from: a third of the bytes
//! (`table_rows_are_a_fraction_of_the_measures_json` below). Editing reads the whole measure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{MeasureQuery, Store};
use crate::model::{ArticleId, Measure, MeasureId, MeasureStatus, MeasureValue};
use crate::Result;

/// One row of the measures table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TableRow {
    pub id: MeasureId,
    pub parent_id: Option<MeasureId>,
    pub title: String,
    pub issuer: Option<String>,
    pub category: Option<String>,
    pub value: Option<MeasureValue>,
    pub effective_from: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub status: MeasureStatus,
    /// The first source span's quote, whole (the words the measure was taken from).
    pub quote: Option<String>,
    /// The article of that quote (the reader opens it there).
    pub article_id: Option<ArticleId>,
    /// Source spans besides the first.
    pub more_sources: u32,
    /// 0 for a measure outside any package or a package itself, 1 for its items, … (grouped
    /// queries; 0 otherwise).
    pub depth: u32,
    /// How many items the measure has (grouped queries; 0 otherwise).
    pub items: u32,
}

/// A block of table rows and how many rows the query matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TablePage {
    /// Rows matching the filters, before paging.
    pub total: u32,
    pub rows: Vec<TableRow>,
}

impl TableRow {
    /// The row of `m`, at `depth` with `items` items in a grouped table.
    pub fn of(m: Measure, depth: u32, items: u32) -> TableRow {
        let more_sources = m.sources.len().saturating_sub(1) as u32;
        let first = m.sources.into_iter().next();
        TableRow {
            id: m.id,
            parent_id: m.parent_id,
            title: m.title,
            issuer: m.issuer,
            category: m.category,
            value: m.value,
            effective_from: m.effective_from,
            expires_on: m.expires_on,
            status: m.status,
            article_id: first.as_ref().map(|s| s.article_id),
            quote: first.map(|s| s.quote),
            more_sources,
            depth,
            items,
        }
    }
}

impl Store {
    /// A block of the measures table: [`Store::query_measures`], each measure cut to its row.
    pub fn query_table(&self, q: &MeasureQuery) -> Result<TablePage> {
        let page = self.query_measures(q)?;
        let mut tree = page.tree.into_iter();
        let rows = page
            .rows
            .into_iter()
            .map(|m| {
                let t = tree.next();
                TableRow::of(m, t.map_or(0, |t| t.depth), t.map_or(0, |t| t.items))
            })
            .collect();
        Ok(TablePage {
            total: page.total,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ParsedArticle, ParsedIssue};
    use crate::model::{MeasureInput, SourceSpan};
    use crate::store::{InsertOutcome, MeasureSort};

    const TEXT: &str = "醴陵市出台支持外贸企业稳定发展十二条措施，一般工商业电价按原标准的95%执行，期限至2020年12月31日。";

    fn span(article_id: ArticleId, start: usize, end: usize) -> SourceSpan {
        SourceSpan {
            article_id,
            start: start as u32,
            end: end as u32,
            quote: TEXT.chars().skip(start).take(end - start).collect(),
        }
    }

    fn ledger() -> (Store, Vec<MeasureId>) {
        let mut s = Store::open_in_memory().unwrap();
        let parsed = ParsedIssue {
            articles: vec![ParsedArticle {
                headline: "醴陵支持外贸".into(),
                text: TEXT.into(),
                ..Default::default()
            }],
            publication: None,
            date: None,
            date_evidence: None,
            encoding: "UTF-8".into(),
            format: "text".into(),
            warnings: vec![],
        };
        let InsertOutcome::Inserted { issue_id, .. } = s.insert_issue(&parsed, "t.txt").unwrap()
        else {
            panic!("stored")
        };
        let article = s.list_articles(Some(issue_id)).unwrap()[0].id;
        let pkg = s
            .create_measure(&MeasureInput {
                title: "支持外贸企业十二条".into(),
                issuer: Some("醴陵市".into()),
                sources: vec![span(article, 0, 20)],
                ..Default::default()
            })
            .unwrap();
        let item = s
            .create_measure(&MeasureInput {
                title: "电价按原标准的95%执行".into(),
                parent_id: Some(pkg.id),
                notes: "长长的备注".repeat(40),
                sources: vec![span(article, 21, 40), span(article, 0, 3)],
                ..Default::default()
            })
            .unwrap();
        let lone = s
            .create_measure(&MeasureInput {
                title: "无出处".into(),
                ..Default::default()
            })
            .unwrap();
        (s, vec![pkg.id, item.id, lone.id])
    }

    fn query(grouped: bool) -> MeasureQuery {
        MeasureQuery {
            group_packages: grouped,
            sort: MeasureSort::Id,
            limit: 100,
            ..Default::default()
        }
    }

    #[test]
    fn a_table_row_is_its_measure_s_columns_first_quote_and_place_in_its_package() {
        let (s, ids) = ledger();
        let full = s.query_measures(&query(true)).unwrap();
        let table = s.query_table(&query(true)).unwrap();
        assert_eq!(table.total, full.total);
        assert_eq!(table.rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
        for ((row, m), t) in table.rows.iter().zip(&full.rows).zip(&full.tree) {
            assert_eq!(
                (
                    row.id,
                    row.parent_id,
                    &row.title,
                    &row.issuer,
                    &row.category
                ),
                (m.id, m.parent_id, &m.title, &m.issuer, &m.category)
            );
            assert_eq!(
                (&row.value, row.effective_from, row.expires_on, row.status),
                (&m.value, m.effective_from, m.expires_on, m.status)
            );
            assert_eq!(
                row.quote.as_deref(),
                m.sources.first().map(|s| s.quote.as_str())
            );
            assert_eq!(row.article_id, m.sources.first().map(|s| s.article_id));
            assert_eq!(row.more_sources as usize, m.sources.len().saturating_sub(1));
            assert_eq!((row.depth, row.items), (t.depth, t.items));
        }
        let r = &table.rows;
        assert_eq!((r[0].depth, r[0].items), (0, 1), "the package");
        assert_eq!(
            (r[1].depth, r[1].more_sources),
            (1, 1),
            "its item, two spans"
        );
        assert_eq!(
            (r[2].quote.as_deref(), r[2].more_sources),
            (None, 0),
            "no source"
        );
    }

    #[test]
    fn a_flat_table_puts_every_row_at_depth_0() {
        let (s, _) = ledger();
        let table = s.query_table(&query(false)).unwrap();
        assert_eq!(table.rows.len(), 3);
        assert!(table.rows.iter().all(|r| r.depth == 0 && r.items == 0));
    }

    #[test]
    fn table_rows_are_a_fraction_of_the_measures_json() {
        let (s, _) = ledger();
        let full = serde_json::to_string(&s.query_measures(&query(true)).unwrap()).unwrap();
        let table = serde_json::to_string(&s.query_table(&query(true)).unwrap()).unwrap();
        assert!(
            table.len() * 2 < full.len(),
            "{} bytes against {}",
            table.len(),
            full.len()
        );
    }
}
