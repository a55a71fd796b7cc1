//! Counting a post exactly as X counts it: twitter-text 3.1.0 with configuration v3. This is
//! clinote's one counter: every count it writes or shows comes from here, and the teaser page
//! counts with X's own JavaScript library, which this module agrees with.
//!
//! The walk is twitter-text's `parseTweet` (the rulebook, `X-RULES.md` §1.2):
//!
//! 1. normalise to NFC (`か` + U+3099 is one code point, U+2126 OHM SIGN becomes Greek `Ω`);
//! 2. every URL that twitter-text extracts weighs 23, whatever its length ([`url`]);
//! 3. every emoji that twemoji-parser 11 recognises weighs 2, ZWJ sequences included
//!    ([`emoji`]);
//! 4. every other code point weighs 1 in the four "narrow" ranges below, 2 elsewhere
//!    (kana, kanji, full-width forms, `…`, supplementary planes).
//!
//! A post is valid when its weight is 1..=280 and it holds none of U+FFFE, U+FEFF, U+FFFF.
//! Hashtags do not change the weight; they are extracted here ([`hashtag`]) because the
//! generator must check that the tags it writes are tags to X.
//!
//! The data (top-level domains, which characters may be in a host, a path or a hashtag) is
//! twitter-text's own, generated from the library ([`tables`]). What keeps this exact is
//! outside truth, run in the tests: twitter-text's conformance suite, and X's JavaScript
//! library as an oracle over generated texts (`tests/it/x_count.rs`).
//!
//! Why not the `twitter-text` crate (0.3.1): it passes the conformance suite, but counts a
//! bare `example.com` as 11 where X's library counts 23, knows newer emoji than X's library
//! (🧑‍⚕️ is 2 there, 5 in X's library and here), and builds C++ through `cxx`. The generator
//! also counts every candidate post, so this walk is kept allocation-light.

mod class;
mod emoji;
mod emoji_data;
mod hashtag;
mod punycode;
mod tables;
mod tld;
mod url;

#[cfg(test)]
mod tests;

use std::ops::Range;

use clinote_text::nfc::nfc;

/// The longest valid post, in weighted characters.
pub const MAX_WEIGHTED_LENGTH: usize = 280;
/// What any URL weighs (`transformedURLLength`).
pub const URL_WEIGHT: usize = 23;
/// What an emoji weighs (`defaultWeight`).
const EMOJI_WEIGHT: usize = 2;
/// Characters that make a whole post invalid.
pub const INVALID_CHARS: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// What X makes of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The length X counts against the 280 limit.
    pub weighted_length: usize,
    /// Whether X accepts the post: not empty, not over 280, no invalid characters.
    pub valid: bool,
    /// `weighted_length` in thousandths of the limit, rounded down (the composer's gauge).
    pub permillage: usize,
    /// The URLs X links (each counted as 23), in order.
    pub urls: Vec<String>,
    /// The hashtags X links, without `#`, in order.
    pub hashtags: Vec<String>,
}

/// Counts and checks a post as X does.
pub fn parse(text: &str) -> Parsed {
    let nfc = nfc(text);
    let chars = code_points(&nfc);
    let urls = url::extract(&chars);
    let hashtags = hashtag::extract(&chars, &urls);
    let weighted_length = walk(&chars, &urls);
    Parsed {
        weighted_length,
        valid: is_valid(weighted_length, &nfc),
        // twitter-text computes this in floating point; do the same so the results agree.
        permillage: (weighted_length as f64 / MAX_WEIGHTED_LENGTH as f64 * 1000.0).floor() as usize,
        urls: urls.into_iter().map(|u| u.text).collect(),
        hashtags: hashtags.into_iter().map(|t| t.text).collect(),
    }
}

/// The weighted length of a post, as X counts it.
pub fn weighted_length(text: &str) -> usize {
    let chars = code_points(&nfc(text));
    walk(&chars, &url::extract(&chars))
}

/// `parse(text).weighted_length` when the post is valid, without collecting the URLs and
/// hashtags.
pub(crate) fn valid_length(text: &str) -> Option<usize> {
    let nfc = nfc(text);
    let chars = code_points(&nfc);
    let weighted_length = walk(&chars, &url::extract(&chars));
    is_valid(weighted_length, &nfc).then_some(weighted_length)
}

/// The end of a post (hashtags, link) measured once, to check many bodies before it.
///
/// A line break ends every URL, hashtag and emoji, and NFC never joins characters across
/// one, so when the tail starts with a line break, the post weighs what its body and its
/// tail weigh apart (a test checks this on random text).
pub(crate) struct Tail<'a> {
    text: &'a str,
    /// The tail's weight and whether it holds an invalid character, when it starts with a
    /// line break.
    measured: Option<(usize, bool)>,
}

impl<'a> Tail<'a> {
    pub(crate) fn new(text: &'a str) -> Tail<'a> {
        let measured = text.starts_with('\n').then(|| {
            let nfc = nfc(text);
            let chars = code_points(&nfc);
            (
                walk(&chars, &url::extract(&chars)),
                nfc.contains(INVALID_CHARS),
            )
        });
        Tail { text, measured }
    }

    /// `valid_length(&format!("{body}{tail}"))`.
    pub(crate) fn valid_length(&self, body: &str) -> Option<usize> {
        let Some((tail_weight, tail_invalid)) = self.measured else {
            return valid_length(&format!("{body}{}", self.text));
        };
        let nfc = nfc(body);
        let chars = code_points(&nfc);
        let weighted_length = walk(&chars, &url::extract(&chars)) + tail_weight;
        let valid = weighted_length > 0
            && weighted_length <= MAX_WEIGHTED_LENGTH
            && !tail_invalid
            && !nfc.contains(INVALID_CHARS);
        valid.then_some(weighted_length)
    }
}

fn is_valid(weighted_length: usize, nfc: &str) -> bool {
    weighted_length > 0 && weighted_length <= MAX_WEIGHTED_LENGTH && !nfc.contains(INVALID_CHARS)
}

/// Where X sees URLs and hashtags in `text`, as byte ranges of `text`, sorted by start.
///
/// `text` should already be NFC (the generator normalises its inputs first), so that the
/// ranges fit the text that is counted. Text is never cut inside these ranges.
pub(crate) fn entity_spans(text: &str) -> Vec<Range<usize>> {
    if !may_have_entities(text) {
        return Vec::new();
    }
    let chars = code_points(text);
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    let byte = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let urls = url::extract(&chars);
    let tags = hashtag::extract(&chars, &urls);
    let mut spans: Vec<Range<usize>> = urls
        .iter()
        .map(|u| byte(u.start)..byte(u.end))
        .chain(tags.iter().map(|t| byte(t.start)..byte(t.end)))
        .collect();
    spans.sort_by_key(|r| r.start);
    spans
}

/// Whether `text` may hold a URL or a hashtag: every URL has an ASCII dot (before its
/// top-level domain), every hashtag a `#` or `＃`. When not, [`entity_spans`] is empty.
pub(crate) fn may_have_entities(text: &str) -> bool {
    // The memchr crate's searches are vectorised; std's byte search is not, and std's `char`
    // search stops at every `＃`'s last byte, which is common in Japanese text.
    static FULL_WIDTH_HASH: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("＃"));
    let bytes = text.as_bytes();
    memchr::memchr2(b'.', b'#', bytes).is_some() || FULL_WIDTH_HASH.find(bytes).is_some()
}

/// Sums the weights: URLs 23, emoji 2, other code points 1 or 2.
fn walk(chars: &[char], urls: &[url::Url]) -> usize {
    let mut weight = 0;
    let mut i = 0;
    let mut next_url = urls.iter().peekable();
    while i < chars.len() {
        while next_url.peek().is_some_and(|u| u.start < i) {
            next_url.next();
        }
        if let Some(u) = next_url.next_if(|u| u.start == i) {
            weight += URL_WEIGHT;
            // twitter-text skips as many UTF-16 units as the URL's text has, which can be
            // fewer than its span (`Q&A.jp😀x.日本.tv/a` is the URL `A.jp/a`). Where that
            // ends inside a surrogate pair, the pair's low half is weighed alone.
            let mut units = u.text.encode_utf16().count().max(1);
            while units > 0 && i < chars.len() {
                let len = chars[i].len_utf16();
                if len > units {
                    weight += 2;
                }
                units = units.saturating_sub(len);
                i += 1;
            }
        } else if let Some(len) = emoji::match_at(chars, i) {
            weight += EMOJI_WEIGHT;
            i += len;
        } else {
            weight += char_weight(chars[i]);
            i += 1;
        }
    }
    weight
}

/// A code point's weight under configuration v3.
fn char_weight(c: char) -> usize {
    match c as u32 {
        0x0000..=0x10FF => 1,
        0x1100..=0x1FFF | 0x2038.. => 2,
        0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// The code points of `text`, collected without growing the vector.
fn code_points(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    chars
}
