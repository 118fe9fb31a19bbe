//! A ledger of measures over the imported articles: packages with items, typed values,
//! effective and expiry dates, statuses, notes and source spans that quote the stored text
//! exactly (offsets in Unicode scalar values, as the store checks).

use chrono::{Duration, NaiveDate};
use policy_ledger_core::model::{
    ArticleId, Bound, DatePrecision, MeasureInput, MeasureStatus, MeasureValue, SourceSpan,
};
use policy_ledger_core::store::MeasureTree;
use rand::Rng;
use rust_decimal::Decimal;

use super::vocab::*;
use super::{chinese_count, pick, rng_for, Stream};

/// An article the ledger may quote, with the byte offset of each character so a span of
/// characters can be cut without rescanning the text.
pub struct Quotable {
    pub id: ArticleId,
    text: String,
    char_starts: Vec<u32>,
}

impl Quotable {
    pub fn new(id: ArticleId, text: String) -> Self {
        let char_starts = text.char_indices().map(|(i, _)| i as u32).collect();
        Quotable {
            id,
            text,
            char_starts,
        }
    }

    fn chars(&self) -> usize {
        self.char_starts.len()
    }

    /// Characters `start..end` (`end` ≤ the length).
    fn slice(&self, start: usize, end: usize) -> &str {
        let b = |i: usize| {
            self.char_starts
                .get(i)
                .map_or(self.text.len(), |&x| x as usize)
        };
        &self.text[b(start)..b(end)]
    }
}

/// Measures start in the 18 months before this day and the load is built around it; the
/// table benchmark asks for measures in force on a day inside that range.
pub fn ledger_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date")
}

/// Trees number `from..` until at least `measures` measures are produced. Returned in
/// batches by the caller's loop; `tree_index` continues across batches.
pub fn tree(seed: u64, tree_index: u64, articles: &[Quotable]) -> MeasureTree {
    let mut rng = rng_for(seed, Stream::Ledger, tree_index);
    let county = pick(&mut rng, COUNTIES);
    let who = pick(&mut rng, BENEFICIARIES);
    let (from, from_p) = effective(&mut rng);
    let (to, to_p) = expiry(&mut rng, from);
    let status = status(&mut rng);
    let key = |child: Option<usize>| {
        (status == MeasureStatus::Suggested).then(|| match child {
            None => format!("bench:{seed}:{tree_index}"),
            Some(c) => format!("bench:{seed}:{tree_index}:{c}"),
        })
    };
    // 30 % of trees are packages of 3–15 items; the rest stand alone.
    let items = if rng.random_bool(0.3) {
        rng.random_range(3..16)
    } else {
        0
    };
    let title = if items > 0 {
        format!("{county}支持{who}“{}条”", chinese_count(items as u32))
    } else {
        format!("{county}{who}{}", pick(&mut rng, INSTRUMENTS))
    };
    let mut parent = measure(&mut rng, title, county, articles);
    parent.beneficiaries = vec![who.to_string()];
    parent.effective_from = from;
    parent.effective_precision = from.map(|_| from_p);
    parent.expires_on = to;
    parent.expires_precision = to.map(|_| to_p);
    parent.status = status;
    parent.suggestion_key = key(None);
    let children = (0..items)
        .map(|c| {
            let title = format!("{}{}", who, pick(&mut rng, INSTRUMENTS));
            let mut m = measure(&mut rng, title, county, articles);
            m.beneficiaries = vec![who.to_string()];
            // Items share the package's period unless the text gives their own.
            if rng.random_bool(0.8) {
                m.effective_from = from;
                m.effective_precision = parent.effective_precision;
                m.effective_inferred = from.is_some();
                m.expires_on = to;
                m.expires_precision = parent.expires_precision;
                m.expires_inferred = to.is_some();
            } else {
                let (f, fp) = effective(&mut rng);
                let (t, tp) = expiry(&mut rng, f);
                m.effective_from = f;
                m.effective_precision = f.map(|_| fp);
                m.expires_on = t;
                m.expires_precision = t.map(|_| tp);
            }
            m.status = status;
            m.suggestion_key = key(Some(c));
            m
        })
        .collect();
    MeasureTree {
        measure: parent,
        children,
    }
}

fn measure<R: Rng>(
    rng: &mut R,
    title: String,
    county: &str,
    articles: &[Quotable],
) -> MeasureInput {
    let issuer = if rng.random_bool(0.6) {
        pick(rng, ISSUERS).to_string()
    } else {
        format!("{county}人民政府")
    };
    let notes = if rng.random_bool(0.2) {
        format!("核对原文：{}，{}", pick(rng, TAILS), pick(rng, ACTIONS))
    } else {
        String::new()
    };
    let spans = if rng.random_bool(0.9) { 1 } else { 2 };
    MeasureInput {
        title,
        issuer: Some(issuer),
        jurisdiction: rng.random_bool(0.5).then(|| county.to_string()),
        category: Some(pick(rng, CATEGORIES).to_string()),
        value: Some(value(rng)),
        notes,
        sources: (0..spans).filter_map(|_| span(rng, articles)).collect(),
        ..Default::default()
    }
}

fn span<R: Rng>(rng: &mut R, articles: &[Quotable]) -> Option<SourceSpan> {
    if articles.is_empty() {
        return None;
    }
    let a = &articles[rng.random_range(0..articles.len())];
    let len = rng.random_range(12..60).min(a.chars());
    if len == 0 {
        return None;
    }
    let start = rng.random_range(0..=a.chars() - len);
    Some(SourceSpan {
        article_id: a.id,
        start: start as u32,
        end: (start + len) as u32,
        quote: a.slice(start, start + len).to_string(),
    })
}

fn value<R: Rng>(rng: &mut R) -> MeasureValue {
    let cny = || "CNY".to_string();
    match rng.random_range(0..7) {
        0 => MeasureValue::Amount {
            amount: Decimal::new(rng.random_range(1..5000) * 10_000, 0),
            currency: cny(),
            bound: if rng.random_bool(0.5) {
                Bound::AtMost
            } else {
                Bound::Exact
            },
        },
        1 => MeasureValue::UnitPrice {
            amount: Decimal::new(rng.random_range(100..600), 2),
            currency: cny(),
            unit: Some("立方米".into()),
        },
        2 => MeasureValue::Percentage {
            percent: Decimal::new(rng.random_range(80..100), 0),
            bound: Bound::Exact,
        },
        3 => MeasureValue::PercentChange {
            percent: Decimal::new(-rng.random_range(5..30), 0),
            bound: Bound::AtLeast,
        },
        4 => MeasureValue::PercentagePoints {
            points: Decimal::new(-rng.random_range(1..10), 1),
            bound: Bound::Exact,
        },
        5 => MeasureValue::ChangePerUnit {
            amount: Decimal::new(-rng.random_range(1..10), 1),
            currency: cny(),
            unit: "立方米".into(),
        },
        _ => MeasureValue::Text {
            text: "实行“7×24小时”通关服务".into(),
        },
    }
}

fn effective<R: Rng>(rng: &mut R) -> (Option<NaiveDate>, DatePrecision) {
    if rng.random_bool(0.15) {
        return (None, DatePrecision::Day);
    }
    let d = ledger_epoch() + Duration::days(rng.random_range(-180..540));
    let p = match rng.random_range(0..10) {
        0 => DatePrecision::Month,
        1 => DatePrecision::Quarter,
        _ => DatePrecision::Day,
    };
    (Some(d), p)
}

fn expiry<R: Rng>(rng: &mut R, from: Option<NaiveDate>) -> (Option<NaiveDate>, DatePrecision) {
    if rng.random_bool(0.25) {
        return (None, DatePrecision::Day);
    }
    let base = from.unwrap_or_else(ledger_epoch);
    let d = base + Duration::days(rng.random_range(14..730));
    let p = if rng.random_bool(0.15) {
        DatePrecision::Year
    } else {
        DatePrecision::Day
    };
    (Some(d), p)
}

fn status<R: Rng>(rng: &mut R) -> MeasureStatus {
    match rng.random_range(0..10) {
        0..=4 => MeasureStatus::Suggested,
        5..=8 => MeasureStatus::Confirmed,
        _ => MeasureStatus::Rejected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> Vec<Quotable> {
        vec![
            Quotable::new(
                1,
                "醴陵市出台“十二条”支持外贸企业，非居民用天然气终端销售价格整体下降0.4元/立方米。"
                    .repeat(3),
            ),
            Quotable::new(
                2,
                "企业生产用水，执行综合水价3.64元标准；据了解，该支持政策将持续至今年12月31日。"
                    .repeat(2),
            ),
        ]
    }

    #[test]
    fn spans_quote_exactly_the_characters_they_cover() {
        let arts = articles();
        for i in 0..200 {
            let t = tree(5, i, &arts);
            for m in std::iter::once(&t.measure).chain(&t.children) {
                m.validate().expect("generated measures pass validation");
                for s in &m.sources {
                    let a = arts.iter().find(|a| a.id == s.article_id).unwrap();
                    let want: String = a
                        .text
                        .chars()
                        .skip(s.start as usize)
                        .take((s.end - s.start) as usize)
                        .collect();
                    assert_eq!(s.quote, want);
                }
            }
        }
    }

    #[test]
    fn packages_and_suggestion_keys_occur() {
        let arts = articles();
        let trees: Vec<_> = (0..300).map(|i| tree(5, i, &arts)).collect();
        assert!(trees.iter().any(|t| t.children.len() >= 3));
        let keys: Vec<_> = trees
            .iter()
            .flat_map(|t| std::iter::once(&t.measure).chain(&t.children))
            .filter_map(|m| m.suggestion_key.clone())
            .collect();
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert!(!keys.is_empty());
        assert_eq!(unique.len(), keys.len(), "suggestion keys are unique");
    }
}
