//! The rule registry: every rule's data, loaded once from the TOML files under `rules/`.
//!
//! Each file holds one family of rules (a category), each rule with its id, category,
//! severity, Japanese message, suggested rewording, trigger patterns, the context guards that
//! keep it quiet (negation, questions, general facts, …: see [`super::context`]), its
//! documentation for `clinote check --explain`, and `pass`/`fail` examples that a unit test runs.
//! `rules/context.toml` holds the shared word lists ("lexicons") that guards and patterns use;
//! a pattern names one as `{{name}}`.
//!
//! Two engines read the data:
//! - `phrase` rules are run by [`super::phrases`]: a pattern match in a sentence, kept unless a
//!   guard says the context makes it fine;
//! - `code` rules (privacy numbers, page-level disclosures, readability) have their logic in a
//!   module of their own and take only their lexicons, message and docs from here.
//!
//! Everything compiles on first use (`LazyLock`); the embedded data is tested, so a broken
//! pattern fails `cargo test`, not a build.

use std::collections::HashMap;
use std::sync::LazyLock;

use indexmap::IndexMap;
use regex::{Regex, RegexSet};
use serde::Deserialize;

use super::context::Guard;
use super::{Category, Severity};

/// The rule files, in the order `--explain` lists them.
const FILES: &[(&str, &str)] = &[
    ("context.toml", include_str!("rules/context.toml")),
    ("comparative.toml", include_str!("rules/comparative.toml")),
    ("exaggeration.toml", include_str!("rules/exaggeration.toml")),
    ("testimonial.toml", include_str!("rules/testimonial.toml")),
    ("before_after.toml", include_str!("rules/before_after.toml")),
    (
        "price_emphasis.toml",
        include_str!("rules/price_emphasis.toml"),
    ),
    ("unapproved.toml", include_str!("rules/unapproved.toml")),
    ("disclosure.toml", include_str!("rules/disclosure.toml")),
    ("privacy.toml", include_str!("rules/privacy.toml")),
    ("readability.toml", include_str!("rules/readability.toml")),
    ("meta.toml", include_str!("rules/meta.toml")),
];

/// Where a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    #[default]
    All,
    Article,
    Teaser,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Engine {
    #[default]
    Phrase,
    Code,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    lexicon: IndexMap<String, LexSpec>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LexSpec {
    One(String),
    Many(Vec<String>),
}

impl LexSpec {
    fn alternation(&self) -> String {
        match self {
            LexSpec::One(s) => format!("(?:{s})"),
            LexSpec::Many(v) => format!("(?:{})", v.join("|")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    category: Category,
    severity: Severity,
    #[serde(default)]
    teaser_severity: Option<Severity>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    engine: Engine,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    unless: Vec<Guard>,
    #[serde(default)]
    requires: Vec<Guard>,
    #[serde(default)]
    not_before: Option<String>,
    #[serde(default)]
    not_after: Option<String>,
    #[serde(default)]
    patterns: Vec<PatternSpec>,
    #[serde(default)]
    lexicon: IndexMap<String, LexSpec>,
    docs: Docs,
    #[serde(default)]
    pass: Vec<String>,
    #[serde(default)]
    fail: Vec<String>,
    #[serde(default)]
    pass_teaser: Vec<String>,
    #[serde(default)]
    fail_teaser: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PatternSpec {
    Re(String),
    Full {
        re: String,
        #[serde(default)]
        unless: Vec<Guard>,
        #[serde(default)]
        requires: Vec<Guard>,
        #[serde(default)]
        suggestion: Option<String>,
        #[serde(default)]
        not_before: Option<String>,
        #[serde(default)]
        not_after: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Docs {
    what: String,
    why: String,
    example: String,
    instead: String,
}

/// One compiled trigger of a phrase rule.
#[derive(Debug)]
pub(crate) struct Pattern {
    pub re: Regex,
    pub unless: Vec<Guard>,
    pub requires: Vec<Guard>,
    pub suggestion: Option<String>,
    /// Tested on the sentence text before the match (write it with `$`).
    pub not_before: Option<Regex>,
    /// Tested on the sentence text after the match (write it with `^`).
    pub not_after: Option<Regex>,
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub teaser_severity: Option<Severity>,
    pub scope: Scope,
    pub engine: Engine,
    pub message: String,
    pub suggestion: Option<String>,
    pub unless: Vec<Guard>,
    pub requires: Vec<Guard>,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub patterns: Vec<Pattern>,
    lexicon: HashMap<String, Regex>,
    pub explain: String,
    pub pass: Vec<String>,
    pub fail: Vec<String>,
    pub pass_teaser: Vec<String>,
    pub fail_teaser: Vec<String>,
}

static NEVER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s\S]").expect("never-match"));

impl Rule {
    /// One of the rule's own word lists, compiled; a list that does not exist matches nothing
    /// (a test checks that every list the code asks for exists).
    pub(crate) fn lex(&self, name: &str) -> &Regex {
        self.lexicon.get(name).unwrap_or(&NEVER)
    }

    pub(crate) fn has_lex(&self, name: &str) -> bool {
        self.lexicon.contains_key(name)
    }

    pub(crate) fn runs_in(&self, teaser: bool) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::Article => !teaser,
            Scope::Teaser => teaser,
        }
    }
}

pub(crate) struct Registry {
    pub rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
    shared: HashMap<String, Regex>,
    /// Every phrase pattern, for one pass that tells which could match a sentence.
    pub phrase_set: RegexSet,
    /// `(rule index, pattern index)` for each pattern of `phrase_set`.
    pub phrase_index: Vec<(usize, usize)>,
}

impl Registry {
    pub(crate) fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    pub(crate) fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A shared word list from `rules/context.toml`.
    pub(crate) fn shared(&self, name: &str) -> &Regex {
        self.shared.get(name).unwrap_or(&NEVER)
    }

    pub(crate) fn has_shared(&self, name: &str) -> bool {
        self.shared.contains_key(name)
    }
}

pub(crate) static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| load().unwrap_or_else(|e| panic!("embedded check rules: {e}")));

fn load() -> Result<Registry, String> {
    let mut specs = Vec::new();
    let mut shared_raw: IndexMap<String, String> = IndexMap::new();
    for (name, text) in FILES {
        let file: FileSpec = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        for (k, v) in file.lexicon {
            shared_raw.insert(k, v.alternation());
        }
        specs.extend(file.rule);
    }
    let expand = |s: &str, own: &IndexMap<String, String>| -> Result<String, String> {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find("{{") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let j = after
                .find("}}")
                .ok_or_else(|| format!("unclosed {{{{ in {s}"))?;
            let name = &after[..j];
            let alt = own
                .get(name)
                .or_else(|| shared_raw.get(name))
                .ok_or_else(|| format!("unknown lexicon {{{{{name}}}}} in {s}"))?;
            out.push_str(alt);
            rest = &after[j + 2..];
        }
        out.push_str(rest);
        Ok(out)
    };
    let compile = |s: &str, own: &IndexMap<String, String>| -> Result<Regex, String> {
        let expanded = expand(s, own)?;
        Regex::new(&expanded).map_err(|e| format!("{s}: {e}"))
    };
    let none = IndexMap::new();
    let mut shared = HashMap::new();
    for (k, v) in &shared_raw {
        shared.insert(k.clone(), compile(v, &none)?);
    }

    let mut rules = Vec::new();
    let mut by_id = HashMap::new();
    let mut set_patterns = Vec::new();
    let mut phrase_index = Vec::new();
    for spec in specs {
        let own: IndexMap<String, String> = spec
            .lexicon
            .iter()
            .map(|(k, v)| (k.clone(), v.alternation()))
            .collect();
        let opt = |s: &Option<String>| s.as_deref().map(|s| compile(s, &own)).transpose();
        let mut lexicon = HashMap::new();
        for (k, v) in &own {
            lexicon.insert(
                k.clone(),
                compile(v, &own).map_err(|e| format!("{}: {e}", spec.id))?,
            );
        }
        let mut patterns = Vec::new();
        for p in &spec.patterns {
            let pattern = match p {
                PatternSpec::Re(re) => Pattern {
                    re: compile(re, &own)?,
                    unless: Vec::new(),
                    requires: Vec::new(),
                    suggestion: None,
                    not_before: None,
                    not_after: None,
                },
                PatternSpec::Full {
                    re,
                    unless,
                    requires,
                    suggestion,
                    not_before,
                    not_after,
                } => Pattern {
                    re: compile(re, &own)?,
                    unless: unless.clone(),
                    requires: requires.clone(),
                    suggestion: suggestion.clone(),
                    not_before: opt(not_before)?,
                    not_after: opt(not_after)?,
                },
            };
            if spec.engine == Engine::Phrase {
                set_patterns.push(pattern.re.as_str().to_string());
                phrase_index.push((rules.len(), patterns.len()));
            }
            patterns.push(pattern);
        }
        let explain = format!(
            "{id}（{cat}・{sev}）\n\n## 何を見るか (What it does)\n{what}\n\n## なぜ問題か (Why)\n{why}\n\n## 例 (Example)\n{example}\n\n## 言い換え (Use instead)\n{instead}\n",
            id = spec.id,
            cat = spec.category.guideline_name(),
            sev = spec.severity.as_str(),
            what = spec.docs.what.trim(),
            why = spec.docs.why.trim(),
            example = spec.docs.example.trim(),
            instead = spec.docs.instead.trim(),
        );
        if by_id.insert(spec.id.clone(), rules.len()).is_some() {
            return Err(format!("duplicate rule id {}", spec.id));
        }
        rules.push(Rule {
            not_before: opt(&spec.not_before)?,
            not_after: opt(&spec.not_after)?,
            id: spec.id,
            category: spec.category,
            severity: spec.severity,
            teaser_severity: spec.teaser_severity,
            scope: spec.scope,
            engine: spec.engine,
            message: spec.message.trim().to_string(),
            suggestion: spec.suggestion,
            unless: spec.unless,
            requires: spec.requires,
            patterns,
            lexicon,
            explain,
            pass: spec.pass,
            fail: spec.fail,
            pass_teaser: spec.pass_teaser,
            fail_teaser: spec.fail_teaser,
        });
    }
    let phrase_set = RegexSet::new(&set_patterns).map_err(|e| e.to_string())?;
    Ok(Registry {
        rules,
        by_id,
        shared,
        phrase_set,
        phrase_index,
    })
}
