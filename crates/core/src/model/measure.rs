use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ArticleId, MeasureId, MeasureValue};
use crate::{Error, Result};

/// A policy measure as the analyst records it.
///
/// Field order is the JSON interchange order (docs/json-format.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Measure {
    pub id: MeasureId,
    /// Stable identity across databases and exports (calendar UIDs derive from it).
    pub uid: String,
    /// The package this measure is an item of (e.g. one of "十二条").
    pub parent_id: Option<MeasureId>,
    pub title: String,
    pub issuer: Option<String>,
    pub category: Option<String>,
    pub beneficiaries: Vec<String>,
    pub value: Option<MeasureValue>,
    /// First day in force (inclusive), a civil date.
    pub effective_from: Option<NaiveDate>,
    /// Last day in force (inclusive), a civil date.
    pub expires_on: Option<NaiveDate>,
    pub status: MeasureStatus,
    pub notes: String,
    pub sources: Vec<SourceSpan>,
    /// Where the measure applies when it differs from the issuer (e.g. a county under a city).
    #[serde(default)]
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub effective_precision: Option<DatePrecision>,
    #[serde(default)]
    pub effective_inferred: bool,
    #[serde(default)]
    pub expires_precision: Option<DatePrecision>,
    #[serde(default)]
    pub expires_inferred: bool,
    /// Set on suggestions: identifies the rule and text that produced it, so re-running the
    /// suggester never proposes the same measure twice.
    #[serde(default)]
    pub suggestion_key: Option<String>,
    /// Rises by one at every edit (the calendar's SEQUENCE).
    #[serde(default)]
    pub revision: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// The fields an analyst (or the suggester) sets when creating or editing a measure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureInput {
    pub parent_id: Option<MeasureId>,
    pub title: String,
    pub issuer: Option<String>,
    pub jurisdiction: Option<String>,
    pub category: Option<String>,
    #[serde(default)]
    pub beneficiaries: Vec<String>,
    pub value: Option<MeasureValue>,
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub effective_precision: Option<DatePrecision>,
    #[serde(default)]
    pub effective_inferred: bool,
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_precision: Option<DatePrecision>,
    #[serde(default)]
    pub expires_inferred: bool,
    #[serde(default)]
    pub status: MeasureStatus,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub sources: Vec<SourceSpan>,
    #[serde(default)]
    pub suggestion_key: Option<String>,
}

impl MeasureInput {
    /// The editable fields of an existing measure, to change some and save.
    pub fn from_measure(m: &Measure) -> Self {
        MeasureInput {
            parent_id: m.parent_id,
            title: m.title.clone(),
            issuer: m.issuer.clone(),
            jurisdiction: m.jurisdiction.clone(),
            category: m.category.clone(),
            beneficiaries: m.beneficiaries.clone(),
            value: m.value.clone(),
            effective_from: m.effective_from,
            effective_precision: m.effective_precision,
            effective_inferred: m.effective_inferred,
            expires_on: m.expires_on,
            expires_precision: m.expires_precision,
            expires_inferred: m.expires_inferred,
            status: m.status,
            notes: m.notes.clone(),
            sources: m.sources.clone(),
            suggestion_key: m.suggestion_key.clone(),
        }
    }

    /// Rules that need no database: a title, dates in order, spans well formed.
    /// Spans are checked against their article's text by the store.
    pub fn validate(&self) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(Error::invalid("a measure needs a title"));
        }
        validate_dates(self.effective_from, self.expires_on)?;
        for s in &self.sources {
            if s.end <= s.start {
                return Err(Error::invalid(format!(
                    "a source span must end after it starts (got {}..{})",
                    s.start, s.end
                )));
            }
            if s.quote.chars().count() != (s.end - s.start) as usize {
                return Err(Error::invalid(format!(
                    "the quoted text of span {}..{} is not {} characters long",
                    s.start,
                    s.end,
                    s.end - s.start
                )));
            }
        }
        Ok(())
    }
}

/// An expiry date before the effective date is refused.
pub fn validate_dates(effective: Option<NaiveDate>, expires: Option<NaiveDate>) -> Result<()> {
    if let (Some(from), Some(to)) = (effective, expires) {
        if to < from {
            return Err(Error::invalid(format!(
                "the expiry date {to} is before the effective date {from}"
            )));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureStatus {
    /// Proposed by the suggester, not yet reviewed.
    Suggested,
    /// Accepted or entered by the analyst.
    #[default]
    Confirmed,
    Rejected,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 3] = [
        MeasureStatus::Suggested,
        MeasureStatus::Confirmed,
        MeasureStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeasureStatus::Suggested => "suggested",
            MeasureStatus::Confirmed => "confirmed",
            MeasureStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "unknown status {s:?}: use suggested, confirmed or rejected"
                ))
            })
    }
}

/// How precisely the source text fixes a date (`年底` → the day is exact but came from a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DatePrecision {
    Day,
    /// 上旬 / 中旬 / 下旬.
    TenDays,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::TenDays => "ten_days",
            DatePrecision::Month => "month",
            DatePrecision::Quarter => "quarter",
            DatePrecision::HalfYear => "half_year",
            DatePrecision::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            DatePrecision::Day,
            DatePrecision::TenDays,
            DatePrecision::Month,
            DatePrecision::Quarter,
            DatePrecision::HalfYear,
            DatePrecision::Year,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// The exact text a measure was read from: offsets count Unicode scalar values in the
/// article's stored `text`, `quote` is the text between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceSpan {
    pub article_id: ArticleId,
    pub start: u32,
    pub end: u32,
    pub quote: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn expiry_before_effective_is_rejected() {
        let err = validate_dates(d("2020-05-01"), d("2020-04-30")).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(
            err.to_string().contains("2020-04-30"),
            "message names the date: {err}"
        );
    }

    #[test]
    fn same_day_or_open_ended_is_accepted() {
        validate_dates(d("2020-05-01"), d("2020-05-01")).unwrap();
        validate_dates(None, d("2020-05-01")).unwrap();
        validate_dates(d("2020-05-01"), None).unwrap();
    }

    #[test]
    fn quote_length_must_match_span() {
        let input = MeasureInput {
            title: "t".into(),
            sources: vec![SourceSpan {
                article_id: 1,
                start: 0,
                end: 3,
                quote: "电价".into(),
            }],
            ..Default::default()
        };
        assert_eq!(input.validate().unwrap_err().code(), "invalid");
    }

    #[test]
    fn blank_title_is_rejected() {
        let input = MeasureInput {
            title: "  ".into(),
            ..Default::default()
        };
        assert!(input.validate().is_err());
    }
}
