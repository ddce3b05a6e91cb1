//! The obscured-mark check on its original case: hard-edged boxes on texture, in the
//! photos it was tuned on. Kept as a regression check until the detector meets the
//! independent evaluation (`obscured_eval`), which is the one that measures it.
//! Real photos (`data/eval/photos`, sources and licences in its SOURCES.md). Positives: each photo with a logo-sized region (1–10% of it) blurred,
//! pixelated or covered by each method of `obscure::Method::EVALUATED`, at two places per
//! size, on detailed texture (a photo with no such place at a size gives no positive
//! there). Negatives, more of them than positives: the untouched photos whole and cropped,
//! re-saved at JPEG quality 20, shrunk, contrasted, turned, captioned, framed — and
//! synthetic studio shots with flat backgrounds and plain badges. Every image goes through
//! a JPEG file's bytes, as a listing's would.
//! `cargo test obscured_boxes -- --nocapture` prints the figures (and every miss with
//! `IPPSCAN_EVAL_MISSES=1`; `IPPSCAN_EVAL_SEED=N` places the regions elsewhere, a check
//! that the thresholds were not fitted to these places; `IPPSCAN_EVAL_QUALITY=Q` saves the
//! images at JPEG quality Q instead of 85).

use std::collections::BTreeMap;

use image::RgbImage;
use ippscan::detect::image::{ImageDetector, Obscured};
use ippscan::synth::obscure::{Method, Region, obscure_at, place};
use ippscan::synth::{Transform, encode_jpeg, product_photo};
use rayon::prelude::*;

use crate::helpers::{crops, eval_photos};

const MAX_PIXELS: u64 = 50_000_000;

/// Region sizes, as shares of the photo.
const SHARES: [f32; 4] = [0.01, 0.03, 0.06, 0.1];

/// Places tried per photo, method and size.
const PLACES: u64 = 2;

/// Edits of the untouched photos: what a normal listing photo goes through.
const NEGATIVE_EDITS: &[Option<Transform>] = &[
    None,
    Some(Transform::Jpeg(20)),
    Some(Transform::Resize(0.5)),
    Some(Transform::Resize(0.75)),
    Some(Transform::Contrast(60.0)),
    Some(Transform::Rotate(3.0)),
    Some(Transform::Caption(0.15)),
    Some(Transform::Border(0.1)),
];

/// Every evaluation photo (in path order: `others`, then `refs`).
fn photos() -> Vec<(String, RgbImage)> {
    let mut photos = eval_photos("others");
    photos.extend(eval_photos("refs"));
    photos
}

/// Sums of the luma's absolute Laplacian over boxes, for placing regions.
struct Detail {
    width: usize,
    sums: Vec<u64>,
}

impl Detail {
    fn new(img: &RgbImage) -> Detail {
        let (w, h) = (img.width() as usize, img.height() as usize);
        let luma: Vec<i32> = img
            .pixels()
            .map(|p| (299 * i32::from(p[0]) + 587 * i32::from(p[1]) + 114 * i32::from(p[2])) / 1000)
            .collect();
        let mut sums = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut running = 0u64;
            for x in 0..w {
                if x > 0 && y > 0 && x + 1 < w && y + 1 < h {
                    let i = y * w + x;
                    running += u64::from(
                        (4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - w] - luma[i + w])
                            .unsigned_abs(),
                    );
                }
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + running;
            }
        }
        Detail { width: w, sums }
    }

    /// Mean absolute Laplacian inside `region`.
    fn mean(&self, (x, y, w, h): Region) -> f32 {
        let row = self.width + 1;
        let at = |x: u32, y: u32| self.sums[y as usize * row + x as usize];
        let sum = at(x + w, y + h) + at(x, y) - at(x + w, y) - at(x, y + h);
        sum as f32 / (w * h).max(1) as f32
    }
}

/// Least mean absolute Laplacian (full resolution) of a logo's surroundings: texture a
/// person sees, not a smooth surface or a defocused background.
const LOGO_TEXTURE: f32 = 6.0;

/// Where a logo would be: a region placed by `seed` on detailed texture, inside it and on
/// every side around it, as on a product. Hiding a patch of sky or of a blurred
/// background hides nothing and is not a positive: `None` when the photo has no such
/// place.
fn logo_region(img: &RgbImage, detail: &Detail, share: f32, seed: u64) -> Option<Region> {
    let (w, h) = img.dimensions();
    let typical = detail.mean((0, 0, w, h));
    (0..200).find_map(|k| {
        let region @ (x, y, rw, rh) = place(img.dimensions(), share, seed * 1000 + k);
        let band = (rw.min(rh) / 3).max(4);
        let sides = [
            (x.saturating_sub(band), y, band, rh),
            (x + rw, y, band.min(w - x - rw), rh),
            (x, y.saturating_sub(band), rw, band),
            (x, y + rh, rw, band.min(h - y - rh)),
        ];
        let least = sides
            .iter()
            .map(|&s| detail.mean(s))
            .fold(detail.mean(region), f32::min);
        (least >= (1.5 * typical).max(LOGO_TEXTURE)).then_some(region)
    })
}

/// The region the image detector (no references: the obscured-mark check alone) finds in
/// `img`, saved as a JPEG, in `img`'s pixels.
fn examine(img: &RgbImage) -> Option<Obscured> {
    static DETECTOR: std::sync::OnceLock<ImageDetector> = std::sync::OnceLock::new();
    static QUALITY: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| ImageDetector::new(&[], MAX_PIXELS));
    let quality = QUALITY.get_or_init(|| {
        std::env::var("IPPSCAN_EVAL_QUALITY")
            .ok()
            .and_then(|q| q.parse().ok())
            .unwrap_or(85)
    });
    detector
        .examine_bytes(&encode_jpeg(img, *quality))
        .expect("a JPEG decodes")
        .and_then(|report| report.obscured)
}

fn overlap(a: Region, b: Region) -> f32 {
    let ix = (a.0 + a.2).min(b.0 + b.2).saturating_sub(a.0.max(b.0));
    let iy = (a.1 + a.3).min(b.1 + b.3).saturating_sub(a.1.max(b.1));
    let inter = (ix * iy) as f32;
    inter / ((a.2 * a.3) as f32 + (b.2 * b.3) as f32 - inter)
}

/// Untouched images: each photo whole and as three crops (60% of a side), with each edit;
/// and synthetic studio shots.
fn negatives(photos: &[(String, RgbImage)]) -> Vec<(String, RgbImage)> {
    let mut out = Vec::new();
    for (i, (name, img)) in photos.iter().enumerate() {
        let crops = crops(img)
            .into_iter()
            .filter(|(name, _)| ["whole", "nw", "se", "centre"].contains(name));
        for (c, (crop_name, crop)) in crops.enumerate() {
            for (e, edit) in NEGATIVE_EDITS.iter().enumerate() {
                let seed = (i * 1000 + c * 100 + e) as u64;
                let img = edit.map_or_else(|| crop.clone(), |t| t.apply(&crop, seed, &[]));
                let label = edit.map_or_else(|| "as is".to_string(), |t| t.to_string());
                out.push((format!("{name} {crop_name} {label}"), img));
            }
        }
    }
    for seed in 0..200 {
        out.push((format!("studio {seed}"), product_photo(seed, 800, 800)));
    }
    out
}

#[derive(Default)]
struct Tally {
    positives: usize,
    found: usize,
    /// Found, and named with the method used.
    named: usize,
}

/// Floors per method (precision, recall): the targets of 0.90 and 0.80. Measured
/// precision 0.973 blur, 0.963 cover, 0.970 mosaic; recall 0.84, 0.92, 0.87 (0.83–0.89 on
/// the other placements of `IPPSCAN_EVAL_SEED=1` and `2`; 0.80, 0.86, 0.82 at JPEG
/// quality 75). Patches of 1% of the photo are most of the misses, then blurs of radius 4:
/// a side of the box is taken from the wrong edge, or a high-contrast texture's
/// brightness jumps across the blur's edge. A third of the 21 false positives are one
/// photo: the dark gaps between the cups of `plasma-ColorfulCups`, boxes of near-black
/// edged by rims.
const FLOORS: [(&str, f64, f64); 3] = [
    ("blur", 0.9, 0.80),
    ("cover", 0.9, 0.80),
    ("mosaic", 0.9, 0.80),
];

/// Whether `found` flags the region `truth` (their boxes overlap by 30% or more).
fn hits(found: Option<Obscured>, truth: Region) -> bool {
    found.is_some_and(|f| overlap(f.region, truth) >= 0.3)
}

/// Of the flags named `method`, how many are right, and how many there are: on an
/// untouched image, or elsewhere than where the photo was obscured, they are wrong.
fn named_right(
    results: &[(usize, Method, f32, Option<Obscured>, Region)],
    false_positives: &[(String, Obscured)],
    method: &str,
) -> (usize, usize) {
    let named: Vec<bool> = results
        .iter()
        .filter(|r| r.3.is_some_and(|f| f.kind.as_str() == method))
        .map(|r| hits(r.3, r.4))
        .chain(
            false_positives
                .iter()
                .filter(|(_, f)| f.kind.as_str() == method)
                .map(|_| false),
        )
        .collect();
    (named.iter().filter(|&&h| h).count(), named.len())
}

#[test]
fn obscured_mark_precision_and_recall_per_method() {
    let photos = photos();
    // Other placements than the ones tuned on, as a check against overfitting them.
    let shift: u64 = std::env::var("IPPSCAN_EVAL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(0, |s: u64| s * 1_000_003);
    let details: Vec<Detail> = photos.par_iter().map(|(_, img)| Detail::new(img)).collect();
    let cases: Vec<(usize, Method, f32, u64)> = (0..photos.len())
        .flat_map(|p| {
            Method::EVALUATED.iter().flat_map(move |&m| {
                SHARES
                    .iter()
                    .flat_map(move |&s| (0..PLACES).map(move |k| (p, m, s, k)))
            })
        })
        .collect();
    // (photo, method, share, what was found, where the photo was obscured).
    let results: Vec<(usize, Method, f32, Option<Obscured>, Region)> = cases
        .par_iter()
        .enumerate()
        .filter_map(|(k, &(p, method, share, place))| {
            let img = &photos[p].1;
            let seed = k as u64 * PLACES + place + shift;
            let region = logo_region(img, &details[p], share, seed)?;
            let obscured = obscure_at(img, method, region, seed);
            Some((p, method, share, examine(&obscured), region))
        })
        .collect();
    let negatives = negatives(&photos);
    let false_positives: Vec<(String, Obscured)> = negatives
        .par_iter()
        .filter_map(|(name, img)| examine(img).map(|o| (name.clone(), o)))
        .collect();

    let mut by_method: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_strength: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_share: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for &(p, method, share, found, truth) in &results {
        let hit = hits(found, truth);
        let named = hit && found.is_some_and(|f| f.kind.as_str() == method.name());
        for tally in [
            by_method.entry(method.name()).or_default(),
            by_strength.entry(method.to_string()).or_default(),
            by_share.entry(format!("{share:.2}")).or_default(),
        ] {
            tally.positives += 1;
            tally.found += usize::from(hit);
            tally.named += usize::from(named);
        }
        if !hit {
            misses.push(format!(
                "{} {method} {share} {truth:?} found {found:?}",
                photos[p].0
            ));
        }
    }
    if std::env::var_os("IPPSCAN_EVAL_MISSES").is_some() {
        eprintln!("misses: {misses:#?}");
    }
    let rate = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    for (label, t) in by_strength.iter().chain(&by_share) {
        eprintln!(
            "{label:<12} recall {:.3} ({}/{}), named right {:.3}",
            rate(t.found, t.positives),
            t.found,
            t.positives,
            rate(t.named, t.found)
        );
    }
    eprintln!(
        "positives {}, negatives {}, false positives {}: {false_positives:#?}",
        results.len(),
        negatives.len(),
        false_positives.len()
    );
    assert!(negatives.len() >= results.len());
    let mut short = Vec::new();
    for (method, least_precision, least_recall) in FLOORS {
        let (right, named) = named_right(&results, &false_positives, method);
        let precision = rate(right, named);
        let t = &by_method[method];
        let recall = rate(t.found, t.positives);
        eprintln!(
            "{method:<8} precision {precision:.3} ({right}/{named}) recall {recall:.3} ({}/{})",
            t.found, t.positives
        );
        if precision < least_precision || recall < least_recall {
            short.push(format!(
                "{method}: precision {precision:.3} recall {recall:.3}"
            ));
        }
    }
    assert!(short.is_empty(), "below the floors: {short:?}");
}
