//! Behaviour unchanged by restructuring: the demo site and the examples build to exactly the
//! files recorded in `tests/data/identical-output/`, and `clinote teasers` and `clinote check`
//! print exactly what they recorded.
//!
//! Each manifest lists one line per output file: its XXH3-128 hash, its size and its path, so a
//! failure names the files that changed. A deliberate change of output is accepted with
//! `CLINOTE_BLESS_OUTPUT=1 cargo test identical_output`, and the diff of the manifests (which
//! files changed) is reviewed with the change that caused it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::support::{demo_root, run, stderr, stdout, tree};

/// The sites whose output is kept, relative to the repository root.
const SITES: &[(&str, &str)] = &[
    ("demo", "."),
    ("english-clinic", "examples/english-clinic"),
    ("minimal", "examples/minimal"),
];

fn manifest_dir() -> PathBuf {
    demo_root().join("tests/data/identical-output")
}

fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// One line per entry: hash, size, name.
fn manifest<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut out = String::new();
    for (name, bytes) in entries {
        writeln!(out, "{} {:>8} {name}", hash(bytes), bytes.len()).expect("string");
    }
    out
}

/// Builds `site` with a fixed "now", so that scheduled articles stay where they are.
fn build(site: &Path, output: &Path) {
    let options = clinote_site::build::BuildOptions {
        root: site.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        drafts: false,
        force: false,
        now: "2026-12-07T00:00:00Z".parse().expect("fixed time"),
        cache: false,
    };
    if let Err(diags) = clinote_site::build::build(&options, &clinote_site::progress::Silent) {
        panic!("{} does not build: {diags:?}", site.display());
    }
}

/// What the commands print for `site`: teasers as JSON and CSV (every post, `--all`, so the
/// list does not shrink as days pass), and the check as JSON.
fn printed(site: &Path) -> Vec<(&'static str, Vec<u8>)> {
    let root = site.to_str().expect("utf-8 path");
    let commands: [(&str, &[&str]); 3] = [
        (
            "teasers.json",
            &["teasers", "--format", "json", "--all", "--root", root],
        ),
        (
            "teasers.csv",
            &["teasers", "--format", "csv", "--all", "--root", root],
        ),
        (
            "check.json",
            &["check", "--drafts", "--format", "json", "--root", root],
        ),
    ];
    commands
        .into_iter()
        .map(|(name, args)| {
            let o = run(args);
            // `check` exits 1 when it finds errors; what it prints is what is compared.
            assert!(
                !stdout(&o).is_empty(),
                "`clinote {}` printed nothing: {}",
                args.join(" "),
                stderr(&o)
            );
            (name, o.stdout)
        })
        .collect()
}

/// The lines of `expected` and `actual` that differ, for the failure message.
fn differing(expected: &str, actual: &str) -> String {
    let name = |l: &str| l.rsplit(' ').next().unwrap_or_default().to_string();
    let old: std::collections::BTreeMap<_, _> = expected.lines().map(|l| (name(l), l)).collect();
    let new: std::collections::BTreeMap<_, _> = actual.lines().map(|l| (name(l), l)).collect();
    let mut out = String::new();
    for (k, l) in &old {
        match new.get(k) {
            None => writeln!(out, "  gone:    {k}"),
            Some(n) if n != l => writeln!(out, "  changed: {k}"),
            Some(_) => Ok(()),
        }
        .expect("string");
    }
    for k in new.keys().filter(|k| !old.contains_key(*k)) {
        writeln!(out, "  new:     {k}").expect("string");
    }
    out
}

#[test]
fn identical_output() {
    let bless = std::env::var_os("CLINOTE_BLESS_OUTPUT").is_some();
    let mut failures = String::new();
    for &(name, rel) in SITES {
        let site = demo_root().join(rel);
        let tmp = tempfile::tempdir().expect("temp dir");
        let output = tmp.path().join("public");
        build(&site, &output);
        let files = tree(&output);
        let mut actual = manifest(files.iter().map(|(k, v)| (k.as_str(), v.as_slice())));
        let commands = printed(&site);
        actual.push_str(&manifest(commands.iter().map(|(k, v)| (*k, v.as_slice()))));
        let path = manifest_dir().join(format!("{name}.txt"));
        if bless {
            std::fs::create_dir_all(manifest_dir()).expect("manifest folder");
            std::fs::write(&path, &actual).expect("write manifest");
            continue;
        }
        let expected =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if expected != actual {
            write!(
                failures,
                "{name} ({rel}) differs from {}:\n{}",
                path.display(),
                differing(&expected, &actual)
            )
            .expect("string");
        }
    }
    assert!(
        failures.is_empty(),
        "output changed:\n{failures}\nIf the change is deliberate: CLINOTE_BLESS_OUTPUT=1 cargo test identical_output"
    );
}
