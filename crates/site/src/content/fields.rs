//! Front matter fields → [`FrontMatter`]: types checked, dates read in the site's time zone,
//! unknown fields warned about with the nearest known one.
//!
//! Values arrive as a `serde_json` map from either TOML or YAML. Scalars are accepted where text
//! is expected (YAML reads `slug: 20240501` as a number and `title: no` as a boolean; the writer
//! meant text), and a single string where a list is expected.

use jiff::Zoned;
use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::front_matter::Format;
use clinote_diagnostic::keys::{find_toml_key, find_yaml_key};
use clinote_diagnostic::suggest::nearest;
use clinote_diagnostic::{Bilingual, Diagnostic, Location};

/// The fields an article or page may set.
pub const KNOWN_FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "description",
    "tags",
    "author",
    "slug",
    "draft",
    "cover",
    "cover_alt",
    "series",
    "reviewed_by",
    "teasers",
    "hashtags",
    "patient_story",
];

/// What the writer set in front matter, checked for type.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Zoned>,
    pub updated: Option<Zoned>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
    pub cover: Option<String>,
    pub cover_alt: Option<String>,
    pub series: Option<String>,
    pub reviewed_by: Option<String>,
    pub teasers: Vec<String>,
    pub hashtags: Vec<String>,
    /// `patient_story = { consent = "written" }`: the article tells a patient's story with
    /// their consent, given how (`written`, `oral`, …).
    pub patient_consent: Option<String>,
}

/// Points at the line of a front matter key in the whole file.
pub struct KeyLocator<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub format: Format,
    pub front_matter_offset: usize,
    pub front_matter: &'a str,
}

impl KeyLocator<'_> {
    pub fn locate(&self, key: &str) -> Location {
        let found = match self.format {
            Format::Toml => find_toml_key(self.front_matter, &[key]),
            Format::Yaml => find_yaml_key(self.front_matter, key),
        };
        match found {
            Some((at, len)) => {
                Location::at_offset(self.file, self.text, self.front_matter_offset + at, len)
            }
            None => Location::at_line(self.file, self.text, 1),
        }
    }
}

/// Reads the fields; `date_required` is true for articles. Problems go to `diags`.
pub fn read(
    map: Map<String, Value>,
    at: &KeyLocator<'_>,
    tz: &TimeZone,
    date_required: bool,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut had_title = false;
    for (key, value) in map {
        match key.as_str() {
            "title" => {
                if let Some(t) = text(&key, value, at, diags) {
                    had_title = !t.trim().is_empty();
                    fm.title = t;
                }
            }
            "date" => fm.date = date(&key, value, at, tz, diags),
            "updated" => fm.updated = date(&key, value, at, tz, diags),
            "description" => fm.description = text(&key, value, at, diags),
            "tags" => fm.tags = list(&key, value, at, diags),
            "author" => fm.author = text(&key, value, at, diags),
            "slug" => fm.slug = text(&key, value, at, diags),
            "draft" => fm.draft = boolean(&key, value, at, diags),
            "cover" => fm.cover = text(&key, value, at, diags),
            "cover_alt" => fm.cover_alt = text(&key, value, at, diags),
            "series" => fm.series = text(&key, value, at, diags),
            "reviewed_by" => fm.reviewed_by = text(&key, value, at, diags),
            "teasers" => {
                fm.teasers = list(&key, value, at, diags);
                warn_unintended(&fm.teasers, at, diags);
            }
            "hashtags" => fm.hashtags = list(&key, value, at, diags),
            "patient_story" => match value {
                serde_json::Value::Object(m) => {
                    fm.patient_consent = m.get("consent").and_then(scalar_text)
                }
                serde_json::Value::Null => {}
                _ => diags.push(type_error(
                    &key,
                    ("表（テーブル）", "a table"),
                    at,
                    "patient_story = { consent = \"written\" }",
                )),
            },
            _ => {
                let mut d = Diagnostic::warning(Bilingual::new(
                    format!("知らない項目 `{key}` は無視されます"),
                    format!("unknown field `{key}` is ignored"),
                ))
                .at(at.locate(&key));
                if let Some(near) = nearest(&key, KNOWN_FIELDS.iter().copied()) {
                    d = d.help(Bilingual::new(
                        format!("`{near}` のつもりでしたか？"),
                        format!("did you mean `{near}`?"),
                    ));
                }
                diags.push(d);
            }
        }
    }
    fm.tags.retain(|t| !t.trim().is_empty());
    for tag in &mut fm.tags {
        *tag = tag.trim().to_string();
    }
    limit_terms(&mut fm, at, diags);
    if !had_title {
        diags.push(missing(
            at,
            "title",
            "タイトル",
            "title = \"記事のタイトル\"",
        ));
    }
    if date_required && fm.date.is_none() && !diags.iter().any(|d| mentions(d, "date")) {
        diags.push(missing(at, "date", "公開日", "date = 2026-01-31"));
    }
    fm
}

/// Warns about text in the writer's own posts that X would make a link or a hashtag they
/// likely did not mean ([`clinote_posts::unintended`]), at the line that holds it.
fn warn_unintended(teasers: &[String], at: &KeyLocator<'_>, diags: &mut Vec<Diagnostic>) {
    use clinote_posts::Unintended;
    // Each piece is looked for after the previous one, from the `teasers` key on.
    let key_at = match at.format {
        Format::Toml => find_toml_key(at.front_matter, &["teasers"]),
        Format::Yaml => find_yaml_key(at.front_matter, "teasers"),
    };
    let mut cursor = key_at.map_or(0, |(offset, _)| offset);
    for (index, teaser) in teasers.iter().enumerate() {
        let n = index + 1;
        for piece in clinote_posts::unintended(teaser) {
            let (shown, message, help) = match &piece {
                Unintended::BareLink(url) => (
                    url.clone(),
                    Bilingual::new(
                        format!("teasers の{n}件目の「{url}」は、X ではリンクになり 23 文字と数えられます"),
                        format!("teaser {n}: X turns \"{url}\" into a link, counted as 23"),
                    ),
                    Bilingual::new(
                        "リンクにするなら https:// から書いてください。しないなら、サイトの名前で書いてください（例:「こどもの救急」のサイト）".to_string(),
                        "write https:// before it if you mean a link; otherwise name the site in words".to_string(),
                    ),
                ),
                Unintended::NumberTag(tag) => (
                    tag.clone(),
                    Bilingual::new(
                        format!("teasers の{n}件目の「#{tag}」は、X ではハッシュタグになります"),
                        format!("teaser {n}: X makes \"#{tag}\" a hashtag"),
                    ),
                    Bilingual::new(
                        "電話番号（#8000 など）なら、番号のあとに空白を入れてください（「#8000 とは」）。# と数字だけならハッシュタグになりません".to_string(),
                        "if it is a phone number such as #8000, put a space after the digits: # and digits alone make no hashtag".to_string(),
                    ),
                ),
            };
            let location = match at
                .front_matter
                .get(cursor..)
                .and_then(|rest| rest.find(&shown))
            {
                Some(found) => {
                    let mut offset = cursor + found;
                    let mut len = shown.len();
                    cursor = offset + len;
                    // Underline a hashtag from its `#` or `＃`.
                    if let Some(sign) = at.front_matter[..offset]
                        .chars()
                        .next_back()
                        .filter(|c| matches!(c, '#' | '＃'))
                        .filter(|_| matches!(piece, Unintended::NumberTag(_)))
                    {
                        offset -= sign.len_utf8();
                        len += sign.len_utf8();
                    }
                    Location::at_offset(at.file, at.text, at.front_matter_offset + offset, len)
                }
                // Written with escapes or in another normal form: the key's line.
                None => at.locate("teasers"),
            };
            diags.push(Diagnostic::warning(message).at(location).help(help));
        }
    }
}

/// Tags per article, at most: more say nothing to a reader, and each makes pages.
pub const MAX_TAGS: usize = 20;
/// The longest tag or series name, in bytes: it becomes a folder name.
pub const MAX_TERM_BYTES: usize = 150;

/// Keeps tags and series within what makes sense and what a file system takes, with a
/// warning for what is left out.
fn limit_terms(fm: &mut FrontMatter, at: &KeyLocator<'_>, diags: &mut Vec<Diagnostic>) {
    let too_long = |name: &str| name.len() > MAX_TERM_BYTES;
    let long_one = |key: &str, name: &str| {
        let shown: String = name.chars().take(20).collect();
        Diagnostic::warning(Bilingual::new(
            format!(
                "{key} の「{shown}…」は長すぎるため使いません（{} バイト、{MAX_TERM_BYTES} まで。日本語は 1 文字 3 バイト）",
                name.len()
            ),
            format!(
                "{key} \"{shown}…\" is too long and is left out ({} bytes, at most {MAX_TERM_BYTES})",
                name.len()
            ),
        ))
        .at(at.locate(key))
        .help(Bilingual::new(
            "「花粉症」のように短い言葉にしてください。",
            "use a short word, such as \"hay fever\"",
        ))
    };
    if let Some(tag) = fm.tags.iter().find(|t| too_long(t)) {
        diags.push(long_one("tags", tag));
        fm.tags.retain(|t| !too_long(t));
    }
    if let Some(series) = fm.series.take_if(|s| too_long(s)) {
        diags.push(long_one("series", &series));
    }
    if fm.tags.len() > MAX_TAGS {
        diags.push(
            Diagnostic::warning(Bilingual::new(
                format!(
                    "タグが {} 個あります。はじめの {MAX_TAGS} 個だけを使います",
                    fm.tags.len()
                ),
                format!("{} tags: only the first {MAX_TAGS} are used", fm.tags.len()),
            ))
            .at(at.locate("tags"))
            .help(Bilingual::new(
                "記事の内容を表す数個のタグにしぼってください。",
                "keep to a few tags that say what the article is about",
            )),
        );
        fm.tags.truncate(MAX_TAGS);
    }
}

fn missing(at: &KeyLocator<'_>, key: &str, name_ja: &str, example: &str) -> Diagnostic {
    Diagnostic::error(Bilingual::new(
        format!("`{key}`（{name_ja}）がありません"),
        format!("`{key}` is missing"),
    ))
    .at(at.locate(key))
    .help(Bilingual::new(
        format!("front matter に `{example}` のように書いてください。"),
        format!("add it to the front matter, e.g. `{example}`"),
    ))
}

fn mentions(d: &Diagnostic, key: &str) -> bool {
    d.message.en.contains(&format!("`{key}`"))
}

fn type_error(key: &str, expected: (&str, &str), at: &KeyLocator<'_>, example: &str) -> Diagnostic {
    Diagnostic::error(Bilingual::new(
        format!("`{key}` は{}で書いてください", expected.0),
        format!("`{key}` must be {}", expected.1),
    ))
    .at(at.locate(key))
    .help(Bilingual::new(
        format!("例: {example}"),
        format!("for example: {example}"),
    ))
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn text(
    key: &str,
    value: Value,
    at: &KeyLocator<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    if value.is_null() {
        return None;
    }
    match scalar_text(&value) {
        Some(s) => Some(s),
        None => {
            diags.push(type_error(
                key,
                ("文字列", "text"),
                at,
                &format!("{key} = \"…\""),
            ));
            None
        }
    }
}

fn list(key: &str, value: Value, at: &KeyLocator<'_>, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let items = match value {
        Value::Null => return Vec::new(),
        Value::Array(items) => items.iter().map(scalar_text).collect(),
        // A single value where a list is expected: the writer meant a list of one.
        other => scalar_text(&other).map(|s| vec![s]),
    };
    items.unwrap_or_else(|| {
        let example = format!("{key} = [\"…\", \"…\"]");
        diags.push(type_error(
            key,
            ("文字列のリスト", "a list of text"),
            at,
            &example,
        ));
        Vec::new()
    })
}

fn boolean(key: &str, value: Value, at: &KeyLocator<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    match value {
        Value::Bool(b) => b,
        Value::String(s) if ["true", "yes", "on"].contains(&s.to_lowercase().as_str()) => true,
        Value::String(s) if ["false", "no", "off"].contains(&s.to_lowercase().as_str()) => false,
        Value::Null => false,
        _ => {
            diags.push(type_error(
                key,
                ("true か false", "true or false"),
                at,
                &format!("{key} = true"),
            ));
            false
        }
    }
}

fn date(
    key: &str,
    value: Value,
    at: &KeyLocator<'_>,
    tz: &TimeZone,
    diags: &mut Vec<Diagnostic>,
) -> Option<Zoned> {
    let s = match value {
        Value::String(s) => s,
        Value::Null => return None,
        other => other.to_string(),
    };
    match crate::dates::parse(&s, tz) {
        Ok(z) => Some(z),
        Err(_) => {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("`{key}` の日付 \"{s}\" を読めません"),
                    format!("`{key}`: cannot read the date \"{s}\""),
                ))
                .at(at.locate(key))
                .help(match crate::syntax_hints::hyphenated_date(&s) {
                    Some(iso) => Bilingual::new(
                        format!("日付は「-」でつないで `{iso}` と書いてください。"),
                        format!("write the date with “-”: `{iso}`"),
                    ),
                    None => Bilingual::new(
                        "`2026-01-31` か、時刻つきで `2026-01-31T09:00:00` の形で書いてください（月は 01〜12）。",
                        "write it as `2026-01-31`, or with a time as `2026-01-31T09:00:00` (months 01–12)",
                    ),
                }),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split};

    fn read_str(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let s = split(text, "a.md").unwrap();
        let map = parse(&s, text, "a.md").unwrap();
        let at = KeyLocator {
            file: "a.md",
            text,
            format: s.format,
            front_matter_offset: s.front_matter_offset,
            front_matter: s.front_matter,
        };
        let mut diags = Vec::new();
        let tz = TimeZone::get("Asia/Tokyo").unwrap();
        let fm = read(map, &at, &tz, true, &mut diags);
        (fm, diags)
    }

    #[test]
    fn reads_all_fields() {
        let (fm, diags) = read_str(
            "+++\ntitle = \"冬の手洗い\"\ndate = 2026-12-01\ntags = [\"感染症予防\", \"冬\"]\ndraft = true\nslug = \"winter\"\n+++\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title, "冬の手洗い");
        assert_eq!(fm.tags, ["感染症予防", "冬"]);
        assert!(fm.draft);
        assert_eq!(fm.slug.as_deref(), Some("winter"));
        assert_eq!(
            crate::dates::rfc3339(fm.date.as_ref().unwrap()),
            "2026-12-01T00:00:00+09:00"
        );
    }

    #[test]
    fn yaml_scalars_are_text() {
        let (fm, diags) =
            read_str("---\ntitle: no\ndate: 2026-12-01\nslug: 0501\ntags: 冬\ndraft: yes\n---\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title, "no");
        assert_eq!(fm.slug.as_deref(), Some("0501"));
        assert!(fm.draft);
        assert_eq!(fm.tags, ["冬"]);
    }

    #[test]
    fn problems_point_at_their_line() {
        let (_, diags) = read_str(
            "+++\ntitle = \"x\"\ndate = \"2026-02-30\"\nauthr = \"sato\"\ndraft = \"maybe\"\n+++\n",
        );
        let out: Vec<String> = diags.iter().map(|d| d.render(false)).collect();
        assert_eq!(diags.len(), 3, "{out:#?}");
        assert!(
            out.iter()
                .any(|o| o.contains("a.md:3:1") && o.contains("日付")),
            "{out:#?}"
        );
        assert!(
            out.iter()
                .any(|o| o.contains("a.md:4:1") && o.contains("`author`")),
            "{out:#?}"
        );
        assert!(out.iter().any(|o| o.contains("a.md:5:1")), "{out:#?}");
    }

    #[test]
    fn title_and_date_are_required() {
        let (_, diags) = read_str("+++\ndescription = \"x\"\n+++\n");
        assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 2);
    }
}
