//! Labelled listings for the works evaluation, from [`super::tables`] alone: it imports
//! nothing from `ippscan`.

use std::fmt::Write as _;

use crate::helpers::Rng;

use super::tables::{
    ACCESSORIES, ACTIVATION, BULK, CLEAN, DIGITAL, FILLER_CN, FILLER_EN, GENERIC_DIGITAL,
    KIND_WORDS, MERCHANDISE, ORDINARY, PHYSICAL, WORKS,
};

/// The kinds of work, each a recall figure.
pub const KINDS: &[&str] = &[
    "book", "software", "film", "series", "music", "game", "course", "painting",
];
/// The families of listings that must not be flagged, each a false-positive rate.
pub const FAMILIES: &[&str] = &[
    "physical",
    "merchandise",
    "accessory",
    "authorised",
    "generic_digital",
    "ordinary_word",
    "clean",
];

#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub per_kind: usize,
    pub per_family: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub listing_id: String,
    pub seller_id: String,
    pub platform: String,
    pub title: String,
    pub description: String,
    /// The work a positive must be flagged for; empty for negatives.
    pub expect_work: String,
    /// The work's kind (positives) or the family (negatives).
    pub kind: String,
}

impl Row {
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "listing_id": self.listing_id, "seller_id": self.seller_id,
            "platform": self.platform, "title": self.title, "description": self.description,
            "expect_work": self.expect_work, "kind": self.kind,
        })
        .to_string()
    }

    pub fn from_json(line: &str) -> Row {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON row");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Row {
            listing_id: s("listing_id"),
            seller_id: s("seller_id"),
            platform: s("platform"),
            title: s("title"),
            description: s("description"),
            expect_work: s("expect_work"),
            kind: s("kind"),
        }
    }
}

fn work_id(i: usize) -> String {
    format!("EW{i:03}")
}

fn authorised_seller(i: usize) -> String {
    format!("auth_{i:03}")
}

/// The evaluation's works, in the upload format: registered everywhere, each with one
/// authorised seller.
pub fn works_csv() -> String {
    let mut out = String::from(
        "work_id,rights_holder,title,aliases,kind,jurisdictions,registration_no,authorized_sellers\n",
    );
    for (i, (kind, title, aliases, _)) in WORKS.iter().enumerate() {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let _ = writeln!(
            out,
            "{},{},{},{},{kind},CN|US|EU|WIPO,REG-{i:05},{}",
            work_id(i),
            quote(&format!("Holder {i}")),
            quote(title),
            quote(&aliases.join("|")),
            authorised_seller(i)
        );
    }
    out
}

/// A name of the work as a seller writes it: the title, an alias, or the title disguised.
fn name_of(rng: &mut Rng, work: usize) -> String {
    let (_, title, aliases, _) = WORKS[work];
    let roll = rng.below(100);
    if roll < 45 || (aliases.is_empty() && roll < 80) {
        return (*title).to_string();
    }
    if roll < 80 {
        return (*rng.pick(aliases)).to_string();
    }
    disguise(rng, title)
}

/// The title spread with spaces, lower-cased, two letters swapped, or a Latin letter in
/// its Cyrillic look-alike.
fn disguise(rng: &mut Rng, title: &str) -> String {
    if !title.is_ascii() {
        return title.to_string();
    }
    match rng.below(4) {
        0 => title
            .chars()
            .filter(|c| *c != ' ')
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" "),
        1 => title.to_lowercase(),
        2 => {
            let chars: Vec<char> = title.chars().collect();
            let letters: Vec<usize> = (1..chars.len().saturating_sub(2))
                .filter(|&i| chars[i].is_ascii_lowercase() && chars[i + 1].is_ascii_lowercase())
                .collect();
            if letters.is_empty() {
                return title.to_string();
            }
            let at = *rng.pick(&letters);
            let mut chars = chars;
            chars.swap(at, at + 1);
            chars.into_iter().collect()
        }
        _ => {
            let look_alikes = [('o', 'о'), ('a', 'а'), ('e', 'е'), ('c', 'с'), ('p', 'р')];
            let mut out = title.to_string();
            for (latin, cyrillic) in look_alikes {
                if let Some(at) = out.find(latin) {
                    out.replace_range(at..=at, &cyrillic.to_string());
                    break;
                }
            }
            out
        }
    }
}

/// How a work of `kind` is offered: the cue list infringers of that kind use most.
fn cue(rng: &mut Rng, kind: &str) -> &'static str {
    let roll = rng.below(100);
    let list = match kind {
        "software" | "game" if roll < 55 => ACTIVATION,
        "software" | "game" if roll < 90 => DIGITAL,
        "series" | "film" | "music" if roll < 55 => DIGITAL,
        "series" | "film" | "music" => BULK,
        _ if roll < 80 => DIGITAL,
        _ => BULK,
    };
    rng.pick::<&str>(list)
}

fn filler(rng: &mut Rng, chinese: bool) -> &'static str {
    if chinese {
        rng.pick::<&str>(FILLER_CN)
    } else {
        rng.pick::<&str>(FILLER_EN)
    }
}

fn kind_word(rng: &mut Rng, kind: &str) -> &'static str {
    let words = KIND_WORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, w)| *w);
    rng.pick::<&str>(words)
}

const PLATFORMS: &[&str] = &["taobao", "tmall", "1688", "aliexpress", "alibaba.com"];

/// A listing offering a copy of a work of `kind`.
fn positive(rng: &mut Rng, kind: &str) -> (String, String, usize) {
    let works: Vec<usize> = (0..WORKS.len()).filter(|&i| WORKS[i].0 == kind).collect();
    let work = *rng.pick(&works);
    let name = name_of(rng, work);
    let chinese = !name.is_ascii();
    let cue = cue(rng, kind);
    let ordinary = WORKS[work].3;
    // Sellers of ordinary-word titles say what it is more often than not.
    let kind_word = (rng.chance(if ordinary { 0.75 } else { 0.4 })).then(|| kind_word(rng, kind));
    let mut title = vec![name];
    if let Some(k) = kind_word {
        title.push(k.to_string());
    }
    let cue_in_title = rng.chance(0.7);
    if cue_in_title {
        title.push(cue.to_string());
    }
    title.push(filler(rng, chinese).to_string());
    let description = if cue_in_title {
        filler(rng, !chinese).to_string()
    } else {
        format!("{} {}", filler(rng, chinese), cue)
    };
    (title.join(" "), description, work)
}

/// A listing of `family` that must not be flagged.
fn negative(rng: &mut Rng, family: &str) -> (String, String, String) {
    let work = rng.below(WORKS.len());
    let name = name_of(rng, work);
    let seller = format!("s{:05}", rng.below(100_000));
    match family {
        "physical" => (
            format!("{name} {}", rng.pick(PHYSICAL)),
            String::new(),
            seller,
        ),
        "merchandise" => (
            format!("{name} {}", rng.pick(MERCHANDISE)),
            filler(rng, false).to_string(),
            seller,
        ),
        "accessory" => {
            let description = if rng.chance(0.5) {
                (*rng.pick(DIGITAL)).to_string()
            } else {
                String::new()
            };
            (
                format!("{} {name}", rng.pick(ACCESSORIES)),
                description,
                seller,
            )
        }
        "authorised" => {
            let kind = WORKS[work].0;
            (
                format!("{name} {}", cue(rng, kind)),
                "official store".to_string(),
                authorised_seller(work),
            )
        }
        "generic_digital" => (
            (*rng.pick(GENERIC_DIGITAL)).to_string(),
            String::new(),
            seller,
        ),
        "ordinary_word" => (rng.pick(ORDINARY).0.to_string(), String::new(), seller),
        _ => (
            (*rng.pick(CLEAN)).to_string(),
            filler(rng, false).to_string(),
            seller,
        ),
    }
}

/// `per_kind` offers of each kind and `per_family` listings of each family, shuffled.
pub fn generate(seed: u64, sizes: Sizes) -> Vec<Row> {
    let mut rng = Rng::new(seed);
    let mut rows = Vec::new();
    for kind in KINDS {
        for _ in 0..sizes.per_kind {
            let (title, description, work) = positive(&mut rng, kind);
            rows.push(Row {
                listing_id: String::new(),
                seller_id: format!("s{:05}", rng.below(100_000)),
                platform: (*rng.pick(PLATFORMS)).to_string(),
                title,
                description,
                expect_work: work_id(work),
                kind: (*kind).to_string(),
            });
        }
    }
    for family in FAMILIES {
        for _ in 0..sizes.per_family {
            let (title, description, seller_id) = negative(&mut rng, family);
            rows.push(Row {
                listing_id: String::new(),
                seller_id,
                platform: (*rng.pick(PLATFORMS)).to_string(),
                title,
                description,
                expect_work: String::new(),
                kind: (*family).to_string(),
            });
        }
    }
    for i in (1..rows.len()).rev() {
        let j = rng.below(i + 1);
        rows.swap(i, j);
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row.listing_id = format!("WE{i:06}");
    }
    rows
}
