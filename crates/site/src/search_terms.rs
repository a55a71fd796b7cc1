//! What the search index holds of each document: its text normalised as the search script
//! normalises queries (NFKC, lower case, katakana as hiragana), cut into terms at spaces and
//! punctuation, and the character bigrams of each term ([`DocGrams`]).
//!
//! Made once per article when it is rendered, and kept in the render cache, so that building
//! the index (`outputs::search`) only merges them.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use clinote_markdown::headings::TocEntry;
use clinote_text::bmp::BmpSet;
use clinote_text::japanese::{is_punctuation, is_whitespace};

/// Field flags in the head index.
const TITLE: u8 = 1;
const TAG: u8 = 2;
const HEADING: u8 = 4;
const DESCRIPTION: u8 = 8;

/// Normalises text the way the search script does: NFKC, lower case, katakana as hiragana.
///
/// Most of a Japanese article is kana, kanji and ASCII, which NFKC leaves alone and which
/// compose with nothing before them; such a character is written straight through when the
/// next one is of that kind too (so nothing can compose with it). Only the stretches between
/// (full-width forms, half-width kana, combining marks, symbols) go through NFKC.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `text[copied..]` is not in `out` yet: characters that stay as they are go in by runs.
    let mut copied = 0;
    // Where the stretch that goes through NFKC started.
    let mut slow_from: Option<usize> = None;
    let mut chars = text.char_indices();
    let mut next = chars.next().map(|(i, c)| (i, c, nfkc_inert(c)));
    while let Some((i, c, inert)) = next {
        next = chars.next().map(|(j, d)| (j, d, nfkc_inert(d)));
        let direct = inert && next.is_none_or(|(_, _, inert)| inert);
        if !direct {
            if slow_from.is_none() {
                out.push_str(&text[copied..i]);
                slow_from = Some(i);
            }
            continue;
        }
        if let Some(from) = slow_from.take() {
            normalize_slowly(&text[from..i], &mut out);
            copied = i;
        }
        let mapped = fold(c.to_ascii_lowercase());
        if mapped != c {
            out.push_str(&text[copied..i]);
            out.push(mapped);
            copied = i + c.len_utf8();
        }
    }
    match slow_from {
        Some(from) => normalize_slowly(&text[from..], &mut out),
        None => out.push_str(&text[copied..]),
    }
    out
}

/// Characters NFKC maps to themselves that never compose with a character before them
/// (NFKC_QC = Yes, combining class 0) and have no upper case beyond ASCII's. From a table
/// of the BMP: Japanese text switches between the ranges every few characters.
fn nfkc_inert(c: char) -> bool {
    static INERT: std::sync::LazyLock<BmpSet> =
        std::sync::LazyLock::new(|| BmpSet::of(nfkc_inert_by_ranges));
    INERT.get(c).unwrap_or(false)
}

fn nfkc_inert_by_ranges(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{3041}'..='\u{3096}'     // hiragana
            | '\u{309D}'..='\u{309E}'   // ゝゞ (not ゟ: it decomposes to より)
            | '\u{30A1}'..='\u{30FE}'   // katakana, ・ ー ヽ ヾ (not ヿ: コト)
            | '\u{3001}'..='\u{3002}'   // 、。
            | '\u{300C}'..='\u{300F}'   // 「」『』
            | '\u{3400}'..='\u{4DBF}'   // CJK extension A
            | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        )
}

fn normalize_slowly(text: &str, out: &mut String) {
    out.extend(text.nfkc().flat_map(char::to_lowercase).map(fold));
}

/// Katakana ァ–ヶ fold onto hiragana ぁ–ゖ, so either spelling finds both.
fn fold(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Splits normalised text into terms at spaces and punctuation (`ー` is kept).
pub fn terms(normalized: &str) -> Vec<&str> {
    normalized
        .split(is_term_separator)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The grams indexed for a term: its character bigrams, and its last character alone. A
/// one-character query then finds every occurrence: each is either the first character of a
/// bigram (found by prefix) or the last character of a term.
pub fn grams(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut grams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    if let Some(last) = chars.last() {
        grams.push(last.to_string());
    }
    grams
}

/// A gram as a number: its first code point in the high half, the second (or 0) in the low.
pub type Key = u64;

#[cfg(test)]
fn key_of(gram: &str) -> Key {
    let mut cs = gram.chars();
    let a = cs.next().map_or(0, |c| c as u64);
    let b = cs.next().map_or(0, |c| c as u64);
    (a << 32) | b
}

pub(crate) fn gram_of(key: Key) -> String {
    let mut s = String::new();
    s.extend(char::from_u32((key >> 32) as u32));
    if key & 0xffff_ffff != 0 {
        s.extend(char::from_u32((key & 0xffff_ffff) as u32));
    }
    s
}

/// Every gram of a document, and the field flags of those in its head fields. Made when the
/// article is rendered (and kept in the render cache), so the index only merges them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DocGrams {
    /// Sorted, without repeats.
    #[serde(with = "packed_keys")]
    pub all: Vec<Key>,
    /// Sorted by gram.
    pub head: Vec<(Key, u8)>,
}

/// Gram keys stored as one run of little-endian bytes: a few thousand per article, read back
/// by the render cache far faster than one variable-length number at a time.
mod packed_keys {
    use super::Key;

    pub fn serialize<S: serde::Serializer>(keys: &[Key], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Key>, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Vec<Key>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("gram keys as bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<Key>, E> {
                if !v.len().is_multiple_of(8) {
                    return Err(E::custom("gram keys: length is not a multiple of 8"));
                }
                Ok(v.chunks_exact(8)
                    .map(|c| Key::from_le_bytes(c.try_into().unwrap_or_default()))
                    .collect())
            }
        }
        d.deserialize_bytes(Visitor)
    }
}

/// The grams of one rendered document: every gram anywhere, and field flags for the head
/// fields.
pub fn document_grams(
    title: &str,
    tags: &[String],
    toc: &[TocEntry],
    description: Option<&str>,
    text: &str,
) -> DocGrams {
    let mut head: ahash::AHashMap<Key, u8> = ahash::AHashMap::new();
    let mut add = |text: &str, flag: u8| {
        for_each_text_gram(&normalize(text), |k| *head.entry(k).or_default() |= flag);
    };
    add(title, TITLE);
    for tag in tags {
        add(tag, TAG);
    }
    for h in toc {
        add(&h.title, HEADING);
    }
    if let Some(d) = description {
        add(d, DESCRIPTION);
    }
    let text = normalize(text);
    // About one gram per character; Japanese characters take three bytes.
    let mut all: Vec<Key> = Vec::with_capacity(head.len() + text.len() / 2);
    all.extend(head.keys().copied());
    // Text repeats its grams (particles, the article's topic): a small table of the grams
    // seen last keeps most repeats out before the sort, the costliest part.
    let mut recent = [u64::MAX; 1024];
    for_each_text_gram(&text, |k| {
        let slot = &mut recent[(k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize];
        if *slot != k {
            *slot = k;
            all.push(k);
        }
    });
    all.sort_unstable();
    all.dedup();
    // Kept for the whole build (and stored in the render cache): a third of what was reserved.
    all.shrink_to_fit();
    let mut head: Vec<(Key, u8)> = head.into_iter().collect();
    head.sort_unstable();
    DocGrams { all, head }
}

/// Calls `f` with the key of each gram of each term of normalised text (see [`terms`] and
/// [`grams`]), in one pass and without allocating.
fn for_each_text_gram(normalized: &str, mut f: impl FnMut(Key)) {
    let mut prev: Option<char> = None;
    for c in normalized.chars() {
        if is_term_separator(c) {
            if let Some(last) = prev.take() {
                f((last as u64) << 32);
            }
            continue;
        }
        if let Some(p) = prev {
            f(((p as u64) << 32) | c as u64);
        }
        prev = Some(c);
    }
    if let Some(last) = prev {
        f((last as u64) << 32);
    }
}

/// Where [`terms`] splits: spaces and punctuation, but not `ー`.
fn is_term_separator(c: char) -> bool {
    static SEPARATORS: std::sync::LazyLock<BmpSet> =
        std::sync::LazyLock::new(|| BmpSet::of(is_term_separator_by_class));
    SEPARATORS
        .get(c)
        .unwrap_or_else(|| is_term_separator_by_class(c))
}

fn is_term_separator_by_class(c: char) -> bool {
    if c.is_ascii() {
        return c.is_whitespace() || c.is_ascii_punctuation();
    }
    // Ideographic space, 、。 and CJK brackets: all spaces or punctuation, known without
    // looking their category up.
    if matches!(c, '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}') {
        return true;
    }
    !clinote_text::japanese::is_kana_or_kanji_letter(c)
        && (is_whitespace(c) || c.is_whitespace() || (is_punctuation(c) && c != 'ー'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_widths_cases_and_kana() {
        assert_eq!(normalize("ＣＯＶＩＤ－１９"), "covid-19");
        assert_eq!(normalize("ｲﾝﾌﾙｴﾝｻﾞ"), "いんふるえんざ");
        assert_eq!(normalize("インフルエンザ"), "いんふるえんざ");
        assert_eq!(normalize("子ども　発熱"), "子ども 発熱");
    }

    /// The definition `normalize` speeds up.
    fn normalize_plainly(text: &str) -> String {
        text.nfkc().flat_map(char::to_lowercase).map(fold).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_changes_nothing(
            picks in proptest::collection::vec((0usize..16, proptest::prelude::any::<char>()), 0..40)
        ) {
            // Kana and kanji next to what composes with them or is rewritten by NFKC.
            const NEAR: [char; 15] = [
                'か', 'カ', 'は', 'ゝ', 'ヽ', 'ー', '漢', 'A', 'z', '\u{3099}', '\u{309A}',
                'ﾞ', 'ｶ', '（', '\u{0301}',
            ];
            let text: String = picks
                .into_iter()
                .map(|(i, any)| NEAR.get(i).copied().unwrap_or(any))
                .collect();
            proptest::prop_assert_eq!(normalize(&text), normalize_plainly(&text));
        }
    }

    #[test]
    fn the_fast_path_agrees_on_every_character_next_to_kana() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for text in [
                format!("か{c}"),
                format!("{c}か"),
                format!("A{c}ｶ"),
                c.to_string(),
            ] {
                assert_eq!(normalize(&text), normalize_plainly(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn document_grams_survive_the_render_cache_format() {
        let grams = DocGrams {
            all: vec![0, 1, key_of("子ど"), key_of("𠮷野"), u64::MAX],
            head: vec![(key_of("熱"), TITLE | TAG)],
        };
        let bytes = postcard::to_stdvec(&grams).unwrap();
        assert_eq!(postcard::from_bytes::<DocGrams>(&bytes).unwrap(), grams);
        // A damaged length is an error, not a wrong index.
        let mut bad = bytes.clone();
        bad[0] -= 1;
        assert!(postcard::from_bytes::<DocGrams>(&bad).is_err());
    }

    #[test]
    fn terms_and_grams() {
        let n = normalize("子どもの発熱、どうする？ 夜間ー");
        assert_eq!(terms(&n), ["子どもの発熱", "どうする", "夜間ー"]);
        assert_eq!(grams("発熱"), ["発熱", "熱"]);
        assert_eq!(grams("熱"), ["熱"]);
        assert_eq!(grams("子ども"), ["子ど", "ども", "も"]);
    }

    #[test]
    fn gram_keys_round_trip_and_match_the_string_grams() {
        for g in ["子ど", "熱", "ab", "𠮷野"] {
            assert_eq!(gram_of(key_of(g)), g);
        }
        // One pass over the text gives what splitting into terms and taking grams gives.
        let text =
            normalize("子どもの発熱、夜間は「#7119」へ。 Fever　at night: call 【小児科】・受診");
        let mut keys = Vec::new();
        for_each_text_gram(&text, |k| keys.push(gram_of(k)));
        let expected: Vec<String> = terms(&text).into_iter().flat_map(grams).collect();
        assert_eq!(keys, expected);
        assert!(keys.contains(&"子ど".to_string()) && keys.contains(&"受診".to_string()));
    }
}
