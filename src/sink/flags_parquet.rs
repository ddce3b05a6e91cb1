use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{Float32Builder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Flag;
use crate::sink::{AtomicFile, FlagSink};

/// `flags.parquet`: the columns of `flags.csv`, with `reason`, `detail`, `platform` and
/// `run_id` dictionary-encoded and `score` a float.
#[derive(Debug)]
pub struct FlagsParquet {
    writer: ArrowWriter<AtomicFile>,
    schema: SchemaRef,
    path: std::path::PathBuf,
}

const ROW_GROUP_ROWS: usize = 65_536;

fn dict() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// The schema of `flags.parquet`.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("run_id", dict(), false),
        Field::new("listing_id", DataType::Utf8, false),
        Field::new("seller_id", DataType::Utf8, false),
        Field::new("platform", dict(), false),
        Field::new("reason", dict(), false),
        Field::new("ref_id", DataType::Utf8, false),
        Field::new("rights_holder", dict(), false),
        Field::new("score", DataType::Float32, false),
        Field::new("detail", dict(), false),
        Field::new("evidence", DataType::Utf8, false),
    ]))
}

impl FlagsParquet {
    pub fn create(path: &Path) -> Result<FlagsParquet> {
        let file = AtomicFile::create(path)?;
        let schema = schema();
        // Row groups are buffered in memory until full: keep them small enough that memory
        // stays flat however many flags a run writes.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))
            .map_err(|e| parquet_error(&e, path))?;
        Ok(FlagsParquet {
            writer,
            schema,
            path: path.to_path_buf(),
        })
    }
}

fn parquet_error(e: &dyn std::fmt::Display, path: &Path) -> Error {
    Error::new(ErrorKind::Parquet(e.to_string())).with_path(path)
}

fn batch(
    schema: &SchemaRef,
    flags: &[Flag],
) -> std::result::Result<RecordBatch, arrow_schema::ArrowError> {
    let dict = |get: fn(&Flag) -> &str| -> ArrayRef {
        let mut b = StringDictionaryBuilder::<Int32Type>::new();
        for f in flags {
            b.append_value(get(f));
        }
        Arc::new(b.finish())
    };
    let text = |get: fn(&Flag) -> &str| -> ArrayRef {
        let mut b = StringBuilder::new();
        for f in flags {
            b.append_value(get(f));
        }
        Arc::new(b.finish())
    };
    let mut score = Float32Builder::with_capacity(flags.len());
    for f in flags {
        score.append_value(f.score);
    }
    RecordBatch::try_new(
        Arc::clone(schema),
        vec![
            dict(|f| &f.run_id),
            text(|f| &f.listing_id),
            text(|f| &f.seller_id),
            dict(|f| &f.platform),
            dict(|f| f.reason.as_str()),
            text(|f| &f.ref_id),
            dict(|f| &f.rights_holder),
            Arc::new(score.finish()),
            dict(|f| &f.detail),
            text(|f| &f.evidence),
        ],
    )
}

impl FlagSink for FlagsParquet {
    fn write(&mut self, flags: &[Flag]) -> Result<()> {
        if flags.is_empty() {
            return Ok(());
        }
        let batch = batch(&self.schema, flags).map_err(|e| parquet_error(&e, &self.path))?;
        self.writer
            .write(&batch)
            .map_err(|e| parquet_error(&e, &self.path))
    }

    fn flush(&mut self) -> Result<()> {
        // Closing the row group here would cut one per batch: small groups read slowly.
        std::io::Write::flush(self.writer.inner_mut()).map_err(|e| Error::io(&self.path, e))
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let path = self.path;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| parquet_error(&e, &path))?;
        file.commit()
    }
}
