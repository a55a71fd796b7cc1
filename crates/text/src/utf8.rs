//! Reading stored text: the render cache keeps Japanese HTML, summaries and posts, and a
//! rebuild reads them all back.

/// Reads a string stored by `serialize_str` without std's UTF-8 check, which is slow on
/// Japanese text: the bytes are checked with SIMD instead (for the fields of Japanese text:
/// the HTML, the summary, the posts). Use as `#[serde(deserialize_with = "fast_string")]`.
pub fn fast_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a UTF-8 string")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(v)
                .map(str::to_owned)
                .map_err(|_| E::custom("invalid UTF-8"))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
    }
    d.deserialize_bytes(Visitor)
}
