//! The article's own words, ready to quote: its title, its lead, its most quotable
//! sentences and its short lists.
//!
//! Teasers may only reuse the article's words (they are medical advertising), so this is
//! all the generator has to write with. A sentence is quotable when it is whole (it ends in
//! `。！？` or `.!?`), holds no URL or hashtag (X would link them), and does not lean on its
//! surroundings (`しかし…`, `以下の…`, `This…`). Among those, the ones that carry a point
//! (a number, a question, 目安・予防・大切 …) rank first.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use clinote_markdown::{Parsed, summary};
use clinote_text::Language;

use super::ArticleInput;
use super::count::{entity_spans, may_have_entities};
use super::cut::{ELLIPSIS, sentence_ranges, sentences};
use super::nfc::nfc;
use super::outline::{self, Section};

/// A sentence to quote, with the heading of its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote<'m> {
    pub heading: Option<&'m str>,
    pub text: &'m str,
}

/// Where a quote is: its section, its paragraph there, and its bytes in the paragraph.
#[derive(Debug, Clone)]
struct QuoteAt {
    section: usize,
    paragraph: usize,
    range: Range<usize>,
}

/// A short list to show as a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist {
    pub heading: Option<String>,
    pub items: Vec<String>,
}

/// What the generator quotes from.
///
/// The body is read only when something needs it: the title and lead come from the front
/// matter (unless the article has neither a description nor a summary), so the first post
/// can be written without parsing the Markdown. Sections, quotes and checklists are worked
/// out once, on first use. Until then the body is kept as `Body`: borrowed from the article
/// (`&str`, [`Material::borrowing`], what the generator uses) or copied (`String`, in tests).
#[derive(Debug, Clone)]
pub(crate) struct Material<Body = String> {
    pub language: Language,
    /// `None` when the title is empty or holds something X would link.
    pub title: Option<String>,
    /// The description's sentences, else the summary's, else the opening paragraph's.
    pub lead: Vec<String>,
    /// More whole sentences for the longer LINE message (summary or opening), not in `lead`.
    pub more: Vec<String>,
    /// The Markdown body, until it is parsed.
    body: Body,
    sections: OnceCell<Vec<Section>>,
    quotes: OnceCell<Vec<QuoteAt>>,
    checklists: OnceCell<Vec<Checklist>>,
}

const MIN_QUOTE_CHARS: usize = 8;
const MAX_LIST_ITEMS: usize = 6;

#[cfg(test)]
impl Material {
    /// The material of `article`, with a copy of its body.
    pub fn new(article: &ArticleInput<'_>) -> Material {
        Material::with_body(article, article.body_markdown.to_string(), OnceCell::new())
    }
}

impl<'a> Material<&'a str> {
    /// The material of `article`, borrowing its body.
    pub fn borrowing(article: &ArticleInput<'a>) -> Material<&'a str> {
        Material::with_body(article, article.body_markdown, OnceCell::new())
    }

    /// [`Material::borrowing`], with the body (`article.body_markdown`) parsed already.
    pub fn parsed(article: &ArticleInput<'a>, parsed: &Parsed<'_>) -> Material<&'a str> {
        let sections = OnceCell::from(outline::sections_parsed(parsed));
        Material::with_body(article, article.body_markdown, sections)
    }
}

impl<Body: AsRef<str>> Material<Body> {
    fn with_body(
        article: &ArticleInput<'_>,
        body: Body,
        sections: OnceCell<Vec<Section>>,
    ) -> Material<Body> {
        let language = article.language;
        let title =
            Some(clean(article.title)).filter(|t| !t.is_empty() && entity_spans(t).is_empty());
        let mut material = Material {
            language,
            title,
            lead: Vec::new(),
            more: Vec::new(),
            body,
            sections,
            quotes: OnceCell::new(),
            checklists: OnceCell::new(),
        };
        let description = whole(article.description.unwrap_or(""));
        let summary = whole(article.summary);
        // Only parsed when the front matter leaves the lead or `more` to it.
        let opening = || -> Vec<String> {
            material
                .sections()
                .iter()
                .flat_map(|s| s.paragraphs.iter())
                .take(1)
                .flat_map(|p| whole(p))
                .collect()
        };
        // The lead is what the writer chose to sum up with; `more` is the next best source.
        let (lead, more) = match (description.is_empty(), summary.is_empty()) {
            (false, false) => (description, summary),
            (false, true) => (description, opening()),
            (true, false) => (summary, opening()),
            (true, true) => (opening(), Vec::new()),
        };
        let more = more
            .into_iter()
            .filter(|s| {
                !lead
                    .iter()
                    .any(|l| l.contains(s.as_str()) || s.contains(l.as_str()))
            })
            .collect();
        material.lead = lead;
        material.more = more;
        material
    }

    /// The body's sections, parsed on first use.
    fn sections(&self) -> &[Section] {
        self.sections
            .get_or_init(|| outline::sections(self.body.as_ref()))
    }

    /// Quotable sentences from the body, best first: the best of each section (sections with
    /// a heading first), then the second best of each, and so on. Sentences of the lead are
    /// left out.
    pub fn quotes(&self) -> impl Iterator<Item = Quote<'_>> {
        let sections = self.sections();
        let ranked = self.quotes.get_or_init(|| self.rank_quotes());
        ranked.iter().map(|at| {
            let section = &sections[at.section];
            Quote {
                heading: section.heading.as_deref(),
                text: &section.paragraphs[at.paragraph][at.range.clone()],
            }
        })
    }

    fn rank_quotes(&self) -> Vec<QuoteAt> {
        // (score, order, where) of each section's quotable sentences, best first.
        let mut ranked: Vec<Vec<(i32, usize, QuoteAt)>> = Vec::new();
        let mut with_heading = Vec::new();
        for (n, section) in self.sections().iter().enumerate() {
            let mut quotes = Vec::new();
            let mut order = n * 1000;
            for (p, paragraph) in section.paragraphs.iter().enumerate() {
                // A paragraph without a dot or `#` has no link or tag in any sentence.
                let linkless = !may_have_entities(paragraph);
                for range in sentence_ranges(paragraph) {
                    let s = &paragraph[range.clone()];
                    let quotable = is_whole(s) && (linkless || entity_spans(s).is_empty());
                    if !quotable || self.lead.iter().any(|l| contains(l, s)) {
                        continue;
                    }
                    let score = score(s, self.language);
                    if score > 0 {
                        let at = QuoteAt {
                            section: n,
                            paragraph: p,
                            range,
                        };
                        quotes.push((score, order, at));
                    }
                    order += 1;
                }
            }
            quotes.sort_by_key(|&(score, order, _)| (std::cmp::Reverse(score), order));
            ranked.push(quotes);
            with_heading.push(section.heading.is_some());
        }
        // Sections with a heading give the quote context; the opening comes last.
        ranked.sort_by_key(|q| q.first().is_none_or(|(_, _, at)| !with_heading[at.section]));
        let mut out = Vec::new();
        let deepest = ranked.iter().map(Vec::len).max().unwrap_or(0);
        for round in 0..deepest {
            let mut this_round: Vec<&(i32, usize, QuoteAt)> =
                ranked.iter().filter_map(|q| q.get(round)).collect();
            this_round.sort_by_key(|&&(score, order, _)| (std::cmp::Reverse(score), order));
            out.extend(this_round.into_iter().map(|(_, _, at)| at.clone()));
        }
        out
    }

    /// Lists short enough to show as checklists, in order.
    pub fn checklists(&self) -> &[Checklist] {
        self.checklists.get_or_init(|| self.find_checklists())
    }

    fn find_checklists(&self) -> Vec<Checklist> {
        let max_chars = match self.language {
            Language::Ja => 15,
            Language::En => 30,
        };
        self.sections()
            .iter()
            .flat_map(|s| s.lists.iter().map(move |l| (s, l)))
            .filter_map(|(section, list)| {
                if !(2..=MAX_LIST_ITEMS).contains(&list.len()) {
                    return None;
                }
                let items: Option<Vec<String>> = list
                    .iter()
                    .map(|item| checklist_item(item, max_chars))
                    .collect();
                Some(Checklist {
                    heading: section.heading.clone(),
                    items: items?,
                })
            })
            .collect()
    }
}

/// The quotable sentences of a text from the front matter or of the opening paragraph.
fn whole(text: &str) -> Vec<String> {
    sentences(&clean(text))
        .into_iter()
        .filter(|s| is_quotable(s))
        .collect()
}

/// `haystack.contains(needle)` for short texts: tried where the needle's first character
/// is, which is quicker than setting up a general substring search for each pair.
fn contains(haystack: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return true;
    };
    needle.len() <= haystack.len()
        && haystack
            .match_indices(first)
            .any(|(i, _)| haystack[i..].starts_with(needle))
}

/// A list item as a short checklist entry: `手洗い：石けんで30秒` → `手洗い`; `None` when it is
/// too long or holds a link.
fn checklist_item(item: &str, max_chars: usize) -> Option<String> {
    let item = item.trim().trim_end_matches(['。', '.', '、', ',']);
    let short = if item.chars().count() <= max_chars {
        item
    } else {
        let head = item.split(['：', ':', '（', '(']).next()?.trim();
        (head.chars().count() <= max_chars).then_some(head)?
    };
    let ok = short.chars().count() >= 2
        && entity_spans(short).is_empty()
        && !short.contains(['。', '！', '？']);
    ok.then(|| short.to_string())
}

/// One line of plain NFC text, without characters that would make a post invalid.
pub(crate) fn clean(text: &str) -> String {
    let text = nfc(text);
    let unwanted = |c: char| matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\r');
    let text: Cow<'_, str> = if text.contains(unwanted) {
        Cow::Owned(text.chars().filter(|&c| !unwanted(c)).collect())
    } else {
        text
    };
    trimmed(flatten(&text).into_owned())
}

/// [`summary::flatten`], borrowed when there is nothing to flatten. It only changes white
/// space other than U+3000, and every such character's UTF-8 holds an ASCII space or
/// control byte, or a lead byte 0xC2, 0xE1 or 0xE2 (a test checks), which Japanese text
/// seldom has.
pub(crate) fn flatten(text: &str) -> Cow<'_, str> {
    let may_have_space = text
        .bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2));
    if may_have_space {
        Cow::Owned(summary::flatten(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` without white space at either end, reusing its buffer.
pub(crate) fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// Whole, free of links and tags, and long enough to say something.
fn is_quotable(sentence: &str) -> bool {
    is_whole(sentence) && entity_spans(sentence).is_empty()
}

/// Whole (not cut with `…`) and long enough to say something.
fn is_whole(sentence: &str) -> bool {
    sentence.chars().count() >= MIN_QUOTE_CHARS && !sentence.ends_with(ELLIPSIS)
}

/// Openings that tie a sentence to the one before it.
const CONNECTIVES_JA: &[&str] = &[
    "しかし",
    "また",
    "そのため",
    "それ",
    "これ",
    "この",
    "その",
    "そこで",
    "ただし",
    "なお",
    "さらに",
    "一方",
    "つまり",
    "でも",
    "だから",
    "ですから",
    "そして",
    "特に",
    "ここ",
];
const CONNECTIVES_EN: &[&str] = &[
    "but ", "and ", "however", "this ", "these ", "it ", "so ", "also", "that ", "they ", "here ",
    "there ",
];
/// Words that point at something the post will not show.
const POINTERS_JA: &[&str] = &[
    "次の",
    "以下",
    "下記",
    "上記",
    "前述",
    "後述",
    "こちら",
    "下図",
    "上図",
    "下表",
    "上表",
    "図の",
    "表の",
];
const POINTERS_EN: &[&str] = &["following", "below", "above", "table", "figure"];
/// Words that tend to carry the article's point.
const POINTS_JA: &[&str] = &[
    "大切",
    "重要",
    "ポイント",
    "目安",
    "注意",
    "予防",
    "対策",
    "おすすめ",
    "必要",
    "早め",
    "受診",
    "原因",
    "症状",
];
const POINTS_EN: &[&str] = &[
    "important",
    "key",
    "tip",
    "should",
    "recommend",
    "avoid",
    "prevent",
    "help",
    "sign",
    "cause",
    "symptom",
];

/// How well a sentence stands alone as a teaser; 0 or less is not used.
fn score(sentence: &str, language: Language) -> i32 {
    let found = WordLists::of(language).find(sentence);
    let chars = sentence.chars().count();
    let mut score = 3;
    if !sentence.ends_with(['。', '！', '？', '.', '!', '?', '」', '）', ')']) {
        score -= 3;
    }
    if (15..=90).contains(&chars) {
        score += 2;
    }
    if found.digit {
        score += 1;
    }
    if sentence.ends_with(['？', '?']) {
        score += 1;
    }
    if found.point {
        score += 2;
    }
    if found.connective || found.pointer {
        score -= 5;
    }
    if sentence.ends_with(['：', ':']) {
        score -= 5;
    }
    score
}

/// The word lists of one language, ready to search.
struct WordLists {
    /// Openings that tie a sentence to the one before it.
    connectives: Words,
    /// Words that point at something the post will not show.
    pointers: Words,
    /// Words that tend to carry the article's point.
    points: Words,
    /// For each character `c`, at index `c % BUCKETS`: whether a point word ([`POINT`]) or
    /// a pointer ([`POINTER`]) starts with a character there, or a digit is there
    /// ([`DIGIT`]). Most characters have none, which one look-up tells.
    buckets: [u8; BUCKETS],
}

const BUCKETS: usize = 1024;
const POINT: u8 = 1;
const POINTER: u8 = 2;
const DIGIT: u8 = 4;

/// What [`score`] looks for in a sentence (words in its lower-cased text).
#[derive(Debug, Default, PartialEq, Eq)]
struct Found {
    /// It starts with a connective.
    connective: bool,
    /// An ASCII or full-width digit.
    digit: bool,
    point: bool,
    pointer: bool,
}

impl WordLists {
    fn of(language: Language) -> &'static WordLists {
        static JA: LazyLock<WordLists> =
            LazyLock::new(|| WordLists::new(CONNECTIVES_JA, POINTERS_JA, POINTS_JA));
        static EN: LazyLock<WordLists> =
            LazyLock::new(|| WordLists::new(CONNECTIVES_EN, POINTERS_EN, POINTS_EN));
        match language {
            Language::Ja => &JA,
            Language::En => &EN,
        }
    }

    fn new(
        connectives: &'static [&'static str],
        pointers: &'static [&'static str],
        points: &'static [&'static str],
    ) -> WordLists {
        let (pointers, points) = (Words::new(pointers), Words::new(points));
        let mut buckets = [0; BUCKETS];
        let digits = ('0'..='9').chain('０'..='９').map(|c| (c, DIGIT));
        let firsts =
            (points.firsts().map(|c| (c, POINT))).chain(pointers.firsts().map(|c| (c, POINTER)));
        for (c, flag) in digits.chain(firsts) {
            buckets[c as usize % BUCKETS] |= flag;
        }
        WordLists {
            connectives: Words::new(connectives),
            pointers,
            points,
            buckets,
        }
    }

    /// What `sentence` holds. Most sentences have no case, and are searched as they are;
    /// others are lower-cased first (which neither makes nor removes digits, a test checks).
    fn find(&self, sentence: &str) -> Found {
        self.scan(sentence, true)
            .or_else(|| self.scan(&sentence.to_lowercase(), false))
            .unwrap_or_default()
    }

    /// What `text` holds, in one pass. With `caseless`, `None` as soon as a character may
    /// have case (see [`is_caseless`]).
    ///
    /// The pass looks at bytes, without decoding characters: a character's bucket
    /// (`c % 1024`, its ten low bits) is the low four bits of its second-last byte and the
    /// low six of its last (the whole byte for ASCII). Only a character whose bucket is
    /// flagged is decoded.
    fn scan(&self, text: &str, caseless: bool) -> Option<Found> {
        let bytes = text.as_bytes();
        let mut found = Found {
            connective: self.connectives.start(text),
            ..Found::default()
        };
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            if caseless && !is_caseless(&bytes[i..]) {
                return None;
            }
            let len = match lead {
                0x00..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let low = |k: usize| usize::from(bytes.get(i + k).copied().unwrap_or(0));
            let bucket = match len {
                1 => usize::from(lead),
                _ => (low(len - 2) & 0x0F) << 6 | (low(len - 1) & 0x3F),
            };
            let flags = self.buckets[bucket];
            if flags != 0
                && let Some(c) = text[i..].chars().next()
            {
                found.digit |=
                    flags & DIGIT != 0 && (c.is_ascii_digit() || ('０'..='９').contains(&c));
                found.point |= flags & POINT != 0 && self.points.start_at(text, i, c);
                found.pointer |= flags & POINTER != 0 && self.pointers.start_at(text, i, c);
            }
            i += len;
        }
        Some(found)
    }
}

/// A word list, each word with its first character.
struct Words(Vec<(char, &'static str)>);

impl Words {
    fn new(list: &'static [&'static str]) -> Words {
        Words(
            list.iter()
                .filter_map(|w| Some((w.chars().next()?, *w)))
                .collect(),
        )
    }

    fn firsts(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().map(|&(c, _)| c)
    }

    /// Whether one of the words starts at byte `i` of `text`, where `c` is.
    fn start_at(&self, text: &str, i: usize, c: char) -> bool {
        self.0
            .iter()
            .any(|&(first, w)| first == c && text[i..].starts_with(w))
    }

    /// Whether `text` starts with one of the words.
    fn start(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.start_at(text, 0, c))
    }
}

/// Whether the character that `bytes` start with is one that `to_lowercase` leaves as it
/// is, whatever surrounds it: ASCII other than capitals, U+3000–U+9FFF (Japanese
/// punctuation, kana, kanji), U+F000–U+FFFF but the full-width capitals U+FF21–U+FF3A (a
/// test checks them all). Other characters may have case.
fn is_caseless(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii() => !b.is_ascii_uppercase(),
        [0xE3..=0xE9, ..] => true,
        [0xEF, 0xBC, 0xA1..=0xBA, ..] => false,
        [0xEF, ..] => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_only_text_with_white_space() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        for c in all.filter(|&c| c.is_whitespace() && c != '\u{3000}') {
            let text = format!("あ{c}い");
            assert!(matches!(flatten(&text), Cow::Owned(_)), "{c:?}");
            assert_eq!(flatten(&text), summary::flatten(&text));
        }
        assert!(matches!(
            flatten("冬は「乾燥」の季節です。"),
            Cow::Borrowed(_)
        ));
        assert_eq!(flatten("冬は\n乾燥の\n季節です。"), "冬は乾燥の季節です。");
    }

    #[test]
    fn contains_is_str_contains() {
        for (haystack, needle) in [
            ("花粉症の季節です。", "季節"),
            ("ああい", "あい"),
            ("a", ""),
            ("", "a"),
            ("あ", "あい"),
        ] {
            assert_eq!(contains(haystack, needle), haystack.contains(needle));
        }
    }

    #[test]
    fn word_lists_find_what_contains_finds() {
        for language in [Language::Ja, Language::En] {
            let (connectives, pointers, points) = match language {
                Language::Ja => (CONNECTIVES_JA, POINTERS_JA, POINTS_JA),
                Language::En => (CONNECTIVES_EN, POINTERS_EN, POINTS_EN),
            };
            let words = WordLists::of(language);
            for text in [
                "次の表をご覧ください。",
                "受診の目安は3日です。",
                "しかし、ここでは",
                "これは以下のとおり",
                "１２",
                "but it helps",
                "see the table below",
                "this is key",
                "nothing",
                "",
            ] {
                let found = Found {
                    connective: false,
                    digit: text
                        .chars()
                        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
                    point: points.iter().any(|w| text.contains(w)),
                    pointer: pointers.iter().any(|w| text.contains(w)),
                };
                let found = Found {
                    connective: connectives.iter().any(|w| text.starts_with(w)),
                    ..found
                };
                assert_eq!(words.find(text), found, "{text}");
            }
        }
        let this = WordLists::of(Language::En).find("This is it");
        assert!(this.connective && !this.point);
    }

    #[test]
    fn finds_what_a_plain_search_finds() {
        const PIECES: &[&str] = &[
            "大切",
            "目安",
            "こちら",
            "こと",
            "と",
            "表",
            "表の",
            "お",
            "おすすめ",
            "次の",
            "以下",
            "しかし",
            "3",
            "３",
            "Ａ",
            "ａ",
            "A",
            "é",
            "É",
            "İ",
            "Σ",
            "👩",
            "、",
            "。",
            "受",
            "following",
            "Table",
            "KEY",
            "but ",
            "It ",
            "help",
            "x",
            " ",
            "\u{3099}",
        ];
        let mut seed = 0x0123_4567_89AB_CDEFu64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let language = [Language::Ja, Language::En][next(2)];
            let (connectives, pointers, points) = match language {
                Language::Ja => (CONNECTIVES_JA, POINTERS_JA, POINTS_JA),
                Language::En => (CONNECTIVES_EN, POINTERS_EN, POINTS_EN),
            };
            let text: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
            let lower = text.to_lowercase();
            let expected = Found {
                connective: connectives.iter().any(|w| lower.starts_with(w)),
                digit: text
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
                point: points.iter().any(|w| lower.contains(w)),
                pointer: pointers.iter().any(|w| lower.contains(w)),
            };
            assert_eq!(WordLists::of(language).find(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn lower_casing_neither_makes_nor_removes_digits() {
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(c.to_lowercase().any(digit), digit(c), "{c:?}");
        }
    }

    #[test]
    fn caseless_characters_stay_as_they_are() {
        let mut caseless = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_caseless(c.to_string().as_bytes()) {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
                caseless += 1;
            }
        }
        assert!(caseless > 20_000);
        assert!(!is_caseless("Ａ".as_bytes()) && !is_caseless(b"A"));
    }

    #[test]
    fn buckets_come_from_the_last_bytes() {
        let words = WordLists::of(Language::Ja);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
            let found = words.scan(&c.to_string(), false).unwrap_or_default();
            assert_eq!(found.digit, digit, "{c:?}");
        }
    }

    #[test]
    fn scores_standalone_points_higher() {
        let s = |t| score(t, Language::Ja);
        assert!(s("38度以上の熱が3日続くときは受診の目安です。") > s("今日は晴れです。"));
        assert!(s("しかし、それは違います。") <= 0);
        assert!(s("ポイントは次の3つです：") <= 0);
        assert!(score("This is why it matters.", Language::En) <= 0);
        assert!(score("Wash your hands for 20 seconds.", Language::En) > 0);
    }

    fn material(description: Option<&str>, summary: &str) -> Material {
        Material::new(&ArticleInput {
            slug: "s",
            title: "題名 example.com/x",
            description,
            summary,
            body_markdown: "冒頭の段落はこの一文です。\n\n## 見出し\n\n本文の別の段落です。\n",
            canonical_url: "https://example.jp/s/",
            tags: &[],
            hashtags: &[],
            own_teasers: &[],
            date: jiff::civil::date(2026, 1, 1),
            language: Language::Ja,
        })
    }

    #[test]
    fn lead_prefers_description_then_summary_then_opening() {
        let m = material(
            Some("説明文はこちらの一文です。"),
            "要約の一文がここにあります。",
        );
        assert_eq!(m.lead, ["説明文はこちらの一文です。"]);
        assert_eq!(m.more, ["要約の一文がここにあります。"]);
        let m = material(None, "要約の一文がここにあります。途中で切れた要約の文…");
        assert_eq!(m.lead, ["要約の一文がここにあります。"]);
        assert_eq!(m.more, ["冒頭の段落はこの一文です。"]);
        let m = material(Some(""), "");
        assert_eq!(m.lead, ["冒頭の段落はこの一文です。"]);
        // A title X would turn into a link is not quoted.
        assert_eq!(m.title, None);
    }

    #[test]
    fn checklist_items_are_short_phrases() {
        assert_eq!(checklist_item("手洗い。", 15).as_deref(), Some("手洗い"));
        assert_eq!(
            checklist_item("手洗い：石けんを使って30秒以上しっかり洗いましょう", 15).as_deref(),
            Some("手洗い")
        );
        assert_eq!(
            checklist_item("石けんを使って30秒以上しっかり洗いましょう", 15),
            None
        );
        assert_eq!(checklist_item("example.com/x", 15), None);
    }
}
