//! The listing ids a dump has shown so far, exactly, in memory that does not grow with the
//! dump: past a fixed number of ids the set is written to sorted runs in temporary files,
//! with a fixed-size Bloom filter in front so that only a few lookups touch them.

use std::collections::HashSet;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;

/// Ids held in memory before they are written out: just under what a table of 2^21 slots
/// holds, so the table never doubles (about 19 MB).
const MEMORY_IDS: usize = (1 << 21) / 8 * 7 - 1;

/// Ids per block of a run file; one fence per block is kept in memory (8 B per 512 ids).
const BLOCK_IDS: usize = 512;

/// Bits of the Bloom filter over the written ids (16 MiB): under 1% of new ids go to
/// the files at 10M ids.
const BLOOM_BITS: u64 = 1 << 27;

/// More runs than this are merged into one.
const MAX_RUNS: usize = 8;

/// A set of 64-bit id hashes whose memory stays bounded.
///
/// # Example
/// ```
/// use ippscan::source::SeenIds;
/// let mut seen = SeenIds::with_memory_ids(100);
/// assert!((0..1000u64).all(|i| seen.insert(i * 7919)));
/// assert!(!seen.insert(5 * 7919));
/// assert!(seen.runs() > 0);
/// ```
#[derive(Debug)]
pub struct SeenIds {
    memory: HashSet<u64, BuildHasherDefault<PreHashed>>,
    memory_ids: usize,
    bloom: Vec<u64>,
    runs: Vec<Run>,
    /// Writing a run failed once; from then on every id stays in memory.
    unbounded: bool,
}

impl Default for SeenIds {
    fn default() -> SeenIds {
        SeenIds::with_memory_ids(MEMORY_IDS)
    }
}

impl SeenIds {
    /// A set that keeps at most `n` ids in memory before writing them out.
    pub fn with_memory_ids(n: usize) -> SeenIds {
        SeenIds {
            memory: HashSet::default(),
            memory_ids: n.max(1),
            bloom: Vec::new(),
            runs: Vec::new(),
            unbounded: false,
        }
    }

    /// Adds `id`; false when it was there already.
    pub fn insert(&mut self, id: u64) -> bool {
        if self.in_runs(id) || !self.memory.insert(id) {
            return false;
        }
        if self.memory.len() >= self.memory_ids && !self.unbounded {
            self.unbounded = self.spill().is_err();
        }
        true
    }

    /// Sorted runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn in_runs(&self, id: u64) -> bool {
        if self.runs.is_empty() || !self.bloom_has(id) {
            return false;
        }
        // A run that cannot be read back counts as not holding the id: the listing is
        // scanned rather than lost.
        self.runs.iter().any(|r| r.contains(id).unwrap_or(false))
    }

    fn bloom_bits(id: u64) -> [u64; 3] {
        let (a, b) = (id & 0xffff_ffff, (id >> 32) | 1);
        [0, 1, 2].map(|i| (a.wrapping_add(i * b)) % BLOOM_BITS)
    }

    fn bloom_has(&self, id: u64) -> bool {
        Self::bloom_bits(id)
            .iter()
            .all(|&bit| self.bloom[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    fn spill(&mut self) -> io::Result<()> {
        if self.bloom.is_empty() {
            self.bloom = vec![0; (BLOOM_BITS / 64) as usize];
        }
        let mut ids: Vec<u64> = self.memory.iter().copied().collect();
        ids.sort_unstable();
        let run = Run::write(ids.iter().copied())?;
        for &id in &ids {
            for bit in Self::bloom_bits(id) {
                self.bloom[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        self.runs.push(run);
        self.memory.clear();
        if self.runs.len() > MAX_RUNS {
            let merged = Run::merge(&self.runs)?;
            self.runs = vec![merged];
        }
        Ok(())
    }
}

/// Sorted ids in a temporary file (deleted when closed), with the first id of every block.
#[derive(Debug)]
struct Run {
    file: File,
    fences: Vec<u64>,
    len: usize,
}

impl Run {
    fn write(sorted: impl Iterator<Item = u64>) -> io::Result<Run> {
        let mut out = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        let (mut fences, mut len) = (Vec::new(), 0);
        for id in sorted {
            if len % BLOCK_IDS == 0 {
                fences.push(id);
            }
            out.write_all(&id.to_le_bytes())?;
            len += 1;
        }
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(Run { file, fences, len })
    }

    fn contains(&self, id: u64) -> io::Result<bool> {
        let Some(block) = self.fences.partition_point(|&f| f <= id).checked_sub(1) else {
            return Ok(false);
        };
        let start = block * BLOCK_IDS;
        let n = BLOCK_IDS.min(self.len - start);
        let mut buf = [0u8; BLOCK_IDS * 8];
        self.file
            .read_exact_at(&mut buf[..n * 8], (start * 8) as u64)?;
        let ids = buf[..n * 8]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8-byte chunks")));
        Ok(ids.take_while(|&x| x <= id).any(|x| x == id))
    }

    /// One run holding the ids of all of `runs`, which are disjoint.
    fn merge(runs: &[Run]) -> io::Result<Run> {
        let mut cursors = runs
            .iter()
            .map(Cursor::new)
            .collect::<io::Result<Vec<_>>>()?;
        let mut error = None;
        let merged = std::iter::from_fn(|| {
            let (i, id) = cursors
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.peek().map(|id| (i, id)))
                .min_by_key(|&(_, id)| id)?;
            if let Err(e) = cursors[i].advance() {
                error = Some(e);
                return None;
            }
            Some(id)
        });
        let run = Run::write(merged)?;
        match error {
            Some(e) => Err(e),
            None => Ok(run),
        }
    }
}

/// Reads a run in order, a buffer at a time.
struct Cursor<'r> {
    run: &'r Run,
    buf: Vec<u64>,
    at: usize,
    next: usize,
}

impl<'r> Cursor<'r> {
    fn new(run: &'r Run) -> io::Result<Cursor<'r>> {
        let mut c = Cursor {
            run,
            buf: Vec::new(),
            at: 0,
            next: 0,
        };
        c.fill()?;
        Ok(c)
    }

    fn peek(&self) -> Option<u64> {
        self.buf.get(self.at).copied()
    }

    fn advance(&mut self) -> io::Result<()> {
        self.at += 1;
        if self.at >= self.buf.len() {
            self.fill()?;
        }
        Ok(())
    }

    fn fill(&mut self) -> io::Result<()> {
        let n = (8 * BLOCK_IDS).min(self.run.len - self.next);
        let mut bytes = vec![0u8; n * 8];
        self.run
            .file
            .read_exact_at(&mut bytes, (self.next * 8) as u64)?;
        self.buf = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8-byte chunks")))
            .collect();
        self.next += n;
        self.at = 0;
        Ok(())
    }
}

/// The ids are hashed with xxh3 already; the set need not hash them again.
#[derive(Debug, Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u64, seed: u64) -> Vec<u64> {
        (0..n)
            .map(|i| xxhash_rust::xxh3::xxh3_64_with_seed(&i.to_le_bytes(), seed))
            .collect()
    }

    #[test]
    fn exact_across_memory_runs_and_merges() {
        // 50 ids in memory: 20,000 ids make 400 runs, merged whenever there are 9.
        let mut seen = SeenIds::with_memory_ids(50);
        let first = ids(20_000, 1);
        assert!(first.iter().all(|&id| seen.insert(id)));
        assert!((1..=MAX_RUNS).contains(&seen.runs()));
        assert!(
            first.iter().all(|&id| !seen.insert(id)),
            "every id is found again"
        );
        let fresh = ids(20_000, 2);
        assert!(
            fresh.iter().all(|&id| seen.insert(id)),
            "no id is found that was not put in"
        );
    }

    #[test]
    fn extreme_ids_and_block_edges() {
        let mut seen = SeenIds::with_memory_ids(BLOCK_IDS + 1);
        let edge: Vec<u64> = (0..BLOCK_IDS as u64 * 3)
            .map(|i| i * 2)
            .chain([u64::MAX])
            .collect();
        assert!(edge.iter().all(|&id| seen.insert(id)));
        assert!(seen.runs() >= 2);
        for (id, new) in [
            (0, false),
            (1, true),
            (1024, false),
            (1023, true),
            (u64::MAX, false),
        ] {
            assert_eq!(seen.insert(id), new, "id {id}");
        }
    }
}
