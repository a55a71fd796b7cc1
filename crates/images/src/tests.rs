use super::*;
use crate::testing::{SECRET, phone_photo};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn bytes(blob: &Blob) -> Vec<u8> {
    match blob {
        Blob::File(p) => std::fs::read(p).unwrap(),
        Blob::Bytes(b) => b.clone(),
    }
}

fn photo_file(dir: &Path, w: u32, h: u32, orientation: u16) -> std::path::PathBuf {
    let f = dir.join("photo.jpg");
    std::fs::write(&f, phone_photo(w, h, orientation)).unwrap();
    f
}

#[test]
fn probe_reads_size_as_shown_and_orientation() {
    let dir = tempfile::tempdir().unwrap();
    let f = photo_file(dir.path(), 400, 300, 6);
    let Probed::Photo(p) = probe(&f).unwrap() else {
        panic!("a photo")
    };
    assert_eq!((p.width, p.height, p.orientation), (300, 400, 6));
    assert_eq!(p.format, Format::Jpeg);
    std::fs::write(dir.path().join("a.gif"), b"GIF89a").unwrap();
    assert_eq!(probe(&dir.path().join("a.gif")), Ok(Probed::PassThrough));
    std::fs::write(dir.path().join("broken.jpg"), b"not a photo").unwrap();
    assert!(matches!(
        probe(&dir.path().join("broken.jpg")),
        Err(Problem::Unreadable(_))
    ));
}

#[test]
fn a_photo_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG header is enough: the size is refused before any pixel is read.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&9000u32.to_be_bytes());
    png.extend_from_slice(&100u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let f = dir.path().join("panorama.png");
    std::fs::write(&f, png).unwrap();
    assert!(matches!(
        probe(&f),
        Err(Problem::TooLarge { width: 9000, .. })
    ));
}

#[test]
fn widths_never_exceed_the_original() {
    let s = Settings::default();
    let p = |w, h| Photo {
        format: Format::Jpeg,
        width: w,
        height: h,
        orientation: 1,
    };
    assert_eq!(widths(&p(4032, 3024), &s), vec![480, 800, 1200, 1600]);
    assert_eq!(widths(&p(1000, 800), &s), vec![480, 800, 1000]);
    assert_eq!(widths(&p(300, 300), &s), vec![300]);
    assert_eq!(widths(&p(1600, 900), &s), vec![480, 800, 1200, 1600]);
    assert_eq!(height_at(&p(4032, 3024), 800), 600);
}

#[test]
fn names_and_markup() {
    assert_eq!(
        variant_name("/blog/a.b/photo.JPG", 800, false),
        "/blog/a.b/photo.w800.JPG"
    );
    assert_eq!(variant_name("photo.jpg", 480, true), "photo.w480.webp");
    assert_eq!(original_name("/a/p.w800.JPG").as_deref(), Some("/a/p.JPG"));
    assert_eq!(original_name("/a/p.wide.jpg"), None);
    assert_eq!(original_name("/a.w1/p.jpg"), None);
    let photo = Photo {
        format: Format::Jpeg,
        width: 1000,
        height: 750,
        orientation: 1,
    };
    let r = Responsive::new("/i/p.jpg", &photo, &Settings::default());
    assert_eq!(r.src, "/i/p.w1000.jpg");
    assert_eq!(
        r.srcset,
        "/i/p.w480.jpg 480w, /i/p.w800.jpg 800w, /i/p.w1000.jpg 1000w"
    );
    assert_eq!(
        r.webp_srcset.as_deref(),
        Some("/i/p.w480.webp 480w, /i/p.w800.webp 800w, /i/p.w1000.webp 1000w")
    );
    let html = r.picture("100vw", " alt=\"x\"");
    assert!(html.starts_with("<picture><source type=\"image/webp\""));
    assert!(html.contains("width=\"1000\" height=\"750\" alt=\"x\"></picture>"));
    let no_webp = Settings {
        webp: false,
        ..Settings::default()
    };
    let r = Responsive::new("/i/p.jpg", &photo, &no_webp);
    assert!(r.webp_srcset.is_none());
    assert!(!r.picture("100vw", "").contains("<source"));
}

#[test]
fn variants_are_upright_small_and_carry_no_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let f = photo_file(dir.path(), 1200, 900, 6);
    let Probed::Photo(p) = probe(&f).unwrap() else {
        panic!("a photo")
    };
    let cache = dir.path().join("cache");
    let made = variants(&f, &p, &Settings::default(), Some(&cache)).unwrap();
    let got: Vec<(u32, bool)> = made.iter().map(|v| (v.width, v.webp)).collect();
    assert_eq!(
        got,
        vec![
            (480, false),
            (480, true),
            (800, false),
            (800, true),
            (900, false),
            (900, true)
        ]
    );
    for v in &made {
        let b = bytes(&v.blob);
        assert!(!contains(&b, SECRET), "serial published at {}", v.width);
        assert!(!contains(&b, b"Exif"));
        let img = image::load_from_memory(&b).unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (v.width, height_at(&p, v.width))
        );
        if v.webp {
            assert!(b.starts_with(b"RIFF"));
        }
        // Turned a quarter clockwise: the stored top-left mark is now top-right.
        let rgb = img.to_rgb8();
        let top_right = rgb.get_pixel(img.width() - 3, 3).0;
        let top_left = rgb.get_pixel(3, 3).0;
        assert!(top_right[0] > 200 && top_right[1] < 60, "{top_right:?}");
        assert!(top_left[0] < 200 || top_left[1] > 60, "{top_left:?}");
    }
    // Again: every file from the cache, the same names.
    let again = variants(&f, &p, &Settings::default(), Some(&cache)).unwrap();
    assert_eq!(again, made);
    assert!(again.iter().all(|v| matches!(v.blob, Blob::File(_))));
    // Other settings are another entry.
    let q = Settings {
        quality: 60,
        ..Settings::default()
    };
    let other = variants(&f, &p, &q, Some(&cache)).unwrap();
    assert_ne!(other[0].blob, made[0].blob);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 2);
}

#[test]
fn the_published_original_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    for orientation in [1, 6] {
        let f = photo_file(dir.path(), 120, 90, orientation);
        let Probed::Photo(p) = probe(&f).unwrap() else {
            panic!("a photo")
        };
        let b = bytes(&stripped(&f, &p, &Settings::default(), None).unwrap());
        assert!(!contains(&b, SECRET));
        let img = image::load_from_memory(&b).unwrap();
        assert_eq!((img.width(), img.height()), (p.width, p.height));
    }
}
