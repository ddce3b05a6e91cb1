//! `works.csv`: registered works (books, software, films…) whose copies are not to be sold.

use std::path::Path;

use chrono::NaiveDate;

use crate::detect::text::{is_common_word, normalize_key};
use crate::model::{Work, WorkKind};
use crate::refs::RowReport;
use crate::refs::fields::{self, Parsed, SeenIds};
use crate::util::tabular::{Row, split_list};

const REQUIRED: &[&str] = &[
    "work_id",
    "rights_holder",
    "title",
    "kind",
    "jurisdictions",
    "registration_no",
];

/// A name needs at least this much "weight": a letter or digit counts 1, a CJK character
/// 2 (as for marks: `三体` passes, `Go` does not).
const MIN_NAME_WEIGHT: usize = 3;

/// Names of at most this many words, all of them ordinary English words, are ordinary
/// phrases ("Frozen", "Abbey Road"); longer titles are distinctive as a whole.
const ORDINARY_PHRASE_WORDS: usize = 2;

pub(super) fn load(
    path: &Path,
    today: NaiveDate,
) -> crate::error::Result<(Vec<Work>, Vec<RowReport>)> {
    fields::read_table(path, REQUIRED, "work_id", |row, line, seen| {
        parse(row, line, today, seen)
    })
}

fn parse(row: &Row<'_>, line: u64, today: NaiveDate, seen: &mut SeenIds) -> Parsed<Work> {
    let work_id = fields::required(row, "work_id")?;
    seen.check(work_id, line)?;
    let rights_holder = fields::required(row, "rights_holder")?;
    let title = fields::required(row, "title")?;
    let kind_code = fields::required(row, "kind")?;
    let kind = WorkKind::parse(&kind_code.trim().to_lowercase()).ok_or_else(|| {
        let known: Vec<&str> = WorkKind::ALL.iter().map(|k| k.as_str()).collect();
        (
            "bad_kind",
            format!("kind {kind_code:?} is not one of {}", known.join("|")),
        )
    })?;
    let registration_no = row.get("registration_no").ok_or((
        "missing_registration",
        "registration_no is empty: a work needs proof of registration".to_string(),
    ))?;
    let mut scope = fields::scope(row)?;
    scope.categories.clear();
    fields::not_expired(row, today)?;
    if fields::weight(title) < MIN_NAME_WEIGHT {
        return Err((
            "title_too_short",
            format!("title {title:?} is shorter than 3 characters and would match too much text"),
        ));
    }
    let mut notes = Vec::new();
    let mut aliases = Vec::new();
    for alias in split_list(row.get("aliases")) {
        if fields::weight(&alias) < MIN_NAME_WEIGHT {
            notes.push(format!(
                "alias {alias:?} not used: shorter than 3 characters"
            ));
        } else {
            aliases.push(alias);
        }
    }
    let ordinary_names: Vec<String> = std::iter::once(title.to_string())
        .chain(aliases.iter().cloned())
        .filter(|name| is_ordinary_phrase(name))
        .collect();
    for name in &ordinary_names {
        notes.push(format!(
            "{name:?} is an ordinary word or phrase: a listing names the work with it only \
             beside the work's other names, its kind's words or an offer of a copy"
        ));
    }
    Ok((
        Work {
            work_id: work_id.to_string(),
            rights_holder: rights_holder.to_string(),
            title: title.to_string(),
            aliases,
            kind,
            registration_no: registration_no.to_string(),
            scope,
            ordinary_names,
        },
        notes,
    ))
}

/// A name of one or two words, each an ordinary English word ("Frozen", "Best Friends").
///
/// ```text
/// Frozen -> yes      Office -> yes      Abbey Road -> yes
/// Game of Thrones -> no (three words)   Photoshop -> no   三体 -> no
/// ```
fn is_ordinary_phrase(name: &str) -> bool {
    let key = normalize_key(name);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= ORDINARY_PHRASE_WORDS
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && is_common_word(w))
}

#[cfg(test)]
mod tests {
    use super::is_ordinary_phrase;

    #[test]
    fn ordinary_phrases_are_short_and_made_of_common_words() {
        for (name, ordinary) in [
            ("Frozen", true),
            ("Friends", true),
            ("Office", true),
            ("Abbey Road", true),
            ("Game of Thrones", false),
            ("Photoshop", false),
            ("Minecraft", false),
            ("Office 2021", false),
            ("三体", false),
        ] {
            assert_eq!(is_ordinary_phrase(name), ordinary, "{name}");
        }
    }
}
