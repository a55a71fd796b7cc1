//! Ruby (furigana) for hard medical terms: `{頸椎|けいつい}` → `<ruby>頸椎<rt>けいつい</rt></ruby>`.
//!
//! In a table, write the bar as `\|` so it does not split the cell.

/// A piece of text: plain, or a ruby annotation.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// The longest base or reading we treat as ruby; longer braces are ordinary text.
const MAX_PART_CHARS: usize = 40;

/// Splits text into plain pieces and ruby annotations.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut search = 0;
    // (The memchr crate's searches are vectorised; std's `char` searches are not.)
    let bytes = text.as_bytes();
    while let Some(rel) = memchr::memchr(b'{', &bytes[search..]) {
        let open = search + rel;
        search = open + 1;
        let Some(close_rel) = memchr::memchr3(b'}', b'{', b'\n', &bytes[open + 1..]) else {
            break;
        };
        let close = open + 1 + close_rel;
        if !text[close..].starts_with('}') {
            continue;
        }
        let inner = &text[open + 1..close];
        let Some((base, reading)) = inner.split_once('|') else {
            continue;
        };
        let ok = |s: &str| {
            !s.trim().is_empty() && !s.contains('|') && s.chars().count() <= MAX_PART_CHARS
        };
        if !ok(base) || !ok(reading) {
            continue;
        }
        if plain_start < open {
            out.push(Piece::Text(&text[plain_start..open]));
        }
        out.push(Piece::Ruby { base, reading });
        plain_start = close + 1;
        search = close + 1;
    }
    if plain_start < text.len() {
        out.push(Piece::Text(&text[plain_start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ruby() {
        assert_eq!(
            split("{頸椎|けいつい}の痛み"),
            [
                Piece::Ruby {
                    base: "頸椎",
                    reading: "けいつい"
                },
                Piece::Text("の痛み")
            ]
        );
        assert_eq!(split("波かっこ{だけ}"), [Piece::Text("波かっこ{だけ}")]);
        assert_eq!(split("{a|}"), [Piece::Text("{a|}")]);
        assert_eq!(
            split("{{x|y}"),
            [
                Piece::Text("{"),
                Piece::Ruby {
                    base: "x",
                    reading: "y"
                }
            ]
        );
        assert_eq!(split("{#id}"), [Piece::Text("{#id}")]);
    }
}
