//! Splitting text into sentences, quote-aware.

use std::ops::Range;

/// Splits `text[range]` into sentences: at 。！？!? (with the closing brackets after them), at
/// a `.` after a Japanese letter, and at line ends. With `quote_aware`, an end mark inside
/// 「」 or 『』 does not end the sentence. Calls `out` with each trimmed, non-empty range.
pub(crate) fn split_sentences(
    text: &str,
    range: Range<usize>,
    quote_aware: bool,
    out: &mut dyn FnMut(Range<usize>),
) {
    // Works on bytes: every mark it looks for is ASCII or a 3-byte character starting
    // E3 80 (。「」『』) or E2 80 9D (”), so no character needs decoding except before a `.`.
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
            0xF0..=0xFF => {
                i += 4;
                continue;
            }
            0xE0..=0xEF => {
                i += 3;
                continue;
            }
            0x80..=0xDF => {
                i += if b >= 0xC0 { 2 } else { 1 };
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
                .is_some_and(clinote_text::japanese::is_japanese_letter) =>
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
