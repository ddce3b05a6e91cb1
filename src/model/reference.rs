use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// A jurisdiction a right is registered in: an ISO-3166 alpha-2 code, `EU` or `WIPO`.
pub type Jurisdiction = String;

/// Where and for whom a reference applies: shared by marks and reference images.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsScope {
    pub jurisdictions: Vec<Jurisdiction>,
    /// Lower-cased listing categories; empty means every category.
    pub categories: Vec<String>,
    pub authorized_sellers: HashSet<String>,
}

impl RightsScope {
    /// Whether a listing in `category` is covered by this reference's categories.
    pub fn covers_category(&self, category: Option<&str>) -> bool {
        if self.categories.is_empty() {
            return true;
        }
        category.is_some_and(|c| {
            let c = c.trim();
            self.categories.iter().any(|k| k.eq_ignore_ascii_case(c))
        })
    }
}

/// A registered word mark with its aliases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub mark_id: String,
    pub rights_holder: String,
    pub mark: String,
    pub aliases: Vec<String>,
    pub registration_no: String,
    pub scope: RightsScope,
    /// The genuine product's usual price and its currency, when the holder gave it: a
    /// listing far below it with IP evidence scores higher.
    pub usual_price: Option<(f64, String)>,
    /// Two-letter abbreviations (`LV`, `CK`): matched only as written, in capitals, as a
    /// word of their own.
    pub short_aliases: Vec<String>,
}

/// What kind of work a registered copyright protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    Book,
    Software,
    Film,
    Series,
    Music,
    Game,
    Course,
    Painting,
}

impl WorkKind {
    pub const ALL: [WorkKind; 8] = [
        WorkKind::Book,
        WorkKind::Software,
        WorkKind::Film,
        WorkKind::Series,
        WorkKind::Music,
        WorkKind::Game,
        WorkKind::Course,
        WorkKind::Painting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkKind::Book => "book",
            WorkKind::Software => "software",
            WorkKind::Film => "film",
            WorkKind::Series => "series",
            WorkKind::Music => "music",
            WorkKind::Game => "game",
            WorkKind::Course => "course",
            WorkKind::Painting => "painting",
        }
    }

    pub fn parse(code: &str) -> Option<WorkKind> {
        WorkKind::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// A registered work (a book, a program, a film…) whose unauthorised copies are offered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Work {
    pub work_id: String,
    pub rights_holder: String,
    pub title: String,
    /// Translations, short names and edition names.
    pub aliases: Vec<String>,
    pub kind: WorkKind,
    pub registration_no: String,
    /// Jurisdictions and authorised sellers (a work has no categories).
    pub scope: RightsScope,
    /// The names (title or aliases) that are ordinary words or phrases ("Frozen",
    /// "Office"): a listing names the work with one of them only with support (its other
    /// names, its kind's vocabulary, a copy cue beside it).
    pub ordinary_names: Vec<String>,
}

/// What a reference image protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageKind {
    /// The rights holder's own product photography.
    Copyright,
    /// An image from a registered design.
    DesignPatent,
}

impl ImageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Copyright => "copyright",
            ImageKind::DesignPatent => "design_patent",
        }
    }
}

/// A reference image uploaded by a rights holder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefImage {
    pub image_id: String,
    pub rights_holder: String,
    /// The file, resolved against the folder of `images.csv`.
    pub path: std::path::PathBuf,
    pub kind: ImageKind,
    pub registration_no: Option<String>,
    pub scope: RightsScope,
    /// Perceptual hashes of the image and of its centre crops.
    pub hashes: Vec<super::Hash256>,
    /// The thumbnail copies are aligned with, when the image is large enough.
    pub thumb: Option<super::Thumb>,
    /// A hash bank's PDQ hash (its bits as `Pdq::to_hash256` lays them out)
    /// and quality, for a reference given by its hash alone: `path` is then `pdq:` and the
    /// hash in hex, and `hashes` is empty.
    #[serde(default)]
    pub pdq: Option<(super::Hash256, u8)>,
}
