//! English words (SCOWL size 50 and below, see `words/LICENSE-SCOWL.txt`): a mark
//! that is one of them is only protectable within categories.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// The words' 64-bit hashes: one probe and no string comparison per look-up (a false
/// "common" has odds of about 1 in 10^14 per word).
static COMMON_EN: LazyLock<FxHashSet<u64>> = LazyLock::new(|| {
    include_str!("words/en-common.txt")
        .lines()
        .map(|w| hash(w.as_bytes()))
        .collect()
});

fn hash(word: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word)
}

/// Whether `word` (any case) is a common English word.
///
/// # Example
/// ```
/// use ippscan::text::is_common_word;
/// assert!(is_common_word("Apple"));
/// assert!(!is_common_word("Gucci"));
/// ```
pub fn is_common_word(word: &str) -> bool {
    let w = word.trim();
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return COMMON_EN.contains(&hash(lower));
    }
    COMMON_EN.contains(&hash(w.to_lowercase().as_bytes()))
}
