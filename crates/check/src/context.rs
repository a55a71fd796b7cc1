//! Context guards: what turns a keyword into a finding, or keeps it quiet.
//!
//! A keyword is only a trigger. Whether 「必ず」「一番」「無料」 is a problem depends on the
//! sentence around it, so every phrase rule lists guards in its data:
//! - `unless = [...]`: the finding is dropped when any of these holds;
//! - `requires = [...]`: the finding is kept only when all of these hold.
//!
//! Each guard looks at a well-defined part of the sentence (see [`Hit`]) with a word list from
//! `rules/context.toml`:
//!
//! | guard | holds when | example that it keeps quiet |
//! |---|---|---|
//! | `negated` | the clause after the match denies it | 必ず治る**わけではありません** |
//! | `question` | the match is asked, not claimed | 「必ず治りますか」と聞かれます |
//! | `hedged` | the clause hedges (ことがあります, とされています) | 手遅れになることもあります |
//! | `advice` | the clause tells the reader what to do | 必ず最後まで飲みきってください |
//! | `conditional` | the match is a condition or a check (とき, 場合, か) | 痛みがないときでも |
//! | `mentioned` | the phrase is quoted as words, not used | 「必ず治る」という広告に注意 |
//! | `general` | a statistic or general fact, with no clinic in it | 日本人の死因のNo.1 |
//! | `public` | public programmes, insurance, tax | 医療費控除で負担が減ります |
//! | `awareness` | a public-health campaign name precedes it | ピンクリボンキャンペーン |
//! | `about_service` | the quotation or clause thanks the staff or the place, with no care in it | 「受付の方がいつも笑顔で」 |
//! | `rule_talk` | the sentence says what the advertising rules forbid or require, or the match is what is banned | ガイドラインで体験談は禁じられています; 体験談は禁止されています |
//! | `clinic_context` | (required) the clinic, its staff or its service is the subject | 地域でいちばん**丁寧な診察** |
//! | `offer_context` | (required) a price, urgency or incentive is offered | 今なら無料 |
//! | `price_context` | (required) money is mentioned: a price, discount or gift | 今だけ1,000円 |
//! | `no_basis` | (required) a figure is given without survey, period or source | 満足度99% |
//! | `sponsored` | (required) the paragraph carries a #PR or 【提供】 tag | #PR …。翌朝から肌のハリが |
//! | `diet_context` | (required) the paragraph is about losing weight | GLP-1**ダイエット** |
//! | `care_context` | (required) the sentence speaks of care: a treatment, a drug, a symptom | 「…薬なしで春を越せました」と話され |

use serde::Deserialize;

use regex::Regex;

/// What guards read from the rules' data: the shared word lists of `rules/context.toml`,
/// by name. (The registry holds them; guards are judged without knowing how it is built.)
pub(crate) trait Lexicons {
    fn shared(&self, name: &str) -> &Regex;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Guard {
    Negated,
    Question,
    Hedged,
    Advice,
    Conditional,
    Mentioned,
    General,
    Public,
    Awareness,
    AboutService,
    RuleTalk,
    ClinicContext,
    OfferContext,
    PriceContext,
    NoBasis,
    DietContext,
    CareContext,
    Sponsored,
}

/// Shared word lists the guards read (all in `rules/context.toml`; a test checks them).
#[cfg(test)]
pub(crate) const GUARD_LEXICONS: &[&str] = &[
    "negation",
    "clause_break",
    "surprise",
    "question_frame",
    "hedge",
    "advice",
    "invitation",
    "conditional",
    "mention",
    "mention_bare",
    "mention_example",
    "mention_before",
    "voiced",
    "placeholder",
    "general",
    "public",
    "awareness",
    "service_praise",
    "voices",
    "care_words",
    "rule_source",
    "rule_verdict",
    "forbidden_after",
    "clinic_self",
    "clinic_ref",
    "peer_group",
    "offer_cue",
    "price_cue",
    "basis",
    "diet",
    "sponsored",
];

/// A match of a trigger inside one sentence, with what guards need to judge it.
pub(crate) struct Hit<'a> {
    /// The sentence (normalised text).
    pub sentence: &'a str,
    /// The match, as byte offsets in `sentence`.
    pub start: usize,
    pub end: usize,
    /// The paragraph (block) the sentence is in.
    pub block: &'a str,
    /// The clinic's name, normalised, when configured.
    pub clinic_name: Option<&'a str>,
}

impl<'a> Hit<'a> {
    pub(crate) fn before(&self) -> &'a str {
        &self.sentence[..self.start]
    }

    pub(crate) fn after(&self) -> &'a str {
        &self.sentence[self.end..]
    }

    /// From the end of the match to the end of its clause: the next 。!? or clause break
    /// (ので, から、, けど, …), at most 40 characters.
    pub(crate) fn clause_after(&self, reg: &dyn Lexicons) -> &'a str {
        let after = self.after();
        let mut end = after.find(['。', '!', '?', '\n']).unwrap_or(after.len());
        if let Some(m) = reg.shared("clause_break").find(&after[..end]) {
            end = m.start();
        }
        cut_chars(&after[..end], 40)
    }

    /// The clause holding the match and the clause after it (split at 、 and 。).
    pub(crate) fn window(&self) -> &'a str {
        let before = self.before();
        let start = before
            .rfind(['、', '。'])
            .map_or(0, |i| i + '、'.len_utf8());
        let after = self.after();
        let mut end = self.end;
        let mut commas = 0;
        for (i, c) in after.char_indices() {
            if c == '。' || c == '\n' {
                end = self.end + i;
                break;
            }
            if c == '、' {
                commas += 1;
                if commas == 2 {
                    end = self.end + i;
                    break;
                }
            }
            end = self.end + i + c.len_utf8();
        }
        &self.sentence[start..end.max(self.end)]
    }

    /// Whether the match sits inside 「」 or 『』, and the text after the closing bracket.
    fn quote(&self) -> Option<(&'a str, &'a str)> {
        let depth = self.before().chars().fold(0i32, |d, c| match c {
            '「' | '『' => d + 1,
            '」' | '』' => (d - 1).max(0),
            _ => d,
        });
        if depth == 0 {
            return None;
        }
        let after = self.after();
        let close = after.find(['」', '』'])?;
        // Quotations listed one after another (「必ず治る」「絶対安全」といった) share what follows.
        let mut tail = &after[close + '」'.len_utf8()..];
        while let Some(rest) = tail.strip_prefix(['「', '『'])
            && let Some(end) = rest.find(['」', '』'])
        {
            tail = &rest[end + '」'.len_utf8()..];
        }
        Some((&after[..close], tail))
    }

    /// The quotation the match is in or begins with, whole.
    fn quoted_text(&self) -> Option<&'a str> {
        let s = self.sentence;
        let open = s[..self.start]
            .rfind(['「', '『'])
            .filter(|&o| !s[o..self.start].contains(['」', '』']))
            .or_else(|| {
                s[self.start..]
                    .starts_with(['「', '『'])
                    .then_some(self.start)
            })?;
        let close = s[open..].find(['」', '』'])?;
        Some(&s[open..open + close])
    }

    pub(crate) fn holds(&self, guard: Guard, reg: &dyn Lexicons) -> bool {
        let lex = |name: &str| reg.shared(name);
        let clinic_named = |s: &str| {
            self.clinic_name
                .is_some_and(|n| !n.is_empty() && s.contains(n))
        };
        match guard {
            Guard::Negated => {
                let clause = self.clause_after(reg);
                // 「こんなに楽だとは思いませんでした」 denies the expectation, not the claim.
                lex("negation").is_match(clause) && !lex("surprise").is_match(clause)
            }
            Guard::Hedged => lex("hedge").is_match(self.clause_after(reg)),
            Guard::Advice => {
                let clause = self.clause_after(reg);
                lex("advice").is_match(&lex("invitation").replace_all(clause, ""))
            }
            Guard::Conditional => lex("conditional").is_match(self.after()),
            // A quotation the match begins with that asks: 「必ず効く薬はないの？」と聞かれ.
            Guard::Question
                if self.sentence[self.start..].starts_with(['「', '『'])
                    && self.quoted_text().is_some_and(|q| {
                        q.trim_end_matches(['。', ' ']).ends_with(['か', '?', 'の'])
                    }) =>
            {
                true
            }
            Guard::Question => match self.quote() {
                Some((inside, tail)) => {
                    let inside = inside.trim_end_matches(['。', ' ']);
                    inside.ends_with(['か', '?']) || lex("question_frame").is_match(tail)
                }
                None => {
                    let rest = self.after();
                    let rest_end = rest.find(['。', '\n']).map_or(rest, |i| &rest[..i]);
                    let rest_end = rest_end.trim_end_matches([')', '」', '』', '!', ' ']);
                    let asked = rest_end.trim_end_matches('?');
                    // 〜しませんか is an invitation, not a question.
                    let invites = asked.ends_with("ませんか");
                    (rest_end.ends_with(['か', '?']) && !invites)
                        || lex("question_frame").is_match(rest)
                }
            },
            Guard::Mentioned if lex("placeholder").is_match(self.window()) => true,
            // A sentence of nothing but quoted words lists them: 「名医」「最先端」「日本一」。
            // (Unless the paragraph presents them as people's voices: 口コミサイトに寄せられた声を
            // ご紹介します。「跡がまったくわからない」「1週間できれいに治った」。)
            Guard::Mentioned
                if only_quotations(self.sentence) && !lex("voices").is_match(self.block) =>
            {
                true
            }
            Guard::Mentioned => match self.quote() {
                Some((_, tail)) => {
                    let opened = self.before().rfind(['「', '『']).unwrap_or(0);
                    (lex("mention").is_match(tail) && !lex("voiced").is_match(tail))
                        || lex("mention_before").is_match(&self.sentence[..opened])
                }
                None => {
                    // A match that starts with the quotation: what follows its closing bracket.
                    let matched = &self.sentence[self.start..];
                    let quoted_tail = matched
                        .starts_with(['「', '『'])
                        .then(|| matched.find(['」', '』']))
                        .flatten()
                        .map(|close| &matched[close + '」'.len_utf8()..]);
                    quoted_tail.is_some_and(|t| {
                        lex("mention_example").is_match(t) && !lex("voiced").is_match(t)
                    }) || lex("mention_bare").is_match(self.after())
                }
            },
            Guard::General => {
                lex("general").is_match(self.sentence)
                    && !lex("clinic_self").is_match(self.sentence)
                    && !lex("peer_group").is_match(self.sentence)
                    && !clinic_named(self.sentence)
            }
            Guard::Public => lex("public").is_match(self.sentence),
            Guard::Awareness => lex("awareness").is_match(self.before()),
            Guard::AboutService => match self.quoted_text() {
                Some(said) => {
                    lex("service_praise").is_match(said) && !lex("care_words").is_match(said)
                }
                // Unquoted, the care may be told anywhere in the sentence: 以前ニキビで通われていた
                // 娘さんのお母さまから、…ようになりましたとお手紙をいただき、スタッフ一同涙しました.
                None => {
                    lex("service_praise").is_match(self.window())
                        && !lex("care_words").is_match(self.sentence)
                }
            },
            Guard::RuleTalk => {
                (lex("rule_source").is_match(self.sentence)
                    && lex("rule_verdict").is_match(self.sentence))
                    // Or the match is what is forbidden: 「…載せる体験談は禁止されています」.
                    || lex("forbidden_after").is_match(self.after())
            }
            Guard::ClinicContext => {
                let w = self.window();
                // Or the sentence's topic, before the match: 待ち時間の短さ**は**、市内でも指折り.
                // Or, without は, the noun phrase before the first 、: 治療の実績、みどり市でトップクラス.
                let before = self.before();
                let topic = before
                    .split_once('は')
                    .or_else(|| before.split_once('、'))
                    .map_or("", |(t, _)| t);
                let about = |t: &str| {
                    lex("clinic_self").is_match(t)
                        || lex("clinic_ref").is_match(t)
                        || clinic_named(t)
                };
                about(w) || about(topic) || lex("peer_group").is_match(self.sentence)
            }
            Guard::OfferContext => {
                lex("offer_cue").is_match(self.before()) || lex("offer_cue").is_match(self.after())
            }
            Guard::PriceContext => {
                lex("price_cue").is_match(self.before()) || lex("price_cue").is_match(self.after())
            }
            Guard::NoBasis => !lex("basis").is_match(self.sentence),
            Guard::DietContext => lex("diet").is_match(self.block),
            Guard::CareContext => lex("care_words").is_match(self.sentence),
            Guard::Sponsored => lex("sponsored").is_match(self.block),
        }
    }
}

/// Whether a sentence is nothing but short quoted phrases (and punctuation between them), a
/// list of phrases rather than someone's words: 「名医」「最先端」「日本一」。, or the ad
/// phrases a page warns about: 「絶対に痛くない」「副作用の心配は一切ありません」.
fn only_quotations(sentence: &str) -> bool {
    let mut depth = 0i32;
    let mut quoted = 0usize;
    let mut inside = 0usize;
    for c in sentence.chars() {
        match c {
            '「' | '『' => {
                depth += 1;
                quoted += 1;
                inside = 0;
            }
            '」' | '』' => depth = (depth - 1).max(0),
            _ if depth > 0 => {
                inside += 1;
                if inside > 30 || c == '。' {
                    return false;
                }
            }
            '。' | '、' | '・' | ' ' | '!' | '?' | '\n' => {}
            _ => return false,
        }
    }
    quoted >= 2
}

/// At most `n` characters of `s`.
fn cut_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}
