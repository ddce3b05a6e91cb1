//! `ippscan merge`: folds the output folders of sharded scans into one — flags, rejects,
//! summary and the complaint queue. Idempotent: an output folder met twice (the same run
//! and shard) is taken once, and the queue adds nothing for complaints it already has.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Flag;
use crate::queue::Queue;
use crate::sink::atomic::csv_error;
use crate::sink::{Counts, FlagSink, FlagsCsv, FlagsParquet, RejectsCsv, Summary};

/// What a merge took in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Output folders taken, as `run_id/shard`.
    pub taken: Vec<String>,
    /// Output folders skipped because the same run and shard was taken already.
    pub skipped: Vec<String>,
    pub flags: u64,
    /// Complaints the queue gained.
    pub new_complaints: u64,
}

/// Merges the scan outputs in `inputs` into `out` (`flags.csv`, `flags.parquet`,
/// `rejects.csv`, `summary.json`), and their flags into `queue` when given.
pub fn merge(
    inputs: &[PathBuf],
    out: &Path,
    queue: Option<&Path>,
    config: &Config,
) -> Result<Merged> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let mut merged = Merged::default();
    let mut summary = Summary::default();
    let mut flags_csv = FlagsCsv::create(&out.join("flags.csv"))?;
    let mut flags_parquet = FlagsParquet::create(&out.join("flags.parquet"))?;
    let mut rejects = RejectsCsv::create(&out.join("rejects.csv"))?;
    let mut all_flags: Vec<Flag> = Vec::new();
    let mut seen = HashSet::new();
    for dir in inputs {
        let part = read_summary(dir)?;
        let identity = format!("{}/{}", part.run_id, part.shard.as_deref().unwrap_or("-"));
        if !seen.insert(identity.clone()) {
            merged.skipped.push(identity);
            continue;
        }
        let flags = read_flags(&dir.join("flags.csv"))?;
        flags_csv.write(&flags)?;
        flags_parquet.write(&flags)?;
        rejects.copy_from(&dir.join("rejects.csv"))?;
        add(&mut summary, &part);
        merged.flags += flags.len() as u64;
        all_flags.extend(flags);
        merged.taken.push(identity);
    }
    Box::new(flags_csv).finish()?;
    Box::new(flags_parquet).finish()?;
    rejects.finish()?;
    if let Some(path) = queue {
        merged.new_complaints = enqueue(path, &summary, &all_flags, config)?;
    }
    summary.write(&out.join("summary.json"))?;
    Ok(merged)
}

fn read_summary(dir: &Path) -> Result<Summary> {
    let path = dir.join("summary.json");
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Error::new(ErrorKind::Config(format!("not a scan's summary: {e}"))).with_path(&path)
    })
}

/// The summary of all the parts: counts added up, the first part's run and references.
fn add(total: &mut Summary, part: &Summary) {
    if total.run_id.is_empty() {
        total.run_id.clone_from(&part.run_id);
        total.started_at.clone_from(&part.started_at);
        total.references = part.references.clone();
    }
    total.finished_at = total.finished_at.clone().max(part.finished_at.clone());
    total
        .inputs
        .listings
        .extend(part.inputs.listings.iter().cloned());
    total.inputs.listings.sort();
    total.inputs.listings.dedup();
    total.inputs.marks = total
        .inputs
        .marks
        .take()
        .or_else(|| part.inputs.marks.clone());
    total.inputs.images = total
        .inputs
        .images
        .take()
        .or_else(|| part.inputs.images.clone());
    let (c, p): (&mut Counts, &Counts) = (&mut total.counts, &part.counts);
    for (sum, n) in [
        (&mut c.read, p.read),
        (&mut c.scanned, p.scanned),
        (&mut c.rejected, p.rejected),
        (&mut c.images_examined, p.images_examined),
        (&mut c.images_rejected, p.images_rejected),
        (&mut c.images_unhashable, p.images_unhashable),
        (&mut c.unchanged, p.unchanged),
        (&mut c.flagged, p.flagged),
        (&mut c.flags, p.flags),
    ] {
        *sum += n;
    }
    for (sum, n) in [
        (&mut c.by_reason, &p.by_reason),
        (&mut c.by_platform, &p.by_platform),
        (&mut c.by_rights_holder, &p.by_rights_holder),
        (&mut c.rejected_by_reason, &p.rejected_by_reason),
    ] {
        for (k, v) in n {
            *sum.entry(k.clone()).or_default() += v;
        }
    }
    total.timings.scan_s += part.timings.scan_s;
    total.timings.total_s += part.timings.total_s;
}

/// The flags of a `flags.csv`, cells as the scan had them (the spreadsheet guard undone).
/// Columns are found by name, in any order; a missing one stops the merge.
fn read_flags(path: &Path) -> Result<Vec<Flag>> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| csv_error(e, path))?;
    let header = reader.headers().map_err(|e| csv_error(e, path))?.clone();
    let missing: Vec<&str> = Flag::COLUMNS
        .into_iter()
        .filter(|c| !header.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(Error::new(ErrorKind::Config(format!(
            "not a scan's flags.csv: no column {} (found: {})",
            missing.join(", "),
            header.iter().collect::<Vec<_>>().join(", ")
        )))
        .with_path(path));
    }
    let mut flags = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let r = record.map_err(|e| csv_error(e, path))?;
        let cell = |name: &str| {
            let at = header.iter().position(|h| h == name)?;
            r.get(at).map(crate::sink::unguarded)
        };
        let flag = Flag::from_cells(cell).map_err(|what| {
            Error::new(ErrorKind::Config(format!("not a flags.csv row: {what}")))
                .with_path(path)
                .with_line(r.position().map_or(i as u64 + 2, csv::Position::line))
        })?;
        flags.push(flag);
    }
    Ok(flags)
}

/// Records the flags that score high enough in the queue, as a run of their own; returns
/// how many complaints it gained.
fn enqueue(path: &Path, summary: &Summary, flags: &[Flag], config: &Config) -> Result<u64> {
    let mut queue = Queue::open_for_scan(path)?;
    let run_id = format!("merge-{}", summary.run_id);
    queue.begin_run(&run_id, &summary.references.version)?;
    let mut entering: Vec<&Flag> = flags
        .iter()
        .filter(|f| config.enters_queue(f.reason, f.score))
        .collect();
    entering.sort_by(|a, b| {
        (&a.platform, &a.listing_id, &a.rights_holder).cmp(&(
            &b.platform,
            &b.listing_id,
            &b.rights_holder,
        ))
    });
    let outcome = queue.record_batch(&run_id, &summary.references.version, &[], &[], &entering)?;
    queue.finish_run(&run_id)?;
    Ok(outcome.new_complaints)
}
