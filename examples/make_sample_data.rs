//! Writes the sample data in `data/`: reference photos, listing photos and three listing
//! dumps (CSV, JSONL, Parquet) against `data/marks.csv`, and a small dump of cases for the
//! reviewers' report (hostile markup in listing text, photos with a hidden patch).
//! Deterministic: running it again gives the same files.
//!
//! ```text
//! cargo run --release --example make_sample_data
//! ```

use std::path::Path;

use anyhow::{Context, Result};
use image::imageops;
use ippscan::detect::image::ImageDetector;
use ippscan::model::Listing;
use ippscan::refs::RefLoader;
use ippscan::synth::obscure::{Method, obscure};
use ippscan::synth::{GenOptions, ListingGenerator, encode_jpeg, product_photo, write_dump};

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
    let n = write_dump(
        &data.join("listings/review-cases-2026-11-28.jsonl"),
        review_cases(data)?.into_iter(),
    )?;
    println!("review-cases-2026-11-28.jsonl: {n} listings");
    Ok(())
}

/// Listings a reviewer must see rendered safely and clearly: markup in every field a seller
/// writes, and real photos (from `data/eval/photos`) with a patch blurred, pixelated or
/// covered where the obscured-mark check finds it.
fn review_cases(data: &Path) -> Result<Vec<Listing>> {
    let detector = ImageDetector::new(&[], 50_000_000);
    let mut photos = Vec::new();
    for (photo, method, name) in [
        (
            "refs/skimage-coffee.jpg",
            Method::Blur(8),
            "obscured-blur.jpg",
        ),
        (
            "refs/skimage-astronaut.jpg",
            Method::Mosaic(16),
            "obscured-mosaic.jpg",
        ),
        (
            "others/skimage-camera.jpg",
            Method::Cover(0),
            "obscured-cover.jpg",
        ),
    ] {
        let img = image::open(data.join("eval/photos").join(photo))
            .with_context(|| photo.to_string())?
            .to_rgb8();
        // The first place, by seed, where the check finds the patch: these photos show the
        // report's boxes; the check's accuracy is measured elsewhere (obscured_eval).
        let bytes = (0..100)
            .map(|seed| encode_jpeg(&obscure(&img, method, 0.06, seed).0, 90))
            .find(|bytes| {
                detector
                    .examine_bytes(bytes)
                    .ok()
                    .flatten()
                    .is_some_and(|r| r.obscured.is_some())
            })
            .with_context(|| format!("no place in {photo} where {method} is found"))?;
        let path = format!("images/{name}");
        std::fs::write(data.join("listings").join(&path), bytes)?;
        photos.push(path);
    }
    let listing = |id: &str, seller: &str, platform: &str, title: &str| Listing {
        listing_id: id.into(),
        seller_id: seller.into(),
        platform: platform.into(),
        category: Some("shoes".into()),
        title: title.into(),
        price: Some(59.0),
        currency: Some("USD".into()),
        ..Listing::default()
    };
    Ok(vec![
        Listing {
            image_paths: vec!["images/photo-000.jpg".into()],
            ..listing(
                "RC-001",
                "s<i>9001</i>",
                "aliexpress",
                "<script>window.__pwned = 1</script> Nike Air Max 90 1:1 replica",
            )
        },
        Listing {
            description: "<iframe src=\"javascript:window.__pwned=1\"></iframe> the best \
                          adidas dupe, same factory"
                .into(),
            ..listing(
                "RC-002",
                "s9002",
                "aliexpress",
                "\"><img src=x onerror=\"window.__pwned=1\"> Adidsa Ultraboost 22",
            )
        },
        Listing {
            category: Some("bags<style>body{display:none}</style>".into()),
            currency: Some("CNY".into()),
            ..listing(
                "RC-003\"><svg onload=window.__pwned=1>",
                "s9003",
                "taobao",
                "Gucci 古驰 bag ' onmouseover='window.__pwned=1",
            )
        },
        Listing {
            image_paths: vec![photos[0].clone()],
            category: Some("kitchen".into()),
            ..listing(
                "RC-004",
                "s9004",
                "aliexpress",
                "Nike espresso cup, ceramic",
            )
        },
        Listing {
            image_paths: vec![photos[1].clone()],
            category: Some("toys".into()),
            ..listing("RC-005", "s9005", "aliexpress", "space explorer poster")
        },
        Listing {
            image_paths: vec![photos[2].clone()],
            category: Some("electronics".into()),
            ..listing("RC-006", "s9006", "taobao", "vintage film camera 复古相机")
        },
    ])
}
