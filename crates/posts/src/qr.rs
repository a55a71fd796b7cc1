//! QR codes as SVG, for the LINE friend-add link on posters and the teaser page.
//!
//! We draw the SVG ourselves from the module matrix instead of using qrcode's SVG renderer,
//! because the image needs a `<title>` and `role`/`aria-label` for screen readers, and a
//! viewBox in module units so it scales without a fixed pixel size. Error correction is M
//! (15%), enough for a printed poster, with the standard 4-module quiet zone. The output
//! depends only on the input: each row is one run-length path, in order.

use qrcode::{Color, EcLevel, QrCode};

/// The blank margin the standard asks for, in modules.
const QUIET_ZONE: usize = 4;

/// An SVG QR code for `url`, labelled `label` for screen readers; `None` when `url` is too
/// long for a QR code (about 2,300 bytes at level M).
pub fn qr_svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let label = escape(label);
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
                path.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    x + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
                x += run;
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\">\
         <title>{label}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_deterministic_svg() {
        let url = "https://line.me/R/ti/p/%40abc1234d";
        let svg = qr_svg(url, "LINEで友だち追加 <QR>").unwrap();
        assert_eq!(svg, qr_svg(url, "LINEで友だち追加 <QR>").unwrap());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\""));
        assert!(svg.contains("<title>LINEで友だち追加 &lt;QR&gt;</title>"));
        assert!(svg.contains("aria-label=\"LINEで友だち追加 &lt;QR&gt;\""));
        // The top-left finder pattern: a run of 7 dark modules right after the quiet zone.
        assert!(svg.contains("d=\"M4 4h7v1h-7z"));
        assert!(qr_svg(&"a".repeat(5000), "x").is_none());
    }
}
