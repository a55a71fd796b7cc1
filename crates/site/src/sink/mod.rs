//! Where a build may write, and writing there without ever losing the last good output.
//!
//! A [`Sink`] takes the files as they are made: `write` puts them on disk (only what changed,
//! staged then renamed in; see there), [`Memory`] keeps them for the preview;
//! `survey` lists what an output folder held before an update in place, and `lock` keeps two
//! builds of one site, or two builds into one output folder, from writing at once. clinote deletes nothing outside the
//! output folder, and refuses an output folder that is the site itself, one of its source
//! folders, one that contains the site, or a non-empty folder it did not create (recognised by
//! its marker file) unless forced.

mod lock;
mod survey;
mod write;

use std::path::{Path, PathBuf};

use clinote_diagnostic::{Bilingual, Diagnostic, Location};

pub use lock::{BuildLock, LOCK_FILE, OutputLock};
pub use write::{
    JOURNAL, MARKER, STAGING, SourceUnreadable, StaleNotRemoved, Update, WriteStats, recover,
    write_all,
};

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Bytes(Vec<u8>),
    Copy(PathBuf),
    Static(&'static [u8]),
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub data: Data,
}

/// The preview's output, kept in memory: path → file. A persistent map, so that a snapshot
/// per rebuild costs O(1), not O(site).
pub type FileMap = imbl::HashMap<String, std::sync::Arc<Data>>;

/// Where the files a build makes go, from any thread as they are made: a folder on disk
/// ([`Update`]) or memory ([`Memory`], the preview).
pub trait Sink: Sync {
    fn put_file(&self, file: OutputFile) -> std::io::Result<()>;
}

impl Sink for Update {
    fn put_file(&self, file: OutputFile) -> std::io::Result<()> {
        self.put(&file)
    }
}

/// Output files kept in memory.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files put, by path.
    pub fn into_files(self) -> FileMap {
        self.0
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|f| (f.path, std::sync::Arc::new(f.data)))
            .collect()
    }
}

impl Sink for Memory {
    fn put_file(&self, file: OutputFile) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// Checks that `out` may be (re)written by a build of the site at `root`.
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let out = normalize(out);
    let shown = out.display().to_string();
    let refuse = |ja: String, en: String| {
        Err(Diagnostic::error(Bilingual::new(ja, en))
            .at(Location::file(shown.clone()))
            .help(Bilingual::new(
                "`--output public` のように、サイト専用の書き出し先を指定してください。",
                "choose a folder of its own for the output, e.g. `--output public`",
            )))
    };
    if root.starts_with(&out) {
        return refuse(
            "書き出し先がサイトのフォルダそのもの（またはその親）です。記事が消えるため使えません"
                .into(),
            "the output folder is the site itself or contains it; that would delete your articles"
                .into(),
        );
    }
    for source in ["content", "static", "themes", "templates"] {
        if out.starts_with(root.join(source)) {
            return refuse(
                format!(
                    "書き出し先が {source}/ の中にあります。元のファイルが消えるため使えません"
                ),
                format!("the output folder is inside {source}/, whose files it would replace"),
            );
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(
                "書き出し先がフォルダではなくファイルです".into(),
                "the output path is a file, not a folder".into(),
            );
        }
        let non_empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty && !out.join(MARKER).is_file() && !force {
            return Err(Diagnostic::error(Bilingual::new(
                "書き出し先のフォルダは空ではなく、clinote が作ったものでもありません。中身を消さないよう止めました",
                "the output folder is not empty and was not created by clinote; stopped so as not to delete its contents",
            ))
            .at(Location::file(shown))
            .help(Bilingual::new(
                "別のフォルダを `--output` で指定するか、中身を消してよい場合だけ `--force` を付けてください。",
                "pick another folder with `--output`, or add `--force` only if its contents may be deleted",
            )));
        }
    }
    Ok(())
}

/// Whether `path`, with symbolic links followed, is inside the site at `root`. Files reached
/// through a link to elsewhere on the machine are never published.
pub fn inside_site(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        // A file that cannot be resolved is reported by whoever reads it.
        (_, Err(_)) => true,
        (Err(_), _) => false,
    }
}

/// The diagnostic for a link that leads outside the site.
pub fn outside_site(file: &str) -> Diagnostic {
    Diagnostic::error(Bilingual::new(
        "シンボリックリンクがサイトのフォルダの外を指しています。外のファイルは公開しません",
        "a symbolic link leads outside the site's folder; files from elsewhere are never published",
    ))
    .at(Location::file(file))
    .help(Bilingual::new(
        "ファイルそのものをサイトのフォルダの中にコピーしてください。",
        "copy the file itself into the site's folder",
    ))
}

/// An absolute path with `.` and `..` resolved, and symlinks resolved in the part that
/// exists, so that two spellings of one folder compare equal (the output may not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("mine")).unwrap();
        std::fs::write(root.join("mine/notes.txt"), "大事なメモ").unwrap();
        assert!(check_output_dir(&root, &root, false).is_err());
        assert!(check_output_dir(&root, dir.path(), false).is_err());
        assert!(check_output_dir(&root, &root.join("content"), false).is_err());
        assert!(check_output_dir(&root, &root.join("content/x"), false).is_err());
        assert!(check_output_dir(&root, &root.join("static"), false).is_err());
        assert!(check_output_dir(&root, &root.join("mine"), false).is_err());
        assert!(check_output_dir(&root, &root.join("mine"), true).is_ok());
        assert!(check_output_dir(&root, &root.join("public"), false).is_ok());
        assert!(check_output_dir(&root, &root.join("content/../public"), false).is_ok());
        assert!(check_output_dir(&root, &root.join("public/.."), false).is_err());
    }
}
