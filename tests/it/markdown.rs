//! Japanese writing as it appears on the built page.

use crate::support::*;

#[test]
fn japanese_emphasis_line_breaks_ruby_and_headings_on_the_page() {
    let site = TempSite::new();
    site.article(
        "ja",
        "title = \"日本語\"\ndate = 2026-04-01",
        "これは**「重要なこと」**です。\n\n**睡眠は大切です。**だから早く寝ましょう。\n\n冬は\n手洗いが\n大切です。\n\n## 手洗いのコツ\n\n{頸椎|けいつい}の話。\n\n## 手洗いのコツ\n\n英語の *emphasis* と `**code**` と \\*escaped\\*。\n",
    );
    site.build_ok(&[]);
    let html = site.read("articles/ja/index.html");
    for needle in [
        "これは<strong>「重要なこと」</strong>です。",
        "<strong>睡眠は大切です。</strong>だから早く寝ましょう。",
        "冬は手洗いが大切です。",
        "<h2 id=\"手洗いのコツ\">手洗いのコツ</h2>",
        "<h2 id=\"手洗いのコツ-1\">手洗いのコツ</h2>",
        "<ruby>頸椎<rt>けいつい</rt></ruby>の話。",
        "<em>emphasis</em>",
        "<code>**code**</code>",
        "*escaped*",
        "href=\"#手洗いのコツ-1\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert!(!html.contains('\u{FDD0}'));
}

#[test]
fn summaries_and_reading_time() {
    let site = TempSite::new();
    site.article(
        "more",
        "title = \"続きあり\"\ndate = 2026-04-02\ndescription = \"説明文です。\"",
        "最初の段落です。\n\n<!-- more -->\n\n続きの段落です。\n",
    );
    site.article(
        "desc",
        "title = \"説明あり\"\ndate = 2026-04-01\ndescription = \"説明文だけです。\"",
        &"長い本文。".repeat(400),
    );
    site.article(
        "auto",
        "title = \"自動\"\ndate = 2026-03-31",
        &format!("{}。{}。\n", "あ".repeat(70), "い".repeat(70)),
    );
    site.build_ok(&[]);
    let index = site.read("index.html");
    assert!(index.contains("最初の段落です。") && !index.contains("続きの段落です。"));
    assert!(index.contains("説明文だけです。"));
    assert!(index.contains(&format!("{}。", "あ".repeat(70))) && !index.contains(&"い".repeat(70)));
    let desc = site.read("articles/desc/index.html");
    assert!(
        desc.contains("約4分で読めます"),
        "2,000 characters read in about 4 minutes"
    );
}
