//! The text normaliser, mark matcher, variant finder and claims, against the sample marks,
//! on an arbitrary title and description (split at the first newline); every span they
//! report must quote the listing as written.
#![no_main]
use std::sync::OnceLock;

use ippscan::detect::Detector;
use ippscan::model::{Evidence, Listing, TextField};
use ippscan::detect::text::{TextDetector, TextRules};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    static DETECTOR: OnceLock<TextDetector> = OnceLock::new();
    let detector = DETECTOR
        .get_or_init(|| TextDetector::new(&common::sample_refs().marks, TextRules::default()));
    let text = String::from_utf8_lossy(data);
    let (title, description) = text.split_once('\n').unwrap_or((&text, ""));
    let listing = Listing {
        listing_id: "L".into(),
        seller_id: "S".into(),
        platform: "aliexpress".into(),
        title: title.to_string(),
        description: description.to_string(),
        ..Listing::default()
    };
    let mut found = Vec::new();
    detector.detect(&listing, &mut found);
    for e in found {
        if let Evidence::Text {
            field, text, span, ..
        } = e
        {
            let source = match field {
                TextField::Title => &listing.title,
                TextField::Description => &listing.description,
            };
            assert_eq!(
                source.get(span.0..span.1),
                Some(text.as_str()),
                "{span:?} in {source:?}"
            );
        }
    }
});
