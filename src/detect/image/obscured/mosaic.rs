//! Mosaics: a compact patch of 2×2-tile windows whose pixels are mostly equal to their
//! neighbours, with the steps between them lined up in whole columns and rows, in a ring
//! with no such grid.

use image::GrayImage;

use super::grid::{Component, Mosaics, Rect, Tiles, components};
use super::window::SAME_FIT;
use super::{ObscureKind, Obscured};
use crate::detect::image::Window;

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

/// A patch this much of which is in two tones (each within a few grey levels) is lettering
/// or a graphic on a plain ground, not a mosaic: each block of a mosaic takes the mean of
/// what it hides, so its tones are many.
const TWO_TONES: f32 = 0.8;

/// A step between blocks, in grey levels...
const STEPPING: u32 = 3;

/// ...and the least share of the places where a mosaic's grid crosses a pixel row or
/// column that step (see [`PatchGrid::stepping`]).
const MIN_STEPPING: f32 = 0.6;

/// Least share of a mosaic's pixel steps, beyond what any grid of its period catches by
/// chance, that fall on one grid of blocks, across and down. A mosaic's steps are its
/// blocks' edges; lettering (a caption, a watermark) that happens to fit a grid leaves
/// more of its strokes' edges off it: on the dev part of the evaluation, the mosaics found
/// put 0.42 of their steps on their grid or more, the lettering flagged as mosaics 0.24 to
/// 0.77, two of it at 0.37.
const MIN_ON_GRID: f32 = 0.4;

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
            .filter_map(|c| {
                let found = self.mosaic(c)?;
                let mut member = vec![false; cols * rows];
                for &i in &c.tiles {
                    member[i] = true;
                }
                let t = self.tiles.tile;
                // Tiles on the patch's edge hold some of what is around it.
                let interior = |tx: usize, ty: usize| {
                    tx > 0
                        && ty > 0
                        && tx + 1 < cols
                        && ty + 1 < rows
                        && [(0, 1), (2, 1), (1, 0), (1, 2), (1, 1)]
                            .iter()
                            .all(|&(dx, dy)| member[(ty + dy - 1) * cols + tx + dx - 1])
                };
                let inside = |x: u32, y: u32| interior((x / t) as usize, (y / t) as usize);
                let grid = PatchGrid::new(img, self.inner(found.region), inside)?;
                (grid.on_grid() >= MIN_ON_GRID
                    && grid.stepping() >= MIN_STEPPING
                    && grid.two_tones() < TWO_TONES
                    && !grid.blocky_lettering())
                .then_some(found)
            })
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
        // A mosaic's own grid tells it from the photo: it may touch the photo's border.
        if !self.tiles.is_mark_sized(b) || (c.tiles.len() as f32) < MIN_FILL * b.area() as f32 {
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

/// The pixels of a window that belong to a patch, and the best block grid of their steps.
struct PatchGrid<'a, F> {
    img: &'a GrayImage,
    /// The window's pixels whose steps (to the right and down) count: `[x0, x1) × [y0, y1)`.
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    inside: F,
    /// Per axis (across, down): the best grid of the steps (see [`grid_fit`]).
    fits: [Option<GridFit>; 2],
}

impl<'a, F: Fn(u32, u32) -> bool> PatchGrid<'a, F> {
    /// The steps inside `window` where `inside` holds, summed per pixel column (across)
    /// and row (down), and each profile's best grid of [`BLOCKS`].
    fn new(img: &'a GrayImage, (x, y, w, h): Window, inside: F) -> Option<Self> {
        let (iw, ih) = img.dimensions();
        let (x1, y1) = ((x + w).min(iw - 1), (y + h).min(ih - 1));
        if x1 <= x + 1 || y1 <= y + 1 {
            return None;
        }
        let mut across = vec![0u32; (x1 - x) as usize];
        let mut down = vec![0u32; (y1 - y) as usize];
        for (j, py) in (y..y1).enumerate() {
            for (i, px) in (x..x1).enumerate() {
                if inside(px, py) {
                    across[i] += step(img, (px, py), (px + 1, py));
                    down[j] += step(img, (px, py), (px, py + 1));
                }
            }
        }
        Some(PatchGrid {
            img,
            x0: x,
            y0: y,
            x1,
            y1,
            inside,
            fits: [grid_fit(&across), grid_fit(&down)],
        })
    }

    /// How much of the pixel steps fall on one regular grid, across and down (the
    /// lesser): 1 for blocks of one size on one grid, near 0 for texture. A step on a grid
    /// line or the pixel after it counts (a block edge between two pixels of a scaled
    /// image is a two-pixel ramp); what a grid of that period would catch by chance is
    /// taken off.
    fn on_grid(&self) -> f32 {
        self.fits
            .iter()
            .map(|f| f.as_ref().map_or(0.0, |fit| fit.share.max(0.0)))
            .fold(1.0, f32::min)
    }

    /// Of the places where the grid's lines cross a pixel row or column of the patch, the
    /// share where they step by [`STEPPING`] levels or more (the lesser of across and
    /// down): a mosaic's blocks each differ from the next, while blocky lettering over a
    /// photo steps only along its strokes' outlines.
    fn stepping(&self) -> f32 {
        let [Some(fit_x), Some(fit_y)] = &self.fits else {
            return 0.0;
        };
        let (iw, ih) = self.img.dimensions();
        // A line is its pixel and, as a ramp, the next: the larger step of the two.
        let across = |px: u32, py: u32| {
            let next = (px + 2 < iw).then(|| step(self.img, (px + 1, py), (px + 2, py)));
            step(self.img, (px, py), (px + 1, py)).max(next.unwrap_or(0))
        };
        let down = |px: u32, py: u32| {
            let next = (py + 2 < ih).then(|| step(self.img, (px, py + 1), (px, py + 2)));
            step(self.img, (px, py), (px, py + 1)).max(next.unwrap_or(0))
        };
        let mut counts = [(0u32, 0u32); 2];
        for (j, py) in (self.y0..self.y1).enumerate() {
            for (i, px) in (self.x0..self.x1).enumerate() {
                if !(self.inside)(px, py) {
                    continue;
                }
                if fit_x.lines[i] {
                    counts[0].0 += 1;
                    counts[0].1 += u32::from(across(px, py) >= STEPPING);
                }
                if fit_y.lines[j] {
                    counts[1].0 += 1;
                    counts[1].1 += u32::from(down(px, py) >= STEPPING);
                }
            }
        }
        counts
            .iter()
            .map(|&(lines, stepping)| stepping as f32 / lines.max(1) as f32)
            .fold(1.0, f32::min)
    }

    /// The mean grey level inside each block of the patch's grid (row by row; `None` for a
    /// block mostly outside the patch), and how many blocks a row has.
    fn block_means(&self) -> Option<(Vec<Option<f32>>, usize)> {
        let [Some(fit_x), Some(fit_y)] = &self.fits else {
            return None;
        };
        // Block edges fall after a line's pixel (or its ramp's next): a block's inside is
        // from two pixels after one line to its next line's pixel.
        let spans = |lines: &[bool], from: u32| -> Vec<(u32, u32)> {
            let at: Vec<u32> = (0..lines.len())
                .filter(|&i| lines[i])
                .map(|i| from + i as u32)
                .collect();
            at.windows(2)
                .filter(|w| w[1] > w[0] + 2)
                .map(|w| (w[0] + 2, w[1]))
                .collect()
        };
        let (cols, rows) = (spans(&fit_x.lines, self.x0), spans(&fit_y.lines, self.y0));
        let mut means = vec![None; cols.len() * rows.len()];
        for (r, &(ya, yb)) in rows.iter().enumerate() {
            for (c, &(xa, xb)) in cols.iter().enumerate() {
                let (mut sum, mut n) = (0u32, 0u32);
                for py in ya..yb {
                    for px in xa..xb {
                        if (self.inside)(px, py) {
                            sum += u32::from(self.img.get_pixel(px, py).0[0]);
                            n += 1;
                        }
                    }
                }
                if n * 4 >= (xb - xa) * (yb - ya) * 3 {
                    means[r * cols.len() + c] = Some(sum as f32 / n as f32);
                }
            }
        }
        (!cols.is_empty()).then_some((means, cols.len()))
    }

    /// Whether the patch's blocks are lettering drawn in blocks (a pixel font): blocks in
    /// two tones far apart, ink and ground, that meet without a block between them, in
    /// strokes one block wide. A mosaic's blocks each take the mean of what they hide, so
    /// where dark meets light under it some blocks straddle the edge and take a tone
    /// between; and what a seller hides (a logo, a name) is mostly wider than its blocks.
    fn blocky_lettering(&self) -> bool {
        let Some((means, w)) = self.block_means() else {
            return false;
        };
        let known: Vec<f32> = means.iter().flatten().copied().collect();
        let Some((ground, ink)) = two_far_tones(&known) else {
            return false;
        };
        let tone = |m: f32| {
            if (m - ground).abs() <= TONE_WIDTH {
                Tone::Ground
            } else if (m - ink).abs() <= TONE_WIDTH {
                Tone::Ink
            } else if (m - ground) * (m - ink) < 0.0 {
                Tone::Between
            } else {
                Tone::Other
            }
        };
        let tones: Vec<Option<Tone>> = means.iter().map(|m| m.map(tone)).collect();
        let around = |i: usize| {
            [
                (i % w + 1 < w).then(|| i + 1),
                (i + w < tones.len()).then(|| i + w),
                (!i.is_multiple_of(w)).then(|| i - 1),
                (i >= w).then(|| i - w),
            ]
            .into_iter()
            .flatten()
        };
        let next_to = |i: usize, want: Tone| around(i).any(|j| tones[j] == Some(want));
        let (mut inks, mut jumps, mut between) = (0u32, 0u32, 0u32);
        for (i, t) in tones.iter().enumerate() {
            match t {
                Some(Tone::Ink) => {
                    inks += 1;
                    jumps += around(i)
                        .filter(|&j| tones[j] == Some(Tone::Ground))
                        .count() as u32;
                }
                Some(Tone::Between) if next_to(i, Tone::Ink) && next_to(i, Tone::Ground) => {
                    between += 1;
                }
                _ => {}
            }
        }
        jumps >= MIN_JUMPS
            && (between as f32) < LETTERING_BETWEEN * (jumps + between) as f32
            && jumps as f32 >= STROKE_SIDES * inks as f32
    }

    /// The share of the patch's pixels within a few grey levels (three bins of four) of
    /// its two commonest tones.
    fn two_tones(&self) -> f32 {
        let mut bins = [0u32; 64];
        for py in self.y0..self.y1 {
            for px in self.x0..self.x1 {
                if (self.inside)(px, py) {
                    bins[usize::from(self.img.get_pixel(px, py).0[0] >> 2)] += 1;
                }
            }
        }
        let total: u32 = bins.iter().sum();
        if total == 0 {
            return 0.0;
        }
        let around = |b: usize, bins: &[u32; 64]| -> u32 {
            bins[b.saturating_sub(1)..=(b + 1).min(63)].iter().sum()
        };
        let first = (0..64).max_by_key(|&b| around(b, &bins)).unwrap_or(0);
        let held = around(first, &bins);
        let mut rest = bins;
        rest[first.saturating_sub(1)..=(first + 1).min(63)].fill(0);
        let second = (0..64).max_by_key(|&b| around(b, &rest)).unwrap_or(0);
        (held + around(second, &rest)) as f32 / total as f32
    }
}

/// A block's tone in a patch of two tones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Ground,
    Ink,
    Between,
    Other,
}

/// A block within this many grey levels of a tone has it.
const TONE_WIDTH: f32 = 12.0;
/// Ink and ground lie at least this far apart, and each holds this share of the blocks.
const TONES_APART: f32 = 48.0;
const LEAST_TONE: f32 = 0.1;
/// Lettering has at least this many places where ink meets ground...
const MIN_JUMPS: u32 = 6;
/// ...fewer blocks between them, as a share of those places and those blocks...
const LETTERING_BETWEEN: f32 = 0.15;
/// ...and strokes one block wide: an ink block meets ground on about two of its sides
/// (a block of a wider shape, on a fraction of one).
const STROKE_SIDES: f32 = 1.5;

/// The commonest block tone and the commonest at least [`TONES_APART`] from it, each
/// held by [`LEAST_TONE`] of the blocks or more: grey levels, each holding the blocks
/// within [`TONE_WIDTH`] of it.
fn two_far_tones(means: &[f32]) -> Option<(f32, f32)> {
    if means.len() < 8 {
        return None;
    }
    let mut at_level = [0usize; 257];
    for m in means {
        at_level[m.round().clamp(0.0, 255.0) as usize + 1] += 1;
    }
    let below: Vec<usize> = at_level
        .iter()
        .scan(0, |sum, n| {
            *sum += n;
            Some(*sum)
        })
        .collect();
    let width = TONE_WIDTH as usize;
    let held = |t: usize| below[(t + width + 1).min(256)] - below[t.saturating_sub(width)];
    let first = (0..256usize).max_by_key(|&t| held(t))?;
    let apart = TONES_APART as usize;
    let second = (0..256usize)
        .filter(|&t| t.abs_diff(first) >= apart)
        .max_by_key(|&t| held(t))?;
    let least = (LEAST_TONE * means.len() as f32).ceil() as usize;
    (held(first) >= least && held(second) >= least).then_some((first as f32, second as f32))
}

/// The absolute difference of two pixels.
fn step(img: &GrayImage, (ax, ay): (u32, u32), (bx, by): (u32, u32)) -> u32 {
    u32::from(img.get_pixel(ax, ay).0[0].abs_diff(img.get_pixel(bx, by).0[0]))
}

/// A regular grid of block edges along a profile of steps.
struct GridFit {
    /// The share of the steps' size on the grid's lines beyond what a grid of its period
    /// catches by chance: 1 for all of it, 0 for chance.
    share: f32,
    /// Which of the profile's pixels a line falls on.
    lines: Vec<bool>,
}

/// The grid of blocks [`BLOCKS`] wide whose lines hold the most of `profile` beyond
/// chance, as [`super::window::best_grid`] finds for whole periods, except that a period
/// may be any width: the detail image is the photo scaled, so blocks of 8 pixels in a
/// photo 774 pixels wide are 6.6 wide in its 640-pixel detail image, and a whole period
/// drifts off their edges within a few blocks. Of the periods that fit as well (within
/// [`SAME_FIT`]), the longest is the blocks' (a grid fits every divisor of its period).
fn grid_fit(profile: &[u32]) -> Option<GridFit> {
    let total: u32 = profile.iter().sum();
    let length = profile.len() as f32;
    let longest = (*BLOCKS.end() as f32).min(length / 2.0);
    if total == 0 || longest < *BLOCKS.start() as f32 {
        return None;
    }
    // Line `m` of a grid is the pixel at `phase + m·period` and the one after it (a block
    // edge between two pixels of a scaled image is a two-pixel ramp).
    let lines = |period: f32, phase: f32| {
        (0..)
            .map(move |m| (phase + m as f32 * period) as usize)
            .take_while(|&at| at < profile.len())
    };
    let held = |period: f32, phase: f32| -> u32 {
        lines(period, phase)
            .map(|at| profile[at] + profile.get(at + 1).copied().unwrap_or(0))
            .sum()
    };
    // Periods a step apart drift half a pixel apart over the profile, so every period is
    // within a quarter of a pixel's drift of one tried; phases half a pixel apart are each
    // within a quarter of a pixel of an edge.
    let mut fits: Vec<(f32, f32, f32)> = Vec::new();
    let mut period = *BLOCKS.start() as f32;
    while period <= longest {
        let chance = 2.0 / period;
        let (on, phase) = (0..(2.0 * period) as usize)
            .map(|k| k as f32 * 0.5)
            .map(|phase| (held(period, phase), phase))
            .max_by_key(|&(on, _)| on)
            .unwrap_or((0, 0.0));
        let beyond = (on as f32 / total as f32 - chance) / (1.0 - chance);
        fits.push((beyond, period, phase));
        period *= 1.0 + 0.5 / length;
    }
    let best = fits.iter().map(|f| f.0).fold(f32::MIN, f32::max);
    let longest_as_good = fits
        .iter()
        .filter(|f| f.0 >= best - SAME_FIT)
        .map(|f| f.1)
        .fold(0.0, f32::max);
    // The longest period that fits as well may be a hair too long for its lines to stay on
    // the edges: of the periods near it (drifting at most four pixels from it over the
    // profile), the one that fits best.
    let &(_, period, phase) = fits
        .iter()
        .filter(|f| f.1 >= longest_as_good * (1.0 - 4.0 / length))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    let mut on = vec![false; profile.len()];
    for at in lines(period, phase) {
        on[at] = true;
    }
    Some(GridFit {
        share: best,
        lines: on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

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
        // Blocks of 8 in a photo shown at 0.83 of its size: 6.64 pixels wide.
        let scaled: Vec<u32> = {
            let mut profile = vec![2; 96];
            for m in 0..14 {
                let at = 3.0 + m as f32 * 6.64;
                profile[at as usize] = 40;
                profile[at as usize + 1] = if at.fract() > 0.5 { 30 } else { 10 };
            }
            profile
        };
        let texture: Vec<u32> = (0..96).map(|_| rng.u32(0..60)).collect();
        // Edges of 40 grey levels among noise of 2, in a profile 96 pixels long.
        let table: [(&str, Vec<u32>, bool); 6] = [
            ("blocks of 4", grid(4, 1, false), true),
            ("blocks of 12, edges as ramps", grid(12, 5, true), true),
            ("blocks of 24", grid(24, 0, false), true),
            ("blocks of 6.64 (a scaled photo's)", scaled, true),
            ("texture", texture, false),
            ("flat", vec![0; 96], false),
        ];
        for (name, profile, on_grid) in table {
            let share = grid_fit(&profile).map_or(0.0, |fit| fit.share.max(0.0));
            assert_eq!(share >= MIN_ON_GRID, on_grid, "{name}: {share}");
        }
    }

    /// A 192×192 patch: blocks of 12 over fine texture (a mosaic), the same texture with
    /// blocky lettering over it in two tones, texture alone, and a plain ground.
    #[test]
    fn a_mosaic_is_gridded_stepping_and_many_toned_and_lettering_is_not() {
        let mut rng = fastrand::Rng::with_seed(9);
        let texture = GrayImage::from_fn(192, 192, |x, y| {
            let wave = 60.0 * ((x as f32 / 9.0).sin() + (y as f32 / 13.0).cos());
            Luma([(128.0 + wave + f32::from(rng.u8(..50))).clamp(0.0, 255.0) as u8])
        });
        let mosaic = GrayImage::from_fn(192, 192, |x, y| {
            let (bx, by) = (x / 12 * 12, y / 12 * 12);
            let mut sum = 0u32;
            for dy in 0..12 {
                for dx in 0..12 {
                    sum += u32::from(texture.get_pixel(bx + dx, by + dy).0[0]);
                }
            }
            Luma([(sum / 144) as u8])
        });
        // Letters on a 12-pixel grid: every third block row, two blocks on, one off.
        let lettering = GrayImage::from_fn(192, 192, |x, y| {
            let (bx, by) = (x / 12, y / 12);
            Luma([if by % 3 == 1 && bx % 3 != 2 { 230 } else { 40 }])
        });
        let plain = GrayImage::from_pixel(192, 192, Luma([128]));
        let everywhere = |_: u32, _: u32| true;
        let table = [
            ("mosaic", &mosaic, true, true, true),
            ("lettering", &lettering, true, false, false),
            ("texture", &texture, false, true, true),
            ("plain", &plain, false, false, false),
        ];
        for (name, img, gridded, stepping, many_tones) in table {
            let grid = PatchGrid::new(img, (0, 0, 192, 192), everywhere).unwrap();
            assert_eq!(
                grid.on_grid() >= MIN_ON_GRID,
                gridded,
                "{name}: {}",
                grid.on_grid()
            );
            if gridded {
                assert_eq!(
                    grid.stepping() >= MIN_STEPPING,
                    stepping,
                    "{name}: {}",
                    grid.stepping()
                );
            }
            assert_eq!(
                grid.two_tones() < TWO_TONES,
                many_tones,
                "{name}: {}",
                grid.two_tones()
            );
        }
    }

    /// Blocks of 8 px in two tones: a pixel font's strokes one block wide (grainy, as a
    /// JPEG leaves it), and mosaics of a dark disc (a flat logo) and of texture, whose
    /// blocks straddling an edge take a tone between.
    #[test]
    fn blocky_lettering_is_told_from_a_mosaic_of_a_flat_shape() {
        let mut rng = fastrand::Rng::with_seed(21);
        let mut grain = move |v: i32| Luma([(v + rng.i32(-12..=12)).clamp(0, 255) as u8]);
        let font = GrayImage::from_fn(192, 192, |x, y| {
            let (bx, by) = (x / 8, y / 8);
            let stem = bx % 4 == 1 && (1..=4).contains(&(by % 6));
            let bar = by % 6 == 1 && (1..=2).contains(&(bx % 4));
            grain(if stem || bar { 20 } else { 225 })
        });
        let blocks = |img: &dyn Fn(u32, u32) -> f32| {
            GrayImage::from_fn(192, 192, |x, y| {
                let (bx, by) = (x / 8 * 8, y / 8 * 8);
                let mut sum = 0.0;
                for dy in 0..8 {
                    for dx in 0..8 {
                        sum += img(bx + dx, by + dy);
                    }
                }
                Luma([(sum / 64.0) as u8])
            })
        };
        let disc = blocks(&|x, y| {
            let (dx, dy) = (x as f32 - 96.0, y as f32 - 96.0);
            if dx * dx + dy * dy < 70.0 * 70.0 {
                30.0
            } else {
                220.0
            }
        });
        let texture =
            blocks(&|x, y| 128.0 + 60.0 * ((x as f32 / 9.0).sin() + (y as f32 / 13.0).cos()));
        let everywhere = |_: u32, _: u32| true;
        for (name, img, lettering) in [
            ("pixel font", &font, true),
            ("mosaic of a disc", &disc, false),
            ("mosaic of texture", &texture, false),
        ] {
            let grid = PatchGrid::new(img, (0, 0, 192, 192), everywhere).unwrap();
            assert_eq!(grid.blocky_lettering(), lettering, "{name}");
        }
    }
}
