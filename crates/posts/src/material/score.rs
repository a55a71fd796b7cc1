//! How well a sentence stands alone as a teaser: word lists of connectives, pointers and
//! point words, searched in one pass over the sentence's bytes.

use std::sync::LazyLock;

use clinote_text::Language;

#[cfg(test)]
mod tests;

/// Openings that tie a sentence to the one before it.
const CONNECTIVES_JA: &[&str] = &[
    "しかし",
    "また",
    "そのため",
    "それ",
    "これ",
    "この",
    "その",
    "そこで",
    "ただし",
    "なお",
    "さらに",
    "一方",
    "つまり",
    "でも",
    "だから",
    "ですから",
    "そして",
    "特に",
    "ここ",
];
const CONNECTIVES_EN: &[&str] = &[
    "but ", "and ", "however", "this ", "these ", "it ", "so ", "also", "that ", "they ", "here ",
    "there ",
];
/// Words that point at something the post will not show.
const POINTERS_JA: &[&str] = &[
    "次の",
    "以下",
    "下記",
    "上記",
    "前述",
    "後述",
    "こちら",
    "下図",
    "上図",
    "下表",
    "上表",
    "図の",
    "表の",
];
const POINTERS_EN: &[&str] = &["following", "below", "above", "table", "figure"];
/// Words that tend to carry the article's point.
const POINTS_JA: &[&str] = &[
    "大切",
    "重要",
    "ポイント",
    "目安",
    "注意",
    "予防",
    "対策",
    "おすすめ",
    "必要",
    "早め",
    "受診",
    "原因",
    "症状",
];
const POINTS_EN: &[&str] = &[
    "important",
    "key",
    "tip",
    "should",
    "recommend",
    "avoid",
    "prevent",
    "help",
    "sign",
    "cause",
    "symptom",
];

/// How well a sentence stands alone as a teaser; 0 or less is not used.
pub(super) fn score(sentence: &str, language: Language) -> i32 {
    let found = WordLists::of(language).find(sentence);
    let chars = sentence.chars().count();
    let mut score = 3;
    if !sentence.ends_with(['。', '！', '？', '.', '!', '?', '」', '）', ')']) {
        score -= 3;
    }
    if (15..=90).contains(&chars) {
        score += 2;
    }
    if found.digit {
        score += 1;
    }
    if sentence.ends_with(['？', '?']) {
        score += 1;
    }
    if found.point {
        score += 2;
    }
    if found.connective || found.pointer {
        score -= 5;
    }
    if sentence.ends_with(['：', ':']) {
        score -= 5;
    }
    score
}

/// The word lists of one language, ready to search.
struct WordLists {
    /// Openings that tie a sentence to the one before it.
    connectives: Words,
    /// Words that point at something the post will not show.
    pointers: Words,
    /// Words that tend to carry the article's point.
    points: Words,
}

/// What [`score`] looks for in a sentence (words in its lower-cased text).
#[derive(Debug, Default, PartialEq, Eq)]
struct Found {
    /// It starts with a connective.
    connective: bool,
    /// An ASCII or full-width digit.
    digit: bool,
    point: bool,
    pointer: bool,
}

impl WordLists {
    fn of(language: Language) -> &'static WordLists {
        static JA: LazyLock<WordLists> =
            LazyLock::new(|| WordLists::new(CONNECTIVES_JA, POINTERS_JA, POINTS_JA));
        static EN: LazyLock<WordLists> =
            LazyLock::new(|| WordLists::new(CONNECTIVES_EN, POINTERS_EN, POINTS_EN));
        match language {
            Language::Ja => &JA,
            Language::En => &EN,
        }
    }

    fn new(
        connectives: &'static [&'static str],
        pointers: &'static [&'static str],
        points: &'static [&'static str],
    ) -> WordLists {
        WordLists {
            connectives: Words::new(connectives),
            pointers: Words::new(pointers),
            points: Words::new(points),
        }
    }

    /// What `sentence` holds. Most sentences have no case, and are searched as they are;
    /// others are lower-cased first (which neither makes nor removes digits, a test checks).
    fn find(&self, sentence: &str) -> Found {
        self.scan(sentence, true)
            .or_else(|| self.scan(&sentence.to_lowercase(), false))
            .unwrap_or_default()
    }

    /// What `text` holds, in one pass. With `caseless`, `None` as soon as a character may
    /// have case (see [`is_caseless`]).
    fn scan(&self, text: &str, caseless: bool) -> Option<Found> {
        let mut found = Found {
            connective: self.connectives.start(text),
            ..Found::default()
        };
        for (i, c) in text.char_indices() {
            if caseless && !is_caseless(c) {
                return None;
            }
            found.digit |= c.is_ascii_digit() || ('０'..='９').contains(&c);
            found.point |= self.points.start_at(text, i, c);
            found.pointer |= self.pointers.start_at(text, i, c);
        }
        Some(found)
    }
}

/// A word list, each word with its first character, sorted by it.
struct Words(Vec<(char, &'static str)>);

impl Words {
    fn new(list: &'static [&'static str]) -> Words {
        let mut words: Vec<(char, &'static str)> = list
            .iter()
            .filter_map(|w| Some((w.chars().next()?, *w)))
            .collect();
        words.sort_by_key(|&(first, _)| first);
        Words(words)
    }

    /// Whether one of the words starts at byte `i` of `text`, where `c` is.
    fn start_at(&self, text: &str, i: usize, c: char) -> bool {
        let from = self.0.partition_point(|&(first, _)| first < c);
        self.0[from..]
            .iter()
            .take_while(|&&(first, _)| first == c)
            .any(|&(_, w)| text[i..].starts_with(w))
    }

    /// Whether `text` starts with one of the words.
    fn start(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.start_at(text, 0, c))
    }
}

/// Whether `to_lowercase` leaves `c` as it is, whatever surrounds it: ASCII other than
/// capitals, U+3000–U+9FFF (Japanese punctuation, kana, kanji), U+F000–U+FFFF but the
/// full-width capitals Ａ–Ｚ (a test checks them all). Other characters may have case.
fn is_caseless(c: char) -> bool {
    match c as u32 {
        0..=0x7F => !c.is_ascii_uppercase(),
        0x3000..=0x9FFF => true,
        0xFF21..=0xFF3A => false,
        0xF000..=0xFFFF => true,
        _ => false,
    }
}
