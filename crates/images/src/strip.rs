//! Metadata cut out of a file without touching its pixels: what is published at a photo's
//! own address keeps its exact quality and loses its GPS position and camera serial.

/// A JPEG without its EXIF and XMP (APP1), IPTC (APP13), comments and the other application
/// segments; the JFIF header (APP0), the colour profile (APP2 `ICC_PROFILE`) and Adobe's colour
/// transform (APP14), which change how it looks, are kept. `None` when it is not a JPEG as
/// expected.
pub fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    loop {
        // Fill bytes (0xFF repeated) may come before a marker.
        while bytes.get(i + 1) == Some(&0xFF) && bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        // Markers without a length.
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        if marker == 0xD9 {
            out.extend_from_slice(&bytes[i..i + 2]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let end = i.checked_add(2)?.checked_add(len)?;
        let segment = bytes.get(i..end)?;
        if marker == 0xDA {
            // Start of scan: the rest is image data.
            out.extend_from_slice(&bytes[i..]);
            return Some(out);
        }
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => segment.get(4..16) == Some(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        i = end;
    }
}

/// A PNG without its text chunks, EXIF chunk and time stamp. `None` when it is not a PNG as
/// expected.
pub fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.get(..8)? != SIGNATURE {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = 8;
    while i < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = bytes.get(i..end)?;
        let kind = &chunk[4..8];
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_loses_exif_and_comments_keeps_the_rest() {
        let photo = crate::testing::phone_photo(64, 48, 6);
        assert!(photo.windows(4).any(|w| w == b"Exif"));
        let out = jpeg(&photo).unwrap();
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!contains(&out, crate::testing::SECRET));
        let img = image::load_from_memory(&out).unwrap();
        assert_eq!((img.width(), img.height()), (64, 48));
        assert!(jpeg(b"not a jpeg").is_none());
        // Cut short in a segment: refused, not a panic.
        assert!(jpeg(&photo[..30]).is_none());
    }

    #[test]
    fn png_loses_text_chunks() {
        let mut png_bytes = Vec::new();
        image::DynamicImage::new_rgb8(3, 2)
            .write_to(
                &mut std::io::Cursor::new(&mut png_bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        // A tEXt chunk placed after IHDR (8 + 25 bytes).
        let text = b"tEXtComment\0GPS 35.6N";
        let mut chunk = (text.len() as u32 - 4).to_be_bytes().to_vec();
        chunk.extend_from_slice(text);
        chunk.extend_from_slice(&[0, 0, 0, 0]);
        let mut with_text = png_bytes[..33].to_vec();
        with_text.extend_from_slice(&chunk);
        with_text.extend_from_slice(&png_bytes[33..]);
        let out = png(&with_text).unwrap();
        assert_eq!(out, png_bytes);
        assert!(png(&with_text[..40]).is_none());
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }
}
