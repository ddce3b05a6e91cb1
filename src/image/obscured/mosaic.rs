//! Mosaics: a compact patch of 2×2-tile windows whose pixels are mostly equal to their
//! neighbours, with the steps between them lined up in whole columns and rows, in a ring
//! with no such grid.

use image::GrayImage;

use super::grid::{Component, Mosaics, Rect, Tiles, components};
use super::window::best_grid;
use super::{ObscureKind, Obscured};
use crate::image::Window;

/// Least share of its box that a mosaic's tiles fill: windows across the edges of large
/// blocks often fail, leaving holes.
pub(super) const MIN_FILL: f32 = 0.45;

/// More separate mosaic-like patches than this is compression, not a mosaic...
pub(super) const MAX_MOSAIC_PATCHES: usize = 2;

/// ...unless one of them has this many times the tiles of all the others together:
/// compression makes blocks wherever the photo is smooth, not in one place.
pub(super) const DOMINANT: usize = 2;

/// A hole this much of whose tiles look like a mosaic is one.
pub(super) const MOSAIC_INSIDE: f32 = 0.25;

/// Most mosaic tiles the ring of a mosaic region may hold, as a share.
pub(super) const MOSAIC_RING: f32 = 0.15;

/// Block sides (detail pixels) a mosaic's grid is looked for at.
const BLOCKS: std::ops::RangeInclusive<usize> = 3..=24;

/// Least share of a mosaic's pixel steps, beyond what any grid of its period catches by
/// chance, that fall on one grid of blocks, across and down.
const MIN_ON_GRID: f32 = 0.3;

impl Mosaics {
    pub(super) fn found(&self, img: &GrayImage) -> Vec<Obscured> {
        // Tiles a tile apart join: fine blocks leave gaps in a patch.
        let (cols, rows) = (self.tiles.cols, self.tiles.rows);
        let joined: Vec<bool> = (0..rows)
            .flat_map(|y| (0..cols).map(move |x| (x, y)))
            .map(|(x, y)| {
                self.flags[y * cols + x]
                    || (x > 0
                        && x + 1 < cols
                        && self.flags[y * cols + x - 1]
                        && self.flags[y * cols + x + 1])
                    || (y > 0
                        && y + 1 < rows
                        && self.flags[(y - 1) * cols + x]
                        && self.flags[(y + 1) * cols + x])
            })
            .collect();
        let found = components(&joined, cols, rows);
        // Blocking from heavy JPEG compression is everywhere flat; a mosaic is one patch,
        // or one that holds most of what looks like a mosaic.
        let (patches, patch_tiles) = found
            .iter()
            .map(|c| c.tiles.len())
            .filter(|&n| n >= 4)
            .fold((0, 0), |(count, tiles), n| (count + 1, tiles + n));
        found
            .iter()
            .filter(|c| {
                patches <= MAX_MOSAIC_PATCHES
                    || c.tiles.len() >= DOMINANT * (patch_tiles - c.tiles.len())
            })
            .filter_map(|c| self.mosaic(c))
            .filter(|m| on_block_grid(img, self.inner(m.region)) >= MIN_ON_GRID)
            .collect()
    }

    /// The share of the tiles inside `r` that look like a mosaic.
    pub(super) fn gridded_share(&self, r: Rect) -> f32 {
        let t = i64::from(self.tiles.tile);
        let (x0, y0) = ((r.x0 / t) as usize, (r.y0 / t) as usize);
        let (x1, y1) = (
            ((r.x1 / t) as usize).min(self.tiles.cols),
            ((r.y1 / t) as usize).min(self.tiles.rows),
        );
        let total = (x1.saturating_sub(x0) * y1.saturating_sub(y0)).max(1);
        let gridded = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| self.flags[y * self.tiles.cols + x])
            .count();
        gridded as f32 / total as f32
    }

    /// The tiles around a box, as deep as half its shorter side.
    fn ring(&self, b: Tiles) -> Vec<usize> {
        let depth = (b.width().min(b.height()) / 2).max(1);
        let x0 = b.x0.saturating_sub(depth);
        let y0 = b.y0.saturating_sub(depth);
        let x1 = (b.x1 + depth).min(self.tiles.cols - 1);
        let y1 = (b.y1 + depth).min(self.tiles.rows - 1);
        (y0..=y1)
            .flat_map(|y| (x0..=x1).map(move |x| (x, y)))
            .filter(|&(x, y)| !(b.x0..=b.x1).contains(&x) || !(b.y0..=b.y1).contains(&y))
            .map(|(x, y)| y * self.tiles.cols + x)
            .collect()
    }

    /// A region without the tile's width around it that may be the ring.
    fn inner(&self, (x, y, w, h): Window) -> Window {
        let t = self.tiles.tile;
        (
            x + t,
            y + t,
            w.saturating_sub(2 * t),
            h.saturating_sub(2 * t),
        )
    }

    fn mosaic(&self, c: &Component) -> Option<Obscured> {
        let b = c.bounds;
        if !self.tiles.is_compact(b) || (c.tiles.len() as f32) < MIN_FILL * b.area() as f32 {
            return None;
        }
        let ring = self.ring(b);
        let gridded = ring.iter().filter(|&&i| self.flags[i]).count() as f32;
        let share = gridded / ring.len().max(1) as f32;
        if share > MOSAIC_RING {
            return None;
        }
        let fill = c.tiles.len() as f32 / b.area() as f32;
        Some(Obscured {
            kind: ObscureKind::Mosaic,
            region: self.tiles.region(b),
            contrast: fill / share.max(0.05),
        })
    }
}

/// How much of the pixel steps inside `region` fall on one regular grid, across and down
/// (the lesser): 1 for blocks of one size on one grid, near 0 for texture. A step on a
/// grid line or the pixel after it counts (a block edge between two pixels of a scaled
/// image is a two-pixel ramp); what a grid of that period would catch by chance is taken
/// off.
fn on_block_grid(img: &GrayImage, (x, y, w, h): Window) -> f32 {
    let (iw, ih) = img.dimensions();
    let (x1, y1) = ((x + w).min(iw - 1), (y + h).min(ih - 1));
    if x1 <= x + 1 || y1 <= y + 1 {
        return 0.0;
    }
    let (cols, rows) = ((x1 - x) as usize, (y1 - y) as usize);
    let mut across = vec![0u32; cols];
    let mut down = vec![0u32; rows];
    for (j, py) in (y..y1).enumerate() {
        for (i, px) in (x..x1).enumerate() {
            let v = img.get_pixel(px, py).0[0];
            across[i] += u32::from(v.abs_diff(img.get_pixel(px + 1, py).0[0]));
            down[j] += u32::from(v.abs_diff(img.get_pixel(px, py + 1).0[0]));
        }
    }
    periodic_share(&across).min(periodic_share(&down))
}

/// The share of `profile` on its best grid of [`BLOCKS`] (see [`best_grid`]), at least 0.
fn periodic_share(profile: &[u32]) -> f32 {
    let longest = (*BLOCKS.end()).min(profile.len() / 2);
    best_grid::<{ *BLOCKS.end() }>(profile, *BLOCKS.start()..=longest)
        .map_or(0.0, |(share, ..)| share.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::{MIN_ON_GRID, periodic_share};

    #[test]
    fn step_profiles_on_and_off_a_block_grid() {
        let mut rng = fastrand::Rng::with_seed(3);
        let grid = |period: usize, phase: usize, ramp: bool| -> Vec<u32> {
            (0..96)
                .map(|k| match (k + period - phase) % period {
                    0 => 40,
                    1 if ramp => 40,
                    _ => 2,
                })
                .collect()
        };
        let texture: Vec<u32> = (0..96).map(|_| rng.u32(0..60)).collect();
        // Edges of 40 grey levels among noise of 2, in a profile 96 pixels long.
        let table: [(&str, Vec<u32>, bool); 5] = [
            ("blocks of 4", grid(4, 1, false), true),
            ("blocks of 12, edges as ramps", grid(12, 5, true), true),
            ("blocks of 24", grid(24, 0, false), true),
            ("texture", texture, false),
            ("flat", vec![0; 96], false),
        ];
        for (name, profile, on_grid) in table {
            let share = periodic_share(&profile);
            assert_eq!(share >= MIN_ON_GRID, on_grid, "{name}: {share}");
        }
    }
}
