//! Blurs and covers: boxes whose every side is a straight step from sharp texture outside
//! to a soft inside, fitted to the pixel; a cover's inside is flat and ends at a line, a
//! blur's keeps the brightness and coarse shapes it softened.

use image::GrayImage;

use super::flat;
use super::grid::{Grid, REACH, Rect, SIDES, Side, Tiles};
use super::mosaic::MOSAIC_INSIDE;
use super::{MIN_CONTRAST, MIN_TEXTURE, ObscureKind, Obscured, SHARPNESS_FLOOR};

/// Pixels inside a hole's edge that may be neither sharp nor soft.
const GAP: usize = 2;

/// Width in pixels of the bands either side of a hole's edge that are compared.
const BAND: i64 = 6;

/// Width in pixels of the ring outside a hole's edge that must be textured: wider than the
/// ringing a JPEG block leaves beside a hard edge.
const RING: i64 = 12;

/// Shortest side of a hole, in pixels: four times the band, so that each quarter of a side
/// can be checked.
const MIN_SIDE: i64 = 4 * BAND;

/// The weakest side of a hole may step by only this share of the full contrast: one side
/// of a logo often meets a smoother part of the product.
const WEAKEST_SIDE: f32 = 0.6;

/// Quarters of a side (of four) along which the ring outside must be textured and step
/// to the inside: on every side but one, three; on that one, for a blur, two (a logo's
/// edge may run along a plain part of the product there).
const FULL_SIDE: usize = 3;

const HALF_SIDE: usize = 2;

/// Least distance from a hole to each border of the image, as a share of the image's side.
const BORDER_MARGIN: f32 = 0.04;

/// Least share of its ring's variation in brightness that a blurred region keeps.
const BLUR_KEEPS: f32 = 0.15;

/// Largest step in mean brightness (grey levels) across a blurred region's edge.
const MAX_BLUR_JUMP: f32 = 50.0;

/// Largest step in mean brightness across the edge of a region blurred to its average,
/// as a share of the ring's standard deviation.
const AVERAGE_JUMP: f32 = 0.5;

/// Standard deviation (grey levels) under which a hole is a cover, not a blur.
const COVER_STD: f32 = 3.0;

/// How far (grey levels) a pixel may be from a cover's colour and still be the cover.
const COVER_TOLERANCE: f32 = 8.0;

/// Share of a cover's side that must leave its colour within `STRAIGHT_WITHIN` pixels of
/// the same place: a JPEG's ringing along a hard edge moves that place by a pixel or two.
const STRAIGHT_SHARE: f32 = 0.8;

const STRAIGHT_WITHIN: u64 = 2;

/// A flat patch's colour runs on past a corner when this share of the strip beyond it has
/// the colour; a cover's may on this many of its eight side ends (where the surface
/// around happens to have its colour), not more.
const RUNS_ON: f32 = 0.8;

const MAX_RUNS_ON: usize = 2;

impl Grid {
    /// Holes: boxes two opposite sides of which (left and right, or top and bottom) are
    /// runs of edge tiles facing out, fitted to the pixel and kept if every side steps.
    pub(super) fn holes(&self, img: &GrayImage) -> Vec<Obscured> {
        let mut boxes: Vec<Tiles> = Vec::new();
        for (first, second) in [(Side::Left, Side::Right), (Side::Top, Side::Bottom)] {
            let (starts, ends) = (self.segments(first), self.segments(second));
            for s in &starts {
                for e in &ends {
                    if e.at <= s.at {
                        continue;
                    }
                    let (from, to) = (s.from.max(e.from), s.to.min(e.to));
                    if to <= from
                        || !self
                            .tiling()
                            .may_close_compact(e.at - s.at + 1, to - from + 1)
                    {
                        continue;
                    }
                    let b = if matches!(first, Side::Left) {
                        self.close_box(s.at, e.at, from, to, true)
                    } else {
                        self.close_box(s.at, e.at, from, to, false)
                    };
                    if self.tiling().is_compact(b) && self.is_soft_inside(b) {
                        boxes.push(b);
                    }
                }
            }
        }
        boxes.sort_unstable_by_key(|b| (b.x0, b.y0, b.x1, b.y1));
        boxes.dedup();
        boxes
            .into_iter()
            .filter_map(|b| self.hole(img, b))
            .collect()
    }

    /// Whether a box of tiles is, on the whole, much softer inside than in the tiles around
    /// it, and than just outside each of its sides (the fit to the pixel asks every side to
    /// step): a cheap test before fitting it to the pixel.
    fn is_soft_inside(&self, b: Tiles) -> bool {
        let inner = if b.width() > 2 && b.height() > 2 {
            self.tile_mean(b.x0 + 1, b.y0 + 1, b.x1 - 1, b.y1 - 1)
        } else {
            self.tile_mean(b.x0, b.y0, b.x1, b.y1)
        };
        let (x0, y0) = (b.x0.saturating_sub(1), b.y0.saturating_sub(1));
        let (x1, y1) = ((b.x1 + 1).min(self.cols - 1), (b.y1 + 1).min(self.rows - 1));
        let outer_area = ((x1 - x0 + 1) * (y1 - y0 + 1) - b.area()) as f32;
        let ring = (self.tile_mean(x0, y0, x1, y1) * ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32
            - self.tile_mean(b.x0, b.y0, b.x1, b.y1) * b.area() as f32)
            / outer_area.max(1.0);
        let soft = inner.max(SHARPNESS_FLOOR) * MIN_CONTRAST / 1.5;
        soft <= ring
            && SIDES
                .into_iter()
                .all(|side| soft <= self.beyond_side(b, side))
    }

    /// The mean sharpness just outside one side of a box of tiles: along the side, the
    /// sharper of the next two tiles out.
    fn beyond_side(&self, b: Tiles, side: Side) -> f32 {
        let (line, span) = match side {
            Side::Left => (b.x0, b.y0..=b.y1),
            Side::Right => (b.x1, b.y0..=b.y1),
            Side::Top => (b.y0, b.x0..=b.x1),
            Side::Bottom => (b.y1, b.x0..=b.x1),
        };
        let across = matches!(side, Side::Top | Side::Bottom);
        let tiles = span.clone().count();
        span.map(|k| {
            let (x, y) = if across { (k, line) } else { (line, k) };
            self.outside(x, y, side)
        })
        .sum::<f32>()
            / tiles as f32
    }

    /// The box between two opposite sides at `start` and `end` (columns when `across`,
    /// else rows) that overlap over `from..=to`: the sides' runs rarely reach the corners,
    /// so the other two sides are the lines near the runs' ends with the most edge tiles
    /// facing out.
    fn close_box(&self, start: usize, end: usize, from: usize, to: usize, across: bool) -> Tiles {
        let (before, after, limit) = if across {
            (Side::Top, Side::Bottom, self.rows)
        } else {
            (Side::Left, Side::Right, self.cols)
        };
        let count = |line: usize, side: Side| self.edges_along(side, line, start, end);
        let first = (from.saturating_sub(REACH)..=from + 1)
            .max_by_key(|&l| (count(l, before), std::cmp::Reverse(from.abs_diff(l))))
            .unwrap_or(from)
            .min(from);
        let last = (to - 1..=(to + REACH).min(limit - 1))
            .max_by_key(|&l| (count(l, after), std::cmp::Reverse(to.abs_diff(l))))
            .unwrap_or(to)
            .max(to);
        if across {
            Tiles {
                x0: start,
                y0: first,
                x1: end,
                y1: last,
            }
        } else {
            Tiles {
                x0: first,
                y0: start,
                x1: last,
                y1: end,
            }
        }
    }

    fn hole(&self, img: &GrayImage, b: Tiles) -> Option<Obscured> {
        let t = i64::from(self.tile);
        let mut r = Rect {
            x0: b.x0 as i64 * t,
            y0: b.y0 as i64 * t,
            x1: (b.x1 as i64 + 1) * t,
            y1: (b.y1 as i64 + 1) * t,
        };
        // Each side to where the sharpness steps most across it; then again, nearby, now
        // that the other sides have moved.
        for reach in [t + 2, t / 2] {
            for side in SIDES {
                r = self.best_position(r, side, reach);
            }
        }
        if r.x1 - r.x0 < MIN_SIDE || r.y1 - r.y0 < MIN_SIDE {
            return None;
        }
        let steps = SIDES.map(|side| self.step(r, side));
        // Every side steps, all three but the weakest by the full contrast.
        let mut ratios = Vec::with_capacity(4);
        let mut partial = None;
        for (side, step) in SIDES.into_iter().zip(steps) {
            let (ratio, outside) = step?;
            let quarters = if outside < MIN_TEXTURE {
                0
            } else {
                self.stepping_quarters(r, side, outside)
            };
            if quarters < HALF_SIDE {
                return None;
            }
            if quarters < FULL_SIDE {
                if partial.is_some() {
                    return None;
                }
                partial = Some(side);
            }
            ratios.push(ratio);
        }
        ratios.sort_by(f32::total_cmp);
        if ratios[0] < MIN_CONTRAST * WEAKEST_SIDE || ratios[1] < MIN_CONTRAST {
            return None;
        }
        let contrast = ratios[1];
        // Away from the borders: a patch against the frame has no ring to judge it by.
        let (iw, ih) = (self.integral.width as f32, self.integral.height as f32);
        let margin = |v: i64, side: f32| v as f32 >= BORDER_MARGIN * side;
        if !margin(r.x0, iw)
            || !margin(r.y0, ih)
            || !margin(iw as i64 - r.x1, iw)
            || !margin(ih as i64 - r.y1, ih)
        {
            return None;
        }
        // A box, not a disc or a blob: its inner corners are as soft as its middle, where a
        // round patch's corners hold the texture around it.
        let (b, g) = (BAND, GAP as i64);
        let corners = [
            (r.x0 + g, r.y0 + g),
            (r.x1 - g - b, r.y0 + g),
            (r.x0 + g, r.y1 - g - b),
            (r.x1 - g - b, r.y1 - g - b),
        ];
        let softest_side = steps.iter().flatten().map(|s| s.1).fold(f32::MAX, f32::min);
        for (x, y) in corners {
            let corner = self.integral.mean(Rect {
                x0: x,
                y0: y,
                x1: x + b,
                y1: y + b,
            })?;
            if corner * MIN_CONTRAST / 1.5 > softest_side {
                return None;
            }
        }
        let region = (
            r.x0 as u32,
            r.y0 as u32,
            (r.x1 - r.x0) as u32,
            (r.y1 - r.y0) as u32,
        );
        let kind = self.kind(img, r, partial)?;
        Some(Obscured {
            kind,
            region,
            contrast,
        })
    }

    /// What hid the patch `r`, or `None` if it is a flat patch of nature or a soft one no
    /// blur made. `partial` is the side along which the ring is plain in places.
    fn kind(&self, img: &GrayImage, r: Rect, partial: Option<Side>) -> Option<ObscureKind> {
        let core = Rect {
            x0: r.x0 + BAND,
            y0: r.y0 + BAND,
            x1: r.x1 - BAND,
            y1: r.y1 - BAND,
        };
        let (colour, spread) = brightness(img, &[core])?;
        if spread < COVER_STD {
            // Flat, but not as flat as paint: a surface or a sky.
            let pixels = [core.x0, core.y0, core.x1, core.y1].map(|v| v as usize);
            if flat::box_residual_sd(img, pixels.into()) >= flat::PAINT_SD {
                return None;
            }
            // A background seen between letters or objects runs on past the box's corners.
            if runs_past_corners(img, r, colour) > MAX_RUNS_ON {
                return None;
            }
            // A cover ends at a straight line: every row (column) leaves its colour at the
            // same pixel, where a flat patch of nature ends along a curve. Where the ring
            // is plain, that line is all there is to show the patch ends there: a shadow
            // or a gap between objects runs on past it.
            let straight = SIDES.map(|side| ends_straight(img, r, side, colour));
            if straight.iter().filter(|&&s| s).count() >= 3
                && partial.is_none_or(|side| straight[side as usize])
            {
                return Some(ObscureKind::Cover);
            }
        }
        // A mosaic's blocks are seen on every side; only a blur keeps the brightness of a
        // plain stretch it runs along.
        if partial.is_none() && spread >= COVER_STD && self.mosaic.gridded_share(r) >= MOSAIC_INSIDE
        {
            return Some(ObscureKind::Mosaic);
        }
        // A blur keeps the brightness it blurred: no step in it across the edge, where
        // a dark gap between bright objects has one.
        let jump = SIDES
            .into_iter()
            .filter_map(|side| brightness_step(img, r, side))
            .fold(0.0, f32::max);
        let ring = ring_std(img, r)?;
        // A blur keeps the coarse shapes it softens: its brightness varies almost as much
        // as the ring's, where a smooth surface or a sky is nearly even. Or it blurred
        // them away, and what is left is the texture's average: the ring's brightness on
        // every side, within a fraction of its spread.
        let kept = spread >= BLUR_KEEPS * ring;
        if jump > MAX_BLUR_JUMP || (!kept && jump > AVERAGE_JUMP * ring) {
            return None;
        }
        Some(ObscureKind::Blur)
    }

    /// How many times sharper the band just outside `r`'s `side` is than the band just
    /// inside it (past a gap a blur's edge may leave half sharp), over `along` (a range of
    /// positions along the side), and how sharp outside is.
    fn step_over(&self, r: Rect, side: Side, along: (i64, i64)) -> Option<(f32, f32)> {
        step_across(|from, to| self.integral.mean(r.band(side, along, from, to)))
    }

    /// Positions along `r`'s `side`, short of the corners.
    fn along(r: Rect, side: Side) -> (i64, i64) {
        match side {
            Side::Left | Side::Right => (r.y0 + BAND, r.y1 - BAND),
            Side::Top | Side::Bottom => (r.x0 + BAND, r.x1 - BAND),
        }
    }

    fn step(&self, r: Rect, side: Side) -> Option<(f32, f32)> {
        self.step_over(r, side, Self::along(r, side))
    }

    /// In how many quarters of `side` the ring outside is textured and steps to the band
    /// inside, or 0 unless that band is soft in every quarter, against the texture outside
    /// the whole side: a straight edge along the whole side, not a contour that meets it
    /// in one place and bends away, nor another object's outline.
    fn stepping_quarters(&self, r: Rect, side: Side, outside: f32) -> usize {
        let (a0, a1) = Self::along(r, side);
        let quarter = (a1 - a0) / 4;
        let (b, g) = (BAND, GAP as i64);
        let range = |q: i64| (a0 + q * quarter, a0 + (q + 1) * quarter);
        let soft = (0..4).all(|q| {
            let inside = self.integral.mean(r.band(side, range(q), -(g + b), -g));
            inside.is_some_and(|i| i * MIN_CONTRAST / 1.5 <= outside)
        });
        if !soft {
            return 0;
        }
        (0..4)
            .filter(|&q| {
                self.step_over(r, side, range(q))
                    .is_some_and(|(ratio, outside)| {
                        ratio >= MIN_CONTRAST / 2.0 && outside >= MIN_TEXTURE
                    })
            })
            .count()
    }

    /// `r` with `side` moved (within `reach` pixels) to where the step across it is
    /// largest. Moving a side leaves the span along it as it is, so the bands at every
    /// position are read off one strip of line sums.
    fn best_position(&self, r: Rect, side: Side, reach: i64) -> Rect {
        let least = MIN_SIDE;
        let moved = |d: i64| {
            let mut m = r;
            match side {
                Side::Left => m.x0 += d,
                Side::Right => m.x1 += d,
                Side::Top => m.y0 += d,
                Side::Bottom => m.y1 += d,
            }
            (m.x1 - m.x0 >= least && m.y1 - m.y0 >= least).then_some(m)
        };
        let along = Self::along(r, side);
        let columns = matches!(side, Side::Left | Side::Right);
        let at = match side {
            Side::Left => r.x0,
            Side::Right => r.x1,
            Side::Top => r.y0,
            Side::Bottom => r.y1,
        };
        // Bands run from `GAP + BAND` inside the side to `RING` outside it.
        let out = RING.max(GAP as i64 + BAND) + reach;
        let strip = self
            .integral
            .line_sums(columns, along, (at - out, at + out));
        (-reach..=reach)
            .filter_map(|d| {
                let m = moved(d)?;
                let (ratio, _) = step_across(|from, to| {
                    let b = m.band(side, along, from, to);
                    if columns {
                        strip.mean(b.x0, b.x1)
                    } else {
                        strip.mean(b.y0, b.y1)
                    }
                })?;
                Some((m, ratio))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(r, |(m, _)| m)
    }
}

/// How many times sharper the ring just outside a side is than the band just inside it
/// (past a gap a blur's edge may leave half sharp), and how sharp outside is, from the
/// mean sharpness of the `band` from `from` to `to` pixels out from the side (negative:
/// in).
fn step_across(band: impl Fn(i64, i64) -> Option<f32>) -> Option<(f32, f32)> {
    let (b, g) = (BAND, GAP as i64);
    // The ring outside in three parts, near to far: texture fills each, where a lone
    // contour (an object's outline, and the ringing JPEG leaves beside it) fills one.
    let part = RING / 3;
    let mut outside = f32::MAX;
    for k in 0..3 {
        outside = outside.min(band(k * part, (k + 1) * part)?);
    }
    let inside = band(-(g + b), -g)?;
    Some((outside / inside.max(SHARPNESS_FLOOR), outside))
}

/// The standard deviation of brightness over the band just outside `r`, corners
/// included.
fn ring_std(img: &GrayImage, r: Rect) -> Option<f32> {
    let b = BAND;
    let across = (r.x0 - b, r.x1 + b);
    let down = (r.y0, r.y1);
    let bands = [
        r.band(Side::Top, across, 0, b),
        r.band(Side::Bottom, across, 0, b),
        r.band(Side::Left, down, 0, b),
        r.band(Side::Right, down, 0, b),
    ];
    Some(brightness(img, &bands)?.1)
}

/// Whether a flat patch of brightness `colour` ends at the same pixel all along `r`'s
/// `side`: scanning out from inside, most rows (columns) leave the colour within
/// [`STRAIGHT_WITHIN`] pixels of the same place.
fn ends_straight(img: &GrayImage, r: Rect, side: Side, colour: f32) -> bool {
    let (a0, a1) = Grid::along(r, side);
    let (w, h) = (i64::from(img.width()), i64::from(img.height()));
    let depth = BAND + GAP as i64;
    let mut ends: Vec<i64> = Vec::new();
    let mut positions = 0;
    for a in a0..a1 {
        positions += 1;
        // From `depth` inside the edge to `BAND` outside it.
        let end = (-depth..BAND).find(|&d| {
            let (x, y) = match side {
                Side::Left => (r.x0 - 1 - d, a),
                Side::Right => (r.x1 + d, a),
                Side::Top => (a, r.y0 - 1 - d),
                Side::Bottom => (a, r.y1 + d),
            };
            x < 0
                || y < 0
                || x >= w
                || y >= h
                || (f32::from(img.get_pixel(x as u32, y as u32).0[0]) - colour).abs()
                    > COVER_TOLERANCE
        });
        if let Some(d) = end {
            ends.push(d);
        }
    }
    if positions == 0 || ends.len() * 2 < positions {
        return false;
    }
    ends.sort_unstable();
    let mid = ends[ends.len() / 2];
    let near = ends
        .iter()
        .filter(|&&d| d.abs_diff(mid) <= STRAIGHT_WITHIN)
        .count();
    near as f32 >= STRAIGHT_SHARE * ends.len() as f32
}

/// How many ends of `r`'s sides its colour runs on past: the strip just inside a side,
/// continued beyond the box's corner (past the width of a blurred edge), is mostly
/// `colour`.
fn runs_past_corners(img: &GrayImage, r: Rect, colour: f32) -> usize {
    let past = BAND + GAP as i64;
    let mut ends = 0;
    for side in SIDES {
        let (a0, a1) = Grid::along(r, side);
        for along in [(a0 - past - BAND, a0 - past), (a1 + past, a1 + past + BAND)] {
            let strip = r.band(side, along, -BAND, 0);
            if !strip.is_inside(img.width() as usize, img.height() as usize) {
                continue;
            }
            let (mut near, mut n) = (0u32, 0u32);
            for y in strip.y0..strip.y1 {
                for x in strip.x0..strip.x1 {
                    let v = f32::from(img.get_pixel(x as u32, y as u32).0[0]);
                    near += u32::from((v - colour).abs() <= COVER_TOLERANCE);
                    n += 1;
                }
            }
            ends += usize::from(near as f32 >= RUNS_ON * n as f32);
        }
    }
    ends
}

/// The difference in mean brightness between the bands just outside and just inside `r`'s
/// `side`.
fn brightness_step(img: &GrayImage, r: Rect, side: Side) -> Option<f32> {
    let along = Grid::along(r, side);
    let (b, g) = (BAND, GAP as i64);
    let outside = brightness(img, &[r.band(side, along, 0, b)])?.0;
    let inside = brightness(img, &[r.band(side, along, -(g + b), -g)])?.0;
    Some((outside - inside).abs())
}

/// The mean and standard deviation of brightness over `boxes`, or `None` when one is empty
/// or leaves the image.
fn brightness(img: &GrayImage, boxes: &[Rect]) -> Option<(f32, f32)> {
    let (mut sum, mut squares, mut n) = (0f64, 0f64, 0f64);
    for r in boxes {
        if !r.is_inside(img.width() as usize, img.height() as usize) {
            return None;
        }
        for y in r.y0..r.y1 {
            for x in r.x0..r.x1 {
                let v = f64::from(img.get_pixel(x as u32, y as u32).0[0]);
                sum += v;
                squares += v * v;
                n += 1.0;
            }
        }
    }
    let mean = sum / n;
    Some((
        mean as f32,
        (squares / n - mean * mean).max(0.0).sqrt() as f32,
    ))
}
