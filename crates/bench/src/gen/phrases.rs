//! Date and period phrases as policy articles word them, relative to the date.
//!
//! The same generator feeds the articles and the date-normaliser benchmark, so the phrases
//! the normaliser is timed on are the ones it meets in the load.

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;

use super::{rng_for, Stream};

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `2020` → `二〇二〇`.
fn cn_year(y: i32) -> String {
    y.to_string()
        .chars()
        .map(|c| CN_DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// `12` → `十二`, `31` → `三十一`.
fn cn_small(n: u32) -> String {
    super::chinese_count(n)
}

/// A date phrase for an article published on `reference`.
pub fn date_phrase<R: Rng>(rng: &mut R, reference: NaiveDate) -> String {
    let y = reference.year();
    // A later day in the next ~8 months, for ends of periods.
    let later = reference + Duration::days(rng.random_range(20..240));
    let earlier = reference - Duration::days(rng.random_range(1..40));
    let (m1, d1) = (earlier.month(), earlier.day());
    let (m2, d2) = (later.month(), later.day());
    let y2 = later.year();
    match rng.random_range(0..18) {
        0 => format!("自{y}年{m1}月{d1}日起施行"),
        1 => format!("有效期至{y2}年{m2}月{d2}日"),
        2 => format!("该政策将持续至今年{}月{}日", m2.max(reference.month()), d2),
        3 => format!("{m1}月{d1}日0时至{m2}月{d2}日24时"),
        4 => format!("截至{m1}月{d1}日"),
        5 => "今年年底前".to_string(),
        6 => format!(
            "{y}年{}半年",
            if rng.random_bool(0.5) { "上" } else { "下" }
        ),
        7 => format!("{m2}月{}旬", ["上", "中", "下"][rng.random_range(0..3)]),
        8 => format!(
            "第{}季度",
            ["一", "二", "三", "四"][rng.random_range(0..4usize)]
        ),
        9 => format!("{y}年{m1}月{d1}日至{y2}年{m2}月{d2}日"),
        10 => format!("{}年{}月{}日起", cn_year(y), cn_small(m1), cn_small(d1)),
        11 => format!("明年{}月底前", rng.random_range(1..=12)),
        12 => format!("{m2}月{d2}日起"),
        13 => format!("即日起至{m2}月{d2}日"),
        14 => format!("{y}年{m1}月{d1}日"),
        15 => format!("今年{m2}月底"),
        16 => format!("自发布之日起{}个月内", rng.random_range(1..=12)),
        _ => format!("{m1}月{d1}日至{m2}月{d2}日"),
    }
}

/// `n` phrases with their reference dates, spread over a year from `start`.
pub fn phrase_set(seed: u64, n: usize, start: NaiveDate) -> Vec<(String, NaiveDate)> {
    (0..n)
        .map(|i| {
            let mut rng = rng_for(seed, Stream::Phrase, i as u64);
            let reference = start + Duration::days(rng.random_range(0..365));
            (date_phrase(&mut rng, reference), reference)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_years_are_written_digit_by_digit() {
        assert_eq!(cn_year(2020), "二〇二〇");
    }

    #[test]
    fn phrase_sets_are_reproducible_and_varied() {
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let a = phrase_set(1, 200, start);
        assert_eq!(a, phrase_set(1, 200, start));
        let distinct: std::collections::HashSet<_> = a.iter().map(|(p, _)| p).collect();
        assert!(
            distinct.len() > 150,
            "only {} distinct phrases",
            distinct.len()
        );
    }
}
