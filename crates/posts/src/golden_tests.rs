//! Golden outputs: every post, LINE message and warning for a fixed set of articles, byte
//! for byte, so that changes made for speed cannot change what is written.
//!
//! The inputs (`tests/data/teaser-golden/inputs.json`) are 31 articles of the benchmark
//! corpus, the demo site's and the English example's articles, and hand-written odd ones;
//! each runs under three configurations. `golden.txt` holds, per run, the records as
//! [`to_json`] writes them, each post's link and the warnings. To accept a deliberate
//! change: `CLINOTE_BLESS_TEASERS=1 cargo test teaser::golden`, and review the diff.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use crate::Teasers;
use clinote_text::Language;

use super::{ArticleInput, first_post, generate, link, records, to_json};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/teaser-golden")
}

/// One fixture article, owned.
struct Fixture {
    name: String,
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
    language: Language,
}

impl Fixture {
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
        }
    }
}

fn fixtures() -> Vec<Fixture> {
    let text = std::fs::read_to_string(dir().join("inputs.json")).unwrap();
    let all: Vec<Value> = serde_json::from_str(&text).unwrap();
    let s = |v: &Value, k: &str| v[k].as_str().unwrap().to_string();
    let list = |v: &Value, k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    all.iter()
        .map(|v| Fixture {
            name: format!("{}/{}", s(v, "group"), s(v, "slug")),
            slug: s(v, "slug"),
            title: s(v, "title"),
            description: v["description"].as_str().map(str::to_string),
            summary: s(v, "summary"),
            body: s(v, "body_markdown"),
            canonical: s(v, "canonical_url"),
            tags: list(v, "tags"),
            hashtags: list(v, "hashtags"),
            own: list(v, "own_teasers"),
            date: s(v, "date").parse().unwrap(),
            language: match v["language"].as_str().unwrap() {
                "en" => Language::En,
                _ => Language::Ja,
            },
        })
        .collect()
}

fn configs() -> Vec<(&'static str, Teasers)> {
    vec![
        ("default", Teasers::default()),
        (
            "many",
            Teasers {
                hashtags: vec!["クリニック".into(), "健康".into()],
                variants: 8,
                schedule_days: vec![0, 3],
                ..Teasers::default()
            },
        ),
        (
            "one",
            Teasers {
                variants: 1,
                utm: false,
                schedule_days: Vec::new(),
                ..Teasers::default()
            },
        ),
    ]
}

/// Everything written for every fixture under every configuration, as one text.
fn render_all() -> String {
    let mut out = String::new();
    for f in fixtures() {
        for (name, config) in configs() {
            let input = f.input();
            let g = generate(&input, &config);
            let canonical =
                link::canonical(&f.canonical).unwrap_or_else(|| f.canonical.trim().to_string());
            writeln!(out, "=== {} [{name}]", f.name).unwrap();
            writeln!(out, "{}", to_json(&records(&f.slug, &canonical, &g))).unwrap();
            writeln!(out, "--- x urls").unwrap();
            for t in &g.x {
                writeln!(out, "{}", t.url).unwrap();
            }
            writeln!(out, "--- warnings").unwrap();
            for w in &g.warnings {
                writeln!(out, "{} | {}", w.ja, w.en).unwrap();
            }
        }
    }
    out
}

#[test]
fn outputs_match_the_golden_file() {
    let path = dir().join("golden.txt");
    let now = render_all();
    if std::env::var_os("CLINOTE_BLESS_TEASERS").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    if now != golden {
        let (n, (a, b)) = golden
            .lines()
            .zip(now.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("(length differs)", "")));
        panic!(
            "teaser output differs from golden.txt at line {}:\n  golden: {a}\n  now:    {b}",
            n + 1
        );
    }
}

#[test]
fn first_post_is_the_first_generated_post() {
    for f in fixtures() {
        for (name, config) in configs() {
            let input = f.input();
            assert_eq!(
                first_post(&input, &config).as_ref(),
                generate(&input, &config).x.first(),
                "{} [{name}]",
                f.name
            );
        }
    }
}
