//! `ippscan gen`: synthetic listing dumps and photos for load tests and benchmarks.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use ippscan::refs::RefLoader;

use super::{Outcome, SAMPLE_MARKS};

#[derive(Debug, Args)]
pub(super) struct GenArgs {
    /// How many listings.
    #[arg(long, value_name = "N")]
    listings: usize,
    /// The dump to write: .csv, .jsonl or .parquet.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Marks the listings mention (default: the sample marks).
    #[arg(long, value_name = "M.csv", default_value = SAMPLE_MARKS)]
    marks: PathBuf,
    /// Mention this many made-up marks instead, and write them to FILE.csv beside the dump.
    #[arg(long, value_name = "K")]
    synthetic_marks: Option<usize>,
    /// Also write this many made-up registered works to FILE.works.csv beside the dump, for
    /// `scan --works` (the listings do not name them: a load test of the matchers).
    #[arg(long, value_name = "K")]
    synthetic_works: Option<usize>,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Description length to aim for, in bytes.
    #[arg(long, default_value_t = 1000)]
    description_bytes: usize,
    /// Minimum title length, in bytes.
    #[arg(long, default_value_t = 150)]
    title_bytes: usize,
    /// Share of listings that name a mark.
    #[arg(long, default_value_t = 0.12)]
    infringing_share: f64,
    /// Also write M listing photos to images/ beside the dump, every tenth a reference
    /// photo with a copier's edit, and the references to refs/images.csv. Listings take
    /// 0–3 photos each, in turn: a photo comes back only after the whole pool.
    #[arg(long, value_name = "M", default_value_t = 0)]
    images: usize,
    /// Side of the generated photos, in pixels.
    #[arg(long, value_name = "PX", default_value_t = 800)]
    image_side: u32,
    /// With --images: every n-th photo copies a reference photo.
    #[arg(long, value_name = "N", default_value_t = 10)]
    copy_every: usize,
    /// With --images: write at least R reference photos (those beyond the copied ones are
    /// copied by no listing, as most of a rights holder's library).
    #[arg(long, value_name = "R", default_value_t = 0)]
    references: usize,
}

pub(super) fn run(args: &GenArgs) -> Result<Outcome> {
    use ippscan::synth::{
        GenOptions, ListingGenerator, PhotoSetOptions, synthetic_marks, synthetic_works,
        write_dump, write_photo_set,
    };
    let marks = match args.synthetic_marks {
        Some(k) => {
            let marks = synthetic_marks(k, args.seed);
            let path = args.out.with_extension("marks.csv");
            write_marks(&path, &marks).with_context(|| format!("writing {}", path.display()))?;
            marks
        }
        None => RefLoader::new().load(Some(&args.marks), None)?.bundle.marks,
    };
    if let Some(k) = args.synthetic_works {
        let path = args.out.with_extension("works.csv");
        write_works(&path, &synthetic_works(k, args.seed))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut image_pool = Vec::new();
    if args.images > 0 {
        let dir = args.out.parent().unwrap_or(std::path::Path::new("."));
        let mut rights_holders: Vec<String> =
            marks.iter().map(|m| m.rights_holder.clone()).collect();
        rights_holders.dedup();
        let set = write_photo_set(
            dir,
            &PhotoSetOptions {
                seed: args.seed,
                photos: args.images,
                side: args.image_side,
                copy_every: args.copy_every,
                min_refs: args.references,
                rights_holders,
            },
        )?;
        eprintln!(
            "wrote {} photos to {} ({} copy one of {} references in {})",
            set.pool.len(),
            dir.join("images").display(),
            set.copies,
            set.refs,
            dir.join("refs/images.csv").display()
        );
        image_pool = set.pool;
    }
    let opts = GenOptions {
        seed: args.seed,
        description_bytes: args.description_bytes,
        title_bytes: args.title_bytes,
        infringing_share: args.infringing_share,
        image_pool,
        images_in_turn: true,
        ..GenOptions::default()
    };
    let n = write_dump(
        &args.out,
        ListingGenerator::new(&marks, opts).take(args.listings),
    )?;
    eprintln!("wrote {n} listings to {}", args.out.display());
    Ok(Outcome::Clean)
}

pub(super) fn write_marks(path: &std::path::Path, marks: &[ippscan::model::Mark]) -> Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "mark_id",
        "rights_holder",
        "mark",
        "jurisdictions",
        "categories",
        "registration_no",
    ])?;
    for m in marks {
        w.write_record([
            m.mark_id.as_str(),
            &m.rights_holder,
            &m.mark,
            &m.scope.jurisdictions.join("|"),
            &m.scope.categories.join("|"),
            &m.registration_no,
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_works(path: &std::path::Path, works: &[ippscan::model::Work]) -> Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "work_id",
        "rights_holder",
        "title",
        "aliases",
        "kind",
        "jurisdictions",
        "registration_no",
        "authorized_sellers",
    ])?;
    for work in works {
        let mut sellers: Vec<&str> = work
            .scope
            .authorized_sellers
            .iter()
            .map(String::as_str)
            .collect();
        sellers.sort_unstable();
        w.write_record([
            work.work_id.as_str(),
            &work.rights_holder,
            &work.title,
            &work.aliases.join("|"),
            work.kind.as_str(),
            &work.scope.jurisdictions.join("|"),
            &work.registration_no,
            &sellers.join("|"),
        ])?;
    }
    w.flush()?;
    Ok(())
}
