//! ippscan finds marketplace listings that infringe intellectual property: registered
//! marks and their disguises in listing text, copies of rights holders' photos and design
//! images, and photos whose mark was deliberately hidden.
//!
//! The library is the whole scanner; the `ippscan` binary is a thin command line over it.
//! Data flows from [`source`] (dump readers) through the detectors ([`text`]) and the
//! [`policy`] into the [`sink`]s, driven by [`pipeline`].
pub mod config;
pub mod detect;
pub mod error;
pub mod model;
pub mod pipeline;
pub mod policy;
pub mod queue;
pub mod refs;
pub mod report;
pub mod sink;
pub mod source;
pub mod synth;
pub mod util;

pub use config::Config;
pub use error::{Error, ErrorKind, Result};
pub use pipeline::Progress;
pub use pipeline::{ScanJob, Scanner};
