//! URL extraction as twitter-text does it (`extractUrlsWithIndices`), on code points.
//!
//! twitter-text finds URLs with one large regular expression and then filters the matches in
//! code. The expression needs backtracking and look-ahead, so instead of translating it we
//! walk its grammar by hand, keeping its quirks, because each one changes the count:
//!
//! - a URL may start anywhere the previous character is not an ASCII letter or digit, `@`,
//!   `$` or `#` (so `詳しくはexample.com/x` holds a URL);
//! - the host is any run of non-punctuation, non-space characters (Japanese included)
//!   separated by dots, ending in a known top-level domain ([`super::tld`]);
//! - without `http://` or `https://`, only the ASCII part of the host counts
//!   (`クリニック.jp` is no URL), and `name.cc` alone (a two-part host on a country code)
//!   needs a path (`example.jp/x`), except on `.co` and `.tv`;
//! - the path and query take only ASCII, Latin and Cyrillic letters, digits and some
//!   punctuation, and cannot end in `.`, `,`, `!` …, so `/花粉症` and a final `。` stay out;
//! - a host label longer than 63 characters once punycoded, or a URL longer than 4096,
//!   is no URL.
//!
//! Like the regular expression, the scan resumes after each match, even one that the
//! filters then reject, so text inside a rejected match is never looked at again.

use super::{punycode, tld};

/// A URL X links: where it starts (in code points) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Url {
    pub start: usize,
    /// Where the match ended; normally `start + text.chars().count()`.
    pub end: usize,
    pub text: String,
}

const MAX_URL_LENGTH: usize = 4096;
const MAX_TCO_SLUG_LENGTH: usize = 40;
const MAX_LABEL_LENGTH: usize = 63;

/// One match of twitter-text's URL pattern, before the filters.
struct Candidate {
    /// The character before the URL, if the URL does not start the text.
    before: Option<char>,
    start: usize,
    /// Length of `http://` or `https://`, 0 without a scheme.
    scheme_len: usize,
    domain: std::ops::Range<usize>,
    /// Whether a `/path` follows the host (even a bare `/`).
    has_path: bool,
    end: usize,
}

/// All URLs in `s`, in order.
pub(super) fn extract(s: &[char]) -> Vec<Url> {
    let mut urls = Vec::new();
    if !s.contains(&'.') {
        return urls;
    }
    let ends = label_ends(s);
    let mut pos = 0;
    while let Some(c) = find_from(s, &ends, pos) {
        pos = c.end.max(pos + 1);
        accept(s, &c, &mut urls);
    }
    urls
}

/// The filters applied to each match (`isValidUrl` and the scheme-less rules).
fn accept(s: &[char], c: &Candidate, urls: &mut Vec<Url>) {
    let text: String = s[c.start..c.end].iter().collect();
    let domain = &s[c.domain.clone()];
    let scheme_len = if c.scheme_len == 0 {
        "https://".len()
    } else {
        c.scheme_len
    };
    if !valid_domain(domain) || scheme_len + utf16_len(&s[c.start..c.end]) > MAX_URL_LENGTH {
        return;
    }
    if c.scheme_len > 0 {
        urls.extend(with_tco_rule(c, text));
        return;
    }
    if c.before.is_some_and(|b| matches!(b, '-' | '_' | '.' | '/')) {
        return;
    }
    // Without a scheme only ASCII hosts count; a Japanese prefix glued to one is dropped.
    let mut last = None;
    for r in ascii_domains(domain) {
        let host = &domain[r.clone()];
        let url = Url {
            start: c.domain.start + r.start,
            end: c.domain.start + r.end,
            text: host.iter().collect(),
        };
        if c.has_path
            || short_domain(host, tld::is_special_short)
            || !short_domain(host, tld::is_cc)
        {
            urls.push(url.clone());
            last = Some(urls.len() - 1);
        }
    }
    if c.has_path
        && let Some(i) = last
    {
        let rest: String = s[c.domain.end..c.end].iter().collect();
        urls[i].text.push_str(&rest);
        urls[i].end = c.end;
    }
}

/// `https://t.co/slug` keeps only the slug, and a slug over 40 characters is no URL.
fn with_tco_rule(c: &Candidate, text: String) -> Option<Url> {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://t.co/")
        .or_else(|| lower.strip_prefix("http://t.co/"));
    if let Some(rest) = rest {
        let slug = rest.chars().take_while(char::is_ascii_alphanumeric).count();
        if slug > MAX_TCO_SLUG_LENGTH {
            return None;
        }
        if slug > 0 {
            // The prefix is ASCII, so bytes and code points agree.
            let keep = text.len() - rest.len() + slug;
            return Some(Url {
                start: c.start,
                end: c.start + keep,
                text: text[..keep].to_string(),
            });
        }
    }
    Some(Url {
        start: c.start,
        end: c.end,
        text,
    })
}

/// For each index `p` of `s` (and `s.len()`), where a run of host-label characters starting
/// at `p` ends: the first index at or after `p` whose character is not one. Found once per
/// text, so that trying a URL at every position costs the same whatever the run's length.
fn label_ends(s: &[char]) -> Vec<usize> {
    let mut ends = vec![s.len(); s.len() + 1];
    for p in (0..s.len()).rev() {
        let c = s[p];
        if !(is_domain_char(c) || c == '-' || c == '_') {
            ends[p] = p;
        } else {
            ends[p] = ends[p + 1];
        }
    }
    ends
}

/// The leftmost match of the URL pattern at or after `pos`.
fn find_from(s: &[char], ends: &[usize], pos: usize) -> Option<Candidate> {
    for k in pos..s.len() {
        // The pattern's first group is "one allowed character, or the start of the text",
        // tried in that order.
        if is_preceding(s[k])
            && let Some(c) = url_at(s, ends, k + 1, Some(s[k]))
        {
            return Some(c);
        }
        if k == 0
            && let Some(c) = url_at(s, ends, 0, None)
        {
            return Some(c);
        }
    }
    None
}

/// A URL starting exactly at `u`.
fn url_at(s: &[char], ends: &[usize], u: usize, before: Option<char>) -> Option<Candidate> {
    // Cheap exit: the host's first label ends with a dot, unless a scheme (`h…`) comes first.
    let dotted = ends.get(u).is_some_and(|&q| s.get(q) == Some(&'.'));
    if !dotted && !s.get(u).is_some_and(|c| c.eq_ignore_ascii_case(&'h')) {
        return None;
    }
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|p| starts_with_ignore_case(s, u, p))
        .map_or(0, |p| p.len());
    let (scheme_len, domain_end) = match domain_at(s, ends, u + scheme_len) {
        Some(end) => (scheme_len, end),
        None if scheme_len > 0 => (0, domain_at(s, ends, u)?),
        None => return None,
    };
    let mut end = domain_end;
    if s.get(end) == Some(&':') && s.get(end + 1).is_some_and(char::is_ascii_digit) {
        end += 1;
        while s.get(end).is_some_and(char::is_ascii_digit) {
            end += 1;
        }
    }
    let has_path = s.get(end) == Some(&'/');
    if has_path {
        end = path_end(s, end + 1);
    }
    if s.get(end) == Some(&'?')
        && let Some(q) = query_end(s, end + 1)
    {
        end = q;
    }
    Some(Candidate {
        before,
        start: u,
        scheme_len,
        domain: u + scheme_len..domain_end,
        has_path,
        end,
    })
}

/// The end of a host starting at `d`: dot-separated labels, the last one a known TLD. As in
/// the greedy pattern, the most labels win (`www.example.co.jp`, not `www.example.co`).
/// `ends` is [`label_ends`] of `s`.
fn domain_at(s: &[char], ends: &[usize], d: usize) -> Option<usize> {
    // (end of label = index of its dot, whether it holds `_`)
    let mut labels: Vec<(usize, bool)> = Vec::new();
    let mut p = d;
    loop {
        let q = ends.get(p).copied().unwrap_or(p);
        let ok =
            q > p && s.get(q) == Some(&'.') && is_domain_char(s[p]) && is_domain_char(s[q - 1]);
        if !ok {
            break;
        }
        labels.push((q, s[p..q].contains(&'_')));
        p = q + 1;
    }
    // Subdomains may hold `_`; the label before the TLD may not.
    labels
        .iter()
        .rev()
        .filter(|(_, underscore)| !underscore)
        .find_map(|&(dot, _)| tld::match_at(s, dot + 1))
}

/// The ASCII hosts inside a scheme-less match (twitter-text's `validAsciiDomain`), as ranges
/// of `domain`, leftmost first.
fn ascii_domains(domain: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < domain.len() {
        match ascii_domain_at(domain, k) {
            Some(end) => {
                out.push(k..end);
                k = end;
            }
            None => k += 1,
        }
    }
    out
}

fn ascii_domain_at(s: &[char], start: usize) -> Option<usize> {
    let mut dots = Vec::new();
    let mut p = start;
    loop {
        let mut q = p;
        while s
            .get(q)
            .is_some_and(|&c| c == '-' || c.is_ascii_alphanumeric() || is_latin_accent(c))
        {
            q += 1;
        }
        if q == p || s.get(q) != Some(&'.') {
            break;
        }
        dots.push(q);
        p = q + 1;
    }
    dots.iter().rev().find_map(|&dot| tld::match_at(s, dot + 1))
}

/// Whether `host` is one label, a dot and a TLD accepted by `is_tld` (`example.jp`).
fn short_domain(host: &[char], is_tld: fn(&str) -> bool) -> bool {
    let Some(dot) = host.iter().position(|&c| c == '.') else {
        return false;
    };
    let (label, tld) = (&host[..dot], &host[dot + 1..]);
    let label_ok = !label.is_empty()
        && label.iter().all(|&c| is_domain_char(c) || c == '-')
        && is_domain_char(label[0])
        && is_domain_char(label[label.len() - 1]);
    let tld: String = tld.iter().collect();
    label_ok && is_tld(&tld.to_ascii_lowercase())
}

/// twitter-text's light IDNA check: no label may be empty or over 63 characters once
/// punycoded, and an `xn--` host must be ASCII.
fn valid_domain(domain: &[char]) -> bool {
    if domain.starts_with(&['x', 'n', '-', '-']) && ascii_domains(domain).is_empty() {
        return false;
    }
    domain.split(|&c| c == '.').all(|label| {
        let len = punycode::to_ascii_len(label);
        (1..=MAX_LABEL_LENGTH).contains(&len)
    })
}

/// The end of a path starting after its `/`: the longest run of path characters and
/// balanced parentheses that ends in a character a path may end with.
fn path_end(s: &[char], start: usize) -> usize {
    let mut p = start;
    let mut end = start;
    loop {
        match s.get(p) {
            Some(&c) if is_path_char(c) => {
                p += 1;
                if is_path_end_char(c) {
                    end = p;
                }
            }
            Some('(') => match balanced_parens(s, p) {
                Some(q) => {
                    p = q;
                    end = q;
                }
                None => break,
            },
            _ => break,
        }
    }
    end
}

/// `(…)` with at most one nested level, as in Wikipedia links.
fn balanced_parens(s: &[char], open: usize) -> Option<usize> {
    let run = |from: usize| {
        let mut q = from;
        while s.get(q).is_some_and(|&c| is_path_char(c)) {
            q += 1;
        }
        q
    };
    let a = run(open + 1);
    if a > open + 1 && s.get(a) == Some(&')') {
        return Some(a + 1);
    }
    if s.get(a) == Some(&'(') {
        let b = run(a + 1);
        if b > a + 1 && s.get(b) == Some(&')') {
            let c = run(b + 1);
            if s.get(c) == Some(&')') {
                return Some(c + 1);
            }
        }
    }
    None
}

/// The end of a query starting after its `?`, or `None` when no character may end it.
fn query_end(s: &[char], start: usize) -> Option<usize> {
    let mut last = None;
    let mut q = start;
    while let Some(&c) = s.get(q) {
        if !(c.is_ascii_alphanumeric() || "!?*'@();:&=+$/%#[]-_.,~|".contains(c)) {
            break;
        }
        q += 1;
        if c.is_ascii_alphanumeric() || "-_&=#/".contains(c) {
            last = Some(q);
        }
    }
    last
}

/// A character that may come right before a URL.
fn is_preceding(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃') || is_invalid(c))
}

/// A character of a host label: anything but ASCII punctuation, spaces and invalid characters.
fn is_domain_char(c: char) -> bool {
    match c as u32 {
        // Quick answers for ASCII and for Japanese text (no space or invalid character
        // lies between U+3001 and U+FEFE).
        0..=0x7F => !(c.is_ascii_punctuation() || c.is_ascii_whitespace() || c == '\u{0B}'),
        0x3001..=0xFEFE => true,
        _ => !(is_space(c) || is_invalid(c)),
    }
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_cyrillic(c)
        || is_latin_accent(c)
        || "!*';:=+,.$/%#[]-\u{2013}_~@|&".contains(c)
}

fn is_path_end_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_cyrillic(c) || is_latin_accent(c) || "+-=_#/".contains(c)
}

fn is_space(c: char) -> bool {
    matches!(c,
        '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}'
        | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

fn is_invalid(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Latin letters with accents that twitter-text allows in hosts and paths.
pub(super) fn is_latin_accent(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | '\u{0100}'..='\u{024F}'
        | '\u{0253}' | '\u{0254}' | '\u{0256}' | '\u{0257}' | '\u{0259}' | '\u{025B}' | '\u{0263}'
        | '\u{0268}' | '\u{026F}' | '\u{0272}' | '\u{0289}' | '\u{028B}' | '\u{02BB}'
        | '\u{0300}'..='\u{036F}' | '\u{1E00}'..='\u{1EFF}')
}

fn starts_with_ignore_case(s: &[char], at: usize, prefix: &str) -> bool {
    let mut i = at;
    for p in prefix.chars() {
        match s.get(i) {
            Some(c) if c.eq_ignore_ascii_case(&p) => i += 1,
            _ => return false,
        }
    }
    true
}

fn utf16_len(s: &[char]) -> usize {
    s.iter().map(|c| c.len_utf16()).sum()
}
