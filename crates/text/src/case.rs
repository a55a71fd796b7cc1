//! Characters lower-casing leaves alone, known from their bytes.
//!
//! A pass that must see text lower-cased can search it as it is when no character in it has
//! case, and most Japanese text has none; this tells so from the bytes of a character,
//! without decoding it.
//!
//! Not the same question as [`crate::nfc::always_nfc`] (the combining marks U+302A–U+302F
//! and U+3099–U+309A are caseless, not always NFC) nor as the search index's "NFKC-inert and
//! caseless" (`site::search_terms`, which keeps ASCII capitals and lower-cases them itself).

/// Whether lower-casing leaves `c` as it is, whatever surrounds it, by a range test: ASCII
/// other than capitals, U+3000–U+9FFF (Japanese punctuation, kana, kanji), U+F000–U+FFFF
/// but the full-width capitals U+FF21–U+FF3A. Other characters may have case. What
/// [`starts_caseless`] tests on bytes; a test checks every character against std.
#[inline]
pub fn is_caseless(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    matches!(c as u32, 0x3000..=0x9FFF | 0xF000..=0xFF20 | 0xFF3B..=0xFFFF)
}

/// Whether the character that `bytes` start with [`is_caseless`], from its lead byte (and,
/// for U+F000–U+FFFF, two more). `false` for empty `bytes`.
#[inline]
pub fn starts_caseless(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii() => !b.is_ascii_uppercase(),
        [0xE3..=0xE9, ..] => true,
        [0xEF, 0xBC, 0xA1..=0xBA, ..] => false,
        [0xEF, ..] => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_characters_stay_as_they_are() {
        let mut caseless = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_caseless(c) {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
                // Nor does a word around it change it (std's only context is final sigma).
                let word = format!("Σ{c}Σ").to_lowercase();
                assert!(word.contains(c), "{c:?}");
                caseless += 1;
            }
        }
        assert!(caseless > 20_000);
        assert!(!is_caseless('Ａ') && !is_caseless('A') && is_caseless('ａ'));
    }

    #[test]
    fn bytes_agree_with_the_character_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("{c}Ａa");
            assert_eq!(starts_caseless(text.as_bytes()), is_caseless(c), "{c:?}");
            assert_eq!(
                starts_caseless(c.to_string().as_bytes()),
                is_caseless(c),
                "{c:?}"
            );
        }
        assert!(!starts_caseless(b""));
    }

    #[test]
    fn bytes_agree_with_the_character_in_mixed_text() {
        for text in [
            "冬は「乾燥」のＡＢＣ季節。abc",
            "Ｚｚ😀ÉéΣσ",
            "ｶﾞ\u{F900}\u{FF3B}",
        ] {
            for (i, c) in text.char_indices() {
                assert_eq!(
                    starts_caseless(&text.as_bytes()[i..]),
                    is_caseless(c),
                    "{c:?}"
                );
            }
        }
    }
}
