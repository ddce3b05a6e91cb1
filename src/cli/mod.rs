//! The command line: clap parses raw arguments, which each command's file lowers into the
//! library's jobs. Nothing here scans; it only wires and draws.

mod r#gen;
mod hash;
mod merge;
mod queue;
mod refs;
mod scan;

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Parser, Subcommand};
use ippscan::Config;
use ippscan::refs::RefLoader;

/// Finds listings that infringe intellectual property in marketplace dumps.
#[derive(Debug, Parser)]
#[command(name = "ippscan", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan listing dumps against marks and reference images (no arguments: the sample data
    /// in data/).
    Scan(scan::ScanArgs),
    /// Work with rights holders' reference uploads.
    #[command(subcommand)]
    Refs(refs::RefsCommand),
    /// Work the complaint queue: list, show, set a status, export.
    Queue(queue::QueueArgs),
    /// Write a synthetic listing dump (format by extension) for load tests and benchmarks.
    Gen(r#gen::GenArgs),
    /// Fold the output folders of sharded scans into one: flags, rejects, summary and the
    /// complaint queue. Merging the same shard twice adds nothing.
    Merge(merge::MergeArgs),
    /// Print image files' perceptual hashes as CSV (`path,algo,hash_hex,quality`): PDQ, to
    /// share with other platforms' hash banks, or ippscan's own.
    Hash(hash::HashArgs),
    /// Hash banks: `hashes export` writes the PDQ hashes of listing dumps' photos as CSV
    /// (`listing_id,path,pdq,pdq_quality`), for sharing.
    #[command(subcommand)]
    Hashes(HashesCommand),
}

#[derive(Debug, Subcommand)]
enum HashesCommand {
    /// Write the PDQ hashes of the photos of listing dumps.
    Export(hash::ExportArgs),
}

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was used.
    Clean,
    /// Done, but some rows or references were rejected.
    Rejections,
}

impl Outcome {
    /// `Rejections` when anything was rejected.
    fn with_rejections(rejected: bool) -> Outcome {
        if rejected {
            Outcome::Rejections
        } else {
            Outcome::Clean
        }
    }
}

/// The sample data `scan` uses when given no inputs.
const SAMPLE_MARKS: &str = "data/marks.csv";
const SAMPLE_IMAGES: &str = "data/images.csv";
const SAMPLE_LISTINGS: &str = "data/listings";
const SAMPLE_WORKS: &str = "data/works.csv";

impl Cli {
    pub fn run(self) -> Result<Outcome> {
        match self.command {
            Command::Scan(args) => scan::run(args),
            Command::Refs(refs::RefsCommand::Check(args)) => refs::check(&args),
            Command::Refs(refs::RefsCommand::Build(args)) => refs::build(&args),
            Command::Gen(args) => r#gen::run(&args),
            Command::Merge(args) => merge::run(&args),
            Command::Queue(args) => queue::run(args),
            Command::Hash(args) => hash::run(&args),
            Command::Hashes(HashesCommand::Export(args)) => hash::export(&args),
        }
    }
}

/// The settings file if one was given, else the defaults.
fn load_config(path: Option<&Path>) -> Result<Config> {
    Ok(match path {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    })
}

/// A reference loader bound by the settings' limits.
fn ref_loader(config: &Config) -> RefLoader {
    let mut loader = RefLoader::new();
    loader.max_image_pixels(config.limits.max_image_pixels);
    loader
}

/// The complaint queue a command writes: `--queue`, else `queue.db` in its output folder,
/// or none with `--no-queue`.
fn queue_path(out: &Path, queue: Option<&PathBuf>, no_queue: bool) -> Option<PathBuf> {
    (!no_queue).then(|| queue.cloned().unwrap_or_else(|| out.join("queue.db")))
}
