//! The compiled reference bundle: validated marks and reference images with their hashes
//! and thumbnails, so that a scan need not decode a single reference image.
//!
//! Layout: the magic `IPPSCAN-REFS`, the format version (u32, little-endian), the
//! payload's length (u64) and its XXH3-64 checksum (u64), then the payload (postcard).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::refs::RefBundle;

const MAGIC: &[u8; 12] = b"IPPSCAN-REFS";
const HEADER: usize = MAGIC.len() + 4 + 8 + 8;

/// The bundle format this build writes and reads. It changes whenever the hashes, the
/// thumbnails or the reference types change, since a bundle's hashes only match listing
/// images hashed the same way.
pub const BUNDLE_VERSION: u32 = 9;

#[derive(Serialize, Deserialize)]
struct Payload {
    ippscan: String,
    bundle: RefBundle,
}

/// Writes `bundle` to `path` (through a temporary file, renamed when complete).
pub fn write_bundle(path: &Path, bundle: &RefBundle) -> Result<()> {
    let payload = postcard::to_stdvec(&Payload {
        ippscan: env!("CARGO_PKG_VERSION").to_string(),
        bundle: bundle.clone(),
    })
    .map_err(|e| Error::new(ErrorKind::Bundle(e.to_string())).with_path(path))?;
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&BUNDLE_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let partial = path.with_extension("partial");
    std::fs::File::create(&partial)
        .and_then(|mut f| {
            f.write_all(&bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| Error::io(path, e))
}

/// Reads a bundle written by [`write_bundle`], checking its version and checksum.
///
/// # Example
/// ```no_run
/// let refs = ippscan::refs::read_bundle(std::path::Path::new("refs.bundle")).unwrap();
/// println!("{} marks, {} images", refs.marks.len(), refs.images.len());
/// ```
pub fn read_bundle(path: &Path) -> Result<RefBundle> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bad = |why: String| Error::new(ErrorKind::Bundle(why)).with_path(path);
    if bytes.len() < HEADER || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad(
            "not an ippscan reference bundle (make one with `ippscan refs build`)".into(),
        ));
    }
    let word = |at: usize, n: usize| {
        bytes[at..at + n]
            .iter()
            .rev()
            .fold(0u64, |acc, &b| acc << 8 | u64::from(b))
    };
    let version = word(MAGIC.len(), 4) as u32;
    if version != BUNDLE_VERSION {
        return Err(bad(format!(
            "format version {version}, but this ippscan reads version {BUNDLE_VERSION}: \
             rebuild it with `ippscan refs build`"
        )));
    }
    let len = word(MAGIC.len() + 4, 8);
    let checksum = word(MAGIC.len() + 12, 8);
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != len {
        return Err(bad(format!(
            "truncated or padded: {} payload bytes where the header says {len}",
            payload.len()
        )));
    }
    if xxhash_rust::xxh3::xxh3_64(payload) != checksum {
        return Err(bad(
            "checksum mismatch: the file is damaged or was altered; rebuild it".into(),
        ));
    }
    let payload: Payload = postcard::from_bytes(payload)
        .map_err(|e| bad(format!("cannot be decoded ({e}); rebuild it")))?;
    Ok(payload.bundle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::synthetic_marks;

    fn sample() -> RefBundle {
        RefBundle {
            marks: synthetic_marks(50, 3),
            images: Vec::new(),
            works: Vec::new(),
        }
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("refs.bundle");
        write_bundle(&path, &sample()).unwrap();
        assert_eq!(read_bundle(&path).unwrap().marks, sample().marks);

        let good = std::fs::read(&path).unwrap();
        let cases: &[(&str, Vec<u8>, &str)] = &[
            (
                "flipped byte",
                {
                    let mut b = good.clone();
                    let last = b.len() - 3;
                    b[last] ^= 0x40;
                    b
                },
                "checksum mismatch",
            ),
            ("truncated", good[..good.len() - 10].to_vec(), "truncated"),
            (
                "newer version",
                {
                    let mut b = good.clone();
                    b[12] = u8::try_from(BUNDLE_VERSION + 1).unwrap();
                    b
                },
                &format!("format version {}", BUNDLE_VERSION + 1),
            ),
            (
                "not a bundle",
                b"marks.csv,but not a bundle at all".to_vec(),
                "not an ippscan",
            ),
            ("empty", Vec::new(), "not an ippscan"),
        ];
        for (name, bytes, want) in cases {
            std::fs::write(&path, bytes).unwrap();
            let err = read_bundle(&path).unwrap_err().to_string();
            assert!(err.contains(want), "{name}: {err}");
        }
    }
}
