//! How a reference bundle scales: MARKS synthetic marks and IMAGES reference images (three
//! hashes each, as `refs build` keeps: whole and two centre crops; no alignment thumbnail),
//! written, then loaded and indexed as a scan would, in a process of its own. Prints the
//! file's size, the load and index times, and the loading process's peak memory.
//!
//! ```text
//! cargo run --release --example bundle_scale -- 100000 1000000
//! ```

use std::time::Instant;

use anyhow::Result;
use ippscan::detect::image::{Hash256, ImageDetector};
use ippscan::model::{ImageKind, RefImage, RightsScope};
use ippscan::refs::{RefBundle, read_bundle, write_bundle};
use ippscan::synth::synthetic_marks;

fn main() -> Result<()> {
    let command_line: Vec<String> = std::env::args().collect();
    if command_line.get(1).is_some_and(|a| a == "--load") {
        return load(std::path::Path::new(&command_line[2]));
    }
    let mut args = command_line.iter().skip(1).map(|a| a.parse::<usize>());
    let marks = args.next().transpose()?.unwrap_or(100_000);
    let images = args.next().transpose()?.unwrap_or(1_000_000);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut hash = || Hash256([rng.u64(..), rng.u64(..), rng.u64(..), rng.u64(..)]);
    let bundle = RefBundle {
        marks: synthetic_marks(marks, 11),
        images: (0..images)
            .map(|i| RefImage {
                image_id: format!("I{i:07}"),
                rights_holder: format!("Holder {}", i % 5000),
                path: format!("refs/{i:07}.jpg").into(),
                kind: if i % 10 == 0 {
                    ImageKind::DesignPatent
                } else {
                    ImageKind::Copyright
                },
                registration_no: Some(format!("R{i}")),
                scope: RightsScope {
                    jurisdictions: vec!["CN".into(), "US".into()],
                    ..RightsScope::default()
                },
                hashes: vec![hash(), hash(), hash()],
                thumb: None,
                pdq: None,
            })
            .collect(),
        works: Vec::new(),
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("refs.bundle");
    write_bundle(&path, &bundle)?;
    drop(bundle);
    let size = std::fs::metadata(&path)?.len();
    print!(
        "{marks} marks + {images} images: bundle {:.0} MB, ",
        size as f64 / 1e6
    );
    std::io::Write::flush(&mut std::io::stdout())?;
    let status = std::process::Command::new(std::env::current_exe()?)
        .arg("--load")
        .arg(&path)
        .status()?;
    anyhow::ensure!(status.success(), "loading failed");
    Ok(())
}

/// Loads the bundle and builds the image index, as a scan starts.
fn load(path: &std::path::Path) -> Result<()> {
    let started = Instant::now();
    let loaded = read_bundle(path)?;
    let load = started.elapsed();
    let started = Instant::now();
    let detector = ImageDetector::new(&loaded.images, 50_000_000);
    let index = started.elapsed();
    println!(
        "loaded in {:.2} s, image index built in {:.2} s, peak memory {} MB",
        load.as_secs_f64(),
        index.as_secs_f64(),
        ippscan::sink::peak_memory_mb().map_or("?".into(), |m| format!("{m:.0}")),
    );
    drop(detector);
    Ok(())
}
