//! The keys of `clinote.toml`: where one is written in the file, and a warning for a key
//! clinote does not know that names the nearest one it does.

use super::CONFIG_FILE;
use clinote_diagnostic::keys::find_toml_key;
use clinote_diagnostic::suggest::nearest;
use clinote_diagnostic::{Bilingual, Diagnostic, Location};

/// Every key clinote knows, by table, for "did you mean" hints.
const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "description",
            "base_url",
            "language",
            "timezone",
            "theme",
            "paginate",
            "image",
            "cards",
            "clinic",
            "brand",
            "analytics",
            "authors",
            "feed",
            "teasers",
            "images",
            "check",
        ],
    ),
    (
        "clinic",
        &[
            "name",
            "url",
            "address",
            "phone",
            "email",
            "line_id",
            "x_handle",
            "booking_url",
            "map_url",
            "departments",
            "access",
            "latitude",
            "longitude",
            "hours",
        ],
    ),
    (
        "clinic.hours",
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun", "note"],
    ),
    ("brand", &["accent", "accent_dark", "logo"]),
    ("analytics", &["provider", "id"]),
    ("authors.*", &["name", "role", "bio", "avatar"]),
    ("feed", &["limit", "full_content"]),
    ("images", &["widths", "quality", "webp"]),
    (
        "teasers",
        &[
            "hashtags",
            "variants",
            "utm",
            "schedule_days",
            "page",
            "time",
        ],
    ),
    ("check", clinote_check::config::CONFIG_KEYS),
    ("check.readability", clinote_check::config::READABILITY_KEYS),
    ("check.external", clinote_check::config::EXTERNAL_KEYS),
];

pub(super) fn key_location(text: &str, path: &[&str]) -> Location {
    match find_toml_key(text, path) {
        Some((at, len)) => Location::at_offset(CONFIG_FILE, text, at, len),
        None => Location::file(CONFIG_FILE),
    }
}

pub(super) fn unknown_key(text: &str, path: &str) -> Diagnostic {
    let parts: Vec<&str> = path.split('.').collect();
    let (key, table) = parts.split_last().unwrap_or((&"", &[]));
    let table_name = match table {
        ["authors", _] => "authors.*".to_string(),
        _ => table.join("."),
    };
    let known = KNOWN_KEYS
        .iter()
        .find(|(t, _)| *t == table_name)
        .map(|(_, k)| *k)
        .unwrap_or(&[]);
    let mut d = Diagnostic::warning(Bilingual::new(
        format!("知らない設定 `{path}` は無視されます"),
        format!("unknown setting `{path}` is ignored"),
    ))
    .at(key_location(text, &parts));
    if let Some(near) = nearest(key, known.iter().copied()) {
        d = d.help(Bilingual::new(
            format!("`{near}` のつもりでしたか？"),
            format!("did you mean `{near}`?"),
        ));
    }
    d
}
