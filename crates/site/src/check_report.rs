//! The checker applied to a site: each article's and page's text and each generated post, and
//! the findings as clinote's diagnostics (for `check`, `build` and `serve`) or as JSON.
//!
//! An article is checked when it is rendered (its posts exist from then on), so `serve`
//! re-checks exactly the articles it re-renders.

use serde::Serialize;

use crate::config::Config;
use crate::content::Article;
use crate::content::discover::Kind;
use clinote_check::{ArticleContext, Category, Checked, Finding, Post, Severity};
use clinote_diagnostic::{Bilingual, Diagnostic, Location};
use clinote_markdown::Parsed;

/// Checks a rendered article or page: its text, and for an article its X posts and LINE
/// message.
///
/// Posts clinote wrote (not the front matter's own `teasers`) are suggestions that staff copy
/// by hand, and quote the article: a rule allowed inline in the article is allowed in them too,
/// a rule the article itself breaks is reported there only, and their findings are at most
/// warnings, so a suggestion never stops a build. The author's own posts are checked in full.
pub fn check(a: &Article, config: &Config) -> Checked {
    check_with(a, config, None)
}

/// [`check`], with the article's body parsed already.
pub fn check_parsed(a: &Article, config: &Config, parsed: &Parsed<'_>) -> Checked {
    check_with(a, config, Some(parsed))
}

/// What the checker needs to know of an article and its site.
fn context<'a>(a: &'a Article, config: &'a Config) -> ArticleContext<'a> {
    ArticleContext {
        title: &a.meta.title,
        description: a.meta.description.as_deref(),
        patient_consent: a.meta.patient_consent.as_deref(),
        clinic: config.clinic.for_check(),
        config: &config.check,
    }
}

fn check_with(a: &Article, config: &Config, parsed: Option<&Parsed<'_>>) -> Checked {
    if !config.check.enabled {
        return Checked::default();
    }
    let ctx = context(a, config);
    let findings = match parsed {
        Some(parsed) => clinote_check::check_article_parsed(&a.source, a.body_offset, &ctx, parsed),
        None => clinote_check::check_article(&a.source, a.body_offset, &ctx),
    };
    let mut posts = Vec::new();
    if a.kind == Kind::Article
        && let Some(t) = &a.teasers
    {
        // A post made from the article is made again when the article is fixed: what the
        // article's own findings (or allows) already cover is not repeated for it.
        let mut covered = allowed_rules(&a.source);
        covered.extend(findings.iter().map(|f| f.rule.as_str()));
        let own = a.meta.teasers.len();
        let mut add = |post: Post, text: &str, generated: bool| {
            for mut f in clinote_check::check_teaser(text, &ctx) {
                if generated {
                    if covered.contains(&f.rule.as_str()) {
                        continue;
                    }
                    f.severity = f.severity.max(Severity::Warning);
                }
                posts.push((post, f));
            }
        };
        for (i, post) in t.x.iter().enumerate() {
            add(Post::X(i + 1), &post.text, i >= own);
        }
        if let Some(line) = &t.line {
            add(Post::Line, &line.text, true);
        }
    }
    Checked { findings, posts }
}

/// Rules whose finding in an article means no post may promote it: a self-pay or
/// unapproved treatment offered without the disclosures the guideline requires. Posts are
/// push media, where those disclosures cannot be given; the article is where they go.
const WITHHOLDING_RULES: &[&str] = &[
    "missing-self-pay-disclosure",
    "unapproved-drug-without-disclosure",
];

/// Why no X or LINE post is written for `a`, and what to add: its first finding of a
/// [`WITHHOLDING_RULES`] rule. `None` when posts may be written.
pub fn withholding(a: &Article) -> Option<Bilingual> {
    let found: Vec<&Finding> = a
        .checks
        .findings
        .iter()
        .filter(|f| WITHHOLDING_RULES.contains(&f.rule.as_str()))
        .collect();
    let first = found.first()?;
    let what = match first.rule.as_str() {
        "missing-self-pay-disclosure" => ("自由診療", "self-pay treatment"),
        _ => ("未承認薬・適応外の薬", "an unapproved or off-label drug"),
    };
    // Every missing item, from each rule, so that adding them all lets the posts be written.
    let ja: Vec<String> = found
        .iter()
        .map(|f| format!("・{} 行目：{}", f.line, f.message))
        .collect();
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    Some(Bilingual::new(
        format!(
            "この記事（{}）は{}を案内していますが、記事に必要な説明がそろっていないため、X と LINE の投稿文は作りませんでした。次の説明を記事に書き足すと、投稿文が作られます。\n{}",
            a.file,
            what.0,
            ja.join("\n")
        ),
        format!(
            "no X or LINE post was written: {} offers {} without the disclosures the guideline requires ({}); add what `clinote check` lists to the article and its posts will be written",
            a.file,
            what.1,
            rules.join(", ")
        ),
    ))
}

/// Whether a post written from `a` (not one of its own teasers) has a finding of a
/// [`WITHHOLDING_RULES`] rule: it promotes self-pay or unapproved care.
pub fn a_generated_post_promotes_withheld_care(a: &Article) -> bool {
    let own = a.meta.teasers.len();
    a.checks.posts.iter().any(|(post, f)| {
        let generated = match post {
            Post::X(n) => *n > own,
            Post::Line => true,
        };
        generated && WITHHOLDING_RULES.contains(&f.rule.as_str())
    })
}

/// Whether `text` may be posted for `a`: `clinote check` finds in it no promotion of
/// self-pay or unapproved care ([`WITHHOLDING_RULES`]).
pub fn may_post(a: &Article, config: &Config, text: &str) -> bool {
    !clinote_check::check_teaser(text, &context(a, config))
        .iter()
        .any(|f| WITHHOLDING_RULES.contains(&f.rule.as_str()))
}

/// The rules named by `clinote-allow` comments anywhere in an article.
fn allowed_rules(source: &str) -> Vec<&str> {
    source
        .match_indices("clinote-allow:")
        .filter_map(|(i, m)| {
            source[i + m.len()..]
                .split_whitespace()
                .next()
                .map(|r| r.trim_end_matches("-->"))
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// A finding as clinote's diagnostic: rustc-style, with the line and the span underlined.
pub fn diagnostic(a: &Article, post: Option<Post>, f: &Finding) -> Diagnostic {
    let en = format!("{} ({})", english(f.category), f.rule);
    let message = match post {
        None => Bilingual::new(f.message.clone(), en),
        Some(p) => Bilingual::new(
            format!("{}: {}", post_name_ja(p), f.message),
            format!("in {}: {en}", post_name_en(p)),
        ),
    };
    let mut d = match f.severity {
        Severity::Error => Diagnostic::error(message),
        Severity::Warning => Diagnostic::warning(message),
        Severity::Info => Diagnostic::info(message),
    }
    .rule(&f.rule);
    d = match post {
        None => d.at(location(a, f)),
        Some(p) => d.at(post_location(a, p, f)),
    };
    match &f.suggestion {
        Some(s) => d.help(Bilingual::new(
            format!("言いかえの例: {s}"),
            format!("see `clinote check --explain {}`", f.rule),
        )),
        None => d.help(Bilingual::new(
            format!("詳しくは `clinote check --explain {}`", f.rule),
            format!("see `clinote check --explain {}`", f.rule),
        )),
    }
}

/// Where a finding in the file is: its line, underlined to the end of the span (or of the
/// line, for a span over several lines).
fn location(a: &Article, f: &Finding) -> Location {
    let text = a.source_text().unwrap_or_default();
    let line_text = text.split('\n').nth(f.line.saturating_sub(1)).unwrap_or("");
    let line_chars = line_text.chars().count();
    let len = if f.end_line == f.line {
        f.end_column.saturating_sub(f.column)
    } else {
        (line_chars + 1).saturating_sub(f.column)
    };
    Location {
        file: a.file.clone(),
        line: f.line,
        column: f.column,
        len: len.max(1),
        source_line: Some(line_text.trim_end_matches('\r').to_string()),
    }
}

/// A post has no line in the file: the snippet shows the post's own line that holds the span,
/// numbered within the post, under the article's path.
fn post_location(a: &Article, post: Post, f: &Finding) -> Location {
    let text = a.teasers.as_ref().and_then(|t| match post {
        Post::X(n) => t.x.get(n - 1).map(|p| p.text.as_str()),
        Post::Line => t.line.as_ref().map(|l| l.text.as_str()),
    });
    let Some(text) = text else {
        return Location::file(a.file.clone());
    };
    // Columns count characters over the whole post; find the line they fall on.
    let mut start = f.column.saturating_sub(1);
    let mut end = f.end_column.saturating_sub(1).max(start + 1);
    for (n, line) in text.split('\n').enumerate() {
        let chars = line.chars().count();
        if start <= chars {
            if let Some(at) = in_front_matter(a, post, line, start, end.min(chars + 1)) {
                return at;
            }
            return Location {
                file: format!("{} ({})", a.file, post_name_ja(post)),
                line: n + 1,
                column: start + 1,
                len: end.min(chars + 1).saturating_sub(start).max(1),
                source_line: Some(line.to_string()),
            };
        }
        start -= chars + 1;
        end = end.saturating_sub(chars + 1);
    }
    Location::file(a.file.clone())
}

/// Where a line of one of the writer's own teasers is in the front matter, with the span at
/// `start..end` (characters of the line): the writer fixes it there. `None` for a post
/// clinote wrote, or a line not found as written (an escaped quote, a shortened teaser).
fn in_front_matter(
    a: &Article,
    post: Post,
    line: &str,
    start: usize,
    end: usize,
) -> Option<Location> {
    let Post::X(n) = post else {
        return None;
    };
    if n > a.meta.teasers.len() || line.trim().is_empty() {
        return None;
    }
    let front = a
        .source
        .get(a.front_matter_offset..a.front_matter_offset + a.front_matter_len)?;
    let found = front.find(line)?;
    let skip: usize = line.chars().take(start).map(char::len_utf8).sum();
    let span: usize = line
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .map(char::len_utf8)
        .sum();
    let offset = a.front_matter_offset + found + skip;
    Some(Location::at_offset(
        a.file.clone(),
        &a.source,
        offset,
        span.max(1),
    ))
}

fn post_name_ja(post: Post) -> String {
    match post {
        Post::X(n) => format!("X 投稿 {n}"),
        Post::Line => "LINE メッセージ".to_string(),
    }
}

fn post_name_en(post: Post) -> String {
    match post {
        Post::X(n) => format!("X post {n}"),
        Post::Line => "LINE message".to_string(),
    }
}

/// The category in English, for the second line of a message.
fn english(c: Category) -> &'static str {
    match c {
        Category::Comparative => "may be comparative advertising under the guideline",
        Category::Exaggeration => "may be false or exaggerated advertising under the guideline",
        Category::Testimonial => "a patient's experience of a treatment may not be advertised",
        Category::BeforeAfter => "before/after photos need their details under the guideline",
        Category::PriceEmphasis => "price emphasis may be undignified advertising",
        Category::Unapproved => "an unapproved or off-label drug needs its disclosures",
        Category::Disclosure => "self-pay care needs cost, duration, risks and contact",
        Category::Privacy => "this may identify a patient or leak personal data",
        Category::Readability => "this may be hard for patients to read",
        Category::Links => "a link may be broken",
    }
}

/// One finding as `clinote check --format json` prints it: exactly these keys.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule: &'a str,
    pub category: Category,
    pub severity: Severity,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
}

impl<'a> JsonFinding<'a> {
    /// A finding of `file`; a post's finding is on line 0 of its article.
    pub fn new(file: &'a str, post: Option<Post>, f: &'a Finding) -> Self {
        let (line, end_line) = match post {
            None => (f.line, f.end_line),
            Some(_) => (0, 0),
        };
        JsonFinding {
            file,
            line,
            column: f.column,
            end_line,
            end_column: f.end_column,
            rule: &f.rule,
            category: f.category,
            severity: f.severity,
            message: &f.message,
            suggestion: f.suggestion.as_deref(),
        }
    }
}

impl<'a> JsonFinding<'a> {
    /// A finding of `clinote check --external`, in the same shape.
    pub fn external(d: &'a Diagnostic) -> Self {
        let (file, line, column, len) = d
            .location
            .as_deref()
            .map(|l| (l.file.as_str(), l.line, l.column, l.len))
            .unwrap_or(("", 0, 0, 0));
        JsonFinding {
            file,
            line,
            column,
            end_line: line,
            end_column: column + len,
            rule: d.rule.as_deref().unwrap_or("external-link"),
            category: Category::Links,
            severity: match d.severity {
                clinote_diagnostic::Severity::Error => Severity::Error,
                clinote_diagnostic::Severity::Warning => Severity::Warning,
                clinote_diagnostic::Severity::Info => Severity::Info,
            },
            message: &d.message.ja,
            suggestion: d.help.as_deref().map(|h| h.ja.as_str()),
        }
    }
}

/// Every finding in a site's published articles and pages, as diagnostics: by file, the
/// file's own findings by position, then its X posts in order, then its LINE message. Infos
/// only when asked for (`clinote check` shows them, `build` does not).
pub fn site_diagnostics(
    site: &crate::site::Site,
    with_info: bool,
) -> clinote_diagnostic::Diagnostics {
    let mut all: Vec<&Article> = site
        .articles
        .iter()
        .chain(&site.pages)
        .map(|a| &**a)
        .collect();
    all.sort_by(|a, b| a.file.cmp(&b.file));
    let mut out = clinote_diagnostic::Diagnostics::default();
    for a in all {
        let mut found: Vec<(Option<Post>, &Finding)> = a
            .checks
            .all()
            .filter(|(_, f)| with_info || f.severity != Severity::Info)
            .collect();
        let rank = |p: &Option<Post>| match p {
            None => 0,
            Some(Post::X(n)) => *n,
            Some(Post::Line) => usize::MAX,
        };
        found.sort_by_key(|(p, f)| (rank(p), f.line, f.column));
        for (post, f) in found {
            out.push(diagnostic(a, post, f));
        }
    }
    out
}

/// For the preview: the errors of every article and page (for the overlay), and the warnings
/// and infos of each page, by the output file that shows it (for the panel on that page).
pub fn for_preview(
    site: &crate::site::Site,
) -> (
    Vec<Diagnostic>,
    std::collections::HashMap<String, Vec<Diagnostic>>,
) {
    let mut errors = Vec::new();
    let mut panels = std::collections::HashMap::new();
    for a in site.articles.iter().chain(&site.pages) {
        if a.checks.is_empty() {
            continue;
        }
        let mut notes = Vec::new();
        for (post, f) in a.checks.all() {
            let d = diagnostic(a, post, f);
            if d.is_error() {
                errors.push(d);
            } else {
                notes.push(d);
            }
        }
        if !notes.is_empty() {
            panels.insert(format!("{}index.html", a.url_path), notes);
        }
    }
    (errors, panels)
}
