//! What makes a listing "unchanged": a hash of what the detectors read, and a version of
//! the references and rules it was scanned with.

use crate::config::Config;
use crate::model::Listing;
use crate::queue::ListingState;
use crate::refs::RefBundle;

/// The listing's identity and a hash of everything the detectors read.
pub(super) fn listing_state(l: &Listing) -> ListingState {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        l.seller_id.as_str(),
        &l.platform,
        l.category.as_deref().unwrap_or(""),
        &l.title,
        &l.description,
        &l.price.map(|p| p.to_string()).unwrap_or_default(),
        l.currency.as_deref().unwrap_or(""),
        &l.image_paths.join("|"),
    ] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    ListingState {
        platform: l.platform.clone(),
        listing_id: l.listing_id.clone(),
        seller_id: l.seller_id.clone(),
        content_hash: h.digest(),
    }
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
