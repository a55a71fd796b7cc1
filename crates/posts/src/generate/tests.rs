//! Generated posts for small, realistic articles: valid as X counts, ending with their own
//! link, all different, quoting the article (cut only at a clause), and scheduled.

use jiff::civil::date;

use super::*;
use crate::Teasers;
use crate::frames::frames;
use crate::outline;
use crate::{LINE_MAX_UTF16, parse};
use clinote_text::Language;

const KAFUN_BODY: &str = "\
春先になると、目のかゆみや充血で来院される方が増えます。花粉が目の粘膜に付くと、アレルギー反応が起こります。

## かゆいときにしてはいけないこと

目をこすると、角膜に細かい傷がつくことがあります。かゆいときは、冷たいタオルで目元を冷やすと楽になります。

## 花粉を目に入れない工夫

- 眼鏡をかける
- 帰宅したら洗顔する
- 洗濯物は室内に干す

花粉の多い日は、外出後すぐに顔を洗うのがおすすめです。詳しくはexample.com/pollenもご覧ください。

## 受診の目安

充血が3日以上続くときや、目やにが増えたときは早めに受診しましょう。コンタクトレンズを使っている方は、特に注意が必要です。
";

const KAZE_BODY: &str = "\
寒くなると、お子さんの発熱で受診される方が増えてきます。毎日の習慣で、かかりにくい体をつくりましょう。

## 予防のポイント

- 手洗い
- 睡眠
- 加湿

石けんを使って、指の間までしっかり洗うことが大切です。部屋の湿度は50〜60%を目安にしましょう。

## こんなときは受診を

38度以上の熱が3日以上続くときは、受診の目安です。水分がとれない、ぐったりしているときは、すぐにご相談ください。
";

const HAY_FEVER_BODY: &str = "\
Hay fever often gets worse at night. A blocked nose makes it hard to fall asleep.

## Before bed

- Shower to rinse off pollen
- Keep windows closed
- Wash pillowcases weekly

Rinsing your nose with saline before bed can reduce congestion. Avoid alcohol in the evening, because it can make symptoms worse.

## When to see a doctor

If you still cannot sleep after two weeks, talk to your doctor about treatment options.
";

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

struct Fixture {
    slug: &'static str,
    title: String,
    description: Option<&'static str>,
    summary: &'static str,
    body: &'static str,
    canonical: &'static str,
    tags: Vec<String>,
    hashtags: Vec<String>,
    own: Vec<String>,
    language: Language,
    clinic_phone: Option<&'static str>,
}

impl Fixture {
    fn input(&self) -> ArticleInput<'_> {
        ArticleInput {
            slug: self.slug,
            title: &self.title,
            description: self.description,
            summary: self.summary,
            body_markdown: self.body,
            canonical_url: self.canonical,
            tags: &self.tags,
            hashtags: &self.hashtags,
            own_teasers: &self.own,
            date: date(2026, 2, 10),
            language: self.language,
            clinic_phone: self.clinic_phone,
        }
    }

    /// Everything the article says, cleaned like the generator cleans it.
    fn source(&self) -> String {
        let mut s = vec![
            clean(&self.title),
            clean(self.description.unwrap_or("")),
            clean(self.summary),
        ];
        for section in outline::sections(self.body) {
            s.extend(section.heading);
            s.extend(section.paragraphs);
            s.extend(section.lists.into_iter().flatten());
        }
        s.join("\n")
    }
}

use crate::plain::clean;

fn kafun() -> Fixture {
    Fixture {
        slug: "kafun-eye",
        title: "花粉症シーズンの目のかゆみ対策".into(),
        description: Some(
            "目のかゆみは、こすらずに冷やすのが基本です。市販の目薬を使う前に知っておきたいポイントをまとめました。",
        ),
        summary: "",
        body: KAFUN_BODY,
        canonical: "https://example-clinic.jp/blog/kafun-eye/",
        tags: strings(&["花粉症", "眼科", "アレルギー"]),
        hashtags: Vec::new(),
        own: Vec::new(),
        language: Language::Ja,
        clinic_phone: None,
    }
}

fn kaze() -> Fixture {
    Fixture {
        slug: "kaze-yobo",
        title: "冬の風邪予防、家庭でできる3つのこと".into(),
        description: None,
        summary: "",
        body: KAZE_BODY,
        canonical: "https://example-clinic.jp/blog/風邪予防/",
        tags: strings(&["小児科"]),
        hashtags: strings(&["子ども 発熱", "COVID-19", "2025"]),
        own: Vec::new(),
        language: Language::Ja,
        clinic_phone: None,
    }
}

fn hay_fever() -> Fixture {
    Fixture {
        slug: "hay-fever-sleep",
        title: "How to sleep better during hay fever season".into(),
        description: Some(
            "Blocked noses keep many people awake in spring. Here are simple steps that help.",
        ),
        summary: "",
        body: HAY_FEVER_BODY,
        canonical: "https://example-clinic.com/blog/hay-fever-sleep/",
        tags: strings(&["hay fever", "sleep"]),
        hashtags: Vec::new(),
        own: Vec::new(),
        language: Language::En,
        clinic_phone: None,
    }
}

/// A Japanese article with a description and nothing else set (tags, hashtags, own teasers).
fn ja_article(
    slug: &'static str,
    title: &str,
    description: &'static str,
    body: &'static str,
) -> Fixture {
    Fixture {
        slug,
        title: title.into(),
        description: Some(description),
        summary: "",
        body,
        canonical: "https://example-clinic.jp/blog/article/",
        tags: Vec::new(),
        hashtags: Vec::new(),
        own: Vec::new(),
        language: Language::Ja,
        clinic_phone: None,
    }
}

/// [`ja_article`], tagged お知らせ.
fn ja_notice(
    slug: &'static str,
    title: &str,
    description: &'static str,
    body: &'static str,
) -> Fixture {
    Fixture {
        tags: strings(&["お知らせ"]),
        ..ja_article(slug, title, description, body)
    }
}

/// The body of the first X post written from `f` that holds `needle`, after [`check`].
fn x_post_with(f: &Fixture, config: &Teasers, needle: &str) -> String {
    let g = generate(&f.input(), config);
    check(f, &g, config);
    g.x.iter()
        .map(body)
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("no post with {needle}"))
}

fn config() -> Teasers {
    Teasers {
        hashtags: strings(&["小児科"]),
        ..Teasers::default()
    }
}

/// The checks every generated article must pass.
fn check(f: &Fixture, g: &Generated, config: &Teasers) {
    // As many posts as wanted, or fewer with a warning (never padding).
    assert!(
        g.x.len() >= config.variants.min(1)
            && (g.x.len() >= config.variants
                || g.warnings.iter().any(|w| w.en.contains("could be written"))),
        "{} posts for {}",
        g.x.len(),
        f.slug
    );
    let canonical = link::canonical(f.canonical).unwrap();
    for (n, t) in g.x.iter().enumerate() {
        let p = parse(&t.text);
        assert!(p.valid, "invalid post:\n{}", t.text);
        assert_eq!(p.weighted_length, t.weighted_length);
        assert!(t.weighted_length <= 280);
        assert_eq!(t.variant, n + 1);
        // The link: last, on its own line, whole to X, with this variant's UTM parameters.
        assert!(t.text.ends_with(&format!("\n{}", t.url)), "{}", t.text);
        assert!(t.url.starts_with(&canonical) && t.url.is_ascii());
        assert!(
            t.url
                .ends_with(&format!("utm_campaign={}&utm_content=v{}", f.slug, n + 1))
        );
        assert_eq!(p.urls.last(), Some(&t.url));
        assert_eq!(p.urls.len(), 1, "one link only:\n{}", t.text);
        assert!(p.hashtags.len() <= 3);
        // Hashtags, if any, on the line before the link.
        let lines: Vec<&str> = t.text.lines().collect();
        if !p.hashtags.is_empty() {
            let tag_line = lines[lines.len() - 2];
            assert!(tag_line.starts_with('#'), "{}", t.text);
        }
        assert_eq!(decode_intent(&t.intent_url()), t.text);
    }
    for (i, a) in g.x.iter().enumerate() {
        for b in &g.x[i + 1..] {
            assert_ne!(body(a), body(b), "two variants share their text");
        }
    }
    let own = f.own.len();
    for (t, written) in g.x.iter().zip(&f.own) {
        // As written, or shortened from the end.
        let b = body(t);
        let head = b.strip_suffix('…').unwrap_or(&b);
        assert!(
            written.trim().starts_with(head),
            "own teasers come first, as written"
        );
    }
    let source = f.source();
    for t in &g.x[own..] {
        reads_as_written(&body(t), &source, f.language, f.clinic_phone);
    }
    let l = g.line.as_ref().expect("a LINE message");
    assert!(l.utf16_len <= LINE_MAX_UTF16 && l.utf16_len == l.text.encode_utf16().count());
    assert!(l.text.ends_with(&format!("\n{}", l.url)));
    assert!(l.url.ends_with(&format!(
        "utm_source=line&utm_medium=social&utm_campaign={}",
        f.slug
    )));
    // A push message: short before its link.
    let before_link = l.text.strip_suffix(&l.url).unwrap_or(&l.text);
    assert!(
        before_link.trim_end().chars().count() <= crate::LINE_TARGET_CHARS,
        "LINE message too long for a push notification:\n{}",
        l.text
    );
}

/// A post without its hashtags and link.
fn body(t: &Teaser) -> String {
    t.text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("https://"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_intent(url: &str) -> String {
    let (_, text) = url.split_once("?text=").unwrap();
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// Every line of a generated body is the article's own words or a neutral frame, and a
/// shortened sentence was cut right before a clause mark.
fn reads_as_written(body: &str, source: &str, language: Language, phone: Option<&str>) {
    let f = frames(language);
    for line in body.lines() {
        if f.closings.contains(&line) {
            continue;
        }
        // The clinic's number, under a sentence that asks to call.
        if phone.is_some_and(|p| line.strip_prefix("お電話：") == Some(p)) {
            continue;
        }
        let quoted = |text: &str| {
            let text = text.trim();
            if let Some(head) = text.strip_suffix('…') {
                let marks: &[&str] = match language {
                    Language::Ja => &["、"],
                    Language::En => &[",", " ", ";"],
                };
                marks.iter().any(|m| source.contains(&format!("{head}{m}")))
            } else {
                source.contains(text)
            }
        };
        let ok = if let Some(inner) = line.strip_prefix('【').and_then(|l| l.strip_suffix('】')) {
            quoted(inner)
        } else if line.contains("✔ ") {
            line.split("✔ ")
                .filter(|s| !s.trim().is_empty())
                .all(quoted)
        } else if let Some(inner) = line
            .strip_prefix('「')
            .and_then(|l| l.strip_suffix("」についてまとめました。"))
        {
            quoted(inner)
        } else if let Some(inner) = line.strip_suffix(':') {
            quoted(inner)
        } else if let Some((label, value)) = line.split_once('：')
            && !quoted(line)
        {
            // A heading and the line under it (「対象：13歳以上の方」).
            quoted(label) && quoted(value)
        } else {
            quoted(line)
        };
        assert!(ok, "not the article's words: {line:?}");
    }
}

#[test]
fn japanese_article_with_description_and_a_list() {
    let f = kafun();
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    let [v1, v2, v3] = &g.x[..] else {
        panic!("{:#?}", g.x)
    };
    // The opener (a point with a number) after the description it is advice on; not the
    // title (X shows it on the link's card).
    assert!(
        v1.text.starts_with(
            "目のかゆみは、こすらずに冷やすのが基本です。市販の目薬を使う前に知っておきたいポイントをまとめました。\n充血が3日以上続くときや、目やにが増えたときは早めに受診しましょう。"
        ),
        "{}",
        v1.text
    );
    assert!(v1.text.contains("\n#花粉症 #眼科\nhttps://"), "{}", v1.text);
    // The checklist, then the next key sentence under its heading.
    assert!(
        v2.text
            .contains("✔ 眼鏡をかける ✔ 帰宅したら洗顔する ✔ 洗濯物は室内に干す"),
        "{}",
        v2.text
    );
    assert!(
        v3.text
            .starts_with("【花粉を目に入れない工夫】\n花粉の多い日は、外出後すぐに顔を洗う"),
        "{}",
        v3.text
    );
    // The sentence with its own link is never quoted.
    assert!(g.x.iter().all(|t| !t.text.contains("example.com/pollen")));
    assert_eq!(
        [v1, v2, v3].map(|t| t.suggested_date),
        [date(2026, 2, 10), date(2026, 2, 13), date(2026, 2, 20)]
    );
}

#[test]
fn japanese_article_without_description_sanitises_hashtags() {
    let f = kaze();
    let config = config();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    // The opening paragraph standing in for the missing description, then the advice.
    assert!(
        g.x[0]
            .text
            .starts_with("寒くなると、お子さんの発熱で受診される方が増えてきます。毎日の習慣で、かかりにくい体をつくりましょう。\n部屋の湿度は50〜60%を目安にしましょう。"),
        "{}",
        g.x[0].text
    );
    assert!(
        g.x[0].text.contains("\n#子ども発熱 #COVID19 #小児科\n"),
        "{}",
        g.x[0].text
    );
    assert!(
        g.x.iter()
            .any(|t| t.text.contains("予防のポイント\n✔ 手洗い ✔ 睡眠 ✔ 加湿"))
    );
    // The Japanese slug is percent-encoded in the link.
    assert!(g.x[0].url.starts_with(
        "https://example-clinic.jp/blog/%E9%A2%A8%E9%82%AA%E4%BA%88%E9%98%B2/?utm_source=x&utm_medium=social"
    ));
    assert_eq!(g.warnings.len(), 1, "{:?}", g.warnings);
    assert!(g.warnings[0].ja.contains("2025"));
}

#[test]
fn english_article() {
    let f = hay_fever();
    let config = Teasers {
        variants: 4,
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(
        g.x[0].text.starts_with(
            "How to sleep better during hay fever season\nBlocked noses keep many people awake in spring. Here are simple steps that help."
        ),
        "{:#?}\n{:?}",
        g.x,
        g.line
    );
    assert!(
        g.x[0].text.contains("\n#hayfever #sleep\n"),
        "{}",
        g.x[0].text
    );
    assert!(
        g.x.iter()
            .any(|t| t.text.contains("Before bed:\n✔ Shower to rinse off pollen"))
    );
    assert!(
        g.line
            .as_ref()
            .expect("a LINE message")
            .text
            .starts_with("How to sleep better during hay fever season\n\nBlocked noses")
    );
    // A fourth variant would come a week after the last scheduled day.
    assert_eq!(
        suggested_date(date(2026, 2, 10), &config.schedule_days, 4),
        date(2026, 2, 27)
    );
}

#[test]
fn own_teasers_come_first_as_written() {
    let mut f = kafun();
    f.own = strings(&[
        "花粉症の目のかゆみ、こすっていませんか？👀\n冷やすのが基本です。",
        "目薬の前に知っておきたいこと、まとめました。 ",
    ]);
    f.hashtags = strings(&["花粉症", "眼科"]);
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert_eq!(
        g.x[0].text,
        "花粉症の目のかゆみ、こすっていませんか？👀\n冷やすのが基本です。\n#花粉症 #眼科\n\
         https://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_medium=social&utm_campaign=kafun-eye&utm_content=v1"
    );
    assert!(
        g.x[1]
            .text
            .starts_with("目薬の前に知っておきたいこと、まとめました。\n#花粉症")
    );
    assert_eq!(g.x.len(), 3);
}

#[test]
fn too_long_own_teaser_is_shortened_at_a_sentence() {
    let mut f = kafun();
    let first = "目のかゆみはこすらずに冷やしましょう。".to_string();
    f.own = vec![format!(
        "{first}{}",
        "花粉の季節は長く続きます。".repeat(12)
    )];
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(g.x[0].text.starts_with(&first));
    assert!(body(&g.x[0]).ends_with('。'));
    assert!(g.warnings.iter().any(|w| w.en.contains("shortened")));
}

#[test]
fn very_long_title_and_no_description_still_give_valid_posts() {
    for title in [
        // 300 characters with clause marks: cut at one.
        "花粉症の季節に目のかゆみが続くとき、".repeat(16) + &"あ".repeat(12),
        // 300 characters with no mark at all: the title cannot be used.
        "あ".repeat(300),
    ] {
        assert_eq!(title.chars().count(), 300);
        let f = Fixture {
            title,
            description: None,
            ..kaze()
        };
        let config = config();
        let g = generate(&f.input(), &config);
        check(&f, &g, &config);
    }
}

#[test]
fn bare_article_gets_its_title_once() {
    let f = Fixture {
        slug: "oshirase",
        title: "年末年始の休診のお知らせ".into(),
        description: None,
        summary: "",
        body: "",
        canonical: "https://example-clinic.jp/news/oshirase/",
        tags: Vec::new(),
        hashtags: Vec::new(),
        own: Vec::new(),
        language: Language::Ja,
        clinic_phone: None,
    };
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    // Only the title to say: one post, and a warning that says why.
    assert_eq!(g.x.len(), 1);
    assert!(
        g.x[0]
            .text
            .starts_with("年末年始の休診のお知らせ\n詳しくはブログで。\n")
    );
    assert_eq!(g.warnings.len(), 1, "{:?}", g.warnings);
}

#[test]
fn no_utm_when_switched_off() {
    let f = kafun();
    let config = Teasers {
        utm: false,
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    assert!(
        g.x.iter()
            .all(|t| t.url == "https://example-clinic.jp/blog/kafun-eye/")
    );
    assert_eq!(
        g.line.as_ref().expect("a LINE message").url,
        "https://example-clinic.jp/blog/kafun-eye/"
    );
    assert!(g.x.iter().all(|t| parse(&t.text).valid));
}

#[test]
fn schedule() {
    let d = date(2026, 2, 10);
    assert_eq!(suggested_date(d, &[0, 3, 10], 1), d);
    assert_eq!(suggested_date(d, &[0, 3, 10], 3), date(2026, 2, 20));
    assert_eq!(suggested_date(d, &[0, 3, 10], 5), date(2026, 3, 6));
    assert_eq!(suggested_date(d, &[], 1), d);
    assert_eq!(suggested_date(d, &[], 2), date(2026, 2, 17));
    assert_eq!(
        suggested_date(d, &[u32::MAX], 1),
        d,
        "out of range: publication day"
    );
}

const CLOSURE_BODY: &str = "\
院長の学会出席のため、10月14日（水）は終日休診とさせていただきます。
10月15日（木）は通常の休診日のため、次の診療は10月16日（金）からとなります。
お薬が切れそうな方は、10月13日（火）までにご来院ください。
ご迷惑をおかけしますが、どうぞよろしくお願いいたします。
";

#[test]
fn a_notice_gives_its_subject_and_the_dates_to_act_on() {
    let f = ja_notice(
        "closure-oct",
        "10月14日（水）臨時休診のお知らせ",
        "学会出席のため、10月14日（水）は終日休診します。",
        CLOSURE_BODY,
    );
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let first = body(&g.x[0]);
    // The title says what the news is about; the body adds the next open day and the
    // last day to come for medicine, in the article's order.
    assert!(
        first.starts_with("【10月14日（水）臨時休診のお知らせ】\n"),
        "{first}"
    );
    let next = first.find("次の診療は10月16日（金）から").expect(&first);
    let medicine = first.find("10月13日（火）までに").expect(&first);
    assert!(next < medicine, "{first}");
    let line = &g.line.as_ref().expect("a LINE message").text;
    assert!(line.contains("次の診療は10月16日（金）から"), "{line}");
}

#[test]
fn a_notice_says_whom_it_is_for() {
    let f = ja_notice(
        "flu-2026",
        "インフルエンザ予防接種の予約受付を開始します",
        "9月7日（月）から予約受付を開始します。",
        "\
いつもご利用いただき、ありがとうございます。

## 対象

13歳以上の方（中学生以上）
12歳以下のお子さんは、お近くの小児科にご相談ください。

## 料金

| 対象 | 料金 |
| --- | --- |
| 13歳〜64歳の方 | 1回 3,500円 |
",
    );
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let first = body(&g.x[0]);
    assert!(
        first.contains("対象：13歳以上の方（中学生以上）"),
        "{first}"
    );
    assert!(!first.contains("3,500円"), "{first}");
}

#[test]
fn a_list_whose_heading_names_nothing_of_the_title_carries_the_title() {
    let f = ja_article(
        "techo",
        "お薬手帳、じょうずに使えていますか？",
        "飲み合わせの確認や災害時にも役立ちます。",
        "\
## 使い方のチェックリスト

- 手帳は1冊にまとめている
- 受診のときは必ず持っていく
- 市販薬を使ったら、名前をメモしている
",
    );
    let list = x_post_with(&f, &Teasers::default(), "使い方のチェックリスト");
    assert!(
        list.starts_with("【お薬手帳、じょうずに使えていますか？】\n"),
        "{list}"
    );
}

#[test]
fn an_answer_goes_with_its_question_whole_before_hashtags() {
    let f = ja_article(
        "shisshin",
        "子どもの湿疹と保湿、皮膚科でよく聞かれること",
        "汗をかく夏は、子どもの湿疹が悪化しやすい季節です。",
        "\
## ステロイドの塗り薬は、使い続けて大丈夫ですか？

ステロイドの塗り薬は、湿疹の炎症をしずめるためにとても役立つお薬です。指示された量と期間を守って使えば、過度に心配する必要はありません。自己判断で急にやめると、ぶり返すこともあります。
",
    );
    let config = Teasers {
        hashtags: strings(&["皮膚のトラブル", "子どもの健康", "さくら台クリニック"]),
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let answer =
        g.x.iter()
            .map(body)
            .find(|b| b.contains("とても役立つお薬です"))
            .expect("a post with the answer");
    assert!(
        answer.starts_with("【ステロイドの塗り薬は、使い続けて大丈夫ですか？】\n"),
        "{answer}"
    );
    assert!(
        answer.contains("指示された量と期間を守って使えば、過度に心配する必要はありません。"),
        "{answer}"
    );
    // With what comes after its point: cut before it, an answer can mislead.
    assert!(
        answer.contains("自己判断で急にやめると、ぶり返すこともあります。"),
        "{answer}"
    );
    // An answer too long to go whole is not posted in part.
    let f = ja_article(
        "kenshin",
        "特定健診Q&A",
        "特定健診の当日の準備についてお答えします。",
        "\
## Q. 当日の朝ごはんは食べてもいいですか？

A. 血液検査があるため、前日の夜9時以降は食事をしないでください。水やお茶（砂糖の入っていないもの）は飲んでも大丈夫です。毎日飲んでいる血圧のお薬などは、いつもどおり飲んでください。糖尿病のお薬やインスリンを使っている方は、事前にご相談ください。当日は、検査の30分前までにお越しください。
",
    );
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(
        g.x.iter()
            .map(body)
            .all(|b| !b.contains("いつもどおり飲んでください")
                || b.contains("インスリンを使っている方は")),
        "{:#?}",
        g.x
    );
}

#[test]
fn a_notice_list_says_when_as_well_as_whose() {
    let f = ja_notice(
        "nenmatsu",
        "年末年始の休診のお知らせ",
        "12月29日（火）から1月3日（日）まで休診します。",
        "\
## お休み中に具合が悪くなったら

- 救急車を呼ぶか迷うとき：救急安心センター（#7119）
- お子さんの急な病気：こども医療でんわ相談（#8000）
",
    );
    let list = x_post_with(&f, &Teasers::default(), "✔ ");
    assert!(
        list.starts_with(
            "【年末年始の休診のお知らせ】\n12月29日（火）から1月3日（日）まで休診します。\n"
        ),
        "{list}"
    );
}

#[test]
fn a_list_under_the_title_has_one_heading() {
    let f = ja_article(
        "yotsu",
        "腰痛とつきあうための、ストレッチの使い方",
        "デスクワークや家事でくり返す腰の痛み。",
        "\
## まず確認してほしいこと

次のような場合は、ストレッチの前に受診してください。

- 足のしびれや、力の入りにくさがある
- 尿や便が出にくい、もらしてしまう
- 熱がある、体重が急に減っている
",
    );
    let list = x_post_with(&f, &Teasers::default(), "✔ ");
    assert!(
        list.starts_with("【腰痛とつきあうための、ストレッチの使い方】\n次のような場合は"),
        "{list}"
    );
}

#[test]
fn a_one_word_label_goes_under_the_title_over_its_list() {
    let f = ja_article(
        "nettyu",
        "熱中症を防ぐための、毎日のチェックリスト",
        "梅雨明け前から気をつけたい熱中症。",
        "\
## 毎日のチェックリスト

### 朝

- 今日の最高気温と「暑さ指数」を確認した
- 起きてすぐにコップ1杯の水を飲んだ
- 体調はいつもどおり
",
    );
    let list = x_post_with(&f, &Teasers::default(), "✔ ");
    assert!(
        list.starts_with("熱中症を防ぐための、毎日のチェックリスト\n朝\n✔ "),
        "{list}"
    );
}

#[test]
fn a_short_notice_is_posted_whole_in_place_of_a_lead_it_repeats() {
    let f = ja_notice(
        "parking",
        "駐車場の工事についてのお知らせ",
        "1月25日（月）〜30日（土）、駐車場の舗装工事のため一部がご利用いただけません。",
        "\
1月25日（月）から30日（土）まで、クリニック前の駐車場で舗装工事を行います。
期間中は8台のうち4台分がご利用いただけなくなりますので、なるべく徒歩でお越しください。
",
    );
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let first = body(&g.x[0]);
    assert!(first.contains("8台のうち4台分"), "{first}");
    assert!(first.contains("1月25日（月）から30日（土）まで"), "{first}");
    assert!(!first.contains("一部がご利用いただけません"), "{first}");
    let line = &g.line.as_ref().expect("a LINE message").text;
    assert!(!line.contains("一部がご利用いただけません"), "{line}");
}

#[test]
fn a_sentence_that_needs_its_paragraph_makes_no_post_of_its_own() {
    let f = ja_article(
        "kansen",
        "この冬の感染対策",
        "待合室の換気と、ご来院のときのお願いをまとめました。",
        "\
## 手洗いと換気

手洗いと換気は、冬の感染対策の基本で、待合室でも毎日続けています。待合室の窓は、1時間に2回開けています。

特別なことより、毎日の積み重ねが大切です。
",
    );
    let config = Teasers {
        variants: 6,
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(
        g.x.iter().all(|t| !t.text.contains("毎日の積み重ね")),
        "{:#?}",
        g.x
    );
    // What names the title's subject is.
    assert!(
        g.x.iter()
            .any(|t| t.text.contains("冬の感染対策の基本で、")),
        "{:#?}",
        g.x
    );
}

#[test]
fn an_answer_goes_on_to_its_point() {
    let f = ja_article(
        "flu-qa",
        "インフルエンザ予防接種のQ&A",
        "よくいただく質問にお答えします。",
        "\
## 接種はいつごろがよいですか？

効果が出るまでに2週間ほどかかります。流行が始まる前の10月下旬から12月上旬の接種がおすすめです。
",
    );
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let answer =
        g.x.iter()
            .map(body)
            .find(|b| b.contains("2週間ほど"))
            .unwrap_or_else(|| panic!("the answer is posted: {:#?}", g.x));
    assert!(
        answer.contains("【接種はいつごろがよいですか？】"),
        "{answer}"
    );
    assert!(answer.contains("10月下旬から12月上旬"), "{answer}");
}

#[test]
fn a_checklist_keeps_the_sentence_that_says_what_it_is_for() {
    let f = ja_article(
        "koshi",
        "腰痛のストレッチ",
        "自宅でできる腰痛のストレッチを紹介します。",
        "\
## まず確認してほしいこと

次のような場合は、ストレッチの前に受診してください。

- 足のしびれや、力の入りにくさがある
- 熱がある、体重が急に減っている
- 横になっていても痛みが強い
",
    );
    let config = Teasers::default();
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let list =
        g.x.iter()
            .map(body)
            .find(|b| b.contains("✔ 足のしびれ"))
            .unwrap_or_else(|| panic!("the list is posted: {:#?}", g.x));
    // Without it, warning signs read as items to tick.
    let intro = list.find("ストレッチの前に受診してください").expect(&list);
    assert!(intro < list.find("✔ 足のしびれ").unwrap_or(0), "{list}");
    let line = &g.line.as_ref().expect("a LINE message").text;
    assert!(line.contains("ストレッチの前に受診してください"), "{line}");
}

#[test]
fn an_answer_after_its_label_is_still_the_answer() {
    let f = ja_article(
        "flu-qa",
        "インフルエンザ予防接種のQ&A",
        "よくいただく質問にお答えします。",
        "\
## Q. いつごろ接種するのがよいですか？

A. ワクチンの効果が出るまでに、接種から2週間ほどかかると言われています。
例年12月ごろから流行するので、10月下旬から12月上旬までの接種がおすすめです。
",
    );
    let config = Teasers {
        variants: 4,
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    assert!(
        g.x.iter().map(body).any(|b| b.contains("いつごろ接種")
            && b.contains("2週間ほど")
            && b.contains("10月下旬から12月上旬")),
        "{:#?}",
        g.x
    );
}

#[test]
fn a_quote_that_tells_an_earlier_post_again_is_left_out() {
    let f = ja_article(
        "co2",
        "待合室に CO2 モニターを置きました",
        "冬の感染対策として、待合室の換気を見える化しました。",
        "\
## CO2 モニター

待合室の受付横に CO2 モニターを置き、数値が1,000ppmをこえたら窓を開けています。

## 換気の目安

CO2 モニターを待合室の受付横に置いて、数値が1,000ppmをこえそうなら窓を開けます。

## ご来院の方へ

マスクは任意ですが、せきが出る方は2枚重ねずに1枚をしっかりつけてください。
",
    );
    let config = Teasers {
        variants: 5,
        ..Teasers::default()
    };
    let g = generate(&f.input(), &config);
    check(&f, &g, &config);
    let about_the_monitor = g.x.iter().filter(|t| t.text.contains("1,000ppm")).count();
    assert_eq!(about_the_monitor, 1, "{:#?}", g.x);
}

#[test]
fn a_post_that_asks_to_call_carries_the_clinics_number() {
    let f = Fixture {
        clinic_phone: Some("03-0000-0000"),
        ..ja_article(
            "egg-allergy",
            "卵アレルギーのお子さんのインフルエンザ予防接種",
            "卵アレルギーがあっても、多くの場合は予防接種を受けられます。以前に強い症状が出たことがある方は、予約の前にお電話でご相談ください。",
            "## 接種の前に\n\n当日は母子手帳をお持ちください。\n",
        )
    };
    let post = x_post_with(&f, &config(), "お電話でご相談ください");
    assert!(
        post.contains("お電話でご相談ください。\nお電話：03-0000-0000"),
        "{post}"
    );
    let g = generate(&f.input(), &config());
    let line = g.line.expect("a LINE message").text;
    assert!(line.contains("お電話：03-0000-0000"), "{line}");
    // Without a number configured, the post is as before.
    let without = Fixture {
        clinic_phone: None,
        ..f
    };
    assert!(!x_post_with(&without, &config(), "お電話で").contains("お電話："));
}

#[test]
fn a_lead_that_names_the_title_s_subject_opens_without_the_title() {
    let body = "## 保湿のこつ\n\nお風呂あがりに、肌がしっとりしているうちに塗りましょう。\n";
    let f = ja_article(
        "eczema",
        "子どもの湿疹と保湿、皮膚科でよく聞かれること",
        "汗をかく夏は、子どもの湿疹が悪化しやすい季節。よくある疑問にお答えします。",
        body,
    );
    let g = generate(&f.input(), &config());
    check(&f, &g, &config());
    // The title is on the link card right under the post.
    assert!(
        body_of(&g, 0).starts_with("汗をかく夏は、"),
        "{}",
        body_of(&g, 0)
    );
    // A title that asks is the hook.
    let f = ja_article(
        "techo",
        "お薬手帳、じょうずに使えていますか？",
        "お薬手帳は、飲み合わせの確認や災害時にも役立ちます。",
        body,
    );
    let g = generate(&f.input(), &config());
    check(&f, &g, &config());
    assert!(
        body_of(&g, 0).starts_with("お薬手帳、じょうずに使えていますか？\n"),
        "{}",
        body_of(&g, 0)
    );
}

fn body_of(g: &Generated, n: usize) -> String {
    body(&g.x[n])
}

#[test]
fn a_line_message_puts_a_key_point_before_an_announcement() {
    let f = ja_article(
        "eczema-qa",
        "子どもの湿疹と保湿、皮膚科でよく聞かれること",
        "汗をかく夏は、子どもの湿疹が悪化しやすい季節。保湿剤やステロイドの塗り薬について、よくある疑問に皮膚科医がお答えします。",
        "## ステロイドの塗り薬は、使い続けて大丈夫ですか？\n\nステロイドの塗り薬は、湿疹の炎症をしずめるためにとても役立つお薬です。医師が、症状や体の場所に合わせて強さを選んでいます。指示された量と期間を守って使えば、過度に心配する必要はありません。\n",
    );
    let g = generate(&f.input(), &config());
    check(&f, &g, &config());
    let line = g.line.expect("a LINE message").text;
    assert!(
        line.contains("【ステロイドの塗り薬は、使い続けて大丈夫ですか？】"),
        "{line}"
    );
    assert!(
        line.contains("汗をかく夏は、子どもの湿疹が悪化しやすい季節。"),
        "{line}"
    );
    assert!(!line.contains("お答えします"), "{line}");
}

#[test]
fn a_question_that_names_nothing_of_the_title_goes_under_it() {
    let f = ja_article(
        "kenshin-qa",
        "特定健診Q&A",
        "特定健診の当日の準備についてお答えします。",
        "\
## Q. 何を持っていけばいいですか？

受診券、保険証、記入済みの問診票をお持ちください。尿検査の容器が届いている方は、当日の朝の尿をとってお持ちください。
",
    );
    let post = x_post_with(&f, &config(), "受診券、保険証");
    assert!(
        post.starts_with("特定健診Q&A\n【Q. 何を持っていけばいいですか？】\n"),
        "{post}"
    );
}

#[test]
fn a_short_notice_posted_whole_on_line_has_no_invitation_to_read_more() {
    let f = ja_notice(
        "parking",
        "駐車場の工事についてのお知らせ",
        "1月25日（月）から30日（土）まで、駐車場で舗装工事を行います。",
        "期間中は8台のうち4台分がご利用いただけません。なるべく徒歩でお越しください。\n",
    );
    let g = generate(&f.input(), &config());
    check(&f, &g, &config());
    let line = g.line.expect("a LINE message").text;
    assert!(line.contains("なるべく徒歩でお越しください。"), "{line}");
    assert!(!line.contains("続きはブログで"), "{line}");
}
