//! How fast `clinote serve` shows an edit, on a generated site of many articles.
//!
//! For each of several edits to one article's body, measures the time from the moment the
//! file is saved to (a) the new page being served over HTTP and (b) the browser's reload
//! message arriving over the WebSocket. Also compares the preview's first full build with
//! `clinote build` on the same site.
//!
//!     cargo bench --bench serve_latency                # 10,000 articles
//!     CLINOTE_BENCH_N=1000 cargo bench --bench serve_latency
//!
//! The site comes from `benches/gen_corpus.py` (deterministic). Target: under 30 ms median.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EDITS: usize = 30;

fn main() {
    let n: usize = std::env::var("CLINOTE_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let bin = env!("CARGO_BIN_EXE_clinote");
    let dir = std::env::temp_dir().join(format!("clinote-bench-serve-{n}"));
    let root = corpus(&dir, n);
    println!("site: {n} articles in {}", root.display());

    // `clinote build` on the same site, for comparison with the preview's full build.
    let started = Instant::now();
    let out = dir.join("public");
    let status = Command::new(bin)
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .status()
        .expect("clinote build");
    assert!(status.success());
    let build_time = started.elapsed();

    let mut child = Command::new(bin)
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("clinote serve");
    let (tx, rx) = mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let mut first_build = None;
    let url = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(300))
            .expect("serve started");
        if line.contains("サイト全体") {
            first_build = parse_ms(&line);
        }
        if let Some(i) = line.find("http://") {
            break line[i..].split_whitespace().next().unwrap().to_string();
        }
    };
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();

    // Reload messages, time-stamped on arrival.
    let (msg_tx, msg_rx) = mpsc::channel::<(Instant, String)>();
    let ws_url = format!("ws://{host}/__clinote/ws");
    let (mut ws, _) = tungstenite::connect(&ws_url).expect("websocket");
    std::thread::spawn(move || {
        while let Ok(m) = ws.read() {
            if let tungstenite::Message::Text(t) = m {
                let _ = msg_tx.send((Instant::now(), t.to_string()));
            }
        }
    });

    let article = root.join("content/articles/article-05000.md");
    let article = if article.exists() {
        article
    } else {
        root.join("content/articles/article-00001.md")
    };
    let slug = article.file_stem().unwrap().to_string_lossy().into_owned();
    let page = format!("/articles/{slug}/");
    let original = std::fs::read_to_string(&article).unwrap();
    let mut served = Vec::new();
    let mut told = Vec::new();
    for i in 0..EDITS {
        let token = format!("EDIT-{i}-{}", std::process::id());
        let text = format!("{original}\n最後に追記した段落です。{token}\n");
        while msg_rx.try_recv().is_ok() {}
        std::thread::sleep(Duration::from_millis(150));
        let saved = Instant::now();
        std::fs::write(&article, text).unwrap();
        loop {
            if get(&host, &page).contains(&token) {
                served.push(saved.elapsed());
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "the edit never showed"
            );
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, msg) = msg_rx.recv_timeout(left).expect("a reload message");
            if msg.contains("\"reload\"") && msg.contains(&slug) {
                told.push(at.duration_since(saved));
                break;
            }
        }
    }
    std::fs::write(&article, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();

    println!(
        "clinote build (full, to disk):        {:>8.1} ms",
        build_time.as_secs_f64() * 1000.0
    );
    if let Some(ms) = first_build {
        println!("serve first build (full, in memory):  {ms:>8.1} ms");
    }
    report("save → new page served", &mut served);
    report("save → reload message", &mut told);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    println!(
        "{what:<38} median {:>6.1} ms, p90 {:>6.1} ms, min {:>6.1} ms, max {:>6.1} ms ({} edits)",
        ms(median),
        ms(p90),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn parse_ms(line: &str) -> Option<f64> {
    let i = line.find(" ms")?;
    line[..i].rsplit(['（', ' ']).next()?.parse().ok()
}

fn get(host: &str, path: &str) -> String {
    let Ok(mut s) = std::net::TcpStream::connect(host) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

/// The generated site (made once per size and kept in the temp folder).
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("site");
    if !root.join("clinote.toml").exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_corpus.py");
        let status = Command::new("python3")
            .arg(script)
            .arg(n.to_string())
            .arg(&root)
            .status()
            .expect("python3 benches/gen_corpus.py");
        assert!(status.success());
    }
    root
}
