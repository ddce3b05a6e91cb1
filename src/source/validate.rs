//! From raw rows to listings: required fields, prices, known platforms, unique ids, image
//! paths that stay inside the dump's folder.

use std::path::Path;
use std::sync::Arc;

use crate::model::limits::{Limits, clip};
use crate::model::{Listing, Reject, RejectScope, RowOrigin};
use crate::source::{RawListing, RawRow, SeenIds};

/// Validates the rows of one dump.
#[derive(Debug)]
pub struct Validator {
    /// The platforms a listing may name (lower-cased, sorted): the territory map's.
    platforms: Vec<String>,
    limits: Limits,
    file: Arc<str>,
    /// Hashes of the listing ids seen so far in this dump.
    seen: SeenIds,
}

impl Validator {
    /// A validator for the dump `file`, whose listings may name any of `platforms`.
    pub fn new<P: AsRef<str>>(platforms: impl IntoIterator<Item = P>, file: &str) -> Validator {
        let mut platforms: Vec<String> = platforms
            .into_iter()
            .map(|p| p.as_ref().trim().to_lowercase())
            .collect();
        platforms.sort_unstable();
        Validator {
            platforms,
            limits: Limits::default(),
            file: Arc::from(file),
            seen: SeenIds::default(),
        }
    }

    /// Bounds on fields and images other than the defaults.
    pub fn limits(&mut self, limits: &Limits) -> &mut Validator {
        self.limits = limits.clone();
        self
    }

    /// Turns a raw row into a listing, or into a reject; image paths that escape the
    /// dump's folder are dropped with a reject each.
    pub fn check(&mut self, raw: RawRow, rejects: &mut Vec<Reject>) -> Option<Listing> {
        let raw = match raw {
            RawRow::Row(r) => r,
            RawRow::Bad(reject) => {
                rejects.push(reject);
                return None;
            }
        };
        match self.listing(raw, rejects) {
            Ok(listing) => Some(listing),
            Err(reject) => {
                rejects.push(reject);
                None
            }
        }
    }

    fn listing(&mut self, raw: RawListing, rejects: &mut Vec<Reject>) -> Result<Listing, Reject> {
        let over = self.over_limits(&raw);
        let RawListing {
            line,
            listing_id,
            seller_id,
            platform,
            category,
            title,
            description,
            price,
            currency,
            image_paths,
        } = raw;
        // A reject names the row by its id, cut short: the id may be what is too long.
        let file = &self.file;
        let fault = |reason: &'static str, detail: String| Reject {
            file: file.to_string(),
            line,
            id: clip(listing_id.as_deref().unwrap_or_default(), 256).to_string(),
            scope: RejectScope::Row,
            reason,
            detail,
        };
        let missing = |column: &str| fault("missing_field", format!("{column} is empty"));
        if let Some((reason, detail)) = over {
            return Err(fault(reason, detail));
        }
        let Some(id) = listing_id.as_deref() else {
            return Err(missing("listing_id"));
        };
        if seller_id.is_none() {
            return Err(missing("seller_id"));
        }
        let platform = lowercased(platform.ok_or_else(|| missing("platform"))?);
        if title.is_none() {
            return Err(missing("title"));
        }
        if self.platforms.binary_search(&platform).is_err() {
            return Err(fault(
                "unknown_platform",
                format!(
                    "platform {platform:?} is not in the territory map (known: {})",
                    self.platforms.join(", ")
                ),
            ));
        }
        let price = match price.as_deref() {
            None => None,
            Some(p) => Some(parse_price(p).ok_or_else(|| {
                fault(
                    "bad_price",
                    format!("price {p:?} is not a non-negative decimal number"),
                )
            })?),
        };
        let currency = match currency.as_deref() {
            None => None,
            Some(c) => Some(iso_currency(c).ok_or_else(|| {
                fault(
                    "bad_currency",
                    format!("currency {c:?} is not an ISO-4217 code"),
                )
            })?),
        };
        if !self.seen.insert(xxhash_rust::xxh3::xxh3_64(id.as_bytes())) {
            return Err(fault(
                "duplicate_listing_id",
                format!("listing_id {id:?} appears earlier in this dump"),
            ));
        }
        let (image_paths, escaping): (Vec<String>, Vec<String>) =
            image_paths.into_iter().partition(|p| stays_inside(p));
        rejects.extend(escaping.iter().map(|p| Reject {
            scope: RejectScope::Image,
            ..fault(
                "path_escape",
                format!("image path {p:?} leaves the dump's folder; image skipped"),
            )
        }));
        // Both were checked present above.
        Ok(Listing {
            listing_id: listing_id.unwrap_or_default(),
            seller_id: seller_id.unwrap_or_default(),
            platform,
            category: category.map(lowercased),
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            price,
            currency,
            image_paths,
            origin: RowOrigin {
                file: Arc::clone(&self.file),
                line,
            },
        })
    }

    /// The first bound `raw` goes over, if any: a field too long, too many images.
    fn over_limits(&self, raw: &RawListing) -> Option<(&'static str, String)> {
        let max = self.limits.max_field_bytes;
        let fields = [
            ("listing_id", &raw.listing_id),
            ("seller_id", &raw.seller_id),
            ("platform", &raw.platform),
            ("category", &raw.category),
            ("title", &raw.title),
            ("description", &raw.description),
            ("price", &raw.price),
            ("currency", &raw.currency),
        ];
        let long = fields
            .iter()
            .filter_map(|(name, v)| v.as_deref().map(|v| (*name, v.len())))
            .chain(raw.image_paths.iter().map(|p| ("image_paths", p.len())))
            .find(|&(_, len)| len > max);
        if let Some((name, len)) = long {
            return Some((
                "field_too_long",
                format!("{name} is {len} bytes, over the limit of {max}"),
            ));
        }
        let most = self.limits.max_images_per_listing;
        (raw.image_paths.len() > most).then(|| {
            (
                "too_many_images",
                format!(
                    "{} images, over the limit of {most} per listing",
                    raw.image_paths.len()
                ),
            )
        })
    }
}

/// A currency code as three letters, in capitals.
fn iso_currency(c: &str) -> Option<String> {
    (c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic())).then(|| c.to_ascii_uppercase())
}

/// `s` in lower case, as it is when it has no capitals (most platforms and categories).
fn lowercased(s: String) -> String {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        s.to_lowercase()
    } else {
        s
    }
}

/// A decimal like `12`, `12.5` or `0.99`: digits with at most one point.
fn parse_price(s: &str) -> Option<f64> {
    let s = s.trim();
    let valid = !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
        && s.bytes().any(|b| b.is_ascii_digit());
    valid.then(|| s.parse().ok()).flatten()
}

/// Whether a relative path stays inside its base folder (no root, no climbing out).
fn stays_inside(path: &str) -> bool {
    crate::util::paths::resolve_inside(Path::new(""), path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices() {
        let cases = [
            ("12", Some(12.0)),
            ("12.50", Some(12.5)),
            (" 0.99 ", Some(0.99)),
            ("-3", None),
            ("1e9", None),
            ("NaN", None),
            ("inf", None),
            ("12,50", None),
            ("1.2.3", None),
            (".", None),
            ("abc", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_price(text), want, "{text}");
        }
    }

    #[test]
    fn paths() {
        for ok in ["a.jpg", "img/a.jpg", "./img/../a.jpg"] {
            assert!(stays_inside(ok), "{ok}");
        }
        for bad in ["/etc/passwd", "../a.jpg", "img/../../a.jpg", "..", "."] {
            assert!(!stays_inside(bad), "{bad}");
        }
    }
}
