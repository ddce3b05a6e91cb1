//! The csv dump reader and row validation, on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_dump(&common::scratch("dump.csv", data));
});
