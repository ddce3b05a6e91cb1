//! The obscured-mark check on an evaluation it cannot see into.
//!
//! [`generator`] draws the cases and [`render`] makes their pixels; neither imports
//! anything from `ippscan`. Two parts, from real photographs (`data/eval/photos`, sources
//! and licences in its `SOURCES.md`):
//! - **test**: `data/eval/obscured/test.jsonl`, drawn once from the `held-out` photos (a
//!   family of photos nothing is tuned on) before the detector was changed for it, and
//!   frozen: each case carries the digest of its JPEG, so the rendering cannot drift under
//!   it. The floors are asserted on it.
//! - **dev**: drawn here from `others` and `refs` with another seed, to tune on and to
//!   read misses from.
//!
//! A positive is an edit that leaves something to find: one that changes its region less
//! than saving the photo as a JPEG does there ([`render::render_judged`]) hides nothing
//! anyone could see, and is counted apart from recall. A positive is found when the flagged
//! box lies mostly on the edit (half of it at least) and covers a tenth of the edit's
//! bounding box. Precision per method is over the flags
//! named with that method, on positives and ordinary photos alike.
//!
//! `cargo test --test it obscured_eval -- --nocapture` prints the figures;
//! `IPPSCAN_OBSCURED_EVAL_MISSES=N` prints N misses and false flags per part;
//! `IPPSCAN_OBSCURED_EVAL_DUMP=DIR` writes every image there, named by case, beside its
//! case, truth and visibility as JSON (the copies of references under `DIR/copies`);
//! `IPPSCAN_OBSCURED_EVAL_DEV_ONLY=1` runs the dev part alone, for tuning;
//! `IPPSCAN_OBSCURED_EVAL_ONLY=PREFIX` runs only the copies whose case id starts so (one
//! case at a time, to follow it).

mod copies;
mod generator;
mod render;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use image::RgbImage;
use ippscan::detect::image::{ImageDetector, Obscured};
use rayon::prelude::*;

use generator::{Case, Edit, Fill, Method, Sizes, Source};

const DEV_SEED: u64 = 0x0B5_DE7;
const TEST_SEED: u64 = 0x0B5_7E57;
const DEV_SIZES: Sizes = Sizes {
    per_method: 4,
    ordinary: 18,
    tones: 4,
};
const TEST_SIZES: Sizes = Sizes {
    per_method: 8,
    ordinary: 27,
    tones: 0,
};
const MAX_PIXELS: u64 = 50_000_000;

/// The floors on the test part: per method (precision, recall), and the share of
/// ordinary photos flagged.
const FLOORS: [(&str, f64, f64); 3] = [
    ("blur", 0.90, 0.80),
    ("mosaic", 0.90, 0.80),
    ("cover", 0.90, 0.80),
];
const MOST_ORDINARY_FLAGGED: f64 = 0.01;

fn photos_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/photos")
}

fn frozen_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/obscured/test.jsonl")
}

/// Source photos by stem, for the given folders.
struct Photos(HashMap<String, RgbImage>);

impl Photos {
    fn load(folders: &[&str]) -> (Photos, Vec<Source>) {
        let mut map = HashMap::new();
        let mut listed = Vec::new();
        for folder in folders {
            let dir = photos_dir().join(folder);
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
                .collect();
            paths.sort();
            for p in paths {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let img = image::open(&p).unwrap().to_rgb8();
                listed.push(Source {
                    folder: (*folder).to_string(),
                    stem: stem.clone(),
                    size: img.dimensions(),
                });
                map.insert(stem, img);
            }
        }
        assert!(listed.len() >= 10, "too few photos in {folders:?}");
        (Photos(map), listed)
    }

    fn get(&self, stem: &str) -> RgbImage {
        self.0[stem].clone()
    }
}

fn digest(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// What the check found in one case.
struct Outcome {
    case: Case,
    truth: Option<(u32, u32, u32, u32)>,
    found: Option<Obscured>,
    /// Whether the edit leaves anything to find ([`render::render_judged`]); `None` for an
    /// everyday edit.
    visible: Option<bool>,
    digest: String,
}

impl Outcome {
    fn located(&self) -> bool {
        match (self.found, self.truth) {
            (Some(f), Some(t)) => locates(f.region, t),
            _ => false,
        }
    }
}

/// Whether `found` lies mostly on `truth` and covers a tenth of it.
/// A method's strength, in a few bands: a blur's sigma, a mosaic's block side, a cover's
/// fill.
fn strength(method: &Method) -> String {
    match method {
        Method::Blur { sigma } => {
            let band =
                ["6-9", "9-12", "12-16"][usize::from(*sigma >= 9.0) + usize::from(*sigma >= 12.0)];
            format!("blur sigma {band}")
        }
        Method::Mosaic { block } => {
            let band =
                ["8-12", "13-18", "19-24"][usize::from(*block > 12) + usize::from(*block > 18)];
            format!("mosaic block {band}")
        }
        Method::Cover { fill, .. } => {
            let fill = match fill {
                Fill::Solid => "solid",
                Fill::Noisy { .. } => "noisy",
                Fill::Gradient { .. } => "gradient",
            };
            format!("cover {fill}")
        }
    }
}

fn locates(found: (u32, u32, u32, u32), truth: (u32, u32, u32, u32)) -> bool {
    let ix = (found.0 + found.2)
        .min(truth.0 + truth.2)
        .saturating_sub(found.0.max(truth.0));
    let iy = (found.1 + found.3)
        .min(truth.1 + truth.3)
        .saturating_sub(found.1.max(truth.1));
    let inter = f64::from(ix) * f64::from(iy);
    let area = |r: (u32, u32, u32, u32)| (f64::from(r.2) * f64::from(r.3)).max(1.0);
    inter >= 0.5 * area(found) && inter >= 0.1 * area(truth)
}

fn run(cases: Vec<Case>, photos: &Photos) -> Vec<Outcome> {
    let detector = ImageDetector::new(&[], MAX_PIXELS);
    let get = |stem: &str| photos.get(stem);
    let dump = std::env::var_os("IPPSCAN_OBSCURED_EVAL_DUMP").map(PathBuf::from);
    cases
        .into_par_iter()
        .map(|case| {
            let (bytes, visible) = render::render_judged(&case, &get);
            if let Some(dir) = &dump {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("{}.jpg", case.id)), &bytes).unwrap();
                let side = serde_json::json!({
                    "case": &case,
                    "truth": render::truth(&case, &get),
                    "visible": visible,
                });
                std::fs::write(dir.join(format!("{}.json", case.id)), side.to_string()).unwrap();
            }
            let found = detector
                .examine_bytes(&bytes)
                .expect("a JPEG decodes")
                .and_then(|r| r.obscured);
            Outcome {
                truth: render::truth(&case, &get),
                visible,
                digest: digest(&bytes),
                case,
                found,
            }
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    cases: usize,
    hits: usize,
}

impl Tally {
    /// Counts a case, and a hit if it is one.
    fn add(&mut self, hit: bool) {
        self.cases += 1;
        self.hits += usize::from(hit);
    }

    fn rate(&self) -> f64 {
        self.hits as f64 / self.cases.max(1) as f64
    }
}

/// A part's figures.
struct Score {
    /// Per method: positives and those located.
    recall: BTreeMap<&'static str, Tally>,
    /// Per method: flags so named, and those right.
    precision: BTreeMap<&'static str, Tally>,
    /// Per kind of ordinary photo: photos and those flagged.
    ordinary: BTreeMap<String, Tally>,
    /// Per shape and feathering: positives and those located.
    by_region: BTreeMap<String, Tally>,
    /// Per method and its strength (blur sigma, block size, cover fill): the same.
    by_strength: BTreeMap<String, Tally>,
    /// Edits that hide nothing ([`render::render_judged`]) and those located anyway: left out
    /// of recall, reported beside it.
    invisible: Tally,
    misses: Vec<String>,
    false_flags: Vec<String>,
}

impl Score {
    fn of(outcomes: &[Outcome]) -> Score {
        let mut s = Score {
            recall: BTreeMap::new(),
            precision: BTreeMap::new(),
            ordinary: BTreeMap::new(),
            by_region: BTreeMap::new(),
            by_strength: BTreeMap::new(),
            invisible: Tally::default(),
            misses: Vec::new(),
            false_flags: Vec::new(),
        };
        for o in outcomes {
            let right = o.located();
            if let Some(f) = o.found {
                s.precision.entry(f.kind.as_str()).or_default().add(right);
            }
            match &o.case.edit {
                Edit::Obscured { .. } if o.visible == Some(false) => {
                    s.invisible.add(right);
                }
                Edit::Obscured {
                    method,
                    region,
                    feather,
                } => {
                    s.recall.entry(method.name()).or_default().add(right);
                    let shape = serde_json::to_value(region).unwrap()["shape"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    let soft = if *feather > 0.0 { "feathered" } else { "hard" };
                    s.by_region
                        .entry(format!("{shape} {soft}"))
                        .or_default()
                        .add(right);
                    s.by_strength
                        .entry(strength(method))
                        .or_default()
                        .add(right);
                    if !right {
                        s.misses.push(format!(
                            "{} truth {:?} found {:?}",
                            o.case.id, o.truth, o.found
                        ));
                    }
                }
                Edit::Ordinary(ordinary) => {
                    s.ordinary
                        .entry(ordinary.name())
                        .or_default()
                        .add(o.found.is_some());
                    if let Some(f) = o.found {
                        s.false_flags.push(format!("{} {f:?}", o.case.id));
                    }
                }
            }
        }
        s
    }

    fn ordinary_flagged(&self) -> (usize, usize) {
        self.ordinary
            .values()
            .fold((0, 0), |(h, n), t| (h + t.hits, n + t.cases))
    }

    fn print(&self, part: &str) {
        let (flagged, ordinary) = self.ordinary_flagged();
        eprintln!(
            "{part}: ordinary photos flagged {flagged} of {ordinary} ({:.2}%)",
            100.0 * flagged as f64 / ordinary.max(1) as f64
        );
        for method in ["blur", "mosaic", "cover"] {
            let r = self.recall.get(method).map_or(0.0, Tally::rate);
            let p = self.precision.get(method);
            eprintln!(
                "  {method:<7} precision {:.3} ({} of {} flags) recall {r:.3} ({} of {})",
                p.map_or(1.0, Tally::rate),
                p.map_or(0, |t| t.hits),
                p.map_or(0, |t| t.cases),
                self.recall.get(method).map_or(0, |t| t.hits),
                self.recall.get(method).map_or(0, |t| t.cases),
            );
        }
        eprintln!(
            "  edits that hide nothing (left out of recall): {} of {}, {} located anyway",
            self.invisible.cases,
            self.invisible.cases + self.recall.values().map(|t| t.cases).sum::<usize>(),
            self.invisible.hits
        );
        for (label, t) in &self.by_region {
            eprintln!(
                "  {label:<18} recall {:.3} ({}/{})",
                t.rate(),
                t.hits,
                t.cases
            );
        }
        for (label, t) in &self.by_strength {
            eprintln!(
                "  {label:<18} recall {:.3} ({}/{})",
                t.rate(),
                t.hits,
                t.cases
            );
        }
        for (kind, t) in &self.ordinary {
            eprintln!("  {kind:<12} flagged {}/{}", t.hits, t.cases);
        }
        let n = std::env::var("IPPSCAN_OBSCURED_EVAL_MISSES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        for m in self.misses.iter().take(n) {
            eprintln!("  miss: {m}");
        }
        for f in self.false_flags.iter().take(n) {
            eprintln!("  false flag: {f}");
        }
    }

    /// The floors the part falls short of.
    fn short_of_floors(&self) -> Vec<String> {
        let mut short = Vec::new();
        for (method, least_precision, least_recall) in FLOORS {
            let p = self.precision.get(method).map_or(1.0, Tally::rate);
            let r = self.recall.get(method).map_or(0.0, Tally::rate);
            if p < least_precision || r < least_recall {
                short.push(format!("{method}: precision {p:.3} recall {r:.3}"));
            }
        }
        let (flagged, ordinary) = self.ordinary_flagged();
        let share = flagged as f64 / ordinary.max(1) as f64;
        if share > MOST_ORDINARY_FLAGGED {
            short.push(format!("ordinary photos flagged {share:.4}"));
        }
        short
    }
}

fn frozen_cases() -> Vec<Case> {
    let text = std::fs::read_to_string(frozen_path()).expect("the frozen test part");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a case"))
        .collect()
}

/// Runs the dev part and the frozen test part; returns the test part's score, or `None`
/// when asked for the dev part alone.
fn evaluate() -> Option<Score> {
    let (dev_photos, dev_listed) = Photos::load(&["others", "refs"]);
    let dev = Score::of(&run(
        generator::generate(&dev_listed, DEV_SEED, DEV_SIZES),
        &dev_photos,
    ));
    dev.print("dev");
    if std::env::var_os("IPPSCAN_OBSCURED_EVAL_DEV_ONLY").is_some() {
        return None;
    }
    let (test_photos, _) = Photos::load(&["held-out"]);
    let outcomes = run(frozen_cases(), &test_photos);
    let drifted: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.case.digest.as_deref() != Some(o.digest.as_str()))
        .map(|o| o.case.id.as_str())
        .collect();
    assert!(
        drifted.is_empty(),
        "the frozen test part renders differently now ({} cases, first {:?}): the \
         generator's pixels changed under it",
        drifted.len(),
        drifted.first()
    );
    let test = Score::of(&outcomes);
    test.print("test");
    Some(test)
}

/// Both parts, figures printed; the frozen part renders as it did when frozen.
#[test]
fn obscured_eval_figures() {
    let Some(test) = evaluate() else {
        return;
    };
    let positives: usize = test.recall.values().map(|t| t.cases).sum();
    let (_, ordinary) = test.ordinary_flagged();
    assert!(
        positives >= 300 && ordinary >= 300,
        "{positives} {ordinary}"
    );
}

/// The floors. Ignored until the detector reaches them: today's figures are
/// printed by `obscured_eval_figures`, and the closing notes carry them.
#[test]
#[ignore = "issue 19: the detector is below these floors on the frozen test part"]
fn obscured_eval_floors() {
    let short = evaluate()
        .expect("the floors are the test part's")
        .short_of_floors();
    assert!(short.is_empty(), "below the floors: {short:?}");
}

/// Writes the frozen test part, once: `cargo test --test it freeze_obscured_test_part --
/// --ignored`. It refuses to overwrite it.
#[test]
#[ignore = "writes data/eval/obscured/test.jsonl once"]
fn freeze_obscured_test_part() {
    let path = frozen_path();
    assert!(
        !path.exists(),
        "the test part is frozen: delete it by hand only with a reason in the commit"
    );
    freeze(&path, TEST_SEED, TEST_SIZES);
}

/// Draws a part from the `held-out` photos with `seed` and writes it to `path`, each case
/// with its image's digest.
fn freeze(path: &Path, seed: u64, sizes: Sizes) {
    let (photos, listed) = Photos::load(&["held-out"]);
    let get = |stem: &str| photos.get(stem);
    let cases: Vec<Case> = generator::generate(&listed, seed, sizes)
        .into_par_iter()
        .map(|mut case| {
            case.digest = Some(digest(&render::render(&case, &get)));
            case
        })
        .collect();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut out = String::new();
    for case in &cases {
        out.push_str(&serde_json::to_string(case).unwrap());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}
