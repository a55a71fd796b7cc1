//! LINE: one message per article for the clinic's official account, and LINE's links.
//!
//! The message is a push notification: people see its first line on the lock screen and
//! read the rest in a few seconds. So it is short (about 120–200 characters before the
//! link, [`LINE_TARGET_CHARS`]): the title (shortened at a phrase when long), the sentence a
//! person would open with or the lead, the article's key points when they fit, a short
//! invitation, and the link last. It never exceeds 500 UTF-16 code units, which satisfies
//! both of LINE's counters: the Official Account Manager's 500 characters per bubble and the
//! Messaging API's UTF-16 count (rulebook §5). Unlike X, LINE counts a URL at its full
//! length, UTM parameters included, so the link is left out of the target.

use jiff::civil::Date;

use super::LineMessage;
use super::compose::{Block, fit};
use super::contact;
use super::cut::short_title;
use super::figures::{heading_topic, is_advice};
use super::frames::frames;
use super::grounding::says_heading_again;
use super::intent::encode;
use super::link::{self, Source};
use super::material::Material;

/// The longest LINE message we write, in UTF-16 code units.
pub const LINE_MAX_UTF16: usize = 500;
/// The most characters of a message before its link: what a push notification is read in.
pub const LINE_TARGET_CHARS: usize = 200;

/// The LINE message for an article.
pub(crate) fn message(
    m: &Material<&str>,
    canonical: &str,
    slug: &str,
    utm: bool,
    date: Date,
    phone: Option<&str>,
) -> LineMessage {
    let f = frames(m.language);
    let url = link::tracked(canonical, slug, Source::Line, utm);
    let mut blocks = Vec::new();
    if let Some(title) = m.title.as_deref().and_then(|t| short_title(t, m.language)) {
        blocks.push(Block::sentences(vec![(f.line_title)(&title)], m.language, 9).required());
    }
    let mut said = m.lead.clone();
    // A notice tells its dates; any other article opens with its opener before the lead,
    // unless that is advice on what the lead tells (as in the first X post). The last
    // sentences go first when the message is too long.
    if m.notice {
        match m.notice_body() {
            Some(body) => said = body,
            None => said.extend(m.notice_facts()),
        }
    } else if let Some(opener) = m.opener() {
        if is_advice(&opener) {
            said.push(opener);
        } else {
            // (Not a tagline of the lead that tells it again, as in the X post.)
            said = m.lead_after(&opener);
            said.insert(0, opener);
        }
    }
    // Sentences that only announce the article (「…よくいただく質問にお答えします。」) tell a
    // push reader nothing to use: the key points below go before them. Reviewers scored
    // title-and-announcement messages flat.
    // (Told last, wherever they were: advice may follow the lead.)
    let (announcing, told): (Vec<String>, Vec<String>) = said
        .iter()
        .cloned()
        .partition(|s| !m.notice && announces(s));
    let mut announcing = Block::sentences(announcing, m.language, 2);
    announcing.continues = !told.is_empty();
    blocks.push(Block::sentences(told, m.language, 7));
    blocks.push(announcing);
    if m.notice
        && let Some(whom) = m.notice_whom()
    {
        blocks.push(Block::line(whom, 6));
    }
    // The key points, under their heading (a list of bare labels says nothing).
    let labelled = m.checklists().iter().find_map(|list| {
        let heading = list.heading.as_deref()?;
        Some((heading_topic(heading, m.language)?, list))
    });
    // Without a list, the key point the X posts quote (under its question, if it answers
    // one): a push message of the title and the description alone says little.
    if labelled.is_none()
        && !m.notice
        && let Some(q) = m
            .quotes()
            .find(|q| q.grounded && q.strong && !said.iter().any(|s| s.contains(q.text)))
    {
        let question = q
            .shown_heading(m.title.as_deref(), m.language)
            .filter(|h| h.trim_end().ends_with(['？', '?']));
        // An answer with the rest of its point (as in the X post), or nothing: the block is
        // left out whole when it does not fit.
        let point: Vec<String> = match question {
            Some(h) => std::iter::once((f.heading)(h))
                .chain(std::iter::once(q.text.to_string()))
                .chain(q.answer_rest())
                .collect(),
            None => vec![q.text.to_string()],
        };
        let mut block = Block::list(point.clone(), 3, point.len());
        block.sep = "\n";
        block.droppable = true;
        blocks.push(block);
    }
    if let Some((heading, list)) = labelled {
        // The heading, and what the list is for unless it only says the heading again.
        let intro = list
            .intro
            .clone()
            .filter(|i| !says_heading_again(i, heading));
        let lead_in = std::iter::once((f.list_heading)(heading)).chain(intro);
        let min = 2 + lead_in.clone().count();
        let items = lead_in
            .chain(list.items.iter().map(|i| format!("{}{i}", f.line_bullet)))
            .collect();
        // The heading (and what the list is for) and at least two items.
        let mut points = Block::list(items, 4, min);
        points.sep = "\n";
        // The list as a whole may go if the message is too long; cut, it says so.
        points.droppable = true;
        points.elided = Some(match m.language {
            clinote_text::Language::Ja => "\nなど",
            clinote_text::Language::En => "\n…",
        });
        blocks.push(points);
    }
    if let Some(phone) = phone {
        let english = m.language == clinote_text::Language::En;
        contact::add_phone(&mut blocks, phone, english, 8);
    }
    // (Not under a notice told whole: there is no more to read.)
    if !(m.notice && m.tells_all(&said)) {
        blocks.push(Block::line(f.line_invite, 6));
    }
    let tail = format!("\n{url}");
    let fits = |body: &str| {
        body.chars().count() <= LINE_TARGET_CHARS
            && utf16_len(body) + utf16_len(&tail) <= LINE_MAX_UTF16
    };
    let text = match fit(blocks, "\n\n", m.language, fits) {
        Some(body) => format!("{body}{tail}"),
        None => url.clone(),
    };
    LineMessage {
        utf16_len: utf16_len(&text),
        url,
        text,
        suggested_date: date,
    }
}

/// Whether a sentence only says what the article does (「…をまとめました。」「…にお答えします。」).
fn announces(sentence: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "まとめました。",
        "紹介します。",
        "お答えします。",
        "お伝えします。",
        "綴ります。",
        "書きました。",
        "解説します。",
        "ご案内します。",
        "お届けします。",
    ];
    ENDINGS.iter().any(|e| sentence.ends_with(e))
}

/// LINE's "send to a friend" link for an article: `https://social-plugins.line.me/lineit/share?url=…`.
pub fn line_share_url(canonical: &str) -> String {
    format!(
        "https://social-plugins.line.me/lineit/share?url={}",
        encode(canonical)
    )
}

/// The friend-add link of the clinic's LINE official account: `https://line.me/R/ti/p/%40<id>`.
/// The ID may be written with or without its `@`; `None` when it is empty.
pub fn friend_add_url(line_id: &str) -> Option<String> {
    let id = line_id.trim().trim_start_matches(['@', '＠']);
    (!id.is_empty()).then(|| line_add_url(id))
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// LINE's friend-add link for an official account ID (without `@`).
pub fn line_add_url(id: &str) -> String {
    format!(
        "https://line.me/R/ti/p/%40{}",
        percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        assert_eq!(
            line_share_url("https://example-clinic.jp/blog/kafun/"),
            "https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Fexample-clinic.jp%2Fblog%2Fkafun%2F"
        );
        assert_eq!(
            friend_add_url("@abc1234d").as_deref(),
            Some("https://line.me/R/ti/p/%40abc1234d")
        );
        assert_eq!(
            friend_add_url(" abc1234d ").as_deref(),
            Some("https://line.me/R/ti/p/%40abc1234d")
        );
        assert_eq!(friend_add_url("@"), None);
    }
}
