//! The text detector: registered marks as written (`trademark_exact`), their disguises
//! (`trademark_variant`) and claims of likeness (`trademark_similarity_claim`), read in
//! their context so that resale, compatibility and ordinary words do not become flags.

use rustc_hash::FxHashMap;

use crate::detect::Detector;
use crate::detect::text::confusion::budget as confusion_budget;
use crate::detect::text::context::{self, Cue, CueFinder, CueKind};
use crate::detect::text::fold::{Disguise, fold_into, is_invisible, mark_key, merged_pairs};
use crate::detect::text::fuzzy::{FuzzyIndex, Near, SearchMemo};
use crate::detect::text::homophone::{HomophoneIndex, SoundHit};
use crate::detect::text::normalize::{Haystack, is_cjk, normalize_key};
use crate::detect::text::tokens::{Word, joined_by_separators, spread_letters, spread_runs, words};
use crate::detect::text::words::english_or_name;
use crate::detect::text::works::{NameHit, WorkFinder};
use crate::detect::text::{
    LeetView, MarkMatcher, TextHit, inside_ordinary_word, is_common_word, misspelling_cost,
};
use crate::model::{Evidence, Listing, Mark, Reason, TextField, Work};

/// Product and shop words that sellers glue to a brand in hashtags (`nikeshoes`,
/// `guccibag`, `pradaoutlet`).
#[rustfmt::skip]
const GLUED_WORDS: &[&str] = &[
    "shoes", "shoe", "sneakers", "sneaker", "bag", "bags", "handbag", "purse", "wallet",
    "tee", "tshirt", "shirt", "hoodie", "jacket", "cap", "hat", "belt", "watch", "watches",
    "scarf", "sunglasses", "perfume", "case", "phone", "official", "store", "shop", "outlet",
    "original", "authentic", "fashion", "style", "men", "women", "kids", "sale", "sales",
    "deal", "deals", "discount", "cheap", "new", "hot", "vip",
];

/// A word of a multi-word form: (form, position of the word, words in the form).
type Anchor = (u32, u8, u8);

/// A registered Latin form (or pinyin spelling of a CJK form) as a variant target.
#[derive(Clone, Debug)]
struct Form {
    mark: usize,
    /// As registered.
    registered: String,
    /// NFKC, lower case, letters and digits only.
    plain: String,
    /// Registered with a space or other separator inside.
    multiword: bool,
    /// The pinyin spelling of a CJK form.
    pinyin: bool,
}

/// Settings of the text detector's context rules.
#[derive(Clone, Copy, Debug)]
pub struct TextRules {
    /// A mark named to say what an accessory fits ("case for iPhone") is not a flag.
    pub allow_compatibility_use: bool,
    /// A mark named in a resale listing with no counterfeit cue is not a flag.
    pub allow_resale: bool,
}

impl Default for TextRules {
    fn default() -> TextRules {
        TextRules {
            allow_compatibility_use: true,
            allow_resale: true,
        }
    }
}

/// Finds marks, their disguises and likeness claims in listing text.
///
/// # Example
/// ```
/// use ippscan::detect::Detector;
/// use ippscan::model::{Evidence, Listing, Mark, RightsScope};
/// use ippscan::detect::text::TextDetector;
/// let nike = Mark {
///     mark_id: "M1".into(), rights_holder: "Nike".into(), mark: "Nike".into(),
///     aliases: vec!["耐克".into()], registration_no: "1".into(), scope: RightsScope::default(), usual_price: None,
///     short_aliases: vec![],
/// };
/// let detector = TextDetector::new(&[nike], Default::default());
/// let listing = Listing { title: "N1KE Air 1:1 奈克".into(), ..Listing::default() };
/// let mut found = Vec::new();
/// detector.detect(&listing, &mut found);
/// let tactics: Vec<&str> = found.iter().filter_map(|e| match e { Evidence::Text { detail, .. } => Some(*detail), _ => None }).collect();
/// assert_eq!(tactics, ["homophone", "leet", "claim"]);
/// ```
#[derive(Debug)]
pub struct TextDetector {
    exact: MarkMatcher,
    forms: Vec<Form>,
    loose: FxHashMap<String, Vec<u32>>,
    fuzzy: FuzzyIndex,
    homophones: HomophoneIndex,
    cjk_forms: Vec<(usize, String)>,
    cues: CueFinder,
    /// Per mark: whether it is registered for listed categories only.
    restricted: Vec<bool>,
    /// Loose keys of [`GLUED_WORDS`], longest first.
    glued: Vec<String>,
    /// Loose keys of the forms, by form.
    keys: Vec<String>,
    /// Two-letter abbreviations, case-sensitive, and the mark each stands for.
    short: Option<(aho_corasick::AhoCorasick, Vec<(usize, String)>)>,
    /// Words of multi-word forms, lower case: (form, position, words in the form).
    multi_words: FxHashMap<String, Vec<Anchor>>,
    /// Longest word of a multi-word form, in bytes.
    multi_word_max: usize,
    /// The anchors' lower-case spellings, for passing over the words of a description
    /// that anchor nothing without building and looking up each.
    anchor_filter: WordFilter,
    /// The loose keys of the words of multi-word forms, for misspelt anchors, and the
    /// anchors each stands for.
    part_fuzzy: FuzzyIndex,
    part_anchors: Vec<Vec<Anchor>>,
    /// Longest loose key of a form, in bytes.
    longest_key: usize,
    rules: TextRules,
    /// How many of the matchers' marks are marks: those after them are works' names.
    marks: usize,
    /// Turns works' names into evidence where the listing offers a copy.
    works: WorkFinder,
}

/// One finding before it becomes evidence.
#[derive(Clone, Debug)]
struct Hit {
    mark: usize,
    reason: Reason,
    tactic: &'static str,
    field: TextField,
    span: (usize, usize),
    hay_span: (usize, usize),
    text: String,
    normalized: String,
    resolves_to: String,
    context: Option<String>,
    score: f32,
    /// The disguise is itself a common word ("bike"), so it needs support.
    common_word: bool,
    /// The compatibility word before it ("case for iPhone"), if any.
    compatible: Option<String>,
}

/// What a finder found, in haystack bytes, before it is placed in its field.
#[derive(Clone, Debug)]
struct Found {
    mark: usize,
    tactic: &'static str,
    hay_span: (usize, usize),
    normalized: String,
    resolves_to: String,
    score: f32,
    common_word: bool,
}

/// Per-listing scratch space, reused across calls on a thread.
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    cues: Vec<Cue>,
    key: String,
    near: Vec<Near>,
    /// Misspelling searches already made on this thread: among the marks, and among the
    /// words of multi-word marks.
    near_memo: SearchMemo,
    part_memo: SearchMemo,
    sounds: Vec<SoundHit>,
    pieces: Vec<Word>,
    runs: Vec<std::ops::Range<usize>>,
    joined: String,
    leet: LeetView,
    anchors: Vec<Anchor>,
    /// The words that may anchor a multi-word name (every word of a title), noted by
    /// [`TextDetector::word_hits`] as it reads every word.
    anchor_words: Vec<usize>,
    /// Per word of the text being read: [`Verdict`] bits, or 0 when not yet looked up.
    verdicts: Vec<u8>,
    /// A word in lower case, and the (form, first word) runs compared already, for
    /// [`TextDetector::multiword_hits`].
    lower: String,
    seen_runs: Vec<(u32, usize)>,
}

/// What the dictionaries say of a word, looked up once per word and shared by the finders.
struct Verdict;

impl Verdict {
    const KNOWN: u8 = 1;
    const ENGLISH: u8 = 2;
    const NAME: u8 = 4;

    /// (English word, else proper name) for word `i` of the text, `word` its letters.
    fn of(cache: &mut [u8], i: usize, word: &str) -> (bool, bool) {
        if cache[i] == 0 {
            let (english, name) = english_or_name(word);
            cache[i] = Verdict::KNOWN
                | if english { Verdict::ENGLISH } else { 0 }
                | if name { Verdict::NAME } else { 0 };
        }
        (
            cache[i] & Verdict::ENGLISH != 0,
            cache[i] & Verdict::NAME != 0,
        )
    }

    /// Forgets the verdicts of the last text: `words` words to come.
    fn reset(cache: &mut Vec<u8>, words: usize) {
        cache.clear();
        cache.resize(words, 0);
    }
}

impl TextDetector {
    pub fn new(marks: &[Mark], rules: TextRules) -> TextDetector {
        TextDetector::with_works(marks, &[], rules)
    }

    /// A detector for `marks` and for offers of copies of `works`: the works' titles and
    /// aliases are found by the same matchers, disguises included.
    ///
    /// # Example
    /// ```
    /// use ippscan::detect::Detector;
    /// use ippscan::detect::text::TextDetector;
    /// use ippscan::model::{Evidence, Listing, RightsScope, Work, WorkKind};
    /// let work = Work {
    ///     work_id: "W1".into(), rights_holder: "Mojang".into(), title: "Minecraft".into(),
    ///     aliases: vec!["我的世界".into()], kind: WorkKind::Game, registration_no: "R1".into(),
    ///     scope: RightsScope::default(), ordinary_names: vec![],
    /// };
    /// let detector = TextDetector::with_works(&[], &[work], Default::default());
    /// let mut found = Vec::new();
    /// let offer = Listing { title: "我的世界 破解版 PC 单机 下载".into(), ..Listing::default() };
    /// detector.detect(&offer, &mut found);
    /// assert!(matches!(found[..], [Evidence::Work { work: 0, .. }]));
    /// found.clear();
    /// let toy = Listing { title: "Minecraft creeper plush toy".into(), ..Listing::default() };
    /// detector.detect(&toy, &mut found);
    /// assert!(found.is_empty());
    /// ```
    pub fn with_works(marks: &[Mark], works: &[Work], rules: TextRules) -> TextDetector {
        let named: Vec<Mark> = marks
            .iter()
            .cloned()
            .chain(works.iter().map(|w| Mark {
                mark_id: w.work_id.clone(),
                rights_holder: w.rights_holder.clone(),
                mark: w.title.clone(),
                aliases: w.aliases.clone(),
                registration_no: w.registration_no.clone(),
                scope: w.scope.clone(),
                usual_price: None,
                short_aliases: Vec::new(),
            }))
            .collect();
        let mut detector = TextDetector::build(&named, rules);
        detector.marks = marks.len();
        detector.works = WorkFinder::new(works);
        detector
    }

    fn build(marks: &[Mark], rules: TextRules) -> TextDetector {
        let (mut forms, cjk_forms) = forms_of(marks);
        // A pinyin spelling that is also a Latin form of the same mark (Xiaomi) is that form.
        let latin: Vec<(usize, String)> = forms
            .iter()
            .filter(|f| !f.pinyin)
            .map(|f| (f.mark, f.plain.clone()))
            .collect();
        forms.retain(|f| {
            !f.pinyin || (f.plain.len() >= 5 && !latin.contains(&(f.mark, f.plain.clone())))
        });

        let keys: Vec<String> = forms.iter().map(|f| mark_key(&f.plain)).collect();
        let mut loose: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, key) in keys.iter().enumerate() {
            for k in std::iter::once(key.clone()).chain(merged_pairs(key)) {
                let ids = loose.entry(k).or_default();
                if !ids.contains(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        let fuzzy = FuzzyIndex::new(
            keys.iter()
                .zip(&forms)
                .map(|(k, f)| if f.pinyin { "" } else { k.as_str() }),
        );
        let mut multi_words: FxHashMap<String, Vec<Anchor>> = FxHashMap::default();
        for (id, f) in forms.iter().enumerate() {
            if !f.multiword {
                continue;
            }
            let norm = normalize_key(&f.registered);
            let parts: Vec<&str> = norm
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .collect();
            if !(2..=4).contains(&parts.len()) {
                continue;
            }
            for (pos, part) in parts.iter().enumerate() {
                // Each word anchors as written and as folded (`phιlippe` is `philippe`).
                for anchor in [(*part).to_string(), mark_key(part)] {
                    let entry = multi_words.entry(anchor).or_default();
                    let value = (id as u32, pos as u8, parts.len() as u8);
                    if !entry.contains(&value) {
                        entry.push(value);
                    }
                }
            }
        }
        // Searched with folded words: only the folded anchors can be found.
        let (part_keys, part_anchors): (Vec<&str>, Vec<Vec<Anchor>>) = multi_words
            .iter()
            .filter(|(anchor, _)| {
                anchor.is_ascii() && anchor.len() >= 4 && mark_key(anchor) == **anchor
            })
            .map(|(anchor, found)| (anchor.as_str(), found.clone()))
            .unzip();
        let part_fuzzy = FuzzyIndex::new(part_keys);
        let mut glued: Vec<String> = GLUED_WORDS.iter().map(|w| mark_key(w)).collect();
        glued.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let short = short_matcher(marks);
        let longest_key = keys.iter().map(String::len).max().unwrap_or(0);
        TextDetector {
            longest_key,
            part_fuzzy,
            part_anchors,
            short,
            exact: MarkMatcher::from_marks(marks),
            homophones: HomophoneIndex::new(
                cjk_forms
                    .iter()
                    .enumerate()
                    .map(|(i, (_, f))| (f.as_str(), i)),
            ),
            cjk_forms,
            forms,
            loose,
            fuzzy,
            cues: CueFinder::new(),
            restricted: marks
                .iter()
                .map(|m| !m.scope.categories.is_empty())
                .collect(),
            glued,
            keys,
            multi_word_max: multi_words.keys().map(String::len).max().unwrap_or(0),
            anchor_filter: WordFilter::new(multi_words.keys()),
            multi_words,
            rules,
            marks: marks.len(),
            works: WorkFinder::new(&[]),
        }
    }

    fn scan_field(
        &self,
        field: TextField,
        text: &str,
        hay: &Haystack<'_>,
        s: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        let h = hay.as_str();
        let mut found = Vec::new();
        for hit in self.exact.find_in(hay) {
            let form = self.exact.registered_form(hit.key);
            // As written: the haystack of non-ASCII text is lower-cased.
            let written = &text[hit.span.0..hit.span.1];
            let tactic = if written.chars().any(is_invisible) {
                "invisible"
            } else if written.chars().any(is_styled_letter) {
                "fullwidth"
            } else if hit.alias {
                "alias"
            } else {
                "exact"
            };
            let ordinary = if form.chars().any(is_cjk) {
                inside_ordinary_word(h, hit.hay_span)
            } else {
                is_ordinary_use(form, written)
            };
            found.push(self.exact_found(&hit, tactic, hit.hay_span, ordinary));
        }
        self.short_hits(text, hay, &mut found);
        let title = field == TextField::Title;
        words(h, &mut s.words);
        Verdict::reset(&mut s.verdicts, s.words.len());
        self.word_hits(h, title, s, &mut found);
        self.spaced_hits(h, title, s, &mut found);
        if !self.multi_words.is_empty() {
            self.multiword_hits(h, title, s, &mut found);
        }
        if !self.homophones.is_empty() && !h.is_ascii() {
            self.sound_hits(h, s, &mut found);
        }
        if title {
            self.leet_hits(h, s, &mut found);
        }
        let weight = match field {
            TextField::Title => 0.0,
            TextField::Description => -0.1,
        };
        hits.extend(found.into_iter().map(|f| {
            let span = hay.original_span(f.hay_span.0, f.hay_span.1);
            Hit {
                mark: f.mark,
                reason: if matches!(f.tactic, "exact" | "alias" | "fullwidth") {
                    Reason::TrademarkExact
                } else {
                    Reason::TrademarkVariant
                },
                tactic: f.tactic,
                field,
                span,
                hay_span: f.hay_span,
                text: text[span.0..span.1].to_string(),
                normalized: f.normalized,
                resolves_to: f.resolves_to,
                context: None,
                score: (f.score + weight).clamp(0.05, 1.0),
                common_word: f.common_word,
                compatible: None,
            }
        }));
    }

    /// Marks drawn in leetspeak of several characters or of symbols (`R()l3x`, `Cro(s`):
    /// the word finders read the haystack once more, rewritten by [`LeetView`], and what
    /// they find there is a leet disguise.
    fn leet_hits(&self, h: &str, s: &mut Scratch, found: &mut Vec<Found>) {
        let mut view = std::mem::take(&mut s.leet);
        if view.rewrite(h) {
            let before = found.len();
            let v = view.as_str();
            for hit in self.exact.find(v) {
                let mut leet = self.exact_found(&hit, "leet", hit.span, false);
                leet.score = tactic_score("leet", 0.0, "");
                found.push(leet);
            }
            words(v, &mut s.words);
            Verdict::reset(&mut s.verdicts, s.words.len());
            self.word_hits(v, true, s, found);
            self.spaced_hits(v, true, s, found);
            if !self.multi_words.is_empty() {
                self.multiword_hits(v, true, s, found);
            }
            for f in &mut found[before..] {
                f.hay_span = view.haystack_span(f.hay_span);
                if f.tactic != "pinyin" {
                    f.tactic = "leet";
                }
            }
        }
        s.leet = view;
    }

    /// A mark or alias the exact matcher found at `hay_span`, as registered.
    fn exact_found(
        &self,
        hit: &TextHit,
        tactic: &'static str,
        hay_span: (usize, usize),
        common_word: bool,
    ) -> Found {
        let form = self.exact.registered_form(hit.key);
        Found {
            mark: hit.mark,
            tactic,
            hay_span,
            normalized: normalize_key(form),
            resolves_to: form.to_string(),
            score: 0.9,
            common_word,
        }
    }

    /// The forms whose loose key is `key`, or `key` with letter pairs merged.
    fn loose_get(&self, key: &str) -> Option<&Vec<u32>> {
        self.loose
            .get(key)
            .or_else(|| merged_pairs(key).and_then(|k| self.loose.get(&k)))
    }

    /// Two-letter abbreviations (`LV`), as written in capitals and standing alone: next
    /// to nothing but spaces, punctuation or CJK text (`LV包` counts, `LV3`, `lv` do not).
    fn short_hits(&self, text: &str, hay: &Haystack<'_>, found: &mut Vec<Found>) {
        let Some((automaton, forms)) = &self.short else {
            return;
        };
        let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
        for m in automaton.find_overlapping_iter(text) {
            let (before, after) = (&text[..m.start()], &text[m.end()..]);
            if !alone(before.chars().next_back()) || !alone(after.chars().next()) {
                continue;
            }
            // A model or part code: `LV-563`, `AP-525`, `X-LV`.
            if joins_code(after.chars()) || joins_code(before.chars().rev()) {
                continue;
            }
            let (mark, alias) = &forms[m.pattern().as_usize()];
            found.push(Found {
                mark: *mark,
                tactic: "alias",
                hay_span: hay.haystack_span(m.start(), m.end()),
                normalized: alias.clone(),
                resolves_to: alias.clone(),
                score: 0.8,
                common_word: false,
            });
        }
    }

    /// A disguise of `form` at `hay_span`.
    fn found(
        &self,
        id: u32,
        tactic: &'static str,
        hay_span: (usize, usize),
        key: &str,
        cost: f32,
        common_word: bool,
    ) -> Found {
        let form = &self.forms[id as usize];
        Found {
            mark: form.mark,
            tactic,
            hay_span,
            normalized: key.to_string(),
            resolves_to: form.registered.clone(),
            score: tactic_score(tactic, cost, &form.plain),
            common_word,
        }
    }

    /// Single words: disguised (look-alikes, leet, invisible characters), misspelt, glued
    /// to a product word, or a pinyin spelling.
    fn word_hits(&self, h: &str, title: bool, s: &mut Scratch, found: &mut Vec<Found>) {
        s.anchor_words.clear();
        let anchors = !self.multi_words.is_empty();
        for (i, w) in s.words.iter().enumerate() {
            let word = &h[w.start..w.end];
            let plain = w.plain;
            // A title's words are searched for misspelt anchors too; a plain word of a
            // description anchors only as itself, and other words may fold onto an anchor.
            if anchors && (title || !plain || self.anchor_filter.may_hold(word)) {
                s.anchor_words.push(i);
            }
            // Descriptions are long and their disguises matter less than titles': there a
            // short plain word is read as itself, and so is an ordinary word.
            if !title && plain && word.len() < 4 {
                continue;
            }
            let (common, name) = if plain {
                Verdict::of(&mut s.verdicts, i, word)
            } else {
                (false, false)
            };
            if common && !title {
                continue;
            }
            let disguise = fold_into(word, &mut s.key);
            if s.key.len() < 3 {
                continue;
            }
            let span = (w.start, w.end);
            if let Some(ids) = self.loose_get(&s.key) {
                for &id in ids {
                    let form = &self.forms[id as usize];
                    let as_registered = word.chars().all(char::is_alphanumeric)
                        && word
                            .chars()
                            .flat_map(char::to_lowercase)
                            .eq(form.plain.chars());
                    let tactic = match (form.pinyin, as_registered, form.multiword) {
                        (true, _, _) => "pinyin",
                        (false, true, true) => "spacing",
                        (false, true, false) => continue,
                        (false, false, _) => disguise_tactic(disguise),
                    };
                    found.push(self.found(id, tactic, span, &s.key, 0.0, common));
                }
                continue;
            }
            // A misspelling that is itself an ordinary word ("channel") or a name ("Nixon",
            // "Nile") is that word.
            if !common && !name {
                s.near.clear();
                // Descriptions are long: two edits only on long marks there.
                self.fuzzy
                    .search_memo(&s.key, title, &mut s.near_memo, &mut s.near);
                let tactic = match disguise_tactic(disguise) {
                    "confusable" => "misspelling",
                    other => other,
                };
                // A misspelling is of the nearest mark (or marks, when equally near).
                let nearest = s.near.iter().map(|n| n.cost).fold(f32::INFINITY, f32::min);
                for n in s.near.iter().filter(|n| n.cost <= nearest + 1e-4) {
                    found.push(self.found(n.key, tactic, span, &s.key, n.cost, false));
                }
                if !s.near.is_empty() {
                    continue;
                }
            }
            if !common && s.key.len() >= 7 {
                self.glued_hit(&s.key, span, found);
            }
        }
    }

    /// Letters or short pieces spread out by separators of any kind: `G U C C I`,
    /// `N--i--k--e`, `CA / NA / DA GOOSE` (in descriptions, single letters only). A stretch
    /// may carry stray pieces at its ends (`A D I D A S t-shirt`), so every stretch of it is
    /// tried, longest first, up to the longest form's length.
    fn spaced_hits(&self, h: &str, title: bool, s: &mut Scratch, found: &mut Vec<Found>) {
        if title {
            spread_runs(h, &mut s.pieces, &mut s.runs);
        } else {
            spread_letters(h, &s.words, &mut s.pieces, &mut s.runs);
        }
        for r in 0..s.runs.len() {
            let run = s.runs[r].clone();
            let mut claimed_until = run.start;
            for first in run.clone() {
                if first < claimed_until {
                    continue;
                }
                let mut best = None;
                s.joined.clear();
                for last in first..run.end {
                    let p = s.pieces[last];
                    s.joined.push_str(&h[p.start..p.end]);
                    if s.joined.len() > self.longest_key {
                        break;
                    }
                    if last == first || s.joined.len() < 3 {
                        continue;
                    }
                    fold_into(&s.joined, &mut s.key);
                    if let Some(ids) = self.loose_get(&s.key) {
                        best = Some((last, ids, s.key.clone()));
                    }
                }
                let Some((last, ids, key)) = best else {
                    continue;
                };
                let span = (s.pieces[first].start, s.pieces[last].end);
                for &id in ids {
                    found.push(self.found(id, "spacing", span, &key, 0.0, false));
                }
                claimed_until = last + 1;
            }
        }
    }

    /// Reads the words around this field's hits: adds claims of likeness, marks hits named
    /// for compatibility, and returns the field's first resale cue and whether it has a
    /// counterfeit cue. Only listings with hits get here, so cues cost nothing on clean
    /// listings.
    fn read_context(
        &self,
        field: TextField,
        hay: &Haystack<'_>,
        s: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) -> (Option<String>, bool) {
        let h = hay.as_str();
        self.cues.find(h, &mut s.cues);
        let base = if field == TextField::Title { 0.0 } else { -0.1 };
        let found = hits.len();
        for k in 0..found {
            if hits[k].field != field {
                continue;
            }
            if let Some(cue) = context::claims(&s.cues, hits[k].hay_span) {
                let mut claim = hits[k].clone();
                claim.reason = Reason::TrademarkSimilarityClaim;
                claim.tactic = "claim";
                claim.context = Some(h[cue.start..cue.end].to_string());
                claim.score = (0.95_f32 + base).min(1.0);
                // "thermos style" is a kind of flask: a weak cue after an ordinary word
                // needs support as the word does.
                claim.common_word = hits[k].common_word && cue.kind == CueKind::ClaimAfter;
                if !claim.common_word {
                    hits[k].common_word = false;
                }
                hits.push(claim);
            }
            if self.rules.allow_compatibility_use
                && let Some(cue) = context::compatibility_cue(&s.cues, hits[k].hay_span)
            {
                hits[k].compatible = Some(h[cue.start..cue.end].to_string());
            }
        }
        (
            s.cues
                .iter()
                .find(|c| c.kind == CueKind::Resale)
                .map(|c| h[c.start..c.end].to_string()),
            s.cues.iter().any(|c| c.kind == CueKind::Counterfeit),
        )
    }

    fn glued_hit(&self, key: &str, span: (usize, usize), found: &mut Vec<Found>) {
        for product in &self.glued {
            let Some(stem) = key
                .strip_suffix(product.as_str())
                .or_else(|| key.strip_prefix(product.as_str()))
            else {
                continue;
            };
            if stem.len() < 4 {
                continue;
            }
            for &id in self.loose.get(stem).into_iter().flatten() {
                let form = &self.forms[id as usize];
                if !form.pinyin && !is_common_word(&form.plain) {
                    found.push(self.found(id, "glued", span, key, 0.0, false));
                }
            }
            return;
        }
    }

    /// The words of multi-word forms that `word` (lower case) may be: as written, folded
    /// (`phιlippe`), or in a title misspelt within its budget (`pigoet`), into `s.anchors`.
    fn anchors_of(&self, i: usize, word: &str, title: bool, s: &mut Scratch) {
        s.anchors.clear();
        if let Some(found) = self.multi_words.get(word) {
            s.anchors.extend_from_slice(found);
            return;
        }
        // A word of plain lower-case letters folds to itself but for look-alike merges; only
        // a word with other characters can fold onto an anchor it does not spell.
        let plain = word.bytes().all(|b| b.is_ascii_lowercase());
        if !plain {
            fold_into(word, &mut s.key);
            if let Some(found) = self.multi_words.get(s.key.as_str()) {
                s.anchors.extend_from_slice(found);
                return;
            }
        }
        if !title || word.len() < 4 {
            return;
        }
        let (english, name) = Verdict::of(&mut s.verdicts, i, word);
        if english || name {
            return;
        }
        if plain {
            fold_into(word, &mut s.key);
        }
        s.near.clear();
        self.part_fuzzy
            .search_memo(&s.key, true, &mut s.part_memo, &mut s.near);
        for n in &s.near {
            s.anchors
                .extend_from_slice(&self.part_anchors[n.key as usize]);
        }
    }

    /// Multi-word marks written apart, together or misspelt: a run of words anchors on
    /// one word of a mark written as registered, and the whole run is compared with it.
    fn multiword_hits(&self, h: &str, title: bool, s: &mut Scratch, found: &mut Vec<Found>) {
        let mut lower = std::mem::take(&mut s.lower);
        let mut seen = std::mem::take(&mut s.seen_runs);
        seen.clear();
        // The words that may anchor, as `word_hits` noted them. Chinese text is never a
        // word: the tokenizer leaves CJK characters out.
        for c in 0..s.anchor_words.len() {
            let i = s.anchor_words[c];
            let w = &h[s.words[i].start..s.words[i].end];
            let plain = s.words[i].plain;
            // A disguised word may take up to four bytes a letter.
            if w.len() > self.multi_word_max * if plain || w.is_ascii() { 1 } else { 4 } {
                continue;
            }
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            self.anchors_of(i, &lower, title, s);
            if s.anchors.is_empty() {
                continue;
            }
            let anchors = std::mem::take(&mut s.anchors);
            for &(id, pos, count) in &anchors {
                let (pos, count) = (usize::from(pos), usize::from(count));
                let Some(first) = i.checked_sub(pos) else {
                    continue;
                };
                let last = first + count - 1;
                if last >= s.words.len() || seen.contains(&(id, first)) {
                    continue;
                }
                seen.push((id, first));
                let run = &s.words[first..=last];
                if !run
                    .windows(2)
                    .all(|p| joined_by_separators(h, p[0], p[1], 3))
                {
                    continue;
                }
                let joined: String = run.iter().map(|w| &h[w.start..w.end]).collect();
                let plain: String = joined
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                let disguise = fold_into(&joined, &mut s.key);
                let form = &self.forms[id as usize];
                let key = &self.keys[id as usize];
                let merged = merged_pairs(&s.key);
                let (tactic, cost) = if s.key == *key
                    || merged
                        .as_deref()
                        .is_some_and(|m| m == key || merged_pairs(key).as_deref() == Some(m))
                {
                    if plain == form.plain {
                        ("spacing", 0.0)
                    } else {
                        (disguise_tactic(disguise), 0.0)
                    }
                } else if s
                    .key
                    .strip_prefix(key.as_str())
                    .is_some_and(|rest| self.glued.iter().any(|g| g == rest))
                {
                    // A multi-word mark glued to a product word: `#ray-banoutlet`.
                    ("glued", 0.0)
                } else {
                    match misspelling_cost(key, &s.key) {
                        Some((cost, edits)) if edits > 0 => ("misspelling", cost),
                        _ => continue,
                    }
                };
                let span = (run[0].start, run[run.len() - 1].end);
                found.push(self.found(id, tactic, span, &s.key, cost, false));
            }
            s.anchors = anchors;
        }
        s.lower = lower;
        s.seen_runs = seen;
    }

    /// CJK names written with characters of the same (or nearly the same) sound.
    fn sound_hits(&self, h: &str, s: &mut Scratch, found: &mut Vec<Found>) {
        let mut run: Vec<(usize, char)> = Vec::new();
        let mut chars = h.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_cjk(c) {
                run.push((i, c));
            }
            let ends = !is_cjk(c) || chars.peek().is_none();
            if ends && !run.is_empty() {
                let text: Vec<char> = run.iter().map(|&(_, c)| c).collect();
                s.sounds.clear();
                self.homophones.find(&text, &mut s.sounds);
                for hit in &s.sounds {
                    let (mark, registered) = &self.cjk_forms[hit.target];
                    let start = run[hit.start].0;
                    let last = run[hit.end - 1];
                    let span = (start, last.0 + last.1.len_utf8());
                    found.push(Found {
                        mark: *mark,
                        tactic: "homophone",
                        hay_span: span,
                        normalized: h[span.0..span.1].to_string(),
                        resolves_to: registered.clone(),
                        score: if hit.exact_sound { 0.8 } else { 0.7 },
                        common_word: false,
                    });
                }
                run.clear();
            }
        }
    }

    /// Applies the listing-wide rules and turns hits into evidence.
    fn finish(
        &self,
        listing: &Listing,
        hits: Vec<Hit>,
        resale: Option<String>,
        counterfeit: bool,
        out: &mut Vec<Evidence>,
    ) {
        let (work_hits, mut hits): (Vec<Hit>, Vec<Hit>) =
            hits.into_iter().partition(|h| h.mark >= self.marks);
        let names = work_hits
            .into_iter()
            // A likeness claim is a trademark's matter; a name said to be what an
            // accessory fits ("stickers for Photoshop") offers no copy.
            .filter(|h| h.reason != Reason::TrademarkSimilarityClaim && h.compatible.is_none())
            .map(|h| NameHit {
                work: h.mark - self.marks,
                field: h.field,
                span: h.span,
                tactic: if h.reason == Reason::TrademarkExact {
                    "exact"
                } else {
                    h.tactic
                },
                text: h.text,
                name: h.resolves_to,
            })
            .collect();
        self.works.evidence(listing, names, out);
        // A disguise that overlaps a mark as written is that mark as written: `范思哲`
        // (Versace) holds a homophone of `范斯` (Vans), and is Versace.
        let exact: Vec<(TextField, (usize, usize))> = hits
            .iter()
            .filter(|h| h.reason == Reason::TrademarkExact)
            .map(|h| (h.field, h.span))
            .collect();
        hits.retain(|h| {
            h.reason != Reason::TrademarkVariant
                || !exact
                    .iter()
                    .any(|&(f, s)| f == h.field && s.0 < h.span.1 && h.span.0 < s.1)
        });
        let mut marks: Vec<usize> = hits.iter().map(|h| h.mark).collect();
        marks.sort_unstable();
        marks.dedup();
        let counterfeit = counterfeit || marks.len() >= 3;
        let resale = resale.filter(|_| self.rules.allow_resale && !counterfeit);
        for h in &mut hits {
            discount(h, resale.as_deref());
        }
        // A disguise that is an ordinary word needs support from the rest of the listing.
        let supported: Vec<usize> = hits
            .iter()
            .filter(|h| !h.common_word)
            .map(|h| h.mark)
            .collect();
        // A registered category supports a disguise, but not a mark written as a plain
        // word: "a polo shirt" in clothing is still a polo shirt.
        hits.retain(|h| {
            !h.common_word
                || supported.contains(&h.mark)
                || (h.reason == Reason::TrademarkVariant
                    && self.restricted[h.mark]
                    && listing.category.is_some())
        });
        // One piece of evidence per mark, reason and tactic (a mark and its alias are one).
        let group = |h: &Hit| {
            let tactic = if h.reason == Reason::TrademarkExact {
                ""
            } else {
                h.tactic
            };
            (h.mark, h.reason, tactic)
        };
        hits.sort_by(|a, b| {
            group(a)
                .cmp(&group(b))
                .then(b.score.total_cmp(&a.score))
                .then((a.field as u8, a.span).cmp(&(b.field as u8, b.span)))
        });
        let mut i = 0;
        while i < hits.len() {
            let same = hits[i..]
                .iter()
                .take_while(|h| group(h) == group(&hits[i]))
                .count();
            let h = &hits[i];
            out.push(Evidence::Text {
                reason: h.reason,
                mark: h.mark,
                detail: h.tactic,
                field: h.field,
                text: h.text.clone(),
                span: h.span,
                normalized: h.normalized.clone(),
                resolves_to: h.resolves_to.clone(),
                context: if h.context.is_some() {
                    h.context.clone()
                } else if counterfeit {
                    Some("counterfeit cue".to_string())
                } else {
                    None
                },
                occurrences: same as u32,
                score: h.score,
            });
            i += same;
        }
    }
}

/// A filter of words by their shape: length, first three and last two letters, case
/// ignored, set at two places of 2^17 bits (16 KiB, in the first-level cache) by one
/// multiply. "Not held" is sure, "may hold" is checked against the map. Descriptions have
/// hundreds of words, and a shape costs a few instructions where hashing every byte costs
/// one per byte. With three letters of the start where it had one and a half, one plain
/// word of a description in forty-five reaches the map, where one in fifteen did.
#[derive(Debug)]
struct WordFilter(Box<[u64]>);

impl WordFilter {
    const BITS: u32 = 17;

    fn new<'w>(words: impl IntoIterator<Item = &'w String>) -> WordFilter {
        let mut bits = vec![0u64; 1 << (Self::BITS - 6)].into_boxed_slice();
        for w in words {
            if let Some((a, b)) = Self::slots(w) {
                bits[a >> 6] |= 1 << (a & 63);
                bits[b >> 6] |= 1 << (b & 63);
            }
        }
        WordFilter(bits)
    }

    /// The word's two places, for words of two bytes or more.
    fn slots(word: &str) -> Option<(usize, usize)> {
        let b = word.as_bytes();
        let n = b.len();
        if n < 2 {
            return None;
        }
        // Letters in either case alike; what else is in a word only needs to be the same
        // each time.
        let at = |i: usize| u64::from(b[i.min(n - 1)] | 0x20);
        let shape = (n.min(255) as u64)
            | at(0) << 8
            | at(1) << 16
            | at(2) << 24
            | at(n - 2) << 32
            | at(n - 1) << 40;
        let h = shape.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mask = (1 << Self::BITS) - 1;
        Some(((h >> 47) as usize & mask, (h >> 20) as usize & mask))
    }

    fn may_hold(&self, word: &str) -> bool {
        let held = |at: usize| self.0[at >> 6] & (1 << (at & 63)) != 0;
        Self::slots(word).is_none_or(|(a, b)| held(a) && held(b))
    }
}

/// Most a mark named as registered scores in a resale listing or to say what a part fits:
/// under every queue threshold even with the price bonus, so such a listing is written to
/// the flags with its reason but sent to no reviewer.
const SECONDARY_USE_SCORE: f32 = 0.4;
/// What a disguise loses there: a reseller or an accessory maker has no reason to disguise
/// a mark, so a disguise stays a flag.
const SECONDARY_USE_DISGUISE: f32 = 0.1;

/// Lowers a hit named for compatibility or in a resale listing, and says why in its
/// context. Claims of likeness are never lowered: a listing that claims likeness is
/// flagged whatever else it says.
fn discount(h: &mut Hit, resale: Option<&str>) {
    if h.reason == Reason::TrademarkSimilarityClaim {
        return;
    }
    let why = match (&h.compatible, resale) {
        (Some(cue), _) => format!("compatibility: {cue}"),
        (None, Some(cue)) => format!("resale: {cue}"),
        (None, None) => return,
    };
    h.score = if h.reason == Reason::TrademarkExact {
        h.score.min(SECONDARY_USE_SCORE)
    } else {
        h.score - SECONDARY_USE_DISGUISE
    };
    h.context = Some(why);
}

/// Whether a mark that is also an English word ("polo", "supreme", "galaxy") is written
/// as that word: in plain lower-case letters. Such a mention needs support from the
/// listing, as a disguise that is a word does; `Polo`, `POLO` read as the brand, and so do
/// full-width or styled letters (`ｐｏｌｏ`), which nobody types for an ordinary word.
fn is_ordinary_use(form: &str, written: &str) -> bool {
    written.is_ascii()
        && !written.chars().any(char::is_uppercase)
        && is_plain_word(form)
        && is_common_word(form)
}

/// Full-width Latin letters and digits, and the mathematical alphanumeric letters
/// (bold, italic, script…): compatibility forms that NFKC reads as plain letters.
fn is_styled_letter(c: char) -> bool {
    matches!(c as u32, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0x1D400..=0x1D7FF)
}

/// The Latin forms of every mark and alias (and the pinyin spellings of the CJK ones), and
/// the CJK forms with the mark each belongs to.
fn forms_of(marks: &[Mark]) -> (Vec<Form>, Vec<(usize, String)>) {
    let mut forms = Vec::new();
    let mut cjk_forms = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        for registered in std::iter::once(&m.mark).chain(&m.aliases) {
            let norm = normalize_key(registered);
            if norm.chars().any(is_cjk) {
                cjk_forms.push((i, registered.clone()));
                if let Some(spelling) = HomophoneIndex::spelling(&norm) {
                    forms.push(Form {
                        mark: i,
                        registered: registered.clone(),
                        plain: spelling,
                        multiword: false,
                        pinyin: true,
                    });
                }
                continue;
            }
            let plain: String = norm.chars().filter(|c| c.is_alphanumeric()).collect();
            if plain.chars().count() < 3 {
                continue;
            }
            forms.push(Form {
                mark: i,
                registered: registered.clone(),
                multiword: norm.chars().any(|c| !c.is_alphanumeric()),
                plain,
                pinyin: false,
            });
        }
    }
    (forms, cjk_forms)
}

/// The two-letter abbreviations of `marks`, with the mark each stands for.
fn short_matcher(marks: &[Mark]) -> Option<(aho_corasick::AhoCorasick, Vec<(usize, String)>)> {
    let forms: Vec<(usize, String)> = marks
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.short_aliases.iter().map(move |a| (i, a.clone())))
        .collect();
    if forms.is_empty() {
        return None;
    }
    let automaton = aho_corasick::AhoCorasick::new(forms.iter().map(|(_, a)| a)).ok()?;
    Some((automaton, forms))
}

/// Whether the characters next to an abbreviation (read away from it) join it to a code:
/// a hyphen, underscore or slash, then a letter or digit.
fn joins_code(mut next: impl Iterator<Item = char>) -> bool {
    next.next().is_some_and(|c| matches!(c, '-' | '_' | '/'))
        && next.next().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Letters only, ASCII: the only words that can be dictionary words.
fn is_plain_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic())
}

fn disguise_tactic(d: Disguise) -> &'static str {
    if d.homoglyph {
        "homoglyph"
    } else if d.leet {
        "leet"
    } else {
        "confusable"
    }
}

/// The score of a disguise: how surely it means the mark, before the field's weight. A
/// misspelling scores by how much of its budget its confusion cost spends.
fn tactic_score(tactic: &str, cost: f32, plain: &str) -> f32 {
    let base = match tactic {
        "leet" | "spacing" => 0.85,
        "confusable" => 0.8,
        "misspelling" => {
            let budget = confusion_budget(plain.len()).0.max(0.1);
            0.85 - 0.15 * (cost / budget).min(1.0)
        }
        "glued" | "homophone" => 0.75,
        "pinyin" => 0.7,
        // homoglyph, and the mark as written
        _ => 0.9,
    };
    let distinctive = if plain.len() >= 8 { 0.05 } else { 0.0 };
    base + distinctive
}

impl Detector for TextDetector {
    fn name(&self) -> &'static str {
        "text"
    }

    fn detect(&self, listing: &Listing, out: &mut Vec<Evidence>) {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| {
            let s = &mut s.borrow_mut();
            let mut hits = Vec::new();
            let title = Haystack::new(&listing.title);
            let description = Haystack::new(&listing.description);
            self.scan_field(TextField::Title, &listing.title, &title, s, &mut hits);
            let text = &listing.description;
            self.scan_field(TextField::Description, text, &description, s, &mut hits);
            if !hits.is_empty() {
                let (r1, c1) = self.read_context(TextField::Title, &title, s, &mut hits);
                let (r2, c2) =
                    self.read_context(TextField::Description, &description, s, &mut hits);
                self.finish(listing, hits, r1.or(r2), c1 || c2, out);
            }
        });
    }
}
