//! Tests of the public API: every rule's pass/fail examples, positions, config, allow comments,
//! teasers, the demo site, and speed.

use super::config::{CheckConfig, Deny};
use super::labelled::demo_clinic;
use super::registry::{Engine, REGISTRY};
use super::*;

fn ctx<'a>(clinic: Clinic<'a>, config: &'a CheckConfig) -> ArticleContext<'a> {
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

fn find<'f>(found: &'f [Finding], rule: &str) -> Option<&'f Finding> {
    found.iter().find(|f| f.rule == rule)
}

#[test]
fn self_pay_page_with_and_without_disclosures() {
    let clinic = Clinic::default(); // no phone or e-mail: the contact must be on the page
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let bare =
        "## AGA治療\n\n当院では、自由診療でAGA治療を行っています。お気軽にご相談ください。\n";
    let found = body(bare, &c);
    let f = find(&found, "missing-self-pay-disclosure").expect("reported");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.category, Category::Disclosure);
    let missing = |f: &Finding| {
        f.message
            .split_once("見当たらないもの：")
            .unwrap()
            .1
            .to_string()
    };
    assert_eq!(
        missing(f),
        "標準的な費用、治療期間と回数、主なリスクと副作用）"
    );
    assert_eq!((f.line, f.column), (5, 6));

    let full = "## AGA治療\n\n当院のAGA治療は自由診療（保険適用外）です。\n\n- 費用：1か月 8,800円（税込）\n- 期間：効果の判定まで6か月ほど続けます\n- 主な副作用：性欲の低下、肝機能の異常\n\nお問い合わせはお電話で。\n";
    assert!(find(&body(full, &c), "missing-self-pay-disclosure").is_none());

    // A passing mention is not an offer; a denied one neither.
    for text in [
        "抗がん剤の副作用で、脱毛が起こることがあります。",
        "当院では、自由診療は行っていません。",
    ] {
        assert!(body(text, &c).is_empty(), "{text}");
    }
    // With the clinic's phone configured, the footer is the contact point.
    let with_phone = demo_clinic();
    let found = body(bare, &ctx(with_phone, &config));
    let f = find(&found, "missing-self-pay-disclosure").unwrap();
    assert!(!missing(f).contains("問い合わせ先"));
    // Without a contact anywhere, it is missing too.
    let no_contact = "当院では、自由診療でAGA治療を行っています。\n";
    let f = body(no_contact, &c)
        .into_iter()
        .find(|f| f.rule == "missing-self-pay-disclosure")
        .unwrap();
    assert!(missing(&f).contains("問い合わせ先"), "{}", f.message);
}

#[test]
fn unapproved_drug_page_needs_five_disclosures() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let found = body(
        "当院では、GLP-1受容体作動薬を使ったダイエット外来を始めました。",
        &c,
    );
    let f = find(&found, "unapproved-drug-without-disclosure").expect("reported");
    assert!(
        f.message
            .contains("医薬品副作用被害救済制度の対象外であること")
    );
    // The same drug for its approved use is not flagged.
    assert!(
        body(
            "2型糖尿病の治療で、GLP-1受容体作動薬を使うことがあります。",
            &c
        )
        .is_empty()
    );
}

#[test]
fn before_after_photo_needs_details_in_its_section() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let bare = "## 症例\n\n![](case-before.jpg)\n![](case-after.jpg)\n";
    let found = body(bare, &c);
    let f = find(&found, "before-after-photo").expect("reported");
    assert_eq!((f.line, f.column), (5, 1));
    let detailed = "## 症例\n\n![治療前](case-before.jpg)\n![治療後](case-after.jpg)\n\n治療：シミ取りレーザー（自由診療）。期間と回数：3か月・3回。費用：1回 11,000円。主なリスク：赤み、色素沈着。\n\n## 次の節\n\n本文です。\n";
    assert!(find(&body(detailed, &c), "before-after-photo").is_none());
    // The details must be in the photo's section, not elsewhere on the page.
    let apart = "## 費用\n\n費用：1回 11,000円。期間：3か月・3回。主なリスク：赤み。\n\n## 症例\n\n3か月前(左)と現在(右)です。\n";
    assert!(find(&body(apart, &c), "before-after-photo").is_some());
}

#[test]
fn teasers_are_checked_more_strictly() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let text = "他院よりも丁寧な説明を心がけています。";
    let article = body(text, &c);
    assert_eq!(
        find(&article, "comparison-with-others").unwrap().severity,
        Severity::Warning
    );
    let post = check_teaser(text, &c);
    let f = find(&post, "comparison-with-others").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (0, 1, 0, 5));

    // A plain price is fine in an article and an error in a post.
    let price = "インフルエンザの予防接種は、13歳以上の方は1回3,800円です。";
    assert!(body(price, &c).is_empty());
    let post = check_teaser(price, &c);
    let f = find(&post, "price-in-post").unwrap();
    assert_eq!((f.severity, f.column), (Severity::Error, 25));
    // A self-pay offer cannot be disclosed in a post at all.
    let full = "AGA治療（自由診療）：1か月8,800円、6か月ほど。副作用は性欲の低下など。";
    assert!(find(&check_teaser(full, &c), "missing-self-pay-disclosure").is_some());
    // Trend hashtags that have nothing to do with the post.
    let post = check_teaser("インフルエンザの予防接種を始めました。 #美容 #予防接種", &c);
    assert_eq!(rules_of(&post), ["trend-hashtag"]);
    assert!(check_teaser("ダイエット中の食事のコツ。 #ダイエット", &c).is_empty());
    // Clean posts stay clean.
    assert!(check_teaser("夜中に子どもが熱を出したときのポイントをまとめました。", &c).is_empty());
}

#[test]
fn inline_allow_needs_a_reason_and_covers_the_next_line_only() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let with_reason = "<!-- clinote-allow: superiority-claim 学会の正式名称を引用している -->\n当院は地域No.1の実績があります。\n\n当院は地域No.1の実績があります。\n";
    let found = body(with_reason, &c);
    assert_eq!(rules_of(&found), ["superiority-claim"]);
    assert_eq!(
        found[0].line, 6,
        "only the line after the comment is allowed"
    );

    let without = "<!-- clinote-allow: superiority-claim -->\n当院は地域No.1の実績があります。\n";
    let found = body(without, &c);
    let meta = find(&found, "allow-without-reason").expect("warned");
    assert_eq!(
        (meta.severity, meta.category, meta.line),
        (Severity::Warning, Category::Comparative, 3)
    );
    assert!(
        find(&found, "superiority-claim").is_some(),
        "not applied without a reason"
    );

    // A category id works too; an unknown id is reported with a suggestion.
    let by_category =
        "<!-- clinote-allow: comparative 引用 -->\n当院は地域No.1の実績があります。\n";
    assert!(body(by_category, &c).is_empty());
    let typo =
        "<!-- clinote-allow: superiority-claims 引用 -->\n当院は地域No.1の実績があります。\n";
    let found = body(typo, &c);
    let u = find(&found, "unknown-rule-in-allow").unwrap();
    assert_eq!(
        u.suggestion.as_deref(),
        Some("`superiority-claim` のことですか？")
    );

    // In front matter, a comment line before the title allows the title.
    let source = "+++\n# clinote-allow: superiority-claim 学会名の引用\ntitle = \"日本一の学会の話\"\n+++\n本文。\n";
    let mut c2 = ctx(clinic, &config);
    c2.title = "日本一の学会の話";
    let body_at = source.find("本文").unwrap();
    assert!(check_article(source, body_at, &c2).is_empty());
}

#[test]
fn config_deny_allow_and_severities() {
    let clinic = demo_clinic();
    let mut config = CheckConfig {
        deny: vec![
            Deny::from("地域密着"),
            Deny::Detailed {
                phrase: "最短即日".into(),
                category: Some("exaggeration".into()),
                message: Some("即日の約束はしません".into()),
                suggestion: Some("できるだけ早く".into()),
            },
        ],
        ..CheckConfig::default()
    };
    let found = body(
        "地域密着のクリニックです。最短即日で結果が出ます。",
        &ctx(clinic, &config),
    );
    assert_eq!(rules_of(&found), ["denied-phrase", "denied-phrase"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[1].message, "即日の約束はしません");
    assert_eq!(found[1].suggestion.as_deref(), Some("できるだけ早く"));

    let text = "他院よりも丁寧な説明を心がけています。誰にもバレずに治療できます。";
    config.deny.clear();
    assert_eq!(
        rules_of(&body(text, &ctx(clinic, &config))),
        ["comparison-with-others", "hype-wording"]
    );
    config.allow = vec!["他院よりも".into()];
    assert_eq!(
        rules_of(&body(text, &ctx(clinic, &config))),
        ["hype-wording"]
    );
    config.allow.clear();
    config.rules.insert("hype-wording".into(), "off".into());
    config.rules.insert("comparative".into(), "info".into());
    let found = body(text, &ctx(clinic, &config));
    assert_eq!(rules_of(&found), ["comparison-with-others"]);
    assert_eq!(found[0].severity, Severity::Info);
    // A rule id wins over its category.
    config
        .rules
        .insert("comparison-with-others".into(), "error".into());
    assert_eq!(
        body(text, &ctx(clinic, &config))[0].severity,
        Severity::Error
    );
    // Problems in [check.rules] are reported for the loader.
    config.rules.insert("hype-wordings".into(), "warn".into());
    config.rules.insert("kanji-run".into(), "loud".into());
    let problems = config_problems(&config);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`hype-wording`"));
}

#[test]
fn clinic_contact_details_are_not_flagged_but_others_are() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let own = "ご予約は０１２－３４５－６７８９、info@midori-clinic.example、〒000-0000 へ。";
    assert!(body(own, &c).is_empty(), "{:?}", body(own, &c));
    let found = body("連絡先は090-1234-5678、自宅は03-9876-5432です。", &c);
    assert_eq!(rules_of(&found), ["personal-phone-number", "phone-number"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[1].severity, Severity::Warning);
    // Business numbers, #8000 and 119 are not personal.
    assert!(body("0120-123-456、#8000、119番にどうぞ。", &c).is_empty());
    // The same number is someone else's on a site of another clinic (`.example` addresses
    // are documentation, never reported).
    let other = Clinic::default();
    assert_eq!(
        rules_of(&body(own, &ctx(other, &config))),
        ["phone-number", "postal-code"]
    );
    let found = body("担当の方のアドレス yamada@clinic-b.jp にも送りました。", &c);
    assert_eq!(rules_of(&found), ["email-address"]);
    let sub = body("採用係 saiyo@recruit.midori-clinic.example まで。", &c);
    assert!(
        sub.is_empty(),
        "a subdomain of the clinic's is the clinic's"
    );
}

#[test]
fn my_number_needs_a_valid_check_digit() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let found = body("マイナンバーは 1234 5678 9018 です。", &c);
    assert_eq!(rules_of(&found), ["my-number"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(body("マイナンバーは 1234 5678 9012 です。", &c).is_empty());
    // Without the word, a valid number is a warning (1 in 10 random numbers pass).
    let found = body("注文番号 123456789018 の件。", &c);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn positions_count_characters_in_the_whole_file() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let source = "+++\ntitle = \"当院は地域ＮＯ．１の実績\"\ndescription = \"この治療で必ず治ります\"\n+++\n\n全角のテキストです。お問い合わせは０９０－１２３４－５６７８へ。\n";
    let c = ArticleContext {
        title: "当院は地域NO.1の実績",
        description: Some("この治療で必ず治ります"),
        ..ctx(clinic, &config)
    };
    // The title as parsed (NFKC or not) is found in the front matter by its key's line.
    let body_at = source.find("\n全角").unwrap() + 1;
    let found = check_article(source, body_at, &c);
    let at = |rule: &str| {
        let f = find(&found, rule).unwrap_or_else(|| panic!("{rule}: {found:?}"));
        (f.line, f.column, f.end_line, f.end_column)
    };
    // The title's value differs from the source text (full-width), so it maps to the line.
    assert_eq!(at("superiority-claim").0, 2);
    // `description = "` is 15 characters: 必ず starts at column 21.
    assert_eq!(at("guaranteed-effect"), (3, 21, 3, 25));
    // 全角のテキストです。お問い合わせは = 17 characters; the number is 13 full-width ones.
    assert_eq!(at("personal-phone-number"), (6, 18, 6, 31));

    // Verbatim title: exact columns, in YAML too.
    let yaml = "---\ntitle: 当院は地域No.1の実績\n---\n本文です。\n";
    let c = ArticleContext {
        title: "当院は地域No.1の実績",
        description: None,
        ..ctx(clinic, &config)
    };
    let found = check_article(yaml, yaml.find("本文").unwrap(), &c);
    let f = find(&found, "superiority-claim").unwrap();
    // `title: 当院は` is 10 characters: 地域 starts at column 11.
    assert_eq!((f.line, f.column), (2, 11));
}

#[test]
fn written_consent_softens_privacy_but_not_testimonials() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let text = "中村さんは、3年前に大腸がんの手術を受けました。中村さんは、この治療で糖尿病がすっかり良くなりました。";
    let found = body(text, &ctx(clinic, &config));
    assert_eq!(
        find(&found, "patient-name").unwrap().severity,
        Severity::Error
    );
    let c = ArticleContext {
        patient_consent: Some("written"),
        ..ctx(clinic, &config)
    };
    let found = body(text, &c);
    assert_eq!(
        find(&found, "patient-name").unwrap().severity,
        Severity::Info
    );
    assert_eq!(
        find(&found, "patient-testimonial").unwrap().severity,
        Severity::Error
    );
    // Oral consent is not enough to soften it.
    let c = ArticleContext {
        patient_consent: Some("oral"),
        ..ctx(clinic, &config)
    };
    assert_eq!(
        find(&body(text, &c), "patient-name").unwrap().severity,
        Severity::Error
    );
}

#[test]
fn skips_code_urls_and_comments_but_checks_link_text() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let text = "`必ず治る`\n\n```\n090-1234-5678 必ず治ります\n```\n\n<!-- 必ず治ります -->\n\nhttps://example.jp/必ず治る\n\n[必ず治ります](https://example.jp/)\n";
    let found = body(text, &c);
    assert_eq!(rules_of(&found), ["guaranteed-effect"]);
    assert_eq!(found[0].line, 13);
}

#[test]
fn finding_serializes_with_exactly_the_public_fields() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let found = body("必ず治ります。", &ctx(clinic, &config));
    let json = serde_json::to_value(&found[0]).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "category",
            "column",
            "end_column",
            "end_line",
            "line",
            "message",
            "rule",
            "severity",
            "suggestion"
        ]
    );
    assert_eq!(json["severity"], "error");
    assert_eq!(json["category"], "exaggeration");
    let json = serde_json::to_value(Category::BeforeAfter).unwrap();
    assert_eq!(json, "before_after");
}

/// Checks 1,000 articles of about 4,000 characters (the demo bodies, cycled) and prints the
/// time. The budget is generous in debug builds; `cargo test --release --lib check_speed --
/// --nocapture` shows the real figure (see the module docs of `check`).
#[test]
fn check_speed() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let bodies: Vec<String> = demo_site()
        .into_iter()
        .map(|(_, source, body, _)| source[body..].to_string())
        .collect();
    let mut articles = Vec::with_capacity(1000);
    for i in 0..1000 {
        let mut body = String::new();
        let mut k = i;
        while body.chars().count() < 4000 {
            body.push_str(&bodies[k % bodies.len()]);
            k += 1;
        }
        let body: String = body.chars().take(4000).collect();
        articles.push(format!("+++\ntitle = \"記事{i}\"\n+++\n{body}\n"));
    }
    let chars: usize = articles.iter().map(|a| a.chars().count()).sum();
    let c = ArticleContext {
        title: "記事",
        ..ctx(clinic, &config)
    };
    let _ = check_article(&articles[0], 20, &c); // compile the rules first
    // The machine may be shared: report this thread's CPU time too (Linux), which other
    // processes disturb far less than the wall clock.
    let cpu_ns = || -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    let (start, cpu_start) = (std::time::Instant::now(), cpu_ns());
    let mut n = 0;
    for a in &articles {
        let body_at = a
            .find("+++\n")
            .map(|i| a[i + 4..].find("+++\n").unwrap() + i + 8)
            .unwrap();
        n += check_article(a, body_at, &c).len();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = cpu_start.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    // A yardstick that suffers the same load: parsing the same bodies with pulldown-cmark.
    let parse_start = cpu_ns();
    let mut events = 0;
    for a in &articles {
        events += pulldown_cmark::Parser::new_ext(a, pulldown_cmark::Options::all()).count();
    }
    let parse = parse_start.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    println!(
        "checked 1000 articles ({chars} characters) in {:.1} ms wall, {} CPU ({n} findings); \
         a bare pulldown-cmark parse of them: {} CPU ({events} events)",
        elapsed * 1000.0,
        cpu.map_or("?".into(), |c| format!("{:.1} ms", c * 1000.0)),
        parse.map_or("?".into(), |c| format!("{:.1} ms", c * 1000.0)),
    );
    let budget = if cfg!(debug_assertions) { 30.0 } else { 1.0 };
    assert!(cpu.unwrap_or(elapsed) < budget, "{elapsed} s");
}

#[test]
fn trigger_words_cover_every_pattern_match() {
    let mut corpus: Vec<String> = Vec::new();
    let labelled: toml::Table = toml::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/labelled.toml"
    )))
    .unwrap();
    for case in labelled["case"].as_array().unwrap() {
        corpus.push(case["text"].as_str().unwrap().to_string());
    }
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
            for (id, lists) in page::TRIGGERED {
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

/// Time per phase on the demo articles, for tuning:
/// `cargo test --release --lib phase_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn phase_timing() {
    use super::prose::Prose;
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

#[test]
fn explain_prints_the_docs_of_a_rule() {
    let text = explain("guaranteed-effect").unwrap();
    println!("{text}");
    assert!(text.starts_with("guaranteed-effect（虚偽・誇大広告・error）"));
    for heading in ["## 何を見るか", "## なぜ問題か", "## 例", "## 言い換え"] {
        assert!(text.contains(heading), "{heading}");
    }
}

/// The demo site's articles and pages (`content/` at the repository root): name, source and
/// where the body starts (after the closing `+++` or `---` of the front matter).
fn demo_site() -> Vec<(String, String, usize, ())> {
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
