//! `[brand]`: the clinic's own accent colours and logo, without copying the theme, and the
//! check that a chosen colour stays readable on the default theme's backgrounds and that its
//! text stays readable on the tint made from it (WCAG AA: 4.5:1 for text).

use serde::{Deserialize, Serialize};

use super::keys::key_location;
use clinote_diagnostic::{Bilingual, Diagnostic};

/// `[brand]` as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Brand {
    /// Links, focus rings, badges: `#1f6f54`.
    pub accent: Option<String>,
    /// The same in dark mode, on a dark background; the theme's own when not given.
    pub accent_dark: Option<String>,
    /// An image or SVG under `static/`, shown in the header and in structured data.
    pub logo: Option<String>,
}

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

/// A colour, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#1f6f54` or `#fff`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            6 => Some(Rgb(channel(0, 2)?, channel(2, 2)?, channel(4, 2)?)),
            3 => {
                let c = |i| channel(i, 1).map(|v| v * 17);
                Some(Rgb(c(0)?, c(1)?, c(2)?))
            }
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// `share` of this colour over `base`: the pale tint behind badges and highlights.
    pub fn tint(self, base: Rgb, share: f64) -> Rgb {
        let mix =
            |a: u8, b: u8| (f64::from(a) * share + f64::from(b) * (1.0 - share)).round() as u8;
        Rgb(
            mix(self.0, base.0),
            mix(self.1, base.1),
            mix(self.2, base.2),
        )
    }
}

/// The contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (a.luminance(), b.luminance());
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The default theme's text and backgrounds in one colour scheme (`style.css`'s `:root`).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub bg: Rgb,
    pub surface: Rgb,
    pub text: Rgb,
    /// How much accent the tint behind badges holds (`--accent-soft`).
    pub tint: f64,
}

pub const LIGHT: Palette = Palette {
    bg: Rgb(0xfb, 0xfa, 0xf7),
    surface: Rgb(0xff, 0xff, 0xff),
    text: Rgb(0x1f, 0x23, 0x28),
    tint: 0.12,
};

pub const DARK: Palette = Palette {
    bg: Rgb(0x17, 0x19, 0x1c),
    surface: Rgb(0x1f, 0x22, 0x26),
    text: Rgb(0xe7, 0xe5, 0xe0),
    tint: 0.18,
};

/// The accent colours a site chose, checked: what the pages' `<style>` sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Colours {
    pub accent: Option<Rgb>,
    pub accent_dark: Option<Rgb>,
}

impl Colours {
    /// Reads `brand`'s colours: one that is not a colour is an error, one below AA against
    /// the theme a warning, each at its line of `text`.
    pub(super) fn read(brand: &Brand, text: &str, diags: &mut Vec<Diagnostic>) -> Colours {
        let mut read = |key: &str,
                        value: &Option<String>,
                        palette: Palette,
                        scheme: (&str, &str)| {
            let written = value.as_deref()?;
            let at = key_location(text, &["brand", key]);
            let Some(colour) = Rgb::parse(written) else {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("[brand] の {key} \"{written}\" は色として読めません"),
                        format!("[brand] {key} \"{written}\" is not a colour"),
                    ))
                    .at(at)
                    .help(Bilingual::new(
                        format!("`{key} = \"#1f6f54\"` のように、# と 16 進数 6 桁（または 3 桁）で書いてください。"),
                        format!("write # and six (or three) hex digits, e.g. `{key} = \"#1f6f54\"`"),
                    )),
                );
                return None;
            };
            if let Some((ratio, ja, en)) = weakest(colour, palette)
                && ratio < AA
            {
                diags.push(
                    Diagnostic::warning(Bilingual::new(
                        format!(
                            "[brand] の {key} \"{written}\" は{}で{ja}との差が小さく、読みにくくなります（コントラスト比 {ratio:.2}:1、基準は 4.5:1 以上）",
                            scheme.0
                        ),
                        format!(
                            "[brand] {key} \"{written}\" is hard to read {} {en} (contrast {ratio:.2}:1, AA needs 4.5:1)",
                            scheme.1
                        ),
                    ))
                    .at(at)
                    .help(Bilingual::new(
                        if palette.bg == LIGHT.bg {
                            "リンクや見出しの文字に使う色です。もう少し濃い色にしてください。"
                        } else {
                            "暗い背景の上の文字に使う色です。もう少し明るい色にしてください。"
                        },
                        if palette.bg == LIGHT.bg {
                            "it colours links and labels: choose a darker shade"
                        } else {
                            "it colours text on a dark background: choose a lighter shade"
                        },
                    )),
                );
            }
            Some(colour)
        };
        Colours {
            accent: read(
                "accent",
                &brand.accent,
                LIGHT,
                ("明るい画面", "in light mode"),
            ),
            accent_dark: read(
                "accent_dark",
                &brand.accent_dark,
                DARK,
                ("ダーク表示", "in dark mode"),
            ),
        }
    }

    /// The `<style>` rules that set them over the theme's, or `None` when none was chosen.
    pub fn css(&self) -> Option<String> {
        let rule = |c: Rgb, p: Palette| {
            format!(
                ":root{{--accent:{};--accent-soft:{}}}",
                c.hex(),
                c.tint(p.surface, p.tint).hex()
            )
        };
        let light = self.accent.map(|c| rule(c, LIGHT));
        let dark = self
            .accent_dark
            .map(|c| format!("@media (prefers-color-scheme: dark){{{}}}", rule(c, DARK)));
        match (light, dark) {
            (None, None) => None,
            (l, d) => Some(format!(
                "{}{}",
                l.unwrap_or_default(),
                d.unwrap_or_default()
            )),
        }
    }
}

/// The lowest contrast `accent` makes where the theme uses it: as text on the page, on the
/// white of cards, on its own tint (badges, tags), and the tint under body text
/// (highlights, table headings). With what it was against, in Japanese and English.
pub fn weakest(accent: Rgb, p: Palette) -> Option<(f64, &'static str, &'static str)> {
    let soft = accent.tint(p.surface, p.tint);
    [
        (contrast(accent, p.bg), "背景", "on the page's background"),
        (contrast(accent, p.surface), "カードの地の色", "on cards"),
        (
            contrast(accent, soft),
            "バッジの地の色",
            "on its badges' tint",
        ),
        (
            contrast(p.text, soft),
            "本文の文字",
            "under body text (highlights)",
        ),
    ]
    .into_iter()
    .min_by(|a, b| a.0.total_cmp(&b.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: &str = include_str!("../../../../themes/default/static/style.css");

    /// The value of `--name` in the first `:root` block after `from` in the theme's CSS.
    fn var(from: &str, name: &str) -> Rgb {
        let block = &STYLE[STYLE.find(from).unwrap()..];
        let at = block.find(&format!("--{name}:")).unwrap();
        let value = block[at..].split([':', ';']).nth(1).unwrap();
        Rgb::parse(value).unwrap()
    }

    #[test]
    fn the_palettes_are_the_theme_stylesheets() {
        for (from, p) in [(":root {", LIGHT), ("prefers-color-scheme: dark", DARK)] {
            assert_eq!(var(from, "bg"), p.bg, "{from}");
            assert_eq!(var(from, "surface"), p.surface, "{from}");
            assert_eq!(var(from, "text"), p.text, "{from}");
        }
    }

    #[test]
    fn the_themes_own_colours_pass_aa() {
        for (from, p) in [(":root {", LIGHT), ("prefers-color-scheme: dark", DARK)] {
            let (ratio, _, en) = weakest(var(from, "accent"), p).unwrap();
            assert!(ratio >= AA, "{from}: accent {ratio:.2} {en}");
        }
        // The LINE buttons: white on the theme's LINE green.
        let line = var(":root {", "line-green");
        let ratio = contrast(Rgb(255, 255, 255), line);
        assert!(ratio >= AA, "LINE button {ratio:.2}:1");
    }

    #[test]
    fn contrast_ratios_as_wcag_gives_them() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        let line = Rgb::parse("#06c755").unwrap();
        assert!((contrast(Rgb(255, 255, 255), line) - 2.26).abs() < 0.01);
        assert_eq!(Rgb::parse("#FFF"), Some(Rgb(255, 255, 255)));
        for bad in ["1f6f54", "#1f6f5", "#ggg", "green", "#1f6f54aa"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn css_sets_the_accent_and_its_tint_per_scheme() {
        let c = Colours {
            accent: Rgb::parse("#1a4e8a"),
            accent_dark: None,
        };
        assert_eq!(
            c.css().unwrap(),
            ":root{--accent:#1a4e8a;--accent-soft:#e4eaf1}"
        );
        assert_eq!(Colours::default().css(), None);
    }
}
