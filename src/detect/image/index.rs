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

/// The hashes by one chunk's value, in buckets; only the buckets that hold a hash are
/// kept, found by counting the set bits before their value's. A few thousand references'
/// table is then some kilobytes that stay in the cache, where one offset per value (256
/// KiB a table, 4 MiB in all) missed it on nearly every probe.
#[derive(Clone, Debug)]
struct Table {
    /// A bit per chunk value, set when its bucket holds a hash.
    occupied: Vec<u64>,
    /// Per word of `occupied`, the set bits in the words before it.
    ranks: Vec<u32>,
    /// Per bucket that holds a hash, in order of value, where its ids start in `ids`; and
    /// the end of the last.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl Table {
    fn new(hashes: &[Hash256], c: usize) -> Table {
        let mut counts = vec![0u32; 65_537];
        for h in hashes {
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
        let mut ranks = Vec::with_capacity(occupied.len());
        let mut set = 0;
        for word in &occupied {
            ranks.push(set);
            set += word.count_ones();
        }
        let mut starts: Vec<u32> = (0..65_536)
            .filter(|&v| occupied[v / 64] & (1 << (v % 64)) != 0)
            .map(|v| counts[v])
            .collect();
        starts.push(counts[65_536]);
        Table {
            occupied,
            ranks,
            starts,
            ids,
        }
    }

    /// The ids whose chunk has value `v`.
    fn bucket(&self, v: usize) -> &[u32] {
        let (word, bit) = (self.occupied[v / 64], v % 64);
        if word & (1 << bit) == 0 {
            return &[];
        }
        let k = (self.ranks[v / 64] + (word & ((1 << bit) - 1)).count_ones()) as usize;
        &self.ids[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

impl HashIndex {
    /// Indexes `(hash, owner)` pairs.
    pub fn new(entries: impl IntoIterator<Item = (Hash256, u32)>) -> HashIndex {
        let (hashes, owners): (Vec<Hash256>, Vec<u32>) = entries.into_iter().unzip();
        // A text-only scan has no reference photos: no tables to build.
        let chunks = if hashes.is_empty() { 0 } else { 16 };
        let tables = (0..chunks).map(|c| Table::new(&hashes, c)).collect();
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
                for &id in table.bucket(probe) {
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
                .map(|t| (t.ranks.len() + t.starts.len() + t.ids.len()) * 4 + t.occupied.len() * 8)
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

    /// Chunk values at either end of a word of the occupancy bits (0, 63, 64, 65,535),
    /// several hashes to a bucket, and buckets side by side.
    #[test]
    fn buckets_at_the_ends_of_words_are_found() {
        let chunks = [0u64, 63, 64, 65_535, 65_534, 1];
        let refs: Vec<Hash256> = chunks
            .iter()
            .flat_map(|&v| {
                let every = v | v << 16 | v << 32 | v << 48;
                [
                    Hash256([every; 4]),
                    Hash256([every, every, every, every ^ 1 << 60]),
                ]
            })
            .collect();
        let index = HashIndex::new(refs.iter().enumerate().map(|(i, h)| (*h, i as u32)));
        for (i, query) in refs.iter().enumerate() {
            let mut got = Vec::new();
            index.search(query, 0, &mut got);
            assert_eq!(got, vec![(i as u32, 0)], "{i}");
        }
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
