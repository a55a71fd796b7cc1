//! Counting as X does, measured against X's own material rather than our own vectors:
//!
//! - twitter-text's conformance suite (`../shared/conformance/twitter-text/`, CI has it):
//!   weighted counting with discounted emoji, directional marks, URL and hashtag extraction
//!   (183 cases), and every TLD X recognises;
//! - X's own JavaScript library (twitter-text 3.1.0, the bundle the teaser page uses) run in
//!   Node as an oracle over thousands of generated adversarial texts (`tests/x-oracle/`);
//! - `clinote count`, the command that gives staff the same counter.
//!
//! Without `../shared` or Node the first two are skipped with a loud message, except in CI
//! (`CI` set), where they fail.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use clinote_posts::parse;
use serde::Deserialize;

use crate::support::*;

fn conformance_dir() -> Option<PathBuf> {
    let dir = demo_root().join("../shared/conformance/twitter-text");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the conformance suite is required in CI: {} is missing",
        dir.display()
    );
    eprintln!(
        "\n!!!!!!!! SKIPPED twitter-text conformance: {} not found (a clone without ../shared) !!!!!!!!\n",
        dir.display()
    );
    None
}

fn read_yaml<T: for<'de> Deserialize<'de>>(path: PathBuf) -> T {
    let text = std::fs::read_to_string(&path).expect("read conformance file");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(Deserialize)]
struct Case<E> {
    description: String,
    text: String,
    expected: E,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Weighted {
    weighted_length: usize,
    valid: bool,
    permillage: usize,
}

#[derive(Deserialize)]
struct ValidateTests {
    #[serde(rename = "WeightedTweetsWithDiscountedEmojiCounterTest")]
    weighted: Vec<Case<Weighted>>,
    #[serde(rename = "UnicodeDirectionalMarkerCounterTest")]
    directional: Vec<Case<Weighted>>,
}

#[derive(Deserialize)]
struct ExtractTests {
    urls: Vec<Case<Vec<String>>>,
    hashtags: Vec<Case<Vec<String>>>,
    hashtags_from_astral: Vec<Case<Vec<String>>>,
}

#[derive(Deserialize)]
struct Suite<T> {
    tests: T,
}

#[test]
fn conformance_suite_passes_whole() {
    let Some(dir) = conformance_dir() else { return };
    let validate: Suite<ValidateTests> = read_yaml(dir.join("twitter-text-validate.yml"));
    let extract: Suite<ExtractTests> = read_yaml(dir.join("twitter-text-extract.yml"));
    let mut failures = Vec::new();
    let mut total = 0;
    for case in validate
        .tests
        .weighted
        .iter()
        .chain(&validate.tests.directional)
    {
        total += 1;
        let got = parse(&case.text);
        let want = &case.expected;
        let got_triple = (got.weighted_length, got.valid, got.permillage);
        let want_triple = (want.weighted_length, want.valid, want.permillage);
        if got_triple != want_triple {
            failures.push(format!(
                "{}: {:?}\n  expected (length, valid, permillage) {want_triple:?}, got {got_triple:?}",
                case.description, case.text
            ));
        }
    }
    let t = &extract.tests;
    for (case, is_url) in t.urls.iter().map(|c| (c, true)).chain(
        t.hashtags
            .iter()
            .chain(&t.hashtags_from_astral)
            .map(|c| (c, false)),
    ) {
        total += 1;
        let parsed = parse(&case.text);
        let got = if is_url { parsed.urls } else { parsed.hashtags };
        if got != case.expected {
            failures.push(format!(
                "{}: {:?}\n  expected {:?}, got {got:?}",
                case.description, case.text, case.expected
            ));
        }
    }
    assert_eq!(total, 183, "the suite's counting and extraction cases");
    assert!(
        failures.is_empty(),
        "{} of {total} conformance cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[derive(Deserialize)]
struct TldTests {
    country: Vec<Case<Vec<String>>>,
    generic: Vec<Case<Vec<String>>>,
}

#[test]
fn every_tld_x_recognises_makes_a_link() {
    let Some(dir) = conformance_dir() else { return };
    let tlds: Suite<TldTests> = read_yaml(dir.join("twitter-text-tlds.yml"));
    let cases: Vec<_> = tlds
        .tests
        .country
        .iter()
        .chain(&tlds.tests.generic)
        .collect();
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| parse(&c.text).urls != c.expected)
        .map(|c| {
            format!(
                "{}: {:?} gave {:?}",
                c.description,
                c.text,
                parse(&c.text).urls
            )
        })
        .collect();
    assert!(cases.len() > 1500, "{} TLD cases", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Node, or `None` (with a loud message) outside CI.
fn node() -> Option<&'static str> {
    let found = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some("node");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Node.js is required in CI, to run X's twitter-text as an oracle (apt-get install nodejs)"
    );
    eprintln!(
        "\n!!!!!!!! SKIPPED X oracle test: Node.js not found (apt-get install nodejs) !!!!!!!!\n"
    );
    None
}

/// What X's own library makes of each text: `clinote count --format json`'s keys.
#[derive(Deserialize, Debug, PartialEq)]
pub struct Verdict {
    pub text: String,
    pub weighted_length: usize,
    pub valid: bool,
    pub urls: Vec<String>,
    pub hashtags: Vec<String>,
}

/// `n` adversarial texts from `seed` (plus three per IANA TLD), with X's verdict on each.
pub fn oracle_texts(seed: u32, n: usize) -> Option<Vec<Verdict>> {
    let node = node()?;
    let root = demo_root();
    let out = Command::new(node)
        .arg(root.join("tests/x-oracle/oracle.js"))
        .arg(root.join("themes/default/static/twitter-text.js"))
        .args(["generate", &seed.to_string(), &n.to_string()])
        .arg(root.join("tests/x-oracle/iana-tlds.txt"))
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    Some(
        text.split('\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_str(l).expect("oracle line"))
            .collect(),
    )
}

/// The seed of the texts checked in CI; `CLINOTE_ORACLE_SEED` tries others.
fn seed() -> u32 {
    std::env::var("CLINOTE_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261207)
}

#[test]
fn agrees_with_x_library_on_adversarial_texts() {
    let Some(cases) = oracle_texts(seed(), 6000) else {
        return;
    };
    let mut failures = Vec::new();
    for want in &cases {
        let p = parse(&want.text);
        let got = Verdict {
            text: want.text.clone(),
            weighted_length: p.weighted_length,
            valid: p.valid,
            urls: p.urls,
            hashtags: p.hashtags,
        };
        if &got != want {
            failures.push(format!("X:       {want:?}\nclinote: {got:?}"));
        }
    }
    assert!(cases.len() > 10_000, "{} texts", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} texts are counted differently from X's twitter-text (seed {}):\n{}",
        failures.len(),
        cases.len(),
        seed(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn count_command_prints_the_count_and_what_is_wrong() {
    let out = run(&[
        "count",
        "花粉症の季節です。\nhttps://example-clinic.jp/blog/kafun/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("42/280 ✓\n"), "{}", stdout(&out));
    assert!(stdout(&out).contains("https://example-clinic.jp/blog/kafun/"));

    let long = "あ".repeat(141);
    let out = run(&["count", &long]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("282/280 ✗\n"), "{text}");
    assert!(
        text.contains("2 多すぎます") && text.contains("2 over the limit"),
        "{text}"
    );

    // A bare domain is a link to X, and says so.
    let out = run(&["count", "詳しくはkodomo-qa.jpへ"]);
    assert!(stdout(&out).starts_with("33/280 ✓"), "{}", stdout(&out));
    assert!(stdout(&out).contains("kodomo-qa.jp"), "{}", stdout(&out));
}

#[test]
fn count_command_reads_json_lines_in_order() {
    let input = concat!(
        "{\"text\": \"あ\"}\n",
        "\n",
        "{\"text\": \"#花粉症 の話 foo.jp\"}\n",
        "{\"text\": \"\"}\n",
    );
    let out = run_with_stdin(&["count", "--format", "json"], input);
    assert_eq!(out.status.code(), Some(1), "an empty post is not valid");
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(
        lines,
        [
            r#"{"text":"あ","weighted_length":2,"valid":true,"urls":[],"hashtags":[]}"#,
            r##"{"text":"#花粉症 の話 foo.jp","weighted_length":36,"valid":true,"urls":["foo.jp"],"hashtags":["花粉症"]}"##,
            r#"{"text":"","weighted_length":0,"valid":false,"urls":[],"hashtags":[]}"#,
        ]
    );

    let out = run_with_stdin(&["count", "--format", "json"], "{\"text\": \"a\"}\n");
    assert_eq!(out.status.code(), Some(0));

    // A line that is not {"text": …} keeps its place, is named on stderr, and exits 2.
    let out = run_with_stdin(
        &["count", "--format", "json"],
        "not json\n{\"text\": \"a\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("\"error\":\"line 1:"), "{}", lines[0]);
    assert!(stderr(&out).contains("1 行目"), "{}", stderr(&out));

    // Plain text on stdin is one post; the final newline is not part of it.
    let out = run_with_stdin(&["count"], "あいう\n");
    assert!(stdout(&out).starts_with("6/280 ✓"), "{}", stdout(&out));
}

#[test]
fn count_command_agrees_with_x_library() {
    let Some(cases) = oracle_texts(seed().wrapping_add(1), 300) else {
        return;
    };
    let input: String = cases
        .iter()
        .map(|c| format!("{}\n", serde_json::json!({ "text": c.text })))
        .collect();
    let out = run_with_stdin(&["count", "--format", "json"], &input);
    let got: Vec<Verdict> = std::str::from_utf8(&out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("result line"))
        .collect();
    assert_eq!(got.len(), cases.len());
    for (got, want) in got.iter().zip(&cases) {
        assert_eq!(got, want);
    }
    let all_valid = cases.iter().all(|c| c.valid);
    assert_eq!(out.status.code(), Some(if all_valid { 0 } else { 1 }));
}

fn run_with_stdin(args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_clinote"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run clinote");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer").expect("write stdin");
    out
}
