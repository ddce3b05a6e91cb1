//! Listing dumps: one reader per format, each turning its file into [`RawListing`]s in
//! batches; [`Validator`] then makes them [`Listing`]s or rejects.

mod csv;
mod jsonl;
mod parquet;
mod seen_ids;
mod validate;

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};
use crate::model::Reject;
use crate::model::limits::Limits;

pub use seen_ids::SeenIds;
pub use validate::Validator;

/// One row as read from a dump, before validation. Cells are trimmed; empty means absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawListing {
    pub line: u64,
    pub listing_id: Option<String>,
    pub seller_id: Option<String>,
    pub platform: Option<String>,
    pub category: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub price: Option<String>,
    pub currency: Option<String>,
    pub image_paths: Vec<String>,
}

/// What a reader gives for one row: a row, or a reject it found while reading it (bad
/// encoding, wrong field count, not JSON).
#[derive(Clone, Debug, PartialEq)]
pub enum RawRow {
    Row(RawListing),
    Bad(Reject),
}

/// The bytes of a CSV or JSON Lines dump: a file, or standard input.
pub(crate) type Input = Box<dyn std::io::Read + Send>;

/// The columns every listing must have: a dump whose header or schema lacks one stops the
/// run, where each row would be rejected for the same reason.
pub(crate) const REQUIRED_COLUMNS: &[&str] = &["listing_id", "seller_id", "platform", "title"];

/// The `--listings` value that means standard input.
pub const STDIN: &str = "-";

/// A reader of one dump file.
pub trait ListingSource: Send {
    /// Appends up to `max` rows to `out`; `Ok(false)` once the file is exhausted.
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawRow>) -> Result<bool>;

    /// How far into the file the reader is, in bytes (an estimate for formats read by row
    /// group), for progress.
    fn bytes_read(&self) -> u64;
}

/// A dump's format, from its file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
    /// The format of `path`, by extension.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// Opens a reader for `path`, with the default [`Limits`].
pub fn open(path: &Path) -> Result<Box<dyn ListingSource>> {
    open_with(path, &Limits::default())
}

/// Opens a reader for `path`, bounded by `limits`.
pub fn open_with(path: &Path, limits: &Limits) -> Result<Box<dyn ListingSource>> {
    let format = Format::of(path).ok_or_else(|| {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        Error::new(ErrorKind::UnsupportedFormat(ext)).with_path(path)
    })?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    Ok(match format {
        Format::Csv => Box::new(csv::CsvSource::new(Box::new(file), name)?),
        Format::Jsonl => Box::new(jsonl::JsonlSource::new(
            Box::new(file),
            name,
            limits.max_line_bytes,
        )),
        Format::Parquet => Box::new(parquet::ParquetSource::new(
            file,
            name,
            std::time::Duration::from_millis(limits.max_stall_ms),
        )?),
    })
}

/// Opens a reader for standard input, in `format` (CSV or JSON Lines: Parquet needs a
/// file it can seek in).
pub fn open_stdin(format: Format, limits: &Limits) -> Result<Box<dyn ListingSource>> {
    let input: Input = Box::new(std::io::stdin());
    let name = STDIN.to_string();
    Ok(match format {
        Format::Csv => Box::new(csv::CsvSource::new(input, name)?),
        Format::Jsonl => Box::new(jsonl::JsonlSource::new(input, name, limits.max_line_bytes)),
        Format::Parquet => {
            return Err(Error::config(
                "Parquet cannot be read from standard input: give --format jsonl or csv, or a file",
            ));
        }
    })
}

/// Expands `--listings` arguments: files as given, folders to the dumps directly inside
/// them (sorted). A missing path, or a folder with no dump, is an error.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            files.push(path.clone());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && Format::of(p).is_some())
                .collect();
            if found.is_empty() {
                return Err(Error::config(
                    "no listing dumps (.csv, .jsonl, .parquet) in this folder",
                )
                .with_path(path));
            }
            found.sort();
            files.extend(found);
        } else {
            if Format::of(path).is_none() {
                return Err(Error::new(ErrorKind::UnsupportedFormat(
                    path.extension()
                        .map(|e| e.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ))
                .with_path(path));
            }
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// The columns a listing reader looks for.
pub(crate) const COLUMNS: [&str; 9] = [
    "listing_id",
    "seller_id",
    "platform",
    "category",
    "title",
    "description",
    "price",
    "currency",
    "image_paths",
];

/// Splits a `|`-joined image list.
pub(crate) fn split_paths(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text as written, `None` when it is only white space: evidence spans index into
/// listing text exactly as the dump has it.
pub(crate) fn non_blank(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}
