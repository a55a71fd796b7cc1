//! Links that never break: links to articles by their Markdown file, link checking at every
//! build (pages, images, anchors) with the nearest existing target, and link cards.

use crate::support::*;

#[test]
fn the_preview_draws_the_same_link_cards_as_the_build() {
    let site = TempSite::new();
    site.article(
        "hands",
        "title = \"冬の手洗い\"\ndate = 2026-01-02\ndescription = \"手洗いのコツ。\"",
        "泡立てます。\n",
    );
    site.article(
        "a",
        "title = \"リンク\"\ndate = 2026-01-04",
        "前の記事です。\n\nhttps://example.jp/blog/articles/hands/\n",
    );
    site.build_ok(&[]);
    assert!(
        site.read("articles/a/index.html")
            .contains("class=\"link-card\"")
    );
    // The preview is served at a local address; the public one pasted in the article is
    // still this site's.
    let server = Server::start(site.root(), &[]);
    let (status, page) = server.get("/articles/a/");
    assert_eq!(status, 200);
    assert!(page.contains("class=\"link-card\""), "{page}");
    assert!(page.contains("<span class=\"link-card__description\">手洗いのコツ。</span>"));
}

#[test]
fn markdown_file_links_follow_the_slug() {
    let site = TempSite::new();
    site.article(
        "winter-hand-washing",
        "title = \"冬の手洗い\"\ndate = 2026-01-02\nslug = \"hands\"\ndescription = \"手洗いのコツ。\"",
        "## 石けんの使い方\n\n泡立てます。\n",
    );
    site.write("content/articles/2026/kids.md", "+++\ntitle = \"子ども\"\ndate = 2026-01-03\n+++\n[手洗い](../winter-hand-washing.md#石けんの使い方)も大切です。\n");
    site.article(
        "a",
        "title = \"リンク\"\ndate = 2026-01-04",
        "[手洗い](winter-hand-washing.md) と [子ども](2026/kids.md)。\n\nwinter-hand-washing.md\n\nhttps://example.jp/blog/articles/hands/\n",
    );
    site.build_ok(&[]);
    let a = site.read("articles/a/index.html");
    assert!(
        a.contains("<a href=\"../../articles/hands/\">手洗い</a>"),
        "{a}"
    );
    assert!(a.contains("<a href=\"../../articles/kids/\">子ども</a>"));
    assert_eq!(
        a.matches("class=\"link-card\"").count(),
        2,
        "a bare .md path and a bare URL become cards"
    );
    assert!(a.contains("<span class=\"link-card__description\">手洗いのコツ。</span>"));
    let kids = site.read("articles/kids/index.html");
    assert!(
        kids.contains("href=\"../../articles/hands/#%E7%9F%B3"),
        "{kids}"
    );
}

#[test]
fn broken_links_images_and_anchors_fail_with_the_nearest_target() {
    let site = TempSite::new();
    site.article(
        "hands",
        "title = \"手洗い\"\ndate = 2026-01-02",
        "## 石けんの使い方\n\n泡立てます。\n",
    );
    site.write(
        "content/pages/access.md",
        "+++\ntitle = \"アクセス\"\n+++\n地図\n",
    );
    site.write_bytes("static/images/map.png", &crate::build::tiny_png(4, 4));
    site.article(
        "broken",
        "title = \"壊れたリンク\"\ndate = 2026-01-03",
        "[アクセス](/acess/) と [手洗い](hnds.md) と ![地図](/images/mapp.png)。\n\n[見出し](hands.md#石けんの使いかた) と [この記事の](#ない見出し)。\n\n[外](https://example.com/nope) は調べません。\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/articles/broken.md:5:1") && err.contains("`/access/`"),
        "{err}"
    );
    assert!(
        err.contains("\"hnds.md\" が見つかりません") && err.contains("`hands.md` のこと"),
        "{err}"
    );
    assert!(
        err.contains("\"/images/mapp.png\"") && err.contains("`/images/map.png`"),
        "{err}"
    );
    assert!(
        err.contains("#石けんの使いかた") && err.contains("`#石けんの使い方`"),
        "{err}"
    );
    assert!(err.contains("content/articles/broken.md:7:"), "{err}");
    assert!(err.contains("#ない見出し"), "{err}");
    assert!(
        !err.contains("example.com"),
        "external links are not checked by build: {err}"
    );
    assert!(err.contains("エラー 5 件"), "{err}");
}

#[test]
fn a_link_to_a_draft_is_broken_in_the_build() {
    let site = TempSite::new();
    site.article(
        "draft",
        "title = \"下書き\"\ndate = 2026-01-02\ndraft = true",
        "まだです。\n",
    );
    site.article(
        "a",
        "title = \"公開\"\ndate = 2026-01-03",
        "[下書き](draft.md) を見てください。\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/articles/a.md:5:1"));
    site.build_ok(&["--drafts"]);
}

#[test]
fn the_demo_site_links_are_all_whole() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path(), &[]);
}
