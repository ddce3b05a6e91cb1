//! The rights holders' upload loaders (marks.csv, images.csv), on arbitrary bytes: the
//! first byte picks which.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let loader = ippscan::refs::RefLoader::new();
    if which % 2 == 0 {
        let _ = loader.load(Some(&common::scratch("marks.csv", rest)), None);
    } else {
        // A reference image the rows may name.
        common::scratch("a.jpg", include_bytes!("../../data/refs/ref-000.jpg"));
        let _ = loader.load(None, Some(&common::scratch("images.csv", rest)));
    }
});
