//! What templates see: plain, serializable views of the site, articles, authors and lists.
//!
//! URLs in views are root-relative (`/blog/articles/x/`), so pages work under any base path;
//! `meta` carries the absolute ones that canonical links, OpenGraph and feeds need.

use serde::Serialize;

use crate::config::hours::Hours;
use crate::config::{Config, Language};
use crate::content::{Article, Image};
use crate::dates::DateView;
use crate::site::{Group, Site, is_future};
use clinote_markdown::headings::TocEntry;

/// The site as templates see it (in Tera's global context as `site`).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub base_path: String,
    pub language: &'static str,
    pub home_url: String,
    pub feed_url: String,
    pub tags_url: String,
    pub clinic: ClinicView,
    /// `[brand] logo`, root-relative.
    pub logo: Option<String>,
    /// `[brand]`'s colours as CSS rules over the theme's (only hex colours, safe to inline).
    pub brand_css: Option<String>,
    /// `[analytics]`'s script tag (its ID is checked to be plain).
    pub analytics: Option<String>,
    /// Static pages, for the header navigation.
    pub nav: Vec<LinkView>,
    pub authors: Vec<AuthorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClinicView {
    pub name: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// `tel:` link with only digits and `+`.
    pub phone_href: Option<String>,
    pub email: Option<String>,
    pub line_id: Option<String>,
    /// LINE's friend-add link for the official account.
    pub line_add_url: Option<String>,
    pub x_handle: Option<String>,
    pub x_url: Option<String>,
    pub booking_url: Option<String>,
    pub map_url: Option<String>,
    pub departments: Vec<String>,
    pub access: Option<String>,
    pub hours: Option<HoursView>,
}

/// The opening hours as a timetable: a row per weekday, Monday first.
#[derive(Debug, Clone, Serialize)]
pub struct HoursView {
    pub days: Vec<DayView>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    /// `月曜日` / `Monday`.
    pub name: &'static str,
    /// `月` / `Mon`.
    pub short: &'static str,
    /// `9:00〜12:30、15:00〜18:30`; empty when closed.
    pub times: String,
    pub closed: bool,
}

impl HoursView {
    pub fn new(hours: &Hours, lang: Language) -> HoursView {
        const JA: [(&str, &str); 7] = [
            ("月曜日", "月"),
            ("火曜日", "火"),
            ("水曜日", "水"),
            ("木曜日", "木"),
            ("金曜日", "金"),
            ("土曜日", "土"),
            ("日曜日", "日"),
        ];
        const EN: [(&str, &str); 7] = [
            ("Monday", "Mon"),
            ("Tuesday", "Tue"),
            ("Wednesday", "Wed"),
            ("Thursday", "Thu"),
            ("Friday", "Fri"),
            ("Saturday", "Sat"),
            ("Sunday", "Sun"),
        ];
        let (names, to, and) = match lang {
            Language::Ja => (JA, "〜", "、"),
            Language::En => (EN, "–", ", "),
        };
        let days = hours
            .days
            .iter()
            .zip(names)
            .map(|(ranges, (name, short))| DayView {
                name,
                short,
                times: ranges
                    .iter()
                    .map(|r| format!("{}{to}{}", r.opens.display(), r.closes.display()))
                    .collect::<Vec<_>>()
                    .join(and),
                closed: ranges.is_empty(),
            })
            .collect();
        HoursView {
            days,
            note: hours.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    pub key: String,
    pub name: String,
    pub role: Option<String>,
    pub bio: Option<String>,
    pub avatar: Option<String>,
    /// The avatar's widths when it is a photo (shown small: the smallest is enough).
    pub avatar_srcset: Option<String>,
    pub avatar_webp_srcset: Option<String>,
    pub url: String,
}

/// A tag or series link.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub title: String,
    pub url: String,
    pub slug: String,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub summary: String,
    pub cover: Option<Image>,
    pub tags: Vec<TermView>,
    pub author: Option<AuthorView>,
    /// The key of the author who reviewed it (監修), if any.
    pub reviewed_by: Option<String>,
    pub reading_minutes: u32,
    pub draft: bool,
    /// Dated in the future (shown only in preview).
    pub scheduled: bool,
}

/// A whole article: its card and what only its own page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub card: CardView,
    #[serde(flatten)]
    pub page: ArticlePageView<'a>,
}

/// What an article's own page shows beyond its card.
#[derive(Debug, Clone, Serialize)]
pub struct ArticlePageView<'a> {
    pub description: &'a str,
    /// Borrowed: the HTML is most of a page, and tera copies it once anyway.
    pub content: &'a str,
    /// h2 entries with their h3 entries as children.
    pub toc: Vec<TocView>,
    /// How many headings the table of contents lists (it is shown from two).
    pub toc_size: usize,
    /// Whether the top headings carry their own numbers (`## 1. …`, `## ① …`): the list
    /// then shows no numbers of its own, or a reader would see "1. 1. …".
    pub toc_numbered: bool,
    pub reviewer: Option<AuthorView>,
    pub series: Option<SeriesView>,
}

/// A table of contents entry and the entries under it.
#[derive(Debug, Clone, Serialize)]
pub struct TocView {
    pub id: String,
    pub title: String,
    pub children: Vec<TocView>,
}

/// Whether a heading starts with its own number: `1.`, `1)`, `1、`, `１．`, `(1)`, `①`,
/// `第1章`; not `Step 1`, `10 のコツ` or `2026年`.
pub fn numbered(title: &str) -> bool {
    let t = title.trim_start();
    let t = t.strip_prefix(['(', '（']).unwrap_or(t);
    let mut chars = t.chars().peekable();
    match chars.peek() {
        Some('①'..='⑳' | '❶'..='❿' | 'Ⅰ'..='Ⅻ') => return true,
        Some('第') => {
            chars.next();
        }
        _ => {}
    }
    let mut digits = 0;
    while chars
        .next_if(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .is_some()
    {
        digits += 1;
    }
    digits > 0 && chars.next().is_some_and(|c| ".．)）、。:：章".contains(c))
}

/// Nests h3 entries under the h2 before them (an h3 before any h2 stays at the top).
pub fn nest_toc(entries: &[TocEntry]) -> Vec<TocView> {
    let mut out: Vec<TocView> = Vec::new();
    for e in entries {
        let view = TocView {
            id: e.id.clone(),
            title: e.title.clone(),
            children: Vec::new(),
        };
        match out.last_mut() {
            Some(parent) if e.level > 2 && parent_level(entries, &parent.id) == 2 => {
                parent.children.push(view)
            }
            _ => out.push(view),
        }
    }
    out
}

fn parent_level(entries: &[TocEntry], id: &str) -> u8 {
    entries.iter().find(|e| e.id == id).map_or(0, |e| e.level)
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    pub name: String,
    pub url: String,
    /// 1-based position of this article.
    pub position: usize,
    pub total: usize,
    pub parts: Vec<SeriesPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesPart {
    pub number: usize,
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageLink>,
}

/// One entry of the page links: a page, or a gap (`…`) between distant pages.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

/// Pages on either side of the current one that get their own link.
const PAGE_WINDOW: usize = 2;

/// Builds views from the site, with the config and "now" at hand.
pub struct Views<'a> {
    pub site: &'a Site,
    pub now: jiff::Timestamp,
}

impl<'a> Views<'a> {
    fn config(&self) -> &'a Config {
        &self.site.config
    }

    pub fn site(&self) -> SiteView {
        let c = self.config();
        let clinic = &c.clinic;
        let line_id = clinic
            .line_id
            .as_deref()
            .map(|id| id.trim().trim_start_matches('@').to_string())
            .filter(|id| !id.is_empty());
        let x_handle = clinic
            .x_handle
            .as_deref()
            .map(|h| h.trim().trim_start_matches('@').to_string())
            .filter(|h| !h.is_empty());
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.to_string(),
            base_path: c.base_path().to_string(),
            language: c.language.code(),
            home_url: c.site_path(""),
            feed_url: c.site_path("feed.xml"),
            tags_url: c.site_path("tags/"),
            clinic: ClinicView {
                name: clinic.name.clone(),
                url: clinic.url.clone(),
                address: clinic.address.clone(),
                phone: clinic.phone.clone(),
                phone_href: clinic.phone.as_deref().map(|p| {
                    let digits: String = p
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect();
                    format!("tel:{digits}")
                }),
                email: clinic.email.clone(),
                line_add_url: line_id.as_deref().map(clinote_posts::line_add_url),
                line_id,
                x_url: x_handle.as_deref().map(|h| format!("https://x.com/{h}")),
                x_handle,
                booking_url: clinic.booking_url.clone(),
                map_url: clinic.map_url.clone(),
                departments: clinic.departments.clone(),
                access: clinic.access.clone().filter(|a| !a.trim().is_empty()),
                hours: c.hours.as_ref().map(|h| HoursView::new(h, c.language)),
            },
            logo: c
                .brand
                .logo
                .as_deref()
                .map(|p| c.site_path(&clinote_markdown::links::encode_path(p.trim()))),
            brand_css: c.colours.css(),
            analytics: c.analytics.as_ref().map(|a| a.script()),
            nav: self
                .site
                .pages
                .iter()
                .map(|p| LinkView {
                    title: p.meta.title.clone(),
                    url: c.site_path(&p.url_path),
                })
                .collect(),
            authors: c.authors.keys().filter_map(|k| self.author(k)).collect(),
        }
    }

    pub fn author(&self, key: &str) -> Option<AuthorView> {
        let c = self.config();
        let a = c.authors.get(key)?;
        let avatar = avatar_of(c, a);
        Some(AuthorView {
            key: key.to_string(),
            name: a.name.clone().unwrap_or_else(|| key.to_string()),
            role: a.role.clone(),
            bio: a.bio.clone(),
            avatar: avatar.as_ref().map(|(src, _)| src.clone()),
            avatar_srcset: avatar
                .as_ref()
                .and_then(|(_, r)| r.as_ref())
                .map(|r| r.srcset.clone()),
            avatar_webp_srcset: avatar.and_then(|(_, r)| r.and_then(|r| r.webp_srcset)),
            url: c.site_path(&author_path(key)),
        })
    }

    pub fn tag_link(&self, name: &str) -> TermView {
        let slug = crate::site::term_slug(name);
        let group = self.site.tag_by_slug(&slug);
        TermView {
            name: group.map_or(name, |g| g.name.as_str()).to_string(),
            url: self
                .config()
                .site_path(&clinote_markdown::links::encode_path(&tag_path(&slug))),
            count: group.map_or(0, |g| g.articles.len()),
        }
    }

    pub fn term(&self, group: &Group, path: String) -> TermView {
        TermView {
            name: group.name.clone(),
            url: self
                .config()
                .site_path(&clinote_markdown::links::encode_path(&path)),
            count: group.articles.len(),
        }
    }

    /// The root-relative URL of an article or page.
    pub fn url(&self, a: &Article) -> String {
        self.config()
            .site_path(&clinote_markdown::links::encode_path(&a.url_path))
    }

    pub fn card(&self, a: &Article) -> CardView {
        let lang = self.config().language;
        CardView {
            title: a.meta.title.clone(),
            url: self.url(a),
            slug: a.slug.clone(),
            date: a.meta.date.as_ref().map(|d| DateView::new(d, lang)),
            updated: a.meta.updated.as_ref().map(|d| DateView::new(d, lang)),
            summary: a.summary.clone(),
            cover: a.cover.clone(),
            tags: a.meta.tags.iter().map(|t| self.tag_link(t)).collect(),
            author: a.author.as_deref().and_then(|k| self.author(k)),
            reviewed_by: a.meta.reviewed_by.clone(),
            reading_minutes: a.rendered.reading_minutes,
            draft: a.meta.draft,
            scheduled: is_future(a, self.now),
        }
    }

    pub fn article<'v>(&self, a: &'v Article) -> ArticleView<'v> {
        ArticleView {
            card: self.card(a),
            page: self.article_page(a),
        }
    }

    /// [`Views::article`] without the card (for a page that has the card already).
    pub fn article_page<'v>(&self, a: &'v Article) -> ArticlePageView<'v> {
        let series = a.meta.series.as_deref().and_then(|name| {
            let group = self.site.series_of(name)?;
            let parts: Vec<SeriesPart> = group
                .articles
                .iter()
                .enumerate()
                .map(|(n, &i)| {
                    let other = &self.site.articles[i];
                    SeriesPart {
                        number: n + 1,
                        title: other.meta.title.clone(),
                        url: self.url(other),
                        current: other.slug == a.slug,
                    }
                })
                .collect();
            Some(SeriesView {
                name: group.name.clone(),
                url: self.term(group, series_path(&group.slug)).url,
                position: parts.iter().position(|p| p.current).map_or(0, |p| p + 1),
                total: parts.len(),
                parts,
            })
        });
        ArticlePageView {
            description: a.description(),
            content: &a.rendered.html,
            toc: nest_toc(&a.rendered.toc),
            toc_size: a.rendered.toc.len(),
            toc_numbered: a
                .rendered
                .toc
                .iter()
                .any(|e| e.level == 2 && numbered(&e.title)),
            reviewer: a.meta.reviewed_by.as_deref().and_then(|k| self.author(k)),
            series,
        }
    }
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn series_path(slug: &str) -> String {
    format!("series/{slug}/")
}

pub fn author_path(key: &str) -> String {
    format!("authors/{key}/")
}

/// The path of page `n` (1-based) of a paginated list whose first page is at `first`.
pub fn paginated_path(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// Links for page `current` of `total` of a list starting at `first` (relative to the base).
pub fn pagination(config: &Config, first: &str, current: usize, total: usize) -> PaginationView {
    let url = |n: usize| {
        config.site_path(&clinote_markdown::links::encode_path(&paginated_path(
            first, n,
        )))
    };
    // The first, the last and a few around the current page: a long blog's index stays short.
    let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= PAGE_WINDOW;
    let mut pages = Vec::new();
    for n in 1..=total {
        if shown(n) {
            pages.push(PageLink {
                number: n,
                url: url(n),
                current: n == current,
                gap: false,
            });
        } else if pages.last().is_some_and(|p: &PageLink| !p.gap) {
            pages.push(PageLink {
                number: n,
                url: String::new(),
                current: false,
                gap: true,
            });
        }
    }
    PaginationView {
        current,
        total,
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
        pages,
    }
}

/// An author's avatar: the address to show and, for a photo, its widths.
pub fn avatar_of(
    c: &crate::config::Config,
    a: &crate::config::Author,
) -> Option<(String, Option<clinote_images::Responsive>)> {
    let url = c.site_path(&clinote_markdown::links::encode_path(
        a.avatar.as_deref()?.trim(),
    ));
    Some(match &a.avatar_photo {
        Some(photo) => {
            let r = clinote_images::Responsive::new(&url, photo, &c.images);
            (r.src.clone(), Some(r))
        }
        None => (url, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_nests_h3_under_h2() {
        let e = |level, id: &str| TocEntry {
            level,
            id: id.to_string(),
            title: id.to_string(),
        };
        let nested = nest_toc(&[e(3, "a"), e(2, "b"), e(3, "c"), e(3, "d"), e(2, "f")]);
        let shape: Vec<(&str, usize)> = nested
            .iter()
            .map(|t| (t.id.as_str(), t.children.len()))
            .collect();
        assert_eq!(shape, [("a", 0), ("b", 2), ("f", 0)]);
    }

    /// Issue 24: `## 1. …` read "1. 1. …" in the table of contents.
    #[test]
    fn headings_with_their_own_numbers() {
        for t in [
            "1. はじめに",
            "2）手洗い",
            "１．予防",
            "(3) 受診",
            "① 熱",
            "第2章 治療",
        ] {
            assert!(numbered(t), "{t}");
        }
        for t in [
            "はじめに",
            "2026年の流行",
            "3密を避ける",
            "COVID-19 とは",
            "Step 1",
            "10 のコツ",
            "2-3 日の熱",
        ] {
            assert!(!numbered(t), "{t}");
        }
    }

    #[test]
    fn pagination_shows_a_window() {
        let (c, _) = Config::parse("title = \"t\"\nbase_url = \"https://e.jp/\"\n").unwrap();
        let p = pagination(&c, "", 50, 100);
        let shown: Vec<String> = p
            .pages
            .iter()
            .map(|l| {
                if l.gap {
                    "…".to_string()
                } else {
                    l.number.to_string()
                }
            })
            .collect();
        assert_eq!(shown, ["1", "…", "48", "49", "50", "51", "52", "…", "100"]);
        assert_eq!(p.prev_url.as_deref(), Some("/page/49/"));
        let p = pagination(&c, "tags/a/", 1, 3);
        assert_eq!(p.pages.len(), 3);
        assert_eq!(p.pages[0].url, "/tags/a/");
        assert_eq!(p.next_url.as_deref(), Some("/tags/a/page/2/"));
    }
}
