//! `clinote init` and `clinote new`: a new site, a new article.

use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::print_diagnostics;
use clap::Args;
use clinote_diagnostic::Diagnostics;
use clinote_site::config::Config;
use clinote_site::scaffold;

#[derive(Args)]
pub(crate) struct InitArgs {
    /// 作るフォルダ（空か、まだ無いもの）/ The folder to create (empty or not yet existing)
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
}

#[derive(Args)]
pub(crate) struct NewArgs {
    /// 記事のタイトル / The article's title
    #[arg(value_name = "TITLE")]
    pub(crate) title: String,
    /// アドレスに使う英数字の名前（例: winter-hand-washing）/ The ASCII name used in the address
    #[arg(long, value_name = "SLUG")]
    pub(crate) slug: Option<String>,
    /// 書き手（clinote.toml の [authors.○○] の ○○）/ The author's key in [authors]
    #[arg(long, value_name = "KEY")]
    pub(crate) author: Option<String>,
    /// サイトのフォルダ / The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
}

pub(crate) fn run_init(args: InitArgs) -> ExitCode {
    let today = jiff::Zoned::now();
    match scaffold::init(&args.dir, &today) {
        Ok(_) => {
            println!(
                "新しいサイトを {dir} に作りました / created a new site in {dir}\n\n次に / next:\n  cd {dir}\n  clinote new \"記事のタイトル\"\n  clinote build",
                dir = args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&Diagnostics(vec![d]));
            ExitCode::from(1)
        }
    }
}

pub(crate) fn run_new(args: NewArgs) -> ExitCode {
    let config = match Config::load(&args.root) {
        Ok((c, warnings)) => {
            print_diagnostics(&warnings);
            c
        }
        Err(errors) => {
            print_diagnostics(&errors);
            return ExitCode::from(1);
        }
    };
    let now = jiff::Zoned::now();
    match scaffold::new_article(
        &args.root,
        &config,
        &args.title,
        args.slug.as_deref(),
        args.author.as_deref(),
        &now,
    ) {
        Ok(path) => {
            println!("{}", path.display());
            if args.slug.is_none() && !args.title.is_ascii() {
                eprintln!(
                    "ヒント: アドレスは日付になっています。英数字のアドレスにするには、ファイルの slug = を書きかえるか --slug を使ってください。\nhint: the address uses the date; set `slug` in the file or use --slug for a readable one."
                );
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&Diagnostics(vec![d]));
            ExitCode::from(1)
        }
    }
}
