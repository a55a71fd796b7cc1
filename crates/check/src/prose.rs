//! The prose of an article: what a reader sees, pulled out of the Markdown, normalised, and
//! mapped back to the source for positions.
//!
//! Checks never look at Markdown. [`Prose::article`] walks pulldown-cmark's events once (with
//! the same CJK emphasis preparation as the renderer, so `**強調**` next to 「」 reads as
//! plain text) and keeps:
//! - text of paragraphs, headings, list items, table cells, block quotes, footnote definitions
//!   and image alt texts, each as a [`Block`];
//! - the front matter `title` and `description`, which appear on the page and in cards, as the
//!   first blocks, mapped to their lines in the front matter;
//! - link and ruby ranges (readability leaves official names in them alone), images (before/after
//!   photos), and `<!-- clinote-allow: … -->` comments.
//!
//! It skips code blocks, inline code, raw HTML and HTML comments, autolinked URLs, bare URLs
//! (masked with spaces), footnote references and ruby readings (`{頸椎|けいつい}` reads 頸椎).
//!
//! The text is NFKC-normalised as it is collected (全角 digits, letters and brackets become
//! ASCII, half-width katakana becomes full-width), so rules are written once, in the normal
//! form. Runs of characters that NFKC leaves alone are copied and mapped linearly; every
//! character it changes gets its own anchor, so a position in the text maps back to the exact
//! source character. Common Japanese characters take a fast path that skips the normaliser.

mod allow;
mod build;
mod front;
mod sentences;
mod walker;

#[cfg(test)]
mod tests;

use std::ops::Range;

// Parsed as the renderer parses, so the checked text is the rendered text.
use clinote_markdown::{Parsed, cjk_emphasis};

use self::front::{FrontValue, locate_front_value};
use self::walker::Walker;

/// What kind of text a block is; rules and readability treat some kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Title,
    Description,
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    Quote,
    Footnote,
    ImageAlt,
    /// A whole SNS or LINE post.
    Teaser,
}

impl BlockKind {
    /// Body prose that readability measures (not headings, notes, alt texts or metadata).
    pub(crate) fn is_running_text(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell | BlockKind::Quote
        )
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

/// A sentence, quote-aware: 「…。…」 stays inside the sentence that quotes it.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub range: Range<usize>,
    pub block: usize,
}

/// An image in the body.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    /// Its alt text in [`Prose::text`].
    pub alt: Range<usize>,
    pub dest: String,
    /// Where its Markdown starts in the text (for sections) and in the source (for positions).
    pub at: usize,
    pub src: usize,
}

/// `<!-- clinote-allow: RULE 理由 -->` (or `# clinote-allow: …` in front matter).
#[derive(Debug, Clone)]
pub(crate) struct AllowComment {
    /// 1-based line the comment ends on; it applies to the line after.
    pub line: usize,
    pub rules: Vec<String>,
    pub reason: String,
    /// The comment in the source.
    pub src: Range<usize>,
}

/// Where a stretch of the text came from.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    /// Start in the text.
    at: usize,
    /// Start in the source.
    src: usize,
    /// Length in the source.
    src_len: usize,
    /// The text equals the source byte for byte here (else it all maps to the whole span).
    linear: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Prose {
    pub text: String,
    anchors: Vec<Anchor>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub links: Vec<Range<usize>>,
    pub ruby: Vec<Range<usize>>,
    pub images: Vec<Image>,
    pub allows: Vec<AllowComment>,
}

impl Prose {
    /// The prose of a whole article file: `title` and `description` from the front matter,
    /// then the Markdown body starting at `body_offset`.
    pub(crate) fn article(
        source: &str,
        body_offset: usize,
        title: &str,
        description: Option<&str>,
    ) -> Prose {
        let body_offset = floor_boundary(source, body_offset.min(source.len()));
        let prepared = cjk_emphasis::prepare(&source[body_offset..]);
        let parsed = Parsed::new(&prepared);
        Prose::article_parsed(source, body_offset, title, description, &parsed)
    }

    /// [`Prose::article`], from the body (`source[body_offset..]`) parsed already.
    pub(crate) fn article_parsed(
        source: &str,
        body_offset: usize,
        title: &str,
        description: Option<&str>,
        parsed: &Parsed<'_>,
    ) -> Prose {
        let mut p = Prose::default();
        let front = &source[..body_offset];
        for (key, value, kind) in [
            ("title", Some(title), BlockKind::Title),
            ("description", description, BlockKind::Description),
        ] {
            let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            p.begin_block(kind);
            match locate_front_value(front, key, value) {
                FrontValue::Verbatim(at) => p.push_src(value, at),
                FrontValue::Line(range) => p.push_mapped(value, range),
            }
            p.end_block();
        }
        p.front_matter_allows(front);
        Walker::new(&mut p, source, body_offset).run(parsed);
        p.finish();
        p
    }

    /// The prose of a short post (X, LINE): one block, positions relative to the post.
    pub(crate) fn teaser(text: &str) -> Prose {
        let mut p = Prose::default();
        p.begin_block(BlockKind::Teaser);
        p.push_src(text, 0);
        p.end_block();
        p.finish();
        p
    }

    /// Source offset of the character at `at` in the text.
    pub(crate) fn source_start(&self, at: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.at <= at);
        let Some(a) = i.checked_sub(1).and_then(|i| self.anchors.get(i)) else {
            return self.anchors.first().map_or(0, |a| a.src);
        };
        if a.linear {
            a.src + (at - a.at).min(a.src_len)
        } else {
            a.src
        }
    }

    /// Source offset just past the character that ends at `end` (exclusive) in the text.
    pub(crate) fn source_end(&self, end: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.at < end);
        let Some(a) = i.checked_sub(1).and_then(|i| self.anchors.get(i)) else {
            return self.anchors.first().map_or(0, |a| a.src);
        };
        if a.linear {
            a.src + (end - a.at).min(a.src_len)
        } else {
            a.src + a.src_len
        }
    }

    /// Index of the sentence holding text offset `at`.
    pub(crate) fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= at);
        self.sentences
            .get(i)
            .filter(|s| s.range.start <= at)
            .map(|_| i)
    }

    /// Whether `range` lies inside any of `ranges` (sorted, as links and ruby are).
    pub(crate) fn inside(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
        let i = ranges.partition_point(|r| r.end < range.end);
        ranges
            .get(i)
            .is_some_and(|r| r.start <= range.start && range.end <= r.end)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
