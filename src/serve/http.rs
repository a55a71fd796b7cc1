//! The preview's HTTP side: files from memory with their content types, `index.html` for
//! folders, the theme's 404 page, the live-reload script and WebSocket.
//!
//! Only paths present in the built site are ever served: a request is looked up in the map of
//! output files, never joined onto a folder on disk, so `/../`, encoded dots or absolute paths
//! cannot reach anything else; a static file that became a link to outside the site since the
//! last rebuild is not read.
//!
//! The preview shows drafts and error messages with source lines, so it answers only this
//! machine's browser (and others on the network when bound to one, by address): a request
//! whose `Host` is a name other than `localhost` is refused, which stops a page on another
//! site from reading the preview through DNS rebinding, and the live-reload socket refuses
//! pages from other origins and takes no large messages.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

use super::live;
use super::messages::Messages;
use clinote_site::outputs::Data;

/// What the server serves at one moment: replaced whole after each rebuild, so a response is
/// always from one consistent build.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: super::preview::FileMap,
    /// The error overlay, while the site has errors.
    pub overlay: Option<String>,
    /// The panel of `clinote check` warnings shown on a page, by its output file.
    pub panels: std::collections::HashMap<String, String>,
    /// Which snapshot this is (1, 2, …), set by [`Shared::replace`]: pages are told it, so
    /// that their socket catches up on what changed after they were served.
    pub generation: u64,
}

/// State shared by the rebuild thread and the HTTP handlers.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    messages: Messages,
    /// The site's folder: files copied from it are read only from inside it.
    root: std::path::PathBuf,
}

/// The largest message the live-reload socket takes from a page (pages send none).
const MAX_SOCKET_MESSAGE: usize = 4096;

impl Shared {
    pub fn new(snapshot: Snapshot, root: std::path::PathBuf) -> Arc<Shared> {
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot {
                generation: 1,
                ..snapshot
            })),
            messages: Messages::default(),
            root,
        })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, snapshot: Snapshot) {
        let mut current = match self.snapshot.write() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        *current = Arc::new(Snapshot {
            generation: current.generation + 1,
            ..snapshot
        });
    }

    /// Sends a message about the files now served to every open page (none listening is fine).
    pub fn send(&self, message: &live::Message) {
        self.messages.send(self.snapshot().generation, message);
    }
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An output file (its path in the output).
    File(String),
    /// A folder asked for without its final `/`.
    Redirect(String),
    NotFound,
}

/// What a redirect's path encodes: controls, spaces and what would end or change a path.
const PATH_ENCODE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Whether a request's `Host` names this machine or an address: `localhost` (and
/// `*.localhost`), an IPv4 address or a bracketed IPv6 one, with or without a port. A request
/// without `Host` (HTTP/1.0 tools) is let through; browsers always send one.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((v6, port)) => {
                return v6.parse::<std::net::Ipv6Addr>().is_ok()
                    && (port.is_empty() || valid_port(port.strip_prefix(':')));
            }
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if valid_port(Some(port)) => name,
            Some(_) => return false,
            None => host,
        },
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn valid_port(port: Option<&str>) -> bool {
    port.is_some_and(|p| p.parse::<u16>().is_ok())
}

/// Whether a WebSocket request comes from a page of the preview itself: no `Origin` (not a
/// browser), or `http://` and the request's own `Host`.
pub fn origin_allowed(origin: Option<&str>, host: Option<&str>) -> bool {
    match (origin, host) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin.eq_ignore_ascii_case(&format!("http://{host}")),
        (Some(_), None) => false,
    }
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The answer to a request from elsewhere than this machine's preview.
fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "このプレビューは、clinote serve が表示したアドレス（http://127.0.0.1:…/）で開いてください。\n\
         open the preview at the address clinote serve printed (http://127.0.0.1:…/).\n",
    )
        .into_response()
}

/// Maps a request path to an output file, refusing anything that is not plainly inside.
pub fn resolve(files: &super::preview::FileMap, raw_path: &str) -> Resolved {
    let Ok(decoded) = percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::NotFound;
    };
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|s| s == ".." || s == ".") {
        return Resolved::NotFound;
    }
    let mut rel = decoded.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    if rel.contains("//") || rel.contains(':') {
        return Resolved::NotFound;
    }
    if files.contains_key(&rel) {
        return Resolved::File(rel);
    }
    if files.contains_key(&format!("{rel}/index.html")) {
        // Rebuilt from the checked path: `///tags` must not send the browser to `//tags/`,
        // another host.
        let encoded = percent_encoding::utf8_percent_encode(&rel, PATH_ENCODE);
        return Resolved::Redirect(format!("/{encoded}/"));
    }
    Resolved::NotFound
}

/// The router of the preview server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(live::SCRIPT_PATH, get(script))
        .route(live::SOCKET_PATH, get(socket))
        .fallback(get(page))
        .with_state(shared)
}

async fn script(headers: HeaderMap) -> Response {
    if !host_allowed(header(&headers, header::HOST)) {
        return forbidden();
    }
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        live::SCRIPT,
    )
        .into_response()
}

async fn socket(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    ws: WebSocketUpgrade,
) -> Response {
    let host = header(&headers, header::HOST);
    if !host_allowed(host) || !origin_allowed(header(&headers, header::ORIGIN), host) {
        return forbidden();
    }
    // `?since=N`: the generation of the snapshot the page was served from.
    let since = query.as_deref().and_then(|q| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|n| n.parse::<u64>().ok())
    });
    ws.max_message_size(MAX_SOCKET_MESSAGE)
        .max_frame_size(MAX_SOCKET_MESSAGE)
        .on_upgrade(move |socket| forward(socket, shared, since))
}

/// Forwards messages to one page until it goes away: first what it missed since it was served
/// (or, from a page that does not say when, the errors shown now), then every message as it
/// comes.
async fn forward(mut socket: WebSocket, shared: Arc<Shared>, since: Option<u64>) {
    let joined = shared.messages.join(since);
    let mut rx = joined.live;
    let present = since
        .is_none()
        .then(|| shared.snapshot().overlay.clone())
        .flatten()
        .map(|html| live::Message::Error { html }.to_json());
    for m in present.into_iter().chain(joined.missed) {
        if socket.send(WsMessage::Text(m.into())).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            msg = rx.recv() => match msg {
                Ok(text) => {
                    if socket.send(WsMessage::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                // A page that fell behind just reloads everything it missed.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let m = live::Message::Reload { pages: Vec::new(), all: true }.to_json();
                    if socket.send(WsMessage::Text(m.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

async fn page(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Response {
    if !host_allowed(header(&headers, header::HOST)) {
        return forbidden();
    }
    let snapshot = shared.snapshot();
    match resolve(&snapshot.files, uri.path()) {
        Resolved::File(path) => file_response(&shared, &snapshot, &path, StatusCode::OK).await,
        Resolved::Redirect(to) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound if snapshot.files.contains_key("404.html") => {
            file_response(&shared, &snapshot, "404.html", StatusCode::NOT_FOUND).await
        }
        Resolved::NotFound if snapshot.files.is_empty() => {
            // Nothing built yet (the site has errors from the start): show them.
            let html = b"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>clinote</title></head><body><p>\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc\xe3\x82\x92\xe7\x9b\xb4\xe3\x81\x99\xe3\x81\xa8\xe8\xa1\xa8\xe7\xa4\xba\xe3\x81\x95\xe3\x82\x8c\xe3\x81\xbe\xe3\x81\x99 / fix the errors to see the site</p></body></html>";
            html_response(
                live::inject(html, snapshot.generation, &[snapshot.overlay.as_deref()]),
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
        Resolved::NotFound => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

async fn file_response(
    shared: &Shared,
    snapshot: &Snapshot,
    path: &str,
    status: StatusCode,
) -> Response {
    let Some(data) = snapshot.files.get(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let bytes: Vec<u8> = match &**data {
        Data::Bytes(b) => b.clone(),
        Data::Static(b) => b.to_vec(),
        // The file may have changed since the last rebuild: never follow it out of the site.
        Data::Copy(source) if !clinote_site::sink::inside_site(&shared.root, source) => {
            return StatusCode::NOT_FOUND.into_response();
        }
        Data::Copy(source) => match tokio::fs::read(source).await {
            Ok(b) => b,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.essence_str() == "text/html" {
        let extra = [
            snapshot.overlay.as_deref(),
            snapshot.panels.get(path).map(String::as_str),
        ];
        return html_response(live::inject(&bytes, snapshot.generation, &extra), status);
    }
    let text_like = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        );
    let content_type = if text_like {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

fn html_response(bytes: Vec<u8>, status: StatusCode) -> Response {
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> crate::serve::preview::FileMap {
        [
            "index.html",
            "articles/a/index.html",
            "tags/花粉症/index.html",
            "style.css",
        ]
        .into_iter()
        .map(|p| (p.to_string(), Arc::new(Data::Bytes(Vec::new()))))
        .collect()
    }

    #[test]
    fn resolves_only_files_of_the_site() {
        let f = files();
        assert_eq!(resolve(&f, "/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve(&f, "/articles/a/"),
            Resolved::File("articles/a/index.html".into())
        );
        assert_eq!(
            resolve(&f, "/articles/a"),
            Resolved::Redirect("/articles/a/".into())
        );
        assert_eq!(
            resolve(&f, "/tags/%E8%8A%B1%E7%B2%89%E7%97%87/"),
            Resolved::File("tags/花粉症/index.html".into())
        );
        assert_eq!(
            resolve(&f, "/style.css"),
            Resolved::File("style.css".into())
        );
        for bad in [
            "/../Cargo.toml",
            "/articles/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/articles/%2E%2E/a/",
            "/..%2fetc%2fpasswd",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/articles\\a\\",
            "/%00",
            "/%ff",
            "/nope.html",
        ] {
            assert_eq!(resolve(&f, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn redirects_stay_on_this_host() {
        let f = files();
        // `//tags/…` in a Location header is another host to the browser.
        for path in ["///tags/%E8%8A%B1%E7%B2%89%E7%97%87", "/tags/花粉症"] {
            assert_eq!(
                resolve(&f, path),
                Resolved::Redirect("/tags/%E8%8A%B1%E7%B2%89%E7%97%87/".into()),
                "{path}"
            );
        }
    }

    #[test]
    fn only_this_machine_and_addresses_are_hosts() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "preview.localhost:8080",
            "[::1]:1111",
            "[::1]",
            "192.168.1.20:1111",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example:1111",
            "[::1",
            "127.0.0.1:x",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert!(host_allowed(None));
    }

    #[test]
    fn sockets_only_from_the_preview_itself() {
        let host = Some("127.0.0.1:1111");
        assert!(origin_allowed(Some("http://127.0.0.1:1111"), host));
        assert!(origin_allowed(None, host));
        assert!(!origin_allowed(Some("http://evil.example"), host));
        assert!(!origin_allowed(Some("http://127.0.0.1:2222"), host));
        assert!(!origin_allowed(Some("null"), host));
    }
}
