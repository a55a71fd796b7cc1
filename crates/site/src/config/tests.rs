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

/// Issue 23: the clinic's hours, read from ranges per weekday.
#[test]
fn clinic_hours_are_read_and_bad_ranges_are_errors_at_their_line() {
    let hours = "[clinic.hours]\nmon = [\"15:00-18:30\", \"09:00-12:30\"]\ntue = [\"９：００〜１２：００\"]\nwed = []\nthu = []\nfri = []\nsat = []\nsun = []\nnote = \"祝日は休診\"\n";
    let (c, warnings) = Config::parse(&format!("{MINIMAL}{hours}")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let h = c.hours.unwrap();
    let mon: Vec<String> = h.days[0].iter().map(|r| r.opens.iso()).collect();
    assert_eq!(mon, ["09:00", "15:00"], "in order of the day");
    assert_eq!(h.days[1][0].closes.iso(), "12:00");
    assert!(h.days[6].is_empty());
    assert_eq!(h.note.as_deref(), Some("祝日は休診"));

    let bad = hours
        .replace("\"09:00-12:30\"", "\"9時-12時\"")
        .replace("wed = []", "wed = [\"09:00-12:00\", \"11:00-13:00\"]");
    let errs = Config::parse(&format!("{MINIMAL}{bad}")).unwrap_err();
    let all: Vec<String> = errs.0.iter().map(|d| d.render(false)).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all[0].contains("clinote.toml:4:1") && all[0].contains("9時-12時"),
        "{}",
        all[0]
    );
    assert!(
        all[0].contains("mon = []"),
        "says how to write a closed day: {}",
        all[0]
    );
    assert!(
        all[1].contains("clinote.toml:6:1") && all[1].contains("overlap"),
        "{}",
        all[1]
    );

    // A day left out is shown as closed, with a warning saying how to write it.
    let (_, warnings) =
        Config::parse(&format!("{MINIMAL}{}", hours.replace("sat = []\n", ""))).unwrap();
    let all: String = warnings.0.iter().map(|d| d.render(false)).collect();
    assert!(
        all.contains("sat = []") && all.contains("clinote.toml:3:"),
        "{all}"
    );
}

#[test]
fn clinic_links_and_position_are_checked() {
    let text = format!(
        "{MINIMAL}[clinic]\nbooking_url = \"javascript:alert(1)\"\nlatitude = 135.0\nlongitude = 139.7\n"
    );
    let errs = Config::parse(&text).unwrap_err();
    let all: String = errs.0.iter().map(|d| d.render(false)).collect();
    assert!(
        all.contains("booking_url") && all.contains("clinote.toml:4:1"),
        "{all}"
    );
    assert!(
        all.contains("latitude") && all.contains("clinote.toml:5:1"),
        "{all}"
    );
}

/// Issue 23: a brand colour too pale to read is a warning at its line; one that is not a
/// colour is an error; a good one is used with its tint.
#[test]
fn brand_colours_are_checked_against_the_theme() {
    let (c, warnings) =
        Config::parse(&format!("{MINIMAL}[brand]\naccent = \"#1a4e8a\"\n")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(c.colours.css().unwrap().contains("--accent:#1a4e8a"));

    let (c, warnings) = Config::parse(&format!(
        "{MINIMAL}[brand]\naccent = \"#f4a6c0\"\naccent_dark = \"#203060\"\n"
    ))
    .unwrap();
    let all: Vec<String> = warnings.0.iter().map(|d| d.render(false)).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all[0].contains("clinote.toml:4:1") && all[0].contains(":1"),
        "{}",
        all[0]
    );
    assert!(
        all[0].contains("4.5:1") && all[0].contains("in light mode"),
        "{}",
        all[0]
    );
    assert!(
        all[1].contains("clinote.toml:5:1") && all[1].contains("in dark mode"),
        "{}",
        all[1]
    );
    assert!(c.colours.css().is_some(), "a warning, not a refusal");

    let errs = Config::parse(&format!("{MINIMAL}[brand]\naccent = \"緑\"\n")).unwrap_err();
    assert!(errs.0[0].render(false).contains("clinote.toml:4:1"));
}

/// Issue 23: `[analytics]` for the common cookie-less services; anything else is an error at
/// its line, and an ID that could break out of the script tag is refused.
#[test]
fn analytics_providers_are_checked() {
    let (c, _) = Config::parse(&format!(
        "{MINIMAL}[analytics]\nprovider = \"plausible\"\nid = \"midori.example.jp\"\n"
    ))
    .unwrap();
    assert_eq!(
        c.analytics.unwrap().script(),
        "<script defer data-domain=\"midori.example.jp\" src=\"https://plausible.io/js/script.js\"></script>"
    );
    let errs = Config::parse(&format!(
        "{MINIMAL}[analytics]\nprovider = \"plausable\"\nid = \"x\"\n"
    ))
    .unwrap_err();
    let all = errs.0[0].render(false);
    assert!(
        all.contains("clinote.toml:4:1") && all.contains("`plausible`"),
        "{all}"
    );
    let errs = Config::parse(&format!(
        "{MINIMAL}[analytics]\nprovider = \"goatcounter\"\nid = \"x\\\"><script>\"\n"
    ))
    .unwrap_err();
    assert!(errs.0[0].render(false).contains("clinote.toml:5:1"));
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
