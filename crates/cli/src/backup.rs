//! `policy-ledger backup FILE` and `policy-ledger restore FILE`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;
use policy_ledger_core::store::{default_db_path, BackupReport};
use policy_ledger_core::Store;

#[derive(Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A copy made by `policy-ledger backup`, or an automatic `*.before-vN.bak` copy.
    file: PathBuf,
}

/// Copy the open ledger; safe while the app or another command is writing to it.
pub fn backup(store: &Store, args: BackupArgs, out: &mut dyn Write) -> Result<()> {
    if args.file.exists() && !args.force {
        bail!(
            "{} already exists; choose another name, or pass --force to replace it",
            args.file.display()
        );
    }
    let r = store.backup_to(&args.file, args.force)?;
    writeln!(out, "backed up to {}: {}", r.path.display(), summary(&r))?;
    Ok(())
}

/// Replace the ledger by a backup. Runs without opening the ledger, so it also repairs a
/// ledger that is damaged and cannot be opened.
pub fn restore(db: Option<PathBuf>, args: RestoreArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let target = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    let r = Store::restore_from(&args.file, &target)?;
    // Open it as the app would: this checks it again and upgrades an older copy.
    Store::open(&target)?;
    writeln!(
        out,
        "restored {} from {}: {}",
        target.display(),
        args.file.display(),
        summary(&r)
    )?;
    if let Some(old) = &r.replaced {
        writeln!(out, "the ledger it replaced was kept as {}", old.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(r: &BackupReport) -> String {
    format!(
        "{} issues, {} measures (schema {})",
        r.issues, r.measures, r.schema_version
    )
}
