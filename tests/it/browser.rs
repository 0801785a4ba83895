//! Checks in a real browser (Debian's headless Chromium, driven by Playwright in
//! `tests/js/check.mjs`) and with the Nu HTML validator: names typed without diacritics are
//! found; no axe-core violation, console error or sideways scrolling at 360 px; every page is
//! valid HTML.
//! Skipped, with the reason printed, when Chromium, Node.js/npm or Java is missing; CI
//! installs them and sets VINHDANH_BROWSER_TESTS=1, which turns a missing tool into a failure.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// With VINHDANH_BROWSER_TESTS set a missing tool fails the test; otherwise it is skipped
/// with the reason printed.
fn skip(reason: &str) {
    assert!(
        std::env::var_os("VINHDANH_BROWSER_TESTS").is_none(),
        "VINHDANH_BROWSER_TESTS is set but {reason}"
    );
    eprintln!("skipped: {reason}");
}

/// `tests/js` with its npm packages (Playwright, axe-core, the Nu validator) installed,
/// running `npm ci` once when they are missing.
fn js_tools() -> Option<&'static Path> {
    static READY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
        let installed = ["playwright-core", "axe-core", "vnu-jar"]
            .iter()
            .all(|p| dir.join("node_modules").join(p).exists());
        if !installed {
            // --ignore-scripts: vnu-jar's install script would fetch a Java runtime.
            let o = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
                .current_dir(&dir)
                .output()
                .map_err(|e| format!("npm is not installed ({e}); install Node.js and npm"))?;
            if !o.status.success() {
                return Err(format!(
                    "`npm ci` in tests/js failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                ));
            }
        }
        Ok(dir)
    });
    match ready {
        Ok(dir) => Some(dir.as_path()),
        Err(reason) => {
            skip(reason);
            None
        }
    }
}

fn chromium() -> Option<String> {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    let found = candidates
        .iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|c| c.to_string());
    if found.is_none() {
        skip("no Chromium is installed (install Debian's chromium to run the browser tests)");
    }
    found
}

fn built_demo() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    copy_demo(site.path());
    vinhdanh_ok(site.path(), &["build"]);
    site
}

/// Every page at 360 px without console errors, failed requests or sideways scrolling;
/// axe-core on home, year, field, person, award, search, statistics, data, honour roll and
/// 404 at 360 and 1280 px; the header search box and queries without diacritics; an award
/// decision printed on A4; notices built on an old `--today` show today's status once their
/// script has run.
#[test]
fn pages_pass_axe_console_overflow_and_print_checks() {
    let Some(browser) = chromium() else { return };
    let Some(js) = js_tools() else { return };
    // Built long before its notices were posted: the pages say "Sắp niêm yết", and the
    // status script must show today's status (check.mjs).
    let site = tempfile::tempdir().unwrap();
    copy_demo(site.path());
    vinhdanh_ok(site.path(), &["build", "--today", "2000-01-01"]);
    let notice = std::fs::read_to_string(
        site.path()
            .join("public/cong-khai/bang-khen-dung-cam-2024/index.html"),
    )
    .unwrap();
    assert!(notice.contains("data-deadline=\"2024-09-19\">Sắp niêm yết</span>"));
    let which = Command::new("sh")
        .args(["-c", &format!("command -v {browser}")])
        .output()
        .unwrap();
    let path = String::from_utf8_lossy(&which.stdout).trim().to_string();
    let o = Command::new("node")
        .arg(js.join("check.mjs"))
        .arg(site.path().join("public"))
        .env("CHROMIUM", &path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&o.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "browser checks failed:\n{report}");
    assert!(report.contains("0 problem(s)"), "{report}");
    let pages = files(&site.path().join("public"))
        .iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(
        report.contains(&format!("checked {pages} pages")),
        "every page was opened: {report}"
    );
}

/// The Nu HTML checker (the W3C validator) finds no error or warning in any page or SVG.
#[test]
fn every_page_is_valid_html() {
    let Some(js) = js_tools() else { return };
    if Command::new("java").arg("-version").output().is_err() {
        skip("no Java runtime for the Nu HTML checker (install default-jre-headless)");
        return;
    }
    let site = built_demo();
    let o = Command::new("java")
        .arg("-jar")
        .arg(js.join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .args(["--skip-non-html", "--also-check-svg", "--format", "gnu"])
        .arg(site.path().join("public"))
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success() && report.trim().is_empty(), "{report}");
}

/// The validator is not blind: a broken page is reported.
#[test]
fn the_html_check_finds_a_broken_page() {
    let Some(js) = js_tools() else { return };
    if Command::new("java").arg("-version").output().is_err() {
        skip("no Java runtime for the Nu HTML checker (install default-jre-headless)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=vi><title>x</title><p><div>x</p></html>",
    )
    .unwrap();
    let o = Command::new("java")
        .arg("-jar")
        .arg(js.join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .args(["--format", "gnu"])
        .arg(dir.path().join("index.html"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("error"));
}
