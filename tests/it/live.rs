//! The preview's incremental rebuild gives the pages a full build gives: after an edit that
//! is resolved alone (same files, same slugs), after one that needs a full resolve (a
//! movement, a new file), and after catching up the search index and data sets.

use crate::util::*;
use std::collections::BTreeMap;
use std::path::Path;
use vinhdanh::live::Workspace;

const BASE: &str = "http://127.0.0.1:1111";

/// Every file of a full build of `root`, as the preview would serve it.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut ws = Workspace::open(root, false, Some(BASE.into())).unwrap();
    let u = ws.build_all().unwrap();
    u.written.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// Applies updates to a served copy the way the preview server does.
fn apply(served: &mut BTreeMap<String, Vec<u8>>, u: vinhdanh::live::Update) {
    for p in u.removed {
        served.remove(&p);
    }
    for f in u.written {
        served.insert(f.path, f.bytes);
    }
}

fn same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let differ: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "pages differ from a full build: {differ:?}"
    );
}

#[test]
fn incremental_rebuilds_match_full_builds() {
    let site = tempfile::tempdir().unwrap();
    copy_demo(site.path());
    let root = site.path().canonicalize().unwrap();
    let mut ws = Workspace::open(&root, false, Some(BASE.into())).unwrap();
    let mut served: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    apply(&mut served, ws.build_all().unwrap());

    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    };

    // 1. A recipient's name in a decision: resolved alone; the decision, honour roll,
    //    form, unit and search pages change.
    let award = "content/awards/2024-168-qd-ubnd.md";
    let text = std::fs::read_to_string(root.join(award)).unwrap();
    let name = text
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .expect("a recipient name");
    let p = edit(
        award,
        &format!("name = \"{name}\""),
        "name = \"Âu Thị Thử Nghiệm\"",
    );
    let u = ws.update(&[p]).unwrap();
    assert!(
        u.rendered_jobs < u.total_jobs / 2,
        "only what changed is rendered"
    );
    apply(&mut served, u);
    while ws.pending() {
        apply(&mut served, ws.catch_up().unwrap());
    }
    same(&served, &full_build(&root));
    assert!(
        String::from_utf8_lossy(&served["bang-vang/n/index.html"]).contains("Âu Thị Thử Nghiệm"),
        "the honour roll lists the new name under its given name's letter"
    );

    // 2. A person's unit: resolved alone; units and the person's page change.
    let p = edit(
        "content/people/nguyen-van-duc.md",
        "summary = \"",
        "summary = \"Đã sửa: ",
    );
    apply(&mut served, ws.update(&[p]).unwrap());
    while ws.pending() {
        apply(&mut served, ws.catch_up().unwrap());
    }
    same(&served, &full_build(&root));

    // 3. A movement (awards are checked against it): the whole site is resolved again.
    let p = edit(
        "content/movements/chuyen-doi-so.md",
        "title = \"",
        "title = \"(Sửa) ",
    );
    apply(&mut served, ws.update(&[p]).unwrap());
    while ws.pending() {
        apply(&mut served, ws.catch_up().unwrap());
    }
    same(&served, &full_build(&root));

    // 4. An edit that breaks a reference is reported, and fixing it rebuilds.
    let p = edit(award, "form = \"", "form = \"khong-co-");
    assert!(ws.update(std::slice::from_ref(&p)).is_err());
    let p = edit(award, "form = \"khong-co-", "form = \"");
    apply(&mut served, ws.update(&[p]).unwrap());
    while ws.pending() {
        apply(&mut served, ws.catch_up().unwrap());
    }
    same(&served, &full_build(&root));
}
