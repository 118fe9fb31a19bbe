//! The measures table's last full order, kept so that a block of rows at any offset costs what
//! the first block costs.
//!
//! The table scrolls through one query in blocks of 100 rows (offsets 0, 100, … 99,900). Asked
//! from scratch, every block sorts all matching measures again and skips `offset` of them
//! (`ORDER BY … LIMIT … OFFSET` is O(matches), whatever the index), so a deep block costs as
//! much as the whole table. Instead, the query's whole order is recorded once (ids, and each
//! row's depth when packages are grouped) and every later block of the same query is a slice
//! of it, whose rows are read by id. Flat, the order is recorded by the first block (it costs
//! less than that block computed alone); grouped, by the second (the first block's top-N sort
//! costs less than the full sort), so the first block never gets slower.
//!
//! Invariants:
//! - One order is kept (the table shows one query), ids only: 100,000 rows ≈ 0.9 MB. A query
//!   for every row (limit 0) is not a table block and neither records nor replaces it.
//! - It is served only while nothing has been written since it was taken: not through this
//!   connection (`sqlite3_total_changes`, which counts every row inserted, updated or deleted by
//!   this connection, trigger programs included, and never goes back, even on rollback) and not
//!   by any other connection or process (`PRAGMA data_version`, which changes whenever another
//!   connection commits). Either moving drops the order: undo, redo, imports, edits, deletes
//!   and status changes all write rows, so none can be served a stale order.
//! - Its key is the whole query except the page (`offset`, `limit`), with "expiring within N
//!   days" resolved to the actual reference day: when today changes, so does the key.

use super::measures::MeasureQuery;
use crate::model::MeasureId;
use crate::Result;

/// What has been written to the ledger, as far as this connection can tell. Equal stamps mean
/// no row changed in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WriteStamp {
    /// Rows changed through this connection since it was opened.
    own: u64,
    /// `PRAGMA data_version`: moves when another connection commits.
    others: i64,
}

impl WriteStamp {
    pub(super) fn now(conn: &rusqlite::Connection) -> Result<WriteStamp> {
        let others = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        Ok(WriteStamp {
            own: conn.total_changes(),
            others,
        })
    }
}

/// A query's full order: the rows of every block, in order.
#[derive(Debug)]
pub(super) struct TableOrder {
    /// The query without its page; see [`MeasureQuery::order_key`].
    pub(super) key: MeasureQuery,
    /// Taken before the order was read: a write during the read makes it stale at once.
    pub(super) stamp: WriteStamp,
    pub(super) ids: Vec<MeasureId>,
    /// With `group_packages`: each row's depth (0–63, migration 5), parallel to `ids`; empty
    /// otherwise.
    pub(super) depths: Vec<u8>,
}

impl TableOrder {
    /// The ids (and depths) of the page `offset`, `limit` (0 = to the end); empty past the end.
    pub(super) fn block(&self, offset: u32, limit: u32) -> (&[MeasureId], &[u8]) {
        let len = self.ids.len();
        let start = (offset as usize).min(len);
        let end = if limit == 0 {
            len
        } else {
            start.saturating_add(limit as usize).min(len)
        };
        let depths = if self.depths.is_empty() {
            &[][..]
        } else {
            &self.depths[start..end]
        };
        (&self.ids[start..end], depths)
    }

    pub(super) fn total(&self) -> u32 {
        self.ids.len() as u32
    }
}

impl MeasureQuery {
    /// The query with the page left out and the reference day of "expiring within" made
    /// explicit (today's civil date when unset; irrelevant, so dropped, without "expiring
    /// within"). Two queries with equal keys have the same rows in the same order.
    pub(super) fn order_key(&self) -> MeasureQuery {
        let reference_date = self.expiring_within_days.map(|_| {
            self.reference_date
                .unwrap_or_else(|| chrono::Local::now().date_naive())
        });
        MeasureQuery {
            reference_date,
            offset: 0,
            limit: 0,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(n: i64, grouped: bool) -> TableOrder {
        TableOrder {
            key: MeasureQuery::default(),
            stamp: WriteStamp { own: 0, others: 0 },
            ids: (1..=n).collect(),
            depths: if grouped {
                (0..n).map(|i| (i % 3) as u8).collect()
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn blocks_are_clipped_to_the_order_and_limit_zero_means_to_the_end() {
        let o = order(250, true);
        let cases: [(u32, u32, std::ops::Range<i64>); 6] = [
            (0, 100, 1..101),
            (100, 100, 101..201),
            (200, 100, 201..251),
            (250, 100, 251..251),
            (u32::MAX, u32::MAX, 251..251),
            (240, 0, 241..251),
        ];
        for (offset, limit, want) in cases {
            let (ids, depths) = o.block(offset, limit);
            assert_eq!(ids, want.clone().collect::<Vec<_>>(), "{offset}+{limit}");
            assert_eq!(depths.len(), ids.len(), "one depth per row when grouped");
        }
        let flat = order(10, false);
        let (ids, depths) = flat.block(5, 3);
        assert_eq!((ids, depths), (&[6, 7, 8][..], &[][..]), "flat: no depths");
    }

    #[test]
    fn the_key_ignores_the_page_and_fixes_the_reference_day() {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 4, 25);
        let q = MeasureQuery {
            expiring_within_days: Some(30),
            offset: 300,
            limit: 100,
            ..Default::default()
        };
        let key = q.order_key();
        assert_eq!((key.offset, key.limit), (0, 0));
        assert_eq!(key.reference_date, Some(chrono::Local::now().date_naive()));
        let fixed = MeasureQuery {
            reference_date: day,
            ..q.clone()
        };
        assert_eq!(fixed.order_key().reference_date, day);
        let other_span = MeasureQuery {
            expiring_within_days: Some(31),
            ..fixed.clone()
        };
        assert_ne!(fixed.order_key(), other_span.order_key());
        let without = MeasureQuery {
            reference_date: day,
            ..Default::default()
        };
        assert_eq!(
            without.order_key(),
            MeasureQuery::default().order_key(),
            "without \"expiring within\" the reference day changes nothing"
        );
    }

    /// The kept order is really what later blocks come from: reversed by hand, the next block
    /// follows it; after a write it is not served any more.
    #[test]
    fn later_blocks_come_from_the_kept_order_until_a_write() {
        use crate::model::MeasureInput;
        use crate::store::{MeasureSort, Store};
        let mut store = Store::open_in_memory().unwrap();
        let add = |store: &mut Store, title: &str| {
            store
                .create_measure(&MeasureInput {
                    title: title.into(),
                    ..Default::default()
                })
                .unwrap()
                .id
        };
        for t in ["a", "b", "c", "d", "e"] {
            add(&mut store, t);
        }
        let q = |offset| MeasureQuery {
            sort: MeasureSort::Title,
            group_packages: true,
            offset,
            limit: 2,
            ..Default::default()
        };
        let titles = |store: &Store, offset| -> Vec<String> {
            let page = store.query_measures(&q(offset)).unwrap();
            page.rows.into_iter().map(|m| m.title).collect()
        };
        assert_eq!(titles(&store, 0), ["a", "b"]);
        assert!(
            store.table_order.borrow().is_none(),
            "a grouped first block alone keeps no order"
        );
        assert_eq!(titles(&store, 2), ["c", "d"]);
        store
            .table_order
            .borrow_mut()
            .as_mut()
            .expect("the second block keeps the order")
            .ids
            .reverse();
        assert_eq!(titles(&store, 0), ["e", "d"], "served from the kept order");
        add(&mut store, "f");
        assert_eq!(
            titles(&store, 0),
            ["a", "b"],
            "a write drops the kept order"
        );
        assert_eq!(titles(&store, 4), ["e", "f"]);
    }

    #[test]
    fn a_flat_first_block_keeps_the_order_and_a_query_for_every_row_does_not() {
        use crate::model::MeasureInput;
        use crate::store::Store;
        let mut store = Store::open_in_memory().unwrap();
        store
            .create_measure(&MeasureInput {
                title: "a".into(),
                ..Default::default()
            })
            .unwrap();
        for (offset, rows) in [(0, 1), (1, 0)] {
            let every_row = MeasureQuery {
                offset,
                ..Default::default()
            };
            assert_eq!(store.query_measures(&every_row).unwrap().rows.len(), rows);
            assert!(
                store.table_order.borrow().is_none(),
                "limit 0 keeps nothing (offset {offset})"
            );
        }
        let block = MeasureQuery {
            limit: 100,
            ..Default::default()
        };
        assert_eq!(store.query_measures(&block).unwrap().total, 1);
        assert_eq!(
            store.table_order.borrow().as_ref().map(|o| o.ids.len()),
            Some(1),
            "a flat table block keeps its order"
        );
    }
}
