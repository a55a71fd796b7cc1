//! Content: finding, reading and checking the site's articles and pages.
//!
//! [`load`] reads every file in parallel and reports every problem, not just the first;
//! [`render_all`] renders the Markdown of those that will be published.

pub mod article;
pub mod cache_pack;
pub mod control;
pub mod discover;
pub mod fields;
pub mod front_matter;
pub mod render_cache;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use article::{Article, Image, RenderEnv};
pub use discover::Kind;
pub use render_cache::RenderCache;

use crate::config::Config;
use crate::diagnostic::{Bilingual, Diagnostic, Location};
use crate::markdown::links::LinkTargets;
use crate::progress::{Progress, Stage};

/// Every article and page of a site, in file-name order.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub articles: Vec<Article>,
    pub pages: Vec<Article>,
}

/// Reads all content under `root`. Files with errors are left out and their errors reported.
pub fn load(
    root: &Path,
    config: &Config,
    static_dirs: &[PathBuf],
    progress: &dyn Progress,
) -> (Content, Vec<Diagnostic>) {
    let entries = match discover::discover(root) {
        Ok(e) => e,
        Err(e) => {
            let d = Diagnostic::error(Bilingual::new(
                format!("content/ フォルダを読めません: {e}"),
                format!("cannot read the content/ folder: {e}"),
            ))
            .at(Location::file("content"));
            return (Content::default(), vec![d]);
        }
    };
    progress.stage(Stage::Reading, entries.len());
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = entries
        .par_iter()
        .map(|entry| {
            let mut diags = Vec::new();
            let article = Article::read(entry, root, config, static_dirs, &mut diags);
            progress.advance(1);
            (article, diags)
        })
        .collect();
    let mut diags = Vec::new();
    let mut content = Content::default();
    // Articles are big: growing the list would copy them all several times.
    content.articles.reserve(results.len());
    for (article, d) in results {
        diags.extend(d);
        if let Some(a) = article {
            match a.kind {
                Kind::Article => content.articles.push(a),
                Kind::Page => content.pages.push(a),
            }
        }
    }
    diags.extend(duplicate_slugs(&content.articles));
    diags.extend(duplicate_slugs(&content.pages));
    (content, diags)
}

/// What [`render_all`] did.
#[derive(Debug, Default)]
pub struct Rendering {
    pub diagnostics: Vec<Diagnostic>,
    /// The render cache entries of the articles (for [`RenderCache::finish`]).
    pub cache_keys: Vec<u128>,
    /// How many articles were taken from the cache instead of rendered.
    pub reused: usize,
}

/// What rendering leaves of each article's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// Kept: the preview renders articles again, `check --stats` measures the text.
    Keep,
    /// Released from every article without findings, whose text nothing reads again unless
    /// a message quotes it (`build`; see [`Article::release_source`]).
    ReleaseUnneeded,
}

/// Renders the Markdown of `articles` in parallel, reusing what `cache` holds.
pub fn render_all(
    articles: &mut [Arc<Article>],
    env: &RenderEnv<'_>,
    cache: Option<&RenderCache>,
    sources: Sources,
    progress: &dyn Progress,
) -> Rendering {
    // Per article: its problems, and its cache entry with whether it was reused.
    type Done = (Vec<Diagnostic>, Option<(u128, bool)>);
    let results: Vec<Done> = articles
        .par_iter_mut()
        .map(|a| {
            // Unique during a build, so this never copies.
            let a = Arc::make_mut(a);
            let done = match cache {
                Some(cache) => {
                    let (d, key, reused) = a.render_with_cache(env, cache);
                    (d, Some((key, reused)))
                }
                None => (a.render(env), None),
            };
            // Freed here, on the thread that read it, so that this thread's next articles
            // and pages reuse the memory.
            if sources == Sources::ReleaseUnneeded && a.checks.is_empty() {
                a.release_source();
            }
            progress.advance(1);
            done
        })
        .collect();
    let mut done = Rendering::default();
    for (d, cached) in results {
        done.diagnostics.extend(d);
        if let Some((key, reused)) = cached {
            done.cache_keys.push(key);
            done.reused += usize::from(reused);
        }
    }
    done
}

/// Link targets for every article and page given (by their source files).
pub fn link_targets<'a>(articles: impl IntoIterator<Item = &'a Article>) -> LinkTargets {
    articles
        .into_iter()
        .map(|a| (a.path.clone(), a.link_target()))
        .collect()
}

fn duplicate_slugs(articles: &[Article]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Article> = HashMap::new();
    let mut diags = Vec::new();
    for a in articles {
        if let Some(first) = seen.get(a.slug.as_str()) {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!(
                        "アドレス（slug）\"{}\" が {} と {} で重なっています",
                        a.slug, first.file, a.file
                    ),
                    format!(
                        "the slug \"{}\" is used by both {} and {}",
                        a.slug, first.file, a.file
                    ),
                ))
                .at(a.locate_key("slug"))
                .help(Bilingual::new(
                    "どちらかの front matter に別の `slug = \"…\"` を書いてください。",
                    "give one of them a different `slug = \"…\"`",
                )),
            );
        } else {
            seen.insert(&a.slug, a);
        }
    }
    diags
}
