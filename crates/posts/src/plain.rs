//! Plain one-line text from the front matter and the body: NFC, without characters that
//! would make a post invalid, white space flattened and trimmed.

use std::borrow::Cow;

use clinote_markdown::summary;
use clinote_text::nfc::nfc;

/// One line of plain NFC text, without characters that would make a post invalid.
pub(crate) fn clean(text: &str) -> String {
    let text = nfc(text);
    let unwanted = |c: char| matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\r');
    let text: Cow<'_, str> = if text.contains(unwanted) {
        Cow::Owned(text.chars().filter(|&c| !unwanted(c)).collect())
    } else {
        text
    };
    trimmed(flatten(&text).into_owned())
}

/// [`summary::flatten`], borrowed when there is nothing to flatten. It only changes white
/// space other than U+3000, and every such character's UTF-8 holds an ASCII space or
/// control byte, or a lead byte 0xC2, 0xE1 or 0xE2 (a test checks), which Japanese text
/// seldom has.
pub(crate) fn flatten(text: &str) -> Cow<'_, str> {
    let may_have_space = text
        .bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2));
    if may_have_space {
        Cow::Owned(summary::flatten(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` without white space at either end, reusing its buffer.
pub(crate) fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}
