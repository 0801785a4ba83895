//! Real records as they are (issue 14): dates known only to the month or the year.

use crate::util::*;

/// A decision dated `"2023-04"` and one dated `2021`, neither with `year`: both build, show
/// what is known where the date appears, sort at the start of their period, give `year` from
/// the date, and write `2023-04` / `2021` in the open data and a full first day in Atom.
#[test]
fn partial_dates_keep_their_precision_everywhere() {
    let site = fixtures(&["small-site", "partial-dates"]);
    let root = site.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let page = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    let month = page("khen-thuong/2023-7/index.html");
    assert!(month.contains("tháng 4 năm 2023"), "the decision header");
    assert!(month.contains("datetime=\"2023-04\""));
    assert!(!month.contains("2023-04-01"), "no invented day on the page");
    let year = page("khen-thuong/2021-3/index.html");
    assert!(year.contains("năm 2021"));
    assert!(year.contains("datetime=\"2021\""));

    // Newest first; a partial date counts from the start of its period.
    let list = page("khen-thuong/index.html");
    let at = |s: &str| list.find(s).unwrap_or_else(|| panic!("{s} on the list"));
    assert!(list.contains(">04/2023<"), "the card shows the month");
    assert!(at("/khen-thuong/2024-45/") < at("/khen-thuong/2023-7/"));
    assert!(at("/khen-thuong/2023-7/") < at("/khen-thuong/2021-3/"));
    // The year of the achievement comes from the date.
    assert!(out.join("nam/2023/index.html").is_file());
    assert!(out.join("nam/2021/index.html").is_file());

    let csv = page("du-lieu/khen-thuong.csv");
    assert!(csv.contains("7/QĐ-UBND,2023-04,2023,"), "{csv}");
    assert!(csv.contains("3/QĐ-UBND,2021,2021,"), "{csv}");
    let json = page("du-lieu/khen-thuong.json");
    assert!(json.contains("\"2023-04\""), "{json}");

    let atom = page("atom.xml");
    assert!(atom.contains("<updated>2023-04-01T00:00:00+07:00</updated>"));
}

/// A month that does not exist is an error at the file, with the forms that are accepted.
#[test]
fn an_impossible_partial_date_is_an_error_with_a_hint() {
    let site = fixtures(&["small-site", "partial-dates"]);
    let root = site.path();
    let path = root.join("content/awards/2023-7.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("\"2023-04\"", "\"2023-13\"")).unwrap();
    let (code, report) = check_json(root);
    assert_eq!(code, 1);
    let text = report.to_string();
    assert!(text.contains("content/awards/2023-7.md"), "{text}");
    assert!(text.contains("tháng 13"), "{text}");
}

/// A decision whose number is not known says so wherever a number would stand: its title,
/// its page, its card, the search index and the open data.
#[test]
fn a_decision_without_a_number_says_so() {
    let site = fixtures(&["small-site", "unknown-number"]);
    let root = site.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let page = read("khen-thuong/cuu-nguoi-2020/index.html");
    assert!(page.contains("Quyết định (chưa rõ số) – Khen thưởng anh Hoàng Văn Tú"));
    assert!(
        page.contains(": (chưa rõ số)"),
        "the number line of the header"
    );
    assert!(!page.contains("Số: <"), "no empty number");
    let list = read("khen-thuong/index.html");
    assert!(list.contains("Quyết định (chưa rõ số)"));
    let csv = read("du-lieu/khen-thuong.csv");
    assert!(
        csv.lines().any(|l| l.starts_with("(chưa rõ số),2020-06,")),
        "{csv}"
    );
    let docs: String = walk(&out.join("tim-kiem/d"));
    assert!(docs.contains("(chưa rõ số)"), "the search summaries");
}

/// `number = ""` is an error with a hint; two decisions without a number are told apart by
/// issuer, date and title (the same three twice is one decision entered twice).
#[test]
fn an_empty_number_is_an_error_and_numberless_duplicates_are_found() {
    let site = fixtures(&["small-site", "unknown-number"]);
    let root = site.path();
    let path = root.join("content/awards/cuu-nguoi-2020.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("+++\n", "+++\nnumber = \"\"\n", 1)).unwrap();
    let (code, report) = check_json(root);
    assert_eq!(code, 1);
    let diag = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "empty-number")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(diag["line"], 2);
    assert!(
        diag["hint"].to_string().contains("bỏ hẳn dòng number"),
        "{diag}"
    );

    std::fs::write(&path, &text).unwrap();
    put(root, "content/awards/cuu-nguoi-2020-ban-sao.md", &text);
    let (code, report) = check_json(root);
    assert_eq!(code, 1);
    assert!(
        report.to_string().contains("duplicate-decision"),
        "{report}"
    );
    // Another date is another decision.
    put(
        root,
        "content/awards/cuu-nguoi-2020-ban-sao.md",
        &text.replace("\"2020-06\"", "\"2020-07\""),
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
}

/// The text of every file under `dir`.
fn walk(dir: &std::path::Path) -> String {
    files(dir)
        .into_iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
        .collect()
}

/// A notice's comment deadline must come after the posting date: before it or on the same
/// day is an error at the `deadline` line (the clerk's guide has always said so).
#[test]
fn a_notice_deadline_on_or_before_the_posting_date_is_an_error() {
    let site = fixture("small-site");
    let root = site.path();
    let notice = |deadline: &str| {
        format!(
            "+++\ntitle = \"Công khai danh sách đề nghị khen thưởng\"\nposted = 2024-12-01\nplace = \"Nhà văn hóa thôn\"\ndeadline = {deadline}\ncontact = \"Văn phòng UBND xã\"\n\n[[nominees]]\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\n+++\n"
        )
    };
    for (deadline, ok) in [
        ("2024-12-11", true),
        ("2024-12-01", false),
        ("2024-11-30", false),
    ] {
        put(root, "content/notices/cong-khai.md", &notice(deadline));
        let (code, report) = check_json(root);
        if ok {
            assert_eq!(code, 0, "{deadline}: {report}");
            continue;
        }
        assert_eq!(code, 1, "{deadline}");
        let diag = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "bad-period")
            .unwrap_or_else(|| panic!("{deadline}: {report}"));
        assert_eq!(diag["line"], 5, "{diag}");
        assert!(
            diag.to_string().contains("phải sau ngày niêm yết"),
            "{diag}"
        );
    }
}
