//! Labelled listings for the text evaluation, drawn from [`super::tables`] alone: this
//! file imports nothing from `ippscan`, so the disguises it writes are not the ones the
//! detector was built to undo. Every edit may touch any letter, the first included.

use std::fmt::Write as _;

use crate::helpers::Rng;

use super::tables::{
    ACCESSORIES, DESCRIPTIONS, DETAILS_EN, DETAILS_ZH, FITS_EN, FITS_ZH, GOODS, INVISIBLE,
    KNOCKOFFS, LEET, LOOKALIKES, MARKS, MarkRow, ORDINARY, OTHER_BRANDS, PLAIN_GOODS, PLAIN_WORDS,
    QWERTY, RESALE_EN, RESALE_ZH, SEPARATORS, SYLLABLES,
};

/// The positive tactics, in report order.
pub const TACTICS: &[&str] = &[
    "exact",
    "chinese_exact",
    "homophone",
    "fullwidth",
    "homoglyph",
    "leet",
    "omission",
    "doubled",
    "dotted",
    "separators",
    "zero_width",
    "typo",
    "keyboard",
    "transposition",
    "knockoff",
    "claim",
];

/// The negative families: nothing here may enter the complaint queue.
pub const FAMILIES: &[&str] = &[
    "resale",
    "ordinary_word",
    "compatibility",
    "authorised",
    "clean",
];

const PLATFORMS: &[&str] = &["taobao", "tmall", "1688", "aliexpress", "alibaba.com"];

/// How many listings of each kind a part has.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub per_tactic: usize,
    pub per_family: usize,
    pub clean: usize,
}

/// One labelled listing.
#[derive(Clone, Debug)]
pub struct Row {
    pub listing_id: String,
    pub seller_id: String,
    pub platform: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub price: f64,
    pub currency: String,
    /// The mark id a positive must be flagged for; empty for negatives.
    pub expect_mark: String,
    pub expect_reason: String,
    /// The tactic (positives) or family (negatives).
    pub kind: String,
}

impl Row {
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "listing_id": self.listing_id, "seller_id": self.seller_id, "platform": self.platform,
            "category": self.category, "title": self.title, "description": self.description,
            "price": self.price, "currency": self.currency, "expect_mark": self.expect_mark,
            "expect_reason": self.expect_reason, "kind": self.kind,
        })
        .to_string()
    }

    pub fn from_json(line: &str) -> Row {
        let v: serde_json::Value = serde_json::from_str(line).expect("evaluation rows are JSON");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Row {
            listing_id: s("listing_id"),
            seller_id: s("seller_id"),
            platform: s("platform"),
            category: s("category"),
            title: s("title"),
            description: s("description"),
            price: v["price"].as_f64().unwrap_or_default(),
            currency: s("currency"),
            expect_mark: s("expect_mark"),
            expect_reason: s("expect_reason"),
            kind: s("kind"),
        }
    }
}

/// The evaluation's marks file, in the upload format.
pub fn marks_csv() -> String {
    let mut out = String::from(
        "mark_id,rights_holder,mark,aliases,jurisdictions,categories,registration_no,valid_until,authorized_sellers,usual_price,usual_currency\n",
    );
    for (i, &(mark, aliases, cn, _, categories, _, price)) in MARKS.iter().enumerate() {
        let mut all: Vec<&str> = aliases.to_vec();
        if !cn.is_empty() {
            all.push(cn);
        }
        let quote = |s: &str| {
            if s.contains([',', '"']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let _ = writeln!(
            out,
            "{},{},{},{},CN|US|EU|WIPO,{},EVAL-TM-{:05},2035-12-31,{},{},USD",
            mark_id(i),
            quote(&format!("{} rights holder", strip_marks(mark))),
            quote(mark),
            quote(&all.join("|")),
            categories,
            1000 + i,
            authorised_seller(i),
            price
        );
    }
    out
}

fn mark_id(i: usize) -> String {
    format!("E{:03}", i + 1)
}

fn authorised_seller(i: usize) -> String {
    format!("auth_e{:03}", i + 1)
}

fn strip_marks(s: &str) -> String {
    s.chars().filter(char::is_ascii).collect()
}

/// A part of the evaluation: `seed` draws it, `sizes` says how large.
pub fn generate(seed: u64, sizes: Sizes) -> Vec<Row> {
    let mut g = Gen {
        rng: Rng::new(seed),
        rows: Vec::new(),
    };
    for &tactic in TACTICS {
        for _ in 0..sizes.per_tactic {
            g.positive(tactic);
        }
    }
    for &family in FAMILIES {
        let n = if family == "clean" {
            sizes.clean
        } else {
            sizes.per_family
        };
        for _ in 0..n {
            g.negative(family);
        }
    }
    // Interleave, as a dump would be.
    let mut rows = std::mem::take(&mut g.rows);
    for i in (1..rows.len()).rev() {
        let j = g.rng.below(i + 1);
        rows.swap(i, j);
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.listing_id = format!("EV{seed:04X}-{i:05}");
    }
    rows
}

struct Gen {
    rng: Rng,
    rows: Vec<Row>,
}

/// A mark as the generator writes it: registered form, Chinese name, goods.
struct Pick {
    index: usize,
    row: MarkRow,
}

impl Gen {
    fn mark(&mut self, need_cn: bool) -> Pick {
        loop {
            let index = self.rng.below(MARKS.len());
            let row = MARKS[index];
            if !need_cn || !row.2.is_empty() {
                return Pick { index, row };
            }
        }
    }

    fn goods(&mut self, category: &str) -> (&'static str, &'static str) {
        let (_, en, zh) = GOODS
            .iter()
            .find(|(c, _, _)| *c == category)
            .copied()
            .unwrap_or(GOODS[0]);
        (*self.rng.pick(en), *self.rng.pick(zh))
    }

    fn details_en(&mut self, max: usize) -> Vec<&'static str> {
        let n = self.rng.below(max + 1);
        (0..n).map(|_| *self.rng.pick(DETAILS_EN)).collect()
    }

    fn details_zh(&mut self, max: usize) -> String {
        let n = self.rng.below(max + 1);
        (0..n)
            .map(|_| *self.rng.pick(DETAILS_ZH))
            .collect::<Vec<_>>()
            .join(if self.rng.chance(0.5) { " " } else { "" })
    }

    fn description(&mut self) -> String {
        let n = self.rng.below(3);
        (0..n)
            .map(|_| *self.rng.pick(DESCRIPTIONS))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// An English title around `name`, or a Chinese one when `chinese`.
    fn title(&mut self, name: &str, category: &str, chinese: bool) -> String {
        let (noun, noun_zh) = self.goods(category);
        if chinese {
            let before = self.details_zh(2);
            let after = self.details_zh(2);
            let gap = if name.chars().last().is_some_and(|c| c.is_ascii()) && self.rng.chance(0.5) {
                " "
            } else {
                ""
            };
            return match self.rng.below(3) {
                0 => format!("{before}{name}{gap}{noun_zh} {after}"),
                1 => format!("{name}{gap}{noun_zh}{before} {after}"),
                _ => format!("{before} {name} {noun_zh}{after}"),
            }
            .trim()
            .to_string();
        }
        let details = self.details_en(3);
        let joiner = *self.rng.pick(&[" ", ", ", " - ", " | "]);
        let mut parts: Vec<String> = Vec::new();
        match self.rng.below(4) {
            0 => {
                parts.push(format!("{name} {noun}"));
                parts.extend(details.iter().map(ToString::to_string));
            }
            1 => {
                parts.extend(details.iter().map(ToString::to_string));
                parts.push(format!("{name} {noun}"));
            }
            2 => {
                parts.push(format!("{} {name} {noun}", self.rng.pick(DETAILS_EN)));
                parts.extend(details.iter().map(ToString::to_string));
            }
            _ => {
                parts.push(format!("{noun} by {name}"));
                parts.extend(details.iter().map(ToString::to_string));
            }
        }
        parts.join(joiner)
    }

    fn push(
        &mut self,
        pick: Option<&Pick>,
        kind: &str,
        reason: &str,
        title: String,
        category: &str,
    ) {
        let platform = (*self.rng.pick(PLATFORMS)).to_string();
        let domestic = matches!(platform.as_str(), "taobao" | "tmall" | "1688");
        let retail = f64::from(pick.map_or(40, |p| p.row.6));
        let share = 0.03 + 0.9 * self.rng.below(1000) as f64 / 1000.0;
        let usd = (retail * share * 100.0).round() / 100.0;
        let (price, currency) = if domestic {
            ((usd * 7.1 * 100.0).round() / 100.0, "CNY")
        } else {
            (usd, "USD")
        };
        let description = self.description();
        self.rows.push(Row {
            listing_id: String::new(),
            seller_id: format!("s{:05}", self.rng.below(40_000)),
            platform,
            category: category.to_string(),
            title,
            description,
            price,
            currency: currency.to_string(),
            expect_mark: pick.map(|p| mark_id(p.index)).unwrap_or_default(),
            expect_reason: reason.to_string(),
            kind: kind.to_string(),
        });
    }

    fn goods_category(pick: &Pick) -> &'static str {
        pick.row.5
    }

    fn positive(&mut self, tactic: &str) {
        let chinese_name = matches!(tactic, "chinese_exact" | "homophone")
            || (tactic == "zero_width" && self.rng.chance(0.25));
        let pick = self.mark(chinese_name);
        let category = Self::goods_category(&pick);
        let chinese_title = chinese_name || self.rng.chance(0.3);
        let (name, reason) = match tactic {
            "chinese_exact" => (pick.row.2.to_string(), "trademark_exact"),
            "homophone" => (self.homophone(pick.row.2, pick.row.3), "trademark_variant"),
            "exact" => (self.cased(pick.row.0), "trademark_exact"),
            "claim" => {
                let title = self.claim(&pick, category, chinese_title);
                self.push(
                    Some(&pick),
                    tactic,
                    "trademark_similarity_claim",
                    title,
                    category,
                );
                return;
            }
            _ => {
                let Some(name) = self.disguise(tactic, &pick) else {
                    return self.positive(tactic);
                };
                (name, "trademark_variant")
            }
        };
        let title = self.title(&name, category, chinese_title);
        self.push(Some(&pick), tactic, reason, title, category);
    }

    /// The registered form in Title case, UPPER or lower case, as sellers write it.
    fn cased(&mut self, mark: &str) -> String {
        match self.rng.below(5) {
            0 => mark.to_uppercase(),
            1 => mark.to_lowercase(),
            _ => mark.to_string(),
        }
    }

    /// A disguise of the mark (or of one of its Latin aliases) by `tactic`; `None` when
    /// the mark cannot carry it (no letter with a leet form, say).
    fn disguise(&mut self, tactic: &str, pick: &Pick) -> Option<String> {
        let mut forms: Vec<&str> = vec![pick.row.0];
        forms.extend(pick.row.1.iter().filter(|a| a.len() >= 4));
        let form = *self.rng.pick(&forms);
        if tactic == "knockoff" {
            return self.knockoff(form);
        }
        if tactic == "zero_width" && !pick.row.2.is_empty() && self.rng.chance(0.3) {
            return Some(self.invisible(pick.row.2));
        }
        let cased = self.cased(form);
        let out = match tactic {
            "fullwidth" => cased
                .chars()
                .map(|c| {
                    if c.is_ascii_graphic() {
                        char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect(),
            "homoglyph" => self.homoglyph(&cased)?,
            "leet" => self.leet(&cased)?,
            "dotted" => self.spread(&cased, &["."], false),
            "separators" => {
                let chunks = self.rng.chance(0.3);
                self.spread(&cased, SEPARATORS, chunks)
            }
            "zero_width" => self.invisible(&cased),
            _ => self.edit(tactic, &cased)?,
        };
        (out.to_lowercase() != form.to_lowercase()).then_some(out)
    }

    fn homophone(&mut self, name: &str, sounds: &str) -> String {
        let chars: Vec<char> = name.chars().collect();
        let syllables: Vec<&str> = sounds.split(' ').collect();
        let changes = if chars.len() >= 4 && self.rng.chance(0.4) {
            2
        } else {
            1
        };
        let mut out = chars.clone();
        let mut done = 0;
        for _ in 0..20 {
            if done == changes {
                break;
            }
            let i = self.rng.below(chars.len());
            let Some(same) = SYLLABLES
                .iter()
                .find(|(s, _)| Some(s) == syllables.get(i))
                .map(|(_, c)| c.chars().filter(|&c| c != chars[i]).collect::<Vec<_>>())
            else {
                continue;
            };
            if out[i] == chars[i] && !same.is_empty() {
                out[i] = *self.rng.pick(&same);
                done += 1;
            }
        }
        out.into_iter().collect()
    }

    fn homoglyph(&mut self, form: &str) -> Option<String> {
        let mut chars: Vec<char> = form.chars().collect();
        let spots: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i].is_ascii_alphabetic())
            .collect();
        if spots.is_empty() {
            return None;
        }
        let n = 1 + usize::from(spots.len() >= 5 && self.rng.chance(0.5));
        for _ in 0..n {
            let i = *self.rng.pick(&spots);
            let lower = chars[i].to_ascii_lowercase();
            let (_, alike) = LOOKALIKES.iter().find(|(c, _)| *c == lower)?;
            chars[i] = *self.rng.pick(alike);
        }
        Some(chars.into_iter().collect())
    }

    fn leet(&mut self, form: &str) -> Option<String> {
        let chars: Vec<char> = form.chars().collect();
        let spots: Vec<usize> = (0..chars.len())
            .filter(|&i| {
                LEET.iter()
                    .any(|(c, _)| *c == chars[i].to_ascii_lowercase())
            })
            .collect();
        if spots.is_empty() {
            return None;
        }
        let n = 1 + usize::from(spots.len() >= 3 && self.rng.chance(0.4));
        let mut chosen: Vec<usize> = (0..n).map(|_| *self.rng.pick(&spots)).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if chosen.contains(&i) {
                let (_, subs) = LEET.iter().find(|(l, _)| *l == c.to_ascii_lowercase())?;
                out.push_str(self.rng.pick::<&str>(subs));
            } else {
                out.push(c);
            }
        }
        Some(out)
    }

    /// Letters (or chunks of two or three) apart, with separators from `seps`: one kind
    /// throughout, or mixed.
    fn spread(&mut self, form: &str, seps: &[&str], chunks: bool) -> String {
        let letters: Vec<char> = form.chars().filter(|c| c.is_alphanumeric()).collect();
        let mut pieces: Vec<String> = Vec::new();
        let mut i = 0;
        while i < letters.len() {
            let len = if chunks { 2 + self.rng.below(2) } else { 1 };
            let end = (i + len).min(letters.len());
            pieces.push(letters[i..end].iter().collect());
            i = end;
        }
        let mixed = self.rng.chance(0.35);
        let first = *self.rng.pick(seps);
        let mut out = pieces[0].clone();
        for p in &pieces[1..] {
            out.push_str(if mixed {
                self.rng.pick::<&str>(seps)
            } else {
                first
            });
            out.push_str(p);
        }
        if seps == ["."] && self.rng.chance(0.3) {
            out.push('.');
        }
        out
    }

    fn invisible(&mut self, form: &str) -> String {
        let mut chars: Vec<char> = form.chars().collect();
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            let at = 1 + self.rng.below(chars.len().saturating_sub(1).max(1));
            chars.insert(at.min(chars.len()), *self.rng.pick(INVISIBLE));
        }
        chars.into_iter().collect()
    }

    /// Letter edits by `tactic`, on one word of the form: one edit, or two on words of
    /// nine letters or more (sometimes).
    fn edit(&mut self, tactic: &str, form: &str) -> Option<String> {
        let words: Vec<&str> = form.split(' ').collect();
        let candidates: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].chars().filter(char::is_ascii_alphabetic).count() >= 4)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let w = *self.rng.pick(&candidates);
        let mut letters: Vec<char> = words[w].chars().collect();
        if !letters.iter().all(char::is_ascii_alphabetic) {
            return None;
        }
        let edits = if letters.len() >= 9 && self.rng.chance(0.4) {
            2
        } else {
            1
        };
        for _ in 0..edits {
            let n = letters.len();
            let i = self.rng.below(n);
            match tactic {
                "omission" => {
                    letters.remove(i);
                }
                "doubled" => letters.insert(i, letters[i]),
                "transposition" => {
                    let i = i.min(n - 2);
                    if letters[i] == letters[i + 1] {
                        return None;
                    }
                    letters.swap(i, i + 1);
                }
                "keyboard" => {
                    let near = neighbours(letters[i].to_ascii_lowercase());
                    let c = *self.rng.pick(&near);
                    let c = if letters[i].is_ascii_uppercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    };
                    if self.rng.chance(0.2) {
                        letters.insert(i + 1, c);
                    } else {
                        letters[i] = c;
                    }
                }
                _ => {
                    let c = (b'a' + self.rng.below(26) as u8) as char;
                    match self.rng.below(3) {
                        0 => letters[i] = c,
                        1 => letters.insert(i, c),
                        _ => {
                            letters.remove(i);
                        }
                    }
                }
            }
        }
        let mut words: Vec<String> = words.iter().map(ToString::to_string).collect();
        words[w] = letters.into_iter().collect();
        Some(words.join(" "))
    }

    /// A knock-off name: one on record, or one coined by changing a sound or a syllable.
    fn knockoff(&mut self, form: &str) -> Option<String> {
        if let Some((_, names)) = KNOCKOFFS.iter().find(|(m, _)| *m == form)
            && self.rng.chance(0.6)
        {
            return Some((*self.rng.pick(names)).to_string());
        }
        let lower = form.to_lowercase();
        if lower.chars().filter(char::is_ascii_alphabetic).count() < 6 {
            return None;
        }
        let mut out = form.to_string();
        let changes = 1 + usize::from(self.rng.chance(0.5));
        let mut done = 0;
        for _ in 0..30 {
            if done == changes {
                break;
            }
            let (from, to) = *self.rng.pick(SOUNDS);
            let spots: Vec<usize> = out
                .to_lowercase()
                .match_indices(from)
                .map(|(i, _)| i)
                .filter(|&i| out.is_char_boundary(i) && out.is_char_boundary(i + from.len()))
                .collect();
            if spots.is_empty() {
                continue;
            }
            let at = *self.rng.pick(&spots);
            let upper = out[at..].starts_with(|c: char| c.is_uppercase());
            let to = if upper {
                let mut t = to.to_string();
                t[..1].make_ascii_uppercase();
                t
            } else {
                to.to_string()
            };
            out.replace_range(at..at + from.len(), &to);
            done += 1;
        }
        (done > 0 && out.to_lowercase() != lower).then_some(out)
    }

    fn claim(&mut self, pick: &Pick, category: &str, chinese: bool) -> String {
        let name = if self.rng.chance(0.8) || pick.row.2.is_empty() || !chinese {
            self.cased(pick.row.0)
        } else {
            pick.row.2.to_string()
        };
        let (noun, noun_zh) = self.goods(category);
        if chinese {
            let details = self.details_zh(1);
            return match self.rng.below(11) {
                0 => format!("高仿{name}{noun_zh} {details}"),
                1 => format!("{name}同款{noun_zh} {details}"),
                2 => format!("{name}复刻{noun_zh}{details}"),
                3 => format!("1比1 {name} {noun_zh}"),
                4 => format!("原单{name}{noun_zh} {details}"),
                5 => format!("{name}平替 {noun_zh} {details}"),
                6 => format!("纯原 {name}{noun_zh}"),
                7 => format!("{details}精仿{name}{noun_zh}"),
                8 => format!("{name}{noun_zh} 顶级复刻 公司级"),
                9 => format!("A货 {name} {noun_zh}"),
                _ => format!("{noun_zh} 仿{name} {details}"),
            };
        }
        let extra = self.details_en(2).join(" ");
        match self.rng.below(20) {
            0 => format!("1:1 replica {name} {noun} {extra}"),
            1 => format!("{name} style {noun} {extra}"),
            2 => format!("{name} inspired {noun} {extra}"),
            3 => format!("inspired by {name} {noun} {extra}"),
            4 => format!("{name} dupe {noun} {extra}"),
            5 => format!("dupe for {name} {noun}"),
            6 => format!("AAA quality {name} {noun} {extra}"),
            7 => format!("mirror quality {name} {noun}"),
            8 => format!("1:1 replica {noun} for {name} fans"),
            9 => format!("{noun} for {name} lovers, top replica quality"),
            10 => format!("super fake {name} {noun} {extra}"),
            11 => format!("UA {name} {noun} {extra}"),
            12 => format!("{name} copy {noun} high quality"),
            13 => format!("{noun}, same as {name}, {extra}"),
            14 => format!("{name} lookalike {noun}"),
            15 => format!("high imitation {name} {noun}"),
            16 => format!("{name} clone {noun} {extra}"),
            17 => format!("{noun} similar to {name} {extra}"),
            18 => format!("replica {name} {noun}, with box"),
            _ => format!("{name}-like {noun} budget alternative"),
        }
        .trim()
        .to_string()
    }

    fn negative(&mut self, family: &str) {
        match family {
            "resale" => self.resale(),
            "ordinary_word" => self.ordinary(),
            "compatibility" => self.compatible(),
            "authorised" => {
                let pick = self.mark(false);
                let category = Self::goods_category(&pick);
                let chinese = !pick.row.2.is_empty() && self.rng.chance(0.3);
                let name = if chinese {
                    pick.row.2.to_string()
                } else {
                    self.cased(pick.row.0)
                };
                let title = self.title(&name, category, chinese);
                self.push(Some(&pick), family, "", title, category);
                let row = self.rows.last_mut().expect("just pushed");
                row.seller_id = authorised_seller(pick.index);
                row.expect_mark.clear();
            }
            _ => self.clean(),
        }
    }

    fn resale(&mut self) {
        let pick = self.mark(false);
        let category = Self::goods_category(&pick);
        let (noun, noun_zh) = self.goods(category);
        let title = if !pick.row.2.is_empty() && self.rng.chance(0.3) {
            let cue = *self.rng.pick(RESALE_ZH);
            let cue2 = *self.rng.pick(RESALE_ZH);
            match self.rng.below(3) {
                0 => format!("{cue} {}{noun_zh} {cue2}", pick.row.2),
                1 => format!("{}{noun_zh} {cue}", pick.row.2),
                _ => format!("{} {noun_zh} {cue} 有瑕疵介意勿拍", self.cased(pick.row.0)),
            }
        } else {
            let name = self.cased(pick.row.0);
            let cue = *self.rng.pick(RESALE_EN);
            let cue2 = *self.rng.pick(RESALE_EN);
            match self.rng.below(6) {
                0 => format!("{name} {noun}, {cue}"),
                1 => format!("{cue} {name} {noun} - {cue2}"),
                2 => format!("{name} {noun} {cue}, {cue2}"),
                3 => format!("Authentic {name} {noun}, {cue}"),
                4 => format!("{cue}: {name} {noun}, size M"),
                _ => format!("My {name} {noun}, {cue}, reasonable offers"),
            }
        };
        self.push(Some(&pick), "resale", "", title, category);
        let row = self.rows.last_mut().expect("just pushed");
        row.expect_mark.clear();
        row.price = (row.price * 0.5 * 100.0).round() / 100.0;
    }

    fn ordinary(&mut self) {
        let (word, categories, phrases) = *self.rng.pick(ORDINARY);
        let cats: Vec<&str> = categories.split('|').collect();
        let category = *self.rng.pick(&cats);
        let phrase = self.rng.pick(phrases).replace("{}", word);
        let mut title = match self.rng.below(3) {
            0 => phrase.clone(),
            1 => format!("{phrase} {}", self.rng.pick(DETAILS_EN)),
            _ => format!("{} {phrase}", self.rng.pick(DETAILS_EN)),
        };
        if title.is_ascii() && self.rng.chance(0.5) {
            // Title case, as many sellers write every title.
            title = title
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        self.push(None, "ordinary_word", "", title, category);
    }

    fn compatible(&mut self) {
        let pick = self.mark(false);
        let category = Self::goods_category(&pick);
        let (_, accessories) = ACCESSORIES
            .iter()
            .find(|(c, _)| *c == category)
            .copied()
            .unwrap_or(ACCESSORIES[0]);
        let accessory = *self.rng.pick(accessories);
        let mut forms: Vec<&str> = vec![pick.row.0];
        forms.extend(pick.row.1.iter());
        let form = *self.rng.pick(&forms);
        let name = self.cased(form);
        let model = *self.rng.pick(&[
            "",
            " 15 Pro",
            " S24",
            " Air",
            " Series 9",
            " 2",
            " Max",
            " V11",
            " Classic",
            " Mini",
        ]);
        let title = if !pick.row.2.is_empty() && self.rng.chance(0.25) {
            let fits = *self.rng.pick(FITS_ZH);
            format!("{fits}{}{} {accessory}", pick.row.2, model.trim())
        } else {
            let fits = *self.rng.pick(FITS_EN);
            match self.rng.below(3) {
                0 => format!("{accessory} {fits} {name}{model}"),
                1 => format!(
                    "{} {accessory} {fits} {name}{model}",
                    self.rng.pick(DETAILS_EN)
                ),
                _ => format!("{accessory}, {fits} {name}{model}, 2 pack"),
            }
        };
        self.push(None, "compatibility", "", title, category);
    }

    fn clean(&mut self) {
        let (noun, noun_zh) = *self.rng.pick(PLAIN_GOODS);
        let chinese = self.rng.chance(0.35);
        let brand = if self.rng.chance(0.5) {
            Some(*self.rng.pick(OTHER_BRANDS))
        } else {
            None
        };
        let word = if self.rng.chance(0.6) {
            Some(*self.rng.pick(PLAIN_WORDS))
        } else {
            None
        };
        let code = if self.rng.chance(0.3) {
            format!(
                " {}{}-{}",
                (b'A' + self.rng.below(26) as u8) as char,
                (b'A' + self.rng.below(26) as u8) as char,
                100 + self.rng.below(900)
            )
        } else {
            String::new()
        };
        let title = if chinese {
            format!(
                "{}{}{noun_zh}{} {}",
                brand.map_or(String::new(), |b| format!("{b} ")),
                self.details_zh(2),
                code,
                self.details_zh(2)
            )
        } else {
            let mut parts: Vec<String> = Vec::new();
            if let Some(b) = brand {
                parts.push(b.to_string());
            }
            if let Some(w) = word {
                parts.push(w.to_string());
            }
            parts.push(noun.to_string());
            parts.extend(self.details_en(3).iter().map(ToString::to_string));
            let mut t = parts.join(" ");
            t.push_str(&code);
            t
        };
        let category = *self.rng.pick(&[
            "home",
            "clothing",
            "electronics",
            "bags",
            "shoes",
            "toys",
            "sports",
            "cosmetics",
        ]);
        self.push(None, "clean", "", title.trim().to_string(), category);
    }
}

/// Letters and pairs that spell the same sound, for coined knock-off names.
const SOUNDS: &[(&str, &str)] = &[
    ("c", "k"),
    ("k", "c"),
    ("s", "z"),
    ("z", "s"),
    ("i", "y"),
    ("y", "i"),
    ("f", "ph"),
    ("ph", "f"),
    ("ck", "k"),
    ("a", "o"),
    ("o", "a"),
    ("e", "a"),
    ("u", "o"),
    ("ee", "ea"),
    ("er", "ar"),
    ("an", "en"),
    ("on", "un"),
    ("ll", "l"),
    ("rr", "r"),
    ("tt", "t"),
    ("v", "w"),
    ("x", "ks"),
];

/// The keys next to `key` on a QWERTY keyboard.
fn neighbours(key: char) -> Vec<char> {
    let rows: Vec<Vec<char>> = QWERTY.iter().map(|r| r.chars().collect()).collect();
    let Some((r, i)) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|&c| c == key).map(|i| (r, i)))
    else {
        return vec![key];
    };
    let mut out = Vec::new();
    let mut take = |r: usize, i: isize| {
        if let Some(&c) = rows
            .get(r)
            .and_then(|row| usize::try_from(i).ok().and_then(|i| row.get(i)))
        {
            out.push(c);
        }
    };
    let i = i.cast_signed();
    take(r, i - 1);
    take(r, i + 1);
    // Each row sits half a key to the right of the one above it.
    if r > 0 {
        take(r - 1, i);
        take(r - 1, i + 1);
    }
    take(r + 1, i - 1);
    take(r + 1, i);
    out
}
