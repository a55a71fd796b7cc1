//! The [`Site`]: what is published, in order, with the indexes every output reads (tags,
//! series, authors, related articles) computed once.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{Timestamp, Zoned};

use crate::config::Config;
use crate::content::{Article, Content};
use clinote_diagnostic::{Bilingual, Diagnostic};

/// Which articles a build shows.
#[derive(Debug, Clone)]
pub struct Selection {
    pub include_drafts: bool,
    pub include_future: bool,
    /// "Now", for deciding which articles are scheduled in the future.
    pub now: Timestamp,
}

/// A tag or series and its articles.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    /// The folder name in URLs (`tags/<slug>/`).
    pub slug: String,
    /// Indices into [`Site::articles`]: newest first for tags, oldest first for series.
    pub articles: Vec<usize>,
}

/// The next article waiting for its publication time.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub date: Zoned,
    pub title: String,
    pub file: String,
}

/// Everything a build publishes.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Published articles, newest first. Shared, so the preview server can keep every
    /// article in a pool and re-index without copying rendered HTML.
    pub articles: Vec<Arc<Article>>,
    /// Published pages, by slug.
    pub pages: Vec<Arc<Article>>,
    /// Tags, most used first, then by name.
    pub tags: Vec<Group>,
    /// Tag slug → index in `tags`.
    /// Looked up for every tag of every card: aHash, not SipHash.
    tag_index: ahash::AHashMap<String, usize>,
    pub series: Vec<Group>,
    /// For each author key in config order, their articles (newest first).
    pub authors: Vec<(String, Vec<usize>)>,
    /// For each article, up to three others sharing the most tags.
    pub related: Vec<Vec<usize>>,
    /// `0..articles.len()`: the index's list, in the same form as a tag's.
    pub all_indices: Vec<usize>,
    /// The earliest future article left out, for scheduled rebuilds.
    pub next_scheduled: Option<Scheduled>,
    pub drafts_left_out: usize,
    pub scheduled_left_out: usize,
}

const RELATED_COUNT: usize = 3;

impl Site {
    /// Chooses what to publish and builds the indexes. Articles are not rendered here.
    pub fn new(config: Config, content: Content, selection: &Selection) -> Site {
        Site::from_shared(
            config,
            content.articles.into_iter().map(Arc::new).collect(),
            content.pages.into_iter().map(Arc::new).collect(),
            selection,
        )
    }

    /// Like [`Site::new`], from articles and pages shared with someone else (the preview's
    /// pool of every parsed file).
    pub fn from_shared(
        config: Config,
        all_articles: Vec<Arc<Article>>,
        all_pages: Vec<Arc<Article>>,
        selection: &Selection,
    ) -> Site {
        let mut next_scheduled: Option<Scheduled> = None;
        let mut drafts_left_out = 0;
        let mut scheduled_left_out = 0;
        let mut articles: Vec<Arc<Article>> = Vec::with_capacity(all_articles.len());
        for a in all_articles {
            let future = a
                .meta
                .date
                .as_ref()
                .is_some_and(|d| d.timestamp() > selection.now);
            if a.meta.draft && !selection.include_drafts {
                drafts_left_out += 1;
                continue;
            }
            if future && !selection.include_future {
                scheduled_left_out += 1;
                // Drafts never go live by themselves, so they are not "next".
                if let Some(date) = &a.meta.date
                    && !a.meta.draft
                    && next_scheduled.as_ref().is_none_or(|n| *date < n.date)
                {
                    next_scheduled = Some(Scheduled {
                        date: date.clone(),
                        title: a.meta.title.clone(),
                        file: a.file.clone(),
                    });
                }
                continue;
            }
            articles.push(a);
        }
        articles.sort_by(|a, b| {
            b.meta
                .date
                .cmp(&a.meta.date)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut pages: Vec<Arc<Article>> = all_pages
            .into_iter()
            .filter(|p| selection.include_drafts || !p.meta.draft)
            .collect();
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));

        let tags = group_by(&articles, |a| a.meta.tags.clone(), false);
        let series = group_by(&articles, |a| a.meta.series.iter().cloned().collect(), true);
        let authors = config
            .authors
            .keys()
            .map(|key| {
                // The articles a doctor wrote, and those they reviewed (監修).
                let list = articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| {
                        a.author.as_deref() == Some(key)
                            || a.meta.reviewed_by.as_deref() == Some(key)
                    })
                    .map(|(i, _)| i)
                    .collect();
                (key.clone(), list)
            })
            .collect();
        let related = related(&articles, &tags);
        let tag_index = tags
            .iter()
            .enumerate()
            .map(|(i, g)| (g.slug.clone(), i))
            .collect();
        let all_indices = (0..articles.len()).collect();
        Site {
            config,
            all_indices,
            articles,
            pages,
            tags,
            tag_index,
            series,
            authors,
            related,
            next_scheduled,
            drafts_left_out,
            scheduled_left_out,
        }
    }

    pub fn tag(&self, name: &str) -> Option<&Group> {
        self.tag_by_slug(&term_slug(name))
    }

    /// The tag whose [`term_slug`] is `slug`.
    pub fn tag_by_slug(&self, slug: &str) -> Option<&Group> {
        self.tag_index.get(slug).map(|&i| &self.tags[i])
    }

    pub fn series_of(&self, name: &str) -> Option<&Group> {
        let slug = term_slug(name);
        self.series.iter().find(|g| g.slug == slug)
    }
}

/// Whether an article's date is still in the future.
pub fn is_future(article: &Article, now: Timestamp) -> bool {
    article
        .meta
        .date
        .as_ref()
        .is_some_and(|d| d.timestamp() > now)
}

/// A URL folder name for a tag or series: ASCII lower-cased, spaces as `-`, characters that
/// break paths dropped, Japanese kept.
///
/// ```
/// assert_eq!(clinote_site::site::term_slug("花粉症"), "花粉症");
/// assert_eq!(clinote_site::site::term_slug("COVID 19"), "covid-19");
/// ```
pub fn term_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.trim().chars() {
        if c.is_whitespace() || c == '-' || c == '\u{3000}' {
            dash = true;
        } else if c.is_control() || "/\\?#%\"'<>|*:&.".contains(c) {
            continue;
        } else {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        }
    }
    if out.is_empty() { "-".to_string() } else { out }
}

/// Warnings for tags (and series) whose names differ but whose addresses are the same
/// (`A B` and `a-b` are both `tags/a-b/`): they share one page, which the writer should know.
pub fn term_collisions<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Diagnostic> {
    let mut first: HashMap<String, String> = HashMap::new();
    let mut told: std::collections::HashSet<(String, String)> = Default::default();
    let mut diags = Vec::new();
    for a in articles {
        for (key, dir, name) in a
            .meta
            .tags
            .iter()
            .map(|t| ("tags", "tags", t))
            .chain(a.meta.series.iter().map(|s| ("series", "series", s)))
        {
            let slug = format!("{dir}/{}", term_slug(name));
            match first.get(&slug) {
                Some(other) if other != name => {
                    if told.insert((slug.clone(), name.clone())) {
                        diags.push(
                            Diagnostic::warning(Bilingual::new(
                                format!(
                                    "{key} の「{name}」は「{other}」と同じアドレス {slug}/ になり、一つのページにまとまります"
                                ),
                                format!(
                                    "{key} \"{name}\" and \"{other}\" have the same address, {slug}/, and share one page"
                                ),
                            ))
                            .at(a.locate_key(key))
                            .help(Bilingual::new(
                                format!("同じ意味なら「{other}」にそろえ、違う意味なら別の言葉にしてください。"),
                                format!("write \"{other}\" if they mean the same; otherwise use another word"),
                            )),
                        );
                    }
                }
                Some(_) => {}
                None => {
                    first.insert(slug, name.clone());
                }
            }
        }
    }
    diags
}

fn group_by(
    articles: &[Arc<Article>],
    names: impl Fn(&Article) -> Vec<String>,
    oldest_first: bool,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for name in names(a) {
            let slug = term_slug(&name);
            let g = *by_slug.entry(slug.clone()).or_insert_with(|| {
                groups.push(Group {
                    name: name.clone(),
                    slug,
                    articles: Vec::new(),
                });
                groups.len() - 1
            });
            if groups[g].articles.last() != Some(&i) {
                groups[g].articles.push(i);
            }
        }
    }
    for g in &mut groups {
        if oldest_first {
            g.articles.reverse();
        }
    }
    groups.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    groups
}

fn related(articles: &[Arc<Article>], tags: &[Group]) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let by_slug: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, g)| (g.slug.as_str(), i))
        .collect();
    let sets = TagSets::new(articles.len(), tags);
    articles
        .par_iter()
        .enumerate()
        .map_init(Vec::new, |counts, (i, a)| {
            let mine: Vec<&[u64]> = a
                .meta
                .tags
                .iter()
                .filter_map(|t| by_slug.get(term_slug(t).as_str()))
                .map(|&g| sets.of(g))
                .collect();
            sets.best(&mine, i, counts)
        })
        .collect()
}

/// Each tag's articles as a bitset, so that an article's related ones are found a machine
/// word (64 articles) at a time instead of one by one: at 10,000 articles of three tags each,
/// that is 500 words per article instead of 3,000 scattered counters.
struct TagSets {
    /// Machine words per set.
    words: usize,
    /// Tag `g`'s set is `bits[g * words..][..words]`.
    bits: Vec<u64>,
}

impl TagSets {
    fn new(articles: usize, tags: &[Group]) -> TagSets {
        let words = articles.div_ceil(64);
        let mut bits = vec![0u64; words * tags.len()];
        for (g, group) in tags.iter().enumerate() {
            for &j in &group.articles {
                bits[g * words + j / 64] |= 1 << (j % 64);
            }
        }
        TagSets { words, bits }
    }

    fn of(&self, g: usize) -> &[u64] {
        &self.bits[g * self.words..][..self.words]
    }

    /// Up to [`RELATED_COUNT`] articles other than `own`, sharing the most of the tag sets
    /// in `mine` (at least one), and among equals the newest (lowest index) first. `counts`
    /// is scratch space.
    fn best(&self, mine: &[&[u64]], own: usize, counts: &mut Vec<u64>) -> Vec<usize> {
        let mut best = Vec::with_capacity(RELATED_COUNT);
        if mine.is_empty() {
            return best;
        }
        // How many of the sets hold each article, as a binary number across `planes`
        // words (bit-sliced: plane p holds bit p of every article's count).
        let planes = (usize::BITS - mine.len().leading_zeros()) as usize;
        counts.clear();
        counts.resize(self.words * planes, 0);
        for set in mine {
            for (w, &word) in set.iter().enumerate() {
                let mut carry = word;
                for plane in &mut counts[w * planes..][..planes] {
                    let next = *plane & carry;
                    *plane ^= carry;
                    carry = next;
                    if carry == 0 {
                        break;
                    }
                }
            }
        }
        for shared in (1..=mine.len()).rev() {
            for w in 0..self.words {
                let mut hits = !0u64;
                for (p, &plane) in counts[w * planes..][..planes].iter().enumerate() {
                    hits &= if shared >> p & 1 == 1 { plane } else { !plane };
                }
                if w == own / 64 {
                    hits &= !(1 << (own % 64));
                }
                while hits != 0 {
                    best.push(w * 64 + hits.trailing_zeros() as usize);
                    if best.len() == RELATED_COUNT {
                        return best;
                    }
                    hits &= hits - 1;
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Related articles the plain way: count shared tags per article, sort.
    fn related_plainly(tags_of: &[Vec<usize>], own: usize) -> Vec<usize> {
        let mut scored: Vec<(usize, usize)> = (0..tags_of.len())
            .filter(|&j| j != own)
            .map(|j| {
                let shared = tags_of[own]
                    .iter()
                    .filter(|t| tags_of[j].contains(t))
                    .count();
                (shared, j)
            })
            .filter(|&(shared, _)| shared > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(RELATED_COUNT)
            .map(|(_, j)| j)
            .collect()
    }

    #[test]
    fn related_articles_by_bitsets_are_those_sharing_the_most_tags_then_the_newest() {
        // Sites of up to 300 articles (several words, a last one part full), 1 to 12 tags
        // of 20 each, from a fixed pseudo-random sequence.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..40 {
            let n = 1 + next(300);
            let tags_of: Vec<Vec<usize>> = (0..n)
                .map(|_| {
                    let mut t: Vec<usize> = (0..next(13)).map(|_| next(20)).collect();
                    t.sort();
                    t.dedup();
                    t
                })
                .collect();
            let groups: Vec<Group> = (0..20)
                .map(|t| Group {
                    name: t.to_string(),
                    slug: t.to_string(),
                    articles: (0..n).filter(|&j| tags_of[j].contains(&t)).collect(),
                })
                .collect();
            let sets = TagSets::new(n, &groups);
            let mut counts = Vec::new();
            for own in 0..n {
                let mine: Vec<&[u64]> = tags_of[own].iter().map(|&t| sets.of(t)).collect();
                assert_eq!(
                    sets.best(&mine, own, &mut counts),
                    related_plainly(&tags_of, own),
                    "article {own} of {n}"
                );
            }
        }
    }

    #[test]
    fn term_slugs() {
        assert_eq!(term_slug("花粉症"), "花粉症");
        assert_eq!(term_slug("COVID 19"), "covid-19");
        assert_eq!(term_slug(" a/b?c "), "abc");
        assert_eq!(term_slug("子ども　発熱"), "子ども-発熱");
        assert_eq!(term_slug("???"), "-");
    }
}
