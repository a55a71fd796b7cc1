//! Tests of reading an article, and helpers that read one for tests elsewhere.

use super::*;

/// An article read from `text` in a site of its own.
pub(crate) fn article(dir: &Path, text: &str) -> Article {
    std::fs::write(
        dir.join("clinote.toml"),
        "title = \"T\"\nbase_url = \"https://example.jp/\"\n",
    )
    .unwrap();
    let path = dir.join("a.md");
    std::fs::write(&path, text).unwrap();
    let config = config(dir);
    let entry = Entry {
        kind: Kind::Article,
        path,
        bundle_dir: None,
        assets: Vec::new(),
        via_link: false,
    };
    let mut diags = Vec::new();
    Article::read(&entry, dir, &config, &[], &mut diags).unwrap()
}

pub(crate) fn config(dir: &Path) -> Config {
    Config::load(dir).unwrap().0
}

#[test]
fn a_released_source_is_read_again_for_messages_while_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let a = &mut article(
        dir.path(),
        "\u{feff}+++\r\ntitle = \"手洗い\"\r\ndate = 2026-01-02\r\n+++\r\n石けんで[洗います](/nowhere/)。\r\n",
    );
    let offset = a.source.find("[洗").unwrap();
    let kept = a.location_at(offset, 3);
    assert_eq!((kept.line, kept.column), (5, 5));

    a.release_source();
    assert!(a.source.is_empty());
    // The BOM and CRLF are taken out again, so the text is the one that was built.
    assert_eq!(a.location_at(offset, 3), kept);

    // Edited since: no line is better than a wrong one.
    std::fs::write(&a.path, "+++\ntitle = \"x\"\n+++\n別の本文\n").unwrap();
    assert!(a.source_text().is_none());
    let moved = a.location_at(offset, 3);
    assert_eq!(moved.file, a.file);
    assert_eq!(moved.source_line, None);
}
