//! `clinote serve`: the live preview, and what it prints in the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use super::terminal::print_diagnostics;
use crate::serve::{self, Reporter, ServeError, ServeOptions, preview::Update};
use clap::Args;
use clinote_diagnostic::Diagnostics;

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// サイトのフォルダ / The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// 待ち受けるアドレス（既定はこのパソコンだけ）/ Address to listen on (default: this computer only)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// ポート番号（使われていれば次の番号を試す）/ Port (the next ones are tried if it is taken)
    #[arg(long, value_name = "PORT", default_value_t = 1111)]
    pub(crate) port: u16,
    /// 下書きと予約投稿を表示しない（build と同じ）/ Hide drafts and future articles, as `build` does
    #[arg(long)]
    pub(crate) no_drafts: bool,
    /// ブラウザで開く / Open the browser
    #[arg(long)]
    pub(crate) open: bool,
}

pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        no_drafts: args.no_drafts,
        open: args.open,
    };
    if !options.bind.is_loopback() {
        eprintln!(
            "注意: {} で待ち受けます。同じネットワークの他の機器からも見えます。\nnote: listening on {}, visible to other devices on the network.",
            options.bind, options.bind
        );
    }
    match serve::run(options, TerminalReporter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServeError(d)) => {
            print_diagnostics(&Diagnostics(vec![d]));
            ExitCode::from(1)
        }
    }
}

/// Prints one line per rebuild, and the full messages of new errors.
pub(crate) struct TerminalReporter;

impl Reporter for TerminalReporter {
    fn listening(&self, url: &str, asked: u16, port: u16) {
        if asked != 0 && asked != port {
            println!(
                "ポート {asked} は使用中のため {port} を使います / port {asked} is taken, using {port}"
            );
        }
        println!("プレビュー / preview: {url}  （Ctrl+C で終了 / to stop）");
    }

    fn rebuilt(&self, update: &Update, errors: &[clinote_diagnostic::Diagnostic]) {
        print_diagnostics(&Diagnostics(update.warnings.clone()));
        print_diagnostics(&Diagnostics(errors.to_vec()));
        let line = serve::preview::describe(update, errors.len());
        let time = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        println!("[{time}] {} / {}", line.ja, line.en);
    }
}
