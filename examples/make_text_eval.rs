//! Writes a labelled evaluation set for the text detector: listings that disguise the
//! sample marks in the ways counterfeit sellers do, hard negatives that a naive matcher
//! flags, and clean listings. Each row carries its label in `expect_mark`,
//! `expect_reason` and `tactic` (ignored by `scan`, read by the evaluation test).
//!
//! ```text
//! cargo run --release --example make_text_eval -- SEED data/eval/text-eval.jsonl
//! ```
//! The committed set uses seed 2026; rules were developed against other seeds.
//!
//! The disguises are made here by random edits at random positions, independently of
//! the detector's rules; deliberate misspellings keep the brand's first letter, as the
//! known examples do (Adidsa, Nkie, Guccci, Luis Vuitton, Rolx).

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result};
use fastrand::Rng;
use ippscan::model::Mark;
use ippscan::refs::RefLoader;
use ippscan::text::{is_cjk, is_common_word};
use pinyin::ToPinyin;

const PRODUCTS_EN: &[(&str, &[&str])] = &[
    (
        "shoes",
        &[
            "running shoes",
            "sneakers",
            "slides",
            "high tops",
            "trainers",
        ],
    ),
    (
        "bags",
        &[
            "tote bag",
            "crossbody bag",
            "backpack",
            "wallet",
            "shoulder bag",
        ],
    ),
    (
        "clothing",
        &[
            "hoodie",
            "t-shirt",
            "down jacket",
            "track pants",
            "windbreaker",
        ],
    ),
    ("watches", &["automatic watch", "chronograph", "dive watch"]),
    (
        "jewelry",
        &["charm bracelet", "pendant necklace", "stud earrings"],
    ),
    (
        "electronics",
        &[
            "wireless earbuds",
            "smart watch",
            "bluetooth speaker",
            "tablet",
        ],
    ),
    (
        "phone accessories",
        &["phone case", "charging cable", "power bank"],
    ),
    (
        "cosmetics",
        &["lipstick", "foundation", "face serum", "eye cream"],
    ),
    ("perfume", &["eau de parfum", "perfume gift set"]),
    (
        "toys",
        &[
            "building blocks",
            "fashion doll",
            "action figure",
            "trading cards",
        ],
    ),
    ("food", &["instant noodles", "green tea drink"]),
    ("eyewear", &["sunglasses", "aviator sunglasses"]),
    ("drones", &["camera drone", "mini drone"]),
    ("home", &["ceramic mug", "table lamp", "storage box"]),
];

const PRODUCTS_CN: &[&str] = &[
    "运动鞋",
    "手提包",
    "卫衣",
    "手表",
    "项链",
    "耳机",
    "手机壳",
    "口红",
    "香水",
    "积木",
    "方便面",
    "太阳镜",
];
const ADJ: &[&str] = &[
    "new",
    "2024",
    "men's",
    "women's",
    "classic",
    "premium",
    "limited",
    "vintage",
    "hot sale",
    "free shipping",
];
const ADJ_CN: &[&str] = &["新款", "正品", "男女同款", "包邮", "现货", "潮流", "经典"];
const SENTENCES: &[&str] = &[
    "Fast shipping, dispatched within 48 hours.",
    "Please check the size chart before ordering.",
    "Colour may vary slightly due to lighting.",
    "Comfortable for daily wear and travel.",
    "Message us with any questions, we reply quickly.",
    "30-day returns on unused items.",
    "支持七天无理由退换货。",
    "实物拍摄，颜色以实物为准。",
];
const HARD_NEGATIVES: &[(&str, &str)] = &[
    ("Mountain bike 27.5 inch aluminium frame", "sports"),
    ("Kids bike with training wheels", "toys"),
    ("Hiking backpack 40L waterproof", "bags"),
    ("Hike boots for men, ankle support", "shoes"),
    ("I like this mug, ceramic 350ml", "home"),
    ("Like new condition table lamp", "home"),
    ("TV channel remote control universal", "electronics"),
    ("English Channel map poster", "home"),
    ("Sunny day beach umbrella", "home"),
    ("Sunny side egg ring mould", "home"),
    ("Fresh apple 5kg gift box", "food"),
    ("Apple cider vinegar 500ml", "food"),
    ("Puma plush toy 30cm", "toys"),
    ("Galaxy star projector night light", "home"),
    ("Pandora charm style bracelet blank", "home"),
    ("Crown molding corner blocks", "home"),
    ("Supreme court history book", "home"),
    ("Beats per minute metronome", "home"),
    ("Converse with locals phrasebook", "home"),
    ("Nikeland theme park keychain", "home"),
    ("Diorama kit for school project", "toys"),
    ("Legolas elf figure 15cm", "toys"),
    ("Mike the knight plush", "toys"),
    ("Nice shoes for running, mesh", "shoes"),
    ("Dell style laptop sleeve 14 inch", "home"),
    ("Case for iPhone 15 Pro, clear TPU", "phone accessories"),
    (
        "Compatible with Samsung Galaxy S24 fast charger",
        "phone accessories",
    ),
    ("Replacement band for Apple Watch 45mm", "phone accessories"),
    ("Screen protector for iPhone 14", "phone accessories"),
    ("适用于华为手机壳 磨砂", "phone accessories"),
    ("适用小米手环8表带", "phone accessories"),
    ("AAA batteries 24 pack alkaline", "electronics"),
    ("1:1 scale model car collectible", "toys"),
    ("Inspired by nature wall art canvas", "home"),
    ("Mirror for bathroom round 60cm", "home"),
    ("高仿真花 客厅摆件", "home"),
    ("翡翠A货 手镯", "jewelry"),
    ("网红同款 保温杯", "home"),
    ("明星同款 墨镜", "eyewear"),
    ("Dupe detector book for shoppers", "home"),
];

#[derive(Clone, Copy, PartialEq)]
enum Tactic {
    Exact,
    Misspelling,
    Confusable,
    Leet,
    Homoglyph,
    Spacing,
    Glued,
    Homophone,
    Pinyin,
    Claim,
}

impl Tactic {
    fn name(self) -> &'static str {
        match self {
            Tactic::Exact => "exact",
            Tactic::Misspelling => "misspelling",
            Tactic::Confusable => "confusable",
            Tactic::Leet => "leet",
            Tactic::Homoglyph => "homoglyph",
            Tactic::Spacing => "spacing",
            Tactic::Glued => "glued",
            Tactic::Homophone => "homophone",
            Tactic::Pinyin => "pinyin",
            Tactic::Claim => "claim",
        }
    }
}

struct Gen<'a> {
    rng: Rng,
    marks: &'a [Mark],
    homophones: HashMap<&'static str, Vec<char>>,
}

fn latin(m: &Mark) -> Option<String> {
    std::iter::once(&m.mark)
        .chain(&m.aliases)
        .find(|f| f.is_ascii())
        .cloned()
}

fn chinese(m: &Mark) -> Option<String> {
    std::iter::once(&m.mark)
        .chain(&m.aliases)
        .find(|f| f.chars().all(is_cjk) && f.chars().count() >= 2)
        .cloned()
}

impl Gen<'_> {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    fn category(&mut self, m: &Mark) -> (&'static str, &'static str) {
        let ok: Vec<&(&str, &[&str])> = PRODUCTS_EN
            .iter()
            .filter(|(c, _)| m.scope.covers_category(Some(c)))
            .collect();
        let (c, ps) = if ok.is_empty() {
            *self.pick(PRODUCTS_EN)
        } else {
            *ok[self.rng.usize(..ok.len())]
        };
        (c, ps[self.rng.usize(..ps.len())])
    }

    fn platform(&mut self, m: &Mark) -> &'static str {
        if m.scope.jurisdictions.iter().any(|j| j == "CN") && self.rng.bool() {
            ["taobao", "tmall", "1688"][self.rng.usize(..3)]
        } else if m.scope.jurisdictions.iter().any(|j| j != "CN") {
            ["aliexpress", "alibaba.com"][self.rng.usize(..2)]
        } else {
            "taobao"
        }
    }

    fn description(&mut self) -> String {
        (0..self.rng.usize(1..4))
            .map(|_| *self.pick(SENTENCES))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn misspell(&mut self, word: &str) -> Option<String> {
        const KEYS: &[&str] = &["qwertyuiop", "asdfghjkl", "zxcvbnm"];
        let letters: Vec<char> = word.chars().collect();
        let n = letters.len();
        if n < 4 || !word.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
            return None;
        }
        let adjacent = |c: char| -> Vec<char> {
            let c = c.to_ascii_lowercase();
            for row in KEYS {
                if let Some(i) = row.find(c) {
                    let mut v: Vec<char> = Vec::new();
                    let row: Vec<char> = row.chars().collect();
                    if i > 0 {
                        v.push(row[i - 1]);
                    }
                    if i + 1 < row.len() {
                        v.push(row[i + 1]);
                    }
                    return v;
                }
            }
            vec!['e']
        };
        for _ in 0..20 {
            let mut w = letters.clone();
            let i = self.rng.usize(1..n);
            if w[i] == ' ' {
                continue;
            }
            // Four-letter marks only ever get their inner letters swapped.
            let op = if n <= 4 { 4 } else { self.rng.u8(..5) };
            match op {
                0 => {
                    w.remove(i);
                }
                1 => {
                    let c = w[i];
                    w.insert(i, c);
                }
                2 => {
                    let a = adjacent(w[i]);
                    w[i] = a[self.rng.usize(..a.len())];
                }
                3 => {
                    w.insert(i, (b'a' + self.rng.u8(..26)) as char);
                }
                _ => {
                    if i + 1 < n && w[i + 1] != ' ' {
                        w.swap(i, i + 1);
                    } else {
                        continue;
                    }
                }
            }
            let s: String = w.into_iter().collect();
            if s.to_lowercase() != word.to_lowercase()
                && !s
                    .split(' ')
                    .any(|p| is_common_word(p) && !is_common_word_in(word, p))
            {
                return Some(s);
            }
        }
        None
    }

    fn confusable(&mut self, word: &str) -> Option<String> {
        let swaps: &[(&str, &str)] = &[
            ("m", "rn"),
            ("w", "vv"),
            ("d", "cl"),
            ("l", "I"),
            ("i", "l"),
            ("b", "d"),
            ("d", "b"),
        ];
        let lower = word.to_lowercase();
        let options: Vec<&(&str, &str)> = swaps
            .iter()
            .filter(|(a, _)| lower[1..].contains(a))
            .collect();
        let (a, b) = **options.get(self.rng.usize(..options.len().max(1)))?;
        let at = 1 + lower[1..].find(a)?;
        let mut s = word.to_string();
        s.replace_range(at..at + a.len(), b);
        Some(s)
    }

    fn leet(&mut self, word: &str) -> Option<String> {
        let map: &[(char, &[&str])] = &[
            ('a', &["4", "@"]),
            ('e', &["3"]),
            ('i', &["1", "!"]),
            ('o', &["0"]),
            ('s', &["5", "$"]),
            ('t', &["7"]),
            ('g', &["9"]),
        ];
        let chars: Vec<char> = word.chars().collect();
        let spots: Vec<usize> = (0..chars.len())
            .filter(|&i| map.iter().any(|(c, _)| *c == chars[i].to_ascii_lowercase()))
            .collect();
        if spots.is_empty() {
            return None;
        }
        let i = spots[self.rng.usize(..spots.len())];
        let subs = map
            .iter()
            .find(|(c, _)| *c == chars[i].to_ascii_lowercase())?
            .1;
        let mut out: String = chars[..i].iter().collect();
        out.push_str(subs[self.rng.usize(..subs.len())]);
        out.extend(&chars[i + 1..]);
        Some(out)
    }

    fn homoglyph(&mut self, word: &str) -> Option<String> {
        let map: &[(char, char)] = &[
            ('a', 'а'),
            ('e', 'е'),
            ('o', 'о'),
            ('p', 'р'),
            ('c', 'с'),
            ('x', 'х'),
            ('i', 'і'),
            ('y', 'у'),
            ('k', 'к'),
            ('A', 'А'),
            ('E', 'Е'),
            ('O', 'О'),
            ('P', 'Р'),
            ('C', 'С'),
            ('H', 'Н'),
            ('K', 'К'),
            ('M', 'М'),
            ('T', 'Т'),
            ('B', 'В'),
            ('o', 'ο'),
            ('v', 'ν'),
        ];
        if self.rng.u8(..4) == 0 {
            let mid = word
                .char_indices()
                .nth(
                    1 + self
                        .rng
                        .usize(..word.chars().count().saturating_sub(1).max(1)),
                )?
                .0;
            Some(format!("{}\u{200b}{}", &word[..mid], &word[mid..]))
        } else {
            let chars: Vec<char> = word.chars().collect();
            let spots: Vec<usize> = (0..chars.len())
                .filter(|&i| map.iter().any(|(l, _)| *l == chars[i]))
                .collect();
            if spots.is_empty() {
                return None;
            }
            let i = spots[self.rng.usize(..spots.len())];
            let g = map
                .iter()
                .filter(|(l, _)| *l == chars[i])
                .map(|(_, g)| *g)
                .next()?;
            let mut c = chars.clone();
            c[i] = g;
            Some(c.into_iter().collect())
        }
    }

    fn spaced(&mut self, word: &str) -> Option<String> {
        if word.contains(' ') {
            return Some(match self.rng.u8(..3) {
                0 => word.replace(' ', ""),
                1 => word.replace(' ', "-"),
                _ => word.replace(' ', "  "),
            });
        }
        if word.chars().count() > 8 || !word.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let sep = *self.pick(&[" ", ".", "-", "*"]);
        let upper = self.rng.bool();
        Some(
            word.chars()
                .map(|c| if upper { c.to_ascii_uppercase() } else { c }.to_string())
                .collect::<Vec<_>>()
                .join(sep),
        )
    }

    fn homophone(&mut self, cn: &str) -> Option<String> {
        let chars: Vec<char> = cn.chars().collect();
        for _ in 0..10 {
            let i = self.rng.usize(..chars.len());
            let py = chars[i].to_pinyin()?.plain();
            let Some(same) = self.homophones.get(py) else {
                continue;
            };
            let others: Vec<char> = same.iter().copied().filter(|&c| c != chars[i]).collect();
            if others.is_empty() {
                continue;
            }
            let mut c = chars.clone();
            c[i] = others[self.rng.usize(..others.len().min(30))];
            return Some(c.into_iter().collect());
        }
        None
    }

    fn claim_row(&mut self, title: String, category: &str, m: &Mark) -> [String; 7] {
        [
            title,
            self.description(),
            category.into(),
            self.platform(m).into(),
            m.mark_id.clone(),
            "trademark_similarity_claim".into(),
            Tactic::Claim.name().into(),
        ]
    }

    /// A positive listing: (title, description, category, platform, `mark_id`, reason, tactic).
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per tactic reads best as one table"
    )]
    fn positive(&mut self, tactic: Tactic) -> Option<[String; 7]> {
        let m = &self.marks[self.rng.usize(..self.marks.len())];
        let (category, product) = self.category(m);
        let en = latin(m);
        let cn = chinese(m);
        let adj = *self.pick(ADJ);
        let (written, cn_title) = match tactic {
            Tactic::Exact => {
                if cn.is_some() && self.rng.bool() {
                    (cn.clone()?, true)
                } else {
                    (en.clone()?, false)
                }
            }
            Tactic::Misspelling => (self.misspell(&en.clone()?)?, false),
            Tactic::Confusable => (self.confusable(&en.clone()?)?, false),
            Tactic::Leet => (self.leet(&en.clone()?)?, false),
            Tactic::Homoglyph => (self.homoglyph(&en.clone()?)?, false),
            Tactic::Spacing => (self.spaced(&en.clone()?)?, false),
            Tactic::Glued => {
                let en = en.clone()?;
                if en.contains(' ') || en.len() < 4 || is_common_word(&en) {
                    return None;
                }
                let suffix = *self.pick(&[
                    "shoes", "bag", "tee", "hoodie", "watch", "cap", "official", "store", "outlet",
                    "jacket", "sale", "deals",
                ]);
                (format!("#{}{suffix}", en.to_lowercase()), false)
            }
            Tactic::Homophone => (self.homophone(&cn.clone()?)?, true),
            Tactic::Pinyin => {
                let spelled: String = cn
                    .clone()?
                    .chars()
                    .map(|c| c.to_pinyin().map_or("", pinyin::Pinyin::plain))
                    .collect();
                if spelled.len() < 5
                    || en
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(&spelled))
                {
                    return None;
                }
                (spelled, false)
            }
            Tactic::Claim => {
                if cn.is_some() && self.rng.u8(..3) == 0 {
                    let cn = cn.clone()?;
                    let t = match self.rng.u8(..4) {
                        0 => format!("高仿{cn}{}", self.pick(PRODUCTS_CN)),
                        1 => format!("{cn}同款 {}", self.pick(PRODUCTS_CN)),
                        2 => format!("原单{cn} {}", self.pick(PRODUCTS_CN)),
                        _ => format!("复刻 {cn}{}", self.pick(PRODUCTS_CN)),
                    };
                    return Some(self.claim_row(t, category, m));
                }
                let en = en.clone()?;
                let t = match self.rng.u8(..7) {
                    0 => format!("1:1 replica {en} {product}"),
                    1 => format!("{en} style {product}, {adj}"),
                    2 => format!("{en} inspired {product}"),
                    3 => format!("AAA {en} {product} mirror quality"),
                    4 => format!("{product} dupe {en}"),
                    5 => format!("Same as {en} {product} {adj}"),
                    _ => format!("Inspired by {en}: {product}"),
                };
                return Some(self.claim_row(t, category, m));
            }
        };
        let in_description =
            matches!(tactic, Tactic::Exact | Tactic::Misspelling) && self.rng.u8(..6) == 0;
        let title = if cn_title {
            format!("{}{written}{}", self.pick(ADJ_CN), self.pick(PRODUCTS_CN))
        } else {
            match self.rng.u8(..3) {
                0 => format!("{written} {product} {adj}"),
                1 => format!("{adj} {written} {product}"),
                _ => format!("{product} {written} - {adj}"),
            }
        };
        let (title, description) = if in_description {
            (
                format!("{adj} {product}"),
                format!(
                    "{} Brand: {written}. {}",
                    self.description(),
                    self.description()
                ),
            )
        } else {
            (title, self.description())
        };
        let reason = if tactic == Tactic::Exact {
            "trademark_exact"
        } else {
            "trademark_variant"
        };
        Some([
            title,
            description,
            category.into(),
            self.platform(m).into(),
            m.mark_id.clone(),
            reason.into(),
            tactic.name().into(),
        ])
    }

    fn negative(&mut self) -> [String; 7] {
        let roll = self.rng.u8(..100);
        let (title, category, tactic) = if roll < 45 {
            let (t, c) = *self.pick(HARD_NEGATIVES);
            (t.to_string(), c.to_string(), "hard_negative")
        } else if roll < 60 {
            // Genuine resale of a real mark: first sale is lawful.
            let m = &self.marks[self.rng.usize(..self.marks.len())];
            let (c, p) = self.category(m);
            let t = match (chinese(m), latin(m)) {
                (Some(cn), _) if self.rng.bool() => {
                    format!("闲置 {cn}{} 95新 有小票", self.pick(PRODUCTS_CN))
                }
                (_, Some(en)) => format!("Pre-owned {en} {p}, with receipt"),
                (Some(cn), None) => format!("二手 {cn} {}", self.pick(PRODUCTS_CN)),
                (None, None) => format!("Pre-owned {p}"),
            };
            (t, c.to_string(), "resale")
        } else if roll < 70 {
            // A short mark with an ordinary edit: no fuzzy variants below five letters.
            let shorts: Vec<&Mark> = self
                .marks
                .iter()
                .filter(|m| latin(m).is_some_and(|l| (3..=4).contains(&l.len())))
                .collect();
            let mark = shorts[self.rng.usize(..shorts.len())];
            let mut letters: Vec<char> = latin(mark).unwrap_or_default().chars().collect();
            let at = self.rng.usize(1..letters.len());
            // A different letter, and not one that passes for the original (l for i).
            let look_alike = |a: char, b: char| {
                let pair = (a.to_ascii_lowercase(), b);
                pair.0 == pair.1
                    || matches!(pair, ('i', 'l') | ('l', 'i') | ('b', 'd') | ('d', 'b'))
            };
            let mut ch = (b'a' + self.rng.u8(..26)) as char;
            while look_alike(letters[at], ch) {
                ch = (b'a' + self.rng.u8(..26)) as char;
            }
            letters[at] = ch;
            let (category, product) = self.category(mark);
            (
                format!(
                    "{} {product} {}",
                    letters.into_iter().collect::<String>(),
                    self.pick(ADJ)
                ),
                category.to_string(),
                "short_mark_edit",
            )
        } else {
            let (c, ps) = *self.pick(PRODUCTS_EN);
            let t = if self.rng.bool() {
                format!(
                    "{} {} {}",
                    self.pick(ADJ),
                    ps[self.rng.usize(..ps.len())],
                    self.pick(&["black", "white", "navy", "red"])
                )
            } else {
                format!("{}{}", self.pick(ADJ_CN), self.pick(PRODUCTS_CN))
            };
            (t, c.to_string(), "clean")
        };
        let platform =
            (*self.pick(&["taobao", "tmall", "1688", "aliexpress", "alibaba.com"])).to_string();
        [
            title,
            self.description(),
            category,
            platform,
            String::new(),
            String::new(),
            tactic.into(),
        ]
    }
}

fn is_common_word_in(word: &str, part: &str) -> bool {
    word.split(' ').any(|w| w.eq_ignore_ascii_case(part))
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args
        .next()
        .context("usage: make_text_eval SEED OUT")?
        .parse()?;
    let out = args.next().context("usage: make_text_eval SEED OUT")?;
    let marks = RefLoader::new()
        .load(Some("data/marks.csv".as_ref()), None)?
        .bundle
        .marks;
    let mut homophones: HashMap<&'static str, Vec<char>> = HashMap::new();
    for c in (0x4E00u32..=0x9FA5).filter_map(char::from_u32) {
        if let Some(p) = c.to_pinyin() {
            homophones.entry(p.plain()).or_default().push(c);
        }
    }
    let mut g = Gen {
        rng: Rng::with_seed(seed),
        marks: &marks,
        homophones,
    };
    let tactics = [
        (Tactic::Exact, 350),
        (Tactic::Misspelling, 350),
        (Tactic::Confusable, 250),
        (Tactic::Leet, 250),
        (Tactic::Homoglyph, 250),
        (Tactic::Spacing, 250),
        (Tactic::Glued, 150),
        (Tactic::Homophone, 200),
        (Tactic::Pinyin, 100),
        (Tactic::Claim, 250),
    ];
    let mut rows = Vec::new();
    for (tactic, n) in tactics {
        let mut made = 0;
        while made < n {
            if let Some(r) = g.positive(tactic) {
                rows.push(r);
                made += 1;
            }
        }
    }
    for _ in 0..3600 {
        rows.push(g.negative());
    }
    g.rng.shuffle(&mut rows);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out).with_context(|| out.clone())?);
    for (i, r) in rows.iter().enumerate() {
        let v = serde_json::json!({
            "listing_id": format!("E{i:05}"),
            "seller_id": format!("s{:04}", g.rng.u32(..3000)),
            "platform": r[3],
            "category": r[2],
            "title": r[0],
            "description": r[1],
            "price": f64::from(g.rng.u32(500..50000)) / 100.0,
            "currency": "CNY",
            "expect_mark": r[4],
            "expect_reason": r[5],
            "tactic": r[6],
        });
        serde_json::to_writer(&mut w, &v)?;
        w.write_all(b"\n")?;
    }
    println!("{} rows -> {out}", rows.len());
    Ok(())
}
