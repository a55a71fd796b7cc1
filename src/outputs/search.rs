//! Japanese search that works on any static host: an index the build writes, read by a small
//! script in the browser (`themes/default/static/search.js`).
//!
//! Text is normalised (NFKC, lower case, katakana folded to hiragana), split at spaces and
//! punctuation, and indexed by character bigrams: no dictionary, no segmentation mistakes,
//! and 「子ども 発熱」 finds articles holding both words. The browser normalises queries the
//! same way.
//!
//! To stay small on a phone however long the blog gets, the index is split in files:
//! - `search/index.json`: counts and shard sizes;
//! - `search/s/<k>.json`: the bigrams whose first character hashes to shard `k`: for each,
//!   the documents containing it (delta-coded varints in base64) and, for titles, tags,
//!   headings and descriptions, which of those fields hold it (for ranking);
//! - `search/d/<k>.json`: title, address, date and summary of documents `k*500…`.
//!
//! A query fetches only the shards of its bigrams, then the document files of its best results.
//! Drafts are never indexed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::{Data, OutputFile, search_cache};
use crate::content::Article;
use crate::japanese::{BmpSet, is_punctuation, is_whitespace};
use crate::render::views::Views;

/// Documents per document file.
const DOCS_PER_FILE: usize = 500;
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

/// Whether an output path is one of the search index's files.
pub fn is_index_file(path: &str) -> bool {
    path.starts_with("search/") && path.ends_with(".json")
}

/// The shard a gram lives in: by its first character, so grams starting alike are together.
pub fn shard_of(gram: &str, shards: u32) -> u32 {
    let first = gram.chars().next().map_or(0, |c| c as u32);
    // A multiplicative hash spreads neighbouring code points (kana, kanji) over the shards.
    first.wrapping_mul(2_654_435_761) % shards
}

/// How many shards for a site of `docs` documents: one file for a small blog, more as it grows
/// so that each query downloads little.
pub fn shard_count(docs: usize) -> u32 {
    match docs {
        0..=200 => 1,
        201..=1_000 => 16,
        1_001..=5_000 => 64,
        _ => 256,
    }
}

#[derive(Serialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: u32,
    docs_per_file: usize,
}

#[derive(Serialize, Default)]
struct Shard {
    /// gram → documents containing it anywhere (delta varints, base64).
    b: BTreeMap<String, String>,
    /// gram → (document delta, field flags) pairs for titles, tags, headings, descriptions.
    h: BTreeMap<String, String>,
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

fn gram_of(key: Key) -> String {
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
pub fn document_grams(a: &Article) -> DocGrams {
    let mut head: ahash::AHashMap<Key, u8> = ahash::AHashMap::new();
    let mut add = |text: &str, flag: u8| {
        for_each_text_gram(&normalize(text), |k| *head.entry(k).or_default() |= flag);
    };
    add(&a.meta.title, TITLE);
    for tag in &a.meta.tags {
        add(tag, TAG);
    }
    for h in &a.rendered.toc {
        add(&h.title, HEADING);
    }
    if let Some(d) = &a.meta.description {
        add(d, DESCRIPTION);
    }
    let text = normalize(&a.rendered.text);
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
    !crate::japanese::is_kana_or_kanji_letter(c)
        && (is_whitespace(c) || c.is_whitespace() || (is_punctuation(c) && c != 'ー'))
}

/// The search files of the site: articles (newest first), then pages. Drafts are left out.
///
/// With `cache` (the site's root), the shard files are taken from the last build's when every
/// document's grams are the same (see [`super::search_cache`]), and kept for the next one.
pub fn files(views: &Views<'_>, cache: Option<&Path>) -> Vec<OutputFile> {
    let site = views.site;
    let docs: Vec<&Article> = site
        .articles
        .iter()
        .chain(&site.pages)
        .map(|a| &**a)
        .filter(|a| !a.meta.draft)
        .collect();
    let shards = shard_count(docs.len());
    let mut out = Vec::new();
    let meta = Meta {
        version: 1,
        docs: docs.len(),
        shards,
        docs_per_file: DOCS_PER_FILE,
    };
    out.push(json_file("search/index.json", &meta));
    // The shards (from the cache, or merged) beside the documents' rows, which need no grams.
    let (shard_files, doc_files) = rayon::join(
        || shards_cached(&docs, shards, cache),
        || doc_files(&docs, &site.config),
    );
    out.extend(shard_files);
    out.extend(doc_files);
    out
}

/// The shard files, taken from the search cache under `root` when it holds this index, and
/// otherwise merged (and stored there).
fn shards_cached(docs: &[&Article], shards: u32, root: Option<&Path>) -> Vec<OutputFile> {
    let digest = root.and_then(|root| {
        search_cache::digest(docs.iter().map(|a| &a.search), shards).map(|d| (root, d))
    });
    match digest {
        Some((root, digest)) => search_cache::load(root, digest).unwrap_or_else(|| {
            let files = shard_files(docs, shards);
            search_cache::store(root, digest, &files);
            files
        }),
        None => shard_files(docs, shards),
    }
}

/// `search/d/<k>.json`: what a result shows of each document (address, title, date, the
/// start of the summary), [`DOCS_PER_FILE`] documents a file.
fn doc_files(docs: &[&Article], config: &crate::config::Config) -> Vec<OutputFile> {
    use rayon::prelude::*;
    docs.par_chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(k, chunk)| {
            let rows: Vec<[String; 4]> = chunk
                .iter()
                .map(|a| {
                    [
                        // Relative to the search page, which shows the results.
                        format!("../{}", crate::markdown::links::encode_path(&a.url_path)),
                        a.meta.title.clone(),
                        a.meta
                            .date
                            .as_ref()
                            .map(|d| crate::dates::display(d, config.language))
                            .unwrap_or_default(),
                        a.summary.chars().take(100).collect(),
                    ]
                })
                .collect();
            json_file(&format!("search/d/{k}.json"), &rows)
        })
        .collect()
}

/// `search/s/<k>.json` for every shard: each gram's documents, merged from theirs.
fn shard_files(docs: &[&Article], shards: u32) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let shard_key = |k: Key| {
        let first = (k >> 32) as u32;
        first.wrapping_mul(2_654_435_761) % shards
    };
    // Merging every document's grams is split by shard, so it runs on all cores without
    // locks: task `g` fills the shards `s` with `s % groups == g`, reading every document but
    // keeping only the grams of its own shards. Ids stay in document order, as before.
    let groups = (rayon::current_num_threads() as u32 * 2).clamp(1, shards);
    let filled: Vec<(u32, Shard)> = (0..groups)
        .into_par_iter()
        .flat_map_iter(|g| {
            let mine = |k: Key| shard_key(k) % groups == g;
            let mut body: ahash::AHashMap<Key, Vec<u32>> = ahash::AHashMap::new();
            let mut head: ahash::AHashMap<Key, Vec<(u32, u8)>> = ahash::AHashMap::new();
            for (id, a) in docs.iter().enumerate() {
                let id = id as u32;
                for &k in a.search.all.iter().filter(|&&k| mine(k)) {
                    body.entry(k).or_default().push(id);
                }
                for &(k, flags) in a.search.head.iter().filter(|(k, _)| mine(*k)) {
                    head.entry(k).or_default().push((id, flags));
                }
            }
            let mut own: BTreeMap<u32, Shard> = BTreeMap::new();
            for (k, ids) in body {
                own.entry(shard_key(k))
                    .or_default()
                    .b
                    .insert(gram_of(k), encode_ids(&ids));
            }
            for (k, pairs) in head {
                own.entry(shard_key(k))
                    .or_default()
                    .h
                    .insert(gram_of(k), encode_pairs(&pairs));
            }
            own
        })
        .collect();
    let mut shard_files: Vec<Shard> = (0..shards).map(|_| Shard::default()).collect();
    for (s, shard) in filled {
        shard_files[s as usize] = shard;
    }

    shard_files
        .par_iter()
        .enumerate()
        .map(|(k, shard)| json_file(&format!("search/s/{k}.json"), shard))
        .collect()
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    // `<`, `>` and `&` can only occur inside JSON strings; escaping them keeps the files inert
    // even if a host served them as HTML.
    let json = serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    OutputFile {
        path: path.to_string(),
        data: Data::Bytes(json.into_bytes()),
    }
}

/// Ascending ids as delta-coded LEB128 varints, in URL-safe base64 without padding.
fn encode_ids(ids: &[u32]) -> String {
    let mut bytes = Vec::with_capacity(ids.len() * 2);
    let mut last = 0u32;
    for &id in ids {
        varint(&mut bytes, id - last);
        last = id;
    }
    base64(&bytes)
}

/// (id, flags) pairs: id deltas and flags interleaved.
fn encode_pairs(pairs: &[(u32, u8)]) -> String {
    let mut bytes = Vec::with_capacity(pairs.len() * 3);
    let mut last = 0u32;
    for &(id, flags) in pairs {
        varint(&mut bytes, id - last);
        bytes.push(flags);
        last = id;
    }
    base64(&bytes)
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
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
    fn varints_and_base64() {
        let mut b = Vec::new();
        varint(&mut b, 300);
        assert_eq!(b, [0xac, 0x02]);
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE");
        assert_eq!(base64(&[0xfb, 0xff]), "-_8");
        assert_eq!(encode_ids(&[1, 2, 130]), base64(&[1, 1, 0x80, 0x01]));
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

    #[test]
    fn shards_are_stable_and_in_range() {
        for s in [1, 16, 64, 256] {
            for g in ["子ど", "発熱", "ab", "熱"] {
                assert!(shard_of(g, s) < s);
            }
        }
        assert_eq!(
            shard_of("発熱", 64),
            shard_of("発作", 64),
            "same first character, same shard"
        );
    }
}
