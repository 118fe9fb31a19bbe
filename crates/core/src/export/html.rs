//! The printable policy calendar: one self-contained HTML file (inline CSS, no script, no
//! external resource) with a month grid per month and the measures in force that month.
//!
//! All text comes from imported newspapers and is escaped on the way out; a Content Security
//! Policy forbids scripts and loads anyway, in case a browser is asked to open a tampered copy.
//! Printing puts each month on its own landscape page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Months, NaiveDate, Utc, Weekday};

use super::describe::{self, ExportContext};
use super::options::{ExportOptions, ExportReport};
use crate::model::{Measure, MeasureStatus};

/// More months than this (ten years) are cut at the end, and the cut is stated on the page.
pub const MAX_MONTHS: u32 = 120;

const STYLE: &str = r#"
:root { --ink: #1d232b; --muted: #5b6573; --line: #c9d0d9; --start: #1c6e3d; --end: #a0301f; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--ink); margin: 24px; font-size: 13px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.meta, .note { color: var(--muted); margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
.grid { table-layout: fixed; }
.grid th { font-weight: 600; padding: 4px; border: 1px solid var(--line); background: #eef1f5; }
.grid td { vertical-align: top; height: 78px; padding: 3px 4px; border: 1px solid var(--line); overflow: hidden; }
.grid td.other { background: #f6f7f9; }
.grid .num { font-weight: 600; }
.grid ul { list-style: none; margin: 2px 0 0; padding: 0; font-size: 11px; }
.grid li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.grid li.start { color: var(--start); }
.grid li.end { color: var(--end); }
.list th, .list td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
.list th { border-bottom: 2px solid var(--ink); }
.list td.dates { white-space: nowrap; }
.quote { color: var(--muted); font-size: 12px; }
.status { font-size: 11px; border: 1px solid var(--muted); border-radius: 3px; padding: 0 3px; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  section.month { break-before: page; }
  section.month:first-of-type { break-before: auto; }
  section.undated { break-before: page; }
  .grid td { height: 20mm; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// The page and its report.
#[derive(Debug, Clone)]
pub struct HtmlExport {
    pub text: String,
    pub report: ExportReport,
}

/// A printable calendar of `measures` (already selected). Uses the calendar's name as title,
/// its DTSTAMP as the "generated" time, and the filter's date window to bound the months.
pub fn to_html<'a, I>(measures: I, ctx: &ExportContext, opts: &ExportOptions) -> HtmlExport
where
    I: IntoIterator<Item = &'a Measure>,
{
    let measures: Vec<&Measure> = measures.into_iter().collect();
    let mut report = ExportReport {
        considered: measures.len() as u32,
        selected: measures.len() as u32,
        exported: measures.len() as u32,
        ..Default::default()
    };
    let title = match opts.calendar.name.trim() {
        "" => "政策日历",
        t => t,
    };
    let generated = opts.calendar.dtstamp.unwrap_or_else(Utc::now);

    let mut h = String::with_capacity(16_384 + measures.len() * 600);
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape(title, &mut h);
    let _ = write!(
        h,
        "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>"
    );
    escape(title, &mut h);
    let _ = writeln!(
        h,
        "</h1>\n<p class=\"meta\">生成于 {} UTC · 共 {} 项政策</p>\n</header>",
        generated.format("%Y-%m-%d %H:%M"),
        measures.len()
    );

    let (dated, undated): (Vec<&Measure>, Vec<&Measure>) = measures
        .iter()
        .partition(|m| m.effective_from.is_some() && m.expires_on.is_some());
    let months = month_range(&measures, opts.filter.from, opts.filter.until);
    match months {
        None => h.push_str("<p class=\"note\">没有可放入日历的日期。</p>\n"),
        Some((first, count, cut)) => {
            if cut {
                let _ = writeln!(
                    h,
                    "<p class=\"note\">日期跨度超过 {MAX_MONTHS} 个月，只显示自 {}年{}月起的 {MAX_MONTHS} 个月；请用日期范围筛选。</p>",
                    first.year(),
                    first.month()
                );
            }
            let by_day = milestones(&measures);
            for i in 0..count {
                let start = first + Months::new(i);
                month_section(start, &by_day, &dated, ctx, &mut h);
            }
        }
    }
    if !undated.is_empty() {
        h.push_str("<section class=\"undated\">\n<h2>日期不全的政策</h2>\n<p class=\"note\">以下政策缺少生效或截止日期，未列入每月有效政策；已知的日期已标在月历上。</p>\n");
        measure_table(&undated, ctx, &mut h);
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    report.events = 0;
    HtmlExport { text: h, report }
}

/// First month, number of months, and whether the range was cut at [`MAX_MONTHS`].
fn month_range(
    measures: &[&Measure],
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Option<(NaiveDate, u32, bool)> {
    let dates = measures
        .iter()
        .flat_map(|m| [m.effective_from, m.expires_on])
        .flatten();
    let (mut lo, mut hi) = dates.fold(
        (None, None),
        |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        },
    );
    // The window narrows the pages but never widens them beyond the data.
    if let (Some(f), Some(l)) = (from, lo) {
        lo = Some(l.max(f));
    }
    if let (Some(u), Some(h)) = (until, hi) {
        hi = Some(h.min(u));
    }
    let (lo, hi) = (lo?, hi?);
    if hi < lo {
        return None;
    }
    let first = lo.with_day(1)?;
    let count = (hi.year() - lo.year()) as u32 * 12 + hi.month() - lo.month() + 1;
    Some((first, count.min(MAX_MONTHS), count > MAX_MONTHS))
}

fn month_section(
    first: NaiveDate,
    by_day: &Milestones<'_>,
    dated: &[&Measure],
    ctx: &ExportContext,
    h: &mut String,
) {
    let next = first + Months::new(1);
    let last = next.pred_opt().unwrap_or(first);
    let _ = writeln!(
        h,
        "<section class=\"month\">\n<h2>{}年{}月</h2>",
        first.year(),
        first.month()
    );
    h.push_str("<table class=\"grid\">\n<thead><tr>");
    for d in ["一", "二", "三", "四", "五", "六", "日"] {
        let _ = write!(h, "<th>{d}</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    // Weeks start on Monday, as Chinese calendars print them.
    let lead = first.weekday().num_days_from_monday() as u64;
    let mut day = first - chrono::Days::new(lead);
    loop {
        h.push_str("<tr>");
        for _ in 0..7 {
            day_cell(day, first.month(), by_day, h);
            day = day.succ_opt().unwrap_or(day);
        }
        h.push_str("</tr>\n");
        if day > last && day.weekday() == Weekday::Mon {
            break;
        }
    }
    h.push_str("</tbody>\n</table>\n");

    let in_force: Vec<&Measure> = dated
        .iter()
        .copied()
        .filter(|m| {
            m.effective_from.is_some_and(|s| s <= last) && m.expires_on.is_some_and(|e| e >= first)
        })
        .collect();
    let _ = writeln!(h, "<h3>本月有效的政策（{}）</h3>", in_force.len());
    if in_force.is_empty() {
        h.push_str("<p class=\"note\">本月没有有效的政策。</p>\n");
    } else {
        measure_table(&in_force, ctx, h);
    }
    h.push_str("</section>\n");
}

/// Milestones by day: (measure, CSS class, label), in the order the measures were given.
type Milestones<'a> = BTreeMap<NaiveDate, Vec<(&'a Measure, &'static str, &'static str)>>;

fn milestones<'a>(measures: &[&'a Measure]) -> Milestones<'a> {
    let mut by_day: Milestones<'a> = BTreeMap::new();
    for m in measures {
        if let Some(d) = m.effective_from {
            by_day.entry(d).or_default().push((m, "start", "生效"));
        }
        if let Some(d) = m.expires_on {
            by_day.entry(d).or_default().push((m, "end", "到期"));
        }
    }
    by_day
}

fn day_cell(day: NaiveDate, month: u32, by_day: &Milestones<'_>, h: &mut String) {
    if day.month() != month {
        let _ = write!(
            h,
            "<td class=\"other\"><span class=\"num\">{}</span></td>",
            day.day()
        );
        return;
    }
    let _ = write!(h, "<td><span class=\"num\">{}</span>", day.day());
    if let Some(items) = by_day.get(&day) {
        h.push_str("<ul>");
        let mut s = String::new();
        for (m, class, label) in items {
            s.clear();
            describe::summary(m, &mut s);
            let _ = write!(h, "<li class=\"{class}\" title=\"");
            escape(&s, h);
            let _ = write!(h, "\">{label} ");
            escape(&s, h);
            h.push_str("</li>");
        }
        h.push_str("</ul>");
    }
    h.push_str("</td>");
}

fn measure_table(ms: &[&Measure], ctx: &ExportContext, h: &mut String) {
    h.push_str("<table class=\"list\">\n<thead><tr><th>政策</th><th>发布</th><th>内容</th><th>对象</th><th>有效期</th><th>出处</th></tr></thead>\n<tbody>\n");
    let mut s = String::new();
    for m in ms {
        h.push_str("<tr><td>");
        escape(m.title.trim(), h);
        if m.status != MeasureStatus::Confirmed {
            h.push_str(" <span class=\"status\">");
            h.push_str(describe::status_words(m.status));
            h.push_str("</span>");
        }
        if let Some(p) = ctx.package_title(m) {
            h.push_str("<br><span class=\"quote\">所属：");
            escape(p.trim(), h);
            h.push_str("</span>");
        }
        h.push_str("</td><td>");
        escape(m.issuer.as_deref().unwrap_or("").trim(), h);
        h.push_str("</td><td>");
        if let Some(v) = &m.value {
            s.clear();
            describe::value_words(v, &mut s);
            escape(&s, h);
        }
        h.push_str("</td><td>");
        escape(&m.beneficiaries.join("、"), h);
        h.push_str("</td><td class=\"dates\">");
        s.clear();
        describe::validity_words(m, &mut s);
        escape(&s, h);
        h.push_str("</td><td>");
        for (i, src) in m.sources.iter().enumerate() {
            if i > 0 {
                h.push_str("<br>");
            }
            s.clear();
            describe::citation(src, ctx, &mut s);
            escape(&s, h);
            h.push_str("<br><span class=\"quote\">「");
            escape(src.quote.trim(), h);
            h.push_str("」</span>");
        }
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Escape text for an HTML element or a quoted attribute.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        let mut s = String::new();
        escape("<script>alert('x' & \"y\")</script>", &mut s);
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
    }
}
