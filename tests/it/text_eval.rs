//! The text detector on the labelled evaluation set (`data/eval/text-eval.jsonl`, made by
//! `examples/make_text_eval.rs`): precision and recall overall and per tactic.
//! `IPPSCAN_TEXT_EVAL=path cargo test text_eval -- --nocapture` runs it on another set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ippscan::model::{Listing, Reason};
use ippscan::refs::RefLoader;
use ippscan::{Config, Scanner};

#[derive(Default)]
struct Tally {
    listings: u32,
    caught: u32,
    flagged: u32,
}

#[test]
fn text_detector_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = std::env::var_os("IPPSCAN_TEXT_EVAL")
        .map_or_else(|| root.join("data/eval/text-eval.jsonl"), PathBuf::from);
    let upload = RefLoader::new()
        .load(Some(&root.join("data/marks.csv")), None)
        .unwrap();
    let scanner = Scanner::new(Config::default(), upload.bundle);
    let text = std::fs::read_to_string(&set).unwrap();

    let mut by_tactic: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut true_pos, mut flagged, mut positives) = (0u32, 0u32, 0u32);
    let mut misses = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let listing = Listing {
            listing_id: s("listing_id"),
            seller_id: s("seller_id"),
            platform: s("platform"),
            category: Some(s("category")),
            title: s("title"),
            description: s("description"),
            ..Listing::default()
        };
        let (mark, reason, tactic) = (s("expect_mark"), s("expect_reason"), s("tactic"));
        let flags = scanner.scan("eval", &listing);
        let caught = !mark.is_empty()
            && flags.iter().any(|f| {
                f.ref_id == mark
                    && (reason != "trademark_similarity_claim"
                        || f.reason == Reason::TrademarkSimilarityClaim)
            });
        let t = by_tactic.entry(tactic.clone()).or_default();
        t.listings += 1;
        if !flags.is_empty() {
            flagged += 1;
            t.flagged += 1;
        }
        if !mark.is_empty() {
            positives += 1;
            if caught {
                true_pos += 1;
                t.caught += 1;
            } else {
                misses.push(format!("miss [{tactic}] {mark}: {:?}", listing.title));
            }
        } else if !flags.is_empty() {
            misses.push(format!(
                "false [{tactic}] {:?} -> {:?}",
                listing.title,
                flags
                    .iter()
                    .map(|f| format!("{} {}", f.ref_id, f.detail))
                    .collect::<Vec<_>>()
            ));
        }
    }
    let precision = f64::from(true_pos) / f64::from(flagged.max(1));
    let recall = f64::from(true_pos) / f64::from(positives.max(1));
    println!("set: {}", set.display());
    println!(
        "listings {}, positives {positives}, flagged {flagged}",
        text.lines().count()
    );
    println!("precision {precision:.4}  recall {recall:.4}");
    println!(
        "{:<16} {:>8} {:>8} {:>8}",
        "tactic", "listings", "recall", "flagged"
    );
    for (tactic, t) in &by_tactic {
        let r = if is_negative(tactic) {
            "-".into()
        } else {
            format!("{:.3}", f64::from(t.caught) / f64::from(t.listings))
        };
        println!("{tactic:<16} {:>8} {r:>8} {:>8}", t.listings, t.flagged);
    }
    for m in misses.iter().take(40) {
        println!("  {m}");
    }
    assert!(
        text.lines().count() >= 5000,
        "the set has at least 5,000 listings"
    );
    assert!(precision >= 0.97, "precision {precision:.4}");
    assert!(recall >= 0.95, "recall {recall:.4}");
    for (tactic, t) in &by_tactic {
        if !is_negative(tactic) {
            let r = f64::from(t.caught) / f64::from(t.listings);
            assert!(r >= 0.85, "recall for {tactic}: {r:.3}");
        }
    }
}

fn is_negative(tactic: &str) -> bool {
    matches!(
        tactic,
        "clean" | "hard_negative" | "resale" | "short_mark_edit"
    )
}
