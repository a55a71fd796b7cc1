//! Builds stopped at any moment, builds sharing an output folder, and output folders that are
//! mount points: the output is always the whole old site or the whole new one, once the next
//! build has started, and clinote's working files never stay behind.
//!
//! The mount cases need root (as in CI); elsewhere they are skipped with a loud message.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::*;

/// A site of `n` articles whose text says `version`.
fn site_of(n: usize, version: &str) -> TempSite {
    let site = TempSite::new();
    write_articles(&site, n, version);
    site
}

fn write_articles(site: &TempSite, n: usize, version: &str) {
    for i in 0..n {
        site.article(
            &format!("a{i:03}"),
            &format!(
                "title = \"記事{i} {version}\"\ndate = 2026-01-{:02}\ntags = [\"t{}\"]",
                i % 28 + 1,
                i % 7
            ),
            &format!(
                "## 見出し\n\n{version} の本文です。{}\n",
                "長い文。".repeat(40)
            ),
        );
    }
}

/// The output as a clean build into a fresh folder writes it.
fn clean_build(site: &TempSite) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    tree(&out)
}

fn spawn_build(site: &TempSite, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_clinote"))
        .args(["build", "--root", site.root().to_str().unwrap(), "--output"])
        .arg(output)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start clinote build")
}

/// Nothing of clinote's working files in or beside `public`.
fn assert_no_working_files(public: &Path) {
    assert_no_temporary_folders(public.parent().unwrap());
    for (path, _) in tree(public) {
        assert!(
            !path.contains(".clinote-staging")
                && !path.contains(".clinote-journal")
                && !path.ends_with(".clinote-tmp"),
            "{path} left behind"
        );
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = site_of(80, "v1");
    let old = clean_build(&site);
    write_articles(&site, 80, "v2");
    let new = clean_build(&site);
    assert_ne!(old, new);
    let place = tempfile::tempdir().unwrap();
    let public = place.path().join("public");
    let mut outcomes = BTreeMap::new();
    for step in 0..10u64 {
        // Back to the old site, then the new one, killed after a while.
        write_articles(&site, 80, "v1");
        site.build_ok(&["--output", public.to_str().unwrap()]);
        assert_eq!(tree(&public), old);
        write_articles(&site, 80, "v2");
        let mut child = spawn_build(&site, &public);
        std::thread::sleep(Duration::from_millis(40 + step * 70));
        let _ = child.kill(); // SIGKILL: nothing can be cleaned up.
        let _ = child.wait();
        // The next build finishes or undoes it first, even one that fails at once.
        site.write("content/articles/broken.md", "+++\ntitle = \"壊れた\n+++\n");
        let out = site.build(&["--output", public.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        std::fs::remove_file(site.root().join("content/articles/broken.md")).unwrap();
        let now = tree(&public);
        let outcome = if now == old {
            "old"
        } else if now == new {
            "new"
        } else {
            let differ = now
                .keys()
                .chain(new.keys())
                .filter(|k| now.get(*k) != new.get(*k) && now.get(*k) != old.get(*k))
                .take(5)
                .collect::<Vec<_>>();
            panic!(
                "killed after {} ms: a mixed site, e.g. {differ:?}",
                40 + step * 70
            );
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
        assert_no_working_files(&public);
    }
    eprintln!("kill -9 at 10 moments: {outcomes:?}");
}

#[test]
fn ctrl_c_stops_a_build_cleanly_and_says_so() {
    let site = site_of(120, "v1");
    let place = tempfile::tempdir().unwrap();
    let public = place.path().join("public");
    site.build_ok(&["--output", public.to_str().unwrap()]);
    let old = tree(&public);
    write_articles(&site, 120, "v2");
    let child = spawn_build(&site, &public);
    std::thread::sleep(Duration::from_millis(150));
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        // Finished before the signal came: then it is the whole new site.
        eprintln!("the build finished before Ctrl-C; nothing to check");
        return;
    }
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ビルドを中断しました（Ctrl-C）") && stderr(&out).contains("stopped"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&public), old, "the old site, whole");
    assert_no_working_files(&public);
}

#[test]
fn a_build_of_another_site_into_the_same_folder_waits() {
    let first = site_of(3, "first");
    let second = site_of(2, "second");
    let place = tempfile::tempdir().unwrap();
    let public = place.path().join("public");
    first.build_ok(&["--output", public.to_str().unwrap()]);
    // Hold the output folder's lock, as a running build of the first site does.
    let held = std::fs::File::open(&public).unwrap();
    held.lock().unwrap();
    let mut child = spawn_build(&second, &public);
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the second build waits while the first writes"
    );
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("別のビルドが") && stderr(&out).contains("another build is writing"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        tree(&public),
        clean_build(&second),
        "the whole second site, nothing of the first"
    );
}

/// A mount that is undone when dropped.
struct Mount(PathBuf);

impl Mount {
    /// `dir` bound onto itself, read-only.
    fn read_only(dir: &Path) -> Option<Mount> {
        let bound = Mount::new(&["--bind", dir.to_str()?], dir)?;
        let read_only = Command::new("mount")
            .args(["-o", "remount,ro,bind"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        read_only.then_some(bound)
    }

    fn new(args: &[&str], at: &Path) -> Option<Mount> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(args)
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn skipped(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "mounting ({what}) needs root, which CI has"
    );
    eprintln!("\n!!!!!!!! SKIPPED ({what}): mounting needs root !!!!!!!!\n");
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_mount_point_in_a_folder_that_cannot_be_written() {
    use std::os::unix::fs::MetadataExt;
    let site = site_of(3, "v1");
    let place = tempfile::tempdir().unwrap();
    let parent = place.path().join("www");
    std::fs::create_dir_all(parent.join("public")).unwrap();
    // The parent read-only, the output a file system of its own inside it.
    let Some(_ro) = Mount::read_only(&parent) else {
        return skipped("read-only parent");
    };
    let public = parent.join("public");
    let Some(_volume) = Mount::new(
        &["-t", "tmpfs", "-o", "size=64m,mode=0751", "tmpfs"],
        &public,
    ) else {
        return skipped("tmpfs");
    };
    assert!(
        std::fs::write(parent.join("probe"), "x").is_err(),
        "the parent is read-only"
    );
    let before = std::fs::metadata(&public).unwrap();
    let out = site.build(&["--output", public.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(public.join("index.html").is_file());

    // A folder mounted inside the output (a shared media library) is never emptied.
    let media_source = place.path().join("media");
    std::fs::create_dir_all(&media_source).unwrap();
    std::fs::write(media_source.join("keep.jpg"), "photo").unwrap();
    let Some(_media) = Mount::new(
        &["--bind", media_source.to_str().unwrap()],
        &public.join("media"),
    ) else {
        return skipped("bind mount");
    };
    write_articles(&site, 3, "v2");
    let out = site.build(&["--output", public.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site_text(&public).contains("v2 の本文"));
    assert_eq!(
        std::fs::read_to_string(media_source.join("keep.jpg")).unwrap(),
        "photo"
    );
    let after = std::fs::metadata(&public).unwrap();
    assert_eq!(
        (after.ino(), after.mode(), after.uid(), after.gid()),
        (before.ino(), before.mode(), before.uid(), before.gid()),
        "the output folder itself is kept"
    );
    assert_no_working_files(&public);
}

fn site_text(public: &Path) -> String {
    std::fs::read_to_string(public.join("articles/a000/index.html")).unwrap_or_default()
}

#[test]
fn a_page_that_cannot_be_taken_down_is_an_error() {
    let site = site_of(2, "v1");
    site.build_ok(&[]);
    let page = site.public().join("articles/a001");
    assert!(page.join("index.html").is_file());
    // The article becomes a draft, but its page cannot be removed (a read-only folder).
    site.article(
        "a001",
        "title = \"下書きに戻す\"\ndate = 2026-01-02\ndraft = true",
        "本文\n",
    );
    let Some(_ro) = Mount::read_only(&page) else {
        return skipped("read-only page folder");
    };
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("articles/a001/index.html")
            && stderr(&out).contains("消せませんでした"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_static_file_that_cannot_be_read_is_named() {
    let site = site_of(1, "v1");
    site.write("static/images/photo.png", "png");
    site.build_ok(&[]);
    let before = tree(&site.public());
    site.write("static/images/photo.png", "changed");
    // Unreadable even for root: a link that leads to itself.
    let photo = site.root().join("static/images/photo.png");
    std::fs::remove_file(&photo).unwrap();
    std::os::unix::fs::symlink(&photo, &photo).unwrap();
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("static/images/photo.png"), "{err}");
    assert!(
        !err.contains("書き出しに失敗"),
        "not blamed on the output: {err}"
    );
    assert_eq!(tree(&site.public()), before);
}

#[test]
fn a_full_disk_never_empties_the_next_publish_time() {
    let site = site_of(1, "v1");
    site.article("later", "title = \"予約\"\ndate = 2999-01-01", "本文\n");
    site.build_ok(&[]);
    let state = site.root().join(".clinote");
    let Some(_disk) = Mount::new(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], &state) else {
        return skipped("full disk");
    };
    let next = state.join("next-publish");
    std::fs::write(&next, "2999-01-01T00:00:00+09:00\n").unwrap();
    // Fill the disk, then schedule another article: the time cannot be written.
    let _ = std::fs::write(state.join("filler"), vec![0u8; 1 << 20]);
    site.article(
        "sooner",
        "title = \"もっと早い予約\"\ndate = 2998-01-01",
        "本文\n",
    );
    let out = site.build(&[]);
    assert!(stderr(&out).contains("next-publish"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&next).unwrap(),
        "2999-01-01T00:00:00+09:00\n",
        "the last time written stays whole"
    );
}
