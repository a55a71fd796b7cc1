//! Link-card images (`og:image`) for articles and pages without a cover: the title, the clinic
//! and the author drawn by [`crate::og_image`] at `cards/<page>.png`.
//!
//! Drawing a card costs about 30 ms, so cards are kept in `.clinote/cache/cards/`, named by a
//! hash of everything that is drawn: a build draws only the cards whose title, author or clinic
//! changed, and the output copies the rest from the cache.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128, SipHasher13};

use super::{Data, OutputFile};
use crate::content::Article;
use crate::og_image::{self, Card};
use crate::site::Site;
use clinote_diagnostic::{Bilingual, Diagnostic, Location};

// Where a card goes is the card module's to say, so that pages can link to it without depending
// on the outputs; the names stay here too, for the preview.
use crate::og_image::path::path_for;

/// Where drawn cards are kept between builds, in the site's folder.
pub const CACHE_DIR: &str = ".clinote/cache/cards";

/// The card of one article or page, from the cache or freshly drawn; `None` when it gets none.
pub fn file(site: &Site, root: &Path, a: &Article) -> Option<Result<OutputFile, Diagnostic>> {
    let path = path_for(site.config.cards, a)?;
    let author = author_line(site, a);
    let card = Card {
        title: &a.meta.title,
        site: site
            .config
            .clinic
            .name
            .as_deref()
            .unwrap_or(&site.config.title),
        author: author.as_deref(),
        language: site.config.language,
    };
    let cached = root.join(CACHE_DIR).join(format!("{}.png", key(&card)));
    if cached.is_file() {
        return Some(Ok(OutputFile {
            path,
            data: Data::Copy(cached),
        }));
    }
    Some(match og_image::render(&card) {
        Ok(png) => Ok(OutputFile {
            path,
            data: keep(&cached, png),
        }),
        Err(e) => Err(Diagnostic::error(Bilingual::new(
            format!("リンクカードの画像を描けませんでした（clinote の不具合です）: {e}"),
            format!("could not draw the link-card image (a bug in clinote): {e}"),
        ))
        .at(Location::file(a.file.clone()))
        .help(Bilingual::new(
            "front matter に `cover` で画像を指定すると、この画像は作られません。",
            "set a `cover` image in the front matter and this card is not needed",
        ))),
    })
}

/// Stores a drawn card in the cache; the output copies it from there, so thousands of cards are
/// never held in memory at once. Without a writable cache, the bytes go out directly.
fn keep(cached: &Path, png: Vec<u8>) -> Data {
    let stored = cached.parent().is_some_and(|dir| {
        std::fs::create_dir_all(dir).is_ok() && write_whole(cached, &png).is_ok()
    });
    if stored {
        Data::Copy(cached.to_path_buf())
    } else {
        Data::Bytes(png)
    }
}

/// Writes under a temporary name and renames, so a reader never sees half a card (two builds
/// or a build and `serve` may draw the same card at once).
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = PathBuf::from(path);
    tmp.set_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `山田 健一（院長・内科医）`: the author as the card shows them.
fn author_line(site: &Site, a: &Article) -> Option<String> {
    let key = a.author.as_deref()?;
    let author = site.config.authors.get(key);
    let name = author
        .and_then(|p| p.name.as_deref())
        .unwrap_or(key)
        .to_string();
    Some(match author.and_then(|p| p.role.as_deref()) {
        Some(role) if !role.is_empty() => match site.config.language {
            crate::config::Language::Ja => format!("{name}（{role}）"),
            crate::config::Language::En => format!("{name} ({role})"),
        },
        _ => name,
    })
}

/// A stable name for a card's inputs: the same card always gets the same file.
fn key(card: &Card<'_>) -> String {
    let mut h = SipHasher13::new();
    h.write_u32(og_image::DESIGN_VERSION);
    for part in [card.title, card.site, card.author.unwrap_or("\u{0}")] {
        h.write(part.as_bytes());
        h.write_u8(0xff); // separates the fields: no two cards share a byte stream
    }
    h.write(card.language.code().as_bytes());
    format!("{:032x}", h.finish128().as_u128())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    fn card<'a>(title: &'a str, author: Option<&'a str>) -> Card<'a> {
        Card {
            title,
            site: "みどりクリニック",
            author,
            language: Language::Ja,
        }
    }

    #[test]
    fn keys_differ_with_every_input_and_stay_stable() {
        let a = key(&card("手洗い", Some("院長")));
        assert_eq!(a, key(&card("手洗い", Some("院長"))));
        assert_ne!(a, key(&card("手洗い", None)));
        assert_ne!(a, key(&card("手洗い", Some("副院長"))));
        assert_ne!(key(&card("ab", Some("c"))), key(&card("a", Some("bc"))));
        assert_eq!(a.len(), 32);
    }
}
