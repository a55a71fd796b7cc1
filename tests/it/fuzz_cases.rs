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
                images: None,
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
/// NUL): everything [`teasers_hold`] checks.
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

/// The posts generated for an article with the default configuration: see [`teasers_hold`].
/// Shared with the property test in `properties.rs`.
pub fn generated_posts_are_valid(
    title: &str,
    description: Option<&str>,
    body: &str,
    tags: &[String],
) {
    let input = clinote_posts::ArticleInput {
        slug: "f",
        title,
        description,
        summary: "",
        body_markdown: body,
        canonical_url: "https://example.jp/blog/articles/f/",
        tags,
        hashtags: &[],
        own_teasers: &[],
        date: jiff::civil::date(2026, 1, 2),
        language: clinote_site::config::Language::Ja,
        clinic_phone: None,
    };
    teasers_hold(&input, &clinote_site::config::Teasers::default());
}

/// What holds for the posts of every article under every configuration (the fuzz target, the
/// property tests in `properties.rs` and every fixture article in `teaser_outputs.rs`):
///
/// - the same input gives the same output, and `first_post` is the first X post;
/// - every X post is valid as X counts it (so at most 280), its `weighted_length` is that
///   count, and its last line is its link; the variants are numbered 1, 2, … and dated from
///   `schedule_days`; with `utm`, each link says `utm_content=v<N>`, else all links are one;
/// - no post is empty, and no two say the same apart from their links;
/// - the hashtag line holds the article's (or its first two tags') and the site's hashtags,
///   at most three, each one X links; a post written from the article (not one of the
///   writer's own) holds no link or hashtag but its link and that line, and has the line
///   unless it had to go for the post to fit;
/// - as many posts as wanted, or a warning says how many;
/// - the LINE message keeps to LINE's limit and ends with its link.
///
/// Returns what was generated, for callers that check more.
pub fn teasers_hold(
    input: &clinote_posts::ArticleInput<'_>,
    config: &clinote_site::config::Teasers,
) -> clinote_posts::Generated {
    use clinote_posts::{LINE_MAX_UTF16, MAX_WEIGHTED_LENGTH, first_post, generate, parse};

    let generated = generate(input, config);
    assert_eq!(generated, generate(input, config), "two runs differ");
    assert_eq!(
        first_post(input, config).as_ref(),
        generated.x.first(),
        "first_post is not the first post"
    );
    let hashtags = expected_hashtags(input, config);
    let own = own_posts(input, &generated);
    let mut seen: Vec<String> = Vec::new();
    for (i, post) in generated.x.iter().enumerate() {
        let text = &post.text;
        let n = i + 1;
        assert_eq!(post.variant, n, "variants out of order");
        let parsed = parse(text);
        assert!(parsed.valid, "invalid post {text:?}");
        assert!(parsed.weighted_length <= MAX_WEIGHTED_LENGTH);
        assert_eq!(post.weighted_length, parsed.weighted_length, "{text:?}");
        let lines: Vec<&str> = text.split('\n').collect();
        let (link, rest) = lines.split_last().expect("a post has lines");
        assert_eq!(*link, post.url, "post does not end with its link: {text:?}");
        if config.utm && post.url.contains("utm_source=x") {
            assert!(
                post.url.contains(&format!("&utm_content=v{n}")),
                "{}",
                post.url
            );
        } else {
            assert_eq!(post.url, generated.x[0].url, "one link for every post");
        }
        assert_eq!(
            post.suggested_date,
            scheduled(input.date, &config.schedule_days, n),
            "variant {n}"
        );
        // The hashtag line: the last line before the link, when it holds only hashtags we add.
        let (tag_line, body) = match rest.split_last() {
            Some((last, body)) if !body.is_empty() && is_tag_line(last, &hashtags) => {
                (tags_of(last), body)
            }
            _ => (Vec::new(), rest),
        };
        assert!(
            body.iter().any(|l| !l.trim().is_empty()),
            "empty post {text:?}"
        );
        assert!(tag_line.len() <= 3, "{text:?}");
        for tag in &tag_line {
            assert!(
                parsed.hashtags.contains(tag),
                "X does not link #{tag} in {text:?}"
            );
        }
        if i >= own {
            assert!(
                tag_line.is_empty() || tag_line == hashtags,
                "hashtags {tag_line:?}, not {hashtags:?}: {text:?}"
            );
            assert_eq!(parsed.hashtags, tag_line, "a hashtag of its own: {text:?}");
            assert!(
                parsed.urls.iter().all(|u| *u == post.url),
                "a link of its own: {text:?}"
            );
        }
        let key: String = rest
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(!seen.contains(&key), "two posts say the same: {text:?}");
        seen.push(key);
    }
    let wanted = config.variants.max(non_empty_own(input));
    let too_few = generated
        .warnings
        .iter()
        .any(|w| w.en.contains("could be written from this article"));
    assert!(generated.x.len() <= wanted);
    assert_eq!(
        generated.x.len() < wanted,
        too_few,
        "{} posts of {wanted}, warnings {:?}",
        generated.x.len(),
        generated.warnings
    );
    let line = generated.line.as_ref().expect("a LINE message");
    let utf16 = line.text.encode_utf16().count();
    assert_eq!(line.utf16_len, utf16);
    assert!(
        utf16 <= LINE_MAX_UTF16 || line.text == line.url,
        "LINE message too long: {utf16}"
    );
    assert!(
        line.text == line.url || line.text.ends_with(&format!("\n{}", line.url)),
        "LINE message does not end with its link: {:?}",
        line.text
    );
    assert_eq!(line.suggested_date, input.date);
    generated
}

/// The hashtags every post should carry: the article's `hashtags`, else its first two `tags`,
/// then the site's, as X links them, at most three.
pub fn expected_hashtags(
    input: &clinote_posts::ArticleInput<'_>,
    config: &clinote_site::config::Teasers,
) -> Vec<String> {
    let own = if input.hashtags.is_empty() {
        &input.tags[..input.tags.len().min(2)]
    } else {
        input.hashtags
    };
    let all = own.iter().chain(&config.hashtags).map(String::as_str);
    clinote_posts::sanitize_all(all, 3).0
}

/// Publication day plus `schedule_days[n - 1]`; past the list, its last value plus a week per
/// extra variant (a week apart when there is no list); publication day when out of range.
fn scheduled(date: jiff::civil::Date, schedule: &[u32], n: usize) -> jiff::civil::Date {
    let weeks = |k: usize| 7 * i64::try_from(k).unwrap();
    let days = match (schedule.get(n - 1), schedule.last()) {
        (Some(&d), _) => i64::from(d),
        (None, Some(&last)) => i64::from(last) + weeks(n - schedule.len()),
        (None, None) => weeks(n - 1),
    };
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .unwrap_or(date)
}

fn is_tag_line(line: &str, hashtags: &[String]) -> bool {
    !line.is_empty()
        && line.split(' ').all(|t| {
            t.strip_prefix('#')
                .is_some_and(|t| hashtags.iter().any(|h| h == t))
        })
}

fn tags_of(line: &str) -> Vec<String> {
    line.split(' ').map(|t| t[1..].to_string()).collect()
}

/// The writer's teasers that are not empty once trimmed (as the generator cleans them).
pub fn non_empty_own(input: &clinote_posts::ArticleInput<'_>) -> usize {
    input
        .own_teasers
        .iter()
        .filter(|t| {
            t.chars()
                .any(|c| !c.is_whitespace() && !matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'))
        })
        .count()
}

/// How many of the first posts are the writer's own: every non-empty teaser, less those a
/// warning says were left out (too long, or repeating another post).
pub fn own_posts(
    input: &clinote_posts::ArticleInput<'_>,
    generated: &clinote_posts::Generated,
) -> usize {
    let left_out = generated
        .warnings
        .iter()
        .filter(|w| {
            w.en.starts_with("teaser ")
                && (w.en.contains("cannot fit in 280") || w.en.contains("repeats another post"))
        })
        .count();
    non_empty_own(input).saturating_sub(left_out)
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
