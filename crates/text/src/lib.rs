//! Text as clinote reads it: the site's language, Japanese character classes, and reading
//! stored UTF-8 quickly. The bottom of the pipeline; every other crate may use it, it uses
//! none of them.

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
