//! Measures as CSV for spreadsheets: one row per measure, every field, a fixed column order
//! ([`COLUMNS`]; new columns are only ever appended), UTF-8 with an optional BOM.
//!
//! Imported newspaper text is untrusted, and a spreadsheet runs a cell that starts with
//! `=`, `+`, `-` or `@` as a formula (CSV injection). Such cells get a leading apostrophe,
//! except plain numbers such as `-0.4` or `-15%`, which a spreadsheet reads as a number and
//! cannot execute: a signed number must stay a number for the analyst to sum or sort it.

use std::fmt::Write as _;

use super::describe::{self, ExportContext};
use super::options::{CsvOptions, ExportReport};
use crate::model::{Bound, DatePrecision, Measure, MeasureValue};

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "uid",
    "parent_id",
    "package_title",
    "title",
    "issuer",
    "jurisdiction",
    "category",
    "beneficiaries",
    "value_kind",
    "value_number",
    "value_currency",
    "value_unit",
    "value_bound",
    "value_words",
    "effective_from",
    "effective_precision",
    "effective_inferred",
    "expires_on",
    "expires_precision",
    "expires_inferred",
    "status",
    "notes",
    "source_count",
    "source_spans",
    "source_citations",
    "source_quotes",
    "suggestion_key",
    "revision",
    "created_at",
    "updated_at",
];

/// Separator inside list cells (beneficiaries): the Chinese enumeration comma, which an
/// analyst reads naturally and which never separates CSV fields.
pub const LIST_SEPARATOR: &str = "、";

/// CSV text and its report.
#[derive(Debug, Clone)]
pub struct CsvExport {
    pub bytes: Vec<u8>,
    pub report: ExportReport,
}

/// Write `measures` (already selected) as CSV.
pub fn to_csv<'a, I>(measures: I, ctx: &ExportContext, opts: &CsvOptions) -> CsvExport
where
    I: IntoIterator<Item = &'a Measure>,
{
    let mut bytes = Vec::new();
    if opts.bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut report = ExportReport::default();
    {
        // CRLF: what Excel writes and RFC 4180 asks for.
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        w.write_record(COLUMNS)
            .expect("writing to memory cannot fail");
        let mut row: Vec<String> = vec![String::new(); COLUMNS.len()];
        for m in measures {
            fill_row(m, ctx, &mut row);
            for cell in row.iter_mut() {
                neutralise(cell);
            }
            w.write_record(&row).expect("writing to memory cannot fail");
            report.considered += 1;
            report.selected += 1;
            report.exported += 1;
        }
        w.flush().expect("writing to memory cannot fail");
    }
    CsvExport { bytes, report }
}

fn fill_row(m: &Measure, ctx: &ExportContext, row: &mut [String]) {
    for c in row.iter_mut() {
        c.clear();
    }
    let mut col = 0;
    let mut next = || {
        col += 1;
        col - 1
    };
    let _ = write!(row[next()], "{}", m.id);
    row[next()].push_str(&m.uid);
    if let Some(p) = m.parent_id {
        let _ = write!(row[next()], "{p}");
    } else {
        next();
    }
    row[next()].push_str(ctx.package_title(m).unwrap_or(""));
    row[next()].push_str(&m.title);
    row[next()].push_str(m.issuer.as_deref().unwrap_or(""));
    row[next()].push_str(m.jurisdiction.as_deref().unwrap_or(""));
    row[next()].push_str(m.category.as_deref().unwrap_or(""));
    row[next()].push_str(&m.beneficiaries.join(LIST_SEPARATOR));

    let (kind, number, currency, unit, bound) = value_cells(m.value.as_ref());
    row[next()].push_str(kind);
    row[next()].push_str(&number);
    row[next()].push_str(currency);
    row[next()].push_str(unit);
    row[next()].push_str(bound);
    if let Some(v) = &m.value {
        describe::value_words(v, &mut row[next()]);
    } else {
        next();
    }

    date_cells(
        m.effective_from,
        m.effective_precision,
        m.effective_inferred,
        row,
        &mut next,
    );
    date_cells(
        m.expires_on,
        m.expires_precision,
        m.expires_inferred,
        row,
        &mut next,
    );
    row[next()].push_str(m.status.as_str());
    row[next()].push_str(&m.notes);

    // Sources: one line per span, the same line in each of the three cells.
    let _ = write!(row[next()], "{}", m.sources.len());
    let (spans, cites, quotes) = (next(), next(), next());
    for (i, s) in m.sources.iter().enumerate() {
        if i > 0 {
            row[spans].push('\n');
            row[cites].push('\n');
            row[quotes].push('\n');
        }
        let _ = write!(row[spans], "{}:{}-{}", s.article_id, s.start, s.end);
        describe::citation(s, ctx, &mut row[cites]);
        // A quote may span paragraphs; keep one line per span so the cells stay aligned.
        row[quotes].push_str(&s.quote.replace(['\r', '\n'], " "));
    }
    row[next()].push_str(m.suggestion_key.as_deref().unwrap_or(""));
    let _ = write!(row[next()], "{}", m.revision);
    row[next()].push_str(&m.created_at);
    row[next()].push_str(&m.updated_at);
    debug_assert_eq!(next(), COLUMNS.len());
}

fn date_cells(
    d: Option<chrono::NaiveDate>,
    p: Option<DatePrecision>,
    inferred: bool,
    row: &mut [String],
    next: &mut impl FnMut() -> usize,
) {
    if let Some(d) = d {
        let _ = write!(row[next()], "{d}");
    } else {
        next();
    }
    row[next()].push_str(p.map(DatePrecision::as_str).unwrap_or(""));
    row[next()].push_str(if inferred { "true" } else { "false" });
}

/// kind, number, currency, unit, bound of a value.
fn value_cells(v: Option<&MeasureValue>) -> (&str, String, &str, &str, &'static str) {
    let bound_str = |b: &Bound| match b {
        Bound::Exact => "exact",
        Bound::AtLeast => "at_least",
        Bound::AtMost => "at_most",
    };
    match v {
        None => ("", String::new(), "", "", ""),
        Some(MeasureValue::Amount {
            amount,
            currency,
            bound,
        }) => ("amount", amount.to_string(), currency, "", bound_str(bound)),
        Some(MeasureValue::UnitPrice {
            amount,
            currency,
            unit,
        }) => (
            "unit_price",
            amount.to_string(),
            currency,
            unit.as_deref().unwrap_or(""),
            "exact",
        ),
        Some(MeasureValue::Percentage { percent, bound }) => {
            ("percentage", percent.to_string(), "", "%", bound_str(bound))
        }
        Some(MeasureValue::Rate { percent, bound }) => {
            ("rate", percent.to_string(), "", "%", bound_str(bound))
        }
        Some(MeasureValue::PercentChange { percent, bound }) => (
            "percent_change",
            percent.to_string(),
            "",
            "%",
            bound_str(bound),
        ),
        Some(MeasureValue::PercentagePoints { points, bound }) => (
            "percentage_points",
            points.to_string(),
            "",
            "pp",
            bound_str(bound),
        ),
        Some(MeasureValue::ChangePerUnit {
            amount,
            currency,
            unit,
        }) => (
            "change_per_unit",
            amount.to_string(),
            currency,
            unit,
            "exact",
        ),
        Some(MeasureValue::Multiple { factor, bound }) => {
            ("multiple", factor.to_string(), "", "×", bound_str(bound))
        }
        Some(MeasureValue::Text { .. }) => ("text", String::new(), "", "", ""),
    }
}

/// Prefix a cell a spreadsheet would run as a formula with `'`. Tab and CR count too: some
/// spreadsheets strip them and then see the formula behind.
pub fn neutralise(cell: &mut String) {
    let first = cell.chars().next();
    let dangerous = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if dangerous && !is_plain_number(cell) {
        cell.insert(0, '\'');
    }
}

/// `-0.4`, `+15`, `-15%`, `12.50`: a sign, digits, at most one decimal point, an optional
/// percent sign, nothing else. A spreadsheet parses these as numbers, never as formulas.
pub fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let body = body.strip_suffix('%').unwrap_or(body);
    let mut digits = 0;
    let mut points = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' => points += 1,
            _ => return false,
        }
    }
    digits > 0 && points <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_but_signed_numbers_stay_numbers() {
        let table = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("-0.4", "-0.4"),
            ("-15%", "-15%"),
            ("+3.64", "+3.64"),
            ("-", "'-"),
            ("-.", "'-."),
            ("1-2", "1-2"),
            ("电价下调", "电价下调"),
            ("", ""),
        ];
        for (input, want) in table {
            let mut cell = input.to_string();
            neutralise(&mut cell);
            assert_eq!(cell, want, "cell {input:?}");
        }
    }

    #[test]
    fn header_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in COLUMNS {
            assert!(seen.insert(c), "duplicate column {c}");
        }
    }
}
