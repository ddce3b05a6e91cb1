//! The scan: dumps are read on one thread, batch by batch, while the previous batch runs
//! through the detectors and the policy on all cores, and the batch before that is written
//! (flags, rejects, report cards, queue) in input order.

mod incremental;
pub mod merge;
mod outputs;
pub mod progress;
mod reader;
mod scanner;
pub mod shard;

pub use incremental::{DETECTOR_VERSION, new_run_id};
pub use progress::Progress;
pub use scanner::Scanner;

use incremental::{bundle_version, listing_state};
use outputs::{Outputs, close_queue};
use reader::{open_dumps, read_dumps};
use scanner::ImageOutcome;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::detect::text;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Flag, Listing, Reject};
use crate::policy::ConfirmedSellers;
use crate::queue::{ListingState, Queue};
use crate::refs::{RefBundle, RefLoader};
use crate::sink::{Inputs, RefCounts, Summary, Throughput, Timings, write_rejects};
use crate::source::Format;
use shard::Shard;

/// What to scan and where to write.
#[derive(Clone, Debug)]
pub struct ScanJob {
    pub listings: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub run_id: String,
    pub marks: Option<PathBuf>,
    pub images: Option<PathBuf>,
    /// Registered works (`works.csv`).
    pub works: Option<PathBuf>,
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
pub(super) struct Batch {
    pub(super) listings: Vec<Listing>,
    pub(super) rejects: Vec<Reject>,
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
        works: upload.bundle.works.len() as u64,
        rejected: ref_rejects.len() as u64,
    };
    let load_s = started.elapsed().as_secs_f64();
    load_segmenter_ahead(&upload.bundle);
    let mut scanner = Scanner::new(job.config.clone(), upload.bundle);
    let mut queue = match &job.queue {
        Some(path) => {
            let mut q = Queue::open_for_scan(path)?;
            if rayon::current_num_threads() > 1 {
                q.checkpoint_in_background()?;
            }
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

    scan_dumps(
        &dumps,
        &scanner,
        job,
        &bundle_version,
        queue.as_mut(),
        &mut out,
        progress,
    )?;

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
    let images_per_s = per_second(counts.images_examined, scan_s);
    let mut summary = Summary {
        run_id: job.run_id.clone(),
        started_at: started_at.to_rfc3339(),
        finished_at: chrono::Utc::now().to_rfc3339(),
        inputs: Inputs {
            listings: dumps.iter().map(|d| d.display().to_string()).collect(),
            marks: job.marks.as_ref().map(|p| p.display().to_string()),
            images: job.images.as_ref().map(|p| p.display().to_string()),
            works: job.works.as_ref().map(|p| p.display().to_string()),
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
            images_per_s,
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

/// Starts loading the CJK segmenter (about 0.1 s of work) on a thread of its own when
/// `bundle` names anything in CJK: off the path of the detectors' set-up and the first
/// batch, instead of holding up the worker that finds the first CJK mark.
fn load_segmenter_ahead(bundle: &RefBundle) {
    let names = bundle
        .marks
        .iter()
        .flat_map(|m| std::iter::once(&m.mark).chain(&m.aliases))
        .chain(
            bundle
                .works
                .iter()
                .flat_map(|w| std::iter::once(&w.title).chain(&w.aliases)),
        );
    if text::any_cjk(names.map(String::as_str)) {
        std::thread::spawn(text::load_segmenter);
    }
}

/// Reads the dumps on a thread of their own, scans them batch by batch, and writes each
/// scanned batch's outputs (flags files, report, queue) on a writer thread while the next
/// batches are scanned, so that neither waits for the other to finish a batch. The writer
/// takes batches in order, and a batch handed to it is written even when a later one
/// fails to read.
fn scan_dumps(
    dumps: &[PathBuf],
    scanner: &Scanner,
    job: &ScanJob,
    bundle_version: &str,
    mut queue: Option<&mut Queue>,
    out: &mut Outputs,
    progress: &Progress,
) -> Result<()> {
    let queued = queue.is_some();
    // Unless every listing is rescanned, the lookups of unchanged listings read the queue
    // on a connection of their own.
    let lookups = match &queue {
        Some(q) if !job.full => Some(q.reader()?),
        _ => None,
    };
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Result<Batch>>(2);
        let config = scanner.config();
        let (shard, stdin) = (job.shard, job.stdin_format);
        scope.spawn(move || read_dumps(dumps, config, shard, stdin, progress, &tx));
        let (to_writer, for_writer) = mpsc::sync_channel::<Scanned>(WRITER_BACKLOG);
        let writer = std::thread::Builder::new()
            .name("ippscan-writer".into())
            .spawn_scoped(scope, move || -> Result<()> {
                for done in for_writer {
                    write(
                        done,
                        scanner,
                        job,
                        bundle_version,
                        queue.as_deref_mut(),
                        out,
                        progress,
                    )?;
                }
                Ok(())
            })
            .map_err(|e| Error::new(ErrorKind::Io(e)))?;
        let scanning = (|| -> Result<()> {
            for batch in rx {
                let next = prepare(scanner, bundle_version, queued, lookups.as_ref(), batch?)?;
                if to_writer.send(scan(scanner, job, next)).is_err() {
                    // The writer stopped on an error, which it returns below.
                    break;
                }
            }
            Ok(())
        })();
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(scanning)
    })
}

/// Scanned batches that may wait for the writer: enough to ride out a slow write (a
/// checkpoint of the queue) and the writer's wait for the CJK segmenter at the start
/// (see [`scan`]), few enough that memory stays bounded (about 0.5 MB a batch of text
/// listings).
const WRITER_BACKLOG: usize = 8;

/// The job's references: its bundle, or its uploads validated.
fn load_references(job: &ScanJob) -> Result<crate::refs::Upload> {
    if let Some(path) = &job.refs {
        return Ok(crate::refs::Upload {
            bundle: crate::refs::read_bundle(path)?,
            rows: Vec::new(),
        });
    }
    let mut upload = job
        .loader
        .load(job.marks.as_deref(), job.images.as_deref())?;
    if let Some(works) = &job.works {
        job.loader.load_works(works, &mut upload)?;
    }
    Ok(upload)
}

fn per_second(n: u64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        n as f64 / seconds
    } else {
        0.0
    }
}

/// A batch ready to scan: its listings' states, and for each the flags of its last scan
/// when the queue has seen it unchanged (`None`: it is scanned).
struct Prepared {
    batch: Batch,
    states: Vec<ListingState>,
    carried: Vec<Option<Vec<Flag>>>,
}

/// A scanned batch, its outputs not yet written: per listing its flags (carried or new)
/// and its images' outcome.
struct Scanned {
    batch: Batch,
    states: Vec<ListingState>,
    results: Vec<Listed>,
}

/// One listing's outcome in a batch.
struct Listed {
    flags: Vec<Flag>,
    images: ImageOutcome,
    /// Its flags were carried from the queue, not found by this run.
    carried: bool,
    /// Set aside while the CJK segmenter loaded: not scanned yet (see [`scan`]).
    deferred: bool,
}

/// Hashes a batch's listings (when a queue is `queued`) and looks up in `lookups` which
/// the queue has seen unchanged. The batches just before it may not be in the queue yet
/// (the writer may still hold them): a listing they hold too is then read against an
/// earlier run, whose stored flags belong to the content stored with them, so what is
/// carried is still what a scan would find.
fn prepare(
    scanner: &Scanner,
    bundle_version: &str,
    queued: bool,
    lookups: Option<&Queue>,
    batch: Batch,
) -> Result<Prepared> {
    // Content hashes only matter to the queue: without one, no listing is hashed.
    let states: Vec<ListingState> = if queued {
        batch
            .listings
            .par_iter()
            .map(|l| listing_state(l, &scanner.config().limits))
            .collect()
    } else {
        Vec::new()
    };
    let carried = match lookups {
        Some(q) => q.unchanged(&states, bundle_version)?,
        None => vec![None; batch.listings.len()],
    };
    Ok(Prepared {
        batch,
        states,
        carried,
    })
}

/// Runs the detectors on a batch's listings in parallel, but on those unchanged, whose
/// flags are carried. On several cores, a listing that needs the CJK segmenter before it
/// has loaded (0.15 s at the start of a scan) is set aside, and the writer scans it again
/// before it writes the batch ([`rescan_deferred`]): meanwhile the cores scan the listings
/// that do not need it, and the batches after, instead of waiting.
fn scan(scanner: &Scanner, job: &ScanJob, prepared: Prepared) -> Scanned {
    let Prepared {
        batch,
        states,
        carried,
    } = prepared;
    let defer = rayon::current_num_threads() > 1;
    let results = batch
        .listings
        .par_iter()
        .zip(carried)
        .map_init(Vec::new, |evidence, (listing, carried)| {
            if let Some(flags) = carried {
                return Listed {
                    flags,
                    images: ImageOutcome::default(),
                    carried: true,
                    deferred: false,
                };
            }
            let mut flags = Vec::new();
            match scanner.try_scan_into(&job.run_id, listing, evidence, &mut flags, !defer) {
                Some(images) => Listed {
                    flags,
                    images,
                    carried: false,
                    deferred: false,
                },
                None => Listed {
                    flags: Vec::new(),
                    images: ImageOutcome::default(),
                    carried: false,
                    deferred: true,
                },
            }
        })
        .collect();
    Scanned {
        batch,
        states,
        results,
    }
}

/// Scans the listings [`scan`] set aside, in parallel, waiting for the CJK segmenter.
fn rescan_deferred(scanner: &Scanner, job: &ScanJob, batch: &Batch, results: &mut [Listed]) {
    if !results.iter().any(|r| r.deferred) {
        return;
    }
    // Waited for here, on the writer's thread: the pool's threads scan the next batches
    // meanwhile.
    text::load_segmenter();
    results
        .par_iter_mut()
        .zip(&batch.listings)
        .filter(|(r, _)| r.deferred)
        .for_each_init(Vec::new, |evidence, (r, listing)| {
            r.images = scanner.scan_into(&job.run_id, listing, evidence, &mut r.flags);
            r.deferred = false;
        });
}

/// Writes a scanned batch's flags, rejects, report cards and queue entries, in input order.
fn write(
    done: Scanned,
    scanner: &Scanner,
    job: &ScanJob,
    bundle_version: &str,
    queue: Option<&mut Queue>,
    out: &mut Outputs,
    progress: &Progress,
) -> Result<()> {
    let Scanned {
        batch,
        states,
        mut results,
    } = done;
    rescan_deferred(scanner, job, &batch, &mut results);
    let mut flags = Vec::new();
    // Where each listing's flags lie in `flags`, and whether they were carried.
    let mut spans = Vec::with_capacity(results.len());
    let mut images = ImageOutcome::default();
    for (listing, r) in batch.listings.iter().zip(results) {
        if let Some(report) = &mut out.report
            && !r.flags.is_empty()
        {
            report.add(listing, &r.flags, r.carried);
        }
        spans.push((flags.len()..flags.len() + r.flags.len(), r.carried));
        flags.extend(r.flags);
        images.rejects.extend(r.images.rejects);
        images.unhashable += r.images.unhashable;
        images.examined += r.images.examined;
    }
    out.write(&batch, &flags, &images)?;
    if let Some(q) = queue {
        out.flush()?;
        let listings: Vec<(&ListingState, &[Flag], bool)> = states
            .iter()
            .zip(&spans)
            .map(|(state, (span, carried))| (state, &flags[span.clone()], *carried))
            .collect();
        out.enqueue(q, job, bundle_version, &listings, scanner.config())?;
    }
    Progress::add(&progress.rows_scanned, batch.listings.len() as u64);
    Progress::add(&progress.flags, flags.len() as u64);
    Ok(())
}
