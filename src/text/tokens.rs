//! Words of a text, and the runs of words that may spell one mark: letters spaced out
//! (`G U C C I`, `N-I-K-E`) and multi-word marks written apart or oddly (`Louis  Vuitton`).

use crate::text::fold::{is_invisible, is_leet_symbol};
use crate::text::is_cjk;
use unicode_normalization::char::is_combining_mark;

/// A word: a run of letters, digits, leet symbols and invisible characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

fn in_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || is_leet_symbol(c);
    }
    !is_cjk(c)
        && (is_leet_symbol(c) || c.is_alphanumeric() || is_invisible(c) || is_combining_mark(c))
}

/// Separators that may stand between the letters or words of one mark.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '_' | '·' | '•' | '*' | '/' | '+')
}

/// The words of `text`, in order. Leet symbols at the end of a word (`Nike!`) are
/// punctuation, not letters.
pub fn words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    if text.is_ascii() {
        ascii_words(text, out);
        return;
    }
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(text, s, i, out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), out);
    }
}

/// Which ASCII bytes belong to words.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'@' | b'$' | b'!' | b'|');
        b += 1;
    }
    t
};

fn ascii_words(text: &str, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && !ASCII_WORD[usize::from(bytes[i])] {
            i += 1;
        }
        let start = i;
        let mut alnum = false;
        while i < bytes.len() && ASCII_WORD[usize::from(bytes[i])] {
            alnum |= bytes[i].is_ascii_alphanumeric();
            i += 1;
        }
        let end = start + trim_punctuation(&text[start..i]).len();
        if alnum && end > start {
            out.push(Word { start, end });
        }
    }
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let end = start + trim_punctuation(&text[start..end]).len();
    let trimmed = &text[start..end];
    if end > start && trimmed.chars().any(char::is_alphanumeric) {
        out.push(Word { start, end });
    }
}

/// A word without the `!` and `|` that end it as punctuation (`Nike!`); they stay when
/// the word would be too short to be a mark without them (`DJ!` for DJI).
fn trim_punctuation(word: &str) -> &str {
    let trimmed = word.trim_end_matches(['!', '|']);
    if trimmed.len() >= 3 { trimmed } else { word }
}

/// Whether only separators (at most `max` characters of them) stand between two words.
pub fn joined_by_separators(text: &str, left: Word, right: Word, max: usize) -> bool {
    let gap = &text[left.end..right.start];
    !gap.is_empty() && gap.chars().count() <= max && gap.chars().all(is_separator)
}

/// Runs of at least three one-letter words, each separated by one separator
/// character: `G U C C I`, `g.u.c.c.i`. Returns (first word, last word) index pairs.
pub fn spaced_letters(text: &str, words: &[Word]) -> Vec<(usize, usize)> {
    let single = |w: &Word| {
        w.end - w.start == 1 || (w.end - w.start <= 4 && text[w.start..w.end].chars().count() == 1)
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !single(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && single(&words[j + 1])
            && joined_by_separators(text, words[j], words[j + 1], 1)
        {
            j += 1;
        }
        if j - i >= 2 {
            runs.push((i, j));
        }
        i = j + 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(text: &str) -> Vec<&str> {
        let mut ws = Vec::new();
        words(text, &mut ws);
        ws.iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn words_keep_leet_and_invisible_characters() {
        assert_eq!(spelled("N1KE shoes!"), ["N1KE", "shoes"]);
        assert_eq!(spelled("DJ! drone"), ["DJ!", "drone"]);
        assert_eq!(spelled("$upreme G@CCI"), ["$upreme", "G@CCI"]);
        assert_eq!(
            spelled("pr\u{200b}ada 正品nike鞋"),
            ["pr\u{200b}ada", "nike"]
        );
        assert_eq!(spelled("size 42 -- 2024"), ["size", "42", "2024"]);
    }

    #[test]
    fn spaced_letters_runs() {
        for (text, want) in [
            ("G U C C I belt", vec!["G U C C I"]),
            ("new g.u.c.c.i bag", vec!["g.u.c.c.i"]),
            ("N-I-K-E air", vec!["N-I-K-E"]),
            ("a b tee", vec![]),
            ("G  U C C I", vec!["U C C I"]),
            ("A D I D A S t-shirt", vec!["A D I D A S t"]),
        ] {
            let mut ws = Vec::new();
            words(text, &mut ws);
            let got: Vec<&str> = spaced_letters(text, &ws)
                .iter()
                .map(|&(i, j)| &text[ws[i].start..ws[j].end])
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
