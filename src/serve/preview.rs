//! The preview's model of the site, kept in memory between edits, and incremental rebuilds.
//!
//! Every parsed and rendered article lives in a pool keyed by its file. A full load is the
//! build's driver into memory (`full`). After an edit, the changed paths are sorted
//! (`classify`), the changed files read and rendered again (`reread`), and the outputs they
//! reach made again (`partial`), so that an edit costs only what it touches:
//! - an article or page whose body or card changed: the outputs that show it, as
//!   [`clinote_site::outputs::plan`] declares them (its page, the lists showing its card, its
//!   feeds, the sitemap, …); the search index waits until the writer pauses;
//! - anything that moves articles around (date, tags, series, author, slug, draft state, a new,
//!   deleted or renamed file, a page's title in the navigation): the site is re-indexed from the
//!   pool and every output made again, with no Markdown parsed again;
//! - a template or the theme: every output, with no Markdown parsed again;
//! - `clinote.toml`: everything from scratch;
//! - a static file: the copied files only.
//!
//! A file that fails to parse keeps its last good version in the pool, so the last good page
//! stays served while the error is shown. The full and the incremental paths must produce the
//! same files; `tests` checks that for every kind of edit.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use clinote_diagnostic::{Diagnostic, display_path};
use clinote_site::config::Config;
use clinote_site::content::Article;
use clinote_site::outputs;
use clinote_site::outputs::plan::Reach;
use clinote_site::render::theme::Theme;
use clinote_site::render::views::Views;
use clinote_site::site::Site;

use changes::changed_paths;
use classify::{Edit, classify};
pub use describe::describe;
use full::{render_everything, site_from_pool};

mod changes;
mod classify;
mod describe;
mod full;
mod partial;
mod reread;
#[cfg(test)]
mod tests;

/// Output path → file, shared cheaply between the preview and the server.
pub use clinote_site::sink::FileMap;

/// How the preview is set up.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// The site's folder (absolute).
    pub root: PathBuf,
    /// The local address the site is served at, replacing `base_url`.
    pub base_url: String,
    /// Show drafts and future articles (the default in `serve`).
    pub include_unpublished: bool,
}

/// What one rebuild did, for the terminal and for browsers.
#[derive(Debug, Default)]
pub struct Update {
    /// Output paths (`articles/x/index.html`, `style.css`) whose contents changed, appeared or
    /// went away.
    pub changed: Vec<String>,
    /// The whole site was rebuilt (the changed list is still exact).
    pub full: bool,
    /// Pages rendered.
    pub rendered: usize,
    /// Site-relative source files that caused this update.
    pub causes: Vec<String>,
    /// Warnings found by this update.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl Update {
    /// Only stylesheets changed: browsers can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.full && !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// The site as the preview serves it.
pub struct Preview {
    opts: PreviewOptions,
    model: Option<Model>,
    /// The served files: the last good output. A persistent map, so that handing a copy to the
    /// server after each rebuild is O(1) whatever the size of the site.
    files: FileMap,
    /// Current errors, by source file (`""` for site-wide ones such as templates).
    errors: BTreeMap<String, Vec<Diagnostic>>,
    /// Broken links, by the file they are written in.
    link_errors: BTreeMap<String, Vec<Diagnostic>>,
    /// An article changed since the search index was made. Rebuilding the index costs as much
    /// as the site is long, so it waits until the writer pauses ([`Preview::refresh_search`]);
    /// meanwhile the previous index is served.
    search_stale: bool,
}

struct Model {
    config: Config,
    theme: Theme,
    static_dirs: Vec<PathBuf>,
    /// Every article and page that parsed, by source file, rendered.
    pool: BTreeMap<PathBuf, Arc<Article>>,
    /// What links to each file of the pool lead to (address, title, card).
    targets: clinote_markdown::links::LinkTargets,
    site: Site,
}

impl Preview {
    /// Loads the whole site. Errors do not stop the preview; they are in [`Preview::errors`].
    pub fn new(opts: PreviewOptions) -> (Preview, Update) {
        let mut p = Preview {
            opts,
            model: None,
            files: FileMap::new(),
            errors: BTreeMap::new(),
            link_errors: BTreeMap::new(),
            search_stale: false,
        };
        let update = p.load_full(Instant::now(), Vec::new());
        (p, update)
    }

    /// The files to serve, by output path.
    pub fn files(&self) -> &FileMap {
        &self.files
    }

    /// Whether the search index waits for [`Preview::refresh_search`].
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Rebuilds the search index if an article changed since it was made. Returns whether the
    /// served files changed.
    pub fn refresh_search(&mut self) -> bool {
        let Some(model) = &self.model else {
            return false;
        };
        if !self.search_stale {
            return false;
        }
        self.search_stale = false;
        let views = Views {
            site: &model.site,
            now: Timestamp::now(),
        };
        let fresh = outputs::search::files(&views, None);
        let keep: std::collections::HashSet<&str> = fresh.iter().map(|f| f.path.as_str()).collect();
        let stale: Vec<String> = self
            .files
            .keys()
            .filter(|p| outputs::search::is_index_file(p) && !keep.contains(p.as_str()))
            .cloned()
            .collect();
        for p in stale {
            self.files.remove(&p);
        }
        for f in fresh {
            self.files.insert(f.path, Arc::new(f.data));
        }
        true
    }

    /// Current errors, sorted by file and position.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut all = clinote_diagnostic::Diagnostics(
            self.errors
                .values()
                .chain(self.link_errors.values())
                .flatten()
                .cloned()
                .collect(),
        );
        all.sort();
        all.0
    }

    /// What `clinote check` finds: errors of every article (for the overlay), and the warnings
    /// of each page by its output file (for the panel on that page).
    pub fn checks(
        &self,
    ) -> (
        Vec<Diagnostic>,
        std::collections::HashMap<String, Vec<Diagnostic>>,
    ) {
        match &self.model {
            Some(model) => clinote_site::check_report::for_preview(&model.site),
            None => Default::default(),
        }
    }

    /// Rebuilds after the files at `paths` changed (created, modified or deleted).
    pub fn apply(&mut self, paths: &[PathBuf]) -> Update {
        let started = Instant::now();
        let root = self.opts.root.clone();
        let Some(theme_name) = self.model.as_ref().map(|m| m.config.theme.clone()) else {
            let causes = paths.iter().map(|p| display_path(&root, p)).collect();
            return self.load_full(started, causes);
        };
        let touched = match classify(&root, &theme_name, paths) {
            Edit::Config => {
                return self
                    .load_full(started, vec![clinote_site::config::CONFIG_FILE.to_string()]);
            }
            Edit::Files(touched) => touched,
        };
        let mut update = Update {
            causes: touched.causes.clone(),
            ..Update::default()
        };
        if touched.theme && !self.reload_theme() {
            update.elapsed = started.elapsed();
            return update;
        }
        let now = Timestamp::now();
        let reread = self.reread(&touched, &mut update, now);
        if touched.theme || reread.reach == Some(Reach::Structure) {
            let Some(model) = self.model.as_mut() else {
                return update;
            };
            model.site = site_from_pool(
                &model.pool,
                &model.config,
                self.opts.include_unpublished,
                now,
            );
            let result = render_everything(model, &root, now);
            return self.finish_full(result, update, started);
        }
        self.make_reached(&reread, &touched.statics, &mut update, now);
        update.changed.sort();
        update.changed.dedup();
        update.causes.sort();
        update.causes.dedup();
        update.elapsed = started.elapsed();
        update
    }

    /// Loads the theme again after a template or a theme file changed. Its errors are shown,
    /// and the last good theme stays.
    fn reload_theme(&mut self) -> bool {
        let Some(model) = self.model.as_mut() else {
            return false;
        };
        match Theme::load(&self.opts.root, &model.config) {
            Ok(theme) => {
                model.static_dirs = theme.static_dirs(&self.opts.root);
                model.theme = theme;
                self.errors.remove("");
                true
            }
            Err(errors) => {
                self.errors.insert(String::new(), errors);
                false
            }
        }
    }
}
