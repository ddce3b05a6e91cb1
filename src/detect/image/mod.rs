//! Images: decoding small, perceptual hashes, a Hamming-space index of reference hashes,
//! and the obscured-mark check.

mod align;
mod cells;
pub(crate) mod decode;
mod decode_pool;
mod detector;
mod hash;
mod hidden;
mod index;
mod obscured;
mod pdq;

pub use crate::model::Hash256;
pub use align::{CODE_RADIUS, Codes, MAX_CANDIDATES, MIN_CORRELATION, Query, Thumb};
pub use decode::{DecodeError, Decoded, decode_bytes, decode_small};
pub use detector::{
    HIDDEN_SCORE, HiddenPart, ImageDetector, ImageMatch, ImageReport, MATCH_RADIUS,
    STUDIO_MATCH_RADIUS, Window,
};
pub use hash::{
    ImageHashes, MIN_QUALITY, hash_image, reference_hashes, reference_print, trim_borders,
    trim_window, turn_image, window_hashes,
};
pub use hidden::{Hidden, Suspect};
pub use index::{HashIndex, MAX_RADIUS};
pub use obscured::{ObscureKind, Obscured, find_obscured, find_obscured_scaled};
pub use pdq::{
    PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, Pdq, pdq_hash, pdq_hash_bytes, pdq_unturned_luma,
};
