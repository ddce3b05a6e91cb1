//! Sharding for many machines: `--shard K/N` scans only the rows whose stable hash falls in
//! shard K of N, so N workers over the same dumps split them exactly, with no overlap and
//! no gap.

use std::fmt;
use std::str::FromStr;

use crate::source::RawRow;

/// Shard `index` of `count` (0 ≤ index < count).
///
/// # Example
/// ```
/// let shard: ippscan::pipeline::shard::Shard = "2/5".parse().unwrap();
/// assert_eq!(shard.to_string(), "2/5");
/// assert!("5/5".parse::<ippscan::pipeline::shard::Shard>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Whether the row belongs to this shard: by its listing id, or, for a row without
    /// one (it will be a reject), by the dump's file name and the row's line.
    pub fn owns(&self, row: &RawRow, file_name: &str) -> bool {
        let key = match row {
            RawRow::Row(r) => match &r.listing_id {
                Some(id) => xxhash_rust::xxh3::xxh3_64(id.as_bytes()),
                None => line_key(file_name, r.line),
            },
            RawRow::Bad(reject) => line_key(file_name, reject.line),
        };
        key % self.count == self.index
    }
}

fn line_key(file_name: &str, line: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64(format!("{file_name}:{line}").as_bytes())
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("--shard {s:?}: give K/N with 0 <= K < N, as 3/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u64, u64) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::RawListing;

    #[test]
    fn every_row_has_exactly_one_shard() {
        let shards: Vec<Shard> = (0..7).map(|k| format!("{k}/7").parse().unwrap()).collect();
        for i in 0..5000u64 {
            let row = RawRow::Row(RawListing {
                line: i,
                listing_id: (i % 10 != 0).then(|| format!("L{i}")),
                ..RawListing::default()
            });
            let owners = shards.iter().filter(|s| s.owns(&row, "dump.csv")).count();
            assert_eq!(owners, 1, "row {i}");
        }
    }

    #[test]
    fn shard_arguments() {
        for good in ["0/1", "3/8", " 1 / 2 "] {
            assert!(good.parse::<Shard>().is_ok(), "{good}");
        }
        for bad in ["", "1", "1/0", "2/2", "-1/3", "a/b", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
