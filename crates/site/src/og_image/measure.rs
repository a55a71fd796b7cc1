//! Measuring with usvg's own layout: where every glyph cluster of a string starts.

use std::sync::{Arc, OnceLock};

use resvg::usvg;

use super::Error;
use super::compose::escape;
use super::font::{FAMILY, options};

/// Strings are measured at this size; widths scale linearly with the font size.
pub(super) const REF_SIZE: f32 = 100.0;
/// Appended to a measured string so that the position after its last glyph can be read: an
/// ideograph, which no kerning pair touches.
const SENTINEL: char = '国';
pub(super) const ELLIPSIS: char = '…';

/// Positions of a string's glyph clusters, laid out on one line at [`REF_SIZE`].
#[derive(Debug, Clone, Default)]
pub(super) struct Metrics {
    /// (byte offset where a cluster starts, its x), in order; the last entry is the string's
    /// length and the end of its advance.
    stops: Vec<(usize, f32)>,
    /// Byte offsets of the characters drawn with the missing-glyph box.
    pub(super) missing: Vec<usize>,
}

impl Metrics {
    /// The x at a byte offset; an offset inside a cluster counts as the cluster's start.
    fn x(&self, offset: usize) -> f32 {
        match self.stops.binary_search_by_key(&offset, |&(o, _)| o) {
            Ok(i) => self.stops[i].1,
            Err(0) => 0.0,
            Err(i) => self.stops[i - 1].1,
        }
    }

    /// Width of `s[a..b]` at [`REF_SIZE`].
    pub(super) fn width(&self, a: usize, b: usize) -> f32 {
        self.x(b) - self.x(a)
    }
}

/// Lays out each string on its own line (plus [`SENTINEL`]) in one SVG and reads back where
/// every cluster starts.
pub(super) fn measure(strings: &[&str]) -> Result<Vec<Metrics>, Error> {
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" font-family="{FAMILY}" font-weight="700" font-size="{REF_SIZE}">"#
    );
    for (i, s) in strings.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text id="m{i}" x="0" y="{}" xml:space="preserve">{}{SENTINEL}</text>"#,
            (i + 1) as f32 * REF_SIZE * 2.0,
            escape(s)
        ));
    }
    svg.push_str("</svg>");
    let tree = usvg::Tree::from_str(&svg, &options()).map_err(|e| Error::Text(Arc::new(e)))?;

    let mut out = Vec::with_capacity(strings.len());
    for (i, s) in strings.iter().enumerate() {
        let mut metrics = Metrics::default();
        if let Some(usvg::Node::Text(text)) = tree.node_by_id(&format!("m{i}")) {
            let mut offset = 0;
            for glyph in text
                .layouted()
                .iter()
                .flat_map(|span| &span.positioned_glyphs)
            {
                let x = glyph.transform().tx;
                if metrics.stops.last().is_none_or(|&(o, _)| o < offset) {
                    metrics.stops.push((offset, x));
                }
                if glyph.id.0 == 0 && offset < s.len() {
                    metrics.missing.extend(
                        s[offset..]
                            .char_indices()
                            .map(|(j, _)| offset + j)
                            .take_while(|&j| j < offset + glyph.text.len()),
                    );
                }
                offset += glyph.text.len();
            }
        }
        // The sentinel's cluster starts where the string's advance ends.
        if metrics.stops.last().is_none_or(|&(o, _)| o != s.len()) {
            metrics.stops.retain(|&(o, _)| o < s.len());
            let end = metrics.stops.last().map_or(0.0, |&(_, x)| x);
            metrics.stops.push((s.len(), end));
        }
        out.push(metrics);
    }
    Ok(out)
}

/// The advance of `…` at [`REF_SIZE`].
pub(super) fn measure_ellipsis() -> Result<f32, Error> {
    static WIDTH: OnceLock<f32> = OnceLock::new();
    if let Some(&w) = WIDTH.get() {
        return Ok(w);
    }
    let s = ELLIPSIS.to_string();
    let w = measure(&[&s])?
        .first()
        .map_or(REF_SIZE, |m| m.width(0, s.len()));
    Ok(*WIDTH.get_or_init(|| w))
}
