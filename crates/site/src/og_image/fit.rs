//! Fitting text to the card: the title broken, sized and balanced over at most three lines,
//! cut with `…` when too long; the site name and author shrunk or cut to one line.

use super::breaks::{
    break_opportunities, closing_punctuation, is_space, kinsoku_ok, no_line_end, opening_bracket,
    uses_phrases,
};
use super::layout::{TEXT_WIDTH, TITLE_MAX_LINES, TITLE_MAX_SIZE, TITLE_MIN_SIZE, TITLE_SIZE_STEP};
use super::measure::{ELLIPSIS, Metrics, REF_SIZE};

/// A title line as drawn.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TitleLine {
    pub(super) text: String,
    /// Visual width in pixels (the half-em blanks of brackets at either end left out).
    pub(super) width: f32,
    /// The blank before the first ink, in pixels (half an em after an opening bracket).
    pub(super) lead: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct TitleBlock {
    pub(super) lines: Vec<TitleLine>,
    pub(super) size: f32,
    /// Line height as a multiple of the size.
    pub(super) leading: f32,
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
pub(super) fn fit_title(s: &str, m: &Metrics, ellipsis: f32, band: f32) -> TitleBlock {
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
pub(super) fn single_line(
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
