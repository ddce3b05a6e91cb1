//! The image stage on one core: decoding and hashing ~800×800 JPEGs, the obscured-mark
//! check on the same decodes, and looking them up (with alignment) among 1,000
//! real-photo-like references; index queries among 1,000,000
//! reference hashes within the match radius; and loading a bundle of 100,000 images.
//!
//! `cargo bench --bench image_stage`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ippscan::detect::image::{
    Hash256, HashIndex, ImageDetector, MATCH_RADIUS, STUDIO_MATCH_RADIUS, decode_bytes,
    find_obscured, hash_image, reference_print, window_hashes,
};
use ippscan::model::{ImageKind, RefImage, RightsScope};
use ippscan::refs::{RefBundle, read_bundle, write_bundle};
use ippscan::synth::{Transform, encode_jpeg};

/// The evaluation's photos in `dir` (`refs` or `others`), 800 pixels wide.
fn photos(dir: &str) -> Vec<image::RgbImage> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/eval/photos")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let img = image::open(p).unwrap().to_rgb8();
            image::imageops::resize(
                &img,
                800,
                800 * img.height() / img.width(),
                image::imageops::FilterType::Triangle,
            )
        })
        .collect()
}

fn random_hash(rng: &mut fastrand::Rng) -> Hash256 {
    Hash256([rng.u64(..), rng.u64(..), rng.u64(..), rng.u64(..)])
}

/// `n` references: the reference photos' prints, repeated with random hashes and codes so
/// that the index and the code scan see `n` distinct entries. The listing images (the
/// unrelated photos) copy none of them: the common case, where alignment is tried and
/// fails.
fn references(n: usize) -> Vec<RefImage> {
    let prints: Vec<_> = photos("refs")
        .iter()
        .map(|p| reference_print(&decode_bytes(&encode_jpeg(p, 90), 50_000_000).unwrap().luma))
        .collect();
    let mut rng = fastrand::Rng::with_seed(3);
    (0..n)
        .map(|i| {
            let (_, thumb) = &prints[i % prints.len()];
            let mut thumb = thumb.clone();
            if let Some(t) = thumb.as_mut() {
                t.code = rng.u64(..);
                t.band_codes = [rng.u64(..), rng.u64(..)];
            }
            RefImage {
                image_id: format!("R{i}"),
                rights_holder: "H".into(),
                path: format!("refs/{i}.jpg").into(),
                kind: ImageKind::Copyright,
                registration_no: None,
                scope: RightsScope::default(),
                hashes: (0..3).map(|_| random_hash(&mut rng)).collect(),
                thumb,
                pdq: None,
            }
        })
        .collect()
}

/// `references` and `n` references given by a random PDQ hash alone.
fn with_pdq_bank(mut references: Vec<RefImage>, n: usize) -> Vec<RefImage> {
    let mut rng = fastrand::Rng::with_seed(5);
    references.extend((0..n).map(|i| RefImage {
        image_id: format!("B{i}"),
        rights_holder: "H".into(),
        path: format!("pdq:{i}").into(),
        kind: ImageKind::Copyright,
        registration_no: None,
        scope: RightsScope::default(),
        hashes: Vec::new(),
        thumb: None,
        pdq: Some((random_hash(&mut rng), 100)),
    }));
    references
}

/// The peer a team would reach for first: the `image_hasher` crate, decoding with the
/// `image` crate as its users do (its recall is in `tests/it/image_eval.rs`).
fn image_hasher_peer(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    jpegs: &[Vec<u8>],
) {
    for (name, config) in [
        (
            "image_hasher_gradient_800px",
            image_hasher::HasherConfig::new().hash_alg(image_hasher::HashAlg::Gradient),
        ),
        (
            "image_hasher_dct_800px",
            image_hasher::HasherConfig::new()
                .hash_alg(image_hasher::HashAlg::Median)
                .preproc_dct(),
        ),
    ] {
        let hasher = config.to_hasher();
        group.bench_function(name, |b| {
            b.iter(|| {
                jpegs
                    .iter()
                    .map(|j| {
                        let img = image::load_from_memory(j).unwrap();
                        usize::from(hasher.hash_image(&img).as_bytes()[0])
                    })
                    .sum::<usize>()
            });
        });
    }
}

fn decode_and_hash(c: &mut Criterion) {
    let jpegs: Vec<Vec<u8>> = photos("others")
        .iter()
        .map(|p| encode_jpeg(p, 85))
        .collect();
    let mut group = c.benchmark_group("image_decode_hash");
    group.throughput(Throughput::Elements(jpegs.len() as u64));
    group.sample_size(10);
    group.bench_function("decode_only_800px", |b| {
        b.iter(|| {
            jpegs
                .iter()
                .map(|j| decode_bytes(j, 50_000_000).unwrap().luma.len())
                .sum::<usize>()
        });
    });
    // The hash stage alone, and the obscured-mark check alone on the same decodes: the
    // check's share of the per-image time.
    group.bench_function("decode_hash_800px", |b| {
        b.iter(|| {
            jpegs
                .iter()
                .map(|j| {
                    let decoded = decode_bytes(j, 50_000_000).unwrap();
                    hash_image(&decoded.luma).map_or(0, |h| h.hash.0[0] as usize)
                        + window_hashes(&decoded.luma).len()
                })
                .sum::<usize>()
        });
    });
    image_hasher_peer(&mut group, &jpegs);
    let details: Vec<_> = jpegs
        .iter()
        .map(|j| decode_bytes(j, 50_000_000).unwrap().detail)
        .collect();
    group.bench_function("obscured_check_800px", |b| {
        b.iter(|| details.iter().filter_map(find_obscured).count());
    });
    let mut unchecked = ImageDetector::new(&[], 50_000_000);
    unchecked.check_obscured(false);
    group.bench_function("match_800px_refs_0_unchecked", |b| {
        b.iter(|| {
            jpegs
                .iter()
                .map(|j| unchecked.match_bytes(j).unwrap().map_or(0, |m| m.len()))
                .sum::<usize>()
        });
    });
    // As with 1,000 photo references, plus 100,000 from a PDQ hash bank: every listing
    // photo is then hashed with PDQ as well and looked up.
    let with_bank = with_pdq_bank(references(1_000), 100_000);
    let banked = ImageDetector::new(&with_bank, 50_000_000);
    group.bench_function("match_800px_refs_1000_pdq_bank_100000", |b| {
        b.iter(|| {
            jpegs
                .iter()
                .map(|j| banked.match_bytes(j).unwrap().map_or(0, |m| m.len()))
                .sum::<usize>()
        });
    });
    for n in [0usize, 1_000, 100_000] {
        let detector = ImageDetector::new(&references(n), 50_000_000);
        group.bench_with_input(
            BenchmarkId::new("match_800px_refs", n),
            &detector,
            |b, d| {
                b.iter(|| {
                    jpegs
                        .iter()
                        .map(|j| d.match_bytes(j).unwrap().map_or(0, |m| m.len()))
                        .sum::<usize>()
                });
            },
        );
    }
    group.finish();
    // A copy: what alignment costs when it runs to the end.
    let photo = &photos("refs")[0];
    let refs = vec![{
        let (hashes, thumb) = reference_print(
            &decode_bytes(&encode_jpeg(photo, 90), 50_000_000)
                .unwrap()
                .luma,
        );
        RefImage {
            image_id: "R".into(),
            rights_holder: "H".into(),
            path: "r.jpg".into(),
            kind: ImageKind::Copyright,
            registration_no: None,
            scope: RightsScope::default(),
            hashes,
            thumb,
            pdq: None,
        }
    }];
    let detector = ImageDetector::new(&refs, 50_000_000);
    let cropped = encode_jpeg(&Transform::Crop(0.1).apply(photo, 1, &[]), 85);
    c.bench_function("match_cropped_copy_by_alignment", |b| {
        b.iter(|| assert_eq!(detector.match_bytes(&cropped).unwrap().unwrap().len(), 1));
    });
}

fn index_queries(c: &mut Criterion) {
    let mut rng = fastrand::Rng::with_seed(1);
    let hashes: Vec<Hash256> = (0..1_000_000).map(|_| random_hash(&mut rng)).collect();
    let index = HashIndex::new(hashes.iter().enumerate().map(|(i, h)| (*h, i as u32)));
    eprintln!(
        "index of 1,000,000 hashes: {} MB",
        index.memory_bytes() / 1_000_000
    );
    // Half the queries are near a reference (12 bits flipped), half unrelated.
    let queries: Vec<Hash256> = (0..1000)
        .map(|i| {
            if i % 2 == 0 {
                let mut q = hashes[i * 97];
                for _ in 0..12 {
                    let bit = rng.usize(..256);
                    q.0[bit / 64] ^= 1 << (bit % 64);
                }
                q
            } else {
                random_hash(&mut rng)
            }
        })
        .collect();
    let mut group = c.benchmark_group("index_1m");
    group.throughput(Throughput::Elements(queries.len() as u64));
    group.sample_size(10);
    for radius in [MATCH_RADIUS, STUDIO_MATCH_RADIUS] {
        group.bench_function(format!("search_radius_{radius}"), |b| {
            let mut out = Vec::new();
            b.iter(|| {
                let mut found = 0;
                for q in &queries {
                    out.clear();
                    index.search(q, radius, &mut out);
                    found += out.len();
                }
                found
            });
        });
    }
    group.finish();
}

fn bundle_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("refs.bundle");
    let bundle = RefBundle {
        marks: ippscan::synth::synthetic_marks(100_000, 1),
        images: references(100_000),
        works: Vec::new(),
    };
    write_bundle(&path, &bundle).unwrap();
    eprintln!(
        "bundle of 100,000 marks and 100,000 images: {} MB",
        std::fs::metadata(&path).unwrap().len() / 1_000_000
    );
    let mut group = c.benchmark_group("bundle");
    group.sample_size(10);
    group.bench_function("load_100k_marks_100k_images", |b| {
        b.iter(|| read_bundle(&path).unwrap().images.len());
    });
    group.finish();
}

criterion_group!(benches, decode_and_hash, index_queries, bundle_load);
criterion_main!(benches);
