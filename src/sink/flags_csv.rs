use std::path::Path;

use crate::error::Result;
use crate::model::Flag;
use crate::sink::FlagSink;
use crate::sink::atomic::CsvOut;

/// `flags.csv`.
#[derive(Debug)]
pub struct FlagsCsv {
    out: CsvOut,
}

impl FlagsCsv {
    pub fn create(path: &Path) -> Result<FlagsCsv> {
        Ok(FlagsCsv {
            out: CsvOut::create(path, &Flag::COLUMNS)?,
        })
    }
}

impl FlagSink for FlagsCsv {
    fn write(&mut self, flags: &[Flag]) -> Result<()> {
        for f in flags {
            let cells = f.cells();
            self.out.record(&cells.each_ref().map(AsRef::as_ref))?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush()
    }

    fn finish(self: Box<Self>) -> Result<()> {
        self.out.finish()
    }
}
