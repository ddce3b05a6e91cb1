//! Bounds on what one row, one line or one image may cost. Dumps and uploads are written by
//! strangers: past a bound, the row or image becomes a reject with the reason, and the run
//! goes on.

use serde::Deserialize;

/// The largest image decoded by default, in pixels: `[limits] max_image_pixels`.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// Resource bounds, each a reject past it (`[limits]` in the config file).
///
/// # Example
/// ```
/// let limits = ippscan::model::limits::Limits::default();
/// assert!(limits.max_image_pixels >= 10_000_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Longest text field of a listing, in bytes (`field_too_long`).
    pub max_field_bytes: usize,
    /// Longest line of a JSON Lines dump, in bytes (`line_too_long`); the rest of such a
    /// line is skipped without being held in memory.
    pub max_line_bytes: usize,
    /// Most images one listing may list (`too_many_images`).
    pub max_images_per_listing: usize,
    /// Largest image file, in bytes (`image_file_too_large`), checked before reading it.
    pub max_image_bytes: u64,
    /// Most pixels an image may claim (`image_too_large`), checked from its header before
    /// decoding: decompression bombs are never decoded.
    pub max_image_pixels: u64,
    /// Longest an image may take to decode and check, in milliseconds (`decode_timeout`);
    /// 0 for no bound.
    pub max_decode_ms: u64,
    /// Longest a Parquet dump's reader may go without giving a batch, in milliseconds; past
    /// it, the rest of the file is rejected (`unreadable_row`). A malformed page header
    /// can make the Parquet library loop.
    pub max_stall_ms: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_field_bytes: 1 << 20,
            max_line_bytes: 8 << 20,
            max_images_per_listing: 50,
            max_image_bytes: 50 << 20,
            max_image_pixels: MAX_IMAGE_PIXELS,
            max_decode_ms: 10_000,
            max_stall_ms: 60_000,
        }
    }
}

/// `text` cut to at most `max` bytes, on a character boundary.
///
/// # Example
/// ```
/// assert_eq!(ippscan::model::limits::clip("naïve", 3), "na");
/// ```
pub fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
