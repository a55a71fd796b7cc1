//! Layout: where each piece of text goes (the design's positions, sizes and colours), and the
//! text cleaned for the card.

use unicode_normalization::UnicodeNormalization;

use super::fit::{fit_title, single_line};
use super::measure::{Metrics, measure, measure_ellipsis};
use super::{Card, Error, SIDE_MARGIN, WIDTH};

/// Text is centred on this x.
pub(super) const CENTRE_X: f32 = WIDTH as f32 / 2.0;
/// The widest a line of text may be: inside the side margins, with a few pixels to spare for ink
/// that overhangs its advance.
pub(super) const TEXT_WIDTH: f32 = WIDTH as f32 - 2.0 * SIDE_MARGIN as f32 - 16.0;

pub(super) const TITLE_MAX_LINES: usize = 3;
/// Title font sizes tried, largest first, in pixels.
pub(super) const TITLE_MAX_SIZE: u32 = 76;
pub(super) const TITLE_MIN_SIZE: u32 = 40;
pub(super) const TITLE_SIZE_STEP: usize = 2;
/// The band the title block is centred in (top and bottom of the em boxes).
pub(super) const TITLE_TOP: f32 = 164.0;
const TITLE_BOTTOM: f32 = 424.0;
/// Without an author line, the title band reaches lower.
pub(super) const TITLE_BOTTOM_NO_AUTHOR: f32 = 480.0;

const SITE_SIZE: f32 = 30.0;
pub(super) const SITE_MIN_SIZE: f32 = 24.0;
const SITE_BASELINE: f32 = 121.0;
pub(super) const ICON_SIZE: f32 = 40.0;
const ICON_GAP: f32 = 14.0;

const AUTHOR_SIZE: f32 = 26.0;
const AUTHOR_MIN_SIZE: f32 = 22.0;
const AUTHOR_BASELINE: f32 = 500.0;
/// Centre y of the short rule between the title and the author.
const RULE_Y: f32 = 454.0;

/// Ascent and descent of the ideographic em box, as fractions of the font size (Noto CJK).
const EM_ASCENT: f32 = 0.88;

pub(super) const COLOUR_TITLE: &str = "#1d3b3f";
const COLOUR_SITE: &str = "#2a7f74";
const COLOUR_AUTHOR: &str = "#4d6266";

/// One line of text, positioned.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextLine {
    pub(super) text: String,
    /// Left end of the advance (SVG `x`, `text-anchor="start"`).
    pub(super) x: f32,
    pub(super) baseline: f32,
    pub(super) size: f32,
    pub(super) colour: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Layout {
    pub(super) lines: Vec<TextLine>,
    /// Top-left corner of the clinic icon beside the site name.
    pub(super) icon: Option<(f32, f32)>,
    /// Centre y of the short rule above the author.
    pub(super) rule: Option<f32>,
}

pub(super) fn layout(card: &Card<'_>) -> Result<Layout, Error> {
    let mut title = clean(card.title);
    let mut site = clean(card.site);
    let mut author = card.author.map(clean).unwrap_or_default();

    let mut measured = measure(&[&title, &site, &author])?;
    if measured.iter().any(|m| !m.missing.is_empty()) {
        // Leave out what the font cannot draw, then measure again.
        title = drop_missing(&title, &measured[0].missing);
        site = drop_missing(&site, &measured[1].missing);
        author = drop_missing(&author, &measured[2].missing);
        measured = measure(&[&title, &site, &author])?;
    }
    let [m_title, m_site, m_author]: [Metrics; 3] =
        measured.try_into().map_err(|_| Error::TextCount)?;
    let ellipsis = measure_ellipsis()?;

    let mut out = Layout::default();
    // A title with nothing drawable shows the site name in its place.
    let (title, m_title, show_site) = if title.is_empty() {
        (site.clone(), m_site.clone(), false)
    } else {
        (title, m_title, true)
    };

    if show_site && !site.is_empty() {
        let room = TEXT_WIDTH - ICON_SIZE - ICON_GAP;
        let (text, width, size) =
            single_line(&site, &m_site, SITE_SIZE, SITE_MIN_SIZE, room, ellipsis);
        let group = ICON_SIZE + ICON_GAP + width;
        let left = CENTRE_X - group / 2.0;
        out.icon = Some((left, SITE_BASELINE - size * 0.38 - ICON_SIZE / 2.0));
        out.lines.push(TextLine {
            text,
            x: left + ICON_SIZE + ICON_GAP,
            baseline: SITE_BASELINE,
            size,
            colour: COLOUR_SITE,
        });
    }

    let title_bottom = if author.is_empty() {
        TITLE_BOTTOM_NO_AUTHOR
    } else {
        TITLE_BOTTOM
    };
    if !title.is_empty() {
        let block = fit_title(&title, &m_title, ellipsis, title_bottom - TITLE_TOP);
        let line_height = block.size * block.leading;
        let height = (block.lines.len().saturating_sub(1)) as f32 * line_height + block.size;
        let top = (TITLE_TOP + title_bottom) / 2.0 - height / 2.0;
        for (i, line) in block.lines.iter().enumerate() {
            out.lines.push(TextLine {
                text: line.text.clone(),
                x: CENTRE_X - line.width / 2.0 - line.lead,
                baseline: top + EM_ASCENT * block.size + i as f32 * line_height,
                size: block.size,
                colour: COLOUR_TITLE,
            });
        }
    }

    if !author.is_empty() {
        let (text, width, size) = single_line(
            &author,
            &m_author,
            AUTHOR_SIZE,
            AUTHOR_MIN_SIZE,
            TEXT_WIDTH,
            ellipsis,
        );
        out.rule = Some(RULE_Y);
        out.lines.push(TextLine {
            text,
            x: CENTRE_X - width / 2.0,
            baseline: AUTHOR_BASELINE,
            size,
            colour: COLOUR_AUTHOR,
        });
    }
    Ok(out)
}

/// Normalizes a string for the card: NFC, no control characters, runs of ASCII white space
/// (newlines and tabs included) as one space, trimmed, ≒ as ≈. An ideographic space (U+3000)
/// is kept.
pub(super) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_ascii_whitespace() || c == '\u{85}' || c == '\u{a0}' {
            pending_space = true;
        } else if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' {
            // Not allowed in XML, or invisible anyway.
        } else {
            // The font (Noto Sans CJK) has no ≒; ≈ means the same.
            let c = if c == '≒' { '≈' } else { c };
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// `s` without the characters at the given byte offsets, cleaned again.
fn drop_missing(s: &str, missing: &[usize]) -> String {
    let kept: String = s
        .char_indices()
        .filter(|(i, _)| !missing.contains(i))
        .map(|(_, c)| c)
        .collect();
    clean(&kept)
}
