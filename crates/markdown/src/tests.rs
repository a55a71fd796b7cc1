//! Rendering tests: Japanese emphasis and line breaks, headings, ruby, images, summaries.

use super::*;
use std::path::PathBuf;

fn render_in(
    body: &str,
    bundle: Option<&std::path::Path>,
    statics: &[PathBuf],
) -> (Rendered, Vec<Diagnostic>) {
    let source = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let input = Input {
        file: "content/articles/t.md",
        source: &source,
        body_offset: source.find(body).unwrap_or(source.len()),
        links: LinkContext {
            base_path: "/blog/",
            page_path: "articles/t/",
            bundle_dir: bundle,
            static_dirs: statics,
            source_dir: bundle,
            targets: None,
            site_url: Some("https://example.jp/blog/"),
            images: None,
        },
    };
    render(&input)
}

fn html(body: &str) -> String {
    render_in(body, None, &[]).0.html
}

/// The inner HTML of a one-paragraph document.
fn inline(body: &str) -> String {
    let h = html(body);
    h.trim()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(&h)
        .to_string()
}

#[test]
fn japanese_emphasis_next_to_punctuation() {
    let cases = [
        (
            "これは**「重要なこと」**です。",
            "これは<strong>「重要なこと」</strong>です。",
        ),
        (
            "**睡眠は大切です。**だから早く寝ましょう。",
            "<strong>睡眠は大切です。</strong>だから早く寝ましょう。",
        ),
        (
            "まず*「手洗い」*をします。",
            "まず<em>「手洗い」</em>をします。",
        ),
        (
            "**（注意）**熱が続くときは",
            "<strong>（注意）</strong>熱が続くときは",
        ),
        (
            "薬は**「食後」**に、水は**こまめに**飲みます。",
            "薬は<strong>「食後」</strong>に、水は<strong>こまめに</strong>飲みます。",
        ),
        (
            "これは**「重要」**です。また**睡眠**が大事。",
            "これは<strong>「重要」</strong>です。また<strong>睡眠</strong>が大事。",
        ),
        ("~~「古い情報」~~です", "<del>「古い情報」</del>です"),
        (
            "[**「大切」**です](https://example.jp/)",
            "<a href=\"https://example.jp/\"><strong>「大切」</strong>です</a>",
        ),
        (
            "**熱が38℃以上。**そのときは",
            "<strong>熱が38℃以上。</strong>そのときは",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(inline(src), want, "source: {src}");
    }
}

#[test]
fn emphasis_that_must_not_change() {
    let cases = [
        (
            "ordinary **bold** and *em* text",
            "ordinary <strong>bold</strong> and <em>em</em> text",
        ),
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
        (
            r"エスケープした\*「星」\*です",
            "エスケープした*「星」*です",
        ),
        (
            "コード`**「そのまま」**`です",
            "コード<code>**「そのまま」**</code>です",
        ),
        (
            "snake_case_name and __init__",
            "snake_case_name and <strong>init</strong>",
        ),
        ("**「強調」**は文頭", "<strong>「強調」</strong>は文頭"),
        ("a**b**c", "a<strong>b</strong>c"),
    ];
    for (src, want) in cases {
        assert_eq!(inline(src), want, "source: {src}");
    }
    let h = html("```\nこれは**「重要」**です\n```\n");
    assert!(h.contains("これは**「重要」**です"), "{h}");
    assert!(!h.contains(cjk_emphasis::MARKER), "{h}");
}

#[test]
fn no_marker_ever_reaches_the_output() {
    let (r, _) = render_in(
        "# **「見出し」**です\n\n[リンク](https://example.jp/**「x」**です) ![**「画像」**です](a.png)\n\n<div>**「html」**です</div>\n",
        None,
        &[],
    );
    assert!(!r.html.contains(cjk_emphasis::MARKER), "{}", r.html);
    assert!(!r.html.contains("%EF%B7%90"), "{}", r.html);
    assert!(!r.text.contains(cjk_emphasis::MARKER));

    // The punctuation marker, before `_` after a variation selector on punctuation.
    let (r, _) = render_in(
        "# 字。\u{FE01}_見出し_\n\n[字。\u{FE01}_x_](https://example.jp/。\u{FE01}_x_) `。\u{FE01}_c_`\n\n```\n。\u{FE01}_b_\n```\n",
        None,
        &[],
    );
    for leak in ['\u{FDD0}', '\u{FDD1}', '\u{2038}'] {
        assert!(!r.html.contains(leak), "{leak:?} in {}", r.html);
        assert!(!r.text.contains(leak), "{leak:?} in {}", r.text);
    }
    assert!(!r.html.contains("%EF%B7%9"), "{}", r.html);
    assert!(r.html.contains("<em>見出し</em>"), "{}", r.html);
}

#[test]
fn soft_breaks_between_japanese_vanish() {
    assert_eq!(
        inline("冬は\n手洗いが\n大切です。"),
        "冬は手洗いが大切です。"
    );
    assert_eq!(inline("大切\n**です**"), "大切<strong>です</strong>");
    assert_eq!(inline("Wash\nyour hands"), "Wash\nyour hands");
    assert_eq!(inline("手洗い\nhand washing"), "手洗い\nhand washing");
    assert_eq!(inline("hand washing\n手洗い"), "hand washing\n手洗い");
}

#[test]
fn headings_ids_and_toc() {
    let (r, _) = render_in(
        "## 手洗いのコツ\n\n### 石けんの使い方\n\n## まとめ\n\n## まとめ\n\n## 英語 {#english}\n\n#### 深い見出し\n",
        None,
        &[],
    );
    assert!(
        r.html.contains("<h2 id=\"手洗いのコツ\">手洗いのコツ</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"まとめ-1\">まとめ</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"english\">英語</h2>"),
        "{}",
        r.html
    );
    let toc: Vec<(u8, &str)> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(
        toc,
        [
            (2, "手洗いのコツ"),
            (3, "石けんの使い方"),
            (2, "まとめ"),
            (2, "まとめ-1"),
            (2, "english")
        ]
    );
}

#[test]
fn ruby_for_hard_terms() {
    assert_eq!(
        inline("{頸椎|けいつい}の痛み"),
        "<ruby>頸椎<rt>けいつい</rt></ruby>の痛み"
    );
    let (r, _) = render_in("## {腰椎|ようつい}のしくみ\n", None, &[]);
    assert!(r.html.contains("id=\"腰椎のしくみ\""), "{}", r.html);
    assert_eq!(r.toc[0].title, "腰椎のしくみ");
    let h = html("| 用語 | 説明 |\n|---|---|\n| {頸椎\\|けいつい} | 首の骨 |\n");
    assert!(h.contains("<ruby>頸椎<rt>けいつい</rt></ruby>"), "{h}");
}

#[test]
fn tables_footnotes_tasks_strikethrough() {
    let h = html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n注釈です[^1]。\n\n[^1]: 出典。\n\n- [x] 済み\n- [ ] まだ\n\n~~古い~~\n",
    );
    assert!(h.contains("<table>"), "{h}");
    assert!(
        h.contains(
            "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"
        ),
        "{h}"
    );
    assert!(
        h.contains("<div class=\"footnote-definition\" id=\"fn-1\">"),
        "{h}"
    );
    assert!(h.contains("href=\"#fnref-1\""), "{h}");
    assert!(h.contains("type=\"checkbox\""), "{h}");
    assert!(h.contains("<del>古い</del>"), "{h}");
}

#[test]
fn code_is_highlighted_with_classes() {
    let h = html("```python\nprint(\"x\")\n```\n");
    assert!(
        h.contains("<pre class=\"code\" data-lang=\"python\">"),
        "{h}"
    );
    assert!(h.contains("hl-"), "{h}");
    assert!(!h.contains("style="), "{h}");
}

#[test]
fn images_are_lazy_sized_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("b");
    let stat = dir.path().join("static");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::create_dir_all(stat.join("images")).unwrap();
    // A 3×2 PNG header is enough for the size.
    let png = tiny_png(3, 2);
    std::fs::write(bundle.join("pic.png"), &png).unwrap();
    std::fs::write(stat.join("images/s.png"), &png).unwrap();
    let (r, diags) = render_in(
        "![図 *1*](pic.png \"題\") ![s](/images/s.png) ![x](https://e.jp/x.png) ![無い](none.png)\n",
        Some(&bundle),
        &[stat],
    );
    assert!(
        r.html.contains("<img src=\"/blog/articles/t/pic.png\" alt=\"図 1\" title=\"題\" width=\"3\" height=\"2\" loading=\"lazy\" decoding=\"async\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("src=\"/blog/images/s.png\""), "{}", r.html);
    assert!(
        r.html
            .contains("src=\"https://e.jp/x.png\" alt=\"x\" loading=\"lazy\""),
        "{}",
        r.html
    );
    assert!(
        diags.is_empty(),
        "a missing image is the link check's to report"
    );
    let missing = r.links.iter().find(|l| l.dest == "none.png").unwrap();
    assert!(missing.image && !missing.external);
    let source = "+++\ntitle = \"t\"\n+++\n";
    assert_eq!(
        missing.offset - source.len(),
        "![図 *1*](pic.png \"題\") ![s](/images/s.png) ![x](https://e.jp/x.png) ".len()
    );
    assert_eq!(missing.len, "![無い](none.png)".len());
}

#[test]
fn site_links_follow_the_base_path() {
    let h = inline("[アクセス](/access/) [外](https://example.jp) [上](#top)");
    assert_eq!(
        h,
        "<a href=\"/blog/access/\">アクセス</a> <a href=\"https://example.jp\">外</a> <a href=\"#top\">上</a>"
    );
}

#[test]
fn summary_before_more_and_plain_text() {
    let (r, _) = render_in(
        "はじめの段落です。\n\n<!-- more -->\n\n続きです。\n",
        None,
        &[],
    );
    assert_eq!(
        r.summary_html.as_deref(),
        Some("<p>はじめの段落です。</p>\n")
    );
    assert!(r.html.contains("続きです。"));
    assert_eq!(r.lead, "はじめの段落です。\n続きです。\n");
    let (r, _) = render_in("段落だけ。\n", None, &[]);
    assert!(r.summary_html.is_none());
    assert_eq!(r.reading_minutes, 1);
}

#[test]
fn raw_html_stays() {
    let h = html("<div class=\"note\">院内のお知らせ</div>\n");
    assert!(
        h.contains("<div class=\"note\">院内のお知らせ</div>"),
        "{h}"
    );
}

fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&w.to_be_bytes());
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v
}

/// Found by the property tests: a noncharacter typed into a code fence's language.
#[test]
fn regression_marker_in_code_fence_info() {
    let h = html("```\u{FDD0}\nx\n```\n");
    assert!(!h.contains('\u{FDD0}'), "{h}");
}
