//! The site's photos as published: a JPEG, PNG or WebP a page shows (a cover, an image in the
//! text, an author's avatar) is written in its widths and formats (`clinote_images`) instead
//! of itself; its original is published only when something links to it, and every photo
//! published at full size has its metadata (GPS, camera serial) cut out. Other files pass.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::Data;
use crate::site::Site;
use clinote_diagnostic::{Bilingual, Diagnostic, Location, display_path};
use clinote_images::{Blob, Probed};

/// Where the widths are kept between builds, by content and settings.
pub const CACHE_FOLDER: &str = ".clinote/cache/images";

/// Output paths of the photos pages show through their widths, and of the files something
/// links to.
struct Uses {
    shown: HashSet<String>,
    linked: HashSet<String>,
}

/// The output path of a root-relative address of the site (`/blog/a%20b.png` → `a b.png`).
fn output_path(site: &Site, url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap_or("");
    let rest = url.strip_prefix(site.config.base_path())?;
    Some(
        percent_encoding::percent_decode_str(rest)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

fn uses(site: &Site) -> Uses {
    let mut shown = HashSet::new();
    let mut linked = HashSet::new();
    for a in site.articles.iter().chain(&site.pages) {
        if let Some(original) = a.cover.as_ref().and_then(|c| c.original.as_deref()) {
            shown.extend(output_path(site, original));
        }
        for l in a.rendered.links.iter().filter(|l| !l.external) {
            if l.image {
                // A photo's link names the width the page shows (`photo.w1200.jpg`).
                let original = clinote_images::original_name(&l.url);
                shown.extend(output_path(site, original.as_deref().unwrap_or(&l.url)));
            } else {
                linked.extend(output_path(site, &l.url));
            }
        }
    }
    for author in site.config.authors.values() {
        if let (Some(avatar), Some(_)) = (&author.avatar, &author.avatar_photo) {
            shown.insert(avatar.trim().to_string());
        }
    }
    Uses { shown, linked }
}

/// `files` (output path → what it is made from) with every photo replaced by what is
/// published of it; errors for the photos that cannot be read and stripped (those a page
/// shows were reported where they are written already, so are not said twice).
pub fn publish(
    files: BTreeMap<String, Data>,
    site: &Site,
    root: &Path,
) -> (BTreeMap<String, Data>, Vec<Diagnostic>) {
    let uses = uses(site);
    let cache = root.join(CACHE_FOLDER);
    let settings = &site.config.images;
    let (photos, mut out): (Vec<_>, BTreeMap<_, _>) = {
        let mut photos = Vec::new();
        let mut rest = BTreeMap::new();
        for (path, data) in files {
            match data {
                Data::Copy(src) if clinote_images::format_of(Path::new(&path)).is_some() => {
                    photos.push((path, src));
                }
                data => {
                    rest.insert(path, data);
                }
            }
        }
        (photos, rest)
    };
    let made: Vec<Made> = photos
        .par_iter()
        .map(|(path, src)| {
            let shown = uses.shown.contains(path);
            let full = !shown || uses.linked.contains(path);
            let mut files = Vec::new();
            let problem = match clinote_images::probe(src) {
                Ok(Probed::Photo(photo)) => {
                    let widths = if shown {
                        clinote_images::variants(src, &photo, settings, Some(&cache)).map(|vs| {
                            for v in vs {
                                let name = clinote_images::variant_name(path, v.width, v.webp);
                                files.push((name, data(v.blob)));
                            }
                        })
                    } else {
                        Ok(())
                    };
                    let original = if full {
                        clinote_images::stripped(src, &photo, settings, Some(&cache))
                            .map(|b| files.push((path.clone(), data(b))))
                    } else {
                        Ok(())
                    };
                    widths.and(original).err()
                }
                Ok(Probed::PassThrough) => {
                    files.push((path.clone(), Data::Copy(src.clone())));
                    None
                }
                // Too large to decode: its metadata can still be cut out losslessly. A file
                // that is no image at all (a note named `.png`) carries no EXIF: it passes.
                Err(problem) if !shown => {
                    let bytes = std::fs::read(src).unwrap_or_default();
                    let format = clinote_images::format_of(src);
                    match format.and_then(|f| clinote_images::strip_metadata(&bytes, f)) {
                        Some(b) => {
                            files.push((path.clone(), Data::Bytes(b)));
                            None
                        }
                        None if !clinote_images::looks_like_an_image(&bytes) => {
                            files.push((path.clone(), Data::Copy(src.clone())));
                            None
                        }
                        None => Some(problem),
                    }
                }
                Err(problem) => Some(problem),
            };
            let diag = problem.filter(|_| !shown).map(|p| {
                let (ja, en) = p.message();
                Diagnostic::error(Bilingual::new(ja, en))
                    .at(Location::file(display_path(root, src)))
            });
            (files, diag)
        })
        .collect();
    let mut diags = Vec::new();
    for (files, diag) in made {
        out.extend(files);
        diags.extend(diag);
    }
    (out, diags)
}

/// What one photo became: the files published, or why not.
type Made = (Vec<(String, Data)>, Option<Diagnostic>);

fn data(blob: Blob) -> Data {
    match blob {
        Blob::File(p) => Data::Copy(p),
        Blob::Bytes(b) => Data::Bytes(b),
    }
}
