//! `clinote check`, and its findings in `build` and `serve`: exit codes, the JSON schema, the
//! human format with full-width text, posts, inline allows, config, and the demo site.

use crate::support::*;

const GUARANTEE: &str = "この治療を受ければ、必ず治ります。\n";

fn check(site: &TempSite, args: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap().to_string();
    let mut all = vec!["check", "--root", root.as_str()];
    all.extend_from_slice(args);
    run(&all)
}

fn json(out: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}):\n{}", stdout(out));
    })
}

#[test]
fn the_demo_site_has_no_errors() {
    let out = run(&["check", "--root", demo_root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("エラー 0 件"), "{}", stdout(&out));
    let out = run(&[
        "check",
        "--root",
        demo_root().to_str().unwrap(),
        "--format",
        "json",
        "--drafts",
    ]);
    let errors: Vec<_> = json(&out)
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_has_exactly_the_documented_keys_and_exit_codes_follow_errors() {
    let site = TempSite::new();
    site.article("a", "title = \"治療のお話\"\ndate = 2026-01-02", GUARANTEE);
    let out = check(&site, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "an error exits 1");
    let findings = json(&out);
    let f = findings
        .iter()
        .find(|f| f["rule"] == "guaranteed-effect" && f["line"] != 0)
        .expect("the guarantee is found in the file");
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "category",
            "column",
            "end_column",
            "end_line",
            "file",
            "line",
            "message",
            "rule",
            "severity",
            "suggestion"
        ]
    );
    assert_eq!(f["file"], "content/articles/a.md");
    assert_eq!(f["line"], 5);
    assert_eq!(f["category"], "exaggeration");
    assert_eq!(f["severity"], "error");
    assert!(f["column"].as_u64().unwrap() >= 1);
    assert!(f["message"].as_str().unwrap().contains("誇大"));
    assert!(f["suggestion"].is_string() || f["suggestion"].is_null());
    // stdout holds only the JSON; nothing else is printed there.
    assert!(stdout(&out).trim_start().starts_with('['));

    // Warnings alone exit 0.
    let site = TempSite::new();
    site.article(
        "b",
        "title = \"院長から\"\ndate = 2026-01-02",
        "他のクリニックより丁寧です。\n",
    );
    let out = check(&site, &["--format", "json"]);
    let findings = json(&out);
    assert!(
        findings.iter().all(|f| f["severity"] != "error"),
        "{findings:#?}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn human_output_points_under_full_width_text() {
    let site = TempSite::new();
    site.article("a", "title = \"治療のお話\"\ndate = 2026-01-02", GUARANTEE);
    let out = check(&site, &[]);
    let text = stdout(&out);
    assert!(text.contains("error[guaranteed-effect]"), "{text}");
    assert!(text.contains("content/articles/a.md:5:"), "{text}");
    // The caret line sits under 必ず治ります: two columns per full-width character.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("この治療を受ければ"))
        .expect("the line is shown");
    let source = lines[at];
    let carets = lines[at + 1];
    let start = carets.find('^').expect("a caret line");
    let width = |s: &str| -> usize {
        s.chars()
            .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
            .sum()
    };
    let prefix_end = source.find("必ず").expect("the span's text");
    assert_eq!(width(&source[..prefix_end]), start, "{source}\n{carets}");
    let caret_count = carets.matches('^').count();
    assert_eq!(caret_count % 2, 0, "whole full-width characters: {carets}");
    assert!(text.contains("help: 言いかえの例"), "{text}");
    assert!(text.contains("エラー 1 件"), "{text}");
}

#[test]
fn posts_are_checked_and_reported_on_line_0_of_their_article() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"予防接種のお知らせ\"\ndate = 2026-01-02\nteasers = [\"今だけ半額！予防接種キャンペーン\"]",
        "予防接種の受付を始めました。\n",
    );
    let out = check(&site, &["--format", "json"]);
    let findings = json(&out);
    let post = findings
        .iter()
        .find(|f| f["line"] == 0)
        .unwrap_or_else(|| panic!("a finding in a post: {findings:#?}"));
    assert_eq!(post["file"], "content/articles/a.md");
    assert_eq!(post["end_line"], 0);
    assert_eq!(post["category"], "price_emphasis");
    let human = stdout(&check(&site, &[]));
    assert!(human.contains("X 投稿 1"), "{human}");
}

#[test]
fn inline_allow_and_config_allow_deny() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"治療のお話\"\ndate = 2026-01-02",
        "<!-- clinote-allow: guaranteed-effect 学会の声明の引用のため -->\nこの治療を受ければ、必ず治ります。\n",
    );
    let out = check(&site, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        json(&out).iter().all(|f| f["rule"] != "guaranteed-effect"),
        "{}",
        stdout(&out)
    );

    // A phrase the site denies, and one it allows.
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[check]\ndeny = [\"地域密着\"]\nallow = [\"必ず治ります\"]\n"),
    );
    site.article(
        "a",
        "title = \"当院について\"\ndate = 2026-01-02",
        "地域密着のクリニックです。この治療を受ければ、必ず治ります。\n",
    );
    let findings = json(&check(&site, &["--format", "json"]));
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"denied-phrase"), "{rules:?}");
    assert!(!rules.contains(&"guaranteed-effect"), "{rules:?}");
}

#[test]
fn the_clinics_own_phone_number_is_fine_but_others_are_not() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"お問い合わせ\"\ndate = 2026-01-02",
        "お電話は 012-345-6789 へどうぞ。\n\n患者さんの連絡先 090-1234-5678 をメモしました。\n",
    );
    let findings = json(&check(&site, &["--format", "json"]));
    let phones: Vec<u64> = findings
        .iter()
        .filter(|f| f["category"] == "privacy")
        .filter_map(|f| f["line"].as_u64())
        .filter(|&line| line > 0) // posts quoting the article are on line 0
        .collect();
    assert_eq!(phones, [7], "{findings:#?}");
}

#[test]
fn build_stops_on_check_errors_unless_told_not_to() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"治療のお話\"\ndate = 2026-01-02",
        "本文です。\n",
    );
    site.build_ok(&[]);
    let before = tree(&site.public());
    site.article("a", "title = \"治療のお話\"\ndate = 2026-01-02", GUARANTEE);
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("guaranteed-effect"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("前回の出力はそのまま"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&site.public()), before);

    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[check]\nfail_build = false\n"),
    );
    let out = site.build_ok(&[]);
    assert!(
        stderr(&out).contains("warning[guaranteed-effect]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_lists_and_explains_rules() {
    let out = run(&["check", "--explain"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("guaranteed-effect"));
    let out = run(&["check", "--explain", "guaranteed-effect"]);
    assert!(stdout(&out).contains("医療法"), "{}", stdout(&out));
    // A category's name, as the README and `[check.rules]` use it, lists its rules.
    let out = run(&["check", "--explain", "testimonial"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("patient-testimonial") && stdout(&out).contains("体験談"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("guaranteed-effect"));
    let out = run(&["check", "--explain", "guaranted-effect"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("guaranteed-effect"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn serve_shows_errors_in_the_overlay_and_warnings_on_the_page() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"院長から\"\ndate = 2026-01-02\nslug = \"a\"",
        "他のクリニックより丁寧です。\n",
    );
    let server = Server::start(site.root(), &[]);
    let (_, page) = server.get("/articles/a/");
    assert!(page.contains("id=\"clinote-checks\""), "{page}");
    assert!(!page.contains("clinote-overlay"), "{page}");
    site.article(
        "a",
        "title = \"院長から\"\ndate = 2026-01-02\nslug = \"a\"",
        GUARANTEE,
    );
    let (_, page) = server.wait_for("/articles/a/", |_, body| body.contains("clinote-overlay"));
    assert!(page.contains("guaranteed-effect"), "{page}");
    assert!(page.contains("必ず治ります"), "the page itself is current");
    // The teaser page shows what is wrong next to each post.
    site.article(
        "a",
        "title = \"院長から\"\ndate = 2026-01-02\nslug = \"a\"\nteasers = [\"今だけ半額キャンペーン中です\"]",
        "本文です。\n",
    );
    let (_, teasers) = server.wait_for("/_teasers/", |_, body| body.contains("finding--"));
    assert!(teasers.contains("finding__rule"), "{teasers}");
}
