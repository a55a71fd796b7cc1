//! Links that never break: every internal link, image and `#anchor` written in an article or
//! page must lead to a file of the built site (and to an element with that id). A broken one is
//! an error naming the file and line of the link, and the nearest target that does exist.
//!
//! Runs on the built outputs, so it sees exactly what a reader would: pages, static files,
//! bundle images, and the ids of the rendered pages (headings, footnotes, raw HTML).

pub mod external;

use std::collections::{HashMap, HashSet};

use percent_encoding::percent_decode_str;

use crate::content::Article;
use crate::outputs::Data;
use clinote_diagnostic::suggest::nearest;
use clinote_diagnostic::{Bilingual, Diagnostic, Location};
use clinote_markdown::LinkRef;
use clinote_markdown::links::normalize_lexically;

/// The built files a link may lead to.
pub trait Outputs {
    /// Whether the site has a file at `path`.
    fn has(&self, path: &str) -> bool;
    /// The element ids of the page at `path` (none for other files).
    fn ids(&self, path: &str) -> Vec<String>;
    /// Every output path, for "did you mean" suggestions.
    fn paths(&self) -> Vec<&str>;
}

impl Outputs for HashMap<&str, &Data> {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
    fn ids(&self, path: &str) -> Vec<String> {
        HashMap::get(self, path).map_or_else(Vec::new, |d| ids_of(d))
    }
    fn paths(&self) -> Vec<&str> {
        self.keys().copied().collect()
    }
}

impl Outputs for crate::sink::FileMap {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
    fn ids(&self, path: &str) -> Vec<String> {
        imbl::HashMap::get(self, path).map_or_else(Vec::new, |d| ids_of(d))
    }
    fn paths(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

/// A site written page by page, which keeps no pages: every path it has, and the ids of the
/// pages that links lead into ([`anchor_targets`]), taken as they were written.
pub struct Streamed<'a> {
    pub paths: HashSet<&'a str>,
    pub ids: HashMap<String, Vec<String>>,
}

impl Outputs for Streamed<'_> {
    fn has(&self, path: &str) -> bool {
        self.paths.contains(path)
    }
    fn ids(&self, path: &str) -> Vec<String> {
        self.ids.get(path).cloned().unwrap_or_default()
    }
    fn paths(&self) -> Vec<&str> {
        self.paths.iter().copied().collect()
    }
}

/// The pages whose ids [`check`] will look at: where the links of `articles` to an `#anchor`
/// lead, among `paths`. A site written page by page keeps those pages' ids only.
pub fn anchor_targets<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    base_path: &str,
    paths: &HashSet<&str>,
) -> HashSet<String> {
    /// Answers like the site, noting every page whose ids are asked for.
    struct Asking<'p> {
        paths: &'p HashSet<&'p str>,
        asked: std::cell::RefCell<HashSet<String>>,
    }
    impl Outputs for Asking<'_> {
        fn has(&self, path: &str) -> bool {
            self.paths.contains(path)
        }
        fn ids(&self, path: &str) -> Vec<String> {
            self.asked.borrow_mut().insert(path.to_string());
            Vec::new()
        }
        fn paths(&self) -> Vec<&str> {
            Vec::new()
        }
    }
    let asking = Asking {
        paths,
        asked: Default::default(),
    };
    check(articles, base_path, &asking);
    asking.asked.into_inner()
}

fn ids_of(data: &Data) -> Vec<String> {
    match data {
        Data::Bytes(b) => element_ids(&String::from_utf8_lossy(b)),
        _ => Vec::new(),
    }
}

/// Checks the links of `articles` (articles and pages) against the built files.
pub fn check<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    base_path: &str,
    outputs: &dyn Outputs,
) -> Vec<Diagnostic> {
    let mut ids_cache: HashMap<String, Vec<String>> = HashMap::new();
    let mut all_paths: Option<Vec<&str>> = None;
    let mut diags = Vec::new();
    for a in articles {
        for link in &a.rendered.links {
            if link.unsafe_scheme {
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("\"{}\" のようなアドレスは、開いた人のブラウザでプログラムを動かすため使えません", link.dest),
                        format!("an address like \"{}\" runs code in the reader's browser and is not allowed", link.dest),
                    ))
                    .at(a.location_at(link.offset, link.len.max(1)))
                    .help(Bilingual::new(
                        "https:// で始まるアドレスか、サイトの中のページ（/about/ など）にしてください。",
                        "use an https:// address or a page of the site (e.g. /about/)",
                    )),
                );
                continue;
            }
            if link.external {
                continue;
            }
            if let Some(d) = check_one(a, link, base_path, outputs, &mut ids_cache, &mut all_paths)
            {
                diags.push(d);
            }
        }
    }
    diags
}

fn check_one<'o>(
    a: &Article,
    link: &LinkRef,
    base_path: &str,
    outputs: &'o dyn Outputs,
    ids_cache: &mut HashMap<String, Vec<String>>,
    all_paths: &mut Option<Vec<&'o str>>,
) -> Option<Diagnostic> {
    let here = || a.location_at(link.offset, link.len.max(1));
    if link.unknown_markdown {
        let help = match &link.near {
            Some(near) => Bilingual::new(
                format!("`{near}` のことでしょうか？"),
                format!("did you mean `{near}`?"),
            ),
            None => Bilingual::new(
                "記事のファイル名（content/articles/ の中の .md）をこの記事のフォルダからの位置で書いてください（例: winter-hand-washing.md）。",
                "give the article's Markdown file relative to this article (e.g. winter-hand-washing.md)",
            ),
        };
        return Some(
            Diagnostic::error(Bilingual::new(
                format!("リンク先の記事ファイル \"{}\" が見つかりません", link.dest),
                format!("the linked article file \"{}\" does not exist", link.dest),
            ))
            .at(here())
            .help(help),
        );
    }
    let (path_part, fragment) = match link.url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link.url.as_str(), None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let own_page = format!("{}index.html", a.url_path);
    // The output file the link leads to.
    let target = if path_part.is_empty() {
        own_page.clone()
    } else {
        let absolute = if path_part.starts_with('/') {
            path_part.to_string()
        } else {
            format!("{base_path}{}{path_part}", a.url_path)
        };
        let decoded = percent_decode_str(&absolute)
            .decode_utf8_lossy()
            .into_owned();
        let normal = normalize_lexically(std::path::Path::new(&decoded));
        let normal = normal.to_string_lossy().replace('\\', "/");
        let mut rel = match normal.strip_prefix(base_path.trim_end_matches('/')) {
            Some(r) => r.trim_start_matches('/').to_string(),
            None => return Some(outside(link, here(), base_path)),
        };
        if decoded.ends_with('/') && !rel.is_empty() {
            rel.push('/');
        }
        if rel.is_empty() || rel.ends_with('/') {
            rel.push_str("index.html");
        }
        if !outputs.has(&rel) && outputs.has(&format!("{rel}/index.html")) {
            rel.push_str("/index.html");
        }
        rel
    };
    if !outputs.has(&target) {
        return Some(not_in_site(a, link, &target, outputs, all_paths).at(here()));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let wanted = percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    let ids = ids_cache
        .entry(target.clone())
        .or_insert_with(|| outputs.ids(&target));
    if ids.contains(&wanted) {
        return None;
    }
    let near = nearest(&wanted, ids.iter().map(String::as_str)).map(str::to_string);
    let mut d = Diagnostic::error(Bilingual::new(
        format!("見出し（アンカー）\"#{wanted}\" がリンク先のページにありません"),
        format!("the anchor \"#{wanted}\" is not on the linked page"),
    ))
    .at(here());
    d = d.help(match near {
        Some(n) => Bilingual::new(
            format!("`#{n}` のことでしょうか？ 見出しのアンカーは見出しの文字そのままです。"),
            format!("did you mean `#{n}`? A heading's anchor is its text as written"),
        ),
        None => Bilingual::new(
            "見出しのアンカーは見出しの文字そのままです（例: ## 手洗いのコツ → #手洗いのコツ）。",
            "a heading's anchor is its text as written (## Hand washing → #hand-washing)",
        ),
    });
    Some(d)
}

/// A link or image whose file the site does not have. The suggested address is written the way
/// the writer writes one (`/images/mask.png`, from the blog's root), so that copying it works:
/// the base path (`/blog/`) is added when the page is built.
fn not_in_site<'o>(
    a: &Article,
    link: &LinkRef,
    target: &str,
    outputs: &'o dyn Outputs,
    all_paths: &mut Option<Vec<&'o str>>,
) -> Diagnostic {
    let (what_ja, what_en) = if link.image {
        ("画像", "image")
    } else {
        ("リンク先", "link target")
    };
    let d = Diagnostic::error(Bilingual::new(
        format!("{what_ja} \"{}\" がサイトにありません", link.dest),
        format!("{what_en} \"{}\" is not in the site", link.dest),
    ));
    let relative = !link.dest.starts_with('/');
    if link.image && relative && a.bundle_dir.is_none() {
        // An image beside a plain `name.md`: only a folder article carries its images.
        let name = link.dest.split(['?', '#']).next().unwrap_or("");
        let beside = a.path.parent().map(|dir| dir.join(name));
        let folder = format!(
            "{}/index.md",
            a.file
                .rsplit_once('.')
                .map_or(a.file.as_str(), |(stem, _)| stem)
        );
        let file_name = std::path::Path::new(name)
            .file_name()
            .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
        if beside.is_some_and(|p| p.is_file()) {
            return d.help(Bilingual::new(
                format!(
                    "この記事はフォルダではない（{}）ため、横に置いた画像は使えません。画像を static/images/ に移して `/images/{file_name}` と書くか、記事をフォルダにしてください（{folder} にして、画像を同じフォルダに置きます）。",
                    a.file
                ),
                format!(
                    "this article is a plain file ({}), so an image beside it is not part of the site: move the image to static/images/ and write `/images/{file_name}`, or make the article a folder ({folder}, with the image beside index.md)",
                    a.file
                ),
            ));
        }
    }
    let paths = all_paths.get_or_insert_with(|| outputs.paths());
    let wanted = target.trim_end_matches("index.html");
    // An image is one of the site's files, never a page.
    let candidates = paths
        .iter()
        .filter(|p| !link.image || !(p.ends_with(".html") || p.ends_with('/')))
        .map(|p| p.trim_end_matches("index.html"));
    let near = nearest(wanted, candidates).map(|p| format!("/{p}"));
    d.help(match (near, link.image) {
        (Some(n), true) => Bilingual::new(
            format!("`{n}` のことでしょうか？ static/ に置いた画像は static/ を除いた `/` からのアドレスで書きます。"),
            format!("did you mean `{n}`? An image in static/ is written from `/`, without static/"),
        ),
        (Some(n), false) => Bilingual::new(
            format!("`{n}` のことでしょうか？ 記事へは `ファイル名.md` でもリンクできます。"),
            format!("did you mean `{n}`? You can also link to an article by its `.md` file."),
        ),
        (None, true) => Bilingual::new(
            "ファイル名を確かめてください。画像は static/images/ に置いて `/images/ファイル名` と書くか、フォルダの記事（記事名/index.md）なら同じフォルダに置きます。",
            "check the file name; put images in static/images/ and write `/images/<name>`, or beside index.md in a folder article",
        ),
        (None, false) => Bilingual::new(
            "アドレスを確かめてください。記事へは `ファイル名.md` でもリンクできます。画像は static/ か記事のフォルダに置きます。",
            "check the address; you can link to an article by its `.md` file, and images go in static/ or the article's folder",
        ),
    })
}

fn outside(link: &LinkRef, at: Location, base_path: &str) -> Diagnostic {
    Diagnostic::error(Bilingual::new(
        format!(
            "リンク \"{}\" はブログの外（{base_path} の外）を指しています",
            link.dest
        ),
        format!(
            "the link \"{}\" leads outside the blog ({base_path})",
            link.dest
        ),
    ))
    .at(at)
    .help(Bilingual::new(
        "ブログの中へは `/about/` のように `/` から、外へは https:// から書いてください。",
        "write links inside the blog from `/` (e.g. `/about/`) and others in full with https://",
    ))
}

/// Every `id="…"` in an HTML page.
pub fn element_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.push(
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        }
    }
    ids
}
