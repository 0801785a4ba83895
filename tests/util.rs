//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs the real binary.
pub fn vinhdanh(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the vinhdanh binary runs")
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
