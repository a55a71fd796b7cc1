//! NFC without copying text that already is NFC.
//!
//! Everything the generator quotes or counts is normalised to NFC first, and nearly all of
//! it already is: kana, kanji, ASCII and Japanese punctuation never change. So we first
//! check, cheaply, whether every character is one that is always NFC on its own
//! ([`always_nfc`]: a starter that never composes with a neighbour); only otherwise do we ask
//! the normalisation crate, first with its quick check and then, if needed, by normalising.
//!
//! The check looks at bytes, not characters: decoding UTF-8 costs more than the test. In
//! UTF-8, U+3000–U+9FFF are the three-byte sequences led by E3–E9, and U+F000–U+FFFF those
//! led by EF.
//!
//! "Always NFC" is not "left alone by NFKC": NFKC also folds the full-width forms
//! (U+FF00–U+FFFF), which are always NFC. See [`crate::nfkc`] for that question.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `text` in NFC; borrowed when it already is.
#[inline]
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Whether `text` is certainly NFC: every character [`always_nfc`] (checked on bytes), or
/// else the normalisation crate's quick check says yes.
#[inline]
pub fn is_nfc(text: &str) -> bool {
    is_always_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// Characters that are NFC in any context: no decomposition, combining class 0, and never
/// the second of a composition pair. ASCII; U+3000–U+9FFF (Japanese punctuation, kana,
/// kanji) but the combining marks U+302A–U+302F, U+3099 and U+309A; U+FF00–U+FFFF
/// (full-width and half-width forms). A test checks every one against the normalisation
/// crate's tables; [`is_always_nfc`] tests the same set on bytes.
#[inline]
pub fn always_nfc(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
        0x3000..=0x3029
        | 0x3030..=0x3098
        | 0x309B..=0x9FFF
        | 0xFF00..=0xFFFF)
}

/// Whether every character of `text` is [`always_nfc`], looking at bytes. Such text is NFC,
/// and stays NFC whatever NFC text is put before or after it.
#[inline]
pub fn is_always_nfc(text: &str) -> bool {
    all_always_nfc(text, true)
}

/// Whether every character of `text` is [`always_nfc`] and none is ASCII white space (tab,
/// line feed, vertical tab, form feed, carriage return, space), looking at bytes. Such text
/// holds no Unicode white space at all but U+3000 (the others are not always NFC): nothing
/// for a step that flattens white space to do.
#[inline]
pub fn is_always_nfc_without_spaces(text: &str) -> bool {
    all_always_nfc(text, false)
}

/// Whether every character of `text` is [`always_nfc`] (and, unless `spaces`, none is ASCII
/// white space), looking at bytes.
///
/// Written as two folds without branches, which the compiler turns into vector code: every
/// byte must be ASCII, a continuation byte, or the lead of a character in U+3000–U+9FFF
/// (E3–E9) or U+F000–U+FFFF (EF); and no three bytes in a row may be one of the excluded
/// characters (U+302A–U+302F, U+3099–U+309A) or start U+F000–U+FEFF.
#[inline]
fn all_always_nfc(text: &str, spaces: bool) -> bool {
    let bytes = text.as_bytes();
    let bytes_ok = bytes.iter().fold(true, |ok, &b| {
        let space = matches!(b, b'\t'..=b'\r' | b' ') & !spaces;
        let lead_ok = b < 0xC0 || (0xE3..=0xE9).contains(&b) || b == 0xEF;
        ok & lead_ok & !space
    });
    let (second, third) = (bytes.get(1..).unwrap_or(&[]), bytes.get(2..).unwrap_or(&[]));
    let excluded = bytes
        .iter()
        .zip(second)
        .zip(third)
        .fold(false, |found, ((&a, &b), &c)| {
            let tone_mark = (a == 0xE3) & (b == 0x80) & (0xAA..=0xAF).contains(&c);
            let sound_mark = (a == 0xE3) & (b == 0x82) & (0x99..=0x9A).contains(&c);
            let below_ff00 = (a == 0xEF) & (b < 0xBC);
            found | tone_mark | sound_mark | below_ff00
        });
    bytes_ok && !excluded
}

#[cfg(test)]
mod tests {
    use unicode_normalization::char::canonical_combining_class;

    use super::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    /// Mixed text: Japanese, ASCII, full-width forms, white space, combining marks, letters
    /// that compose, characters of four bytes.
    const MIXED: &[&str] = &[
        "",
        "冬は「乾燥」の季節です。ABC（１）",
        "冬は「乾燥」の季節です。\u{3000}ABC",
        "冬は\n乾燥",
        "か\u{3099}",
        "ｶﾞｷﾞ、ﾊﾟﾝ",
        "café",
        "cafe\u{301}",
        "\u{2126}Ω",
        "𠮷野家の😀",
        "\u{302A}漢字",
        "漢字\u{302F}",
        "\u{FEFF}BOM",
        "\u{F900}\u{FA10}",
        "a\tb\u{0B}c\u{0C}d\re ",
        "ヴァ\u{309A}ー",
        "\u{1100}\u{1161}\u{AC00}",
    ];

    #[test]
    fn always_nfc_agrees_with_the_normalisation_tables() {
        for c in every_char() {
            if !always_nfc(c) {
                continue;
            }
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
    fn byte_checks_agree_with_always_nfc_on_every_character() {
        for c in every_char() {
            let text = c.to_string();
            let space = matches!(c, '\t'..='\r' | ' ');
            assert_eq!(is_always_nfc(&text), always_nfc(c), "{c:?}");
            assert_eq!(
                is_always_nfc_without_spaces(&text),
                always_nfc(c) && !space,
                "{c:?}"
            );
            // After and before a kana and an ASCII letter: the three-byte window sees them.
            let framed = format!("aか{c}かa");
            assert_eq!(is_always_nfc(&framed), always_nfc(c), "{c:?}");
        }
    }

    #[test]
    fn byte_checks_agree_with_always_nfc_on_mixed_text() {
        for text in MIXED {
            let by_chars = text.chars().all(always_nfc);
            assert_eq!(is_always_nfc(text), by_chars, "{text:?}");
            let no_space = text
                .chars()
                .all(|c| always_nfc(c) && !matches!(c, '\t'..='\r' | ' '));
            assert_eq!(is_always_nfc_without_spaces(text), no_space, "{text:?}");
            // Every pair of the samples, joined.
            for other in MIXED {
                let joined = format!("{text}{other}");
                assert_eq!(
                    is_always_nfc(&joined),
                    joined.chars().all(always_nfc),
                    "{joined:?}"
                );
            }
        }
    }

    #[test]
    fn text_without_spaces_has_no_white_space_but_u3000() {
        for c in every_char().filter(|&c| c.is_whitespace() && c != '\u{3000}') {
            assert!(!is_always_nfc_without_spaces(&c.to_string()), "{c:?}");
        }
        assert!(is_always_nfc_without_spaces(
            "冬は「乾燥」の季節です。\u{3000}ABC"
        ));
        assert!(!is_always_nfc_without_spaces("冬は\n乾燥"));
    }

    #[test]
    fn is_nfc_agrees_with_normalising() {
        for text in MIXED {
            let normalised: String = text.nfc().collect();
            if is_nfc(text) {
                assert_eq!(&normalised, text);
            }
            assert_eq!(nfc(text), normalised, "{text:?}");
        }
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
