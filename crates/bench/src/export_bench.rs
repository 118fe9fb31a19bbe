//! Export of every measure to .ics against Python's `icalendar` building the same events.
//! Until `export::ics` lands (hooks::export_ics) the Rust figure is PENDING; the loading of
//! the measures, which the export will include, is measured now.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use policy_ledger_core::model::Measure;
use policy_ledger_core::Store;

use crate::report::{dur, median, times, Row, Verdict};
use crate::{hooks, python};

const EXPORT_TARGET: Duration = Duration::from_secs(1);
const SPEEDUP_TARGET: f64 = 10.0;

/// The events the Python baseline builds, as `export::ics` does with its default options
/// (`EventLayout::Span`): one all-day event per measure that has both dates, from the
/// effective date to the day after the expiry (DTEND is exclusive).
fn events(measures: &[Measure]) -> Vec<serde_json::Value> {
    measures
        .iter()
        .filter_map(|m| {
            let start = m.effective_from?;
            let end = m.expires_on? + Days::days(1);
            let mut description = vec![];
            description.extend(m.issuer.clone());
            description.extend(m.category.clone());
            if let Some(v) = &m.value {
                description.push(serde_json::to_string(v).unwrap_or_default());
            }
            if !m.notes.is_empty() {
                description.push(m.notes.clone());
            }
            Some(serde_json::json!({
                "uid": format!("{}@policy-ledger", m.uid),
                "summary": m.title,
                "start": start.to_string(),
                "end": end.to_string(),
                "description": description.join("\n"),
                "sequence": m.revision,
            }))
        })
        .collect()
}

pub fn run(store: &Store, work: &Path, reps: usize, python_ok: bool) -> anyhow::Result<Vec<Row>> {
    let t = Instant::now();
    let measures = store.all_measures()?;
    let load = t.elapsed();
    let n = measures.len();
    let mut rows = vec![Row::new(format!("export: load {n} measures"))
        .measured(dur(load))
        .note("Store::all_measures, the first step of every export")];

    let mut rust = Vec::new();
    for _ in 0..reps {
        let t = Instant::now();
        match hooks::export_ics(store, &measures) {
            Some(r) => {
                std::hint::black_box(r?);
                rust.push(t.elapsed() + load);
            }
            None => break,
        }
    }
    let python = if python_ok {
        let path = work.join("events.json");
        std::fs::write(&path, serde_json::to_vec(&events(&measures))?)?;
        python::run("bench_ics.py", &[path.as_os_str()])
    } else {
        Err("Python baselines skipped (--no-python)".into())
    };
    let name = format!("export .ics ({n} measures)");
    let mut row = Row::new(name).target("<1 s, ≥10× faster than icalendar");
    let py_secs = python
        .as_ref()
        .ok()
        .and_then(|v| v.get("secs").and_then(|s| s.as_f64()));
    if let Ok(v) = &python {
        row = row.baseline(format!(
            "{} (icalendar {}, {} events)",
            dur(Duration::from_secs_f64(py_secs.unwrap_or(0.0))),
            v.get("icalendar").and_then(|s| s.as_str()).unwrap_or("?"),
            v.get("events").and_then(|s| s.as_u64()).unwrap_or(0)
        ));
    }
    if rust.is_empty() {
        row = row
            .measured("pending")
            .verdict(Verdict::Pending)
            .note(match &python {
                Ok(_) => {
                    "export::ics not merged yet (hooks::export_ics); baseline measured".to_string()
                }
                Err(e) => format!("export::ics not merged yet (hooks::export_ics); baseline: {e}"),
            });
    } else {
        let r = median(&mut rust);
        row = row.measured(dur(r));
        match py_secs {
            Some(p) => {
                let speedup = p / r.as_secs_f64();
                row = row
                    .ratio(format!("{} faster", times(speedup)))
                    .verdict(Verdict::from_bool(
                        r < EXPORT_TARGET && speedup >= SPEEDUP_TARGET,
                    ))
                    .note("Rust figure includes loading the measures");
            }
            None => {
                row = row
                    .verdict(Verdict::from_bool(r < EXPORT_TARGET))
                    .note(format!("baseline: {}", python.err().unwrap_or_default()));
            }
        }
    }
    rows.push(row);
    Ok(rows)
}

/// The export alone, `reps` times, for callgrind (`--toggle-collect='*profiled_export*'`
/// counts loading the measures and writing the calendar, not opening the ledger).
pub fn profile(db: &Path, reps: usize) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let t = Instant::now();
    let mut bytes = 0;
    for _ in 0..reps {
        bytes = profiled_export(&store)?;
    }
    eprintln!("{reps} exports of {bytes} bytes in {}", dur(t.elapsed()));
    Ok(())
}

#[inline(never)]
fn profiled_export(store: &Store) -> anyhow::Result<usize> {
    let measures = store.all_measures()?;
    match hooks::export_ics(store, &measures) {
        Some(r) => Ok(r?.len()),
        None => anyhow::bail!("export::ics is not switched on (hooks::export_ics)"),
    }
}
