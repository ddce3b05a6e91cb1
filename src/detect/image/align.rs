//! Copies that a global hash misses — cropped, turned a few degrees, with a caption over
//! part of the photo — found by aligning. A reference keeps a 16×16 thumbnail and a 63-bit
//! code of its lowest frequencies, which moves little under such edits. A listing image
//! whose code is near a reference's is checked by searching the crop, scale and rotation
//! that best lines the reference's thumbnail up with it, and matches only if the two then
//! correlate strongly.

use image::GrayImage;

pub use crate::model::Thumb;

use super::cells::{FINE, largest_group, spread_within};
use super::hidden::{self, Hidden, Suspect};

/// Side of a reference thumbnail.
const SIDE: usize = 16;

/// Sharpness is kept in a byte as the mean absolute Laplacian times this.
pub(super) const SHARP_SCALE: f32 = 4.0;

/// Codes up to this far apart are checked by alignment.
pub const CODE_RADIUS: u32 = 30;
/// At most this many references, most alike first, are aligned per listing image (and
/// as many again for its parts).
pub const MAX_CANDIDATES: usize = 2;
/// Correlation after alignment at or above which an image is a copy.
pub const MIN_CORRELATION: f32 = 0.92;

impl Thumb {
    /// The thumbnail of a border-trimmed image, `None` when it is under 16 pixels a side.
    pub fn of(luma: &GrayImage) -> Option<Thumb> {
        let (w, h) = luma.dimensions();
        if w < SIDE as u32 || h < SIDE as u32 {
            return None;
        }
        Some(Thumb::of_plane(&Plane::new(luma), Some(luma)))
    }

    /// The thumbnail of the image `plane` was made from; given that image as `sharp`, its
    /// sharpness map too (only references need one).
    fn of_plane(plane: &Plane, sharp: Option<&GrayImage>) -> Thumb {
        let (w, h) = (plane.w as u32, plane.h as u32);
        let layout = Layout::of(plane);
        let fine = plane.fine_cells(|mean| mean as u8);
        let sharp = sharp.map_or_else(Vec::new, |luma| {
            Plane::sharpness(luma, (0, 0, luma.width(), luma.height()))
                .fine_cells(|mean| (mean * SHARP_SCALE).round().min(255.0) as u8)
        });
        let [(code, mask), (top, top_mask), (bottom, bottom_mask)] =
            layout.coded().map(|cells| low_code_and_mask(&cells));
        Thumb {
            code,
            band_codes: [top, bottom],
            masks: [mask, top_mask, bottom_mask],
            cells: layout.cells.to_vec(),
            fine,
            sharp,
            aspect_milli: (w * 1000 / h).max(1),
            studio: false,
        }
    }
}

/// The 16×16 cells a thumbnail and a query are coded by.
struct Layout {
    /// The whole plane's, all but its bottom band's and all but its top band's.
    bands: [[f32; SIDE * SIDE]; 3],
    /// The whole plane's as a thumbnail keeps them, in whole grey levels.
    cells: [u8; SIDE * SIDE],
}

impl Layout {
    fn of(plane: &Plane) -> Layout {
        let bands = [
            plane.cells(0.0, 1.0),
            plane.cells(0.0, 1.0 - BAND),
            plane.cells(BAND, 1.0),
        ];
        Layout {
            cells: bands[0].map(|v| v as u8),
            bands,
        }
    }

    /// What the whole and band codes are taken of: the whole's kept cells, and the bands.
    fn coded(&self) -> [[f32; SIDE * SIDE]; 3] {
        [self.cells.map(f32::from), self.bands[1], self.bands[2]]
    }
}

/// A reference's codes and steady-bit masks, packed for scanning every reference.
#[derive(Clone, Copy, Debug)]
pub struct Codes {
    /// Whole image, without its bottom band, without its top band.
    bits: [u64; 3],
    masks: [u64; 3],
    /// How many steady bits each mask has.
    steady: [u32; 3],
}

impl Codes {
    pub fn of(thumb: &Thumb) -> Codes {
        Codes {
            bits: [thumb.code, thumb.band_codes[0], thumb.band_codes[1]],
            masks: thumb.masks,
            steady: thumb.masks.map(u64::count_ones),
        }
    }
}

/// A listing image prepared for alignment: a smoothed plane and its code.
#[derive(Clone, Debug)]
pub struct Query {
    plane: Plane,
    /// The part (x, y, width, height) of the image it was made from that it reads.
    window: (u32, u32, u32, u32),
    /// Its 16×16 cells, as a reference's thumbnail keeps them.
    cells: [u8; SIDE * SIDE],
    /// Its whole and band codes, as a reference's, and its mirror image's.
    codes: [u64; 3],
    mirror_codes: [u64; 3],
    /// The thumbnail's cells less their mean, scaled to unit length; and its mirror
    /// image's.
    centred: [[f32; SIDE * SIDE]; 2],
    /// A region the check on the image alone found obscured, confirmed as hidden where
    /// the reference it copies has detail (see [`Query::suspect`]).
    suspect: Option<Suspect>,
}

impl Query {
    /// Prepares a border-trimmed image; `None` when it is too small.
    pub fn new(luma: &GrayImage) -> Option<Query> {
        let (w, h) = luma.dimensions();
        Query::of_window(luma, (0, 0, w, h))
    }

    /// As [`Query::new`], for the part of `luma` in a window (x, y, width, height), read
    /// in place rather than copied out.
    pub(crate) fn of_window(luma: &GrayImage, (x, y, w, h): (u32, u32, u32, u32)) -> Option<Query> {
        if w < SIDE as u32 || h < SIDE as u32 {
            return None;
        }
        let plane = Plane::window(luma, (x, y, w, h));
        let layout = Layout::of(&plane);
        let ours = layout.cells;
        let codes = layout.coded().map(|cells| low_code(&cells));
        let mirror_codes = layout.bands.map(|band| low_code(&flip(&band)));
        let centre = |mirrored: bool| {
            let mut cells = [0f32; SIDE * SIDE];
            for (c, &v) in cells.iter_mut().zip(&ours) {
                *c = f32::from(v);
            }
            if mirrored {
                cells = flip(&cells);
            }
            let mean = cells.iter().sum::<f32>() / cells.len() as f32;
            let norm = cells
                .iter()
                .map(|c| (c - mean) * (c - mean))
                .sum::<f32>()
                .sqrt();
            for c in &mut cells {
                *c = if norm > 1e-3 { (*c - mean) / norm } else { 0.0 };
            }
            cells
        };
        Some(Query {
            plane,
            window: (x, y, w, h),
            centred: [centre(false), centre(true)],
            cells: ours,
            codes,
            mirror_codes,
            suspect: None,
        })
    }

    /// Names a region of this image (how it was obscured; x0, y0, x1, y1 as fractions of
    /// its width and height) that the check on the image alone found: when this image
    /// copies a reference, the part of it under the region is hidden if it has detail.
    pub fn suspect(&mut self, suspect: Suspect) -> &mut Query {
        self.suspect = Some(suspect);
        self
    }

    /// The correlation of `reference`'s cells with this image's, unaligned (whole frames,
    /// no turn): a cheap first ranking of candidates.
    pub fn quick_correlation(&self, reference: &Thumb, mirrored: bool) -> f32 {
        let ours = &self.centred[usize::from(mirrored)];
        // Eight lanes each, for vector instructions.
        let (mut dot, mut sum, mut squares) = ([0f32; 8], [0f32; 8], [0f32; 8]);
        for (r, c) in reference.cells.chunks_exact(8).zip(ours.chunks_exact(8)) {
            for i in 0..8 {
                let r = f32::from(r[i]);
                dot[i] += r * c[i];
                sum[i] += r;
                squares[i] += r * r;
            }
        }
        let (dot, sum, squares): (f32, f32, f32) =
            (dot.iter().sum(), sum.iter().sum(), squares.iter().sum());
        let spread = squares - sum * sum / (SIDE * SIDE) as f32;
        if spread <= 1e-3 {
            0.0
        } else {
            dot / spread.sqrt()
        }
    }

    /// As [`Query::quick_correlation`], once the compact patch that fits worst is left out
    /// (a sticker or a cover over part of a copy); 0 when there is none.
    pub fn quick_correlation_without_patch(&self, reference: &Thumb, mirrored: bool) -> f32 {
        let mut q = [0f32; SIDE * SIDE];
        for (c, &v) in q.iter_mut().zip(&self.cells) {
            *c = f32::from(v);
        }
        if mirrored {
            q = flip(&q);
        }
        let mut r = [0f32; SIDE * SIDE];
        for (c, &v) in r.iter_mut().zip(&reference.cells) {
            *c = f32::from(v);
        }
        let Some(grown) = worst_patch(&r, &q) else {
            return 0.0;
        };
        if grown.iter().filter(|&&p| p).count() as f32 > MAX_PATCH * (SIDE * SIDE) as f32 {
            return 0.0;
        }
        let kept: Vec<(f32, f32)> = (0..SIDE * SIDE)
            .filter(|&i| !grown[i])
            .map(|i| (r[i], q[i]))
            .collect();
        pearson(&kept)
    }

    /// How near `reference`'s codes are to this image's, straight or mirrored: the nearest
    /// of the whole image's and, with `bands`, the two band codes (a caption changes the
    /// first, not the others), scaled to 63 bits; and whether that was the mirror image.
    /// `None` beyond `radius`.
    pub fn code_distance(
        &self,
        reference: &Codes,
        bands: bool,
        radius: u32,
    ) -> Option<(u32, bool)> {
        let kinds = if bands { 3 } else { 1 };
        let mut best: Option<(u32, bool)> = None;
        for (i, (&straight, &flipped)) in self
            .codes
            .iter()
            .zip(&self.mirror_codes)
            .take(kinds)
            .enumerate()
        {
            for (mirrored, code) in [(false, straight), (true, flipped)] {
                let differ = ((code ^ reference.bits[i]) & reference.masks[i]).count_ones();
                // ⌊differ · 63 / steady⌋ ≤ radius, without dividing.
                if differ * 63 < (radius + 1) * reference.steady[i] {
                    let d = differ * 63 / reference.steady[i].max(1);
                    if best.is_none_or(|b| d < b.0) {
                        best = Some((d, mirrored));
                    }
                }
            }
        }
        best
    }

    /// The best correlation of `reference` with this image over crops of up to 18% of
    /// the reference's height, rotations of up to 5 degrees, and its mirror image if
    /// `mirrored`: a coarse search on every other cell, then a finer one around the best
    /// pose on all cells, the last leaving out the fifth of cells that fit worst (where a
    /// caption or a sticker covers the photo).
    pub fn correlation(&self, reference: &Thumb, mirrored: bool) -> f32 {
        self.align_copy(reference, mirrored).0
    }

    /// The layout correlation of [`Query::correlation`], with the pose that gives it.
    fn align(&self, reference: &Thumb, mirrored: bool) -> (f32, Pose) {
        let coarse = Cells::Sparse;
        let mut best = (f32::MIN, Pose::default());
        let mut runner_up = best;
        let ref_aspect = reference.aspect_milli as f32 / 1000.0;
        // Every other placement first (and the last, at the far edge): an unrelated photo
        // that fits none of them well is left there; a copy fits its neighbours nearly as
        // well as its own placement, and the rest of the grid is then searched too.
        let on_lattice = |step: i32, steps: i32| step % 2 == 0 || step == steps;
        for first in [true, false] {
            for size in [1.0f32, 0.94, 0.88, 0.82] {
                // The part of the reference's width this image would show.
                let width = size * self.aspect() / ref_aspect;
                let (slack_x, slack_y) = ((1.0 - width).max(0.0), 1.0 - size);
                let (steps_x, steps_y) = (
                    (slack_x / 0.03).round() as i32,
                    (slack_y / 0.03).round() as i32,
                );
                for sy in 0..=steps_y {
                    for sx in 0..=steps_x {
                        if (on_lattice(sx, steps_x) && on_lattice(sy, steps_y)) != first {
                            continue;
                        }
                        for angle in [-3.0f32, 0.0, 3.0] {
                            let pose = Pose {
                                cx: width.min(1.0) / 2.0
                                    + slack_x * sx as f32 / steps_x.max(1) as f32,
                                cy: size / 2.0 + slack_y * sy as f32 / steps_y.max(1) as f32,
                                size,
                                angle,
                            };
                            let r = self.score(reference, &pose, mirrored, coarse);
                            if r > best.0 {
                                runner_up = best;
                                best = (r, pose);
                            } else if r > runner_up.0 {
                                runner_up = (r, pose);
                            }
                        }
                    }
                }
            }
            // A layout that fits with no detail that does is a photo that merely shares
            // it: 16×16 cells tolerate the half step a placement may be off by.
            if first
                && (best.0 < UNRELATED
                    || self.detail_of(Detail::Coarse, reference, &best.1, mirrored, &[])
                        < UNRELATED_DETAIL)
            {
                return best;
            }
        }
        // Turned a little more, about the two best placements.
        for start in [best.1, runner_up.1] {
            for angle in [-1.5f32, 1.5] {
                let pose = Pose {
                    angle: start.angle + angle,
                    ..start
                };
                let r = self.score(reference, &pose, mirrored, coarse);
                if r > best.0 {
                    best = (r, pose);
                }
            }
        }
        if best.0 < PROMISING {
            return best;
        }
        best.0 = self.score(reference, &best.1, mirrored, Cells::Dense);
        let mut step = (0.012f32, 0.03f32, 1.0f32);
        for round in 0..3 {
            // A pose that one round of refining on every cell leaves unpromising is no
            // copy's: copies in the evaluations score 0.84 and up after it.
            if round > 0 && best.0 < PROMISING {
                break;
            }
            best = if round == 0 {
                self.refine_on_grid(reference, mirrored, best, step)
            } else {
                self.refine_by_pattern(reference, mirrored, best, step)
            };
            step = (step.0 / 2.0, step.1 / 2.0, step.2 / 2.0);
        }
        (
            self.score(reference, &best.1, mirrored, Cells::BandsOut),
            best.1,
        )
    }

    /// Every pose one step (of `step`: position, size, angle) or none from `best`'s along
    /// each axis at once: 81 poses, for the first round, when the coarse pose may be off
    /// along several axes together.
    fn refine_on_grid(
        &self,
        reference: &Thumb,
        mirrored: bool,
        mut best: (f32, Pose),
        step: (f32, f32, f32),
    ) -> (f32, Pose) {
        let start = best.1;
        for dsize in [-step.1, 0.0, step.1] {
            for dy in [-step.0, 0.0, step.0] {
                for dx in [-step.0, 0.0, step.0] {
                    for da in [-step.2, 0.0, step.2] {
                        let pose = start.moved(dx, dy, dsize, da);
                        let r = self.score(reference, &pose, mirrored, Cells::Dense);
                        if r > best.0 {
                            best = (r, pose);
                        }
                    }
                }
            }
        }
        best
    }

    /// One step along one axis at a time, kept when it gains, until none gains: about a
    /// tenth of the grid's poses, for the finer rounds, which start near the best pose.
    fn refine_by_pattern(
        &self,
        reference: &Thumb,
        mirrored: bool,
        mut best: (f32, Pose),
        (shift, resize, turn): (f32, f32, f32),
    ) -> (f32, Pose) {
        for _ in 0..MAX_MOVES {
            let start = best.1;
            let mut moved = false;
            for (dx, dy, dsize, da) in [
                (shift, 0.0, 0.0, 0.0),
                (-shift, 0.0, 0.0, 0.0),
                (0.0, shift, 0.0, 0.0),
                (0.0, -shift, 0.0, 0.0),
                (0.0, 0.0, resize, 0.0),
                (0.0, 0.0, -resize, 0.0),
                (0.0, 0.0, 0.0, turn),
                (0.0, 0.0, 0.0, -turn),
            ] {
                let pose = start.moved(dx, dy, dsize, da);
                let r = self.score(reference, &pose, mirrored, Cells::Dense);
                if r > best.0 {
                    best = (r, pose);
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        best
    }

    /// As [`Query::align`], with a correlation of 0 for a layout that lines up while its
    /// detail does not: product shots share a layout (an object in the middle of a plain
    /// backdrop), so the detail must line up too.
    fn align_copy(&self, reference: &Thumb, mirrored: bool) -> (f32, Pose) {
        let (layout, pose) = self.align(reference, mirrored);
        if layout >= MIN_CORRELATION && self.detail(reference, &pose, mirrored, &[]) < MIN_DETAIL {
            return (0.0, pose);
        }
        (layout, pose)
    }

    /// The correlation of `reference` with this image, as [`Query::correlation`], and the
    /// part of the reference it hides if it is a copy (as [`Query::hidden`]), from one
    /// alignment. A patch over part of a photo (a cover over a logo, a sticker) changes
    /// enough of it to fail the whole-photo test: a candidate is then a copy when, away from
    /// the one compact patch that fits worst, it correlates as a copy must, in layout and in
    /// detail, and that correlation is the one returned. `luma` is the image this query was
    /// made from.
    pub fn compare(
        &self,
        luma: &GrayImage,
        reference: &Thumb,
        mirrored: bool,
    ) -> (f32, Option<Hidden>) {
        let (correlation, pose) = self.align(reference, mirrored);
        if correlation >= MIN_CORRELATION
            && self.detail(reference, &pose, mirrored, &[]) >= MIN_DETAIL
        {
            // It lines up (its layout correlation is above `LINED_UP`): compare cell by cell.
            return (
                correlation,
                self.hidden_at(luma, reference, &pose, mirrored),
            );
        }
        // A layout that lines up with detail that does not is no copy at all.
        let not_a_copy = (
            if correlation >= MIN_CORRELATION {
                0.0
            } else {
                correlation
            },
            None,
        );
        // The pose that fits best with the patch in may be a crop that avoids it, or, where
        // the patch outweighs the rest, no fit at all: most copies show the whole photo.
        let whole = Pose {
            cx: 0.5,
            cy: 0.5,
            size: 1.0,
            angle: 0.0,
        };
        let fitted = (correlation >= PATCHED_LAYOUT).then_some(pose);
        let wp = fitted
            .into_iter()
            .chain([whole])
            .filter_map(|p| {
                self.without_patch(reference, &p, mirrored)
                    .map(|(c, m)| (c, m, p))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let pose = wp.as_ref().map_or(pose, |w| w.2);
        let wp = wp.map(|(c, m, _)| (c, m));
        let Some((outside, patch)) = wp else {
            return not_a_copy;
        };
        if outside < MIN_CORRELATION || self.detail(reference, &pose, mirrored, &patch) < MIN_DETAIL
        {
            return not_a_copy;
        }
        (outside, self.hidden_at(luma, reference, &pose, mirrored))
    }

    /// The correlation of `reference`'s 16×16 cells with this image at `pose` once the
    /// one compact patch that fits worst is left out, and that patch (the cells, grown by
    /// one all round). `None` when nothing fits badly or the patch is too large to be a
    /// sticker or a hidden mark.
    fn without_patch(
        &self,
        reference: &Thumb,
        pose: &Pose,
        mirrored: bool,
    ) -> Option<(f32, Vec<bool>)> {
        let mut r = [f32::NAN; SIDE * SIDE];
        let mut q = [f32::NAN; SIDE * SIDE];
        self.sample(
            &self.plane,
            reference,
            pose,
            mirrored,
            (SIDE, 1),
            |i, v, _| {
                r[i] = f32::from(reference.cells[i]);
                q[i] = v;
            },
        );
        let inside = q.iter().filter(|v| !v.is_nan()).count();
        if inside * 4 < SIDE * SIDE * 3 {
            return None;
        }
        let grown = worst_patch(&r, &q)?;
        let patched = grown.iter().filter(|&&p| p).count();
        if patched as f32 > MAX_PATCH * inside as f32 {
            return None;
        }
        let kept: Vec<(f32, f32)> = (0..SIDE * SIDE)
            .filter(|&i| !grown[i] && !q[i].is_nan())
            .map(|i| (r[i], q[i]))
            .collect();
        Some((pearson(&kept).max(spearman(&kept)), grown))
    }

    /// The part of `reference` that this image, a copy of it (straight or `mirrored`),
    /// hides: where the reference has detail and the copy, once lined up, has little.
    /// `None` when the copy does not line up well enough to be compared cell by cell;
    /// `Some(None)` when it was compared and hides nothing. `luma` is the image this query
    /// was made from.
    pub fn hidden(
        &self,
        luma: &GrayImage,
        reference: &Thumb,
        mirrored: bool,
    ) -> Option<Option<Hidden>> {
        let (_, pose) = self.align_copy(reference, mirrored);
        // Only a copy that lines up well is compared cell by cell: elsewhere (a photo in a
        // collage, squeezed to a square) cells are off by a fraction and detail seems lost.
        if self.score(reference, &pose, mirrored, Cells::BandsOut) < LINED_UP {
            return None;
        }
        Some(self.hidden_at(luma, reference, &pose, mirrored))
    }

    fn hidden_at(
        &self,
        luma: &GrayImage,
        reference: &Thumb,
        pose: &Pose,
        mirrored: bool,
    ) -> Option<Hidden> {
        let pose = *pose;
        // Sharpness is read only here, for the few images that copy a reference.
        let sharpness = Plane::sharpness(luma, self.window);
        let cells = FINE * FINE;
        let mut sharp = vec![f32::NAN; cells];
        let mut mean = vec![f32::NAN; cells];
        let mut at = vec![(f32::NAN, f32::NAN); cells];
        self.sample(
            &sharpness,
            reference,
            &pose,
            mirrored,
            (FINE, 1),
            |i, v, xy| {
                sharp[i] = v * SHARP_SCALE;
                at[i] = xy;
            },
        );
        self.sample(
            &self.plane,
            reference,
            &pose,
            mirrored,
            (FINE, 1),
            |i, v, _| {
                mean[i] = v;
            },
        );
        let half = (
            0.5 * reference.aspect_milli as f32
                / 1000.0
                / (FINE as f32 * pose.size * self.aspect()),
            0.5 / (FINE as f32 * pose.size),
        );
        hidden::compare(reference, &sharp, &mean, &at, half, self.suspect)
    }

    /// Correlation of fine detail — each of 32×32 cells less the mean of its neighbours —
    /// between the reference and this image at `pose`, over the cells not in a caption
    /// band if that fits better, and never over `left_out` (16×16 cells; empty for none).
    fn detail(&self, reference: &Thumb, pose: &Pose, mirrored: bool, left_out: &[bool]) -> f32 {
        // A small image (a photo in a collage, decoded small) has no 32×32 detail to
        // compare: the 16×16 cells serve.
        let cells = if self.plane.w.min(self.plane.h) >= 2 * FINE {
            Detail::Fine
        } else {
            Detail::Coarse
        };
        self.detail_of(cells, reference, pose, mirrored, left_out)
    }

    /// As [`Query::detail`], of the reference's 16×16 cells or its 32×32.
    fn detail_of(
        &self,
        cells: Detail,
        reference: &Thumb,
        pose: &Pose,
        mirrored: bool,
        left_out: &[bool],
    ) -> f32 {
        let (side, cells) = match cells {
            Detail::Fine => (FINE, &reference.fine[..]),
            Detail::Coarse => (SIDE, &reference.cells[..]),
        };
        // The query's cells where the pose puts the reference's, NaN outside.
        let mut q = vec![f32::NAN; side * side];
        let mut ys = vec![0f32; side * side];
        self.sample(
            &self.plane,
            reference,
            pose,
            mirrored,
            (side, 1),
            |i, v, (_, y)| {
                q[i] = v;
                ys[i] = y;
            },
        );
        let r: Vec<f32> = cells.iter().map(|&v| f32::from(v)).collect();
        let high_pass = |img: &[f32], x: usize, y: usize| {
            let mut sum = 0f32;
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] {
                sum += img[ny * side + nx];
            }
            img[y * side + x] - sum / 4.0
        };
        let mut pairs = Vec::with_capacity(side * side);
        let mut rows = Vec::with_capacity(side * side);
        // A cell's high pass reads its four neighbours: none may be left out.
        let out = |x: usize, y: usize| left_out[y * SIDE / side * SIDE + x * SIDE / side];
        let skipped = |x: usize, y: usize| {
            !left_out.is_empty()
                && (out(x, y) || out(x - 1, y) || out(x + 1, y) || out(x, y - 1) || out(x, y + 1))
        };
        for y in 1..side - 1 {
            for x in 1..side - 1 {
                let hq = high_pass(&q, x, y);
                if hq.is_nan() || skipped(x, y) {
                    continue;
                }
                pairs.push((high_pass(&r, x, y), hq));
                rows.push(ys[y * side + x]);
            }
        }
        if pairs.len() < (side - 2) * (side - 2) / 2 {
            return 0.0;
        }
        let without = |keep: &dyn Fn(f32) -> bool| {
            let kept: Vec<(f32, f32)> = pairs
                .iter()
                .zip(&rows)
                .filter(|(_, y)| keep(**y))
                .map(|(p, _)| *p)
                .collect();
            if kept.len() * 2 < pairs.len() {
                f32::MIN
            } else {
                spearman(&kept)
            }
        };
        spearman(&pairs)
            .max(without(&|y| y < 1.0 - BAND))
            .max(without(&|y| y >= BAND))
    }

    /// Samples `plane` (of this image) where `pose` puts the centres of a reference's
    /// `side`×`side` cells (every `stride`-th across and down), each averaged over the
    /// cell's footprint, and calls `found(cell index, mean, (x, y))` for those that fall
    /// inside (x and y as fractions of this image's width and height).
    fn sample(
        &self,
        plane: &Plane,
        reference: &Thumb,
        pose: &Pose,
        mirrored: bool,
        (side, stride): (usize, usize),
        mut found: impl FnMut(usize, f32, (f32, f32)),
    ) {
        let (ref_aspect, aspect) = (reference.aspect_milli as f32 / 1000.0, self.aspect());
        let (half_x, half_y) = (
            0.5 * ref_aspect / (side as f32 * pose.size * aspect),
            0.5 / (side as f32 * pose.size),
        );
        let projection = Projection::new(pose, mirrored, ref_aspect, aspect, side, stride);
        for cy in (0..side).step_by(stride) {
            let row = projection.row(cy);
            for cx in (0..side).step_by(stride) {
                if let Some((x, y)) = projection.at(cx, row) {
                    let mean = plane.box_mean(x - half_x, y - half_y, x + half_x, y + half_y);
                    found(cy * side + cx, mean, (x, y));
                }
            }
        }
    }

    /// Width over height.
    fn aspect(&self) -> f32 {
        self.plane.w as f32 / self.plane.h as f32
    }

    /// Correlation of the reference's cells with this image's pixels where the pose puts
    /// them; cells that fall outside this image are left out (most must fall inside).
    #[allow(clippy::many_single_char_names)] // u, v, x, y, q: coordinates and a sample
    fn score(&self, reference: &Thumb, pose: &Pose, mirrored: bool, cells: Cells) -> f32 {
        let mut pairs = [(0f32, 0f32); SIDE * SIDE];
        // Where in this image (top to bottom) each pair lies, for leaving out bands.
        let mut rows = [0f32; SIDE * SIDE];
        let mut count = 0;
        let stride = if cells == Cells::Sparse { 2 } else { 1 };
        self.sample(
            &self.plane,
            reference,
            pose,
            mirrored,
            (SIDE, stride),
            |i, q, (_, y)| {
                pairs[count] = (f32::from(reference.cells[i]), q);
                rows[count] = y;
                count += 1;
            },
        );
        let n = count;
        if n * 4 < SIDE * SIDE / (stride * stride) * 3 {
            return f32::MIN;
        }
        let pairs = &pairs[..n];
        let rows = &rows[..n];
        if cells != Cells::BandsOut {
            // All cells, all but the bottom band, all but the top band: in one pass.
            let mut sums = [Moments::default(); 3];
            for (&(r, q), &y) in pairs.iter().zip(rows) {
                sums[0].add(r, q);
                if y < 1.0 - BAND {
                    sums[1].add(r, q);
                }
                if y >= BAND {
                    sums[2].add(r, q);
                }
            }
            return sums
                .iter()
                .filter(|m| m.n * 2.0 >= n as f32)
                .map(Moments::correlation)
                .fold(f32::MIN, f32::max);
        }
        let correlate = |p: &[(f32, f32)]| pearson(p).max(spearman(p));
        // A caption or banner across the top or the bottom: the rest must still fit.
        let without = |keep: &dyn Fn(f32) -> bool| {
            let kept: Vec<(f32, f32)> = (0..n)
                .filter(|&i| keep(rows[i]))
                .map(|i| pairs[i])
                .collect();
            if kept.len() * 2 < n {
                f32::MIN
            } else {
                correlate(&kept)
            }
        };
        correlate(pairs)
            .max(without(&|y| y < 1.0 - BAND))
            .max(without(&|y| y >= BAND))
    }
}

/// A coarse score on every other placement under which the photo is taken for unrelated
/// and the rest of the placements are not tried. Every copy that lines up in the image and
/// obscured-copy evaluations (0.8 or more once refined) scores 0.78 or more there, and a
/// copy with a patch over it is found as before; a third of the candidates the image
/// evaluation aligns score under this.
const UNRELATED: f32 = 0.5;

/// Detail correlation (of 16×16 cells) at the best of the placements a coarse score tries
/// first, under which the photo is taken for unrelated. Copies score 0.34 and more there
/// in the image evaluation and half the other candidates it aligns under 0.02; copies with
/// a patch over them score less, and the one with a matched copy lost to this among the
/// 840 copies of the obscured-copy evaluation's dev part scored between 0.1 and 0.15.
const UNRELATED_DETAIL: f32 = 0.2;

/// Most moves of the pattern search in one round of refining.
const MAX_MOVES: usize = 4;

/// Correlation once aligned under which a copy is not compared cell by cell for a hidden
/// part.
const LINED_UP: f32 = 0.85;

/// Layout correlation once aligned from which a candidate may be a copy with a patch over
/// it: a dark cover over 15% of a pale, low-contrast photo takes it down to about 0.4.
const PATCHED_LAYOUT: f32 = 0.3;

/// Correlation of fine detail, once aligned, below which a layout match is not a copy.
const MIN_DETAIL: f32 = 0.5;

/// Height of a caption band left out, as a share of the image.
const BAND: f32 = 0.22;

/// A coarse score at or above which a pose is worth refining: copies in the evaluation
/// score 0.86 and up, and four in five unrelated candidates score under 0.6.
const PROMISING: f32 = 0.8;

/// Which of a reference's cells a score uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cells {
    /// Every other cell across and down, and the same without a band at the top or the
    /// bottom, the best.
    Sparse,
    /// Every cell, and the same without a band at the top or the bottom, the best.
    Dense,
    /// As `Dense`, each by linear and by rank correlation, the best.
    BandsOut,
}

/// Which of a reference's cells fine detail is compared on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    /// The 16×16 cells of its layout.
    Coarse,
    /// Its 32×32 cells.
    Fine,
}

/// 16×16 cells flipped left to right.
fn flip(cells: &[f32; SIDE * SIDE]) -> [f32; SIDE * SIDE] {
    let mut out = [0f32; SIDE * SIDE];
    for (i, v) in out.iter_mut().enumerate() {
        let (x, y) = (i % SIDE, i / SIDE);
        *v = cells[y * SIDE + (SIDE - 1 - x)];
    }
    out
}

/// The largest share of a copy's 16×16 cells that a patch over it may take and leave the
/// rest to be compared: a hidden region of 15% of the photo, with the cells it covers in
/// part.
const MAX_PATCH: f32 = 0.3;

/// A cell fits badly when it is off the fit of the copy's cells to the reference's by this
/// many times the typical cell's misfit, and by this many grey levels at least.
const MISFIT: f32 = 4.0;
const LEAST_MISFIT: f32 = 8.0;

/// The largest 4-connected patch of 16×16 cells (NaN in `q`: outside the copy)
/// where the copy `q` is far off its linear fit to the reference `r`, as a mask. The fit is made on
/// the three quarters of cells that fit best, twice, so that the patch does not pull it.
fn worst_patch(r: &[f32; SIDE * SIDE], q: &[f32; SIDE * SIDE]) -> Option<Vec<bool>> {
    let mut valid = [0usize; SIDE * SIDE];
    let mut count = 0;
    for (i, v) in q.iter().enumerate() {
        if !v.is_nan() {
            valid[count] = i;
            count += 1;
        }
    }
    let valid = &valid[..count];
    let fit = |cells: &[usize]| {
        let n = cells.len() as f32;
        let (mr, mq) = cells
            .iter()
            .fold((0f32, 0f32), |(a, b), &i| (a + r[i] / n, b + q[i] / n));
        let (cov, var) = cells.iter().fold((0f32, 0f32), |(c, v), &i| {
            (c + (r[i] - mr) * (q[i] - mq), v + (r[i] - mr) * (r[i] - mr))
        });
        let slope = if var > 1e-3 { cov / var } else { 0.0 };
        move |i: usize| (q[i] - (mq + slope * (r[i] - mr))).abs()
    };
    // The `k`-th smallest of `values`.
    let nth = |values: &mut [f32], k: usize| *values.select_nth_unstable_by(k, f32::total_cmp).1;
    let mut misfit = fit(valid);
    let (mut off, mut sorted, mut best) =
        ([0f32; SIDE * SIDE], [0f32; SIDE * SIDE], valid.to_vec());
    for _ in 0..2 {
        for (k, &i) in valid.iter().enumerate() {
            off[i] = misfit(i);
            sorted[k] = off[i];
        }
        let bound = nth(&mut sorted[..count], count * 3 / 4);
        best.clear();
        best.extend(valid.iter().copied().filter(|&i| off[i] < bound));
        misfit = fit(&best);
    }
    for (k, &i) in valid.iter().enumerate() {
        sorted[k] = misfit(i);
    }
    let typical = nth(&mut sorted[..count], count / 2);
    let least = (MISFIT * typical).max(LEAST_MISFIT);
    let mut bad = [false; SIDE * SIDE];
    let mut partly = [false; SIDE * SIDE];
    for &i in valid {
        bad[i] = misfit(i) > least;
        partly[i] = misfit(i) > least / 2.0;
    }
    let core = largest_group(&bad, SIDE).filter(|g| g.len() >= 2)?;
    // Cells the patch covers in part (its feathered or anti-aliased edge) fit less badly.
    Some(spread_within(&core, &partly, SIDE))
}

/// Running sums for a Pearson correlation.
#[derive(Clone, Copy, Debug, Default)]
struct Moments {
    n: f32,
    r: f32,
    q: f32,
    rr: f32,
    qq: f32,
    rq: f32,
}

impl Moments {
    fn add(&mut self, r: f32, q: f32) {
        self.n += 1.0;
        self.r += r;
        self.q += q;
        self.rr += r * r;
        self.qq += q * q;
        self.rq += r * q;
    }

    fn correlation(&self) -> f32 {
        let cov = self.rq - self.r * self.q / self.n;
        let var = (self.rr - self.r * self.r / self.n) * (self.qq - self.q * self.q / self.n);
        if var <= 1e-3 { 0.0 } else { cov / var.sqrt() }
    }
}

/// Rank correlation: what a monotone change of tones (contrast pushed until highlights
/// clip, a gamma curve) leaves as it was.
fn spearman(pairs: &[(f32, f32)]) -> f32 {
    let ranks = |key: fn(&(f32, f32)) -> f32| {
        // Each value beside its position, so that sorting compares them in place.
        let mut order: Vec<(f32, u32)> = (0..pairs.len())
            .map(|i| (key(&pairs[i]), i as u32))
            .collect();
        order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let mut rank = vec![0f32; pairs.len()];
        for (r, &(_, i)) in order.iter().enumerate() {
            rank[i as usize] = r as f32;
        }
        rank
    };
    let (a, b) = (ranks(|p| p.0), ranks(|p| p.1));
    let ranked: Vec<(f32, f32)> = a.into_iter().zip(b).collect();
    pearson(&ranked)
}

fn pearson(pairs: &[(f32, f32)]) -> f32 {
    let n = pairs.len() as f32;
    let (sr, sq) = pairs
        .iter()
        .fold((0f32, 0f32), |(a, b), p| (a + p.0, b + p.1));
    let (mr, mq) = (sr / n, sq / n);
    let (mut cov, mut vr, mut vq) = (0f32, 0f32, 0f32);
    for &(r, q) in pairs {
        cov += (r - mr) * (q - mq);
        vr += (r - mr) * (r - mr);
        vq += (q - mq) * (q - mq);
    }
    if vr * vq <= 1e-3 {
        return 0.0;
    }
    cov / (vr * vq).sqrt()
}

/// Which part of the reference a listing image shows: centre and size (fractions of the
/// reference) and the turn in degrees.
#[derive(Clone, Copy, Debug, Default)]
struct Pose {
    cx: f32,
    cy: f32,
    size: f32,
    angle: f32,
}

impl Pose {
    /// This pose moved by `dx`, `dy` (fractions of the reference), `dsize` and `da`
    /// (degrees); never more than a little larger than the whole image.
    fn moved(&self, dx: f32, dy: f32, dsize: f32, da: f32) -> Pose {
        Pose {
            cx: self.cx + dx,
            cy: self.cy + dy,
            size: (self.size + dsize).min(1.05),
            angle: self.angle + da,
        }
    }
}

/// Where a pose puts the centres of a reference's `side`×`side` cells in a listing image
/// of `aspect`, as fractions of its width and height. The offset from the pose's centre,
/// in reference heights, is turned and then scaled into the listing image; each column's
/// and each row's share of the turned offset is worked out once.
struct Projection {
    /// Per column: cos·dx and sin·dx, dx its offset across.
    columns: [(f32, f32); FINE],
    side: usize,
    sin_cos: (f32, f32),
    centre_y: f32,
    /// The pose's size across in the listing image (its size times the image's aspect),
    /// and down.
    scale: (f32, f32),
}

impl Projection {
    fn new(
        pose: &Pose,
        mirrored: bool,
        ref_aspect: f32,
        aspect: f32,
        side: usize,
        stride: usize,
    ) -> Projection {
        debug_assert!(side <= FINE);
        let (sin, cos) = pose.angle.to_radians().sin_cos();
        let mut columns = [(0f32, 0f32); FINE];
        for cx in (0..side).step_by(stride) {
            let u = (cx as f32 + 0.5) / side as f32;
            let u = if mirrored { 1.0 - u } else { u };
            let dx = (u - pose.cx) * ref_aspect;
            columns[cx] = (cos * dx, sin * dx);
        }
        Projection {
            columns,
            side,
            sin_cos: (sin, cos),
            centre_y: pose.cy,
            scale: (pose.size * aspect, pose.size),
        }
    }

    /// Row `cy`'s share: sin·dy and cos·dy, dy its offset down.
    fn row(&self, cy: usize) -> (f32, f32) {
        let dy = (cy as f32 + 0.5) / self.side as f32 - self.centre_y;
        (self.sin_cos.0 * dy, self.sin_cos.1 * dy)
    }

    /// Where the centre of cell (`cx`, the row of `row`) falls; `None` outside the image.
    fn at(&self, cx: usize, row: (f32, f32)) -> Option<(f32, f32)> {
        let column = self.columns[cx];
        // Turned: x' = cos·dx − sin·dy, y' = sin·dx + cos·dy.
        let x = 0.5 + (column.0 - row.0) / self.scale.0;
        let y = 0.5 + (column.1 + row.1) / self.scale.1;
        ((0.0..1.0).contains(&x) && (0.0..1.0).contains(&y)).then_some((x, y))
    }
}

/// A summed-area table, for box means anywhere in the image.
#[derive(Clone, Debug)]
struct Plane {
    w: usize,
    h: usize,
    sums: Vec<f32>,
}

impl Plane {
    fn new(luma: &GrayImage) -> Plane {
        Plane::window(luma, (0, 0, luma.width(), luma.height()))
    }

    /// The plane of the part of `luma` in a window (x, y, width, height).
    fn window(luma: &GrayImage, (x0, y0, w, h): (u32, u32, u32, u32)) -> Plane {
        let stride = luma.width() as usize;
        let (x0, y0) = (x0 as usize, y0 as usize);
        let raw = luma.as_raw();
        Plane::of(w as usize, h as usize, |x, y| {
            f32::from(raw[(y0 + y) * stride + x0 + x])
        })
    }

    /// The absolute Laplacian of the part of `luma` in a window (x, y, width, height): 0 on
    /// the window's outermost pixels.
    fn sharpness(luma: &GrayImage, (x0, y0, w, h): (u32, u32, u32, u32)) -> Plane {
        let stride = luma.width() as usize;
        let (x0, y0, w, h) = (x0 as usize, y0 as usize, w as usize, h as usize);
        let raw = luma.as_raw();
        let px = |x: usize, y: usize| i32::from(raw[(y0 + y) * stride + x0 + x]);
        Plane::of(w, h, |x, y| {
            if x == 0 || y == 0 || x + 1 == w || y + 1 == h {
                return 0.0;
            }
            let lap = 4 * px(x, y) - px(x - 1, y) - px(x + 1, y) - px(x, y - 1) - px(x, y + 1);
            lap.unsigned_abs() as f32
        })
    }

    fn of(w: usize, h: usize, value: impl Fn(usize, usize) -> f32) -> Plane {
        let mut sums = vec![0f32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0f32;
            for x in 0..w {
                row += value(x, y);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        Plane { w, h, sums }
    }

    /// Means of 32×32 cells, each through `to_byte`.
    fn fine_cells(&self, to_byte: impl Fn(f32) -> u8) -> Vec<u8> {
        let n = FINE as f32;
        (0..FINE * FINE)
            .map(|i| {
                let (cx, cy) = ((i % FINE) as f32, (i / FINE) as f32);
                to_byte(self.box_mean(cx / n, cy / n, (cx + 1.0) / n, (cy + 1.0) / n))
            })
            .collect()
    }

    /// Means of 16×16 cells over the rows from `top` to `bottom` (fractions of the height).
    fn cells(&self, top: f32, bottom: f32) -> [f32; SIDE * SIDE] {
        let mut cells = [0f32; SIDE * SIDE];
        let n = SIDE as f32;
        let height = bottom - top;
        for (i, c) in cells.iter_mut().enumerate() {
            let (cx, cy) = ((i % SIDE) as f32, (i / SIDE) as f32);
            *c = self.box_mean(
                cx / n,
                top + cy / n * height,
                (cx + 1.0) / n,
                top + (cy + 1.0) / n * height,
            );
        }
        cells
    }

    /// Mean over the box between normalised corners, clamped to the image.
    fn box_mean(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
        // `as` truncates; adding a half first rounds (values are never far below 0).
        // Through u32, which converts in fewer instructions than usize and saturates the
        // same way under `min(n)`.
        let px = |v: f32, n: usize| (((v * n as f32 + 0.5).max(0.0) as u32) as usize).min(n);
        let (ax, ay) = (px(x0, self.w), px(y0, self.h));
        let bx = px(x1, self.w).max(ax + 1).min(self.w);
        let by = px(y1, self.h).max(ay + 1).min(self.h);
        let (ax, ay) = (ax.min(bx - 1), ay.min(by - 1));
        let s = |x: usize, y: usize| self.sums[y * (self.w + 1) + x];
        let total = s(bx, by) - s(ax, by) - s(bx, ay) + s(ax, ay);
        total / ((bx - ax) * (by - ay)) as f32
    }
}

/// DCT-II basis rows 0..8 over 16 cells.
static LOW_BASIS: std::sync::LazyLock<[[f32; SIDE]; 8]> = std::sync::LazyLock::new(|| {
    let mut basis = [[0f32; SIDE]; 8];
    for (k, row) in basis.iter_mut().enumerate() {
        for (n, v) in row.iter_mut().enumerate() {
            *v = (std::f32::consts::PI * (2 * n + 1) as f32 * k as f32 / (2 * SIDE) as f32).cos();
        }
    }
    basis
});

/// Signs of the 8×8 lowest DCT frequencies of 16×16 cells, but the constant one.
fn low_code(cells: &[f32; SIDE * SIDE]) -> u64 {
    low_code_and_mask(cells).0
}

/// The code, and a mask of its steady bits: the three quarters of coefficients furthest
/// from the median, which a small change of the image does not flip.
fn low_code_and_mask(cells: &[f32; SIDE * SIDE]) -> (u64, u64) {
    let basis = |k: usize, n: usize| LOW_BASIS[k][n];
    let mut rows = [[0f32; 8]; SIDE];
    for (y, row) in rows.iter_mut().enumerate() {
        for (k, v) in row.iter_mut().enumerate() {
            *v = (0..SIDE).map(|x| basis(k, x) * cells[y * SIDE + x]).sum();
        }
    }
    let mut coeffs = [0f32; 63];
    let mut i = 0;
    for u in 0..8 {
        for v in 0..8 {
            if u + v == 0 {
                continue;
            }
            coeffs[i] = rows
                .iter()
                .enumerate()
                .map(|(y, row)| basis(u, y) * row[v])
                .sum();
            i += 1;
        }
    }
    let mut sorted = coeffs;
    sorted.sort_unstable_by(f32::total_cmp);
    let median = sorted[31];
    let code = coeffs.iter().enumerate().fold(
        0u64,
        |acc, (i, &c)| if c > median { acc | 1 << i } else { acc },
    );
    let mut margins = coeffs.map(|c| (c - median).abs());
    margins.sort_unstable_by(f32::total_cmp);
    let steady = margins[63 / 4];
    let mask = coeffs.iter().enumerate().fold(0u64, |acc, (i, &c)| {
        if (c - median).abs() >= steady {
            acc | 1 << i
        } else {
            acc
        }
    });
    (code, mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, imageops};

    /// A photo-like 480×360 scene: soft blobs of light and shade under fine grain.
    fn scene(seed: u64) -> GrayImage {
        let mut rng = fastrand::Rng::with_seed(seed);
        let blobs: Vec<(f32, f32, f32, f32)> = (0..40)
            .map(|_| {
                let (x, y) = (rng.f32() * 480.0, rng.f32() * 360.0);
                (x, y, 10.0 + rng.f32() * 50.0, rng.f32() * 160.0 - 80.0)
            })
            .collect();
        GrayImage::from_fn(480, 360, |x, y| {
            let light: f32 = blobs
                .iter()
                .map(|&(bx, by, r, a)| {
                    let d2 = (x as f32 - bx).powi(2) + (y as f32 - by).powi(2);
                    a * (-d2 / (2.0 * r * r)).exp()
                })
                .sum();
            let grain = f32::from(rng.u8(..40)) - 20.0;
            Luma([(128.0 + light + grain).clamp(0.0, 255.0) as u8])
        })
    }

    /// `img` with a flat ellipse of `grey` centred at (cx, cy) (fractions), radii rx, ry
    /// (fractions of the width and height).
    fn covered(img: &GrayImage, (cx, cy, rx, ry): (f32, f32, f32, f32), grey: u8) -> GrayImage {
        let (w, h) = (img.width() as f32, img.height() as f32);
        GrayImage::from_fn(img.width(), img.height(), |x, y| {
            let (u, v) = ((x as f32 / w - cx) / rx, (y as f32 / h - cy) / ry);
            if u * u + v * v <= 1.0 {
                Luma([grey])
            } else {
                *img.get_pixel(x, y)
            }
        })
    }

    /// Shrunk to the 160-pixel image alignment sees.
    fn listing(img: &GrayImage) -> GrayImage {
        imageops::resize(img, 160, 120, imageops::FilterType::Triangle)
    }

    #[test]
    fn a_copy_with_a_cover_over_part_is_a_copy_that_hides_it() {
        let reference = scene(7);
        let thumb = Thumb::of(&listing(&reference)).unwrap();
        // Ellipses of 4 to 12% of the photo, light and dark, on either side.
        let table = [
            ((0.3, 0.4, 0.12, 0.18), 20),
            ((0.7, 0.6, 0.18, 0.2), 235),
            ((0.5, 0.3, 0.2, 0.19), 60),
        ];
        for (ellipse, grey) in table {
            let copy = listing(&covered(&reference, ellipse, grey));
            let query = Query::new(&copy).unwrap();
            let (correlation, hidden) = query.compare(&copy, &thumb, false);
            assert!(correlation >= MIN_CORRELATION, "{ellipse:?}: {correlation}");
            let hidden = hidden.unwrap_or_else(|| panic!("{ellipse:?}: nothing hidden"));
            let [x0, y0, x1, y1] = hidden.region;
            let (cx, cy, _, _) = ellipse;
            assert!(
                (x0..x1).contains(&cx) && (y0..y1).contains(&cy),
                "{ellipse:?}: {:?}",
                hidden.region
            );
        }
    }

    #[test]
    fn another_scene_with_a_cover_is_no_copy() {
        let reference = scene(7);
        let thumb = Thumb::of(&listing(&reference)).unwrap();
        for seed in [8, 9, 10] {
            let other = listing(&covered(&scene(seed), (0.5, 0.5, 0.15, 0.2), 30));
            let (correlation, _) = Query::new(&other).unwrap().compare(&other, &thumb, false);
            assert!(correlation < MIN_CORRELATION, "scene {seed}: {correlation}");
        }
    }
}
