//! Images: decoding small, perceptual hashes, and a Hamming-space index of reference
//! hashes.

mod decode;
mod detector;
mod hash;
mod index;

pub use decode::{DecodeError, Decoded, decode_small};
pub use detector::{ImageDetector, MATCH_RADIUS};
pub use hash::{Hash256, ImageHashes, MIN_QUALITY, hash_image, reference_hashes, window_hashes};
pub use index::{HashIndex, MAX_RADIUS};
