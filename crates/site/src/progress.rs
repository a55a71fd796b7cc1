//! Progress of a build, for front ends that want to show it (the CLI draws a bar on a terminal
//! when a build is long). The library only reports; it never draws.

/// The stages of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking articles and pages.
    Reading,
    /// Turning Markdown into HTML.
    Rendering,
    /// Rendering pages through the theme.
    Pages,
    /// Writing files to disk.
    Writing,
}

impl Stage {
    /// A short label in Japanese and English.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "記事を読み込み中 / reading",
            Stage::Rendering => "本文を変換中 / rendering",
            Stage::Pages => "ページを作成中 / pages",
            Stage::Writing => "書き出し中 / writing",
        }
    }
}

/// Receives progress; called from worker threads.
pub trait Progress: Sync {
    /// A stage begins with `total` items.
    fn stage(&self, _stage: Stage, _total: usize) {}
    /// `n` more items of the current stage are done.
    fn advance(&self, _n: usize) {}
    /// Another build of the same site is running; this one waits for it to finish.
    fn waiting_for_other_build(&self) {}
    /// Another build (of any site) is writing into the output folder `out`; this one waits.
    fn waiting_for_output(&self, _out: &std::path::Path) {}
}

/// Reports nowhere.
pub struct Silent;

impl Progress for Silent {}
