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
    let mut t = [[false; 26]; 26];
    let mut r = 0;
    while r < 3 {
        let row = QWERTY[r];
        let mut i = 0;
        while i < row.len() {
            let a = (row[i] - b'a') as usize;
            if i + 1 < row.len() {
                let b = (row[i + 1] - b'a') as usize;
                t[a][b] = true;
                t[b][a] = true;
            }
            if r + 1 < 3 {
                // Below-left and below: the lower row is shifted half a key right.
                let below = QWERTY[r + 1];
                let mut k = 0;
                while k < 2 {
                    if i + k >= 1 && i + k - 1 < below.len() {
                        let b = (below[i + k - 1] - b'a') as usize;
                        t[a][b] = true;
                        t[b][a] = true;
                    }
                    k += 1;
                }
            }
            i += 1;
        }
        r += 1;
    }
    t
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
/// # Example
/// ```
/// use ippscan::text::confusion_cost;
/// let (near, _) = confusion_cost("nike", "nkie");
/// let (far, _) = confusion_cost("nike", "nize");
/// assert!(near < far);
/// assert_eq!(confusion_cost("gucci", "gucci"), (0.0, 0));
/// assert_eq!(confusion_cost("gucci", "guuci").1, 1);
/// ```
pub fn confusion_cost(mark: &str, word: &str) -> (f32, u8) {
    confusion_within(mark, word, u8::MAX).unwrap_or((f32::INFINITY, u8::MAX))
}

/// [`confusion_cost`] when `word` is at most `max_edits` edits from `mark`, else `None`;
/// only the cells within `max_edits` of the diagonal are worked out, and the work stops at
/// the first row beyond it.
fn confusion_within(mark: &str, word: &str, max_edits: u8) -> Option<(f32, u8)> {
    let (a, b) = (mark.as_bytes(), word.as_bytes());
    if a.len() > MAX_LEN || b.len() > MAX_LEN || a.len().abs_diff(b.len()) > usize::from(max_edits)
    {
        return None;
    }
    let band = usize::from(max_edits).min(MAX_LEN);
    let m = b.len();
    let first = |i: usize| if i <= 1 { FIRST_LETTER } else { 0.0 };
    let near = |s: &[u8], i: usize| (s.get(i.wrapping_sub(2)).copied(), s.get(i).copied());
    // Rows i-2, i-1 and i of the cost and edit tables (a[..i] against b[..j]); the two
    // tables are minimised each on its own. Cells off the band stay out of reach.
    let mut cost = [[f32::INFINITY; MAX_LEN + 1]; 3];
    let mut edits = [[u8::MAX; MAX_LEN + 1]; 3];
    cost[2][0] = 0.0;
    edits[2][0] = 0;
    for j in 1..=m.min(band) {
        let (before, after) = near(b, j);
        cost[2][j] = cost[2][j - 1] + indel(b[j - 1], before, after) + first(j);
        edits[2][j] = j as u8;
    }
    for i in 1..=a.len() {
        cost.rotate_left(1);
        edits.rotate_left(1);
        cost[2] = [f32::INFINITY; MAX_LEN + 1];
        edits[2] = [u8::MAX; MAX_LEN + 1];
        let (before_x, after_x) = near(a, i);
        let x = a[i - 1];
        let dropped = indel(x, before_x, after_x);
        if i <= band {
            cost[2][0] = cost[1][0] + dropped;
            edits[2][0] = i as u8;
        }
        let mut row_min = edits[2][0];
        for j in i.saturating_sub(band).max(1)..=(i + band).min(m) {
            let y = b[j - 1];
            let same = x == y;
            let (before_y, after_y) = near(b, j);
            let mut c = (cost[1][j - 1]
                + if same {
                    0.0
                } else {
                    substitution(x, y) + first(i.min(j))
                })
            .min(cost[1][j] + dropped)
            .min(cost[2][j - 1] + indel(y, before_y, after_y) + first(j));
            let mut e = edits[1][j - 1]
                .saturating_add(u8::from(!same))
                .min(edits[1][j].saturating_add(1))
                .min(edits[2][j - 1].saturating_add(1));
            if i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y && !same {
                c = c.min(cost[0][j - 2] + CHEAP + first(i - 1));
                e = e.min(edits[0][j - 2].saturating_add(1));
            }
            // One sound spelt with two letters in one word and one in the other.
            if i > 1 && is_digraph_of(&a[i - 2..i], y) {
                c = c.min(cost[0][j - 1] + CHEAP + first(i - 1));
                e = e.min(edits[0][j - 1].saturating_add(1));
            }
            if j > 1 && is_digraph_of(&b[j - 2..j], x) {
                c = c.min(cost[1][j - 2] + CHEAP + first(j - 1));
                e = e.min(edits[1][j - 2].saturating_add(1));
            }
            cost[2][j] = c;
            edits[2][j] = e;
            row_min = row_min.min(e);
        }
        if row_min > max_edits {
            return None;
        }
    }
    (edits[2][m] <= max_edits).then_some((cost[2][m], edits[2][m]))
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
pub fn within_budget(cost: f32, edits: u8, len: usize) -> bool {
    let (max_cost, max_edits) = budget(len);
    edits <= max_edits && cost <= max_cost + 1e-4
}

/// The cost and edits of `word` as a misspelling of `mark` when within `mark`'s budget.
///
/// # Example
/// ```
/// use ippscan::text::misspelling_cost;
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
            let (cost, edits) = confusion_cost(mark, word);
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
        for a in 0..26 {
            for b in 0..26 {
                assert_eq!(KEYBOARD[a][b], KEYBOARD[b][a]);
            }
        }
    }
}
