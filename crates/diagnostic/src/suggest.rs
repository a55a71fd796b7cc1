//! "Did you mean …?": the nearest known name to a misspelt one.

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (c, strsim::jaro_winkler(&word_lc, &c.to_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// `"a", "b", "c"` for messages that list the known names.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_but_not_strangers() {
        let known = ["title", "description", "base_url", "timezone"];
        assert_eq!(nearest("titel", known), Some("title"));
        assert_eq!(nearest("timezon", known), Some("timezone"));
        assert_eq!(nearest("baseurl", known), Some("base_url"));
        assert_eq!(nearest("zzz", known), None);
    }
}
