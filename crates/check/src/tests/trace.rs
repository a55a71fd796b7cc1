//! A tool for writing rules, not a check: why a sentence gets (or does not get) a finding.
//!
//! `CLINOTE_TRACE='…' cargo test -p clinote-check --lib trace -- --ignored --nocapture`
//! prints, for every phrase rule whose pattern matches a sentence of the text (read as a
//! post), the match and which trigger word, `not_before`/`not_after` or guard decided it.

use super::*;
use crate::context::{Guard, Hit};
use crate::phrases::accepts;
use crate::prose::Prose;

#[test]
#[ignore = "a tool: run with CLINOTE_TRACE set to the text"]
fn trace() {
    let Ok(text) = std::env::var("CLINOTE_TRACE") else {
        return;
    };
    let prose = Prose::teaser(&text);
    for s in &prose.sentences {
        let sentence = &prose.text[s.range.clone()];
        let block = &prose.text[prose.blocks[s.block].range.clone()];
        println!("sentence: {sentence}");
        for rule in REGISTRY.rules.iter().filter(|r| r.engine == Engine::Phrase) {
            let trigger = rule.triggers.iter().find(|t| sentence.contains(t.as_str()));
            for (i, p) in rule.patterns.iter().enumerate() {
                for m in p.re.find_iter(sentence) {
                    let hit = Hit {
                        sentence,
                        start: m.start(),
                        end: m.end(),
                        block,
                        clinic_name: None,
                    };
                    let blocked: Vec<String> = rule
                        .unless
                        .iter()
                        .chain(&p.unless)
                        .filter(|&&g| hit.holds(g, &*REGISTRY))
                        .map(|g| format!("unless {g:?}"))
                        .chain(
                            rule.requires
                                .iter()
                                .chain(&p.requires)
                                // (In a post the clinic is the speaker: see `phrases::accepts`.)
                                .filter(|&&g| g != Guard::ClinicContext)
                                .filter(|&&g| !hit.holds(g, &*REGISTRY))
                                .map(|g| format!("requires {g:?}")),
                        )
                        .chain(
                            [&rule.not_before, &p.not_before]
                                .into_iter()
                                .flatten()
                                .filter(|re| re.is_match(hit.before()))
                                .map(|_| "not_before".to_string()),
                        )
                        .chain(
                            [&rule.not_after, &p.not_after]
                                .into_iter()
                                .flatten()
                                .filter(|re| re.is_match(hit.after()))
                                .map(|_| "not_after".to_string()),
                        )
                        .collect();
                    // The verdict is the engine's own; the reasons say why it is not one.
                    let accepted = accepts(rule, p, &hit, &REGISTRY, true);
                    let verdict = match (trigger, accepted) {
                        (None, _) => "no trigger word".to_string(),
                        (Some(_), true) => "FINDING".to_string(),
                        (Some(_), false) => blocked.join(", "),
                    };
                    println!("  {}#{i} {:?}: {verdict}", rule.id, m.as_str());
                }
            }
        }
    }
}
