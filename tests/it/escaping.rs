//! Nothing from front matter is ever emitted unescaped: titles, tags, descriptions, teasers and
//! covers holding markup, quotes or `javascript:` are escaped in HTML text and attributes,
//! JSON-LD, RSS, the sitemap and X intent links. Raw HTML in the Markdown body is the author's
//! own and stays.

use crate::support::*;

const EVIL: &str = r#"</title><script>alert("x")</script> & 'q' ]]> javascript:alert(1)"#;

fn evil_site() -> TempSite {
    let site = TempSite::new();
    let toml_str = |s: &str| toml::Value::String(s.to_string()).to_string();
    site.article(
        "evil",
        &format!(
            "title = {}\ndate = 2026-01-02\ndescription = {}\ntags = [{}]\nteasers = [{}]\ncover = \"javascript:alert(1)\"\ncover_alt = {}\nslug = \"evil\"",
            toml_str(EVIL),
            toml_str(EVIL),
            toml_str(EVIL),
            toml_str(EVIL),
            toml_str(EVIL)
        ),
        "本文です。<b>作者の HTML</b>\n\n[危ない](javascript:alert(1))\n",
    );
    site
}

/// `<script>` may appear only as the theme's and JSON-LD's own script elements.
fn assert_no_injected_markup(text: &str, what: &str) {
    assert!(!text.contains("<script>alert"), "{what}: raw script");
    assert!(!text.contains("</title><script"), "{what}: raw title close");
    assert!(!text.contains("\"x\")</script>"), "{what}");
}

#[test]
fn html_pages_escape_front_matter_everywhere() {
    let site = evil_site();
    let out = site.build(&[]);
    let err = stderr(&out);
    // A `javascript:` address is refused with its place, not written into the page.
    assert!(err.contains("javascript:"), "{err}");
    assert_eq!(out.status.code(), Some(1));
    // Without the javascript: link and cover, everything else is escaped.
    let site = evil_site();
    site.article(
        "evil",
        &format!(
            "title = {}\ndate = 2026-01-02\ndescription = {}\ntags = [{}]\nteasers = [{}]\ncover_alt = {}\nslug = \"evil\"",
            toml::Value::String(EVIL.into()),
            toml::Value::String(EVIL.into()),
            toml::Value::String(EVIL.into()),
            toml::Value::String(EVIL.into()),
            toml::Value::String(EVIL.into())
        ),
        "本文です。<b>作者の HTML</b>\n",
    );
    site.build_ok(&[]);
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json") {
            assert_no_injected_markup(&text, &path);
        }
    }
    let page = site.read("articles/evil/index.html");
    assert!(
        page.contains("<b>作者の HTML</b>"),
        "the author's own HTML stays"
    );
    assert!(
        page.contains("&lt;/title&gt;&lt;script&gt;"),
        "escaped in text"
    );
    assert!(page.contains("<title>&lt;/title&gt;"), "escaped in <title>");
    assert!(
        page.contains("content=\"&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)"),
        "escaped in attributes"
    );
    // JSON-LD: valid JSON holding the exact title, with no `<` to close the script.
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["headline"], EVIL);
    assert!(!page[start..end].contains('<'));
    // RSS parses and round-trips the exact title and description.
    let channel = rss::Channel::read_from(site.read("feed.xml").as_bytes()).unwrap();
    assert_eq!(channel.items()[0].title(), Some(EVIL));
    assert_eq!(channel.items()[0].categories()[0].name(), EVIL);
    let description = channel.items()[0].description().unwrap();
    assert!(
        description.starts_with("&lt;/title&gt;&lt;script&gt;"),
        "shown as text by readers: {description}"
    );
    // The X share link holds the exact post, percent-encoded.
    let x = page
        .split("share__button--x\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let x = x.replace("&amp;", "&");
    let text = x.strip_prefix("https://x.com/intent/tweet?text=").unwrap();
    assert!(!text.contains(['<', '>', '"', '\'', ' ']), "{text}");
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap();
    assert!(decoded.starts_with("</title><script>"), "{decoded}");
    // The sitemap is valid XML-escaped text.
    assert!(!site.read("sitemap.xml").contains("<script"));
}

/// Whether `text` holds only characters XML 1.0 allows.
fn xml_chars_only(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    })
}

#[test]
fn control_characters_pasted_from_excel_never_reach_feeds_or_pages() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &MINIMAL_CONFIG.replace(
            "description = \"テスト用のサイトです。\"",
            "description = \"テスト\\u000B用\"",
        ),
    );
    site.article(
        "excel",
        "title = \"花粉症\u{0B}の季節\u{08}\"\ndate = 2026-01-02\ndescription = \"表から\u{0C}貼りつけ\u{1B}]0;pwned\u{07}\u{1B}[2J\"",
        "本文に\u{0B}垂直タブ。\n\n二つ目\u{FFFF}の段落。\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("excel.md:2:") && err.contains("U+000B"),
        "{err}"
    );
    assert!(
        err.contains("excel.md:4:") && err.contains("U+000C"),
        "{err}"
    );
    assert!(err.contains("excel.md:6:"), "{err}");
    for file in [
        "feed.xml",
        "sitemap.xml",
        "index.html",
        "articles/excel/index.html",
    ] {
        let text = site.read(file);
        assert!(
            xml_chars_only(&text),
            "{file} holds a character XML forbids"
        );
    }
    let feed = site.read("feed.xml");
    let channel = rss::Channel::read_from(feed.as_bytes()).expect("feed.xml parses");
    assert_eq!(channel.items()[0].title(), Some("花粉症 の季節"));

    // `clinote check` names them too, and no command prints an escape code to the terminal.
    let root = site.root().to_str().unwrap().to_string();
    let out = run(&["check", "--root", &root]);
    assert!(stderr(&out).contains("excel.md:2:"), "{}", stderr(&out));
    for args in [vec!["check"], vec!["teasers"], vec!["build"]] {
        let mut args = args;
        args.extend(["--root", root.as_str()]);
        let out = run(&args);
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1B || b == 0x07),
                "{args:?} printed a control code on {name}"
            );
        }
    }
}
