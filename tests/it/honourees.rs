//! Every recipient is someone (issue 17, item 1): recipients with the same name and unit
//! across decisions share one page that lists all their honours, newest first; a stated
//! `id` keeps namesakes apart; a recipient with a people record's name and unit is that
//! record; namesakes in different units are two pages and `check` warns of them; every
//! name in a table links to its page.

use crate::util::*;

fn site() -> tempfile::TempDir {
    fixtures(&["small-site", "namesakes"])
}

/// The text of an HTML file with tags and runs of spaces taken out.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn recipients_with_one_name_and_unit_share_a_page_with_every_honour() {
    let tmp = site();
    let out = tmp.path().join("public");
    vinhdanh_ok(tmp.path(), &["build", "--output", out.to_str().unwrap()]);
    let read =
        |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    // “Nguyễn Văn Đức” of Thôn Đông, written “Nguyễn  văn Đức” / “thôn Đông” the second
    // time: one page, both honours, the newest first.
    let duc = read("nguoi-duoc-khen/nguyen-van-duc/index.html");
    let t = text_of(&duc);
    let (newer, older) = (t.find("20/QĐ-UBND").unwrap(), t.find("10/QĐ-UBND").unwrap());
    assert!(newer < older, "newest first: {t}");
    assert!(t.contains("Hiến 200 m² đất làm đường.") && t.contains("Tiếp tục hiến đất."));
    assert!(
        !t.contains("Giúp người nghèo"),
        "the namesake of Thôn Tây is not merged"
    );
    assert!(t.contains("Số lần được khen 2"), "{t}");
    assert!(duc.contains("\"@type\":\"Person\"") || duc.contains("\"@type\": \"Person\""));
    assert!(
        duc.contains("Giấy khen (20/QĐ-UBND, "),
        "JSON-LD award: {duc}"
    );
    // The namesake of another unit has a page of their own.
    let tay = text_of(&read("nguoi-duoc-khen/nguyen-van-duc-thon-tay/index.html"));
    assert!(tay.contains("Giúp người nghèo sửa nhà.") && !tay.contains("10/QĐ-UBND"));
    // Two people with one name and unit, kept apart by their `id`.
    let b1 = text_of(&read(
        "nguoi-duoc-khen/tran-van-binh-binh-thon-dong-1/index.html",
    ));
    let b2 = text_of(&read(
        "nguoi-duoc-khen/tran-van-binh-binh-thon-dong-2/index.html",
    ));
    assert!(b1.contains("Làm đường bê tông.") && !b1.contains("Trồng cây xanh."));
    assert!(b2.contains("Trồng cây xanh.") && !b2.contains("Làm đường bê tông."));
    // Collectives of one name in two villages are two collectives.
    let c1 = read("nguoi-duoc-khen/chi-hoi-phu-nu/index.html");
    assert!(c1.contains("\"Organization\""), "{c1}");
    assert!(out
        .join("nguoi-duoc-khen/chi-hoi-phu-nu-thon-tay/index.html")
        .is_file());
    // A recipient with a people record's name and unit is that person: the record's page
    // lists the honour, and no second page is made.
    let hoa = text_of(&read("guong-dien-hinh/le-thi-hoa/index.html"));
    assert!(
        hoa.contains("Nuôi ong giỏi.") && hoa.contains("10/QĐ-UBND"),
        "{hoa}"
    );
    assert!(!out.join("nguoi-duoc-khen/le-thi-hoa").exists());
    // Every name in a decision's table links to its page.
    let d = read("khen-thuong/2024-20/index.html");
    for url in [
        "/nguoi-duoc-khen/nguyen-van-duc/",
        "/nguoi-duoc-khen/nguyen-van-duc-thon-tay/",
        "/nguoi-duoc-khen/tran-van-binh-binh-thon-dong-2/",
        "/nguoi-duoc-khen/chi-hoi-phu-nu/",
        "/nguoi-duoc-khen/chi-hoi-phu-nu-thon-tay/",
    ] {
        assert!(d.contains(&format!("<a href=\"{url}\">")), "{url} in {d}");
    }
    let linked = read("khen-thuong/2023-10/index.html");
    assert!(linked.contains("<a href=\"/guong-dien-hinh/le-thi-hoa/\">Lê Thị Hoa</a>"));
    // In the sitemap, and no link of the site is broken.
    assert!(read("sitemap.xml").contains("/nguoi-duoc-khen/nguyen-van-duc-thon-tay/"));
    let (checked, broken) = check_links(&out);
    assert!(checked > 100 && broken.is_empty(), "{broken:?}");
}

/// The `same-name` warnings of a `check --format json` report.
fn same_names(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "same-name")
        .cloned()
        .collect()
}

#[test]
fn check_warns_of_namesakes_and_says_how_to_link_or_separate_them() {
    let tmp = site();
    let (code, report) = check_json(tmp.path());
    assert_eq!(code, 0, "warnings only: {report}");
    let warnings = same_names(&report);
    // Đức of Thôn Đông and Đức of Thôn Tây each against the people record (no unit); not
    // the two Bình (their ids differ), not the two collectives.
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    let first = &warnings[0];
    assert_eq!(first["file"], "content/awards/2023-10.md");
    assert_eq!(first["line"], 10);
    let message = first["message"].as_str().unwrap();
    assert!(
        message.contains("trùng tên với “Nguyễn Văn Đức” (không ghi đơn vị) ở content/people/nguyen-van-duc.md:2"),
        "{message}"
    );
    let hint = first["hint"].as_str().unwrap();
    assert!(
        hint.contains("person = \"nguyen-van-duc\"") && hint.contains("id"),
        "{hint}"
    );
    assert_eq!(warnings[1]["file"], "content/awards/2024-20.md");
    assert!(warnings[1]["message"]
        .as_str()
        .unwrap()
        .contains("(Thôn Tây)"));

    // Linked as the hint says, the warnings go.
    let path = tmp.path().join("content/awards/2024-20.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "name = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nunit = \"Thôn Tây\"",
        "name = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nid = \"duc-thon-tay\"\nunit = \"Thôn Tây\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let path = tmp.path().join("content/awards/2023-10.md");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "name = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"",
        "name = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nperson = \"nguyen-van-duc\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (_, report) = check_json(tmp.path());
    let left = same_names(&report);
    // The second Thôn Đông recipient (of 2024) is still unlinked: one warning left.
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0]["file"], "content/awards/2024-20.md");
}

/// A year with more honours than its page names lists them all on pages of their own, the
/// year's page linking there; every link of a generated site resolves (every recipient's
/// name links to a page that exists).
#[test]
fn a_years_honours_are_all_listed_page_after_page() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    vinhdanh_gen::generate(1000, &root).expect("the generator writes the site");
    let out = work.path().join("out");
    vinhdanh_ok(&root, &["build", "--output", out.to_str().unwrap()]);
    let years: Vec<String> = std::fs::read_dir(out.join("nam"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|y| {
            out.join("nam")
                .join(y)
                .join("nguoi-duoc-khen/index.html")
                .is_file()
        })
        .collect();
    assert!(!years.is_empty(), "a year with more than 100 honours");
    let y = &years[0];
    let year = std::fs::read_to_string(out.join(format!("nam/{y}/index.html"))).unwrap();
    assert!(year.contains(&format!("href=\"/nam/{y}/nguoi-duoc-khen/\"")));
    // Rows over all the pages of the list: the year's count.
    let total: usize = year[year.find("id=\"h-hon\"").unwrap()..]
        .split("<span class=\"count\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let mut rows = 0;
    let mut page = 1;
    loop {
        let rel = if page == 1 {
            format!("nam/{y}/nguoi-duoc-khen/index.html")
        } else {
            format!("nam/{y}/nguoi-duoc-khen/trang/{page}/index.html")
        };
        let Ok(html) = std::fs::read_to_string(out.join(&rel)) else {
            break;
        };
        rows += html.matches("<td class=\"c-name\"").count();
        page += 1;
    }
    assert!(page > 2, "more than one page");
    assert_eq!(rows, total);
    let (checked, broken) = check_links(&out);
    assert!(
        checked > 10_000 && broken.is_empty(),
        "{checked} links: {broken:?}"
    );
}
