//! Misspellings: a symmetric-delete index (as in `SymSpell`) over the marks' loose keys, so
//! that finding every key within a small edit distance of a word costs a few hash look-ups
//! instead of a comparison with every mark.

use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use crate::detect::text::confusion::{budget, misspelling_cost};

/// How many edits a key of `len` letters tolerates (see [`budget`]).
pub fn allowed_edits(len: usize) -> usize {
    usize::from(budget(len).1)
}

/// The index.
#[derive(Clone, Debug, Default)]
pub struct FuzzyIndex {
    /// Keys by each of their variants with up to one letter deleted (two past eight
    /// letters): what every search reads.
    deletes: FxHashMap<Box<[u8]>, Vec<u32>>,
    /// Keys of six to eight letters by their variants with two letters deleted: read by
    /// thorough searches only, so that a long description's words do not wade through them.
    two_deletes: FxHashMap<Box<[u8]>, Vec<u32>>,
    keys: Vec<Box<[u8]>>,
    /// Per key: which letters it holds ([`letter_mask`]).
    masks: Vec<u32>,
    min_len: usize,
    max_len: usize,
    /// Tells indexes apart, so that a [`SearchMemo`] never answers for another one.
    id: u64,
}

/// Searches already made on one thread, by word. Listings repeat their words, and a
/// search costs dozens of hash look-ups, so each word is searched once. It holds at most
/// [`SearchMemo::CAPACITY`] words per kind of search and starts afresh past that, or when
/// it is asked about another index.
#[derive(Debug, Default)]
pub struct SearchMemo {
    index: u64,
    /// Quick searches, then thorough ones.
    found: [FxHashMap<Box<str>, Box<[Near]>>; 2],
}

impl SearchMemo {
    pub const CAPACITY: usize = 1 << 16;
}

/// A key near a word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Near {
    pub key: u32,
    pub edits: u8,
    /// The confusion-weighted cost, at most the key's budget.
    pub cost: f32,
}

impl FuzzyIndex {
    /// Indexes `keys` (ASCII loose keys; others are skipped); results name their position.
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> FuzzyIndex {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let mut index = FuzzyIndex {
            min_len: usize::MAX,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            ..FuzzyIndex::default()
        };
        for (id, key) in keys.into_iter().enumerate() {
            let bytes: Box<[u8]> = key.as_bytes().into();
            if key.is_ascii() && key.len() >= 4 {
                index.min_len = index.min_len.min(key.len());
                index.max_len = index.max_len.max(key.len());
                each_delete(&bytes, allowed_edits(key.len()), &mut |v| {
                    let map = if key.len() <= 8 && v.len() + 2 == key.len() {
                        &mut index.two_deletes
                    } else {
                        &mut index.deletes
                    };
                    // A key's variants come one after another, repeats among them.
                    match map.get_mut(v) {
                        Some(ids) if ids.last() == Some(&(id as u32)) => {}
                        Some(ids) => ids.push(id as u32),
                        None => {
                            map.insert(v.into(), vec![id as u32]);
                        }
                    }
                });
            }
            index.masks.push(letter_mask(&bytes));
            index.keys.push(bytes);
        }
        index
    }

    /// Keys within their confusion budget of `word` (a loose key); appended to `out`, each
    /// once. The first letter may differ, at a price.
    pub fn search(&self, word: &str, out: &mut Vec<Near>) {
        self.search_in(word, true, out);
    }

    /// As [`FuzzyIndex::search_in`], answered from `memo` when this thread has searched
    /// for `word` before.
    pub fn search_memo(
        &self,
        word: &str,
        thorough: bool,
        memo: &mut SearchMemo,
        out: &mut Vec<Near>,
    ) {
        if memo.index != self.id {
            memo.found.iter_mut().for_each(FxHashMap::clear);
            memo.index = self.id;
        }
        let found = &mut memo.found[usize::from(thorough)];
        if let Some(near) = found.get(word) {
            out.extend_from_slice(near);
            return;
        }
        let start = out.len();
        self.search_in(word, thorough, out);
        if found.len() >= SearchMemo::CAPACITY {
            found.clear();
        }
        found.insert(word.into(), out[start..].into());
    }

    /// As [`FuzzyIndex::search`]; unless `thorough`, two edits are looked for only on keys
    /// of nine letters or more (one deletion suffices for every single edit), which keeps
    /// long texts cheap.
    pub fn search_in(&self, word: &str, thorough: bool, out: &mut Vec<Near>) {
        let w = word.as_bytes();
        if !word.is_ascii()
            || w.len() + 2 < self.min_len
            || w.len() > self.max_len + 2
            || w.len() > MAX_WORD
        {
            return;
        }
        let word_mask = letter_mask(w);
        // Keys already weighed for this word: a key is reached through many of its deletes.
        let mut weighed = [u32::MAX; 64];
        let mut n_weighed = 0;
        let mut check = |variant: &[u8], out: &mut Vec<Near>| {
            // Keys of six to eight letters less two: variants of four to six letters.
            let extra = if thorough && (4..=6).contains(&variant.len()) {
                self.two_deletes.get(variant)
            } else {
                None
            };
            for &id in self.deletes.get(variant).into_iter().chain(extra).flatten() {
                if weighed[..n_weighed].contains(&id) {
                    continue;
                }
                if n_weighed < weighed.len() {
                    weighed[n_weighed] = id;
                    n_weighed += 1;
                }
                let key = &self.keys[id as usize];
                if key.as_ref() == w {
                    continue;
                }
                // Each letter one of them has and the other lacks takes an edit.
                let mask = self.masks[id as usize];
                let (_, max_edits) = budget(key.len());
                if (mask & !word_mask)
                    .count_ones()
                    .max((word_mask & !mask).count_ones())
                    > u32::from(max_edits)
                {
                    continue;
                }
                let key = std::str::from_utf8(key).unwrap_or_default();
                let Some((cost, edits)) = misspelling_cost(key, word) else {
                    continue;
                };
                if !out.iter().any(|n| n.key == id) {
                    out.push(Near {
                        key: id,
                        edits,
                        cost,
                    });
                }
            }
        };
        // The word itself and every form of it with one or two letters deleted, built in
        // a buffer on the stack: no allocation per look-up.
        let mut buf = [0u8; MAX_WORD];
        check(w, out);
        for i in 0..w.len() {
            let n = delete_into(w, &[i], &mut buf);
            check(&buf[..n], out);
            if w.len() >= 7 || (thorough && w.len() >= 6) {
                for j in i + 1..w.len() {
                    let n = delete_into(w, &[i, j], &mut buf);
                    check(&buf[..n], out);
                }
            }
        }
    }

    /// Number of keys indexed.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The letters (and digits, folded together) a key holds, one bit each.
fn letter_mask(key: &[u8]) -> u32 {
    key.iter().fold(0, |m, &b| {
        m | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            _ => 1 << 26,
        }
    })
}

/// Longest word searched, in bytes.
const MAX_WORD: usize = 40;

/// Writes `word` without the bytes at `skip` (ascending) into `buf`; returns its length.
fn delete_into(word: &[u8], skip: &[usize], buf: &mut [u8; MAX_WORD]) -> usize {
    let mut n = 0;
    for (i, &b) in word.iter().enumerate() {
        if !skip.contains(&i) {
            buf[n] = b;
            n += 1;
        }
    }
    n
}

/// Calls `each` with `word` and every variant of it with up to `edits` letters deleted
/// (none shorter than two letters); a variant may come more than once.
fn each_delete(word: &[u8], edits: usize, each: &mut impl FnMut(&[u8])) {
    each(word);
    if edits == 0 || word.len() <= 2 {
        return;
    }
    let mut shorter = Vec::with_capacity(word.len() - 1);
    for i in 0..word.len() {
        shorter.clear();
        shorter.extend_from_slice(&word[..i]);
        shorter.extend_from_slice(&word[i + 1..]);
        each_delete(&shorter, edits - 1, each);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_misspellings_within_their_confusion_budget() {
        let marks = ["adidas", "gucci", "rolex", "nike", "louis vuitton", "dior"];
        let keys: Vec<String> = marks
            .iter()
            .map(|m| crate::detect::text::mark_key(m))
            .collect();
        let index = FuzzyIndex::new(keys.iter().map(String::as_str));
        let cases: &[(&str, Option<&str>)] = &[
            ("adidsa", Some("adidas")),
            ("guccci", Some("gucci")),
            ("rolx", Some("rolex")),
            ("nkie", Some("nike")),
            ("luisvuitton", Some("louis vuitton")),
            ("louisvuiton", Some("louis vuitton")),
            // The index knows no dictionary: the detector keeps words like "nuke" safe.
            ("nuke", Some("nike")),
            ("nikes", None),
            ("mike", None),
            ("diro", Some("dior")),
            ("deor", Some("dior")),
            ("dxor", None),
            ("rolexxxx", None),
            ("guci", Some("gucci")),
            ("bucci", None),
            ("kucci", None),
            ("sdidas", Some("adidas")),
            ("louisvuittn", Some("louis vuitton")),
        ];
        let mut folded = String::new();
        for &(word, want) in cases {
            let mut out = Vec::new();
            crate::detect::text::fold_into(word, &mut folded);
            index.search(&folded, &mut out);
            let got: Vec<&str> = out.iter().map(|n| marks[n.key as usize]).collect();
            assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{word}");
        }
    }

    #[test]
    fn a_memo_answers_as_the_search_and_only_for_its_own_index() {
        let adidas = FuzzyIndex::new(["adidas", "gucci"]);
        let rolex = FuzzyIndex::new(["rolex", "gucci"]);
        let mut memo = SearchMemo::default();
        for (index, word, thorough) in [
            (&adidas, "adidsa", true),
            (&adidas, "adidsa", true),
            (&adidas, "guccci", false),
            (&rolex, "guccci", false),
            (&rolex, "rolx", true),
            (&adidas, "rolx", true),
        ] {
            let (mut searched, mut remembered) = (Vec::new(), Vec::new());
            index.search_in(word, thorough, &mut searched);
            index.search_memo(word, thorough, &mut memo, &mut remembered);
            assert_eq!(remembered, searched, "{word}");
        }
        let mut near = Vec::new();
        adidas.search_memo("rolx", true, &mut memo, &mut near);
        assert!(near.is_empty());
    }
}
