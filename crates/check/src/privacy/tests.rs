//! Tests of the privacy checks: digit clusters, numbers, names and identifying details.

use super::*;

/// The definition the byte scan of [`digit_clusters`] speeds up: character by character.
fn digit_clusters_plainly(text: &str, min_digits: usize) -> Vec<std::ops::Range<usize>> {
    let (mut out, mut start, mut digits) = (Vec::new(), None, 0);
    for (i, c) in text.char_indices().chain([(text.len(), '\0')]) {
        let joiner = matches!(
            c,
            '-' | ' ' | '(' | ')' | '+' | '‐' | '‑' | '–' | '—' | '―' | '−' | 'ー'
        );
        if c.is_ascii_digit() {
            start.get_or_insert(i);
            digits += 1;
        } else if !(joiner && start.is_some()) {
            if let Some(s) = start.take()
                && digits >= min_digits
            {
                out.push(s..i);
            }
            digits = 0;
        }
    }
    out
}

#[test]
fn the_next_digit_is_found_across_words() {
    for text in [
        "",
        "a",
        "9",
        "あいうえおかきくけこ7",
        "abcdefgh",
        "abcdefgh:/0",
        "\u{ff10}12",
    ] {
        for from in 0..=text.len() {
            let plain = text.as_bytes()[from..].iter().position(u8::is_ascii_digit);
            assert_eq!(
                next_digit(text.as_bytes(), from),
                plain.map(|k| from + k),
                "{text} {from}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn digit_clusters_are_found_as_character_by_character(
        picks in proptest::collection::vec((0usize..12, proptest::prelude::any::<char>()), 0..60)
    ) {
        const NEAR: [char; 10] = ['0', '9', '-', ' ', '(', '+', 'ー', '―', '電', 'a'];
        let text: String = picks
            .into_iter()
            .map(|(i, any)| NEAR.get(i).copied().unwrap_or(any))
            .collect();
        for min in [1, 3, 10] {
            proptest::prop_assert_eq!(digit_clusters(&text, min), digit_clusters_plainly(&text, min));
        }
    }
}

#[test]
fn my_number_check_digit() {
    // First 11 digits 12345678901: Σ = 212, 212 mod 11 = 3, check digit 11 − 3 = 8.
    assert!(is_my_number("123456789018"));
    assert!(!is_my_number("123456789011"));
    // Remainder 0 or 1 gives 0: 00000000000 → Σ 0 → 0.
    assert!(is_my_number("000000000000"));
    // 10000000000: leftmost digit has weight 6 → Σ 6, r = 6, check 5.
    assert!(is_my_number("100000000005"));
    // 00000000001: rightmost of the 11 has weight 2 → check 9.
    assert!(is_my_number("000000000019"));
    // 00000100000 (n = 6, weight 7) → check 4.
    assert!(is_my_number("000001000004"));
    // 00000010000 (n = 5, weight 6): 6 → check 5; 00001000000 (n = 7, weight 2) → 9.
    assert!(is_my_number("000000100005"));
    assert!(is_my_number("000010000009"));
    // 11 ≡ 0 → 0 and 12 ≡ 1 → 0: 00000000300 has Σ = 3·4 = 12 → r = 1 → 0.
    assert!(is_my_number("000000003000"));
    assert!(!is_my_number("12345678901"));
    assert!(!is_my_number("1234567890188"));
}

#[test]
fn phone_digits_fold_the_country_code() {
    assert_eq!(phone_digits("+81 90-1234-5678"), "09012345678");
    assert_eq!(phone_digits("(03)1234-5678"), "0312345678");
}

#[test]
fn url_hosts() {
    assert_eq!(
        url_host("https://www.midori-clinic.example/blog/").as_deref(),
        Some("midori-clinic.example")
    );
}
