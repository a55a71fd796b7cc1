//! The command line: init, new, help, version and exit codes.

use crate::support::*;

#[test]
fn version_and_help_for_every_command() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("clinote "));
    for cmd in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["init", "--help"],
        vec!["new", "--help"],
    ] {
        let out = run(&cmd);
        assert!(out.status.success(), "{cmd:?}");
        assert!(stdout(&out).contains("Usage"), "{cmd:?}");
    }
    assert!(stdout(&run(&["build", "--help"])).contains("--drafts"));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["new"]).status.code(), Some(2));
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-blog");
    let out = run(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("clinote.toml").is_file());
    assert!(site.join("content/articles/hello.md").is_file());
    assert!(site.join("static").is_dir());
    assert!(
        !site.join("themes").exists(),
        "the default theme is embedded"
    );
    let out = run(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "a new site builds without warnings: {}",
        stderr(&out)
    );
    let html = std::fs::read_to_string(site.join("public/articles/hello/index.html")).unwrap();
    assert!(html.contains("<ruby>頸椎<rt>けいつい</rt></ruby>"));
    assert!(site.join("public/style.css").is_file());
    // Issue 24: everything the build wrote beside the writer's files is in .gitignore.
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    for entry in std::fs::read_dir(&site).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if ["clinote.toml", "content", "static", ".gitignore"].contains(&name.as_str()) {
            continue;
        }
        assert!(
            ignored.lines().any(|l| l.trim_matches('/') == name),
            "{name} is not in .gitignore:\n{ignored}"
        );
    }

    // A non-empty folder is refused and left alone.
    let out = run(&["init", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("空のフォルダではない"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_writes_a_draft_and_never_overwrites() {
    let site = TempSite::new();
    let root = site.root().to_str().unwrap().to_string();
    let out = run(&[
        "new",
        "冬の手洗いのコツ",
        "--slug",
        "winter-hands",
        "--root",
        &root,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = stdout(&out).trim().to_string();
    assert!(path.ends_with("content/articles/winter-hands.md"), "{path}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"冬の手洗いのコツ\""));
    assert!(text.contains("draft = true"));
    assert!(
        text.contains("author = \"yamada\""),
        "first author by default"
    );
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
        .strftime("%Y-%m-%d")
        .to_string();
    assert!(text.contains(&format!("date = {today}")), "{text}");

    let precious =
        "+++\ntitle = \"書きかけ\"\ndate = 2026-01-01\ndraft = true\n+++\n書きかけの大事な記事\n";
    std::fs::write(&path, precious).unwrap();
    let again = run(&["new", "別の記事", "--slug", "winter-hands", "--root", &root]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), precious);

    let out = run(&[
        "new",
        "看護師の記事",
        "--author",
        "sato",
        "--slug",
        "nurse",
        "--root",
        &root,
    ]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(stdout(&out).trim())
            .unwrap()
            .contains("author = \"sato\"")
    );

    let out = run(&["new", "x", "--author", "satou", "--root", &root]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`sato` のつもり"), "{}", stderr(&out));

    // A Japanese title without --slug gets a date-based address, and a hint.
    let out = run(&["new", "花粉症の準備", "--root", &root]);
    assert!(out.status.success());
    assert!(stdout(&out).trim().ends_with(&format!("{today}.md")));
    assert!(stderr(&out).contains("--slug"));

    // The new draft builds (as a draft, left out).
    let out = site.build_ok(&[]);
    assert!(stdout(&out).contains("下書き 3 本"), "{}", stdout(&out));
}

/// A reader that stops early (`clinote check --explain | head -1`) is not a crash.
#[test]
fn output_to_a_closed_pipe_is_not_a_crash() {
    use std::io::Read as _;
    use std::process::Stdio;
    for args in [
        &["check", "--explain"][..],
        &["check", "--explain", "testimonial"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clinote"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once: the command writes into a closed pipe.
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(status.success(), "{args:?}: {status:?} {err}");
    }
}
