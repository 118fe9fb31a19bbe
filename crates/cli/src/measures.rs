//! `policy-ledger measures …`: list, add, edit, remove.

use std::io::Write;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use policy_ledger_core::model::{MeasureInput, MeasureStatus, MeasureValue, SourceSpan};
use policy_ledger_core::store::{MeasureQuery, MeasureSort};
use policy_ledger_core::Store;

#[derive(Subcommand)]
pub enum MeasuresCommand {
    /// List measures (all, or those matching the filters).
    List {
        #[arg(long)]
        json: bool,
        /// suggested, confirmed or rejected (repeatable).
        #[arg(long = "status")]
        statuses: Vec<String>,
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        category: Option<String>,
        /// Text in the title, issuer, notes or quoted source.
        #[arg(long)]
        text: Option<String>,
        /// Only measures in force on this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        in_force_on: Option<NaiveDate>,
        #[arg(long)]
        issue: Option<i64>,
        /// Only measures expiring within N days (counted from --from, else today; already
        /// expired ones left out).
        #[arg(long, value_name = "N")]
        expiring_within: Option<u32>,
        /// The day --expiring-within counts from (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", requires = "expiring_within")]
        from: Option<NaiveDate>,
        /// Each package followed by its items, indented by depth (as the app's table).
        #[arg(long)]
        group_packages: bool,
    },
    /// Show one measure as JSON.
    Show { id: i64 },
    /// Add a measure; prints its id.
    Add {
        #[command(flatten)]
        fields: Fields,
    },
    /// Change some fields of a measure.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: Fields,
    },
    /// Remove a measure (and its items, if it is a package).
    Rm { id: i64 },
}

/// Fields shared by `add` and `edit`; in `edit`, absent flags keep the current value and an
/// empty string clears an optional field.
#[derive(Args)]
pub struct Fields {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    issuer: Option<String>,
    #[arg(long)]
    jurisdiction: Option<String>,
    #[arg(long)]
    category: Option<String>,
    /// Repeatable; replaces the list.
    #[arg(long = "beneficiary")]
    beneficiaries: Vec<String>,
    /// A typed value as JSON, e.g. '{"kind":"amount","amount":"3000000","currency":"CNY"}'.
    #[arg(long)]
    value: Option<String>,
    /// Effective date, YYYY-MM-DD ("" clears it).
    #[arg(long)]
    effective: Option<String>,
    /// Expiry date (last day in force), YYYY-MM-DD ("" clears it).
    #[arg(long)]
    expires: Option<String>,
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// Package this measure belongs to ("" or 0 detaches it).
    #[arg(long)]
    parent: Option<String>,
    /// Source span: article id, with --start and --end in characters of its text.
    #[arg(long, requires_all = ["start", "end"])]
    article: Option<i64>,
    #[arg(long, requires = "article")]
    start: Option<u32>,
    #[arg(long, requires = "article")]
    end: Option<u32>,
}

pub fn run(store: &mut Store, cmd: MeasuresCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        MeasuresCommand::List {
            json,
            statuses,
            issuer,
            category,
            text,
            in_force_on,
            issue,
            expiring_within,
            from,
            group_packages,
        } => {
            let statuses = statuses
                .iter()
                .map(|s| MeasureStatus::parse(s))
                .collect::<Result<Vec<_>, _>>()?;
            let q = MeasureQuery {
                statuses,
                issuer,
                category,
                text,
                in_force_on,
                issue_id: issue,
                expiring_within_days: expiring_within,
                reference_date: from,
                group_packages,
                sort: MeasureSort::Id,
                ..Default::default()
            };
            let page = store.query_measures(&q)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &page.rows)?;
                writeln!(out)?;
            } else {
                for (i, m) in page.rows.into_iter().enumerate() {
                    // Grouped: items under their package, two spaces a level.
                    let indent = "  ".repeat(page.tree.get(i).map_or(0, |t| t.depth) as usize);
                    let date = |d: Option<NaiveDate>| {
                        d.map(|d| d.to_string()).unwrap_or_else(|| "?".into())
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{indent}{}\t{} → {}\t{}",
                        m.id,
                        m.status.as_str(),
                        m.issuer.as_deref().unwrap_or("-"),
                        m.title,
                        date(m.effective_from),
                        date(m.expires_on),
                        m.parent_id.map(|p| format!("in {p}")).unwrap_or_default()
                    )?;
                }
            }
        }
        MeasuresCommand::Show { id } => {
            serde_json::to_writer_pretty(&mut *out, &store.get_measure(id)?)?;
            writeln!(out)?;
        }
        MeasuresCommand::Add { fields } => {
            if fields.title.is_none() {
                bail!("a new measure needs --title");
            }
            let mut input = MeasureInput::default();
            apply(store, &mut input, fields)?;
            let m = store.create_measure(&input)?;
            writeln!(out, "{}", m.id)?;
        }
        MeasuresCommand::Edit { id, fields } => {
            let current = store.get_measure(id)?;
            let mut input = MeasureInput::from_measure(&current);
            apply(store, &mut input, fields)?;
            let m = store.update_measure(id, &input)?;
            writeln!(out, "{} (revision {})", m.id, m.revision)?;
        }
        MeasuresCommand::Rm { id } => {
            let gone = store.delete_measure(id)?;
            writeln!(out, "removed {} measure(s)", gone.len())?;
        }
    }
    Ok(())
}

fn apply(store: &Store, input: &mut MeasureInput, f: Fields) -> Result<()> {
    let opt = |s: String| if s.trim().is_empty() { None } else { Some(s) };
    if let Some(t) = f.title {
        input.title = t;
    }
    if let Some(v) = f.issuer {
        input.issuer = opt(v);
    }
    if let Some(v) = f.jurisdiction {
        input.jurisdiction = opt(v);
    }
    if let Some(v) = f.category {
        input.category = opt(v);
    }
    if !f.beneficiaries.is_empty() {
        input.beneficiaries = f.beneficiaries;
    }
    if let Some(v) = f.value {
        input.value = match opt(v) {
            None => None,
            Some(v) => Some(
                serde_json::from_str::<MeasureValue>(&v)
                    .map_err(|e| anyhow::anyhow!("--value is not a valid value ({e})"))?,
            ),
        };
    }
    if let Some(v) = f.effective {
        input.effective_from = parse_date("--effective", &v)?;
        input.effective_inferred = false;
    }
    if let Some(v) = f.expires {
        input.expires_on = parse_date("--expires", &v)?;
        input.expires_inferred = false;
    }
    if let Some(v) = f.status {
        input.status = MeasureStatus::parse(&v)?;
    }
    if let Some(v) = f.notes {
        input.notes = v;
    }
    if let Some(v) = f.parent {
        input.parent_id = match v.trim() {
            "" | "0" => None,
            s => Some(
                s.parse()
                    .map_err(|_| anyhow::anyhow!("--parent must be a measure id, not {s:?}"))?,
            ),
        };
    }
    if let (Some(article_id), Some(start), Some(end)) = (f.article, f.start, f.end) {
        let article = store.get_article(article_id)?;
        if end <= start {
            bail!("--end must be greater than --start");
        }
        let quote: String = article
            .text
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        if quote.chars().count() != (end - start) as usize {
            bail!(
                "the span {start}..{end} runs past the end of article {article_id} ({} characters)",
                article.text.chars().count()
            );
        }
        input.sources = vec![SourceSpan {
            article_id,
            start,
            end,
            quote,
        }];
    }
    Ok(())
}

fn parse_date(flag: &str, s: &str) -> Result<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if s.len() == 10 => Ok(Some(d)),
        _ => bail!("{flag} {s:?} is not a date written YYYY-MM-DD"),
    }
}
