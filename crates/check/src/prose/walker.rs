//! The one walk over pulldown-cmark's events that collects the prose: blocks by container,
//! text joined across events and split at ruby, links, images and allow comments.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use clinote_markdown::{Parsed, cjk_emphasis, ruby};

use regex::Regex;

use super::allow::{ALLOW_RE, parse_allow};
use super::{BlockKind, Image, Prose, floor_boundary};

static IMG_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<img\b[^>]*>").expect("img tag pattern"));
static ALT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\balt\s*=\s*"([^"]*)""#).expect("alt pattern"));
static SRC_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bsrc\s*=\s*"([^"]*)""#).expect("src pattern"));

/// What the walker is inside of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    Heading,
    Item,
    Cell,
    Quote,
    Footnote,
}

/// A stretch of text events that are contiguous in the source, joined so that ruby split
/// across events is still seen whole.
struct Pending {
    src: Range<usize>,
    /// The text when it differs from the source (entities, escapes); `None`: it is
    /// `source[src]`, so no copy is made.
    owned: Option<String>,
}

pub(super) struct Walker<'p, 's> {
    p: &'p mut Prose,
    source: &'s str,
    body_offset: usize,
    stack: Vec<Container>,
    code: usize,
    skip_link_text: usize,
    /// Open links: where their text starts, and whether it is a URL to skip.
    links: Vec<(usize, bool)>,
    image: Option<(usize, String, usize, usize)>,
    pending: Option<Pending>,
}

impl<'p, 's> Walker<'p, 's> {
    pub(super) fn new(p: &'p mut Prose, source: &'s str, body_offset: usize) -> Self {
        Walker {
            p,
            source,
            body_offset,
            stack: Vec::new(),
            code: 0,
            skip_link_text: 0,
            links: Vec::new(),
            image: None,
            pending: None,
        }
    }

    fn kind(&self) -> BlockKind {
        if self.stack.contains(&Container::Footnote) {
            return BlockKind::Footnote;
        }
        match self.stack.last() {
            Some(Container::Heading) => BlockKind::Heading,
            Some(Container::Item) => BlockKind::ListItem,
            Some(Container::Cell) => BlockKind::TableCell,
            Some(Container::Quote) => BlockKind::Quote,
            Some(Container::Paragraph) => {
                if self.stack.contains(&Container::Item) {
                    BlockKind::ListItem
                } else if self.stack.contains(&Container::Quote) {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                }
            }
            _ => BlockKind::Paragraph,
        }
    }

    fn open(&mut self, c: Container) {
        self.flush();
        self.stack.push(c);
        if c != Container::Quote && c != Container::Footnote {
            self.p.end_block();
            let kind = self.kind();
            self.p.begin_block(kind);
        }
    }

    fn close(&mut self) {
        self.flush();
        self.p.end_block();
        self.stack.pop();
        // Text that follows a nested block inside an item belongs to a new block.
        let kind = self.kind();
        self.p.begin_block(kind);
    }

    pub(super) fn run(mut self, parsed: &Parsed<'_>) {
        let prepared = parsed.prepared;
        let original = |at: usize| prepared.original_offset(at);
        self.p.begin_block(BlockKind::Paragraph);
        for (event, range) in &parsed.events {
            let src =
                self.body_offset + original(range.start)..self.body_offset + original(range.end);
            self.event(event.clone(), src);
        }
        self.flush();
        self.p.end_block();
    }

    fn event(&mut self, event: Event<'_>, src: Range<usize>) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => self.open(Container::Paragraph),
                Tag::Heading { .. } => self.open(Container::Heading),
                Tag::Item => self.open(Container::Item),
                Tag::TableCell => self.open(Container::Cell),
                Tag::BlockQuote(_) => self.open(Container::Quote),
                Tag::FootnoteDefinition(_) => self.open(Container::Footnote),
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    self.flush();
                    self.code += 1;
                }
                Tag::Image { dest_url, .. } => {
                    self.flush();
                    self.p.end_block();
                    self.p.begin_block(BlockKind::ImageAlt);
                    let at = self.p.text.len();
                    self.image = Some((at, dest_url.to_string(), at, src.start));
                }
                Tag::Link { link_type, .. } => {
                    self.flush();
                    let url = matches!(link_type, LinkType::Autolink);
                    self.skip_link_text += usize::from(url);
                    self.links.push((self.p.text.len(), url));
                }
                _ => self.flush(),
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition => self.close(),
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    self.code = self.code.saturating_sub(1);
                }
                TagEnd::Image => {
                    self.flush();
                    if let Some((alt_start, dest, at, src_start)) = self.image.take() {
                        let alt = alt_start..self.p.text.len();
                        self.p.images.push(Image {
                            alt,
                            dest,
                            at,
                            src: src_start,
                        });
                    }
                    self.p.end_block();
                    let kind = self.kind();
                    self.p.begin_block(kind);
                }
                TagEnd::Link => {
                    self.flush();
                    match self.links.pop() {
                        Some((_, true)) => self.skip_link_text -= 1,
                        Some((start, false)) => self.p.links.push(start..self.p.text.len()),
                        None => {}
                    }
                }
                _ => self.flush(),
            },
            Event::Text(t) => {
                if self.code == 0 && self.skip_link_text == 0 {
                    self.text(&t, src);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.flush();
                self.html(&h, src);
            }
            Event::SoftBreak => {
                self.flush();
                if !self.p.text.ends_with(clinote_text::japanese::is_cjk) {
                    self.p.push_sep(' ');
                }
            }
            Event::HardBreak => {
                self.flush();
                self.p.push_sep('\n');
            }
            _ => self.flush(),
        }
    }

    fn text(&mut self, t: &str, src: Range<usize>) {
        let stripped = cjk_emphasis::strip(t);
        let verbatim = self.source.get(src.clone()) == Some(stripped.as_ref());
        if let Some(p) = &mut self.pending
            && p.owned.is_none()
            && verbatim
            && p.src.end == src.start
        {
            p.src.end = src.end;
            return;
        }
        self.flush();
        self.pending = Some(Pending {
            src,
            owned: (!verbatim).then(|| stripped.into_owned()),
        });
    }

    fn flush(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let source: &'s str = self.source;
        let text: &str = match &pending.owned {
            Some(t) => t,
            None => &source[pending.src.clone()],
        };
        // (The memchr crate's search is vectorised; std's `char` search is not.)
        if memchr::memchr(b'{', text.as_bytes()).is_none() {
            self.piece(text, 0, &pending);
            return;
        }
        let base = text.as_ptr() as usize;
        for piece in ruby::split(text) {
            match piece {
                ruby::Piece::Text(s) => self.piece(s, s.as_ptr() as usize - base, &pending),
                ruby::Piece::Ruby { base: b, .. } => {
                    let start = self.p.text.len();
                    self.piece(b, b.as_ptr() as usize - base, &pending);
                    self.p.ruby.push(start..self.p.text.len());
                }
            }
        }
    }

    fn piece(&mut self, s: &str, offset: usize, pending: &Pending) {
        if pending.owned.is_none() {
            self.p.push_src(s, pending.src.start + offset);
        } else {
            self.p.push_mapped(s, pending.src.clone());
        }
    }

    fn html(&mut self, h: &str, src: Range<usize>) {
        // An <img> written as HTML shows a photo as a Markdown image does: its alt text is
        // checked, and it counts for before/after photos.
        if h.contains("<img") {
            for tag in IMG_RE.find_iter(h) {
                let attr = |name: &Regex| name.captures(tag.as_str()).and_then(|c| c.get(1));
                self.p.end_block();
                self.p.begin_block(BlockKind::ImageAlt);
                let at = self.p.text.len();
                if let Some(alt) = attr(&ALT_RE) {
                    self.p
                        .push_src(alt.as_str(), src.start + tag.start() + alt.start());
                }
                self.p.images.push(Image {
                    alt: at..self.p.text.len(),
                    dest: attr(&SRC_RE).map_or_else(String::new, |m| m.as_str().to_string()),
                    at,
                    src: src.start + tag.start(),
                });
                self.p.end_block();
                let kind = self.kind();
                self.p.begin_block(kind);
            }
        }
        for caps in ALLOW_RE.captures_iter(h) {
            let (Some(all), Some(inner)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            // Html events are verbatim slices of the source (one line each for blocks).
            let start = src.start + all.start();
            let end = (src.start + all.end()).min(self.source.len());
            let end = floor_boundary(self.source, end);
            let line = self.source[..end.saturating_sub(1).max(start)]
                .matches('\n')
                .count()
                + 1;
            self.p
                .allows
                .push(parse_allow(inner.as_str(), line, start..end));
        }
    }
}
