//! Photos served fast: what a published raster image becomes. A JPEG, PNG or WebP shown on a
//! page is written in a few widths (never wider than the original), as WebP and in its own
//! format, turned the way its EXIF orientation says and with every piece of metadata (GPS,
//! camera serial, comments) left out; the markup that offers them (`srcset`) is made here
//! too, so that a page and the files it names cannot disagree. GIFs and SVGs pass untouched.
//!
//! Knows nothing of sites: it takes a file, its address and the [`Settings`]. Results are
//! kept in a cache folder named by the file's content and the settings, so a rebuild does
//! no image work for a photo that did not change.

mod process;
mod strip;
pub mod testing;

use std::path::Path;

pub use process::{Blob, Variant, stripped, variants};

/// Sides or sizes beyond these are refused: decoding a 12,000 px panorama takes over half a
/// gigabyte, and a phone photo is 4,032 px and a few MB.
pub const MAX_SIDE: u32 = 8000;
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// The `[images]` settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Widths written, in pixels; those not smaller than the original are left out and the
    /// original width is written instead.
    pub widths: Vec<u32>,
    /// Quality of the lossy encoders (JPEG and WebP), 1–100.
    pub quality: u8,
    /// Also write WebP (smaller for the same look) beside the original format.
    pub webp: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            widths: vec![480, 800, 1200, 1600],
            quality: 80,
            webp: true,
        }
    }
}

/// The raster formats written in several widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

/// A photo as its header tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Photo {
    pub format: Format,
    /// As shown: after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation (1 = as stored).
    pub orientation: u8,
}

/// What an image file is to the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probed {
    /// Written in several widths.
    Photo(Photo),
    /// Published as it is: GIF (animated or not), SVG, icons, anything not a photo format.
    PassThrough,
}

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooLarge { width: u32, height: u32, bytes: u64 },
    Unreadable(String),
}

impl Problem {
    /// What is wrong and what to do, in Japanese, then English.
    pub fn message(&self) -> (String, String) {
        match self {
            Problem::TooLarge {
                width,
                height,
                bytes,
            } => {
                let mb = *bytes as f64 / (1024.0 * 1024.0);
                (
                    format!(
                        "画像が大きすぎます（{width}×{height} ピクセル、{mb:.1} MB）。長い辺 {MAX_SIDE} ピクセル、{} MB までにしてください",
                        MAX_BYTES / (1024 * 1024)
                    ),
                    format!(
                        "the image is too large ({width}×{height} px, {mb:.1} MB); keep it within {MAX_SIDE} px a side and {} MB",
                        MAX_BYTES / (1024 * 1024)
                    ),
                )
            }
            Problem::Unreadable(e) => (
                format!(
                    "画像ファイルを読めません（{e}）。JPEG・PNG・WebP で保存し直してください（iPhone の HEIC 写真は「JPEG で書き出す」）"
                ),
                format!(
                    "cannot read the image ({e}); save it again as JPEG, PNG or WebP (export iPhone HEIC photos as JPEG)"
                ),
            ),
        }
    }
}

/// The format by the file's name; `None` for what passes untouched.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(Format::Jpeg),
        "png" => Some(Format::Png),
        "webp" => Some(Format::WebP),
        _ => None,
    }
}

/// Reads the header of `path`: its format, size as shown, and orientation.
pub fn probe(path: &Path) -> Result<Probed, Problem> {
    let Some(format) = format_of(path) else {
        return Ok(Probed::PassThrough);
    };
    let bytes = std::fs::metadata(path)
        .map_err(|e| Problem::Unreadable(e.to_string()))?
        .len();
    let unreadable = |e: &dyn std::fmt::Display| Problem::Unreadable(e.to_string());
    // The size from the header alone, before a decoder sees a file that may be huge.
    if let Ok(size) = imagesize::size(path) {
        let (w, h) = (size.width as u32, size.height as u32);
        if w.max(h) > MAX_SIDE || bytes > MAX_BYTES {
            return Err(Problem::TooLarge {
                width: w,
                height: h,
                bytes,
            });
        }
    }
    let mut reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| unreadable(&e))?;
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(&e))?;
    let (w, h) = image::ImageDecoder::dimensions(&decoder);
    if w.max(h) > MAX_SIDE || bytes > MAX_BYTES {
        return Err(Problem::TooLarge {
            width: w,
            height: h,
            bytes,
        });
    }
    let orientation = image::ImageDecoder::orientation(&mut decoder)
        .map(|o| o.to_exif())
        .unwrap_or(1);
    // Orientations 5–8 turn the picture a quarter: width and height swap.
    let (width, height) = if orientation >= 5 { (h, w) } else { (w, h) };
    Ok(Probed::Photo(Photo {
        format,
        width,
        height,
        orientation,
    }))
}

/// The widths written for `photo`, smallest first: the configured ones narrower than the
/// original, and the original's own width when a configured one would be wider.
pub fn widths(photo: &Photo, settings: &Settings) -> Vec<u32> {
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w < photo.width)
        .collect();
    out.sort_unstable();
    out.dedup();
    if out.is_empty() || settings.widths.iter().any(|&w| w >= photo.width) {
        out.push(photo.width);
    }
    out
}

/// Height at `width`, keeping the proportions (at least one pixel).
pub fn height_at(photo: &Photo, width: u32) -> u32 {
    ((u64::from(photo.height) * u64::from(width) + u64::from(photo.width) / 2)
        / u64::from(photo.width.max(1)))
    .max(1) as u32
}

/// The name of one width of `name` (a file name, a path or an address):
/// `a/photo.jpg` → `a/photo.w800.jpg`, or `a/photo.w800.webp` for the WebP.
pub fn variant_name(name: &str, width: u32, webp: bool) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if !name[i..].contains('/') => (&name[..i], &name[i + 1..]),
        _ => (name, ""),
    };
    let ext = if webp { "webp" } else { ext };
    format!("{stem}.w{width}.{ext}")
}

/// The name [`variant_name`] made `name` from, when `name` is a width's fallback
/// (`a/photo.w800.jpg` → `a/photo.jpg`).
pub fn original_name(name: &str) -> Option<String> {
    let dot = name.rfind('.')?;
    let (stem, ext) = name.split_at(dot);
    let w = stem.rfind(".w")?;
    let digits = &stem[w + 2..];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}{ext}", &stem[..w]))
}

/// Whether a WebP is written beside the fallback (not when the photo is a WebP already).
pub fn writes_webp(photo: &Photo, settings: &Settings) -> bool {
    settings.webp && photo.format != Format::WebP
}

/// What a page needs to offer a photo at `url`: the fallback `src` (the width nearest
/// 1200 px, a good size for sharing cards too), its `srcset`, the WebP `srcset` when there is
/// one, and the size as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsive {
    pub src: String,
    pub srcset: String,
    pub webp_srcset: Option<String>,
    pub width: u32,
    pub height: u32,
}

/// The width used as `src` and as a sharing card's image.
const FALLBACK_WIDTH: u32 = 1200;

impl Responsive {
    pub fn new(url: &str, photo: &Photo, settings: &Settings) -> Self {
        let ws = widths(photo, settings);
        let set = |webp: bool| {
            ws.iter()
                .map(|&w| format!("{} {w}w", variant_name(url, w, webp)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let src_w = ws
            .iter()
            .copied()
            .filter(|&w| w <= FALLBACK_WIDTH)
            .max()
            .unwrap_or(ws[0]);
        Responsive {
            src: variant_name(url, src_w, false),
            srcset: set(false),
            webp_srcset: writes_webp(photo, settings).then(|| set(true)),
            width: photo.width,
            height: photo.height,
        }
    }

    /// `<picture>` with a WebP `<source>` when there is one, around an `<img>` with
    /// `attrs` (already escaped: ` alt="…" loading="lazy"`, with a leading space).
    pub fn picture(&self, sizes: &str, attrs: &str) -> String {
        let mut html = String::from("<picture>");
        if let Some(webp) = &self.webp_srcset {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                escape_attr(webp)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\"{attrs}></picture>",
            escape_attr(&self.src),
            escape_attr(&self.srcset),
            self.width,
            self.height
        ));
        html
    }
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

/// Changed whenever what is written for the same photo and settings changes (an encoder's
/// options, what is cut out), so that no older result is taken from the cache.
const CACHE_FORMAT: u8 = 3;

/// The key of a file's results: its bytes, the settings, and this crate's version (a new
/// encoder writes other bytes).
pub fn cache_key(bytes: &[u8], settings: &Settings) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(bytes);
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[settings.quality, u8::from(settings.webp), CACHE_FORMAT]);
    for w in &settings.widths {
        h.update(&w.to_le_bytes());
    }
    format!("{:032x}", h.digest128())
}

#[cfg(test)]
mod tests;

/// `bytes` of a JPEG or PNG with its metadata cut out, pixels untouched; `None` for another
/// format or a file not laid out as expected.
pub fn strip_metadata(bytes: &[u8], format: Format) -> Option<Vec<u8>> {
    match format {
        Format::Jpeg => strip::jpeg(bytes),
        Format::Png => strip::png(bytes),
        Format::WebP => None,
    }
}

/// Whether `bytes` begin as a JPEG, PNG, WebP or TIFF (where EXIF lives) do.
pub fn looks_like_an_image(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
        || bytes.starts_with(b"\x89PNG")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}
