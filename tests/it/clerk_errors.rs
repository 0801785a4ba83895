//! The clerk's commonest mistakes named in plain Vietnamese (issue 16, items 5–6, first
//! part): Word's curly quotes and invisible spaces are pointed at by their column, and a file
//! that cannot be read causes no false errors in the files that refer to it.

use crate::util::*;

const PERSON: &str = "content/people/nguyen-van-duc.md";

fn person(name_line: &str, subject_line: &str) -> String {
    format!("+++\n{name_line}\n{subject_line}\nfields = [\"kinh-te\"]\nyear = 2024\nconsent = true\n+++\nÔng trồng vải.\n")
}

/// The only diagnostic of a check, which must fail.
fn only(root: &std::path::Path) -> serde_json::Value {
    let (code, v) = check_json(root);
    assert_eq!(code, 1, "{v:#}");
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(
        diags.len(),
        1,
        "one mistake, one message (none in the decision that links the person): {v:#}"
    );
    diags[0].clone()
}

#[test]
fn curly_quotes_from_word_are_named_at_their_column() {
    let site = fixture("small-site");
    put(
        site.path(),
        PERSON,
        &person("name = “Nguyễn Văn Đức”", "subject = \"ca-nhan\""),
    );
    let d = only(site.path());
    assert_eq!(d["code"], "curly-quotes");
    assert_eq!(d["file"], PERSON);
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 8);
    let m = d["message"].as_str().unwrap();
    assert!(
        m.starts_with("dấu ngoặc cong “ (do Word hoặc bộ gõ tạo ra)"),
        "{m}"
    );
    assert!(
        m.contains("dùng dấu ngoặc kép thẳng \" thay cho “ ”"),
        "{m}"
    );
    assert!(d["hint"]
        .as_str()
        .unwrap()
        .contains("name = \"Nguyễn Văn Đức\""));

    // Curly quotes inside straight ones are content, not a mistake.
    put(
        site.path(),
        PERSON,
        &person("name = \"Nguyễn Văn “Đức”\"", "subject = \"ca-nhan\""),
    );
    let (code, v) = check_json(site.path());
    assert_eq!(code, 0, "{v:#}");
}

#[test]
fn an_invisible_space_is_shown_and_pointed_at() {
    let site = fixture("small-site");
    put(
        site.path(),
        PERSON,
        &person("name = \"Nguyễn Văn Đức\"", "subject\u{00A0}= \"ca-nhan\""),
    );
    let d = only(site.path());
    assert_eq!(d["code"], "invisible-space");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 8);
    let m = d["message"].as_str().unwrap();
    assert!(m.starts_with("dòng này có dấu cách không ngắt (U+00A0), mắt không thấy, hiện ở đây là ⍽: subject⍽= \"ca-nhan\""), "{m}");
    // A zero-width space, which shows as nothing at all.
    put(
        site.path(),
        PERSON,
        &person("name\u{200B} = \"Nguyễn Văn Đức\"", "subject = \"ca-nhan\""),
    );
    let d = only(site.path());
    assert_eq!(d["code"], "invisible-space");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("ký tự rộng bằng 0 (U+200B)"));
}

#[test]
fn a_file_that_cannot_be_read_causes_no_false_errors_elsewhere() {
    let site = fixture("small-site");
    // The decision links this person (`person = "nguyen-van-duc"`); the person's file has a
    // syntax error: only that error is reported, not an unknown person in the decision.
    put(
        site.path(),
        PERSON,
        "+++\nname = \"Nguyễn Văn Đức\nsubject = \"ca-nhan\"\n+++\n",
    );
    let d = only(site.path());
    assert_eq!(d["file"], PERSON);
    // With the file gone, the reference is an error again.
    std::fs::remove_file(site.path().join(PERSON)).unwrap();
    let (_, v) = check_json(site.path());
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "unknown-reference"),
        "{v:#}"
    );
}

const AWARD: &str = "content/awards/2024-45.md";

/// The small site's decision with `recipients` as its recipient blocks.
fn award(recipients: &str) -> String {
    format!("+++\nnumber = \"45/QĐ-UBND\"\ndate = 2024-12-20\nissuer = \"ubnd-xa\"\ntype = \"theo-dot-chuyen-de\"\nmovement = \"nong-thon-moi\"\nfields = [\"nong-thon-moi\"]\n\n{recipients}+++\n")
}

const ONE: &str = "[[recipients]]\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Đã có thành tích xuất sắc.\"\nperson = \"nguyen-van-duc\"\n";

#[test]
fn a_missing_recipients_line_is_named_not_called_a_duplicate_key() {
    let site = fixture("small-site");
    let second = "\nname = \"Lê Thị Hoa\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Tích cực.\"\n";
    put(site.path(), AWARD, &award(&format!("{ONE}{second}")));
    let d = only(site.path());
    assert_eq!(d["code"], "missing-block");
    assert_eq!(d["file"], AWARD);
    let text = award(&format!("{ONE}{second}"));
    let line = text.lines().position(|l| l.contains("Lê Thị Hoa")).unwrap() + 1;
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(1))
    );
    let m = d["message"].as_str().unwrap();
    assert!(m.starts_with("khóa “name” được ghi hai lần trong cùng một khối [[recipients]]: có lẽ thiếu dòng [[recipients]] ngay trước dòng này"), "{m}");
    assert!(d["hint"]
        .as_str()
        .unwrap()
        .contains("thêm một dòng [[recipients]]"));
}

#[test]
fn thousands_dots_in_an_amount_are_named_with_the_number_written_out() {
    let site = fixture("small-site");
    for (written, plain) in [("700.000", "700000"), ("1.400.000", "1400000")] {
        let text = award(&ONE.replace("person =", &format!("amount = {written}\nperson =")));
        put(site.path(), AWARD, &text);
        let d = only(site.path());
        assert_eq!(d["code"], "thousands-dots", "{written}: {d:#}");
        let line = text.lines().position(|l| l.starts_with("amount")).unwrap() + 1;
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line as u64), Some(10))
        );
        let m = d["message"].as_str().unwrap();
        assert!(
            m.starts_with(&format!(
                "số {written} có dấu chấm ngăn cách hàng nghìn: viết liền, amount = {plain}"
            )),
            "{m}"
        );
    }
}

#[test]
fn unquoted_text_and_a_comma_at_the_end_of_a_line() {
    let site = fixture("small-site");
    put(
        site.path(),
        PERSON,
        &person(
            "name = \"Nguyễn Văn Đức\"",
            "subject = \"ca-nhan\"\nrole = Ông: Chủ nhiệm HTX",
        ),
    );
    let d = only(site.path());
    assert_eq!(d["code"], "unquoted-text");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(8))
    );
    let m = d["message"].as_str().unwrap();
    assert!(
        m.starts_with("giá trị chữ phải đặt trong dấu ngoặc kép: role = \"Ông: Chủ nhiệm HTX\""),
        "{m}"
    );

    put(
        site.path(),
        PERSON,
        &person("name = \"Nguyễn Văn Đức\",", "subject = \"ca-nhan\""),
    );
    let d = only(site.path());
    assert_eq!(d["code"], "trailing-comma");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(24))
    );
    assert!(d["message"]
        .as_str()
        .unwrap()
        .starts_with("dấu phẩy ở cuối dòng"));
}

#[test]
fn site_toml_gets_the_same_explanations() {
    let site = fixture("small-site");
    let toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    put(
        site.path(),
        "site.toml",
        &toml.replacen("title = \"Thử\"", "title = “Thử”", 1),
    );
    let o = vinhdanh(site.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "curly-quotes", "{v:#}");
    assert_eq!(d["file"], "site.toml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(9))
    );
}

#[test]
fn check_fix_applies_the_safe_fixes_and_says_what_it_changed() {
    let site = fixture("small-site");
    let root = site.path();
    let text = "+++\r\nname = “Nguyễn Văn Đức”\r\nsubject\u{00A0}= \"ca-nhan\"\r\nrole = \"Chủ nhiệm HTX “Thành Công”\"\r\nfields = [\"kinh-te\"]\r\nyear = 2024\r\nconsent = true\r\n+++\r\nÔng trồng vải\u{200B}.\r\n";
    put(root, PERSON, text);
    let o = vinhdanh(root, &["check", "--fix"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains(&format!("đã sửa {PERSON}:")), "{out}");
    assert!(
        out.contains("  dòng 2:\n  - name = “Nguyễn Văn Đức”\n  + name = \"Nguyễn Văn Đức\""),
        "{out}"
    );
    assert!(
        out.contains("  - subject⍽= \"ca-nhan\"\n  + subject = \"ca-nhan\""),
        "{out}"
    );
    assert!(out.contains("không có lỗi"), "then checked: {out}");
    let fixed = std::fs::read_to_string(root.join(PERSON)).unwrap();
    assert_eq!(
        fixed,
        "+++\r\nname = \"Nguyễn Văn Đức\"\r\nsubject = \"ca-nhan\"\r\nrole = \"Chủ nhiệm HTX “Thành Công”\"\r\nfields = [\"kinh-te\"]\r\nyear = 2024\r\nconsent = true\r\n+++\r\nÔng trồng vải.\r\n",
        "quotes inside a value, the CRLF line ends and everything else kept"
    );
    let o = vinhdanh_ok(root, &["check", "--fix"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("không có gì cần sửa tự động"));
}

#[test]
fn a_tab_in_yaml_is_pointed_at() {
    let site = fixture("small-site");
    put(
        site.path(),
        PERSON,
        "---\nname: Nguyễn Văn Đức\nsubject: ca-nhan\nfields:\n\t- kinh-te\nyear: 2024\nconsent: true\n---\nÔng.\n",
    );
    let d = only(site.path());
    assert_eq!(d["code"], "tab");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(1))
    );
    let m = d["message"].as_str().unwrap();
    assert!(m.starts_with("dòng này có phím Tab (hiện ở đây là ⇥): ⇥- kinh-te; phần đầu tệp YAML chỉ được thụt lề"), "{m}");
}

/// Issue 16, item 5: a decision with five different mistakes — Word's curly quotes, a
/// mistyped key, a date that does not exist, a missing `[[recipients]]` line and an
/// unknown form — gets five messages in one run, each at its line, and the person it
/// links gets none.
#[test]
fn a_file_with_five_different_mistakes_reports_five_in_one_run() {
    let site = fixture("small-site");
    let text = "+++\n\
number = \"45/QĐ-UBND\"\n\
title = “Về việc khen thưởng”\n\
date = \"32/12/2024\"\n\
issuer = \"ubnd-xa\"\n\
type = \"theo-dot-chuyen-de\"\n\
movment = \"nong-thon-moi\"\n\
fields = [\"nong-thon-moi\"]\n\
\n\
[[recipients]]\n\
name = \"Nguyễn Văn Đức\"\n\
subject = \"ca-nhan\"\n\
form = \"giay-khen\"\n\
achievement = \"Đã có thành tích xuất sắc.\"\n\
person = \"nguyen-van-duc\"\n\
\n\
name = \"Lê Thị Hoa\"\n\
subject = \"ca-nhan\"\n\
form = \"giay-khenn\"\n\
achievement = \"Đã có thành tích.\"\n\
+++\n";
    put(site.path(), AWARD, text);
    let (code, v) = check_json(site.path());
    assert_eq!(code, 1, "{v:#}");
    let found: Vec<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, u64, String)> = [
        (3, "curly-quotes"),
        (4, "bad-value"),
        (7, "unknown-key"),
        (17, "missing-block"),
        (19, "unknown-reference"),
    ]
    .into_iter()
    .map(|(l, c)| (AWARD.to_string(), l, c.to_string()))
    .collect();
    assert_eq!(found, want, "{v:#}");
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages[1].contains("32/12/2024"), "{}", messages[1]);
    assert!(messages[2].contains("movment"), "{}", messages[2]);
    assert!(messages[4].contains("giay-khenn"), "{}", messages[4]);
    // Fixed, the file checks cleanly: none of the five was a placeholder's doing.
    let fixed = text
        .replace("“Về việc khen thưởng”", "\"Về việc khen thưởng\"")
        .replace("\"32/12/2024\"", "\"31/12/2024\"")
        .replace("movment", "movement")
        .replace("\n\nname = \"Lê", "\n\n[[recipients]]\nname = \"Lê")
        .replace("giay-khenn", "giay-khen");
    put(site.path(), AWARD, &fixed);
    let (code, v) = check_json(site.path());
    assert_eq!(code, 0, "{v:#}");
}

/// Thirty recipients with the same unknown form: thirty errors, printed as one message
/// with the other lines listed under it.
#[test]
fn thirty_identical_mistakes_are_counted_and_grouped() {
    let site = fixture("small-site");
    let blocks: String = (0..30)
        .map(|i| format!("[[recipients]]\nname = \"Người {i}\"\nsubject = \"ca-nhan\"\nform = \"giay-khen-huyen\"\nachievement = \"Có thành tích.\"\n\n"))
        .collect();
    put(site.path(), AWARD, &award(&blocks));
    let (_, v) = check_json(site.path());
    assert_eq!(v["errors"], 30, "{v:#}");
    let o = vinhdanh(site.path(), &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.matches("“giay-khen-huyen” không tồn tại").count(),
        1,
        "one message for the thirty: {err}"
    );
    assert!(err.contains("cùng lỗi này ở 29 chỗ khác"), "{err}");
    assert!(
        err.contains("dòng 18, 24, 30,"),
        "the other lines listed: {err}"
    );
    assert!(err.ends_with("30 lỗi, 0 cảnh báo\n"), "{err}");
}

/// A date in a form that is not accepted (dots, dashes in Vietnamese order, words) is named
/// at its column with the date it most likely is, written as it is accepted.
#[test]
fn a_date_in_a_form_that_is_not_accepted_gets_the_date_it_means() {
    let site = fixture("small-site");
    let text = std::fs::read_to_string(site.path().join(AWARD)).unwrap();
    for (written, code) in [
        ("date = 20.12.2024", "bad-date"),
        ("date = 20-12-2024", "bad-date"),
        ("date = \"20.12.2024\"", "bad-value"),
        ("date = \"ngày 20 tháng 12 năm 2024\"", "bad-value"),
    ] {
        put(
            site.path(),
            AWARD,
            &text.replace("date = 2024-12-20", written),
        );
        let d = only(site.path());
        assert_eq!(d["code"], code, "{written}: {d:#}");
        assert_eq!(d["file"], AWARD);
        assert_eq!(d["line"], 3, "{written}: {d:#}");
        assert_eq!(d["column"], 8, "{written}: {d:#}");
        let m = d["message"].as_str().unwrap();
        assert!(m.contains("chưa viết đúng dạng: có phải"), "{written}: {m}");
        assert!(m.contains("2024-12-20"), "{written}: {m}");
    }
}

/// Issue 16, item 7: `check --fix` re-saves a record typed in VNI and a list Excel saved in
/// Windows-1258 as UTF-8, after showing what it read; the old bytes stay beside them.
#[test]
fn check_fix_converts_legacy_encodings_after_showing_what_it_read() {
    let site = fixture("small-site");
    let root = site.path();
    // "Nguyễn Văn Đức" typed with the VNI fonts.
    put_bytes(
        root,
        "content/pages/vni.md",
        b"+++\r\ntitle = \"Nguye\xe3n Va\xean \xd1\xf6\xf9c\"\r\n+++\r\nOng.\r\n",
    );
    // "Họ và tên" / "Nguyễn Văn Đức" as Excel writes Windows-1258: combining tone marks.
    put_bytes(
        root,
        "content/awards/ds.csv",
        b"STT,Ho\xf2 va\xcc t\xean\r\n1,Nguy\xea\xden V\xe3n \xd0\xfd\xecc\r\n",
    );
    let award = std::fs::read_to_string(root.join(AWARD)).unwrap();
    let start = award.find("[[recipients]]").unwrap();
    let award = format!(
        "{}subject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Đã có thành tích xuất sắc.\"\nrecipients_file = \"ds.csv\"\n+++\n",
        &award[..start]
    );
    put(root, AWARD, &award);
    let (code, v) = check_json(root);
    assert_eq!(code, 1, "the VNI page is an error before: {v:#}");

    let o = vinhdanh(root, &["check", "--fix"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains("đã chuyển content/pages/vni.md từ bảng mã VNI (VNI-Windows) sang UTF-8"),
        "{out}"
    );
    assert!(out.contains("dòng 2: title = \"Nguyễn Văn Đức\""), "{out}");
    assert!(
        out.contains("đã chuyển content/awards/ds.csv từ bảng mã Windows-1258 sang UTF-8"),
        "{out}"
    );
    assert!(out.contains("dòng 2: 1,Nguyễn Văn Đức"), "{out}");
    assert!(!err.contains("legacy-encoding"), "no more warning: {err}");
    let page = std::fs::read(root.join("content/pages/vni.md")).unwrap();
    assert_eq!(
        page,
        "+++\r\ntitle = \"Nguyễn Văn Đức\"\r\n+++\r\nOng.\r\n".as_bytes(),
        "UTF-8, line ends kept"
    );
    let csv = std::fs::read(root.join("content/awards/ds.csv")).unwrap();
    assert_eq!(
        csv,
        "\u{FEFF}STT,Họ và tên\r\n1,Nguyễn Văn Đức\r\n".as_bytes(),
        "UTF-8 with the BOM Excel needs"
    );
    assert!(
        root.join("content/pages/vni.md~").is_file(),
        "the old file is kept"
    );
    assert!(root.join("content/awards/ds.csv~").is_file());
    let (code, v) = check_json(root);
    assert_eq!((code, v["warnings"].as_u64()), (0, Some(0)), "{v:#}");
    vinhdanh_ok(root, &["build"]);
    let pages = files(&root.join("public"));
    let decision = pages
        .iter()
        .find(|p| p.ends_with("2024-45/index.html"))
        .unwrap();
    let html = std::fs::read_to_string(root.join("public").join(decision)).unwrap();
    assert!(
        html.contains("Nguyễn Văn Đức"),
        "read from the converted list"
    );
}
