//! Content: articles and pages.
pub mod fields;
pub mod front_matter;
