//! Public holidays and lunar dates in period phrases: `春节期间`, `2021年元旦起`, `国庆假期`,
//! `端午节前`, `正月初一至初七`, `除夕`.
//!
//! Lunar dates come from `chinese-lunisolar-calendar` (its tables cover 1901–2100); 清明 is a
//! solar term, computed with the usual 21st-century formula. A holiday's days off are set
//! each year by the State Council; when a phrase names the holiday period (`春节期间`,
//! `国庆黄金周`) rather than the day, the span is the customary one: 春节 from 除夕 to 初六,
//! 国庆 1–7 October, 劳动节 1–5 May (1–3 May before 2020). Other festivals are their day.

use chinese_lunisolar_calendar::LunisolarDate;
use chrono::{Datelike, Days, NaiveDate};

use super::numbers::{at, chinese_digit, eat};

/// A holiday or lunar date read at some index: its first and last days, and the index after
/// the words read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Holiday {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The year was not written: it is the occurrence nearest the reference date.
    pub inferred: bool,
    pub end: usize,
}

/// Words after a holiday that mean its days off rather than the festival's day.
const PERIOD_WORDS: &[&str] = &["小长假", "长假", "假期", "黄金周", "期间"];

#[derive(Debug, Clone, Copy)]
enum Day {
    /// A lunar month and day.
    Lunar(u8, u8),
    /// The eve of the lunar new year.
    Eve,
    /// A Gregorian month and day.
    Solar(u32, u32),
    Qingming,
}

/// Festival names, longest first where one starts another. `needs_more`: the bare name is
/// also an ordinary word or part of a name (`五一`, `十一`, `国庆` as in 王国庆, `清明` as
/// in 政治清明), so it counts only followed by 节 or a period word.
const FESTIVALS: &[(&str, Day, bool)] = &[
    ("春节", Day::Lunar(1, 1), false),
    ("除夕", Day::Eve, false),
    ("大年三十", Day::Eve, false),
    ("大年夜", Day::Eve, false),
    ("元宵节", Day::Lunar(1, 15), false),
    ("元宵", Day::Lunar(1, 15), false),
    ("端午节", Day::Lunar(5, 5), false),
    ("端午", Day::Lunar(5, 5), false),
    ("七夕节", Day::Lunar(7, 7), false),
    ("七夕", Day::Lunar(7, 7), false),
    ("中秋节", Day::Lunar(8, 15), false),
    ("中秋", Day::Lunar(8, 15), false),
    ("重阳节", Day::Lunar(9, 9), false),
    ("元旦", Day::Solar(1, 1), false),
    ("清明节", Day::Qingming, false),
    ("清明", Day::Qingming, true),
    ("劳动节", Day::Solar(5, 1), false),
    ("五一劳动节", Day::Solar(5, 1), false),
    ("五一", Day::Solar(5, 1), true),
    ("国庆节", Day::Solar(10, 1), false),
    ("国庆", Day::Solar(10, 1), true),
    ("十一", Day::Solar(10, 1), true),
];

/// Characters a holiday or lunar date can start with.
fn may_start(c: char) -> bool {
    matches!(
        c,
        '春' | '除'
            | '元'
            | '端'
            | '七'
            | '中'
            | '重'
            | '清'
            | '劳'
            | '五'
            | '国'
            | '十'
            | '正'
            | '大'
            | '农'
    )
}

/// Whether a holiday or lunar date may start at `i` (the scanner's quick test: `国` and `大`
/// are frequent characters, so the names are compared here, not the whole parse run).
pub(super) fn starts(cs: &[char], i: usize) -> bool {
    may_start(cs[i])
        && (FESTIVALS.iter().any(|(name, _, _)| at(cs, i, name))
            || at(cs, i, "正月")
            || at(cs, i, "农历正月")
            || at(cs, i, "大年初"))
}

/// A holiday at `i`, in `year` when the text wrote one, else the occurrence nearest
/// `reference`.
pub(super) fn parse(
    cs: &[char],
    i: usize,
    year: Option<i32>,
    reference: Option<NaiveDate>,
) -> Option<Holiday> {
    // Asked after every year and before every month the date scanner reads: most dates start
    // with no festival's first character.
    if !cs.get(i).is_some_and(|&c| may_start(c)) {
        return None;
    }
    if let Some(h) = lunar_date(cs, i, year, reference) {
        return Some(h);
    }
    let (name, day, needs_more) = FESTIVALS
        .iter()
        .filter(|(name, _, _)| at(cs, i, name))
        .max_by_key(|(name, _, _)| name.chars().count())?;
    let mut j = i + name.chars().count();
    // `“五一”假期`: the name in quotes, the period word after the closing one.
    let opened = i > 0 && matches!(cs[i - 1], '“' | '"' | '「' | '‘');
    if opened && matches!(cs.get(j), Some('”' | '"' | '」' | '’')) {
        j += 1;
    }
    // 五一劳动节, 中秋国庆 are read word by word; a trailing 节 belongs to the name.
    let with_jie = !name.ends_with('节') && cs.get(j) == Some(&'节');
    if with_jie {
        j += 1;
    }
    let period = eat(cs, j, PERIOD_WORDS);
    // `元旦春节期间`, `中秋国庆假期`: two festivals named together, one period from the first's
    // day to the end of the second's days off.
    if period.is_none() {
        if let Some(pair) = pair_with_next(cs, j, *day, year, reference) {
            return Some(pair);
        }
    }
    // `十一起` is eleven cases, `五一路` a street: such names count only with 节 or a period word.
    if *needs_more && !with_jie && period.is_none() {
        return None;
    }
    let (first, inferred) = occurrence(year, reference, |y| festival_day(*day, y))?;
    let mut last = first;
    let mut first = first;
    if let Some(e) = period {
        j = e;
        (first, last) = days_off(*day, first)?;
    }
    Some(Holiday {
        first,
        last,
        inferred,
        end: j,
    })
}

/// A festival right after the one whose name ends at `j`, with a period word after it
/// (`元旦` then `春节期间`): the span from the first festival's day, in the season of the
/// second, to the end of the second's days off. `None` unless the second comes after the first
/// within three months (`春节国庆期间` names two separate periods).
fn pair_with_next(
    cs: &[char],
    j: usize,
    first_day: Day,
    year: Option<i32>,
    reference: Option<NaiveDate>,
) -> Option<Holiday> {
    let j = eat(cs, j, &["、", "和", "及", "与"]).unwrap_or(j);
    let (name, _, _) = FESTIVALS
        .iter()
        .filter(|(name, _, _)| at(cs, j, name))
        .max_by_key(|(name, _, _)| name.chars().count())?;
    let after = j + name.chars().count();
    let after = if !name.ends_with('节') && cs.get(after) == Some(&'节') {
        after + 1
    } else {
        after
    };
    eat(cs, after, PERIOD_WORDS)?;
    let second = parse(cs, j, year, reference)?;
    // The first festival's day in the year that puts it before the second's days off.
    let first = [second.first.year() - 1, second.first.year()]
        .into_iter()
        .filter_map(|y| festival_day(first_day, y))
        .filter(|&d| d <= second.first)
        .max()?;
    if (second.first - first).num_days() > 92 {
        return None;
    }
    Some(Holiday {
        first,
        last: second.last,
        inferred: second.inferred,
        end: second.end,
    })
}

/// `正月初一`, `大年初一`, `正月十五`, `农历正月初八`, and a following `至初七`.
fn lunar_date(
    cs: &[char],
    i: usize,
    year: Option<i32>,
    reference: Option<NaiveDate>,
) -> Option<Holiday> {
    let j = match eat(cs, i, &["农历正月", "正月"]) {
        Some(j) => j,
        // 大年初三; 大年三十 is the eve, a festival name.
        None => eat(cs, i, &["大年初"]).map(|j| j - 1)?,
    };
    let (day, mut j) = lunar_day(cs, j)?;
    let (first, inferred) = occurrence(year, reference, |y| lunar(y, 1, day))?;
    let mut last = first;
    // 正月初一至初七: the end in the same lunar month.
    if let Some(k) = eat(cs, j, &["至", "到", "—", "-", "～", "~"]) {
        if let Some((d2, e)) = lunar_day(cs, k) {
            if d2 > day {
                last = first.checked_add_days(Days::new(u64::from(d2 - day)))?;
                j = e;
            }
        }
    }
    Some(Holiday {
        first,
        last,
        inferred,
        end: j,
    })
}

/// A lunar day of the month: 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十.
fn lunar_day(cs: &[char], i: usize) -> Option<(u8, usize)> {
    let d = |k: usize| cs.get(k).copied().and_then(chinese_digit);
    match cs.get(i)? {
        '初' => {
            if cs.get(i + 1) == Some(&'十') {
                return Some((10, i + 2));
            }
            let n = d(i + 1).filter(|n| (1..=9).contains(n))?;
            Some((n as u8, i + 2))
        }
        '十' => match d(i + 1).filter(|n| (1..=9).contains(n)) {
            Some(n) => Some((10 + n as u8, i + 2)),
            None => Some((10, i + 1)),
        },
        '廿' => {
            let n = d(i + 1).filter(|n| (1..=9).contains(n))?;
            Some((20 + n as u8, i + 2))
        }
        '二' if cs.get(i + 1) == Some(&'十') => Some((20, i + 2)),
        '三' if cs.get(i + 1) == Some(&'十') => Some((30, i + 2)),
        _ => None,
    }
}

fn lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let y = u16::try_from(year).ok()?;
    Some(
        LunisolarDate::from_ymd(y, month, false, day)
            .ok()?
            .to_naive_date(),
    )
}

fn festival_day(day: Day, year: i32) -> Option<NaiveDate> {
    match day {
        Day::Lunar(m, d) => lunar(year, m, d),
        Day::Eve => lunar(year, 1, 1)?.pred_opt(),
        Day::Solar(m, d) => NaiveDate::from_ymd_opt(year, m, d),
        Day::Qingming => qingming(year),
    }
}

/// 清明, the solar term: 4 or 5 April (2000–2099: day = ⌊0.2422·Y + 4.81⌋ − ⌊Y/4⌋, Y the
/// year's last two digits).
fn qingming(year: i32) -> Option<NaiveDate> {
    if !(2000..=2099).contains(&year) {
        return None;
    }
    let y = f64::from(year - 2000);
    let day = (y * 0.2422 + 4.81).floor() as i32 - (year - 2000) / 4;
    NaiveDate::from_ymd_opt(year, 4, u32::try_from(day).ok()?)
}

/// The customary days off around a holiday whose day is `day`.
fn days_off(kind: Day, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let after = |n: u64| day.checked_add_days(Days::new(n));
    match kind {
        // 除夕 to 初六.
        Day::Lunar(1, 1) => Some((day.pred_opt()?, after(5)?)),
        Day::Eve => Some((day, day.checked_add_days(Days::new(6))?)),
        Day::Solar(10, 1) => Some((day, after(6)?)),
        Day::Solar(5, 1) if day.year() >= 2020 => Some((day, after(4)?)),
        Day::Solar(5, 1) => Some((day, after(2)?)),
        _ => Some((day, day)),
    }
}

/// How long after a festival an article may still mean it rather than the next one.
const RECENT_DAYS: i64 = 45;

/// The festival in `year` if written, else its first occurrence from 45 days before the
/// reference on: a measure announces what comes (an article of March means the coming
/// 国庆, not last October's), and an article of mid-February still means the 春节 just past.
fn occurrence(
    year: Option<i32>,
    reference: Option<NaiveDate>,
    day_in: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<(NaiveDate, bool)> {
    if let Some(y) = year {
        return Some((day_in(y)?, false));
    }
    let r = reference?;
    let next = (r.year() - 1..=r.year() + 1)
        .filter_map(&day_in)
        .find(|d| (r - *d).num_days() <= RECENT_DAYS)?;
    Some((next, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn read(text: &str, year: Option<i32>, reference: &str) -> Option<(String, String, String)> {
        let cs: Vec<char> = text.chars().collect();
        parse(&cs, 0, year, Some(d(reference))).map(|h| {
            (
                h.first.to_string(),
                h.last.to_string(),
                cs[..h.end].iter().collect(),
            )
        })
    }

    #[test]
    fn festivals_resolve_to_their_day_or_days_off() {
        // (text, written year, reference, first, last, words read)
        type Case = (
            &'static str,
            Option<i32>,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            // Two festivals named together: from the first's day to the second's days off.
            (
                "元旦春节期间",
                None,
                "2024-04-25",
                "2025-01-01",
                "2025-02-03",
                "元旦春节期间",
            ),
            (
                "中秋国庆假期",
                Some(2024),
                "2024-04-25",
                "2024-09-17",
                "2024-10-07",
                "中秋国庆假期",
            ),
            (
                "元旦、春节期间",
                Some(2021),
                "2020-12-01",
                "2021-01-01",
                "2021-02-17",
                "元旦、春节期间",
            ),
            // Months apart: the first is read alone (and 春节 then 国庆期间 are two periods).
            (
                "春节国庆期间",
                Some(2024),
                "2024-01-02",
                "2024-02-10",
                "2024-02-10",
                "春节",
            ),
            (
                "春节期间",
                None,
                "2021-01-20",
                "2021-02-11",
                "2021-02-17",
                "春节期间",
            ),
            (
                "春节前",
                None,
                "2020-12-10",
                "2021-02-12",
                "2021-02-12",
                "春节",
            ),
            (
                "除夕",
                Some(2024),
                "2023-12-01",
                "2024-02-09",
                "2024-02-09",
                "除夕",
            ),
            (
                "元旦起",
                None,
                "2020-12-20",
                "2021-01-01",
                "2021-01-01",
                "元旦",
            ),
            (
                "元旦起",
                Some(2021),
                "2021-03-15",
                "2021-01-01",
                "2021-01-01",
                "元旦",
            ),
            (
                "国庆假期",
                None,
                "2021-09-01",
                "2021-10-01",
                "2021-10-07",
                "国庆假期",
            ),
            (
                "国庆节期间",
                None,
                "2021-09-01",
                "2021-10-01",
                "2021-10-07",
                "国庆节期间",
            ),
            (
                "五一小长假",
                None,
                "2021-04-20",
                "2021-05-01",
                "2021-05-05",
                "五一小长假",
            ),
            (
                "五一劳动节期间",
                None,
                "2019-04-20",
                "2019-05-01",
                "2019-05-03",
                "五一劳动节期间",
            ),
            (
                "端午节",
                None,
                "2021-05-20",
                "2021-06-14",
                "2021-06-14",
                "端午节",
            ),
            (
                "中秋",
                None,
                "2020-09-01",
                "2020-10-01",
                "2020-10-01",
                "中秋",
            ),
            (
                "清明节",
                None,
                "2022-03-20",
                "2022-04-05",
                "2022-04-05",
                "清明节",
            ),
            (
                "清明节",
                None,
                "2021-03-20",
                "2021-04-04",
                "2021-04-04",
                "清明节",
            ),
            (
                "正月初一至初七",
                None,
                "2021-01-10",
                "2021-02-12",
                "2021-02-18",
                "正月初一至初七",
            ),
            (
                "正月十五",
                Some(2021),
                "2021-01-10",
                "2021-02-26",
                "2021-02-26",
                "正月十五",
            ),
            (
                "大年初三",
                None,
                "2022-01-10",
                "2022-02-03",
                "2022-02-03",
                "大年初三",
            ),
            (
                "大年三十",
                None,
                "2022-01-10",
                "2022-01-31",
                "2022-01-31",
                "大年三十",
            ),
        ];
        for &(text, year, reference, first, last, words) in cases {
            assert_eq!(
                read(text, year, reference),
                Some((first.into(), last.into(), words.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn words_that_only_look_like_holidays_are_not_dates() {
        for text in [
            "国庆表示",
            "清明的政治生态",
            "五一路",
            "十一个",
            "十一起案件",
            "中间",
            "正在",
            "大年",
        ] {
            assert_eq!(read(text, None, "2021-03-15"), None, "{text}");
        }
    }
}
