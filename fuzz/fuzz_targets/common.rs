//! Shared by the fuzz targets: a scratch folder per process, and the sample references.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ippscan::refs::{RefBundle, RefLoader};

/// `data` written to `name` in this process's scratch folder (overwritten each time).
pub fn scratch(name: &str, data: &[u8]) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a scratch folder"));
    let path = dir.path().join(name);
    std::fs::write(&path, data).expect("scratch write");
    path
}

/// The sample data's marks and reference images, loaded once.
pub fn sample_refs() -> &'static RefBundle {
    static REFS: OnceLock<RefBundle> = OnceLock::new();
    REFS.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        RefLoader::new()
            .load(
                Some(&data.join("marks.csv")),
                Some(&data.join("images.csv")),
            )
            .expect("the sample references load")
            .bundle
    })
}

/// Reads a dump of any format to the end, validating every row: each raw row becomes a
/// listing or at least one reject, never neither.
pub fn read_dump(path: &Path) {
    // Under libFuzzer's own timeout: a reader that loops is given up.
    let limits = ippscan::model::limits::Limits {
        max_stall_ms: 5_000,
        ..ippscan::model::limits::Limits::default()
    };
    let Ok(mut source) = ippscan::source::open_with(path, &limits) else {
        return;
    };
    let territory = ippscan::policy::Territory::default();
    let mut validator = ippscan::source::Validator::new(territory.platforms(), "fuzz");
    let mut raw = Vec::new();
    loop {
        raw.clear();
        let Ok(more) = source.next_batch(256, &mut raw) else {
            return;
        };
        for row in raw.drain(..) {
            let mut rejects = Vec::new();
            let listing = validator.check(row, &mut rejects);
            assert!(
                listing.is_some()
                    != rejects
                        .iter()
                        .any(|r| r.scope == ippscan::model::RejectScope::Row),
                "a row is either a listing or a rejected row: {listing:?} {rejects:?}"
            );
        }
        if !more {
            return;
        }
    }
}
