//! Which evidence becomes a flag: the reference must be enforceable on the listing's
//! platform (territory), cover its category, and not belong to a holder who authorised
//! the seller.

use std::borrow::Cow;

use crate::model::{
    Evidence, Flag, ImageEvidence, Listing, ObscuredEvidence, Reason, RightsScope, TextEvidence,
    Turn, WorkCue, WorkEvidence,
};
use crate::policy::{ConfirmedSellers, ObscuredRules, Territory, corroborations};
use crate::refs::RefBundle;

/// Below this share of the genuine product's usual price, IP evidence weighs more.
const FAR_BELOW_USUAL: f64 = 0.2;

/// A note and a score bonus when the listing sells far below the mark's usual price.
/// Price alone is never a flag: this only strengthens evidence already found.
fn price_signal(listing: &Listing, mark: &crate::model::Mark) -> Option<(String, f32)> {
    let (usual, currency) = mark.usual_price.as_ref()?;
    let price = listing.price?;
    if listing.currency.as_deref() != Some(currency.as_str()) || price >= usual * FAR_BELOW_USUAL {
        return None;
    }
    let share = 100.0 * price / usual;
    Some((
        format!("{price:.2} {currency} is {share:.0}% of the usual {usual:.2}"),
        0.05,
    ))
}

/// Applies the policy to detector evidence.
#[derive(Clone, Copy, Debug)]
pub struct Policy<'a> {
    territory: &'a Territory,
    bundle: &'a RefBundle,
    obscured: ObscuredRules,
    sellers: Option<&'a ConfirmedSellers>,
}

impl<'a> Policy<'a> {
    /// The policy with the default `[obscured]` rules and no seller records.
    pub fn new(territory: &'a Territory, bundle: &'a RefBundle) -> Policy<'a> {
        Policy {
            territory,
            bundle,
            obscured: ObscuredRules::default(),
            sellers: None,
        }
    }

    /// How obscured-mark flags are scored, alone and corroborated.
    #[must_use]
    pub fn obscured(mut self, rules: ObscuredRules) -> Policy<'a> {
        self.obscured = rules;
        self
    }

    /// Sellers with confirmed complaints: an obscured mark in their listings is
    /// corroborated.
    #[must_use]
    pub fn confirmed_sellers(mut self, sellers: &'a ConfirmedSellers) -> Policy<'a> {
        self.sellers = Some(sellers);
        self
    }

    /// Whether a reference with `scope` may be enforced against `listing`.
    pub fn is_eligible(&self, listing: &Listing, scope: &RightsScope) -> bool {
        !scope.authorized_sellers.contains(&listing.seller_id)
            && scope.covers_category(listing.category.as_deref())
            && self
                .territory
                .is_eligible(&listing.platform, &scope.jurisdictions)
    }

    /// Appends a flag to `out` for each piece of `evidence` that the policy accepts. An
    /// obscured mark is the platform's own complaint, with no rights holder; alone it
    /// scores under the queue threshold, and each thing in the listing that backs it
    /// (see [`corroborations`]: any trademark evidence, enforceable here or not, counts,
    /// since the brand is involved) raises it by its `[obscured]` setting.
    ///
    /// # Panics
    /// When `evidence` names a mark that is not in the bundle the policy was made with.
    #[allow(clippy::too_many_lines)] // one arm per kind of evidence, each plain
    pub fn flags(
        &self,
        listing: &Listing,
        evidence: &[Evidence],
        run_id: &str,
        out: &mut Vec<Flag>,
    ) {
        let flag =
            |reason, ref_id: &str, holder: &str, score: f32, detail: &str, evidence: String| Flag {
                run_id: run_id.to_string(),
                listing_id: listing.listing_id.clone(),
                seller_id: listing.seller_id.clone(),
                platform: listing.platform.clone(),
                reason,
                ref_id: ref_id.to_string(),
                rights_holder: holder.to_string(),
                score,
                detail: detail.to_string(),
                evidence,
            };
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
                    let price = price_signal(listing, mark);
                    let bonus = price.as_ref().map_or(0.0, |p| p.1);
                    out.push(flag(
                        *reason,
                        &mark.mark_id,
                        &mark.rights_holder,
                        (*score + bonus).min(1.0),
                        detail,
                        serde_json::to_string(&TextEvidence {
                            field: *field,
                            text: Cow::Borrowed(text),
                            span: [span.0, span.1],
                            normalized: Cow::Borrowed(normalized),
                            resolves_to: Cow::Borrowed(resolves_to),
                            context: context.as_deref().map(Cow::Borrowed),
                            occurrences: *occurrences,
                            price: price.map(|p| p.0),
                        })
                        .expect("plain data serialises"),
                    ));
                }
                Evidence::Image {
                    reason,
                    image,
                    path,
                    distance,
                    correlation,
                    turn,
                    window,
                    score,
                } => {
                    let reference = &self.bundle.images[*image];
                    if !self.is_eligible(listing, &reference.scope) {
                        continue;
                    }
                    out.push(flag(
                        *reason,
                        &reference.image_id,
                        &reference.rights_holder,
                        *score,
                        match (turn, correlation) {
                            (Turn::FlipH, _) => "mirror",
                            (Turn::AsIs, Some(_)) => "aligned",
                            (Turn::AsIs, None) => "copy",
                            (other, _) => other.name(),
                        },
                        serde_json::to_string(&ImageEvidence {
                            image: Cow::Borrowed(path),
                            reference: reference.path.to_string_lossy(),
                            distance: *distance,
                            distance_bits: if correlation.is_some() { 63 } else { 256 },
                            mirrored: *turn == Turn::FlipH,
                            transform: (*turn != Turn::AsIs).then_some(*turn),
                            window: window.map(|(x, y, w, h)| [x, y, w, h]),
                            correlation: correlation.map(|c| (c * 1000.0).round() / 1000.0),
                        })
                        .expect("plain data serialises"),
                    ));
                }
                Evidence::Obscured {
                    path,
                    kind,
                    region,
                    contrast,
                    score,
                    reference,
                } => {
                    let reference = reference.map(|(image, part)| {
                        let round = |v: f32| (v * 1000.0).round() / 1000.0;
                        (
                            self.bundle.images[image].path.to_string_lossy(),
                            part.map(round),
                        )
                    });
                    let no_sellers = ConfirmedSellers::default();
                    let sellers = self.sellers.unwrap_or(&no_sellers);
                    let backing = corroborations(listing, evidence, self.bundle, sellers);
                    let score = self.obscured.score(*score, &backing);
                    let evidence = ObscuredEvidence {
                        image: Cow::Borrowed(path),
                        region: [region.0, region.1, region.2, region.3],
                        contrast: (*contrast * 10.0).round() / 10.0,
                        reference_box: reference.as_ref().map(|r| r.1),
                        reference: reference.map(|r| r.0),
                        mark: backing
                            .iter()
                            .find(|c| c.by == "text")
                            .map(|c| c.detail.clone()),
                        corroborated_by: backing,
                    };
                    out.push(flag(
                        Reason::DeceptiveObscuredMark,
                        "",
                        "",
                        score,
                        kind.as_str(),
                        serde_json::to_string(&evidence).expect("plain data serialises"),
                    ));
                }
                Evidence::Work {
                    work,
                    field,
                    text,
                    span,
                    tactic,
                    cues,
                    support,
                    score,
                } => {
                    let work = &self.bundle.works[*work];
                    if !self.is_eligible(listing, &work.scope) {
                        continue;
                    }
                    let evidence = WorkEvidence {
                        field: *field,
                        text: Cow::Borrowed(text),
                        span: [span.0, span.1],
                        title: Cow::Borrowed(&work.title),
                        kind: Cow::Borrowed(work.kind.as_str()),
                        tactic: Cow::Borrowed(tactic),
                        cues: cues
                            .iter()
                            .map(|c| WorkCue {
                                text: Cow::Borrowed(&c.text),
                                kind: Cow::Borrowed(&c.kind),
                                field: c.field,
                                span: [c.span.0, c.span.1],
                            })
                            .collect(),
                        support: support.as_deref().map(Cow::Borrowed),
                    };
                    out.push(flag(
                        Reason::CopyrightUnauthorizedCopy,
                        &work.work_id,
                        &work.rights_holder,
                        *score,
                        cues.iter()
                            .find(|c| c.kind != "bulk_media")
                            .or(cues.first())
                            .map_or("", |c| c.kind.as_str()),
                        serde_json::to_string(&evidence).expect("plain data serialises"),
                    ));
                }
                Evidence::ImageProblem { .. } | Evidence::ImageUnhashable { .. } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mark;

    fn mark(jurisdictions: &[&str], categories: &[&str], sellers: &[&str]) -> Mark {
        Mark {
            mark_id: "M".into(),
            rights_holder: "H".into(),
            mark: "Brandname".into(),
            aliases: Vec::new(),
            registration_no: "R".into(),
            scope: RightsScope {
                jurisdictions: jurisdictions.iter().map(|j| (*j).to_string()).collect(),
                categories: categories.iter().map(|c| (*c).to_string()).collect(),
                authorized_sellers: sellers.iter().map(|s| (*s).to_string()).collect(),
            },
            usual_price: None,
            short_aliases: Vec::new(),
        }
    }

    #[test]
    fn territory_matrix() {
        // (jurisdictions, [taobao, tmall, 1688, alibaba.com, aliexpress])
        let table: &[(&[&str], [bool; 5])] = &[
            (&["CN"], [true, true, true, false, false]),
            (&["US"], [false, false, false, true, true]),
            (&["EU"], [false, false, false, true, true]),
            (&["WIPO"], [false, false, false, true, true]),
            (&["CN", "US"], [true, true, true, true, true]),
        ];
        let territory = Territory::default();
        for (jurisdictions, want) in table {
            let bundle = RefBundle {
                marks: vec![mark(jurisdictions, &[], &[])],
                images: vec![],
                works: vec![],
            };
            let policy = Policy::new(&territory, &bundle);
            for (platform, want) in ["taobao", "tmall", "1688", "alibaba.com", "aliexpress"]
                .iter()
                .zip(want)
            {
                let listing = Listing {
                    platform: (*platform).into(),
                    ..Listing::default()
                };
                assert_eq!(
                    policy.is_eligible(&listing, &bundle.marks[0].scope),
                    *want,
                    "{jurisdictions:?} on {platform}"
                );
            }
        }
    }

    #[test]
    fn sellers_and_categories() {
        let territory = Territory::default();
        let bundle = RefBundle {
            marks: vec![mark(&["CN"], &["shoes", "bags"], &["official"])],
            images: vec![],
            works: vec![],
        };
        let policy = Policy::new(&territory, &bundle);
        let cases = [
            ("s1", Some("shoes"), true),
            ("s1", Some("Bags"), true),
            ("s1", Some("food"), false),
            ("s1", None, false),
            ("official", Some("shoes"), false),
        ];
        for (seller, category, want) in cases {
            let listing = Listing {
                platform: "taobao".into(),
                seller_id: seller.into(),
                category: category.map(str::to_string),
                ..Listing::default()
            };
            assert_eq!(
                policy.is_eligible(&listing, &bundle.marks[0].scope),
                want,
                "{seller} {category:?}"
            );
        }
    }
}
