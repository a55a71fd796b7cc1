//! The article's own words, ready to quote: its title, its lead, its most quotable
//! sentences and its short lists.
//!
//! Teasers may only reuse the article's words (they are medical advertising), so this is
//! all the generator has to write with. A sentence is quotable when it is whole (it ends in
//! `。！？` or `.!?`), holds no URL or hashtag (X would link them), and does not lean on its
//! surroundings (`しかし…`, `以下の…`, `This…`). Among those, the ones that carry a point
//! (a number, a question, 目安・予防・大切 …) rank first.

use unicode_normalization::UnicodeNormalization;

use crate::config::Language;
use crate::markdown::summary;

use super::ArticleInput;
use super::count::entity_spans;
use super::cut::{ELLIPSIS, sentences};
use super::outline::{self, Section};

/// A sentence to quote, with the heading of its section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    pub heading: Option<String>,
    pub text: String,
}

/// A short list to show as a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist {
    pub heading: Option<String>,
    pub items: Vec<String>,
}

/// What the generator quotes from.
#[derive(Debug, Clone)]
pub(crate) struct Material {
    pub language: Language,
    /// `None` when the title is empty or holds something X would link.
    pub title: Option<String>,
    /// The description's sentences, else the summary's, else the opening paragraph's.
    pub lead: Vec<String>,
    /// More whole sentences for the longer LINE message (summary or opening), not in `lead`.
    pub more: Vec<String>,
    pub sections: Vec<Section>,
}

const MIN_QUOTE_CHARS: usize = 8;
const MAX_LIST_ITEMS: usize = 6;

impl Material {
    pub fn new(article: &ArticleInput<'_>) -> Material {
        let language = article.language;
        let title =
            Some(clean(article.title)).filter(|t| !t.is_empty() && entity_spans(t).is_empty());
        let sections = outline::sections(article.body_markdown);
        let whole = |text: &str| -> Vec<String> {
            sentences(&clean(text))
                .into_iter()
                .filter(|s| is_quotable(s))
                .collect()
        };
        let description = whole(article.description.unwrap_or(""));
        let summary = whole(article.summary);
        let opening: Vec<String> = sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .take(1)
            .flat_map(|p| whole(p))
            .collect();
        // The lead is what the writer chose to sum up with; `more` is the next best source.
        let (lead, more) = match (description.is_empty(), summary.is_empty()) {
            (false, false) => (description, summary),
            (false, true) => (description, opening),
            (true, false) => (summary, opening),
            (true, true) => (opening, Vec::new()),
        };
        let more = more
            .into_iter()
            .filter(|s| {
                !lead
                    .iter()
                    .any(|l| l.contains(s.as_str()) || s.contains(l.as_str()))
            })
            .collect();
        Material {
            language,
            title,
            lead,
            more,
            sections,
        }
    }

    /// Quotable sentences from the body, best first: the best of each section (sections with
    /// a heading first), then the second best of each, and so on. Sentences of the lead are
    /// left out.
    pub fn quotes(&self) -> Vec<Quote> {
        let mut ranked: Vec<Vec<(i32, usize, Quote)>> = Vec::new();
        for (n, section) in self.sections.iter().enumerate() {
            let mut quotes: Vec<(i32, usize, Quote)> = section
                .paragraphs
                .iter()
                .flat_map(|p| sentences(p))
                .filter(|s| is_quotable(s) && !self.lead.iter().any(|l| l.contains(s.as_str())))
                .enumerate()
                .map(|(i, s)| {
                    let order = n * 1000 + i;
                    let quote = Quote {
                        heading: section.heading.clone(),
                        text: s,
                    };
                    (score(&quote.text, self.language), order, quote)
                })
                .filter(|(score, _, _)| *score > 0)
                .collect();
            quotes.sort_by_key(|(score, order, _)| (std::cmp::Reverse(*score), *order));
            ranked.push(quotes);
        }
        // Sections with a heading give the quote context; the opening comes last.
        ranked.sort_by_key(|q| q.first().is_none_or(|(_, _, q)| q.heading.is_none()));
        let mut out = Vec::new();
        let deepest = ranked.iter().map(Vec::len).max().unwrap_or(0);
        for round in 0..deepest {
            let mut this_round: Vec<&(i32, usize, Quote)> =
                ranked.iter().filter_map(|q| q.get(round)).collect();
            this_round.sort_by_key(|(score, order, _)| (std::cmp::Reverse(*score), *order));
            out.extend(this_round.into_iter().map(|(_, _, q)| q.clone()));
        }
        out
    }

    /// Lists short enough to show as checklists, in order.
    pub fn checklists(&self) -> Vec<Checklist> {
        let max_chars = match self.language {
            Language::Ja => 15,
            Language::En => 30,
        };
        self.sections
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
    let text: String = text
        .nfc()
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\r'))
        .collect();
    summary::flatten(&text).trim().to_string()
}

/// Whole, free of links and tags, and long enough to say something.
fn is_quotable(sentence: &str) -> bool {
    sentence.chars().count() >= MIN_QUOTE_CHARS
        && !sentence.ends_with(ELLIPSIS)
        && entity_spans(sentence).is_empty()
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
    let (connectives, pointers, points) = match language {
        Language::Ja => (CONNECTIVES_JA, POINTERS_JA, POINTS_JA),
        Language::En => (CONNECTIVES_EN, POINTERS_EN, POINTS_EN),
    };
    let lower = sentence.to_lowercase();
    let chars = sentence.chars().count();
    let mut score = 3;
    if !sentence.ends_with(['。', '！', '？', '.', '!', '?', '」', '）', ')']) {
        score -= 3;
    }
    if (15..=90).contains(&chars) {
        score += 2;
    }
    if sentence
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        score += 1;
    }
    if sentence.ends_with(['？', '?']) {
        score += 1;
    }
    if points.iter().any(|w| lower.contains(w)) {
        score += 2;
    }
    if connectives.iter().any(|w| lower.starts_with(w))
        || pointers.iter().any(|w| lower.contains(w))
    {
        score -= 5;
    }
    if sentence.ends_with(['：', ':']) {
        score -= 5;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

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
