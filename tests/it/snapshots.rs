//! Snapshots of large outputs: a whole article page through the default theme, and the error
//! report a writer sees. Review changes with `cargo insta review` (or read the `.snap.new`).

use crate::support::*;

fn kitchen_sink_site() -> TempSite {
    let site = TempSite::new();
    site.article(
        "kitchen-sink",
        "title = \"冬の手洗い「きほん」\"\ndate = 2026-11-09T09:00:00\nupdated = 2026-11-20\ndescription = \"手洗いのタイミングと洗い方。\"\ntags = [\"感染症予防\", \"冬\"]\nauthor = \"sato\"\nreviewed_by = \"yamada\"\nseries = \"冬の健康\"",
        r#"こんにちは。看護師の佐藤です。これは**「大切なこと」**です。
朝晩が
冷えてきました。

<!-- more -->

## 手洗いのタイミング

| 場面 | 理由 |
|---|---|
| 帰宅したとき | 外の汚れを持ちこまない |
| {頸椎\|けいつい}の体操のあと | 念のため |

### 洗い方のコツ {#how}

1. 流水でぬらす
2. **石けんを泡立てる。**しっかりと。

- [x] 指先
- [ ] 親指

> [!NOTE]
> 手荒れにはハンドクリームを。

注釈つきの文です[^1]。~~古い情報~~

```python
print("手洗い")
```

[アクセス](/access/) と [外部](https://example.com/) と [前の記事](older.md#まとめ) へのリンク。

older.md

[^1]: 厚生労働省の資料より。
"#,
    );
    site.write(
        "content/pages/access.md",
        "+++\ntitle = \"アクセス\"\n+++\n駅から徒歩5分です。\n",
    );
    site.article(
        "older",
        "title = \"前の記事\"\ndate = 2026-10-01\ntags = [\"冬\"]\nseries = \"冬の健康\"\ndescription = \"前回のまとめです。\"",
        "前の記事です。\n\n## まとめ\n\nおわり。\n",
    );
    site
}

#[test]
fn article_page_html() {
    let site = kitchen_sink_site();
    site.build_ok(&[]);
    insta::assert_snapshot!(site.read("articles/kitchen-sink/index.html"));
}

#[test]
fn error_report_for_a_writer() {
    let site = TempSite::new();
    site.article(
        "date",
        "title = \"日付の誤り\"\ndate = 2026-13-01",
        "本文\n",
    );
    site.article("quote", "title = 花粉症\ndate = 2026-01-01", "本文\n");
    site.article(
        "author",
        "title = \"著者\"\ndate = 2026-01-01\nauthor = \"yamda\"\ncolour = \"red\"",
        "本文\n",
    );
    site.write(
        "content/articles/yaml.md",
        "---\ntitle: \"a\"\ntags: [春, 花粉\ndate: 2026-01-01\n---\n本文\n",
    );
    site.write("content/articles/no-front-matter.md", "# 見出しだけ\n");
    site.article(
        "image",
        "title = \"画像\"\ndate = 2026-01-01",
        "写真：![診察室](missing.png)\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&out));
}
