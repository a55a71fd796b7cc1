//! The X posts for one article: the writer's own teasers first, then drafts written from
//! the article, each fitted to 280 as X counts.
//!
//! Drafts come in the order the rulebook suggests posting them (§6): on publication day an
//! opener a person would choose (a concrete question, a number, a surprising sentence) with
//! the lead, or the title with the lead; a few days later a different hook, one key sentence
//! from a section; a week later a checklist from a short list. More variants quote more
//! sections. Nothing pads them out: structural headings, editors' notes, sentences that lean
//! on their context and prices are never quoted (`figures`, `material`), and an article that
//! runs out gets fewer posts; only one with nothing to quote gets its title alone. A draft
//! that does not fit, or whose text another variant already has (X rejects duplicates), is
//! skipped.
//!
//! A post is `body`, the hashtags on their own line, and the link on the last line. Only the
//! body is ever shortened ([`compose::fit`]); if it cannot fit with the hashtags, it is tried
//! once without them.

use std::cell::Cell;

use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::Teasers;
use clinote_diagnostic::Bilingual;
use clinote_text::Language;

use super::compose::{Block, fit};
use super::contact;
use super::count::{Tail, entity_spans, parse};
use super::cut::{TITLE_MAX_CHARS, pieces, short_title};
use super::figures::{heading_topic, is_advice, likeness};
use super::frames::frames;
use super::grounding::{has_date, is_grounded, says_heading_again};
use super::hashtags::sanitize_all;
use super::line::{self, LINE_MAX_UTF16};
use super::link::{self, Source};
use super::material::{Checklist, Material, Quote};
use super::{ArticleInput, Generated, Teaser};

mod warn;

/// Hashtags per post, at most (the rulebook advises 1–2, never more than 3).
const MAX_HASHTAGS: usize = 3;
/// Tags taken from `tags` when the article sets no `hashtags`.
const TAGS_AS_HASHTAGS: usize = 2;
/// Days added per variant beyond `schedule_days`.
const EXTRA_VARIANT_DAYS: i64 = 7;

/// Writes the X posts and the LINE message for `article`.
pub fn generate(article: &ArticleInput<'_>, config: &Teasers) -> Generated {
    generate_from(article, config, Material::borrowing(article), None)
}

/// [`generate`], with the body (`article.body_markdown`) parsed already.
pub fn generate_parsed(
    article: &ArticleInput<'_>,
    config: &Teasers,
    parsed: &clinote_markdown::Parsed<'_>,
) -> Generated {
    generate_from(article, config, Material::parsed(article, parsed), None)
}

/// [`generate_parsed`], writing only posts that `keep` accepts (the writer's own teasers
/// are kept as written): the caller knows what no post may say, such as promoting a
/// self-pay treatment, which its check finds in a post's text.
pub fn generate_parsed_keeping(
    article: &ArticleInput<'_>,
    config: &Teasers,
    parsed: &clinote_markdown::Parsed<'_>,
    keep: &dyn Fn(&str) -> bool,
) -> Generated {
    generate_from(
        article,
        config,
        Material::parsed(article, parsed),
        Some(keep),
    )
}

fn generate_from(
    article: &ArticleInput<'_>,
    config: &Teasers,
    material: Material<&str>,
    keep: Option<&dyn Fn(&str) -> bool>,
) -> Generated {
    let mut posts = Posts::new(article, config);
    posts.keep = keep;
    let wanted = posts.wanted;
    posts.write(&material, wanted);
    let Posts {
        x,
        canonical,
        mut warnings,
        kept_out,
        ..
    } = posts;
    if x.len() < wanted {
        warnings.push(if kept_out > 0 {
            warn::too_few_kept(x.len(), wanted)
        } else {
            warn::too_few(x.len(), wanted)
        });
    }
    let line = line::message(
        &material,
        &canonical,
        article.slug,
        config.utm,
        article.date,
        article.clinic_phone,
    );
    if line.utf16_len > LINE_MAX_UTF16 {
        warnings.push(warn::line_too_long());
    }
    let line = keep.is_none_or(|keep| keep(&line.text)).then_some(line);
    if line.is_none() {
        warnings.push(warn::line_not_kept());
    }
    Generated {
        x,
        line,
        warnings,
        withheld: None,
    }
}

/// The first X post of `article`: always `generate(article, config).x.first()`, for callers
/// that only need it (an article page's share link).
///
/// It is written the same way, but nothing else is: no other variant, no LINE message, and
/// the body is parsed only if the first post needs it (an article without a description or
/// a summary, or whose title and lead cannot make a post).
pub fn first_post(article: &ArticleInput<'_>, config: &Teasers) -> Option<Teaser> {
    let material = Material::borrowing(article);
    let mut posts = Posts::new(article, config);
    posts.write(&material, posts.wanted.min(1));
    posts.x.into_iter().next()
}

/// The X posts written so far for one article.
struct Posts<'a> {
    article: &'a ArticleInput<'a>,
    config: &'a Teasers,
    /// The canonical URL as ASCII.
    canonical: String,
    /// `canonical` parsed, once for all the posts' links.
    parsed: Option<Url>,
    hashtags: Vec<String>,
    /// The writer's own teasers, tried first.
    own: Vec<Draft>,
    /// `variants`, or more when the writer wrote more teasers.
    wanted: usize,
    x: Vec<Teaser>,
    /// Each post's body without white space, to keep duplicates out.
    bodies: Vec<String>,
    warnings: Vec<Bilingual>,
    /// Which drafts from the article may be posted ([`generate_parsed_keeping`]).
    keep: Option<&'a dyn Fn(&str) -> bool>,
    /// Drafts `keep` turned down.
    kept_out: usize,
}

impl<'a> Posts<'a> {
    /// No posts yet; the link, hashtags and own teasers ready.
    fn new(article: &'a ArticleInput<'a>, config: &'a Teasers) -> Posts<'a> {
        let mut warnings = Vec::new();
        let canonical = link::canonical(article.canonical_url).unwrap_or_else(|| {
            warnings.push(warn::not_absolute(article.canonical_url));
            article.canonical_url.trim().to_string()
        });
        let hashtags = hashtags(article, config, &mut warnings);
        let own = own_teasers(article.own_teasers, &mut warnings);
        Posts {
            article,
            config,
            parsed: Url::parse(&canonical).ok(),
            canonical,
            hashtags,
            wanted: config.variants.max(own.len()),
            own,
            x: Vec::new(),
            bodies: Vec::new(),
            warnings,
            keep: None,
            kept_out: 0,
        }
    }

    /// Tries the writer's teasers, then drafts from the article, until `until` posts are
    /// written or the drafts run out. Drafts are written only as they are tried.
    fn write(&mut self, material: &Material<&str>, until: usize) {
        let own = std::mem::take(&mut self.own);
        let mut drafts = own.into_iter().chain(drafts(material));
        while self.x.len() < until
            && let Some(draft) = drafts.next()
        {
            self.add(draft);
        }
        // (Not when the caller keeps some drafts out: the title of a self-pay page alone is an
        // advertisement for it.)
        if self.x.is_empty()
            && until > 0
            && self.keep.is_none()
            && let Some(draft) = title_only(material)
        {
            self.add(draft);
        }
    }

    /// Adds a draft as the next variant, unless it cannot fit, or another variant already
    /// says the same.
    fn add(&mut self, draft: Draft) {
        let variant = self.x.len() + 1;
        let (article, config) = (self.article, self.config);
        let url = link::with_utm(
            self.parsed.clone(),
            &self.canonical,
            article.slug,
            Source::X(variant),
            config.utm,
        );
        let written = draft.text_so_far();
        let tags = tags_for(&written, &self.hashtags);
        let mut blocks = draft.blocks;
        if !draft.own
            && let Some(phone) = article.clinic_phone
        {
            // Above the lead (5), below the sentence it completes (8).
            contact::add_phone(&mut blocks, phone, article.language == Language::En, 7);
        }
        let Some(Fitted {
            text,
            body,
            weighted_length,
        }) = post(blocks, article.language, &tags, &url)
        else {
            if draft.own {
                self.warnings.push(warn::own_too_long(draft.index));
            }
            return;
        };
        // A post from the article holds no link or hashtag but its own: its pieces were
        // chosen free of them, and this holds for the pieces as put together too.
        if !draft.own && !is_plain(&body) {
            return;
        }
        if !draft.own && self.keep.is_some_and(|keep| !keep(&text)) {
            self.kept_out += 1;
            return;
        }
        let mut key = String::with_capacity(body.len());
        key.extend(body.chars().filter(|c| !c.is_whitespace()));
        if self.bodies.contains(&key) {
            if draft.own {
                self.warnings.push(warn::own_repeated(draft.index));
            }
            return;
        }
        if draft.own && body != written {
            self.warnings.push(warn::own_shortened(draft.index));
        }
        self.bodies.push(key);
        self.x.push(Teaser {
            variant,
            weighted_length,
            suggested_date: suggested_date(article.date, &config.schedule_days, variant),
            url,
            text,
        });
    }
}

/// One post to try: its blocks, and whether the writer wrote it (for warnings).
#[derive(Debug, Clone)]
struct Draft {
    blocks: Vec<Block>,
    own: bool,
    /// Position among the writer's teasers.
    index: usize,
}

impl Draft {
    fn new(blocks: Vec<Block>) -> Draft {
        Draft {
            blocks,
            own: false,
            index: 0,
        }
    }

    /// The full body, before any shortening.
    fn text_so_far(&self) -> String {
        self.blocks
            .iter()
            .map(|b| b.parts.join(b.sep))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A post fitted to 280.
struct Fitted {
    /// The whole post: body, hashtags, link.
    text: String,
    body: String,
    /// `parse(&text).weighted_length`.
    weighted_length: usize,
}

/// The whole post (body, hashtags, link), fitted to 280.
fn post(blocks: Vec<Block>, language: Language, tags: &[String], url: &str) -> Option<Fitted> {
    let with_tags = (!tags.is_empty()).then(|| {
        tags.iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    for tag_line in [with_tags, None] {
        let tail = match &tag_line {
            Some(t) => format!("\n{t}\n{url}"),
            None => format!("\n{url}"),
        };
        // The last text `fits` accepts is the one `fit` returns: keep its weight.
        let weight = Cell::new(0);
        let measured_tail = Tail::new(&tail);
        let fits = |body: &str| {
            let length = measured_tail.valid_length(body);
            weight.set(length.unwrap_or_default());
            length.is_some()
        };
        if let Some(body) = fit(blocks.clone(), "\n", language, fits) {
            return Some(Fitted {
                text: format!("{body}{tail}"),
                body,
                weighted_length: weight.get(),
            });
        }
        if tag_line.is_none() {
            break;
        }
    }
    None
}

/// The hashtags for every post: the article's `hashtags`, else up to two of its `tags`,
/// then the site's; sanitised, at most three. Dropped ones become warnings.
fn hashtags(
    article: &ArticleInput<'_>,
    config: &Teasers,
    warnings: &mut Vec<Bilingual>,
) -> Vec<String> {
    let own: Vec<&str> = if article.hashtags.is_empty() {
        article
            .tags
            .iter()
            .take(TAGS_AS_HASHTAGS)
            .map(String::as_str)
            .collect()
    } else {
        article.hashtags.iter().map(String::as_str).collect()
    };
    let all = own
        .into_iter()
        .chain(config.hashtags.iter().map(String::as_str));
    let (kept, dropped) = sanitize_all(all, MAX_HASHTAGS);
    warnings.extend(dropped.iter().map(|d| d.message()));
    kept
}

/// The hashtags to add to a body: those it does not already have, keeping to three in all.
fn tags_for(body: &str, hashtags: &[String]) -> Vec<String> {
    let present: Vec<String> = if body.contains(['#', '＃']) {
        parse(body)
            .hashtags
            .iter()
            .map(|t| t.to_lowercase())
            .collect()
    } else {
        Vec::new()
    };
    let room = MAX_HASHTAGS.saturating_sub(present.len());
    hashtags
        .iter()
        .filter(|t| !present.contains(&t.to_lowercase()))
        .take(room)
        .cloned()
        .collect()
}

/// The writer's teasers as drafts: each line its sentences, shortened from the end if needed.
fn own_teasers(teasers: &[String], warnings: &mut Vec<Bilingual>) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for (index, raw) in teasers.iter().enumerate() {
        let text: String = raw
            .nfc()
            .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\r'))
            .collect();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !parse(text).urls.is_empty() {
            warnings.push(warn::own_has_url(index));
        }
        // Each line keeps its own spacing; later lines and sentences go first if too long.
        let blocks = text
            .lines()
            .map(|line| Block::pieces(pieces(line.trim_end()), 5))
            .collect();
        drafts.push(Draft {
            blocks,
            own: true,
            index,
        });
    }
    drafts
}

/// What a draft written from the article is built around, in the order they are tried.
enum Hook<'m> {
    /// A notice: its title as the subject (【10月14日（水）臨時休診のお知らせ】), the lead, and
    /// the dates the body adds (the next open day).
    Notice(String),
    /// A sentence a person would open with (a question, a number, a surprise), then the
    /// lead.
    Opener(String),
    /// The title (shortened at a phrase when long) with the lead, when no sentence makes an
    /// opener.
    TitleAndLead(String),
    /// The lead alone, when the title is missing or has no phrase to shorten it at.
    Lead,
    /// A key sentence, under its section's heading.
    Quote(Quote<'m>),
    Checklist(&'m Checklist),
}

/// Drafts written from the article, best first, each written only when it is asked for.
fn drafts<'m>(m: &'m Material<&str>) -> impl Iterator<Item = Draft> + 'm {
    let f = frames(m.language);
    let mut closing = 0;
    hooks(m).map(move |hook| {
        closing += 1;
        draft(m, hook, f.closing(closing - 1))
    })
}

/// The hooks for `m`, in order: an opener (or the title with the lead), then a checklist
/// and the body's key sentences. Nothing pads them out: an article with
/// little to quote gets few posts (a short notice may get one).
fn hooks<'m>(m: &'m Material<&str>) -> impl Iterator<Item = Hook<'m>> + 'm {
    // 1. An opener, else the title with the lead, else the lead.
    let opener = m.opener();
    let mut opening = Vec::new();
    let title = m.title.as_deref().and_then(|t| short_title(t, m.language));
    match (&opener, title) {
        // A notice's subject and dates come first; a sentence lifted from it would leave them
        // out (「9月7日（月）から予約受付を開始します。」 of what?).
        (_, Some(t)) if m.notice && !m.lead.is_empty() => opening.push(Hook::Notice(t)),
        (Some(o), _) => opening.push(Hook::Opener(o.clone())),
        // A lead that repeats the title's news, or names its subject, opens alone: the title
        // is on the link card (and its image) right under the post. Reviewers marked a first
        // line that says the card's title again as the flat post's first fault. (Unless the
        // title asks: 「お薬手帳、じょうずに使えていますか？」 is the hook.)
        (None, Some(t))
            if !m.lead.is_empty()
                && !repeats(&t, &m.lead[0])
                && (t.ends_with(['？', '?']) || !is_grounded(&m.lead[0], &[t.as_str()])) =>
        {
            opening.push(Hook::TitleAndLead(t))
        }
        (None, _) if !m.lead.is_empty() => opening.push(Hook::Lead),
        (None, _) => {}
    }

    // 2. A checklist, key sentences, more checklists. (`flat_map` over one item defers
    // finding them until the opening hooks are used up.)
    let body = std::iter::once(m).flat_map(move |m| {
        let opener = opener.clone();
        // What earlier posts say: a quote that tells it again in other words is left out
        // (two posts on the same CO2 monitor, a third on 「いつもと違う環境」 after the lead).
        let mut said: Vec<String> = opener.iter().chain(&m.lead).cloned().collect();
        // Not the opener again, nor the answer to the question it asks.
        // Only a quote that can be read without its paragraph makes a post of its own.
        let mut quotes = m.quotes().filter(move |q| {
            let fresh = q.grounded
                && opener
                    .as_deref()
                    .is_none_or(|o| o != q.text && !q.heading.is_some_and(|h| h.contains(o)))
                && !said.iter().any(|s| likeness(s, q.text) > SAME_POINT);
            if fresh {
                said.push(q.text.to_string());
            }
            fresh
        });
        // A checklist before the first quote: reviewers would post the list as it is, and
        // missed it more than any sentence.
        let first_list = m.checklists().first().map(Hook::Checklist);
        let more_lists = m.checklists().iter().skip(1).map(Hook::Checklist);
        // After the first, only quotes with a hook of their own (a number, a question and
        // its answer, a surprise); the first may be plain if it says enough. Reviewers found
        // short plain ones filler (「腰痛は、くり返しやすい症状です。」).
        let first_quote = quotes.find(|q| q.strong || says_enough(q.text));
        // A notice's sentences lean on its dates (「お薬が切れそうな方は、13日までに」 without the
        // closure): after the notice itself, only its lists.
        let quoting = !m.notice;
        first_list
            .into_iter()
            .chain(first_quote.filter(|_| quoting).map(Hook::Quote))
            .chain(more_lists)
            .chain(quotes.filter(move |q| quoting && q.strong).map(Hook::Quote))
    });

    opening.into_iter().chain(body)
}

/// The longest title put over a list whose heading does not name its subject: a longer
/// one would crowd out the list it explains.
const UNNAMED_LIST_TITLE_CHARS: usize = 40;

/// Likeness over which a quote tells what an earlier post told ([`likeness`]).
const SAME_POINT: f32 = 0.35;

/// Whether a plain sentence is long enough to be more than a truism: 25 characters in
/// Japanese, 12 words in English.
fn says_enough(sentence: &str) -> bool {
    if sentence.is_ascii() {
        sentence.split_whitespace().count() >= 12
    } else {
        sentence.chars().count() >= 25
    }
}

/// Whether `lead` tells what `title` says (「お電話がつながりにくくなっています」 /
/// 「…午前中はお電話がたいへんつながりにくくなっております。」).
fn repeats(title: &str, lead: &str) -> bool {
    const SAME_NEWS: f32 = 0.3;
    likeness(title, lead) > SAME_NEWS
}

/// The post written when nothing else could be: the title (short enough to stand alone,
/// [`TITLE_MAX_CHARS`]) with the first closing phrase.
fn title_only(m: &Material<&str>) -> Option<Draft> {
    let title = m.title.as_deref()?;
    (title.chars().count() <= TITLE_MAX_CHARS).then(|| {
        Draft::new(vec![
            Block::sentences(vec![title.to_string()], m.language, 8).required(),
            Block::line(frames(m.language).closing(0), 1),
        ])
    })
}

/// The draft for one hook, ending with `closing`, the closing phrase in turn.
fn draft(m: &Material<&str>, hook: Hook<'_>, closing: &'static str) -> Draft {
    let f = frames(m.language);
    let lang = m.language;
    let lead = || Block::sentences(m.lead.clone(), lang, 5);
    let blocks = match hook {
        // Advice follows the fact it depends on (「…休診します。」 then 「お薬が足りなくなりそうな方は
        // …までに」); a question, a number or a surprise opens.
        Hook::Opener(sentence) if is_advice(&sentence) => vec![
            lead(),
            Block::sentences(vec![sentence], lang, 8).required(),
            Block::line(closing, 1),
        ],
        // The lead after it, but not a sentence of it that tells the opener again (「…梅雨の
        // 時期から注意が必要です。」 then 「梅雨明け前から気をつけたい熱中症。」).
        Hook::Opener(sentence) => {
            let rest = m.lead_after(&sentence);
            vec![
                Block::sentences(vec![sentence], lang, 8).required(),
                Block::sentences(rest, lang, 5),
                Block::line(closing, 1),
            ]
        }
        Hook::TitleAndLead(title) => vec![
            Block::sentences(vec![title], lang, 8).required(),
            lead(),
            Block::line(closing, 1),
        ],
        Hook::Lead => vec![lead().required(), Block::line(closing, 1)],
        Hook::Notice(title) => {
            let told = match m.notice_body() {
                // A short notice whole, in place of the lead it would repeat.
                Some(body) => vec![Block::sentences(body, lang, 5).required()],
                None => vec![
                    lead().required(),
                    Block::sentences(m.notice_facts(), lang, 6),
                ],
            };
            let mut blocks = vec![Block::line((f.heading)(&title), 7)];
            blocks.extend(told);
            // Who it is for, on a line of its own (「対象：13歳以上の方（中学生以上）」).
            blocks.extend(m.notice_whom().map(|whom| Block::line(whom, 5)));
            blocks.push(Block::line(closing, 1));
            blocks
        }
        Hook::Quote(q) => return quote_draft(m, q, closing),
        Hook::Checklist(list) => {
            let topic = list
                .heading
                .as_deref()
                .filter(|h| is_plain(h))
                .and_then(|h| heading_topic(h, lang));
            // A one-word label (「朝」) says less than the title: it goes under it, so that
            // the morning's items are not taken for the whole list.
            let label = topic.filter(|h| h.chars().count() < 3);
            let heading = topic.filter(|_| label.is_none()).or(m
                .title
                .as_deref()
                .filter(|t| t.chars().count() <= TITLE_MAX_CHARS));
            let label = label.filter(|l| heading.is_some_and(|h| !h.contains(l)));
            let mut blocks = Vec::new();
            // A notice's list says whose it is (「予約方法」 of what?).
            if m.notice
                && let Some(t) = m.title.as_deref().and_then(|t| short_title(t, lang))
                && heading.is_none_or(|h| h != t)
            {
                blocks.push(Block::line((f.heading)(&t), 6));
                // And when: a reminder without the dates says little (「お休み中に具合が悪く
                // なったら」 a week after the notice).
                let when = m.lead.iter().find(|s| has_date(s)).cloned();
                blocks.extend(when.map(|s| Block::sentences(vec![s], lang, 3)));
            } else if let Some(t) = m.title.as_deref()
                && lang == Language::Ja
                && t.chars().count() <= UNNAMED_LIST_TITLE_CHARS
                && !t.contains(['{', '*', '`'])
                && heading
                    .or(list.intro.as_deref())
                    .is_some_and(|h| h != t && !is_grounded(h, &[t]))
            {
                // So does a list whose heading names nothing the title names (「使い方の
                // チェックリスト」 of what? 「まず確認してほしいこと」 about what?): the title as
                // written, the first line to go when the list does not fit.
                blocks.push(Block::line((f.heading)(t), 4));
            }
            // Under the title, the sentence that says what the list is for is heading
            // enough: not two headings in a row (【腰痛と…】 then 「まず確認してほしいこと」).
            let titled = !m.notice && !blocks.is_empty() && list.intro.is_some();
            if let Some(h) = heading.filter(|_| !titled) {
                blocks.push(Block::line((f.list_heading)(h), 5));
            }
            blocks.extend(label.map(|l| Block::line((f.list_heading)(l), 5)));
            // What the list is for stays whole, or the list is not posted; unless it only says
            // the heading again (「次のような場面で、とても役に立ちます。」 under 「お薬手帳が役に
            // 立つ場面」).
            let intro = list
                .intro
                .as_ref()
                .filter(|i| titled || heading.is_none_or(|h| !says_heading_again(i, h)));
            if let Some(intro) = intro {
                let mut intro = Block::sentences(vec![intro.clone()], lang, 6).required();
                intro.cuttable = false;
                blocks.push(intro);
            }
            let mut items = Block::list(
                list.items
                    .iter()
                    .map(|i| format!("{}{i}", f.check))
                    .collect(),
                4,
                2,
            );
            let one_per_line = list.one_per_line(lang);
            if one_per_line {
                items.sep = "\n";
            }
            // A list cut to fit says so: without it, 3 of 5 warning signs look like all.
            items.elided = Some(match (lang, one_per_line) {
                (Language::Ja, true) => "\nなど",
                (Language::Ja, false) => " など",
                (Language::En, true) => "\n…",
                (Language::En, false) => " …",
            });
            blocks.push(items);
            blocks.push(Block::line(closing, 1));
            blocks
        }
    };
    Draft::new(blocks)
}

/// `【heading】` / the sentence (and the rest of an answer) / a closing phrase.
fn quote_draft(m: &Material<&str>, q: Quote<'_>, closing: &'static str) -> Draft {
    let f = frames(m.language);
    let mut blocks = Vec::new();
    let heading = q.shown_heading(m.title.as_deref(), m.language);
    let asks = heading.is_some_and(|h| h.trim_end().ends_with(['？', '?']));
    // An answer right under its question is posted with it, whole, or not at all: without
    // the question it reads as a blanket claim (「過度に心配する必要はありません」), and cut
    // it loses its condition (「指示された量と期間を守って使えば」). Hashtags go first.
    let answers = asks && q.first_under_heading;
    // A question that names nothing of the title (「卵アレルギーがあっても接種できますか？」 of
    // which vaccine?) goes under the title, as a list does; the title is the first line to go.
    if answers
        && m.language == Language::Ja
        && let (Some(t), Some(h)) = (m.title.as_deref(), heading)
        && t.chars().count() <= UNNAMED_LIST_TITLE_CHARS
        && !t.contains(['{', '*', '`'])
        && !is_grounded(h, &[t])
        && !is_grounded(q.text, &[t])
    {
        blocks.push(Block::line(t.to_string(), 4));
    }
    if let Some(topic) = heading {
        let keep = if asks { 7 } else { 3 };
        let line = Block::line((f.heading)(topic), keep);
        blocks.push(if answers { line.required() } else { line });
    }
    let mut text = Block::sentences(vec![q.text.to_string()], m.language, 8).required();
    text.cuttable = !answers;
    blocks.push(text);
    // Under a question, the answer goes on to its point (「2週間ほどかかります。」 then 「10月
    // 下旬から12月上旬に」): the next sentence of the section is part of it, never cut; if
    // it cannot fit even without hashtags, another hook is posted.
    if answers {
        let mut rest = Block::sentences(q.answer_rest(), m.language, 6).required();
        rest.cuttable = false;
        // (The point is often the last of them.)
        rest.min_parts = rest.parts.len().max(1);
        blocks.push(rest);
    }
    blocks.push(Block::line(closing, 1));
    Draft::new(blocks)
}

/// Whether X would see neither a link nor a hashtag in `text`: a heading such as
/// `#8000とは` or `kodomo-qa.jp とは` is left out of a post rather than made a hashtag or a
/// link the writer never meant.
fn is_plain(text: &str) -> bool {
    entity_spans(text).is_empty()
}

/// Publication date + `schedule_days[variant - 1]`; past the list, the last value plus a
/// week per extra variant.
pub(crate) fn suggested_date(date: Date, schedule_days: &[u32], variant: usize) -> Date {
    let n = variant.max(1);
    let days = match (schedule_days.get(n - 1), schedule_days.last()) {
        (Some(&d), _) => i64::from(d),
        (None, Some(&last)) => {
            let extra = i64::try_from(n - schedule_days.len()).unwrap_or(i64::MAX / 8);
            i64::from(last).saturating_add(extra.saturating_mul(EXTRA_VARIANT_DAYS))
        }
        // No schedule at all: a week apart from publication day.
        (None, None) => i64::try_from(n - 1)
            .unwrap_or(i64::MAX / 8)
            .saturating_mul(EXTRA_VARIANT_DAYS),
    };
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .unwrap_or(date)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edge_tests;
