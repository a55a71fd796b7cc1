//! clinote: a static site generator for clinics.
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod japanese;
pub mod keys;
pub mod markdown;
pub mod suggest;
