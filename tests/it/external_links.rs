//! `clinote check --external` against a local web server: what counts as broken, what as a
//! doubt, one request per address, one request at a time per host, and nothing asked without
//! the flag.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::support::*;

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// (method, path, user agent) of every request.
    requests: Mutex<Vec<(String, String, String)>>,
    in_flight: AtomicUsize,
    most_at_once: AtomicUsize,
}

/// A server whose paths answer as their names say; one thread per connection, each answer
/// a little slow so that overlapping requests would show.
fn serve() -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Seen::default());
    let shared = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let seen = shared.clone();
            std::thread::spawn(move || {
                let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                seen.most_at_once.fetch_max(now, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut agent = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
                        agent = v.trim().to_string();
                    }
                }
                let mut parts = first.split_whitespace();
                let method = parts.next().unwrap_or("").to_string();
                let path = parts.next().unwrap_or("").to_string();
                seen.requests
                    .lock()
                    .unwrap()
                    .push((method.clone(), path.clone(), agent));
                let wait = if path == "/slow" { 3000 } else { 30 };
                std::thread::sleep(std::time::Duration::from_millis(wait));
                let (status, extra) = match (method.as_str(), path.as_str()) {
                    (_, "/ok") => ("200 OK", ""),
                    (_, "/gone") => ("404 Not Found", ""),
                    (_, "/removed") => ("410 Gone", ""),
                    ("HEAD", "/no-head") => ("405 Method Not Allowed", ""),
                    ("GET", "/no-head") => ("200 OK", ""),
                    (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
                    (_, "/busy") => ("503 Service Unavailable", ""),
                    (_, "/robots-away") => ("403 Forbidden", ""),
                    _ => ("404 Not Found", ""),
                };
                let body = if method == "HEAD" { "" } else { "page" };
                // Done before answering: the client may ask again as soon as it has the answer.
                seen.in_flight.fetch_sub(1, Ordering::SeqCst);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    4
                );
            });
        }
    });
    (base, seen)
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().unwrap().port()
}

fn check(site: &TempSite, args: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap().to_string();
    let mut all = vec!["check", "--root", root.as_str()];
    all.extend_from_slice(args);
    // A proxy from the environment would stand between clinote and the local server.
    std::process::Command::new(env!("CARGO_BIN_EXE_clinote"))
        .args(&all)
        .env("NO_COLOR", "1")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .expect("run clinote")
}

fn site_linking(base: &str, closed: u16) -> TempSite {
    let site = TempSite::new();
    site.article(
        "links",
        "title = \"参考になるページ\"\ndate = 2026-01-02",
        &format!(
            "手洗いについては[こちら]({base}/ok)と[同じページの見出し]({base}/ok#step)。\n\n\
             [古い案内]({base}/gone)\n\n\
             [終わった案内]({base}/removed)\n\n\
             [HEAD を受けないサイト]({base}/no-head)\n\n\
             [移ったページ]({base}/moved)\n\n\
             [混み合うサイト]({base}/busy)\n\n\
             [ロボットお断り]({base}/robots-away)\n\n\
             [閉じたサーバー](http://127.0.0.1:{closed}/)\n\n\
             [電話](tel:0123456789) と [メール](mailto:info@example.jp)\n"
        ),
    );
    site.article(
        "again",
        "title = \"もう一つの記事\"\ndate = 2026-01-03",
        &format!("同じ[ページ]({base}/ok)と[古い案内]({base}/gone)にリンクします。\n"),
    );
    site
}

#[test]
fn broken_links_are_errors_doubts_are_warnings_each_at_its_line() {
    let (base, seen) = serve();
    let site = site_linking(&base, closed_port());
    let out = check(&site, &["--external"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "a 404 is an error:\n{text}");

    let lines: Vec<&str> = text.lines().collect();
    for (severity, path, file_line) in [
        ("error", "/gone", "content/articles/links.md:7:"),
        ("error", "/gone", "content/articles/again.md:5:"),
        ("error", "/removed", "content/articles/links.md:9:"),
        ("warning", "/busy", "content/articles/links.md:15:"),
        ("warning", "/robots-away", "content/articles/links.md:17:"),
    ] {
        let url = format!("{base}{path}");
        let header = format!("{severity}[external-link]");
        assert!(
            lines.windows(2).any(|w| w[0].starts_with(&header)
                && w[0].ends_with(&url)
                && w[1].contains(file_line)),
            "no {severity} for {url} at {file_line}:\n{text}"
        );
    }
    assert!(text.contains("つながりませんでした"), "{text}");
    assert!(
        text.contains("見つかりません（404）") && text.contains("見つかりません（410）"),
        "{text}"
    );
    // Pages that answer, after a redirect or only to GET, are fine.
    for fine in ["/ok", "/no-head", "/moved"] {
        assert!(
            !text
                .lines()
                .any(|l| l.contains("[external-link]") && l.ends_with(&format!("{base}{fine}"))),
            "{fine} answers and is not reported:\n{text}"
        );
    }
    assert!(text.contains("エラー 3 件"), "{text}");

    let requests = seen.requests.lock().unwrap().clone();
    let asked = |method: &str, path: &str| {
        requests
            .iter()
            .filter(|(m, p, _)| m == method && p == path)
            .count()
    };
    // One address, one question, however many links and fragments lead there.
    assert_eq!(
        asked("HEAD", "/ok"),
        2,
        "/ok itself and /ok after the redirect"
    );
    assert_eq!(asked("HEAD", "/gone"), 1, "{requests:?}");
    assert_eq!(asked("GET", "/ok"), 0, "HEAD was enough: {requests:?}");
    assert_eq!(asked("GET", "/no-head"), 1, "GET after a refused HEAD");
    assert!(
        requests
            .iter()
            .all(|(_, _, ua)| ua.starts_with("clinote-linkcheck/")),
        "clinote names itself: {requests:?}"
    );
    assert_eq!(
        seen.most_at_once.load(Ordering::SeqCst),
        1,
        "one request at a time to one host"
    );
}

#[test]
fn nothing_is_asked_without_the_flag_and_skipped_prefixes_are_never_asked() {
    let (base, seen) = serve();
    let site = site_linking(&base, closed_port());
    let out = check(&site, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("external-link"));
    assert!(
        seen.requests.lock().unwrap().is_empty(),
        "no request without --external"
    );

    let config = format!(
        "{MINIMAL_CONFIG}\n[check.external]\nskip = [\"{base}/gone\", \"{base}/removed\", \"{base}/busy\", \"{base}/robots-away\"]\ntimeout = 5\n"
    );
    site.write("clinote.toml", &config);
    site.write(
        "content/articles/links.md",
        &format!(
            "+++\ntitle = \"参考\"\ndate = 2026-01-02\n+++\n[古い案内]({base}/gone) [よいページ]({base}/ok)\n"
        ),
    );
    let out = check(&site, &["--external", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}", stdout(&out)));
    let external: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "external-link")
        .collect();
    assert!(external.is_empty(), "{external:#?}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let requests = seen.requests.lock().unwrap().clone();
    assert!(
        requests.iter().all(|(_, p, _)| p == "/ok"),
        "skipped addresses are never asked: {requests:?}"
    );
}

#[test]
fn json_reports_external_findings_in_the_same_shape() {
    let (base, _seen) = serve();
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"参考\"\ndate = 2026-01-02",
        &format!("[古い案内]({base}/gone)\n"),
    );
    let out = check(&site, &["--external", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}", stdout(&out)));
    let f = findings
        .iter()
        .find(|f| f["rule"] == "external-link")
        .expect("the 404 is in the JSON");
    assert_eq!(f["file"], "content/articles/a.md");
    assert_eq!(f["line"], 5);
    assert_eq!(f["category"], "links");
    assert_eq!(f["severity"], "error");
    assert_eq!(f.as_object().unwrap().len(), 10, "{f:#?}");
}

#[test]
fn a_server_that_does_not_answer_in_time_is_a_warning_not_a_hang() {
    let (base, _seen) = serve();
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[check.external]\ntimeout = 1\n"),
    );
    site.article(
        "a",
        "title = \"参考\"\ndate = 2026-01-02",
        &format!("[遅いサイト]({base}/slow)\n"),
    );
    let out = check(&site, &["--external"]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a time-out is only a warning:\n{text}"
    );
    assert!(
        text.contains("warning[external-link]") && text.contains("時間内に返事がありませんでした"),
        "{text}"
    );
}

/// Issue 24: offline, the Ministry of Health's page was reported as an error "domain does not
/// exist". When no name can be looked up (not even the canary's), it is a warning to check the
/// connection; when names can be, an unknown domain is still an error.
#[test]
fn offline_every_name_is_unknown_which_is_a_warning_about_the_connection() {
    let site = TempSite::new();
    site.article(
        "links",
        "title = \"参考になるページ\"\ndate = 2026-01-02",
        "詳しくは[厚生労働省](https://www.mhlw.go.jp.invalid/kokoku/)をご覧ください。\n",
    );
    let with_canary = |canary: &str| {
        let root = site.root().to_str().unwrap().to_string();
        std::process::Command::new(env!("CARGO_BIN_EXE_clinote"))
            .args(["check", "--root", root.as_str(), "--external"])
            .env("NO_COLOR", "1")
            .env("CLINOTE_DNS_CANARY", canary)
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("https_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("all_proxy")
            .env_remove("ALL_PROXY")
            .output()
            .expect("run clinote")
    };
    // No name server answers: even the canary is unknown.
    let out = with_canary("canary.invalid");
    let err = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning[external-link]"), "{err}");
    assert!(err.contains("インターネットにつながっていない"), "{err}");
    assert!(err.contains("接続"), "{err}");
    assert!(!err.contains("ドメイン）がありません"), "{err}");

    // Names can be looked up (`localhost` always can): the unknown domain is an error.
    let out = with_canary("localhost");
    let err = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("error[external-link]"), "{err}");
    assert!(err.contains("ドメイン）がありません"), "{err}");
}
