//! Top-level domains that end a host to X: twitter-text's own lists ([`super::tables`]), the
//! 2020 IANA names (1,259 generic, 315 country codes, in Latin and other scripts).
//!
//! twitter-text tries the generic names, then the country codes, each list in its order, then
//! punycode (`xn--…`); the first name that fits wins. A name fits when the text spells it
//! (ignoring case the way JavaScript's `i` flag does) and the next character is not an ASCII
//! letter, digit, `@`, `+` or `-`: `example.comです` ends in `com`, `example.company1` and
//! `example.com-x` in no TLD at all. A name missing from X's list, such as `.docs` before 2020
//! or a newer one, is not a TLD: `foo.example` is plain text to X.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::tables::{COUNTRY_TLDS, GENERIC_TLDS};

/// The names, indexed for matching. A name's rank is its place in the order they are tried.
struct Names {
    /// Names of ASCII letters and digits only, in lower case, with their rank.
    ascii: HashMap<&'static str, usize>,
    /// The other names (`みんな`, `vermögensberatung`), with their rank, case-folded.
    other: Vec<(usize, Vec<char>)>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut ascii = HashMap::new();
    let mut other = Vec::new();
    let all = GENERIC_TLDS
        .split_whitespace()
        .chain(COUNTRY_TLDS.split_whitespace());
    for (rank, name) in all.enumerate() {
        if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            ascii.entry(name).or_insert(rank);
        } else {
            other.push((rank, name.chars().map(fold).collect()));
        }
    }
    Names { ascii, other }
});

/// The end of the TLD starting at `t`, if one does (`validGTLD|validCCTLD|validPunycode`).
pub(super) fn match_at(s: &[char], t: usize) -> Option<usize> {
    let names = &*NAMES;
    let mut best: Option<(usize, usize)> = None; // (rank, end)
    // An ASCII name must be the whole run of ASCII letters and digits: a shorter one would be
    // followed by a letter or digit.
    let mut r = t;
    while s.get(r).is_some_and(char::is_ascii_alphanumeric) {
        r += 1;
    }
    if r > t && fits_before(s.get(r)) {
        let name: String = s[t..r].iter().map(char::to_ascii_lowercase).collect();
        if let Some(&rank) = names.ascii.get(name.as_str()) {
            best = Some((rank, r));
        }
    }
    let first = fold(*s.get(t)?);
    for (rank, name) in &names.other {
        if best.is_some_and(|(b, _)| b < *rank) {
            break;
        }
        let end = t + name.len();
        let spelled = name[0] == first
            && s.len() >= end
            && s[t..end].iter().zip(name).all(|(&c, &n)| fold(c) == n);
        if spelled && fits_before(s.get(end)) {
            best = Some((*rank, end));
            break;
        }
    }
    best.map(|(_, end)| end).or_else(|| punycode_at(s, t))
}

/// Whether `next` may follow a TLD: `(?=[^0-9a-zA-Z@+-]|$)`.
fn fits_before(next: Option<&char>) -> bool {
    next.is_none_or(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-')))
}

/// A character as JavaScript's case-insensitive matching compares it (`Canonicalize` without
/// the `u` flag): its upper case when that is one UTF-16 unit and does not turn a non-ASCII
/// character into an ASCII one.
fn fold(c: char) -> char {
    if c as u32 > 0xFFFF {
        return c;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if (u as u32) <= 0xFFFF && !(c as u32 >= 128 && (u as u32) < 128) => u,
        _ => c,
    }
}

/// `xn--` and at least one letter, digit or hyphen, as many as there are.
fn punycode_at(s: &[char], t: usize) -> Option<usize> {
    let prefix = ['x', 'n', '-', '-'];
    let has_prefix = s.len() >= t + 4
        && s[t..t + 4]
            .iter()
            .zip(prefix)
            .all(|(c, p)| c.eq_ignore_ascii_case(&p));
    if !has_prefix {
        return None;
    }
    let mut r = t + 4;
    while s
        .get(r)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-')
    {
        r += 1;
    }
    (r > t + 4).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str, at: usize) -> Option<usize> {
        let s: Vec<char> = text.chars().collect();
        match_at(&s, at)
    }

    #[test]
    fn matches_whole_names_only() {
        assert_eq!(end("com/", 0), Some(3));
        assert_eq!(end("comです", 0), Some(3));
        assert_eq!(end("company1", 0), None);
        assert_eq!(end("jp@", 0), None);
        assert_eq!(end("com-x", 0), None);
        assert_eq!(end("com+x", 0), None);
        assert_eq!(end("COM", 0), Some(3));
        assert_eq!(end("tokyo", 0), Some(5));
        assert_eq!(end("xn--p1ai-x", 0), Some(10));
        assert_eq!(end("みんなの", 0), Some(3));
        assert_eq!(end("docs", 0), Some(4));
        assert_eq!(end("example", 0), None);
    }

    #[test]
    fn non_ascii_names_ignore_case_as_javascript_does() {
        assert_eq!(end("VERMÖGENSBERATUNG", 0), Some(17));
        assert_eq!(end("РФ", 0), Some(2));
        // The Kelvin sign is upper case already; JavaScript does not fold it to `k`.
        assert_eq!(fold('\u{212A}'), '\u{212A}');
        assert_eq!(fold('ſ'), 'ſ');
        assert_eq!(fold('ö'), 'Ö');
    }

    #[test]
    fn every_name_is_found() {
        for name in GENERIC_TLDS
            .split_whitespace()
            .chain(COUNTRY_TLDS.split_whitespace())
        {
            let s: Vec<char> = format!("{name} ").chars().collect();
            assert_eq!(match_at(&s, 0), Some(name.chars().count()), "{name}");
        }
    }
}
