//! Links that open a composer with the post already written.
//!
//! X's web intent takes the whole post, link and hashtags included, in one `text` parameter
//! (rulebook §3). Its `url`, `hashtags` and `via` parameters are left alone on purpose: X
//! appends them in its own order and words, so the post would no longer be the text we
//! counted. `text` is encoded like JavaScript's `encodeURIComponent`: everything but ASCII
//! letters, digits and `-_.!~*'()` is percent-encoded, so a space is `%20`, a newline `%0A`,
//! `#` `%23`, `&` `%26`, and every Japanese character is encoded.

/// `https://x.com/intent/tweet?text=…` with the whole post.
pub fn intent_url(post: &str) -> String {
    encoded_after("https://x.com/intent/tweet?text=", post)
}

/// `https://line.me/R/share?text=…`: LINE's "send a text" link, which opens the share-target
/// picker with the whole message (mobile LINE only).
pub fn line_intent_url(message: &str) -> String {
    encoded_after("https://line.me/R/share?text=", message)
}

/// Percent-encodes a query value like `encodeURIComponent`.
pub(crate) fn encode(value: &str) -> String {
    encoded_after("", value)
}

/// `prefix`, then `value` percent-encoded like `encodeURIComponent`.
fn encoded_after(prefix: &str, value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Written in place into a buffer long enough for every byte encoded, then cut to size.
    let mut out = vec![0; prefix.len() + value.len() * 3];
    out[..prefix.len()].copy_from_slice(prefix.as_bytes());
    let mut n = prefix.len();
    for &byte in value.as_bytes() {
        if is_unreserved(byte) {
            out[n] = byte;
            n += 1;
        } else {
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            out[n..n + 3].copy_from_slice(&[b'%', high, low]);
            n += 3;
        }
    }
    out.truncate(n);
    // Only ASCII was written after `prefix`, so this is UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// What `encodeURIComponent` leaves as it is: ASCII letters, digits and `-_.!~*'()`.
fn is_unreserved(byte: u8) -> bool {
    UNRESERVED[usize::from(byte)]
}

/// [`is_unreserved`] for every byte.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            );
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded_text(intent: &str) -> String {
        let (_, value) = intent.split_once("?text=").unwrap();
        percent_encoding::percent_decode_str(value)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    #[test]
    fn encodes_like_the_percent_encoding_crate() {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')');
        let all: String = (0..=0x7Fu8)
            .map(char::from)
            .chain(['é', 'あ', '漢', '👩', '\u{FEFF}'])
            .collect();
        assert_eq!(
            encode(&all),
            utf8_percent_encode(&all, COMPONENT).to_string()
        );
    }

    #[test]
    fn decodes_back_to_the_exact_post() {
        let post = "花粉症の季節、目のかゆみは我慢していませんか？👀\n#花粉症 #眼科\n\
                    https://example-clinic.jp/blog/kafun/?utm_source=x&utm_medium=social&utm_content=v1+2%20";
        let url = intent_url(post);
        assert!(url.starts_with("https://x.com/intent/tweet?text=%E8%8A%B1"));
        assert!(url.is_ascii());
        for must in ["%0A", "%23", "%26", "%3D", "%3F", "%2B", "%25", "%20%23"] {
            assert!(url.contains(must), "{must}");
        }
        assert!(!url[url.find('?').unwrap() + 1..].contains(['#', '&', ' ', '+']));
        assert_eq!(url.matches('?').count(), 1);
        assert_eq!(decoded_text(&url), post);
        assert_eq!(decoded_text(&line_intent_url(post)), post);
    }
}
