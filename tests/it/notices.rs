//! Notices follow the calendar (issue 15, item 3): a notice's status comes from its dates
//! and the build date (`--today`, else `VINHDANH_TODAY`), the page carries the dates for
//! the status script, the home page shows only current notices, and the comment periods
//! are an iCalendar file.

use crate::util::*;
use std::path::Path;

/// The `notices` fixture over `small-site`: `mo` (2024-12-01 to 2024-12-10, no decision;
/// commas and semicolons in its title, a line break in its place), `da-quyet-dinh` (decided)
/// and `khong-han` (posted "2024-10", no deadline).
fn site() -> tempfile::TempDir {
    fixtures(&["small-site", "notices"])
}

fn build(root: &Path, today: &str) {
    let _ = std::fs::remove_dir_all(root.join("public"));
    vinhdanh_ok(root, &["build", "--today", today]);
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap()
}

/// The status element of the notice page at `rel`.
fn status_of(html: &str) -> &str {
    let start = html.find("data-posted=").expect("a status element");
    let start = html[..start].rfind("<span").unwrap();
    let end = start + html[start..].find("</span>").unwrap();
    &html[start..end + 7]
}

#[test]
fn the_status_follows_the_build_date() {
    let site = site();
    let root = site.path();
    for (today, class, text) in [
        ("2024-11-30", "tag-upcoming", "Sắp niêm yết"),
        ("2024-12-03", "tag-open", "Đang lấy ý kiến – còn 8 ngày"),
        ("2024-12-10", "tag-open", "Đang lấy ý kiến – còn 1 ngày"),
        (
            "2024-12-11",
            "tag-closed",
            "Hết hạn góp ý – đang chờ quyết định",
        ),
    ] {
        build(root, today);
        let page = read(root, "cong-khai/mo/index.html");
        let status = status_of(&page);
        assert_eq!(
            status,
            format!("<span class=\"tag {class}\" data-posted=\"2024-12-01\" data-deadline=\"2024-12-10\">{text}</span>"),
            "{today}"
        );
        // The card on the notices list says the same.
        let list = read(root, "cong-khai/index.html");
        assert!(list.contains(status), "{today}: the card");
        // So does the page of the nominee's unit, which loads the status script too.
        let unit = read(root, "don-vi/thon-dong/index.html");
        assert!(unit.contains(status), "{today}: the unit page");
        assert!(unit.contains("/assets/notices.js"), "{today}");
        // How to comment is on the page while the notice is current.
        let box_shown = page.contains("class=\"notice-box how-to-comment\"");
        assert_eq!(box_shown, class != "tag-closed", "{today}");
        if box_shown {
            assert!(page.contains("<time datetime=\"2024-12-10\">10/12/2024</time>"));
            assert!(page.contains("quyết định khen thưởng sẽ được công bố tại trang này"));
        }
        // A decided notice is decided whatever the day.
        let decided = read(root, "cong-khai/da-quyet-dinh/index.html");
        assert_eq!(
            status_of(&decided),
            "<span class=\"tag tag-decided\" data-posted=\"2024-11-01\" data-deadline=\"2024-11-10\" data-decided>Đã có quyết định</span>"
        );
        assert!(!decided.contains("how-to-comment"));
    }
    // A notice without a deadline is open without a count, from the first day of its month.
    build(root, "2024-09-30");
    let page = read(root, "cong-khai/khong-han/index.html");
    assert!(status_of(&page).contains(">Sắp niêm yết<"));
    build(root, "2024-10-01");
    let page = read(root, "cong-khai/khong-han/index.html");
    assert_eq!(
        status_of(&page),
        "<span class=\"tag tag-open\" data-posted=\"2024-10-01\">Đang lấy ý kiến</span>"
    );
}

#[test]
fn english_strings() {
    let site = site();
    let root = site.path();
    let cfg = std::fs::read_to_string(root.join("site.toml")).unwrap();
    put(root, "site.toml", &format!("language = \"en\"\n{cfg}"));
    build(root, "2024-12-11");
    let page = read(root, "cong-khai/mo/index.html");
    assert!(status_of(&page).contains(">Comment period over – awaiting decision<"));
    build(root, "2024-12-09");
    let page = read(root, "cong-khai/mo/index.html");
    assert!(status_of(&page).contains(">Open for comment – days left: 2<"));
    assert!(page.contains("How to comment"));
}

#[test]
fn the_home_page_shows_only_current_notices() {
    let site = site();
    let root = site.path();
    build(root, "2024-12-03");
    let home = read(root, "index.html");
    assert!(home.contains("href=\"/cong-khai/mo/\""));
    assert!(home.contains("href=\"/cong-khai/khong-han/\""));
    assert!(
        !home.contains("href=\"/cong-khai/da-quyet-dinh/\""),
        "decided"
    );
    build(root, "2024-12-11");
    let home = read(root, "index.html");
    assert!(!home.contains("href=\"/cong-khai/mo/\""), "closed");
    assert!(home.contains("href=\"/cong-khai/khong-han/\""));
    // Closed and decided notices are on the notices list, with its calendar and feed.
    let list = read(root, "cong-khai/index.html");
    for link in [
        "/cong-khai/mo/",
        "/cong-khai/da-quyet-dinh/",
        "/cong-khai/lich.ics",
        "/cong-khai/atom.xml",
    ] {
        assert!(list.contains(&format!("href=\"{link}\"")), "{link}");
    }
    let feed = read(root, "cong-khai/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    // The status script is loaded as a file, deferred, with its strings.
    assert!(
        home.contains("<script src=\"/assets/notices.js\" defer data-upcoming=\"Sắp niêm yết\"")
    );
    assert!(root.join("public/assets/notices.js").is_file());
}

#[test]
fn the_calendar_of_comment_periods() {
    let site = site();
    let root = site.path();
    build(root, "2024-12-03");
    let bytes = std::fs::read(root.join("public/cong-khai/lich.ics")).unwrap();
    let ics = String::from_utf8(bytes).unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    // Every line ends with CRLF and is at most 75 octets; no bare LF.
    let lines: Vec<&str> = ics.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for l in &lines {
        assert!(!l.contains('\n') && !l.contains('\r'), "{l:?}");
        assert!(l.len() <= 75, "{l:?}");
    }
    // Unfolded, the content lines.
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    // One event per notice with a deadline.
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 2);
    assert_eq!(lines.iter().filter(|l| **l == "END:VEVENT").count(), 2);
    let event: Vec<&str> = {
        let start = lines
            .iter()
            .position(|l| *l == "UID:cong-khai/mo@x.example")
            .unwrap();
        lines[start..start + 9].to_vec()
    };
    assert_eq!(
        event,
        [
            "UID:cong-khai/mo@x.example",
            "DTSTAMP:20241203T000000Z",
            "DTSTART;VALUE=DATE:20241201",
            "DTEND;VALUE=DATE:20241211",
            "SUMMARY:Đề nghị tặng Giấy khen\\, năm 2024\\; thôn Một",
            "LOCATION:Nhà văn hóa thôn Một\\nvà Trụ sở UBND xã",
            "DESCRIPTION:Văn phòng UBND xã\\, bộ phận Thi đua\\; Khen thưởng",
            "URL:https://x.example/cong-khai/mo/",
            "END:VEVENT",
        ]
    );
    // The UID stays when the date changes; the stamp is the build date.
    build(root, "2025-01-02");
    let later = read(root, "cong-khai/lich.ics");
    assert!(later.contains("UID:cong-khai/mo@x.example\r\n"));
    assert!(later.contains("DTSTAMP:20250102T000000Z\r\n"));
}

#[test]
fn builds_of_one_date_are_the_same_bytes() {
    let site = site();
    let root = site.path();
    build(root, "2024-12-03");
    let first = listing(&root.join("public"));
    build(root, "2024-12-03");
    assert_eq!(first, listing(&root.join("public")));
    build(root, "2024-12-04");
    let other = listing(&root.join("public"));
    assert_ne!(first, other, "another date, another status");
}

#[test]
fn the_flag_wins_over_the_environment() {
    let site = site();
    let root = site.path();
    let run = |env: Option<&str>, args: &[&str]| {
        let _ = std::fs::remove_dir_all(root.join("public"));
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_vinhdanh"));
        c.arg("--root").arg(root).args(args);
        match env {
            Some(d) => c.env("VINHDANH_TODAY", d),
            None => c.env_remove("VINHDANH_TODAY"),
        };
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        status_of(&read(root, "cong-khai/mo/index.html")).to_string()
    };
    assert!(run(Some("2024-11-30"), &["build"]).contains("Sắp niêm yết"));
    assert!(run(Some("2024-11-30"), &["build", "--today", "2024-12-11"]).contains("Hết hạn"));
    assert!(run(None, &["--today", "2024-12-09", "build"]).contains("còn 2 ngày"));
    // A date that is not a whole day is refused.
    let o = vinhdanh(root, &["build", "--today", "2024-12"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--today"));
}

/// `check` and the preview take the build date too.
#[test]
fn check_and_the_preview_take_the_date() {
    let site = site();
    let root = site.path();
    let o = vinhdanh_ok(root, &["check", "--today", "2024-12-03"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 cảnh báo"));
    #[cfg(feature = "serve")]
    {
        let server = start_with(
            root,
            &["--today", "2024-12-03"],
            &[("VINHDANH_TODAY", "2024-11-01")],
        );
        let page = get(server.port, "/cong-khai/mo/");
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains(">Đang lấy ý kiến – còn 8 ngày</span>"),
            "{}",
            page.body
        );
        let ics = get(server.port, "/cong-khai/lich.ics");
        assert_eq!(ics.status, 200);
        assert!(ics.body.contains("DTSTAMP:20241203T000000Z\r\n"));
        assert!(ics.headers.contains("content-type: text/calendar"));
    }
}
