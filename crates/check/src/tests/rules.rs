//! The rule data: every rule's docs and examples, the word lists the code reads, ids, trigger
//! words, `--explain`.

use super::demo_site::demo_site;
use super::*;

#[test]
fn every_rule_has_docs_and_its_examples_hold() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let mut failures = Vec::new();
    for rule in &REGISTRY.rules {
        assert!(explain(&rule.id).is_some_and(|e| e.contains("## 言い換え")));
        if rule.engine == Engine::Phrase {
            assert!(
                !rule.fail.is_empty() || !rule.fail_teaser.is_empty(),
                "{} has no fail examples",
                rule.id
            );
        }
        let cases = rule
            .pass
            .iter()
            .map(|t| (t, false, false))
            .chain(rule.fail.iter().map(|t| (t, true, false)))
            .chain(rule.pass_teaser.iter().map(|t| (t, false, true)))
            .chain(rule.fail_teaser.iter().map(|t| (t, true, true)));
        for (text, should_fire, teaser) in cases {
            let found = if teaser {
                check_teaser(text, &c)
            } else {
                body(text, &c)
            };
            let fired = found.iter().any(|f| f.rule == rule.id);
            if fired != should_fire {
                failures.push(format!(
                    "{}: {} {text:?} → {:?}",
                    rule.id,
                    if should_fire { "missed" } else { "flagged" },
                    rules_of(&found)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn code_rules_have_the_word_lists_their_code_reads() {
    for (id, names) in privacy::LEXICONS
        .iter()
        .chain(page::LEXICONS)
        .chain(narrative::LEXICONS)
    {
        let rule = REGISTRY.get(id).unwrap_or_else(|| panic!("no rule {id}"));
        for name in *names {
            assert!(rule.has_lex(name), "{id} lacks lexicon {name}");
        }
    }
    for name in context::GUARD_LEXICONS
        .iter()
        .chain(&["patient_event", "disease", "diet"])
    {
        assert!(REGISTRY.has_shared(name), "context.toml lacks {name}");
    }
    let kr = REGISTRY.get("kanji-run").unwrap();
    assert!(kr.has_lex("terms") && kr.has_lex("org") && kr.has_lex("named_head"));
    for id in privacy::PERSON_RULES.iter().chain(page::PAGE_RULES) {
        assert!(REGISTRY.get(id).is_some(), "{id}");
    }
    assert!(REGISTRY.get("trend-hashtag").unwrap().has_lex("trend"));
}

#[test]
fn rule_ids_are_kebab_case_and_unique() {
    let mut seen = std::collections::HashSet::new();
    for r in rules() {
        assert!(seen.insert(r.id), "{}", r.id);
        assert!(
            r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.id
        );
    }
    assert!(explain("no-such-rule").is_none());
}

#[test]
fn trigger_words_cover_every_pattern_match() {
    // A pattern that matches where none of its rule's trigger words is, is never evaluated
    // there: every training text is searched for such gaps.
    let mut corpus: Vec<String> = crate::labelled::training::texts();
    for r in &REGISTRY.rules {
        corpus.extend(
            r.pass
                .iter()
                .chain(&r.fail)
                .chain(&r.pass_teaser)
                .chain(&r.fail_teaser)
                .cloned(),
        );
    }
    for (_, source, body, _) in demo_site() {
        corpus.push(source[body..].to_string());
    }
    let mut gaps = Vec::new();
    for text in &corpus {
        let prose = prose::Prose::teaser(text);
        for s in &prose.sentences {
            let sentence = &prose.text[s.range.clone()];
            for rule in REGISTRY.rules.iter().filter(|r| r.engine == Engine::Phrase) {
                assert!(!rule.triggers.is_empty(), "{} has no triggers", rule.id);
                for (i, p) in rule.patterns.iter().enumerate() {
                    for m in p.re.find_iter(sentence) {
                        if !rule
                            .triggers
                            .iter()
                            .any(|t| m.as_str().contains(t.as_str()))
                        {
                            gaps.push(format!("{}#{i}: {:?} in {sentence:?}", rule.id, m.as_str()));
                        }
                    }
                }
            }
            for (id, lists) in page::TRIGGERED.iter().chain(narrative::TRIGGERED) {
                let rule = REGISTRY.get(id).unwrap();
                for name in *lists {
                    for m in rule.lex(name).find_iter(sentence) {
                        if !rule
                            .triggers
                            .iter()
                            .any(|t| m.as_str().contains(t.as_str()))
                        {
                            gaps.push(format!("{id}/{name}: {:?} in {sentence:?}", m.as_str()));
                        }
                    }
                }
            }
        }
    }
    assert!(gaps.is_empty(), "\n{}", gaps.join("\n"));
}

#[test]
fn explain_prints_the_docs_of_a_rule() {
    let text = explain("guaranteed-effect").unwrap();
    println!("{text}");
    assert!(text.starts_with("guaranteed-effect（虚偽・誇大広告・error）"));
    for heading in ["## 何を見るか", "## なぜ問題か", "## 例", "## 言い換え"] {
        assert!(text.contains(heading), "{heading}");
    }
}
