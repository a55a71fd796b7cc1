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
pub mod ruby;
pub mod summary;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use clinote_diagnostic::Diagnostic;
use clinote_text::japanese::is_cjk;
use headings::{IdAllocator, TocEntry};
use links::LinkContext;

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
    /// Other articles' files this body links to or shows as a card.
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
    let body = &input.source[input.body_offset..];
    let mut r = Renderer {
        input,
        prepared: parsed.prepared,
        // About one output event per parsed one.
        out: Vec::with_capacity(parsed.events.len()),
        text_buf: String::new(),
        pending_break: None,
        last_char: None,
        heading: None,
        code: None,
        image: None,
        ids: IdAllocator::default(),
        toc: Vec::new(),
        text: String::new(),
        lead: String::new(),
        paragraph_depth: 0,
        footnote_depth: 0,
        footnotes: Footnotes::default(),
        current_footnote: Vec::new(),
        depth: 0,
        more_at: None,
        lead_at_more: 0,
        diags: Vec::new(),
        links: Vec::new(),
        depends_on: Vec::new(),
        paragraph: None,
    };
    for (event, range) in &parsed.events {
        r.event(event.clone(), range.clone());
    }
    r.flush_text();

    let mut html = String::with_capacity(body.len() * 3 / 2 + 64);
    pulldown_cmark::html::push_html(&mut html, r.out.iter().cloned());
    // Every event is stripped of the emphasis marker already; a last guard costs one scan.
    if let std::borrow::Cow::Owned(stripped) = cjk_emphasis::strip(&html) {
        html = stripped;
    }
    let summary_html = r.more_at.map(|at| {
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, r.out[..at].iter().cloned());
        s
    });
    let reading_minutes = summary::reading_minutes(&r.text);
    let summary_text = r
        .more_at
        .map(|_| summary::flatten(&r.lead[..r.lead_at_more]));
    let mut depends_on = r.depends_on;
    depends_on.sort();
    depends_on.dedup();
    let rendered = Rendered {
        links: r.links,
        depends_on,
        html,
        summary_html,
        summary_text,
        toc: r.toc,
        text: r.text,
        lead: r.lead,
        reading_minutes,
    };
    (rendered, r.diags)
}

struct HeadingState<'a> {
    index: usize,
    level: pulldown_cmark::HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    text: String,
}

struct ImageState<'a> {
    dest: CowStr<'a>,
    title: CowStr<'a>,
    alt: String,
    /// Where the image's Markdown is, in the prepared text.
    range: std::ops::Range<usize>,
}

struct Renderer<'a, 'p> {
    input: &'a Input<'a>,
    prepared: &'p cjk_emphasis::Prepared<'p>,
    out: Vec<Event<'p>>,
    /// Adjacent text events, merged before ruby and line-break handling.
    text_buf: String,
    /// A soft break just written (its index) and the character before it.
    pending_break: Option<(usize, Option<char>)>,
    last_char: Option<char>,
    heading: Option<HeadingState<'p>>,
    code: Option<(String, String)>,
    image: Option<ImageState<'p>>,
    ids: IdAllocator,
    toc: Vec<TocEntry>,
    text: String,
    lead: String,
    paragraph_depth: usize,
    footnote_depth: usize,
    footnotes: Footnotes,
    /// Numbers of the footnote definitions being written (they can nest in odd Markdown).
    current_footnote: Vec<usize>,
    depth: usize,
    more_at: Option<usize>,
    lead_at_more: usize,
    diags: Vec<Diagnostic>,
    links: Vec<LinkRef>,
    depends_on: Vec<std::path::PathBuf>,
    /// The open top-level paragraph: its index in `out`, its source range, and how long the
    /// plain texts were when it began (a link card takes its text back out).
    paragraph: Option<(usize, std::ops::Range<usize>, usize, usize)>,
}

impl<'p> Renderer<'_, 'p> {
    fn event(&mut self, event: Event<'p>, range: std::ops::Range<usize>) {
        if self.image.is_some() {
            // Inside an image everything is alt text; emphasis and the like are dropped.
            match event {
                Event::Text(t) | Event::Code(t) => self.text_buf.push_str(&t),
                Event::End(TagEnd::Image) => {
                    self.flush_text();
                    self.depth = self.depth.saturating_sub(1);
                    self.end(TagEnd::Image);
                }
                Event::Start(_) => self.depth += 1,
                Event::End(_) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            return;
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => {
                    code.push_str(&cjk_emphasis::strip(&t));
                    return;
                }
                Event::End(TagEnd::CodeBlock) => {
                    self.depth -= 1;
                    if let Some((lang, code)) = self.code.take() {
                        self.text.push('\n');
                        self.out
                            .push(Event::Html(highlight::code_block(&lang, &code).into()));
                    }
                    return;
                }
                _ => return,
            }
        }
        match event {
            Event::Text(t) => {
                self.text_buf.push_str(&t);
                return;
            }
            Event::SoftBreak => {
                self.flush_text();
                self.out.push(Event::SoftBreak);
                self.pending_break = Some((self.out.len() - 1, self.last_char));
                self.push_plain("\n");
                return;
            }
            _ => self.flush_text(),
        }
        match event {
            Event::Start(tag) => {
                let at_top = self.depth == 0;
                self.depth += 1;
                self.start(tag, range, at_top);
            }
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(end);
            }
            Event::Code(c) => {
                let c = strip_cow(c);
                self.push_plain(&c);
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&c);
                }
                self.last_char = c.chars().next_back();
                self.pending_break = None;
                self.out.push(Event::Code(c));
            }
            Event::Html(h) => self.out.push(Event::Html(strip_cow(h))),
            Event::InlineHtml(h) => self.out.push(Event::InlineHtml(strip_cow(h))),
            Event::FootnoteReference(label) => {
                let n = self.footnotes.number(&label);
                let id = if self.footnotes.referenced.insert(n) {
                    format!(" id=\"fnref-{n}\"")
                } else {
                    String::new()
                };
                self.out.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\"{id}><a href=\"#fn-{n}\">{n}</a></sup>"
                    )
                    .into(),
                ));
            }
            Event::HardBreak => {
                self.push_plain("\n");
                self.out.push(Event::HardBreak);
            }
            other => self.out.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'p>, range: std::ops::Range<usize>, at_top: bool) {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading = Some(HeadingState {
                    index: self.out.len(),
                    level,
                    id,
                    classes,
                    attrs,
                    text: String::new(),
                });
                // Replaced at the end of the heading, once its id is known.
                self.out.push(Event::Start(Tag::Paragraph));
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        cjk_emphasis::strip(&info).into_owned()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(ImageState {
                    dest: dest_url,
                    title,
                    alt: String::new(),
                    range: range.clone(),
                });
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest = cjk_emphasis::strip(&dest_url).into_owned();
                let dest_url = match link_type {
                    LinkType::Email => strip_cow(dest_url),
                    _ => {
                        let resolved = links::resolve(&self.input.links, &dest);
                        self.record(&dest, &resolved, range.clone(), false);
                        if links::is_unsafe(&dest) {
                            CowStr::Borrowed("#")
                        } else {
                            resolved.url.into()
                        }
                    }
                };
                self.out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title: strip_cow(title),
                    id,
                }));
            }
            Tag::HtmlBlock => {
                if at_top && self.more_at.is_none() {
                    let start = self.prepared.text[range.clone()].trim();
                    if start.starts_with("<!--") && start.contains("more") && is_more(start) {
                        self.more_at = Some(self.out.len());
                        self.lead_at_more = self.lead.len();
                    }
                }
                self.out.push(Event::Start(Tag::HtmlBlock));
            }
            Tag::Paragraph => {
                self.paragraph_depth += 1;
                if at_top {
                    self.paragraph =
                        Some((self.out.len(), range, self.text.len(), self.lead.len()));
                }
                self.out.push(Event::Start(Tag::Paragraph));
            }
            Tag::FootnoteDefinition(label) => {
                self.footnote_depth += 1;
                let n = self.footnotes.number(&label);
                self.current_footnote.push(n);
                self.out.push(Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
                    )
                    .into(),
                ));
            }
            other => self.out.push(Event::Start(other)),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => {
                if let Some(h) = self.heading.take() {
                    let id = self.ids.allocate(h.id.as_deref(), &h.text);
                    let level = h.level as u8;
                    if level == 2 || level == 3 {
                        self.toc.push(TocEntry {
                            level,
                            id: id.clone(),
                            title: h.text.trim().to_string(),
                        });
                    }
                    self.out[h.index] = Event::Start(Tag::Heading {
                        level: h.level,
                        id: Some(id.into()),
                        classes: h.classes,
                        attrs: h.attrs,
                    });
                    self.push_plain("\n");
                }
                self.out.push(Event::End(end));
            }
            TagEnd::Image => {
                if let Some(img) = self.image.take() {
                    let html = self.image_html(&img);
                    self.out.push(Event::InlineHtml(html.into()));
                }
            }
            TagEnd::Paragraph => {
                self.push_plain("\n");
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                self.out.push(Event::End(end));
                if let Some((start, range, text_len, lead_len)) = self.paragraph.take()
                    && let Some(card) = self.link_card(&range)
                {
                    // The paragraph was only an article's address: show it as a card.
                    self.out.truncate(start);
                    self.out.push(Event::Html(card.into()));
                    self.text.truncate(text_len);
                    self.lead.truncate(lead_len);
                }
            }
            TagEnd::FootnoteDefinition => {
                self.footnote_depth = self.footnote_depth.saturating_sub(1);
                let n = self.current_footnote.pop().unwrap_or(0);
                self.out.push(Event::Html(
                    format!("<a class=\"footnote-backref\" href=\"#fnref-{n}\" title=\"↩\">↩</a></div>\n").into(),
                ));
            }
            TagEnd::TableCell | TagEnd::Item => {
                self.push_plain("\n");
                self.out.push(Event::End(end));
            }
            other => self.out.push(Event::End(other)),
        }
    }

    /// Emits the merged text: markers stripped, ruby expanded, line breaks between Japanese
    /// characters removed.
    fn flush_text(&mut self) {
        if self.text_buf.is_empty() {
            return;
        }
        let raw = std::mem::take(&mut self.text_buf);
        let text = cjk_emphasis::strip(&raw).into_owned();
        if let Some((index, before)) = self.pending_break.take()
            && before.is_some_and(is_cjk)
            && text.chars().next().is_some_and(is_cjk)
        {
            self.out[index] = Event::Text(CowStr::Borrowed(""));
        }
        if let Some(img) = &mut self.image {
            img.alt.push_str(&text);
            return;
        }
        for piece in ruby::split(&text) {
            match piece {
                ruby::Piece::Text(s) => {
                    self.push_plain(s);
                    if let Some(h) = &mut self.heading {
                        h.text.push_str(s);
                    }
                    self.out.push(Event::Text(s.to_string().into()));
                }
                ruby::Piece::Ruby { base, reading } => {
                    self.push_plain(base);
                    if let Some(h) = &mut self.heading {
                        h.text.push_str(base);
                    }
                    let html = format!(
                        "<ruby>{}<rt>{}</rt></ruby>",
                        escape_html(base),
                        escape_html(reading)
                    );
                    self.out.push(Event::InlineHtml(html.into()));
                }
            }
        }
        self.last_char = text.chars().next_back();
    }

    fn push_plain(&mut self, s: &str) {
        if self.heading.is_none() || s != "\n" {
            self.text.push_str(s);
        }
        if self.paragraph_depth > 0 && self.footnote_depth == 0 && self.heading.is_none() {
            self.lead.push_str(s);
        }
    }

    /// Remembers a link or image for the link check, and the articles it depends on.
    fn record(
        &mut self,
        dest: &str,
        resolved: &links::Resolved,
        range: std::ops::Range<usize>,
        image: bool,
    ) {
        let start = self.input.body_offset + self.prepared.original_offset(range.start);
        let end = self.input.body_offset + self.prepared.original_offset(range.end);
        if let Some((file, _)) = &resolved.markdown {
            self.depends_on.push(file.clone());
        }
        let unknown_markdown = resolved.markdown.as_ref().is_some_and(|(_, known)| !known);
        let unsafe_scheme = links::is_unsafe(dest);
        let near = if unknown_markdown {
            self.nearest_article_file(dest)
        } else {
            None
        };
        self.links.push(LinkRef {
            dest: dest.to_string(),
            url: resolved.url.clone(),
            offset: start,
            len: end.saturating_sub(start),
            image,
            // A same-page `#anchor` is checked against this page's own ids.
            external: !resolved.local && !dest.starts_with('#'),
            unknown_markdown,
            near,
            unsafe_scheme,
        });
    }

    /// The article file whose name is closest to a mistyped `.md` link, written relative to
    /// this file when it sits in the same folder, else by its name.
    fn nearest_article_file(&self, dest: &str) -> Option<String> {
        let ctx = &self.input.links;
        let targets = ctx.targets?;
        let dir = ctx.source_dir?;
        let names: Vec<String> = targets
            .keys()
            .filter_map(|p| {
                let rel = p.strip_prefix(dir).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        clinote_diagnostic::suggest::nearest(dest, names.iter().map(String::as_str))
            .map(str::to_string)
    }

    /// A note-style card when the paragraph at `range` is only the address (or Markdown path)
    /// of one of the site's own articles.
    fn link_card(&mut self, range: &std::ops::Range<usize>) -> Option<String> {
        let ctx = &self.input.links;
        let targets = ctx.targets?;
        let raw = cjk_emphasis::strip(self.prepared.text.get(range.clone())?);
        let token = raw.trim().trim_start_matches('<').trim_end_matches('>');
        let on_site = ctx.site_url.and_then(|u| token.strip_prefix(u));
        let bytes = token.as_bytes();
        let markdown = bytes.len() >= 3 && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b".md");
        // Most paragraphs are prose: told by their ends before a look at every character.
        if token.is_empty()
            || (on_site.is_none() && !markdown)
            || token.contains(char::is_whitespace)
        {
            return None;
        }
        let (path, target) = if let Some(rest) = on_site {
            let rest = rest.split(['#', '?']).next().unwrap_or("");
            let wanted = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
            let wanted = format!("{}/", wanted.trim_end_matches('/'));
            targets.iter().find(|(_, t)| t.url_path == wanted)?
        } else if markdown {
            let resolved = links::resolve(ctx, token);
            let (file, true) = resolved.markdown? else {
                return None;
            };
            targets.get_key_value(&file)?
        } else {
            return None;
        };
        self.depends_on.push(path.clone());
        let url = format!("{}{}", ctx.base_path, links::encode_path(&target.url_path));
        let cover = target.cover.as_ref().map_or(String::new(), |c| {
            format!(
                "<img class=\"link-card__cover\" src=\"{}\" alt=\"\" loading=\"lazy\" decoding=\"async\">",
                escape_attr(c)
            )
        });
        Some(format!(
            "<a class=\"link-card\" href=\"{}\"><span class=\"link-card__body\"><span class=\"link-card__title\">{}</span><span class=\"link-card__description\">{}</span></span>{cover}</a>\n",
            escape_attr(&url),
            escape_html(&target.title),
            escape_html(&target.description),
        ))
    }

    fn image_html(&mut self, img: &ImageState<'_>) -> String {
        let dest = cjk_emphasis::strip(&img.dest).into_owned();
        let resolved = links::resolve(&self.input.links, &dest);
        self.record(&dest, &resolved, img.range.clone(), true);
        let src = if links::is_unsafe(&dest) {
            "#"
        } else {
            resolved.url.as_str()
        };
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_attr(src),
            escape_attr(img.alt.trim())
        );
        if !img.title.is_empty() {
            html.push_str(&format!(
                " title=\"{}\"",
                escape_attr(&cjk_emphasis::strip(&img.title))
            ));
        }
        // A missing local image is reported by the link check, with the nearest file.
        if let Some((w, h)) = resolved.file.as_deref().and_then(links::image_size) {
            html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        html.push_str(" loading=\"lazy\" decoding=\"async\">");
        html
    }
}

/// Footnotes numbered in order of first appearance, with `fn-N`/`fnref-N` ids that stay
/// readable and never clash with heading ids.
#[derive(Default)]
struct Footnotes {
    numbers: std::collections::HashMap<String, usize>,
    referenced: std::collections::HashSet<usize>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }
}

fn is_more(comment: &str) -> bool {
    comment
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .eq_ignore_ascii_case("more")
}

fn strip_cow(s: CowStr<'_>) -> CowStr<'_> {
    if s.contains(cjk_emphasis::MARKER) {
        cjk_emphasis::strip(&s).into_owned().into()
    } else {
        s
    }
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
