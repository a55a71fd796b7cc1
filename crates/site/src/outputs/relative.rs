//! Page-relative links: `/blog/style.css` written as `../../style.css` in
//! `articles/x/index.html`.
//!
//! Pages then work wherever the folder is put (any sub-path, whatever `base_url` said) and
//! from `file://` for stylesheets, scripts and images. Absolute addresses stay where they must
//! be absolute (canonical, OpenGraph, feeds, sitemap, JSON-LD). The 404 page keeps
//! root-relative links: a host serves it at any depth.

/// Rewrites attribute values that start with `base_path` into paths relative to the page at
/// `page` (its output path, e.g. `articles/x/index.html`).
pub fn relativize(html: &[u8], page: &str, base_path: &str) -> Vec<u8> {
    let depth = page.matches('/').count();
    // A page at the root: `/blog/x` → `./x`, and `/blog/` itself → `./`.
    let up = if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    };
    let needle = format!("=\"{base_path}");
    // The second and later addresses of a `srcset` (`a.w480.jpg 480w, /blog/a.w800.jpg 800w`).
    let in_srcset = format!("w, {base_path}");
    let mut at: Vec<(usize, usize)> = memchr::memmem::find_iter(html, needle.as_bytes())
        .map(|i| (i, 2))
        .chain(
            memchr::memmem::find_iter(html, in_srcset.as_bytes())
                .filter(|&i| i > 0 && html[i - 1].is_ascii_digit())
                .map(|i| (i, 3)),
        )
        .collect();
    at.sort_unstable();
    let mut out = Vec::with_capacity(html.len());
    let mut copied = 0;
    for (i, kept) in at {
        let after = i + kept + base_path.len();
        // `//host/…` is protocol-relative, not a path of this site.
        if base_path == "/" && html.get(after) == Some(&b'/') {
            continue;
        }
        out.extend_from_slice(&html[copied..i + kept]);
        out.extend_from_slice(up.as_bytes());
        copied = after;
    }
    out.extend_from_slice(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_site_paths_by_depth() {
        let html = r#"<a href="/blog/">home</a><link href="/blog/style.css"><img src="/blog/a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#;
        let set = r#"<img srcset="/blog/a.w480.jpg 480w, /blog/a.w800.jpg 800w">Now, /blog/ stays"#;
        assert_eq!(
            relativize(set.as_bytes(), "x/index.html", "/blog/"),
            r#"<img srcset="../a.w480.jpg 480w, ../a.w800.jpg 800w">Now, /blog/ stays"#.as_bytes()
        );
        assert_eq!(
            relativize(html.as_bytes(), "articles/x/index.html", "/blog/"),
            r#"<a href="../../">home</a><link href="../../style.css"><img src="../../a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#.as_bytes()
        );
        assert_eq!(
            relativize(html.as_bytes(), "index.html", "/blog/"),
            r#"<a href="./">home</a><link href="./style.css"><img src="./a%20b.png"><a href="https://e.jp/blog/x">abs</a>"#.as_bytes()
        );
    }

    #[test]
    fn root_sites_keep_protocol_relative_links() {
        let html = r#"<a href="/about/">a</a><script src="//cdn.example/x.js"></script><form action="/search/">"#;
        assert_eq!(
            relativize(html.as_bytes(), "tags/x/index.html", "/"),
            r#"<a href="../../about/">a</a><script src="//cdn.example/x.js"></script><form action="../../search/">"#.as_bytes()
        );
    }
}
