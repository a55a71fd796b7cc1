//! The clinote site: everything between a site folder and the files ready to upload.
//!
//! One pipeline turns a site folder into files ready to upload:
//!
//! ```text
//! clinote.toml ─► config::Config
//! content/**/*.md ─► content::load (parallel) ─► Article { front matter, source }
//! Articles ─► site::Site (what is published; tags, series, authors, related)
//! Site ─► stage::render_all (parallel) ─► Rendered { html, toc, summary, text }, posts,
//!                                           findings, search terms (cached)
//! Site + theme ─► outputs::plan (every output, what each is made from)
//!              ─► outputs::plan::make_files ─► feeds, search index, sitemap, static files, …
//!              ─► outputs::pages::render_each (parallel) ─► one page at a time
//! files ─► sink::Sink: sink::Update for a build (as they come: only changed files, staged,
//!          renamed in at the end), sink::Memory for the preview
//! driver::write ─► linkcheck (paths known up front; ids of linked pages taken on the way)
//! ```
//!
//! The stages below it are crates of their own: `clinote_markdown` (Markdown to HTML),
//! `clinote_posts` (X posts and LINE messages), `clinote_check` (the guideline, privacy and
//! readability rules), on `clinote_text` and `clinote_diagnostic`. [`build::build`] runs it
//! all; every stage reports problems as `clinote_diagnostic::Diagnostic`s with file, line and
//! column, in Japanese and English.

pub mod build;
pub mod check_report;
#[cfg(test)]
mod check_report_tests;
pub mod config;
pub mod content;
pub mod dates;
pub mod driver;
pub mod interrupt;
pub mod linkcheck;
pub mod og_image;
pub mod outputs;
pub mod progress;
pub mod render;
pub mod scaffold;
mod scratch;
pub mod search_terms;
pub mod sink;
pub mod site;
pub mod stage;
mod syntax_hints;
