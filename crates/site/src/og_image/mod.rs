//! Link-card ("OG") images: the 1200×630 PNG that X, LINE and Facebook show for an article that
//! has no cover image.
//!
//! [`render`] draws the article title large and centred, the site (clinic or blog) name above it
//! and the author below it, on a calm pale green-and-blue card.
//!
//! # How
//!
//! The card is built as an **SVG string** and rasterized with **resvg** (usvg lays out and shapes
//! the text with HarfRust, tiny-skia paints and encodes the PNG). SVG keeps the design readable
//! and editable as markup, and resvg is pure Rust, so a build needs no browser, no ImageMagick
//! and no C library. SVG does not wrap text, so the title is broken into lines here:
//!
//! 1. The strings are laid out once, unbroken, at a reference size, and the x position of every
//!    glyph cluster is read back from usvg's layout: exact advances, kerning included.
//! 2. Break opportunities are phrase boundaries from BudouX (Japanese), spaces (Latin), and
//!    nothing inside a Latin word; kinsoku rules keep `、。」）！？ー` and small kana off line
//!    starts and `「（` off line ends.
//! 3. The largest font size (76 px down to 40 px) at which the title fits in at most 3 lines
//!    wins; the lines are then balanced (the narrowest width that still gives as many lines). A
//!    title too long even at 40 px keeps its phrase breaks (a single phrase wider than a line is
//!    broken between characters, kinsoku permitting), and its third line is cut, at a phrase
//!    boundary if that keeps most of the line, and ends with `…`.
//!
//! # The font
//!
//! The font is **embedded in the binary** (`include_bytes!`) and is the only font usvg sees:
//! no system fonts are loaded, so the same input gives byte-identical PNGs on every machine and
//! a build needs no font package. It is `assets/fonts/ClinoteOGSansJP-Bold.otf`, a subset of
//! Noto Sans CJK JP Bold (SIL OFL 1.1) made by `tools/make-font-subset.sh`; see
//! `assets/fonts/README.md`. Characters the font lacks (emoji, rare kanji) are left out of the
//! card rather than drawn as boxes.
//!
//! # Layout
//!
//! All text stays inside [`SIDE_MARGIN`] of the left and right edges and above the bottom
//! [`BOTTOM_FREE`] pixels, where X overlays the article's headline on large cards. The text is
//! centred, so a square centre crop keeps the middle of every line.
//!
//! # Cost
//!
//! About 30 ms of CPU per card in a release build (2 ms layout, 10 ms painting, the rest PNG
//! encoding); the font database is built once per process. Unoptimized (dev profile) builds
//! of resvg and tiny-skia are some 50 times slower. A card is a pure function of its [`Card`]
//! and [`DESIGN_VERSION`], so a build can skip cards whose inputs have not changed.
//!
//! # The parts
//!
//! `font` (the embedded font), `measure` (widths from usvg), `breaks` (where a line may
//! break), `fit` (the title and single lines fitted), `layout` (where each piece goes),
//! `compose` (the SVG), `raster` (pixels and PNG), and [`path`] (where a card goes in the
//! output).

mod breaks;
mod compose;
mod fit;
mod font;
mod layout;
mod measure;
pub mod path;
mod raster;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use resvg::usvg;

use crate::config::Language;
use compose::{compose, compose_parts};
use layout::layout;
use raster::{background_pixmap, draw, encode};

/// What a card shows.
#[derive(Debug, Clone, Copy)]
pub struct Card<'a> {
    /// The article title.
    pub title: &'a str,
    /// The clinic or blog name.
    pub site: &'a str,
    /// The author as shown, e.g. `山田 健一（院長・内科医）`.
    pub author: Option<&'a str>,
    /// The site's language (the SVG's `xml:lang`).
    pub language: Language,
}

/// Image width in pixels.
pub const WIDTH: u32 = 1200;
/// Image height in pixels.
pub const HEIGHT: u32 = 630;
/// No text is drawn in this many pixels at the bottom (X's headline overlay).
pub const BOTTOM_FREE: u32 = 100;
/// No text is drawn this close to the left or right edge.
pub const SIDE_MARGIN: u32 = 96;
/// Bump when the design or the font changes, so that cached cards are redrawn: a card is a pure
/// function of its [`Card`] and this number.
pub const DESIGN_VERSION: u32 = 1;

/// Why a card could not be drawn. Always an internal failure (a bug in clinote), never bad
/// input: any title, site or author renders. (The errors inside are shared, so that the
/// background's failure can be kept and told again.)
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The pixmap could not be allocated.
    #[error("cannot allocate the card image")]
    Allocate,
    /// usvg rejected the card's SVG.
    #[error("card SVG: {0}")]
    Svg(Arc<usvg::Error>),
    /// usvg rejected the SVG that lays out the text for measuring.
    #[error("card text: {0}")]
    Text(Arc<usvg::Error>),
    /// Measuring gave back another number of strings than it was given.
    #[error("card text measurement: wrong count")]
    TextCount,
    /// The PNG could not be encoded.
    #[error("card PNG encoding: {0}")]
    Png(Arc<png::EncodingError>),
}

/// Renders a card to PNG bytes, 1200×630.
///
/// The same `card` always gives the same bytes. Errors are internal failures (an SVG that usvg
/// rejects, a PNG that cannot be encoded), not bad input: any title, site or author renders.
pub fn render(card: &Card<'_>) -> Result<Vec<u8>, Error> {
    let layout = layout(card)?;
    // The background is the same on every card: drawn once, then each card's text and icon
    // are drawn over a copy of it (the same pixels as drawing the whole SVG at once).
    let mut pixmap = background_pixmap()?.clone();
    draw(&compose_parts(&layout, card.language, false), &mut pixmap)?;
    encode(&pixmap)
}

/// The card as SVG (what [`render`] rasterizes), for debugging and design work.
///
/// It names the embedded font's family and draws correctly only with that font.
pub fn svg(card: &Card<'_>) -> Result<String, Error> {
    let layout = layout(card)?;
    Ok(compose(&layout, card.language))
}
