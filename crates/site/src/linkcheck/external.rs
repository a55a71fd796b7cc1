//! `clinote check --external`: whether the web pages the articles link to still answer.
//!
//! Off by default (a build never goes to the network). Each address is asked once however
//! many articles use it, without its `#fragment`. The client is bounded and polite: a few
//! hosts at a time, one request at a time per host with a pause between them, a time limit per
//! request, at most five redirects, `HEAD` first and `GET` (body never read) only when a server
//! does not answer `HEAD` well. It names itself in `User-Agent`.
//!
//! What a reader would call broken (404/410, a domain that does not exist) is an error; what
//! may pass (time-outs, refused connections, 5xx, 401/403/429 from servers that turn robots
//! away) is a warning asking the writer to open the page in a browser.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::content::Article;
use clinote_diagnostic::{Bilingual, Diagnostic, Diagnostics, Location};

/// How far and how fast to go.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time limit for one request, redirects included.
    pub timeout: Duration,
    /// Hosts asked at the same time.
    pub hosts_at_once: usize,
    /// Pause between two requests to the same host.
    pub pause: Duration,
    /// Addresses starting with one of these are not checked (`https://x.com/`).
    pub skip: Vec<String>,
    /// A name that always exists, looked up when no linked site's name could be: if it
    /// cannot be found either, the computer is offline and no domain is called missing.
    pub dns_canary: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            hosts_at_once: 4,
            pause: Duration::from_millis(250),
            skip: Vec::new(),
            dns_canary: "example.com".to_string(),
        }
    }
}

/// What one address answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Gone for a reader: the status (404, 410) or no such domain (`None`).
    Broken(Option<u16>),
    /// Could not tell; the reason, for the message.
    Unsure(Unsure),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsure {
    Status(u16),
    Timeout,
    Refused,
    TooManyRedirects,
    /// No name could be looked up, not even one that always exists: no network.
    Offline,
    Other(String),
}

/// One address to ask, and where the articles use it.
struct Target<'a> {
    url: String,
    uses: Vec<(&'a Article, &'a clinote_markdown::LinkRef)>,
}

/// The result of a run: findings by file and position, and how many addresses were asked.
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub asked: usize,
    pub skipped: usize,
    pub elapsed: Duration,
}

/// Checks every `http(s)` link and image of `articles`.
pub fn check<'a>(articles: impl IntoIterator<Item = &'a Article>, options: &Options) -> Report {
    let started = Instant::now();
    let (hosts, skipped) = targets(articles, &options.skip);
    let asked = hosts.values().map(Vec::len).sum();
    let agent = agent(options.timeout);
    let queue = Mutex::new(hosts.into_values().collect::<VecDeque<_>>());
    let answered = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.hosts_at_once.max(1) {
            scope.spawn(|| {
                // One worker owns a host until its addresses are done: never two requests to
                // one server at once.
                while let Some(host) = next(&queue) {
                    for (i, target) in host.into_iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(options.pause);
                        }
                        let outcome = ask(&agent, &target.url);
                        if let Ok(mut a) = answered.lock() {
                            a.push((target, outcome));
                        }
                    }
                }
            });
        }
    });
    let mut answered = answered.into_inner().unwrap_or_default();
    // Every name unknown: more likely no network (or no name server) than dead domains.
    if offline(&answered, || resolves(&options.dns_canary)) {
        for (_, outcome) in &mut answered {
            if *outcome == Outcome::Broken(None) {
                *outcome = Outcome::Unsure(Unsure::Offline);
            }
        }
    }
    let found: Vec<Diagnostic> = answered
        .iter()
        .flat_map(|(target, outcome)| {
            target
                .uses
                .iter()
                .filter_map(move |(a, link)| diagnostic(a, link, outcome))
        })
        .collect();
    // By file and position, whichever worker found them first.
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort();
    Report {
        diagnostics: diagnostics.0,
        asked,
        skipped,
        elapsed: started.elapsed(),
    }
}

/// Whether "no such domain" answers mean the computer cannot look names up at all: no linked
/// site was found by its name (an address written as an IP proves nothing), and the canary
/// name cannot be found either. The canary is asked only then.
fn offline(answered: &[(Target<'_>, Outcome)], canary_resolves: impl FnOnce() -> bool) -> bool {
    let mut unknown = false;
    for (target, outcome) in answered {
        let by_name = url::Url::parse(&target.url)
            .ok()
            .is_some_and(|u| matches!(u.host(), Some(url::Host::Domain(_))));
        match outcome {
            Outcome::Broken(None) => unknown = true,
            // A name was found: the name server works, so an unknown name is really unknown.
            Outcome::Ok | Outcome::Broken(Some(_)) | Outcome::Unsure(Unsure::Status(_))
                if by_name =>
            {
                return false;
            }
            _ => {}
        }
    }
    unknown && !canary_resolves()
}

fn resolves(name: &str) -> bool {
    use std::net::ToSocketAddrs;
    (name, 443)
        .to_socket_addrs()
        .is_ok_and(|mut addrs| addrs.next().is_some())
}

fn next<T>(queue: &Mutex<VecDeque<T>>) -> Option<T> {
    queue.lock().ok()?.pop_front()
}

/// The addresses to ask, grouped by host (sorted, so runs are repeatable), and how many
/// links were skipped by `skip`.
fn targets<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    skip: &[String],
) -> (BTreeMap<String, Vec<Target<'a>>>, usize) {
    let mut by_url: BTreeMap<String, Target<'a>> = BTreeMap::new();
    let mut skipped = 0;
    for a in articles {
        for link in &a.rendered.links {
            let Some(url) = web_address(&link.url) else {
                continue;
            };
            if skip
                .iter()
                .any(|s| !s.is_empty() && link.url.starts_with(s.as_str()))
            {
                skipped += 1;
                continue;
            }
            by_url
                .entry(url.to_string())
                .or_insert_with(|| Target {
                    url: url.to_string(),
                    uses: Vec::new(),
                })
                .uses
                .push((a, link));
        }
    }
    let mut hosts: BTreeMap<String, Vec<Target<'a>>> = BTreeMap::new();
    for (url, target) in by_url {
        let host = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        hosts.entry(host).or_default().push(target);
    }
    (hosts, skipped)
}

/// `https://host/path?query`, without the fragment, for an `http(s)` link; `None` otherwise.
fn web_address(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let url = url.split('#').next().unwrap_or(url);
    url::Url::parse(url).ok()?.host_str()?;
    Some(url)
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(5))))
        .max_redirects(5)
        .http_status_as_error(false)
        .user_agent(concat!(
            "clinote-linkcheck/",
            env!("CARGO_PKG_VERSION"),
            " (+https://github.com/clinote/clinote)"
        ))
        .build()
        .into()
}

/// `HEAD`, then `GET` when `HEAD` is refused or fails with a status: some servers answer
/// `HEAD` with 403, 405 or even 404 for pages that exist.
fn ask(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = agent.head(url).call();
    match &head {
        Ok(r) if r.status().is_success() => return Outcome::Ok,
        Err(e) if !matches!(e, ureq::Error::Protocol(_)) => return from_error(e),
        _ => {}
    }
    // The body is never read: dropping the response closes the connection.
    match agent.get(url).call() {
        Ok(r) => from_status(r.status().as_u16()),
        Err(e) => from_error(&e),
    }
}

fn from_status(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Ok,
        404 | 410 => Outcome::Broken(Some(status)),
        _ => Outcome::Unsure(Unsure::Status(status)),
    }
}

fn from_error(e: &ureq::Error) -> Outcome {
    match e {
        ureq::Error::HostNotFound => Outcome::Broken(None),
        ureq::Error::Timeout(_) => Outcome::Unsure(Unsure::Timeout),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            Outcome::Unsure(Unsure::TooManyRedirects)
        }
        ureq::Error::ConnectionFailed => Outcome::Unsure(Unsure::Refused),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            Outcome::Unsure(Unsure::Refused)
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            Outcome::Unsure(Unsure::Timeout)
        }
        ureq::Error::Io(io) if no_such_domain(io) => Outcome::Broken(None),
        other => Outcome::Unsure(Unsure::Other(other.to_string())),
    }
}

/// Whether the resolver said the name does not exist (EAI_NONAME, EAI_NODATA), as opposed
/// to not being able to ask (EAI_AGAIN: no network), which says nothing about the link. The
/// standard library passes getaddrinfo's answer on only as text.
fn no_such_domain(e: &std::io::Error) -> bool {
    let text = e.to_string();
    text.contains("Name or service not known")
        || text.contains("No address associated with hostname")
        || text.contains("nodename nor servname provided")
}

/// The finding for one use of an address, if it needs one.
fn diagnostic(
    a: &Article,
    link: &clinote_markdown::LinkRef,
    outcome: &Outcome,
) -> Option<Diagnostic> {
    let url = &link.url;
    let what_ja = if link.image { "画像" } else { "リンク先" };
    let what_en = if link.image { "image" } else { "linked page" };
    let d = match outcome {
        Outcome::Ok => return None,
        Outcome::Broken(Some(status)) => Diagnostic::error(Bilingual::new(
            format!("{what_ja}が見つかりません（{status}）: {url}"),
            format!("the {what_en} is gone ({status}): {url}"),
        ))
        .help(Bilingual::new(
            "ページが移った先を探してアドレスを直すか、リンクを外してください。",
            "find where the page moved and fix the address, or remove the link",
        )),
        Outcome::Broken(None) => Diagnostic::error(Bilingual::new(
            format!("{what_ja}のサイト（ドメイン）がありません: {url}"),
            format!("the {what_en}'s site (domain) does not exist: {url}"),
        ))
        .help(Bilingual::new(
            "アドレスの打ち間違いがないか確かめてください。サイトが閉じた場合はリンクを外してください。",
            "check the address for typos; if the site has closed, remove the link",
        )),
        Outcome::Unsure(Unsure::Offline) => Diagnostic::warning(Bilingual::new(
            format!("インターネットにつながっていないようなので、{what_ja}を確かめられませんでした: {url}"),
            format!("could not check the {what_en}: this computer seems to be offline (no site's name could be looked up): {url}"),
        ))
        .help(Bilingual::new(
            "インターネットへの接続（Wi-Fi やケーブル、プロキシの設定）を確かめてから、もう一度 `clinote check --external` を実行してください。",
            "check the network connection (Wi-Fi, cable, proxy settings), then run `clinote check --external` again",
        )),
        Outcome::Unsure(why) => {
            let (ja, en) = match why {
                Unsure::Status(s @ (401 | 403 | 429)) => (
                    format!("相手のサーバーが自動の確認を断りました（{s}）"),
                    format!("the server turned the automatic check away ({s})"),
                ),
                Unsure::Status(s) if *s >= 500 => (
                    format!("相手のサーバーがエラーを返しました（{s}）"),
                    format!("the server answered with an error ({s})"),
                ),
                Unsure::Status(s) => (
                    format!("相手のサーバーが思わぬ答えを返しました（{s}）"),
                    format!("the server gave an unexpected answer ({s})"),
                ),
                Unsure::Timeout => (
                    "時間内に返事がありませんでした".to_string(),
                    "no answer in time".to_string(),
                ),
                Unsure::Refused => (
                    "つながりませんでした".to_string(),
                    "could not connect".to_string(),
                ),
                Unsure::TooManyRedirects => (
                    "転送が多すぎて、たどり着けませんでした".to_string(),
                    "too many redirects".to_string(),
                ),
                Unsure::Offline => (String::new(), String::new()),
                Unsure::Other(e) => (format!("確かめられませんでした（{e}）"), format!("could not check ({e})")),
            };
            Diagnostic::warning(Bilingual::new(
                format!("{what_ja}を確かめられません: {ja}: {url}"),
                format!("could not confirm the {what_en}: {en}: {url}"),
            ))
            .help(Bilingual::new(
                "ブラウザで開いて、見られるか確かめてください。一時的なことも多いので、あとでもう一度 `clinote check --external` を試せます。",
                "open it in a browser to see whether it works; this is often temporary, so try `clinote check --external` again later",
            ))
        }
    };
    Some(d.rule("external-link").at(Location::at_offset(
        a.file.as_str(),
        &a.source,
        link.offset,
        link.len.max(1),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_asked_without_their_fragment() {
        assert_eq!(
            web_address("https://example.jp/a?b=1#top"),
            Some("https://example.jp/a?b=1")
        );
        assert_eq!(
            web_address("HTTP://example.jp/"),
            Some("HTTP://example.jp/")
        );
        assert_eq!(web_address("mailto:info@example.jp"), None);
        assert_eq!(web_address("tel:0312345678"), None);
        assert_eq!(web_address("/articles/a/"), None);
        assert_eq!(web_address("https://"), None);
    }

    #[test]
    fn statuses_that_mean_gone_are_errors_and_the_rest_are_doubts() {
        assert_eq!(from_status(204), Outcome::Ok);
        assert_eq!(from_status(404), Outcome::Broken(Some(404)));
        assert_eq!(from_status(410), Outcome::Broken(Some(410)));
        assert_eq!(from_status(403), Outcome::Unsure(Unsure::Status(403)));
        assert_eq!(from_status(503), Outcome::Unsure(Unsure::Status(503)));
    }

    fn answered(pairs: &[(&str, Outcome)]) -> Vec<(Target<'static>, Outcome)> {
        pairs
            .iter()
            .map(|(url, o)| {
                (
                    Target {
                        url: url.to_string(),
                        uses: Vec::new(),
                    },
                    o.clone(),
                )
            })
            .collect()
    }

    /// Issue 24: without a network every name is unknown; that is a doubt about the
    /// connection, not a dead domain.
    #[test]
    fn no_name_found_anywhere_is_no_network_unless_the_canary_is_found() {
        let none = Outcome::Broken(None);
        let all_unknown = answered(&[
            ("https://www.mhlw.go.jp/a", none.clone()),
            ("https://example.invalid/", none.clone()),
            // An IP address needs no name server: it proves nothing.
            ("http://127.0.0.1:9/", Outcome::Ok),
        ]);
        assert!(offline(&all_unknown, || false));
        assert!(!offline(&all_unknown, || true));

        // One site found by its name: the other name is really missing; no canary asked.
        let one_found = answered(&[
            ("https://www.mhlw.go.jp/a", Outcome::Ok),
            ("https://example.invalid/", none.clone()),
        ]);
        assert!(!offline(&one_found, || panic!("canary asked")));

        // Nothing unknown: nothing to decide.
        let fine = answered(&[("https://www.mhlw.go.jp/a", Outcome::Unsure(Unsure::Timeout))]);
        assert!(!offline(&fine, || panic!("canary asked")));
    }

    #[test]
    fn a_name_that_does_not_exist_is_broken_but_no_network_is_only_a_doubt() {
        let gai = |text: &str| ureq::Error::Io(std::io::Error::other(text.to_string()));
        assert_eq!(
            from_error(&gai(
                "failed to lookup address information: Name or service not known"
            )),
            Outcome::Broken(None)
        );
        assert!(matches!(
            from_error(&gai(
                "failed to lookup address information: Temporary failure in name resolution"
            )),
            Outcome::Unsure(Unsure::Other(_))
        ));
        assert_eq!(
            from_error(&ureq::Error::HostNotFound),
            Outcome::Broken(None)
        );
    }
}
