//! One file holding many byte records by 128-bit key: the render cache's storage.
//!
//! A rebuild of a 10,000-article site reads 10,000 entries; as separate files that was five
//! system calls each (open, stat, two reads, close) and a fifth of the rebuild. A pack is read
//! with one positioned read per entry from a file opened once.
//!
//! Layout: the records back to back, then the index (per record: key u128, offset u64,
//! length u32, all little-endian), then a trailer: index offset u64, record count u64 and
//! [`MAGIC`]. A pack is never changed in place: [`PackWriter`] writes a new one under a
//! temporary name beside it (new records as they come, on a thread of its own, then the old
//! records worth keeping) and renames it over the old one, so a reader, even in another
//! process, sees either the old pack or the new one. A file without the trailer (an
//! interrupted write, another program's file) is no pack: every lookup misses.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// The last bytes of every pack (the version is in the name).
const MAGIC: &[u8; 8] = b"CLNPACK1";
/// Bytes per index row: key, offset, length.
const ROW: usize = 16 + 8 + 4;
/// Bytes of the trailer: index offset, count, magic.
const TRAILER: usize = 8 + 8 + 8;
/// Records that may wait for the writer thread before `add` blocks (bounds memory).
const QUEUE: usize = 256;

/// A pack file opened for reading.
pub struct Pack {
    file: File,
    index: HashMap<u128, (u64, u32)>,
}

impl Pack {
    /// The pack at `path`, or `None` when there is none or it is not a whole pack.
    pub fn open(path: &Path) -> Option<Pack> {
        let mut file = File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut trailer = [0u8; TRAILER];
        file.seek(SeekFrom::Start(size.checked_sub(TRAILER as u64)?))
            .ok()?;
        file.read_exact(&mut trailer).ok()?;
        if &trailer[16..] != MAGIC {
            return None;
        }
        let index_at = u64::from_le_bytes(trailer[..8].try_into().ok()?);
        let count = usize::try_from(u64::from_le_bytes(trailer[8..16].try_into().ok()?)).ok()?;
        let index_len = count.checked_mul(ROW)?;
        if index_at.checked_add(index_len as u64)? != size - TRAILER as u64 {
            return None;
        }
        let mut rows = vec![0u8; index_len];
        file.seek(SeekFrom::Start(index_at)).ok()?;
        file.read_exact(&mut rows).ok()?;
        let mut index = HashMap::with_capacity(count);
        for row in rows.chunks_exact(ROW) {
            let key = u128::from_le_bytes(row[..16].try_into().ok()?);
            let offset = u64::from_le_bytes(row[16..24].try_into().ok()?);
            let len = u32::from_le_bytes(row[24..].try_into().ok()?);
            if offset.checked_add(u64::from(len))? > index_at {
                return None;
            }
            index.insert(key, (offset, len));
        }
        Some(Pack { file, index })
    }

    /// The record stored under `key`, if it is there and can be read.
    pub fn get(&self, key: u128) -> Option<Vec<u8>> {
        self.with(key, <[u8]>::to_vec)
    }

    /// `f` of the record stored under `key`, if it is there and can be read (into the
    /// thread's buffer: a rebuild only decodes each record, see [`crate::scratch`]).
    pub fn with<R>(&self, key: u128, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        let &(offset, len) = self.index.get(&key)?;
        crate::scratch::with_buffer(len as usize, |buffer| {
            read_at(&self.file, buffer, offset).ok()?;
            Some(f(buffer))
        })
    }

    /// The keys of every record.
    pub fn keys(&self) -> impl Iterator<Item = u128> + '_ {
        self.index.keys().copied()
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// What the writer thread has written so far.
struct Written {
    out: BufWriter<File>,
    rows: Vec<(u128, u64, u32)>,
    end: u64,
}

impl Written {
    fn push(&mut self, key: u128, bytes: &[u8]) -> io::Result<()> {
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.out.write_all(bytes)?;
        self.rows.push((key, self.end, len));
        self.end += u64::from(len);
        Ok(())
    }
}

/// A new pack being written beside the old one at `path`.
pub struct PackWriter {
    path: PathBuf,
    tmp: PathBuf,
    sender: Option<SyncSender<(u128, Vec<u8>)>>,
    thread: Option<JoinHandle<io::Result<Written>>>,
}

impl PackWriter {
    /// Starts a new pack that will replace the one at `path` (creating its folder).
    pub fn create(path: &Path) -> io::Result<PackWriter> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = temp_path(path);
        let file = File::create(&tmp)?;
        let (sender, receiver) = sync_channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("clinote-cache-writer".into())
            .spawn(move || write_records(file, receiver))
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })?;
        Ok(PackWriter {
            path: path.to_path_buf(),
            tmp,
            sender: Some(sender),
            thread: Some(thread),
        })
    }

    /// Adds a record (written on the writer's thread; a later record of the same key wins).
    pub fn add(&self, key: u128, bytes: Vec<u8>) {
        if let Some(sender) = &self.sender {
            // A writer that stopped on an error reports it in `commit`.
            let _ = sender.send((key, bytes));
        }
    }

    /// Finishes the new pack: the records added, then those of `old` for which `keep` says
    /// yes (and that were not added again), then the index; and puts it in place of the old
    /// one. On any error the old pack stays as it was.
    pub fn commit(mut self, old: Option<&Pack>, keep: impl Fn(u128) -> bool) -> io::Result<()> {
        let result = self.finish(old, keep);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result
    }

    fn finish(&mut self, old: Option<&Pack>, keep: impl Fn(u128) -> bool) -> io::Result<()> {
        let mut written = self.stop()?;
        // Newer records replace older ones of the same key; the last one added wins.
        let mut rows: HashMap<u128, (u64, u32)> = HashMap::with_capacity(written.rows.len());
        for &(key, offset, len) in &written.rows {
            rows.insert(key, (offset, len));
        }
        if let Some(old) = old {
            // In file order, so the old pack is read front to back.
            let mut carried: Vec<(u128, u64, u32)> = old
                .index
                .iter()
                .filter(|(key, _)| !rows.contains_key(key) && keep(**key))
                .map(|(&key, &(offset, len))| (key, offset, len))
                .collect();
            carried.sort_unstable_by_key(|&(_, offset, _)| offset);
            let mut buf = Vec::new();
            for (key, offset, len) in carried {
                buf.resize(len as usize, 0);
                read_at(&old.file, &mut buf, offset)?;
                rows.insert(key, (written.end, len));
                written.push(key, &buf)?;
            }
        }
        let index_at = written.end;
        let mut sorted: Vec<_> = rows.into_iter().collect();
        sorted.sort_unstable_by_key(|&(key, _)| key);
        for (key, (offset, len)) in &sorted {
            written.out.write_all(&key.to_le_bytes())?;
            written.out.write_all(&offset.to_le_bytes())?;
            written.out.write_all(&len.to_le_bytes())?;
        }
        written.out.write_all(&index_at.to_le_bytes())?;
        written
            .out
            .write_all(&(sorted.len() as u64).to_le_bytes())?;
        written.out.write_all(MAGIC)?;
        written.out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&self.tmp, &self.path)
    }

    /// Closes the queue and waits for the writer thread.
    fn stop(&mut self) -> io::Result<Written> {
        drop(self.sender.take());
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the cache writer thread panicked")),
            None => Err(io::Error::other("the cache writer was already stopped")),
        }
    }
}

impl Drop for PackWriter {
    /// A writer dropped without `commit` leaves no temporary file behind.
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.stop();
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

fn write_records(file: File, receiver: Receiver<(u128, Vec<u8>)>) -> io::Result<Written> {
    let mut written = Written {
        out: BufWriter::with_capacity(1 << 20, file),
        rows: Vec::new(),
        end: 0,
    };
    for (key, bytes) in receiver {
        written.push(key, &bytes)?;
    }
    Ok(written)
}

/// A name beside `path` no other writer uses, in this process or another.
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{n}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_with(path: &Path, old: Option<&Pack>, records: &[(u128, &[u8])], keep: &[u128]) {
        let w = PackWriter::create(path).unwrap();
        for (key, bytes) in records {
            w.add(*key, bytes.to_vec());
        }
        w.commit(old, |k| keep.contains(&k)).unwrap();
    }

    #[test]
    fn records_come_back_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pack");
        assert!(Pack::open(&path).is_none());
        pack_with(&path, None, &[(1, b"one"), (2, b""), (3, b"three")], &[]);
        let pack = Pack::open(&path).unwrap();
        assert_eq!(pack.len(), 3);
        assert_eq!(pack.get(1).as_deref(), Some(&b"one"[..]));
        assert_eq!(pack.get(2).as_deref(), Some(&b""[..]));
        assert_eq!(pack.get(3).as_deref(), Some(&b"three"[..]));
        assert_eq!(pack.get(4), None);
    }

    #[test]
    fn a_new_pack_keeps_what_it_is_told_and_replaces_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pack");
        pack_with(&path, None, &[(1, b"one"), (2, b"two"), (3, b"three")], &[]);
        let old = Pack::open(&path).unwrap();
        // 1 kept, 2 dropped, 3 replaced, 4 new.
        pack_with(&path, Some(&old), &[(3, b"THREE"), (4, b"four")], &[1, 3]);
        let new = Pack::open(&path).unwrap();
        let mut keys: Vec<_> = new.keys().collect();
        keys.sort();
        assert_eq!(keys, [1, 3, 4]);
        assert_eq!(new.get(1).as_deref(), Some(&b"one"[..]));
        assert_eq!(new.get(3).as_deref(), Some(&b"THREE"[..]));
        assert_eq!(new.get(4).as_deref(), Some(&b"four"[..]));
        // The old handle still reads the old file, which the rename did not touch.
        assert_eq!(old.get(2).as_deref(), Some(&b"two"[..]));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }

    #[test]
    fn a_damaged_pack_is_no_pack() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pack");
        pack_with(&path, None, &[(1, b"one"), (2, b"two")], &[]);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [1, TRAILER, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..bytes.len() - cut]).unwrap();
            assert!(Pack::open(&path).is_none(), "cut {cut}");
        }
        std::fs::write(&path, b"").unwrap();
        assert!(Pack::open(&path).is_none());
    }

    #[test]
    fn a_writer_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pack");
        let w = PackWriter::create(&path).unwrap();
        w.add(1, b"one".to_vec());
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
