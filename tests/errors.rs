//! Content mistakes stop the build with a message naming the file and line, and leave the
//! previous output untouched.

mod util;

use util::*;

fn site_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_demo(tmp.path());
    for (path, text) in extra {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

#[test]
fn unknown_reference_names_file_line_and_suggestion() {
    let site = site_with(&[(
        "content/people/vo-thi-moi.md",
        "+++\nname = \"Võ Thị Mới\"\nsubject = \"ca-nhan\"\nfields = [\"giao-duk\"]\nyear = 2024\nmovements = [\"nong-thon-moii\"]\n+++\nChuyện.\n",
    )]);
    let o = vinhdanh(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("content/people/vo-thi-moi.md:4"), "{err}");
    assert!(err.contains("unknown field \"giao-duk\""), "{err}");
    assert!(err.contains("did you mean \"giao-duc\"?"), "{err}");
    assert!(err.contains("content/people/vo-thi-moi.md:6"), "{err}");
    assert!(err.contains("\"nong-thon-moi\""), "{err}");
}

#[test]
fn failed_build_keeps_previous_output() {
    let site = site_with(&[]);
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = site.path().join("public/index.html");
    let before = std::fs::read(&index).unwrap();
    std::fs::write(
        site.path().join("content/awards/2024-9999-broken.md"),
        "+++\nnumber = \"1/QĐ-UBND\"\ndate = 2024-02-30\n+++\n",
    )
    .unwrap();
    let o = vinhdanh(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2024-9999-broken.md:3"), "{err}");
    assert!(err.contains("29"), "{err}");
    assert_eq!(
        std::fs::read(&index).unwrap(),
        before,
        "public/ is untouched"
    );
    let siblings: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(siblings.is_empty(), "no staging folder left: {siblings:?}");
}

#[test]
fn duplicate_slugs_are_errors() {
    let site = site_with(&[(
        "content/people/Nguyễn Văn Đức.md",
        "+++\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\n+++\n",
    )]);
    let o = vinhdanh(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("two records have the slug \"nguyen-van-duc\""),
        "{err}"
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let site = site_with(&[
        ("content/movements/x.md", "+++\ntitle = \"X\"\n"),
        ("content/pages/y.md", "no front matter\n"),
    ]);
    let o = vinhdanh(site.path(), &["build"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("content/movements/x.md:1") && err.contains("never closed"),
        "{err}"
    );
    assert!(
        err.contains("content/pages/y.md:1") && err.contains("does not start with front matter"),
        "{err}"
    );
}

#[test]
fn nfd_file_builds_like_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let text: String = "+++\nname = \"Đặng Văn Ưng\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\n+++\nMột câu chuyện.\n"
        .nfd()
        .collect();
    let site = site_with(&[("content/people/dang-van-ung.md", &text)]);
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(
        site.path()
            .join("public/guong-dien-hinh/dang-van-ung/index.html"),
    )
    .unwrap();
    assert!(html.contains("<h1>Đặng Văn Ưng</h1>"), "NFC in the output");
}

#[test]
fn refuses_to_build_into_the_site_itself() {
    let site = site_with(&[]);
    let o = vinhdanh(
        site.path(),
        &["build", "--output", site.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(site.path().join("content").is_dir());
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing"));
}

#[test]
fn site_templates_override_theme_templates() {
    let site = site_with(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Riêng của xã</h1>{% endblock %}",
    )]);
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(html.contains("Riêng của xã"));
}

#[test]
fn english_interface_with_language_en() {
    let site = site_with(&[]);
    let cfg = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        cfg.replace("language = \"vi\"", "language = \"en\""),
    )
    .unwrap();
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(html.contains("Latest award decisions"));
    assert!(html.contains("lang=\"en\""));
}
