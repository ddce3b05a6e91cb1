//! Where a run's results go: the flags files, the rejects, the report and the queue.

use super::scanner::ImageOutcome;
use super::{Batch, ScanJob};
use crate::config::Config;
use crate::error::Result;
use crate::model::{Flag, RejectScope};
use crate::queue::{BatchOutcome, ListingState, Queue, ScannedListing};
use crate::report::{Report, ReportBuilder};
use crate::sink::{Counts, FlagSink, FlagsCsv, FlagsJsonl, FlagsParquet, QueueSummary, RejectsCsv};

/// Where a run's results go, and what has gone there so far.
pub(super) struct Outputs {
    pub(super) sinks: Vec<Box<dyn FlagSink>>,
    pub(super) rejects: RejectsCsv,
    pub(super) report: Option<Report>,
    pub(super) counts: Counts,
    pub(super) queued: QueueCounts,
}

impl Outputs {
    /// The job's flags files, rejects file and report, created empty.
    pub(super) fn create(job: &ScanJob) -> Result<Outputs> {
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
            report: job.report.then(|| {
                ReportBuilder::new()
                    .max_cards(job.config.report.max_cards)
                    .page_size(job.config.report.page_size)
                    .max_pixels(job.config.limits.max_image_pixels)
                    .build()
            }),
            counts: Counts::default(),
            queued: QueueCounts::default(),
        })
    }

    pub(super) fn write(
        &mut self,
        batch: &Batch,
        flags: &[Flag],
        images: &ImageOutcome,
    ) -> Result<()> {
        for sink in &mut self.sinks {
            sink.write(flags)?;
        }
        self.rejects.write(&batch.rejects)?;
        self.rejects.write(&images.rejects)?;
        self.counts.images_examined += images.examined;
        self.counts.images_rejected += images.rejects.len() as u64;
        self.counts.images_unhashable += images.unhashable;
        tally(&mut self.counts, batch, flags);
        Ok(())
    }

    pub(super) fn flush(&mut self) -> Result<()> {
        for sink in &mut self.sinks {
            sink.flush()?;
        }
        self.rejects.flush()
    }

    /// Hands the batch to the queue: each listing's state and flags, and whether its flags
    /// were carried (it was unchanged). The flags of scanned listings that score high
    /// enough enter it, grouped by listing and rights holder.
    pub(super) fn enqueue(
        &mut self,
        queue: &mut Queue,
        job: &ScanJob,
        bundle_version: &str,
        listings: &[(&ListingState, &[Flag], bool)],
        config: &Config,
    ) -> Result<()> {
        let (mut scanned, mut skipped) = (Vec::new(), Vec::new());
        let mut entering: Vec<&Flag> = Vec::new();
        for &(state, flags, carried) in listings {
            if carried {
                skipped.push(state);
            } else {
                scanned.push(ScannedListing { state, flags });
                entering.extend(
                    flags
                        .iter()
                        .filter(|f| config.enters_queue(f.reason, f.score)),
                );
            }
        }
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

/// Marks the run done and says what the queue took in.
pub(super) fn close_queue(
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
pub(super) struct QueueCounts {
    pub(super) outcome: BatchOutcome,
    pub(super) unchanged: u64,
}

impl QueueCounts {
    pub(super) fn add(&mut self, o: BatchOutcome, unchanged: u64) {
        self.outcome.new_complaints += o.new_complaints;
        self.outcome.updated_complaints += o.updated_complaints;
        self.outcome.reopened += o.reopened;
        self.outcome.new_evidence += o.new_evidence;
        self.unchanged += unchanged;
    }
}

pub(super) fn tally(counts: &mut Counts, batch: &Batch, flags: &[Flag]) {
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
