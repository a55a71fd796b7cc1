//! Drawing a card's SVG into pixels over the shared background, and encoding them as PNG.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::compose::compose;
use super::font::options;
use super::layout::Layout;
use super::{Error, HEIGHT, WIDTH};
use crate::config::Language;

/// The background alone, drawn once per process.
pub(super) fn background_pixmap() -> Result<&'static tiny_skia::Pixmap, Error> {
    static BACKGROUND: OnceLock<Result<tiny_skia::Pixmap, Error>> = OnceLock::new();
    BACKGROUND
        .get_or_init(|| {
            let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or(Error::Allocate)?;
            draw(&compose(&Layout::default(), Language::Ja), &mut pixmap)?;
            Ok(pixmap)
        })
        .as_ref()
        .map_err(Clone::clone)
}

pub(super) fn draw(svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<(), Error> {
    let tree = usvg::Tree::from_str(svg, &options()).map_err(|e| Error::Svg(Arc::new(e)))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(())
}

/// A whole card's SVG as PNG, in one pass (tests compare [`super::render`] with it).
#[cfg(test)]
pub(super) fn rasterize(svg: &str) -> Result<Vec<u8>, Error> {
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or(Error::Allocate)?;
    draw(svg, &mut pixmap)?;
    encode(&pixmap)
}

/// The card as PNG. The card's background covers it, so it is opaque and stored as RGB: a
/// quarter less to compress, and compressing is most of the time of drawing a card. (Faster
/// deflate settings were measured: level 2–3 gain under 10%, level 1 and `Fast` halve the time
/// but make the file 1.6–1.8 times larger.)
pub(super) fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, Error> {
    let rgba = pixmap.data();
    if rgba.chunks_exact(4).any(|p| p[3] != 255) {
        // Not expected; premultiplied colours must then be converted, as tiny-skia does.
        return pixmap.encode_png().map_err(|e| Error::Png(Arc::new(e)));
    }
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let problem = |e: png::EncodingError| Error::Png(Arc::new(e));
    let mut writer = encoder.write_header().map_err(problem)?;
    writer.write_image_data(&rgb).map_err(problem)?;
    writer.finish().map_err(problem)?;
    Ok(out)
}
