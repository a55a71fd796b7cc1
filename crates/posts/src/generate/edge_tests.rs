//! Odd input never breaks the generator: every post stays valid, with one link.

use jiff::civil::date;

use super::*;
use crate::Teasers;
use crate::parse;
use clinote_text::Language;

fn input<'a>(
    title: &'a str,
    description: Option<&'a str>,
    body: &'a str,
    canonical: &'a str,
    own: &'a [String],
    tags: &'a [String],
) -> ArticleInput<'a> {
    ArticleInput {
        slug: "odd",
        title,
        description,
        summary: "",
        body_markdown: body,
        canonical_url: canonical,
        tags,
        hashtags: &[],
        own_teasers: own,
        date: date(2026, 3, 1),
        language: Language::Ja,
        clinic_phone: None,
    }
}

fn all_valid(g: &Generated) {
    for t in &g.x {
        let p = parse(&t.text);
        assert!(p.valid, "{}", t.text);
        assert!(t.text.ends_with(&t.url));
        assert!(!t.text.contains(['\u{FEFF}', '\r']));
    }
    assert!(g.line.as_ref().expect("a LINE message").utf16_len <= crate::LINE_MAX_UTF16);
}

#[test]
fn odd_characters_and_links_in_the_article() {
    let tags = vec!["🌸".to_string(), "花粉症".to_string()];
    let g = generate(
        &input(
            "\u{FEFF}花粉症\r\nの季節 👩‍⚕️",
            Some("詳しくは https://other.example.com/x を見てください。#宣伝 です。"),
            "```\ncode only\n```\n\n> 私は一日で治りました。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "https://example-clinic.jp/blog/odd/",
            &[],
            &tags,
        ),
        &Teasers::default(),
    );
    all_valid(&g);
    // Nothing to quote but the title: one post.
    assert_eq!(g.x.len(), 1);
    assert!(
        g.x[0].text.starts_with("花粉症の季節 👩‍⚕️\n"),
        "{}",
        g.x[0].text
    );
    // Neither the other link, the hashtag in the description nor the quoted patient.
    for t in &g.x {
        assert_eq!(parse(&t.text).urls.len(), 1);
        assert!(!t.text.contains("宣伝") && !t.text.contains("治りました"));
    }
    assert!(g.warnings.iter().any(|w| w.ja.contains("🌸")));
}

#[test]
fn bad_canonical_url_and_own_teasers_with_links() {
    let own = vec![
        "こちらもどうぞ https://example.com/other".to_string(),
        "#花粉症".to_string(),
        "   ".to_string(),
        "#花粉症".to_string(),
    ];
    let g = generate(
        &input(
            "題名です",
            None,
            "本文の一文目です。",
            "/blog/odd/",
            &own,
            &[],
        ),
        &Teasers::default(),
    );
    assert!(
        g.warnings
            .iter()
            .any(|w| w.en.contains("not an absolute URL"))
    );
    assert!(g.warnings.iter().any(|w| w.en.contains("holds a URL")));
    assert!(
        g.warnings
            .iter()
            .any(|w| w.en.contains("repeats another post"))
    );
    assert!(
        g.x[0]
            .text
            .starts_with("こちらもどうぞ https://example.com/other\n")
    );
    assert!(
        g.x[1].text.starts_with("#花粉症\n/blog/odd/"),
        "{}",
        g.x[1].text
    );
}

#[test]
fn no_variants_wanted() {
    let g = generate(
        &input("題名です", None, "", "https://example.jp/a/", &[], &[]),
        &Teasers {
            variants: 0,
            ..Teasers::default()
        },
    );
    assert!(g.x.is_empty());
    assert!(g.warnings.is_empty());
    assert!(
        g.line
            .as_ref()
            .expect("a LINE message")
            .text
            .starts_with("【題名です】")
    );
}

#[test]
fn many_variants_are_not_padded() {
    let g = generate(
        &input("題名です", None, "", "https://example.jp/a/", &[], &[]),
        &Teasers {
            variants: 12,
            ..Teasers::default()
        },
    );
    all_valid(&g);
    // No padding: the title once, and a warning.
    assert_eq!(g.x.len(), 1);
    assert!(
        g.warnings
            .iter()
            .any(|w| w.en.contains("could be written from this article"))
    );
}

#[test]
fn posts_quote_nothing_x_would_link_or_tag() {
    // A heading that X would make a hashtag, bare domains glued to Japanese, a service number.
    let body = "## #8000とは\n\n夜間の子どもの急病で迷ったら、#8000に電話して相談できます。\n\n\
                ## 相談先\n\n詳しくはkodomo-qa.jpで調べられます。くわしい情報は「kodomo-qa.jp」へ。\n\n\
                - 発熱\n- 嘔吐\n- けいれん\n\n\
                ## 受診の目安\n\n水分がとれない、ぐったりしているときは、夜間でも早めに受診しましょう。\n\n\
                ## #7119の使い方\n\n- 救急車を呼ぶか迷うとき\n- 受診先がわからないとき\n";
    let tags = vec!["小児科".to_string()];
    let config = Teasers {
        variants: 6,
        ..Teasers::default()
    };
    let g = generate(
        &input(
            "子どもの急病、どこに相談する？",
            None,
            body,
            "https://example-clinic.jp/blog/kyubyo/",
            &[],
            &tags,
        ),
        &config,
    );
    all_valid(&g);
    assert!(g.x.len() >= 3, "{:#?}", g.x);
    for t in &g.x {
        let p = parse(&t.text);
        assert_eq!(
            p.urls,
            std::slice::from_ref(&t.url),
            "only the article's link: {}",
            t.text
        );
        assert_eq!(
            p.hashtags,
            ["小児科"],
            "only the article's hashtag: {}",
            t.text
        );
        assert!(!t.text.contains("kodomo-qa"), "{}", t.text);
    }
}
