//! Tests of reading `clinote.toml`: defaults, order, warnings and errors with positions.

use super::*;

const MINIMAL: &str = "title = \"テスト\"\nbase_url = \"https://example.jp/blog\"\n";

#[test]
fn defaults_and_base_path() {
    let (c, warnings) = Config::parse(MINIMAL).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(c.base_url.as_str(), "https://example.jp/blog/");
    assert_eq!(c.base_path(), "/blog/");
    assert_eq!(c.language, Language::Ja);
    assert_eq!(c.timezone_name, "Asia/Tokyo");
    assert_eq!(c.feed.limit, 20);
    assert!(c.feed.full_content);
    assert_eq!(
        c.absolute_url("articles/a/"),
        "https://example.jp/blog/articles/a/"
    );
    assert_eq!(c.site_path("/feed.xml"), "/blog/feed.xml");
}

#[test]
fn authors_keep_their_order() {
    let text = format!("{MINIMAL}[authors.zeta]\nname = \"Z\"\n[authors.alpha]\nname = \"A\"\n");
    let (c, _) = Config::parse(&text).unwrap();
    assert_eq!(c.authors.keys().collect::<Vec<_>>(), ["zeta", "alpha"]);
}

#[test]
fn unknown_keys_warn_with_the_nearest_known_one() {
    let text = format!("{MINIMAL}titel = \"x\"\n[feed]\nlimt = 3\n");
    let (_, warnings) = Config::parse(&text).unwrap();
    assert_eq!(warnings.0.len(), 2);
    let all: String = warnings.0.iter().map(|d| d.render(false)).collect();
    assert!(all.contains("`title`"), "{all}");
    assert!(all.contains("`limit`"), "{all}");
    assert!(all.contains("clinote.toml:5:1"), "{all}");
}

#[test]
fn missing_title_and_bad_url_are_errors() {
    let errs = Config::parse("base_url = \"example.jp\"\n").unwrap_err();
    assert_eq!(errs.error_count(), 2, "{:?}", errs);
    let errs = Config::parse("title = \"x\"\nbase_url = \"ftp://example.jp/\"\n").unwrap_err();
    assert!(errs.0[0].render(false).contains("clinote.toml:2:1"));
    assert!(Config::parse("title = \"x\"\n").is_err());
}

#[test]
fn syntax_error_has_a_position() {
    let errs = Config::parse("title = \"x\nbase_url = 3\n").unwrap_err();
    let out = errs.0[0].render(false);
    assert!(out.contains("clinote.toml:1:"), "{out}");
}

#[test]
fn bad_timezone_and_language() {
    let text = format!("{MINIMAL}timezone = \"Asia/Tokio\"\nlanguage = \"fr\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs.error_count(), 2);
}

#[test]
fn teasers_time_is_hours_and_minutes() {
    let c = Config::parse(MINIMAL).unwrap().0;
    assert_eq!(c.teasers.post_time(), Some(jiff::civil::time(12, 0, 0, 0)));
    let text = format!("{MINIMAL}\n[teasers]\ntime = \"8:30\"\n");
    let c = Config::parse(&text).unwrap().0;
    assert_eq!(c.teasers.post_time(), Some(jiff::civil::time(8, 30, 0, 0)));
    let text = format!("{MINIMAL}\n[teasers]\ntime = \"昼\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs.error_count(), 1);
    let shown = errs.0[0].render(false);
    assert!(shown.contains("[teasers] の time \"昼\""), "{shown}");
    assert!(
        shown.contains(":") && shown.contains("time = \"18:30\""),
        "{shown}"
    );
}

/// Issue 24: a missing `base_url` was two errors, the first about a relative URL.
#[test]
fn a_missing_base_url_is_one_error() {
    let errs = Config::parse("title = \"x\"\n").unwrap_err();
    assert_eq!(errs.error_count(), 1, "{errs:?}");
    assert!(
        errs.0[0].message.ja.contains("`base_url` がありません"),
        "{errs:?}"
    );
}

/// Issue 24: an unclosed `"""` string in clinote.toml is shown where it opens, in Japanese;
/// full-width symbols are named.
#[test]
fn syntax_errors_say_what_to_type() {
    let errs = Config::parse(
        "title = \"x\"\nbase_url = \"https://example.jp/\"\ndescription = \"\"\"abc\n",
    )
    .unwrap_err();
    let out = errs.0[0].render(false);
    assert!(out.contains("clinote.toml:3:15"), "{out}");
    assert!(!errs.0[0].message.ja.contains("invalid"), "{out}");

    let errs = Config::parse("title ＝ \"x\"\nbase_url = \"https://example.jp/\"\n").unwrap_err();
    let d = &errs.0[0];
    assert!(d.message.ja.contains("「＝」"), "{}", d.render(false));
    assert!(
        d.help.as_ref().unwrap().ja.contains("`title = \"x\"`"),
        "{}",
        d.render(false)
    );
}

#[test]
fn images_defaults_unknown_keys_and_bad_values() {
    let (c, _) = Config::parse(MINIMAL).unwrap();
    assert_eq!(c.images.widths, [480, 800, 1200, 1600]);
    assert_eq!((c.images.quality, c.images.webp), (80, true));
    let text = format!("{MINIMAL}[images]\nwidths = [640]\nwebp = false\nqualty = 70\n");
    let (c, warnings) = Config::parse(&text).unwrap();
    assert_eq!(c.images.widths, [640]);
    assert!(!c.images.webp);
    let all: String = warnings.0.iter().map(|d| d.render(false)).collect();
    assert!(
        all.contains("`quality`") && all.contains("clinote.toml:6:1"),
        "{all}"
    );
    let text = format!("{MINIMAL}[images]\nquality = 0\nwidths = [4, 800]\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs.error_count(), 2, "{errs:?}");
    let all: String = errs.0.iter().map(|d| d.render(false)).collect();
    assert!(
        all.contains("clinote.toml:4:1") && all.contains("clinote.toml:5:1"),
        "{all}"
    );
}
