//! Emphasis next to CJK text, measured against the CommonMark CJK-friendly amendments' own
//! test paragraphs and their author's implementation (issue 24, item 5).
//!
//! - `cjk-friendly/golden.json` holds every paragraph of the amendments' test files
//!   (`../shared/conformance/cjk-friendly/*.md`) with the HTML that npm `markdown-it` +
//!   `markdown-it-cjk-friendly` give it, recorded once by `cjk-friendly/oracle.mjs` (see its
//!   header for how to regenerate). Nothing is downloaded here: the comparison runs from the
//!   golden file alone, so it runs without `../shared` too.
//! - Each case goes through [`clinote_markdown::render`], the path every article takes, and
//!   the emphasis structure (`<strong>`, `<em>`, `<del>`/`<s>` and the text, whitespace aside)
//!   must be the reference's.
//! - With `../shared/conformance/cjk-friendly/` present, the golden must still hold exactly
//!   the cases there, and the CommonMark spec examples (`commonmark.json`) must not change:
//!   no example (none is CJK text) gets a marker, and the emphasis section keeps passing.
//!   Without the folder these two are skipped with a loud message, except in CI (`CI` set),
//!   where they fail.

use std::path::{Path, PathBuf};

use clinote_markdown::{Input, cjk_emphasis, links::LinkContext, render};
use serde::Deserialize;

#[derive(Deserialize)]
struct Golden {
    reference: serde_json::Value,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    file: String,
    markdown: String,
    html: String,
}

fn golden() -> Golden {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cjk-friendly/golden.json");
    let text = std::fs::read_to_string(&path).expect("read golden.json");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `../shared/conformance/cjk-friendly`, or `None` (with a loud message) outside CI.
fn conformance_dir(what: &str) -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cjk-friendly");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the conformance suite is required in CI: {} is missing",
        dir.display()
    );
    eprintln!(
        "\n!!!!!!!! SKIPPED {what}: {} not found (a clone without ../shared) !!!!!!!!\n",
        dir.display()
    );
    None
}

/// The body rendered as an article would be.
fn clinote_html(markdown: &str) -> String {
    let input = Input {
        file: "content/articles/case.md",
        source: markdown,
        body_offset: 0,
        links: LinkContext {
            base_path: "/",
            page_path: "articles/case/",
            bundle_dir: None,
            static_dirs: &[],
            source_dir: None,
            targets: None,
            site_url: None,
            images: None,
        },
    };
    render(&input).0.html
}

/// The emphasis structure of some HTML: `<strong>`, `<em>` and `<del>` (markdown-it writes
/// `<s>`) tags and the text between them, entities decoded, whitespace and other tags left out.
fn emphasis(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[1..end.saturating_sub(1).max(1)];
            let (close, name) = match tag.strip_prefix('/') {
                Some(name) => ("/", name),
                None => ("", tag),
            };
            let name = name.split([' ', '/']).next().unwrap_or("");
            let name = match name {
                "s" | "del" => Some("del"),
                "strong" => Some("strong"),
                "em" => Some("em"),
                _ => None,
            };
            if let Some(name) = name {
                out.push_str(&format!("<{close}{name}>"));
            }
            rest = &rest[end..];
        } else if c == '&' {
            let end = rest.find(';').map_or(1, |e| e + 1);
            let decoded = match &rest[..end] {
                "&amp;" => "&",
                "&lt;" => "<",
                "&gt;" => ">",
                "&quot;" => "\"",
                "&#39;" | "&#x27;" => "'",
                other => other,
            };
            out.push_str(decoded);
            rest = &rest[end..];
        } else {
            if !c.is_whitespace() {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn emphasis_structure_is_read_from_both_renderers() {
    assert_eq!(
        emphasis("<p>a<s>「a</s>」 &quot;b&quot; <a href=\"x\">c</a></p>\n"),
        "a<del>「a</del>」\"b\"c"
    );
    assert_eq!(
        emphasis("<p><strong><em>x</em></strong></p>"),
        "<strong><em>x</em></strong>"
    );
}

#[test]
fn cjk_friendly_cases_agree_with_the_reference() {
    let golden = golden();
    let mut disagree = Vec::new();
    for case in &golden.cases {
        let want = emphasis(&case.html);
        let got = emphasis(&clinote_html(&case.markdown));
        if want != got {
            disagree.push(format!(
                "  {}: {:?}\n    reference {want}\n    clinote   {got}",
                case.file, case.markdown
            ));
        }
    }
    let n = golden.cases.len();
    eprintln!(
        "CJK-friendly amendments' cases: {} of {n} agree with {}",
        n - disagree.len(),
        golden.reference
    );
    assert!(n >= 100, "only {n} cases in golden.json");
    assert!(
        disagree.is_empty(),
        "{} of {n} disagree:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}

/// The cases as `oracle.mjs` reads them: each blank-line-separated paragraph of each `.md`.
fn cases_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read the conformance folder")
        .map(|e| e.expect("read the conformance folder").file_name())
        .filter_map(|f| f.into_string().ok())
        .filter(|f| f.ends_with(".md"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(dir.join(&file)).expect("read a case file");
        let mut para = String::new();
        for line in text.lines().chain([""]) {
            if line.trim().is_empty() {
                if !para.is_empty() {
                    cases.push((file.clone(), std::mem::take(&mut para)));
                }
            } else {
                if !para.is_empty() {
                    para.push('\n');
                }
                para.push_str(line);
            }
        }
    }
    cases
}

#[test]
fn golden_holds_the_conformance_cases() {
    let Some(dir) = conformance_dir("the check that golden.json is current") else {
        return;
    };
    let recorded: Vec<(String, String)> = golden()
        .cases
        .into_iter()
        .map(|c| (c.file, c.markdown))
        .collect();
    assert_eq!(
        recorded,
        cases_in(&dir),
        "golden.json is stale: regenerate it with crates/markdown/tests/cjk-friendly/oracle.mjs"
    );
}

#[derive(Deserialize)]
struct SpecExample {
    markdown: String,
    html: String,
    example: u32,
    section: String,
}

#[test]
fn commonmark_examples_do_not_change() {
    let Some(dir) = conformance_dir("the CommonMark spec examples") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("commonmark.json")).expect("read commonmark.json");
    let examples: Vec<SpecExample> = serde_json::from_str(&text).expect("parse commonmark.json");
    assert!(examples.len() > 600, "{} examples", examples.len());

    // No example is CJK text: the preparation must leave every one as pulldown-cmark sees it.
    let marked: Vec<u32> = examples
        .iter()
        .filter(|e| e.markdown.contains('*') || e.markdown.contains('~'))
        .filter(|e| {
            cjk_emphasis::prepare(&e.markdown)
                .text
                .contains(cjk_emphasis::MARKER)
        })
        .map(|e| e.example)
        .collect();
    assert!(marked.is_empty(), "markers inserted in examples {marked:?}");

    // And the emphasis section passes through clinote's whole renderer.
    let section: Vec<_> = examples
        .iter()
        .filter(|e| e.section == "Emphasis and strong emphasis")
        .collect();
    let failing: Vec<String> = section
        .iter()
        .filter(|e| emphasis(&e.html) != emphasis(&clinote_html(&e.markdown)))
        .map(|e| format!("  example {}: {:?}", e.example, e.markdown))
        .collect();
    eprintln!(
        "CommonMark emphasis examples: {} of {} agree",
        section.len() - failing.len(),
        section.len()
    );
    assert!(section.len() > 100, "{} emphasis examples", section.len());
    assert!(failing.is_empty(), "disagree:\n{}", failing.join("\n"));
}
