//! `ippscan queue …`: the reviewers' commands over the complaint queue.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use ippscan::model::{Complaint, Reason, Status};
use ippscan::queue::{ComplaintRecord, Filter, Queue, RepeatInfringer, StatusChange};
use ippscan::sink::spreadsheet_safe;

use super::Outcome;

#[derive(Debug, Args)]
pub(super) struct QueueArgs {
    #[command(subcommand)]
    pub(super) command: QueueCommand,
    /// The queue database.
    #[arg(long, value_name = "DB", default_value = "out/queue.db", global = true)]
    pub(super) queue: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table, global = true)]
    pub(super) format: OutFormat,
}

#[derive(Debug, Subcommand)]
pub(super) enum QueueCommand {
    /// Complaints, highest score first.
    List {
        /// Only complaints with this status: `open`, `in_review`, `confirmed` or `dismissed`.
        #[arg(long)]
        status: Option<String>,
        /// Only complaints with a flag of this reason code (`trademark_exact`, …).
        #[arg(long)]
        reason: Option<String>,
        /// Only this rights holder's complaints, as named in the references.
        #[arg(long)]
        rights_holder: Option<String>,
        /// Only this seller's complaints (`seller_id`).
        #[arg(long)]
        seller: Option<String>,
        /// Only complaints scoring at least this (0 to 1).
        #[arg(long)]
        min_score: Option<f64>,
    },
    /// One complaint with all its evidence and history.
    Show { id: i64 },
    /// Set a complaint's status: `open`, `in_review`, `confirmed` or `dismissed`.
    Set {
        id: i64,
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Who sets it (default: the login name, `$USER` or `$LOGNAME`; else `reviewer`).
        #[arg(long)]
        by: Option<String>,
    },
    /// Every complaint (as `list` with no filter; CSV by default).
    Export,
    /// Sellers over the repeat-infringer thresholds.
    Sellers {
        #[arg(long, value_name = "FILE.toml")]
        config: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum OutFormat {
    Table,
    Csv,
    Json,
}

pub(super) fn run(args: QueueArgs) -> Result<Outcome> {
    if !args.queue.exists() {
        bail!(
            "{}: no complaint queue here (give --queue, or run a scan first)",
            args.queue.display()
        );
    }
    let mut queue = Queue::open(&args.queue)?;
    let mut out = std::io::stdout().lock();
    match args.command {
        QueueCommand::List {
            status,
            reason,
            rights_holder,
            seller,
            min_score,
        } => {
            let filter = Filter {
                status: status.as_deref().map(parse_status).transpose()?,
                reason: reason.as_deref().map(parse_reason).transpose()?,
                rights_holder,
                seller_id: seller,
                min_score,
            };
            print_complaints(&mut out, &queue.list(&filter)?, args.format)?;
        }
        QueueCommand::Export => {
            let format = if args.format == OutFormat::Table {
                OutFormat::Csv
            } else {
                args.format
            };
            print_complaints(&mut out, &queue.list(&Filter::default())?, format)?;
        }
        QueueCommand::Show { id } => {
            let Some(record) = queue.show(id)? else {
                bail!("no complaint {id} in {}", args.queue.display());
            };
            print_record(&mut out, &record, args.format)?;
        }
        QueueCommand::Set {
            id,
            status,
            note,
            by,
        } => {
            let status = parse_status(&status)?;
            let login = |var| std::env::var(var).ok().filter(|s: &String| !s.is_empty());
            let by = by
                .or_else(|| login("USER"))
                .or_else(|| login("LOGNAME"))
                .unwrap_or_else(|| "reviewer".into());
            match queue.set_status(id, status, &by, &note)? {
                StatusChange::NoSuchComplaint => {
                    bail!("no complaint {id} in {}", args.queue.display())
                }
                StatusChange::Already => {
                    writeln!(out, "complaint {id}: already {}", status.as_str())?;
                }
                StatusChange::Changed => writeln!(out, "complaint {id}: {}", status.as_str())?,
            }
        }
        QueueCommand::Sellers { config } => {
            let config = super::load_config(config.as_deref())?;
            print_sellers(
                out,
                &queue.repeat_infringers(&config.repeat_infringers)?,
                args.format,
            )?;
        }
    }
    Ok(Outcome::Clean)
}

pub(super) fn print_record(
    out: &mut impl Write,
    record: &ComplaintRecord,
    format: OutFormat,
) -> Result<()> {
    if format == OutFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(record)?)?;
        return Ok(());
    }
    let c = &record.complaint;
    writeln!(
        out,
        "complaint {}  [{}]  score {:.3}",
        c.complaint_id,
        c.status.as_str(),
        c.score
    )?;
    writeln!(
        out,
        "listing    {} on {} by seller {}",
        c.listing_id, c.platform, c.seller_id
    )?;
    let holder = if c.rights_holder.is_empty() {
        "(platform queue)"
    } else {
        &c.rights_holder
    };
    writeln!(out, "holder     {holder}")?;
    writeln!(out, "reasons    {}", c.reasons)?;
    writeln!(
        out,
        "seen       {} .. {}",
        c.first_seen_run, c.last_seen_run
    )?;
    writeln!(out, "evidence:")?;
    for e in &record.evidence {
        writeln!(
            out,
            "  {:.3} {} {} {}  {}",
            e.score, e.reason, e.ref_id, e.detail, e.evidence
        )?;
    }
    if !record.history.is_empty() {
        writeln!(out, "history:")?;
        for h in &record.history {
            writeln!(out, "  {} {} -> {}  {}", h.at, h.by, h.status, h.note)?;
        }
    }
    Ok(())
}

pub(super) fn print_sellers(
    mut out: impl Write,
    sellers: &[RepeatInfringer],
    format: OutFormat,
) -> Result<()> {
    match format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(sellers)?)?,
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["seller_id", "platform", "confirmed", "level"])?;
            for s in sellers {
                w.write_record(
                    [
                        s.seller_id.as_str(),
                        &s.platform,
                        &s.confirmed.to_string(),
                        &s.level,
                    ]
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
                )?;
            }
            w.flush()?;
        }
        OutFormat::Table => {
            writeln!(
                out,
                "{:<16} {:<12} {:>4} {:<10} -> level",
                "seller", "platform", "n", "confirmed"
            )?;
            for s in sellers {
                writeln!(
                    out,
                    "{:<16} {:<12} {:>4} confirmed  -> {}",
                    s.seller_id, s.platform, s.confirmed, s.level
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn parse_status(s: &str) -> Result<Status> {
    Status::parse(s).with_context(|| {
        format!("unknown status {s:?}: use open, in_review, confirmed or dismissed")
    })
}

fn parse_reason(s: &str) -> Result<String> {
    if let Some(r) = Reason::parse(s) {
        return Ok(r.as_str().to_string());
    }
    let known: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
    bail!("unknown reason {s:?}: use one of {}", known.join(", "))
}

pub(super) fn print_complaints(
    out: &mut impl Write,
    complaints: &[Complaint],
    format: OutFormat,
) -> Result<()> {
    match format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(complaints)?)?,
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "complaint_id",
                "listing_id",
                "platform",
                "seller_id",
                "rights_holder",
                "status",
                "score",
                "reasons",
                "first_seen_run",
                "last_seen_run",
                "updated_at",
            ])?;
            for c in complaints {
                let id = c.complaint_id.to_string();
                let row = [
                    id.as_str(),
                    &c.listing_id,
                    &c.platform,
                    &c.seller_id,
                    &c.rights_holder,
                    c.status.as_str(),
                    &format!("{:.3}", c.score),
                    &c.reasons,
                    &c.first_seen_run,
                    &c.last_seen_run,
                    &c.updated_at,
                ];
                w.write_record(row.map(|cell| spreadsheet_safe(cell).into_owned()))?;
            }
            w.flush()?;
        }
        OutFormat::Table => {
            writeln!(
                out,
                "{:>6} {:<10} {:<14} {:<12} {:<28} {:<5} reasons",
                "id", "status", "listing", "platform", "rights holder", "score"
            )?;
            for c in complaints {
                writeln!(
                    out,
                    "{:>6} {:<10} {:<14} {:<12} {:<28} {:.3} {}",
                    c.complaint_id,
                    c.status.as_str(),
                    c.listing_id,
                    c.platform,
                    if c.rights_holder.is_empty() {
                        "(platform)"
                    } else {
                        &c.rights_holder
                    },
                    c.score,
                    c.reasons
                )?;
            }
            writeln!(out, "{} complaints", complaints.len())?;
        }
    }
    Ok(())
}
