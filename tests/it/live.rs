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

/// Updates the preview after changes to `paths`, then catches up the search index and data
/// sets, applying everything to `served`.
fn update_served(
    ws: &mut Workspace,
    served: &mut BTreeMap<String, Vec<u8>>,
    paths: &[std::path::PathBuf],
) {
    apply(served, ws.update(paths).unwrap());
    catch_up(ws, served);
}

fn catch_up(ws: &mut Workspace, served: &mut BTreeMap<String, Vec<u8>>) {
    while ws.pending() {
        apply(served, ws.catch_up().unwrap());
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
    catch_up(&mut ws, &mut served);
    same(&served, &full_build(&root));
    assert!(
        String::from_utf8_lossy(&served["bang-vang/ho-gia-dinh/index.html"])
            .contains("Âu Thị Thử Nghiệm"),
        "the honour roll lists the new name in the households' section (decision 168 honours households)"
    );

    // 2. A person's unit: resolved alone; units and the person's page change.
    let p = edit(
        "content/people/nguyen-van-duc.md",
        "summary = \"",
        "summary = \"Đã sửa: ",
    );
    update_served(&mut ws, &mut served, &[p]);
    same(&served, &full_build(&root));

    // 3. A movement (awards are checked against it): the whole site is resolved again.
    let p = edit(
        "content/movements/chuyen-doi-so.md",
        "title = \"",
        "title = \"(Sửa) ",
    );
    update_served(&mut ws, &mut served, &[p]);
    same(&served, &full_build(&root));

    // 4. An edit that breaks a reference is reported, and fixing it rebuilds.
    let p = edit(award, "form = \"", "form = \"khong-co-");
    assert!(ws.update(std::slice::from_ref(&p)).is_err());
    let p = edit(award, "form = \"khong-co-", "form = \"");
    update_served(&mut ws, &mut served, &[p]);
    same(&served, &full_build(&root));
}

/// One edit of a random sequence applied through the preview's incremental path.
#[derive(Debug, Clone)]
enum Edit {
    /// Append a word to the text after `key = "` in one of the files that have it.
    Text { file: usize, word: String },
    /// Add a free page.
    Add { n: u8 },
    /// Delete the `n`th page added so far (if any).
    Delete { n: u8 },
    /// Rename the `n`th page added so far to a new file name.
    Rename { n: u8, to: u8 },
    /// Break a decision's form reference, update, then fix it again.
    BreakAndFix,
}

/// Files with text that may change without breaking anything, and the key to change.
const TEXTS: [(&str, &str); 5] = [
    ("content/awards/2024-168-qd-ubnd.md", "achievement = \""),
    ("content/people/nguyen-van-duc.md", "role = \""),
    ("content/movements/chuyen-doi-so.md", "title = \""),
    ("content/pages/huong-dan-tra-cuu.md", "summary = \""),
    (
        "content/notices/gia-dinh-van-hoa-2024-thon-binh-han.md",
        "title = \"",
    ),
];

fn edit_strategy() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0..TEXTS.len(), "[a-zăâđêôơư]{1,8}( [a-z]{1,6})?")
            .prop_map(|(file, word)| Edit::Text { file, word }),
        2 => any::<u8>().prop_map(|n| Edit::Add { n }),
        1 => any::<u8>().prop_map(|n| Edit::Delete { n }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(n, to)| Edit::Rename { n, to }),
        1 => Just(Edit::BreakAndFix),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 12, ..Default::default() })]

    /// A random sequence of edits (change, add, delete, rename, break and fix) applied
    /// through the preview's incremental path gives byte-identical pages to a full build.
    #[test]
    fn random_edit_sequences_match_full_builds(edits in proptest::collection::vec(edit_strategy(), 1..7)) {
        let site = tempfile::tempdir().unwrap();
        copy_demo(site.path());
        let root = site.path().canonicalize().unwrap();
        let mut ws = Workspace::open(&root, false, Some(BASE.into())).unwrap();
        let mut served: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        apply(&mut served, ws.build_all().unwrap());
        let mut added: Vec<std::path::PathBuf> = Vec::new();
        for edit in &edits {
            match edit {
                Edit::Text { file, word } => {
                    let (rel, key) = TEXTS[*file];
                    let path = root.join(rel);
                    let text = std::fs::read_to_string(&path).unwrap();
                    std::fs::write(&path, text.replacen(key, &format!("{key}{word} "), 1)).unwrap();
                    update_served(&mut ws, &mut served, &[path]);
                }
                Edit::Add { n } => {
                    let path = root.join(format!("content/pages/them-{n}.md"));
                    std::fs::write(&path, format!("+++\ntitle = \"Trang thêm {n}\"\n+++\nNội dung {n}.\n")).unwrap();
                    if !added.contains(&path) {
                        added.push(path.clone());
                    }
                    update_served(&mut ws, &mut served, &[path]);
                }
                Edit::Delete { n } if !added.is_empty() => {
                    let path = added.remove(*n as usize % added.len());
                    std::fs::remove_file(&path).unwrap();
                    update_served(&mut ws, &mut served, &[path]);
                }
                Edit::Rename { n, to } if !added.is_empty() => {
                    let i = *n as usize % added.len();
                    let to = root.join(format!("content/pages/doi-ten-{to}.md"));
                    if added.contains(&to) {
                        continue;
                    }
                    let from = std::mem::replace(&mut added[i], to.clone());
                    std::fs::rename(&from, &to).unwrap();
                    update_served(&mut ws, &mut served, &[from, to]);
                }
                Edit::Delete { .. } | Edit::Rename { .. } => {}
                Edit::BreakAndFix => {
                    let path = root.join("content/awards/2024-168-qd-ubnd.md");
                    let good = std::fs::read_to_string(&path).unwrap();
                    std::fs::write(&path, good.replacen("form = \"", "form = \"khong-co-", 1)).unwrap();
                    proptest::prop_assert!(ws.update(std::slice::from_ref(&path)).is_err());
                    std::fs::write(&path, &good).unwrap();
                    update_served(&mut ws, &mut served, &[path]);
                }
            }
        }
        let full = full_build(&root);
        let differ: Vec<&String> = served.keys().chain(full.keys()).filter(|k| served.get(*k) != full.get(*k)).collect();
        proptest::prop_assert!(differ.is_empty(), "after {edits:?}: pages differ from a full build: {differ:?}");
    }
}

/// A page's fingerprint is what its description reads. A year page prints how many people
/// the year's decisions honour, counting every decision of the year, while its cards show
/// only the twelve newest: a recipient added to an older decision of that year must
/// re-render the year page. (The hand-written fingerprints of `e5b33ce` hashed only the
/// decisions shown as cards and served the old count.)
#[test]
fn a_page_is_rendered_again_when_anything_it_reads_changes() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path().canonicalize().unwrap();
    // Enough decisions that a year has more honours than its page lists by name.
    vinhdanh_gen::generate(1000, &root).expect("the generator writes the site");
    // The decisions of each year, by date: (date, path).
    let mut by_year: BTreeMap<String, Vec<(String, std::path::PathBuf)>> = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("content/awards")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("date = "))
            .expect("a decision has a date")
            .to_string();
        by_year
            .entry(date[..4].to_string())
            .or_default()
            .push((date, path));
    }
    let (year, mut awards) = by_year.into_iter().max_by_key(|(_, a)| a.len()).unwrap();
    assert!(
        awards.len() > 12,
        "a year with more decisions than its page shows"
    );
    awards.sort();
    // The oldest decision of the year: not among the twelve cards of the year page.
    let oldest = awards[0].1.clone();

    let mut ws = Workspace::open(&root, false, Some(BASE.into())).unwrap();
    let mut served: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    apply(&mut served, ws.build_all().unwrap());
    let page = format!("nam/{year}/index.html");
    let before = served[&page].clone();
    let slug = oldest.file_stem().unwrap().to_str().unwrap().to_string();
    assert!(
        !String::from_utf8_lossy(&before).contains(&slug),
        "the edited decision is not shown on the year page, only counted"
    );

    let text = std::fs::read_to_string(&oldest).unwrap();
    let start = text
        .find("[[recipients]]")
        .expect("a decision has recipients");
    let end = text[start + 1..]
        .find("\n[[")
        .or_else(|| text[start + 1..].find("\n+++"))
        .map(|e| start + 1 + e + 1)
        .unwrap();
    let block = text[start..end].to_string();
    let name = block
        .lines()
        .find_map(|l| l.strip_prefix("name = "))
        .unwrap()
        .to_string();
    let added = block.replacen(&name, "\"Trần Thị Mới Thêm\"", 1);
    let added: String = added
        .lines()
        .filter(|l| !l.starts_with("person = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let edited = format!("{}{added}\n{}", &text[..start], &text[start..]);
    std::fs::write(&oldest, edited).unwrap();
    update_served(&mut ws, &mut served, &[oldest]);

    assert_ne!(
        served[&page], before,
        "the year page counts the new recipient"
    );
    same(&served, &full_build(&root));
}

/// An edit to a decision that cancels or corrects another one re-renders the other one's
/// page (its banner and rows show the change) and the lists that count it, exactly as a full
/// build does; removing the change brings the honour back.
#[test]
fn an_edited_change_re_renders_the_decision_it_changes() {
    let site = fixtures(&["small-site", "changes"]);
    let root = site.path().canonicalize().unwrap();
    let mut ws = Workspace::open(&root, false, Some(BASE.into())).unwrap();
    let mut served: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    apply(&mut served, ws.build_all().unwrap());
    let page = |served: &BTreeMap<String, Vec<u8>>, p: &str| {
        String::from_utf8_lossy(&served[p]).to_string()
    };
    assert!(
        page(&served, "khen-thuong/2024-50/index.html").contains("Kê khai không đúng thành tích")
    );
    let path = root.join("content/awards/2025-3.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Kê khai không đúng thành tích", "Giả mạo hồ sơ"),
    )
    .unwrap();
    update_served(&mut ws, &mut served, std::slice::from_ref(&path));
    assert!(page(&served, "khen-thuong/2024-50/index.html").contains("Giả mạo hồ sơ"));
    same(&served, &full_build(&root));
    // Without the cancellation, Lê Văn An is back on the honour roll.
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("[[changes]]").unwrap();
    let end = start + text[start..].find("\n[[changes]]").unwrap();
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end + 1..])).unwrap();
    update_served(&mut ws, &mut served, std::slice::from_ref(&path));
    assert!(page(&served, "bang-vang/index.html").contains("Lê Văn An"));
    same(&served, &full_build(&root));
}
