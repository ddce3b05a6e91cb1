//! The tile grid of a detail image: sharpness and mosaic-likeness per tile, absolute
//! Laplacian sums for any box, and the runs of tiles along which a hole's edge may lie.

use image::GrayImage;

use super::window::{MAX_MOSAIC_TILE, MOSAIC_WINDOW, NEITHER, TileSteps};
use super::{MIN_TEXTURE, SHARPNESS_FLOOR};
use crate::detect::image::Window;

/// Tiles per side of the image, about: a region of 1% of the image spans several.
pub(super) const TILES_ACROSS: u32 = 80;

/// The same for the tiles mosaics are judged by: a window of them must hold a few blocks.
pub(super) const MOSAIC_TILES_ACROSS: u32 = 52;

/// How many times sharper the tiles beyond an edge tile must be than it: less than for the
/// whole region, since an edge tile is often partly outside.
pub(super) const EDGE_CONTRAST: f32 = 2.5;

/// How many tiles beyond the ends of its sides' runs a hole's top or bottom is looked for.
pub(super) const REACH: usize = 4;

/// Region size, as a share of the image, and how much of its box a mosaic fills.
pub(super) const MIN_AREA: f32 = 0.006;

pub(super) const MAX_AREA: f32 = 0.3;

pub(super) const MAX_ASPECT: f32 = 4.0;

/// Per-tile measures of an image.
pub(super) struct Grid {
    pub(super) tile: u32,
    pub(super) cols: usize,
    pub(super) rows: usize,
    /// Mean absolute Laplacian per tile.
    pub(super) sharpness: Vec<f32>,
    /// Which tiles of the mosaic tiling belong to a window that looks like a mosaic.
    pub(super) mosaic: Mosaics,
    /// Per tile, the sides it is a hole's edge facing, as bits (see [`Grid::is_edge`]).
    pub(super) edges: Vec<u8>,
    /// Per side, edge tiles facing it counted from the start of each line: along rows
    /// (`rows × (cols + 1)`) for Top and Bottom, down columns (`cols × (rows + 1)`) for
    /// Left and Right.
    edge_counts: [Vec<u16>; 4],
    /// Tile sharpness summed over every box of tiles from the origin: `(rows + 1) × (cols +
    /// 1)`.
    pub(super) tile_sums: Vec<f32>,
    /// Absolute Laplacian per pixel, summed over every box from the origin.
    pub(super) integral: Integral,
}

/// Sums over boxes in O(1): `sums[(y) * (w + 1) + x]` is the sum over `[0, x) × [0, y)`.
pub(super) struct Integral {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) sums: Vec<u32>,
}

impl Integral {
    /// The mean over `r`, or `None` when it is empty or leaves the image.
    pub(super) fn mean(&self, r: Rect) -> Option<f32> {
        if !r.is_inside(self.width, self.height) {
            return None;
        }
        let (x0, y0, x1, y1) = (r.x0 as usize, r.y0 as usize, r.x1 as usize, r.y1 as usize);
        let row = self.width + 1;
        let at = |x: usize, y: usize| i64::from(self.sums[y * row + x]);
        let sum = at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
        Some(sum as f32 / ((x1 - x0) * (y1 - y0)) as f32)
    }

    /// The sums over `span` (rows when `columns`, else columns) up to each line from
    /// `lines.0` to `lines.1` that lies in the image (columns when `columns`, else rows).
    pub(super) fn line_sums(&self, columns: bool, span: (i64, i64), lines: (i64, i64)) -> LineSums {
        let (extent, across) = if columns {
            (self.width as i64, self.height as i64)
        } else {
            (self.height as i64, self.width as i64)
        };
        let (first, last) = (lines.0.max(0), lines.1.min(extent));
        let usable = span.0 >= 0 && span.1 <= across && span.1 > span.0 && first <= last;
        let row = self.width + 1;
        let at = |x: usize, y: usize| i64::from(self.sums[y * row + x]);
        let sums = if usable {
            let (a0, a1) = (span.0 as usize, span.1 as usize);
            (first as usize..=last as usize)
                .map(|p| {
                    if columns {
                        at(p, a1) - at(p, a0)
                    } else {
                        at(a1, p) - at(a0, p)
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        LineSums {
            span,
            usable,
            extent,
            first,
            sums,
        }
    }
}

/// The sums of an [`Integral`] up to each of a range of lines (columns, or rows), over a
/// fixed span across them: the sums of boxes that share that span, two look-ups each.
pub(super) struct LineSums {
    /// The span `[from, to)` along the lines: rows for columns, columns for rows.
    span: (i64, i64),
    /// Whether the span lies inside the image and is not empty, and lines were summed.
    usable: bool,
    /// Lines in the image: its width for columns, its height for rows.
    extent: i64,
    /// The first line summed up to, and per line from it the sum over the lines before it.
    first: i64,
    sums: Vec<i64>,
}

impl LineSums {
    /// The mean over lines `[p0, p1)` and the span, exactly as [`Integral::mean`] takes it
    /// over that box: `None` when it is empty or leaves the image.
    pub(super) fn mean(&self, p0: i64, p1: i64) -> Option<f32> {
        if !self.usable || p0 < 0 || p1 > self.extent || p1 <= p0 {
            return None;
        }
        let at = |p: i64| self.sums[(p - self.first) as usize];
        let sum = at(p1) - at(p0);
        let area = (p1 - p0) as usize * (self.span.1 - self.span.0) as usize;
        Some(sum as f32 / area as f32)
    }
}

/// A box of pixels, `[x0, x1) × [y0, y1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rect {
    pub(super) x0: i64,
    pub(super) y0: i64,
    pub(super) x1: i64,
    pub(super) y1: i64,
}

impl Rect {
    /// Whether the box is not empty and lies inside a `width`×`height` image.
    pub(super) fn is_inside(&self, width: usize, height: usize) -> bool {
        self.x0 >= 0
            && self.y0 >= 0
            && self.x1 <= width as i64
            && self.y1 <= height as i64
            && self.x1 > self.x0
            && self.y1 > self.y0
    }

    /// The band `from..to` pixels out from this box's `side` (negative: in), over the
    /// positions `along` it.
    pub(super) fn band(&self, side: Side, (a0, a1): (i64, i64), from: i64, to: i64) -> Rect {
        let (x0, y0, x1, y1) = match side {
            Side::Left => (self.x0 - to, a0, self.x0 - from, a1),
            Side::Right => (self.x1 + from, a0, self.x1 + to, a1),
            Side::Top => (a0, self.y0 - to, a1, self.y0 - from),
            Side::Bottom => (a0, self.y1 + from, a1, self.y1 + to),
        };
        Rect { x0, y0, x1, y1 }
    }
}

/// A box of tiles, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tiles {
    pub(super) x0: usize,
    pub(super) y0: usize,
    pub(super) x1: usize,
    pub(super) y1: usize,
}

impl Tiles {
    pub(super) fn width(&self) -> usize {
        self.x1 - self.x0 + 1
    }

    pub(super) fn height(&self) -> usize {
        self.y1 - self.y0 + 1
    }

    pub(super) fn area(&self) -> usize {
        self.width() * self.height()
    }
}

/// Connected tiles: their box and which they are.
pub(super) struct Component {
    pub(super) bounds: Tiles,
    pub(super) tiles: Vec<usize>,
}

/// A run of tiles along one column (or row) where a hole's edge is: `at` is the column
/// (row), `from..=to` the rows (columns).
#[derive(Clone, Copy, Debug)]
pub(super) struct Segment {
    pub(super) at: usize,
    pub(super) from: usize,
    pub(super) to: usize,
}

/// The sides of a hole, as directions from a tile inside it to the tiles outside.
#[derive(Clone, Copy, Debug)]
pub(super) enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

pub(super) const SIDES: [Side; 4] = [Side::Left, Side::Right, Side::Top, Side::Bottom];

impl Side {
    /// One tile towards this side.
    fn step(self) -> (isize, isize) {
        match self {
            Side::Left => (-1, 0),
            Side::Right => (1, 0),
            Side::Top => (0, -1),
            Side::Bottom => (0, 1),
        }
    }
}

impl Grid {
    /// The mean sharpness of tiles `x0..=x1` × `y0..=y1`.
    pub(super) fn tile_mean(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> f32 {
        let row = self.cols + 1;
        let at = |x: usize, y: usize| self.tile_sums[y * row + x];
        let sum = at(x1 + 1, y1 + 1) - at(x0, y1 + 1) - at(x1 + 1, y0) + at(x0, y0);
        sum / ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32
    }

    /// `jpeg_period`: the photo's JPEG blocks' side in `img` (see [`TileSteps::mosaic_tiles`]).
    #[allow(clippy::too_many_lines)] // one pass over the pixels gathers every measure
    pub(super) fn new(img: &GrayImage, jpeg_period: f32) -> Option<Grid> {
        let (w, h) = img.dimensions();
        let tile = (w.max(h) / TILES_ACROSS).max(4);
        let (cols, rows) = ((w / tile) as usize, (h / tile) as usize);
        let mt = (w.max(h) / MOSAIC_TILES_ACROSS).max(4);
        let (mcols, mrows) = ((w / mt) as usize, (h / mt) as usize);
        if cols < 8
            || rows < 8
            || mcols < MOSAIC_WINDOW
            || mrows < MOSAIC_WINDOW
            || mt as usize > MAX_MOSAIC_TILE
        {
            return None;
        }
        let (t, m) = (tile as usize, mt as usize);
        let stride = w as usize;
        let px = img.as_raw();
        let mut mosaic_steps = TileSteps::new(m, mcols, mrows);
        let row = w as usize + 1;
        // Grown a row at a time, each zeroed just before it is written: rows 0 and 1 (the
        // first pixel row has no Laplacian) stay zero.
        let mut sums = Vec::with_capacity(row * (h as usize + 1));
        sums.resize(2 * row, 0u32);
        let mut laps = vec![0u16; w as usize];
        let last = w as usize - 1;
        let mut dxs = vec![NEITHER; w as usize];
        let mut dys = vec![NEITHER; w as usize];
        for y in 1..h as usize - 1 {
            let line = &px[y * stride..(y + 1) * stride];
            let up = &px[(y - 1) * stride..y * stride];
            let down = &px[(y + 1) * stride..(y + 2) * stride];
            sums.resize((y + 2) * row, 0);
            let (above, here) = sums.split_at_mut((y + 1) * row);
            let above = &above[y * row..];
            // Laplacians first, in 16 bits (|4·255| at most), a loop the compiler
            // vectorises; then the running sums.
            let centre = line[1..last].iter().zip(&up[1..last]).zip(&down[1..last]);
            let beside = line[..last - 1].iter().zip(&line[2..]);
            for ((lap, ((&c, &u), &d)), (&l, &r)) in
                laps[1..last].iter_mut().zip(centre).zip(beside)
            {
                let [c, u, d, l, r] = [c, u, d, l, r].map(i16::from);
                *lap = (4 * c - l - r - u - d).unsigned_abs();
            }
            let mut running = 0u32;
            let sums_here = here[2..=last].iter_mut().zip(&above[2..=last]);
            for ((sum, &up), &lap) in sums_here.zip(&laps[1..last]) {
                running += u32::from(lap);
                *sum = up + running;
            }
            if y >= mrows * m {
                continue;
            }
            // Steps across and down. The first and last columns have no pair.
            let pairs = line[1..last].iter().zip(&line[2..]).zip(&down[1..last]);
            for ((dx, dy), ((&c, &r), &d)) in
                dxs[1..last].iter_mut().zip(&mut dys[1..last]).zip(pairs)
            {
                *dx = c.abs_diff(r);
                *dy = c.abs_diff(d);
            }
            mosaic_steps.add_row(y, &dxs, &dys);
        }
        let mosaic = mosaic_steps.mosaic_tiles(jpeg_period);
        // The border pixels have no Laplacian: the last column and row repeat the sums.
        let (wu, hu) = (w as usize, h as usize);
        for y in 1..hu {
            sums[y * row + wu] = sums[y * row + wu - 1];
        }
        sums.extend_from_within((hu - 1) * row..hu * row);
        let integral = Integral {
            width: wu,
            height: hu,
            sums,
        };
        // Each tile's mean Laplacian, from the sums: every tile lies inside the image.
        let side = t as i64;
        let sharpness: Vec<f32> = (0..rows as i64)
            .flat_map(|ty| (0..cols as i64).map(move |tx| (tx * side, ty * side)))
            .map(|(x0, y0)| {
                let tile = Rect {
                    x0,
                    y0,
                    x1: x0 + side,
                    y1: y0 + side,
                };
                integral.mean(tile).unwrap_or(0.0)
            })
            .collect();
        let mut tile_sums = vec![0f32; (cols + 1) * (rows + 1)];
        for y in 0..rows {
            let mut running = 0f32;
            for x in 0..cols {
                running += sharpness[y * cols + x];
                tile_sums[(y + 1) * (cols + 1) + x + 1] =
                    tile_sums[y * (cols + 1) + x + 1] + running;
            }
        }
        let mut grid = Grid {
            tile,
            cols,
            rows,
            edges: Vec::new(),
            edge_counts: Default::default(),
            tile_sums,
            sharpness,
            mosaic: Mosaics {
                tiles: Tiling {
                    tile: mt,
                    cols: mcols,
                    rows: mrows,
                },
                flags: mosaic,
            },
            integral,
        };
        grid.edges = (0..rows)
            .flat_map(|y| (0..cols).map(move |x| (x, y)))
            .map(|(x, y)| grid.edge_bits(x, y))
            .collect();
        grid.edge_counts = SIDES.map(|side| grid.count_edges(side));
        Some(grid)
    }

    pub(super) fn at(&self, x: usize, y: usize) -> f32 {
        self.sharpness[y * self.cols + x]
    }

    /// How sharp the texture is just outside tile (x, y) towards `side`: the sharper of
    /// the next two tiles, since the tile straddling a hole's edge is only partly outside.
    pub(super) fn outside(&self, x: usize, y: usize, side: Side) -> f32 {
        let (dx, dy) = side.step();
        (1..=2)
            .filter_map(|k| {
                let nx = x.checked_add_signed(dx * k).filter(|&nx| nx < self.cols)?;
                let ny = y.checked_add_signed(dy * k).filter(|&ny| ny < self.rows)?;
                Some(self.at(nx, ny))
            })
            .fold(0.0, f32::max)
    }

    /// Whether tile (x, y) is on a hole's edge facing `side`: the texture beyond is real
    /// and far sharper than the tile.
    pub(super) fn is_edge(&self, x: usize, y: usize, side: Side) -> bool {
        self.edges[y * self.cols + x] & (1 << side as u8) != 0
    }

    /// Running counts of the edge tiles facing `side` along each line (see
    /// [`Grid::edge_counts`]).
    fn count_edges(&self, side: Side) -> Vec<u16> {
        let along_rows = matches!(side, Side::Top | Side::Bottom);
        let (lines, len) = if along_rows {
            (self.rows, self.cols)
        } else {
            (self.cols, self.rows)
        };
        let mut counts = vec![0u16; lines * (len + 1)];
        for line in 0..lines {
            for k in 0..len {
                let (x, y) = if along_rows { (k, line) } else { (line, k) };
                let at = line * (len + 1) + k;
                counts[at + 1] = counts[at] + u16::from(self.is_edge(x, y, side));
            }
        }
        counts
    }

    /// How many tiles `from..=to` of line `line` (a row for Top and Bottom, a column for
    /// Left and Right) are edges facing `side`.
    pub(super) fn edges_along(&self, side: Side, line: usize, from: usize, to: usize) -> usize {
        let len = if matches!(side, Side::Top | Side::Bottom) {
            self.cols
        } else {
            self.rows
        };
        let counts = &self.edge_counts[side as usize];
        usize::from(counts[line * (len + 1) + to + 1] - counts[line * (len + 1) + from])
    }

    /// Which sides tile (x, y) is an edge facing, as bits (see [`Side`]).
    fn edge_bits(&self, x: usize, y: usize) -> u8 {
        let least = MIN_TEXTURE.max(EDGE_CONTRAST * self.at(x, y).max(SHARPNESS_FLOOR));
        let mut bits = 0;
        for side in SIDES {
            if self.outside(x, y, side) >= least {
                bits |= 1 << side as u8;
            }
        }
        bits
    }

    /// Runs of edge tiles facing `side`, down each column (Left, Right) or along each row
    /// (Top, Bottom), bridging single-tile gaps.
    pub(super) fn segments(&self, side: Side) -> Vec<Segment> {
        let across = matches!(side, Side::Top | Side::Bottom);
        let (lines, len) = if across {
            (self.rows, self.cols)
        } else {
            (self.cols, self.rows)
        };
        let mut found = Vec::new();
        for at in 0..lines {
            let edge = |k: usize| {
                if across {
                    self.is_edge(k, at, side)
                } else {
                    self.is_edge(at, k, side)
                }
            };
            let mut run: Option<(usize, usize)> = None;
            for k in 0..len {
                if edge(k) {
                    run = Some(run.map_or((k, k), |(from, _)| (from, k)));
                } else if let Some((from, to)) = run
                    && k > to + 1
                {
                    if to > from {
                        found.push(Segment { at, from, to });
                    }
                    run = None;
                }
            }
            if let Some((from, to)) = run
                && to > from
            {
                found.push(Segment { at, from, to });
            }
        }
        found
    }

    pub(super) fn tiling(&self) -> Tiling {
        Tiling {
            tile: self.tile,
            cols: self.cols,
            rows: self.rows,
        }
    }
}

/// Tiles of a side, and how many across and down.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tiling {
    pub(super) tile: u32,
    pub(super) cols: usize,
    pub(super) rows: usize,
}

/// The tiles in windows that look like a mosaic, on a tiling of their own.
pub(super) struct Mosaics {
    pub(super) tiles: Tiling,
    pub(super) flags: Vec<bool>,
}

impl Tiling {
    /// Whether a box has the size and shape of an obscured mark, away from the borders.
    pub(super) fn is_compact(&self, b: Tiles) -> bool {
        b.x0 >= 1
            && b.y0 >= 1
            && b.x1 + 2 <= self.cols
            && b.y1 + 2 <= self.rows
            && self.is_mark_sized(b)
    }

    /// Whether a box has the size and shape of an obscured mark, wherever it is.
    pub(super) fn is_mark_sized(&self, b: Tiles) -> bool {
        let (w, h) = (b.width(), b.height());
        let total = (self.cols * self.rows) as f32;
        let area = b.area() as f32;
        w.min(h) >= 2
            && area >= MIN_AREA * total
            && area <= MAX_AREA * total
            && (w.max(h) as f32) <= MAX_ASPECT * w.min(h) as f32
    }

    /// Whether a box `span` tiles between two of its sides, which overlap over `len` tiles,
    /// can pass [`Tiling::is_compact`] once its other two sides are found (at most
    /// [`REACH`] tiles beyond each end of the overlap): a cheap test before finding them.
    pub(super) fn may_close_compact(&self, span: usize, len: usize) -> bool {
        let longest = len + 2 * REACH;
        let total = (self.cols * self.rows) as f32;
        span >= 2
            && span as f32 <= MAX_ASPECT * longest as f32
            && len as f32 <= MAX_ASPECT * span as f32
            && (span * len) as f32 <= MAX_AREA * total
    }

    /// A box in pixels, grown by half a tile on each side: the tiles that straddle the
    /// region's edge are mixed, so rarely part of it.
    pub(super) fn region(&self, b: Tiles) -> Window {
        let t = self.tile;
        let x = (b.x0 as u32 * t).saturating_sub(t / 2);
        let y = (b.y0 as u32 * t).saturating_sub(t / 2);
        (x, y, b.width() as u32 * t + t, b.height() as u32 * t + t)
    }
}

/// 4-connected components of set cells.
pub(super) fn components(mask: &[bool], cols: usize, rows: usize) -> Vec<Component> {
    let mut seen = vec![false; mask.len()];
    let mut found = Vec::new();
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut c = Component {
            bounds: Tiles {
                x0: usize::MAX,
                y0: usize::MAX,
                x1: 0,
                y1: 0,
            },
            tiles: Vec::new(),
        };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % cols, i / cols);
            let b = &mut c.bounds;
            b.x0 = b.x0.min(x);
            b.x1 = b.x1.max(x);
            b.y0 = b.y0.min(y);
            b.y1 = b.y1.max(y);
            c.tiles.push(i);
            let mut visit = |j: usize| {
                if mask[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < cols {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - cols);
            }
            if y + 1 < rows {
                visit(i + cols);
            }
        }
        found.push(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Line sums give what the integral gives box by box, for every box that shares their
    /// span, `None` included: inside, across the image's edges, empty, and with spans that
    /// leave the image.
    #[test]
    fn line_sums_read_the_same_means_as_the_integral() {
        let mut rng = fastrand::Rng::with_seed(11);
        let img = GrayImage::from_fn(97, 61, |_, _| Luma([rng.u8(..)]));
        let grid = Grid::new(&img, 8.0).expect("large enough for a grid");
        let integral = &grid.integral;
        let spans = [(0, 61), (5, 40), (-3, 20), (50, 70), (10, 10), (30, 12)];
        let mut inside = 0;
        for columns in [true, false] {
            for span in spans {
                let lines = (-20, 120);
                let strip = integral.line_sums(columns, span, lines);
                for p0 in lines.0..=lines.1 {
                    for p1 in [p0 - 1, p0, p0 + 1, p0 + 7, p0 + 30] {
                        if !(lines.0..=lines.1).contains(&p1) {
                            continue;
                        }
                        let (x0, x1, y0, y1) = if columns {
                            (p0, p1, span.0, span.1)
                        } else {
                            (span.0, span.1, p0, p1)
                        };
                        let want = integral.mean(Rect { x0, y0, x1, y1 });
                        let got = strip.mean(p0, p1);
                        assert_eq!(
                            got, want,
                            "columns {columns} span {span:?} lines {p0}..{p1}"
                        );
                        inside += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(inside > 500, "{inside} boxes inside the image");
    }
}
