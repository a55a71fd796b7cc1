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
//!
//! Loading (the TOML shapes, compiling the patterns) is in `load`; the one-pass word search
//! in `words`.

mod error;
mod load;
mod words;

// aHash, not SipHash: rules and word lists are looked up by name for every article.
use ahash::AHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::context::{Guard, Lexicons};
use super::{Category, Severity};

use self::words::WordSet;

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

static NEVER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s\S]").expect("never-match"));

impl Rule {
    /// One of the rule's own word lists, compiled; a list that does not exist matches nothing
    /// (a test checks that every list the code asks for exists, and debug builds stop on one
    /// asked for that is not there: narrated-testimonial once read a list only another rule
    /// has, and a whole branch of it never matched).
    pub(crate) fn lex(&self, name: &str) -> &Regex {
        debug_assert!(
            self.lexicon.contains_key(name),
            "{}: no word list {name:?}",
            self.id
        );
        self.lexicon.get(name).unwrap_or(&NEVER)
    }

    /// A word list the rule may not have (code shared by rules whose lists differ).
    pub(crate) fn lex_if(&self, name: &str) -> Option<&Regex> {
        self.lexicon.get(name)
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

pub(crate) static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| load::load().unwrap_or_else(|e| panic!("embedded check rules: {e}")));

impl Lexicons for Registry {
    fn shared(&self, name: &str) -> &Regex {
        Registry::shared(self, name)
    }
}
