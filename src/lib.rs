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
//! Site + theme ─► outputs::others ─► feeds, search index, sitemap, static files, …
//!              ─► outputs::pages::render_each (parallel) ─► one page at a time
//! files ─► sink::Update (as they come: only changed files, staged, renamed in at the end)
//! build::write ─► linkcheck (paths known up front; ids of linked pages taken on the way)
//! ```
//!
//! [`build::build`] runs it all; every stage reports problems as [`diagnostic::Diagnostic`]s
//! with file, line and column, in Japanese and English.
//!
//! # Example
//!
//! Rendering one article body, with Japanese emphasis and ruby:
//!
//! ```
//! use clinote::markdown::{self, Input, links::LinkContext};
//!
//! let source = "+++\ntitle = \"t\"\n+++\nこれは**「重要」**です。{頸椎|けいつい}\n";
//! let input = Input {
//!     file: "content/articles/t.md",
//!     source,
//!     body_offset: source.rfind("+++\n").unwrap() + 4,
//!     links: LinkContext {
//!         base_path: "/",
//!         page_path: "articles/t/",
//!         bundle_dir: None,
//!         static_dirs: &[],
//!         source_dir: None,
//!         targets: None,
//!         site_url: None,
//!     },
//! };
//! let (rendered, warnings) = markdown::render(&input);
//! assert!(warnings.is_empty());
//! assert_eq!(
//!     rendered.html,
//!     "<p>これは<strong>「重要」</strong>です。<ruby>頸椎<rt>けいつい</rt></ruby></p>\n"
//! );
//! ```

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod interrupt;
pub mod japanese;
pub mod keys;
pub mod linkcheck;
pub mod markdown;
pub mod og_image;
pub mod outputs;
pub mod progress;
pub mod render;
pub mod scaffold;
mod scratch;
pub mod serve;
pub mod sink;
pub mod site;
pub mod suggest;
pub mod teaser;
