//! A prototype of the fix proposed for the measures-table query (docs/performance.md), run on
//! a copy of the ledger so core is untouched: a contentless FTS5 index of each measure's
//! searchable text (title, issuer, notes, quoted sources) tokenised as overlapping CJK
//! bigrams, so both two-character and longer queries are index look-ups instead of a LIKE
//! over every measure plus a per-measure probe of its sources.
//!
//! If the fix lands in core (migration 3 + the store keeping the index in step), this module
//! and its row in the table can go.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use rusqlite::{params_from_iter, Connection};

use crate::report::{dur, median, times, Row, Verdict};
use crate::table_bench::{direct_query, queries, IN_FORCE};

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// `醴陵市外贸 2020` → `醴陵 陵市 市外 外贸 2020`: every CJK run becomes its overlapping
/// bigrams (a lone CJK character stays one token); other text is left to unicode61.
/// A query tokenised the same way and matched as a phrase finds exactly the measures whose
/// text contains it (for queries of two or more CJK characters).
pub fn bigrams(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_cjk(chars[i]) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            // A letter or digit right before the run would otherwise glue onto its first
            // bigram (`24小时` → one token `24小时`) and hide it from a search for `小时`.
            out.push(' ');
            if run.len() == 1 {
                out.push(run[0]);
                out.push(' ');
            }
            for w in run.windows(2) {
                out.push(w[0]);
                out.push(w[1]);
                out.push(' ');
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn build_index(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE measure_text USING fts5(body, content = '', contentless_delete = 1);",
    )?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut read = tx.prepare(
            "SELECT m.id, m.title || ' ' || coalesce(m.issuer, '') || ' ' || m.notes || ' ' ||
                    coalesce((SELECT group_concat(quote, ' ') FROM sources s WHERE s.measure_id = m.id), '')
             FROM measures m",
        )?;
        let mut write = tx.prepare("INSERT INTO measure_text (rowid, body) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text: String = r.get(1)?;
            write.execute((id, bigrams(&text)))?;
        }
    }
    tx.commit()
}

/// The page the app asks for, answered through the bigram index.
pub fn indexed_query(
    conn: &Connection,
    text: &str,
    day: NaiveDate,
) -> rusqlite::Result<(u32, Vec<i64>)> {
    let phrase = format!("\"{}\"", bigrams(text).trim());
    let day = day.to_string();
    // A join rather than `m.id IN (…)`: SQLite then walks the FTS hits and looks each
    // measure up, instead of first copying the hits into a temporary b-tree (callgrind).
    let from = format!(
        "measure_text t JOIN measures m ON m.id = t.rowid WHERE measure_text MATCH ?1 AND {IN_FORCE}"
    );
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM {from}"))?
        .query_row((&phrase, &day), |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.* FROM {from} ORDER BY m.expires_on ASC NULLS LAST, m.id ASC LIMIT 200"
    ))?;
    let cols = stmt.column_count();
    let mut ids = Vec::with_capacity(200);
    let mut page = Vec::with_capacity(200);
    let mut rows = stmt.query((&phrase, &day))?;
    while let Some(r) = rows.next()? {
        ids.push(r.get::<_, i64>(0)?);
        page.push(
            (0..cols)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
    }
    if !ids.is_empty() {
        let ph = vec!["?"; ids.len()].join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT measure_id, article_id, start_offset, end_offset, quote FROM sources
             WHERE measure_id IN ({ph}) ORDER BY measure_id, seq"
        ))?;
        let spans: Vec<(i64, String)> = stmt
            .query_map(params_from_iter(ids.iter()), |r| Ok((r.get(0)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        std::hint::black_box((&page, &spans));
    }
    Ok((total, ids))
}

/// A copy of the ledger at `copy` with the prototype index (reused if already built).
pub fn indexed_copy(ledger: &Path, copy: &Path) -> anyhow::Result<Connection> {
    if copy.exists() {
        let conn = Connection::open(copy)?;
        let built: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'measure_text')",
            [],
            |r| r.get(0),
        )?;
        if built {
            return Ok(conn);
        }
        drop(conn);
        std::fs::remove_file(copy)?;
    }
    Connection::open(ledger)?.execute("VACUUM INTO ?1", [copy.display().to_string()])?;
    let conn = Connection::open(copy)?;
    build_index(&conn)?;
    Ok(conn)
}

/// Copy the ledger, add the index, check it answers exactly as the current query does, and
/// time both on the copy.
pub fn run(ledger: &Path, work: &Path, reps: usize) -> anyhow::Result<Vec<Row>> {
    let copy = work.join("proposed.sqlite3");
    let _ = std::fs::remove_file(&copy);
    let t = Instant::now();
    let conn = indexed_copy(ledger, &copy)?;
    let build = t.elapsed();
    let qs = queries();
    let differs: Vec<String> = qs
        .iter()
        .map(|(text, day)| -> anyhow::Result<Option<String>> {
            let same = indexed_query(&conn, text, *day)? == direct_query(&conn, text, *day)?;
            Ok((!same).then(|| format!("{text} on {day}")))
        })
        .filter_map(|r| r.transpose())
        .collect::<anyhow::Result<_>>()?;
    let (mut now, mut proposed) = (Vec::new(), Vec::new());
    for i in 0..reps {
        let (text, day) = &qs[i % qs.len()];
        let t = Instant::now();
        std::hint::black_box(direct_query(&conn, text, *day)?);
        now.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(indexed_query(&conn, text, *day)?);
        proposed.push(t.elapsed());
    }
    let (n, p) = (median(&mut now), median(&mut proposed));
    drop(conn);
    let _ = std::fs::remove_file(&copy);
    if !differs.is_empty() {
        return Ok(vec![Row::new("table query, proposed bigram index")
            .verdict(Verdict::Miss)
            .note(format!(
                "the prototype index answered differently from LIKE for {}",
                differs.join(", ")
            ))]);
    }
    Ok(vec![Row::new("table query, proposed bigram index")
        .measured(dur(p))
        .baseline(dur(n))
        .ratio(times(p.as_secs_f64() / n.as_secs_f64()))
        .target("<20 ms")
        .verdict(Verdict::Info)
        .note(format!(
            "prototype on a copy (not in core): FTS5 of CJK bigrams over title/issuer/notes/quotes, same pages and totals \
             as LIKE for the four queries; baseline = today's SQL on the copy; copy + index built in {}",
            dur(build)
        ))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_become_overlapping_bigrams_and_other_text_stays() {
        assert_eq!(bigrams("醴陵市外贸").trim(), "醴陵 陵市 市外 外贸");
        assert_eq!(bigrams("补贴").trim(), "补贴");
        assert_eq!(
            bigrams("A4外贸").split_whitespace().collect::<Vec<_>>(),
            ["A4", "外贸"]
        );
    }

    #[test]
    fn index_finds_what_like_finds() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE measures (id INTEGER PRIMARY KEY, title TEXT NOT NULL, issuer TEXT, notes TEXT NOT NULL,
                 effective_from TEXT, expires_on TEXT);
             CREATE TABLE sources (measure_id INTEGER, seq INTEGER, article_id INTEGER, start_offset INTEGER,
                 end_offset INTEGER, quote TEXT);
             INSERT INTO measures VALUES (1, '醴陵外贸企业展位费补贴', '市商务局', '', '2020-01-01', '2020-12-31'),
                                         (2, '攸县稳岗补贴', NULL, '', '2020-01-01', NULL),
                                         (3, '茶陵县贷款贴息', '市财政局', '外贸', '2020-01-01', '2020-12-31'),
                                         (4, '7×24小时通关', 'A4外贸企业', '', '2020-01-01', NULL);
             INSERT INTO sources VALUES (2, 0, 1, 0, 4, '外贸企业');",
        )
        .unwrap();
        build_index(&conn).unwrap();
        let day = NaiveDate::from_ymd_opt(2020, 6, 1).unwrap();
        for q in ["补贴", "外贸企业", "外贸", "贴息", "冰雪", "小时"] {
            assert_eq!(
                indexed_query(&conn, q, day).unwrap(),
                direct_query(&conn, q, day).unwrap(),
                "{q}"
            );
        }
    }
}
