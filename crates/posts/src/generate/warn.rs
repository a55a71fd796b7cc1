//! The generator's warnings, one small function each: what went wrong, in Japanese and
//! English, for the caller to show with the article's file. Teaser numbers are 1-based, as
//! the writer counts the entries of `teasers` in the front matter.

use crate::LINE_MAX_UTF16;
use clinote_diagnostic::Bilingual;

pub(super) fn not_absolute(url: &str) -> Bilingual {
    Bilingual::new(
        format!("正規URL「{url}」が絶対URLではありません"),
        format!("canonical URL \"{url}\" is not an absolute URL"),
    )
}

pub(super) fn own_has_url(index: usize) -> Bilingual {
    let n = index + 1;
    Bilingual::new(
        format!(
            "teasers の{n}件目にURLがあります。記事へのリンクは自動で付くので、本文から外してください"
        ),
        format!(
            "teaser {n} holds a URL; the article's link is added for you, so remove it from the text"
        ),
    )
}

pub(super) fn own_too_long(index: usize) -> Bilingual {
    let n = index + 1;
    Bilingual::new(
        format!("teasers の{n}件目は280字（X換算）に収まらないため使えません"),
        format!("teaser {n} cannot fit in 280 (as X counts) and was left out"),
    )
}

pub(super) fn own_shortened(index: usize) -> Bilingual {
    let n = index + 1;
    Bilingual::new(
        format!("teasers の{n}件目が長すぎるため、文の区切りで短くしました"),
        format!("teaser {n} was too long and was shortened at a sentence break"),
    )
}

pub(super) fn own_repeated(index: usize) -> Bilingual {
    let n = index + 1;
    Bilingual::new(
        format!("teasers の{n}件目は他の投稿と同じ文面です"),
        format!("teaser {n} repeats another post's text"),
    )
}

pub(super) fn too_few(written: usize, wanted: usize) -> Bilingual {
    Bilingual::new(
        format!(
            "この記事から作れたXの投稿文は{written}件です（設定は{wanted}件）。それだけで伝わる文（数字や問いかけ、ポイントを述べた文）が少ないためで、水増しはしていません。増やしたいときは、front matter の teasers に投稿文を書き足してください"
        ),
        format!(
            "{written} X {} could be written from this article ({wanted} wanted): few of its sentences stand alone as a post, and none is padded out; to have more, write them in the front matter's `teasers`",
            if written == 1 { "post" } else { "posts" }
        ),
    )
}

/// [`too_few`], when drafts were left out because they would promote the article's
/// treatment (a self-pay page with its disclosures).
pub(super) fn too_few_kept(written: usize, wanted: usize) -> Bilingual {
    Bilingual::new(
        format!(
            "この記事から作れたXの投稿文は{written}件です（設定は{wanted}件）。ほかの案は記事の治療を案内する内容になるため外しました（SNS では自由診療などの説明を尽くせません）。治療にふれない投稿文を front matter の teasers に書くこともできます"
        ),
        format!(
            "{written} X {} could be written from this article ({wanted} wanted): the other drafts would promote its treatment, which posts cannot carry the disclosures for; you may write posts that do not in the front matter's `teasers`",
            if written == 1 { "post" } else { "posts" }
        ),
    )
}

pub(super) fn line_too_long() -> Bilingual {
    Bilingual::new(
        format!("記事のURLだけでLINEの{LINE_MAX_UTF16}字を超えます"),
        format!("the article's URL alone is over LINE's {LINE_MAX_UTF16} characters"),
    )
}

pub(super) fn line_not_kept() -> Bilingual {
    Bilingual::new(
        "LINE のメッセージは、記事の治療を案内する内容になるため作りませんでした（SNS・LINE では自由診療などの説明を尽くせません）。送るときは、治療にふれない文を書いてください",
        "no LINE message was written: it would promote the article's treatment, which push media cannot carry the disclosures for; write one that does not",
    )
}
