//! Outputs: one writer per file format. Every file is written under a temporary name and
//! renamed into place when complete, so a file with its final name is never half-written.

pub(crate) mod atomic;
mod flags_csv;
mod flags_jsonl;
mod flags_parquet;
mod rejects;
mod summary;

pub use atomic::AtomicFile;
pub use flags_csv::FlagsCsv;
pub use flags_jsonl::FlagsJsonl;
pub use flags_parquet::FlagsParquet;
pub use rejects::RejectsCsv;
pub use rejects::write_rejects;
pub use summary::{
    Counts, Inputs, QueueSummary, RefCounts, ReportSummary, Summary, Throughput, Timings,
    peak_memory_mb,
};

use crate::error::Result;
use crate::model::Flag;

/// A CSV cell as written for people who open it in a spreadsheet: one that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula, so it gets a
/// leading `'` (shown, never run). Every CSV ippscan writes for reviewers goes through it.
///
/// # Example
/// ```
/// use ippscan::sink::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(spreadsheet_safe("Nike"), "Nike");
/// ```
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell read back from a CSV written with [`spreadsheet_safe`], as it was before.
///
/// # Example
/// ```
/// use ippscan::sink::{spreadsheet_safe, unguarded};
/// assert_eq!(unguarded(&spreadsheet_safe("=1+1")), "=1+1");
/// assert_eq!(unguarded("'quoted'"), "'quoted'");
/// ```
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A destination for flags.
pub trait FlagSink: Send {
    /// Writes a batch of flags.
    fn write(&mut self, flags: &[Flag]) -> Result<()>;

    /// Hands what is buffered to the file system: a full disk shows here, before the batch
    /// enters the complaint queue. A format that writes in blocks (Parquet's row groups)
    /// hands over the blocks it has closed and keeps filling the open one.
    fn flush(&mut self) -> Result<()>;

    /// Flushes and puts the file in place.
    fn finish(self: Box<Self>) -> Result<()>;
}
