//! Obscured marks: a compact patch of a product photo blurred, pixelated or covered so that
//! logo matching misses it. Found on the detail image (a few hundred pixels a side):
//! - a blur or a cover is a box whose four sides are each a straight step from sharp
//!   texture outside (all the way out, not one object's outline) to a soft inside (all
//!   along the side, into its corners). Bokeh, skies and smooth surfaces end along their
//!   own contours, not along a box. Candidates come from runs of tiles on a tile grid; each
//!   side is then fitted to the pixel. A cover's inside is flat and leaves its colour at
//!   the same pixel all along each side; a blur's keeps the brightness and some of the
//!   coarse shapes it softened, or averages them away to the brightness around it.
//! - a cover of any shape (an ellipse, a brush stroke) is the one place in the photo as
//!   flat as paint, compact, smooth-edged and ringed by texture or a step (see `flat`);
//!   a box-shaped cover found as above must be as flat as paint too.
//! - a mosaic is a patch of 2×2-tile windows (on a coarser tiling of their own, so that a
//!   window holds a few blocks) whose pixels mostly equal their neighbours, the steps
//!   between them lined up in whole columns and rows; or, for small blocks a JPEG has
//!   softened, whose steps' size falls mostly on the lines of one grid (see `window`); or,
//!   for faint blocks a few grey levels apart over a smooth part of the photo, the middle
//!   of a wider window whose pairs are mostly flat and whose steps, however small, lie on
//!   one grid across and down that is not the JPEG's own 8-pixel blocks. The
//!   patch lies in a ring with no such windows; inside, most of the pixel steps fall on
//!   one regular grid of blocks. Heavy JPEG compression makes such blocks everywhere
//!   flat, so an image with many patches has none, unless one patch holds most of them.

// Pixel geometry: short names (x, y, w, h, r, b) read best, and every coordinate is far
// inside i64.
#![allow(clippy::many_single_char_names, clippy::cast_possible_wrap)]

mod flat;
mod grid;
mod hole;
mod mosaic;
mod window;

use image::GrayImage;

pub use crate::model::ObscureKind;

use crate::detect::image::Window;
use grid::Grid;

/// A region of an image that looks deliberately obscured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obscured {
    pub kind: ObscureKind,
    /// The region in the examined image's pixels.
    pub region: Window,
    /// For a blur or a cover, how many times sharper the ring around the region is than the
    /// region (its weakest side); for a mosaic, how many times more of the region's pixel
    /// steps fall on its block grid than in the ring around it.
    pub contrast: f32,
}

impl Obscured {
    /// Confidence on the image alone: 0.55 at the least contrast that counts, rising with
    /// it to 0.75. A hidden patch is suspicious, not proof; trademark evidence in the same
    /// listing adds to it (see the policy).
    pub fn score(&self) -> f32 {
        let least = match self.kind {
            ObscureKind::Mosaic => mosaic::MIN_FILL / mosaic::MOSAIC_RING,
            ObscureKind::Blur | ObscureKind::Cover => MIN_CONTRAST,
        };
        (0.55 + 0.05 * (self.contrast / least).log2()).clamp(0.55, 0.75)
    }
}

/// Mean absolute Laplacian (grey levels) the ring must reach on every side: texture, not
/// a smooth surface with noise.
const MIN_TEXTURE: f32 = 3.0;

/// Sharpness below which a region counts as this sharp, so that a flat cover's ratio stays
/// finite.
const SHARPNESS_FLOOR: f32 = 0.4;

/// How many times sharper than the region its ring must be, on its softest side.
const MIN_CONTRAST: f32 = 2.6;

/// Least share of the image a found region's box takes. Sellers hide marks under regions
/// of 1% of the photo and more (2–15% in listings); a box fitted to a soft edge falls
/// inside it, a 1% region's by up to 30%. Smaller finds are mostly the photo's own
/// details: a third of the false flags on ordinary photos.
const MIN_REGION: f64 = 0.007;

/// The most likely obscured region of `img` (a detail image, a few hundred pixels a side),
/// or `None`.
///
/// # Example
/// ```
/// use image::GrayImage;
/// // Texture everywhere except a flat grey box in the middle.
/// let mut rng = fastrand::Rng::with_seed(1);
/// let img = GrayImage::from_fn(400, 300, |x, y| {
///     let inside = (160..260).contains(&x) && (110..170).contains(&y);
///     image::Luma([if inside { 128 } else { rng.u8(..) }])
/// });
/// let found = ippscan::detect::image::find_obscured(&img).unwrap();
/// assert_eq!(found.kind, ippscan::detect::image::ObscureKind::Cover);
/// ```
pub fn find_obscured(img: &GrayImage) -> Option<Obscured> {
    find_obscured_scaled(img, 1.0)
}

/// As [`find_obscured`], for a detail image that is its photo scaled by `scale` (detail
/// pixels per photo pixel): the photo's JPEG blocks are 8 × `scale` pixels there, and
/// faint blocks on that grid are the compression's, not a mosaic's.
pub fn find_obscured_scaled(img: &GrayImage, scale: f32) -> Option<Obscured> {
    let grid = Grid::new(img, 8.0 * scale)?;
    let holes = one_place(grid.holes(img));
    let mosaics = grid.mosaic.found(img);
    holes
        .into_iter()
        .chain(mosaics)
        .chain(flat::find(img))
        .filter(|o| large_enough(o.region, img))
        .max_by(|a, b| a.contrast.total_cmp(&b.contrast))
}

/// Whether a found region is large enough to hide a mark: [`MIN_REGION`] of the image or
/// more.
fn large_enough((_, _, w, h): Window, img: &GrayImage) -> bool {
    f64::from(w) * f64::from(h) >= MIN_REGION * f64::from(img.width()) * f64::from(img.height())
}

/// `found` if all of it overlaps one place, else nothing: smooth insides with hard rims in
/// two places or more (cups, tiles, windows) are the photo's own pattern, and a seller
/// hides one mark.
fn one_place(found: Vec<Obscured>) -> Vec<Obscured> {
    let overlap = |(ax, ay, aw, ah): Window, (bx, by, bw, bh): Window| {
        ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah
    };
    match found.first() {
        Some(first) if found.iter().all(|o| overlap(o.region, first.region)) => found,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Odd sizes and contents: never a panic, and nothing found where nothing is hidden.
    #[test]
    fn odd_images_give_nothing_and_never_panic() {
        let mut rng = fastrand::Rng::with_seed(5);
        let noise =
            |w, h, rng: &mut fastrand::Rng| GrayImage::from_fn(w, h, |_, _| Luma([rng.u8(..)]));
        let table: Vec<(&str, GrayImage)> = vec![
            ("1×1", GrayImage::new(1, 1)),
            ("1×500", noise(1, 500, &mut rng)),
            ("500×1", noise(500, 1, &mut rng)),
            ("31×31 noise", noise(31, 31, &mut rng)),
            ("33×700 noise", noise(33, 700, &mut rng)),
            ("640×40 noise", noise(640, 40, &mut rng)),
            ("flat black", GrayImage::new(640, 480)),
            ("flat white", GrayImage::from_pixel(640, 480, Luma([255]))),
            ("noise", noise(640, 480, &mut rng)),
            (
                "stripes",
                GrayImage::from_fn(640, 480, |x, _| Luma([if x % 8 < 4 { 0 } else { 255 }])),
            ),
            (
                "checkerboard",
                GrayImage::from_fn(512, 512, |x, y| {
                    Luma([if (x / 16 + y / 16) % 2 == 0 { 20 } else { 230 }])
                }),
            ),
        ];
        for (name, img) in &table {
            assert_eq!(find_obscured(img), None, "{name}");
        }
    }

    /// Shapes (a slow wave) that a blur keeps...
    fn shapes(x: u32, y: u32) -> f32 {
        130.0 + 60.0 * (x as f32 / 17.0).sin() * (y as f32 / 23.0).cos()
    }

    /// ...under fine grain that it loses: a textured 480×360 photo.
    fn grained(seed: u64) -> GrayImage {
        let mut rng = fastrand::Rng::with_seed(seed);
        GrayImage::from_fn(480, 360, |x, y| {
            Luma([(shapes(x, y) + f32::from(rng.u8(..80)) - 40.0).clamp(0.0, 255.0) as u8])
        })
    }

    /// A caption bar of block letters under a photo: the bar's colour between letters is
    /// flat and edged by strokes, but mostly runs on past the corners of a box between
    /// them. Without that test 7 of these 40 are covers.
    #[test]
    fn captions_are_not_covers() {
        let photo = image::DynamicImage::ImageLuma8(grained(4)).to_rgb8();
        let flagged: Vec<(u64, Obscured)> = (0..40)
            .filter_map(|seed| {
                let captioned = crate::synth::Transform::Caption(0.2).apply(&photo, seed, &[]);
                let gray = image::DynamicImage::ImageRgb8(captioned).to_luma8();
                find_obscured(&gray).map(|o| (seed, o))
            })
            .collect();
        assert!(flagged.len() <= 2, "{flagged:?}");
    }

    /// A mosaic over a smooth part of a photo: blocks of 10, each 4 or 5 grey levels from
    /// the next. The same photo with no mosaic, and with blocks of 8 everywhere (a JPEG's,
    /// where a photo is smooth), has none.
    #[test]
    fn a_faint_mosaic_is_found_and_jpeg_blocks_are_not() {
        let smooth = |x: u32, y: u32| 20.0 + 0.45 * x as f32 + 0.4 * y as f32;
        let photo = |level: &dyn Fn(u32, u32) -> f32| {
            GrayImage::from_fn(480, 360, |x, y| Luma([level(x, y).round() as u8]))
        };
        let inside = |x: u32, y: u32| (182..322).contains(&x) && (126..224).contains(&y);
        let block = |x: u32, y: u32, side: u32| {
            let (bx, by) = (x / side * side, y / side * side);
            smooth(bx + side / 2, by + side / 2)
        };
        let mosaic = photo(&|x, y| {
            if inside(x, y) {
                block(x, y, 10)
            } else {
                smooth(x, y)
            }
        });
        let found = find_obscured(&mosaic).expect("the faint mosaic is found");
        assert_eq!(found.kind, ObscureKind::Mosaic);
        let (x, y, w, h) = found.region;
        assert!(
            x.abs_diff(182) <= 24
                && y.abs_diff(126) <= 24
                && w.abs_diff(140) <= 48
                && h.abs_diff(98) <= 48,
            "{found:?}"
        );
        assert_eq!(find_obscured(&photo(&smooth)), None, "the photo alone");
        let jpeg = photo(&|x, y| block(x, y, 8));
        assert_eq!(find_obscured(&jpeg), None, "blocks of 8 everywhere");
    }

    #[test]
    fn each_kind_is_named() {
        let texture = grained(9);
        let inside = |x: u32, y: u32| (180..300).contains(&x) && (140..220).contains(&y);
        let cover = GrayImage::from_fn(480, 360, |x, y| {
            if inside(x, y) {
                Luma([90])
            } else {
                *texture.get_pixel(x, y)
            }
        });
        let blur = GrayImage::from_fn(480, 360, |x, y| {
            if inside(x, y) {
                Luma([shapes(x, y) as u8])
            } else {
                *texture.get_pixel(x, y)
            }
        });
        let mosaic = GrayImage::from_fn(480, 360, |x, y| {
            if inside(x, y) {
                *texture.get_pixel(x / 12 * 12, y / 12 * 12)
            } else {
                *texture.get_pixel(x, y)
            }
        });
        for (img, want) in [
            (cover, ObscureKind::Cover),
            (blur, ObscureKind::Blur),
            (mosaic, ObscureKind::Mosaic),
        ] {
            let found = find_obscured(&img).unwrap_or_else(|| panic!("{want:?} not found"));
            assert_eq!(found.kind, want);
            // Blurs and covers are fitted to the pixel; a mosaic's box is whole tiles.
            let (at, size) = if want == ObscureKind::Mosaic {
                (14, 28)
            } else {
                (8, 16)
            };
            let (x, y, w, h) = found.region;
            assert!(
                x.abs_diff(180) <= at
                    && y.abs_diff(140) <= at
                    && w.abs_diff(120) <= size
                    && h.abs_diff(80) <= size,
                "{want:?} at {:?}",
                found.region
            );
        }
    }
}
