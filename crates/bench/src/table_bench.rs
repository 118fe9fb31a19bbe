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

/// The same page by hand: total, 200 rows of every column, and their source spans, read as
/// raw SQLite values (no domain types). Through the pair index (`measure_text`, schema 3),
/// with the LIKE kept for exactness, as `query_measures` does; with `scan`, the LIKE alone
/// over every measure (the query before schema 3, for before/after).
pub fn direct_query(
    conn: &Connection,
    text: &str,
    day: NaiveDate,
    scan: bool,
) -> rusqlite::Result<(u32, Vec<i64>)> {
    let like = format!("%{text}%");
    let day = day.to_string();
    let phrase = pairs_phrase(text);
    let (from, filter) = if scan {
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
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM {from} WHERE {filter}"))?
        .query_row((&like, &day, &phrase), |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.* FROM {from} WHERE {filter}
         ORDER BY m.expires_on ASC NULLS LAST, m.id ASC LIMIT 200"
    ))?;
    let cols = stmt.column_count();
    let mut ids = Vec::with_capacity(200);
    let mut rows = stmt.query((&like, &day, &phrase))?;
    let mut page: Vec<Vec<Value>> = Vec::with_capacity(200);
    while let Some(r) = rows.next()? {
        ids.push(r.get(0)?);
        page.push(
            (0..cols)
                .map(|i| r.get(i))
                .collect::<rusqlite::Result<_>>()?,
        );
    }
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
    // Check both sides answer the same before timing them.
    for (text, day) in &qs {
        let page = store.query_measures(&app_query(text, *day))?;
        let (total, ids) = direct_query(&conn, text, *day, false)?;
        let scanned = direct_query(&conn, text, *day, true)?;
        let app_ids: Vec<i64> = page.rows.iter().map(|m| m.id).collect();
        anyhow::ensure!(
            page.total == total && app_ids == ids && scanned == (total, ids),
            "query_measures, the direct SQL and the LIKE scan disagree for {text} on {day}"
        );
    }
    let mut app = Vec::with_capacity(reps);
    let mut direct = Vec::with_capacity(reps);
    let mut scan = Vec::with_capacity(reps);
    for i in 0..reps {
        let (text, day) = &qs[i % qs.len()];
        // Alternate which side goes first, so neither always meets a warmer cache.
        let mut time_app = || -> anyhow::Result<()> {
            let t = Instant::now();
            std::hint::black_box(store.query_measures(&app_query(text, *day))?);
            app.push(t.elapsed());
            Ok(())
        };
        let mut time_direct = || -> anyhow::Result<()> {
            let t = Instant::now();
            std::hint::black_box(direct_query(&conn, text, *day, false)?);
            direct.push(t.elapsed());
            Ok(())
        };
        let t = Instant::now();
        std::hint::black_box(direct_query(&conn, text, *day, true)?);
        scan.push(t.elapsed());
        if i % 2 == 0 {
            time_app()?;
            time_direct()?;
        } else {
            time_direct()?;
            time_app()?;
        }
    }
    let (a, d, s) = (median(&mut app), median(&mut direct), median(&mut scan));
    let ratio = a.as_secs_f64() / d.as_secs_f64();
    let before = Row::new("table query before the pair index (LIKE scan)")
        .measured(dur(s))
        .baseline(dur(a))
        .ratio(times(s.as_secs_f64() / a.as_secs_f64()))
        .target("-")
        .verdict(Verdict::Info)
        .note("schema 2's SQL by hand (same pages and totals, checked); baseline = query_measures today");
    Ok(vec![before, Row::new(format!("table query ({measures} measures)"))
        .measured(dur(a))
        .baseline(dur(d))
        .ratio(times(ratio))
        .target("<20 ms, ≤2× direct SQL")
        .verdict(Verdict::from_bool(
            a < TABLE_MEDIAN_TARGET && ratio <= TABLE_RATIO_TARGET,
        ))
        .note(format!(
            "median of {reps}: page 200 by expiry, text ∈ {{补贴, 天然气, 醴陵, 外贸企业}} + in force on a day; \
             Store::query_measures vs the same SQL (pair index + LIKE) on a second connection"
        ))])
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
    match (direct || scan, scan) {
        (true, scan) => {
            std::hint::black_box(direct_query(conn, text, day, scan)?);
        }
        (false, _) => {
            std::hint::black_box(store.query_measures(&app_query(text, day))?);
        }
    }
    Ok(())
}
