//! The [`Site`]: what is published, in order, with the indexes every output reads (tags,
//! series, authors, related articles) computed once.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{Timestamp, Zoned};

use crate::config::Config;
use crate::content::{Article, Content};

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
    tag_index: HashMap<String, usize>,
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
                let list = articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.author.as_deref() == Some(key))
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
        self.tag_index.get(&term_slug(name)).map(|&i| &self.tags[i])
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
/// assert_eq!(clinote::site::term_slug("花粉症"), "花粉症");
/// assert_eq!(clinote::site::term_slug("COVID 19"), "covid-19");
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
    let by_slug: HashMap<&str, &Group> = tags.iter().map(|g| (g.slug.as_str(), g)).collect();
    // Each thread keeps one score per article, reset after each use: no allocation per
    // article and no sharing between threads.
    articles
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0u32; articles.len()], Vec::new()),
            |(scores, touched), (i, a)| {
                for t in &a.meta.tags {
                    if let Some(g) = by_slug.get(term_slug(t).as_str()) {
                        for &j in &g.articles {
                            if j != i {
                                if scores[j] == 0 {
                                    touched.push(j);
                                }
                                scores[j] += 1;
                            }
                        }
                    }
                }
                // Most shared tags first; among equals the newest (lower index) first.
                let order = |&x: &usize, &y: &usize| scores[y].cmp(&scores[x]).then(x.cmp(&y));
                // Only the best few are kept, in order, as the candidates go by.
                let mut best: Vec<usize> = Vec::with_capacity(RELATED_COUNT + 1);
                for j in touched.iter() {
                    if best.len() == RELATED_COUNT
                        && order(j, &best[RELATED_COUNT - 1]) != std::cmp::Ordering::Less
                    {
                        continue;
                    }
                    let at = best.partition_point(|b| order(b, j) == std::cmp::Ordering::Less);
                    best.insert(at, *j);
                    best.truncate(RELATED_COUNT);
                }
                for &j in touched.iter() {
                    scores[j] = 0;
                }
                touched.clear();
                best
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_slugs() {
        assert_eq!(term_slug("花粉症"), "花粉症");
        assert_eq!(term_slug("COVID 19"), "covid-19");
        assert_eq!(term_slug(" a/b?c "), "abc");
        assert_eq!(term_slug("子ども　発熱"), "子ども-発熱");
        assert_eq!(term_slug("???"), "-");
    }
}
