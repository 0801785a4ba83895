//! The privacy guard sees what is published (issue 12, class 6): personal data written the
//! way people really write it — split over lines, in multi-line strings and folded YAML,
//! in full-width digits, entities and escapes, with the separators people type, in
//! `site.toml` and in file names — is refused at its file, line and column; a person's
//! summary needs consent; sensitive data of a person without consent is a warning; and
//! the demo has none of it.

use crate::util::*;
use serde_json::Value;

/// A small valid site: `tests/fixtures/one-person/` (one body, one person with consent).
fn site() -> tempfile::TempDir {
    fixture("one-person")
}

/// The small site with a case's files laid over it (`tests/fixtures/<case>/`).
fn site_with(case: &str) -> tempfile::TempDir {
    fixtures(&["one-person", case])
}

/// (file, line, column) of every diagnostic with this code.
fn spots(report: &Value, code: &str) -> Vec<(String, u64, u64)> {
    let mut v: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn messages(report: &Value, code: &str, file: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}")
}

#[test]
fn leaking_variants_in_records_are_refused_at_their_spot() {
    // tests/fixtures/leaks-in-records/content/pages/:
    // a.md: the body, split over a soft line break, separators, brackets, +84;
    // c.md: front matter, a multi-line TOML string, an escape inside a basic string;
    // d.md: YAML, a folded block scalar, the number split over its lines;
    // e.md: birth dates, keywords and a table column;
    // 0912345678.md: a file name that becomes an address.
    let s = site_with("leaks-in-records");
    let root = s.path();
    // Normalised forms: full-width digits, zero-width spaces, entities, escapes (written
    // here, where the invisible characters can be seen).
    put(
        root,
        "content/pages/b.md",
        &page(
            "B",
            "ĐT ０９１２３４５６７８.\n\nĐT 0912\u{200b}345\u{200b}678.\n\nĐT &#48;912&#x33;45678.\n\nThư [đây](mailto:an%40gmail.com).\n\nThư an [at] gmail [dot] com.\n",
        ),
    );
    let (code, r) = check_json(root);
    assert_eq!(code, 1, "{r:#}");
    let found = spots(&r, "personal-data");
    let expected: Vec<(String, u64, u64)> = [
        ("content/pages/0912345678.md", 1, 0),
        ("content/pages/a.md", 4, 23),
        ("content/pages/a.md", 5, 15),
        ("content/pages/a.md", 7, 10),
        ("content/pages/a.md", 7, 27),
        ("content/pages/b.md", 4, 4),
        ("content/pages/b.md", 6, 4),
        ("content/pages/b.md", 8, 4),
        ("content/pages/b.md", 10, 18),
        ("content/pages/b.md", 12, 5),
        ("content/pages/c.md", 2, 14),
        ("content/pages/c.md", 5, 1),
        ("content/pages/d.md", 4, 15),
        ("content/pages/e.md", 4, 1),
        ("content/pages/e.md", 6, 5),
        ("content/pages/e.md", 10, 15),
    ]
    .iter()
    .map(|(f, l, c)| (f.to_string(), *l, *c))
    .collect();
    assert_eq!(found, expected, "{r:#}");
    let a = messages(&r, "personal-data", "content/pages/a.md");
    assert!(a.iter().all(|m| m.contains("số điện thoại")), "{a:?}");
    let d = messages(&r, "personal-data", "content/pages/d.md");
    assert!(d[0].contains("căn cước"), "{d:?}");
    let e = messages(&r, "personal-data", "content/pages/e.md");
    assert!(e.iter().all(|m| m.contains("ngày sinh")), "{e:?}");
    let f = messages(&r, "personal-data", "content/pages/0912345678.md");
    assert!(f[0].contains("tên tệp"), "{f:?}");
}

#[test]
fn allow_still_permits_an_offices_contact_in_every_form() {
    let s = site();
    put(
        s.path(),
        "content/pages/lien-he.md",
        "+++\ntitle = \"Liên hệ\"\nallow = [\"phone\", \"email\"]\n+++\nVăn phòng UBND xã: (0220) 3745 123, ０２２０ ３７４５ １２４, vanphong [at] xathu.gov.vn.\n",
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
}

#[test]
fn site_toml_is_scanned_and_has_its_own_allow() {
    // tests/fixtures/leaking-site-toml/site.toml: a phone number in the description
    // (line 4) and an e-mail address in a body's label (line 14).
    let s = site_with("leaking-site-toml");
    let leaking = std::fs::read_to_string(s.path().join("site.toml")).unwrap();
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(
        spots(&r, "personal-data"),
        vec![
            ("site.toml".to_string(), 4, 1),
            ("site.toml".to_string(), 14, 25)
        ],
        "{r:#}"
    );
    let hints: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["hint"].as_str())
        .collect();
    assert!(hints.iter().all(|h| h.contains("site.toml")), "{hints:?}");
    // An allow list at the top of site.toml permits them; a wrong value is named.
    put(
        s.path(),
        "site.toml",
        &format!("allow = [\"phone\", \"email\"]\n{leaking}"),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
    put(
        s.path(),
        "site.toml",
        &format!("allow = [\"phon\"]\n{leaking}"),
    );
    let (_, r) = check_json(s.path());
    assert_eq!(
        spots(&r, "unknown-value"),
        vec![("site.toml".to_string(), 1, 11)],
        "{r:#}"
    );
}

#[test]
fn a_persons_summary_needs_consent() {
    let s = site();
    put(
        s.path(),
        "content/people/le-van-an.md",
        "+++\nname = \"Lê Văn An\"\nsubject = \"ca-nhan\"\nfields = [\"y-te\"]\nyear = 2024\nsummary = \"Ông vượt khó nuôi con ăn học.\"\n+++\n",
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(
        spots(&r, "no-consent"),
        vec![("content/people/le-van-an.md".to_string(), 6, 1)],
        "{r:#}"
    );
    let m = messages(&r, "no-consent", "content/people/le-van-an.md");
    assert!(m[0].contains("tóm tắt"), "{m:?}");
}

#[test]
fn sensitive_data_of_a_person_without_consent_is_a_warning() {
    // content/people/lo-thi-mai.md: ethnicity and religion in the role, no consent;
    // content/people/lo-van-son.md: with consent the same words are the person's own
    // story, published with leave.
    let s = site_with("sensitive-data");
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "warnings only: {r:#}");
    assert_eq!(
        spots(&r, "sensitive-data"),
        vec![
            ("content/people/lo-thi-mai.md".to_string(), 4, 25),
            ("content/people/lo-thi-mai.md".to_string(), 4, 39),
        ],
        "{r:#}"
    );
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "sensitive-data")
        .unwrap();
    assert_eq!(d["severity"], "warning", "{d:#}");
    assert!(
        d["hint"].as_str().unwrap().contains("consent = true"),
        "{d:#}"
    );
}

#[test]
fn ordinary_numbers_are_not_personal_data() {
    let s = site();
    put(
        s.path(),
        "content/pages/so-lieu.md",
        &page(
            "Số liệu",
            "Quyết định số 215/BTĐKT-NV và 168/QĐ-UBND ngày 16/12/2024; tổng 14.150.000 đồng và 234.000.000 đồng.\nGiai đoạn 2021–2025, các năm 2019 2020 2021; từ 25/11/2024 - 05/12/2024, trang 12 - 15.\nTrụ sở: số 12 đường 390, thôn Văn Xá. Học sinh ngày 20/11/2024; ông sinh năm 1980.\n",
        ),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
}

#[test]
fn the_demo_has_no_personal_data_and_no_sensitive_data() {
    let (code, r) = check_json(&demo_root());
    assert_eq!(code, 0, "{r:#}");
    assert!(spots(&r, "personal-data").is_empty(), "{r:#}");
    assert!(spots(&r, "sensitive-data").is_empty(), "{r:#}");
    assert!(spots(&r, "no-consent").is_empty(), "{r:#}");
}

#[test]
fn names_of_published_static_files_are_scanned_too() {
    // tests/fixtures/static-file-names/static/: a phone number as a file's name and as a
    // folder's, and an ordinary attachment name.
    let tmp = fixture("static-file-names");
    let root = tmp.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "personal-data")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"static/anh/0912345678.jpg"), "{files:?}");
    assert!(files.contains(&"static/0912-345-678"), "{files:?}");
    assert_eq!(
        files.len(),
        2,
        "an ordinary attachment name is not reported: {files:?}"
    );
}
