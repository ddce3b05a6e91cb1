//! Common English words (SCOWL size 35 and below, see `words/LICENSE-SCOWL.txt`): a mark
//! that is one of them is only protectable within categories.

use std::collections::HashSet;
use std::sync::LazyLock;

static COMMON_EN: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("words/en-common.txt").lines().collect());

/// Whether `word` (any case) is a common English word.
///
/// # Example
/// ```
/// use ippscan::text::is_common_word;
/// assert!(is_common_word("Apple"));
/// assert!(!is_common_word("Gucci"));
/// ```
pub fn is_common_word(word: &str) -> bool {
    let w = word.trim().to_lowercase();
    COMMON_EN.contains(w.as_str())
}
