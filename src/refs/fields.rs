//! Checks shared by every kind of reference row.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::RightsScope;
use crate::refs::countries;
use crate::util::tabular::{Row, split_list};

/// A row's rejection: reason code and a sentence.
pub(super) type RowFault = (&'static str, String);

pub(super) fn required<'r>(row: &Row<'r>, column: &str) -> Result<&'r str, RowFault> {
    row.get(column)
        .ok_or_else(|| ("missing_field", format!("{column} is empty")))
}

/// Jurisdictions, categories and authorised sellers.
pub(super) fn scope(row: &Row<'_>) -> Result<RightsScope, RowFault> {
    let jurisdictions: Vec<String> = split_list(Some(required(row, "jurisdictions")?))
        .into_iter()
        .map(|j| j.to_uppercase())
        .collect();
    if jurisdictions.is_empty() {
        return Err(("missing_field", "jurisdictions is empty".into()));
    }
    let unknown: Vec<&str> = jurisdictions
        .iter()
        .map(String::as_str)
        .filter(|j| !countries::is_known(j))
        .collect();
    if !unknown.is_empty() {
        return Err((
            "unknown_jurisdiction",
            format!(
                "unknown jurisdiction {}: use ISO-3166 alpha-2 codes, EU or WIPO{}",
                unknown.join(", "),
                if unknown.contains(&"UK") {
                    " (the United Kingdom is GB)"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(RightsScope {
        jurisdictions,
        categories: split_list(row.get("categories"))
            .into_iter()
            .map(|c| c.to_lowercase())
            .collect(),
        authorized_sellers: split_list(row.get("authorized_sellers"))
            .into_iter()
            .collect::<HashSet<_>>(),
    })
}

/// `valid_until`, when given, must be an ISO date not before `today`.
pub(super) fn not_expired(row: &Row<'_>, today: NaiveDate) -> Result<(), RowFault> {
    let Some(raw) = row.get("valid_until") else {
        return Ok(());
    };
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        (
            "bad_date",
            format!("valid_until {raw:?} is not an ISO date (YYYY-MM-DD)"),
        )
    })?;
    if date < today {
        return Err((
            "expired",
            format!("registration expired on {date} (valid_until)"),
        ));
    }
    Ok(())
}

/// A name's "weight": a letter or digit counts 1, a CJK character 2 (one ideograph
/// carries about as much as two letters: `耐克` weighs 4, `LV` 2).
pub(super) fn weight(name: &str) -> usize {
    crate::detect::text::normalize_key(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| if crate::detect::text::is_cjk(c) { 2 } else { 1 })
        .sum()
}

/// Tracks ids already seen in one file.
#[derive(Debug, Default)]
pub(super) struct SeenIds(std::collections::HashMap<String, u64>);

impl SeenIds {
    /// Records `id` at `line`; an id seen before is a fault naming the first line.
    pub(super) fn check(&mut self, id: &str, line: u64) -> Result<(), RowFault> {
        if let Some(first) = self.0.get(id) {
            return Err((
                "duplicate_id",
                format!("id {id:?} already used on line {first}"),
            ));
        }
        self.0.insert(id.to_string(), line);
        Ok(())
    }
}

/// A row's value and the notes on what of it was not used, or its fault.
pub(super) type Parsed<T> = Result<(T, Vec<String>), RowFault>;

/// Reads a reference CSV: checks the header for `required` columns, then hands every row
/// to `parse` with the ids seen so far (the `id_column`'s), and reports each one.
pub(super) fn read_table<T>(
    path: &std::path::Path,
    required_columns: &[&str],
    id_column: &str,
    mut parse: impl FnMut(&Row<'_>, u64, &mut SeenIds) -> Parsed<T>,
) -> crate::error::Result<(Vec<T>, Vec<super::RowReport>)> {
    use crate::error::{Error, ErrorKind};
    use crate::refs::{RowReport, RowStatus};
    use crate::util::lines::LineCounter;
    use crate::util::tabular::Header;

    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(std::io::BufReader::new(LineCounter::new(file)));
    let mut record = csv::ByteRecord::new();
    let csv_err = |e: csv::Error| Error::new(ErrorKind::Csv(e)).with_path(path);
    if !reader.read_byte_record(&mut record).map_err(csv_err)? {
        return Err(Error::new(ErrorKind::References("the file is empty".into())).with_path(path));
    }
    let header = Header::new(&record);
    if let Some(lacks) = header.lacks(required_columns) {
        return Err(Error::new(ErrorKind::References(lacks))
            .with_path(path)
            .with_line(1));
    }
    let name = path.display().to_string();
    let (mut values, mut reports) = (Vec::new(), Vec::new());
    let mut seen = SeenIds::default();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_err(e)),
        }
        let counter = reader.get_mut().get_mut();
        let line = record.position().map_or(0, |p| counter.line_at(p.byte()));
        let (id, parsed) = match header.row(&record) {
            Ok(row) => (
                row.get(id_column).unwrap_or_default().to_string(),
                parse(&row, line, &mut seen),
            ),
            Err(e) => (String::new(), Err((e.reason(), e.detail()))),
        };
        let status = match parsed {
            Ok((value, notes)) => {
                values.push(value);
                RowStatus::Accepted { notes }
            }
            Err((reason, detail)) => RowStatus::Rejected { reason, detail },
        };
        reports.push(RowReport {
            file: name.clone(),
            line,
            id,
            status,
        });
    }
    Ok((values, reports))
}
