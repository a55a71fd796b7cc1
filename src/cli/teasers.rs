//! `clinote teasers`: every article's X posts and LINE message, as text, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::print_diagnostics;
use clap::Args;
use clinote_diagnostic::Diagnostics;

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
    /// 下書きと予約投稿の記事も含める / Include drafts and scheduled articles
    #[arg(long)]
    pub(crate) drafts: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum TeaserFormat {
    /// 読みやすい一覧 / Readable list
    Text,
    /// JSON（予約投稿ツール向け）/ JSON for scheduling tools
    Json,
    /// CSV（表計算・予約投稿ツール向け）/ CSV for spreadsheets and scheduling tools
    Csv,
}

pub(crate) fn run(args: TeasersArgs) -> ExitCode {
    let selection = clinote_site::site::Selection {
        include_drafts: args.drafts,
        include_future: args.drafts,
        now: jiff::Timestamp::now(),
    };
    let loaded = match super::load_site(&args.root, &selection) {
        Ok(l) => l,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::from(1);
        }
    };
    let site = &loaded.site;
    let articles: Vec<_> = match &args.article {
        Some(slug) => match site.articles.iter().find(|a| &a.slug == slug) {
            Some(a) => vec![a],
            None => return not_published(&args.root, slug),
        },
        None => site.articles.iter().collect(),
    };
    let mut records = Vec::new();
    let mut warnings = Diagnostics::default();
    let mut text = String::new();
    for a in articles {
        let generated = clinote_site::outputs::teasers::of(&site.config, a);
        for w in &generated.warnings {
            warnings.push(
                clinote_diagnostic::Diagnostic::warning(w.clone())
                    .at(clinote_diagnostic::Location::file(a.file.as_str())),
            );
        }
        let canonical = a.canonical_url(&site.config);
        if let TeaserFormat::Text = args.format {
            text.push_str(&format!(
                "== {} ({})\n{canonical}\n\n",
                a.meta.title, a.slug
            ));
            for t in &generated.x {
                text.push_str(&format!(
                    "-- X {} ・ {} ・ {}/280\n{}\n\n",
                    t.variant, t.suggested_date, t.weighted_length, t.text
                ));
            }
            text.push_str(&format!(
                "-- LINE ・ {}/500\n{}\n\n",
                generated.line.utf16_len, generated.line.text
            ));
        }
        records.extend(clinote_posts::records(&a.slug, &canonical, &generated));
    }
    print_diagnostics(&warnings);
    match args.format {
        TeaserFormat::Text => print!("{text}"),
        TeaserFormat::Json => println!("{}", clinote_posts::to_json(&records)),
        TeaserFormat::Csv => print!("{}", clinote_posts::to_csv(&records)),
    }
    ExitCode::SUCCESS
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
