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

/// Where the articles are: the ledger (migration 1: `articles` + external-content
/// `article_fts`), or the baseline's plain FTS5 table `articles(headline, body)` holding the
/// generator's clean, segmented articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    Ledger,
    PlainFts5,
}

/// The first page of hits, written directly against `schema`.
pub fn direct_search(conn: &Connection, schema: Schema, query: &str) -> rusqlite::Result<usize> {
    let fts = query.chars().count() >= 3;
    let sql = match (schema, fts) {
        (Schema::Ledger, true) => {
            "SELECT a.id, a.headline, snippet(article_fts, 1, '', '', '…', 16)
             FROM article_fts JOIN articles a ON a.id = article_fts.rowid
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2"
        }
        // Newest first, so a frequent word stops after one page.
        (Schema::Ledger, false) => {
            "SELECT a.id, a.headline, '' FROM articles a
             WHERE a.headline LIKE ?1 OR a.body LIKE ?1 ORDER BY a.id DESC LIMIT ?2"
        }
        (Schema::PlainFts5, true) => {
            "SELECT rowid, headline, snippet(articles, 1, '', '', '…', 16)
             FROM articles WHERE articles MATCH ?1 ORDER BY rank LIMIT ?2"
        }
        // Trigram MATCH needs three characters; scan the table's own content store, as the
        // ledger scans `articles` (LIKE on the FTS5 table itself cannot stop early).
        (Schema::PlainFts5, false) => {
            "SELECT id, c0, '' FROM articles_content
             WHERE c0 LIKE ?1 OR c1 LIKE ?1 ORDER BY id DESC LIMIT ?2"
        }
    };
    let arg = if fts {
        format!("\"{}\"", query.replace('"', "\"\""))
    } else {
        format!("%{query}%")
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map((arg, PAGE as i64), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.len())
}

/// Median time of the direct search over the words, and the slowest word.
fn time_direct(
    conn: &Connection,
    schema: Schema,
    words: &[&'static str],
    reps: usize,
) -> anyhow::Result<(Duration, Duration, &'static str)> {
    let mut samples = Vec::new();
    let mut worst = (Duration::ZERO, "");
    for _ in 0..reps {
        for &w in words {
            let t = Instant::now();
            std::hint::black_box(direct_search(conn, schema, w)?);
            let e = t.elapsed();
            if e > worst.0 {
                worst = (e, w);
            }
            samples.push(e);
        }
    }
    Ok((median(&mut samples), worst.0, worst.1))
}

/// `db` is the ledger; `segmented` the baseline's FTS5 database of clean articles, which
/// shows what search costs once the importer splits issues into articles.
pub fn run(
    store: &Store,
    db: &Path,
    segmented: &Path,
    issues: usize,
    reps: usize,
) -> anyhow::Result<Vec<Row>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let plain = Connection::open_with_flags(segmented, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let articles: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let segmented_articles: i64 =
        plain.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let mut rows = Vec::new();
    for (label, words) in [("2-char", TWO), ("4-char", FOUR)] {
        let words_note = words.join(" ");
        let (d, worst, worst_word) = time_direct(&conn, Schema::Ledger, words, reps)?;
        let mut app = Vec::new();
        for _ in 0..reps {
            for &w in words {
                let t = Instant::now();
                match hooks::store_search(store, w, PAGE) {
                    Some(r) => {
                        std::hint::black_box(r?);
                        app.push(t.elapsed());
                    }
                    None => break,
                }
            }
        }
        let name = format!("search {label}, first {PAGE} hits ({issues} issues)");
        rows.push(if !app.is_empty() {
            let a = median(&mut app);
            Row::new(name)
                .measured(dur(a))
                .baseline(dur(d))
                .ratio(times(a.as_secs_f64() / d.as_secs_f64()))
                .target("median <50 ms")
                .verdict(Verdict::from_bool(a < SEARCH_TARGET))
                .note(format!(
                    "Store::search vs direct FTS5 on the same ledger ({articles} articles); words: {words_note}"
                ))
        } else {
            Row::new(name)
                .measured(dur(d))
                .target("median <50 ms")
                .verdict(Verdict::from_bool(d < SEARCH_TARGET))
                .note(format!(
                    "direct SQL on the ledger ({articles} articles) until Store::search is merged \
                     (hooks::store_search); words: {words_note}; slowest {} for {worst_word}",
                    dur(worst)
                ))
        });
        let (p, worst, worst_word) = time_direct(&plain, Schema::PlainFts5, words, reps)?;
        rows.push(
            Row::new(format!("search {label}, segmented articles"))
                .measured(dur(p))
                .target("median <50 ms")
                .verdict(Verdict::Info)
                .note(format!(
                    "same words over the generator's {segmented_articles} clean articles in a plain FTS5 table \
                     (what a segmenting importer stores); slowest {} for {worst_word}",
                    dur(worst)
                )),
        );
    }
    Ok(rows)
}
