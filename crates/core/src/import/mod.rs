//! Import of newspaper issues: bytes of a file → decoded, cleaned, segmented articles.
//!
//! [`parse_file`] is pure (no database); [`import_files`] runs it over many files and stores
//! each issue in its own transaction, reporting per file.
//!
//! Stages (one module each, data flows one way): `formats` sniffs the container and
//! extracts lines (text, HTML, DOCX, PDF), `decode` finds the character encoding,
//! `clean` normalises lines and rebuilds paragraphs broken by the layout, `segment` cuts
//! the issue into articles, `date` infers the issue date and the publication. See
//! `docs/import.md`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::extract::KeyedSuggestions;
use crate::model::{Article, ArticleId, Issue, IssueId, LayoutNote, LayoutNoteKind};
use crate::store::{InsertOutcome, Store};

mod clean;
mod date;
mod decode;
mod formats;
mod segment;

use date::ArticleEvidence;
use segment::{Draft, Kind, Line};

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
    #[error("{name} is a binary file, not text, HTML, DOCX or PDF")]
    Binary { name: String },
    #[error("{name} is not valid {encoding}: the bytes at offset {offset} cannot be decoded")]
    Undecodable {
        name: String,
        encoding: String,
        offset: u64,
    },
    #[error("{name} has no text to import")]
    NoText { name: String },
    #[error("{name} is a PDF without a usable text layer (a scan?); export it with text or run OCR first")]
    NoTextLayer { name: String },
    #[error("{name} expands to more data than a newspaper issue can hold, so it was not unpacked")]
    ZipBomb { name: String },
    #[error("could not read {name}: {detail}")]
    Unreadable { name: String, detail: String },
}

impl ImportError {
    /// Stable code for the per-file report (the UI may explain each differently).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty { .. } => "empty",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::UnknownFormat { .. } => "unknown_format",
            ImportError::Binary { .. } => "binary",
            ImportError::Undecodable { .. } => "undecodable",
            ImportError::NoText { .. } => "no_text",
            ImportError::NoTextLayer { .. } => "no_text_layer",
            ImportError::ZipBomb { .. } => "zip_bomb",
            ImportError::Unreadable { .. } => "unreadable",
        }
    }
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
    /// Things the analyst should check (a paragraph cut off by the layout, no headline...).
    pub warnings: Vec<String>,
}

/// One article cut out of the issue. `text` is final: it is stored as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedArticle {
    pub headline: String,
    /// Kicker and sub-titles around the headline, then in-body sub-headings, in page order.
    pub subheadings: Vec<String>,
    pub byline: Option<String>,
    /// The dateline (`株洲日报讯`, `新华社北京4月24日电`); it is not repeated in `text`.
    pub dateline: Option<String>,
    /// Paragraphs joined by "\n". In-body sub-headings stay as paragraphs of their own.
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
            let fields = [
                a.headline.as_str(),
                &a.subheadings.join("\u{1F}"),
                a.byline.as_deref().unwrap_or(""),
                a.dateline.as_deref().unwrap_or(""),
                &a.text,
                &a.captions.join("\u{1F}"),
            ];
            for part in fields {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
            h.update([0x1Eu8]);
        }
        hex::encode(h.finalize())
    }
}

/// Decode, clean and segment one file's bytes. Pure: no database, no file system. `name` is
/// the file name (its extension and any date in it are used).
pub fn parse_file(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ParsedIssue, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { name: name.into() });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            name: name.into(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let format = formats::sniff(name, bytes)?;
    let extracted = format.read(name, bytes)?;
    let lines = segment::classify(
        extracted
            .lines
            .into_iter()
            .map(|l| {
                let indented = l.text.starts_with([' ', '\u{3000}', '\t', '\u{00A0}']);
                (clean::normalize_line(&l.text), l.heading, indented)
            })
            .collect(),
    );
    if !lines
        .iter()
        .any(|l| matches!(l.kind, Kind::Title { .. } | Kind::Body { .. }))
    {
        return Err(ImportError::NoText { name: name.into() });
    }
    let layout = clean::Layout::of(&lines);
    let mut lines = lines;
    if let Some(width) = layout.wrap_width {
        // A line that fills the column of hard-wrapped text is body text, even without
        // punctuation: titles are short.
        for l in &mut lines {
            if matches!(l.kind, Kind::Title { .. }) && clean::fills(&l.text, width) {
                l.kind = Kind::Body { dateline: 0 };
            }
        }
    }
    let (preamble, mut drafts) = segment::split(lines);
    rejoin_jumps(&mut drafts);
    let mut warnings = Vec::new();
    let (masthead, loose): (Vec<Line>, Vec<Line>) = preamble
        .into_iter()
        .partition(|l| matches!(l.kind, Kind::Furniture | Kind::Jump));
    if !loose.is_empty() {
        warnings.push(format!(
            "the text before the first headline (“{}…”) was kept as an article without a headline",
            loose[0].text.chars().take(16).collect::<String>()
        ));
        drafts.insert(
            0,
            Draft {
                body: loose,
                ..Default::default()
            },
        );
    }
    let mut articles: Vec<ParsedArticle> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let (article, cut) = build_article(draft, layout);
        for para in cut {
            let chars: Vec<char> = para.chars().collect();
            let tail: String = chars[chars.len().saturating_sub(12)..].iter().collect();
            warnings.push(format!(
                "《{}》: a paragraph stops mid-sentence at “…{tail}”; the rest may be on another page",
                article.headline
            ));
        }
        articles.push(article);
    }
    if let Some(first) = articles.first_mut() {
        // Prepended in reverse so the notes keep page order.
        for l in masthead.iter().rev() {
            first.layout_notes.insert(
                0,
                LayoutNote {
                    kind: if l.kind == Kind::Jump {
                        LayoutNoteKind::JumpMarker
                    } else {
                        LayoutNoteKind::PageFurniture
                    },
                    text: l.text.clone(),
                    at: None,
                },
            );
        }
    }
    let evidence: Vec<ArticleEvidence<'_>> = articles
        .iter()
        .map(|a| ArticleEvidence {
            dateline: a.dateline.as_deref(),
            byline: a.byline.as_deref(),
            lead: a.text.split('\n').next().unwrap_or(""),
            text: &a.text,
            headline: &a.headline,
        })
        .collect();
    let masthead_text: Vec<String> = masthead.iter().map(|l| l.text.clone()).collect();
    let (date, date_evidence) = match opts.date {
        Some(d) => (Some(d), Some("given by the analyst".to_string())),
        None => match date::infer_date(name, &masthead_text, &evidence) {
            Some((d, why)) => (Some(d), Some(why)),
            None => {
                warnings.push("the issue date could not be inferred; set it by hand".into());
                (None, None)
            }
        },
    };
    let publication = opts
        .publication
        .clone()
        .or_else(|| date::infer_publication(&masthead_text, &evidence));
    Ok(ParsedIssue {
        publication,
        date,
        date_evidence,
        encoding: extracted.encoding,
        format: format.name().into(),
        articles,
        warnings,
    })
}

/// An article from its draft, and the paragraphs left ending mid-sentence (for warnings).
fn build_article(mut draft: Draft, layout: clean::Layout) -> (ParsedArticle, Vec<String>) {
    let mut dateline = None;
    if let Some(first) = draft
        .body
        .iter_mut()
        .find(|l| matches!(l.kind, Kind::Title { .. } | Kind::Body { .. }))
    {
        if let Kind::Body { dateline: len } = first.kind {
            if len > 0 {
                dateline = Some(first.text[..len].trim().to_string());
                first.text = first.text[len..]
                    .trim_start_matches([' ', '：', ':', '，', ','])
                    .to_string();
                first.kind = Kind::Body { dateline: 0 };
            }
        }
    }
    let body = clean::reflow(&draft.body, layout);
    let mut bylines = std::mem::take(&mut draft.bylines);
    bylines.extend(body.late_bylines.iter().cloned());
    let mut byline = (!bylines.is_empty()).then(|| {
        bylines
            .iter()
            .map(|b| {
                b.trim_start_matches(segment::BULLETS)
                    .trim_matches(['（', '）', '(', ')'])
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    if byline.is_none() {
        // 本报讯（记者 张三 通讯员 李四）: the parenthesis is the byline.
        byline = dateline.as_deref().and_then(|dl: &str| {
            let open = dl.find(['（', '('])?;
            let inner = dl[open..].trim_matches(['（', '）', '(', ')']).trim();
            ["记者", "記者", "通讯员", "通訊員"]
                .iter()
                .any(|role| inner.contains(role))
                .then(|| inner.to_string())
        });
    }
    let mut subheadings = draft.subheadings;
    subheadings.extend(body.headings);
    let article = ParsedArticle {
        headline: draft.headline,
        subheadings,
        byline,
        dateline,
        text: body.text,
        captions: body.captions,
        layout_notes: body.notes,
    };
    (article, body.cut_paragraphs)
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
        /// "text", "html", "docx" or "pdf".
        #[serde(default)]
        format: String,
        /// The encoding the text was decoded from.
        #[serde(default)]
        encoding: String,
        /// The issue date and why (inferred or given), for the report.
        #[serde(default)]
        date: Option<NaiveDate>,
        #[serde(default)]
        date_evidence: Option<String>,
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
/// transaction, so a failed file writes nothing; its suggestions (with `opts.suggest`) are a
/// second, separately undoable action.
///
/// Pipelined on two threads: a worker reads, parses and (with `opts.suggest`) runs the
/// suggester on the next files while the calling thread stores the current one, so the pure
/// work overlaps SQLite's. The channel holds at most [`FILES_AHEAD`] prepared files, so memory
/// stays that of a few issues whatever the batch. The calling thread does everything visible:
/// progress events, storing, reports, all in input order, exactly as a file-by-file import.
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Vec<FileReport> {
    let total = paths.len() as u32;
    let mut reports = Vec::with_capacity(paths.len());
    std::thread::scope(|scope| {
        let (ready, prepared) = std::sync::mpsc::sync_channel(FILES_AHEAD);
        scope.spawn(move || {
            for path in paths {
                // The receiver is gone only if the calling thread stopped (it panicked).
                if ready.send(prepare(path, opts)).is_err() {
                    break;
                }
            }
        });
        for (i, path) in paths.iter().enumerate() {
            progress(&ImportProgress {
                done: i as u32,
                total,
                current: display_name(path),
            });
            // A closed channel means the worker panicked; the scope re-raises its panic.
            let Ok(file) = prepared.recv() else { break };
            let outcome = match file.and_then(|f| store_prepared(store, f, opts)) {
                Ok(o) => o,
                Err(crate::Error::Import(e)) => FileOutcome::Failed {
                    code: e.code().into(),
                    reason: e.to_string(),
                },
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
    });
    progress(&ImportProgress {
        done: total,
        total,
        current: String::new(),
    });
    reports
}

/// How many prepared files may wait for the calling thread (the worker prepares one more).
/// The worker is the faster side (reading, parsing and suggesting take about a fifth of the
/// time storing takes; docs/performance.md), so one file ahead keeps the calling thread from
/// ever waiting for it; more would only hold memory.
const FILES_AHEAD: usize = 1;

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file read, parsed and (if asked) suggested, ready to be stored. Built off the calling
/// thread: no database.
struct Prepared {
    name: String,
    parsed: ParsedIssue,
    /// The suggester's trees for `parsed`, read with the articles' positions as their ids;
    /// `None` when suggestions are off.
    suggestions: Option<KeyedSuggestions>,
}

fn prepare(path: &Path, opts: &ImportOptions) -> crate::Result<Prepared> {
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
    drop(bytes);
    let suggestions = opts.suggest.then(|| suggest_unstored(&parsed));
    Ok(Prepared {
        name,
        parsed,
        suggestions,
    })
}

/// The suggestions of a parsed issue, read as the store will return it after `insert_issue`
/// (publication defaulted to "", the same texts and headlines in the same order) with each
/// article's position as its id. [`crate::extract::suggest_into_keyed`] checks that reading
/// against the stored issue before rebinding to the stored ids.
fn suggest_unstored(parsed: &ParsedIssue) -> KeyedSuggestions {
    let issue = Issue {
        id: 0,
        publication: parsed.publication.clone().unwrap_or_default(),
        date: parsed.date,
        date_evidence: parsed.date_evidence.clone(),
        source_name: String::new(),
        sha256: String::new(),
        imported_at: String::new(),
        articles: parsed
            .articles
            .iter()
            .enumerate()
            .map(|(pos, a)| Article {
                id: pos as ArticleId,
                issue_id: 0,
                seq: pos as u32,
                headline: a.headline.clone(),
                subheadings: a.subheadings.clone(),
                byline: a.byline.clone(),
                dateline: a.dateline.clone(),
                text: a.text.clone(),
                captions: a.captions.clone(),
                layout_notes: a.layout_notes.clone(),
            })
            .collect(),
    };
    crate::extract::suggest_issue_keyed(&issue)
}

/// Store one prepared file: the issue in one transaction, then its suggestions in a second
/// action. A duplicate stores nothing, and its suggestions are dropped.
fn store_prepared(
    store: &mut Store,
    file: Prepared,
    opts: &ImportOptions,
) -> crate::Result<FileOutcome> {
    let Prepared {
        name,
        parsed,
        suggestions,
    } = file;
    Ok(match store.insert_issue(&parsed, &name)? {
        InsertOutcome::Inserted { issue_id, articles } => {
            let mut warnings = parsed.warnings.clone();
            // Suggestions are a second, separately undoable action: the issue stays imported
            // even if suggesting fails, and the failure is reported rather than lost.
            let mut suggested = 0;
            if opts.suggest {
                let result = match suggestions {
                    Some(keyed) => crate::extract::suggest_into_keyed(store, issue_id, keyed),
                    None => crate::extract::suggest_into(store, issue_id),
                };
                match result {
                    Ok(r) => suggested = r.created,
                    Err(e) => warnings.push(format!("no measures were suggested: {e}")),
                }
            }
            FileOutcome::Imported {
                issue_id,
                articles,
                suggestions: suggested,
                warnings,
                format: parsed.format,
                encoding: parsed.encoding,
                date: parsed.date,
                date_evidence: parsed.date_evidence,
            }
        }
        InsertOutcome::Duplicate { existing_issue_id } => {
            FileOutcome::Duplicate { existing_issue_id }
        }
    })
}

/// A story continued on a later page after other stories (`…（下转第3版）` … another
/// article … `（上接第1版）…`): the lines from the `上接` marker to the end of the article
/// they fell into belong to the nearest story before that stops at a `下转` marker. The
/// continuation then joins its story in `clean`, where a passage the jump page repeats is
/// kept as a duplicate note. A continuation that opens its article (a headline reprinted on
/// the jump page) is left as it is.
fn rejoin_jumps(drafts: &mut [Draft]) {
    let continues = |l: &Line| match l.kind {
        Kind::Jump => l.text.contains('接'),
        Kind::Body { .. } => clean::INLINE_JUMP_START.is_match(&l.text),
        _ => false,
    };
    let stops = |d: &Draft| {
        d.body
            .iter()
            .rev()
            .find(|l| l.kind != Kind::Furniture)
            .is_some_and(|l| match l.kind {
                Kind::Jump => l.text.contains('转') || l.text.contains('轉'),
                Kind::Body { .. } => clean::INLINE_JUMP_END.is_match(&l.text),
                _ => false,
            })
    };
    for j in 1..drafts.len() {
        let Some(k) = drafts[j].body.iter().position(continues) else {
            continue;
        };
        if k == 0 {
            continue;
        }
        let Some(i) = (0..j).rev().find(|&i| stops(&drafts[i])) else {
            continue;
        };
        let moved: Vec<Line> = drafts[j].body.drain(k..).collect();
        drafts[i].body.extend(moved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pipeline's suggestions are only fast if they can be rebound: the issue the worker
    /// builds from the parsed articles must read exactly as the stored one.
    #[test]
    fn suggestions_read_before_storing_rebind_to_the_stored_issue() {
        let seed = include_bytes!("../../tests/fixtures/import/000_d490296900429d54.txt");
        for opts in [
            ImportOptions::default(),
            ImportOptions {
                publication: Some("湘潭晚报".into()),
                date: NaiveDate::from_ymd_opt(2021, 3, 2),
                suggest: true,
            },
        ] {
            let parsed = parse_file("seed.txt", seed, &opts).unwrap();
            let keyed = suggest_unstored(&parsed);
            let mut store = Store::open_in_memory().unwrap();
            // Another issue first, so the stored article ids are not the positions.
            let mut other = parsed.clone();
            other.articles.truncate(2);
            other.articles[0].text.push('。');
            store.insert_issue(&other, "other.txt").unwrap();
            let InsertOutcome::Inserted { issue_id, .. } =
                store.insert_issue(&parsed, "seed.txt").unwrap()
            else {
                panic!("stored")
            };
            let stored = store.get_issue(issue_id).unwrap();
            assert!(keyed.reads_as(&stored));
            let want = crate::extract::suggest_issue(&stored);
            assert!(!want.is_empty(), "the seed has measures");
            let got = keyed
                .rebind(|pos| stored.articles.get(pos as usize).map(|a| a.id))
                .unwrap();
            assert_eq!(got, want);
        }
    }
}
