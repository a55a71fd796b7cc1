//! Where teaser text may be split or shortened.
//!
//! Sentences end at `。！？` (and `. ! ?` followed by a space in English), as in
//! [`summary::sentences`], but never inside a URL or hashtag: `example.com/a?b=1` is one
//! piece. When one sentence is still too long it is cut at a clause boundary (`、`, or
//! `, ; :` in English) and ends with `…`; English may also be cut between words. Nothing
//! else is cut, so a word, a URL, a hashtag or an emoji sequence is never split: every cut
//! point is right after a punctuation mark or a space.

use std::ops::Range;

use clinote_markdown::summary;
use clinote_text::Language;

use super::count::entity_spans;

/// The ellipsis that marks a shortened sentence.
pub(crate) const ELLIPSIS: char = '…';

/// The sentences of one line of text, each trimmed.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    sentence_ranges(text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// The sentences of one line with the space before each kept, so that joining them gives
/// the line back (less leading and trailing space). An empty line is one empty piece.
pub(crate) fn pieces(text: &str) -> Vec<String> {
    let ranges = sentence_ranges(text);
    if ranges.is_empty() {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    let mut prev = text.len() - text.trim_start().len();
    for r in ranges {
        out.push(text[prev..r.end].to_string());
        prev = r.end;
    }
    out
}

/// Byte ranges of the trimmed sentences of `text`, never ending inside a URL or hashtag.
pub(crate) fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let spans = entity_spans(text);
    let inside = |at: usize| spans.iter().any(|r| r.start < at && at < r.end);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut merge_next = false;
    for piece in summary::sentences(text) {
        // `piece` is a trimmed slice of `text`; its end tells whether a URL was split.
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + piece.len();
        match out.last_mut() {
            Some(last) if merge_next => last.end = end,
            _ => out.push(start..end),
        }
        merge_next = inside(end);
    }
    out
}

/// The longest beginning of `sentence` that ends at a clause boundary (or, in English, a word
/// boundary), with `…` added, for which `fits` holds. Tries longer cuts first.
pub(crate) fn shorten(
    sentence: &str,
    language: Language,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    let spans = entity_spans(sentence);
    let mut cuts: Vec<usize> = Vec::new();
    for (i, c) in sentence.char_indices() {
        let clause = matches!(c, '、' | '，' | '；' | '：')
            || (language == Language::En && matches!(c, ',' | ';' | ':' | ' '));
        if clause {
            // Cut before the mark: `季節、目の` → `季節…`.
            cuts.push(i);
        }
    }
    cuts.retain(|&at| at > 0 && !spans.iter().any(|r| r.start < at && at < r.end));
    cuts.iter().rev().find_map(|&at| {
        let head = sentence[..at].trim_end_matches([' ', '、', ',', '，', ';', ':', '：', '；']);
        if head.chars().count() < 2 {
            return None;
        }
        let cut = format!("{head}{ELLIPSIS}");
        fits(&cut).then_some(cut)
    })
}

/// Characters beyond which a title is shortened for a post (X shows the full title on the
/// link card anyway).
pub(crate) const TITLE_MAX_CHARS: usize = 60;

/// `title`, shortened when it is longer than [`TITLE_MAX_CHARS`]: to its main title when a
/// subtitle follows a separator (`：`, `｜`, `―`, ` - `), else at a clause with `…`. `None`
/// when no phrase boundary leaves a short enough title.
pub(crate) fn short_title(title: &str, language: Language) -> Option<String> {
    let fits = |t: &str| t.chars().count() <= TITLE_MAX_CHARS;
    if fits(title) {
        return Some(title.to_string());
    }
    const SEPARATORS: &[&str] = &["：", "｜", "|", "―", "──", "—", " - ", "〜", "～", ": "];
    let main = SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .map(|at| title[..at].trim());
    if let Some(main) = main
        && main.chars().count() >= 8
        && fits(main)
    {
        return Some(main.to_string());
    }
    // Questions or exclamations that open the title (「夏かぜ？それとも新型コロナ？ …」): the
    // longest run of them that fits.
    let asked = title
        .char_indices()
        .filter(|&(_, c)| matches!(c, '？' | '！' | '?' | '!'))
        .map(|(i, c)| title[..i + c.len_utf8()].trim())
        .rfind(|t| t.chars().count() >= 8 && fits(t));
    if let Some(asked) = asked {
        return Some(asked.to_string());
    }
    shorten(title, language, fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_long_titles_at_a_phrase() {
        assert_eq!(
            short_title("花粉症の準備", Language::Ja).as_deref(),
            Some("花粉症の準備")
        );
        let subtitled = format!(
            "夜中に子どもが熱を出したら：{}",
            "おうちで見るポイント".repeat(6)
        );
        assert_eq!(
            short_title(&subtitled, Language::Ja).as_deref(),
            Some("夜中に子どもが熱を出したら")
        );
        let clauses = format!("{}、{}", "あ".repeat(40), "い".repeat(40));
        assert_eq!(
            short_title(&clauses, Language::Ja),
            Some(format!("{}…", "あ".repeat(40)))
        );
        assert_eq!(short_title(&"あ".repeat(80), Language::Ja), None);
        let asked = format!(
            "夏かぜ？それとも新型コロナ？ {}",
            "受診の前に確認してほしいこと、".repeat(4)
        );
        assert_eq!(
            short_title(&asked, Language::Ja).as_deref(),
            Some("夏かぜ？それとも新型コロナ？")
        );
    }

    #[test]
    fn keeps_urls_and_tags_whole() {
        assert_eq!(
            sentences("詳しくはexample.com/a?b=1をご覧ください。次の文です！"),
            ["詳しくはexample.com/a?b=1をご覧ください。", "次の文です！"]
        );
        assert_eq!(sentences("One. Two? Three"), ["One.", "Two?", "Three"]);
        assert_eq!(pieces("  One. Two?  Three "), ["One.", " Two?", "  Three"]);
        assert_eq!(pieces("一文。二文！"), ["一文。", "二文！"]);
        assert_eq!(pieces(""), [""]);
    }

    #[test]
    fn shortens_at_clauses() {
        let s = "花粉症の季節、目のかゆみは我慢せず、早めに相談してください。";
        assert_eq!(
            shorten(s, Language::Ja, |t| t.chars().count() <= 20).as_deref(),
            Some("花粉症の季節、目のかゆみは我慢せず…")
        );
        assert_eq!(
            shorten(s, Language::Ja, |t| t.chars().count() <= 10).as_deref(),
            Some("花粉症の季節…")
        );
        assert_eq!(shorten(s, Language::Ja, |t| t.chars().count() <= 3), None);
        assert_eq!(shorten("句読点のない長い文", Language::Ja, |_| true), None);
        assert_eq!(
            shorten(
                "Wash your hands often, and sleep well.",
                Language::En,
                |t| t.len() <= 24
            )
            .as_deref(),
            Some("Wash your hands often…")
        );
        assert_eq!(
            shorten("Wash your hands often", Language::En, |t| t.len() <= 12).as_deref(),
            Some("Wash your…")
        );
    }
}
