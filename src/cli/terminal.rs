//! What every command shows in the terminal: diagnostics, a progress bar, and its output on stdout.

use std::io::IsTerminal;
use std::process::ExitCode;

use clinote_diagnostic::Diagnostics;
use clinote_site::progress::{Progress, Stage};

pub(crate) fn print_diagnostics(diags: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in &diags.0 {
        anstream::eprint!("{}", d.render(color));
    }
}

/// A progress bar on stderr for long builds; nothing when stderr is not a terminal or the
/// stage is small enough to finish in a blink.
pub(crate) struct TerminalProgress {
    pub(crate) bar: Option<indicatif::ProgressBar>,
}

/// Stages with fewer items than this finish too fast for a bar to help.
pub(crate) const LONG_STAGE: usize = 300;

impl TerminalProgress {
    pub(crate) fn new() -> Self {
        let on_terminal = std::io::stderr().is_terminal();
        let bar = on_terminal.then(|| {
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg:28} [{bar:30}] {pos}/{len} ({eta})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        });
        TerminalProgress { bar }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for TerminalProgress {
    fn stage(&self, stage: Stage, total: usize) {
        if let Some(bar) = &self.bar {
            if total >= LONG_STAGE {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_length(total as u64);
            bar.set_position(0);
            bar.set_message(stage.label());
        }
    }

    fn advance(&self, n: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
    }

    fn waiting_for_other_build(&self) {
        eprintln!(
            "同じサイトの別のビルドが終わるのを待っています… / waiting for another build of this site to finish…"
        );
    }

    fn waiting_for_output(&self, out: &std::path::Path) {
        eprintln!(
            "別のビルドが {out} に書き出しています。終わるのを待っています… / another build is writing into {out}; waiting for it to finish…",
            out = out.display()
        );
    }
}

/// Writes a command's output to stdout. A reader that stops early (`| head`) is not an
/// error; a full disk is.
pub(crate) fn emit(output: &str) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(output.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("書き出せませんでした: {e} / could not write the output: {e}");
            ExitCode::from(1)
        }
    }
}
