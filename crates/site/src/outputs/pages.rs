//! HTML pages through the theme: articles, static pages, the paginated index, tag, author and
//! series lists, the tag index and the 404 page. Pages render in parallel.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Data, OutputFile};
use crate::progress::{Progress, Stage};
use crate::render::meta::{MetaView, ShareView};
use crate::render::theme::Theme;
use crate::render::views::{Views, author_path, paginated_path, pagination, series_path, tag_path};
use crate::site::Site;
use clinote_diagnostic::Diagnostic;
use clinote_markdown::links::encode_path;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Article(usize),
    Page(usize),
    Index {
        page: usize,
        pages: usize,
    },
    Tag {
        tag: usize,
        page: usize,
        pages: usize,
    },
    Author {
        author: usize,
        page: usize,
        pages: usize,
    },
    Series(usize),
    TagIndex,
    NotFound,
    /// The staff's page of X posts and LINE messages (`[teasers] page = true`, and in serve).
    Teasers {
        page: usize,
        pages: usize,
    },
    /// The search page (results are found in the browser).
    Search,
}

impl Job {
    /// The output file this job writes (`articles/x/index.html`, `404.html`).
    pub fn path(&self, site: &Site) -> String {
        let folder = match *self {
            Job::Article(i) => site.articles[i].url_path.clone(),
            Job::Page(i) => site.pages[i].url_path.clone(),
            Job::Index { page, .. } => paginated_path("", page),
            Job::Tag { tag, page, .. } => paginated_path(&tag_path(&site.tags[tag].slug), page),
            Job::Author { author, page, .. } => {
                paginated_path(&author_path(&site.authors[author].0), page)
            }
            Job::Series(s) => series_path(&site.series[s].slug),
            Job::TagIndex => "tags/".to_string(),
            Job::NotFound => return "404.html".to_string(),
            Job::Teasers { page, .. } => paginated_path(super::teasers::TEASERS_DIR, page),
            Job::Search => "search/".to_string(),
        };
        format!("{folder}index.html")
    }
}

/// What a list page is about, for its template.
#[derive(Debug, Serialize)]
struct ListView {
    /// `index`, `tag`, `author` or `series`.
    kind: &'static str,
    /// The tag, author or series name (empty for the index).
    name: String,
    description: String,
    feed_url: Option<String>,
}

/// Every page of the site.
pub fn all_jobs(site: &Site) -> Vec<Job> {
    let per = site.config.paginate.max(1);
    let pages_of = |n: usize| n.div_ceil(per).max(1);
    let mut jobs: Vec<Job> = Vec::new();
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    let index_pages = pages_of(site.articles.len());
    jobs.extend((1..=index_pages).map(|page| Job::Index {
        page,
        pages: index_pages,
    }));
    for (tag, g) in site.tags.iter().enumerate() {
        let pages = pages_of(g.articles.len());
        jobs.extend((1..=pages).map(|page| Job::Tag { tag, page, pages }));
    }
    for (author, (_, list)) in site.authors.iter().enumerate() {
        let pages = pages_of(list.len());
        jobs.extend((1..=pages).map(|page| Job::Author {
            author,
            page,
            pages,
        }));
    }
    jobs.extend((0..site.series.len()).map(Job::Series));
    jobs.push(Job::TagIndex);
    jobs.push(Job::NotFound);
    jobs.push(Job::Search);
    if site.config.teasers.page {
        jobs.extend((1..=index_pages).map(|page| Job::Teasers {
            page,
            pages: index_pages,
        }));
    }
    jobs
}

/// The teaser page that shows article `i`, when teaser pages are made.
pub fn teasers_job(site: &Site, i: usize) -> Option<Job> {
    let per = site.config.paginate.max(1);
    site.config.teasers.page.then(|| Job::Teasers {
        page: i / per + 1,
        pages: site.articles.len().div_ceil(per).max(1),
    })
}

/// The pages that show article `i`'s card (title, summary, cover, …): its own page, the list
/// pages it appears on, its neighbours (previous/next links), the articles that list it as
/// related, and the other parts of its series. What changes with the card, when the site's
/// order and grouping do not.
pub fn jobs_showing(site: &Site, i: usize) -> Vec<Job> {
    let per = site.config.paginate.max(1);
    let pages_of = |n: usize| n.div_ceil(per).max(1);
    let page_of = |list: &[usize]| list.iter().position(|&j| j == i).map(|p| p / per + 1);
    let mut jobs = vec![Job::Article(i)];
    let index_pages = pages_of(site.articles.len());
    jobs.push(Job::Index {
        page: i / per + 1,
        pages: index_pages,
    });
    for (tag, g) in site.tags.iter().enumerate() {
        if let Some(page) = page_of(&g.articles) {
            let pages = pages_of(g.articles.len());
            jobs.push(Job::Tag { tag, page, pages });
        }
    }
    for (author, (_, list)) in site.authors.iter().enumerate() {
        if let Some(page) = page_of(list) {
            let pages = pages_of(list.len());
            jobs.push(Job::Author {
                author,
                page,
                pages,
            });
        }
    }
    for (s, g) in site.series.iter().enumerate() {
        if g.articles.contains(&i) {
            jobs.push(Job::Series(s));
            jobs.extend(g.articles.iter().map(|&j| Job::Article(j)));
        }
    }
    if i > 0 {
        jobs.push(Job::Article(i - 1));
    }
    if i + 1 < site.articles.len() {
        jobs.push(Job::Article(i + 1));
    }
    jobs.extend(
        site.related
            .iter()
            .enumerate()
            .filter(|(_, r)| r.contains(&i))
            .map(|(j, _)| Job::Article(j)),
    );
    let mut seen = std::collections::HashSet::new();
    jobs.retain(|j| seen.insert(*j));
    jobs
}

/// Renders the given pages in parallel.
pub fn render(
    views: &Views<'_>,
    theme: &Theme,
    jobs: &[Job],
    progress: &dyn Progress,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    progress.stage(Stage::Pages, jobs.len());
    let cards = Cards::new(views);
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let r = render_job(views, theme, job, &cards);
            progress.advance(1);
            r
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

/// Renders the given pages in parallel and hands each to `each` as soon as it is made, so that
/// they are never all in memory. Returns the pages' errors, or the first error of `each`.
pub fn render_each<E: Send>(
    views: &Views<'_>,
    theme: &Theme,
    jobs: &[Job],
    progress: &dyn Progress,
    each: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<Vec<Diagnostic>, E> {
    progress.stage(Stage::Pages, jobs.len());
    let cards = Cards::new(views);
    let diags = std::sync::Mutex::new(Vec::new());
    jobs.par_iter().try_for_each(|job| {
        match render_job(views, theme, job, &cards) {
            Ok(f) => each(f)?,
            Err(d) => diags.lock().unwrap_or_else(|e| e.into_inner()).push(d),
        }
        progress.advance(1);
        Ok(())
    })?;
    Ok(diags.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Each article's card as the templates see it, made the first time a page lists it and then
/// shared: a card appears on up to a dozen pages (index, tags, author, neighbours), and
/// template values share their contents, so a copy costs nothing.
struct Cards<'v> {
    views: &'v Views<'v>,
    made: Vec<std::sync::OnceLock<tera::Value>>,
}

impl<'v> Cards<'v> {
    fn new(views: &'v Views<'v>) -> Self {
        let made = std::iter::repeat_with(std::sync::OnceLock::new)
            .take(views.site.articles.len())
            .collect();
        Cards { views, made }
    }

    /// The card of article `i` (an index into `site.articles`).
    fn get(&self, i: usize) -> tera::Value {
        self.made[i]
            .get_or_init(|| {
                tera::Value::from_serializable(&self.views.card(&self.views.site.articles[i]))
            })
            .clone()
    }

    fn list(&self, indices: &[usize]) -> tera::Value {
        tera::Value::from(indices.iter().map(|&i| self.get(i)).collect::<Vec<_>>())
    }
}

fn render_job(
    views: &Views<'_>,
    theme: &Theme,
    job: &Job,
    cards: &Cards<'_>,
) -> Result<OutputFile, Diagnostic> {
    let site = views.site;
    let config = &site.config;
    let per = config.paginate.max(1);
    let mut ctx = Context::new();
    let (template, path) = match *job {
        Job::Article(i) => {
            let a = &site.articles[i];
            // The card every list shows of it, with what only its own page adds.
            let mut article = cards.get(i).into_map().unwrap_or_default();
            if let Some(page) = tera::Value::from_serializable(&views.article_page(a)).into_map() {
                article.extend(page);
            }
            ctx.insert_value("article", tera::Value::from(article));
            // Articles are newest first: the previous (older) one comes after this one.
            let prev = (i + 1 < site.articles.len()).then(|| cards.get(i + 1));
            ctx.insert_value("prev", prev.unwrap_or_else(tera::Value::none));
            let next = i.checked_sub(1).map(|n| cards.get(n));
            ctx.insert_value("next", next.unwrap_or_else(tera::Value::none));
            ctx.insert_value("related", cards.list(&site.related[i]));
            let share = ShareView::new(config, a);
            // Drawn here, not linked: a printed page must not wait for an image to load.
            let qr = clinote_posts::qr_svg(&share.url, &a.meta.title);
            ctx.insert("handout_qr", &qr);
            ctx.insert("share", &share);
            ctx.insert("meta", &MetaView::article(config, a));
            ("article.html", a.url_path.clone())
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            ctx.insert("page", &views.article(p));
            ctx.insert("meta", &MetaView::article(config, p));
            ("page.html", p.url_path.clone())
        }
        Job::Index { page, pages } => {
            let first = String::new();
            let list = ListView {
                kind: "index",
                name: String::new(),
                description: config.description.clone(),
                feed_url: Some(config.site_path("feed.xml")),
            };
            list_context(
                &mut ctx,
                views,
                cards,
                &list,
                &site.all_indices,
                &first,
                page,
                pages,
                per,
            );
            let path = paginated_path(&first, page);
            let title = (page > 1)
                .then(|| string(theme, "page_n", "{n}").replace("{n}", &page.to_string()));
            ctx.insert(
                "meta",
                &MetaView::page(config, title.as_deref(), &config.description, &path),
            );
            ("list.html", path)
        }
        Job::Tag { tag, page, pages } => {
            let g = &site.tags[tag];
            let first = tag_path(&g.slug);
            let list = ListView {
                kind: "tag",
                name: g.name.clone(),
                description: String::new(),
                feed_url: Some(config.site_path(&encode_path(&format!("{first}feed.xml")))),
            };
            list_context(
                &mut ctx,
                views,
                cards,
                &list,
                &g.articles,
                &first,
                page,
                pages,
                per,
            );
            let path = paginated_path(&first, page);
            ctx.insert(
                "meta",
                &MetaView::page(config, Some(&g.name), "", &encode_path(&path)),
            );
            ("list.html", path)
        }
        Job::Author {
            author,
            page,
            pages,
        } => {
            let (key, list_idx) = &site.authors[author];
            let first = author_path(key);
            let view = views.author(key);
            let name = view.as_ref().map_or(key.clone(), |a| a.name.clone());
            let description = view
                .as_ref()
                .and_then(|a| a.bio.clone())
                .unwrap_or_default();
            let list = ListView {
                kind: "author",
                name: name.clone(),
                description: description.clone(),
                feed_url: None,
            };
            ctx.insert("author", &view);
            // Cards of articles this author reviewed rather than wrote are marked 監修.
            ctx.insert("reviewed_key", key);
            list_context(
                &mut ctx, views, cards, &list, list_idx, &first, page, pages, per,
            );
            let path = paginated_path(&first, page);
            ctx.insert(
                "meta",
                &MetaView::page(config, Some(&name), &description, &encode_path(&path)),
            );
            ("list.html", path)
        }
        Job::Series(s) => {
            let g = &site.series[s];
            let first = series_path(&g.slug);
            let list = ListView {
                kind: "series",
                name: g.name.clone(),
                description: String::new(),
                feed_url: None,
            };
            let total = g.articles.len();
            list_context(
                &mut ctx,
                views,
                cards,
                &list,
                &g.articles,
                &first,
                1,
                1,
                total.max(1),
            );
            ctx.insert(
                "meta",
                &MetaView::page(config, Some(&g.name), "", &encode_path(&first)),
            );
            ("list.html", first)
        }
        Job::TagIndex => {
            let tags: Vec<_> = site
                .tags
                .iter()
                .map(|g| views.term(g, tag_path(&g.slug)))
                .collect();
            ctx.insert("tags", &tags);
            let title = string(theme, "tags", "Tags");
            ctx.insert("meta", &MetaView::page(config, Some(&title), "", "tags/"));
            ("tags.html", "tags/".to_string())
        }
        Job::Teasers { page, pages } => {
            let start = ((page - 1) * per).min(site.all_indices.len());
            let end = (start + per).min(site.all_indices.len());
            let nav = pagination(config, super::teasers::TEASERS_DIR, page, pages);
            let html = super::teasers::page(views, theme, &site.all_indices[start..end], &nav)?;
            let path = job.path(site);
            return Ok(OutputFile {
                data: Data::Bytes(super::relative::relativize(
                    &html,
                    &path,
                    config.base_path(),
                )),
                path,
            });
        }
        Job::Search => {
            let title = string(theme, "search", "Search");
            let mut meta = MetaView::page(config, Some(&title), "", "search/");
            // Result pages are made in the browser; the empty form is not worth indexing.
            meta.noindex = true;
            ctx.insert("meta", &meta);
            ("search.html", "search/".to_string())
        }
        Job::NotFound => {
            let title = string(theme, "not_found_title", "404");
            let mut meta = MetaView::page(config, Some(&title), "", "404.html");
            meta.noindex = true;
            ctx.insert("meta", &meta);
            ("404.html", "404.html".to_string())
        }
    };
    let html = theme.render(template, &ctx, &path)?;
    let path = job.path(site);
    // Page-relative links, except on the 404 page, which hosts serve at any depth.
    let html = match job {
        Job::NotFound => html,
        _ => super::relative::relativize(&html, &path, config.base_path()),
    };
    Ok(OutputFile {
        path,
        data: Data::Bytes(html),
    })
}

#[allow(clippy::too_many_arguments)]
fn list_context(
    ctx: &mut Context,
    views: &Views<'_>,
    cards: &Cards<'_>,
    list: &ListView,
    indices: &[usize],
    first: &str,
    page: usize,
    pages: usize,
    per: usize,
) {
    let start = ((page - 1) * per).min(indices.len());
    let end = (start + per).min(indices.len());
    ctx.insert("list", list);
    ctx.insert_value("articles", cards.list(&indices[start..end]));
    ctx.insert(
        "pagination",
        &pagination(&views.site.config, first, page, pages),
    );
}

/// A fixed string of the theme, in the site's language.
fn string(theme: &Theme, key: &str, default: &str) -> String {
    theme
        .strings
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(default)
        .to_string()
}
