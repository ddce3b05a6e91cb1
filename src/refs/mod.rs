//! Reference uploads: rights holders' marks and images, validated row by row into a
//! [`RefBundle`] that the detectors compile their matchers from.

mod bundle;
mod countries;
mod fields;
mod images;
mod marks;
mod works;

use std::path::Path;

use chrono::NaiveDate;

pub use bundle::{BUNDLE_VERSION, read_bundle, write_bundle};

use crate::error::Result;
use crate::model::{Mark, RefImage, Reject, RejectScope, Work};

/// The validated references a scan runs against.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RefBundle {
    pub marks: Vec<Mark>,
    pub images: Vec<RefImage>,
    #[serde(default)]
    pub works: Vec<Work>,
}

/// The outcome of one uploaded row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowStatus {
    /// Used; `notes` says what of it was not (a dropped alias, say).
    Accepted { notes: Vec<String> },
    /// Not used.
    Rejected {
        reason: &'static str,
        detail: String,
    },
}

/// One uploaded row and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowReport {
    pub file: String,
    pub line: u64,
    pub id: String,
    pub status: RowStatus,
}

/// A validated upload: the usable references and a report on every row.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    pub bundle: RefBundle,
    pub rows: Vec<RowReport>,
}

impl Upload {
    /// The rejected rows, as rejects.
    pub fn rejects(&self) -> Vec<Reject> {
        self.rows
            .iter()
            .filter_map(|r| match &r.status {
                RowStatus::Rejected { reason, detail } => Some(Reject {
                    file: r.file.clone(),
                    line: r.line,
                    id: r.id.clone(),
                    scope: RejectScope::Reference,
                    reason,
                    detail: detail.clone(),
                }),
                RowStatus::Accepted { .. } => None,
            })
            .collect()
    }

    /// How many rows were rejected.
    pub fn rejected_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.status, RowStatus::Rejected { .. }))
            .count()
    }
}

/// Loads and validates reference uploads.
///
/// # Example
/// ```no_run
/// use std::path::Path;
/// let upload = ippscan::refs::RefLoader::new()
///     .today(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
///     .load(Some(Path::new("data/marks.csv")), Some(Path::new("data/images.csv")))
///     .unwrap();
/// println!("{} marks usable, {} rows rejected",
///     upload.bundle.marks.len(), upload.rejected_count());
/// ```
#[derive(Clone, Debug)]
pub struct RefLoader {
    today: NaiveDate,
    max_image_pixels: u64,
}

impl Default for RefLoader {
    fn default() -> RefLoader {
        RefLoader::new()
    }
}

impl RefLoader {
    pub fn new() -> RefLoader {
        RefLoader {
            today: chrono::Local::now().date_naive(),
            max_image_pixels: crate::model::limits::MAX_IMAGE_PIXELS,
        }
    }

    /// The date against which `valid_until` is checked (default: today).
    pub fn today(&mut self, today: NaiveDate) -> &mut RefLoader {
        self.today = today;
        self
    }

    /// Reference images with more pixels than this are rejected before decoding.
    pub fn max_image_pixels(&mut self, pixels: u64) -> &mut RefLoader {
        self.max_image_pixels = pixels;
        self
    }

    /// Validates the given files. A file that cannot be read, or lacks a required column,
    /// is an error; a bad row is a [`RowStatus::Rejected`] row.
    pub fn load(&self, marks: Option<&Path>, images: Option<&Path>) -> Result<Upload> {
        let mut upload = Upload::default();
        if let Some(path) = marks {
            let (m, rows) = marks::load(path, self.today)?;
            upload.bundle.marks = m;
            upload.rows.extend(rows);
        }
        if let Some(path) = images {
            let (i, rows) = images::load(path, self.today, self.max_image_pixels)?;
            upload.bundle.images = i;
            upload.rows.extend(rows);
        }
        Ok(upload)
    }

    /// Validates a `works.csv` into `upload`: its works join the bundle, its rows the
    /// report.
    pub fn load_works(&self, path: &Path, upload: &mut Upload) -> Result<()> {
        let (works, rows) = works::load(path, self.today)?;
        upload.bundle.works = works;
        upload.rows.extend(rows);
        Ok(())
    }
}
