//! The teasers of a few fixture articles (`tests/data/teaser-golden/`, see its README), each
//! chosen for a kind of writing the generator treats differently: `<name>.md` is the article,
//! `<name>.txt` every X post, the LINE message and the warnings written for it, under the
//! configurations its front matter names. To accept a deliberate change:
//! `CLINOTE_BLESS_TEASERS=1 cargo test --test it teaser_outputs`, then review the diff of the
//! `.txt` files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clinote::config::{Language, Teasers};
use clinote::teaser::{ArticleInput, LINE_MAX_UTF16, generate};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/teaser-golden")
}

/// One fixture article: the front matter of a golden's `.md`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    /// The file's name without `.md`.
    #[serde(skip)]
    name: String,
    /// The configurations its `.txt` is written under (see [`config`]).
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
        let l = &g.line;
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
    assert!(
        differ.is_empty(),
        "teasers differ from the reviewed goldens:\n{}\nIf the change is meant: \
         CLINOTE_BLESS_TEASERS=1 cargo test --test it teaser_outputs, then review \
         `git diff tests/data/teaser-golden`.",
        differ.join("\n")
    );
}
