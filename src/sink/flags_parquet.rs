use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::StringDictionaryBuilder;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, Float32Array, RecordBatch, StringArray};
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

/// Columns whose values repeat across a file's rows: dictionary-encoded.
const REPEATING: [&str; 5] = ["run_id", "platform", "reason", "rights_holder", "detail"];

/// The schema of `flags.parquet`: [`Flag::COLUMNS`], `score` a float.
pub fn schema() -> SchemaRef {
    let field = |name: &str| {
        let kind = if name == "score" {
            DataType::Float32
        } else if REPEATING.contains(&name) {
            dict()
        } else {
            DataType::Utf8
        };
        Field::new(name, kind, false)
    };
    Arc::new(Schema::new(Flag::COLUMNS.map(field).to_vec()))
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
    let cells: Vec<_> = flags.iter().map(Flag::cells).collect();
    let column = |(i, field): (usize, &arrow_schema::FieldRef)| -> ArrayRef {
        match field.data_type() {
            DataType::Float32 => Arc::new(flags.iter().map(|f| f.score).collect::<Float32Array>()),
            DataType::Dictionary(..) => {
                let mut b = StringDictionaryBuilder::<Int32Type>::new();
                for c in &cells {
                    b.append_value(&c[i]);
                }
                Arc::new(b.finish())
            }
            _ => Arc::new(cells.iter().map(|c| Some(&*c[i])).collect::<StringArray>()),
        }
    };
    let columns = schema.fields().iter().enumerate().map(column).collect();
    RecordBatch::try_new(Arc::clone(schema), columns)
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
