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

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};
use unicode_normalization::UnicodeNormalization;

use crate::config::Language;

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

/// The embedded font: a subset of Noto Sans CJK JP Bold, renamed (see `assets/fonts/`).
const FONT: &[u8] = include_bytes!("../../../assets/fonts/ClinoteOGSansJP-Bold.otf");
/// The family name inside [`FONT`].
const FAMILY: &str = "Clinote OG Sans JP";

/// Strings are measured at this size; widths scale linearly with the font size.
const REF_SIZE: f32 = 100.0;
/// Appended to a measured string so that the position after its last glyph can be read: an
/// ideograph, which no kerning pair touches.
const SENTINEL: char = '国';
const ELLIPSIS: char = '…';

/// Text is centred on this x.
const CENTRE_X: f32 = WIDTH as f32 / 2.0;
/// The widest a line of text may be: inside the side margins, with a few pixels to spare for ink
/// that overhangs its advance.
const TEXT_WIDTH: f32 = WIDTH as f32 - 2.0 * SIDE_MARGIN as f32 - 16.0;

const TITLE_MAX_LINES: usize = 3;
/// Title font sizes tried, largest first, in pixels.
const TITLE_MAX_SIZE: u32 = 76;
const TITLE_MIN_SIZE: u32 = 40;
const TITLE_SIZE_STEP: usize = 2;
/// The band the title block is centred in (top and bottom of the em boxes).
const TITLE_TOP: f32 = 164.0;
const TITLE_BOTTOM: f32 = 424.0;
/// Without an author line, the title band reaches lower.
const TITLE_BOTTOM_NO_AUTHOR: f32 = 480.0;

const SITE_SIZE: f32 = 30.0;
const SITE_MIN_SIZE: f32 = 24.0;
const SITE_BASELINE: f32 = 121.0;
const ICON_SIZE: f32 = 40.0;
const ICON_GAP: f32 = 14.0;

const AUTHOR_SIZE: f32 = 26.0;
const AUTHOR_MIN_SIZE: f32 = 22.0;
const AUTHOR_BASELINE: f32 = 500.0;
/// Centre y of the short rule between the title and the author.
const RULE_Y: f32 = 454.0;

/// Ascent and descent of the ideographic em box, as fractions of the font size (Noto CJK).
const EM_ASCENT: f32 = 0.88;

const COLOUR_TITLE: &str = "#1d3b3f";
const COLOUR_SITE: &str = "#2a7f74";
const COLOUR_AUTHOR: &str = "#4d6266";

/// The font database with the embedded font and nothing else, built once per process.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(FONT)));
        // Generic families resolve to the embedded font too, so nothing can fall through to a
        // font that is not there.
        db.set_serif_family(FAMILY);
        db.set_sans_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    }))
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    }
}

/// Renders a card to PNG bytes, 1200×630.
///
/// The same `card` always gives the same bytes. Errors are internal failures (an SVG that usvg
/// rejects, a PNG that cannot be encoded), not bad input: any title, site or author renders.
pub fn render(card: &Card<'_>) -> Result<Vec<u8>, String> {
    let layout = layout(card)?;
    // The background is the same on every card: drawn once, then each card's text and icon
    // are drawn over a copy of it (the same pixels as drawing the whole SVG at once).
    let mut pixmap = background_pixmap()?.clone();
    draw(&compose_parts(&layout, card.language, false), &mut pixmap)?;
    encode(&pixmap)
}

/// The background alone, drawn once per process.
fn background_pixmap() -> Result<&'static tiny_skia::Pixmap, String> {
    static BACKGROUND: OnceLock<Result<tiny_skia::Pixmap, String>> = OnceLock::new();
    BACKGROUND
        .get_or_init(|| {
            let mut pixmap =
                tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the card image")?;
            draw(&compose(&Layout::default(), Language::Ja), &mut pixmap)?;
            Ok(pixmap)
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn draw(svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<(), String> {
    let tree = usvg::Tree::from_str(svg, &options()).map_err(|e| format!("card SVG: {e}"))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(())
}

/// The card as SVG (what [`render`] rasterizes), for debugging and design work.
///
/// It names the embedded font's family and draws correctly only with that font.
pub fn svg(card: &Card<'_>) -> Result<String, String> {
    let layout = layout(card)?;
    Ok(compose(&layout, card.language))
}

/// A whole card's SVG as PNG, in one pass (tests compare [`render`] with it).
#[cfg(test)]
fn rasterize(svg: &str) -> Result<Vec<u8>, String> {
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the card image")?;
    draw(svg, &mut pixmap)?;
    encode(&pixmap)
}

/// The card as PNG. The card's background covers it, so it is opaque and stored as RGB: a
/// quarter less to compress, and compressing is most of the time of drawing a card. (Faster
/// deflate settings were measured: level 2–3 gain under 10%, level 1 and `Fast` halve the time
/// but make the file 1.6–1.8 times larger.)
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let rgba = pixmap.data();
    if rgba.chunks_exact(4).any(|p| p[3] != 255) {
        // Not expected; premultiplied colours must then be converted, as tiny-skia does.
        return pixmap
            .encode_png()
            .map_err(|e| format!("card PNG encoding: {e}"));
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
    let problem = |e: png::EncodingError| format!("card PNG encoding: {e}");
    let mut writer = encoder.write_header().map_err(problem)?;
    writer.write_image_data(&rgb).map_err(problem)?;
    writer.finish().map_err(problem)?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Layout: where each piece of text goes.

/// One line of text, positioned.
#[derive(Debug, Clone, PartialEq)]
struct TextLine {
    text: String,
    /// Left end of the advance (SVG `x`, `text-anchor="start"`).
    x: f32,
    baseline: f32,
    size: f32,
    colour: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Layout {
    lines: Vec<TextLine>,
    /// Top-left corner of the clinic icon beside the site name.
    icon: Option<(f32, f32)>,
    /// Centre y of the short rule above the author.
    rule: Option<f32>,
}

fn layout(card: &Card<'_>) -> Result<Layout, String> {
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
    let [m_title, m_site, m_author]: [Metrics; 3] = measured
        .try_into()
        .map_err(|_| "card text measurement: wrong count".to_string())?;
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
fn clean(s: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// Measuring with usvg's own layout.

/// Positions of a string's glyph clusters, laid out on one line at [`REF_SIZE`].
#[derive(Debug, Clone, Default)]
struct Metrics {
    /// (byte offset where a cluster starts, its x), in order; the last entry is the string's
    /// length and the end of its advance.
    stops: Vec<(usize, f32)>,
    /// Byte offsets of the characters drawn with the missing-glyph box.
    missing: Vec<usize>,
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
    fn width(&self, a: usize, b: usize) -> f32 {
        self.x(b) - self.x(a)
    }
}

/// Lays out each string on its own line (plus [`SENTINEL`]) in one SVG and reads back where
/// every cluster starts.
fn measure(strings: &[&str]) -> Result<Vec<Metrics>, String> {
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
    let tree = usvg::Tree::from_str(&svg, &options()).map_err(|e| format!("card text: {e}"))?;

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
fn measure_ellipsis() -> Result<f32, String> {
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

// ---------------------------------------------------------------------------------------------
// Line breaking.

/// Characters that may not start a line (JIS X 4051 行頭禁則, strict: small kana and ー too).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | '，' | '．' | ',' | '.' | ':' | ';' | '!' | '?' | '！' | '？' | '：' | '；'
            | ')' | ']' | '}' | '）' | '］' | '｝' | '〕' | '〉' | '》' | '」' | '』' | '】'
            | '〙' | '〗' | '〟' | '’' | '”' | '｠' | '»' | '・' | 'ー' | '〜' | '～' | '…'
            | '‥' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '々' | '〻' | '゠' | '‐' | '%' | '％' | '‰'
            | '℃' | '°' | '′' | '″'
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | 'ㇰ'..='ㇿ'
            | 'ｧ'..='ｯ'
            | 'ｰ'
            | '､'
            | '｡'
            | '｣'
    )
}

/// Characters that may not end a line (行末禁則).
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｟'
            | '«'
            | '｢'
            | '¥'
            | '￥'
            | '$'
            | '＄'
            | '#'
            | '＃'
            | '№'
    )
}

/// Full-width opening brackets, drawn in the right half of their em: half an em of blank before.
fn opening_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '［' | '｛' | '〔' | '〈' | '《' | '「' | '『' | '【' | '〘' | '〖' | '〝'
    )
}

/// Full-width closing punctuation, drawn in the left half of its em: half an em of blank after.
fn closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
    )
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Letters and digits other than kana and kanji (Latin, Greek, full-width digits…), and the
/// marks inside numbers and words: the inside of a word, where no line may break.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !clinote_text::japanese::is_japanese_letter(c)
        || matches!(c, '\'' | '’' | '.' | ',' | '．' | '，')
}

fn uses_phrases(s: &str) -> bool {
    s.chars().any(clinote_text::japanese::is_cjk)
}

/// Whether kinsoku allows a break between `before` and `after`.
fn kinsoku_ok(before: char, after: char) -> bool {
    // Two-em dashes and leaders stay together.
    let doubled = before == after && matches!(before, '…' | '‥' | '―' | '—');
    !(no_line_start(after) || no_line_end(before) || doubled)
}

/// Byte offsets where a new line may start: after a space, at a BudouX phrase boundary, after a
/// hyphen between letters; never inside a Latin word, never against kinsoku. Sorted, unique,
/// strictly inside the string.
fn break_opportunities(s: &str) -> Vec<usize> {
    let mut ops = Vec::new();
    if uses_phrases(s) {
        let parser = budoux_phf_rs::Parser::japanese_parser();
        let mut offset = 0;
        parser.parse_with(s, |chunk| {
            offset += chunk.len();
            ops.push(offset);
        });
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for pair in chars.windows(2) {
        let [(_, a), (j, b)] = [pair[0], pair[1]];
        if is_space(a) && !is_space(b) || a == '-' && b.is_alphabetic() {
            ops.push(j);
        }
    }
    ops.sort_unstable();
    ops.dedup();
    ops.retain(|&p| {
        if p == 0 || p >= s.len() {
            return false;
        }
        let (Some(before), Some(after)) = (s[..p].chars().next_back(), s[p..].chars().next())
        else {
            return false;
        };
        if is_space(before) {
            // A break after a space: the space goes, only the next line's start matters.
            return !no_line_start(after);
        }
        if is_space(after) {
            return false; // the break after the space covers it
        }
        let before_before = s[..p].chars().rev().nth(1);
        kinsoku_ok(before, after)
            && (!inside_word(before, after) || hyphen_break(before_before, before, after))
    });
    ops
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '/' | '_' | '+' | '@' | '&')
}

/// Whether `before|after` lies inside a word or number (`COVID|-19`, `COVID-|19`, `2|026`).
fn inside_word(before: char, after: char) -> bool {
    let word = |c| is_word_char(c) || is_joiner(c);
    word(before) && word(after) && (is_word_char(before) || is_word_char(after))
}

/// A break after the hyphen of a compound between letters (`self-|care`), not of a number or
/// code (`COVID-|19`).
fn hyphen_break(before_before: Option<char>, before: char, after: char) -> bool {
    matches!(before, '-' | '‐')
        && after.is_alphabetic()
        && before_before.is_some_and(char::is_alphabetic)
}

/// A title line as drawn.
#[derive(Debug, Clone, PartialEq)]
struct TitleLine {
    text: String,
    /// Visual width in pixels (the half-em blanks of brackets at either end left out).
    width: f32,
    /// The blank before the first ink, in pixels (half an em after an opening bracket).
    lead: f32,
}

#[derive(Debug, Clone, PartialEq)]
struct TitleBlock {
    lines: Vec<TitleLine>,
    size: f32,
    /// Line height as a multiple of the size.
    leading: f32,
}

/// A title measured and ready to break.
struct Breaker<'a> {
    s: &'a str,
    m: &'a Metrics,
    ops: Vec<usize>,
}

impl<'a> Breaker<'a> {
    fn new(s: &'a str, m: &'a Metrics) -> Self {
        Breaker {
            s,
            m,
            ops: break_opportunities(s),
        }
    }

    /// `[a, b)` without spaces at either end.
    fn trim(&self, a: usize, b: usize) -> (usize, usize) {
        let t = &self.s[a..b];
        let start = a + (t.len() - t.trim_start_matches(is_space).len());
        let end = a + t.trim_end_matches(is_space).len();
        (start, end.max(start))
    }

    /// Visual width at [`REF_SIZE`] of the trimmed line `[a, b)`, and its lead blank.
    fn visual(&self, a: usize, b: usize) -> (f32, f32) {
        self.visual_with(a, b, true)
    }

    /// [`Self::visual`], leaving the blank after closing punctuation in if `trail` is false
    /// (when something follows on the line).
    fn visual_with(&self, a: usize, b: usize, trail: bool) -> (f32, f32) {
        let (a, b) = self.trim(a, b);
        let t = &self.s[a..b];
        let half = REF_SIZE / 2.0;
        let lead = t
            .chars()
            .next()
            .filter(|&c| opening_bracket(c))
            .map_or(0.0, |_| half);
        let trail = if trail && t.chars().count() > 1 {
            t.chars()
                .next_back()
                .filter(|&c| closing_punctuation(c))
                .map_or(0.0, |_| half)
        } else {
            0.0
        };
        ((self.m.width(a, b) - lead - trail).max(0.0), lead)
    }

    /// Greedy lines no wider than `max` (at [`REF_SIZE`]); stops after `limit` lines. With
    /// `anywhere`, a phrase too long for a line is broken between any two characters kinsoku
    /// allows; without, `None` when a phrase does not fit.
    fn greedy(&self, max: f32, limit: usize, anywhere: bool) -> Option<Vec<(usize, usize)>> {
        let len = self.s.len();
        let mut lines = Vec::new();
        let mut start = 0;
        while start < len && lines.len() < limit {
            if self.visual(start, len).0 <= max {
                lines.push(self.trim(start, len));
                break;
            }
            let fit = self
                .ops
                .iter()
                .copied()
                .filter(|&p| p > start)
                .take_while(|&p| self.visual(start, p).0 <= max)
                .last();
            let end = match fit {
                Some(p) => p,
                None if anywhere => self.char_break(start, max),
                None => return None,
            };
            lines.push(self.trim(start, end));
            start = self.trim(end, len).0;
        }
        Some(lines)
    }

    /// The farthest character boundary after `start` that fits in `max` and that kinsoku allows;
    /// at least one character.
    fn char_break(&self, start: usize, max: f32) -> usize {
        let rest = &self.s[start..];
        let mut best = None;
        let mut chars = rest.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            let Some(&(j, next)) = chars.peek() else {
                break;
            };
            let end = start + j;
            if self.visual(start, end).0 > max {
                break;
            }
            if kinsoku_ok(c, next) {
                best = Some(end);
            }
        }
        best.unwrap_or_else(|| start + rest.chars().next().map_or(rest.len(), char::len_utf8))
    }

    fn line(&self, (a, b): (usize, usize), scale: f32) -> TitleLine {
        let (width, lead) = self.visual(a, b);
        TitleLine {
            text: self.s[a..b].to_string(),
            width: width * scale,
            lead: lead * scale,
        }
    }
}

/// Breaks and sizes the title to fit [`TITLE_MAX_LINES`] lines of [`TEXT_WIDTH`] in a band
/// `band` pixels high.
fn fit_title(s: &str, m: &Metrics, ellipsis: f32, band: f32) -> TitleBlock {
    let breaker = Breaker::new(s, m);
    let leading = if uses_phrases(s) { 1.42 } else { 1.25 };
    let fits_band =
        |lines: usize, size: f32| (lines.saturating_sub(1)) as f32 * size * leading + size <= band;

    for size in (TITLE_MIN_SIZE..=TITLE_MAX_SIZE)
        .rev()
        .step_by(TITLE_SIZE_STEP)
    {
        let size = size as f32;
        let max = TEXT_WIDTH * REF_SIZE / size;
        let Some(lines) = breaker.greedy(max, TITLE_MAX_LINES + 1, false) else {
            continue;
        };
        if lines.len() > TITLE_MAX_LINES || !fits_band(lines.len(), size) {
            continue;
        }
        let lines = balance(&breaker, lines, max);
        let scale = size / REF_SIZE;
        return TitleBlock {
            lines: lines.into_iter().map(|l| breaker.line(l, scale)).collect(),
            size,
            leading,
        };
    }

    // Too long even at the smallest size: break anywhere kinsoku allows, end with an ellipsis.
    let size = TITLE_MIN_SIZE as f32;
    let scale = size / REF_SIZE;
    let max = TEXT_WIDTH * REF_SIZE / size;
    let lines = breaker
        .greedy(max, TITLE_MAX_LINES + 1, true)
        .unwrap_or_default();
    let mut out: Vec<TitleLine> = lines
        .iter()
        .take(TITLE_MAX_LINES)
        .map(|&l| breaker.line(l, scale))
        .collect();
    if lines.len() > TITLE_MAX_LINES
        && let (Some(last), Some(&(start, _))) = (out.last_mut(), lines.get(TITLE_MAX_LINES - 1))
    {
        *last = truncate_line(&breaker, start, max, ellipsis, scale);
    }
    TitleBlock {
        lines: out,
        size,
        leading,
    }
}

/// Rebreaks `lines` at the narrowest width that still gives as many lines, so that they come out
/// of similar length.
fn balance(breaker: &Breaker<'_>, lines: Vec<(usize, usize)>, max: f32) -> Vec<(usize, usize)> {
    let n = lines.len();
    if n < 2 {
        return lines;
    }
    let (mut lo, mut hi) = (0.0_f32, max);
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        match breaker.greedy(mid, n + 1, false) {
            Some(l) if l.len() <= n => hi = mid,
            _ => lo = mid,
        }
    }
    match breaker.greedy(hi, n + 1, false) {
        Some(l) if l.len() == n => l,
        _ => lines,
    }
}

/// The line starting at `start` cut to fit `max` with `…` after it: at a phrase boundary if
/// that keeps most of the line, else between characters.
fn truncate_line(
    breaker: &Breaker<'_>,
    start: usize,
    max: f32,
    ellipsis: f32,
    scale: f32,
) -> TitleLine {
    let room = max - ellipsis;
    let s = breaker.s;
    // The ellipsis follows on the same line: a closing bracket keeps its blank.
    let fits = |p: usize| breaker.visual_with(start, p, false).0 <= room;
    let phrase = breaker
        .ops
        .iter()
        .copied()
        .filter(|&p| p > start)
        .take_while(|&p| fits(p))
        .last()
        .filter(|&p| breaker.visual_with(start, p, false).0 >= room * 0.7);
    let end = phrase.unwrap_or_else(|| {
        s[start..]
            .char_indices()
            .map(|(i, c)| start + i + c.len_utf8())
            .take_while(|&p| fits(p))
            .last()
            .unwrap_or(start)
    });
    // No dangling opening bracket, comma or space before the ellipsis.
    let mut text = s[start..end].to_string();
    while let Some(c) = text.chars().next_back() {
        if is_space(c) || no_line_end(c) || matches!(c, '、' | '，' | ',' | '・' | '：' | ':') {
            text.pop();
        } else {
            break;
        }
    }
    let end = start + text.len();
    let (width, lead) = if end > start {
        breaker.visual_with(start, end, false)
    } else {
        (0.0, 0.0)
    };
    text.push(ELLIPSIS);
    TitleLine {
        text: text.trim_start_matches(is_space).to_string(),
        width: (width + ellipsis) * scale,
        lead: lead * scale,
    }
}

/// One line for the site name or the author: shrunk from `size` down to `min` to fit `room`
/// pixels, then cut with `…`. Returns the text, its width in pixels, and the size.
fn single_line(
    s: &str,
    m: &Metrics,
    size: f32,
    min: f32,
    room: f32,
    ellipsis: f32,
) -> (String, f32, f32) {
    let full = m.width(0, s.len());
    if full * size / REF_SIZE <= room {
        return (s.to_string(), full * size / REF_SIZE, size);
    }
    if full * min / REF_SIZE <= room {
        let fitted = (room * REF_SIZE / full).floor().clamp(min, size);
        return (s.to_string(), full * fitted / REF_SIZE, fitted);
    }
    let budget = room * REF_SIZE / min - ellipsis;
    let end = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&p| m.width(0, p) <= budget)
        .last()
        .unwrap_or(0);
    let mut text = s[..end].trim_end_matches(is_space).to_string();
    let width = m.width(0, text.len()) + ellipsis;
    text.push(ELLIPSIS);
    (text, width * min / REF_SIZE, min)
}

// ---------------------------------------------------------------------------------------------
// The SVG.

/// Escapes text for SVG character data and attribute values.
fn escape(s: &str) -> String {
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

fn compose(layout: &Layout, language: Language) -> String {
    compose_parts(layout, language, true)
}

/// The card's SVG, with or without its background.
fn compose_parts(layout: &Layout, language: Language, with_background: bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn card<'a>(title: &'a str) -> Card<'a> {
        Card {
            title,
            site: "やまだ内科クリニック",
            author: Some("山田 健一（院長・内科医）"),
            language: Language::Ja,
        }
    }

    /// Writes sample cards (PNG and SVG) to `$OG_SAMPLES` (default `/tmp/og-samples`) and prints
    /// the wall time per card over `$OG_SAMPLES_RUNS` renders (default 20):
    /// `cargo test --release --lib og_image::tests::samples -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn samples() {
        let dir = std::env::var("OG_SAMPLES").unwrap_or_else(|_| "/tmp/og-samples".into());
        std::fs::create_dir_all(&dir).unwrap();
        let samples = [
            ("short", card("花粉症の目のかゆみ対策")),
            (
                "medium",
                card("インフルエンザ予防接種の受付を開始しました（2026年度）"),
            ),
            (
                "long",
                card(
                    "高血圧と診断されたら最初に知っておきたいこと：家庭血圧の測り方、減塩のコツ、薬を始めるタイミングと続け方について内科医が解説します",
                ),
            ),
            (
                "english",
                Card {
                    title: "How to measure your blood pressure at home, and what the numbers mean",
                    site: "Yamada Internal Medicine Clinic",
                    author: Some("Dr. Kenichi Yamada, Internal Medicine"),
                    language: Language::En,
                },
            ),
            (
                "noauthor",
                Card {
                    author: None,
                    ..card("「子どもの発熱」どうする？受診の目安と家でのケア")
                },
            ),
            (
                "sixty",
                card(
                    "花粉症の季節に知っておきたい目と鼻のセルフケア：抗アレルギー薬の選び方、点眼のコツ、受診の目安を眼科医がわかりやすく解説",
                ),
            ),
            (
                "mixed",
                card("COVID-19ワクチンとインフルエンザワクチンの同時接種はできますか？"),
            ),
            ("missing", card("🩺")),
        ];
        for (name, c) in &samples {
            let png = render(c).unwrap();
            std::fs::write(format!("{dir}/{name}.png"), &png).unwrap();
            std::fs::write(format!("{dir}/{name}.svg"), svg(c).unwrap()).unwrap();
        }
        let n: usize = std::env::var("OG_SAMPLES_RUNS").map_or(20, |v| v.parse().unwrap());
        let t = std::time::Instant::now();
        for i in 0..n {
            render(&samples[i % samples.len()].1).unwrap();
        }
        if n > 0 {
            println!(
                "{:.1} ms per card",
                t.elapsed().as_secs_f64() * 1000.0 / n as f64
            );
        }
    }

    const LONG_JA: &str = "高血圧と診断されたら最初に知っておきたいこと：家庭血圧の測り方、減塩のコツ、薬を始めるタイミングと続け方について内科医が解説します";

    /// Width and height from the PNG's IHDR chunk.
    fn ihdr(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
        assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR", "IHDR first");
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&png[16..20]), be(&png[20..24]))
    }

    fn decode(png: &[u8]) -> tiny_skia::Pixmap {
        tiny_skia::Pixmap::decode_png(png).expect("decodable PNG")
    }

    /// The card with no text at all: what every pixel outside the text must equal.
    fn background_pixels() -> &'static tiny_skia::Pixmap {
        static BG: OnceLock<tiny_skia::Pixmap> = OnceLock::new();
        BG.get_or_init(|| {
            let svg = compose(&Layout::default(), Language::Ja);
            decode(&rasterize(&svg).unwrap())
        })
    }

    /// Pixels of `png` that differ from the background, as (x, y).
    fn drawn(png: &[u8]) -> Vec<(u32, u32)> {
        let card = decode(png);
        let bg = background_pixels();
        assert_eq!((card.width(), card.height()), (WIDTH, HEIGHT));
        let mut out = Vec::new();
        for y in 0..HEIGHT {
            for x in 0..WIDTH {
                if card.pixel(x, y) != bg.pixel(x, y) {
                    out.push((x, y));
                }
            }
        }
        out
    }

    fn title_lines(card: &Card<'_>) -> Vec<TextLine> {
        layout(card)
            .unwrap()
            .lines
            .into_iter()
            .filter(|l| l.colour == COLOUR_TITLE)
            .collect()
    }

    #[test]
    fn png_of_the_right_size() {
        let png = render(&card("花粉症の目のかゆみ対策")).unwrap();
        assert_eq!(ihdr(&png), (1200, 630));
        assert!(png.len() < 1024 * 1024, "{} bytes", png.len());
    }

    #[test]
    fn the_png_holds_exactly_the_drawn_pixels_as_opaque_rgb() {
        let c = card("花粉症の目のかゆみ対策");
        let mut drawn = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap();
        draw(&svg(&c).unwrap(), &mut drawn).unwrap();
        let png = render(&c).unwrap();
        assert_eq!(png[25], 2, "colour type 2: RGB, no alpha");
        // Drawn over the shared background, the card has the pixels of the whole SVG drawn
        // in one pass.
        assert!(
            decode(&png).data() == drawn.data(),
            "lossless, opaque, same pixels"
        );
    }

    #[test]
    fn deterministic() {
        let c = card("インフルエンザ予防接種の受付を開始しました（2026年度）");
        let a = render(&c).unwrap();
        let b = render(&c).unwrap();
        assert!(a == b, "same input, different bytes");
        assert_ne!(a, render(&card("別のタイトル")).unwrap());
    }

    #[test]
    fn long_title_wraps_and_keeps_out_of_the_margins() {
        let c = Card {
            title: &LONG_JA.repeat(2),
            site: "医療法人社団 やまだ会 やまだ内科・循環器内科・糖尿病内科クリニック 東京駅前院 本院",
            author: Some(
                "山田 健一（医療法人社団やまだ会 理事長・院長・日本内科学会認定総合内科専門医・循環器専門医）",
            ),
            language: Language::Ja,
        };
        let lines = title_lines(&c);
        assert!((2..=TITLE_MAX_LINES).contains(&lines.len()), "{lines:?}");
        assert!(lines.last().unwrap().text.ends_with('…'), "{lines:?}");

        let png = render(&c).unwrap();
        let drawn = drawn(&png);
        assert!(drawn.len() > 20_000, "only {} pixels drawn", drawn.len());
        let bottom = HEIGHT - BOTTOM_FREE;
        let right = WIDTH - SIDE_MARGIN;
        let outside: Vec<_> = drawn
            .iter()
            .filter(|&&(x, y)| y >= bottom || x < SIDE_MARGIN || x >= right)
            .take(5)
            .collect();
        assert!(outside.is_empty(), "text drawn at {outside:?}");
    }

    #[test]
    fn sixty_characters_fit_without_ellipsis() {
        let title: String = LONG_JA.chars().take(60).collect();
        let lines = title_lines(&card(&title));
        assert!(lines.len() <= TITLE_MAX_LINES, "{lines:?}");
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            title
        );
        for line in &lines {
            assert!(line.x >= SIDE_MARGIN as f32, "{line:?}");
            assert!(
                line.x + line_width(line) <= (WIDTH - SIDE_MARGIN) as f32,
                "{line:?}"
            );
        }
    }

    fn line_width(line: &TextLine) -> f32 {
        let m = measure(&[&line.text]).unwrap().remove(0);
        m.width(0, line.text.len()) * line.size / REF_SIZE
    }

    #[test]
    fn japanese_glyphs_are_drawn() {
        let title = "花粉症の目のかゆみ対策";
        assert!(measure(&[title]).unwrap()[0].missing.is_empty());
        let png = render(&Card {
            title,
            site: "",
            author: None,
            language: Language::Ja,
        })
        .unwrap();
        let drawn = drawn(&png);
        // Eleven bold 76 px glyphs cover far more than this.
        assert!(drawn.len() > 15_000, "only {} pixels drawn", drawn.len());
        let top = drawn.iter().map(|p| p.1).min().unwrap() as f32;
        let bottom = drawn.iter().map(|p| p.1).max().unwrap() as f32;
        assert!(
            top >= TITLE_TOP && bottom <= TITLE_BOTTOM_NO_AUTHOR,
            "{top}..{bottom}"
        );
    }

    #[test]
    fn characters_the_font_lacks_are_left_out() {
        // Only an emoji: nothing to draw for the title, so the site name takes its place.
        let c = card("🩺");
        let lay = layout(&c).unwrap();
        let titles: Vec<_> = lay
            .lines
            .iter()
            .filter(|l| l.colour == COLOUR_TITLE)
            .collect();
        assert_eq!(titles.len(), 1);
        assert_eq!(titles[0].text, "やまだ内科クリニック");
        assert!(lay.lines.iter().all(|l| !l.text.contains('🩺')));
        assert_eq!(ihdr(&render(&c).unwrap()), (WIDTH, HEIGHT));

        // Mixed in: dropped, the rest kept.
        let lines = title_lines(&card("花粉症🌸の季節\u{e000}です"));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "花粉症の季節です");

        // Nothing drawable anywhere: an empty card, not an error.
        let empty = Card {
            title: "🩺",
            site: "\u{e000}",
            author: Some(" \n "),
            language: Language::En,
        };
        assert!(layout(&empty).unwrap().lines.is_empty());
        assert!(drawn(&render(&empty).unwrap()).is_empty());
    }

    #[test]
    fn markup_in_text_is_escaped() {
        let c = Card {
            title: r#"<script>alert("x")</script> & 'quotes'"#,
            site: "A&B <クリニック>",
            author: Some(r#""山田" & <院長>"#),
            language: Language::Ja,
        };
        let svg = svg(&c).unwrap();
        assert!(
            svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
            "{svg}"
        );
        assert!(svg.contains("&amp; &apos;quotes&apos;"), "{svg}");
        assert!(svg.contains("A&amp;B &lt;クリニック&gt;"), "{svg}");
        assert!(svg.contains("&quot;山田&quot; &amp; &lt;院長&gt;"), "{svg}");
        assert!(!svg.contains("<script"));
        let lay = layout(&c).unwrap();
        assert_eq!(lay.lines[0].text, "A&B <クリニック>");
        let lines = title_lines(&c);
        let title: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(title.join(" "), c.title);
        let png = render(&c).unwrap();
        assert!(drawn(&png).len() > 10_000);
    }

    #[test]
    fn english_title_breaks_between_words() {
        let c = Card {
            title: "How to measure your blood pressure at home, and what the numbers mean",
            site: "Yamada Internal Medicine Clinic",
            author: Some("Dr. Kenichi Yamada"),
            language: Language::En,
        };
        let lines = title_lines(&c);
        assert!((2..=3).contains(&lines.len()), "{lines:?}");
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.join(" "), c.title);
        assert!(svg(&c).unwrap().contains(r#"xml:lang="en""#));
        assert_eq!(ihdr(&render(&c).unwrap()), (WIDTH, HEIGHT));
    }

    #[test]
    fn japanese_breaks_at_phrases_and_obeys_kinsoku() {
        let lines = title_lines(&card(
            "インフルエンザ予防接種の受付を開始しました（2026年度）",
        ));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["インフルエンザ予防接種の", "受付を開始しました（2026年度）"]
        );

        let titles = [
            "「子どもの発熱」どうする？受診の目安と家でのケア、救急車を呼ぶべきサインについて",
            "ワクチン、予約、接種、副反応。「よくある質問」にまとめてお答えします！",
            "COVID-19ワクチンとインフルエンザワクチンの同時接種はできますか？",
            "ちょっとした不調、ガマンしていませんか？ーっと続く咳、ぜんそくかも",
        ];
        for title in titles {
            let lines = title_lines(&card(title));
            assert!(lines.len() <= TITLE_MAX_LINES);
            for (i, line) in lines.iter().enumerate() {
                let first = line.text.chars().next().unwrap();
                let last = line.text.chars().next_back().unwrap();
                assert!(
                    i == 0 || !no_line_start(first),
                    "{title}: line starts with {first}"
                );
                assert!(
                    i + 1 == lines.len() || !no_line_end(last),
                    "{title}: ends with {last}"
                );
            }
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(joined, title);
            // Never inside a Latin word.
            assert!(
                !lines
                    .iter()
                    .any(|l| l.text.starts_with("19") || l.text.starts_with("VID"))
            );
        }
    }

    #[test]
    fn break_opportunities_respect_words_and_kinsoku() {
        let s = "COVID-19ワクチン、受付中（予約制）です。";
        let ops = break_opportunities(s);
        for &p in &ops {
            let before = s[..p].chars().next_back().unwrap();
            let after = s[p..].chars().next().unwrap();
            assert!(kinsoku_ok(before, after), "{before}|{after}");
            assert!(!inside_word(before, after), "{before}|{after}");
        }
        assert!(ops.iter().all(|&p| p > "COVID-19".len()), "{ops:?}");
        assert_eq!(break_opportunities("self-care"), ["self-".len()]);
        let t = "COVID-19 and 2026/27";
        assert!(
            break_opportunities(t)
                .iter()
                .all(|&p| t[..p].ends_with(' '))
        );
        assert_eq!(
            break_opportunities("see the doctor"),
            ["see ".len(), "see the ".len()]
        );
    }

    #[test]
    fn long_site_name_and_author_shrink_then_cut() {
        let site = "やまだ内科・循環器内科・糖尿病内科・消化器内科・呼吸器内科・アレルギー科・小児科クリニック";
        let c = Card {
            site,
            ..card("健康診断の結果の見方")
        };
        let lay = layout(&c).unwrap();
        let line = &lay.lines[0];
        assert!(line.text.ends_with('…'), "{line:?}");
        assert_eq!(line.size, SITE_MIN_SIZE);
        let (icon_x, _) = lay.icon.unwrap();
        assert!(icon_x >= SIDE_MARGIN as f32);
        assert!(line.x + line_width(line) <= (WIDTH - SIDE_MARGIN) as f32);
    }

    #[test]
    fn text_is_cleaned() {
        assert_eq!(clean("  a\n\tb  c\u{7}d "), "a b cd");
        assert_eq!(clean("か\u{3099}"), "が");
        assert_eq!(clean("受診の　目安"), "受診の　目安");
        assert_eq!(clean("1錠≒10mg"), "1錠≈10mg");
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
