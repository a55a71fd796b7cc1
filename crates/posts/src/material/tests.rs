//! Tests of the material: flattening, the short `contains`, the lead, checklist items.

use std::borrow::Cow;

use clinote_markdown::summary;

use super::*;
use crate::plain::flatten;

#[test]
fn flattens_only_text_with_white_space() {
    let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
    for c in all.filter(|&c| c.is_whitespace() && c != '\u{3000}') {
        let text = format!("あ{c}い");
        assert!(matches!(flatten(&text), Cow::Owned(_)), "{c:?}");
        assert_eq!(flatten(&text), summary::flatten(&text));
    }
    assert!(matches!(
        flatten("冬は「乾燥」の季節です。"),
        Cow::Borrowed(_)
    ));
    assert_eq!(flatten("冬は\n乾燥の\n季節です。"), "冬は乾燥の季節です。");
}

#[test]
fn contains_is_str_contains() {
    for (haystack, needle) in [
        ("花粉症の季節です。", "季節"),
        ("ああい", "あい"),
        ("a", ""),
        ("", "a"),
        ("あ", "あい"),
    ] {
        assert_eq!(contains(haystack, needle), haystack.contains(needle));
    }
}

fn material(description: Option<&str>, summary: &str) -> Material {
    Material::new(&ArticleInput {
        slug: "s",
        title: "題名 example.com/x",
        description,
        summary,
        body_markdown: "冒頭の段落はこの一文です。\n\n## 見出し\n\n本文の別の段落です。\n",
        canonical_url: "https://example.jp/s/",
        tags: &[],
        hashtags: &[],
        own_teasers: &[],
        date: jiff::civil::date(2026, 1, 1),
        language: Language::Ja,
        clinic_phone: None,
    })
}

#[test]
fn lead_prefers_description_then_summary_then_opening() {
    let m = material(
        Some("説明文はこちらの一文です。"),
        "要約の一文がここにあります。",
    );
    assert_eq!(m.lead, ["説明文はこちらの一文です。"]);
    assert_eq!(m.more, ["要約の一文がここにあります。"]);
    let m = material(None, "要約の一文がここにあります。途中で切れた要約の文…");
    assert_eq!(m.lead, ["要約の一文がここにあります。"]);
    assert_eq!(m.more, ["冒頭の段落はこの一文です。"]);
    let m = material(Some(""), "");
    assert_eq!(m.lead, ["冒頭の段落はこの一文です。"]);
    // A title X would turn into a link is not quoted.
    assert_eq!(m.title, None);
}

#[test]
fn checklist_items_are_whole_or_not_at_all() {
    assert_eq!(checklist_item("手洗い。", 15).as_deref(), Some("手洗い"));
    assert_eq!(
        checklist_item("□ 傷はないか", 15).as_deref(),
        Some("傷はないか")
    );
    // Never cut to its label: 「手洗い」 alone would drop how.
    assert_eq!(
        checklist_item("手洗い：石けんを使って30秒以上しっかり洗いましょう", 15),
        None
    );
    assert_eq!(
        checklist_item("石けんを使って30秒以上しっかり洗いましょう", 15),
        None
    );
    assert_eq!(checklist_item("example.com/x", 15), None);
    assert_eq!(checklist_item("初診料：3,300円", 15), None);
    assert_eq!(
        checklist_item("ロキソプロフェン 1回60mg、1日3回まで", 30).as_deref(),
        Some("ロキソプロフェン 1回60mg、1日3回まで")
    );
}
