//! The demo site's articles: checked at length, and timed by phase for tuning.

use super::*;

/// Checks articles of 4,000 characters made of the demo bodies (one starting at each body,
/// with the next ones after it, cut at 4,000 characters wherever that falls): none may panic.
/// How fast checking is, is for benchmarks (`check_article_and_posts` in the repository's
/// `benches/hot_paths.rs`), not for a test.
#[test]
fn checks_long_articles_cut_anywhere() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let bodies: Vec<String> = demo_site()
        .into_iter()
        .map(|(_, source, body, _)| source[body..].to_string())
        .collect();
    let c = ArticleContext {
        title: "記事",
        ..ctx(clinic, &config)
    };
    // Article `i` starts at body `i % bodies.len()`: one per body covers them all.
    for i in 0..bodies.len() {
        let mut body = String::new();
        let mut k = i;
        while body.chars().count() < 4000 {
            body.push_str(&bodies[k % bodies.len()]);
            k += 1;
        }
        let body: String = body.chars().take(4000).collect();
        let a = format!("+++\ntitle = \"記事{i}\"\n+++\n{body}\n");
        let body_at = a
            .find("+++\n")
            .map(|i| a[i + 4..].find("+++\n").unwrap() + i + 8)
            .unwrap();
        let _ = check_article(&a, body_at, &c);
    }
}

/// Time per phase on the demo articles, for tuning:
/// `cargo test --release --lib phase_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn phase_timing() {
    use crate::prose::Prose;
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let site = demo_site();
    let env = Env {
        teaser: false,
        clinic,
        clinic_name: clinic.name.map(str::to_string),
        config: &config,
    };
    let proses: Vec<Prose> = site
        .iter()
        .map(|(_, s, b, _)| Prose::article(s, *b, "t", None))
        .collect();
    let scans: Vec<_> = proses.iter().map(|p| REGISTRY.scan(p)).collect();
    let n = 200;
    let per = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e6 / (n * site.len()) as f64;
    let t = std::time::Instant::now();
    for _ in 0..n {
        for (_, s, b, _) in &site {
            let _ =
                pulldown_cmark::Parser::new_ext(&s[*b..], pulldown_cmark::Options::all()).count();
        }
    }
    println!("pulldown-cmark alone {:>6.1} µs/article", per(t));
    let t = std::time::Instant::now();
    for _ in 0..n {
        for (_, s, b, _) in &site {
            let _ = Prose::article(s, *b, "t", None);
        }
    }
    println!("prose                {:>6.1} µs/article", per(t));
    let t = std::time::Instant::now();
    for _ in 0..n {
        for p in &proses {
            let _ = REGISTRY.scan(p);
        }
    }
    println!("scan                 {:>6.1} µs/article", per(t));
    type Phase = fn(&Prose, &registry::Scan, &Env<'_>, &mut Vec<Raw>);
    let phases: [(&str, Phase); 4] = [
        ("phrases", phrases::run),
        ("privacy", privacy::run),
        ("page", page::run),
        ("readability", |p, _, e, o| readability::run(p, e, o)),
    ];
    for (name, f) in phases {
        let t = std::time::Instant::now();
        for _ in 0..n {
            for (p, sc) in proses.iter().zip(&scans) {
                let mut o = Vec::new();
                f(p, sc, &env, &mut o);
            }
        }
        println!("{name:<20} {:>6.1} µs/article", per(t));
    }
}

/// The demo site's articles and pages (`content/` at the repository root): name, source and
/// where the body starts (after the closing `+++` or `---` of the front matter).
pub(super) fn demo_site() -> Vec<(String, String, usize, ())> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files = Vec::new();
    for dir in ["articles", "pages"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = e.path();
            if p.is_dir() && p.join("index.md").exists() {
                files.push(p.join("index.md"));
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 14, "{} demo files", files.len());
    files
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path)
                .unwrap()
                .replace("\r\n", "\n");
            let fence = &source[..3];
            let close = source[3..].find(&format!("\n{fence}\n")).unwrap() + 3 + fence.len() + 2;
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            (name, source, close, ())
        })
        .collect()
}
