//! The subcommands of the `clinote` binary: each module holds a command's arguments, calls the
//! crates below, prints what happened and returns the exit code. `terminal` is what they share.

pub mod build;
pub mod check;
pub mod count;
pub mod scaffold;
pub mod serve;
pub mod teasers;
pub mod terminal;
