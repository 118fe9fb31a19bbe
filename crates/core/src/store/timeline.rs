//! The timeline: measures as bars over civil dates, grouped by issuer, package or category,
//! with a marker day (today unless chosen) and the list of what expires soon after it.
//!
//! All date arithmetic for the timeline view lives here: the window, the month ticks, the
//! marker, and each bar's start and end as day offsets into the window. The UI only turns
//! offsets into percentages, so it never needs a JS `Date` (which would shift civil dates by
//! the time zone).
//!
//! Cost: one scan of the matching measures' dates, status and grouping column, grouped in
//! memory; titles and source spans are read only for the bars and list entries returned. Groups and bars
//! per group are capped and the caps reported, so 100,000 measures never reach the window as
//! 100,000 elements (docs/performance.md, "Timeline").

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text_index, Store};
use crate::model::{ArticleId, IssueId, MeasureId, MeasureStatus};
use crate::{Error, Result};

/// Groups shown at once when the query does not say (the rest are paged).
pub const DEFAULT_GROUP_LIMIT: u32 = 20;
/// Bars drawn per group when the query does not say; the others are counted in `bars_cut`.
pub const DEFAULT_BARS_PER_GROUP: u32 = 50;
/// "Expiring soon" means within this many days of the marker unless the query says.
pub const DEFAULT_EXPIRING_WITHIN_DAYS: u32 = 30;
/// Entries of the expiring list returned at most (the total is always given).
pub const EXPIRING_LIST_LIMIT: usize = 200;
/// A fitted window longer than this (stray dates such as a typed 2200) is narrowed around the
/// marker: ten years of months are still readable on one screen, a century is not.
const MAX_FITTED_MONTHS: u32 = 120;
/// Explicit windows longer than a century are refused: nothing useful can be drawn.
const MAX_WINDOW_DAYS: i64 = 36_525;
const MAX_GROUP_LIMIT: u32 = 500;
const MAX_BARS_PER_GROUP: u32 = 2_000;
const MAX_EXPIRING_WITHIN_DAYS: u32 = 3_660;

/// What the timeline groups its rows by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineGrouping {
    #[default]
    Issuer,
    /// A package and all its items (nested items under their top package) form one group.
    Package,
    Category,
}

/// What the analyst asks the timeline for. Every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineQuery {
    #[serde(default)]
    pub group_by: TimelineGrouping,
    /// Statuses drawn; empty means suggested and confirmed (rejected ones only on request:
    /// the analyst said they are not policy).
    #[serde(default)]
    pub statuses: Vec<MeasureStatus>,
    /// First day of the window; `None` fits the window to the measures' dates.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day of the window (inclusive); `None` fits it to the data.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The day marked on the timeline and from which "expiring soon" counts; `None` is today
    /// (the computer's local date).
    #[serde(default)]
    pub marker: Option<NaiveDate>,
    /// "Expiring soon": expiry on the marker day up to this many days after it (default 30).
    #[serde(default)]
    pub expiring_within_days: Option<u32>,
    /// Substring of title, issuer, notes or quoted source text (as the measures table).
    #[serde(default)]
    pub text: Option<String>,
    /// First group returned (groups are ordered largest first).
    #[serde(default)]
    pub group_offset: u32,
    /// Groups returned at most (default 20).
    #[serde(default)]
    pub group_limit: Option<u32>,
    /// Bars returned per group at most (default 50); those nearest the marker are kept.
    #[serde(default)]
    pub bars_per_group: Option<u32>,
}

/// The timeline, laid out: everything the view needs to place bars without date arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Timeline {
    pub window: TimelineWindow,
    /// Axis ticks from left to right (months, quarters or years depending on the window).
    pub ticks: Vec<TimelineTick>,
    pub marker: TimelineMarker,
    pub group_by: TimelineGrouping,
    pub groups: Vec<TimelineGroup>,
    /// Index of the first returned group among all groups.
    pub group_offset: u32,
    /// All groups, returned or not.
    pub groups_total: u32,
    /// Measures matching statuses and text, dated or not.
    pub matched: u32,
    /// Matching measures with neither an effective nor an expiry date (never drawn).
    pub undated: u32,
    /// Matching dated measures lying wholly outside the window.
    pub outside: u32,
    pub expiring_within_days: u32,
    /// Measures expiring from the marker day to `expiring_within_days` after it, soonest first
    /// (the same day: in the order they were recorded).
    pub expiring: Vec<ExpiringMeasure>,
    /// All such measures (the list is capped).
    pub expiring_total: u32,
}

/// The days shown: `from..=until`, `days` of them. Day offsets count from `from` (day 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineWindow {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub days: u32,
    /// At least one bound was fitted to the data (widened to whole months).
    pub fitted: bool,
    /// The data spans more than ten years and the fitted window was narrowed around the marker.
    pub clamped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TickKind {
    /// 1 January.
    Year,
    /// The first of another month.
    Month,
}

/// A tick on the first day of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineTick {
    pub date: NaiveDate,
    /// Offset of `date` from the window's first day.
    pub day: u32,
    pub year: i32,
    /// 1–12.
    pub month: u32,
    pub kind: TickKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineMarker {
    pub date: NaiveDate,
    /// Offset from the window's first day; `None` when the marker lies outside the window.
    pub day: Option<u32>,
    /// The marker is today's date because the query named none.
    pub today: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineGroup {
    /// Issuer, category, or the package's id in decimal; `None` for the group of measures
    /// with no issuer / no category / not in a package.
    pub key: Option<String>,
    /// What to show: the issuer, the category, the package's title; `None` as for `key`.
    pub label: Option<String>,
    /// The package this group is (package grouping only).
    pub package_id: Option<MeasureId>,
    /// Matching measures in the group: drawn, cut, outside the window and undated.
    pub count: u32,
    /// Of `count`, those with no date at all.
    pub undated: u32,
    /// Of `count`, dated ones lying wholly outside the window.
    pub outside: u32,
    /// The package first, then by start day.
    pub bars: Vec<TimelineBar>,
    /// Bars in the window not returned because of `bars_per_group`.
    pub bars_cut: u32,
}

/// One measure's bar. `start_day..end_day` is a half-open range of day offsets clipped to the
/// window: a measure in force on one day has `end_day = start_day + 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineBar {
    pub id: MeasureId,
    pub uid: String,
    pub title: String,
    pub status: MeasureStatus,
    pub issuer: Option<String>,
    pub category: Option<String>,
    pub parent_id: Option<MeasureId>,
    /// The measure has items (it is a package).
    pub is_package: bool,
    pub effective_from: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub start_day: u32,
    pub end_day: u32,
    /// No effective date: the bar starts at the window's edge.
    pub open_start: bool,
    /// No expiry date: the bar runs to the window's edge.
    pub open_end: bool,
    /// The known start lies before the window (the bar is cut at its left edge).
    pub starts_before: bool,
    /// The known end lies after the window.
    pub ends_after: bool,
    pub effective_inferred: bool,
    pub expires_inferred: bool,
    /// Where the measure was read (its first source span), to open it in the reader.
    pub article_id: Option<ArticleId>,
    pub issue_id: Option<IssueId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExpiringMeasure {
    pub id: MeasureId,
    pub uid: String,
    pub title: String,
    pub issuer: Option<String>,
    pub status: MeasureStatus,
    pub expires_on: NaiveDate,
    /// Days from the marker to the expiry: 0 when it expires on the marker day.
    pub days_left: u32,
    pub expires_inferred: bool,
    pub article_id: Option<ArticleId>,
    pub issue_id: Option<IssueId>,
}

/// What the scan keeps of one matching measure: enough to group, place and rank it. Titles
/// and other text are read afterwards, only for the bars and entries returned.
struct Row {
    id: MeasureId,
    parent_id: Option<MeasureId>,
    status: MeasureStatus,
    effective_from: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    effective_inferred: bool,
    expires_inferred: bool,
    /// Index of its group in the scan's groups.
    group: usize,
}

/// Packages (measures with items): their parent and title, to find a group's top package and
/// name it even when the package itself is filtered out.
struct Packages(HashMap<MeasureId, (Option<MeasureId>, String)>);

impl Packages {
    /// The top package above `id` (itself if it has no parent). Cycles cannot be stored
    /// (the store refuses them); the step bound only guards against a damaged file.
    fn top(&self, id: MeasureId) -> MeasureId {
        let mut at = id;
        for _ in 0..64 {
            match self.0.get(&at).and_then(|(p, _)| *p) {
                Some(p) => at = p,
                None => break,
            }
        }
        at
    }
}

struct Group {
    key: Option<String>,
    label: Option<String>,
    package_id: Option<MeasureId>,
    count: u32,
    undated: u32,
    outside: u32,
    bars: Vec<Placed>,
}

impl Group {
    fn new(key: Option<String>, label: Option<String>, package_id: Option<MeasureId>) -> Group {
        Group {
            key,
            label,
            package_id,
            count: 0,
            undated: 0,
            outside: 0,
            bars: Vec::new(),
        }
    }
}

/// A row placed in the window.
struct Placed {
    row: usize,
    span: Span,
    is_package: bool,
}

/// The text of a measure returned as a bar or list entry, and where it was read.
#[derive(Clone)]
struct Details {
    uid: String,
    title: String,
    issuer: Option<String>,
    category: Option<String>,
    article_id: Option<ArticleId>,
    issue_id: Option<IssueId>,
}

impl Store {
    /// The timeline for `q` (see [`TimelineQuery`]), with today taken from the local clock.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Timeline> {
        let today = chrono::Local::now().date_naive();
        self.timeline_on(q, today)
    }

    /// The timeline as if today were `today` (tests; the marker defaults to it).
    pub fn timeline_on(&self, q: &TimelineQuery, today: NaiveDate) -> Result<Timeline> {
        let marker_date = q.marker.unwrap_or(today);
        let within = q
            .expiring_within_days
            .unwrap_or(DEFAULT_EXPIRING_WITHIN_DAYS);
        if within > MAX_EXPIRING_WITHIN_DAYS {
            return Err(Error::invalid(format!(
                "“expiring within” may be at most {MAX_EXPIRING_WITHIN_DAYS} days (got {within})"
            )));
        }
        let group_limit = q.group_limit.unwrap_or(DEFAULT_GROUP_LIMIT);
        let bars_per_group = q.bars_per_group.unwrap_or(DEFAULT_BARS_PER_GROUP);
        if group_limit == 0 || group_limit > MAX_GROUP_LIMIT {
            return Err(Error::invalid(format!(
                "groups per page must be between 1 and {MAX_GROUP_LIMIT} (got {group_limit})"
            )));
        }
        if bars_per_group > MAX_BARS_PER_GROUP {
            return Err(Error::invalid(format!(
                "bars per group may be at most {MAX_BARS_PER_GROUP} (got {bars_per_group})"
            )));
        }
        if let (Some(f), Some(u)) = (q.from, q.until) {
            if u < f {
                return Err(Error::invalid(format!(
                    "the window ends ({u}) before it starts ({f})"
                )));
            }
        }

        // Needed by every grouping: a package's bar is marked and leads its group.
        let packages = self.packages()?;
        let (rows, mut groups) = self.timeline_scan(q, &packages)?;
        let window = fit_window(q.from, q.until, &rows, marker_date, q.marker.is_some())?;

        let mut undated = 0;
        let mut outside = 0;
        let expiry_limit = marker_date + chrono::Days::new(within.into());
        let mut expiring: Vec<(NaiveDate, MeasureId, usize)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if let Some(e) = r
                .expires_on
                .filter(|e| *e >= marker_date && *e <= expiry_limit)
            {
                expiring.push((e, r.id, i));
            }
            let g = &mut groups[r.group];
            g.count += 1;
            match place(r, &window) {
                Placement::Undated => {
                    g.undated += 1;
                    undated += 1;
                }
                Placement::Outside => {
                    g.outside += 1;
                    outside += 1;
                }
                Placement::Bar(span) => g.bars.push(Placed {
                    row: i,
                    span,
                    is_package: packages.0.contains_key(&r.id),
                }),
            }
        }

        // Largest groups first; the group of measures with no issuer / package last.
        groups.sort_by(|a, b| {
            (a.key.is_none(), std::cmp::Reverse(a.count), &a.label).cmp(&(
                b.key.is_none(),
                std::cmp::Reverse(b.count),
                &b.label,
            ))
        });
        let groups_total = groups.len() as u32;
        let marker_day = window.offset(marker_date);
        let page: Vec<(Group, u32)> = groups
            .into_iter()
            .skip(q.group_offset as usize)
            .take(group_limit as usize)
            .map(|g| cap_bars(g, &rows, bars_per_group as usize, marker_day, window.days))
            .collect();

        // Soonest first; measures expiring the same day in the order they were recorded.
        expiring.sort_unstable();
        let expiring_total = expiring.len() as u32;
        expiring.truncate(EXPIRING_LIST_LIMIT);

        let wanted: Vec<MeasureId> = page
            .iter()
            .flat_map(|(g, _)| g.bars.iter().map(|p| rows[p.row].id))
            .chain(expiring.iter().map(|e| e.1))
            .collect();
        let details = self.details(&wanted)?;
        // Every id came from the scan inside this call, so it is found unless another program
        // deleted the measure in between (then the answer is refused rather than half-drawn).
        let get = |id: MeasureId| {
            details.get(&id).cloned().ok_or_else(|| Error::NotFound {
                what: "measure",
                id: id.to_string(),
            })
        };
        let mut out = Vec::with_capacity(page.len());
        for (g, cut) in page {
            let mut bars = Vec::with_capacity(g.bars.len());
            for p in &g.bars {
                let r = &rows[p.row];
                bars.push(bar(r, &p.span, p.is_package, get(r.id)?));
            }
            out.push(TimelineGroup {
                key: g.key,
                label: g.label,
                package_id: g.package_id,
                count: g.count,
                undated: g.undated,
                outside: g.outside,
                bars,
                bars_cut: cut,
            });
        }
        let mut listed = Vec::with_capacity(expiring.len());
        for &(e, id, i) in &expiring {
            let d = get(id)?;
            listed.push(ExpiringMeasure {
                id,
                uid: d.uid,
                title: d.title,
                issuer: d.issuer,
                status: rows[i].status,
                expires_on: e,
                days_left: (e - marker_date).num_days() as u32,
                expires_inferred: rows[i].expires_inferred,
                article_id: d.article_id,
                issue_id: d.issue_id,
            });
        }

        Ok(Timeline {
            ticks: ticks(&window),
            marker: TimelineMarker {
                date: marker_date,
                day: marker_day,
                today: q.marker.is_none(),
            },
            group_by: q.group_by,
            groups: out,
            group_offset: q.group_offset,
            groups_total,
            matched: rows.len() as u32,
            undated,
            outside,
            expiring_within_days: within,
            expiring: listed,
            expiring_total,
            window: window.public(),
        })
    }

    /// One pass over the measures matching statuses and text, in id order: each becomes a
    /// [`Row`] assigned to its group. Group names are borrowed from SQLite's row buffer and
    /// copied once per group, not per measure (this scan is the whole cost at 100,000).
    fn timeline_scan(
        &self,
        q: &TimelineQuery,
        packages: &Packages,
    ) -> Result<(Vec<Row>, Vec<Group>)> {
        let statuses: &[MeasureStatus] = if q.statuses.is_empty() {
            &[MeasureStatus::Suggested, MeasureStatus::Confirmed]
        } else {
            &q.statuses
        };
        let mut args: Vec<Value> = statuses
            .iter()
            .map(|s| Value::Text(s.as_str().into()))
            .collect();
        let placeholders = (1..=args.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        // `+m.status`: read the table in rowid order rather than through the status index,
        // which costs a look-up per row and a sort by id (40 ms against 73 ms at 100,000,
        // docs/performance.md "Timeline"); statuses rarely exclude most measures.
        let mut wheres = vec![format!("+m.status IN ({placeholders})")];
        let mut from = "measures m";
        if let Some(t) = q.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // As the measures table: the pair index narrows, the LIKE decides.
            if let Some(expr) = text_index::match_expression(t) {
                from = "measure_text t JOIN measures m ON m.id = t.rowid";
                args.push(Value::Text(expr));
                wheres.push(format!("measure_text MATCH ?{}", args.len()));
            }
            args.push(Value::Text(format!("%{}%", escape_like(t))));
            let p = format!("?{}", args.len());
            wheres.push(format!(
                "(m.title LIKE {p} ESCAPE '\\' OR m.issuer LIKE {p} ESCAPE '\\' OR m.notes LIKE {p} ESCAPE '\\'
                  OR EXISTS (SELECT 1 FROM sources s WHERE s.measure_id = m.id AND s.quote LIKE {p} ESCAPE '\\'))"
            ));
        }
        let key_column = match q.group_by {
            TimelineGrouping::Issuer => "m.issuer",
            TimelineGrouping::Category => "m.category",
            TimelineGrouping::Package => "NULL",
        };
        let sql = format!(
            "SELECT m.id, m.parent_id, {key_column}, m.status, m.effective_from, m.expires_on,
                    m.effective_inferred, m.expires_inferred
             FROM {from} WHERE {} ORDER BY m.id",
            wheres.join(" AND ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = stmt.query(params_from_iter(args.iter()))?;
        let mut rows = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut by_package: HashMap<MeasureId, usize> = HashMap::new();
        let mut none: Option<usize> = None;
        while let Some(r) = found.next()? {
            let id: MeasureId = r.get(0)?;
            let parent_id: Option<MeasureId> = r.get(1)?;
            let mut new_group = |g: Group| {
                groups.push(g);
                groups.len() - 1
            };
            let group = match q.group_by {
                TimelineGrouping::Issuer | TimelineGrouping::Category => {
                    match text_ref(r, 2)?.filter(|k| !k.trim().is_empty()) {
                        Some(k) => match by_name.get(k) {
                            Some(&g) => g,
                            None => {
                                let g = new_group(Group::new(Some(k.into()), Some(k.into()), None));
                                by_name.insert(k.into(), g);
                                g
                            }
                        },
                        None => {
                            *none.get_or_insert_with(|| new_group(Group::new(None, None, None)))
                        }
                    }
                }
                TimelineGrouping::Package => {
                    let top = match parent_id {
                        Some(p) => Some(packages.top(p)),
                        None if packages.0.contains_key(&id) => Some(id),
                        None => None,
                    };
                    match top {
                        Some(t) => *by_package.entry(t).or_insert_with(|| {
                            let label = match packages.0.get(&t) {
                                Some((_, title)) => title.clone(),
                                None => format!("#{t}"),
                            };
                            new_group(Group::new(Some(t.to_string()), Some(label), Some(t)))
                        }),
                        None => {
                            *none.get_or_insert_with(|| new_group(Group::new(None, None, None)))
                        }
                    }
                }
            };
            let status = text_ref(r, 3)?
                .and_then(|s| MeasureStatus::parse(s).ok())
                .unwrap_or(MeasureStatus::Suggested);
            rows.push(Row {
                id,
                parent_id,
                status,
                effective_from: date_ref(r, 4)?,
                expires_on: date_ref(r, 5)?,
                effective_inferred: r.get(6)?,
                expires_inferred: r.get(7)?,
                group,
            });
        }
        Ok((rows, groups))
    }

    fn packages(&self) -> Result<Packages> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.parent_id, p.title FROM measures p
             WHERE p.id IN (SELECT parent_id FROM measures WHERE parent_id IS NOT NULL)",
        )?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        Ok(Packages(map))
    }

    /// Text of the measures returned, and their first source span's article and issue.
    fn details(&self, ids: &[MeasureId]) -> Result<HashMap<MeasureId, Details>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = HashMap::with_capacity(ids.len());
        // Bounded by the caps (groups × bars + the list), far below SQLite's parameter limit;
        // chunked anyway so a raised cap cannot break the query.
        for chunk in ids.chunks(10_000) {
            let ph = vec!["?"; chunk.len()].join(",");
            let mut stmt = self.conn.prepare(&format!(
                "SELECT m.id, m.uid, m.title, m.issuer, m.category, s.article_id, a.issue_id
                 FROM measures m
                 LEFT JOIN sources s ON s.measure_id = m.id
                      AND s.seq = (SELECT min(seq) FROM sources WHERE measure_id = m.id)
                 LEFT JOIN articles a ON a.id = s.article_id
                 WHERE m.id IN ({ph})"
            ))?;
            let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| {
                Ok((
                    r.get::<_, MeasureId>(0)?,
                    Details {
                        uid: r.get(1)?,
                        title: r.get(2)?,
                        issuer: r.get(3)?,
                        category: r.get(4)?,
                        article_id: r.get(5)?,
                        issue_id: r.get(6)?,
                    },
                ))
            })?;
            for row in rows {
                let (id, d) = row?;
                out.insert(id, d);
            }
        }
        Ok(out)
    }
}

/// A text column borrowed from SQLite's row buffer (no allocation).
fn text_ref<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        Error::Database(rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })
}

/// A stored civil date. The schema's CHECK (`date(x) IS x`) guarantees `YYYY-MM-DD`, so the
/// digits are read directly; chrono's general parser is the fallback.
fn date_ref(r: &rusqlite::Row<'_>, i: usize) -> Result<Option<NaiveDate>> {
    let Some(s) = text_ref(r, i)? else {
        return Ok(None);
    };
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let fast = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?))
        .flatten();
    match fast {
        Some(d) => Ok(Some(d)),
        None => s
            .parse()
            .map(Some)
            .map_err(|_| Error::invalid(format!("the stored date {s:?} is not YYYY-MM-DD"))),
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The window with its internal helpers; becomes a [`TimelineWindow`] in the answer.
struct Window {
    from: NaiveDate,
    until: NaiveDate,
    days: u32,
    fitted: bool,
    clamped: bool,
}

impl Window {
    fn new(from: NaiveDate, until: NaiveDate, fitted: bool, clamped: bool) -> Result<Window> {
        let days = (until - from).num_days() + 1;
        if days > MAX_WINDOW_DAYS {
            return Err(Error::invalid(format!(
                "the window {from} – {until} is longer than a century; choose a shorter one"
            )));
        }
        Ok(Window {
            from,
            until,
            days: days as u32,
            fitted,
            clamped,
        })
    }

    /// Offset of `d` from the first day, if `d` is inside the window.
    fn offset(&self, d: NaiveDate) -> Option<u32> {
        (d >= self.from && d <= self.until).then(|| (d - self.from).num_days() as u32)
    }

    fn public(&self) -> TimelineWindow {
        TimelineWindow {
            from: self.from,
            until: self.until,
            days: self.days,
            fitted: self.fitted,
            clamped: self.clamped,
        }
    }
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

fn month_end(d: NaiveDate) -> NaiveDate {
    month_start(d) + Months::new(1) - chrono::Days::new(1)
}

/// The window: explicit bounds as given; missing ones fitted to the measures' dates and
/// widened to whole months. A marker the analyst chose is always inside a fitted window (they
/// asked to see that day); today is not forced in, so old data is not squeezed to make room
/// for it. With no dated measure, the year around the marker. A fitted window over ten years
/// (stray dates) is narrowed to the ten years nearest the marker.
fn fit_window(
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    rows: &[Row],
    marker: NaiveDate,
    marker_chosen: bool,
) -> Result<Window> {
    if let (Some(f), Some(u)) = (from, until) {
        return Window::new(f, u, false, false);
    }
    let dates = rows
        .iter()
        .flat_map(|r| [r.effective_from, r.expires_on])
        .flatten();
    let (lo, hi) = dates.fold(
        (None, None),
        |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        },
    );
    let (mut lo, mut hi) = match (lo, hi) {
        (Some(lo), Some(hi)) => (month_start(lo), month_end(hi)),
        _ => (
            month_start(marker) - Months::new(3),
            month_end(marker + Months::new(8)),
        ),
    };
    if marker_chosen {
        lo = lo.min(month_start(marker));
        hi = hi.max(month_end(marker));
    }
    let mut clamped = false;
    if lo + Months::new(MAX_FITTED_MONTHS) <= hi {
        clamped = true;
        // Ten years: half before the marker's month, half after, shifted to stay in the data.
        let start = (month_start(marker) - Months::new(MAX_FITTED_MONTHS / 2)).max(lo);
        let end = month_end(start + Months::new(MAX_FITTED_MONTHS - 1)).min(hi);
        lo = month_start(end + chrono::Days::new(1) - Months::new(MAX_FITTED_MONTHS)).max(lo);
        hi = end;
    }
    // One explicit bound: keep it, fit the other; if the data lies on the wrong side of it,
    // show the year on the open side.
    let (f, u) = match (from, until) {
        (Some(f), None) => (
            f,
            if hi >= f {
                hi
            } else {
                month_end(f + Months::new(11))
            },
        ),
        (None, Some(u)) => (
            if lo <= u {
                lo
            } else {
                month_start(u - Months::new(11))
            },
            u,
        ),
        _ => (lo, hi),
    };
    Window::new(f, u, true, clamped)
}

enum Placement {
    Undated,
    Outside,
    /// Clipped half-open day range and its flags.
    Bar(Span),
}

struct Span {
    start_day: u32,
    end_day: u32,
    starts_before: bool,
    ends_after: bool,
}

/// Where a measure's bar falls in the window. An unknown bound is open: it reaches the
/// window's edge on that side.
fn place(r: &Row, w: &Window) -> Placement {
    if r.effective_from.is_none() && r.expires_on.is_none() {
        return Placement::Undated;
    }
    let start = r.effective_from.unwrap_or(w.from);
    let end = r.expires_on.unwrap_or(w.until);
    if end < w.from || start > w.until {
        return Placement::Outside;
    }
    let first = start.max(w.from);
    let last = end.min(w.until);
    Placement::Bar(Span {
        start_day: (first - w.from).num_days() as u32,
        end_day: (last - w.from).num_days() as u32 + 1,
        starts_before: r.effective_from.is_some_and(|s| s < w.from),
        ends_after: r.expires_on.is_some_and(|e| e > w.until),
    })
}

fn bar(r: &Row, s: &Span, is_package: bool, d: Details) -> TimelineBar {
    TimelineBar {
        id: r.id,
        uid: d.uid,
        title: d.title,
        status: r.status,
        issuer: d.issuer,
        category: d.category,
        parent_id: r.parent_id,
        is_package,
        effective_from: r.effective_from,
        expires_on: r.expires_on,
        start_day: s.start_day,
        end_day: s.end_day,
        open_start: r.effective_from.is_none(),
        open_end: r.expires_on.is_none(),
        starts_before: s.starts_before,
        ends_after: s.ends_after,
        effective_inferred: r.effective_inferred,
        expires_inferred: r.expires_inferred,
        article_id: d.article_id,
        issue_id: d.issue_id,
    }
}

/// Cap a group's bars, keeping those nearest the marker (in force on it first), then order
/// what is kept: packages first, then by start, end and id. Returns the group and how many
/// bars were cut.
fn cap_bars(
    mut g: Group,
    rows: &[Row],
    cap: usize,
    marker_day: Option<u32>,
    days: u32,
) -> (Group, u32) {
    let mut cut = 0;
    if g.bars.len() > cap {
        // The marker outside the window counts as the nearer edge.
        let m = i64::from(marker_day.unwrap_or(days));
        let distance = |s: &Span| {
            let (start, end) = (i64::from(s.start_day), i64::from(s.end_day));
            if start > m {
                start - m
            } else if end <= m {
                m - end + 1
            } else {
                0
            }
        };
        g.bars
            .sort_by_key(|p| (distance(&p.span), p.span.start_day, rows[p.row].id));
        cut = (g.bars.len() - cap) as u32;
        g.bars.truncate(cap);
    }
    g.bars.sort_by_key(|p| {
        (
            !p.is_package,
            p.span.start_day,
            p.span.end_day,
            rows[p.row].id,
        )
    });
    (g, cut)
}

/// Ticks on the first of a month, every 1, 3, 12, 60 or 120 months: at most about 16–20
/// labels, which fit a track of 600 px in 12 px type ("10月", "2020"). Steps of a quarter
/// start in January, April, July, October; steps of years on years divisible by the step.
fn ticks(w: &Window) -> Vec<TimelineTick> {
    let step: u32 = match w.days {
        0..=456 => 1,
        457..=1_461 => 3,
        1_462..=7_305 => 12,
        7_306..=18_263 => 60,
        _ => 120,
    };
    let mut d = month_start(w.from);
    if d < w.from {
        d = d + Months::new(1);
    }
    let aligned = |d: NaiveDate| {
        if step < 12 {
            d.month0().is_multiple_of(step)
        } else {
            d.month() == 1 && (d.year() as u32).is_multiple_of(step / 12)
        }
    };
    while !aligned(d) {
        d = d + Months::new(1);
    }
    let mut out = Vec::new();
    while d <= w.until {
        out.push(TimelineTick {
            date: d,
            day: (d - w.from).num_days() as u32,
            year: d.year(),
            month: d.month(),
            kind: if d.month() == 1 {
                TickKind::Year
            } else {
                TickKind::Month
            },
        });
        d = d + Months::new(step);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn row(from: Option<&str>, until: Option<&str>) -> Row {
        Row {
            id: 1,
            parent_id: None,
            status: MeasureStatus::Confirmed,
            effective_from: from.map(d),
            expires_on: until.map(d),
            effective_inferred: false,
            expires_inferred: false,
            group: 0,
        }
    }

    #[test]
    fn ticks_are_monthly_for_a_year_and_yearly_for_decades() {
        let year = Window::new(d("2020-01-15"), d("2020-12-31"), false, false).unwrap();
        let t = ticks(&year);
        assert_eq!(
            t.first().unwrap().date,
            d("2020-02-01"),
            "no tick before the window"
        );
        assert_eq!(t.len(), 11);
        assert_eq!(t[0].day, 17);
        let decade = Window::new(d("2001-03-01"), d("2019-12-31"), false, false).unwrap();
        let t = ticks(&decade);
        assert!(
            t.iter().all(|t| t.month == 1 && t.kind == TickKind::Year),
            "{t:?}"
        );
        assert_eq!(t[0].year, 2002);
    }

    #[test]
    fn a_century_is_ticked_every_ten_years() {
        let w = Window::new(d("1951-06-01"), d("2049-12-31"), false, false).unwrap();
        let years: Vec<i32> = ticks(&w).iter().map(|t| t.year).collect();
        assert_eq!(years, (1960..=2040).step_by(10).collect::<Vec<_>>());
    }

    #[test]
    fn quarter_ticks_start_in_january_april_july_october() {
        let w = Window::new(d("2020-02-01"), d("2023-06-30"), false, false).unwrap();
        let months: Vec<u32> = ticks(&w).iter().map(|t| t.month).collect();
        assert!(
            months.iter().all(|m| [1, 4, 7, 10].contains(m)),
            "{months:?}"
        );
        assert_eq!(months[0], 4);
    }

    #[test]
    fn stray_dates_narrow_the_fitted_window_to_ten_years_around_the_marker() {
        let rows = [row(Some("1990-01-01"), None), row(None, Some("2200-12-31"))];
        let w = fit_window(None, None, &rows, d("2020-05-01"), false).unwrap();
        assert!(w.clamped);
        assert_eq!(w.from, d("2015-05-01"));
        assert_eq!(w.until, d("2025-04-30"));
    }

    #[test]
    fn one_explicit_bound_keeps_it_and_fits_the_other() {
        let rows = [row(Some("2020-04-10"), Some("2020-06-04"))];
        let w = fit_window(Some(d("2020-05-01")), None, &rows, d("2020-05-01"), false).unwrap();
        assert_eq!((w.from, w.until), (d("2020-05-01"), d("2020-06-30")));
        let w = fit_window(Some(d("2021-01-01")), None, &rows, d("2020-05-01"), false).unwrap();
        assert_eq!(
            w.until,
            d("2021-12-31"),
            "data before the bound: a year after it"
        );
    }
}
