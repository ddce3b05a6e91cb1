//! The text stage on one core: listings with ~150-byte titles and ~1 KB descriptions
//! against 1,000, 10,000 and 100,000 marks.
//!
//! `cargo bench --bench text_stage`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ippscan::model::Listing;
use ippscan::refs::RefBundle;
use ippscan::synth::{GenOptions, ListingGenerator, synthetic_marks};
use ippscan::{Config, Scanner};

const LISTINGS: usize = 5_000;

fn listings(marks: &[ippscan::model::Mark]) -> Vec<Listing> {
    let opts = GenOptions {
        description_bytes: 1000,
        title_bytes: 150,
        ..GenOptions::default()
    };
    ListingGenerator::new(marks, opts).take(LISTINGS).collect()
}

fn text_stage(c: &mut Criterion) {
    let mut group = c.benchmark_group("text_stage");
    group.throughput(Throughput::Elements(LISTINGS as u64));
    group.sample_size(20);
    for n_marks in [1_000, 10_000, 100_000] {
        let marks = synthetic_marks(n_marks, 1);
        let listings = listings(&marks);
        let scanner = Scanner::new(
            Config::default(),
            RefBundle {
                marks,
                images: Vec::new(),
                works: Vec::new(),
            },
        );
        group.bench_with_input(BenchmarkId::new("marks", n_marks), &listings, |b, ls| {
            b.iter(|| {
                ls.iter()
                    .map(|l| scanner.scan("bench", l).len())
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, text_stage);
criterion_main!(benches);
