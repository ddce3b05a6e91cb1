use std::path::Path;

use crate::error::Result;
use crate::model::Reject;
use crate::sink::atomic::CsvOut;

/// `rejects.csv` (and `ref_rejects.csv`): file, line, id, scope, reason, detail.
#[derive(Debug)]
pub struct RejectsCsv {
    out: CsvOut,
}

impl RejectsCsv {
    pub fn create(path: &Path) -> Result<RejectsCsv> {
        Ok(RejectsCsv {
            out: CsvOut::create(path, &["file", "line", "id", "scope", "reason", "detail"])?,
        })
    }

    pub fn write(&mut self, rejects: &[Reject]) -> Result<()> {
        for r in rejects {
            self.out.record(&[
                &r.file,
                &r.line.to_string(),
                &r.id,
                r.scope.as_str(),
                r.reason,
                &r.detail,
            ])?;
        }
        Ok(())
    }

    /// Appends the rows of another `rejects.csv` as they are.
    pub fn copy_from(&mut self, path: &Path) -> Result<()> {
        let csv_err = |e| crate::sink::atomic::csv_error(e, path);
        let mut reader = csv::Reader::from_path(path).map_err(csv_err)?;
        for record in reader.records() {
            let r = record.map_err(csv_err)?;
            let cells: Vec<&str> = r.iter().collect();
            self.out.record(&cells)?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()
    }

    pub fn finish(self) -> Result<()> {
        self.out.finish()
    }
}

/// Writes `rejects` to a new file at `path`.
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<()> {
    let mut w = RejectsCsv::create(path)?;
    w.write(rejects)?;
    w.finish()
}
