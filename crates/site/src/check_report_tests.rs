//! The check on the demo site and on a generated corpus, its front matter read as `clinote
//! build` reads it.

use clinote_check::config::CheckConfig;
use clinote_check::{ArticleContext, Clinic, Severity, check_article, check_teaser, stats};

fn ctx<'a>(clinic: Clinic<'a>, config: &'a CheckConfig) -> ArticleContext<'a> {
    ArticleContext {
        title: "",
        description: None,
        patient_consent: None,
        clinic,
        config,
    }
}

/// The demo site's articles and pages, with their front matter read as `clinote build` does.
fn demo_site() -> Vec<(
    String,
    String,
    usize,
    serde_json::Map<String, serde_json::Value>,
)> {
    use crate::content::front_matter;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
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
    let (config, _) = crate::config::Config::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."),
    )
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
            clinic: config.clinic.for_check(),
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

#[test]
#[ignore]
fn corpus_check() {
    let Ok(dir) = std::env::var("CLINOTE_CORPUS") else {
        return;
    };
    let root = std::path::Path::new(&dir);
    let (config, _) = crate::config::Config::load(root).expect("corpus clinote.toml");
    let mut files: Vec<_> = walk(&root.join("content"));
    files.sort();
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let mut prepared = Vec::new();
    for (name, source) in &sources {
        let split = crate::content::front_matter::split(source, name).unwrap();
        let map = crate::content::front_matter::parse(&split, source, name).unwrap();
        let title = map
            .get("title")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        prepared.push((name, source, split.body_offset, title));
    }
    let mut counts = std::collections::BTreeMap::new();
    let start = std::time::Instant::now();
    for (name, source, body, title) in &prepared {
        let ctx = ArticleContext {
            title,
            ..ctx(config.clinic.for_check(), &config.check)
        };
        for f in check_article(source, *body, &ctx) {
            *counts.entry((f.severity, f.rule.clone())).or_insert(0) += 1;
            if f.severity != Severity::Info && counts[&(f.severity, f.rule.clone())] <= 3 {
                println!("  {name}:{}:{} {} {}", f.line, f.column, f.rule, f.message);
            }
        }
    }
    println!(
        "{} files in {:.1} ms: {counts:?}",
        prepared.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}
