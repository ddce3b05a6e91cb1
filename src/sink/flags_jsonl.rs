use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Flag;
use crate::sink::{AtomicFile, FlagSink};

/// Flags as JSON Lines, one object per flag with the columns of `flags.csv`: to a file, or
/// to standard output (`-`) for engines that pipe partitions through a worker.
#[derive(Debug)]
pub struct FlagsJsonl {
    out: Out,
    path: PathBuf,
}

#[derive(Debug)]
enum Out {
    File(AtomicFile),
    Stdout(BufWriter<std::io::Stdout>),
}

impl FlagsJsonl {
    /// Writes to `path`, or to standard output when `path` is `-`.
    pub fn create(path: &Path) -> Result<FlagsJsonl> {
        let out = if path.as_os_str() == "-" {
            Out::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout()))
        } else {
            Out::File(AtomicFile::create(path)?)
        };
        Ok(FlagsJsonl {
            out,
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.out {
            Out::File(f) => f,
            Out::Stdout(s) => s,
        }
    }
}

impl FlagSink for FlagsJsonl {
    fn write(&mut self, flags: &[Flag]) -> Result<()> {
        let path = self.path.clone();
        let w = self.writer();
        for f in flags {
            serde_json::to_writer(&mut *w, f).map_err(|e| Error::io(&path, e.into()))?;
            w.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.writer().flush().map_err(|e| Error::io(&path, e))
    }

    fn finish(self: Box<Self>) -> Result<()> {
        match self.out {
            Out::File(f) => f.commit(),
            Out::Stdout(mut s) => s.flush().map_err(|e| Error::io(&self.path, e)),
        }
    }
}
