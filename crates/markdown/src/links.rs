//! Where links and images in an article point, and the files behind them.
//!
//! Writers use three kinds of addresses:
//! - external ones (`https://…`, `mailto:`, `tel:`, `#anchor`), kept as written;
//! - site paths starting with `/` (`/images/stretch.png`), relative to the site's base URL and
//!   so rewritten under its path (`/blog/images/stretch.png`), with the file looked up in
//!   `static/`;
//! - relative paths: a file beside the article in its bundle, else one in `static/`, else kept
//!   as written (relative to the page);
//! - another article's Markdown file (`winter-hand-washing.md`, relative to this one), which
//!   becomes that article's address, so links follow a slug change.
//!
//! Output URLs are root-relative (`/blog/articles/x/photo.png`) so the same HTML works on the
//! article page, in lists and, made absolute, in feeds.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// What the renderer needs to know about the page being rendered.
#[derive(Debug, Clone)]
pub struct LinkContext<'a> {
    /// The path part of the base URL (`/blog/`).
    pub base_path: &'a str,
    /// The page's own folder relative to the base (`articles/winter/`).
    pub page_path: &'a str,
    /// The bundle folder, when the article is a bundle.
    pub bundle_dir: Option<&'a Path>,
    /// Folders whose files are served at the site root, highest priority first.
    pub static_dirs: &'a [PathBuf],
    /// The folder of the file being rendered, for links to other Markdown files.
    pub source_dir: Option<&'a Path>,
    /// Every article and page by source file, for links by Markdown path and link cards.
    pub targets: Option<&'a LinkTargets>,
    /// The site's absolute base URL (`https://example.jp/blog/`), to recognise its own
    /// addresses written in full.
    pub site_url: Option<&'a str>,
    /// How photos are published (`[images]`): with them, a local JPEG, PNG or WebP is written
    /// as a `<picture>` of several widths; without, as one `<img>`.
    pub images: Option<&'a clinote_images::Settings>,
}

/// What a link to another article needs: where it is and what its card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// Folder relative to the base URL (`articles/winter/`).
    pub url_path: String,
    pub title: String,
    pub description: String,
    /// Root-relative URL of the cover image.
    pub cover: Option<String>,
    /// The cover's widths (`srcset`) in its own format and in WebP, when it is a photo.
    pub cover_srcset: Option<String>,
    pub cover_webp_srcset: Option<String>,
}

/// Articles and pages by their source file (absolute, as found on disk).
pub type LinkTargets = HashMap<PathBuf, LinkTarget>;

/// A resolved address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The URL to write in the output.
    pub url: String,
    /// The local file behind it, when there is one.
    pub file: Option<PathBuf>,
    /// Whether the address points inside the site (so a missing file is worth a warning).
    pub local: bool,
    /// For a link to another Markdown file: that file, and whether it is a known article.
    pub markdown: Option<(PathBuf, bool)>,
}

/// Characters escaped in URL paths we write: controls, space and the few that break HTML or
/// URLs. Non-ASCII is always percent-encoded (X and LINE cut links at the first Japanese
/// character).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Percent-encodes a URL path (keeps `/`, `%`, `#`, `?` as they are).
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Addresses that run code when followed (`javascript:`, `vbscript:`, `data:` other than images).
pub fn is_unsafe(dest: &str) -> bool {
    let lower: String = dest
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || (lower.starts_with("data:") && !lower.starts_with("data:image/"))
}

pub fn is_external(dest: &str) -> bool {
    dest.starts_with('#')
        || dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Resolves `dest` as written in the article.
pub fn resolve(ctx: &LinkContext<'_>, dest: &str) -> Resolved {
    if dest.is_empty() || is_external(dest) {
        return Resolved {
            url: dest.to_string(),
            file: None,
            local: false,
            markdown: None,
        };
    }
    let (path, suffix) = split_suffix(dest);
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    if is_markdown_path(&decoded) && !decoded.starts_with('/') {
        return resolve_markdown(ctx, &decoded, suffix);
    }
    if let Some(site_path) = decoded.strip_prefix('/') {
        let file = find_in(ctx.static_dirs, site_path);
        return Resolved {
            url: format!("{}{}{}", ctx.base_path, encode_path(site_path), suffix),
            file,
            local: true,
            markdown: None,
        };
    }
    let relative = decoded.trim_start_matches("./");
    if let Some(bundle) = ctx.bundle_dir {
        let candidate = bundle.join(relative);
        if candidate.is_file() && !relative.contains("..") {
            return Resolved {
                url: format!(
                    "{}{}{}{}",
                    ctx.base_path,
                    ctx.page_path,
                    encode_path(relative),
                    suffix
                ),
                file: Some(candidate),
                local: true,
                markdown: None,
            };
        }
    }
    if !relative.starts_with("..")
        && let Some(file) = find_in(ctx.static_dirs, relative)
    {
        return Resolved {
            url: format!("{}{}{}", ctx.base_path, encode_path(relative), suffix),
            file: Some(file),
            local: true,
            markdown: None,
        };
    }
    Resolved {
        url: format!("{}{}", encode_path(path), suffix),
        file: None,
        local: true,
        markdown: None,
    }
}

fn is_markdown_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// A link to another Markdown file: that article's address, or the link as written (broken).
fn resolve_markdown(ctx: &LinkContext<'_>, path: &str, suffix: &str) -> Resolved {
    let file = ctx
        .source_dir
        .map(|dir| dir.join(path))
        .map(|p| normalize_lexically(&p));
    let target = file
        .as_ref()
        .and_then(|f| ctx.targets.and_then(|t| t.get(f)));
    match (file, target) {
        (Some(f), Some(t)) => Resolved {
            url: format!("{}{}{}", ctx.base_path, encode_path(&t.url_path), suffix),
            file: None,
            local: true,
            markdown: Some((f, true)),
        },
        (f, _) => Resolved {
            url: format!("{}{}", encode_path(path), suffix),
            file: None,
            local: true,
            markdown: Some((f.unwrap_or_else(|| PathBuf::from(path)), false)),
        },
    }
}

/// `a/b/../c` → `a/c`, without touching the disk (the file may not exist).
pub fn normalize_lexically(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Width and height of a local image, when its header can be read.
pub fn image_size(file: &Path) -> Option<(usize, usize)> {
    imagesize::size(file).ok().map(|s| (s.width, s.height))
}

fn find_in(dirs: &[PathBuf], relative: &str) -> Option<PathBuf> {
    if relative.is_empty() || relative.split('/').any(|p| p == "..") {
        return None;
    }
    dirs.iter().map(|d| d.join(relative)).find(|p| p.is_file())
}

/// Splits `path?query#fragment` into the path and the rest.
fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['?', '#']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_and_rewrites() {
        let dir = tempfile::tempdir().unwrap();
        let stat = dir.path().join("static");
        let bundle = dir.path().join("bundle");
        std::fs::create_dir_all(stat.join("images")).unwrap();
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::write(stat.join("images/a b.png"), b"x").unwrap();
        std::fs::write(bundle.join("写真.png"), b"x").unwrap();
        let dirs = vec![stat.clone()];
        let mut targets = LinkTargets::new();
        targets.insert(
            dir.path().join("content/articles/winter.md"),
            LinkTarget {
                url_path: "articles/winter-hands/".into(),
                title: "冬".into(),
                description: String::new(),
                cover: None,
                cover_srcset: None,
                cover_webp_srcset: None,
            },
        );
        let articles = dir.path().join("content/articles");
        let ctx = LinkContext {
            base_path: "/blog/",
            page_path: "articles/flu/",
            bundle_dir: Some(&bundle),
            static_dirs: &dirs,
            source_dir: Some(&articles),
            targets: Some(&targets),
            site_url: Some("https://example.jp/blog/"),
            images: None,
        };
        let r = resolve(&ctx, "https://example.com/x");
        assert_eq!(r.url, "https://example.com/x");
        assert!(!r.local);
        assert!(!resolve(&ctx, "#top").local);
        assert!(!resolve(&ctx, "mailto:a@b.jp").local);

        let r = resolve(&ctx, "/images/a%20b.png");
        assert_eq!(r.url, "/blog/images/a%20b.png");
        assert!(r.file.is_some());

        let r = resolve(&ctx, "写真.png");
        assert_eq!(r.url, "/blog/articles/flu/%E5%86%99%E7%9C%9F.png");
        assert!(r.file.is_some());

        let r = resolve(&ctx, "images/a b.png");
        assert_eq!(r.url, "/blog/images/a%20b.png");

        let r = resolve(&ctx, "../other/#x");
        assert_eq!(r.url, "../other/#x");
        assert!(r.file.is_none());

        let r = resolve(&ctx, "/about/#map");
        assert_eq!(r.url, "/blog/about/#map");

        let r = resolve(&ctx, "winter.md#コツ");
        assert_eq!(r.url, "/blog/articles/winter-hands/#コツ");
        assert!(r.markdown.as_ref().unwrap().1);
        let r = resolve(&ctx, "./sub/../winter.md");
        assert_eq!(r.url, "/blog/articles/winter-hands/");
        let r = resolve(&ctx, "wintr.md");
        assert!(!r.markdown.unwrap().1);
    }
}
