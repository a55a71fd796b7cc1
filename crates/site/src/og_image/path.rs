//! Where a card goes in the output: `cards/<page>.png`, for the pages that get one. Both the
//! page's meta tags (which link to it) and the output (which draws it) ask here.

use crate::content::Article;

/// Where cards go in the output.
pub const CARDS_DIR: &str = "cards";

/// The output path of the card for `a`, when it gets one (cards on, and no cover).
pub fn path_for(site_cards: bool, a: &Article) -> Option<String> {
    if !site_cards || a.cover.is_some() {
        return None;
    }
    let page = a.url_path.trim_end_matches('/');
    let page = if page.is_empty() { "index" } else { page };
    Some(format!("{CARDS_DIR}/{page}.png"))
}

/// Whether an output path is a link card.
pub fn is_card(path: &str) -> bool {
    path.strip_prefix(CARDS_DIR)
        .is_some_and(|rest| rest.starts_with('/') && rest.ends_with(".png"))
}
