//! The build lock: two builds of one site never write at once; the second waits.

use std::path::Path;

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
