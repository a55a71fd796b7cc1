//! The clinic's phone number in a post that asks its reader to call.
//!
//! On the blog, 「予約の前にお電話でご相談ください」 sits above the clinic's contact details;
//! a post travels alone, so the number goes with it, on its own line after the sentence that
//! asks (`お電話：03-…`). Not when the post already has a number, or when the call is to
//! someone else (#7119, 119番, a public help line), and never in the writer's own posts.

use super::compose::Block;
use super::figures::has_phone;

/// What asks the reader to call the clinic.
const ASKS_JA: &[&str] = &[
    "お電話で",
    "お電話にて",
    "お電話ください",
    "お電話下さい",
    "お電話いただ",
    "お電話頂",
    "お電話を",
    "お電話の上",
    "電話でご相談",
    "電話でお問い合わせ",
    "電話でご予約",
    "電話で予約",
    "電話予約",
];
const ASKS_EN: &[&str] = &["call us", "phone us", "give us a call", "by phone"];

/// A sentence that asks to call one of these calls someone else.
const ELSEWHERE: &[&str] = &[
    "#",
    "＃",
    "119",
    "１１９",
    "窓口",
    "センター",
    "当番",
    "保健所",
    "ダイヤル",
    "相談室",
    "救急",
];

/// The line with the number, in the post's language.
fn line(phone: &str, english: bool) -> String {
    if english {
        format!("Phone: {phone}")
    } else {
        format!("お電話：{phone}")
    }
}

/// Puts the clinic's `phone` on its own line after the sentence that asks to call, unless
/// the post gives a number already or the call is to someone else. The number goes with the
/// sentence or line that asks, so shortening the post removes both and never leaves a number
/// nothing asks for; only after a one-line checklist is it a line of its own, which matters
/// as much as `keep` when the post is shortened (see [`Block`]).
pub(crate) fn add_phone(blocks: &mut Vec<Block>, phone: &str, english: bool, keep: u8) {
    let phone = phone.trim();
    if phone.is_empty() || blocks.iter().any(|b| b.parts.iter().any(|p| has_phone(p))) {
        return;
    }
    let asks = |sentence: &str| {
        let lower = sentence.to_lowercase();
        let asked = ASKS_JA.iter().any(|a| sentence.contains(a))
            || ASKS_EN.iter().any(|a| lower.contains(a));
        asked && !ELSEWHERE.iter().any(|e| sentence.contains(e))
    };
    let Some((b, p)) = blocks.iter().enumerate().find_map(|(b, block)| {
        let p = block
            .parts
            .iter()
            .position(|part| part.split_inclusive('。').any(asks))?;
        Some((b, p))
    }) else {
        return;
    };
    let line = line(phone, english);
    let block = &mut blocks[b];
    let one_per_line = block.parts.len() == 1 || block.sep == "\n";
    if !block.cuttable && !one_per_line {
        // A checklist on one line (✔ … ✔ …): the number goes on the line after it.
        blocks.insert(b + 1, Block::line(line, keep));
        return;
    }
    // The number goes with the line that asks, so the two are kept or removed together.
    let rest = if block.cuttable {
        block.parts.split_off(p + 1)
    } else {
        Vec::new()
    };
    block.parts[p].push('\n');
    block.parts[p].push_str(&line);
    if !rest.is_empty() {
        // The sentences after the ask stay as they were, on the line after the number.
        let mut after = block.clone();
        after.parts = rest;
        after.droppable = true;
        blocks.insert(b + 1, after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clinote_text::Language;

    fn lines(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.parts.join("")).collect()
    }

    fn post(sentences: &[&str]) -> Vec<Block> {
        vec![
            Block::sentences(
                sentences.iter().map(|s| s.to_string()).collect(),
                Language::Ja,
                5,
            ),
            Block::line("詳しくはブログで。", 1),
        ]
    }

    #[test]
    fn a_post_that_asks_to_call_gets_the_number_after_the_ask() {
        let mut blocks =
            post(&["卵で強い症状が出たことがある方は、予約の前にお電話でご相談ください。"]);
        add_phone(&mut blocks, "03-0000-0000", false, 7);
        assert_eq!(
            lines(&blocks),
            [
                "卵で強い症状が出たことがある方は、予約の前にお電話でご相談ください。\nお電話：03-0000-0000",
                "詳しくはブログで。",
            ]
        );
        // After a heading that asks, it is a line of its own (once).
        let mut blocks = post(&["お電話でご予約ください。", "当日は保険証をお持ちください。"]);
        blocks.insert(0, Block::line("受診の前に、まずお電話を", 7));
        add_phone(&mut blocks, "03-0000-0000", false, 7);
        assert_eq!(
            lines(&blocks),
            [
                "受診の前に、まずお電話を\nお電話：03-0000-0000",
                "お電話でご予約ください。当日は保険証をお持ちください。",
                "詳しくはブログで。",
            ]
        );
    }

    #[test]
    fn sentences_after_the_ask_follow_the_number() {
        let mut blocks = post(&["お電話でご予約ください。", "当日は保険証をお持ちください。"]);
        add_phone(&mut blocks, "03-0000-0000", false, 7);
        assert_eq!(
            lines(&blocks),
            [
                "お電話でご予約ください。\nお電話：03-0000-0000",
                "当日は保険証をお持ちください。",
                "詳しくはブログで。",
            ]
        );
    }

    #[test]
    fn not_when_a_number_is_there_or_the_call_is_to_someone_else() {
        for sentences in [
            // The number is in the post already.
            &["熱があるときは、来院の前にお電話（03-0000-0000）でお知らせください。"][..],
            // Someone else's number.
            &["救急車を呼ぶか迷うときは、#7119にお電話ください。"],
            &["夜間は、市の休日当番医にお電話でご相談ください。"],
            // No ask: the phone is only talked about.
            &["午前中はお電話がつながりにくくなっております。"],
        ] {
            let mut blocks = post(sentences);
            let before = lines(&blocks);
            add_phone(&mut blocks, "03-0000-0000", false, 7);
            assert_eq!(lines(&blocks), before, "{sentences:?}");
        }
        // No number configured.
        let mut blocks = post(&["お電話でご予約ください。"]);
        add_phone(&mut blocks, " ", false, 7);
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn english_posts_say_phone() {
        let mut blocks = vec![Block::sentences(
            vec!["Please call us before you come.".to_string()],
            Language::En,
            5,
        )];
        add_phone(&mut blocks, "+81 3-0000-0000", true, 7);
        assert_eq!(
            lines(&blocks)[0],
            "Please call us before you come.\nPhone: +81 3-0000-0000"
        );
    }
}
