//! Words around a mark that change what its mention means: a claim of likeness
//! ("1:1 replica", "Chanel style", 高仿), compatibility ("case for iPhone"), resale
//! ("pre-owned", 闲置) and counterfeit trade ("wholesale", 一件代发).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::detect::text::normalize::is_word_char;

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

/// Cues by kind. Claims and counterfeit trade are listed as sellers write them; resale and
/// compatibility by the words that carry them (condition, proof, reason for selling; what a
/// part fits), so that phrasing nobody listed still reads as what it is.
#[rustfmt::skip]
const CUES: &[(&str, CueKind)] = &[
    // Claims of likeness near a mark.
    ("replica", CueKind::Claim), ("replicas", CueKind::Claim), ("1:1", CueKind::Claim),
    ("1：1", CueKind::Claim), ("aaa", CueKind::Claim), ("aaa+", CueKind::Claim),
    ("mirror quality", CueKind::Claim), ("mirror grade", CueKind::Claim),
    ("mirror version", CueKind::Claim), ("dupe", CueKind::Claim), ("dupes", CueKind::Claim),
    ("knockoff", CueKind::Claim), ("knock-off", CueKind::Claim), ("knock off", CueKind::Claim),
    ("super copy", CueKind::Claim), ("high copy", CueKind::Claim), ("top copy", CueKind::Claim),
    ("copy", CueKind::Claim), ("fake", CueKind::Claim), ("fakes", CueKind::Claim),
    ("super fake", CueKind::Claim), ("imitation", CueKind::Claim), ("clone", CueKind::Claim),
    ("ua", CueKind::Claim), ("counterfeit", CueKind::Claim), ("lookalike", CueKind::Claim),
    ("look-alike", CueKind::Claim), ("look alike", CueKind::Claim),
    ("高仿", CueKind::Claim), ("原单", CueKind::Claim), ("复刻", CueKind::Claim),
    ("精仿", CueKind::Claim), ("仿品", CueKind::Claim), ("一比一", CueKind::Claim),
    ("1比1", CueKind::Claim), ("a货", CueKind::Claim), ("平替", CueKind::Claim),
    ("纯原", CueKind::Claim), ("公司级", CueKind::Claim), ("仿款", CueKind::Claim),
    ("超a", CueKind::Claim),
    // Claims right after a mark ("Chanel style") or right before it ("inspired by Dior").
    ("style", CueKind::ClaimAfter), ("styled", CueKind::ClaimAfter),
    ("inspired", CueKind::ClaimAfter), ("type", CueKind::ClaimAfter),
    ("alternative", CueKind::ClaimAfter), ("-like", CueKind::ClaimAfter),
    ("同款", CueKind::ClaimAfter), ("风格", CueKind::ClaimAfter), ("款式", CueKind::ClaimAfter),
    ("inspired by", CueKind::ClaimBefore), ("same as", CueKind::ClaimBefore),
    ("similar to", CueKind::ClaimBefore), ("dupe of", CueKind::ClaimBefore),
    ("dupe for", CueKind::ClaimBefore), ("replica of", CueKind::ClaimBefore),
    ("copy of", CueKind::ClaimBefore), ("alternative to", CueKind::ClaimBefore),
    ("仿", CueKind::ClaimBefore),
    // What a part fits.
    ("for", CueKind::Compatible), ("compatible with", CueKind::Compatible),
    ("compatible", CueKind::Compatible), ("fits", CueKind::Compatible),
    ("fit for", CueKind::Compatible), ("works with", CueKind::Compatible),
    ("suitable for", CueKind::Compatible), ("designed for", CueKind::Compatible),
    ("made for", CueKind::Compatible), ("for use with", CueKind::Compatible),
    ("replacement for", CueKind::Compatible), ("to fit", CueKind::Compatible),
    ("适用于", CueKind::Compatible), ("适用", CueKind::Compatible), ("兼容", CueKind::Compatible),
    ("适配", CueKind::Compatible), ("专用于", CueKind::Compatible), ("专用", CueKind::Compatible),
    ("适合", CueKind::Compatible), ("配", CueKind::Compatible), ("用于", CueKind::Compatible),
    // Second-hand goods: condition, wear, proof of purchase, why it is sold.
    ("pre-owned", CueKind::Resale), ("preowned", CueKind::Resale), ("pre owned", CueKind::Resale),
    ("pre-loved", CueKind::Resale), ("preloved", CueKind::Resale), ("pre loved", CueKind::Resale),
    ("second hand", CueKind::Resale), ("second-hand", CueKind::Resale),
    ("secondhand", CueKind::Resale), ("used", CueKind::Resale), ("worn", CueKind::Resale),
    ("like new", CueKind::Resale), ("condition", CueKind::Resale), ("open box", CueKind::Resale),
    ("opened", CueKind::Resale), ("tried on", CueKind::Resale), ("scuffs", CueKind::Resale),
    ("signs of wear", CueKind::Resale), ("wear and tear", CueKind::Resale),
    ("receipt", CueKind::Resale), ("proof of purchase", CueKind::Resale),
    ("authenticity card", CueKind::Resale), ("dust bag and box", CueKind::Resale),
    ("as a gift", CueKind::Resale), ("unwanted gift", CueKind::Resale),
    ("gift, never", CueKind::Resale), ("never used", CueKind::Resale),
    ("never worn", CueKind::Resale), ("closet", CueKind::Resale), ("moving sale", CueKind::Resale),
    ("my own", CueKind::Resale), ("personal collection", CueKind::Resale),
    ("no longer", CueKind::Resale), ("outgrown", CueKind::Resale), ("bought in", CueKind::Resale),
    ("bought at", CueKind::Resale), ("bought from", CueKind::Resale),
    ("purchased from", CueKind::Resale), ("purchased at", CueKind::Resale),
    ("reasonable offers", CueKind::Resale), ("offers welcome", CueKind::Resale),
    ("obo", CueKind::Resale), ("well kept", CueKind::Resale), ("barely", CueKind::Resale),
    ("闲置", CueKind::Resale), ("二手", CueKind::Resale), ("成新", CueKind::Resale),
    ("95新", CueKind::Resale), ("99新", CueKind::Resale), ("小票", CueKind::Resale),
    ("自用", CueKind::Resale), ("转让", CueKind::Resale), ("几乎全新", CueKind::Resale),
    ("用过", CueKind::Resale), ("穿过", CueKind::Resale), ("戴过", CueKind::Resale),
    ("专柜购入", CueKind::Resale), ("多余", CueKind::Resale), ("使用痕迹", CueKind::Resale),
    ("瑕疵", CueKind::Resale), ("搬家", CueKind::Resale), ("低价转", CueKind::Resale),
    ("送的", CueKind::Resale), ("未拆", CueKind::Resale),
    // Counterfeit trade.
    ("wholesale", CueKind::Counterfeit), ("factory direct", CueKind::Counterfeit),
    ("factory price", CueKind::Counterfeit), ("same factory", CueKind::Counterfeit),
    ("bulk lot", CueKind::Counterfeit), ("一件代发", CueKind::Counterfeit),
    ("批发", CueKind::Counterfeit), ("厂家直销", CueKind::Counterfeit),
    ("工厂直销", CueKind::Counterfeit), ("莆田", CueKind::Counterfeit),
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
            // About 150 short cues (1.3 KB): a DFA of a few hundred kilobytes at most, and
            // faster than the default NFA on every listing with a hit.
            .kind(Some(AhoCorasickKind::DFA))
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
            let glued = |c: Option<char>| c.is_some_and(is_word_char);
            if (cue.starts_with(|c: char| c.is_ascii_alphabetic())
                && glued(text[..m.start()].chars().next_back()))
                || (cue.ends_with(|c: char| c.is_ascii_alphabetic())
                    && glued(text[m.end()..].chars().next()))
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

/// The cue that names the mark at `span` to say what a product fits ("case for iPhone"),
/// if any: a compatibility word shortly before it.
pub fn compatibility_cue(cues: &[Cue], span: (usize, usize)) -> Option<Cue> {
    cues.iter()
        .copied()
        .find(|c| c.kind == CueKind::Compatible && c.end <= span.0 && span.0 - c.end <= 12)
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
