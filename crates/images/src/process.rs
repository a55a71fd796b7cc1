//! Decoding, turning, resizing and encoding one photo, through the cache folder.

use std::path::{Path, PathBuf};

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder};

use crate::{Format, Photo, Problem, Settings, cache_key, height_at, strip, widths, writes_webp};

/// Bytes made in memory, or a file in the cache holding them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blob {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// One width of a photo in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub webp: bool,
    pub blob: Blob,
}

fn unreadable(e: impl std::fmt::Display) -> Problem {
    Problem::Unreadable(e.to_string())
}

/// Every width of `file` in its own format and, when the settings say so, in WebP. With a
/// `cache` folder, results are taken from it when the file and settings are the same, and
/// kept there otherwise.
pub fn variants(
    file: &Path,
    photo: &Photo,
    settings: &Settings,
    cache: Option<&Path>,
) -> Result<Vec<Variant>, Problem> {
    let ws = widths(photo, settings);
    let webp = writes_webp(photo, settings);
    let ext = ext_of(photo.format);
    let mut names: Vec<(u32, bool, String)> = Vec::new();
    for &w in &ws {
        names.push((w, false, format!("w{w}.{ext}")));
        if webp {
            names.push((w, true, format!("w{w}.webp")));
        }
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let dir = cache.map(|c| c.join(cache_key(&bytes, settings)));
    if let Some(dir) = &dir
        && dir.join("done").is_file()
        && names.iter().all(|(_, _, n)| dir.join(n).is_file())
    {
        return Ok(names
            .into_iter()
            .map(|(width, webp, n)| Variant {
                width,
                webp,
                blob: Blob::File(dir.join(n)),
            })
            .collect());
    }
    let img = decode(&bytes)?;
    let mut out = Vec::new();
    for (w, is_webp, name) in names {
        // The original's own width in its own format: the file itself, metadata cut out
        // (an optimised PNG encoded again would only grow).
        let same = !is_webp && w == photo.width && photo.orientation == 1;
        if let Some(b) = same
            .then(|| crate::strip_metadata(&bytes, photo.format))
            .flatten()
        {
            out.push((w, is_webp, name, b));
            continue;
        }
        let resized = resize(&img, w, height_at(photo, w))?;
        let encoded = if is_webp {
            encode_webp(&resized, settings.quality)?
        } else {
            encode(&resized, photo.format, settings.quality)?
        };
        out.push((w, is_webp, name, encoded));
    }
    let Some(dir) = dir else {
        return Ok(out
            .into_iter()
            .map(|(width, webp, _, b)| Variant {
                width,
                webp,
                blob: Blob::Bytes(b),
            })
            .collect());
    };
    let kept = out.iter().try_for_each(|(_, _, n, b)| keep(&dir, n, b));
    let kept = kept.and_then(|()| keep(&dir, "done", b""));
    Ok(out
        .into_iter()
        .map(|(width, webp, n, b)| Variant {
            width,
            webp,
            // A cache that cannot be written is only slower next time.
            blob: if kept.is_ok() {
                Blob::File(dir.join(n))
            } else {
                Blob::Bytes(b)
            },
        })
        .collect())
}

/// The photo at full size with its metadata left out and its orientation applied: what is
/// published at the original's address when something links to it. Without turning, the
/// metadata is cut from the file losslessly; with it, the photo is encoded again.
pub fn stripped(
    file: &Path,
    photo: &Photo,
    settings: &Settings,
    cache: Option<&Path>,
) -> Result<Blob, Problem> {
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let name = format!("full.{}", ext_of(photo.format));
    let dir = cache.map(|c| c.join(cache_key(&bytes, settings)));
    if let Some(dir) = &dir
        && dir.join(&name).is_file()
    {
        return Ok(Blob::File(dir.join(&name)));
    }
    let lossless = match photo.format {
        _ if photo.orientation != 1 => None,
        Format::Jpeg => strip::jpeg(&bytes),
        Format::Png => strip::png(&bytes),
        Format::WebP => None,
    };
    let out = match lossless {
        Some(b) => b,
        None => {
            let img = decode(&bytes)?;
            // Encoded once more from the full photo: a higher quality than the widths.
            let q = settings.quality.max(90);
            match photo.format {
                Format::WebP => encode_webp(&img, q)?,
                f => encode(&img, f, q)?,
            }
        }
    };
    Ok(match dir {
        Some(dir) if keep(&dir, &name, &out).is_ok() => Blob::File(dir.join(name)),
        _ => Blob::Bytes(out),
    })
}

fn ext_of(format: Format) -> &'static str {
    match format {
        Format::Jpeg => "jpg",
        Format::Png => "png",
        Format::WebP => "webp",
    }
}

/// Writes under a temporary name, then renames: an interrupted build never leaves half a
/// file under the real name.
fn keep(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name))
}

/// Decoded and turned upright: 8 bits a channel, RGB, or RGBA when it has transparency.
fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(unreadable)?;
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    Ok(if img.color().has_alpha() {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    })
}

fn resize(img: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, Problem> {
    if img.width() == width && img.height() == height {
        return Ok(img.clone());
    }
    let (pixel, channels) = if img.color().has_alpha() {
        (fr::PixelType::U8x4, 4)
    } else {
        (fr::PixelType::U8x3, 3)
    };
    let src = fr::images::ImageRef::new(img.width(), img.height(), img.as_bytes(), pixel)
        .map_err(unreadable)?;
    let mut dst = fr::images::Image::new(width, height, pixel);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(unreadable)?;
    let buf = dst.into_vec();
    let made = if channels == 4 {
        image::RgbaImage::from_raw(width, height, buf).map(DynamicImage::ImageRgba8)
    } else {
        image::RgbImage::from_raw(width, height, buf).map(DynamicImage::ImageRgb8)
    };
    made.ok_or_else(|| unreadable("resized buffer has the wrong size"))
}

/// The fallback in the photo's own format. No metadata is written: the encoders are given
/// pixels only.
fn encode(img: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let (w, h, color) = (img.width(), img.height(), img.color().into());
    match format {
        Format::Jpeg => {
            // JPEG has no transparency: a transparent photo is laid on white.
            let rgb = match img {
                DynamicImage::ImageRgba8(rgba) => on_white(rgba),
                other => other.to_rgb8(),
            };
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
                .write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                .map_err(unreadable)?;
        }
        Format::Png => image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_bytes(), w, h, color)
            .map_err(unreadable)?,
        Format::WebP => return encode_webp(img, quality),
    }
    Ok(out)
}

fn on_white(rgba: &image::RgbaImage) -> image::RgbImage {
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

/// Lossy WebP through libwebp.
fn encode_webp(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, Problem> {
    let (w, h) = (img.width(), img.height());
    let encoder = match img {
        DynamicImage::ImageRgba8(_) => webp::Encoder::from_rgba(img.as_bytes(), w, h),
        _ => webp::Encoder::from_rgb(img.as_bytes(), w, h),
    };
    let q = f32::from(quality.clamp(1, 100));
    Ok(encoder.encode(q).to_vec())
}
