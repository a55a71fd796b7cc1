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

use clinote::content::fields::{self, KeyLocator};
use clinote::content::front_matter;
use clinote::markdown::{self, Input, links::LinkContext};

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
            },
        };
        divan::black_box(markdown::render(&input))
    });
}

/// The demo site loaded once: articles rendered, posts made, theme compiled.
fn demo() -> clinote::build::Loaded {
    let selection = clinote::site::Selection {
        include_drafts: false,
        include_future: false,
        now: jiff::Timestamp::now(),
    };
    clinote::build::load(
        &root(),
        None,
        &selection,
        clinote::build::CacheUse::Off,
        clinote::content::Sources::Keep,
        &clinote::progress::Silent,
    )
    .unwrap_or_else(|e| panic!("the demo site loads: {e:?}"))
}

fn demo_article(site: &clinote::site::Site) -> &clinote::content::Article {
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
        divan::black_box(clinote::teaser::generate(
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
    bencher.bench(|| divan::black_box(clinote::check::report::check(a, config)));
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
    let views = clinote::render::views::Views {
        site: &loaded.site,
        now: jiff::Timestamp::now(),
    };
    let global = loaded.theme.tera.global_context();
    global.insert("site", &views.site());
    global.insert("t", &loaded.theme.strings);
    let job = [clinote::outputs::pages::Job::Article(i)];
    bencher.bench(|| {
        divan::black_box(clinote::outputs::pages::render(
            &views,
            &loaded.theme,
            &job,
            &clinote::progress::Silent,
        ))
    });
}

#[divan::bench]
fn search_document_grams(bencher: divan::Bencher) {
    let loaded = demo();
    let a = demo_article(&loaded.site);
    bencher.bench(|| divan::black_box(clinote::outputs::search::document_grams(a)));
}
