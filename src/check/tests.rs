//! Tests of the public API: every rule's pass/fail examples, positions, config, allow comments,
//! teasers, the demo site, and speed.

use super::config::{CheckConfig, Deny};
use super::labelled::demo_clinic;
use super::registry::{Engine, REGISTRY};
use super::*;
use crate::config::Clinic;

fn ctx<'a>(clinic: &'a Clinic, config: &'a CheckConfig) -> ArticleContext<'a> {
    ArticleContext {
        title: "",
        description: None,
        patient_consent: None,
        clinic,
        config,
    }
}

/// Checks `body` as the whole body of an article with an empty front matter.
fn body(text: &str, ctx: &ArticleContext<'_>) -> Vec<Finding> {
    let source = format!("+++\n+++\n{text}\n");
    check_article(&source, 8, ctx)
}

fn rules_of(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn every_rule_has_docs_and_its_examples_hold() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(&clinic, &config);
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
    for (id, names) in privacy::LEXICONS.iter().chain(page::LEXICONS) {
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
    assert!(kr.has_lex("terms") && kr.has_lex("org"));
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

/// The demo site's articles and pages, with their front matter read as `clinote build` does.
fn demo_site() -> Vec<(
    String,
    String,
    usize,
    serde_json::Map<String, serde_json::Value>,
)> {
    use crate::content::front_matter;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = Vec::new();
    for dir in ["articles", "pages"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() && p.join("index.md").exists() {
                files.push(p.join("index.md"));
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path)
                .unwrap()
                .replace("\r\n", "\n");
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            let split = front_matter::split(&source, &name).unwrap();
            let map = front_matter::parse(&split, &source, &name).unwrap();
            let body = split.body_offset;
            (name, source, body, map)
        })
        .collect()
}

#[test]
fn demo_site_has_no_errors() {
    let (config, _) = crate::config::Config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("demo clinote.toml");
    let site = demo_site();
    assert!(site.len() >= 14, "{} files", site.len());
    let (mut warnings, mut infos, mut errors) = (Vec::new(), 0, Vec::new());
    for (name, source, body, map) in &site {
        let text = |k: &str| map.get(k).and_then(|v| v.as_str());
        let consent = map
            .get("patient_story")
            .and_then(|v| v.get("consent"))
            .and_then(|v| v.as_str());
        let ctx = ArticleContext {
            title: text("title").unwrap_or(""),
            description: text("description"),
            patient_consent: consent,
            clinic: &config.clinic,
            config: &config.check,
        };
        let mut found = check_article(source, *body, &ctx);
        let teasers = map.get("teasers").and_then(|v| v.as_array());
        for t in teasers.into_iter().flatten().filter_map(|t| t.as_str()) {
            found.extend(check_teaser(t, &ctx));
        }
        for f in found {
            let line = format!(
                "{name}:{}:{} {} {} {}",
                f.line,
                f.column,
                f.severity.as_str(),
                f.rule,
                source
                    .lines()
                    .nth(f.line.saturating_sub(1))
                    .unwrap_or("")
                    .trim()
            );
            match f.severity {
                Severity::Error => errors.push(line),
                Severity::Warning => warnings.push(line),
                Severity::Info => infos += 1,
            }
        }
    }
    println!(
        "demo site: {} files, {} errors, {} warnings, {infos} info",
        site.len(),
        errors.len(),
        warnings.len()
    );
    for w in &warnings {
        println!("  {w}");
    }
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}

#[test]
fn demo_site_stats() {
    for (name, source, body, _) in demo_site() {
        let s = stats(&source, body);
        println!(
            "{name:<40} letters {:>5} kanji {:.3} sentences {:>3} avg {:>5.1} max {:>3} runs {} commas {} RS′ {:?}",
            s.japanese_letters,
            s.kanji_ratio,
            s.sentences,
            s.average_sentence_chars,
            s.longest_sentence_chars,
            s.kanji_runs,
            s.sentences_with_many_commas,
            s.tateishi
        );
    }
}
