//! Makes `**強調**` work next to Japanese punctuation.
//!
//! CommonMark decides whether `*`/`~` runs open or close emphasis by their neighbours. Its
//! rules assume words are separated by spaces, so `これは**「重要」**です` and
//! `**大切です。**だから` stay literal asterisks: the run sits between a letter and a
//! punctuation mark with no space. The CommonMark CJK-friendly amendments
//! (github.com/tats-u/markdown-cjk-friendly) fix this by treating CJK punctuation and CJK
//! characters as acceptable neighbours. pulldown-cmark does not implement them.
//!
//! We get the same result without forking the parser: for every delimiter run whose flanking
//! differs between the standard and the amended rules, we insert an invisible marker
//! character ([`MARKER`], a Unicode noncharacter reserved for internal use) on the side that
//! makes pulldown-cmark see the amended flanking. The marker is a "letter" to CommonMark (neither
//! whitespace nor punctuation), and the renderer strips it from every event afterwards.
//! Positions are mapped back to the original text with [`Prepared::original_offset`].

use std::borrow::Cow;

use clinote_text::japanese::{is_punctuation, is_whitespace};

/// The invisible character inserted next to delimiter runs; stripped from the output.
pub const MARKER: char = '\u{FDD0}';
const MARKER_LEN: usize = MARKER.len_utf8();

/// Markdown source with markers inserted where needed.
#[derive(Debug)]
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    /// Offsets in the *original* text where a marker was inserted, ascending.
    inserted_at: Vec<usize>,
}

impl Prepared<'_> {
    /// Maps an offset in the prepared text back to the original text.
    pub fn original_offset(&self, prepared: usize) -> usize {
        // Each marker inserted at original offset `o` sits at prepared offset `o + k*LEN`.
        let mut shift = 0;
        for &o in &self.inserted_at {
            if o + shift < prepared {
                shift += MARKER_LEN;
            } else {
                break;
            }
        }
        prepared.saturating_sub(shift)
    }
}

/// Inserts markers so that pulldown-cmark applies the CJK-friendly flanking rules to `*` and `~`.
pub fn prepare(src: &str) -> Prepared<'_> {
    if memchr::memchr2(b'*', b'~', src.as_bytes()).is_none() {
        return Prepared {
            text: Cow::Borrowed(src),
            inserted_at: Vec::new(),
        };
    }
    let mut inserts: Vec<usize> = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    // Only backslashes and the two markers matter: jump from one to the next (memchr scans
    // many bytes at a time; this runs three times per article).
    while let Some(skip) = memchr::memchr3(b'\\', b'*', b'~', &bytes[i..]) {
        i += skip;
        let b = bytes[i];
        if b == b'\\' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() {
            i += 2;
            continue;
        }
        if b == b'*' || b == b'~' {
            let start = i;
            while i < bytes.len() && bytes[i] == b {
                i += 1;
            }
            let prev = src[..start].chars().next_back().filter(|&c| c != '\n');
            let next = src[i..].chars().next().filter(|&c| c != '\n');
            // An escaped character before the run is still a character; a backslash itself is
            // ASCII punctuation, which is what CommonMark sees too.
            let amended = (Side::before(&src[..start]), Side::after(next));
            match markers_needed(prev, next, amended) {
                (false, false) => {}
                (before, after) => {
                    if before {
                        inserts.push(start);
                    }
                    if after {
                        inserts.push(i);
                    }
                }
            }
            continue;
        }
        i += 1;
    }
    if inserts.is_empty() {
        return Prepared {
            text: Cow::Borrowed(src),
            inserted_at: inserts,
        };
    }
    let mut out = String::with_capacity(src.len() + inserts.len() * MARKER_LEN);
    let mut last = 0;
    for &at in &inserts {
        out.push_str(&src[last..at]);
        out.push(MARKER);
        last = at;
    }
    out.push_str(&src[last..]);
    Prepared {
        text: Cow::Owned(out),
        inserted_at: inserts,
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
        out.push_str(&s[last..at]);
        last = at + MARKER_LEN;
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

/// Whether a marker is needed before and/or after a run with these neighbours, as
/// pulldown-cmark sees them (`None` is the start or end of a line, which CommonMark treats as
/// whitespace), for it to see the flanking that `amended` (the amendments' view of the same
/// neighbours) gives.
fn markers_needed(prev: Option<char>, next: Option<char>, amended: (Side, Side)) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);

    let standard = (
        !ws(next) && (!punct(next) || ws(prev) || punct(prev)),
        !ws(prev) && (!punct(prev) || ws(next) || punct(next)),
    );
    // The amended rule: a CJK character on either side lets the run open and close as if
    // the punctuation beside it were a letter.
    let (p, n) = amended;
    let either_cjk = p.cjk || n.cjk;
    let wanted = (
        !n.ws && (!n.punct || p.ws || p.punct || either_cjk),
        !p.ws && (!p.punct || n.ws || n.punct || either_cjk),
    );
    if standard == wanted {
        return (false, false);
    }
    // What pulldown-cmark sees with a marker after the run, before it, or on both sides.
    let after = (true, !ws(prev) && !punct(prev));
    let before = (!ws(next) && !punct(next), true);
    if after == wanted {
        (false, true)
    } else if before == wanted {
        (true, false)
    } else if wanted == (true, true) {
        (true, true)
    } else {
        (false, false)
    }
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
    fn escaped_stars_are_not_runs() {
        let p = prepare(r"これは\*「重要」\*です");
        assert!(matches!(p.text, Cow::Borrowed(_)));
    }
}
