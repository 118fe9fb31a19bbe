//! Hidden `policy-ledger debug …` commands that drive the store for the crash and
//! concurrency tests (crates/cli/tests/crash.rs, concurrency.rs). Not shown in `--help`.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;
use policy_ledger_core::model::MeasureInput;
use policy_ledger_core::Store;

#[derive(Subcommand)]
pub enum DebugCommand {
    /// Create COUNT measures, editing each once. Prints `created ID` and `edited ID REVISION`
    /// only after the transaction's commit has returned, so every printed line is a promise
    /// that the change is on disk.
    WriteLoop {
        count: u32,
        /// Label put in the titles, to tell writers apart.
        #[arg(long, default_value = "loop")]
        label: String,
    },
}

pub fn run(store: &mut Store, cmd: DebugCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        DebugCommand::WriteLoop { count, label } => {
            for i in 0..count {
                let input = MeasureInput {
                    title: format!("{label} {i}"),
                    ..Default::default()
                };
                let m = store.create_measure(&input)?;
                writeln!(out, "created {}", m.id)?;
                out.flush()?;
                let mut edit = MeasureInput::from_measure(&m);
                edit.notes = format!("edited by {label}");
                let m = store.update_measure(m.id, &edit)?;
                writeln!(out, "edited {} {}", m.id, m.revision)?;
                out.flush()?;
            }
        }
    }
    Ok(())
}
