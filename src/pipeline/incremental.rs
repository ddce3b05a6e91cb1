//! What makes a listing "unchanged": a hash of what the detectors read, and a version of
//! the references and rules it was scanned with.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::Path;

use crate::config::Config;
use crate::model::Listing;
use crate::model::limits::Limits;
use crate::queue::ListingState;
use crate::refs::RefBundle;
use crate::util::paths::{links_out, resolve_inside};

/// The detectors' own version: raise it whenever a change to a detector or the policy may
/// change what a scan flags, so that the next run rescans every listing.
pub const DETECTOR_VERSION: u32 = 12;

/// The listing's identity and a hash of everything the detectors read: its fields and the
/// bytes of its images (a photo replaced at the same path is a changed listing). The parts
/// are laid end to end in one buffer per thread and hashed at once.
pub(super) fn listing_state(l: &Listing, limits: &Limits) -> ListingState {
    thread_local! {
        static CONTENT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let content_hash = CONTENT.with_borrow_mut(|content| {
        content.clear();
        for part in [
            l.seller_id.as_str(),
            &l.platform,
            l.category.as_deref().unwrap_or(""),
            &l.title,
            &l.description,
        ] {
            content.extend_from_slice(part.as_bytes());
            content.push(0);
        }
        if let Some(price) = l.price {
            // As `to_string` writes it; writing to a Vec cannot fail.
            let _ = write!(content, "{price}");
        }
        content.push(0);
        content.extend_from_slice(l.currency.as_deref().unwrap_or("").as_bytes());
        content.push(0);
        for (i, path) in l.image_paths.iter().enumerate() {
            if i > 0 {
                content.push(b'|');
            }
            content.extend_from_slice(path.as_bytes());
        }
        content.push(0);
        if !l.image_paths.is_empty() {
            image_identities(l, limits, content);
        }
        xxhash_rust::xxh3::xxh3_64(content)
    });
    ListingState {
        platform: l.platform.clone(),
        listing_id: l.listing_id.clone(),
        seller_id: l.seller_id.clone(),
        content_hash,
    }
}

/// Appends to `content` the hash of each of the listing's image files, or `-` for one that
/// cannot be read, is too large or lies outside the dump: the detector rejects it each
/// time.
fn image_identities(l: &Listing, limits: &Limits, content: &mut Vec<u8>) {
    let base = Path::new(&*l.origin.file)
        .parent()
        .unwrap_or(Path::new("."));
    let mut buffer = Vec::new();
    for rel in &l.image_paths {
        let identity = resolve_inside(base, rel)
            .filter(|path| !links_out(base, path))
            .and_then(|path| image_bytes(&path, limits.max_image_bytes, &mut buffer));
        match identity {
            Some(bytes) => {
                content.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(bytes).to_le_bytes());
            }
            None => content.push(b'-'),
        }
    }
}

/// The bytes of the image file at `path`, read into `buffer`; `None` when it cannot be
/// read or is over `max_bytes`.
fn image_bytes<'b>(path: &Path, max_bytes: u64, buffer: &'b mut Vec<u8>) -> Option<&'b [u8]> {
    let file = std::fs::File::open(path).ok()?;
    buffer.clear();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(buffer)
        .ok()?;
    (buffer.len() as u64 <= max_bytes).then_some(buffer.as_slice())
}

/// A version of the references and the rules a scan runs with: a listing scanned
/// unchanged under the same version need not be scanned again.
pub(super) fn bundle_version(bundle: &RefBundle, config: &Config) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    put(env!("CARGO_PKG_VERSION"));
    put(&DETECTOR_VERSION.to_string());
    // The settings that change what is flagged or queued; not the batch size or the report.
    put(&format!(
        "{:?}|{:?}|{:?}",
        config.thresholds, config.obscured, config.limits
    ));
    let scope = |sc: &crate::model::RightsScope| {
        let mut sellers: Vec<&String> = sc.authorized_sellers.iter().collect();
        sellers.sort();
        format!("{:?}{:?}{sellers:?}", sc.jurisdictions, sc.categories)
    };
    for m in &bundle.marks {
        put(&format!(
            "{}|{}|{}|{:?}|{:?}|{:?}|{}",
            m.mark_id,
            m.rights_holder,
            m.mark,
            m.aliases,
            m.short_aliases,
            m.usual_price,
            scope(&m.scope)
        ));
    }
    for i in &bundle.images {
        let hashes: Vec<String> = i
            .hashes
            .iter()
            .map(crate::detect::image::Hash256::to_hex)
            .collect();
        put(&format!(
            "{}|{}|{}|{}|{hashes:?}|{:x}|{}",
            i.image_id,
            i.rights_holder,
            i.path.display(),
            i.kind.as_str(),
            i.thumb.as_ref().map_or(0, |t| t.code),
            scope(&i.scope)
        ));
    }
    for w in &bundle.works {
        put(&format!(
            "{}|{}|{}|{:?}|{}|{:?}|{}",
            w.work_id,
            w.rights_holder,
            w.title,
            w.aliases,
            w.kind.as_str(),
            w.ordinary_names,
            scope(&w.scope)
        ));
    }
    let mut platforms = config.territory.platforms();
    platforms.sort_unstable();
    for p in platforms {
        put(&format!("{p}:{:?}", config.territory.acceptance(p)));
    }
    format!("{:016x}", h.digest())
}

/// A run id: UTC time to the second and a few random hex digits, sortable.
pub fn new_run_id() -> String {
    let now = chrono::Utc::now();
    let salt = xxhash_rust::xxh3::xxh3_64(
        format!(
            "{}{}",
            std::process::id(),
            now.timestamp_nanos_opt().unwrap_or_default()
        )
        .as_bytes(),
    );
    format!("{}-{:04x}", now.format("%Y%m%dT%H%M%SZ"), salt & 0xffff)
}
