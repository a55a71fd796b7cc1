//! Lighthouse (real Chromium, mobile profile) on an article with a 4032×3024 phone photo as
//! its cover and two more in its text: performance must stay at 95 or more. Runs when
//! Chromium and Lighthouse are there (`.ci/run` installs Lighthouse from npm and sets
//! `CLINOTE_LIGHTHOUSE`); in CI (`CI` set) it must run; elsewhere it is skipped loudly.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;
use clinote_images::testing::phone_photo;

/// The floor kept by this test (Lighthouse's performance score, 0–100).
const FLOOR: f64 = 95.0;

fn lighthouse() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLINOTE_LIGHTHOUSE") {
        return Some(PathBuf::from(p));
    }
    on_path("lighthouse")
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

#[test]
fn a_phone_photo_article_scores_95_on_mobile() {
    let chromium = crate::browser::chromium().and_then(|c| {
        let p = Path::new(&c);
        if p.is_absolute() {
            Some(p.to_path_buf())
        } else {
            on_path(&c)
        }
    });
    let (Some(chromium), Some(lighthouse)) = (chromium, lighthouse()) else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "Lighthouse and Chromium are required in CI (.ci/run installs them; or set CLINOTE_LIGHTHOUSE)"
            );
        }
        eprintln!(
            "\n!!!!!!!! SKIPPED Lighthouse test: Chromium or Lighthouse not found \
             (npm install --prefix DIR lighthouse@12.8.2; CLINOTE_LIGHTHOUSE=DIR/node_modules/.bin/lighthouse) !!!!!!!!\n"
        );
        return;
    };
    let site = TempSite::new();
    site.write_bytes("static/images/clinic.jpg", &phone_photo(4032, 3024, 1));
    site.write_bytes(
        "content/articles/tour/room.jpg",
        &phone_photo(4032, 3024, 6),
    );
    site.write_bytes(
        "content/articles/tour/desk.jpg",
        &phone_photo(4032, 3024, 3),
    );
    let prose =
        "待合室はゆったりとしたつくりで、お子さん連れの方も安心してお待ちいただけます。".repeat(6);
    site.write(
        "content/articles/tour/index.md",
        &format!(
            "+++\ntitle = \"院内のご案内\"\ndate = 2026-01-10\ncover = \"/images/clinic.jpg\"\n+++\n\
             {prose}\n\n![診察室](room.jpg)\n\n{prose}\n\n![受付](desk.jpg)\n\n{prose}\n"
        ),
    );
    site.build_ok(&[]);
    let server = StaticServer::start(&site.public(), "/");
    let report = tempfile::tempdir().expect("temp dir");
    let out_file = report.path().join("report.json");
    let out = Command::new(&lighthouse)
        .arg(format!("{}articles/tour/", server.url))
        .args([
            "--only-categories=performance",
            "--output=json",
            "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
        ])
        .arg(format!("--output-path={}", out_file.display()))
        .env("CHROME_PATH", &chromium)
        .output()
        .expect("run lighthouse");
    assert!(
        out.status.success(),
        "lighthouse failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("report")).expect("json");
    let score = json["categories"]["performance"]["score"]
        .as_f64()
        .expect("a performance score")
        * 100.0;
    let audit = |id: &str| {
        json["audits"][id]["displayValue"]
            .as_str()
            .unwrap_or("?")
            .to_string()
    };
    eprintln!(
        "Lighthouse performance (mobile): {score:.0}; LCP {}, CLS {}, TBT {}",
        audit("largest-contentful-paint"),
        audit("cumulative-layout-shift"),
        audit("total-blocking-time")
    );
    assert_eq!(
        json["configSettings"]["formFactor"].as_str(),
        Some("mobile"),
        "the mobile profile"
    );
    assert!(score >= FLOOR, "performance {score:.0} < {FLOOR}");
}
