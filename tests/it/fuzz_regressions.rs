//! Every input that once crashed or broke a fuzz target, or exercised what a fix for one
//! changed, replayed through the same checks the fuzzers run (`fuzz_cases`).
//!
//! The inputs live in `tests/fuzz-regressions/<target>/`, one file each, named for what it
//! exercises; `tests/fuzz-regressions/README.md` says where each came from. To add a crasher,
//! copy the file the fuzzer left (`fuzz/artifacts/<target>/crash-…`) into the target's folder
//! under a descriptive name (`markdown/lisp-block-slow-highlight.md`), fix the bug, and
//! `cargo test --test it fuzz_regressions` replays it from then on.
//!
//! Each target's folder must exist and hold at least one input: a missing or empty folder
//! fails, so that a moved or deleted folder is not mistaken for a pass.

use std::path::Path;

use super::fuzz_cases;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut inputs: Vec<_> = entries
        .map(|entry| entry.expect("readable folder").path())
        .filter(|path| path.is_file())
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "{} holds no input: the {target} regressions check nothing",
        dir.display()
    );
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).expect("readable input");
            std::panic::catch_unwind(|| check(&data)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} {target} inputs fail again:\n{}",
        failed.len(),
        inputs.len(),
        failed.join("\n")
    );
}

#[test]
fn front_matter() {
    replay("front_matter", fuzz_cases::front_matter);
}

#[test]
fn markdown() {
    replay("markdown", fuzz_cases::markdown);
}

#[test]
fn x_count() {
    replay("x_count", fuzz_cases::x_count);
}

#[test]
fn teasers() {
    replay("teasers", fuzz_cases::teasers);
}

#[test]
fn check() {
    replay("check", fuzz_cases::check);
}
