//! Import of newspaper issues: bytes of a file → decoded, cleaned, segmented articles.
//!
//! [`parse_file`] is pure (no database); [`import_files`] runs it over many files and stores
//! each issue in its own transaction, reporting per file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::model::{IssueId, LayoutNote};
use crate::store::{InsertOutcome, Store};

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Overrides the inferred issue date.
    pub date: Option<NaiveDate>,
    /// Overrides the inferred publication name.
    pub publication: Option<String>,
    /// Run the measure suggester on each imported issue.
    #[serde(default)]
    pub suggest: bool,
}

/// Why a file could not be imported. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{name} is empty")]
    Empty { name: String },
    #[error("{name} is {size} bytes, more than the {limit} bytes an issue may have")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{name} is not text, HTML, DOCX or PDF")]
    UnknownFormat { name: String },
    #[error("{name} could not be decoded as {encoding}: {detail}")]
    Undecodable {
        name: String,
        encoding: String,
        detail: String,
    },
    #[error("{name} has no text to import")]
    NoText { name: String },
    #[error("could not read {name}: {detail}")]
    Unreadable { name: String, detail: String },
}

/// A file as the importer understood it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedIssue {
    pub publication: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_evidence: Option<String>,
    /// The encoding the bytes were decoded from (e.g. "UTF-8", "GB18030").
    pub encoding: String,
    /// "text", "html", "docx" or "pdf".
    pub format: String,
    pub articles: Vec<ParsedArticle>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedArticle {
    pub headline: String,
    pub subheadings: Vec<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub text: String,
    pub captions: Vec<String>,
    pub layout_notes: Vec<LayoutNote>,
}

impl ParsedIssue {
    /// SHA-256 over the cleaned articles: identical for the same issue whatever its encoding,
    /// line endings or container format.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for a in &self.articles {
            for part in [&a.headline, &a.text] {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
        }
        hex::encode(h.finalize())
    }
}

/// Decode and segment one file's bytes. `name` is the file name (its extension and any date
/// in it are used).
pub fn parse_file(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ParsedIssue, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { name: name.into() });
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        rest
    } else {
        bytes
    };
    let text = std::str::from_utf8(text).map_err(|e| ImportError::Undecodable {
        name: name.into(),
        encoding: "UTF-8".into(),
        detail: e.to_string(),
    })?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paras = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let headline = paras
        .next()
        .ok_or_else(|| ImportError::NoText { name: name.into() })?;
    let body: Vec<&str> = paras.collect();
    Ok(ParsedIssue {
        publication: opts.publication.clone(),
        date: opts.date,
        date_evidence: opts.date.map(|_| "given by the analyst".to_string()),
        encoding: "UTF-8".into(),
        format: "text".into(),
        articles: vec![ParsedArticle {
            headline: headline.to_string(),
            text: body.join("\n"),
            ..Default::default()
        }],
        warnings: vec![],
    })
}

/// What happened to one file of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
#[ts(export)]
pub enum FileOutcome {
    Imported {
        issue_id: IssueId,
        articles: u32,
        suggestions: u32,
        warnings: Vec<String>,
    },
    Duplicate {
        existing_issue_id: IssueId,
    },
    Failed {
        code: String,
        reason: String,
    },
}

/// Progress of a batch, for a progress bar: `done` of `total` files finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    pub current: String,
}

/// Import many files; one failure does not stop the rest. Each issue is stored in one
/// transaction, so a failed file writes nothing.
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Vec<FileReport> {
    let total = paths.len() as u32;
    let mut reports = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        progress(&ImportProgress {
            done: i as u32,
            total,
            current: display_name(path),
        });
        let outcome = match import_one(store, path, opts) {
            Ok(o) => o,
            Err(e) => FileOutcome::Failed {
                code: e.code().into(),
                reason: e.to_string(),
            },
        };
        reports.push(FileReport {
            path: path.display().to_string(),
            outcome,
        });
    }
    progress(&ImportProgress {
        done: total,
        total,
        current: String::new(),
    });
    reports
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn import_one(store: &mut Store, path: &Path, opts: &ImportOptions) -> crate::Result<FileOutcome> {
    let name = display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| crate::Error::io("read", path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            name,
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| crate::Error::io("read", path, e))?;
    let parsed = parse_file(&name, &bytes, opts)?;
    Ok(match store.insert_issue(&parsed, &name)? {
        InsertOutcome::Inserted { issue_id, articles } => {
            let warnings = parsed.warnings.clone();
            FileOutcome::Imported {
                issue_id,
                articles,
                suggestions: 0,
                warnings,
            }
        }
        InsertOutcome::Duplicate { existing_issue_id } => {
            FileOutcome::Duplicate { existing_issue_id }
        }
    })
}
