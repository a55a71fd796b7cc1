//! Rendering results kept between builds, in `.clinote/cache/render/`.
//!
//! Rendering an article (Markdown, X and LINE posts, `clinote check`) is most of a build's
//! work, and it depends only on a few things: the article's file, the config, the clinote
//! binary, the local files its links and images may point to, and, when it links to other
//! articles by path or address, those articles' titles and addresses. An entry is named by a
//! hash of exactly those, so a changed input simply names another entry: nothing is ever
//! "invalidated", and a stale result cannot be read. A theme change, a rebuild after editing
//! one article, or `clinote check` after `clinote build` then redoes only what changed.
//!
//! Each build removes the entries it did not use, so the cache holds one site's worth.

use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::check::Finding;
use crate::check::report::{Checked, Post};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::markdown::links::LinkTargets;
use crate::outputs::search::DocGrams;
use crate::teaser::Generated;

use super::Article;

/// Where `build`'s (and `check`'s) entries live, relative to the site root.
pub const CACHE_DIR: &str = ".clinote/cache/render";

/// Where the preview's entries live: its config differs (local address, teaser page), so its
/// entries differ, and a folder of its own keeps `build` and `serve` from pruning each other's.
pub const PREVIEW_CACHE_DIR: &str = ".clinote/cache/render-preview";

/// Bumped whenever [`Entry`] changes shape (the binary's identity covers the rest).
const FORMAT: u32 = 1;

/// An entry's file extension; [`RenderCache::prune`] touches nothing else.
const EXTENSION: &str = "bin";

/// The rendering results of one article, as stored.
#[derive(Deserialize)]
pub struct Entry {
    pub rendered: Rendered,
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

/// The render cache of one site, for one build.
pub struct RenderCache {
    dir: PathBuf,
    /// Everything every article depends on: binary, config, local files at the site root.
    common: u128,
    /// Every article's address, title, description and cover, for links between articles.
    targets: u128,
    /// The site's own absolute address: an article that writes it may show a link card.
    site_url: String,
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
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let mut h = SipHasher13::new();
        h.write_u32(FORMAT);
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        write_stamp(&mut h, &exe);
        // Debug shows every field, and every map in Config keeps its order.
        h.write(format!("{config:?}").as_bytes());
        for dir in static_dirs {
            hash_tree(&mut h, dir);
        }
        Some(RenderCache {
            dir: root.join(folder),
            common: h.finish128().as_u128(),
            targets: hash_targets(targets),
            site_url: config.base_url.as_str().to_ascii_lowercase(),
        })
    }

    /// The name of `article`'s entry: a hash of all its rendering depends on.
    pub fn key(&self, article: &Article) -> u128 {
        let mut h = SipHasher13::new();
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
        h.finish128().as_u128()
    }

    /// Whether rendering `source` may look at other articles: a link written as a Markdown
    /// path (`../winter.md`, also percent-encoded) or as the site's own address (a link card).
    /// Over-approximated on purpose: a false "yes" only costs a cache miss.
    fn may_link_to_articles(&self, source: &str) -> bool {
        let lower = source.to_ascii_lowercase();
        lower.contains(".md")
            || lower.contains(".markdown")
            || lower.contains("%2e")
            || lower.contains(&self.site_url)
    }

    fn path(&self, key: u128) -> PathBuf {
        self.dir.join(format!("{key:032x}.{EXTENSION}"))
    }

    /// The stored results for `key`, if any can be read.
    pub fn load(&self, key: u128) -> Option<Entry> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        postcard::from_bytes(&bytes).ok()
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
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.path(key);
        // Written under a temporary name and renamed: a reader never sees half an entry.
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Removes the entries not in `used` (and leftovers of interrupted writes). Only files
    /// named like entries, directly in the cache folder, are touched.
    pub fn prune(&self, used: &HashSet<u128>) {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in dir.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((stem, ext)) = name.split_once('.') else {
                continue;
            };
            let Ok(key) = u128::from_str_radix(stem, 16) else {
                continue;
            };
            let stale = (ext == EXTENSION && stem.len() == 32 && !used.contains(&key))
                || ext.starts_with("tmp");
            if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Reads a string stored by `serialize_str` without std's UTF-8 check, which is slow on
/// Japanese text: the bytes are checked with SIMD instead (for the big fields: the HTML).
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

/// A file's size and modification time: enough to see that it was replaced.
fn write_stamp(h: &mut SipHasher13, meta: &std::fs::Metadata) {
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
fn hash_tree(h: &mut SipHasher13, dir: &Path) {
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
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut h = SipHasher13::new();
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
    h.finish128().as_u128()
}
