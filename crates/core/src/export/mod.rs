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
    fn export_formats_parse_case_insensitively_and_unknown_ones_are_refused() {
        assert_eq!(ExportFormat::parse("ICS").unwrap(), ExportFormat::Ics);
        assert_eq!(ExportFormat::parse("html").unwrap(), ExportFormat::Html);
        assert_eq!(ExportFormat::parse("xlsx").unwrap_err().code(), "invalid");
    }
}
