use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file written under `NAME.partial` and renamed to `NAME` by [`AtomicFile::commit`].
#[derive(Debug)]
pub struct AtomicFile {
    writer: BufWriter<File>,
    partial: PathBuf,
    target: PathBuf,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let mut partial = target.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        Ok(AtomicFile {
            writer: BufWriter::with_capacity(1 << 16, file),
            partial,
            target: target.to_path_buf(),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> Result<()> {
        let AtomicFile {
            writer,
            partial,
            target,
        } = self;
        let file = writer
            .into_inner()
            .map_err(|e| Error::io(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))
    }

    pub fn path(&self) -> &Path {
        &self.partial
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// A CSV file written through an [`AtomicFile`].
#[derive(Debug)]
pub(crate) struct CsvOut {
    writer: csv::Writer<AtomicFile>,
    path: PathBuf,
}

impl CsvOut {
    pub(crate) fn create(path: &Path, header: &[&str]) -> Result<CsvOut> {
        let mut out = CsvOut {
            writer: csv::Writer::from_writer(AtomicFile::create(path)?),
            path: path.to_path_buf(),
        };
        out.record(header)?;
        Ok(out)
    }

    /// Writes a row, each cell made [`spreadsheet_safe`](crate::sink::spreadsheet_safe).
    pub(crate) fn record(&mut self, fields: &[&str]) -> Result<()> {
        let csv_err = |e| csv_error(e, &self.path);
        for f in fields {
            self.writer
                .write_field(crate::sink::spreadsheet_safe(f).as_bytes())
                .map_err(csv_err)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(csv_err)
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        self.writer.flush().map_err(|e| Error::io(&self.path, e))
    }

    pub(crate) fn finish(self) -> Result<()> {
        let path = self.path;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| Error::io(&path, e.error().kind().into()))?;
        file.commit()
    }
}

/// A CSV writer's error: a failed write (a full disk) is an I/O error on `path`, not bad
/// CSV.
pub(crate) fn csv_error(e: csv::Error, path: &Path) -> Error {
    if !e.is_io_error() {
        return Error::new(crate::error::ErrorKind::Csv(e)).with_path(path);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        _ => unreachable!("is_io_error said so"),
    }
}
