//! The privacy guard sees what is published (issue 12, class 6): personal data written the
//! way people really write it — split over lines, in multi-line strings and folded YAML,
//! in full-width digits, entities and escapes, with the separators people type, in
//! `site.toml` and in file names — is refused at its file, line and column; a person's
//! summary needs consent; sensitive data of a person without consent is a warning; and
//! the demo has none of it.

use crate::util::*;
use serde_json::Value;

/// A small valid site.
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(root, "site.toml", SITE_TOML);
    put(
        root,
        "content/people/nguyen-van-duc.md",
        "+++\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\nconsent = true\n+++\nÔng trồng vải VietGAP.\n",
    );
    tmp
}

const SITE_TOML: &str = "title = \"Thử\"\ncommune = \"Xã Thử\"\nbase_url = \"https://x.example\"\n\n[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"Chủ tịch UBND xã\"\nlevel = \"xa\"\n";

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
    let s = site();
    let root = s.path();
    // Body: split over a soft line break, separators, brackets, +84.
    put(
        root,
        "content/pages/a.md",
        &page(
            "A",
            "Liên hệ ông An qua số 0912\n345 678 hoặc (0912) 345 - 679.\n\nSố khác: +84 912.345.680, 84912345681.\n",
        ),
    );
    // Normalised forms: full-width digits, zero-width spaces, entities, escapes.
    put(
        root,
        "content/pages/b.md",
        &page(
            "B",
            "ĐT ０９１２３４５６７８.\n\nĐT 0912\u{200b}345\u{200b}678.\n\nĐT &#48;912&#x33;45678.\n\nThư [đây](mailto:an%40gmail.com).\n\nThư an [at] gmail [dot] com.\n",
        ),
    );
    // Front matter: multi-line TOML string, an escape inside a basic string.
    put(
        root,
        "content/pages/c.md",
        "+++\ntitle = \"Gọi \\u0030912 345 678\"\nsummary = \"\"\"\nCMND của ông:\n142.345.678\"\"\"\n+++\n",
    );
    // YAML: folded block scalar, the number split over its lines.
    put(
        root,
        "content/pages/d.md",
        "---\ntitle: D\nsummary: >\n  Số căn cước 001 203\n  004 567 của bà.\n---\n",
    );
    // Birth dates: keywords and a table column.
    put(
        root,
        "content/pages/e.md",
        &page(
            "E",
            "SN: 12/03/1980.\n\nÔng sinh vào ngày 5-7-1950.\n\n| Họ và tên | Ngày sinh |\n|---|---|\n| Lê Văn An | 12/03/1980 |\n",
        ),
    );
    // A file name that becomes an address.
    put(root, "content/pages/0912345678.md", &page("F", "Trang.\n"));
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
    let s = site();
    let leaking = SITE_TOML.replace(
        "base_url",
        "description = \"\"\"Trang của xã; liên hệ chị Hoa\n0912 345 678.\"\"\"\nbase_url",
    ) + "\n[[bodies]]\nslug = \"ubnd-tinh\"\nlabel = \"UBND tỉnh, thư hoa&#64;gmail.com\"\nlevel = \"tinh\"\n";
    put(s.path(), "site.toml", &leaking);
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
    let s = site();
    put(
        s.path(),
        "content/people/lo-thi-mai.md",
        "+++\nname = \"Lò Thị Mai\"\nsubject = \"ca-nhan\"\nrole = \"Hội viên, người dân tộc Thái, theo đạo Thiên Chúa\"\nfields = [\"van-hoa\"]\nyear = 2024\n+++\n",
    );
    // With consent the same words are the person's own story, published with leave.
    put(
        s.path(),
        "content/people/lo-van-son.md",
        "+++\nname = \"Lò Văn Sơn\"\nsubject = \"ca-nhan\"\nrole = \"Người dân tộc Thái\"\nfields = [\"van-hoa\"]\nyear = 2024\nconsent = true\n+++\nÔng từng bị bệnh nặng nhưng vẫn vượt khó.\n",
    );
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
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(root, "site.toml", SITE_TOML);
    put(
        root,
        "content/pages/gioi-thieu.md",
        "+++\ntitle = \"Giới thiệu\"\n+++\nTrang thử.\n",
    );
    put(root, "static/anh/0912345678.jpg", "jpeg");
    put(root, "static/0912-345-678/le-trao.jpg", "jpeg");
    put(root, "static/tai-lieu/quyet-dinh-168-2024.pdf", "pdf");
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
