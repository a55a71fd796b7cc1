//! Writes a site of N articles, each with its own 4032×3024-ish phone photo (EXIF
//! orientation and GPS included) as its cover, to measure what photos cost a build:
//!
//! ```sh
//! cargo run --release --example photo_site -- /tmp/photos 200
//! time target/release/clinote build --root /tmp/photos   # first build
//! time target/release/clinote build --root /tmp/photos   # again: from the cache
//! ```
//!
//! Each photo is a few MB (noise does not compress): 200 photos take about 0.5 GB.

use std::path::PathBuf;

use clinote_images::testing::phone_photo;
use rayon::prelude::*;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/photo-site".into()));
    let n: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    std::fs::create_dir_all(root.join("content/articles"))?;
    std::fs::write(
        root.join("clinote.toml"),
        "title = \"写真の多いブログ\"\nbase_url = \"https://example.jp/blog/\"\n",
    )?;
    (0..n).into_par_iter().try_for_each(|i| {
        let dir = root.join(format!("content/articles/photo-{i:04}"));
        std::fs::create_dir_all(&dir)?;
        // A different height for each, so that no two photos are the same file.
        std::fs::write(dir.join("cover.jpg"), phone_photo(4032, 3024 - i % 1000, 6))?;
        std::fs::write(
            dir.join("index.md"),
            format!(
                "+++\ntitle = \"院内の写真 {i}\"\ndate = 2026-01-10\ncover = \"cover.jpg\"\n+++\n待合室の写真です。\n"
            ),
        )
    })?;
    println!("{n} articles with a photo each in {}", root.display());
    Ok(())
}
