//! The build locks: two builds of one site never run at once, and two builds (of any sites)
//! never write into one output folder at once; the second waits.

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
        lock_or_wait(&file, waiting)?;
        Ok(BuildLock { _file: file })
    }
}

/// On systems where a folder cannot be locked, the file inside the output folder that is.
pub const OUTPUT_LOCK_FILE: &str = ".clinote-lock";

/// Holds the lock of an output folder until dropped: a build of another site into the same
/// folder waits. On Unix the folder itself is locked, so nothing is added to the output.
pub struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    /// Takes the lock of the output folder `out` (made if missing), calling `waiting` first
    /// if another build has it.
    pub fn acquire(out: &Path, waiting: impl FnOnce()) -> std::io::Result<OutputLock> {
        std::fs::create_dir_all(out)?;
        #[cfg(unix)]
        let file = std::fs::File::open(out)?;
        #[cfg(not(unix))]
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(out.join(OUTPUT_LOCK_FILE))?;
        lock_or_wait(&file, waiting)?;
        Ok(OutputLock { _file: file })
    }
}

/// Locks `file`, calling `waiting` first when another process holds it. The operating system
/// releases the lock when the process ends, however it ends.
fn lock_or_wait(file: &std::fs::File, waiting: impl FnOnce()) -> std::io::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}
