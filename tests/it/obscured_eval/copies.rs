//! Obscured against a reference: the photos are the rights holders' references, and each
//! case is a copy of one (resized, re-saved) with a region hidden as in the blind
//! evaluation, or with an everyday edit and nothing hidden. The same generator draws the
//! cases; the frozen test part (`data/eval/obscured/copies-test.jsonl`, from the
//! `held-out` photos) was written before the comparison with the reference was tuned.
//!
//! A positive is an edit that leaves something to find, as in the blind evaluation. A
//! positive is found when the listing photo is flagged as hiding a part of its own
//! reference, at the edit's place (as in the blind evaluation). An ordinary copy is
//! flagged wrongly when it is said to hide any part of a reference.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ippscan::detect::image::{HiddenPart, ImageDetector, decode_bytes, reference_print};
use ippscan::model::{ImageKind, RefImage, RightsScope};
use rayon::prelude::*;

use super::generator::{self, Case, Edit, Sizes};
use super::{Photos, Tally, digest, locates, render, strength};

const DEV_SEED: u64 = 0xC0_DE7;
const TEST_SEED: u64 = 0xC0_7E57;
const SIZES: Sizes = Sizes {
    per_method: 4,
    ordinary: 9,
    tones: 4,
};
const MAX_PIXELS: u64 = 50_000_000;

/// The floor: recall of regions hidden on copies of references.
const LEAST_RECALL: f64 = 0.90;

fn frozen_path() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/obscured/copies-test.jsonl")
}

/// Copies with their tones or colours changed and nothing hidden, frozen apart (after the
/// part above, before the comparison was tuned for them): the test part is both files.
fn frozen_tones_path() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/eval/obscured/copies-tones-test.jsonl")
}

const TONES_SIZES: Sizes = Sizes {
    per_method: 0,
    ordinary: 0,
    tones: 8,
};

/// A detector whose references are `photos`, each as a rights holder would upload it.
fn detector(photos: &Photos, stems: &[String]) -> ImageDetector {
    let references: Vec<RefImage> = stems
        .iter()
        .map(|stem| {
            let bytes = render::jpeg(&photos.get(stem), 90);
            let decoded = decode_bytes(&bytes, MAX_PIXELS).unwrap();
            let (hashes, thumb) = reference_print(&decoded.luma);
            RefImage {
                image_id: stem.clone(),
                rights_holder: "Holder".into(),
                path: stem.into(),
                kind: ImageKind::Copyright,
                registration_no: None,
                scope: RightsScope::default(),
                hashes,
                thumb,
                pdq: None,
            }
        })
        .collect();
    ImageDetector::new(&references, MAX_PIXELS)
}

struct Outcome {
    case: Case,
    truth: Option<(u32, u32, u32, u32)>,
    /// The reference the copy was matched to at all, and what it hides of one.
    matched: bool,
    hidden: Option<HiddenPart>,
    /// Where the check on the photo alone found a region obscured: a scan flags it too
    /// when nothing is found hidden against the reference.
    blind: Option<(u32, u32, u32, u32)>,
    /// As [`render::render_judged`].
    visible: Option<bool>,
    reference: usize,
    digest: String,
}

fn run(cases: Vec<Case>, photos: &Photos, stems: &[String]) -> Vec<Outcome> {
    let detector = detector(photos, stems);
    let get = |stem: &str| photos.get(stem);
    let only = std::env::var("IPPSCAN_OBSCURED_EVAL_ONLY").unwrap_or_default();
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| c.id.starts_with(&only))
        .collect();
    cases
        .into_par_iter()
        .map(|case| {
            let (bytes, visible) = render::render_judged(&case, &get);
            if let Some(dir) = std::env::var_os("IPPSCAN_OBSCURED_EVAL_DUMP") {
                let dir = PathBuf::from(dir).join("copies");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{}.jpg", case.id)), &bytes).unwrap();
            }
            let report = detector.examine_bytes(&bytes).expect("a JPEG decodes");
            let reference = stems.iter().position(|s| *s == case.photo).unwrap();
            let blind = report.as_ref().and_then(|r| r.obscured).map(|o| o.region);
            Outcome {
                blind,
                matched: report
                    .as_ref()
                    .is_some_and(|r| r.matches.iter().any(|m| m.reference == reference)),
                hidden: report.and_then(|r| r.hidden),
                truth: render::truth(&case, &get),
                visible,
                reference,
                digest: digest(&bytes),
                case,
            }
        })
        .collect()
}

/// A part's figures.
#[derive(Default)]
struct Figures {
    /// Per method: positives and those found hidden against their reference...
    recall: BTreeMap<&'static str, Tally>,
    /// ...and those a scan flags at their place: against the reference, or else by the
    /// check on the photo alone.
    as_scanned: BTreeMap<&'static str, Tally>,
    by_strength: BTreeMap<String, Tally>,
    /// Ordinary copies, and those said to hide a part of a reference...
    ordinary: Tally,
    /// ...or flagged at all, as a scan flags them.
    ordinary_as_scanned: Tally,
    by_edit: BTreeMap<String, Tally>,
    /// Copies matched to their reference at all.
    matched: Tally,
    /// Edits that leave nothing to find.
    invisible: Tally,
}

/// Tallies a part's outcomes, prints them, and returns (recall, share of ordinary copies
/// flagged).
fn score(part: &str, outcomes: &[Outcome]) -> (f64, f64) {
    let mut f = Figures::default();
    let misses = std::env::var("IPPSCAN_OBSCURED_EVAL_MISSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut shown = 0;
    for o in outcomes {
        f.matched.add(o.matched);
        match &o.case.edit {
            Edit::Obscured { method, .. } => {
                let found = o.hidden.is_some_and(|h| {
                    h.reference == o.reference && o.truth.is_some_and(|t| locates(h.region, t))
                });
                if o.visible == Some(false) {
                    f.invisible.add(found);
                    continue;
                }
                f.recall.entry(method.name()).or_default().add(found);
                let found_by_scan = found
                    || (o.hidden.is_none()
                        && o.blind
                            .is_some_and(|b| o.truth.is_some_and(|t| locates(b, t))));
                f.as_scanned
                    .entry(method.name())
                    .or_default()
                    .add(found_by_scan);
                f.by_strength
                    .entry(strength(method))
                    .or_default()
                    .add(found);
                if !found && shown < misses {
                    shown += 1;
                    eprintln!(
                        "  miss: {} matched {} truth {:?} hidden {:?} ref {}",
                        o.case.id, o.matched, o.truth, o.hidden, o.reference
                    );
                }
            }
            Edit::Ordinary(edit) => {
                f.ordinary.add(o.hidden.is_some());
                f.ordinary_as_scanned
                    .add(o.hidden.is_some() || o.blind.is_some());
                f.by_edit
                    .entry(edit.name())
                    .or_default()
                    .add(o.hidden.is_some());
                if o.hidden.is_some() && shown < misses {
                    shown += 1;
                    eprintln!("  false flag: {} {:?}", o.case.id, o.hidden);
                }
            }
        }
    }
    print_figures(part, &f)
}

fn print_figures(part: &str, f: &Figures) -> (f64, f64) {
    let sum = |tallies: &BTreeMap<&str, Tally>| {
        tallies.values().fold(Tally::default(), |a, t| Tally {
            cases: a.cases + t.cases,
            hits: a.hits + t.hits,
        })
    };
    let (all, all_as_scanned) = (sum(&f.recall), sum(&f.as_scanned));
    eprintln!(
        "{part} copies: matched to their reference {}/{}; hidden parts found {:.3} ({}/{}); \
         ordinary copies flagged {}/{}",
        f.matched.hits,
        f.matched.cases,
        all.rate(),
        all.hits,
        all.cases,
        f.ordinary.hits,
        f.ordinary.cases
    );
    eprintln!(
        "  edits that hide nothing (left out of recall): {} of {}, {} found anyway",
        f.invisible.cases,
        f.invisible.cases + all.cases,
        f.invisible.hits
    );
    eprintln!(
        "  flagged as a scan flags them (against the reference, or else on the photo \
         alone): edits found {:.3} ({}/{}); ordinary copies flagged {}/{}",
        all_as_scanned.rate(),
        all_as_scanned.hits,
        all_as_scanned.cases,
        f.ordinary_as_scanned.hits,
        f.ordinary_as_scanned.cases
    );
    for ((method, t), any) in f.recall.iter().zip(f.as_scanned.values()) {
        eprintln!(
            "  {method:<7} recall {:.3} ({}/{}); as a scan flags them {:.3} ({})",
            t.rate(),
            t.hits,
            t.cases,
            any.rate(),
            any.hits
        );
    }
    for (label, t) in &f.by_strength {
        eprintln!(
            "  {label:<18} recall {:.3} ({}/{})",
            t.rate(),
            t.hits,
            t.cases
        );
    }
    for (edit, t) in &f.by_edit {
        eprintln!("  {edit:<12} flagged {}/{}", t.hits, t.cases);
    }
    (all.rate(), f.ordinary.rate())
}

/// Runs the dev part, then the frozen test part; the test part's (recall, share of
/// ordinary copies flagged), or `None` for the dev part alone.
fn evaluate() -> Option<(f64, f64)> {
    let (dev_photos, dev_listed) = Photos::load(&["others", "refs"]);
    let stems: Vec<String> = dev_listed.iter().map(|s| s.stem.clone()).collect();
    let dev = generator::generate(&dev_listed, DEV_SEED, SIZES);
    score("dev", &run(dev, &dev_photos, &stems));
    if std::env::var_os("IPPSCAN_OBSCURED_EVAL_DEV_ONLY").is_some() {
        return None;
    }
    let (test_photos, test_listed) = Photos::load(&["held-out"]);
    let stems: Vec<String> = test_listed.iter().map(|s| s.stem.clone()).collect();
    let cases: Vec<Case> = [frozen_path(), frozen_tones_path()]
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("the frozen copies part {}: {e}", path.display()));
            text.lines()
                .map(|l| serde_json::from_str(l).expect("a case"))
                .collect::<Vec<Case>>()
        })
        .collect();
    let outcomes = run(cases, &test_photos, &stems);
    let drifted = outcomes
        .iter()
        .filter(|o| o.case.digest.as_deref() != Some(o.digest.as_str()))
        .count();
    assert_eq!(drifted, 0, "the frozen copies part renders differently now");
    Some(score("test", &outcomes))
}

#[test]
fn obscured_copies_figures() {
    let Some((recall, flagged)) = evaluate() else {
        return;
    };
    eprintln!("test copies: recall {recall:.3}, ordinary copies flagged {flagged:.3}");
}

/// The floor on the test part. Ignored until met.
#[test]
#[ignore = "issue 19: below the floor on the frozen test part"]
fn obscured_copies_floor() {
    let (recall, _) = evaluate().expect("the floor is the test part's");
    assert!(recall >= LEAST_RECALL, "recall {recall:.3}");
}

/// Writes the frozen copies part, once: `cargo test --test it freeze_obscured_copies_part
/// -- --ignored`. It refuses to overwrite it.
#[test]
#[ignore = "writes data/eval/obscured/copies-test.jsonl once"]
fn freeze_obscured_copies_part() {
    let path = frozen_path();
    assert!(!path.exists(), "the copies part is frozen");
    super::freeze(&path, TEST_SEED, SIZES);
}

/// Writes the frozen part of copies with their tones changed, once: `cargo test --test it
/// freeze_obscured_copies_tones_part -- --ignored`. It refuses to overwrite it.
#[test]
#[ignore = "writes data/eval/obscured/copies-tones-test.jsonl once"]
fn freeze_obscured_copies_tones_part() {
    let path = frozen_tones_path();
    assert!(!path.exists(), "the copies' tones part is frozen");
    super::freeze(&path, TEST_SEED, TONES_SIZES);
}
