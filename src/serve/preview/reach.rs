//! How far one edit reaches: its own page, every page showing its card, or the whole site's
//! order; and which served files a rebuild changed.

use clinote_site::content::{Article, Kind};
use clinote_site::site::is_future;
use jiff::Timestamp;

use super::FileMap;

/// How much of the site one changed file affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Reach {
    /// Its own page and its feeds.
    Body,
    /// Every page that shows its card.
    Card,
    /// The whole site's order.
    Structure,
}

/// How far a change to one article reaches.
pub(super) fn reach_of(old: &Article, new: &Article, now: Timestamp) -> Reach {
    let structure = |a: &Article| {
        (
            a.kind,
            a.slug.clone(),
            a.meta.date.as_ref().map(|d| d.timestamp()),
            a.meta.tags.clone(),
            a.meta.series.clone(),
            a.author.clone(),
            a.meta.draft,
            is_future(a, now),
            // A page's title is in every page's navigation.
            (a.kind == Kind::Page).then(|| a.meta.title.clone()),
            a.assets.clone(),
        )
    };
    if structure(old) != structure(new) {
        return Reach::Structure;
    }
    let card = |a: &Article| {
        (
            a.meta.title.clone(),
            a.summary.clone(),
            a.cover
                .as_ref()
                .map(|c| (c.url.clone(), c.alt.clone(), c.width, c.height)),
            a.meta.updated.as_ref().map(|d| d.timestamp()),
            a.rendered.reading_minutes,
        )
    };
    if card(old) != card(new) {
        Reach::Card
    } else {
        Reach::Body
    }
}

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
