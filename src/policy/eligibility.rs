//! Which evidence becomes a flag: the reference must be enforceable on the listing's
//! platform (territory), cover its category, and not belong to a holder who authorised
//! the seller.

use serde::Serialize;

use crate::model::{Evidence, Flag, Listing, RightsScope, TextField};
use crate::policy::Territory;
use crate::refs::RefBundle;

/// The `evidence` cell of a text flag, in the order a reviewer reads it.
#[derive(Serialize)]
struct TextEvidence<'a> {
    field: TextField,
    text: &'a str,
    span: [usize; 2],
    normalized: &'a str,
    resolves_to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    occurrences: u32,
}

/// Applies the policy to detector evidence.
#[derive(Clone, Copy, Debug)]
pub struct Policy<'a> {
    territory: &'a Territory,
    bundle: &'a RefBundle,
}

impl<'a> Policy<'a> {
    pub fn new(territory: &'a Territory, bundle: &'a RefBundle) -> Policy<'a> {
        Policy { territory, bundle }
    }

    /// Whether a reference with `scope` may be enforced against `listing`.
    pub fn is_eligible(&self, listing: &Listing, scope: &RightsScope) -> bool {
        !scope.authorized_sellers.contains(&listing.seller_id)
            && scope.covers_category(listing.category.as_deref())
            && self
                .territory
                .is_eligible(&listing.platform, &scope.jurisdictions)
    }

    /// Appends a flag to `out` for each piece of `evidence` that the policy accepts.
    ///
    /// # Panics
    /// When `evidence` names a mark that is not in the bundle the policy was made with.
    pub fn flags(
        &self,
        listing: &Listing,
        evidence: &[Evidence],
        run_id: &str,
        out: &mut Vec<Flag>,
    ) {
        for e in evidence {
            match e {
                Evidence::Text {
                    reason,
                    mark,
                    detail,
                    field,
                    text,
                    span,
                    normalized,
                    resolves_to,
                    context,
                    occurrences,
                    score,
                } => {
                    let mark = &self.bundle.marks[*mark];
                    if !self.is_eligible(listing, &mark.scope) {
                        continue;
                    }
                    out.push(Flag {
                        run_id: run_id.to_string(),
                        listing_id: listing.listing_id.clone(),
                        seller_id: listing.seller_id.clone(),
                        platform: listing.platform.clone(),
                        reason: *reason,
                        ref_id: mark.mark_id.clone(),
                        rights_holder: mark.rights_holder.clone(),
                        score: *score,
                        detail: (*detail).to_string(),
                        evidence: serde_json::to_string(&TextEvidence {
                            field: *field,
                            text,
                            span: [span.0, span.1],
                            normalized,
                            resolves_to,
                            context: context.as_deref(),
                            occurrences: *occurrences,
                        })
                        .expect("plain data serialises"),
                    });
                }
            }
        }
    }
}
