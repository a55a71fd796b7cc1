//! The [`Article`] model (articles and static pages alike), and reading one from its file.
//!
//! Reading checks everything one file can check by itself: encoding, front matter, slug,
//! authors, cover. Checks across files (duplicate slugs) live in [`super::load`].

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::discover::{Entry, Kind};
use super::fields::{self, FrontMatter, KeyLocator};
use super::front_matter::{self, Format};
use crate::config::Config;
use clinote_diagnostic::suggest::{nearest, quoted_list};
use clinote_diagnostic::{Bilingual, Diagnostic, Location, display_path};
use clinote_markdown::Rendered;
use clinote_markdown::links::{self, LinkContext, LinkTarget, LinkTargets};

/// An image with what pages and cards need to show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Image {
    /// Root-relative URL (`/blog/images/a.png`).
    pub url: String,
    pub alt: String,
    pub width: Option<usize>,
    pub height: Option<usize>,
    /// For a photo: its widths in its own format and in WebP (`url` is one of them), and
    /// the address of the original, which is published only when something links to it.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub original: Option<String>,
}

/// An article or a static page, parsed, and rendered once it is known to be published.
#[derive(Debug, Clone)]
pub struct Article {
    pub kind: Kind,
    /// Path relative to the site root, for messages (`content/articles/a.md`).
    pub file: String,
    pub path: PathBuf,
    pub bundle_dir: Option<PathBuf>,
    /// Files beside a bundle's `index.md`, relative to its folder.
    pub assets: Vec<PathBuf>,
    /// The whole file: BOM removed, CRLF turned into LF. Empty once released (see
    /// [`Article::release_source`]); messages read it through [`Article::source_text`].
    pub source: String,
    /// The XXH3-64 digest of the released source, to know the file still holds that text.
    released: Option<u64>,
    pub format: Format,
    pub front_matter_offset: usize,
    pub front_matter_len: usize,
    pub body_offset: usize,
    pub meta: FrontMatter,
    pub slug: String,
    /// The page's folder relative to the base URL (`articles/winter/`, `about/`).
    pub url_path: String,
    /// The author's key in `[authors]`, after defaults.
    pub author: Option<String>,
    pub cover: Option<Image>,
    pub rendered: Rendered,
    /// Plain-text summary for cards, meta descriptions and feeds.
    pub summary: String,
    /// The X posts and LINE message, made when the article is rendered.
    pub teasers: Option<clinote_posts::Generated>,
    /// What `clinote check` finds in the text and the posts, when the article is rendered.
    pub checks: clinote_check::Checked,
    /// The article's part of the search index, made when it is rendered.
    pub search: crate::search_terms::DocGrams,
}

/// Page names that would collide with what clinote writes itself.
const RESERVED_PAGE_SLUGS: &[&str] = &[
    "articles",
    "tags",
    "authors",
    "series",
    "page",
    "search",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "_teasers",
];

impl Article {
    /// Reads and checks one file. `None` when the file cannot be used at all.
    pub fn read(
        entry: &Entry,
        root: &Path,
        config: &Config,
        static_dirs: &[PathBuf],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Article> {
        let file = display_path(root, &entry.path);
        if entry.via_link && !crate::sink::inside_site(root, &entry.path) {
            diags.push(crate::sink::outside_site(&file));
            return None;
        }
        if let Some(dir) = entry.bundle_dir.as_ref().filter(|_| entry.via_link) {
            for asset in &entry.assets {
                let path = dir.join(asset);
                if !crate::sink::inside_site(root, &path) {
                    diags.push(crate::sink::outside_site(&display_path(root, &path)));
                    return None;
                }
            }
        }
        let source = read_text(&entry.path, &file, diags)?;
        let split = match front_matter::split(&source, &file) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let map = match front_matter::parse(&split, &source, &file) {
            Ok(m) => m,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let at = KeyLocator {
            file: &file,
            text: &source,
            format: split.format,
            front_matter_offset: split.front_matter_offset,
            front_matter: split.front_matter,
        };
        let errors_before = diags.iter().filter(|d| d.is_error()).count();
        let meta = fields::read(
            map,
            &at,
            &config.timezone,
            entry.kind == Kind::Article,
            diags,
        );
        let slug = check_slug(entry, &meta, &at, diags);
        let author = check_authors(&meta, &at, config, diags);
        let format = split.format;
        let front_matter_offset = split.front_matter_offset;
        let front_matter_len = split.front_matter.len();
        let body_offset = split.body_offset;
        if diags.iter().filter(|d| d.is_error()).count() > errors_before {
            return None;
        }
        let slug = slug?;
        let url_path = match entry.kind {
            Kind::Article => format!("articles/{slug}/"),
            Kind::Page => format!("{slug}/"),
        };
        let mut article = Article {
            kind: entry.kind,
            file,
            path: entry.path.clone(),
            bundle_dir: entry.bundle_dir.clone(),
            assets: entry.assets.clone(),
            source,
            released: None,
            format,
            front_matter_offset,
            front_matter_len,
            body_offset,
            meta,
            slug,
            url_path,
            author,
            cover: None,
            rendered: Rendered::default(),
            summary: String::new(),
            teasers: None,
            checks: Default::default(),
            search: Default::default(),
        };
        article.cover = article.resolve_cover(config, static_dirs, diags);
        Some(article)
    }

    /// The context for resolving links and images in this article.
    pub fn link_context<'a>(
        &'a self,
        config: &'a Config,
        static_dirs: &'a [PathBuf],
        targets: Option<&'a LinkTargets>,
    ) -> LinkContext<'a> {
        LinkContext {
            base_path: config.base_path(),
            page_path: &self.url_path,
            bundle_dir: self.bundle_dir.as_deref(),
            static_dirs,
            source_dir: self.bundle_dir.as_deref().or_else(|| self.path.parent()),
            targets,
            // The address writers paste (also in the preview, which is served elsewhere).
            site_url: Some(config.public_url.as_str()),
            images: Some(&config.images),
        }
    }

    /// What links to this article and its card show.
    pub fn link_target(&self) -> LinkTarget {
        LinkTarget {
            url_path: self.url_path.clone(),
            title: self.meta.title.clone(),
            // Only the written description: cards are made before summaries exist.
            description: self.meta.description.clone().unwrap_or_default(),
            cover: self.cover.as_ref().map(|c| c.url.clone()),
            cover_srcset: self.cover.as_ref().and_then(|c| c.srcset.clone()),
            cover_webp_srcset: self.cover.as_ref().and_then(|c| c.webp_srcset.clone()),
        }
    }

    /// Drops the source text, for a build that will not read it again: the article is
    /// rendered and has no findings to point into it. (At 10,000 articles that is 130 MB, and
    /// fresh memory costs time: the kernel clears every page of it.)
    pub fn release_source(&mut self) {
        if self.released.is_none() {
            self.released = Some(xxhash_rust::xxh3::xxh3_64(self.source.as_bytes()));
            self.source = String::new();
        }
    }

    /// The source text, for a message that quotes it: read from the file again when it was
    /// released, and `None` when the file no longer holds the text that was built.
    pub fn source_text(&self) -> Option<Cow<'_, str>> {
        let Some(digest) = self.released else {
            return Some(Cow::Borrowed(&self.source));
        };
        let text = read_text(&self.path, &self.file, &mut Vec::new())?;
        (xxhash_rust::xxh3::xxh3_64(text.as_bytes()) == digest).then_some(Cow::Owned(text))
    }

    /// Where bytes `offset..offset + len` of the file are, for a message (the file alone
    /// when its text is gone).
    pub fn location_at(&self, offset: usize, len: usize) -> Location {
        match self.source_text() {
            Some(text) => Location::at_offset(self.file.as_str(), &text, offset, len),
            None => Location::file(self.file.as_str()),
        }
    }

    /// The article's public address (absolute, ASCII): what posts and share links point to,
    /// even from the preview.
    pub fn canonical_url(&self, config: &Config) -> String {
        config.public_address(&links::encode_path(&self.url_path))
    }

    /// The teaser generator's view of this article.
    pub fn teaser_input<'a>(
        &'a self,
        config: &'a Config,
        canonical: &'a str,
    ) -> clinote_posts::ArticleInput<'a> {
        clinote_posts::ArticleInput {
            slug: &self.slug,
            title: &self.meta.title,
            description: self.meta.description.as_deref(),
            summary: &self.summary,
            body_markdown: &self.source[self.body_offset..],
            canonical_url: canonical,
            tags: &self.meta.tags,
            hashtags: &self.meta.hashtags,
            own_teasers: &self.meta.teasers,
            date: self
                .meta
                .date
                .as_ref()
                .map(|d| d.with_time_zone(config.timezone.clone()).date())
                .unwrap_or_default(),
            language: config.language,
            clinic_phone: config.clinic.phone.as_deref(),
        }
    }

    /// The description for meta tags and cards: `description`, else the summary.
    pub fn description(&self) -> &str {
        match &self.meta.description {
            Some(d) if !d.trim().is_empty() => d.trim(),
            _ => &self.summary,
        }
    }

    /// Where a front matter key is written, for messages.
    pub fn locate_key(&self, key: &str) -> Location {
        KeyLocator {
            file: &self.file,
            text: &self.source,
            format: self.format,
            front_matter_offset: self.front_matter_offset,
            front_matter: &self.source
                [self.front_matter_offset..self.front_matter_offset + self.front_matter_len],
        }
        .locate(key)
    }

    fn resolve_cover(
        &self,
        config: &Config,
        static_dirs: &[PathBuf],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Image> {
        let cover = self.meta.cover.as_deref()?.trim();
        if cover.is_empty() {
            return None;
        }
        if links::is_unsafe(cover) {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("カバー画像のアドレス \"{cover}\" は使えません"),
                    format!("the cover address \"{cover}\" is not allowed"),
                ))
                .at(self.locate_key("cover"))
                .help(Bilingual::new(
                    "画像のファイル（images/covers/a.png など）か https:// のアドレスにしてください。",
                    "give an image file (e.g. images/covers/a.png) or an https:// address",
                )),
            );
            return None;
        }
        let resolved = links::resolve(&self.link_context(config, static_dirs, None), cover);
        let alt = self
            .meta
            .cover_alt
            .clone()
            .unwrap_or_else(|| self.meta.title.clone());
        match (&resolved.file, resolved.local) {
            (Some(f), _) => match clinote_images::probe(f) {
                Ok(clinote_images::Probed::Photo(photo)) => {
                    let r = clinote_images::Responsive::new(&resolved.url, &photo, &config.images);
                    Some(Image {
                        url: r.src,
                        alt,
                        width: Some(r.width as usize),
                        height: Some(r.height as usize),
                        srcset: Some(r.srcset),
                        webp_srcset: r.webp_srcset,
                        original: Some(resolved.url),
                    })
                }
                Ok(clinote_images::Probed::PassThrough) => {
                    let size = links::image_size(f);
                    Some(Image {
                        url: resolved.url,
                        alt,
                        width: size.map(|s| s.0),
                        height: size.map(|s| s.1),
                        srcset: None,
                        webp_srcset: None,
                        original: None,
                    })
                }
                Err(problem) => {
                    let (ja, en) = problem.message();
                    diags.push(
                        Diagnostic::error(Bilingual::new(
                            format!("カバー画像 \"{cover}\": {ja}"),
                            format!("cover image \"{cover}\": {en}"),
                        ))
                        .at(self.locate_key("cover")),
                    );
                    None
                }
            },
            (None, false) => Some(Image {
                url: resolved.url,
                alt,
                width: None,
                height: None,
                srcset: None,
                webp_srcset: None,
                original: None,
            }),
            (None, true) => {
                diags.push(
                    Diagnostic::warning(Bilingual::new(
                        format!("カバー画像 \"{cover}\" が見つかりません"),
                        format!("cover image \"{cover}\" not found"),
                    ))
                    .at(self.locate_key("cover"))
                    .help(Bilingual::new(
                        "バンドルの記事なら index.md と同じフォルダ、そうでなければ static/ からの場所を書いてください（例: images/covers/a.png）。",
                        "give a path beside a bundle's index.md, or relative to static/ (e.g. images/covers/a.png)",
                    )),
                );
                None
            }
        }
    }
}

fn read_text(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("ファイルを読めません: {e}"),
                    format!("cannot read the file: {e}"),
                ))
                .at(Location::file(file)),
            );
            return None;
        }
    };
    // Checked with SIMD (std's check is slow on Japanese text); on failure std's check below
    // finds where.
    let checked = simdutf8::basic::from_utf8(&bytes).map(str::to_owned);
    match checked.or_else(|_| String::from_utf8(bytes)) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            // (The memchr crate's search is vectorised; `str::contains` is not.)
            if memchr::memchr(b'\r', s.as_bytes()).is_some() {
                s = s.replace("\r\n", "\n");
            }
            super::control::replace_forbidden(&mut s, file, diags);
            Some(s)
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let line = text.matches('\n').count() + 1;
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("文字コードが UTF-8 ではありません（{line} 行目あたり）"),
                    format!("the file is not UTF-8 (around line {line})"),
                ))
                .at(Location {
                    line,
                    ..Location::file(file)
                })
                .help(Bilingual::new(
                    "エディタの「名前を付けて保存」で文字コードを UTF-8 にして保存し直してください（Shift_JIS は読めません）。",
                    "save the file again as UTF-8 (Shift_JIS and other encodings cannot be read)",
                )),
            );
            None
        }
    }
}

/// The longest folder name an address may make, in bytes: file systems take 255, and a
/// margin is kept for what clinote adds.
pub const MAX_NAME_BYTES: usize = 200;

fn check_slug(
    entry: &Entry,
    meta: &FrontMatter,
    at: &KeyLocator<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let from_field = meta
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let name_source = entry.bundle_dir.as_deref().unwrap_or(&entry.path);
    let from_name = if entry.bundle_dir.is_some() {
        name_source.file_name()
    } else {
        name_source.file_stem()
    }
    .and_then(|n| n.to_str())
    .unwrap_or("");
    let slug = from_field.unwrap_or(from_name).to_string();
    let where_ = || {
        if from_field.is_some() {
            at.locate("slug")
        } else {
            Location::file(at.file)
        }
    };
    let bad = slug.is_empty()
        || slug == "."
        || slug == ".."
        || slug
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "/\\?#%\"'<>|*:&".contains(c));
    if bad {
        diags.push(
            Diagnostic::error(Bilingual::new(
                format!("アドレス（slug）\"{slug}\" に使えない文字があります"),
                format!(
                    "the slug \"{slug}\" contains characters that cannot be used in an address"
                ),
            ))
            .at(where_())
            .help(Bilingual::new(
                "英小文字・数字・ハイフンで `slug = \"hay-fever\"` のように書いてください。",
                "use lower-case letters, digits and hyphens, e.g. `slug = \"hay-fever\"`",
            )),
        );
        return None;
    }
    if slug.len() > MAX_NAME_BYTES {
        diags.push(
            Diagnostic::error(Bilingual::new(
                format!(
                    "アドレス（slug）が長すぎます（{} バイト、{MAX_NAME_BYTES} まで）。ファイル名にできません",
                    slug.len()
                ),
                format!(
                    "the slug is too long ({} bytes, at most {MAX_NAME_BYTES}): no file system takes such a folder name",
                    slug.len()
                ),
            ))
            .at(where_())
            .help(Bilingual::new(
                "`slug = \"hay-fever-care\"` のように短い英数字にしてください（日本語は 1 文字 3 バイト）。",
                "use a short ASCII slug such as `slug = \"hay-fever-care\"` (a Japanese character takes 3 bytes)",
            )),
        );
        return None;
    }
    if entry.kind == Kind::Page && RESERVED_PAGE_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(Bilingual::new(
                format!("ページの名前 \"{slug}\" は clinote が使うため使えません"),
                format!("the page name \"{slug}\" is used by clinote itself"),
            ))
            .at(where_())
            .help(Bilingual::new(
                "ファイル名を変えるか、`slug = \"…\"` で別の名前にしてください。",
                "rename the file or set another `slug`",
            )),
        );
        return None;
    }
    if !slug.is_ascii() {
        let d = Diagnostic::warning(Bilingual::new(
            format!("アドレス（slug）\"{slug}\" に日本語が入っています"),
            format!("the slug \"{slug}\" is not ASCII"),
        ))
        .at(where_())
        .help(Bilingual::new(
            "日本語のアドレスは X（旧Twitter）でリンクが途中で切れる原因になります。front matter に `slug = \"sleep-basics\"` のように英数字で書いてください。",
            "Japanese characters in URLs break X's link detection; add an ASCII slug such as `slug = \"sleep-basics\"`",
        ));
        diags.push(d);
    }
    Some(slug)
}

fn check_authors(
    meta: &FrontMatter,
    at: &KeyLocator<'_>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let known = || config.authors.keys().map(String::as_str);
    let mut check = |key: &str, field: &str| {
        if config.authors.contains_key(key) {
            return true;
        }
        let mut help_ja = if config.authors.is_empty() {
            format!(
                "clinote.toml に `[authors.{key}]` と `name = \"…\"` を書いて著者を登録してください。"
            )
        } else {
            format!("登録されている著者: {}", quoted_list(known()))
        };
        let mut help_en = if config.authors.is_empty() {
            format!("add `[authors.{key}]` with a `name` to clinote.toml")
        } else {
            format!("known authors: {}", quoted_list(known()))
        };
        if let Some(near) = nearest(key, known()) {
            help_ja = format!("`{near}` のつもりでしたか？ {help_ja}");
            help_en = format!("did you mean `{near}`? {help_en}");
        }
        diags.push(
            Diagnostic::error(Bilingual::new(
                format!("`{field}` の著者 \"{key}\" は clinote.toml の [authors] にありません"),
                format!("`{field}`: author \"{key}\" is not in [authors] of clinote.toml"),
            ))
            .at(at.locate(field))
            .help(Bilingual::new(help_ja, help_en)),
        );
        false
    };
    if let Some(r) = &meta.reviewed_by {
        check(r, "reviewed_by");
    }
    match &meta.author {
        Some(a) => check(a, "author").then(|| a.clone()),
        None => config.authors.keys().next().cloned(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
