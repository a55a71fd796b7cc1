//! Where an emoji starts and how long it is, as twemoji-parser 11 sees it.
//!
//! twitter-text weighs each emoji that twemoji-parser finds as 2, however many code points it
//! has (`👨‍👩‍👧‍👦` is 7 code points and weighs 2). Anything the parser does not know is weighed
//! per code point, so the exact set matters: `🧑‍⚕️` (Emoji 12.1) is `🧑` (2) + ZWJ (1) +
//! `⚕️` (2) = 5, `©` is 1 but `©️` is 2.
//!
//! twemoji-parser's pattern is an ordered list of alternatives; the first that matches at a
//! position wins. [`match_at`] tries the same alternatives in the same order:
//! profession sequences, gendered sequences, the fixed ZWJ list (families, couples, flags),
//! keycaps, text-default symbols with U+FE0F, symbols that may take U+FE0F, emoji with an
//! optional skin tone, flags and single emoji, and a lone U+FE0F.

use std::sync::LazyLock;

use super::class::in_ranges;
use super::emoji_data::{DIVERSITY, FLAGS, NORMAL, VARIANT, VARIANT_DIVERSITY};

const ZWJ: char = '\u{200D}';
const VS15: char = '\u{FE0E}';
const VS16: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
const MAN: char = '\u{1F468}';
const WOMAN: char = '\u{1F469}';
const BOY: char = '\u{1F466}';
const GIRL: char = '\u{1F467}';
const HEART: char = '\u{2764}';
const KISS: char = '\u{1F48B}';
const FEMALE: char = '\u{2640}';
const MALE: char = '\u{2642}';

/// Objects after `👨`/`👩` + ZWJ in profession and hair sequences that take no U+FE0F.
const ROLE_OBJECTS: &[(u32, u32)] = &[
    (0x1F33E, 0x1F33E),
    (0x1F373, 0x1F373),
    (0x1F393, 0x1F393),
    (0x1F3A4, 0x1F3A4),
    (0x1F3A8, 0x1F3A8),
    (0x1F3EB, 0x1F3EB),
    (0x1F3ED, 0x1F3ED),
    (0x1F4BB, 0x1F4BC),
    (0x1F527, 0x1F527),
    (0x1F52C, 0x1F52C),
    (0x1F680, 0x1F680),
    (0x1F692, 0x1F692),
    (0x1F9B0, 0x1F9B3),
];
/// Objects that need U+FE0F after them: ⚕ ⚖ ✈.
const ROLE_SYMBOLS: [char; 3] = ['\u{2695}', '\u{2696}', '\u{2708}'];

/// Bases of `base (skin tone | U+FE0F) ZWJ ♀/♂ U+FE0F`: 🏋 🏌 🕴 🕵 ⛹.
const GENDERED_WITH_VARIANT: [char; 5] = [
    '\u{1F3CB}',
    '\u{1F3CC}',
    '\u{1F574}',
    '\u{1F575}',
    '\u{26F9}',
];

/// Bases of `base [skin tone] ZWJ ♀/♂ U+FE0F` (runners, surfers, police officers …).
const GENDERED: &[(u32, u32)] = &[
    (0x1F3C3, 0x1F3C4),
    (0x1F3CA, 0x1F3CA),
    (0x1F46E, 0x1F46E),
    (0x1F471, 0x1F471),
    (0x1F473, 0x1F473),
    (0x1F477, 0x1F477),
    (0x1F481, 0x1F482),
    (0x1F486, 0x1F487),
    (0x1F645, 0x1F647),
    (0x1F64B, 0x1F64B),
    (0x1F64D, 0x1F64E),
    (0x1F6A3, 0x1F6A3),
    (0x1F6B4, 0x1F6B6),
    (0x1F926, 0x1F926),
    (0x1F935, 0x1F935),
    (0x1F937, 0x1F939),
    (0x1F93D, 0x1F93E),
    (0x1F9B8, 0x1F9B9),
    (0x1F9D6, 0x1F9DD),
];

/// Text-default symbols that are emoji only with U+FE0F: © ® ™ ♟.
const TEXT_DEFAULT: [char; 4] = ['\u{A9}', '\u{AE}', '\u{2122}', '\u{265F}'];

/// England, Scotland and Wales: 🏴 followed by tag letters and a cancel tag.
const TAG_FLAGS: [&str; 3] = ["gbeng", "gbsct", "gbwls"];

/// The length (in code points) of the emoji starting at `i`, if one does.
#[inline]
pub(super) fn match_at(s: &[char], i: usize) -> Option<usize> {
    let first = *s.get(i)?;
    // Cheap exits: below U+00A9 (`©`) only a keycap can start, and nothing starts with kana,
    // kanji or most Japanese punctuation (a test checks the tables).
    if (first as u32) < 0xA9 {
        if !matches!(first, '#' | '*' | '0'..='9') {
            return None;
        }
        return keycap(&|k| s.get(i + k).copied());
    }
    if is_never_emoji(first) {
        return None;
    }
    match_symbol_at(s, i, first)
}

/// [`match_at`] for a first character that may start an emoji: the alternatives in order.
fn match_symbol_at(s: &[char], i: usize, first: char) -> Option<usize> {
    let at = |k: usize| s.get(i + k).copied();
    profession(&at)
        .or_else(|| gendered(&at))
        .or_else(|| fixed_sequence(s, i))
        .or_else(|| keycap(&at))
        .or_else(|| (TEXT_DEFAULT.contains(&first) && at(1) == Some(VS16)).then_some(2))
        .or_else(|| variant(&at))
        .or_else(|| with_skin_tone(&at))
        .or_else(|| flag(s, i))
        .or_else(|| (in_table(NORMAL, first) || first == VS16).then_some(1))
}

/// Japanese punctuation (up to U+302F), kana, CJK ideographs and full-width forms: no
/// emoji starts with one (`〰` U+3030, `〽` U+303D, `㊗` U+3297 and `㊙` U+3299 do, and are
/// outside these ranges).
fn is_never_emoji(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x302F | 0x3040..=0x31FF | 0x3400..=0x9FFF | 0xFF00..=0xFFEF)
}

/// `👨`/`👩` [skin tone] ZWJ object: `👩‍⚕️`, `👨🏻‍💻`, `👩‍🦰`.
fn profession(at: &impl Fn(usize) -> Option<char>) -> Option<usize> {
    if !matches!(at(0)?, MAN | WOMAN) {
        return None;
    }
    let mut k = 1 + usize::from(at(1).is_some_and(is_skin_tone));
    if at(k)? != ZWJ {
        return None;
    }
    k += 1;
    let object = at(k)?;
    if ROLE_SYMBOLS.contains(&object) && at(k + 1) == Some(VS16) {
        Some(k + 2)
    } else if in_table(ROLE_OBJECTS, object) {
        Some(k + 1)
    } else {
        None
    }
}

/// Gendered activities: `🏃‍♀️`, `🕵️‍♂️`, `🙆🏻‍♀️`.
fn gendered(at: &impl Fn(usize) -> Option<char>) -> Option<usize> {
    let base = at(0)?;
    let k = if GENDERED_WITH_VARIANT.contains(&base) {
        // This group needs a skin tone or U+FE0F before the ZWJ.
        let next = at(1)?;
        if !(is_skin_tone(next) || next == VS16) {
            return None;
        }
        2
    } else if in_table(GENDERED, base) {
        1 + usize::from(at(1).is_some_and(is_skin_tone))
    } else {
        return None;
    };
    let tail = at(k)? == ZWJ && matches!(at(k + 1)?, FEMALE | MALE) && at(k + 2)? == VS16;
    tail.then_some(k + 3)
}

/// The fixed ZWJ sequences: families, couples, the rainbow and pirate flags, the eye in a
/// speech bubble, and four gendered figures without skin tones. The longest match wins, as
/// in the pattern, which lists longer sequences first.
fn fixed_sequence(s: &[char], i: usize) -> Option<usize> {
    FIXED_SEQUENCES
        .iter()
        .filter(|seq| seq.first() == s.get(i))
        .filter(|seq| s.len() >= i + seq.len() && s[i..i + seq.len()] == seq[..])
        .map(Vec::len)
        .max()
}

static FIXED_SEQUENCES: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    let join = |parts: &[&[char]]| -> Vec<char> {
        let mut out = Vec::new();
        for (n, part) in parts.iter().enumerate() {
            if n > 0 {
                out.push(ZWJ);
            }
            out.extend_from_slice(part);
        }
        out
    };
    let mut all = Vec::new();
    let parents: [&[char]; 5] = [
        &[MAN],
        &[MAN, MAN],
        &[MAN, WOMAN],
        &[WOMAN, WOMAN],
        &[WOMAN],
    ];
    let children: [&[char]; 5] = [&[BOY], &[GIRL], &[BOY, BOY], &[GIRL, BOY], &[GIRL, GIRL]];
    for p in parents {
        for c in children {
            let members: Vec<&[char]> = p.chunks(1).chain(c.chunks(1)).collect();
            all.push(join(&members));
        }
    }
    let heart: &[char] = &[HEART, VS16];
    for (a, b) in [(MAN, MAN), (WOMAN, MAN), (WOMAN, WOMAN)] {
        all.push(join(&[&[a], heart, &[b]]));
        all.push(join(&[&[a], heart, &[KISS], &[b]]));
    }
    all.push(join(&[&['\u{1F3F3}', VS16], &['\u{1F308}']]));
    all.push(join(&[&['\u{1F3F4}'], &['\u{2620}', VS16]]));
    all.push(join(&[&['\u{1F441}'], &['\u{1F5E8}']]));
    for base in ['\u{1F46F}', '\u{1F93C}', '\u{1F9DE}', '\u{1F9DF}'] {
        for sign in [FEMALE, MALE] {
            all.push(join(&[&[base], &[sign, VS16]]));
        }
    }
    all
});

/// `#`, `*` or a digit, [U+FE0F], U+20E3: `1️⃣`.
fn keycap(at: &impl Fn(usize) -> Option<char>) -> Option<usize> {
    if !matches!(at(0)?, '#' | '*' | '0'..='9') {
        return None;
    }
    let k = 1 + usize::from(at(1) == Some(VS16));
    (at(k)? == KEYCAP).then_some(k + 1)
}

/// A symbol that is an emoji unless U+FE0E asks for text: `✔`, `✔️`, `❤️`.
fn variant(at: &impl Fn(usize) -> Option<char>) -> Option<usize> {
    if !in_table(VARIANT, at(0)?) {
        return None;
    }
    match at(1) {
        Some(VS16) => Some(2),
        Some(VS15) => None,
        _ => Some(1),
    }
}

/// An emoji that takes an optional skin tone: `👍🏽`, `✌️🏻`.
fn with_skin_tone(at: &impl Fn(usize) -> Option<char>) -> Option<usize> {
    let base = at(0)?;
    let k = if in_table(VARIANT_DIVERSITY, base) {
        match at(1) {
            Some(VS16) => 2,
            Some(VS15) => return None,
            _ => 1,
        }
    } else if in_table(DIVERSITY, base) {
        1
    } else {
        return None;
    };
    Some(k + usize::from(at(k).is_some_and(is_skin_tone)))
}

/// A subdivision flag (🏴 + tags) or a country flag (two regional indicators).
fn flag(s: &[char], i: usize) -> Option<usize> {
    if s[i] == '\u{1F3F4}' {
        for tag in TAG_FLAGS {
            let tags = tag
                .chars()
                .map(|c| char::from_u32(0xE0000 + c as u32))
                .chain([Some('\u{E007F}')]);
            let n = tag.len() + 1;
            if s.len() > i + n && s[i + 1..=i + n].iter().copied().map(Some).eq(tags) {
                return Some(n + 1);
            }
        }
    }
    let letter = |c: char| {
        let v = (c as u32).wrapping_sub(0x1F1E6);
        (v < 26).then(|| char::from(b'A' + v as u8))
    };
    let a = letter(*s.get(i)?)?;
    let b = letter(*s.get(i + 1)?)?;
    let code: String = [a, b].iter().collect();
    FLAGS.contains(&code.as_str()).then_some(2)
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    in_ranges(table, c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(s: &str) -> Option<usize> {
        match_at(&s.chars().collect::<Vec<_>>(), 0)
    }

    #[test]
    fn sequences() {
        assert_eq!(len("👨‍👩‍👧‍👦"), Some(7));
        assert_eq!(len("👨‍👦"), Some(3));
        assert_eq!(len("👩‍⚕️"), Some(4));
        assert_eq!(len("👨🏻‍💻"), Some(4));
        assert_eq!(len("🏃‍♀️"), Some(4));
        assert_eq!(len("🕵️‍♂️"), Some(5));
        assert_eq!(len("🏳️‍🌈"), Some(4));
        assert_eq!(len("👩‍❤️‍💋‍👨"), Some(8));
        assert_eq!(
            len("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
            Some(7)
        );
        // Emoji 12.1: only the first code point is known.
        assert_eq!(len("🧑‍⚕️"), Some(1));
    }

    #[test]
    fn singles_and_variants() {
        assert_eq!(len("👀"), Some(1));
        assert_eq!(len("✔"), Some(1));
        assert_eq!(len("✔\u{FE0E}"), None);
        assert_eq!(len("❤️"), Some(2));
        assert_eq!(len("©"), None);
        assert_eq!(len("©️"), Some(2));
        assert_eq!(len("1️⃣"), Some(3));
        assert_eq!(len("1"), None);
        assert_eq!(len("👍🏽"), Some(2));
        assert_eq!(len("🇯🇵"), Some(2));
        assert_eq!(len("🇦🇦"), Some(1));
        assert_eq!(len("🫶"), None);
        assert_eq!(len("\u{FE0F}"), Some(1));
        assert_eq!(len("あ"), None);
    }

    #[test]
    fn nothing_starts_with_kana_kanji_or_ascii_but_keycaps() {
        let followers = [
            None,
            Some(VS16),
            Some(VS15),
            Some(ZWJ),
            Some(KEYCAP),
            Some('\u{1F3FB}'),
            Some('\u{1F1EF}'),
            Some('\u{E0067}'),
        ];
        let never = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_never_emoji(c) || (c as u32) < 0xA9);
        for c in never {
            assert!(!in_table(NORMAL, c) && !in_table(VARIANT, c), "{c:?}");
            assert!(!in_table(DIVERSITY, c) && !in_table(VARIANT_DIVERSITY, c));
            assert!(!in_table(GENDERED, c) && !GENDERED_WITH_VARIANT.contains(&c));
            assert!(!TEXT_DEFAULT.contains(&c) && c != VS16);
            assert!(FIXED_SEQUENCES.iter().all(|seq| seq[0] != c));
            for f in followers {
                let s: Vec<char> = std::iter::once(c).chain(f).chain([ZWJ, MAN]).collect();
                let at = |k: usize| s.get(k).copied();
                assert_eq!(profession(&at), None);
                assert_eq!(gendered(&at), None);
                if is_never_emoji(c) {
                    assert_eq!(keycap(&at), None);
                }
                assert_eq!(variant(&at), None);
                assert_eq!(with_skin_tone(&at), None);
                assert_eq!(flag(&s, 0), None);
                assert_eq!(fixed_sequence(&s, 0), None);
            }
        }
    }

    #[test]
    fn tables_are_sorted() {
        for t in [
            VARIANT,
            VARIANT_DIVERSITY,
            DIVERSITY,
            NORMAL,
            ROLE_OBJECTS,
            GENDERED,
        ] {
            assert!(t.iter().all(|(lo, hi)| lo <= hi));
            assert!(t.windows(2).all(|w| w[0].1 < w[1].0));
        }
    }
}
