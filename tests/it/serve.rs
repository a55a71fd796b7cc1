//! `clinote serve` through the real binary: pages from memory, live edits, the error overlay,
//! deletions, drafts, safety, and the live-reload messages.

use crate::support::*;

fn serve_site() -> TempSite {
    let site = TempSite::new();
    site.article(
        "kafun",
        "title = \"花粉症の準備\"\ndate = 2026-02-01\ntags = [\"花粉症\"]\nslug = \"hay-fever\"",
        "はじめの段落です。\n\n<!-- more -->\n\n## 対策\n\nマスクをしましょう。\n",
    );
    site.article(
        "other",
        "title = \"もう一本\"\ndate = 2026-01-01",
        "別の記事です。\n",
    );
    site.article(
        "draft",
        "title = \"下書きの記事\"\ndate = 2026-01-15\ndraft = true",
        "まだ書きかけです。\n",
    );
    site.article(
        "future",
        "title = \"未来の記事\"\ndate = 2999-01-01",
        "予約投稿です。\n",
    );
    site
}

#[test]
fn edits_errors_and_deletions_show_up_live() {
    let site = serve_site();
    let server = Server::start(site.root(), &[]);
    let (status, body) = server.get("/articles/hay-fever/");
    assert_eq!(status, 200);
    assert!(body.contains("マスクをしましょう。"));
    assert!(
        body.contains("/__clinote/live.js"),
        "live reload injected in serve"
    );

    // Edit the body: the new text is served.
    site.article(
        "kafun",
        "title = \"花粉症の準備\"\ndate = 2026-02-01\ntags = [\"花粉症\"]\nslug = \"hay-fever\"",
        "はじめの段落です。\n\n<!-- more -->\n\n## 対策\n\nめがねも役立ちます。\n",
    );
    server.wait_for("/articles/hay-fever/", |_, b| {
        b.contains("めがねも役立ちます。")
    });

    // Break the front matter: the overlay names the file and line, the old text stays.
    site.article(
        "kafun",
        "title = \"花粉症の準備\ndate = 2026-02-01\nslug = \"hay-fever\"",
        "壊れた版の本文。\n",
    );
    let (_, body) = server.wait_for("/articles/hay-fever/", |_, b| b.contains("clinote-overlay"));
    assert!(body.contains("content/articles/kafun.md:2:"), "{body}");
    assert!(
        body.contains("めがねも役立ちます。"),
        "the last good page is still served"
    );
    assert!(!body.contains("壊れた版"));
    // Other pages show the overlay too, and the server kept running.
    assert!(server.get("/").1.contains("clinote-overlay"));

    // Fix it: the overlay is gone.
    site.article(
        "kafun",
        "title = \"花粉症の準備（改）\"\ndate = 2026-02-01\ntags = [\"花粉症\"]\nslug = \"hay-fever\"",
        "直しました。\n",
    );
    let (_, body) = server.wait_for("/articles/hay-fever/", |_, b| {
        !b.contains("clinote-overlay")
    });
    assert!(body.contains("直しました。"));
    assert!(
        server.get("/").1.contains("花粉症の準備（改）"),
        "the index follows the new title"
    );

    // Delete it: its page is a 404 and it leaves the index.
    std::fs::remove_file(site.root().join("content/articles/kafun.md")).unwrap();
    let (status, body) = server.wait_for("/articles/hay-fever/", |s, _| s == 404);
    assert_eq!(status, 404);
    assert!(
        body.contains("ページが見つかりません"),
        "the theme's 404 page"
    );
    let (_, index) = server.get("/");
    assert!(!index.contains("hay-fever"));
    assert!(!site.public().exists(), "serve writes nothing to public/");
}

#[test]
fn drafts_local_links_types_and_safety() {
    let site = serve_site();
    site.write("static/images/x.png", "png");
    let server = Server::start(site.root(), &[]);
    let (_, index) = server.get("/");
    assert!(
        index.contains("下書きの記事") && index.contains("badge--draft"),
        "drafts shown with a badge"
    );
    assert!(
        index.contains("未来の記事") && index.contains("予約投稿"),
        "future articles shown with a badge"
    );
    let host = server.url.trim_end_matches('/');
    assert!(
        index.contains(&format!("<link rel=\"canonical\" href=\"{host}/\">")),
        "base_url replaced by the local address"
    );
    assert!(index.contains("href=\"./articles/other/\""));

    let (status, head, _) = server.get_with_headers("/style.css");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("content-type: text/css"),
        "{head}"
    );
    let (_, head, _) = server.get_with_headers("/feed.xml");
    assert!(head.to_lowercase().contains("xml"), "{head}");
    let (_, head, _) = server.get_with_headers("/images/x.png");
    assert!(
        head.to_lowercase().contains("content-type: image/png"),
        "{head}"
    );
    let (status, head, _) = server.get_with_headers("/articles/other");
    assert_eq!(status, 301);
    assert!(head.contains("/articles/other/"), "{head}");
    for path in [
        "/../clinote.toml",
        "/%2e%2e/clinote.toml",
        "/..%2fclinote.toml",
        "/content/articles/other.md",
        "/clinote.toml",
        "//etc/passwd",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("base_url"), "{path} leaked the config");
    }

    // --no-drafts shows the site as `build` would.
    let strict = Server::start(site.root(), &["--no-drafts"]);
    let (_, index) = strict.get("/");
    assert!(!index.contains("下書きの記事") && !index.contains("未来の記事"));
    assert_eq!(strict.get("/articles/draft/").0, 404);

    // `build` output never carries the live-reload script.
    site.build_ok(&[]);
    for (path, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__clinote"),
            "{path}"
        );
    }
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let site = serve_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start(site.root(), &["--port", &port.to_string()]);
    assert!(!server.url.contains(&format!(":{port}/")), "{}", server.url);
    assert!(
        server
            .output
            .lock()
            .unwrap()
            .contains(&format!("ポート {port} は使用中"))
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn pages_are_told_what_changed() {
    let site = serve_site();
    site.write("static/style.css", "body { color: black }");
    let server = Server::start(site.root(), &[]);
    let mut ws = socket(&server.socket_url());
    let next = next_message;

    site.article(
        "other",
        "title = \"もう一本\"\ndate = 2026-01-01",
        "本文を変えました。\n",
    );
    let m = next(&mut ws);
    assert_eq!(m["type"], "reload");
    assert_eq!(m["all"], false);
    let pages: Vec<&str> = m["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(pages.contains(&"articles/other/index.html"), "{pages:?}");
    assert!(
        !pages.contains(&"articles/hay-fever/index.html"),
        "other pages are left alone"
    );

    site.write("static/style.css", "body { color: navy }");
    let m = next(&mut ws);
    assert_eq!(m["type"], "css", "{m}");
    assert_eq!(m["files"][0], "style.css");

    site.article("other", "title = \"壊\ndate = 2026-01-01", "x\n");
    let m = next(&mut ws);
    assert_eq!(m["type"], "error");
    assert!(
        m["html"]
            .as_str()
            .unwrap()
            .contains("content/articles/other.md:2:")
    );

    site.article(
        "other",
        "title = \"もう一本\"\ndate = 2026-01-01",
        "直しました。\n",
    );
    assert_eq!(next(&mut ws)["type"], "ok");
    assert_eq!(next(&mut ws)["type"], "reload");
}

/// A live-reload socket whose reads give up after 10 s rather than hang the test.
fn socket(
    url: &str,
) -> tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>> {
    let (ws, _) = tungstenite::connect(url).expect("websocket");
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
    }
    ws
}

/// The next text message on a live-reload socket, as JSON.
fn next_message(
    ws: &mut tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>,
) -> serde_json::Value {
    loop {
        match ws.read() {
            Ok(tungstenite::Message::Text(t)) => {
                return serde_json::from_str(t.as_str()).expect("json");
            }
            Ok(_) => {}
            Err(e) => panic!("no message from the preview: {e}"),
        }
    }
}

/// The build a page served by the preview comes from (`data-generation` of its script).
fn generation_of(page: &str) -> u64 {
    page.split("data-generation=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the page names its build: {page}"))
}

#[test]
fn a_page_connecting_late_learns_what_changed_since_it_was_served() {
    let site = serve_site();
    site.write("static/style.css", "body { color: black }");
    let server = Server::start(site.root(), &[]);
    let generation = generation_of(&server.get("/articles/hay-fever/").1);

    // The stylesheet changes after the page was served, before its socket is open.
    site.write("static/style.css", "body { color: navy }");
    // Until the pages open then have been told.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !server.output.lock().unwrap().contains("stylesheet swapped") {
        assert!(std::time::Instant::now() < deadline, "no rebuild");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut ws = socket(&format!("{}?since={generation}", server.socket_url()));
    let m = next_message(&mut ws);
    assert_eq!(m["type"], "css", "{m}");
    assert_eq!(m["files"][0], "style.css");

    // A page served now has nothing to catch up on: the next message is a new change.
    let now = generation_of(&server.get("/articles/hay-fever/").1);
    assert!(now > generation);
    let mut ws = socket(&format!("{}?since={now}", server.socket_url()));
    site.article(
        "other",
        "title = \"もう一本\"\ndate = 2026-01-01",
        "本文を変えました。\n",
    );
    assert_eq!(next_message(&mut ws)["type"], "reload");
}

#[test]
fn under_load_every_response_is_one_whole_page() {
    let site = TempSite::new();
    let write = |v: usize| {
        let mut body = String::new();
        for i in 0..60 {
            body.push_str(&format!("段落{i}：版{v}の本文です。VERSION-{v}-MARK\n\n"));
        }
        site.article("busy", "title = \"忙しい記事\"\ndate = 2026-01-02", &body);
    };
    write(0);
    let server = Server::start(site.root(), &[]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let root = site.root().to_path_buf();
        std::thread::spawn(move || {
            let mut v = 1;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let mut body = String::new();
                for i in 0..60 {
                    body.push_str(&format!("段落{i}：版{v}の本文です。VERSION-{v}-MARK\n\n"));
                }
                let text = format!("+++\ntitle = \"忙しい記事\"\ndate = 2026-01-02\n+++\n{body}");
                // Write whole files by renaming, as editors do.
                let tmp = root.join("content/articles/.busy.tmp");
                std::fs::write(&tmp, text).unwrap();
                std::fs::rename(&tmp, root.join("content/articles/busy.md")).unwrap();
                v += 1;
                std::thread::sleep(std::time::Duration::from_millis(15));
            }
        })
    };
    let server = std::sync::Arc::new(server);
    let readers: Vec<_> = (0..8)
        .map(|_| {
            let server = server.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    let (status, body) = server.get("/articles/busy/");
                    assert_eq!(status, 200);
                    assert!(body.trim_end().ends_with("</html>"), "a whole page");
                    let marks: std::collections::BTreeSet<&str> = body
                        .match_indices("VERSION-")
                        .map(|(i, _)| body[i..].split("-MARK").next().unwrap())
                        .collect();
                    assert_eq!(marks.len(), 1, "one version per page, got {marks:?}");
                }
            })
        })
        .collect();
    for r in readers {
        r.join().expect("a reader failed");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    // Still serving, and it settles on the last version.
    assert_eq!(server.get("/").0, 200);
    write(999_999);
    server.wait_for("/articles/busy/", |_, b| b.contains("VERSION-999999-MARK"));
    assert!(!server.output.lock().unwrap().contains("panicked"));
}

#[test]
fn the_preview_answers_only_this_machine_and_only_from_the_site() {
    let site = serve_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET-PASSWORD").unwrap();
    site.write("static/notes.txt", "院内のお知らせ");
    site.write_bytes(
        "static/sjis.html",
        b"<html><body>\x93\xfa\x96\x7b\x8c\xea</body></html>",
    );
    let server = Server::start(site.root(), &[]);
    let port = server.host().rsplit(':').next().unwrap().to_string();

    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 asks for a draft.
    for host in ["evil.example", &format!("evil.example:{port}")] {
        let (status, _, body) = server.request(&format!(
            "GET /articles/draft/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 403, "{host}");
        assert!(!body.contains("下書き"), "{body}");
    }
    for host in [format!("localhost:{port}"), server.host()] {
        let (status, _, _) = server.request(&format!(
            "GET /articles/draft/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 200, "{host}");
    }

    // The live-reload socket: not from another origin, and no large messages.
    use tungstenite::client::IntoClientRequest;
    let mut request = server.socket_url().into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", "http://evil.example".parse().unwrap());
    assert!(tungstenite::connect(request).is_err(), "a foreign origin");
    let mut request = server.socket_url().into_client_request().unwrap();
    let own = format!("http://{}", server.host());
    request.headers_mut().insert("Origin", own.parse().unwrap());
    let (mut ws, _) = tungstenite::connect(request).expect("the preview's own page");
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_mut() {
        s.set_read_timeout(Some(std::time::Duration::from_secs(3)))
            .unwrap();
    }
    let _ = ws.send(tungstenite::Message::Text("x".repeat(1 << 20).into()));
    let closed = loop {
        match ws.read() {
            Ok(tungstenite::Message::Close(_)) => break true,
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break false;
            }
            Err(_) => break true,
        }
    };
    assert!(closed, "a 1 MB message closes the socket");
    assert_eq!(server.get("/").0, 200, "the server goes on");

    // A redirect never leads to another host.
    let (status, head, _) = server.get_with_headers("///tags");
    assert_eq!(status, 301);
    let location = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .unwrap_or_default();
    assert_eq!(location, "/tags/", "{head}");

    // An HTML file that is not UTF-8 is served as it is, with the live-reload script.
    let (status, _, body) = server.get_with_headers("/sjis.html");
    assert_eq!(status, 200);
    assert!(body.contains("live.js"), "{body}");

    // A static file replaced by a link to outside the site is not read any more.
    assert!(server.get("/notes.txt").1.contains("院内のお知らせ"));
    std::fs::remove_file(site.root().join("static/notes.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/notes.txt"),
    )
    .unwrap();
    for _ in 0..40 {
        let (_, body) = server.get("/notes.txt");
        assert!(
            !body.contains("SECRET"),
            "served a file from outside the site"
        );
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}
