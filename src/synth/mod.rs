//! Synthetic, deterministic listing dumps and reference photos: the sample data, the
//! benchmarks' inputs, and dumps of any size for load tests.

pub mod obscure;
mod photo;
mod photo_set;
mod transform;
mod vocab;
mod write;

use fastrand::Rng;

use crate::detect::text::is_cjk;
use crate::model::{Listing, Mark, RightsScope, Work, WorkKind};

pub use photo::product_photo;
pub use photo_set::{PhotoSet, PhotoSetOptions, write_photo_set};
pub use transform::{Transform, encode_jpeg};
pub use write::write_dump;

/// The platforms of the default territory map.
pub const PLATFORMS: [&str; 5] = ["taobao", "tmall", "1688", "alibaba.com", "aliexpress"];

/// What share of generated listings name a mark, and how long descriptions are.
#[derive(Clone, Debug)]
pub struct GenOptions {
    pub seed: u64,
    /// Share of listings that name a mark (the rest are clean or near misses).
    pub infringing_share: f64,
    /// Share of listings whose title contains a mark's letters without being it.
    pub near_miss_share: f64,
    /// Share of mark mentions that are disguised (leet, look-alikes, spacing, typos, claims).
    pub disguised_share: f64,
    /// Description length to aim for, in bytes.
    pub description_bytes: usize,
    /// Titles shorter than this are padded with more product words.
    pub title_bytes: usize,
    /// Listing image paths to pick from (0–3 per listing).
    pub image_pool: Vec<String>,
    /// Take pool images in turn rather than at random, so a photo comes back only after
    /// the whole pool (a benchmark then decodes every image it meets).
    pub images_in_turn: bool,
    /// Prefix of listing ids, so dumps made with different seeds do not collide.
    pub id_prefix: String,
    /// Platforms to draw from.
    pub platforms: Vec<String>,
}

impl Default for GenOptions {
    fn default() -> GenOptions {
        GenOptions {
            seed: 42,
            infringing_share: 0.12,
            near_miss_share: 0.03,
            disguised_share: 0.35,
            description_bytes: 400,
            title_bytes: 0,
            image_pool: Vec::new(),
            images_in_turn: false,
            id_prefix: "L".into(),
            platforms: PLATFORMS.iter().map(|p| (*p).to_string()).collect(),
        }
    }
}

/// Generates listings that mention `marks` the way sellers do.
///
/// # Example
/// ```
/// use ippscan::synth::{GenOptions, ListingGenerator, synthetic_marks};
/// let marks = synthetic_marks(20, 7);
/// let listings: Vec<_> = ListingGenerator::new(&marks, GenOptions::default()).take(100).collect();
/// assert_eq!(listings.len(), 100);
/// assert!(listings.iter().all(|l| !l.title.is_empty()));
/// ```
#[derive(Debug)]
pub struct ListingGenerator<'m> {
    marks: &'m [Mark],
    opts: GenOptions,
    rng: Rng,
    next: u64,
    next_image: usize,
}

impl<'m> ListingGenerator<'m> {
    pub fn new(marks: &'m [Mark], opts: GenOptions) -> ListingGenerator<'m> {
        ListingGenerator {
            marks,
            rng: Rng::with_seed(opts.seed),
            opts,
            next: 0,
            next_image: 0,
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    /// A product category the mark covers (any category when it is not restricted).
    fn category_for(&mut self, mark: &Mark) -> vocab::Category {
        let allowed: Vec<vocab::Category> = vocab::PRODUCTS
            .iter()
            .copied()
            .filter(|(c, _, _)| mark.scope.covers_category(Some(c)))
            .collect();
        if allowed.is_empty() {
            *self.pick(vocab::PRODUCTS)
        } else {
            allowed[self.rng.usize(..allowed.len())]
        }
    }

    fn description(&mut self, chinese: bool, mention: Option<&str>) -> String {
        let mut d = String::new();
        if let Some(m) = mention {
            d = if chinese {
                format!("{m}专柜同步款，细节做工如图。")
            } else {
                format!("Original {m} design, all details as shown. ")
            };
        }
        while d.len() < self.opts.description_bytes {
            let s = *self.pick(vocab::SENTENCES);
            if !chinese && !s.is_ascii() {
                continue;
            }
            if !d.is_empty() {
                d.push(' ');
            }
            d.push_str(s);
        }
        d
    }

    fn infringing(&mut self) -> (String, String, &'static str) {
        let mark = &self.marks[self.rng.usize(..self.marks.len())];
        let (category, en, cn) = self.category_for(mark);
        let chinese_name = std::iter::once(&mark.mark)
            .chain(&mark.aliases)
            .find(|a| a.chars().any(is_cjk))
            .cloned();
        let chinese = chinese_name.is_some() && self.rng.bool();
        let title = if let (true, Some(name)) = (chinese, &chinese_name) {
            let (adj, product) = (*self.pick(vocab::ADJECTIVES_CN), *self.pick(cn));
            let color = *self.pick(vocab::COLORS_CN);
            match self.rng.u8(..3) {
                0 if self.rng.f64() < self.opts.disguised_share => {
                    format!("高仿{name}{product}{adj}{color}")
                }
                0 => format!("{name}{product}{adj}{color}正品"),
                1 => format!("{adj}{} {name}{product} {color}", mark.mark),
                _ => format!("【现货】{name} {product} {adj}"),
            }
        } else {
            let (adj, product) = (*self.pick(vocab::ADJECTIVES), *self.pick(en));
            let color = *self.pick(vocab::COLORS);
            let brand = match self.rng.u8(..4) {
                0 => mark.mark.to_uppercase(),
                _ => mark.mark.clone(),
            };
            let brand = if self.rng.f64() < self.opts.disguised_share {
                self.disguise(&brand)
            } else {
                brand
            };
            match self.rng.u8(..4) {
                0 => format!("{brand} {product} {adj} {color}"),
                1 => format!("{adj} {brand} {product}, {color}, free shipping"),
                2 => format!("Authentic {brand} {product} with box and tags"),
                _ => format!("{color} {product} {brand} {adj} 2024"),
            }
        };
        let mention = self.rng.f64() < 0.3;
        let description = self.description(chinese, mention.then_some(mark.mark.as_str()));
        (title, description, category)
    }

    /// The brand as counterfeit sellers write it: leet, a look-alike letter, spaced out,
    /// misspelt, or with a claim of likeness.
    fn disguise(&mut self, brand: &str) -> String {
        let chars: Vec<char> = brand.chars().collect();
        let single = !brand.contains(' ') && brand.is_ascii();
        match self.rng.u8(..5) {
            0 if single => brand
                .replacen('o', "0", 1)
                .replacen('e', "3", 1)
                .replacen('i', "1", 1),
            1 if single => brand
                .replacen('a', "а", 1)
                .replacen('o', "о", 1)
                .replacen('e', "е", 1),
            2 if single && chars.len() <= 7 => chars
                .iter()
                .map(|c| c.to_uppercase().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            3 if single && chars.len() >= 6 => {
                let at = self.rng.usize(1..chars.len() - 1);
                chars
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != at)
                    .map(|(_, c)| c)
                    .collect()
            }
            _ => {
                if self.rng.bool() {
                    format!("1:1 replica {brand}")
                } else {
                    format!("{brand} style")
                }
            }
        }
    }

    fn clean(&mut self) -> (String, String, &'static str) {
        let (category, en, cn) = *self.pick(vocab::PRODUCTS);
        let chinese = self.rng.f64() < 0.4;
        let title = if chinese {
            format!(
                "{}{}{}",
                self.pick(vocab::ADJECTIVES_CN),
                self.pick(vocab::COLORS_CN),
                self.pick(cn)
            )
        } else {
            format!(
                "{} {} {} {}",
                self.pick(vocab::ADJECTIVES),
                self.pick(vocab::COLORS),
                self.pick(vocab::MATERIALS),
                self.pick(en)
            )
        };
        (title, self.description(chinese, None), category)
    }
}

impl Iterator for ListingGenerator<'_> {
    type Item = Listing;

    fn next(&mut self) -> Option<Listing> {
        self.next += 1;
        let roll = self.rng.f64();
        let (title, description, category) =
            if roll < self.opts.infringing_share && !self.marks.is_empty() {
                self.infringing()
            } else if roll < self.opts.infringing_share + self.opts.near_miss_share {
                let (t, c) = *self.pick(vocab::NEAR_MISSES);
                (t.to_string(), self.description(false, None), c)
            } else {
                self.clean()
            };
        let images = self.rng.usize(..=3).min(self.opts.image_pool.len());
        let image_paths = (0..images)
            .map(|_| {
                let pool = self.opts.image_pool.len();
                let i = if self.opts.images_in_turn {
                    self.next_image = (self.next_image + 1) % pool;
                    self.next_image
                } else {
                    self.rng.usize(..pool)
                };
                self.opts.image_pool[i].clone()
            })
            .collect();
        Some(Listing {
            listing_id: format!("{}{:08}", self.opts.id_prefix, self.next),
            seller_id: format!("s{:05}", self.rng.u32(..5000)),
            platform: self.opts.platforms[self.rng.usize(..self.opts.platforms.len())].clone(),
            category: Some(category.to_string()),
            title,
            description,
            price: Some(f64::from(self.rng.u32(100..200_000)) / 100.0),
            currency: Some(if self.rng.bool() { "CNY" } else { "USD" }.to_string()),
            image_paths,
            origin: crate::model::RowOrigin::default(),
        })
    }
}

/// `n` made-up brand names (pronounceable, distinct), registered in CN and the US, a
/// third of them restricted to a category; for benchmarks at scale.
pub fn synthetic_marks(n: usize, seed: u64) -> Vec<Mark> {
    const ONSETS: &[&str] = &[
        "b", "br", "c", "d", "f", "g", "gr", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t",
        "tr", "v", "z",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "io"];
    const CODAS: &[&str] = &["", "n", "r", "x", "s", "l", "m", "nt", "rk"];
    let mut rng = Rng::with_seed(seed);
    let mut taken = std::collections::HashSet::new();
    let mut marks = Vec::with_capacity(n);
    while marks.len() < n {
        let syllables = rng.usize(2..=3);
        let mut name = String::new();
        for _ in 0..syllables {
            name.push_str(ONSETS[rng.usize(..ONSETS.len())]);
            name.push_str(VOWELS[rng.usize(..VOWELS.len())]);
        }
        name.push_str(CODAS[rng.usize(..CODAS.len())]);
        if crate::detect::text::is_common_word(&name) || !taken.insert(name.clone()) {
            continue;
        }
        let mut chars = name.chars();
        let display: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let i = marks.len();
        let categories = if i % 3 == 0 {
            vec![vocab::PRODUCTS[i % vocab::PRODUCTS.len()].0.to_string()]
        } else {
            Vec::new()
        };
        marks.push(Mark {
            mark_id: format!("SM{i:06}"),
            rights_holder: format!("{display} Holdings"),
            mark: display,
            aliases: Vec::new(),
            registration_no: format!("TM-{i:08}"),
            scope: RightsScope {
                jurisdictions: vec!["CN".into(), "US".into()],
                categories,
                ..RightsScope::default()
            },
            usual_price: None,
            short_aliases: Vec::new(),
        });
    }
    marks
}

/// `n` made-up registered works of every kind, titled from made-up words ("Voruna Saga"),
/// for benchmarks: as many names again for the text detector's matchers.
pub fn synthetic_works(n: usize, seed: u64) -> Vec<Work> {
    const SUFFIXES: &[&str] = &["Saga", "Chronicles", "Quest", "Tales", "Studio", "Legacy"];
    synthetic_marks(n, seed ^ 0x5EED_0023)
        .into_iter()
        .enumerate()
        .map(|(i, m)| Work {
            work_id: format!("SW{i:06}"),
            rights_holder: m.rights_holder,
            title: format!("{} {}", m.mark, SUFFIXES[i % SUFFIXES.len()]),
            aliases: Vec::new(),
            kind: WorkKind::ALL[i % WorkKind::ALL.len()],
            registration_no: format!("CR-{i:08}"),
            scope: RightsScope {
                jurisdictions: vec!["CN".into(), "US".into()],
                ..RightsScope::default()
            },
            ordinary_names: Vec::new(),
        })
        .collect()
}
