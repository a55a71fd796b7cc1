//! `[check]` in `clinote.toml`: how strict `clinote check` and `build` are.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Keys of `[check]`, for "did you mean" hints on unknown ones.
pub const CONFIG_KEYS: &[&str] = &["fail_build", "allow", "deny", "rules", "readability"];

/// The site's settings for checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct CheckConfig {
    /// Whether error findings stop `clinote build` (the last good output stays).
    pub fail_build: bool,
    /// Phrases this site may use even where a rule would flag them.
    pub allow: Vec<String>,
    /// Extra phrases this site never wants published (reported as errors).
    pub deny: Vec<String>,
    /// Per-rule severity: `"error"`, `"warning"`, `"info"` or `"off"`, by rule id.
    pub rules: IndexMap<String, String>,
    pub readability: Readability,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            fail_build: true,
            allow: Vec::new(),
            deny: Vec::new(),
            rules: IndexMap::new(),
            readability: Readability::default(),
        }
    }
}

/// Thresholds past which readability findings are reported.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Readability {
    /// Share of kanji among Japanese letters, per article.
    pub kanji_ratio: f64,
    /// Characters in one sentence.
    pub sentence_chars: usize,
    /// Kanji in a row.
    pub kanji_run: usize,
    /// 読点 (、) in one sentence.
    pub commas: usize,
}

impl Default for Readability {
    fn default() -> Self {
        Readability {
            kanji_ratio: 0.35,
            sentence_chars: 100,
            kanji_run: 6,
            commas: 4,
        }
    }
}
