//! Tests of the prose: what is kept and skipped, normalisation and positions, sentences and
//! allow comments.

use super::sentences::split_sentences;
use super::*;

fn article(src: &str) -> Prose {
    let body = src.find("+++\n\n").map_or(0, |i| i + 4);
    Prose::article(src, body, "", None)
}

#[test]
fn keeps_prose_and_skips_code_html_urls_and_readings() {
    let src = "+++\ntitle = \"t\"\n+++\n\n# 見出し\n\n本文は**大切**です。`code`と{頸椎|けいつい}。\n\n```\n必ず治る\n```\n\n<!-- 必ず治る -->\n\n詳しくは https://example.jp/a を見てください。[リンク](https://x.jp)も。\n";
    let p = article(src);
    assert!(p.text.contains("見出し"));
    assert!(p.text.contains("本文は大切です。と頸椎。"));
    assert!(!p.text.contains("必ず"));
    assert!(!p.text.contains("example"));
    assert!(p.text.contains("リンクも。"));
    assert_eq!(p.ruby.len(), 1);
    assert_eq!(&p.text[p.ruby[0].clone()], "頸椎");
    assert_eq!(p.links.len(), 1);
    assert_eq!(p.blocks[0].kind, BlockKind::Heading);
}

#[test]
fn normalises_and_maps_back() {
    let src = "+++\n+++\n\n電話は０９０（１２３４）５６７８、ﾃｽﾄ ｶﾞｰｾﾞです。\n";
    let p = article(src);
    assert!(
        p.text.contains("電話は090(1234)5678、テスト ガーゼです。"),
        "{}",
        p.text
    );
    let at = p.text.find("5678").unwrap();
    let s = p.source_start(at);
    assert!(src[s..].starts_with("５６７８"));
    let e = p.source_end(at + 4);
    assert_eq!(&src[s..e], "５６７８");
    let g = p.text.find("ガ").unwrap();
    let s = p.source_start(g);
    let e = p.source_end(g + "ガ".len());
    assert_eq!(&src[s..e], "ｶﾞ");
}

#[test]
fn title_and_description_map_to_their_lines() {
    let src = "---\ntitle: \"必ず治る話\"\ndescription: 説明です\n---\n本文。\n";
    let body = src.find("---\n本文").unwrap() + 4;
    let p = Prose::article(src, body, "必ず治る話", Some("説明です"));
    assert_eq!(p.blocks[0].kind, BlockKind::Title);
    let at = p.text.find("治る").unwrap();
    assert!(src[p.source_start(at)..].starts_with("治る話\""));
    assert_eq!(p.blocks[1].kind, BlockKind::Description);
}

#[test]
fn sentences_keep_quotes_together() {
    let text = "「治りました。ありがとう」と話してくれました。次の文！\n見出し";
    let mut got = Vec::new();
    split_sentences(text, 0..text.len(), true, &mut |r| {
        got.push(text[r].to_string())
    });
    assert_eq!(
        got,
        [
            "「治りました。ありがとう」と話してくれました。",
            "次の文！",
            "見出し"
        ]
    );
    let mut plain = Vec::new();
    split_sentences(text, 0..text.len(), false, &mut |r| {
        plain.push(text[r].to_string())
    });
    assert_eq!(plain[0], "「治りました。");
}

#[test]
fn reads_allow_comments() {
    let src = "+++\n+++\n\n<!-- clinote-allow: superiority-claim, price-emphasis 学会の正式名称 -->\n日本一の。\n\n段落<!-- clinote-allow: kanji-run -->です。\n";
    let p = article(src);
    assert_eq!(p.allows.len(), 2);
    assert_eq!(p.allows[0].rules, ["superiority-claim", "price-emphasis"]);
    assert_eq!(p.allows[0].reason, "学会の正式名称");
    assert_eq!(p.allows[0].line, 4);
    assert_eq!(p.allows[1].reason, "");
}

#[test]
fn html_images_are_images_with_their_alt_text() {
    let src = "+++\ntitle = \"t\"\n+++\n<img src=\"/img/a-after.jpg\" alt=\"ほくろ除去 3か月後\"> 前と比べてください。\n";
    let p = article(src);
    assert_eq!(p.images.len(), 1);
    let image = &p.images[0];
    assert_eq!(image.dest, "/img/a-after.jpg");
    assert_eq!(&p.text[image.alt.clone()], "ほくろ除去 3か月後");
    // The alt text maps back to where it is written.
    let at = src.find("ほくろ").unwrap();
    assert_eq!(p.source_start(image.alt.start), at);
}
