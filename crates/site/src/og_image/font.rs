//! The embedded font, and the usvg options that make it the only font the card can use.

use std::sync::{Arc, OnceLock};

use resvg::usvg;

/// The embedded font: a subset of Noto Sans CJK JP Bold, renamed (see `assets/fonts/`).
pub(super) const FONT: &[u8] = include_bytes!("../../../../assets/fonts/ClinoteOGSansJP-Bold.otf");
/// The family name inside [`FONT`].
pub(super) const FAMILY: &str = "Clinote OG Sans JP";

/// The font database with the embedded font and nothing else, built once per process.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(FONT)));
        // Generic families resolve to the embedded font too, so nothing can fall through to a
        // font that is not there.
        db.set_serif_family(FAMILY);
        db.set_sans_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    }))
}

pub(super) fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    }
}
