//! A PDQ-style perceptual hash: the image in luminance, flat borders trimmed, shrunk to
//! 64×64, a 2-D DCT, the 16×16 lowest frequencies but the constant one, each bit set where
//! its coefficient is above their median. The image turned and flipped every way (the
//! eight symmetries of its frame) is hashed too, from the same coefficients: a flip
//! negates the odd frequencies across it and a flip about the diagonal swaps the axes, so
//! that a copy turned a quarter or flipped is found by the same look-ups.

use std::sync::LazyLock;

use image::GrayImage;

use crate::model::{Hash256, Thumb, Turn};

impl Hash256 {
    /// Bits that differ.
    pub fn distance(&self, other: &Hash256) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a ^ b).count_ones())
            .sum()
    }

    /// The 16-bit chunk `i` (0..16).
    pub fn chunk(&self, i: usize) -> u16 {
        (self.0[i / 4] >> ((i % 4) * 16)) as u16
    }

    /// As 64 hex digits.
    pub fn to_hex(&self) -> String {
        use std::fmt::Write;
        self.0.iter().fold(String::with_capacity(64), |mut s, w| {
            let _ = write!(s, "{w:016x}");
            s
        })
    }
}

/// An image's hash, its low DCT frequencies (from which the hash of the image turned or
/// flipped any way follows, see [`ImageHashes::unturned_by`]), and how much structure it
/// has (0 for a flat image; below [`MIN_QUALITY`] a hash is not trusted).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageHashes {
    pub hash: Hash256,
    coefficients: [f32; FREQ * FREQ],
    pub quality: f32,
}

impl ImageHashes {
    /// The hash of this image turned back by `turn`: the reference's hash when this image
    /// is the reference so turned. Derived when asked, since only a whole image is looked up
    /// every way.
    pub fn unturned_by(&self, turn: Turn) -> Hash256 {
        if turn == Turn::AsIs {
            return self.hash;
        }
        threshold(&turned(&self.coefficients, turn.inverse()))
    }
}

/// Below this, an image is too flat, blank or small to match reliably.
pub const MIN_QUALITY: f32 = 0.02;

const SIDE: usize = 64;
const FREQ: usize = 16;

/// DCT-II basis rows 1..=16 over 64 samples.
static BASIS: LazyLock<[[f32; SIDE]; FREQ]> = LazyLock::new(|| {
    let mut d = [[0f32; SIDE]; FREQ];
    for (k, row) in d.iter_mut().enumerate() {
        for (n, v) in row.iter_mut().enumerate() {
            *v = (std::f32::consts::PI * (2 * n + 1) as f32 * (k + 1) as f32 / (2 * SIDE) as f32)
                .cos();
        }
    }
    d
});

/// The hashes of an image (any size), borders trimmed; `None` when it is too small.
pub fn hash_image(luma: &GrayImage) -> Option<ImageHashes> {
    hash_window(luma, (0, 0, luma.width(), luma.height()))
}

/// The hashes of the box (x, y, w, h) of an image, its flat margins trimmed.
fn hash_window(luma: &GrayImage, window: (u32, u32, u32, u32)) -> Option<ImageHashes> {
    let content = content_box(luma, window);
    if content.2 < 8 || content.3 < 8 {
        return None;
    }
    let grid = resample(luma, content);
    let quality = quality(&grid);
    let coeffs = dct(&grid);
    Some(ImageHashes {
        hash: threshold(&coeffs),
        coefficients: coeffs,
        quality,
    })
}

/// `img` turned by `turn`.
pub fn turn_image(img: &GrayImage, turn: Turn) -> GrayImage {
    use image::metadata::Orientation;
    let orientation = match turn {
        Turn::AsIs => Orientation::NoTransforms,
        Turn::FlipH => Orientation::FlipHorizontal,
        Turn::FlipV => Orientation::FlipVertical,
        Turn::Rot90 => Orientation::Rotate90,
        Turn::Rot180 => Orientation::Rotate180,
        Turn::Rot270 => Orientation::Rotate270,
        // A quarter turn clockwise then a flip left to right is a flip about the diagonal
        // from the top left; three quarters, about the other diagonal.
        Turn::Transpose => Orientation::Rotate90FlipH,
        Turn::Transverse => Orientation::Rotate270FlipH,
    };
    let mut turned = image::DynamicImage::ImageLuma8(img.clone());
    turned.apply_orientation(orientation);
    turned.into_luma8()
}

/// The coefficients of the image turned by `turn`, from the image's. The grid is an area
/// average over cells that split each side evenly, whatever its length, so the turned
/// image's grid is this one turned. Basis row `k` has frequency `k + 1`, even or odd about
/// the middle as `k` is odd or even: flipping an axis negates the coefficients of even
/// index along it; transposing the grid transposes them.
pub(super) fn turned(coeffs: &[f32; FREQ * FREQ], turn: Turn) -> [f32; FREQ * FREQ] {
    // As transposes, then flips across (columns) and down (rows).
    let (transpose, across, down) = match turn {
        Turn::AsIs => (false, false, false),
        Turn::FlipH => (false, true, false),
        Turn::FlipV => (false, false, true),
        Turn::Rot180 => (false, true, true),
        Turn::Transpose => (true, false, false),
        Turn::Rot90 => (true, true, false),
        Turn::Rot270 => (true, false, true),
        Turn::Transverse => (true, true, true),
    };
    let mut out = [0f32; FREQ * FREQ];
    for (i, c) in out.iter_mut().enumerate() {
        let (row, col) = (i / FREQ, i % FREQ);
        let from = if transpose { col * FREQ + row } else { i };
        let negate = (across && col % 2 == 0) != (down && row % 2 == 0);
        *c = if negate { -coeffs[from] } else { coeffs[from] };
    }
    out
}

/// Hashes of windows of an image, for copies that fill only part of it (a collage, a
/// photo with a wide banner): the four quarters and the centre, each with its box
/// (x, y, w, h) in the image's pixels. (Halves are left to alignment, which checks them.)
pub fn window_hashes(luma: &GrayImage) -> Vec<((u32, u32, u32, u32), ImageHashes)> {
    let (w, h) = luma.dimensions();
    let (hw, hh) = (w / 2, h / 2);
    let boxes = [
        (0, 0, hw, hh),
        (hw, 0, w - hw, hh),
        (0, hh, hw, h - hh),
        (hw, hh, w - hw, h - hh),
        (w / 6, h / 6, w * 2 / 3, h * 2 / 3),
    ];
    boxes
        .into_iter()
        .filter_map(|b| hash_window(luma, b).map(|hs| (b, hs)))
        .collect()
}

/// Hashes for a reference image: itself and centre crops of 90% and 80%, so that a copy
/// cropped by up to a fifth still lands near one of them.
pub fn reference_hashes(luma: &GrayImage) -> Vec<ImageHashes> {
    let (w, h) = luma.dimensions();
    let mut out: Vec<ImageHashes> = hash_image(luma).into_iter().collect();
    for keep in [0.9f32, 0.8] {
        let (cw, ch) = ((w as f32 * keep) as u32, (h as f32 * keep) as u32);
        out.extend(hash_window(luma, ((w - cw) / 2, (h - ch) / 2, cw, ch)));
    }
    out
}

/// What a reference keeps of its image: the hashes of [`reference_hashes`] that have
/// structure enough to trust, and the thumbnail copies are aligned with and compared with
/// cell by cell. No hashes means the image cannot be matched.
///
/// An object alone on a plain backdrop (a studio shot, where trimming the backdrop leaves
/// less than [`FRAME_FILLED`] of the frame) has its thumbnail marked `studio`: once
/// aligned, any two such shots of like-shaped objects correlate, so only its hashes find
/// its copies, and its thumbnail then tells what a copy hides of it.
pub fn reference_print(luma: &GrayImage) -> (Vec<Hash256>, Option<Thumb>) {
    let hashes = reference_hashes(luma)
        .into_iter()
        .filter(|h| h.quality >= MIN_QUALITY)
        .map(|h| h.hash)
        .collect();
    let trimmed = trim_borders(luma);
    let filled = f64::from(trimmed.width() * trimmed.height())
        / f64::from((luma.width() * luma.height()).max(1));
    let thumb = Thumb::of(&trimmed).map(|thumb| Thumb {
        studio: filled < FRAME_FILLED,
        ..thumb
    });
    (hashes, thumb)
}

/// Share of the frame a reference photo must fill, borders trimmed, to be aligned with.
pub const FRAME_FILLED: f64 = 0.7;

/// The box (x, y, w, h) of `img` averaged down (or up) to a 64×64 grid, cell by cell over
/// exact fractional areas.
fn resample(img: &GrayImage, (x, y, w, h): (u32, u32, u32, u32)) -> [[f32; SIDE]; SIDE] {
    let across = Weights::new(x, w);
    let down = Weights::new(y, h);
    let stride = img.width() as usize;
    let raw = img.as_raw();
    // Each source row of the box, averaged across into 64 columns.
    let rows: Vec<[f32; SIDE]> = (y..y + h)
        .map(|sy| {
            let line = &raw[sy as usize * stride..];
            let mut out = [0f32; SIDE];
            for (i, o) in out.iter_mut().enumerate() {
                *o = across
                    .cell(i)
                    .iter()
                    .map(|&(sx, wt)| f32::from(line[sx as usize]) * wt)
                    .sum();
            }
            out
        })
        .collect();
    let mut grid = [[0f32; SIDE]; SIDE];
    for (i, g) in grid.iter_mut().enumerate() {
        for &(sy, wt) in down.cell(i) {
            for (o, v) in g.iter_mut().zip(&rows[(sy - y) as usize]) {
                *o += v * wt;
            }
        }
    }
    grid
}

/// For each of 64 cells over `len` pixels from `start`: the pixels it covers and the share
/// of the cell each covers (summing to 1), in one buffer.
struct Weights {
    pixels: Vec<(u32, f32)>,
    ends: [usize; SIDE],
}

impl Weights {
    fn new(start: u32, len: u32) -> Weights {
        let step = len as f32 / SIDE as f32;
        let mut pixels = Vec::with_capacity(SIDE * (step as usize + 2));
        let mut ends = [0; SIDE];
        for (i, end) in ends.iter_mut().enumerate() {
            let (a, b) = (i as f32 * step, (i + 1) as f32 * step);
            let first = a.floor() as u32;
            let last = (b.ceil() as u32).min(len).max(first + 1);
            for p in first..last {
                let overlap = (b.min(p as f32 + 1.0) - a.max(p as f32)).max(0.0);
                pixels.push((start + p, overlap / step));
            }
            *end = pixels.len();
        }
        Weights { pixels, ends }
    }

    fn cell(&self, i: usize) -> &[(u32, f32)] {
        let begin = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.pixels[begin..self.ends[i]]
    }
}

/// The 16×16 lowest frequencies of the grid but the constant ones, by rows then columns;
/// index `u * 16 + v` for vertical frequency `u + 1` and horizontal `v + 1`.
fn dct(grid: &[[f32; SIDE]; SIDE]) -> [f32; FREQ * FREQ] {
    let basis = &*BASIS;
    // Row pass, stored transposed: cols[v][y] = Σx basis[v][x] · grid[y][x].
    let mut cols = [[0f32; SIDE]; FREQ];
    for (y, row) in grid.iter().enumerate() {
        for (v, col) in cols.iter_mut().enumerate() {
            col[y] = dot(&basis[v], row);
        }
    }
    let mut coeffs = [0f32; FREQ * FREQ];
    for u in 0..FREQ {
        for (v, col) in cols.iter().enumerate() {
            coeffs[u * FREQ + v] = dot(&basis[u], col);
        }
    }
    coeffs
}

/// A dot product in eight lanes, which the compiler turns into vector instructions (a
/// plain `sum()` of floats must keep its order and stays scalar).
fn dot(a: &[f32; SIDE], b: &[f32; SIDE]) -> f32 {
    let mut lanes = [0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for i in 0..8 {
            lanes[i] += ca[i] * cb[i];
        }
    }
    lanes.iter().sum()
}

fn threshold(coeffs: &[f32; FREQ * FREQ]) -> Hash256 {
    let mut sorted = *coeffs;
    let (below, &mut upper, _) = sorted.select_nth_unstable_by(128, f32::total_cmp);
    let lower = below.iter().copied().fold(f32::MIN, f32::max);
    let median = f32::midpoint(lower, upper);
    let mut bits = [0u64; 4];
    for (i, &c) in coeffs.iter().enumerate() {
        if c > median {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    Hash256(bits)
}

/// Mean absolute gradient, scaled to about 0..1.
fn quality(grid: &[[f32; SIDE]; SIDE]) -> f32 {
    let mut sum = 0f32;
    for y in 0..SIDE - 1 {
        for x in 0..SIDE - 1 {
            sum += (grid[y][x + 1] - grid[y][x]).abs() + (grid[y + 1][x] - grid[y][x]).abs();
        }
    }
    sum / ((SIDE - 1) * (SIDE - 1) * 2) as f32 / 32.0
}

/// The image without flat margins (a border, padding, letterboxing, a plain studio
/// backdrop).
pub fn trim_borders(img: &GrayImage) -> GrayImage {
    trim_window(img, (0, 0, img.width(), img.height()))
}

/// The box (x, y, w, h) of an image without its flat margins, as an image of its own.
pub fn trim_window(img: &GrayImage, window: (u32, u32, u32, u32)) -> GrayImage {
    let (x, y, w, h) = content_box(img, window);
    image::imageops::crop_imm(img, x, y, w, h).to_image()
}

/// The box inside `window` without its flat margins: rows and columns whose pixels span
/// at most 10 grey levels are trimmed from each side in turn until none moves, keeping at
/// least a tenth of each side (a border's sides would otherwise hide the flat rows of the
/// picture inside it).
pub(crate) fn content_box(
    img: &GrayImage,
    (x0, y0, w, h): (u32, u32, u32, u32),
) -> (u32, u32, u32, u32) {
    if w < 16 || h < 16 {
        return (x0, y0, w, h);
    }
    let stride = img.width() as usize;
    let raw = img.as_raw();
    let flat = |values: &mut dyn Iterator<Item = u8>| {
        let (lo, hi) = values.fold((255u8, 0u8), |(lo, hi), v| (lo.min(v), hi.max(v)));
        hi.saturating_sub(lo) <= 10
    };
    let flat_row = |y: u32, x0: u32, x1: u32| {
        let start = y as usize * stride;
        flat(
            &mut raw[start + x0 as usize..start + x1 as usize]
                .iter()
                .copied(),
        )
    };
    let flat_col = |x: u32, y0: u32, y1: u32| {
        flat(&mut (y0..y1).map(|y| raw[y as usize * stride + x as usize]))
    };
    let (mut top, mut bottom, mut left, mut right) = (y0, y0 + h, x0, x0 + w);
    loop {
        let before = (top, bottom, left, right);
        while bottom - top > h / 10 && flat_row(top, left, right) {
            top += 1;
        }
        while bottom - top > h / 10 && flat_row(bottom - 1, left, right) {
            bottom -= 1;
        }
        while right - left > w / 10 && flat_col(left, top, bottom) {
            left += 1;
        }
        while right - left > w / 10 && flat_col(right - 1, top, bottom) {
            right -= 1;
        }
        if before == (top, bottom, left, right) {
            break;
        }
    }
    (left, top, right - left, bottom - top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::product_photo;
    use image::imageops;

    fn luma(seed: u64) -> GrayImage {
        image::DynamicImage::ImageRgb8(product_photo(seed, 320, 320)).to_luma8()
    }

    #[test]
    fn copies_are_near_and_others_far() {
        let a = hash_image(&luma(1)).unwrap();
        let resized = hash_image(&imageops::resize(
            &luma(1),
            150,
            150,
            imageops::FilterType::Triangle,
        ))
        .unwrap();
        assert!(
            a.hash.distance(&resized.hash) <= crate::detect::image::STUDIO_MATCH_RADIUS,
            "{}",
            a.hash.distance(&resized.hash)
        );
        let mut bordered = GrayImage::from_pixel(400, 400, image::Luma([250]));
        imageops::overlay(&mut bordered, &luma(1), 40, 40);
        let padded = hash_image(&bordered).unwrap();
        assert!(
            a.hash.distance(&padded.hash) <= 24,
            "{}",
            a.hash.distance(&padded.hash)
        );
        for seed in 2..30 {
            let other = hash_image(&luma(seed)).unwrap();
            assert!(
                a.hash.distance(&other.hash) > 60,
                "seed {seed}: {}",
                a.hash.distance(&other.hash)
            );
        }
    }

    /// A photo turned or flipped any way: turned back through its hashes it is the photo
    /// (the turned grid is the grid turned, so only rounding differs), and through the
    /// other turns it is not.
    #[test]
    fn every_turn_is_undone_from_the_same_coefficients() {
        let photo = image::DynamicImage::ImageRgb8(product_photo(4, 360, 240)).to_luma8();
        let original = hash_image(&photo).unwrap().hash;
        for turn in Turn::ALL {
            let hashes = hash_image(&turn_image(&photo, turn)).unwrap();
            let back = hashes.unturned_by(turn).distance(&original);
            assert!(back <= 4, "{}: {back} bits from the photo", turn.name());
            for other in Turn::ALL.into_iter().filter(|&o| o != turn) {
                let wrong = hashes.unturned_by(other).distance(&original);
                assert!(
                    wrong > 40,
                    "{} undone as {}: {wrong}",
                    turn.name(),
                    other.name()
                );
            }
        }
    }

    #[test]
    fn flat_images_have_no_quality() {
        let flat = GrayImage::from_pixel(100, 100, image::Luma([128]));
        assert!(hash_image(&flat).is_none_or(|h| h.quality < MIN_QUALITY));
        assert!(hash_image(&luma(3)).unwrap().quality >= MIN_QUALITY);
    }
}
