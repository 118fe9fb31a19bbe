//! Export options and the export report: one set of types shared by the CLI flags and the
//! app's export dialog (the UI gets them through ts-rs), so both export the same thing.
//!
//! Every struct deserialises from a partial JSON object (`#[serde(default)]`): the dialog sends
//! only what the analyst changed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{MeasureId, MeasureStatus};

/// The file formats of `policy-ledger export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    /// RFC 5545 calendar.
    Ics,
    Csv,
    /// The interchange document (docs/json-format.md); filters do not apply to it.
    Json,
    /// A printable, self-contained month-by-month calendar.
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Ics,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Html,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Ics => "ics",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    /// The MIME type, for a save dialog or an HTTP feed.
    pub fn mime_type(self) -> &'static str {
        match self {
            ExportFormat::Ics => "text/calendar; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Html => "text/html; charset=utf-8",
        }
    }

    pub fn parse(s: &str) -> crate::Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                crate::Error::invalid(format!(
                    "unknown export format {s:?}: use ics, csv, json or html"
                ))
            })
    }
}

/// Everything an export can be asked for. Each format reads the part that concerns it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ExportOptions {
    pub filter: MeasureFilter,
    pub calendar: CalendarOptions,
    pub csv: CsvOptions,
}

/// Which measures go out. All conditions must hold; an empty list means "any".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MeasureFilter {
    /// Confirmed only by default: suggestions nobody reviewed must not reach the team's
    /// calendar by accident. An empty list means every status.
    pub statuses: Vec<MeasureStatus>,
    /// Exact issuer names (after trimming); any of them.
    pub issuers: Vec<String>,
    /// Exact category names (after trimming); any of them.
    pub categories: Vec<String>,
    /// A package: the measure with this id and all its items, at any depth.
    pub package: Option<MeasureId>,
    /// Keep measures whose validity overlaps `[from, until]` (inclusive). An unknown bound
    /// counts as open; a measure with no date at all cannot be placed and is left out.
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Default for MeasureFilter {
    fn default() -> Self {
        MeasureFilter {
            statuses: vec![MeasureStatus::Confirmed],
            issuers: vec![],
            categories: vec![],
            package: None,
            from: None,
            until: None,
        }
    }
}

impl MeasureFilter {
    /// Every measure, whatever its status.
    pub fn everything() -> Self {
        MeasureFilter {
            statuses: vec![],
            ..Default::default()
        }
    }
}

/// Which calendar events a measure becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventLayout {
    /// One all-day event spanning the whole validity (needs both dates).
    #[default]
    Span,
    /// Two one-day events: "takes effect" and "expires" (each needs its own date).
    Milestones,
    Both,
}

impl EventLayout {
    pub fn span(self) -> bool {
        matches!(self, EventLayout::Span | EventLayout::Both)
    }
    pub fn milestones(self) -> bool {
        matches!(self, EventLayout::Milestones | EventLayout::Both)
    }
}

/// Options of the .ics file (the printable calendar uses `name` as its title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CalendarOptions {
    pub layout: EventLayout,
    /// Remind this many days before a measure expires (0 = on the expiry day).
    pub reminder_days: Option<u32>,
    /// With `reminder_days`: add a separate all-day reminder event, which every client shows
    /// (Google Calendar and Outlook drop alarms from imported files).
    pub reminder_events: bool,
    /// With `reminder_days`: add a VALARM (09:00 local time on the reminder day) to the
    /// events that carry the expiry, for the clients that honour alarms.
    pub alarms: bool,
    /// The calendar's name (NAME and X-WR-CALNAME).
    pub name: String,
    /// How often a subscribed client should fetch the file again, in hours
    /// (REFRESH-INTERVAL and X-PUBLISHED-TTL). 0 leaves both out.
    pub refresh_hours: u32,
    /// DTSTAMP of every event. `None` means the time of the export; tests and reproducible
    /// builds pass a fixed instant.
    #[ts(type = "string | null")]
    pub dtstamp: Option<DateTime<Utc>>,
}

impl Default for CalendarOptions {
    fn default() -> Self {
        CalendarOptions {
            layout: EventLayout::Span,
            reminder_days: None,
            reminder_events: true,
            alarms: true,
            name: "政策台账".into(),
            refresh_hours: 24,
            dtstamp: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte order mark: Excel on a Chinese-locale Windows otherwise reads
    /// the file as GBK and garbles every character.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { bom: true }
    }
}

/// One calendar event kind a measure can produce; part of each event's UID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    /// The whole validity.
    Span,
    TakesEffect,
    Expires,
    Reminder,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Span => "span",
            EventKind::TakesEffect => "takes_effect",
            EventKind::Expires => "expires",
            EventKind::Reminder => "reminder",
        }
    }
}

/// A date a measure lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MissingDate {
    EffectiveFrom,
    ExpiresOn,
    /// Neither date is known.
    Both,
}

/// Why a measure was not exported at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FilterReason {
    Status,
    Issuer,
    Category,
    /// Not the chosen package nor one of its items.
    Package,
    /// Its validity does not overlap the date window.
    OutsideWindow,
    /// A date window was set but the measure has no date to place in it.
    NoDateForWindow,
}

/// Measures the filters removed, counted by the first condition each one failed. These are
/// the analyst's own choice, so they are counted rather than listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FilteredOut {
    pub status: u32,
    pub issuer: u32,
    pub category: u32,
    pub package: u32,
    pub outside_window: u32,
    pub no_date_for_window: u32,
}

impl FilteredOut {
    pub fn add(&mut self, reason: FilterReason) {
        let slot = match reason {
            FilterReason::Status => &mut self.status,
            FilterReason::Issuer => &mut self.issuer,
            FilterReason::Category => &mut self.category,
            FilterReason::Package => &mut self.package,
            FilterReason::OutsideWindow => &mut self.outside_window,
            FilterReason::NoDateForWindow => &mut self.no_date_for_window,
        };
        *slot += 1;
    }

    pub fn total(&self) -> u32 {
        self.status
            + self.issuer
            + self.category
            + self.package
            + self.outside_window
            + self.no_date_for_window
    }
}

/// A selected measure that could not become one kind of event because a date is unknown.
/// No date is ever invented: the analyst fixes the measure, or accepts the gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LeftOut {
    pub measure_id: MeasureId,
    pub uid: String,
    pub title: String,
    pub event: EventKind,
    pub missing: MissingDate,
}

/// What an export wrote and what it left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportReport {
    /// Measures in the ledger when the export ran.
    pub considered: u32,
    /// Measures that passed the filters.
    pub selected: u32,
    /// Measures that appear in the output (for the calendar: with at least one event).
    pub exported: u32,
    /// Calendar events written (.ics only).
    pub events: u32,
    pub filtered_out: FilteredOut,
    /// Selected measures (or some of their events) left out for an unknown date.
    pub left_out: Vec<LeftOut>,
}
