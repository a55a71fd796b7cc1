//! Dates in the site's time zone: parsing what writers type in front matter, and the forms
//! each output needs (RFC 3339 for HTML and sitemaps, RFC 2822 for RSS, a readable one per
//! language for people).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::Serialize;

use crate::config::Language;

/// Why a date written in front matter cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// Not a date or date-time in any of the forms [`parse`] takes (the text, quoted).
    #[error("\"{0}\"")]
    Unreadable(String),
    /// A date or date-time that cannot be placed in the time zone (out of range).
    #[error(transparent)]
    OutOfRange(jiff::Error),
}

/// Parses `2026-10-05`, `2026-10-05T09:00`, `2026-10-05 09:00:00` (all in `tz`; a bare date is
/// midnight) or a date-time with an offset (`…+09:00`, `…Z`).
pub fn parse(s: &str, tz: &TimeZone) -> Result<Zoned, ParseError> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Ok(ts.to_zoned(tz.clone()));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return dt.to_zoned(tz.clone()).map_err(ParseError::OutOfRange);
    }
    if let Ok(d) = s.parse::<Date>() {
        return d.to_zoned(tz.clone()).map_err(ParseError::OutOfRange);
    }
    Err(ParseError::Unreadable(s.to_string()))
}

/// RFC 3339, to the second (`2026-10-05T09:00:00+09:00`).
pub fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// RFC 2822, for RSS (`Mon, 5 Oct 2026 09:00:00 +0900`).
pub fn rfc2822(z: &Zoned) -> String {
    jiff::fmt::rfc2822::to_string(z)
        .unwrap_or_else(|_| z.strftime("%a, %-d %b %Y %T %z").to_string())
}

/// A date as people read it: `2026年10月5日` or `October 5, 2026`.
pub fn display(z: &Zoned, lang: Language) -> String {
    match lang {
        Language::Ja => z.strftime("%Y年%-m月%-d日").to_string(),
        Language::En => z.strftime("%B %-d, %Y").to_string(),
    }
}

/// A date-time as people read it, for schedule messages.
pub fn display_time(z: &Zoned, lang: Language) -> String {
    match lang {
        Language::Ja => z.strftime("%Y年%-m月%-d日 %H:%M").to_string(),
        Language::En => z.strftime("%B %-d, %Y %H:%M").to_string(),
    }
}

/// The forms of one date that templates use.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339, for `<time datetime>` and JSON-LD.
    pub iso: String,
    /// `2026-10-05`.
    pub ymd: String,
    /// For people, in the site's language.
    pub display: String,
}

impl DateView {
    pub fn new(z: &Zoned, lang: Language) -> Self {
        DateView {
            iso: rfc3339(z),
            ymd: z.strftime("%Y-%m-%d").to_string(),
            display: display(z, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokyo() -> TimeZone {
        TimeZone::get("Asia/Tokyo").unwrap()
    }

    #[test]
    fn parses_the_forms_writers_use() {
        let z = parse("2026-10-05", &tokyo()).unwrap();
        assert_eq!(rfc3339(&z), "2026-10-05T00:00:00+09:00");
        let z = parse("2026-10-05T09:30", &tokyo()).unwrap();
        assert_eq!(rfc3339(&z), "2026-10-05T09:30:00+09:00");
        let z = parse("2026-10-05 09:30:00", &tokyo()).unwrap();
        assert_eq!(rfc3339(&z), "2026-10-05T09:30:00+09:00");
        let z = parse("2026-10-05T00:00:00Z", &tokyo()).unwrap();
        assert_eq!(rfc3339(&z), "2026-10-05T09:00:00+09:00");
        assert!(parse("2026-13-01", &tokyo()).is_err());
        assert!(parse("来週", &tokyo()).is_err());
        assert_eq!(
            parse(" 来週 ", &tokyo()).unwrap_err().to_string(),
            "\"来週\""
        );
    }

    #[test]
    fn output_forms() {
        let z = parse("2026-10-05T09:00:00", &tokyo()).unwrap();
        assert_eq!(rfc2822(&z), "Mon, 5 Oct 2026 09:00:00 +0900");
        assert_eq!(display(&z, Language::Ja), "2026年10月5日");
        assert_eq!(display(&z, Language::En), "October 5, 2026");
    }
}
