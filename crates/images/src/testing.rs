//! Photos like a phone's, made for tests (here and in the integration tests), so that no
//! multi-megabyte file is kept in the repository.

/// Written in the EXIF of [`phone_photo`] as the camera's serial; must never be published.
pub const SECRET: &[u8] = b"SERIAL-CLINOTE-4242";

/// A noisy gradient JPEG of `width`×`height` stored pixels, with an EXIF block holding
/// `orientation`, a camera serial ([`SECRET`]) and a GPS position, as phones write them.
pub fn phone_photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut seed = 0x2545_F491_u32;
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed & 31) as u8;
        let r = ((x * 255) / width.max(1)) as u8;
        let g = ((y * 255) / height.max(1)) as u8;
        // A mark in the top-left corner, so that a test can tell which way is up.
        let corner = x < width / 8 && y < height / 8;
        if corner {
            image::Rgb([255, 0, 0])
        } else {
            image::Rgb([r.saturating_add(n), g.saturating_add(n), 128 + n])
        }
    });
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92);
    image::ImageEncoder::write_image(
        encoder,
        img.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encoding a test photo");
    let exif = exif(orientation);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    app1.extend_from_slice(&exif);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `Exif\0\0` and a little-endian TIFF: IFD0 with Orientation, BodySerialNumber-like text
/// and a pointer to a GPS IFD with a latitude reference and latitude.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: 3 entries.
    let ifd0_len = 2 + 3 * 12 + 4;
    let serial_at = 8 + ifd0_len as u32;
    let serial_len = SECRET.len() as u32 + 1;
    let gps_at = serial_at + serial_len;
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x0131, 2, serial_len, serial_at);
    entry(&mut t, 0x8825, 4, 1, gps_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(SECRET);
    t.push(0);
    // GPS IFD: latitude ref "N" and a latitude of three rationals.
    let lat_at = gps_at + 2 + 2 * 12 + 4;
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes([b'N', 0, 0, 0]));
    entry(&mut t, 0x0002, 5, 3, lat_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    for v in [35u32, 1, 41, 1, 2200, 100] {
        t.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = b"Exif\0\0".to_vec();
    out.extend_from_slice(&t);
    out
}
