//! `clinote teasers`: every article's X posts and LINE message, dated and timed, as text, JSON,
//! CSV (for Excel and scheduling tools) or an iCalendar file (for the staff's calendar), with
//! what `clinote check` finds in each post. Scheduled articles' posts are included, marked;
//! drafts' are not. A post with a check error stops the export unless `--allow-findings`. A
//! self-pay article without its disclosures has no posts, and a warning says what to add.

use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::print_diagnostics;
use clap::Args;
use clinote_check::Post;
use clinote_diagnostic::{Bilingual, Diagnostic, Diagnostics, Location, Severity};
use clinote_posts::{Channel, FindingRecord, Record, Schedule};
use clinote_site::content::Article;
use jiff::civil::Date;

#[derive(Args)]
pub(crate) struct TeasersArgs {
    /// サイトのフォルダ / The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// 出力の形式 / Output format
    #[arg(long, value_enum, default_value_t = TeaserFormat::Text)]
    pub(crate) format: TeaserFormat,
    /// この記事だけ（slug）/ Only this article (its slug)
    #[arg(long, value_name = "SLUG")]
    pub(crate) article: Option<String>,
    /// この日以降の投稿だけ（既定は今日から）/ Only posts dated on or after this day (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, conflicts_with = "all")]
    pub(crate) since: Option<Date>,
    /// 過去の投稿も含めてすべて / Every post, past ones too
    #[arg(long)]
    pub(crate) all: bool,
    /// X か LINE の投稿だけ / Only X posts or only LINE messages
    #[arg(long, value_enum, value_name = "x|line")]
    pub(crate) channel: Option<ChannelArg>,
    /// check のエラーがある投稿も書き出す / Export posts with errors from `clinote check` too
    #[arg(long)]
    pub(crate) allow_findings: bool,
    /// 下書きの記事も含める（予約投稿の記事はいつも含みます）/ Include drafts (scheduled articles are always included)
    #[arg(long)]
    pub(crate) drafts: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum TeaserFormat {
    /// 読みやすい一覧 / Readable list
    Text,
    /// JSON（予約投稿ツール向け）/ JSON for scheduling tools
    Json,
    /// CSV（Excel・予約投稿ツール向け、BOM 付き UTF-8・CRLF）/ CSV for Excel and schedulers
    Csv,
    /// iCalendar（投稿日にカレンダーで知らせる）/ iCalendar: reminders on the posting days
    Ics,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ChannelArg {
    X,
    Line,
}

/// `--since`: a day, with the reason in Japanese and English when it is not one.
fn parse_day(s: &str) -> Result<Date, String> {
    s.trim().parse::<Date>().map_err(|_| {
        format!(
            "\"{s}\" は日付ではありません。2026-12-01 のように書いてください / \"{s}\" is not a date: write it as 2026-12-01"
        )
    })
}

/// Said when no post is left after the filters.
const NOTHING_TO_EXPORT: &str = "書き出す投稿はありません（既定では今日以降の投稿だけです。--all ですべて、--since 2026-01-01 でその日から）/ no posts to export (by default only those dated from today on: --all for every post, --since DATE from that day)";

/// One exported post and where it comes from.
struct Exported<'a> {
    article: &'a Article,
    post: Post,
    record: Record,
}

pub(crate) fn run(args: TeasersArgs) -> ExitCode {
    let now = jiff::Timestamp::now();
    // Scheduled articles too: their posts can be loaded into a scheduler before they go live.
    let selection = clinote_site::site::Selection {
        include_drafts: args.drafts,
        include_future: true,
        now,
    };
    let loaded = match super::load_site(&args.root, &selection) {
        Ok(l) => l,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::from(1);
        }
    };
    let site = &loaded.site;
    let config = &site.config;
    let articles: Vec<&Article> = match &args.article {
        Some(slug) => match site.articles.iter().find(|a| &a.slug == slug) {
            Some(a) => vec![a],
            None => return not_published(&args.root, slug),
        },
        None => site.articles.iter().map(|a| &**a).collect(),
    };
    let today = now.to_zoned(config.timezone.clone()).date();
    let since = match (args.all, args.since) {
        (true, _) => None,
        (false, Some(day)) => Some(day),
        (false, None) => Some(today),
    };
    let time = config
        .teasers
        .post_time()
        .unwrap_or(jiff::civil::time(12, 0, 0, 0));

    let mut warnings = Diagnostics::default();
    let mut exported = Vec::new();
    for a in articles {
        let generated = clinote_site::outputs::teasers::of(config, a);
        for w in generated.warnings.iter().chain(&generated.withheld) {
            warnings.push(Diagnostic::warning(w.clone()).at(Location::file(a.file.as_str())));
        }
        let canonical = a.canonical_url(config);
        let schedule = Schedule {
            time,
            tz: &config.timezone,
            tz_name: &config.timezone_name,
            published: a.meta.date.as_ref(),
            now,
        };
        let records =
            clinote_posts::records(&a.slug, &a.meta.title, &canonical, &generated, &schedule);
        for mut record in records {
            let post = match record.channel {
                Channel::X => Post::X(record.variant),
                Channel::Line => Post::Line,
            };
            if args
                .channel
                .is_some_and(|c| c != channel_arg(record.channel))
                || since.is_some_and(|day| record.date().is_some_and(|d| d < day))
            {
                continue;
            }
            record.findings = findings_of(a, post);
            exported.push(Exported {
                article: a,
                post,
                record,
            });
        }
    }
    print_diagnostics(&warnings);

    let blocking = blocking_findings(&exported);
    if !blocking.is_empty() {
        let posts = exported.iter().filter(|e| e.record.has_error()).count();
        if args.allow_findings {
            let mut shown = Diagnostics::default();
            for mut d in blocking {
                d.severity = Severity::Warning;
                shown.push(d);
            }
            shown.push(Diagnostic::warning(Bilingual::new(
                format!(
                    "--allow-findings: check のエラーがある {posts} 件の投稿も書き出しました（findings 欄に理由があります）。投稿する前に直してください"
                ),
                format!(
                    "--allow-findings: exported {posts} {} with errors from `clinote check` (see their findings); fix them before posting",
                    if posts == 1 { "post" } else { "posts" }
                ),
            )));
            print_diagnostics(&shown);
        } else {
            let mut shown: Diagnostics = Diagnostics(blocking);
            let files: Vec<String> = exported
                .iter()
                .filter(|e| e.record.has_error())
                .map(|e| format!("{} ({})", e.article.file, post_name(e.post)))
                .collect();
            shown.push(
                Diagnostic::error(Bilingual::new(
                    format!(
                        "{posts} 件の投稿に clinote check のエラーがあるため、何も書き出しませんでした: {}",
                        files.join("、")
                    ),
                    format!(
                        "nothing exported: {posts} {} errors from `clinote check`: {}",
                        if posts == 1 { "post has" } else { "posts have" },
                        files.join(", ")
                    ),
                ))
                .help(Bilingual::new(
                    "記事の front matter の teasers に書いた投稿文を、上の言いかえの例のように直してください。確かめたうえでそのまま書き出すときは --allow-findings を付けます（理由は findings 欄に残ります）。",
                    "fix the wording of those posts (the article's front matter `teasers`), or pass --allow-findings to export them anyway (the findings stay in the export)",
                )),
            );
            print_diagnostics(&shown);
            return ExitCode::from(1);
        }
    }

    let records: Vec<Record> = exported.into_iter().map(|e| e.record).collect();
    if records.is_empty() && !matches!(args.format, TeaserFormat::Text) {
        eprintln!("{}", NOTHING_TO_EXPORT);
    }
    let output = match args.format {
        TeaserFormat::Text => text(&records, site),
        TeaserFormat::Json => format!("{}\n", clinote_posts::to_json(&records)),
        TeaserFormat::Csv => clinote_posts::to_csv(&records),
        TeaserFormat::Ics => {
            let name = format!("{} 投稿予定", config.title);
            let calendar = clinote_posts::IcsCalendar {
                name: &name,
                host: config.base_url.host_str().unwrap_or("localhost"),
                stamp: now,
            };
            clinote_posts::to_ics(&records, &calendar)
        }
    };
    super::terminal::emit(&output)
}

fn channel_arg(c: Channel) -> ChannelArg {
    match c {
        Channel::X => ChannelArg::X,
        Channel::Line => ChannelArg::Line,
    }
}

/// What `clinote check` found in one post when the article was rendered.
fn findings_of(a: &Article, post: Post) -> Vec<FindingRecord> {
    a.checks
        .posts
        .iter()
        .filter(|(p, _)| *p == post)
        .map(|(_, f)| FindingRecord {
            rule: f.rule.clone(),
            severity: f.severity.as_str().to_string(),
            message: f.message.clone(),
        })
        .collect()
}

/// The error-level findings of the exported posts, as `clinote check` shows them.
fn blocking_findings(exported: &[Exported<'_>]) -> Vec<Diagnostic> {
    exported
        .iter()
        .flat_map(|e| {
            e.article
                .checks
                .posts
                .iter()
                .filter(move |(p, f)| *p == e.post && f.severity == clinote_check::Severity::Error)
                .map(move |(p, f)| clinote_site::check_report::diagnostic(e.article, Some(*p), f))
        })
        .collect()
}

fn post_name(post: Post) -> String {
    match post {
        Post::X(n) => format!("X 投稿 {n} / X post {n}"),
        Post::Line => "LINE メッセージ / LINE message".to_string(),
    }
}

/// The readable list: each article, then its posts with their date, time, length and
/// findings.
fn text(records: &[Record], site: &clinote_site::site::Site) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for r in records {
        if current != Some(r.article.as_str()) {
            current = Some(&r.article);
            out.push_str(&format!("== {} ({})\n{}\n", r.title, r.article, r.url));
            if r.scheduled {
                let live = site
                    .articles
                    .iter()
                    .find(|a| a.slug == r.article)
                    .and_then(|a| a.meta.date.as_ref())
                    .map(|d| {
                        clinote_site::dates::display_time(
                            &d.with_time_zone(site.config.timezone.clone()),
                            site.config.language,
                        )
                    })
                    .unwrap_or_default();
                out.push_str(&format!(
                    "予約投稿: {live} に公開されます / scheduled: goes live {live}\n"
                ));
            }
            out.push('\n');
        }
        let (name, limit) = match r.channel {
            Channel::X => (format!("X {}", r.variant), 280),
            Channel::Line => ("LINE".to_string(), 500),
        };
        out.push_str(&format!(
            "-- {name} ・ {} {} ・ {}/{limit}\n{}\n",
            r.date, r.time, r.weighted_length, r.text
        ));
        for f in &r.findings {
            out.push_str(&format!(
                "   !! clinote check: {} {}: {}\n",
                f.severity, f.rule, f.message
            ));
        }
        out.push('\n');
    }
    if records.is_empty() {
        out.push_str(NOTHING_TO_EXPORT);
        out.push('\n');
    }
    out
}

/// `--article SLUG` names no article of the export: say whether it is a draft or scheduled
/// (and that `--drafts` takes it), or that no article has that slug.
fn not_published(root: &std::path::Path, slug: &str) -> ExitCode {
    let everything = clinote_site::site::Selection {
        include_drafts: true,
        include_future: true,
        now: jiff::Timestamp::now(),
    };
    let all = super::load_site(root, &everything).ok();
    let articles = all
        .as_ref()
        .map(|l| &l.site.articles[..])
        .unwrap_or_default();
    match articles.iter().find(|a| a.slug == slug) {
        Some(a) if a.meta.draft => eprintln!(
            "「{}」（{}）は下書き（draft = true）です。--drafts を付けると下書きの投稿文も出せます / \"{slug}\" ({}) is a draft; add --drafts to include it",
            a.meta.title, a.file, a.file
        ),
        Some(a) => {
            let date = a
                .meta
                .date
                .as_ref()
                .map_or_else(String::new, |d| d.strftime("%Y-%m-%d %H:%M").to_string());
            eprintln!(
                "「{}」（{}）は予約投稿（{date} 公開）です。--drafts を付けると公開前の投稿文も出せます / \"{slug}\" ({}) is scheduled for {date}; add --drafts to include it",
                a.meta.title, a.file, a.file
            );
        }
        None => {
            let known = articles.iter().map(|a| a.slug.as_str());
            let near = clinote_diagnostic::suggest::nearest(slug, known);
            let (near_ja, near_en) = near.map_or_else(Default::default, |n| {
                (
                    format!("`{n}` のことですか？"),
                    format!("; did you mean `{n}`?"),
                )
            });
            eprintln!(
                "slug が \"{slug}\" の記事はありません。{near_ja} / no article has the slug \"{slug}\"{near_en}"
            );
        }
    }
    ExitCode::from(1)
}
