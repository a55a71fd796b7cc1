//! Character classes for Japanese (and other CJK) text: which characters are CJK, which are
//! punctuation in CommonMark's sense, where sentences end.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// A CJK character in the sense of the CommonMark CJK-friendly amendments: East Asian Wide,
/// Fullwidth or Halfwidth scripts and punctuation (kana, kanji, 、。「」, full-width forms,
/// Hangul), but not emoji.
#[inline]
pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    // Kana and the common kanji first: most of a Japanese text, answered by two tests.
    if (0x3041..=0x33FF).contains(&u) || (0x4E00..=0x9FFF).contains(&u) {
        return true;
    }
    if u < 0x1100 {
        return false;
    }
    matches!(u,
        0x1100..=0x115F        // Hangul Jamo (leading, wide)
        | 0x2E80..=0x2FDF      // CJK radicals, Kangxi radicals
        | 0x2FF0..=0x303E      // ideographic description, CJK symbols and punctuation
        | 0x3041..=0x33FF      // kana, Bopomofo, Hangul compatibility, Kanbun, enclosed, compat
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF      // Yi
        | 0xA960..=0xA97F      // Hangul Jamo extended A
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE10..=0xFE19      // vertical forms
        | 0xFE30..=0xFE6F      // CJK compatibility and small forms
        | 0xFF01..=0xFF60      // full-width forms
        | 0xFF61..=0xFFDC      // half-width katakana and Hangul
        | 0xFFE0..=0xFFE6      // full-width signs
        | 0x1B000..=0x1B2FF    // kana supplement and extensions
        | 0x20000..=0x3FFFD    // CJK extensions B and beyond
    )
}

/// Hiragana, katakana or kanji: what Japanese readers count as characters of text.
#[inline]
pub fn is_japanese_letter(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFD
    ) || c == '々'
        || c == 'ー'
}

/// Kana and kanji whose general category is a letter (Lo, Lm), known without looking the
/// category up: the bulk of Japanese text, so the classes below answer it from a range test
/// (the lookup is a binary search). Excludes ・ (U+30FB, punctuation) and ゛゜ (symbols).
#[inline]
pub fn is_kana_or_kanji_letter(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}'     // hiragana
        | '\u{309D}'..='\u{309F}'   // ゝゞゟ
        | '\u{30A1}'..='\u{30FA}'   // katakana
        | '\u{30FC}'..='\u{30FF}'   // ー ヽ ヾ ヿ
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
    )
}

/// A Unicode punctuation character as CommonMark defines it: ASCII punctuation, or any
/// character in the general categories P (punctuation) or S (symbols).
#[inline]
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    if is_kana_or_kanji_letter(c) {
        return false;
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
    )
}

/// Unicode whitespace as CommonMark defines it (Zs, tab, line feed, form feed, carriage return).
#[inline]
pub fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r');
    }
    !is_kana_or_kanji_letter(c)
        && c.general_category() == unicode_properties::GeneralCategory::SpaceSeparator
}

/// Characters that end a Japanese sentence.
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '．')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_ranges_hold_only_letters() {
        let ranges = [
            0x3041..=0x3096,
            0x309D..=0x309F,
            0x30A1..=0x30FA,
            0x30FC..=0x30FF,
            0x3400..=0x4DBF,
            0x4E00..=0x9FFF,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert!(is_kana_or_kanji_letter(c));
            assert_eq!(
                c.general_category_group(),
                GeneralCategoryGroup::Letter,
                "U+{:04X}",
                c as u32
            );
        }
        for c in ['・', '゛', '゜', '、', '。', '「', '\u{3000}', '〜'] {
            assert!(!is_kana_or_kanji_letter(c), "{c}");
        }
    }

    #[test]
    fn fast_paths_agree_with_the_general_category() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let slow_punct = if c.is_ascii() {
                c.is_ascii_punctuation()
            } else {
                matches!(
                    c.general_category_group(),
                    GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
                )
            };
            assert_eq!(is_punctuation(c), slow_punct, "U+{:04X}", c as u32);
            let slow_space = matches!(c, '\t' | '\n' | '\x0c' | '\r')
                || c.general_category() == unicode_properties::GeneralCategory::SpaceSeparator;
            assert_eq!(is_whitespace(c), slow_space, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn classes() {
        for c in ['あ', 'ア', '漢', '「', '」', '。', '、', 'ｱ', '！', '（'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', '*', '😀', ' ', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
        for c in ['「', '」', '。', '、', '!', '*', '（', '・', '〜', '＄'] {
            assert!(is_punctuation(c), "{c}");
        }
        for c in ['あ', 'a', '漢'] {
            assert!(!is_punctuation(c), "{c}");
        }
        assert!(is_whitespace('\u{3000}'));
        assert!(is_japanese_letter('ー') && !is_japanese_letter('。'));
    }
}
