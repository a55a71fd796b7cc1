//! clinote: a static site generator for clinics.
//!
//! # Overview
//!
//! One pipeline turns a site folder into files ready to upload:
//!
//! ```text
//! clinote.toml ─► config::Config
//! content/**/*.md ─► content::load (parallel) ─► Article { front matter, source }
//! Articles ─► site::Site (what is published; tags, series, authors, related)
//! Site ─► content::render_all (parallel) ─► markdown::Rendered { html, toc, summary, text }
//! Site + theme ─► outputs::all ─► pages, feeds, sitemap, robots.txt, static files
//! outputs ─► sink::write_all (temporary folder, then swapped in)
//! ```
//!
//! [`build::build`] runs it all; every stage reports problems as [`diagnostic::Diagnostic`]s
//! with file, line and column, in Japanese and English.

pub mod build;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod japanese;
pub mod keys;
pub mod markdown;
pub mod outputs;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod sink;
pub mod site;
pub mod suggest;
