//! Making an article's tags into hashtags X links.
//!
//! X ends a tag at the first space, `-` or punctuation mark, so `#COVID-19` links only
//! `#COVID`, and `#子ども 発熱` only `#子ども`. We remove what would end the tag (spaces,
//! `-`, `・`, other punctuation, symbols, emoji) and keep letters, combining marks, digits
//! and `_`: `COVID-19` → `COVID19`, `子ども 発熱` → `子ども発熱`. `・` and `〜` are tag
//! characters to X, but a tag joined with them reads as two tags that do not work
//! (`#花粉症・眼科`), so they go too.
//!
//! A tag that nothing is left of, or only digits (X ignores `#2025`), is dropped; the caller
//! reports it with the article's file. Every tag that is kept is checked with our own
//! extractor ([`crate::parse`]), so what we write is what X links.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use clinote_diagnostic::Bilingual;

use super::count::parse;

/// A tag that cannot be made a hashtag, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The tag as written.
    pub tag: String,
    pub reason: DropReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// Nothing is left once spaces, punctuation and emoji are removed.
    Empty,
    /// Only digits are left; X does not link all-digit tags.
    OnlyDigits,
    /// What is left is still not a hashtag to X.
    NotATag,
}

impl Dropped {
    /// The warning to show, with the article's file as its location.
    pub fn message(&self) -> Bilingual {
        let (ja, en) = match self.reason {
            DropReason::Empty => ("文字が残りません", "nothing is left of it"),
            DropReason::OnlyDigits => (
                "数字だけのタグはXでリンクになりません",
                "X does not link all-digit tags",
            ),
            DropReason::NotATag => ("Xのハッシュタグになりません", "X would not link it"),
        };
        Bilingual::new(
            format!(
                "ハッシュタグ「{}」は使えないため外しました（{ja}）",
                self.tag
            ),
            format!("hashtag \"{}\" dropped: {en}", self.tag),
        )
    }
}

/// Makes `raw` (with or without `#`) a hashtag X links, returned without `#`.
pub fn sanitize(raw: &str) -> Result<String, Dropped> {
    let dropped = |reason| Dropped {
        tag: raw.to_string(),
        reason,
    };
    let tag: String = raw
        .nfc()
        .collect::<String>()
        .trim()
        .trim_start_matches(['#', '＃'])
        .chars()
        .filter(|&c| keeps(c))
        .collect();
    if tag.is_empty() {
        return Err(dropped(DropReason::Empty));
    }
    if !tag.chars().any(is_letter_or_mark) {
        return Err(dropped(DropReason::OnlyDigits));
    }
    if parse(&format!("#{tag}")).hashtags != [tag.as_str()] {
        return Err(dropped(DropReason::NotATag));
    }
    Ok(tag)
}

/// Sanitises tags in order, drops duplicates (X tags ignore case) and keeps at most `max`.
pub fn sanitize_all<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> (Vec<String>, Vec<Dropped>) {
    let mut kept: Vec<String> = Vec::new();
    let mut dropped = Vec::new();
    for tag in raw {
        match sanitize(tag) {
            Ok(t) => {
                let seen = kept.iter().any(|k| k.to_lowercase() == t.to_lowercase());
                if !seen && kept.len() < max {
                    kept.push(t);
                }
            }
            Err(d) => dropped.push(d),
        }
    }
    (kept, dropped)
}

/// Letters, combining marks (not variation selectors or the keycap mark), digits and `_`.
fn keeps(c: char) -> bool {
    let selector = matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{20E3}');
    !selector
        && (is_letter_or_mark(c)
            || c == '_'
            || c.general_category() == GeneralCategory::DecimalNumber)
}

fn is_letter_or_mark(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_tags_valid() {
        for (raw, want) in [
            ("COVID-19", "COVID19"),
            ("子ども 発熱", "子ども発熱"),
            ("子ども　発熱", "子ども発熱"),
            ("花粉症・眼科", "花粉症眼科"),
            ("#花粉症", "花粉症"),
            ("＃眼科", "眼科"),
            ("Q&A", "QA"),
            ("春🌸", "春"),
            ("2025年", "2025年"),
            ("小児科_外来", "小児科_外来"),
            ("ｶﾞﾝｶ", "ｶﾞﾝｶ"),
            ("インフルエンザ（A型）", "インフルエンザA型"),
        ] {
            assert_eq!(sanitize(raw).as_deref(), Ok(want), "{raw}");
            assert_eq!(parse(&format!("#{want}")).hashtags, [want]);
        }
    }

    #[test]
    fn drops_what_cannot_be_a_tag() {
        for (raw, reason) in [
            ("", DropReason::Empty),
            ("  ", DropReason::Empty),
            ("#", DropReason::Empty),
            ("🌸", DropReason::Empty),
            ("❤️", DropReason::Empty),
            ("・・・", DropReason::Empty),
            ("2025", DropReason::OnlyDigits),
            ("１２３", DropReason::OnlyDigits),
            ("19-20", DropReason::OnlyDigits),
        ] {
            let err = sanitize(raw).unwrap_err();
            assert_eq!(err.reason, reason, "{raw}");
            assert_eq!(err.tag, raw);
            assert!(err.message().ja.contains(raw));
        }
    }

    #[test]
    fn dedupes_and_caps() {
        let (kept, dropped) =
            sanitize_all(["花粉症", "Covid-19", "COVID19", "2025", "眼科", "春"], 3);
        assert_eq!(kept, ["花粉症", "Covid19", "眼科"]);
        assert_eq!(dropped.len(), 1);
    }
}
