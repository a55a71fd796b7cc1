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
}

pub const ARTICLES_DIR: &str = "content/articles";
pub const PAGES_DIR: &str = "content/pages";

/// Every article and page under `root`.
pub fn discover(root: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    articles_in(&root.join(ARTICLES_DIR), &mut entries)?;
    let pages = root.join(PAGES_DIR);
    if pages.is_dir() {
        for e in WalkDir::new(&pages).min_depth(1).sort_by_file_name() {
            let e = e.map_err(std::io::Error::other)?;
            if e.file_type().is_file() && is_markdown(e.path()) && !is_ignored(e.path()) {
                entries.push(Entry {
                    kind: Kind::Page,
                    path: e.into_path(),
                    bundle_dir: None,
                    assets: Vec::new(),
                });
            }
        }
    }
    Ok(entries)
}

fn articles_in(dir: &Path, out: &mut Vec<Entry>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    children.sort();
    for path in children {
        if is_ignored(&path) {
            continue;
        }
        if path.is_dir() {
            let index = path.join("index.md");
            if index.is_file() {
                out.push(Entry {
                    kind: Kind::Article,
                    assets: bundle_assets(&path)?,
                    path: index,
                    bundle_dir: Some(path),
                });
            } else {
                articles_in(&path, out)?;
            }
        } else if is_markdown(&path) {
            out.push(Entry {
                kind: Kind::Article,
                path,
                bundle_dir: None,
                assets: Vec::new(),
            });
        }
    }
    Ok(())
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
                assets: bundle_assets(d).unwrap_or_default(),
            });
        }
        dir = d.parent();
    }
    is_markdown(path).then(|| Entry {
        kind: Kind::Article,
        path: path.to_path_buf(),
        bundle_dir: None,
        assets: Vec::new(),
    })
}

fn bundle_assets(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut assets = Vec::new();
    for e in WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(e.path()))
    {
        let e = e.map_err(std::io::Error::other)?;
        if e.file_type().is_file()
            && !is_markdown(e.path())
            && let Ok(rel) = e.path().strip_prefix(dir)
        {
            assets.push(rel.to_path_buf());
        }
    }
    Ok(assets)
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
