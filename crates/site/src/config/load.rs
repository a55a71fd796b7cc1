//! Reading `clinote.toml` into a [`Config`]: parsing, defaults, and every check of the values,
//! all problems reported together.

use std::path::Path;

use indexmap::IndexMap;
use jiff::tz::TimeZone;
use serde::Deserialize;
use url::Url;

use super::analytics::{Analytics, RawAnalytics};
use super::brand::{Brand, Colours};
use super::hours::Hours;
use super::keys::{key_location, unknown_key};
use super::{Author, CONFIG_FILE, Clinic, Config, Feed, Images, Language, Teasers};
use clinote_diagnostic::{Bilingual, Diagnostic, Diagnostics, Location};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    theme: Option<String>,
    paginate: Option<usize>,
    image: Option<String>,
    cards: Option<bool>,
    clinic: Clinic,
    brand: Brand,
    analytics: RawAnalytics,
    authors: IndexMap<String, Author>,
    feed: Feed,
    teasers: Teasers,
    images: Images,
    check: clinote_check::config::CheckConfig,
}

impl Config {
    /// Reads `clinote.toml` in `root`. Warnings come back with the config; errors instead of it.
    pub fn load(root: &Path) -> Result<(Config, Diagnostics), Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                let mut d = Diagnostics::default();
                let (ja, en) = if e.kind() == std::io::ErrorKind::NotFound {
                    (
                        format!("{CONFIG_FILE} が見つかりません（{}）", root.display()),
                        format!("{CONFIG_FILE} not found in {}", root.display()),
                    )
                } else {
                    (
                        format!("{CONFIG_FILE} を読めません: {e}"),
                        format!("cannot read {CONFIG_FILE}: {e}"),
                    )
                };
                d.push(Diagnostic::error(Bilingual::new(ja, en)).help(Bilingual::new(
                    "サイトのフォルダで実行するか --root でフォルダを指定してください。新しいサイトは `clinote init フォルダ名` で作れます。",
                    "run clinote in the site's folder or pass --root; `clinote init DIR` creates a new site",
                )));
                return Err(d);
            }
        };
        let (mut config, mut diags) = Config::parse(&text)?;
        // The photos must be there: a missing one is a broken image on every article.
        for (key, author) in &mut config.authors {
            let file = author
                .avatar
                .as_ref()
                .map(|a| root.join("static").join(a.trim()));
            if let Some(file) = file.as_ref().filter(|f| f.is_file()) {
                match clinote_images::probe(file) {
                    Ok(clinote_images::Probed::Photo(p)) => author.avatar_photo = Some(p),
                    Ok(clinote_images::Probed::PassThrough) => {}
                    Err(problem) => {
                        let (ja, en) = problem.message();
                        diags.push(
                            Diagnostic::error(Bilingual::new(
                                format!("[authors.{key}] の avatar: {ja}"),
                                format!("[authors.{key}] avatar: {en}"),
                            ))
                            .at(key_location(&text, &["authors", key, "avatar"])),
                        );
                    }
                }
            }
            if let Some(avatar) = &author.avatar
                && file.is_some_and(|f| !f.is_file())
            {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("[authors.{key}] の avatar \"{avatar}\" が static/ にありません"),
                        format!("[authors.{key}] avatar \"{avatar}\" is not in static/"),
                    ))
                    .at(key_location(&text, &["authors", key, "avatar"]))
                    .help(Bilingual::new(
                        format!("写真を static/{avatar} に置くか、avatar の行を消してください。"),
                        format!("put the photo at static/{avatar}, or remove the avatar line"),
                    )),
                );
            }
        }
        if let Some(logo) = &config.brand.logo
            && !root.join("static").join(logo.trim()).is_file()
        {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[brand] の logo \"{logo}\" が static/ にありません"),
                    format!("[brand] logo \"{logo}\" is not in static/"),
                ))
                .at(key_location(&text, &["brand", "logo"]))
                .help(Bilingual::new(
                    format!("ロゴの画像（PNG や SVG）を static/{logo} に置くか、logo の行を消してください。"),
                    format!("put the logo (PNG or SVG) at static/{logo}, or remove the logo line"),
                )),
            );
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok((config, diags))
        }
    }

    /// Parses and validates the text of a `clinote.toml`.
    ///
    /// ```
    /// let (config, warnings) = clinote_site::config::Config::parse(
    ///     "title = \"ブログ\"\nbase_url = \"https://example.jp/blog\"\n",
    /// ).unwrap();
    /// assert_eq!(config.base_path(), "/blog/");
    /// assert!(warnings.is_empty());
    /// ```
    pub fn parse(text: &str) -> Result<(Config, Diagnostics), Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut diags = Diagnostics::default();
        let mut unknown = Vec::new();
        let raw: RawConfig = match toml::Deserializer::parse(text)
            .and_then(|de| serde_ignored::deserialize(de, |path| unknown.push(path.to_string())))
        {
            Ok(raw) => raw,
            Err(e) => {
                let loc = match e.span() {
                    Some(span) => {
                        let start = crate::content::front_matter::unclosed_multiline_start(
                            text,
                            e.message(),
                            span.start,
                        )
                        .unwrap_or(span.start);
                        Location::at_offset(
                            CONFIG_FILE,
                            text,
                            start,
                            span.end.saturating_sub(start).max(1),
                        )
                    }
                    None => Location::file(CONFIG_FILE),
                };
                let explained =
                    crate::syntax_hints::explain(e.message(), loc.source_line.as_deref());
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("{CONFIG_FILE} の書き方に誤りがあります: {}", explained.message.ja),
                        format!("{CONFIG_FILE} is not valid: {}", explained.message.en),
                    ))
                    .at(loc)
                    .help(explained.help.unwrap_or_else(|| Bilingual::new(
                        "`キー = \"値\"` の形になっているか、引用符やかっこの閉じ忘れがないか確かめてください。",
                        "check that each line reads `key = \"value\"` and that quotes and brackets are closed",
                    ))),
                );
                return Err(diags);
            }
        };
        for path in unknown {
            diags.push(unknown_key(text, &path));
        }

        let title = match raw.title {
            Some(t) if !t.trim().is_empty() => t,
            _ => {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        "サイトの `title` がありません",
                        "the site has no `title`",
                    ))
                    .at(Location::file(CONFIG_FILE))
                    .help(Bilingual::new(
                        "clinote.toml の先頭に `title = \"〇〇クリニック ブログ\"` のように書いてください。",
                        "add a line like `title = \"My Clinic Blog\"` at the top of clinote.toml",
                    )),
                );
                String::new()
            }
        };

        // A missing `base_url` is one error (below), not also "not a valid URL".
        let base_url = raw
            .base_url
            .as_deref()
            .map(parse_base_url)
            .transpose()
            .map_err(|why| {
                let loc = key_location(text, &["base_url"]);
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("`base_url` が正しい URL ではありません: {}", why.ja),
                        format!("`base_url` is not a valid URL: {}", why.en),
                    ))
                    .at(loc)
                    .help(Bilingual::new(
                        "公開するアドレスを `base_url = \"https://example.jp/blog/\"` のように http(s):// から書いてください。",
                        "write the public address with its scheme, e.g. `base_url = \"https://example.jp/blog/\"`",
                    )),
                );
            })
            .ok()
            .flatten();
        if raw.base_url.is_none() {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    "`base_url` がありません",
                    "the site has no `base_url`",
                ))
                .at(Location::file(CONFIG_FILE))
                .help(Bilingual::new(
                    "公開するアドレスを `base_url = \"https://example.jp/blog/\"` のように書いてください。",
                    "add the public address, e.g. `base_url = \"https://example.jp/blog/\"`",
                )),
            );
        }

        let language = match raw.language.as_deref().unwrap_or("ja") {
            "ja" => Language::Ja,
            "en" => Language::En,
            other => {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("`language = \"{other}\"` には対応していません"),
                        format!("language \"{other}\" is not supported"),
                    ))
                    .at(key_location(text, &["language"]))
                    .help(Bilingual::new(
                        "\"ja\"（日本語）か \"en\"（英語）を指定してください。",
                        "use \"ja\" (Japanese) or \"en\" (English)",
                    )),
                );
                Language::Ja
            }
        };

        let timezone_name = raw.timezone.unwrap_or_else(|| "Asia/Tokyo".to_string());
        let timezone = TimeZone::get(&timezone_name).unwrap_or_else(|_| {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("タイムゾーン \"{timezone_name}\" が見つかりません"),
                    format!("unknown time zone \"{timezone_name}\""),
                ))
                .at(key_location(text, &["timezone"]))
                .help(Bilingual::new(
                    "日本なら `timezone = \"Asia/Tokyo\"` です（IANA の名前で書きます）。",
                    "use an IANA name such as \"Asia/Tokyo\" or \"America/Vancouver\"",
                )),
            );
            TimeZone::UTC
        });

        let paginate = match raw.paginate {
            Some(0) => {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        "`paginate` は 1 以上にしてください",
                        "`paginate` must be at least 1",
                    ))
                    .at(key_location(text, &["paginate"])),
                );
                10
            }
            Some(n) => n,
            None => 10,
        };

        for (key, author) in &raw.authors {
            if author.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                diags.push(
                    Diagnostic::warning(Bilingual::new(
                        format!("著者 `{key}` に `name` がありません"),
                        format!("author `{key}` has no `name`"),
                    ))
                    .at(key_location(text, &["authors", key]))
                    .help(Bilingual::new(
                        "記事に表示する名前を `name = \"山田 太郎\"` のように書いてください。",
                        "add the name shown on articles, e.g. `name = \"Taro Yamada\"`",
                    )),
                );
            }
        }

        if let Some(theme) = &raw.theme
            && !is_plain_folder_name(theme)
        {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("`theme = \"{theme}\"` には themes/ の中のフォルダ名だけを書いてください"),
                    format!("`theme = \"{theme}\"` must name a folder inside themes/"),
                ))
                .at(key_location(text, &["theme"]))
                .help(Bilingual::new(
                    "`theme = \"default\"` か、themes/ に置いたフォルダの名前（`/` や `..` なし）にしてください。",
                    "use `theme = \"default\"` or the name of a folder under themes/ (no `/` or `..`)",
                )),
            );
        }
        for (key, url) in [
            ("url", &raw.clinic.url),
            ("booking_url", &raw.clinic.booking_url),
            ("map_url", &raw.clinic.map_url),
        ] {
            if let Some(url) = url
                && !is_web_address(url)
            {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("[clinic] の {key} \"{url}\" は http:// か https:// から始まるアドレスにしてください"),
                        format!("[clinic] {key} \"{url}\" must be an http:// or https:// address"),
                    ))
                    .at(key_location(text, &["clinic", key]))
                    .help(Bilingual::new(
                        "すべてのページにリンクとして載るため、ほかの形（javascript: など）は使えません。",
                        "it is linked from every page, so nothing else (such as javascript:) is allowed",
                    )),
                );
            }
        }
        let clinic = &raw.clinic;
        for (key, value, limit) in [
            ("latitude", clinic.latitude, 90.0),
            ("longitude", clinic.longitude, 180.0),
        ] {
            if let Some(v) = value
                && !(v.is_finite() && v.abs() <= limit)
            {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("[clinic] の {key} {v} は -{limit} から {limit} の数にしてください"),
                        format!("[clinic] {key} {v} must be between -{limit} and {limit}"),
                    ))
                    .at(key_location(text, &["clinic", key]))
                    .help(Bilingual::new(
                        "地図アプリで調べた緯度と経度を `latitude = 35.6812` `longitude = 139.7671` のように書きます。",
                        "copy the latitude and longitude from a map, e.g. `latitude = 35.6812`, `longitude = 139.7671`",
                    )),
                );
            }
        }
        if clinic.latitude.is_some() != clinic.longitude.is_some() {
            let missing = if clinic.latitude.is_some() {
                "longitude"
            } else {
                "latitude"
            };
            diags.push(
                Diagnostic::warning(Bilingual::new(
                    format!("[clinic] に {missing} がないため、緯度と経度は使われません"),
                    format!("[clinic] has no {missing}, so the position is not published"),
                ))
                .at(key_location(text, &["clinic"]))
                .help(Bilingual::new(
                    "緯度（latitude）と経度（longitude）は両方書いてください。",
                    "write both latitude and longitude",
                )),
            );
        }
        let mut found = Vec::new();
        let hours = raw
            .clinic
            .hours
            .as_ref()
            .map(|h| Hours::read(h, text, &mut found));
        let colours = Colours::read(&raw.brand, text, &mut found);
        let analytics = Analytics::read(&raw.analytics, text, &mut found);
        for d in found {
            diags.push(d);
        }
        if let Some(logo) = &raw.brand.logo
            && !is_relative_file_path(logo)
        {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[brand] の logo \"{logo}\" は static/ の中のファイルにしてください"),
                    format!("[brand] logo \"{logo}\" must be a file inside static/"),
                ))
                .at(key_location(text, &["brand", "logo"]))
                .help(Bilingual::new(
                    "ロゴを static/images/ に置き、`logo = \"images/logo.svg\"` のように書いてください。",
                    "put the logo in static/images/ and write `logo = \"images/logo.svg\"`",
                )),
            );
        }
        for (key, author) in &raw.authors {
            if let Some(avatar) = &author.avatar
                && !is_relative_file_path(avatar)
            {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("[authors.{key}] の avatar \"{avatar}\" は static/ の中のファイルにしてください"),
                        format!("[authors.{key}] avatar \"{avatar}\" must be a file inside static/"),
                    ))
                    .at(key_location(text, &["authors", key, "avatar"]))
                    .help(Bilingual::new(
                        "写真を static/images/ に置き、`avatar = \"images/yamada.jpg\"` のように書いてください。",
                        "put the photo in static/images/ and write `avatar = \"images/yamada.jpg\"`",
                    )),
                );
            }
        }

        if raw.teasers.post_time().is_none() {
            let time = &raw.teasers.time;
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[teasers] の time \"{time}\" は「時:分」の24時間表記にしてください"),
                    format!("[teasers] time \"{time}\" must be hours and minutes, 24-hour"),
                ))
                .at(key_location(text, &["teasers", "time"]))
                .help(Bilingual::new(
                    "投稿の時刻です。`time = \"12:00\"` や `time = \"18:30\"` のように書きます（サイトのタイムゾーンの時刻）。",
                    "the time posts are scheduled at, in the site's time zone, e.g. `time = \"18:30\"`",
                )),
            );
        }
        if !(1..=100).contains(&raw.images.quality) {
            let q = raw.images.quality;
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[images] の quality {q} は 1 から 100 の数にしてください"),
                    format!("[images] quality {q} must be between 1 and 100"),
                ))
                .at(key_location(text, &["images", "quality"]))
                .help(Bilingual::new(
                    "写真の画質です。ふつうは `quality = 80` で十分きれいです。",
                    "the photos' quality; `quality = 80` looks good in most cases",
                )),
            );
        }
        let bad_width = raw
            .images
            .widths
            .iter()
            .find(|w| !(16..=clinote_images::MAX_SIDE).contains(*w));
        if raw.images.widths.is_empty() || bad_width.is_some() {
            let shown = bad_width.map_or_else(|| "[]".to_string(), u32::to_string);
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[images] の widths {shown} は使えません。16 から {} までの幅（ピクセル）を1つ以上書いてください", clinote_images::MAX_SIDE),
                    format!("[images] widths {shown} cannot be used; give one or more widths from 16 to {} pixels", clinote_images::MAX_SIDE),
                ))
                .at(key_location(text, &["images", "widths"]))
                .help(Bilingual::new(
                    "例: `widths = [480, 800, 1200, 1600]`",
                    "e.g. `widths = [480, 800, 1200, 1600]`",
                )),
            );
        }
        for problem in clinote_check::config_problems(&raw.check) {
            diags.push(
                Diagnostic::warning(Bilingual::new(
                    format!("[check] の設定: {problem}"),
                    format!("in [check]: {problem}"),
                ))
                .at(key_location(text, &["check", "rules"]))
                .help(Bilingual::new(
                    "`clinote check --explain` で規則の名前の一覧が見られます。",
                    "`clinote check --explain` lists the rules' names",
                )),
            );
        }

        if diags.has_errors() {
            return Err(diags);
        }
        let Some(base_url) = base_url else {
            return Err(diags);
        };
        let config = Config {
            title,
            description: raw.description.unwrap_or_default(),
            public_url: base_url.clone(),
            base_url,
            language,
            timezone,
            timezone_name,
            theme: raw.theme.unwrap_or_else(|| "default".to_string()),
            paginate,
            image: raw.image.filter(|i| !i.trim().is_empty()),
            cards: raw.cards.unwrap_or(true),
            clinic: raw.clinic,
            hours,
            brand: raw.brand,
            colours,
            analytics,
            authors: raw.authors,
            feed: raw.feed,
            teasers: raw.teasers,
            images: raw.images.settings(),
            check: raw.check,
        };
        Ok((config, diags))
    }
}

/// A single folder name: no separator, no `.` or `..`, not hidden.
fn is_plain_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0'])
}

/// An absolute `http://` or `https://` address.
fn is_web_address(url: &str) -> bool {
    Url::parse(url.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A path relative to a folder that stays inside it: no root, no drive, no `..`.
fn is_relative_file_path(path: &str) -> bool {
    let path = path.trim();
    !path.is_empty()
        && !path.starts_with(['/', '\\'])
        && !path.contains(':')
        && path.split(['/', '\\']).all(|part| part != "..")
}

pub(super) fn parse_base_url(s: &str) -> Result<Url, Bilingual> {
    let mut url = Url::parse(s.trim()).map_err(|e| {
        Bilingual::new(
            format!("\"{s}\" を読めません（{e}）"),
            format!("cannot parse \"{s}\" ({e})"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Bilingual::new(
            format!("\"{s}\" は http:// か https:// で始まる必要があります"),
            format!("\"{s}\" must start with http:// or https://"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Bilingual::new(
            format!("\"{s}\" に ? や # は使えません"),
            format!("\"{s}\" must not contain ? or #"),
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}
