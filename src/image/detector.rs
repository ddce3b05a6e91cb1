//! The image detector: each listing image, decoded small, hashed whole and in windows,
//! straight and mirrored, looked up in the index of reference hashes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::detect::Detector;
use crate::image::{HashIndex, ImageHashes, MIN_QUALITY, decode_small, hash_image, window_hashes};
use crate::model::{Evidence, ImageKind, Listing, Reason, RefImage};
use crate::paths::resolve_inside;

/// A box in an image: x, y, width, height.
type Window = (u32, u32, u32, u32);

/// Hamming distance (of 256 bits) up to which a listing image is a copy of a reference.
pub const MATCH_RADIUS: u32 = 30;

/// Finds copies of reference images among a listing's images.
#[derive(Debug)]
pub struct ImageDetector {
    index: HashIndex,
    kinds: Vec<ImageKind>,
    max_pixels: u64,
    /// Images already hashed in this run: sellers reuse photos across listings.
    cache: Mutex<FxHashMap<PathBuf, Arc<Hashed>>>,
}

/// Most images kept in the cache; it starts afresh when full.
const CACHE_IMAGES: usize = 8192;

/// A listing image, hashed, or why it could not be.
#[derive(Debug)]
enum Hashed {
    Problem(&'static str, String),
    Unhashable,
    Image {
        /// Original pixels per decoded pixel, across and down.
        scale: (f64, f64),
        /// The whole image's box and hashes; the windows' follow, whole first.
        whole: (Window, ImageHashes),
        windows: Vec<(Window, ImageHashes)>,
    },
}

impl ImageDetector {
    pub fn new(images: &[RefImage], max_pixels: u64) -> ImageDetector {
        ImageDetector {
            index: HashIndex::new(
                images
                    .iter()
                    .enumerate()
                    .flat_map(|(i, r)| r.hashes.iter().map(move |h| (*h, i as u32))),
            ),
            kinds: images.iter().map(|r| r.kind).collect(),
            max_pixels,
            cache: Mutex::new(FxHashMap::default()),
        }
    }

    /// The hashes of the image at `path`, from the cache or computed.
    fn hashed(&self, path: &Path) -> Arc<Hashed> {
        if let Some(h) = self.cache.lock().ok().and_then(|c| c.get(path).cloned()) {
            return h;
        }
        let hashed = Arc::new(hash_file(path, self.max_pixels));
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_IMAGES {
                cache.clear();
            }
            cache.insert(path.to_path_buf(), Arc::clone(&hashed));
        }
        hashed
    }

    fn image(&self, listing: &Listing, rel: &str, out: &mut Vec<Evidence>) {
        let base = Path::new(&*listing.origin.file)
            .parent()
            .unwrap_or(Path::new("."));
        let Some(path) = resolve_inside(base, rel) else {
            return; // Rejected as `path_escape` when the row was read.
        };
        let hashed = self.hashed(&path);
        let (sx, sy, whole, windows) = match &*hashed {
            Hashed::Problem(reason, why) => {
                out.push(Evidence::ImageProblem {
                    path: rel.to_string(),
                    reason,
                    detail: format!("image {rel:?} {why}"),
                });
                return;
            }
            Hashed::Unhashable => {
                out.push(Evidence::ImageUnhashable {
                    path: rel.to_string(),
                });
                return;
            }
            Hashed::Image {
                scale,
                whole,
                windows,
            } => (scale.0, scale.1, whole.0, windows),
        };
        let (w, h) = (whole.2, whole.3);
        // Best (reference, distance, mirrored, window) per reference.
        let mut best: Vec<(u32, u32, bool, Window)> = Vec::new();
        let mut found = Vec::new();
        for &(window, hs) in windows {
            for (hash, mirrored) in [(hs.hash, false), (hs.mirror, true)] {
                found.clear();
                self.index.search(&hash, MATCH_RADIUS, &mut found);
                for &(reference, d) in &found {
                    match best.iter_mut().find(|b| b.0 == reference) {
                        Some(b) if b.1 <= d => {}
                        Some(b) => *b = (reference, d, mirrored, window),
                        None => best.push((reference, d, mirrored, window)),
                    }
                }
            }
        }
        for (reference, distance, mirrored, (x, y, bw, bh)) in best {
            let scale = |v: u32, s: f64| (f64::from(v) * s).round() as u32;
            let window = (scale(x, sx), scale(y, sy), scale(bw, sx), scale(bh, sy));
            let whole_image = (x, y, bw, bh) == (0, 0, w, h);
            out.push(Evidence::Image {
                reason: match self.kinds[reference as usize] {
                    ImageKind::Copyright => Reason::CopyrightPhoto,
                    ImageKind::DesignPatent => Reason::DesignPatentImage,
                },
                image: reference as usize,
                path: rel.to_string(),
                distance,
                mirrored,
                window: (!whole_image).then_some(window),
                score: (1.0 - distance as f32 / 80.0).clamp(0.5, 1.0),
            });
        }
    }
}

fn hash_file(path: &Path, max_pixels: u64) -> Hashed {
    let decoded = match decode_small(path, max_pixels) {
        Ok(d) => d,
        Err(e) => return Hashed::Problem(e.reason(), e.to_string()),
    };
    let (w, h) = decoded.luma.dimensions();
    let whole = match hash_image(&decoded.luma) {
        Some(hs) if hs.quality >= MIN_QUALITY => ((0, 0, w, h), hs),
        _ => return Hashed::Unhashable,
    };
    let windows = std::iter::once(whole)
        .chain(window_hashes(&decoded.luma))
        .filter(|(_, hs)| hs.quality >= MIN_QUALITY)
        .collect();
    Hashed::Image {
        scale: (
            f64::from(decoded.width) / f64::from(w),
            f64::from(decoded.height) / f64::from(h),
        ),
        whole,
        windows,
    }
}

impl Detector for ImageDetector {
    fn name(&self) -> &'static str {
        "image"
    }

    fn detect(&self, listing: &Listing, out: &mut Vec<Evidence>) {
        if self.index.is_empty() {
            return;
        }
        for rel in &listing.image_paths {
            self.image(listing, rel, out);
        }
    }
}
