//! The only words a teaser adds to the article's own: neutral frames in each language.
//!
//! Everything else in a post is quoted from the article, because clinic posts count as
//! medical advertising and must not claim what the article does not. These phrases invite
//! to read and claim nothing; keep it that way when adding one. Each variant of one article
//! uses a different closing phrase, which also keeps the posts' texts apart (X rejects
//! duplicates).

use clinote_text::Language;

/// Fixed phrases for one language.
pub(crate) struct Frames {
    /// Closing calls to read, one per variant in turn.
    pub closings: &'static [&'static str],
    /// A section heading above a quoted sentence: `【{heading}】`.
    pub heading: fn(&str) -> String,
    /// The line above a checklist: the section heading as it is, or with a colon in English.
    pub list_heading: fn(&str) -> String,
    /// The checklist mark, before each item.
    pub check: &'static str,
    /// The LINE message's first line.
    pub line_title: fn(&str) -> String,
    /// The LINE message's bullet for key points.
    pub line_bullet: &'static str,
    /// The LINE message's invitation, just before the link.
    pub line_invite: &'static str,
}

const JA: Frames = Frames {
    closings: &[
        "詳しくはブログで。",
        "続きはブログでどうぞ。",
        "ブログで詳しくご紹介しています。",
        "ぜひブログをご覧ください。",
    ],
    heading: |heading| {
        if heading.contains(['【', '】']) {
            heading.to_string()
        } else {
            format!("【{heading}】")
        }
    },
    list_heading: |heading| heading.to_string(),
    check: "✔ ",
    // A title with its own brackets (【自由診療】…) is not bracketed again.
    line_title: |title| {
        if title.contains(['【', '】']) {
            title.to_string()
        } else {
            format!("【{title}】")
        }
    },
    line_bullet: "・",
    line_invite: "▼続きはブログで",
};

const EN: Frames = Frames {
    closings: &[
        "More on our blog.",
        "Read the full article on our blog.",
        "The details are on our blog.",
        "Have a look at our blog.",
    ],
    heading: |heading| format!("{heading}:"),
    list_heading: |heading| format!("{heading}:"),
    check: "✔ ",
    line_title: |title| title.to_string(),
    line_bullet: "• ",
    line_invite: "Read more on our blog:",
};

pub(crate) fn frames(language: Language) -> &'static Frames {
    match language {
        Language::Ja => &JA,
        Language::En => &EN,
    }
}

impl Frames {
    /// The closing phrase for variant `n` (0-based), in turn.
    pub fn closing(&self, n: usize) -> &'static str {
        self.closings[n % self.closings.len()]
    }
}
