//! Synthetic product photos: a studio background, a textured object, a badge. Distinct
//! for every seed, deterministic for each.

use fastrand::Rng;
use image::{Rgb, RgbImage};

/// A `w`×`h` product-style photo for `seed`.
///
/// # Example
/// ```
/// let a = ippscan::synth::product_photo(1, 64, 48);
/// assert_eq!(a.dimensions(), (64, 48));
/// assert_eq!(a, ippscan::synth::product_photo(1, 64, 48));
/// assert_ne!(a, ippscan::synth::product_photo(2, 64, 48));
/// ```
pub fn product_photo(seed: u64, w: u32, h: u32) -> RgbImage {
    let mut rng = Rng::with_seed(seed);
    let bg_top = [rng.u8(200..=255), rng.u8(200..=255), rng.u8(200..=255)];
    let bg_bottom = [rng.u8(150..=230), rng.u8(150..=230), rng.u8(150..=230)];
    let body = [rng.u8(..=255), rng.u8(..=200), rng.u8(..=255)];
    let accent = [rng.u8(..=255), rng.u8(..=255), rng.u8(..=120)];
    let (cx, cy) = (
        w as f32 * (0.35 + 0.3 * rng.f32()),
        h as f32 * (0.35 + 0.3 * rng.f32()),
    );
    let (rx, ry) = (
        w as f32 * (0.18 + 0.15 * rng.f32()),
        h as f32 * (0.15 + 0.15 * rng.f32()),
    );
    let ellipse = rng.bool();
    let stripe_period = 4.0 + 12.0 * rng.f32();
    let stripe_angle = rng.f32() * std::f32::consts::PI;
    let (sa, ca) = stripe_angle.sin_cos();
    let (bx, by, br) = (
        cx + rx * 0.3,
        cy - ry * 0.2,
        rx.min(ry) * (0.2 + 0.15 * rng.f32()),
    );
    let mix = |a: [u8; 3], b: [u8; 3], t: f32| {
        Rgb([0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t) as u8))
    };
    RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let (dx, dy) = ((fx - cx) / rx, (fy - cy) / ry);
        let inside = if ellipse {
            dx * dx + dy * dy <= 1.0
        } else {
            dx.abs() <= 1.0 && dy.abs() <= 1.0
        };
        if (fx - bx).powi(2) + (fy - by).powi(2) <= br * br {
            return Rgb(accent);
        }
        if inside {
            let along = fx * ca + fy * sa;
            let stripe = ((along / stripe_period).sin() * 0.5 + 0.5) * 0.35;
            let shade = 0.25 * (dx + dy).clamp(-1.0, 1.0);
            return mix(body, [0, 0, 0], (stripe + shade).clamp(0.0, 0.8));
        }
        let shadow = ((fx - cx).powi(2) / (rx * 1.3).powi(2)
            + (fy - cy - ry * 1.05).powi(2) / (ry * 0.3).powi(2))
            < 1.0;
        let base = mix(bg_top, bg_bottom, fy / h as f32);
        if shadow {
            mix([base[0], base[1], base[2]], [60, 60, 60], 0.35)
        } else {
            base
        }
    })
}
