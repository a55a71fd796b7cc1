//! The release archive and its Linux/macOS installer, as far as they can run here: the test's
//! own `clinote` binary packed by `scripts/package.sh` (as the release workflow does), then
//! installed by `install.sh` from the local file, offline. Not covered here: the workflow on
//! GitHub, the musl, macOS, Windows and aarch64 builds, and `install.ps1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A target triple for this machine's archive name (the label only: the binary is the test's).
fn target() -> String {
    format!("{}-unknown-linux-gnu", std::env::consts::ARCH)
}

fn sh(script: &str, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg(repo().join(script)).args(args);
    // No inherited overrides, a PATH without the install folder, and no network needed.
    for var in [
        "CLINOTE_VERSION",
        "CLINOTE_INSTALL_DIR",
        "CLINOTE_INSTALL_URL",
        "CLINOTE_INSTALL_SHA256_URL",
        "CLINOTE_BIN",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run sh")
}

/// Packs the test binary into `out`; returns the archive's path.
fn package(out: &Path) -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_clinote"));
    let o = sh(
        "scripts/package.sh",
        &[&target(), out.to_str().unwrap()],
        &[("CLINOTE_BIN", bin)],
    );
    assert!(o.status.success(), "package.sh failed: {}", stderr(&o));
    let name = format!("clinote-{}-{}.tar.gz", env!("CARGO_PKG_VERSION"), target());
    let archive = out.join(&name);
    assert_eq!(stdout(&o).trim(), archive.to_str().unwrap());
    assert!(archive.is_file(), "no {name}");
    archive
}

#[test]
fn the_archive_holds_the_binary_and_readme_with_a_checksum_sha256sum_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let archive = package(&out);

    // Exactly one folder: the binary, README.md, and LICENSE* when the repository has any.
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    assert!(listing.status.success());
    let mut entries: Vec<String> = stdout(&listing).lines().map(str::to_owned).collect();
    entries.sort();
    let folder = format!("clinote-{}-{}", env!("CARGO_PKG_VERSION"), target());
    let mut expected = vec![
        format!("{folder}/"),
        format!("{folder}/README.md"),
        format!("{folder}/clinote"),
    ];
    for e in std::fs::read_dir(repo()).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.starts_with("LICENSE") {
            expected.push(format!("{folder}/{name}"));
        }
    }
    expected.sort();
    assert_eq!(entries, expected);

    // The .sha256 names the archive and holds its hash, as `sha256sum -c` checks.
    let name = archive.file_name().unwrap().to_str().unwrap();
    let sum = std::fs::read_to_string(out.join(format!("{name}.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {name}\n")), "{sum:?}");
    let check = Command::new("sha256sum")
        .args(["-c", "--strict", &format!("{name}.sha256")])
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn install_sh_installs_the_local_archive_and_refuses_a_corrupted_one() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = package(&tmp.path().join("dist"));
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let dir = tmp.path().join("bin");

    // A given folder.
    let o = sh(
        "install.sh",
        &[],
        &[
            ("HOME", &home),
            ("CLINOTE_INSTALL_URL", &archive),
            ("CLINOTE_INSTALL_DIR", &dir),
        ],
    );
    assert!(
        o.status.success(),
        "install.sh failed: {}{}",
        stdout(&o),
        stderr(&o)
    );
    let installed = dir.join("clinote");
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(env!("CARGO_BIN_EXE_clinote")).unwrap(),
        "the installed binary is not the packed one"
    );
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert!(version.status.success());
    assert_eq!(stdout(&version), stdout(&run(&["--version"])));
    assert!(stdout(&version).starts_with("clinote "));
    // It says what it did, in Japanese and English, and how to put the folder on PATH.
    let said = stdout(&o);
    assert!(said.contains("インストールしました / installed"), "{said}");
    assert!(said.contains(installed.to_str().unwrap()), "{said}");
    assert!(
        said.contains(&format!("export PATH=\"{}:$PATH\"", dir.display())),
        "{said}"
    );
    assert!(said.contains("PATH にありません"), "{said}");

    // The default folder is ~/.local/bin.
    let o = sh(
        "install.sh",
        &[],
        &[("HOME", &home), ("CLINOTE_INSTALL_URL", &archive)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(home.join(".local/bin/clinote").is_file());

    // One byte changed: the checksum differs, the installer refuses, and the binary already
    // installed is left as it was.
    let bad = tmp.path().join("bad.tar.gz");
    let mut bytes = std::fs::read(&archive).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&bad, &bytes).unwrap();
    let sum = PathBuf::from(format!("{}.sha256", archive.display()));
    std::fs::copy(&sum, tmp.path().join("bad.tar.gz.sha256")).unwrap();
    std::fs::write(&installed, b"previous").unwrap();
    let o = sh(
        "install.sh",
        &[],
        &[
            ("HOME", &home),
            ("CLINOTE_INSTALL_URL", &bad),
            ("CLINOTE_INSTALL_DIR", &dir),
        ],
    );
    assert!(!o.status.success(), "a corrupted archive was installed");
    assert!(stderr(&o).contains("SHA-256"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nothing was installed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&installed).unwrap(), b"previous");

    // No checksum file at all: refused too.
    let lone = tmp.path().join("lone.tar.gz");
    std::fs::copy(&archive, &lone).unwrap();
    let fresh = tmp.path().join("fresh");
    let o = sh(
        "install.sh",
        &[],
        &[
            ("HOME", &home),
            ("CLINOTE_INSTALL_URL", &lone),
            ("CLINOTE_INSTALL_DIR", &fresh),
        ],
    );
    assert!(!o.status.success(), "installed without a checksum");
    assert!(!fresh.join("clinote").exists());
}
