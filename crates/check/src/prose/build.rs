//! Building the prose text: blocks, and source text appended NFKC-normalised, with anchors
//! that map every offset of the text back to the source.

use std::ops::Range;
use std::sync::LazyLock;

use clinote_text::nfkc::is_nfkc_stable;
use clinote_text::utf8::decode_at;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::sentences::split_sentences;
use super::{Anchor, Block, BlockKind, Prose, Sentence};

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.)[^\s<>「」『』()、。]+").expect("URL pattern")
});

impl Prose {
    pub(super) fn begin_block(&mut self, kind: BlockKind) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.blocks.push(Block {
            kind,
            range: self.text.len()..self.text.len(),
        });
    }

    pub(super) fn end_block(&mut self) {
        let end = self.text.len();
        if let Some(b) = self.blocks.last_mut() {
            b.range.end = end;
        }
    }

    pub(super) fn push_sep(&mut self, c: char) {
        self.text.push(c);
    }

    /// Appends `s`, found verbatim at `src` in the source, normalising as it goes.
    pub(super) fn push_src(&mut self, s: &str, src: usize) {
        let mut run_start = 0;
        let mut scratch = String::new();
        let mut i = 0;
        while let Some((c, len)) = decode_at(s, i) {
            if is_nfkc_stable(c) {
                i += len;
                continue;
            }
            let mut end = i + len;
            // Half-width kana and a half-width sound mark after it make one character.
            if ('\u{FF61}'..='\u{FF9D}').contains(&c)
                && let Some((m, m_len)) = decode_at(s, end)
                && matches!(m, '\u{FF9E}' | '\u{FF9F}')
            {
                end += m_len;
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
    pub(super) fn push_mapped(&mut self, s: &str, src: Range<usize>) {
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

    pub(super) fn finish(&mut self) {
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
