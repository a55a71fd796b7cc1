//! Reading UTF-8: one way to step through text by bytes and decode a character at a byte
//! offset, for the passes that look at bytes and decode only some characters; and reading
//! stored text (the render cache keeps Japanese HTML, summaries and posts, and a rebuild
//! reads them all back) without std's slow check.

/// The byte length of the character that `lead` starts: 1 for ASCII, 2 for C0–DF, 3 for
/// E0–EF (kana, kanji and Japanese punctuation), 4 for F0 and above. A continuation byte
/// (80–BF), which starts no character, counts 1, so that a walk from inside a character
/// steps to the next one.
#[inline]
pub fn width(lead: u8) -> usize {
    // A look-up by the top four bits: fewer instructions, in the sentence splitter and
    // posts' scoring, than a `match` or a branchless sum of comparisons (measured).
    const WIDTHS: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    usize::from(WIDTHS[usize::from(lead >> 4)])
}

/// The character at byte `i` of `s` and its byte length; `None` at the end of `s` (or past
/// it, or if `i` is inside a character). ASCII and three-byte characters (kana, kanji,
/// Japanese punctuation: nearly all of a Japanese text) are decoded directly, without the
/// slicing and checks of `s[i..].chars()`.
#[inline]
pub fn decode_at(s: &str, i: usize) -> Option<(char, usize)> {
    match *s.as_bytes().get(i..)? {
        [x, ..] if x < 0x80 => Some((char::from(x), 1)),
        [x @ 0xE0..=0xEF, y, z, ..] => {
            let u = (u32::from(x & 0x0F) << 12) | (u32::from(y & 0x3F) << 6) | u32::from(z & 0x3F);
            Some((char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), 3))
        }
        _ => {
            let c = s.get(i..)?.chars().next()?;
            Some((c, c.len_utf8()))
        }
    }
}

/// Reads a string stored by `serialize_str` without std's UTF-8 check, which is slow on
/// Japanese text: the bytes are checked with SIMD instead (for the fields of Japanese text:
/// the HTML, the summary, the posts). Use as `#[serde(deserialize_with = "fast_string")]`.
pub fn fast_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a UTF-8 string")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(v)
                .map(str::to_owned)
                .map_err(|_| E::custom("invalid UTF-8"))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
    }
    d.deserialize_bytes(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walks `s` with [`decode_at`], as its callers do.
    fn walk(s: &str) -> Vec<(usize, char)> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some((c, len)) = decode_at(s, i) {
            out.push((i, c));
            i += len;
        }
        out
    }

    #[test]
    fn decoding_agrees_with_std_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(width(bytes[0]), c.len_utf8(), "{c:?}");
            let framed = format!("a{c}あ{c}");
            let expected: Vec<(usize, char)> = framed.char_indices().collect();
            assert_eq!(walk(&framed), expected, "{c:?}");
            // Alone, so that nothing follows its last byte.
            assert_eq!(
                decode_at(&c.to_string(), 0),
                Some((c, c.len_utf8())),
                "{c:?}"
            );
        }
    }

    #[test]
    fn decoding_agrees_with_std_on_mixed_text() {
        for text in [
            "",
            "冬は「乾燥」の季節です。ABC（１）",
            "𠮷野家の😀 café ｶﾞ\u{3099}\u{FFFF}\u{10FFFF}",
            "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
            "。",
            "a",
        ] {
            let expected: Vec<(usize, char)> = text.char_indices().collect();
            assert_eq!(walk(text), expected, "{text:?}");
            assert_eq!(decode_at(text, text.len()), None);
            assert_eq!(decode_at(text, text.len() + 1), None);
        }
    }

    #[test]
    fn inside_a_character_there_is_nothing_to_decode() {
        assert_eq!(decode_at("é", 1), None);
        assert_eq!(decode_at("😀", 2), None);
        // A continuation byte steps one: a walk from inside reaches the next character.
        assert_eq!(width("😀".as_bytes()[1]), 1);
    }
}
