//! PDQ, the 256-bit perceptual hash that trust-and-safety teams share hash banks in (Meta's
//! `ThreatExchange`, hasher-matcher-actioner), computed as its published description says,
//! so that a bank made elsewhere matches here and ours can be sent out:
//! - luminance `0.299 R + 0.587 G + 0.114 B`, in floating point, at full resolution;
//! - two passes of Jarosz box filters along rows then columns, each window
//!   `⌈size / 128⌉` wide (half a 64th of the side, rounded up);
//! - every `size / 64`-th filtered pixel, from the middle of each 64th, to a 64×64 grid;
//! - the 16×16 lowest frequencies of its 2-D DCT, the constant one left out;
//! - bit `16 i + j` set where coefficient `(i, j)` is above their median (the 128th of
//!   256), written as 16 words of 16 bits, the last first, in hex;
//! - quality: the grid's absolute steps between neighbours, each in hundredths of the grey
//!   scale and truncated, summed, over 90, at most 100.
//!
//! Implementations of the reference disagree by a few bits through their image decoders
//! alone; PDQ's usual match distance is 31 bits.

use image::{GrayImage, RgbImage};

use super::decode::{DecodeError, decode_other};
use super::hash::turned;
use crate::model::Hash256;
use crate::model::Turn;

/// The distance within which two PDQ hashes are usually taken for the same photo.
pub const PDQ_MATCH_DISTANCE: u32 = 31;

/// The quality under which a PDQ hash is usually not trusted.
pub const PDQ_MIN_QUALITY: u8 = 50;

/// Images smaller than this on a side have no PDQ hash.
const MIN_SIDE: u32 = 5;

/// A PDQ hash and its quality (0–100).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pdq {
    /// Bit `k` is bit `k % 16` of word `k / 16`.
    pub words: [u16; 16],
    pub quality: u8,
}

impl Pdq {
    /// Bits that differ.
    pub fn distance(&self, other: &Pdq) -> u32 {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a ^ b).count_ones())
            .sum()
    }

    /// As PDQ writes it: 64 hex digits, the last word first.
    pub fn to_hex(&self) -> String {
        use std::fmt::Write;
        self.words
            .iter()
            .rev()
            .fold(String::with_capacity(64), |mut s, w| {
                let _ = write!(s, "{w:04x}");
                s
            })
    }

    /// From 64 hex digits as [`Pdq::to_hex`] writes them; `None` for anything else.
    pub fn from_hex(hex: &str, quality: u8) -> Option<Pdq> {
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut words = [0u16; 16];
        for (k, word) in words.iter_mut().rev().enumerate() {
            *word = u16::from_str_radix(&hex[4 * k..4 * k + 4], 16).ok()?;
        }
        Some(Pdq { words, quality })
    }

    /// The same bits as a [`Hash256`], for the index: distances are kept.
    pub fn to_hash256(&self) -> Hash256 {
        let mut out = [0u64; 4];
        for (k, &w) in self.words.iter().enumerate() {
            out[k / 4] |= u64::from(w) << ((k % 4) * 16);
        }
        Hash256(out)
    }
}

/// The PDQ hash of an image file's contents, decoded whole (any format the scan reads, its
/// EXIF orientation applied) once its size is checked against `max_pixels`; `None` when
/// it is under 5 pixels on a side.
pub fn pdq_hash_bytes(bytes: &[u8], max_pixels: u64) -> Result<Option<Pdq>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (img, ..) = decode_other(bytes, max_pixels)?;
    Ok(pdq_hash(&img.to_rgb8()))
}

/// The PDQ hash of an image, `None` when it is under 5 pixels on a side.
///
/// # Example
/// ```
/// let img = image::RgbImage::from_fn(200, 120, |x, y| image::Rgb([(x % 256) as u8, (y * 2) as u8, 90]));
/// let pdq = ippscan::detect::image::pdq_hash(&img).unwrap();
/// assert_eq!(pdq.to_hex().len(), 64);
/// assert_eq!(pdq.words.iter().map(|w| w.count_ones()).sum::<u32>(), 128);
/// ```
pub fn pdq_hash(img: &RgbImage) -> Option<Pdq> {
    let luma = img
        .pixels()
        .map(|p| {
            0.299f32 * f32::from(p[0]) + 0.587f32 * f32::from(p[1]) + 0.114f32 * f32::from(p[2])
        })
        .collect();
    pdq_of_luma(luma, img.width(), img.height()).map(|(c, q)| bits(&c, q))
}

/// The 16×16 DCT coefficients and the quality of a luminance image.
fn pdq_of_luma(mut luma: Vec<f32>, width: u32, height: u32) -> Option<([f32; 256], u8)> {
    if width < MIN_SIDE || height < MIN_SIDE {
        return None;
    }
    let (cols, rows) = (width as usize, height as usize);
    let grid = if cols == 64 && rows == 64 {
        luma
    } else {
        let mut scratch = vec![0f32; luma.len()];
        let (along_rows, along_cols) = (window(cols), window(rows));
        for _ in 0..2 {
            for r in 0..rows {
                box_filter(
                    &luma[r * cols..],
                    &mut scratch[r * cols..],
                    cols,
                    1,
                    along_rows,
                );
            }
            for c in 0..cols {
                box_filter(&scratch[c..], &mut luma[c..], rows, cols, along_cols);
            }
        }
        decimate(&luma, rows, cols)
    };
    Some((dct(&grid), quality(&grid)))
}

/// The hash of DCT coefficients: each bit set where its coefficient is above their median.
fn bits(coefficients: &[f32; 256], quality: u8) -> Pdq {
    let mut sorted = *coefficients;
    sorted.sort_unstable_by(f32::total_cmp);
    let median = sorted[127];
    let mut words = [0u16; 16];
    for (k, &c) in coefficients.iter().enumerate() {
        if c > median {
            words[k / 16] |= 1 << (k % 16);
        }
    }
    Pdq { words, quality }
}

/// Per [`Turn`] (in the order of [`Turn::ALL`]), the PDQ hash of a luminance image turned
/// back by it, as the reference derives its dihedral hashes: from the one DCT, by sign
/// changes and transposition. The first is the image's own hash. A scan hashes the finer
/// image it decodes for the obscured-mark check (400–640 pixels on the long side), as the
/// C++ reference shrinks photos over 512 pixels first.
pub fn pdq_unturned_luma(img: &GrayImage) -> Option<[Pdq; 8]> {
    let luma = img.as_raw().iter().map(|&v| f32::from(v)).collect();
    let (coefficients, quality) = pdq_of_luma(luma, img.width(), img.height())?;
    Some(Turn::ALL.map(|turn| bits(&turned(&coefficients, turn.inverse()), quality)))
}

/// The Jarosz filter's window along a side of `size` pixels.
fn window(size: usize) -> usize {
    size.div_ceil(2 * 64)
}

/// A box filter of `full` samples over `len` samples of `input` (every `stride`-th), the
/// window centred (one more sample ahead than behind for an even width) and shortened at
/// the ends, into `output` at the same places.
fn box_filter(input: &[f32], output: &mut [f32], len: usize, stride: usize, full: usize) {
    // Half the window and one: 7 samples give 4, 8 give 5.
    let half = full / 2 + 1;
    let (mut sum, mut count) = (0f32, 0usize);
    let (mut right, mut left, mut out) = (0usize, 0usize, 0usize);
    // The first samples, before the window's centre reaches the first output.
    for _ in 0..half - 1 {
        sum += input[right * stride];
        count += 1;
        right += 1;
    }
    // Growing to full width.
    for _ in 0..full + 1 - half {
        sum += input[right * stride];
        count += 1;
        output[out * stride] = sum / count as f32;
        right += 1;
        out += 1;
    }
    // Full width.
    for _ in 0..len.saturating_sub(full) {
        sum += input[right * stride];
        sum -= input[left * stride];
        output[out * stride] = sum / count as f32;
        left += 1;
        right += 1;
        out += 1;
    }
    // Shrinking at the far end.
    for _ in 0..half - 1 {
        sum -= input[left * stride];
        count -= 1;
        output[out * stride] = sum / count as f32;
        left += 1;
        out += 1;
    }
}

/// Every `rows / 64`-th row and `cols / 64`-th column of a filtered image, from the middle
/// of each 64th.
fn decimate(filtered: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let at = |i: usize, n: usize| ((i as f64 + 0.5) * n as f64 / 64.0) as usize;
    (0..64 * 64)
        .map(|k| filtered[at(k / 64, rows) * cols + at(k % 64, cols)])
        .collect()
}

/// The sum of the grid's absolute steps, each in hundredths of the grey scale, truncated,
/// over 90, at most 100.
fn quality(grid: &[f32]) -> u8 {
    let step = |u: f32, v: f32| (((u - v) * 100.0) / 255.0) as i32;
    let mut sum = 0i64;
    for i in 0..63 {
        for j in 0..64 {
            sum += i64::from(step(grid[i * 64 + j], grid[(i + 1) * 64 + j]).abs());
        }
    }
    for i in 0..64 {
        for j in 0..63 {
            sum += i64::from(step(grid[i * 64 + j], grid[i * 64 + j + 1]).abs());
        }
    }
    (sum / 90).min(100) as u8
}

/// The 16×16 lowest frequencies of the grid's DCT-II, the constant one left out: `D A Dᵀ`
/// with `D[i][j] = √(2/64) cos(π (i + 1)(2 j + 1) / 128)`, summed in that order.
fn dct(grid: &[f32]) -> [f32; 256] {
    let basis: Vec<f32> = (0..16u32 * 64)
        .map(|k| {
            let (i, j) = (f64::from(k / 64), f64::from(k % 64));
            ((2.0f64 / 64.0).sqrt()
                * (std::f64::consts::PI / 2.0 / 64.0 * (i + 1.0) * (2.0 * j + 1.0)).cos())
                as f32
        })
        .collect();
    // D A (16×64), then (D A) Dᵀ (16×16).
    let partial = product(16, 64, |i, k| basis[i * 64 + k], |k, j| grid[k * 64 + j]);
    let out = product(16, 16, |i, k| partial[i * 64 + k], |k, j| basis[j * 64 + k]);
    out.try_into().expect("16×16 coefficients")
}

/// The `rows`×`cols` product of `a` (`rows`×64) and `b` (64×`cols`), each sum taken in
/// order of its 64 terms.
fn product(
    rows: usize,
    cols: usize,
    a: impl Fn(usize, usize) -> f32,
    b: impl Fn(usize, usize) -> f32,
) -> Vec<f32> {
    (0..rows * cols)
        .map(|n| {
            let (i, j) = (n / cols, n % cols);
            (0..64).fold(0f32, |sum, k| sum + a(i, k) * b(k, j))
        })
        .collect()
}
