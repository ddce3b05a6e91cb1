use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::sink::AtomicFile;

/// `summary.json`: what a run read, scanned, rejected and flagged, and how fast.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    pub run_id: String,
    /// The shard scanned (`K/N`), when the scan was one of several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub started_at: String,
    pub finished_at: String,
    pub inputs: Inputs,
    pub counts: Counts,
    pub references: RefCounts,
    /// What the complaint queue took in, when the scan wrote one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueSummary>,
    /// What the reviewers' report shows, when the scan wrote one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportSummary>,
    pub timings: Timings,
    pub throughput: Throughput,
    /// The process's peak resident memory so far, in MB (Linux; absent elsewhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_memory_mb: Option<f64>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Inputs {
    pub listings: Vec<String>,
    pub marks: Option<String>,
    pub images: Option<String>,
    pub works: Option<String>,
}

/// Listing counts. `read == scanned + rejected` always holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    pub read: u64,
    pub scanned: u64,
    pub rejected: u64,
    /// Images the scanned listings name (unchanged listings' not included): each decoded
    /// and examined, or rejected.
    pub images_examined: u64,
    /// Images dropped from a listing that was still scanned.
    pub images_rejected: u64,
    /// Listing images too flat, blank or small to match (not rejects).
    pub images_unhashable: u64,
    /// Scanned listings that the queue had seen unchanged against the same references,
    /// so the detectors were not run again (part of `scanned`).
    pub unchanged: u64,
    /// Listings with at least one flag.
    pub flagged: u64,
    pub flags: u64,
    pub by_reason: BTreeMap<String, u64>,
    /// Flags by the listing's platform.
    pub by_platform: BTreeMap<String, u64>,
    /// Flags by rights holder; flags for the platform's own queue (no holder) are not here.
    pub by_rights_holder: BTreeMap<String, u64>,
    /// Rejected rows by reason code.
    pub rejected_by_reason: BTreeMap<String, u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueSummary {
    pub path: String,
    pub new_complaints: u64,
    pub updated_complaints: u64,
    pub reopened: u64,
    /// Complaints in the queue after the run.
    pub complaints: u64,
    /// Sellers over the first repeat-infringer threshold.
    pub repeat_infringers: u64,
}

/// `report.html`: how many complaints there were and how many it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSummary {
    pub path: String,
    /// Complaints in the run (flags grouped by listing and rights holder).
    pub complaints: u64,
    /// Cards in the report: the highest-scoring complaints, at most the configured maximum.
    pub cards: u64,
    pub pages: u64,
    pub thumbnails: u64,
    /// Images that could not be read again for a thumbnail.
    pub thumbnail_failures: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RefCounts {
    /// The version of the references and rules the scan ran with (it changes when they
    /// do; the queue rescans a listing when it does).
    pub version: String,
    pub marks: u64,
    pub images: u64,
    pub works: u64,
    pub rejected: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Timings {
    pub load_references_s: f64,
    pub scan_s: f64,
    pub total_s: f64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Throughput {
    pub listings_per_s: f64,
    /// `images_examined` over the scan's time.
    pub images_per_s: f64,
    pub mb_per_s: f64,
}

/// The process's peak resident set size in MB, from `/proc/self/status` (`VmHWM`).
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

impl Summary {
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut file = AtomicFile::create(path)?;
        serde_json::to_writer_pretty(&mut file, self).map_err(|e| Error::io(path, e.into()))?;
        file.write_all(b"\n").map_err(|e| Error::io(path, e))?;
        file.commit()
    }
}
