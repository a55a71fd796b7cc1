//! Markdown → HTML for articles and pages, with what Japanese writing needs.
//!
//! CommonMark with tables, footnotes, strikethrough, task lists and GitHub-style alerts, via
//! pulldown-cmark, plus:
//! - emphasis that works next to Japanese punctuation ([`cjk_emphasis`]);
//! - no space for a line break between two Japanese characters;
//! - heading ids that keep Japanese, `{#custom-id}`, and a table of contents ([`headings`]);
//! - ruby for hard terms ([`ruby`]);
//! - code blocks highlighted with CSS classes ([`highlight`]);
//! - images with `loading="lazy"` and their size; site paths rewritten under the base URL
//!   ([`links`]);
//! - a summary (before `<!-- more -->`), plain text and reading time ([`summary`]).
//!
//! [`render`] walks pulldown-cmark's events once, rewriting the few it needs to, then lets
//! pulldown-cmark write the HTML.
//!
//! # Example
//!
//! Rendering one article body, with Japanese emphasis and ruby:
//!
//! ```
//! use clinote_markdown::{self as markdown, Input, links::LinkContext};
//!
//! let source = "+++\ntitle = \"t\"\n+++\nこれは**「重要」**です。{頸椎|けいつい}\n";
//! let input = Input {
//!     file: "content/articles/t.md",
//!     source,
//!     body_offset: source.rfind("+++\n").unwrap() + 4,
//!     links: LinkContext {
//!         base_path: "/",
//!         page_path: "articles/t/",
//!         bundle_dir: None,
//!         static_dirs: &[],
//!         source_dir: None,
//!         targets: None,
//!         site_url: None,
//!         images: None,
//!     },
//! };
//! let (rendered, warnings) = markdown::render(&input);
//! assert!(warnings.is_empty());
//! assert_eq!(
//!     rendered.html,
//!     "<p>これは<strong>「重要」</strong>です。<ruby>頸椎<rt>けいつい</rt></ruby></p>\n"
//! );
//! ```

pub mod cjk_emphasis;
pub mod headings;
pub mod highlight;
pub mod links;
mod renderer;
pub mod ruby;
pub mod summary;

use pulldown_cmark::{Event, Options, Parser};
use serde::{Deserialize, Serialize};

use clinote_diagnostic::Diagnostic;
use headings::TocEntry;
use links::LinkContext;

use self::renderer::Renderer;

/// What rendering one Markdown body gives.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    #[serde(deserialize_with = "clinote_text::utf8::fast_string")]
    pub html: String,
    /// The HTML before `<!-- more -->`, when the writer put one.
    pub summary_html: Option<String>,
    /// The paragraph text before `<!-- more -->`, flattened to one line.
    pub summary_text: Option<String>,
    pub toc: Vec<TocEntry>,
    /// All text, blocks separated by newlines (for reading time, search and checks). Used
    /// while the article is rendered, and not kept in the render cache: empty in an article
    /// taken from it.
    #[serde(skip)]
    pub text: String,
    /// Paragraph text only, for the automatic summary. Like `text`, not kept in the cache.
    #[serde(skip)]
    pub lead: String,
    pub reading_minutes: u32,
    /// Every link and image, with where it is written, for the link check.
    pub links: Vec<LinkRef>,
    /// The files this body's HTML depends on besides its own source: other articles' files it
    /// links to or shows as a card, and the images whose size it writes.
    pub depends_on: Vec<std::path::PathBuf>,
}

/// A link or image as written in an article, and where it leads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkRef {
    /// As the writer wrote it.
    pub dest: String,
    /// As written into the page (resolved, root-relative for the site's own files).
    pub url: String,
    /// Byte offset and length of the link's Markdown in the whole file.
    pub offset: usize,
    pub len: usize,
    pub image: bool,
    /// Points outside the site (`https://…`, `mailto:`).
    pub external: bool,
    /// A link to a Markdown file that is not an article of the site.
    pub unknown_markdown: bool,
    /// For such a link: the nearest article file, as it would be written here.
    pub near: Option<String>,
    /// A `javascript:` (or similar) address: written as `#`, reported as an error.
    pub unsafe_scheme: bool,
}

/// One body to render.
pub struct Input<'a> {
    /// The file's path for messages (relative to the site root).
    pub file: &'a str,
    /// The whole file, for positions.
    pub source: &'a str,
    /// Where the body starts in `source`.
    pub body_offset: usize,
    pub links: LinkContext<'a>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A Markdown body parsed once, for everything that walks it: rendering, the checks' prose
/// and the teasers' outline. (Each parsed it on its own before: three parses were a
/// fifteenth of a first build.)
pub struct Parsed<'p> {
    /// The body with CJK emphasis markers in (see [`cjk_emphasis`]).
    pub prepared: &'p cjk_emphasis::Prepared<'p>,
    /// The events of `prepared.text`, with their byte ranges in it.
    pub events: Vec<(Event<'p>, std::ops::Range<usize>)>,
}

impl<'p> Parsed<'p> {
    /// Parses a prepared body with the options every reader of the body uses.
    pub fn new(prepared: &'p cjk_emphasis::Prepared<'p>) -> Parsed<'p> {
        let events = Parser::new_ext(&prepared.text, options())
            .into_offset_iter()
            .collect();
        Parsed { prepared, events }
    }
}

/// Renders the body of `input`; warnings (a missing image, …) come back beside the result.
pub fn render(input: &Input<'_>) -> (Rendered, Vec<Diagnostic>) {
    let prepared = cjk_emphasis::prepare(&input.source[input.body_offset..]);
    render_parsed(input, &Parsed::new(&prepared))
}

/// [`render`], from the body parsed already.
pub fn render_parsed(input: &Input<'_>, parsed: &Parsed<'_>) -> (Rendered, Vec<Diagnostic>) {
    let mut r = Renderer::new(input, parsed);
    for (event, range) in &parsed.events {
        r.event(event.clone(), range.clone());
    }
    r.finish()
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, s);
    out
}

pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests;
