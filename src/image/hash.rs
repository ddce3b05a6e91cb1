//! A PDQ-style perceptual hash: the image in luminance, flat borders trimmed, shrunk to
//! 64×64, a 2-D DCT, the 16×16 lowest frequencies but the constant one, each bit set where
//! its coefficient is above their median. The mirror image is hashed too, so that a
//! mirrored copy is found by the same look-up.

use std::sync::LazyLock;

use image::GrayImage;

/// A 256-bit hash.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Hash256(pub [u64; 4]);

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

/// An image's hash, its mirror image's hash, and how much structure it has (0 for a flat
/// image; below [`MIN_QUALITY`] a hash is not trusted).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageHashes {
    pub hash: Hash256,
    pub mirror: Hash256,
    pub quality: f32,
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
    let trimmed = trim_borders(luma);
    if trimmed.width() < 8 || trimmed.height() < 8 {
        return None;
    }
    let small = image::imageops::thumbnail(&trimmed, SIDE as u32, SIDE as u32);
    let (hash, quality) = hash_square(&small);
    // The mirror image goes through the same shrinking: resampling is not symmetric, so
    // negating the odd horizontal frequencies of the shrunk image does not match how a
    // mirrored copy hashes.
    let flipped = image::imageops::flip_horizontal(&trimmed);
    let (mirror, _) = hash_square(&image::imageops::thumbnail(
        &flipped,
        SIDE as u32,
        SIDE as u32,
    ));
    Some(ImageHashes {
        hash,
        mirror,
        quality,
    })
}

/// Hashes of windows of an image, for copies that fill only part of it (a collage, a
/// photo with a wide banner): the four quarters, the centre and the four halves, each with
/// its box (x, y, w, h) in the image's pixels.
pub fn window_hashes(luma: &GrayImage) -> Vec<((u32, u32, u32, u32), ImageHashes)> {
    let (w, h) = luma.dimensions();
    let (hw, hh) = (w / 2, h / 2);
    let boxes = [
        (0, 0, hw, hh),
        (hw, 0, w - hw, hh),
        (0, hh, hw, h - hh),
        (hw, hh, w - hw, h - hh),
        (w / 6, h / 6, w * 2 / 3, h * 2 / 3),
        (0, 0, hw, h),
        (hw, 0, w - hw, h),
        (0, 0, w, hh),
        (0, hh, w, h - hh),
    ];
    boxes
        .into_iter()
        .filter_map(|b| {
            let view = image::imageops::crop_imm(luma, b.0, b.1, b.2, b.3).to_image();
            hash_image(&view).map(|hs| (b, hs))
        })
        .collect()
}

/// Hashes for a reference image: itself and centre crops of 90% and 80%, so that a copy
/// cropped by up to a fifth still lands near one of them.
pub fn reference_hashes(luma: &GrayImage) -> Vec<ImageHashes> {
    let (w, h) = luma.dimensions();
    let mut out: Vec<ImageHashes> = hash_image(luma).into_iter().collect();
    for keep in [0.9f32, 0.8] {
        let (cw, ch) = ((w as f32 * keep) as u32, (h as f32 * keep) as u32);
        let view = image::imageops::crop_imm(luma, (w - cw) / 2, (h - ch) / 2, cw, ch).to_image();
        out.extend(hash_image(&view));
    }
    out
}

/// What a reference keeps of its image: the hashes of [`reference_hashes`] that have
/// structure enough to trust, and the thumbnail copies are aligned with. No hashes means
/// the image cannot be matched.
///
/// An object alone on a plain backdrop (a studio shot, where trimming the backdrop leaves
/// less than [`FRAME_FILLED`] of the frame) gets no thumbnail: once aligned, any two such
/// shots of like-shaped objects correlate, so only its hashes are evidence.
pub fn reference_print(luma: &GrayImage) -> (Vec<Hash256>, Option<crate::image::Thumb>) {
    let hashes = reference_hashes(luma)
        .into_iter()
        .filter(|h| h.quality >= MIN_QUALITY)
        .map(|h| h.hash)
        .collect();
    let trimmed = trim_borders(luma);
    let filled = f64::from(trimmed.width() * trimmed.height())
        / f64::from((luma.width() * luma.height()).max(1));
    let thumb = (filled >= FRAME_FILLED)
        .then(|| crate::image::Thumb::of(&trimmed))
        .flatten();
    (hashes, thumb)
}

/// Share of the frame a reference photo must fill, borders trimmed, to be aligned with.
pub const FRAME_FILLED: f64 = 0.7;

fn hash_square(img: &GrayImage) -> (Hash256, f32) {
    let px: Vec<f32> = img.pixels().map(|p| f32::from(p.0[0])).collect();
    let (w, h) = (img.width() as usize, img.height() as usize);
    // Rows of the 64×64 grid (thumbnail keeps aspect; pad by repeating the last row/col).
    let at = |x: usize, y: usize| px[y.min(h - 1) * w + x.min(w - 1)];
    let mut grid = [[0f32; SIDE]; SIDE];
    for (y, row) in grid.iter_mut().enumerate() {
        for (x, v) in row.iter_mut().enumerate() {
            *v = at(x * w / SIDE, y * h / SIDE);
        }
    }
    let quality = quality(&grid);
    // B = D · A · Dᵀ, in two passes.
    let basis = &*BASIS;
    let mut rows = [[0f32; FREQ]; SIDE];
    for (y, out) in rows.iter_mut().enumerate() {
        for (k, o) in out.iter_mut().enumerate() {
            *o = basis[k].iter().zip(&grid[y]).map(|(a, b)| a * b).sum();
        }
    }
    let mut coeffs = [0f32; FREQ * FREQ];
    for u in 0..FREQ {
        for v in 0..FREQ {
            coeffs[u * FREQ + v] = (0..SIDE).map(|y| basis[u][y] * rows[y][v]).sum();
        }
    }
    (threshold(&coeffs), quality)
}

fn threshold(coeffs: &[f32; FREQ * FREQ]) -> Hash256 {
    let mut sorted = *coeffs;
    sorted.sort_unstable_by(f32::total_cmp);
    let median = f32::midpoint(sorted[127], sorted[128]);
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
    let (w, h) = img.dimensions();
    if w < 16 || h < 16 {
        return img.clone();
    }
    let flat_row = |y: u32, x0: u32, x1: u32| {
        let (lo, hi) = (x0..x1).fold((255u8, 0u8), |(lo, hi), x| {
            let v = img.get_pixel(x, y).0[0];
            (lo.min(v), hi.max(v))
        });
        hi - lo <= 10
    };
    let flat_col = |x: u32, y0: u32, y1: u32| {
        let (lo, hi) = (y0..y1).fold((255u8, 0u8), |(lo, hi), y| {
            let v = img.get_pixel(x, y).0[0];
            (lo.min(v), hi.max(v))
        });
        hi - lo <= 10
    };
    let (mut top, mut bottom, mut left, mut right) = (0, h, 0, w);
    // Trim until content on both copies of an image, whatever border was added: stop
    // only where the picture starts, keeping at least a tenth of each side.
    // Rows and columns in turn, until neither moves: a border's sides would otherwise hide
    // the flat rows of the picture inside it.
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
    image::imageops::crop_imm(img, left, top, right - left, bottom - top).to_image()
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
            a.hash.distance(&resized.hash) <= 24,
            "{}",
            a.hash.distance(&resized.hash)
        );
        let mirrored = hash_image(&imageops::flip_horizontal(&luma(1))).unwrap();
        assert!(
            a.mirror.distance(&mirrored.hash) <= 24,
            "{}",
            a.mirror.distance(&mirrored.hash)
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

    #[test]
    fn flat_images_have_no_quality() {
        let flat = GrayImage::from_pixel(100, 100, image::Luma([128]));
        assert!(hash_image(&flat).is_none_or(|h| h.quality < MIN_QUALITY));
        assert!(hash_image(&luma(3)).unwrap().quality >= MIN_QUALITY);
    }
}
