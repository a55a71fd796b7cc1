//! Page-level rules: what a page offers, and whether it says what it must alongside.
//!
//! - `missing-self-pay-disclosure`: a page that offers self-pay (自由診療) treatment must say
//!   that it is self-pay, its cost, duration and sessions, risks and side effects, and a
//!   contact point (限定解除). A mention counts as an offer when its paragraph offers something
//!   (行っています, 受けられます, a price…); denied or asked mentions do not count.
//! - `unapproved-drug-without-disclosure`: a page offering treatment with an unapproved or
//!   off-label drug must state the five disclosures of the 2024 revision.
//! - `before-after-photo`: a before/after photo (by alt text, file name or caption) must have
//!   the treatment's period and sessions, cost and risks in its section.
//!
//! Findings point at the first offering mention and list what is missing. In teasers (push
//! media) the disclosures cannot be given at all, so any offer is reported.

use regex::Regex;

use super::context::{Guard, Hit};
use super::prose::{BlockKind, Prose};
use super::registry::{REGISTRY, Registry, Rule, Scan};
use super::{Env, Raw};

/// The lists each rule's code reads (checked by a test).
#[cfg(test)]
pub(crate) const LEXICONS: &[(&str, &[&str])] = &[
    (
        "missing-self-pay-disclosure",
        &[
            "self_pay",
            "treatment",
            "offer",
            "cost",
            "period",
            "risk",
            "risk_symptom",
            "aftermath",
            "contact",
            "elsewhere",
            "ads",
            "insured",
        ],
    ),
    (
        "unapproved-drug-without-disclosure",
        &[
            "trigger",
            "glp1",
            "botox",
            "botox_off_label",
            "unapproved",
            "source",
            "domestic",
            "foreign",
            "relief",
            "warned",
            "declines",
            "offered_here",
        ],
    ),
    (
        "before-after-photo",
        &[
            "cue",
            "look",
            "image",
            "moment",
            "treatment",
            "period",
            "cost",
            "risk",
        ],
    ),
];

/// The lists each rule searches only in sentences holding one of its trigger words (a test
/// checks that every match of them contains one).
#[cfg(test)]
pub(crate) const TRIGGERED: &[(&str, &[&str])] = &[
    ("missing-self-pay-disclosure", &["self_pay", "treatment"]),
    (
        "unapproved-drug-without-disclosure",
        &["trigger", "glp1", "botox"],
    ),
    ("before-after-photo", &["cue"]),
];

/// Rules whose findings are about the page as a whole rather than the sentence they point at.
#[cfg(test)]
pub(crate) const PAGE_RULES: &[&str] = &[
    "missing-self-pay-disclosure",
    "unapproved-drug-without-disclosure",
];

pub(crate) fn run(prose: &Prose, scan: &Scan, env: &Env<'_>, out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    unapproved(prose, scan, env, reg, out);
    self_pay(prose, scan, env, reg, out);
    before_after(prose, scan, env, reg, out);
    if env.teaser {
        trend_hashtags(prose, reg, out);
    }
}

static HASHTAG: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"#([^\s#、。!?]+)").expect("hashtag pattern"));

/// Trend hashtags (#美容, #ダイエット) whose word the post itself never uses.
fn trend_hashtags(prose: &Prose, reg: &Registry, out: &mut Vec<Raw>) {
    let (Some(rule), Some(index)) = (reg.get("trend-hashtag"), reg.index("trend-hashtag")) else {
        return;
    };
    let text = prose.text.as_str();
    let body = HASHTAG.replace_all(text, " ");
    for caps in HASHTAG.captures_iter(text) {
        let (Some(all), Some(tag)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let whole = rule
            .lex("trend")
            .find(tag.as_str())
            .is_some_and(|m| m.start() == 0 && m.end() == tag.as_str().len());
        if whole && !body.contains(tag.as_str()) {
            out.push(Raw::new(index, all.range()));
        }
    }
}

const TEASER_NOTE: &str = "SNS・LINE の投稿は、患者が自ら求めずに目にする媒体なので、限定解除の説明を書いても要件を満たせません。投稿ではふれず、説明のそろった記事へのリンクにしてください。";

/// The first match of any of `triggers` that `offered` accepts and no guard excuses, as a
/// text range. Only the sentences where the scan found one of `rule`'s trigger words are
/// searched.
fn first_offer(
    prose: &Prose,
    scan: &Scan,
    rule: &Rule,
    env: &Env<'_>,
    reg: &Registry,
    triggers: &[&Regex],
    offered: &dyn Fn(&str, &str, &str) -> bool,
) -> Option<std::ops::Range<usize>> {
    let index = reg.index(&rule.id)?;
    let text = prose.text.as_str();
    for si in scan.sentences_for(index) {
        let s = &prose.sentences[si];
        let block = &prose.blocks[s.block];
        if block.kind == BlockKind::ImageAlt {
            continue;
        }
        let sentence = &text[s.range.clone()];
        let block_text = &text[block.range.clone()];
        let mut hits: Vec<regex::Match<'_>> = triggers
            .iter()
            .flat_map(|re| re.find_iter(sentence))
            .collect();
        hits.sort_by_key(|m| m.start());
        for m in hits {
            let hit = Hit {
                sentence,
                start: m.start(),
                end: m.end(),
                block: block_text,
                clinic_name: env.clinic_name.as_deref(),
            };
            // 「国内では承認されていません」 denies the approval, not the offer: the sentence
            // still offers the treatment, and says one of the things it must.
            let approval_denied = || {
                let clause = hit.clause_after(reg);
                clause.contains("承認") || clause.contains("認可")
            };
            let excused = [
                Guard::Negated,
                Guard::Question,
                Guard::Mentioned,
                Guard::Advice,
                Guard::RuleTalk,
            ]
            .into_iter()
            .any(|g| {
                hit.holds(g, reg)
                    && !(g == Guard::Negated && approval_denied())
                    // A question answered in its paragraph with a price or an offer is a Q&A
                    // offering it: Q. …ダイエットできますか？ A. はい、当院では…処方しています.
                    // (Self-pay rules know prices, the unapproved-drug rule offers.)
                    && !(g == Guard::Question
                        && (rule.lex_if("cost").is_some_and(|c| c.is_match(block_text))
                            || rule.lex_if("provide").is_some_and(|p| {
                                p.is_match(&text[s.range.end..block.range.end])
                            })))
            });
            if !excused && offered(m.as_str(), sentence, block_text) {
                return Some(s.range.start + m.start()..s.range.start + m.end());
            }
        }
    }
    None
}

fn report(
    reg: &Registry,
    rule: &Rule,
    range: std::ops::Range<usize>,
    missing: &[&str],
    teaser: bool,
    out: &mut Vec<Raw>,
) {
    let Some(index) = reg.index(&rule.id) else {
        return;
    };
    let mut raw = Raw::new(index, range);
    raw.message = Some(if teaser {
        format!("{}{}", rule.message, TEASER_NOTE)
    } else {
        format!(
            "{}（このページに見当たらないもの：{}）",
            rule.message,
            missing.join("、")
        )
    });
    out.push(raw);
}

/// Whether `text` gives the information `item` names: a mention counts unless the rest of its
/// sentence puts the information off (「リスクは診察のときにご説明します」, 「費用は料金表を
/// ご覧ください」), which names the item without giving it.
fn informs(item: &regex::Regex, deferred: &regex::Regex, text: &str) -> bool {
    item.find_iter(text).any(|m| {
        let rest = &text[m.end()..];
        let end = rest.find(['。', '\n']).unwrap_or(rest.len());
        // A label with what it labels (主なリスク：赤み、毛嚢炎…) informs, whatever the
        // sentence adds after (…効果には個人差があります).
        rest.starts_with(['：', ':']) || !deferred.is_match(&rest[..end])
    })
}

fn self_pay(prose: &Prose, scan: &Scan, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("missing-self-pay-disclosure") else {
        return;
    };
    let offer = rule.lex("offer");
    let self_pay_said = rule.lex("self_pay");
    let deferred = rule.lex("deferred");
    let elsewhere = rule.lex("elsewhere");
    let (documents, declined, cost) = (
        rule.lex("documents"),
        rule.lex("declined"),
        rule.lex("cost"),
    );
    let (treatment, care) = (rule.lex("treatment"), reg.shared("treatment"));
    let ads = rule.lex("ads");
    let insured = rule.lex("insured");
    let Some(at) = first_offer(
        prose,
        scan,
        rule,
        env,
        reg,
        &[rule.lex("self_pay"), rule.lex("treatment")],
        // Saying a treatment is self-pay is offering it (ホワイトニング（自費）は…); naming a
        // treatment alone (脱毛 as a side effect), or self-pay care in general (自由診療と保険
        // 診療の違い), is not, unless the block offers it. Putting off a treatment's cost or
        // risks (リスクはカウンセリングでご説明します) is offering it without them.
        //
        // Self-pay care in general, set beside insurance or sent to the pages that describe it
        // (保険診療のほかに自由診療も…各メニューのページにまとめています), offers nothing here.
        &|m, sentence, block| {
            if self_pay_said.is_match(m) && elsewhere.is_match(block) {
                return false;
            }
            // A document's fee is no care; care the paragraph declines is not offered; nor
            // care whose advertising the sentence speaks of (美容医療やダイエットの広告を見る).
            if ads.is_match(sentence)
                || (documents.is_match(sentence) && !treatment.is_match(sentence))
                || (declined.is_match(block) && !cost.is_match(block))
            {
                return false;
            }
            // Care done here under insurance only (ボツリヌス療法は、保険適用の治療として当院でも
            // 行っています; まぶたのけいれんの治療に限って) is not offered as self-pay.
            if treatment.is_match(m) && insured.is_match(block) && !self_pay_said.is_match(block) {
                return false;
            }
            let said = self_pay_said.is_match(m)
                && !sentence.contains("保険診療")
                && (treatment.is_match(sentence) || care.is_match(sentence));
            let put_off = treatment.is_match(m) && deferred.is_match(block);
            said || put_off || offer.is_match(block)
        },
    ) else {
        return;
    };
    let text = prose.text.as_str();
    let has = |name: &str| informs(rule.lex(name), deferred, text);
    let contact_configured = env.clinic.phone.is_some_and(|p| !p.trim().is_empty())
        || env.clinic.email.is_some_and(|e| !e.trim().is_empty());
    let mut missing = Vec::new();
    if !has("self_pay") {
        missing.push("自由診療（保険適用外）であること");
    }
    if !has("cost") {
        missing.push("標準的な費用");
    }
    if !has("period") {
        missing.push("治療期間と回数");
    }
    // A symptom counts as a risk in a sentence that speaks of the treatment's aftermath.
    let (symptom, aftermath) = (rule.lex("risk_symptom"), rule.lex("aftermath"));
    let risk_told = has("risk")
        || symptom.find_iter(text).any(|m| {
            let start = text[..m.start()]
                .char_indices()
                .rfind(|&(_, c)| matches!(c, '。' | '\n'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[m.end()..]
                .find(['。', '\n'])
                .map_or(text.len(), |i| m.end() + i);
            let sentence = &text[start..end];
            aftermath.is_match(sentence) && !deferred.is_match(sentence)
        });
    if !risk_told {
        missing.push("主なリスクと副作用");
    }
    // A contact point is given by naming it: 「お電話でお問い合わせください」 is one.
    if !rule.lex("contact").is_match(text) && !contact_configured {
        missing.push("問い合わせ先");
    }
    if env.teaser || !missing.is_empty() {
        report(reg, rule, at, &missing, env.teaser, out);
    }
}

fn unapproved(prose: &Prose, scan: &Scan, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("unapproved-drug-without-disclosure") else {
        return;
    };
    let (trigger, glp1, botox) = (rule.lex("trigger"), rule.lex("glp1"), rule.lex("botox"));
    let diet = reg.shared("diet");
    let off_label = rule.lex("botox_off_label");
    let (drug, purpose) = (rule.lex("off_label_drug"), rule.lex("off_label_purpose"));
    let (provide, refuse) = (rule.lex("provide"), rule.lex("refuse"));
    let warned = rule.lex("warned");
    let declines = rule.lex("declines");
    // A page that says the clinic does not give it explains it; only a paragraph that offers
    // it in so many words is an offer there.
    let page_declines = declines.is_match(&prose.text);
    let offered_here = rule.lex("offered_here");
    let Some(at) = first_offer(
        prose,
        scan,
        rule,
        env,
        reg,
        &[trigger, glp1, botox, drug],
        &|m, sentence, block| {
            // (A paragraph that declines it offers nothing: 当院ではこの薬を美容やダイエットの
            // 目的では処方していません.)
            if glp1.is_match(m) {
                diet.is_match(block) && !warned.is_match(block) && !declines.is_match(block)
            } else if botox.is_match(m) {
                off_label.is_match(block) && !declines.is_match(block)
            } else if drug.is_match(m) && !trigger.is_match(m) {
                // Known by its approved use, named in this sentence for another and offered in
                // its paragraph (and not declined anywhere in it): off-label.
                purpose.is_match(sentence) && provide.is_match(block) && !refuse.is_match(block)
            } else {
                !page_declines || offered_here.is_match(block)
            }
        },
    ) else {
        return;
    };
    let text = prose.text.as_str();
    let has = |name: &str| rule.lex(name).is_match(text);
    let mut missing = Vec::new();
    for (name, what) in [
        ("unapproved", "未承認（適応外）であること"),
        ("source", "入手経路"),
        ("domestic", "国内の承認医薬品の有無"),
        ("foreign", "諸外国での安全性等の情報"),
        ("relief", "医薬品副作用被害救済制度の対象外であること"),
    ] {
        if !has(name) {
            missing.push(what);
        }
    }
    if env.teaser || !missing.is_empty() {
        report(reg, rule, at, &missing, env.teaser, out);
    }
}

fn before_after(prose: &Prose, scan: &Scan, env: &Env<'_>, reg: &Registry, out: &mut Vec<Raw>) {
    let Some(rule) = reg.get("before-after-photo") else {
        return;
    };
    let Some(index) = reg.index(&rule.id) else {
        return;
    };
    let text = prose.text.as_str();
    let headings: Vec<usize> = prose
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.range.start)
        .collect();
    let section = |at: usize| {
        let i = headings.partition_point(|&h| h <= at);
        let start = i.checked_sub(1).map_or(0, |j| headings[j]);
        let end = headings.get(i).copied().unwrap_or(text.len());
        start..end
    };
    // Each cue as (where in the text, a source span for images without alt text).
    let mut cues: Vec<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> = Vec::new();
    for image in &prose.images {
        let alt = &text[image.alt.clone()];
        if rule.lex("image").is_match(alt) || rule.lex("image").is_match(&image.dest) {
            let src = image.alt.is_empty().then(|| image.src..image.src + 1);
            let at = if image.alt.is_empty() {
                image.at..image.at
            } else {
                image.alt.clone()
            };
            cues.push((at, src));
        }
    }
    // Two images side by side, each named by a moment of a treatment: ![1回目](a.jpg) ![8回目](b.jpg).
    let moment = rule.lex("moment");
    for pair in prose.images.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        let side_by_side = text
            .get(first.alt.end..second.at)
            .is_some_and(|between| between.len() < 80 && !between.contains("\n\n"));
        if side_by_side
            && moment.is_match(&text[first.alt.clone()])
            && moment.is_match(&text[second.alt.clone()])
            && !cues.iter().any(|(at, _)| *at == first.alt)
        {
            cues.push((first.alt.clone(), None));
        }
    }
    for si in scan.sentences_for(index) {
        let s = &prose.sentences[si];
        let sentence = &text[s.range.clone()];
        let Some(m) = rule.lex("cue").find(sentence) else {
            continue;
        };
        let hit = Hit {
            sentence,
            start: m.start(),
            end: m.end(),
            block: sentence,
            clinic_name: env.clinic_name.as_deref(),
        };
        // A warning to the reader (写真だけで決めないでください, 手術の前後はお酒を控えて) shows
        // no photo; an invitation to look at one (写真をご覧ください) does.
        let warns = {
            let rest = hit.after();
            let end = rest.find('。').unwrap_or(rest.len());
            ["ないで", "控え", "注意"]
                .iter()
                .any(|w| rest[..end].contains(w))
        };
        let not_shown = rule.lex("not_shown").is_match(sentence);
        // A question that asks the reader to look (違い、わかりますか？ どっちが好き？) shows the
        // photos; other questions ask about them (載せてもいいですか？).
        let asks_to_look = rule.lex("look").is_match(hit.after());
        if !warns
            && !not_shown
            && ![
                Guard::Negated,
                Guard::Question,
                Guard::Mentioned,
                Guard::RuleTalk,
            ]
            .into_iter()
            .any(|g| !(g == Guard::Question && asks_to_look) && hit.holds(g, reg))
        {
            cues.push((s.range.start + m.start()..s.range.start + m.end(), None));
        }
    }
    cues.sort_by_key(|(r, _)| r.start);
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, src) in cues {
        let sec = section(at.start);
        if reported.contains(&sec) {
            continue;
        }
        let sec_text = &text[sec.clone()];
        let mut missing = Vec::new();
        for (name, what) in [
            ("treatment", "治療の内容"),
            ("period", "期間と回数"),
            ("cost", "費用"),
            ("risk", "主なリスクと副作用"),
        ] {
            if !rule.lex(name).is_match(sec_text) {
                missing.push(what);
            }
        }
        if env.teaser || !missing.is_empty() {
            let mut raw = Raw::new(index, at);
            raw.src = src;
            raw.message = Some(if env.teaser {
                format!("{}{}", rule.message, TEASER_NOTE)
            } else {
                format!(
                    "{}（写真のある節に見当たらないもの：{}）",
                    rule.message,
                    missing.join("、")
                )
            });
            out.push(raw);
            reported.push(sec);
        }
    }
}
