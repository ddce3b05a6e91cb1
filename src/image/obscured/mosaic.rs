//! Mosaics: a compact patch of 2×2-tile windows whose pixels are mostly equal to their
//! neighbours, with the steps between them lined up in whole columns and rows, in a ring
//! with no such grid.

use super::grid::{Component, Mosaics, Rect, Tiles, components};
use super::{ObscureKind, Obscured};

pub(super) const MIN_FILL: f32 = 0.55;

/// More separate mosaic-like patches than this is compression, not a mosaic.
pub(super) const MAX_MOSAIC_PATCHES: usize = 2;

/// A hole this much of whose tiles look like a mosaic is one.
pub(super) const MOSAIC_INSIDE: f32 = 0.25;

/// Most mosaic tiles the ring of a mosaic region may hold, as a share.
pub(super) const MOSAIC_RING: f32 = 0.15;

impl Mosaics {
    pub(super) fn found(&self) -> Vec<Obscured> {
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
        // Blocking from heavy JPEG compression is everywhere flat; a mosaic is one patch.
        let patches = found.iter().filter(|c| c.tiles.len() >= 4).count();
        if patches > MAX_MOSAIC_PATCHES {
            return Vec::new();
        }
        found.iter().filter_map(|c| self.mosaic(c)).collect()
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
