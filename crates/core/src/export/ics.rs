//! The policy calendar as an iCalendar file (RFC 5545, with NAME and REFRESH-INTERVAL from
//! RFC 7986). See docs/calendar.md for the event mapping and how clients treat it.
//!
//! Written by hand rather than with the `icalendar` crate: that crate builds a tree of owned
//! property objects per event (several allocations per line) and needs three workarounds
//! (DTEND of all-day events, DTSTAMP, PRODID). Here one output buffer and two scratch strings
//! are reused for every event, and folding and escaping happen in the same pass, so 100,000
//! measures take well under a second.
//!
//! Invariants of the output:
//! - lines end in CRLF and are at most 75 octets, continuation lines start with one space,
//!   and a fold never splits a UTF-8 character nor a TEXT escape such as `\,`;
//! - dates are all-day `DATE` values; DTEND is exclusive (the day after the last day);
//! - a UID is `<measure uid>-<event kind>`, so a re-export updates events instead of adding
//!   copies, and SEQUENCE is the measure's revision;
//! - no date is ever invented: an event whose date is unknown is left out and reported.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use super::describe::{self, ExportContext};
use super::options::{CalendarOptions, EventKind, ExportReport, LeftOut, MissingDate};
use crate::model::{Measure, MeasureStatus};

/// Longest line in octets, without its CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// PRODID without a version number, so golden files survive releases.
pub const PRODID: &str = "-//Policy Ledger//Policy Calendar//ZH";

/// The text of a calendar and the report of what went into it.
#[derive(Debug, Clone)]
pub struct IcsExport {
    pub text: String,
    pub report: ExportReport,
}

/// Write `measures` (already selected) as one calendar. `report.considered` and `selected`
/// count the measures given; the caller that filtered fills in the rest.
pub fn write_calendar<'a, I>(measures: I, ctx: &ExportContext, opts: &CalendarOptions) -> IcsExport
where
    I: IntoIterator<Item = &'a Measure>,
{
    let measures = measures.into_iter();
    let dtstamp = opts.dtstamp.unwrap_or_else(Utc::now);
    let mut w = Writer::with_capacity(measures.size_hint().0 * 1_024 + 512);
    let mut scratch = Scratch::default();
    let mut report = ExportReport::default();

    w.header(opts);
    let stamp = utc_basic(dtstamp);
    for m in measures {
        report.considered += 1;
        report.selected += 1;
        let events = plan(m, opts, &mut report.left_out);
        if events.is_empty() {
            continue;
        }
        report.exported += 1;
        scratch.description.clear();
        description(m, ctx, &mut scratch.description);
        scratch.created = parse_utc(&m.created_at);
        scratch.modified = parse_utc(&m.updated_at);
        for ev in &events {
            w.event(m, ev, &stamp, &mut scratch);
            report.events += 1;
        }
    }
    w.line("END:VCALENDAR");
    IcsExport {
        text: w.out,
        report,
    }
}

/// One event to write for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Planned {
    kind: EventKind,
    start: NaiveDate,
    /// Exclusive.
    end: NaiveDate,
    alarm: Option<Trigger>,
    reminder_days: u32,
}

/// A VALARM trigger for 09:00 (local, floating) on the reminder day, relative to the
/// event's start or end as RFC 5545 §3.8.6.3 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Trigger {
    related_end: bool,
    /// Signed offset in hours from the related instant.
    hours: i64,
}

/// The events `m` becomes under `opts`; what cannot be placed goes to `left_out`.
fn plan(m: &Measure, opts: &CalendarOptions, left_out: &mut Vec<LeftOut>) -> Vec<Planned> {
    let mut events = Vec::with_capacity(4);
    let mut miss = |kind: EventKind, missing: MissingDate| {
        left_out.push(LeftOut {
            measure_id: m.id,
            uid: m.uid.clone(),
            title: m.title.clone(),
            event: kind,
            missing,
        })
    };
    let both_missing = m.effective_from.is_none() && m.expires_on.is_none();
    let missing = |which: MissingDate| {
        if both_missing {
            MissingDate::Both
        } else {
            which
        }
    };
    let one_day = |d: NaiveDate| (d, next_day(d));

    if opts.layout.span() {
        match (m.effective_from, m.expires_on) {
            (Some(s), Some(e)) => events.push(Planned {
                kind: EventKind::Span,
                start: s,
                end: next_day(e),
                alarm: None,
                reminder_days: 0,
            }),
            (None, _) => miss(EventKind::Span, missing(MissingDate::EffectiveFrom)),
            (_, None) => miss(EventKind::Span, missing(MissingDate::ExpiresOn)),
        }
    }
    if opts.layout.milestones() {
        match m.effective_from {
            Some(d) => {
                let (start, end) = one_day(d);
                events.push(Planned {
                    kind: EventKind::TakesEffect,
                    start,
                    end,
                    alarm: None,
                    reminder_days: 0,
                })
            }
            None => miss(EventKind::TakesEffect, missing(MissingDate::EffectiveFrom)),
        }
        match m.expires_on {
            Some(d) => {
                let (start, end) = one_day(d);
                events.push(Planned {
                    kind: EventKind::Expires,
                    start,
                    end,
                    alarm: None,
                    reminder_days: 0,
                })
            }
            None => miss(EventKind::Expires, missing(MissingDate::ExpiresOn)),
        }
    }
    if let Some(n) = opts.reminder_days {
        if opts.reminder_events {
            match m
                .expires_on
                .and_then(|e| e.checked_sub_days(Days::new(n as u64)))
            {
                Some(d) => {
                    let (start, end) = one_day(d);
                    events.push(Planned {
                        kind: EventKind::Reminder,
                        start,
                        end,
                        alarm: None,
                        reminder_days: n,
                    })
                }
                None => miss(EventKind::Reminder, missing(MissingDate::ExpiresOn)),
            }
        }
        if opts.alarms && m.expires_on.is_some() {
            attach_alarm(&mut events, n);
        }
    }
    events
}

/// One alarm per measure, on the event that best carries the expiry: the reminder event,
/// else the "expires" milestone, else the span. Each fires at 09:00 on expiry − n days.
fn attach_alarm(events: &mut [Planned], n: u32) {
    let n = n as i64;
    let pick = [EventKind::Reminder, EventKind::Expires, EventKind::Span]
        .into_iter()
        .find_map(|k| events.iter().position(|e| e.kind == k));
    let Some(i) = pick else { return };
    let ev = &mut events[i];
    ev.reminder_days = n as u32;
    ev.alarm = Some(match ev.kind {
        // Starts on the reminder day itself.
        EventKind::Reminder => Trigger {
            related_end: false,
            hours: 9,
        },
        // Starts on the expiry day.
        EventKind::Expires => Trigger {
            related_end: false,
            hours: -24 * n + 9,
        },
        // Ends (exclusively) the day after expiry.
        _ => Trigger {
            related_end: true,
            hours: -24 * (n + 1) + 9,
        },
    });
}

fn next_day(d: NaiveDate) -> NaiveDate {
    // NaiveDate::MAX has no next day; no policy runs until the year 262143.
    d.succ_opt().unwrap_or(d)
}

/// The DESCRIPTION of every event of a measure (plain text, escaped when written).
fn description(m: &Measure, ctx: &ExportContext, out: &mut String) {
    if let Some(v) = &m.value {
        out.push_str("内容：");
        describe::value_words(v, out);
        out.push('\n');
    }
    if !m.beneficiaries.is_empty() {
        out.push_str("对象：");
        for (i, b) in m.beneficiaries.iter().enumerate() {
            if i > 0 {
                out.push('、');
            }
            out.push_str(b.trim());
        }
        out.push('\n');
    }
    out.push_str("有效期：");
    describe::validity_words(m, out);
    out.push('\n');
    if let Some(j) = m.jurisdiction.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str("适用地区：");
        out.push_str(j.trim());
        out.push('\n');
    }
    if let Some(p) = ctx.package_title(m) {
        out.push_str("所属政策：");
        out.push_str(p.trim());
        out.push('\n');
    }
    if m.status != MeasureStatus::Confirmed {
        out.push_str("状态：");
        out.push_str(describe::status_words(m.status));
        out.push('\n');
    }
    for s in &m.sources {
        out.push_str("原文：「");
        out.push_str(s.quote.trim());
        out.push_str("」\n出处：");
        describe::citation(s, ctx, out);
        out.push('\n');
    }
    if !m.notes.trim().is_empty() {
        out.push_str("备注：");
        out.push_str(m.notes.trim());
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
}

/// Per-measure values shared by its events, and a buffer reused for every line.
#[derive(Default)]
struct Scratch {
    description: String,
    created: Option<String>,
    modified: Option<String>,
    buf: String,
}

/// Content lines into one buffer, folding and escaping as they are written.
struct Writer {
    out: String,
    /// Octets on the current physical line.
    col: usize,
}

impl Writer {
    fn with_capacity(n: usize) -> Self {
        Writer {
            out: String::with_capacity(n),
            col: 0,
        }
    }

    fn header(&mut self, opts: &CalendarOptions) {
        self.line("BEGIN:VCALENDAR");
        self.line("VERSION:2.0");
        self.raw_prop("PRODID", PRODID);
        self.line("CALSCALE:GREGORIAN");
        self.line("METHOD:PUBLISH");
        let name = opts.name.trim();
        if !name.is_empty() {
            self.text_prop("NAME", name);
            self.text_prop("X-WR-CALNAME", name);
        }
        if opts.refresh_hours > 0 {
            let d = hours_duration(opts.refresh_hours as i64);
            self.raw_prop("REFRESH-INTERVAL;VALUE=DURATION", &d);
            self.raw_prop("X-PUBLISHED-TTL", &d);
        }
    }

    fn event(&mut self, m: &Measure, ev: &Planned, stamp: &str, s: &mut Scratch) {
        self.line("BEGIN:VEVENT");

        s.buf.clear();
        s.buf.push_str(&m.uid);
        s.buf.push('-');
        s.buf.push_str(uid_suffix(ev.kind));
        if ev.kind == EventKind::Reminder {
            // The lead time is part of the identity: changing it replaces the reminders.
            let _ = write!(s.buf, "-{}d", ev.reminder_days);
        }
        self.text_prop("UID", &s.buf);
        self.raw_prop("DTSTAMP", stamp);
        self.date_prop("DTSTART;VALUE=DATE", ev.start);
        self.date_prop("DTEND;VALUE=DATE", ev.end);
        let _ = write!(self.begin("SEQUENCE"), "{}", m.revision);
        self.end();
        if let Some(t) = &s.created {
            self.raw_prop("CREATED", t);
        }
        if let Some(t) = &s.modified {
            self.raw_prop("LAST-MODIFIED", t);
        }

        s.buf.clear();
        match ev.kind {
            EventKind::Span => {}
            EventKind::TakesEffect => s.buf.push_str("生效："),
            EventKind::Expires => s.buf.push_str("到期："),
            EventKind::Reminder => {
                reminder_words(ev.reminder_days, &mut s.buf);
                s.buf.push('：');
            }
        }
        describe::summary(m, &mut s.buf);
        self.text_prop("SUMMARY", &s.buf);
        if !s.description.is_empty() {
            self.text_prop("DESCRIPTION", &s.description);
        }
        if let Some(c) = m
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            self.text_prop("CATEGORIES", c);
        }
        self.raw_prop(
            "STATUS",
            match m.status {
                MeasureStatus::Confirmed => "CONFIRMED",
                MeasureStatus::Suggested => "TENTATIVE",
                MeasureStatus::Rejected => "CANCELLED",
            },
        );
        self.line("TRANSP:TRANSPARENT");
        self.line("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
        self.line("X-MICROSOFT-CDO-BUSYSTATUS:FREE");

        if let Some(t) = ev.alarm {
            self.line("BEGIN:VALARM");
            self.line("ACTION:DISPLAY");
            let name = if t.related_end {
                "TRIGGER;RELATED=END"
            } else {
                "TRIGGER"
            };
            self.raw_prop(name, &hours_duration(t.hours));
            // DISPLAY alarms require a DESCRIPTION (RFC 5545 §3.6.6).
            s.buf.clear();
            reminder_words(ev.reminder_days, &mut s.buf);
            s.buf.push('：');
            describe::summary(m, &mut s.buf);
            self.text_prop("DESCRIPTION", &s.buf);
            self.line("END:VALARM");
        }
        self.line("END:VEVENT");
    }

    /// A line that is known to be short ASCII.
    fn line(&mut self, l: &str) {
        debug_assert!(l.len() <= MAX_LINE_OCTETS && l.is_ascii());
        self.out.push_str(l);
        self.out.push_str("\r\n");
        self.col = 0;
    }

    /// Start a content line with its name (and parameters) and the colon; return the buffer
    /// for short ASCII values that cannot reach the fold.
    fn begin(&mut self, name: &str) -> &mut String {
        self.col = 0;
        self.folded(name);
        self.folded(":");
        &mut self.out
    }

    fn end(&mut self) {
        self.out.push_str("\r\n");
        self.col = 0;
    }

    fn raw_prop(&mut self, name: &str, value: &str) {
        self.begin(name);
        self.folded(value);
        self.end();
    }

    fn date_prop(&mut self, name: &str, d: NaiveDate) {
        let out = self.begin(name);
        if (0..=9999).contains(&d.year()) {
            describe::push_digits(out, d.year() as u32, 4);
            describe::push_digits(out, d.month(), 2);
            describe::push_digits(out, d.day(), 2);
        } else {
            let _ = write!(out, "{:04}{:02}{:02}", d.year(), d.month(), d.day());
        }
        self.end();
    }

    /// A TEXT value, escaped (RFC 5545 §3.3.11) and folded. Runs of ordinary characters are
    /// copied in slices; only the delimiters are handled one by one.
    fn text_prop(&mut self, name: &str, value: &str) {
        self.begin(name);
        let bytes = value.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Skip to the next byte that may need handling (most of a description is CJK
            // text): a table look-up per byte instead of the match below.
            match bytes[i..].iter().position(|&b| MAY_ESCAPE[b as usize]) {
                Some(skip) => i += skip,
                None => break,
            }
            let b = bytes[i];
            let unit: Option<&str> = match b {
                b'\\' => Some("\\\\"),
                b';' => Some("\\;"),
                b',' => Some("\\,"),
                b'\n' => Some("\\n"),
                // CRLF becomes one newline; a lone CR is a newline too.
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(""),
                b'\r' => Some("\\n"),
                // TEXT excludes control characters other than tab; they carry nothing a
                // reader needs, so a space keeps the words apart.
                b'\t' => None,
                0..=0x1f | 0x7f => Some(" "),
                _ => None,
            };
            if let Some(unit) = unit {
                self.folded(&value[run_start..i]);
                if !unit.is_empty() {
                    self.unit(unit);
                }
                run_start = i + 1;
            }
            i += 1;
        }
        self.folded(&value[run_start..]);
        self.end();
    }

    /// Append `s`, folding before the limit but never inside a UTF-8 character.
    fn folded(&mut self, mut s: &str) {
        while self.col + s.len() > MAX_LINE_OCTETS {
            let mut cut = MAX_LINE_OCTETS - self.col;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.push_str(&s[..cut]);
            s = &s[cut..];
            self.out.push_str("\r\n ");
            self.col = 1;
        }
        self.out.push_str(s);
        self.col += s.len();
    }

    /// Append an indivisible piece (an escape such as `\,`), folding before it if it would
    /// cross the limit.
    fn unit(&mut self, u: &str) {
        if self.col + u.len() > MAX_LINE_OCTETS {
            self.out.push_str("\r\n ");
            self.col = 1;
        }
        self.out.push_str(u);
        self.col += u.len();
    }
}

fn uid_suffix(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Span => "validity",
        EventKind::TakesEffect => "takes-effect",
        EventKind::Expires => "expires",
        EventKind::Reminder => "reminder",
    }
}

fn reminder_words(days: u32, out: &mut String) {
    if days == 0 {
        out.push_str("今日到期");
    } else {
        let _ = write!(out, "{days}天后到期");
    }
}

/// A signed duration in whole hours as RFC 5545 writes it: `P1D`, `PT9H`, `-P6DT15H`.
fn hours_duration(hours: i64) -> String {
    let sign = if hours < 0 { "-" } else { "" };
    let h = hours.unsigned_abs();
    let (days, rest) = (h / 24, h % 24);
    match (days, rest) {
        (0, 0) => "PT0H".into(),
        (d, 0) => format!("{sign}P{d}D"),
        (0, r) => format!("{sign}PT{r}H"),
        (d, r) => format!("{sign}P{d}DT{r}H"),
    }
}

/// Bytes that [`Writer::text_prop`] may have to escape or replace: the delimiters, CR, LF
/// and the other control characters (tab included; the match there keeps it as it is).
static MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[b'\\' as usize] = true;
    t[b';' as usize] = true;
    t[b',' as usize] = true;
    t
};

/// `20200425T083000Z`. Written digit by digit: chrono's `format` re-parses its pattern on
/// every call, which cost 8 % of a 100,000-measure export (two timestamps per measure;
/// docs/performance.md, session 2). Years outside 0–9999 and leap seconds, which `%Y` and
/// `%S` write differently, still go through chrono.
fn utc_basic(t: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let year = t.year();
    if !(0..=9999).contains(&year) || t.nanosecond() >= 1_000_000_000 {
        return t.format("%Y%m%dT%H%M%SZ").to_string();
    }
    let mut s = String::with_capacity(16);
    describe::push_digits(&mut s, year as u32, 4);
    describe::push_digits(&mut s, t.month(), 2);
    describe::push_digits(&mut s, t.day(), 2);
    s.push('T');
    describe::push_digits(&mut s, t.hour(), 2);
    describe::push_digits(&mut s, t.minute(), 2);
    describe::push_digits(&mut s, t.second(), 2);
    s.push('Z');
    s
}

/// The store's RFC 3339 timestamps as UTC DATE-TIME values; `None` if unreadable (the
/// property is then left out rather than guessed).
fn parse_utc(s: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| utc_basic(t.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &str) -> String {
        let mut w = Writer::with_capacity(0);
        w.text_prop("DESCRIPTION", value);
        w.out
    }

    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "")
    }

    #[test]
    fn basic_utc_times_are_written_as_chrono_formats_them() {
        let cases = [
            "2020-04-25T08:30:00Z",
            "0999-01-02T03:04:05Z",
            "9999-12-31T23:59:59Z",
            "2016-12-31T23:59:60Z",
            "2020-04-25T08:30:00.123+08:00",
        ];
        for c in cases {
            let t = DateTime::parse_from_rfc3339(c).unwrap().with_timezone(&Utc);
            assert_eq!(utc_basic(t), t.format("%Y%m%dT%H%M%SZ").to_string(), "{c}");
        }
        let far = NaiveDate::from_ymd_opt(12020, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        assert_eq!(utc_basic(far), far.format("%Y%m%dT%H%M%SZ").to_string());
    }

    #[test]
    fn text_escaping_covers_backslash_semicolon_comma_and_newlines() {
        assert_eq!(
            written("a\\b;c,d\ne\r\nf"),
            "DESCRIPTION:a\\\\b\\;c\\,d\\ne\\nf\r\n"
        );
    }

    #[test]
    fn control_characters_do_not_reach_the_file() {
        assert_eq!(written("a\u{7}b\u{0}c\td"), "DESCRIPTION:a b c\td\r\n");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_unfolds_to_the_original() {
        let value = "醴陵市外贸企业用电按原电价的95%结算，".repeat(20);
        let out = written(&value);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(
            unfold(&out),
            format!("DESCRIPTION:{}\r\n", value.replace(',', "\\,"))
        );
    }

    #[test]
    fn folding_never_splits_an_escape() {
        // Put a `\,` right across the 75th octet at every possible alignment.
        for pad in 0..8 {
            let value = format!("{}{}", "x".repeat(60 + pad), ",".repeat(10));
            let out = written(&value);
            for line in out.split("\r\n") {
                let body = line.strip_prefix(' ').unwrap_or(line);
                assert!(
                    !body.ends_with('\\') || body.ends_with("\\\\"),
                    "a line ends inside an escape: {line:?}"
                );
            }
        }
    }

    #[test]
    fn durations_are_written_as_rfc5545_durations() {
        let table = [
            (24, "P1D"),
            (9, "PT9H"),
            (-15, "-PT15H"),
            (-24 * 7 + 9, "-P6DT15H"),
            (-24 * 8 + 9, "-P7DT15H"),
            (0, "PT0H"),
        ];
        for (h, want) in table {
            assert_eq!(hours_duration(h), want, "{h} hours");
        }
    }

    #[test]
    fn store_timestamps_become_utc_date_times() {
        assert_eq!(
            parse_utc("2020-04-25T08:30:00.123+08:00").as_deref(),
            Some("20200425T003000Z")
        );
        assert_eq!(parse_utc("yesterday"), None);
    }
}
