//! The clerk's starting points (issue 16, items 1–2): `vinhdanh init` makes a site that
//! checks and builds with no error and no warning, and `vinhdanh new KIND [TITLE]` adds a
//! draft record of each kind that does too.

use crate::util::*;
use std::path::Path;

fn init(dir: &Path, extra: &[&str]) -> std::process::Output {
    init_site(dir, extra)
}

/// `check --drafts` (every record, the drafts too) and `build`: no error, no warning.
fn clean(root: &Path) {
    let o = vinhdanh(root, &["check", "--drafts", "--format", "json"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert!(
        o.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(v["errors"], 0, "{text}");
    assert_eq!(v["warnings"], 0, "{text}");
    let o = vinhdanh_ok(root, &["build"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("cảnh báo") && !err.contains("warning"),
        "{err}"
    );
}

#[test]
fn init_makes_a_site_that_builds_without_errors_or_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("trang-xa");
    let o = init(&root, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("đã tạo trang mới trong"), "{out}");
    assert!(
        out.contains("vinhdanh serve --drafts"),
        "what to do next: {out}"
    );
    for f in [
        "site.toml",
        ".gitignore",
        "content/plans/ke-hoach-2026.md",
        "content/movements/phong-trao-thi-dua-nam-2026.md",
        "content/people/nguyen-van-a.md",
        "content/awards/2026-1-qd-ubnd.md",
        "content/notices/de-nghi-khen-thuong-2026.md",
        "content/pages/gioi-thieu.md",
    ] {
        assert!(root.join(f).is_file(), "{f}");
        assert!(out.contains(f), "{f} listed: {out}");
    }
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("commune = \"Xã Tân Việt\""), "{toml}");
    assert!(toml.contains("location = \"tỉnh Hải Phòng\""), "{toml}");
    assert!(
        toml.contains("label = \"Chủ tịch UBND xã Tân Việt\""),
        "{toml}"
    );
    assert!(
        toml.contains("base_url = \"https://vinhdanh.tanviet.example\""),
        "{toml}"
    );
    // Every example is a draft with comments in Vietnamese.
    let award = std::fs::read_to_string(root.join("content/awards/2026-1-qd-ubnd.md")).unwrap();
    assert!(award.contains("draft = true"), "{award}");
    assert!(award.contains("date = 2026-03-15"), "{award}");
    assert!(award.contains("# số quyết định"), "{award}");
    clean(&root);
    // The drafts are not published.
    assert!(!root.join("public/khen-thuong/2026-1-qd-ubnd").exists());
    assert!(root.join("public/index.html").is_file());
    // The output folder is ignored by git.
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignore.contains("/public/"));
    assert!(ignore.contains("/.vinhdanh/"), "the photo cache");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_never_replaces_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(root, "ghi-chu.txt", "của tôi\n");
    let o = init(root, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("không trống") && err.contains("--force"),
        "{err}"
    );
    assert!(!root.join("site.toml").exists(), "nothing written");

    put(root, "site.toml", "title = \"Của tôi\"\n");
    let o = init(root, &["--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(root.join("site.toml")).unwrap(),
        "title = \"Của tôi\"\n",
        "an existing file is kept"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("ghi-chu.txt")).unwrap(),
        "của tôi\n"
    );
    assert!(root.join("content/awards/2026-1-qd-ubnd.md").is_file());
}

#[test]
fn init_without_a_terminal_needs_the_communes_name() {
    let tmp = tempfile::tempdir().unwrap();
    let o = vinhdanh(&tmp.path().join("moi"), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("thiếu tên xã") && err.contains("--commune"),
        "{err}"
    );
    assert!(!tmp.path().join("moi").exists());
}

#[test]
fn new_writes_a_draft_of_each_kind_that_checks_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("trang");
    assert!(init(&root, &[]).status.success());
    let new = |args: &[&str]| -> String {
        let o = vinhdanh_ok(&root, &[&["--today", "2026-03-20", "new"], args].concat());
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        let path = out
            .strip_prefix("đã tạo ")
            .and_then(|r| r.split(" (").next())
            .unwrap_or_else(|| panic!("{out}"))
            .to_string();
        assert!(out.contains("bản nháp"), "{out}");
        path
    };
    // A decision: the next free number of the year (init's example is 1/QĐ-UBND).
    let award = new(&["quyet-dinh", "Về việc tặng Giấy khen năm 2026"]);
    assert_eq!(award, "content/awards/2026-2-qd-ubnd.md");
    let text = std::fs::read_to_string(root.join(&award)).unwrap();
    assert!(text.contains("number = \"2/QĐ-UBND\""), "{text}");
    assert!(
        text.contains("title = \"Về việc tặng Giấy khen năm 2026\""),
        "{text}"
    );
    assert!(text.contains("date = 2026-03-20"), "{text}");
    assert!(
        text.contains("issuer = \"ubnd-xa\""),
        "the site's body: {text}"
    );
    assert!(text.contains("draft = true"), "{text}");
    assert_eq!(new(&["award"]), "content/awards/2026-3-qd-ubnd.md");

    let person = new(&["guong", "Trần", "Thị", "Bình"]);
    assert_eq!(person, "content/people/tran-thi-binh.md");
    assert!(std::fs::read_to_string(root.join(&person))
        .unwrap()
        .contains("name = \"Trần Thị Bình\""));
    // The same name again: a file of its own, nothing replaced.
    assert_eq!(
        new(&["person", "Trần Thị Bình"]),
        "content/people/tran-thi-binh-2.md"
    );
    assert_eq!(
        new(&["phong-trao", "Chung tay vì người nghèo"]),
        "content/movements/chung-tay-vi-nguoi-ngheo.md"
    );
    assert_eq!(
        new(&[
            "cong-khai",
            "Công khai danh sách đề nghị \"Gia đình văn hóa\""
        ]),
        "content/notices/cong-khai-danh-sach-de-nghi-gia-dinh-van-hoa.md"
    );
    assert_eq!(
        new(&["ke-hoach"]),
        "content/plans/ke-hoach-cong-tac-thi-dua-khen-thuong-nam-2026.md"
    );
    assert_eq!(
        new(&["trang", "Hướng dẫn tra cứu"]),
        "content/pages/huong-dan-tra-cuu.md"
    );
    clean(&root);

    let o = vinhdanh(&root, &["new", "bang-khen"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("không có loại hồ sơ “bang-khen”") && err.contains("quyet-dinh"),
        "{err}"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let o = vinhdanh(elsewhere.path(), &["new", "award"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("vinhdanh init"));
}

#[test]
fn check_that_finds_errors_does_not_speak_of_an_output_it_never_writes() {
    let site = fixture("unknown-key");
    let o = vinhdanh(site.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("thư mục kết quả cũ"), "{err}");
    let o = vinhdanh(site.path(), &["build"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("thư mục kết quả cũ được giữ nguyên"));
}
