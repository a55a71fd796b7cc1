//! Puts a built site on disk so that an interrupted build never leaves a mixed site.
//!
//! Every build updates the output folder in place, in two phases:
//!
//! 1. **Staging.** Each file of the new site is compared with what the folder holds. A file
//!    whose bytes are the same is left alone, with its inode and modification time, so
//!    `rsync`, deploy tools and file watchers see only real changes. New and changed files
//!    are written under [`STAGING`] inside the output folder (the same file system). The old
//!    site is untouched: a build stopped here (Ctrl-C, `kill -9`, a full disk, a broken link)
//!    leaves it whole, and the staging folder is taken away.
//! 2. **Switching.** What changes is written down first, in [`JOURNAL`]: each file the new
//!    site no longer has (removed), each staged file or new folder (renamed in). The journal
//!    appears whole, by a rename, and that is the point of no return. Then its steps are
//!    carried out and it is removed. Every step can be repeated, so a build stopped during
//!    the switch is finished by the next one before it does anything else.
//!
//! So after any interruption, once the next build has started, the folder holds the whole old
//! site or the whole new one. (Power loss is another matter: staged files are not flushed to
//! the disk one by one, which would make every build slow.)
//!
//! The output folder itself is never replaced or renamed: its owner, mode and inode stay, so
//! it may be a mount point, or sit in a folder clinote cannot write. Nothing at or below a
//! mount point inside it is ever removed; files the site puts into one are copied there.
//!
//! A build hands its files over one by one as it makes them ([`Update::put`], from any
//! thread), so no build holds all of its site in memory; [`write_all`] writes a finished list.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::survey::{Kind, Survey};
use super::{Data, OutputFile};
use crate::progress::{Progress, Stage};

/// The file that marks a folder as clinote's output.
pub const MARKER: &str = ".clinote-output";
const MARKER_TEXT: &str = "This folder is written by `clinote build`; its contents are replaced on every build.\n\
このフォルダは clinote build が書き出します。ビルドのたびに中身が置き換わります。\n";

/// Where new and changed files wait, inside the output folder, until the switch.
pub const STAGING: &str = ".clinote-staging";
/// The steps of a switch in progress, inside the output folder.
pub const JOURNAL: &str = ".clinote-journal";
/// The journal while it is being written (not yet a commitment).
const JOURNAL_DRAFT: &str = ".clinote-journal.draft";

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

/// A source file (copied into the site) that could not be read: reported at that file, not
/// at the output folder.
#[derive(Debug)]
pub struct SourceUnreadable {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for SourceUnreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for SourceUnreadable {}

/// The new site is in place, but files of the old one that it no longer has could not be
/// removed (the page of an article that became a draft would stay public).
#[derive(Debug)]
pub struct StaleNotRemoved {
    /// Each file with why, relative to the output folder.
    pub files: Vec<String>,
}

impl std::fmt::Display for StaleNotRemoved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not remove {}", self.files.join(", "))
    }
}

impl std::error::Error for StaleNotRemoved {}

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
/// output stays whole until [`Update::commit`] switches to the new one. An update dropped
/// without a commit (a failed or stopped build) takes away everything it staged.
pub struct Update {
    out: PathBuf,
    staging: PathBuf,
    /// Every file of the new site, relative to `out`.
    paths: Vec<String>,
    /// What the output held when the update began.
    survey: Survey,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// The files staged so far, relative to `out`.
    staged: Mutex<Vec<String>>,
    committed: bool,
}

impl Update {
    /// Starts writing a new output of exactly `paths` (relative, `/`-separated, each once)
    /// into `out`, after finishing or undoing whatever an interrupted build left there.
    pub fn begin(out: &Path, paths: Vec<String>) -> io::Result<Update> {
        let out = super::normalize(out);
        std::fs::create_dir_all(&out)?;
        recover(&out)?;
        let survey = Survey::of(&out);
        let staging = out.join(STAGING);
        std::fs::create_dir(&staging)?;
        Ok(Update {
            survey,
            out,
            staging,
            paths,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            staged: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Writes one file of the new site (one of the paths it began with). A file whose bytes
    /// are already there is left as it is.
    pub fn put(&self, f: &OutputFile) -> io::Result<()> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::error());
        }
        let same = match self.survey.kind(&f.path) {
            Some(Kind::File) => same_bytes(&self.out.join(&f.path), &f.data),
            // New, or something else is in the way (replaced at the switch, never written
            // through). A copied source must still exist, so that errors surface now.
            _ => match &f.data {
                Data::Copy(src) => std::fs::metadata(src)
                    .map(|_| false)
                    .map_err(|e| unreadable(src, e)),
                _ => Ok(false),
            },
        };
        if same? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        stage(&self.staging.join(&f.path), &f.data).map_err(|e| with_path(e, &f.path))?;
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(f.path.clone());
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Switches the output to the new site. Every path must have been put.
    pub fn commit(mut self) -> io::Result<WriteStats> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::error());
        }
        let (journal, removed) = self.decide()?;
        carry_out(&self.out, &journal)?;
        Ok(WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed,
        })
    }

    /// Stages the marker if missing and writes the journal: the point of no return, from
    /// which the next build finishes the switch. Returns the journal and how many files it
    /// removes.
    fn decide(&mut self) -> io::Result<(Journal, usize)> {
        let mut staged = std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner()));
        if self.survey.kind(MARKER) != Some(Kind::File) {
            std::fs::write(self.staging.join(MARKER), MARKER_TEXT)?;
            staged.push(MARKER.to_string());
        }
        let removals = stale(&self.survey, &self.paths);
        let removed = removals
            .iter()
            .filter(|(_, kind)| *kind != Kind::Dir)
            .count();
        let journal = Journal {
            remove: removals.into_iter().map(|(key, _)| key).collect(),
            rename: rename_roots(&self.survey, &staged),
        };
        journal.write(&self.out)?;
        self.committed = true;
        Ok((journal, removed))
    }
}

#[cfg(test)]
impl Update {
    /// [`Update::commit`] up to the point of no return: the journal is written, nothing else
    /// (as if the build died right there).
    fn commit_without_switching(mut self) -> Journal {
        self.decide().unwrap().0
    }
}

impl Drop for Update {
    /// Without a commit: what was staged is taken away, and the old output is as it was.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The steps of a switch: paths relative to the output folder, each on a line.
struct Journal {
    /// Files and folders the new site no longer has: files first, then folders deepest first.
    remove: Vec<String>,
    /// Staged files and folders renamed into place, each with everything below it.
    rename: Vec<String>,
}

impl Journal {
    /// Writes the journal whole (a draft renamed into place), flushed to the disk.
    fn write(&self, out: &Path) -> io::Result<()> {
        let mut text = String::new();
        for key in &self.remove {
            text.push_str("remove ");
            text.push_str(&escape(key));
            text.push('\n');
        }
        for key in &self.rename {
            text.push_str("rename ");
            text.push_str(&escape(key));
            text.push('\n');
        }
        text.push_str("end\n");
        let draft = out.join(JOURNAL_DRAFT);
        {
            use io::Write;
            let mut file = std::fs::File::create(&draft)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        std::fs::rename(&draft, out.join(JOURNAL))
    }

    /// The journal of `out`, if a whole one is there.
    fn read(out: &Path) -> io::Result<Option<Journal>> {
        let text = match std::fs::read_to_string(out.join(JOURNAL)) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut journal = Journal {
            remove: Vec::new(),
            rename: Vec::new(),
        };
        let mut whole = false;
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("remove", key)) => journal.remove.push(unescape(key)),
                Some(("rename", key)) => journal.rename.push(unescape(key)),
                _ if line == "end" => whole = true,
                _ => {}
            }
        }
        Ok(whole.then_some(journal))
    }
}

/// Paths in the journal: one per line, so a line break (or `%`) in a name is escaped.
fn escape(key: &str) -> String {
    key.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(key: &str) -> String {
    percent_encoding::percent_decode_str(key)
        .decode_utf8_lossy()
        .into_owned()
}

/// Carries out a journal's steps, then removes it. Each step can be repeated. A stale file
/// that cannot be removed (the page of an article that became a draft) is an error; a folder
/// that stays (it holds a mount point, or something clinote may not remove) is not.
fn carry_out(out: &Path, journal: &Journal) -> io::Result<()> {
    let failed = apply(out, journal)?;
    std::fs::remove_file(out.join(JOURNAL))?;
    let _ = std::fs::remove_dir_all(out.join(STAGING));
    if failed.is_empty() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            StaleNotRemoved { files: failed },
        ))
    }
}

/// The journal's steps, in order; the stale files that could not be removed.
fn apply(out: &Path, journal: &Journal) -> io::Result<Vec<String>> {
    let staging = out.join(STAGING);
    let mut failed: Vec<String> = Vec::new();
    for key in &journal.remove {
        let path = out.join(key);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let result = if meta.is_dir() {
            let _ = std::fs::remove_dir(&path);
            Ok(())
        } else {
            std::fs::remove_file(&path)
        };
        if let Err(e) = result
            && e.kind() != io::ErrorKind::NotFound
        {
            failed.push(format!("{key}: {e}"));
        }
    }
    let renamed = journal.rename.par_iter().try_for_each(|key| {
        let from = staging.join(key);
        if std::fs::symlink_metadata(&from).is_err() {
            return Ok(()); // Renamed by an earlier attempt.
        }
        move_into_place(&from, &out.join(key)).map_err(|e| with_path(e, key))
    });
    renamed?;
    Ok(failed)
}

/// Puts the staged `from` at `to`, replacing a file or link there (never writing through
/// it). Across file systems (a mount point inside the output) it is copied.
fn move_into_place(from: &Path, to: &Path) -> io::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(to)
        && !meta.is_dir()
        && std::fs::symlink_metadata(from)?.is_dir()
    {
        std::fs::remove_file(to)?;
    }
    match std::fs::rename(from, to) {
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {
            copy_tree(from, to)?;
            remove_tree(from)
        }
        other => other,
    }
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(from)?.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(|_| ())
    }
}

fn remove_tree(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Finishes or undoes what an interrupted build left in `out`: a whole journal is carried
/// out; a staging folder without one, a journal draft, and the trees earlier versions left
/// beside the output folder are taken away. A build calls this first, before anything else.
pub fn recover(out: &Path) -> io::Result<()> {
    if !out.is_dir() {
        recover_legacy_trees(out);
        return Ok(());
    }
    recover_legacy_trees(out);
    match Journal::read(out)? {
        Some(journal) => carry_out(out, &journal)?,
        // Only ever written whole: a cut one is not a commitment.
        None => {
            let _ = std::fs::remove_file(out.join(JOURNAL));
        }
    }
    let _ = std::fs::remove_file(out.join(JOURNAL_DRAFT));
    match std::fs::remove_dir_all(out.join(STAGING)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Earlier versions built a whole new tree beside the output (`.public.clinote-new-…`) and
/// swapped it in with two renames, moving the old one to `.public.clinote-old-…` first. A
/// build stopped between the two left no output folder: the old tree goes back. Then both
/// kinds of tree are removed.
fn recover_legacy_trees(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let (new_prefix, old_prefix) = (
        format!(".{name}.clinote-new-"),
        format!(".{name}.clinote-old-"),
    );
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut trees: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&new_prefix) || n.starts_with(&old_prefix)
        })
        .map(|e| e.path())
        .collect();
    trees.sort();
    if !out.exists()
        && let Some(old) = trees
            .iter()
            .find(|t| t.to_string_lossy().contains(".clinote-old-"))
    {
        let _ = std::fs::rename(old, out);
    }
    for tree in trees {
        let _ = std::fs::remove_dir_all(tree);
    }
}

/// Everything the survey found that the new site does not have, with its kind: files and
/// links first, then folders deepest first. The marker and clinote's own working files stay;
/// mount points are not listed by the survey.
fn stale(survey: &Survey, paths: &[String]) -> Vec<(String, Kind)> {
    let keep: ahash::AHashSet<&str> = paths.iter().map(String::as_str).collect();
    let keep_dirs: ahash::AHashSet<&str> = parent_dir_keys(paths).into_iter().collect();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in &survey.entries {
        let Some(key) = entry.key.as_deref() else {
            // A name that is not UTF-8 is no site's: a file is removed now (it cannot be
            // written into the journal); a folder stays, as clinote cannot tell what it holds.
            if entry.kind != Kind::Dir {
                let _ = std::fs::remove_file(&entry.path);
            }
            continue;
        };
        if key == MARKER
            || key == STAGING
            || key.starts_with(".clinote-journal")
            || key == super::lock::OUTPUT_LOCK_FILE
        {
            continue;
        }
        match entry.kind {
            Kind::Dir if !keep_dirs.contains(key) => dirs.push((key.to_string(), Kind::Dir)),
            Kind::Dir => {}
            kind if !keep.contains(key) => files.push((key.to_string(), kind)),
            _ => {}
        }
    }
    dirs.sort_unstable_by_key(|(key, _)| std::cmp::Reverse(key.matches('/').count()));
    files.extend(dirs);
    files
}

/// What to rename in from the staging folder: for each staged file, its outermost folder
/// that the old output does not have as a folder (the whole of it moves at once: a first
/// build is a handful of renames), or the file itself.
fn rename_roots(survey: &Survey, staged: &[String]) -> Vec<String> {
    let mut roots: Vec<String> = staged
        .iter()
        .map(|path| {
            let mut end = 0;
            loop {
                match path[end..].find('/') {
                    Some(i) => {
                        let dir = &path[..end + i];
                        if survey.kind(dir) != Some(Kind::Dir) {
                            return dir.to_string();
                        }
                        end += i + 1;
                    }
                    None => return path.clone(),
                }
            }
        })
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots
}

/// Writes `data` to `target` in the staging folder, making its folders as needed.
fn stage(target: &Path, data: &Data) -> io::Result<()> {
    match write_file(target, data) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            write_file(target, data)
        }
        other => other,
    }
}

/// Whether the plain file at `path` already holds exactly `data`: one open, one `fstat` and
/// one read. A file that cannot be read is written again.
fn same_bytes(path: &Path, data: &Data) -> io::Result<bool> {
    let Ok(mut old) = std::fs::File::open(path) else {
        // Gone since the survey: written again. A copied source must still exist.
        if let Data::Copy(src) = data {
            std::fs::metadata(src).map_err(|e| unreadable(src, e))?;
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
            let len = std::fs::metadata(src)
                .map_err(|e| unreadable(src, e))?
                .len();
            if len != meta.len() {
                return Ok(false);
            }
            std::fs::read(src).map_err(|e| unreadable(src, e))?.into()
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
        Data::Copy(src) => {
            // Read first, so that a source that cannot be read is told apart from a target
            // that cannot be written.
            let mut from = std::fs::File::open(src).map_err(|e| unreadable(src, e))?;
            let mut to = std::fs::File::create(target)?;
            io::copy(&mut from, &mut to).map(|_| ())
        }
    }
}

fn unreadable(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        SourceUnreadable {
            path: path.to_path_buf(),
            error,
        },
    )
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

fn with_path(e: io::Error, path: &str) -> io::Error {
    // A source that cannot be read keeps its own error, which names the source.
    if e.get_ref().is_some_and(|r| r.is::<SourceUnreadable>()) {
        return e;
    }
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
        let error = write_all(
            &out,
            &[file("index.html", "new"), broken],
            &crate::progress::Silent,
        )
        .unwrap_err();
        // The source that cannot be read is named, not the output.
        let source = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<SourceUnreadable>())
            .expect("a source error");
        assert!(source.path.ends_with("does-not-exist.png"));
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
        // What earlier versions left: a file beside its target, trees beside the output.
        let leftover = out.join("a/index.html.clinote-tmp");
        std::fs::write(&leftover, "half").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.clinote-new-1-2/a")).unwrap();
        // What this version leaves when stopped while staging.
        std::fs::create_dir_all(out.join(STAGING).join("b")).unwrap();
        std::fs::write(out.join(STAGING).join("b/index.html"), "staged").unwrap();
        std::fs::write(out.join(JOURNAL_DRAFT), "remove a\n").unwrap();
        let stats = write_all(&out, &[file("a/index.html", "a")], silent).unwrap();
        assert_eq!(stats.removed, 1);
        assert!(!leftover.exists());
        assert!(out.join(MARKER).is_file(), "the marker stays");
        assert!(
            !out.join("b").exists(),
            "nothing staged without a journal is used"
        );
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [MARKER, "a"]);
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(beside.len(), 1, "only public/ is left beside it");
    }

    /// Every file under `out` with its bytes (folders as empty), clinote's own files aside.
    fn site_tree(out: &Path) -> Vec<(String, Vec<u8>)> {
        let mut t: Vec<_> = walkdir::WalkDir::new(out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .map(|p| {
                let key = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
                (key, std::fs::read(&p).unwrap_or_default())
            })
            .collect();
        t.sort();
        t
    }

    #[test]
    fn a_switch_cut_short_is_finished_by_the_next_build() {
        let silent = &crate::progress::Silent;
        let old_site = [
            file("index.html", "old"),
            file("gone/index.html", "gone"),
            file("same.html", "same"),
            file("x", "a file that becomes a folder"),
        ];
        let new_site = [
            file("index.html", "new"),
            file("added/deep/index.html", "added"),
            file("same.html", "same"),
            file("x/index.html", "now a folder"),
        ];
        // The new site as a clean build writes it.
        let clean = tempfile::tempdir().unwrap();
        write_all(&clean.path().join("public"), &new_site, silent).unwrap();
        let expected = site_tree(&clean.path().join("public"));
        // Stopped right after the journal, and after each step of the switch in turn.
        for done in 0..8 {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            write_all(&out, &old_site, silent).unwrap();
            let update =
                Update::begin(&out, new_site.iter().map(|f| f.path.clone()).collect()).unwrap();
            for f in &new_site {
                update.put(f).unwrap();
            }
            let journal = update.commit_without_switching();
            let steps = journal.remove.len() + journal.rename.len();
            let partial = Journal {
                remove: journal.remove.iter().take(done).cloned().collect(),
                rename: journal
                    .rename
                    .iter()
                    .take(done.saturating_sub(journal.remove.len()))
                    .cloned()
                    .collect(),
            };
            // The first `done` steps, as a build that died there would have left them.
            assert!(apply(&out, &partial).unwrap().is_empty());
            recover(&out).unwrap();
            assert_eq!(
                site_tree(&out),
                expected,
                "stopped after {done} of {steps} steps"
            );
        }
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
        // A name no file system takes: staging fails after other changed files (and a new
        // folder) are already staged.
        let long = format!("new/deeper/{}.html", "x".repeat(300));
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
