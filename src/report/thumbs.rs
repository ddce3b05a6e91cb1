//! Thumbnails for the report: every image a card shows is decoded again (small JPEGs
//! whole, larger ones by DCT scaling), shrunk and written as a JPEG of ippscan's own into
//! the report's folder, so the page never points at a listing's file. `jpeg-encoder`
//! writes them: a third of the time of `image`'s encoder, and fewer bytes (it subsamples
//! the colour, as cameras do).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder};
use rayon::prelude::*;

use crate::detect::image::decode::{Channels, decode_jpeg, decode_jpeg_whole, decode_other};

/// Longest side of a thumbnail, in pixels.
pub const SIDE: u32 = 240;

/// A thumbnail written into the report's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thumb {
    /// File name inside the report's folder.
    pub file: String,
    pub width: u32,
    pub height: u32,
    /// The original image's size: boxes in its pixels are drawn on the thumbnail.
    pub original: (u32, u32),
}

/// Thumbnails of a set of images, by their path on disk; an image that cannot be read
/// has none (the card says so).
#[derive(Debug, Default)]
pub struct Thumbs {
    made: HashMap<PathBuf, Thumb>,
    pub failed: usize,
}

impl Thumbs {
    /// Makes a thumbnail of each of `paths` in `dir`, on all cores; images over
    /// `max_pixels` are not decoded.
    pub fn make(dir: &Path, paths: Vec<PathBuf>, max_pixels: u64) -> Thumbs {
        let results: Vec<(PathBuf, Option<Thumb>)> = paths
            .into_par_iter()
            .map(|path| {
                let thumb = thumbnail(&path, max_pixels).and_then(|(img, original)| {
                    let file = format!(
                        "t-{:016x}.jpg",
                        xxhash_rust::xxh3::xxh3_64(path.to_string_lossy().as_bytes())
                    );
                    let mut bytes = Vec::new();
                    let (w, h) = (
                        u16::try_from(img.width()).ok()?,
                        u16::try_from(img.height()).ok()?,
                    );
                    Encoder::new(&mut bytes, 82)
                        .encode(img.as_raw(), w, h, ColorType::Rgb)
                        .ok()?;
                    std::fs::write(dir.join(&file), bytes).ok()?;
                    Some(Thumb {
                        file,
                        width: img.width(),
                        height: img.height(),
                        original,
                    })
                });
                (path, thumb)
            })
            .collect();
        let mut thumbs = Thumbs::default();
        for (path, thumb) in results {
            match thumb {
                Some(t) => {
                    thumbs.made.insert(path, t);
                }
                None => thumbs.failed += 1,
            }
        }
        thumbs
    }

    pub fn get(&self, path: &Path) -> Option<&Thumb> {
        self.made.get(path)
    }

    /// How many thumbnails were made.
    pub fn count(&self) -> usize {
        self.made.len()
    }
}

/// JPEGs whose long side is under this are decoded whole for a thumbnail: up to four
/// times its side, one takes less time whole (2.1 ms for 548 pixels) than scaled by the
/// decoder that starts a thread per colour channel (3.3 ms on one core).
const WHOLE_UNDER: u32 = 4 * SIDE;

/// The image at `path` shrunk to at most [`SIDE`] pixels, and its original size.
fn thumbnail(path: &Path, max_pixels: u64) -> Option<(RgbImage, (u32, u32))> {
    let bytes = std::fs::read(path).ok()?;
    let (img, original) = if bytes.starts_with(&[0xFF, 0xD8]) {
        // A small JPEG is decoded whole, without the scaling decoder's threads; a larger
        // one's scaled decode does most of the shrinking, and better than a resample of
        // the whole photo would at its cost.
        if let Some((img, original)) =
            decode_jpeg_whole(&bytes, max_pixels, WHOLE_UNDER, Channels::Rgb).ok()?
        {
            (img.into_rgb8(), original)
        } else {
            let jpeg = decode_jpeg(&bytes, max_pixels, SIDE).ok()?;
            (jpeg.to_rgb().ok()?, jpeg.original)
        }
    } else {
        let (img, w, h) = decode_other(&bytes, max_pixels).ok()?;
        (img.to_rgb8(), (w, h))
    };
    let (w, h) = img.dimensions();
    let scale = f64::from(SIDE) / f64::from(w.max(h));
    let img = if scale < 1.0 {
        let tw = ((f64::from(w) * scale).round() as u32).max(1);
        let th = ((f64::from(h) * scale).round() as u32).max(1);
        shrink(&img, tw, th)?
    } else {
        img
    };
    Some((img, original))
}

/// `img` shrunk to `width`×`height` by area averaging (a box filter), with
/// `fast_image_resize`'s SIMD kernels: about 0.07 ms a thumbnail, where `image`'s own
/// resamplers took 1 ms.
fn shrink(img: &RgbImage, width: u32, height: u32) -> Option<RgbImage> {
    use fast_image_resize::images::{Image, ImageRef};
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let source = ImageRef::new(img.width(), img.height(), img.as_raw(), PixelType::U8x3).ok()?;
    let mut shrunk = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Box));
    Resizer::new().resize(&source, &mut shrunk, &options).ok()?;
    RgbImage::from_raw(width, height, shrunk.into_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinking_averages_areas() {
        // Red on the left, blue on the right, a grey stripe of 3 pixels in every 8 rows.
        let img = RgbImage::from_fn(480, 240, |x, y| match (x < 240, y % 8 < 3) {
            (_, true) => image::Rgb([128, 128, 128]),
            (true, false) => image::Rgb([255, 0, 0]),
            (false, false) => image::Rgb([0, 0, 255]),
        });
        let small = shrink(&img, 240, 120).unwrap();
        assert_eq!(small.dimensions(), (240, 120));
        // Averaged over every eight rows, each half is 5/8 its colour and 3/8 grey.
        let mean = |x0: u32, x1: u32, c: usize| {
            let values: Vec<f64> = (x0..x1)
                .flat_map(|x| (0..120).map(move |y| (x, y)))
                .map(|(x, y)| f64::from(small.get_pixel(x, y).0[c]))
                .collect();
            values.iter().sum::<f64>() / values.len() as f64
        };
        let red = 255.0 * 5.0 / 8.0 + 128.0 * 3.0 / 8.0;
        assert!((mean(0, 119, 0) - red).abs() < 2.0, "{}", mean(0, 119, 0));
        assert!(
            (mean(121, 240, 2) - red).abs() < 2.0,
            "{}",
            mean(121, 240, 2)
        );
        assert!(mean(0, 119, 2) < 50.0 && mean(121, 240, 0) < 50.0);
    }

    /// Both ways a JPEG is read: whole (under [`WHOLE_UNDER`]) and by scaled decoding.
    #[test]
    fn a_thumbnail_is_a_small_jpeg_of_the_same_picture() {
        for (width, height) in [(600, 400), (1500, 1000)] {
            let dir = tempfile::tempdir().unwrap();
            // Orange above, teal below.
            let photo = RgbImage::from_fn(width, height, |_, y| {
                image::Rgb(if y < height / 2 {
                    [240, 140, 20]
                } else {
                    [20, 150, 150]
                })
            });
            let path = dir.path().join("photo.jpg");
            photo.save(&path).unwrap();
            let missing = dir.path().join("missing.jpg");
            let thumbs = Thumbs::make(dir.path(), vec![path.clone(), missing], 50_000_000);
            assert_eq!((thumbs.count(), thumbs.failed), (1, 1));
            let thumb = thumbs.get(&path).unwrap();
            assert_eq!(
                (thumb.width, thumb.height, thumb.original),
                (240, 160, (width, height)),
                "{width}×{height}"
            );
            let written = image::open(dir.path().join(&thumb.file)).unwrap().to_rgb8();
            assert_eq!(written.dimensions(), (240, 160));
            let near = |p: &image::Rgb<u8>, want: [u8; 3]| {
                p.0.iter().zip(want).all(|(&a, b)| a.abs_diff(b) <= 12)
            };
            assert!(
                near(written.get_pixel(120, 40), [240, 140, 20]),
                "{width}×{height}"
            );
            assert!(
                near(written.get_pixel(120, 120), [20, 150, 150]),
                "{width}×{height}"
            );
        }
    }
}
