//! The phrase engine: sentence rules from data, judged in context.
//!
//! One pass over the text ([`Registry::scan`]) finds every rule's trigger words, so most
//! sentences are never looked at. In a sentence with a trigger of a rule, the rule's patterns
//! find the match, then its guards (see [`super::context`]) decide: `not_before` /
//! `not_after` patterns around the match, `unless` guards that excuse it, `requires` guards
//! that must hold. A rule reports at most one finding per sentence.
//!
//! [`Registry::scan`]: super::registry::Registry::scan

use super::context::{Guard, Hit};
use super::prose::{BlockKind, Prose};
use super::registry::{Engine, Pattern, REGISTRY, Registry, Rule, Scan};
use super::{Env, Raw};

pub(crate) fn run(prose: &Prose, scan: &Scan, env: &Env<'_>, out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    let text = prose.text.as_str();
    for &(si, ri) in &scan.triggered {
        let rule = &reg.rules[ri];
        if rule.engine != Engine::Phrase {
            continue;
        }
        let sentence = &prose.sentences[si];
        let block = &prose.blocks[sentence.block];
        if !rule.runs_in(env.teaser) || block.kind == BlockKind::ImageAlt {
            continue;
        }
        let s = &text[sentence.range.clone()];
        let found = rule.patterns.iter().find_map(|pattern| {
            pattern.re.find_iter(s).find_map(|m| {
                let hit = Hit {
                    sentence: s,
                    start: m.start(),
                    end: m.end(),
                    block: &text[block.range.clone()],
                    clinic_name: env.clinic_name.as_deref(),
                };
                accepts(rule, pattern, &hit, reg, env.teaser).then(|| (m.range(), pattern))
            })
        });
        if let Some((range, pattern)) = found {
            let at = sentence.range.start;
            let mut raw = Raw::new(ri, at + range.start..at + range.end);
            raw.suggestion = pattern.suggestion.clone();
            out.push(raw);
        }
    }
}

/// Whether a match of `pattern` stands, given its context. In a post (`teaser`), the clinic
/// is who speaks, so a claim needs no word naming it (当院, クリニック) to be about it.
pub(crate) fn accepts(
    rule: &Rule,
    pattern: &Pattern,
    hit: &Hit<'_>,
    reg: &Registry,
    teaser: bool,
) -> bool {
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
        .all(|&g| (teaser && g == Guard::ClinicContext) || hit.holds(g, reg))
}
