//! English words from SCOWL (see `words/LICENSE-SCOWL.txt`). A mark that is a common
//! word (size 50 and below) is only protectable within categories; a disguise that spells
//! any English word (size 70 and below) is read as that word unless the listing says
//! otherwise.

use std::sync::LazyLock;

/// The word list as an open-addressed table of hash fingerprints: most look-ups touch one
/// cache line, and the scanner asks about most words of every listing. A false "is a
/// word" needs a 49-bit collision.
struct WordSet {
    slots: Box<[u32]>,
    mask: usize,
}

impl WordSet {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordSet {
        let words: Vec<&str> = words.collect();
        let size = (words.len() * 2).next_power_of_two();
        let mut set = WordSet {
            slots: vec![0; size].into_boxed_slice(),
            mask: size - 1,
        };
        for w in words {
            let (mut i, fingerprint) = set.locate(hash(w.as_bytes()));
            while set.slots[i] != 0 && set.slots[i] != fingerprint {
                i = (i + 1) & set.mask;
            }
            set.slots[i] = fingerprint;
        }
        set
    }

    fn locate(&self, h: u64) -> (usize, u32) {
        ((h as usize) & self.mask, (h >> 32) as u32 | 1)
    }

    /// Whether the word hashed to `h` is in the set.
    fn contains(&self, h: u64) -> bool {
        let (mut i, fingerprint) = self.locate(h);
        loop {
            match self.slots[i] {
                0 => return false,
                s if s == fingerprint => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

static WORDS_EN: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("words/en-common.txt").lines()));

static RARE_EN: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("words/en-rare.txt").lines()));

static NAMES_EN: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("words/en-names.txt").lines()));

fn hash(word: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word)
}

/// Whether `word` (any case) is an English word.
///
/// # Example
/// ```
/// use ippscan::detect::text::is_common_word;
/// assert!(is_common_word("Apple"));
/// assert!(!is_common_word("Gucci"));
/// ```
pub fn is_common_word(word: &str) -> bool {
    with_hash(word, |h| WORDS_EN.contains(h))
}

/// Whether `word` (any case) is an English word, common (as [`is_common_word`]) or rare
/// (SCOWL sizes 55–70: "applet", "charnel"): a disguise that spells one is read as it.
///
/// # Example
/// ```
/// use ippscan::detect::text::{is_common_word, is_english_word};
/// assert!(is_english_word("charnel") && !is_common_word("charnel"));
/// assert!(!is_english_word("chanel"));
/// ```
pub fn is_english_word(word: &str) -> bool {
    with_hash(word, |h| WORDS_EN.contains(h) || RARE_EN.contains(h))
}

/// Whether `word` (any case) is an English proper name: a person, a place, a river, a
/// company (`Nile`, `Nixon`, `Celina`). A misspelling of a mark that is a name is that name.
///
/// # Example
/// ```
/// use ippscan::detect::text::is_proper_name;
/// assert!(is_proper_name("Nixon") && is_proper_name("nile"));
/// assert!(!is_proper_name("nixxon"));
/// ```
pub fn is_proper_name(word: &str) -> bool {
    with_hash(word, |h| NAMES_EN.contains(h))
}

/// Whether `word` (any case) is an English word, else whether it is a proper name: what
/// [`is_english_word`] and [`is_proper_name`] say, for one hash of the word.
pub(crate) fn english_or_name(word: &str) -> (bool, bool) {
    with_hash(word, |h| {
        let english = WORDS_EN.contains(h) || RARE_EN.contains(h);
        (english, !english && NAMES_EN.contains(h))
    })
}

/// `answer` given the hash of `word` in lower case, without its surrounding spaces.
fn with_hash<T>(word: &str, answer: impl FnOnce(u64) -> T) -> T {
    let w = word.trim();
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return answer(hash(lower));
    }
    answer(hash(w.to_lowercase().as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_listed_word_is_found_and_brands_are_not() {
        for w in include_str!("words/en-common.txt").lines() {
            assert!(super::is_common_word(w), "{w}");
        }
        for w in [
            "nike", "gucci", "adidas", "hermes", "xiaomi", "huawei", "qwzx", "",
        ] {
            assert!(!super::is_common_word(w), "{w}");
        }
    }
}
