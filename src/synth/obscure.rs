//! How sellers of counterfeits hide a logo in a product photo: a region blurred,
//! pixelated, or covered. The obscured-mark evaluation makes its positives with these.

use std::fmt;

use fastrand::Rng;
use image::{Rgb, RgbImage};

/// How a region is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A box blur of the given radius in pixels, repeated three times (near Gaussian).
    Blur(u32),
    /// Constant blocks of the given side in pixels, on a grid.
    Mosaic(u32),
    /// A flat patch: a sticker or a black box (strength 0), or a smear of the region's
    /// mean colour with a little noise (strength 1).
    Cover(u32),
}

impl Method {
    /// Each method at the strengths the evaluation measures.
    pub const EVALUATED: &'static [Method] = &[
        Method::Blur(4),
        Method::Blur(8),
        Method::Blur(16),
        Method::Mosaic(8),
        Method::Mosaic(16),
        Method::Mosaic(24),
        Method::Cover(0),
        Method::Cover(1),
    ];

    /// `blur`, `mosaic` or `cover`: the `detail` of a `deceptive_obscured_mark` flag.
    pub fn name(self) -> &'static str {
        match self {
            Method::Blur(_) => "blur",
            Method::Mosaic(_) => "mosaic",
            Method::Cover(_) => "cover",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::Blur(r) => write!(f, "blur r{r}"),
            Method::Mosaic(b) => write!(f, "mosaic {b}px"),
            Method::Cover(0) => f.write_str("cover box"),
            Method::Cover(_) => f.write_str("cover smear"),
        }
    }
}

/// A box in an image: x, y, width, height.
pub type Region = (u32, u32, u32, u32);

/// Hides a region of `img` covering about `share` of its area (0.01–0.2), placed by `seed`
/// at least a tenth of the image from every border, and returns the image and the region.
pub fn obscure(img: &RgbImage, method: Method, share: f32, seed: u64) -> (RgbImage, Region) {
    let region = place(img.dimensions(), share, seed);
    (obscure_at(img, method, region, seed), region)
}

/// A logo-shaped box (wider than tall, 1.2 to 2.5 times) of about `share` of a `w`×`h`
/// image's area, placed by `seed` at least a tenth of the image from every border.
pub fn place((w, h): (u32, u32), share: f32, seed: u64) -> Region {
    let mut rng = Rng::with_seed(seed);
    let aspect = 1.2 + 1.3 * rng.f32();
    let area = share * (w * h) as f32;
    let rh = ((area / aspect).sqrt() as u32).clamp(4, h * 8 / 10);
    let rw = ((rh as f32 * aspect) as u32).clamp(4, w * 8 / 10);
    let x = w / 10 + rng.u32(0..=(w * 8 / 10).saturating_sub(rw));
    let y = h / 10 + rng.u32(0..=(h * 8 / 10).saturating_sub(rh));
    (x, y, rw, rh)
}

/// `img` with `region` hidden by `method`; `seed` picks a cover's colour and noise.
pub fn obscure_at(img: &RgbImage, method: Method, region: Region, seed: u64) -> RgbImage {
    let (x, y, rw, rh) = region;
    let (w, h) = img.dimensions();
    let mut rng = Rng::with_seed(seed);
    let mut out = img.clone();
    match method {
        Method::Blur(radius) => {
            // As editors blur a selection: from the pixels around it too, so that the blur
            // is as strong at the region's edge as in its middle.
            let pad = 3 * radius;
            let (px, py) = (x.saturating_sub(pad), y.saturating_sub(pad));
            let (pw, ph) = ((x + rw + pad).min(w) - px, (y + rh + pad).min(h) - py);
            let mut patch = image::imageops::crop_imm(img, px, py, pw, ph).to_image();
            for _ in 0..3 {
                patch = box_blur(&patch, radius);
            }
            let inner = image::imageops::crop_imm(&patch, x - px, y - py, rw, rh).to_image();
            image::imageops::replace(&mut out, &inner, i64::from(x), i64::from(y));
        }
        Method::Mosaic(block) => {
            for by in (y..y + rh).step_by(block as usize) {
                for bx in (x..x + rw).step_by(block as usize) {
                    let (bw, bh) = (block.min(x + rw - bx), block.min(y + rh - by));
                    let mean = mean_colour(img, (bx, by, bw, bh));
                    fill(&mut out, (bx, by, bw, bh), |_, _| mean);
                }
            }
        }
        Method::Cover(0) => {
            let colour = if rng.bool() {
                Rgb([rng.u8(..40); 3])
            } else {
                Rgb([rng.u8(..), rng.u8(..), rng.u8(..)])
            };
            fill(&mut out, region, |_, _| colour);
        }
        Method::Cover(_) => {
            let mean = mean_colour(img, region);
            let mut noise = Rng::with_seed(seed ^ 0x5EED);
            fill(&mut out, region, |_, _| {
                Rgb(mean
                    .0
                    .map(|c| c.saturating_add(noise.u8(..6)).saturating_sub(3)))
            });
        }
    }
    out
}

fn mean_colour(img: &RgbImage, (x, y, w, h): Region) -> Rgb<u8> {
    let mut sum = [0u64; 3];
    for py in y..y + h {
        for px in x..x + w {
            for (s, &c) in sum.iter_mut().zip(&img.get_pixel(px, py).0) {
                *s += u64::from(c);
            }
        }
    }
    let pixels = u64::from(w * h).max(1);
    Rgb(sum.map(|s| (s / pixels) as u8))
}

fn fill(img: &mut RgbImage, (x, y, w, h): Region, mut colour: impl FnMut(u32, u32) -> Rgb<u8>) {
    for py in y..y + h {
        for px in x..x + w {
            img.put_pixel(px, py, colour(px, py));
        }
    }
}

/// One pass of a box blur of `radius`, edges clamped.
fn box_blur(img: &RgbImage, radius: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let r = i64::from(radius);
    let pass = |src: &RgbImage, across: bool| {
        RgbImage::from_fn(w, h, |x, y| {
            let mut sum = [0u32; 3];
            for d in -r..=r {
                let (sx, sy) = if across {
                    ((i64::from(x) + d).clamp(0, i64::from(w) - 1) as u32, y)
                } else {
                    (x, (i64::from(y) + d).clamp(0, i64::from(h) - 1) as u32)
                };
                for (s, &c) in sum.iter_mut().zip(&src.get_pixel(sx, sy).0) {
                    *s += u32::from(c);
                }
            }
            Rgb(sum.map(|s| (s / (2 * radius + 1)) as u8))
        })
    };
    pass(&pass(img, true), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_method_changes_only_its_region_which_stays_inside() {
        // Texture everywhere, so that every method changes every region.
        let mut rng = Rng::with_seed(11);
        let photo = RgbImage::from_fn(400, 300, |_, _| Rgb([rng.u8(..), rng.u8(..), rng.u8(..)]));
        for (i, &method) in Method::EVALUATED.iter().enumerate() {
            for share in [0.01f32, 0.05, 0.2] {
                let (out, (x, y, w, h)) = obscure(&photo, method, share, i as u64);
                assert!(
                    x >= 40 && y >= 30 && x + w <= 400 && y + h <= 300,
                    "{method}"
                );
                let area = (w * h) as f32 / (400.0 * 300.0);
                assert!(
                    (share * 0.5..share * 1.5).contains(&area),
                    "{method} {share}: {area}"
                );
                let inside = |px: u32, py: u32| px >= x && px < x + w && py >= y && py < y + h;
                let mut changed_inside = 0;
                for (px, py, p) in out.enumerate_pixels() {
                    if p != photo.get_pixel(px, py) {
                        assert!(inside(px, py), "{method} changed ({px}, {py}) outside");
                        changed_inside += 1;
                    }
                }
                assert!(changed_inside > 0, "{method} changed nothing");
            }
        }
    }
}
