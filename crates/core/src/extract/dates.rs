//! Policy periods: turns phrases such as `2020年4月10日0时开始至6月4日24时`,
//! `至今年12月31日`, `即日起`, `12月1日至次年2月底`, `有效期三年` or `“十四五”期间` into an
//! effective date and an expiry date (inclusive civil dates), each with its precision and
//! whether it was inferred.
//!
//! The grammar is hand-written over `char`s: no regex is compiled, nothing is allocated per
//! character, so scanning a whole issue costs microseconds.
//!
//! Conventions (see docs/extraction.md):
//! - `24时` is the end of that day: `6月4日24时` expires on 4 June, not 5 June (a start at
//!   24:00, `6月4日24时起`, is the beginning of 5 June).
//! - A date without a year takes the year of the first part of its range, else the
//!   reference (issue) date's year, and is then marked inferred.
//! - A period-level word (`6月`, `2020年`, `一季度`, `上旬`) stands for all its days: it
//!   starts on its first day and ends on its last.
//! - `X前` / `截至X` give an expiry only; `X起` an effective date only.
//! - Open-ended phrases (`疫情防控期间`, `另行通知`) leave the end unknown rather than guess.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::holidays;
use super::numbers::{arabic_digit, at, chinese_digit, eat, parse_arabic_int, parse_int, Words};
use crate::model::DatePrecision;

/// The effective and expiry dates read from one phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatePeriod {
    /// First day in force (inclusive), if the phrase fixes it.
    pub start: Option<NaiveDate>,
    /// Last day in force (inclusive), if the phrase fixes it.
    pub end: Option<NaiveDate>,
    pub start_precision: Option<DatePrecision>,
    pub end_precision: Option<DatePrecision>,
    /// The start relied on the reference date (a year-less date, a duration with no stated
    /// start), not on the text alone.
    pub start_inferred: bool,
    pub end_inferred: bool,
    pub kind: PeriodKind,
    /// The phrase ties the end to an event (`疫情结束`, `另行通知`): `end` is unknown on purpose.
    pub open_ended: bool,
    /// A length stated in the phrase (`有效期三年`), counted from the start.
    pub duration: Option<PeriodLength>,
    /// The part of the phrase that was read, in chars of the phrase.
    pub matched: Option<MatchedText>,
    /// The start is an event of each beneficiary's, not a calendar date (`缓缴期限为3个月，
    /// 自原纳税期限届满之日起计算` → `原纳税期限届满`): `start` stays unknown on purpose and a
    /// stated length is not counted from any other date. Internal to the suggester's notes;
    /// not part of the wire format.
    #[serde(skip)]
    #[ts(skip)]
    pub start_event: Option<String>,
}

/// What kind of statement the phrase makes about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PeriodKind {
    /// Both ends stated (`4月10日至6月4日`, `“十四五”期间`).
    Range,
    /// A start only (`即日起`, `自5月1日起`).
    From,
    /// An end only (`截至6月30日`, `年底前`, `至今年12月31日`).
    Until,
    /// A single date or calendar unit (`4月10日`, `一季度`).
    Point,
    /// A length only (`有效期三年`), counted from the start.
    Duration,
    /// Tied to an event, not a date (`疫情防控期间`).
    OpenEnded,
    /// Nothing recognised.
    None,
}

/// A stated length: `有效期三年` → 36 months, `为期90天` → 90 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodLength {
    pub months: u32,
    pub days: u32,
}

/// A sub-span of a text, offsets in chars (Unicode scalar values), end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatchedText {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// One line of `policy-ledger parse-dates`: the phrase with its period flattened beside it,
/// `{"phrase": ..., "start": ..., "end": ..., "start_precision": ..., ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParsedPhrase {
    pub phrase: String,
    #[serde(flatten)]
    pub period: DatePeriod,
}

impl ParsedPhrase {
    pub fn new(phrase: &str, reference: NaiveDate) -> Self {
        ParsedPhrase {
            phrase: phrase.to_string(),
            period: parse_period(phrase, reference),
        }
    }
}

impl DatePeriod {
    /// Nothing recognised.
    pub fn unknown() -> Self {
        DatePeriod {
            start: None,
            end: None,
            start_precision: None,
            end_precision: None,
            start_inferred: false,
            end_inferred: false,
            kind: PeriodKind::None,
            open_ended: false,
            duration: None,
            matched: None,
            start_event: None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.kind == PeriodKind::None
    }
}

/// Read the policy period a phrase states, relative to `reference` (the issue date).
///
/// Every date expression in the phrase is read and they are combined: `自2020年1月1日起施行，
/// 有效期三年` → 2020-01-01 .. 2022-12-31. Unrecognised phrases give [`PeriodKind::None`].
pub fn parse_period(phrase: &str, reference: NaiveDate) -> DatePeriod {
    let cs: Vec<char> = phrase.chars().collect();
    let found = scan(&cs, Some(reference), false);
    let periods: Vec<DatePeriod> = found.into_iter().map(|(_, p)| p).collect();
    merge_periods(&periods, Some(reference), &cs)
}

/// Every date expression in `text`, with its char span. Text inside 《》 is skipped: it
/// names a document (`《2020年重点展会目录》`), not a period.
pub fn find_periods(text: &str, reference: NaiveDate) -> Vec<((usize, usize), DatePeriod)> {
    let cs: Vec<char> = text.chars().collect();
    scan(&cs, Some(reference), true)
}

/// Like [`find_periods`] on chars already split, with an optional reference (an issue
/// without a known date still yields its absolute dates).
pub(crate) fn scan(
    cs: &[char],
    reference: Option<NaiveDate>,
    skip_titles: bool,
) -> Vec<((usize, usize), DatePeriod)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut title_depth = 0u32;
    while i < cs.len() {
        let c = cs[i];
        if skip_titles {
            if c == '《' {
                title_depth += 1;
                i += 1;
                continue;
            }
            if c == '》' {
                title_depth = title_depth.saturating_sub(1);
                i += 1;
                continue;
            }
            if title_depth > 0 {
                i += 1;
                continue;
            }
        }
        if may_start(c) || holidays::starts(cs, i) || runs_out_at(cs, i) || act_day(cs, i).is_some()
        {
            // A number glued to a preceding digit or letter is the tail of something else.
            let glued = i > 0 && (cs[i - 1].is_ascii_alphanumeric() || cs[i - 1] == '.');
            if !glued && !counted_unit(cs, i) {
                if let Some((p, end)) = parse_expr(cs, i, reference) {
                    let mut p = p;
                    p.matched = Some(MatchedText {
                        start: i as u32,
                        end: end as u32,
                        text: cs[i..end].iter().collect(),
                    });
                    out.push(((i, end), p));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Combine the periods read from one phrase or sentence: the first stated start, the first
/// stated end not before it, a duration counted from the start when no end is stated.
pub(crate) fn merge_periods(
    periods: &[DatePeriod],
    reference: Option<NaiveDate>,
    cs: &[char],
) -> DatePeriod {
    let mut out = DatePeriod::unknown();
    if periods.is_empty() {
        return out;
    }
    let mut duration = None;
    let mut open = false;
    let event = periods.iter().find_map(|p| p.start_event.clone());
    for p in periods {
        if p.kind == PeriodKind::Duration {
            duration = duration.or(p.duration);
            continue;
        }
        if p.kind == PeriodKind::OpenEnded {
            open = true;
            continue;
        }
        // A later expression never makes the period end before it starts (`年内明年`).
        let start_fits = match (p.start, out.end) {
            (Some(s), Some(e)) => s <= e,
            _ => true,
        };
        if out.start.is_none() && p.start.is_some() && p.kind != PeriodKind::Until && start_fits {
            out.start = p.start;
            out.start_precision = p.start_precision;
            out.start_inferred = p.start_inferred;
        }
        if out.end.is_none() && p.end.is_some() && p.kind != PeriodKind::From {
            let ok = match (out.start, p.end) {
                (Some(s), Some(e)) => e >= s,
                _ => true,
            };
            if ok {
                out.end = p.end;
                out.end_precision = p.end_precision;
                out.end_inferred = p.end_inferred;
            }
        }
        open |= p.open_ended;
    }
    if out.end.is_none() && (event.is_none() || out.start.is_some()) {
        if let Some(d) = duration {
            let (base, inferred) = match out.start {
                Some(s) => (Some(s), out.start_inferred),
                None => (reference, true),
            };
            if let Some(base) = base {
                if out.start.is_none() {
                    out.start = Some(base);
                    out.start_precision = Some(DatePrecision::Day);
                    out.start_inferred = true;
                }
                out.end = add_length(base, d);
                out.end_precision = out.start_precision;
                out.end_inferred = inferred;
            }
        }
    }
    out.duration = duration;
    out.start_event = event.filter(|_| out.start.is_none());
    out.open_ended = open && out.end.is_none();
    out.kind = match (out.start, out.end) {
        (Some(_), Some(_)) => {
            if periods.len() == 1 && periods[0].kind == PeriodKind::Point {
                PeriodKind::Point
            } else {
                PeriodKind::Range
            }
        }
        (Some(_), None) => PeriodKind::From,
        (None, Some(_)) => PeriodKind::Until,
        (None, None) if open => PeriodKind::OpenEnded,
        (None, None) if duration.is_some() => PeriodKind::Duration,
        (None, None) => PeriodKind::None,
    };
    let first = periods
        .iter()
        .filter_map(|p| p.matched.as_ref())
        .min_by_key(|m| m.start);
    let last = periods
        .iter()
        .filter_map(|p| p.matched.as_ref())
        .max_by_key(|m| m.end);
    if let (Some(a), Some(b)) = (first, last) {
        let (s, e) = (a.start as usize, b.end as usize);
        out.matched = Some(MatchedText {
            start: a.start,
            end: b.end,
            text: cs.get(s..e).map(|x| x.iter().collect()).unwrap_or_default(),
        });
    }
    out
}

/// `base + length - 1 day`: a three-month period from 1 March ends on 31 May.
pub(crate) fn add_length(base: NaiveDate, len: PeriodLength) -> Option<NaiveDate> {
    let d = base.checked_add_months(Months::new(len.months))?;
    let d = d.checked_add_days(Days::new(len.days as u64))?;
    if len.months == 0 && len.days == 0 {
        return Some(base);
    }
    d.pred_opt()
}

/// `年` or `月` right after a count (`两年内`, `三个月内`, `半年内`): a length, whose `年内` is
/// not this year's deadline. A length is read only after a start or a duration word.
fn counted_unit(cs: &[char], i: usize) -> bool {
    matches!(cs[i], '年' | '月')
        && i > 0
        && (matches!(cs[i - 1], '两' | '半' | '个' | '几' | '数' | '多')
            || chinese_digit(cs[i - 1]).is_some()
            || arabic_digit(cs[i - 1]).is_some())
}

/// `售完为止`, `用完即止`, `额满为止`: the open end of a budget or stock. Tested apart from
/// [`may_start`] so that common characters (`用`, `发`) start no parse unless `完`/`满` follows.
fn runs_out_at(cs: &[char], i: usize) -> bool {
    matches!(cs[i], '售' | '用' | '发' | '领' | '额') && matches!(cs.get(i + 1), Some('完' | '满'))
}

fn may_start(c: char) -> bool {
    arabic_digit(c).is_some()
        || chinese_digit(c).is_some()
        || matches!(
            c,
            '十' | '今'
                | '明'
                | '次'
                | '翌'
                | '去'
                | '上'
                | '下'
                | '前'
                | '后'
                | '本'
                | '当'
                | '来'
                | '元'
                | '自'
                | '从'
                | '由'
                | '于'
                | '即'
                | '截'
                | '至'
                | '到'
                | '直'
                | '持'
                | '延'
                | '执'
                | '实'
                | '有'
                | '期'
                | '暂'
                | '为'
                | '试'
                | '减'
                | '免'
                | '“'
                | '"'
                | '「'
                | '疫'
                | '另'
                | '长'
                | '年'
                | '月'
                | '全'
                | '首'
                | '第'
                | '中'
                | '未'
                | '夏'
                | '秋'
                | '冬'
                | '春'
        )
}

/// A calendar date or unit with the dates it covers.
#[derive(Debug, Clone, Copy)]
struct Point {
    first: NaiveDate,
    last: NaiveDate,
    first_precision: DatePrecision,
    last_precision: DatePrecision,
    /// The year (or month) came from the reference date, not the text.
    inferred: bool,
    year: i32,
    month: Option<u32>,
    /// Coarsest unit written: a year (`2022年`), a month (`6月`) or a day (`12日`).
    lead: Lead,
    /// `年内`: a deadline, never a start.
    until_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    Year,
    Month,
    Day,
}

/// What a point inherits from the part before it (`4月10日至6月4日`: the year).
#[derive(Debug, Clone, Copy)]
struct Ctx {
    reference: Option<NaiveDate>,
    year: Option<i32>,
    year_inferred: bool,
    month: Option<u32>,
}

impl Ctx {
    fn new(reference: Option<NaiveDate>) -> Self {
        Ctx {
            reference,
            year: None,
            year_inferred: false,
            month: None,
        }
    }

    fn after(p: &Point, reference: Option<NaiveDate>) -> Self {
        Ctx {
            reference,
            year: Some(p.year),
            year_inferred: p.inferred,
            month: p.month,
        }
    }

    /// The year to use when the text gives none, and whether it was inferred.
    fn default_year(&self) -> Option<(i32, bool)> {
        match self.year {
            Some(y) => Some((y, self.year_inferred)),
            None => self.reference.map(|r| (r.year(), true)),
        }
    }
}

/// The value of the first word of `table` written at `i`, and the index after it.
fn eat_keyed<T: Copy>(cs: &[char], i: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
    table
        .iter()
        .find_map(|&(w, v)| eat(cs, i, &[w]).map(|j| (v, j)))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    if m == 12 {
        ymd(y, 12, 31)
    } else {
        ymd(y, m + 1, 1)?.pred_opt()
    }
}

fn span_point(
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
    year: i32,
    month: Option<u32>,
    inferred: bool,
    lead: Lead,
) -> Point {
    Point {
        first,
        last,
        first_precision: precision,
        last_precision: precision,
        inferred,
        year,
        month,
        lead,
        until_only: false,
    }
}

fn year_point(y: i32, inferred: bool) -> Option<Point> {
    Some(span_point(
        ymd(y, 1, 1)?,
        ymd(y, 12, 31)?,
        DatePrecision::Year,
        y,
        None,
        inferred,
        Lead::Year,
    ))
}

/// A year: `2020年`, `二〇二〇年`, `今年`, `明年`, `次年` (after the year before it), `去年`.
/// Returns the year, whether it came from the reference, and the index past `年`.
fn parse_year(cs: &[char], i: usize, ctx: &Ctx) -> Option<(i32, bool, usize)> {
    let rel = |d: i32| ctx.reference.map(|r| r.year() + d);
    let words: [(&str, Option<i32>); 13] = [
        ("今年", rel(0)),
        ("本年", rel(0)),
        ("当年", ctx.year.or(rel(0))),
        ("明年", rel(1)),
        ("来年", rel(1)),
        ("次年", ctx.year.map(|y| y + 1).or(rel(1))),
        ("翌年", ctx.year.map(|y| y + 1).or(rel(1))),
        ("第二年", ctx.year.map(|y| y + 1).or(rel(1))),
        ("去年", rel(-1)),
        ("上一年", rel(-1)),
        ("上年", rel(-1)),
        ("前年", rel(-2)),
        ("后年", rel(2)),
    ];
    for (w, y) in words {
        if at(cs, i, w) {
            // 上年度 / 今年度 stay years; 上年 never reads 上半年.
            let y = y?;
            return Some((y, false, i + w.chars().count()));
        }
    }
    // Four Arabic digits or two-to-four Chinese digits, then 年.
    let (v, j) = if let Some((v, j)) = parse_arabic_int(cs, i) {
        (v, j)
    } else {
        let mut j = i;
        let mut v = 0u64;
        while let Some(d) = cs.get(j).and_then(|&c| chinese_digit(c)) {
            v = v.saturating_mul(10).saturating_add(d as u64);
            j += 1;
        }
        if j - i < 4 {
            return None;
        }
        (v, j)
    };
    if j - i != 4 || !(1900..=2100).contains(&v) || cs.get(j) != Some(&'年') {
        return None;
    }
    Some((v as i32, false, j + 1))
}

/// Parts of a year: `底`/`末`, `初`, `内`, `度`, `上半年`, `一季度`... after `2020年` or `今年`
/// (`after_year`), or standing alone (`年底`, `上半年`, `一季度`).
fn year_part(
    cs: &[char],
    i: usize,
    y: i32,
    inferred: bool,
    after_year: bool,
) -> Option<(Point, usize)> {
    let one_day = |d: NaiveDate, j: usize| {
        Some((
            span_point(d, d, DatePrecision::Year, y, None, inferred, Lead::Year),
            j,
        ))
    };
    if after_year {
        // 今年年底, 2021年年末, 2021年年内: the unit written twice.
        if let Some(j) = eat(cs, i, &["年底", "年末"]) {
            return one_day(ymd(y, 12, 31)?, j);
        }
        if let Some(j) = eat(cs, i, &["年初"]) {
            return one_day(ymd(y, 1, 1)?, j);
        }
        if let Some(j) = eat(cs, i, &["年内"]) {
            let mut p = year_point(y, inferred)?;
            p.until_only = true;
            return Some((p, j));
        }
        match cs.get(i) {
            Some('底') | Some('末') => return one_day(ymd(y, 12, 31)?, i + 1),
            Some('初') => return one_day(ymd(y, 1, 1)?, i + 1),
            Some('度') => {
                let mut p = year_point(y, inferred)?;
                // 2020年度内: a deadline.
                if cs.get(i + 1) == Some(&'内') {
                    p.until_only = true;
                    return Some((p, i + 2));
                }
                return Some((p, i + 1));
            }
            Some('内') => {
                let mut p = year_point(y, inferred)?;
                p.until_only = true;
                return Some((p, i + 1));
            }
            _ => {}
        }
    } else {
        if let Some(j) = eat(cs, i, &["年底", "年末"]) {
            return one_day(ymd(y, 12, 31)?, j);
        }
        if let Some(j) = eat(cs, i, &["年初"]) {
            return one_day(ymd(y, 1, 1)?, j);
        }
        if let Some(j) = eat(cs, i, &["年内", "本年内", "年度内"]) {
            let mut p = year_point(y, inferred)?;
            p.until_only = true;
            return Some((p, j));
        }
        if let Some(j) = eat(cs, i, &["本年度", "全年"]) {
            return Some((year_point(y, inferred)?, j));
        }
    }
    if let Some(j) = eat(cs, i, &["全年"]) {
        return Some((year_point(y, inferred)?, j));
    }
    // Seasons by months, as the weather bureau counts them: 春 3–5, 夏 6–8, 秋 9–11, 冬 12–2.
    let season = [
        ("春季", 3),
        ("春天", 3),
        ("夏季", 6),
        ("夏天", 6),
        ("秋季", 9),
        ("秋天", 9),
        ("冬季", 12),
        ("冬天", 12),
    ];
    if let Some((m, j)) = eat_keyed(cs, i, &season) {
        // 秋季学期 / 春季学期: a school term, not the season (see `school_term`).
        if let Some(e) = eat(cs, j, &["学期"]) {
            match m {
                9 => return Some((school_term(y, true, inferred)?, e)),
                3 => return Some((school_term(y - 1, false, inferred)?, e)),
                _ => {}
            }
        }
        let first = ymd(y, m, 1)?;
        let last_month = first.checked_add_months(Months::new(2))?;
        let last = month_end(last_month.year(), last_month.month())?;
        let mut p = span_point(
            first,
            last,
            DatePrecision::Month,
            y,
            Some(m),
            inferred,
            Lead::Year,
        );
        p.last_precision = DatePrecision::Month;
        return Some((p, j));
    }
    let half = |h: u32, j: usize| {
        let (a, b) = if h == 1 {
            ((1, 1), (6, 30))
        } else {
            ((7, 1), (12, 31))
        };
        Some((
            span_point(
                ymd(y, a.0, a.1)?,
                ymd(y, b.0, b.1)?,
                DatePrecision::HalfYear,
                y,
                None,
                inferred,
                Lead::Year,
            ),
            j,
        ))
    };
    if let Some(j) = eat(cs, i, &["上半年"]) {
        return half(1, j);
    }
    if let Some(j) = eat(cs, i, &["下半年"]) {
        return half(2, j);
    }
    // Quarters: 一季度, 第二季度, 首季度, 前三季度.
    let quarter = |from_q: u32, to_q: u32, j: usize| {
        // 三季度末, 一季度初: the quarter's last or first day (`三季度末前`: a deadline).
        let edge = if let Some(e) = eat(cs, j, &["末", "底"]) {
            Some((month_end(y, to_q * 3)?, e))
        } else if let Some(e) = eat(cs, j, &["初"]) {
            Some((ymd(y, (from_q - 1) * 3 + 1, 1)?, e))
        } else {
            None
        };
        if let Some((d, e)) = edge {
            return Some((
                span_point(d, d, DatePrecision::Quarter, y, None, inferred, Lead::Year),
                e,
            ));
        }
        Some((
            span_point(
                ymd(y, (from_q - 1) * 3 + 1, 1)?,
                month_end(y, to_q * 3)?,
                DatePrecision::Quarter,
                y,
                None,
                inferred,
                Lead::Year,
            ),
            j,
        ))
    };
    if let Some(j) = eat(cs, i, &["首季度", "首季"]) {
        return quarter(1, 1, j);
    }
    let (prefix_first, k) = if let Some(k) = eat(cs, i, &["前"]) {
        (true, k)
    } else if let Some(k) = eat(cs, i, &["第"]) {
        (false, k)
    } else {
        (false, i)
    };
    if let Some((q, j)) = parse_int(cs, k) {
        // 1—3季度, 二至四季度: quarters q to q2.
        if let Some(sep) = eat(cs, j, BARE_RANGE_SEPARATORS) {
            if let Some((q2, e)) = parse_int(cs, sep) {
                if (1..=4).contains(&q) && (q..=4).contains(&q2) {
                    if let Some(e) = eat(cs, e, &["季度", "季"]) {
                        return quarter(q as u32, q2 as u32, e);
                    }
                }
            }
        }
        if (1..=4).contains(&q) {
            if let Some(j) = eat(cs, j, &["季度", "季"]) {
                let q = q as u32;
                return if prefix_first {
                    quarter(1, q, j)
                } else {
                    quarter(q, q, j)
                };
            }
        }
    }
    None
}

/// One term of the school year that starts in September of `y`: the autumn term (`秋季学期`,
/// `第一学期`, `上学期`) runs September to January, the spring term (`春季学期`, `第二学期`,
/// `下学期`) February to July of the next year. Terms are stated by month: the exact first
/// and last days differ by school and province.
fn school_term(y: i32, autumn: bool, inferred: bool) -> Option<Point> {
    let (first, last) = if autumn {
        (ymd(y, 9, 1)?, month_end(y + 1, 1)?)
    } else {
        (ymd(y + 1, 2, 1)?, month_end(y + 1, 7)?)
    };
    Some(span_point(
        first,
        last,
        DatePrecision::Month,
        first.year(),
        Some(first.month()),
        inferred,
        Lead::Year,
    ))
}

/// A school year, 1 September to 31 August of the next year: `2023—2024学年`,
/// `2023-2024学年度`, `2024学年` (named by the year it starts in), `本学年` (the one the
/// reference date falls in, inferred); with `第一学期` / `上学期` or `第二学期` / `下学期` after
/// it, that term only. Two years that are not consecutive (`2023—2025学年`) are no school year.
fn school_year(cs: &[char], i: usize, ctx: &Ctx) -> Option<(Point, usize)> {
    let (y, inferred, j) = if let Some(j) = eat(cs, i, &["本学年", "当学年"]) {
        let r = ctx.reference?;
        let y = if r.month() >= 9 {
            r.year()
        } else {
            r.year() - 1
        };
        (y, true, j)
    } else {
        let four = |k: usize| {
            parse_arabic_int(cs, k).filter(|&(v, e)| e - k == 4 && (1900..=2100).contains(&v))
        };
        let (a, j) = four(i)?;
        let j = match eat(cs, j, BARE_RANGE_SEPARATORS) {
            Some(k) => match four(k) {
                Some((b, e)) if b == a + 1 => e,
                _ => return None,
            },
            None => j,
        };
        (a as i32, false, eat(cs, j, &["学年"])?)
    };
    let j = eat(cs, j, &["度"]).unwrap_or(j);
    if let Some(e) = eat(cs, j, &["第一学期", "上学期", "秋季学期"]) {
        return Some((school_term(y, true, inferred)?, e));
    }
    if let Some(e) = eat(cs, j, &["第二学期", "下学期", "春季学期"]) {
        return Some((school_term(y, false, inferred)?, e));
    }
    let p = span_point(
        ymd(y, 9, 1)?,
        ymd(y + 1, 8, 31)?,
        DatePrecision::Month,
        y,
        Some(9),
        inferred,
        Lead::Year,
    );
    Some((p, j))
}

/// A month-level or day-level date, with whatever year part precedes it.
fn parse_point(cs: &[char], i: usize, ctx: &Ctx) -> Option<(Point, usize)> {
    if let Some(r) = school_year(cs, i, ctx) {
        return Some(r);
    }
    if let Some(r) = parse_numeric_date(cs, i) {
        return Some(r);
    }
    let year = parse_year(cs, i, ctx);
    let (year_val, year_inferred, mut j) = match year {
        Some((y, inf, j)) => (Some(y), inf, j),
        None => (None, false, i),
    };
    if let Some(y) = year_val {
        if let Some(r) = year_part(cs, j, y, year_inferred, true) {
            return Some(r);
        }
    } else if let Some((y, inf)) = ctx.default_year() {
        // 年底 alone means this year's end: the year is inferred, except 年内 which says so.
        if let Some((mut p, nj)) = year_part(cs, j, y, inf, false) {
            if p.until_only {
                p.inferred = ctx.year.is_some() && ctx.year_inferred;
            }
            return Some((p, nj));
        }
    }
    // 春节期间, 2021年元旦, 正月初一至初七.
    if let Some(h) = holidays::parse(cs, j, year_val, ctx.reference) {
        let (inferred, lead) = match year_val {
            Some(_) => (year_inferred, Lead::Year),
            None => (h.inferred, Lead::Day),
        };
        let pt = span_point(
            h.first,
            h.last,
            DatePrecision::Day,
            h.first.year(),
            Some(h.first.month()),
            inferred,
            lead,
        );
        return Some((pt, h.end));
    }
    // Month.
    let mut month: Option<(u32, bool, i32)> = None; // (month, inferred, year)
    if let Some((m, nj)) = parse_int(cs, j) {
        // 2021年1-6月, 2021年1至6月份: months of a written year, one span.
        if let (Some(y), Some(k)) = (year_val, eat(cs, nj, BARE_RANGE_SEPARATORS)) {
            if let Some((m2, e)) = parse_int(cs, k) {
                if (1..=12).contains(&m) && (m..=12).contains(&m2) && cs.get(e) == Some(&'月') {
                    let e = if cs.get(e + 1) == Some(&'份') {
                        e + 2
                    } else {
                        e + 1
                    };
                    let pt = span_point(
                        ymd(y, m as u32, 1)?,
                        month_end(y, m2 as u32)?,
                        DatePrecision::Month,
                        y,
                        Some(m2 as u32),
                        year_inferred,
                        Lead::Year,
                    );
                    return Some((pt, e));
                }
            }
        }
        // 5、6月, 7、8、9月份, 5、6两个月: consecutive months listed, one span.
        if let Some((last, e)) = listed_months(cs, m, nj) {
            let (y, inf) = match year_val {
                Some(y) => (y, year_inferred),
                None => ctx.default_year()?,
            };
            let lead = if year_val.is_some() {
                Lead::Year
            } else {
                Lead::Month
            };
            return Some((month_span(y, m as u32, last, inf, lead)?, e));
        }
        if (1..=12).contains(&m) && cs.get(nj) == Some(&'月') {
            let (y, inf) = match year_val {
                Some(y) => (y, year_inferred),
                None => ctx.default_year()?,
            };
            month = Some((m as u32, inf, y));
            j = nj + 1;
            if cs.get(j) == Some(&'份') {
                j += 1;
            }
        }
    } else if year_val.is_none() {
        let base = ctx.reference;
        let rel = |d: i32| -> Option<(u32, bool, i32)> {
            let r = base?;
            let m0 = ctx.month.unwrap_or(r.month()) as i32 - 1 + d;
            let y = ctx.year.unwrap_or(r.year()) + m0.div_euclid(12);
            Some((m0.rem_euclid(12) as u32 + 1, false, y))
        };
        if let Some(nj) = eat(cs, j, &["本月", "当月", "这个月"]) {
            month = Some(rel(0)?);
            j = nj;
        } else if let Some(nj) = eat(cs, j, &["下个月", "下月", "次月"]) {
            month = Some(rel(1)?);
            j = nj;
        } else if let Some(nj) = eat(cs, j, &["上个月", "上月"]) {
            month = Some(rel(-1)?);
            j = nj;
        }
    }
    if month.is_none() && year_val.is_some() && at(cs, j, "元月") {
        month = Some((1, year_inferred, year_val?));
        j += 2;
    }
    if let Some((m, inf, y)) = month {
        let lead = if year_val.is_some() {
            Lead::Year
        } else {
            Lead::Month
        };
        let p = |a: u32, b: NaiveDate, prec: DatePrecision| -> Option<Point> {
            let mut pt = span_point(ymd(y, m, a)?, b, prec, y, Some(m), inf, lead);
            pt.last_precision = prec;
            Some(pt)
        };
        let end = month_end(y, m)?;
        if let Some(nj) = eat(cs, j, &["底", "末"]) {
            return Some((p(end.day(), end, DatePrecision::Month)?, nj));
        }
        if let Some(nj) = eat(cs, j, &["初"]) {
            return Some((p(1, ymd(y, m, 1)?, DatePrecision::Month)?, nj));
        }
        if let Some(nj) = eat(cs, j, &["上旬"]) {
            return Some((p(1, ymd(y, m, 10)?, DatePrecision::TenDays)?, nj));
        }
        if let Some(nj) = eat(cs, j, &["中下旬"]) {
            return Some((p(11, end, DatePrecision::TenDays)?, nj));
        }
        if let Some(nj) = eat(cs, j, &["中旬"]) {
            return Some((p(11, ymd(y, m, 20)?, DatePrecision::TenDays)?, nj));
        }
        if let Some(nj) = eat(cs, j, &["下旬"]) {
            return Some((p(21, end, DatePrecision::TenDays)?, nj));
        }
        if let Some((d, nj)) = parse_int(cs, j) {
            if matches!(cs.get(nj), Some('日') | Some('号')) {
                let date = ymd(y, m, d as u32)?;
                let pt = span_point(date, date, DatePrecision::Day, y, Some(m), inf, lead);
                return Some((pt, nj + 1));
            }
        }
        // 5月、6月, 5月和6月: the next months named in turn, one span.
        let (mut last, mut j) = (m, j);
        while let Some(k) = eat(cs, j, &["、", "和", "及"]) {
            match parse_int(cs, k) {
                Some((m2, e))
                    if m2 as u32 == last + 1
                        && cs.get(e) == Some(&'月')
                        && !cs.get(e + 1).is_some_and(|c| {
                            arabic_digit(*c).is_some() || chinese_digit(*c).is_some()
                        }) =>
                {
                    last = m2 as u32;
                    j = e + 1;
                }
                _ => break,
            }
        }
        if last > m {
            return Some((month_span(y, m, last, inf, lead)?, j));
        }
        return Some((p(1, end, DatePrecision::Month)?, j));
    }
    if year_val.is_some() {
        // A bare year: 2020年.
        let (y, inf) = (year_val?, year_inferred);
        return Some((year_point(y, inf)?, j));
    }
    // A day alone continues the month before it (4月10日至20日).
    if let Some(m) = ctx.month {
        if let Some((d, nj)) = parse_int(cs, j) {
            if matches!(cs.get(nj), Some('日') | Some('号')) {
                let (y, inf) = ctx.default_year()?;
                let date = ymd(y, m, d as u32)?;
                let pt = span_point(date, date, DatePrecision::Day, y, Some(m), inf, Lead::Day);
                return Some((pt, nj + 1));
            }
        }
    }
    // 月底 alone: the end of the current month (the month is inferred).
    if let Some(nj) = eat(cs, j, &["月底", "月末", "本月底", "本月末"]) {
        let r = ctx.reference?;
        let (y, m) = (ctx.year.unwrap_or(r.year()), ctx.month.unwrap_or(r.month()));
        let end = month_end(y, m)?;
        let pt = span_point(
            end,
            end,
            DatePrecision::Month,
            y,
            Some(m),
            true,
            Lead::Month,
        );
        return Some((pt, nj));
    }
    // 本季度, 下季度, 上一季度: the reference date's quarter or its neighbour.
    let quarters = [
        ("本季度", 0),
        ("当季", 0),
        ("下一季度", 1),
        ("下季度", 1),
        ("上一季度", -1),
        ("上季度", -1),
    ];
    if let Some((shift, nj)) = eat_keyed(cs, j, &quarters) {
        let r = ctx.reference?;
        let q0 = (r.year() * 4 + (r.month() as i32 - 1) / 3) + shift;
        let (y, q) = (q0.div_euclid(4), q0.rem_euclid(4) as u32);
        let pt = span_point(
            ymd(y, q * 3 + 1, 1)?,
            month_end(y, q * 3 + 3)?,
            DatePrecision::Quarter,
            y,
            None,
            false,
            Lead::Month,
        );
        return Some((pt, nj));
    }
    // 本周五, 下周一, 下星期三: a day of the reference date's week (Monday first) or the next.
    let weeks = [
        ("本周", 0),
        ("本星期", 0),
        ("下周", 1),
        ("下星期", 1),
        ("上周", -1),
        ("上星期", -1),
    ];
    if let Some((weeks, nj)) = eat_keyed(cs, j, &weeks) {
        let day = match cs.get(nj) {
            Some('日') | Some('天') => 7,
            Some(&c) => chinese_digit(c).filter(|d| (1..=6).contains(d))?,
            None => return None,
        };
        let r = ctx.reference?;
        let monday = r - chrono::Duration::days(r.weekday().num_days_from_monday() as i64);
        let date = monday + chrono::Duration::days(7 * weeks + day as i64 - 1);
        let pt = span_point(
            date,
            date,
            DatePrecision::Day,
            date.year(),
            Some(date.month()),
            false,
            Lead::Day,
        );
        return Some((pt, nj + 1));
    }
    // Today.
    if let Some(nj) = eat(cs, j, &["今日", "今天", "当日", "当天", "本日"]) {
        let r = ctx.reference?;
        let pt = span_point(
            r,
            r,
            DatePrecision::Day,
            r.year(),
            Some(r.month()),
            false,
            Lead::Day,
        );
        return Some((pt, nj));
    }
    None
}

/// `2020.4.10`, `2020/04/10`, `2020-04-10` (the same separator twice).
fn parse_numeric_date(cs: &[char], i: usize) -> Option<(Point, usize)> {
    let (y, j) = parse_arabic_int(cs, i)?;
    if j - i != 4 || !(1900..=2100).contains(&y) {
        return None;
    }
    let sep = *cs.get(j)?;
    if !matches!(sep, '.' | '/' | '-' | '．' | '／' | '－') {
        return None;
    }
    let (m, k) = parse_arabic_int(cs, j + 1)?;
    if k - (j + 1) > 2 || cs.get(k) != Some(&sep) {
        return None;
    }
    let (d, l) = parse_arabic_int(cs, k + 1)?;
    if l - (k + 1) > 2 {
        return None;
    }
    let date = ymd(y as i32, m as u32, d as u32)?;
    let l = if cs.get(l) == Some(&'日') { l + 1 } else { l };
    Some((
        span_point(
            date,
            date,
            DatePrecision::Day,
            y as i32,
            Some(m as u32),
            false,
            Lead::Year,
        ),
        l,
    ))
}

/// Skip a time of day: `0时`, `零时`, `24时`, `上午9点30分`, `24:00`. Times never change the
/// civil date: `24时` is the end of its day.
/// `（含）`, `（含当日）`: an inclusion note, which changes nothing (dates are inclusive
/// already) and must not be read as a date of its own (`当日`).
const INCLUSION_NOTES: &[&str] = &["（含）", "(含)", "（含当日）", "（含当天）", "（含本数）"];

/// Past an inclusion note at `i`, if there is one.
fn skip_inclusion(cs: &[char], i: usize) -> usize {
    eat(cs, i, INCLUSION_NOTES).unwrap_or(i)
}

fn skip_time(cs: &[char], i: usize) -> usize {
    let j = skip_clock(cs, i);
    // 4月10日（含）至…: the inclusion note changes nothing, dates are inclusive already.
    if let Some(k) = eat(cs, j, INCLUSION_NOTES) {
        return k;
    }
    let k = skip_day_note(cs, j);
    // 4月1日（星期四）零时起: the clock may follow the note.
    if k > j {
        skip_clock(cs, k)
    } else {
        k
    }
}

/// A short note in brackets after a date, naming the day (`（除夕）`, `（星期五）`,
/// `（正月初六）`): it changes nothing, and a range goes on after it.
fn skip_day_note(cs: &[char], i: usize) -> usize {
    let close = match cs.get(i) {
        Some('（') => '）',
        Some('(') => ')',
        _ => return i,
    };
    for (k, &c) in cs.iter().enumerate().take(i + 9).skip(i + 1) {
        match c {
            c if c == close => return if k > i + 1 { k + 1 } else { i },
            c if c.is_ascii_digit() || "，,。；;：:（(".contains(c) => return i,
            _ => {}
        }
    }
    i
}

/// The hour written at `i`, if a clock time is there (`24时`, `0点`, `24:00`).
fn clock_hour(cs: &[char], i: usize) -> Option<u64> {
    let mut j = i;
    while cs.get(j) == Some(&' ') {
        j += 1;
    }
    let k = eat(
        cs,
        j,
        &["上午", "下午", "晚上", "凌晨", "中午", "早上", "晚"],
    )
    .unwrap_or(j);
    let (h, nj) = parse_int(cs, k)?;
    matches!(cs.get(nj), Some('时') | Some('点') | Some(':') | Some('：')).then_some(h)
}

/// A start written at 24:00 (`6月4日24时起`) is the beginning of the next day; as an end,
/// 24:00 stays the end of its own day.
fn as_start(cs: &[char], time_at: usize, mut p: Point) -> Point {
    if p.first_precision == DatePrecision::Day && clock_hour(cs, time_at) == Some(24) {
        if let Some(next) = p.first.succ_opt() {
            p.first = next;
            p.last = p.last.max(next);
        }
    }
    p
}

fn skip_clock(cs: &[char], i: usize) -> usize {
    let mut j = i;
    while cs.get(j) == Some(&' ') {
        j += 1;
    }
    let k = eat(
        cs,
        j,
        &["上午", "下午", "晚上", "凌晨", "中午", "早上", "晚"],
    )
    .unwrap_or(j);
    if let Some((h, nj)) = parse_int(cs, k) {
        if h <= 24 {
            if let Some(mut nj) = eat(cs, nj, &["时", "点"]) {
                if let Some(n) = eat(cs, nj, &["整", "半"]) {
                    nj = n;
                } else if let Some((mm, n)) = parse_int(cs, nj) {
                    if mm < 60 && cs.get(n) == Some(&'分') {
                        nj = n + 1;
                    }
                }
                return nj;
            }
            if matches!(cs.get(nj), Some(':') | Some('：')) {
                if let Some((_, n)) = parse_arabic_int(cs, nj + 1) {
                    return n;
                }
            }
        }
    }
    i
}

const RANGE_SEPARATORS: &[&str] = &[
    "起至",
    "起到",
    "开始至",
    "开始到",
    "至",
    "到",
    "——",
    "—",
    "–",
    "－",
    "-",
    "～",
    "~",
    "〜",
];

const UNTIL_PREFIXES: Words = Words::new(&[
    // 申报截止时间为5月31日, 截止日期：6月30日, 到期日为…: a deadline, named before the date.
    "截止时间",
    "截止日期",
    "到期日",
    "到期时间",
    "截止到",
    "截止至",
    "截至到",
    "截至",
    "截止",
    "直至",
    "直到",
    "持续至",
    "持续到",
    "延长至",
    "延长到",
    "延续至",
    "顺延至",
    "有效期至",
    "有效期到",
    "执行至",
    "执行到",
    "实施至",
    "实行至",
    "执行期至",
    "至",
    "到",
]);

const OPEN_PHRASES: Words = Words::new(&[
    "疫情防控期间",
    "疫情防控时期",
    "疫情期间",
    "疫情结束",
    "疫情解除",
    "另行通知",
    "另有通知",
    "长期有效",
    "长期执行",
    // Until a budget or stock runs out (`即日起至售完为止`, `额满为止`).
    "售完为止",
    "售完即止",
    "用完为止",
    "用完即止",
    "发完为止",
    "领完为止",
    "额满为止",
]);

/// Nouns whose `期限` is one beneficiary's term, not the policy's (see `parse_duration`).
const ENTITLEMENT_TERMS: &[&str] = &[
    "补贴", "补助", "贴息", "贷款", "借款", "还款", "享受", "发放", "资助", "扶持", "租赁", "合同",
    "服务", "保障", "培训", "见习", "试用",
];

const DURATION_KEYS: &[&str] = &[
    "有效期限",
    "有效期为",
    "有效期",
    "减免期限",
    "期限为",
    "期限",
    "暂定为",
    "暂定",
    "为期",
    "试行期",
    "试行",
    "执行期",
    "实施期",
    // 今后三年, 未来五年: counted from the text's date.
    "今后",
    "未来",
];

/// A period expression at `i`, or `None`. The returned index is just past it.
fn parse_expr(cs: &[char], i: usize, reference: Option<NaiveDate>) -> Option<(DatePeriod, usize)> {
    let ctx = Ctx::new(reference);
    // Open-ended.
    if let Some(j) = OPEN_PHRASES.eat(cs, i) {
        let mut p = DatePeriod::unknown();
        p.kind = PeriodKind::OpenEnded;
        p.open_ended = true;
        return Some((p, j));
    }
    // 今明两年: this year and the next.
    if let (Some(j), Some(r)) = (eat(cs, i, &["今明两年", "今明二年"]), reference) {
        let mut p = DatePeriod::unknown();
        p.start = ymd(r.year(), 1, 1);
        p.end = ymd(r.year() + 1, 12, 31);
        p.start_precision = Some(DatePrecision::Year);
        p.end_precision = Some(DatePrecision::Year);
        p.start_inferred = true;
        p.end_inferred = true;
        p.kind = PeriodKind::Range;
        return Some((p, j));
    }
    // 即日起 / 自即日起 / 自发布之日起: the reference date.
    if let Some((j, from_ref)) = from_marker(cs, i) {
        if from_ref {
            let r = reference?;
            let start = span_point(
                r,
                r,
                DatePrecision::Day,
                r.year(),
                Some(r.month()),
                false,
                Lead::Day,
            );
            return Some(finish_from(cs, j, start, reference));
        }
        // 自 / 从 + a date.
        let (p, k) = parse_point(cs, j, &ctx)?;
        let p = as_start(cs, k, p);
        let k = skip_time(cs, k);
        let k = eat(cs, k, &["起", "开始", "以来"]).unwrap_or(k);
        return Some(finish_from(cs, k, p, reference));
    }
    if let Some(j) = UNTIL_PREFIXES.eat(cs, i) {
        let j = eat(cs, j, &["为", "是", "：", ":"]).unwrap_or(j);
        let j = eat(cs, j, &["于"]).unwrap_or(j);
        if let Some(k) = eat(cs, j, &["另行通知", "疫情结束", "疫情解除"]) {
            let mut p = DatePeriod::unknown();
            p.kind = PeriodKind::OpenEnded;
            p.open_ended = true;
            return Some((p, k));
        }
        let (p, k) = parse_point(cs, j, &ctx)?;
        let k = skip_time(cs, k);
        let k = eat(cs, k, &["为止", "止", "前", "结束"]).unwrap_or(k);
        return Some((until(p), skip_inclusion(cs, k)));
    }
    if let Some(r) = parse_duration(cs, i, reference) {
        return Some(r);
    }
    if let Some(r) = parse_plan(cs, i) {
        return Some(r);
    }
    // A date first.
    let (p1, j) = match parse_point(cs, i, &ctx) {
        Some(r) => r,
        None => return parse_bare_number_range(cs, i, reference),
    };
    let start = as_start(cs, j, p1);
    let j = skip_time(cs, j);
    if p1.until_only {
        let k = eat(cs, j, &["前", "以前", "之前"]).unwrap_or(j);
        return Some((until(p1), k));
    }
    if let Some((p, k)) = range_tail(cs, j, &start, reference) {
        return Some((p, k));
    }
    if at(cs, j, "前后") {
        // 清明节前后: around the day, not a deadline.
        return Some((point(p1), j + 2));
    }
    // 2024年12月31日到期: the day it expires.
    if let Some(k) = eat(cs, j, &["到期", "以前", "之前", "为止", "前", "止"]) {
        return Some((until(p1), skip_inclusion(cs, k)));
    }
    // 2024年1月1日以后（含当日）, 6月1日正式实施: a start.
    if let Some(k) = eat(cs, j, START_WORDS) {
        return Some(finish_from(cs, skip_inclusion(cs, k), start, reference));
    }
    let k = eat(cs, j, &["期间"]).unwrap_or(j);
    Some((point(p1), k))
}

/// `自` / `从` / `由` / `于` / `即日`. `Some((index, true))` when the start is the reference
/// date (`即日起`, `自发布之日起`, `自印发之日起`).
fn from_marker(cs: &[char], i: usize) -> Option<(usize, bool)> {
    if let Some(j) = eat(cs, i, &["即日起", "即日开始", "即日"]) {
        return Some((j, true));
    }
    let j = eat(cs, i, &["自即日起", "从即日起", "自即日", "从即日"]);
    if let Some(j) = j {
        let j = eat(cs, j, &["起"]).unwrap_or(j);
        return Some((j, true));
    }
    // 本通知印发之日起施行: the act named without 自.
    if let Some(e) = act_day(cs, i) {
        return Some((e, true));
    }
    // 自原纳税期限届满之日起: an event of each beneficiary's is no date at all.
    if event_start(cs, i).is_some() {
        return None;
    }
    let j = eat(cs, i, &["自从", "自", "从", "由", "于"])?;
    // 自发布之日起, 自印发之日起, 自公布之日起: a few characters naming the act, then 之日.
    for k in j..(j + 8).min(cs.len()) {
        let c = cs[k];
        if c.is_ascii_digit() || matches!(c, '，' | '。' | '；' | '、' | '月' | '年') {
            break;
        }
        if at(cs, k, "之日") || (k > j && at(cs, k, "日起")) {
            let e = if at(cs, k, "之日") { k + 2 } else { k + 1 };
            let e = eat(cs, e, &["起", "开始"]).unwrap_or(e);
            return Some((e, true));
        }
    }
    Some((j, false))
}

/// After a date, words that make it a start: `起`, `以后`; `正式实施`, `施行`, `生效` (the day a
/// rule takes effect).
const START_WORDS: &[&str] = &[
    "起",
    "开始",
    "以来",
    "以后",
    "之后",
    "正式实施",
    "正式施行",
    "正式执行",
    "正式实行",
    "正式生效",
    "实施",
    "施行",
    "生效",
];

/// Acts whose day a period may count from without `自` (`印发之日起施行`).
const ACT_WORDS: Words = Words::new(&["印发", "发布", "公布", "下发", "出台", "颁布", "签发"]);

/// `印发之日起` / `发布之日开始` at `i`: the index past it. `之日` alone (`以印发之日为准`)
/// starts nothing.
/// `自原纳税期限届满之日起计算`, `从取得营业执照之日起`: a start counted from an event of each
/// beneficiary's (a due date, a registration, an award), not of the document. Returns the
/// event's words and the index past the phrase (with `计算` / `起算` / `算起`). A document's
/// own act (`自本办法印发之日起`, `自公告发布之日起`, `自施行之日起`) is no such event.
fn event_start(cs: &[char], i: usize) -> Option<(String, usize)> {
    let j = eat(cs, i, &["自", "从"])?;
    let k = (j..(j + 14).min(cs.len()))
        .take_while(|&k| {
            let c = cs[k];
            !(c.is_ascii_digit() || matches!(c, '，' | '。' | '；' | '、' | ',' | ';'))
        })
        .find(|&k| at(cs, k, "之日") || at(cs, k, "次日"))?;
    if k < j + 2 {
        return None;
    }
    let words: String = cs[j..k].iter().collect();
    const DOCUMENT_ACTS: &[&str] = &[
        "印发", "发布", "公布", "下发", "出台", "颁布", "签发", "施行", "实施", "生效", "执行",
        "公告", "通知", "发文", "即日",
    ];
    if DOCUMENT_ACTS.iter().any(|w| words.contains(w)) {
        return None;
    }
    let e = eat(cs, k + 2, &["起", "开始"])?;
    let e = eat(cs, e, &["计算", "起算", "算起"]).unwrap_or(e);
    Some((words, e))
}

fn act_day(cs: &[char], i: usize) -> Option<usize> {
    let j = ACT_WORDS.eat(cs, i)?;
    let j = eat(cs, j, &["之日"])?;
    eat(cs, j, &["起", "开始"])
}

/// Months `first` to `last` of year `y`, one span at month precision (`5、6月`, `5月、6月`).
fn month_span(y: i32, first: u32, last: u32, inferred: bool, lead: Lead) -> Option<Point> {
    let mut pt = span_point(
        ymd(y, first, 1)?,
        month_end(y, last)?,
        DatePrecision::Month,
        y,
        Some(last),
        inferred,
        lead,
    );
    pt.last_precision = DatePrecision::Month;
    Some(pt)
}

/// Months listed with `、` from `m` (its number read, `j` just past it): `5、6月`, `7、8、9月份`,
/// `5、6两个月`. The last month and the index past the list, when the months run on one by one.
fn listed_months(cs: &[char], m: u64, j: usize) -> Option<(u32, usize)> {
    if !(1..=12).contains(&m) || cs.get(j) != Some(&'、') {
        return None;
    }
    let (mut last, mut k) = (m, j);
    while cs.get(k) == Some(&'、') {
        match parse_int(cs, k + 1) {
            Some((m2, e)) if m2 == last + 1 && m2 <= 12 => {
                last = m2;
                k = e;
            }
            _ => return None,
        }
    }
    let e = if cs.get(k) == Some(&'月') {
        k + 1
    } else {
        // 5、6两个月: the count of months says the same.
        let (count, e) = parse_int(cs, k)?;
        if count != last - m + 1 {
            return None;
        }
        eat(cs, e, &["个月"])?
    };
    let e = eat(cs, e, &["份"]).unwrap_or(e);
    Some((last as u32, e))
}

/// After a start: a range (`起至6月30日`), a length (`起30日内`), or a start only.
fn finish_from(
    cs: &[char],
    j: usize,
    start: Point,
    reference: Option<NaiveDate>,
) -> (DatePeriod, usize) {
    if let Some(r) = range_tail(cs, j, &start, reference) {
        return r;
    }
    // 自发布之日起30日内 / 起三个月内 / 自4月起，连续3个月
    let k = eat(cs, j, &["，", ","]).unwrap_or(j);
    let (k, running) = match eat(cs, k, &["连续", "为期"]) {
        Some(k) => (k, true),
        // 自公布之日起满30日后: the length fulfilled.
        None => (eat(cs, k, &["满"]).unwrap_or(k), false),
    };
    if let Some((len, e)) = parse_length(cs, k) {
        // 自公布之日起30日后施行: it takes effect once the length has passed.
        if !running {
            if let Some(e) = eat(cs, e, &["后", "以后", "之后"]) {
                let moved = start
                    .first
                    .checked_add_months(Months::new(len.months))
                    .and_then(|d| d.checked_add_days(Days::new(len.days as u64)));
                if let Some(d) = moved {
                    let mut p = start;
                    p.first = d;
                    p.last = d;
                    p.first_precision = DatePrecision::Day;
                    p.last_precision = DatePrecision::Day;
                    p.lead = Lead::Day;
                    return (from(p), e);
                }
            }
        }
        if let Some(e) = eat(cs, e, &["内"]).or(running.then_some(e)) {
            let mut p = from(start);
            p.end = add_length(start.first, len);
            p.end_precision = Some(start.first_precision);
            p.end_inferred = start.inferred;
            p.kind = PeriodKind::Range;
            p.duration = Some(len);
            return (p, e);
        }
    }
    (from(start), j)
}

/// `至6月4日24时`, `—2022年`, `到次年2月底` after a first date.
fn range_tail(
    cs: &[char],
    j: usize,
    p1: &Point,
    reference: Option<NaiveDate>,
) -> Option<(DatePeriod, usize)> {
    let k = eat(cs, j, RANGE_SEPARATORS)?;
    let k = eat(cs, k, &["于"]).unwrap_or(k);
    let ctx = Ctx::after(p1, reference);
    // 4月10日至今: a start, the end is the present of the text, not a policy date.
    if at(cs, k, "今") && !matches!(cs.get(k + 1), Some('年') | Some('日') | Some('天')) {
        return Some((from(*p1), k + 1));
    }
    if let Some(e) = eat(cs, k, &["另行通知", "疫情结束", "疫情解除"]) {
        let mut p = from(*p1);
        p.open_ended = true;
        return Some((p, e));
    }
    let (mut p2, e) = parse_point(cs, k, &ctx)?;
    // 12月1日至2月28日: a year-less end before the start is in the next year.
    if p2.last < p1.first && p2.lead != Lead::Year {
        if let (Some(a), Some(b)) = (
            p2.first.checked_add_months(Months::new(12)),
            shift_year_end(p2.last, p2.last_precision),
        ) {
            p2.first = a;
            p2.last = b;
            p2.inferred = true;
        }
    }
    let e = skip_time(cs, e);
    let e = eat(cs, e, &["为止", "止", "结束", "期间", "以前", "之前", "前"]).unwrap_or(e);
    let mut p = from(*p1);
    p.end = Some(p2.last);
    p.end_precision = Some(p2.last_precision);
    p.end_inferred = p2.inferred;
    p.kind = PeriodKind::Range;
    Some((p, e))
}

/// One year later, keeping a month end a month end (2月28日 → 2月29日 in a leap year).
fn shift_year_end(d: NaiveDate, precision: DatePrecision) -> Option<NaiveDate> {
    let next = d.checked_add_months(Months::new(12))?;
    if precision != DatePrecision::Day && month_end(d.year(), d.month()) == Some(d) {
        return month_end(next.year(), next.month());
    }
    Some(next)
}

/// `4至6月` (months), `2020—2022年` (years): a bare number before a range separator takes
/// its unit from the date after it.
/// Between two bare numbers of a range (`4至6月`, `2021—2023年`, `1-6月`).
const BARE_RANGE_SEPARATORS: &[&str] = &["至", "到", "——", "—", "–", "－", "-", "～", "~"];

fn parse_bare_number_range(
    cs: &[char],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<(DatePeriod, usize)> {
    let (n, j) = parse_int(cs, i)?;
    let k = eat(cs, j, BARE_RANGE_SEPARATORS)?;
    let (p2, e) = parse_point(cs, k, &Ctx::new(reference))?;
    let first = match p2.lead {
        Lead::Year if p2.month.is_none() && (1900..=2100).contains(&n) => {
            year_point(n as i32, false)?
        }
        Lead::Month | Lead::Year if p2.month.is_some() && (1..=12).contains(&n) => {
            let (y, m) = (p2.year, n as u32);
            span_point(
                ymd(y, m, 1)?,
                month_end(y, m)?,
                DatePrecision::Month,
                y,
                Some(m),
                p2.inferred,
                p2.lead,
            )
        }
        _ => return None,
    };
    if first.first > p2.last {
        return None;
    }
    let e = eat(cs, e, &["期间", "为止", "止"]).unwrap_or(e);
    let mut p = from(first);
    p.end = Some(p2.last);
    p.end_precision = Some(p2.last_precision);
    p.end_inferred = p2.inferred;
    p.kind = PeriodKind::Range;
    Some((p, e))
}

/// `3个月`, `三年`, `半年`, `90天`, `两周`.
pub(crate) fn parse_length(cs: &[char], i: usize) -> Option<(PeriodLength, usize)> {
    if let Some(j) = eat(cs, i, &["半年", "半个月"]) {
        let len = if j - i == 2 {
            PeriodLength { months: 6, days: 0 }
        } else {
            PeriodLength {
                months: 0,
                days: 15,
            }
        };
        return Some((len, j));
    }
    let (n, j) = parse_int(cs, i)?;
    let n = u32::try_from(n).ok()?;
    let j = eat(cs, j, &["个"]).unwrap_or(j);
    if let Some(k) = eat(cs, j, &["年半"]) {
        return Some((
            PeriodLength {
                months: n.checked_mul(12)?.checked_add(6)?,
                days: 0,
            },
            k,
        ));
    }
    if let Some(k) = eat(cs, j, &["年"]) {
        // Not a year number: 三年 is a length, 2020年 is not.
        if n > 100 {
            return None;
        }
        return Some((
            PeriodLength {
                months: n.checked_mul(12)?,
                days: 0,
            },
            k,
        ));
    }
    if let Some(k) = eat(cs, j, &["月"]) {
        return Some((PeriodLength { months: n, days: 0 }, k));
    }
    if let Some(k) = eat(cs, j, &["星期", "周"]) {
        return Some((
            PeriodLength {
                months: 0,
                days: n.checked_mul(7)?,
            },
            k,
        ));
    }
    if let Some(k) = eat(cs, j, &["天", "日"]) {
        return Some((PeriodLength { months: 0, days: n }, k));
    }
    None
}

/// `有效期三年`, `暂定三个月`, `减免期限为3个月`, `为期半年`.
fn parse_duration(
    cs: &[char],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<(DatePeriod, usize)> {
    let j = eat(cs, i, DURATION_KEYS)?;
    // `补贴期限3年`, `贷款期限1年`, `享受期限最长2年`: how long one beneficiary receives it or a
    // loan runs, not how long the policy is in force.
    if at(cs, i, "期限") && i >= 2 {
        let noun: String = cs[i - 2..i].iter().collect();
        if ENTITLEMENT_TERMS.contains(&noun.as_str()) {
            return None;
        }
    }
    let j = eat(cs, j, &["为", "是", "：", ":", "暂定", "均为"]).unwrap_or(j);
    let j = eat(cs, j, &["执行", "实施", "试行", "施行"]).unwrap_or(j);
    // 有效期为发布之日起一年, 有效期自印发之日起两年: the length counted from the act's day.
    if let (Some((k, true)), Some(r)) = (from_marker(cs, j), reference) {
        let k = eat(cs, k, &["，", ","]).unwrap_or(k);
        if let Some((len, e)) = parse_length(cs, k) {
            let mut p = DatePeriod::unknown();
            p.start = Some(r);
            p.start_precision = Some(DatePrecision::Day);
            p.end = add_length(r, len);
            p.end_precision = Some(DatePrecision::Day);
            p.kind = PeriodKind::Range;
            p.duration = Some(len);
            return Some((p, e));
        }
    }
    let (len, k) = parse_length(cs, j)?;
    let mut p = DatePeriod::unknown();
    p.kind = PeriodKind::Duration;
    p.duration = Some(len);
    // 缓缴期限为3个月，自原纳税期限届满之日起计算: the term runs from each beneficiary's own
    // date; the phrase is read whole so that it quotes the event.
    let c = eat(cs, k, &["，", ","]).unwrap_or(k);
    if let Some((event, e)) = event_start(cs, c) {
        p.start_event = Some(event);
        return Some((p, e));
    }
    Some((p, k))
}

/// Five-year plan periods: `“十四五”期间` → 2021-01-01 .. 2025-12-31.
fn parse_plan(cs: &[char], i: usize) -> Option<(DatePeriod, usize)> {
    let quoted = matches!(cs.get(i), Some('“') | Some('"') | Some('「'));
    let j = if quoted { i + 1 } else { i };
    let (k, number) = if cs.get(j) == Some(&'十') {
        let d = chinese_digit(*cs.get(j + 1)?)?;
        if d == 0 {
            return None;
        }
        (j + 2, 10 + d)
    } else if quoted {
        (j + 1, chinese_digit(*cs.get(j)?)?)
    } else {
        return None;
    };
    if cs.get(k) != Some(&'五') || number < 1 {
        return None;
    }
    let mut e = k + 1;
    if quoted {
        if !matches!(cs.get(e), Some('”') | Some('"') | Some('」')) {
            return None;
        }
        e += 1;
    }
    let start_year = match number {
        1 => 1953,
        2 => 1958,
        n => 1966 + 5 * (n as i32 - 3),
    };
    let end_year = start_year + 4;
    let mut p = DatePeriod::unknown();
    if let Some(k) = eat(cs, e, &["末", "期末"]) {
        p.end = ymd(end_year, 12, 31);
        p.end_precision = Some(DatePrecision::Year);
        p.kind = PeriodKind::Until;
        return Some((p, k));
    }
    let e = eat(cs, e, &["期间", "时期", "规划期内", "规划期", "期内"]).unwrap_or(e);
    p.start = ymd(start_year, 1, 1);
    p.end = ymd(end_year, 12, 31);
    p.start_precision = Some(DatePrecision::Year);
    p.end_precision = Some(DatePrecision::Year);
    p.kind = PeriodKind::Range;
    Some((p, e))
}

fn from(p: Point) -> DatePeriod {
    let mut out = DatePeriod::unknown();
    out.start = Some(p.first);
    out.start_precision = Some(p.first_precision);
    out.start_inferred = p.inferred;
    out.kind = PeriodKind::From;
    out
}

fn until(p: Point) -> DatePeriod {
    let mut out = DatePeriod::unknown();
    out.end = Some(p.last);
    out.end_precision = Some(p.last_precision);
    out.end_inferred = p.inferred;
    out.kind = PeriodKind::Until;
    out
}

fn point(p: Point) -> DatePeriod {
    let mut out = from(p);
    out.end = Some(p.last);
    out.end_precision = Some(p.last_precision);
    out.end_inferred = p.inferred;
    // Days from one to another (`春节期间`, `正月初一至初七`) are a period like a range; a
    // single day, month or year written alone may be the day of an announcement.
    out.kind = if p.first != p.last && p.first_precision == DatePrecision::Day {
        PeriodKind::Range
    } else {
        PeriodKind::Point
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn opt(s: &str) -> Option<NaiveDate> {
        (!s.is_empty()).then(|| d(s))
    }

    /// (phrase, expected start, expected end); "" is unknown. Reference 2020-04-25.
    const CASES: &[(&str, &str, &str)] = &[
        // Absolute dates, both scripts and numeric forms.
        ("2020年4月10日", "2020-04-10", "2020-04-10"),
        ("二〇二〇年十二月三十一日", "2020-12-31", "2020-12-31"),
        ("二零二一年一月一日起", "2021-01-01", ""),
        ("2020.4.10", "2020-04-10", "2020-04-10"),
        ("2020/04/10", "2020-04-10", "2020-04-10"),
        ("2020-04-10", "2020-04-10", "2020-04-10"),
        ("６月４日", "2020-06-04", "2020-06-04"),
        // Ranges, the second part inheriting year and month.
        (
            "2020年4月10日0时开始至6月4日24时期间",
            "2020-04-10",
            "2020-06-04",
        ),
        ("4月10日至6月4日", "2020-04-10", "2020-06-04"),
        ("2020年4月10日—6月4日", "2020-04-10", "2020-06-04"),
        ("5月1日到5月31日", "2020-05-01", "2020-05-31"),
        ("5月1日～31日", "2020-05-01", "2020-05-31"),
        ("2020年5月1日-2020年12月31日", "2020-05-01", "2020-12-31"),
        ("2020.5.1-2020.6.30", "2020-05-01", "2020-06-30"),
        ("4至6月", "2020-04-01", "2020-06-30"),
        ("2021—2023年", "2021-01-01", "2023-12-31"),
        (
            "自2020年3月1日起至2020年6月30日止",
            "2020-03-01",
            "2020-06-30",
        ),
        // Year-crossing ranges.
        ("12月1日至次年2月底", "2020-12-01", "2021-02-28"),
        ("2020年12月1日至次年2月底", "2020-12-01", "2021-02-28"),
        ("11月至明年3月", "2020-11-01", "2021-03-31"),
        ("2020年11月1日至2月28日", "2020-11-01", "2021-02-28"),
        // The reference date.
        ("即日起", "2020-04-25", ""),
        ("自即日起至6月30日", "2020-04-25", "2020-06-30"),
        ("自发布之日起施行", "2020-04-25", ""),
        ("本办法自印发之日起实施", "2020-04-25", ""),
        ("自公布之日起30日内", "2020-04-25", "2020-05-24"),
        // Takes effect once the length has passed.
        ("本办法自公布之日起30日后施行", "2020-05-25", ""),
        ("自发布之日起满6个月后实施", "2020-10-25", ""),
        // The act's day without 自.
        ("本通知印发之日起施行", "2020-04-25", ""),
        ("公布之日开始执行", "2020-04-25", ""),
        ("以印发之日为准", "", ""),
        // A validity counted from the act's day.
        ("政策有效期为发布之日起一年", "2020-04-25", "2021-04-24"),
        ("有效期自印发之日起两年", "2020-04-25", "2022-04-24"),
        ("今明两年", "2020-01-01", "2021-12-31"),
        // Consecutive months listed.
        ("5、6月", "2020-05-01", "2020-06-30"),
        ("7、8、9月份", "2020-07-01", "2020-09-30"),
        ("5、6两个月", "2020-05-01", "2020-06-30"),
        ("2021年5、6月", "2021-05-01", "2021-06-30"),
        ("5月、6月", "2020-05-01", "2020-06-30"),
        ("5月和6月", "2020-05-01", "2020-06-30"),
        ("5月、6月1日", "2020-05-01", "2020-05-31"),
        // An inclusion note is no date of its own.
        ("2021年1月1日以后（含当日）", "2021-01-01", ""),
        ("6月30日前（含当日）", "", "2020-06-30"),
        // Expiry and taking effect, said after the date.
        ("2020年12月31日到期", "", "2020-12-31"),
        ("到期日为2021年3月31日", "", "2021-03-31"),
        ("2020年6月1日正式实施", "2020-06-01", ""),
        ("自7月1日起施行", "2020-07-01", ""),
        ("7月1日施行，有效期两年", "2020-07-01", "2022-06-30"),
        // A quarter's edge.
        ("三季度末前", "", "2020-09-30"),
        ("2021年一季度末", "2021-03-31", "2021-03-31"),
        ("第四季度初起", "2020-10-01", ""),
        // A deadline named before its date.
        ("申报截止时间为2020年5月31日17:00", "", "2020-05-31"),
        ("截止日期：6月30日", "", "2020-06-30"),
        // Times of day never move the date.
        ("6月4日24时", "2020-06-04", "2020-06-04"),
        ("6月4日24时起", "2020-06-05", ""),
        ("自6月4日24时起至7月4日24时", "2020-06-05", "2020-07-04"),
        ("6月4日0时起", "2020-06-04", ""),
        ("5月1日零时起", "2020-05-01", ""),
        ("5月1日0时起", "2020-05-01", ""),
        ("截至6月30日24时", "", "2020-06-30"),
        // Parts of months and years.
        ("6月底前", "", "2020-06-30"),
        ("6月末", "2020-06-30", "2020-06-30"),
        ("月底前", "", "2020-04-30"),
        ("今年底前", "", "2020-12-31"),
        ("年底前", "", "2020-12-31"),
        ("年末", "2020-12-31", "2020-12-31"),
        ("5月上旬", "2020-05-01", "2020-05-10"),
        ("5月中旬", "2020-05-11", "2020-05-20"),
        ("2月下旬", "2020-02-21", "2020-02-29"),
        ("一季度", "2020-01-01", "2020-03-31"),
        ("第二季度", "2020-04-01", "2020-06-30"),
        ("2021年第四季度", "2021-10-01", "2021-12-31"),
        ("前三季度", "2020-01-01", "2020-09-30"),
        ("上半年", "2020-01-01", "2020-06-30"),
        ("2021年下半年", "2021-07-01", "2021-12-31"),
        ("年内", "", "2020-12-31"),
        ("2021年度", "2021-01-01", "2021-12-31"),
        ("今年", "2020-01-01", "2020-12-31"),
        ("明年6月", "2021-06-01", "2021-06-30"),
        ("去年12月", "2019-12-01", "2019-12-31"),
        ("上年度", "2019-01-01", "2019-12-31"),
        // Deadlines.
        ("至今年12月31日", "", "2020-12-31"),
        ("该支持政策将持续至今年12月31日", "", "2020-12-31"),
        ("截至2020年6月30日", "", "2020-06-30"),
        ("9月30日前", "", "2020-09-30"),
        ("2021年3月31日以前", "", "2021-03-31"),
        ("12月31日之前", "", "2020-12-31"),
        // Durations counted from the start.
        ("有效期三年", "2020-04-25", "2023-04-24"),
        (
            "自2020年5月1日起施行，有效期三年",
            "2020-05-01",
            "2023-04-30",
        ),
        ("暂定三个月", "2020-04-25", "2020-07-24"),
        ("自2月1日起，减免期限为3个月", "2020-02-01", "2020-04-30"),
        ("为期半年", "2020-04-25", "2020-10-24"),
        ("为期90天", "2020-04-25", "2020-07-23"),
        // Plan periods.
        ("“十四五”期间", "2021-01-01", "2025-12-31"),
        ("十三五时期", "2016-01-01", "2020-12-31"),
        ("“十四五”末", "", "2025-12-31"),
        // Open-ended: known start, unknown end.
        ("疫情防控期间", "", ""),
        ("自3月1日起至疫情结束", "2020-03-01", ""),
        ("执行至另行通知", "", ""),
        ("2020年4月10日至今", "2020-04-10", ""),
        ("暂定执行三个月", "2020-04-25", "2020-07-24"),
        ("试行两年", "2020-04-25", "2022-04-24"),
        ("2020年度内", "", "2020-12-31"),
        ("4月10日（含）至6月4日（含）", "2020-04-10", "2020-06-04"),
        ("从4月10日开始到6月4日结束", "2020-04-10", "2020-06-04"),
        ("明年起", "2021-01-01", ""),
        // Not dates.
        ("实行7×24小时通关服务", "", ""),
        ("下调15%以上", "", ""),
        ("3个百分点", "", ""),
        // One beneficiary's or a loan's term, not the policy's.
        ("补贴期限3年", "", ""),
        ("贷款期限1年", "", ""),
        ("享受期限为2年", "", ""),
        // A count of years or months is a length, not this year's deadline.
        ("两年内", "", ""),
        ("半年内", "", ""),
        ("三个月内", "", ""),
        ("对新落户企业三年内免征", "", ""),
        ("今年年底前", "", "2020-12-31"),
        ("2021年年底", "2021-12-31", "2021-12-31"),
        ("2021年年内", "", "2021-12-31"),
        ("今后三年", "2020-04-25", "2023-04-24"),
        ("未来五年", "2020-04-25", "2025-04-24"),
        // Days of a week (2020-04-25 is a Saturday).
        ("本周五", "2020-04-24", "2020-04-24"),
        ("下周一起", "2020-04-27", ""),
        ("下星期日", "2020-05-03", "2020-05-03"),
        ("上周三", "2020-04-15", "2020-04-15"),
        // Holidays (holidays.rs): the day, or the customary days off.
        // The coming 春节: the last one was three months before the reference.
        ("春节期间", "2021-02-11", "2021-02-17"),
        ("2021年元旦起", "2021-01-01", ""),
        ("自国庆节起至年底", "2020-10-01", "2020-12-31"),
        ("五一假期", "2020-05-01", "2020-05-05"),
        ("端午节前", "", "2020-06-25"),
        (
            "2月11日（除夕）至2月17日（正月初六）",
            "2020-02-11",
            "2020-02-17",
        ),
        ("王国庆表示", "", ""),
        // The name in quotes: `“五一”假期期间`.
        ("“五一”假期期间", "2020-05-01", "2020-05-05"),
        ("“十一”黄金周", "2020-10-01", "2020-10-07"),
        ("清明节前后", "2020-04-04", "2020-04-04"),
        // Seasons and relative quarters.
        ("2021年春季", "2021-03-01", "2021-05-31"),
        ("今年秋季学期起", "2020-09-01", ""),
        // School years (1 September to 31 August) and their terms (autumn Sep–Jan, spring
        // Feb–Jul).
        ("2023—2024学年", "2023-09-01", "2024-08-31"),
        ("2023-2024学年度", "2023-09-01", "2024-08-31"),
        ("２０２３—２０２４学年", "2023-09-01", "2024-08-31"),
        ("2024学年", "2024-09-01", "2025-08-31"),
        ("本学年", "2019-09-01", "2020-08-31"),
        ("2023—2024学年第一学期", "2023-09-01", "2024-01-31"),
        ("2023—2024学年第二学期", "2024-02-01", "2024-07-31"),
        ("2024年秋季学期", "2024-09-01", "2025-01-31"),
        ("2024年春季学期", "2024-02-01", "2024-07-31"),
        // A start that is each beneficiary's own event is no date; a document's act is one.
        ("缓缴期限为3个月，自原纳税期限届满之日起计算", "", ""),
        ("自企业取得营业执照之日起", "", ""),
        ("自公告发布之日起", "2020-04-25", ""),
        ("秋季学期", "2020-09-01", "2021-01-31"),
        ("冬季", "2020-12-01", "2021-02-28"),
        ("下季度", "2020-07-01", "2020-09-30"),
        ("本季度内", "2020-04-01", "2020-06-30"),
        // Spans of months and quarters in a written year.
        ("2021年1-6月", "2021-01-01", "2021-06-30"),
        ("2021年1至3月份", "2021-01-01", "2021-03-31"),
        ("2021年1—3季度", "2021-01-01", "2021-09-30"),
        ("4月1日（星期四）零时起", "2020-04-01", ""),
        ("自2021年4月起，连续3个月", "2021-04-01", "2021-06-30"),
    ];

    #[test]
    fn phrases_resolve_to_expected_periods() {
        let reference = d("2020-04-25");
        let mut failures = Vec::new();
        for &(phrase, start, end) in CASES {
            let p = parse_period(phrase, reference);
            if p.start != opt(start) || p.end != opt(end) {
                failures.push(format!(
                    "{phrase}: got {:?}..{:?} ({:?}), want {start}..{end}",
                    p.start, p.end, p.kind
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn a_term_counted_from_a_beneficiarys_event_keeps_its_length_and_no_start() {
        let p = parse_period(
            "缓缴期限为3个月，自原纳税期限届满之日起计算",
            d("2020-04-25"),
        );
        assert_eq!(p.kind, PeriodKind::Duration);
        assert_eq!(p.duration, Some(PeriodLength { months: 3, days: 0 }));
        assert_eq!(p.start_event.as_deref(), Some("原纳税期限届满"));
        // The phrase is read through the event, so the evidence quotes it.
        assert!(p
            .matched
            .is_some_and(|m| m.text.ends_with("3个月，自原纳税期限届满之日起计算")));
        // The same term without the event still counts from the reference (inferred).
        let q = parse_period("缓缴期限为3个月", d("2020-04-25"));
        assert_eq!(q.start, opt("2020-04-25"));
        assert!(q.start_event.is_none());
    }

    #[test]
    fn holiday_days_off_are_a_period_and_a_single_day_is_not() {
        let reference = d("2021-01-18");
        let kind = |phrase: &str| parse_period(phrase, reference).kind;
        assert_eq!(kind("春节期间"), PeriodKind::Range);
        assert_eq!(kind("正月初一至初七"), PeriodKind::Range);
        assert_eq!(kind("春节"), PeriodKind::Point);
        assert_eq!(kind("1月18日"), PeriodKind::Point);
        // In a measure sentence the suggester keeps the days off as the measure's period.
        let found = find_periods("市政府决定在春节期间分两批发放消费券", reference);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.start, Some(d("2021-02-11")));
        assert_eq!(found[0].1.end, Some(d("2021-02-17")));
    }

    #[test]
    fn end_of_day_24h_stays_on_that_day() {
        let p = parse_period("6月4日24时", d("2020-04-25"));
        assert_eq!(p.end, Some(d("2020-06-04")));
        assert_eq!(p.end_precision, Some(DatePrecision::Day));
    }

    #[test]
    fn year_less_date_takes_reference_year_and_is_inferred() {
        let p = parse_period("6月4日", d("2021-01-10"));
        assert_eq!(p.start, Some(d("2021-06-04")));
        assert!(p.start_inferred && p.end_inferred);
        let p = parse_period("2020年6月4日", d("2021-01-10"));
        assert!(!p.start_inferred);
    }

    #[test]
    fn range_end_inherits_year_without_being_inferred() {
        let p = parse_period("2020年4月10日至6月4日", d("2019-01-01"));
        assert_eq!(p.end, Some(d("2020-06-04")));
        assert!(!p.end_inferred, "the year is written in the first part");
    }

    #[test]
    fn precision_follows_the_written_unit() {
        let r = d("2020-04-25");
        let cases = [
            ("5月上旬", DatePrecision::TenDays),
            ("一季度", DatePrecision::Quarter),
            ("下半年", DatePrecision::HalfYear),
            ("2021年", DatePrecision::Year),
            ("6月", DatePrecision::Month),
            ("6月4日", DatePrecision::Day),
            ("“十四五”期间", DatePrecision::Year),
        ];
        for (phrase, want) in cases {
            assert_eq!(
                parse_period(phrase, r).end_precision,
                Some(want),
                "{phrase}"
            );
        }
    }

    #[test]
    fn open_ended_phrases_leave_the_end_unknown() {
        let p = parse_period("疫情防控期间", d("2020-04-25"));
        assert_eq!((p.start, p.end), (None, None));
        assert!(p.open_ended);
        assert_eq!(p.kind, PeriodKind::OpenEnded);
    }

    #[test]
    fn duration_without_start_is_inferred_from_reference() {
        let p = parse_period("暂定三个月", d("2020-04-25"));
        assert!(p.start_inferred && p.end_inferred);
        assert_eq!(p.duration, Some(PeriodLength { months: 3, days: 0 }));
    }

    #[test]
    fn scanner_reports_spans_and_skips_document_titles() {
        let text =
            "对参加《2020年湖南省重点境外展会目录》展会的企业给予补贴，政策持续至今年12月31日。";
        let found = find_periods(text, d("2020-04-25"));
        assert_eq!(found.len(), 1, "{found:?}");
        let ((s, e), p) = &found[0];
        let quoted: String = text.chars().skip(*s).take(e - s).collect();
        assert_eq!(quoted, "持续至今年12月31日");
        assert_eq!(p.end, Some(d("2020-12-31")));
    }

    #[test]
    fn parsed_phrase_serialises_flat() {
        let line =
            serde_json::to_value(ParsedPhrase::new("至今年12月31日", d("2020-04-25"))).unwrap();
        assert_eq!(line["phrase"], "至今年12月31日");
        assert_eq!(line["start"], serde_json::Value::Null);
        assert_eq!(line["end"], "2020-12-31");
        assert_eq!(line["kind"], "until");
    }
}
