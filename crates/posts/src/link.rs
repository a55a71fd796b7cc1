//! The links teasers end with: the canonical URL, ASCII only, with UTM parameters.
//!
//! X and LINE stop a link at the first Japanese character (`https://example.com/花粉症` links
//! only `https://example.com/`), so the URL is parsed and re-serialised by the `url` crate,
//! which percent-encodes the path and punycodes the host. The parameters follow the
//! rulebook (§7): `utm_source=x|line`, `utm_medium=social` (GA4 files it under Organic
//! Social), `utm_campaign=<slug>` and, on X, `utm_content=v<N>` to compare variants. They go
//! before any `#fragment`.

use url::Url;

/// Where a link will be posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// An X post; the number is the variant (1-based).
    X(usize),
    Line,
}

/// The canonical URL as ASCII, or `None` when it is not an absolute http(s) URL.
pub(crate) fn canonical(raw: &str) -> Option<String> {
    let url = Url::parse(raw.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The link for one post: the canonical URL, plus UTM parameters when `utm` is on.
pub(crate) fn tracked(canonical: &str, slug: &str, source: Source, utm: bool) -> String {
    with_utm(Url::parse(canonical).ok(), canonical, slug, source, utm)
}

/// [`tracked`], with `canonical` already parsed (`None` when it does not parse), for the
/// links of several posts.
pub(crate) fn with_utm(
    parsed: Option<Url>,
    canonical: &str,
    slug: &str,
    source: Source,
    utm: bool,
) -> String {
    let Some(mut url) = parsed else {
        return canonical.to_string();
    };
    if utm {
        let mut q = url.query_pairs_mut();
        match source {
            Source::X(variant) => {
                q.append_pair("utm_source", "x")
                    .append_pair("utm_medium", "social")
                    .append_pair("utm_campaign", slug)
                    .append_pair("utm_content", &format!("v{variant}"));
            }
            Source::Line => {
                q.append_pair("utm_source", "line")
                    .append_pair("utm_medium", "social")
                    .append_pair("utm_campaign", slug);
            }
        }
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_utm_before_the_fragment() {
        let c = canonical("https://example-clinic.jp/blog/花粉症/#top").unwrap();
        assert_eq!(
            c,
            "https://example-clinic.jp/blog/%E8%8A%B1%E7%B2%89%E7%97%87/#top"
        );
        assert_eq!(
            tracked(&c, "kafun", Source::X(2), true),
            "https://example-clinic.jp/blog/%E8%8A%B1%E7%B2%89%E7%97%87/?utm_source=x&utm_medium=social\
             &utm_campaign=kafun&utm_content=v2#top"
        );
        assert_eq!(tracked(&c, "kafun", Source::X(2), false), c);
        assert_eq!(
            tracked("https://a.jp/p?x=1", "花粉", Source::Line, true),
            "https://a.jp/p?x=1&utm_source=line&utm_medium=social&utm_campaign=%E8%8A%B1%E7%B2%89"
        );
        assert_eq!(canonical("/relative/path"), None);
        assert_eq!(canonical("mailto:a@b.jp"), None);
        assert_eq!(
            canonical("https://クリニック.jp/a").as_deref(),
            Some("https://xn--pcka3d5a7l.jp/a")
        );
    }
}
