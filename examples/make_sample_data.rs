//! Writes the sample data in `data/`: reference photos, listing photos and three listing
//! dumps (CSV, JSONL, Parquet) against `data/marks.csv`. Deterministic: running it again
//! gives the same files.
//!
//! ```text
//! cargo run --release --example make_sample_data
//! ```

use std::path::Path;

use anyhow::{Context, Result};
use image::imageops;
use ippscan::refs::RefLoader;
use ippscan::synth::{GenOptions, ListingGenerator, product_photo, write_dump};

const REFS: u64 = 12;
const LISTING_PHOTOS: u64 = 40;
const PER_DUMP: usize = 2500;

fn main() -> Result<()> {
    let data = Path::new("data");
    let marks = RefLoader::new()
        .load(Some(&data.join("marks.csv")), None)?
        .bundle
        .marks;

    for i in 0..REFS {
        let photo = product_photo(1000 + i, 640, 640);
        photo.save(data.join(format!("refs/ref-{i:03}.jpg")))?;
    }
    let mut pool = Vec::new();
    for i in 0..LISTING_PHOTOS {
        let name = format!("images/photo-{i:03}.jpg");
        let photo = match i % 10 {
            // Every tenth listing photo is a rights holder's photo, resized or mirrored.
            0 => imageops::resize(
                &product_photo(1000 + i / 10, 640, 640),
                480,
                480,
                imageops::FilterType::Triangle,
            ),
            5 => imageops::flip_horizontal(&product_photo(1000 + i / 10 + 4, 640, 640)),
            _ => product_photo(2000 + i, 800, 800),
        };
        photo
            .save(data.join("listings").join(&name))
            .with_context(|| name.clone())?;
        pool.push(name);
    }

    let dumps = [
        ("taobao-2026-11-28.csv", 11, "TB", &["taobao"][..]),
        (
            "aliexpress-2026-11-28.jsonl",
            12,
            "AE",
            &["aliexpress", "alibaba.com"][..],
        ),
        ("tmall-2026-11-28.parquet", 13, "TM", &["tmall", "1688"][..]),
    ];
    for (file, seed, prefix, platforms) in dumps {
        let opts = GenOptions {
            seed,
            image_pool: pool.clone(),
            id_prefix: prefix.into(),
            platforms: platforms.iter().map(|p| (*p).to_string()).collect(),
            ..GenOptions::default()
        };
        let n = write_dump(
            &data.join("listings").join(file),
            ListingGenerator::new(&marks, opts).take(PER_DUMP),
        )?;
        println!("{file}: {n} listings");
    }
    Ok(())
}
