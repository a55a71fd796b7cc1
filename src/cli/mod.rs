//! Subcommands of the `clinote` binary whose work is more than a call into the library: each
//! module reads its arguments, does the job and returns the exit code.

pub mod count;
