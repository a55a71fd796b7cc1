//! `clinote init` (a new site) and `clinote new` (a new article): files written for people who
//! have never seen a config file, with Japanese comments that say what each line does.

use std::path::{Path, PathBuf};

use jiff::Zoned;

use crate::config::Config;
use clinote_diagnostic::suggest::{nearest, quoted_list};
use clinote_diagnostic::{Bilingual, Diagnostic, Location};

const INIT_CONFIG: &str = r#"# clinote の設定ファイルです。「#」から始まる行はメモで、サイトには出ません。
# 文字は "（ダブルクォート）で囲みます。

# ブログの名前（必須）
title = "〇〇クリニック ブログ"
# ブログの紹介文（検索結果や SNS に出ます）
description = "〇〇クリニックの医師が、毎日の健康に役立つ話をお届けします。"
# 公開するアドレス。最後の「/」まで書きます（必須）
base_url = "https://example.jp/blog/"
# 言語（"ja" か "en"）とタイムゾーン
language = "ja"
timezone = "Asia/Tokyo"
# 記事一覧の 1 ページに並べる数
paginate = 10

# クリニックの情報（ページの下の部分に出ます。使わない行は消してかまいません）
[clinic]
name = "〇〇クリニック"
# address = "〒000-0000 〇〇県〇〇市1-2-3"
# phone = "000-000-0000"
# line_id = "LINE 公式アカウントの ID（@ は付けない）"
# x_handle = "X のアカウント名（@ は付けない）"

# 記事を書く人。記事の author = "doctor" のように使います。最初の人が標準の書き手です。
[authors.doctor]
name = "院長の名前"
role = "院長・内科医"
bio = "自己紹介を 2〜3 文で書きます。"
# avatar = "images/doctor.png"   # static/ に置いた写真

[feed]
limit = 20
full_content = true
"#;

/// Creates a new site in `dir`, which must be missing or empty. Returns the files written.
pub fn init(dir: &Path, today: &Zoned) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if !dir.is_dir() || non_empty {
            return Err(Diagnostic::error(Bilingual::new(
                format!("{} は空のフォルダではないため、新しいサイトを作れません", dir.display()),
                format!("{} is not an empty folder; refusing to create a site there", dir.display()),
            ))
            .help(Bilingual::new(
                "まだ無いフォルダ名か、空のフォルダを指定してください（例: clinote init my-blog）。",
                "name a folder that does not exist yet or is empty (e.g. clinote init my-blog)",
            )));
        }
    }
    let article = format!(
        r#"+++
title = "ブログをはじめました"
date = {date}
description = "当院のブログをはじめました。どんなことを書いていくか、ご紹介します。"
tags = ["お知らせ"]
slug = "hello"
+++

こんにちは。〇〇クリニックです。

このブログでは、季節の健康の話や、よくいただくご質問への答えを、
**わかりやすい言葉**でお届けしていきます。

<!-- more -->

## このブログで書くこと

- 季節ごとに気をつけたい病気と予防のこと
- 子どもの発熱や、けがのときの見かた
- 当院の診療についてのお知らせ

むずかしい言葉には、{{頸椎|けいつい}}のようにふりがなを付けられます。

気になる症状があるときは、早めにご相談ください。
"#,
        date = today.strftime("%Y-%m-%d")
    );
    let files: [(&str, &str); 3] = [
        ("clinote.toml", INIT_CONFIG),
        ("content/articles/hello.md", &article),
        // What clinote writes: the built site, and its caches (renders, link cards).
        (".gitignore", "/public/\n/.clinote/\n"),
    ];
    let mut written = Vec::new();
    let io = |e: std::io::Error, p: &Path| {
        Diagnostic::error(Bilingual::new(
            format!("{} を書けません: {e}", p.display()),
            format!("cannot write {}: {e}", p.display()),
        ))
    };
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(e, parent))?;
        }
        std::fs::write(&path, text).map_err(|e| io(e, &path))?;
        written.push(path);
    }
    for d in ["static", "content/pages"] {
        let path = dir.join(d);
        std::fs::create_dir_all(&path).map_err(|e| io(e, &path))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a new draft article in the site at `root`. Returns its path.
pub fn new_article(
    root: &Path,
    config: &Config,
    title: &str,
    slug: Option<&str>,
    author: Option<&str>,
    now: &Zoned,
) -> Result<PathBuf, Diagnostic> {
    let today = now.with_time_zone(config.timezone.clone());
    let title = title.trim();
    if title.is_empty() {
        return Err(
            Diagnostic::error(Bilingual::new("タイトルが空です", "the title is empty")).help(
                Bilingual::new(
                    "clinote new \"冬の手洗いのコツ\" のようにタイトルを書いてください。",
                    "give a title, e.g. clinote new \"Hand washing in winter\"",
                ),
            ),
        );
    }
    let author = match author {
        Some(key) if !config.authors.contains_key(key) => {
            let known = || config.authors.keys().map(String::as_str);
            let mut ja = format!("登録されている著者: {}", quoted_list(known()));
            let mut en = format!("known authors: {}", quoted_list(known()));
            if let Some(near) = nearest(key, known()) {
                ja = format!("`{near}` のつもりでしたか？ {ja}");
                en = format!("did you mean `{near}`? {en}");
            }
            return Err(Diagnostic::error(Bilingual::new(
                format!("著者 \"{key}\" は clinote.toml の [authors] にありません"),
                format!("author \"{key}\" is not in [authors] of clinote.toml"),
            ))
            .at(Location::file(crate::config::CONFIG_FILE))
            .help(Bilingual::new(ja, en)));
        }
        Some(key) => Some(key.to_string()),
        None => config.authors.keys().next().cloned(),
    };
    let dir = root.join(crate::content::discover::ARTICLES_DIR);
    let taken = |s: &str| dir.join(format!("{s}.md")).exists() || dir.join(s).exists();
    let slug = match slug {
        Some(s) => {
            let s = s.trim();
            if s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(Diagnostic::error(Bilingual::new(
                    format!("slug \"{s}\" には英数字とハイフンだけを使ってください"),
                    format!("the slug \"{s}\" may only contain letters, digits and hyphens"),
                ))
                .help(Bilingual::new(
                    "例: --slug winter-hand-washing",
                    "for example: --slug winter-hand-washing",
                )));
            }
            if taken(s) {
                return Err(Diagnostic::error(Bilingual::new(
                    format!("content/articles/{s}.md はすでにあります。上書きはしません"),
                    format!("content/articles/{s}.md already exists; not overwriting it"),
                ))
                .help(Bilingual::new(
                    "別の --slug を指定してください。",
                    "choose another --slug",
                )));
            }
            s.to_string()
        }
        None => {
            let base = ascii_slug(title).unwrap_or_else(|| today.strftime("%Y-%m-%d").to_string());
            let mut candidate = base.clone();
            let mut n = 2;
            while taken(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        }
    };
    let path = dir.join(format!("{slug}.md"));
    let author_line = author
        .map(|a| format!("author = \"{a}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "+++\ntitle = {title}\ndate = {date}\ndescription = \"\"\ntags = []\n{author_line}slug = \"{slug}\"\ndraft = true\n+++\n\nここに本文を書きます。書き終えたら上の `draft = true` の行を消すと公開されます。\n",
        title = toml_string(title),
        date = today.strftime("%Y-%m-%d"),
    );
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        // `create_new` refuses to overwrite even if the file appeared meanwhile.
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        f.write_all(text.as_bytes())
    };
    write().map_err(|e| {
        Diagnostic::error(Bilingual::new(
            format!("{} を書けません: {e}", path.display()),
            format!("cannot write {}: {e}", path.display()),
        ))
    })?;
    Ok(path)
}

/// A slug from an ASCII title (`Hand washing!` → `hand-washing`); `None` for Japanese titles,
/// which have no faithful ASCII form.
fn ascii_slug(title: &str) -> Option<String> {
    if !title.is_ascii() {
        return None;
    }
    let slug = title
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (!slug.is_empty()).then_some(slug)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            ascii_slug("Hand washing in Winter!").as_deref(),
            Some("hand-washing-in-winter")
        );
        assert_eq!(ascii_slug("冬の手洗い"), None);
        assert_eq!(ascii_slug("!!!"), None);
    }

    #[test]
    fn toml_strings_are_escaped() {
        for s in ["「引用」\"と\\", "it's", "a'b\"c", "改行\nあり"] {
            let text = format!("title = {}", toml_string(s));
            let table: toml::Table = toml::from_str(&text).unwrap();
            assert_eq!(table["title"].as_str(), Some(s), "{text}");
        }
    }
}
