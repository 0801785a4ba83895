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

/// A person's `[[honours]]` (decisions not in this site): on the person's page, the form's
/// page and the honour roll, marked as recorded from another source with their sources;
/// counted in the statistics and told apart in the open data.
#[test]
fn honours_without_a_decision_file_are_shown_counted_and_exported() {
    let site = fixtures(&["small-site", "real-records"]);
    let root = site.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    let person = read("guong-dien-hinh/vu-thi-mai/index.html");
    assert!(
        !person.contains("Chưa có quyết định khen thưởng nào"),
        "{person}"
    );
    assert!(person.contains("3012/QĐ-UBND"));
    assert!(
        person.contains("Chủ tịch UBND tỉnh"),
        "a declared body's label"
    );
    assert!(person.contains("Trung ương Đoàn"), "a free-text issuer");
    assert!(person.contains("tháng 11 năm 2019") || person.contains("11/2019"));
    assert!(person.contains("Ghi nhận từ nguồn khác"));
    assert!(person.contains("href=\"https://baothu.example/tuyen-duong-giao-vien-2019\""));
    assert!(person.contains(">Tin của Trung ương Đoàn</a>"));
    // Newest first: 2019 before 2017.
    assert!(person.find("3012/QĐ-UBND").unwrap() < person.find("Trung ương Đoàn").unwrap());
    // The record's own sources and place.
    assert!(person.contains("href=\"https://baothu.example/co-giao-mai\""));
    assert!(person.contains("xã Thử, huyện Thử, tỉnh Thử"));

    let form = read("hinh-thuc/bang-khen-tinh/index.html");
    assert!(form.contains("Vũ Thị Mai"), "on the form's page");
    let roll = read("bang-vang/index.html");
    assert!(
        roll.contains("/guong-dien-hinh/vu-thi-mai/"),
        "on the honour roll"
    );
    assert!(roll.contains("Ghi nhận từ nguồn khác"));

    let stats = read("thong-ke/index.html");
    assert!(stats.contains("trong đó ghi nhận từ nguồn khác"), "{stats}");
    assert!(stats.contains("Trong đó ghi nhận từ nguồn khác"));

    let csv = read("du-lieu/khen-thuong.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",record,place,campaign,sources"),
        "{header}"
    );
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains("Vũ Thị Mai")).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows.iter().all(|r| r.contains(",nguon-khac,")), "{rows:?}");
    assert!(
        rows[0].starts_with("3012/QĐ-UBND,2019-11,2019,Chủ tịch UBND tỉnh,"),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with("(chưa rõ số),2017,2017,Trung ương Đoàn,"),
        "{rows:?}"
    );
    assert!(csv
        .lines()
        .any(|l| l.contains("Nguyễn Văn Đức") && l.contains(",quyet-dinh,")));
    let json: serde_json::Value = serde_json::from_str(&read("du-lieu/khen-thuong.json")).unwrap();
    let recorded = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["record"] == "nguon-khac")
        .count();
    assert_eq!(recorded, 3);
}

/// An honour naming an unknown form, a mistyped body slug, or a source that is not a web
/// address is an error at its line, with a hint; a name written as the issuer is free text.
#[test]
fn honours_and_sources_are_checked_like_every_reference() {
    let site = fixtures(&["small-site", "real-records"]);
    let root = site.path();
    let path = root.join("content/people/vu-thi-mai.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("issuer = \"ubnd-tinh\"", "issuer = \"ubnd-tnh\"")
        .replace("form = \"giay-khen\"", "form = \"giay-khenn\"")
        .replace(
            "source = \"https://baothu.example/tuyen-duong-giao-vien-2019\"",
            "source = \"javascript:alert(1)\"",
        );
    std::fs::write(&path, &text).unwrap();
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let diags = report["diagnostics"].as_array().unwrap();
    let find = |code: &str, line: usize| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["line"] == line)
            .unwrap_or_else(|| panic!("{code} at {line}: {report}"))
    };
    let body = find("unknown-reference", line_of("ubnd-tnh"));
    assert!(body["hint"].to_string().contains("ubnd-tinh"), "{body}");
    let form = find("unknown-reference", line_of("giay-khenn"));
    assert!(form["hint"].to_string().contains("giay-khen"), "{form}");
    let source = find("bad-source", line_of("javascript:"));
    assert!(
        source["message"].to_string().contains("javascript"),
        "{source}"
    );
    assert!(source["hint"].to_string().contains("https://"), "{source}");
}

/// Collectives and villages are filed under their whole name in a section of their own,
/// not under their last word; a stated `given_name` files a person under it.
#[test]
fn organisations_have_their_own_section_of_the_honour_roll() {
    let site = fixtures(&["small-site", "real-records"]);
    let root = site.path();
    vinhdanh_ok(root, &["build"]);
    let roll = std::fs::read_to_string(root.join("public/bang-vang/index.html")).unwrap();
    let section = |id: &str| {
        let Some(start) = roll.find(&format!("<h2 id=\"chu-{id}\">")) else {
            return "";
        };
        let rest = &roll[start + 5..];
        &rest[..rest.find("<h2 ").unwrap_or(rest.len())]
    };
    let orgs = section("tap-the");
    assert!(orgs.contains(">Tập thể</h2>"), "{orgs}");
    for name in [
        "Sở Nội vụ thành phố Đà Nẵng",
        "Hợp tác xã dịch vụ nông nghiệp Thử",
    ] {
        assert!(orgs.contains(name), "{name} in the collectives' section");
    }
    // By whole name: Hợp tác xã… before Sở….
    let at = |s: &str| orgs.find(s).unwrap();
    assert!(at("Hợp tác xã") < at("Sở Nội vụ"));
    // A village's body in the villages' section.
    let villages = section("thon");
    assert!(villages.contains("Ban nhân dân khối 9"), "{villages}");
    assert!(!section("n").contains("Sở Nội vụ"), "not under N (Nẵng)");
    // "Tôn Nữ Thị Bình Minh" with given_name "Bình Minh" is under B.
    assert!(section("b").contains("Tôn Nữ Thị Bình Minh"));
    assert!(
        roll.find("<h2 id=\"chu-tap-the\"").unwrap() > roll.find("<h2 id=\"chu-b\"").unwrap(),
        "after the letters"
    );
}

/// A campaign without a movement record, a parent movement, places and sources, a notice's
/// issuer, a posthumous nominee with a position and a notice without a deadline: shown on
/// their pages, searchable, and in the open data (notices included).
#[test]
fn campaigns_parents_places_sources_and_notice_details_are_published() {
    let site = fixtures(&["small-site", "real-records"]);
    let root = site.path();
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    let award = read("khen-thuong/2023-12/index.html");
    assert!(
        award.contains("Nhặt được của rơi, trả lại người mất"),
        "campaign"
    );
    assert!(award.contains("tỉnh Thử"), "place");
    assert!(award.contains("href=\"https://thu.example/qd-12-2023\">Cổng thông tin tỉnh Thử</a>"));
    assert!(
        award.contains("phường Hải Châu, thành phố Đà Nẵng"),
        "a recipient's place"
    );
    assert!(award.contains("href=\"https://baodanang.example/nhat-duoc-cua-roi\""));
    // The inverted index holds the campaign's words ("rơi" folded, in no other record).
    let tokens = walk(&out.join("tim-kiem/t"));
    assert!(tokens.contains("\"roi\""), "the campaign is searchable");

    let movement = read("phong-trao/khu-dan-cu-mau/index.html");
    assert!(
        movement.contains("href=\"/phong-trao/nong-thon-moi/\""),
        "parent link"
    );
    assert!(movement.contains("Hưởng ứng phong trào"));
    // The parent lists the movements that implement it.
    let parent = read("phong-trao/nong-thon-moi/index.html");
    assert!(parent.contains("Các phong trào hưởng ứng"), "{parent}");
    assert!(parent.contains("href=\"/phong-trao/khu-dan-cu-mau/\""));

    let notice = read("cong-khai/de-nghi-2024/index.html");
    assert!(notice.contains("Chủ tịch UBND xã"), "issuer");
    assert!(
        notice.contains("(thông báo không ghi hạn)"),
        "unknown deadline"
    );
    assert!(notice.contains("Đội viên dân phòng"), "position");
    assert!(notice.contains("Truy tặng"), "posthumous");
    assert!(notice.contains("href=\"https://baothu.example/dan-phong-hy-sinh\""));

    let csv = read("du-lieu/cong-khai.csv");
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with("notice,posted,deadline,issuer,posted_at,name,subject,position,unit,form,achievement,posthumous,place,decision_url,sources,url"));
    let row = lines.next().unwrap();
    assert!(row.contains(",2024-09-09,,Chủ tịch UBND xã,"), "{row}");
    assert!(
        row.contains("Nguyễn Văn Hải,ca-nhan,Đội viên dân phòng,Thôn Đông,"),
        "{row}"
    );
    assert!(row.contains(",true,"), "{row}");
    let data = read("du-lieu/index.html");
    assert!(data.contains("cong-khai.csv"));
    let movements = read("du-lieu/phong-trao.csv");
    assert!(
        movements.contains("Chung sức xây dựng nông thôn mới,xã Thử,"),
        "{movements}"
    );
}

/// Period checks take a partial date at its widest: a decision of "2022" is within a
/// movement that starts in March 2022, one of 2021 is not; a deadline known only to its
/// month is not before a posting date inside that month.
#[test]
fn period_checks_take_partial_dates_at_their_widest() {
    let site = fixtures(&["small-site"]);
    let root = site.path();
    put(
        root,
        "content/movements/tu-thang-3.md",
        "+++\ntitle = \"Từ tháng 3\"\nkind = \"theo-dot\"\nlevel = \"xa\"\nstart = \"2022-03\"\nend = \"2022\"\nfields = [\"van-hoa\"]\n+++\n",
    );
    let award = |slug: &str, date: &str| {
        put(
            root,
            &format!("content/awards/{slug}.md"),
            &format!("+++\nnumber = \"{slug}/QĐ-UBND\"\ndate = {date}\nissuer = \"ubnd-xa\"\ntype = \"dot-xuat\"\nmovement = \"tu-thang-3\"\nfields = [\"van-hoa\"]\n\n[[recipients]]\nname = \"Lê Văn An\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Tốt.\"\n+++\n"),
        )
    };
    award("1", "2022");
    award("2", "\"2022-02\"");
    award("3", "2021");
    put(
        root,
        "content/notices/thang.md",
        "+++\ntitle = \"Thông báo\"\nposted = 2024-11-25\ndeadline = \"2024-11\"\nplace = \"UBND xã\"\ncontact = \"Văn phòng\"\n+++\n",
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    let warned: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "outside-movement")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        warned,
        ["content/awards/2.md", "content/awards/3.md"],
        "{report}"
    );
}

/// The messages of the new keys, each at its line: an empty honour issuer, a recipient's
/// and a nominee's given name that is not the end of the name, a movement that is its own
/// parent, an empty honour number.
#[test]
fn mistakes_in_the_new_keys_are_reported_at_their_lines() {
    let site = fixtures(&["small-site", "real-records"]);
    let root = site.path();
    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        let text = text.replacen(from, to, 1);
        std::fs::write(&path, &text).unwrap();
        text.lines()
            .position(|l| l.contains(to.lines().next().unwrap()))
            .unwrap()
            + 1
    };
    let issuer = edit(
        "content/people/vu-thi-mai.md",
        "issuer = \"Trung ương Đoàn\"",
        "issuer = \"  \"",
    );
    let number = edit(
        "content/people/vu-thi-mai.md",
        "number = \"3012/QĐ-UBND\"",
        "number = \"\"",
    );
    let given = edit(
        "content/awards/2023-12.md",
        "given_name = \"Bình Minh\"",
        "given_name = \"Bình An\"",
    );
    let nominee = edit(
        "content/notices/de-nghi-2024.md",
        "position = \"Đội viên dân phòng\"",
        "given_name = \"Văn Hải Nam\"\nposition = \"Đội viên dân phòng\"",
    );
    let parent = edit(
        "content/movements/khu-dan-cu-mau.md",
        "parent = \"nong-thon-moi\"",
        "parent = \"khu-dan-cu-mau\"",
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 1, "{report}");
    let diags = report["diagnostics"].as_array().unwrap();
    let find = |code: &str, file: &str, line: usize| {
        diags
            .iter()
            .find(|d| {
                d["code"] == code
                    && d["line"] == line
                    && d["file"].as_str().unwrap().ends_with(file)
            })
            .unwrap_or_else(|| panic!("{code} in {file} at {line}: {report:#}"))
    };
    let d = find("missing-issuer", "vu-thi-mai.md", issuer);
    assert!(d["hint"].to_string().contains("Trung ương Đoàn"), "{d}");
    find("empty-number", "vu-thi-mai.md", number);
    let d = find("bad-given-name", "2023-12.md", given);
    assert!(d["message"].to_string().contains("Bình An"), "{d}");
    find("bad-given-name", "de-nghi-2024.md", nominee);
    let d = find("bad-reference", "khu-dan-cu-mau.md", parent);
    assert!(d["message"].to_string().contains("chính nó"), "{d}");
}
