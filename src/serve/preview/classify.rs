//! Sorting a batch of changed paths by what they are: the config, a template or the theme, a
//! static file, an article or page (or a folder of them that went away).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clinote_diagnostic::display_path;
use clinote_site::content::discover;

/// What one batch of changed paths touched.
pub(super) enum Edit {
    /// `clinote.toml`: everything is loaded again.
    Config,
    Files(Touched),
}

/// The site's files in one batch, by kind.
#[derive(Default)]
pub(super) struct Touched {
    /// The files that matter, for the terminal (not an editor's or a tool's temporary files).
    pub causes: Vec<String>,
    /// A template or a file of the theme.
    pub theme: bool,
    /// Static files (of the site or the theme), as output paths, and where they are.
    pub statics: Vec<String>,
    pub static_files: Vec<PathBuf>,
    /// Articles and pages, by their source file.
    pub entries: BTreeMap<PathBuf, discover::Entry>,
    /// Folders under `content/` that went away.
    pub removed_dirs: Vec<PathBuf>,
}

/// Sorts `paths` for the site at `root` using the theme `theme_name`.
pub(super) fn classify(root: &Path, theme_name: &str, paths: &[PathBuf]) -> Edit {
    let config_file = root.join(clinote_site::config::CONFIG_FILE);
    let theme_dir = root.join("themes").join(theme_name);
    let mut touched = Touched::default();
    for path in paths {
        if discover::is_ignored(path) {
            continue;
        }
        if *path == config_file {
            return Edit::Config;
        }
        if let Ok(rel) = path
            .strip_prefix(root.join("static"))
            .or_else(|_| path.strip_prefix(theme_dir.join("static")))
        {
            touched.statics.push(display_path(Path::new(""), rel));
            touched.static_files.push(path.clone());
            touched.causes.push(display_path(root, path));
        } else if path.starts_with(root.join("templates")) || path.starts_with(&theme_dir) {
            touched.theme = true;
            touched.causes.push(display_path(root, path));
        } else if path.starts_with(root.join("content")) {
            match discover::entry_for(root, path) {
                Some(e) => {
                    touched.causes.push(display_path(root, &e.path));
                    touched.entries.insert(e.path.clone(), e);
                }
                None if !path.exists() => touched.removed_dirs.push(path.clone()),
                None => {}
            }
        }
    }
    Edit::Files(touched)
}
