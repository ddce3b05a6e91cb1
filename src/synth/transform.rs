//! What copiers do to a photo before they reuse it: the image evaluation applies these to
//! real photos, and generated dumps plant copies with them.

use std::fmt;
use std::io::Cursor;

use fastrand::Rng;
use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage, imageops};

/// One edit, at one strength.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Transform {
    /// Scaled by this factor.
    Resize(f32),
    /// Re-saved as JPEG at this quality.
    Jpeg(u8),
    /// This fraction cut off each axis, off-centre.
    Crop(f32),
    /// Turned by this many degrees about the centre; corners filled white.
    Rotate(f32),
    Mirror,
    /// Added to every channel.
    Brightness(i32),
    /// Contrast changed by this percentage (negative lowers it).
    Contrast(f32),
    /// Colour saturation multiplied by this factor.
    Saturation(f32),
    Grayscale,
    /// A band of text over this fraction of the height, at the bottom.
    Caption(f32),
    /// Lines of text across the whole photo, blended at this opacity.
    Watermark(f32),
    /// A white frame this fraction of the long side wide.
    Border(f32),
    /// Padded with black to a square.
    Letterbox,
    /// Pasted into a grid of this many cells among unrelated photos.
    Collage(u32),
}

impl Transform {
    /// Each edit at the strengths the image evaluation measures.
    pub const EVALUATED: &'static [Transform] = &[
        Transform::Resize(0.3),
        Transform::Resize(0.5),
        Transform::Resize(0.75),
        Transform::Resize(1.5),
        Transform::Resize(2.0),
        Transform::Jpeg(50),
        Transform::Jpeg(30),
        Transform::Jpeg(20),
        Transform::Crop(0.05),
        Transform::Crop(0.10),
        Transform::Crop(0.15),
        Transform::Rotate(2.0),
        Transform::Rotate(-3.0),
        Transform::Rotate(5.0),
        Transform::Mirror,
        Transform::Brightness(50),
        Transform::Brightness(-50),
        Transform::Contrast(-40.0),
        Transform::Contrast(60.0),
        Transform::Saturation(0.3),
        Transform::Saturation(2.0),
        Transform::Grayscale,
        Transform::Caption(0.12),
        Transform::Caption(0.2),
        Transform::Watermark(0.3),
        Transform::Watermark(0.5),
        Transform::Border(0.05),
        Transform::Border(0.15),
        Transform::Letterbox,
        Transform::Collage(2),
        Transform::Collage(4),
    ];

    /// The edit without its strength: `resize`, `jpeg`, `crop` …
    pub fn family(&self) -> &'static str {
        match self {
            Transform::Resize(_) => "resize",
            Transform::Jpeg(_) => "jpeg",
            Transform::Crop(_) => "crop",
            Transform::Rotate(_) => "rotate",
            Transform::Mirror => "mirror",
            Transform::Brightness(_) => "brightness",
            Transform::Contrast(_) => "contrast",
            Transform::Saturation(_) => "saturation",
            Transform::Grayscale => "grayscale",
            Transform::Caption(_) => "caption",
            Transform::Watermark(_) => "watermark",
            Transform::Border(_) | Transform::Letterbox => "border",
            Transform::Collage(_) => "collage",
        }
    }

    /// Applies the edit; `seed` places crops, text and collage cells, and `fillers` are the
    /// unrelated photos a collage is made of.
    #[allow(clippy::many_single_char_names)] // w, h, f, x, y: geometry reads best short
    pub fn apply(&self, img: &RgbImage, seed: u64, fillers: &[RgbImage]) -> RgbImage {
        let mut rng = Rng::with_seed(seed);
        let (w, h) = img.dimensions();
        match *self {
            Transform::Resize(f) => imageops::resize(
                img,
                ((w as f32 * f) as u32).max(1),
                ((h as f32 * f) as u32).max(1),
                imageops::FilterType::Triangle,
            ),
            Transform::Jpeg(quality) => jpeg_round_trip(img, quality),
            Transform::Crop(f) => {
                let (cw, ch) = ((w as f32 * (1.0 - f)) as u32, (h as f32 * (1.0 - f)) as u32);
                let (x, y) = (rng.u32(0..=w - cw), rng.u32(0..=h - ch));
                imageops::crop_imm(img, x, y, cw, ch).to_image()
            }
            Transform::Rotate(degrees) => rotate(img, degrees),
            Transform::Mirror => imageops::flip_horizontal(img),
            Transform::Brightness(v) => imageops::brighten(img, v),
            Transform::Contrast(c) => imageops::contrast(img, c),
            Transform::Saturation(f) => saturate(img, f),
            Transform::Grayscale => {
                let gray = imageops::grayscale(img);
                RgbImage::from_fn(w, h, |x, y| {
                    let v = gray.get_pixel(x, y).0[0];
                    Rgb([v, v, v])
                })
            }
            Transform::Caption(f) => {
                let mut out = img.clone();
                let band = (h as f32 * f) as u32;
                let colour = Rgb([rng.u8(..), rng.u8(..), rng.u8(..)]);
                for y in h - band..h {
                    for x in 0..w {
                        out.put_pixel(x, y, colour);
                    }
                }
                let ink = Rgb(colour.0.map(|c| 255 - c));
                let cell = (band * 2 / 3).max(4);
                write_text(
                    &mut out,
                    &mut rng,
                    (cell / 3, h - band + band / 6),
                    cell,
                    ink,
                    1.0,
                );
                out
            }
            Transform::Watermark(alpha) => {
                let mut out = img.clone();
                let cell = (h / 12).max(6);
                let mut y = cell / 2;
                while y + cell < h {
                    let x = rng.u32(0..cell * 2);
                    write_text(&mut out, &mut rng, (x, y), cell, Rgb([255; 3]), alpha);
                    y += cell * 3;
                }
                out
            }
            Transform::Border(f) => {
                let b = (w.max(h) as f32 * f) as u32;
                let mut out = RgbImage::from_pixel(w + 2 * b, h + 2 * b, Rgb([255; 3]));
                imageops::overlay(&mut out, img, i64::from(b), i64::from(b));
                out
            }
            Transform::Letterbox => {
                let side = w.max(h);
                let mut out = RgbImage::from_pixel(side, side, Rgb([0; 3]));
                imageops::overlay(
                    &mut out,
                    img,
                    i64::from((side - w) / 2),
                    i64::from((side - h) / 2),
                );
                out
            }
            Transform::Collage(cells) => collage(img, cells, &mut rng, fillers),
        }
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let family = self.family();
        match self {
            Transform::Resize(v) | Transform::Saturation(v) => write!(f, "{family} {v}x"),
            Transform::Jpeg(q) => write!(f, "{family} q{q}"),
            Transform::Crop(v) | Transform::Caption(v) | Transform::Border(v) => {
                write!(f, "{family} {:.0}%", v * 100.0)
            }
            Transform::Rotate(d) => write!(f, "{family} {d}°"),
            Transform::Brightness(v) => write!(f, "{family} {v:+}"),
            Transform::Contrast(v) => write!(f, "{family} {v:+}%"),
            Transform::Watermark(a) => write!(f, "{family} {:.0}% opaque", a * 100.0),
            Transform::Letterbox => f.write_str("letterbox"),
            Transform::Collage(n) => write!(f, "{family} of {n}"),
            Transform::Mirror | Transform::Grayscale => f.write_str(family),
        }
    }
}

/// `img` encoded as a JPEG at `quality`.
///
/// # Panics
/// Never: encoding an RGB image into memory cannot fail.
pub fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut bytes), quality)
        .encode_image(img)
        .expect("encoding to memory cannot fail");
    bytes
}

fn jpeg_round_trip(img: &RgbImage, quality: u8) -> RgbImage {
    image::load_from_memory(&encode_jpeg(img, quality))
        .expect("a JPEG just encoded decodes")
        .to_rgb8()
}

fn saturate(img: &RgbImage, factor: f32) -> RgbImage {
    let mut out = img.clone();
    for p in out.pixels_mut() {
        let [r, g, b] = p.0.map(f32::from);
        let luma = 0.299 * r + 0.587 * g + 0.114 * b;
        p.0 = [r, g, b].map(|c| (luma + (c - luma) * factor).clamp(0.0, 255.0) as u8);
    }
    out
}

/// Bilinear rotation about the centre, same size, corners white.
fn rotate(img: &RgbImage, degrees: f32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
        let sx = cos * dx + sin * dy + cx - 0.5;
        let sy = -sin * dx + cos * dy + cy - 0.5;
        if sx < 0.0 || sy < 0.0 || sx > (w - 1) as f32 || sy > (h - 1) as f32 {
            return Rgb([255; 3]);
        }
        let (x0, y0) = (sx as u32, sy as u32);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let px = |x, y, c: usize| f32::from(img.get_pixel(x, y).0[c]);
        Rgb([0, 1, 2].map(|c| {
            let top = px(x0, y0, c) * (1.0 - fx) + px(x1, y0, c) * fx;
            let bottom = px(x0, y1, c) * (1.0 - fx) + px(x1, y1, c) * fx;
            (top * (1.0 - fy) + bottom * fy) as u8
        }))
    })
}

/// Blocky glyphs in rows of cells `cell` pixels high from `at`, blended at `alpha`: not
/// any script, but strokes of the size and density of lettering.
fn write_text(
    img: &mut RgbImage,
    rng: &mut Rng,
    at: (u32, u32),
    cell: u32,
    ink: Rgb<u8>,
    alpha: f32,
) {
    let (w, h) = img.dimensions();
    let glyph_w = (cell * 3 / 5).max(3);
    let stroke = (cell / 7).max(1);
    let mut x = at.0;
    while x + glyph_w < w {
        if rng.u8(..) < 30 {
            x += glyph_w; // a space
            continue;
        }
        for _ in 0..rng.u32(2..=4) {
            let (sx, sy, sw, sh) = if rng.bool() {
                (rng.u32(0..glyph_w), 0, stroke, cell)
            } else {
                (0, rng.u32(0..cell), glyph_w, stroke)
            };
            for py in at.1 + sy..(at.1 + sy + sh).min(h) {
                for pxl in x + sx..(x + sx + sw).min(w) {
                    let p = img.get_pixel_mut(pxl, py);
                    p.0 = [0, 1, 2].map(|c| {
                        (f32::from(p.0[c]) * (1.0 - alpha) + f32::from(ink.0[c]) * alpha) as u8
                    });
                }
            }
        }
        x += glyph_w + stroke * 2;
    }
}

/// `img` in one cell of a grid of `cells` (2: side by side; 4: two by two), the others
/// filled from `fillers`, with white gaps.
fn collage(img: &RgbImage, cells: u32, rng: &mut Rng, fillers: &[RgbImage]) -> RgbImage {
    let (cols, rows) = if cells <= 2 { (2, 1) } else { (2, 2) };
    let (w, h) = img.dimensions();
    let gap = w / 40;
    let mut out = RgbImage::from_pixel(
        cols * w + (cols + 1) * gap,
        rows * h + (rows + 1) * gap,
        Rgb([255; 3]),
    );
    let mine = rng.u32(0..cols * rows);
    for cell in 0..cols * rows {
        let (x, y) = (
            gap + (cell % cols) * (w + gap),
            gap + (cell / cols) * (h + gap),
        );
        let tile = if cell == mine || fillers.is_empty() {
            img.clone()
        } else {
            let filler = &fillers[rng.usize(..fillers.len())];
            imageops::resize(filler, w, h, imageops::FilterType::Triangle)
        };
        imageops::overlay(&mut out, &tile, i64::from(x), i64::from(y));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::product_photo;

    #[test]
    fn each_edit_changes_the_photo_and_keeps_it_whole() {
        let photo = product_photo(3, 200, 150);
        let filler = product_photo(4, 120, 90);
        for t in Transform::EVALUATED {
            let out = t.apply(&photo, 1, std::slice::from_ref(&filler));
            assert!(out.width() > 0 && out.height() > 0, "{t}");
            assert_ne!(out, photo, "{t} left the photo as it was");
        }
        let collage = Transform::Collage(4).apply(&photo, 1, &[filler]);
        assert!(collage.width() > 400 && collage.height() > 300);
        assert_eq!(Transform::Crop(0.1).to_string(), "crop 10%");
    }
}
