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
//!
//! Here: the update and its staging. The journal, the switch and recovery are in `journal`,
//! what a switch removes and renames in `plan`, the file operations in `files`.

mod files;
mod journal;
mod plan;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::survey::{Kind, Survey};
use super::{Data, OutputFile};
use crate::progress::{Progress, Stage};
use files::{same_bytes, stage, unreadable, with_path};
pub use journal::{JOURNAL, recover};
use journal::{Journal, carry_out};
use plan::{rename_roots, stale};

/// The file that marks a folder as clinote's output.
pub const MARKER: &str = ".clinote-output";
const MARKER_TEXT: &str = "This folder is written by `clinote build`; its contents are replaced on every build.\n\
このフォルダは clinote build が書き出します。ビルドのたびに中身が置き換わります。\n";

/// Where new and changed files wait, inside the output folder, until the switch.
pub const STAGING: &str = ".clinote-staging";

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
