//! Units with their history (issue 14, item 6): `[[units]]` in `site.toml` (aliases, former
//! names, mergers), the `unit-spelling` warning, and every unit link having a page.
//!
//! The `units` fixture (laid over `small-site`): Thôn Bình Hàn (its own entry, merged into
//! Thôn Tân Bình) and Thôn Văn Xá (a former name of Thôn Tân Bình) are named by a 2023
//! decision and a person; "Trường TH Tân Việt" is a declared alias of "Trường Tiểu học Tân
//! Việt"; "Hợp tác xã Tân Việt" and "HTX  Tân Việt" are undeclared spellings of one unit;
//! Thôn Kim Xuyên is named only by a notice's nominee.

use crate::util::*;
use std::collections::BTreeSet;
use std::path::Path;

fn built() -> tempfile::TempDir {
    let site = fixtures(&["small-site", "units"]);
    vinhdanh_ok(site.path(), &["build"]);
    site
}

fn page(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `unit-spelling` warnings of a check: (file, line, message, hint).
fn spelling_warnings(report: &serde_json::Value) -> Vec<(String, u64, String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unit-spelling")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_former_units_records_are_on_the_current_units_page_under_their_old_name() {
    let site = built();
    let root = site.path();
    let unit = page(root, "don-vi/thon-tan-binh/index.html");
    assert!(unit.contains("<h1>Thôn Tân Bình</h1>"), "{unit}");
    // The 2023 decision's household of Thôn Bình Hàn (declared with merged_into)…
    assert!(unit.contains("Hộ ông Lê Văn An"), "{unit}");
    assert!(
        unit.contains("Thôn Bình Hàn (nay là thôn Tân Bình)"),
        "{unit}"
    );
    // …and the person of Thôn Văn Xá (declared in former_names).
    assert!(unit.contains("Đỗ Thị Hằng"), "{unit}");
    assert!(
        unit.contains("Thôn Văn Xá (nay là thôn Tân Bình)"),
        "{unit}"
    );
    // The history as declared.
    assert!(unit.contains("Thôn Bình Hàn (đến 30/06/2025)"), "{unit}");
    assert!(unit.contains("01/07/2025"), "{unit}");
    assert!(unit.contains("Sáp nhập từ thôn Bình Hàn và thôn Văn Xá."));
    // A former unit has no page of its own: its records link to the current one.
    assert!(!root.join("public/don-vi/thon-binh-han").exists());
    assert!(!root.join("public/don-vi/thon-van-xa").exists());
    let decision = page(root, "khen-thuong/2023-10/index.html");
    assert!(
        decision.contains(
            "<a href=\"/don-vi/thon-tan-binh/\">Thôn Bình Hàn (nay là thôn Tân Bình)</a>"
        ),
        "{decision}"
    );
    let person = page(root, "guong-dien-hinh/do-thi-hang/index.html");
    assert!(person.contains("/don-vi/thon-tan-binh/"), "{person}");
    // The list of units counts the former units' records in the current one.
    let units = page(root, "don-vi/index.html");
    assert!(!units.contains("Thôn Bình Hàn"), "{units}");
    assert!(units.contains("Thôn Tân Bình"), "{units}");
}

#[test]
fn an_alias_and_an_abbreviation_share_one_page() {
    let site = built();
    let root = site.path();
    // Declared: "Trường TH Tân Việt" is an alias of "Trường Tiểu học Tân Việt".
    let school = page(root, "don-vi/truong-tieu-hoc-tan-viet/index.html");
    assert!(
        school.contains("<h1>Trường Tiểu học Tân Việt</h1>"),
        "{school}"
    );
    assert!(school.contains("Phạm Thị Bích"), "{school}");
    assert!(school.contains("Trần Văn Cường"), "{school}");
    assert!(!root.join("public/don-vi/truong-th-tan-viet").exists());
    // Not declared: "HTX  Tân Việt" and "Hợp tác xã Tân Việt" are still one unit.
    let coop = page(root, "don-vi/hop-tac-xa-tan-viet/index.html");
    assert!(coop.contains("<h1>Hợp tác xã Tân Việt</h1>"), "{coop}");
    assert!(coop.contains("Hợp tác xã dịch vụ nông nghiệp"), "{coop}");
    assert!(coop.contains("Tổ sản xuất rau an toàn"), "{coop}");
    assert!(!root.join("public/don-vi/htx-tan-viet").exists());
}

#[test]
fn a_unit_written_two_ways_is_a_warning_naming_both_places() {
    let site = fixtures(&["small-site", "units"]);
    let root = site.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    // The declared alias is not warned of; the undeclared abbreviation is, once.
    let warnings = spelling_warnings(&report);
    assert_eq!(warnings.len(), 1, "{report}");
    let (file, line, message, hint) = &warnings[0];
    assert_eq!(file, "content/awards/2024-20.md");
    assert_eq!(*line, 20, "the line of unit = \"HTX  Tân Việt\"");
    assert!(message.contains("HTX  Tân Việt"), "{message}");
    assert!(
        message.contains("“Hợp tác xã Tân Việt” ở content/awards/2023-10.md:27"),
        "{message}"
    );
    assert!(
        hint.contains("[[units]]") && hint.contains("aliases"),
        "{hint}"
    );

    // Without the alias, the school's abbreviation is a variant of its declared name.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    put(
        root,
        "site.toml",
        &toml.replace("aliases = [\"Trường TH Tân Việt\"]", ""),
    );
    let (_, report) = check_json(root);
    let warnings = spelling_warnings(&report);
    assert_eq!(warnings.len(), 2, "{report}");
    let (file, line, message, _) = &warnings[0];
    assert_eq!((file.as_str(), *line), ("content/awards/2023-10.md", 20));
    assert!(
        message.contains("“Trường Tiểu học Tân Việt” (site.toml:27)"),
        "{message}"
    );

    // One spelling everywhere: no warning.
    let text = std::fs::read_to_string(root.join("content/awards/2024-20.md")).unwrap();
    put(
        root,
        "content/awards/2024-20.md",
        &text.replace("HTX  Tân Việt", "Hợp tác xã Tân Việt"),
    );
    put(root, "site.toml", &toml);
    let (_, report) = check_json(root);
    assert!(spelling_warnings(&report).is_empty(), "{report}");
}

#[test]
fn a_nominees_unit_links_to_a_page_that_lists_the_notice() {
    let site = built();
    let root = site.path();
    let notice = page(root, "cong-khai/cong-khai-2024/index.html");
    assert!(
        notice.contains("<a href=\"/don-vi/thon-kim-xuyen/\">Thôn Kim Xuyên</a>"),
        "{notice}"
    );
    let unit = page(root, "don-vi/thon-kim-xuyen/index.html");
    assert!(unit.contains("Hộ ông Vũ Văn Đông"), "{unit}");
    assert!(
        unit.contains("href=\"/cong-khai/cong-khai-2024/\""),
        "{unit}"
    );
    assert!(unit.contains("Gia đình văn hóa"), "{unit}");
    let units = page(root, "don-vi/index.html");
    assert!(units.contains("/don-vi/thon-kim-xuyen/"), "{units}");
}

/// Every unit page linked from any page, and every unit page the units list links, exist;
/// and every unit page built is listed.
fn unit_links_have_pages(out: &Path) {
    let (checked, broken) = check_links(out);
    assert!(checked > 0);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let built: BTreeSet<String> = files(out)
        .into_iter()
        .filter(|f| {
            f.starts_with("don-vi/") && f.ends_with("/index.html") && f != "don-vi/index.html"
        })
        .filter(|f| !f.contains("/trang/"))
        .map(|f| format!("/{}", f.trim_end_matches("index.html")))
        .collect();
    let mut linked = BTreeSet::new();
    for f in files(out).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(f)).unwrap();
        for l in links(&html) {
            if l.starts_with("/don-vi/") && l != "/don-vi/" && !l.contains("/trang/") {
                linked.insert(l);
            }
        }
    }
    assert!(!linked.is_empty());
    assert_eq!(
        linked, built,
        "the unit pages linked and the unit pages built"
    );
}

#[test]
fn every_unit_link_has_a_page() {
    let site = built();
    unit_links_have_pages(&site.path().join("public"));
}

#[test]
fn every_unit_link_of_the_demo_has_a_page() {
    let site = tempfile::tempdir().unwrap();
    copy_demo(site.path());
    vinhdanh_ok(site.path(), &["build"]);
    let out = site.path().join("public");
    unit_links_have_pages(&out);
    // The demo's merged village and its notice.
    let unit = std::fs::read_to_string(out.join("don-vi/thon-tan-binh/index.html")).unwrap();
    assert!(unit.contains("Thôn Bình Hàn (nay là thôn Tân Bình)"));
    assert!(unit.contains("/cong-khai/gia-dinh-van-hoa-2024-thon-binh-han/"));
}

#[test]
fn mistakes_in_units_are_errors_at_their_line() {
    let site = fixtures(&["small-site", "units"]);
    let root = site.path();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    put(
        root,
        "site.toml",
        &toml.replace(
            "merged_into = \"Thôn Tân Bình\"",
            "merged_into = \"Thôn Tâm Bình\"",
        ),
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "unknown-reference", "{report}");
    assert_eq!(d["file"], "site.toml");
    assert_eq!(d["line"], 23);
    assert!(
        d["hint"].as_str().unwrap().contains("Thôn Tân Bình"),
        "{report}"
    );

    // A merger back into the former unit is a circle.
    put(
        root,
        "site.toml",
        &toml.replace(
            "name = \"Thôn Tân Bình\"\n",
            "name = \"Thôn Tân Bình\"\nmerged_into = \"Thôn Bình Hàn\"\n",
        ),
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["diagnostics"][0]["code"], "unit-cycle", "{report}");
    assert_eq!(report["diagnostics"][0]["line"], 17, "{report}");

    // An alias that is another unit's name.
    put(
        root,
        "site.toml",
        &toml.replace(
            "aliases = [\"Trường TH Tân Việt\"]",
            "aliases = [\"Thôn Văn Xá\"]",
        ),
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    assert_eq!(
        report["diagnostics"][0]["code"], "duplicate-unit",
        "{report}"
    );
    assert_eq!(report["diagnostics"][0]["line"], 28, "{report}");
}

/// The preview renders a unit page again when what it shows changes: a nominee of a notice,
/// and the warnings follow the edits.
#[test]
fn the_preview_follows_edits_of_nominees_and_spellings() {
    use vinhdanh::live::Workspace;
    let site = fixtures(&["small-site", "units"]);
    let root = site.path().canonicalize().unwrap();
    let mut ws = Workspace::open(&root, false, None).unwrap();
    let first = ws.build_all().unwrap();
    let spelling =
        |w: &[vinhdanh::Diagnostic]| w.iter().filter(|d| d.code == "unit-spelling").count();
    assert_eq!(spelling(&first.warnings), 1);

    let notice = root.join("content/notices/cong-khai-2024.md");
    let text = std::fs::read_to_string(&notice).unwrap();
    std::fs::write(
        &notice,
        text.replace("Hộ ông Vũ Văn Đông", "Hộ ông Vũ Văn Tây"),
    )
    .unwrap();
    let u = ws.update(std::slice::from_ref(&notice)).unwrap();
    let unit = u
        .written
        .iter()
        .find(|f| f.path == "don-vi/thon-kim-xuyen/index.html")
        .expect("the unit page is rendered again");
    assert!(String::from_utf8_lossy(&unit.bytes).contains("Hộ ông Vũ Văn Tây"));

    // The first spelling is changed to the second: the warning goes.
    let award = root.join("content/awards/2023-10.md");
    let text = std::fs::read_to_string(&award).unwrap();
    std::fs::write(&award, text.replace("Hợp tác xã Tân Việt", "HTX  Tân Việt")).unwrap();
    let u = ws.update(std::slice::from_ref(&award)).unwrap();
    assert_eq!(spelling(&u.warnings), 0, "{:?}", u.warnings);
}
