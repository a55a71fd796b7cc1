//! Loading the rules: the TOML files' shapes, their patterns expanded with the word lists
//! and compiled (ahead, on all cores), into the [`Registry`].

// aHash, not SipHash: rules and word lists are looked up by name for every article.
use ahash::AHashMap as HashMap;

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;

use super::error::LoadError;
use super::{Engine, Pattern, Registry, Rule, Scope, Tag, WordSet};
use crate::context::Guard;
use crate::{Category, Severity};

/// Shared lists whose words mark a sentence as being about a patient (privacy).
const STORY_LISTS: &[&str] = &["patient_event", "disease"];

/// The rule files, in the order `--explain` lists them.
const FILES: &[(&str, &str)] = &[
    ("context.toml", include_str!("../rules/context.toml")),
    (
        "comparative.toml",
        include_str!("../rules/comparative.toml"),
    ),
    (
        "exaggeration.toml",
        include_str!("../rules/exaggeration.toml"),
    ),
    (
        "testimonial.toml",
        include_str!("../rules/testimonial.toml"),
    ),
    (
        "before_after.toml",
        include_str!("../rules/before_after.toml"),
    ),
    (
        "price_emphasis.toml",
        include_str!("../rules/price_emphasis.toml"),
    ),
    ("unapproved.toml", include_str!("../rules/unapproved.toml")),
    ("disclosure.toml", include_str!("../rules/disclosure.toml")),
    ("privacy.toml", include_str!("../rules/privacy.toml")),
    (
        "readability.toml",
        include_str!("../rules/readability.toml"),
    ),
    ("meta.toml", include_str!("../rules/meta.toml")),
];

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
    #[serde(default)]
    triggers: Vec<String>,
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

impl RuleSpec {
    /// The rule's own lexicon entries as regex alternations, by name.
    fn own_lexicon(&self) -> IndexMap<String, String> {
        self.lexicon
            .iter()
            .map(|(k, v)| (k.clone(), v.alternation()))
            .collect()
    }
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

/// The lazy DFA's cache per regex. The default (2 MB) fills up on Japanese text with large
/// character classes; the regex crate then clears it, and after repeated clears falls back
/// to a much slower engine. A larger cache is allocated only as states are built.
const DFA_CACHE: usize = 32 << 20;

/// Compiles `sources` on threads of their own, one per core, each taking the next source as
/// it is free. Not rayon's: the registry is a lazy static, and a rayon task waiting on it
/// would keep the pool's workers from the compiling it waits for.
fn compile_all<E>(
    sources: &[String],
    build: &(dyn Fn(&str) -> Result<Regex, E> + Sync),
) -> HashMap<String, Regex> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len().max(1));
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(source) = sources.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if let Ok(re) = build(source) {
                            done.push((source.clone(), re));
                        }
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
}

/// Regexes that loading compiled on the spot because the list of those compiled ahead
/// missed them (a test keeps it at zero).
#[cfg(test)]
static MISSED_AHEAD: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub(super) fn load() -> Result<Registry, LoadError> {
    let mut specs = Vec::new();
    let mut shared_raw: IndexMap<String, String> = IndexMap::new();
    // Shared lists whose entries are all plain words (no regex syntax).
    let mut shared_plain: IndexMap<String, Vec<String>> = IndexMap::new();
    for (name, text) in FILES {
        let file: FileSpec = toml::from_str(text).map_err(|e| LoadError::File {
            file: name,
            error: Box::new(e),
        })?;
        for (k, v) in file.lexicon {
            shared_raw.insert(k.clone(), v.alternation());
            if let LexSpec::Many(list) = &v
                && list.iter().all(|w| regex::escape(w) == *w)
            {
                shared_plain.insert(k, list.clone());
            }
        }
        specs.extend(file.rule);
    }
    let expand = |s: &str, own: &IndexMap<String, String>| -> Result<String, LoadError> {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find("{{") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let j = after.find("}}").ok_or_else(|| LoadError::Unclosed {
                pattern: s.to_string(),
            })?;
            let name = &after[..j];
            let alt = own
                .get(name)
                .or_else(|| shared_raw.get(name))
                .ok_or_else(|| LoadError::UnknownLexicon {
                    name: name.to_string(),
                    pattern: s.to_string(),
                })?;
            out.push_str(alt);
            rest = &after[j + 2..];
        }
        out.push_str(rest);
        Ok(out)
    };
    let build = |expanded: &str| {
        regex::RegexBuilder::new(expanded)
            .dfa_size_limit(DFA_CACHE)
            .build()
    };
    // Compiling the rules' regexes is most of the loading (about 60 ms of one core): they
    // are compiled first, on all cores, each distinct one once. A regex the list below
    // misses is compiled where it is needed, so the list only makes loading faster.
    let none = IndexMap::new();
    let precompiled: HashMap<String, Regex> = {
        let mut sources: Vec<String> = shared_raw
            .values()
            .filter_map(|v| expand(v, &none).ok())
            .collect();
        for spec in &specs {
            let own = spec.own_lexicon();
            let mut add = |s: &str| sources.extend(expand(s, &own).ok());
            own.values().for_each(|v| add(v));
            for p in &spec.patterns {
                match p {
                    PatternSpec::Re(re) => add(re),
                    PatternSpec::Full {
                        re,
                        not_before,
                        not_after,
                        ..
                    } => {
                        add(re);
                        not_before.iter().chain(not_after).for_each(|s| add(s));
                    }
                }
            }
            spec.not_before
                .iter()
                .chain(&spec.not_after)
                .for_each(|s| add(s));
        }
        sources.sort_unstable();
        sources.dedup();
        compile_all(&sources, &build)
    };
    let compile = |s: &str, own: &IndexMap<String, String>| -> Result<Regex, LoadError> {
        let expanded = expand(s, own)?;
        match precompiled.get(&expanded) {
            Some(re) => Ok(re.clone()),
            None => {
                #[cfg(test)]
                MISSED_AHEAD.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                build(&expanded).map_err(|e| LoadError::Regex {
                    pattern: s.to_string(),
                    error: e,
                })
            }
        }
    };
    let mut shared = HashMap::new();
    for (k, v) in &shared_raw {
        shared.insert(k.clone(), compile(v, &none)?);
    }
    let mut words = WordSet::default();
    for name in STORY_LISTS {
        let list = shared_plain
            .get(*name)
            .ok_or(LoadError::NotPlainWords { name })?;
        for w in list {
            words.add(w, Tag::Story);
        }
    }

    let mut rules = Vec::new();
    let mut by_id = HashMap::new();
    for spec in specs {
        let own = spec.own_lexicon();
        let opt = |s: &Option<String>| s.as_deref().map(|s| compile(s, &own)).transpose();
        let mut lexicon = HashMap::new();
        for (k, v) in &own {
            lexicon.insert(
                k.clone(),
                compile(v, &own).map_err(|e| LoadError::InRule {
                    rule: spec.id.clone(),
                    error: Box::new(e),
                })?,
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
        for word in &spec.triggers {
            words.add(word, Tag::Trigger(rules.len()));
        }
        if by_id.insert(spec.id.clone(), rules.len()).is_some() {
            return Err(LoadError::DuplicateId { id: spec.id });
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
            triggers: spec.triggers,
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
    Ok(Registry {
        rules,
        by_id,
        shared,
        words,
    })
}

#[cfg(test)]
mod ahead_tests {
    use super::*;

    /// The rules load in a lazy static that rayon's workers wait on while a thread of its
    /// own loads it (see `check::prepare_rules`): loading must not need those workers.
    #[test]
    fn loading_needs_none_of_the_pools_workers() {
        static LAZY: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rules = LAZY.get_or_init(|| {
                // Long enough for every worker to be waiting below.
                std::thread::sleep(std::time::Duration::from_millis(100));
                load().unwrap().rules.len()
            });
            let _ = done.send(*rules);
        });
        std::thread::sleep(std::time::Duration::from_millis(20));
        let waiting = std::thread::spawn(|| rayon::broadcast(|_| *LAZY.wait()));
        let rules = finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("loading the rules waits for the workers that wait for it");
        assert!(rules > 0);
        assert!(waiting.join().unwrap().iter().all(|&n| n == rules));
    }

    #[test]
    fn every_regex_of_the_rules_is_compiled_ahead() {
        let registry = load().unwrap();
        assert!(!registry.rules.is_empty());
        assert_eq!(
            MISSED_AHEAD.load(std::sync::atomic::Ordering::Relaxed),
            0,
            "a regex field of the rules is missing from the list compiled ahead"
        );
    }
}
