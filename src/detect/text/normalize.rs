//! Unicode normalisation for matching: NFKC then lower case, keeping a map from every byte
//! of the normalised text back to the span of the original text it came from, so that
//! evidence can quote the listing as written.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use crate::detect::text::fold::is_invisible;

/// Normalises a mark or alias for matching: NFKC, lower case, runs of white space folded
/// to one space, trimmed.
///
/// # Example
/// ```
/// use ippscan::detect::text::normalize_key;
/// assert_eq!(normalize_key("  ＬＯＵＩＳ   Vuitton "), "louis vuitton");
/// assert_eq!(normalize_key("耐克"), "耐克");
/// ```
pub fn normalize_key(s: &str) -> String {
    let folded: String = s.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalised text with a map back to the original; invisible characters are dropped.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: the original span (start, end) it was produced from.
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    /// Normalises `original` (NFKC, lower case; white space kept as is).
    ///
    /// The text is cut into segments, each a starter with the combining marks that follow
    /// it, and each segment is normalised on its own: composition never crosses segments,
    /// which keeps the map exact.
    ///
    /// # Example
    /// ```
    /// use ippscan::detect::text::Normalized;
    /// let n = Normalized::new("ＮＩＫＥ shoes");
    /// assert_eq!(n.as_str(), "nike shoes");
    /// assert_eq!(n.original_span(0, 4), (0, 12));
    /// ```
    pub fn new(original: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len() + 8),
            origin: Vec::with_capacity(original.len() + 8),
        };
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII characters is its own run of segments, but for its last
            // character when a (non-ASCII) combining mark may follow.
            let run = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
            let run = if i + run < bytes.len() {
                run.saturating_sub(1)
            } else {
                run
            };
            if run > 0 {
                let from = out.text.len();
                out.text.push_str(&original[i..i + run]);
                out.text[from..].make_ascii_lowercase();
                out.origin
                    .extend((i as u32..(i + run) as u32).map(|b| (b, b + 1)));
                i += run;
                continue;
            }
            let end = segment_end(original, i);
            out.push_segment(original, i, end);
            i = end;
        }
        out
    }

    fn push_segment(&mut self, original: &str, start: usize, end: usize) {
        let before = self.text.len();
        let segment = &original[start..end];
        let mut chars = segment.chars();
        let single = chars.next().filter(|_| chars.next().is_none());
        match single {
            // Invisible characters are dropped: `Gu\u{200B}cci` is `gucci` to every matcher.
            Some(c) if is_invisible(c) => {}
            // Most characters (CJK ideographs among them) are already normal and caseless.
            Some(c) if is_stable(c) => self.text.push(c),
            _ => self.text.extend(
                segment
                    .chars()
                    .filter(|&c| !is_invisible(c))
                    .nfkc()
                    .flat_map(char::to_lowercase),
            ),
        }
        let span = (start as u32, end as u32);
        self.origin
            .extend(std::iter::repeat_n(span, self.text.len() - before));
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The normalised bytes produced by original bytes `start..end` (segment-aligned).
    pub fn normalized_span(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |o: usize| self.origin.partition_point(|&(s, _)| (s as usize) < o);
        (at(start), at(end))
    }

    /// The span of the original text that produced normalised bytes `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.origin.len());
        (
            self.origin[start].0 as usize,
            self.origin[end - 1].1 as usize,
        )
    }
}

/// The end of the segment that starts at `start`: its first character and the combining
/// marks after it.
fn segment_end(text: &str, start: usize) -> usize {
    let mut chars = text[start..].char_indices();
    chars.next();
    // Most text goes on with ASCII or a CJK character, neither of them combining.
    if let Some((k, c)) = chars.clone().next()
        && (c.is_ascii() || is_cjk(c))
    {
        return start + k;
    }
    chars
        .find(|&(_, c)| canonical_combining_class(c) == 0)
        .map_or(text.len(), |(k, _)| start + k)
}

/// Whether `c` on its own is unchanged by NFKC and lower-casing.
fn is_stable(c: char) -> bool {
    // Unified ideographs, kana and Hangul syllables: the bulk of CJK text, known stable.
    if matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
    {
        return true;
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(c)
        && lower.next().is_none()
        && unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
}

/// A field's text prepared for matching: ASCII text as it is (matchers ignore ASCII
/// case), anything else normalised with its map back.
#[derive(Clone, Debug)]
pub enum Haystack<'a> {
    Ascii(&'a str),
    Normalized(Normalized),
}

impl<'a> Haystack<'a> {
    pub fn new(text: &'a str) -> Haystack<'a> {
        if text.is_ascii() {
            Haystack::Ascii(text)
        } else {
            Haystack::Normalized(Normalized::new(text))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Haystack::Ascii(s) => s,
            Haystack::Normalized(n) => n.as_str(),
        }
    }

    /// The span of [`Haystack::as_str`] behind `start..end` of the original text.
    pub fn haystack_span(&self, start: usize, end: usize) -> (usize, usize) {
        match self {
            Haystack::Ascii(_) => (start, end),
            Haystack::Normalized(n) => n.normalized_span(start, end),
        }
    }

    /// The span of the original text behind `start..end` of [`Haystack::as_str`].
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        match self {
            Haystack::Ascii(_) => (start, end),
            Haystack::Normalized(n) => n.original_span(start, end),
        }
    }
}

/// Whether `c` belongs to a script written without spaces between words (Han, kana,
/// Hangul): marks in those scripts are matched as substrings.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3100..=0x312F    // bopomofo
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F  // extensions B–G
    )
}

/// Whether `c` glues onto a neighbouring Latin-script (or other spaced-script) word, so
/// that a mark next to it is part of a longer word: letters of spaced scripts do, CJK,
/// digits, punctuation and spaces do not.
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() && !is_cjk(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_back_through_width_and_case() {
        let cases: &[(&str, &str, (usize, usize), &str)] = &[
            ("Nike Air", "nike", (0, 4), "Nike"),
            ("new ＮＩＫＥ", "nike", (4, 16), "ＮＩＫＥ"),
            ("Cafe\u{301} Nike", "nike", (7, 11), "Nike"),
            ("正品耐克运动鞋", "耐克", (6, 12), "耐克"),
            ("ﬁla shoes", "fila", (0, 5), "ﬁla"),
        ];
        for &(orig, needle, want, written) in cases {
            let n = Normalized::new(orig);
            let at = n.as_str().find(needle).unwrap_or_else(|| panic!("{orig}"));
            let span = n.original_span(at, at + needle.len());
            assert_eq!(span, want, "{orig}");
            assert_eq!(&orig[span.0..span.1], written);
        }
    }

    #[test]
    fn stable_fast_path_agrees_with_nfkc() {
        for c in ('\u{3000}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}') {
            if is_stable(c) {
                let n: String = std::iter::once(c)
                    .nfkc()
                    .flat_map(char::to_lowercase)
                    .collect();
                assert_eq!(n, c.to_string(), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn combining_marks_compose() {
        assert_eq!(Normalized::new("Herme\u{300}s").as_str(), "hermès");
        assert_eq!(normalize_key("HERMÈS"), "hermès");
    }
}
