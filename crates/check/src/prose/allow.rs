//! `clinote-allow` comments, in the body's HTML and in front matter: where they are and what
//! they allow.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{AllowComment, Prose};

pub(super) static ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*clinote-allow\s*:(.*?)-->").expect("allow-comment pattern")
});
static FRONT_ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*#\s*clinote-allow\s*:(.*)$").expect("front-matter allow pattern")
});

impl Prose {
    pub(super) fn front_matter_allows(&mut self, front: &str) {
        for caps in FRONT_ALLOW_RE.captures_iter(front) {
            let (Some(all), Some(inner)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let line = front[..all.start()].matches('\n').count() + 1;
            self.allows
                .push(parse_allow(inner.as_str(), line, all.range()));
        }
    }
}

pub(super) fn parse_allow(inner: &str, line: usize, src: Range<usize>) -> AllowComment {
    let inner = inner.trim();
    // `RULE[, RULE…] 理由`: rule ids are ASCII, the reason is whatever follows.
    let split = inner
        .char_indices()
        .find(|&(i, c)| {
            c.is_whitespace() && {
                let before = inner[..i].trim_end();
                let after = inner[i..].trim_start();
                !before.ends_with(',') && !after.starts_with(',')
            }
        })
        .map_or(inner.len(), |(i, _)| i);
    let (ids, reason) = inner.split_at(split);
    AllowComment {
        line,
        rules: ids
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        reason: reason.trim().to_string(),
        src,
    }
}
