//! The printed result table: `name | measured | baseline | ratio | target | verdict`.
//!
//! The machine is shared and noisy, so every timed figure that has a target also has a
//! baseline measured in the same run; the ratio is what the verdict mostly rests on.

use std::fmt::Write as _;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Miss,
    /// The code under test has not landed on this branch yet (a merge hook is off).
    Pending,
    /// Printed for context; no target applies.
    Info,
    /// The baseline could not run here (the note says why).
    Skipped,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Miss => "MISS",
            Verdict::Pending => "PENDING",
            Verdict::Info => "info",
            Verdict::Skipped => "SKIP",
        }
    }

    pub fn from_bool(ok: bool) -> Verdict {
        if ok {
            Verdict::Pass
        } else {
            Verdict::Miss
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub measured: String,
    pub baseline: String,
    /// measured / baseline for times (lower is better), or the speed-up where the row says so.
    pub ratio: Option<String>,
    pub target: String,
    pub verdict: Verdict,
    pub note: Option<String>,
}

impl Row {
    pub fn new(name: impl Into<String>) -> Self {
        Row {
            name: name.into(),
            measured: "-".into(),
            baseline: "-".into(),
            ratio: None,
            target: "-".into(),
            verdict: Verdict::Info,
            note: None,
        }
    }
    pub fn measured(mut self, s: impl Into<String>) -> Self {
        self.measured = s.into();
        self
    }
    pub fn baseline(mut self, s: impl Into<String>) -> Self {
        self.baseline = s.into();
        self
    }
    pub fn ratio(mut self, s: impl Into<String>) -> Self {
        self.ratio = Some(s.into());
        self
    }
    pub fn target(mut self, s: impl Into<String>) -> Self {
        self.target = s.into();
        self
    }
    pub fn verdict(mut self, v: Verdict) -> Self {
        self.verdict = v;
        self
    }
    pub fn note(mut self, s: impl Into<String>) -> Self {
        self.note = Some(s.into());
        self
    }
}

/// Human duration: µs below 1 ms, ms below 10 s, s above.
pub fn dur(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{:.0} µs", s * 1e6)
    } else if s < 10.0 {
        format!("{:.2} ms", s * 1e3).replace(".00 ms", " ms")
    } else {
        format!("{s:.1} s")
    }
}

pub fn times(r: f64) -> String {
    format!("{r:.2}×")
}

pub fn mib(kib: u64) -> String {
    format!("{:.1} MB", kib as f64 / 1024.0)
}

/// The table as fixed-width text (character widths, so a terminal lines it up for ASCII
/// names), followed by the notes.
pub fn render(rows: &[Row]) -> String {
    let headers = [
        "benchmark",
        "measured",
        "baseline",
        "ratio",
        "target",
        "verdict",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                r.measured.clone(),
                r.baseline.clone(),
                r.ratio.clone().unwrap_or_else(|| "-".into()),
                r.target.clone(),
                r.verdict.label().to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for c in &cells {
        for (w, s) in widths.iter_mut().zip(c) {
            *w = (*w).max(s.chars().count());
        }
    }
    let line = |cols: &[String]| -> String {
        cols.iter()
            .zip(widths)
            .map(|(s, w)| format!("{s}{}", " ".repeat(w - s.chars().count())))
            .collect::<Vec<_>>()
            .join(" | ")
            .trim_end()
            .to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(&headers.map(String::from)));
    let _ = writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|&w| "-".repeat(w))
            .collect::<Vec<_>>()
            .join("-|-")
    );
    for c in &cells {
        let _ = writeln!(out, "{}", line(c));
    }
    let notes: Vec<_> = rows
        .iter()
        .filter_map(|r| r.note.as_ref().map(|n| (r, n)))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(out);
        for (r, n) in notes {
            let _ = writeln!(out, "- {}: {}", r.name, n);
        }
    }
    out
}

/// Median of a non-empty sample.
pub fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up_and_notes_follow() {
        let rows = vec![
            Row::new("table query")
                .measured("3.10 ms")
                .baseline("2.90 ms")
                .ratio("1.07×")
                .target("<20 ms, ≤2×")
                .verdict(Verdict::Pass),
            Row::new("export .ics")
                .verdict(Verdict::Pending)
                .note("hook off"),
        ];
        let text = render(&rows);
        let lines: Vec<&str> = text.lines().collect();
        let bar = |l: &str| l.chars().position(|c| c == '|');
        assert_eq!(bar(lines[0]), bar(lines[2]));
        assert_eq!(bar(lines[2]), bar(lines[3]));
        assert!(lines[2].ends_with("PASS"));
        assert!(text.contains("- export .ics: hook off"));
    }

    #[test]
    fn median_of_odd_and_even_samples() {
        let ms = Duration::from_millis;
        assert_eq!(median(&mut [ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(&mut [ms(4), ms(1), ms(3), ms(2)]), ms(3));
    }
}
