//! The scan: dumps are read on one thread, batch by batch, while the previous batch runs
//! through the detectors and the policy on all cores; flags and rejects are written in
//! input order.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::detect::Detector;
use crate::error::{Error, Result};
use crate::image::ImageDetector;
use crate::model::{Evidence, Flag, Listing, Reject, RejectScope};
use crate::policy::{ConfirmedSellers, Policy};
use crate::progress::Progress;
use crate::queue::{BatchOutcome, ListingState, Queue};
use crate::refs::{RefBundle, RefLoader};
use crate::report::Report;
use crate::shard::Shard;
use crate::sink::{
    Counts, FlagSink, FlagsCsv, FlagsJsonl, FlagsParquet, Inputs, QueueSummary, RefCounts,
    RejectsCsv, Summary, Throughput, Timings, write_rejects,
};
use crate::source::{self, Format, ListingSource, RawRow, Validator};
use crate::text::{TextDetector, TextRules};

/// The detectors and policy compiled from a reference bundle: everything needed to scan
/// one listing, shareable across threads.
#[derive(Debug)]
pub struct Scanner {
    config: Config,
    bundle: RefBundle,
    detectors: Vec<Box<dyn Detector>>,
    confirmed_sellers: ConfirmedSellers,
}

impl Scanner {
    /// Compiles the detectors for `bundle`.
    ///
    /// # Example
    /// ```
    /// use ippscan::{Config, Scanner, model::{Listing, Mark, RightsScope}, refs::RefBundle};
    /// let mark = Mark {
    ///     mark_id: "M1".into(), rights_holder: "Nike, Inc.".into(), mark: "Nike".into(),
    ///     aliases: vec!["耐克".into()], registration_no: "TM-1".into(),
    ///     scope: RightsScope { jurisdictions: vec!["CN".into()], ..Default::default() },
    ///     usual_price: None,
    ///     short_aliases: vec![],
    /// };
    /// let bundle = RefBundle { marks: vec![mark], images: vec![] };
    /// let scanner = Scanner::new(Config::default(), bundle);
    /// let listing = Listing {
    ///     listing_id: "L1".into(), seller_id: "S1".into(), platform: "taobao".into(),
    ///     title: "耐克 Air 跑鞋".into(), ..Default::default()
    /// };
    /// let flags = scanner.scan("run-1", &listing);
    /// assert_eq!(flags.len(), 1);
    /// assert_eq!(flags[0].ref_id, "M1");
    /// ```
    pub fn new(config: Config, bundle: RefBundle) -> Scanner {
        let detectors: Vec<Box<dyn Detector>> = vec![
            Box::new(TextDetector::new(&bundle.marks, TextRules::default())),
            Box::new({
                let mut images = ImageDetector::new(&bundle.images, config.limits.max_image_pixels);
                images.limits(&config.limits);
                images
            }),
        ];
        Scanner {
            config,
            bundle,
            detectors,
            confirmed_sellers: ConfirmedSellers::default(),
        }
    }

    /// Sellers with confirmed complaints (from the complaint queue): they corroborate an
    /// obscured mark in their listings.
    pub fn set_confirmed_sellers(&mut self, sellers: ConfirmedSellers) {
        self.confirmed_sellers = sellers;
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The references it scans for.
    pub fn bundle(&self) -> &RefBundle {
        &self.bundle
    }

    /// The flags for one listing.
    pub fn scan(&self, run_id: &str, listing: &Listing) -> Vec<Flag> {
        let mut evidence = Vec::new();
        let mut flags = Vec::new();
        self.scan_into(run_id, listing, &mut evidence, &mut flags);
        flags
    }

    fn scan_into(
        &self,
        run_id: &str,
        listing: &Listing,
        evidence: &mut Vec<Evidence>,
        flags: &mut Vec<Flag>,
    ) -> ImageOutcome {
        evidence.clear();
        for d in &self.detectors {
            d.detect(listing, evidence);
        }
        Policy::new(&self.config.territory, &self.bundle)
            .obscured(self.config.obscured)
            .confirmed_sellers(&self.confirmed_sellers)
            .flags(listing, evidence, run_id, flags);
        image_outcome(listing, evidence)
    }
}

/// A listing's images that could not be used: rejects, and how many were too flat to
/// hash (not bad input, only counted).
#[derive(Debug, Default)]
struct ImageOutcome {
    rejects: Vec<Reject>,
    unhashable: u64,
}

fn image_outcome(listing: &Listing, evidence: &[Evidence]) -> ImageOutcome {
    let mut outcome = ImageOutcome::default();
    for e in evidence {
        match e {
            Evidence::ImageProblem { reason, detail, .. } => outcome.rejects.push(Reject {
                file: listing.origin.file.to_string(),
                line: listing.origin.line,
                id: listing.listing_id.clone(),
                scope: RejectScope::Image,
                reason,
                detail: detail.clone(),
            }),
            Evidence::ImageUnhashable { .. } => outcome.unhashable += 1,
            _ => {}
        }
    }
    outcome
}

/// What to scan and where to write.
#[derive(Clone, Debug)]
pub struct ScanJob {
    pub listings: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub run_id: String,
    pub marks: Option<PathBuf>,
    pub images: Option<PathBuf>,
    /// A compiled reference bundle (`refs build`), used instead of `marks` and `images`.
    pub refs: Option<PathBuf>,
    pub config: Config,
    pub loader: RefLoader,
    /// The complaint queue to update, if any.
    pub queue: Option<PathBuf>,
    /// Rescan listings the queue has seen unchanged against the same references.
    pub full: bool,
    /// Write the reviewers' report (`report.html`, `report/`), as the config sets it.
    pub report: bool,
    /// Scan only this shard of the rows (`--shard K/N`).
    pub shard: Option<Shard>,
    /// The format of standard input, when `listings` has `-` (`--format`).
    pub stdin_format: Option<Format>,
    /// Also write flags as JSON Lines here (`-`: standard output).
    pub flags_out: Option<PathBuf>,
}

/// A batch of validated listings and the rows rejected while reading them.
struct Batch {
    listings: Vec<Listing>,
    rejects: Vec<Reject>,
}

/// Runs a scan: reads every dump, writes `flags.csv`, `flags.parquet`, `rejects.csv`,
/// `ref_rejects.csv`, `summary.json` and (unless the job says not to) `report.html` with
/// its `report/` folder into the job's folder, and returns the summary.
pub fn run(job: &ScanJob, progress: &Progress) -> Result<Summary> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    let upload = load_references(job)?;
    let (dumps, total) = open_dumps(&job.listings, job.stdin_format)?;
    Progress::set(&progress.bytes_total, total);
    std::fs::create_dir_all(&job.out_dir).map_err(|e| Error::io(&job.out_dir, e))?;

    let ref_rejects = upload.rejects();
    write_rejects(&job.out_dir.join("ref_rejects.csv"), &ref_rejects)?;
    let bundle_version = bundle_version(&upload.bundle, &job.config);
    let references = RefCounts {
        version: bundle_version.clone(),
        marks: upload.bundle.marks.len() as u64,
        images: upload.bundle.images.len() as u64,
        rejected: ref_rejects.len() as u64,
    };
    let load_s = started.elapsed().as_secs_f64();
    let mut scanner = Scanner::new(job.config.clone(), upload.bundle);
    let mut queue = match &job.queue {
        Some(path) => {
            let mut q = Queue::open_for_scan(path)?;
            q.begin_run(&job.run_id, &bundle_version)?;
            scanner.set_confirmed_sellers(ConfirmedSellers::new(
                q.repeat_infringers(&[(String::new(), 1)])?
                    .into_iter()
                    .map(|r| (r.platform, r.seller_id, r.confirmed)),
            ));
            Some(q)
        }
        None => None,
    };
    let mut out = Outputs::create(job)?;
    let scan_started = Instant::now();

    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Result<Batch>>(2);
        let config = scanner.config();
        let dumps = &dumps;
        let (shard, stdin) = (job.shard, job.stdin_format);
        scope.spawn(move || read_dumps(dumps, config, shard, stdin, progress, &tx));
        for batch in rx {
            process_batch(
                &scanner,
                job,
                &bundle_version,
                queue.as_mut(),
                &mut out,
                &batch?,
                progress,
            )?;
        }
        Ok(())
    })?;

    let Outputs {
        sinks,
        rejects,
        report,
        counts,
        queued,
    } = out;
    for sink in sinks {
        sink.finish()?;
    }
    rejects.finish()?;
    let queue_summary = match &mut queue {
        Some(q) => Some(close_queue(q, job, &queued, scanner.config())?),
        None => None,
    };
    let scan_s = scan_started.elapsed().as_secs_f64();
    let mut summary = Summary {
        run_id: job.run_id.clone(),
        started_at: started_at.to_rfc3339(),
        finished_at: chrono::Utc::now().to_rfc3339(),
        inputs: Inputs {
            listings: dumps.iter().map(|d| d.display().to_string()).collect(),
            marks: job.marks.as_ref().map(|p| p.display().to_string()),
            images: job.images.as_ref().map(|p| p.display().to_string()),
        },
        counts,
        references,
        queue: queue_summary,
        report: None,
        shard: job.shard.map(|s| s.to_string()),
        peak_memory_mb: None,
        timings: Timings {
            load_references_s: load_s,
            scan_s,
            total_s: started.elapsed().as_secs_f64(),
        },
        throughput: Throughput {
            listings_per_s: per_second(Progress::get(&progress.rows_read), scan_s),
            mb_per_s: per_second(total, scan_s) / 1e6,
        },
    };
    if let Some(report) = report {
        summary.report = Some(report.write(&job.out_dir, &summary, scanner.bundle())?);
    }
    summary.peak_memory_mb = crate::sink::peak_memory_mb();
    summary.write(&job.out_dir.join("summary.json"))?;
    Ok(summary)
}

/// The job's references: its bundle, or its uploads validated.
fn load_references(job: &ScanJob) -> Result<crate::refs::Upload> {
    Ok(match &job.refs {
        Some(path) => crate::refs::Upload {
            bundle: crate::refs::read_bundle(path)?,
            rows: Vec::new(),
        },
        None => job
            .loader
            .load(job.marks.as_deref(), job.images.as_deref())?,
    })
}

fn per_second(n: u64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        n as f64 / seconds
    } else {
        0.0
    }
}

fn tally(counts: &mut Counts, batch: &Batch, flags: &[Flag]) {
    counts.scanned += batch.listings.len() as u64;
    for r in &batch.rejects {
        if r.scope == RejectScope::Row {
            counts.rejected += 1;
            *counts
                .rejected_by_reason
                .entry(r.reason.to_string())
                .or_default() += 1;
        } else {
            counts.images_rejected += 1;
        }
    }
    counts.read = counts.scanned + counts.rejected;
    counts.flags += flags.len() as u64;
    let mut last: Option<&str> = None;
    for f in flags {
        *counts
            .by_reason
            .entry(f.reason.as_str().to_string())
            .or_default() += 1;
        *counts.by_platform.entry(f.platform.clone()).or_default() += 1;
        if !f.rights_holder.is_empty() {
            *counts
                .by_rights_holder
                .entry(f.rights_holder.clone())
                .or_default() += 1;
        }
        if last != Some(f.listing_id.as_str()) {
            counts.flagged += 1;
            last = Some(&f.listing_id);
        }
    }
}

/// The reader thread: every dump in turn, validated batch by batch.
fn read_dumps(
    dumps: &[PathBuf],
    config: &Config,
    shard: Option<Shard>,
    stdin: Option<Format>,
    progress: &Progress,
    tx: &mpsc::SyncSender<Result<Batch>>,
) {
    let mut bytes_before = 0;
    for dump in dumps {
        let opened = match (dump.as_os_str() == source::STDIN, stdin) {
            (true, Some(format)) => source::open_stdin(format, &config.limits),
            _ => source::open_with(dump, &config.limits),
        };
        let read = opened
            .and_then(|source| read_dump(source, dump, config, shard, progress, bytes_before, tx));
        if let Err(e) = read {
            let _ = tx.send(Err(e));
            return;
        }
        bytes_before += std::fs::metadata(dump).map_or(0, |m| m.len());
    }
}

fn read_dump(
    mut source: Box<dyn ListingSource>,
    dump: &Path,
    config: &Config,
    shard: Option<Shard>,
    progress: &Progress,
    bytes_before: u64,
    tx: &mpsc::SyncSender<Result<Batch>>,
) -> Result<()> {
    let batch_size = config.batch_size;
    let mut validator = Validator::new(&config.territory, &dump.display().to_string());
    validator.limits(&config.limits);
    let mut raw: Vec<RawRow> = Vec::with_capacity(batch_size);
    loop {
        raw.clear();
        let more = source.next_batch(batch_size, &mut raw)?;
        if let Some(shard) = shard {
            let name = dump
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            raw.retain(|row| shard.owns(row, &name));
        }
        let mut batch = Batch {
            listings: Vec::with_capacity(raw.len()),
            rejects: Vec::new(),
        };
        Progress::add(&progress.rows_read, raw.len() as u64);
        for row in raw.drain(..) {
            if let Some(listing) = validator.check(row, &mut batch.rejects) {
                batch.listings.push(listing);
            }
        }
        let rejected = batch
            .rejects
            .iter()
            .filter(|r| r.scope == RejectScope::Row)
            .count();
        Progress::add(&progress.rows_rejected, rejected as u64);
        Progress::set(&progress.bytes_done, bytes_before + source.bytes_read());
        if tx.send(Ok(batch)).is_err() || !more {
            return Ok(());
        }
    }
}

/// Scans one batch: skips what the queue has seen unchanged, runs the detectors on the
/// rest in parallel, and writes flags, rejects and the queue.
fn process_batch(
    scanner: &Scanner,
    job: &ScanJob,
    bundle_version: &str,
    queue: Option<&mut Queue>,
    out: &mut Outputs,
    batch: &Batch,
    progress: &Progress,
) -> Result<()> {
    // Content hashes only matter to the queue: without one, no listing is hashed.
    let states: Vec<ListingState> = match &queue {
        Some(_) => batch.listings.iter().map(listing_state).collect(),
        None => Vec::new(),
    };
    let unchanged = match (&queue, job.full) {
        (Some(q), false) => q.unchanged(&states, bundle_version)?,
        _ => vec![false; batch.listings.len()],
    };
    let results: Vec<(Vec<Flag>, ImageOutcome)> = batch
        .listings
        .par_iter()
        .zip(&unchanged)
        .map_init(Vec::new, |evidence, (listing, &same)| {
            let mut flags = Vec::new();
            let images = if same {
                ImageOutcome::default()
            } else {
                scanner.scan_into(&job.run_id, listing, evidence, &mut flags)
            };
            (flags, images)
        })
        .collect();
    let mut flags = Vec::new();
    let mut images = ImageOutcome::default();
    for (listing, (f, i)) in batch.listings.iter().zip(results) {
        if let Some(report) = &mut out.report
            && !f.is_empty()
        {
            report.add(listing, &f);
        }
        flags.extend(f);
        images.rejects.extend(i.rejects);
        images.unhashable += i.unhashable;
    }
    out.write(batch, &flags, &images)?;
    if let Some(q) = queue {
        out.flush()?;
        let entering = flags
            .iter()
            .filter(|f| scanner.config().enters_queue(f.reason, f.score));
        out.enqueue(q, job, bundle_version, states, &unchanged, entering)?;
    }
    Progress::add(&progress.rows_scanned, batch.listings.len() as u64);
    Progress::add(&progress.flags, flags.len() as u64);
    Ok(())
}

/// Where a run's results go, and what has gone there so far.
struct Outputs {
    sinks: Vec<Box<dyn FlagSink>>,
    rejects: RejectsCsv,
    report: Option<Report>,
    counts: Counts,
    queued: QueueCounts,
}

impl Outputs {
    /// The job's flags files, rejects file and report, created empty.
    fn create(job: &ScanJob) -> Result<Outputs> {
        let mut sinks: Vec<Box<dyn FlagSink>> = vec![
            Box::new(FlagsCsv::create(&job.out_dir.join("flags.csv"))?),
            Box::new(FlagsParquet::create(&job.out_dir.join("flags.parquet"))?),
        ];
        if let Some(path) = &job.flags_out {
            sinks.push(Box::new(FlagsJsonl::create(path)?));
        }
        Ok(Outputs {
            sinks,
            rejects: RejectsCsv::create(&job.out_dir.join("rejects.csv"))?,
            report: job.report.then(|| job.config.report.build()),
            counts: Counts::default(),
            queued: QueueCounts::default(),
        })
    }

    fn write(&mut self, batch: &Batch, flags: &[Flag], images: &ImageOutcome) -> Result<()> {
        for sink in &mut self.sinks {
            sink.write(flags)?;
        }
        self.rejects.write(&batch.rejects)?;
        self.rejects.write(&images.rejects)?;
        self.counts.images_rejected += images.rejects.len() as u64;
        self.counts.images_unhashable += images.unhashable;
        tally(&mut self.counts, batch, flags);
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        for sink in &mut self.sinks {
            sink.flush()?;
        }
        self.rejects.flush()
    }

    /// Hands the batch to the queue: the listings scanned, those skipped as unchanged,
    /// and the flags that score high enough, grouped by listing and rights holder.
    fn enqueue<'f>(
        &mut self,
        queue: &mut Queue,
        job: &ScanJob,
        bundle_version: &str,
        states: Vec<ListingState>,
        unchanged: &[bool],
        flags: impl Iterator<Item = &'f Flag>,
    ) -> Result<()> {
        let (mut scanned, mut skipped) = (Vec::new(), Vec::new());
        for (state, &same) in states.into_iter().zip(unchanged) {
            if same {
                skipped.push(state);
            } else {
                scanned.push(state);
            }
        }
        let mut entering: Vec<&Flag> = flags.collect();
        entering.sort_by(|a, b| {
            (&a.platform, &a.listing_id, &a.rights_holder).cmp(&(
                &b.platform,
                &b.listing_id,
                &b.rights_holder,
            ))
        });
        let outcome =
            queue.record_batch(&job.run_id, bundle_version, &scanned, &skipped, &entering)?;
        self.queued.add(outcome, skipped.len() as u64);
        self.counts.unchanged = self.queued.unchanged;
        Ok(())
    }
}

/// The dumps to read and their total size. Every dump is opened once first, so that one
/// that cannot be read at all stops the run before anything is written.
fn open_dumps(listings: &[PathBuf], stdin: Option<Format>) -> Result<(Vec<PathBuf>, u64)> {
    let dumps = source::expand(listings)?;
    for dump in &dumps {
        if dump.as_os_str() == source::STDIN {
            if stdin.is_none() {
                return Err(Error::config(
                    "--listings - reads standard input: say its format with --format jsonl or csv",
                ));
            }
        } else {
            source::open(dump)?;
        }
    }
    let total = dumps
        .iter()
        .filter_map(|d| std::fs::metadata(d).ok())
        .map(|m| m.len())
        .sum();
    Ok((dumps, total))
}

/// Marks the run done and says what the queue took in.
fn close_queue(
    q: &mut Queue,
    job: &ScanJob,
    queued: &QueueCounts,
    config: &Config,
) -> Result<QueueSummary> {
    q.finish_run(&job.run_id)?;
    Ok(QueueSummary {
        path: job
            .queue
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        new_complaints: queued.outcome.new_complaints,
        updated_complaints: queued.outcome.updated_complaints,
        reopened: queued.outcome.reopened,
        complaints: q.len()?,
        repeat_infringers: q.repeat_infringers(&config.repeat_infringers)?.len() as u64,
    })
}

/// What the queue took in over a run.
#[derive(Debug, Default)]
struct QueueCounts {
    outcome: BatchOutcome,
    unchanged: u64,
}

impl QueueCounts {
    fn add(&mut self, o: BatchOutcome, unchanged: u64) {
        self.outcome.new_complaints += o.new_complaints;
        self.outcome.updated_complaints += o.updated_complaints;
        self.outcome.reopened += o.reopened;
        self.outcome.new_evidence += o.new_evidence;
        self.unchanged += unchanged;
    }
}

/// The listing's identity and a hash of everything the detectors read.
fn listing_state(l: &Listing) -> ListingState {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        l.seller_id.as_str(),
        &l.platform,
        l.category.as_deref().unwrap_or(""),
        &l.title,
        &l.description,
        &l.price.map(|p| p.to_string()).unwrap_or_default(),
        l.currency.as_deref().unwrap_or(""),
        &l.image_paths.join("|"),
    ] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    ListingState {
        platform: l.platform.clone(),
        listing_id: l.listing_id.clone(),
        seller_id: l.seller_id.clone(),
        content_hash: h.digest(),
    }
}

/// A version of the references and the rules a scan runs with: a listing scanned
/// unchanged under the same version need not be scanned again.
fn bundle_version(bundle: &RefBundle, config: &Config) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    put(env!("CARGO_PKG_VERSION"));
    let scope = |sc: &crate::model::RightsScope| {
        let mut sellers: Vec<&String> = sc.authorized_sellers.iter().collect();
        sellers.sort();
        format!("{:?}{:?}{sellers:?}", sc.jurisdictions, sc.categories)
    };
    for m in &bundle.marks {
        put(&format!(
            "{}|{}|{}|{:?}|{:?}|{:?}|{}",
            m.mark_id,
            m.rights_holder,
            m.mark,
            m.aliases,
            m.short_aliases,
            m.usual_price,
            scope(&m.scope)
        ));
    }
    for i in &bundle.images {
        let hashes: Vec<String> = i.hashes.iter().map(crate::image::Hash256::to_hex).collect();
        put(&format!(
            "{}|{}|{}|{}|{hashes:?}|{:x}|{}",
            i.image_id,
            i.rights_holder,
            i.path.display(),
            i.kind.as_str(),
            i.thumb.as_ref().map_or(0, |t| t.code),
            scope(&i.scope)
        ));
    }
    let mut platforms = config.territory.platforms();
    platforms.sort_unstable();
    for p in platforms {
        put(&format!("{p}:{:?}", config.territory.acceptance(p)));
    }
    format!("{:016x}", h.digest())
}

/// A run id: UTC time to the second and a few random hex digits, sortable.
pub fn new_run_id() -> String {
    let now = chrono::Utc::now();
    let salt = xxhash_rust::xxh3::xxh3_64(
        format!(
            "{}{}",
            std::process::id(),
            now.timestamp_nanos_opt().unwrap_or_default()
        )
        .as_bytes(),
    );
    format!("{}-{:04x}", now.format("%Y%m%dT%H%M%SZ"), salt & 0xffff)
}
