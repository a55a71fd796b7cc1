//! Writing the built site to disk without ever losing the last good one.
//!
//! Files go to a temporary folder beside the output folder; only when every file is written is
//! the old output renamed away, the new one renamed into place, and the old one removed. A
//! failed build leaves the previous output untouched and no temporary folder behind.
//!
//! clinote deletes nothing outside the output folder, and refuses an output folder that is the
//! site itself, one of its source folders, one that contains the site, or a non-empty folder it
//! did not create (recognised by its marker file) unless forced.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Bilingual, Diagnostic, Location};
use crate::outputs::{Data, OutputFile};
use crate::progress::{Progress, Stage};

/// The file that marks a folder as clinote's output.
pub const MARKER: &str = ".clinote-output";
const MARKER_TEXT: &str = "This folder is written by `clinote build`; its contents are replaced on every build.\n\
このフォルダは clinote build が書き出します。ビルドのたびに中身が置き換わります。\n";

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

/// Where a build holds its lock, in the site's folder.
pub const LOCK_FILE: &str = ".clinote/build.lock";

/// Holds the site's build lock until dropped. Two builds of one site never write at once: the
/// second waits. The operating system releases the lock if a build dies.
pub struct BuildLock {
    _file: std::fs::File,
}

impl BuildLock {
    /// Takes the lock of the site at `root`, calling `waiting` first if another build has it.
    pub fn acquire(root: &Path, waiting: impl FnOnce()) -> std::io::Result<BuildLock> {
        let path = root.join(LOCK_FILE);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(BuildLock { _file: file })
    }
}

/// Writes `files` as the new contents of `out`, atomically replacing what was there.
pub fn write_all(out: &Path, files: &[OutputFile], progress: &dyn Progress) -> std::io::Result<()> {
    let out = normalize(out);
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let unique = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let tmp = parent.join(format!(".{name}.clinote-new-{unique}"));
    progress.stage(Stage::Writing, files.len());
    if let Err(e) = write_tree(&tmp, files, progress) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.clinote-old-{unique}"));
        if let Err(e) = std::fs::rename(&out, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        if let Err(e) = std::fs::rename(&tmp, &out) {
            let _ = std::fs::rename(&old, &out);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        // The new site is in place; failing to clean up the old one loses nothing.
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&tmp, &out) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    Ok(())
}

fn write_tree(dir: &Path, files: &[OutputFile], progress: &dyn Progress) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| -> std::io::Result<()> {
        let target = dir.join(&f.path);
        match &f.data {
            Data::Bytes(b) => std::fs::write(&target, b),
            Data::Static(b) => std::fs::write(&target, b),
            Data::Copy(src) => std::fs::copy(src, &target).map(|_| ()),
        }
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", f.path)))?;
        progress.advance(1);
        Ok(())
    })?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT)
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

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            data: Data::Bytes(s.as_bytes().to_vec()),
        }
    }

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

    #[test]
    fn replaces_output_and_leaves_no_temp_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_all(
            &out,
            &[file("index.html", "1"), file("a/b/c.html", "x")],
            &crate::progress::Silent,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/b/c.html")).unwrap(),
            "x"
        );
        assert!(out.join(MARKER).is_file());
        write_all(&out, &[file("index.html", "2")], &crate::progress::Silent).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "2"
        );
        assert!(!out.join("a").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
        assert!(check_output_dir(dir.path().join("site").as_path(), &out, false).is_ok());
    }

    #[test]
    fn failed_write_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_all(
            &out,
            &[file("index.html", "good")],
            &crate::progress::Silent,
        )
        .unwrap();
        let broken = OutputFile {
            path: "x.png".into(),
            data: Data::Copy(dir.path().join("does-not-exist.png")),
        };
        assert!(
            write_all(
                &out,
                &[file("index.html", "new"), broken],
                &crate::progress::Silent
            )
            .is_err()
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "good"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }
}
