//! Puts a built site on disk, never leaving the last good output half replaced.
//!
//! A first build (or a forced one into a foreign folder) writes a whole new tree beside the
//! output folder and swaps it in with two renames. Later builds into clinote's own output update
//! it in place and touch only what changed: files whose bytes are the same keep their inode
//! and modification time, so `rsync`, deploy tools and file watchers see only real changes.
//! Changed files are first written beside their targets under temporary names; only when every
//! one is written are they renamed over the old ones (a rename never leaves a torn file), and
//! files the new site no longer has are removed. A failure while writing removes the temporary
//! files and leaves the old output exactly as it was.
//!
//! A build hands its files over one by one as it makes them ([`Update::put`], from any
//! thread), so no build holds all of its site in memory; [`write_all`] writes a finished list.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::survey::{Kind, Survey};
use crate::outputs::{Data, OutputFile};
use crate::progress::{Progress, Stage};

/// The file that marks a folder as clinote's output.
pub const MARKER: &str = ".clinote-output";
const MARKER_TEXT: &str = "This folder is written by `clinote build`; its contents are replaced on every build.\n\
このフォルダは clinote build が書き出します。ビルドのたびに中身が置き換わります。\n";

/// The suffix of a changed file while it waits to be renamed over the old one.
const TEMP_SUFFIX: &str = ".clinote-tmp";

/// What a write changed on disk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they are new or their bytes changed.
    pub written: usize,
    /// Files left alone because their bytes are the same.
    pub unchanged: usize,
    /// Files of the old output that the new site no longer has.
    pub removed: usize,
}

/// Writes `files` as the new contents of `out`: the old contents stay whole until the new ones
/// are all on disk.
pub fn write_all(
    out: &Path,
    files: &[OutputFile],
    progress: &dyn Progress,
) -> io::Result<WriteStats> {
    progress.stage(Stage::Writing, files.len());
    let update = Update::begin(out, files.iter().map(|f| f.path.clone()).collect())?;
    files.par_iter().try_for_each(|f| {
        update.put(f)?;
        progress.advance(1);
        Ok::<_, io::Error>(())
    })?;
    update.commit()
}

/// A new output being written: files go in as they are made, from any thread, and the old
/// output stays whole until [`Update::commit`] puts the new one in its place. An update
/// dropped without a commit (a failed build) takes away everything it wrote.
pub struct Update {
    out: PathBuf,
    how: How,
    /// Every file of the new site, relative to `out`.
    paths: Vec<String>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// In place: the files written under their temporary names, to rename or take away.
    staged: Mutex<Vec<String>>,
    committed: bool,
}

enum How {
    /// A whole new tree beside the output folder, swapped in at the end.
    Whole { tmp: PathBuf },
    /// Changed files beside their targets; `created` are the folders made for new ones,
    /// outermost first; `survey` is what the output held when the update began.
    InPlace {
        created: Vec<PathBuf>,
        survey: Survey,
    },
}

impl Update {
    /// Starts writing a new output of exactly `paths` (relative, `/`-separated, each once)
    /// into `out`.
    pub fn begin(out: &Path, paths: Vec<String>) -> io::Result<Update> {
        let out = super::normalize(out);
        let in_place = if out.join(MARKER).is_file() {
            let survey = Survey::of(&out);
            missing_dirs(&out, &paths, &survey).map(|missing| (missing, survey))
        } else {
            None
        };
        let how = match in_place {
            Some((missing, survey)) => {
                let mut created = Vec::new();
                for dir in missing {
                    if let Err(e) = std::fs::create_dir(&dir) {
                        for d in created.iter().rev() {
                            let _ = std::fs::remove_dir(d);
                        }
                        return Err(e);
                    }
                    created.push(dir);
                }
                How::InPlace { created, survey }
            }
            None => {
                let tmp = new_tree_path(&out)?;
                std::fs::create_dir_all(&tmp)?;
                if let Err(e) = make_dirs(&tmp, &paths) {
                    let _ = std::fs::remove_dir_all(&tmp);
                    return Err(e);
                }
                How::Whole { tmp }
            }
        };
        Ok(Update {
            out,
            how,
            paths,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            staged: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Writes one file of the new site (one of the paths it began with). In place, a file
    /// whose bytes are already there is left as it is.
    pub fn put(&self, f: &OutputFile) -> io::Result<()> {
        match &self.how {
            How::Whole { tmp } => {
                write_file(&tmp.join(&f.path), &f.data).map_err(|e| with_path(e, &f.path))?;
            }
            How::InPlace { survey, .. } => {
                let target = self.out.join(&f.path);
                let same = match survey.kind(&f.path) {
                    Some(Kind::File) => same_bytes(&target, &f.data),
                    // New (or a link, which is replaced, never written through). A copied
                    // source must still exist, so that errors surface before writing.
                    _ => match &f.data {
                        Data::Copy(src) => std::fs::metadata(src).map(|_| false),
                        _ => Ok(false),
                    },
                };
                if same.map_err(|e| with_path(e, &f.path))? {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                // Noted first, so that a file left half written is taken away too.
                self.staged
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(f.path.clone());
                write_file(&temp_path(&target), &f.data).map_err(|e| with_path(e, &f.path))?;
            }
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the new output in place of the old one. Every path must have been put.
    pub fn commit(mut self) -> io::Result<WriteStats> {
        let stats = match &self.how {
            How::Whole { tmp } => {
                std::fs::write(tmp.join(MARKER), MARKER_TEXT)?;
                swap_in(tmp, &self.out)?;
                WriteStats {
                    written: self.paths.len(),
                    ..WriteStats::default()
                }
            }
            How::InPlace { survey, .. } => {
                let staged =
                    std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner()));
                // Renamed into place, each file whole.
                let renamed = staged.par_iter().try_for_each(|path| {
                    let target = self.out.join(path);
                    std::fs::rename(temp_path(&target), &target).map_err(|e| with_path(e, path))
                });
                if let Err(e) = renamed {
                    *self.staged.get_mut().unwrap_or_else(|e| e.into_inner()) = staged;
                    return Err(e);
                }
                // What the new site no longer has.
                let removed = remove_stale(survey, &self.paths);
                if !self.out.join(MARKER).is_file() {
                    std::fs::write(self.out.join(MARKER), MARKER_TEXT)?;
                }
                WriteStats {
                    written: staged.len(),
                    unchanged: self.unchanged.load(Ordering::Relaxed),
                    removed,
                }
            }
        };
        self.committed = true;
        Ok(stats)
    }
}

impl Drop for Update {
    /// Without a commit: the new tree, or every temporary file and new folder, is taken away,
    /// and the old output is as it was.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        match &self.how {
            How::Whole { tmp } => {
                let _ = std::fs::remove_dir_all(tmp);
            }
            How::InPlace { created, .. } => {
                let staged = self.staged.get_mut().unwrap_or_else(|e| e.into_inner());
                for path in staged.iter() {
                    let _ = std::fs::remove_file(temp_path(&self.out.join(path)));
                }
                for d in created.iter().rev() {
                    let _ = std::fs::remove_dir(d);
                }
            }
        }
    }
}

/// A fresh name beside `out` for a new tree (its parent folder is created).
fn new_tree_path(out: &Path) -> io::Result<PathBuf> {
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
    Ok(parent.join(format!(".{name}.clinote-new-{unique}")))
}

/// Swaps the finished tree `tmp` in as `out`, the old one out of the way first; on failure
/// the old output is put back.
fn swap_in(tmp: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let name = tmp.file_name().unwrap_or_default().to_string_lossy();
        let old = tmp.with_file_name(name.replace(".clinote-new-", ".clinote-old-"));
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        // The new site is in place; failing to clean up the old one loses nothing.
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(tmp, out)
    }
}

/// Makes the folders of a new tree for the files at `paths`, before any file is written (so
/// no write has to fail first to learn its folder is missing). Each depth on all threads.
fn make_dirs(root: &Path, paths: &[String]) -> io::Result<()> {
    let depth = |d: &str| memchr::memchr_iter(b'/', d.as_bytes()).count();
    let mut dirs = parent_dir_keys(paths);
    // Stable: within a depth the order stays sorted.
    dirs.sort_by_key(|d| depth(d));
    for level in dirs.chunk_by(|a, b| depth(a) == depth(b)) {
        level
            .par_iter()
            .try_for_each(|d| std::fs::create_dir(root.join(d)))?;
    }
    Ok(())
}

/// For an update in place: the folders the new files need that do not exist yet (outermost
/// first), or `None` when the old output has something in the way: a folder where a file
/// goes, or a file or symbolic link where a folder goes. Then the whole tree is replaced, and
/// nothing is ever written through a link.
fn missing_dirs(out: &Path, paths: &[String], survey: &Survey) -> Option<Vec<PathBuf>> {
    if paths.iter().any(|p| survey.kind(p) == Some(Kind::Dir)) {
        return None;
    }
    let mut missing = Vec::new();
    for dir in parent_dir_keys(paths) {
        match survey.kind(dir) {
            Some(Kind::Dir) => {}
            None => missing.push(out.join(dir)),
            Some(_) => return None,
        }
    }
    Some(missing)
}

/// Removes every file and folder the survey found that the new site does not have, the
/// marker aside. Symbolic links are removed as links; nothing outside the output is touched.
fn remove_stale(survey: &Survey, paths: &[String]) -> usize {
    let keep: ahash::AHashSet<&str> = paths.iter().map(String::as_str).collect();
    let keep_dirs: ahash::AHashSet<&str> = parent_dir_keys(paths).into_iter().collect();
    let mut removed = 0;
    let mut stale_dirs = Vec::new();
    for entry in &survey.entries {
        let key = entry.key.as_deref();
        if entry.kind == Kind::Dir {
            if !key.is_some_and(|k| keep_dirs.contains(k)) {
                stale_dirs.push(&entry.path);
            }
        } else if !key.is_some_and(|k| keep.contains(k) || k == MARKER)
            && std::fs::remove_file(&entry.path).is_ok()
        {
            removed += 1;
        }
    }
    // Deepest first; a folder that still holds something stays.
    stale_dirs.sort_unstable_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in stale_dirs {
        let _ = std::fs::remove_dir(dir);
    }
    removed
}

/// Whether the plain file at `path` already holds exactly `data`: one open, one `fstat` and
/// one read. A file that cannot be read is written again.
fn same_bytes(path: &Path, data: &Data) -> io::Result<bool> {
    let Ok(mut old) = std::fs::File::open(path) else {
        // Gone since the survey: written again. A copied source must still exist.
        if let Data::Copy(src) = data {
            std::fs::metadata(src)?;
        }
        return Ok(false);
    };
    let Ok(meta) = old.metadata() else {
        return Ok(false);
    };
    if !meta.is_file() {
        return Ok(false);
    }
    let new: std::borrow::Cow<[u8]> = match data {
        Data::Bytes(b) => b.as_slice().into(),
        Data::Static(b) => (*b).into(),
        Data::Copy(src) => {
            if std::fs::metadata(src)?.len() != meta.len() {
                return Ok(false);
            }
            std::fs::read(src)?.into()
        }
    };
    if new.len() as u64 != meta.len() {
        return Ok(false);
    }
    // Exactly that length, in one read: no read to find the end, which the length tells.
    Ok(crate::scratch::with_buffer(new.len(), |bytes| {
        io::Read::read_exact(&mut old, bytes).is_ok() && *bytes == *new
    }))
}

fn write_file(target: &Path, data: &Data) -> io::Result<()> {
    match data {
        Data::Bytes(b) => std::fs::write(target, b),
        Data::Static(b) => std::fs::write(target, b),
        Data::Copy(src) => std::fs::copy(src, target).map(|_| ()),
    }
}

/// The folders that hold the files at `paths` (relative, `/`-separated), relative too,
/// sorted (parents first). Worked out on the strings: sorting paths compares them component
/// by component, which was a twelfth of a rebuild at 1,000 articles.
fn parent_dir_keys(paths: &[String]) -> Vec<&str> {
    let mut seen: ahash::AHashSet<&str> = ahash::AHashSet::new();
    let mut dirs: Vec<&str> = Vec::new();
    for p in paths {
        let mut rest = p.as_str();
        while let Some(i) = rest.rfind('/') {
            rest = &rest[..i];
            // A folder seen before was added with all of its parents.
            if rest.is_empty() || !seen.insert(rest) {
                break;
            }
            dirs.push(rest);
        }
    }
    // A parent is a prefix of its children, so it sorts before them.
    dirs.sort_unstable();
    dirs
}

fn temp_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(TEMP_SUFFIX);
    target.with_file_name(name)
}

fn with_path(e: io::Error, path: &str) -> io::Error {
    io::Error::new(e.kind(), format!("{path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_folders_are_every_ancestor_once_parents_first() {
        let paths: Vec<String> = [
            "index.html",
            "articles/a/index.html",
            "articles/a/cover.png",
            "articles/a-b/index.html",
            "tags/小児科/page/2/index.html",
            "articles/index.html",
        ]
        .map(String::from)
        .to_vec();
        let root = Path::new("/out");
        let dirs: Vec<PathBuf> = parent_dir_keys(&paths)
            .into_iter()
            .map(|d| root.join(d))
            .collect();
        let mut plainly: Vec<PathBuf> = paths
            .iter()
            .flat_map(|p| Path::new(p).ancestors().skip(1).map(|a| root.join(a)))
            .filter(|d| d != root)
            .collect();
        plainly.sort();
        plainly.dedup();
        let mut sorted = dirs.clone();
        sorted.sort();
        assert_eq!(sorted, plainly);
        for (i, d) in dirs.iter().enumerate() {
            for parent in d
                .ancestors()
                .skip(1)
                .filter(|p| p.starts_with(root) && *p != root)
            {
                let at = dirs.iter().position(|x| x == parent).unwrap();
                assert!(at < i, "{parent:?} after {d:?}");
            }
        }
    }

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            data: Data::Bytes(s.as_bytes().to_vec()),
        }
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
        assert!(
            super::super::check_output_dir(dir.path().join("site").as_path(), &out, false).is_ok()
        );
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

    fn mtime(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn a_second_build_touches_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let silent = &crate::progress::Silent;
        let first = [
            file("index.html", "index"),
            file("a/index.html", "a"),
            file("gone/index.html", "gone"),
        ];
        assert_eq!(write_all(&out, &first, silent).unwrap().written, 3);
        let old_time = mtime(&out.join("a/index.html"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = [
            file("index.html", "index 2"),
            file("a/index.html", "a"),
            file("b/c/index.html", "new"),
        ];
        let stats = write_all(&out, &second, silent).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 2,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(mtime(&out.join("a/index.html")), old_time);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "index 2"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/c/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("gone").exists(), "a stale folder is removed");
        let mut names: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                MARKER,
                "a",
                "a/index.html",
                "b",
                "b/c",
                "b/c/index.html",
                "index.html"
            ]
        );
    }

    #[test]
    fn bytes_are_compared_to_the_last_one_even_at_the_same_length() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let silent = &crate::progress::Silent;
        // Longer than one read of the file system's.
        let big = "あ".repeat(40_000);
        let mut big_changed = big.clone();
        big_changed.replace_range(big.len() - 3.., "い");
        let first = [file("a.html", "aaaa"), file("big.html", &big)];
        write_all(&out, &first, silent).unwrap();
        let same = write_all(&out, &first, silent).unwrap();
        assert_eq!((same.written, same.unchanged), (0, 2));
        let second = [file("a.html", "aaab"), file("big.html", &big_changed)];
        let changed = write_all(&out, &second, silent).unwrap();
        assert_eq!((changed.written, changed.unchanged), (2, 0));
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "aaab");
        assert_eq!(
            std::fs::read_to_string(out.join("big.html")).unwrap(),
            big_changed
        );
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let silent = &crate::progress::Silent;
        write_all(&out, &[file("a/index.html", "a")], silent).unwrap();
        let leftover = temp_path(&out.join("a/index.html"));
        std::fs::write(&leftover, "half").unwrap();
        let stats = write_all(&out, &[file("a/index.html", "a")], silent).unwrap();
        assert_eq!(stats.removed, 1);
        assert!(!leftover.exists());
        assert!(out.join(MARKER).is_file(), "the marker stays");
    }

    #[test]
    fn a_folder_where_a_file_goes_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let silent = &crate::progress::Silent;
        write_all(&out, &[file("x/index.html", "1")], silent).unwrap();
        write_all(&out, &[file("x", "now a file")], silent).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("x")).unwrap(),
            "now a file"
        );
        write_all(&out, &[file("x/index.html", "a folder again")], silent).unwrap();
        assert!(out.join("x/index.html").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link_in_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("index.html"), "keep me").unwrap();
        let silent = &crate::progress::Silent;
        write_all(&out, &[file("index.html", "1")], silent).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("sub")).unwrap();
        std::os::unix::fs::symlink(outside.join("index.html"), out.join("page.html")).unwrap();
        write_all(
            &out,
            &[
                file("index.html", "1"),
                file("sub/index.html", "2"),
                file("page.html", "3"),
            ],
            silent,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(outside.join("index.html")).unwrap(),
            "keep me"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("sub/index.html")).unwrap(),
            "2"
        );
        assert_eq!(std::fs::read_to_string(out.join("page.html")).unwrap(), "3");
        // A stale link is removed as a link.
        std::os::unix::fs::symlink(&outside, out.join("stale")).unwrap();
        write_all(&out, &[file("index.html", "1")], silent).unwrap();
        assert!(!out.join("stale").exists());
        assert!(outside.join("index.html").is_file());
    }

    #[test]
    fn a_failed_update_leaves_the_old_output_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let silent = &crate::progress::Silent;
        write_all(
            &out,
            &[file("index.html", "good"), file("a/b.html", "b")],
            silent,
        )
        .unwrap();
        let tree = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
            let mut t: Vec<_> = walkdir::WalkDir::new(out)
                .into_iter()
                .map(|e| e.unwrap().into_path())
                .map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default()))
                .collect();
            t.sort();
            t
        };
        let before = tree(&out);
        // A name the file system takes, but not with the temporary suffix: staging fails
        // after other changed files (and a new folder) are already staged.
        let long = format!("new/deeper/{}.html", "x".repeat(245));
        let result = write_all(
            &out,
            &[
                file("index.html", "new"),
                file("a/b.html", "b2"),
                file("c.html", "c"),
                file(&long, "x"),
            ],
            silent,
        );
        assert!(result.is_err());
        assert_eq!(tree(&out), before);
    }
}
