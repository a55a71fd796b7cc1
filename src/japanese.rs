//! Character classes for Japanese (and other CJK) text: which characters are CJK, which are
//! punctuation in CommonMark's sense, where sentences end.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// A CJK character in the sense of the CommonMark CJK-friendly amendments: East Asian Wide,
/// Fullwidth or Halfwidth scripts and punctuation (kana, kanji, 、。「」, full-width forms,
/// Hangul), but not emoji.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
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
pub fn is_japanese_letter(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFD
    ) || c == '々'
        || c == 'ー'
}

/// A Unicode punctuation character as CommonMark defines it: ASCII punctuation, or any
/// character in the general categories P (punctuation) or S (symbols).
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
    )
}

/// Unicode whitespace as CommonMark defines it (Zs, tab, line feed, form feed, carriage return).
pub fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r')
        || c.general_category() == unicode_properties::GeneralCategory::SpaceSeparator
}

/// Characters that end a Japanese sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '．')
}

#[cfg(test)]
mod tests {
    use super::*;

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
