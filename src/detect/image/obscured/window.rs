//! Whether a window of 2×2 mosaic tiles looks like a mosaic, from sums of its pixel steps
//! per tile and per pixel line. Two tests, either of which will do:
//! - counts: most pixel pairs flat, and the steps (pairs of [`STEP`] levels or more) lined
//!   up in whole columns and rows;
//! - energy: most of the steps' size on the lines of one regular grid of small blocks.
//!   A JPEG's ringing and a scaled decode turn small blocks' edges into ramps with few
//!   flat pairs between them, which the counts miss; their size still falls on the grid.
//!
//! Both ask for steps of a few grey levels at least, which heavy compression's blocks fall
//! short of. Faint blocks over a smooth part of the photo fall short too; they are judged
//! on wider windows instead (see [`FAINT_WINDOW`]), where the same energy test, with a
//! smaller least step and a stronger contrast, finds them off the JPEG's own grid.

/// Pixel steps: at most `FLAT` is no step, at least `STEP` is a block edge.
const FLAT: u8 = 1;

const STEP: u8 = 3;

/// A pixel difference that is neither flat nor a step.
pub(super) const NEITHER: u8 = 2;
const _: () = assert!(FLAT < NEITHER && NEITHER < STEP);

/// The largest tile side whose lines' sums fit a [`line_entry`]: images up to about
/// 13,000 pixels a side (the check's own are 640 at most).
pub(super) const MAX_MOSAIC_TILE: usize = 256;
const _: () = assert!(MAX_MOSAIC_TILE * 255 < 1 << 16);

/// Tiles per side of the window judged a mosaic or not.
pub(super) const MOSAIC_WINDOW: usize = 2;

/// Counts: a window is a mosaic when this share of its pixel pairs are flat, this share
/// are steps, and the steps line up in whole columns and rows this consistently.
const MOSAIC_FLAT: f32 = 0.4;

const MOSAIC_STEPS: f32 = 0.04;

const MOSAIC_LINED_UP: f32 = 0.6;

/// Counts: mean step (grey levels) between a mosaic's blocks. Heavy JPEG compression
/// leaves blocks too, with small steps between them.
const MOSAIC_MEAN_STEP: f32 = 5.0;

/// Energy: the least share of flat pairs (below it, texture), ...
const GRID_FLAT: f32 = 0.15;

/// ... and what the best grid of a window's steps must show (see [`GridTest`]): blocks of
/// 3–8 detail pixels (larger ones leave flat pairs between them that the counts see), a
/// mean step of 4 grey levels per pixel on its lines, 2.5 times that off them, and at most
/// 0.6 of it on one line (one edge across a plain patch is no grid).
const ENERGY: GridTest = GridTest {
    periods: 3..=8,
    step: 4.0,
    contrast: 2.5,
    one_line: 0.6,
};

/// The longest profile across a window, in pixels: two tiles of a 640-pixel image.
const MAX_PROFILE: usize = 64;

/// Faint blocks (a mosaic over a smooth part of the photo, its blocks a few grey levels
/// apart): too little for the counts' steps or the energy test's least step in a window,
/// but over a window [`FAINT_WINDOW`] tiles a side their edges still hold most of the
/// steps' size, on one grid across and down, while the pairs between them stay flat.
/// Windows of that side are judged a tile pair apart, each for its middle 2×2 tiles.
const FAINT_WINDOW: usize = 4;

/// Faint: the least share of flat pairs (inside blocks, pixels equal their neighbours), ...
const FAINT_FLAT: f32 = 0.5;

/// ... and what the best grid of a window's steps must show (see [`GridTest`]): blocks of
/// 5–16 detail pixels, with at least three lines in a window; a mean step of 1.5 grey
/// levels per pixel on its lines, 4 times that off them, and at most half of it on one
/// line.
const FAINT: GridTest = GridTest {
    periods: 5..=16,
    step: 1.5,
    contrast: 4.0,
    one_line: 0.5,
};

/// A grid within this many pixels of the JPEG's own 8-pixel blocks (as scaled into the
/// detail image) is the compression's: smooth parts of a JPEG are blocky everywhere.
const JPEG_PERIOD_TOLERANCE: f32 = 1.0;

/// Sums of the pixel steps of a tiling's tiles, gathered one pixel row at a time.
pub(super) struct TileSteps {
    /// Tile side in pixels, and tiles across and down.
    t: usize,
    cols: usize,
    rows: usize,
    /// Per tile and per pixel column inside it: its pairs across summed as
    /// [`line_entry`]s; its flat pairs (across and down); the size of its steps (across
    /// and down).
    col_lines: Vec<u32>,
    col_flat: Vec<u32>,
    col_step_sizes: Vec<u32>,
    /// Per tile and per pixel row inside it: its pairs down summed as [`line_entry`]s.
    row_lines: Vec<u32>,
    /// One pixel row's pairs down as [`line_entry`]s, before they are summed per tile.
    downs: Vec<u32>,
}

/// A pixel difference as a term of a line's sum: its size in the low half, whether it is
/// a step in the high half. A tile's line holds at most [`MAX_MOSAIC_TILE`] pairs, so
/// neither half overflows.
fn line_entry(d: u8, step: bool) -> u32 {
    u32::from(d) | u32::from(step) << 16
}

fn size(entry: u32) -> u32 {
    entry & 0xffff
}

fn steps(entry: u32) -> u32 {
    entry >> 16
}

impl TileSteps {
    pub(super) fn new(t: usize, cols: usize, rows: usize) -> TileSteps {
        TileSteps {
            t,
            cols,
            rows,
            col_lines: vec![0; cols * rows * t],
            col_flat: vec![0; cols * rows * t],
            col_step_sizes: vec![0; cols * rows * t],
            row_lines: vec![0; cols * rows * t],
            downs: vec![0; cols * t],
        }
    }

    /// Adds pixel row `y` (below the last tile row: ignored): its differences with the
    /// pixel to the right (`dxs`) and below (`dys`). A difference of [`NEITHER`] counts
    /// as neither flat nor a step.
    #[inline]
    pub(super) fn add_row(&mut self, y: usize, dxs: &[u8], dys: &[u8]) {
        let (t, ty, in_tile) = (self.t, y / self.t, y % self.t);
        if ty >= self.rows {
            return;
        }
        // A tile row's columns lie one after another: pixel column x is entry x of its
        // tile row, so the pixels are summed across the whole row at once.
        let width = self.cols * t;
        let row = ty * width..(ty + 1) * width;
        let columns = self.col_lines[row.clone()]
            .iter_mut()
            .zip(&mut self.col_flat[row.clone()])
            .zip(&mut self.col_step_sizes[row]);
        for ((((col, flat), size), down), (&dx, &dy)) in
            columns.zip(&mut self.downs).zip(dxs.iter().zip(dys))
        {
            let (across, downward) = (dx >= STEP, dy >= STEP);
            *col += line_entry(dx, across);
            *down = line_entry(dy, downward);
            *size += u32::from(dx) * u32::from(across) + u32::from(dy) * u32::from(downward);
            *flat += u32::from(dx <= FLAT) + u32::from(dy <= FLAT);
        }
        for (tx, downs) in self.downs.chunks_exact(t).enumerate() {
            self.row_lines[(ty * self.cols + tx) * t + in_tile] += downs.iter().sum::<u32>();
        }
    }

    /// Which tiles belong to a window that looks like a mosaic, or are the middle of a
    /// wider window of faint blocks. `jpeg_period` is the JPEG's 8-pixel block as scaled
    /// into the image.
    pub(super) fn mosaic_tiles(&self, jpeg_period: f32) -> Vec<bool> {
        let (cols, rows, n) = (self.cols, self.rows, MOSAIC_WINDOW);
        let windows = Windows::new(self);
        let mut mosaic = vec![false; cols * rows];
        for ty in 0..=rows - n {
            for tx in 0..=cols - n {
                if windows.is_mosaic(tx, ty) {
                    for y in ty..ty + n {
                        mosaic[y * cols + tx..y * cols + tx + n].fill(true);
                    }
                }
            }
        }
        let (wide, middle) = (FAINT_WINDOW, (FAINT_WINDOW - n) / 2);
        if cols >= wide && rows >= wide && wide * self.t <= MAX_PROFILE {
            for ty in (0..=rows - wide).step_by(n) {
                for tx in (0..=cols - wide).step_by(n) {
                    if windows.is_faint_mosaic(tx, ty, jpeg_period) {
                        for y in ty + middle..ty + middle + n {
                            let at = y * cols + tx + middle;
                            mosaic[at..at + n].fill(true);
                        }
                    }
                }
            }
        }
        mosaic
    }
}

/// The windows of a tiling, with the sums the energy test reads prepared once.
struct Windows<'a> {
    steps: &'a TileSteps,
    /// Per tile and pixel column, the size of the steps across in it and in the tile
    /// below: a window's profile across is two neighbouring runs of this.
    col_pairs: Vec<u32>,
    /// Per tile and pixel row, the size of the steps down in it and in the tile to the
    /// right.
    row_pairs: Vec<u32>,
    /// Per tile, the size of its steps across and down.
    totals: Vec<(u32, u32)>,
    /// The least size of a window's steps across (and down) that [`ENERGY`]'s least step allows.
    least_total: u32,
    /// Per tile, its flat pixel pairs and the size of its steps.
    flat: Vec<u32>,
    step_sum: Vec<u32>,
}

impl<'a> Windows<'a> {
    fn new(steps: &'a TileSteps) -> Windows<'a> {
        let (t, cols) = (steps.t, steps.cols);
        let (col, row) = (&steps.col_lines, &steps.row_lines);
        let len = MOSAIC_WINDOW * t;
        // On a grid of the largest period looked for, two lines in that many carry steps.
        let periods = (*ENERGY.periods.end()).min(len / 3).max(1);
        Windows {
            steps,
            col_pairs: (0..col.len().saturating_sub(cols * t))
                .map(|j| size(col[j]) + size(col[j + cols * t]))
                .collect(),
            row_pairs: (0..row.len().saturating_sub(t))
                .map(|j| size(row[j]) + size(row[j + t]))
                .collect(),
            totals: col
                .chunks_exact(t)
                .zip(row.chunks_exact(t))
                .map(|(c, r)| {
                    let sum = |lines: &[u32]| lines.iter().map(|&e| size(e)).sum::<u32>();
                    (sum(c), sum(r))
                })
                .collect(),
            least_total: (ENERGY.step * (len * len * 2) as f32 / periods as f32) as u32,
            flat: steps
                .col_flat
                .chunks_exact(t)
                .map(|c| c.iter().sum())
                .collect(),
            step_sum: steps
                .col_step_sizes
                .chunks_exact(t)
                .map(|c| c.iter().sum())
                .collect(),
        }
    }

    /// The sum of `value` over the tiles of the window from (`tx`, `ty`).
    fn sum<T>(&self, per_tile: &[T], tx: usize, ty: usize, value: impl Fn(&T) -> u32) -> u32 {
        let cols = self.steps.cols;
        (ty..ty + MOSAIC_WINDOW)
            .flat_map(|y| &per_tile[y * cols + tx..y * cols + tx + MOSAIC_WINDOW])
            .map(value)
            .sum()
    }

    fn is_mosaic(&self, tx: usize, ty: usize) -> bool {
        let s = self.steps;
        let pairs = 2 * (MOSAIC_WINDOW * s.t).pow(2);
        let flat = self.sum(&self.flat, tx, ty, |&v| v) as f32 / pairs as f32;
        flat >= GRID_FLAT
            && ((flat >= MOSAIC_FLAT && self.counts_say_mosaic(tx, ty))
                || self.energy_says_mosaic(tx, ty))
    }

    /// A window of [`FAINT_WINDOW`] tiles from (`tx`, `ty`): mostly flat pairs, and the
    /// steps' size, however small, on the lines of one grid across and down, not the
    /// JPEG's.
    fn is_faint_mosaic(&self, tx: usize, ty: usize, jpeg_period: f32) -> bool {
        let s = self.steps;
        let (t, cols, n) = (s.t, s.cols, FAINT_WINDOW);
        let tiles = || (ty..ty + n).flat_map(move |y| (tx..tx + n).map(move |x| y * cols + x));
        let flat: u32 = tiles().map(|i| self.flat[i]).sum();
        let len = n * t;
        if (flat as f32) < FAINT_FLAT * (2 * len * len) as f32 {
            return false;
        }
        // A grid looked for has three lines in the window or more (see `on_grid`), each two
        // profile entries but perhaps the last, each entry `len` pairs, at the least mean
        // step: a window whose steps add up to less, across or down, has no such grid.
        let least = (FAINT.step * (5 * len) as f32) as u32;
        let (across_total, down_total) = tiles()
            .map(|i| self.totals[i])
            .fold((0, 0), |(a, d), (ta, td)| (a + ta, d + td));
        if across_total.min(down_total) < least {
            return false;
        }
        let mut across = [0u32; MAX_PROFILE];
        let mut down = [0u32; MAX_PROFILE];
        for b in 0..n {
            for a in 0..n {
                let i = (ty + b) * cols + tx + a;
                for k in 0..t {
                    across[a * t + k] += size(s.col_lines[i * t + k]);
                    down[b * t + k] += size(s.row_lines[i * t + k]);
                }
            }
        }
        let faint = |profile: &[u32]| {
            gridded(profile, &FAINT)
                .is_some_and(|period| (period as f32 - jpeg_period).abs() > JPEG_PERIOD_TOLERANCE)
        };
        faint(&across[..len]) && faint(&down[..len])
    }

    /// Most pixel pairs flat, and the steps lined up in whole columns and rows.
    fn counts_say_mosaic(&self, tx: usize, ty: usize) -> bool {
        let s = self.steps;
        let (t, n) = (s.t, MOSAIC_WINDOW);
        // Enough steps across and down, of the mean size, need at least this sum: most
        // windows of a smooth surface have far less.
        let step_sum = self.sum(&self.step_sum, tx, ty, |&v| v) as f32;
        if step_sum < MOSAIC_MEAN_STEP * MOSAIC_STEPS * (2 * n * n * t * t) as f32 {
            return false;
        }
        let tile = |x: usize, y: usize| (ty + y) * s.cols + tx + x;
        // Per pixel column (row) of the window, its steps over the whole window's height
        // (width): how many, what share of the pairs, and how consistently in whole lines.
        let lined = |lines: &[u32], across: bool| {
            let (mut sum, mut squares) = (0u32, 0u32);
            for a in 0..n {
                for k in 0..t {
                    let line: u32 = (0..n)
                        .map(|b| {
                            let i = if across { tile(a, b) } else { tile(b, a) };
                            steps(lines[i * t + k])
                        })
                        .sum();
                    sum += line;
                    squares += line * line;
                }
            }
            let share = sum as f32 / (n * n * t * t) as f32;
            let consistency = if sum == 0 {
                0.0
            } else {
                squares as f32 / (sum as f32 * (n * t) as f32)
            };
            (sum, share, consistency)
        };
        let (nx, sx, cx) = lined(&s.col_lines, true);
        let (ny, sy, cy) = lined(&s.row_lines, false);
        let mean_step = step_sum / (nx + ny).max(1) as f32;
        sx.min(sy) >= MOSAIC_STEPS && cx.min(cy) >= MOSAIC_LINED_UP && mean_step >= MOSAIC_MEAN_STEP
    }

    /// The steps' size, across and down, on the lines of one regular grid.
    fn energy_says_mosaic(&self, tx: usize, ty: usize) -> bool {
        let (t, cols) = (self.steps.t, self.steps.cols);
        let len = MOSAIC_WINDOW * t;
        let across = self.sum(&self.totals, tx, ty, |e| e.0);
        let down = self.sum(&self.totals, tx, ty, |e| e.1);
        if len > MAX_PROFILE || across.min(down) < self.least_total {
            return false;
        }
        let i = ty * cols + tx;
        if gridded(&self.col_pairs[i * t..(i + 2) * t], &ENERGY).is_none() {
            return false;
        }
        let mut profile = [0u32; MAX_PROFILE];
        let below = i + cols;
        profile[..t].copy_from_slice(&self.row_pairs[i * t..(i + 1) * t]);
        profile[t..len].copy_from_slice(&self.row_pairs[below * t..(below + 1) * t]);
        gridded(&profile[..len], &ENERGY).is_some()
    }
}

/// What a profile's best grid must show: its periods, the least mean step (grey levels per
/// pixel) on its lines, how many times the mean step off them that must be, and the most
/// of it one line may hold.
struct GridTest {
    periods: std::ops::RangeInclusive<usize>,
    step: f32,
    contrast: f32,
    one_line: f32,
}

/// The longest period either test looks for.
const LONGEST_PERIOD: usize = 16;
const _: () = assert!(*ENERGY.periods.end() <= LONGEST_PERIOD);
const _: () = assert!(*FAINT.periods.end() <= LONGEST_PERIOD);

/// The period of the grid whose lines hold a profile of the steps' size per line (over as
/// many pixels as it has lines) as `test` asks, if they do.
fn gridded(profile: &[u32], test: &GridTest) -> Option<usize> {
    let len = profile.len() as f32;
    on_grid::<LONGEST_PERIOD>(profile, test.periods.clone())
        .filter(|g| {
            let (on, off) = (g.on / len, g.off / len);
            on >= test.step && on >= test.contrast * off && g.one_line <= test.one_line
        })
        .map(|g| g.period)
}

/// A profile's steps on and off the lines of a grid.
#[derive(Debug)]
struct OnGrid {
    /// Mean size per line on the grid, and off it.
    on: f32,
    off: f32,
    /// The share of the size on the grid that its largest line holds.
    one_line: f32,
    /// The grid's period.
    period: usize,
}

/// For a profile of the steps' size per pixel line: how it lies on and off its best grid
/// (see [`best_grid`]) of `periods` (at most `N`). `None` for a flat profile or one too
/// short for three lines.
fn on_grid<const N: usize>(
    profile: &[u32],
    periods: std::ops::RangeInclusive<usize>,
) -> Option<OnGrid> {
    let longest = (*periods.end()).min(profile.len() / 3);
    let (_, period, phase) = best_grid::<N>(profile, *periods.start()..=longest)?;
    let total: u32 = profile.iter().sum();
    let (mut on, mut on_lines, mut largest) = (0u32, 0u32, 0u32);
    for start in (phase..profile.len()).step_by(period) {
        let pair = &profile[start..(start + 2).min(profile.len())];
        let sum: u32 = pair.iter().sum();
        (on, on_lines, largest) = (on + sum, on_lines + pair.len() as u32, largest.max(sum));
    }
    let off_lines = profile.len() as u32 - on_lines;
    Some(OnGrid {
        on: on as f32 / on_lines as f32,
        off: (total - on) as f32 / off_lines.max(1) as f32,
        one_line: largest as f32 / on.max(1) as f32,
        period,
    })
}

/// Shares on a grid (see [`best_grid`]) this close are the same fit.
pub(super) const SAME_FIT: f32 = 0.02;

/// The grid (a period among `periods`, at most `N`, and a phase) whose lines, each with
/// the line after it (a block edge between two pixels of a scaled image is a two-pixel
/// ramp), hold the most of `profile` beyond what that period gives by chance: that share
/// (1 for all of it, 0 for chance), the period and the phase. `None` for a flat profile
/// or no period.
pub(super) fn best_grid<const N: usize>(
    profile: &[u32],
    periods: std::ops::RangeInclusive<usize>,
) -> Option<(f32, usize, usize)> {
    let total: u32 = profile.iter().sum();
    if total == 0 {
        return None;
    }
    let mut best: Option<(f32, usize, usize)> = None;
    for period in *periods.start()..=(*periods.end()).min(N) {
        let mut by_phase = [0u32; N];
        for chunk in profile.chunks(period) {
            for (b, &v) in by_phase.iter_mut().zip(chunk) {
                *b += v;
            }
        }
        let (mut on, mut phase) = (by_phase[period - 1] + by_phase[0], period - 1);
        for p in 0..period - 1 {
            if by_phase[p] + by_phase[p + 1] > on {
                (on, phase) = (by_phase[p] + by_phase[p + 1], p);
            }
        }
        let chance = 2.0 / period as f32;
        let beyond = (on as f32 / total as f32 - chance) / (1.0 - chance);
        // A grid of blocks fits every divisor of its period as well: the longest period
        // that fits as well (within a rounding) is the blocks'.
        if best.is_none_or(|b| beyond >= b.0 - SAME_FIT) {
            best = Some((beyond.max(best.map_or(beyond, |b| b.0)), period, phase));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::{ENERGY, gridded, on_grid};

    #[test]
    fn step_sizes_on_and_off_a_grid() {
        let mut rng = fastrand::Rng::with_seed(11);
        // Profiles 18 lines long (a window of a 1024-pixel photo's detail image), each line
        // the size of 18 pixel pairs' steps.
        let blocks = |period: usize, phase: usize, ramp: bool| -> Vec<u32> {
            (0..18)
                .map(|k| match (k + period - phase) % period {
                    0 => 160,
                    1 if ramp => 120,
                    _ => 15,
                })
                .collect()
        };
        let texture: Vec<u32> = (0..18).map(|_| rng.u32(80..240)).collect();
        let mut one_edge = vec![10; 18];
        one_edge[9] = 300;
        let table: [(&str, Vec<u32>, bool); 5] = [
            ("blocks of 4", blocks(4, 1, false), true),
            ("blocks of 4, edges as ramps", blocks(4, 2, true), true),
            ("blocks of 6, edges as ramps", blocks(6, 5, true), true),
            ("texture", texture, false),
            ("one edge across a plain patch", one_edge, false),
        ];
        for (name, profile, want) in table {
            let fit = on_grid::<8>(&profile, ENERGY.periods);
            assert_eq!(
                gridded(&profile, &ENERGY).is_some(),
                want,
                "{name}: {fit:?}"
            );
        }
        assert!(on_grid::<8>(&[0; 18], ENERGY.periods).is_none());
        assert!(
            on_grid::<8>(&[5; 8], ENERGY.periods).is_none(),
            "too short for three lines"
        );
    }
}
