//! A site with more records than a page holds: overviews link to full lists, long lists
//! are paginated, and every link still resolves.

use crate::util::*;
use std::fmt::Write;

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn large_years_and_fields_are_split_and_paginated() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "site.toml",
        "title = \"Thử\"\ncommune = \"Xã Thử\"\nbase_url = \"https://x.example\"\npage_size = 10\n\n[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"Chủ tịch UBND xã\"\nlevel = \"xa\"\n",
    );
    let given = [
        "An", "Ắm", "Ân", "Bình", "Dũng", "Đức", "Em", "Ê", "Ơn", "Ưng", "Yến",
    ];
    for i in 0..40 {
        let name = format!("Nguyễn Văn {}", given[i % given.len()]);
        write(
            root,
            &format!("content/people/nguoi-{i}.md"),
            &format!("+++\nname = \"{name}\"\nsubject = \"ca-nhan\"\nfields = [\"giao-duc\"]\nyear = 2024\nunit = \"Thôn Một\"\nconsent = true\n+++\nChuyện số {i}.\n"),
        );
        let mut award = format!(
            "+++\nnumber = \"{i}/QĐ-UBND\"\ndate = 2024-03-{:02}\nissuer = \"ubnd-xa\"\ntype = \"cong-trang\"\nfields = [\"giao-duc\"]\nyear = 2023\n",
            1 + i % 28
        );
        write!(
            award,
            "\n[[recipients]]\nname = \"{name}\"\nsubject = \"ca-nhan\"\nunit = \"Thôn Một\"\nform = \"giay-khen\"\nachievement = \"Thành tích {i}\"\nperson = \"nguoi-{i}\"\n+++\n"
        )
        .unwrap();
        write(root, &format!("content/awards/2024-{i}.md"), &award);
    }
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let all = files(&out);
    for f in [
        "nam/2024/khen-thuong/index.html",
        "nam/2024/khen-thuong/trang/4/index.html",
        "nam/2024/guong-dien-hinh/index.html",
        "linh-vuc/giao-duc/khen-thuong/index.html",
        "khen-thuong/trang/4/index.html",
        "hinh-thuc/giay-khen/trang/4/index.html",
        "don-vi/thon-mot/trang/4/index.html",
    ] {
        assert!(all.contains(f), "missing {f}");
    }
    assert!(!all.contains("khen-thuong/trang/5/index.html"));
    let year = std::fs::read_to_string(out.join("nam/2024/index.html")).unwrap();
    assert!(
        year.contains("href=\"/nam/2024/khen-thuong/\""),
        "the overview links to the full list"
    );
    assert_eq!(
        year.matches("class=\"card card-award\"").count(),
        12,
        "the overview shows 12 awards"
    );
    let (checked, broken) = check_links(&out);
    assert!(checked > 500);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
