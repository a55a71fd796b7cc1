//! Watching the site's files and turning an editor's save into one batch of changed paths.
//!
//! Editors save in several steps (write a temporary file and rename it over the original, or
//! write and touch several times, with swap and backup files beside it). We take the first
//! event, then keep collecting until the files have been quiet for a few milliseconds, and
//! hand over the set of paths. What changed is decided later by looking at the disk, not at
//! the kinds of events, which differ between editors and platforms.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time that ends a batch: long enough for a save's steps, short enough to feel instant.
const SETTLE: Duration = Duration::from_millis(8);
/// A batch never waits longer than this, even if events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(250);

/// The folders and files of a site that can change what it looks like.
const WATCHED: &[&str] = &["content", "static", "templates", "themes"];

/// What waiting for changes gave.
pub enum Next {
    Batch(Vec<PathBuf>),
    /// Nothing changed for the time given.
    Quiet,
    Stopped,
}

/// A running watcher and the batches it produces.
pub struct SiteWatcher {
    // Kept alive for as long as we want events.
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl SiteWatcher {
    /// Watches the site at `root` (its `clinote.toml` and the folders that make the site).
    pub fn new(root: &Path) -> notify::Result<SiteWatcher> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        // The root itself, not recursively: `clinote.toml`, and folders created later.
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED {
            let path = root.join(dir);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(SiteWatcher {
            _watcher: watcher,
            events,
            root: root.to_path_buf(),
        })
    }

    #[cfg(test)]
    /// Waits for the next batch of changed paths; `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        match self.next_batch_within(None) {
            Next::Batch(paths) => Some(paths),
            Next::Quiet | Next::Stopped => None,
        }
    }

    /// Like [`SiteWatcher::next_batch`], but gives up after `wait` of quiet.
    pub fn next_batch_within(&mut self, wait: Option<Duration>) -> Next {
        loop {
            let first = match wait {
                None => match self.events.recv() {
                    Ok(e) => e,
                    Err(_) => return Next::Stopped,
                },
                Some(w) => match self.events.recv_timeout(w) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => return Next::Quiet,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                },
            };
            let mut paths = BTreeSet::new();
            self.collect(first, &mut paths);
            let started = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(SETTLE.min(left)) {
                    Ok(event) => self.collect(event, &mut paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                }
            }
            if !paths.is_empty() {
                return Next::Batch(paths.into_iter().collect());
            }
        }
    }

    fn collect(&mut self, event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if self.interesting(&path) {
                // A watched folder created after start (e.g. the first `static/`): watch it,
                // and take the files already in it, written before the watch was in place.
                if path.parent() == Some(self.root.as_path()) && path.is_dir() {
                    let _ = self._watcher.watch(&path, RecursiveMode::Recursive);
                    for e in walkdir::WalkDir::new(&path).into_iter().flatten() {
                        if e.file_type().is_file() && self.interesting(e.path()) {
                            paths.insert(e.into_path());
                        }
                    }
                }
                paths.insert(path);
            }
        }
    }

    /// Whether a path can change the site: inside a watched folder or `clinote.toml`, and not
    /// an editor's temporary file.
    fn interesting(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let watched = match first.as_deref() {
            Some(clinote_site::config::CONFIG_FILE) => true,
            Some(dir) => WATCHED.contains(&dir),
            None => false,
        };
        watched
            && !rel
                .components()
                .any(|c| clinote_site::content::discover::is_ignored(Path::new(c.as_os_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_save_is_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        let root = clinote_site::sink::normalize(dir.path());
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("clinote.toml"), "title = \"x\"\n").unwrap();
        let mut w = SiteWatcher::new(&root).unwrap();
        let article = root.join("content/articles/a.md");
        // An editor's save: a swap file, a temporary file renamed over the article, a backup.
        std::fs::write(root.join("content/articles/.a.md.swp"), "swap").unwrap();
        std::fs::write(root.join("content/articles/a.md.tmp"), "+++\n").unwrap();
        std::fs::rename(root.join("content/articles/a.md.tmp"), &article).unwrap();
        std::fs::write(root.join("content/articles/a.md~"), "backup").unwrap();
        std::fs::write(root.join("public.txt"), "not watched").unwrap();
        let batch = w.next_batch().unwrap();
        assert_eq!(batch, vec![article]);
    }
}
