//! Micro-benchmarks of the hot parts of a build, on one real article of the demo clinic
//! (`content/articles/child-night-fever.md`, about 1,700 characters): front matter, Markdown
//! with our extensions, the X posts and LINE message, the checker, and one article page
//! through the theme's templates.
//!
//!     cargo bench --bench hot_paths
//!
//! Multiply by the number of articles for a site: a 10,000-article build does each of these
//! 10,000 times, spread over the cores.

use std::path::PathBuf;

use clinote_markdown::{self as markdown, Input, links::LinkContext};
use clinote_site::content::fields::{self, KeyLocator};
use clinote_site::content::front_matter;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn article() -> String {
    std::fs::read_to_string(root().join("content/articles/child-night-fever.md"))
        .expect("the demo article")
}

fn body_offset(text: &str) -> usize {
    front_matter::split(text, "a.md")
        .expect("front matter")
        .body_offset
}

#[divan::bench]
fn front_matter_toml(bencher: divan::Bencher) {
    let text = article();
    let tz = jiff::tz::TimeZone::get("Asia/Tokyo").expect("zone");
    bencher.bench(|| {
        let split = front_matter::split(&text, "a.md").expect("split");
        let map = front_matter::parse(&split, &text, "a.md").expect("parse");
        let at = KeyLocator {
            file: "a.md",
            text: &text,
            format: split.format,
            front_matter_offset: split.front_matter_offset,
            front_matter: split.front_matter,
        };
        let mut diags = Vec::new();
        divan::black_box(fields::read(map, &at, &tz, false, &mut diags))
    });
}

#[divan::bench]
fn markdown_render(bencher: divan::Bencher) {
    let text = article();
    let offset = body_offset(&text);
    let dir = root().join("content/articles");
    bencher.bench(|| {
        let input = Input {
            file: "content/articles/child-night-fever.md",
            source: &text,
            body_offset: offset,
            links: LinkContext {
                base_path: "/blog/",
                page_path: "articles/child-night-fever/",
                bundle_dir: None,
                static_dirs: &[],
                source_dir: Some(&dir),
                targets: None,
                site_url: Some("https://midori.example.jp/blog/"),
                images: None,
            },
        };
        divan::black_box(markdown::render(&input))
    });
}

/// The demo site loaded once: articles rendered, posts made, theme compiled.
fn demo() -> clinote_site::driver::Loaded {
    let selection = clinote_site::site::Selection {
        include_drafts: false,
        include_future: false,
        now: jiff::Timestamp::now(),
    };
    let options = clinote_site::driver::LoadOptions::new(
        selection,
        clinote_site::driver::CacheUse::Off,
        clinote_site::stage::Sources::Keep,
    );
    clinote_site::driver::load(&root(), &options, &clinote_site::progress::Silent)
        .and_then(clinote_site::driver::Loaded::without_errors)
        .unwrap_or_else(|e| panic!("the demo site loads: {e:?}"))
}

fn demo_article(site: &clinote_site::site::Site) -> &clinote_site::content::Article {
    site.articles
        .iter()
        .find(|a| a.slug == "child-night-fever")
        .expect("the demo article")
}

#[divan::bench]
fn teasers_generate(bencher: divan::Bencher) {
    let loaded = demo();
    let a = demo_article(&loaded.site);
    let config = &loaded.site.config;
    let url = a.canonical_url(config);
    bencher.bench(|| {
        divan::black_box(clinote_posts::generate(
            &a.teaser_input(config, &url),
            &config.teasers,
        ))
    });
}

#[divan::bench]
fn check_article_and_posts(bencher: divan::Bencher) {
    let loaded = demo();
    let a = demo_article(&loaded.site);
    let config = &loaded.site.config;
    bencher.bench(|| divan::black_box(clinote_site::check_report::check(a, config)));
}

#[divan::bench]
fn article_page_template(bencher: divan::Bencher) {
    let mut loaded = demo();
    let i = loaded
        .site
        .articles
        .iter()
        .position(|a| a.slug == "child-night-fever")
        .expect("the demo article");
    let views = clinote_site::render::views::Views {
        site: &loaded.site,
        now: jiff::Timestamp::now(),
    };
    let global = loaded.theme.tera.global_context();
    global.insert("site", &views.site());
    global.insert("t", &loaded.theme.strings);
    let job = [clinote_site::outputs::pages::Job::Article(i)];
    bencher.bench(|| {
        divan::black_box(clinote_site::outputs::pages::render(
            &views,
            &loaded.theme,
            &job,
            &clinote_site::progress::Silent,
        ))
    });
}

#[divan::bench]
fn search_document_grams(bencher: divan::Bencher) {
    let loaded = demo();
    let a = demo_article(&loaded.site);
    bencher.bench(|| {
        divan::black_box(clinote_site::search_terms::document_grams(
            &a.meta.title,
            &a.meta.tags,
            &a.rendered.toc,
            a.meta.description.as_deref(),
            &a.rendered.text,
        ))
    });
}
