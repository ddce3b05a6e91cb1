//! Unicode normalisation for matching: NFKC then lower case, keeping a map from every byte
//! of the normalised text back to the span of the original text it came from, so that
//! evidence can quote the listing as written.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Normalises a mark or alias for matching: NFKC, lower case, runs of white space folded
/// to one space, trimmed.
///
/// # Example
/// ```
/// use ippscan::text::normalize_key;
/// assert_eq!(normalize_key("  ＬＯＵＩＳ   Vuitton "), "louis vuitton");
/// assert_eq!(normalize_key("耐克"), "耐克");
/// ```
pub fn normalize_key(s: &str) -> String {
    let folded: String = s.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalised text with a map back to the original.
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
    /// use ippscan::text::Normalized;
    /// let n = Normalized::new("ＮＩＫＥ shoes");
    /// assert_eq!(n.as_str(), "nike shoes");
    /// assert_eq!(n.original_span(0, 4), (0, 12));
    /// ```
    pub fn new(original: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len() + 8),
            origin: Vec::with_capacity(original.len() + 8),
        };
        let mut seg_start = 0;
        for (i, c) in original.char_indices() {
            if i > seg_start && canonical_combining_class(c) == 0 {
                out.push_segment(original, seg_start, i);
                seg_start = i;
            }
        }
        if seg_start < original.len() {
            out.push_segment(original, seg_start, original.len());
        }
        out
    }

    fn push_segment(&mut self, original: &str, start: usize, end: usize) {
        let before = self.text.len();
        let segment = &original[start..end];
        if segment.is_ascii() {
            self.text.push_str(&segment.to_ascii_lowercase());
        } else {
            self.text
                .extend(segment.nfkc().flat_map(char::to_lowercase));
        }
        let span = (start as u32, end as u32);
        self.origin
            .extend(std::iter::repeat_n(span, self.text.len() - before));
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
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
    fn combining_marks_compose() {
        assert_eq!(Normalized::new("Herme\u{300}s").as_str(), "hermès");
        assert_eq!(normalize_key("HERMÈS"), "hermès");
    }
}
