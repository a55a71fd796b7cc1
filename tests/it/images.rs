//! Phone photos as a build publishes them: several widths as WebP and in their own format,
//! `srcset`/`sizes` and the size as shown, turned upright, no EXIF (GPS, serial) anywhere,
//! the original only when linked, a rebuild that takes them from the cache, and an
//! unreadable photo reported at its line.

use std::path::Path;

use crate::support::*;
use clinote_images::testing::{SECRET, phone_photo};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Size as shown of a published image (no EXIF is left to turn it).
fn size_of(file: &Path) -> (u32, u32) {
    match clinote_images::probe(file) {
        Ok(clinote_images::Probed::Photo(p)) => {
            assert_eq!(p.orientation, 1, "{}", file.display());
            (p.width, p.height)
        }
        other => panic!("{}: {other:?}", file.display()),
    }
}

fn photo_site() -> TempSite {
    let site = TempSite::new();
    // Held sideways: stored 2000×1500, EXIF orientation 6 (shown 1500×2000).
    site.write_bytes("static/images/cover.jpg", &phone_photo(2000, 1500, 6));
    site.write_bytes(
        "content/articles/visit/ward.jpg",
        &phone_photo(1000, 750, 1),
    );
    site.write_bytes("content/articles/visit/desk.JPG", &phone_photo(640, 480, 1));
    site.write_bytes("static/images/loop.gif", b"GIF89a\x01\0\x01\0\0\0\0;");
    site.write(
        "content/articles/visit/index.md",
        "+++\ntitle = \"院内のご案内\"\ndate = 2026-01-10\ncover = \"/images/cover.jpg\"\n+++\n\
         待合室です。\n\n![病棟の廊下](ward.jpg)\n\n[![受付](desk.JPG)](desk.JPG)\n\n![動く図](/images/loop.gif)\n",
    );
    site
}

#[test]
fn photos_are_published_in_widths_without_metadata() {
    let site = photo_site();
    site.build_ok(&[]);
    let public = site.public();
    let page = site.read("articles/visit/index.html");

    // The cover: upright size, both formats, never wider than the original.
    assert!(
        page.contains("width=\"1500\" height=\"2000\" fetchpriority=\"high\""),
        "{page}"
    );
    assert!(page.contains("cover.w480.webp 480w"), "{page}");
    assert!(page.contains("cover.w1200.jpg 1200w"), "{page}");
    assert!(
        !page.contains("cover.w1600"),
        "wider than the photo: {page}"
    );
    assert_eq!(
        size_of(&public.join("images/cover.w1200.jpg")),
        (1200, 1600)
    );
    assert_eq!(
        size_of(&public.join("images/cover.w1500.webp")),
        (1500, 2000)
    );
    // Body images: lazy, in a <picture>, with sizes.
    assert!(
        page.contains("<picture><source type=\"image/webp\" srcset=\""),
        "{page}"
    );
    assert!(page.contains("ward.w1000.webp 1000w"), "{page}");
    assert!(
        page.contains("sizes=\"(min-width: 40rem) 40rem, 100vw\""),
        "{page}"
    );
    assert!(page.contains("alt=\"病棟の廊下\" loading=\"lazy\" decoding=\"async\"></picture>"));
    assert_eq!(
        size_of(&public.join("articles/visit/ward.w800.jpg")),
        (800, 600)
    );
    // The first card on the home page is not lazy; the GIF passes untouched.
    let home = site.read("index.html");
    assert!(
        home.contains("fetchpriority=\"high\" decoding=\"async\""),
        "{home}"
    );
    assert!(page.contains("/images/loop.gif\""), "{page}");
    assert_eq!(
        std::fs::read(public.join("images/loop.gif")).unwrap(),
        b"GIF89a\x01\0\x01\0\0\0\0;"
    );

    // Originals: only the linked one, and stripped.
    assert!(!public.join("images/cover.jpg").exists());
    assert!(!public.join("articles/visit/ward.jpg").exists());
    assert_eq!(size_of(&public.join("articles/visit/desk.JPG")), (640, 480));
    // No published file carries the camera's serial or an EXIF block.
    for (path, bytes) in tree(&public) {
        assert!(
            !contains(&bytes, SECRET),
            "camera serial published in {path}"
        );
        if !path.ends_with(".html") {
            assert!(!contains(&bytes, b"Exif\0\0"), "EXIF published in {path}");
        }
    }
}

#[test]
fn a_rebuild_takes_photos_from_the_cache_and_settings_change_them() {
    let site = photo_site();
    site.build_ok(&[]);
    let cache = site.root().join(".clinote/cache/images");
    let stamps = |dir: &Path| {
        let mut all = Vec::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.unwrap();
            all.push((
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            ));
        }
        all
    };
    let before = stamps(&cache);
    assert!(before.len() > 10, "{before:?}");
    site.build_ok(&[]);
    assert_eq!(stamps(&cache), before, "a rebuild made images again");

    let config = std::fs::read_to_string(site.root().join("clinote.toml")).unwrap();
    site.write(
        "clinote.toml",
        &format!("{config}\n[images]\nwidths = [320, 640]\nwebp = false\n"),
    );
    site.build_ok(&[]);
    let page = site.read("articles/visit/index.html");
    assert!(page.contains("cover.w320.jpg 320w, "), "{page}");
    assert!(!page.contains(".webp"), "{page}");
    assert!(site.public().join("images/cover.w640.jpg").is_file());
    assert!(!site.public().join("images/cover.w480.webp").exists());
}

#[test]
fn an_unreadable_or_huge_photo_is_an_error_at_its_line() {
    let site = TempSite::new();
    site.write_bytes("content/articles/broken/photo.jpg", b"HEIC, not a JPEG");
    site.write(
        "content/articles/broken/index.md",
        "+++\ntitle = \"壊れた写真\"\ndate = 2026-01-10\n+++\n本文です。\n\n![写真](photo.jpg)\n",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        said.contains("content/articles/broken/index.md:7"),
        "{said}"
    );
    assert!(
        said.contains("画像ファイルを読めません") && said.contains("cannot read the image"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");

    // A cover over the size limit: refused from its header, at the cover line.
    let site = TempSite::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&12000u32.to_be_bytes());
    png.extend_from_slice(&3000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    site.write_bytes("static/images/panorama.png", &png);
    site.article(
        "wide",
        "title = \"パノラマ\"\ndate = 2026-01-10\ncover = \"images/panorama.png\"",
        "本文です。\n",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("content/articles/wide.md:4"), "{said}");
    assert!(said.contains("12000×3000"), "{said}");
}
