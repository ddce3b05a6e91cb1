use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Why a listing was flagged: the contract's reason codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    TrademarkExact,
    TrademarkVariant,
    TrademarkSimilarityClaim,
    CopyrightPhoto,
    DesignPatentImage,
    DeceptiveObscuredMark,
    CopyrightUnauthorizedCopy,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::TrademarkExact,
        Reason::TrademarkVariant,
        Reason::TrademarkSimilarityClaim,
        Reason::CopyrightPhoto,
        Reason::DesignPatentImage,
        Reason::DeceptiveObscuredMark,
        Reason::CopyrightUnauthorizedCopy,
    ];

    /// The reason with this code, if any.
    pub fn parse(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::TrademarkExact => "trademark_exact",
            Reason::TrademarkVariant => "trademark_variant",
            Reason::TrademarkSimilarityClaim => "trademark_similarity_claim",
            Reason::CopyrightPhoto => "copyright_photo",
            Reason::DesignPatentImage => "design_patent_image",
            Reason::DeceptiveObscuredMark => "deceptive_obscured_mark",
            Reason::CopyrightUnauthorizedCopy => "copyright_unauthorized_copy",
        }
    }
}

/// The listing field a text match was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Title,
    Description,
}

/// What a detector found, before the policy decides whether it is a flag.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// A mark found in the listing's text.
    Text {
        reason: Reason,
        /// Index of the mark in the reference bundle.
        mark: usize,
        /// The tactic: `exact`, `alias`, `misspelling`, …
        detail: &'static str,
        field: TextField,
        /// The text as written in the listing.
        text: String,
        /// Byte span of `text` in the original field.
        span: (usize, usize),
        /// The form it was matched in (normalised, or folded for disguises).
        normalized: String,
        /// The mark or alias it resolves to, as registered.
        resolves_to: String,
        /// The words around it that matter: the claim ("1:1", "style"), a counterfeit cue.
        context: Option<String>,
        /// How many times that mark occurs in the listing in all.
        occurrences: u32,
        score: f32,
    },
    /// A listing image that copies a reference image.
    Image {
        reason: Reason,
        /// Index of the reference image in the bundle.
        image: usize,
        /// The listing's image path, as listed.
        path: String,
        /// Hamming distance of the hashes, out of 256; for a copy found by alignment, of the
        /// 63-bit low-frequency codes.
        distance: u32,
        /// For a copy found by alignment (cropped, turned, captioned): how closely the
        /// reference and the listing image correlate once lined up.
        correlation: Option<f32>,
        /// How the reference is turned or flipped in the copy.
        turn: super::Turn,
        /// The part of the listing image that matched (x, y, w, h in its pixels), when
        /// not the whole image.
        window: Option<(u32, u32, u32, u32)>,
        score: f32,
    },
    /// A listing image with a region that looks deliberately blurred, pixelated or
    /// covered.
    Obscured {
        /// The listing's image path, as listed.
        path: String,
        kind: super::ObscureKind,
        /// The region (x, y, w, h in the original image's pixels).
        region: (u32, u32, u32, u32),
        /// How much sharper the region's surroundings are (see
        /// `Obscured::contrast` of the image detector), or, for a part of a reference the image
        /// copies, how much sharper the reference is there.
        contrast: f32,
        score: f32,
        /// For a part of a reference the image copies: the reference's position among the
        /// references, and the part in it (x, y, w, h as fractions of its sides).
        reference: Option<(usize, [f32; 4])>,
    },
    /// A listing that names a registered work and offers a copy of it.
    Work {
        /// The work's position among the bundle's works.
        work: usize,
        field: TextField,
        /// The title (or other name) as written, and its byte span in `field`.
        text: String,
        span: (usize, usize),
        /// How the name was found: `exact`, or the disguise (`spacing`, `homophone`…).
        tactic: &'static str,
        /// The words that offer a copy, their kind (`digital_delivery`, `activation`,
        /// `bulk_media`) and where they are.
        cues: Vec<CopyCue>,
        /// For an ordinary-word title: what made it count (`other_name: …`,
        /// `kind_vocabulary: …`, `cue_beside_title`).
        support: Option<String>,
        score: f32,
    },
    /// A listing image that could not be used: an image reject, not a flag.
    ImageProblem {
        path: String,
        reason: &'static str,
        detail: String,
    },
    /// A listing image too flat, blank or small to match: counted, neither a flag nor a
    /// reject.
    ImageUnhashable { path: String },
}

impl Evidence {
    /// The reason, for evidence that can become a flag.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Evidence::Text { reason, .. } | Evidence::Image { reason, .. } => Some(*reason),
            Evidence::Obscured { .. } => Some(Reason::DeceptiveObscuredMark),
            Evidence::Work { .. } => Some(Reason::CopyrightUnauthorizedCopy),
            Evidence::ImageProblem { .. } | Evidence::ImageUnhashable { .. } => None,
        }
    }
}

/// Words of a listing that offer a copy of a work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyCue {
    /// The words as written.
    pub text: String,
    /// `digital_delivery`, `activation` or `bulk_media`.
    pub kind: String,
    pub field: TextField,
    pub span: (usize, usize),
}

/// One row of `flags.csv`: a piece of evidence that passed the policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub run_id: String,
    pub listing_id: String,
    pub seller_id: String,
    pub platform: String,
    pub reason: Reason,
    pub ref_id: String,
    pub rights_holder: String,
    pub score: f32,
    pub detail: String,
    /// JSON object: what a reviewer needs to check the flag.
    pub evidence: String,
}

impl Flag {
    /// The flag schema: the columns of every flags file (`flags.csv`, `flags.parquet`, the
    /// JSON Lines keys), in order. Readers find columns by these names, not by position.
    pub const COLUMNS: [&'static str; 10] = [
        "run_id",
        "listing_id",
        "seller_id",
        "platform",
        "reason",
        "ref_id",
        "rights_holder",
        "score",
        "detail",
        "evidence",
    ];

    /// The flag's cells as text, in [`Flag::COLUMNS`] order (the score to three decimals).
    pub fn cells(&self) -> [Cow<'_, str>; 10] {
        [
            Cow::Borrowed(self.run_id.as_str()),
            Cow::Borrowed(self.listing_id.as_str()),
            Cow::Borrowed(self.seller_id.as_str()),
            Cow::Borrowed(self.platform.as_str()),
            Cow::Borrowed(self.reason.as_str()),
            Cow::Borrowed(self.ref_id.as_str()),
            Cow::Borrowed(self.rights_holder.as_str()),
            Cow::Owned(format!("{:.3}", self.score)),
            Cow::Borrowed(self.detail.as_str()),
            Cow::Borrowed(self.evidence.as_str()),
        ]
    }

    /// A flag from its cells, each found by its column's name; the error says what is
    /// wrong with the row.
    ///
    /// # Example
    /// ```
    /// use ippscan::model::{Flag, Reason};
    /// let row = [("reason", "trademark_exact"), ("score", "0.9"), ("listing_id", "L1")];
    /// let cell = |name: &str| row.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    /// let flag = Flag::from_cells(cell).unwrap();
    /// assert_eq!((flag.reason, flag.listing_id.as_str()), (Reason::TrademarkExact, "L1"));
    /// ```
    pub fn from_cells<'a>(cell: impl Fn(&str) -> Option<&'a str>) -> Result<Flag, String> {
        let text = |name: &str| cell(name).unwrap_or_default().to_string();
        let reason = cell("reason").unwrap_or_default();
        let score = cell("score").unwrap_or_default();
        Ok(Flag {
            run_id: text("run_id"),
            listing_id: text("listing_id"),
            seller_id: text("seller_id"),
            platform: text("platform"),
            reason: Reason::parse(reason).ok_or_else(|| format!("unknown reason {reason:?}"))?,
            ref_id: text("ref_id"),
            rights_holder: text("rights_holder"),
            score: score
                .parse()
                .map_err(|_| format!("score {score:?} is not a number"))?,
            detail: text("detail"),
            evidence: text("evidence"),
        })
    }
}
