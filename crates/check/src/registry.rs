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
//! - `phrase` rules are run by [`super::phrases`]: in a sentence holding one of the rule's
//!   `triggers` (plain words, all rules' found in one pass, see [`WordSet`]), a pattern match
//!   is kept unless a guard says the context makes it fine;
//! - `code` rules (privacy numbers, page-level disclosures, readability) have their logic in a
//!   module of their own and take only their lexicons, message and docs from here.
//!
//! Everything compiles on first use (`LazyLock`); the embedded data is tested, so a broken
//! pattern fails `cargo test`, not a build.

// aHash, not SipHash: rules and word lists are looked up by name for every article.
use ahash::AHashMap as HashMap;
use std::sync::LazyLock;

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;

use super::context::Guard;
use super::{Category, Severity};

/// Shared lists whose words mark a sentence as being about a patient (privacy).
const STORY_LISTS: &[&str] = &["patient_event", "disease"];

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
    /// The rule's trigger words: a sentence without any is skipped (see [`WordSet`]).
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the trigger-coverage test")
    )]
    pub triggers: Vec<String>,
    pub message: String,
    pub suggestion: Option<String>,
    pub unless: Vec<Guard>,
    pub requires: Vec<Guard>,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub patterns: Vec<Pattern>,
    lexicon: HashMap<String, Regex>,
    pub explain: String,
    /// Examples that must not / must be reported, run by a test.
    #[cfg_attr(not(test), allow(dead_code, reason = "run by the rule-examples test"))]
    pub pass: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code, reason = "run by the rule-examples test"))]
    pub fail: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code, reason = "run by the rule-examples test"))]
    pub pass_teaser: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code, reason = "run by the rule-examples test"))]
    pub fail_teaser: Vec<String>,
}

/// The lazy DFA's cache per regex. The default (2 MB) fills up on Japanese text with large
/// character classes; the regex crate then clears it, and after repeated clears falls back
/// to a much slower engine. A larger cache is allocated only as states are built.
const DFA_CACHE: usize = 32 << 20;

static NEVER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s\S]").expect("never-match"));

impl Rule {
    /// One of the rule's own word lists, compiled; a list that does not exist matches nothing
    /// (a test checks that every list the code asks for exists).
    pub(crate) fn lex(&self, name: &str) -> &Regex {
        self.lexicon.get(name).unwrap_or(&NEVER)
    }

    #[cfg(test)]
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
    /// Every rule's trigger words and the privacy story words, for the one pass over an
    /// article's text (see [`Registry::scan`]).
    words: WordSet<Tag>,
}

/// What a word found by the scan stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A trigger word of the rule with this index.
    Trigger(usize),
    /// A word of `patient_event` or `disease`: the sentence is about a patient.
    Story,
}

/// What one pass over an article's text found: which sentences each rule should look at,
/// and which sentences tell of a patient.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// `(sentence, rule)`, sorted, without duplicates.
    pub triggered: Vec<(usize, usize)>,
    /// Sentence indices, sorted, without duplicates.
    pub story: Vec<usize>,
}

impl Scan {
    /// The sentences where `rule` has a trigger word, in order.
    pub(crate) fn sentences_for(&self, rule: usize) -> impl Iterator<Item = usize> + '_ {
        self.triggered
            .iter()
            .filter(move |&&(_, r)| r == rule)
            .map(|&(s, _)| s)
    }
}

/// Finds a set of plain words in one pass over the characters of a text, each word carrying
/// a value (the rule it triggers, …).
///
/// This beats a regex alternation here: the regex crate trims a set of more than ten literals
/// to their first few bytes, and Japanese words share their first bytes, so its prefilter
/// would stop at almost every character. Instead, each step looks at the pair (previous
/// character, this character) in a bitmap of the words' first two characters (hashed, 8 KB,
/// so it stays in the L1 cache); only on a hit are the words starting with the previous
/// character compared. One-character words have a bitmap of their own.
pub(crate) struct WordSet<T> {
    /// Bits for hashed (first, second) character pairs of words of two or more characters.
    pairs: Vec<u64>,
    /// Bits for hashed characters that are one-character words.
    singles: Vec<u64>,
    /// Words by first character.
    words: HashMap<char, Vec<(String, T)>>,
}

fn bit(hash: usize) -> (usize, u64) {
    let h = hash & 0xFFFF;
    (h / 64, 1 << (h % 64))
}

fn pair_hash(a: char, b: char) -> usize {
    (((a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32)).wrapping_mul(0x85EB_CA6B) >> 16) as usize
}

impl<T> Default for WordSet<T> {
    fn default() -> Self {
        WordSet {
            pairs: vec![0; 1024],
            singles: vec![0; 1024],
            words: HashMap::new(),
        }
    }
}

impl<T: Copy> WordSet<T> {
    pub(crate) fn add(&mut self, word: &str, value: T) {
        let mut chars = word.chars();
        let Some(c) = chars.next() else { return };
        let (i, b) = match chars.next() {
            Some(d) => bit(pair_hash(c, d)),
            None => bit(c as usize),
        };
        if word.chars().count() == 1 {
            self.singles[i] |= b;
        } else {
            self.pairs[i] |= b;
        }
        let list = self.words.entry(c).or_default();
        list.push((word.to_string(), value));
        // Longest first.
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// Calls `found(byte offset, word length, value)` for every word in `text` (overlapping
    /// ones included), in text order.
    pub(crate) fn scan(&self, text: &str, mut found: impl FnMut(usize, usize, T)) {
        if self.words.is_empty() {
            return;
        }
        let mut emit = |at: usize, c: char, single: bool| {
            if let Some(list) = self.words.get(&c) {
                let rest = &text.as_bytes()[at..];
                for (word, value) in list {
                    let one = word.len() == c.len_utf8();
                    if one == single && rest.starts_with(word.as_bytes()) {
                        found(at, word.len(), *value);
                    }
                }
            }
        };
        let mut prev: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            if let Some((j, p)) = prev {
                let (w, b) = bit(pair_hash(p, c));
                if self.pairs[w] & b != 0 {
                    emit(j, p, false);
                }
            }
            let (w, b) = bit(c as usize);
            if self.singles[w] & b != 0 {
                emit(i, c, true);
            }
            prev = Some((i, c));
        }
    }
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

    /// Finds every trigger word and story word in the prose, in one pass.
    pub(crate) fn scan(&self, prose: &super::prose::Prose) -> Scan {
        let mut scan = Scan::default();
        let mut last = None;
        self.words.scan(&prose.text, |at, _, tag| {
            let Some(si) = prose.sentence_at(at) else {
                return;
            };
            if last == Some((si, tag)) {
                return;
            }
            last = Some((si, tag));
            match tag {
                Tag::Trigger(rule) => scan.triggered.push((si, rule)),
                Tag::Story => scan.story.push(si),
            }
        });
        scan.triggered.sort_unstable();
        scan.triggered.dedup();
        scan.story.sort_unstable();
        scan.story.dedup();
        scan
    }

    #[cfg(test)]
    pub(crate) fn has_shared(&self, name: &str) -> bool {
        self.shared.contains_key(name)
    }
}

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

pub(crate) static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| load().unwrap_or_else(|e| panic!("embedded check rules: {e}")));

fn load() -> Result<Registry, String> {
    let mut specs = Vec::new();
    let mut shared_raw: IndexMap<String, String> = IndexMap::new();
    // Shared lists whose entries are all plain words (no regex syntax).
    let mut shared_plain: IndexMap<String, Vec<String>> = IndexMap::new();
    for (name, text) in FILES {
        let file: FileSpec = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
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
    let compile = |s: &str, own: &IndexMap<String, String>| -> Result<Regex, String> {
        let expanded = expand(s, own)?;
        match precompiled.get(&expanded) {
            Some(re) => Ok(re.clone()),
            None => {
                #[cfg(test)]
                MISSED_AHEAD.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                build(&expanded).map_err(|e| format!("{s}: {e}"))
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
            .ok_or_else(|| format!("context.toml: {name} must be a list of plain words"))?;
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
