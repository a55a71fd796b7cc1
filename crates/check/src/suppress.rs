//! From raw matches to findings: the site's `deny` phrases, then everything that changes or
//! silences a finding, in this order:
//!
//! 1. `[check] allow` phrases: a finding overlapping one is dropped;
//! 2. severity: the rule's (or the engine's), raised for teasers (push media: advertising and
//!    privacy warnings become errors, unless the rule sets `teaser_severity`), lowered to info
//!    for person-level privacy rules when the article has written consent, then `[check]
//!    rules` by rule id or category id (`"off"` drops it);
//! 3. positions in the source (1-based line and column in characters; teasers on line 0);
//! 4. `<!-- clinote-allow: RULE 理由 -->` on the line before: drops that rule's findings on the
//!    next line. Without a reason it does not apply, and `allow-without-reason` says so; an
//!    unknown id gets `unknown-rule-in-allow`;
//! 5. duplicates (same rule, same place) go, and findings are sorted by position.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::config::Deny;
use super::privacy::PERSON_RULES;
use super::prose::Prose;
use super::registry::REGISTRY;
use super::{Category, Env, Finding, Raw, Severity, Target};

/// Reports the site's `[check] deny` phrases.
pub(crate) fn deny(prose: &Prose, env: &Env<'_>, out: &mut Vec<Raw>) {
    let Some(index) = REGISTRY.index("denied-phrase") else {
        return;
    };
    for entry in &env.config.deny {
        let phrase: String = entry.phrase().nfkc().collect();
        if phrase.trim().is_empty() {
            continue;
        }
        for (at, _) in prose.text.match_indices(phrase.as_str()) {
            let mut raw = Raw::new(index, at..at + phrase.len());
            if let Deny::Detailed {
                category,
                message,
                suggestion,
                ..
            } = entry
            {
                raw.category = category.as_deref().and_then(Category::from_id);
                raw.message = message.clone();
                raw.suggestion = suggestion.clone();
            }
            out.push(raw);
        }
    }
}

/// 1-based line and column of byte offsets in a text.
struct Lines<'s> {
    text: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn new(text: &'s str) -> Self {
        let mut starts = vec![0];
        // (The memchr crate's search is vectorised; std's `char` search is not.)
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Where a raw finding is, as a span of the source.
fn source_span(prose: &Prose, raw: &Raw, source: &str) -> Range<usize> {
    let (start, mut end) = match &raw.src {
        Some(r) => (r.start, r.end),
        None => (
            prose.source_start(raw.range.start),
            prose.source_end(raw.range.end),
        ),
    };
    if end <= start {
        end = start
            + source[start.min(source.len())..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    start..end
}

pub(crate) fn finish(
    prose: &Prose,
    target: Target<'_>,
    env: &Env<'_>,
    consent: bool,
    raw: Vec<Raw>,
) -> Vec<Finding> {
    let reg = &*REGISTRY;
    let allowed: Vec<Range<usize>> = env
        .config
        .allow
        .iter()
        .map(|a| a.nfkc().collect::<String>())
        .filter(|a| !a.trim().is_empty())
        .flat_map(|a| {
            prose
                .text
                .match_indices(a.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect::<Vec<_>>()
        })
        .collect();
    let (source, lines) = match target {
        Target::Article(s) => (s, Some(Lines::new(s))),
        Target::Teaser(s) => (s, None),
    };
    let position = |span: &Range<usize>| -> Position {
        match &lines {
            Some(l) => {
                let (a, b) = l.at(span.start);
                let (c, d) = l.at(span.end);
                (a, b, c, d)
            }
            None => {
                let col = |o: usize| source.get(..o).map_or(0, |s| s.chars().count()) + 1;
                (0, col(span.start), 0, col(span.end))
            }
        }
    };

    let mut findings = Vec::with_capacity(raw.len());
    for r in raw {
        let rule = &reg.rules[r.rule];
        if r.src.is_none()
            && allowed
                .iter()
                .any(|a| a.start < r.range.end && r.range.start < a.end)
        {
            continue;
        }
        let category = r.category.unwrap_or(rule.category);
        let mut severity = r.severity.unwrap_or(rule.severity);
        if env.teaser {
            severity = match rule.teaser_severity {
                Some(s) => s,
                None if severity == Severity::Warning && category != Category::Readability => {
                    Severity::Error
                }
                None => severity,
            };
        }
        if consent && PERSON_RULES.contains(&rule.id.as_str()) {
            severity = Severity::Info;
        }
        let setting = env
            .config
            .rules
            .get(&rule.id)
            .or_else(|| env.config.rules.get(category.id()));
        if let Some(value) = setting {
            if value.trim().eq_ignore_ascii_case("off") {
                continue;
            }
            if let Some(s) = Severity::parse(value) {
                severity = s;
            }
        }
        let span = source_span(prose, &r, source);
        let (line, column, end_line, end_column) = position(&span);
        findings.push(Finding {
            rule: rule.id.clone(),
            category,
            severity,
            message: r.message.unwrap_or_else(|| rule.message.clone()),
            suggestion: r.suggestion.or_else(|| rule.suggestion.clone()),
            line,
            column,
            end_line,
            end_column,
        });
    }

    if !env.teaser {
        inline_allows(prose, source, &position, &mut findings);
    }
    findings.sort_by(|a, b| {
        (a.line, a.column, a.severity, a.category, &a.rule)
            .cmp(&(b.line, b.column, b.severity, b.category, &b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.line == b.line && a.column == b.column);
    findings
}

/// Start line, start column, end line, end column.
type Position = (usize, usize, usize, usize);

fn inline_allows(
    prose: &Prose,
    source: &str,
    position: &dyn Fn(&Range<usize>) -> Position,
    findings: &mut Vec<Finding>,
) {
    let reg = &*REGISTRY;
    let mut meta = Vec::new();
    for comment in &prose.allows {
        let target = comment.line + 1;
        let span = comment.src.start..comment.src.end.min(source.len());
        let (line, column, end_line, end_column) = position(&span);
        let mut make =
            |id: &str, category: Category, message: String, suggestion: Option<String>| {
                let severity = reg.get(id).map_or(Severity::Warning, |r| r.severity);
                meta.push(Finding {
                    rule: id.to_string(),
                    category,
                    severity,
                    message,
                    suggestion,
                    line,
                    column,
                    end_line,
                    end_column,
                });
            };
        let mut named: Vec<(&str, Category)> = Vec::new();
        for id in &comment.rules {
            if let Some(rule) = reg.get(id) {
                named.push((id.as_str(), rule.category));
            } else if let Some(cat) = Category::from_id(id) {
                named.push((id.as_str(), cat));
            } else if id == "all" {
                named.push(("all", Category::Readability));
            } else {
                let ids = reg.rules.iter().map(|r| r.id.as_str());
                let near = clinote_diagnostic::suggest::nearest(
                    id,
                    ids.chain(Category::ALL.iter().map(|c| c.id())),
                );
                let category = near
                    .and_then(|n| {
                        reg.get(n)
                            .map(|r| r.category)
                            .or_else(|| Category::from_id(n))
                    })
                    .unwrap_or(Category::Readability);
                let base = reg
                    .get("unknown-rule-in-allow")
                    .map_or(String::new(), |r| r.message.clone());
                make(
                    "unknown-rule-in-allow",
                    category,
                    format!("{base}（`{id}`）"),
                    near.map(|n| format!("`{n}` のことですか？")),
                );
            }
        }
        if named.is_empty() {
            continue;
        }
        let applies = |f: &Finding| {
            f.line == target
                && named.iter().any(|&(id, cat)| {
                    id == "all"
                        || id == f.rule
                        || (Category::from_id(id) == Some(cat) && f.category == cat)
                })
        };
        if comment.reason.trim().is_empty() {
            let category = named[0].1;
            let rule = reg.get("allow-without-reason");
            make(
                "allow-without-reason",
                category,
                rule.map_or(String::new(), |r| r.message.clone()),
                rule.and_then(|r| r.suggestion.clone()),
            );
        } else {
            findings.retain(|f| !applies(f));
        }
    }
    findings.extend(meta);
}
