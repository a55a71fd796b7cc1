//! The build pipeline, step by step: config → theme → content → site → render → outputs → disk.
//!
//! Every step reports problems as diagnostics and the pipeline goes on collecting them as far
//! as it sensibly can, so one build shows every broken file. The old output is replaced only
//! when the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::config::Config;
use crate::content;
use crate::outputs;
use crate::progress::{Progress, Stage};
use crate::render::theme::Theme;
use crate::render::views::Views;
use crate::sink;
use crate::site::{Scheduled, Selection, Site};
use crate::stage;
use clinote_diagnostic::{Bilingual, Diagnostic, Diagnostics, Location};

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Replaces `base_url` from the config.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Allows replacing a non-empty output folder that clinote did not create.
    pub force: bool,
    /// "Now", for scheduled articles.
    pub now: Timestamp,
    /// Reuse and keep rendering results in `.clinote/cache/render/` (`--no-cache` turns it off).
    pub cache: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    /// HTML pages written.
    pub pages: usize,
    pub files: usize,
    /// What changed on disk: files written, left as they were, and removed.
    pub written: sink::WriteStats,
    pub elapsed: Duration,
    pub next_scheduled: Option<Scheduled>,
    pub drafts_left_out: usize,
    pub scheduled_left_out: usize,
    /// Markdown files rendered: articles and static pages.
    pub sources: usize,
    /// Of those, the ones whose rendering was taken from `.clinote/cache/render/`.
    pub reused: usize,
    pub warnings: Diagnostics,
}

/// A loaded and rendered site with its theme, ready for outputs.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub diagnostics: Diagnostics,
    /// Articles and pages taken from the render cache instead of rendered.
    pub reused: usize,
    /// How this load used the render cache; rendering uses the search cache alike.
    pub cache_use: CacheUse,
}

/// How [`load`] uses the render cache in `.clinote/cache/render/` (see
/// [`stage::RenderCache`]): articles whose inputs are unchanged since an earlier run take
/// their rendering results from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Neither read nor written (`--no-cache`).
    Off,
    /// Read, and new results added (`check`, `teasers`).
    Add,
    /// Read, and left holding exactly this site's results (`build`).
    Refresh,
}

/// Loads everything a build or a preview needs. Errors come back with any warnings.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    selection: &Selection,
    cache_use: CacheUse,
    sources: stage::Sources,
    progress: &dyn Progress,
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    // Without a render cache (a first build) every article is checked: the rules load while
    // the site is read. (A rebuild takes the checks from the cache and never needs them.)
    let cached = root
        .join(stage::cache::CACHE_DIR)
        .join(stage::cache::PACK_FILE);
    if cache_use == CacheUse::Off || !cached.is_file() {
        clinote_check::prepare_rules();
    }

    let mut config = match Config::load(root) {
        Ok((c, warnings)) => {
            diags.extend(warnings);
            c
        }
        Err(errors) => return Err(errors),
    };
    if let Some(url) = base_url
        && let Err(why) = config.set_base_url(url)
    {
        diags.push(
            Diagnostic::error(Bilingual::new(
                format!("--base-url が正しくありません: {}", why.ja),
                format!("--base-url is not valid: {}", why.en),
            ))
            .help(Bilingual::new(
                "https:// から始まるアドレスを指定してください。",
                "give an address starting with https://",
            )),
        );
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
    diags.extend(content_diags);
    diags.extend(crate::site::term_collisions(
        content.articles.iter().chain(&content.pages),
    ));

    // Every article, published or not, so that a link to a draft is reported as such.
    let targets = content::link_targets(content.articles.iter().chain(&content.pages));
    let mut site = Site::new(config, content, selection);
    progress.stage(Stage::Rendering, site.articles.len() + site.pages.len());
    let config = site.config.clone();
    let env = stage::RenderEnv {
        config: &config,
        static_dirs: &static_dirs,
        targets: &targets,
    };
    let cache = (cache_use != CacheUse::Off).then_some(stage::CacheUse {
        folder: stage::cache::CACHE_DIR,
        prune: cache_use == CacheUse::Refresh,
    });
    let rendering = stage::render_site(
        &mut [&mut site.articles, &mut site.pages],
        &env,
        root,
        cache,
        sources,
        progress,
    );
    let reused = rendering.reused;
    diags.extend(rendering.diagnostics);
    diags.extend(outputs::unused_bundle_files(&site));

    diags.sort();
    match theme {
        Some(theme) if !diags.has_errors() => Ok(Loaded {
            site,
            theme,
            diagnostics: diags,
            reused,
            cache_use,
        }),
        _ => Err(diags),
    }
}

/// What [`write`] put on disk.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub stats: sink::WriteStats,
    /// Files of the new site, and of those the HTML pages.
    pub files: usize,
    pub pages: usize,
}

/// Renders every output file of a loaded site into `output`, each page written as soon as it
/// is rendered (a big site's pages are never all in memory). The old output stays as it was
/// until every file is written and every internal link leads somewhere.
pub fn write(
    loaded: &mut Loaded,
    root: &Path,
    output: &Path,
    now: Timestamp,
    progress: &dyn Progress,
) -> Result<Written, Diagnostics> {
    let cache = (loaded.cache_use != CacheUse::Off).then_some(root);
    // The search index first, so that every article's search terms (a sixth of a big site's
    // memory) are freed before the pages are made.
    let search = outputs::search::files(
        &Views {
            site: &loaded.site,
            now,
        },
        cache,
    );
    for a in loaded
        .site
        .articles
        .iter_mut()
        .chain(&mut loaded.site.pages)
    {
        if let Some(a) = std::sync::Arc::get_mut(a) {
            a.search = Default::default();
        }
    }
    let views = Views {
        site: &loaded.site,
        now,
    };
    loaded.theme.set_globals(&views);
    let fail = |errors: Vec<Diagnostic>| {
        let mut d = loaded.diagnostics.clone();
        d.extend(errors);
        d.sort();
        d
    };
    let site = &loaded.site;
    let jobs = outputs::pages::all_jobs(site);
    let page_paths: Vec<String> = jobs.iter().map(|j| j.path(site)).collect();
    let others =
        outputs::others(&views, &loaded.theme, root, Some(search), &page_paths).map_err(fail)?;
    let paths: Vec<String> = others
        .iter()
        .map(|f| f.path.clone())
        .chain(page_paths.iter().cloned())
        .collect();
    // Links that never break: every internal link, image and anchor must lead somewhere.
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

    let write_error = |e: std::io::Error| fail(vec![write_failed(root, output, &e)]);
    let update = sink::Update::begin(output, paths.clone()).map_err(write_error)?;
    {
        use rayon::prelude::*;
        others
            .par_iter()
            .try_for_each(|f| update.put(f))
            .map_err(write_error)?;
    }
    drop(others);
    let page_errors = outputs::pages::render_each(&views, &loaded.theme, &jobs, progress, |page| {
        if targets.contains(&page.path)
            && let outputs::Data::Bytes(html) = &page.data
        {
            let found = crate::linkcheck::element_ids(&String::from_utf8_lossy(html));
            ids.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(page.path.clone(), found);
        }
        update.put(&page)
    })
    .map_err(write_error)?;
    if !page_errors.is_empty() {
        return Err(fail(page_errors));
    }
    streamed.ids = ids.into_inner().unwrap_or_else(|e| e.into_inner());
    let broken = crate::linkcheck::check(sources(), site.config.base_path(), &streamed);
    if !broken.is_empty() {
        return Err(fail(broken));
    }
    let stats = update.commit().map_err(write_error)?;
    Ok(Written {
        stats,
        files: paths.len(),
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
    })
}

/// Writing the output failed: the build was stopped, a source could not be read, or the
/// output could not be written; the old output is still there.
fn write_failed(root: &Path, output: &Path, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::Interrupted && crate::interrupt::requested() {
        return Diagnostic::error(Bilingual::new(
            "ビルドを中断しました（Ctrl-C）。前回の出力はそのまま残っています",
            "the build was stopped (Ctrl-C); the previous output is untouched",
        ))
        .at(Location::file(output.display().to_string()));
    }
    if let Some(stale) = e
        .get_ref()
        .and_then(|r| r.downcast_ref::<sink::StaleNotRemoved>())
    {
        return Diagnostic::error(Bilingual::new(
            format!(
                "新しいサイトは書き出しましたが、もう公開しないファイルを消せませんでした（下書きに戻した記事のページなどが公開されたままです）: {}",
                stale.files.join("、")
            ),
            format!(
                "the new site is written, but files it no longer has could not be removed (a page of an article made a draft stays public): {}",
                stale.files.join(", ")
            ),
        ))
        .at(Location::file(output.display().to_string()))
        .help(Bilingual::new(
            "そのファイルを消せるよう権限を直すか、手で消してください。",
            "fix the permissions so they can be removed, or remove them by hand",
        ));
    }
    if let Some(source) = e
        .get_ref()
        .and_then(|r| r.downcast_ref::<sink::SourceUnreadable>())
    {
        let shown = source
            .path
            .strip_prefix(root)
            .unwrap_or(&source.path)
            .display()
            .to_string();
        return Diagnostic::error(Bilingual::new(
            format!(
                "ファイルを読めません（前回の出力はそのまま残っています）: {}",
                source.error
            ),
            format!(
                "cannot read the file (the previous output is untouched): {}",
                source.error
            ),
        ))
        .at(Location::file(shown))
        .help(Bilingual::new(
            "ファイルがあるか、読み取りの権限があるか確かめてください。",
            "check that the file exists and can be read",
        ));
    }
    Diagnostic::error(Bilingual::new(
        format!("書き出しに失敗しました（前回の出力はそのまま残っています）: {e}"),
        format!("writing the output failed (the previous output is untouched): {e}"),
    ))
    .at(Location::file(output.display().to_string()))
    .help(Bilingual::new(
        "書き出し先の空き容量と書き込みの権限を確かめてください。",
        "check free disk space and write permission for the output folder",
    ))
}

/// Where a build leaves the time of the next scheduled article, for any scheduler.
pub const NEXT_PUBLISH_FILE: &str = ".clinote/next-publish";

/// Writes the next scheduled time (RFC 3339, one line), or an empty file when nothing waits.
fn write_next_publish(root: &Path, next: Option<&Scheduled>) -> std::io::Result<()> {
    let path = root.join(NEXT_PUBLISH_FILE);
    let text = next.map_or(String::new(), |n| {
        format!("{}\n", crate::dates::rfc3339(&n.date))
    });
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written beside it and renamed: a full disk must not leave an empty file, which reads
    // as "nothing scheduled".
    let draft = path.with_extension("draft");
    std::fs::write(&draft, text)
        .and_then(|()| std::fs::rename(&draft, &path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&draft);
        })
}

/// Builds the site into `options.output`.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let root = sink::normalize(&options.root);
    let output = sink::normalize(&options.output);
    if let Err(d) = sink::check_output_dir(&root, &output, options.force) {
        return Err(Diagnostics(vec![d]));
    }
    // Held to the end of the build: a second build of this site waits for this one.
    let _lock =
        sink::BuildLock::acquire(&root, || progress.waiting_for_other_build()).map_err(|e| {
            Diagnostics(vec![
                Diagnostic::error(Bilingual::new(
                    format!("{} を作れません: {e}", sink::LOCK_FILE),
                    format!("cannot create {}: {e}", sink::LOCK_FILE),
                ))
                .help(Bilingual::new(
                    "サイトのフォルダに書き込めるか確かめてください。",
                    "check that the site's folder is writable",
                )),
            ])
        })?;
    // And the output folder's: a build of another site into it waits too.
    let _output_lock = sink::OutputLock::acquire(&output, || progress.waiting_for_output(&output))
        .map_err(|e| Diagnostics(vec![write_failed(&root, &output, &e)]))?;
    // Before anything else, even a build that fails: a switch an earlier build did not finish
    // is finished, and what it staged without committing is taken away.
    sink::recover(&output).map_err(|e| Diagnostics(vec![write_failed(&root, &output, &e)]))?;
    let selection = Selection {
        include_drafts: options.drafts,
        include_future: false,
        now: options.now,
    };
    let mut loaded = load(
        &root,
        options.base_url.as_deref(),
        &selection,
        if options.cache {
            CacheUse::Refresh
        } else {
            CacheUse::Off
        },
        // A build reads no article's text after rendering, except to quote it in a message.
        stage::Sources::ReleaseUnneeded,
        progress,
    )?;
    // What `clinote check` finds: errors stop the build unless `[check] fail_build = false`.
    let mut checks = crate::check_report::site_diagnostics(&loaded.site, false);
    if !loaded.site.config.check.fail_build {
        for d in &mut checks.0 {
            d.severity = clinote_diagnostic::Severity::Warning;
        }
    }
    if checks.has_errors() {
        let mut d = loaded.diagnostics;
        d.extend(checks);
        d.sort();
        return Err(d);
    }
    loaded.diagnostics.extend(checks);
    loaded.diagnostics.sort();
    let written = write(&mut loaded, &root, &output, options.now, progress)?;
    let site = &loaded.site;
    if let Err(e) = write_next_publish(&root, site.next_scheduled.as_ref()) {
        // A scheduler's hint; the site itself is built.
        let mut d = loaded.diagnostics.clone();
        d.push(Diagnostic::warning(Bilingual::new(
            format!(".clinote/next-publish を書けません: {e}"),
            format!("cannot write .clinote/next-publish: {e}"),
        )));
        loaded.diagnostics = d;
    }
    let site = &loaded.site;
    let report = BuildReport {
        articles: site.articles.len(),
        pages: written.pages,
        files: written.files,
        written: written.stats,
        elapsed: started.elapsed(),
        next_scheduled: site.next_scheduled.clone(),
        drafts_left_out: site.drafts_left_out,
        scheduled_left_out: site.scheduled_left_out,
        sources: site.articles.len() + site.pages.len(),
        reused: loaded.reused,
        warnings: std::mem::take(&mut loaded.diagnostics),
    };
    // Freeing every article and page of a big site takes a few percent of a build, and
    // nobody needs to wait for it.
    std::thread::spawn(move || drop(loaded));
    Ok(report)
}
