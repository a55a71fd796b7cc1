//! Times the teaser generator on a site, and writes fixture articles for the teaser tests.
//!
//! ```text
//! cargo run --release --example teaser_bench -- SITE [--rounds N] [--only generate|first]
//! cargo run --release --example teaser_bench -- --dump [--every K] SITE... > inputs.json
//! ```
//!
//! Timing: the site is loaded once, then `generate` (and `first_post`) run over every article
//! for `rounds` rounds (default 5); the best round is reported, per article. `--only` runs one
//! of them, once per article, for callgrind:
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='clinote_posts::generate::generate' \
//!     target/release/examples/teaser_bench /tmp/tp-corpus --rounds 1 --only generate
//! ```
//!
//! `--dump` prints every K-th article of each site (default every one, drafts and future
//! articles included) as fixture articles for `tests/it/teaser_outputs.rs`
//! (`tests/data/teaser-golden/inputs.json`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clinote_posts::{ArticleInput, first_post, generate};
use clinote_site::config::Teasers;
use clinote_site::site::Site;

struct Owned {
    slug: String,
    title: String,
    description: Option<String>,
    summary: String,
    body: String,
    canonical: String,
    tags: Vec<String>,
    hashtags: Vec<String>,
    own: Vec<String>,
    date: jiff::civil::Date,
    language: clinote_site::config::Language,
}

impl Owned {
    fn input(&self) -> ArticleInput<'_> {
        ArticleInput {
            slug: &self.slug,
            title: &self.title,
            description: self.description.as_deref(),
            summary: &self.summary,
            body_markdown: &self.body,
            canonical_url: &self.canonical,
            tags: &self.tags,
            hashtags: &self.hashtags,
            own_teasers: &self.own,
            date: self.date,
            language: self.language,
            clinic_phone: None,
        }
    }
}

fn load(root: &std::path::Path, all: bool) -> (Vec<Owned>, Teasers) {
    let sel = clinote_site::site::Selection {
        include_drafts: all,
        include_future: all,
        now: jiff::Timestamp::now(),
    };
    let options = clinote_site::driver::LoadOptions::new(
        sel,
        clinote_site::driver::CacheUse::Off,
        clinote_site::stage::Sources::Keep,
    );
    let loaded = match clinote_site::driver::load(root, &options, &clinote_site::progress::Silent)
        .and_then(clinote_site::driver::Loaded::without_errors)
    {
        Ok(l) => l,
        Err(_) => panic!("cannot load the site at {}", root.display()),
    };
    let site: &Site = &loaded.site;
    let articles = site
        .articles
        .iter()
        .map(|a| Owned {
            slug: a.slug.clone(),
            title: a.meta.title.clone(),
            description: a.meta.description.clone(),
            summary: a.summary.clone(),
            body: a.source[a.body_offset..].to_string(),
            canonical: site.config.absolute_url(&a.url_path),
            tags: a.meta.tags.clone(),
            hashtags: a.meta.hashtags.clone(),
            own: a.meta.teasers.clone(),
            date: a.meta.date.as_ref().expect("dated article").date(),
            language: site.config.language,
        })
        .collect();
    (articles, site.config.teasers.clone())
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut take = |flag: &str| -> Option<String> {
        let i = args.iter().position(|a| a == flag)?;
        args.remove(i);
        (i < args.len()).then(|| args.remove(i))
    };
    let rounds: usize = take("--rounds").map_or(5, |n| n.parse().expect("--rounds N"));
    let every: usize = take("--every").map_or(1, |n| n.parse().expect("--every K"));
    let only = take("--only");
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        args.remove(i);
        dump(&args, every);
        return;
    }
    let root = PathBuf::from(args.first().expect("usage: teaser_bench SITE"));
    let (articles, config) = load(&root, false);
    let inputs: Vec<ArticleInput<'_>> = articles.iter().map(Owned::input).collect();
    let n = inputs.len().max(1) as u32;

    let time = |f: &dyn Fn(&ArticleInput<'_>) -> usize| {
        let mut best = Duration::MAX;
        let mut posts = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            posts = inputs.iter().map(f).sum::<usize>();
            best = best.min(t.elapsed());
        }
        (best, posts)
    };
    if only.as_deref() != Some("first") {
        let (best, posts) = time(&|a| generate(std::hint::black_box(a), &config).x.len());
        println!(
            "generate:   {} articles, {posts} posts, best of {rounds}: {best:?}, {:?}/article",
            inputs.len(),
            best / n
        );
    }
    if only.as_deref() != Some("generate") {
        let (best, posts) =
            time(&|a| usize::from(first_post(std::hint::black_box(a), &config).is_some()));
        println!(
            "first_post: {} articles, {posts} posts, best of {rounds}: {best:?}, {:?}/article",
            inputs.len(),
            best / n
        );
    }
}

/// Prints every `every`-th article of each site as fixture inputs (JSON).
fn dump(roots: &[String], every: usize) {
    let mut out = Vec::new();
    for root in roots {
        let (articles, _) = load(std::path::Path::new(root), true);
        for a in articles.iter().step_by(every.max(1)) {
            out.push(serde_json::json!({
                "slug": a.slug,
                "title": a.title,
                "description": a.description,
                "summary": a.summary,
                "body_markdown": a.body,
                "canonical_url": a.canonical,
                "tags": a.tags,
                "hashtags": a.hashtags,
                "own_teasers": a.own,
                "date": a.date.to_string(),
                "language": a.language.code(),
            }));
        }
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("JSON values serialise")
    );
}
