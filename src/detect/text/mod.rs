//! Text detection: marks and their forms in listing titles and descriptions.

mod cjk_words;
mod confusion;
mod context;
mod detector;
mod exact;
mod fold;
mod fuzzy;
mod homophone;
mod leet;
mod normalize;
mod tokens;
mod words;
mod works;

pub use cjk_words::{any_cjk, inside_ordinary_word, load_segmenter, without_waiting_for_segmenter};
pub use confusion::misspelling_cost;
pub use context::{Cue, CueFinder, CueKind};
pub use detector::{TextDetector, TextRules};
pub use exact::{MarkMatcher, TextHit};
pub use fold::{Disguise, fold_into, mark_key, merged_pairs};
pub use fuzzy::{FuzzyIndex, Near, allowed_edits};
pub use homophone::{HomophoneIndex, SoundHit};
pub use leet::LeetView;
pub use normalize::{Haystack, Normalized, is_cjk, is_word_char, normalize_key};
pub use words::{is_common_word, is_english_word, is_proper_name};
