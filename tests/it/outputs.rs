//! Feeds, sitemap, robots.txt and page metadata.

use std::collections::BTreeSet;

use crate::support::*;

#[test]
fn feed_parses_back_with_full_content() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_demo(dir.path(), &[]);
    let bytes = std::fs::read(out.join("feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&bytes[..]).expect("feed.xml parses");
    assert_eq!(channel.title(), "みどり町ファミリークリニック ブログ");
    assert_eq!(channel.link(), "https://midori.example.jp/blog/");
    let items = channel.items();
    assert_eq!(items.len(), 10, "published articles only");
    let dates: Vec<jiff::Timestamp> = items
        .iter()
        .map(|i| {
            let d = i.pub_date().expect("pubDate");
            jiff::fmt::rfc2822::parse(d).expect("RFC 2822").timestamp()
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for item in items {
        let link = item.link().unwrap();
        assert!(
            link.starts_with("https://midori.example.jp/blog/articles/"),
            "{link}"
        );
        let guid = item.guid().unwrap();
        assert!(guid.is_permalink() && guid.value() == link);
        let content = item.content().expect("content:encoded");
        assert!(content.len() > 500, "full content in {link}");
        assert!(
            !content.contains("src=\"/") && !content.contains("href=\"/"),
            "relative URL in feed content of {link}"
        );
        assert!(!item.description().unwrap().is_empty());
        assert!(
            item.dublin_core_ext()
                .is_some_and(|dc| !dc.creators().is_empty())
        );
    }
    let flu = items
        .iter()
        .find(|i| i.link().unwrap().ends_with("/flu-vaccine-2026/"))
        .unwrap();
    assert!(
        flu.categories()
            .iter()
            .any(|c| c.name() == "インフルエンザ")
    );
    assert!(
        flu.content()
            .unwrap()
            .contains("https://midori.example.jp/blog/articles/flu-vaccine-2026/schedule.w480.png 480w, https://midori.example.jp/blog/articles/flu-vaccine-2026/schedule.w800.png 800w")
    );

    // One feed per tag.
    let tag_feed = std::fs::read(out.join("tags/インフルエンザ/feed.xml")).unwrap();
    let tag_channel = rss::Channel::read_from(&tag_feed[..]).unwrap();
    assert!(!tag_channel.items().is_empty());
    assert!(
        tag_channel
            .items()
            .iter()
            .all(|i| i.categories().iter().any(|c| c.name() == "インフルエンザ"))
    );
}

#[test]
fn feed_limit_and_summary_only() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &format!("{MINIMAL_CONFIG}\n[feed]\nlimit = 2\nfull_content = false\n"),
    );
    for i in 1..=4 {
        site.article(
            &format!("a{i}"),
            &format!("title = \"記事{i}\"\ndate = 2026-01-0{i}"),
            "本文です。\n",
        );
    }
    site.build_ok(&[]);
    let channel = rss::Channel::read_from(site.read("feed.xml").as_bytes()).unwrap();
    let titles: Vec<&str> = channel.items().iter().map(|i| i.title().unwrap()).collect();
    assert_eq!(titles, ["記事4", "記事3"]);
    assert!(channel.items().iter().all(|i| i.content().is_none()));
}

#[test]
fn sitemap_lists_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_demo(dir.path(), &[]);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_string())
        .collect();
    let pages: BTreeSet<String> = tree(&out)
        .keys()
        // Every page but those that ask not to be indexed (404, the search form).
        .filter(|p| p.ends_with(".html") && *p != "404.html" && *p != "search/index.html")
        .map(|p| {
            let folder = p.strip_suffix("index.html").unwrap();
            let encoded = percent_encoding::utf8_percent_encode(folder, percent_encoding::CONTROLS);
            format!("https://midori.example.jp/blog/{encoded}")
        })
        .collect();
    assert_eq!(locs, pages);
    assert!(sitemap.contains("<lastmod>2026-11-09T09:00:00+09:00</lastmod>"));
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://midori.example.jp/blog/sitemap.xml"));
}

#[test]
fn article_pages_carry_cards_and_structured_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_demo(dir.path(), &[]);
    let html =
        std::fs::read_to_string(out.join("articles/winter-hand-washing/index.html")).unwrap();
    for needle in [
        "<link rel=\"canonical\" href=\"https://midori.example.jp/blog/articles/winter-hand-washing/\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta property=\"og:image\" content=\"https://midori.example.jp/blog/images/covers/hand-washing.w1200.png\">",
        "<meta name=\"twitter:image:alt\"",
        "<meta name=\"description\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["datePublished"], "2026-11-09T09:00:00+09:00");
    // Issue 23: the publisher is the clinic, with what clinote.toml says of it.
    let clinic = &ld["publisher"];
    assert_eq!(clinic["@type"], "MedicalClinic");
    assert_eq!(clinic["@id"], "https://midori.example.jp/#clinic");
    assert_eq!(clinic["name"], "みどり町ファミリークリニック");
    assert_eq!(clinic["telephone"], "012-345-6789");
    assert_eq!(clinic["address"]["@type"], "PostalAddress");
    assert_eq!(clinic["address"]["postalCode"], "000-0000");
    assert_eq!(clinic["geo"]["@type"], "GeoCoordinates");
    assert!(clinic["geo"]["latitude"].is_f64());
    assert_eq!(
        clinic["medicalSpecialty"],
        serde_json::json!([
            "https://schema.org/PrimaryCare",
            "https://schema.org/Pediatric"
        ])
    );
    assert_eq!(
        clinic["logo"]["url"],
        "https://midori.example.jp/blog/images/logo.png"
    );
    let hours = clinic["openingHoursSpecification"].as_array().unwrap();
    for spec in hours {
        assert_eq!(spec["@type"], "OpeningHoursSpecification");
        for key in ["opens", "closes"] {
            let t = spec[key].as_str().unwrap();
            assert!(t.len() == 5 && t.as_bytes()[2] == b':', "{key} {t}");
        }
        assert!(!spec["dayOfWeek"].as_array().unwrap().is_empty());
    }
    let days_open: usize = hours
        .iter()
        .map(|s| s["dayOfWeek"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        days_open,
        6 + 4,
        "mornings Monday to Saturday, four afternoons"
    );
    assert!(
        !hours
            .iter()
            .any(|s| s["dayOfWeek"].to_string().contains("Sunday")),
        "closed on Sunday"
    );
    assert!(ld["dateModified"].is_string());
    let reviewer = &ld["mainEntityOfPage"]["reviewedBy"];
    assert_eq!(reviewer["name"], "山田 健一");
    assert_eq!(
        reviewer["@type"],
        serde_json::json!(["Person", "Physician"])
    );
    // The reviewing doctor is shown as 監修.
    assert!(html.contains("監修"));

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(index.contains("\"@type\":\"WebSite\""));
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn articles_without_a_cover_get_a_drawn_link_card() {
    use std::os::unix::fs::MetadataExt;
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        "title = \"テスト\"\nbase_url = \"https://example.jp/blog/\"\n\n[clinic]\nname = \"みどりクリニック\"\n\n[authors.dr]\nname = \"山田 健一\"\nrole = \"院長\"\n",
    );
    site.article(
        "notice",
        "title = \"年末年始の診療のお知らせ\"\ndate = 2026-01-02\nslug = \"notice\"\nauthor = \"dr\"",
        "本文です。\n",
    );
    site.write_bytes(
        "static/cover.png",
        &std::fs::read(demo_root().join("static/favicon.png")).unwrap(),
    );
    site.article(
        "covered",
        "title = \"表紙あり\"\ndate = 2026-01-03\nslug = \"covered\"\ncover = \"cover.png\"\ncover_alt = \"表紙\"",
        "本文です。\n",
    );
    site.build_ok(&[]);
    let card = site.public().join("cards/articles/notice.png");
    let size = imagesize::size(&card).expect("a PNG card");
    assert_eq!((size.width, size.height), (1200, 630));
    let html = site.read("articles/notice/index.html");
    assert!(
        html.contains("<meta property=\"og:image\" content=\"https://example.jp/blog/cards/articles/notice.png\">"),
        "{html}"
    );
    assert!(
        html.contains("<meta name=\"twitter:image:alt\" content=\"年末年始の診療のお知らせ\">")
    );
    assert!(!site.public().join("cards/articles/covered.png").exists());

    // Drawn once: the next build takes it from the cache and leaves the output file alone.
    let cached: Vec<_> = std::fs::read_dir(site.root().join(".clinote/cache/cards"))
        .unwrap()
        .collect();
    assert_eq!(cached.len(), 1);
    let inode = std::fs::metadata(&card).unwrap().ino();
    site.build_ok(&[]);
    assert_eq!(std::fs::metadata(&card).unwrap().ino(), inode);
    // A new title is a new card.
    site.article(
        "notice",
        "title = \"休診のお知らせ\"\ndate = 2026-01-02\nslug = \"notice\"\nauthor = \"dr\"",
        "本文です。\n",
    );
    site.build_ok(&[]);
    assert_ne!(std::fs::metadata(&card).unwrap().ino(), inode);
    assert_eq!(
        std::fs::read_dir(site.root().join(".clinote/cache/cards"))
            .unwrap()
            .count(),
        2
    );

    // Turned off: no cards, no og:image.
    let toml = std::fs::read_to_string(site.root().join("clinote.toml")).unwrap();
    site.write(
        "clinote.toml",
        &toml.replace("title = \"テスト\"", "title = \"テスト\"\ncards = false"),
    );
    site.build_ok(&[]);
    assert!(!site.public().join("cards").exists());
    assert!(!site.read("articles/notice/index.html").contains("og:image"));
}

#[test]
fn pages_lists_and_pagination() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_demo(dir.path(), &[]);
    // paginate = 6 and 10 published articles: two index pages.
    assert!(out.join("page/2/index.html").is_file());
    assert!(!out.join("page/3").exists());
    let page2 = std::fs::read_to_string(out.join("page/2/index.html")).unwrap();
    assert_eq!(page2.matches("class=\"card\"").count(), 4);
    assert!(
        page2.contains("href=\"../../\" rel=\"prev\"")
            || page2.contains("rel=\"prev\" href=\"../../\"")
    );
    for p in [
        "about/index.html",
        "access/index.html",
        "tags/index.html",
        "authors/yamada/index.html",
        "series/腰痛とつきあう/index.html",
        "tags/子ども/index.html",
    ] {
        assert!(out.join(p).is_file(), "{p}");
    }
    let series = std::fs::read_to_string(out.join("series/腰痛とつきあう/index.html")).unwrap();
    let first = series.find("腰痛とつきあう（1）").unwrap();
    let second = series.find("腰痛とつきあう（2）").unwrap();
    assert!(first < second, "series pages list oldest first");
    let article =
        std::fs::read_to_string(out.join("articles/back-pain-stretches/index.html")).unwrap();
    assert!(article.contains("第2回"));
}

/// The titles of the related articles an article page shows, in order.
fn related_titles(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=\"related\"") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").expect("the section ends")];
    section
        .split("class=\"card__title\">")
        .skip(1)
        .map(|s| s[..s.find('<').expect("the title ends")].to_string())
        .collect()
}

#[test]
fn related_articles_share_the_most_tags_then_are_newest() {
    let site = TempSite::new();
    for (slug, day, tags) in [
        ("a", 6, "\"手洗い\", \"かぜ\""),
        ("b", 5, "\"手洗い\", \"かぜ\""),
        ("c", 4, "\"手洗い\""),
        ("d", 3, "\"手洗い\", \"かぜ\", \"小児\""),
        ("e", 2, "\"小児\""),
        ("f", 1, "\"腰痛\""),
    ] {
        site.article(
            slug,
            &format!("title = \"記事{slug}\"\ndate = 2026-01-0{day}\ntags = [{tags}]"),
            "本文です。\n",
        );
    }
    site.build_ok(&[]);
    let related = |slug: &str| related_titles(&site.read(&format!("articles/{slug}/index.html")));
    // Two tags shared with b and d (b is newer), one with c; three at most.
    assert_eq!(related("a"), ["記事b", "記事d", "記事c"]);
    assert_eq!(related("d"), ["記事a", "記事b", "記事c"]);
    assert_eq!(related("e"), ["記事d"]);
    assert!(related("f").is_empty(), "no shared tag, no related article");
}

/// Issue 23: a doctor's author page lists the articles they reviewed (監修) as well as those
/// they wrote, the reviewed ones marked as such.
#[test]
fn author_pages_list_what_the_doctor_reviewed() {
    let site = TempSite::new();
    site.article(
        "wrote",
        "title = \"院長が書いた記事\"\ndate = 2026-01-02\nslug = \"wrote\"\nauthor = \"yamada\"",
        "本文です。\n",
    );
    site.article(
        "reviewed",
        "title = \"看護師が書き院長が監修した記事\"\ndate = 2026-01-03\nslug = \"reviewed\"\nauthor = \"sato\"\nreviewed_by = \"yamada\"",
        "本文です。\n",
    );
    site.build_ok(&[]);
    let doctor = site.read("authors/yamada/index.html");
    assert!(doctor.contains("院長が書いた記事"), "{doctor}");
    assert!(
        doctor.contains("看護師が書き院長が監修した記事"),
        "{doctor}"
    );
    // One badge, on the reviewed article's card only.
    assert_eq!(doctor.matches("badge--reviewed").count(), 1, "{doctor}");
    let reviewed_card = doctor
        .split("<article class=\"card\">")
        .find(|c| c.contains("看護師が書き"))
        .unwrap();
    assert!(
        reviewed_card.contains("badge--reviewed\">監修<"),
        "{reviewed_card}"
    );
    // The writer's page lists it without the badge.
    let nurse = site.read("authors/sato/index.html");
    assert!(nurse.contains("看護師が書き院長が監修した記事"));
    assert!(!nurse.contains("badge--reviewed"), "{nurse}");
}

/// Issue 23: a site brands the theme without copying it: `[brand]` colours and logo,
/// `static/extra.css` loaded after the theme's stylesheet (never instead of it), and
/// `templates/head-extra.html` in every page's head but the search page's, whose address holds
/// what a patient searched for.
#[test]
fn a_site_adds_its_colours_logo_stylesheet_and_head_lines_to_the_theme() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        "title = \"テスト\"\nbase_url = \"https://example.jp/blog/\"\n\n[brand]\naccent = \"#f4a6c0\"\nlogo = \"images/logo.svg\"\n\n[analytics]\nprovider = \"goatcounter\"\nid = \"midori\"\n",
    );
    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    );
    site.write(
        "static/extra.css",
        ".site-title { letter-spacing: 0.1em; }\n",
    );
    site.write(
        "templates/head-extra.html",
        "<meta name=\"google-site-verification\" content=\"abc\">\n",
    );
    site.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    let o = site.build_ok(&[]);
    // The pale pink is too light to read: a warning at its line, the build goes on.
    let err = stderr(&o);
    assert!(
        err.contains("clinote.toml:5:1") && err.contains("4.5:1"),
        "{err}"
    );

    let page = site.read("articles/a/index.html");
    let theme = page
        .find("href=\"../../style.css\"")
        .expect("the theme's stylesheet");
    let brand = page
        .find("<style>:root{--accent:#f4a6c0;")
        .expect("the brand colour");
    let extra = page
        .find("href=\"../../extra.css\"")
        .expect("the site's stylesheet");
    assert!(
        theme < brand && brand < extra,
        "theme, then brand, then extra.css"
    );
    assert!(page.contains("<img class=\"site-logo\" src=\"../../images/logo.svg\" alt=\"\">"));
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.contains("google-site-verification"), "{head}");
    assert!(
        head.contains("data-goatcounter=\"https://midori.goatcounter.com/count\""),
        "{head}"
    );
    assert_eq!(
        site.read("extra.css"),
        ".site-title { letter-spacing: 0.1em; }\n"
    );
    assert!(
        site.read("style.css").contains("--accent: #1f6f54"),
        "the theme's, whole"
    );
    let search = site.read("search/index.html");
    assert!(!search.contains("google-site-verification"));
    assert!(
        !search.contains("goatcounter"),
        "no analytics where the address holds the query"
    );
    assert!(search.contains("href=\"../extra.css\""));

    // Without its own, a site gets the theme's empty extra.css, so the link never breaks.
    let plain = TempSite::new();
    plain.write(
        "clinote.toml",
        "title = \"テスト\"\nbase_url = \"https://example.jp/\"\n",
    );
    plain.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    plain.build_ok(&[]);
    assert!(plain.read("extra.css").starts_with("/*"));
    assert!(!plain.read("articles/a/index.html").contains("<style>"));
}

/// Issue 23: a bad range in `[clinic.hours]` stops the build at its line, saying what to write.
#[test]
fn a_bad_opening_time_stops_the_build_at_its_line() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        "title = \"テスト\"\nbase_url = \"https://example.jp/\"\n\n[clinic]\nname = \"みどり\"\n\n[clinic.hours]\nmon = [\"9時-12時\"]\ntue = []\nwed = []\nthu = []\nfri = []\nsat = []\nsun = []\n",
    );
    site.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    let o = site.build(&[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("clinote.toml:8:1"), "{err}");
    assert!(err.contains("\"9時-12時\""), "{err}");
    assert!(
        err.contains("mon = [\"09:00-12:00\", \"15:00-18:00\"]"),
        "{err}"
    );
}
