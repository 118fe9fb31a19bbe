//! What opening an older ledger reports while it brings the file up to this version: first the
//! copy kept beside it (backup.rs), then each pending migration (migrations.rs), with the share
//! of the step done wherever the step can tell.
//!
//! Reports come in order: `step` never goes back, and within a step `fraction` only grows. A
//! new ledger (no schema yet) and one already up to date report nothing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One report of an upgrade under way, for a progress screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpgradeProgress {
    /// This step's number, from 1 to `steps`.
    pub step: u32,
    pub steps: u32,
    /// What the step does, as a stable key the UI translates: [`COPY_STEP`] for the copy kept
    /// before, otherwise the migration's name (`package_tree`, `sources_index`, …).
    pub name: String,
    /// The schema version the ledger had, and the one this version writes.
    pub from_version: u32,
    pub to_version: u32,
    /// Share of this step done, 0 to 1; `None` where the step cannot tell (one SQL statement).
    pub fraction: Option<f64>,
    /// Where the copy of the previous file is kept, once written.
    pub backup: Option<String>,
}

/// The name of the step that copies the ledger aside before it changes.
pub const COPY_STEP: &str = "copy";

/// Sends reports for one upgrade, so the store's code only says which step it is on.
pub(super) struct UpgradeReporter<'a> {
    pub(super) sink: &'a mut dyn FnMut(&UpgradeProgress),
    pub(super) last: UpgradeProgress,
}

impl UpgradeReporter<'_> {
    /// Start step `step` (1-based).
    pub(super) fn begin(&mut self, step: u32, name: &str, fraction: Option<f64>) {
        self.last.step = step;
        self.last.name = name.to_string();
        self.last.fraction = fraction;
        (self.sink)(&self.last);
    }

    /// The current step is `fraction` done. Repeats and steps under 0.1 % are not sent:
    /// a million rows must not become a million reports.
    pub(super) fn advance(&mut self, fraction: f64) {
        let fraction = fraction.clamp(0.0, 1.0);
        let before = self.last.fraction.unwrap_or(0.0);
        if fraction >= before + 0.001 || (fraction == 1.0 && before < 1.0) {
            self.last.fraction = Some(fraction);
            (self.sink)(&self.last);
        }
    }

    pub(super) fn kept_copy(&mut self, path: &std::path::Path) {
        self.last.backup = Some(path.display().to_string());
        (self.sink)(&self.last);
    }
}

/// Where opening the ledger stands, for a window that starts before the ledger is open: the
/// app's `ledger_status` command answers it and its `ledger-status` event carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum OpenStatus {
    /// The file is being opened; no upgrade has been reported (yet).
    Opening,
    /// An older ledger is being brought up to this version.
    Upgrading { progress: UpgradeProgress },
    /// Every command works on the ledger now.
    Ready,
    /// The ledger could not be opened; every command answers with this error.
    Failed { code: String, message: String },
}
