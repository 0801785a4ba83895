//! Decision-level defaults (issue 16, item 4): `form`, `subject`, `unit` and `achievement`
//! written once on a decision apply to every recipient that does not say otherwise.

use crate::util::*;

const DECISION: &str = "+++
number = \"46/QĐ-UBND\"
date = 2024-12-20
issuer = \"ubnd-xa\"
type = \"theo-dot-chuyen-de\"
fields = [\"van-hoa\"]
subject = \"ho-gia-dinh\"
unit = \"Thôn Đông\"
form = \"giay-khen\"
achievement = \"Gia đình tiêu biểu năm 2024.\"

[[recipients]]
name = \"Hộ ông Lê Văn Một\"

[[recipients]]
name = \"Hộ bà Trịnh Thị Hai\"
unit = \"Thôn Tây\"

[[recipients]]
name = \"Bà Phan Thị Ba\"
subject = \"ca-nhan\"
achievement = \"Có nhiều đóng góp cho phong trào.\"
+++
";

#[test]
fn what_a_recipient_leaves_out_the_decision_gives() {
    let site = fixture("small-site");
    let root = site.path();
    put(root, "content/awards/2024-46.md", DECISION);
    vinhdanh_ok(root, &["build"]);
    let page = std::fs::read_to_string(root.join("public/khen-thuong/2024-46/index.html")).unwrap();
    for name in ["Hộ ông Lê Văn Một", "Hộ bà Trịnh Thị Hai", "Bà Phan Thị Ba"] {
        assert!(page.contains(name), "{name}");
    }
    assert_eq!(
        page.matches("Gia đình tiêu biểu năm 2024.").count(),
        2,
        "two take the decision's achievement"
    );
    assert!(page.contains("Có nhiều đóng góp cho phong trào."));
    let data = std::fs::read_to_string(root.join("public/du-lieu/khen-thuong.csv")).unwrap();
    let rows: Vec<&str> = data.lines().filter(|l| l.contains("46/QĐ-UBND")).collect();
    assert_eq!(rows.len(), 3, "{data}");
    let row = |name: &str| *rows.iter().find(|r| r.contains(name)).unwrap();
    assert!(row("Lê Văn Một").contains("Thôn Đông") && row("Lê Văn Một").contains("ho-gia-dinh"));
    assert!(row("Trịnh Thị Hai").contains("Thôn Tây"), "its own unit");
    assert!(row("Phan Thị Ba").contains("ca-nhan") && row("Phan Thị Ba").contains("Thôn Đông"));
    for r in &rows {
        assert!(r.contains("giay-khen") || r.contains("Giấy khen"), "{r}");
    }
}

#[test]
fn a_recipient_without_a_form_anywhere_is_named_with_its_line() {
    let site = fixture("small-site");
    let root = site.path();
    let text = DECISION
        .replace("form = \"giay-khen\"\n", "")
        .replace("subject = \"ho-gia-dinh\"\n", "");
    put(root, "content/awards/2024-46.md", &text);
    let (code, v) = check_json(root);
    assert_eq!(code, 1);
    let diags = v["diagnostics"].as_array().unwrap();
    let missing: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| {
            d["code"] == "missing-key" && d["file"].as_str().unwrap().ends_with("2024-46.md")
        })
        .collect();
    // Three recipients without a form, two without a subject (the third has its own).
    assert_eq!(missing.len(), 5, "{v:#}");
    let first = missing
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("thứ 1 (“Hộ ông Lê Văn Một”) chưa có hình thức khen thưởng (form)")
        })
        .expect("the first recipient's form");
    let line = text.lines().position(|l| l.contains("Lê Văn Một")).unwrap() + 1;
    assert_eq!(first["line"], line);
    assert!(first["hint"]
        .as_str()
        .unwrap()
        .contains("một lần cho cả quyết định"));
    assert!(missing.iter().any(|d| d["message"]
        .as_str()
        .unwrap()
        .contains("thứ 2 (“Hộ bà Trịnh Thị Hai”) chưa có đối tượng (subject)")));
    assert!(!missing.iter().any(|d| d["message"]
        .as_str()
        .unwrap()
        .contains("thứ 3 (“Bà Phan Thị Ba”) chưa có đối tượng")));
}
