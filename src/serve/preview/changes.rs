//! Which served files a rebuild changed.

use super::FileMap;

/// Output paths whose data differs between two file sets (added, removed or changed).
pub(super) fn changed_paths(old: &FileMap, new: &FileMap) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(p, d)| old.get(*p).is_none_or(|o| o != *d))
        .map(|(p, _)| p.clone())
        .chain(old.keys().filter(|p| !new.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}
