//! Integration tests: the grouped measures table places packages and their items nested at
//! any depth (store/measures.rs `grouped_order_sql`, kept by migration 5's triggers), after
//! every kind of write: create, move, undo / redo, delete and JSON import.

use std::collections::HashMap;

use chrono::NaiveDate;
use policy_ledger_core::export::json;
use policy_ledger_core::model::{Measure, MeasureId, MeasureInput, MeasureStatus};
use policy_ledger_core::store::{MeasureQuery, MeasureSort};
use policy_ledger_core::Store;

const SORTS: [MeasureSort; 8] = [
    MeasureSort::Id,
    MeasureSort::Title,
    MeasureSort::Issuer,
    MeasureSort::Category,
    MeasureSort::Status,
    MeasureSort::EffectiveFrom,
    MeasureSort::ExpiresOn,
    MeasureSort::UpdatedAt,
];

fn day(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

/// The ids of the fixture's measures by name.
struct Ids(HashMap<&'static str, MeasureId>);

impl Ids {
    fn of(&self, names: &[&str]) -> Vec<MeasureId> {
        names.iter().map(|n| self.0[n]).collect()
    }
}

/// Package P holds a chain five levels deep (P → A → B → C → D) with siblings at several
/// levels (P2 under P, A2 under A, B2 under B); package Q holds Q1; L stands alone. Measures
/// are created interleaved, so creation order is neither tree order nor sibling order, and
/// every sort key of an item differs from its package's (an item sorted by its own key would
/// leave its package).
fn ledger() -> (Store, Ids) {
    let mut store = Store::open_in_memory().unwrap();
    let mut ids: HashMap<&'static str, MeasureId> = HashMap::new();
    // name, parent, title, issuer, category, status, effective, expires
    #[allow(clippy::type_complexity)]
    let rows: [(
        &str,
        Option<&str>,
        &str,
        Option<&str>,
        Option<&str>,
        MeasureStatus,
        &str,
        &str,
    ); 11] = [
        (
            "P",
            None,
            "M 稳外贸十二条",
            Some("市商务局"),
            Some("外贸"),
            MeasureStatus::Confirmed,
            "2020-03-01",
            "2020-12-31",
        ),
        (
            "Q",
            None,
            "B 文旅纾困十条",
            None,
            Some("文旅"),
            MeasureStatus::Suggested,
            "2020-05-01",
            "2021-06-30",
        ),
        (
            "L",
            None,
            "T 单项措施",
            Some("市人社局"),
            None,
            MeasureStatus::Rejected,
            "2020-01-15",
            "2020-09-30",
        ),
        (
            "A",
            Some("P"),
            "Z 电价优惠",
            Some("市发改委"),
            Some("电价"),
            MeasureStatus::Suggested,
            "2019-01-01",
            "2022-01-01",
        ),
        (
            "Q1",
            Some("Q"),
            "A 门票半价",
            Some("市文旅局"),
            Some("门票"),
            MeasureStatus::Confirmed,
            "2018-06-01",
            "2019-12-31",
        ),
        (
            "B",
            Some("A"),
            "C 峰谷电价",
            Some("国网株洲"),
            Some("电网"),
            MeasureStatus::Rejected,
            "2018-01-01",
            "2023-01-01",
        ),
        (
            "P2",
            Some("P"),
            "A 通关便利",
            Some("海关"),
            Some("通关"),
            MeasureStatus::Suggested,
            "2021-01-01",
            "2021-02-01",
        ),
        (
            "C",
            Some("B"),
            "Y 尖峰电价",
            None,
            None,
            MeasureStatus::Confirmed,
            "2017-01-01",
            "2024-01-01",
        ),
        (
            "A2",
            Some("A"),
            "D 电费缓缴",
            Some("供电公司"),
            Some("缓缴"),
            MeasureStatus::Rejected,
            "2016-01-01",
            "2017-01-01",
        ),
        (
            "D",
            Some("C"),
            "X 尖峰时段",
            Some("物价局"),
            Some("时段"),
            MeasureStatus::Suggested,
            "2016-01-01",
            "2025-01-01",
        ),
        (
            "B2",
            Some("B"),
            "E 低谷电价",
            Some("电力公司"),
            Some("低谷"),
            MeasureStatus::Confirmed,
            "2015-01-01",
            "2016-01-01",
        ),
    ];
    for (name, parent, title, issuer, category, status, from, until) in rows {
        let m = store
            .create_measure(&MeasureInput {
                parent_id: parent.map(|p| ids[p]),
                title: title.into(),
                issuer: issuer.map(Into::into),
                category: category.map(Into::into),
                status,
                effective_from: day(from),
                expires_on: day(until),
                ..Default::default()
            })
            .unwrap();
        ids.insert(name, m.id);
    }
    (store, Ids(ids))
}

/// The whole grouped order of `sort`, direction `descending`: (id, depth) per row.
fn grouped(store: &Store, sort: MeasureSort, descending: bool) -> Vec<(MeasureId, u32)> {
    let page = store
        .query_measures(&MeasureQuery {
            group_packages: true,
            sort,
            descending,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.rows.len(), page.tree.len(), "one tree entry per row");
    assert_eq!(page.total as usize, page.rows.len());
    page.rows
        .iter()
        .map(|m| m.id)
        .zip(page.tree.iter().map(|t| t.depth))
        .collect()
}

/// The same order read the way the table scrolls: blocks of 3, the first computed alone and
/// the others sliced from the kept order.
fn grouped_in_blocks(store: &Store, sort: MeasureSort, descending: bool) -> Vec<(MeasureId, u32)> {
    let mut out = Vec::new();
    loop {
        let page = store
            .query_measures(&MeasureQuery {
                group_packages: true,
                sort,
                descending,
                offset: out.len() as u32,
                limit: 3,
                ..Default::default()
            })
            .unwrap();
        if page.rows.is_empty() {
            return out;
        }
        out.extend(
            page.rows
                .iter()
                .map(|m| m.id)
                .zip(page.tree.iter().map(|t| t.depth)),
        );
    }
}

/// Check that `order` lists every stored measure depth first: each row right after its
/// package's earlier rows (its parent on the path above it), at the depth of its number of
/// ancestors, siblings in id order, and the top-level rows in the order a flat table of the
/// same sort gives them.
fn assert_depth_first(
    store: &Store,
    order: &[(MeasureId, u32)],
    sort: MeasureSort,
    descending: bool,
) {
    let all: Vec<Measure> = store.all_measures().unwrap();
    assert_eq!(order.len(), all.len(), "every measure listed once");
    let parent: HashMap<MeasureId, Option<MeasureId>> =
        all.iter().map(|m| (m.id, m.parent_id)).collect();
    let ancestors = |mut id: MeasureId| {
        let mut n = 0;
        while let Some(p) = parent[&id] {
            n += 1;
            id = p;
        }
        n
    };
    let mut path: Vec<MeasureId> = Vec::new();
    let mut last_child: HashMap<Option<MeasureId>, MeasureId> = HashMap::new();
    for &(id, depth) in order {
        assert_eq!(
            depth,
            ancestors(id),
            "depth of {id} ({sort:?}, desc {descending})"
        );
        let p = parent[&id];
        while path.last().copied() != p && !path.is_empty() {
            path.pop();
        }
        assert_eq!(
            path.last().copied(),
            p,
            "{id} comes right after its package's rows ({sort:?}, desc {descending}): {order:?}"
        );
        if p.is_some() {
            if let Some(&prev) = last_child.get(&p) {
                assert!(prev < id, "siblings {prev}, {id} in id order ({sort:?})");
            }
            last_child.insert(p, id);
        }
        path.push(id);
    }
    let flat: Vec<MeasureId> = store
        .query_measures(&MeasureQuery {
            sort,
            descending,
            ..Default::default()
        })
        .unwrap()
        .rows
        .iter()
        .filter(|m| m.parent_id.is_none())
        .map(|m| m.id)
        .collect();
    let tops: Vec<MeasureId> = order.iter().filter(|r| r.1 == 0).map(|r| r.0).collect();
    assert_eq!(
        tops, flat,
        "packages in the flat order of {sort:?}, desc {descending}"
    );
}

fn assert_every_order_depth_first(store: &Store) {
    for sort in SORTS {
        for descending in [false, true] {
            let whole = grouped(store, sort, descending);
            assert_depth_first(store, &whole, sort, descending);
            assert_eq!(
                grouped_in_blocks(store, sort, descending),
                whole,
                "blocks of the kept order give the same rows ({sort:?}, desc {descending})"
            );
        }
    }
}

fn with_depths(ids: &Ids, rows: &[(&str, u32)]) -> Vec<(MeasureId, u32)> {
    rows.iter().map(|&(n, d)| (ids.0[n], d)).collect()
}

fn move_under(
    store: &mut Store,
    id: MeasureId,
    parent: Option<MeasureId>,
) -> policy_ledger_core::Result<Measure> {
    let mut input = MeasureInput::from_measure(&store.get_measure(id).unwrap());
    input.parent_id = parent;
    store.update_measure(id, &input)
}

#[test]
fn a_five_level_chain_is_listed_depth_first_at_its_depths_for_every_sort_and_direction() {
    let (store, ids) = ledger();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        with_depths(
            &ids,
            &[
                ("P", 0),
                ("A", 1),
                ("B", 2),
                ("C", 3),
                ("D", 4),
                ("B2", 3),
                ("A2", 2),
                ("P2", 1),
                ("Q", 0),
                ("Q1", 1),
                ("L", 0),
            ]
        )
    );
    assert_every_order_depth_first(&store);
}

#[test]
fn moving_a_subtree_takes_its_items_along_and_undo_redo_put_it_back() {
    let (mut store, ids) = ledger();
    let before = grouped(&store, MeasureSort::Id, false);
    // B (with C, D and B2 below it) moves from package P to item Q1 of package Q.
    move_under(&mut store, ids.0["B"], Some(ids.0["Q1"])).unwrap();
    let moved = grouped(&store, MeasureSort::Id, false);
    assert_eq!(
        moved,
        with_depths(
            &ids,
            &[
                ("P", 0),
                ("A", 1),
                ("A2", 2),
                ("P2", 1),
                ("Q", 0),
                ("Q1", 1),
                ("B", 2),
                ("C", 3),
                ("D", 4),
                ("B2", 3),
                ("L", 0),
            ]
        )
    );
    assert_every_order_depth_first(&store);
    store.undo().unwrap();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        before,
        "undo of the move"
    );
    assert_every_order_depth_first(&store);
    store.redo().unwrap();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        moved,
        "redo of the move"
    );
    // Out of every package: C becomes a package of its own, D its item.
    move_under(&mut store, ids.0["C"], None).unwrap();
    let out = grouped(&store, MeasureSort::Id, false);
    let at = out.iter().position(|r| r.0 == ids.0["C"]).unwrap();
    assert_eq!(
        out[at..at + 2],
        with_depths(&ids, &[("C", 0), ("D", 1)])[..]
    );
    assert_every_order_depth_first(&store);
}

#[test]
fn a_package_cannot_move_under_its_own_items_at_any_depth() {
    let (mut store, ids) = ledger();
    let before = grouped(&store, MeasureSort::Id, false);
    for item in ["A", "C", "D"] {
        let err = move_under(&mut store, ids.0["P"], Some(ids.0[item])).unwrap_err();
        assert_eq!(err.code(), "invalid", "P under its item {item}");
    }
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        before,
        "nothing moved"
    );
}

#[test]
fn deleting_an_item_with_items_and_undoing_it_keep_the_order() {
    let (mut store, ids) = ledger();
    let before = grouped(&store, MeasureSort::Id, false);
    let gone = store.delete_measure(ids.0["C"]).unwrap();
    assert_eq!(gone.len(), 2, "C and its item D");
    let after = grouped(&store, MeasureSort::Id, false);
    let without: Vec<(MeasureId, u32)> = before
        .iter()
        .copied()
        .filter(|r| !ids.of(&["C", "D"]).contains(&r.0))
        .collect();
    assert_eq!(after, without);
    assert_every_order_depth_first(&store);
    store.undo().unwrap();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        before,
        "undo of the delete"
    );
    store.redo().unwrap();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false),
        without,
        "redo of the delete"
    );
}

#[test]
fn json_import_rebuilds_the_tree_whatever_order_packages_and_items_come_in() {
    let (mut store, ids) = ledger();
    // L (created early, so a low id) becomes an item of D, the deepest item: the document
    // then holds an item before its package even in id order.
    move_under(&mut store, ids.0["L"], Some(ids.0["D"])).unwrap();
    let doc = json::document(&store).unwrap();
    let mut reversed = doc.clone();
    reversed.measures.reverse();
    for (label, doc) in [("id order", doc), ("items first", reversed)] {
        let mut copy = Store::open_in_memory().unwrap();
        copy.import_document(&doc).unwrap();
        for sort in SORTS {
            for descending in [false, true] {
                assert_eq!(
                    grouped(&copy, sort, descending),
                    grouped(&store, sort, descending),
                    "{label}: {sort:?}, desc {descending}"
                );
            }
        }
        assert_every_order_depth_first(&copy);
    }
}

#[test]
fn packages_nest_at_most_64_levels_on_create_move_and_json_import() {
    let mut store = Store::open_in_memory().unwrap();
    let item = |parent: Option<MeasureId>, n: usize| MeasureInput {
        parent_id: parent,
        title: format!("level {n}"),
        ..Default::default()
    };
    let mut chain: Vec<MeasureId> = Vec::new();
    for n in 0..64 {
        chain.push(
            store
                .create_measure(&item(chain.last().copied(), n))
                .unwrap()
                .id,
        );
    }
    let deepest = *chain.last().unwrap();
    assert_eq!(
        grouped(&store, MeasureSort::Id, false).last(),
        Some(&(deepest, 63))
    );
    let err = store.create_measure(&item(Some(deepest), 64)).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("64 levels"), "{err}");
    // A package with one item moved under level 63: its item would be level 65.
    let package = store.create_measure(&item(None, 0)).unwrap().id;
    store.create_measure(&item(Some(package), 1)).unwrap();
    let err = move_under(&mut store, package, Some(chain[62])).unwrap_err();
    assert!(err.to_string().contains("64 levels"), "{err}");
    move_under(&mut store, package, Some(chain[61])).unwrap();
    assert_every_order_depth_first(&store);
    // A document deeper than that is refused whole, whichever order its measures come in.
    let mut doc = json::document(&store).unwrap();
    let mut beyond = doc
        .measures
        .iter()
        .find(|m| m.id == deepest)
        .unwrap()
        .clone();
    beyond.id = 10_000;
    beyond.uid = "00000000-0000-4000-8000-000000010000".into();
    beyond.parent_id = Some(deepest);
    doc.measures.push(beyond);
    for reversed in [false, true] {
        let mut doc = doc.clone();
        if reversed {
            doc.measures.reverse();
        }
        let mut copy = Store::open_in_memory().unwrap();
        let err = copy.import_document(&doc).unwrap_err();
        assert!(err.to_string().contains("64 levels"), "{err}");
        assert!(copy.all_measures().unwrap().is_empty(), "nothing written");
    }
}

#[test]
fn new_measures_never_reuse_the_id_of_a_deleted_one() {
    // The store picks a new measure's id itself (its tree path holds it), as AUTOINCREMENT
    // would: exports and the change log refer to ids.
    let (mut store, ids) = ledger();
    let last = ids.0["B2"];
    store.delete_measure(last).unwrap();
    let new = store
        .create_measure(&MeasureInput {
            parent_id: Some(ids.0["D"]),
            title: "新条目".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(new.id, last + 1);
    store.undo().unwrap();
    store.undo().unwrap();
    let back = store.create_measure(&MeasureInput {
        title: "再建".into(),
        ..Default::default()
    });
    assert_eq!(
        back.unwrap().id,
        last + 2,
        "not the id of the undone creation"
    );
    assert_every_order_depth_first(&store);
}
