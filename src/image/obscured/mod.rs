//! Obscured marks: a compact patch of a product photo blurred, pixelated or covered so that
//! logo matching misses it. Found on the detail image (a few hundred pixels a side):
//! - a blur or a cover is a box whose four sides are each a straight step from sharp
//!   texture outside (all the way out, not one object's outline) to a soft inside (all
//!   along the side, into its corners). Bokeh, skies and smooth surfaces end along their
//!   own contours, not along a box. Candidates come from runs of tiles on a tile grid; each
//!   side is then fitted to the pixel. A cover's inside is flat and leaves its colour at
//!   the same pixel all along each side; a blur's keeps the brightness and some of the
//!   coarse shapes it softened.
//! - a mosaic is a patch of 2×2-tile windows whose pixels mostly equal their neighbours,
//!   the steps between them lined up in whole columns and rows, in a ring with no such
//!   grid. Heavy JPEG compression makes such blocks everywhere flat, so an image with
//!   many patches has none.

// Pixel geometry: short names (x, y, w, h, r, b) read best, and every coordinate is far
// inside i64.
#![allow(clippy::many_single_char_names, clippy::cast_possible_wrap)]

mod grid;
mod hole;
mod mosaic;

use image::GrayImage;
use serde::{Deserialize, Serialize};

use crate::image::Window;
use grid::Grid;

/// How a region was obscured: the `detail` of a `deceptive_obscured_mark` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObscureKind {
    Blur,
    Mosaic,
    Cover,
}

impl ObscureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObscureKind::Blur => "blur",
            ObscureKind::Mosaic => "mosaic",
            ObscureKind::Cover => "cover",
        }
    }
}

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
const MIN_CONTRAST: f32 = 3.0;

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
/// let found = ippscan::image::find_obscured(&img).unwrap();
/// assert_eq!(found.kind, ippscan::image::ObscureKind::Cover);
/// ```
pub fn find_obscured(img: &GrayImage) -> Option<Obscured> {
    let grid = Grid::new(img)?;
    let holes = grid.holes(img);
    let mosaics = grid.mosaics();
    holes
        .into_iter()
        .chain(mosaics)
        .max_by(|a, b| a.contrast.total_cmp(&b.contrast))
}
