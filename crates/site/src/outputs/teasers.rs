//! Teasers of the site's articles: generated from each published article, shown to staff on
//! a page with copy buttons (`_teasers/`), listed by `clinote teasers`, and the LINE
//! friend-add QR code for the waiting room's poster (`line-qr.svg`).

use serde::Serialize;
use tera::Context;

use super::{Data, OutputFile};
use crate::config::Config;
use crate::content::Article;
use crate::render::meta::MetaView;
use crate::render::theme::Theme;
use crate::render::views::Views;
use clinote_check::Post;
use clinote_diagnostic::Diagnostic;
use clinote_posts::{self as teaser, Generated};

/// Where the teaser pages are written.
pub const TEASERS_DIR: &str = "_teasers/";
/// Where the LINE friend-add QR code is written.
pub const QR_PATH: &str = "line-qr.svg";

#[derive(Debug, Serialize)]
struct ArticleTeasers {
    title: String,
    url: String,
    file: String,
    /// A draft, or dated after now: shown only in the preview, marked so staff do not post
    /// about an article that is not public.
    draft: bool,
    scheduled: bool,
    /// Why the article has no posts (a self-pay article without its disclosures), in the
    /// site's language then English.
    withheld: Option<[String; 2]>,
    x: Vec<PostView>,
    line: Option<LineView>,
}

/// What `clinote check` says about a post, shown next to it.
#[derive(Debug, Serialize)]
struct FindingView {
    severity: &'static str,
    rule: String,
    message: String,
    suggestion: Option<String>,
}

fn findings_of(a: &Article, post: Post) -> Vec<FindingView> {
    a.checks
        .posts
        .iter()
        .filter(|(p, _)| *p == post)
        .map(|(_, f)| FindingView {
            severity: f.severity.as_str(),
            rule: f.rule.clone(),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct PostView {
    variant: usize,
    findings: Vec<FindingView>,
    text: String,
    /// The post's lines: the box is at least this tall, so nothing is hidden before copying.
    rows: usize,
    weighted_length: usize,
    valid: bool,
    intent_url: String,
    /// Date and time, as `clinote teasers` exports them (`2026-12-07 12:00`).
    suggested_date: String,
}

#[derive(Debug, Serialize)]
struct LineView {
    findings: Vec<FindingView>,
    text: String,
    rows: usize,
    length: usize,
    /// Opens LINE with the whole message, to send or forward.
    intent_url: String,
}

/// The X posts and LINE message of an article (made when it was rendered).
pub fn of(config: &Config, a: &Article) -> Generated {
    match &a.teasers {
        Some(g) => g.clone(),
        None => {
            let url = a.canonical_url(config);
            teaser::generate(&a.teaser_input(config, &url), &config.teasers)
        }
    }
}

/// One page of the staff's teaser pages (`_teasers/`, never indexed): the articles at
/// `indices`, newest first.
pub fn page(
    views: &Views<'_>,
    theme: &Theme,
    indices: &[usize],
    pagination: &crate::render::views::PaginationView,
) -> Result<Vec<u8>, Diagnostic> {
    let site = views.site;
    let config = &site.config;
    let articles: Vec<ArticleTeasers> = indices
        .iter()
        .map(|&i| {
            let a = &site.articles[i];
            let g = of(config, a);
            let schedule = teaser::Schedule {
                time: config
                    .teasers
                    .post_time()
                    .unwrap_or(jiff::civil::time(12, 0, 0, 0)),
                tz: &config.timezone,
                tz_name: &config.timezone_name,
                published: a.meta.date.as_ref(),
                now: views.now,
            };
            let when = |date| schedule.at(date).strftime("%Y-%m-%d %H:%M").to_string();
            ArticleTeasers {
                title: a.meta.title.clone(),
                url: views.url(a),
                file: a.file.clone(),
                draft: a.meta.draft,
                scheduled: crate::site::is_future(a, views.now),
                x: g.x
                    .iter()
                    .map(|t| PostView {
                        variant: t.variant,
                        findings: findings_of(a, Post::X(t.variant)),
                        valid: teaser::parse(&t.text).valid,
                        rows: rows(&t.text),
                        text: t.text.clone(),
                        weighted_length: t.weighted_length,
                        intent_url: t.intent_url(),
                        suggested_date: when(t.suggested_date),
                    })
                    .collect(),
                withheld: g.withheld.map(|b| [b.ja, b.en]),
                line: g.line.map(|line| LineView {
                    findings: findings_of(a, Post::Line),
                    rows: rows(&line.text),
                    length: line.utf16_len,
                    intent_url: line.intent_url(),
                    text: line.text,
                }),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("teasers", &articles);
    ctx.insert("pagination", pagination);
    ctx.insert("line_qr", &qr(config).map(|_| config.site_path(QR_PATH)));
    let title = theme
        .strings
        .get("teasers_title")
        .and_then(|v| v.as_str())
        .unwrap_or("Teasers")
        .to_string();
    let mut meta = MetaView::page(config, Some(&title), "", "_teasers/");
    meta.noindex = true;
    ctx.insert("meta", &meta);
    theme.render("teasers.html", &ctx, TEASERS_DIR)
}

/// A post's lines: the least height of its box (the stylesheet grows it with wrapped lines).
fn rows(text: &str) -> usize {
    text.split('\n').count().max(2)
}

/// `line-qr.svg`: the QR code of the LINE friend-add link, when `[clinic] line_id` is set.
pub fn qr(config: &Config) -> Option<OutputFile> {
    let id = config.clinic.line_id.as_deref()?;
    let url = teaser::friend_add_url(id)?;
    let label = match &config.clinic.name {
        Some(name) => format!("{name} LINE"),
        None => "LINE".to_string(),
    };
    let svg = teaser::qr_svg(&url, &label)?;
    Some(OutputFile {
        path: QR_PATH.to_string(),
        data: Data::Bytes(svg.into_bytes()),
    })
}
