//! What an output folder holds before an update in place: every file, folder and link under
//! it, read once from the folders' listings.
//!
//! The listing gives each entry's type without a `stat` of its own, so one walk tells the
//! update which folders are missing, which files can be compared with the new bytes, and
//! (at the end) which entries the new site no longer has. Before, each of those asked the
//! file system again: about three `statx` per output file and a second walk.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// What an entry of the output folder is. Links are never followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
    /// A symbolic link, or anything else that is neither a plain file nor a folder.
    Other,
}

/// One entry found under the output folder.
#[derive(Debug)]
pub struct Entry {
    /// Its path relative to the output folder, `/`-separated; `None` when a name on the way
    /// is not UTF-8 (no file of a site has such a name, so it is always stale).
    pub key: Option<String>,
    pub path: PathBuf,
    pub kind: Kind,
}

/// Everything under an output folder, and where to find each entry by its relative path.
#[derive(Debug, Default)]
pub struct Survey {
    pub entries: Vec<Entry>,
    by_key: ahash::AHashMap<String, Kind>,
}

impl Survey {
    /// Lists everything under `out` (the folders on all threads). Folders that cannot be read
    /// are left out, as they are by a removal walk: what cannot be listed cannot be cleaned.
    pub fn of(out: &Path) -> Survey {
        let entries = list(out, Some(""));
        let by_key = entries
            .iter()
            .filter_map(|e| Some((e.key.clone()?, e.kind)))
            .collect();
        Survey { entries, by_key }
    }

    /// What is at `key` (relative, `/`-separated), if anything.
    pub fn kind(&self, key: &str) -> Option<Kind> {
        self.by_key.get(key).copied()
    }
}

/// The entries under `dir`, whose own key is `prefix` (`None` below a name that is not UTF-8).
fn list(dir: &Path, prefix: Option<&str>) -> Vec<Entry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut here = Vec::new();
    for entry in read.flatten() {
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let kind = if file_type.is_dir() {
            Kind::Dir
        } else if file_type.is_file() {
            Kind::File
        } else {
            Kind::Other
        };
        let name = entry.file_name();
        let key = match (prefix, name.to_str()) {
            (Some(""), Some(name)) => Some(name.to_string()),
            (Some(prefix), Some(name)) => Some(format!("{prefix}/{name}")),
            _ => None,
        };
        here.push(Entry {
            key,
            path: entry.path(),
            kind,
        });
    }
    let below: Vec<Vec<Entry>> = here
        .par_iter()
        .filter(|e| e.kind == Kind::Dir)
        .map(|e| list(&e.path, e.key.as_deref()))
        .collect();
    here.extend(below.into_iter().flatten());
    here
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_files_folders_and_links_by_their_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("a/b")).unwrap();
        std::fs::write(out.join("a/b/index.html"), "x").unwrap();
        std::fs::write(out.join("top.html"), "y").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(out.join("a"), out.join("link")).unwrap();
        let survey = Survey::of(out);
        assert_eq!(survey.kind("a"), Some(Kind::Dir));
        assert_eq!(survey.kind("a/b"), Some(Kind::Dir));
        assert_eq!(survey.kind("a/b/index.html"), Some(Kind::File));
        assert_eq!(survey.kind("top.html"), Some(Kind::File));
        assert_eq!(survey.kind("missing.html"), None);
        #[cfg(unix)]
        {
            assert_eq!(survey.kind("link"), Some(Kind::Other));
            // A link to a folder is not walked into.
            assert_eq!(survey.kind("link/b"), None);
        }
        let mut walked: Vec<PathBuf> = walkdir::WalkDir::new(out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect();
        walked.sort();
        let mut listed: Vec<PathBuf> = survey.entries.iter().map(|e| e.path.clone()).collect();
        listed.sort();
        assert_eq!(listed, walked);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn names_that_are_not_utf8_have_no_key() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"odd\xff"));
        std::fs::create_dir(&odd).unwrap();
        std::fs::write(odd.join("inner.html"), "x").unwrap();
        let survey = Survey::of(dir.path());
        assert_eq!(survey.entries.len(), 2);
        assert!(survey.entries.iter().all(|e| e.key.is_none()));
    }
}
