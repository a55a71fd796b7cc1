//! `[check]` in `clinote.toml`: how strict `clinote check` and `build` are.
//!
//! ```toml
//! [check]
//! enabled = true                             # false: no checks at all
//! fail_build = true
//! allow = ["日本内科学会"]                 # phrases this site may use
//! deny = ["地域密着No.1", { phrase = "最短即日", category = "exaggeration" }]
//! rules = { "superiority-claim" = "warning", readability = "off", "kanji-run" = "info" }
//! readability = { kanji_ratio = 0.35, sentence_chars = 100, kanji_run = 7, commas = 4 }
//! external = { skip = ["https://x.com/"], timeout = 10 }   # for `clinote check --external`
//! ```
//!
//! `rules` takes a rule id (`clinote check --explain RULE`) or a category id (`comparative`,
//! `exaggeration`, `testimonial`, `before_after`, `price_emphasis`, `unapproved`, `disclosure`,
//! `privacy`, `readability`); a rule id wins over its category.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Keys of `[check]`, for "did you mean" hints on unknown ones.
pub const CONFIG_KEYS: &[&str] = &[
    "enabled",
    "fail_build",
    "allow",
    "deny",
    "rules",
    "readability",
    "external",
];

/// Keys of `[check.external]`, for "did you mean" hints on unknown ones.
pub const EXTERNAL_KEYS: &[&str] = &["skip", "timeout"];

/// Keys of `[check.readability]`, for "did you mean" hints on unknown ones.
pub const READABILITY_KEYS: &[&str] = &[
    "kanji_ratio",
    "sentence_chars",
    "kanji_run",
    "commas",
    "max_findings",
];

/// The site's settings for checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct CheckConfig {
    /// Whether articles and posts are checked at all (for a site that checks elsewhere).
    pub enabled: bool,
    /// Whether error findings stop `clinote build` (the last good output stays).
    pub fail_build: bool,
    /// Phrases this site may use even where a rule would flag them (a finding that overlaps
    /// one is dropped; a kanji run inside one is not reported).
    pub allow: Vec<String>,
    /// Extra phrases this site never wants published (reported as errors).
    pub deny: Vec<Deny>,
    /// Per-rule severity: `"error"`, `"warning"`, `"info"` or `"off"`, by rule id or category id.
    pub rules: IndexMap<String, String>,
    pub readability: Readability,
    pub external: External,
}

/// How `clinote check --external` asks other sites.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct External {
    /// Addresses starting with one of these are not asked (sites that turn robots away).
    pub skip: Vec<String>,
    /// Seconds one request may take, redirects included.
    pub timeout: u64,
}

impl Default for External {
    fn default() -> Self {
        External {
            skip: Vec::new(),
            timeout: 10,
        }
    }
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            enabled: true,
            fail_build: true,
            allow: Vec::new(),
            deny: Vec::new(),
            rules: IndexMap::new(),
            readability: Readability::default(),
            external: External::default(),
        }
    }
}

/// One entry of `deny`: a bare phrase, or a phrase with its category and wording.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Deny {
    Phrase(String),
    Detailed {
        phrase: String,
        /// A category id (`comparative`, …); `exaggeration` when not given.
        #[serde(default)]
        category: Option<String>,
        /// The message to show instead of the standard one.
        #[serde(default)]
        message: Option<String>,
        #[serde(default)]
        suggestion: Option<String>,
    },
}

impl Deny {
    pub fn phrase(&self) -> &str {
        match self {
            Deny::Phrase(p) | Deny::Detailed { phrase: p, .. } => p,
        }
    }
}

impl From<&str> for Deny {
    fn from(s: &str) -> Self {
        Deny::Phrase(s.to_string())
    }
}

/// Thresholds past which readability findings are reported.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Readability {
    /// Share of kanji among Japanese letters, per article (reported above it).
    pub kanji_ratio: f64,
    /// Characters in one sentence (reported above it).
    pub sentence_chars: usize,
    /// Kanji in a row (reported from this length on).
    pub kanji_run: usize,
    /// 読点 (、) in one sentence (reported from this count on).
    pub commas: usize,
    /// At most this many findings per readability rule and article (the rest are counted in
    /// the stats only), so one dense article does not drown the others.
    pub max_findings: usize,
}

impl Default for Readability {
    fn default() -> Self {
        Readability {
            kanji_ratio: 0.35,
            sentence_chars: 100,
            kanji_run: 7,
            commas: 4,
            max_findings: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_both_deny_forms() {
        let c: CheckConfig = toml::from_str(
            r#"
            fail_build = false
            allow = ["日本内科学会"]
            deny = ["地域密着No.1", { phrase = "最短即日", category = "exaggeration" }]
            rules = { "superiority-claim" = "warning", readability = "off" }
            readability = { kanji_ratio = 0.4, sentence_chars = 90, kanji_run = 7, commas = 5, max_findings = 2 }
            "#,
        )
        .unwrap();
        assert!(!c.fail_build);
        assert_eq!(c.deny[0], Deny::Phrase("地域密着No.1".into()));
        assert_eq!(c.deny[1].phrase(), "最短即日");
        assert_eq!(c.rules["readability"], "off");
        assert_eq!(c.readability.max_findings, 2);
        // Every key the struct reads is listed for "did you mean" hints.
        let json = serde_json::to_value(CheckConfig::default()).unwrap();
        let sorted = |v: &serde_json::Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let listed = |l: &[&str]| {
            let mut k: Vec<String> = l.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        assert_eq!(sorted(&json), listed(CONFIG_KEYS));
        assert_eq!(sorted(&json["readability"]), listed(READABILITY_KEYS));
        assert_eq!(sorted(&json["external"]), listed(EXTERNAL_KEYS));
    }
}
