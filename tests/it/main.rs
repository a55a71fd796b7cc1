//! Integration tests: the real `clinote` binary run on real sites in temp folders.
//!
//! - `build`: what a build publishes and leaves out, encodings, errors, nothing lost.
//! - `links`: every internal link of the output resolves, under any base path.
//! - `outputs`: feeds, sitemap, robots, metadata.
//! - `markdown`: Japanese writing as it appears on the page.
//! - `cli`: init, new, help, version, exit codes.
//! - `teaser_outputs`: the teasers of fixture articles: reviewed goldens, invariants for all.
//! - `images`: phone photos published in widths and formats, metadata stripped, cached.
//! - `release`: the release archive (`scripts/package.sh`) and `install.sh`, offline.

mod bounds;
mod browser;
mod build;
mod check;
mod cli;
mod deploy;
mod escaping;
mod external_links;
mod faults;
mod fuzz_cases;
mod fuzz_regressions;
mod identical_output;
mod images;
mod interrupted;
mod lighthouse;
mod linking;
mod links;
mod markdown;
mod messages;
mod outputs;
mod properties;
mod release;
mod render_cache;
mod serve;
mod snapshots;
mod support;
mod teaser_outputs;
mod teasers;
mod x_count;
