//! The reference bundle loader. First byte even: the bytes as a file (header checks). Odd:
//! the rest as a payload under a valid header and checksum, so that the decoder itself is
//! reached.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let bytes = if which % 2 == 0 {
        rest.to_vec()
    } else {
        let mut b = b"IPPSCAN-REFS".to_vec();
        b.extend_from_slice(&ippscan::refs::BUNDLE_VERSION.to_le_bytes());
        b.extend_from_slice(&(rest.len() as u64).to_le_bytes());
        b.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(rest).to_le_bytes());
        b.extend_from_slice(rest);
        b
    };
    let _ = ippscan::refs::read_bundle(&common::scratch("refs.bundle", &bytes));
});
