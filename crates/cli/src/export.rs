//! `policy-ledger export`: the same options as the app's export dialog.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, ValueEnum};
use policy_ledger_core::export::{self, EventLayout, ExportFormat, ExportOptions, MissingDate};
use policy_ledger_core::model::MeasureStatus;
use policy_ledger_core::Store;

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: Format,
    /// Output file (standard output when absent); written atomically.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Statuses to include (comma-separated or repeated; default: confirmed).
    #[arg(long = "status", value_delimiter = ',')]
    statuses: Vec<String>,
    /// Include every status (suggested and rejected too).
    #[arg(long, conflicts_with = "statuses")]
    all_statuses: bool,
    /// Only this issuer (repeatable).
    #[arg(long = "issuer")]
    issuers: Vec<String>,
    /// Only this category (repeatable).
    #[arg(long = "category")]
    categories: Vec<String>,
    /// Only this package and its items.
    #[arg(long)]
    package: Option<i64>,
    /// Only measures in force at some time on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<NaiveDate>,
    /// Only measures in force at some time on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<NaiveDate>,
    /// Calendar events per measure.
    #[arg(long = "events", value_enum, default_value_t = Layout::Span)]
    layout: Layout,
    /// Remind this many days before a measure expires.
    #[arg(long = "remind-days", value_name = "DAYS")]
    reminder_days: Option<u32>,
    /// With --reminder-days: no separate reminder events (alarms only).
    #[arg(long)]
    no_reminder_events: bool,
    /// With --reminder-days: no VALARMs (reminder events only).
    #[arg(long)]
    no_alarms: bool,
    /// Calendar name.
    #[arg(long)]
    name: Option<String>,
    /// Refresh interval for subscribed calendars, in hours (0 leaves it out).
    #[arg(long)]
    refresh_hours: Option<u32>,
    /// Fixed DTSTAMP (RFC 3339), for reproducible files.
    #[arg(long)]
    dtstamp: Option<DateTime<Utc>>,
    /// CSV without the UTF-8 byte order mark.
    #[arg(long)]
    no_bom: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
    Ics,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum Layout {
    Span,
    Milestones,
    Both,
}

impl ExportArgs {
    fn options(&self) -> Result<ExportOptions> {
        let mut o = ExportOptions::default();
        if self.all_statuses {
            o.filter.statuses.clear();
        } else if !self.statuses.is_empty() {
            o.filter.statuses = self
                .statuses
                .iter()
                .map(|s| MeasureStatus::parse(s))
                .collect::<Result<_, _>>()?;
        }
        o.filter.issuers = self.issuers.clone();
        o.filter.categories = self.categories.clone();
        o.filter.package = self.package;
        o.filter.from = self.from;
        o.filter.until = self.until;
        o.calendar.layout = match self.layout {
            Layout::Span => EventLayout::Span,
            Layout::Milestones => EventLayout::Milestones,
            Layout::Both => EventLayout::Both,
        };
        o.calendar.reminder_days = self.reminder_days;
        o.calendar.reminder_events = !self.no_reminder_events;
        o.calendar.alarms = !self.no_alarms;
        if let Some(n) = &self.name {
            o.calendar.name = n.clone();
        }
        if let Some(h) = self.refresh_hours {
            o.calendar.refresh_hours = h;
        }
        o.calendar.dtstamp = self.dtstamp;
        o.csv.bom = !self.no_bom;
        Ok(o)
    }
}

pub fn run(store: &Store, args: ExportArgs, out: &mut dyn Write) -> Result<()> {
    let format = match args.format {
        Format::Json => ExportFormat::Json,
        Format::Csv => ExportFormat::Csv,
        Format::Ics => ExportFormat::Ics,
        Format::Html => ExportFormat::Html,
    };
    let output = export::export_to(store, format, &args.options()?)?;
    match &args.output {
        Some(path) => export::write_atomically(path, &output.bytes)?,
        None => out.write_all(&output.bytes)?,
    }
    // The report goes to stderr so that stdout stays the file.
    let r = &output.report;
    let mut line = format!("exported {} of {} measures", r.exported, r.considered);
    if format == ExportFormat::Ics {
        line.push_str(&format!(" as {} events", r.events));
    }
    if r.filtered_out.total() > 0 {
        line.push_str(&format!("; {} filtered out", r.filtered_out.total()));
    }
    eprintln!("{line}");
    for l in &r.left_out {
        let missing = match l.missing {
            MissingDate::EffectiveFrom => "no effective date",
            MissingDate::ExpiresOn => "no expiry date",
            MissingDate::Both => "no dates",
        };
        eprintln!(
            "  left out: measure {} “{}” ({} event): {missing}",
            l.measure_id,
            l.title,
            l.event.as_str()
        );
    }
    Ok(())
}
