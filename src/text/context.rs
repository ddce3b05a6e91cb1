//! Words around a mark that change what its mention means: a claim of likeness
//! ("1:1 replica", "Chanel style", 高仿), compatibility ("case for iPhone"), resale
//! ("pre-owned", 闲置) and counterfeit trade ("wholesale", 一件代发).

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::normalize::is_word_char;

/// What a cue says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// Claims likeness wherever it stands near a mark: "replica", "1:1", "dupe", 高仿.
    Claim,
    /// Claims likeness right after a mark: "Chanel style", "Nike同款".
    ClaimAfter,
    /// Claims likeness right before a mark: "inspired by Chanel", "same as Nike".
    ClaimBefore,
    /// Names the mark to say what a product fits: "case for iPhone".
    Compatible,
    /// Second-hand goods: "pre-owned", 闲置, "with receipt".
    Resale,
    /// Counterfeit trade: "wholesale", "factory direct", 一件代发.
    Counterfeit,
}

const CUES: &[(&str, CueKind)] = &[
    ("replica", CueKind::Claim),
    ("replicas", CueKind::Claim),
    ("1:1", CueKind::Claim),
    ("1：1", CueKind::Claim),
    ("aaa", CueKind::Claim),
    ("aaa+", CueKind::Claim),
    ("mirror quality", CueKind::Claim),
    ("mirror grade", CueKind::Claim),
    ("mirror version", CueKind::Claim),
    ("dupe", CueKind::Claim),
    ("dupes", CueKind::Claim),
    ("knockoff", CueKind::Claim),
    ("knock-off", CueKind::Claim),
    ("super copy", CueKind::Claim),
    ("high copy", CueKind::Claim),
    ("top copy", CueKind::Claim),
    ("高仿", CueKind::Claim),
    ("原单", CueKind::Claim),
    ("复刻", CueKind::Claim),
    ("精仿", CueKind::Claim),
    ("仿品", CueKind::Claim),
    ("一比一", CueKind::Claim),
    ("1比1", CueKind::Claim),
    ("a货", CueKind::Claim),
    ("style", CueKind::ClaimAfter),
    ("styled", CueKind::ClaimAfter),
    ("inspired", CueKind::ClaimAfter),
    ("type", CueKind::ClaimAfter),
    ("lookalike", CueKind::ClaimAfter),
    ("look-alike", CueKind::ClaimAfter),
    ("同款", CueKind::ClaimAfter),
    ("风格", CueKind::ClaimAfter),
    ("inspired by", CueKind::ClaimBefore),
    ("same as", CueKind::ClaimBefore),
    ("similar to", CueKind::ClaimBefore),
    ("dupe of", CueKind::ClaimBefore),
    ("dupe for", CueKind::ClaimBefore),
    ("replica of", CueKind::ClaimBefore),
    ("copy of", CueKind::ClaimBefore),
    ("仿", CueKind::ClaimBefore),
    ("for", CueKind::Compatible),
    ("compatible with", CueKind::Compatible),
    ("compatible", CueKind::Compatible),
    ("fits", CueKind::Compatible),
    ("works with", CueKind::Compatible),
    ("适用于", CueKind::Compatible),
    ("适用", CueKind::Compatible),
    ("兼容", CueKind::Compatible),
    ("适配", CueKind::Compatible),
    ("pre-owned", CueKind::Resale),
    ("preowned", CueKind::Resale),
    ("pre owned", CueKind::Resale),
    ("second hand", CueKind::Resale),
    ("second-hand", CueKind::Resale),
    ("secondhand", CueKind::Resale),
    ("gently used", CueKind::Resale),
    ("lightly used", CueKind::Resale),
    ("worn once", CueKind::Resale),
    ("with receipt", CueKind::Resale),
    ("original receipt", CueKind::Resale),
    ("unopened gift", CueKind::Resale),
    ("闲置", CueKind::Resale),
    ("二手", CueKind::Resale),
    ("成新", CueKind::Resale),
    ("95新", CueKind::Resale),
    ("99新", CueKind::Resale),
    ("小票", CueKind::Resale),
    ("wholesale", CueKind::Counterfeit),
    ("factory direct", CueKind::Counterfeit),
    ("factory price", CueKind::Counterfeit),
    ("same factory", CueKind::Counterfeit),
    ("bulk lot", CueKind::Counterfeit),
    ("一件代发", CueKind::Counterfeit),
    ("批发", CueKind::Counterfeit),
    ("厂家直销", CueKind::Counterfeit),
    ("工厂直销", CueKind::Counterfeit),
    ("莆田", CueKind::Counterfeit),
];

/// A cue found in a text (byte span in the haystack).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub kind: CueKind,
    pub start: usize,
    pub end: usize,
}

/// Finds cues.
#[derive(Clone, Debug)]
pub struct CueFinder {
    automaton: AhoCorasick,
}

impl Default for CueFinder {
    fn default() -> CueFinder {
        CueFinder::new()
    }
}

impl CueFinder {
    /// # Panics
    /// Never: the cue list is fixed and builds.
    pub fn new() -> CueFinder {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(CUES.iter().map(|(c, _)| c))
            .expect("cue list builds");
        CueFinder { automaton }
    }

    /// The cues in `text` (a haystack: ASCII as written, or normalised); Latin cues only
    /// as whole words.
    pub fn find(&self, text: &str, out: &mut Vec<Cue>) {
        out.clear();
        for m in self.automaton.find_iter(text) {
            let (cue, kind) = CUES[m.pattern().as_usize()];
            let latin = cue.starts_with(|c: char| c.is_ascii_alphabetic());
            let glued = |c: Option<char>| c.is_some_and(is_word_char);
            if latin
                && (glued(text[..m.start()].chars().next_back())
                    || glued(text[m.end()..].chars().next()))
            {
                continue;
            }
            out.push(Cue {
                kind,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

/// Bytes between a mark and a cue that still count as "near" it.
pub const NEAR: usize = 40;
/// Bytes between a mark and a cue that must stand right next to it.
pub const ADJACENT: usize = 3;

/// Whether a claim cue goes with the mark at `span` (haystack bytes).
pub fn claims(cues: &[Cue], span: (usize, usize)) -> Option<Cue> {
    cues.iter().copied().find(|c| match c.kind {
        CueKind::Claim => {
            (c.end <= span.0 && span.0 - c.end <= NEAR)
                || (c.start >= span.1 && c.start - span.1 <= NEAR)
        }
        CueKind::ClaimAfter => c.start >= span.1 && c.start - span.1 <= ADJACENT,
        CueKind::ClaimBefore => c.end <= span.0 && span.0 - c.end <= ADJACENT,
        _ => false,
    })
}

/// Whether the mark at `span` is named to say what a product fits ("case for iPhone").
pub fn is_compatibility_use(cues: &[Cue], span: (usize, usize)) -> bool {
    cues.iter()
        .any(|c| c.kind == CueKind::Compatible && c.end <= span.0 && span.0 - c.end <= 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(CueKind, &str)> {
        let mut out = Vec::new();
        CueFinder::new().find(text, &mut out);
        out.iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn cues_are_whole_words() {
        assert_eq!(
            kinds("1:1 Replica bag"),
            [(CueKind::Claim, "1:1"), (CueKind::Claim, "Replica")]
        );
        assert_eq!(kinds("stylewise format"), []);
        assert_eq!(kinds("高仿耐克"), [(CueKind::Claim, "高仿")]);
        assert_eq!(kinds("case for iphone"), [(CueKind::Compatible, "for")]);
        assert_eq!(kinds("Pre-Owned bag"), [(CueKind::Resale, "Pre-Owned")]);
    }

    #[test]
    fn claims_must_be_near_the_mark() {
        let text = "Chanel style quilted bag";
        let mut cues = Vec::new();
        CueFinder::new().find(text, &mut cues);
        assert!(claims(&cues, (0, 6)).is_some());
        let text = "retro style, soft leather, made with care, unlike others: Chanel";
        CueFinder::new().find(text, &mut cues);
        let at = text.find("Chanel").unwrap();
        assert!(claims(&cues, (at, at + 6)).is_none());
    }
}
