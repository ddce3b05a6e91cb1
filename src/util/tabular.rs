//! Reading CSV tables by column name: shared by the listing reader and the reference
//! loaders. Rows are read as bytes so that one row's bad UTF-8 or wrong field count is that
//! row's problem, not the file's.

use std::collections::HashMap;

use csv::ByteRecord;

/// Column positions by (trimmed, lower-cased) header name.
#[derive(Clone, Debug, Default)]
pub(crate) struct Header {
    index: HashMap<String, usize>,
    len: usize,
}

impl Header {
    pub(crate) fn new(record: &ByteRecord) -> Header {
        let mut index = HashMap::new();
        for (i, name) in record.iter().enumerate() {
            let name = String::from_utf8_lossy(name)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_lowercase();
            index.entry(name).or_insert(i);
        }
        Header {
            index,
            len: record.len(),
        }
    }

    /// Where `column` is, looked up once for reading many rows.
    pub(crate) fn column(&self, column: &str) -> Column {
        Column(self.index.get(column).copied())
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// Names from `required` that the header lacks.
    pub(crate) fn missing<'a>(&self, required: &[&'a str]) -> Vec<&'a str> {
        required.iter().copied().filter(|c| !self.has(c)).collect()
    }

    /// Why this header cannot be read as a table with `required` columns, if it cannot:
    /// the columns missing, those found, and a near miss for each missing one.
    ///
    /// ```text
    /// missing required column(s): seller_id (found: listing_id, seller, platform, title;
    /// did you mean "seller" for seller_id?)
    /// ```
    pub(crate) fn lacks(&self, required: &[&str]) -> Option<String> {
        let missing = self.missing(required);
        if missing.is_empty() {
            return None;
        }
        let mut found: Vec<(&String, &usize)> = self.index.iter().collect();
        found.sort_by_key(|(_, i)| **i);
        let found: Vec<&str> = found.into_iter().map(|(name, _)| name.as_str()).collect();
        let hints: Vec<String> = missing
            .iter()
            .filter_map(|want| {
                found
                    .iter()
                    .filter(|name| !required.contains(name))
                    .map(|name| (strsim::jaro_winkler(want, name), name))
                    .filter(|(score, _)| *score >= 0.85)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, name)| format!("{name:?} for {want}"))
            })
            .collect();
        let mut message = format!(
            "missing required column(s): {} (found: {}",
            missing.join(", "),
            found.join(", ")
        );
        if !hints.is_empty() {
            message.push_str("; did you mean ");
            message.push_str(&hints.join(", "));
            message.push('?');
        }
        message.push(')');
        Some(message)
    }

    /// The value of `column` in a record that may not be valid UTF-8, for reports.
    pub(crate) fn lossy(&self, record: &ByteRecord, column: &str) -> String {
        self.index
            .get(column)
            .and_then(|&i| record.get(i))
            .map(|b| String::from_utf8_lossy(b).trim().to_string())
            .unwrap_or_default()
    }

    /// A view of one record, after checking its field count and encoding.
    pub(crate) fn row<'r>(&'r self, record: &'r ByteRecord) -> Result<Row<'r>, RowError> {
        if record.len() != self.len {
            return Err(RowError::Ragged {
                expected: self.len,
                found: record.len(),
            });
        }
        for (i, field) in record.iter().enumerate() {
            if let Err(e) = std::str::from_utf8(field) {
                return Err(RowError::Utf8 {
                    column: self
                        .index
                        .iter()
                        .find_map(|(name, &j)| (j == i).then(|| name.clone()))
                        .unwrap_or_else(|| format!("#{}", i + 1)),
                    offset: e.valid_up_to(),
                });
            }
        }
        Ok(Row {
            header: self,
            record,
        })
    }
}

/// Why a record could not be read as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RowError {
    Ragged { expected: usize, found: usize },
    Utf8 { column: String, offset: usize },
}

impl RowError {
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            RowError::Ragged { .. } => "ragged_row",
            RowError::Utf8 { .. } => "invalid_utf8",
        }
    }

    pub(crate) fn detail(&self) -> String {
        match self {
            RowError::Ragged { expected, found } => {
                format!("row has {found} fields, the header has {expected}")
            }
            RowError::Utf8 { column, offset } => {
                format!("column {column} is not valid UTF-8 (at byte {offset})")
            }
        }
    }
}

/// A column's position in a header (`None`: the header lacks it).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column(Option<usize>);

/// One record whose fields are all valid UTF-8.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'r> {
    header: &'r Header,
    record: &'r ByteRecord,
}

impl<'r> Row<'r> {
    /// The trimmed value of `column`; `None` when the column is absent or the cell empty.
    pub(crate) fn get(&self, column: &str) -> Option<&'r str> {
        self.get_at(self.header.column(column))
    }

    /// As [`Row::get`], for a column looked up before.
    pub(crate) fn get_at(&self, column: Column) -> Option<&'r str> {
        let s = self.raw_at(column).trim();
        (!s.is_empty()).then_some(s)
    }

    /// The untrimmed value of a column looked up before, empty when absent.
    pub(crate) fn raw_at(&self, column: Column) -> &'r str {
        column
            .0
            .and_then(|i| self.record.get(i))
            // Checked in `Header::row`.
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// Splits a `|`-separated list cell into its trimmed, non-empty items.
pub(crate) fn split_list(cell: Option<&str>) -> Vec<String> {
    cell.map(|c| {
        c.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}
