//! `clinote check`: findings about Japan's medical advertising guideline (医療広告ガイドライン),
//! patient privacy, and readability.
//!
//! # Overview
//!
//! ```text
//! source + body_offset ─► prose::Prose     the text a reader sees (title, description, body),
//!                                           NFKC-normalised, sentences, links, images,
//!                                           clinote-allow comments; every offset maps back
//! Prose ─► Registry::scan  one pass finding every rule's trigger words and patient words
//!       ─► phrases   sentence rules from data (rules/*.toml) + context guards (context.rs)
//!       ─► privacy   phone, e-mail, postal code, My Number, record numbers, named patients …
//!       ─► page      page-level: self-pay disclosures, unapproved drugs, before/after photos
//!       ─► readability  long sentences, commas, kanji runs, kanji ratio
//!       ─► suppress  config deny/allow, severities, consent, inline allow comments
//!       ─► Vec<Finding> sorted by position
//! ```
//!
//! Rules are data: each has a stable kebab-case id, a [`Category`], a [`Severity`], a Japanese
//! message citing the guideline, a suggested rewording when there is one, its documentation
//! (shown by [`explain`]) and pass/fail examples. The code holds only what data cannot say:
//! how to read a sentence's context (negation, questions, who a superlative is about, whether a
//! price is offered or explained), page-level disclosure checks and number validation.
//!
//! Articles are "pull" media, where a clinic may publish self-pay details once the page carries
//! the required disclosures (限定解除). Teasers (X, LINE) are "push" media that cannot meet
//! those requirements, so [`check_teaser`] is stricter: warnings about advertising and privacy
//! become errors, and prices, self-pay treatments and before/after content are errors in any
//! case.
//!
//! # Choices worth knowing
//!
//! - Inline `<!-- clinote-allow: RULE 理由 -->` allows RULE (a rule id, a category id, or
//!   `all`) on the next line only; without a reason it is not applied and is itself reported.
//! - Written consent (`patient_story = { consent = "written" }`) turns person-level privacy
//!   findings into info; testimonials stay errors, contact numbers and IDs stay as they are.
//! - Readability never drowns the writer: kanji runs are not reported in headings, footnotes,
//!   links, ruby-annotated words, organisation and drug-class names or the listed official
//!   terms, kanji numerals do not count, tables are left out of the kanji ratio, and each
//!   readability rule reports at most `[check.readability] max_findings` (3) times per article.
//! - The clinic's contact point required for self-pay pages is met by `[clinic]` phone or
//!   e-mail, which the theme prints on every page.
//!
//! # Cost
//!
//! Per article: one pulldown-cmark parse (with the renderer's CJK emphasis preparation), one
//! pass that copies and NFKC-normalises the prose, one word-set scan, then regexes only on the
//! few sentences that hold a trigger word. Rules compile once, on first use (tens of
//! milliseconds). The `check_article_and_posts` benchmark (`benches/hot_paths.rs`) measures it;
//! `tests::demo_site::phase_timing` (ignored) prints the time of each phase.

//! # Example
//!
//! ```
//! use clinote_check::{check_article, ArticleContext, Clinic, Severity};
//! use clinote_check::config::CheckConfig;
//!
//! let source = "+++\ntitle = \"腰痛の話\"\n+++\nこの治療で必ず治ります。\n";
//! let body_offset = source.rfind("+++\n").unwrap() + 4;
//! let clinic = Clinic::default();
//! let config = CheckConfig::default();
//! let ctx = ArticleContext {
//!     title: "腰痛の話",
//!     description: None,
//!     patient_consent: None,
//!     clinic,
//!     config: &config,
//! };
//! let findings = check_article(source, body_offset, &ctx);
//! assert_eq!(findings[0].rule, "guaranteed-effect");
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!((findings[0].line, findings[0].column), (4, 6));
//! assert_eq!(findings[0].suggestion.as_deref(), Some("改善が期待できます（効果には個人差があります）"));
//! ```

pub mod config;
mod context;
mod narrative;
mod page;
mod phrases;
mod privacy;
mod prose;
mod readability;
mod registry;
mod suppress;

#[cfg(test)]
mod labelled;
#[cfg(test)]
mod tests;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use self::config::CheckConfig;
use self::prose::Prose;
use self::registry::REGISTRY;

pub use self::readability::ReadabilityStats;

/// How serious a finding is. `error` stops `clinote build` when `[check] fail_build` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// `"error"`, `"warning"`, `"info"`; `None` for anything else (including `"off"`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// What a finding is about: the guideline's categories, privacy and readability. The order is
/// used to sort findings at the same place: more specific guideline categories first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 比較優良広告: better than others, rankings, celebrity links.
    Comparative,
    /// 虚偽・誇大広告: guarantees, absolute safety, unsupported figures, hype, fear appeals.
    Exaggeration,
    /// 体験談: patients' experiences of a treatment's content or effect.
    Testimonial,
    /// 術前術後の写真: before/after photos without the required details.
    BeforeAfter,
    /// 品位を損ねる広告: discounts, campaigns, し放題, gifts.
    PriceEmphasis,
    /// 未承認医薬品等: unapproved or off-label drugs without the five disclosures.
    Unapproved,
    /// 限定解除の要件: self-pay content without cost, duration, risks and contact.
    Disclosure,
    /// 個人情報: anything that could identify a patient.
    Privacy,
    /// 読みやすさ.
    Readability,
    /// リンク切れ: only from `clinote check --external`, which asks other sites; not a
    /// category of the text checker (not in `ALL`, so not a key of `[check.rules]`).
    Links,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Comparative,
        Category::Exaggeration,
        Category::Testimonial,
        Category::BeforeAfter,
        Category::PriceEmphasis,
        Category::Unapproved,
        Category::Disclosure,
        Category::Privacy,
        Category::Readability,
    ];

    /// The id used in config and JSON (`before_after`).
    pub fn id(self) -> &'static str {
        match self {
            Category::Comparative => "comparative",
            Category::Exaggeration => "exaggeration",
            Category::Testimonial => "testimonial",
            Category::BeforeAfter => "before_after",
            Category::PriceEmphasis => "price_emphasis",
            Category::Unapproved => "unapproved",
            Category::Disclosure => "disclosure",
            Category::Privacy => "privacy",
            Category::Readability => "readability",
            Category::Links => "links",
        }
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The guideline's own name for the category, for messages and docs.
    pub fn guideline_name(self) -> &'static str {
        match self {
            Category::Comparative => "比較優良広告",
            Category::Exaggeration => "虚偽・誇大広告",
            Category::Testimonial => "体験談",
            Category::BeforeAfter => "術前術後の写真",
            Category::PriceEmphasis => "品位を損ねる広告（費用の強調）",
            Category::Unapproved => "未承認医薬品等",
            Category::Disclosure => "限定解除の要件（自由診療の説明）",
            Category::Privacy => "個人情報・プライバシー",
            Category::Readability => "読みやすさ",
            Category::Links => "リンク切れ",
        }
    }
}

/// One thing `clinote check` found.
///
/// Positions are 1-based, in characters, counted in the whole file (front matter included);
/// the end is exclusive (the column just past the last character). Teaser findings are on
/// line 0, with columns counted in the post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case id naming what is flagged (`guaranteed-effect`).
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// Japanese explanation, citing the guideline's category.
    pub message: String,
    /// A suggested rewording, when there is one.
    pub suggestion: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Which generated post a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "channel", content = "variant")]
pub enum Post {
    /// The n-th X post, 1-based as shown on the teaser page.
    X(usize),
    Line,
}

/// What the checker found in one article: in its file, and in its posts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub posts: Vec<(Post, Finding)>,
}

impl Checked {
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.posts.is_empty()
    }

    /// Every finding, posts after the file's own.
    pub fn all(&self) -> impl Iterator<Item = (Option<Post>, &Finding)> {
        self.findings
            .iter()
            .map(|f| (None, f))
            .chain(self.posts.iter().map(|(p, f)| (Some(*p), f)))
    }
}

/// The clinic's own details: its phone, e-mail, address and site are never reported as a
/// patient's, and its name is not a person's. (`[clinic]` in `clinote.toml`.)
#[derive(Debug, Clone, Copy, Default)]
pub struct Clinic<'a> {
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// What a check needs to know about the article besides its text.
pub struct ArticleContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// `patient_story = { consent = "written" }`: with written consent, naming the consenting
    /// patient is reported as info (a story about a treatment's effect is still a testimonial).
    pub patient_consent: Option<&'a str>,
    /// The clinic's own phone, e-mail and address are never reported.
    pub clinic: Clinic<'a>,
    pub config: &'a CheckConfig,
}

/// Checks an article or page. `source` is the whole file (front matter included);
/// `body_offset` is where the Markdown body starts. `title` and `description` from the
/// context are checked at their lines in the front matter.
/// Loads the rules on a thread of their own and returns at once. Compiling them takes about
/// 60 ms of CPU; started before a build reads its site, it is done (on the threads the
/// reading leaves idle) by the time the first article is checked, instead of every thread
/// waiting for it then.
pub fn prepare_rules() {
    std::thread::spawn(|| std::sync::LazyLock::force(&registry::REGISTRY));
}

pub fn check_article(source: &str, body_offset: usize, ctx: &ArticleContext<'_>) -> Vec<Finding> {
    let prose = Prose::article(source, body_offset, ctx.title, ctx.description);
    run(&prose, Target::Article(source), ctx)
}

/// [`check_article`], with the body (`source[body_offset..]`, `body_offset` on a character
/// boundary) parsed already.
pub fn check_article_parsed(
    source: &str,
    body_offset: usize,
    ctx: &ArticleContext<'_>,
    parsed: &clinote_markdown::Parsed<'_>,
) -> Vec<Finding> {
    let prose = Prose::article_parsed(source, body_offset, ctx.title, ctx.description, parsed);
    run(&prose, Target::Article(source), ctx)
}

/// [`check_article`] and [`stats`] from one reading of the file.
pub fn check_article_with_stats(
    source: &str,
    body_offset: usize,
    ctx: &ArticleContext<'_>,
) -> (Vec<Finding>, ReadabilityStats) {
    let prose = Prose::article(source, body_offset, ctx.title, ctx.description);
    let stats = readability::stats(&prose, &ctx.config.readability);
    (run(&prose, Target::Article(source), ctx), stats)
}

/// Checks a teaser (an X or LINE post) with the stricter rules for push media. Positions are
/// on line 0, columns counted in the post.
pub fn check_teaser(text: &str, ctx: &ArticleContext<'_>) -> Vec<Finding> {
    let prose = Prose::teaser(text);
    run(&prose, Target::Teaser(text), ctx)
}

/// Readability figures for an article body, with the default thresholds.
pub fn stats(source: &str, body_offset: usize) -> ReadabilityStats {
    let prose = Prose::article(source, body_offset, "", None);
    readability::stats(&prose, &config::Readability::default())
}

/// The documentation of a rule, for `clinote check --explain RULE`.
pub fn explain(rule: &str) -> Option<&'static str> {
    REGISTRY.get(rule).map(|r| r.explain.as_str())
}

/// A rule as listed by `clinote check --explain` without an argument.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// `true` for rules that run on teasers only.
    pub teaser_only: bool,
}

/// Every rule, in documentation order.
pub fn rules() -> impl Iterator<Item = RuleInfo> {
    REGISTRY.rules.iter().map(|r| RuleInfo {
        id: r.id.as_str(),
        category: r.category,
        severity: r.severity,
        teaser_only: r.scope == registry::Scope::Teaser,
    })
}

/// Keys of `[check] rules` that name neither a rule nor a category, and values that are not a
/// severity or `"off"`, as messages, for the config loader to report.
pub fn config_problems(config: &CheckConfig) -> Vec<String> {
    let mut out = Vec::new();
    for (key, value) in &config.rules {
        if REGISTRY.get(key).is_none() && Category::from_id(key).is_none() {
            let near = clinote_diagnostic::suggest::nearest(
                key,
                REGISTRY
                    .rules
                    .iter()
                    .map(|r| r.id.as_str())
                    .chain(Category::ALL.iter().map(|c| c.id())),
            );
            out.push(match near {
                Some(n) => format!(
                    "[check.rules] の `{key}` というルールはありません（`{n}` のことですか？）"
                ),
                None => format!("[check.rules] の `{key}` というルールはありません"),
            });
        }
        if Severity::parse(value).is_none() && !value.trim().eq_ignore_ascii_case("off") {
            out.push(format!(
                "[check.rules] の `{key}` の値 `{value}` は \"error\"・\"warning\"・\"info\"・\"off\" のどれかにしてください"
            ));
        }
    }
    out
}

/// What is being checked, for positions.
#[derive(Clone, Copy)]
pub(crate) enum Target<'s> {
    /// The whole file.
    Article(&'s str),
    /// The post.
    Teaser(&'s str),
}

impl Target<'_> {
    fn is_teaser(self) -> bool {
        matches!(self, Target::Teaser(_))
    }
}

/// What the engines share while checking one text.
pub(crate) struct Env<'a> {
    pub teaser: bool,
    pub clinic: Clinic<'a>,
    /// The clinic's name, NFKC-normalised.
    pub clinic_name: Option<String>,
    pub config: &'a CheckConfig,
}

/// A finding before severities, suppressions and positions are settled.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    /// Index of the rule in the registry.
    pub rule: usize,
    /// Where, in the prose text.
    pub range: Range<usize>,
    /// A severity the engine chose instead of the rule's (e.g. a landline vs a mobile).
    pub severity: Option<Severity>,
    /// A message the engine built (e.g. listing what is missing), else the rule's.
    pub message: Option<String>,
    pub suggestion: Option<String>,
    /// A category instead of the rule's (config `deny` entries).
    pub category: Option<Category>,
    /// A span in the source to point at instead of `range` (an image, a comment).
    pub src: Option<Range<usize>>,
}

impl Raw {
    pub(crate) fn new(rule: usize, range: Range<usize>) -> Raw {
        Raw {
            rule,
            range,
            severity: None,
            message: None,
            suggestion: None,
            category: None,
            src: None,
        }
    }
}

fn run(prose: &Prose, target: Target<'_>, ctx: &ArticleContext<'_>) -> Vec<Finding> {
    use unicode_normalization::UnicodeNormalization;
    let env = Env {
        teaser: target.is_teaser(),
        clinic: ctx.clinic,
        clinic_name: ctx
            .clinic
            .name
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.nfkc().collect()),
        config: ctx.config,
    };
    let scan = REGISTRY.scan(prose);
    let mut raw = Vec::new();
    phrases::run(prose, &scan, &env, &mut raw);
    privacy::run(prose, &scan, &env, &mut raw);
    page::run(prose, &scan, &env, &mut raw);
    let mut narrated = Vec::new();
    narrative::run(prose, &scan, &env, &raw, &mut narrated);
    raw.extend(narrated);
    if !env.teaser {
        readability::run(prose, &env, &mut raw);
    }
    suppress::deny(prose, &env, &mut raw);
    let consent = ctx
        .patient_consent
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("written"));
    suppress::finish(prose, target, &env, consent, raw)
}
