//! Errors that stop a run: an input that cannot be opened, a bad config, an output that
//! cannot be written. Problems with single rows are not errors: they become
//! [`Reject`](crate::model::Reject)s and the run goes on.

use std::fmt;
use std::path::{Path, PathBuf};

/// A fatal error, with what failed and where.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    position: Option<Position>,
}

/// Where in a file an error happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line (CSV, JSONL) or row (Parquet) number.
    pub line: u64,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io(std::io::Error),
    /// A CSV file could not be parsed at all (not a row problem).
    Csv(csv::Error),
    /// A Parquet file could not be opened or decoded.
    Parquet(String),
    /// The config file, or a combination of options, is invalid.
    Config(String),
    /// A listing dump has an extension ippscan does not read.
    UnsupportedFormat(String),
    /// A reference upload cannot be used at all (no valid header, no rows).
    References(String),
    /// The complaint queue cannot be used as it is (held by another scan, or holding
    /// what this version does not know).
    Queue(String),
    /// The complaint queue's database failed.
    Database(rusqlite::Error),
    /// A reference bundle is not one, is from another version, or is damaged.
    Bundle(String),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            path: None,
            position: None,
        }
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(err)).with_path(path)
    }

    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config(msg.into()))
    }

    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    pub(crate) fn with_line(mut self, line: u64) -> Error {
        self.position = Some(Position { line });
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file involved, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The failing line or row, when known.
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// Whether writing failed because the reader went away (`ippscan queue list | head`):
    /// not a failure of the run.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match &self.kind {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => Some(e),
                _ => None,
            },
            _ => None,
        };
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(pos) = self.position {
                write!(f, ":{}", pos.line)?;
            }
            f.write_str(": ")?;
        }
        match &self.kind {
            ErrorKind::Io(_) => f.write_str("cannot read or write"),
            ErrorKind::Csv(_) => f.write_str("invalid CSV"),
            ErrorKind::Database(_) => f.write_str("complaint queue database"),
            ErrorKind::Parquet(e) => write!(f, "invalid Parquet: {e}"),
            ErrorKind::Config(e) | ErrorKind::References(e) => write!(f, "{e}"),
            ErrorKind::Queue(e) => write!(f, "complaint queue: {e}"),
            ErrorKind::Bundle(e) => write!(f, "reference bundle: {e}"),
            ErrorKind::UnsupportedFormat(ext) => write!(
                f,
                "unsupported dump format {ext:?}: use .csv, .jsonl (or .ndjson) or .parquet"
            ),
        }
    }
}

/// The underlying error of a file, CSV or database failure; the message above it says
/// which file and where, so print the whole chain.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Csv(e) => Some(e),
            ErrorKind::Database(e) => Some(e),
            _ => None,
        }
    }
}

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
