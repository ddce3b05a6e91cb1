//! Text detection: marks and their forms in listing titles and descriptions.

mod exact;
mod normalize;
mod words;

pub use exact::{ExactMarkDetector, MarkMatcher, TextHit};
pub use normalize::{Normalized, is_cjk, is_word_char, normalize_key};
pub use words::is_common_word;
