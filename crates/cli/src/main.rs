//! `policy-ledger`: the command line of Policy Ledger, for scripting and batch work.
//!
//! Every subcommand opens the ledger (the app's default database unless `--db` is given),
//! calls core, and prints. Errors go to stderr as one sentence with a non-zero exit status.

mod backup;
mod debug;
mod export;
mod measures;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use policy_ledger_core::export::json;
use policy_ledger_core::extract;
use policy_ledger_core::import::{self, FileOutcome, ImportOptions};
use policy_ledger_core::store::default_db_path;
use policy_ledger_core::Store;

#[derive(Parser)]
#[command(
    name = "policy-ledger",
    version,
    about = "Track policy measures in Chinese newspapers"
)]
struct Cli {
    /// Ledger database (default: the app's database in your data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import newspaper issues (text, HTML, DOCX, PDF), one issue per file.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Issue date, overriding the one inferred from the file.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// Publication name, overriding the one inferred from the file.
        #[arg(long)]
        publication: Option<String>,
        /// Propose the measures each imported issue contains (as `suggested`).
        #[arg(long)]
        suggest: bool,
        #[arg(long)]
        json: bool,
    },
    /// Propose measures for one issue, or for every issue. Never duplicates a suggestion nor
    /// touches a measure the analyst has reviewed.
    Suggest {
        #[arg(long)]
        issue: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Read date phrases, one per line on stdin; write one JSON object per line with the
    /// policy period each states (`start`, `end`, inclusive, or null).
    ParseDates {
        /// The issue date relative phrases resolve against.
        #[arg(long, value_name = "YYYY-MM-DD")]
        reference: NaiveDate,
    },
    /// Full-text search over all articles (Chinese works: 2-character words too).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// List the stored issues.
    Issues {
        #[arg(long)]
        json: bool,
    },
    /// List articles, of one issue or of all.
    Articles {
        #[arg(long)]
        issue: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Correct an issue's date or publication.
    SetIssue {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        #[arg(long)]
        publication: Option<String>,
    },
    /// List, add, edit and remove measures.
    Measures {
        #[command(subcommand)]
        // Boxed: its flags make it far larger than the other commands (clippy::large_enum_variant).
        command: Box<measures::MeasuresCommand>,
    },
    /// Undo the last change to measures.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Export the ledger: JSON (whole ledger), CSV, .ics calendar or printable HTML.
    Export(export::ExportArgs),
    /// Load a JSON interchange document (docs/json-format.md).
    ImportJson { file: PathBuf },
    /// Copy the ledger to FILE (a consistent snapshot, safe while the app is open).
    Backup(backup::BackupArgs),
    /// Replace the ledger by the backup FILE; the replaced ledger is kept beside it.
    Restore(backup::RestoreArgs),
    /// Test drivers for crash and concurrency tests.
    #[command(hide = true, subcommand)]
    Debug(debug::DebugCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_sentence(&e));
            ExitCode::FAILURE
        }
    }
}

/// Core errors already read as a sentence; context added here goes in front of them.
fn one_sentence(e: &anyhow::Error) -> String {
    let mut sentence = String::new();
    for cause in e.chain().map(|c| c.to_string()) {
        // Core errors usually quote their source already: never say it twice.
        if sentence.contains(&cause) {
            continue;
        }
        if !sentence.is_empty() {
            sentence.push_str(": ");
        }
        sentence.push_str(&cause);
    }
    sentence
}

fn open(db: Option<PathBuf>) -> Result<Store> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    // A ledger of an older version is upgraded first (a minute on a big one): say so on
    // stderr, one line a step, so a script's stdout stays the command's own.
    let mut step = 0;
    let mut told_copy = false;
    let mut err = std::io::stderr();
    Ok(Store::open_with_progress(&path, &mut |p| {
        if p.step != step {
            step = p.step;
            let _ = writeln!(
                err,
                "upgrading the ledger from schema {} to {}: step {} of {}, {}",
                p.from_version,
                p.to_version,
                p.step,
                p.steps,
                upgrade_step_words(&p.name)
            );
        }
        if let (false, Some(copy)) = (told_copy, &p.backup) {
            told_copy = true;
            let _ = writeln!(err, "a copy of the previous file was kept at {copy}");
        }
    })?)
}

/// An upgrade step's key (`UpgradeProgress::name`) in words.
fn upgrade_step_words(name: &str) -> &str {
    match name {
        policy_ledger_core::store::COPY_STEP => "keeping a copy of the previous file",
        "measure_text" => "indexing the measures' text",
        "index_merging" => "tuning the full-text index",
        "package_tree" => "placing each measure in its package",
        "sources_index" => "indexing the sources",
        other => other,
    }
}

/// One JSON object per phrase read from standard input (`parse-dates`).
fn parse_dates(reference: NaiveDate, out: &mut impl Write) -> Result<()> {
    for line in std::io::stdin().lock().lines() {
        let line = line.context("could not read standard input")?;
        let phrase = line.trim_end_matches('\r');
        serde_json::to_writer(
            &mut *out,
            &extract::dates::ParsedPhrase::new(phrase, reference),
        )?;
        writeln!(out)?;
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode> {
    let out = &mut std::io::stdout().lock();
    // Restore must work on a ledger that cannot be opened (damaged): it never opens the old file.
    // Reading date phrases needs no ledger at all: it neither creates nor upgrades one.
    let command = match cli.command {
        Command::Restore(args) => return backup::restore(cli.db, args, out),
        Command::ParseDates { reference } => {
            parse_dates(reference, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        other => other,
    };
    let mut store = open(cli.db)?;
    match command {
        Command::Import {
            files,
            date,
            publication,
            suggest,
            json,
        } => {
            let opts = ImportOptions {
                date,
                publication,
                suggest,
            };
            let reports = import::import_files(&mut store, &files, &opts, &mut |p| {
                if !json && p.total > 1 && p.done < p.total {
                    eprintln!("[{}/{}] {}", p.done + 1, p.total, p.current);
                }
            });
            if json {
                serde_json::to_writer_pretty(&mut *out, &reports)?;
                writeln!(out)?;
            } else {
                for r in &reports {
                    match &r.outcome {
                        FileOutcome::Imported {
                            issue_id,
                            articles,
                            suggestions,
                            warnings,
                            format,
                            encoding,
                            date,
                            date_evidence,
                        } => {
                            writeln!(
                                out,
                                "imported {} as issue {issue_id}: {articles} articles, {suggestions} suggestions ({format}, {encoding})",
                                r.path
                            )?;
                            let date = date
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "unknown".into());
                            let why = date_evidence
                                .as_deref()
                                .unwrap_or("no date found: set it with set-issue --date");
                            writeln!(out, "  issue date {date}: {why}")?;
                            for w in warnings {
                                writeln!(out, "  warning: {w}")?;
                            }
                        }
                        FileOutcome::Duplicate { existing_issue_id } => writeln!(
                            out,
                            "duplicate {}: already imported as issue {existing_issue_id}",
                            r.path
                        )?,
                        FileOutcome::Failed { reason, .. } => {
                            eprintln!("failed {}: {reason}", r.path)
                        }
                    }
                }
            }
            let failed = reports
                .iter()
                .any(|r| matches!(r.outcome, FileOutcome::Failed { .. }));
            return Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Suggest { issue, json } => {
            let reports = match issue {
                Some(id) => vec![extract::suggest_into(&mut store, id)?],
                None => extract::suggest_all_into(&mut store)?,
            };
            if json {
                serde_json::to_writer_pretty(&mut *out, &reports)?;
                writeln!(out)?;
            } else {
                for r in reports {
                    writeln!(
                        out,
                        "issue {}: {} new suggestions ({} already known) from {} articles",
                        r.issue_id, r.created, r.skipped, r.articles
                    )?;
                }
            }
        }
        Command::Search { query, limit, json } => {
            let hits = store.search(&query, limit)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &hits)?;
                writeln!(out)?;
            } else {
                for h in hits {
                    // Hits are marked 【like this】: the terminal has no highlighting.
                    let snippet: String = h
                        .snippet
                        .iter()
                        .map(|p| {
                            if p.hit {
                                format!("【{}】", p.text)
                            } else {
                                p.text.clone()
                            }
                        })
                        .collect();
                    let date = h.issue_date.map(|d| d.to_string()).unwrap_or_default();
                    writeln!(
                        out,
                        "{date} {} · article {} · {}",
                        h.publication, h.article_id, h.headline
                    )?;
                    writeln!(out, "  {}", snippet.replace('\n', " "))?;
                }
            }
        }
        Command::Issues { json } => {
            let issues = store.list_issues()?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &issues)?;
                writeln!(out)?;
            } else {
                for i in issues {
                    let date = i
                        .date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "????-??-??".into());
                    writeln!(
                        out,
                        "{}\t{date}\t{}\t{} articles\t{} measures\t{}",
                        i.id, i.publication, i.article_count, i.measure_count, i.source_name
                    )?;
                }
            }
        }
        Command::Articles { issue, json } => {
            let articles = store.list_articles(issue)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &articles)?;
                writeln!(out)?;
            } else {
                for a in articles {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{} chars",
                        a.id,
                        a.issue_id,
                        a.headline,
                        a.text.chars().count()
                    )?;
                }
            }
        }
        Command::SetIssue {
            id,
            date,
            publication,
        } => {
            let i = store.set_issue_meta(id, date, publication.as_deref())?;
            let date = i.date.map(|d| d.to_string()).unwrap_or_default();
            writeln!(out, "issue {}: {} {date}", i.id, i.publication)?;
        }
        Command::Measures { command } => measures::run(&mut store, *command, out)?,
        Command::Undo => {
            let r = store.undo()?;
            writeln!(out, "undone: {}", r.label)?;
        }
        Command::Redo => {
            let r = store.redo()?;
            writeln!(out, "redone: {}", r.label)?;
        }
        Command::Export(args) => export::run(&store, args, out)?,
        Command::Backup(args) => backup::backup(&store, args, out)?,
        Command::Restore(_) | Command::ParseDates { .. } => {
            unreachable!("handled before the ledger is opened")
        }
        Command::Debug(cmd) => debug::run(&mut store, cmd, out)?,
        Command::ImportJson { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let doc = json::parse(&text)?;
            let r = store.import_document(&doc)?;
            writeln!(
                out,
                "imported {} issues, {} articles, {} measures",
                r.issues, r.articles, r.measures
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
