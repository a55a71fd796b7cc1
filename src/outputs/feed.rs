//! RSS 2.0 feeds with the `rss` crate: the site's (`feed.xml`) and one per tag
//! (`tags/<tag>/feed.xml`). Newest first, `[feed] limit` items, the summary as `description`,
//! the whole article in `content:encoded` unless `full_content = false`, dates in RFC 2822.

use rss::extension::Extension;
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::markdown::links::encode_path;
use crate::site::Site;

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
) -> String {
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
    channel.to_string()
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
        description: Some(crate::markdown::escape_html(&a.summary)),
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

/// Makes root-relative `href` and `src` URLs absolute, as feed readers need.
fn absolutize(html: &str, config: &crate::config::Config) -> String {
    let origin = config.base_url.origin().ascii_serialization();
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
        .replace(&format!("href=\"{origin}//"), "href=\"//")
        .replace(&format!("src=\"{origin}//"), "src=\"//")
}
