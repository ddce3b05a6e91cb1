//! Leetspeak that takes more than one character, or a symbol that is not part of a word
//! elsewhere: `R()l3x`, `@did/-\s`, `Cro(s`, `S#iseido`, `chris+ian`. The haystack is
//! rewritten with each such sequence, where it touches a letter or digit, replaced by the
//! letter it draws, keeping a map back; the finders then read the rewritten text as well.

/// Sequences and the letters they draw, longest first where one begins another.
const SEQUENCES: &[(&str, char)] = &[
    ("\\/\\/", 'w'),
    ("/-\\", 'a'),
    ("|-|", 'h'),
    ("|\\|", 'n'),
    ("/\\", 'a'),
    ("\\/", 'v'),
    ("()", 'o'),
    ("[)", 'd'),
    ("|)", 'd'),
    ("|<", 'k'),
    ("|_", 'l'),
    ("(", 'c'),
    ("<", 'c'),
    ("[", 'c'),
    ("{", 'c'),
    ("¢", 'c'),
    ("#", 'h'),
    ("+", 't'),
];

/// A rewritten haystack: its text, and for each byte the haystack span it came from.
#[derive(Clone, Debug, Default)]
pub struct LeetView {
    text: String,
    origin: Vec<(u32, u32)>,
}

impl LeetView {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The haystack span behind `start..end` of the rewritten text.
    pub fn haystack_span(&self, (start, end): (usize, usize)) -> (usize, usize) {
        (
            self.origin[start].0 as usize,
            self.origin[end - 1].1 as usize,
        )
    }

    /// Rewrites `hay` into `self`; false (and nothing to read) when it has no sequence
    /// touching a letter or digit.
    ///
    /// # Example
    /// ```
    /// use ippscan::text::LeetView;
    /// let mut view = LeetView::default();
    /// assert!(view.rewrite("new R()l3x watch"));
    /// assert_eq!(view.as_str(), "new Rol3x watch");
    /// assert_eq!(view.haystack_span((4, 9)), (4, 10));
    /// assert!(!view.rewrite("phone case (black) + screen film"));
    /// ```
    pub fn rewrite(&mut self, hay: &str) -> bool {
        self.text.clear();
        self.origin.clear();
        if !hay.bytes().any(|b| {
            matches!(
                b,
                b'(' | b'<' | b'[' | b'{' | b'#' | b'+' | b'/' | b'\\' | b'|'
            )
        }) && !hay.contains('¢')
        {
            return false;
        }
        let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut changed = false;
        let mut i = 0;
        while i < hay.len() {
            let rest = &hay[i..];
            let hit = SEQUENCES.iter().find(|(seq, _)| {
                rest.starts_with(seq)
                    && (touches(hay[..i].chars().next_back())
                        || touches(hay[i + seq.len()..].chars().next()))
            });
            if let Some(&(seq, letter)) = hit {
                self.text.push(letter);
                self.origin.push((i as u32, (i + seq.len()) as u32));
                i += seq.len();
                changed = true;
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            let n = c.len_utf8();
            self.text.push(c);
            self.origin
                .extend(std::iter::repeat_n((i as u32, (i + n) as u32), n));
            i += n;
        }
        changed
    }
}
