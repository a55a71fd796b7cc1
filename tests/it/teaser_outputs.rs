//! The teasers of fixture articles (`tests/data/teaser-golden/`, see its README):
//!
//! - a few reviewed goldens, each chosen for a kind of writing the generator treats
//!   differently: `<name>.md` is the article, `<name>.txt` every X post, the LINE message and
//!   the warnings written for it, under the configurations its front matter names. To accept
//!   a deliberate change: `CLINOTE_BLESS_TEASERS=1 cargo test --test it teaser_outputs`, then
//!   review the diff of the `.txt` files;
//! - what holds for every article, checked without storing any output: the goldens' articles
//!   and those of `inputs.json`, each under every configuration: [`fuzz_cases::teasers_hold`],
//!   and what only these articles show (links, own teasers, share links).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clinote_posts::{ArticleInput, Generated, LINE_MAX_UTF16, generate, parse};
use clinote_site::config::{Language, Teasers};
use unicode_normalization::UnicodeNormalization;

use super::fuzz_cases;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/teaser-golden")
}

/// One fixture article: the front matter of a golden's `.md`, or an entry of `inputs.json`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    /// The file's name without `.md`, or `<group>/<slug>` for `inputs.json`.
    #[serde(skip)]
    name: String,
    /// `inputs.json` only: where the article comes from (`corpus`, `demo`, `edge`).
    #[serde(default)]
    group: Option<String>,
    /// Goldens only: the configurations their `.txt` is written under (see [`config`]).
    #[serde(default)]
    golden_configs: Vec<String>,
    slug: String,
    title: String,
    description: Option<String>,
    summary: String,
    canonical_url: String,
    date: jiff::civil::Date,
    language: String,
    tags: Vec<String>,
    hashtags: Vec<String>,
    own_teasers: Vec<String>,
    /// In a `.md`, the text after the front matter, unless the front matter holds it (for a
    /// body with characters better seen escaped).
    #[serde(default)]
    body_markdown: String,
}

impl Fixture {
    fn input(&self) -> ArticleInput<'_> {
        ArticleInput {
            slug: &self.slug,
            title: &self.title,
            description: self.description.as_deref(),
            summary: &self.summary,
            body_markdown: &self.body_markdown,
            canonical_url: &self.canonical_url,
            tags: &self.tags,
            hashtags: &self.hashtags,
            own_teasers: &self.own_teasers,
            date: self.date,
            language: match self.language.as_str() {
                "ja" => Language::Ja,
                "en" => Language::En,
                other => panic!("{}: language {other:?}", self.name),
            },
            clinic_phone: None,
        }
    }
}

/// The goldens' articles, `<name>.md` (all but the README): TOML front matter between `+++` lines, then the body.
fn goldens() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let (front, body) = text
                .strip_prefix("+++\n")
                .and_then(|t| t.split_once("\n+++\n"))
                .unwrap_or_else(|| panic!("{name}.md: no +++ front matter"));
            let mut f: Fixture = toml::from_str(front).unwrap_or_else(|e| panic!("{name}.md: {e}"));
            assert!(
                f.body_markdown.is_empty() || body.is_empty(),
                "{name}.md: a body both in body_markdown and after the front matter"
            );
            if f.body_markdown.is_empty() {
                f.body_markdown = body.to_string();
            }
            assert!(!f.golden_configs.is_empty(), "{name}.md: no golden_configs");
            f.name = name;
            f
        })
        .collect()
}

/// The articles of `inputs.json`, for the properties only.
fn inputs() -> Vec<Fixture> {
    let text = std::fs::read_to_string(dir().join("inputs.json")).unwrap();
    let mut all: Vec<Fixture> = serde_json::from_str(&text).unwrap();
    for f in &mut all {
        f.name = format!("{}/{}", f.group.as_deref().unwrap_or("?"), f.slug);
    }
    all
}

/// The configurations that matter: what a site gets by default; the site's own hashtags with
/// many variants on a short schedule (the drafts run out, three hashtags leave less room);
/// a single post without UTM parameters (the share link's post).
fn config(name: &str) -> Teasers {
    match name {
        "default" => Teasers::default(),
        "many" => Teasers {
            hashtags: vec!["クリニック".into(), "健康".into()],
            variants: 8,
            schedule_days: vec![0, 3],
            ..Teasers::default()
        },
        "one" => Teasers {
            variants: 1,
            utm: false,
            schedule_days: Vec::new(),
            ..Teasers::default()
        },
        other => panic!("no configuration {other:?}"),
    }
}

const CONFIGS: [&str; 3] = ["default", "many", "one"];

/// Everything written for one golden article, as its `.txt` holds it.
fn render(f: &Fixture) -> String {
    let mut out = format!(
        "# The teasers of {}.md, as `cargo test --test it teaser_outputs` checks them.\n",
        f.name
    );
    let input = f.input();
    for name in &f.golden_configs {
        let c = config(name);
        let g = generate(&input, &c);
        writeln!(
            out,
            "\n== {name}: variants = {}, utm = {}, schedule_days = {:?}, hashtags = {:?}",
            c.variants, c.utm, c.schedule_days, c.hashtags
        )
        .unwrap();
        for t in &g.x {
            let (n, date, weight) = (t.variant, t.suggested_date, t.weighted_length);
            writeln!(out, "\nX v{n} · {date} · {weight}/280").unwrap();
            indent(&mut out, &t.text);
        }
        let l = g.line.as_ref().expect("a LINE message");
        let (date, len) = (l.suggested_date, l.utf16_len);
        writeln!(out, "\nLINE · {date} · {len}/{LINE_MAX_UTF16} UTF-16").unwrap();
        indent(&mut out, &l.text);
        if g.warnings.is_empty() {
            writeln!(out, "\nwarnings: none").unwrap();
        } else {
            writeln!(out, "\nwarnings:").unwrap();
            for w in &g.warnings {
                writeln!(out, "  - {}\n    {}", w.ja, w.en).unwrap();
            }
        }
    }
    out
}

/// `text`, each line indented; empty lines stay empty.
fn indent(out: &mut String, text: &str) {
    for line in text.split('\n') {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

#[test]
fn goldens_are_what_was_reviewed() {
    let bless = std::env::var_os("CLINOTE_BLESS_TEASERS").is_some();
    let goldens = goldens();
    assert!(goldens.len() >= 8, "only {} golden articles", goldens.len());
    let mut differ = Vec::new();
    for f in &goldens {
        let path = dir().join(format!("{}.txt", f.name));
        let now = render(f);
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        if now == before {
            continue;
        }
        if bless {
            std::fs::write(&path, &now).unwrap();
            continue;
        }
        let (line, (was, is)) = before
            .lines()
            .chain(std::iter::repeat("(end of file)"))
            .zip(now.lines().chain(std::iter::repeat("(end of file)")))
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap();
        differ.push(format!(
            "{}.txt, line {}:\n  reviewed: {was}\n  now:      {is}",
            f.name,
            line + 1
        ));
    }
    // A golden whose article is gone.
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") && !path.with_extension("md").exists() {
            differ.push(format!("{} has no .md", path.display()));
        }
    }
    assert!(
        differ.is_empty(),
        "teasers differ from the reviewed goldens:\n{}\nIf the change is meant: \
         CLINOTE_BLESS_TEASERS=1 cargo test --test it teaser_outputs, then review \
         `git diff tests/data/teaser-golden`.",
        differ.join("\n")
    );
}

#[test]
fn every_fixture_article_keeps_the_invariants() {
    let goldens = goldens();
    let inputs = inputs();
    assert!(
        inputs.len() >= 20,
        "only {} articles in inputs.json",
        inputs.len()
    );
    let mut failed = Vec::new();
    for f in goldens.iter().chain(&inputs) {
        for name in CONFIGS {
            let config = config(name);
            let input = f.input();
            // Every failure is listed; each one's message is printed above the list.
            let checked = std::panic::catch_unwind(|| {
                let g = fuzz_cases::teasers_hold(&input, &config);
                links_are_the_articles(&input, &config, &g);
                own_teasers_come_first_as_written(&input, &config, &g);
                share_links_hold_the_whole_text(&g);
            });
            if checked.is_err() {
                failed.push(format!("{} [{name}]", f.name));
            }
        }
    }
    assert!(failed.is_empty(), "failed for {failed:?}");
}

/// Each link is the article's canonical URL, made ASCII, with this post's UTM parameters when
/// `utm` is on (before any `#fragment`), and X links all of it. A canonical URL that is not
/// absolute is used as written, with a warning.
pub(crate) fn links_are_the_articles(input: &ArticleInput<'_>, config: &Teasers, g: &Generated) {
    let canonical = url::Url::parse(input.canonical_url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let Some(canonical) = canonical else {
        let raw = input.canonical_url.trim();
        assert!(
            g.x.iter().all(|t| t.url == raw) && g.line.as_ref().expect("a LINE message").url == raw
        );
        assert!(
            g.warnings
                .iter()
                .any(|w| w.en.contains("not an absolute URL"))
        );
        return;
    };
    let utm = |source: &str, content: Option<String>| -> Vec<(String, String)> {
        let mut pairs = vec![
            ("utm_source".to_string(), source.to_string()),
            ("utm_medium".into(), "social".into()),
            ("utm_campaign".into(), input.slug.to_string()),
        ];
        pairs.extend(content.map(|c| ("utm_content".to_string(), c)));
        pairs
    };
    let check = |link: &str, added: Vec<(String, String)>| {
        assert!(link.is_ascii(), "{link}");
        let mut url = url::Url::parse(link).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let mut want: Vec<(String, String)> = canonical.query_pairs().into_owned().collect();
        if config.utm {
            want.extend(added);
        }
        assert_eq!(pairs, want, "{link}");
        let mut bare = canonical.clone();
        bare.set_query(None);
        url.set_query(None);
        assert_eq!(url, bare, "{link}");
    };
    // X links no host under a TLD it does not know (the demo's `.example`); any other, it
    // links to the end of the link, never stopping short of it.
    let mut site = canonical.clone();
    site.set_path("/");
    site.set_query(None);
    site.set_fragment(None);
    let x_links_the_site = !parse(site.as_str()).urls.is_empty();
    for t in &g.x {
        check(&t.url, utm("x", Some(format!("v{}", t.variant))));
        if x_links_the_site {
            assert_eq!(parse(&t.text).urls.last(), Some(&t.url), "{}", t.text);
        }
    }
    check(
        &g.line.as_ref().expect("a LINE message").url,
        utm("line", None),
    );
}

/// The writer's teasers come first, in order, each as written (NFC, each line trimmed) with
/// the hashtags it lacks; one shortened from the end has a warning, and so has each one
/// left out.
pub(crate) fn own_teasers_come_first_as_written(
    input: &ArticleInput<'_>,
    config: &Teasers,
    g: &Generated,
) {
    let said = |n: usize, what: &str| {
        g.warnings
            .iter()
            .any(|w| w.en.starts_with(&format!("teaser {n} ")) && w.en.contains(what))
    };
    let used: Vec<(usize, String)> = input
        .own_teasers
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| {
            let text: String = raw
                .nfc()
                .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\r'))
                .collect();
            let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
            (!lines.is_empty()).then(|| (i + 1, lines.join("\n")))
        })
        .filter(|(n, _)| !said(*n, "cannot fit") && !said(*n, "repeats another post"))
        .collect();
    assert_eq!(used.len(), fuzz_cases::own_posts(input, g));
    let hashtags = fuzz_cases::expected_hashtags(input, config);
    for (t, (n, written)) in g.x.iter().zip(&used) {
        // The hashtags it does not have already, keeping to three in all.
        let present: Vec<String> = parse(written)
            .hashtags
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        let tags: Vec<String> = hashtags
            .iter()
            .filter(|h| !present.contains(&h.to_lowercase()))
            .take(3usize.saturating_sub(present.len()))
            .map(|h| format!("#{h}"))
            .collect();
        let rest = t.text.strip_suffix(&format!("\n{}", t.url)).unwrap();
        let tag_line = format!("\n{}", tags.join(" "));
        let body = match rest.strip_suffix(&tag_line) {
            Some(body) if !tags.is_empty() => body,
            _ => rest,
        };
        if said(*n, "was shortened") {
            let head = body.strip_suffix('…').unwrap_or(body);
            assert!(
                written.starts_with(head) && head.len() < written.len(),
                "teaser {n} {written:?} shortened to {body:?}"
            );
        } else {
            assert_eq!(body, written, "teaser {n} not as written");
        }
    }
}

/// The composer links (X's intent, LINE's share) carry exactly the text.
pub(crate) fn share_links_hold_the_whole_text(g: &Generated) {
    let decoded = |link: &str| {
        let (_, text) = link.split_once("text=").unwrap();
        percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .unwrap()
            .into_owned()
    };
    for t in &g.x {
        assert_eq!(decoded(&t.intent_url()), t.text);
    }
    assert_eq!(
        decoded(&g.line.as_ref().expect("a LINE message").intent_url()),
        g.line.as_ref().expect("a LINE message").text
    );
}
