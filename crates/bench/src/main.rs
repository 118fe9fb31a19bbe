//! `policy-ledger-bench`: generates a realistic load (a year of a daily, a ledger of 100,000
//! measures) and prints each benchmark next to a baseline measured in the same run.
//! See docs/performance.md for the targets and how to read the table.

mod corpus;
mod dates_bench;
mod export_bench;
mod gen;
mod hooks;
mod import_bench;
mod python;
mod report;
mod search_bench;
mod table_bench;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use policy_ledger_core::Store;

use report::{dur, Row};

/// Issues in a year of a daily at size 1.
const YEAR_OF_ISSUES: f64 = 365.0;
/// Measures in the ledger at size 1.
const LEDGER_MEASURES: f64 = 100_000.0;
/// The sizes whose cost is compared (each one below the run's size is re-imported).
const GROWTH_SIZES: [f64; 2] = [0.1, 1.0];

#[derive(Parser)]
#[command(
    version,
    about = "Policy Ledger benchmarks, each next to a same-run baseline"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Load size: 1 = a year of issues and 100,000 measures; 0.1 and 10 scale both.
    #[arg(long, default_value_t = 1.0)]
    size: f64,
    /// Quick check that every benchmark still runs (size 0.1, few repetitions, no cost
    /// growth, no installation of Python packages).
    #[arg(long)]
    smoke: bool,
    /// Seed of the generator; the same seed gives the same load everywhere.
    #[arg(long, default_value_t = 20200425)]
    seed: u64,
    /// Keep the generated files and databases here (default: a temporary folder).
    #[arg(long)]
    work: Option<PathBuf>,
    /// Skip the Python baselines (icalendar, JioNLP).
    #[arg(long)]
    no_python: bool,
    /// Run only the import benchmarks (import, peak memory, cost growth).
    #[arg(long)]
    import_only: bool,
    /// Also write the table to this file.
    #[arg(long)]
    report: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write the load to a folder: `issues/*.txt` and, with --ledger, `ledger.sqlite3`
    /// (the issues imported through the app's importer plus the ledger of measures).
    Generate {
        #[arg(long, default_value_t = 1.0)]
        size: f64,
        #[arg(long, default_value_t = 20200425)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        ledger: bool,
    },
    /// Run only the measures-table query on an existing ledger (for callgrind:
    /// `valgrind --tool=callgrind policy-ledger-bench profile-table --db work/ledger.sqlite3`).
    ProfileTable {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 4)]
        reps: usize,
        /// Time the direct SQL instead of Store::query_measures.
        #[arg(long)]
        direct: bool,
        /// Time the LIKE scan of schema 2 (the table query before the pair index).
        #[arg(long)]
        scan: bool,
    },
    /// Time blocks of 100 rows of the measures table at offsets 0, the middle and the end of
    /// an existing ledger: first call, repeated, and computed afresh (before the kept order).
    TableBlocks {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 7)]
        reps: usize,
    },
    /// Run only the .ics export (loading every measure included) on an existing ledger, for
    /// callgrind: `--toggle-collect='*profiled_export*'`.
    ProfileExport {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 1)]
        reps: usize,
    },
    /// Bring an existing ledger to this version's schema, as the app does when it opens it
    /// (so a kept benchmark ledger does not time a migration in its first cold start).
    Migrate {
        #[arg(long)]
        db: PathBuf,
    },
    /// Turn a ledger of schema 6 back into schema 4 with the same data (downgrade_to_4.sql),
    /// so that `migrate` (or the app) times migrations 5 and 6 on a ledger of any size.
    /// Changes the file in place: run it on a copy.
    DowngradeTo4 {
        #[arg(long)]
        db: PathBuf,
    },
    /// Internal: one side of the import benchmark, in its own process.
    #[command(hide = true)]
    ImportChild {
        #[arg(long, value_enum)]
        side: import_bench::Side,
        #[arg(long)]
        list: PathBuf,
        #[arg(long)]
        db: PathBuf,
    },
}

fn issues_for(size: f64) -> usize {
    ((YEAR_OF_ISSUES * size).round() as usize).max(1)
}

fn measures_for(size: f64) -> usize {
    ((LEDGER_MEASURES * size).round() as usize).max(100)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::ImportChild { side, list, db }) => {
            let r = import_bench::child(side, &list, &db)?;
            println!("{}", serde_json::to_string(&r)?);
            Ok(())
        }
        Some(Cmd::Generate {
            size,
            seed,
            out,
            ledger,
        }) => generate(size, seed, &out, ledger),
        Some(Cmd::ProfileTable {
            db,
            reps,
            direct,
            scan,
        }) => table_bench::profile(&db, reps, direct, scan),
        Some(Cmd::TableBlocks { db, reps }) => table_bench::probe_blocks(&db, reps),
        Some(Cmd::ProfileExport { db, reps }) => export_bench::profile(&db, reps),
        Some(Cmd::Migrate { db }) => migrate(&db),
        Some(Cmd::DowngradeTo4 { db }) => downgrade_to_4(&db),
        None => bench(&cli),
    }
}

/// Open the ledger (migrating it), printing each upgrade step's time and the whole.
fn migrate(db: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    // When each step began: (time, step, name).
    let mut steps: Vec<(Instant, u32, String)> = Vec::new();
    Store::open_with_progress(db, &mut |p| {
        if steps.last().map(|s| s.1) != Some(p.step) {
            steps.push((Instant::now(), p.step, p.name.clone()));
        }
    })?;
    let ended = Instant::now();
    for (i, (at, step, name)) in steps.iter().enumerate() {
        let until = steps.get(i + 1).map_or(ended, |next| next.0);
        eprintln!("  step {step} {name}: {}", dur(until.duration_since(*at)));
    }
    eprintln!(
        "opened {} in {}",
        db.display(),
        dur(ended.duration_since(started))
    );
    Ok(())
}

fn downgrade_to_4(db: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(db.is_file(), "{} does not exist", db.display());
    let conn = rusqlite::Connection::open(db)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    anyhow::ensure!(
        version == 6,
        "{} is at schema {version}, not 6",
        db.display()
    );
    conn.execute_batch(include_str!("downgrade_to_4.sql"))
        .context("downgrade to schema 4")?;
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    eprintln!("{} is now at schema 4", db.display());
    Ok(())
}

fn generate(size: f64, seed: u64, out: &Path, ledger: bool) -> anyhow::Result<()> {
    let corpus = corpus::write_corpus(out, seed, issues_for(size))?;
    eprintln!(
        "wrote {} issues ({:.1} MB) to {}",
        corpus.files.len(),
        corpus.total_bytes(corpus.files.len()) as f64 / 1e6,
        out.join("issues").display()
    );
    if ledger {
        let db = out.join("ledger.sqlite3");
        let mut store = Store::open(&db)?;
        // As the benchmark does: the importer's suggestions, then generated measures up to
        // the size's total.
        let opts = policy_ledger_core::import::ImportOptions {
            suggest: true,
            ..Default::default()
        };
        policy_ledger_core::import::import_files(&mut store, &corpus.files, &opts, &mut |_| {});
        let n = measures_for(size);
        let suggested = table_bench::measure_count(&db)?;
        let generated = n.saturating_sub(suggested);
        table_bench::build_ledger(&mut store, seed, generated, (generated / 200).min(500))?;
        eprintln!(
            "wrote {} with {} measures ({suggested} suggested by the importer, {generated} generated)",
            db.display(),
            suggested + generated
        );
    }
    Ok(())
}

fn bench(cli: &Cli) -> anyhow::Result<()> {
    let size = if cli.smoke { 0.1 } else { cli.size };
    anyhow::ensure!(size > 0.0, "--size must be positive");
    let temp;
    let work = match &cli.work {
        Some(w) => {
            std::fs::create_dir_all(w)?;
            w.clone()
        }
        None => {
            temp = tempfile::tempdir()?;
            temp.path().to_path_buf()
        }
    };
    let started = Instant::now();
    let mut rows: Vec<Row> = Vec::new();
    let step = |what: &str| eprintln!("[{:>6.1} s] {what}", started.elapsed().as_secs_f64());

    let n = issues_for(size);
    step(&format!("generating {n} issues (seed {})", cli.seed));
    let t = Instant::now();
    let corpus = corpus::write_corpus(&work.join("load"), cli.seed, n)?;
    rows.push(
        Row::new(format!("generate {n} issues"))
            .measured(dur(t.elapsed()))
            .note(format!(
                "{:.1} MB of text, seed {}",
                corpus.total_bytes(n) as f64 / 1e6,
                cli.seed
            )),
    );

    step("import: FTS5 baseline, then the app's importer");
    let growth: Vec<usize> = if cli.smoke {
        vec![]
    } else {
        GROWTH_SIZES
            .iter()
            .filter(|&&s| s < size)
            .map(|&s| issues_for(s))
            .filter(|&k| k < n)
            .collect()
    };
    let import = import_bench::run(&corpus, &work, &growth)?;
    rows.extend(import.rows.iter().cloned());

    let measures = measures_for(size);
    if !cli.import_only {
        ledger_benchmarks(cli, &mut rows, &import, &work, n, measures, &step)?;
    }
    step("done");

    let table = format!(
        "Policy Ledger benchmarks — size {size}× ({n} issues, {measures} measures), {}\n\n{}",
        machine(),
        report::render(&rows)
    );
    println!("{table}");
    if let Some(path) = &cli.report {
        std::fs::write(path, &table)?;
    }
    Ok(())
}

/// Everything that needs the ledger of measures: its creation, the table query, search,
/// export and the date normaliser.
fn ledger_benchmarks(
    cli: &Cli,
    rows: &mut Vec<Row>,
    import: &import_bench::ImportOutcome,
    work: &Path,
    issues: usize,
    measures: usize,
    step: &dyn Fn(&str),
) -> anyhow::Result<()> {
    let python_ok = !cli.no_python;
    let (table_reps, search_reps, export_reps, phrases) = if cli.smoke {
        (11, 2, 1, 200)
    } else {
        (41, 5, 3, 1000)
    };
    // The ledger holds `measures` in total, as issue 7 asks: the importer's suggestions for
    // the year, then generated measures (packages, spans, edits) up to the total.
    let suggested = table_bench::measure_count(&import.app_db)?;
    let generated = measures.saturating_sub(suggested);
    step(&format!(
        "ledger: {suggested} suggested by the importer; creating {generated} measures with edits"
    ));
    let mut store = Store::open(&import.app_db).context("open the imported ledger")?;
    let built =
        table_bench::build_ledger(&mut store, cli.seed, generated, (generated / 200).min(500))?;
    // Packages come whole, so the generator may overshoot by a few items.
    let total = table_bench::measure_count(&import.app_db)?;
    rows.push(
        Row::new(format!("ledger: {total} measures in total")).note(format!(
            "{suggested} suggested by the importer for the issues + {} generated",
            total - suggested
        )),
    );
    rows.extend(built);
    step("table query");
    rows.extend(table_bench::run(&store, &import.app_db, table_reps)?);
    rows.extend(table_bench::blocks(&store, table_reps)?);
    step("search");
    rows.extend(search_bench::run(
        &store,
        &import.app_db,
        &import.fts5_db,
        issues,
        search_reps,
    )?);
    step("export");
    rows.extend(export_bench::run(&store, work, export_reps, python_ok)?);
    step("date normaliser");
    rows.extend(dates_bench::run(
        cli.seed, phrases, work, python_ok, !cli.smoke,
    )?);
    Ok(())
}

/// CPU model, core count and SQLite version, for the header of the table.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores, SQLite {}", rusqlite::version())
}
