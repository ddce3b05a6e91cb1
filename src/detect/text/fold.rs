//! Folding a word to its "loose key": the form in which a mark and its disguises agree.
//! Look-alike letters from other scripts become their Latin prototypes (Unicode TR39
//! confusables), accents and invisible characters go, leetspeak digits and symbols become
//! the letters they stand for, and letters that pass for each other at a glance (`l`/`I`/`1`,
//! `rn`/`m`, `vv`/`w`, `cl`/`d`, `b`/`d`) become one.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_security::confusable_detection::skeleton;

/// What folding had to undo, for the evidence's tactic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disguise {
    /// Anything beyond ASCII: letters from another script, accents, invisible or
    /// combining characters.
    pub homoglyph: bool,
    /// Digits or symbols standing for letters.
    pub leet: bool,
}

/// Characters that stand for letters in leetspeak; they stay inside a word.
pub fn is_leet_symbol(c: char) -> bool {
    matches!(c, '@' | '$' | '!' | '|' | '€')
}

/// Characters that show nothing, which sellers slip into words: Unicode's
/// `Default_Ignorable_Code_Point` set (soft hyphen, joiners, word joiner, invisible
/// operators, variation selectors, the Mongolian vowel separator, Hangul fillers, tags).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{E0000}'..='\u{E0FFF}')
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' | '€' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '6' | '8' => 'b',
        '7' => 't',
        '9' => 'g',
        '2' => 'z',
        '¢' => 'c',
        _ => return None,
    })
}

/// Folds `word` (already NFKC and lower case) into `out`, returning what was undone.
/// Digits count as leetspeak only when the word also has letters.
///
/// # Example
/// ```
/// use ippscan::detect::text::fold_into;
/// let mut key = String::new();
/// for w in ["nike", "n1ke", "ｎіке", "nlke", "n\u{200b}ike"] {
///     fold_into(w, &mut key);
///     assert_eq!(key, "nike", "{w}");
/// }
/// fold_into("abibas", &mut key);
/// let mut adidas = String::new();
/// fold_into("adidas", &mut adidas);
/// assert_eq!(key, adidas);
/// ```
pub fn fold_into(word: &str, out: &mut String) -> Disguise {
    out.clear();
    let mut disguise = Disguise::default();
    let has_letter = word.chars().any(char::is_alphabetic);
    for c in word.chars() {
        if c.is_ascii_lowercase() {
            out.push(c);
        } else if c.is_ascii_uppercase() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(l) = leet(c).filter(|_| has_letter) {
            disguise.leet = true;
            out.push(l);
        } else if c.is_ascii() {
            out.push(c);
        } else if is_invisible(c) || is_combining_mark(c) || canonical_combining_class(c) != 0 {
            disguise.homoglyph = true;
        } else {
            disguise.homoglyph = true;
            push_prototype(c, out);
        }
    }
    visual(out);
    disguise
}

/// The Latin look-alike of `c` by TR39, lower case. Text arrives lower-cased, and some
/// letters are confusable only as capitals (Cyrillic м is not m, М is M): when the lower
/// case letter has no ASCII prototype, its capital's is used.
fn push_prototype(c: char, out: &mut String) {
    let prototype = |c: char| -> String {
        skeleton(c.encode_utf8(&mut [0; 4]))
            .filter(|s| !is_combining_mark(*s))
            .flat_map(char::to_lowercase)
            .map(small_capital)
            .collect()
    };
    if let Some(base) = stroke_base(c) {
        out.push(base);
        return;
    }
    let lower = prototype(c);
    if lower.is_ascii() {
        out.push_str(&lower);
        return;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => {
            let capital = prototype(u);
            out.push_str(if capital.is_ascii() { &capital } else { &lower });
        }
        _ => out.push_str(&lower),
    }
}

/// Letters that TR39 does not pair with a Latin letter but that read as one: Latin letters
/// with a stroke or bar (Unicode names them "LATIN SMALL LETTER L WITH STROKE" and so on),
/// and Cyrillic and Greek letters of the same shape as a Latin one in lower case.
fn stroke_base(c: char) -> Option<char> {
    Some(match c {
        'ł' | 'ƚ' | 'ɫ' => 'l',
        'đ' | 'ɖ' => 'd',
        'ø' | 'ǿ' | 'ɵ' => 'o',
        'ħ' => 'h',
        'ŧ' | 'ƭ' => 't',
        'ƀ' => 'b',
        'ɨ' => 'i',
        'ƶ' => 'z',
        'ǥ' => 'g',
        'ȼ' => 'c',
        'ɇ' | 'є' | 'ԑ' | 'ɛ' => 'e',
        'ɍ' => 'r',
        'ɏ' => 'y',
        'ᵽ' => 'p',
        'ꝁ' => 'k',
        _ => return None,
    })
}

/// TR39 maps some Cyrillic letters to Latin small capitals and the like (к → ĸ): these
/// read as the plain letter.
fn small_capital(c: char) -> char {
    match c {
        'ĸ' | 'ᴋ' => 'k',
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        other => other,
    }
}

/// Merges single letters that pass for each other at a glance (`l`/`i`, `b`/`d`).
fn visual(key: &mut String) {
    if key.bytes().any(|b| b == b'l' || b == b'b') {
        *key = key.replace('l', "i").replace('b', "d");
    }
}

/// The key with letter pairs read as one letter (`rn` → `m`, `vv` → `w`, `cl` → `d`,
/// `cl` being `ci` once folded), when there are any: a second key, because a real `cl`
/// (Moncler) and a disguised `d` (Clior) fold apart otherwise.
///
/// # Example
/// ```
/// use ippscan::detect::text::{fold_into, merged_pairs};
/// let mut key = String::new();
/// fold_into("rnoncler", &mut key);
/// assert_eq!(merged_pairs(&key).as_deref(), Some("monder"));
/// fold_into("clior", &mut key);
/// assert_eq!(merged_pairs(&key).as_deref(), Some("dior"));
/// ```
pub fn merged_pairs(key: &str) -> Option<String> {
    let b = key.as_bytes();
    if !b.windows(2).any(|w| matches!(w, b"rn" | b"vv" | b"ci")) {
        return None;
    }
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while i < b.len() {
        let merged = match (b[i], b.get(i + 1)) {
            (b'r', Some(b'n')) => Some('m'),
            (b'v', Some(b'v')) => Some('w'),
            (b'c', Some(b'i')) => Some('d'),
            _ => None,
        };
        if let Some(m) = merged {
            out.push(m);
            i += 2;
        } else if let Some(c) = key[i..].chars().next() {
            out.push(c);
            i += c.len_utf8();
        }
    }
    Some(out)
}

/// The loose key of a mark: folded, without spaces or punctuation.
pub fn mark_key(mark: &str) -> String {
    let norm = crate::detect::text::normalize_key(mark);
    let word: String = norm.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut key = String::new();
    fold_into(&word, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_disguises_to_the_same_key() {
        // (written, mark, homoglyph, leet)
        let cases = [
            ("n1ke", "nike", false, true),
            ("gucc!", "gucci", false, true),
            ("ch4nel", "chanel", false, true),
            ("$upreme", "supreme", false, true),
            ("nіke", "nike", true, false),
            ("ǥucci", "gucci", true, false),
            ("ｇｕｃｃｉ", "gucci", true, false),
            ("abibas", "adidas", false, false),
            ("hermès", "hermes", true, false),
            ("pr\u{200b}ada", "prada", true, false),
        ];
        let mut key = String::new();
        for (written, mark, homoglyph, leet) in cases {
            let d = fold_into(written, &mut key);
            assert_eq!(key, mark_key(mark), "{written}");
            assert_eq!((d.homoglyph, d.leet), (homoglyph, leet), "{written}");
        }
    }

    #[test]
    fn digits_alone_are_not_leet() {
        let mut key = String::new();
        fold_into("2024", &mut key);
        assert_eq!(key, "2024");
    }
}
