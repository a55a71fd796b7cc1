//! Makes `**強調**` work next to Japanese punctuation, as the CommonMark CJK-friendly
//! amendments specify.
//!
//! CommonMark decides whether `*`/`~`/`_` runs open or close emphasis by their neighbours. Its
//! rules assume words are separated by spaces, so `これは**「重要」**です` and
//! `**大切です。**だから` stay literal asterisks: the run sits between a letter and a
//! punctuation mark with no space. The CommonMark CJK-friendly amendments
//! (github.com/tats-u/markdown-cjk-friendly) fix this for `*` and `~`: a run with a CJK
//! character on either side opens and closes as if its punctuation neighbour were a letter.
//! A CJK character is one the amendments name ([`is_cjk_neighbour`]): East Asian Width
//! full-, half- or wide, except emoji, plus Korean's conjoining jamo; pseudo-emoji such as 🈂
//! and ㊗ are CJK. A variation selector belongs to the character before it (大塚︀ is 塚,
//! 〽︎ is punctuation, for `_` too), and an ideographic variation selector is CJK (葛󠄀城市,
//! 禰󠄀豆子: real place and person names).
//!
//! pulldown-cmark 0.13 does not implement the amendments. Upstream has merged them as
//! `Options::ENABLE_CJK_FRIENDLY_EMPHASIS` (pulldown-cmark PR #1059, July 2026), but no
//! release carries them yet (0.13.6 is the newest on crates.io as of December 2026): when one
//! does, set that option in `lib.rs`, check `tests/cjk_friendly.rs` still agrees, and retire
//! this module (issue 24).
//!
//! We get the same result without forking the parser: for every delimiter run whose opening
//! or closing differs between what pulldown-cmark sees and the amended rules, we insert an
//! invisible marker next to the run that makes pulldown-cmark see the amended neighbour:
//! [`MARKER`] (a Unicode noncharacter reserved for internal use) is a "letter" to CommonMark,
//! neither whitespace nor punctuation; [`PUNCT_MARKER`] (two noncharacters and a punctuation
//! mark) ends in punctuation, for a run after a variation selector on punctuation
//! (`。︁_English_`). Both start with [`MARKER`], and the renderer strips them from every event
//! afterwards ([`strip`]). Positions are mapped back to the original text with
//! [`Prepared::original_offset`].
//!
//! The amendments' own test paragraphs are checked against their author's implementation in
//! `tests/cjk_friendly.rs` (all agree). Known limits: `~` is modelled as `*` (pulldown-cmark's
//! `~~` is laxer, so a marker there is merely unneeded); a marker inserted for one run also
//! changes the neighbour of a different delimiter run right beside it (`**~~`); and a run
//! after a variation selector on whitespace (a tab) cannot be made to see whitespace.

use std::borrow::Cow;

use clinote_text::japanese::{is_punctuation, is_whitespace};

/// The invisible character inserted next to delimiter runs; stripped from the output.
pub const MARKER: char = '\u{FDD0}';
const MARKER_LEN: usize = MARKER.len_utf8();

/// Inserted before a run that must follow punctuation: the marker, a second noncharacter that
/// says a punctuation mark follows, and the mark (`‸`, rare in text, punctuation to
/// pulldown-cmark). [`strip`] removes all three.
pub const PUNCT_MARKER: &str = "\u{FDD0}\u{FDD1}\u{2038}";
const PUNCT_LEAD: char = '\u{FDD1}';

/// Markdown source with markers inserted where needed.
#[derive(Debug)]
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    /// For each inserted marker, ascending: where it starts in the prepared text and how
    /// many bytes were inserted up to and including it.
    inserted: Vec<(usize, usize)>,
}

impl Prepared<'_> {
    /// Maps an offset in the prepared text back to the original text (an offset inside a
    /// marker maps to where the marker was inserted).
    pub fn original_offset(&self, prepared: usize) -> usize {
        let k = self.inserted.partition_point(|&(at, _)| at < prepared);
        let Some(k) = k.checked_sub(1) else {
            return prepared;
        };
        let (at, total) = self.inserted[k];
        let before = k.checked_sub(1).map_or(0, |j| self.inserted[j].1);
        let shift = before + (total - before).min(prepared - at);
        prepared.saturating_sub(shift)
    }
}

/// What a marker inserted before or after a run makes pulldown-cmark see there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Insert {
    Letter,
    Punct,
}

/// Inserts markers so that pulldown-cmark applies the CJK-friendly flanking rules to `*`, `~`
/// and `_`.
pub fn prepare(src: &str) -> Prepared<'_> {
    let bytes = src.as_bytes();
    // `_` is affected only through a variation selector U+FE00–FE0E (UTF-8 EF B8 8x).
    let underscores = memchr::memmem::find(bytes, &[0xEF, 0xB8]).is_some()
        && memchr::memchr(b'_', bytes).is_some();
    if memchr::memchr2(b'*', b'~', bytes).is_none() && !underscores {
        return Prepared {
            text: Cow::Borrowed(src),
            inserted: Vec::new(),
        };
    }
    let mut inserts: Vec<(usize, Insert)> = Vec::new();
    let mut i = 0;
    // Only backslashes and the delimiters matter: jump from one to the next (memchr scans
    // many bytes at a time; this runs three times per article).
    let next_special = |from: usize| {
        let found = memchr::memchr3(b'\\', b'*', b'~', &bytes[from..]);
        if !underscores {
            return found;
        }
        match (found, memchr::memchr(b'_', &bytes[from..])) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    while let Some(skip) = next_special(i) {
        i += skip;
        let b = bytes[i];
        if b == b'\\' {
            i += if i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() {
                2
            } else {
                1
            };
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b {
            i += 1;
        }
        let prev = src[..start].chars().next_back().filter(|&c| c != '\n');
        let next = src[i..].chars().next().filter(|&c| c != '\n');
        // An escaped character before the run is still a character; a backslash itself is
        // ASCII punctuation, which is what CommonMark sees too.
        let amended = (Side::before(&src[..start]), Side::after(next));
        let (before, after) = markers_needed(b == b'_', prev, next, amended);
        if let Some(kind) = before {
            inserts.push((start, kind));
        }
        if let Some(kind) = after {
            inserts.push((i, kind));
        }
    }
    if inserts.is_empty() {
        return Prepared {
            text: Cow::Borrowed(src),
            inserted: Vec::new(),
        };
    }
    let mut out = String::with_capacity(src.len() + inserts.len() * PUNCT_MARKER.len());
    let mut inserted = Vec::with_capacity(inserts.len());
    let mut total = 0;
    let mut last = 0;
    for &(at, kind) in &inserts {
        out.push_str(&src[last..at]);
        let starts = out.len();
        match kind {
            Insert::Letter => out.push(MARKER),
            Insert::Punct => out.push_str(PUNCT_MARKER),
        }
        total += out.len() - starts;
        inserted.push((starts, total));
        last = at;
    }
    out.push_str(&src[last..]);
    Prepared {
        text: Cow::Owned(out),
        inserted,
    }
}

/// Removes markers from a piece of output text.
pub fn strip(s: &str) -> Cow<'_, str> {
    // The memchr crate's search: std's `char` search stops at every byte like the marker's
    // last one, which is common in Japanese text. The searcher is made once: making one costs
    // more than searching most texts.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| {
            let mut buf = [0; MARKER_LEN];
            memchr::memmem::Finder::new(MARKER.encode_utf8(&mut buf).as_bytes()).into_owned()
        });
    let mut found = FINDER.find_iter(s.as_bytes()).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for at in found {
        if at < last {
            continue;
        }
        out.push_str(&s[last..at]);
        last = at + MARKER_LEN;
        // A punctuation marker: its lead and the mark after it go too.
        let mut rest = s[last..].chars();
        if rest.next() == Some(PUNCT_LEAD) {
            last += PUNCT_LEAD.len_utf8() + rest.next().map_or(0, char::len_utf8);
        }
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

/// How the amendments see the character on one side of a delimiter run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Side {
    /// Whitespace, or the start or end of a line.
    ws: bool,
    punct: bool,
    cjk: bool,
}

impl Side {
    fn of(c: Option<char>, cjk: bool) -> Side {
        Side {
            ws: c.is_none_or(is_whitespace),
            punct: c.is_some_and(is_punctuation),
            cjk,
        }
    }

    /// The character a run follows, from the text before the run. A variation selector
    /// belongs to the character it follows: after U+FE00–FE0E (not the emoji selector
    /// U+FE0F) the amendments look at that character, as 大塚︀ is 塚 and 〽︎ is punctuation; a
    /// curly quotation mark with U+FE01 is the full-width (CJK) glyph. An ideographic
    /// variation selector (U+E0100–E01EF, 葛󠄀城市) is itself CJK.
    fn before(text: &str) -> Side {
        let mut chars = text.chars().rev();
        let Some(last) = chars.next().filter(|&c| c != '\n') else {
            return Side::of(None, false);
        };
        if ('\u{FE00}'..='\u{FE0E}').contains(&last) {
            // At the start of the text, or after a space, the selector stands alone.
            if let Some(base) = chars.next().filter(|&c| !is_space_separator(c)) {
                let quote = matches!(base, '‘' | '’' | '“' | '”') && last == '\u{FE01}';
                let base = Some(base).filter(|&c| c != '\n');
                return Side::of(base, base.is_some_and(is_cjk_neighbour) || quote);
            }
        }
        let ivs = ('\u{E0100}'..='\u{E01EF}').contains(&last);
        Side::of(Some(last), is_cjk_neighbour(last) || ivs)
    }

    /// The character a run precedes (`None` at the end of a line).
    fn after(next: Option<char>) -> Side {
        Side::of(next, next.is_some_and(is_cjk_neighbour))
    }
}

/// Unicode's space separators (Zs), the only characters a variation selector is not taken to
/// belong to.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A CJK character as the amendments define it: East Asian Width F, H or W, except emoji
/// (Emoji_Presentation: 😀 is W but not CJK), plus the Hangul script's N characters (the
/// conjoining vowels and finals of Korean, ᅡ). Pseudo-emoji such as 🈂, 🈷, ㊗ and 〰 are W
/// without emoji presentation, so CJK. Nothing below U+1100 is.
pub fn is_cjk_neighbour(c: char) -> bool {
    let u = c as u32;
    if u < 0x1100 {
        return false;
    }
    // Kana and the common kanji first: most of a Japanese text.
    if (0x3041..=0x30FF).contains(&u) || (0x4E00..=0x9FFF).contains(&u) {
        return true;
    }
    CJK_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// [`is_cjk_neighbour`]'s ranges, inclusive and sorted: East Asian Width F, H or W without
/// Emoji_Presentation, or Hangul-script N, from U+1100, in Unicode 17 (EastAsianWidth.txt and
/// emoji-data.txt, as npm `get-east-asian-width` 1.7.0 and Node 20 give them:
/// `node tests/cjk-friendly/oracle.mjs --ranges` prints this table again).
const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CDA),
    (0x18CFF, 0x18D20),
    (0x18D80, 0x18DF2),
    (0x18E00, 0x19191),
    (0x191A0, 0x191D2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B128),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B168),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F1AE, 0x1F1AE),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x1F6D9, 0x1F6D9),
    (0x1F7DA, 0x1F7DA),
    (0x1FA8B, 0x1FA8D),
    (0x1FACC, 0x1FACC),
    (0x1FADD, 0x1FADD),
    (0x1FAEB, 0x1FAEB),
    (0x1FAF9, 0x1FAFA),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
];

/// What pulldown-cmark sees on one side of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// Whitespace, or the start or end of a line.
    Space,
    Punct,
    Letter,
}

impl Seen {
    fn of(c: Option<char>) -> Seen {
        match c {
            None => Seen::Space,
            Some(c) if is_whitespace(c) => Seen::Space,
            Some(c) if is_punctuation(c) => Seen::Punct,
            Some(_) => Seen::Letter,
        }
    }
}

/// Whether pulldown-cmark lets a run open and close emphasis between these neighbours.
fn pulldown_sees(underscore: bool, prev: Seen, next: Seen) -> (bool, bool) {
    use Seen::*;
    if underscore {
        // `_` never opens or closes inside a word.
        (
            next != Space && prev != Letter,
            prev != Space && next != Letter,
        )
    } else {
        // `*` (and `~`, which we treat alike) open when left-flanking, close when right-flanking.
        (
            next != Space && (next != Punct || prev != Letter),
            prev != Space && (prev != Punct || next != Letter),
        )
    }
}

/// Which marker, if any, is needed before and after a run with these neighbours (as
/// pulldown-cmark sees them: `None` is the start or end of a line) for pulldown-cmark to let
/// it open and close as the amendments do, given their view of the same neighbours.
fn markers_needed(
    underscore: bool,
    prev: Option<char>,
    next: Option<char>,
    amended: (Side, Side),
) -> (Option<Insert>, Option<Insert>) {
    let (p, n) = amended;
    let wanted = if underscore {
        // `_` keeps CommonMark's rule; only the variation selectors change what it sees.
        (!n.ws && (p.ws || p.punct), !p.ws && (n.ws || n.punct))
    } else {
        // A CJK character on either side lets the run open and close as if the punctuation
        // beside it were a letter.
        let either_cjk = p.cjk || n.cjk;
        (
            !n.ws && (!n.punct || p.ws || p.punct || either_cjk),
            !p.ws && (!p.punct || n.ws || n.punct || either_cjk),
        )
    };
    let seen = |insert: Option<Insert>, raw: Option<char>| match insert {
        None => Seen::of(raw),
        Some(Insert::Letter) => Seen::Letter,
        Some(Insert::Punct) => Seen::Punct,
    };
    // The fewest and plainest markers first.
    const CHOICES: [(Option<Insert>, Option<Insert>); 6] = [
        (None, None),
        (None, Some(Insert::Letter)),
        (Some(Insert::Letter), None),
        (Some(Insert::Letter), Some(Insert::Letter)),
        (Some(Insert::Punct), None),
        (Some(Insert::Punct), Some(Insert::Letter)),
    ];
    CHOICES
        .into_iter()
        .find(|&(before, after)| {
            pulldown_sees(underscore, seen(before, prev), seen(after, next)) == wanted
        })
        .unwrap_or((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_removes_every_marker_and_only_markers() {
        let m = MARKER;
        for s in [
            String::new(),
            "あいう".to_string(),
            format!("{m}"),
            format!("{m}{m}"),
            format!("**強調{m}**です{m}。"),
            format!("{m}始まりと終わり{m}"),
            // Shares the marker's last byte, not the marker.
            "\u{FD90}\u{0410}".to_string(),
        ] {
            assert_eq!(strip(&s), s.replace(MARKER, ""), "{s:?}");
        }
    }

    #[test]
    fn leaves_plain_text_alone() {
        for s in [
            "no stars",
            "a **bold** b",
            "2 * 3 * 4",
            "**「強調」**",
            "* 項目",
            "***",
        ] {
            let p = prepare(s);
            assert!(matches!(p.text, Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn marks_runs_next_to_cjk_punctuation() {
        let p = prepare("これは**「重要」**です");
        assert_eq!(p.text.matches(MARKER).count(), 2);
        assert_eq!(strip(&p.text), "これは**「重要」**です");
        let p = prepare("**大切です。**だから");
        assert_eq!(p.text.matches(MARKER).count(), 1);
    }

    #[test]
    fn maps_offsets_back() {
        let src = "これは**「重要」**です";
        let p = prepare(src);
        let in_prepared = p.text.find("です").unwrap();
        assert_eq!(p.original_offset(in_prepared), src.find("です").unwrap());
        assert_eq!(p.original_offset(0), 0);
    }

    #[test]
    fn strip_removes_punctuation_markers_whole() {
        let m = MARKER;
        let pm = PUNCT_MARKER;
        for (s, want) in [
            (format!("。\u{FE01}{pm}_a_"), "。\u{FE01}_a_"),
            (format!("a**{m}{pm}_b_"), "a**_b_"),
            // The mark on its own is text.
            (format!("**x**{m}\u{2038}"), "**x**\u{2038}"),
            (pm.to_string(), ""),
        ] {
            assert_eq!(strip(&s), want, "{s:?}");
        }
    }

    #[test]
    fn underscore_after_a_selector_on_punctuation_follows_punctuation() {
        let src = "正體字。\u{FE01}_Traditional._";
        let p = prepare(src);
        assert_eq!(p.text.matches(PUNCT_MARKER).count(), 1, "{:?}", p.text);
        assert_eq!(strip(&p.text), src);
        let end = p.text.len();
        assert_eq!(p.original_offset(end), src.len());
        let at = p.text.find(PUNCT_MARKER).unwrap();
        for inside in at..=at + PUNCT_MARKER.len() {
            assert_eq!(p.original_offset(inside), src.find('_').unwrap());
        }
        // Without a selector, `_` is left to CommonMark.
        assert!(matches!(
            prepare("正體字。_Traditional._").text,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn cjk_neighbours_follow_east_asian_width() {
        for c in [
            'あ', '漢', '。', '「', '🈂', '㊗', '〰', 'ᅡ', 'ᄏ', '한', '𩸽', 'ｱ', '！',
        ] {
            assert!(is_cjk_neighbour(c), "{c}");
        }
        for c in ['a', 'é', '😀', '“', '\u{E0100}', '\u{FE00}', '—', 'Ω'] {
            assert!(!is_cjk_neighbour(c), "{c}");
        }
        assert!(CJK_RANGES.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn selectors_belong_to_the_character_before() {
        assert!(Side::before("葛\u{E0100}").cjk);
        let s = Side::before("大塚\u{FE00}");
        assert!(s.cjk && !s.punct);
        let s = Side::before("〽\u{FE0E}");
        assert!(s.cjk && s.punct);
        assert!(Side::before("”\u{FE01}").cjk);
        assert!(!Side::before("”\u{FE00}").cjk);
        // The emoji selector is not looked through, nor one after a space.
        assert!(!Side::before("〽\u{FE0F}").punct);
        assert!(!Side::before(" \u{FE00}").ws);
    }

    #[test]
    fn escaped_stars_are_not_runs() {
        let p = prepare(r"これは\*「重要」\*です");
        assert!(matches!(p.text, Cow::Borrowed(_)));
    }
}
