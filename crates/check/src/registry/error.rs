//! Why the embedded rules could not be loaded. The rules are compiled into the binary, so any
//! of these is a bug in `rules/*.toml`, caught by `cargo test`; its text names the file, the
//! rule or the pattern to fix.
//!
//! The text of each error includes the error underneath (TOML, regex) rather than exposing it
//! as a `source()`, so that the message reads as it always has.

/// An error in the rule files, found while loading them.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LoadError {
    /// A file is not valid TOML or not in the shape of a rule file.
    #[error("{file}: {error}")]
    File {
        file: &'static str,
        error: Box<toml::de::Error>,
    },
    /// A pattern opens `{{` and never closes it.
    #[error("unclosed {{{{ in {pattern}")]
    Unclosed { pattern: String },
    /// A pattern names a word list that neither the rule nor `context.toml` has.
    #[error("unknown lexicon {{{{{name}}}}} in {pattern}")]
    UnknownLexicon { name: String, pattern: String },
    /// A pattern (as written, before its word lists are filled in) that does not compile.
    #[error("{pattern}: {error}")]
    Regex {
        pattern: String,
        error: regex::Error,
    },
    /// A list that the privacy scan needs as plain words holds regex syntax, or is missing.
    #[error("context.toml: {name} must be a list of plain words")]
    NotPlainWords { name: &'static str },
    /// An error in one of a rule's own word lists.
    #[error("{rule}: {error}")]
    InRule { rule: String, error: Box<LoadError> },
    /// Two rules with the same id.
    #[error("duplicate rule id {id}")]
    DuplicateId { id: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each message reads as it did when loading returned `format!`ed strings.
    #[test]
    fn messages_read_as_before() {
        let toml = toml::from_str::<toml::Table>("a = ").unwrap_err();
        // An unclosed group, built at run time (clippy checks literal patterns).
        let regex = regex::Regex::new(&String::from("(")).unwrap_err();
        let (name, s, id, pe) = ("trend", "{{trend", "hype-wording", "patient_event");
        let cases = [
            (
                LoadError::File {
                    file: "meta.toml",
                    error: Box::new(toml.clone()),
                },
                format!("meta.toml: {toml}"),
            ),
            (
                LoadError::Unclosed {
                    pattern: s.to_string(),
                },
                format!("unclosed {{{{ in {s}"),
            ),
            (
                LoadError::UnknownLexicon {
                    name: name.to_string(),
                    pattern: s.to_string(),
                },
                format!("unknown lexicon {{{{{name}}}}} in {s}"),
            ),
            (
                LoadError::Regex {
                    pattern: s.to_string(),
                    error: regex.clone(),
                },
                format!("{s}: {regex}"),
            ),
            (
                LoadError::NotPlainWords { name: pe },
                format!("context.toml: {pe} must be a list of plain words"),
            ),
            (
                LoadError::InRule {
                    rule: id.to_string(),
                    error: Box::new(LoadError::Regex {
                        pattern: s.to_string(),
                        error: regex.clone(),
                    }),
                },
                format!("{id}: {s}: {regex}"),
            ),
            (
                LoadError::DuplicateId { id: id.to_string() },
                format!("duplicate rule id {id}"),
            ),
        ];
        for (error, before) in cases {
            assert_eq!(error.to_string(), before);
        }
        assert_eq!(
            LoadError::UnknownLexicon {
                name: "x".into(),
                pattern: "a{{x}}".into()
            }
            .to_string(),
            "unknown lexicon {{x}} in a{{x}}"
        );
    }
}
