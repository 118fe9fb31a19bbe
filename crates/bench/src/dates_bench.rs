//! The date normaliser against JioNLP's `parse_time` on the same phrases, same run.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::gen::phrases::phrase_set;
use crate::report::{times, Row, Verdict};
use crate::{corpus, hooks, python};

const SPEEDUP_TARGET: f64 = 100.0;

pub fn run(
    seed: u64,
    phrases: usize,
    work: &Path,
    python_ok: bool,
    install_jionlp: bool,
) -> anyhow::Result<Vec<Row>> {
    let set = phrase_set(seed, phrases, corpus::first_issue_date());
    // Rust side: loop over the set until at least 0.3 s has passed, for a stable rate.
    let mut rust_rate = None;
    let mut understood = 0;
    let t = Instant::now();
    let mut done = 0usize;
    'outer: while t.elapsed() < Duration::from_millis(300) {
        for (p, d) in &set {
            match hooks::parse_period(p, *d) {
                Some(ok) => {
                    if done < set.len() && ok {
                        understood += 1;
                    }
                    done += 1;
                }
                None => break 'outer,
            }
        }
    }
    if done > 0 {
        rust_rate = Some(done as f64 / t.elapsed().as_secs_f64());
    }

    let python = if python_ok {
        let path = work.join("phrases.json");
        let json: Vec<(&str, String)> = set
            .iter()
            .map(|(p, d)| (p.as_str(), d.to_string()))
            .collect();
        std::fs::write(&path, serde_json::to_vec(&json)?)?;
        let mut args = vec![path.as_os_str()];
        if !install_jionlp {
            args.push("--no-install".as_ref());
        }
        python::run("bench_jionlp.py", &args)
    } else {
        Err("Python baselines skipped (--no-python)".into())
    };
    let mut row = Row::new(format!("date normaliser ({} phrases)", set.len()))
        .target("≥100× JioNLP parse_time");
    let py_rate = python.as_ref().ok().and_then(|v| {
        let n = v.get("phrases")?.as_f64()?;
        let s = v.get("secs")?.as_f64()?;
        Some(n / s)
    });
    if let Ok(v) = &python {
        row = row.baseline(format!(
            "{:.0} phrases/s (JioNLP {}, {} parsed)",
            py_rate.unwrap_or(0.0),
            v.get("jionlp").and_then(|s| s.as_str()).unwrap_or("?"),
            v.get("parsed").and_then(|s| s.as_u64()).unwrap_or(0)
        ));
    }
    let reason = python.as_ref().err().cloned();
    match (rust_rate, py_rate) {
        (None, _) => {
            row = row
                .measured("pending")
                .verdict(Verdict::Pending)
                .note(format!(
                    "extract::dates::parse_period not merged yet (hooks::parse_period){}",
                    reason
                        .map(|r| format!("; baseline: {r}"))
                        .unwrap_or_default()
                ));
        }
        (Some(r), Some(p)) => {
            let speedup = r / p;
            row = row
                .measured(format!("{r:.0} phrases/s ({understood} understood)"))
                .ratio(format!("{} faster", times(speedup)))
                .verdict(Verdict::from_bool(speedup >= SPEEDUP_TARGET));
        }
        (Some(r), None) => {
            row = row
                .measured(format!("{r:.0} phrases/s ({understood} understood)"))
                .verdict(Verdict::Skipped)
                .note(format!("baseline: {}", reason.unwrap_or_default()));
        }
    }
    Ok(vec![row])
}
