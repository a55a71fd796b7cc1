//! Test harness: a throwaway site in a temp folder, and the real `clinote` binary run on it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const MINIMAL_CONFIG: &str = r#"title = "テストクリニック ブログ"
description = "テスト用のサイトです。"
base_url = "https://example.jp/blog/"

[clinic]
name = "テストクリニック"
phone = "012-345-6789"
line_id = "test-clinic"

[authors.yamada]
name = "山田 太郎"
role = "院長・内科医"
bio = "内科医です。"

[authors.sato]
name = "佐藤 花子"
role = "看護師"
"#;

/// A site in a temporary folder.
pub struct TempSite {
    dir: tempfile::TempDir,
}

impl TempSite {
    /// A site with the minimal config and no articles.
    pub fn new() -> TempSite {
        let site = TempSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("clinote.toml", MINIMAL_CONFIG);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &TempSite {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &TempSite {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
        self
    }

    /// An article with TOML front matter.
    pub fn article(&self, name: &str, front_matter: &str, body: &str) -> &TempSite {
        self.write(
            &format!("content/articles/{name}.md"),
            &format!("+++\n{front_matter}\n+++\n{body}"),
        )
    }

    /// Runs `clinote build --root <site> ARGS`.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_str().expect("utf-8 path").to_string();
        all.push(&root);
        all.extend_from_slice(args);
        run(&all)
    }

    /// Builds and panics with the messages if it fails.
    pub fn build_ok(&self, args: &[&str]) -> Output {
        let out = self.build(args);
        assert!(
            out.status.success(),
            "build failed:\nstdout: {}\nstderr: {}",
            stdout(&out),
            stderr(&out)
        );
        out
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the built site, as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Runs the real binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clinote"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run clinote")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`: path relative to it → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walk(dir) {
        let rel = e
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        // A dangling link (made on purpose by the fault tests) reads as nothing.
        out.insert(rel, std::fs::read(&e).unwrap_or_default());
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Asserts that `dir` holds nothing a build leaves while it works (`.public.clinote-new-…`
/// folders and the like).
pub fn assert_no_temporary_folders(dir: &Path) {
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("clinote-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
}

/// Builds the demo site into `dir/site` with extra arguments; returns that folder.
pub fn build_demo(dir: &Path, extra: &[&str]) -> PathBuf {
    let target = dir.join("site");
    let root = demo_root();
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("utf-8 path"),
        "--output",
        target.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    target
}

/// The repository root, which is the demo site.
pub fn demo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All `href="…"` and `src="…"` values in an HTML document.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            // Only real attributes: preceded by whitespace.
            let ok = i > 0 && rest.as_bytes()[i - 1].is_ascii_whitespace();
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                if ok {
                    out.push(unescape(&rest[..end]));
                }
                rest = &rest[end..];
            }
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// A running `clinote serve`, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    pub url: String,
    pub output: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Starts `clinote serve --root ROOT --port 0 ARGS` and waits for its address.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        use std::io::BufRead;
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clinote"));
        cmd.args(["serve", "--root", root.to_str().expect("utf-8")]);
        if !args.contains(&"--port") {
            cmd.args(["--port", "0"]);
        }
        let mut child = cmd
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start clinote serve");
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let output = output.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if let Some(i) = line.find("http://") {
                        let url: String = line[i..]
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_string();
                        let _ = tx.send(url);
                    }
                    let mut out = output.lock().expect("lock");
                    out.push_str(&line);
                    out.push('\n');
                }
            });
        }
        let url = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("clinote serve printed its address");
        Server { child, url, output }
    }

    /// `GET path` (path starting with `/`): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.get_with_headers(path);
        (status, body)
    }

    pub fn get_with_headers(&self, path: &str) -> (u16, String, String) {
        let host = self.host();
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// `127.0.0.1:PORT`, the address the server listens at.
    pub fn host(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }

    /// Sends `request` as it is (all its headers written out): status, head and body.
    pub fn request(&self, request: &str) -> (u16, String, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(self.host()).expect("connect");
        stream.write_all(request.as_bytes()).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// Polls `path` until `ready` holds (10 s at most); returns the last status and body.
    pub fn wait_for(&self, path: &str, ready: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let (status, body) = self.get(path);
            if ready(status, &body) {
                return (status, body);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting on {path} (last status {status}); server said:\n{}",
                self.output.lock().expect("lock")
            );
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }

    /// The WebSocket address of the live-reload channel.
    pub fn socket_url(&self) -> String {
        format!("{}__clinote/ws", self.url.replacen("http://", "ws://", 1))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal static file server for a built site, as any static host would serve it: files
/// under `prefix` from `dir`, `index.html` for folders. Stops when dropped.
pub struct StaticServer {
    pub url: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StaticServer {
    pub fn start(dir: &Path, prefix: &str) -> StaticServer {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let url = format!("http://127.0.0.1:{port}{prefix}");
        let (dir, prefix, flag) = (dir.to_path_buf(), prefix.to_string(), stop.clone());
        std::thread::spawn(move || {
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                let Ok((mut s, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                let _ = s.set_nonblocking(false);
                let mut buf = [0u8; 8192];
                let n = s.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]);
                let path = req
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/");
                let decoded = percent_encoding::percent_decode_str(path)
                    .decode_utf8_lossy()
                    .into_owned();
                let rel = decoded.strip_prefix(prefix.as_str()).unwrap_or("");
                let mut file = dir.join(rel);
                if decoded.ends_with('/') {
                    file = file.join("index.html");
                }
                let (status, body) = match std::fs::read(&file) {
                    Ok(b) if !rel.contains("..") => ("200 OK", b),
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("json") => "application/json",
                    Some("css") => "text/css",
                    Some("webp") => "image/webp",
                    Some("jpg") => "image/jpeg",
                    Some("png") => "image/png",
                    _ => "application/octet-stream",
                };
                let _ = write!(
                    s,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(&body);
            }
        });
        StaticServer { url, stop }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
