//! URL extraction as twitter-text does it (`extractUrlsWithIndices`), on code points.
//!
//! twitter-text finds URLs with one large regular expression and then filters the matches in
//! code. The expression needs backtracking and look-ahead, so instead of translating it we
//! walk its grammar by hand, keeping its quirks, because each one changes the count:
//!
//! - a URL may start anywhere the previous character is not an ASCII letter or digit, `@`,
//!   `$` or `#` (so `詳しくはexample.com/x` holds a URL);
//! - the host is any run of characters but ASCII punctuation and spaces (Japanese included)
//!   separated by dots, ending in a top-level domain of twitter-text's list ([`super::tld`]);
//! - without `http://` or `https://`, only the ASCII part of the host counts
//!   (`クリニック.jp` is no URL, `詳しくはexample.jp` is `example.jp`);
//! - the path and query take only ASCII, Latin and Cyrillic letters, digits and some
//!   punctuation, and cannot end in `.`, `,`, `!` …, so `/花粉症` and a final `。` stay out;
//! - a host label longer than 63 characters once punycoded, or a URL longer than 4096,
//!   is no URL; a `t.co` link ends after its slug and query;
//! - the expression runs on UTF-16 units, so an emoji right before a host lends the host
//!   its low half ([`find_from`]).
//!
//! Which characters belong where is twitter-text's own data ([`super::tables`]).
//!
//! Like the regular expression, the scan resumes after each match, even one that the
//! filters then reject, so text inside a rejected match is never looked at again.

use super::class::Class;
use super::tables::{
    ASCII_DOMAIN_CHARS, DOMAIN_CHARS, PATH_CHARS, PATH_ENDING_CHARS, QUERY_CHARS,
    QUERY_ENDING_CHARS, URL_PRECEDING,
};
use super::{punycode, tld};

static DOMAIN: Class = Class::new(DOMAIN_CHARS);
static PRECEDING: Class = Class::new(URL_PRECEDING);
static ASCII_DOMAIN: Class = Class::new(ASCII_DOMAIN_CHARS);
static PATH: Class = Class::new(PATH_CHARS);
static PATH_ENDING: Class = Class::new(PATH_ENDING_CHARS);
static QUERY: Class = Class::new(QUERY_CHARS);
static QUERY_ENDING: Class = Class::new(QUERY_ENDING_CHARS);

/// A URL X links: where it starts (in code points) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Url {
    pub start: usize,
    /// Where the URL ends in the text (code points): normally `start + text.chars().count()`,
    /// further when a host without a scheme holds labels X leaves out of the URL's text
    /// (`Q&A.jp😀x.日本.tv/a` is `A.jp/a`).
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
    /// The low half of a supplementary character before `start` that the pattern took as
    /// the host's first character (see [`find_from`]).
    glued: Option<u32>,
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
    let glued_len = usize::from(c.glued.is_some());
    let length = scheme_len + glued_len + utf16_len(&s[c.start..c.end]);
    if !valid_domain(c.glued, domain) || length > MAX_URL_LENGTH {
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
        urls.push(url);
        last = Some(urls.len() - 1);
    }
    if c.has_path
        && let Some(i) = last
    {
        let rest: String = s[c.domain.end..c.end].iter().collect();
        urls[i].text.push_str(&rest);
        urls[i].end = c.end;
    }
}

/// `https://t.co/slug` keeps only the slug and a query after it (`validTcoUrl`), and a slug
/// over 40 characters is no URL.
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
            let chars: Vec<char> = rest.chars().collect();
            let mut keep_chars = slug;
            if chars.get(slug) == Some(&'?')
                && let Some(q) = query_end(&chars, slug + 1)
            {
                keep_chars = q;
            }
            // What is kept is ASCII, so bytes and code points agree.
            let keep = text.len() - rest.len() + keep_chars;
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
///
/// twitter-text's pattern runs on UTF-16 code units: before a supplementary character's
/// low half it tries that low half as the host's first character, with the high half as
/// the character before the URL. So `👉-clinic.jp` is the URL `-clinic.jp`, and a label
/// glued to an emoji counts one unit longer. Only then does it try the low half as the
/// character before the URL.
fn find_from(s: &[char], ends: &[usize], pos: usize) -> Option<Candidate> {
    for k in pos..s.len() {
        let c = s[k];
        // The pattern's first group is "one allowed character, or the start of the text",
        // tried in that order.
        let low_half = low_surrogate(c);
        if (low_half.is_some() || is_preceding(c))
            && let Some(found) = url_at(s, ends, k + 1, Some(c), low_half)
        {
            return Some(found);
        }
        if k == 0
            && let Some(found) = url_at(s, ends, 0, None, None)
        {
            return Some(found);
        }
        if low_half.is_some()
            && let Some(found) = url_at(s, ends, k + 1, Some(c), None)
        {
            return Some(found);
        }
    }
    None
}

/// The low half of `c`'s UTF-16 surrogate pair, when it has one.
fn low_surrogate(c: char) -> Option<u32> {
    let mut units = [0u16; 2];
    match c.encode_utf16(&mut units) {
        [_, low] => Some(u32::from(*low)),
        _ => None,
    }
}

/// A URL starting exactly at `u`, or at `glued` just before it.
fn url_at(
    s: &[char],
    ends: &[usize],
    u: usize,
    before: Option<char>,
    glued: Option<u32>,
) -> Option<Candidate> {
    // Cheap exit: the host's first label ends with a dot, unless a scheme (`h…`) comes first.
    let dotted = ends.get(u).is_some_and(|&q| s.get(q) == Some(&'.'));
    let may_have_scheme = glued.is_none() && s.get(u).is_some_and(|c| c.eq_ignore_ascii_case(&'h'));
    if !dotted && !may_have_scheme {
        return None;
    }
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|p| may_have_scheme && starts_with_ignore_case(s, u, p))
        .map_or(0, |p| p.len());
    let (scheme_len, domain_end) = if glued.is_some() {
        (0, domain_at(s, ends, u, glued)?)
    } else {
        match domain_at(s, ends, u + scheme_len, None) {
            Some(end) => (scheme_len, end),
            None if scheme_len > 0 => (0, domain_at(s, ends, u, None)?),
            None => return None,
        }
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
        glued,
        start: u,
        scheme_len,
        domain: u + scheme_len..domain_end,
        has_path,
        end,
    })
}

/// The end of a host starting at `d`: dot-separated labels, the last one a known TLD. As in
/// the greedy pattern, the most labels win (`www.example.co.jp`, not `www.example.co`).
/// `ends` is [`label_ends`] of `s`; `glued`, a code unit that starts the first label.
fn domain_at(s: &[char], ends: &[usize], d: usize, glued: Option<u32>) -> Option<usize> {
    // (end of label = index of its dot, whether it holds `_`)
    let mut labels: Vec<(usize, bool)> = Vec::new();
    let mut p = d;
    loop {
        let q = ends.get(p).copied().unwrap_or(p);
        // A label starts and ends with a host character; the glued unit is one.
        let starts_well = if p == d && glued.is_some() {
            q == p || is_domain_char(s[q - 1])
        } else {
            q > p && is_domain_char(s[p]) && is_domain_char(s[q - 1])
        };
        let ok = s.get(q) == Some(&'.') && starts_well;
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
        while s.get(q).is_some_and(|&c| ASCII_DOMAIN.contains(c)) {
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

/// twitter-text's light IDNA check: no label may be empty or over 63 characters once
/// punycoded, and an `xn--` host must be ASCII. `glued` starts the first label.
fn valid_domain(glued: Option<u32>, domain: &[char]) -> bool {
    if glued.is_none()
        && domain.starts_with(&['x', 'n', '-', '-'])
        && ascii_domains(domain).is_empty()
    {
        return false;
    }
    let mut label: Vec<u32> = glued.into_iter().collect();
    domain.split(|&c| c == '.').all(|part| {
        label.extend(part.iter().map(|&c| u32::from(c)));
        let len = punycode::to_ascii_len(&label);
        label.clear();
        (1..=MAX_LABEL_LENGTH).contains(&len)
    })
}

/// The end of a path starting after its `/` (`validUrlPath*`).
///
/// In twitter-text's expression a path is a run of pieces, each either a stretch of path
/// characters and balanced parentheses that ends in a path-ending character, or one
/// `(…)` alone: the alternation in `validUrlPathEndingChars` splits the piece's pattern, so
/// `/a_(b)_c.(x)` ends after `c`, while `/(wiki)` takes its parentheses.
fn path_end(s: &[char], start: usize) -> usize {
    let mut p = start;
    while let Some(end) = piece_end(s, p) {
        p = end;
    }
    // No piece of the first kind starts here, nor after any `(…)` that follows (the rest of
    // the same stretch): only `(…)` pieces right after one another remain. (Asking again
    // after each would take quadratic time on a long run of them.)
    while let Some(end) = balanced_parens(s, p) {
        p = end;
    }
    p
}

/// `G* (?:B G*)* E` at `p`: after the last path-ending character of the stretch of path
/// characters (`G`) and balanced parentheses (`B`) that starts at `p`.
fn piece_end(s: &[char], p: usize) -> Option<usize> {
    let mut last = None;
    let mut q = p;
    loop {
        while let Some(&c) = s.get(q).filter(|&&c| is_path_char(c)) {
            q += 1;
            if is_path_end_char(c) {
                last = Some(q);
            }
        }
        match balanced_parens(s, q) {
            Some(after) => q = after,
            None => return last,
        }
    }
}

/// The end of `(…)` at `open`, with at most one nested level, as in Wikipedia links.
fn balanced_parens(s: &[char], open: usize) -> Option<usize> {
    if s.get(open) != Some(&'(') {
        return None;
    }
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
        if !QUERY.contains(c) {
            break;
        }
        q += 1;
        if QUERY_ENDING.contains(c) {
            last = Some(q);
        }
    }
    last
}

/// A character that may come right before a URL.
fn is_preceding(c: char) -> bool {
    PRECEDING.contains(c)
}

/// A character of a host label: anything but ASCII punctuation, spaces, directional marks
/// and invalid characters.
fn is_domain_char(c: char) -> bool {
    DOMAIN.contains(c)
}

fn is_path_char(c: char) -> bool {
    PATH.contains(c)
}

fn is_path_end_char(c: char) -> bool {
    PATH_ENDING.contains(c)
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
