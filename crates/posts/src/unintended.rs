//! What X would make a link or a hashtag in a writer's own post without being asked: a host
//! written without `http(s)://` (X links `kodomo-qa.jp` and counts it 23) and a number after
//! `#` glued to a word (`#8000とは` is the hashtag `8000とは`; `#8000` alone is none).
//!
//! Posts clinote writes never hold either ([`super::generate`] leaves such text out); a
//! writer's own `teasers` are kept as written, with a warning that names the text.

use super::count::parse;

/// One piece of a post that X would link or tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unintended {
    /// A link without `http://` or `https://`, as X extracts it.
    BareLink(String),
    /// A hashtag that starts with a digit, without its `#`.
    NumberTag(String),
}

/// The bare links and number hashtags X sees in `text` (in NFC), in order of kind.
pub fn unintended(text: &str) -> Vec<Unintended> {
    let parsed = parse(text);
    let has_scheme = |u: &str| {
        let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    parsed
        .urls
        .into_iter()
        .filter(|u| !has_scheme(u))
        .map(Unintended::BareLink)
        .chain(
            parsed
                .hashtags
                .into_iter()
                .filter(|t| t.chars().next().is_some_and(is_digit))
                .map(Unintended::NumberTag),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_hosts_and_numbers_after_a_hash() {
        assert_eq!(
            unintended("【#8000とは】夜の急病はkodomo-qa.jpで #小児科 https://example.com/x"),
            [
                Unintended::BareLink("kodomo-qa.jp".into()),
                Unintended::NumberTag("8000とは".into()),
            ]
        );
        assert_eq!(
            unintended("#8000 に電話 #2025年の花粉"),
            [Unintended::NumberTag("2025年の花粉".into())]
        );
        assert!(unintended("#花粉症 HTTPS://example.com/a").is_empty());
    }
}
