//! Loading the whole site: at the start, and after a change to `clinote.toml` or anything
//! the incremental path cannot follow. The build's driver does it, with the preview's own
//! render cache, every article kept (published or not), and its files made into memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;

use clinote_diagnostic::{Bilingual, Diagnostic};
use clinote_site::config::Config;
use clinote_site::content::{Article, Kind};
use clinote_site::driver::{self, BaseUrl, CacheUse, LoadOptions, WriteError};
use clinote_site::progress::Silent;
use clinote_site::sink::Memory;
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
        let now = Timestamp::now();
        let options = LoadOptions {
            base_url: BaseUrl::Preview(&self.opts.base_url),
            selection: selection(self.opts.include_unpublished, now),
            // A second preview of a big site, or one after a theme change, starts from the
            // articles rendered last time.
            cache: CacheUse::Refresh,
            cache_folder: stage::cache::PREVIEW_CACHE_DIR,
            sources: stage::Sources::Keep,
            keep_everything: true,
            last_good: self.model.as_ref().map(|m| &m.pool),
        };
        let loaded = match driver::load(&root, &options, &Silent) {
            Ok(loaded) => loaded,
            Err(diags) => {
                let (errors, warnings): (Vec<_>, Vec<_>) =
                    diags.0.into_iter().partition(Diagnostic::is_error);
                update.warnings.extend(warnings);
                self.errors.insert(String::new(), errors);
                update.elapsed = started.elapsed();
                return update;
            }
        };
        let (errors, warnings): (Vec<_>, Vec<_>) = loaded
            .diagnostics
            .0
            .into_iter()
            .partition(Diagnostic::is_error);
        update.warnings.extend(warnings);
        let pool: BTreeMap<PathBuf, Arc<Article>> = loaded
            .everything
            .into_iter()
            .map(|a| (a.path.clone(), a))
            .collect();
        let mut model = Model {
            config: loaded.site.config.clone(),
            theme: loaded.theme,
            static_dirs: loaded.static_dirs,
            pool,
            targets: loaded.targets,
            site: loaded.site,
        };
        let result = render_everything(&mut model, &root, now);
        self.errors = clinote_diagnostic::by_file(errors);
        self.model = Some(model);
        self.finish_full(result, update, started)
    }

    pub(super) fn finish_full(
        &mut self,
        result: Result<Made, Vec<Diagnostic>>,
        mut update: Update,
        started: Instant,
    ) -> Update {
        match result {
            Ok(Made { files, made }) => {
                self.errors.remove("");
                update.rendered = made.pages;
                update.changed = changed_paths(&self.files, &files);
                update.full = true;
                self.files = files;
                self.search_stale = false;
                self.link_errors = clinote_diagnostic::by_file(made.broken);
            }
            Err(errors) => {
                self.errors.insert(String::new(), errors);
            }
        }
        update.elapsed = started.elapsed();
        update
    }
}

/// Which articles the preview shows.
fn selection(include_unpublished: bool, now: Timestamp) -> Selection {
    Selection {
        include_drafts: include_unpublished,
        include_future: include_unpublished,
        now,
    }
}

/// The whole site made into memory.
pub(super) struct Made {
    files: FileMap,
    made: driver::Made,
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
    Site::from_shared(
        config.clone(),
        articles,
        pages,
        &selection(include_unpublished, now),
    )
}

/// Every file of the site, made by the build's driver into memory.
pub(super) fn render_everything(
    model: &mut Model,
    root: &Path,
    now: Timestamp,
) -> Result<Made, Vec<Diagnostic>> {
    let made = driver::write(
        &mut model.site,
        &mut model.theme,
        root,
        true,
        now,
        &Silent,
        |_| Ok(Memory::default()),
    );
    match made {
        Ok((memory, made)) => Ok(Made {
            files: memory.into_files(),
            made,
        }),
        Err(WriteError::Outputs(errors)) => Err(errors),
        // Memory never refuses a file; kept for the type.
        Err(WriteError::Sink(e)) => Err(vec![Diagnostic::error(Bilingual::new(
            format!("ファイルを読めません: {e}"),
            format!("cannot read a file: {e}"),
        ))]),
    }
}
