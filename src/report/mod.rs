//! The reviewers' report: `report.html`, one self-contained page per at most
//! [`ReportBuilder::page_size`] complaints (further pages in `report/`), with the run's
//! counts and charts in a header and one card per complaint, highest score first, showing
//! its evidence: the title with the matched text marked, the listing image beside the
//! reference image, the obscured region boxed. Thumbnails are made by ippscan into
//! `report/`; everything from a listing is escaped, and a content security policy lets only
//! the page's own script run.
//!
//! Memory is bounded: the report keeps the [`ReportBuilder::max_cards`] highest-scoring
//! complaints of the run and says how many there were in all.

mod card;
mod chart;
mod escape;
mod html;
mod thumbs;

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use card::{Card, Item, Shown};
pub use escape::Esc;
pub use thumbs::Thumb;

use crate::error::{Error, Result};
use crate::model::{Flag, Listing};
use crate::refs::RefBundle;
use crate::sink::{AtomicFile, ReportSummary, Summary};
use html::{PageInfo, holder_key, render_page};
use thumbs::Thumbs;

/// The report's settings.
///
/// # Example
/// ```
/// let report = ippscan::report::ReportBuilder::new().max_cards(500).page_size(100).build();
/// assert_eq!(report.complaints(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct ReportBuilder {
    max_cards: usize,
    page_size: usize,
    max_pixels: u64,
}

impl Default for ReportBuilder {
    fn default() -> ReportBuilder {
        let settings = crate::config::ReportSettings::default();
        ReportBuilder {
            max_cards: settings.max_cards,
            page_size: settings.page_size,
            max_pixels: crate::model::limits::MAX_IMAGE_PIXELS,
        }
    }
}

impl ReportBuilder {
    pub fn new() -> ReportBuilder {
        ReportBuilder::default()
    }

    /// How many complaints the report keeps, the highest-scoring (at least 1).
    pub fn max_cards(&mut self, n: usize) -> &mut ReportBuilder {
        self.max_cards = n.max(1);
        self
    }

    /// Cards per page (at least 1).
    pub fn page_size(&mut self, n: usize) -> &mut ReportBuilder {
        self.page_size = n.max(1);
        self
    }

    /// Images with more pixels than this get no thumbnail.
    pub fn max_pixels(&mut self, n: u64) -> &mut ReportBuilder {
        self.max_pixels = n;
        self
    }

    pub fn build(&self) -> Report {
        Report {
            settings: self.clone(),
            cards: BinaryHeap::new(),
            complaints: 0,
            scores: [0; 10],
        }
    }
}

/// A report being gathered over a run: fed each listing's flags, written at the end.
#[derive(Debug)]
pub struct Report {
    settings: ReportBuilder,
    /// The best cards so far, the worst on top.
    cards: BinaryHeap<Reverse<Ranked>>,
    complaints: u64,
    /// Flags by score, in tenths.
    scores: [u64; 10],
}

/// A card and its place: higher score first, then earlier in the input.
#[derive(Debug)]
struct Ranked {
    score: f32,
    seq: u64,
    card: Card,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl Report {
    /// Adds a listing's flags (those of one listing, any number).
    pub fn add(&mut self, listing: &Listing, flags: &[Flag], carried: bool) {
        for f in flags {
            self.scores[((f.score.clamp(0.0, 1.0) * 10.0) as usize).min(9)] += 1;
        }
        if self.cards.len() >= self.settings.max_cards
            && let Some(Reverse(worst)) = self.cards.peek()
            && flags.iter().all(|f| f.score <= worst.score)
        {
            // None of its complaints can displace a card kept: a later one ranks lower at
            // the same score. Counted, not built.
            self.complaints += Card::count(flags) as u64;
            return;
        }
        for card in Card::from_listing(listing, flags, !carried) {
            let ranked = Ranked {
                score: card.score,
                seq: self.complaints,
                card,
            };
            self.complaints += 1;
            self.cards.push(Reverse(ranked));
            if self.cards.len() > self.settings.max_cards {
                self.cards.pop();
            }
        }
    }

    /// Complaints seen so far.
    pub fn complaints(&self) -> u64 {
        self.complaints
    }

    /// Writes `report.html` and `report/` into `out_dir`, with `summary`'s counts in the
    /// header and reference thumbnails from `bundle`'s image paths.
    pub fn write(
        self,
        out_dir: &Path,
        summary: &Summary,
        bundle: &RefBundle,
    ) -> Result<ReportSummary> {
        let dir = out_dir.join("report");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        clear_old_files(&dir)?;
        let cards: Vec<Card> = self
            .cards
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse(r)| r.card)
            .collect();
        let references = reference_paths(&cards, bundle);
        let mut images: BTreeSet<PathBuf> = references.values().cloned().collect();
        for card in &cards {
            for item in &card.items {
                if let Shown::Copy { image: Some(p), .. } | Shown::Obscured { image: Some(p), .. } =
                    &item.evidence
                {
                    images.insert(p.clone());
                }
                // The reference photo a listing image copies and hides part of.
                if let Shown::Obscured { evidence, .. } = &item.evidence
                    && let Some(reference) = &evidence.reference
                {
                    images.insert(PathBuf::from(reference.as_ref()));
                }
            }
        }
        let thumbs = Thumbs::make(&dir, images.into_iter().collect(), self.settings.max_pixels);
        let pages = cards.chunks(self.settings.page_size).count().max(1);
        let nonce = format!("{:016x}", fastrand::u64(..));
        let holders: BTreeSet<&str> = cards.iter().map(holder_key).collect();
        // Pages are rendered and written on all cores: at the end of a scan nothing else
        // is left to run, and their files' syncs overlap.
        (0..pages)
            .into_par_iter()
            .try_for_each(|page| -> Result<()> {
                let from = page * self.settings.page_size;
                let to = (from + self.settings.page_size).min(cards.len());
                let info = PageInfo {
                    number: page + 1,
                    pages,
                    first: from,
                    cards: &cards[from..to],
                    total_cards: cards.len(),
                    complaints: self.complaints,
                    scores: &self.scores,
                    holders: &holders,
                    nonce: &nonce,
                };
                let html = render_page(summary, &info, &thumbs, &references);
                let path = if page == 0 {
                    out_dir.join("report.html")
                } else {
                    dir.join(format!("page-{}.html", page + 1))
                };
                let mut file = AtomicFile::create(&path)?;
                file.write_all(html.as_bytes())
                    .map_err(|e| Error::io(&path, e))?;
                file.commit()
            })?;
        Ok(ReportSummary {
            path: out_dir.join("report.html").display().to_string(),
            complaints: self.complaints,
            cards: cards.len() as u64,
            pages: pages as u64,
            thumbnails: thumbs.count() as u64,
            thumbnail_failures: thumbs.failed as u64,
        })
    }
}

/// The reference images the cards show, by image id.
fn reference_paths(cards: &[Card], bundle: &RefBundle) -> HashMap<String, PathBuf> {
    let wanted: BTreeSet<&str> = cards
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| matches!(i.evidence, Shown::Copy { .. }))
        .map(|i| i.ref_id.as_str())
        .collect();
    bundle
        .images
        .iter()
        .filter(|r| wanted.contains(r.image_id.as_str()))
        .map(|r| (r.image_id.clone(), r.path.clone()))
        .collect()
}

/// Removes the pages and thumbnails an earlier run left in `dir`: a report never mixes two
/// runs.
fn clear_old_files(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let ours = (name.starts_with("page-") && ext == "html")
            || (name.starts_with("t-") && ext == "jpg");
        if ours {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
