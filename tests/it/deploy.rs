//! The deploy recipes in `examples/deploy/`, tested as far as this machine allows: the CI and
//! host configurations parse and say what they must; the rsync and S3 scripts run for real
//! against a local folder and a stand-in `aws`.

use std::path::Path;
use std::process::Command;

use crate::support::*;

fn recipe(name: &str) -> String {
    std::fs::read_to_string(demo_root().join("examples/deploy").join(name)).expect(name)
}

#[test]
fn github_pages_workflow_builds_for_the_project_path_daily() {
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&recipe("github-pages.yml")).expect("valid YAML");
    let cron = yaml["on"]["schedule"][0]["cron"]
        .as_str()
        .expect("a schedule");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert!(yaml["on"]["push"]["branches"][0] == "main");
    let steps = yaml["jobs"]["build"]["steps"].as_array().unwrap();
    let build = steps
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.contains("clinote build")))
        .expect("a build step");
    assert!(
        build.contains("--base-url")
            && build.contains("github.io/${{ github.event.repository.name }}/"),
        "{build}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"], "public");
    assert!(
        yaml["jobs"]["deploy"]["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages")
    );
}

#[test]
fn netlify_and_cloudflare_settings_publish_the_output() {
    let netlify: toml::Table = toml::from_str(&recipe("netlify.toml")).expect("valid TOML");
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    assert!(
        netlify["build"]["command"]
            .as_str()
            .unwrap()
            .contains("clinote build --base-url")
    );
    let wrangler: toml::Table = toml::from_str(&recipe("wrangler.toml")).expect("valid TOML");
    assert_eq!(wrangler["pages_build_output_dir"].as_str(), Some("public"));
    let cf = recipe("cloudflare-pages.md");
    assert!(cf.contains("| Build output directory | `public` |"));
}

fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = demo_root().join("examples/minimal");
    for rel in ["clinote.toml", "content/articles/hello.md"] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), to).unwrap();
    }
    dir
}

fn script(name: &str) -> std::path::PathBuf {
    demo_root().join("examples/deploy").join(name)
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn rsync_script_syncs_into_the_target_folder_only() {
    if !has("rsync") {
        assert!(std::env::var_os("CI").is_none(), "rsync is required in CI");
        eprintln!("\n!!!!!!!! SKIPPED rsync deploy test: rsync not installed !!!!!!!!\n");
        return;
    }
    let site = minimal_site();
    let server = tempfile::tempdir().unwrap();
    let target = server.path().join("www/blog");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("stale.html"), "old").unwrap();
    std::fs::write(server.path().join("www/keep.txt"), "not the blog's").unwrap();
    let run_script = |dry: bool| {
        let mut cmd = Command::new("bash");
        cmd.arg(script("rsync.sh"))
            .arg(target.to_str().unwrap())
            .arg("https://example.jp/blog/")
            .current_dir(site.path())
            .env("CLINOTE", env!("CARGO_BIN_EXE_clinote"));
        if dry {
            cmd.env("DRY_RUN", "1");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run_script(true);
    assert!(
        !target.join("index.html").exists(),
        "a dry run changes nothing"
    );
    run_script(false);
    assert!(target.join("index.html").is_file());
    assert!(target.join("articles/hello/index.html").is_file());
    assert!(
        !target.join("stale.html").exists(),
        "files the site no longer has are removed"
    );
    assert!(!target.join(".clinote-output").exists());
    assert_eq!(
        std::fs::read_to_string(server.path().join("www/keep.txt")).unwrap(),
        "not the blog's"
    );
}

#[test]
fn s3_script_syncs_public_to_the_bucket_prefix() {
    let site = minimal_site();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("aws.log");
    let fake = bin.path().join("aws");
    std::fs::write(
        &fake,
        format!("#!/usr/bin/env bash\necho \"$@\" >> {}\n", log.display()),
    )
    .unwrap();
    make_executable(&fake);
    let out = Command::new("bash")
        .arg(script("s3.sh"))
        .arg("s3://clinic-blog/blog")
        .arg("https://blog.example.jp/blog/")
        .current_dir(site.path())
        .env("CLINOTE", env!("CARGO_BIN_EXE_clinote"))
        .env("AWS", &fake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.path().join("public/index.html").is_file());
    let calls = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    for c in &calls {
        assert!(
            c.starts_with("s3 sync public/ s3://clinic-blog/blog/ "),
            "{c}"
        );
        assert!(c.contains("--delete"), "{c}");
    }
    assert!(calls[0].contains("max-age=604800") && calls[1].contains("max-age=300"));
    let page =
        std::fs::read_to_string(site.path().join("public/articles/hello/index.html")).unwrap();
    assert!(
        page.contains("https://blog.example.jp/blog/articles/hello/"),
        "built for the bucket's address"
    );
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut p = std::fs::metadata(path).unwrap().permissions();
    p.set_mode(0o755);
    std::fs::set_permissions(path, p).unwrap();
}
