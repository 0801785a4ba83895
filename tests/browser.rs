//! Checks in a real browser (Debian's headless Chromium): typing a name without diacritics
//! finds it. Skipped, with the reason printed, when no Chromium is installed; CI installs
//! it and sets VINHDANH_BROWSER_TESTS=1, which turns a missing browser into a failure.

mod util;

use std::process::Command;
use util::*;

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
        assert!(
            std::env::var_os("VINHDANH_BROWSER_TESTS").is_none(),
            "VINHDANH_BROWSER_TESTS is set but no Chromium is installed"
        );
        eprintln!(
            "skipped: no Chromium found (install Debian's chromium to run the browser tests)"
        );
    }
    found
}

/// Serves a built site's files over HTTP for the browser (test scaffolding only: the
/// product's own server is axum).
fn static_server(root: std::path::PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let target = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .to_string();
                let mut rel = target.trim_start_matches('/').to_string();
                if rel.is_empty() || rel.ends_with('/') {
                    rel.push_str("index.html");
                }
                let body = if rel.contains("..") {
                    None
                } else {
                    std::fs::read(root.join(&rel)).ok()
                };
                let (status, body) = match body {
                    Some(b) => ("200 OK", b),
                    None => ("404 Not Found", b"not found".to_vec()),
                };
                let kind = if rel.ends_with(".html") {
                    "text/html; charset=utf-8"
                } else if rel.ends_with(".js") {
                    "text/javascript; charset=utf-8"
                } else if rel.ends_with(".json") {
                    "application/json"
                } else if rel.ends_with(".css") {
                    "text/css"
                } else {
                    "application/octet-stream"
                };
                let mut s = &stream;
                let _ = write!(s, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = s.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// The page's DOM after its scripts ran.
fn dom(browser: &str, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn typing_a_name_without_diacritics_finds_it() {
    let Some(browser) = chromium() else { return };
    let site = tempfile::tempdir().unwrap();
    copy_demo(site.path());
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let base = static_server(site.path().join("public"));
    let results = |q: &str| {
        let html = dom(&browser, &format!("{base}/tim-kiem/?q={q}"));
        let start = html
            .find("id=\"search-results\"")
            .expect("the search page renders");
        let end = start + html[start..].find("</ol>").unwrap();
        html[start..end].to_string()
    };
    let r = results("nguyen");
    assert!(
        r.contains(">Nguyễn Văn Đức</a>"),
        "nguyen finds Nguyễn: {r}"
    );
    let r = results("nguyen%20van%20duc");
    let first = &r[r.find("<li>").unwrap()..];
    assert!(
        first.starts_with("<li><a href=\"/guong-dien-hinh/nguyen-van-duc/\">"),
        "the person comes first: {r}"
    );
    assert!(results("Duc").contains("Nguyễn Văn Đức"), "Duc finds Đức");
    assert!(results("dang").contains("Đặng Thị Hoa"), "dang finds Đặng");
    assert!(
        results("168%2FQD").contains("/khen-thuong/2024-168-qd-ubnd/"),
        "decision numbers"
    );
    assert!(!results("khongcoai").contains("<li>"), "no false hits");
}
