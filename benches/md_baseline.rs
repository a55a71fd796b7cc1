//! The floor a full build is measured against (issue 7): read every Markdown file under a folder,
//! turn it into HTML with pulldown-cmark on all cores, and write one `index.html` per article.
//! No front matter parsing, templates, lists or feeds: the least any static site generator must
//! do for the same content.
//!
//!     cargo build --release --example md_baseline
//!     target/release/examples/md_baseline CONTENT_DIR OUT_DIR

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        return Err("usage: md_baseline CONTENT_DIR OUT_DIR".to_string());
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let out = Path::new(out);
    files.par_iter().try_for_each(|path| {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let body = strip_front_matter(&text);
        let mut page = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut page, Parser::new_ext(body, options()));
        let stem = path.file_stem().unwrap_or_default();
        let dir = out.join(stem);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::fs::write(dir.join("index.html"), page).map_err(|e| format!("{}: {e}", dir.display()))
    })?;
    eprintln!("{} files", files.len());
    Ok(())
}

/// The same Markdown extensions clinote turns on.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The text after a `+++`/`---` front matter block, or all of it.
fn strip_front_matter(text: &str) -> &str {
    for fence in ["+++", "---"] {
        if let Some(rest) = text.strip_prefix(fence)
            && let Some(end) = rest.find(&format!("\n{fence}"))
        {
            return &rest[end + 1 + fence.len()..];
        }
    }
    text
}
