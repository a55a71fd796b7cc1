//! `clinote build`: what is published, what is left out, and that nothing is ever lost.

use crate::support::*;

const PUBLISHED: &str =
    "title = \"公開した記事\"\ndate = 2026-01-10\ntags = [\"公開タグ\"]\nslug = \"published\"";

#[test]
fn drafts_and_future_articles_never_appear_anywhere() {
    let site = TempSite::new();
    site.article("published", PUBLISHED, "ふつうの本文です。\n");
    site.article(
        "draft",
        "title = \"DRAFTMARKER 下書き\"\ndate = 2026-01-11\ntags = [\"下書きだけのタグ\"]\ndraft = true\nseries = \"下書きシリーズ\"",
        "DRAFTBODY\n",
    );
    site.article(
        "future",
        "title = \"FUTUREMARKER 予約\"\ndate = 2999-01-01T09:00:00\ntags = [\"未来だけのタグ\"]\nauthor = \"sato\"",
        "FUTUREBODY\n",
    );
    let out = site.build_ok(&[]);
    let files = tree(&site.public());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for marker in [
            "DRAFTMARKER",
            "DRAFTBODY",
            "下書きだけのタグ",
            "下書きシリーズ",
            "FUTUREMARKER",
            "FUTUREBODY",
            "未来だけのタグ",
            "articles/draft",
            "articles/future",
        ] {
            assert!(!text.contains(marker), "{marker} leaked into {path}");
            assert!(!path.contains(marker), "{marker} leaked as {path}");
        }
    }
    assert!(files.contains_key("articles/published/index.html"));
    // The author of only a future article still has a page, but it lists nothing.
    assert!(
        site.read("authors/sato/index.html")
            .contains("まだ記事がありません")
    );
    // The build says when the scheduled article goes live.
    let said = stdout(&out);
    assert!(
        said.contains("2999") && said.contains("FUTUREMARKER"),
        "{said}"
    );

    // --drafts adds drafts, never future articles.
    site.build_ok(&["--drafts"]);
    assert!(site.read("index.html").contains("DRAFTMARKER"));
    assert!(site.public().join("articles/draft/index.html").is_file());
    assert!(!site.public().join("articles/future").exists());
}

#[test]
fn crlf_bom_yaml_and_toml_all_build() {
    let site = TempSite::new();
    site.write(
        "content/articles/toml-lf.md",
        "+++\ntitle = \"TOML LF\"\ndate = 2026-02-01\n+++\n本文 LF です。\n",
    );
    site.write(
        "content/articles/toml-crlf.md",
        "+++\r\ntitle = \"TOML CRLF\"\r\ndate = 2026-02-02\r\n+++\r\n本文\r\nCRLF です。\r\n",
    );
    site.write(
        "content/articles/yaml-lf.md",
        "---\ntitle: YAML LF\ndate: 2026-02-03\ntags:\n  - 花粉症\n---\n本文 YAML です。\n",
    );
    site.write(
        "content/articles/yaml-crlf-bom.md",
        "\u{feff}---\r\ntitle: \"YAML CRLF BOM\"\r\ndate: 2026-02-04T10:00:00\r\n---\r\n本文 BOM です。\r\n",
    );
    site.write(
        "content/articles/toml-bom.md",
        "\u{feff}+++\ntitle = \"TOML BOM\"\ndate = 2026-02-05\n+++\n本文 TOML BOM です。\n",
    );
    site.build_ok(&[]);
    for (slug, title, body) in [
        ("toml-lf", "TOML LF", "本文 LF です。"),
        ("toml-crlf", "TOML CRLF", "本文\nCRLF です。"),
        ("yaml-lf", "YAML LF", "本文 YAML です。"),
        ("yaml-crlf-bom", "YAML CRLF BOM", "本文 BOM です。"),
        ("toml-bom", "TOML BOM", "本文 TOML BOM です。"),
    ] {
        let html = site.read(&format!("articles/{slug}/index.html"));
        assert!(
            html.contains(&format!("<h1 class=\"article-title\">{title}</h1>")),
            "{slug}"
        );
        assert!(html.contains(body), "{slug}: body missing");
        assert!(!html.contains('\r'), "{slug}: CR in output");
        assert!(
            !html.contains("+++") && !html.contains("title:"),
            "{slug}: front matter leaked"
        );
    }
    assert!(site.read("articles/yaml-lf/index.html").contains("#花粉症"));
}

#[test]
fn japanese_file_name_with_slug_lands_at_the_slug() {
    let site = TempSite::new();
    site.write(
        "content/articles/睡眠のはなし.md",
        "+++\ntitle = \"睡眠のはなし\"\ndate = 2026-03-01\nslug = \"sleep-basics\"\n+++\nよく眠りましょう。\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        site.read("articles/sleep-basics/index.html")
            .contains("よく眠りましょう。")
    );
    assert!(
        !stderr(&out).contains("日本語が入っています"),
        "no warning when slug is ASCII"
    );

    // Without a slug the Japanese name is used, with a warning saying how to fix it.
    let site = TempSite::new();
    site.write(
        "content/articles/睡眠のはなし.md",
        "+++\ntitle = \"睡眠のはなし\"\ndate = 2026-03-01\n+++\nよく眠りましょう。\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/articles/睡眠のはなし.md") && err.contains("slug ="),
        "{err}"
    );
    assert!(
        site.public()
            .join("articles/睡眠のはなし/index.html")
            .is_file()
    );
    assert!(site.read("index.html").contains("./articles/%E7%9D%A1"));
}

#[test]
fn bundle_images_are_published_beside_the_article() {
    let site = TempSite::new();
    site.write(
        "content/articles/flu/index.md",
        "+++\ntitle = \"予防接種\"\ndate = 2026-03-01\ncover = \"cover.png\"\n+++\n![日程](schedule.png)\n",
    );
    site.write_bytes("content/articles/flu/schedule.png", &tiny_png(8, 4));
    site.write_bytes("content/articles/flu/cover.png", &tiny_png(1200, 630));
    site.build_ok(&[]);
    let html = site.read("articles/flu/index.html");
    // Photos are published in their widths (never wider than the original), not as they are.
    assert!(html.contains("src=\"../../articles/flu/schedule.w8.png\" srcset=\"../../articles/flu/schedule.w8.png 8w\" sizes=\"(min-width: 40rem) 40rem, 100vw\" width=\"8\" height=\"4\" alt=\"日程\" loading=\"lazy\""), "{html}");
    assert!(html.contains(
        "<meta property=\"og:image\" content=\"https://example.jp/blog/articles/flu/cover.w1200.png\">"
    ));
    assert!(site.public().join("articles/flu/schedule.w8.png").is_file());
    assert!(
        site.public()
            .join("articles/flu/schedule.w8.webp")
            .is_file()
    );
    assert!(!site.public().join("articles/flu/schedule.png").exists());
    assert!(!site.public().join("articles/flu/index.md").exists());
}

#[test]
fn broken_front_matter_fails_and_keeps_the_previous_output() {
    let site = TempSite::new();
    site.article("good", PUBLISHED, "本文です。\n");
    site.article(
        "other",
        "title = \"二本目\"\ndate = 2026-01-12",
        "二本目の本文。\n",
    );
    site.build_ok(&[]);
    let before = tree(&site.public());

    site.article(
        "other",
        "title = \"二本目\"\ndate = 2026-13-12",
        "二本目の本文。\n",
    );
    site.article("third", "title = \"三本目\ndate = 2026-01-12", "三本目。\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Every broken file is reported, with file:line:column, the line, and what to do.
    assert!(err.contains("content/articles/other.md:3:"), "{err}");
    assert!(err.contains("date = 2026-13-12"), "{err}");
    assert!(err.contains("content/articles/third.md:2:"), "{err}");
    assert!(err.contains("help:"), "{err}");
    assert!(err.contains("前回の出力はそのまま"), "{err}");
    assert_eq!(tree(&site.public()), before, "the previous output changed");
    assert_no_temporary_folders(site.root());
}

#[test]
fn a_build_that_fails_after_writing_its_pages_leaves_no_trace() {
    // Pages are written as they are rendered; a broken link is found only after that. The
    // previous output must come out exactly as it was, in place and as a fresh folder.
    let site = TempSite::new();
    site.article("good", PUBLISHED, "本文です。\n");
    site.build_ok(&[]);
    let before = tree(&site.public());

    site.article("good", PUBLISHED, "書き直した本文です。\n");
    site.article(
        "new",
        "title = \"新しい記事\"\ndate = 2026-01-12",
        "[行き先](/nowhere/) へ。\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/articles/new.md:5:1"), "{err}");
    assert!(
        tree(&site.public()) == before,
        "the previous output changed"
    );
    assert!(!site.public().join("articles/new").exists());

    let out = site.build(&["--output", "fresh"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.root().join("fresh").exists());
    assert_no_temporary_folders(site.root());
}

#[test]
fn two_builds_are_byte_identical() {
    let out_a = tempfile::tempdir().unwrap();
    let out_b = tempfile::tempdir().unwrap();
    for out in [&out_a, &out_b] {
        build_demo(out.path(), &[]);
    }
    let a = tree(&out_a.path().join("site"));
    let b = tree(&out_b.path().join("site"));
    assert!(a.len() > 30);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    use std::os::unix::fs::MetadataExt;
    let site = TempSite::new();
    site.article("one", "title = \"一つ目\"\ndate = 2026-01-02", "本文 1\n");
    site.article("two", "title = \"二つ目\"\ndate = 2026-01-03", "本文 2\n");
    site.build_ok(&[]);
    // Inode numbers: a rewritten file is a new file renamed into place.
    let inodes = |site: &TempSite| -> std::collections::BTreeMap<String, u64> {
        tree(&site.public())
            .into_keys()
            .map(|k| {
                let ino = std::fs::metadata(site.public().join(&k)).unwrap().ino();
                (k, ino)
            })
            .collect()
    };
    let first = inodes(&site);
    let out = site.build_ok(&[]);
    assert!(stdout(&out).contains("更新 0 件"), "{}", stdout(&out));
    assert_eq!(inodes(&site), first, "an unchanged site rewrote files");

    site.article(
        "one",
        "title = \"一つ目\"\ndate = 2026-01-02",
        "書き直した本文\n",
    );
    site.build_ok(&[]);
    let second = inodes(&site);
    assert_ne!(
        second["articles/one/index.html"],
        first["articles/one/index.html"]
    );
    assert_eq!(
        second["articles/two/index.html"],
        first["articles/two/index.html"]
    );
    assert!(
        site.read("articles/one/index.html")
            .contains("書き直した本文")
    );
    // Removing an article removes its page, and the output is exactly a fresh build's.
    std::fs::remove_file(site.root().join("content/articles/two.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.public().join("articles/two").exists());
    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().join("public");
    site.build_ok(&["--output", fresh_out.to_str().unwrap()]);
    assert_eq!(tree(&site.public()), tree(&fresh_out));
}

#[test]
fn every_error_of_a_build_is_reported() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"A\"\ndate = 2026-01-01\nauthor = \"yamda\"",
        "本文\n",
    );
    site.article(
        "b",
        "title = \"B\"\ndate = 2026-01-01\nslug = \"same\"",
        "本文\n",
    );
    site.article(
        "c",
        "title = \"C\"\ndate = 2026-01-01\nslug = \"same\"",
        "本文\n",
    );
    site.write("content/articles/d.md", "# front matter がない\n");
    site.write_bytes(
        "content/articles/e.md",
        b"+++\ntitle = \"\x82\xa0\"\ndate = 2026-01-01\n+++\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/articles/a.md:4:") && err.contains("`yamada` のつもり"),
        "{err}"
    );
    assert!(err.contains("`yamada`, `sato`"), "{err}");
    assert!(
        err.contains("content/articles/b.md") && err.contains("content/articles/c.md"),
        "{err}"
    );
    assert!(err.contains("content/articles/d.md:1:1"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert!(err.contains("エラー 4 件"), "{err}");
}

#[test]
fn refuses_output_folders_that_would_lose_files() {
    let site = TempSite::new();
    site.article("a", PUBLISHED, "本文\n");
    site.write("notes/memo.txt", "大事なメモ");
    for out in [".", "content", "static", "..", "notes"] {
        let o = site.build(&["--output", site.root().join(out).to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "--output {out} was accepted");
    }
    assert_eq!(
        std::fs::read_to_string(site.root().join("notes/memo.txt")).unwrap(),
        "大事なメモ"
    );
    assert!(site.root().join("content/articles/a.md").is_file());
    // With --force a non-empty folder of the user's may be replaced.
    site.build_ok(&[
        "--output",
        site.root().join("notes").to_str().unwrap(),
        "--force",
    ]);
    assert!(site.root().join("notes/index.html").is_file());
}

#[test]
fn config_problems_are_clear() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        "base_url = \"https://example.jp/\"\ntitel = \"x\"\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`title`") && err.contains("titel"), "{err}");

    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[feed]\nlimt = 3\n"),
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("clinote.toml:") && err.contains("`limit`"),
        "{err}"
    );

    site.write("clinote.toml", "title = \"x\"\nbase_url = \"example.jp\"\n");
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("base_url") && err.contains("clinote.toml:2:"),
        "{err}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = run(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("clinote init"), "{}", stderr(&out));
}

#[test]
fn site_templates_override_the_theme() {
    let site = TempSite::new();
    site.article("a", PUBLISHED, "本文\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>OVERRIDDEN 404</p>{% endblock content %}",
    );
    site.build_ok(&[]);
    assert!(site.read("404.html").contains("OVERRIDDEN 404"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope.x }}{% endblock content %}",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("templates/404.html:1:"), "{err}");
}

/// A valid PNG of the given size: photos are decoded to be published in their widths.
pub fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![200; (w * h * 4) as usize])
            .unwrap();
    }
    out
}

#[test]
fn the_next_scheduled_time_is_left_for_schedulers() {
    let site = TempSite::new();
    site.article("now", PUBLISHED, "本文\n");
    site.build_ok(&[]);
    let file = site.root().join(".clinote/next-publish");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "",
        "nothing scheduled"
    );
    site.article(
        "later",
        "title = \"予約\"\ndate = 2999-04-01T09:30:00",
        "本文\n",
    );
    site.article(
        "later2",
        "title = \"もっと先\"\ndate = 3000-01-01",
        "本文\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "2999-04-01T09:30:00+09:00\n"
    );
    let out = site.build_ok(&["--print-next-publish"]);
    assert_eq!(
        stdout(&out),
        "2999-04-01T09:30:00+09:00\n",
        "stdout holds only the time"
    );
}

#[test]
fn a_second_build_waits_for_the_first() {
    let site = TempSite::new();
    site.article("a", PUBLISHED, "本文\n");
    site.build_ok(&[]);
    // Hold the site's build lock as a running build would.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join(".clinote/build.lock"))
        .unwrap();
    lock.lock().unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clinote"))
        .args(["build", "--root", &root])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the second build waits while the first runs"
    );
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("待っています"), "{}", stderr(&out));
    assert!(site.public().join("index.html").is_file());
}
