//! ippscan finds marketplace listings that infringe intellectual property before a rights
//! holder has to complain: registered marks and their disguises in listing text, copies of
//! rights holders' photos and design images, and photos whose mark was deliberately hidden.
//!
//! # Design
//!
//! The library is the whole scanner; the `ippscan` binary is a thin command line over it.
//! A scan flows one way, and the modules follow it:
//!
//! - [`source`] reads listing dumps (CSV, JSON Lines, Parquet), one reader per format, in
//!   batches, and validates each row into a [`model::Listing`] or a [`model::Reject`];
//! - [`refs`] validates rights holders' uploads row by row into a [`refs::RefBundle`];
//! - [`detect`] holds the [`detect::Detector`]s, pure and `Send + Sync`: the text detector
//!   ([`detect::text`]) and the image detector ([`detect::image`]), which report
//!   [`model::Evidence`];
//! - [`policy`] turns evidence into [`model::Flag`]s: territory, authorised sellers,
//!   eligibility, scores, and what corroborates an obscured mark;
//! - [`sink`] writes flags, rejects and the summary, [`queue`] keeps the complaints across
//!   runs, [`report`] draws the reviewers' page;
//! - [`pipeline`] drives it: a reader thread feeds batches, rayon runs the detectors on every
//!   core, a writer thread writes the outputs in input order, and listings the queue saw
//!   unchanged under the same references and settings are skipped.
//!
//! [`Config`] is read and validated once; the pipeline hands its limits and thresholds to
//! every component. Progress is plain counters ([`Progress`]): the library never draws.
//! Fatal problems are an [`Error`] with a kind, the file and line, and its source; a bad
//! row or image is a reject, and the run goes on. [`model`] is plain data with no logic of
//! its own beyond accessors, and the one place the flag schema
//! ([`model::Flag::COLUMNS`]) is written.
//!
//! # Example
//!
//! ```no_run
//! use ippscan::{Config, Scanner, model::Listing, refs::RefLoader};
//!
//! let upload = RefLoader::new().load(Some("data/marks.csv".as_ref()), None)?;
//! let scanner = Scanner::new(Config::default(), upload.bundle);
//! let listing = Listing {
//!     listing_id: "L1".into(),
//!     seller_id: "s1".into(),
//!     platform: "taobao".into(),
//!     title: "N1ke Air Max 1:1 replica".into(),
//!     ..Listing::default()
//! };
//! for flag in scanner.scan("run-1", &listing) {
//!     println!("{} {} {}", flag.reason.as_str(), flag.ref_id, flag.score);
//! }
//! # Ok::<(), ippscan::Error>(())
//! ```

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
