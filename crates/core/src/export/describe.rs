//! Words for a measure, shared by the calendar, CSV and printable exports: the value in
//! words, the summary line, where it was read. Labels are Chinese because the analysts and
//! their readers are; field names in CSV headers stay ASCII for scripts.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{
    ArticleId, Bound, DatePrecision, Measure, MeasureId, MeasureStatus, MeasureValue, SourceSpan,
};
use crate::{Result, Store};

/// Where an article was printed, for citing a source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    pub publication: String,
    pub issue_date: Option<NaiveDate>,
    pub headline: String,
}

/// What an export needs besides the measures themselves: article citations and the titles
/// of packages (a package may be filtered out while its items are exported).
#[derive(Debug, Clone, Default)]
pub struct ExportContext {
    pub articles: HashMap<ArticleId, ArticleRef>,
    pub packages: HashMap<MeasureId, String>,
}

impl ExportContext {
    /// Citations for the articles `measures` quote and titles for every measure in `measures`.
    pub fn from_store(store: &Store, measures: &[Measure]) -> Result<Self> {
        let cited: Vec<ArticleId> = measures
            .iter()
            .flat_map(|m| m.sources.iter().map(|s| s.article_id))
            .collect();
        let articles = store
            .article_citations(&cited)?
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    ArticleRef {
                        publication: a.publication,
                        issue_date: a.issue_date,
                        headline: a.headline,
                    },
                )
            })
            .collect();
        Ok(ExportContext {
            articles,
            packages: package_titles(measures),
        })
    }

    pub fn article(&self, id: ArticleId) -> Option<&ArticleRef> {
        self.articles.get(&id)
    }

    pub fn package_title(&self, m: &Measure) -> Option<&str> {
        m.parent_id
            .and_then(|p| self.packages.get(&p))
            .map(String::as_str)
    }
}

/// Titles of all measures, by id (to name a measure's package).
pub fn package_titles(measures: &[Measure]) -> HashMap<MeasureId, String> {
    measures.iter().map(|m| (m.id, m.title.clone())).collect()
}

/// `【issuer】title`, or the title alone.
pub fn summary(m: &Measure, out: &mut String) {
    if let Some(issuer) = m.issuer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        out.push('【');
        out.push_str(issuer);
        out.push('】');
    }
    out.push_str(m.title.trim());
}

/// Status in words, as the analyst's team reads it.
pub fn status_words(s: MeasureStatus) -> &'static str {
    match s {
        MeasureStatus::Confirmed => "已确认",
        MeasureStatus::Suggested => "待审核",
        MeasureStatus::Rejected => "已否决",
    }
}

pub fn precision_words(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "日",
        DatePrecision::TenDays => "旬",
        DatePrecision::Month => "月",
        DatePrecision::Quarter => "季度",
        DatePrecision::HalfYear => "半年",
        DatePrecision::Year => "年",
    }
}

/// `2020-04-10 至 2020-06-04`, naming what is unknown rather than guessing it.
pub fn validity_words(m: &Measure, out: &mut String) {
    date_words(
        m.effective_from,
        m.effective_precision,
        m.effective_inferred,
        "起始日期未知",
        out,
    );
    out.push_str(" 至 ");
    date_words(
        m.expires_on,
        m.expires_precision,
        m.expires_inferred,
        "截止日期未知",
        out,
    );
}

/// `n` in decimal, zero-padded to `width` digits (at most 10; wider numbers are written in
/// full). One `push_str` per number.
pub(crate) fn push_digits(out: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    let mut rest = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = i.min(buf.len().saturating_sub(width));
    out.push_str(std::str::from_utf8(&buf[start..]).expect("ASCII digits"));
}

/// `2020-04-25`, as `NaiveDate`'s `Display` writes it, without the formatting machinery for
/// the years every ledger has (an export writes two dates per measure).
pub(crate) fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        push_digits(out, d.year() as u32, 4);
        out.push('-');
        push_digits(out, d.month(), 2);
        out.push('-');
        push_digits(out, d.day(), 2);
    } else {
        let _ = write!(out, "{d}");
    }
}

fn date_words(
    d: Option<NaiveDate>,
    precision: Option<DatePrecision>,
    inferred: bool,
    unknown: &str,
    out: &mut String,
) {
    match d {
        None => out.push_str(unknown),
        Some(d) => {
            push_date(out, d);
            let mut notes: Vec<String> = Vec::new();
            if let Some(p) = precision.filter(|p| *p != DatePrecision::Day) {
                notes.push(format!("原文精确到{}", precision_words(p)));
            }
            if inferred {
                notes.push("推断".into());
            }
            if !notes.is_empty() {
                let _ = write!(out, "（{}）", notes.join("，"));
            }
        }
    }
}

/// `株洲日报 2020-04-25《headline》`, or the article id when the article is not known.
pub fn citation(span: &SourceSpan, ctx: &ExportContext, out: &mut String) {
    match ctx.article(span.article_id) {
        Some(a) => {
            out.push_str(a.publication.trim());
            if let Some(d) = a.issue_date {
                let _ = write!(out, " {d}");
            }
            out.push('《');
            out.push_str(a.headline.trim());
            out.push('》');
        }
        None => {
            let _ = write!(out, "文章 {}", span.article_id);
        }
    }
}

/// The value in words: `最高300万元`, `按原标准的95%`, `下调15%以上`, `每立方米下降0.4元`.
pub fn value_words(v: &MeasureValue, out: &mut String) {
    match v {
        MeasureValue::Amount {
            amount,
            currency,
            bound,
        } => {
            out.push_str(match bound {
                Bound::Exact => "",
                Bound::AtLeast => "不低于",
                Bound::AtMost => "最高",
            });
            money(*amount, currency, out);
        }
        MeasureValue::UnitPrice {
            amount,
            currency,
            unit,
        } => {
            money(*amount, currency, out);
            if let Some(u) = unit.as_deref().filter(|u| !u.is_empty()) {
                out.push('/');
                out.push_str(u);
            }
        }
        MeasureValue::Percentage { percent, bound } => {
            out.push_str(match bound {
                Bound::Exact => "按原标准的",
                Bound::AtLeast => "不低于原标准的",
                Bound::AtMost => "不超过原标准的",
            });
            let _ = write!(out, "{}%", percent.normalize());
        }
        MeasureValue::Rate { percent, bound } => {
            out.push_str(match bound {
                Bound::Exact => "比率",
                Bound::AtLeast => "比率不低于",
                Bound::AtMost => "比率不超过",
            });
            let _ = write!(out, "{}%", percent.normalize());
        }
        MeasureValue::PercentChange { percent, bound } => {
            out.push_str(if percent.is_sign_negative() {
                "下调"
            } else {
                "上调"
            });
            let _ = write!(out, "{}%", percent.abs().normalize());
            out.push_str(bound_suffix(*bound));
        }
        MeasureValue::PercentagePoints { points, bound } => {
            out.push_str(if points.is_sign_negative() {
                "下降"
            } else {
                "上升"
            });
            let _ = write!(out, "{}个百分点", points.abs().normalize());
            out.push_str(bound_suffix(*bound));
        }
        MeasureValue::ChangePerUnit {
            amount,
            currency,
            unit,
        } => {
            if !unit.is_empty() {
                out.push('每');
                out.push_str(unit);
            }
            out.push_str(if amount.is_sign_negative() {
                "下降"
            } else {
                "上涨"
            });
            money(amount.abs(), currency, out);
        }
        MeasureValue::Multiple { factor, bound } => {
            out.push_str(match bound {
                Bound::Exact => "原标准的",
                Bound::AtLeast => "不低于原标准的",
                Bound::AtMost => "最高为原标准的",
            });
            let _ = write!(out, "{}倍", factor.normalize());
        }
        MeasureValue::Text { text } => out.push_str(text.trim()),
    }
}

fn bound_suffix(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "",
        Bound::AtLeast => "以上",
        Bound::AtMost => "以内",
    }
}

/// Yuan in the way a Chinese reader writes them: 3000000 → 300万元, 150000000 → 1.5亿元;
/// amounts that would need more than two decimals in 万 stay in 元 (12345 → 12345元).
fn money(amount: Decimal, currency: &str, out: &mut String) {
    let unit = if currency.eq_ignore_ascii_case("CNY") || currency.is_empty() {
        "元"
    } else {
        currency
    };
    let abs = amount.abs();
    let scaled = [
        (Decimal::from(100_000_000u64), "亿"),
        (Decimal::from(10_000u64), "万"),
    ]
    .into_iter()
    .find_map(|(div, word)| {
        let q = (abs / div).normalize();
        (abs >= div && q.scale() <= 2).then_some((q, word))
    });
    if amount.is_sign_negative() && !amount.is_zero() {
        out.push('-');
    }
    match scaled {
        Some((q, word)) => {
            let _ = write!(out, "{q}{word}");
        }
        None => {
            let _ = write!(out, "{}", abs.normalize());
        }
    }
    if unit != "元" {
        out.push(' ');
    }
    out.push_str(unit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_digits_are_written_as_display_writes_them() {
        for (y, m, d) in [
            (2020, 4, 25),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 3, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut out = String::new();
            push_date(&mut out, date);
            assert_eq!(out, date.to_string());
        }
        for (n, width) in [
            (0, 2),
            (7, 2),
            (42, 2),
            (2020, 4),
            (5, 4),
            (123456, 2),
            (u32::MAX, 4),
        ] {
            let mut out = String::new();
            push_digits(&mut out, n, width);
            assert_eq!(out, format!("{n:0width$}"));
        }
    }

    fn words(v: MeasureValue) -> String {
        let mut s = String::new();
        value_words(&v, &mut s);
        s
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn values_read_as_a_chinese_analyst_writes_them() {
        let table = [
            (
                MeasureValue::Amount {
                    amount: dec("3000000"),
                    currency: "CNY".into(),
                    bound: Bound::Exact,
                },
                "300万元",
            ),
            (
                MeasureValue::Amount {
                    amount: dec("150000000"),
                    currency: "CNY".into(),
                    bound: Bound::AtMost,
                },
                "最高1.5亿元",
            ),
            (
                MeasureValue::Amount {
                    amount: dec("12345"),
                    currency: "CNY".into(),
                    bound: Bound::AtLeast,
                },
                "不低于12345元",
            ),
            (
                MeasureValue::UnitPrice {
                    amount: dec("3.640"),
                    currency: "CNY".into(),
                    unit: Some("立方米".into()),
                },
                "3.64元/立方米",
            ),
            (
                MeasureValue::Percentage {
                    percent: dec("95"),
                    bound: Bound::Exact,
                },
                "按原标准的95%",
            ),
            (
                MeasureValue::Rate {
                    percent: dec("0.5"),
                    bound: Bound::Exact,
                },
                "比率0.5%",
            ),
            (
                MeasureValue::Rate {
                    percent: dec("3.85"),
                    bound: Bound::AtMost,
                },
                "比率不超过3.85%",
            ),
            (
                MeasureValue::PercentChange {
                    percent: dec("-15"),
                    bound: Bound::AtLeast,
                },
                "下调15%以上",
            ),
            (
                MeasureValue::PercentagePoints {
                    points: dec("-0.5"),
                    bound: Bound::Exact,
                },
                "下降0.5个百分点",
            ),
            (
                MeasureValue::ChangePerUnit {
                    amount: dec("-0.4"),
                    currency: "CNY".into(),
                    unit: "立方米".into(),
                },
                "每立方米下降0.4元",
            ),
            (
                MeasureValue::Amount {
                    amount: dec("500"),
                    currency: "USD".into(),
                    bound: Bound::Exact,
                },
                "500 USD",
            ),
            (
                MeasureValue::Multiple {
                    factor: dec("1.50"),
                    bound: Bound::Exact,
                },
                "原标准的1.5倍",
            ),
            (
                MeasureValue::Multiple {
                    factor: dec("2"),
                    bound: Bound::AtMost,
                },
                "最高为原标准的2倍",
            ),
        ];
        for (v, want) in table {
            assert_eq!(words(v.clone()), want, "{v:?}");
        }
    }
}
