//! The command line: clap parses raw arguments, which are then checked and turned into
//! the library's jobs. Nothing here scans; it only wires and draws.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use ippscan::refs::{RefLoader, RowStatus, Upload};
use ippscan::sink::{Summary, spreadsheet_safe};
use ippscan::{Config, Progress, ScanJob};

/// Finds listings that infringe intellectual property in marketplace dumps.
#[derive(Debug, Parser)]
#[command(name = "ippscan", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan listing dumps against marks and reference images (no arguments: the sample data
    /// in data/).
    Scan(ScanArgs),
    /// Work with rights holders' reference uploads.
    #[command(subcommand)]
    Refs(RefsCommand),
    /// Work the complaint queue: list, show, set a status, export.
    Queue(QueueArgs),
    /// Write a synthetic listing dump (format by extension) for load tests and benchmarks.
    Gen(GenArgs),
    /// Fold the output folders of sharded scans into one: flags, rejects, summary and the
    /// complaint queue. Merging the same shard twice adds nothing.
    Merge(MergeArgs),
    /// Print image files' perceptual hashes as CSV (`path,algo,hash_hex,quality`): PDQ, to
    /// share with other platforms' hash banks, or ippscan's own.
    Hash(crate::hash_cmd::HashArgs),
    /// Hash banks: `hashes export` writes the PDQ hashes of listing dumps' photos as CSV
    /// (`listing_id,path,pdq,pdq_quality`), for sharing.
    #[command(subcommand)]
    Hashes(HashesCommand),
}

#[derive(Debug, Subcommand)]
enum HashesCommand {
    /// Write the PDQ hashes of the photos of listing dumps.
    Export(crate::hash_cmd::ExportArgs),
}

#[derive(Debug, Args)]
struct MergeArgs {
    /// Output folders of `scan --shard K/N` runs.
    #[arg(required = true, value_name = "OUT_DIR")]
    inputs: Vec<PathBuf>,
    /// Where the merged outputs go.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Complaint queue to record the flags in; default: `queue.db` inside --out.
    #[arg(long, value_name = "DB")]
    queue: Option<PathBuf>,
    /// Leave the complaint queue alone.
    #[arg(long, conflicts_with = "queue")]
    no_queue: bool,
    /// Settings file (TOML): the queue's score thresholds.
    #[arg(long, value_name = "FILE.toml")]
    config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct QueueArgs {
    #[command(subcommand)]
    pub(crate) command: QueueCommand,
    /// The queue database.
    #[arg(long, value_name = "DB", default_value = "out/queue.db", global = true)]
    pub(crate) queue: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table, global = true)]
    pub(crate) format: OutFormat,
}

#[derive(Debug, Subcommand)]
pub(crate) enum QueueCommand {
    /// Complaints, highest score first.
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        rights_holder: Option<String>,
        #[arg(long)]
        seller: Option<String>,
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
        /// Who sets it (default: $USER).
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
pub(crate) enum OutFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
struct GenArgs {
    /// How many listings.
    #[arg(long, value_name = "N")]
    listings: usize,
    /// The dump to write: .csv, .jsonl or .parquet.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Marks the listings mention (default: the sample marks).
    #[arg(long, value_name = "M.csv", default_value = SAMPLE_MARKS)]
    marks: PathBuf,
    /// Mention this many made-up marks instead, and write them to FILE.csv beside the dump.
    #[arg(long, value_name = "K")]
    synthetic_marks: Option<usize>,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Description length to aim for, in bytes.
    #[arg(long, default_value_t = 1000)]
    description_bytes: usize,
    /// Minimum title length, in bytes.
    #[arg(long, default_value_t = 150)]
    title_bytes: usize,
    /// Share of listings that name a mark.
    #[arg(long, default_value_t = 0.12)]
    infringing_share: f64,
    /// Also write M listing photos to images/ beside the dump, every tenth a reference
    /// photo with a copier's edit, and the references to refs/images.csv. Listings take
    /// 0–3 photos each, in turn: a photo comes back only after the whole pool.
    #[arg(long, value_name = "M", default_value_t = 0)]
    images: usize,
    /// Side of the generated photos, in pixels.
    #[arg(long, value_name = "PX", default_value_t = 800)]
    image_side: u32,
}

/// Formats standard input can hold.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum StdinFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line switches are bools
struct ScanArgs {
    /// Word marks (marks.csv).
    #[arg(long, value_name = "M.csv")]
    marks: Option<PathBuf>,
    /// Reference images (images.csv).
    #[arg(long, value_name = "I.csv")]
    images: Option<PathBuf>,
    /// A reference bundle made by `refs build`, instead of --marks and --images.
    #[arg(long, value_name = "BUNDLE", conflicts_with_all = ["marks", "images"])]
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
    shard: Option<ippscan::shard::Shard>,
    /// Run id to write in flags (default: time-based).
    #[arg(long, value_name = "ID")]
    run_id: Option<String>,
    /// No progress bar and no closing line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum RefsCommand {
    /// Validate an upload row by row: which rows are accepted, and why each other is not.
    Check(CheckArgs),
    /// Validate an upload, hash its images, and write the usable references as a bundle
    /// for `scan --refs`.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[arg(long, value_name = "M.csv")]
    marks: Option<PathBuf>,
    #[arg(long, value_name = "I.csv")]
    images: Option<PathBuf>,
    /// Where to write the bundle.
    #[arg(long, value_name = "BUNDLE")]
    out: PathBuf,
    /// Say only what failed.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[arg(long, value_name = "M.csv")]
    marks: Option<PathBuf>,
    #[arg(long, value_name = "I.csv")]
    images: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReportFormat {
    Table,
    Csv,
}

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was used.
    Clean,
    /// Done, but some rows or references were rejected.
    Rejections,
}

/// The sample data `scan` uses when given no inputs.
const SAMPLE_MARKS: &str = "data/marks.csv";
const SAMPLE_IMAGES: &str = "data/images.csv";
const SAMPLE_LISTINGS: &str = "data/listings";

impl Cli {
    pub fn run(self) -> Result<Outcome> {
        match self.command {
            Command::Scan(args) => scan(args),
            Command::Refs(RefsCommand::Check(args)) => check(&args),
            Command::Refs(RefsCommand::Build(args)) => build(&args),
            Command::Gen(args) => generate(&args),
            Command::Merge(args) => merge(&args),
            Command::Queue(args) => crate::queue_cmd::run(args),
            Command::Hash(args) => crate::hash_cmd::run(&args),
            Command::Hashes(HashesCommand::Export(args)) => crate::hash_cmd::export(&args),
        }
    }
}

fn scan(mut args: ScanArgs) -> Result<Outcome> {
    if args.listings.is_empty() {
        if args.marks.is_some() || args.images.is_some() || args.refs.is_some() {
            anyhow::bail!("--listings is required with --marks, --images or --refs");
        }
        args.marks = Some(SAMPLE_MARKS.into());
        args.images = Some(SAMPLE_IMAGES.into());
        args.listings = vec![SAMPLE_LISTINGS.into()];
    }
    if args.marks.is_none() && args.images.is_none() && args.refs.is_none() {
        anyhow::bail!("nothing to scan for: give --refs, or --marks and/or --images");
    }
    let config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    let job = ScanJob {
        listings: args.listings.clone(),
        out_dir: args.out.clone(),
        run_id: args
            .run_id
            .clone()
            .unwrap_or_else(ippscan::pipeline::new_run_id),
        marks: args.marks.clone(),
        images: args.images.clone(),
        refs: args.refs.clone(),
        config,
        loader: RefLoader::new(),
        queue: (!args.no_queue).then(|| {
            args.queue
                .clone()
                .unwrap_or_else(|| args.out.join("queue.db"))
        }),
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
    Ok(
        if c.rejected + c.images_rejected + summary.references.rejected > 0 {
            Outcome::Rejections
        } else {
            Outcome::Clean
        },
    )
}

fn report_scan(s: &Summary, out: &std::path::Path) {
    let c = &s.counts;
    eprintln!(
        "scanned {} of {} listings ({} rejected), {} flags on {} listings, in {:.2}s ({:.0} listings/s) -> {}",
        c.scanned,
        c.read,
        c.rejected,
        c.flags,
        c.flagged,
        s.timings.total_s,
        s.throughput.listings_per_s,
        out.display()
    );
    if c.unchanged > 0 {
        eprintln!(
            "{} listings unchanged since the last run were not rescanned (--full rescans them)",
            c.unchanged
        );
    }
    if s.references.rejected > 0 || c.rejected + c.images_rejected > 0 {
        eprintln!(
            "rejected: {} listing rows, {} images, {} reference rows (see rejects.csv, ref_rejects.csv)",
            c.rejected, c.images_rejected, s.references.rejected
        );
    }
}

/// Draws a progress bar from the counters until told to stop.
fn draw(progress: Arc<Progress>) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
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

fn merge(args: &MergeArgs) -> Result<Outcome> {
    let config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    let queue = (!args.no_queue).then(|| {
        args.queue
            .clone()
            .unwrap_or_else(|| args.out.join("queue.db"))
    });
    let merged = ippscan::merge::merge(&args.inputs, &args.out, queue.as_deref(), &config)?;
    eprintln!(
        "merged {} outputs ({} flags, {} new complaints) -> {}",
        merged.taken.len(),
        merged.flags,
        merged.new_complaints,
        args.out.display()
    );
    for skipped in &merged.skipped {
        eprintln!("skipped {skipped}: that run and shard was merged already");
    }
    Ok(Outcome::Clean)
}

fn generate(args: &GenArgs) -> Result<Outcome> {
    use ippscan::synth::{
        GenOptions, ListingGenerator, PhotoSetOptions, synthetic_marks, write_dump, write_photo_set,
    };
    let marks = match args.synthetic_marks {
        Some(k) => {
            let marks = synthetic_marks(k, args.seed);
            let path = args.out.with_extension("marks.csv");
            write_marks(&path, &marks).with_context(|| format!("writing {}", path.display()))?;
            marks
        }
        None => RefLoader::new().load(Some(&args.marks), None)?.bundle.marks,
    };
    let mut image_pool = Vec::new();
    if args.images > 0 {
        let dir = args.out.parent().unwrap_or(std::path::Path::new("."));
        let mut rights_holders: Vec<String> =
            marks.iter().map(|m| m.rights_holder.clone()).collect();
        rights_holders.dedup();
        let set = write_photo_set(
            dir,
            &PhotoSetOptions {
                seed: args.seed,
                photos: args.images,
                side: args.image_side,
                rights_holders,
                ..PhotoSetOptions::default()
            },
        )?;
        eprintln!(
            "wrote {} photos to {} ({} copy one of {} references in {})",
            set.pool.len(),
            dir.join("images").display(),
            set.copies,
            set.refs,
            dir.join("refs/images.csv").display()
        );
        image_pool = set.pool;
    }
    let opts = GenOptions {
        seed: args.seed,
        description_bytes: args.description_bytes,
        title_bytes: args.title_bytes,
        infringing_share: args.infringing_share,
        image_pool,
        images_in_turn: true,
        ..GenOptions::default()
    };
    let n = write_dump(
        &args.out,
        ListingGenerator::new(&marks, opts).take(args.listings),
    )?;
    eprintln!("wrote {n} listings to {}", args.out.display());
    Ok(Outcome::Clean)
}

fn write_marks(path: &std::path::Path, marks: &[ippscan::model::Mark]) -> Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "mark_id",
        "rights_holder",
        "mark",
        "jurisdictions",
        "categories",
        "registration_no",
    ])?;
    for m in marks {
        w.write_record([
            m.mark_id.as_str(),
            &m.rights_holder,
            &m.mark,
            &m.scope.jurisdictions.join("|"),
            &m.scope.categories.join("|"),
            &m.registration_no,
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn check(args: &CheckArgs) -> Result<Outcome> {
    if args.marks.is_none() && args.images.is_none() {
        anyhow::bail!("give --marks and/or --images to check");
    }
    let upload = RefLoader::new().load(args.marks.as_deref(), args.images.as_deref())?;
    match args.format {
        ReportFormat::Table => print_table(&upload),
        ReportFormat::Csv => print_csv(&upload).context("writing the report")?,
    }
    Ok(if upload.rejected_count() > 0 {
        Outcome::Rejections
    } else {
        Outcome::Clean
    })
}

fn build(args: &BuildArgs) -> Result<Outcome> {
    if args.marks.is_none() && args.images.is_none() {
        anyhow::bail!("give --marks and/or --images to build a bundle from");
    }
    let started = std::time::Instant::now();
    let upload = RefLoader::new().load(args.marks.as_deref(), args.images.as_deref())?;
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
    Ok(if upload.rejected_count() > 0 {
        Outcome::Rejections
    } else {
        Outcome::Clean
    })
}

fn print_table(upload: &Upload) {
    for r in &upload.rows {
        let at = format!("{}:{}", r.file, r.line);
        match &r.status {
            RowStatus::Accepted { notes } => {
                println!("{at:<28} {:<12} accepted", r.id);
                for n in notes {
                    println!("{:<28} {:<12}   note: {n}", "", "");
                }
            }
            RowStatus::Rejected { reason, detail } => {
                println!("{at:<28} {:<12} REJECTED {reason}: {detail}", r.id);
            }
        }
    }
    let rejected = upload.rejected_count();
    println!(
        "{} rows: {} accepted ({} marks, {} images), {} rejected",
        upload.rows.len(),
        upload.rows.len() - rejected,
        upload.bundle.marks.len(),
        upload.bundle.images.len(),
        rejected
    );
}

fn print_csv(upload: &Upload) -> Result<()> {
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
