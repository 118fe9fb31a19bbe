//! Integration tests: blocks of the measures table served from the query's kept order equal
//! the same pages computed afresh, and no write (own or another program's) is ever answered
//! with a stale order.

use chrono::NaiveDate;
use policy_ledger_core::model::{MeasureId, MeasureInput, MeasureStatus};
use policy_ledger_core::store::{MeasurePage, MeasureQuery, MeasureSort, MeasureTree};
use policy_ledger_core::Store;

/// Rows per block in these tests (the app asks for 100; the ledger here is smaller).
const BLOCK: u32 = 50;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A measure whose sort keys repeat (so ties fall back to ids) and some of them unset.
fn input(k: u32, what: &str) -> MeasureInput {
    let issuers = [Some("株洲市"), Some("醴陵市"), None, Some("攸县")];
    let statuses = [
        MeasureStatus::Suggested,
        MeasureStatus::Confirmed,
        MeasureStatus::Suggested,
    ];
    let expires = (!k.is_multiple_of(5))
        .then(|| day("2020-05-01") + chrono::Days::new(u64::from(k * 13 % 400)));
    MeasureInput {
        title: format!(
            "{what}{}补贴{:02}",
            ["稳", "促", "惠"][k as usize % 3],
            k * 37 % 40
        ),
        issuer: issuers[k as usize % 4].map(str::to_owned),
        category: Some(["外贸", "文旅", "能源"][k as usize % 3].to_owned()),
        effective_from: (!k.is_multiple_of(7)).then(|| day("2020-04-01")),
        expires_on: expires,
        status: statuses[k as usize % 3],
        ..Default::default()
    }
}

/// About 330 measures: packages of 0–3 items, some items with items of their own.
fn ledger(store: &mut Store) -> Vec<MeasureId> {
    let trees: Vec<MeasureTree> = (0..120)
        .map(|k| MeasureTree {
            measure: input(k, "政策包"),
            children: (0..k % 4).map(|i| input(k * 3 + i, "条目")).collect(),
        })
        .collect();
    let created = store.create_measure_trees("seed", &trees).unwrap();
    let items: Vec<&policy_ledger_core::model::Measure> =
        created.iter().filter(|m| m.parent_id.is_some()).collect();
    for (n, item) in items.iter().step_by(6).enumerate() {
        store
            .create_measure(&MeasureInput {
                parent_id: Some(item.id),
                ..input(n as u32 * 11, "细则")
            })
            .unwrap();
    }
    created
        .iter()
        .filter(|m| m.parent_id.is_none())
        .map(|m| m.id)
        .collect()
}

/// Queries of the table: grouped and flat, several sorts both ways, filters, collapsed packages.
fn queries(packages: &[MeasureId]) -> Vec<MeasureQuery> {
    let mut out = Vec::new();
    let filters = [
        MeasureQuery::default(),
        MeasureQuery {
            statuses: vec![MeasureStatus::Suggested],
            ..Default::default()
        },
        MeasureQuery {
            text: Some("促补贴".into()),
            in_force_on: Some(day("2020-06-01")),
            ..Default::default()
        },
        MeasureQuery {
            expiring_within_days: Some(120),
            reference_date: Some(day("2020-06-01")),
            issuer: Some("株洲市".into()),
            ..Default::default()
        },
        MeasureQuery {
            collapsed: packages.iter().copied().step_by(3).collect(),
            ..Default::default()
        },
    ];
    let sorts = [
        MeasureSort::Id,
        MeasureSort::Title,
        MeasureSort::ExpiresOn,
        MeasureSort::Issuer,
        MeasureSort::Status,
    ];
    for (i, f) in filters.iter().enumerate() {
        for (j, sort) in sorts.iter().enumerate() {
            for group_packages in [true, false] {
                out.push(MeasureQuery {
                    sort: *sort,
                    descending: (i + j) % 2 == 1,
                    group_packages,
                    ..f.clone()
                });
            }
        }
    }
    out
}

/// The page through the kept order and afresh, which must agree; returns it.
fn page(store: &Store, q: &MeasureQuery, offset: u32, limit: u32) -> MeasurePage {
    let q = MeasureQuery {
        offset,
        limit,
        ..q.clone()
    };
    let served = store.query_measures(&q).unwrap();
    let fresh = store.query_measures_uncached(&q).unwrap();
    assert_eq!(
        served, fresh,
        "offset {offset}, limit {limit} of {q:?}: the kept order must give the page computed afresh"
    );
    served
}

fn ids(p: &MeasurePage) -> Vec<MeasureId> {
    p.rows.iter().map(|m| m.id).collect()
}

/// Scroll as the table does: the first block, then the next (which keeps the order).
fn scroll(store: &Store, q: &MeasureQuery) -> MeasurePage {
    page(store, q, 0, BLOCK);
    page(store, q, BLOCK, BLOCK)
}

#[test]
fn blocks_at_every_offset_equal_the_pages_computed_afresh() {
    let mut store = Store::open_in_memory().unwrap();
    let packages = ledger(&mut store);
    let mut deep = 0;
    for q in queries(&packages) {
        let total = store.query_measures_uncached(&q).unwrap().total;
        // As the table asks: from the top, in order; then jumps back and forth, the last rows,
        // past the end, a block of nothing, everything from an offset, and the whole table.
        let mut offsets: Vec<(u32, u32)> =
            (0..=total / BLOCK).map(|b| (b * BLOCK, BLOCK)).collect();
        offsets.extend([
            (0, BLOCK),
            (total / 2, BLOCK),
            (total.saturating_sub(1), BLOCK),
            (total, BLOCK),
            (total + 7, BLOCK),
            (3, 0),
            (total / 3, 7),
            (0, 0),
        ]);
        for (offset, limit) in offsets {
            let p = page(&store, &q, offset, limit);
            assert_eq!(p.total, total, "{q:?}");
            if offset > BLOCK {
                deep += usize::from(!p.rows.is_empty());
            }
        }
    }
    assert!(deep > 100, "the queries must reach deep blocks ({deep})");
}

#[test]
fn an_edit_that_moves_a_row_is_seen_by_the_next_block() {
    for group_packages in [true, false] {
        let mut store = Store::open_in_memory().unwrap();
        ledger(&mut store);
        let q = MeasureQuery {
            sort: MeasureSort::Title,
            group_packages,
            ..Default::default()
        };
        let before = scroll(&store, &q);
        // The block's last package moves to the very top of the table (by bytes, 一 sorts
        // before every other title here).
        let moved = before
            .rows
            .iter()
            .rev()
            .find(|m| m.parent_id.is_none())
            .unwrap()
            .clone();
        let mut edit = MeasureInput::from_measure(&moved);
        edit.title = "一 移到最前".into();
        store.update_measure(moved.id, &edit).unwrap();
        let after = page(&store, &q, BLOCK, BLOCK);
        assert_ne!(
            ids(&after),
            ids(&before),
            "grouped {group_packages}: rows shift down"
        );
        assert_eq!(page(&store, &q, 0, 1).rows[0].id, moved.id);
    }
}

#[test]
fn a_new_measure_and_a_deleted_package_are_seen_by_the_next_block() {
    for group_packages in [true, false] {
        let mut store = Store::open_in_memory().unwrap();
        ledger(&mut store);
        let q = MeasureQuery {
            sort: MeasureSort::ExpiresOn,
            descending: true,
            group_packages,
            ..Default::default()
        };
        let before = scroll(&store, &q);
        // Descending: no expiry sorts first, so the new measure leads the table.
        let new = store.create_measure(&input(1000, "新增")).unwrap();
        let grown = page(&store, &q, BLOCK, BLOCK);
        assert_eq!(grown.total, before.total + 1, "grouped {group_packages}");
        assert_ne!(ids(&grown), ids(&before));
        // A package of the block, deleted with its items.
        let package = before
            .rows
            .iter()
            .find(|m| m.parent_id.is_none() && m.id != new.id)
            .unwrap()
            .id;
        let deleted = store.delete_measure(package).unwrap();
        let shrunk = page(&store, &q, BLOCK, BLOCK);
        assert_eq!(shrunk.total, grown.total - deleted.len() as u32);
        assert!(!ids(&shrunk).contains(&package));
    }
}

#[test]
fn undo_and_redo_are_seen_by_the_next_block() {
    for group_packages in [true, false] {
        let mut store = Store::open_in_memory().unwrap();
        ledger(&mut store);
        let q = MeasureQuery {
            sort: MeasureSort::Issuer,
            group_packages,
            ..Default::default()
        };
        let original = scroll(&store, &q);
        let m = original
            .rows
            .iter()
            .find(|m| m.parent_id.is_none())
            .unwrap()
            .clone();
        let mut edit = MeasureInput::from_measure(&m);
        edit.issuer = Some("一 最先的发文机关".into());
        store.update_measure(m.id, &edit).unwrap();
        let edited = page(&store, &q, BLOCK, BLOCK);
        assert_ne!(ids(&edited), ids(&original), "grouped {group_packages}");
        store.undo().unwrap();
        let undone = page(&store, &q, BLOCK, BLOCK);
        assert_eq!(ids(&undone), ids(&original), "undo puts the rows back");
        store.redo().unwrap();
        let redone = page(&store, &q, BLOCK, BLOCK);
        assert_eq!(ids(&redone), ids(&edited), "redo moves them again");
    }
}

#[test]
fn a_bulk_status_change_under_a_status_filter_is_seen_by_the_next_block() {
    for group_packages in [true, false] {
        let mut store = Store::open_in_memory().unwrap();
        ledger(&mut store);
        let q = MeasureQuery {
            statuses: vec![MeasureStatus::Suggested],
            sort: MeasureSort::Title,
            group_packages,
            ..Default::default()
        };
        let before = scroll(&store, &q);
        let accepted: Vec<MeasureId> = page(&store, &q, 0, BLOCK)
            .rows
            .iter()
            .map(|m| m.id)
            .collect();
        store
            .set_status(&accepted, MeasureStatus::Confirmed)
            .unwrap();
        let after = page(&store, &q, BLOCK, BLOCK);
        assert_eq!(
            after.total,
            before.total - accepted.len() as u32,
            "grouped {group_packages}"
        );
        let first = page(&store, &q, 0, BLOCK);
        assert!(
            ids(&first).iter().all(|id| !accepted.contains(id)),
            "accepted measures leave the suggested list"
        );
    }
}

#[test]
fn a_write_by_another_connection_is_seen_by_the_next_block() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.sqlite3");
    let mut app = Store::open(&path).unwrap();
    ledger(&mut app);
    let mut cli = Store::open(&path).unwrap();
    for group_packages in [true, false] {
        let q = MeasureQuery {
            sort: MeasureSort::Title,
            group_packages,
            ..Default::default()
        };
        let before = scroll(&app, &q);
        // The other program moves a package of the block to the top and adds a measure.
        let m = before
            .rows
            .iter()
            .rev()
            .find(|m| m.parent_id.is_none())
            .unwrap()
            .clone();
        let mut edit = MeasureInput::from_measure(&m);
        edit.title = format!("一 {group_packages}");
        cli.update_measure(m.id, &edit).unwrap();
        cli.create_measure(&input(7, "另一程序")).unwrap();
        let after = page(&app, &q, BLOCK, BLOCK);
        assert_eq!(after.total, before.total + 1, "grouped {group_packages}");
        assert_ne!(ids(&after), ids(&before));
        assert_eq!(page(&app, &q, 0, 1).rows[0].id, m.id);
    }
}

#[test]
fn an_imported_ledger_is_seen_by_the_next_block() {
    let mut source = Store::open_in_memory().unwrap();
    ledger(&mut source);
    let doc = policy_ledger_core::export::json::document(&source).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let queries = [true, false].map(|group_packages| MeasureQuery {
        sort: MeasureSort::ExpiresOn,
        group_packages,
        ..Default::default()
    });
    for q in &queries {
        assert_eq!(scroll(&store, q).total, 0, "an empty ledger first");
    }
    store.import_document(&doc).unwrap();
    for q in &queries {
        let after = page(&store, q, BLOCK, BLOCK);
        assert_eq!(after.total as usize, doc.measures.len());
        assert_eq!(after.rows.len(), BLOCK as usize);
    }
}
