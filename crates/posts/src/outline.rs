//! What a teaser can quote from an article body: its sections, their paragraphs and short
//! lists, as plain text.
//!
//! We parse the Markdown ourselves rather than reuse the rendered HTML, because teasers need
//! the structure (which sentence sits under which heading, which list is short enough for a
//! checklist), not markup. The text is cleaned the way the renderer cleans it: CJK emphasis
//! markers removed ([`cjk_emphasis`]), ruby reduced to its base (`{頸椎|けいつい}` →
//! `頸椎`), line breaks between Japanese characters joined
//! ([`clinote_markdown::summary::flatten`]).
//!
//! Left out on purpose: block quotes (often a patient's words, which clinic advertising may
//! not use), code, tables, footnotes, HTML and image text.

use std::borrow::Cow;

use pulldown_cmark::{Event, Tag, TagEnd};

use clinote_markdown::{Parsed, cjk_emphasis, ruby};
use clinote_text::nfc::{is_always_nfc_without_spaces, nfc};

use super::plain::{flatten, trimmed};

/// One part of the body: the text under a heading (or before the first one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading (level 1–3); `None` for the text before the first heading.
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
    /// Top-level lists, each as its items' text (nested lists left out).
    pub lists: Vec<Vec<String>>,
    /// For each list, the paragraph right before it, when nothing came between
    /// (「次のような場合は、ストレッチの前に受診してください。」): what the list is for.
    pub list_intros: Vec<Option<String>>,
}

/// Splits a Markdown body into sections.
pub(crate) fn sections(body: &str) -> Vec<Section> {
    let prepared = cjk_emphasis::prepare(body);
    sections_parsed(&Parsed::new(&prepared))
}

/// [`sections`], from the body parsed already.
pub(crate) fn sections_parsed(parsed: &Parsed<'_>) -> Vec<Section> {
    let mut w = Walker::default();
    for (event, _) in &parsed.events {
        w.event(event.clone());
    }
    w.sections
        .retain(|s| s.heading.is_some() || !s.paragraphs.is_empty() || !s.lists.is_empty());
    w.sections
}

#[derive(Default)]
struct Walker {
    sections: Vec<Section>,
    /// Depth inside blocks we leave out (quotes, code, tables, footnotes, images, HTML).
    skip: usize,
    heading: Option<String>,
    paragraph: Option<String>,
    list_depth: usize,
    list: Vec<String>,
    item: Option<String>,
    /// The paragraph just closed, until another block starts.
    last_paragraph: Option<String>,
    /// The paragraph before the open list.
    intro: Option<String>,
}

impl Walker {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            _ if self.skip > 0 => {}
            Event::Text(t) | Event::Code(t) => self.push(&t),
            Event::SoftBreak | Event::HardBreak => self.push("\n"),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        if self.skip > 0 || is_skipped(&tag) {
            self.skip += 1;
            self.last_paragraph = None;
            return;
        }
        match tag {
            Tag::Heading { .. } => {
                self.last_paragraph = None;
                self.heading = Some(String::new());
            }
            Tag::Paragraph if self.list_depth == 0 => {
                self.last_paragraph = None;
                self.paragraph = Some(String::new());
            }
            Tag::List(_) => {
                self.list_depth += 1;
                if self.list_depth == 1 {
                    self.list.clear();
                    self.intro = self.last_paragraph.take();
                }
            }
            Tag::Item if self.list_depth == 1 => self.item = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match tag {
            TagEnd::Heading(level) => {
                let text = self.heading.take().map(|t| clean(&t)).unwrap_or_default();
                if level <= pulldown_cmark::HeadingLevel::H3 && !text.is_empty() {
                    self.sections.push(Section {
                        heading: Some(text),
                        ..Section::default()
                    });
                }
            }
            TagEnd::Paragraph if self.list_depth == 0 => {
                let text = self.paragraph.take().map(|t| clean(&t)).unwrap_or_default();
                if !text.is_empty() {
                    self.last_paragraph = Some(text.clone());
                    self.current().paragraphs.push(text);
                }
            }
            TagEnd::Item if self.list_depth == 1 => {
                let text = self.item.take().map(|t| clean(&t)).unwrap_or_default();
                if !text.is_empty() {
                    self.list.push(text);
                }
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 && !self.list.is_empty() {
                    let list = std::mem::take(&mut self.list);
                    let intro = self.intro.take();
                    let section = self.current();
                    section.lists.push(list);
                    section.list_intros.push(intro);
                }
            }
            _ => {}
        }
    }

    /// Adds text to whatever is open: a heading, a top-level list item, or a paragraph.
    fn push(&mut self, text: &str) {
        let target = if let Some(h) = &mut self.heading {
            Some(h)
        } else if self.list_depth == 1 {
            self.item.as_mut()
        } else if self.list_depth == 0 {
            self.paragraph.as_mut()
        } else {
            None
        };
        if let Some(t) = target {
            t.push_str(text);
        }
    }

    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }
}

fn is_skipped(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Image { .. }
            | Tag::MetadataBlock(_)
    )
}

/// Plain, one-line, NFC text: markers removed, ruby reduced to its base, breaks joined.
fn clean(raw: &str) -> String {
    let stripped = cjk_emphasis::strip(raw);
    // (The memchr crate's search is vectorised; std's `char` search is not.)
    let text = if memchr::memchr(b'{', stripped.as_bytes()).is_some() {
        let mut text = String::with_capacity(stripped.len());
        for piece in ruby::split(&stripped) {
            match piece {
                ruby::Piece::Text(t) => text.push_str(t),
                ruby::Piece::Ruby { base, .. } => text.push_str(base),
            }
        }
        Cow::Owned(text)
    } else {
        stripped
    };
    // Neither NFC nor `flatten` would change text of characters always NFC without spaces:
    // one pass, for whole paragraphs.
    if is_always_nfc_without_spaces(&text) {
        return trimmed(text.into_owned());
    }
    let flat = flatten(&text);
    let text = match nfc(&flat) {
        Cow::Borrowed(_) => flat.into_owned(),
        Cow::Owned(normalised) => normalised,
    };
    trimmed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sections_lists_and_paragraphs() {
        let body = "冬は**「乾燥」**の\n季節です。\n\n## 予防のポイント\n\n- 手洗い\n- 睡眠\n  - 7時間\n- 加湿\n\n\
                    {頸椎|けいつい}も大切です。\n\n> 私はすぐ治りました。\n\n```\ncode\n```\n\n### 受診の目安\n\n\
                    1. 高熱\n2. 息苦しさ\n";
        let s = sections(body);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, None);
        assert_eq!(s[0].paragraphs, ["冬は「乾燥」の季節です。"]);
        assert_eq!(s[1].heading.as_deref(), Some("予防のポイント"));
        assert_eq!(s[1].lists, [["手洗い", "睡眠", "加湿"]]);
        assert_eq!(s[1].paragraphs, ["頸椎も大切です。"]);
        assert_eq!(s[2].heading.as_deref(), Some("受診の目安"));
        assert_eq!(s[2].lists, [["高熱", "息苦しさ"]]);
    }

    #[test]
    fn loose_lists_and_links() {
        let body =
            "- [手洗い](https://example.com)をする\n\n- うがい\n\n![図](a.png)\n\nSee `code` here.";
        let s = sections(body);
        assert_eq!(s[0].lists, [["手洗いをする", "うがい"]]);
        assert_eq!(s[0].paragraphs, ["See code here."]);
    }
}
