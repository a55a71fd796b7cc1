//! The article stage: everything made from one article's text, in one pass over its parse:
//! the page's HTML and summary, the X posts and LINE message, what `clinote check` finds, and
//! the article's search terms. Articles go through it in parallel ([`render_all`]); the
//! render cache ([`cache`]) keeps its results, keyed by everything they depend on.
//!
//! Below it: the article as read (`content`) and the stages' own crates (markdown, posts,
//! check). Above it: the site's pages and files (`outputs`).

pub mod cache;
pub mod cache_pack;

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

pub use cache::RenderCache;

use crate::config::Config;
use crate::content::Article;
use crate::progress::Progress;
use clinote_diagnostic::Diagnostic;
use clinote_markdown::{self as markdown, links::LinkTargets};

/// What rendering an article needs besides the article itself.
#[derive(Clone, Copy)]
pub struct RenderEnv<'a> {
    pub config: &'a Config,
    /// Folders served at the site root (the site's `static/`, then the theme's).
    pub static_dirs: &'a [PathBuf],
    /// Every article and page, for links by Markdown path and link cards.
    pub targets: &'a LinkTargets,
}

/// Renders the body and derives the summary.
pub fn render(a: &mut Article, env: &RenderEnv<'_>) -> Vec<Diagnostic> {
    let input = markdown::Input {
        file: &a.file,
        source: &a.source,
        body_offset: a.body_offset,
        links: a.link_context(env.config, env.static_dirs, Some(env.targets)),
    };
    // Parsed once for the page, the posts and the checks.
    let prepared = markdown::cjk_emphasis::prepare(&a.source[a.body_offset..]);
    let parsed = markdown::Parsed::new(&prepared);
    let (rendered, diags) = markdown::render_parsed(&input, &parsed);
    a.summary = match (&rendered.summary_text, &a.meta.description) {
        (Some(before_more), _) => before_more.clone(),
        (None, Some(d)) if !d.trim().is_empty() => d.trim().to_string(),
        _ => markdown::summary::auto_summary(&rendered.lead, 120),
    };
    a.rendered = rendered;
    let canonical = a.canonical_url(env.config);
    let generated = clinote_posts::generate_parsed(
        &a.teaser_input(env.config, &canonical),
        &env.config.teasers,
        &parsed,
    );
    a.teasers = Some(generated);
    a.checks = crate::check_report::check_parsed(a, env.config, &parsed);
    // A self-pay article without its disclosures gets no posts (and so no post findings);
    // with them, no post written from it may promote the treatment (push media cannot carry
    // the disclosures), so such drafts are skipped.
    if let Some(reason) = crate::check_report::withholding(a) {
        a.teasers = Some(clinote_posts::Generated::withheld(reason));
        a.checks.posts.clear();
    } else if crate::check_report::a_generated_post_promotes_withheld_care(a) {
        let keep = |text: &str| crate::check_report::may_post(a, env.config, text);
        let generated = clinote_posts::generate_parsed_keeping(
            &a.teaser_input(env.config, &canonical),
            &env.config.teasers,
            &parsed,
            &keep,
        );
        a.teasers = Some(generated);
        a.checks = crate::check_report::check_parsed(a, env.config, &parsed);
    }
    a.search = crate::search_terms::document_grams(
        &a.meta.title,
        &a.meta.tags,
        &a.rendered.toc,
        a.meta.description.as_deref(),
        &a.rendered.text,
    );
    // Only rendering needs the flattened text; an article taken from the render cache has
    // none either. (A tenth of a first build's memory at 10,000 articles.)
    a.rendered.text = String::new();
    a.rendered.lead = String::new();
    diags
}

/// [`render`], or its stored results when `cache` has them; also returns the
/// cache entry's key, and whether the results came from it.
pub fn render_with_cache(
    a: &mut Article,
    env: &RenderEnv<'_>,
    cache: &RenderCache,
) -> (Vec<Diagnostic>, u128, bool) {
    let key = cache.key(a);
    if let Some(mut entry) = cache.load(key) {
        a.checks = entry.checks();
        a.rendered = entry.rendered;
        a.summary = entry.summary;
        a.teasers = entry.teasers;
        a.search = entry.search;
        return (entry.diagnostics, key, true);
    }
    let diags = render(a, env);
    cache.store(key, a, &diags);
    (diags, key, false)
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

/// Where [`render_site`] keeps its results between runs.
#[derive(Debug, Clone, Copy)]
pub struct CacheUse<'a> {
    /// The cache folder, relative to the site's root.
    pub folder: &'a str,
    /// Left holding exactly this run's results (a build, the preview); otherwise only new
    /// results are added (`check`, `teasers`, which may see fewer articles).
    pub prune: bool,
}

/// Renders every group of `groups` (a site's articles, then its pages) in parallel, with the
/// render cache of `root` when `cache` says where. The one driver of this stage for `build`,
/// `check`, `teasers` and the preview.
pub fn render_site(
    groups: &mut [&mut [Arc<Article>]],
    env: &RenderEnv<'_>,
    root: &std::path::Path,
    cache: Option<CacheUse<'_>>,
    sources: Sources,
    progress: &dyn Progress,
) -> Rendering {
    let opened = cache
        .and_then(|c| RenderCache::open(root, c.folder, env.config, env.static_dirs, env.targets));
    let mut done = Rendering::default();
    for group in groups.iter_mut() {
        let r = render_all(group, env, opened.as_ref(), sources, progress);
        done.diagnostics.extend(r.diagnostics);
        done.cache_keys.extend(r.cache_keys);
        done.reused += r.reused;
    }
    if let (Some(opened), Some(cache)) = (opened, cache) {
        let used: std::collections::HashSet<u128> = done.cache_keys.iter().copied().collect();
        opened.finish(cache.prune.then_some(&used));
    }
    done
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
                    let (d, key, reused) = render_with_cache(a, env, cache);
                    (d, Some((key, reused)))
                }
                None => (render(a, env), None),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::article::tests::{article, config};

    #[test]
    fn one_parse_of_the_body_gives_what_a_parse_for_each_reader_gives() {
        let dir = tempfile::tempdir().unwrap();
        let a = &mut article(
            dir.path(),
            "+++\ntitle = \"夜の発熱\"\ndate = 2026-01-02\ntags = [\"小児科\"]\n+++\n\
             **夜の発熱**は心配ですよね。必ず治ります。\n\n<!-- more -->\n\n\
             ## 家でできること\n\n水分をこまめにとりましょう[^1]。\n\n\
             - 水分\n- 休養\n- 体温\n\n| 時間 | 体温 |\n|---|---|\n| 夜 | 38.5 |\n\n\
             ## 受診の目安\n\n昨日来院した田中さん（45歳）は、090-1234-5678 に連絡をくれました。\n\n\
             [^1]: 少しずつ飲みます。\n",
        );
        let config = config(dir.path());
        let env = RenderEnv {
            config: &config,
            static_dirs: &[],
            targets: &LinkTargets::default(),
        };
        render(a, &env);
        assert!(!a.checks.findings.is_empty());

        // Each reader on its own, parsing the body itself.
        let canonical = a.canonical_url(&config);
        let teasers =
            clinote_posts::generate(&a.teaser_input(&config, &canonical), &config.teasers);
        assert_eq!(a.teasers.as_ref(), Some(&teasers));
        assert_eq!(a.checks, crate::check_report::check(a, &config));
        let input = markdown::Input {
            file: &a.file,
            source: &a.source,
            body_offset: a.body_offset,
            links: a.link_context(&config, &[], Some(env.targets)),
        };
        let (rendered, _) = markdown::render(&input);
        assert_eq!(a.rendered.html, rendered.html);
        assert_eq!(a.rendered.summary_html, rendered.summary_html);
        assert_eq!(a.rendered.reading_minutes, rendered.reading_minutes);
    }
}
