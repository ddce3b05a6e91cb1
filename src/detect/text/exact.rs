//! Registered marks and aliases, as registered (after normalisation), found with one
//! Aho-Corasick automaton over every key.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::detect::text::normalize::{Haystack, is_cjk, is_word_char, normalize_key};
use crate::model::Mark;

/// Above this many pattern bytes the automaton is a contiguous NFA instead of a DFA, whose
/// size grows with (states × alphabet).
const DFA_MAX_PATTERN_BYTES: usize = 64 * 1024;

/// One registered form of a mark, as a matching target.
#[derive(Clone, Debug)]
struct Target {
    mark: usize,
    alias: bool,
}

/// What may stand next to one end of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    /// Anything: the key ends in a CJK character or a symbol.
    Free,
    /// No letter of a spaced script: the key ends in such a letter.
    Letter,
    /// No such letter and no digit: the key ends in a digit.
    Digit,
}

impl Edge {
    fn of(c: char) -> Edge {
        if c.is_numeric() {
            Edge::Digit
        } else if c.is_alphanumeric() && !is_cjk(c) {
            Edge::Letter
        } else {
            Edge::Free
        }
    }

    /// Whether `neighbour` glues onto this end, making the match part of a longer word.
    fn glues(self, neighbour: char) -> bool {
        match self {
            Edge::Free => false,
            Edge::Letter => is_word_char(neighbour),
            Edge::Digit => is_word_char(neighbour) || neighbour.is_numeric(),
        }
    }
}

/// A normalised key with the marks it stands for (two holders may own the same word in
/// different territories) and what may stand next to its ends.
#[derive(Clone, Debug)]
struct Key {
    targets: Vec<Target>,
    left: Edge,
    right: Edge,
}

/// A mark or alias found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextHit {
    pub mark: usize,
    /// Index of the matched key, for [`MarkMatcher::registered_form`].
    pub key: usize,
    pub alias: bool,
    /// Byte span in the original text.
    pub span: (usize, usize),
    /// Byte span in the haystack it was found in.
    pub hay_span: (usize, usize),
}

/// Finds every registered mark and alias in a text.
///
/// # Example
/// ```
/// use ippscan::detect::text::MarkMatcher;
/// let m = MarkMatcher::new(&["Nike", "耐克"]);
/// let hits = m.find("New NIKE Air / 耐克 跑鞋; not Nikeland");
/// let spans: Vec<_> = hits.iter().map(|h| h.span).collect();
/// assert_eq!(spans, vec![(4, 8), (15, 21)]);
/// ```
#[derive(Clone, Debug)]
pub struct MarkMatcher {
    automaton: AhoCorasick,
    keys: Vec<Key>,
    /// The registered form of each (mark, alias) key, for evidence.
    forms: Vec<String>,
}

impl MarkMatcher {
    /// A matcher over plain strings, each its own mark (no aliases).
    pub fn new(marks: &[&str]) -> MarkMatcher {
        let forms: Vec<(usize, bool, &str)> = marks
            .iter()
            .enumerate()
            .map(|(i, m)| (i, false, *m))
            .collect();
        MarkMatcher::from_forms(&forms)
    }

    /// A matcher over the marks and aliases of `marks`; hits name indexes into `marks`.
    pub fn from_marks(marks: &[Mark]) -> MarkMatcher {
        let forms: Vec<(usize, bool, &str)> = marks
            .iter()
            .enumerate()
            .flat_map(|(i, m)| {
                std::iter::once((i, false, m.mark.as_str()))
                    .chain(m.aliases.iter().map(move |a| (i, true, a.as_str())))
            })
            .collect();
        MarkMatcher::from_forms(&forms)
    }

    fn from_forms(forms: &[(usize, bool, &str)]) -> MarkMatcher {
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        let mut registered = Vec::new();
        for &(mark, alias, form) in forms {
            let key = normalize_key(form);
            let (Some(first), Some(last)) = (key.chars().next(), key.chars().next_back()) else {
                continue;
            };
            let idx = *by_key.entry(key.clone()).or_insert_with(|| {
                patterns.push(key.clone());
                registered.push(form.trim().to_string());
                keys.push(Key {
                    targets: Vec::new(),
                    left: Edge::of(first),
                    right: Edge::of(last),
                });
                keys.len() - 1
            });
            let targets = &mut keys[idx].targets;
            if !targets.iter().any(|t| t.mark == mark) {
                targets.push(Target { mark, alias });
            }
        }
        let pattern_bytes: usize = patterns.iter().map(String::len).sum();
        let kind = if pattern_bytes <= DFA_MAX_PATTERN_BYTES {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(kind))
            .build(&patterns)
            .expect("normalised mark keys always build an automaton");
        MarkMatcher {
            automaton,
            keys,
            forms: registered,
        }
    }

    /// Every mark and alias in `text`, in order of position; a hit inside a longer hit of
    /// the same mark is dropped.
    pub fn find(&self, text: &str) -> Vec<TextHit> {
        self.find_in(&Haystack::new(text))
    }

    /// As [`MarkMatcher::find`], on a prepared haystack; spans are in the original text
    /// and `hay_span` in the haystack.
    pub fn find_in(&self, hay: &Haystack<'_>) -> Vec<TextHit> {
        let mut hits = Vec::new();
        let text = hay.as_str();
        if !self.automaton.is_match(text) {
            return hits;
        }
        for m in self.automaton.find_overlapping_iter(text) {
            let key = &self.keys[m.pattern().as_usize()];
            if !on_boundaries(text, m.start(), m.end(), key) {
                continue;
            }
            let span = hay.original_span(m.start(), m.end());
            hits.extend(key.targets.iter().map(|t| TextHit {
                mark: t.mark,
                alias: t.alias,
                key: m.pattern().as_usize(),
                span,
                hay_span: (m.start(), m.end()),
            }));
        }
        hits.sort_by_key(|h| (h.span.0, std::cmp::Reverse(h.span.1), h.mark));
        let mut kept: Vec<TextHit> = Vec::with_capacity(hits.len());
        for h in hits {
            let inside = kept
                .iter()
                .any(|k| k.mark == h.mark && k.span.0 <= h.span.0 && h.span.1 <= k.span.1);
            if !inside {
                kept.push(h);
            }
        }
        kept
    }

    /// Number of distinct normalised keys in the automaton.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The mark or alias as registered (first registration of that key).
    pub fn registered_form(&self, key: usize) -> &str {
        &self.forms[key]
    }
}

fn on_boundaries(haystack: &str, start: usize, end: usize, key: &Key) -> bool {
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    !before.is_some_and(|c| key.left.glues(c)) && !after.is_some_and(|c| key.right.glues(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (marks, text, expected written matches in order)
    const CASES: &[(&[&str], &str, &[&str])] = &[
        (&["Nike"], "Nike Air Max 90", &["Nike"]),
        (&["Nike"], "Nikeland theme park ticket", &[]),
        (&["Nike"], "men's shoes (nike) size 42", &["nike"]),
        (&["Nike"], "SNIKE gloves", &[]),
        (&["Nike"], "正品Nike运动鞋", &["Nike"]),
        (&["Nike"], "Nike2024 new season", &["Nike"]),
        (&["Nike"], "ＮＩＫＥ hoodie", &["ＮＩＫＥ"]),
        (
            &["Louis Vuitton"],
            "louis vuitton neverfull",
            &["louis vuitton"],
        ),
        (&["耐克"], "耐克运动鞋男款", &["耐克"]),
        (&["耐克", "Nike"], "耐克Nike", &["耐克", "Nike"]),
        (&["3M"], "3M masks, 13M cable", &["3M"]),
        (&["H&M"], "h&m tee", &["h&m"]),
        (&["Hermès"], "HERMÈS scarf", &["HERMÈS"]),
        (&["Chanel"], "channel islands", &[]),
        (&["Nike", "Nike Air"], "nike air max", &["nike air", "nike"]),
    ];

    #[test]
    fn finds_marks_table() {
        for &(marks, text, want) in CASES {
            let m = MarkMatcher::new(marks);
            let got: Vec<&str> = m
                .find(text)
                .iter()
                .map(|h| &text[h.span.0..h.span.1])
                .collect();
            assert_eq!(got, want, "marks {marks:?} in {text:?}");
        }
    }

    #[test]
    fn same_word_two_holders_kept_apart() {
        let m = MarkMatcher::new(&["Crown", "crown"]);
        let marks: Vec<usize> = m.find("crown jewels").iter().map(|h| h.mark).collect();
        assert_eq!(marks, vec![0, 1]);
        assert_eq!(m.key_count(), 1);
        assert_eq!(m.registered_form(0), "Crown");
    }
}
