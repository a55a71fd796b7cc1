//! Finds the Markdown files of a site: `content/articles/**.md`, bundles
//! (`content/articles/<name>/index.md` with their files beside them), and `content/pages/*.md`.
//!
//! Hidden files and editors' temporary files (`.#x.md`, `x.md~`, `.x.md.swp`) are skipped, and
//! the result is sorted so that every build sees the same order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Whether a file is an article or a static page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Article,
    Page,
}

/// One Markdown source found on disk.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub path: PathBuf,
    /// The bundle's folder when the file is a bundle's `index.md`.
    pub bundle_dir: Option<PathBuf>,
    /// The bundle's other files, relative to its folder.
    pub assets: Vec<PathBuf>,
    /// Whether a symbolic link lies between the site's folder and the file or one of its
    /// assets: only then can they be outside the site (and must be checked, which costs a
    /// system call per folder on the way).
    pub via_link: bool,
}

pub const ARTICLES_DIR: &str = "content/articles";
pub const PAGES_DIR: &str = "content/pages";

/// Every article and page under `root`.
pub fn discover(root: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let content_linked = is_link(&root.join("content"));
    let articles = root.join(ARTICLES_DIR);
    articles_in(
        &articles,
        content_linked || is_link(&articles),
        &mut entries,
    )?;
    let pages = root.join(PAGES_DIR);
    let pages_linked = content_linked || is_link(&pages);
    if pages.is_dir() {
        for e in WalkDir::new(&pages).min_depth(1).sort_by_file_name() {
            let e = e.map_err(std::io::Error::other)?;
            if e.file_type().is_file() && is_markdown(e.path()) && !is_ignored(e.path()) {
                entries.push(Entry {
                    kind: Kind::Page,
                    via_link: pages_linked || e.path_is_symlink(),
                    path: e.into_path(),
                    bundle_dir: None,
                    assets: Vec::new(),
                });
            }
        }
    }
    Ok(entries)
}

/// The articles under `dir`; `linked` when a symbolic link leads to `dir`.
fn articles_in(dir: &Path, linked: bool, out: &mut Vec<Entry>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    // The entry's own type does not follow links, so it tells which children are links.
    let mut children: Vec<(std::ffi::OsString, PathBuf, std::fs::FileType)> =
        std::fs::read_dir(dir)?
            .map(|e| e.and_then(|e| Ok((e.file_name(), e.path(), e.file_type()?))))
            .collect::<Result<_, _>>()?;
    // By name: the order of the paths, without comparing them part by part.
    children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, path, file_type) in children {
        if is_ignored(&path) {
            continue;
        }
        let is_link = file_type.is_symlink();
        let linked = linked || is_link;
        // Only a link needs a look at what it leads to (a system call per article saved).
        if file_type.is_dir() || (is_link && path.is_dir()) {
            let index = path.join("index.md");
            if index.is_file() {
                let (assets, assets_linked) = bundle_assets(&path)?;
                out.push(Entry {
                    kind: Kind::Article,
                    assets,
                    via_link: linked || assets_linked || self::is_link(&index),
                    path: index,
                    bundle_dir: Some(path),
                });
            } else {
                articles_in(&path, linked, out)?;
            }
        } else if is_markdown(&path) {
            out.push(Entry {
                kind: Kind::Article,
                path,
                bundle_dir: None,
                assets: Vec::new(),
                via_link: linked,
            });
        }
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// The entry a changed path belongs to: the Markdown file itself, or the bundle whose folder
/// holds it. `None` for paths that are not content (or a folder that no longer exists). The
/// entry's file may no longer exist (it was deleted).
pub fn entry_for(root: &Path, path: &Path) -> Option<Entry> {
    if is_ignored(path) {
        return None;
    }
    let articles = root.join(ARTICLES_DIR);
    let pages = root.join(PAGES_DIR);
    if path.starts_with(&pages) {
        return is_markdown(path).then(|| Entry {
            kind: Kind::Page,
            path: path.to_path_buf(),
            bundle_dir: None,
            assets: Vec::new(),
            via_link: true,
        });
    }
    if !path.starts_with(&articles) || path == articles {
        return None;
    }
    // The nearest folder below content/articles/ that is a bundle.
    let start = if path.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    let mut dir = start;
    while let Some(d) = dir {
        if d == articles || !d.starts_with(&articles) {
            break;
        }
        if d.join("index.md").is_file() {
            return Some(Entry {
                kind: Kind::Article,
                path: d.join("index.md"),
                bundle_dir: Some(d.to_path_buf()),
                assets: bundle_assets(d).map(|(a, _)| a).unwrap_or_default(),
                // One file at a time (the preview): always checked.
                via_link: true,
            });
        }
        dir = d.parent();
    }
    is_markdown(path).then(|| Entry {
        kind: Kind::Article,
        path: path.to_path_buf(),
        bundle_dir: None,
        assets: Vec::new(),
        via_link: true,
    })
}

/// A bundle's files beside its `index.md`, and whether any of them (or a folder on the way)
/// is a symbolic link.
fn bundle_assets(dir: &Path) -> std::io::Result<(Vec<PathBuf>, bool)> {
    let mut assets = Vec::new();
    let mut linked = false;
    for e in WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(e.path()))
    {
        let e = e.map_err(std::io::Error::other)?;
        linked |= e.path_is_symlink();
        if e.file_type().is_file()
            && !is_markdown(e.path())
            && let Ok(rel) = e.path().strip_prefix(dir)
        {
            assets.push(rel.to_path_buf());
        }
    }
    Ok((assets, linked))
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Hidden files and editors' temporary and backup files.
pub fn is_ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_articles_bundles_and_pages() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let w = |p: &str| {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        };
        w("content/articles/b.md");
        w("content/articles/a.md");
        w("content/articles/.hidden.md");
        w("content/articles/a.md~");
        w("content/articles/2026/nested.md");
        w("content/articles/bundle/index.md");
        w("content/articles/bundle/photo.png");
        w("content/articles/bundle/img/inner.jpg");
        w("content/articles/bundle/notes.md");
        w("content/pages/about.md");
        let found = discover(root).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|e| e.path.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "content/articles/2026/nested.md",
                "content/articles/a.md",
                "content/articles/b.md",
                "content/articles/bundle/index.md",
                "content/pages/about.md"
            ]
        );
        let bundle = &found[3];
        assert_eq!(
            bundle.assets,
            [PathBuf::from("img/inner.jpg"), PathBuf::from("photo.png")]
        );
        assert_eq!(found[4].kind, Kind::Page);

        // Which entry a changed path belongs to.
        let e = entry_for(root, &root.join("content/articles/bundle/photo.png")).unwrap();
        assert_eq!(e.path, root.join("content/articles/bundle/index.md"));
        assert_eq!(e.assets.len(), 2);
        let e = entry_for(root, &root.join("content/articles/a.md")).unwrap();
        assert!(e.bundle_dir.is_none());
        let e = entry_for(root, &root.join("content/articles/gone.md")).unwrap();
        assert!(!e.path.exists());
        assert!(entry_for(root, &root.join("content/articles/a.md~")).is_none());
        assert!(entry_for(root, &root.join("static/x.png")).is_none());
        assert_eq!(
            entry_for(root, &root.join("content/pages/about.md"))
                .unwrap()
                .kind,
            Kind::Page
        );
    }
}
