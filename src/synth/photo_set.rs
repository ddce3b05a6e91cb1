//! The photos of a generated dump: a pool of listing photos, a share of which are rights
//! holders' photos reused with a copier's edit, and the reference upload they copy
//! (`refs/images.csv`).

use std::path::Path;

use fastrand::Rng;
use image::{Rgb, RgbImage};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::synth::{Transform, encode_jpeg, product_photo};

/// How many photos, how large, and how many of them copy a reference.
#[derive(Clone, Debug)]
pub struct PhotoSetOptions {
    pub seed: u64,
    /// Listing photos in the pool.
    pub photos: usize,
    /// Side of a listing photo, in pixels (marketplace main images are about 800).
    pub side: u32,
    /// Every n-th listing photo is a reference photo with one of the evaluated edits.
    pub copy_every: usize,
    /// Rights holders the reference photos are spread over.
    pub rights_holders: Vec<String>,
    /// Reference photos to write at the least: beyond those copied, a rights holder's
    /// library that no listing copies (the index a look-up searches grows with it).
    pub min_refs: usize,
}

impl Default for PhotoSetOptions {
    fn default() -> PhotoSetOptions {
        PhotoSetOptions {
            seed: 42,
            photos: 100,
            side: 800,
            copy_every: 10,
            rights_holders: vec!["Example Brand Ltd".into()],
            min_refs: 0,
        }
    }
}

/// What [`write_photo_set`] wrote.
#[derive(Clone, Debug, Default)]
pub struct PhotoSet {
    /// Listing photo paths, relative to the dump's folder.
    pub pool: Vec<String>,
    /// Reference photos written to `refs/`.
    pub refs: usize,
    /// Listing photos that are edited reference photos.
    pub copies: usize,
}

/// Writes `images/g<seed>-<i>.jpg` and `refs/r<seed>-<i>.jpg` with `refs/images.csv` into
/// `dir` (the dump's folder), in parallel.
///
/// # Errors
/// When a file cannot be written.
///
/// # Example
/// ```
/// use ippscan::synth::{PhotoSetOptions, write_photo_set};
/// let dir = tempfile::tempdir().unwrap();
/// let opts = PhotoSetOptions { photos: 20, side: 64, ..PhotoSetOptions::default() };
/// let set = write_photo_set(dir.path(), &opts).unwrap();
/// assert_eq!((set.pool.len(), set.copies, set.refs), (20, 2, 1));
/// assert!(dir.path().join(&set.pool[0]).is_file());
/// assert!(dir.path().join("refs/images.csv").is_file());
/// ```
pub fn write_photo_set(dir: &Path, opts: &PhotoSetOptions) -> Result<PhotoSet> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| Error::io(&path, e)
    };
    let images = dir.join("images");
    let refs_dir = dir.join("refs");
    for d in [&images, &refs_dir] {
        std::fs::create_dir_all(d).map_err(io(d))?;
    }
    let every = opts.copy_every.max(1);
    let copies = opts.photos.div_ceil(every);
    // Each reference is copied about twice, with different edits, unless more are asked.
    let refs = copies.div_ceil(2).max(opts.min_refs).max(1);
    let side = opts.side.max(16);
    let seed = opts.seed;
    let fillers = [1, 2, 3].map(|k| product_photo(seed ^ (k << 40), side, side));

    (0..refs).into_par_iter().try_for_each(|r| {
        let path = refs_dir.join(format!("r{seed}-{r:07}.jpg"));
        std::fs::write(&path, encode_jpeg(&reference(seed, r, side), 90)).map_err(io(&path))
    })?;
    let pool = (0..opts.photos)
        .into_par_iter()
        .map(|i| {
            let name = format!("images/g{seed}-{i:07}.jpg");
            let photo = if i % every == 0 {
                let copy = i / every;
                let edit = Transform::EVALUATED[copy % Transform::EVALUATED.len()];
                edit.apply(&reference(seed, copy % refs, side), i as u64, &fillers)
            } else {
                varied_photo(seed.wrapping_mul(1_000_003) ^ (i as u64 + 1), side)
            };
            let path = dir.join(&name);
            std::fs::write(&path, encode_jpeg(&photo, 85)).map_err(io(&path))?;
            Ok(name)
        })
        .collect::<Result<Vec<_>>>()?;

    let csv_path = refs_dir.join("images.csv");
    let csv_error = |e: csv::Error| Error::io(&csv_path, e.into());
    let mut w = csv::Writer::from_path(&csv_path).map_err(csv_error)?;
    w.write_record([
        "image_id",
        "rights_holder",
        "path",
        "kind",
        "jurisdictions",
        "categories",
        "registration_no",
        "authorized_sellers",
    ])
    .map_err(csv_error)?;
    let holders = &opts.rights_holders;
    for r in 0..refs {
        let holder = holders
            .get(r % holders.len().max(1))
            .map_or("", String::as_str);
        w.write_record([
            format!("G{seed}-{r:07}").as_str(),
            holder,
            &format!("r{seed}-{r:07}.jpg"),
            "copyright",
            "CN|US|EU",
            "",
            "",
            "",
        ])
        .map_err(csv_error)?;
    }
    w.flush().map_err(io(&csv_path))?;
    Ok(PhotoSet { pool, refs, copies })
}

fn reference(seed: u64, r: usize, side: u32) -> RgbImage {
    varied_photo(seed.wrapping_mul(7_919) ^ (r as u64) << 20, side)
}

/// A product photo with a scene around it: shapes of other colours and sizes, and a
/// brightness ramp in a direction of its own. Product photos from one generator alone are
/// more alike than a marketplace's photos are: their hashes crowd together.
fn varied_photo(seed: u64, side: u32) -> RgbImage {
    let mut img = product_photo(seed, side, side);
    let mut rng = Rng::with_seed(seed ^ 0x5eed_cafe);
    let s = side as f32;
    for _ in 0..rng.usize(3..=7) {
        let colour = [rng.u8(..), rng.u8(..), rng.u8(..)];
        let (cx, cy) = (rng.f32() * s, rng.f32() * s);
        let (rx, ry) = (s * (0.04 + 0.2 * rng.f32()), s * (0.04 + 0.2 * rng.f32()));
        let round = rng.bool();
        let x0 = (cx - rx).max(0.0) as u32;
        let y0 = (cy - ry).max(0.0) as u32;
        let x1 = ((cx + rx) as u32).min(side);
        let y1 = ((cy + ry) as u32).min(side);
        for y in y0..y1 {
            for x in x0..x1 {
                let (dx, dy) = ((x as f32 - cx) / rx, (y as f32 - cy) / ry);
                if !round || dx * dx + dy * dy <= 1.0 {
                    img.put_pixel(x, y, Rgb(colour));
                }
            }
        }
    }
    let (ax, ay) = (rng.f32() - 0.5, rng.f32() - 0.5);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let ramp = 60.0 * (ax * x as f32 + ay * y as f32) / s;
        p.0 = p.0.map(|c| (f32::from(c) + ramp).clamp(0.0, 255.0) as u8);
    }
    img
}
