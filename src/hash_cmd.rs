//! `ippscan hash …`: image files' perceptual hashes as CSV, PDQ (to share with other
//! platforms' hash banks) or ippscan's own.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use ippscan::image::{decode_small, hash_image, pdq_hash_bytes};

use crate::cli::Outcome;

/// Largest image decoded, in pixels, as a scan's default.
const MAX_PIXELS: u64 = 50_000_000;

#[derive(Debug, Args)]
pub(crate) struct HashArgs {
    /// Which hash.
    #[arg(long, value_enum, default_value_t = Algo::Pdq)]
    algo: Algo,
    /// Image files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Algo {
    /// PDQ, as Meta's `ThreatExchange` reference computes it; quality 0-100.
    Pdq,
    /// ippscan's own PDQ-style hash of the trimmed photo; quality 0-1.
    Ippscan,
}

/// Prints `path,algo,hash_hex,quality` for each file; a file that cannot be hashed is
/// named on stderr and the rest go on.
pub(crate) fn run(args: &HashArgs) -> Result<Outcome> {
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    out.write_record(["path", "algo", "hash_hex", "quality"])?;
    let mut failed = false;
    for path in &args.files {
        let shown = path.display().to_string();
        let hashed = match args.algo {
            Algo::Pdq => std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| pdq_hash_bytes(&bytes, MAX_PIXELS).map_err(|e| e.to_string()))
                .map(|pdq| pdq.map(|p| (p.to_hex(), p.quality.to_string()))),
            Algo::Ippscan => decode_small(path, MAX_PIXELS)
                .map_err(|e| e.to_string())
                .map(|decoded| {
                    hash_image(&decoded.luma)
                        .map(|h| (h.hash.to_hex(), format!("{:.3}", h.quality)))
                }),
        };
        match hashed {
            Ok(Some((hex, quality))) => {
                let algo = if args.algo == Algo::Pdq {
                    "pdq"
                } else {
                    "ippscan"
                };
                out.write_record([shown.as_str(), algo, &hex, &quality])?;
            }
            Ok(None) => {
                eprintln!("ippscan: {shown}: too small to hash");
                failed = true;
            }
            Err(e) => {
                eprintln!("ippscan: {shown}: {e}");
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Rejections
    } else {
        Outcome::Clean
    })
}
