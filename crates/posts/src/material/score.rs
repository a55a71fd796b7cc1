//! How well a sentence stands alone as a teaser: word lists of connectives, pointers and
//! point words, searched in one pass over the sentence's bytes.

use std::sync::LazyLock;

use clinote_text::Language;
use clinote_text::case::starts_caseless;
use clinote_text::utf8;

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
    // Sentences that lean on the article around them (今回は…, きっかけは…, 先ほどの…).
    "今回",
    "前回",
    "きっかけ",
    "先ほど",
    "先述",
    "以上",
    "こうした",
    "こういった",
    "そんな",
    "同じ",
    "ほかにも",
    "他にも",
    "もう一つ",
    "もうひとつ",
    "次に",
    "続いて",
    "最後に",
    "まず、",
    "あと、",
    "ですが",
    "ただ、",
    "とはいえ",
    "それでも",
    "めやすは",
    "目安は",
    "期間中",
    "当日は",
    "その際",
    "その場合",
    "この場合",
    "そのとき",
    "とくに",
    "ほかの",
    "他の",
    "なかでも",
    "中でも",
    "逆に",
    "反対に",
    "なので",
    "ちなみに",
    "もちろん",
    "ぜひ",
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
    // Another page: the post links to this one.
    "の記事",
    "のページ",
    "のサイト",
    "ご覧ください",
    "ご覧になって",
];
const POINTERS_EN: &[&str] = &["following", "below", "above", "table", "figure"];
/// Words that tend to carry the article's point.
const POINTS_JA: &[&str] = &[
    "大切",
    "重要",
    "ポイント",
    "目安",
    "めやす",
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

/// Words of a sentence that surprises or turns an expectation (「…だけではありません」,
/// 「実は…」): what makes someone stop scrolling.
const SURPRISES_JA: &[&str] = &[
    "実は",
    "意外",
    "だけではありません",
    "とは限りません",
    "ご存じ",
    "ご存知",
    "知っていますか",
    "逆効果",
    "誤解",
    "思いがち",
    "思われがち",
    "ではなく",
];
const SURPRISES_EN: &[&str] = &[
    "actually",
    "surprising",
    "not just",
    "not only",
    "myth",
    "did you know",
    "instead of",
];

/// How strong an opening `sentence` makes, when it is one a person would open a post with:
/// a concrete question, a number that makes a point, or a surprise, in a sentence that
/// stands alone
/// ([`score`] of 6 or more). `None` otherwise.
pub(super) fn hook(sentence: &str, language: Language) -> Option<i32> {
    let base = score(sentence, language);
    let found = WordLists::of(language).find(sentence);
    let question = sentence.ends_with(['？', '?']);
    let lower = sentence.to_lowercase();
    let surprises = match language {
        Language::Ja => SURPRISES_JA,
        Language::En => SURPRISES_EN,
    };
    let surprise = surprises.iter().any(|w| lower.contains(w));
    // A number alone (「施術の時間は20〜30分ほどです」) is no hook; a number with a point is.
    let number = found.digit && found.point;
    if base < 6 || !(question || number || surprise) {
        return None;
    }
    Some(base + 2 * i32::from(question) + 2 * i32::from(surprise))
}

/// Whether a sentence opens by tying itself to the one before it (そこで, しかし, This).
pub(super) fn opens_leaning(sentence: &str, language: Language) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    let connectives = match language {
        Language::Ja => CONNECTIVES_JA,
        Language::En => CONNECTIVES_EN,
    };
    connectives.iter().any(|c| lower.starts_with(c))
}

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
    /// For each character `c`, at index `c % BUCKETS`: whether a point word ([`POINT`]) or
    /// a pointer ([`POINTER`]) starts with a character there, or a digit is there
    /// ([`DIGIT`]). Most characters have none, which one look-up tells. (Measured: looking
    /// the words up for every character instead, even by binary search, makes a first
    /// build of 1,000 articles run 15% more instructions.)
    buckets: [u8; BUCKETS],
}

const BUCKETS: usize = 1024;
const POINT: u8 = 1;
const POINTER: u8 = 2;
const DIGIT: u8 = 4;

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
        let (pointers, points) = (Words::new(pointers), Words::new(points));
        let mut buckets = [0; BUCKETS];
        let digits = ('0'..='9').chain('０'..='９').map(|c| (c, DIGIT));
        let firsts =
            (points.firsts().map(|c| (c, POINT))).chain(pointers.firsts().map(|c| (c, POINTER)));
        for (c, flag) in digits.chain(firsts) {
            buckets[c as usize % BUCKETS] |= flag;
        }
        WordLists {
            connectives: Words::new(connectives),
            pointers,
            points,
            buckets,
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
    /// have case (see [`starts_caseless`]).
    ///
    /// The pass looks at bytes, without decoding characters: a character's bucket
    /// (`c % 1024`, its ten low bits) is the low four bits of its second-last byte and the
    /// low six of its last (the whole byte for ASCII). Only a character whose bucket is
    /// flagged is decoded.
    fn scan(&self, text: &str, caseless: bool) -> Option<Found> {
        let bytes = text.as_bytes();
        let mut found = Found {
            connective: self.connectives.start(text),
            ..Found::default()
        };
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            if caseless && !starts_caseless(&bytes[i..]) {
                return None;
            }
            let len = utf8::width(lead);
            let low = |k: usize| usize::from(bytes.get(i + k).copied().unwrap_or(0));
            let bucket = match len {
                1 => usize::from(lead),
                _ => (low(len - 2) & 0x0F) << 6 | (low(len - 1) & 0x3F),
            };
            let flags = self.buckets[bucket];
            if flags != 0
                && let Some((c, _)) = utf8::decode_at(text, i)
            {
                found.digit |=
                    flags & DIGIT != 0 && (c.is_ascii_digit() || ('０'..='９').contains(&c));
                found.point |= flags & POINT != 0 && self.points.start_at(text, i, c);
                found.pointer |= flags & POINTER != 0 && self.pointers.start_at(text, i, c);
            }
            i += len;
        }
        Some(found)
    }
}

/// A word list, each word with its first character.
struct Words(Vec<(char, &'static str)>);

impl Words {
    fn new(list: &'static [&'static str]) -> Words {
        Words(
            list.iter()
                .filter_map(|w| Some((w.chars().next()?, *w)))
                .collect(),
        )
    }

    fn firsts(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().map(|&(c, _)| c)
    }

    /// Whether one of the words starts at byte `i` of `text`, where `c` is.
    fn start_at(&self, text: &str, i: usize, c: char) -> bool {
        self.0
            .iter()
            .any(|&(first, w)| first == c && text[i..].starts_with(w))
    }

    /// Whether `text` starts with one of the words.
    fn start(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.start_at(text, 0, c))
    }
}
