//! Tests of the link cards: the PNG, the layout, line breaking and escaping.

use std::sync::OnceLock;

use resvg::tiny_skia;

use super::breaks::{break_opportunities, inside_word, kinsoku_ok, no_line_end, no_line_start};
use super::compose::{compose, escape};
use super::layout::{
    COLOUR_TITLE, Layout, SITE_MIN_SIZE, TITLE_BOTTOM_NO_AUTHOR, TITLE_MAX_LINES, TITLE_TOP,
    TextLine, clean, layout,
};
use super::measure::{REF_SIZE, measure};
use super::raster::{draw, rasterize};
use super::*;

fn card<'a>(title: &'a str) -> Card<'a> {
    Card {
        title,
        site: "やまだ内科クリニック",
        author: Some("山田 健一（院長・内科医）"),
        language: Language::Ja,
    }
}

/// Writes sample cards (PNG and SVG) to `$OG_SAMPLES` (default `/tmp/og-samples`) and prints
/// the wall time per card over `$OG_SAMPLES_RUNS` renders (default 20):
/// `cargo test --release --lib og_image::tests::samples -- --ignored --nocapture`.
#[test]
#[ignore]
fn samples() {
    let dir = std::env::var("OG_SAMPLES").unwrap_or_else(|_| "/tmp/og-samples".into());
    std::fs::create_dir_all(&dir).unwrap();
    let samples = [
        ("short", card("花粉症の目のかゆみ対策")),
        (
            "medium",
            card("インフルエンザ予防接種の受付を開始しました（2026年度）"),
        ),
        (
            "long",
            card(
                "高血圧と診断されたら最初に知っておきたいこと：家庭血圧の測り方、減塩のコツ、薬を始めるタイミングと続け方について内科医が解説します",
            ),
        ),
        (
            "english",
            Card {
                title: "How to measure your blood pressure at home, and what the numbers mean",
                site: "Yamada Internal Medicine Clinic",
                author: Some("Dr. Kenichi Yamada, Internal Medicine"),
                language: Language::En,
            },
        ),
        (
            "noauthor",
            Card {
                author: None,
                ..card("「子どもの発熱」どうする？受診の目安と家でのケア")
            },
        ),
        (
            "sixty",
            card(
                "花粉症の季節に知っておきたい目と鼻のセルフケア：抗アレルギー薬の選び方、点眼のコツ、受診の目安を眼科医がわかりやすく解説",
            ),
        ),
        (
            "mixed",
            card("COVID-19ワクチンとインフルエンザワクチンの同時接種はできますか？"),
        ),
        ("missing", card("🩺")),
    ];
    for (name, c) in &samples {
        let png = render(c).unwrap();
        std::fs::write(format!("{dir}/{name}.png"), &png).unwrap();
        std::fs::write(format!("{dir}/{name}.svg"), svg(c).unwrap()).unwrap();
    }
    let n: usize = std::env::var("OG_SAMPLES_RUNS").map_or(20, |v| v.parse().unwrap());
    let t = std::time::Instant::now();
    for i in 0..n {
        render(&samples[i % samples.len()].1).unwrap();
    }
    if n > 0 {
        println!(
            "{:.1} ms per card",
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
}

const LONG_JA: &str = "高血圧と診断されたら最初に知っておきたいこと：家庭血圧の測り方、減塩のコツ、薬を始めるタイミングと続け方について内科医が解説します";

/// Width and height from the PNG's IHDR chunk.
fn ihdr(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR", "IHDR first");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

fn decode(png: &[u8]) -> tiny_skia::Pixmap {
    tiny_skia::Pixmap::decode_png(png).expect("decodable PNG")
}

/// The card with no text at all: what every pixel outside the text must equal.
fn background_pixels() -> &'static tiny_skia::Pixmap {
    static BG: OnceLock<tiny_skia::Pixmap> = OnceLock::new();
    BG.get_or_init(|| {
        let svg = compose(&Layout::default(), Language::Ja);
        decode(&rasterize(&svg).unwrap())
    })
}

/// Pixels of `png` that differ from the background, as (x, y).
fn drawn(png: &[u8]) -> Vec<(u32, u32)> {
    let card = decode(png);
    let bg = background_pixels();
    assert_eq!((card.width(), card.height()), (WIDTH, HEIGHT));
    let mut out = Vec::new();
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            if card.pixel(x, y) != bg.pixel(x, y) {
                out.push((x, y));
            }
        }
    }
    out
}

fn title_lines(card: &Card<'_>) -> Vec<TextLine> {
    layout(card)
        .unwrap()
        .lines
        .into_iter()
        .filter(|l| l.colour == COLOUR_TITLE)
        .collect()
}

#[test]
fn png_of_the_right_size() {
    let png = render(&card("花粉症の目のかゆみ対策")).unwrap();
    assert_eq!(ihdr(&png), (1200, 630));
    assert!(png.len() < 1024 * 1024, "{} bytes", png.len());
}

#[test]
fn the_png_holds_exactly_the_drawn_pixels_as_opaque_rgb() {
    let c = card("花粉症の目のかゆみ対策");
    let mut drawn = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap();
    draw(&svg(&c).unwrap(), &mut drawn).unwrap();
    let png = render(&c).unwrap();
    assert_eq!(png[25], 2, "colour type 2: RGB, no alpha");
    // Drawn over the shared background, the card has the pixels of the whole SVG drawn
    // in one pass.
    assert!(
        decode(&png).data() == drawn.data(),
        "lossless, opaque, same pixels"
    );
}

#[test]
fn deterministic() {
    let c = card("インフルエンザ予防接種の受付を開始しました（2026年度）");
    let a = render(&c).unwrap();
    let b = render(&c).unwrap();
    assert!(a == b, "same input, different bytes");
    assert_ne!(a, render(&card("別のタイトル")).unwrap());
}

#[test]
fn long_title_wraps_and_keeps_out_of_the_margins() {
    let c = Card {
        title: &LONG_JA.repeat(2),
        site: "医療法人社団 やまだ会 やまだ内科・循環器内科・糖尿病内科クリニック 東京駅前院 本院",
        author: Some(
            "山田 健一（医療法人社団やまだ会 理事長・院長・日本内科学会認定総合内科専門医・循環器専門医）",
        ),
        language: Language::Ja,
    };
    let lines = title_lines(&c);
    assert!((2..=TITLE_MAX_LINES).contains(&lines.len()), "{lines:?}");
    assert!(lines.last().unwrap().text.ends_with('…'), "{lines:?}");

    let png = render(&c).unwrap();
    let drawn = drawn(&png);
    assert!(drawn.len() > 20_000, "only {} pixels drawn", drawn.len());
    let bottom = HEIGHT - BOTTOM_FREE;
    let right = WIDTH - SIDE_MARGIN;
    let outside: Vec<_> = drawn
        .iter()
        .filter(|&&(x, y)| y >= bottom || x < SIDE_MARGIN || x >= right)
        .take(5)
        .collect();
    assert!(outside.is_empty(), "text drawn at {outside:?}");
}

#[test]
fn sixty_characters_fit_without_ellipsis() {
    let title: String = LONG_JA.chars().take(60).collect();
    let lines = title_lines(&card(&title));
    assert!(lines.len() <= TITLE_MAX_LINES, "{lines:?}");
    assert_eq!(
        lines.iter().map(|l| l.text.as_str()).collect::<String>(),
        title
    );
    for line in &lines {
        assert!(line.x >= SIDE_MARGIN as f32, "{line:?}");
        assert!(
            line.x + line_width(line) <= (WIDTH - SIDE_MARGIN) as f32,
            "{line:?}"
        );
    }
}

fn line_width(line: &TextLine) -> f32 {
    let m = measure(&[&line.text]).unwrap().remove(0);
    m.width(0, line.text.len()) * line.size / REF_SIZE
}

#[test]
fn japanese_glyphs_are_drawn() {
    let title = "花粉症の目のかゆみ対策";
    assert!(measure(&[title]).unwrap()[0].missing.is_empty());
    let png = render(&Card {
        title,
        site: "",
        author: None,
        language: Language::Ja,
    })
    .unwrap();
    let drawn = drawn(&png);
    // Eleven bold 76 px glyphs cover far more than this.
    assert!(drawn.len() > 15_000, "only {} pixels drawn", drawn.len());
    let top = drawn.iter().map(|p| p.1).min().unwrap() as f32;
    let bottom = drawn.iter().map(|p| p.1).max().unwrap() as f32;
    assert!(
        top >= TITLE_TOP && bottom <= TITLE_BOTTOM_NO_AUTHOR,
        "{top}..{bottom}"
    );
}

#[test]
fn characters_the_font_lacks_are_left_out() {
    // Only an emoji: nothing to draw for the title, so the site name takes its place.
    let c = card("🩺");
    let lay = layout(&c).unwrap();
    let titles: Vec<_> = lay
        .lines
        .iter()
        .filter(|l| l.colour == COLOUR_TITLE)
        .collect();
    assert_eq!(titles.len(), 1);
    assert_eq!(titles[0].text, "やまだ内科クリニック");
    assert!(lay.lines.iter().all(|l| !l.text.contains('🩺')));
    assert_eq!(ihdr(&render(&c).unwrap()), (WIDTH, HEIGHT));

    // Mixed in: dropped, the rest kept.
    let lines = title_lines(&card("花粉症🌸の季節\u{e000}です"));
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].text, "花粉症の季節です");

    // Nothing drawable anywhere: an empty card, not an error.
    let empty = Card {
        title: "🩺",
        site: "\u{e000}",
        author: Some(" \n "),
        language: Language::En,
    };
    assert!(layout(&empty).unwrap().lines.is_empty());
    assert!(drawn(&render(&empty).unwrap()).is_empty());
}

#[test]
fn markup_in_text_is_escaped() {
    let c = Card {
        title: r#"<script>alert("x")</script> & 'quotes'"#,
        site: "A&B <クリニック>",
        author: Some(r#""山田" & <院長>"#),
        language: Language::Ja,
    };
    let svg = svg(&c).unwrap();
    assert!(
        svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{svg}"
    );
    assert!(svg.contains("&amp; &apos;quotes&apos;"), "{svg}");
    assert!(svg.contains("A&amp;B &lt;クリニック&gt;"), "{svg}");
    assert!(svg.contains("&quot;山田&quot; &amp; &lt;院長&gt;"), "{svg}");
    assert!(!svg.contains("<script"));
    let lay = layout(&c).unwrap();
    assert_eq!(lay.lines[0].text, "A&B <クリニック>");
    let lines = title_lines(&c);
    let title: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(title.join(" "), c.title);
    let png = render(&c).unwrap();
    assert!(drawn(&png).len() > 10_000);
}

#[test]
fn english_title_breaks_between_words() {
    let c = Card {
        title: "How to measure your blood pressure at home, and what the numbers mean",
        site: "Yamada Internal Medicine Clinic",
        author: Some("Dr. Kenichi Yamada"),
        language: Language::En,
    };
    let lines = title_lines(&c);
    assert!((2..=3).contains(&lines.len()), "{lines:?}");
    let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined.join(" "), c.title);
    assert!(svg(&c).unwrap().contains(r#"xml:lang="en""#));
    assert_eq!(ihdr(&render(&c).unwrap()), (WIDTH, HEIGHT));
}

#[test]
fn japanese_breaks_at_phrases_and_obeys_kinsoku() {
    let lines = title_lines(&card(
        "インフルエンザ予防接種の受付を開始しました（2026年度）",
    ));
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        ["インフルエンザ予防接種の", "受付を開始しました（2026年度）"]
    );

    let titles = [
        "「子どもの発熱」どうする？受診の目安と家でのケア、救急車を呼ぶべきサインについて",
        "ワクチン、予約、接種、副反応。「よくある質問」にまとめてお答えします！",
        "COVID-19ワクチンとインフルエンザワクチンの同時接種はできますか？",
        "ちょっとした不調、ガマンしていませんか？ーっと続く咳、ぜんそくかも",
    ];
    for title in titles {
        let lines = title_lines(&card(title));
        assert!(lines.len() <= TITLE_MAX_LINES);
        for (i, line) in lines.iter().enumerate() {
            let first = line.text.chars().next().unwrap();
            let last = line.text.chars().next_back().unwrap();
            assert!(
                i == 0 || !no_line_start(first),
                "{title}: line starts with {first}"
            );
            assert!(
                i + 1 == lines.len() || !no_line_end(last),
                "{title}: ends with {last}"
            );
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, title);
        // Never inside a Latin word.
        assert!(
            !lines
                .iter()
                .any(|l| l.text.starts_with("19") || l.text.starts_with("VID"))
        );
    }
}

#[test]
fn break_opportunities_respect_words_and_kinsoku() {
    let s = "COVID-19ワクチン、受付中（予約制）です。";
    let ops = break_opportunities(s);
    for &p in &ops {
        let before = s[..p].chars().next_back().unwrap();
        let after = s[p..].chars().next().unwrap();
        assert!(kinsoku_ok(before, after), "{before}|{after}");
        assert!(!inside_word(before, after), "{before}|{after}");
    }
    assert!(ops.iter().all(|&p| p > "COVID-19".len()), "{ops:?}");
    assert_eq!(break_opportunities("self-care"), ["self-".len()]);
    let t = "COVID-19 and 2026/27";
    assert!(
        break_opportunities(t)
            .iter()
            .all(|&p| t[..p].ends_with(' '))
    );
    assert_eq!(
        break_opportunities("see the doctor"),
        ["see ".len(), "see the ".len()]
    );
}

#[test]
fn long_site_name_and_author_shrink_then_cut() {
    let site = "やまだ内科・循環器内科・糖尿病内科・消化器内科・呼吸器内科・アレルギー科・小児科クリニック";
    let c = Card {
        site,
        ..card("健康診断の結果の見方")
    };
    let lay = layout(&c).unwrap();
    let line = &lay.lines[0];
    assert!(line.text.ends_with('…'), "{line:?}");
    assert_eq!(line.size, SITE_MIN_SIZE);
    let (icon_x, _) = lay.icon.unwrap();
    assert!(icon_x >= SIDE_MARGIN as f32);
    assert!(line.x + line_width(line) <= (WIDTH - SIDE_MARGIN) as f32);
}

#[test]
fn text_is_cleaned() {
    assert_eq!(clean("  a\n\tb  c\u{7}d "), "a b cd");
    assert_eq!(clean("か\u{3099}"), "が");
    assert_eq!(clean("受診の　目安"), "受診の　目安");
    assert_eq!(clean("1錠≒10mg"), "1錠≈10mg");
}

#[test]
fn escapes() {
    assert_eq!(
        escape(r#"<a href="x">&'"#),
        "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
    );
}

#[test]
fn errors_are_worded_as_they_always_were() {
    assert_eq!(
        Error::Allocate.to_string(),
        "cannot allocate the card image"
    );
    assert_eq!(
        Error::TextCount.to_string(),
        "card text measurement: wrong count"
    );
    let bad = || usvg::Tree::from_str("<svg", &usvg::Options::default()).unwrap_err();
    let why = bad().to_string();
    assert_eq!(
        Error::Svg(Arc::new(bad())).to_string(),
        format!("card SVG: {why}")
    );
    assert_eq!(
        Error::Text(Arc::new(bad())).to_string(),
        format!("card text: {why}")
    );
}
