//! Runs the Python baselines (`scripts/bench_*.py`), which print one JSON object on stdout:
//! the figures, or `{"error": "..."}` saying why the baseline cannot run here.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `scripts/` of this repository (override with `BENCH_SCRIPTS_DIR`).
pub fn scripts_dir() -> PathBuf {
    std::env::var_os("BENCH_SCRIPTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts"))
}

/// Run `python3 scripts/<script> args…` (override the interpreter with `BENCH_PYTHON`).
/// `Err` carries a one-line reason fit for the report.
pub fn run(script: &str, args: &[&std::ffi::OsStr]) -> Result<serde_json::Value, String> {
    let python = std::env::var("BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let path = scripts_dir().join(script);
    let out = Command::new(&python)
        .arg(&path)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {python}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'));
    let value: serde_json::Value = match last {
        Some(l) => {
            serde_json::from_str(l).map_err(|e| format!("{script} printed bad JSON: {e}"))?
        }
        None => {
            let err = String::from_utf8_lossy(&out.stderr);
            let tail = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            return Err(format!(
                "{script} printed no result ({}): {tail}",
                out.status
            ));
        }
    };
    if let Some(e) = value.get("error").and_then(|e| e.as_str()) {
        return Err(e.to_string());
    }
    Ok(value)
}
