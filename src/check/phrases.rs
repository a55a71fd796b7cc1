//! The phrase engine: sentence rules from data, judged in context.
//!
//! One pass of a `RegexSet` over each sentence tells which triggers could match it (most
//! sentences match none, and cost one scan). For each trigger that does, the rule's own
//! pattern finds the match, then its guards (see [`super::context`]) decide: `not_before` /
//! `not_after` patterns around the match, `unless` guards that excuse it, `requires` guards
//! that must hold. A rule reports at most one finding per sentence.

use super::context::Hit;
use super::prose::{BlockKind, Prose};
use super::registry::{Pattern, REGISTRY, Registry, Rule};
use super::{Env, Raw};

pub(crate) fn run(prose: &Prose, env: &Env<'_>, out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    let mut done: Vec<usize> = Vec::new();
    for sentence in &prose.sentences {
        let block = &prose.blocks[sentence.block];
        if block.kind == BlockKind::ImageAlt {
            continue;
        }
        let text = &prose.text[sentence.range.clone()];
        let matches = reg.phrase_set.matches(text);
        if !matches.matched_any() {
            continue;
        }
        done.clear();
        for id in matches.iter() {
            let (ri, pi) = reg.phrase_index[id];
            if done.contains(&ri) {
                continue;
            }
            let rule = &reg.rules[ri];
            if !rule.runs_in(env.teaser) {
                continue;
            }
            let pattern = &rule.patterns[pi];
            let hit = pattern.re.find_iter(text).find_map(|m| {
                let hit = Hit {
                    sentence: text,
                    start: m.start(),
                    end: m.end(),
                    block: &prose.text[block.range.clone()],
                    clinic_name: env.clinic_name.as_deref(),
                };
                accepts(rule, pattern, &hit, reg).then_some((m.start(), m.end()))
            });
            if let Some((s, e)) = hit {
                done.push(ri);
                let mut raw = Raw::new(ri, sentence.range.start + s..sentence.range.start + e);
                raw.suggestion = pattern.suggestion.clone();
                out.push(raw);
            }
        }
    }
}

/// Whether a match of `pattern` stands, given its context.
pub(crate) fn accepts(rule: &Rule, pattern: &Pattern, hit: &Hit<'_>, reg: &Registry) -> bool {
    let not_before = [&rule.not_before, &pattern.not_before];
    if not_before
        .iter()
        .any(|re| re.as_ref().is_some_and(|re| re.is_match(hit.before())))
    {
        return false;
    }
    let not_after = [&rule.not_after, &pattern.not_after];
    if not_after
        .iter()
        .any(|re| re.as_ref().is_some_and(|re| re.is_match(hit.after())))
    {
        return false;
    }
    if rule
        .unless
        .iter()
        .chain(&pattern.unless)
        .any(|&g| hit.holds(g, reg))
    {
        return false;
    }
    rule.requires
        .iter()
        .chain(&pattern.requires)
        .all(|&g| hit.holds(g, reg))
}
