//! Writes a generated year of issues to disk, one file at a time (the year is never held in
//! memory), with a ground-truth file of clean articles per issue for the FTS5 baseline.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use crate::gen::issue::generate_issue;

/// The first issue of every generated run appears on this day.
pub fn first_issue_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date")
}

pub struct Corpus {
    /// Issue files in publication order.
    pub files: Vec<PathBuf>,
    /// `articles/NNNNN.jsonl`: one `[headline, body]` per line, for the baseline.
    pub truth: Vec<PathBuf>,
    /// Size of each issue file in bytes.
    pub bytes: Vec<u64>,
}

impl Corpus {
    pub fn total_bytes(&self, n: usize) -> u64 {
        self.bytes[..n].iter().sum()
    }
}

pub fn write_corpus(dir: &Path, seed: u64, issues: usize) -> anyhow::Result<Corpus> {
    let issue_dir = dir.join("issues");
    let truth_dir = dir.join("articles");
    std::fs::create_dir_all(&issue_dir)?;
    std::fs::create_dir_all(&truth_dir)?;
    let mut corpus = Corpus {
        files: Vec::with_capacity(issues),
        truth: Vec::with_capacity(issues),
        bytes: Vec::with_capacity(issues),
    };
    for i in 0..issues {
        let issue = generate_issue(seed, i as u32, first_issue_date());
        let path = issue_dir.join(&issue.file_name);
        std::fs::write(&path, &issue.bytes).with_context(|| format!("write {}", path.display()))?;
        let truth = truth_dir.join(format!("{i:05}.jsonl"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&truth)?);
        for a in &issue.articles {
            serde_json::to_writer(&mut w, &(&a.headline, &a.body))?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        corpus.files.push(path);
        corpus.truth.push(truth);
        corpus.bytes.push(issue.bytes.len() as u64);
    }
    Ok(corpus)
}

/// The process's peak resident set size (`VmHWM`) in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
