//! `clinote build`: the [`driver`] into a folder on disk, with what a publication needs
//! around it: locks, the checks that stop a build, the switch to the new output only when the
//! whole build succeeded, and the time of the next scheduled article.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::driver::{self, BaseUrl, CacheUse, LoadOptions, Loaded, Made, WriteError};
use crate::progress::Progress;
use crate::sink;
use crate::site::{Scheduled, Selection};
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
    /// For a site under a path (`https://example.jp/blog/`): where crawlers read robots.txt
    /// (the host's root, never `/blog/robots.txt`) and the line to add there.
    pub robots_at_root: Option<RobotsAtRoot>,
}

/// What to put in the host's own robots.txt when the site is not at the host's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsAtRoot {
    /// `https://example.jp/robots.txt`
    pub url: String,
    /// `Sitemap: https://example.jp/blog/sitemap.xml`
    pub line: String,
}

impl RobotsAtRoot {
    /// `None` for a site at its host's root, whose robots.txt is read where it is written.
    pub fn of(config: &crate::config::Config) -> Option<RobotsAtRoot> {
        if config.base_path() == "/" {
            return None;
        }
        let mut root = config.public_url.clone();
        root.set_path("/robots.txt");
        root.set_query(None);
        Some(RobotsAtRoot {
            url: root.to_string(),
            line: format!("Sitemap: {}", config.absolute_url("sitemap.xml")),
        })
    }
}

/// Renders every output file of a loaded site into the folder `output`. The old output stays
/// as it was until every file is written and every internal link leads somewhere.
fn write(
    loaded: &mut Loaded,
    root: &Path,
    output: &Path,
    now: Timestamp,
    progress: &dyn Progress,
) -> Result<(sink::WriteStats, Made), Diagnostics> {
    let fail = |errors: Vec<Diagnostic>| {
        let mut d = loaded.diagnostics.clone();
        d.extend(errors);
        d.sort();
        d
    };
    let search_cache = loaded.cache_use != CacheUse::Off;
    let made = driver::write(
        &mut loaded.site,
        &mut loaded.theme,
        root,
        search_cache,
        now,
        progress,
        |paths| sink::Update::begin(output, paths),
    );
    let (update, made) = match made {
        Ok(m) => m,
        Err(WriteError::Outputs(errors)) => return Err(fail(errors)),
        Err(WriteError::Sink(e)) => return Err(fail(vec![write_failed(root, output, &e)])),
    };
    // Links that never break: every internal link, image and anchor must lead somewhere.
    if !made.broken.is_empty() {
        return Err(fail(made.broken));
    }
    let stats = update
        .commit()
        .map_err(|e| fail(vec![write_failed(root, output, &e)]))?;
    Ok((stats, made))
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
    let mut load_options = LoadOptions::new(
        selection,
        if options.cache {
            CacheUse::Refresh
        } else {
            CacheUse::Off
        },
        // A build reads no article's text after rendering, except to quote it in a message.
        stage::Sources::ReleaseUnneeded,
    );
    if let Some(url) = &options.base_url {
        load_options.base_url = BaseUrl::Replace(url);
    }
    let mut loaded = driver::load(&root, &load_options, progress)?.without_errors()?;
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
    let (written, made) = write(&mut loaded, &root, &output, options.now, progress)?;
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
        pages: made.pages,
        files: made.paths.len(),
        written,
        elapsed: started.elapsed(),
        next_scheduled: site.next_scheduled.clone(),
        drafts_left_out: site.drafts_left_out,
        scheduled_left_out: site.scheduled_left_out,
        sources: site.articles.len() + site.pages.len(),
        reused: loaded.reused,
        warnings: std::mem::take(&mut loaded.diagnostics),
        robots_at_root: RobotsAtRoot::of(&site.config),
    };
    // Freeing every article and page of a big site takes a few percent of a build, and
    // nobody needs to wait for it.
    std::thread::spawn(move || drop(loaded));
    Ok(report)
}
