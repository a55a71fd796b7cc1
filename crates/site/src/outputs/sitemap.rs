//! `sitemap.xml` (every HTML page but 404, with `lastmod` for articles and pages) and
//! `robots.txt` pointing at it.

use std::collections::HashMap;
use std::fmt::Write;

use crate::site::Site;
use clinote_markdown::links::encode_path;

/// The sitemap of the given output paths (`articles/x/index.html`, …).
pub fn sitemap<'a>(site: &Site, html_paths: impl IntoIterator<Item = &'a str>) -> String {
    let config = &site.config;
    let lastmod: HashMap<&str, String> = site
        .articles
        .iter()
        .chain(&site.pages)
        .filter_map(|a| {
            let date = a.meta.updated.as_ref().or(a.meta.date.as_ref())?;
            Some((a.url_path.as_str(), crate::dates::rfc3339(date)))
        })
        .collect();
    let mut urls: Vec<(String, Option<&String>)> = html_paths
        .into_iter()
        // Pages that ask not to be indexed stay out: the 404 page and the staff's teaser pages.
        .filter(|p| {
            *p != "404.html"
                && *p != "search/index.html"
                && !p.starts_with(super::teasers::TEASERS_DIR)
        })
        .map(|p| {
            let folder = p.strip_suffix("index.html").unwrap_or(p);
            (folder.to_string(), lastmod.get(folder))
        })
        .collect();
    urls.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (folder, lastmod) in urls {
        let loc = config.absolute_url(&encode_path(&folder));
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", escape_xml(&loc));
        if let Some(m) = lastmod {
            let _ = writeln!(xml, "    <lastmod>{m}</lastmod>");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.absolute_url("sitemap.xml")
    )
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
