//! What an output folder holds before an update in place: every file, folder and link under
//! it, read once from the folders' listings.
//!
//! The listing gives each entry's type without a `stat` of its own, so one walk tells the
//! update which folders are missing, which files can be compared with the new bytes, and
//! (at the end) which entries the new site no longer has. Before, each of those asked the
//! file system again: about three `statx` per output file and a second walk.
//!
//! A folder that is a mount point (another file system mounted inside the output) is known as
//! a folder, but nothing in it is listed: what is not listed is never removed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// What an entry of the output folder is. Links are never followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
    /// A symbolic link, or anything else that is neither a plain file nor a folder.
    Other,
    /// A folder on another file system (a mount point); only while surveying.
    Mount,
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
        let device = device_of(out);
        let mut entries = list(out, Some(""), device);
        let mut by_key: ahash::AHashMap<String, Kind> = entries
            .iter()
            .filter_map(|e| Some((e.key.clone()?, e.kind)))
            .collect();
        // Mount points: folders to the update, but never listed for removal.
        entries.retain(|e| {
            if e.kind != Kind::Mount {
                return true;
            }
            if let Some(key) = &e.key {
                by_key.insert(key.clone(), Kind::Dir);
            }
            false
        });
        Survey { entries, by_key }
    }

    /// What is at `key` (relative, `/`-separated), if anything.
    pub fn kind(&self, key: &str) -> Option<Kind> {
        self.by_key.get(key).copied()
    }
}

/// The file system `path` is on (`None` where that is not known).
fn device_of(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).ok().map(|m| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The entries under `dir`, whose own key is `prefix` (`None` below a name that is not UTF-8),
/// not going into other file systems than `device`.
fn list(dir: &Path, prefix: Option<&str>, device: Option<u64>) -> Vec<Entry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut here = Vec::new();
    for entry in read.flatten() {
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let kind = if file_type.is_dir() {
            if device.is_some() && device_of(&entry.path()) != device {
                Kind::Mount
            } else {
                Kind::Dir
            }
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
        .map(|e| list(&e.path, e.key.as_deref(), device))
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
