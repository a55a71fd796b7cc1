//! Tests of writing the output: in place, only what changed, and whole after interruptions.

use super::journal::{JOURNAL_DRAFT, Journal, apply};
use super::plan::parent_dir_keys;
use super::*;

#[test]
fn parent_folders_are_every_ancestor_once_parents_first() {
    let paths: Vec<String> = [
        "index.html",
        "articles/a/index.html",
        "articles/a/cover.png",
        "articles/a-b/index.html",
        "tags/小児科/page/2/index.html",
        "articles/index.html",
    ]
    .map(String::from)
    .to_vec();
    let root = Path::new("/out");
    let dirs: Vec<PathBuf> = parent_dir_keys(&paths)
        .into_iter()
        .map(|d| root.join(d))
        .collect();
    let mut plainly: Vec<PathBuf> = paths
        .iter()
        .flat_map(|p| Path::new(p).ancestors().skip(1).map(|a| root.join(a)))
        .filter(|d| d != root)
        .collect();
    plainly.sort();
    plainly.dedup();
    let mut sorted = dirs.clone();
    sorted.sort();
    assert_eq!(sorted, plainly);
    for (i, d) in dirs.iter().enumerate() {
        for parent in d
            .ancestors()
            .skip(1)
            .filter(|p| p.starts_with(root) && *p != root)
        {
            let at = dirs.iter().position(|x| x == parent).unwrap();
            assert!(at < i, "{parent:?} after {d:?}");
        }
    }
}

fn file(path: &str, s: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        data: Data::Bytes(s.as_bytes().to_vec()),
    }
}

#[test]
fn replaces_output_and_leaves_no_temp_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_all(
        &out,
        &[file("index.html", "1"), file("a/b/c.html", "x")],
        &crate::progress::Silent,
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("a/b/c.html")).unwrap(),
        "x"
    );
    assert!(out.join(MARKER).is_file());
    write_all(&out, &[file("index.html", "2")], &crate::progress::Silent).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "2"
    );
    assert!(!out.join("a").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"]);
    assert!(super::super::check_output_dir(dir.path().join("site").as_path(), &out, false).is_ok());
}

#[test]
fn failed_write_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_all(
        &out,
        &[file("index.html", "good")],
        &crate::progress::Silent,
    )
    .unwrap();
    let broken = OutputFile {
        path: "x.png".into(),
        data: Data::Copy(dir.path().join("does-not-exist.png")),
    };
    let error = write_all(
        &out,
        &[file("index.html", "new"), broken],
        &crate::progress::Silent,
    )
    .unwrap_err();
    // The source that cannot be read is named, not the output.
    let source = error
        .get_ref()
        .and_then(|e| e.downcast_ref::<SourceUnreadable>())
        .expect("a source error");
    assert!(source.path.ends_with("does-not-exist.png"));
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "good"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_second_build_touches_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let silent = &crate::progress::Silent;
    let first = [
        file("index.html", "index"),
        file("a/index.html", "a"),
        file("gone/index.html", "gone"),
    ];
    assert_eq!(write_all(&out, &first, silent).unwrap().written, 3);
    let old_time = mtime(&out.join("a/index.html"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = [
        file("index.html", "index 2"),
        file("a/index.html", "a"),
        file("b/c/index.html", "new"),
    ];
    let stats = write_all(&out, &second, silent).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 2,
            unchanged: 1,
            removed: 1
        }
    );
    assert_eq!(mtime(&out.join("a/index.html")), old_time);
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "index 2"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("b/c/index.html")).unwrap(),
        "new"
    );
    assert!(!out.join("gone").exists(), "a stale folder is removed");
    let mut names: Vec<String> = walkdir::WalkDir::new(&out)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(&out)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            MARKER,
            "a",
            "a/index.html",
            "b",
            "b/c",
            "b/c/index.html",
            "index.html"
        ]
    );
}

#[test]
fn bytes_are_compared_to_the_last_one_even_at_the_same_length() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let silent = &crate::progress::Silent;
    // Longer than one read of the file system's.
    let big = "あ".repeat(40_000);
    let mut big_changed = big.clone();
    big_changed.replace_range(big.len() - 3.., "い");
    let first = [file("a.html", "aaaa"), file("big.html", &big)];
    write_all(&out, &first, silent).unwrap();
    let same = write_all(&out, &first, silent).unwrap();
    assert_eq!((same.written, same.unchanged), (0, 2));
    let second = [file("a.html", "aaab"), file("big.html", &big_changed)];
    let changed = write_all(&out, &second, silent).unwrap();
    assert_eq!((changed.written, changed.unchanged), (2, 0));
    assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "aaab");
    assert_eq!(
        std::fs::read_to_string(out.join("big.html")).unwrap(),
        big_changed
    );
}

#[test]
fn leftovers_of_an_interrupted_build_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let silent = &crate::progress::Silent;
    write_all(&out, &[file("a/index.html", "a")], silent).unwrap();
    // What earlier versions left: a file beside its target, trees beside the output.
    let leftover = out.join("a/index.html.clinote-tmp");
    std::fs::write(&leftover, "half").unwrap();
    std::fs::create_dir_all(dir.path().join(".public.clinote-new-1-2/a")).unwrap();
    // What this version leaves when stopped while staging.
    std::fs::create_dir_all(out.join(STAGING).join("b")).unwrap();
    std::fs::write(out.join(STAGING).join("b/index.html"), "staged").unwrap();
    std::fs::write(out.join(JOURNAL_DRAFT), "remove a\n").unwrap();
    let stats = write_all(&out, &[file("a/index.html", "a")], silent).unwrap();
    assert_eq!(stats.removed, 1);
    assert!(!leftover.exists());
    assert!(out.join(MARKER).is_file(), "the marker stays");
    assert!(
        !out.join("b").exists(),
        "nothing staged without a journal is used"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [MARKER, "a"]);
    let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "only public/ is left beside it");
}

/// Every file under `out` with its bytes (folders as empty), clinote's own files aside.
fn site_tree(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut t: Vec<_> = walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .map(|p| {
            let key = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (key, std::fs::read(&p).unwrap_or_default())
        })
        .collect();
    t.sort();
    t
}

#[test]
fn a_switch_cut_short_is_finished_by_the_next_build() {
    let silent = &crate::progress::Silent;
    let old_site = [
        file("index.html", "old"),
        file("gone/index.html", "gone"),
        file("same.html", "same"),
        file("x", "a file that becomes a folder"),
    ];
    let new_site = [
        file("index.html", "new"),
        file("added/deep/index.html", "added"),
        file("same.html", "same"),
        file("x/index.html", "now a folder"),
    ];
    // The new site as a clean build writes it.
    let clean = tempfile::tempdir().unwrap();
    write_all(&clean.path().join("public"), &new_site, silent).unwrap();
    let expected = site_tree(&clean.path().join("public"));
    // Stopped right after the journal, and after each step of the switch in turn.
    for done in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_all(&out, &old_site, silent).unwrap();
        let update =
            Update::begin(&out, new_site.iter().map(|f| f.path.clone()).collect()).unwrap();
        for f in &new_site {
            update.put(f).unwrap();
        }
        let journal = update.commit_without_switching();
        let steps = journal.remove.len() + journal.rename.len();
        let partial = Journal {
            remove: journal.remove.iter().take(done).cloned().collect(),
            rename: journal
                .rename
                .iter()
                .take(done.saturating_sub(journal.remove.len()))
                .cloned()
                .collect(),
        };
        // The first `done` steps, as a build that died there would have left them.
        assert!(apply(&out, &partial).unwrap().is_empty());
        recover(&out).unwrap();
        assert_eq!(
            site_tree(&out),
            expected,
            "stopped after {done} of {steps} steps"
        );
    }
}

#[test]
fn a_folder_where_a_file_goes_is_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let silent = &crate::progress::Silent;
    write_all(&out, &[file("x/index.html", "1")], silent).unwrap();
    write_all(&out, &[file("x", "now a file")], silent).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("x")).unwrap(),
        "now a file"
    );
    write_all(&out, &[file("x/index.html", "a folder again")], silent).unwrap();
    assert!(out.join("x/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_link_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "keep me").unwrap();
    let silent = &crate::progress::Silent;
    write_all(&out, &[file("index.html", "1")], silent).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("sub")).unwrap();
    std::os::unix::fs::symlink(outside.join("index.html"), out.join("page.html")).unwrap();
    write_all(
        &out,
        &[
            file("index.html", "1"),
            file("sub/index.html", "2"),
            file("page.html", "3"),
        ],
        silent,
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).unwrap(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("sub/index.html")).unwrap(),
        "2"
    );
    assert_eq!(std::fs::read_to_string(out.join("page.html")).unwrap(), "3");
    // A stale link is removed as a link.
    std::os::unix::fs::symlink(&outside, out.join("stale")).unwrap();
    write_all(&out, &[file("index.html", "1")], silent).unwrap();
    assert!(!out.join("stale").exists());
    assert!(outside.join("index.html").is_file());
}

#[test]
fn a_failed_update_leaves_the_old_output_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let silent = &crate::progress::Silent;
    write_all(
        &out,
        &[file("index.html", "good"), file("a/b.html", "b")],
        silent,
    )
    .unwrap();
    let tree = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut t: Vec<_> = walkdir::WalkDir::new(out)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default()))
            .collect();
        t.sort();
        t
    };
    let before = tree(&out);
    // A name no file system takes: staging fails after other changed files (and a new
    // folder) are already staged.
    let long = format!("new/deeper/{}.html", "x".repeat(300));
    let result = write_all(
        &out,
        &[
            file("index.html", "new"),
            file("a/b.html", "b2"),
            file("c.html", "c"),
            file(&long, "x"),
        ],
        silent,
    );
    assert!(result.is_err());
    assert_eq!(tree(&out), before);
}
