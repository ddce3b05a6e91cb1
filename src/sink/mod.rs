//! Outputs: one writer per file format. Every file is written under a temporary name and
//! renamed into place when complete, so a file with its final name is never half-written.

mod atomic;
mod flags_csv;
mod flags_parquet;
mod rejects;
mod summary;

pub use atomic::AtomicFile;
pub use flags_csv::FlagsCsv;
pub use flags_parquet::FlagsParquet;
pub use rejects::RejectsCsv;
pub use rejects::write_rejects;
pub use summary::{
    Counts, Inputs, QueueSummary, RefCounts, ReportSummary, Summary, Throughput, Timings,
};

use crate::error::Result;
use crate::model::Flag;

/// A destination for flags.
pub trait FlagSink: Send {
    /// Writes a batch of flags.
    fn write(&mut self, flags: &[Flag]) -> Result<()>;

    /// Flushes and puts the file in place.
    fn finish(self: Box<Self>) -> Result<()>;
}
