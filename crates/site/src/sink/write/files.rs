//! The file operations of an update: comparing bytes with what is there, writing a staged
//! file, moving it into place (copied across file systems), and errors that name the file.

use std::io;
use std::path::Path;

use super::SourceUnreadable;
use crate::sink::Data;

/// Puts the staged `from` at `to`, replacing a file or link there (never writing through
/// it). Across file systems (a mount point inside the output) it is copied.
pub(super) fn move_into_place(from: &Path, to: &Path) -> io::Result<()> {
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

/// Writes `data` to `target` in the staging folder, making its folders as needed.
pub(super) fn stage(target: &Path, data: &Data) -> io::Result<()> {
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
pub(super) fn same_bytes(path: &Path, data: &Data) -> io::Result<bool> {
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

pub(super) fn unreadable(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        SourceUnreadable {
            path: path.to_path_buf(),
            error,
        },
    )
}

pub(super) fn with_path(e: io::Error, path: &str) -> io::Error {
    // A source that cannot be read keeps its own error, which names the source.
    if e.get_ref().is_some_and(|r| r.is::<SourceUnreadable>()) {
        return e;
    }
    io::Error::new(e.kind(), format!("{path}: {e}"))
}
