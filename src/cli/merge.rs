//! `ippscan merge`: sharded scans' output folders folded into one.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{Outcome, load_config, queue_path};

#[derive(Debug, Args)]
pub(super) struct MergeArgs {
    /// Output folders of `scan --shard K/N` runs.
    #[arg(required = true, value_name = "OUT_DIR")]
    inputs: Vec<PathBuf>,
    /// Where the merged outputs go.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Complaint queue to record the flags in; default: `queue.db` inside --out.
    #[arg(long, value_name = "DB")]
    queue: Option<PathBuf>,
    /// Leave the complaint queue alone.
    #[arg(long, conflicts_with = "queue")]
    no_queue: bool,
    /// Settings file (TOML): the queue's score thresholds.
    #[arg(long, value_name = "FILE.toml")]
    config: Option<PathBuf>,
}

pub(super) fn run(args: &MergeArgs) -> Result<Outcome> {
    let config = load_config(args.config.as_deref())?;
    let queue = queue_path(&args.out, args.queue.as_ref(), args.no_queue);
    let merged =
        ippscan::pipeline::merge::merge(&args.inputs, &args.out, queue.as_deref(), &config)?;
    eprintln!(
        "merged {} outputs ({} flags, {} new complaints) -> {}",
        merged.taken.len(),
        merged.flags,
        merged.new_complaints,
        args.out.display()
    );
    for skipped in &merged.skipped {
        eprintln!("skipped {skipped}: that run and shard was merged already");
    }
    Ok(Outcome::Clean)
}
