//! The terminal's line for one rebuild: what changed, what was rendered, how long it took.

use clinote_diagnostic::Bilingual;

use super::Update;

/// A message for the terminal: what changed, what was rendered, how long it took.
pub fn describe(update: &Update, errors: usize) -> Bilingual {
    let causes = match update.causes.as_slice() {
        [] => "サイト全体".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} ほか {} 件", rest.len()),
    };
    let causes_en = match update.causes.as_slice() {
        [] => "the whole site".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    };
    let ms = update.elapsed.as_secs_f64() * 1000.0;
    let (what_ja, what_en) = if errors > 0 {
        (
            format!("エラー {errors} 件（前のページを表示中）"),
            format!("{errors} error(s), last good pages kept"),
        )
    } else if update.css_only() {
        (
            "スタイルを差し替え".to_string(),
            "stylesheet swapped".to_string(),
        )
    } else {
        (
            format!("{} ページを更新", update.rendered),
            format!("{} page(s) rendered", update.rendered),
        )
    };
    Bilingual::new(
        format!("{causes} → {what_ja}（{ms:.1} ms）"),
        format!("{causes_en} → {what_en} in {ms:.1} ms"),
    )
}
