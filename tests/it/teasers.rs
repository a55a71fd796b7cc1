//! `clinote teasers`, the teaser page and the LINE QR code, through the real binary.

use crate::support::*;

fn demo_teasers(format: &str) -> String {
    let root = demo_root();
    let out = run(&[
        "teasers",
        "--root",
        root.to_str().unwrap(),
        "--format",
        format,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "the demo's posts need no fixing: {}",
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn json_has_exactly_the_promised_keys_and_valid_posts() {
    let json: serde_json::Value =
        serde_json::from_str(&demo_teasers("json")).expect("stdout is only JSON");
    let items = json.as_array().unwrap();
    let keys = [
        "article",
        "url",
        "variant",
        "text",
        "weighted_length",
        "intent_url",
        "suggested_date",
        "channel",
    ];
    let mut per_article: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for item in items {
        let obj = item.as_object().unwrap();
        assert_eq!(obj.keys().collect::<Vec<_>>().len(), keys.len(), "{item}");
        for k in keys {
            assert!(obj.contains_key(k), "missing {k} in {item}");
        }
        let text = item["text"].as_str().unwrap();
        let url = item["url"].as_str().unwrap();
        assert!(url.starts_with("https://midori.example.jp/blog/articles/") && url.is_ascii());
        if item["channel"] == "x" {
            let parsed = clinote_posts::parse(text);
            assert!(parsed.valid, "invalid post: {text}");
            assert_eq!(
                item["weighted_length"].as_u64().unwrap() as usize,
                parsed.weighted_length
            );
            let last = text.lines().last().unwrap();
            assert!(last.starts_with(url), "the post ends with its link: {text}");
            assert!(last.contains("utm_source=x"), "{last}");
            // The intent link holds exactly the post.
            let intent = item["intent_url"].as_str().unwrap();
            let encoded = intent
                .strip_prefix("https://x.com/intent/tweet?text=")
                .unwrap();
            let decoded = percent_encoding::percent_decode_str(encoded)
                .decode_utf8()
                .unwrap();
            assert_eq!(decoded, text);
            per_article
                .entry(item["article"].as_str().unwrap().to_string())
                .or_default()
                .push(text.to_string());
        } else {
            assert_eq!(item["channel"], "line");
            assert!(text.encode_utf16().count() <= 500);
            assert!(
                text.trim_end()
                    .ends_with("utm_campaign=".to_string().as_str())
                    || text.contains("utm_source=line")
            );
        }
        let date = item["suggested_date"].as_str().unwrap();
        assert!(date.parse::<jiff::civil::Date>().is_ok(), "{date}");
    }
    assert_eq!(
        per_article.len(),
        10,
        "every published article, no drafts or scheduled ones"
    );
    for (slug, posts) in per_article {
        assert!(posts.len() >= 3, "{slug}");
        let mut unique = posts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), posts.len(), "{slug}: variants must differ");
    }
}

#[test]
fn csv_round_trips_and_matches_json() {
    let csv_text = demo_teasers("csv");
    let json: Vec<clinote_posts::Record> = serde_json::from_str(&demo_teasers("json")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "article",
            "url",
            "variant",
            "text",
            "weighted_length",
            "intent_url",
            "suggested_date",
            "channel"
        ]
    );
    let rows: Vec<clinote_posts::Record> = reader.deserialize().map(Result::unwrap).collect();
    assert_eq!(rows, json);
    let text = demo_teasers("text");
    assert!(text.contains("== 冬こそ見直したい、毎日の手洗い (winter-hand-washing)"));

    let root = demo_root();
    let one = run(&[
        "teasers",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--article",
        "child-night-fever",
    ]);
    let one: Vec<serde_json::Value> = serde_json::from_slice(&one.stdout).unwrap();
    assert!(one.iter().all(|r| r["article"] == "child-night-fever"));
    let bad = run(&[
        "teasers",
        "--root",
        root.to_str().unwrap(),
        "--article",
        "child-night-fevr",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("child-night-fever"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn teaser_page_only_when_asked_and_the_share_link_uses_the_first_post() {
    let site = TempSite::new();
    site.article(
        "a",
        "title = \"手洗いのコツ\"\ndate = 2026-01-02\ntags = [\"COVID-19\", \"冬\"]\nteasers = [\"指先を忘れずに洗いましょう。\"]",
        "## コツ\n\n- 指先\n- 親指\n- 手首\n",
    );
    site.build_ok(&[]);
    assert!(
        !site.public().join("_teasers").exists(),
        "no teaser page by default"
    );
    assert!(
        site.public().join("line-qr.svg").is_file(),
        "the clinic has a LINE id"
    );
    let qr = site.read("line-qr.svg");
    assert!(
        qr.starts_with("<svg") || qr.starts_with("<?xml"),
        "{}",
        &qr[..60.min(qr.len())]
    );
    let page = site.read("articles/a/index.html");
    let first = "https://x.com/intent/tweet?text=%E6%8C%87%E5%85%88";
    assert!(
        page.contains(first),
        "the share link starts from the first teaser"
    );

    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[teasers]\npage = true\nhashtags = [\"テスト\"]\n"),
    );
    site.build_ok(&[]);
    let teasers = site.read("_teasers/index.html");
    assert!(teasers.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(teasers.contains("指先を忘れずに洗いましょう。"));
    assert!(teasers.contains("#COVID19"), "tags are made valid hashtags");
    assert!(teasers.contains("data-copy-from"));
    assert!(
        !site.read("sitemap.xml").contains("_teasers"),
        "never in the sitemap"
    );
}

#[test]
fn own_teasers_with_text_x_would_link_are_warned_at_their_line() {
    let site = TempSite::new();
    site.article(
        "kyubyo",
        "title = \"夜の急病\"\ndate = 2026-01-02\nteasers = [\n  \"迷ったら【#8000とは】をご覧ください。\",\n  \"くわしくはkodomo-qa.jpへ。#小児科 https://example.jp/x\",\n]",
        "夜の急病について。\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("kyubyo.md:5:")
            && err.contains("「#8000とは」は、X ではハッシュタグになります"),
        "{err}"
    );
    assert!(
        err.contains("kyubyo.md:6:") && err.contains("「kodomo-qa.jp」は、X ではリンクになり"),
        "{err}"
    );
    assert!(err.contains("X makes \"#8000とは\" a hashtag"), "{err}");
    assert!(
        !err.contains("小児科」は") && !err.contains("「https://example.jp/x」は"),
        "a hashtag of words and a link with https:// are meant: {err}"
    );
}
