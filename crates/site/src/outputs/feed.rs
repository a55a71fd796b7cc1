//! RSS 2.0 feeds with the `rss` crate: the site's (`feed.xml`) and one per tag
//! (`tags/<tag>/feed.xml`). Newest first, `[feed] limit` items, the summary as `description`,
//! the whole article in `content:encoded` unless `full_content = false`, dates in RFC 2822.

use rss::extension::Extension;
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::site::Site;
use clinote_markdown::links::encode_path;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// `<atom:link rel="self">`, which feed validators ask for; written through the generic
/// extension map because the crate's `atom` feature would pull in chrono and derive_builder.
fn self_link(href: &str) -> rss::extension::ExtensionMap {
    let link = Extension {
        name: "atom:link".to_string(),
        value: None,
        attrs: [
            ("href".to_string(), href.to_string()),
            ("rel".to_string(), "self".to_string()),
            ("type".to_string(), "application/rss+xml".to_string()),
        ]
        .into(),
        children: Default::default(),
    };
    [(
        "atom".to_string(),
        [("link".to_string(), vec![link])].into(),
    )]
    .into()
}

/// The feed of the given articles (indices into `site.articles`, newest first).
pub fn feed(
    site: &Site,
    indices: &[usize],
    title: &str,
    link_path: &str,
    feed_path: &str,
) -> Vec<u8> {
    let config = &site.config;
    let items: Vec<Item> = indices
        .iter()
        .take(config.feed.limit)
        .map(|&i| item(site, i))
        .collect();
    let last_build = indices
        .first()
        .and_then(|&i| site.articles[i].meta.date.as_ref())
        .map(crate::dates::rfc2822);
    // The feed is mostly its items' text: room for it up front saves growing the buffer
    // (and copying the feed so far) a dozen times.
    let room: usize = items
        .iter()
        .map(|it| {
            let text = |t: &Option<String>| t.as_ref().map_or(0, String::len);
            text(&it.content) + text(&it.description) + text(&it.title) + 512
        })
        .sum();
    let channel = Channel {
        title: title.to_string(),
        link: config.absolute_url(link_path),
        description: if config.description.is_empty() {
            config.title.clone()
        } else {
            config.description.clone()
        },
        language: Some(config.language.code().to_string()),
        last_build_date: last_build.clone(),
        pub_date: last_build,
        generator: Some("clinote".to_string()),
        items,
        namespaces: [("atom".to_string(), ATOM_NS.to_string())].into(),
        extensions: self_link(&config.absolute_url(feed_path)),
        ..Default::default()
    };
    // Bytes, not `to_string`: that checks the whole feed is UTF-8 once more and copies it
    // (two thirds of the time of a feed of full articles). Writing into memory cannot fail
    // but on a bug in the writer, which `to_string` would turn into an empty feed too.
    let mut xml = channel
        .write_to(Vec::with_capacity(room + 2048))
        .unwrap_or_default();
    crate::render::xml_chars::make_valid(&mut xml);
    xml
}

fn item(site: &Site, i: usize) -> Item {
    let config = &site.config;
    let a = &site.articles[i];
    let url = config.absolute_url(&encode_path(&a.url_path));
    let author_name = a
        .author
        .as_deref()
        .and_then(|k| config.authors.get(k))
        .and_then(|au| au.name.clone());
    Item {
        title: Some(a.meta.title.clone()),
        link: Some(url.clone()),
        // Readers render `description` as HTML; the summary is text, so it is escaped.
        description: Some(clinote_markdown::escape_html(&a.summary)),
        guid: Some(Guid {
            value: url,
            permalink: true,
        }),
        pub_date: a.meta.date.as_ref().map(crate::dates::rfc2822),
        categories: a
            .meta
            .tags
            .iter()
            .map(|t| Category {
                name: t.clone(),
                domain: None,
            })
            .collect(),
        content: config
            .feed
            .full_content
            .then(|| absolutize(&a.rendered.html, config)),
        dublin_core_ext: author_name.map(|name| DublinCoreExtension {
            creators: vec![name],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Makes root-relative `href` and `src` URLs absolute, as feed readers need (protocol-relative
/// `//host/` ones stay as they are). One pass over the HTML.
fn absolutize(html: &str, config: &crate::config::Config) -> String {
    with_origin(html, &config.base_url.origin().ascii_serialization())
}

fn with_origin(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut done = 0;
    // `src`, `href`, and every address of a `srcset` (`a.w480.jpg 480w, /b/a.w800.jpg 800w`).
    let mut at: Vec<usize> = memchr::memmem::find_iter(html.as_bytes(), b"=\"/")
        .filter(|&at| {
            let attr = &html[..at];
            attr.ends_with("href") || attr.ends_with("src") || attr.ends_with("srcset")
        })
        .map(|at| at + 2)
        .chain(
            memchr::memmem::find_iter(html.as_bytes(), b"w, /")
                .filter(|&at| at > 0 && html.as_bytes()[at - 1].is_ascii_digit())
                .map(|at| at + 3),
        )
        .collect();
    at.sort_unstable();
    for at in at {
        if !html[at + 1..].starts_with('/') {
            out.push_str(&html[done..at]);
            out.push_str(origin);
            done = at;
        }
    }
    out.push_str(&html[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::with_origin;

    #[test]
    fn every_address_of_a_srcset_gets_the_origin() {
        let html = "<source srcset=\"/b/a.w480.webp 480w, /b/a.w800.webp 800w\">Now, /b/ stays";
        assert_eq!(
            with_origin(html, "https://c.jp"),
            "<source srcset=\"https://c.jp/b/a.w480.webp 480w, https://c.jp/b/a.w800.webp 800w\">Now, /b/ stays"
        );
    }

    #[test]
    fn root_relative_addresses_get_the_origin_and_others_stay() {
        let html = "<a href=\"/blog/a/\">a</a><img src=\"/img/b.png\" alt=\"x=\"/y\">\
                    <a href=\"//cdn.example/c\">c</a><a href=\"https://x.jp/\">d</a>\
                    <a data-href=\"/e\" title=\"/f\">e</a>";
        assert_eq!(
            with_origin(html, "https://clinic.jp"),
            "<a href=\"https://clinic.jp/blog/a/\">a</a><img src=\"https://clinic.jp/img/b.png\" alt=\"x=\"/y\">\
             <a href=\"//cdn.example/c\">c</a><a href=\"https://x.jp/\">d</a>\
             <a data-href=\"https://clinic.jp/e\" title=\"/f\">e</a>"
        );
    }
}
