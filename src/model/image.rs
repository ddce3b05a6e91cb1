//! What the image detectors keep of a photo and say of it: its hash, its thumbnail, and how
//! a part of it was obscured. The computations live with the detectors, in `detect::image`.

use serde::{Deserialize, Serialize};

/// A 256-bit hash.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Hash256(pub [u64; 4]);

/// A reference image's thumbnail and low-frequency code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumb {
    /// Mean luminance of each of 16×16 cells of the (border-trimmed) image.
    pub cells: Vec<u8>,
    /// The same at 32×32, for checking fine detail once aligned.
    pub fine: Vec<u8>,
    /// Sharpness (mean absolute Laplacian, ×4) of each of 32×32 cells: where
    /// the photo has detail, for finding the part of a copy that was hidden.
    pub sharp: Vec<u8>,
    /// Width over height of the trimmed image, in thousandths.
    pub aspect_milli: u32,
    /// Signs of the 8×8 lowest DCT frequencies but the constant one, against their median.
    pub code: u64,
    /// The codes of the image without a band across its bottom, and across its top: a
    /// caption over a copy changes its code, not these.
    pub band_codes: [u64; 2],
    /// The steady bits of each code (whole, top, bottom): distances count only these.
    pub masks: [u64; 3],
    /// An object alone on a plain backdrop (a studio shot): once aligned, any two such shots
    /// of like-shaped objects correlate, so its copies are found by their hashes alone, and
    /// the thumbnail only tells what a copy so found hides.
    #[serde(default)]
    pub studio: bool,
}

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
