//! `images.csv`: reference photos and design images.

use std::path::Path;

use crate::detect::image::{Hash256, PDQ_MIN_QUALITY, Pdq, Thumb, decode_small, reference_print};
use crate::util::paths::{links_out, resolve_inside};

use chrono::NaiveDate;

use crate::model::{ImageKind, RefImage};
use crate::refs::RowReport;
use crate::refs::fields::{self, Parsed, RowFault, SeenIds};
use crate::util::tabular::Row;

/// A row gives `path`, or a PDQ hash alone in `pdq` and `pdq_quality` (optional columns).
const REQUIRED: &[&str] = &["image_id", "rights_holder", "path", "kind", "jurisdictions"];

pub(super) fn load(
    path: &Path,
    today: NaiveDate,
    max_pixels: u64,
) -> crate::error::Result<(Vec<RefImage>, Vec<RowReport>)> {
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    fields::read_table(path, REQUIRED, "image_id", |row, line, seen| {
        parse(row, line, today, &base, max_pixels, seen)
    })
}

fn parse(
    row: &Row<'_>,
    line: u64,
    today: NaiveDate,
    base: &Path,
    max_pixels: u64,
    seen: &mut SeenIds,
) -> Parsed<RefImage> {
    let image_id = fields::required(row, "image_id")?;
    seen.check(image_id, line)?;
    let rights_holder = fields::required(row, "rights_holder")?;
    let pdq = pdq_hash(row)?;
    let rel = match (row.get("path"), pdq) {
        (Some(rel), _) => Some(rel),
        (None, Some(_)) => None,
        (None, None) => {
            return Err((
                "missing_field",
                "path is empty: give the image's path, or its PDQ hash (pdq, pdq_quality)".into(),
            ));
        }
    };
    let kind = match fields::required(row, "kind")?.to_lowercase().as_str() {
        "copyright" => ImageKind::Copyright,
        "design_patent" => ImageKind::DesignPatent,
        other => {
            return Err((
                "bad_kind",
                format!("kind {other:?} is neither copyright nor design_patent"),
            ));
        }
    };
    let registration_no = row.get("registration_no").map(str::to_string);
    if kind == ImageKind::DesignPatent && registration_no.is_none() {
        return Err((
            "missing_registration",
            "registration_no is empty: a design patent needs its registration number".into(),
        ));
    }
    let scope = fields::scope(row)?;
    fields::not_expired(row, today)?;
    let Some(rel) = rel else {
        // A hash bank's entry: its PDQ hash is all there is to match.
        let (hash, quality) = pdq.expect("a row without a path has a PDQ hash");
        return Ok((
            RefImage {
                image_id: image_id.to_string(),
                rights_holder: rights_holder.to_string(),
                path: format!("pdq:{}", row.get("pdq").unwrap_or_default().to_lowercase()).into(),
                kind,
                registration_no,
                scope,
                hashes: Vec::new(),
                thumb: None,
                pdq: Some((hash, quality)),
            },
            Vec::new(),
        ));
    };
    let file = resolve_inside(base, rel).ok_or_else(|| {
        (
            "path_escape",
            format!("path {rel:?} leaves the folder of images.csv"),
        )
    })?;
    if links_out(base, &file) {
        return Err((
            "path_escape",
            format!("path {rel:?} leads out of the folder of images.csv through a link"),
        ));
    }
    let (hashes, thumb) = hash_reference(&file, max_pixels)?;
    Ok((
        RefImage {
            image_id: image_id.to_string(),
            rights_holder: rights_holder.to_string(),
            path: file,
            kind,
            registration_no,
            scope,
            hashes,
            thumb,
            pdq,
        },
        Vec::new(),
    ))
}

/// The row's PDQ hash and quality (columns `pdq`, `pdq_quality`), if it gives one: 64 hex
/// digits, of quality 50 or more (under that, PDQ hashes are not trusted).
fn pdq_hash(row: &Row<'_>) -> Result<Option<(Hash256, u8)>, RowFault> {
    let Some(hex) = row.get("pdq") else {
        return Ok(None);
    };
    let quality: u8 = match row.get("pdq_quality") {
        None => {
            return Err((
                "missing_field",
                "pdq_quality is empty: a PDQ hash comes with its quality (0-100)".into(),
            ));
        }
        Some(q) => q.parse().ok().filter(|&q| q <= 100).ok_or_else(|| {
            (
                "bad_pdq",
                format!("pdq_quality {q:?} is not a whole number from 0 to 100"),
            )
        })?,
    };
    let pdq = Pdq::from_hex(&hex.to_lowercase(), quality).ok_or_else(|| {
        (
            "bad_pdq",
            format!("pdq {hex:?} is not a PDQ hash (64 hexadecimal digits)"),
        )
    })?;
    if quality < PDQ_MIN_QUALITY {
        return Err((
            "low_pdq_quality",
            format!(
                "pdq_quality {quality} is under {PDQ_MIN_QUALITY}: too little structure to match reliably"
            ),
        ));
    }
    Ok(Some((pdq.to_hash256(), quality)))
}

/// Decodes the image once and hashes it (and its centre crops).
fn hash_reference(file: &Path, max_pixels: u64) -> Result<(Vec<Hash256>, Option<Thumb>), RowFault> {
    let decoded = decode_small(file, max_pixels)
        .map_err(|e| (e.reason(), format!("{} {e}", file.display())))?;
    let (hashes, thumb) = reference_print(&decoded.luma);
    if hashes.is_empty() {
        return Err((
            "too_little_structure",
            format!(
                "{} is too flat, blank or small to match reliably",
                file.display()
            ),
        ));
    }
    Ok((hashes, thumb))
}
