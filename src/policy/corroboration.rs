//! What else in a listing backs an obscured-mark flag. A hidden patch in a photo is
//! suspicious, not proof: ordinary photos have soft, flat and blocky patches too, and a
//! marketplace scans millions a night. Alone, such a flag stays in the flags files under
//! the queue threshold; it enters the platform's queue when the listing also gives reason
//! to think a mark was hidden.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::model::{Corroboration, Evidence, Listing};
use crate::refs::RefBundle;

/// The `[obscured]` settings: the score of an obscured-mark flag alone, and what each kind
/// of corroboration adds to it.
///
/// # Example
/// ```
/// use ippscan::policy::ObscuredRules;
/// let rules = ObscuredRules::default();
/// assert!(rules.uncorroborated_max < 0.5 && rules.text > 0.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObscuredRules {
    /// The most an obscured-mark flag with no corroboration scores: under the queue
    /// threshold, so that it is written to the flags files only.
    pub uncorroborated_max: f32,
    /// Added when the listing's text names or imitates a mark.
    pub text: f32,
    /// Added when one of the listing's images matches a reference photo.
    pub image_match: f32,
    /// Added when the listing's category is one a mark in the references is registered
    /// for.
    pub category: f32,
    /// Added when the seller has confirmed complaints on the platform.
    pub repeat_seller: f32,
}

impl Default for ObscuredRules {
    fn default() -> ObscuredRules {
        ObscuredRules {
            uncorroborated_max: 0.45,
            text: 0.2,
            image_match: 0.2,
            category: 0.1,
            repeat_seller: 0.2,
        }
    }
}

impl ObscuredRules {
    /// The settings by name, for validation messages.
    pub fn named(&self) -> [(&'static str, f32); 5] {
        [
            ("uncorroborated_max", self.uncorroborated_max),
            ("text", self.text),
            ("image_match", self.image_match),
            ("category", self.category),
            ("repeat_seller", self.repeat_seller),
        ]
    }

    /// The score of an obscured-mark flag the detector scored `score`, given what backs it.
    ///
    /// # Example
    /// ```
    /// use ippscan::policy::ObscuredRules;
    /// use ippscan::model::Corroboration;
    /// let rules = ObscuredRules::default();
    /// assert_eq!(rules.score(0.7, &[]), 0.45);
    /// let text = Corroboration { by: "text".into(), detail: "Nike".into() };
    /// assert!((rules.score(0.6, &[text]) - 0.8).abs() < 1e-6);
    /// ```
    pub fn score(&self, score: f32, backing: &[Corroboration<'_>]) -> f32 {
        if backing.is_empty() {
            return score.min(self.uncorroborated_max);
        }
        let added: f32 = backing
            .iter()
            .map(|c| match c.by.as_ref() {
                "text" => self.text,
                "image_match" => self.image_match,
                "category" => self.category,
                "repeat_seller" => self.repeat_seller,
                _ => 0.0,
            })
            .sum();
        (score + added).min(1.0)
    }
}

/// Sellers with confirmed complaints, by platform, from the complaint queue.
#[derive(Clone, Debug, Default)]
pub struct ConfirmedSellers(FxHashMap<(String, String), u64>);

impl ConfirmedSellers {
    /// From (platform, seller id, confirmed complaints) rows.
    pub fn new(rows: impl IntoIterator<Item = (String, String, u64)>) -> ConfirmedSellers {
        ConfirmedSellers(
            rows.into_iter()
                .filter(|r| r.2 > 0)
                .map(|(platform, seller, n)| ((platform, seller), n))
                .collect(),
        )
    }

    /// The confirmed complaints against `seller` on `platform`.
    pub fn get(&self, platform: &str, seller: &str) -> u64 {
        self.0
            .get(&(platform.to_string(), seller.to_string()))
            .copied()
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What in `listing` and its `evidence` backs an obscured-mark flag, in a fixed order:
/// text, image match, category, seller.
pub fn corroborations<'e>(
    listing: &Listing,
    evidence: &'e [Evidence],
    bundle: &RefBundle,
    sellers: &ConfirmedSellers,
) -> Vec<Corroboration<'e>> {
    let mut found = Vec::new();
    if let Some(mark) = evidence.iter().find_map(|e| match e {
        Evidence::Text { resolves_to, .. } => Some(resolves_to.as_str()),
        _ => None,
    }) {
        found.push(Corroboration {
            by: "text".into(),
            detail: Cow::Borrowed(mark),
        });
    }
    if let Some(image) = evidence.iter().find_map(|e| match e {
        Evidence::Image { image, .. } => Some(*image),
        _ => None,
    }) {
        found.push(Corroboration {
            by: "image_match".into(),
            detail: Cow::Owned(bundle.images[image].image_id.clone()),
        });
    }
    if let Some(category) = listing.category.as_deref().map(str::trim)
        && bundle.marks.iter().any(|m| {
            m.scope
                .categories
                .iter()
                .any(|c| c.eq_ignore_ascii_case(category))
        })
    {
        found.push(Corroboration {
            by: "category".into(),
            detail: Cow::Owned(category.to_string()),
        });
    }
    let confirmed = sellers.get(&listing.platform, &listing.seller_id);
    if confirmed > 0 {
        found.push(Corroboration {
            by: "repeat_seller".into(),
            detail: Cow::Owned(format!("{confirmed} confirmed complaints")),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::detect::image::ObscureKind;
    use crate::model::{Flag, Mark, Reason, RightsScope, TextField};
    use crate::policy::{Policy, Territory};

    fn bundle() -> RefBundle {
        let mark = |id: &str, name: &str, categories: &[&str]| Mark {
            mark_id: id.into(),
            rights_holder: "H".into(),
            mark: name.into(),
            aliases: Vec::new(),
            registration_no: "R".into(),
            scope: RightsScope {
                jurisdictions: vec!["CN".into()],
                categories: categories.iter().map(|c| (*c).to_string()).collect(),
                authorized_sellers: std::collections::HashSet::default(),
            },
            usual_price: None,
            short_aliases: Vec::new(),
        };
        RefBundle {
            marks: vec![
                mark("M1", "Brandname", &[]),
                mark("M2", "Apple", &["Electronics"]),
            ],
            images: Vec::new(),
            works: Vec::new(),
        }
    }

    fn obscured(score: f32) -> Evidence {
        Evidence::Obscured {
            path: "a.jpg".into(),
            kind: ObscureKind::Cover,
            region: (10, 10, 40, 30),
            contrast: 5.0,
            score,
            reference: None,
        }
    }

    fn text() -> Evidence {
        Evidence::Text {
            reason: Reason::TrademarkExact,
            mark: 0,
            detail: "exact",
            field: TextField::Title,
            text: "Brandname".into(),
            span: (0, 9),
            normalized: "brandname".into(),
            resolves_to: "Brandname".into(),
            context: None,
            occurrences: 1,
            score: 0.9,
        }
    }

    /// (with text evidence, category, seller, detector score) -> (backed by, queued).
    type Case = (
        bool,
        &'static str,
        &'static str,
        f32,
        &'static [&'static str],
        bool,
    );

    #[test]
    fn an_obscured_mark_enters_the_queue_only_when_something_backs_it() {
        let config = Config::default();
        let territory = Territory::default();
        let bundle = bundle();
        let sellers = ConfirmedSellers::new([("taobao".into(), "repeat".into(), 2)]);
        let table: &[Case] = &[
            (false, "kitchen", "s1", 0.75, &[], false),
            (false, "kitchen", "s1", 0.55, &[], false),
            (true, "kitchen", "s1", 0.55, &["text"], true),
            (false, "electronics", "s1", 0.55, &["category"], true),
            (false, "kitchen", "repeat", 0.55, &["repeat_seller"], true),
            (
                true,
                "ELECTRONICS",
                "repeat",
                0.75,
                &["text", "category", "repeat_seller"],
                true,
            ),
        ];
        for &(with_text, category, seller, score, want, queued) in table {
            let listing = Listing {
                listing_id: "L".into(),
                seller_id: seller.into(),
                platform: "taobao".into(),
                category: Some(category.into()),
                ..Listing::default()
            };
            let mut evidence = vec![obscured(score)];
            if with_text {
                evidence.push(text());
            }
            let mut flags: Vec<Flag> = Vec::new();
            Policy::new(&territory, &bundle)
                .confirmed_sellers(&sellers)
                .flags(&listing, &evidence, "r", &mut flags);
            let flag = flags
                .iter()
                .find(|f| f.reason == Reason::DeceptiveObscuredMark)
                .expect("an obscured-mark flag in any case");
            let ev: serde_json::Value = serde_json::from_str(&flag.evidence).unwrap();
            let by: Vec<&str> = ev["corroborated_by"]
                .as_array()
                .map(|a| a.iter().map(|c| c["by"].as_str().unwrap()).collect())
                .unwrap_or_default();
            let case = format!("{with_text} {category} {seller} {score}");
            assert_eq!(by, want, "{case}");
            assert_eq!(
                config.enters_queue(flag.reason, flag.score),
                queued,
                "{case}: score {}",
                flag.score
            );
        }
    }

    #[test]
    fn the_rules_are_settings_and_alone_stays_under_the_threshold() {
        let cfg = Config::from_toml("[obscured]\ncategory = 0.0\ntext = 0.3\n").unwrap();
        assert!(cfg.obscured.category.abs() < f32::EPSILON);
        assert!((cfg.obscured.text - 0.3).abs() < f32::EPSILON);
        for bad in [
            "[obscured]\nuncorroborated_max = 0.5\n",
            "[thresholds]\ndeceptive_obscured_mark = 0.4\n",
            "[obscured]\ntext = 1.5\n",
            "[obscured]\nmark = 0.2\n",
        ] {
            assert!(Config::from_toml(bad).is_err(), "{bad}");
        }
    }
}
