//! X teasers and LINE messages for articles.
