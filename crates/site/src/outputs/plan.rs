//! Every output of a site as a value, and what each is made from.
//!
//! A build makes [`all`] of them. After an edit to one article, [`reached`] says which ones
//! show what changed, so that the preview makes only those again. Both go through
//! [`make_files`] (and [`super::pages`] for the pages), so an output's dependencies are
//! written down once, here.
//!
//! What an output is made from, by how far an edit reaches ([`reach_of`]):
//! - the article's own page, its teaser page, the feeds it is in (the newest `[feed] limit`),
//!   the search index, its link card and its bundle's files: everything of the article;
//! - the pages that show its card (lists, neighbours, related articles, its series) and the
//!   sitemap (`lastmod`): its title, summary, cover, dates, reading time;
//! - everything else (tag pages, pagination, navigation): the site's order and grouping.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use rayon::prelude::*;

use super::pages::{self, Job};
use super::{Data, OutputFile, cards, search, sitemap, teasers};
use crate::content::{Article, Kind};
use crate::render::theme::Theme;
use crate::render::views::Views;
use crate::site::{Site, is_future};
use clinote_diagnostic::Diagnostic;

/// One output of the site: one file, or files made together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// An HTML page, rendered through the theme.
    Page(Job),
    /// `feed.xml`.
    SiteFeed,
    /// `tags/<tag>/feed.xml`.
    TagFeed(usize),
    Sitemap,
    Robots,
    /// The search index's files.
    SearchIndex,
    /// The link card image of an article or page (by its index in `site.articles` or
    /// `site.pages`).
    Card(Kind, usize),
    /// The files beside one bundle's `index.md`.
    Bundle(Kind, usize),
    /// Every copied file: the theme's static files, the site's `static/`, every bundle's files.
    Copied,
    /// The QR code of the clinic's LINE account.
    LineQr,
}

/// How far a change to one article or page reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// Its own outputs.
    Body,
    /// Also every output that shows its card.
    Card,
    /// The whole site's order and grouping: everything.
    Structure,
}

/// How far the change from `old` to `new` (one article or page) reaches.
pub fn reach_of(old: &Article, new: &Article, now: Timestamp) -> Reach {
    let structure = |a: &Article| {
        (
            a.kind,
            a.slug.clone(),
            a.meta.date.as_ref().map(|d| d.timestamp()),
            a.meta.tags.clone(),
            a.meta.series.clone(),
            a.author.clone(),
            // The reviewer's author page lists the article too.
            a.meta.reviewed_by.clone(),
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

/// Every output of the site.
pub fn all(site: &Site) -> Vec<Output> {
    let mut outputs: Vec<Output> = pages::all_jobs(site)
        .into_iter()
        .map(Output::Page)
        .collect();
    outputs.push(Output::Copied);
    outputs.push(Output::SiteFeed);
    outputs.extend((0..site.tags.len()).map(Output::TagFeed));
    outputs.extend([Output::Sitemap, Output::Robots, Output::SearchIndex]);
    outputs.extend((0..site.articles.len()).map(|i| Output::Card(Kind::Article, i)));
    outputs.extend((0..site.pages.len()).map(|i| Output::Card(Kind::Page, i)));
    outputs.push(Output::LineQr);
    outputs
}

/// The outputs that show what changed in article or page `i` of `kind`, when the change
/// reaches `reach`; each once.
pub fn reached(site: &Site, kind: Kind, i: usize, reach: Reach) -> Vec<Output> {
    if reach == Reach::Structure {
        return all(site);
    }
    let mut outputs = Vec::new();
    match kind {
        Kind::Article => {
            let jobs = match reach {
                Reach::Body => vec![Job::Article(i)],
                _ => pages::jobs_showing(site, i),
            };
            outputs.extend(jobs.into_iter().map(Output::Page));
            outputs.extend(pages::teasers_job(site, i).map(Output::Page));
            // Feeds carry only the newest items: an older article's edit changes none of them.
            let limit = site.config.feed.limit;
            if i < limit {
                outputs.push(Output::SiteFeed);
            }
            outputs.extend(
                site.tags
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.articles.iter().take(limit).any(|&j| j == i))
                    .map(|(t, _)| Output::TagFeed(t)),
            );
        }
        Kind::Page => outputs.push(Output::Page(Job::Page(i))),
    }
    if reach == Reach::Card {
        outputs.push(Output::Sitemap);
    }
    outputs.extend([
        Output::SearchIndex,
        Output::Card(kind, i),
        Output::Bundle(kind, i),
    ]);
    let mut seen = std::collections::HashSet::new();
    outputs.retain(|o| seen.insert(*o));
    outputs
}

/// Makes `outputs` but the pages (those render one at a time through [`pages::render_each`]
/// or [`pages::render`]), in parallel, sorted by path. `search` is the search index's files
/// when the caller made them already; otherwise they are made here, with the search cache
/// when `search_cache`.
///
/// Where two outputs make a file at one path, copied files give way to a bundle's, and those
/// to generated files; nothing is made at `page_paths`, where pages go.
pub fn make_files(
    views: &Views<'_>,
    theme: &Theme,
    root: &Path,
    outputs: &[Output],
    search: Option<Vec<OutputFile>>,
    search_cache: bool,
    page_paths: &[String],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let rank = |o: &Output| match o {
        Output::Copied => 0,
        Output::Bundle(..) => 1,
        _ => 2,
    };
    let mut ordered: Vec<&Output> = outputs
        .iter()
        .filter(|o| !matches!(o, Output::Page(_)))
        .collect();
    ordered.sort_by_key(|o| rank(o));
    let search = std::sync::Mutex::new(search);
    let made: Vec<Result<Vec<OutputFile>, Vec<Diagnostic>>> = ordered
        .par_iter()
        .map(|o| match o {
            Output::SearchIndex => {
                let given = search.lock().unwrap_or_else(|e| e.into_inner()).take();
                Ok(given.unwrap_or_else(|| search::files(views, search_cache.then_some(root))))
            }
            _ => make_one(views, theme, root, o),
        })
        .collect();
    let mut files: BTreeMap<String, Data> = BTreeMap::new();
    let mut errors = Vec::new();
    // In rank order: a later file at a path replaces an earlier one.
    for r in made {
        match r {
            Ok(made) => files.extend(made.into_iter().map(|f| (f.path, f.data))),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for path in page_paths {
        files.remove(path);
    }
    Ok(files
        .into_iter()
        .map(|(path, data)| OutputFile { path, data })
        .collect())
}

/// One output that is not a page or the search index.
fn make_one(
    views: &Views<'_>,
    theme: &Theme,
    root: &Path,
    output: &Output,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let site = views.site;
    let of = |kind: Kind, i: usize| match kind {
        Kind::Article => &site.articles[i],
        Kind::Page => &site.pages[i],
    };
    Ok(match *output {
        Output::SiteFeed => vec![super::site_feed(site)],
        Output::TagFeed(t) => vec![super::tag_feed(site, t)],
        Output::Sitemap => {
            let html: Vec<String> = pages::all_jobs(site).iter().map(|j| j.path(site)).collect();
            vec![super::sitemap_file(site, &html)]
        }
        Output::Robots => vec![OutputFile {
            path: "robots.txt".to_string(),
            data: Data::Bytes(sitemap::robots(site).into_bytes()),
        }],
        Output::Card(kind, i) => match cards::file(site, root, of(kind, i)) {
            Some(Ok(card)) => vec![card],
            Some(Err(d)) => return Err(vec![d]),
            None => Vec::new(),
        },
        Output::Bundle(kind, i) => {
            let files = super::bundle_files(of(kind, i)).into_iter().collect();
            let (files, problems) = super::images::publish(files, site, root);
            if !problems.is_empty() {
                return Err(problems);
            }
            files
                .into_iter()
                .map(|(path, data)| OutputFile { path, data })
                .collect()
        }
        Output::Copied => super::static_files(theme, root, site)?,
        Output::LineQr => teasers::qr(&site.config).into_iter().collect(),
        Output::Page(_) | Output::SearchIndex => Vec::new(),
    })
}
