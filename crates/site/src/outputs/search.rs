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

use super::{Data, OutputFile, search_cache};
use crate::content::Article;
use crate::render::views::Views;
use crate::search_terms::{Key, gram_of};

/// Documents per document file.
const DOCS_PER_FILE: usize = 500;
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
                        format!("../{}", clinote_markdown::links::encode_path(&a.url_path)),
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
