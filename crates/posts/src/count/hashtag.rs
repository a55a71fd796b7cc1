//! Hashtag extraction as twitter-text does it (`extractHashtagsWithIndices`).
//!
//! A hashtag is `#` or `＃`, not followed by U+FE0F or U+20E3 (that is the keycap emoji `#️⃣`),
//! then a run of letters, marks, digits, `_` and a few joiners such as `・` and `〜`, with at
//! least one letter or mark. The run ends at the first other character, so `-`, spaces,
//! `。` and `、` end a tag while `ー` and `・` do not. Which characters are which is
//! twitter-text's own data ([`super::tables`]), from its older Unicode version: a kanji added
//! after U+9FCC ends a tag. Before the `#` there must be the start
//! of the text, U+FE0E/U+FE0F, or a character that is neither a tag character nor `&`.
//!
//! Two rules drop a tag after it matched: one followed by another `#` or by `://`
//! (`#花粉症・#眼科`, `#花粉症https://…`), and one overlapping a URL.

use super::class::Class;
use super::tables::{HASHTAG_ALPHA, HASHTAG_ALPHANUMERIC};
use super::url::Url;

/// A hashtag: where its `#` is, where it ends (code points) and its text without `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tag {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

static TAG_CHAR: Class = Class::new(HASHTAG_ALPHANUMERIC);
static LETTER_OR_MARK: Class = Class::new(HASHTAG_ALPHA);

/// The hashtags in `s`, leaving out those that overlap one of `urls`.
pub(super) fn extract(s: &[char], urls: &[Url]) -> Vec<Tag> {
    if !s.iter().any(|&c| is_hash(c)) {
        return Vec::new();
    }
    let mut tags = Vec::new();
    let mut pos = 0;
    while let Some((hash, end)) = find_from(s, pos) {
        pos = end;
        let after = &s[end..];
        if after.first().is_some_and(|&c| is_hash(c)) || after.starts_with(&[':', '/', '/']) {
            continue;
        }
        tags.push(Tag {
            start: hash,
            end,
            text: s[hash + 1..end].iter().collect(),
        });
    }
    if urls.is_empty() {
        return tags;
    }
    // twitter-text's removeOverlappingEntities: sort by start (tags before URLs on a tie),
    // then drop every entity that starts before the previous kept one ends.
    let mut entities: Vec<(usize, usize, Option<Tag>)> = tags
        .into_iter()
        .map(|t| (t.start, t.end, Some(t)))
        .chain(urls.iter().map(|u| (u.start, u.end, None)))
        .collect();
    entities.sort_by_key(|e| e.0);
    let mut kept = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (start, end, tag) in entities {
        if prev_end.is_some_and(|p| p > start) {
            continue;
        }
        prev_end = Some(end);
        kept.extend(tag);
    }
    kept
}

/// The leftmost tag at or after `pos`: (index of `#`, end).
fn find_from(s: &[char], pos: usize) -> Option<(usize, usize)> {
    for k in pos..s.len() {
        // The boundary before `#`: the start of the text (consumes nothing), or one character.
        if k == 0
            && let Some(end) = tag_at(s, 0)
        {
            return Some((0, end));
        }
        // A tag needs its `#` next; look for it before classifying the boundary.
        if !s.get(k + 1).is_some_and(|&c| is_hash(c)) {
            continue;
        }
        let c = s[k];
        let boundary = matches!(c, '\u{FE0E}' | '\u{FE0F}') || !(is_tag_char(c) || c == '&');
        if boundary && let Some(end) = tag_at(s, k + 1) {
            return Some((k + 1, end));
        }
    }
    None
}

/// The end of a tag whose `#` is at `h`.
fn tag_at(s: &[char], h: usize) -> Option<usize> {
    if !is_hash(*s.get(h)?)
        || s.get(h + 1)
            .is_some_and(|&c| matches!(c, '\u{FE0F}' | '\u{20E3}'))
    {
        return None;
    }
    let mut end = h + 1;
    while s.get(end).is_some_and(|&c| is_tag_char(c)) {
        end += 1;
    }
    s[h + 1..end]
        .iter()
        .any(|&c| is_letter_or_mark(c))
        .then_some(end)
}

fn is_hash(c: char) -> bool {
    matches!(c, '#' | '＃')
}

/// A character a tag may hold.
fn is_tag_char(c: char) -> bool {
    TAG_CHAR.contains(c)
}

/// Letters and marks: a tag needs at least one.
fn is_letter_or_mark(c: char) -> bool {
    LETTER_OR_MARK.contains(c)
}
