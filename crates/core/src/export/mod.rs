//! Export of the ledger: the JSON interchange document, the policy calendar (.ics), CSV and a
//! printable HTML calendar (docs/calendar.md).
//!
//! The CLI and the app call [`export_to`] with the same [`ExportOptions`], then
//! [`write_atomically`]. Everything between loading and writing is pure: [`render`] takes the
//! measures and an [`ExportContext`] and returns bytes and an [`ExportReport`].

pub mod csv;
pub mod describe;
pub mod filter;
pub mod html;
pub mod ics;
pub mod json;
pub mod options;

use std::io::Write as _;
use std::path::{Path, PathBuf};

pub use describe::{ArticleRef, ExportContext};
pub use filter::{select, Selection};
pub use options::{
    CalendarOptions, CsvOptions, EventKind, EventLayout, ExportFormat, ExportOptions, ExportReport,
    FilterReason, FilteredOut, LeftOut, MeasureFilter, MissingDate,
};

use crate::model::Measure;
use crate::{Error, Result, Store};

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ExportFormat::parse(s)
    }
}

impl std::str::FromStr for EventLayout {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "span" => Ok(EventLayout::Span),
            "milestones" => Ok(EventLayout::Milestones),
            "both" => Ok(EventLayout::Both),
            _ => Err(Error::invalid(format!(
                "unknown event layout {s:?}: use span, milestones or both"
            ))),
        }
    }
}

/// The bytes of an export and what went into them.
#[derive(Debug, Clone)]
pub struct ExportOutput {
    pub format: ExportFormat,
    pub bytes: Vec<u8>,
    pub report: ExportReport,
}

/// Export the ledger in `format`. JSON is always the whole ledger (the interchange document
/// must stay importable, so filters would break its package references); the other formats
/// apply `options.filter`.
pub fn export_to(
    store: &Store,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<ExportOutput> {
    let out = build(store, format, options)?;
    if format == ExportFormat::Ics && out.report.events == 0 {
        return Err(Error::NothingTo(
            "put in the calendar: no measure that passed the filters has the dates its events need",
        ));
    }
    Ok(out)
}

/// What [`export_to`] would write with these options, without writing anything: the export
/// dialog's preview. Unlike `export_to`, a calendar with no event is not an error here — the
/// report says so (`events == 0`, and `left_out` names the measures lacking a date), which is
/// exactly what the analyst needs to see before saving.
pub fn preview(
    store: &Store,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<ExportReport> {
    Ok(build(store, format, options)?.report)
}

/// The export itself; `export_to` adds the rule that a calendar needs an event.
fn build(store: &Store, format: ExportFormat, options: &ExportOptions) -> Result<ExportOutput> {
    if format == ExportFormat::Json {
        let doc = json::document(store)?;
        let n = doc.measures.len() as u32;
        return Ok(ExportOutput {
            format,
            bytes: json::to_string(&doc).into_bytes(),
            report: ExportReport {
                considered: n,
                selected: n,
                exported: n,
                ..Default::default()
            },
        });
    }
    let measures = store.all_measures()?;
    let ctx = ExportContext::from_store(store, &measures)?;
    Ok(render(&measures, &ctx, format, options))
}

/// Select from `all` (every measure of the ledger) by `options.filter` and write `format`.
/// Pure. JSON needs the issues too: use [`export_to`] or [`json::document`] for it.
///
/// # Panics
/// If `format` is [`ExportFormat::Json`].
pub fn render(
    all: &[Measure],
    ctx: &ExportContext,
    format: ExportFormat,
    options: &ExportOptions,
) -> ExportOutput {
    let selection = select(all, &options.filter);
    let chosen = selection.measures.iter().copied();
    let (bytes, mut report) = match format {
        ExportFormat::Ics => {
            let out = ics::write_calendar(chosen, ctx, &options.calendar);
            (out.text.into_bytes(), out.report)
        }
        ExportFormat::Csv => {
            let out = csv::to_csv(chosen, ctx, &options.csv);
            (out.bytes, out.report)
        }
        ExportFormat::Html => {
            let out = html::to_html(chosen, ctx, options);
            (out.text.into_bytes(), out.report)
        }
        ExportFormat::Json => panic!("render() does not write JSON; use export_to()"),
    };
    report.considered = selection.considered;
    report.selected = selection.measures.len() as u32;
    report.filtered_out = selection.filtered_out;
    ExportOutput {
        format,
        bytes,
        report,
    }
}

/// Replace `path` with `bytes` so that a reader (or a crash) sees the old file or the new
/// one, never half of one: write `path.tmp` beside it, fsync, rename over `path`, fsync the
/// folder. On error the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = tmp_path(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io("create", &tmp, e))?;
        f.write_all(bytes)
            .map_err(|e| Error::io("write", &tmp, e))?;
        f.sync_all().map_err(|e| Error::io("flush", &tmp, e))?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(|e| Error::io("replace", path, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    sync_parent(path);
    Ok(())
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Make the rename itself durable. Best effort: not every platform can open a folder.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ics");
        std::fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!tmp_path(&path).exists(), "the temporary file must be gone");
    }

    #[test]
    fn failed_atomic_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("policy.ics");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert_eq!(err.code(), "io");
        assert!(!path.exists() && !tmp_path(&path).exists());
    }

    #[test]
    fn export_formats_and_layouts_parse_case_insensitively_and_unknown_ones_are_refused() {
        assert_eq!("ICS".parse::<ExportFormat>().unwrap(), ExportFormat::Ics);
        assert_eq!("html".parse::<ExportFormat>().unwrap(), ExportFormat::Html);
        assert_eq!(
            "xlsx".parse::<ExportFormat>().unwrap_err().code(),
            "invalid"
        );
        assert_eq!("Both".parse::<EventLayout>().unwrap(), EventLayout::Both);
        assert_eq!(
            "weekly".parse::<EventLayout>().unwrap_err().code(),
            "invalid"
        );
    }
    fn dated(title: &str, from: Option<&str>, until: Option<&str>) -> crate::model::MeasureInput {
        crate::model::MeasureInput {
            title: title.into(),
            effective_from: from.map(|d| d.parse().unwrap()),
            expires_on: until.map(|d| d.parse().unwrap()),
            status: crate::model::MeasureStatus::Confirmed,
            ..Default::default()
        }
    }

    #[test]
    fn preview_reports_what_the_export_would_write_and_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .create_measure(&dated("购车抽奖", Some("2020-04-10"), Some("2020-06-04")))
            .unwrap();
        let open_ended = store
            .create_measure(&dated("长期有效", Some("2020-05-01"), None))
            .unwrap();
        let options = ExportOptions::default();
        let report = preview(&store, ExportFormat::Ics, &options).unwrap();
        assert_eq!(
            report,
            export_to(&store, ExportFormat::Ics, &options)
                .unwrap()
                .report
        );
        assert_eq!((report.selected, report.exported, report.events), (2, 1, 1));
        assert_eq!(report.left_out.len(), 1);
        assert_eq!(report.left_out[0].measure_id, open_ended.id);
        assert_eq!(report.left_out[0].missing, MissingDate::ExpiresOn);
    }

    #[test]
    fn preview_of_a_calendar_without_events_reports_the_gap_where_the_export_refuses() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .create_measure(&dated("日期不详", None, None))
            .unwrap();
        let options = ExportOptions::default();
        let report = preview(&store, ExportFormat::Ics, &options).unwrap();
        assert_eq!((report.selected, report.events), (1, 0));
        assert_eq!(report.left_out[0].missing, MissingDate::Both);
        let err = export_to(&store, ExportFormat::Ics, &options).unwrap_err();
        assert_eq!(err.code(), "nothing_to_do");
        // CSV has no dates to need: the same measure goes out.
        assert_eq!(
            preview(&store, ExportFormat::Csv, &options)
                .unwrap()
                .exported,
            1
        );
    }
}
