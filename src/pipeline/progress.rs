//! Progress as counters that the pipeline's workers bump; whoever shows progress (the
//! CLI's bar) reads them. The core never draws anything.

use std::sync::atomic::{AtomicU64, Ordering};

/// Live counts of a scan.
#[derive(Debug, Default)]
pub struct Progress {
    /// Total bytes of the dumps, when known before the scan.
    pub bytes_total: AtomicU64,
    /// Bytes of finished dumps plus the position in the current one.
    pub bytes_done: AtomicU64,
    pub rows_read: AtomicU64,
    pub rows_scanned: AtomicU64,
    pub rows_rejected: AtomicU64,
    pub flags: AtomicU64,
}

impl Progress {
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }

    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn set(counter: &AtomicU64, n: u64) {
        counter.store(n, Ordering::Relaxed);
    }
}
