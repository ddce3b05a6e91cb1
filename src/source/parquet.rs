//! Parquet dumps: read by record batch, projected to the listing columns.

use std::fs::File;
use std::sync::mpsc;
use std::time::Duration;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type, Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::error::{Error, ErrorKind, Result};

/// A cell's problem: reason code and a sentence.
type CellFault = (&'static str, String);
use crate::model::{Reject, RejectScope};
use crate::source::{
    COLUMNS, ListingSource, REQUIRED_COLUMNS, RawListing, RawRow, non_blank, split_paths,
};
use crate::util::tabular::Header;

const BATCH_ROWS: usize = 4096;

/// Rows of a broken file listed as rejects one by one; past this, the rest of the rows its
/// footer claims are one reject (a footer may claim any number).
const REJECTS_LISTED: u64 = 10_000;

thread_local! {
    /// Set while [`guarded`] runs the reader: its panics are errors, not news for stderr.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs the Parquet reader on untrusted bytes: a panic in it (it asserts on some malformed
/// footers) becomes an error about the file instead of ending the run.
fn guarded<T>(read: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(false));
    result.map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("malformed file (the Parquet reader gave up: {why})")
    })
}

/// What the reading thread sends: a batch, or why reading stopped.
type Sent = std::result::Result<RecordBatch, String>;

pub(super) struct ParquetSource {
    /// Batches from the thread that runs the Parquet reader (a malformed page header can
    /// send it into a loop that never returns).
    batches: mpsc::Receiver<Sent>,
    /// Longest wait for a batch before the rest of the file is given up.
    stall: Duration,
    name: String,
    total_rows: u64,
    file_len: u64,
    rows_done: u64,
    pending: Option<(RecordBatch, usize)>,
}

impl ParquetSource {
    pub(super) fn new(file: File, name: String, stall: Duration) -> Result<ParquetSource> {
        let file_len = file.metadata().map_or(0, |m| m.len());
        let err = |e: &dyn std::fmt::Display| {
            Error::new(ErrorKind::Parquet(e.to_string())).with_path(name.as_ref())
        };
        let builder = guarded(|| ParquetRecordBatchReaderBuilder::try_new(file))
            .map_err(|e| err(&e))?
            .map_err(|e| err(&e))?;
        let total_rows = builder.metadata().file_metadata().num_rows().max(0) as u64;
        let fields = builder.schema().fields();
        let names =
            csv::ByteRecord::from(fields.iter().map(|f| f.name().as_str()).collect::<Vec<_>>());
        if let Some(lacks) = Header::new(&names).lacks(REQUIRED_COLUMNS) {
            return Err(Error::config(lacks).with_path(name.as_ref()));
        }
        let wanted: Vec<usize> = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| COLUMNS.contains(&f.name().to_lowercase().as_str()))
            .map(|(i, _)| i)
            .collect();
        let mask = ProjectionMask::roots(builder.parquet_schema(), wanted);
        let reader = guarded(|| {
            builder
                .with_projection(mask)
                .with_batch_size(BATCH_ROWS)
                .build()
        })
        .map_err(|e| err(&e))?
        .map_err(|e| err(&e))?;
        Ok(ParquetSource {
            batches: read_on_a_thread(reader),
            stall,
            name,
            total_rows,
            file_len,
            rows_done: 0,
            pending: None,
        })
    }

    /// Every row not yet read, as a reject: the file broke off at `rows_done`.
    fn reject_rest(&mut self, why: &str, out: &mut Vec<RawRow>) {
        let listed = self.total_rows.min(self.rows_done + REJECTS_LISTED);
        let reject = |line: u64, detail: String| {
            RawRow::Bad(Reject {
                file: self.name.clone(),
                line,
                id: String::new(),
                scope: RejectScope::Row,
                reason: "unreadable_row",
                detail,
            })
        };
        for row in self.rows_done..listed {
            out.push(reject(row + 1, format!("row could not be decoded: {why}")));
        }
        if listed < self.total_rows {
            let rest = self.total_rows - listed;
            out.push(reject(
                listed + 1,
                format!("the footer claims {rest} more rows, which could not be decoded: {why}"),
            ));
        }
        self.rows_done = self.total_rows;
    }
}

impl ListingSource for ParquetSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawRow>) -> Result<bool> {
        let mut taken = 0;
        while taken < max {
            let (batch, offset) = match self.pending.take() {
                Some(p) => p,
                None => match self.batches.recv_timeout(self.stall) {
                    Ok(Ok(batch)) => (batch, 0),
                    Ok(Err(why)) => {
                        self.reject_rest(&why, out);
                        return Ok(false);
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(false),
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        let why = format!(
                            "the Parquet reader made no progress for {} s",
                            self.stall.as_secs_f32()
                        );
                        self.reject_rest(&why, out);
                        return Ok(false);
                    }
                },
            };
            let n = (batch.num_rows() - offset).min(max - taken);
            let columns = Columns::new(&batch);
            for i in offset..offset + n {
                self.rows_done += 1;
                out.push(columns.row(i, self.rows_done, &self.name));
            }
            taken += n;
            if offset + n < batch.num_rows() {
                self.pending = Some((batch, offset + n));
            }
        }
        Ok(true)
    }

    fn bytes_read(&self) -> u64 {
        if self.total_rows == 0 {
            return self.file_len;
        }
        ((self.rows_done as f64 / self.total_rows as f64) * self.file_len as f64) as u64
    }
}

/// Runs `reader` on a thread of its own, one batch ahead. The thread stops at the end of
/// the file, at the first error, or when the receiver is gone; one stuck in a loop is left
/// behind (it holds a few pages at most).
fn read_on_a_thread(mut reader: ParquetRecordBatchReader) -> mpsc::Receiver<Sent> {
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::spawn(move || {
        loop {
            let sent: Sent = match guarded(|| reader.next()) {
                Ok(None) => return,
                Ok(Some(Ok(batch))) => Ok(batch),
                Ok(Some(Err(e))) => Err(e.to_string()),
                Err(why) => Err(why),
            };
            let stop = sent.is_err();
            if tx.send(sent).is_err() || stop {
                return;
            }
        }
    });
    rx
}

/// The listing columns of one record batch, by name.
struct Columns {
    by_name: Vec<(&'static str, ArrayRef)>,
}

impl Columns {
    fn new(batch: &RecordBatch) -> Columns {
        let schema = batch.schema();
        let by_name = COLUMNS
            .iter()
            .filter_map(|&c| {
                let i = schema
                    .fields()
                    .iter()
                    .position(|f| f.name().eq_ignore_ascii_case(c))?;
                Some((c, batch.column(i).clone()))
            })
            .collect();
        Columns { by_name }
    }

    fn get(&self, column: &str) -> Option<&ArrayRef> {
        self.by_name
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, a)| a)
    }

    fn row(&self, i: usize, line: u64, file: &str) -> RawRow {
        match self.try_row(i, line) {
            Ok(raw) => RawRow::Row(raw),
            Err((reason, detail)) => RawRow::Bad(Reject {
                file: file.to_string(),
                line,
                id: self
                    .text("listing_id", i)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                scope: RejectScope::Row,
                reason,
                detail,
            }),
        }
    }

    fn try_row(&self, i: usize, line: u64) -> std::result::Result<RawListing, CellFault> {
        let trimmed = |c: &str| -> std::result::Result<Option<String>, CellFault> {
            Ok(self
                .text(c, i)?
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()))
        };
        Ok(RawListing {
            line,
            listing_id: trimmed("listing_id")?,
            seller_id: trimmed("seller_id")?,
            platform: trimmed("platform")?,
            category: trimmed("category")?,
            title: self.text("title", i)?.as_deref().and_then(non_blank),
            description: self.text("description", i)?.as_deref().and_then(non_blank),
            price: trimmed("price")?,
            currency: trimmed("currency")?,
            image_paths: self.paths(i)?,
        })
    }

    fn text(&self, column: &str, i: usize) -> std::result::Result<Option<String>, CellFault> {
        match self.get(column) {
            Some(array) => cell_text(array.as_ref(), i).map_err(|e| e.with_column(column)),
            None => Ok(None),
        }
    }

    fn paths(&self, i: usize) -> std::result::Result<Vec<String>, CellFault> {
        let Some(array) = self.get("image_paths") else {
            return Ok(Vec::new());
        };
        if array.is_null(i) {
            return Ok(Vec::new());
        }
        let items = match array.data_type() {
            DataType::List(_) => array.as_list::<i32>().value(i),
            DataType::LargeList(_) => array.as_list::<i64>().value(i),
            _ => {
                let cell =
                    cell_text(array.as_ref(), i).map_err(|e| e.with_column("image_paths"))?;
                return Ok(cell.as_deref().map(split_paths).unwrap_or_default());
            }
        };
        let mut paths = Vec::with_capacity(items.len());
        for j in 0..items.len() {
            if let Some(p) =
                cell_text(items.as_ref(), j).map_err(|e| e.with_column("image_paths"))?
            {
                paths.extend(split_paths(&p));
            }
        }
        Ok(paths)
    }
}

enum CellError {
    Utf8,
    Type(DataType),
}

impl CellError {
    fn with_column(self, column: &str) -> CellFault {
        match self {
            CellError::Utf8 => (
                "invalid_utf8",
                format!("column {column} is not valid UTF-8"),
            ),
            CellError::Type(t) => (
                "bad_type",
                format!("column {column} has type {t}, expected text or a number"),
            ),
        }
    }
}

/// A cell as text: strings as they are, binary if it is UTF-8, numbers formatted.
fn cell_text(array: &dyn Array, i: usize) -> std::result::Result<Option<String>, CellError> {
    if array.is_null(i) {
        return Ok(None);
    }
    let text = match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(i).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(i).to_string(),
        DataType::Utf8View => array.as_string_view().value(i).to_string(),
        DataType::Binary => utf8(array.as_binary::<i32>().value(i))?,
        DataType::LargeBinary => utf8(array.as_binary::<i64>().value(i))?,
        DataType::BinaryView => utf8(array.as_binary_view().value(i))?,
        DataType::Int32 => array.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(i).to_string(),
        DataType::Float32 => array.as_primitive::<Float32Type>().value(i).to_string(),
        DataType::Float64 => array.as_primitive::<Float64Type>().value(i).to_string(),
        DataType::Decimal128(_, _) => array
            .as_primitive::<arrow_array::types::Decimal128Type>()
            .value_as_string(i),
        other => return Err(CellError::Type(other.clone())),
    };
    Ok(Some(text))
}

fn utf8(bytes: &[u8]) -> std::result::Result<String, CellError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|_| CellError::Utf8)
}
