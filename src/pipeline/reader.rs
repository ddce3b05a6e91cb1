//! The reader thread: dumps opened, read and validated batch by batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::Batch;
use super::progress::Progress;
use super::shard::Shard;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::RejectScope;
use crate::source::{self, Format, ListingSource, RawRow, Validator};

/// The reader thread: every dump in turn, validated batch by batch.
pub(super) fn read_dumps(
    dumps: &[PathBuf],
    config: &Config,
    shard: Option<Shard>,
    stdin: Option<Format>,
    progress: &Progress,
    tx: &mpsc::SyncSender<Result<Batch>>,
) {
    let mut bytes_before = 0;
    for dump in dumps {
        let opened = match (dump.as_os_str() == source::STDIN, stdin) {
            (true, Some(format)) => source::open_stdin(format, &config.limits),
            _ => source::open_with(dump, &config.limits),
        };
        let read = opened
            .and_then(|source| read_dump(source, dump, config, shard, progress, bytes_before, tx));
        if let Err(e) = read {
            let _ = tx.send(Err(e));
            return;
        }
        bytes_before += std::fs::metadata(dump).map_or(0, |m| m.len());
    }
}

pub(super) fn read_dump(
    mut source: Box<dyn ListingSource>,
    dump: &Path,
    config: &Config,
    shard: Option<Shard>,
    progress: &Progress,
    bytes_before: u64,
    tx: &mpsc::SyncSender<Result<Batch>>,
) -> Result<()> {
    let batch_size = config.batch_size;
    let mut validator = Validator::new(config.territory.platforms(), &dump.display().to_string());
    validator.limits(&config.limits);
    let mut raw: Vec<RawRow> = Vec::with_capacity(batch_size);
    loop {
        raw.clear();
        let more = source.next_batch(batch_size, &mut raw)?;
        if let Some(shard) = shard {
            let name = dump
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            raw.retain(|row| shard.owns(row, &name));
        }
        let mut batch = Batch {
            listings: Vec::with_capacity(raw.len()),
            rejects: Vec::new(),
        };
        Progress::add(&progress.rows_read, raw.len() as u64);
        for row in raw.drain(..) {
            if let Some(listing) = validator.check(row, &mut batch.rejects) {
                batch.listings.push(listing);
            }
        }
        let rejected = batch
            .rejects
            .iter()
            .filter(|r| r.scope == RejectScope::Row)
            .count();
        Progress::add(&progress.rows_rejected, rejected as u64);
        Progress::set(&progress.bytes_done, bytes_before + source.bytes_read());
        if tx.send(Ok(batch)).is_err() || !more {
            return Ok(());
        }
    }
}

/// The dumps to read and their total size. Every dump is opened once first, so that one
/// that cannot be read at all stops the run before anything is written.
pub(super) fn open_dumps(
    listings: &[PathBuf],
    stdin: Option<Format>,
) -> Result<(Vec<PathBuf>, u64)> {
    let dumps = source::expand(listings)?;
    for dump in &dumps {
        if dump.as_os_str() == source::STDIN {
            if stdin.is_none() {
                return Err(Error::config(
                    "--listings - reads standard input: say its format with --format jsonl or csv",
                ));
            }
        } else {
            source::open(dump)?;
        }
    }
    let total = dumps
        .iter()
        .filter_map(|d| std::fs::metadata(d).ok())
        .map(|m| m.len())
        .sum();
    Ok((dumps, total))
}
