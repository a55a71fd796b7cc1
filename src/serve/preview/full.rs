//! Loading the whole site: at the start, and after a change to `clinote.toml` or anything
//! the incremental path cannot follow. The stage runs with the preview's own render cache.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;

use clinote_diagnostic::Diagnostic;
use clinote_site::config::Config;
use clinote_site::content::{self, Article, Kind};
use clinote_site::outputs::{self, OutputFile};
use clinote_site::progress::Silent;
use clinote_site::render::theme::Theme;
use clinote_site::render::views::Views;
use clinote_site::site::{Selection, Site};
use clinote_site::stage;

use super::{FileMap, Model, Preview, Update, changed_paths};

impl Preview {
    /// Reads everything again: config, theme, every file.
    pub(super) fn load_full(&mut self, started: Instant, causes: Vec<String>) -> Update {
        let root = self.opts.root.clone();
        let mut update = Update {
            causes,
            full: true,
            ..Update::default()
        };
        let mut config = match Config::load(&root) {
            Ok((c, warnings)) => {
                update.warnings.extend(warnings);
                c
            }
            Err(errors) => {
                self.errors.insert(String::new(), errors.0);
                update.elapsed = started.elapsed();
                return update;
            }
        };
        // Staff preview their SNS posts beside the articles.
        config.teasers.page = true;
        if let Err(why) = config.preview_at(&self.opts.base_url) {
            self.errors
                .insert(String::new(), vec![Diagnostic::error(why)]);
            return update;
        }
        let theme = match Theme::load(&root, &config) {
            Ok(t) => t,
            Err(errors) => {
                self.errors.insert(String::new(), errors);
                update.elapsed = started.elapsed();
                return update;
            }
        };
        let static_dirs = theme.static_dirs(&root);
        let (content, diags) = content::load(&root, &config, &static_dirs, &Silent);
        let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
        let mut errors = clinote_diagnostic::by_file(errors);
        update.warnings.extend(warnings);
        let mut fresh: Vec<Arc<Article>> = content
            .articles
            .into_iter()
            .chain(content.pages)
            .map(Arc::new)
            .collect();
        // A file that is broken now keeps its last good version.
        if let Some(old) = &self.model {
            for (path, article) in &old.pool {
                if errors.contains_key(&article.file) && !fresh.iter().any(|a| a.path == *path) {
                    fresh.push(article.clone());
                }
            }
        }
        let targets = content::link_targets(fresh.iter().map(|a| &**a));
        let env = stage::RenderEnv {
            config: &config,
            static_dirs: &static_dirs,
            targets: &targets,
        };
        // A second preview of a big site, or one after a theme change, starts from the
        // articles rendered last time.
        let cache = stage::CacheUse {
            folder: stage::cache::PREVIEW_CACHE_DIR,
            prune: true,
        };
        let rendering = stage::render_site(
            &mut [&mut fresh],
            &env,
            &root,
            Some(cache),
            stage::Sources::Keep,
            &Silent,
        );
        let (new_errors, warnings): (Vec<_>, Vec<_>) = rendering
            .diagnostics
            .into_iter()
            .partition(|d| d.is_error());
        for (file, diags) in clinote_diagnostic::by_file(new_errors) {
            errors.entry(file).or_default().extend(diags);
        }
        update.warnings.extend(warnings);
        let pool: BTreeMap<PathBuf, Arc<Article>> =
            fresh.into_iter().map(|a| (a.path.clone(), a)).collect();
        let now = Timestamp::now();
        let site = site_from_pool(&pool, &config, self.opts.include_unpublished, now);
        let mut model = Model {
            config,
            theme,
            static_dirs,
            pool,
            targets,
            site,
        };
        let result = render_everything(&mut model, &root, now);
        self.errors = errors;
        self.model = Some(model);
        self.finish_full(result, update, started)
    }

    pub(super) fn finish_full(
        &mut self,
        result: Result<Vec<OutputFile>, Vec<Diagnostic>>,
        mut update: Update,
        started: Instant,
    ) -> Update {
        match result {
            Ok(files) => {
                self.errors.remove("");
                update.rendered = files.iter().filter(|f| f.path.ends_with(".html")).count();
                let new: FileMap = files
                    .into_iter()
                    .map(|f| (f.path, Arc::new(f.data)))
                    .collect();
                update.changed = changed_paths(&self.files, &new);
                update.full = true;
                self.files = new;
                self.search_stale = false;
                self.link_errors.clear();
                if let Some(model) = &self.model {
                    let site = &model.site;
                    let broken = clinote_site::linkcheck::check(
                        site.articles.iter().chain(&site.pages).map(|a| &**a),
                        site.config.base_path(),
                        &self.files,
                    );
                    self.link_errors = clinote_diagnostic::by_file(broken);
                }
            }
            Err(errors) => {
                self.errors.insert(String::new(), errors);
            }
        }
        update.elapsed = started.elapsed();
        update
    }
}

pub(super) fn site_from_pool(
    pool: &BTreeMap<PathBuf, Arc<Article>>,
    config: &Config,
    include_unpublished: bool,
    now: Timestamp,
) -> Site {
    let (articles, pages): (Vec<_>, Vec<_>) = pool
        .values()
        .cloned()
        .partition(|a| a.kind == Kind::Article);
    let selection = Selection {
        include_drafts: include_unpublished,
        include_future: include_unpublished,
        now,
    };
    Site::from_shared(config.clone(), articles, pages, &selection)
}

pub(super) fn render_everything(
    model: &mut Model,
    root: &Path,
    now: Timestamp,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let views = Views {
        site: &model.site,
        now,
    };
    model.theme.set_globals(&views);
    outputs::all(&views, &model.theme, root, None, &Silent)
}
