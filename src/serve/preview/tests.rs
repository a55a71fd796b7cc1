//! The incremental rebuild must give exactly what a full load gives, for every kind of edit.

use super::*;
use clinote_site::outputs::Data;

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "clinote.toml",
            "title = \"テスト\"\nbase_url = \"https://example.jp/blog/\"\npaginate = 2\n\n[authors.a]\nname = \"医師 A\"\nrole = \"院長\"\n\n[authors.b]\nname = \"看護師 B\"\n",
        );
        for i in 1..=5 {
            site.article(
                &format!("a{i}"),
                &format!(
                    "title = \"記事{i}\"\ndate = 2026-01-0{i}\ntags = [\"t{}\", \"共通\"]\nseries = \"{}\"",
                    i % 2,
                    if i <= 2 { "シリーズ" } else { "" }
                ),
                &format!("記事{i}の要約です。\n\n<!-- more -->\n\n## 見出し\n\n本文{i}です。\n"),
            );
        }
        site.write(
            "content/pages/about.md",
            "+++\ntitle = \"について\"\n+++\nクリニックについて。\n",
        );
        site.write("static/images/a.png", "png");
        site
    }

    fn root(&self) -> PathBuf {
        clinote_site::sink::normalize(self.dir.path())
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn article(&self, name: &str, fm: &str, body: &str) -> PathBuf {
        self.write(
            &format!("content/articles/{name}.md"),
            &format!("+++\n{fm}\n+++\n{body}"),
        )
    }

    fn preview(&self) -> Preview {
        let (p, update) = Preview::new(PreviewOptions {
            root: self.root(),
            base_url: "http://127.0.0.1:1111/".to_string(),
            include_unpublished: true,
        });
        assert!(p.errors().is_empty(), "{:?}", p.errors());
        assert!(update.full);
        p
    }
}

/// The text of a generated file the preview serves.
fn served_text(p: &Preview, path: &str) -> String {
    match &*p.files()[path] {
        Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("{path} is not generated: {other:?}"),
    }
}

/// Asserts that the incremental preview serves exactly what a fresh full load serves (once
/// the search index, which waits for a pause in editing, is refreshed).
fn assert_same_as_full(site: &Site, incremental: &mut Preview) {
    incremental.refresh_search();
    let incremental: &Preview = incremental;
    let (full, _) = Preview::new(PreviewOptions {
        root: site.root(),
        base_url: "http://127.0.0.1:1111/".to_string(),
        include_unpublished: true,
    });
    let mut a: Vec<&String> = incremental.files().keys().collect();
    let mut b: Vec<&String> = full.files().keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "different files");
    for (path, data) in full.files() {
        let mine = &incremental.files()[path];
        if mine != data {
            let text = |d: &Data| match d {
                Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                other => format!("{other:?}"),
            };
            panic!(
                "{path} differs:\n--- incremental\n{}\n--- full\n{}",
                text(mine),
                text(data)
            );
        }
    }
}

#[test]
fn body_edit_renders_one_page_and_its_feeds() {
    let site = Site::new();
    let mut p = site.preview();
    let path = site.article(
        "a3",
        "title = \"記事3\"\ndate = 2026-01-03\ntags = [\"t1\", \"共通\"]\nseries = \"\"",
        "記事3の要約です。\n\n<!-- more -->\n\n## 見出し\n\n書き直した本文です。\n",
    );
    let u = p.apply(&[path]);
    assert!(!u.full);
    // The article's page, and the staff's teaser page that shows its posts.
    assert_eq!(u.rendered, 2, "{:?}", u.changed);
    assert!(u.changed.contains(&"articles/a3/index.html".to_string()));
    assert!(u.changed.contains(&"feed.xml".to_string()));
    assert!(!u.changed.contains(&"index.html".to_string()));
    assert_same_as_full(&site, &mut p);
}

#[test]
fn title_edit_renders_the_pages_that_show_it() {
    let site = Site::new();
    let mut p = site.preview();
    let path = site.article(
        "a1",
        "title = \"新しい題\"\ndate = 2026-01-01\ntags = [\"t1\", \"共通\"]\nseries = \"シリーズ\"",
        "記事1の要約です。\n\n<!-- more -->\n\n## 見出し\n\n本文1です。\n",
    );
    let u = p.apply(&[path]);
    assert!(!u.full);
    assert!(
        u.changed.contains(&"articles/a2/index.html".to_string()),
        "neighbour"
    );
    assert!(
        u.changed.contains(&"page/3/index.html".to_string()),
        "its index page"
    );
    assert!(
        !u.changed.contains(&"index.html".to_string()),
        "not the first index page"
    );
    assert_same_as_full(&site, &mut p);

    // The summary is on the card too.
    let path = site.article(
        "a4",
        "title = \"記事4\"\ndate = 2026-01-04\ntags = [\"t0\", \"共通\"]\nseries = \"\"",
        "要約を変えました。\n\n<!-- more -->\n\n本文4です。\n",
    );
    p.apply(&[path]);
    assert_same_as_full(&site, &mut p);
}

#[test]
fn structural_edits_rebuild_every_list() {
    let site = Site::new();
    let mut p = site.preview();
    // New tags.
    let a2 = site.article(
        "a2",
        "title = \"記事2\"\ndate = 2026-01-02\ntags = [\"新しいタグ\"]",
        "本文\n",
    );
    let u = p.apply(std::slice::from_ref(&a2));
    assert!(u.full);
    assert_same_as_full(&site, &mut p);
    // A new article.
    let new = site.article(
        "new",
        "title = \"新着\"\ndate = 2026-02-01\nauthor = \"b\"",
        "新しい記事です。\n",
    );
    p.apply(std::slice::from_ref(&new));
    assert!(p.files().contains_key("articles/new/index.html"));
    assert_same_as_full(&site, &mut p);
    // Deleted.
    std::fs::remove_file(&new).unwrap();
    p.apply(&[new]);
    assert!(!p.files().contains_key("articles/new/index.html"));
    assert_same_as_full(&site, &mut p);
    // Renamed (the slug follows the file name).
    let old = site.root().join("content/articles/a5.md");
    let renamed = site.root().join("content/articles/a5-renamed.md");
    std::fs::rename(&old, &renamed).unwrap();
    p.apply(&[old, renamed]);
    assert!(p.files().contains_key("articles/a5-renamed/index.html"));
    assert!(!p.files().contains_key("articles/a5/index.html"));
    assert_same_as_full(&site, &mut p);
    // Draft toggled, date moved.
    let a1 = site.article(
        "a1",
        "title = \"記事1\"\ndate = 2026-03-01\ndraft = true",
        "本文\n",
    );
    p.apply(&[a1]);
    assert_same_as_full(&site, &mut p);
}

#[test]
fn pages_static_files_templates_and_bundles() {
    let site = Site::new();
    let mut p = site.preview();
    let about = site.write(
        "content/pages/about.md",
        "+++\ntitle = \"について\"\n+++\n本文を変えました。\n",
    );
    let u = p.apply(&[about]);
    assert_eq!(u.rendered, 1);
    assert_same_as_full(&site, &mut p);
    let about = site.write(
        "content/pages/about.md",
        "+++\ntitle = \"当院について\"\n+++\n本文。\n",
    );
    assert!(
        p.apply(&[about]).full,
        "a page title is in every page's navigation"
    );
    assert_same_as_full(&site, &mut p);

    // A page's update date is in the sitemap.
    let about = site.write(
        "content/pages/about.md",
        "+++\ntitle = \"当院について\"\nupdated = 2026-02-01\n+++\n本文。\n",
    );
    let u = p.apply(&[about]);
    assert!(!u.full);
    assert!(
        u.changed.contains(&"sitemap.xml".to_string()),
        "{:?}",
        u.changed
    );
    assert_same_as_full(&site, &mut p);

    let css = site.write("static/style.css", "body { color: red }");
    let u = p.apply(&[css]);
    assert!(u.css_only(), "{:?}", u.changed);
    assert_same_as_full(&site, &mut p);
    let img = site.root().join("static/images/a.png");
    std::fs::remove_file(&img).unwrap();
    p.apply(&[img]);
    assert!(!p.files().contains_key("images/a.png"));
    assert_same_as_full(&site, &mut p);

    let tpl = site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}NOT HERE{% endblock content %}",
    );
    let u = p.apply(&[tpl]);
    assert!(u.full);
    assert!(
        String::from_utf8_lossy(match &*p.files()["404.html"] {
            Data::Bytes(b) => b,
            _ => unreachable!(),
        })
        .contains("NOT HERE")
    );
    assert_same_as_full(&site, &mut p);

    let bundle = site.write(
        "content/articles/b/index.md",
        "+++\ntitle = \"束\"\ndate = 2026-01-09\n+++\n![図](fig.png)\n",
    );
    p.apply(&[bundle]);
    let fig = site.root().join("content/articles/b/fig.png");
    std::fs::write(&fig, png(4, 4)).unwrap();
    p.apply(&[fig]);
    // A photo is served in its widths (here its own 4 px), not as it is.
    assert!(p.files().contains_key("articles/b/fig.w4.png"));
    assert!(p.files().contains_key("articles/b/fig.w4.webp"));
    assert_same_as_full(&site, &mut p);
}

#[test]
fn a_broken_file_keeps_its_last_good_page() {
    let site = Site::new();
    let mut p = site.preview();
    let before = p.files()["articles/a2/index.html"].clone();
    let a2 = site.article("a2", "title = \"記事2\ndate = 2026-01-02", "壊れた\n");
    let u = p.apply(std::slice::from_ref(&a2));
    let errors = p.errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].location.as_ref().unwrap().file,
        "content/articles/a2.md"
    );
    assert_eq!(errors[0].location.as_ref().unwrap().line, 2);
    assert!(u.changed.is_empty());
    assert_eq!(
        p.files()["articles/a2/index.html"],
        before,
        "the last good page stays"
    );

    // A full reload (here: a template change) keeps it too.
    let tpl = site.write("templates/x.html", "x");
    p.apply(&[tpl]);
    assert!(p.files().contains_key("articles/a2/index.html"));
    assert_eq!(p.errors().len(), 1);

    // Fixed: the error goes and the page is current.
    let a2 = site.article("a2", "title = \"記事2 直した\"\ndate = 2026-01-02\ntags = [\"t0\", \"共通\"]\nseries = \"シリーズ\"", "直した本文\n");
    p.apply(&[a2]);
    assert!(p.errors().is_empty());
    assert_same_as_full(&site, &mut p);

    // A broken config keeps the whole last good site.
    let count = p.files().len();
    site.write("clinote.toml", "title = \"x\nbase_url = 1\n");
    p.apply(&[site.root().join("clinote.toml")]);
    assert_eq!(
        p.errors()[0].location.as_ref().unwrap().file,
        "clinote.toml"
    );
    assert_eq!(p.files().len(), count);
}

#[test]
fn editor_temp_files_are_ignored() {
    let site = Site::new();
    let mut p = site.preview();
    for name in [".a1.md.swp", "a1.md~", ".#a1.md", "4913"] {
        let path = site.write(&format!("content/articles/{name}"), "junk");
        let u = p.apply(&[path]);
        assert!(u.changed.is_empty(), "{name}");
        assert!(p.errors().is_empty(), "{name}");
    }
}

#[test]
fn cards_and_links_follow_the_articles_they_show() {
    let site = Site::new();
    site.article(
        "linker",
        "title = \"リンク元\"\ndate = 2026-01-09",
        "前置き。\n\na1.md\n\n[二本目](a2.md) も。\n",
    );
    let mut p = site.preview();
    let card = |p: &Preview| served_text(p, "articles/linker/index.html");
    assert!(card(&p).contains("link-card__title\">記事1<"));

    // The shown article's title changes: the card follows.
    let a1 = site.article(
        "a1",
        "title = \"記事1 改題\"\ndate = 2026-01-01\ntags = [\"t1\", \"共通\"]\nseries = \"シリーズ\"",
        "記事1の要約です。\n\n<!-- more -->\n\n## 見出し\n\n本文1です。\n",
    );
    let u = p.apply(&[a1]);
    assert!(
        u.changed
            .contains(&"articles/linker/index.html".to_string()),
        "{:?}",
        u.changed
    );
    assert!(card(&p).contains("link-card__title\">記事1 改題<"));
    assert_same_as_full(&site, &mut p);

    // The linked article goes away: the link is reported broken, then mends when it returns.
    let a2 = site.root().join("content/articles/a2.md");
    let text = std::fs::read_to_string(&a2).unwrap();
    std::fs::remove_file(&a2).unwrap();
    p.apply(std::slice::from_ref(&a2));
    let errors = p.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].location.as_ref().unwrap().file,
        "content/articles/linker.md"
    );
    assert_same_as_full(&site, &mut p);
    std::fs::write(&a2, text).unwrap();
    p.apply(&[a2]);
    assert!(p.errors().is_empty(), "{:?}", p.errors());
    assert_same_as_full(&site, &mut p);
}

/// A valid PNG of the given size: photos are decoded to be published in their widths.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![90; (width * height * 3) as usize])
            .unwrap();
    }
    out
}

#[test]
fn an_image_replaced_in_static_renders_the_articles_showing_it_again() {
    let site = Site::new();
    let img = site.root().join("static/images/photo.png");
    std::fs::write(&img, png(40, 30)).unwrap();
    site.article(
        "a4",
        "title = \"記事4\"\ndate = 2026-01-04\ntags = [\"t0\", \"共通\"]\nseries = \"\"",
        "記事4の要約です。\n\n![写真](/images/photo.png)\n",
    );
    let mut p = site.preview();
    let page = |p: &Preview| served_text(p, "articles/a4/index.html");
    assert!(
        page(&p).contains("width=\"40\" height=\"30\""),
        "{}",
        page(&p)
    );

    std::fs::write(&img, png(80, 20)).unwrap();
    let u = p.apply(std::slice::from_ref(&img));
    assert!(!u.full);
    assert!(
        u.changed.contains(&"articles/a4/index.html".to_string()),
        "{:?}",
        u.changed
    );
    assert!(
        page(&p).contains("width=\"80\" height=\"20\""),
        "{}",
        page(&p)
    );
    assert_same_as_full(&site, &mut p);
}

/// Naming a reviewer (監修) puts the article on the reviewer's author page.
#[test]
fn a_reviewer_reaches_their_author_page() {
    let site = Site::new();
    let mut p = site.preview();
    let a1 = site.article(
        "a1",
        "title = \"記事1\"\ndate = 2026-01-01\nreviewed_by = \"b\"",
        "記事1の要約です。\n",
    );
    p.apply(&[a1]);
    let author_page = match &*p.files()["authors/b/index.html"] {
        Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => unreachable!(),
    };
    assert!(author_page.contains("記事1"), "{author_page}");
    assert_same_as_full(&site, &mut p);
}
