//! Faults injected on purpose: a full disk, an output folder that cannot be written, an
//! article that cannot be read, symbolic links out of the site. In every case: a clear message,
//! exit code 1, the last good output byte-identical, no temporary folders left behind, no
//! source file touched. (Two builds at once: `build::a_second_build_waits_for_the_first`.)
//!
//! The disk and read-only cases mount a small tmpfs, which needs root (as in CI); elsewhere
//! they are skipped with a loud message.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// A mount that is undone when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, options: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }

    fn read_only_bind(dir: &Path) -> Option<Mount> {
        let bind = Command::new("mount")
            .arg("--bind")
            .arg(dir)
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !bind {
            return None;
        }
        let m = Mount(dir.to_path_buf());
        let ro = Command::new("mount")
            .args(["-o", "remount,ro,bind"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ro.then_some(m)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn skipped(what: &str) {
    eprintln!("\n!!!!!!!! SKIPPED fault test ({what}): mounting needs root !!!!!!!!\n");
}

fn small_site() -> TempSite {
    let site = TempSite::new();
    site.article("a", "title = \"記事\"\ndate = 2026-01-02", "本文です。\n");
    site
}

/// Checks what every fault must leave behind.
fn assert_nothing_lost(
    out: &std::process::Output,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    public: &Path,
    sources: &(PathBuf, std::collections::BTreeMap<String, Vec<u8>>),
) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert!(
        stderr(out).contains("前回の出力はそのまま"),
        "{}",
        stderr(out)
    );
    assert_eq!(&tree(public), before, "the last good output changed");
    let parent = public.parent().unwrap();
    assert_no_temporary_folders(parent);
    assert_eq!(
        tree(&sources.0.join("content")),
        sources.1,
        "a source file changed"
    );
}

fn snapshot_sources(site: &TempSite) -> (PathBuf, std::collections::BTreeMap<String, Vec<u8>>) {
    (
        site.root().to_path_buf(),
        tree(&site.root().join("content")),
    )
}

#[test]
fn a_full_disk_keeps_the_last_good_output() {
    let site = small_site();
    let disk = tempfile::tempdir().unwrap();
    let Some(_mount) = Mount::tmpfs(disk.path(), "size=1m") else {
        return skipped("disk full");
    };
    let public = disk.path().join("public");
    let public_arg = public.to_str().unwrap().to_string();
    site.build_ok(&["--output", &public_arg]);
    let before = tree(&public);
    // Two megabytes of images do not fit on a one-megabyte disk.
    site.write_bytes("static/images/big.png", &vec![7u8; 2 * 1024 * 1024]);
    let sources = snapshot_sources(&site);
    let out = site.build(&["--output", &public_arg]);
    assert!(stderr(&out).contains("書き出しに失敗"), "{}", stderr(&out));
    assert_nothing_lost(&out, &before, &public, &sources);
}

#[test]
fn an_output_folder_that_cannot_be_written() {
    let site = small_site();
    let place = tempfile::tempdir().unwrap();
    let public = place.path().join("public");
    let public_arg = public.to_str().unwrap().to_string();
    site.build_ok(&["--output", &public_arg]);
    let before = tree(&public);
    let Some(_ro) = Mount::read_only_bind(place.path()) else {
        return skipped("read-only output");
    };
    // An edit, so there is something to write (an unchanged site writes nothing and succeeds).
    site.article(
        "a",
        "title = \"記事\"\ndate = 2026-01-02",
        "書き直した本文です。\n",
    );
    let sources = snapshot_sources(&site);
    let out = site.build(&["--output", &public_arg]);
    assert!(
        stderr(&out).contains("書き込みの権限") || stderr(&out).contains("Read-only"),
        "{}",
        stderr(&out)
    );
    assert_nothing_lost(&out, &before, &public, &sources);
}

#[test]
fn an_article_that_cannot_be_read() {
    let site = small_site();
    site.build_ok(&[]);
    let before = tree(&site.public());
    // Listed, but gone when read (as if deleted during the build).
    std::os::unix::fs::symlink(
        site.root().join("nowhere.md"),
        site.root().join("content/articles/gone.md"),
    )
    .unwrap();
    let sources = snapshot_sources(&site);
    let out = site.build(&[]);
    assert!(
        stderr(&out).contains("content/articles/gone.md") && stderr(&out).contains("読めません"),
        "{}",
        stderr(&out)
    );
    assert_nothing_lost(&out, &before, &site.public(), &sources);
}

#[test]
fn symbolic_links_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"秘密\"\ndate = 2026-01-01\n+++\n患者さんの記録\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    for (link, target) in [
        ("content/articles/secret.md", "secret.md"),
        ("static/leak.txt", "passwd"),
    ] {
        let site = small_site();
        site.build_ok(&[]);
        let before = tree(&site.public());
        let path = site.root().join(link);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(outside.path().join(target), &path).unwrap();
        let sources = snapshot_sources(&site);
        let out = site.build(&[]);
        assert!(
            stderr(&out).contains("シンボリックリンク") && stderr(&out).contains(link),
            "{}",
            stderr(&out)
        );
        assert_nothing_lost(&out, &before, &site.public(), &sources);
        for (p, bytes) in tree(&site.public()) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("患者さんの記録") && !text.contains("root:x"),
                "{p} leaked"
            );
        }
    }
    // A link that stays inside the site is fine.
    let site = small_site();
    site.write("notes/shared.png", "png");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("notes/shared.png"),
        site.root().join("static/shared.png"),
    )
    .unwrap();
    site.build_ok(&[]);
    assert!(site.public().join("shared.png").is_file());
}
