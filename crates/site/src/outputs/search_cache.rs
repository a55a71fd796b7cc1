//! The search index's shard files kept between builds, in `.clinote/cache/search.bin`.
//!
//! The shards are a function of the documents' grams alone, in order (see
//! [`super::search`]), and merging 10,000 documents' grams is a tenth of a rebuild. So the
//! last shards are stored under a digest of exactly that input: a build whose documents read
//! the same takes them back instead of merging, and any other input simply misses. One slot:
//! the newest shards replace the old ones.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{Data, OutputFile};
use crate::search_terms::DocGrams;

/// Where the shards are kept, relative to the site root.
pub const FILE: &str = ".clinote/cache/search.bin";

/// Bumped whenever the shards' format or [`Stored`] changes.
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    digest: u128,
    /// Path and JSON text of each shard file (text is read back in one copy; bytes would be
    /// read one at a time).
    files: Vec<(String, String)>,
}

/// A digest of every document's grams, in order, of the shard count and of the clinote
/// binary (which writes the shards). `None` when the binary cannot be identified: then
/// nothing is cached.
pub fn digest<'a>(docs: impl IntoIterator<Item = &'a DocGrams>, shards: u32) -> Option<u128> {
    let mut h = Xxh3::new();
    h.update(&FORMAT.to_le_bytes());
    crate::stage::cache::hash_binary(&mut h)?;
    h.update(&shards.to_le_bytes());
    for d in docs {
        h.update(&(d.all.len() as u64).to_le_bytes());
        h.update(bytemuck::cast_slice(&d.all));
        h.update(&(d.head.len() as u64).to_le_bytes());
        for &(k, flags) in &d.head {
            h.update(&k.to_le_bytes());
            h.update(&[flags]);
        }
    }
    Some(h.digest128())
}

/// The shard files stored under `digest`, if those are the ones kept in the site at `root`.
pub fn load(root: &Path, digest: u128) -> Option<Vec<OutputFile>> {
    let bytes = std::fs::read(root.join(FILE)).ok()?;
    let stored: Stored = postcard::from_bytes(&bytes).ok()?;
    (stored.format == FORMAT && stored.digest == digest).then(|| {
        stored
            .files
            .into_iter()
            .map(|(path, text)| OutputFile {
                path,
                data: Data::Bytes(text.into_bytes()),
            })
            .collect()
    })
}

/// Keeps `files` under `digest`. A cache that cannot be written only makes the next build
/// slower, so failures are ignored. Written beside the old file and renamed over it, so a
/// reader sees the old shards or the new ones, never half.
pub fn store(root: &Path, digest: u128, files: &[OutputFile]) {
    // Shards are JSON text; a file that is not is not kept.
    let Some(files) = files
        .iter()
        .map(|f| match &f.data {
            Data::Bytes(b) => String::from_utf8(b.clone())
                .ok()
                .map(|t| (f.path.clone(), t)),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let stored = Stored {
        format: FORMAT,
        digest,
        files,
    };
    let Ok(bytes) = postcard::to_allocvec(&stored) else {
        return;
    };
    let path: PathBuf = root.join(FILE);
    if let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_err()
    {
        return;
    }
    let tmp = crate::stage::cache_pack::temp_path(&path);
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(all: &[u64], head: &[(u64, u8)]) -> DocGrams {
        DocGrams {
            all: all.to_vec(),
            head: head.to_vec(),
        }
    }

    #[test]
    fn the_digest_follows_every_gram_flag_order_and_shard_count() {
        let a = grams(&[1, 2, 3], &[(1, 1)]);
        let b = grams(&[4], &[]);
        let base = digest([&a, &b], 16);
        assert_eq!(base, digest([&a, &b], 16));
        assert_ne!(base, digest([&b, &a], 16), "document order gives the ids");
        assert_ne!(base, digest([&a, &b], 64));
        assert_ne!(base, digest([&grams(&[1, 2, 5], &[(1, 1)]), &b], 16));
        assert_ne!(base, digest([&grams(&[1, 2, 3], &[(1, 2)]), &b], 16));
        // Where one document ends and the next begins matters too.
        assert_ne!(
            base,
            digest([&grams(&[1, 2], &[]), &grams(&[3, 4], &[(1, 1)])], 16)
        );
    }

    #[test]
    fn stored_shards_come_back_only_for_their_digest() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile {
            path: "search/s/0.json".into(),
            data: Data::Bytes(b"{}".to_vec()),
        }];
        assert!(load(dir.path(), 7).is_none());
        store(dir.path(), 7, &files);
        let back = load(dir.path(), 7).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].path, "search/s/0.json");
        assert_eq!(back[0].data, Data::Bytes(b"{}".to_vec()));
        assert!(load(dir.path(), 8).is_none());
        // The newest replaces it.
        store(dir.path(), 8, &[]);
        assert!(load(dir.path(), 7).is_none());
        assert!(load(dir.path(), 8).is_some_and(|f| f.is_empty()));
    }
}
