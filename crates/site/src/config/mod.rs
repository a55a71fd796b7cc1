//! `clinote.toml` → [`Config`]: the site's settings, with defaults and validation.
//!
//! Unknown keys are warnings that name the nearest known key (a typo should not silently do
//! nothing); a missing `title`, an invalid `base_url`, an unknown time zone or language are
//! errors. All problems are reported together.
//!
//! Here: the settings. Reading and checking them is in `load`, the known keys and the
//! warnings for unknown ones in `keys`, `[clinic.hours]` in `hours`, `[brand]` in `brand`, `[analytics]` in `analytics`.

pub mod analytics;
pub mod brand;
pub mod hours;
mod keys;
mod load;
#[cfg(test)]
mod tests;

use indexmap::IndexMap;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use url::Url;

use clinote_diagnostic::Bilingual;
use load::parse_base_url;

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "clinote.toml";

pub use clinote_text::Language;

/// The clinic behind the blog: shown in the footer, JSON-LD and share links.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Clinic {
    pub name: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The LINE official account's ID, with or without the leading `@`.
    pub line_id: Option<String>,
    pub x_handle: Option<String>,
    /// The online booking page.
    pub booking_url: Option<String>,
    /// A map of the clinic's place (Google Maps, …).
    pub map_url: Option<String>,
    /// 診療科目, in the order written: `["内科", "小児科"]`.
    pub departments: Vec<String>,
    /// How to get there: stations, parking.
    pub access: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// As written; checked into [`Config::hours`].
    pub hours: Option<hours::RawHours>,
}

impl Clinic {
    /// What `clinote check` needs of the clinic: its own contacts are never a patient's.
    pub fn for_check(&self) -> clinote_check::Clinic<'_> {
        clinote_check::Clinic {
            name: self.name.as_deref(),
            url: self.url.as_deref(),
            address: self.address.as_deref(),
            phone: self.phone.as_deref(),
            email: self.email.as_deref(),
        }
    }
}

/// A doctor or staff member who writes articles.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Author {
    pub name: Option<String>,
    pub role: Option<String>,
    pub bio: Option<String>,
    /// Path relative to `static/`.
    pub avatar: Option<String>,
    /// The avatar's header, read when the config is loaded, when it is a photo.
    #[serde(skip)]
    pub avatar_photo: Option<clinote_images::Photo>,
}

/// `[feed]`: the RSS feeds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Feed {
    pub limit: usize,
    pub full_content: bool,
}

impl Default for Feed {
    fn default() -> Self {
        Feed {
            limit: 20,
            full_content: true,
        }
    }
}

pub use clinote_posts::Teasers;

/// `[images]`: the widths and formats photos are published in (`clinote_images`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(default)]
pub struct Images {
    /// Widths written, in pixels (never wider than the photo).
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1–100.
    pub quality: u8,
    /// Also write WebP.
    pub webp: bool,
}

impl Default for Images {
    fn default() -> Self {
        let d = clinote_images::Settings::default();
        Images {
            widths: d.widths,
            quality: d.quality,
            webp: d.webp,
        }
    }
}

impl Images {
    pub fn settings(&self) -> clinote_images::Settings {
        clinote_images::Settings {
            widths: self.widths.clone(),
            quality: self.quality,
            webp: self.webp,
        }
    }
}

/// The site's settings, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Where pages link to: always absolute and ending in `/` (the preview's local address in
    /// `serve`).
    pub base_url: Url,
    /// Where the site is published (`base_url` as configured, or `--base-url`): what posts on X
    /// and LINE link to, even from the preview.
    pub public_url: Url,
    pub language: Language,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub theme: String,
    /// Articles per index, tag and author page.
    pub paginate: usize,
    /// The image for link cards of pages without a cover, relative to `static/`.
    pub image: Option<String>,
    /// Draw a link-card image (title, clinic, author) for each article and page without a
    /// cover, for X, LINE and other link previews.
    pub cards: bool,
    pub clinic: Clinic,
    /// `[clinic.hours]`, checked.
    pub hours: Option<hours::Hours>,
    /// `[brand]` as written (its logo is a path under `static/`).
    pub brand: brand::Brand,
    /// `[brand]`'s colours, checked.
    pub colours: brand::Colours,
    /// `[analytics]`, checked.
    pub analytics: Option<analytics::Analytics>,
    /// In the order written: the first is the default author of `clinote new`.
    pub authors: IndexMap<String, Author>,
    pub feed: Feed,
    pub teasers: Teasers,
    pub images: clinote_images::Settings,
    pub check: clinote_check::config::CheckConfig,
}

impl Config {
    /// The path part of `base_url`, always starting and ending with `/` (`/blog/`).
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }

    /// Replaces `base_url` and the public address (the `--base-url` option).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Bilingual> {
        self.base_url = parse_base_url(url)?;
        self.public_url = self.base_url.clone();
        Ok(())
    }

    /// Serves the site at a local address, keeping the public one for posts.
    pub fn preview_at(&mut self, url: &str) -> Result<(), Bilingual> {
        self.base_url = parse_base_url(url)?;
        Ok(())
    }

    /// The public address of a path given relative to the base (`articles/x/`).
    pub fn public_address(&self, relative: &str) -> String {
        format!("{}{}", self.public_url, relative.trim_start_matches('/'))
    }

    /// The absolute URL of a site path given relative to the base (`articles/x/`).
    pub fn absolute_url(&self, relative: &str) -> String {
        format!("{}{}", self.base_url, relative.trim_start_matches('/'))
    }

    /// The root-relative URL (`/blog/articles/x/`) of a path given relative to the base.
    pub fn site_path(&self, relative: &str) -> String {
        format!("{}{}", self.base_path(), relative.trim_start_matches('/'))
    }

    /// The absolute URL of a root-relative one (`/blog/a.png` → `https://example.jp/blog/a.png`);
    /// absolute URLs are returned as they are.
    pub fn absolute_from_root(&self, url: &str) -> String {
        if url.starts_with('/') && !url.starts_with("//") {
            format!("{}{}", self.base_url.origin().ascii_serialization(), url)
        } else {
            url.to_string()
        }
    }
}
