//! Decoding for the image checks: a JPEG is decoded once with DCT scaling (1/2, 1/4, 1/8)
//! straight to the detail size the obscured-mark check needs, or, when no scaling would
//! shrink it, whole to its luminance channel alone (zune-jpeg: no colour work, no threads);
//! other formats are decoded and shrunk to it. The small image the hashes need is derived
//! from that one decode. Every decode is capped in pixels before anything is allocated.

use std::fmt;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, Limits};

/// Largest side of the image the hashes are computed on, in pixels.
const TARGET: u32 = 160;

/// Smallest long side asked of a scaled JPEG decode for the detail image: blurred or
/// pixelated patches of a few original pixels must survive it, and a logo-shaped region
/// of 1% of a 3:2 photo must stand at least 24 pixels tall in it (the obscured-mark check's
/// shortest side). A 640-pixel photo is decoded whole, an 800- or 1024-pixel one at half.
const DETAIL_MIN: u32 = 400;

/// Largest side of the detail image.
const DETAIL_MAX: u32 = 640;

/// A decoded image in luminance: at most [`TARGET`] on its long side for hashing, a finer
/// copy for local detail, and the original size.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub luma: GrayImage,
    /// Between [`DETAIL_MIN`] and [`DETAIL_MAX`] on its long side (smaller only when the
    /// original is).
    pub detail: GrayImage,
    pub width: u32,
    pub height: u32,
}

impl Decoded {
    fn new(decoded: GrayImage, width: u32, height: u32) -> Decoded {
        // Halved by 2×2 means while still twice the hash size, as a DCT-scaled decode
        // would have given, then area-averaged: the hashes see what they always saw,
        // however large the decode (not from the detail image, whose shrink to
        // DETAIL_MAX is by another ratio).
        let mut halves: Option<GrayImage> = None;
        loop {
            let current = halves.as_ref().unwrap_or(&decoded);
            if current.width().max(current.height()) < 2 * TARGET {
                break;
            }
            halves = Some(halved(current));
        }
        let luma = shrunk(halves.as_ref().unwrap_or(&decoded), TARGET);
        let detail = if decoded.width().max(decoded.height()) > DETAIL_MAX {
            shrunk(&decoded, DETAIL_MAX)
        } else {
            decoded
        };
        Decoded {
            luma,
            detail,
            width,
            height,
        }
    }
}

/// Why an image could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Missing(String),
    Empty,
    TooLarge {
        width: u32,
        height: u32,
    },
    Corrupt(String),
    /// The file is larger than the limit, in bytes; it was not read.
    FileTooLarge {
        bytes: u64,
        max: u64,
    },
    /// Decoding took longer than the limit, in milliseconds.
    Timeout {
        ms: u64,
    },
    /// The path leads out of its folder (through a symbolic link).
    Escapes,
}

impl DecodeError {
    /// A stable reason code for rejects.
    pub fn reason(&self) -> &'static str {
        match self {
            DecodeError::Missing(_) => "missing_file",
            DecodeError::Empty => "empty_image",
            DecodeError::TooLarge { .. } => "image_too_large",
            DecodeError::Corrupt(_) => "undecodable_image",
            DecodeError::FileTooLarge { .. } => "image_file_too_large",
            DecodeError::Timeout { .. } => "decode_timeout",
            DecodeError::Escapes => "path_escape",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Missing(e) => write!(f, "cannot be opened: {e}"),
            DecodeError::Empty => f.write_str("the file is empty"),
            DecodeError::TooLarge { width, height } => {
                write!(f, "{width}x{height} is over the pixel limit")
            }
            DecodeError::Corrupt(e) => write!(f, "cannot be decoded: {e}"),
            DecodeError::FileTooLarge { bytes, max } => {
                write!(f, "is {bytes} bytes, over the limit of {max}")
            }
            DecodeError::Timeout { ms } => write!(f, "took over {ms} ms to decode; skipped"),
            DecodeError::Escapes => {
                f.write_str("leads out of the dump's folder through a symbolic link")
            }
        }
    }
}

/// Decodes `path` small, refusing images over `max_pixels` before decoding them.
pub fn decode_small(path: &Path, max_pixels: u64) -> Result<Decoded, DecodeError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| BufReader::new(f).read_to_end(&mut bytes))
        .map_err(|e| DecodeError::Missing(e.to_string()))?;
    decode_bytes(&bytes, max_pixels)
}

/// Decodes an image file's contents small, as [`decode_small`] does.
pub fn decode_bytes(bytes: &[u8], max_pixels: u64) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        if let Some(decoded) = decode_jpeg_luma(bytes, max_pixels, DETAIL_MIN)? {
            return Ok(decoded);
        }
        let jpeg = decode_jpeg(bytes, max_pixels, DETAIL_MIN)?;
        let (width, height) = jpeg.original;
        return Ok(Decoded::new(jpeg.luma()?, width, height));
    }
    let (img, width, height) = decode_other(bytes, max_pixels)?;
    Ok(Decoded::new(img.to_luma8(), width, height))
}

/// An image of any format but JPEG, decoded whole once its header's size is checked, and
/// its size.
pub(crate) fn decode_other(
    bytes: &[u8],
    max_pixels: u64,
) -> Result<(image::DynamicImage, u32, u32), DecodeError> {
    let corrupt = |e: image::ImageError| DecodeError::Corrupt(e.to_string());
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| DecodeError::Corrupt(e.to_string()))
    };
    let (width, height) = reader()?.into_dimensions().map_err(corrupt)?;
    check_size(width, height, max_pixels)?;
    let mut reader = reader()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(8));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    // A file whose orientation cannot be read is shown as stored, as viewers do.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    img.apply_orientation(orientation);
    let (width, height) = oriented_size((width, height), orientation);
    Ok((img, width, height))
}

/// The size of a `(width, height)` image once `orientation` is applied.
fn oriented_size((width, height): (u32, u32), orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

fn check_size(width: u32, height: u32, max_pixels: u64) -> Result<(), DecodeError> {
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > max_pixels {
        return Err(DecodeError::TooLarge { width, height });
    }
    Ok(())
}

/// A JPEG decoded by DCT scaling, to no less than `long_side` on its long side where the
/// original is larger.
pub(crate) struct ScaledJpeg {
    pixels: Vec<u8>,
    format: jpeg_decoder::PixelFormat,
    width: u32,
    height: u32,
    /// How the stored pixels are turned to be shown (its EXIF orientation).
    orientation: Orientation,
    /// The original's size, as shown.
    pub(crate) original: (u32, u32),
}

impl ScaledJpeg {
    /// Each pixel as red, green, blue.
    fn rgb(&self) -> Vec<[u8; 3]> {
        match self.format {
            jpeg_decoder::PixelFormat::L8 => self.pixels.iter().map(|&v| [v; 3]).collect(),
            jpeg_decoder::PixelFormat::L16 => {
                self.pixels.chunks_exact(2).map(|p| [p[0]; 3]).collect()
            }
            jpeg_decoder::PixelFormat::RGB24 => self
                .pixels
                .chunks_exact(3)
                .map(|p| [p[0], p[1], p[2]])
                .collect(),
            jpeg_decoder::PixelFormat::CMYK32 => self
                .pixels
                .chunks_exact(4)
                .map(|p| {
                    let k = 255 - u32::from(p[3]);
                    [0, 1, 2].map(|i| ((255 - u32::from(p[i])) * k / 255) as u8)
                })
                .collect(),
        }
    }

    fn luma(&self) -> Result<GrayImage, DecodeError> {
        let luma: Vec<u8> = match self.format {
            jpeg_decoder::PixelFormat::L8 => self.pixels.clone(),
            _ => self
                .rgb()
                .iter()
                .map(|&[r, g, b]| luma_of(r, g, b))
                .collect(),
        };
        let stored = GrayImage::from_raw(self.width, self.height, luma).ok_or_else(short)?;
        Ok(self.shown(DynamicImage::ImageLuma8(stored)).into_luma8())
    }

    pub(crate) fn to_rgb(&self) -> Result<image::RgbImage, DecodeError> {
        let rgb = self.rgb().into_iter().flatten().collect();
        let stored = image::RgbImage::from_raw(self.width, self.height, rgb).ok_or_else(short)?;
        Ok(self.shown(DynamicImage::ImageRgb8(stored)).into_rgb8())
    }

    /// The stored pixels turned as the file says they are shown.
    fn shown(&self, mut stored: DynamicImage) -> DynamicImage {
        stored.apply_orientation(self.orientation);
        stored
    }
}

fn short() -> DecodeError {
    DecodeError::Corrupt("pixel data shorter than the image".into())
}

/// Decodes a JPEG scaled down by DCT to no less than `long_side`, once its frame header's
/// size is checked against `max_pixels`.
pub(crate) fn decode_jpeg(
    bytes: &[u8],
    max_pixels: u64,
    long_side: u32,
) -> Result<ScaledJpeg, DecodeError> {
    let corrupt = |e: jpeg_decoder::Error| DecodeError::Corrupt(e.to_string());
    let no_header = || DecodeError::Corrupt("no frame header".into());
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(corrupt)?;
    let info = decoder.info().ok_or_else(no_header)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_size(width, height, max_pixels)?;
    let long = width.max(height);
    let requested = |side: u32| {
        u16::try_from((u64::from(side) * u64::from(long_side) / u64::from(long)).max(1))
            .unwrap_or(u16::MAX)
    };
    let (w, h) = decoder
        .scale(requested(width), requested(height))
        .map_err(corrupt)?;
    let pixels = decoder.decode().map_err(corrupt)?;
    let format = decoder.info().ok_or_else(no_header)?.pixel_format;
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    Ok(ScaledJpeg {
        pixels,
        format,
        width: u32::from(w),
        height: u32::from(h),
        orientation,
        original: oriented_size((width, height), orientation),
    })
}

/// A JPEG too small for DCT scaling to shrink it (its long side under twice
/// `long_side`), decoded whole to its luminance channel alone: the colour channels are
/// never upsampled or converted. `None` as for [`decode_jpeg_whole`].
fn decode_jpeg_luma(
    bytes: &[u8],
    max_pixels: u64,
    long_side: u32,
) -> Result<Option<Decoded>, DecodeError> {
    let whole = decode_jpeg_whole(bytes, max_pixels, 2 * long_side, Channels::Luma)?;
    Ok(whole.map(|(shown, (width, height))| Decoded::new(shown.into_luma8(), width, height)))
}

/// An image turned as it is shown, and its size as shown.
pub(crate) type Shown = (DynamicImage, (u32, u32));

/// What [`decode_jpeg_whole`] decodes a JPEG to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Channels {
    Luma,
    Rgb,
}

/// A JPEG whose long side is under `under`, decoded whole by a decoder that starts no
/// threads of its own (the scaling decoder starts one per colour channel for each image,
/// on cores the scan keeps busy), turned as it is shown, with its size as shown. `None`
/// for a larger JPEG, one whose colours are not YCbCr or grey (CMYK), or one this decoder
/// cannot read: [`decode_jpeg`] handles those, and says what is wrong.
pub(crate) fn decode_jpeg_whole(
    bytes: &[u8],
    max_pixels: u64,
    under: u32,
    channels: Channels,
) -> Result<Option<Shown>, DecodeError> {
    use zune_core::colorspace::ColorSpace;
    let out = match channels {
        Channels::Luma => ColorSpace::Luma,
        Channels::Rgb => ColorSpace::RGB,
    };
    // The size is checked against `max_pixels` below, before anything is decoded.
    let options = zune_core::options::DecoderOptions::default()
        .jpeg_set_out_colorspace(out)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    if decoder.decode_headers().is_err() {
        return Ok(None);
    }
    let Some((width, height)) = decoder
        .dimensions()
        .and_then(|(w, h)| Some((u32::try_from(w).ok()?, u32::try_from(h).ok()?)))
    else {
        return Ok(None);
    };
    check_size(width, height, max_pixels)?;
    let plain = matches!(
        decoder.input_colorspace(),
        Some(ColorSpace::YCbCr | ColorSpace::Luma)
    );
    if !plain || width.max(height) >= under {
        return Ok(None);
    }
    let orientation = decoder
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let Ok(pixels) = decoder.decode() else {
        return Ok(None);
    };
    let mut shown = match channels {
        Channels::Luma => {
            DynamicImage::ImageLuma8(GrayImage::from_raw(width, height, pixels).ok_or_else(short)?)
        }
        Channels::Rgb => DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(width, height, pixels).ok_or_else(short)?,
        ),
    };
    shown.apply_orientation(orientation);
    Ok(Some((shown, oriented_size((width, height), orientation))))
}

fn luma_of(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000) as u8
}

/// Half the size, each pixel the mean of a 2×2 block (an odd last row or column dropped; a
/// side of one pixel stays one, its only row or column counted twice).
fn halved(img: &GrayImage) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let (hw, hh) = ((w / 2).max(1), (h / 2).max(1));
    let raw = img.as_raw();
    let mut out = Vec::with_capacity(hw * hh);
    for y in 0..hh {
        let top = &raw[2 * y * w..][..w];
        let bottom = &raw[(2 * y + 1).min(h - 1) * w..][..w];
        out.extend((0..hw).map(|x| {
            let (left, right) = (2 * x, (2 * x + 1).min(w - 1));
            let sum = u16::from(top[left])
                + u16::from(top[right])
                + u16::from(bottom[left])
                + u16::from(bottom[right]);
            ((sum + 2) / 4) as u8
        }));
    }
    GrayImage::from_raw(hw as u32, hh as u32, out).expect("the buffer holds every pixel")
}

/// A copy at most `side` on the long side, by area averaging.
fn shrunk(img: &GrayImage, side: u32) -> GrayImage {
    let (w, h) = img.dimensions();
    if w.max(h) <= side {
        return img.clone();
    }
    let scale = f64::from(side) / f64::from(w.max(h));
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    area_average(img, nw, nh)
}

/// `image::imageops::thumbnail` of a grey image shrunk to `nw`×`nh`, pixel for pixel the
/// same, in a fraction of the time: each output pixel is the rounded mean of the whole
/// input pixels its window covers, and the windows are worked out as that function works
/// them out (in `f32`), so the sums over them are summed a row of windows at a time.
fn area_average(img: &GrayImage, nw: u32, nh: u32) -> GrayImage {
    let (w, h) = img.dimensions();
    // Per output column (row): the input columns (rows) `lo..hi` its window covers.
    let spans = |len: u32, out: u32| -> Vec<(u32, u32)> {
        let ratio = len as f32 / out as f32;
        let clamp = |v: u32, lo: u32, hi: u32| if v < lo { lo } else { v.min(hi) };
        (0..out)
            .map(|o| {
                let from = o as f32 * ratio;
                let to = from + ratio;
                let lo = clamp(from.ceil() as u32, 0, len - 1);
                (lo, clamp(to.ceil() as u32, lo, len))
            })
            .collect()
    };
    if w == 0 || h == 0 || nw == 0 || nh == 0 {
        return image::imageops::thumbnail(img, nw, nh);
    }
    let (columns, rows) = (spans(w, nw), spans(h, nh));
    // A window narrower than a pixel (an image enlarged) is blended from two: that case is
    // the function's own.
    if columns.iter().chain(&rows).any(|(lo, hi)| lo == hi) {
        return image::imageops::thumbnail(img, nw, nh);
    }
    let raw = img.as_raw();
    let mut sums = vec![0u32; w as usize];
    let mut out = Vec::with_capacity(nw as usize * nh as usize);
    for &(top, bottom) in &rows {
        sums.fill(0);
        for y in top..bottom {
            let line = &raw[y as usize * w as usize..][..w as usize];
            for (sum, &p) in sums.iter_mut().zip(line) {
                *sum += u32::from(p);
            }
        }
        out.extend(columns.iter().map(|&(left, right)| {
            let n = (right - left) * (bottom - top);
            let sum: u32 = sums[left as usize..right as usize].iter().sum();
            ((sum + n / 2) / n) as u8
        }));
    }
    GrayImage::from_raw(nw, nh, out).expect("the buffer holds every pixel")
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::PngEncoder;
    use image::{ImageEncoder, Luma};

    /// Area averaging gives `image`'s thumbnail pixel for pixel, whatever the sizes.
    #[test]
    fn area_average_is_images_thumbnail() {
        let mut rng = fastrand::Rng::with_seed(3);
        let sizes = [
            ((548, 548), (160, 160)),
            ((274, 274), (160, 160)),
            ((800, 533), (160, 107)),
            ((333, 1000), (53, 160)),
            ((161, 97), (160, 96)),
            ((1000, 1), (160, 1)),
            ((7, 300), (4, 160)),
            ((640, 480), (640, 480)),
            // Enlarged in one direction: the windows are narrower than a pixel.
            ((100, 300), (160, 160)),
        ];
        for ((w, h), (nw, nh)) in sizes {
            let img = GrayImage::from_fn(w, h, |_, _| Luma([rng.u8(..)]));
            assert_eq!(
                area_average(&img, nw, nh),
                image::imageops::thumbnail(&img, nw, nh),
                "{w}x{h} to {nw}x{nh}"
            );
        }
    }

    /// An EXIF block (big-endian TIFF) holding only an orientation.
    fn exif(orientation: u8) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        // Tag 0x0112, type SHORT, count 1, the value left-aligned in four bytes.
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        tiff
    }

    /// How the pixels must be stored for `orientation` to show them as `shown`.
    fn stored(shown: &GrayImage, orientation: Orientation) -> GrayImage {
        let undo = match orientation {
            Orientation::Rotate90 => Orientation::Rotate270,
            Orientation::Rotate270 => Orientation::Rotate90,
            other => other,
        };
        let mut img = DynamicImage::ImageLuma8(shown.clone());
        img.apply_orientation(undo);
        img.into_luma8()
    }

    fn encoded(img: &GrayImage, orientation: u8, png: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let (w, h) = img.dimensions();
        let colour = image::ExtendedColorType::L8;
        if png {
            let mut encoder = PngEncoder::new(&mut bytes);
            encoder.set_exif_metadata(exif(orientation)).unwrap();
            encoder.write_image(img.as_raw(), w, h, colour).unwrap();
        } else {
            let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 95);
            encoder.set_exif_metadata(exif(orientation)).unwrap();
            encoder.write_image(img.as_raw(), w, h, colour).unwrap();
        }
        bytes
    }

    /// A 480×320 photo a turn or a flip cannot leave as it was: bright in its top-left
    /// corner, dark in its bottom-right, a gradient across.
    fn shown() -> GrayImage {
        GrayImage::from_fn(480, 320, |x, y| {
            let v = if x < 160 && y < 100 {
                240
            } else if x > 380 && y > 240 {
                10
            } else {
                60 + x / 4
            };
            Luma([v as u8])
        })
    }

    /// Halving takes each 2×2 block's rounded mean, odd last rows and columns left out,
    /// and keeps a side of one pixel.
    #[test]
    fn halving_averages_each_block() {
        let img = GrayImage::from_fn(7, 5, |x, y| Luma([(x * 30 + y * 7) as u8]));
        let half = halved(&img);
        assert_eq!(half.dimensions(), (3, 2));
        for (x, y, p) in half.enumerate_pixels() {
            let at = |dx: u32, dy: u32| u16::from(img.get_pixel(2 * x + dx, 2 * y + dy).0[0]);
            let mean = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) / 4;
            assert_eq!(u16::from(p.0[0]), mean, "({x}, {y})");
        }
        let column = GrayImage::from_fn(1, 4, |_, y| Luma([(y * 10) as u8]));
        assert_eq!(halved(&column).as_raw(), &vec![5, 25]);
    }

    /// A colour photo small enough to be decoded whole reads as its luminance channel:
    /// within a grey level or so of the luminance the scaling decoder derives from its
    /// colours, and the same image however it was decoded.
    #[test]
    fn a_small_colour_jpeg_reads_as_its_luminance() {
        let photo = image::RgbImage::from_fn(480, 320, |x, y| {
            image::Rgb([(x / 2) as u8, (y * 3 / 4) as u8, ((x + y) / 4) as u8])
        });
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 90)
            .write_image(photo.as_raw(), 480, 320, image::ExtendedColorType::Rgb8)
            .unwrap();
        let whole = decode_jpeg_luma(&bytes, 50_000_000, DETAIL_MIN)
            .unwrap()
            .expect("a 480-pixel YCbCr JPEG is decoded whole");
        let scaled = decode_jpeg(&bytes, 50_000_000, DETAIL_MIN)
            .unwrap()
            .luma()
            .unwrap();
        assert_eq!(whole.detail.dimensions(), scaled.dimensions());
        let diff: u64 = whole
            .detail
            .pixels()
            .zip(scaled.pixels())
            .map(|(a, b)| u64::from(a.0[0].abs_diff(b.0[0])))
            .sum();
        let mean = diff as f64 / f64::from(480 * 320);
        assert!(mean < 1.5, "mean difference {mean}");
        // Twice the detail size or more is left to DCT scaling.
        let large = image::RgbImage::from_pixel(900, 600, image::Rgb([90, 120, 150]));
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 90)
            .write_image(large.as_raw(), 900, 600, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert!(
            decode_jpeg_luma(&bytes, 50_000_000, DETAIL_MIN)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn every_exif_orientation_is_shown_as_a_viewer_shows_it() {
        let shown = shown();
        for exif_value in 1..=8u8 {
            let orientation = Orientation::from_exif(exif_value).unwrap();
            for png in [false, true] {
                let bytes = encoded(&stored(&shown, orientation), exif_value, png);
                let decoded = decode_bytes(&bytes, 50_000_000).unwrap();
                assert_eq!(
                    (decoded.width, decoded.height),
                    (480, 320),
                    "orientation {exif_value}, png {png}"
                );
                // The detail image is the photo as shown, give or take the JPEG.
                let (w, h) = decoded.detail.dimensions();
                assert_eq!((w, h), (480, 320), "orientation {exif_value}, png {png}");
                let off = decoded
                    .detail
                    .pixels()
                    .zip(shown.pixels())
                    .map(|(a, b)| u32::from(a.0[0].abs_diff(b.0[0])))
                    .sum::<u32>()
                    / (w * h);
                assert!(off <= 2, "orientation {exif_value}, png {png}: {off}");
            }
        }
    }
}
