//! Everything a build writes, as a list of [`OutputFile`]s: pages, feeds, sitemap, robots.txt,
//! link-card images, the theme's and the site's static files, and bundles' images.
//!
//! [`plan`] names every output and what each is made from; the modules below make them.
//! Outputs are computed in memory; where they go (a folder on disk, page by page as they are
//! rendered, or memory for the preview server) is the caller's business.

pub mod cards;
pub mod feed;
pub mod images;
pub mod pages;
pub mod plan;
pub mod relative;
pub mod search;
pub mod search_cache;
pub mod sitemap;
pub mod teasers;

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::Article;
use crate::render::theme::{Source, Theme};
use crate::render::views::tag_path;
use crate::site::Site;
use clinote_diagnostic::{Bilingual, Diagnostic, Location, display_path};
use clinote_markdown::links::encode_path;

pub use crate::sink::{Data, OutputFile};

/// The theme's static files, then the site's `static/`, then bundles' files, in that order
/// of precedence (a later one replaces an earlier one at the same path).
pub fn static_files(
    theme: &Theme,
    root: &Path,
    site: &Site,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, Data> = BTreeMap::new();
    let mut diags = Vec::new();
    for (path, source) in &theme.static_files {
        let data = match source {
            Source::Embedded(b) => Data::Static(b),
            Source::Disk(p) => Data::Copy(p.clone()),
        };
        files.insert(path.clone(), data);
    }
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        // Hidden files and folders (`.git/`, `.DS_Store`) are never published.
        for entry in walkdir::WalkDir::new(&static_dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !crate::content::discover::is_ignored(e.path()))
        {
            match entry {
                Ok(e) if !crate::sink::inside_site(root, e.path()) => {
                    diags.push(crate::sink::outside_site(&display_path(root, e.path())));
                }
                Ok(e)
                    if e.file_type().is_file()
                        && !crate::content::discover::is_ignored(e.path()) =>
                {
                    files.insert(
                        display_path(&static_dir, e.path()),
                        Data::Copy(e.into_path()),
                    );
                }
                Ok(_) => {}
                Err(e) => diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!("static/ のファイルを読めません: {e}"),
                        format!("cannot read a file in static/: {e}"),
                    ))
                    .at(Location::file("static")),
                ),
            }
        }
    }
    for a in site.articles.iter().chain(&site.pages) {
        files.extend(bundle_files(a));
    }
    let (files, problems) = images::publish(files, site, root);
    diags.extend(problems);
    if diags.is_empty() {
        Ok(files
            .into_iter()
            .map(|(path, data)| OutputFile { path, data })
            .collect())
    } else {
        Err(diags)
    }
}

/// The files beside a bundle's `index.md`, at their place under the article's folder.
pub fn bundle_files(a: &Article) -> Vec<(String, Data)> {
    let Some(dir) = &a.bundle_dir else {
        return Vec::new();
    };
    a.assets
        .iter()
        .map(|asset| {
            let rel = display_path(Path::new(""), asset);
            (format!("{}{rel}", a.url_path), Data::Copy(dir.join(asset)))
        })
        .collect()
}

/// Warnings for the files of a bundle that its page does not use: they are published all the
/// same (a page may reach them in ways clinote cannot see), so the writer is told, once per
/// file, that a note or a spare photo left beside `index.md` is public.
pub fn unused_bundle_files(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for a in site.articles.iter().chain(&site.pages) {
        if a.bundle_dir.is_none() {
            continue;
        }
        let folder = Path::new(&a.file).parent().unwrap_or(Path::new(""));
        let cover = a
            .meta
            .cover
            .as_deref()
            .map(|c| c.trim().trim_start_matches("./"));
        for asset in &a.assets {
            let rel = display_path(Path::new(""), asset);
            // A photo is shown through its widths: `photo.w800.jpg` stands for `photo.jpg`.
            let widths = clinote_images::variant_name(&rel, 0, false);
            let widths = widths.split_at(widths.rfind(".w0.").unwrap_or(0) + 2).0;
            let used = cover == Some(rel.as_str())
                || a.rendered.html.contains(&rel)
                || a.rendered.html.contains(&encode_path(&rel))
                || a.rendered.html.contains(widths)
                || a.rendered.html.contains(&encode_path(widths));
            if !used {
                diags.push(
                    Diagnostic::warning(Bilingual::new(
                        format!(
                            "記事で使っていないファイル {rel} も、記事のページと一緒に公開されます"
                        ),
                        format!("{rel} is not used by its page, but is published with it"),
                    ))
                    .at(Location::file(display_path(
                        Path::new(""),
                        &folder.join(asset),
                    )))
                    .help(Bilingual::new(
                        "公開しないメモや写真は、記事のフォルダの外に移してください。",
                        "move notes and photos that must not be public out of the article's folder",
                    )),
                );
            }
        }
    }
    diags
}

/// `feed.xml`: the newest articles of the whole site.
pub fn site_feed(site: &Site) -> OutputFile {
    let all: Vec<usize> = (0..site.articles.len()).collect();
    let xml = feed::feed(site, &all, &site.config.title, "", "feed.xml");
    OutputFile {
        path: "feed.xml".to_string(),
        data: Data::Bytes(xml),
    }
}

/// `tags/<tag>/feed.xml`.
pub fn tag_feed(site: &Site, tag: usize) -> OutputFile {
    let g = &site.tags[tag];
    let dir = tag_path(&g.slug);
    let title = format!("{} | {}", g.name, site.config.title);
    let feed_path = encode_path(&format!("{dir}feed.xml"));
    let xml = feed::feed(site, &g.articles, &title, &encode_path(&dir), &feed_path);
    OutputFile {
        path: format!("{dir}feed.xml"),
        data: Data::Bytes(xml),
    }
}

/// `sitemap.xml` listing the given HTML files.
pub fn sitemap_file(site: &Site, html_paths: &[String]) -> OutputFile {
    OutputFile {
        path: "sitemap.xml".to_string(),
        data: Data::Bytes(
            sitemap::sitemap(site, html_paths.iter().map(String::as_str)).into_bytes(),
        ),
    }
}
