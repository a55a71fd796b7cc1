//! Where findings are (lines and columns in the whole file), allow comments, config, and
//! the JSON shape of a finding.

use super::*;

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
