//! The preview's HTTP side: files from memory with their content types, `index.html` for
//! folders, the theme's 404 page, the live-reload script and WebSocket.
//!
//! Only paths present in the built site are ever served: a request is looked up in the map of
//! output files, never joined onto a folder on disk, so `/../`, encoded dots or absolute paths
//! cannot reach anything else.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

use super::live;
use crate::outputs::Data;

/// What the server serves at one moment: replaced whole after each rebuild, so a response is
/// always from one consistent build.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: super::preview::FileMap,
    /// The error overlay, while the site has errors.
    pub overlay: Option<String>,
    /// The panel of `clinote check` warnings shown on a page, by its output file.
    pub panels: std::collections::HashMap<String, String>,
}

/// State shared by the rebuild thread and the HTTP handlers.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    messages: broadcast::Sender<String>,
}

impl Shared {
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        let (messages, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            messages,
        })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, snapshot: Snapshot) {
        let new = Arc::new(snapshot);
        match self.snapshot.write() {
            Ok(mut s) => *s = new,
            Err(poisoned) => *poisoned.into_inner() = new,
        }
    }

    /// Sends a message to every open page (none listening is fine).
    pub fn send(&self, message: &live::Message) {
        let _ = self.messages.send(message.to_json());
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
        return Resolved::Redirect(format!("{}/", raw_path.trim_end_matches('/')));
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

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        live::SCRIPT,
    )
        .into_response()
}

async fn socket(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| forward(socket, shared))
}

/// Forwards messages to one page until it goes away.
async fn forward(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut rx = shared.messages.subscribe();
    if let Some(overlay) = shared.snapshot().overlay.clone() {
        let m = live::Message::Error { html: overlay }.to_json();
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

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let snapshot = shared.snapshot();
    match resolve(&snapshot.files, uri.path()) {
        Resolved::File(path) => file_response(&snapshot, &path, StatusCode::OK).await,
        Resolved::Redirect(to) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound if snapshot.files.contains_key("404.html") => {
            file_response(&snapshot, "404.html", StatusCode::NOT_FOUND).await
        }
        Resolved::NotFound if snapshot.files.is_empty() => {
            // Nothing built yet (the site has errors from the start): show them.
            let html = b"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>clinote</title></head><body><p>\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc\xe3\x82\x92\xe7\x9b\xb4\xe3\x81\x99\xe3\x81\xa8\xe8\xa1\xa8\xe7\xa4\xba\xe3\x81\x95\xe3\x82\x8c\xe3\x81\xbe\xe3\x81\x99 / fix the errors to see the site</p></body></html>";
            html_response(
                live::inject(html, &[snapshot.overlay.as_deref()]),
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
        Resolved::NotFound => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

async fn file_response(snapshot: &Snapshot, path: &str, status: StatusCode) -> Response {
    let Some(data) = snapshot.files.get(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let bytes: Vec<u8> = match &**data {
        Data::Bytes(b) => b.clone(),
        Data::Static(b) => b.to_vec(),
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
        return html_response(live::inject(&bytes, &extra), status);
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
}
