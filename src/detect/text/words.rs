//! English words from SCOWL (see `words/LICENSE-SCOWL.txt`). A mark that is a common
//! word (size 50 and below) is only protectable within categories; a disguise that spells
//! any English word (size 70 and below) is read as that word unless the listing says
//! otherwise.

use std::sync::LazyLock;

/// The word lists as one open-addressed table of hash fingerprints, each slot carrying
/// which lists hold its word: a look-up touches one cache line of one table, and the
/// scanner asks about most words of every listing. A false "is a word" needs a 47-bit
/// collision.
struct WordSet {
    slots: Box<[u32]>,
    mask: usize,
}

impl WordSet {
    /// The bits of a slot that say which lists hold its word.
    const LISTS: u32 = 0b111;
    const COMMON: u32 = 1;
    const RARE: u32 = 2;
    const NAME: u32 = 4;

    /// A table of `lists`: each a list of words, one per line, with its bit.
    fn new(lists: &[(&str, u32)]) -> WordSet {
        let len = lists
            .iter()
            .map(|(words, _)| words.bytes().filter(|&b| b == b'\n').count() + 1)
            .sum::<usize>();
        let size = (len * 2).next_power_of_two();
        let mut set = WordSet {
            slots: vec![0; size].into_boxed_slice(),
            mask: size - 1,
        };
        for &(words, bit) in lists {
            for w in words.lines() {
                let h = hash(w.as_bytes());
                let i = set.find(h);
                set.slots[i] |= fingerprint(h) | bit;
            }
        }
        set
    }

    /// The slot of the word hashed to `h`, or the empty slot where it would go.
    fn find(&self, h: u64) -> usize {
        let mut i = (h as usize) & self.mask;
        let fp = fingerprint(h);
        while self.slots[i] != 0 && self.slots[i] & !WordSet::LISTS != fp {
            i = (i + 1) & self.mask;
        }
        i
    }

    /// Which lists hold the word hashed to `h` (no bit: none).
    fn lists(&self, h: u64) -> u32 {
        self.slots[self.find(h)] & WordSet::LISTS
    }
}

/// The fingerprint a slot keeps of hash `h`: never zero, which marks an empty slot.
fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32 | 8) & !WordSet::LISTS
}

static WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        (include_str!("words/en-common.txt"), WordSet::COMMON),
        (include_str!("words/en-rare.txt"), WordSet::RARE),
        (include_str!("words/en-names.txt"), WordSet::NAME),
    ])
});

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
    with_hash(word, |h| WORDS.lists(h) & WordSet::COMMON != 0)
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
    with_hash(word, |h| {
        WORDS.lists(h) & (WordSet::COMMON | WordSet::RARE) != 0
    })
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
    with_hash(word, |h| WORDS.lists(h) & WordSet::NAME != 0)
}

/// Whether `word` (any case) is an English word, else whether it is a proper name: what
/// [`is_english_word`] and [`is_proper_name`] say, for one hash of the word.
pub(crate) fn english_or_name(word: &str) -> (bool, bool) {
    with_hash(word, |h| {
        let lists = WORDS.lists(h);
        let english = lists & (WordSet::COMMON | WordSet::RARE) != 0;
        (english, !english && lists & WordSet::NAME != 0)
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
        for w in include_str!("words/en-rare.txt").lines() {
            assert!(super::is_english_word(w), "{w}");
        }
        for w in include_str!("words/en-names.txt").lines() {
            assert!(super::is_proper_name(w), "{w}");
        }
        assert!(!super::is_common_word("charnel") && super::english_or_name("charnel").0);
        assert_eq!(super::english_or_name("Nixon"), (false, true));
        for w in [
            "nike", "gucci", "adidas", "hermes", "xiaomi", "huawei", "qwzx", "",
        ] {
            assert!(!super::is_common_word(w), "{w}");
        }
    }
}
