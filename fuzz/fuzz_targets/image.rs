//! Image decoding, hashing, the index look-ups, alignment and the obscured-mark check, on
//! arbitrary bytes, against the sample reference images.
#![no_main]
use std::sync::OnceLock;

use ippscan::detect::image::ImageDetector;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    static DETECTOR: OnceLock<ImageDetector> = OnceLock::new();
    let detector =
        DETECTOR.get_or_init(|| ImageDetector::new(&common::sample_refs().images, 4_000_000));
    let _ = detector.examine_bytes(data);
});
