use std::path::Path;

use crate::error::Result;
use crate::model::Flag;
use crate::sink::FlagSink;
use crate::sink::atomic::CsvOut;

const HEADER: [&str; 10] = [
    "run_id",
    "listing_id",
    "seller_id",
    "platform",
    "reason",
    "ref_id",
    "rights_holder",
    "score",
    "detail",
    "evidence",
];

/// `flags.csv`.
#[derive(Debug)]
pub struct FlagsCsv {
    out: CsvOut,
}

impl FlagsCsv {
    pub fn create(path: &Path) -> Result<FlagsCsv> {
        Ok(FlagsCsv {
            out: CsvOut::create(path, &HEADER)?,
        })
    }
}

impl FlagSink for FlagsCsv {
    fn write(&mut self, flags: &[Flag]) -> Result<()> {
        for f in flags {
            self.out.record(&[
                &f.run_id,
                &f.listing_id,
                &f.seller_id,
                &f.platform,
                f.reason.as_str(),
                &f.ref_id,
                &f.rights_holder,
                &format!("{:.3}", f.score),
                &f.detail,
                &f.evidence,
            ])?;
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
