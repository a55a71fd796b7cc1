//! The article's own words, ready to quote: its title, its lead, its most quotable
//! sentences and its short lists.
//!
//! Teasers may only reuse the article's words (they are medical advertising), so this is
//! all the generator has to write with. A sentence is quotable when it is whole (it ends in
//! `。！？` or `.!?`), holds no URL or hashtag (X would link them), and does not lean on its
//! surroundings (`しかし…`, `以下の…`, `This…`). Among those, the ones that carry a point
//! (a number, a question, 目安・予防・大切 …) rank first.

mod score;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;
use std::ops::Range;

use clinote_markdown::Parsed;
use clinote_text::Language;

use super::ArticleInput;
use super::count::{entity_spans, may_have_entities};
use super::cut::{ELLIPSIS, sentence_ranges, sentences};
use super::figures::{
    adds_to_before, has_figure, has_phone, has_price, heading_topic, is_advice, is_digit,
    is_editors_note, is_fragment, is_greeting, is_setup, likeness, says_its_subject,
    speaks_of_cost,
};
use super::grounding::{has_date, is_grounded, shares_kanji, tells_again};
use super::outline::{self, Section};

use self::score::{hook, opens_leaning, score};

use crate::plain::clean;

/// A sentence to quote, with the heading of its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote<'m> {
    pub heading: Option<&'m str>,
    pub text: &'m str,
    /// The sentence opens its section: what its heading is about.
    pub first_under_heading: bool,
    /// The rest of its paragraph (or the next paragraph): the rest of an answer, under a
    /// question heading.
    pub rest: &'m str,
    /// It can be read without its paragraph ([`is_grounded`]): only such a quote makes a
    /// post of its own; an opener is followed by the lead, which gives it its subject.
    pub grounded: bool,
    /// It carries a hook of its own ([`score::hook`]), a number (1,000ppm), or answers the
    /// question over it.
    pub strong: bool,
}

impl Quote<'_> {
    /// The heading to show over the quote, as its topic ([`shown_heading`]).
    pub fn shown_heading(&self, title: Option<&str>, language: Language) -> Option<&str> {
        shown_heading(
            self.heading,
            self.text,
            self.first_under_heading,
            title,
            language,
        )
    }

    /// The next sentences of an answer, all of its paragraph: the rest of its point (「2週間
    /// ほどかかります。」 then 「10月下旬から12月上旬に」) and any exception after it (「…血圧の
    /// お薬などは、いつもどおり飲んでください。」 then 「糖尿病のお薬やインスリンを使っている方は、
    /// 事前にご相談ください。」: cut before it, the answer tells an insulin user to take the usual
    /// dose). Up to the first that holds a link, a price or an editor's note.
    pub fn answer_rest(&self) -> Vec<String> {
        sentences(self.rest)
            .into_iter()
            .take_while(|s| entity_spans(s).is_empty() && !speaks_of_cost(s) && !is_editors_note(s))
            .collect()
    }
}

/// The topic of a section's heading, when it is shown over `sentence`: it tells what the
/// sentence is about when it asks what the sentence answers, or the sentence opens its
/// section (【こんなときは早めに受診を】 over a later sentence about booking would mislead) and,
/// in Japanese, shares a word with it (a label such as 【15:30　午後の診療】 or 【看護師長から】
/// says where a sentence is, not what it is about). Never the title again, nor a heading X
/// would link (`#8000とは`).
fn shown_heading<'h>(
    heading: Option<&'h str>,
    sentence: &str,
    first_under_heading: bool,
    title: Option<&str>,
    language: Language,
) -> Option<&'h str> {
    let h = heading?;
    if title == Some(h) || !entity_spans(h).is_empty() {
        return None;
    }
    let topic = heading_topic(h, language)?;
    let about = language != Language::Ja
        || shares_kanji(sentence, topic)
        || is_grounded(sentence, &[topic]);
    (is_question(topic) || (first_under_heading && about)).then_some(topic)
}

/// Where a quote is: its section, its paragraph there, and its bytes in the paragraph.
#[derive(Debug, Clone)]
struct QuoteAt {
    section: usize,
    paragraph: usize,
    range: Range<usize>,
    grounded: bool,
    strong: bool,
}

/// A short list to show as a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist {
    pub heading: Option<String>,
    /// The sentence that says what the list is for, when the paragraph before it ends with
    /// one (「次のような場合は、ストレッチの前に受診してください。」): without it, warning signs
    /// read as items to tick.
    pub intro: Option<String>,
    pub items: Vec<String>,
}

impl Checklist {
    /// Whether the items read better one per line than in a row: any is longer than a word
    /// or two (「市販薬やサプリメントを使ったら、名前をメモしている」).
    pub fn one_per_line(&self, language: Language) -> bool {
        let short = match language {
            Language::Ja => 15,
            Language::En => 30,
        };
        self.items.iter().any(|i| i.chars().count() > short)
    }
}

/// What the generator quotes from.
///
/// The body is read only when something needs it: the title and lead come from the front
/// matter (unless the article has neither a description nor a summary), so the first post
/// can be written without parsing the Markdown. Sections, quotes and checklists are worked
/// out once, on first use. Until then the body is kept as `Body`: borrowed from the article
/// (`&str`, [`Material::borrowing`], what the generator uses) or copied (`String`, in tests).
#[derive(Debug, Clone)]
pub(crate) struct Material<Body = String> {
    pub language: Language,
    /// `None` when the title is empty or holds something X would link.
    pub title: Option<String>,
    /// The description's sentences, else the summary's, else the opening paragraph's.
    pub lead: Vec<String>,
    /// More whole sentences (summary or opening), not in `lead`: where an opener is looked for.
    pub more: Vec<String>,
    /// The article announces something (its tags or title say お知らせ, ご案内, 休診 …): its
    /// posts carry the title as the subject and the dates ([`Material::notice_facts`]).
    pub notice: bool,
    /// The Markdown body, until it is parsed.
    body: Body,
    sections: OnceCell<Vec<Section>>,
    quotes: OnceCell<Vec<QuoteAt>>,
    checklists: OnceCell<Vec<Checklist>>,
}

const MIN_QUOTE_CHARS: usize = 8;
/// The least [`score`] of a sentence worth a post of its own: one that stands alone and
/// carries a point, a number or a question (a plain sentence of good length scores 5). (7
/// was tried: it drops filler such as 「6月も半ばを過ぎ…」 but also 「救急車を呼ぶか迷うときは、
/// 救急安心センター（#7119）に…」, and a fifth of the review set's posts.)
const MIN_QUOTE_SCORE: i32 = 6;
const MAX_LIST_ITEMS: usize = 8;

#[cfg(test)]
impl Material {
    /// The material of `article`, with a copy of its body.
    pub fn new(article: &ArticleInput<'_>) -> Material {
        Material::with_body(article, article.body_markdown.to_string(), OnceCell::new())
    }
}

impl<'a> Material<&'a str> {
    /// The material of `article`, borrowing its body.
    pub fn borrowing(article: &ArticleInput<'a>) -> Material<&'a str> {
        Material::with_body(article, article.body_markdown, OnceCell::new())
    }

    /// [`Material::borrowing`], with the body (`article.body_markdown`) parsed already.
    pub fn parsed(article: &ArticleInput<'a>, parsed: &Parsed<'_>) -> Material<&'a str> {
        let sections = OnceCell::from(outline::sections_parsed(parsed));
        Material::with_body(article, article.body_markdown, sections)
    }
}

impl<Body: AsRef<str>> Material<Body> {
    fn with_body(
        article: &ArticleInput<'_>,
        body: Body,
        sections: OnceCell<Vec<Section>>,
    ) -> Material<Body> {
        let language = article.language;
        let title =
            Some(clean(article.title)).filter(|t| !t.is_empty() && entity_spans(t).is_empty());
        let notice = is_notice(article.title, article.tags);
        let mut material = Material {
            language,
            title,
            lead: Vec::new(),
            more: Vec::new(),
            notice,
            body,
            sections,
            quotes: OnceCell::new(),
            checklists: OnceCell::new(),
        };
        let description = whole(article.description.unwrap_or(""));
        let summary = whole(article.summary);
        // Only parsed when the front matter leaves the lead or `more` to it.
        let opening = || -> Vec<String> {
            material
                .sections()
                .iter()
                .flat_map(|s| s.paragraphs.iter())
                .take(1)
                .flat_map(|p| whole(p))
                .collect()
        };
        // The lead is what the writer chose to sum up with; `more` is the next best source.
        let (lead, more) = match (description.is_empty(), summary.is_empty()) {
            (false, false) => (description, summary),
            (false, true) => (description, opening()),
            (true, false) => (summary, opening()),
            (true, true) => (opening(), Vec::new()),
        };
        let more = more
            .into_iter()
            .filter(|s| {
                !lead
                    .iter()
                    .any(|l| l.contains(s.as_str()) || s.contains(l.as_str()))
            })
            .collect();
        material.lead = lead;
        material.more = more;
        material
    }

    /// The body's sections, parsed on first use.
    fn sections(&self) -> &[Section] {
        self.sections
            .get_or_init(|| outline::sections(self.body.as_ref()))
    }

    /// Quotable sentences from the body, best first: the best of each section (sections with
    /// a heading first), then the second best of each, and so on. Sentences of the lead are
    /// left out.
    pub fn quotes(&self) -> impl Iterator<Item = Quote<'_>> {
        let sections = self.sections();
        let ranked = self.quotes.get_or_init(|| self.rank_quotes());
        ranked.iter().map(|at| {
            let section = &sections[at.section];
            let paragraph = &section.paragraphs[at.paragraph];
            Quote {
                heading: section.heading.as_deref(),
                text: &paragraph[at.range.clone()],
                first_under_heading: opens_section(paragraph, at.paragraph, &at.range),
                // The rest of its paragraph, or the next paragraph when it ends this one.
                rest: Some(paragraph[at.range.end..].trim_start())
                    .filter(|r| !r.is_empty())
                    .or_else(|| section.paragraphs.get(at.paragraph + 1).map(String::as_str))
                    .unwrap_or(""),
                grounded: at.grounded,
                strong: at.strong,
            }
        })
    }

    fn rank_quotes(&self) -> Vec<QuoteAt> {
        // (score, order, where) of each section's quotable sentences, best first.
        let mut ranked: Vec<Vec<(i32, usize, QuoteAt)>> = Vec::new();
        let mut with_heading = Vec::new();
        for (n, section) in self.sections().iter().enumerate() {
            let mut quotes = Vec::new();
            // A section an editor's note corrects (（7月27日追記：…は木曜日に変更）) may say
            // what is no longer true: nothing in it is quoted.
            if section.paragraphs.iter().any(|p| is_editors_note(p)) {
                ranked.push(quotes);
                with_heading.push(section.heading.is_some());
                continue;
            }
            let mut order = n * 1000;
            for (p, paragraph) in section.paragraphs.iter().enumerate() {
                // A paragraph without a dot or `#` has no link or tag in any sentence.
                let linkless = !may_have_entities(paragraph);
                for range in sentence_ranges(paragraph) {
                    let s = &paragraph[range.clone()];
                    let quotable = is_whole(s)
                        && (linkless || entity_spans(s).is_empty())
                        && !is_editors_note(s)
                        && !speaks_of_cost(s)
                        && !is_fragment(s)
                        && !is_greeting(s)
                        && !is_setup(s)
                        && !adds_to_before(s)
                        && (self.language != Language::Ja || says_its_subject(s));
                    if !quotable || self.lead.iter().any(|l| contains(l, s)) || self.repeats_lead(s)
                    {
                        continue;
                    }
                    let mut score = score(s, self.language);
                    // A number that makes a point, a question or a surprise is what reviewers
                    // missed most in later posts (直径4cm未満, 1,000ppm).
                    let hooks = hook(s, self.language).is_some();
                    if hooks {
                        score += 2;
                    }
                    // An instruction with a number (前日の夜9時以降は食事をしないでください) is
                    // what a reader must act on: reviewers missed it most in Q&A posts.
                    if is_advice(s) && s.chars().any(is_digit) {
                        score += 1;
                    }
                    // The first sentence under a question is its answer.
                    let answers =
                        order == n * 1000 && section.heading.as_deref().is_some_and(is_question);
                    if answers {
                        score += 3;
                    }
                    if score >= MIN_QUOTE_SCORE {
                        let grounded = self.language != Language::Ja
                            || self.stands_alone(s, section, p, &range);
                        let at = QuoteAt {
                            section: n,
                            paragraph: p,
                            range,
                            grounded,
                            strong: hooks || answers || has_figure(s),
                        };
                        quotes.push((score, order, at));
                    }
                    order += 1;
                }
            }
            quotes.sort_by_key(|&(score, order, _)| (std::cmp::Reverse(score), order));
            ranked.push(quotes);
            with_heading.push(section.heading.is_some());
        }
        // Sections with a heading give the quote context; the opening comes last.
        ranked.sort_by_key(|q| q.first().is_none_or(|(_, _, at)| !with_heading[at.section]));
        let mut out = Vec::new();
        let deepest = ranked.iter().map(Vec::len).max().unwrap_or(0);
        for round in 0..deepest {
            let mut this_round: Vec<&(i32, usize, QuoteAt)> =
                ranked.iter().filter_map(|q| q.get(round)).collect();
            this_round.sort_by_key(|&&(score, order, _)| (std::cmp::Reverse(score), order));
            out.extend(this_round.into_iter().map(|(_, _, at)| at.clone()));
        }
        out
    }

    /// The sentence a person would open a post with (a concrete question, a number, a
    /// surprise: [`score::hook`]), from the summary or opening and the best of the body's
    /// quotes; never one of the lead's.
    pub fn opener(&self) -> Option<String> {
        const QUOTES_LOOKED_AT: usize = 8;
        let from_body = self.quotes().take(QUOTES_LOOKED_AT).map(|q| q.text);
        // (A question heading is no opener: the post would ask without answering. It makes a
        // post of its own with its answer, as a quote under its heading.)
        let candidates = self.more.iter().map(String::as_str).chain(from_body);
        let mut best: Option<(i32, &str)> = None;
        for s in candidates {
            if !is_quotable(s)
                || is_editors_note(s)
                || speaks_of_cost(s)
                || is_fragment(s)
                || has_phone(s)
                || self.repeats_lead(s)
            {
                continue;
            }
            if let Some(strength) = score::hook(s, self.language)
                && best.is_none_or(|(b, _)| strength > b)
            {
                best = Some((strength, s));
            }
        }
        best.map(|(_, s)| s.to_string())
    }

    /// Whether a Japanese sentence of `section` names something its reader sees with it: the
    /// title on the link card, or the heading shown over it ([`is_grounded`]). (Not the lead,
    /// which a quote's post does not show: 「受診の前に、電話で診療時間を確認…」 shares 診療 with a
    /// closure notice's lead, but was about the city's weekend doctor.)
    fn stands_alone(
        &self,
        sentence: &str,
        section: &Section,
        paragraph: usize,
        range: &Range<usize>,
    ) -> bool {
        let first = opens_section(&section.paragraphs[paragraph], paragraph, range);
        let title = self.title.as_deref();
        let heading = shown_heading(
            section.heading.as_deref(),
            sentence,
            first,
            title,
            self.language,
        );
        // The answer right under the question it answers: the question is its context; so is
        // any heading right above, when they share a kanji.
        if first && heading.is_some_and(|h| is_question(h) || shares_kanji(sentence, h)) {
            return true;
        }
        let context: Vec<&str> = title.into_iter().chain(heading).collect();
        is_grounded(sentence, &context)
    }

    /// The body's sentences that give a date (the next open day, the last day to come for
    /// medicine), in the article's order, when the lead does not already: what a notice's
    /// post must not leave out. At most three. A short notice (four sentences at most) is
    /// all news: each of its sentences is a fact (「8台のうち4台分がご利用いただけなくなります
    /// ので、なるべく徒歩で」).
    pub fn notice_facts(&self) -> Vec<String> {
        const MOST: usize = 3;
        let body = self.body_sentences();
        let short = body.len() <= SHORT_NOTICE;
        body.into_iter()
            .filter(|s| {
                // (In a short notice, 「期間中は…」 follows the dates it leans on.)
                (short || (has_date(s) && !opens_leaning(s, self.language)))
                    && self.tells(s)
                    && !self.lead.iter().any(|l| contains(l, s) || contains(s, l))
                    && !self.repeats_lead(s)
            })
            .take(MOST)
            .collect()
    }

    /// A short notice's whole body, when it tells what the lead tells and more: posted in
    /// place of the lead, which it would repeat (「一部がご利用いただけません」 then 「8台のうち
    /// 4台分がご利用いただけなくなります」).
    /// Only when the body says it in no more words: a longer sentence would crowd out the
    /// facts after it (「院長と副院長の学会出席のため、…休診とさせていただきます」 against
    /// 「学会出席のため、10月14日（水）は終日休診します。」).
    pub fn notice_body(&self) -> Option<Vec<String>> {
        let body = self.body_sentences();
        let lead_chars: usize = self.lead.iter().map(|l| l.chars().count()).sum();
        let covering = body
            .iter()
            .filter(|s| self.repeats_lead(s) || self.lead.iter().any(|l| contains(s, l)));
        let covers = covering.clone().next().is_some()
            && covering
                .into_iter()
                .all(|s| s.chars().count() <= lead_chars);
        (self.notice && body.len() <= SHORT_NOTICE && body.len() > 1 && covers)
            // (Its dates need no subject: 「1月25日（月）から30日（土）まで、…工事を行います。」)
            .then(|| {
                body.into_iter()
                    .filter(|s| self.tells(s) || (has_date(s) && s.ends_with('。')))
                    .collect()
            })
    }

    /// Whether `told` holds every sentence of the body: a message that says all of a short
    /// notice leaves nothing more to read.
    pub fn tells_all(&self, told: &[String]) -> bool {
        let body = self.body_sentences();
        !body.is_empty()
            && body
                .iter()
                .all(|s| told.iter().any(|t| t.contains(s.as_str())))
    }

    /// The body's whole sentences, outside editors' notes.
    fn body_sentences(&self) -> Vec<String> {
        self.sections()
            .iter()
            .filter(|section| !section.paragraphs.iter().any(|p| is_editors_note(p)))
            .flat_map(|section| section.paragraphs.iter())
            .flat_map(|p| whole(p))
            .collect()
    }

    /// Whether a notice's sentence tells something: not an aside (「※ワクチンがなくなりしだい
    /// 終了」), and it says what it is about.
    fn tells(&self, sentence: &str) -> bool {
        !sentence.contains('※') && (self.language != Language::Ja || says_its_subject(sentence))
    }

    /// The lead after `opener`, without a tagline of it that tells the opener again
    /// (「梅雨明け前から気をつけたい熱中症。」 after 「…梅雨の時期から注意が必要です。」).
    pub fn lead_after(&self, opener: &str) -> Vec<String> {
        let title = self.title.as_deref();
        self.lead
            .iter()
            .filter(|l| !tells_again(opener, l, title))
            .cloned()
            .collect()
    }

    /// Who a notice is for, from a section headed 「対象」 (「対象者」, 「対象の方」): the
    /// heading and the first line under it, 「対象：13歳以上の方（中学生以上）」. Parents call
    /// about a child when a post leaves it out. A short line only, never a price.
    pub fn notice_whom(&self) -> Option<String> {
        const HEADINGS: &[&str] = &["対象", "対象者", "対象の方", "対象となる方"];
        if self.language != Language::Ja {
            return None;
        }
        let section = self.sections().iter().find(|s| {
            s.heading
                .as_deref()
                .is_some_and(|h| HEADINGS.contains(&h.trim()))
        })?;
        let heading = section.heading.as_deref()?.trim();
        let line = first_line(section.paragraphs.first()?);
        let short = (1..=40).contains(&line.chars().count());
        (short && !has_price(line) && !self.lead.iter().any(|l| l.contains(line)))
            .then(|| format!("{heading}：{line}"))
    }

    /// Whether `sentence` tells what a sentence of the lead already tells, in other words.
    fn repeats_lead(&self, sentence: &str) -> bool {
        /// Likeness over which two sentences say the same ([`likeness`]).
        const SAME: f32 = 0.4;
        self.lead.iter().any(|l| likeness(l, sentence) > SAME)
    }

    /// Lists short enough to show as checklists, in order.
    pub fn checklists(&self) -> &[Checklist] {
        self.checklists.get_or_init(|| self.find_checklists())
    }

    fn find_checklists(&self) -> Vec<Checklist> {
        // (Longer items are shown one per line: [`Checklist::one_per_line`].)
        let max_chars = match self.language {
            Language::Ja => 40,
            Language::En => 60,
        };
        self.sections()
            .iter()
            .flat_map(|s| {
                s.lists
                    .iter()
                    .zip(&s.list_intros)
                    .map(move |(l, i)| (s, l, i.as_deref()))
            })
            .filter_map(|(section, list, intro)| {
                if !(2..=MAX_LIST_ITEMS).contains(&list.len()) {
                    return None;
                }
                // A list of risks, side effects or prices is never posted: cut to fit, it
                // would leave some out, and any of it promotes the treatment it is about.
                if section.heading.as_deref().is_some_and(names_risks_or_cost) {
                    return None;
                }
                let items: Option<Vec<String>> = list
                    .iter()
                    .map(|item| checklist_item(item, max_chars))
                    .collect();
                Some(Checklist {
                    heading: section.heading.clone(),
                    intro: intro.and_then(|p| leads_into_list(p, self.language)),
                    items: items?,
                })
            })
            .collect()
    }
}

/// The quotable sentences of a text from the front matter or of the opening paragraph:
/// never an editor's note, or a price (which a post must not state).
fn whole(text: &str) -> Vec<String> {
    sentences(&clean(text))
        .into_iter()
        .filter(|s| {
            is_quotable(s)
                && !is_editors_note(s)
                && !speaks_of_cost(s)
                && !is_fragment(s)
                && !is_greeting(s)
        })
        .collect()
}

/// At most this many sentences, a notice is all news ([`Material::notice_body`]).
const SHORT_NOTICE: usize = 4;

/// The first line of a paragraph: up to its first 。, line break, or a space after a
/// Japanese character (where the outline joined two lines).
fn first_line(paragraph: &str) -> &str {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let end = chars
        .iter()
        .enumerate()
        .find(|&(i, &(_, c))| {
            c == '。' || c == '\n' || (c.is_whitespace() && i > 0 && !chars[i - 1].1.is_ascii())
        })
        .map_or(paragraph.len(), |(_, &(at, _))| at);
    paragraph[..end].trim()
}

/// Whether an article announces something: a tag or its title says so.
fn is_notice(title: &str, tags: &[String]) -> bool {
    const TAGS: &[&str] = &[
        "お知らせ",
        "おしらせ",
        "休診",
        "news",
        "notice",
        "announcement",
    ];
    const IN_TITLE: &[&str] = &["お知らせ", "ご案内", "休診", "受付を開始", "受付開始"];
    tags.iter()
        .any(|t| TAGS.iter().any(|w| t.trim().eq_ignore_ascii_case(w)))
        || IN_TITLE.iter().any(|w| title.contains(w))
}

/// The last sentence of the paragraph before a list, when it leads into the list: it ends
/// with a colon or points at what follows (次のような, 以下の, こんなとき), and is quotable.
fn leads_into_list(paragraph: &str, language: Language) -> Option<String> {
    const POINTING: &[&str] = &[
        "次の",
        "以下",
        "下記",
        "こんな",
        "このような",
        "following",
        "below",
    ];
    let last = sentences(&clean(paragraph)).pop()?;
    let leads = last.trim_end().ends_with(['：', ':'])
        || POINTING.iter().any(|w| last.to_lowercase().contains(w));
    let ok = leads
        && is_whole(&last)
        && entity_spans(&last).is_empty()
        && !speaks_of_cost(&last)
        && !is_editors_note(&last)
        && (language != Language::Ja || last.chars().count() <= 60);
    ok.then_some(last)
}

/// Whether the sentence at `range` of the `n`th paragraph opens its section: nothing but an
/// answer's label (`A.`, `Ａ：`, `答え：`) comes before it.
fn opens_section(paragraph: &str, n: usize, range: &Range<usize>) -> bool {
    let before = paragraph[..range.start].trim();
    n == 0
        && (before.is_empty()
            || (before.chars().count() <= 3
                && before.starts_with(['A', 'Ａ', '答'])
                && before.ends_with(['.', '．', ':', '：', '。', '）', ')', 'え'])))
}

/// Whether a heading names what a self-pay page must disclose: risks, side effects, costs,
/// or a treatment's period and sessions (主なリスク・副作用, 料金の目安, 治療の期間・回数).
/// Such a list is never posted: cut to fit it would leave some out, and whole it still
/// promotes the treatment it is about (「効果があらわれるまでには、通常6か月ほど」).
fn names_risks_or_cost(heading: &str) -> bool {
    const WORDS: &[&str] = &[
        "リスク",
        "副作用",
        "合併症",
        "ダウンタイム",
        "費用",
        "料金",
        "価格",
        "回数",
        "治療期間",
        "治療の期間",
        "施術の期間",
        "risk",
        "side effect",
        "cost",
        "price",
        "sessions",
    ];
    let lower = heading.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a heading or sentence asks something.
fn is_question(text: &str) -> bool {
    text.trim_end().ends_with(['？', '?'])
}

/// `haystack.contains(needle)` for short texts: tried where the needle's first character
/// is, which is quicker than setting up a general substring search for each pair.
fn contains(haystack: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return true;
    };
    needle.len() <= haystack.len()
        && haystack
            .match_indices(first)
            .any(|(i, _)| haystack[i..].starts_with(needle))
}

/// A list item as a checklist entry, whole; `None` when it is too long, or holds a link or
/// a price (which makes the whole list unusable).
fn checklist_item(item: &str, max_chars: usize) -> Option<String> {
    // A task list's own box (`□ 傷はないか`) gives way to the post's check mark.
    let item = item
        .trim()
        .trim_start_matches(['□', '☐', '■', '✔', '✓', '☑'])
        .trim()
        .trim_end_matches(['。', '.', '、', ',']);
    if has_price(item) || is_editors_note(item) || !entity_spans(item).is_empty() {
        return None;
    }
    // Never shortened to its label: 「大人のお薬」 without 「は高い場所にしまっている」, or
    // 「老人性色素斑」 without what it looks like, loses what the item says (reviewers found
    // both). Too long, and the list is not posted.
    if item.chars().count() > max_chars {
        return None;
    }
    let short = item;
    let ok = short.chars().count() >= 2
        && entity_spans(short).is_empty()
        && !short.contains(['。', '！', '？']);
    ok.then(|| short.to_string())
}

/// Whole, free of links and tags, and long enough to say something.
fn is_quotable(sentence: &str) -> bool {
    is_whole(sentence) && entity_spans(sentence).is_empty()
}

/// Whole (not cut with `…`) and long enough to say something.
fn is_whole(sentence: &str) -> bool {
    sentence.chars().count() >= MIN_QUOTE_CHARS && !sentence.ends_with(ELLIPSIS)
}
