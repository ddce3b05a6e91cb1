//! A card: one complaint (a listing and a rights holder, or a listing in the platform's own
//! queue) with everything a reviewer needs to decide it, copied out of the listing and its
//! flags.

use std::path::PathBuf;

use crate::model::limits::clip;
use crate::model::{
    Flag, FlagEvidence, ImageEvidence, Listing, ObscuredEvidence, Reason, TextEvidence, TextField,
    WorkEvidence,
};
use crate::util::paths::resolve_inside;

/// Bytes of a description kept either side of a match in it.
const EXCERPT: usize = 80;

/// Longest title kept, in bytes: titles are short, but a dump's are untrusted.
const MAX_TITLE: usize = 1000;

/// One complaint, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub listing_id: String,
    pub seller_id: String,
    pub platform: String,
    pub category: Option<String>,
    pub price: Option<f64>,
    pub currency: Option<String>,
    pub title: String,
    /// Empty for the platform's own complaints (obscured marks).
    pub rights_holder: String,
    /// The highest score among its flags.
    pub score: f32,
    pub items: Vec<Item>,
    /// Found by this run; `false` when the listing was unchanged since the run that found
    /// its flags, which were carried from the queue.
    pub new: bool,
}

/// One flag of a card, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub reason: Reason,
    pub ref_id: String,
    pub score: f32,
    /// The tactic or sub-kind (`leet`, `mirror`, `blur`, …).
    pub detail: String,
    pub evidence: Shown,
}

/// What an item shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// A match in the title: its byte span there.
    InTitle(TextEvidence<'static>),
    /// A match in the description: an excerpt around it and its span in the excerpt.
    InDescription {
        evidence: TextEvidence<'static>,
        excerpt: String,
        span: (usize, usize),
    },
    /// A listing image and the reference image it copies.
    Copy {
        evidence: ImageEvidence<'static>,
        image: Option<PathBuf>,
    },
    /// A listing image with an obscured region.
    Obscured {
        evidence: ObscuredEvidence<'static>,
        image: Option<PathBuf>,
    },
    /// A work named and a copy of it offered: the name and each cue, with an excerpt of
    /// the field around each (the words marked at the excerpt's span).
    Work {
        evidence: WorkEvidence<'static>,
        name: (String, (usize, usize)),
        cues: Vec<(String, (usize, usize))>,
    },
    /// A flag whose evidence cell could not be read (never written by ippscan itself).
    Unreadable(String),
}

impl Card {
    /// The cards of one listing: its flags grouped by rights holder, in the order they
    /// first appear.
    pub fn from_listing(listing: &Listing, flags: &[Flag], new: bool) -> Vec<Card> {
        let mut cards: Vec<Card> = Vec::new();
        for flag in flags {
            let item = Item::new(listing, flag);
            match cards
                .iter_mut()
                .find(|c| c.rights_holder == flag.rights_holder)
            {
                Some(card) => {
                    card.score = card.score.max(flag.score);
                    card.items.push(item);
                }
                None => cards.push(Card {
                    listing_id: listing.listing_id.clone(),
                    seller_id: listing.seller_id.clone(),
                    platform: listing.platform.clone(),
                    category: listing.category.clone(),
                    price: listing.price,
                    currency: listing.currency.clone(),
                    title: clip(&listing.title, MAX_TITLE).to_string(),
                    rights_holder: flag.rights_holder.clone(),
                    score: flag.score,
                    items: vec![item],
                    new,
                }),
            }
        }
        cards
    }

    /// How many cards a listing's flags make: one per rights holder.
    pub fn count(flags: &[Flag]) -> usize {
        let mut holders: Vec<&str> = flags.iter().map(|f| f.rights_holder.as_str()).collect();
        holders.sort_unstable();
        holders.dedup();
        holders.len()
    }

    /// The distinct reasons of its flags, in the contract's order.
    pub fn reasons(&self) -> Vec<Reason> {
        let mut reasons: Vec<Reason> = self.items.iter().map(|i| i.reason).collect();
        reasons.sort_unstable();
        reasons.dedup();
        reasons
    }

    /// The spans of the title's matches, sorted, with the item each comes from; spans that
    /// overlap an earlier one or do not fall on character boundaries are left out.
    pub fn title_spans(&self) -> Vec<(usize, usize, &Item)> {
        let mut spans: Vec<(usize, usize, &Item)> = self
            .items
            .iter()
            .filter_map(|item| match &item.evidence {
                Shown::InTitle(e) => Some((e.span[0], e.span[1], item)),
                _ => None,
            })
            .filter(|&(a, b, _)| {
                a < b && self.title.is_char_boundary(a) && self.title.is_char_boundary(b)
            })
            .collect();
        spans.sort_by_key(|s| (s.0, s.1));
        let mut end = 0;
        spans.retain(|s| {
            let keep = s.0 >= end;
            if keep {
                end = s.1;
            }
            keep
        });
        spans
    }
}

impl Item {
    fn new(listing: &Listing, flag: &Flag) -> Item {
        let evidence = match FlagEvidence::parse(flag.reason, &flag.evidence) {
            Some(FlagEvidence::Text(e)) => match e.field {
                TextField::Title => Shown::InTitle(e),
                TextField::Description => {
                    let (excerpt, span) = excerpt(&listing.description, e.span);
                    Shown::InDescription {
                        evidence: e,
                        excerpt,
                        span,
                    }
                }
            },
            Some(FlagEvidence::Image(e)) => Shown::Copy {
                image: listing_image(listing, &e.image),
                evidence: e,
            },
            Some(FlagEvidence::Obscured(e)) => Shown::Obscured {
                image: listing_image(listing, &e.image),
                evidence: e,
            },
            Some(FlagEvidence::Work(e)) => {
                let field = |f: TextField| match f {
                    TextField::Title => listing.title.as_str(),
                    TextField::Description => listing.description.as_str(),
                };
                let at = |f: TextField, span: [usize; 2]| excerpt(field(f), span);
                Shown::Work {
                    name: at(e.field, e.span),
                    cues: e.cues.iter().map(|c| at(c.field, c.span)).collect(),
                    evidence: e,
                }
            }
            None => Shown::Unreadable(flag.evidence.clone()),
        };
        Item {
            reason: flag.reason,
            ref_id: flag.ref_id.clone(),
            score: flag.score,
            detail: flag.detail.clone(),
            evidence,
        }
    }
}

/// Where a listing's image is on disk: inside its dump's folder, or nowhere.
fn listing_image(listing: &Listing, path: &str) -> Option<PathBuf> {
    let dump = std::path::Path::new(&*listing.origin.file);
    resolve_inside(dump.parent().unwrap_or(std::path::Path::new("")), path)
}

/// Up to [`EXCERPT`] bytes of `text` either side of `span`, on character boundaries, and
/// the span's place in the excerpt.
fn excerpt(text: &str, [a, b]: [usize; 2]) -> (String, (usize, usize)) {
    if a > b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
        return (clip(text, 2 * EXCERPT).to_string(), (0, 0));
    }
    let mut from = a.saturating_sub(EXCERPT);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (b + EXCERPT).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (text[from..to].to_string(), (a - from, b - from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_keep_the_match_and_character_boundaries() {
        let text = format!("{}Nike{}", "é".repeat(100), "字".repeat(100));
        let start = text.find("Nike").unwrap();
        let (excerpt, (a, b)) = excerpt(&text, [start, start + 4]);
        assert_eq!(&excerpt[a..b], "Nike");
        assert!(excerpt.len() <= 4 + 2 * EXCERPT);
        // A span that is not on a boundary gives the start of the text, unmarked.
        let (_, span) = super::excerpt(&text, [1, 3]);
        assert_eq!(span, (0, 0));
    }
}
