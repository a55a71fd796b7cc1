//! The one pipeline driver: [`load`] reads and renders a site, [`write`] makes every output
//! file and hands each to a [`Sink`]. `clinote build` drives it into a folder on disk,
//! `check` and `teasers` only load, and the preview drives it into memory.
//!
//! Every step reports problems as diagnostics and the driver goes on collecting them as far as
//! it sensibly can, so one run shows every broken file. What to do with errors is the caller's
//! choice: a build refuses to publish, the preview shows them over the last good page.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use crate::config::Config;
use crate::content::{self, Article};
use crate::outputs::{self, plan};
use crate::progress::{Progress, Stage};
use crate::render::theme::Theme;
use crate::render::views::Views;
use crate::sink::Sink;
use crate::site::{Selection, Site};
use crate::stage;
use clinote_diagnostic::{Bilingual, Diagnostic, Diagnostics};
use clinote_markdown::links::LinkTargets;

/// How [`load`] uses a render cache (see [`stage::RenderCache`]): articles whose inputs are
/// unchanged since an earlier run take their rendering results from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Neither read nor written (`--no-cache`).
    Off,
    /// Read, and new results added (`check`, `teasers`).
    Add,
    /// Read, and left holding exactly this site's results (`build`, the preview).
    Refresh,
}

/// The address the site is made for.
#[derive(Debug, Clone, Copy)]
pub enum BaseUrl<'a> {
    /// `base_url` in `clinote.toml`.
    Config,
    /// `--base-url`: replaces the site's address everywhere.
    Replace(&'a str),
    /// The preview's local address: pages link there, while what is meant for the public
    /// (posts, the canonical address) keeps `base_url`.
    Preview(&'a str),
}

/// What to load, and how.
pub struct LoadOptions<'a> {
    pub base_url: BaseUrl<'a>,
    pub selection: Selection,
    pub cache: CacheUse,
    /// The render cache's folder, relative to the site's root.
    pub cache_folder: &'static str,
    pub sources: stage::Sources,
    /// Render every article and page read, published or not, and keep them in
    /// [`Loaded::everything`] (the preview, which follows a draft becoming published).
    pub keep_everything: bool,
    /// For a file that fails to read now, its last good version, by source path (the
    /// preview's; a build has none).
    pub last_good: Option<&'a BTreeMap<PathBuf, Arc<Article>>>,
}

impl LoadOptions<'_> {
    /// A build's or a command's load: the config's address, no last good versions, the
    /// render cache of builds.
    pub fn new(selection: Selection, cache: CacheUse, sources: stage::Sources) -> Self {
        LoadOptions {
            base_url: BaseUrl::Config,
            selection,
            cache,
            cache_folder: stage::cache::CACHE_DIR,
            sources,
            keep_everything: false,
            last_good: None,
        }
    }
}

/// A loaded and rendered site with its theme, ready for [`write`].
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    /// Everything found, sorted; errors included (the files with errors are left out, or
    /// stand in their last good version).
    pub diagnostics: Diagnostics,
    /// Articles and pages taken from the render cache instead of rendered.
    pub reused: usize,
    /// How this load used the render cache; [`write`] uses the search cache alike.
    pub cache_use: CacheUse,
    /// The theme's and the site's static folders, which image paths are looked up in.
    pub static_dirs: Vec<PathBuf>,
    /// What links to each article and page lead to.
    pub targets: LinkTargets,
    /// With [`LoadOptions::keep_everything`]: every article and page, published or not.
    pub everything: Vec<Arc<Article>>,
}

impl Loaded {
    /// The loaded site if nothing had an error; otherwise every diagnostic.
    pub fn without_errors(self) -> Result<Loaded, Diagnostics> {
        if self.diagnostics.has_errors() {
            Err(self.diagnostics)
        } else {
            Ok(self)
        }
    }
}

/// Loads and renders everything a build or a preview needs. `Err` when there is nothing to
/// make pages with (the config or the theme is broken), with every diagnostic found; errors in
/// articles are in [`Loaded::diagnostics`].
pub fn load(
    root: &Path,
    options: &LoadOptions<'_>,
    progress: &dyn Progress,
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    // Without a render cache (a first build) every article is checked: the rules load while
    // the site is read. (A rebuild takes the checks from the cache and never needs them.)
    let cached = root
        .join(options.cache_folder)
        .join(stage::cache::PACK_FILE);
    if options.cache == CacheUse::Off || !cached.is_file() {
        clinote_check::prepare_rules();
    }

    let mut config = match Config::load(root) {
        Ok((c, warnings)) => {
            diags.extend(warnings);
            c
        }
        Err(errors) => return Err(errors),
    };
    if let Err(d) = set_base_url(&mut config, options.base_url) {
        diags.push(d);
        return Err(diags);
    }

    let theme = match Theme::load(root, &config) {
        Ok(t) => Some(t),
        Err(errors) => {
            diags.extend(errors);
            None
        }
    };
    let static_dirs = theme
        .as_ref()
        .map_or_else(|| vec![root.join("static")], |t| t.static_dirs(root));

    let (content, content_diags) = content::load(root, &config, &static_dirs, progress);
    let mut everything: Vec<Arc<Article>> = Vec::new();
    if let Some(last_good) = options.last_good {
        // A file that is broken now keeps its last good version.
        let broken: std::collections::HashSet<&str> = content_diags
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.location.as_ref().map(|l| l.file.as_str()))
            .collect();
        let read: std::collections::HashSet<&Path> = content
            .articles
            .iter()
            .chain(&content.pages)
            .map(|a| a.path.as_path())
            .collect();
        everything.extend(
            last_good
                .iter()
                .filter(|(path, a)| {
                    broken.contains(a.file.as_str()) && !read.contains(path.as_path())
                })
                .map(|(_, a)| a.clone()),
        );
    }
    diags.extend(content_diags);
    diags.extend(crate::site::term_collisions(
        content.articles.iter().chain(&content.pages),
    ));

    // Every article, published or not, so that a link to a draft is reported as such.
    let targets = content::link_targets(
        content
            .articles
            .iter()
            .chain(&content.pages)
            .chain(everything.iter().map(|a| &**a)),
    );
    let cache = (options.cache != CacheUse::Off).then_some(stage::CacheUse {
        folder: options.cache_folder,
        prune: options.cache == CacheUse::Refresh,
    });
    let render = |groups: &mut [&mut [Arc<Article>]], config: &Config| {
        let env = stage::RenderEnv {
            config,
            static_dirs: &static_dirs,
            targets: &targets,
        };
        stage::render_site(groups, &env, root, cache, options.sources, progress)
    };
    let (site, rendering) = if options.keep_everything {
        everything.extend(content.articles.into_iter().map(Arc::new));
        everything.extend(content.pages.into_iter().map(Arc::new));
        progress.stage(Stage::Rendering, everything.len());
        let rendering = render(&mut [&mut everything], &config);
        let (articles, pages): (Vec<_>, Vec<_>) = everything
            .iter()
            .cloned()
            .partition(|a| a.kind == content::Kind::Article);
        let site = Site::from_shared(config, articles, pages, &options.selection);
        (site, rendering)
    } else {
        let mut site = Site::new(config, content, &options.selection);
        progress.stage(Stage::Rendering, site.articles.len() + site.pages.len());
        let config = site.config.clone();
        let rendering = render(&mut [&mut site.articles, &mut site.pages], &config);
        (site, rendering)
    };
    diags.extend(rendering.diagnostics);
    diags.extend(outputs::unused_bundle_files(&site));
    diags.sort();
    match theme {
        Some(theme) => Ok(Loaded {
            site,
            theme,
            diagnostics: diags,
            reused: rendering.reused,
            cache_use: options.cache,
            static_dirs,
            targets,
            everything,
        }),
        None => Err(diags),
    }
}

fn set_base_url(config: &mut Config, base_url: BaseUrl<'_>) -> Result<(), Diagnostic> {
    match base_url {
        BaseUrl::Config => Ok(()),
        BaseUrl::Replace(url) => config.set_base_url(url).map_err(|why| {
            Diagnostic::error(Bilingual::new(
                format!("--base-url が正しくありません: {}", why.ja),
                format!("--base-url is not valid: {}", why.en),
            ))
            .help(Bilingual::new(
                "https:// から始まるアドレスを指定してください。",
                "give an address starting with https://",
            ))
        }),
        BaseUrl::Preview(url) => {
            // Staff preview their SNS posts beside the articles.
            config.teasers.page = true;
            config.preview_at(url).map_err(Diagnostic::error)
        }
    }
}

/// What [`write`] made.
#[derive(Debug)]
pub struct Made {
    /// Every file of the site, pages included.
    pub paths: Vec<String>,
    /// HTML pages among them.
    pub pages: usize,
    /// Links, images and anchors that lead nowhere in the files made.
    pub broken: Vec<Diagnostic>,
}

/// Why [`write`] stopped.
#[derive(Debug)]
pub enum WriteError {
    /// A page or another output could not be made (a template error, an unreadable static
    /// folder).
    Outputs(Vec<Diagnostic>),
    /// The sink failed (a disk full, Ctrl-C), or a source file could not be read.
    Sink(io::Error),
}

/// Makes every output file of a rendered site and hands each to the sink that `open` gives
/// for the full list of paths: pages as soon as each is rendered, so that a big site's pages
/// are never all in memory. Every internal link, image and anchor is checked on the way.
///
/// `search_cache` reuses and keeps the search index's pieces in the site's cache.
pub fn write<S: Sink>(
    site: &mut Site,
    theme: &mut Theme,
    root: &Path,
    search_cache: bool,
    now: Timestamp,
    progress: &dyn Progress,
    open: impl FnOnce(Vec<String>) -> io::Result<S>,
) -> Result<(S, Made), WriteError> {
    // The search index first, so that every article's search terms (a sixth of a big site's
    // memory) are freed before the pages are made.
    let search = outputs::search::files(&Views { site, now }, search_cache.then_some(root));
    for a in site.articles.iter_mut().chain(&mut site.pages) {
        // Only where nobody else holds the article: the preview keeps them for the next edit.
        if let Some(a) = Arc::get_mut(a) {
            a.search = Default::default();
        }
    }
    let views = Views { site, now };
    theme.set_globals(&views);
    let site = &*site;
    let jobs = outputs::pages::all_jobs(site);
    let page_paths: Vec<String> = jobs.iter().map(|j| j.path(site)).collect();
    let others = plan::make_files(
        &views,
        theme,
        root,
        &plan::all(site),
        Some(search),
        search_cache,
        &page_paths,
    )
    .map_err(WriteError::Outputs)?;
    let paths: Vec<String> = others
        .iter()
        .map(|f| f.path.clone())
        .chain(page_paths.iter().cloned())
        .collect();
    // Whether the files exist is known before any page is made; the ids of the pages that
    // links lead into are taken as those pages go by.
    let sources = || site.articles.iter().chain(&site.pages).map(|a| &**a);
    let mut streamed = crate::linkcheck::Streamed {
        paths: paths.iter().map(String::as_str).collect(),
        ids: Default::default(),
    };
    let targets =
        crate::linkcheck::anchor_targets(sources(), site.config.base_path(), &streamed.paths);
    let ids = std::sync::Mutex::new(std::collections::HashMap::new());

    let sink = open(paths.clone()).map_err(WriteError::Sink)?;
    {
        use rayon::prelude::*;
        others
            .into_par_iter()
            .try_for_each(|f| sink.put_file(f))
            .map_err(WriteError::Sink)?;
    }
    let page_errors = outputs::pages::render_each(&views, theme, &jobs, progress, |page| {
        if targets.contains(&page.path)
            && let outputs::Data::Bytes(html) = &page.data
        {
            let found = crate::linkcheck::element_ids(&String::from_utf8_lossy(html));
            ids.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(page.path.clone(), found);
        }
        sink.put_file(page)
    })
    .map_err(WriteError::Sink)?;
    if !page_errors.is_empty() {
        return Err(WriteError::Outputs(page_errors));
    }
    streamed.ids = ids.into_inner().unwrap_or_else(|e| e.into_inner());
    let broken = crate::linkcheck::check(sources(), site.config.base_path(), &streamed);
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    Ok((
        sink,
        Made {
            paths,
            pages,
            broken,
        },
    ))
}
