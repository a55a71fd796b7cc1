//! X teasers and LINE messages for articles.

pub mod count;
