//! Revision history from git (issue 15, item 4): when the site folder is in a git
//! repository, every record page shows when it was last changed and the commits that
//! changed it, read with gix; nothing without a repository. The repositories are made here
//! with the `git` executable (the program itself needs none); without one the tests say so
//! and pass.

use crate::util::*;
use std::path::Path;

const PERSON: &str = "guong-dien-hinh/nguyen-van-duc/index.html";
const AWARD: &str = "khen-thuong/2024-45/index.html";
const MOVEMENT: &str = "phong-trao/nong-thon-moi/index.html";

fn append(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    let mut body = std::fs::read_to_string(&p).unwrap();
    body.push_str(text);
    std::fs::write(p, body).unwrap();
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap()
}

fn build(root: &Path) -> std::process::Output {
    let _ = std::fs::remove_dir_all(root.join("public"));
    vinhdanh_ok(root, &["build"])
}

/// The revision history section of a page, if any.
fn history_of(html: &str) -> Option<&str> {
    let start = html.find("<section aria-labelledby=\"h-history\"")?;
    let end = start + html[start..].find("</section>").unwrap();
    Some(&html[start..end])
}

/// The small site in a repository with three commits: the first adds everything, the
/// second corrects the person (at 01:30 on 10 February in Hà Nội, still 9 February in
/// UTC), the third changes only the decision.
fn committed_site() -> tempfile::TempDir {
    let site = fixture("small-site");
    let root = site.path();
    git(root, &["init", "-q", "-b", "main"]);
    commit(root, "Đăng hồ sơ ban đầu", "2024-01-05T09:00:00+07:00");
    append(
        root,
        "content/people/nguyen-van-duc.md",
        "\nÔng đạt danh hiệu Nông dân giỏi.\n",
    );
    commit(
        root,
        "Đính chính thành tích của ông Đức <b>",
        "2024-02-10T01:30:00+07:00",
    );
    append(
        root,
        "content/awards/2024-45.md",
        "\nQuyết định đã được niêm yết.\n",
    );
    commit(
        root,
        "Bổ sung ghi chú quyết định",
        "2024-03-01T10:00:00+07:00",
    );
    site
}

#[test]
fn record_pages_show_the_commits_that_changed_their_file() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path();
    build(root);

    let person = read(root, PERSON);
    let h = history_of(&person).expect("the person's page has a history");
    assert!(
        h.contains("<h2 id=\"h-history\">Lịch sử thay đổi</h2>"),
        "{h}"
    );
    // The author's own date (in +07:00), not UTC's 9 February.
    assert!(
        h.contains("Cập nhật lần cuối: ngày <time datetime=\"2024-02-10\">10/02/2024</time> · 2 lần thay đổi"),
        "{h}"
    );
    // Newest first; the message is escaped like all content.
    let newer = h
        .find("Đính chính thành tích của ông Đức &lt;b&gt;")
        .expect("the correction, escaped");
    let older = h.find("Đăng hồ sơ ban đầu").expect("the first commit");
    assert!(newer < older, "newest first: {h}");
    assert!(
        !h.contains("Bổ sung ghi chú"),
        "a commit of another file: {h}"
    );
    assert!(!h.contains("<b>"), "{h}");

    let award = read(root, AWARD);
    let h = history_of(&award).expect("the decision's page has a history");
    assert!(
        h.contains("<time datetime=\"2024-03-01\">01/03/2024</time> · 2 lần thay đổi"),
        "{h}"
    );
    assert!(!h.contains("Đính chính"), "{h}");

    // The sitemap tells search engines when each record's page last changed.
    let sitemap = read(root, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://x.example/guong-dien-hinh/nguyen-van-duc/</loc><lastmod>2024-02-10</lastmod>"),
        "{sitemap}"
    );
    assert!(sitemap.contains(
        "<loc>https://x.example/khen-thuong/2024-45/</loc><lastmod>2024-03-01</lastmod>"
    ));
    assert!(
        sitemap.contains("<loc>https://x.example/</loc></url>"),
        "lists have none"
    );

    let movement = read(root, MOVEMENT);
    let h = history_of(&movement).expect("the movement's page has a history");
    assert!(h.contains("05/01/2024</time> · 1 lần thay đổi"), "{h}");

    // A record not committed yet has no history (its page still builds).
    put(
        root,
        "content/movements/moi.md",
        "+++\ntitle = \"Phong trào mới\"\nkind = \"thuong-xuyen\"\nlevel = \"xa\"\nstart = 2024-01-01\nfields = [\"nong-thon-moi\"]\n+++\n",
    );
    build(root);
    let fresh = read(root, "phong-trao/moi/index.html");
    assert!(history_of(&fresh).is_none());
    // Lists and other pages carry no history.
    assert!(history_of(&read(root, "index.html")).is_none());
}

#[test]
fn the_history_is_the_same_for_the_same_repository_and_absent_without_one() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path();
    build(root);
    let first: Vec<(String, Vec<u8>)> = files(&root.join("public"))
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join("public").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    build(root);
    for (f, bytes) in &first {
        assert_eq!(
            &std::fs::read(root.join("public").join(f)).unwrap(),
            bytes,
            "{f} differs between two builds of the same repository"
        );
    }

    // A shallow clone has only its last commit: no error, the one commit shown.
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", root.display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "site"]);
    let shallow = clone.path().join("site");
    build(&shallow);
    let h = history_of(&std::fs::read_to_string(shallow.join("public").join(PERSON)).unwrap())
        .expect("a history")
        .to_string();
    assert!(h.contains("01/03/2024</time> · 1 lần thay đổi"), "{h}");

    // Without the repository, no page has a history.
    std::fs::remove_dir_all(root.join(".git")).unwrap();
    build(root);
    assert!(!read(root, "sitemap.xml").contains("lastmod"));
    for f in files(&root.join("public")) {
        if f.ends_with(".html") {
            let html = std::fs::read_to_string(root.join("public").join(&f)).unwrap();
            assert!(history_of(&html).is_none(), "{f}");
        }
    }
}

#[test]
fn history_false_in_site_toml_turns_it_off() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("history = false\n{toml}")).unwrap();
    build(root);
    assert!(history_of(&read(root, PERSON)).is_none());
}

#[test]
fn a_site_in_a_folder_of_a_larger_repository_lists_only_its_own_commits() {
    if !have_git() {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let top = repo.path();
    let site = fixture("small-site");
    copy_dir(site.path(), &top.join("trang-web"));
    put(top, "README.md", "Kho của xã\n");
    git(top, &["init", "-q", "-b", "main"]);
    commit(top, "Khởi tạo", "2024-01-05T09:00:00+07:00");
    // A commit outside the site folder, and a merge of a branch that corrected the person.
    put(top, "bao-cao.txt", "Báo cáo\n");
    commit(top, "Thêm báo cáo", "2024-01-06T09:00:00+07:00");
    git(top, &["checkout", "-q", "-b", "dinh-chinh"]);
    append(
        top,
        "trang-web/content/people/nguyen-van-duc.md",
        "\nĐã đính chính.\n",
    );
    commit(top, "Đính chính hồ sơ ông Đức", "2024-01-07T09:00:00+07:00");
    git(top, &["checkout", "-q", "main"]);
    append(
        top,
        "trang-web/content/awards/2024-45.md",
        "\nĐã niêm yết.\n",
    );
    commit(top, "Ghi chú quyết định", "2024-01-08T09:00:00+07:00");
    git_at(
        top,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Hợp nhất nhánh đính chính",
            "dinh-chinh",
        ],
        "2024-01-09T09:00:00+07:00",
    );

    let root = top.join("trang-web");
    build(&root);
    let h = history_of(&read(&root, PERSON))
        .expect("a history")
        .to_string();
    assert!(h.contains("07/01/2024</time> · 2 lần thay đổi"), "{h}");
    assert!(h.contains("Đính chính hồ sơ ông Đức"), "{h}");
    // The merge changed nothing of its own, and the other commits touched other files.
    for absent in ["Hợp nhất", "Thêm báo cáo", "Ghi chú quyết định"] {
        assert!(!h.contains(absent), "{absent}: {h}");
    }
    let h = history_of(&read(&root, AWARD))
        .expect("a history")
        .to_string();
    assert!(h.contains("08/01/2024</time> · 2 lần thay đổi"), "{h}");
}

#[test]
fn a_commit_message_with_personal_data_is_not_published() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path();
    append(root, "content/people/nguyen-van-duc.md", "\nĐã liên hệ.\n");
    commit(
        root,
        "Sửa theo điện thoại của ông Đức 0912 345 678",
        "2024-04-02T09:00:00+07:00",
    );
    let out = build(root);
    let h = history_of(&read(root, PERSON))
        .expect("a history")
        .to_string();
    assert!(!h.contains("345"), "{h}");
    assert!(
        h.contains("<time datetime=\"2024-04-02\">02/04/2024</time> <span class=\"msg\">(lời nhắn không công bố vì có thông tin cá nhân)</span>"),
        "{h}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("history-personal-data"), "{stderr}");
}

#[test]
fn long_histories_list_the_newest_ten_and_count_the_rest() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path();
    for day in 1..=12 {
        append(
            root,
            "content/awards/2024-45.md",
            &format!("\nLần {day}.\n"),
        );
        commit(
            root,
            &format!("Sửa lần {day}"),
            &format!("2024-05-{day:02}T09:00:00+07:00"),
        );
    }
    build(root);
    let h = history_of(&read(root, AWARD))
        .expect("a history")
        .to_string();
    assert!(h.contains("12/05/2024</time> · 14 lần thay đổi"), "{h}");
    assert_eq!(h.matches("<li>").count(), 10, "{h}");
    assert!(h.contains("Sửa lần 12") && h.contains("Sửa lần 3"), "{h}");
    assert!(
        !h.contains("Sửa lần 2<") && !h.contains("Đăng hồ sơ"),
        "{h}"
    );
    assert!(
        h.contains("Số lần thay đổi trước đó không liệt kê: 4"),
        "{h}"
    );
}

#[test]
fn the_preview_shows_a_new_commit_at_its_next_rebuild() {
    if !have_git() {
        return;
    }
    let site = committed_site();
    let root = site.path().canonicalize().unwrap();
    let mut ws = vinhdanh::live::Workspace::open(&root, false, None).unwrap();
    let page = |u: &vinhdanh::live::Update| {
        u.written
            .iter()
            .find(|f| f.path == PERSON)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
    };
    let first = page(&ws.build_all().unwrap()).expect("the person's page");
    assert!(history_of(&first).unwrap().contains("2 lần thay đổi"));

    // An edit not yet committed: the page is rebuilt, its history stays as committed.
    let rel = "content/people/nguyen-van-duc.md";
    append(&root, rel, "\nĐang sửa.\n");
    let edited = page(&ws.update(&[root.join(rel)]).unwrap()).expect("rebuilt");
    assert!(edited.contains("Đang sửa."));
    assert!(history_of(&edited).unwrap().contains("2 lần thay đổi"));

    // Committed without a further edit: the preview notices HEAD moved and renders the
    // pages the commit changed.
    assert!(!ws.history_moved());
    commit(&root, "Sửa thành tích (1)", "2024-05-20T09:00:00+07:00");
    assert!(ws.history_moved());
    let u = ws.catch_up().unwrap();
    assert!(!ws.history_moved());
    let h = history_of(&page(&u).expect("the person's page again"))
        .unwrap()
        .to_string();
    assert!(h.contains("20/05/2024</time> · 3 lần thay đổi"), "{h}");
    assert!(
        u.rendered_jobs < u.total_jobs,
        "only what the commit changed: {} of {}",
        u.rendered_jobs,
        u.total_jobs
    );

    // Committed, then edited: the next rebuild shows the commit.
    append(&root, rel, "\nSửa nữa.\n");
    commit(&root, "Sửa thành tích", "2024-06-01T09:00:00+07:00");
    append(&root, rel, "\nLần nữa.\n");
    let after = page(&ws.update(&[root.join(rel)]).unwrap()).expect("rebuilt");
    let h = history_of(&after).unwrap();
    assert!(h.contains("01/06/2024</time> · 4 lần thay đổi"), "{h}");
    assert!(h.contains("Sửa thành tích"), "{h}");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
