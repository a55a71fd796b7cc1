//! Every input that once crashed or broke a fuzz target (`tests/fuzz-regressions/<target>/`),
//! replayed through the same checks the fuzzers run (`fuzz_cases`).

use std::path::Path;

use super::fuzz_cases;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // no crasher found for this target yet
    };
    for entry in entries {
        let path = entry.expect("readable folder").path();
        let data = std::fs::read(&path).expect("readable crasher");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
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
