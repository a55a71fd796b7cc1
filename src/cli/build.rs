//! `clinote build`: the site into a folder ready to upload, and a summary of what changed.

use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::{TerminalProgress, print_diagnostics};
use clap::Args;
use clinote_site::build::{BuildOptions, BuildReport, build};
use clinote_site::config::Language;
use clinote_site::dates;

#[derive(Args)]
pub(crate) struct BuildArgs {
    /// サイトのフォルダ（clinote.toml のある場所）/ The site's folder (where clinote.toml is)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// 書き出し先（既定: サイトの public/）/ Where to write the site (default: public/ in the site)
    #[arg(long, short, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,
    /// clinote.toml の base_url の代わりに使うアドレス / Use this address instead of base_url
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// 下書き（draft = true）も含める / Include drafts
    #[arg(long)]
    pub(crate) drafts: bool,
    /// clinote が作っていない空でない書き出し先も上書きする / Replace a non-empty output folder clinote did not create
    #[arg(long)]
    pub(crate) force: bool,
    /// 次の予約投稿の時刻だけを標準出力に出す（スケジューラ用）/ Print only the next scheduled time on stdout, for schedulers
    #[arg(long)]
    pub(crate) print_next_publish: bool,
    /// 前回のビルド結果（.clinote/cache/render）を使わず、残しもしない / Neither reuse nor keep earlier rendering results (.clinote/cache/render)
    #[arg(long)]
    pub(crate) no_cache: bool,
}

pub(crate) fn run(args: BuildArgs) -> ExitCode {
    // Ctrl-C stops the build cleanly (a second one at once); without the handler it would
    // still be safe, only abrupt.
    if let Err(e) = clinote_site::interrupt::install() {
        eprintln!("Ctrl-C を受け取れません / cannot catch Ctrl-C: {e}");
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    let options = BuildOptions {
        root: args.root.clone(),
        output: output.clone(),
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
        now: jiff::Timestamp::now(),
        cache: !args.no_cache,
    };
    let progress = TerminalProgress::new();
    let result = build(&options, &progress);
    progress.finish();
    match result {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            if args.print_next_publish {
                // stdout holds only the time (or nothing), for `next=$(clinote build …)`.
                if let Some(next) = &report.next_scheduled {
                    println!("{}", dates::rfc3339(&next.date));
                }
            } else {
                print_summary(&report, &output, &args.root);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            anstream::eprintln!(
                "ビルドを中止しました: エラー {} 件、警告 {} 件。前回の出力はそのままです。\nbuild failed: {} error(s), {} warning(s); the previous output is untouched.",
                diags.error_count(),
                diags.warning_count(),
                diags.error_count(),
                diags.warning_count()
            );
            ExitCode::from(1)
        }
    }
}

pub(crate) fn print_summary(
    report: &BuildReport,
    output: &std::path::Path,
    root: &std::path::Path,
) {
    let secs = report.elapsed.as_secs_f64();
    let shown = output.strip_prefix(root).unwrap_or(output);
    println!(
        "完了: 記事 {} 本・ページ {} 枚を {} に書き出しました（{:.2} 秒）/ built {} articles, {} pages into {} in {:.2}s",
        report.articles,
        report.pages,
        shown.display(),
        secs,
        report.articles,
        report.pages,
        shown.display(),
        secs
    );
    let w = report.written;
    if w.unchanged > 0 {
        println!(
            "  更新 {} 件・変更なし {} 件・削除 {} 件 / {} file(s) written, {} unchanged, {} removed",
            w.written, w.unchanged, w.removed, w.written, w.unchanged, w.removed
        );
    }
    if report.reused > 0 {
        let total = report.sources;
        println!(
            "  変更のない {} / {} 本は前回の結果を使いました（.clinote/cache/render）/ {} of {} unchanged article(s) and page(s) reused from the last build",
            report.reused, total, report.reused, total
        );
    }
    if report.drafts_left_out > 0 {
        println!(
            "  下書き {} 本は含めていません（--drafts で含めます）/ {} draft(s) left out (--drafts includes them)",
            report.drafts_left_out, report.drafts_left_out
        );
    }
    if let Some(robots) = &report.robots_at_root {
        println!(
            "  robots.txt はサイトのフォルダに書きましたが、検索エンジンが読むのはホストの直下（{url}）だけです。そこにある robots.txt に次の 1 行を加えてください（なければ、この行だけのファイルを置きます）:\n      {line}\n  / robots.txt was written into the site's folder, but crawlers only read {url}: add this line there (or put a file with just this line):\n      {line}",
            url = robots.url,
            line = robots.line,
        );
    }
    if let Some(next) = &report.next_scheduled {
        println!(
            "  次の予約投稿: {}「{}」（{}）。この時刻のあとにもう一度ビルドすると公開されます / next scheduled: {} \"{}\"",
            dates::display_time(&next.date, Language::Ja),
            next.title,
            next.file,
            dates::rfc3339(&next.date),
            next.title
        );
    }
}
