//! `ippscan refs check|build`: rights holders' uploads validated row by row, and bundled.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use ippscan::refs::{RowStatus, Upload};
use ippscan::sink::spreadsheet_safe;

use super::{Outcome, load_config, ref_loader};

#[derive(Debug, Subcommand)]
pub(super) enum RefsCommand {
    /// Validate an upload row by row: which rows are accepted, and why each other is not.
    Check(CheckArgs),
    /// Validate an upload, hash its images, and write the usable references as a bundle
    /// for `scan --refs`.
    Build(BuildArgs),
}

/// A reference upload, and the settings that bound it.
#[derive(Debug, Args)]
pub(super) struct UploadArgs {
    /// Word marks (marks.csv).
    #[arg(long, value_name = "M.csv")]
    marks: Option<PathBuf>,
    /// Reference images (images.csv).
    #[arg(long, value_name = "I.csv")]
    images: Option<PathBuf>,
    /// Registered works (works.csv).
    #[arg(long, value_name = "W.csv")]
    works: Option<PathBuf>,
    /// Settings file (TOML): its `[limits]` bound the reference images.
    #[arg(long, value_name = "FILE.toml")]
    config: Option<PathBuf>,
}

impl UploadArgs {
    /// The upload validated row by row; `what` says what the command would do with it.
    fn load(&self, what: &str) -> Result<Upload> {
        if self.marks.is_none() && self.images.is_none() && self.works.is_none() {
            anyhow::bail!("give --marks, --images and/or --works to {what}");
        }
        let config = load_config(self.config.as_deref())?;
        let loader = ref_loader(&config);
        let mut upload = loader.load(self.marks.as_deref(), self.images.as_deref())?;
        if let Some(works) = &self.works {
            loader.load_works(works, &mut upload)?;
        }
        Ok(upload)
    }
}

#[derive(Debug, Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    upload: UploadArgs,
    /// Where to write the bundle.
    #[arg(long, value_name = "BUNDLE")]
    out: PathBuf,
    /// Say only what failed.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    upload: UploadArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum ReportFormat {
    Table,
    Csv,
}

pub(super) fn check(args: &CheckArgs) -> Result<Outcome> {
    let upload = args.upload.load("check")?;
    match args.format {
        ReportFormat::Table => print_table(&upload),
        ReportFormat::Csv => print_csv(&upload).context("writing the report")?,
    }
    Ok(Outcome::with_rejections(upload.rejected_count() > 0))
}

pub(super) fn build(args: &BuildArgs) -> Result<Outcome> {
    let started = std::time::Instant::now();
    let upload = args.upload.load("build a bundle from")?;
    if !args.quiet {
        print_table(&upload);
    }
    ippscan::refs::write_bundle(&args.out, &upload.bundle)?;
    if !args.quiet {
        let size = std::fs::metadata(&args.out).map_or(0, |m| m.len());
        println!(
            "wrote {} ({size} bytes, format version {}) in {:.2} s",
            args.out.display(),
            ippscan::refs::BUNDLE_VERSION,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::with_rejections(upload.rejected_count() > 0))
}

pub(super) fn print_table(upload: &Upload) {
    // Columns as wide as their widest cell, so that long paths and many-digit line
    // numbers keep them in line.
    let place = |r: &ippscan::refs::RowReport| format!("{}:{}", r.file, r.line);
    let at_width = upload
        .rows
        .iter()
        .map(|r| place(r).chars().count())
        .max()
        .unwrap_or(0);
    let id_width = upload
        .rows
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    for r in &upload.rows {
        let at = place(r);
        match &r.status {
            RowStatus::Accepted { notes } => {
                println!("{at:<at_width$} {:<id_width$} accepted", r.id);
                for n in notes {
                    println!("{:<at_width$} {:<id_width$}   note: {n}", "", "");
                }
            }
            RowStatus::Rejected { reason, detail } => {
                println!(
                    "{at:<at_width$} {:<id_width$} REJECTED {reason}: {detail}",
                    r.id
                );
            }
        }
    }
    let rejected = upload.rejected_count();
    println!(
        "{} rows: {} accepted ({} marks, {} images, {} works), {} rejected",
        upload.rows.len(),
        upload.rows.len() - rejected,
        upload.bundle.marks.len(),
        upload.bundle.images.len(),
        upload.bundle.works.len(),
        rejected
    );
}

pub(super) fn print_csv(upload: &Upload) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(["file", "line", "id", "status", "reason", "detail"])?;
    for r in &upload.rows {
        let line = r.line.to_string();
        match &r.status {
            RowStatus::Accepted { notes } => {
                let notes = notes.join("; ");
                let row = [r.file.as_str(), &line, &r.id, "accepted", "", &notes];
                w.write_record(row.map(|cell| spreadsheet_safe(cell).into_owned()))?;
            }
            RowStatus::Rejected { reason, detail } => {
                let row = [r.file.as_str(), &line, &r.id, "rejected", reason, detail];
                w.write_record(row.map(|cell| spreadsheet_safe(cell).into_owned()))?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
