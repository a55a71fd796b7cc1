//! Rendering results kept between builds, in `.clinote/cache/render/`.
//!
//! Rendering an article (Markdown, X and LINE posts, `clinote check`) is most of a build's
//! work, and it depends only on a few things: the article's file, the config, the clinote
//! binary, the local files its links and images may point to, and, when it links to other
//! articles by path or address, those articles' titles and addresses. An entry is named by a
//! 128-bit hash (XXH3: the sources of a big site hash in milliseconds) of exactly those, so a
//! changed input simply names another entry: nothing is ever "invalidated", and a stale result
//! cannot be read. A theme change, a rebuild after editing one article, or `clinote check`
//! after `clinote build` then redoes only what changed.
//!
//! The entries live in one pack file (see [`super::cache_pack`]); each build keeps only the
//! entries it used, so the cache holds one site's worth.

use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::config::Config;
use crate::search_terms::DocGrams;
use clinote_check::Finding;
use clinote_check::{Checked, Post};
use clinote_diagnostic::Diagnostic;
use clinote_markdown::Rendered;
use clinote_markdown::links::LinkTargets;
use clinote_posts::Generated;

use super::Article;
use super::cache_pack::{Pack, PackWriter};

/// Where `build`'s (and `check`'s) entries live, relative to the site root.
pub const CACHE_DIR: &str = ".clinote/cache/render";

/// Where the preview's entries live: its config differs (the teaser page is on), so its
/// entries differ, and a folder of its own keeps `build` and `serve` from pruning each other's.
pub const PREVIEW_CACHE_DIR: &str = ".clinote/cache/render-preview";

/// Bumped whenever [`Entry`] changes shape (the binary's identity covers the rest).
const FORMAT: u32 = 2;

/// The pack file of entries in a cache folder.
pub const PACK_FILE: &str = "entries.pack";

/// Temporary files of an interrupted write older than this are removed.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

/// The rendering results of one article, as stored.
#[derive(Deserialize)]
pub struct Entry {
    pub rendered: Rendered,
    #[serde(deserialize_with = "clinote_text::utf8::fast_string")]
    pub summary: String,
    pub teasers: Option<Generated>,
    pub search: DocGrams,
    findings: Vec<Finding>,
    /// Post findings: `Some(n)` for the n-th X post, `None` for the LINE message.
    post_findings: Vec<(Option<usize>, Finding)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Entry {
    pub fn checks(&mut self) -> Checked {
        Checked {
            findings: std::mem::take(&mut self.findings),
            posts: std::mem::take(&mut self.post_findings)
                .into_iter()
                .map(|(post, f)| (post.map_or(Post::Line, Post::X), f))
                .collect(),
        }
    }
}

/// [`Entry`] borrowed from a rendered article, for storing; the fields match one to one.
#[derive(Serialize)]
struct EntryRef<'a> {
    rendered: &'a Rendered,
    summary: &'a str,
    teasers: &'a Option<Generated>,
    search: &'a DocGrams,
    findings: &'a [Finding],
    post_findings: Vec<(Option<usize>, &'a Finding)>,
    diagnostics: &'a [Diagnostic],
}

/// The render cache of one site, for one build. Entries it stores are kept only once
/// [`RenderCache::finish`] is called.
pub struct RenderCache {
    dir: PathBuf,
    /// The entries of earlier builds.
    pack: Option<Pack>,
    /// The new pack, started by the first entry stored.
    writer: OnceLock<Option<PackWriter>>,
    /// Everything every article depends on: binary, config, local files at the site root.
    common: u128,
    /// Every article's address, title, description and cover, for links between articles.
    targets: u128,
    /// Finds what makes an article read other articles: a Markdown path (`.md`, `.markdown`,
    /// percent-encoded `%2e`) or the site's own public address (a link card). ASCII letters
    /// in any case, as links are matched.
    linking: AhoCorasick,
}

impl RenderCache {
    /// The cache in `folder` (relative to the site root), or `None` when the binary cannot be
    /// identified (then a stored result might come from another version of clinote, so none
    /// is used).
    pub fn open(
        root: &Path,
        folder: &str,
        config: &Config,
        static_dirs: &[PathBuf],
        targets: &LinkTargets,
    ) -> Option<Self> {
        let mut h = Xxh3::new();
        h.write_u32(FORMAT);
        hash_binary(&mut h)?;
        // Debug shows every field, and every map in Config keeps its order. Rendering reads
        // only the path of the address the site is served at (the public address is its own
        // field): the preview's local port, new on every start, is left out.
        let mut keyed = config.clone();
        keyed.base_url = keyed.public_url.clone();
        keyed.base_url.set_path(config.base_url.path());
        h.write(format!("{keyed:?}").as_bytes());
        for dir in static_dirs {
            hash_tree(&mut h, dir);
        }
        let dir = root.join(folder);
        Some(RenderCache {
            pack: Pack::open(&dir.join(PACK_FILE)),
            writer: OnceLock::new(),
            dir,
            common: h.digest128(),
            targets: hash_targets(targets),
            linking: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([".md", ".markdown", "%2e", config.public_url.as_str()])
                .ok()?,
        })
    }

    /// The name of `article`'s entry: a hash of all its rendering depends on.
    pub fn key(&self, article: &Article) -> u128 {
        let mut h = Xxh3::new();
        h.write_u128(self.common);
        h.write(article.path.as_os_str().as_encoded_bytes());
        h.write_u8(0xff);
        h.write(article.source.as_bytes());
        h.write_u8(0xff);
        if let Some(dir) = &article.bundle_dir {
            // Images beside the article: which exist, and their sizes (read from the files).
            for asset in &article.assets {
                h.write(asset.as_os_str().as_encoded_bytes());
                if let Ok(meta) = std::fs::metadata(dir.join(asset)) {
                    write_stamp(&mut h, &meta);
                }
                h.write_u8(0xff);
            }
        }
        if self.may_link_to_articles(&article.source) {
            h.write_u128(self.targets);
        }
        h.digest128()
    }

    /// Whether rendering `source` may look at other articles: a link written as a Markdown
    /// path (`../winter.md`, also percent-encoded) or as the site's own address (a link card).
    /// Over-approximated on purpose: a false "yes" only costs a cache miss.
    fn may_link_to_articles(&self, source: &str) -> bool {
        self.linking.is_match(source)
    }

    /// The stored results for `key`, if any can be read.
    pub fn load(&self, key: u128) -> Option<Entry> {
        let pack = self.pack.as_ref()?;
        pack.with(key, |bytes| postcard::from_bytes(bytes).ok())?
    }

    /// Stores `article`'s results. A cache that cannot be written only makes the next build
    /// slower, so failures are ignored.
    pub fn store(&self, key: u128, article: &Article, diagnostics: &[Diagnostic]) {
        let entry = EntryRef {
            rendered: &article.rendered,
            summary: &article.summary,
            teasers: &article.teasers,
            search: &article.search,
            findings: &article.checks.findings,
            post_findings: article
                .checks
                .posts
                .iter()
                .map(|(post, f)| {
                    let n = match post {
                        Post::X(n) => Some(*n),
                        Post::Line => None,
                    };
                    (n, f)
                })
                .collect(),
            diagnostics,
        };
        let Ok(bytes) = postcard::to_stdvec(&entry) else {
            return;
        };
        let writer = self
            .writer
            .get_or_init(|| PackWriter::create(&self.dir.join(PACK_FILE)).ok());
        if let Some(writer) = writer {
            writer.add(key, bytes);
        }
    }

    /// Saves the entries stored in this run. With `used` (a build), the cache keeps only
    /// those entries, so what edited or removed articles left behind goes; without it (`check`,
    /// `teasers`), every earlier entry stays too. Nothing is written when nothing changed.
    pub fn finish(self, used: Option<&HashSet<u128>>) {
        let writer = self.writer.into_inner().flatten();
        let stale = match (used, &self.pack) {
            (Some(used), Some(pack)) => pack.keys().any(|k| !used.contains(&k)),
            _ => false,
        };
        if used.is_some() {
            remove_leftovers(&self.dir);
        }
        let writer = match writer {
            Some(w) => w,
            None if stale => match PackWriter::create(&self.dir.join(PACK_FILE)) {
                Ok(w) => w,
                Err(_) => return,
            },
            None => return,
        };
        let _ = writer.commit(self.pack.as_ref(), |k| used.is_none_or(|u| u.contains(&k)));
    }
}

/// Removes, directly in the cache folder, entries of the earlier one-file-per-entry cache
/// (`<32 hex digits>.bin`) and temporary files of writes interrupted long ago.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let old_entry = name
            .strip_suffix(".bin")
            .is_some_and(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()));
        let old_temp = name.starts_with(PACK_FILE)
            && name[PACK_FILE.len()..].starts_with(".tmp")
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_TEMP));
        if (old_entry || old_temp) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The clinote binary itself (its version, and the size and time of its file): results of
/// another build of clinote are never taken. `None` when the binary's file cannot be found.
pub(crate) fn hash_binary(h: &mut Xxh3) -> Option<()> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    write_stamp(h, &exe);
    Some(())
}

/// A file's size and modification time: enough to see that it was replaced.
fn write_stamp(h: &mut Xxh3, meta: &std::fs::Metadata) {
    h.write_u64(meta.len());
    if let Ok(since) = meta.modified().and_then(|t| {
        t.duration_since(std::time::UNIX_EPOCH)
            .map_err(std::io::Error::other)
    }) {
        h.write_u128(since.as_nanos());
    }
}

/// Every file under `dir` (a static folder), in a stable order: its path, and for files an
/// article's image may read, size and time. Stylesheets, scripts and fonts count by name only,
/// so editing a theme's CSS keeps every entry.
fn hash_tree(h: &mut Xxh3, dir: &Path) {
    const NAME_ONLY: &[&str] = &[
        "css", "js", "mjs", "map", "woff", "woff2", "ttf", "otf", "eot", "html", "xml", "txt",
        "json",
    ];
    h.write(dir.as_os_str().as_encoded_bytes());
    h.write_u8(0xfe);
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        h.write(entry.path().as_os_str().as_encoded_bytes());
        h.write_u8(0xff);
        let name_only = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| NAME_ONLY.contains(&e.to_ascii_lowercase().as_str()));
        if entry.file_type().is_file()
            && !name_only
            && let Ok(meta) = entry.metadata()
        {
            write_stamp(h, &meta);
        }
    }
}

/// What other articles' links and cards show, in a stable order.
fn hash_targets(targets: &LinkTargets) -> u128 {
    let mut sorted: Vec<_> = targets.iter().collect();
    // By bytes (comparing paths part by part costs more, and any fixed order will do).
    sorted.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    let mut h = Xxh3::new();
    for (path, t) in sorted {
        for part in [
            path.as_os_str().as_encoded_bytes(),
            t.url_path.as_bytes(),
            t.title.as_bytes(),
            t.description.as_bytes(),
            t.cover.as_deref().unwrap_or("\u{0}").as_bytes(),
        ] {
            h.write(part);
            h.write_u8(0xff);
        }
    }
    h.digest128()
}
