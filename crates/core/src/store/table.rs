//! The measures table's rows: what the grid shows of each measure, not the whole record.
//!
//! The table fetches a block of 100 rows each time the analyst scrolls past one; a whole
//! [`Measure`] carries its notes and every source span (≈ 1 KB of JSON each for a suggestion,
//! most of it never shown), which the webview must parse and then collect. A row carries the
//! columns, the first quote and where it comes from: a third of the bytes
//! (`table_rows_are_a_fraction_of_the_measures_json` below). Editing reads the whole measure;
//! saving an edit made in the table answers with the saved row ([`Store::update_table_row`]),
//! so the grid never shapes a row itself.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measures::{tree_place, update_in, TreeRow};
use super::{MeasureQuery, Store};
use crate::model::{ArticleId, Measure, MeasureId, MeasureInput, MeasureStatus, MeasureValue};
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

impl Store {
    /// Save an edit made in the measures table ([`Store::update_measure`]: validated, one
    /// undoable action, nothing written if refused) and return the measure's row as
    /// [`Store::query_table`] would now show it, read in the same transaction as the write.
    ///
    /// `grouped` says whether the table groups packages with their items. Grouped, the row's
    /// `depth` and `items` are computed from the ledger after the write, not taken from the
    /// caller's row: an edit can change the measure's package (`parent_id`), and a row
    /// copied from before the edit would then keep a stale indentation. They mean what they
    /// mean in a grouped query, which ignores the filters, so the row is right whatever
    /// the table filters on. Flat, both are 0, as in a flat query.
    pub fn update_table_row(
        &mut self,
        id: MeasureId,
        input: &MeasureInput,
        grouped: bool,
    ) -> Result<TableRow> {
        let tx = self.write()?;
        let saved = update_in(&tx, id, input)?;
        let place = if grouped {
            tree_place(&tx, id)?
        } else {
            TreeRow { depth: 0, items: 0 }
        };
        tx.commit()?;
        Ok(TableRow::of(saved, place.depth, place.items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ParsedArticle, ParsedIssue};
    use crate::model::SourceSpan;
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

    /// The table's row of `id` in a query for every row.
    fn queried_row(s: &Store, id: MeasureId, grouped: bool) -> TableRow {
        let q = MeasureQuery {
            limit: 0,
            ..query(grouped)
        };
        let page = s.query_table(&q).unwrap();
        page.rows.into_iter().find(|r| r.id == id).expect("the row")
    }

    /// The stored measure's editable fields with `edit` applied.
    fn edited(s: &Store, id: MeasureId, edit: impl FnOnce(&mut MeasureInput)) -> MeasureInput {
        let mut input = MeasureInput::from_measure(&s.get_measure(id).unwrap());
        edit(&mut input);
        input
    }

    #[test]
    fn a_saved_table_row_is_the_row_the_table_query_then_gives() {
        let (mut s, ids) = ledger();
        let (pkg, item, lone) = (ids[0], ids[1], ids[2]);
        // (measure, grouped, depth and items it must have)
        let cases = [
            (pkg, true, (0, 1)),
            (item, true, (1, 0)),
            (lone, true, (0, 0)),
            (pkg, false, (0, 0)),
            (item, false, (0, 0)),
        ];
        for (k, (id, grouped, place)) in cases.into_iter().enumerate() {
            let day = NaiveDate::from_ymd_opt(2021, 1, 1 + k as u32).unwrap();
            let input = edited(&s, id, |i| i.expires_on = Some(day));
            let row = s.update_table_row(id, &input, grouped).unwrap();
            assert_eq!(row.expires_on, Some(day), "the edit is in the row");
            assert_eq!(
                (row.depth, row.items),
                place,
                "measure {id}, grouped {grouped}"
            );
            assert_eq!(
                row,
                queried_row(&s, id, grouped),
                "measure {id}, grouped {grouped}"
            );
            assert_eq!(s.get_measure(id).unwrap().expires_on, Some(day), "saved");
        }
    }

    #[test]
    fn a_table_edit_that_moves_an_item_gives_its_new_place_not_the_old_one() {
        let (mut s, ids) = ledger();
        let (pkg, item, lone) = (ids[0], ids[1], ids[2]);
        let out = edited(&s, item, |i| i.parent_id = None);
        let row = s.update_table_row(item, &out, true).unwrap();
        assert_eq!((row.parent_id, row.depth, row.items), (None, 0, 0));
        assert_eq!(row, queried_row(&s, item, true));

        // The lone measure becomes the package of the former item, then of its own package.
        let under = edited(&s, lone, |i| i.parent_id = Some(item));
        assert_eq!(s.update_table_row(lone, &under, true).unwrap().depth, 1);
        let row = s
            .update_table_row(item, &edited(&s, item, |i| i.parent_id = Some(pkg)), true)
            .unwrap();
        assert_eq!(
            (row.depth, row.items),
            (1, 1),
            "an item with an item of its own"
        );
        assert_eq!(row, queried_row(&s, item, true));
        assert_eq!(queried_row(&s, lone, true).depth, 2, "two levels down");
    }

    #[test]
    fn a_refused_table_edit_returns_the_error_and_writes_nothing() {
        let (mut s, ids) = ledger();
        let (pkg, item) = (ids[0], ids[1]);
        let before = (s.get_measure(pkg).unwrap(), s.get_measure(item).unwrap());
        let reversed = edited(&s, item, |i| {
            i.effective_from = NaiveDate::from_ymd_opt(2020, 5, 1);
            i.expires_on = NaiveDate::from_ymd_opt(2020, 4, 30);
        });
        let cycle = edited(&s, pkg, |i| i.parent_id = Some(item));
        let untitled = edited(&s, item, |i| i.title = "  ".into());
        let refusals = [
            (item, reversed, "invalid"),
            (pkg, cycle, "invalid"),
            (item, untitled, "invalid"),
            (9_999, MeasureInput::from_measure(&before.1), "not_found"),
        ];
        for (id, input, code) in refusals {
            let err = s.update_table_row(id, &input, true).unwrap_err();
            assert_eq!(err.code(), code, "{err}");
        }
        assert_eq!(
            (s.get_measure(pkg).unwrap(), s.get_measure(item).unwrap()),
            before,
            "nothing written"
        );
        // No action was recorded: undo takes back the last measure created, not a refused edit.
        assert_eq!(s.undo().unwrap().measures, vec![ids[2]]);
    }
}
