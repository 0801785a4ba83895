//! Every content mistake the clerk can make gets a message naming the file, the line, the
//! problem and a hint (issue: "Content mistakes get clear messages"). The checks run the
//! real binary with `check --format json` and look at the structured diagnostics; a few
//! look at the human form with its underlined snippet.

use crate::util::*;
use serde_json::Value;

/// A small valid site to break on purpose: `tests/fixtures/small-site/` (two bodies, a
/// movement, a person and the award `content/awards/2024-45.md` that [`award`] writes with
/// `award("45/QĐ-UBND", "2024-12-20", "ubnd-xa", "giay-khen")`).
fn site() -> tempfile::TempDir {
    fixture("small-site")
}

/// The small site with a case's files laid over it (`tests/fixtures/<case>/`).
fn site_with(case: &str) -> tempfile::TempDir {
    fixtures(&["small-site", case])
}

fn award(number: &str, date: &str, issuer: &str, form: &str) -> String {
    format!(
        "+++\nnumber = \"{number}\"\ndate = {date}\nissuer = \"{issuer}\"\ntype = \"theo-dot-chuyen-de\"\nmovement = \"nong-thon-moi\"\nfields = [\"nong-thon-moi\"]\nyear = 2024\n\n[[recipients]]\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nform = \"{form}\"\nachievement = \"Đã có thành tích xuất sắc.\"\nperson = \"nguyen-van-duc\"\n+++\n"
    )
}

/// The one diagnostic with this code in this file.
fn diag<'a>(report: &'a Value, code: &str, file: &str) -> &'a Value {
    let all = report["diagnostics"].as_array().unwrap();
    let found: Vec<&Value> = all
        .iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code} in {file}, got: {report:#}"
    );
    found[0]
}

/// Asserts the parts every message must have.
fn assert_parts(d: &Value, line: u64, message: &str, hint: &str) {
    assert_eq!(d["line"], line, "{d:#}");
    assert!(
        d["message"].as_str().unwrap().contains(message),
        "message lacks {message:?}: {d:#}"
    );
    assert!(
        d["hint"].as_str().unwrap_or("").contains(hint),
        "hint lacks {hint:?}: {d:#}"
    );
}

#[test]
fn clean_site_checks_with_exit_0() {
    let s = site();
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["errors"], 0);
    assert!(!s.path().join("public").exists(), "check writes nothing");
}

#[test]
fn missing_and_unterminated_front_matter() {
    let s = site();
    put(s.path(), "content/pages/a.md", "Chỉ có chữ.\n");
    put(s.path(), "content/pages/b.md", "+++\ntitle = \"B\"\n");
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    assert_parts(
        diag(&r, "no-front-matter", "content/pages/a.md"),
        1,
        "không bắt đầu bằng phần đầu",
        "dòng +++",
    );
    assert_parts(
        diag(&r, "unclosed-front-matter", "content/pages/b.md"),
        1,
        "không có dòng +++ đóng lại",
        "thêm một dòng chỉ có +++",
    );
}

#[test]
fn toml_and_yaml_syntax_errors_point_at_the_file_line() {
    let s = site();
    put(
        s.path(),
        "content/pages/a.md",
        "+++\ntitle = \"A\"\nmenu = tru\n+++\n",
    );
    put(
        s.path(),
        "content/pages/b.md",
        "---\ntitle: B\nmenu: [true\n---\n",
    );
    let (_, r) = check_json(s.path());
    let d = diag(&r, "syntax", "content/pages/a.md");
    assert_parts(d, 3, "lỗi cú pháp", "khóa = giá trị");
    assert_eq!(d["column"], 8);
    let d = diag(&r, "syntax", "content/pages/b.md");
    assert_parts(d, 3, "lỗi cú pháp", "khóa: giá trị");
    assert_eq!(
        d["column"], 7,
        "YAML positions are counted in the file: {d:#}"
    );
    put(
        s.path(),
        "content/pages/b.md",
        "---\ntitle: B\nmenuu: true\n---\n",
    );
    let (_, r) = check_json(s.path());
    assert_parts(
        diag(&r, "unknown-key", "content/pages/b.md"),
        3,
        "menuu",
        "\"menu\"",
    );
}

#[test]
fn wrong_types_and_impossible_dates() {
    let s = site();
    put(
        s.path(),
        "content/people/a.md",
        "+++\nname = \"A\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = \"2024a\"\n+++\n",
    );
    put(
        s.path(),
        "content/awards/b.md",
        &award("46/QĐ-UBND", "\"30/02/2024\"", "ubnd-xa", "giay-khen"),
    );
    put(
        s.path(),
        "content/awards/c.md",
        &award("47/QĐ-UBND", "2024-02-30", "ubnd-xa", "giay-khen"),
    );
    let (_, r) = check_json(s.path());
    let d = diag(&r, "wrong-type", "content/people/a.md");
    assert_parts(d, 5, "cần một số nguyên", "ngoặc kép");
    assert_eq!(
        (d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(8), Some(15))
    );
    assert_parts(
        diag(&r, "bad-value", "content/awards/b.md"),
        3,
        "có 29 ngày",
        "2024-12-20",
    );
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "content/awards/c.md")
        .unwrap();
    assert_eq!(d["line"], 3, "{d:#}");
}

#[test]
fn vietnamese_dates_are_accepted() {
    let s = site();
    put(
        s.path(),
        "content/awards/2024-45.md",
        &award("45/QĐ-UBND", "\"20/12/2024\"", "ubnd-xa", "giay-khen"),
    );
    vinhdanh_ok(s.path(), &["build"]);
    let html =
        std::fs::read_to_string(s.path().join("public/khen-thuong/2024-45/index.html")).unwrap();
    assert!(html.contains("ngày 20 tháng 12 năm 2024"), "{html}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    // content/notices/a.md: `decison` on line 8.
    let s = site_with("unknown-key");
    let (_, r) = check_json(s.path());
    let d = diag(&r, "unknown-key", "content/notices/a.md");
    assert_parts(d, 8, "decison", "\"decision\"");
    assert_eq!(d["column"], 1);
}

#[test]
fn unknown_references_suggest_existing_slugs() {
    // A person with a misspelt field and movement, an award with a misspelt level, form
    // and person: content/people/a.md and content/awards/b.md.
    let s = site_with("unknown-references");
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let all: Vec<&Value> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unknown-reference")
        .collect();
    let find = |file: &str, value: &str| {
        *all.iter()
            .find(|d| d["file"] == file && d["message"].as_str().unwrap().contains(value))
            .unwrap_or_else(|| panic!("{value}: {r:#}"))
    };
    assert_parts(
        find("content/people/a.md", "giao-duk"),
        4,
        "Lĩnh vực",
        "\"giao-duc\"",
    );
    assert_parts(
        find("content/people/a.md", "nong-thon-moii"),
        5,
        "Phong trào",
        "\"nong-thon-moi\"",
    );
    assert_parts(find("content/awards/b.md", "xaa"), 5, "Cấp", "\"xa\"");
    assert_parts(
        find("content/awards/b.md", "giay-khenn"),
        13,
        "Hình thức",
        "\"giay-khen\"",
    );
    assert_parts(
        find("content/awards/b.md", "nguyen-van-dux"),
        15,
        "gương điển hình",
        "\"nguyen-van-duc\"",
    );
    let d = find("content/people/a.md", "giao-duk");
    assert_eq!(
        (d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(12), Some(20))
    );
}

#[test]
fn duplicates_of_slug_and_decision_number() {
    let s = site();
    put(s.path(), "content/people/Nguyễn Văn Đức.md", "+++\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2023\n+++\n");
    put(
        s.path(),
        "content/awards/2024-45-lan-2.md",
        &award("45/QĐ-UBND", "2024-06-01", "ubnd-xa", "giay-khen"),
    );
    let (_, r) = check_json(s.path());
    let all = r["diagnostics"].as_array().unwrap();
    let dup = all.iter().find(|d| d["code"] == "duplicate-slug").unwrap();
    assert!(
        dup["message"].as_str().unwrap().contains("nguyen-van-duc"),
        "{dup:#}"
    );
    assert!(dup["hint"].as_str().unwrap().contains("slug"));
    assert_parts(
        diag(&r, "duplicate-decision", "content/awards/2024-45.md"),
        2,
        "45/QĐ-UBND",
        "không trùng",
    );
}

#[test]
fn warnings_for_dates_outside_the_movement_and_forms_the_level_may_not_grant() {
    let s = site();
    put(
        s.path(),
        "content/awards/2024-45.md",
        &award("45/QĐ-UBND", "2026-01-10", "ubnd-xa", "bang-khen-tinh"),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "warnings do not fail the check: {r:#}");
    assert_eq!(r["warnings"], 2);
    let d = diag(&r, "outside-movement", "content/awards/2024-45.md");
    assert_eq!(d["severity"], "warning");
    assert_parts(d, 3, "nằm ngoài thời gian của phong trào", "kiểm tra ngày");
    let d = diag(&r, "form-not-grantable", "content/awards/2024-45.md");
    assert_parts(d, 13, "không có thẩm quyền", "tinh");
}

#[test]
fn bom_crlf_and_nfd_are_accepted_silently() {
    use unicode_normalization::UnicodeNormalization;
    let s = site();
    let text: String = "+++\r\nname = \"Đặng Thị Ưng\"\r\nsubject = \"ca-nhan\"\r\nfields = [\"y-te\"]\r\nyear = 2024\r\nconsent = true\r\n+++\r\nNữ hộ sinh.\r\n".nfd().collect();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.as_bytes());
    put_bytes(s.path(), "content/people/dang-thi-ung.md", &bytes);
    let (code, r) = check_json(s.path());
    assert_eq!((code, r["warnings"].as_u64()), (0, Some(0)), "{r:#}");
}

#[test]
fn bytes_that_are_not_utf8_name_the_offset_and_the_legacy_encoding() {
    let s = site();
    // "Nguyễn Văn Đức" in VNI: Nguyeãn Vaên Ñöùc.
    put_bytes(
        s.path(),
        "content/pages/vni.md",
        b"+++\ntitle = \"Nguye\xe3n Va\xean \xd1\xf6\xf9c\"\n+++\n",
    );
    // "Đặng Văn Đức" in TCVN3: \xa7\xb7ng V\xa8n \xa7\xf8c.
    put_bytes(
        s.path(),
        "content/pages/tcvn.md",
        b"+++\ntitle = \"\xa7\xb9ng V\xa8n \xa7\xf8c\"\n+++\n",
    );
    // "Nguyễn Văn Đức" as Excel or Notepad saves it in Windows-1258 ("ANSI" on a
    // Vietnamese Windows): ê + a combining tilde, ă, Đ, ư + a combining acute.
    put_bytes(
        s.path(),
        "content/pages/cp1258.md",
        b"+++\ntitle = \"Nguy\xea\xden V\xe3n \xd0\xfd\xecc\"\n+++\n",
    );
    let (_, r) = check_json(s.path());
    let d = diag(&r, "not-utf8", "content/pages/vni.md");
    assert_parts(d, 2, "vị trí byte 18", "UTF-8");
    let m = d["message"].as_str().unwrap();
    assert!(m.contains("bảng mã cũ VNI"), "{d:#}");
    assert_eq!(
        d["column"], 15,
        "at the first byte that is not UTF-8: {d:#}"
    );
    assert!(
        m.contains("title = \"Nguyễn Văn Đức\""),
        "the line as read: {d:#}"
    );
    let d = diag(&r, "not-utf8", "content/pages/tcvn.md");
    assert!(d["message"].as_str().unwrap().contains("TCVN3"), "{d:#}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(10)),
        "{d:#}"
    );
    assert!(d["hint"].as_str().unwrap().contains("vinhdanh check --fix"));
    let d = diag(&r, "not-utf8", "content/pages/cp1258.md");
    assert_parts(d, 2, "vị trí byte", "UTF-8");
    let m = d["message"].as_str().unwrap();
    assert!(
        m.contains("Windows-1258") && !m.contains("TCVN3") && !m.contains("VNI"),
        "{d:#}"
    );
    assert!(
        m.contains("title = \"Nguyễn Văn Đức\""),
        "the line as read: {d:#}"
    );
}

#[test]
fn empty_huge_and_oddly_named_files() {
    let s = site();
    put(s.path(), "content/pages/trống.md", "");
    let big = vec![b'a'; 50 * 1024 * 1024];
    put_bytes(s.path(), "content/pages/lon.md", &big);
    put(
        s.path(),
        "content/pages/Giới thiệu xã.md",
        "+++\ntitle = \"Giới thiệu\"\n+++\nXã Thử.\n",
    );
    let started = std::time::Instant::now();
    let (_, r) = check_json(s.path());
    assert!(
        started.elapsed().as_secs() < 20,
        "a 50 MB file is refused quickly"
    );
    assert_parts(
        diag(&r, "empty-file", "content/pages/trống.md"),
        1,
        "tệp trống",
        "+++",
    );
    let d = diag(&r, "file-too-large", "content/pages/lon.md");
    assert!(d["message"].as_str().unwrap().contains("50.0 MB"), "{d:#}");
    assert!(d["hint"].as_str().unwrap().contains("static/"));
    std::fs::remove_file(s.path().join("content/pages/trống.md")).unwrap();
    std::fs::remove_file(s.path().join("content/pages/lon.md")).unwrap();
    vinhdanh_ok(s.path(), &["build"]);
    assert!(s.path().join("public/gioi-thieu-xa/index.html").is_file());
}

#[test]
fn personal_data_is_refused_at_its_span_unless_allowed() {
    // content/people/a.md: an id number, a phone, an e-mail and a birth date in its story;
    // content/notices/b.md: the office's phone and e-mail, allowed.
    let s = site_with("personal-data");
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let found: Vec<(u64, u64, &str)> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "personal-data")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found.len(),
        4,
        "{found:?}; the notice's allowed contact is not reported"
    );
    assert!(
        found.contains(&(
            8,
            6,
            "không được công bố số căn cước công dân, chứng minh nhân dân"
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == 8 && f.1 == 31 && f.2.contains("số điện thoại")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == 9 && f.1 == 6 && f.2.contains("thư điện tử")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.0 == 9 && f.2.contains("ngày sinh")),
        "{found:?}"
    );
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "personal-data")
        .unwrap();
    assert!(d["hint"].as_str().unwrap().contains("allow = ["), "{d:#}");
}

#[test]
fn no_photo_or_story_without_consent() {
    // content/people/a.md: a photo (line 6) and a story (line 8), no `consent`.
    let s = site_with("no-consent");
    let (_, r) = check_json(s.path());
    let all: Vec<&Value> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "no-consent")
        .collect();
    assert_eq!(all.len(), 2, "{r:#}");
    assert!(all
        .iter()
        .any(|d| d["line"] == 6 && d["message"].as_str().unwrap().contains("ảnh")));
    assert!(all
        .iter()
        .any(|d| d["line"] == 8 && d["message"].as_str().unwrap().contains("câu chuyện")));
    assert!(all[0]["hint"].as_str().unwrap().contains("consent = true"));
}

#[test]
fn paths_cannot_leave_the_site() {
    let s = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    put(
        s.path(),
        "content/people/a.md",
        "+++\nname = \"Lê Văn An\"\nsubject = \"ca-nhan\"\nfields = [\"y-te\"]\nyear = 2024\nconsent = true\nphoto = \"/../../etc/passwd\"\n+++\n",
    );
    put(
        s.path(),
        "content/awards/2024-45.md",
        &award("45/QĐ-UBND", "2024-12-20", "ubnd-xa", "giay-khen").replace(
            "year = 2024\n",
            "year = 2024\npdf = \"/van-ban/khong-co.pdf\"\n",
        ),
    );
    std::fs::create_dir_all(s.path().join("static")).unwrap();
    std::fs::create_dir_all(s.path().join("content/pages")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            s.path().join("static/secret.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            s.path().join("content/pages/lien-ket.md"),
        )
        .unwrap();
    }
    let (_, r) = check_json(s.path());
    assert_parts(
        diag(&r, "path-escapes", "content/people/a.md"),
        7,
        "ra ngoài thư mục static/",
        "không có ..",
    );
    assert_parts(
        diag(&r, "missing-file", "content/awards/2024-45.md"),
        9,
        "static/van-ban/khong-co.pdf",
        "chép tệp",
    );
    #[cfg(unix)]
    {
        assert_parts(
            diag(&r, "path-escapes", "static/secret.txt"),
            0,
            "ra ngoài thư mục của trang",
            "chép tệp",
        );
        assert_parts(
            diag(&r, "path-escapes", "content/pages/lien-ket.md"),
            0,
            "ra ngoài thư mục của trang",
            "chép tệp",
        );
    }
    let o = vinhdanh(s.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!s.path().join("public").exists());
}

#[test]
fn human_output_shows_the_line_underlined_and_english_when_asked() {
    let s = site();
    put(
        s.path(),
        "content/people/a.md",
        "+++\nname = \"A\"\nsubject = \"ca-nhan\"\nfields = [\"giao-duk\"]\nyear = 2024\n+++\n",
    );
    let o = vinhdanh(s.path(), &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[unknown-reference]: Lĩnh vực “giao-duk” không tồn tại"),
        "{err}"
    );
    assert!(err.contains("content/people/a.md:4:12"), "{err}");
    assert!(err.contains("4 │ fields = [\"giao-duk\"]"), "{err}");
    assert!(err.contains("^^^^^^^^"), "{err}");
    assert!(
        err.contains("gợi ý: có phải ý bạn là \"giao-duc\" (Giáo dục – đào tạo, khuyến học)?"),
        "{err}"
    );
    assert!(err.contains("1 lỗi, 0 cảnh báo"), "{err}");
    let cfg = std::fs::read_to_string(s.path().join("site.toml")).unwrap();
    std::fs::write(
        s.path().join("site.toml"),
        format!("language = \"en\"\n{cfg}"),
    )
    .unwrap();
    let o = vinhdanh(s.path(), &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown field \"giao-duk\""), "{err}");
    assert!(
        err.contains("hint: did you mean \"giao-duc\" (Giáo dục – đào tạo, khuyến học)?"),
        "{err}"
    );
    assert!(err.contains("1 error, 0 warnings"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let o = vinhdanh(empty.path(), &["check"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a missing site.toml is reported as a content error"
    );
    let s = site();
    let o = vinhdanh(s.path(), &["build", "--output", "/"]);
    assert_eq!(o.status.code(), Some(2));
    let o = vinhdanh(s.path(), &["nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn signed_pdf_is_linked_with_size_and_sha256() {
    let s = site();
    put(s.path(), "static/van-ban/45.pdf", "%PDF-1.4 thử");
    let text = award("45/QĐ-UBND", "2024-12-20", "ubnd-xa", "giay-khen")
        .replace("year = 2024\n", "year = 2024\npdf = \"/van-ban/45.pdf\"\n");
    put(s.path(), "content/awards/2024-45.md", &text);
    vinhdanh_ok(s.path(), &["build"]);
    let html =
        std::fs::read_to_string(s.path().join("public/khen-thuong/2024-45/index.html")).unwrap();
    assert!(html.contains("href=\"/van-ban/45.pdf\""));
    assert!(html.contains("(1 KB)"), "size");
    // sha256 of the 14 bytes "%PDF-1.4 thử".
    let expected = {
        use sha2::{Digest, Sha256};
        Sha256::digest("%PDF-1.4 thử".as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert!(
        html.contains(&format!("SHA-256: <code>{expected}</code>")),
        "{html}"
    );
    assert!(
        s.path().join("public/van-ban/45.pdf").is_file(),
        "the PDF is published"
    );
}
