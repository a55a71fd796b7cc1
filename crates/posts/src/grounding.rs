//! Whether a sentence lifted from an article can be read on its own in a post.
//!
//! A reader of a post sees the sentence, the heading shown over it and the article's title
//! on the link card, nothing else. A sentence that names none of what those name leans on
//! the paragraph it came from: 「特別なことより、毎日の積み重ねが大切です。」 (the 積み重ね of
//! what?) under 「この冬の感染対策」, or 「遠くから紹介されて来られます。」, which was about
//! the director's years at a university hospital and reads as a claim about the clinic.
//! Reviewers found such sentences the most common reason a post could not go out as it was
//! (docs/posts-review).
//!
//! "Names" is measured on content words without a dictionary: two kanji or katakana in a
//! row (「感染」, 「モニター」), or a Latin word or number of two or more characters (CO2),
//! that both texts hold.

use super::figures::is_digit;

/// Whether `sentence` names something `context` (the title, a shown heading) names.
pub(crate) fn is_grounded(sentence: &str, context: &[&str]) -> bool {
    let keys = content_keys(sentence);
    !keys.is_empty()
        && context
            .iter()
            .map(|c| content_keys(c))
            .any(|c| keys.iter().any(|k| c.contains(k)))
}

/// Whether the sentence that says what a list is for says its heading again (「次のような
/// 場面で、とても役に立ちます。」 under 「お薬手帳が役に立つ場面」): a label of a heading,
/// without a comma (not 「受診の前に、まずお電話を」, which asks for something), that shares
/// a word with it.
pub(crate) fn says_heading_again(intro: &str, heading: &str) -> bool {
    !heading.contains(['、', ',']) && is_grounded(intro, &[heading])
}

/// Whether `b`, a tagline of 25 characters or fewer, tells again what `a` tells: they share a
/// word the title does not hold (「…梅雨の時期から注意が必要です。」 and 「梅雨明け前から気を
/// つけたい熱中症。」 under the title 「熱中症を防ぐための、毎日のチェックリスト」; the title's own
/// words are in every post). A longer sentence sharing a word (換気) says more than it.
pub(crate) fn tells_again(a: &str, b: &str, title: Option<&str>) -> bool {
    const TAGLINE_CHARS: usize = 25;
    if b.chars().count() > TAGLINE_CHARS {
        return false;
    }
    let title_keys = title.map(content_keys).unwrap_or_default();
    let b_keys = content_keys(b);
    content_keys(a)
        .iter()
        .any(|k| b_keys.contains(k) && !title_keys.contains(k))
}

/// Whether `sentence` and the heading shown right over it share a kanji (汁物 / 味噌汁): read
/// together, one character is enough to tie them; the title, further away, needs a word.
pub(crate) fn shares_kanji(sentence: &str, heading: &str) -> bool {
    sentence
        .chars()
        .filter(|&c| is_kanji(c))
        .any(|c| heading.contains(c))
}

/// Whether `text` states a calendar date or month (`10月16日`, `16日（金）`, `10月下旬`,
/// `1/3`); not a count of days (`1日3回`).
pub(crate) fn has_date(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let after_digit = i > 0 && is_digit(chars[i - 1]);
        match c {
            '月' => after_digit,
            '日' => after_digit && chars.get(i + 1).is_some_and(|&n| matches!(n, '（' | '(')),
            '/' => after_digit && chars.get(i + 1).is_some_and(|&n| is_digit(n)),
            _ => false,
        }
    })
}

/// The content keys of `text`: each pair of adjacent kanji or katakana, and each Latin word
/// or number of two or more characters, lower-cased.
fn content_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut previous: Option<char> = None;
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || is_fullwidth_alnum(c) {
            word.push(to_ascii(c).to_ascii_lowercase());
        } else {
            if word.chars().count() >= 2 {
                keys.push(std::mem::take(&mut word));
            }
            word.clear();
        }
        if is_content(c) {
            if let Some(p) = previous.filter(|&p| is_content(p) && same_script(p, c)) {
                keys.push([p, c].iter().collect());
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    if word.chars().count() >= 2 {
        keys.push(word);
    }
    keys
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

fn is_content(c: char) -> bool {
    is_kanji(c) || is_katakana(c)
}

fn same_script(a: char, b: char) -> bool {
    is_kanji(a) == is_kanji(b)
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// A full-width letter or digit as its ASCII form.
fn to_ascii(c: char) -> char {
    if is_fullwidth_alnum(c) {
        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_that_tells_the_opener_again() {
        let title = Some("熱中症を防ぐための、毎日のチェックリスト");
        let opener = "熱中症というと真夏のイメージがありますが、実は梅雨の時期から注意が必要です。";
        assert!(tells_again(
            opener,
            "梅雨明け前から気をつけたい熱中症。",
            title
        ));
        assert!(!tells_again(
            opener,
            "看護師が、毎日確認したいポイントをまとめました。",
            title
        ));
        assert!(!tells_again(
            "CO2 の濃度は、換気が十分かどうかの目安として使われています。",
            "インフルエンザが流行する冬、待合室で取り組んでいる換気の工夫をまとめました。",
            Some("この冬の感染対策")
        ));
    }

    #[test]
    fn an_intro_that_says_its_heading_again() {
        assert!(says_heading_again(
            "次のような場面で、とても役に立ちます。",
            "お薬手帳が役に立つ場面"
        ));
        assert!(!says_heading_again(
            "お電話では、次のことを伺います。",
            "受診の前に、まずお電話を"
        ));
        assert!(!says_heading_again(
            "次のような場合は、ストレッチの前に受診してください。",
            "まず確認してほしいこと"
        ));
    }

    #[test]
    fn a_sentence_that_names_the_titles_subject_is_grounded() {
        let title = "この冬の感染対策😷 待合室の CO2 モニターを始めました";
        assert!(is_grounded(
            "CO2 の濃度は、換気が十分かどうかの目安として使われています。",
            &[title]
        ));
        assert!(is_grounded(
            "待合室の窓は1時間に2回開けています。",
            &[title]
        ));
    }

    #[test]
    fn a_sentence_that_leans_on_its_paragraph_is_not() {
        let title = "この冬の感染対策😷 待合室の CO2 モニターを始めました";
        assert!(!is_grounded(
            "特別なことより、毎日の積み重ねが大切です。",
            &[title]
        ));
        // One shared kanji (診) is not a shared word.
        assert!(!is_grounded(
            "受診の前に、電話で時間を確認してからお出かけください。",
            &["年末年始の休診のお知らせ"]
        ));
        // Nothing to share at all.
        assert!(!is_grounded("そうなんです。", &["そうなんです"]));
    }

    #[test]
    fn a_shown_heading_is_context_too() {
        assert!(is_grounded(
            "味噌汁1杯には、約1.5〜2gの塩分が含まれています。",
            &["冬の減塩のコツ", "汁物は「具だくさん」に。味噌汁も"]
        ));
    }

    #[test]
    fn a_heading_right_above_needs_one_kanji() {
        assert!(shares_kanji(
            "味噌汁1杯には、約1.5〜2gの塩分が含まれています。",
            "汁物は「具だくさん」にする"
        ));
        assert!(!shares_kanji(
            "そうなんです。",
            "汁物は「具だくさん」にする"
        ));
    }

    #[test]
    fn full_width_latin_matches_ascii() {
        assert!(is_grounded(
            "ＣＯ２が多いと換気の合図です。",
            &["co2 モニター"]
        ));
    }

    #[test]
    fn dates_are_found() {
        assert!(has_date("次の診療は10月16日（金）からとなります。"));
        assert!(has_date("１２月２９日から"));
        assert!(has_date("12/29〜1/3は休診"));
        assert!(!has_date("1日3回まで"));
        assert!(!has_date("3か月ほど"));
    }
}
