//! Characters NFKC leaves alone, known without calling the normaliser.
//!
//! The checks read text NFKC-normalised, one character (or half-width kana and its sound
//! mark) at a time, and most characters of a Japanese article are ones NFKC maps to
//! themselves: a range test answers them, and only the rest go to the normaliser.
//!
//! Not the same question as [`crate::nfc::always_nfc`]: NFKC folds the full-width and
//! half-width forms (Ａ → A, ｶ → カ), which NFC keeps, so they are not here. Nor is it the
//! search index's "NFKC-inert and caseless" (`site::search_terms`), which also asks that a
//! character never compose with the one before it and have no upper case beyond ASCII's:
//! the combining marks U+302A–U+302F are here (NFKC maps each to itself on its own) and not
//! there.

/// Whether NFKC maps `c`, on its own, to itself, by a range test: ASCII, CJK symbols and
/// punctuation U+3001–U+3035, hiragana, ゝゞ, katakana with ・ー ヽヾ, CJK extension A and the
/// unified ideographs. Characters outside these ranges may be stable too; ask the
/// normaliser. A test checks every character the ranges hold.
#[inline]
pub fn is_nfkc_stable(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F
        | 0x3001..=0x3035
        | 0x3041..=0x3096
        | 0x309D..=0x309E
        | 0x30A1..=0x30FE
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
    )
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    #[test]
    fn stable_characters_really_are_left_alone_by_nfkc() {
        let mut stable = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_nfkc_stable(c) {
                let n: String = std::iter::once(c).nfkc().collect();
                assert_eq!(n, c.to_string(), "U+{:04X}", c as u32);
                stable += 1;
            }
        }
        // The ranges hold what they say (a test that a range was not dropped).
        assert_eq!(stable, 0x80 + 0x35 + 0x56 + 2 + 0x5E + 0x19C0 + 0x5200);
        for c in ['Ａ', 'ｶ', '\u{309F}', '\u{30FF}', '\u{3000}', '\u{F900}'] {
            assert!(!is_nfkc_stable(c), "{c:?}");
        }
    }

    #[test]
    fn stable_text_is_left_alone_by_nfkc_one_character_at_a_time() {
        for text in ["冬は「乾燥」の季節です。ABC", "ヽヾゝゞ・ー", "〱〲〳〴〵"]
        {
            assert!(text.chars().all(is_nfkc_stable), "{text:?}");
            let n: String = text
                .chars()
                .flat_map(|c| std::iter::once(c).nfkc())
                .collect();
            assert_eq!(n, text);
        }
    }
}
