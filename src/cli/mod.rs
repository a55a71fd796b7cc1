//! The subcommands of the `clinote` binary: each module holds a command's arguments, calls the
//! crates below, prints what happened and returns the exit code. `terminal` is what they share.

pub mod build;
pub mod check;
pub mod count;
pub mod scaffold;
pub mod serve;
pub mod teasers;
pub mod terminal;

/// The site at `root` loaded for reading (`check`, `teasers`): rendered with the render cache,
/// which gains new results and loses none, and sources kept for quoting.
pub(crate) fn load_site(
    root: &std::path::Path,
    selection: &clinote_site::site::Selection,
) -> Result<clinote_site::driver::Loaded, clinote_diagnostic::Diagnostics> {
    use clinote_site::driver::{CacheUse, LoadOptions, load};
    let options = LoadOptions::new(
        selection.clone(),
        CacheUse::Add,
        clinote_site::stage::Sources::Keep,
    );
    load(root, &options, &clinote_site::progress::Silent)?.without_errors()
}
