//! What a TOML or YAML parser's error means, said in plain Japanese (with English beside), for
//! the front matter of an article and for `clinote.toml`.
//!
//! The parsers speak of "basic strings" and "plain scalars"; a writer needs to hear which
//! character is wrong and what to type instead. Two mistakes the parsers cannot name are looked
//! for on the offending line first: full-width symbols typed with a Japanese input method
//! (`＝`, `”`, `：`) and dates written with slashes (`2026/12/07`).

use clinote_diagnostic::Bilingual;

/// A parser error, explained: what is wrong, and (when the line shows it) what to write.
pub(crate) struct Explained {
    pub message: Bilingual,
    pub help: Option<Bilingual>,
}

/// Full-width symbols and the ASCII character the syntax wants instead.
const FULL_WIDTH: &[(char, char, &str)] = &[
    ('＝', '=', "イコール"),
    ('”', '"', "ダブルクォート"),
    ('“', '"', "ダブルクォート"),
    ('″', '"', "ダブルクォート"),
    ('＂', '"', "ダブルクォート"),
    ('’', '\'', "シングルクォート"),
    ('‘', '\'', "シングルクォート"),
    ('：', ':', "コロン"),
    ('，', ',', "カンマ"),
    ('［', '[', "かっこ"),
    ('］', ']', "かっこ"),
    ('｛', '{', "かっこ"),
    ('｝', '}', "かっこ"),
    ('＃', '#', "シャープ"),
    ('\u{3000}', ' ', "スペース"),
];

/// The parser's `detail` in plain words, looking at the offending `line` when there is one.
pub(crate) fn explain(detail: &str, line: Option<&str>) -> Explained {
    let detail = detail.trim();
    if let Some(line) = line {
        if let Some(e) = full_width(line, detail) {
            return e;
        }
        if let Some(e) = slashed_date(line, detail) {
            return e;
        }
    }
    let ja = in_japanese(detail).unwrap_or_else(|| {
        "この位置の書き方を読み取れませんでした（英語の説明を参考に、記号や字下げを確かめてください）".to_string()
    });
    Explained {
        message: Bilingual::new(ja, detail),
        help: None,
    }
}

/// Full-width symbols outside "…" on `line`, named, with the line as it should read.
fn full_width(line: &str, detail: &str) -> Option<Explained> {
    let mut found: Vec<(char, char, &str)> = Vec::new();
    let mut fixed = String::with_capacity(line.len());
    let mut in_quotes = false;
    for c in line.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        match FULL_WIDTH.iter().find(|(wide, _, _)| *wide == c) {
            Some(&(wide, ascii, name)) if !in_quotes => {
                if !found.iter().any(|(w, _, _)| *w == wide) {
                    found.push((wide, ascii, name));
                }
                fixed.push(ascii);
            }
            _ => fixed.push(c),
        }
    }
    if found.is_empty() {
        return None;
    }
    let ja_list = found
        .iter()
        .map(|(wide, ascii, name)| {
            if *wide == '\u{3000}' {
                "全角スペース「　」→ 半角スペース".to_string()
            } else {
                format!("全角の{name}「{wide}」→ 半角の「{ascii}」")
            }
        })
        .collect::<Vec<_>>()
        .join("、");
    let en_list = found
        .iter()
        .map(|(wide, ascii, _)| {
            if *wide == '\u{3000}' {
                "the full-width space → an ASCII space".to_string()
            } else {
                format!("full-width “{wide}” → ASCII “{ascii}”")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let fixed = fixed.trim();
    Some(Explained {
        message: Bilingual::new(
            format!(
                "全角の記号が使われています（{ja_list}）。記号は半角（日本語入力を切った状態）で書きます"
            ),
            format!(
                "a full-width symbol is used ({en_list}); symbols must be typed in ASCII ({detail})"
            ),
        ),
        help: Some(Bilingual::new(
            format!("この行を `{fixed}` と書き直してください。"),
            format!("write the line as `{fixed}`"),
        )),
    })
}

/// A date written `2026/12/07` (or `2026/12/7`), which the parsers take for text or an error.
fn slashed_date(line: &str, detail: &str) -> Option<Explained> {
    let (key, value) = line.split_once(['=', ':'])?;
    let value = value.trim().trim_matches(['"', '\'']);
    let date = hyphenated_date(value)?;
    let sep = if line.contains('=') { " = " } else { ": " };
    let key = key.trim();
    Some(Explained {
        message: Bilingual::new(
            format!("日付は「/」ではなく「-」でつないで書きます（{value} → {date}）"),
            format!("a date is written with “-”, not “/” ({value} → {date}; {detail})"),
        ),
        help: Some(Bilingual::new(
            format!("`{key}{sep}{date}` と書いてください（\"…\" で囲みません）。"),
            format!("write `{key}{sep}{date}` (without quotes)"),
        )),
    })
}

/// `2026/12/7` (or `2026.12.7`) as `2026-12-07`; `None` for anything else.
pub(crate) fn hyphenated_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.trim().split(['/', '.']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return None;
    }
    Some(format!("{y}-{m:0>2}-{d:0>2}"))
}

/// The parsers' messages in plain Japanese; `None` for those not in the table.
fn in_japanese(detail: &str) -> Option<String> {
    const TABLE: &[(&str, &str)] = &[
        (
            "string values must be quoted",
            "文字は \"…\" で囲んでください（例: title = \"花粉症\"）",
        ),
        (
            "invalid multi-line basic string",
            "\"\"\" で始めた複数行の文字が閉じていません。文字の終わりにも \"\"\" を付けてください",
        ),
        (
            "invalid multi-line literal string",
            "''' で始めた複数行の文字が閉じていません。文字の終わりにも ''' を付けてください",
        ),
        (
            "invalid basic string",
            "\" が閉じていません。文字の終わりにも \" を付けてください",
        ),
        (
            "missing opening quote",
            "文字の始めに \" がありません。文字は \"…\" で囲みます",
        ),
        (
            "invalid literal string",
            "' が閉じていません。文字の終わりにも ' を付けてください",
        ),
        ("duplicate", "同じ項目が 2 回書かれています"),
        ("key with no value", "項目名のあとに = がありません"),
        ("expected month", "日付の月は 01〜12 にしてください"),
        ("expected day", "その月にない日付です"),
        (
            "invalid date",
            "日付が正しくありません（2026-01-31 の形で書きます）",
        ),
        (
            "missing comma between array elements",
            "リストの項目の間に , がないか、] で閉じていません",
        ),
        ("unclosed array", "[ で始めたリストが ] で閉じていません"),
        ("unclosed inline table", "{ で始めた表が } で閉じていません"),
        (
            "expected newline",
            "1 行に 1 つの項目を書きます。値のあとに余計な文字があります",
        ),
        (
            "invalid key",
            "項目名に使えない文字があります（項目名は半角英数字と _ - で書きます）",
        ),
        (
            "invalid string",
            "文字の書き方が正しくありません。\"…\" で囲んでいるか確かめてください",
        ),
        (
            "tab",
            "タブ文字があります。YAML では字下げや区切りにタブは使えません。半角スペースにしてください",
        ),
        (
            "mapping values are not allowed",
            "値の中に「: 」があります。値を \"…\" で囲むか、字下げを確かめてください",
        ),
        (
            "illegal placement of ':'",
            "「:」の位置が正しくありません。値を \"…\" で囲んでください",
        ),
        (
            "cannot start any token",
            "行の始めに使えない記号（@ や ` など）があります。値を \"…\" で囲んでください",
        ),
        ("did not find expected", "かっこや引用符が閉じていません"),
        ("unclosed", "かっこや引用符が閉じていません"),
        (
            "invalid indentation",
            "字下げ（行頭の空白）がそろっていません",
        ),
        (
            "invalid type",
            "値の種類が違います（文字は \"…\"、数は 10、はい/いいえは true/false で書きます）",
        ),
    ];
    TABLE
        .iter()
        .find(|(en, _)| detail.contains(en))
        .map(|(_, ja)| ja.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii_only(s: &str) -> bool {
        // Japanese messages may hold the parser's words only as quoted code.
        !s.split('`')
            .step_by(2)
            .any(|part| part.contains("expected") || part.contains("scalar"))
    }

    #[test]
    fn full_width_symbols_are_named_and_the_line_is_rewritten() {
        let e = explain(
            "key with no value, expected `=`",
            Some("title ＝ \"テスト\""),
        );
        assert!(
            e.message.ja.contains("全角のイコール「＝」"),
            "{}",
            e.message.ja
        );
        assert!(e.help.unwrap().ja.contains("`title = \"テスト\"`"));

        let e = explain(
            "string values must be quoted, expected literal string",
            Some("title = ”テスト”"),
        );
        assert!(e.message.ja.contains("「”」"), "{}", e.message.ja);
        assert!(e.help.unwrap().ja.contains("`title = \"テスト\"`"));

        // Inside "…" a full-width symbol is the writer's text.
        let e = explain("invalid basic string", Some("description = \"A＝B"));
        assert!(!e.message.ja.contains("全角"), "{}", e.message.ja);
    }

    #[test]
    fn a_date_with_slashes_is_given_back_with_hyphens() {
        let e = explain(
            "string values must be quoted, expected literal string",
            Some("date = 2026/12/7"),
        );
        assert!(e.message.ja.contains("2026-12-07"), "{}", e.message.ja);
        let help = e.help.unwrap();
        assert!(help.ja.contains("`date = 2026-12-07`"), "{}", help.ja);
        assert!(!help.ja.contains("囲んでください"), "{}", help.ja);
    }

    #[test]
    fn parser_english_stays_out_of_the_japanese() {
        for detail in [
            "while scanning a plain scalar, found a tab",
            "tabs disallowed within this context (block indentation)",
            "missing opening quote, expected `\"`",
            "invalid literal string, expected `'`",
            "something no table knows, expected `x`",
        ] {
            let e = explain(detail, Some("x: y"));
            assert!(ascii_only(&e.message.ja), "{detail}: {}", e.message.ja);
            assert!(e.message.en.contains(detail), "{detail}: {}", e.message.en);
        }
    }
}
