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

use clinote_text::japanese::{is_cjk, is_punctuation, is_whitespace};

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
            match markers_needed(prev, next) {
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

/// Whether a marker is needed before and/or after a run with these neighbours (`None` is the
/// start or end of a line, which CommonMark treats as whitespace).
fn markers_needed(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let non_cjk_punct = |c: Option<char>| c.is_some_and(|c| is_punctuation(c) && !is_cjk(c));
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);

    let standard = (
        !ws(next) && (!punct(next) || ws(prev) || punct(prev)),
        !ws(prev) && (!punct(prev) || ws(next) || punct(next)),
    );
    let wanted = (
        !ws(next) && (!non_cjk_punct(next) || ws(prev) || non_cjk_punct(prev) || cjk(prev)),
        !ws(prev) && (!non_cjk_punct(prev) || ws(next) || non_cjk_punct(next) || cjk(next)),
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
