//! The default theme, embedded in the binary so a new site needs no theme files.
//!
//! The list must name every file under `themes/default/`; a test checks it does.

/// Every file of `themes/default/`, by path relative to it.
pub const DEFAULT_THEME: &[(&str, &[u8])] = &[
    (
        "static/clinote.js",
        include_bytes!("../../../../themes/default/static/clinote.js"),
    ),
    (
        "static/extra.css",
        include_bytes!("../../../../themes/default/static/extra.css"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../../../../themes/default/static/favicon.svg"),
    ),
    (
        "static/highlight.css",
        include_bytes!("../../../../themes/default/static/highlight.css"),
    ),
    (
        "static/search.js",
        include_bytes!("../../../../themes/default/static/search.js"),
    ),
    (
        "static/style.css",
        include_bytes!("../../../../themes/default/static/style.css"),
    ),
    (
        "static/twitter-text.js",
        include_bytes!("../../../../themes/default/static/twitter-text.js"),
    ),
    (
        "templates/404.html",
        include_bytes!("../../../../themes/default/templates/404.html"),
    ),
    (
        "templates/article.html",
        include_bytes!("../../../../themes/default/templates/article.html"),
    ),
    (
        "templates/base.html",
        include_bytes!("../../../../themes/default/templates/base.html"),
    ),
    (
        "templates/head-extra.html",
        include_bytes!("../../../../themes/default/templates/head-extra.html"),
    ),
    (
        "templates/list.html",
        include_bytes!("../../../../themes/default/templates/list.html"),
    ),
    (
        "templates/page.html",
        include_bytes!("../../../../themes/default/templates/page.html"),
    ),
    (
        "templates/partials/access.html",
        include_bytes!("../../../../themes/default/templates/partials/access.html"),
    ),
    (
        "templates/partials/author_card.html",
        include_bytes!("../../../../themes/default/templates/partials/author_card.html"),
    ),
    (
        "templates/partials/card.html",
        include_bytes!("../../../../themes/default/templates/partials/card.html"),
    ),
    (
        "templates/partials/findings.html",
        include_bytes!("../../../../themes/default/templates/partials/findings.html"),
    ),
    (
        "templates/partials/pagination.html",
        include_bytes!("../../../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "templates/search.html",
        include_bytes!("../../../../themes/default/templates/search.html"),
    ),
    (
        "templates/tags.html",
        include_bytes!("../../../../themes/default/templates/tags.html"),
    ),
    (
        "templates/teasers.html",
        include_bytes!("../../../../themes/default/templates/teasers.html"),
    ),
    (
        "theme.toml",
        include_bytes!("../../../../themes/default/theme.toml"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_of_the_theme_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| clinote_diagnostic::display_path(&dir, e.path()))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            embedded, on_disk,
            "update src/render/embedded.rs to match themes/default/"
        );
    }
}
