//! JSON Lines dumps: one object per line; `image_paths` an array or a `|`-joined string.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Reject, RejectScope};
use crate::source::{
    Input, ListingSource, REQUIRED_COLUMNS, RawListing, RawRow, non_blank, split_paths,
};
use crate::util::tabular::Header;

/// The first objects of a dump whose keys are pooled: a required key none of them has is
/// the dump's shape (an export from another schema), not one row's fault.
const PROBE_OBJECTS: usize = 100;

pub(super) struct JsonlSource {
    reader: BufReader<Input>,
    name: String,
    max_line: usize,
    line: u64,
    bytes: u64,
    buf: Vec<u8>,
    /// Keys of the first objects, until [`PROBE_OBJECTS`] have been read and checked.
    probe: Option<(usize, BTreeSet<String>)>,
}

impl JsonlSource {
    pub(super) fn new(file: Input, name: String, max_line: usize) -> JsonlSource {
        JsonlSource {
            reader: BufReader::with_capacity(1 << 20, file),
            name,
            max_line,
            line: 0,
            bytes: 0,
            buf: Vec::new(),
            probe: Some((0, BTreeSet::new())),
        }
    }

    /// Stops the run when none of the first objects has a required key: one line naming
    /// the keys missing, those found and a near miss, as for a CSV dump's header.
    fn check_keys(&mut self) -> Result<()> {
        let Some((objects, keys)) = self.probe.take() else {
            return Ok(());
        };
        if objects == 0 {
            return Ok(());
        }
        let names = csv::ByteRecord::from(keys.iter().map(String::as_str).collect::<Vec<_>>());
        match Header::new(&names).lacks(REQUIRED_COLUMNS) {
            Some(lacks) => Err(Error::config(format!(
                "{lacks}, in any of the first {objects} objects"
            ))
            .with_path(self.name.as_ref())),
            None => Ok(()),
        }
    }

    fn reject(&self, reason: &'static str, detail: String) -> RawRow {
        RawRow::Bad(Reject {
            file: self.name.clone(),
            line: self.line,
            id: String::new(),
            scope: RejectScope::Row,
            reason,
            detail,
        })
    }
}

impl ListingSource for JsonlSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawRow>) -> Result<bool> {
        let mut rows = 0;
        while rows < max {
            self.buf.clear();
            let (n, cut) = read_line(&mut self.reader, &mut self.buf, self.max_line)
                .map_err(|e| Error::io(self.name.as_ref(), e))?;
            if n == 0 {
                self.check_keys()?;
                return Ok(false);
            }
            self.line += 1;
            self.bytes += n as u64;
            if self.buf.trim_ascii().is_empty() {
                continue;
            }
            rows += 1;
            if cut {
                let detail = format!("line is {n} bytes, over the limit of {}", self.max_line);
                out.push(self.reject("line_too_long", detail));
                continue;
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    let detail = format!("line is not valid UTF-8 (at byte {})", e.valid_up_to());
                    out.push(self.reject("invalid_utf8", detail));
                    continue;
                }
            };
            let row = match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(obj)) => {
                    if let Some((objects, keys)) = &mut self.probe {
                        *objects += 1;
                        keys.extend(obj.keys().cloned());
                        if *objects >= PROBE_OBJECTS {
                            self.check_keys()?;
                        }
                    }
                    RawRow::Row(raw_listing(&obj, self.line))
                }
                Ok(other) => self.reject(
                    "bad_json",
                    format!("expected a JSON object, found {}", json_kind(&other)),
                ),
                Err(e) => self.reject("bad_json", format!("not JSON: {e}")),
            };
            out.push(row);
        }
        Ok(true)
    }

    fn bytes_read(&self) -> u64 {
        self.bytes
    }
}

/// Reads one line (its newline included) into `buf`, keeping at most `max` bytes of it:
/// the bytes consumed, and whether the line was longer.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut consumed, mut cut) = (0, false);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, cut));
        }
        let end = chunk.iter().position(|&b| b == b'\n');
        let take = end.map_or(chunk.len(), |i| i + 1);
        let room = max.saturating_sub(buf.len());
        if !cut {
            buf.extend_from_slice(&chunk[..take.min(room)]);
            cut = take > room;
        }
        reader.consume(take);
        consumed += take;
        if end.is_some() {
            return Ok((consumed, cut));
        }
    }
}

fn raw_listing(obj: &Map<String, Value>, line: u64) -> RawListing {
    let text = |key: &str| obj.get(key).and_then(scalar);
    RawListing {
        line,
        listing_id: text("listing_id").map(|s| s.trim().to_string()),
        seller_id: text("seller_id").map(|s| s.trim().to_string()),
        platform: text("platform").map(|s| s.trim().to_string()),
        category: text("category").map(|s| s.trim().to_string()),
        title: text("title").as_deref().and_then(non_blank),
        description: text("description").as_deref().and_then(non_blank),
        price: text("price").map(|s| s.trim().to_string()),
        currency: text("currency").map(|s| s.trim().to_string()),
        image_paths: match obj.get("image_paths") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(scalar)
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
            Some(Value::String(s)) => split_paths(s),
            _ => Vec::new(),
        },
    }
}

/// A string or number as text; `None` for null, empty strings and structured values.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
