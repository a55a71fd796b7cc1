//! What a page says about itself to browsers, search engines and social networks: the title,
//! description and canonical URL, OpenGraph and X card tags, JSON-LD, and share links.
//!
//! Built in Rust rather than in templates so that every theme gets them right: absolute URLs,
//! escaping inside `<script>`, schema.org types.

use serde::Serialize;
use serde_json::{Value, json};

use super::clinic::publisher;
use crate::config::{Config, Language};
use crate::content::Article;
use crate::dates::rfc3339;

#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// The whole `<title>`.
    pub title: String,
    /// The page's own title, for OpenGraph and X cards.
    pub headline: String,
    pub description: String,
    pub canonical: String,
    /// `article` or `website`.
    pub og_type: &'static str,
    pub og_locale: &'static str,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub image_width: Option<usize>,
    pub image_height: Option<usize>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub tags: Vec<String>,
    pub noindex: bool,
    /// `@handle` for `twitter:site`.
    pub x_site: Option<String>,
    /// JSON-LD, safe to place inside `<script type="application/ld+json">`.
    pub jsonld: String,
}

/// Share links for an article page.
#[derive(Debug, Clone, Serialize)]
pub struct ShareView {
    pub url: String,
    pub x: String,
    pub line: String,
}

impl MetaView {
    /// For a list or other non-article page.
    pub fn page(config: &Config, title: Option<&str>, description: &str, path: &str) -> MetaView {
        let canonical = config.absolute_url(path);
        let full_title = match title {
            Some(t) => format!("{t} | {}", config.title),
            None => config.title.clone(),
        };
        let description = if description.is_empty() {
            config.description.clone()
        } else {
            description.to_string()
        };
        let jsonld = if path.is_empty() {
            json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": config.title,
                "description": description,
                "url": canonical,
                "inLanguage": config.language.code(),
                "publisher": publisher(config),
            })
        } else {
            json!({
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": title.unwrap_or(&config.title),
                "description": description,
                "url": canonical,
                "inLanguage": config.language.code(),
                "isPartOf": {"@type": "WebSite", "name": config.title, "url": config.base_url.as_str()},
            })
        };
        let (image, width, height) = default_image(config);
        MetaView {
            headline: title.unwrap_or(&config.title).to_string(),
            title: full_title,
            description,
            canonical,
            og_type: "website",
            og_locale: locale(config.language),
            image_alt: image.as_ref().map(|_| config.title.clone()),
            image,
            image_width: width,
            image_height: height,
            published: None,
            modified: None,
            tags: Vec::new(),
            noindex: false,
            x_site: x_site(config),
            jsonld: script_json(&jsonld),
        }
    }

    /// For an article or static page.
    pub fn article(config: &Config, a: &Article) -> MetaView {
        let canonical = config.absolute_url(&a.url_path);
        let description = a.description().to_string();
        let (image, image_alt, image_width, image_height) = match &a.cover {
            Some(c) => (
                Some(config.absolute_from_root(&c.url)),
                Some(c.alt.clone()),
                c.width,
                c.height,
            ),
            None => match crate::og_image::path::path_for(config.cards, a) {
                Some(card) => (
                    Some(config.absolute_url(&clinote_markdown::links::encode_path(&card))),
                    Some(a.meta.title.clone()),
                    Some(crate::og_image::WIDTH as usize),
                    Some(crate::og_image::HEIGHT as usize),
                ),
                None => {
                    let (i, w, h) = default_image(config);
                    let alt = i.as_ref().map(|_| a.meta.title.clone());
                    (i, alt, w, h)
                }
            },
        };
        let published = a.meta.date.as_ref().map(rfc3339);
        let modified = a
            .meta
            .updated
            .as_ref()
            .map(rfc3339)
            .or_else(|| published.clone());
        let is_article = a.kind == crate::content::Kind::Article;
        let jsonld = if is_article {
            let mut post = json!({
                "@context": "https://schema.org",
                "@type": "BlogPosting",
                "headline": a.meta.title,
                "description": description,
                "url": canonical,
                "inLanguage": config.language.code(),
                "datePublished": published,
                "dateModified": modified,
                "publisher": publisher(config),
            });
            if let Some(img) = &image {
                post["image"] = json!(img);
            }
            if !a.meta.tags.is_empty() {
                post["keywords"] = json!(a.meta.tags.join(", "));
            }
            if let Some(author) = a.author.as_deref().and_then(|k| person(config, k)) {
                post["author"] = author;
            }
            let mut page = json!({"@type": "WebPage", "@id": canonical});
            if let Some(reviewer) = a
                .meta
                .reviewed_by
                .as_deref()
                .and_then(|k| person(config, k))
            {
                page["reviewedBy"] = reviewer;
                if let Some(m) = &modified {
                    page["lastReviewed"] = json!(m);
                }
            }
            post["mainEntityOfPage"] = page;
            post
        } else {
            json!({
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": a.meta.title,
                "description": description,
                "url": canonical,
                "inLanguage": config.language.code(),
                "publisher": publisher(config),
            })
        };
        MetaView {
            headline: a.meta.title.clone(),
            title: format!("{} | {}", a.meta.title, config.title),
            description,
            canonical,
            og_type: if is_article { "article" } else { "website" },
            og_locale: locale(config.language),
            image,
            image_alt,
            image_width,
            image_height,
            published: if is_article { published } else { None },
            modified: if is_article { modified } else { None },
            tags: a.meta.tags.clone(),
            noindex: false,
            x_site: x_site(config),
            jsonld: script_json(&jsonld),
        }
    }
}

impl ShareView {
    pub fn new(config: &Config, a: &Article) -> ShareView {
        let url = a.canonical_url(config);
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        // The article's first teaser is the post a reader's share starts from.
        let x = match a.teasers.as_ref().and_then(|g| g.x.first()) {
            Some(first) => first.intent_url(),
            None => format!(
                "https://x.com/intent/tweet?text={}&url={}",
                enc(&a.meta.title),
                enc(&url)
            ),
        };
        ShareView {
            x,
            line: clinote_posts::line_share_url(&url),
            url,
        }
    }
}

fn locale(lang: Language) -> &'static str {
    match lang {
        Language::Ja => "ja_JP",
        Language::En => "en_US",
    }
}

fn x_site(config: &Config) -> Option<String> {
    config
        .clinic
        .x_handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@'))
        .filter(|h| !h.is_empty())
        .map(|h| format!("@{h}"))
}

fn default_image(config: &Config) -> (Option<String>, Option<usize>, Option<usize>) {
    match &config.image {
        Some(path) => (
            Some(config.absolute_url(&clinote_markdown::links::encode_path(path))),
            None,
            None,
        ),
        None => (None, None, None),
    }
}

/// A doctor is a `Person` and a `Physician`; other staff are a `Person`.
fn person(config: &Config, key: &str) -> Option<Value> {
    let a = config.authors.get(key)?;
    let name = a.name.clone().unwrap_or_else(|| key.to_string());
    let role = a.role.clone().unwrap_or_default();
    let mut p = json!({
        "@type": if is_physician(&role) { json!(["Person", "Physician"]) } else { json!("Person") },
        "name": name,
        "url": config.absolute_url(&format!("authors/{key}/")),
    });
    if !role.is_empty() {
        p["jobTitle"] = json!(role);
    }
    if let Some((src, _)) = crate::render::views::avatar_of(config, a) {
        p["image"] = json!(config.absolute_from_root(&src));
    }
    Some(p)
}

/// Whether a role names a doctor: 医師, 〜科医, 〜医 at the end, or the English words.
pub fn is_physician(role: &str) -> bool {
    let lower = role.to_lowercase();
    role.contains("医師")
        || role.contains("科医")
        || role.trim_end().ends_with('医')
        || ["physician", "doctor", "m.d.", "dr."]
            .iter()
            .any(|w| lower.contains(w))
        || lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "md")
}

/// JSON for a `<script>` element: `<`, `>` and `&` escaped so no `</script>` can close it.
fn script_json(v: &Value) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    // Most pages have none of them: one vector search instead of three copies.
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn physicians() {
        for r in [
            "院長・内科医",
            "副院長・小児科医",
            "医師",
            "歯科医師",
            "Family physician",
            "MD",
        ] {
            assert!(is_physician(r), "{r}");
        }
        for r in ["看護師", "医療事務", "受付", "Nurse", "Receptionist"] {
            assert!(!is_physician(r), "{r}");
        }
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"t": "</script><script>alert(1)</script>&"}));
        assert!(
            !s.contains("</script>") && !s.contains('<') && !s.contains('&'),
            "{s}"
        );
    }
}
