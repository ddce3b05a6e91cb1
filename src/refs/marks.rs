//! `marks.csv`: registered word marks.

use std::path::Path;

use chrono::NaiveDate;

use crate::detect::text::{is_common_word, normalize_key};
use crate::model::{Mark, RightsScope};
use crate::refs::RowReport;
use crate::refs::fields::{self, Parsed, RowFault, SeenIds};
use crate::util::tabular::{Row, split_list};

const REQUIRED: &[&str] = &[
    "mark_id",
    "rights_holder",
    "mark",
    "jurisdictions",
    "registration_no",
];

/// Marks need at least this much "weight": a letter or digit counts 1, a CJK character 2
/// (one ideograph carries about as much as two letters; `耐克` passes, `LV` does not).
const MIN_MARK_WEIGHT: usize = 3;

pub(super) fn load(
    path: &Path,
    today: NaiveDate,
) -> crate::error::Result<(Vec<Mark>, Vec<RowReport>)> {
    fields::read_table(path, REQUIRED, "mark_id", |row, line, seen| {
        parse(row, line, today, seen)
    })
}

fn parse(row: &Row<'_>, line: u64, today: NaiveDate, seen: &mut SeenIds) -> Parsed<Mark> {
    let mark_id = fields::required(row, "mark_id")?;
    seen.check(mark_id, line)?;
    let rights_holder = fields::required(row, "rights_holder")?;
    let mark = fields::required(row, "mark")?;
    let registration_no = row.get("registration_no").ok_or((
        "missing_registration",
        "registration_no is empty: a mark needs proof of registration".to_string(),
    ))?;
    let scope = fields::scope(row)?;
    fields::not_expired(row, today)?;
    if let Some(problem) = form_problem(mark, &scope) {
        return Err(problem);
    }
    let mut notes = Vec::new();
    let mut aliases = Vec::new();
    let mut short_aliases = Vec::new();
    for alias in split_list(row.get("aliases")) {
        match form_problem(&alias, &scope) {
            None => aliases.push(alias),
            Some(("mark_too_short", _))
                if alias.len() == 2 && alias.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                notes.push(format!(
                    "alias {alias:?} is matched only as written in capitals, as a word of its own"
                ));
                short_aliases.push(alias.to_ascii_uppercase());
            }
            Some((_, why)) => notes.push(format!("alias {alias:?} not used: {why}")),
        }
    }
    Ok((
        Mark {
            mark_id: mark_id.to_string(),
            rights_holder: rights_holder.to_string(),
            mark: mark.to_string(),
            aliases,
            registration_no: registration_no.to_string(),
            scope,
            usual_price: usual_price(row)?,
            short_aliases,
        },
        notes,
    ))
}

/// `usual_price` and `usual_currency`, optional together.
fn usual_price(row: &Row<'_>) -> Result<Option<(f64, String)>, RowFault> {
    let Some(price) = row.get("usual_price") else {
        return Ok(None);
    };
    let value: f64 = price
        .parse()
        .ok()
        .filter(|p: &f64| p.is_finite() && *p > 0.0)
        .ok_or_else(|| {
            (
                "bad_price",
                format!("usual_price {price:?} is not a positive number"),
            )
        })?;
    let currency = row
        .get("usual_currency")
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()))
        .ok_or_else(|| {
            (
                "bad_currency",
                "usual_price needs an ISO-4217 usual_currency".to_string(),
            )
        })?;
    Ok(Some((value, currency.to_ascii_uppercase())))
}

/// Why a mark or alias cannot be matched on its own, if it cannot.
fn form_problem(form: &str, scope: &RightsScope) -> Option<RowFault> {
    let key = normalize_key(form);
    let weight = fields::weight(form);
    if weight == 0 {
        return Some(("invalid_mark", format!("{form:?} has no letters or digits")));
    }
    if weight < MIN_MARK_WEIGHT {
        return Some((
            "mark_too_short",
            format!("{form:?} is shorter than 3 characters and would match too much text"),
        ));
    }
    if scope.categories.is_empty() && is_common_word(&key) {
        return Some((
            "dictionary_word",
            format!(
                "{form:?} is a common dictionary word: list the categories it is registered for"
            ),
        ));
    }
    None
}
