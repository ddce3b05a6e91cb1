//! How far a misspelling is from a mark, weighted by how a reader confuses letters: a
//! key's neighbour on the keyboard, a letter of the same shape or the same sound, a doubled
//! letter or two letters swapped cost less than an arbitrary edit. Changing the first
//! letter costs a little more: readers anchor on it.

/// QWERTY rows; each row sits about half a key right of the one above.
const QWERTY: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];

/// Letters that pass for each other at a glance, in lower case or as capitals (C/G, E/F).
const SAME_SHAPE: &[&[u8]] = &[
    b"il1jt", b"o0q", b"ce", b"uv", b"nhr", b"mn", b"bdpq", b"gqy", b"vw", b"cg", b"ef",
];

/// Letters that spell the same sound in brand names.
const SAME_SOUND: &[&[u8]] = &[
    b"ckqs", b"sz", b"iy", b"fv", b"gj", b"dt", b"bp", b"mn", b"xs",
];

const VOWELS: &[u8] = b"aeiouy";

/// Two letters that spell the sound of one: `ph` and `f`, `ck` and `k`, `ks` and `x`.
const DIGRAPHS: &[(&[u8; 2], &[u8])] = &[
    (b"ph", b"f"),
    (b"ck", b"kc"),
    (b"ks", b"x"),
    (b"cs", b"x"),
    (b"qu", b"k"),
    (b"kh", b"k"),
    (b"gh", b"g"),
];

fn is_digraph_of(pair: &[u8], letter: u8) -> bool {
    DIGRAPHS
        .iter()
        .any(|(two, one)| two.as_slice() == pair && one.contains(&letter))
}

/// Cost of each kind of edit.
const CHEAP: f32 = 0.5;
const VOWEL: f32 = 0.6;
/// A vowel (or a silent `h`) added or dropped.
const VOWEL_INDEL: f32 = 0.7;
const DOUBLED: f32 = 0.3;
const ANY: f32 = 1.0;
const FIRST_LETTER: f32 = 0.3;

const fn keyboard_table() -> [[bool; 26]; 26] {
    let mut table = [[false; 26]; 26];
    let mut row = 0;
    while row < 3 {
        let keys = QWERTY[row];
        let mut at = 0;
        while at < keys.len() {
            let key = (keys[at] - b'a') as usize;
            if at + 1 < keys.len() {
                let right = (keys[at + 1] - b'a') as usize;
                table[key][right] = true;
                table[right][key] = true;
            }
            if row + 1 < 3 {
                // Below-left and below: the lower row is shifted half a key right.
                let below = QWERTY[row + 1];
                let mut side = 0;
                while side < 2 {
                    if at + side >= 1 && at + side - 1 < below.len() {
                        let under = (below[at + side - 1] - b'a') as usize;
                        table[key][under] = true;
                        table[under][key] = true;
                    }
                    side += 1;
                }
            }
            at += 1;
        }
        row += 1;
    }
    table
}

static KEYBOARD: [[bool; 26]; 26] = keyboard_table();

fn in_group(groups: &[&[u8]], a: u8, b: u8) -> bool {
    groups.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// Cost of reading `b` where `a` was meant (ASCII), from [`SUBSTITUTIONS`].
fn substitution(a: u8, b: u8) -> f32 {
    SUBSTITUTIONS[usize::from(a & 0x7F)][usize::from(b & 0x7F)]
}

/// Every substitution's cost, worked out once.
static SUBSTITUTIONS: std::sync::LazyLock<Box<[[f32; 128]; 128]>> =
    std::sync::LazyLock::new(|| {
        let mut table = Box::new([[ANY; 128]; 128]);
        for a in 0..128u8 {
            for b in 0..128u8 {
                table[usize::from(a)][usize::from(b)] = substitution_cost(a, b);
            }
        }
        table
    });

fn substitution_cost(a: u8, b: u8) -> f32 {
    if a == b {
        return 0.0;
    }
    let keyboard = a.is_ascii_lowercase() && b.is_ascii_lowercase() && {
        KEYBOARD[usize::from(a - b'a')][usize::from(b - b'a')]
    };
    if keyboard || in_group(SAME_SHAPE, a, b) || in_group(SAME_SOUND, a, b) {
        CHEAP
    } else if VOWELS.contains(&a) && VOWELS.contains(&b) {
        VOWEL
    } else {
        ANY
    }
}

/// Cost of a letter `c` present in one word and not the other, between its neighbours in
/// that word.
fn indel(c: u8, before: Option<u8>, after: Option<u8>) -> f32 {
    if before == Some(c) || after == Some(c) {
        DOUBLED
    } else if VOWELS.contains(&c) || c == b'h' {
        VOWEL_INDEL
    } else if before.is_some_and(|b| substitution(b, c) == CHEAP)
        || after.is_some_and(|a| substitution(a, c) == CHEAP)
    {
        // A fat finger: the key next to the one meant, typed too.
        VOWEL_INDEL
    } else {
        ANY
    }
}

/// Most letters a weighted comparison takes; longer words are not compared.
pub const MAX_LEN: usize = 40;

/// The weighted edit cost between `mark` and `word` (lower-case ASCII loose keys), and
/// their plain edit distance: optimal string alignment, each edit priced by
/// [`substitution`] and [`indel`], swaps of two neighbours at [`CHEAP`], and a changed or
/// added first letter [`FIRST_LETTER`] dearer (a dropped one is an ordinary deletion:
/// `endi` for Fendi). The two are minimised apart: `guuci`
/// is one substitution from `gucci`, or two cheaper doubled-letter edits.
///
/// `None` when `word` is more than `max_edits` edits from `mark`: only the cells within
/// `max_edits` of the diagonal are worked out, and the work stops at the first row beyond.
fn confusion_within(mark: &str, word: &str, max_edits: u8) -> Option<(f32, u8)> {
    let (key, text) = (mark.as_bytes(), word.as_bytes());
    if key.len() > MAX_LEN
        || text.len() > MAX_LEN
        || key.len().abs_diff(text.len()) > usize::from(max_edits)
    {
        return None;
    }
    let band = usize::from(max_edits).min(MAX_LEN);
    let width = text.len();
    let first = |i: usize| if i <= 1 { FIRST_LETTER } else { 0.0 };
    let near = |s: &[u8], at: usize| (s.get(at.wrapping_sub(2)).copied(), s.get(at).copied());
    // Rows i-2, i-1 and i of the cost and edit tables (key[..i] against text[..j]) at i % 3;
    // the two tables are minimised each on its own. Cells off the band stay out of reach.
    let mut cost = [[f32::INFINITY; MAX_LEN + 2]; 3];
    let mut edits = [[u8::MAX; MAX_LEN + 2]; 3];
    cost[0][0] = 0.0;
    edits[0][0] = 0;
    for j in 1..=width.min(band) {
        let (before, after) = near(text, j);
        cost[0][j] = cost[0][j - 1] + indel(text[j - 1], before, after) + first(j);
        edits[0][j] = j as u8;
    }
    for i in 1..=key.len() {
        let (r2, r1, r0) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        let (lo, hi) = (i.saturating_sub(band).max(1), (i + band).min(width));
        // The row last held i-3: clear what this row's band and its left edge will read.
        for j in lo.saturating_sub(1)..=(hi + 1).min(width) {
            cost[r2][j] = f32::INFINITY;
            edits[r2][j] = u8::MAX;
        }
        let (before_x, after_x) = near(key, i);
        let here = key[i - 1];
        let dropped = indel(here, before_x, after_x);
        let mut row_min = u8::MAX;
        if i <= band {
            cost[r2][0] = cost[r1][0] + dropped;
            edits[r2][0] = i as u8;
            row_min = i as u8;
        }
        for j in lo..=hi {
            let there = text[j - 1];
            let same = here == there;
            let (before_y, after_y) = near(text, j);
            let mut cell = (cost[r1][j - 1]
                + if same {
                    0.0
                } else {
                    substitution(here, there) + first(i.min(j))
                })
            .min(cost[r1][j] + dropped)
            .min(cost[r2][j - 1] + indel(there, before_y, after_y) + first(j));
            let mut count = edits[r1][j - 1]
                .saturating_add(u8::from(!same))
                .min(edits[r1][j].saturating_add(1))
                .min(edits[r2][j - 1].saturating_add(1));
            if i > 1 && j > 1 && here == text[j - 2] && key[i - 2] == there && !same {
                cell = cell.min(cost[r0][j - 2] + CHEAP + first(i - 1));
                count = count.min(edits[r0][j - 2].saturating_add(1));
            }
            // One sound spelt with two letters in one word and one in the other.
            if i > 1 && is_digraph_of(&key[i - 2..i], there) {
                cell = cell.min(cost[r0][j - 1] + CHEAP + first(i - 1));
                count = count.min(edits[r0][j - 1].saturating_add(1));
            }
            if j > 1 && is_digraph_of(&text[j - 2..j], here) {
                cell = cell.min(cost[r1][j - 2] + CHEAP + first(j - 1));
                count = count.min(edits[r1][j - 2].saturating_add(1));
            }
            cost[r2][j] = cell;
            edits[r2][j] = count;
            row_min = row_min.min(count);
        }
        if row_min > max_edits {
            return None;
        }
    }
    let last = key.len() % 3;
    (edits[last][width] <= max_edits).then_some((cost[last][width], edits[last][width]))
}

/// The most a misspelling of a mark with a loose key of `len` letters may cost, and the
/// most edits it may take: one cheap edit for four letters, one of any kind for five, two
/// cheap ones from six (`Huowai`), then more.
pub fn budget(len: usize) -> (f32, u8) {
    match len {
        0..=3 => (0.0, 0),
        4 => (0.6, 1),
        5 => (1.0, 1),
        6 => (1.2, 2),
        7..=8 => (1.6, 2),
        _ => (2.0, 2),
    }
}

/// Whether a misspelling at `cost` and `edits` is within the budget of a key of `len`.
fn within_budget(cost: f32, edits: u8, len: usize) -> bool {
    let (max_cost, max_edits) = budget(len);
    edits <= max_edits && cost <= max_cost + 1e-4
}

/// The cost and edits of `word` as a misspelling of `mark` when within `mark`'s budget.
///
/// # Example
/// ```
/// use ippscan::detect::text::misspelling_cost;
/// assert!(misspelling_cost("adidas", "adidsa").is_some());
/// assert!(misspelling_cost("adidas", "sandals").is_none());
/// ```
pub fn misspelling_cost(mark: &str, word: &str) -> Option<(f32, u8)> {
    let (_, max_edits) = budget(mark.len());
    confusion_within(mark, word, max_edits)
        .filter(|&(cost, edits)| within_budget(cost, edits, mark.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_confusions_cost_less_than_arbitrary_edits() {
        // (mark, misspelling, within budget)
        let cases = [
            ("nike", "nkie", true),
            ("nike", "niike", true),
            ("nike", "nize", false),
            ("nike", "mike", false),
            ("puma", "ppuma", true),
            ("puma", "puna", true),
            ("bose", "bise", true),
            ("sony", "sonya", false),
            ("adidas", "adidsa", true),
            ("adidas", "sdidas", true),
            ("adidas", "yadidas", true),
            ("gucci", "cucci", true),
            ("gucci", "guci", true),
            ("rolex", "rolax", true),
            ("versace", "versachi", true),
            ("versace", "verzoce", true),
            ("samsung", "zamsung", true),
            ("supreme", "suprama", true),
            ("balenciaga", "belenciagga", true),
            ("chanel", "khanel", true),
            ("chanel", "xyanel", false),
            ("xiaomi", "xioomy", true),
            ("huawei", "huowai", true),
            ("lego", "leco", true),
            ("gucci", "gacce", false),
            ("asics", "asus", false),
            ("tiffany", "tiphany", true),
            ("rolex", "roleks", true),
            ("nivea", "nieve", false),
        ];
        for (mark, word, ok) in cases {
            let (cost, edits) = confusion_within(mark, word, u8::MAX).unwrap();
            assert_eq!(
                within_budget(cost, edits, mark.len()),
                ok,
                "{mark} / {word}: cost {cost}, {edits} edits"
            );
        }
    }

    #[test]
    fn keyboard_neighbours_are_symmetric_and_local() {
        assert!(KEYBOARD[usize::from(b'e' - b'a')][usize::from(b's' - b'a')]);
        assert!(KEYBOARD[usize::from(b'k' - b'a')][usize::from(b'm' - b'a')]);
        assert!(!KEYBOARD[usize::from(b'q' - b'a')][usize::from(b'p' - b'a')]);
        for (a, row) in KEYBOARD.iter().enumerate() {
            for (b, &near) in row.iter().enumerate() {
                assert_eq!(near, KEYBOARD[b][a]);
            }
        }
    }
}
