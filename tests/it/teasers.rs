//! `clinote teasers`, the teaser page and the LINE QR code, through the real binary.

use crate::support::*;

/// Every post of the demo site (`--all`: its articles are mostly past), in `format`.
fn demo_teasers(format: &str) -> String {
    let root = demo_root();
    let out = run(&[
        "teasers",
        "--root",
        root.to_str().unwrap(),
        "--format",
        format,
        "--all",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "the demo's posts need no fixing: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// The keys of a record, in order, in JSON and CSV alike.
const KEYS: [&str; 14] = [
    "article",
    "title",
    "channel",
    "variant",
    "date",
    "time",
    "timezone",
    "datetime",
    "scheduled",
    "text",
    "weighted_length",
    "url",
    "intent_url",
    "findings",
];

#[test]
fn json_has_exactly_the_promised_keys_and_valid_posts() {
    let raw = demo_teasers("json");
    let json: serde_json::Value = serde_json::from_str(&raw).expect("stdout is only JSON");
    let items = json.as_array().unwrap();
    // The keys in order, as written.
    let first = &raw[..raw.find("\n  }").unwrap()];
    let positions: Vec<usize> = KEYS
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.is_sorted(), "{first}");
    let mut per_article: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut scheduled = std::collections::BTreeSet::new();
    for item in items {
        let obj = item.as_object().unwrap();
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(obj.keys().collect::<Vec<_>>(), keys, "{item}");
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
            assert!(text.contains("utm_source=line"), "{text}");
        }
        let date = item["date"].as_str().unwrap();
        assert!(date.parse::<jiff::civil::Date>().is_ok(), "{date}");
        assert_eq!(item["timezone"], "Asia/Tokyo");
        let datetime = item["datetime"].as_str().unwrap();
        assert!(
            datetime.starts_with(&format!("{date}T{}:00", item["time"].as_str().unwrap()))
                && datetime.ends_with("+09:00"),
            "{datetime}"
        );
        // The demo's articles go live at 09:00: posts are at the default 12:00.
        assert_eq!(item["time"], "12:00");
        assert_eq!(item["findings"], serde_json::json!([]));
        if item["scheduled"] == true {
            scheduled.insert(item["article"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(
        per_article.len(),
        11,
        "every published article and the scheduled one, no drafts"
    );
    assert_eq!(
        scheduled.into_iter().collect::<Vec<_>>(),
        ["hay-fever-preparation"],
        "the article dated 2027-02-01 is marked scheduled"
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
fn csv_is_for_excel_and_matches_json() {
    let csv_text = demo_teasers("csv");
    assert!(csv_text.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
    assert!(
        csv_text.starts_with(&format!("\u{feff}{}\r\n", KEYS.join(","))),
        "{}",
        &csv_text[..200]
    );
    let json: Vec<serde_json::Value> = serde_json::from_str(&demo_teasers("json")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, KEYS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), json.len());
    for (row, item) in rows.iter().zip(&json) {
        for (i, key) in KEYS.iter().enumerate() {
            let expected = match &item[key] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(a) if a.is_empty() => String::new(),
                other => other.to_string(),
            };
            assert_eq!(&row[i], expected, "{key} of {item}");
        }
    }
    // Each row ends in CRLF: outside the quoted posts, no line ends in a bare LF.
    let rows_end = csv_text.matches(",\r\n").count();
    assert_eq!(
        rows_end,
        json.len(),
        "one CRLF after each row's empty findings"
    );

    let text = demo_teasers("text");
    assert!(text.contains("== 冬こそ見直したい、毎日の手洗い (winter-hand-washing)"));
    assert!(
        text.contains("予約投稿: 2027年2月1日 09:00 に公開されます"),
        "{text}"
    );

    let root = demo_root();
    let one = run(&[
        "teasers",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--all",
        "--article",
        "child-night-fever",
    ]);
    let one: Vec<serde_json::Value> = serde_json::from_slice(&one.stdout).unwrap();
    assert!(!one.is_empty() && one.iter().all(|r| r["article"] == "child-night-fever"));
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
fn ics_has_one_event_per_post_in_rfc_5545_form() {
    let ics = demo_teasers("ics");
    let json: Vec<serde_json::Value> = serde_json::from_str(&demo_teasers("json")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let body = ics.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(!line.contains('\n'), "CRLF only: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), json.len());
    assert!(unfolded.contains("X-WR-CALNAME:みどり町ファミリークリニック ブログ 投稿予定\r\n"));
    let first = &json[0];
    let uid = format!(
        "UID:{}-{}-{}@midori.example.jp\r\n",
        first["article"].as_str().unwrap(),
        first["channel"].as_str().unwrap(),
        first["variant"]
    );
    assert!(unfolded.contains(&uid), "{uid}");
    // 12:00 in Tokyo, in the site's zone, which the file defines.
    let start: jiff::Timestamp = first["datetime"].as_str().unwrap().parse().unwrap();
    let local = start.to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
    let dtstart = format!(
        "DTSTART;TZID=Asia/Tokyo:{}\r\n",
        local.strftime("%Y%m%dT%H%M%S")
    );
    assert!(dtstart.contains("T120000"), "{dtstart}");
    assert!(unfolded.contains(&dtstart), "{dtstart}");
    assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"));
    let url = first["url"].as_str().unwrap();
    assert!(unfolded.contains(&format!("URL:{url}\r\n")));
    assert!(unfolded.contains(&format!("\\n\\n記事 / Article: {url}")));
    assert_eq!(
        unfolded.matches("BEGIN:VALARM").count(),
        json.len(),
        "a reminder on the day of each post"
    );
}

/// An article file's front matter for a date `days` from today in Tokyo.
fn day(days: i64) -> jiff::civil::Date {
    let tokyo = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
    jiff::Timestamp::now()
        .to_zoned(tokyo)
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
}

fn teasers_json(site: &TempSite, args: &[&str]) -> Vec<serde_json::Value> {
    let root = site.root().to_str().unwrap();
    let mut all = vec!["teasers", "--root", root, "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is only JSON")
}

fn summary(records: &[serde_json::Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            format!(
                "{} {}{} {} {}{}",
                r["article"].as_str().unwrap(),
                r["channel"].as_str().unwrap(),
                r["variant"],
                r["date"].as_str().unwrap(),
                r["time"].as_str().unwrap(),
                if r["scheduled"] == true {
                    " scheduled"
                } else {
                    ""
                }
            )
        })
        .collect()
}

#[test]
fn posts_from_today_on_at_the_set_time_and_scheduled_articles_marked() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &format!(
            "{MINIMAL_CONFIG}\n[teasers]\ntime = \"9:15\"\nvariants = 2\nschedule_days = [0, 3]\n"
        ),
    );
    // Two sentences worth a post each, after an opening longer than the summary.
    let body = "毎日の手洗いで、かぜを防ぎましょう。寒くなると、かぜや胃腸炎が増えてきます。特別なことをしなくても、毎日の手洗いを少し見直すだけで、家族みんなの体を守ることにつながります。今日は、看護師の目から見た手洗いのポイントを、二つだけお伝えします。\n\n## 洗い方\n\n石けんで30秒ほど洗うのが目安です。\n\n## 手洗いのタイミング\n\n帰宅したときと食事の前、そしてトイレのあとの手洗いが、いちばん大切です。\n";
    site.article(
        "old",
        &format!("title = \"先月の話\"\ndate = {}", day(-30)),
        body,
    );
    site.article(
        "today",
        &format!("title = \"今日の話\"\ndate = {}", day(0)),
        body,
    );
    site.article(
        "later",
        &format!("title = \"来週の話\"\ndate = {}T20:00:00", day(7)),
        body,
    );
    site.article(
        "draft",
        &format!("title = \"下書き\"\ndate = {}\ndraft = true", day(1)),
        body,
    );
    let (d0, d3, d7, d10) = (day(0), day(3), day(7), day(10));
    let expected_from_today = [
        // The scheduled article: its first post waits until it goes live at 20:00.
        format!("later x1 {d7} 20:00 scheduled"),
        format!("later x2 {d10} 09:15 scheduled"),
        format!("later line1 {d7} 20:00 scheduled"),
        format!("today x1 {d0} 09:15"),
        format!("today x2 {d3} 09:15"),
        format!("today line1 {d0} 09:15"),
    ];
    assert_eq!(summary(&teasers_json(&site, &[])), expected_from_today);

    let all = teasers_json(&site, &["--all"]);
    assert_eq!(all.len(), 9, "{:?}", summary(&all));
    assert!(all.iter().all(|r| r["article"] != "draft"), "never drafts");
    let since = teasers_json(&site, &["--since", &day(-30).to_string()]);
    assert_eq!(summary(&since), summary(&all));
    let since = teasers_json(&site, &["--since", &d3.to_string()]);
    assert_eq!(summary(&since).len(), 4, "{:?}", summary(&since));
    let root = site.root().to_str().unwrap();
    let none = run(&[
        "teasers",
        "--root",
        root,
        "--format",
        "csv",
        "--since",
        "2999-01-01",
    ]);
    assert!(none.status.success());
    assert_eq!(stdout(&none), format!("\u{feff}{}\r\n", KEYS.join(",")));
    assert!(
        stderr(&none).contains("書き出す投稿はありません"),
        "{}",
        stderr(&none)
    );
    let line = teasers_json(&site, &["--channel", "line"]);
    assert_eq!(
        summary(&line),
        [
            expected_from_today[2].clone(),
            expected_from_today[5].clone()
        ]
    );

    let both = run(&["teasers", "--root", root, "--all", "--since", "2026-01-01"]);
    assert_eq!(both.status.code(), Some(2), "--all and --since conflict");
    let bad = run(&["teasers", "--root", root, "--since", "来週"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("\"来週\" は日付ではありません"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_manual_post_with_a_check_error_stops_the_export_unless_allowed() {
    let site = TempSite::new();
    site.article(
        "koshi",
        &format!(
            "title = \"腰痛のストレッチ\"\ndate = {}\nteasers = [\"このストレッチで腰痛は必ず楽になります！\"]",
            day(0)
        ),
        "毎日少しずつ続けることが大切です。\n",
    );
    let root = site.root().to_str().unwrap();
    for format in ["text", "json", "csv", "ics"] {
        let out = run(&["teasers", "--root", root, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{format}: nothing exported");
    }
    let out = run(&["teasers", "--root", root]);
    let err = stderr(&out);
    // The post's own line in the front matter, where the writer fixes it.
    assert!(
        err.contains("X 投稿 1")
            && err.contains("content/articles/koshi.md:4:")
            && err.contains("teasers = [\"このストレッチで腰痛は必ず楽になります！\"]")
            && err.contains("guaranteed-effect")
            && err.contains("言いかえの例: 改善が期待できます"),
        "which file, which post, what is wrong: {err}"
    );
    let summary_ja = "1 件の投稿に clinote check のエラーがあるため、何も書き出しませんでした";
    let at = err.find(summary_ja).unwrap_or_else(|| panic!("{err}"));
    assert!(err[at..].contains("--allow-findings"), "what to do: {err}");
    assert!(
        err.find("nothing exported: 1 post has errors")
            .is_some_and(|en| en > at),
        "Japanese first, English beside: {err}"
    );

    let allowed = teasers_json(&site, &["--allow-findings"]);
    let first = &allowed[0];
    assert_eq!(first["variant"], 1);
    let findings = first["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "guaranteed-effect" && f["severity"] == "error"),
        "{first}"
    );
    let f = &findings[0];
    assert_eq!(
        f.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["message", "rule", "severity"]
    );
    let text = run(&["teasers", "--root", root, "--allow-findings"]);
    assert!(text.status.success());
    assert!(stdout(&text).contains("!! clinote check: error guaranteed-effect:"));
    assert!(
        stderr(&text).contains("--allow-findings: check のエラーがある 1 件の投稿も書き出しました")
    );
    // Only exported posts count: from the day after, the manual post is not exported.
    let later = run(&["teasers", "--root", root, "--since", &day(1).to_string()]);
    assert!(later.status.success(), "{}", stderr(&later));

    // Fixed as the help says, it exports.
    site.article(
        "koshi",
        &format!(
            "title = \"腰痛のストレッチ\"\ndate = {}\nteasers = [\"毎日のストレッチで、腰の負担を減らしましょう。\"]",
            day(0)
        ),
        "毎日少しずつ続けることが大切です。\n",
    );
    let fixed = teasers_json(&site, &[]);
    assert!(fixed.iter().all(|r| {
        !r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "error")
    }));
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
    // Boxes are as tall as their posts' lines, not a fixed 6 rows; the date has its time.
    let post = "指先を忘れずに洗いましょう。\n#COVID19 #冬 #テスト\nhttps://example.jp/blog/articles/a/?utm_source=x&amp;utm_medium=social&amp;utm_campaign=a&amp;utm_content=v1";
    assert!(
        teasers.contains(&format!(
            "rows=\"3\" data-text=\"x\" aria-label=\"X 1\">{post}</textarea>"
        )),
        "{teasers}"
    );
    assert!(teasers.contains("2026-01-02 12:00"), "{teasers}");
    assert!(!teasers.contains("rows=\"6\""));
    assert!(
        !teasers.contains("badge--"),
        "published articles are not marked"
    );
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

#[test]
fn a_self_pay_article_without_its_disclosures_gets_no_posts_and_says_what_to_add() {
    let site = TempSite::new();
    // The build publishes despite the finding, so that the teaser page can be looked at.
    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[teasers]\npage = true\n[check]\nfail_build = false\n"),
    );
    let offer = "## シミ取りレーザー\n\n当院では、シミ取りレーザー（自由診療）を行っています。1回 11,000円（税込）です。お気軽にご相談ください。\n";
    site.article(
        "laser",
        "title = \"シミ取りレーザーのご案内\"\ndate = 2026-01-02",
        offer,
    );
    // The same service with every disclosure: its posts are written, and none states a price.
    // With every disclosure, and a section that teaches rather than offers: that one may be
    // posted.
    let disclosed = format!(
        "{offer}\n治療は3か月ほど、月1回の照射を3回行います。照射のあとに赤みや、かさぶたが出ることがあります。まれに色素沈着が起きることもあります。\n\n## シミの種類\n\nシミには、老人性色素斑や肝斑など、いくつかの種類があります。日焼け止めと帽子で、夏の前から紫外線を防ぐことが、どのシミにも大切です。\n"
    );
    site.article(
        "laser-full",
        "title = \"シミ取りレーザーの費用と回数\"\ndate = 2026-01-03",
        &disclosed,
    );

    let root = site.root().to_str().unwrap();
    let out = run(&["teasers", "--root", root, "--format", "json", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        records.iter().all(|r| r["article"] != "laser"),
        "no post for the undisclosed article: {:?}",
        summary(&records)
    );
    let full: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["article"] == "laser-full")
        .collect();
    assert!(!full.is_empty(), "the disclosed article has posts");
    for r in &full {
        let text = r["text"].as_str().unwrap();
        assert!(
            !text.contains('円') && !text.contains("税込"),
            "a price in a post: {text}"
        );
    }
    // Why, where, and what to add.
    let err = stderr(&out);
    assert!(err.contains("content/articles/laser.md"), "{err}");
    assert!(err.contains("投稿文は作りませんでした"), "{err}");
    assert!(err.contains("主なリスクと副作用"), "{err}");
    assert!(err.contains("no X or LINE post was written"), "{err}");

    // The teaser page says the same in the article's place.
    site.build_ok(&[]);
    let page = site.read("_teasers/index.html");
    assert!(
        page.contains("teaser-withheld"),
        "no note on the teaser page"
    );
    assert!(page.contains("投稿文は作りませんでした"));
}
