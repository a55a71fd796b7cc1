//! Ctrl-C (and `SIGTERM`, as sent by `kill` and schedulers) during a build: the first asks the
//! build to stop at the next file it writes, the second ends the process at once.
//!
//! Stopping is always safe (see the `sink` module): before the switch the old output is untouched,
//! and a switch that was cut short is finished by the next build. The flag is only set once
//! [`install`] has been called, which the `clinote build` command does.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

static REQUESTED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// Catches Ctrl-C and `SIGTERM` for the rest of the process: the first sets [`requested`],
/// the second exits with status 130.
pub fn install() -> std::io::Result<()> {
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registered first, so that it sees the flag as it was before this signal set it.
        signal_hook::flag::register_conditional_shutdown(signal, 130, REQUESTED.clone())?;
        signal_hook::flag::register(signal, REQUESTED.clone())?;
    }
    Ok(())
}

/// Whether the build was asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// The error a stopped stage returns.
pub fn error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted")
}
