//! Multi-index hashing: each 256-bit hash is cut into sixteen 16-bit chunks, and each chunk
//! indexes a table. Two hashes within 31 bits of each other agree to within one bit on at
//! least one chunk (pigeonhole), so a query looks up each chunk and its 16 one-bit
//! neighbours — 272 buckets — and checks only the hashes found there.

use crate::detect::image::Hash256;

/// Largest radius a query may ask for and still find everything.
pub const MAX_RADIUS: u32 = 31;

/// Reference hashes and who owns each.
#[derive(Clone, Debug, Default)]
pub struct HashIndex {
    hashes: Vec<Hash256>,
    owners: Vec<u32>,
    /// One per chunk.
    tables: Vec<Table>,
}

/// The hashes by one chunk's value.
#[derive(Clone, Debug)]
struct Table {
    /// Bucket offsets into `ids`: 65,537 of them.
    offsets: Vec<u32>,
    ids: Vec<u32>,
    /// A bit per chunk value, set when its bucket holds a hash: 8 KiB, which stays in the
    /// cache where the offsets (256 KiB) do not, and most probes of a few thousand
    /// references' table find their bucket empty.
    occupied: Vec<u64>,
}

impl HashIndex {
    /// Indexes `(hash, owner)` pairs.
    pub fn new(entries: impl IntoIterator<Item = (Hash256, u32)>) -> HashIndex {
        let (hashes, owners): (Vec<Hash256>, Vec<u32>) = entries.into_iter().unzip();
        // A text-only scan has no reference photos: no tables (4 MiB of offsets) to build.
        let chunks = if hashes.is_empty() { 0 } else { 16 };
        let tables = (0..chunks)
            .map(|c| {
                let mut counts = vec![0u32; 65_537];
                for h in &hashes {
                    counts[usize::from(h.chunk(c)) + 1] += 1;
                }
                for i in 1..counts.len() {
                    counts[i] += counts[i - 1];
                }
                let mut next = counts.clone();
                let mut ids = vec![0u32; hashes.len()];
                let mut occupied = vec![0u64; 65_536 / 64];
                for (id, h) in hashes.iter().enumerate() {
                    let chunk = usize::from(h.chunk(c));
                    let slot = &mut next[chunk];
                    ids[*slot as usize] = id as u32;
                    *slot += 1;
                    occupied[chunk / 64] |= 1 << (chunk % 64);
                }
                Table {
                    offsets: counts,
                    ids,
                    occupied,
                }
            })
            .collect();
        HashIndex {
            hashes,
            owners,
            tables,
        }
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Owners of hashes within `radius` (at most [`MAX_RADIUS`]) of `query`, each with its
    /// best distance; appended to `out`.
    pub fn search(&self, query: &Hash256, radius: u32, out: &mut Vec<(u32, u32)>) {
        let radius = radius.min(MAX_RADIUS);
        let start = out.len();
        // Within 15 bits, some chunk agrees exactly; within 31, to one bit.
        let flips = if radius < 16 { 0 } else { 16 };
        for (c, table) in self.tables.iter().enumerate() {
            let key = query.chunk(c);
            for flip in (0..flips).chain(std::iter::once(16)) {
                let probe = usize::from(if flip == 16 { key } else { key ^ (1 << flip) });
                if table.occupied[probe / 64] & (1 << (probe % 64)) == 0 {
                    continue;
                }
                let (lo, hi) = (table.offsets[probe], table.offsets[probe + 1]);
                for &id in &table.ids[lo as usize..hi as usize] {
                    let d = self.hashes[id as usize].distance(query);
                    if d > radius {
                        continue;
                    }
                    let owner = self.owners[id as usize];
                    match out[start..].iter_mut().find(|(o, _)| *o == owner) {
                        Some(found) => found.1 = found.1.min(d),
                        None => out.push((owner, d)),
                    }
                }
            }
        }
    }

    /// Approximate memory of the index, in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.hashes.len() * (32 + 4)
            + self
                .tables
                .iter()
                .map(|t| (t.offsets.len() + t.ids.len()) * 4 + t.occupied.len() * 8)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_hash(rng: &mut fastrand::Rng) -> Hash256 {
        Hash256([rng.u64(..), rng.u64(..), rng.u64(..), rng.u64(..)])
    }

    #[test]
    fn an_empty_index_finds_nothing_and_holds_no_tables() {
        let index = HashIndex::new(std::iter::empty());
        let mut found = Vec::new();
        index.search(&Hash256([u64::MAX; 4]), MAX_RADIUS, &mut found);
        assert!(found.is_empty());
        assert_eq!(index.memory_bytes(), 0);
    }

    #[test]
    fn finds_exactly_what_brute_force_finds() {
        let mut rng = fastrand::Rng::with_seed(5);
        let refs: Vec<Hash256> = (0..5000).map(|_| random_hash(&mut rng)).collect();
        let index = HashIndex::new(refs.iter().enumerate().map(|(i, h)| (*h, i as u32)));
        for q in 0..300 {
            // Queries near a reference (flip some bits) and random ones.
            let mut query = refs[q * 7];
            for _ in 0..rng.u32(0..40) {
                let bit = rng.usize(..256);
                query.0[bit / 64] ^= 1 << (bit % 64);
            }
            let mut got = Vec::new();
            index.search(&query, 31, &mut got);
            got.sort_unstable();
            let mut want: Vec<(u32, u32)> = refs
                .iter()
                .enumerate()
                .filter_map(|(i, h)| {
                    let d = h.distance(&query);
                    (d <= 31).then_some((i as u32, d))
                })
                .collect();
            want.sort_unstable();
            assert_eq!(got, want);
        }
    }
}
