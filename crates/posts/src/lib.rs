//! X teasers and LINE messages for articles.
//!
//! # Overview
//!
//! For each article, [`generate`] writes a few X posts and one LINE message that invite to
//! read it, in the article's own words:
//!
//! ```text
//! ArticleInput (title, description, summary, Markdown body, canonical URL, tags, date)
//!   ─► material: title, lead, quotable sentences, short lists       (outline, material)
//!   ─► drafts: own teasers, an opener + lead, a key sentence, a checklist (generate, frames)
//!   ─► the clinic's number after a sentence that asks to call             (contact)
//!   ─► fitted to 280 as X counts (count), shortened at 。 or 、 only  (compose, cut)
//!   ─► Generated { x: Vec<Teaser>, line: LineMessage, warnings }
//!   ─► records, dated and timed ─► JSON / CSV / ICS for staff          (export, ics)
//! ```
//!
//! - [`parse`] counts a post exactly as X does (twitter-text 3.1.0, configuration v3):
//!   URLs 23, emoji 2, kana and kanji 2, ASCII 1. Every post is checked with it.
//! - [`sanitize`] turns tags into hashtags X links (`COVID-19` → `COVID19`).
//! - [`intent_url`] opens X's composer with the whole post; [`line_share_url`],
//!   [`friend_add_url`] and [`qr_svg`] are the LINE links.
//!
//! Each post ends with the canonical URL on its own line, with `utm_*` parameters (one
//! `utm_content` per variant), and the hashtags on the line before it.
//!
//! # Example
//!
//! ```
//! use clinote_posts::{generate, parse, ArticleInput, Teasers};
//! use clinote_text::Language;
//!
//! let article = ArticleInput {
//!     slug: "kafun-eye",
//!     title: "花粉症の目のかゆみ対策",
//!     description: Some("目のかゆみは、こすらずに冷やすのが基本です。"),
//!     summary: "",
//!     body_markdown: "## 受診の目安\n\n目の充血が3日以上続くときは、早めに受診しましょう。\n",
//!     canonical_url: "https://example-clinic.jp/blog/kafun-eye/",
//!     tags: &["花粉症".to_string()],
//!     hashtags: &[],
//!     own_teasers: &[],
//!     date: jiff::civil::date(2026, 2, 10),
//!     language: Language::Ja,
//!     clinic_phone: None,
//! };
//! let generated = generate(&article, &Teasers::default());
//! let first = &generated.x[0];
//! // The description, then the body's advice with a number (the title is on X's card).
//! assert!(first.text.starts_with(
//!     "目のかゆみは、こすらずに冷やすのが基本です。\n目の充血が3日以上続くときは、早めに受診しましょう。\n"
//! ));
//! assert!(first.text.ends_with("utm_campaign=kafun-eye&utm_content=v1"));
//! assert!(parse(&first.text).valid);
//! ```

mod compose;
mod contact;
mod count;
mod cut;
mod export;
mod figures;
mod frames;
mod generate;
mod grounding;
mod hashtags;
mod ics;
mod intent;
mod line;
mod link;
mod material;
mod outline;
mod plain;
mod qr;
mod unintended;

use jiff::civil::Date;

use clinote_diagnostic::Bilingual;
use clinote_text::Language;

pub use count::{INVALID_CHARS, MAX_WEIGHTED_LENGTH, Parsed, URL_WEIGHT, parse, weighted_length};
pub use export::{Channel, FindingRecord, Record, Schedule, records, to_csv, to_json};
pub use generate::{first_post, generate, generate_parsed, generate_parsed_keeping};
pub use hashtags::{DropReason, Dropped, sanitize, sanitize_all};
pub use ics::{IcsCalendar, to_ics};
pub use intent::{intent_url, line_intent_url};
pub use line::{LINE_MAX_UTF16, LINE_TARGET_CHARS, friend_add_url, line_add_url, line_share_url};
pub use qr::qr_svg;
pub use unintended::{Unintended, unintended};

/// `[teasers]`: settings for X and LINE posts.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Teasers {
    /// Hashtags added to every post, without `#`.
    pub hashtags: Vec<String>,
    /// X posts per article.
    pub variants: usize,
    /// Add `utm_*` parameters to links.
    pub utm: bool,
    /// Suggested posting days after publication, one per variant.
    pub schedule_days: Vec<u32>,
    /// Also write the teaser page into `build` output (with `noindex`).
    pub page: bool,
    /// The time of day, in the site's time zone, at which exports schedule each post
    /// (`"12:00"`); see [`Teasers::post_time`].
    pub time: String,
}

impl Teasers {
    /// `time` as a time of day, `None` when it is not `HH:MM`.
    pub fn post_time(&self) -> Option<jiff::civil::Time> {
        parse_time(&self.time)
    }
}

/// `HH:MM` (24-hour, `9:30` too) as a time of day.
pub fn parse_time(s: &str) -> Option<jiff::civil::Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    jiff::civil::Time::new(h, m, 0, 0).ok()
}

impl Default for Teasers {
    fn default() -> Self {
        Teasers {
            hashtags: Vec::new(),
            variants: 3,
            utm: true,
            schedule_days: vec![0, 3, 10],
            page: false,
            time: "12:00".to_string(),
        }
    }
}

/// One article, as the generator needs it.
#[derive(Debug, Clone)]
pub struct ArticleInput<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The plain-text summary the site already computed.
    pub summary: &'a str,
    /// The Markdown body, front matter removed.
    pub body_markdown: &'a str,
    /// Absolute; percent-encoded here if it is not ASCII.
    pub canonical_url: &'a str,
    pub tags: &'a [String],
    /// Front matter `hashtags`; when empty, up to two of `tags` are used.
    pub hashtags: &'a [String],
    /// Front matter `teasers`: posts the writer wrote, used first and as written.
    pub own_teasers: &'a [String],
    /// Publication date in the site's time zone.
    pub date: Date,
    pub language: Language,
    /// `[clinic] phone`: put under a generated post that asks its reader to call.
    pub clinic_phone: Option<&'a str>,
}

/// Everything written for one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Generated {
    pub x: Vec<Teaser>,
    /// `None` when the posts are withheld.
    pub line: Option<LineMessage>,
    /// Problems to show with the article's file (a dropped hashtag, a shortened teaser …).
    pub warnings: Vec<Bilingual>,
    /// Why no post is written for the article, and what to add to it (a self-pay article
    /// without the disclosures the guideline requires: [`Generated::withheld`]).
    #[serde(default)]
    pub withheld: Option<Bilingual>,
}

impl Generated {
    /// No post at all, for `reason`: what the caller knows and the generator does not (the
    /// article's `clinote check` findings). The posts' own warnings (too few, a shortened
    /// teaser) would be moot, so there are none.
    pub fn withheld(reason: Bilingual) -> Generated {
        Generated {
            x: Vec::new(),
            line: None,
            warnings: Vec::new(),
            withheld: Some(reason),
        }
    }
}

/// One X post.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Teaser {
    /// 1-based; also the post's `utm_content=v<N>`.
    pub variant: usize,
    /// The whole post, hashtags and link included.
    #[serde(deserialize_with = "clinote_text::utf8::fast_string")]
    pub text: String,
    /// As X counts it; at most 280.
    pub weighted_length: usize,
    /// The link at the end of the post (canonical URL with UTM parameters).
    pub url: String,
    /// Publication date + `schedule_days[variant - 1]`.
    pub suggested_date: Date,
}

impl Teaser {
    /// Opens X's composer with the whole post. Made when a page asks for it: it is three
    /// times the size of the text, and a big site's posts would hold 50 MB of them.
    pub fn intent_url(&self) -> String {
        intent_url(&self.text)
    }
}

/// The LINE message for one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineMessage {
    /// The whole message, link included.
    #[serde(deserialize_with = "clinote_text::utf8::fast_string")]
    pub text: String,
    /// Length in UTF-16 code units, as LINE counts; at most [`LINE_MAX_UTF16`].
    pub utf16_len: usize,
    /// The link at the end (canonical URL with `utm_source=line`).
    pub url: String,
    /// The publication date.
    pub suggested_date: Date,
}

impl LineMessage {
    /// Opens LINE's share picker with the whole message (`line.me/R/share`); made when
    /// asked, like [`Teaser::intent_url`].
    pub fn intent_url(&self) -> String {
        line_intent_url(&self.text)
    }
}
