//! Every internal link and image of the built demo site resolves to a file in the output,
//! whether the site lives under a path (`/blog/`) or at the root of its host.

use std::collections::BTreeMap;

use percent_encoding::percent_decode_str;

use crate::support::*;

fn check_links(base_url: &str, base_path: &str) {
    let out = tempfile::tempdir().unwrap();
    let target = build_demo(out.path(), &["--base-url", base_url]);
    let files = tree(&target);
    let origin = base_url
        .trim_end_matches('/')
        .trim_end_matches(base_path.trim_end_matches('/'));
    let mut broken: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let ids: Vec<String> = ids(&html);
        for link in links(&html) {
            let local = if let Some(rest) = link.strip_prefix(origin) {
                if !rest.starts_with(base_path) {
                    // Same host, outside the blog (the clinic's own homepage): not ours to check.
                    continue;
                }
                rest.to_string()
            } else if link.starts_with('/') && !link.starts_with("//") {
                link.clone()
            } else if let Some(fragment) = link.strip_prefix('#') {
                let id = percent_decode_str(fragment)
                    .decode_utf8_lossy()
                    .into_owned();
                if !ids.contains(&id) {
                    broken.entry(path.clone()).or_default().push(link.clone());
                }
                continue;
            } else if link.starts_with("http")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            } else {
                // Relative to the page's own folder (pages are written with relative links).
                let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
                let joined = format!(
                    "{base_path}{folder}{}{link}",
                    if folder.is_empty() { "" } else { "/" }
                );
                let mut parts: Vec<&str> = Vec::new();
                for p in joined.split('/') {
                    match p {
                        ".." => {
                            parts.pop();
                        }
                        "." => {}
                        other => parts.push(other),
                    }
                }
                let mut resolved = parts.join("/");
                if link.ends_with('/') || link == "." || link.ends_with("/.") {
                    resolved = format!("{}/", resolved.trim_end_matches('/'));
                }
                if !resolved.starts_with('/') {
                    resolved.insert(0, '/');
                }
                resolved
            };
            let Some(in_site) = local.strip_prefix(base_path) else {
                broken.entry(path.clone()).or_default().push(link.clone());
                continue;
            };
            let in_site = in_site.split(['#', '?']).next().unwrap_or("");
            let mut file = percent_decode_str(in_site).decode_utf8_lossy().into_owned();
            if file.is_empty() || file.ends_with('/') {
                file.push_str("index.html");
            }
            checked += 1;
            if !files.contains_key(&file) {
                broken.entry(path.clone()).or_default().push(link.clone());
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links under {base_url}: {broken:#?}"
    );
    assert!(checked > 500, "only {checked} links checked");
}

fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
        }
    }
    out
}

#[test]
fn internal_links_resolve_under_a_sub_path() {
    check_links("https://midori.example.jp/blog/", "/blog/");
}

#[test]
fn internal_links_resolve_at_the_host_root() {
    check_links("https://example.org/", "/");
}

#[test]
fn internal_links_resolve_under_a_deep_path_with_a_port() {
    check_links("http://localhost:8080/sites/midori/", "/sites/midori/");
}
