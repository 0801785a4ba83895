//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The demo site shipped in the repository.
pub fn demo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the demo site (site.toml, content/, static/) into `dest`.
pub fn copy_demo(dest: &Path) {
    let root = demo_root();
    std::fs::copy(root.join("site.toml"), dest.join("site.toml")).unwrap();
    for dir in ["content", "static", "templates"] {
        let from = root.join(dir);
        if !from.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(&root).unwrap();
            let to = dest.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
}

/// Test sites kept as real folders, one per case, under `tests/fixtures/<name>/`: what a
/// clerk would write (`site.toml`, `content/<kind>/<record>.md`, `static/…`), so the lines
/// and columns a test expects can be read in the file itself. A case that only adds
/// records to a shared site holds just those files and is laid over it with [`fixtures`]
/// (`small-site` is the base of `diagnostics`, `one-person` of `privacy`). The folder is
/// copied to a temporary one: a test never writes into the repository.
pub fn fixture(name: &str) -> tempfile::TempDir {
    fixtures(&[name])
}

/// Copies the fixture folders in order into one temporary site, a later one's files
/// replacing an earlier one's.
pub fn fixtures(names: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for name in names {
        let from = demo_root().join("tests/fixtures").join(name);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    tmp
}

/// Runs the real binary.
pub fn vinhdanh(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the vinhdanh binary runs")
}

/// Writes a file of a test site, making its folders.
pub fn put(root: &Path, rel: &str, text: &str) {
    put_bytes(root, rel, text.as_bytes());
}

pub fn put_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// Runs `check --format json`: (exit code, report).
pub fn check_json(root: &Path) -> (i32, serde_json::Value) {
    let o = vinhdanh(root, &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text} {}", String::from_utf8_lossy(&o.stderr)));
    (o.status.code().unwrap(), v)
}

/// Runs the binary and requires it to succeed, showing its error output if not.
pub fn vinhdanh_ok(root: &Path, args: &[&str]) -> std::process::Output {
    let o = vinhdanh(root, args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Every file of a built site, as paths relative to its root with `/`.
pub fn files(out: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Values of `href="..."` and `src="..."` attributes in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The file an internal URL is served from, if it is internal.
pub fn target_of(url: &str) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    })
}

/// Values of `id="..."` attributes.
pub fn ids(html: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.insert(rest[..end].to_string());
        }
    }
    out
}

/// Checks every internal link, asset and anchor of a built site: (links checked, broken).
pub fn check_links(out: &Path) -> (usize, Vec<String>) {
    let files = files(out);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let mut id_cache: std::collections::HashMap<String, BTreeSet<String>> = Default::default();
    let mut checked = 0;
    let mut broken = Vec::new();
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let html = read(f);
        for link in links(&html) {
            if let Some(target) = target_of(&link) {
                checked += 1;
                if !files.contains(&target) {
                    broken.push(format!("{f} → {link}"));
                    continue;
                }
                if let Some((_, frag)) = link.split_once('#') {
                    let ids = id_cache
                        .entry(target.clone())
                        .or_insert_with(|| ids(&read(&target)));
                    if !frag.is_empty() && !ids.contains(frag) {
                        broken.push(format!("{f} → {link} (no such anchor)"));
                    }
                }
            } else if let Some(frag) = link.strip_prefix('#') {
                if !ids(&html).contains(frag) {
                    broken.push(format!("{f} → {link} (no such anchor)"));
                }
            }
        }
    }
    (checked, broken)
}

/// A running `vinhdanh serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(root: &Path, extra: &[&str]) -> Server {
    start_with(root, extra, &[])
}

/// Starts `serve` like [`start`], with extra environment variables.
pub fn start_with(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0"])
        .args(extra)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve exited before listening"
        );
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in out.lines() {});
    Server { child, port }
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// One HTTP/1.1 GET with the request target sent exactly as given.
pub fn get(port: u16, target: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Whether a `git` executable is there to make the test repositories.
pub fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("bỏ qua: không có git để tạo kho thử (skipped: no git executable to make the test repository)");
    }
    ok
}

/// Runs git in `dir` with a fixed identity and no user or system configuration.
pub fn git(dir: &Path, args: &[&str]) {
    git_at(dir, args, "2024-01-05T09:00:00+07:00");
}

pub fn git_at(dir: &Path, args: &[&str], date: &str) {
    let o = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Văn thư")
        .env("GIT_AUTHOR_EMAIL", "vanthu@example.invalid")
        .env("GIT_COMMITTER_NAME", "Văn thư")
        .env("GIT_COMMITTER_EMAIL", "vanthu@example.invalid")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Commits everything in `dir` with `message` at `date`.
pub fn commit(dir: &Path, message: &str, date: &str) {
    git_at(dir, &["add", "-A"], date);
    git_at(dir, &["commit", "-q", "-m", message], date);
}

/// `vinhdanh init` of a site for Tân Việt commune (Hải Phòng) on 2026-03-15 in `dir`, with
/// `extra` arguments.
pub fn init_site(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--today",
        "2026-03-15",
        "init",
        "--commune",
        "Tân Việt",
        "--province",
        "Hải Phòng",
        "--base-url",
        "https://vinhdanh.tanviet.example",
    ];
    args.extend_from_slice(extra);
    vinhdanh(dir, &args)
}

/// A small real JPEG (an 8 × 6 gray picture), for a record's `photo`.
pub fn tiny_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([128, 128, 128]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .unwrap();
    out
}
