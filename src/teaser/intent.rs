//! Links that open a composer with the post already written.
//!
//! X's web intent takes the whole post, link and hashtags included, in one `text` parameter
//! (rulebook §3). Its `url`, `hashtags` and `via` parameters are left alone on purpose: X
//! appends them in its own order and words, so the post would no longer be the text we
//! counted. `text` is encoded like JavaScript's `encodeURIComponent`: everything but ASCII
//! letters, digits and `-_.!~*'()` is percent-encoded, so a space is `%20`, a newline `%0A`,
//! `#` `%23`, `&` `%26`, and every Japanese character is encoded.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
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

/// `https://x.com/intent/tweet?text=…` with the whole post.
pub fn intent_url(post: &str) -> String {
    format!("https://x.com/intent/tweet?text={}", encode(post))
}

/// `https://line.me/R/share?text=…`: LINE's "send a text" link, which opens the share-target
/// picker with the whole message (mobile LINE only).
pub fn line_intent_url(message: &str) -> String {
    format!("https://line.me/R/share?text={}", encode(message))
}

/// Percent-encodes a query value like `encodeURIComponent`.
pub(crate) fn encode(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).collect()
}

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
