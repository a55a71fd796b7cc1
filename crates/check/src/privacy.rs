//! Privacy: contact numbers, IDs and details that could identify a patient.
//!
//! Two kinds of checks, with their patterns in `rules/privacy.toml`:
//! - **numbers and addresses**, found anywhere in the prose and validated here: phone numbers
//!   by digit count and prefix (mobile → error, other landlines → warning, business numbers
//!   such as 0120 → nothing), e-mail addresses, postal codes, My Number by its official check
//!   digit (found with a byte scan), record numbers. The clinic's own phone, e-mail domain and postal code are skipped;
//! - **person-level details**, reported only in a patient context (the same sentence tells of
//!   a visit, an admission, a diagnosis or a disease): named patients, exact ages, visit dates,
//!   and identifying combinations (a named school or workplace with a grade or role);
//! - **combinations of clues**, counted as a reviewer would (the k-anonymity idea): a named
//!   place, school or workplace, a role in the community, a rare condition or a child's first
//!   name are strong clues; an age, a generic place and a recent date are weak ones; a
//!   relation to a named person (小野さんの妹さん) is enough alone. A person's illness or
//!   visit with two strong clues, or one strong and one weak, in the sentence and its
//!   neighbours in the paragraph, is reported once (`identifying-combination`).
//!
//! Written consent turns person-level findings into info later, in [`super::suppress`].

use regex::Regex;

use super::prose::Prose;
use super::registry::{REGISTRY, Registry, Scan};
use super::{Env, Raw, Severity};

/// The lists each rule's code reads (checked by a test).
#[cfg(test)]
pub(crate) const LEXICONS: &[(&str, &[&str])] = &[
    ("personal-phone-number", &["phone"]),
    ("email-address", &["email", "example_domain"]),
    ("postal-code", &["postal"]),
    ("my-number", &["context"]),
    ("medical-record-number", &["record"]),
    ("patient-name", &["honorific", "stop", "staff", "pseudonym"]),
    ("exact-age", &["age", "general_after", "past"]),
    ("visit-date", &["date", "schedule", "past"]),
    (
        "identifying-details",
        &["institution", "public_office", "role"],
    ),
    ("identifying-combination", CLUES),
];

/// Rules about a person in a story, which written consent turns into info.
pub(crate) const PERSON_RULES: &[&str] = &[
    "patient-name",
    "patient-initials",
    "exact-age",
    "visit-date",
    "identifying-details",
    "identifying-combination",
];

pub(crate) fn run(prose: &Prose, scan: &Scan, env: &Env<'_>, out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    let text = prose.text.as_str();
    phones(text, env, reg, out);
    // (The memchr crate's search is vectorised; std's `char` search is not.)
    if memchr::memchr(b'@', text.as_bytes()).is_some() {
        emails(text, env, reg, out);
    }
    postal_codes(text, env, reg, out);
    my_numbers(prose, reg, out);
    simple(text, reg, "medical-record-number", "record", out);
    // Sentences about a patient: those with a patient event or a disease (found by the scan).
    for s in scan.story.iter().map(|&i| &prose.sentences[i]) {
        let sentence = &text[s.range.clone()];
        names(sentence, s.range.start, reg, out);
        exact_age(sentence, s.range.start, reg, out);
        visit_date(sentence, s.range.start, reg, out);
        identifying(sentence, s.range.start, reg, out);
    }
    combination(prose, scan, reg, out);
}

/// The lists of `identifying-combination`, in the order of [`CLUE_SET`].
const CLUES: &[&str] = &[
    "person",
    "unique_role",
    "place",
    "school",
    "workplace",
    "role",
    "rare",
    "child",
    "related",
    "age",
    "near",
    "recent",
];

/// The clue lists as one set, so that a window is read once for all of them.
static CLUE_SET: std::sync::LazyLock<Option<regex::RegexSet>> = std::sync::LazyLock::new(|| {
    let rule = REGISTRY.get("identifying-combination")?;
    regex::RegexSet::new(CLUES.iter().map(|name| rule.lex(name).as_str())).ok()
});

/// A person's illness or visit told with enough clues to know who it is (see the module doc).
fn combination(prose: &Prose, scan: &Scan, reg: &Registry, out: &mut Vec<Raw>) {
    let (Some(rule), Some(index)) = (
        reg.get("identifying-combination"),
        reg.index("identifying-combination"),
    ) else {
        return;
    };
    let privacy = |r: &Raw| reg.rules[r.rule].category == rule.category;
    let text = prose.text.as_str();
    let Some(clues) = CLUE_SET.as_ref() else {
        return;
    };
    let mut reported_until = 0;
    for &si in &scan.story {
        let s = &prose.sentences[si];
        // The sentence with its neighbours in the same paragraph.
        let same_block = |j: usize| prose.sentences.get(j).filter(|n| n.block == s.block);
        let start = si
            .checked_sub(1)
            .and_then(same_block)
            .unwrap_or(s)
            .range
            .start;
        let end = same_block(si + 1).unwrap_or(s).range.end;
        if start < reported_until {
            continue;
        }
        let window = &text[start..end];
        // Every list in one pass over the window.
        let found = clues.matches(window);
        let has = |name: &str| {
            CLUES
                .iter()
                .position(|&c| c == name)
                .is_some_and(|i| found.matched(i))
        };
        if !has("person") {
            continue;
        }
        let count = |names: &[&str]| names.iter().filter(|n| has(n)).count();
        let strong = count(&["place", "school", "workplace", "role", "rare", "child"]);
        let weak = count(&["age", "near", "recent"]);
        let already = out
            .iter()
            .any(|r| privacy(r) && (start..end).contains(&r.range.start));
        let alone = has("related") || has("unique_role");
        if (alone || strong >= 2 || (strong >= 1 && weak >= 1)) && !already {
            out.push(Raw::new(index, s.range.clone()));
            reported_until = end;
        }
    }
}

fn push(reg: &Registry, id: &str, range: std::ops::Range<usize>, out: &mut Vec<Raw>) -> bool {
    match reg.index(id) {
        Some(i) => {
            out.push(Raw::new(i, range));
            true
        }
        None => false,
    }
}

fn lex<'r>(reg: &'r Registry, rule: &str, name: &str) -> Option<&'r Regex> {
    reg.get(rule).map(|r| r.lex(name))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The digits of a phone number as dialled in Japan (`+81 3…` → `03…`).
fn phone_digits(s: &str) -> String {
    let d = digits(s);
    match s.trim_start().strip_prefix("+81") {
        Some(_) => format!("0{}", d.strip_prefix("81").unwrap_or(&d)),
        None => d,
    }
}

/// The first ASCII digit at or after `from`. Most of a Japanese text has none, so it is
/// skipped eight bytes at a time: a word has a digit when a byte of `word ^ "00000000"` is
/// below 10 (the classic test for a byte less than `n`, exact for whether there is one).
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ (ONES * b'0' as u64);
        if word.wrapping_sub(ONES * 10) & !word & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| i + k)
}

/// Stretches of `text` made of digits and what a phone number puts between them (`-`, spaces,
/// brackets, `+`, dash look-alikes), holding at least `min_digits` digits, as byte ranges. A
/// byte scan finds them, so the phone pattern runs only where a number could be.
fn digit_clusters(text: &str, min_digits: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digits = 0;
    let mut close = |start: &mut Option<usize>, digits: &mut usize, end: usize| {
        if let Some(s) = start.take()
            && *digits >= min_digits
        {
            out.push(s..end);
        }
        *digits = 0;
    };
    // By bytes: outside a stretch only ASCII digits matter, and no other byte of UTF-8 looks
    // like one. Inside, `i` stays on character boundaries.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            start.get_or_insert(i);
            digits += 1;
            i += 1;
            continue;
        }
        if start.is_none() {
            match next_digit(b, i) {
                Some(j) => i = j,
                None => break,
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let joiner = matches!(
            c,
            '-' | ' ' | '(' | ')' | '+' | '‐' | '‑' | '–' | '—' | '―' | '−' | 'ー'
        );
        if !joiner {
            close(&mut start, &mut digits, i);
        }
        i += c.len_utf8();
    }
    close(&mut start, &mut digits, text.len());
    out
}

fn phones(text: &str, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(re) = lex(reg, "personal-phone-number", "phone") else {
        return;
    };
    let own = env.clinic.phone.map(phone_digits);
    // Where a phone number could be: 10 digits or more in one stretch (with a little room
    // before it for `+81` or `(`).
    let matches = digit_clusters(text, 10).into_iter().flat_map(|r| {
        let from = text[..r.start]
            .char_indices()
            .rev()
            .nth(3)
            .map_or(0, |(i, _)| i);
        re.find_iter(&text[from..r.end])
            .map(move |m| from + m.start()..from + m.end())
            .collect::<Vec<_>>()
    });
    for range in matches {
        let m = &text[range.clone()];
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '#' | '.' | ',' | '/'))
            || after.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ','))
        {
            continue;
        }
        let d = phone_digits(m);
        if !d.starts_with('0') || own.as_deref() == Some(d.as_str()) {
            continue;
        }
        let business = ["0120", "0800", "0570", "0180", "0990"]
            .iter()
            .any(|p| d.starts_with(p));
        let mobile = ["070", "080", "090", "050"]
            .iter()
            .any(|p| d.starts_with(p));
        let rule = match d.len() {
            _ if business => continue,
            11 if mobile => "personal-phone-number",
            10 if !mobile => "phone-number",
            _ => continue,
        };
        push(reg, rule, range, out);
    }
}

fn emails(text: &str, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let (Some(re), Some(example)) = (
        lex(reg, "email-address", "email"),
        lex(reg, "email-address", "example_domain"),
    ) else {
        return;
    };
    let own = env.clinic.email.map(str::to_ascii_lowercase);
    let mut domains: Vec<String> = Vec::new();
    if let Some((_, d)) = own.as_deref().and_then(|e| e.split_once('@')) {
        domains.push(d.to_string());
    }
    if let Some(host) = env.clinic.url.and_then(url_host) {
        domains.push(host);
    }
    for m in re.find_iter(text) {
        let addr = m.as_str().to_ascii_lowercase();
        let Some((_, domain)) = addr.split_once('@') else {
            continue;
        };
        let ours = own.as_deref() == Some(addr.as_str())
            || domains
                .iter()
                .any(|d| domain == d || domain.ends_with(&format!(".{d}")));
        if ours || example.is_match(domain) {
            continue;
        }
        push(reg, "email-address", m.range(), out);
    }
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', ':', '?', '#'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn postal_codes(text: &str, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(re) = lex(reg, "postal-code", "postal") else {
        return;
    };
    let own: Option<String> = env.clinic.address.and_then(|a| {
        use unicode_normalization::UnicodeNormalization;
        let a: String = a.nfkc().collect();
        re.find(&a).map(|m| digits(m.as_str()))
    });
    for m in re.find_iter(text) {
        if text[m.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if own.as_deref() == Some(digits(m.as_str()).as_str()) {
            continue;
        }
        push(reg, "postal-code", m.range(), out);
    }
}

/// Whether 12 digits are a valid My Number (個人番号): the last digit is the check digit of
/// the first 11, computed as 総務省令第85号 §5 prescribes. With the 11 digits numbered
/// n = 1..=11 from the right (P_n), weights Q_n = n + 1 for n ≤ 6 and n − 5 for n ≥ 7; the
/// remainder r of Σ P_n·Q_n by 11 gives the check digit 0 when r ≤ 1, else 11 − r.
pub(crate) fn is_my_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 12 || digits.chars().count() != 12 {
        return false;
    }
    let sum: u32 = (1..=11)
        .map(|n| {
            let p = d[11 - n];
            let q = if n <= 6 { n as u32 + 1 } else { n as u32 - 5 };
            p * q
        })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    d[11] == check
}

/// 12-digit numbers (`dddd dddd dddd`, `dddd-dddd-dddd` or run together) that pass the
/// My Number check digit, found with a byte scan (a regex without a literal to look for
/// would have to run its automaton over every byte).
fn my_numbers(prose: &Prose, reg: &Registry, out: &mut Vec<Raw>) {
    let text = prose.text.as_str();
    let Some(context) = lex(reg, "my-number", "context") else {
        return;
    };
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while let Some(at) = next_digit(b, i) {
        i = at;
        if i > 0 && (digit(i - 1) || b[i - 1] == b'-') {
            i += 1;
            continue;
        }
        // Three groups of four digits, each after the first optionally after ' ' or '-'.
        let mut j = i;
        let mut digits = String::with_capacity(12);
        let mut ok = true;
        for group in 0..3 {
            if group > 0 && matches!(b.get(j), Some(b' ' | b'-')) && digit(j + 1) {
                j += 1;
            }
            for _ in 0..4 {
                if digit(j) {
                    digits.push(char::from(b[j]));
                    j += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                break;
            }
        }
        if ok && !digit(j) && b.get(j) != Some(&b'-') && is_my_number(&digits) {
            let sentence = prose
                .sentence_at(i)
                .map_or("", |k| &text[prose.sentences[k].range.clone()]);
            if push(reg, "my-number", i..j, out)
                && !context.is_match(sentence)
                && let Some(last) = out.last_mut()
            {
                last.severity = Some(Severity::Warning);
            }
            i = j;
        } else {
            // Skip the rest of this run of digits.
            while digit(i) {
                i += 1;
            }
        }
    }
}

fn simple(text: &str, reg: &Registry, id: &str, name: &str, out: &mut Vec<Raw>) {
    let Some(re) = lex(reg, id, name) else {
        return;
    };
    for m in re.find_iter(text) {
        push(reg, id, m.range(), out);
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF) || c == '々'
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA) || c == 'ー'
}

fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096)
}

/// Names with an honorific (田中さん, 佐藤ゆきちゃん, Aさん) in a sentence about a patient.
fn names(sentence: &str, base: usize, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("patient-name") else {
        return;
    };
    let (honorific, stop, staff, pseudonym) = (
        rule.lex("honorific"),
        rule.lex("stop"),
        rule.lex("staff"),
        rule.lex("pseudonym"),
    );
    for m in honorific.find_iter(sentence) {
        let before = &sentence[..m.start()];
        let after = &sentence[m.end()..];
        // 様子, 同様に, 氏名, 君主: not honorifics.
        if !m.as_str().ends_with(['ん', 'ゃ']) && after.starts_with(is_kanji) {
            continue;
        }
        if after.starts_with(['々', 'ま', 'が']) && m.as_str() == "様" {
            continue;
        }
        // The name: a run of kanji, katakana, capitals or ○ right before the honorific; a
        // child's given name in hiragana may follow a kanji surname (佐藤ゆきちゃん).
        let kid = matches!(m.as_str(), "ちゃん" | "くん");
        let mut hira_start = before.len();
        if kid {
            let run: Vec<(usize, char)> = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_hiragana(c))
                .collect();
            if let Some(&(i, _)) = run.last()
                && run.len() <= 3
                && before[..i].ends_with(is_kanji)
            {
                hira_start = i;
            }
        }
        let hira = hira_start < before.len();
        let mut start = hira_start;
        let mut main = 0;
        for (i, c) in before[..hira_start].char_indices().rev() {
            let initial =
                c.is_ascii_uppercase() || matches!(c, '○' | '〇' | '◯' | '●' | '×' | '*' | '＊');
            if (is_kanji(c) || is_katakana(c) || initial) && main < 6 {
                main += 1;
                start = i;
            } else {
                break;
            }
        }
        if main == 0 {
            continue;
        }
        let (token, main_text) = (&before[start..], &before[start..hira_start]);
        if hira && !main_text.chars().all(is_kanji) {
            continue;
        }
        // A group named by what they are (生活習慣病患者様, 利用者様), not a name.
        let group = main_text.ends_with("者");
        if group
            || stop.is_match(token)
            || stop.is_match(main_text)
            || staff.is_match(&before[..start])
        {
            continue;
        }
        let initial = main_text.chars().all(|c| {
            c.is_ascii_uppercase() || matches!(c, '○' | '〇' | '◯' | '●' | '×' | '*' | '＊')
        }) && (main_text.chars().count() == 1
            || !main_text.chars().any(|c| c.is_ascii_uppercase()));
        let id = if initial || pseudonym.is_match(after) {
            "patient-initials"
        } else {
            "patient-name"
        };
        push(reg, id, base + start..base + m.end(), out);
        return;
    }
}

fn exact_age(sentence: &str, base: usize, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("exact-age") else {
        return;
    };
    if !sentence.contains(['歳', '才']) {
        return;
    }
    if !rule.lex("past").is_match(sentence) {
        return;
    }
    for m in rule.lex("age").find_iter(sentence) {
        if sentence[..m.start()].ends_with(|c: char| c.is_ascii_digit())
            || rule.lex("general_after").is_match(&sentence[m.end()..])
        {
            continue;
        }
        push(reg, "exact-age", base + m.start()..base + m.end(), out);
        return;
    }
}

fn visit_date(sentence: &str, base: usize, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("visit-date") else {
        return;
    };
    // Every date form has one of these characters.
    if !sentence.contains(['日', '昨', '朝', 'き', 'お', '/']) {
        return;
    }
    if !reg.shared("patient_event").is_match(sentence)
        || !rule.lex("past").is_match(sentence)
        || rule.lex("schedule").is_match(sentence)
    {
        return;
    }
    if let Some(m) = rule.lex("date").find(sentence) {
        push(reg, "visit-date", base + m.start()..base + m.end(), out);
    }
}

fn identifying(sentence: &str, base: usize, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("identifying-details") else {
        return;
    };
    if !rule.lex("role").is_match(sentence) {
        return;
    }
    for m in rule.lex("institution").find_iter(sentence) {
        let prev = sentence[..m.start()].chars().next_back();
        let named = prev.is_some_and(|c| {
            !"のなにでといがをはもへ、。 \n".contains(c) && !c.is_ascii_punctuation()
        }) || rule.lex("public_office").is_match(m.as_str());
        if named {
            // Point at the whole name: back to the start of its run of letters.
            let start = sentence[..m.start()]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| {
                    is_kanji(c) || is_katakana(c) || (is_hiragana(c) && c != 'の')
                })
                .last()
                .map_or(m.start(), |(i, _)| i);
            push(
                reg,
                "identifying-details",
                base + start..base + m.end(),
                out,
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests;
