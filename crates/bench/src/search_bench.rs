//! Search over a year of issues: the first page of hits for two- and four-character Chinese
//! queries. Until `Store::search` lands (hooks::store_search), the figure is the direct
//! query a search would run: FTS5 trigram MATCH for three characters or more, and a scan
//! with LIKE for two (trigram MATCH cannot answer fewer than three).

use std::path::Path;
use std::time::{Duration, Instant};

use policy_ledger_core::Store;
use rusqlite::{Connection, OpenFlags};

use crate::hooks;
use crate::report::{dur, median, times, Row, Verdict};

const SEARCH_TARGET: Duration = Duration::from_millis(50);
pub const PAGE: usize = 50;

/// Common words, rarer words and one absent word (the worst case: every article scanned).
const TWO: &[&str] = &[
    "电价", "补贴", "陶瓷", "物流", "就业", "烟花", "水价", "冰雪",
];
const FOUR: &[&str] = &[
    "外贸企业",
    "贷款利率",
    "营商环境",
    "项目建设",
    "综合水价",
    "跨境电商",
    "乡村振兴",
    "冬奥冰雪",
];

/// The first page of hits, written directly against the schema of migration 1.
pub fn direct_search(conn: &Connection, query: &str) -> rusqlite::Result<usize> {
    if query.chars().count() >= 3 {
        let phrase = format!("\"{}\"", query.replace('"', "\"\""));
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, a.headline, snippet(article_fts, 1, '', '', '…', 16)
             FROM article_fts JOIN articles a ON a.id = article_fts.rowid
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map((phrase, PAGE as i64), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.len())
    } else {
        // Newest first, so a frequent word stops after one page.
        let like = format!("%{query}%");
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, a.headline FROM articles a
             WHERE a.headline LIKE ?1 OR a.body LIKE ?1 ORDER BY a.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map((like, PAGE as i64), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.len())
    }
}

pub fn run(store: &Store, db: &Path, issues: usize, reps: usize) -> anyhow::Result<Vec<Row>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut rows = Vec::new();
    for (label, words) in [("2-char", TWO), ("4-char", FOUR)] {
        let mut direct = Vec::new();
        let mut app = Vec::new();
        let mut worst = (Duration::ZERO, "");
        let mut hook_on = true;
        for _ in 0..reps {
            for &w in words {
                let t = Instant::now();
                std::hint::black_box(direct_search(&conn, w)?);
                let e = t.elapsed();
                if e > worst.0 {
                    worst = (e, w);
                }
                direct.push(e);
                let t = Instant::now();
                match hooks::store_search(store, w, PAGE) {
                    Some(r) => {
                        std::hint::black_box(r?);
                        app.push(t.elapsed());
                    }
                    None => hook_on = false,
                }
            }
        }
        let d = median(&mut direct);
        let name = format!("search {label}, first {PAGE} hits ({issues} issues)");
        let words_note = words.join(" ");
        let row = if hook_on && !app.is_empty() {
            let a = median(&mut app);
            Row::new(name)
                .measured(dur(a))
                .baseline(dur(d))
                .ratio(times(a.as_secs_f64() / d.as_secs_f64()))
                .target("median <50 ms")
                .verdict(Verdict::from_bool(a < SEARCH_TARGET))
                .note(format!("Store::search vs direct FTS5; words: {words_note}"))
        } else {
            Row::new(name)
                .measured(dur(d))
                .target("median <50 ms")
                .verdict(Verdict::from_bool(d < SEARCH_TARGET))
                .note(format!(
                    "direct SQL stand-in until Store::search is merged (hooks::store_search); \
                     words: {words_note}; slowest {} for {}",
                    dur(worst.0),
                    worst.1
                ))
        };
        rows.push(row);
    }
    Ok(rows)
}
