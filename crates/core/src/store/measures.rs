//! Measures, their source spans, and the change log that undo / redo walk.
//!
//! Every change to a measure is recorded as a before/after snapshot under an action. Undo
//! restores the "before" snapshots of the newest action that is not undone; redo re-applies
//! the "after" snapshots of the oldest undone action. A new action clears the redo stack.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::issues::{json_col, to_json};
use super::table_order::{TableOrder, WriteStamp};
use super::{now_rfc3339, text_index, Store};
use crate::model::{
    Bound, DatePrecision, Measure, MeasureId, MeasureInput, MeasureStatus, MeasureValue, SourceSpan,
};
use crate::{Error, Result};

const MEASURE_COLUMNS: &str = "id, uid, parent_id, title, issuer, jurisdiction, category, beneficiaries, value,
    effective_from, effective_precision, effective_inferred, expires_on, expires_precision, expires_inferred,
    status, notes, suggestion_key, revision, created_at, updated_at";

fn measure_from_row(r: &Row<'_>) -> rusqlite::Result<Measure> {
    let value = match r.get_ref(8)? {
        ValueRef::Null => None,
        ValueRef::Text(b) => stored_value(b),
        _ => None,
    };
    let value = match value {
        Some(v) => Some(v),
        None => {
            let value: Option<String> = r.get(8)?;
            value
                .map(|v| serde_json::from_str(&v))
                .transpose()
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        8,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?
        }
    };
    let precision = |i: usize| -> rusqlite::Result<Option<DatePrecision>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| DatePrecision::parse(&s)))
    };
    let status: String = r.get(15)?;
    Ok(Measure {
        id: r.get(0)?,
        uid: r.get(1)?,
        parent_id: r.get(2)?,
        title: r.get(3)?,
        issuer: r.get(4)?,
        jurisdiction: r.get(5)?,
        category: r.get(6)?,
        beneficiaries: json_col(r, 7)?,
        value,
        effective_from: date_col(r, 9)?,
        effective_precision: precision(10)?,
        effective_inferred: r.get(11)?,
        expires_on: date_col(r, 12)?,
        expires_precision: precision(13)?,
        expires_inferred: r.get(14)?,
        status: MeasureStatus::parse(&status).unwrap_or(MeasureStatus::Suggested),
        notes: r.get(16)?,
        suggestion_key: r.get(17)?,
        revision: r.get(18)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
        sources: vec![],
    })
}

/// A `YYYY-MM-DD` column, read by hand in the form the store writes: rusqlite reads dates
/// with chrono's `%F` pattern parser, which cost more than the rest of the row when loading
/// every measure for an export (docs/performance.md, session 2). Anything else goes through
/// rusqlite as before, so what is accepted and every error stay the same.
fn date_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    if let ValueRef::Text(b) = r.get_ref(i)? {
        if let Some(d) = iso_date(b) {
            return Ok(Some(d));
        }
    }
    r.get(i)
}

/// `2020-04-25` → the date; `None` for anything not exactly ten characters `dddd-dd-dd` of
/// an existing day (the caller then asks chrono).
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
}

/// A stored `value` read without serde's internally tagged enum, which first copies the JSON
/// object into a generic tree and then reads the variant from it (a third of the cost of
/// loading a measure). `None` when the text is not the shape `to_json` writes, or any field
/// is missing or of the wrong type; the caller then parses it with `MeasureValue`'s own
/// `Deserialize`, so the result (or the error) is exactly as before.
fn stored_value(b: &[u8]) -> Option<MeasureValue> {
    /// Every field of every variant. Required fields are `Option` here and checked below;
    /// `bound` keeps the variants' `#[serde(default)]` (missing → exact, null → error).
    #[derive(Deserialize)]
    struct Flat<'a> {
        #[serde(borrow)]
        kind: std::borrow::Cow<'a, str>,
        amount: Option<Decimal>,
        currency: Option<String>,
        #[serde(default)]
        bound: Bound,
        unit: Option<String>,
        percent: Option<Decimal>,
        points: Option<Decimal>,
        factor: Option<Decimal>,
        text: Option<String>,
    }
    let f: Flat<'_> = serde_json::from_slice(b).ok()?;
    Some(match f.kind.as_ref() {
        "amount" => MeasureValue::Amount {
            amount: f.amount?,
            currency: f.currency?,
            bound: f.bound,
        },
        "unit_price" => MeasureValue::UnitPrice {
            amount: f.amount?,
            currency: f.currency?,
            unit: f.unit,
        },
        "percentage" => MeasureValue::Percentage {
            percent: f.percent?,
            bound: f.bound,
        },
        "rate" => MeasureValue::Rate {
            percent: f.percent?,
            bound: f.bound,
        },
        "percent_change" => MeasureValue::PercentChange {
            percent: f.percent?,
            bound: f.bound,
        },
        "percentage_points" => MeasureValue::PercentagePoints {
            points: f.points?,
            bound: f.bound,
        },
        "change_per_unit" => MeasureValue::ChangePerUnit {
            amount: f.amount?,
            currency: f.currency?,
            unit: f.unit?,
        },
        "multiple" => MeasureValue::Multiple {
            factor: f.factor?,
            bound: f.bound,
        },
        "text" => MeasureValue::Text { text: f.text? },
        _ => return None,
    })
}

/// Filters, sort and page for the measures table. Everything is done in SQL, so a page of
/// 200 rows costs the same with 100 or 100,000 measures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureQuery {
    #[serde(default)]
    pub statuses: Vec<MeasureStatus>,
    pub issuer: Option<String>,
    pub category: Option<String>,
    /// Substring of title, issuer, notes or quoted source text.
    pub text: Option<String>,
    /// Only measures in force on this day (unknown bounds count as open).
    pub in_force_on: Option<NaiveDate>,
    /// Only measures expiring between `expiring_from` and `expiring_until`, inclusive.
    pub expiring_from: Option<NaiveDate>,
    pub expiring_until: Option<NaiveDate>,
    pub issue_id: Option<i64>,
    pub parent_id: Option<MeasureId>,
    /// Only measures expiring between `reference_date` and `N` days after it, inclusive
    /// (already expired ones excluded). Combines with `expiring_from` / `expiring_until`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub expiring_within_days: Option<u32>,
    /// The day "expiring within" counts from; today's civil date (local clock) when unset.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reference_date: Option<NaiveDate>,
    /// Packages grouped with their items: rows are ordered by their package's sort key, the
    /// package first, then its items (depth first, in id order); [`MeasurePage::tree`] gives
    /// each row's depth and item count. Filters still apply to every row.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub group_packages: bool,
    /// Packages whose items (at every depth) are left out: the table's collapsed packages.
    #[serde(default)]
    #[ts(as = "Option<Vec<MeasureId>>", optional)]
    pub collapsed: Vec<MeasureId>,
    #[serde(default)]
    pub sort: MeasureSort,
    #[serde(default)]
    pub descending: bool,
    #[serde(default)]
    pub offset: u32,
    /// Page size; 0 means no limit.
    #[serde(default)]
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureSort {
    #[default]
    Id,
    Title,
    Issuer,
    Category,
    Status,
    EffectiveFrom,
    ExpiresOn,
    UpdatedAt,
}

impl MeasureSort {
    fn column(self) -> &'static str {
        match self {
            MeasureSort::Id => "m.id",
            MeasureSort::Title => "m.title",
            MeasureSort::Issuer => "m.issuer",
            MeasureSort::Category => "m.category",
            MeasureSort::Status => "m.status",
            MeasureSort::EffectiveFrom => "m.effective_from",
            MeasureSort::ExpiresOn => "m.expires_on",
            MeasureSort::UpdatedAt => "m.updated_at",
        }
    }

    /// The same column of the row's package (`r`, the row itself for a top-level measure).
    fn root_column(self) -> String {
        format!("r.{}", &self.column()[2..])
    }
}

/// Where a row of a grouped page sits in its package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TreeRow {
    /// 0 for a measure outside any package or a package itself, 1 for its items, ...
    pub depth: u32,
    /// How many items the measure has (stored, whatever the filters): > 0 makes it a package.
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasurePage {
    /// Rows matching the filters, before paging.
    pub total: u32,
    pub rows: Vec<Measure>,
    /// With `group_packages`: one entry per row, in the same order; empty otherwise.
    #[serde(default)]
    #[ts(as = "Option<Vec<TreeRow>>", optional)]
    pub tree: Vec<TreeRow>,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoReport {
    /// The action's label as stored in the change log (English, for logs and the CLI).
    pub label: String,
    /// The same action in parts, so an interface can say it in its own language.
    #[serde(default)]
    pub action: ActionSummary,
    pub measures: Vec<MeasureId>,
}

/// An action of the change log in parts: what kind of change, on which measure (its title at
/// the time) or how many.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionSummary {
    pub kind: ActionKind,
    /// The title of the measure created, edited or deleted.
    pub subject: Option<String>,
    /// How many measures a status change or a suggestion run touched.
    pub count: Option<u32>,
    /// The status a bulk change set.
    pub status: Option<MeasureStatus>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    Create,
    Edit,
    Delete,
    SetStatus,
    Suggest,
    #[default]
    Other,
}

impl ActionSummary {
    /// Read a label this module wrote (`create “…”`, `edit “…”`, `delete “…”`,
    /// `mark N measure(s) STATUS`, `suggest measures for …`). Labels are written only here,
    /// so the parts can be recovered from them, old ledgers included; anything else is
    /// `Other` and the interface shows the label as stored.
    pub fn from_label(label: &str) -> ActionSummary {
        let quoted = |rest: &str| {
            rest.strip_prefix('“')
                .and_then(|r| r.strip_suffix('”'))
                .map(str::to_owned)
        };
        let titled = |kind: ActionKind, rest: &str| {
            quoted(rest).map(|subject| ActionSummary {
                kind,
                subject: Some(subject),
                ..ActionSummary::default()
            })
        };
        let parsed = if let Some(rest) = label.strip_prefix("create ") {
            titled(ActionKind::Create, rest)
        } else if let Some(rest) = label.strip_prefix("edit ") {
            titled(ActionKind::Edit, rest)
        } else if let Some(rest) = label.strip_prefix("delete ") {
            titled(ActionKind::Delete, rest)
        } else if let Some(rest) = label.strip_prefix("mark ") {
            rest.split_once(" measure(s) ").and_then(|(n, status)| {
                Some(ActionSummary {
                    kind: ActionKind::SetStatus,
                    count: Some(n.parse().ok()?),
                    status: Some(MeasureStatus::parse(status).ok()?),
                    ..ActionSummary::default()
                })
            })
        } else if label.starts_with("suggest measures for ") {
            Some(ActionSummary {
                kind: ActionKind::Suggest,
                ..ActionSummary::default()
            })
        } else {
            None
        };
        parsed.unwrap_or_default()
    }
}

/// A measure and its items, created together (a package and its children).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeasureTree {
    pub measure: MeasureInput,
    pub children: Vec<MeasureInput>,
}

impl Store {
    pub fn get_measure(&self, id: MeasureId) -> Result<Measure> {
        get_measure(&self.conn, id)?.ok_or_else(|| not_found(id))
    }

    /// Create one measure (one action, undoable).
    pub fn create_measure(&mut self, input: &MeasureInput) -> Result<Measure> {
        input.validate()?;
        let tx = self.write()?;
        let action = begin_action(&tx, &format!("create “{}”", input.title))?;
        let m = insert_new(&tx, input, None)?;
        text_index::index(&tx, &m)?;
        record(&tx, action, m.id, None, Some(&m))?;
        tx.commit()?;
        Ok(m)
    }

    /// Create packages with their items in one action. Inputs whose `suggestion_key` is
    /// already stored are skipped (with their children), so re-running the suggester never
    /// duplicates a suggestion or touches what the analyst did with it. Returns the new measures.
    pub fn create_measure_trees(
        &mut self,
        label: &str,
        trees: &[MeasureTree],
    ) -> Result<Vec<Measure>> {
        for t in trees {
            t.measure.validate()?;
            for c in &t.children {
                c.validate()?;
            }
        }
        let tx = self.write()?;
        let mut action = None;
        let mut created = Vec::new();
        for t in trees {
            if key_exists(&tx, t.measure.suggestion_key.as_deref())? {
                continue;
            }
            let action = match action {
                Some(a) => a,
                None => *action.insert(begin_action(&tx, label)?),
            };
            let parent = insert_new(&tx, &t.measure, None)?;
            record(&tx, action, parent.id, None, Some(&parent))?;
            let parent_id = parent.id;
            created.push(parent);
            for c in &t.children {
                if key_exists(&tx, c.suggestion_key.as_deref())? {
                    continue;
                }
                let child = insert_new(&tx, c, Some(parent_id))?;
                record(&tx, action, child.id, None, Some(&child))?;
                created.push(child);
            }
        }
        // Indexed last, in one go: every statement that may need a statement journal (the
        // inserts into `sources`, whose trigger can abort) makes FTS5 flush what it holds in
        // memory into a new segment, so indexing measure by measure between those inserts
        // wrote one segment per measure and merged them again (a fifth of an import's
        // instructions; docs/performance.md, session 2).
        for m in &created {
            text_index::index(&tx, m)?;
        }
        tx.commit()?;
        Ok(created)
    }

    /// Replace a measure's editable fields (one action, undoable). Nothing is saved if any
    /// rule is broken.
    pub fn update_measure(&mut self, id: MeasureId, input: &MeasureInput) -> Result<Measure> {
        let tx = self.write()?;
        let after = update_in(&tx, id, input)?;
        tx.commit()?;
        Ok(after)
    }

    /// Set the status of many measures in one action (bulk accept / reject).
    pub fn set_status(&mut self, ids: &[MeasureId], status: MeasureStatus) -> Result<Vec<Measure>> {
        let tx = self.write()?;
        let action = begin_action(
            &tx,
            &format!("mark {} measure(s) {}", ids.len(), status.as_str()),
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let before = get_measure(&tx, id)?.ok_or_else(|| not_found(id))?;
            if before.status == status {
                out.push(before);
                continue;
            }
            let mut after = before.clone();
            after.status = status;
            after.revision += 1;
            after.updated_at = now_rfc3339();
            write_snapshot(&tx, &after)?;
            record(&tx, action, id, Some(&before), Some(&after))?;
            out.push(after);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Delete a measure and, if it is a package, its items (one action, undoable).
    pub fn delete_measure(&mut self, id: MeasureId) -> Result<Vec<MeasureId>> {
        let tx = self.write()?;
        let m = get_measure(&tx, id)?.ok_or_else(|| not_found(id))?;
        let action = begin_action(&tx, &format!("delete “{}”", m.title))?;
        // Children first, so undo (which walks changes backwards) restores the parent first.
        let mut order = descendants(&tx, id)?;
        order.reverse();
        order.push(id);
        for &mid in &order {
            let before = get_measure(&tx, mid)?.ok_or_else(|| not_found(mid))?;
            tx.execute("DELETE FROM measures WHERE id = ?1", [mid])?;
            text_index::unindex(&tx, mid)?;
            record(&tx, action, mid, Some(&before), None)?;
        }
        tx.commit()?;
        Ok(order)
    }

    /// Undo the newest action that is not undone.
    pub fn undo(&mut self) -> Result<UndoReport> {
        let tx = self.write()?;
        let (action, label): (i64, String) = tx
            .query_row(
                "SELECT id, label FROM actions WHERE undone = 0 ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NothingTo("undo"))?;
        let changes = load_changes(&tx, action, true)?;
        let mut touched = Vec::new();
        for (mid, before, _after) in changes {
            restore(&tx, mid, before)?;
            touched.push(mid);
        }
        tx.execute("UPDATE actions SET undone = 1 WHERE id = ?1", [action])?;
        tx.commit()?;
        Ok(UndoReport {
            action: ActionSummary::from_label(&label),
            label,
            measures: touched,
        })
    }

    /// Redo the action undone last.
    pub fn redo(&mut self) -> Result<UndoReport> {
        let tx = self.write()?;
        let (action, label): (i64, String) = tx
            .query_row(
                "SELECT id, label FROM actions WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NothingTo("redo"))?;
        let changes = load_changes(&tx, action, false)?;
        let mut touched = Vec::new();
        for (mid, _before, after) in changes {
            restore(&tx, mid, after)?;
            touched.push(mid);
        }
        tx.execute("UPDATE actions SET undone = 0 WHERE id = ?1", [action])?;
        tx.commit()?;
        Ok(UndoReport {
            action: ActionSummary::from_label(&label),
            label,
            measures: touched,
        })
    }

    /// A page of measures for the table.
    ///
    /// The table scrolls through one query block by block. The query's whole order (ids, and
    /// depths when grouped) is kept (table_order.rs) and every further block of the same query
    /// is a slice of it, read by id, until anything is written to the ledger. It is recorded
    /// by the first block of a flat query and by the second block of a grouped one (whose
    /// first block, computed alone as [`Self::query_measures_uncached`] does, costs less than
    /// the whole order). The answer is the same either way.
    pub fn query_measures(&self, q: &MeasureQuery) -> Result<MeasurePage> {
        let key = q.order_key();
        let stamp = WriteStamp::now(&self.conn)?;
        {
            let kept = self.table_order.borrow();
            if let Some(order) = kept.as_ref().filter(|o| o.stamp == stamp && o.key == key) {
                if let Some(page) = self.block_of(order, q.offset, q.limit)? {
                    return Ok(page);
                }
            }
        }
        let resolved = MeasureQuery {
            offset: q.offset,
            limit: q.limit,
            ..key.clone()
        };
        // Grouped, the whole order costs more than the first block (a full sort of the joined
        // rows against a top-N one): it is kept only from the second block on. Flat, it costs
        // less than the first block computed alone (whose `count(*) OVER ()` materialises
        // every match), so a table's first flat block keeps it at once. A query for every row
        // (limit 0, e.g. the reader's list) is not a table block and keeps nothing.
        if q.limit == 0 || (q.offset == 0 && q.group_packages) {
            return self.query_measures_uncached(&resolved);
        }
        let order = self.table_order_of(key, stamp)?;
        let page = self.block_of(&order, q.offset, q.limit)?;
        *self.table_order.borrow_mut() = page.is_some().then_some(order);
        match page {
            Some(page) => Ok(page),
            // Rows of the order vanished while it was read: another program wrote meanwhile.
            None => self.query_measures_uncached(&resolved),
        }
    }

    /// The same page as [`Self::query_measures`], always computed from scratch: filtered,
    /// sorted and paged in SQL, without the kept order (tests and benchmarks compare the two).
    pub fn query_measures_uncached(&self, q: &MeasureQuery) -> Result<MeasurePage> {
        let f = TableFilter::of(q);
        let (with, from, where_sql, args) = (&f.with, f.from, &f.where_sql, &f.args);
        let limit = if q.limit == 0 { -1 } else { q.limit as i64 };
        if q.group_packages {
            // Cached: scrolling the table asks for page after page with the same filters.
            let total: u32 = self
                .conn
                .prepare_cached(&format!("{with}SELECT count(*) FROM {from} {where_sql}"))?
                .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
            let sql = grouped_order_sql(q, &f, limit, q.offset);
            let page = self.page_in_order(&sql, args)?;
            return Ok(MeasurePage { total, ..page });
        }
        // One pass over the matching measures gives both the page's ids and the total:
        // `count(*) OVER ()` counts the rows before LIMIT. A separate `count(*)` read every
        // match a second time, as much as the page itself for a frequent word
        // (docs/performance.md, session 2). Only ids go through the window (it materialises
        // its rows); the page's columns are read afterwards by id. Cached: scrolling the
        // table asks for page after page with the same filters.
        let sql = format!(
            "{with}SELECT m.id, count(*) OVER () FROM {from} {where_sql}
             ORDER BY {} LIMIT {limit} OFFSET {}",
            flat_order_by(q),
            q.offset
        );
        let mut ids: Vec<MeasureId> = Vec::new();
        let mut counted: Option<u32> = None;
        {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut page = stmt.query(params_from_iter(args.iter()))?;
            while let Some(r) = page.next()? {
                ids.push(r.get(0)?);
                counted = Some(r.get(1)?);
            }
        }
        let total: u32 = match counted {
            Some(n) => n,
            // No row on the page: nothing matches, or the page lies past the end (then only
            // a count can tell how many there are).
            None if q.offset == 0 => 0,
            None => self
                .conn
                .prepare_cached(&format!("{with}SELECT count(*) FROM {from} {where_sql}"))?
                .query_row(params_from_iter(args.iter()), |r| r.get(0))?,
        };
        let mut rows = measures_by_id(&self.conn, &ids)?;
        attach_sources(&self.conn, &mut rows)?;
        Ok(MeasurePage {
            total,
            rows,
            tree: vec![],
        })
    }

    /// The whole order of `key` (a query without its page), stamped with `stamp`, taken
    /// before reading. Only ids (and depths) are read; the sort is the page's own, unbounded.
    fn table_order_of(&self, key: MeasureQuery, stamp: WriteStamp) -> Result<TableOrder> {
        let f = TableFilter::of(&key);
        let (with, from, where_sql, args) = (&f.with, f.from, &f.where_sql, &f.args);
        let mut ids = Vec::new();
        let mut depths = Vec::new();
        if key.group_packages {
            let sql = grouped_order_sql(&key, &f, -1, 0);
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            while let Some(r) = rows.next()? {
                ids.push(r.get(0)?);
                depths.push(r.get(1)?);
            }
        } else {
            let sql = format!(
                "{with}SELECT m.id FROM {from} {where_sql} ORDER BY {}",
                flat_order_by(&key)
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            while let Some(r) = rows.next()? {
                ids.push(r.get(0)?);
            }
        }
        Ok(TableOrder {
            key,
            stamp,
            ids,
            depths,
        })
    }

    /// The block `offset`, `limit` of a kept order, its rows read by id. `None` if a row of
    /// the block no longer exists (the order is stale: the caller computes the page afresh).
    fn block_of(&self, order: &TableOrder, offset: u32, limit: u32) -> Result<Option<MeasurePage>> {
        let (ids, depths) = order.block(offset, limit);
        let mut rows = measures_by_id(&self.conn, ids)?;
        if rows.len() != ids.len() {
            return Ok(None);
        }
        attach_sources(&self.conn, &mut rows)?;
        let tree = if order.key.group_packages {
            let counts = item_counts(&self.conn, &rows)?;
            ids.iter()
                .zip(depths)
                .map(|(id, &depth)| TreeRow {
                    depth: depth.into(),
                    items: counts.get(id).copied().unwrap_or(0),
                })
                .collect()
        } else {
            vec![]
        };
        Ok(Some(MeasurePage {
            total: order.total(),
            rows,
            tree,
        }))
    }

    /// Run a grouped page's `SELECT id, depth … LIMIT … OFFSET …` and read its rows by id.
    fn page_in_order(&self, sql: &str, args: &[Value]) -> Result<MeasurePage> {
        let order: Vec<(MeasureId, u32)> = self
            .conn
            .prepare_cached(sql)?
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<MeasureId> = order.iter().map(|(id, _)| *id).collect();
        let mut rows = measures_by_id(&self.conn, &ids)?;
        attach_sources(&self.conn, &mut rows)?;
        let counts = item_counts(&self.conn, &rows)?;
        let tree = order
            .iter()
            .map(|&(id, depth)| TreeRow {
                depth,
                items: counts.get(&id).copied().unwrap_or(0),
            })
            .collect();
        Ok(MeasurePage {
            total: 0,
            rows,
            tree,
        })
    }

    /// Every measure in id order (for export).
    pub fn all_measures(&self) -> Result<Vec<Measure>> {
        // Two ordered scans merged, rather than `query_measures` (a count, then spans looked
        // up through 30,000-parameter IN lists and a hash map): export reads everything.
        let mut rows: Vec<Measure> = self
            .conn
            .prepare(&format!(
                "SELECT {MEASURE_COLUMNS} FROM measures ORDER BY id"
            ))?
            .query_map([], measure_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT measure_id, article_id, start_offset, end_offset, quote FROM sources
             ORDER BY measure_id, seq",
        )?;
        let mut spans = stmt.query([])?;
        let mut at = 0;
        while let Some(r) = spans.next()? {
            let mid: MeasureId = r.get(0)?;
            while at < rows.len() && rows[at].id < mid {
                at += 1;
            }
            if at == rows.len() {
                break;
            }
            if rows[at].id == mid {
                rows[at].sources.push(SourceSpan {
                    article_id: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    quote: r.get(4)?,
                });
            }
        }
        Ok(rows)
    }

    /// Insert a measure exactly as given, ids and times included (JSON import). Not undoable.
    pub(super) fn insert_snapshot(tx: &Transaction<'_>, m: &Measure) -> Result<()> {
        write_snapshot(tx, m)
    }
}

/// A table query's filters as SQL: `{with}SELECT … FROM {from} {where_sql}`, bound to `args`.
struct TableFilter {
    with: String,
    from: &'static str,
    where_sql: String,
    args: Vec<Value>,
}

impl TableFilter {
    fn of(q: &MeasureQuery) -> TableFilter {
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if !q.statuses.is_empty() {
            let ps: Vec<String> = q
                .statuses
                .iter()
                .map(|s| arg(Value::Text(s.as_str().into()), &mut args))
                .collect();
            wheres.push(format!("m.status IN ({})", ps.join(", ")));
        }
        if let Some(v) = q.issuer.as_deref().filter(|s| !s.is_empty()) {
            wheres.push(format!(
                "m.issuer = {}",
                arg(Value::Text(v.into()), &mut args)
            ));
        }
        if let Some(v) = q.category.as_deref().filter(|s| !s.is_empty()) {
            wheres.push(format!(
                "m.category = {}",
                arg(Value::Text(v.into()), &mut args)
            ));
        }
        let mut from = "measures m";
        if let Some(t) = q.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // Two or more CJK characters in a row: the pair index finds a superset of the
            // matches without reading every measure; the LIKE below keeps the result exact.
            if let Some(expr) = text_index::match_expression(t) {
                from = "measure_text t JOIN measures m ON m.id = t.rowid";
                let p = arg(Value::Text(expr), &mut args);
                wheres.push(format!("measure_text MATCH {p}"));
            }
            let p = arg(Value::Text(format!("%{}%", escape_like(t))), &mut args);
            wheres.push(format!(
                    "(m.title LIKE {p} ESCAPE '\\' OR m.issuer LIKE {p} ESCAPE '\\' OR m.notes LIKE {p} ESCAPE '\\'
                      OR EXISTS (SELECT 1 FROM sources s WHERE s.measure_id = m.id AND s.quote LIKE {p} ESCAPE '\\'))"
                ));
        }
        if let Some(d) = q.in_force_on {
            let p = arg(Value::Text(d.to_string()), &mut args);
            wheres.push(format!(
                    "(m.effective_from IS NULL OR m.effective_from <= {p}) AND (m.expires_on IS NULL OR m.expires_on >= {p})
                     AND (m.effective_from IS NOT NULL OR m.expires_on IS NOT NULL)"
                ));
        }
        if let Some(d) = q.expiring_from {
            wheres.push(format!(
                "m.expires_on >= {}",
                arg(Value::Text(d.to_string()), &mut args)
            ));
        }
        if let Some(d) = q.expiring_until {
            wheres.push(format!(
                "m.expires_on <= {}",
                arg(Value::Text(d.to_string()), &mut args)
            ));
        }
        if let Some(n) = q.expiring_within_days {
            let from = q
                .reference_date
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let until = from
                .checked_add_days(chrono::Days::new(n.into()))
                .unwrap_or(NaiveDate::MAX);
            let a = arg(Value::Text(from.to_string()), &mut args);
            let b = arg(Value::Text(until.to_string()), &mut args);
            // A range on the indexed column (measures_expires); NULL never matches.
            wheres.push(format!("m.expires_on BETWEEN {a} AND {b}"));
        }
        let mut with = String::new();
        if !q.collapsed.is_empty() {
            let ps: Vec<String> = q
                .collapsed
                .iter()
                .map(|&id| arg(Value::Integer(id), &mut args))
                .collect();
            // Items of collapsed packages at every depth: each package's subtree is one
            // range of the tree index (migration 5), its own row excluded.
            with = format!(
                "WITH hidden(id) AS (SELECT d.id FROM measures c JOIN measures d
                       ON d.root_id = c.root_id AND d.tree_path > c.tree_path AND d.tree_path < c.tree_path || '0'
                       WHERE c.id IN ({})) ",
                ps.join(", ")
            );
            wheres.push("m.id NOT IN (SELECT id FROM hidden)".into());
        }
        if let Some(i) = q.issue_id {
            let p = arg(Value::Integer(i), &mut args);
            wheres.push(format!(
                "EXISTS (SELECT 1 FROM sources s JOIN articles a ON a.id = s.article_id
                             WHERE s.measure_id = m.id AND a.issue_id = {p})"
            ));
        }
        if let Some(p) = q.parent_id {
            wheres.push(format!(
                "m.parent_id = {}",
                arg(Value::Integer(p), &mut args)
            ));
        }
        let where_sql = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        TableFilter {
            with,
            from,
            where_sql,
            args,
        }
    }
}

/// `ORDER BY` of a flat page: the sort column, then id, so equal keys keep one order.
fn flat_order_by(q: &MeasureQuery) -> String {
    let (dir, nulls) = direction(q);
    format!("{} {dir} {nulls}, m.id {dir}", q.sort.column())
}

fn direction(q: &MeasureQuery) -> (&'static str, &'static str) {
    if q.descending {
        ("DESC", "NULLS FIRST")
    } else {
        ("ASC", "NULLS LAST")
    }
}

/// Validate `input` and replace measure `id`'s editable fields with it inside `tx`, recorded
/// as one undoable action; returns the stored measure. The caller commits (or, on an error,
/// drops `tx`, so nothing is written).
pub(super) fn update_in(
    tx: &Transaction<'_>,
    id: MeasureId,
    input: &MeasureInput,
) -> Result<Measure> {
    input.validate()?;
    let before = get_measure(tx, id)?.ok_or_else(|| not_found(id))?;
    if let Some(p) = input.parent_id {
        check_parent(tx, id, p)?;
    }
    let action = begin_action(tx, &format!("edit “{}”", before.title))?;
    let mut after = before.clone();
    apply_input(&mut after, input);
    after.revision = before.revision + 1;
    after.updated_at = now_rfc3339();
    write_snapshot(tx, &after)?;
    let after = get_measure(tx, id)?.ok_or_else(|| not_found(id))?;
    record(tx, action, id, Some(&before), Some(&after))?;
    Ok(after)
}

/// Where measure `id` sits in a grouped table, as stored now: the depth a grouped query gives
/// it (the `depth` column SQLite keeps, whatever the filters) and its number of direct items.
pub(super) fn tree_place(conn: &rusqlite::Connection, id: MeasureId) -> Result<TreeRow> {
    conn.prepare_cached(
        "SELECT m.depth, (SELECT count(*) FROM measures c WHERE c.parent_id = m.id)
         FROM measures m WHERE m.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(TreeRow {
            depth: r.get(0)?,
            items: r.get(1)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// The `SELECT id, depth` of a grouped page: ordered by the package's sort key (`r`), then the
/// package, then its items and their own items depth first, in id order, at any depth.
/// `limit` -1 and `offset` 0 give the whole order.
///
/// The tree comes from columns SQLite keeps itself (migration 5): `root_id` names the top
/// package and `tree_path` sorts a package's rows depth first, so a page needs at most one
/// join (the root's sort key) and no walk up or down the parents. A recursive walk per query
/// materialised every item of the ledger at each page, ≈ 3× slower at 100,000 measures.
/// Only ids and keys go through the sort; the rows are read afterwards by id.
fn grouped_order_sql(q: &MeasureQuery, f: &TableFilter, limit: i64, offset: u32) -> String {
    let (dir, nulls) = direction(q);
    let (with, from, where_sql) = (&f.with, f.from, &f.where_sql);
    let (join_root, key) = match q.sort {
        MeasureSort::Id => (String::new(), format!("m.root_id {dir}")),
        s => (
            "JOIN measures r ON r.id = m.root_id".to_string(),
            format!("{} {dir} {nulls}, m.root_id {dir}", s.root_column()),
        ),
    };
    format!(
        "{with}SELECT m.id, m.depth
         FROM {from} {join_root}
         {where_sql}
         ORDER BY {key}, m.tree_path ASC
         LIMIT {limit} OFFSET {offset}"
    )
}

fn not_found(id: MeasureId) -> Error {
    Error::NotFound {
        what: "measure",
        id: id.to_string(),
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn get_measure(conn: &rusqlite::Connection, id: MeasureId) -> Result<Option<Measure>> {
    let sql = format!("SELECT {MEASURE_COLUMNS} FROM measures WHERE id = ?1");
    let m = conn
        .prepare_cached(&sql)?
        .query_row([id], measure_from_row)
        .optional()?;
    match m {
        Some(m) => {
            let mut v = vec![m];
            attach_sources(conn, &mut v)?;
            Ok(v.pop())
        }
        None => Ok(None),
    }
}

/// The measures with these ids, in the order given (ids that do not exist are left out).
fn measures_by_id(conn: &rusqlite::Connection, ids: &[MeasureId]) -> Result<Vec<Measure>> {
    let mut slots: Vec<Option<Measure>> = vec![None; ids.len()];
    let position: HashMap<MeasureId, usize> =
        ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    // SQLite allows 32766 parameters; a page of the table is one query.
    for chunk in ids.chunks(30_000) {
        let ph = vec!["?"; chunk.len()].join(",");
        let sql = format!("SELECT {MEASURE_COLUMNS} FROM measures WHERE id IN ({ph})");
        let mut stmt = conn.prepare_cached(&sql)?;
        let found = stmt.query_map(params_from_iter(chunk.iter()), measure_from_row)?;
        for m in found {
            let m = m?;
            if let Some(&i) = position.get(&m.id) {
                slots[i] = Some(m);
            }
        }
    }
    Ok(slots.into_iter().flatten().collect())
}

fn attach_sources(conn: &rusqlite::Connection, rows: &mut [Measure]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut index: HashMap<MeasureId, usize> = HashMap::with_capacity(rows.len());
    for (i, m) in rows.iter().enumerate() {
        index.insert(m.id, i);
    }
    // Page-sized: one query with an IN list (SQLite allows 32766 parameters).
    for chunk in rows.iter().map(|m| m.id).collect::<Vec<_>>().chunks(30_000) {
        let ph = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT measure_id, article_id, start_offset, end_offset, quote FROM sources
             WHERE measure_id IN ({ph}) ORDER BY measure_id, seq"
        ))?;
        let spans = stmt.query_map(params_from_iter(chunk.iter()), |r| {
            Ok((
                r.get::<_, MeasureId>(0)?,
                SourceSpan {
                    article_id: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    quote: r.get(4)?,
                },
            ))
        })?;
        for s in spans {
            let (mid, span) = s?;
            if let Some(&i) = index.get(&mid) {
                rows[i].sources.push(span);
            }
        }
    }
    Ok(())
}

/// How many items each of `rows` has (only those with any), one query per page.
fn item_counts(conn: &rusqlite::Connection, rows: &[Measure]) -> Result<HashMap<MeasureId, u32>> {
    let mut out = HashMap::new();
    for chunk in rows.iter().map(|m| m.id).collect::<Vec<_>>().chunks(30_000) {
        let ph = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT parent_id, count(*) FROM measures WHERE parent_id IN ({ph}) GROUP BY parent_id"
        ))?;
        let counts = stmt.query_map(params_from_iter(chunk.iter()), |r| {
            Ok((r.get::<_, MeasureId>(0)?, r.get::<_, u32>(1)?))
        })?;
        for c in counts {
            let (id, n) = c?;
            out.insert(id, n);
        }
    }
    Ok(out)
}

fn key_exists(tx: &Transaction<'_>, key: Option<&str>) -> Result<bool> {
    let Some(key) = key else { return Ok(false) };
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM measures WHERE suggestion_key = ?1)")?
        .query_row([key], |r| r.get(0))?)
}

fn begin_action(tx: &Transaction<'_>, label: &str) -> Result<i64> {
    // A new action makes the undone ones unreachable: drop the redo stack.
    tx.execute("DELETE FROM actions WHERE undone = 1", [])?;
    tx.execute(
        "INSERT INTO actions (at, label) VALUES (?1, ?2)",
        params![now_rfc3339(), label],
    )?;
    Ok(tx.last_insert_rowid())
}

fn record(
    tx: &Transaction<'_>,
    action: i64,
    id: MeasureId,
    before: Option<&Measure>,
    after: Option<&Measure>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO changes (action_id, measure_id, before, after) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![action, id, before.map(to_json), after.map(to_json)])?;
    Ok(())
}

type Change = (MeasureId, Option<Measure>, Option<Measure>);

fn load_changes(tx: &Transaction<'_>, action: i64, newest_first: bool) -> Result<Vec<Change>> {
    let order = if newest_first { "DESC" } else { "ASC" };
    let mut stmt = tx.prepare(&format!(
        "SELECT measure_id, before, after FROM changes WHERE action_id = ?1 ORDER BY id {order}"
    ))?;
    let rows = stmt.query_map([action], |r| {
        Ok((
            r.get::<_, MeasureId>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, b, a) = row?;
        let parse = |s: Option<String>| -> Result<Option<Measure>> {
            s.map(|s| serde_json::from_str(&s).map_err(|e| Error::Json(e.to_string())))
                .transpose()
        };
        out.push((id, parse(b)?, parse(a)?));
    }
    Ok(out)
}

/// Put a measure back to a snapshot (or delete it). The revision still rises, so calendar
/// clients see the undo as a change.
fn restore(tx: &Transaction<'_>, id: MeasureId, snapshot: Option<Measure>) -> Result<()> {
    let current = get_measure(tx, id)?;
    match snapshot {
        None => {
            tx.execute("DELETE FROM measures WHERE id = ?1", [id])?;
            text_index::unindex(tx, id)?;
        }
        Some(mut m) => {
            m.revision = current
                .map(|c| c.revision + 1)
                .unwrap_or(m.revision)
                .max(m.revision);
            m.updated_at = now_rfc3339();
            write_snapshot(tx, &m)?;
        }
    }
    Ok(())
}

fn apply_input(m: &mut Measure, i: &MeasureInput) {
    m.parent_id = i.parent_id;
    m.title = i.title.trim().to_string();
    m.issuer = i.issuer.clone();
    m.jurisdiction = i.jurisdiction.clone();
    m.category = i.category.clone();
    m.beneficiaries = i.beneficiaries.clone();
    m.value = i.value.clone();
    m.effective_from = i.effective_from;
    m.effective_precision = i.effective_precision;
    m.effective_inferred = i.effective_inferred;
    m.expires_on = i.expires_on;
    m.expires_precision = i.expires_precision;
    m.expires_inferred = i.expires_inferred;
    m.status = i.status;
    m.notes = i.notes.clone();
    m.sources = i.sources.clone();
    m.suggestion_key = i.suggestion_key.clone();
}

/// Insert a new measure and its sources. The caller indexes its text
/// (`text_index::index`) in the same transaction.
fn insert_new(
    tx: &Transaction<'_>,
    input: &MeasureInput,
    parent: Option<MeasureId>,
) -> Result<Measure> {
    let now = now_rfc3339();
    let parent_id = parent.or(input.parent_id);
    if let Some(p) = parent_id {
        // Existence only: loading the parent with its spans cost more than the insert.
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM measures WHERE id = ?1)")?
            .query_row([p], |r| r.get(0))?;
        if !exists {
            return Err(Error::invalid(format!(
                "the parent measure {p} does not exist"
            )));
        }
    }
    let mut m = Measure {
        id: 0,
        uid: uuid::Uuid::new_v4().to_string(),
        parent_id,
        title: String::new(),
        issuer: None,
        category: None,
        beneficiaries: vec![],
        value: None,
        effective_from: None,
        expires_on: None,
        status: input.status,
        notes: String::new(),
        sources: vec![],
        jurisdiction: None,
        effective_precision: None,
        effective_inferred: false,
        expires_precision: None,
        expires_inferred: false,
        suggestion_key: None,
        revision: 0,
        created_at: now.clone(),
        updated_at: now,
    };
    apply_input(&mut m, input);
    m.parent_id = parent_id;
    let id = insert_row(tx, &m, None)?;
    m.id = id;
    write_sources(tx, &m)?;
    Ok(m)
}

/// Recompute every measure's place in its tree (migration 5's columns) from the parents, as
/// migration 5 filled them: after a JSON import, whose packages may come after their items.
pub(super) fn fill_tree(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "WITH RECURSIVE t(id, root_id, depth, tree_path) AS (
             SELECT id, id, 0, printf('%010d', id) FROM measures WHERE parent_id IS NULL
             UNION ALL
             SELECT m.id, t.root_id, t.depth + 1, t.tree_path || '/' || printf('%010d', m.id)
             FROM measures m JOIN t ON m.parent_id = t.id
             WHERE t.depth < 64 -- one level past the bound: the CHECK refuses it
         )
         UPDATE measures SET root_id = t.root_id, depth = t.depth, tree_path = t.tree_path
         FROM t WHERE measures.id = t.id
           AND (measures.root_id IS NOT t.root_id OR measures.tree_path IS NOT t.tree_path)",
    )
    .map_err(constraint_message)
}

/// Insert one measure row (`id` None: the next id, as AUTOINCREMENT picks it).
///
/// The row's place in its tree (migration 5) is written by the insert itself, from its parent's
/// row (a parent not stored yet, in a JSON import, is handled by [`fill_tree`]). No trigger
/// does it: any trigger made every insert keep a statement journal. The id is needed for the
/// path, so it is chosen here the way AUTOINCREMENT chooses it: one more than both the largest
/// id ever used (`sqlite_sequence`) and the largest stored.
fn insert_row(tx: &Transaction<'_>, m: &Measure, id: Option<MeasureId>) -> Result<MeasureId> {
    // A single-row VALUES (an INSERT … SELECT reading its own table goes through a temporary
    // table). `?1` is the id asked for, NULL for the next one.
    const NEXT_ID: &str =
        "coalesce(?1, max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'measures'), 0),
                                           coalesce((SELECT max(id) FROM measures), 0)) + 1)";
    tx.prepare_cached(
        &"INSERT INTO measures (id, uid, parent_id, title, issuer, jurisdiction, category, beneficiaries, value,
            effective_from, effective_precision, effective_inferred, expires_on, expires_precision, expires_inferred,
            status, notes, suggestion_key, revision, created_at, updated_at, root_id, depth, tree_path)
         VALUES ({ID}, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            coalesce((SELECT p.root_id FROM measures p WHERE p.id = ?3), {ID}),
            coalesce((SELECT p.depth + 1 FROM measures p WHERE p.id = ?3), 0),
            coalesce((SELECT p.tree_path || '/' FROM measures p WHERE p.id = ?3), '') || printf('%010d', {ID}))"
            .replace("{ID}", NEXT_ID),
    )?
    .execute(params![
            id,
            m.uid,
            m.parent_id,
            m.title,
            m.issuer,
            m.jurisdiction,
            m.category,
            to_json(&m.beneficiaries),
            m.value.as_ref().map(to_json),
            m.effective_from,
            m.effective_precision.map(DatePrecision::as_str),
            m.effective_inferred,
            m.expires_on,
            m.expires_precision.map(DatePrecision::as_str),
            m.expires_inferred,
            m.status.as_str(),
            m.notes,
            m.suggestion_key,
            m.revision,
            m.created_at,
            m.updated_at,
        ])
    .map_err(constraint_message)?;
    Ok(tx.last_insert_rowid())
}

/// Write a full snapshot: update the row if it exists, insert it with its id otherwise.
fn write_snapshot(tx: &Transaction<'_>, m: &Measure) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM measures WHERE id = ?1)",
        [m.id],
        |r| r.get(0),
    )?;
    if exists {
        tx.execute(
            "UPDATE measures SET uid = ?2, parent_id = ?3, title = ?4, issuer = ?5, jurisdiction = ?6, category = ?7,
                beneficiaries = ?8, value = ?9, effective_from = ?10, effective_precision = ?11,
                effective_inferred = ?12, expires_on = ?13, expires_precision = ?14, expires_inferred = ?15,
                status = ?16, notes = ?17, suggestion_key = ?18, revision = ?19, created_at = ?20, updated_at = ?21
             WHERE id = ?1",
            params![
                m.id,
                m.uid,
                m.parent_id,
                m.title,
                m.issuer,
                m.jurisdiction,
                m.category,
                to_json(&m.beneficiaries),
                m.value.as_ref().map(to_json),
                m.effective_from,
                m.effective_precision.map(DatePrecision::as_str),
                m.effective_inferred,
                m.expires_on,
                m.expires_precision.map(DatePrecision::as_str),
                m.expires_inferred,
                m.status.as_str(),
                m.notes,
                m.suggestion_key,
                m.revision,
                m.created_at,
                m.updated_at,
            ],
        )
        .map_err(constraint_message)?;
        tx.execute("DELETE FROM sources WHERE measure_id = ?1", [m.id])?;
    } else {
        insert_row(tx, m, Some(m.id))?;
    }
    write_sources(tx, m)?;
    text_index::reindex(tx, m)
}

fn write_sources(tx: &Transaction<'_>, m: &Measure) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sources (measure_id, seq, article_id, start_offset, end_offset, quote)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (seq, s) in m.sources.iter().enumerate() {
        stmt.execute(params![m.id, seq as i64, s.article_id, s.start, s.end, s.quote]).map_err(|e| {
            match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => Error::invalid(format!(
                    "the span {}..{} does not quote article {} exactly (offsets count characters of the stored text)",
                    s.start, s.end, s.article_id
                )),
                _ => Error::Database(e),
            }
        })?;
    }
    Ok(())
}

/// Turn a CHECK failure into a sentence; core validation normally catches these first.
fn constraint_message(e: rusqlite::Error) -> Error {
    // Migration 5's bound on nesting, met by a new item or by any item of a moved package.
    if e.to_string().contains("depth BETWEEN") {
        return Error::invalid(
            "packages nest at most 64 levels deep: this would put an item deeper",
        );
    }
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Error::invalid(format!("the measure breaks a rule of the ledger ({e})"))
        }
        _ => Error::Database(e),
    }
}

fn check_parent(tx: &Transaction<'_>, id: MeasureId, parent: MeasureId) -> Result<()> {
    if parent == id || descendants(tx, id)?.contains(&parent) {
        return Err(Error::invalid(
            "a measure cannot be its own package or an item of its own items",
        ));
    }
    if get_measure(tx, parent)?.is_none() {
        return Err(Error::invalid(format!(
            "the parent measure {parent} does not exist"
        )));
    }
    Ok(())
}

/// All items under a package, breadth first.
fn descendants(tx: &Transaction<'_>, id: MeasureId) -> Result<Vec<MeasureId>> {
    let mut stmt = tx.prepare_cached(
        "WITH RECURSIVE d(id) AS (SELECT id FROM measures WHERE parent_id = ?1
            UNION SELECT m.id FROM measures m JOIN d ON m.parent_id = d.id)
         SELECT id FROM d",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_value(json: &str) -> Option<MeasureValue> {
        serde_json::from_str(json).ok()
    }

    #[test]
    fn stored_values_read_by_hand_equal_what_serde_reads() {
        let dec = |s: &str| s.parse::<Decimal>().unwrap();
        let written = [
            MeasureValue::Amount {
                amount: dec("3000000"),
                currency: "CNY".into(),
                bound: Bound::AtMost,
            },
            MeasureValue::UnitPrice {
                amount: dec("3.64"),
                currency: "CNY".into(),
                unit: Some("立方米".into()),
            },
            MeasureValue::UnitPrice {
                amount: dec("1"),
                currency: "CNY".into(),
                unit: None,
            },
            MeasureValue::Percentage {
                percent: dec("95"),
                bound: Bound::Exact,
            },
            MeasureValue::Rate {
                percent: dec("0.5"),
                bound: Bound::AtMost,
            },
            MeasureValue::PercentChange {
                percent: dec("-15"),
                bound: Bound::AtLeast,
            },
            MeasureValue::PercentagePoints {
                points: dec("-0.5"),
                bound: Bound::Exact,
            },
            MeasureValue::ChangePerUnit {
                amount: dec("-0.4"),
                currency: "CNY".into(),
                unit: "立方米".into(),
            },
            MeasureValue::Multiple {
                factor: dec("1.5"),
                bound: Bound::Exact,
            },
            MeasureValue::Text {
                text: "7×24小时\"通关\"".into(),
            },
        ];
        for v in written {
            let json = to_json(&v);
            assert_eq!(stored_value(json.as_bytes()), Some(v), "{json}");
        }
        // Shapes `to_json` never writes: the hand reader either agrees with serde or declines
        // (and the caller then asks serde), never gives another answer.
        let odd = [
            r#"{"kind":"amount","amount":"5","currency":"CNY"}"#,
            r#"{"amount":5,"kind":"amount","currency":"CNY","bound":"at_least","extra":1}"#,
            r#"{"kind":"amount","amount":"5","currency":null}"#,
            r#"{"kind":"amount","amount":"5","currency":"CNY","bound":null}"#,
            r#"{"kind":"text","text":"a","bound":"sideways"}"#,
            r#"{"kind":"unit_price","amount":"1","currency":"CNY","unit":null}"#,
            r#"{"kind":"change_per_unit","amount":"1","currency":"CNY"}"#,
            r#"{"kind":"multiple","bound":"at_most"}"#,
            r#"{"kind":"multiple","factor":"2"}"#,
            r#"{"kind":"percentage","percent":"1","percent":"2"}"#,
            r#"{"kind":"\u0074ext","text":"escaped tag"}"#,
            r#"{"kind":"nothing"}"#,
            r#"[1, 2]"#,
            r#"not json"#,
        ];
        for json in odd {
            if let Some(v) = stored_value(json.as_bytes()) {
                assert_eq!(Some(v), serde_value(json), "{json}");
            }
        }
    }

    #[test]
    fn dates_read_by_hand_are_the_days_chrono_reads() {
        let cases = [
            "2020-04-25",
            "2020-02-29",
            "2021-02-29",
            "2020-13-01",
            "0000-01-01",
            "9999-12-31",
            "2020-4-25",
            "2020/04/25",
            "20200425xx",
            "２０２０-04-25",
        ];
        for c in cases {
            let chrono = NaiveDate::parse_from_str(c, "%F").ok();
            match iso_date(c.as_bytes()) {
                Some(d) => assert_eq!(Some(d), chrono, "{c}"),
                // Declined: the caller asks chrono; only well-formed days may be read by hand.
                None => assert!(chrono.is_none() || c.len() != 10, "{c}"),
            }
        }
    }
}
