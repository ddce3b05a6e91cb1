//! The `evidence` cell of a flag: a JSON object, written by the policy and read back by the
//! report (and by anyone downstream of `flags.csv`). One definition per kind of flag, so
//! the writer and the readers cannot drift apart.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{Reason, TextField};

/// The `evidence` of a trademark flag, in the order a reviewer reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextEvidence<'a> {
    pub field: TextField,
    /// The text as written in the listing.
    pub text: Cow<'a, str>,
    /// Byte span of `text` in the field.
    pub span: [usize; 2],
    pub normalized: Cow<'a, str>,
    pub resolves_to: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Cow<'a, str>>,
    pub occurrences: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
}

/// The `evidence` of a `copyright_photo` or `design_patent_image` flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageEvidence<'a> {
    /// The listing's image path, as listed.
    pub image: Cow<'a, str>,
    /// The reference image's path.
    pub reference: Cow<'a, str>,
    pub distance: u32,
    /// 256 for the perceptual hash, 63 for the low-frequency code of an aligned copy.
    pub distance_bits: u32,
    /// Whether the copy is the reference mirrored left to right (`transform` `flip_h`).
    pub mirrored: bool,
    /// How the reference is turned or flipped in the copy, when it is (see [`super::Turn`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<super::Turn>,
    /// The part of the listing image that matched (x, y, w, h), when not all of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<[u32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation: Option<f32>,
}

/// The `evidence` of a `deceptive_obscured_mark` flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObscuredEvidence<'a> {
    pub image: Cow<'a, str>,
    /// x, y, w, h in the image's pixels.
    #[serde(rename = "box")]
    pub region: [u32; 4],
    pub contrast: f32,
    /// The mark the listing's text names or imitates, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Cow<'a, str>>,
    /// For a part of a reference photo the image copies and hides: the reference's path,
    /// and the part in it (x, y, w, h as fractions of its sides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_box: Option<[f32; 4]>,
    /// What else in the listing backs the flag; none keeps it out of the queue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corroborated_by: Vec<Corroboration<'a>>,
}

/// The `evidence` of a `copyright_unauthorized_copy` flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkEvidence<'a> {
    pub field: TextField,
    /// The work's name as written in the listing, and its byte span in the field.
    pub text: Cow<'a, str>,
    pub span: [usize; 2],
    /// The registered title it names.
    pub title: Cow<'a, str>,
    pub kind: Cow<'a, str>,
    /// `exact`, or how the name was disguised.
    pub tactic: Cow<'a, str>,
    /// The words that offer a copy.
    pub cues: Vec<WorkCue<'a>>,
    /// For an ordinary-word title, what made it count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Cow<'a, str>>,
}

/// One cue of a copy on offer, in a work flag's evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkCue<'a> {
    pub text: Cow<'a, str>,
    pub kind: Cow<'a, str>,
    pub field: TextField,
    pub span: [usize; 2],
}

/// One thing in a listing that backs an obscured-mark flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Corroboration<'a> {
    /// `text` (it names or imitates a mark), `image_match` (one of its images copies a
    /// reference), `category` (one a mark is registered for) or `repeat_seller` (the
    /// seller has confirmed complaints).
    pub by: Cow<'a, str>,
    /// The mark, the reference image, the category, or the seller's record.
    pub detail: Cow<'a, str>,
}

/// A flag's `evidence`, read back by its reason.
#[derive(Clone, Debug, PartialEq)]
pub enum FlagEvidence {
    Text(TextEvidence<'static>),
    Image(ImageEvidence<'static>),
    Obscured(ObscuredEvidence<'static>),
    Work(WorkEvidence<'static>),
}

impl FlagEvidence {
    /// Parses the `evidence` cell of a flag with `reason`.
    ///
    /// # Example
    /// ```
    /// use ippscan::model::{FlagEvidence, Reason};
    /// let cell = r#"{"image":"a.jpg","box":[1,2,3,4],"contrast":5.0}"#;
    /// let Some(FlagEvidence::Obscured(e)) = FlagEvidence::parse(Reason::DeceptiveObscuredMark, cell)
    /// else { panic!() };
    /// assert_eq!(e.region, [1, 2, 3, 4]);
    /// ```
    pub fn parse(reason: Reason, cell: &str) -> Option<FlagEvidence> {
        match reason {
            Reason::TrademarkExact
            | Reason::TrademarkVariant
            | Reason::TrademarkSimilarityClaim => {
                serde_json::from_str(cell).ok().map(FlagEvidence::Text)
            }
            Reason::CopyrightPhoto | Reason::DesignPatentImage => {
                serde_json::from_str(cell).ok().map(FlagEvidence::Image)
            }
            Reason::DeceptiveObscuredMark => {
                serde_json::from_str(cell).ok().map(FlagEvidence::Obscured)
            }
            Reason::CopyrightUnauthorizedCopy => {
                serde_json::from_str(cell).ok().map(FlagEvidence::Work)
            }
        }
    }
}
