//! The preview's model of the site, kept in memory between edits, and incremental rebuilds.
//!
//! Every parsed and rendered article lives in a pool keyed by its file. A full load is the
//! build's driver into memory (`full`); after an edit, the change is classified and costs only
//! what it touches:
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
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use clinote_diagnostic::{Diagnostic, display_path};
use clinote_site::config::Config;
use clinote_site::content::Article;
use clinote_site::content::discover::{self, Kind};
use clinote_site::outputs::plan::{self, Output, Reach, reach_of};
use clinote_site::outputs::{self, Data, OutputFile, pages};
use clinote_site::progress::Silent;
use clinote_site::render::theme::Theme;
use clinote_site::render::views::Views;
use clinote_site::site::Site;
use clinote_site::stage;

use changes::changed_paths;
pub use describe::describe;
use full::{render_everything, site_from_pool};

mod changes;
mod describe;
mod full;
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
        let config_file = root.join(clinote_site::config::CONFIG_FILE);
        let Some(theme_name) = self.model.as_ref().map(|m| m.config.theme.clone()) else {
            let causes = paths.iter().map(|p| display_path(&root, p)).collect();
            return self.load_full(started, causes);
        };
        // The files that matter, for the terminal (not an editor's or a tool's temporary files).
        let mut causes: Vec<String> = Vec::new();
        let theme_dir = root.join("themes").join(&theme_name);
        let mut theme_changed = false;
        let mut static_changed = Vec::new();
        let mut static_files_changed: Vec<PathBuf> = Vec::new();
        let mut entries: BTreeMap<PathBuf, Option<discover::Entry>> = BTreeMap::new();
        let mut removed_dirs = Vec::new();
        for path in paths {
            if discover::is_ignored(path) {
                continue;
            }
            if *path == config_file {
                return self
                    .load_full(started, vec![clinote_site::config::CONFIG_FILE.to_string()]);
            }
            if let Ok(rel) = path
                .strip_prefix(root.join("static"))
                .or_else(|_| path.strip_prefix(theme_dir.join("static")))
            {
                static_changed.push(display_path(Path::new(""), rel));
                static_files_changed.push(path.clone());
                causes.push(display_path(&root, path));
            } else if path.starts_with(root.join("templates")) || path.starts_with(&theme_dir) {
                theme_changed = true;
                causes.push(display_path(&root, path));
            } else if path.starts_with(root.join("content")) {
                match discover::entry_for(&root, path) {
                    Some(e) => {
                        causes.push(display_path(&root, &e.path));
                        entries.insert(e.path.clone(), Some(e));
                    }
                    None if !path.exists() => removed_dirs.push(path.clone()),
                    None => {}
                }
            }
        }

        let mut update = Update {
            causes,
            ..Update::default()
        };
        let Some(model) = self.model.as_mut() else {
            return update;
        };
        if theme_changed {
            match Theme::load(&root, &model.config) {
                Ok(theme) => {
                    model.static_dirs = theme.static_dirs(&root);
                    model.theme = theme;
                    self.errors.remove("");
                }
                Err(errors) => {
                    self.errors.insert(String::new(), errors);
                    update.elapsed = started.elapsed();
                    return update;
                }
            }
        }

        // Re-read the changed files, keeping the last good version of any that fail.
        let mut reach: Option<Reach> = None;
        let mut changed_articles: Vec<(Option<Arc<Article>>, Arc<Article>)> = Vec::new();
        // Files whose link target (address, title, description, cover) changed, appeared or went,
        // and images that changed: the articles whose HTML depends on them are rendered again.
        let mut target_changed: Vec<PathBuf> = static_files_changed;
        for dir in &removed_dirs {
            let before = model.pool.len();
            model.pool.retain(|p, _| !p.starts_with(dir));
            if model.pool.len() != before {
                reach = Some(Reach::Structure);
                update.causes.push(display_path(&root, dir));
            }
            model.targets.retain(|p, _| {
                let gone = p.starts_with(dir);
                if gone {
                    target_changed.push(p.clone());
                }
                !gone
            });
            self.errors
                .retain(|file, _| !root.join(file).starts_with(dir));
            self.link_errors
                .retain(|file, _| !root.join(file).starts_with(dir));
        }
        let now = Timestamp::now();
        let parsed: Vec<(PathBuf, Option<Article>, Vec<Diagnostic>)> = entries
            .into_iter()
            .filter_map(|(path, e)| e.map(|e| (path, e)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(path, entry)| {
                let mut diags = Vec::new();
                let article = if path.is_file() {
                    Article::read(&entry, &root, &model.config, &model.static_dirs, &mut diags)
                } else {
                    None
                };
                (path, article, diags)
            })
            .collect();
        let mut to_render: Vec<(PathBuf, Article)> = Vec::new();
        for (path, article, diags) in parsed {
            let file = display_path(&root, &path);
            let (errors, warnings): (Vec<_>, Vec<_>) =
                diags.into_iter().partition(Diagnostic::is_error);
            update.warnings.extend(warnings);
            if !errors.is_empty() {
                self.errors.insert(file, errors);
                continue;
            }
            self.errors.remove(&file);
            match article {
                Some(a) => {
                    let target = a.link_target();
                    if model.targets.get(&path) != Some(&target) {
                        target_changed.push(path.clone());
                        model.targets.insert(path.clone(), target);
                    }
                    to_render.push((path, a));
                }
                None => {
                    self.link_errors.remove(&file);
                    if model.pool.remove(&path).is_some() {
                        reach = Some(Reach::Structure);
                    }
                    if model.targets.remove(&path).is_some() {
                        target_changed.push(path);
                    }
                }
            }
        }
        if !target_changed.is_empty() {
            for (path, a) in &model.pool {
                let depends = a
                    .rendered
                    .depends_on
                    .iter()
                    .any(|d| target_changed.contains(d));
                if depends && !to_render.iter().any(|(p, _)| p == path) {
                    to_render.push((path.clone(), (**a).clone()));
                }
            }
        }
        let env = stage::RenderEnv {
            config: &model.config,
            static_dirs: &model.static_dirs,
            targets: &model.targets,
        };
        let rendered: Vec<(PathBuf, Article, Vec<Diagnostic>)> = to_render
            .into_par_iter()
            .map(|(path, mut a)| {
                let diags = stage::render(&mut a, &env);
                (path, a, diags)
            })
            .collect();
        for (path, a, diags) in rendered {
            update.warnings.extend(diags);
            let old = model.pool.get(&path).cloned();
            let new = Arc::new(a);
            let r = match &old {
                Some(old) => reach_of(old, &new, now),
                None => Reach::Structure,
            };
            reach = reach.max(Some(r));
            model.pool.insert(path, new.clone());
            changed_articles.push((old, new));
        }

        if theme_changed || reach == Some(Reach::Structure) {
            model.site = site_from_pool(
                &model.pool,
                &model.config,
                self.opts.include_unpublished,
                now,
            );
            let result = render_everything(model, &root, now);
            return self.finish_full(result, update, started);
        }

        // Only some outputs: replace the changed articles in place and make what shows them.
        let mut reached: Vec<Output> = Vec::new();
        for (old, new) in &changed_articles {
            let site = &mut model.site;
            let list = match new.kind {
                Kind::Article => &mut site.articles,
                Kind::Page => &mut site.pages,
            };
            // Compared as bytes: `Path` equality parses components, slow over thousands.
            let Some(i) = list
                .iter()
                .position(|a| a.path.as_os_str() == new.path.as_os_str())
            else {
                continue; // an unpublished article that stays unpublished
            };
            list[i] = new.clone();
            let r = old
                .as_ref()
                .map_or(Reach::Structure, |o| reach_of(o, new, now));
            reached.extend(plan::reached(&model.site, new.kind, i, r));
            // The files its last version had beside it go; the new version's come back below.
            if let Some(old) = old {
                for (path, _) in outputs::bundle_files(old) {
                    self.files.remove(&path);
                    update.changed.push(path);
                }
                if let Some(path) =
                    clinote_site::og_image::path::path_for(model.site.config.cards, old)
                {
                    self.files.remove(&path);
                }
            }
            // A bundle's image may have changed on disk under the same name: its pages reload.
            update
                .changed
                .extend(outputs::bundle_files(new).into_iter().map(|(path, _)| path));
        }
        let mut seen = std::collections::HashSet::new();
        reached.retain(|o| seen.insert(*o));
        // The search index costs as much as the site is long: it waits until the writer pauses.
        if reached.contains(&Output::SearchIndex) {
            self.search_stale = true;
            reached.retain(|o| *o != Output::SearchIndex);
        }
        if !static_changed.is_empty() {
            reached.push(Output::Copied);
        }
        let jobs: Vec<pages::Job> = reached
            .iter()
            .filter_map(|o| match o {
                Output::Page(job) => Some(*job),
                _ => None,
            })
            .collect();

        let views = Views {
            site: &model.site,
            now,
        };
        model.theme.set_globals(&views);
        let (pages, errors) = pages::render(&views, &model.theme, &jobs, &Silent);
        if !errors.is_empty() {
            self.errors.insert(String::new(), errors);
            update.elapsed = started.elapsed();
            return update;
        }
        let others = plan::make_files(&views, &model.theme, &root, &reached, None, false, &[]);
        let others = match others {
            Ok(files) => files,
            Err(errors) => {
                self.errors.insert(String::new(), errors);
                update.elapsed = started.elapsed();
                return update;
            }
        };
        self.errors.remove("");
        update.rendered = pages.len();
        let (copied, generated): (Vec<OutputFile>, Vec<OutputFile>) =
            others.into_iter().partition(|f| {
                !static_changed.is_empty()
                    && !matches!(f.data, Data::Bytes(_))
                    && !clinote_site::og_image::path::is_card(&f.path)
            });
        if !static_changed.is_empty() {
            // Copies are cheap references: replace them all (link cards aside: they are
            // generated); report the files that appeared or went, and those the editor touched.
            let is_copied = |p: &str, d: &Data| {
                !matches!(d, Data::Bytes(_)) && !clinote_site::og_image::path::is_card(p)
            };
            let before: std::collections::HashSet<String> = self
                .files
                .iter()
                .filter(|(p, d)| is_copied(p, d))
                .map(|(p, _)| p.clone())
                .collect();
            self.files.retain(|p, d| !is_copied(p, d));
            for f in copied {
                if !before.contains(&f.path) {
                    update.changed.push(f.path.clone());
                }
                // A generated page wins over a static file at the same path.
                self.files.entry(f.path).or_insert_with(|| Arc::new(f.data));
            }
            update
                .changed
                .extend(before.into_iter().filter(|p| !self.files.contains_key(p)));
            update.changed.extend(
                static_changed
                    .into_iter()
                    .filter(|p| self.files.contains_key(p)),
            );
        }
        for f in pages.into_iter().chain(generated) {
            // Only what really differs counts: an open page whose bytes are the same is left alone.
            if self.files.get(&f.path).is_none_or(|old| **old != f.data) {
                update.changed.push(f.path.clone());
                self.files.insert(f.path, Arc::new(f.data));
            }
        }
        // The links of what was rendered again, against the files now served.
        let site = &model.site;
        let published: Vec<&Article> = changed_articles
            .iter()
            .map(|(_, new)| new)
            .filter(|new| {
                site.articles
                    .iter()
                    .chain(&site.pages)
                    .any(|a| Arc::ptr_eq(a, new))
            })
            .map(|a| &**a)
            .collect();
        for a in &published {
            self.link_errors.remove(&a.file);
        }
        let broken =
            clinote_site::linkcheck::check(published, site.config.base_path(), &self.files);
        for (file, diags) in clinote_diagnostic::by_file(broken) {
            self.link_errors.entry(file).or_default().extend(diags);
        }
        update.changed.sort();
        update.changed.dedup();
        update.causes.sort();
        update.causes.dedup();
        update.elapsed = started.elapsed();
        update
    }
}
