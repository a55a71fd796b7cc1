//! The event rewriter behind [`render`](crate::render): one walk over pulldown-cmark's
//! events that rewrites the few it needs to (headings with their ids, code blocks, images,
//! links, footnotes, text with ruby and Japanese line breaks) and gathers the plain text, the
//! table of contents and the links on the way; pulldown-cmark then writes the HTML.

mod linking;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use clinote_diagnostic::Diagnostic;
use clinote_text::japanese::is_cjk;

use crate::headings::{IdAllocator, TocEntry};
use crate::{
    Input, LinkRef, Parsed, Rendered, cjk_emphasis, escape_html, highlight, links, ruby, summary,
};

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

pub(crate) struct Renderer<'a, 'p> {
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

impl<'a, 'p> Renderer<'a, 'p> {
    pub(crate) fn new(input: &'a Input<'a>, parsed: &Parsed<'p>) -> Self {
        Renderer {
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
        }
    }

    /// The HTML and everything gathered on the way, once every event is in.
    pub(crate) fn finish(mut self) -> (Rendered, Vec<Diagnostic>) {
        self.flush_text();

        let body = &self.input.source[self.input.body_offset..];
        let mut html = String::with_capacity(body.len() * 3 / 2 + 64);
        pulldown_cmark::html::push_html(&mut html, self.out.iter().cloned());
        // Every event is stripped of the emphasis marker already; a last guard costs one scan.
        if let std::borrow::Cow::Owned(stripped) = cjk_emphasis::strip(&html) {
            html = stripped;
        }
        let summary_html = self.more_at.map(|at| {
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, self.out[..at].iter().cloned());
            s
        });
        let reading_minutes = summary::reading_minutes(&self.text);
        let summary_text = self
            .more_at
            .map(|_| summary::flatten(&self.lead[..self.lead_at_more]));
        let mut depends_on = self.depends_on;
        depends_on.sort();
        depends_on.dedup();
        let rendered = Rendered {
            links: self.links,
            depends_on,
            html,
            summary_html,
            summary_text,
            toc: self.toc,
            text: self.text,
            lead: self.lead,
            reading_minutes,
        };
        (rendered, self.diags)
    }
}

impl<'p> Renderer<'_, 'p> {
    pub(crate) fn event(&mut self, event: Event<'p>, range: std::ops::Range<usize>) {
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
