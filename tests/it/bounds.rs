//! The config, the theme and the content stay inside their bounds, and limits come with a
//! clear message at the file and line: a theme outside `themes/`, a `javascript:` clinic
//! link, a missing avatar, hidden and unused files, over-long slugs and tags, tags that
//! collide, thousands of tags.

use crate::support::*;

fn one_article() -> TempSite {
    let site = TempSite::new();
    site.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    site
}

#[test]
fn the_config_cannot_reach_outside_the_site_or_run_script() {
    let site = one_article();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/secret.txt"), "SECRET").unwrap();
    let theme = format!("../../../..{}", outside.path().display());
    site.write(
        "clinote.toml",
        &format!("theme = \"{theme}\"\n{MINIMAL_CONFIG}").replacen(
            "[clinic]",
            "[clinic]\nurl = \"javascript:alert(1)\"",
            1,
        ),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("clinote.toml:") && err.contains("themes/ の中のフォルダ名"),
        "{err}"
    );
    assert!(
        err.contains("http:// か https://") && err.contains("javascript:"),
        "{err}"
    );
    assert!(!site.public().join("secret.txt").exists());

    // An avatar that is not there, or outside static/, is an error at its line.
    for (avatar, says) in [
        ("images/nobody.jpg", "static/ にありません"),
        ("../../etc/passwd", "static/ の中のファイル"),
    ] {
        site.write(
            "clinote.toml",
            &MINIMAL_CONFIG.replace(
                "[authors.sato]",
                &format!("avatar = \"{avatar}\"\n\n[authors.sato]"),
            ),
        );
        let out = site.build(&[]);
        assert_eq!(out.status.code(), Some(1), "{avatar}");
        assert!(
            stderr(&out).contains("avatar") && stderr(&out).contains(says),
            "{avatar}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn hidden_files_are_never_published_and_unused_ones_are_named() {
    let site = one_article();
    site.write("static/.git/config", "[remote] url = secret");
    site.write("static/.env", "TOKEN=secret");
    site.write("static/images/ok.png", "png");
    site.write(
        "content/articles/visit/index.md",
        "+++\ntitle = \"受診\"\ndate = 2026-01-03\n+++\n![写真](photo.png)\n",
    );
    site.write_bytes(
        "content/articles/visit/photo.png",
        &crate::build::tiny_png(4, 4),
    );
    site.write("content/articles/visit/private-notes.txt", "患者さんのメモ");
    let out = site.build_ok(&[]);
    assert!(site.public().join("images/ok.png").is_file());
    for hidden in [".git/config", ".env"] {
        assert!(!site.public().join(hidden).exists(), "{hidden} published");
    }
    let err = stderr(&out);
    assert!(
        err.contains("content/articles/visit/private-notes.txt")
            && err.contains("記事で使っていないファイル"),
        "{err}"
    );
    assert!(
        !err.contains("visit/photo.png"),
        "a used photo is fine: {err}"
    );
}

#[test]
fn names_too_long_for_a_file_system_are_named_at_their_line() {
    let site = one_article();
    let slug = "a".repeat(300);
    site.article(
        "long",
        &format!("title = \"長い\"\ndate = 2026-01-02\nslug = \"{slug}\""),
        "本文\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("long.md:4:") && err.contains("slug"), "{err}");
    assert!(!err.contains("os error 36"), "{err}");

    // A tag of 90 Japanese characters is left out with a warning; the build goes on.
    let site = one_article();
    let tag = "花粉症".repeat(30);
    site.article(
        "tagged",
        &format!("title = \"タグ\"\ndate = 2026-01-02\ntags = [\"{tag}\", \"花粉症\"]"),
        "本文\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("tagged.md:4:") && err.contains("長すぎる"),
        "{err}"
    );
    assert!(site.public().join("tags/花粉症/index.html").is_file());
}

#[test]
fn tags_that_share_an_address_are_told_and_thousands_stay_bounded() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"一\"\ndate = 2026-01-02\ntags = [\"A B\"]",
        "本文\n",
    );
    site.article(
        "b",
        "title = \"二\"\ndate = 2026-01-03\ntags = [\"a-b\"]",
        "本文\n",
    );
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"t{i}\"")).collect();
    site.article(
        "many",
        &format!(
            "title = \"多い\"\ndate = 2026-01-04\ntags = [{}]",
            tags.join(", ")
        ),
        "本文\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("a-b") && err.contains("A B") && err.contains("一つのページ"),
        "{err}"
    );
    assert!(err.contains("many.md:4:") && err.contains("10000"), "{err}");
    let tag_pages = std::fs::read_dir(site.public().join("tags"))
        .unwrap()
        .count();
    assert!(tag_pages <= 25, "{tag_pages} tag folders");
}
