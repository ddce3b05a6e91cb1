//! One listing through the detectors and the policy: what rayon runs.

use crate::config::Config;
use crate::detect::Detector;
use crate::detect::image::ImageDetector;
use crate::detect::text::{TextDetector, TextRules, without_waiting_for_segmenter};
use crate::model::{Evidence, Flag, Listing, Reject, RejectScope};
use crate::policy::{ConfirmedSellers, Policy};
use crate::refs::RefBundle;

/// The detectors and policy compiled from a reference bundle: everything needed to scan
/// one listing, shareable across threads.
#[derive(Debug)]
pub struct Scanner {
    config: Config,
    bundle: RefBundle,
    detectors: Vec<Box<dyn Detector>>,
    confirmed_sellers: ConfirmedSellers,
}

impl Scanner {
    /// Compiles the detectors for `bundle`.
    ///
    /// # Example
    /// ```
    /// use ippscan::{Config, Scanner, model::{Listing, Mark, RightsScope}, refs::RefBundle};
    /// let mark = Mark {
    ///     mark_id: "M1".into(), rights_holder: "Nike, Inc.".into(), mark: "Nike".into(),
    ///     aliases: vec!["耐克".into()], registration_no: "TM-1".into(),
    ///     scope: RightsScope { jurisdictions: vec!["CN".into()], ..Default::default() },
    ///     usual_price: None,
    ///     short_aliases: vec![],
    /// };
    /// let bundle = RefBundle { marks: vec![mark], ..RefBundle::default() };
    /// let scanner = Scanner::new(Config::default(), bundle);
    /// let listing = Listing {
    ///     listing_id: "L1".into(), seller_id: "S1".into(), platform: "taobao".into(),
    ///     title: "耐克 Air 跑鞋".into(), ..Default::default()
    /// };
    /// let flags = scanner.scan("run-1", &listing);
    /// assert_eq!(flags.len(), 1);
    /// assert_eq!(flags[0].ref_id, "M1");
    /// ```
    pub fn new(config: Config, bundle: RefBundle) -> Scanner {
        let detectors: Vec<Box<dyn Detector>> = vec![
            Box::new(TextDetector::with_works(
                &bundle.marks,
                &bundle.works,
                TextRules::default(),
            )),
            Box::new({
                let mut images = ImageDetector::new(&bundle.images, config.limits.max_image_pixels);
                images.limits(&config.limits);
                images
            }),
        ];
        Scanner {
            config,
            bundle,
            detectors,
            confirmed_sellers: ConfirmedSellers::default(),
        }
    }

    /// Sellers with confirmed complaints (from the complaint queue): they corroborate an
    /// obscured mark in their listings.
    pub fn set_confirmed_sellers(&mut self, sellers: ConfirmedSellers) {
        self.confirmed_sellers = sellers;
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The references it scans for.
    pub fn bundle(&self) -> &RefBundle {
        &self.bundle
    }

    /// The flags for one listing.
    pub fn scan(&self, run_id: &str, listing: &Listing) -> Vec<Flag> {
        let mut evidence = Vec::new();
        let mut flags = Vec::new();
        self.scan_into(run_id, listing, &mut evidence, &mut flags);
        flags
    }

    pub(super) fn scan_into(
        &self,
        run_id: &str,
        listing: &Listing,
        evidence: &mut Vec<Evidence>,
        flags: &mut Vec<Flag>,
    ) -> ImageOutcome {
        self.try_scan_into(run_id, listing, evidence, flags, true)
            .unwrap_or_default()
    }

    /// As [`Scanner::scan_into`], but unless it may `wait` for the CJK segmenter to load,
    /// `None` (and no flags) as soon as a detector needs it before it is ready: the
    /// detectors after it do not run.
    pub(super) fn try_scan_into(
        &self,
        run_id: &str,
        listing: &Listing,
        evidence: &mut Vec<Evidence>,
        flags: &mut Vec<Flag>,
        wait: bool,
    ) -> Option<ImageOutcome> {
        evidence.clear();
        for d in &self.detectors {
            if wait {
                d.detect(listing, evidence);
            } else {
                without_waiting_for_segmenter(|| d.detect(listing, evidence))?;
            }
        }
        Policy::new(&self.config.territory, &self.bundle)
            .obscured(self.config.obscured)
            .confirmed_sellers(&self.confirmed_sellers)
            .flags(listing, evidence, run_id, flags);
        Some(image_outcome(listing, evidence))
    }
}

/// A listing's images that could not be used: rejects, and how many were too flat to
/// hash (not bad input, only counted).
#[derive(Debug, Default)]
pub(super) struct ImageOutcome {
    /// The images the listing names.
    pub(super) examined: u64,
    pub(super) rejects: Vec<Reject>,
    pub(super) unhashable: u64,
}

pub(super) fn image_outcome(listing: &Listing, evidence: &[Evidence]) -> ImageOutcome {
    let mut outcome = ImageOutcome {
        examined: listing.image_paths.len() as u64,
        ..ImageOutcome::default()
    };
    for e in evidence {
        match e {
            Evidence::ImageProblem { reason, detail, .. } => outcome.rejects.push(Reject {
                file: listing.origin.file.to_string(),
                line: listing.origin.line,
                id: listing.listing_id.clone(),
                scope: RejectScope::Image,
                reason,
                detail: detail.clone(),
            }),
            Evidence::ImageUnhashable { .. } => outcome.unhashable += 1,
            _ => {}
        }
    }
    outcome
}
