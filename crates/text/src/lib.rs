//! Text as clinote reads it: the site's language, and the single home of the speed tricks
//! on text: Japanese character classes ([`japanese`]), classes as tables of the BMP
//! ([`bmp`]), normalisation shortcuts ([`nfc`], [`nfkc`]), lower-casing shortcuts
//! ([`case`]), one way to walk and decode UTF-8 by bytes ([`utf8`]). Each fast path has a
//! test against its slow reference over every character. The bottom of the pipeline; every
//! other crate may use it, it uses none of them.

pub mod bmp;
pub mod case;
pub mod japanese;
pub mod nfc;
pub mod nfkc;
pub mod utf8;

use serde::Serialize;

/// The language of a site: of the theme's fixed strings, of dates, of posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ja,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }
}
