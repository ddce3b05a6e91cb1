//! `ippscan hash …` and `ippscan hashes export …`: perceptual hashes as CSV, PDQ (to
//! share with other platforms' hash banks) or ippscan's own, of image files or of the
//! photos of listing dumps.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use ippscan::detect::image::{decode_small, hash_image, pdq_hash_bytes};
use ippscan::source::{self, RawRow};
use ippscan::util::paths::resolve_inside;

use super::Outcome;

use ippscan::model::limits::MAX_IMAGE_PIXELS as MAX_PIXELS;

#[derive(Debug, Args)]
pub(super) struct HashArgs {
    /// Which hash.
    #[arg(long, value_enum, default_value_t = Algo::Pdq)]
    algo: Algo,
    /// Image files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Algo {
    /// PDQ, as Meta's `ThreatExchange` reference computes it; quality 0-100.
    Pdq,
    /// ippscan's own PDQ-style hash of the trimmed photo; quality 0-1.
    Ippscan,
}

/// Prints `path,algo,hash_hex,quality` for each file; a file that cannot be hashed is
/// named on stderr and the rest go on.
pub(super) fn run(args: &HashArgs) -> Result<Outcome> {
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    out.write_record(["path", "algo", "hash_hex", "quality"])?;
    let mut failed = false;
    for path in &args.files {
        let shown = path.display().to_string();
        let hashed = match args.algo {
            Algo::Pdq => {
                pdq_of_file(path).map(|pdq| pdq.map(|p| (p.to_hex(), p.quality.to_string())))
            }
            Algo::Ippscan => decode_small(path, MAX_PIXELS)
                .map_err(|e| e.to_string())
                .map(|decoded| {
                    hash_image(&decoded.luma)
                        .map(|h| (h.hash.to_hex(), format!("{:.3}", h.quality)))
                }),
        };
        if let Some((hex, quality)) = or_say(&shown, hashed) {
            let algo = if args.algo == Algo::Pdq {
                "pdq"
            } else {
                "ippscan"
            };
            out.write_record([shown.as_str(), algo, &hex, &quality])?;
        } else {
            failed = true;
        }
    }
    out.flush()?;
    Ok(Outcome::with_rejections(failed))
}

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// Listing dumps, as `scan --listings` takes them (files, or folders of them).
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    listings: Vec<PathBuf>,
    /// Where the CSV goes; default: standard output.
    #[arg(long, value_name = "FILE.csv")]
    out: Option<PathBuf>,
}

/// Rows read from a dump at a time.
const BATCH: usize = 1024;

/// Prints `listing_id,path,pdq,pdq_quality` for every photo of every listing in the
/// dumps (each path as listed, resolved against its dump's folder), for sharing as a hash
/// bank; a photo that cannot be hashed is named on stderr and the rest go on.
pub(super) fn export(args: &ExportArgs) -> Result<Outcome> {
    let sink: Box<dyn std::io::Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: cannot be written ({e})", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = csv::Writer::from_writer(sink);
    out.write_record(["listing_id", "path", "pdq", "pdq_quality"])?;
    let mut failed = false;
    let mut rows = Vec::with_capacity(BATCH);
    for dump in source::expand(&args.listings)? {
        let base = dump
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf();
        let mut reader = source::open(&dump)?;
        loop {
            rows.clear();
            let more = reader.next_batch(BATCH, &mut rows)?;
            for row in &rows {
                let RawRow::Row(listing) = row else {
                    continue;
                };
                let id = listing.listing_id.as_deref().unwrap_or_default();
                for rel in &listing.image_paths {
                    let hashed = resolve_inside(&base, rel)
                        .ok_or_else(|| "leads out of the dump's folder".to_string())
                        .and_then(|file| pdq_of_file(&file));
                    if let Some(pdq) = or_say(&format!("{id} {rel}"), hashed) {
                        out.write_record([id, rel, &pdq.to_hex(), &pdq.quality.to_string()])?;
                    } else {
                        failed = true;
                    }
                }
            }
            if !more {
                break;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::with_rejections(failed))
}

/// The PDQ hash of an image file, or why it has none.
pub(super) fn pdq_of_file(
    path: &std::path::Path,
) -> Result<Option<ippscan::detect::image::Pdq>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    pdq_hash_bytes(&bytes, MAX_PIXELS).map_err(|e| e.to_string())
}

/// A hash, or `None` once why `what` has none is said on stderr.
pub(super) fn or_say<T>(what: &str, hashed: Result<Option<T>, String>) -> Option<T> {
    match hashed {
        Ok(Some(hash)) => Some(hash),
        Ok(None) => {
            eprintln!("ippscan: {what}: too small to hash");
            None
        }
        Err(e) => {
            eprintln!("ippscan: {what}: {e}");
            None
        }
    }
}
