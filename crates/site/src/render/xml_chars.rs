//! Every page and feed made of characters XML allows, whatever their text came from.
//!
//! Articles are cleaned when they are read, with a warning ([`crate::content::control`]);
//! this is the last step of every page and feed, for what else may hold such a character (a
//! `\u000B` escape in `clinote.toml`, a theme's string). Replacing keeps the byte length, and
//! the scan costs a few milliseconds per thousand pages.

/// Replaces, in UTF-8 `xml`, what XML 1.0 forbids with what it allows and takes the same
/// bytes: control characters other than tab and line breaks become spaces, U+FFFE and U+FFFF
/// U+FFFD.
pub fn make_valid(xml: &mut [u8]) {
    if !needs_fixing(xml) {
        return;
    }
    for i in 0..xml.len() {
        match xml[i] {
            b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => xml[i] = b' ',
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF; no other character ends that way.
            0xBE | 0xBF if i >= 2 && xml[i - 2] == 0xEF && xml[i - 1] == 0xBF => xml[i] = 0xBD,
            _ => {}
        }
    }
}

/// Whether `xml` holds a forbidden control byte or U+FFFE/U+FFFF: a fold without branches,
/// which the compiler turns into vector code, and two vectorised searches.
fn needs_fixing(xml: &[u8]) -> bool {
    let controls = xml.iter().fold(0u8, |seen, &b| {
        seen | (u8::from(b < 0x20) & !u8::from(b == b'\t' || b == b'\n' || b == b'\r'))
    });
    controls != 0
        || memchr::memmem::find(xml, "\u{FFFE}".as_bytes()).is_some()
        || memchr::memmem::find(xml, "\u{FFFF}".as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::make_valid;

    #[test]
    fn forbidden_characters_are_replaced_in_place() {
        let mut xml = "<t>a\u{0B}b\u{08}\tc\u{FFFE}d\u{FFFF}\u{FFFD}ｿ</t>\n"
            .as_bytes()
            .to_vec();
        make_valid(&mut xml);
        assert_eq!(
            String::from_utf8(xml).unwrap(),
            "<t>a b \tc\u{FFFD}d\u{FFFD}\u{FFFD}ｿ</t>\n"
        );
    }
}
