//! The counting vectors (checked against twitter-text 3.1.0) and a few properties.

use super::*;

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/x-count-vectors.jsonl"
));

#[derive(serde::Deserialize)]
struct Vector {
    text: String,
    note: String,
    expect: Expect,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Expect {
    weighted_length: usize,
    valid: bool,
    permillage: usize,
    urls: Vec<String>,
    hashtags: Vec<String>,
}

#[test]
fn all_counting_vectors_pass() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in VECTORS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        count += 1;
        let v: Vector = serde_json::from_str(line).expect("vector line is JSON");
        let got = parse(&v.text);
        let e = &v.expect;
        let ok = got.weighted_length == e.weighted_length
            && got.valid == e.valid
            && got.permillage == e.permillage
            && got.urls == e.urls
            && got.hashtags == e.hashtags
            && weighted_length(&v.text) == e.weighted_length;
        if !ok {
            failures.push(format!(
                "line {}: {:?} ({})\n  expected {} {} {:?} {:?}\n  got      {} {} {:?} {:?}",
                n + 1,
                v.text,
                v.note,
                e.weighted_length,
                e.valid,
                e.urls,
                e.hashtags,
                got.weighted_length,
                got.valid,
                got.urls,
                got.hashtags
            ));
        }
    }
    assert_eq!(count, 51, "the vector file should hold 51 vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn parts_add_up() {
    let urls = [
        "https://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_medium=social&utm_campaign=kafun-eye&utm_content=v1",
        "https://example.com/%E8%8A%B1%E7%B2%89",
    ];
    let texts = [
        "花粉症の季節、目のかゆみは我慢していませんか？",
        "Wash your hands 👐 and sleep well.",
        "✔ 手洗い ✔ 睡眠 ✔ 加湿\n#風邪予防 #小児科",
        "👨‍👩‍👧‍👦 家族みんなで",
    ];
    for text in texts {
        for url in urls {
            let whole = format!("{text}\n{url}");
            assert_eq!(
                weighted_length(&whole),
                weighted_length(text) + weighted_length("\n") + weighted_length(url),
                "{whole:?}"
            );
            assert_eq!(weighted_length(url), URL_WEIGHT);
        }
    }
}

#[test]
fn japanese_limits() {
    assert!(parse(&"あ".repeat(140)).valid);
    assert!(!parse(&"あ".repeat(141)).valid);
    let url = "https://example.com/a";
    assert!(parse(&format!("{}\n{url}", "あ".repeat(128))).valid);
    assert!(!parse(&format!("{}\n{url}", "あ".repeat(129))).valid);
}

#[test]
fn url_edge_cases() {
    let urls = |t: &str| parse(t).urls;
    // Values below from X's twitter-text 3.1.0 (tests/x-oracle/oracle.js checks thousands more).
    assert_eq!(urls("example.jp"), ["example.jp"], "no path is needed");
    assert_eq!(urls("twitter.jp日本語"), ["twitter.jp"]);
    assert_eq!(urls("「bit.ly/abc」"), ["bit.ly/abc"]);
    assert_eq!(urls("foo.docs foo.inc/x"), ["foo.docs", "foo.inc/x"]);
    assert_eq!(urls("example.com-foo"), Vec::<String>::new());
    assert_eq!(urls("example.co"), ["example.co"]);
    assert_eq!(urls("example.jp/x"), ["example.jp/x"]);
    assert_eq!(urls("（https://example.com/a）"), ["https://example.com/a"]);
    assert_eq!(
        urls("https://ja.wikipedia.org/wiki/A_(b)"),
        ["https://ja.wikipedia.org/wiki/A_(b)"]
    );
    assert_eq!(urls("https://example.com/a."), ["https://example.com/a"]);
    assert_eq!(
        urls("https://example.com/?q=1。"),
        ["https://example.com/?q=1"]
    );
    assert_eq!(urls("https://t.co/abc123/xyz"), ["https://t.co/abc123"]);
    assert_eq!(
        urls("https://t.co/abc123?amp=1&x=2 x"),
        ["https://t.co/abc123?amp=1&x=2"]
    );
    // A path piece ends in a path-ending character, or is one `(…)` alone.
    assert_eq!(
        urls("https://example.com/a_(b)_c.(x(wiki))"),
        ["https://example.com/a_(b)_c"]
    );
    assert_eq!(
        urls("https://example.com/(wiki)"),
        ["https://example.com/(wiki)"]
    );
    // X's pattern runs on UTF-16 units: an emoji's low half starts the host.
    assert_eq!(urls("👉-clinic.jp"), ["-clinic.jp"]);
    // The URL is shorter than its span; X skips only its length.
    assert_eq!(urls("Q&A.jp😀x.日本.tv/a"), ["A.jp/a"]);
    assert_eq!(weighted_length("Q&A.jp😀x.日本.tv/a"), 36);
    assert_eq!(urls("-example.com/x"), Vec::<String>::new());
    assert_eq!(urls("www.example.co.jp"), ["www.example.co.jp"]);
    // A long run of kana glued to a host makes a label over 63 characters once punycoded.
    // (Node: punycode.toASCII of this prefix + "example" is 129 characters long.)
    let prefix = "花粉症の季節は目のかゆみに悩む方が多いですが実は正しい対策を知ることで症状を軽くできます詳しくは";
    let glued = format!("{prefix}example.com/x");
    assert_eq!(urls(&glued), Vec::<String>::new());
    assert_eq!(weighted_length(&glued), prefix.chars().count() * 2 + 13);
    // Repeated kana compress well: 39 × あ + example is 54, so this one is a URL.
    assert_eq!(
        urls(&format!("{}example.com/x", "あ".repeat(39))),
        ["example.com/x"]
    );
}

#[test]
fn hashtag_edge_cases() {
    let tags = |t: &str| parse(t).hashtags;
    assert_eq!(tags("#花粉症・#眼科"), Vec::<String>::new());
    assert_eq!(tags("#花粉症・眼科"), ["花粉症・眼科"]);
    assert_eq!(tags("#COVID-19"), ["COVID"]);
    assert_eq!(tags("#️⃣"), Vec::<String>::new());
    assert_eq!(tags("https://example.com/#frag"), Vec::<String>::new());
    assert_eq!(
        tags("#子ども_発熱 ＃ロングコビッド"),
        ["子ども_発熱", "ロングコビッド"]
    );
    assert_eq!(tags("a&#b"), Vec::<String>::new());
}

#[test]
fn entity_spans_are_byte_ranges() {
    let text = "詳しくはexample.com/x #花粉症";
    let spans = entity_spans(text);
    let parts: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(parts, ["example.com/x", "#花粉症"]);
}

#[test]
fn a_line_break_splits_the_count() {
    // Random texts from pieces that matter to the count: URLs, hashtags, emoji sequences,
    // combining marks, invalid characters.
    const PIECES: &[&str] = &[
        "あ",
        "漢",
        "。",
        "か",
        "\u{3099}",
        "e\u{301}",
        "\u{301}",
        "\u{2126}",
        "a",
        "Z",
        "0",
        ".",
        "/",
        "?",
        "=",
        "&",
        "-",
        "_",
        ":",
        "@",
        "#",
        "＃",
        " ",
        "\n",
        "\u{FEFF}",
        "example.com",
        "jp",
        "https://",
        "t.co/",
        "example.jp/x",
        "#花粉症",
        "👩‍⚕️",
        "\u{200D}",
        "\u{FE0F}",
        "\u{20E3}",
        "🇯🇵",
        "\u{1F1EF}",
        "✔",
        "©",
        "\u{1F3FB}",
        "ﾞ",
        "Ａ",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut text = |max: usize| -> String {
        let len = next(max);
        (0..len).map(|_| PIECES[next(PIECES.len())]).collect()
    };
    for _ in 0..3000 {
        let (body, rest) = (text(40), text(40));
        let tail = format!("\n{rest}");
        assert_eq!(
            Tail::new(&tail).valid_length(&body),
            valid_length(&format!("{body}{tail}")),
            "{body:?} + {tail:?}"
        );
        assert_eq!(
            Tail::new(&rest).valid_length(&body),
            valid_length(&format!("{body}{rest}"))
        );
    }
}

#[test]
fn narrow_ranges_weigh_one() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let narrow = matches!(c as u32,
            0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037);
        assert_eq!(char_weight(c), if narrow { 1 } else { 2 }, "{c:?}");
    }
}

#[test]
fn long_runs_of_parentheses_in_a_path() {
    // 60,000 `(a)` pieces after a path, each one piece of its own (found in linear time).
    let text = format!("https://example.com/{}", "(a)".repeat(60_000));
    assert_eq!(parse(&text).urls.len(), 0, "over 4096 characters: no URL");
    let short = format!("https://example.com/{}", "(a)".repeat(100));
    assert_eq!(parse(&short).urls, [short]);
}
