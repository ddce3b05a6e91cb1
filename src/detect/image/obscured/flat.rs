//! Covers of any shape: a box, an ellipse or a brush stroke painted over a mark in one
//! colour (or a gentle gradient, or with a little noise). Such a fill is flatter than
//! anything a camera sees: once its plane is taken out, its pixels vary by about one grey
//! level, where a lit surface, a sky or a backdrop varies by several. So a cover is the one
//! place in the photo that flat, and it is:
//! - enclosed: it barely touches the photo's border (borders, backdrops and collage gaps
//!   run off the edge);
//! - compact and smooth-edged, as a painted shape is: it fills much of its box, and a
//!   closing and an opening of its outline differ by little (a flat patch between leaves
//!   or letters is ragged);
//! - ringed by texture or by a step, not by more of the same surface.
//!
//! A photo with two such places or more (a flat illustration, a collage with gaps) has a
//! flat style of its own and gives nothing.

use image::GrayImage;

use super::{ObscureKind, Obscured};

/// Half the side of the window whose spread says whether a pixel is flat.
const RADIUS: usize = 2;

/// Standard deviation (grey levels) in that window under which a pixel is flat.
const FLAT_SD: u32 = 2;

/// Least and most of the photo a cover takes.
const MIN_AREA: f64 = 0.01;
const MAX_AREA: f64 = 0.3;

/// Residual standard deviation (grey levels, plane taken out) under which a flat place is
/// as flat as paint, and under which another place counts against it.
pub(super) const PAINT_SD: f64 = 1.2;
const OTHER_PAINT_SD: f64 = 1.5;

/// Most of a cover's outline that may lie on the photo's border.
const MAX_ON_BORDER: f64 = 0.15;

/// Least share of its bounding box a cover fills.
const MIN_FILL: f64 = 0.5;

/// Side of the square that closes and opens the outline, and the most area by which the
/// two may differ, as a share of the place's.
const SMOOTHING: usize = 9;
const MAX_RAGGED: f64 = 0.03;

/// Longest piece of a run summed in u32: 255 · 4096² / 2 < 2³².
const PIECE: usize = 4096;

/// The ring around a place: pixels 3 to 7 steps (4-connected) from it.
const RING: (u32, u32) = (3, 7);

/// Least median spread (grey levels) of the ring: texture or a step around the cover.
const MIN_RING_SD: f32 = 6.0;

/// The one place in `img` as flat as paint, if there is exactly one and it looks like a
/// cover. A photo with two such places or more (an illustration, a collage's gaps, cups
/// and tiles) has a flat style of its own.
pub(super) fn find(img: &GrayImage) -> Option<Obscured> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w <= 2 * SMOOTHING || h <= 2 * SMOOTHING {
        return None;
    }
    let least = (MIN_AREA * (w * h) as f64) as u64;
    let flat = flat_pixels(img);
    // Opening only takes pixels away: too few flat pixels in all leave no place.
    if set_pixels(&flat) < least {
        return None;
    }
    let flat = square_filter(flat, w, h, 1, Filter::Open);
    let patches = Patch::label(img, &flat, least);
    let mut painted = patches
        .iter()
        .map(|p| (p, p.residual_sd()))
        .filter(|&(_, sd)| sd < OTHER_PAINT_SD);
    let (patch, sd) = painted.next()?;
    if painted.next().is_some() {
        return None;
    }
    let one = Candidate {
        patch,
        width: w,
        height: h,
    };
    one.cover(img, sd)
}

/// The residual spread, as for a place (see [`Patch::residual_sd`]), of the pixels in
/// `x0..x1` × `y0..y1`.
pub(super) fn box_residual_sd(
    img: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
) -> f64 {
    let w = img.width() as usize;
    let mut patch = Patch::empty();
    for y in y0..y1 {
        patch.add_moments(y, x0, &img.as_raw()[y * w + x0..y * w + x1]);
    }
    patch.residual_sd()
}

/// Whether each pixel is flat: the standard deviation over the `(2 * RADIUS + 1)²` window
/// around it (clipped at the border) is under [`FLAT_SD`]. Exact: `n·Σg² − (Σg)² < (n·sd)²`.
fn flat_pixels(img: &GrayImage) -> Vec<u8> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let px = img.as_raw();
    let row = |y: usize| &px[y * w..(y + 1) * w];
    // Sums down each column's window, kept for the current row and moved a row at a time.
    // A window's grey levels sum to 25 · 255 at most, which 16 bits hold.
    let (mut down, mut down_sq) = (vec![0u16; w], vec![0u32; w]);
    for y in 0..RADIUS.min(h) {
        add_row(&mut down, &mut down_sq, row(y));
    }
    let (mut across, mut across_sq) = (vec![0u16; w], vec![0u32; w]);
    let mut flat = vec![0u8; w * h];
    let limit = FLAT_SD * FLAT_SD;
    let side = 2 * RADIUS + 1;
    for y in 0..h {
        if y + RADIUS < h {
            add_row(&mut down, &mut down_sq, row(y + RADIUS));
        }
        if let Some(r) = y.checked_sub(RADIUS + 1) {
            sub_row(&mut down, &mut down_sq, row(r));
        }
        window_sums(&down, &mut across);
        window_sums(&down_sq, &mut across_sq);
        let tall = (y + RADIUS + 1).min(h) - y.saturating_sub(RADIUS);
        let out = &mut flat[y * w..(y + 1) * w];
        let is_flat = |n: usize, s: u16, q: u32| {
            let n = n as u32;
            n * q < u32::from(s) * u32::from(s) + limit * n * n
        };
        // Whole windows, where `n` is a constant the multiply by which is cheap, then the
        // clipped ones by the photo's sides.
        let inner = RADIUS.min(w)..w.saturating_sub(RADIUS).max(RADIUS.min(w));
        if tall == side {
            let sums = across[inner.clone()].iter().zip(&across_sq[inner.clone()]);
            for (f, (&s, &q)) in out[inner.clone()].iter_mut().zip(sums) {
                *f = u8::from(is_flat(side * side, s, q));
            }
        }
        let (left, right) = if tall == side {
            (0..inner.start, inner.end..w)
        } else {
            (0..w, w..w)
        };
        for x in left.chain(right) {
            let wide = (x + RADIUS + 1).min(w) - x.saturating_sub(RADIUS);
            out[x] = u8::from(is_flat(tall * wide, across[x], across_sq[x]));
        }
    }
    flat
}

/// Adds a row's grey levels and their squares to the column sums. The squares are taken in
/// u16, where they fit, so that the loop vectorises without 32-bit multiplies.
fn add_row(sums: &mut [u16], squares: &mut [u32], row: &[u8]) {
    for ((s, q), &g) in sums.iter_mut().zip(squares.iter_mut()).zip(row) {
        let g = u16::from(g);
        *s += g;
        *q += u32::from(g * g);
    }
}

/// Takes a row back out of the column sums (see [`add_row`]).
fn sub_row(sums: &mut [u16], squares: &mut [u32], row: &[u8]) {
    for ((s, q), &g) in sums.iter_mut().zip(squares.iter_mut()).zip(row) {
        let g = u16::from(g);
        *s -= g;
        *q -= u32::from(g * g);
    }
}

/// `out[x]`: the sum of `v` over `x − RADIUS..=x + RADIUS`, clipped to the slice.
fn window_sums<T>(v: &[T], out: &mut [T])
where
    T: Copy + std::ops::Add<Output = T> + for<'a> std::iter::Sum<&'a T>,
{
    const { assert!(RADIUS == 2, "the inner loop adds five shifted values") };
    let w = v.len();
    let inner = w.saturating_sub(2 * RADIUS);
    // Five shifted slices summed: a loop the compiler vectorises.
    for (k, o) in out[RADIUS.min(w)..].iter_mut().take(inner).enumerate() {
        *o = v[k] + v[k + 1] + v[k + 2] + v[k + 3] + v[k + 4];
    }
    for x in (0..RADIUS.min(w)).chain(RADIUS.max(w - RADIUS.min(w))..w) {
        out[x] = v[x.saturating_sub(RADIUS)..(x + RADIUS + 1).min(w)]
            .iter()
            .sum();
    }
}

/// The standard deviation over the window around pixel `(x, y)`, as [`flat_pixels`]
/// measures it.
fn window_sd(img: &GrayImage, x: usize, y: usize) -> f32 {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let px = img.as_raw();
    let (mut n, mut s, mut q) = (0u32, 0u32, 0u32);
    for yy in y.saturating_sub(RADIUS)..(y + RADIUS + 1).min(h) {
        for &g in &px[yy * w + x.saturating_sub(RADIUS)..yy * w + (x + RADIUS + 1).min(w)] {
            n += 1;
            s += u32::from(g);
            q += u32::from(g) * u32::from(g);
        }
    }
    ((n * q - s * s) as f32).sqrt() / n as f32
}

/// A connected (4-way) flat place: its box, its pixels' moments and its runs.
struct Patch {
    bounds: Bounds,
    n: u64,
    /// Sums of x, y, v, x², xy, y², xv, yv, v² (v the grey level).
    sums: [u64; 9],
    /// Runs of pixels along rows: `(y, x0, x1)`, `x0..x1`.
    runs: Vec<(usize, usize, usize)>,
}

/// A box of pixels, `x0..=x1` × `y0..=y1`.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

impl Patch {
    /// The places of `least` pixels or more among the set pixels of `mask`: runs along
    /// each row, joined (union-find) to the runs they touch in the row above.
    #[allow(clippy::similar_names)] // `roots` and `runs` are read side by side
    fn label(img: &GrayImage, mask: &[u8], least: u64) -> Vec<Patch> {
        let w = img.width() as usize;
        let px = img.as_raw();
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        let mut parent: Vec<usize> = Vec::new();
        let mut above = 0..0;
        for (y, line) in mask.chunks_exact(w).enumerate() {
            let here = runs.len();
            let mut next_above = above.start;
            let mut x = 0;
            while x < w {
                // The mask holds 0 and 1 only: a run starts at a 1 and ends at a 0.
                let Some(start) = memchr::memchr(1, &line[x..]).map(|k| x + k) else {
                    break;
                };
                let end = memchr::memchr(0, &line[start..]).map_or(w, |k| start + k);
                let id = runs.len();
                runs.push((y, start, end));
                parent.push(id);
                // Runs in a row are in order: skip those above that end before this one,
                // join those that start before it ends.
                while next_above < above.end && runs[next_above].2 <= start {
                    next_above += 1;
                }
                let mut k = next_above;
                while k < above.end && runs[k].1 < end {
                    union(&mut parent, k, id);
                    k += 1;
                }
                x = end;
            }
            above = here..runs.len();
        }
        // Sizes first: only places of `least` pixels or more are gathered.
        let roots: Vec<usize> = (0..runs.len())
            .map(|id| find_root(&mut parent, id))
            .collect();
        let mut sizes = vec![0u64; runs.len()];
        for (&root, &(_, x0, x1)) in roots.iter().zip(&runs) {
            sizes[root] += (x1 - x0) as u64;
        }
        let mut by_root: Vec<Option<usize>> = vec![None; runs.len()];
        let mut patches: Vec<Patch> = Vec::new();
        for (&root, &(y, x0, x1)) in roots.iter().zip(&runs) {
            if sizes[root] < least {
                continue;
            }
            let k = *by_root[root].get_or_insert_with(|| {
                patches.push(Patch::empty());
                patches.len() - 1
            });
            patches[k].add_run(y, x0, &px[y * w + x0..y * w + x1]);
        }
        patches
    }

    fn empty() -> Patch {
        Patch {
            bounds: Bounds {
                x0: usize::MAX,
                y0: usize::MAX,
                x1: 0,
                y1: 0,
            },
            n: 0,
            sums: [0; 9],
            runs: Vec::new(),
        }
    }

    /// Adds the run of grey levels `line` starting at `(x0, y)`.
    fn add_run(&mut self, y: usize, x0: usize, line: &[u8]) {
        self.runs.push((y, x0, x0 + line.len()));
        self.add_moments(y, x0, line);
    }

    /// Adds the box and the moments of the run `line` starting at `(x0, y)`.
    fn add_moments(&mut self, y: usize, x0: usize, line: &[u8]) {
        let x1 = x0 + line.len();
        let b = &mut self.bounds;
        b.x0 = b.x0.min(x0);
        b.x1 = b.x1.max(x1 - 1);
        b.y0 = b.y0.min(y);
        b.y1 = b.y1.max(y);
        let (n, x0, y) = (line.len() as u64, x0 as u64, y as u64);
        // Sums of x and x² over x0..x1, in closed form.
        let upto = |m: u64| {
            (
                m * m.saturating_sub(1) / 2,
                m.saturating_sub(1) * m * (2 * m).saturating_sub(1) / 6,
            )
        };
        let (hi, lo) = (upto(x0 + n), upto(x0));
        let (sx, sxx) = (hi.0 - lo.0, hi.1 - lo.1);
        // Summed in pieces whose sums fit in u32, which the compiler vectorises.
        let (mut sv, mut svv, mut skv) = (0u64, 0u64, 0u64);
        for (at, piece) in (0u64..).step_by(PIECE).zip(line.chunks(PIECE)) {
            let (mut s, mut ss, mut ks) = (0u32, 0u32, 0u32);
            for (k, &g) in (0u32..).zip(piece) {
                let v = u32::from(g);
                s += v;
                ss += v * v;
                ks += k * v;
            }
            sv += u64::from(s);
            svv += u64::from(ss);
            skv += u64::from(ks) + at * u64::from(s);
        }
        let terms = [
            sx,
            y * n,
            sv,
            sxx,
            y * sx,
            y * y * n,
            x0 * sv + skv,
            y * sv,
            svv,
        ];
        self.n += n;
        for (sum, term) in self.sums.iter_mut().zip(terms) {
            *sum += term;
        }
    }

    /// Standard deviation of the place's grey levels about their best-fitting plane: how
    /// far from paint it is, gradient allowed.
    fn residual_sd(&self) -> f64 {
        let n = i128::from(self.n);
        let [sx, sy, sv, sxx, sxy, syy, sxv, syv, svv] = self.sums.map(i128::from);
        // n² times the covariances, exact.
        let cov = |sab: i128, sa: i128, sb: i128| (n * sab - sa * sb) as f64;
        let (xx, xy, yy) = (cov(sxx, sx, sx), cov(sxy, sx, sy), cov(syy, sy, sy));
        let (xv, yv, vv) = (cov(sxv, sx, sv), cov(syv, sy, sv), cov(svv, sv, sv));
        let det = xx * yy - xy * xy;
        let explained = if det > 1e-9 * xx * yy {
            (xv * (yy * xv - xy * yv) + yv * (xx * yv - xy * xv)) / det
        } else {
            0.0
        };
        (vv - explained).max(0.0).sqrt() / self.n.max(1) as f64
    }
}

/// Union-find: the root of `id`'s set, halving the path on the way.
fn find_root(parent: &mut [usize], mut id: usize) -> usize {
    while parent[id] != id {
        parent[id] = parent[parent[id]];
        id = parent[id];
    }
    id
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find_root(parent, a), find_root(parent, b));
    parent[a.max(b)] = a.min(b);
}

/// One place in its image.
struct Candidate<'a> {
    patch: &'a Patch,
    width: usize,
    height: usize,
}

impl Candidate<'_> {
    /// The place (of residual spread `sd`) as a cover, if it looks like one.
    fn cover(&self, img: &GrayImage, sd: f64) -> Option<Obscured> {
        let b = self.patch.bounds;
        let (bw, bh) = (b.x1 - b.x0 + 1, b.y1 - b.y0 + 1);
        let area = self.patch.n as f64;
        if sd >= PAINT_SD
            || area > MAX_AREA * (self.width * self.height) as f64
            || area < MIN_FILL * (bw * bh) as f64
            || self.on_border() > MAX_ON_BORDER
            || self.ragged() > MAX_RAGGED
        {
            return None;
        }
        let ring = self.ring_median(img)?;
        (ring >= MIN_RING_SD).then(|| Obscured {
            kind: ObscureKind::Cover,
            region: (b.x0 as u32, b.y0 as u32, bw as u32, bh as u32),
            contrast: ring / sd.max(f64::from(super::SHARPNESS_FLOOR)) as f32,
        })
    }

    /// The place's box grown by `pad` (clipped to the image) and its 0/1 mask there.
    fn mask(&self, pad: usize) -> (Bounds, Vec<u8>) {
        let b = self.patch.bounds;
        let grown = Bounds {
            x0: b.x0.saturating_sub(pad),
            y0: b.y0.saturating_sub(pad),
            x1: (b.x1 + pad).min(self.width - 1),
            y1: (b.y1 + pad).min(self.height - 1),
        };
        let cw = grown.x1 - grown.x0 + 1;
        let mut mask = vec![0u8; cw * (grown.y1 - grown.y0 + 1)];
        for &(y, x0, x1) in &self.patch.runs {
            let row = (y - grown.y0) * cw;
            mask[row + x0 - grown.x0..row + x1 - grown.x0].fill(1);
        }
        (grown, mask)
    }

    /// Share of the outline's pixels (those with a 4-neighbour outside the place, or on
    /// the image's edge) that lie on the image's edge.
    fn on_border(&self) -> f64 {
        let (g, mask) = self.mask(1);
        let cw = g.x1 - g.x0 + 1;
        let set = |x: usize, y: usize| mask[(y - g.y0) * cw + x - g.x0] == 1;
        let (mut outline, mut border) = (0usize, 0usize);
        for &(y, x0, x1) in &self.patch.runs {
            for x in x0..x1 {
                let edge = x == 0 || y == 0 || x + 1 == self.width || y + 1 == self.height;
                if edge || !set(x - 1, y) || !set(x + 1, y) || !set(x, y - 1) || !set(x, y + 1) {
                    outline += 1;
                    border += usize::from(edge);
                }
            }
        }
        border as f64 / outline.max(1) as f64
    }

    /// How far the outline is from smooth: the area its closing by a [`SMOOTHING`] square
    /// gains over its opening, as a share of its own.
    fn ragged(&self) -> f64 {
        let (g, mask) = self.mask(SMOOTHING);
        let (cw, ch) = (g.x1 - g.x0 + 1, g.y1 - g.y0 + 1);
        let r = SMOOTHING / 2;
        let closed = set_pixels(&square_filter(mask.clone(), cw, ch, r, Filter::Close));
        let open = set_pixels(&square_filter(mask, cw, ch, r, Filter::Open));
        (closed as f64 - open as f64) / self.patch.n as f64
    }

    /// The median window spread over the ring [`RING`] around the place, or `None` when
    /// the ring is empty (a place that fills the photo).
    fn ring_median(&self, img: &GrayImage) -> Option<f32> {
        let far = RING.1 as usize;
        let (g, mask) = self.mask(far);
        let (cw, ch) = (g.x1 - g.x0 + 1, g.y1 - g.y0 + 1);
        let mut steps: Vec<u32> = mask
            .iter()
            .map(|&m| if m == 1 { 0 } else { u32::MAX })
            .collect();
        city_block(&mut steps, cw, ch);
        let mut spreads: Vec<f32> = steps
            .iter()
            .enumerate()
            .filter(|&(_, &d)| (RING.0..=RING.1).contains(&d))
            .map(|(j, _)| window_sd(img, j % cw + g.x0, j / cw + g.y0))
            .collect();
        if spreads.is_empty() {
            return None;
        }
        let mid = spreads.len() / 2;
        Some(*spreads.select_nth_unstable_by(mid, f32::total_cmp).1)
    }
}

/// Two passes of the 4-connected (city-block) distance to the zero cells.
fn city_block(d: &mut [u32], w: usize, h: usize) {
    for y in 0..h {
        for x in 0..w {
            let mut v = d[y * w + x];
            if x > 0 {
                v = v.min(d[y * w + x - 1].saturating_add(1));
            }
            if y > 0 {
                v = v.min(d[(y - 1) * w + x].saturating_add(1));
            }
            d[y * w + x] = v;
        }
    }
    for y in (0..h).rev() {
        for x in (0..w).rev() {
            let mut v = d[y * w + x];
            if x + 1 < w {
                v = v.min(d[y * w + x + 1].saturating_add(1));
            }
            if y + 1 < h {
                v = v.min(d[(y + 1) * w + x].saturating_add(1));
            }
            d[y * w + x] = v;
        }
    }
}

#[derive(Clone, Copy)]
enum Filter {
    /// Erosion, then dilation: drops what the square does not fit in.
    Open,
    /// Dilation, then erosion: fills what the square does not fit in.
    Close,
}

/// How many pixels of a 0/1 mask are set.
fn set_pixels(mask: &[u8]) -> u64 {
    mask.iter().map(|&v| u64::from(v)).sum()
}

/// The 0/1 `mask` opened or closed by a `(2r + 1)²` square, outside the image unset: `r`
/// erosions (dilations) by a 3×3 square make one by the larger square. Filtered in place,
/// through one scratch buffer.
fn square_filter(mut mask: Vec<u8>, w: usize, h: usize, r: usize, filter: Filter) -> Vec<u8> {
    let mut rows = vec![0u8; w * h];
    let first_erodes = matches!(filter, Filter::Open);
    for erode in [first_erodes, !first_erodes] {
        for _ in 0..r {
            by_3x3(&mut mask, &mut rows, w, h, erode);
        }
    }
    mask
}

/// Erosion (`erode`) or dilation of a 0/1 mask by a 3×3 square, outside the image unset:
/// across each row into `rows`, then down from `rows` back into `m`.
fn by_3x3(m: &mut [u8], rows: &mut [u8], w: usize, h: usize, erode: bool) {
    let join = |a: u8, b: u8| if erode { a & b } else { a | b };
    for (line, out) in m.chunks_exact(w).zip(rows.chunks_exact_mut(w)) {
        for (k, o) in out[1..w - 1].iter_mut().enumerate() {
            *o = join(join(line[k], line[k + 1]), line[k + 2]);
        }
        let (first, last) = if erode {
            (0, 0)
        } else {
            (line[0] | line[1], line[w - 2] | line[w - 1])
        };
        out[0] = first;
        out[w - 1] = last;
    }
    for y in 0..h {
        let o = &mut m[y * w..(y + 1) * w];
        if erode && (y == 0 || y + 1 == h) {
            o.fill(0);
            continue;
        }
        let above = if y > 0 { y - 1 } else { y };
        let below = if y + 1 < h { y + 1 } else { y };
        let (a, b, c) = (
            &rows[above * w..(above + 1) * w],
            &rows[y * w..(y + 1) * w],
            &rows[below * w..(below + 1) * w],
        );
        for (((o, &a), &b), &c) in o.iter_mut().zip(a).zip(b).zip(c) {
            *o = join(join(a, b), c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::image::Window;
    use image::Luma;

    /// A textured 480×360 photo: slow shapes under fine grain.
    fn textured(seed: u64) -> GrayImage {
        let mut rng = fastrand::Rng::with_seed(seed);
        GrayImage::from_fn(480, 360, |x, y| {
            let shape = 130.0 + 60.0 * (x as f32 / 17.0).sin() * (y as f32 / 23.0).cos();
            Luma([(shape + f32::from(rng.u8(..60)) - 30.0).clamp(0.0, 255.0) as u8])
        })
    }

    /// `photo` with `paint(x, y)` laid over it where `cover(x, y)` (0 to 1) is set.
    fn painted(
        photo: &GrayImage,
        cover: impl Fn(f32, f32) -> f32,
        paint: impl Fn(f32, f32) -> f32,
    ) -> GrayImage {
        GrayImage::from_fn(photo.width(), photo.height(), |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            let a = cover(fx, fy).clamp(0.0, 1.0);
            let under = f32::from(photo.get_pixel(x, y).0[0]);
            Luma([(a * paint(fx, fy) + (1.0 - a) * under).round() as u8])
        })
    }

    /// An ellipse at (cx, cy) with half-axes (rx, ry), its edge softened over `feather` px.
    fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32, feather: f32) -> impl Fn(f32, f32) -> f32 {
        move |x, y| {
            let d = (((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2)).sqrt();
            let inside = (1.0 - d) * rx.min(ry);
            if feather > 0.0 {
                0.5 + inside / feather
            } else {
                f32::from(u8::from(inside >= 0.0))
            }
        }
    }

    #[test]
    fn covers_of_any_shape_are_found_and_flat_places_of_nature_are_not() {
        let photo = textured(3);
        let grey = |_: f32, _: f32| 90.0;
        let mut rng = fastrand::Rng::with_seed(8);
        let noise: Vec<f32> = (0..480 * 360).map(|_| rng.f32() * 3.0 - 1.5).collect();
        let speckled = |x: f32, y: f32| 200.0 + noise[y as usize * 480 + x as usize];
        let gradient = |x: f32, _: f32| 60.0 + x / 8.0;
        let stroke = |x: f32, y: f32| {
            // A thick brush stroke along a gentle curve.
            let mid = 170.0 + 25.0 * ((x - 120.0) / 60.0).sin();
            f32::from(u8::from(
                (120.0..330.0).contains(&x) && (y - mid).abs() < 22.0,
            ))
        };
        let two = |x: f32, y: f32| {
            ellipse(120.0, 120.0, 50.0, 35.0, 0.0)(x, y)
                + ellipse(360.0, 250.0, 50.0, 35.0, 0.0)(x, y)
        };
        let top_band = |_: f32, y: f32| f32::from(u8::from(y < 40.0));
        // A patch whose outline is a saw of 16-pixel teeth, as between leaves.
        let ragged = |x: f32, y: f32| {
            let tooth = (x % 16.0).min(16.0 - x % 16.0);
            f32::from(u8::from(
                (140.0..340.0).contains(&x) && (120.0 + tooth * 2.0..240.0).contains(&y),
            ))
        };
        // A lit ball: flat to the eye, but shaded, not painted.
        let shaded = |x: f32, y: f32| {
            40.0 + 160.0
                * (1.0 - ((x - 240.0).powi(2) + (y - 180.0).powi(2)) / 70.0f32.powi(2)).max(0.0)
        };
        let table: Vec<(&str, GrayImage, Option<Window>)> = vec![
            (
                "hard ellipse",
                painted(&photo, ellipse(240.0, 180.0, 70.0, 45.0, 0.0), grey),
                Some((170, 135, 141, 91)),
            ),
            (
                "feathered ellipse",
                painted(&photo, ellipse(240.0, 180.0, 70.0, 45.0, 5.0), grey),
                Some((170, 135, 141, 91)),
            ),
            (
                "lightly noisy white ellipse",
                painted(&photo, ellipse(150.0, 250.0, 60.0, 40.0, 0.0), speckled),
                Some((90, 210, 121, 81)),
            ),
            (
                "gradient brush stroke",
                painted(&photo, stroke, gradient),
                Some((120, 139, 210, 78)),
            ),
            ("two flat places", painted(&photo, two, grey), None),
            (
                "a band along the border",
                painted(&photo, top_band, grey),
                None,
            ),
            ("a ragged flat patch", painted(&photo, ragged, grey), None),
            (
                "a shaded ball",
                painted(&photo, ellipse(240.0, 180.0, 70.0, 70.0, 0.0), shaded),
                None,
            ),
            ("no cover", photo.clone(), None),
        ];
        for (name, img, want) in table {
            let found = find(&img);
            match (want, found) {
                (None, None) => {}
                (Some((x, y, w, h)), Some(o)) => {
                    assert_eq!(o.kind, ObscureKind::Cover, "{name}");
                    let (fx, fy, fw, fh) = o.region;
                    assert!(
                        fx.abs_diff(x) <= 8
                            && fy.abs_diff(y) <= 8
                            && fw.abs_diff(w) <= 16
                            && fh.abs_diff(h) <= 16,
                        "{name}: {:?}, want about {:?}",
                        o.region,
                        (x, y, w, h)
                    );
                }
                (want, found) => panic!("{name}: want {want:?}, found {found:?}"),
            }
        }
    }

    /// The sliding sums and filters against their definitions, on odd sizes.
    #[test]
    fn flat_pixels_and_square_filters_agree_with_their_definitions() {
        let mut rng = fastrand::Rng::with_seed(2);
        for (w, h) in [(5, 7), (23, 9), (64, 31), (3, 40)] {
            // Patches of one level among noise, so that both answers occur.
            let img = GrayImage::from_fn(w, h, |x, _| {
                Luma([if x % 9 < 5 {
                    100 + rng.u8(..3)
                } else {
                    rng.u8(..)
                }])
            });
            let (wu, hu) = (w as usize, h as usize);
            let flat = flat_pixels(&img);
            for y in 0..hu {
                for x in 0..wu {
                    let want = window_sd(&img, x, y) < FLAT_SD as f32;
                    assert_eq!(flat[y * wu + x] == 1, want, "{w}×{h} at ({x}, {y})");
                }
            }
            for r in 1..=2 {
                let at = |m: &[u8], x: i64, y: i64| {
                    (0..i64::from(w)).contains(&x)
                        && (0..i64::from(h)).contains(&y)
                        && m[y as usize * wu + x as usize] == 1
                };
                let by_definition = |m: &[u8], erode: bool| -> Vec<u8> {
                    let r = r as i64;
                    (0..hu * wu)
                        .map(|i| {
                            let (x, y) = ((i % wu) as i64, (i / wu) as i64);
                            let mut window =
                                (-r..=r).flat_map(|dy| (-r..=r).map(move |dx| (dx, dy)));
                            u8::from(if erode {
                                window.all(|(dx, dy)| at(m, x + dx, y + dy))
                            } else {
                                window.any(|(dx, dy)| at(m, x + dx, y + dy))
                            })
                        })
                        .collect()
                };
                let opened = by_definition(&by_definition(&flat, true), false);
                let closed = by_definition(&by_definition(&flat, false), true);
                assert_eq!(
                    square_filter(flat.clone(), wu, hu, r, Filter::Open),
                    opened,
                    "{w}×{h} open {r}"
                );
                assert_eq!(
                    square_filter(flat.clone(), wu, hu, r, Filter::Close),
                    closed,
                    "{w}×{h} close {r}"
                );
            }
        }
    }

    #[test]
    fn a_plane_leaves_no_residual_and_noise_leaves_its_spread() {
        // Rows far longer than a piece of a run's sums (Σ x·v would overflow u32): levels
        // alternating 100 and 102 about a flat plane spread by 1.
        let long = GrayImage::from_fn(12_000, 3, |x, _| Luma([100 + 2 * (x % 2) as u8]));
        let sd = box_residual_sd(&long, (0, 0, 12_000, 3));
        assert!((sd - 1.0).abs() < 0.01, "{sd}");
        let plane = GrayImage::from_fn(60, 40, |x, y| Luma([(20 + 2 * x + y) as u8]));
        assert!(box_residual_sd(&plane, (0, 0, 60, 40)) < 1e-6);
        let mut rng = fastrand::Rng::with_seed(4);
        let noisy = GrayImage::from_fn(60, 40, |x, y| {
            Luma([(20 + 2 * x + y) as u8 + rng.u8(..2) * 4])
        });
        // Noise of ±2 about its mean: a spread of 2.
        let sd = box_residual_sd(&noisy, (0, 0, 60, 40));
        assert!((sd - 2.0).abs() < 0.1, "{sd}");
    }
}
