//! X teasers and LINE messages for articles.

mod count;
mod hashtags;
mod intent;
mod qr;

pub use count::{MAX_WEIGHTED_LENGTH, Parsed, URL_WEIGHT, parse, weighted_length};
pub use hashtags::{DropReason, Dropped, sanitize, sanitize_all};
pub use intent::{intent_url, line_intent_url};
pub use qr::qr_svg;
