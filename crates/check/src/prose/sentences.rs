//! Splitting text into sentences, quote-aware.

use std::ops::Range;

use clinote_text::japanese::is_japanese_letter;
use clinote_text::utf8;

/// Splits `text[range]` into sentences: at 。！？!? (with the closing brackets after them), at
/// a `.` after a Japanese letter, at a `.` that ends an English sentence (see
/// [`ends_english_sentence`]), and at line ends. With `quote_aware`, an end mark inside
/// 「」 or 『』 does not end the sentence. Calls `out` with each trimmed, non-empty range.
pub(crate) fn split_sentences(
    text: &str,
    range: Range<usize>,
    quote_aware: bool,
    out: &mut dyn FnMut(Range<usize>),
) {
    // Works on bytes: every mark it looks for is ASCII or a 3-byte character starting
    // E3 80 (。「」『』) or E2 80 9D (”), so no character needs decoding except before a `.`;
    // other characters are stepped over by their lead byte (`utf8::width`).
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let base = range.start;
    let mut emit = |s: usize, e: usize| {
        let piece = &slice[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out(base + s + lead..base + s + lead + trimmed.len());
        }
    };
    // The byte length of a closing mark at `i` that stays with the sentence before it.
    let closer = |i: usize| -> usize {
        match bytes.get(i..i + 3) {
            Some([0xE3, 0x80, 0x8D | 0x8F | 0x82]) | Some([0xE2, 0x80, 0x9D]) => 3,
            _ => match bytes.get(i) {
                Some(b')' | b'"' | b'!' | b'?') => 1,
                _ => 0,
            },
        }
    };
    let (mut start, mut depth, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        let mut ends = None;
        // Step a character at a time; only ASCII and the E3 80 block (。「」『』) matter.
        match b {
            0xE3 => {
                if bytes.get(i + 1) == Some(&0x80) {
                    match bytes.get(i + 2) {
                        Some(0x82) => ends = Some(i + 3),
                        Some(0x8C | 0x8E) if quote_aware => depth += 1,
                        Some(0x8D | 0x8F) if quote_aware => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                if ends.is_none() {
                    i += 3;
                    continue;
                }
            }
            0x80..=0xFF => {
                i += utf8::width(b);
                continue;
            }
            b'\n' => {
                emit(start, i);
                start = i + 1;
                depth = 0;
            }
            b'!' | b'?' => ends = Some(i + 1),
            b'.' if slice[..i]
                .chars()
                .next_back()
                .is_some_and(is_japanese_letter)
                || ends_english_sentence(slice, i) =>
            {
                ends = Some(i + 1)
            }
            _ => {}
        }
        match ends {
            Some(mut end) if depth == 0 => {
                loop {
                    let n = closer(end);
                    if n == 0 {
                        break;
                    }
                    end += n;
                }
                emit(start, end);
                start = end;
                i = end;
            }
            Some(end) => i = end,
            None => i += 1,
        }
    }
    emit(start, slice.len());
}

/// Whether the `.` at byte `i` of `s` ends an English sentence: a space or the end follows,
/// a lowercase letter, digit or closing bracket comes before, and the word is not a title or
/// an abbreviation (Dr. Tanaka, No. 3, e.g. fever).
fn ends_english_sentence(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let next_ok = matches!(b.get(i + 1), None | Some(b' ' | b'\n'));
    let prev_ok = i > 0 && matches!(b[i - 1], b'a'..=b'z' | b'0'..=b'9' | b')' | b'"');
    if !next_ok || !prev_ok {
        return false;
    }
    // (After the character before the word, however many bytes it has: 「る」 is three.)
    let word_start = s[..i]
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let word = &s[word_start..i];
    let abbreviation = matches!(
        word,
        "Dr" | "Mr" | "Mrs" | "Ms" | "St" | "No" | "no" | "vs" | "etc" | "e.g" | "i.e" | "approx"
    );
    // A dotted word (U.S.) ends no sentence at its own dots.
    let dotted = word.len() > 1 && word.contains('.');
    !(abbreviation || dotted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter's reference: the same rules, walking characters instead of bytes.
    fn split_by_chars(text: &str, quote_aware: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut emit = |s: usize, e: usize| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push(s + lead..s + lead + trimmed.len());
            }
        };
        let closer = |i: usize| match text[i..].chars().next() {
            Some(c @ ('」' | '』' | '。' | '”' | ')' | '"' | '!' | '?')) => c.len_utf8(),
            _ => 0,
        };
        let (mut start, mut depth, mut i) = (0usize, 0usize, 0usize);
        while let Some(c) = text[i..].chars().next() {
            let mut ends = None;
            match c {
                '\n' => {
                    emit(start, i);
                    start = i + 1;
                    depth = 0;
                }
                '。' => ends = Some(i + c.len_utf8()),
                '「' | '『' if quote_aware => depth += 1,
                '」' | '』' if quote_aware => depth = depth.saturating_sub(1),
                '!' | '?' => ends = Some(i + 1),
                '.' if text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(is_japanese_letter)
                    || ends_english_sentence(text, i) =>
                {
                    ends = Some(i + 1)
                }
                _ => {}
            }
            match ends {
                Some(mut end) if depth == 0 => {
                    while closer(end) > 0 {
                        end += closer(end);
                    }
                    emit(start, end);
                    start = end;
                    i = end;
                }
                Some(end) => i = end,
                None => i += c.len_utf8(),
            }
        }
        emit(start, text.len());
        out
    }

    fn split(text: &str, range: Range<usize>, quote_aware: bool) -> Vec<Range<usize>> {
        let mut got = Vec::new();
        split_sentences(text, range, quote_aware, &mut |r| got.push(r));
        got
    }

    fn assert_same(text: &str) {
        for quote_aware in [true, false] {
            let expected = split_by_chars(text, quote_aware);
            assert_eq!(
                split(text, 0..text.len(), quote_aware),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn bytes_agree_with_characters_around_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_same(&format!("「{c}。{c}」{c}!{c}。」{c}\n{c}.あ.{c}?)x{c}"));
        }
    }

    #[test]
    fn english_sentences_end_at_a_full_stop_but_not_after_a_title() {
        let text = "The days are shorter. Dr. Tanaka sees you at No. 3 on Monday. e.g. fever.";
        let got: Vec<&str> = split(text, 0..text.len(), true)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "The days are shorter.",
                "Dr. Tanaka sees you at No. 3 on Monday.",
                "e.g. fever."
            ]
        );
        assert_same(text);
    }

    #[test]
    fn bytes_agree_with_characters_on_mixed_text() {
        for text in [
            "",
            "「治りました。ありがとう」と話してくれました。次の文!\n見出し",
            "『引用。』です。。」)!?次.終わり",
            "English. Sentences? Yes! 日本語.です",
            "𠮷野家の😀です。「😀。」😀.x",
            "  前の空白。  \n\n  後の空白  ",
            "”閉じ。”です。\u{201D}",
            "ｶﾞｷﾞ。ﾊﾟﾝ.です",
        ] {
            assert_same(text);
        }
        // A range inside a longer text: offsets are the text's.
        let text = "前置き。「本文。です」。後";
        let start = text.find('「').unwrap_or(0);
        let expected: Vec<Range<usize>> = split_by_chars(&text[start..], true)
            .into_iter()
            .map(|r| start + r.start..start + r.end)
            .collect();
        assert_eq!(split(text, start..text.len(), true), expected);
    }
}
