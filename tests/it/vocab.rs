//! Vocabularies of `site.toml` (issue 14, items 4 and 5): the site's entries extend the
//! built-ins, labels are accepted for slugs, unknown values are suggested with their labels;
//! bodies have a place of issue, a period and their own grants; grant rules follow the
//! decision's date (before and from 1 July 2025). Runs the real binary on
//! `tests/fixtures/vocab/`.

use crate::util::*;
use serde_json::Value;
use std::path::Path;

fn site() -> tempfile::TempDir {
    fixture("vocab")
}

fn diagnostics(r: &Value) -> Vec<&Value> {
    r["diagnostics"].as_array().unwrap().iter().collect()
}

fn with_code<'a>(r: &'a Value, code: &str, file: &str) -> Vec<&'a Value> {
    diagnostics(r)
        .into_iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .collect()
}

fn one<'a>(r: &'a Value, code: &str, file: &str) -> &'a Value {
    match with_code(r, code, file)[..] {
        [d] => d,
        _ => panic!("one {code} in {file} expected: {r:#}"),
    }
}

/// An award with one recipient.
fn award(date: &str, issuer: &str, form: &str, subject: &str) -> String {
    format!(
        "+++\nnumber = \"{}/QĐ\"\ndate = {date}\nissuer = \"{issuer}\"\ntype = \"cong-trang\"\nfields = [\"van-hoa\"]\n\n[[recipients]]\nname = \"Người nhận\"\nsubject = \"{subject}\"\nform = \"{form}\"\nachievement = \"Thành tích.\"\n+++\n",
        text_hash(&format!("{date}{issuer}{form}"))
    )
}

/// A decision number of its own for each award of a test.
fn text_hash(s: &str) -> u32 {
    s.bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 100_000
}

fn edit_site_toml(root: &Path, edit: impl Fn(String) -> String) {
    let p = root.join("site.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, edit(text)).unwrap();
}

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("public");
    vinhdanh_ok(root, &["build", "--output", out.to_str().unwrap()]);
    out
}

/// The text of the decision header's place and date.
fn header_date(html: &str) -> &str {
    let start = html.find("class=\"doc-date\">").expect("a decision header") + 17;
    let end = start + html[start..].find("</p>").unwrap();
    &html[start..end]
}

#[test]
fn a_site_extending_the_forms_builds_with_its_own_and_the_built_in_pages() {
    let s = site();
    let (code, r) = check_json(s.path());
    assert_eq!(
        (code, r["errors"].as_u64(), r["warnings"].as_u64()),
        (0, Some(0), Some(0)),
        "{r:#}"
    );
    let out = build(s.path());
    let files = files(&out);
    // The site's form and field, and the built-ins beside them.
    for page in [
        "hinh-thuc/giay-khen-cong-an/index.html",
        "hinh-thuc/giay-khen/index.html",
        "linh-vuc/du-lich/index.html",
        "linh-vuc/chuyen-doi-so/index.html",
    ] {
        assert!(files.contains(page), "{page} missing");
    }
    // Of the Law's built-in forms, only those someone received or is nominated for have a
    // page and are on the list: sixty empty pages would bury the few a commune uses.
    assert!(!files.contains("hinh-thuc/huan-chuong-lao-dong-hang-nhat/index.html"));
    let list = std::fs::read_to_string(out.join("hinh-thuc/index.html")).unwrap();
    assert!(!list.contains("/hinh-thuc/huan-chuong-lao-dong-hang-nhat/"));
    assert!(list.contains("/hinh-thuc/giay-khen/"));
    let page = std::fs::read_to_string(out.join("hinh-thuc/giay-khen-cong-an/index.html")).unwrap();
    assert!(
        page.contains("Phạm Văn Nam"),
        "the form page lists its recipient"
    );
}

#[test]
fn labels_written_for_slugs_are_accepted() {
    // xa-2024.md writes form = "Giấy khen", form = "giay khen" and fields = ["Chuyển đổi số"].
    let s = site();
    let out = build(s.path());
    let giay_khen = std::fs::read_to_string(out.join("hinh-thuc/giay-khen/index.html")).unwrap();
    assert!(giay_khen.contains("Trần Văn Bình") && giay_khen.contains("Lê Thị Hoa"));
    let field = std::fs::read_to_string(out.join("linh-vuc/chuyen-doi-so/index.html")).unwrap();
    assert!(
        field.contains("45/QĐ-UBND"),
        "the decision is listed under its field"
    );
}

#[test]
fn builtin_forms_false_drops_the_built_in_forms() {
    let s = site();
    edit_site_toml(s.path(), |t| format!("builtin_forms = false\n{t}"));
    // grants = [..., "Giấy khen"] names a dropped form (site.toml has one more line now).
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let d = one(&r, "unknown-reference", "site.toml");
    assert_eq!(d["line"], 22, "{d:#}");
    assert!(
        d["message"].as_str().unwrap().contains("Giấy khen"),
        "{d:#}"
    );
    // The site's own form still works; a built-in one no longer exists.
    edit_site_toml(s.path(), |t| t.replace(", \"Giấy khen\"]", "]"));
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let d = one(&r, "unknown-reference", "content/awards/ttg-2024.md");
    assert_eq!(d["line"], 12);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("bang-khen-thu-tuong"),
        "{d:#}"
    );
    assert!(
        with_code(&r, "unknown-reference", "content/awards/cong-an-2024.md")
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("giay-khen-cong-an"))
    );
    for f in ["ttg-2024", "xa-2024", "cong-an-2024"] {
        std::fs::remove_file(s.path().join(format!("content/awards/{f}.md"))).unwrap();
    }
    put(
        s.path(),
        "content/awards/ca.md",
        &award("2024-05-02", "cong-an-tinh", "giay-khen-cong-an", "ca-nhan"),
    );
    let out = build(s.path());
    let files = files(&out);
    assert!(files.contains("hinh-thuc/giay-khen-cong-an/index.html"));
    assert!(
        !files.contains("hinh-thuc/giay-khen/index.html"),
        "built-in form pages dropped"
    );
    assert!(!files.contains("hinh-thuc/lao-dong-tien-tien/index.html"));
}

#[test]
fn an_unknown_slug_is_suggested_with_labels() {
    let s = site();
    put(
        s.path(),
        "content/awards/sai.md",
        &award("2024-06-03", "ubnd-xa", "giay-khenn", "ca-nhan"),
    );
    put(
        s.path(),
        "content/awards/sai-ten.md",
        &award("2024-06-04", "ubnd-xa", "Huân chương Lao động", "ca-nhan"),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let d = one(&r, "unknown-reference", "content/awards/sai.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(11), Some(9)),
        "{d:#}"
    );
    let hint = d["hint"].as_str().unwrap();
    assert!(
        hint.starts_with("có phải ý bạn là \"giay-khen\" (Giấy khen)"),
        "{hint}"
    );
    assert!(!hint.contains("giá trị đã khai báo"), "{hint}");
    // A label that names no entry exactly: the entries that hold it, by label.
    let d = one(&r, "unknown-reference", "content/awards/sai-ten.md");
    let hint = d["hint"].as_str().unwrap();
    assert!(
        hint.contains("\"huan-chuong-lao-dong-hang-nhat\" (Huân chương Lao động hạng Nhất)"),
        "{hint}"
    );
}

#[test]
fn a_decision_outside_its_body_period_is_an_error_at_the_date_line() {
    let s = site();
    put(
        s.path(),
        "content/awards/huyen-2025.md",
        &award("2025-08-12", "ubnd-huyen", "giay-khen", "ca-nhan"),
    );
    put(
        s.path(),
        "content/awards/huyen-2025-06.md",
        &award("2025-06-30", "ubnd-huyen", "giay-khen", "ca-nhan"),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1, "{r:#}");
    let d = one(&r, "outside-body-period", "content/awards/huyen-2025.md");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 3);
    assert!(
        d["message"].as_str().unwrap().contains("30/06/2025"),
        "{d:#}"
    );
    assert!(d["hint"].as_str().unwrap().contains("issuer"), "{d:#}");
    assert!(
        diagnostics(&r)
            .iter()
            .all(|d| d["file"] != "content/awards/huyen-2025-06.md"),
        "{r:#}"
    );
    // Without the body's own until, the district level itself ends on 30 June 2025.
    edit_site_toml(s.path(), |t| t.replace("until = 2025-06-30\n", ""));
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let d = one(&r, "outside-level-period", "content/awards/huyen-2025.md");
    assert_eq!(d["line"], 3);
    assert!(d["hint"].as_str().unwrap().contains("cấp huyện"), "{d:#}");
}

#[test]
fn the_decision_header_prints_the_body_place_and_the_decree_date() {
    let s = site();
    put(
        s.path(),
        "content/awards/huyen.md",
        &award("2023-12-05", "ubnd-huyen", "giay-khen", "ca-nhan"),
    );
    let out = build(s.path());
    let read = |slug: &str| {
        std::fs::read_to_string(out.join(format!("khen-thuong/{slug}/index.html"))).unwrap()
    };
    let ttg = read("ttg-2024");
    let head = header_date(&ttg);
    assert!(
        head.starts_with("Hà Nội, <time datetime=\"2024-03-05\">ngày 05 tháng 3 năm 2024</time>"),
        "{head}"
    );
    assert!(!head.contains("Xã Thử"), "{head}");
    assert!(header_date(&read("xa-2024"))
        .starts_with("Xã Thử, <time datetime=\"2024-02-16\">ngày 16 tháng 02 năm 2024"));
    assert!(header_date(&read("huyen")).starts_with("Thử Hà, <time"));
    // A body that is not of the commune and has no place: no place rather than a wrong one.
    assert!(header_date(&read("cong-an-2024"))
        .starts_with("<time datetime=\"2024-05-22\">ngày 22 tháng 5 năm 2024"));
}

#[test]
fn grant_rules_follow_the_decision_date() {
    let s = site();
    // Thôn văn hóa: the district before 1 July 2025, the commune since.
    put(
        s.path(),
        "content/awards/thon-2024.md",
        &award("2024-12-20", "ubnd-xa", "thon-van-hoa", "thon"),
    );
    put(
        s.path(),
        "content/awards/thon-2025.md",
        &award("2025-12-20", "ubnd-xa", "thon-van-hoa", "thon"),
    );
    put(
        s.path(),
        "content/awards/thon-huyen.md",
        &award("2024-12-20", "ubnd-huyen", "thon-van-hoa", "thon"),
    );
    // Chiến sĩ thi đua cơ sở likewise.
    put(
        s.path(),
        "content/awards/cstd-2024.md",
        &award("2024-12-20", "ubnd-xa", "chien-si-thi-dua-co-so", "ca-nhan"),
    );
    put(
        s.path(),
        "content/awards/cstd-2025.md",
        &award(
            "\"2025-09\"",
            "ubnd-xa",
            "chien-si-thi-dua-co-so",
            "ca-nhan",
        ),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
    let d = one(&r, "form-not-grantable", "content/awards/thon-2024.md");
    assert_eq!(d["line"], 11);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("trước ngày 01/7/2025"),
        "{d:#}"
    );
    assert!(
        d["hint"].as_str().unwrap().contains("\"huyen\" (Huyện)"),
        "{d:#}"
    );
    one(&r, "form-not-grantable", "content/awards/cstd-2024.md");
    for f in ["thon-2025", "thon-huyen", "cstd-2025"] {
        assert!(
            with_code(&r, "form-not-grantable", &format!("content/awards/{f}.md")).is_empty(),
            "{f}: {r:#}"
        );
    }
    assert_eq!(r["warnings"], 2, "{r:#}");
}

#[test]
fn a_body_grants_override_its_level() {
    // cong-an-2024.md: the police director (province level) grants Giấy khen, which the
    // province level may not, because its grants say so: no warning.
    let s = site();
    put(
        s.path(),
        "content/awards/ca-bang-khen.md",
        &award("2024-06-10", "cong-an-tinh", "bang-khen-tinh", "ca-nhan"),
    );
    let (code, r) = check_json(s.path());
    assert_eq!(code, 0, "{r:#}");
    assert!(
        with_code(&r, "form-not-grantable", "content/awards/cong-an-2024.md").is_empty(),
        "{r:#}"
    );
    // Bằng khen of the province, which its level may grant but its grants do not name.
    let d = one(&r, "form-not-grantable", "content/awards/ca-bang-khen.md");
    assert!(
        d["message"].as_str().unwrap().contains("theo grants"),
        "{d:#}"
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("\"giay-khen-cong-an\""),
        "{d:#}"
    );
    // Without grants the level's rules apply again: Giấy khen is not the province's.
    edit_site_toml(s.path(), |t| {
        t.replace("grants = [\"giay-khen-cong-an\", \"Giấy khen\"]\n", "")
    });
    let (_, r) = check_json(s.path());
    assert_eq!(
        with_code(&r, "form-not-grantable", "content/awards/cong-an-2024.md").len(),
        1,
        "{r:#}"
    );
    assert!(
        with_code(&r, "form-not-grantable", "content/awards/ca-bang-khen.md").is_empty(),
        "{r:#}"
    );
}

#[test]
fn an_unknown_slug_in_grants_is_an_error_in_site_toml() {
    let s = site();
    edit_site_toml(s.path(), |t| {
        t.replace(
            "\"giay-khen-cong-an\", \"Giấy khen\"",
            "\"giay-khen-cong-ann\"",
        )
    });
    let (code, r) = check_json(s.path());
    assert_eq!(code, 1);
    let d = one(&r, "unknown-reference", "site.toml");
    assert_eq!(d["line"], 21);
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("\"giay-khen-cong-an\" (Giấy khen của Giám đốc Công an tỉnh)"),
        "{d:#}"
    );
}
