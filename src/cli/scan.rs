//! `ippscan scan`: the nightly job, and the progress bar drawn from its counters.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ippscan::sink::Summary;
use ippscan::{Progress, ScanJob};

use super::{
    Outcome, SAMPLE_IMAGES, SAMPLE_LISTINGS, SAMPLE_MARKS, SAMPLE_WORKS, load_config, queue_path,
    ref_loader,
};

/// Formats standard input can hold.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(super) enum StdinFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line switches are bools
pub(super) struct ScanArgs {
    /// Word marks (marks.csv).
    #[arg(long, value_name = "M.csv")]
    marks: Option<PathBuf>,
    /// Reference images (images.csv).
    #[arg(long, value_name = "I.csv")]
    images: Option<PathBuf>,
    /// Registered works (works.csv): books, software, films… whose copies are not for sale.
    #[arg(long, value_name = "W.csv")]
    works: Option<PathBuf>,
    /// A reference bundle made by `refs build`, instead of --marks, --images and --works.
    #[arg(long, value_name = "BUNDLE", conflicts_with_all = ["marks", "images", "works"])]
    refs: Option<PathBuf>,
    /// Listing dumps (.csv, .jsonl, .parquet) or folders of them.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    listings: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Settings file (TOML): territory map, batch size.
    #[arg(long, value_name = "FILE.toml")]
    config: Option<PathBuf>,
    /// Complaint queue (`SQLite`) to update; default: `queue.db` inside --out.
    #[arg(long, value_name = "DB")]
    queue: Option<PathBuf>,
    /// Rescan every listing, even those the queue has seen unchanged.
    #[arg(long)]
    full: bool,
    /// Write flags files only; leave the complaint queue alone.
    #[arg(long, conflicts_with = "queue")]
    no_queue: bool,
    /// Do not write the reviewers' report (report.html and report/).
    #[arg(long)]
    no_report: bool,
    /// With --listings -: the format of standard input.
    #[arg(long, value_name = "jsonl|csv")]
    format: Option<StdinFormat>,
    /// Also write flags as JSON Lines to FILE, or to standard output with `-`.
    #[arg(long, value_name = "FILE")]
    flags_out: Option<PathBuf>,
    /// Scan only shard K of N (0 <= K < N) of the rows, by a stable hash of the listing id:
    /// N workers over the same dumps split them exactly.
    #[arg(long, value_name = "K/N")]
    shard: Option<ippscan::pipeline::shard::Shard>,
    /// Run id to write in flags (default: time-based).
    #[arg(long, value_name = "ID")]
    run_id: Option<String>,
    /// Exit 0, not 1, when the run completed but rejected rows or images (they are still
    /// written to rejects.csv): for schedulers that read any other code as a failure.
    #[arg(long)]
    rejects_ok: bool,
    /// No progress bar and no closing line.
    #[arg(long, short)]
    quiet: bool,
}

pub(super) fn run(mut args: ScanArgs) -> Result<Outcome> {
    if args.listings.is_empty() {
        if args.marks.is_some()
            || args.images.is_some()
            || args.works.is_some()
            || args.refs.is_some()
        {
            anyhow::bail!("--listings is required with --marks, --images, --works or --refs");
        }
        args.marks = Some(SAMPLE_MARKS.into());
        args.images = Some(SAMPLE_IMAGES.into());
        args.works = Some(SAMPLE_WORKS.into());
        args.listings = vec![SAMPLE_LISTINGS.into()];
    }
    // A dump that is not there is the first thing to fix, whatever else is missing.
    if let Some(missing) = args
        .listings
        .iter()
        .find(|p| p.as_os_str() != "-" && !p.exists())
    {
        anyhow::bail!("{}: no such file or folder (--listings)", missing.display());
    }
    if args.marks.is_none() && args.images.is_none() && args.works.is_none() && args.refs.is_none()
    {
        anyhow::bail!("nothing to scan for: give --refs, or --marks, --images and/or --works");
    }
    let config = load_config(args.config.as_deref())?;
    let job = ScanJob {
        listings: args.listings.clone(),
        out_dir: args.out.clone(),
        run_id: args
            .run_id
            .clone()
            .unwrap_or_else(ippscan::pipeline::new_run_id),
        marks: args.marks.clone(),
        images: args.images.clone(),
        works: args.works.clone(),
        refs: args.refs.clone(),
        config: config.clone(),
        loader: ref_loader(&config),
        queue: queue_path(&args.out, args.queue.as_ref(), args.no_queue),
        full: args.full,
        report: !args.no_report,
        shard: args.shard,
        stdin_format: args.format.map(|f| match f {
            StdinFormat::Jsonl => ippscan::source::Format::Jsonl,
            StdinFormat::Csv => ippscan::source::Format::Csv,
        }),
        flags_out: args.flags_out.clone(),
    };
    let progress = Arc::new(Progress::default());
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| draw(Arc::clone(&progress)));
    let result = ippscan::pipeline::run(&job, &progress);
    if let Some((stop, handle)) = bar {
        stop.store(true, Ordering::Relaxed);
        let _ = handle.join();
    }
    let summary = result?;
    if !args.quiet {
        report_scan(&summary, &args.out);
    }
    let c = &summary.counts;
    let rejected = c.rejected + c.images_rejected + summary.references.rejected > 0;
    Ok(Outcome::with_rejections(rejected && !args.rejects_ok))
}

pub(super) fn report_scan(s: &Summary, out: &std::path::Path) {
    let c = &s.counts;
    // Unchanged listings were read and checked against the queue, not scanned again:
    // their flags were carried from it.
    let scanned = c.scanned - c.unchanged;
    let unchanged = if c.unchanged > 0 {
        format!(
            ", {} unchanged since the last run with their flags carried from the queue: --full rescans them",
            c.unchanged
        )
    } else {
        String::new()
    };
    eprintln!(
        "scanned {scanned} of {} listings ({} rejected{unchanged}), {} flags on {} listings, in {:.2}s ({:.0} listings/s) -> {}",
        c.read,
        c.rejected,
        c.flags,
        c.flagged,
        s.timings.total_s,
        s.throughput.listings_per_s,
        out.display()
    );
    if s.references.rejected > 0 || c.rejected + c.images_rejected > 0 {
        eprintln!(
            "rejected: {} listing rows, {} images, {} reference rows (see rejects.csv, ref_rejects.csv)",
            c.rejected, c.images_rejected, s.references.rejected
        );
    }
}

/// Draws a progress bar from the counters until told to stop.
pub(super) fn draw(progress: Arc<Progress>) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = Arc::clone(&stop);
    let handle = std::thread::spawn(move || {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg} (ETA {eta})",
            )
            .expect("valid template"),
        );
        let started = std::time::Instant::now();
        while !stopper.load(Ordering::Relaxed) {
            let total = Progress::get(&progress.bytes_total);
            if total == 0 {
                // The dumps are not sized yet: nothing honest to draw.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            bar.set_length(total);
            bar.set_position(Progress::get(&progress.bytes_done));
            let rows = Progress::get(&progress.rows_read);
            let rate = rows as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{rows} rows, {:.0} rows/s, {} rejected, {} flags",
                rate,
                Progress::get(&progress.rows_rejected),
                Progress::get(&progress.flags)
            ));
            std::thread::sleep(Duration::from_millis(100));
        }
        bar.finish_and_clear();
    });
    (stop, handle)
}
