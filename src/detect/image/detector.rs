//! The image detector: each listing image, decoded once, checked for an obscured mark and
//! hashed whole and in windows, straight and mirrored, to look it up among the reference
//! hashes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustc_hash::FxHashMap;

use crate::detect::Detector;
use image::GrayImage;

use crate::detect::image::decode_pool::within;
use crate::detect::image::hash::content_box;
use crate::detect::image::{
    CODE_RADIUS, Codes, DecodeError, Decoded, HashIndex, Hidden, ImageHashes, MAX_CANDIDATES,
    MIN_CORRELATION, MIN_QUALITY, ObscureKind, Obscured, PDQ_MATCH_DISTANCE, Query, Suspect, Thumb,
    decode_bytes, decode_small, find_obscured_scaled, hash_image, pdq_unturned_luma, trim_window,
    turn_image, window_hashes,
};
use crate::model::limits::Limits;
use crate::model::{Evidence, ImageKind, Listing, Reason, RefImage, Turn};
use crate::util::paths::{links_out, resolve_inside};

/// A box in an image: x, y, width, height.
pub type Window = (u32, u32, u32, u32);

/// Hamming distance (of 256 bits) up to which a listing image is a copy of a reference
/// photo that alignment also checks: within it some 16-bit chunk of the hashes agrees
/// exactly, which keeps index look-ups cheap; copies edited further are left to alignment.
pub const MATCH_RADIUS: u32 = 15;
/// The same for a studio shot (or a reference without a thumbnail), which is not aligned:
/// the hash is its only evidence, and the index checks one-bit neighbours of every chunk to
/// reach it.
pub const STUDIO_MATCH_RADIUS: u32 = 30;

/// Finds copies of reference images among a listing's images.
#[derive(Debug)]
pub struct ImageDetector {
    /// Hashes of the references that are aligned, searched within [`MATCH_RADIUS`].
    index: HashIndex,
    /// Hashes of the others, searched within [`STUDIO_MATCH_RADIUS`].
    studio_index: HashIndex,
    /// PDQ hashes from hash banks (references given by their hash alone), searched within
    /// [`PDQ_MATCH_DISTANCE`].
    pdq_index: HashIndex,
    /// The codes of the references that are aligned, and whose they are.
    codes: Vec<(Codes, u32)>,
    /// Every reference's thumbnail, if it has one: what a copy hides is found with it.
    thumbs: Vec<Option<Thumb>>,
    kinds: Vec<ImageKind>,
    max_pixels: u64,
    max_bytes: u64,
    max_decode: Option<Duration>,
    /// Whether images are checked for obscured marks.
    obscured: bool,
    /// Images already hashed in this run: sellers reuse photos across listings.
    cache: Mutex<FxHashMap<PathBuf, Arc<Hashed>>>,
}

/// Unaligned correlation under which a candidate is not worth aligning (copies turned 5°
/// or cropped 15% measure 0.2 and up).
const MIN_QUICK_CORRELATION: f32 = 0.1;

/// The same for a quarter or half of a listing image, which must be the whole reference
/// (a collage's cell), so no crop or turn lowers it much.
const MIN_PART_QUICK_CORRELATION: f32 = 0.5;

/// How many references with the nearest codes, per part of a listing image, are ranked
/// by their unaligned correlation.
const SHORTLIST: usize = 32;

/// Code radius for the quarters and halves of a listing image.
const PART_CODE_RADIUS: u32 = 22;

/// Most images kept in the cache; it starts afresh when full.
const CACHE_IMAGES: usize = 8192;

/// What a listing image copies and hides, or why it could not be told.
#[derive(Debug)]
enum Hashed {
    Problem(&'static str, String),
    Unhashable,
    Image {
        /// Original pixels per decoded pixel, across and down.
        scale: (f64, f64),
        matches: Vec<ImageMatch>,
        /// A region that looks obscured, in the original image's pixels.
        obscured: Option<Obscured>,
        /// A part of a reference it copies that it hides.
        hidden: Option<HiddenPart>,
    },
}

/// A part of a reference photo that a listing image, a copy of it, hides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiddenPart {
    /// Position of the reference in the slice the detector was built from.
    pub reference: usize,
    pub kind: ObscureKind,
    /// In the listing image's original pixels (x, y, w, h).
    pub region: Window,
    /// In the reference's border-trimmed frame: x, y, w, h as fractions of its sides.
    pub reference_region: [f32; 4],
    /// See [`crate::detect::image::Hidden::contrast`].
    pub contrast: f32,
}

/// The score of a hidden part of a reference: the reference shows what was there.
pub const HIDDEN_SCORE: f32 = 0.9;

/// A box in decoded pixels, in the original image's, given original pixels per decoded
/// pixel.
fn to_original((x, y, w, h): Window, (across, down): (f64, f64)) -> Window {
    let scaled = |v: u32, by: f64| (f64::from(v) * by).round() as u32;
    (
        scaled(x, across),
        scaled(y, down),
        scaled(w, across),
        scaled(h, down),
    )
}

/// What a listing image copies and hides.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageReport {
    /// Reference images it copies, best first.
    pub matches: Vec<ImageMatch>,
    /// A region that looks obscured, in the image's own pixels.
    pub obscured: Option<Obscured>,
    /// A part of a reference it copies that it hides.
    pub hidden: Option<HiddenPart>,
}

impl ImageDetector {
    pub fn new(images: &[RefImage], max_pixels: u64) -> ImageDetector {
        ImageDetector {
            index: hash_index(images, true),
            studio_index: hash_index(images, false),
            pdq_index: HashIndex::new(
                images
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| r.pdq.map(|(hash, _)| (hash, i as u32))),
            ),
            codes: images
                .iter()
                .enumerate()
                .filter(|(_, r)| aligned(r))
                .filter_map(|(i, r)| r.thumb.as_ref().map(|t| (Codes::of(t), i as u32)))
                .collect(),
            thumbs: images.iter().map(|r| r.thumb.clone()).collect(),
            kinds: images.iter().map(|r| r.kind).collect(),
            max_pixels,
            max_bytes: u64::MAX,
            max_decode: None,
            obscured: true,
            cache: Mutex::new(FxHashMap::default()),
        }
    }

    /// Bounds on listing images: file size, and time to decode (pixels are bounded by
    /// [`ImageDetector::new`]'s `max_pixels`).
    pub fn limits(&mut self, limits: &Limits) -> &mut ImageDetector {
        self.max_pixels = limits.max_image_pixels;
        self.max_bytes = limits.max_image_bytes;
        self.max_decode =
            (limits.max_decode_ms > 0).then(|| Duration::from_millis(limits.max_decode_ms));
        self
    }

    /// Whether to check images for obscured marks (on unless turned off).
    pub fn check_obscured(&mut self, yes: bool) -> &mut ImageDetector {
        self.obscured = yes;
        self
    }

    /// The hashes of the image at `path` (inside `base`), from the cache or computed.
    fn hashed(&self, base: &Path, path: &Path) -> Arc<Hashed> {
        if let Some(h) = self.cache.lock().ok().and_then(|c| c.get(path).cloned()) {
            return h;
        }
        let hashed = Arc::new(match self.decode(base, path) {
            Ok(decoded) => self.examine(&decoded),
            Err(e) => Hashed::Problem(e.reason(), e.to_string()),
        });
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_IMAGES {
                cache.clear();
            }
            cache.insert(path.to_path_buf(), Arc::clone(&hashed));
        }
        hashed
    }

    /// Reference images that `bytes` (an image file's contents) copies, best first; `None`
    /// when the image has too little structure to match.
    ///
    /// # Example
    /// ```no_run
    /// # fn refs() -> Vec<ippscan::model::RefImage> { Vec::new() }
    /// let detector = ippscan::detect::image::ImageDetector::new(&refs(), 50_000_000);
    /// let bytes = std::fs::read("listing.jpg").unwrap();
    /// for m in detector.match_bytes(&bytes).unwrap().unwrap_or_default() {
    ///     println!("reference #{} at distance {}", m.reference, m.distance);
    /// }
    /// ```
    pub fn match_bytes(&self, bytes: &[u8]) -> Result<Option<Vec<ImageMatch>>, DecodeError> {
        Ok(self.examine_bytes(bytes)?.map(|report| report.matches))
    }

    /// What `bytes` (an image file's contents) copies and hides; `None` when the image has
    /// too little structure to tell.
    ///
    /// # Example
    /// ```no_run
    /// let detector = ippscan::detect::image::ImageDetector::new(&[], 50_000_000);
    /// let bytes = std::fs::read("listing.jpg").unwrap();
    /// if let Some(found) = detector.examine_bytes(&bytes).unwrap().and_then(|r| r.obscured) {
    ///     println!("{} at {:?}", found.kind.as_str(), found.region);
    /// }
    /// ```
    pub fn examine_bytes(&self, bytes: &[u8]) -> Result<Option<ImageReport>, DecodeError> {
        let decoded = decode_bytes(bytes, self.max_pixels)?;
        Ok(match self.examine(&decoded) {
            Hashed::Image {
                matches,
                obscured,
                hidden,
                ..
            } => Some(ImageReport {
                matches,
                obscured,
                hidden,
            }),
            _ => None,
        })
    }

    /// Checks a decoded image for an obscured region; hashes it whole and in windows and
    /// looks the hashes up; then checks the references whose low-frequency code is near by
    /// aligning their thumbnails.
    fn examine(&self, decoded: &Decoded) -> Hashed {
        let (w, h) = decoded.luma.dimensions();
        let whole = match hash_image(&decoded.luma) {
            Some(hs) if hs.quality >= MIN_QUALITY => ((0, 0, w, h), hs),
            _ => return Hashed::Unhashable,
        };
        // Original pixels per detail pixel, across and down.
        let detail_scale = ratio(decoded, &decoded.detail);
        let obscured = self
            .obscured
            .then(|| find_obscured_scaled(&decoded.detail, (1.0 / detail_scale.0) as f32))
            .flatten()
            .map(|o| Obscured {
                region: to_original(o.region, detail_scale),
                ..o
            });
        let mut matches = Vec::new();
        self.pdq_matches(&decoded.detail, &mut matches);
        // With no reference images (a scan for obscured marks alone) there is nothing to
        // look the windows up in.
        if !(self.index.is_empty() && self.studio_index.is_empty()) {
            let windows: Vec<(Window, ImageHashes)> = std::iter::once(whole)
                .chain(window_hashes(&decoded.luma))
                .filter(|(_, hs)| hs.quality >= MIN_QUALITY)
                .collect();
            matches = self.matches(whole.0, &windows);
            self.turned(&decoded.luma, &whole.1, &mut matches);
        }
        // Where the check on the image alone found a mosaic, as fractions of the image: a
        // copy's reference may show what it hides. (A blur or a cover loses sharpness, which
        // the comparison with the reference sees for itself, and more surely.)
        let suspect = obscured.filter(|o| o.kind == ObscureKind::Mosaic).map(|o| {
            let (w, h) = (decoded.width as f32, decoded.height as f32);
            let (x, y, rw, rh) = o.region;
            let (x, y, rw, rh) = (x as f32, y as f32, rw as f32, rh as f32);
            (o.kind, [x / w, y / h, (x + rw) / w, (y + rh) / h])
        });
        let mut aligned_copies = Vec::new();
        if !self.codes.is_empty() {
            aligned_copies = self.aligned(&decoded.luma, &mut matches, suspect);
            matches.sort_by_key(|m| (m.distance, m.reference));
        }
        let scale = ratio(decoded, &decoded.luma);
        let compared = self.compared(&decoded.luma, &matches, aligned_copies, suspect);
        let hidden = compared
            .iter()
            .filter_map(|&(reference, found, frame)| {
                found.map(|found| hidden_part(reference, found, frame, scale))
            })
            .max_by(|a, b| a.contrast.total_cmp(&b.contrast));
        // A copy compared with its reference shows what was there: where it hides nothing,
        // a region the check on the image alone took for obscured is the reference's own.
        let obscured = obscured.filter(|o| {
            hidden.is_some()
                || !compared
                    .iter()
                    .any(|&(_, _, frame)| mostly_inside(o.region, to_original(frame, scale)))
        });
        Hashed::Image {
            scale,
            matches,
            obscured,
            hidden,
        }
    }

    /// The copies in `luma` compared with their references cell by cell, each lined up
    /// with its reference's thumbnail: the reference, what the copy hides of it if anything,
    /// and the frame (in `luma`) compared. `aligned` holds the copies alignment matched,
    /// compared already.
    fn compared(
        &self,
        luma: &GrayImage,
        matches: &[ImageMatch],
        aligned: Vec<(usize, Option<Hidden>, Window)>,
        suspect: Option<Suspect>,
    ) -> Vec<(usize, Option<Hidden>, Window)> {
        let (w, h) = luma.dimensions();
        matches
            .iter()
            .filter(|m| m.correlation.is_none())
            .filter_map(|m| {
                let thumb = self.thumbs[m.reference].as_ref()?;
                let frame = content_box(luma, m.window.unwrap_or((0, 0, w, h)));
                // Alignment knows a mirror image; other turns are undone first (and the
                // hidden part's box with them).
                let mirrored = m.turn == Turn::FlipH;
                let undo = if mirrored {
                    Turn::AsIs
                } else {
                    m.turn.inverse()
                };
                let part = turn_image(&crop(luma, frame), undo);
                let mut query = Query::new(&part)?;
                if let Some(s) = suspect.and_then(|s| in_frame(s, frame, (w, h))) {
                    query.suspect(turn_box(s, undo));
                }
                let found = query.hidden(&part, thumb, mirrored)?.map(|mut found| {
                    found.region = turn_box((found.kind, found.region), undo.inverse()).1;
                    found
                });
                Some((m.reference, found, frame))
            })
            .chain(aligned)
            .collect()
    }

    /// Adds copies found by alignment, until one copies the whole image: references (not
    /// already matched) whose code is within [`CODE_RADIUS`] of the code of the image, of
    /// one of its quarters or halves (a collage), or of their mirror images, nearest
    /// first, and whose thumbnail correlates with that part once lined up.
    /// Returns the copies it adds, compared with their references: the reference, the part
    /// the copy hides if any, and the frame (in `luma`) the part's fractions are of.
    fn aligned(
        &self,
        luma: &GrayImage,
        matches: &mut Vec<ImageMatch>,
        suspect: Option<Suspect>,
    ) -> Vec<(usize, Option<Hidden>, Window)> {
        // A photo found to copy a whole reference is a copy: aligning more candidates to
        // it, or to its halves as a collage's cells, would find what is known. Its parts
        // are not even prepared when its hashes found it.
        if copies_whole(matches) {
            return Vec::new();
        }
        let (w, h) = luma.dimensions();
        let (hw, hh) = (w / 2, h / 2);
        // Each part: its window, the window without its flat margins, and its query.
        let parts: Vec<(Window, Window, Query)> = [
            (0, 0, w, h),
            (0, 0, hw, hh),
            (hw, 0, w - hw, hh),
            (0, hh, hw, h - hh),
            (hw, hh, w - hw, h - hh),
            (0, 0, hw, h),
            (hw, 0, w - hw, h),
        ]
        .into_iter()
        .filter_map(|b| {
            let frame = content_box(luma, b);
            let mut query = Query::of_window(luma, frame)?;
            if let Some(s) = suspect.and_then(|s| in_frame(s, frame, (w, h))) {
                query.suspect(s);
            }
            Some((b, frame, query))
        })
        .collect();
        // (code distance, mirrored, reference, part, unaligned correlation).
        let mut near: Vec<(u32, bool, u32, usize, f32)> = Vec::new();
        let mut coded: Vec<(u32, bool, u32)> = Vec::new();
        for (p, (_, _, query)) in parts.iter().enumerate() {
            // Parts are smaller and more alike than whole photos: a tighter radius.
            let radius = if p == 0 {
                CODE_RADIUS
            } else {
                PART_CODE_RADIUS
            };
            coded.clear();
            // The whole image's band codes catch a caption; a part (a collage's cell) has
            // none of its own.
            for &(codes, reference) in &self.codes {
                if let Some((d, mirrored)) = query.code_distance(&codes, p == 0, radius) {
                    coded.push((d, mirrored, reference));
                }
            }
            // Only the nearest codes are compared pixel by pixel.
            if coded.len() > SHORTLIST {
                coded.select_nth_unstable(SHORTLIST);
                coded.truncate(SHORTLIST);
            }
            let least = if p == 0 {
                MIN_QUICK_CORRELATION
            } else {
                MIN_PART_QUICK_CORRELATION
            };
            for &(d, mirrored, reference) in &coded {
                if let Some(thumb) = &self.thumbs[reference as usize] {
                    let mut quick = query.quick_correlation(thumb, mirrored);
                    // A cover over a whole photo (not over a collage's cell) may hide
                    // much of what it correlates by, and rank it below photos that merely
                    // share its layout.
                    if quick < MIN_CORRELATION && p == 0 {
                        quick = quick.max(query.quick_correlation_without_patch(thumb, mirrored));
                    }
                    if quick >= least {
                        near.push((d, mirrored, reference, p, quick));
                    }
                }
            }
        }
        // The whole image's candidates first, then the parts', each most alike first.
        near.sort_unstable_by(|a, b| (a.3 != 0).cmp(&(b.3 != 0)).then(b.4.total_cmp(&a.4)));
        let mut tried: Vec<u32> = matches.iter().map(|m| m.reference as u32).collect();
        // Candidates left to check for the whole image and for its parts.
        let mut budget = [MAX_CANDIDATES, MAX_CANDIDATES];
        let mut compared = Vec::new();
        for (distance, mirrored, reference, p, _) in near {
            if copies_whole(matches) {
                break;
            }
            let left = &mut budget[usize::from(p != 0)];
            if *left == 0 || tried.contains(&reference) {
                continue;
            }
            let Some(thumb) = &self.thumbs[reference as usize] else {
                continue;
            };
            *left -= 1;
            let (window, frame, query) = (parts[p].0, parts[p].1, &parts[p].2);
            let (correlation, found) = query.compare(luma, thumb, mirrored);
            if correlation >= MIN_CORRELATION {
                tried.push(reference);
                compared.push((reference as usize, found, frame));
                matches.push(ImageMatch {
                    reference: reference as usize,
                    distance,
                    turn: if mirrored { Turn::FlipH } else { Turn::AsIs },
                    window: (p != 0).then_some(window),
                    correlation: Some(correlation),
                });
            }
        }
        compared
    }

    /// Adds the references given by a PDQ hash alone that the image's PDQ hash, turned back
    /// any of the eight ways, is within [`PDQ_MATCH_DISTANCE`] of: hashed from the finer
    /// decode (400–640 pixels on the long side), as the PDQ reference shrinks large photos
    /// before hashing.
    fn pdq_matches(&self, detail: &GrayImage, matches: &mut Vec<ImageMatch>) {
        if self.pdq_index.is_empty() {
            return;
        }
        let Some(unturned) = pdq_unturned_luma(detail) else {
            return;
        };
        let mut found = Vec::new();
        for (turn, pdq) in Turn::ALL.into_iter().zip(unturned) {
            found.clear();
            self.pdq_index
                .search(&pdq.to_hash256(), PDQ_MATCH_DISTANCE, &mut found);
            for &(reference, distance) in &found {
                let reference = reference as usize;
                match matches.iter_mut().find(|m| m.reference == reference) {
                    Some(m) if m.distance <= distance => {}
                    Some(m) => (m.distance, m.turn) = (distance, turn),
                    None => matches.push(ImageMatch {
                        reference,
                        distance,
                        turn,
                        window: None,
                        correlation: None,
                    }),
                }
            }
        }
    }

    /// Adds copies turned a quarter or flipped (other than mirrored) of references with a
    /// thumbnail: the whole image's hash turned back each way is looked up as far as a
    /// studio shot's, and a reference within [`MATCH_RADIUS`] is a copy, as an unturned
    /// one would be; further out, up to [`MAX_CANDIDATES`] per turn, nearest first, are
    /// copies when the image turned back lines up with their thumbnail (as an aligned
    /// copy, with the distance of the low-frequency codes).
    fn turned(&self, luma: &GrayImage, whole: &ImageHashes, matches: &mut Vec<ImageMatch>) {
        let mut found = Vec::new();
        for turn in Turn::ALL.into_iter().skip(2) {
            found.clear();
            self.index
                .search(&whole.unturned_by(turn), STUDIO_MATCH_RADIUS, &mut found);
            found.retain(|&(r, _)| !matches.iter().any(|m| m.reference == r as usize));
            found.sort_unstable_by_key(|&(r, d)| (d, r));
            let mut query: Option<Option<Query>> = None;
            for &(reference, distance) in found.iter().take(MAX_CANDIDATES) {
                let reference = reference as usize;
                if distance <= MATCH_RADIUS {
                    matches.push(ImageMatch {
                        reference,
                        distance,
                        turn,
                        window: None,
                        correlation: None,
                    });
                    continue;
                }
                let Some(thumb) = &self.thumbs[reference] else {
                    continue;
                };
                let query = query.get_or_insert_with(|| {
                    let (w, h) = luma.dimensions();
                    Query::new(&turn_image(
                        &trim_window(luma, (0, 0, w, h)),
                        turn.inverse(),
                    ))
                });
                let Some(query) = query.as_ref() else {
                    continue;
                };
                let correlation = query.correlation(thumb, false);
                if correlation >= MIN_CORRELATION {
                    let codes = Codes::of(thumb);
                    let code = query.code_distance(&codes, true, 63).map_or(63, |(d, _)| d);
                    matches.push(ImageMatch {
                        reference,
                        distance: code,
                        turn,
                        window: None,
                        correlation: Some(correlation),
                    });
                }
            }
        }
    }

    /// The best match per reference among the windows' hashes, straight and mirrored.
    fn matches(&self, whole: Window, windows: &[(Window, ImageHashes)]) -> Vec<ImageMatch> {
        let mut best: Vec<ImageMatch> = Vec::new();
        let mut found = Vec::new();
        for &(window, hs) in windows {
            // The whole image is looked up turned back every way; a window (a collage's
            // cell) as it is and mirrored. Copies of references with a thumbnail turned
            // other than mirrored are looked up in `turned`, which can align them.
            let turns: &[Turn] = if window == whole {
                &Turn::ALL
            } else {
                &[Turn::AsIs, Turn::FlipH]
            };
            for &turn in turns {
                let hash = hs.unturned_by(turn);
                found.clear();
                if matches!(turn, Turn::AsIs | Turn::FlipH) {
                    self.index.search(&hash, MATCH_RADIUS, &mut found);
                }
                self.studio_index
                    .search(&hash, STUDIO_MATCH_RADIUS, &mut found);
                for &(reference, distance) in &found {
                    let m = ImageMatch {
                        reference: reference as usize,
                        distance,
                        turn,
                        window: (window != whole).then_some(window),
                        correlation: None,
                    };
                    match best.iter_mut().find(|b| b.reference == m.reference) {
                        Some(b) if b.distance <= distance => {}
                        Some(b) => *b = m,
                        None => best.push(m),
                    }
                }
            }
        }
        best.sort_by_key(|m| (m.distance, m.reference));
        best
    }

    /// Decodes the image at `path` within the bounds: inside `base` once links are
    /// followed, no larger than the file limit, decoded within the time limit (on a thread
    /// of its own, which is left to finish when it overruns).
    fn decode(&self, base: &Path, path: &Path) -> Result<Decoded, DecodeError> {
        if links_out(base, path) {
            return Err(DecodeError::Escapes);
        }
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes > self.max_bytes {
            return Err(DecodeError::FileTooLarge {
                bytes,
                max: self.max_bytes,
            });
        }
        let max_pixels = self.max_pixels;
        let path = path.to_path_buf();
        match self.max_decode {
            None => decode_small(&path, max_pixels),
            Some(limit) => within(limit, move || decode_small(&path, max_pixels)),
        }
    }

    fn image(&self, listing: &Listing, rel: &str, out: &mut Vec<Evidence>) {
        let base = Path::new(&*listing.origin.file)
            .parent()
            .unwrap_or(Path::new("."));
        let Some(path) = resolve_inside(base, rel) else {
            return; // Rejected as `path_escape` when the row was read.
        };
        let hashed = self.hashed(base, &path);
        let (scale, matches, obscured, hidden) = match &*hashed {
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
                matches,
                obscured,
                hidden,
            } => (*scale, matches, obscured, hidden),
        };
        // What a copy hides of its reference is the stronger evidence of the two.
        if let Some(h) = hidden {
            out.push(Evidence::Obscured {
                path: rel.to_string(),
                kind: h.kind,
                region: h.region,
                contrast: h.contrast,
                score: HIDDEN_SCORE,
                reference: Some((h.reference, h.reference_region)),
            });
        } else if let Some(o) = obscured {
            out.push(Evidence::Obscured {
                path: rel.to_string(),
                kind: o.kind,
                region: o.region,
                contrast: o.contrast,
                score: o.score(),
                reference: None,
            });
        }
        for &m in matches {
            out.push(Evidence::Image {
                reason: match self.kinds[m.reference] {
                    ImageKind::Copyright => Reason::CopyrightPhoto,
                    ImageKind::DesignPatent => Reason::DesignPatentImage,
                },
                image: m.reference,
                path: rel.to_string(),
                distance: m.distance,
                correlation: m.correlation,
                turn: m.turn,
                window: m.window.map(|w| to_original(w, scale)),
                score: m.correlation.map_or_else(
                    || (1.0 - m.distance as f32 / 80.0).clamp(0.5, 1.0),
                    |c| (0.5 + (c - 0.8) * 2.5).clamp(0.5, 0.95),
                ),
            });
        }
    }
}

/// Whether one of `matches` copies a whole reference (not a part of the image).
fn copies_whole(matches: &[ImageMatch]) -> bool {
    matches.iter().any(|m| m.window.is_none())
}

/// The box `(x, y, w, h)` of `img`.
fn crop(img: &GrayImage, (x, y, w, h): Window) -> GrayImage {
    image::imageops::crop_imm(img, x, y, w, h).to_image()
}

/// A part of a reference that a copy hides, from the part's fractions of `frame` (a box
/// of the decoded image) to the original image's pixels.
/// A box (x0, y0, x1, y1 as fractions of an image's sides) where it lies once the image is
/// turned by `turn`.
fn turn_box((kind, [x0, y0, x1, y1]): Suspect, turn: Turn) -> Suspect {
    let point = |u: f32, v: f32| match turn {
        Turn::AsIs => (u, v),
        Turn::FlipH => (1.0 - u, v),
        Turn::FlipV => (u, 1.0 - v),
        Turn::Rot180 => (1.0 - u, 1.0 - v),
        Turn::Transpose => (v, u),
        Turn::Rot90 => (1.0 - v, u),
        Turn::Rot270 => (v, 1.0 - u),
        Turn::Transverse => (1.0 - v, 1.0 - u),
    };
    let (a, b) = (point(x0, y0), point(x1, y1));
    (
        kind,
        [a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)],
    )
}

/// `suspect` (fractions of a `size` image) as fractions of `frame` (pixels of that image),
/// clipped to it; `None` when it lies outside.
fn in_frame(
    (kind, [x0, y0, x1, y1]): Suspect,
    (fx, fy, fw, fh): Window,
    (w, h): (u32, u32),
) -> Option<Suspect> {
    let across = |v: f32| ((v * w as f32 - fx as f32) / fw.max(1) as f32).clamp(0.0, 1.0);
    let down = |v: f32| ((v * h as f32 - fy as f32) / fh.max(1) as f32).clamp(0.0, 1.0);
    let region = [across(x0), down(y0), across(x1), down(y1)];
    (region[2] > region[0] && region[3] > region[1]).then_some((kind, region))
}

fn hidden_part(reference: usize, found: Hidden, frame: Window, scale: (f64, f64)) -> HiddenPart {
    let (x, y, w, h) = frame;
    let [x0, y0, x1, y1] = found.region;
    let at = |v: f32, from: u32, size: u32| from + (v * size as f32).round() as u32;
    let (px, py) = (at(x0, x, w), at(y0, y, h));
    let region = (px, py, at(x1, x, w) - px, at(y1, y, h) - py);
    let [r0, s0, r1, s1] = found.reference_region;
    HiddenPart {
        reference,
        kind: found.kind,
        region: to_original(region, scale),
        reference_region: [r0, s0, r1 - r0, s1 - s0],
        contrast: found.contrast,
    }
}

/// Whether most of box `inner` (nine tenths of its area) lies inside box `outer`.
fn mostly_inside(inner: Window, outer: Window) -> bool {
    let overlap =
        |a: u32, la: u32, b: u32, lb: u32| u64::from((a + la).min(b + lb).saturating_sub(a.max(b)));
    let shared =
        overlap(inner.0, inner.2, outer.0, outer.2) * overlap(inner.1, inner.3, outer.1, outer.3);
    10 * shared >= 9 * u64::from(inner.2) * u64::from(inner.3)
}

/// Original pixels per pixel of `img`, a scaled copy of the decoded image, across and down.
fn ratio(decoded: &Decoded, img: &GrayImage) -> (f64, f64) {
    (
        f64::from(decoded.width) / f64::from(img.width()),
        f64::from(decoded.height) / f64::from(img.height()),
    )
}

/// Whether copies of a reference are looked for by aligning its thumbnail: it has one, and
/// it is not a studio shot.
fn aligned(reference: &RefImage) -> bool {
    reference.thumb.as_ref().is_some_and(|t| !t.studio)
}

/// The hashes of the references whose copies are also found by alignment (`with_alignment`)
/// or by their hashes alone.
fn hash_index(images: &[RefImage], with_alignment: bool) -> HashIndex {
    HashIndex::new(
        images
            .iter()
            .enumerate()
            .filter(|(_, r)| aligned(r) == with_alignment)
            .flat_map(|(i, r)| r.hashes.iter().map(move |h| (*h, i as u32))),
    )
}

/// A reference image a listing image copies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageMatch {
    /// Position of the reference in the slice the detector was built from.
    pub reference: usize,
    /// Hamming distance of the closest hashes, of 256 bits.
    pub distance: u32,
    /// How the reference is turned or flipped in the copy.
    pub turn: Turn,
    /// The part of the decoded listing image that matched, when not all of it.
    pub window: Option<Window>,
    /// For a copy found by alignment, the correlation once lined up (and `distance` is
    /// then between the 63-bit low-frequency codes).
    pub correlation: Option<f32>,
}

impl Detector for ImageDetector {
    fn name(&self) -> &'static str {
        "image"
    }

    fn detect(&self, listing: &Listing, out: &mut Vec<Evidence>) {
        if self.index.is_empty()
            && self.studio_index.is_empty()
            && self.pdq_index.is_empty()
            && !self.obscured
        {
            return;
        }
        for rel in &listing.image_paths {
            self.image(listing, rel, out);
        }
    }
}
