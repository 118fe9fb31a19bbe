//! `measure_text` (migration 3): a contentless FTS5 index of each measure's searchable text —
//! title, issuer, notes and quoted sources — with every run of CJK characters written as its
//! overlapping two-character pairs, so the measures table's text filter is an index look-up
//! instead of a LIKE over every measure (docs/performance.md, "Table query").
//!
//! Invariant: the row with rowid = measure id holds `bigrams` of that measure's current text.
//! Every store path that writes or deletes a measure row calls [`reindex`] or [`unindex`] in
//! the same transaction. The index is only a pre-filter: `query_measures` keeps its LIKE after
//! the MATCH, so results are exactly those of the LIKE alone.

use rusqlite::{params, Connection};

use crate::model::{Measure, MeasureId};
use crate::Result;

/// CJK ideographs: the unified blocks, extension A and B, and the compatibility block. All are
/// letters for FTS5's unicode61 tokenizer, so each pair written by [`bigrams`] is one token.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2a6df}')
}

/// `醴陵市外贸 2020` → ` 醴陵 陵市 市外 外贸  2020`: every CJK run becomes its overlapping pairs
/// (a lone CJK character stays one token); other text is left to unicode61.
pub(crate) fn bigrams(text: &str) -> String {
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
            // pair (`24小时` → one token `24小时`) and hide it from a search for `小时`.
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

/// The MATCH expression that finds every measure whose text contains `text`, or `None` when
/// the index cannot answer (no run of two or more CJK characters; the caller then scans).
///
/// Only the CJK runs of two or more characters are used, each as a phrase of its pairs: such
/// a run, inside any text containing `text`, lies inside a CJK run of that text, so its pairs
/// are consecutive tokens there. Other characters are left out because unicode61 may glue them
/// to neighbours the query does not show (`企业a` inside `企业ab`). The expression can match a
/// superset (a phrase across two fields' boundary); the caller's LIKE makes it exact.
pub(crate) fn match_expression(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut phrases: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_cjk(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_cjk(chars[i]) {
            i += 1;
        }
        if i - start >= 2 {
            let pairs: Vec<String> = chars[start..i]
                .windows(2)
                .map(|w| w.iter().collect())
                .collect();
            phrases.push(format!("\"{}\"", pairs.join(" ")));
        }
    }
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// Write `m`'s current text into the index (replacing what was there).
pub(super) fn reindex(conn: &Connection, m: &Measure) -> Result<()> {
    unindex(conn, m.id)?;
    index(conn, m)
}

/// Index a measure that has no row in the index yet (just inserted).
pub(super) fn index(conn: &Connection, m: &Measure) -> Result<()> {
    let quotes: Vec<&str> = m.sources.iter().map(|s| s.quote.as_str()).collect();
    conn.prepare_cached(
        "INSERT INTO measure_text (rowid, title, issuer, notes, quotes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        m.id,
        bigrams(&m.title),
        bigrams(m.issuer.as_deref().unwrap_or("")),
        bigrams(&m.notes),
        // Quotes joined by a line break: never CJK, so no pair spans two quotes.
        bigrams(&quotes.join("\n")),
    ])?;
    Ok(())
}

/// Remove a deleted measure from the index.
pub(super) fn unindex(conn: &Connection, id: MeasureId) -> Result<()> {
    conn.prepare_cached("DELETE FROM measure_text WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// Migration 3's Rust step: index the measures already in the ledger.
pub(super) fn backfill(conn: &Connection) -> Result<()> {
    let mut read = conn.prepare(
        "SELECT m.id, m.title, coalesce(m.issuer, ''), m.notes,
                coalesce((SELECT group_concat(quote, char(10)) FROM
                            (SELECT quote FROM sources s WHERE s.measure_id = m.id ORDER BY seq)), '')
         FROM measures m",
    )?;
    let mut write = conn.prepare(
        "INSERT INTO measure_text (rowid, title, issuer, notes, quotes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (title, issuer, notes, quotes): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        write.execute(params![
            id,
            bigrams(&title),
            bigrams(&issuer),
            bigrams(&notes),
            bigrams(&quotes)
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_become_overlapping_pairs_and_other_text_stays() {
        let cases = [
            ("醴陵市外贸", " 醴陵 陵市 市外 外贸 "),
            ("电", " 电 "),
            ("3.64元", "3.64 元 "),
            ("24小时通关", "24 小时 时通 通关 "),
            ("5G基建 ok", "5G 基建  ok"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(bigrams(text), want, "{text}");
        }
    }

    #[test]
    fn match_expression_uses_only_runs_of_two_or_more_cjk_characters() {
        let cases = [
            ("外贸企业", Some("\"外贸 贸企 企业\"")),
            ("电价", Some("\"电价\"")),
            ("企业a", Some("\"企业\"")),
            ("降低 电价", Some("\"降低\" AND \"电价\"")),
            ("元", None),
            ("3.64元", None),
            ("元a元", None),
            ("ok", None),
        ];
        for (text, want) in cases {
            assert_eq!(match_expression(text).as_deref(), want, "{text}");
        }
    }
}
