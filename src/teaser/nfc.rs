//! NFC without copying text that already is NFC.
//!
//! Everything the generator quotes or counts is normalised to NFC first, and nearly all of
//! it already is: kana, kanji, ASCII and Japanese punctuation never change. So we first
//! check, cheaply, whether every character is one that is always NFC on its own (a starter
//! that never composes with a neighbour); only otherwise do we ask the normalisation crate,
//! first with its quick check and then, if needed, by normalising.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `text` in NFC; borrowed when it already is.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Whether `text` is certainly NFC.
pub(crate) fn is_nfc(text: &str) -> bool {
    text.chars().all(always_nfc) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// Whether `text` is NFC and holds no white space but U+3000, so that neither NFC nor
/// [`crate::markdown::summary::flatten`] would change it: one pass, for whole paragraphs.
pub(crate) fn is_plain(text: &str) -> bool {
    text.chars()
        .all(|c| !matches!(c, '\t'..='\r' | ' ') && always_nfc(c))
}

/// Characters that are NFC in any context: no decomposition, combining class 0, and never
/// the second of a composition pair. ASCII, Japanese punctuation (but not the ideographic
/// tone marks U+302A–U+302F), kana (but not the combining sound marks U+3099 and U+309A),
/// unified kanji and full-width ASCII. A test checks every one against the crate's tables.
pub(crate) fn always_nfc(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
        0x3000..=0x3029
        | 0x3030..=0x303F
        | 0x3041..=0x3096
        | 0x309B..=0x30FF
        | 0x4E00..=0x9FFF
        | 0xFF01..=0xFF5E)
}

#[cfg(test)]
mod tests {
    use unicode_normalization::char::canonical_combining_class;

    use super::*;

    #[test]
    fn fast_ranges_are_always_nfc() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        for c in all.filter(|&c| always_nfc(c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            // Not the second of a composition pair: nothing before it changes it.
            for before in ['a', 'か', 'ハ', '\u{1100}', '\u{AC00}', c] {
                let pair: String = [before, c].iter().collect();
                assert_eq!(pair.nfc().collect::<String>(), pair, "{before:?} {c:?}");
            }
        }
    }

    #[test]
    fn plain_text_has_no_white_space_to_flatten() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        for c in all.filter(|&c| c.is_whitespace() && c != '\u{3000}') {
            assert!(!is_plain(&c.to_string()), "{c:?}");
        }
        assert!(is_plain("冬は「乾燥」の季節です。\u{3000}ABC"));
        assert!(!is_plain("冬は\n乾燥"));
    }

    #[test]
    fn normalises_only_when_needed() {
        assert!(matches!(nfc("花粉症、か。ABC"), Cow::Borrowed(_)));
        assert!(matches!(nfc("café"), Cow::Borrowed(_)));
        assert_eq!(nfc("か\u{3099}"), "が");
        assert_eq!(nfc("\u{2126}"), "\u{3A9}");
        assert_eq!(nfc("e\u{301}"), "é");
    }
}
