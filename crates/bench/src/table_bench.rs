//! The ledger of measures (built through the store's own calls, with packages, spans and
//! edits) and the measures-table query against the same query written directly in SQL.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use policy_ledger_core::model::{MeasureId, MeasureInput, MeasureStatus};
use policy_ledger_core::store::{MeasureQuery, MeasureSort, MeasureTree};
use policy_ledger_core::Store;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OpenFlags};

use crate::gen::ledger::{tree, Quotable};
use crate::report::{dur, median, times, Row, Verdict};

const TABLE_MEDIAN_TARGET: Duration = Duration::from_millis(20);
const TABLE_RATIO_TARGET: f64 = 2.0;
/// Measures per `create_measure_trees` call: one import of suggestions.
const BATCH: usize = 1000;

/// How many measures the ledger at `db` holds.
pub fn measure_count(db: &Path) -> anyhow::Result<usize> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let n: i64 = conn.query_row("SELECT count(*) FROM measures", [], |r| r.get(0))?;
    Ok(n as usize)
}

/// Fill the ledger with `measures` measures quoting the stored articles, then edit some of
/// them as an analyst would (bulk status changes and single edits, each an undoable action).
pub fn build_ledger(
    store: &mut Store,
    seed: u64,
    measures: usize,
    single_edits: usize,
) -> anyhow::Result<Vec<Row>> {
    let articles: Vec<Quotable> = store
        .list_articles(None)?
        .into_iter()
        .map(|a| Quotable::new(a.id, a.text))
        .collect();
    let t = Instant::now();
    let mut ids: Vec<MeasureId> = Vec::with_capacity(measures);
    let mut tree_index = 0u64;
    while ids.len() < measures {
        let mut batch: Vec<MeasureTree> = Vec::new();
        let mut in_batch = 0;
        while in_batch < BATCH && ids.len() + in_batch < measures {
            let t = tree(seed, tree_index, &articles);
            tree_index += 1;
            in_batch += 1 + t.children.len();
            batch.push(t);
        }
        let created = store.create_measure_trees("import suggestions", &batch)?;
        ids.extend(created.iter().map(|m| m.id));
    }
    let create = t.elapsed();
    drop(articles);

    // Every 20th measure is accepted in bulk actions of 500, as after a review session.
    let t = Instant::now();
    let bulk: Vec<MeasureId> = ids.iter().copied().step_by(20).collect();
    for chunk in bulk.chunks(500) {
        store.set_status(chunk, MeasureStatus::Confirmed)?;
    }
    let bulk_time = t.elapsed();
    let t = Instant::now();
    let stride = (ids.len() / single_edits.max(1)).max(1);
    let mut edited = 0;
    for &id in ids.iter().skip(7).step_by(stride).take(single_edits) {
        let m = store.get_measure(id)?;
        let mut input = MeasureInput::from_measure(&m);
        input.notes = format!("{}（已核对）", input.notes);
        input.expires_on = input.expires_on.map(|d| d + Days::days(31));
        store.update_measure(id, &input)?;
        edited += 1;
    }
    let edit_time = t.elapsed();
    let per = |d: Duration, n: usize| dur(d / n.max(1) as u32);
    Ok(vec![
        Row::new(format!("ledger: create {} measures", ids.len()))
            .measured(dur(create))
            .note(format!(
                "create_measure_trees in batches of ~{BATCH} (one undoable action each); {} per measure",
                per(create, ids.len())
            )),
        Row::new(format!("ledger: accept {} in bulk", bulk.len()))
            .measured(dur(bulk_time))
            .note(format!("set_status, 500 per action; {} per measure", per(bulk_time, bulk.len()))),
        Row::new(format!("ledger: {edited} single edits"))
            .measured(dur(edit_time))
            .note(format!(
                "update_measure, one durable transaction each; {} per edit",
                per(edit_time, edited)
            )),
    ])
}

/// The measures-table page the app asks for most: sorted by expiry, filtered by text and
/// "in force on", 200 rows. Texts and days rotate so no single plan is favoured.
pub fn queries() -> Vec<(String, NaiveDate)> {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    vec![
        ("补贴".into(), d(2020, 7, 1)),
        ("天然气".into(), d(2020, 3, 15)),
        ("醴陵".into(), d(2021, 1, 10)),
        ("外贸企业".into(), d(2020, 10, 1)),
    ]
}

fn app_query(text: &str, day: NaiveDate) -> MeasureQuery {
    MeasureQuery {
        text: Some(text.to_string()),
        in_force_on: Some(day),
        sort: MeasureSort::ExpiresOn,
        limit: 200,
        ..Default::default()
    }
}

/// "In force on ?2", as query_measures writes it (unknown bounds count as open).
pub const IN_FORCE: &str = "(m.effective_from IS NULL OR m.effective_from <= ?2) AND (m.expires_on IS NULL OR m.expires_on >= ?2)
  AND (m.effective_from IS NOT NULL OR m.expires_on IS NOT NULL)";

const TEXT_LIKE: &str = "(m.title LIKE ?1 ESCAPE '\\' OR m.issuer LIKE ?1 ESCAPE '\\' OR m.notes LIKE ?1 ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM sources s WHERE s.measure_id = m.id AND s.quote LIKE ?1 ESCAPE '\\'))";

/// `"外贸 贸企 企业"`: the FTS5 phrase of a CJK text's overlapping pairs, as core's
/// `measure_text` stores them (the benchmark's texts are all CJK).
fn pairs_phrase(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    format!("\"{}\"", pairs.join(" "))
}

/// How the hand-written page is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Schema 2: the LIKE alone over every measure, a `count(*)` then the page.
    Scan,
    /// Session 1: through the pair index, a `count(*)` then the page (two passes).
    CountThenPage,
    /// Session 2, as `query_measures` does it: one pass through the pair index gives the
    /// page's ids and `count(*) OVER ()`, then the page's rows by id.
    OnePass,
}

/// The same page by hand: total, 200 rows of every column, and their source spans, read as
/// raw SQLite values (no domain types). The LIKE is kept after the pair index for exactness,
/// as `query_measures` does.
pub fn direct_query(
    conn: &Connection,
    text: &str,
    day: NaiveDate,
    form: Form,
) -> rusqlite::Result<(u32, Vec<i64>)> {
    let like = format!("%{text}%");
    let day = day.to_string();
    let phrase = pairs_phrase(text);
    let (from, filter) = if form == Form::Scan {
        (
            "measures m",
            format!("?3 = ?3 AND {TEXT_LIKE} AND {IN_FORCE}"),
        )
    } else {
        (
            "measure_text t JOIN measures m ON m.id = t.rowid",
            format!("measure_text MATCH ?3 AND {TEXT_LIKE} AND {IN_FORCE}"),
        )
    };
    const ORDER: &str = "ORDER BY m.expires_on ASC NULLS LAST, m.id ASC LIMIT 200";
    let mut ids = Vec::with_capacity(200);
    let mut page: Vec<Vec<Value>> = Vec::with_capacity(200);
    let total: u32 = if form == Form::OnePass {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT m.id, count(*) OVER () FROM {from} WHERE {filter} {ORDER}"
        ))?;
        let mut rows = stmt.query((&like, &day, &phrase))?;
        let mut total = 0;
        while let Some(r) = rows.next()? {
            ids.push(r.get(0)?);
            total = r.get(1)?;
        }
        if !ids.is_empty() {
            let ph = vec!["?"; ids.len()].join(",");
            let mut stmt =
                conn.prepare_cached(&format!("SELECT * FROM measures WHERE id IN ({ph})"))?;
            let cols = stmt.column_count();
            let mut rows = stmt.query(params_from_iter(ids.iter()))?;
            while let Some(r) = rows.next()? {
                page.push(
                    (0..cols)
                        .map(|i| r.get(i))
                        .collect::<rusqlite::Result<_>>()?,
                );
            }
        }
        total
    } else {
        let total = conn
            .prepare_cached(&format!("SELECT count(*) FROM {from} WHERE {filter}"))?
            .query_row((&like, &day, &phrase), |r| r.get(0))?;
        let mut stmt =
            conn.prepare_cached(&format!("SELECT m.* FROM {from} WHERE {filter} {ORDER}"))?;
        let cols = stmt.column_count();
        let mut rows = stmt.query((&like, &day, &phrase))?;
        while let Some(r) = rows.next()? {
            ids.push(r.get(0)?);
            page.push(
                (0..cols)
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<_>>()?,
            );
        }
        total
    };
    if !ids.is_empty() {
        let ph = vec!["?"; ids.len()].join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT measure_id, article_id, start_offset, end_offset, quote FROM sources
             WHERE measure_id IN ({ph}) ORDER BY measure_id, seq"
        ))?;
        let spans: Vec<(i64, i64, i64, i64, String)> = stmt
            .query_map(params_from_iter(ids.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        std::hint::black_box((&page, &spans));
    }
    Ok((total, ids))
}

pub fn run(store: &Store, db: &Path, reps: usize) -> anyhow::Result<Vec<Row>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let qs = queries();
    let measures: u32 = conn.query_row("SELECT count(*) FROM measures", [], |r| r.get(0))?;
    // Check every side answers the same before timing them.
    for (text, day) in &qs {
        let page = store.query_measures(&app_query(text, *day))?;
        let app_ids: Vec<i64> = page.rows.iter().map(|m| m.id).collect();
        for form in [Form::OnePass, Form::CountThenPage, Form::Scan] {
            let (total, ids) = direct_query(&conn, text, *day, form)?;
            anyhow::ensure!(
                page.total == total && app_ids == ids,
                "query_measures and the direct SQL ({form:?}) disagree for {text} on {day}"
            );
        }
    }
    let mut app = Vec::with_capacity(reps);
    let mut direct = Vec::with_capacity(reps);
    let mut two_pass = Vec::with_capacity(reps);
    let mut scan = Vec::with_capacity(reps);
    for i in 0..reps {
        let (text, day) = &qs[i % qs.len()];
        let timed = |form: Form, into: &mut Vec<Duration>| -> anyhow::Result<()> {
            let t = Instant::now();
            std::hint::black_box(direct_query(&conn, text, *day, form)?);
            into.push(t.elapsed());
            Ok(())
        };
        timed(Form::Scan, &mut scan)?;
        timed(Form::CountThenPage, &mut two_pass)?;
        // Alternate which side goes first, so neither always meets a warmer cache.
        let mut time_app = || -> anyhow::Result<()> {
            let t = Instant::now();
            std::hint::black_box(store.query_measures(&app_query(text, *day))?);
            app.push(t.elapsed());
            Ok(())
        };
        if i % 2 == 0 {
            time_app()?;
            timed(Form::OnePass, &mut direct)?;
        } else {
            timed(Form::OnePass, &mut direct)?;
            time_app()?;
        }
    }
    let (a, d) = (median(&mut app), median(&mut direct));
    let (s, c) = (median(&mut scan), median(&mut two_pass));
    let ratio = a.as_secs_f64() / d.as_secs_f64();
    let before = |name: &str, m: Duration, note: &str| {
        Row::new(name)
            .measured(dur(m))
            .baseline(dur(a))
            .ratio(times(m.as_secs_f64() / a.as_secs_f64()))
            .target("-")
            .verdict(Verdict::Info)
            .note(note)
    };
    Ok(vec![
        before(
            "table query before the pair index (LIKE scan)",
            s,
            "schema 2's SQL by hand (same pages and totals, checked); baseline = query_measures today",
        ),
        before(
            "table query before one-pass total (count, then page)",
            c,
            "session 1's SQL by hand: pair index, count(*) then the page; baseline = query_measures today",
        ),
        Row::new(format!("table query ({measures} measures)"))
            .measured(dur(a))
            .baseline(dur(d))
            .ratio(times(ratio))
            .target("<20 ms, ≤2× direct SQL")
            .verdict(Verdict::from_bool(
                a < TABLE_MEDIAN_TARGET && ratio <= TABLE_RATIO_TARGET,
            ))
            .note(format!(
                "median of {reps}: page 200 by expiry, text ∈ {{补贴, 天然气, 醴陵, 外贸企业}} + in force on a day; \
                 Store::query_measures vs the same SQL (pair index + LIKE, count(*) OVER ()) on a second connection"
            )),
    ])
}

/// The table query alone, `reps` times over the rotating queries, for callgrind:
/// `--toggle-collect='*profiled_query*'` counts only the queries, not the set-up. With
/// `scan`, the LIKE scan the table query was before schema 3.
pub fn profile(db: &Path, reps: usize, direct: bool, scan: bool) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let qs = queries();
    let t = Instant::now();
    for i in 0..reps {
        let (text, day) = &qs[i % qs.len()];
        profiled_query(&store, &conn, direct, scan, text, *day)?;
    }
    eprintln!("{reps} queries in {}", dur(t.elapsed()));
    Ok(())
}

#[inline(never)]
fn profiled_query(
    store: &Store,
    conn: &Connection,
    direct: bool,
    scan: bool,
    text: &str,
    day: NaiveDate,
) -> anyhow::Result<()> {
    let form = match (direct, scan) {
        (_, true) => Form::Scan,
        (true, false) => Form::OnePass,
        (false, false) => {
            std::hint::black_box(store.query_measures(&app_query(text, day))?);
            return Ok(());
        }
    };
    std::hint::black_box(direct_query(conn, text, day, form)?);
    Ok(())
}

/// Blocks of 100 rows as the table asks for them while scrolling: the app's default query
/// (packages grouped with their items, by id) and a flat one by expiry.
fn block_queries() -> [(&'static str, MeasureQuery); 2] {
    [
        (
            "grouped, by id",
            MeasureQuery {
                group_packages: true,
                limit: 100,
                ..Default::default()
            },
        ),
        (
            "flat, by expiry",
            MeasureQuery {
                sort: MeasureSort::ExpiresOn,
                limit: 100,
                ..Default::default()
            },
        ),
    ]
}

fn timed<T>(f: impl FnOnce() -> policy_ledger_core::Result<T>) -> anyhow::Result<Duration> {
    let t = Instant::now();
    std::hint::black_box(f()?);
    Ok(t.elapsed())
}

/// The table's last block (offset total − 100) once the table has scrolled there, against the
/// first block (offset 0) and against the same last block computed afresh, which is what every
/// block cost before the store kept the query's order (`Store::query_measures_uncached`).
pub fn blocks(store: &Store, reps: usize) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (label, q) in block_queries() {
        let total = store.query_measures_uncached(&q)?.total;
        let deep = MeasureQuery {
            offset: total.saturating_sub(100),
            ..q.clone()
        };
        // The first deep block records the order; it must give the page computed afresh.
        let build = timed(|| store.query_measures(&deep))?;
        anyhow::ensure!(
            store.query_measures(&deep)? == store.query_measures_uncached(&deep)?,
            "the kept order and the page afresh disagree ({label})"
        );
        let (mut first, mut kept, mut afresh) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..reps {
            first.push(timed(|| store.query_measures_uncached(&q))?);
            kept.push(timed(|| store.query_measures(&deep))?);
            afresh.push(timed(|| store.query_measures_uncached(&deep))?);
        }
        let (f, k, a) = (median(&mut first), median(&mut kept), median(&mut afresh));
        rows.push(
            Row::new(format!(
                "table block of 100 at offset {} ({label})",
                deep.offset
            ))
            .measured(dur(k))
            .baseline(dur(f))
            .ratio(times(k.as_secs_f64() / f.as_secs_f64()))
            .target("≈ first block")
            .verdict(Verdict::Info)
            .note(format!(
                "median of {reps}, table scrolled there (order kept); baseline = the first block (offset 0) \
                 computed afresh, as before; the same deep block afresh (before): {} = {}; \
                 first deep block (records the order): {}",
                dur(a),
                times(a.as_secs_f64() / k.as_secs_f64()),
                dur(build)
            )),
        );
    }
    Ok(rows)
}

/// Figures for blocks at offsets 0, the middle and the end: the first call on a freshly opened
/// store and the median of `reps` repeated calls, next to the block computed afresh.
pub fn probe_blocks(db: &Path, reps: usize) -> anyhow::Result<()> {
    println!("query | offset | first call | repeated (median) | afresh (median, before)");
    for (label, q) in block_queries() {
        let total = Store::open(db)?.query_measures_uncached(&q)?.total;
        for offset in [0, total / 2, total.saturating_sub(100)] {
            let q = MeasureQuery {
                offset,
                ..q.clone()
            };
            let store = Store::open(db)?;
            let first = timed(|| store.query_measures(&q))?;
            let (mut repeated, mut afresh) = (Vec::new(), Vec::new());
            // Alternated, so neither side always meets the warmer cache.
            for _ in 0..reps {
                repeated.push(timed(|| store.query_measures(&q))?);
                afresh.push(timed(|| store.query_measures_uncached(&q))?);
            }
            println!(
                "{label} | {offset} | {} | {} | {}",
                dur(first),
                dur(median(&mut repeated)),
                dur(median(&mut afresh))
            );
        }
    }
    Ok(())
}
