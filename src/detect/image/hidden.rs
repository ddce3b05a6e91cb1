//! What a copy hides of its reference: once the copy is lined up with the reference's
//! thumbnail, the cells where the reference has detail and the copy has little, beyond
//! what the copy lost everywhere (it was shrunk and re-saved), and the cells painted a grey
//! level that the reference has nowhere around them, with no strokes added (a caption or a
//! watermark adds them). Levels and detail are judged through the copy's own tones: a copy
//! brightened, darkened, its contrast raised or turned grey moves every level its way, and
//! detail it crushed to black or white was lost to the tones, not hidden. A seller who
//! copied a brand's photo and blurred or covered its logo leaves exactly this; it is the
//! strongest evidence of a hidden mark there is, since the reference shows what was there.

use super::cells::{FINE, around, holds_block, largest_group};
use super::obscured::ObscureKind;
use crate::model::Thumb;

/// A part of a reference that a copy hides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hidden {
    pub kind: ObscureKind,
    /// In the copy: x0, y0, x1, y1 as fractions of its width and height.
    pub region: [f32; 4],
    /// In the reference (its border-trimmed frame): the same.
    pub reference_region: [f32; 4],
    /// How many times less sharp than the reference the copy is there, after allowing
    /// for what it lost everywhere (the median over the region's cells).
    pub contrast: f32,
}

/// A reference cell has detail when its sharpness is at least this (mean absolute
/// Laplacian, ×`SHARP_SCALE`)...
const DETAIL: f32 = 4.0;
/// ...and at least this share of the reference's median cell sharpness.
const DETAIL_OF_MEDIAN: f32 = 0.5;

/// A cell is hidden when the copy keeps at most this share of the reference's detail there,
/// relative to what it keeps elsewhere.
const HIDDEN_RATIO: f32 = 0.5;

/// The fewest cells (of 32×32) a hidden part spans, across and down and in all, and the
/// largest share of the copy.
const MIN_SIDE: usize = 2;
const MIN_CELLS: usize = 6;
const MAX_SHARE: f32 = 0.4;

/// A hidden part whose grey levels spread less than this share of the reference's there
/// is covered, not blurred.
const COVER_SPREAD: f32 = 0.25;

/// A region of a copy that the check on the image alone found obscured: how, and where
/// (x0, y0, x1, y1 as fractions of the copy's width and height).
pub type Suspect = (ObscureKind, [f32; 4]);

/// The largest hidden part of `reference` in a copy sampled at its 32×32 cells: `sharp`
/// and `mean` are the copy's sharpness (×`SHARP_SCALE`) and grey level where each cell
/// falls (NaN outside the copy), `at` the cell centres in the copy, `half` half a cell's
/// footprint there (fractions of its width and height). Failing that, a `suspect` region
/// over a part of the reference with detail: a mosaic keeps as much sharpness as it hides,
/// so only its blocks tell it, and the reference tells what it hides.
pub(super) fn compare(
    reference: &Thumb,
    sharp: &[f32],
    mean: &[f32],
    at: &[(f32, f32)],
    half: (f32, f32),
    suspect: Option<Suspect>,
) -> Option<Hidden> {
    search(reference, sharp, mean, at, half)
        .or_else(|| suspect.and_then(|s| confirm(reference, sharp, at, s)))
}

/// The part of `reference` under `suspect`, if enough of it has detail.
fn confirm(
    reference: &Thumb,
    sharp: &[f32],
    at: &[(f32, f32)],
    (kind, [x0, y0, x1, y1]): Suspect,
) -> Option<Hidden> {
    let r = |i: usize| f32::from(reference.sharp[i]);
    let inside: Vec<usize> = (0..FINE * FINE).filter(|&i| !sharp[i].is_nan()).collect();
    let median_ref = median(inside.iter().map(|&i| r(i)).collect())?;
    let least = DETAIL.max(DETAIL_OF_MEDIAN * median_ref);
    let under: Vec<usize> = inside
        .into_iter()
        .filter(|&i| (x0..x1).contains(&at[i].0) && (y0..y1).contains(&at[i].1))
        .collect();
    let detailed = under.iter().filter(|&&i| r(i) >= least).count();
    if under.len() < MIN_CELLS || (detailed as f32) < SUSPECT_DETAIL * under.len() as f32 {
        return None;
    }
    let reference_region = cells_box(&under);
    let contrast = median(under.iter().map(|&i| r(i) / sharp[i].max(0.25)).collect())?;
    Some(Hidden {
        kind,
        region: [x0, y0, x1, y1].map(|v| v.clamp(0.0, 1.0)),
        reference_region,
        contrast,
    })
}

/// The share of a suspect region's reference cells that must have detail.
const SUSPECT_DETAIL: f32 = 0.5;

fn search(
    reference: &Thumb,
    sharp: &[f32],
    mean: &[f32],
    at: &[(f32, f32)],
    half: (f32, f32),
) -> Option<Hidden> {
    let cells = FINE * FINE;
    if reference.sharp.len() != cells || reference.fine.len() != cells {
        return None;
    }
    let r = |i: usize| f32::from(reference.sharp[i]);
    let inside: Vec<usize> = (0..cells).filter(|&i| !sharp[i].is_nan()).collect();
    if inside.len() < cells / 2 {
        return None;
    }
    let median_ref = median(inside.iter().map(|&i| r(i)).collect())?;
    let least = DETAIL.max(DETAIL_OF_MEDIAN * median_ref);
    let detailed: Vec<usize> = inside.iter().copied().filter(|&i| r(i) >= least).collect();
    if detailed.len() < cells / 8 {
        return None;
    }
    // What the copy keeps of the reference's detail, typically.
    let kept = median(detailed.iter().map(|&i| sharp[i] / r(i)).collect())?;
    if kept <= 0.0 {
        return None;
    }
    // The outermost cells are left out: where a copy's frame was trimmed or cropped a
    // little differently, they line up worst.
    let edge = |i: usize| {
        let (x, y) = (i % FINE, i / FINE);
        x == 0 || y == 0 || x + 1 == FINE || y + 1 == FINE
    };
    let mut hidden = vec![false; cells];
    for &i in &detailed {
        hidden[i] = !edge(i) && sharp[i] <= HIDDEN_RATIO * kept * r(i);
    }
    // Detail the copy's tones crushed to black or white (or nearly) is lost to them, not
    // hidden (though it still counts where the copy is soft all over).
    let tones = Tones::of_copy(reference, mean, &inside, &hidden)?;
    let mut soft = hidden.clone();
    for &i in &detailed {
        hidden[i] &= !tones.crushes(reference, i);
    }
    for &i in &inside {
        if !edge(i) && !hidden[i] {
            hidden[i] = painted_over(reference, &tones, i, mean[i])
                && sharp[i] <= GAINED * kept * r(i).max(DETAIL);
        }
    }
    let part = largest_group(&hidden, FINE)?;
    for (s, h) in soft.iter_mut().zip(&hidden) {
        *s |= *h;
    }
    // A hidden mark is one patch: softness spread over the photo (a portrait mode's
    // blurred background, motion blur) is a style of the copy, and so is softness all
    // round its frame (a background blurred about a sharp subject).
    let all_soft = (0..cells).filter(|&i| soft[i] && !alone(&soft, i)).count();
    let next_to_edge = |i: usize| {
        let (x, y) = (i % FINE, i / FINE);
        !edge(i) && (x == 1 || y == 1 || x + 2 == FINE || y + 2 == FINE)
    };
    let framing: Vec<usize> = detailed
        .iter()
        .copied()
        .filter(|&i| next_to_edge(i))
        .collect();
    let soft_frame = framing.iter().filter(|&&i| soft[i]).count();
    if (part.len() as f32) < CONCENTRATED * all_soft as f32
        || soft_frame as f32 > SOFT_FRAME * framing.len().max(1) as f32
    {
        return None;
    }
    let span = |coord: fn(usize) -> usize| {
        let (lo, hi) = part.iter().fold((usize::MAX, 0), |(lo, hi), &i| {
            (lo.min(coord(i)), hi.max(coord(i)))
        });
        hi + 1 - lo
    };
    let (across, down) = (span(|i| i % FINE), span(|i| i / FINE));
    // A part one cell thick is the two sides of a hard edge that lined up a fraction of a
    // cell apart, not a patch.
    if part.len() < MIN_CELLS
        || across < MIN_SIDE
        || down < MIN_SIDE
        || !holds_block(&part, FINE)
        || part.len() as f32 > MAX_SHARE * inside.len() as f32
        || (across * down) as f32 > MAX_SHARE * cells as f32
        || is_caption(&part, sharp, mean, kept * median_ref)
    {
        return None;
    }
    let contrast = median(
        part.iter()
            .map(|&i| kept * r(i) / sharp[i].max(0.25))
            .collect(),
    )?;
    let kind = how_hidden(reference, &part, mean);
    let reference_region = cells_box(&part);
    let mut region = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for &i in &part {
        let (x, y) = at[i];
        grow(&mut region, x - half.0, y - half.1, x + half.0, y + half.1);
    }
    Some(Hidden {
        kind,
        region: region.map(|v| v.clamp(0.0, 1.0)),
        reference_region,
        contrast,
    })
}

/// Whether `part` lies in a band across the top or the bottom of the copy whose flat cells
/// (sharpness under a fraction of `typical`) reach both its sides in one colour: a caption
/// or a banner laid over a copied photo, not a patch over a mark.
fn is_caption(part: &[usize], sharp: &[f32], mean: &[f32], typical: f32) -> bool {
    let (top, bottom) = part
        .iter()
        .fold((FINE, 0), |(t, b), &i| (t.min(i / FINE), b.max(i / FINE)));
    if top > 1 && bottom + 2 < FINE {
        return false;
    }
    let side = (FINE as f32 * CAPTION_SIDE) as usize;
    let flat: Vec<(usize, f32)> = (top..=bottom)
        .flat_map(|y| (0..FINE).map(move |x| (x, y * FINE + x)))
        .filter(|&(_, i)| sharp[i] <= HIDDEN_RATIO * typical)
        .map(|(x, i)| (x, mean[i]))
        .collect();
    let reaches = |keep: &dyn Fn(usize) -> bool| flat.iter().any(|&(x, _)| keep(x));
    if flat.is_empty() || !reaches(&|x| x < side) || !reaches(&|x| x >= FINE - side) {
        return false;
    }
    let m = flat.iter().map(|f| f.1).sum::<f32>() / flat.len() as f32;
    let spread =
        (flat.iter().map(|f| (f.1 - m) * (f.1 - m)).sum::<f32>() / flat.len() as f32).sqrt();
    spread <= CAPTION_SPREAD
}

/// How near each side of the copy a caption's flat cells reach (a share of its width)...
const CAPTION_SIDE: f32 = 0.2;
/// ...and how little their grey levels spread.
const CAPTION_SPREAD: f32 = 8.0;

/// The most of the detailed cells just inside the copy's frame that may be hidden.
const SOFT_FRAME: f32 = 0.25;

/// A hidden part whose grey levels in the copy spread far less than the reference's there
/// is covered; else it is blurred.
fn how_hidden(reference: &Thumb, part: &[usize], mean: &[f32]) -> ObscureKind {
    let spread = |values: &mut dyn Iterator<Item = f32>| {
        let v: Vec<f32> = values.collect();
        let m = v.iter().sum::<f32>() / v.len() as f32;
        (v.iter().map(|x| (x - m) * (x - m)).sum::<f32>() / v.len() as f32).sqrt()
    };
    let copy_spread = spread(&mut part.iter().map(|&i| mean[i]));
    let ref_spread = spread(&mut part.iter().map(|&i| f32::from(reference.fine[i])));
    if copy_spread <= COVER_SPREAD * ref_spread.max(1.0) {
        ObscureKind::Cover
    } else {
        ObscureKind::Blur
    }
}

/// Whether a copy's cell `i`, at grey `level`, lies outside the levels the copy's tones
/// give the reference's cells around it: painted over, or blocks. Unless the copy gained
/// detail there (a caption or a watermark adds strokes), that cell hides what the
/// reference shows.
fn painted_over(reference: &Thumb, tones: &Tones, i: usize, level: f32) -> bool {
    let (lo, hi) = around(i, FINE)
        .map(|j| tones.of(reference.fine[j]))
        .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (lo - level).max(level - hi) >= CHANGED
}

/// The grey level a copy gives each of the reference's: brightened, darkened (down to
/// black or up to white), its contrast changed, or turned grey by other weights than ours.
/// The median copy level of the reference's cells in each band of grey levels, joined by
/// straight lines, and beyond the first and the last a level for a level; with no band
/// placed, one shift.
struct Tones {
    /// (reference level, copy level), by reference level.
    points: Vec<(f32, f32)>,
    shift: f32,
}

/// Grey levels per band of a tone curve, and the fewest cells that place a band's point.
const TONE_BAND: u8 = 16;
const TONE_CELLS: usize = 4;

/// The least share of their spread that the copy's tones keep of a band of the reference's
/// levels, for its detail to be compared.
const CRUSHED: f32 = 0.5;

impl Tones {
    /// Every level moved by `shift`.
    fn shifted(shift: f32) -> Tones {
        Tones {
            points: Vec::new(),
            shift,
        }
    }

    /// The copy's tones, read from the cells `inside` it where it kept the reference's
    /// detail (not `soft`) and, but for one shift, its levels: a cover's or a caption's one
    /// level would bend them.
    fn of_copy(reference: &Thumb, mean: &[f32], inside: &[usize], soft: &[bool]) -> Option<Tones> {
        let shift = median(
            inside
                .iter()
                .map(|&i| mean[i] - f32::from(reference.fine[i]))
                .collect(),
        )?;
        let shifted = Tones::shifted(shift);
        let kept: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| !soft[i] && !painted_over(reference, &shifted, i, mean[i]))
            .collect();
        Some(Tones::fit(reference, mean, &kept, shift))
    }

    /// The tones read from the copy's `cells`; `shift` where there are none.
    fn fit(reference: &Thumb, mean: &[f32], cells: &[usize], shift: f32) -> Tones {
        let mut bands: Vec<Vec<(f32, f32)>> = vec![Vec::new(); 256 / usize::from(TONE_BAND)];
        for &i in cells {
            let level = reference.fine[i];
            bands[usize::from(level / TONE_BAND)].push((f32::from(level), mean[i]));
        }
        let points = bands
            .into_iter()
            .filter(|band| band.len() >= TONE_CELLS)
            .filter_map(|band| {
                let from = median(band.iter().map(|p| p.0).collect())?;
                let to = median(band.iter().map(|p| p.1).collect())?;
                Some((from, to))
            })
            .collect();
        Tones { points, shift }
    }

    /// Whether the copy's tones squeeze cell `i`'s own level, or the levels of the
    /// reference's cells about it, (each with half a band beyond) to less than [`CRUSHED`]
    /// of their spread, so that its detail is lost: inside clipped highlights, and at their
    /// edge.
    fn crushes(&self, reference: &Thumb, i: usize) -> bool {
        let band = TONE_BAND / 2;
        let squeezed = |lo: u8, hi: u8| {
            let (lo, hi) = (lo.saturating_sub(band), hi.saturating_add(band));
            self.of(hi) - self.of(lo) < CRUSHED * f32::from(hi - lo)
        };
        let own = reference.fine[i];
        let (lo, hi) = around(i, FINE)
            .map(|j| reference.fine[j])
            .fold((own, own), |(lo, hi), v| (lo.min(v), hi.max(v)));
        squeezed(own, own) || squeezed(lo, hi)
    }

    /// The copy's level for a reference `level`: between two bands' points on the line
    /// joining them, beyond the last a level for a level from it, within black and white.
    fn of(&self, level: u8) -> f32 {
        let x = f32::from(level);
        let after = self.points.partition_point(|p| p.0 < x);
        let before = after.checked_sub(1).map(|k| self.points[k]);
        let y = match (before, self.points.get(after).copied()) {
            // The partition puts x0 < x <= x1.
            (Some((x0, y0)), Some((x1, y1))) => y0 + (y1 - y0) * (x - x0) / (x1 - x0),
            (Some((x0, y0)), None) | (None, Some((x0, y0))) => y0 + x - x0,
            (None, None) => x + self.shift,
        };
        y.clamp(0.0, 255.0)
    }
}

/// How many grey levels a cell must lie outside the levels the copy's tones give the
/// reference's cells around it to have been changed...
const CHANGED: f32 = 16.0;
/// ...and the most detail it may have gained, relative to what the copy keeps elsewhere.
const GAINED: f32 = 1.5;

/// Whether `i` has no marked cell among its eight neighbours: a hidden cell alone is the
/// measurement's noise (a cell lined up a little off an edge), not a patch.
fn alone(marked: &[bool], i: usize) -> bool {
    around(i, FINE).all(|j| j == i || !marked[j])
}

/// The share of the hidden cells in groups that the largest patch must hold.
const CONCENTRATED: f32 = 0.4;

/// The box (x0, y0, x1, y1, fractions of the sides) of `cells` of the 32×32 grid.
fn cells_box(cells: &[usize]) -> [f32; 4] {
    let n = FINE as f32;
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for &i in cells {
        let (cx, cy) = ((i % FINE) as f32, (i / FINE) as f32);
        grow(&mut b, cx / n, cy / n, (cx + 1.0) / n, (cy + 1.0) / n);
    }
    b
}

fn grow(b: &mut [f32; 4], x0: f32, y0: f32, x1: f32, y1: f32) {
    *b = [b[0].min(x0), b[1].min(y0), b[2].max(x1), b[3].max(y1)];
}

fn median(mut values: Vec<f32>) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    let mid = values.len() / 2;
    values.select_nth_unstable_by(mid, f32::total_cmp);
    Some(values[mid])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reference whose cells all have detail (sharpness 40), and a copy of it that keeps
    /// half its detail everywhere but where `soft` says.
    fn case(soft: impl Fn(usize, usize) -> Option<f32>) -> Option<Hidden> {
        case_with(soft, |_, _| true, None)
    }

    /// As [`case`], with detail in the reference only where `detailed` says, and a region
    /// the check on the copy alone found.
    fn case_with(
        soft: impl Fn(usize, usize) -> Option<f32>,
        detailed: impl Fn(usize, usize) -> bool,
        suspect: Option<Suspect>,
    ) -> Option<Hidden> {
        case_edited(
            |x, y| soft(x, y).map(|level| (1.0, level)),
            detailed,
            suspect,
        )
    }

    /// As [`case_with`], where `edited` gives the copy's sharpness and grey level in the
    /// cells it changed.
    fn case_edited(
        edited: impl Fn(usize, usize) -> Option<(f32, f32)>,
        detailed: impl Fn(usize, usize) -> bool,
        suspect: Option<Suspect>,
    ) -> Option<Hidden> {
        let cells = FINE * FINE;
        let reference = Thumb {
            cells: vec![128; 256],
            fine: (0..cells).map(|i| (i * 7 % 200) as u8).collect(),
            sharp: (0..cells)
                .map(|i| if detailed(i % FINE, i / FINE) { 40 } else { 2 })
                .collect(),
            aspect_milli: 1000,
            code: 0,
            band_codes: [0; 2],
            masks: [0; 3],
            studio: false,
        };
        let mut sharp = vec![20.0; cells];
        let mut mean: Vec<f32> = reference.fine.iter().map(|&v| f32::from(v)).collect();
        for i in 0..cells {
            if let Some((detail, level)) = edited(i % FINE, i / FINE) {
                sharp[i] = detail;
                mean[i] = level;
            }
        }
        let at: Vec<(f32, f32)> = (0..cells)
            .map(|i| {
                let n = FINE as f32;
                (((i % FINE) as f32 + 0.5) / n, ((i / FINE) as f32 + 0.5) / n)
            })
            .collect();
        let half = 0.5 / FINE as f32;
        compare(&reference, &sharp, &mean, &at, (half, half), suspect)
    }

    /// Which cells a copy softens, and to what grey level.
    type Soft = Box<dyn Fn(usize, usize) -> Option<f32>>;

    #[test]
    fn a_compact_soft_patch_is_hidden_and_bands_and_specks_are_not() {
        let n = FINE as f32;
        // (what the copy softened, hidden part in the reference if any)
        let table: Vec<(&str, Soft, Option<[f32; 4]>)> = vec![
            ("nothing", Box::new(|_, _| None), None),
            (
                "a flat 5×4 patch",
                Box::new(|x, y| ((10..15).contains(&x) && (8..12).contains(&y)).then_some(90.0)),
                Some([10.0 / n, 8.0 / n, 15.0 / n, 12.0 / n]),
            ),
            (
                "a 2×2 speck",
                Box::new(|x, y| ((10..12).contains(&x) && (8..10).contains(&y)).then_some(90.0)),
                None,
            ),
            (
                "a caption band across the bottom",
                Box::new(|_, y| (y >= 28).then_some(240.0)),
                None,
            ),
            (
                "soft in the two left corners (a background blurred about a subject on the right)",
                Box::new(|x, y| (x < 11 && !(11..21).contains(&y)).then(|| (x + y) as f32)),
                None,
            ),
            (
                "soft everywhere but a subject (a blurred background)",
                Box::new(|x, y| {
                    (!(8..24).contains(&x) || !(8..24).contains(&y)).then(|| (x * 3) as f32)
                }),
                None,
            ),
        ];
        for (name, soft, want) in table {
            let got = case(soft);
            match (got, want) {
                (None, None) => {}
                (Some(h), Some(w)) => {
                    let off = h
                        .reference_region
                        .iter()
                        .zip(w)
                        .map(|(a, b)| (a - b).abs())
                        .fold(0.0, f32::max);
                    assert!(off < 1e-6, "{name}: {:?}", h.reference_region);
                    assert_eq!(
                        h.kind,
                        ObscureKind::Cover,
                        "{name}: one grey level is a cover"
                    );
                }
                _ => panic!("{name}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_suspect_region_is_hidden_where_the_reference_has_detail() {
        // The copy keeps its sharpness (a mosaic); the reference has detail left of the
        // middle only.
        let left = |x: usize, _: usize| x < 16;
        let mosaic = |at: [f32; 4]| Some((ObscureKind::Mosaic, at));
        let found = case_with(|_, _| None, left, mosaic([0.2, 0.3, 0.4, 0.5])).unwrap();
        assert_eq!(found.kind, ObscureKind::Mosaic);
        let off = found
            .region
            .iter()
            .zip([0.2, 0.3, 0.4, 0.5])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(off < 1e-6, "{:?}", found.region);
        let [x0, y0, x1, y1] = found.reference_region;
        assert!(
            (x0 - 0.1875).abs() < 1e-6 && (x1 - 0.40625).abs() < 1e-6,
            "{x0} {x1}"
        );
        assert!(
            (y0 - 0.3125).abs() < 1e-6 && (y1 - 0.5).abs() < 1e-6,
            "{y0} {y1}"
        );
        // Over the plain right half, nothing was hidden.
        assert_eq!(
            case_with(|_, _| None, left, mosaic([0.6, 0.3, 0.8, 0.5])),
            None
        );
        // Too small a region to tell.
        assert_eq!(
            case_with(|_, _| None, left, mosaic([0.2, 0.3, 0.25, 0.35])),
            None
        );
    }

    #[test]
    fn a_patch_painted_over_a_plain_part_is_hidden_unless_it_adds_strokes() {
        let patch = |x: usize, y: usize| (10..15).contains(&x) && (8..12).contains(&y);
        let plain_patch = |x, y| !patch(x, y);
        // The reference's levels stop at 199: 250 lies outside every cell's neighbourhood.
        let painted = case_edited(
            |x, y| patch(x, y).then_some((1.0, 250.0)),
            plain_patch,
            None,
        )
        .expect("a flat patch of a new grey level is painted over");
        assert_eq!(found_cells(&painted), [10, 8, 15, 12]);
        assert_eq!(painted.kind, ObscureKind::Cover);
        // Letters on a band of a new grey level add detail: a caption or a sticker with
        // text, not a hidden part.
        let lettered = |x, y| patch(x, y).then_some((60.0, 250.0));
        assert_eq!(case_edited(lettered, plain_patch, None), None);
        // A flat patch at the levels the reference has there hides nothing to be seen.
        let same =
            |x: usize, y: usize| patch(x, y).then(|| (1.0, ((y * FINE + x) * 7 % 200) as f32));
        assert_eq!(case_edited(same, plain_patch, None), None);
    }

    #[test]
    fn single_soft_cells_elsewhere_do_not_outweigh_the_patch() {
        let patch = |x: usize, y: usize| (10..15).contains(&x) && (8..12).contains(&y);
        // 20 cells in the patch, and 80 cells alone on a lattice of every third cell in
        // the rows and columns away from it (a copy lined up a little off its edges): the
        // patch holds a sixth of the soft cells, under the share it must hold of them.
        let speck = |x: usize, y: usize| {
            x % 3 == 1 && y % 3 == 1 && !(8..17).contains(&x) && (1..31).contains(&y)
        };
        let specks = (0..FINE * FINE)
            .filter(|&i| speck(i % FINE, i / FINE))
            .count();
        assert!(
            20.0 < CONCENTRATED * (20 + specks) as f32,
            "{specks} specks"
        );
        let found = case(move |x, y| (patch(x, y) || speck(x, y)).then_some(90.0))
            .expect("the patch is the one patch");
        assert_eq!(found_cells(&found), [10, 8, 15, 12]);
    }

    /// A copy's tones: levels between bands on the line joining them, beyond the ends a
    /// level for a level, clipped to black and white; with no bands, one shift. Where they
    /// squeeze a band of levels flat, its detail is crushed.
    #[test]
    fn tones_follow_the_copy_and_tell_crushed_levels() {
        // A copy brightened by 60, its highlights clipped: bands read at 40, 100 and 180.
        let brightened = Tones {
            points: vec![(40.0, 100.0), (100.0, 160.0), (180.0, 240.0)],
            shift: 60.0,
        };
        let darkened = Tones::shifted(-30.0);
        let table: Vec<(&str, &Tones, u8, f32)> = vec![
            ("on a band's point", &brightened, 100, 160.0),
            ("between two points", &brightened, 140, 200.0),
            ("below the first", &brightened, 10, 70.0),
            ("above the last, clipped", &brightened, 230, 255.0),
            ("no bands: the shift, clipped", &darkened, 20, 0.0),
        ];
        for (name, tones, level, want) in table {
            assert!(
                (tones.of(level) - want).abs() < 1e-3,
                "{name}: {}",
                tones.of(level)
            );
        }
        // Cells whose neighbourhood lies in the clipped highlights are crushed; those in the
        // midtones are not.
        let cells = FINE * FINE;
        let flat = |level: u8| Thumb {
            cells: vec![level; 256],
            fine: vec![level; cells],
            sharp: vec![40; cells],
            aspect_milli: 1000,
            code: 0,
            band_codes: [0; 2],
            masks: [0; 3],
            studio: false,
        };
        let middle = FINE * FINE / 2 + FINE / 2;
        assert!(brightened.crushes(&flat(225), middle));
        assert!(!brightened.crushes(&flat(120), middle));
        // A clipped cell at the edge of the highlights, beside midtones.
        let mut edge = flat(120);
        edge.fine[middle] = 225;
        assert!(brightened.crushes(&edge, middle));
    }

    /// A hidden part's region in the reference, in cells.
    fn found_cells(hidden: &Hidden) -> [u32; 4] {
        hidden
            .reference_region
            .map(|v| (v * FINE as f32).round() as u32)
    }
}
