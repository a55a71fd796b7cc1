//! Tests of the scoring: the one-pass search finds what a plain search finds, for every
//! character; scores.

use super::*;

#[test]
fn word_lists_find_what_contains_finds() {
    for language in [Language::Ja, Language::En] {
        let (connectives, pointers, points) = match language {
            Language::Ja => (CONNECTIVES_JA, POINTERS_JA, POINTS_JA),
            Language::En => (CONNECTIVES_EN, POINTERS_EN, POINTS_EN),
        };
        let words = WordLists::of(language);
        for text in [
            "次の表をご覧ください。",
            "受診の目安は3日です。",
            "しかし、ここでは",
            "これは以下のとおり",
            "１２",
            "but it helps",
            "see the table below",
            "this is key",
            "nothing",
            "",
        ] {
            let found = Found {
                connective: false,
                digit: text
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
                point: points.iter().any(|w| text.contains(w)),
                pointer: pointers.iter().any(|w| text.contains(w)),
            };
            let found = Found {
                connective: connectives.iter().any(|w| text.starts_with(w)),
                ..found
            };
            assert_eq!(words.find(text), found, "{text}");
        }
    }
    let this = WordLists::of(Language::En).find("This is it");
    assert!(this.connective && !this.point);
}

#[test]
fn finds_what_a_plain_search_finds() {
    const PIECES: &[&str] = &[
        "大切",
        "目安",
        "こちら",
        "こと",
        "と",
        "表",
        "表の",
        "お",
        "おすすめ",
        "次の",
        "以下",
        "しかし",
        "3",
        "３",
        "Ａ",
        "ａ",
        "A",
        "é",
        "É",
        "İ",
        "Σ",
        "👩",
        "、",
        "。",
        "受",
        "following",
        "Table",
        "KEY",
        "but ",
        "It ",
        "help",
        "x",
        " ",
        "\u{3099}",
    ];
    let mut seed = 0x0123_4567_89AB_CDEFu64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..20_000 {
        let language = [Language::Ja, Language::En][next(2)];
        let (connectives, pointers, points) = match language {
            Language::Ja => (CONNECTIVES_JA, POINTERS_JA, POINTS_JA),
            Language::En => (CONNECTIVES_EN, POINTERS_EN, POINTS_EN),
        };
        let text: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
        let lower = text.to_lowercase();
        let expected = Found {
            connective: connectives.iter().any(|w| lower.starts_with(w)),
            digit: text
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
            point: points.iter().any(|w| lower.contains(w)),
            pointer: pointers.iter().any(|w| lower.contains(w)),
        };
        assert_eq!(WordLists::of(language).find(&text), expected, "{text:?}");
    }
}

#[test]
fn lower_casing_neither_makes_nor_removes_digits() {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(c.to_lowercase().any(digit), digit(c), "{c:?}");
    }
}

#[test]
fn buckets_come_from_the_last_bytes() {
    let words = WordLists::of(Language::Ja);
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        let found = words.scan(&c.to_string(), false).unwrap_or_default();
        assert_eq!(found.digit, digit, "{c:?}");
    }
}

#[test]
fn scores_standalone_points_higher() {
    let s = |t| score(t, Language::Ja);
    assert!(s("38度以上の熱が3日続くときは受診の目安です。") > s("今日は晴れです。"));
    assert!(s("しかし、それは違います。") <= 0);
    assert!(s("ポイントは次の3つです：") <= 0);
    assert!(score("This is why it matters.", Language::En) <= 0);
    assert!(score("Wash your hands for 20 seconds.", Language::En) > 0);
}
