//! Cases for the obscured-mark evaluation: which photo, at what size, edited how. This
//! file and [`super::render`] import nothing from `ippscan`; the edits follow what the
//! issue reports of real listings, not what the detector looks for:
//! - regions are boxes, ellipses and free brush strokes alike, feathered (a soft edge of 2
//!   to 6 px) about half the time, 2 to 15% of the photo, anywhere on it (plain surfaces
//!   as well as texture), some touching its border;
//! - blur is Gaussian, sigma 6 to 16 px; a mosaic's blocks are 8 to 24 px on a grid from
//!   the region's corner, clipped to its shape; a cover is solid, lightly noisy or a gentle
//!   gradient, white, black, grey, the region's own mean colour or a sticker colour,
//!   sometimes outlined;
//! - every photo is then saved again as a JPEG.
//!
//! Ordinary listing photos, the negatives, carry what such photos carry: captions and
//! watermarks, borders, collages, studio backdrops, a blurred background behind a sharp
//! subject, a whole photo out of focus, heavy compression, resampling.

// Pixel geometry: short names (x, y, w, h) read best.
#![allow(clippy::many_single_char_names)]

use serde::{Deserialize, Serialize};

/// A source photo: its folder under `data/eval/photos`, its file stem and its size.
#[derive(Clone, Debug)]
pub struct Source {
    pub folder: String,
    pub stem: String,
    pub size: (u32, u32),
}

/// `SplitMix64`: small, and the same on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f32) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A region's outline, in the edited photo's pixels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    Box {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Ellipse {
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
    },
    /// A stroke of a round brush through `points`.
    Brush {
        points: Vec<(f32, f32)>,
        radius: f32,
    },
}

impl Shape {
    /// The bounding box (x, y, w, h), clipped to a `width` × `height` photo.
    pub fn bounds(&self, width: u32, height: u32) -> (u32, u32, u32, u32) {
        let (x0, y0, x1, y1) = match self {
            Shape::Box { x, y, w, h } => (*x, *y, x + w, y + h),
            Shape::Ellipse { cx, cy, rx, ry } => (cx - rx, cy - ry, cx + rx, cy + ry),
            Shape::Brush { points, radius } => points.iter().fold(
                (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
                |(a, b, c, d), &(x, y)| {
                    (
                        a.min(x - radius),
                        b.min(y - radius),
                        c.max(x + radius),
                        d.max(y + radius),
                    )
                },
            ),
        };
        let clip = |v: f32, max: u32| v.round().clamp(0.0, max as f32) as u32;
        let (x0, y0) = (clip(x0, width), clip(y0, height));
        let (x1, y1) = (clip(x1, width), clip(y1, height));
        (x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0))
    }
}

/// What fills a cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fill", rename_all = "snake_case")]
pub enum Fill {
    Solid,
    /// Gaussian noise of standard deviation `sd` grey levels on the colour.
    Noisy {
        sd: f32,
    },
    /// From the colour to `to`, across the region at `angle` radians.
    Gradient {
        to: [u8; 3],
        angle: f32,
    },
}

/// A cover's colour.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    White,
    Black,
    Grey,
    /// The mean colour of the photo under the region.
    RegionMean,
    Sticker([u8; 3]),
}

/// How a region is obscured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    Blur {
        sigma: f32,
    },
    Mosaic {
        block: u32,
    },
    Cover {
        colour: Colour,
        fill: Fill,
        outline: Option<(f32, [u8; 3])>,
    },
}

impl Method {
    pub fn name(&self) -> &'static str {
        match self {
            Method::Blur { .. } => "blur",
            Method::Mosaic { .. } => "mosaic",
            Method::Cover { .. } => "cover",
        }
    }
}

/// An everyday edit of a listing photo, with nothing hidden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Ordinary {
    AsIs,
    /// A band of `band` of the height, flat `background`, with `text` in `ink`.
    Caption {
        text: String,
        band: f32,
        top: bool,
        background: [u8; 3],
        ink: [u8; 3],
    },
    /// `text` over the photo, `alpha` opaque, `rows` times across it.
    Watermark {
        text: String,
        alpha: f32,
        rows: u32,
        ink: [u8; 3],
    },
    Border {
        share: f32,
        colour: [u8; 3],
    },
    /// The photo beside `others` (same folder), in a grid of `columns`, `gutter` px apart.
    Collage {
        others: Vec<String>,
        columns: u32,
        gutter: u32,
    },
    /// A crop of the photo (`subject`, shares of its sides) on a plain backdrop fading
    /// from `top` to `bottom`, with a soft shadow.
    Studio {
        subject: [f32; 4],
        top: [u8; 3],
        bottom: [u8; 3],
    },
    /// The background blurred (`sigma`) outside a sharp subject ellipse (shares of the
    /// sides), with a soft edge: a portrait mode's bokeh.
    Bokeh {
        sigma: f32,
        subject: [f32; 4],
    },
    WholeBlur {
        sigma: f32,
    },
    /// Shrunk by `factor` and enlarged back.
    Resample {
        factor: f32,
    },
    /// Colours and tones changed as photo editors do: each pixel mixed with its grey
    /// (`grey` weights of red, green and blue) by `saturation` (0 turns it grey), then its
    /// contrast about mid-grey scaled by `contrast`, then `brightness` added.
    Tone {
        saturation: f32,
        grey: [f32; 3],
        contrast: f32,
        brightness: f32,
    },
}

impl Ordinary {
    /// The edit's name, as its cases are tagged: `as_is`, `caption`, `tone` …
    pub fn name(&self) -> String {
        serde_json::to_value(self).expect("an edit serialises")["edit"]
            .as_str()
            .expect("edits are tagged")
            .to_string()
    }
}

/// An edit of one case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    Obscured {
        method: Method,
        region: Shape,
        feather: f32,
    },
    Ordinary(Ordinary),
}

/// One image of the evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    /// Folder under `data/eval/photos` and file stem.
    pub folder: String,
    pub photo: String,
    /// Long side of the listing photo, in pixels (the source is resized to it first).
    pub long_side: u32,
    pub edit: Edit,
    pub quality: u8,
    /// xxh3 of the JPEG bytes, once frozen: the rendering may not drift under a frozen part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// How many images of each kind a part draws per photo.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Per photo and method.
    pub per_method: usize,
    /// Ordinary photos per photo.
    pub ordinary: usize,
    /// Ordinary photos with their tones or colours changed, per photo: drawn after all
    /// the others, from a stream of their own, so that adding them changed no other case.
    pub tones: usize,
}

/// Weights of red, green and blue in the grey levels editors make: ITU-R BT.601 (JPEG's
/// and most editors'), ITU-R BT.709 (sRGB's), and the plain mean.
const GREYS: &[[f32; 3]] = &[
    [0.299, 0.587, 0.114],
    [0.2126, 0.7152, 0.0722],
    [1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0],
];

const STICKERS: &[[u8; 3]] = &[
    [230, 30, 40],
    [250, 210, 0],
    [255, 105, 180],
    [30, 160, 70],
    [20, 90, 220],
    [255, 140, 0],
];

const CAPTIONS: &[&str] = &[
    "FREE SHIPPING",
    "NEW 2026",
    "HOT SALE",
    "100% ORIGINAL",
    "IN STOCK",
    "BEST SELLER",
    "SALE -30%",
    "LIMITED EDITION",
    "FACTORY DIRECT",
    "GIFT BOX",
    "PREMIUM QUALITY",
    "BUY 2 GET 1",
];

const SHOPS: &[&str] = &[
    "SHOP 88",
    "TOPSTORE",
    "DAILY DEALS",
    "HOME GOODS CO",
    "STYLE HUB",
    "MEGA MART",
    "SUNNY SHOP",
];

/// The photos' folder and stems a part draws from, and a seed: every case of the part.
pub fn generate(photos: &[Source], seed: u64, sizes: Sizes) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let mut cases = Vec::new();
    for (p, source) in photos.iter().enumerate() {
        let (folder, stem, (pw, ph)) = (&source.folder, &source.stem, source.size);
        for method in ["blur", "mosaic", "cover"] {
            for k in 0..sizes.per_method {
                let long_side = 560 + rng.below(480) as u32;
                let scale = long_side as f32 / pw.max(ph) as f32;
                let (w, h) = ((pw as f32 * scale) as u32, (ph as f32 * scale) as u32);
                let edit = Edit::Obscured {
                    method: draw_method(&mut rng, method),
                    region: draw_region(&mut rng, w, h),
                    feather: if rng.chance(0.5) {
                        rng.range(2.0, 6.0)
                    } else {
                        0.0
                    },
                };
                cases.push(Case {
                    id: format!("{stem}-{method}-{k}"),
                    folder: folder.clone(),
                    photo: stem.clone(),
                    long_side,
                    edit,
                    quality: 70 + rng.below(23) as u8,
                    digest: None,
                });
            }
        }
        for k in 0..sizes.ordinary {
            let long_side = 560 + rng.below(480) as u32;
            let ordinary = draw_ordinary(&mut rng, k, p, photos);
            let quality = match ordinary {
                Ordinary::AsIs if rng.chance(0.5) => 15 + rng.below(26) as u8,
                _ => 70 + rng.below(23) as u8,
            };
            cases.push(Case {
                id: format!("{stem}-ordinary-{k}"),
                folder: folder.clone(),
                photo: stem.clone(),
                long_side,
                edit: Edit::Ordinary(ordinary),
                quality,
                digest: None,
            });
        }
    }
    let mut rng = Rng::new(seed ^ 0x70_4E5);
    for source in photos {
        for k in 0..sizes.tones {
            cases.push(Case {
                id: format!("{}-tone-{k}", source.stem),
                folder: source.folder.clone(),
                photo: source.stem.clone(),
                long_side: 560 + rng.below(480) as u32,
                edit: Edit::Ordinary(draw_tone(&mut rng, k)),
                quality: 70 + rng.below(23) as u8,
                digest: None,
            });
        }
    }
    cases
}

/// A change of colours or tones, the `k`th kind in turn: turned grey, colours made
/// stronger or weaker, brightened or darkened, contrast raised or lowered.
fn draw_tone(rng: &mut Rng, k: usize) -> Ordinary {
    let (mut saturation, mut grey, mut contrast, mut brightness) = (1.0, GREYS[0], 1.0, 0.0);
    let more = rng.chance(0.5);
    match k % 4 {
        0 => {
            saturation = 0.0;
            grey = *rng.pick(GREYS);
        }
        1 if more => saturation = rng.range(1.4, 2.2),
        1 => saturation = rng.range(0.2, 0.6),
        2 if more => brightness = rng.range(25.0, 60.0),
        2 => brightness = -rng.range(25.0, 60.0),
        _ if more => contrast = rng.range(1.3, 1.7),
        _ => contrast = rng.range(0.55, 0.8),
    }
    Ordinary::Tone {
        saturation,
        grey,
        contrast,
        brightness,
    }
}

fn draw_method(rng: &mut Rng, method: &str) -> Method {
    match method {
        "blur" => Method::Blur {
            sigma: rng.range(6.0, 16.0),
        },
        "mosaic" => Method::Mosaic {
            block: 8 + rng.below(17) as u32,
        },
        _ => {
            let colour = match rng.below(6) {
                0 => Colour::White,
                1 => Colour::Black,
                2 => Colour::Grey,
                3 | 4 => Colour::RegionMean,
                _ => Colour::Sticker(*rng.pick(STICKERS)),
            };
            let fill = match rng.below(3) {
                0 => Fill::Solid,
                1 => Fill::Noisy {
                    sd: rng.range(1.0, 3.0),
                },
                _ => Fill::Gradient {
                    to: grey_shift(rng),
                    angle: rng.range(0.0, std::f32::consts::TAU),
                },
            };
            let outline = rng.chance(0.25).then(|| {
                let ink = if rng.chance(0.5) {
                    [20, 20, 20]
                } else {
                    [245, 245, 245]
                };
                (rng.range(1.0, 4.0), ink)
            });
            Method::Cover {
                colour,
                fill,
                outline,
            }
        }
    }
}

/// A gradient's far end: a grey a little off the colour, given as an absolute grey.
fn grey_shift(rng: &mut Rng) -> [u8; 3] {
    let g = 90 + rng.below(120) as u8;
    [g, g, g]
}

/// A region of 2 to 15% of a `w` × `h` photo: a box, an ellipse or a brush stroke,
/// anywhere, one in six pushed against a border.
fn draw_region(rng: &mut Rng, w: u32, h: u32) -> Shape {
    let (w, h) = (w as f32, h as f32);
    let area = rng.range(0.02, 0.15) * w * h;
    let aspect = rng.range(0.5, 2.0);
    let (mut rw, mut rh) = ((area * aspect).sqrt(), (area / aspect).sqrt());
    rw = rw.min(w * 0.9);
    rh = rh.min(h * 0.9);
    let mut x = rng.range(0.0, w - rw);
    let mut y = rng.range(0.0, h - rh);
    if rng.chance(1.0 / 6.0) {
        match rng.below(4) {
            0 => x = 0.0,
            1 => x = w - rw,
            2 => y = 0.0,
            _ => y = h - rh,
        }
    }
    match rng.below(3) {
        0 => Shape::Box { x, y, w: rw, h: rh },
        // An ellipse covers π/4 of its box: the box grows to keep the area.
        1 => {
            let grow = (4.0 / std::f32::consts::PI).sqrt();
            Shape::Ellipse {
                cx: x + rw / 2.0,
                cy: y + rh / 2.0,
                rx: (rw * grow / 2.0).min(w / 2.0),
                ry: (rh * grow / 2.0).min(h / 2.0),
            }
        }
        _ => {
            // A scribble over the box: two to four strokes back and forth.
            let radius = rw.min(rh) * rng.range(0.2, 0.35);
            let strokes = 2 + rng.below(3);
            let points = (0..=strokes)
                .map(|i| {
                    let t = i as f32 / strokes as f32;
                    let along = radius + t * (rw - 2.0 * radius).max(0.0);
                    let across = if i % 2 == 0 { radius } else { rh - radius };
                    let jitter = radius * rng.range(-0.4, 0.4);
                    (x + along + jitter, y + across.max(radius) + jitter)
                })
                .collect();
            Shape::Brush { points, radius }
        }
    }
}

fn draw_ordinary(rng: &mut Rng, k: usize, p: usize, photos: &[Source]) -> Ordinary {
    let light = |rng: &mut Rng| {
        let g = 200 + rng.below(56) as u8;
        [g, g, g]
    };
    match k % 9 {
        0 => Ordinary::AsIs,
        1 => Ordinary::Caption {
            text: (*rng.pick(CAPTIONS)).to_string(),
            band: rng.range(0.08, 0.18),
            top: rng.chance(0.3),
            background: if rng.chance(0.5) {
                light(rng)
            } else {
                *rng.pick(STICKERS)
            },
            ink: if rng.chance(0.5) {
                [10, 10, 10]
            } else {
                [250, 250, 250]
            },
        },
        2 => Ordinary::Watermark {
            text: (*rng.pick(SHOPS)).to_string(),
            alpha: rng.range(0.2, 0.5),
            rows: 1 + rng.below(4) as u32,
            ink: if rng.chance(0.7) {
                [255, 255, 255]
            } else {
                [0, 0, 0]
            },
        },
        3 => Ordinary::Border {
            share: rng.range(0.03, 0.1),
            colour: if rng.chance(0.6) {
                light(rng)
            } else {
                *rng.pick(STICKERS)
            },
        },
        4 => {
            let n = 1 + rng.below(3);
            let others = (0..n)
                .map(|i| {
                    photos[(p + 1 + i + rng.below(photos.len() - 1)) % photos.len()]
                        .stem
                        .clone()
                })
                .filter(|o| *o != photos[p].stem)
                .collect();
            Ordinary::Collage {
                others,
                columns: 2,
                gutter: rng.below(12) as u32,
            }
        }
        5 => {
            let (sw, sh) = (rng.range(0.3, 0.6), rng.range(0.3, 0.6));
            Ordinary::Studio {
                subject: [rng.range(0.0, 1.0 - sw), rng.range(0.0, 1.0 - sh), sw, sh],
                top: light(rng),
                bottom: light(rng),
            }
        }
        6 => {
            let (sw, sh) = (rng.range(0.3, 0.6), rng.range(0.4, 0.8));
            Ordinary::Bokeh {
                sigma: rng.range(3.0, 10.0),
                subject: [rng.range(0.1, 0.9 - sw), rng.range(0.05, 0.95 - sh), sw, sh],
            }
        }
        7 => Ordinary::WholeBlur {
            sigma: rng.range(1.0, 3.5),
        },
        _ => Ordinary::Resample {
            factor: rng.range(0.3, 0.7),
        },
    }
}
