//! Testimonials told across sentences: a patient (or the writer, treated here) is introduced as
//! the speaker in one sentence, and what changed for them comes in a later one.
//!
//! `narrated-testimonial` follows who is speaking through a page:
//! - an introduction makes a patient the speaker: 「Aさんはこう話してくれました」,
//!   「お手紙をいただきました」「一部をご紹介します」, or a first person (私, in this or the
//!   previous paragraph) who had a treatment here (当院で舌下免疫療法を始めました);
//! - the speaker holds for the rest of that paragraph and the next [`SCOPE`] paragraphs, until
//!   a heading;
//! - a sentence there telling of a change (痛みが気にならなくなりました, 鼻水がぐっと減って),
//!   not denied or asked, is the testimonial.
//!
//! A quotation telling of a change, followed by a sentence that makes it someone's words
//! (「…2週間で治った」。こう言っていただけると…), is one too.
//!
//! One finding per introduction, at the first such sentence. Sentences the sentence rules
//! already report are left to them. Introductions and first persons are only looked for in
//! the sentences where the scan found one of the rule's trigger words.

use super::context::{Guard, Hit};
use super::prose::{BlockKind, Prose};
use super::registry::{REGISTRY, Scan};
use super::{Env, Raw};

/// The lists the code reads (checked by a test).
#[cfg(test)]
pub(crate) const LEXICONS: &[(&str, &[&str])] = &[
    (
        "narrated-testimonial",
        &["introduces", "first_person", "treated_here", "attributes"],
    ),
    // What changed for the speaker: the same list as the sentence rule's.
    ("reported-experience", &["change"]),
];

/// The lists searched only in sentences holding one of the rule's trigger words (a test checks
/// that every match of them contains one).
#[cfg(test)]
pub(crate) const TRIGGERED: &[(&str, &[&str])] =
    &[("narrated-testimonial", &["introduces", "first_person"])];

/// Paragraphs after the introducing one in which the speaker still holds.
const SCOPE: usize = 3;

pub(crate) fn run(prose: &Prose, scan: &Scan, env: &Env<'_>, already: &[Raw], out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    let (Some(rule), Some(index)) = (
        reg.get("narrated-testimonial"),
        reg.index("narrated-testimonial"),
    ) else {
        return;
    };
    let Some(change) = reg.get("reported-experience").map(|r| r.lex("change")) else {
        return;
    };
    let testimonial = |r: &Raw| reg.rules[r.rule].category == rule.category;
    let text = prose.text.as_str();
    let mut triggered = vec![false; prose.sentences.len()];
    for si in scan.sentences_for(index) {
        triggered[si] = true;
    }
    // The block where the current speaker was introduced, and whether it was reported.
    let mut speaker: Option<(usize, bool)> = None;
    let mut first_person_block: Option<usize> = None;
    // A change told in a quotation standing alone, until the next sentence says whose it is.
    let mut quoted: Option<std::ops::Range<usize>> = None;
    for (si, s) in prose.sentences.iter().enumerate() {
        let block = &prose.blocks[s.block];
        let sentence = &text[s.range.clone()];
        match block.kind {
            BlockKind::Heading | BlockKind::Title | BlockKind::Description => {
                speaker = None;
                continue;
            }
            BlockKind::ImageAlt | BlockKind::TableCell => continue,
            _ => {}
        }
        if speaker.is_some_and(|(b, _)| s.block > b + SCOPE) {
            speaker = None;
        }
        if let Some(range) = quoted.take()
            && rule.lex("attributes").is_match(sentence)
            && !already
                .iter()
                .chain(out.iter())
                .any(|r| testimonial(r) && range.contains(&r.range.start))
        {
            out.push(Raw::new(index, range));
        }
        if sentence.trim_start().starts_with(['「', '『'])
            && let Some(m) = change.find(sentence)
        {
            quoted = Some(s.range.start + m.start()..s.range.start + m.end());
        }
        if triggered[si] && rule.lex("first_person").is_match(sentence) {
            first_person_block = Some(s.block);
        }
        let first_person_near = first_person_block.is_some_and(|b| s.block <= b + 1);
        // Where in the sentence a speaker is introduced, if it is.
        let introduced_at = triggered[si]
            .then(|| rule.lex("introduces").find(sentence))
            .flatten()
            .or_else(|| {
                first_person_near
                    .then(|| rule.lex("treated_here").find(sentence))
                    .flatten()
            });
        // A change told after the introduction, in the same sentence, counts too.
        let told = match (speaker, introduced_at) {
            (Some((_, false)), _) => change.find(sentence),
            (_, Some(i)) => change
                .find_at(sentence, i.end())
                .filter(|m| m.start() >= i.end()),
            _ => None,
        };
        if let Some(m) = told {
            let hit = Hit {
                sentence,
                start: m.start(),
                end: m.end(),
                block: &text[block.range.clone()],
                clinic_name: env.clinic_name.as_deref(),
            };
            // (Nor thanks for the staff, with no care in the sentence: 「看護師さんの声かけで
            // 安心できた」と言っていただき、…不安は軽くなるのだと.)
            let thanks = reg.shared("service_praise").is_match(sentence)
                && !reg.shared("care_words").is_match(sentence);
            let excused = thanks
                || [Guard::Negated, Guard::Question, Guard::Mentioned]
                    .into_iter()
                    .any(|g| hit.holds(g, reg));
            let range = s.range.start + m.start()..s.range.start + m.end();
            let reported = already
                .iter()
                .chain(out.iter())
                .any(|r| testimonial(r) && s.range.contains(&r.range.start));
            if !excused {
                if !reported {
                    out.push(Raw::new(index, range));
                }
                speaker = Some((s.block, true));
            }
        }
        if introduced_at.is_some() && told.is_none() {
            speaker = Some((s.block, false));
        }
    }
}
