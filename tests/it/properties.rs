//! Properties that hold for every input, including arbitrary Unicode (emoji sequences,
//! combining marks, right-to-left text, NUL, lone carriage returns, very long lines):
//! - the Markdown renderer never panics and always writes well-formed HTML;
//! - every generated X post is valid as X counts it and ends with its link, with the writer's
//!   own teasers, hashtags and any configuration too (`fuzz_cases::teasers_hold`);
//! - the counter's total is the sum over its parts;
//! - slugs, tags and output paths never leave the output folder;
//! - the same input always gives the same output.

use std::path::Path;

use proptest::prelude::*;

use clinote_markdown::{self as markdown, Input, links::LinkContext};

/// Text writers might paste: Japanese, Markdown punctuation, emoji, marks, controls.
fn messy_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "子ども",
        "発熱",
        "。",
        "、",
        "「",
        "」",
        "**",
        "*",
        "_",
        "~~",
        "`",
        "#",
        "## ",
        "- ",
        "1. ",
        "[",
        "](",
        ")",
        "![",
        "|",
        "{",
        "}",
        "\\",
        ":",
        "/",
        "https://example.jp/a",
        " ",
        "\n",
        "\n\n",
        "\r",
        "\0",
        "&",
        "'",
        "\"",
        "😀",
        "👩‍⚕️",
        "🇯🇵",
        "e\u{301}",
        "שלום",
        "\u{202e}",
        "\u{FDD0}",
        "{頸椎|けいつい}",
        "<!-- more -->",
        "[^1]",
        "[^1]: 注",
        "> ",
        "```",
        "\t",
        "ｱｲｳ",
        "Ｆｕｌｌ",
    ]);
    prop::collection::vec(pieces, 0..max).prop_map(|v| v.concat())
}

/// A teaser configuration: 0–9 variants, UTM on or off, any schedule, site hashtags.
fn teasers_config() -> impl Strategy<Value = clinote_site::config::Teasers> {
    (
        0usize..10,
        any::<bool>(),
        prop::collection::vec(prop_oneof![0u32..30, Just(u32::MAX)], 0..4),
        prop::collection::vec(
            prop::sample::select(vec!["クリニック", "健康", "COVID-19", "2025", "🌸"]),
            0..3,
        ),
    )
        .prop_map(
            |(variants, utm, schedule_days, hashtags)| clinote_site::config::Teasers {
                hashtags: hashtags.into_iter().map(String::from).collect(),
                variants,
                utm,
                schedule_days,
                ..clinote_site::config::Teasers::default()
            },
        )
}

/// Checks that every tag the renderer writes is closed in order and every attribute quoted.
/// (The input holds no `<`, so every `<` in the output is ours.)
fn assert_well_formed(html: &str) {
    const VOID: &[&str] = &["img", "br", "hr", "input", "meta", "link"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            let end = after.find("-->").expect("comment closed");
            rest = &after[end + 3..];
            continue;
        }
        let end = rest.find('>').expect("tag closed with >");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing in {html}"));
            assert_eq!(open, name, "mismatched tags in {html}");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(!name.is_empty(), "bad tag <{tag}> in {html}");
        // Attribute values are quoted, and a quote inside one would end it early.
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
}

fn render(body: &str) -> markdown::Rendered {
    let source = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let input = Input {
        file: "content/articles/p.md",
        source: &source,
        body_offset: source.len() - body.len(),
        links: LinkContext {
            base_path: "/blog/",
            page_path: "articles/p/",
            bundle_dir: None,
            static_dirs: &[],
            source_dir: Some(Path::new("/site/content/articles")),
            targets: None,
            site_url: Some("https://example.jp/blog/"),
            images: None,
        },
    };
    markdown::render(&input).0
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn markdown_is_well_formed_and_deterministic(body in messy_text(80)) {
        let a = render(&body);
        assert_well_formed(&a.html);
        prop_assert!(!a.html.contains('\u{FDD0}'), "the emphasis marker leaked");
        let b = render(&body);
        prop_assert_eq!(a.html, b.html);
    }

    #[test]
    fn very_long_lines_render(word in "[あ-ん]{1,3}", n in 1000usize..4000) {
        let body = word.repeat(n);
        let r = render(&body);
        assert_well_formed(&r.html);
    }

    #[test]
    fn generated_posts_are_valid_and_end_with_their_link(
        title in messy_text(20),
        description in prop::option::of(messy_text(30)),
        body in messy_text(60),
        tag in messy_text(4),
    ) {
        // (The same checks the teasers fuzz target runs; a failed assertion fails the case.)
        crate::fuzz_cases::generated_posts_are_valid(&title, description.as_deref(), &body, &[tag]);
    }

    #[test]
    fn teasers_hold_for_any_article_and_configuration(
        title in messy_text(20),
        description in prop::option::of(messy_text(30)),
        body in messy_text(60),
        tags in prop::collection::vec(messy_text(4), 0..4),
        hashtags in prop::collection::vec(messy_text(3), 0..3),
        own_teasers in prop::collection::vec(messy_text(12), 0..4),
        english in any::<bool>(),
        config in teasers_config(),
    ) {
        // Own teasers, hashtags and any configuration; the checks in `fuzz_cases` say what holds.
        let input = clinote_posts::ArticleInput {
            slug: "f",
            title: &title,
            description: description.as_deref(),
            summary: "",
            body_markdown: &body,
            canonical_url: "https://example.jp/blog/articles/f/",
            tags: &tags,
            hashtags: &hashtags,
            own_teasers: &own_teasers,
            date: jiff::civil::date(2026, 1, 2),
            language: if english { clinote_site::config::Language::En } else { clinote_site::config::Language::Ja },
            clinic_phone: None,
        };
        let g = crate::fuzz_cases::teasers_hold(&input, &config);
        crate::teaser_outputs::links_are_the_articles(&input, &config, &g);
        crate::teaser_outputs::own_teasers_come_first_as_written(&input, &config, &g);
        crate::teaser_outputs::share_links_hold_the_whole_text(&g);
    }

    #[test]
    fn counting_adds_up_over_lines(parts in prop::collection::vec("[a-zあ-ん漢字。、 ]{0,40}", 1..6)) {
        let whole = parts.join("\n");
        let sum: usize = parts.iter().map(|p| clinote_posts::weighted_length(p)).sum::<usize>() + parts.len() - 1;
        prop_assert_eq!(clinote_posts::weighted_length(&whole), sum);
        let with_link = format!("{whole}\nhttps://example.jp/blog/articles/{}", "x".repeat(parts.len() * 20));
        prop_assert_eq!(clinote_posts::weighted_length(&with_link), sum + 1 + 23);
    }

    #[test]
    fn tag_folders_stay_inside(name in messy_text(8)) {
        let slug = clinote_site::site::term_slug(&name);
        prop_assert!(!slug.contains(['/', '\\', '\0']) && slug != "." && slug != "..", "{slug:?}");
        let out = Path::new("/out");
        let path = clinote_markdown::links::normalize_lexically(&out.join("tags").join(&slug));
        prop_assert!(path.starts_with(out));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// Whatever the slug, an article either lands in its own folder under the output, or the
    /// build refuses it with a message.
    #[test]
    fn slugs_never_leave_the_output_folder(slug in messy_text(6)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("clinote.toml"), "title = \"t\"\nbase_url = \"https://example.jp/\"\n").unwrap();
        let article = root.join("content/articles/a.md");
        std::fs::create_dir_all(article.parent().unwrap()).unwrap();
        let slug_toml = toml::Value::String(slug.clone()).to_string();
        std::fs::write(&article, format!("+++\ntitle = \"t\"\ndate = 2026-01-02\nslug = {slug_toml}\n+++\n本文\n")).unwrap();
        let (config, _) = clinote_site::config::Config::load(root).unwrap();
        let entries = clinote_site::content::discover::discover(root).unwrap();
        let mut diags = Vec::new();
        if let Some(a) = clinote_site::content::Article::read(&entries[0], root, &config, &[], &mut diags) {
            let out = root.join("public");
            let page = clinote_markdown::links::normalize_lexically(&out.join(&a.url_path));
            prop_assert!(page.starts_with(out.join("articles")) && page != out.join("articles"), "{:?} → {:?}", slug, a.url_path);
            prop_assert!(!a.url_path.contains(['\\', '\0']));
        } else {
            prop_assert!(diags.iter().any(|d| d.is_error()));
        }
    }
}
