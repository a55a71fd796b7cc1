//! The card as SVG markup: the background and decoration, the clinic icon, the rule and the
//! positioned lines of text.

use super::font::FAMILY;
use super::layout::{CENTRE_X, ICON_SIZE, Layout};
use super::{HEIGHT, WIDTH};
use crate::config::Language;

/// Escapes text for SVG character data and attribute values.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The background and decoration: everything but the text, the icon and the rule. A pale
/// mint-to-blue frame with two soft circles, and a white panel with fainter echoes of them in
/// its corners.
///
/// The echoes are drawn as paths already cut to the panel (circle arcs, the panel's edges and
/// rounded corners) rather than with a `clipPath`, and the circles use `fill-opacity` rather than
/// `opacity`: both of those would make resvg paint a full-size layer, which tripled the time.
fn background() -> &'static str {
    concat!(
        r##"<defs>"##,
        r##"<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">"##,
        r##"<stop offset="0" stop-color="#d7efe5"/><stop offset="1" stop-color="#d8e6f5"/>"##,
        r##"</linearGradient>"##,
        r##"</defs>"##,
        r##"<rect width="1200" height="630" fill="url(#bg)"/>"##,
        r##"<circle cx="1140" cy="30" r="240" fill="#bfe3d5" fill-opacity="0.7"/>"##,
        r##"<circle cx="50" cy="620" r="210" fill="#c3d8ef" fill-opacity="0.7"/>"##,
        // The panel: x 40..1160, y 36..594, corner radius 32.
        r##"<rect x="40" y="36" width="1120" height="558" rx="32" fill="#ffffff"/>"##,
        // Circle (1120, 50) r 190 inside the panel's top-right corner.
        r##"<path d="M930.52 36H1128A32 32 0 0 1 1160 68V235.74A190 190 0 0 1 930.52 36Z" fill="#eff8f4"/>"##,
        // Circle (70, 600) r 170 inside the panel's bottom-left corner.
        r##"<path d="M40 432.67V562A32 32 0 0 0 72 594H239.89A170 170 0 0 0 40 432.67Z" fill="#eff4fa"/>"##,
    )
}

pub(super) fn compose(layout: &Layout, language: Language) -> String {
    compose_parts(layout, language, true)
}

/// The card's SVG, with or without its background.
pub(super) fn compose_parts(layout: &Layout, language: Language, with_background: bool) -> String {
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" xml:lang="{}" font-family="{FAMILY}" font-weight="700">"#,
        language.code()
    );
    if with_background {
        svg.push_str(background());
    }
    if let Some((x, y)) = layout.icon {
        svg.push_str(&icon(x, y));
    }
    if let Some(y) = layout.rule {
        svg.push_str(&format!(
            r##"<rect x="{:.1}" y="{:.1}" width="56" height="4" rx="2" fill="#8cc9bb"/>"##,
            CENTRE_X - 28.0,
            y - 2.0
        ));
    }
    for line in &layout.lines {
        svg.push_str(&format!(
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.1}" fill="{}" xml:space="preserve">{}</text>"#,
            line.x,
            line.baseline,
            line.size,
            line.colour,
            escape(&line.text)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A rounded square with a white cross: the clinic mark beside the site name.
fn icon(x: f32, y: f32) -> String {
    let s = ICON_SIZE;
    let arm = s * 0.2;
    let len = s * 0.56;
    let c = s / 2.0;
    format!(
        concat!(
            r##"<g transform="translate({x:.2} {y:.2})">"##,
            r##"<rect width="{s}" height="{s}" rx="10" fill="#3a9d8f"/>"##,
            r##"<rect x="{h1:.2}" y="{v1:.2}" width="{arm:.2}" height="{len:.2}" rx="2" fill="#ffffff"/>"##,
            r##"<rect x="{v1:.2}" y="{h1:.2}" width="{len:.2}" height="{arm:.2}" rx="2" fill="#ffffff"/>"##,
            r##"</g>"##
        ),
        x = x,
        y = y,
        s = s,
        h1 = c - arm / 2.0,
        v1 = c - len / 2.0,
        arm = arm,
        len = len,
    )
}
