//! The legal history of decisions (issue 15): later decisions cancel, amend, correct or
//! replace earlier ones; nothing is deleted from the public record.

use crate::util::*;

fn built() -> (tempfile::TempDir, impl Fn(&str) -> String) {
    let site = fixtures(&["small-site", "changes"]);
    let root = site.path().to_path_buf();
    let (code, report) = check_json(&root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(&root, &["build"]);
    let read = move |rel: &str| std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    (site, read)
}

/// The changed decision keeps its page with a banner and a link; a cancelled recipient's
/// row is struck through with the reason; corrected and amended values are shown; the
/// changing decision (without recipients of its own) lists what it changed.
#[test]
fn changed_decisions_show_their_history() {
    let (_site, read) = built();
    let old = read("khen-thuong/2024-50/index.html");
    assert!(
        old.contains(
            "Đã bị hủy bỏ bởi Quyết định số <a href=\"/khen-thuong/2025-3/\">3/QĐ-UBND</a>"
        ),
        "{old}"
    );
    assert!(old.contains("(Lê Văn An): Kê khai không đúng thành tích"));
    assert!(old.contains(
        "Đã được đính chính bởi Quyết định số <a href=\"/khen-thuong/2025-4/\">4/QĐ-UBND</a>"
    ));
    assert!(
        old.contains("<s><a href=\"/nguoi-duoc-khen/le-van-an/\">Lê Văn An</a></s>"),
        "the cancelled row is struck through, and still links to who was honoured"
    );
    assert!(
        old.contains("Trần Thị Bế") && !old.contains(">Trần Thị Bé<"),
        "the corrected name"
    );
    assert!(
        old.contains("Xuất sắc.") && old.contains("/hinh-thuc/bang-khen-tinh/"),
        "the amendment"
    );
    let whole = read("khen-thuong/2024-45/index.html");
    assert!(!whole.contains("đã thu hồi"), "no rewards were given");
    assert!(whole.contains("banner-huy-bo"));
    assert!(whole.contains("Quyết định ban hành sai thẩm quyền"));

    let new = read("khen-thuong/2025-3/index.html");
    assert!(new.contains("Nội dung thay đổi các quyết định trước"));
    assert!(new.contains("<strong>Hủy bỏ</strong> <a href=\"/khen-thuong/2024-50/\">"));
    assert!(new.contains("toàn bộ quyết định"), "the whole of 2024-45");
    assert!(
        !new.contains("class=\"recipients\""),
        "no recipients of its own"
    );
}

/// Lists and counts take an honour as it now stands: a cancelled one is not on the honour
/// roll, the form's page or in the statistics, but stays on the person's page, struck
/// through; the open data keeps every row with its status and the changing decision.
#[test]
fn honours_count_by_their_standing_and_nothing_is_deleted() {
    let (_site, read) = built();
    let roll = read("bang-vang/index.html");
    assert!(
        !roll.contains("Lê Văn An"),
        "a cancelled honour is off the roll"
    );
    assert!(
        !roll.contains("Nguyễn Văn Đức"),
        "a cancelled decision's too"
    );
    assert!(roll.contains("Trần Thị Bế"));
    let form = read("hinh-thuc/giay-khen/index.html");
    assert!(!form.contains("Lê Văn An") && !form.contains("Phạm Văn Cường"));
    assert!(read("hinh-thuc/bang-khen-tinh/index.html").contains("Phạm Văn Cường"));
    let person = read("guong-dien-hinh/nguyen-van-duc/index.html");
    assert!(
        person.contains("<s>Nguyễn Văn Đức</s>"),
        "history stays on the person's page"
    );
    assert!(person.contains("Quyết định ban hành sai thẩm quyền"));
    let stats = read("thong-ke/index.html");
    assert!(
        stats.contains("<dd>2</dd>") || stats.contains("<dd>2 "),
        "two honours in force: {stats}"
    );

    let csv = read("du-lieu/khen-thuong.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",status,changed_by"), "{header}");
    let row = |name: &str| {
        csv.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is kept: {csv}"))
    };
    assert!(row("Lê Văn An").ends_with(",da-huy-bo,3/QĐ-UBND"));
    assert!(row("Nguyễn Văn Đức").ends_with(",da-huy-bo,3/QĐ-UBND"));
    assert!(row("Trần Thị Bế").ends_with(",da-sua-doi,4/QĐ-UBND"));
    assert!(row("Phạm Văn Cường").contains(",Xuất sắc.,"));
    // 4 recipients of two decisions, one row each: none deleted.
    assert_eq!(csv.lines().count(), 1 + 4, "{csv}");
}

/// Mistakes in `[[changes]]` are errors with hints: an unknown name (the closest names),
/// an unknown decision, an amendment without new values, a change of itself, a change of
/// a later decision.
#[test]
fn mistakes_in_changes_are_reported() {
    let cases = [
        (
            "recipients = [\"Lê Văn An\"]",
            "recipients = [\"Lê Văn Ann\"]",
            "unknown-reference",
            "Lê Văn An",
        ),
        (
            "decision = \"2024-45\"",
            "decision = \"2024-46\"",
            "unknown-reference",
            "2024-45",
        ),
        (
            "decision = \"2024-45\"",
            "decision = \"2025-3\"",
            "bad-change",
            "chính nó",
        ),
    ];
    for (from, to, code, says) in cases {
        let site = fixtures(&["small-site", "changes"]);
        let root = site.path();
        let path = root.join("content/awards/2025-3.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let (code_, report) = check_json(root);
        assert_eq!(code_, 1, "{to}: {report}");
        let d = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code} for {to}: {report:#}"));
        assert!(d.to_string().contains(says), "{d}");
    }
    let site = fixtures(&["small-site", "changes"]);
    let root = site.path();
    let path = root.join("content/awards/2025-4.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name = \"Trần Thị Bế\"\n", "")).unwrap();
    let (code, report) = check_json(root);
    assert_eq!(code, 1);
    assert!(report.to_string().contains("bad-change"), "{report}");
    // A change dated before the decision it changes.
    let path = root.join("content/awards/2025-4.md");
    std::fs::write(
        &path,
        text.replace("date = 2025-01-20", "date = 2024-01-20"),
    )
    .unwrap();
    let (code, report) = check_json(root);
    assert_eq!(code, 1);
    assert!(report.to_string().contains("ban hành sau nó"), "{report}");
}

/// A replacing decision (`thay-the`) takes the place of the whole earlier one: the old
/// recipients are no longer in force (status `da-thay-the`), the new decision's own
/// recipients are.
#[test]
fn a_replaced_decision_gives_way_to_the_new_one() {
    let site = fixtures(&["small-site", "changes"]);
    let root = site.path();
    // 2024-45 is replaced instead of cancelled.
    let path = root.join("content/awards/2025-3.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("\n[[changes]]\naction = \"huy-bo\"\ndecision = \"2024-45\"")
        .unwrap();
    std::fs::write(&path, format!("{}\n+++\n", &text[..start])).unwrap();
    put(
        root,
        "content/awards/2025-9.md",
        "+++\nnumber = \"9/QĐ-UBND\"\ndate = 2025-02-01\nissuer = \"ubnd-xa\"\ntype = \"cong-trang\"\nfields = [\"kinh-te\"]\n\n[[changes]]\naction = \"thay-the\"\ndecision = \"2024-45\"\nreason = \"Ban hành lại đúng thẩm quyền\"\n\n[[recipients]]\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Đã có thành tích xuất sắc.\"\nperson = \"nguyen-van-duc\"\n+++\n",
    );
    let (code, report) = check_json(root);
    assert_eq!(code, 0, "{report}");
    vinhdanh_ok(root, &["build"]);
    let read = |rel: &str| std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    let old = read("khen-thuong/2024-45/index.html");
    assert!(
        old.contains(
            "Đã được thay thế bởi Quyết định số <a href=\"/khen-thuong/2025-9/\">9/QĐ-UBND</a>"
        ),
        "{old}"
    );
    let roll = read("bang-vang/index.html");
    assert_eq!(
        roll.matches("/khen-thuong/2025-9/").count(),
        1,
        "the new decision's row"
    );
    assert!(
        !roll.contains("/khen-thuong/2024-45/"),
        "the replaced one is off the roll"
    );
    let csv = read("du-lieu/khen-thuong.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("45/QĐ-UBND,") && l.ends_with(",da-thay-the,9/QĐ-UBND")),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("9/QĐ-UBND,") && l.ends_with(",hieu-luc,")),
        "{csv}"
    );
}
