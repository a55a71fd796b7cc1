//! The switch: its steps written down whole in a journal before any is taken, carried out,
//! and finished (or the staging undone) by the next build after an interruption.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::files::{move_into_place, with_path};
use super::{STAGING, StaleNotRemoved};

/// The steps of a switch in progress, inside the output folder.
pub const JOURNAL: &str = ".clinote-journal";
/// The journal while it is being written (not yet a commitment).
pub(super) const JOURNAL_DRAFT: &str = ".clinote-journal.draft";

/// The steps of a switch: paths relative to the output folder, each on a line.
pub(super) struct Journal {
    /// Files and folders the new site no longer has: files first, then folders deepest first.
    pub(super) remove: Vec<String>,
    /// Staged files and folders renamed into place, each with everything below it.
    pub(super) rename: Vec<String>,
}

impl Journal {
    /// Writes the journal whole (a draft renamed into place), flushed to the disk.
    pub(super) fn write(&self, out: &Path) -> io::Result<()> {
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
pub(super) fn carry_out(out: &Path, journal: &Journal) -> io::Result<()> {
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
pub(super) fn apply(out: &Path, journal: &Journal) -> io::Result<Vec<String>> {
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
