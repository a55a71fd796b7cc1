//! What each fuzz target asserts, shared by `fuzz/fuzz_targets/*` (which feed it random bytes)
//! and the `fuzz_regressions` test (which replays every input the fuzzers once broke).
//! A panic here is a bug: no input may crash clinote or break these invariants.

use clinote_markdown::{self as markdown, Input, links::LinkContext};
use clinote_site::content::fields::{self, KeyLocator};
use clinote_site::content::front_matter;

/// Front matter in TOML or YAML, split, parsed and read into fields: never a panic, and every
/// parse error a diagnostic with a place in the file.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tz = jiff::tz::TimeZone::UTC;
    let Ok(split) = front_matter::split(text, "f.md") else {
        return;
    };
    match front_matter::parse(&split, text, "f.md") {
        Ok(map) => {
            let at = KeyLocator {
                file: "f.md",
                text,
                format: split.format,
                front_matter_offset: split.front_matter_offset,
                front_matter: split.front_matter,
            };
            let mut diags = Vec::new();
            let _ = fields::read(map, &at, &tz, true, &mut diags);
            for d in diags {
                let _ = d.render(false);
            }
        }
        Err(d) => {
            assert!(d.location.is_some(), "a parse error without a place: {d:?}");
            let _ = d.render(false);
        }
    }
}

/// The Markdown renderer with our extensions (Japanese emphasis, ruby, link cards, footnotes,
/// headings): never a panic, never the internal marker in the output, the same output twice.
pub fn markdown(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let source = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let render = || {
        let input = Input {
            file: "content/articles/f.md",
            source: &source,
            body_offset: source.len() - body.len(),
            links: LinkContext {
                base_path: "/blog/",
                page_path: "articles/f/",
                bundle_dir: None,
                static_dirs: &[],
                source_dir: Some(std::path::Path::new("/site/content/articles")),
                targets: None,
                site_url: Some("https://example.jp/blog/"),
            },
        };
        markdown::render(&input).0
    };
    let first = render();
    assert!(
        !first.html.contains('\u{FDD0}'),
        "the internal marker leaked"
    );
    assert_eq!(first.html, render().html, "two renders differ");
}

/// X's weighted length: never a panic; a valid post is never longer than 280; the parse and the
/// plain count agree.
pub fn x_count(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = clinote_posts::parse(text);
    if parsed.valid {
        assert!(parsed.weighted_length <= clinote_posts::MAX_WEIGHTED_LENGTH);
    }
    assert_eq!(parsed.weighted_length, clinote_posts::weighted_length(text));
}

/// The teaser generator on arbitrary articles (title, description, body and a tag separated by
/// NUL): every X post valid and ending with its link, the LINE message within its limit.
pub fn teasers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(4, '\0');
    let title = parts.next().unwrap_or("");
    let description = parts.next();
    let body = parts.next().unwrap_or("");
    let tags: Vec<String> = parts
        .next()
        .map(|t| vec![t.to_string()])
        .unwrap_or_default();
    generated_posts_are_valid(title, description, body, &tags);
}

/// The posts generated for an article: every X post valid and ending with the article's link,
/// the LINE message within its limit. Shared with the property test in `properties.rs`.
pub fn generated_posts_are_valid(
    title: &str,
    description: Option<&str>,
    body: &str,
    tags: &[String],
) {
    let url = "https://example.jp/blog/articles/f/";
    let input = clinote_posts::ArticleInput {
        slug: "f",
        title,
        description,
        summary: "",
        body_markdown: body,
        canonical_url: url,
        tags,
        hashtags: &[],
        own_teasers: &[],
        date: jiff::civil::date(2026, 1, 2),
        language: clinote_site::config::Language::Ja,
    };
    let generated = clinote_posts::generate(&input, &clinote_site::config::Teasers::default());
    for post in &generated.x {
        assert!(
            clinote_posts::parse(&post.text).valid,
            "invalid post {:?}",
            post.text
        );
        let last = post.text.lines().last().unwrap_or("");
        assert!(
            last.starts_with(url),
            "post does not end with its link: {:?}",
            post.text
        );
    }
    assert!(generated.line.text.encode_utf16().count() <= clinote_posts::LINE_MAX_UTF16);
}

/// The checker on arbitrary text, as an article and as a post: never a panic, and every
/// finding's place inside the text, its end after its start.
pub fn check(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let source = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let clinic = clinote_check::Clinic::default();
    let config = clinote_check::config::CheckConfig::default();
    let ctx = clinote_check::ArticleContext {
        title: "t",
        description: None,
        patient_consent: None,
        clinic,
        config: &config,
    };
    let lines: Vec<usize> = source.split('\n').map(|l| l.chars().count()).collect();
    for f in clinote_check::check_article(&source, source.len() - body.len(), &ctx) {
        assert!(f.line >= 1 && f.line <= lines.len(), "{f:?}");
        assert!(f.column >= 1 && f.column <= lines[f.line - 1] + 1, "{f:?}");
        assert!((f.end_line, f.end_column) >= (f.line, f.column), "{f:?}");
    }
    let chars = body.chars().count();
    for f in clinote_check::check_teaser(body, &ctx) {
        assert_eq!(f.line, 0, "{f:?}");
        assert!(f.column >= 1 && f.end_column <= chars + 1, "{f:?}");
    }
}
