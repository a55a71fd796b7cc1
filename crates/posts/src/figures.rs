//! What a piece of an article states that a post must treat with care: prices, doses and
//! dates, editors' notes, and headings that only give the article its shape.
//!
//! - A **price** is never quoted in a post written from an article: in push media a price
//!   is price emphasis under the guideline, and a self-pay price without its disclosures
//!   misleads (the article is where the price belongs).
//! - A list item is quoted whole or not at all: cut to its label, 「ロキソプロフェン 1回60mg、
//!   1日3回まで」 would lose its limit and 「大人のお薬」 what to do with it.
//! - An **editor's note** (（7月27日追記：…）, ※…, 【追記】) is about the article, not its
//!   subject.
//! - A **structural heading** (【さいごに】, まとめ, コツ2, ③, Q1) says where a section is,
//!   not what it is about, so it is no hook.

use clinote_text::Language;

/// Whether `text` states a price: a number followed by 円 (`3,500円`, `1万5千円`), or
/// preceded by ¥ or 税込.
pub(crate) fn has_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| match c {
        '円' => i > 0 && is_amount(chars[i - 1]),
        '¥' | '￥' => chars.get(i + 1).is_some_and(|&n| is_digit(n)),
        _ => false,
    }) || text.contains("税込")
        || text.contains("税別")
}

/// Whether `text` speaks of what something costs (費用, 料金, 価格): a post must not, for a
/// self-pay service least of all (its own check flags it), and the article says it better.
pub(crate) fn speaks_of_cost(text: &str) -> bool {
    has_price(text)
        || ["費用", "料金", "価格", "値段", "割引", "キャンペーン"]
            .iter()
            .any(|w| text.contains(w))
}

/// Whether a sentence only greets, thanks, apologises or introduces the writer
/// (「こんにちは。」, 「副院長で皮膚科の石井です。」, 「ご迷惑をおかけしますが…」): empty in a post.
pub(crate) fn is_greeting(sentence: &str) -> bool {
    const GREETINGS: &[&str] = &[
        "こんにちは",
        "こんばんは",
        "はじめまして",
        "おはようございます",
    ];
    const ROLES: &[&str] = &[
        "院長",
        "医師",
        "看護師",
        "栄養士",
        "受付",
        "スタッフ",
        "薬剤師",
        "技師",
        "事務",
    ];
    // Courtesies that close a notice (「ご迷惑をおかけしますが、どうぞよろしくお願いいたします。」).
    const COURTESIES: &[&str] = &[
        "ご迷惑をおかけ",
        "ありがとうございます",
        "ありがとうございました",
    ];
    GREETINGS.iter().any(|g| sentence.starts_with(g))
        || COURTESIES.iter().any(|c| sentence.contains(c))
        || sentence.ends_with("よろしくお願いいたします。")
        || sentence.ends_with("よろしくお願いします。")
        || (sentence.chars().count() <= 30
            && sentence.ends_with("です。")
            && ROLES.iter().any(|r| sentence.contains(r)))
}

/// Whether a sentence only sets up what follows it: 「熱が出たとき、どこに受診すればいいのか
/// と迷う方も多いと思います。」 says nothing of its own.
pub(crate) fn is_setup(sentence: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "と思います。",
        "のではないでしょうか。",
        "ではないでしょうか。",
    ];
    const WHO: &[&str] = &[
        "方も多い",
        "方が多い",
        "方もいる",
        "方もいらっしゃる",
        "人も多い",
    ];
    ENDINGS.iter().any(|e| sentence.ends_with(e)) && WHO.iter().any(|w| sentence.contains(w))
}

/// Whether a sentence adds to what came before it with 「…のも、」 (「…を地域の方と分け合う
/// のも、訪問診療の大切な役割です。」: also, besides what?).
pub(crate) fn adds_to_before(sentence: &str) -> bool {
    const ALSO: &[&str] = &["のも、", "のも大切", "のも大事", "のも重要", "のも役割"];
    ALSO.iter().any(|a| sentence.contains(a))
}

/// Whether a sentence advises or asks the reader to act: it follows the fact it depends on.
pub(crate) fn is_advice(sentence: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ください。",
        "ましょう。",
        "おすすめします。",
        "ご検討ください。",
    ];
    // What to do when something happens (「…迷うときは、…#8000に相談できます。」) is advice too.
    let in_case = ["ときは、", "時は、", "場合は、"]
        .iter()
        .any(|w| sentence.contains(w))
        && sentence.ends_with("できます。");
    ENDINGS.iter().any(|e| sentence.ends_with(e)) || in_case
}

/// Whether a Japanese sentence says what it is about: a topic or subject (は, が, も), or it
/// asks or invites (？, ください, しましょう, ませんか). 「クリニックの大切なチームの一員です。」
/// leaves out who, which the sentence before it said.
pub(crate) fn says_its_subject(sentence: &str) -> bool {
    const ASKING: &[&str] = &["？", "?", "ください", "しましょう", "ませんか", "ましょう"];
    sentence.contains(['は', 'が', 'も']) || ASKING.iter().any(|w| sentence.contains(w))
}

/// Whether a piece of a sentence was split off another: it opens with a particle or a
/// closing bracket (`と声をかけるだけでも…`), its brackets do not pair up, or it ends as an
/// item of a list written as sentences (「…迷わずおつなぎすること。」).
pub(crate) fn is_fragment(sentence: &str) -> bool {
    if sentence.ends_with("こと。") {
        return true;
    }
    let opens_badly = sentence.starts_with([
        'と', 'が', 'を', 'に', 'で', 'は', 'も', 'の', 'や', '」', '』', '）', ')', '、', '。',
    ]);
    let pairs = [
        ('「', '」'),
        ('『', '』'),
        ('（', '）'),
        ('(', ')'),
        ('【', '】'),
    ];
    let unbalanced = pairs
        .iter()
        .any(|&(open, close)| sentence.matches(open).count() != sentence.matches(close).count());
    opens_badly || unbalanced
}

/// An ASCII or full-width digit.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `text` holds a figure: a digit that is not part of a name (the 2 of CO2, the 1 of
/// FEV1, the 19 of COVID-19), or another numeric character (①, ½).
pub(crate) fn has_figure(text: &str) -> bool {
    let (mut prev, mut prev2, mut naming) = ('\0', '\0', false);
    for c in text.chars() {
        if is_digit(c) {
            // A run of digits right after a letter (or a letter and a hyphen) names something.
            if !is_digit(prev) {
                naming = prev.is_ascii_alphabetic() || (prev == '-' && prev2.is_ascii_alphabetic());
            }
            if !naming {
                return true;
            }
        } else if c.is_numeric() {
            return true;
        }
        (prev2, prev) = (prev, c);
    }
    false
}

/// A character that may end an amount of money: a digit, or a Japanese numeral unit.
fn is_amount(c: char) -> bool {
    is_digit(c) || matches!(c, '万' | '千' | '百' | '〇' | '一' | '二' | '三' | '五')
}

/// Whether `text` holds a phone number (`03-0000-0000`, `012-345-6789`, `#8000` is not
/// one): a call to ring the clinic is no opener, however many digits it has.
pub(crate) fn has_phone(text: &str) -> bool {
    let mut groups = 0;
    let mut digits = 0;
    let mut prev_digit = false;
    for c in text.chars() {
        if is_digit(c) {
            digits += 1;
            prev_digit = true;
        } else if matches!(c, '-' | '－' | '‐' | '−' | 'ー') && prev_digit {
            groups += 1;
            prev_digit = false;
        } else {
            if groups >= 2 && digits >= 9 {
                return true;
            }
            groups = 0;
            digits = 0;
            prev_digit = false;
        }
    }
    groups >= 2 && digits >= 9
}

/// How alike two sentences are: the share of character pairs they have in common (Dice's
/// coefficient over bigrams), from 0.0 to 1.0. Two sentences telling the same fact
/// (「1月25日から30日まで工事を行います」, 「1月25日〜30日、工事のため…」) score over 0.4.
pub(crate) fn likeness(a: &str, b: &str) -> f32 {
    fn pairs(s: &str) -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut p: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        p.sort_unstable();
        p
    }
    let (pa, pb) = (pairs(a), pairs(b));
    if pa.is_empty() || pb.is_empty() {
        return 0.0;
    }
    // Common pairs of the two sorted lists, each pair counted as often as both have it.
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < pa.len() && j < pb.len() {
        match pa[i].cmp(&pb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (pa.len() + pb.len()) as f32
}

/// Whether a sentence is an editor's note about the article rather than its subject:
/// `（7月27日追記：…）`, `※…`, `【追記】…`, `追記：…`, `編集部注…`.
pub(crate) fn is_editors_note(sentence: &str) -> bool {
    let s = sentence.trim_start_matches(['（', '(', '【', '[', '［', ' ', '\u{3000}']);
    sentence.starts_with(['※', '＊', '*'])
        || s.starts_with("追記")
        || s.starts_with("編集部")
        || s.starts_with("編集注")
        || s.starts_with("更新")
        || s.starts_with("Update")
        || s.starts_with("Edit")
        || s.starts_with("Note:")
        || (sentence.starts_with(['（', '('])
            && (sentence.contains("追記") || sentence.contains("更新")))
}

/// Words of headings that give an article its shape rather than say what a part is about.
const STRUCTURAL_JA: &[&str] = &[
    "はじめに",
    "始めに",
    "おわりに",
    "終わりに",
    "さいごに",
    "最後に",
    "まとめ",
    "おわりのまとめ",
    "あとがき",
    "追記",
    "補足",
    "参考",
    "参考文献",
    "その他",
    "お知らせ",
    "ご案内",
    "概要",
    "目次",
    "番外編",
    "おまけ",
    "よくある質問",
    "Q&A",
    "Ｑ＆Ａ",
];
const STRUCTURAL_EN: &[&str] = &[
    "introduction",
    "summary",
    "conclusion",
    "in closing",
    "finally",
    "references",
    "notes",
    "update",
    "faq",
    "more",
    "other",
];

/// Whether a heading only gives the article its shape: a word such as まとめ or
/// 「さいごに」, a numbered part (コツ2, ポイント①, STEP 3, その1, 第2章, Q1, ③) with
/// nothing else, or a time of day that orders a day's story (【15:30　午後の診療】).
pub(crate) fn is_structural_heading(heading: &str, language: Language) -> bool {
    if opens_with_clock_time(heading) {
        return true;
    }
    let h = heading
        .trim()
        .trim_matches([
            '【', '】', '[', ']', '［', '］', '〈', '〉', '《', '》', '■', '□', '●', '◆', '▼', '▶',
            ' ', '\u{3000}',
        ])
        .trim_end_matches(['：', ':', '。', '！', '!']);
    if h.is_empty() {
        return true;
    }
    let lower = h.to_lowercase();
    let words = match language {
        Language::Ja => STRUCTURAL_JA,
        Language::En => STRUCTURAL_EN,
    };
    if words.iter().any(|w| lower == w.to_lowercase()) {
        return true;
    }
    // A numbered part: what is left without its numbers and number words is a counter word
    // or nothing.
    let had_number = h.chars().any(|c| is_digit(c) || is_circled(c));
    if !had_number {
        return false;
    }
    let rest: String = lower
        .chars()
        .filter(|&c| {
            !is_digit(c)
                && !is_circled(c)
                && !matches!(
                    c,
                    '.' | '．'
                        | ' '
                        | '\u{3000}'
                        | '-'
                        | '－'
                        | '：'
                        | ':'
                        | '、'
                        | '）'
                        | ')'
                        | '（'
                        | '('
                )
        })
        .collect();
    const COUNTERS: &[&str] = &[
        "",
        "コツ",
        "ポイント",
        "その",
        "第章",
        "第回",
        "第部",
        "章",
        "step",
        "ステップ",
        "q",
        "ｑ",
        "a",
        "tip",
        "tips",
        "part",
        "手順",
        "方法",
        "例",
        "ケース",
        "case",
        "chapter",
    ];
    COUNTERS.contains(&rest.as_str())
}

/// What a heading is about, without the numbering in front of it: `【コツ2】鍋のスープは
/// 飲みほさない` → `鍋のスープは飲みほさない`, `③ 水分をとる` → `水分をとる`. `None` when
/// nothing but structure is left ([`is_structural_heading`]).
pub(crate) fn heading_topic(heading: &str, language: Language) -> Option<&str> {
    let h = heading.trim();
    let mut topic = h;
    if let Some(rest) = h.strip_prefix('【')
        && let Some(end) = rest.find('】')
        && is_structural_heading(&rest[..end], language)
    {
        topic = rest[end + '】'.len_utf8()..].trim_start();
    } else {
        // A leading number that marks a part: `③ …`, `1. …`, `2）…`; never the number a
        // heading is about (`65歳以上の方へ`).
        let rest = h.trim_start_matches(|c: char| is_digit(c) || is_circled(c));
        let circled = h.starts_with(is_circled);
        let separated = rest.starts_with(['.', '．', ')', '）', ':', '：', ' ', '\u{3000}', '、'])
            && !rest.chars().nth(1).is_some_and(is_digit);
        if rest.len() < h.len() && (circled || separated) {
            topic =
                rest.trim_start_matches(['.', '．', ')', '）', ':', '：', ' ', '\u{3000}', '、']);
        }
    }
    (!topic.is_empty() && !is_structural_heading(topic, language)).then_some(topic)
}

/// Whether `heading` opens with a clock time (`15:30`, `9：00`, `8時半`) after any bracket.
fn opens_with_clock_time(heading: &str) -> bool {
    let h = heading.trim_start_matches(['【', '[', '［', '■', '●', ' ', '\u{3000}']);
    let digits = h.chars().take_while(|&c| is_digit(c)).count();
    let after = h.chars().nth(digits);
    (1..=2).contains(&digits) && matches!(after, Some(':' | '：' | '時'))
        // Not a count (「3時間」).
        && h.chars().nth(digits + 1).is_none_or(|c| c != '間')
}

fn is_circled(c: char) -> bool {
    ('①'..='⑳').contains(&c) || ('❶'..='❿').contains(&c) || ('⓵'..='⓾').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_a_number_not_part_of_a_name() {
        assert!(has_figure("1日7.5g未満"));
        assert!(has_figure("３０秒ほど"));
        assert!(has_figure("①手を洗う"));
        assert!(!has_figure("空気中の二酸化炭素（CO2）の濃度が上がります。"));
        assert!(!has_figure("COVID-19とインフルエンザ"));
        assert!(!has_figure("FEV1の値"));
        assert!(has_figure("CO2 が 1,000ppm をこえたら"));
    }

    #[test]
    fn advice_asks_or_says_what_to_do_in_case() {
        assert!(is_advice("早めに受診してください。"));
        assert!(is_advice(
            "受診すべきか迷うときは、こども医療でんわ相談（#8000）に相談できます。"
        ));
        assert!(!is_advice("夏休みは、誤飲が起きやすい時期です。"));
        assert!(!is_advice("スマートフォンから予約できます。"));
    }

    #[test]
    fn clock_time_headings_are_structure() {
        for h in ["15:30　午後の診療", "【9：00】受付開始", "8時半 朝の準備"] {
            assert!(is_structural_heading(h, Language::Ja), "{h}");
        }
        for h in ["3時間以上待つとき", "65歳以上の方へ", "1日5分のストレッチ"]
        {
            assert!(!is_structural_heading(h, Language::Ja), "{h}");
        }
    }

    #[test]
    fn prices() {
        for s in [
            "初診料 3,000円",
            "1回 15,000円（税込）",
            "¥5,000",
            "月々1万円から",
            "料金は税込でご案内します。",
        ] {
            assert!(has_price(s), "{s}");
        }
        for s in ["円形脱毛症", "円滑に", "3回接種します", "手洗い"] {
            assert!(!has_price(s), "{s}");
        }
    }

    #[test]
    fn phones_and_likeness() {
        assert!(has_phone("お電話（03-0000-0000）でご連絡ください。"));
        assert!(has_phone("012-345-6789"));
        assert!(!has_phone("こども医療でんわ相談（#8000）"));
        assert!(!has_phone("1月25日〜30日、9:00-12:00"));
        let a = "1月25日（月）から30日（土）まで、クリニック前の駐車場で舗装工事を行います。";
        let b = "1月25日（月）〜30日（土）、駐車場の舗装工事のため一部がご利用いただけません。";
        assert!(likeness(a, b) > 0.4, "{}", likeness(a, b));
        let c = "お子さんは2回の接種が必要です。";
        assert!(likeness(a, c) < 0.2, "{}", likeness(a, c));
        assert_eq!(likeness(a, a), 1.0);
    }

    #[test]
    fn costs_and_fragments() {
        assert!(speaks_of_cost("内容・費用・回数・リスクをまとめました。"));
        assert!(!speaks_of_cost("接種の時期と回数をまとめました。"));
        assert!(is_greeting("副院長で皮膚科の石井です。"));
        assert!(is_greeting("こんにちは。"));
        assert!(is_greeting(
            "ご迷惑をおかけしますが、どうぞよろしくお願いいたします。"
        ));
        assert!(!is_greeting("マスクの着用にご協力をお願いします。"));
        assert!(!is_greeting(
            "受付は午前9時からです。ご予約の方は、直接受付へお越しください。"
        ));
        assert!(!says_its_subject("クリニックの大切なチームの一員です。"));
        assert!(says_its_subject(
            "受付の山田は、クリニックの大切なチームの一員です。"
        ));
        assert!(says_its_subject("水分をこまめにとってください。"));
        assert!(is_fragment("と声をかけるだけでも、安心します。"));
        assert!(is_fragment("「あの、最後にもうひとつだけ。"));
        assert!(!is_fragment("「最後にもうひとつ」を大切にしています。"));
    }

    #[test]
    fn set_ups() {
        assert!(is_setup(
            "熱が出たとき、「どこに、いつ受診すればいいのか」と迷う方も多いと思います。"
        ));
        assert!(!is_setup("受診の前に、お電話でご相談ください。"));
        assert!(adds_to_before(
            "地域のいろいろな方と分け合うのも、訪問診療の大切な役割です。"
        ));
        assert!(!adds_to_before("水分をこまめにとることも大切です。"));
        assert!(!is_setup("手洗いがいちばん大切だと思います。"));
    }

    #[test]
    fn editors_notes() {
        for s in [
            "（7月27日追記：駐車場は再開しました。）",
            "※料金は変わることがあります。",
            "【追記】受付時間が変わりました。",
            "追記：予約は締め切りました。",
        ] {
            assert!(is_editors_note(s), "{s}");
        }
        for s in [
            "熱中症は予防できます。",
            "（大人の場合）水分は1日1.2Lが目安です。",
        ] {
            assert!(!is_editors_note(s), "{s}");
        }
    }

    #[test]
    fn structural_headings() {
        for h in [
            "【さいごに】",
            "まとめ",
            "コツ2",
            "③",
            "ポイント①",
            "STEP 3",
            "その1",
            "Q1",
            "はじめに",
        ] {
            assert!(is_structural_heading(h, Language::Ja), "{h}");
        }
        for h in [
            "花粉症とは",
            "受診の目安",
            "コツ2：指先を洗う",
            "何回受ける？",
            "Q. 子どもは何回受けるの？",
        ] {
            assert!(!is_structural_heading(h, Language::Ja), "{h}");
        }
        assert!(is_structural_heading("Summary", Language::En));
        assert_eq!(
            heading_topic("【コツ2】鍋のスープは飲みほさない", Language::Ja),
            Some("鍋のスープは飲みほさない")
        );
        assert_eq!(
            heading_topic("③ 水分をとる", Language::Ja),
            Some("水分をとる")
        );
        assert_eq!(heading_topic("【さいごに】", Language::Ja), None);
        assert_eq!(
            heading_topic("【自由診療】シミ取り", Language::Ja),
            Some("【自由診療】シミ取り")
        );
        assert_eq!(
            heading_topic("花粉症とは", Language::Ja),
            Some("花粉症とは")
        );
        assert!(!is_structural_heading("When to see a doctor", Language::En));
    }
}
