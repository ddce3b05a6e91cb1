//! Pixels for the cases of [`super::generator`]: masks, Gaussian blur, mosaic, covers and
//! the everyday edits. Imports nothing from `ippscan`.

// Pixel geometry: short names (x, y, w, h) read best.
#![allow(clippy::many_single_char_names)]

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

use super::generator::{Case, Colour, Edit, Fill, Method, Ordinary, Rng, Shape};

/// The listing photo a case describes, as JPEG bytes. `photo` finds a source photo by
/// stem (for collages).
pub fn render(case: &Case, photo: &dyn Fn(&str) -> RgbImage) -> Vec<u8> {
    render_judged(case, photo).0
}

/// As [`render`], with whether the case's edit leaves anything to find: it changes its
/// region's grey levels by more, on average, than saving the unedited photo as a JPEG at
/// the case's quality does there. An edit under that (a blur over a plain wall, a mosaic
/// over an empty sky) hides nothing that the photo's own compression does not, and no one
/// could tell it from an untouched photo. `None` for an everyday edit.
pub fn render_judged(case: &Case, photo: &dyn Fn(&str) -> RgbImage) -> (Vec<u8>, Option<bool>) {
    let img = resized(&photo(&case.photo), case.long_side);
    let (edited, visible) = match &case.edit {
        Edit::Obscured {
            method,
            region,
            feather,
        } => {
            let edited = obscure(&img, method, region, *feather, seed_of(&case.id));
            let visible = leaves_a_trace(&img, &edited, region, case.quality);
            (edited, Some(visible))
        }
        Edit::Ordinary(ordinary) => (everyday(&img, ordinary, case.long_side, photo), None),
    };
    (jpeg(&edited, case.quality), visible)
}

/// Whether `edited` differs from `img` inside `region` by more than a JPEG of `img` at
/// `quality` does.
fn leaves_a_trace(img: &RgbImage, edited: &RgbImage, region: &Shape, quality: u8) -> bool {
    let saved = image::load_from_memory(&jpeg(img, quality))
        .expect("a JPEG of our own decodes")
        .to_rgb8();
    let (x, y, w, h) = region.bounds(img.width(), img.height());
    let grey =
        |p: &Rgb<u8>| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
    let (mut change, mut noise, mut n) = (0f32, 0f32, 0f32);
    for py in y..(y + h).min(img.height()) {
        for px in x..(x + w).min(img.width()) {
            if inside_by(region, px as f32 + 0.5, py as f32 + 0.5) > 0.0 {
                let original = grey(img.get_pixel(px, py));
                change += (grey(edited.get_pixel(px, py)) - original).abs();
                noise += (grey(saved.get_pixel(px, py)) - original).abs();
                n += 1.0;
            }
        }
    }
    n > 0.0 && change > noise
}

/// Where a case hid something, in its photo's pixels: (x, y, w, h).
pub fn truth(case: &Case, photo: &dyn Fn(&str) -> RgbImage) -> Option<(u32, u32, u32, u32)> {
    let Edit::Obscured { region, .. } = &case.edit else {
        return None;
    };
    let (w, h) = resized_size(photo(&case.photo).dimensions(), case.long_side);
    Some(region.bounds(w, h))
}

fn seed_of(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut bytes), quality)
        .encode_image(img)
        .expect("encoding to memory cannot fail");
    bytes
}

fn resized_size((w, h): (u32, u32), long_side: u32) -> (u32, u32) {
    let scale = long_side as f32 / w.max(h) as f32;
    ((w as f32 * scale) as u32, (h as f32 * scale) as u32)
}

fn resized(img: &RgbImage, long_side: u32) -> RgbImage {
    let (w, h) = resized_size(img.dimensions(), long_side);
    imageops::resize(img, w, h, FilterType::CatmullRom)
}

/// Signed distance from the pixel centre (x, y) to the shape's edge: positive inside.
fn inside_by(shape: &Shape, x: f32, y: f32) -> f32 {
    match shape {
        Shape::Box { x: bx, y: by, w, h } => (x - bx).min(bx + w - x).min(y - by).min(by + h - y),
        Shape::Ellipse { cx, cy, rx, ry } => {
            let r = (((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2)).sqrt();
            (1.0 - r) * rx.min(*ry)
        }
        Shape::Brush { points, radius } => {
            let nearest = points
                .windows(2)
                .map(|s| to_segment((x, y), s[0], s[1]))
                .fold(f32::MAX, f32::min);
            radius - nearest
        }
    }
}

fn to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = (dx * dx + dy * dy).max(f32::EPSILON);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// How much of the edit a pixel takes: 1 inside, 0 outside, a ramp `feather` px wide
/// across the edge (one pixel of anti-aliasing without feather).
fn coverage(distance: f32, feather: f32) -> f32 {
    (distance / feather.max(1.0) + 0.5).clamp(0.0, 1.0)
}

fn mix(a: Rgb<u8>, b: [f32; 3], alpha: f32) -> Rgb<u8> {
    Rgb(std::array::from_fn(|c| {
        (f32::from(a[c]) * (1.0 - alpha) + b[c] * alpha)
            .round()
            .clamp(0.0, 255.0) as u8
    }))
}

fn float(p: Rgb<u8>) -> [f32; 3] {
    p.0.map(f32::from)
}

fn obscure(img: &RgbImage, method: &Method, region: &Shape, feather: f32, seed: u64) -> RgbImage {
    let (w, h) = img.dimensions();
    let (bx, by, bw, bh) = region.bounds(w, h);
    let mut out = img.clone();
    let alpha_at =
        |x: u32, y: u32| coverage(inside_by(region, x as f32 + 0.5, y as f32 + 0.5), feather);
    match method {
        Method::Blur { sigma } => {
            let margin = (3.0 * sigma).ceil() as u32;
            let (cx, cy) = (bx.saturating_sub(margin), by.saturating_sub(margin));
            let cw = (bx + bw + margin).min(w) - cx;
            let ch = (by + bh + margin).min(h) - cy;
            let blurred =
                imageops::blur(&imageops::crop_imm(img, cx, cy, cw, ch).to_image(), *sigma);
            for y in by..by + bh {
                for x in bx..bx + bw {
                    let a = alpha_at(x, y);
                    if a > 0.0 {
                        let b = float(*blurred.get_pixel(x - cx, y - cy));
                        out.put_pixel(x, y, mix(*img.get_pixel(x, y), b, a));
                    }
                }
            }
        }
        Method::Mosaic { block } => {
            for gy in (by..by + bh).step_by(*block as usize) {
                for gx in (bx..bx + bw).step_by(*block as usize) {
                    let (x1, y1) = ((gx + block).min(w), (gy + block).min(h));
                    let mut sum = [0f32; 3];
                    for y in gy..y1 {
                        for x in gx..x1 {
                            let p = float(*img.get_pixel(x, y));
                            (0..3).for_each(|c| sum[c] += p[c]);
                        }
                    }
                    let n = ((x1 - gx) * (y1 - gy)) as f32;
                    let mean = sum.map(|s| s / n);
                    for y in gy..y1.min(by + bh) {
                        for x in gx..x1.min(bx + bw) {
                            let a = alpha_at(x, y);
                            if a > 0.0 {
                                out.put_pixel(x, y, mix(*img.get_pixel(x, y), mean, a));
                            }
                        }
                    }
                }
            }
        }
        Method::Cover {
            colour,
            fill,
            outline,
        } => {
            let base = match colour {
                Colour::White => [250.0, 250.0, 250.0],
                Colour::Black => [12.0, 12.0, 12.0],
                Colour::Grey => [128.0, 128.0, 128.0],
                Colour::RegionMean => mean_under(img, (bx, by, bw, bh), &alpha_at),
                Colour::Sticker(c) => c.map(f32::from),
            };
            let mut rng = Rng::new(seed);
            let (cxm, cym) = (bx as f32 + bw as f32 / 2.0, by as f32 + bh as f32 / 2.0);
            let half = (bw.max(bh) as f32 / 2.0).max(1.0);
            for y in by..by + bh {
                for x in bx..bx + bw {
                    let d = inside_by(region, x as f32 + 0.5, y as f32 + 0.5);
                    let a = coverage(d, feather);
                    if a <= 0.0 {
                        continue;
                    }
                    let mut c = match fill {
                        Fill::Solid => base,
                        Fill::Noisy { sd } => {
                            let n = gaussian(&mut rng) * sd;
                            base.map(|v| v + n)
                        }
                        Fill::Gradient { to, angle } => {
                            let t = ((x as f32 - cxm) * angle.cos()
                                + (y as f32 - cym) * angle.sin())
                                / half;
                            let t = 0.5 + 0.5 * t.clamp(-1.0, 1.0);
                            std::array::from_fn(|k| {
                                base[k] + (f32::from(to[k]) - base[k]) * 0.4 * t
                            })
                        }
                    };
                    if let Some((width, ink)) = outline
                        && d < *width
                    {
                        c = ink.map(f32::from);
                    }
                    out.put_pixel(x, y, mix(*img.get_pixel(x, y), c, a));
                }
            }
        }
    }
    out
}

fn mean_under(
    img: &RgbImage,
    (bx, by, bw, bh): (u32, u32, u32, u32),
    alpha: &dyn Fn(u32, u32) -> f32,
) -> [f32; 3] {
    let mut sum = [0f32; 3];
    let mut n = 0f32;
    for y in by..by + bh {
        for x in bx..bx + bw {
            if alpha(x, y) >= 0.5 {
                let p = float(*img.get_pixel(x, y));
                (0..3).for_each(|c| sum[c] += p[c]);
                n += 1.0;
            }
        }
    }
    sum.map(|s| s / n.max(1.0))
}

/// A standard normal draw (Box–Muller).
fn gaussian(rng: &mut Rng) -> f32 {
    let u = rng.unit().max(1e-7);
    let v = rng.unit();
    (-2.0 * u.ln()).sqrt() * (std::f32::consts::TAU * v).cos()
}

fn everyday(
    img: &RgbImage,
    edit: &Ordinary,
    long_side: u32,
    photo: &dyn Fn(&str) -> RgbImage,
) -> RgbImage {
    let (w, h) = img.dimensions();
    match edit {
        Ordinary::AsIs => img.clone(),
        Ordinary::Caption {
            text,
            band,
            top,
            background,
            ink,
        } => {
            let mut out = img.clone();
            let bh = (h as f32 * band) as u32;
            let y0 = if *top { 0 } else { h - bh };
            for y in y0..y0 + bh {
                for x in 0..w {
                    out.put_pixel(x, y, Rgb(*background));
                }
            }
            let scale = (bh * 6 / 10 / 7)
                .min(w * 9 / 10 / (6 * text.len() as u32))
                .max(1);
            let tw = 6 * scale * text.len() as u32;
            write(
                &mut out,
                text,
                (w.saturating_sub(tw) / 2, y0 + (bh - 7 * scale) / 2),
                scale,
                *ink,
                1.0,
            );
            out
        }
        Ordinary::Watermark {
            text,
            alpha,
            rows,
            ink,
        } => {
            let mut out = img.clone();
            let scale = (w * 7 / 10 / (6 * text.len() as u32)).max(1);
            let tw = 6 * scale * text.len() as u32;
            for r in 0..*rows {
                let y = h * (2 * r + 1) / (2 * rows) - 7 * scale / 2;
                write(
                    &mut out,
                    text,
                    (w.saturating_sub(tw) / 2, y),
                    scale,
                    *ink,
                    *alpha,
                );
            }
            out
        }
        Ordinary::Border { share, colour } => {
            let b = (w.min(h) as f32 * share) as u32;
            let mut out = RgbImage::from_pixel(w + 2 * b, h + 2 * b, Rgb(*colour));
            imageops::replace(&mut out, img, i64::from(b), i64::from(b));
            out
        }
        Ordinary::Collage {
            others,
            columns,
            gutter,
        } => collage(img, others, *columns, *gutter, long_side, photo),
        Ordinary::Studio {
            subject,
            top,
            bottom,
        } => studio(img, *subject, *top, *bottom),
        Ordinary::Bokeh { sigma, subject } => {
            let blurred = imageops::blur(img, *sigma);
            let [sx, sy, sw, sh] = *subject;
            let ellipse = Shape::Ellipse {
                cx: (sx + sw / 2.0) * w as f32,
                cy: (sy + sh / 2.0) * h as f32,
                rx: sw / 2.0 * w as f32,
                ry: sh / 2.0 * h as f32,
            };
            let feather = 0.08 * w.min(h) as f32;
            RgbImage::from_fn(w, h, |x, y| {
                let a = coverage(inside_by(&ellipse, x as f32 + 0.5, y as f32 + 0.5), feather);
                mix(*blurred.get_pixel(x, y), float(*img.get_pixel(x, y)), a)
            })
        }
        Ordinary::WholeBlur { sigma } => imageops::blur(img, *sigma),
        Ordinary::Resample { factor } => {
            let small = imageops::resize(
                img,
                ((w as f32 * factor) as u32).max(8),
                ((h as f32 * factor) as u32).max(8),
                FilterType::Triangle,
            );
            imageops::resize(&small, w, h, FilterType::Triangle)
        }
        Ordinary::Tone { .. } => retoned(img, edit),
    }
}

/// `img` with its colours mixed with their `grey` by `saturation`, then its contrast about
/// mid-grey scaled by `contrast`, then `brightness` added (an [`Ordinary::Tone`]).
fn retoned(img: &RgbImage, edit: &Ordinary) -> RgbImage {
    let &Ordinary::Tone {
        saturation,
        grey,
        contrast,
        brightness,
    } = edit
    else {
        return img.clone();
    };
    let mut out = img.clone();
    for p in out.pixels_mut() {
        let c = p.0.map(f32::from);
        let g = grey[0] * c[0] + grey[1] * c[1] + grey[2] * c[2];
        p.0 = c.map(|v| {
            let mixed = g + saturation * (v - g);
            (128.0 + contrast * (mixed - 128.0) + brightness)
                .round()
                .clamp(0.0, 255.0) as u8
        });
    }
    out
}

/// The photo beside `others`, `columns` to a row, each tile square.
fn collage(
    img: &RgbImage,
    others: &[String],
    columns: u32,
    gutter: u32,
    long_side: u32,
    photo: &dyn Fn(&str) -> RgbImage,
) -> RgbImage {
    let n = 1 + others.len() as u32;
    let rows = n.div_ceil(columns);
    let cell = (long_side - gutter * (columns - 1)) / columns;
    let mut out = RgbImage::from_pixel(
        columns * cell + gutter * (columns - 1),
        rows * cell + gutter * (rows - 1),
        Rgb([255, 255, 255]),
    );
    let tiles = std::iter::once(img.clone()).chain(others.iter().map(|o| photo(o)));
    for (i, tile) in tiles.enumerate() {
        let i = i as u32;
        let t = imageops::resize(&tile, cell, cell, FilterType::Triangle);
        let (x, y) = (
            (i % columns) * (cell + gutter),
            (i / columns) * (cell + gutter),
        );
        imageops::replace(&mut out, &t, i64::from(x), i64::from(y));
    }
    out
}

/// A crop of the photo on a plain backdrop, with a soft shadow under it.
fn studio(img: &RgbImage, subject: [f32; 4], top: [u8; 3], bottom: [u8; 3]) -> RgbImage {
    let (w, h) = img.dimensions();
    let mut out = RgbImage::from_fn(w, h, |_, y| {
        let t = y as f32 / h as f32;
        Rgb(std::array::from_fn(|c| {
            (f32::from(top[c]) * (1.0 - t) + f32::from(bottom[c]) * t) as u8
        }))
    });
    let [sx, sy, sw, sh] = subject;
    let crop = imageops::crop_imm(
        img,
        (sx * w as f32) as u32,
        (sy * h as f32) as u32,
        ((sw * w as f32) as u32).max(1),
        ((sh * h as f32) as u32).max(1),
    )
    .to_image();
    let fit = (w as f32 * 0.7 / crop.width() as f32).min(h as f32 * 0.7 / crop.height() as f32);
    let crop = imageops::resize(
        &crop,
        (crop.width() as f32 * fit) as u32,
        (crop.height() as f32 * fit) as u32,
        FilterType::Triangle,
    );
    let (x0, y0) = ((w - crop.width()) / 2, (h - crop.height()) / 2);
    // A soft shadow under the product.
    let shadow = Shape::Ellipse {
        cx: w as f32 / 2.0,
        cy: (y0 + crop.height()) as f32,
        rx: crop.width() as f32 * 0.55,
        ry: crop.height() as f32 * 0.08 + 4.0,
    };
    for y in 0..h {
        for x in 0..w {
            let a = coverage(inside_by(&shadow, x as f32 + 0.5, y as f32 + 0.5), 12.0) * 0.35;
            if a > 0.0 {
                let p = *out.get_pixel(x, y);
                out.put_pixel(x, y, mix(p, [30.0, 30.0, 30.0], a));
            }
        }
    }
    imageops::replace(&mut out, &crop, i64::from(x0), i64::from(y0));
    out
}

/// Writes `text` (capitals, digits, space, `%`, `-`, `!`) in a 5×7 pixel font, each font
/// pixel `scale` px, from `at`, blended at `alpha`.
fn write(img: &mut RgbImage, text: &str, at: (u32, u32), scale: u32, ink: [u8; 3], alpha: f32) {
    let (w, h) = img.dimensions();
    let ink = ink.map(f32::from);
    for (i, ch) in text.chars().enumerate() {
        let rows = glyph(ch);
        let gx = at.0 + i as u32 * 6 * scale;
        for (r, bits) in rows.iter().enumerate() {
            for c in 0..5 {
                if bits >> (4 - c) & 1 == 0 {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..scale {
                        let (x, y) = (gx + c * scale + dx, at.1 + r as u32 * scale + dy);
                        if x < w && y < h {
                            let p = *img.get_pixel(x, y);
                            img.put_pixel(x, y, mix(p, ink, alpha));
                        }
                    }
                }
            }
        }
    }
}

#[rustfmt::skip]
fn glyph(ch: char) -> [u8; 7] {
    match ch {
        'A' => [0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
        'B' => [0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110],
        'C' => [0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110],
        'D' => [0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110],
        'E' => [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111],
        'F' => [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000],
        'G' => [0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111],
        'H' => [0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
        'I' => [0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
        'J' => [0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100],
        'K' => [0b10001, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010, 0b10001],
        'L' => [0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111],
        'M' => [0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001],
        'N' => [0b10001, 0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001],
        'O' => [0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
        'P' => [0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000],
        'Q' => [0b01110, 0b10001, 0b10001, 0b10001, 0b10101, 0b10010, 0b01101],
        'R' => [0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001],
        'S' => [0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110],
        'T' => [0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100],
        'U' => [0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
        'V' => [0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100],
        'W' => [0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010],
        'X' => [0b10001, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b10001],
        'Y' => [0b10001, 0b10001, 0b01010, 0b00100, 0b00100, 0b00100, 0b00100],
        'Z' => [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b11111],
        '0' => [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
        '1' => [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
        '2' => [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111],
        '3' => [0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110],
        '4' => [0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010],
        '5' => [0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110],
        '6' => [0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110],
        '7' => [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000],
        '8' => [0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110],
        '9' => [0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100],
        '%' => [0b11000, 0b11001, 0b00010, 0b00100, 0b01000, 0b10011, 0b00011],
        '-' => [0, 0, 0, 0b11111, 0, 0, 0],
        '!' => [0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0, 0b00100],
        _ => [0; 7],
    }
}
