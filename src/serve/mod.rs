//! `clinote serve`: a live preview that rebuilds incrementally and reloads the browser.
//!
//! Three parts, each in its own file:
//! - [`preview`]: the site kept in memory and rebuilt incrementally (no networking);
//! - [`watch`]: file events turned into one batch per save;
//! - [`http`], [`live`] and [`messages`]: serving from memory, live reload (with catching up
//!   for a page that connects late), the error overlay.
//!
//! [`run`] wires them together: a thread waits for batches, rebuilds, swaps the served
//! snapshot, then tells open pages what changed. The server never stops on bad input.

pub mod http;
pub mod live;
pub mod messages;
pub mod preview;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use clinote_diagnostic::{Bilingual, Diagnostic};
use http::{Shared, Snapshot};
use preview::{Preview, PreviewOptions, Update};

/// What `clinote serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Show the site exactly as `build` would (no drafts, no future articles).
    pub no_drafts: bool,
    pub open: bool,
}

/// How long editing must pause before the search index is rebuilt.
const SEARCH_REFRESH_AFTER: std::time::Duration = std::time::Duration::from_millis(400);

/// Beyond this many changed files, pages are told to reload whatever they show.
const MAX_LISTED_PAGES: usize = 500;

/// How many ports after the asked one to try when it is taken.
const PORT_TRIES: u16 = 20;

/// Something that stopped the preview from starting.
#[derive(Debug)]
pub struct ServeError(pub Diagnostic);

/// Reports what the preview does, for the terminal.
pub trait Reporter: Send + 'static {
    /// The server listens at `url`.
    fn listening(&self, url: &str, asked_port: u16, port: u16);
    /// A rebuild finished; `errors` are the site's current errors.
    fn rebuilt(&self, update: &Update, errors: &[Diagnostic]);
}

/// Runs the preview until the process is interrupted.
pub fn run(options: ServeOptions, reporter: impl Reporter) -> Result<(), ServeError> {
    let root = clinote_site::sink::normalize(&options.root);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| io_error("起動できません", "cannot start", &e))?;
    runtime.block_on(async move {
        let (listener, port) = bind(options.bind, options.port).await?;
        let host = match options.bind {
            IpAddr::V4(a) if a.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(a) if a.is_unspecified() => "[::1]".to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
            a => a.to_string(),
        };
        let url = format!("http://{host}:{port}/");
        let (preview, first) = Preview::new(PreviewOptions {
            root: root.clone(),
            base_url: url.clone(),
            include_unpublished: !options.no_drafts,
        });
        let errors = preview.errors();
        reporter.rebuilt(&first, &errors);
        let shared = Shared::new(snapshot_of(&preview), root.clone());
        reporter.listening(&url, options.port, port);
        if options.open {
            let _ = open::that_detached(&url);
        }

        let watcher = watch::SiteWatcher::new(&root).map_err(|e| {
            io_error(
                "ファイルの監視を始められません",
                "cannot watch the files",
                &e,
            )
        })?;
        let rebuild_shared = shared.clone();
        std::thread::Builder::new()
            .name("clinote-rebuild".into())
            .spawn(move || rebuild_loop(preview, watcher, rebuild_shared, reporter))
            .map_err(|e| io_error("起動できません", "cannot start", &e))?;

        axum::serve(listener, http::router(shared))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| io_error("サーバーが止まりました", "the server stopped", &e))
    })
}

/// Rebuilds on every batch of changes, for as long as the watcher runs.
fn rebuild_loop(
    mut preview: Preview,
    mut watcher: watch::SiteWatcher,
    shared: Arc<Shared>,
    reporter: impl Reporter,
) {
    let mut had_errors = snapshot_of(&preview).overlay.is_some();
    loop {
        // While the search index is stale, wait only briefly: once the writer pauses, refresh it.
        let wait = preview.search_stale().then_some(SEARCH_REFRESH_AFTER);
        let paths = match watcher.next_batch_within(wait) {
            watch::Next::Batch(paths) => paths,
            watch::Next::Quiet => {
                if preview.refresh_search() {
                    shared.replace(snapshot_of(&preview));
                }
                continue;
            }
            watch::Next::Stopped => return,
        };
        let started = std::time::Instant::now();
        let mut update = preview.apply(&paths);
        let errors = preview.errors();
        let snapshot = snapshot_of(&preview);
        let overlay = snapshot.overlay.clone();
        shared.replace(snapshot);
        // What the terminal shows: until the new files are served.
        update.elapsed = started.elapsed();
        // The new files are in place before any page is told to reload.
        if let Some(html) = &overlay {
            shared.send(&live::Message::Error { html: html.clone() });
        } else if had_errors {
            shared.send(&live::Message::Ok);
        }
        if update.css_only() {
            shared.send(&live::Message::Css {
                files: update.changed.clone(),
            });
        } else if !update.changed.is_empty() {
            // A huge list costs more to send than reloading every open page.
            let all = update.changed.len() > MAX_LISTED_PAGES;
            shared.send(&live::Message::Reload {
                pages: if all {
                    Vec::new()
                } else {
                    update.changed.clone()
                },
                all,
            });
        }
        had_errors = overlay.is_some();
        reporter.rebuilt(&update, &errors);
    }
}

fn snapshot_of(preview: &Preview) -> Snapshot {
    let errors = preview.errors();
    let (check_errors, notes) = preview.checks();
    let has_errors = !errors.is_empty() || !check_errors.is_empty();
    Snapshot {
        files: preview.files().clone(),
        overlay: has_errors.then(|| live::overlay(&errors, &check_errors)),
        panels: notes
            .into_iter()
            .map(|(page, notes)| (page, live::panel(&notes)))
            .collect(),
        // Numbered by `Shared::replace`.
        generation: 0,
    }
}

async fn bind(addr: IpAddr, port: u16) -> Result<(tokio::net::TcpListener, u16), ServeError> {
    let mut last = None;
    for p in port..=port.saturating_add(PORT_TRIES) {
        match tokio::net::TcpListener::bind(SocketAddr::new(addr, p)).await {
            Ok(l) => {
                let actual = l.local_addr().map(|a| a.port()).unwrap_or(p);
                return Ok((l, actual));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => last = Some(e),
            Err(e) => return Err(io_error("待ち受けを始められません", "cannot listen", &e)),
        }
    }
    let e = last.unwrap_or_else(|| std::io::Error::other("no port"));
    Err(ServeError(
        Diagnostic::error(Bilingual::new(
            format!(
                "ポート {port}〜{} はすべて使われています: {e}",
                port.saturating_add(PORT_TRIES)
            ),
            format!(
                "ports {port}–{} are all in use: {e}",
                port.saturating_add(PORT_TRIES)
            ),
        ))
        .help(Bilingual::new(
            "`--port 8080` のように別の番号を指定してください。",
            "choose another port, e.g. `--port 8080`",
        )),
    ))
}

fn io_error(ja: &str, en: &str, e: &dyn std::fmt::Display) -> ServeError {
    ServeError(Diagnostic::error(Bilingual::new(
        format!("{ja}: {e}"),
        format!("{en}: {e}"),
    )))
}
