//! Messages a new user reads (issue 24): each says in plain Japanese (English beside) what is
//! wrong, at the right line, and suggests what works when copied.

use crate::support::*;

/// The messages of a build that must fail.
fn build_errors(site: &TempSite) -> String {
    let out = site.build(&[]);
    assert!(!out.status.success(), "the build should fail");
    stderr(&out)
}

/// The address suggested for `/images/masks.png` was `/blog/images/mask.png`, itself "not in
/// the site" when written. The suggestion, copied into the article, must build.
#[test]
fn a_suggested_image_address_works_when_copied() {
    let site = TempSite::new();
    site.write_bytes("static/images/mask.png", &crate::build::tiny_png(4, 4));
    site.article(
        "masks",
        "title = \"マスク\"\ndate = 2026-01-02",
        "![マスク](/images/masks.png)\n",
    );
    let err = build_errors(&site);
    let suggested = err
        .split("`")
        .nth(1)
        .filter(|_| err.contains("のことでしょうか"))
        .unwrap_or_else(|| panic!("no suggestion: {err}"))
        .to_string();
    assert_eq!(suggested, "/images/mask.png", "{err}");
    assert!(
        !err.contains(".md` でも"),
        "an image is not an article: {err}"
    );
    site.article(
        "masks",
        "title = \"マスク\"\ndate = 2026-01-02",
        &format!("![マスク]({suggested})\n"),
    );
    site.build_ok(&[]);
}

/// An image beside a plain `name.md` suggested the article's own page.
#[test]
fn an_image_beside_a_plain_article_says_move_it_or_make_a_folder() {
    let site = TempSite::new();
    site.write_bytes("content/articles/photo.png", &crate::build::tiny_png(4, 4));
    site.article(
        "clinic",
        "title = \"院内の様子\"\ndate = 2026-01-02",
        "\n![待合室](photo.png)\n",
    );
    let err = build_errors(&site);
    assert!(err.contains("content/articles/clinic.md:6:1"), "{err}");
    assert!(err.contains("static/images/"), "{err}");
    assert!(err.contains("`/images/photo.png`"), "{err}");
    assert!(err.contains("content/articles/clinic/index.md"), "{err}");
    assert!(
        !err.contains("/articles/clinic/`"),
        "suggests the article's page: {err}"
    );
}

/// Parser words ("tabs disallowed", "basic string") stayed inside the Japanese sentence, and
/// the line was one off.
#[test]
fn front_matter_mistakes_are_said_in_japanese_at_their_line() {
    let site = TempSite::new();
    site.write(
        "content/articles/tab.md",
        "---\ntitle: テスト\ndate: 2026-12-07\ntags: a\n\tdescription: x\n---\n\n本文\n",
    );
    let err = build_errors(&site);
    assert!(err.contains("content/articles/tab.md:5:1"), "{err}");
    let japanese = err.lines().find(|l| l.starts_with("error:")).unwrap_or("");
    assert!(japanese.contains("タブ"), "{err}");
    assert!(
        !japanese.contains("scalar") && !japanese.contains("tab"),
        "{err}"
    );

    let site = TempSite::new();
    site.write(
        "content/articles/date.md",
        "+++\ntitle = \"テスト\"\ndate = 2026/12/07\n+++\n\n本文\n",
    );
    let err = build_errors(&site);
    assert!(err.contains("`date = 2026-12-07`"), "{err}");
    assert!(
        !err.contains("囲んでください"),
        "told to quote a date: {err}"
    );

    // In YAML the same date is text that is not a date.
    let site = TempSite::new();
    site.write(
        "content/articles/date.md",
        "---\ntitle: テスト\ndate: 2026/12/07\n---\n\n本文\n",
    );
    let err = build_errors(&site);
    assert!(err.contains("`2026-12-07`"), "{err}");

    for (line, named) in [
        ("title ＝ \"テスト\"", "「＝」"),
        ("title = ”テスト”", "「”」"),
    ] {
        let site = TempSite::new();
        site.write(
            "content/articles/wide.md",
            &format!("+++\n{line}\ndate = 2026-12-07\n+++\n\n本文\n"),
        );
        let err = build_errors(&site);
        assert!(err.contains(named), "{line}: {err}");
        assert!(err.contains("`title = \"テスト\"`"), "{line}: {err}");
    }
}

/// A missing `base_url` gave two errors, the first about a relative URL.
#[test]
fn a_missing_base_url_is_one_error() {
    let site = TempSite::new();
    site.write("clinote.toml", "title = \"ブログ\"\n");
    let err = build_errors(&site);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("`base_url` がありません"), "{err}");
}

/// `teasers --article <draft>` said no such article: it says draft and `--drafts` takes it.
/// (Scheduled articles are always in.)
#[test]
fn teasers_of_a_draft_say_it_is_a_draft_and_drafts_takes_it() {
    let site = TempSite::new();
    site.article(
        "tebukuro",
        "title = \"手袋の話\"\ndate = 2026-01-02\ndraft = true\nslug = \"gloves\"",
        "冬の手袋の選び方です。\n",
    );
    site.article(
        "yotei",
        "title = \"来年の話\"\ndate = 2099-01-02\nslug = \"next-year\"",
        "来年の予定です。\n",
    );
    let root = site.root().to_str().unwrap();
    let out = run(&["teasers", "--root", root, "--article", "gloves"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("下書き") && err.contains("--drafts"), "{err}");
    assert!(err.contains("content/articles/tebukuro.md"), "{err}");

    // A scheduled article is no draft: its posts are given, to load into a scheduler early.
    let out = run(&["teasers", "--root", root, "--article", "next-year", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("来年の話"), "{}", stdout(&out));

    let out = run(&[
        "teasers",
        "--root",
        root,
        "--article",
        "gloves",
        "--drafts",
        "--all",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("手袋の話"), "{}", stdout(&out));

    let out = run(&["teasers", "--root", root, "--article", "glove"]);
    let err = stderr(&out);
    assert!(err.contains("`gloves`"), "{err}");
}

/// robots.txt under a sub-path is never read by crawlers: the build says so and prints the
/// line to put in the host's own robots.txt. A site at the host's root hears nothing of it.
#[test]
fn robots_under_a_path_is_explained_with_the_line_for_the_host_root() {
    let site = TempSite::new();
    site.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    let out = site.build_ok(&[]);
    let said = stdout(&out);
    assert!(said.contains("https://example.jp/robots.txt"), "{said}");
    assert!(
        said.contains("Sitemap: https://example.jp/blog/sitemap.xml"),
        "{said}"
    );
    assert!(said.contains("検索エンジン"), "{said}");

    let out = site.build_ok(&["--base-url", "https://example.jp/"]);
    assert!(!stdout(&out).contains("robots.txt"), "{}", stdout(&out));
}

/// `serve --help` and `teasers --help` lead to the preview's page of posts.
#[test]
fn serve_and_teasers_help_mention_the_teasers_page() {
    for command in ["serve", "teasers"] {
        let out = run(&[command, "--help"]);
        let help = stdout(&out);
        assert!(out.status.success(), "{help}");
        assert!(help.contains("/_teasers/"), "{command} --help:\n{help}");
    }
}
