//! The text stage on one core: listings with ~150-byte titles and ~1 KB descriptions
//! against 1,000, 10,000 and 100,000 marks, and against 1,000 marks with 1,000 registered
//! works beside them (`marks+works/1000`: the works must cost at most 10% more). The
//! synthetic marks are one word each, which leaves the multi-word path idle; real mark
//! lists hold two-word marks ("Louis Vuitton", "New Balance": a quarter of the sample's),
//! so `two-word-marks` makes every fourth mark two words, alone and beside the works.
//!
//! `cargo bench --bench text_stage`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ippscan::model::Listing;
use ippscan::refs::RefBundle;
use ippscan::synth::{GenOptions, ListingGenerator, synthetic_marks, synthetic_works};
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
    for (name, n_marks, n_works) in [
        ("marks", 1_000, 0),
        ("marks+works", 1_000, 1_000),
        ("two-word-marks", 1_000, 0),
        ("two-word-marks+works", 1_000, 1_000),
        ("marks", 10_000, 0),
        ("marks", 100_000, 0),
    ] {
        let mut marks = synthetic_marks(n_marks, 1);
        if name.starts_with("two-word") {
            let second: Vec<String> = synthetic_marks(n_marks / 4, 2)
                .into_iter()
                .map(|m| m.mark)
                .collect();
            for (mark, word) in marks.iter_mut().step_by(4).zip(second) {
                mark.mark = format!("{} {word}", mark.mark);
            }
        }
        let listings = listings(&marks);
        let scanner = Scanner::new(
            Config::default(),
            RefBundle {
                marks,
                images: Vec::new(),
                works: synthetic_works(n_works, 1),
            },
        );
        group.bench_with_input(BenchmarkId::new(name, n_marks), &listings, |b, ls| {
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
