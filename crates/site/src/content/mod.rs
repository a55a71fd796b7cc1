//! Content: finding, reading and checking the site's articles and pages.
//!
//! [`load`] reads every file in parallel and reports every problem, not just the first. What
//! is made from an article's text (its page, posts, findings) is the next stage's
//! (the `stage` module, above this one).

pub mod article;
pub mod control;
pub mod discover;
pub mod fields;
pub mod front_matter;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use article::{Article, Image};
pub use discover::Kind;

use crate::config::Config;
use crate::progress::{Progress, Stage};
use clinote_diagnostic::{Bilingual, Diagnostic, Location};
use clinote_markdown::links::LinkTargets;

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
