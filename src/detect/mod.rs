//! The detector interface. Detectors are pure (`Send + Sync`, no I/O): the pipeline runs
//! them on many listings at once.

use crate::model::{Evidence, Listing};

/// Finds evidence of infringement in one listing.
pub trait Detector: Send + Sync + std::fmt::Debug {
    /// A short stable name, for timings and logs.
    fn name(&self) -> &'static str;

    /// Appends what it finds in `listing` to `out`.
    fn detect(&self, listing: &Listing, out: &mut Vec<Evidence>);
}

pub mod image;
pub mod text;
