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

    /// Rewrites into `self` the words of `hay` (runs between white space) that hold a
    /// sequence touching a letter or digit, one space between them; false (and nothing to
    /// read) when there are none. Only those words are read again.
    ///
    /// # Example
    /// ```
    /// use ippscan::detect::text::LeetView;
    /// let mut view = LeetView::default();
    /// assert!(view.rewrite("new R()l3x watch"));
    /// assert_eq!(view.as_str(), "Rol3x");
    /// assert_eq!(view.haystack_span((0, 5)), (4, 10));
    /// assert!(!view.rewrite("phone case ( black ) + screen film"));
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
        for word in hay.split_whitespace() {
            // Where the word starts in the haystack it is a slice of.
            let start = word.as_ptr() as usize - hay.as_ptr() as usize;
            let mark = self.text.len();
            if self.rewrite_word(word, start) {
                self.text.push(' ');
                let end = (start + word.len()) as u32;
                self.origin.push((end, end));
            } else {
                self.text.truncate(mark);
                self.origin.truncate(mark);
            }
        }
        if self.text.ends_with(' ') {
            self.text.pop();
            self.origin.pop();
        }
        !self.text.is_empty()
    }

    /// Appends `word` (at byte `offset` of the haystack) rewritten; whether anything in it
    /// was replaced.
    fn rewrite_word(&mut self, word: &str, offset: usize) -> bool {
        let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut changed = false;
        let mut i = 0;
        while i < word.len() {
            let rest = &word[i..];
            let hit = SEQUENCES.iter().find(|(seq, _)| {
                rest.starts_with(seq)
                    && (touches(word[..i].chars().next_back())
                        || touches(word[i + seq.len()..].chars().next()))
            });
            let at = (offset + i) as u32;
            if let Some(&(seq, letter)) = hit {
                self.text.push(letter);
                self.origin.push((at, at + seq.len() as u32));
                i += seq.len();
                changed = true;
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            let n = c.len_utf8();
            self.text.push(c);
            self.origin
                .extend(std::iter::repeat_n((at, at + n as u32), n));
            i += n;
        }
        changed
    }
}
