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

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

// Parsed as the renderer parses, so the checked text is the rendered text.
use clinote_markdown::{Parsed, cjk_emphasis, ruby};

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

static ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*clinote-allow\s*:(.*?)-->").expect("allow-comment pattern")
});
static FRONT_ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*#\s*clinote-allow\s*:(.*)$").expect("front-matter allow pattern")
});
static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.)[^\s<>「」『』()、。]+").expect("URL pattern")
});

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

    // ── building ────────────────────────────────────────────────────────────────────────

    fn begin_block(&mut self, kind: BlockKind) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.blocks.push(Block {
            kind,
            range: self.text.len()..self.text.len(),
        });
    }

    fn end_block(&mut self) {
        let end = self.text.len();
        if let Some(b) = self.blocks.last_mut() {
            b.range.end = end;
        }
    }

    fn push_sep(&mut self, c: char) {
        self.text.push(c);
    }

    /// Appends `s`, found verbatim at `src` in the source, normalising as it goes.
    fn push_src(&mut self, s: &str, src: usize) {
        let bytes = s.as_bytes();
        let mut run_start = 0;
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path on lead bytes: ASCII, ideographs (E4–E9 → U+4000–U+9FFF) and the
            // E3 block when its code point is stable (kana, 、。「」).
            let b = bytes[i];
            let len = match b {
                0x00..=0x7F => 1,
                0xE4..=0xE9 => 3,
                0xE3 if i + 2 < bytes.len() => {
                    // U+3000–U+3FFF: kana and CJK punctuation, read from a bitmap (their
                    // ranges alternate every few characters, which range tests mispredict).
                    let u =
                        (usize::from(bytes[i + 1] & 0x3F) << 6) | usize::from(bytes[i + 2] & 0x3F);
                    if E3_STABLE[u / 64] & (1 << (u % 64)) != 0 {
                        3
                    } else {
                        0
                    }
                }
                _ => 0,
            };
            if len > 0 {
                i += len;
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let mut end = i + c.len_utf8();
            if ('\u{FF61}'..='\u{FF9D}').contains(&c)
                && let Some(m) = s[end..].chars().next()
                && matches!(m, '\u{FF9E}' | '\u{FF9F}')
            {
                end += m.len_utf8();
            }
            scratch.clear();
            scratch.extend(s[i..end].nfkc());
            if scratch != s[i..end] {
                self.push_linear(&s[run_start..i], src + run_start);
                self.anchors.push(Anchor {
                    at: self.text.len(),
                    src: src + i,
                    src_len: end - i,
                    linear: false,
                });
                self.text.push_str(&scratch);
                run_start = end;
            }
            i = end;
        }
        self.push_linear(&s[run_start..], src + run_start);
    }

    fn push_linear(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        match self.anchors.last_mut() {
            Some(a) if a.linear && a.at + a.src_len == at && a.src + a.src_len == src => {
                a.src_len += s.len();
            }
            _ => self.anchors.push(Anchor {
                at,
                src,
                src_len: s.len(),
                linear: true,
            }),
        }
        self.text.push_str(s);
    }

    /// Appends `s`, which stands for the source span `src` as a whole (entities, escapes).
    fn push_mapped(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.anchors.push(Anchor {
            at: self.text.len(),
            src: src.start,
            src_len: src.len(),
            linear: false,
        });
        self.text.extend(s.nfkc());
    }

    fn front_matter_allows(&mut self, front: &str) {
        for caps in FRONT_ALLOW_RE.captures_iter(front) {
            let (Some(all), Some(inner)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let line = front[..all.start()].matches('\n').count() + 1;
            self.allows
                .push(parse_allow(inner.as_str(), line, all.range()));
        }
    }

    fn finish(&mut self) {
        self.blocks.retain(|b| !b.range.is_empty());
        // Bare URLs are not prose: blank them out, keeping every offset.
        let urls: Vec<Range<usize>> = URL_RE.find_iter(&self.text).map(|m| m.range()).collect();
        if !urls.is_empty() {
            // SAFETY-free: rebuild the string with spaces of equal byte length.
            let mut bytes = std::mem::take(&mut self.text).into_bytes();
            for r in urls {
                bytes[r].fill(b' ');
            }
            self.text = String::from_utf8(bytes).unwrap_or_default();
        }
        let mut sentences = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            split_sentences(&self.text, b.range.clone(), true, &mut |r| {
                sentences.push(Sentence { range: r, block: i })
            });
        }
        self.sentences = sentences;
    }
}

/// Splits `text[range]` into sentences: at 。！？!? (with the closing brackets after them), at
/// a `.` after a Japanese letter, and at line ends. With `quote_aware`, an end mark inside
/// 「」 or 『』 does not end the sentence. Calls `out` with each trimmed, non-empty range.
pub(crate) fn split_sentences(
    text: &str,
    range: Range<usize>,
    quote_aware: bool,
    out: &mut dyn FnMut(Range<usize>),
) {
    // Works on bytes: every mark it looks for is ASCII or a 3-byte character starting
    // E3 80 (。「」『』) or E2 80 9D (”), so no character needs decoding except before a `.`.
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let base = range.start;
    let mut emit = |s: usize, e: usize| {
        let piece = &slice[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out(base + s + lead..base + s + lead + trimmed.len());
        }
    };
    // The byte length of a closing mark at `i` that stays with the sentence before it.
    let closer = |i: usize| -> usize {
        match bytes.get(i..i + 3) {
            Some([0xE3, 0x80, 0x8D | 0x8F | 0x82]) | Some([0xE2, 0x80, 0x9D]) => 3,
            _ => match bytes.get(i) {
                Some(b')' | b'"' | b'!' | b'?') => 1,
                _ => 0,
            },
        }
    };
    let (mut start, mut depth, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        let mut ends = None;
        // Step a character at a time; only ASCII and the E3 80 block (。「」『』) matter.
        match b {
            0xE3 => {
                if bytes.get(i + 1) == Some(&0x80) {
                    match bytes.get(i + 2) {
                        Some(0x82) => ends = Some(i + 3),
                        Some(0x8C | 0x8E) if quote_aware => depth += 1,
                        Some(0x8D | 0x8F) if quote_aware => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                if ends.is_none() {
                    i += 3;
                    continue;
                }
            }
            0xF0..=0xFF => {
                i += 4;
                continue;
            }
            0xE0..=0xEF => {
                i += 3;
                continue;
            }
            0x80..=0xDF => {
                i += if b >= 0xC0 { 2 } else { 1 };
                continue;
            }
            b'\n' => {
                emit(start, i);
                start = i + 1;
                depth = 0;
            }
            b'!' | b'?' => ends = Some(i + 1),
            b'.' if slice[..i]
                .chars()
                .next_back()
                .is_some_and(clinote_text::japanese::is_japanese_letter) =>
            {
                ends = Some(i + 1)
            }
            _ => {}
        }
        match ends {
            Some(mut end) if depth == 0 => {
                loop {
                    let n = closer(end);
                    if n == 0 {
                        break;
                    }
                    end += n;
                }
                emit(start, end);
                start = end;
                i = end;
            }
            Some(end) => i = end,
            None => i += 1,
        }
    }
    emit(start, slice.len());
}

/// Characters NFKC leaves alone, checked without calling the normaliser: ASCII, common CJK
/// punctuation, hiragana, katakana and unified ideographs (see the test that proves it).
const fn is_nfkc_stable_fast(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F
        | 0x3001..=0x3035
        | 0x3041..=0x3096
        | 0x309D..=0x309E
        | 0x30A1..=0x30FE
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
    )
}

/// [`is_nfkc_stable_fast`] for U+3000–U+3FFF (the characters whose UTF-8 starts with E3), one
/// bit each.
static E3_STABLE: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut u = 0;
    while u < 0x1000 {
        if let Some(c) = char::from_u32(0x3000 + u as u32)
            && is_nfkc_stable_fast(c)
        {
            bits[u / 64] |= 1 << (u % 64);
        }
        u += 1;
    }
    bits
};

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

enum FrontValue {
    Verbatim(usize),
    Line(Range<usize>),
}

/// Finds a front matter value: verbatim after its key when it is written without escapes,
/// else the key's line.
fn locate_front_value(front: &str, key: &str, value: &str) -> FrontValue {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
        {
            let key_at = offset + (line.len() - t.len());
            // The value may continue on the next lines (YAML block scalars, TOML `"""`).
            let window_end = front[key_at..]
                .match_indices('\n')
                .nth(3)
                .map_or(front.len(), |(i, _)| key_at + i);
            if let Some(i) = front[key_at..window_end].find(value) {
                return FrontValue::Verbatim(key_at + i);
            }
            let line_end = offset + line.trim_end().len();
            return FrontValue::Line(key_at..line_end.max(key_at));
        }
        offset += line.len();
    }
    FrontValue::Line(0..0)
}

fn parse_allow(inner: &str, line: usize, src: Range<usize>) -> AllowComment {
    let inner = inner.trim();
    // `RULE[, RULE…] 理由`: rule ids are ASCII, the reason is whatever follows.
    let split = inner
        .char_indices()
        .find(|&(i, c)| {
            c.is_whitespace() && {
                let before = inner[..i].trim_end();
                let after = inner[i..].trim_start();
                !before.ends_with(',') && !after.starts_with(',')
            }
        })
        .map_or(inner.len(), |(i, _)| i);
    let (ids, reason) = inner.split_at(split);
    AllowComment {
        line,
        rules: ids
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        reason: reason.trim().to_string(),
        src,
    }
}

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

struct Walker<'p, 's> {
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
    fn new(p: &'p mut Prose, source: &'s str, body_offset: usize) -> Self {
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

    fn run(mut self, parsed: &Parsed<'_>) {
        let prepared = parsed.prepared;
        // Where the emphasis markers sit in the prepared text, to map offsets back with a
        // binary search (the same mapping as `Prepared::original_offset`, which scans them all
        // on every call).
        let markers: Vec<usize> = prepared
            .text
            .match_indices(cjk_emphasis::MARKER)
            .map(|(i, _)| i)
            .collect();
        let original = |at: usize| {
            let before = markers.partition_point(|&m| m < at);
            at - before * cjk_emphasis::MARKER.len_utf8()
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(src: &str) -> Prose {
        let body = src.find("+++\n\n").map_or(0, |i| i + 4);
        Prose::article(src, body, "", None)
    }

    #[test]
    fn fast_path_characters_really_are_nfkc_stable() {
        for range in [
            0x00u32..=0x7F,
            0x3001..=0x3035,
            0x3041..=0x3096,
            0x309D..=0x309E,
            0x30A1..=0x30FE,
            0x3400..=0x4DBF,
            0x4E00..=0x9FFF,
        ] {
            for u in range {
                let Some(c) = char::from_u32(u) else { continue };
                assert!(is_nfkc_stable_fast(c));
                let n: String = std::iter::once(c).nfkc().collect();
                assert_eq!(n, c.to_string(), "U+{u:04X}");
            }
        }
        // The bitmap of the E3 block says what the ranges say.
        for u in 0..0x1000usize {
            let c = char::from_u32(0x3000 + u as u32).unwrap();
            let bit = E3_STABLE[u / 64] & (1 << (u % 64)) != 0;
            assert_eq!(bit, is_nfkc_stable_fast(c), "U+{:04X}", 0x3000 + u);
        }
    }

    #[test]
    fn keeps_prose_and_skips_code_html_urls_and_readings() {
        let src = "+++\ntitle = \"t\"\n+++\n\n# 見出し\n\n本文は**大切**です。`code`と{頸椎|けいつい}。\n\n```\n必ず治る\n```\n\n<!-- 必ず治る -->\n\n詳しくは https://example.jp/a を見てください。[リンク](https://x.jp)も。\n";
        let p = article(src);
        assert!(p.text.contains("見出し"));
        assert!(p.text.contains("本文は大切です。と頸椎。"));
        assert!(!p.text.contains("必ず"));
        assert!(!p.text.contains("example"));
        assert!(p.text.contains("リンクも。"));
        assert_eq!(p.ruby.len(), 1);
        assert_eq!(&p.text[p.ruby[0].clone()], "頸椎");
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn normalises_and_maps_back() {
        let src = "+++\n+++\n\n電話は０９０（１２３４）５６７８、ﾃｽﾄ ｶﾞｰｾﾞです。\n";
        let p = article(src);
        assert!(
            p.text.contains("電話は090(1234)5678、テスト ガーゼです。"),
            "{}",
            p.text
        );
        let at = p.text.find("5678").unwrap();
        let s = p.source_start(at);
        assert!(src[s..].starts_with("５６７８"));
        let e = p.source_end(at + 4);
        assert_eq!(&src[s..e], "５６７８");
        let g = p.text.find("ガ").unwrap();
        let s = p.source_start(g);
        let e = p.source_end(g + "ガ".len());
        assert_eq!(&src[s..e], "ｶﾞ");
    }

    #[test]
    fn title_and_description_map_to_their_lines() {
        let src = "---\ntitle: \"必ず治る話\"\ndescription: 説明です\n---\n本文。\n";
        let body = src.find("---\n本文").unwrap() + 4;
        let p = Prose::article(src, body, "必ず治る話", Some("説明です"));
        assert_eq!(p.blocks[0].kind, BlockKind::Title);
        let at = p.text.find("治る").unwrap();
        assert!(src[p.source_start(at)..].starts_with("治る話\""));
        assert_eq!(p.blocks[1].kind, BlockKind::Description);
    }

    #[test]
    fn sentences_keep_quotes_together() {
        let text = "「治りました。ありがとう」と話してくれました。次の文！\n見出し";
        let mut got = Vec::new();
        split_sentences(text, 0..text.len(), true, &mut |r| {
            got.push(text[r].to_string())
        });
        assert_eq!(
            got,
            [
                "「治りました。ありがとう」と話してくれました。",
                "次の文！",
                "見出し"
            ]
        );
        let mut plain = Vec::new();
        split_sentences(text, 0..text.len(), false, &mut |r| {
            plain.push(text[r].to_string())
        });
        assert_eq!(plain[0], "「治りました。");
    }

    #[test]
    fn reads_allow_comments() {
        let src = "+++\n+++\n\n<!-- clinote-allow: superiority-claim, price-emphasis 学会の正式名称 -->\n日本一の。\n\n段落<!-- clinote-allow: kanji-run -->です。\n";
        let p = article(src);
        assert_eq!(p.allows.len(), 2);
        assert_eq!(p.allows[0].rules, ["superiority-claim", "price-emphasis"]);
        assert_eq!(p.allows[0].reason, "学会の正式名称");
        assert_eq!(p.allows[0].line, 4);
        assert_eq!(p.allows[1].reason, "");
    }
}
