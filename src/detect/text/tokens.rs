//! Words of a text, and the runs of words that may spell one mark: letters spaced out
//! (`G U C C I`, `N-I-K-E`) and multi-word marks written apart or oddly (`Louis  Vuitton`).

use crate::detect::text::fold::{is_invisible, is_leet_symbol};
use crate::detect::text::is_cjk;
use unicode_normalization::char::is_combining_mark;

/// A word: a run of letters, digits, leet symbols and invisible characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// ASCII letters only: the word reads as itself, with no disguise to fold.
    pub plain: bool,
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
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.'
                | '_'
                | '·'
                | '•'
                | '・'
                | '*'
                | '/'
                | '\\'
                | '+'
                | '|'
                | '~'
                | ','
                | ':'
                | ';'
                | '='
                | '^'
                | '#'
                | '>'
                | '<'
        )
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

/// What an ASCII byte is to a word: [`IN_WORD`], and [`NOT_LETTER`] when it is a digit
/// or a leet symbol.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            IN_WORD
        } else if c.is_ascii_digit() || matches!(c, b'@' | b'$' | b'!' | b'|') {
            IN_WORD | NOT_LETTER
        } else {
            0
        };
        b += 1;
    }
    t
};

const IN_WORD: u8 = 1;
const NOT_LETTER: u8 = 2;

fn ascii_words(text: &str, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && ASCII_CLASS[usize::from(bytes[i])] & IN_WORD == 0 {
            i += 1;
        }
        let start = i;
        let (mut alnum, mut classes) = (false, 0);
        while i < bytes.len() {
            let class = ASCII_CLASS[usize::from(bytes[i])];
            if class & IN_WORD == 0 {
                break;
            }
            alnum |= bytes[i].is_ascii_alphanumeric();
            classes |= class;
            i += 1;
        }
        let end = start + trim_punctuation(&text[start..i]).len();
        if alnum && end > start {
            // What trimming took off (`!`, `|`) is not letters; what is left is plain when
            // no byte but letters was read, or only the trimmed ones were not.
            let plain = classes & NOT_LETTER == 0
                || (end < i
                    && text.as_bytes()[start..end]
                        .iter()
                        .all(u8::is_ascii_alphabetic));
            out.push(Word { start, end, plain });
        }
    }
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let end = start + trim_punctuation(&text[start..end]).len();
    let trimmed = &text[start..end];
    if end > start && trimmed.chars().any(char::is_alphanumeric) {
        let plain = trimmed.bytes().all(|b| b.is_ascii_alphabetic());
        out.push(Word { start, end, plain });
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

/// Most separator characters between two pieces: `N -- I -- K -- E`.
const GAP_MAX: usize = 5;

/// Longest piece of a spread-out mark, in characters: `G U C C I`, `Gu cci`, `CA / NA / DA`.
const PIECE_MAX: usize = 3;

/// Stretches of short pieces (one to three letters or digits) kept apart by separators of
/// any kind, mixed and repeated: `G U C C I`, `N--i--k--e`, `S/O/N/Y`, `CA / NA / DA / GOOSE`
/// (its last piece too long, so left out). Each stretch of two pieces or more is pushed to
/// `runs` as a range of `pieces`.
pub fn spread_runs(text: &str, pieces: &mut Vec<Word>, runs: &mut Vec<std::ops::Range<usize>>) {
    pieces.clear();
    runs.clear();
    let mut run_start = 0;
    let mut chars = text.char_indices().peekable();
    let mut gap_ok = false;
    let mut gap = 0usize;
    let close = |pieces: &mut Vec<Word>, run_start: &mut usize, runs: &mut Vec<_>| {
        if pieces.len() - *run_start >= 2 {
            runs.push(*run_start..pieces.len());
        }
        *run_start = pieces.len();
    };
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() && !is_cjk(c) {
            let mut end = i + c.len_utf8();
            let mut len = 1;
            let mut plain = c.is_ascii_alphabetic();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphanumeric() || is_cjk(d) {
                    break;
                }
                end = j + d.len_utf8();
                len += 1;
                plain &= d.is_ascii_alphabetic();
                chars.next();
            }
            if len > PIECE_MAX {
                close(pieces, &mut run_start, runs);
                gap_ok = false;
                continue;
            }
            if !gap_ok {
                close(pieces, &mut run_start, runs);
            }
            pieces.push(Word {
                start: i,
                end,
                plain,
            });
            gap_ok = true;
            gap = 0;
        } else if gap_ok && is_separator(c) && gap < GAP_MAX {
            gap += 1;
        } else {
            gap_ok = false;
        }
    }
    close(pieces, &mut run_start, runs);
}

/// As [`spread_runs`] with single letters only, read off the words of `text` already
/// found (`words`): descriptions are long, and this costs a pass over their words, not
/// their characters.
pub fn spread_letters(
    text: &str,
    words: &[Word],
    pieces: &mut Vec<Word>,
    runs: &mut Vec<std::ops::Range<usize>>,
) {
    pieces.clear();
    runs.clear();
    let single = |w: &Word| {
        let piece = &text[w.start..w.end];
        let mut chars = piece.chars();
        chars.next().is_some_and(char::is_alphanumeric) && chars.next().is_none()
    };
    let mut i = 0;
    while i < words.len() {
        if !single(&words[i]) {
            i += 1;
            continue;
        }
        let start = pieces.len();
        pieces.push(words[i]);
        while i + 1 < words.len()
            && single(&words[i + 1])
            && joined_by_separators(text, words[i], words[i + 1], GAP_MAX)
        {
            i += 1;
            pieces.push(words[i]);
        }
        if pieces.len() - start >= 2 {
            runs.push(start..pieces.len());
        }
        i += 1;
    }
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
    fn spread_runs_take_any_separators() {
        for (text, want) in [
            ("G U C C I belt", vec!["G U C C I"]),
            ("new g.u.c.c.i bag", vec!["new g.u.c.c.i bag"]),
            ("N-I-K-E air", vec!["N-I-K-E air"]),
            ("N -- i __ k * e", vec!["N -- i __ k * e"]),
            (
                "by CA / NA / DAG / OOS / E unisex",
                vec!["by CA / NA / DAG / OOS / E"],
            ),
            ("L|E|G|O set", vec!["L|E|G|O set"]),
            ("tee", vec![]),
            ("lightweight tee", vec![]),
            ("A D I D A S t-shirt", vec!["A D I D A S t"]),
            ("D.J.I 无人机 P.R.A.D.A", vec!["D.J.I", "P.R.A.D.A"]),
        ] {
            let (mut pieces, mut runs) = (Vec::new(), Vec::new());
            spread_runs(text, &mut pieces, &mut runs);
            let got: Vec<&str> = runs
                .iter()
                .map(|r| &text[pieces[r.start].start..pieces[r.end - 1].end])
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
