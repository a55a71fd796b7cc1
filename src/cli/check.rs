//! `clinote check`: the guideline, privacy and readability findings of every article, its
//! readability figures (`--stats`), its external links (`--external`), and the rules
//! themselves (`--explain`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::print_diagnostics;
use clap::Args;

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// サイトのフォルダ / The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// 出力の形式 / Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub(crate) format: CheckFormat,
    /// 下書き（draft = true）も確かめる / Check drafts too
    #[arg(long)]
    pub(crate) drafts: bool,
    /// 記事ごとの読みやすさの数値を表にする / Print readability figures per article instead
    #[arg(long)]
    pub(crate) stats: bool,
    /// 外部サイトへのリンクが生きているかも確かめる（ネットにつなぎます）/ Also ask other sites whether linked pages still answer (goes online)
    #[arg(long)]
    pub(crate) external: bool,
    /// 規則の説明を出す（名前なしで一覧）/ Explain a rule (without a name: list them all)
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "")]
    pub(crate) explain: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// 読みやすい形（ファイル:行:桁 と該当箇所）/ Readable, with file:line:column and the line
    Human,
    /// JSON の配列（標準出力は JSON だけ）/ A JSON array (stdout holds only the JSON)
    Json,
}

pub(crate) fn run(args: CheckArgs) -> ExitCode {
    use clinote_site::check_report as report;
    if let Some(rule) = &args.explain {
        return explain_rule(rule);
    }
    // Scheduled articles are checked too: they go out later without anyone looking again.
    let selection = clinote_site::site::Selection {
        include_drafts: args.drafts,
        include_future: true,
        now: jiff::Timestamp::now(),
    };
    let loaded = match super::load_site(&args.root, &selection) {
        Ok(l) => l,
        Err(diags) => {
            print_diagnostics(&diags);
            eprintln!(
                "記事を読み込めないため確かめられませんでした / could not check: the site does not load"
            );
            return ExitCode::from(1);
        }
    };
    print_diagnostics(&loaded.diagnostics);
    let site = &loaded.site;
    if args.stats {
        print!("{}", stats_table(site));
        return ExitCode::SUCCESS;
    }
    let mut findings = report::site_diagnostics(site, true);
    // External links come last, after every file's own findings.
    let first_external = findings.0.len();
    let external = args.external.then(|| {
        let r = external_links(site);
        findings.extend(r.diagnostics);
        (r.asked, r.skipped, r.elapsed)
    });
    match args.format {
        CheckFormat::Json => {
            let all: Vec<report::JsonFinding> = site
                .articles
                .iter()
                .chain(&site.pages)
                .flat_map(|a| {
                    a.checks
                        .all()
                        .map(|(post, f)| report::JsonFinding::new(&a.file, post, f))
                })
                .chain(
                    findings.0[first_external..]
                        .iter()
                        .map(report::JsonFinding::external),
                )
                .collect();
            match serde_json::to_string_pretty(&all) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("JSON を作れませんでした / could not write JSON: {e}");
                    return ExitCode::from(1);
                }
            }
        }
        CheckFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for d in &findings.0 {
                anstream::print!("{}", d.render(color));
            }
            if let Some((asked, skipped, elapsed)) = external {
                let secs = elapsed.as_secs_f64();
                println!(
                    "外部リンク {asked} 件を {secs:.1} 秒で確かめました（設定で除外 {skipped} 件）/ asked {asked} external address(es) in {secs:.1} s ({skipped} skipped by config)"
                );
            }
            let checked = site.articles.len() + site.pages.len();
            println!(
                "{checked} 件を確かめました: エラー {} 件、警告 {} 件、情報 {} 件 / checked {checked} file(s): {} error(s), {} warning(s), {} info",
                findings.error_count(),
                findings.warning_count(),
                findings.info_count(),
                findings.error_count(),
                findings.warning_count(),
                findings.info_count(),
            );
        }
    }
    if findings.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `clinote check --external`: the links of every checked article and page to other sites.
pub(crate) fn external_links(
    site: &clinote_site::site::Site,
) -> clinote_site::linkcheck::external::Report {
    use clinote_site::linkcheck::external;
    let config = &site.config.check.external;
    let options = external::Options {
        timeout: std::time::Duration::from_secs(config.timeout.max(1)),
        skip: config.skip.clone(),
        ..external::Options::default()
    };
    // The name looked up to tell "no network" from "no such domain"; the tests set one that
    // exists (or not) whatever the network they run on.
    let options = match std::env::var("CLINOTE_DNS_CANARY") {
        Ok(name) if !name.is_empty() => external::Options {
            dns_canary: name,
            ..options
        },
        _ => options,
    };
    eprintln!("外部サイトへのリンクを確かめています… / asking other sites about linked pages…");
    external::check(
        site.articles.iter().chain(&site.pages).map(|a| &**a),
        &options,
    )
}

/// `clinote check --explain [RULE]`.
pub(crate) fn explain_rule(rule: &str) -> ExitCode {
    use clinote_check as check;
    use std::fmt::Write as _;
    let mut out = String::new();
    if rule.is_empty() {
        for r in check::rules() {
            let _ = writeln!(
                out,
                "{:<36} {:<8} {}{}",
                r.id,
                r.severity.as_str(),
                r.category.guideline_name(),
                if r.teaser_only {
                    "（投稿のみ / posts only）"
                } else {
                    ""
                }
            );
        }
        return super::terminal::emit(&out);
    }
    // A category (`testimonial`, the name the README and `[check.rules]` use): its rules.
    if let Some(category) = check::Category::from_id(rule) {
        let _ = writeln!(
            out,
            "{}（{}）の規則 / rules of the category `{}`:\n",
            category.guideline_name(),
            category.id(),
            category.id()
        );
        for r in check::rules().filter(|r| r.category == category) {
            let _ = writeln!(out, "  {:<36} {}", r.id, r.severity.as_str());
        }
        let _ = writeln!(
            out,
            "\nそれぞれの説明は `clinote check --explain <規則>` で / explain one with `clinote check --explain <rule>`"
        );
        return super::terminal::emit(&out);
    }
    match check::explain(rule) {
        Some(text) => super::terminal::emit(&format!("{text}\n")),
        None => {
            let near = clinote_diagnostic::suggest::nearest(rule, check::rules().map(|r| r.id))
                .map(|n| format!("（`{n}` のことですか？ / did you mean `{n}`?）"))
                .unwrap_or_default();
            eprintln!(
                "`{rule}` という規則はありません{near} / no rule named `{rule}`; `clinote check --explain` lists them"
            );
            ExitCode::from(2)
        }
    }
}

/// `clinote check --stats`: readability figures per article, with the site's thresholds.
pub(crate) fn stats_table(site: &clinote_site::site::Site) -> String {
    let mut out = format!(
        "{:<44} {:>6} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6}\n",
        "file", "chars", "kanji%", "avg.sent", "max", "long", "commas", "runs"
    );
    for a in site.articles.iter().chain(&site.pages) {
        let ctx = clinote_check::ArticleContext {
            title: &a.meta.title,
            description: a.meta.description.as_deref(),
            patient_consent: a.meta.patient_consent.as_deref(),
            clinic: site.config.clinic.for_check(),
            config: &site.config.check,
        };
        let (_, s) = clinote_check::check_article_with_stats(&a.source, a.body_offset, &ctx);
        // Padded by display width: a Japanese file name takes two columns a character.
        let pad = 44usize.saturating_sub(unicode_width::UnicodeWidthStr::width(a.file.as_str()));
        out.push_str(&format!(
            "{}{} {:>6} {:>5.1}% {:>8.1} {:>6} {:>6} {:>6} {:>6}\n",
            a.file,
            " ".repeat(pad),
            s.characters,
            s.kanji_ratio * 100.0,
            s.average_sentence_chars,
            s.longest_sentence_chars,
            s.long_sentences,
            s.sentences_with_many_commas,
            s.kanji_runs
        ));
    }
    out.push_str(
        "chars 文字数 / kanji% 漢字の割合 / avg.sent 文の平均の長さ / max 最長の文 / long 長すぎる文 / commas 読点の多い文 / runs 漢字の長い連続\n",
    );
    out
}
