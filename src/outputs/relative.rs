//! Page-relative links: `/blog/style.css` written as `../../style.css` in
//! `articles/x/index.html`.
//!
//! Pages then work wherever the folder is put (any sub-path, whatever `base_url` said) and
//! from `file://` for stylesheets, scripts and images. Absolute addresses stay where they must
//! be absolute (canonical, OpenGraph, feeds, sitemap, JSON-LD). The 404 page keeps
//! root-relative links: a host serves it at any depth.

/// Rewrites attribute values that start with `base_path` into paths relative to the page at
/// `page` (its output path, e.g. `articles/x/index.html`).
pub fn relativize(html: &str, page: &str, base_path: &str) -> String {
    let depth = page.matches('/').count();
    let up = "../".repeat(depth);
    let needle = format!("=\"{base_path}");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        // `//host/…` is protocol-relative, not a path of this site.
        if base_path == "/" && after.starts_with('/') {
            out.push_str(&rest[..i + needle.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        out.push_str("=\"");
        if up.is_empty() {
            // A page at the root: `/blog/x` → `./x`, and `/blog/` itself → `./`.
            out.push_str("./");
        } else {
            out.push_str(&up);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_site_paths_by_depth() {
        let html = r#"<a href="/blog/">home</a><link href="/blog/style.css"><img src="/blog/a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#;
        assert_eq!(
            relativize(html, "articles/x/index.html", "/blog/"),
            r#"<a href="../../">home</a><link href="../../style.css"><img src="../../a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#
        );
        assert_eq!(
            relativize(html, "index.html", "/blog/"),
            r#"<a href="./">home</a><link href="./style.css"><img src="./a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#
        );
    }

    #[test]
    fn root_sites_keep_protocol_relative_links() {
        let html = r#"<a href="/about/">a</a><script src="//cdn.example/x.js"></script><form action="/search/">"#;
        assert_eq!(
            relativize(html, "tags/x/index.html", "/"),
            r#"<a href="../../about/">a</a><script src="//cdn.example/x.js"></script><form action="../../search/">"#
        );
    }
}
