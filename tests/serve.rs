//! The preview server over real HTTP: pages, content types, live reload after an edit, the
//! error overlay, drafts, and requests that try to leave the output.

mod util;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::*;

/// Waits until `f` holds, or fails after a while.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_demo(tmp.path());
    tmp
}

#[test]
fn serves_pages_with_content_types_local_links_and_404() {
    let s = site();
    let server = start(s.path(), &[]);
    let home = get(server.port, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.headers
    );
    assert!(home
        .body
        .contains("<script src=\"/__vinhdanh/reload.js\" defer></script>"));
    assert!(
        home.body
            .contains(&format!("href=\"http://127.0.0.1:{}/\"", server.port)),
        "canonical is local"
    );
    assert!(
        !home.body.contains("vinhdanh.tanviet.example"),
        "no link to base_url"
    );
    let css = get(server.port, "/assets/style.css");
    assert!(css
        .headers
        .contains("content-type: text/css; charset=utf-8"));
    let js = get(server.port, "/__vinhdanh/reload.js");
    assert!(js
        .headers
        .contains("content-type: text/javascript; charset=utf-8"));
    let missing = get(server.port, "/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Không tìm thấy trang"),
        "the site's own 404 page"
    );
    let redirect = get(server.port, "/khen-thuong");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("location: /khen-thuong/"));
    // A built site never carries the reload script.
    let o = vinhdanh(s.path(), &["build"]);
    assert!(o.status.success());
    let built = std::fs::read_to_string(s.path().join("public/index.html")).unwrap();
    assert!(!built.contains("__vinhdanh"));
}

#[test]
fn never_serves_anything_outside_the_output() {
    let s = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "BÍ MẬT").unwrap();
    let server = start(s.path(), &[]);
    for target in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsite.toml",
        "/assets/..%2f..%2fsite.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "/content/people/nguyen-van-duc.md",
        "/site.toml",
        "/%00",
    ] {
        let r = get(server.port, target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(
            !r.body.contains("base_url") && !r.body.contains("+++"),
            "{target} leaked a source file"
        );
    }
    // A symbolic link out of static/ is refused by the build, so it is never served.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(s.path().join("static")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            s.path().join("static/secret.txt"),
        )
        .unwrap();
        eventually("the overlay for the symlink", || {
            get(server.port, "/").body.contains("vinhdanh-errors")
        });
        let r = get(server.port, "/secret.txt");
        assert_eq!(r.status, 404);
        assert!(!r.body.contains("BÍ MẬT"));
    }
}

#[test]
fn edits_are_served_and_reload_every_tab() {
    let s = site();
    let server = start(s.path(), &[]);
    // A browser tab listening for reloads.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(events, "GET /__vinhdanh/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut reader = BufReader::new(events.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains("200"), "{line}");

    let person = s.path().join("content/people/nguyen-van-duc.md");
    let text = std::fs::read_to_string(&person).unwrap();
    std::fs::write(&person, text.replace("VietGAP", "VietGAP và hữu cơ")).unwrap();
    // The tab is told to reload…
    let start = Instant::now();
    let mut got = String::new();
    while !got.contains("event: reload") {
        let mut l = String::new();
        reader.read_line(&mut l).unwrap();
        got.push_str(&l);
        assert!(start.elapsed() < Duration::from_secs(20));
    }
    // …and the new text is served.
    eventually("the edited page", || {
        get(server.port, "/guong-dien-hinh/nguyen-van-duc/")
            .body
            .contains("VietGAP và hữu cơ")
    });

    // Adding, renaming and deleting records.
    let new = s.path().join("content/people/le-van-moi.md");
    std::fs::write(&new, "+++\nname = \"Lê Văn Mới\"\nsubject = \"ca-nhan\"\nfields = [\"y-te\"]\nyear = 2024\n+++\n").unwrap();
    eventually("the new page", || {
        get(server.port, "/guong-dien-hinh/le-van-moi/").status == 200
    });
    eventually("the list shows it", || {
        get(server.port, "/guong-dien-hinh/")
            .body
            .contains("Lê Văn Mới")
    });
    let renamed = s.path().join("content/people/le-van-moi-2.md");
    std::fs::rename(&new, &renamed).unwrap();
    eventually("the renamed page", || {
        get(server.port, "/guong-dien-hinh/le-van-moi-2/").status == 200
    });
    eventually("the old page is gone", || {
        get(server.port, "/guong-dien-hinh/le-van-moi/").status == 404
    });
    std::fs::remove_file(&renamed).unwrap();
    eventually("the deleted page is gone", || {
        get(server.port, "/guong-dien-hinh/le-van-moi-2/").status == 404
    });
    eventually("the list forgets it", || {
        !get(server.port, "/guong-dien-hinh/")
            .body
            .contains("Lê Văn Mới")
    });
}

#[test]
fn broken_content_keeps_the_last_good_site_and_shows_the_error() {
    let s = site();
    let server = start(s.path(), &[]);
    let person = s.path().join("content/people/nguyen-van-duc.md");
    let good = std::fs::read_to_string(&person).unwrap();
    std::fs::write(
        &person,
        good.replace("fields = [\"kinh-te\"", "fields = [\"kinh-tee\""),
    )
    .unwrap();
    eventually("the overlay", || {
        get(server.port, "/khen-thuong/")
            .body
            .contains("vinhdanh-errors")
    });
    let page = get(server.port, "/guong-dien-hinh/nguyen-van-duc/");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(
        page.body.contains("content/people/nguyen-van-duc.md:"),
        "file and line"
    );
    assert!(page.body.contains("Lĩnh vực “kinh-tee” không tồn tại"));
    assert!(page.body.contains("có phải ý bạn là"), "hint");
    std::fs::write(&person, good).unwrap();
    eventually("the overlay is gone", || {
        !get(server.port, "/").body.contains("vinhdanh-errors")
    });
}

#[test]
fn drafts_and_scheduled_records_only_with_drafts() {
    let s = site();
    std::fs::write(
        s.path().join("content/people/ban-nhap.md"),
        "+++\nname = \"Người Nháp\"\nsubject = \"ca-nhan\"\nfields = [\"y-te\"]\nyear = 2024\ndraft = true\n+++\n",
    )
    .unwrap();
    std::fs::write(
        s.path().join("content/people/hen-dang.md"),
        "+++\nname = \"Người Hẹn Đăng\"\nsubject = \"ca-nhan\"\nfields = [\"y-te\"]\nyear = 2024\npublish = 2999-01-01\n+++\n",
    )
    .unwrap();
    vinhdanh_ok(s.path(), &["build"]);
    for f in files(&s.path().join("public")) {
        let text = std::fs::read_to_string(s.path().join("public").join(&f)).unwrap_or_default();
        assert!(
            !text.contains("Người Nháp") && !text.contains("Người Hẹn Đăng"),
            "{f} shows a draft"
        );
    }
    let plain = start(s.path(), &[]);
    assert_eq!(get(plain.port, "/guong-dien-hinh/ban-nhap/").status, 404);
    assert!(!get(plain.port, "/nam/2024/").body.contains("Người Nháp"));
    drop(plain);
    let server = start(s.path(), &["--drafts"]);
    let draft = get(server.port, "/guong-dien-hinh/ban-nhap/");
    assert_eq!(draft.status, 200);
    let list = get(server.port, "/guong-dien-hinh/");
    assert!(list.body.contains("Người Nháp") && list.body.contains("Người Hẹn Đăng"));
    assert!(list.body.contains("Bản nháp"), "drafts are visibly marked");
}

#[test]
fn other_addresses_need_bind_and_get_a_warning() {
    let s = site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .arg("--root")
        .arg(s.path())
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("xem trước tại") {
        let mut l = String::new();
        if out.read_line(&mut l).unwrap() == 0 {
            break;
        }
        seen.push_str(&l);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains("CẢNH BÁO"), "{seen}");
}

/// 200 clients for 10 seconds, zero errors. Slow, so run on demand:
/// `cargo test --release --test serve -- --ignored --nocapture`.
#[test]
#[ignore]
fn load_200_clients_for_10_seconds() {
    let s = site();
    let server = start(s.path(), &[]);
    let port = server.port;
    let targets = [
        "/",
        "/khen-thuong/",
        "/guong-dien-hinh/nguyen-van-duc/",
        "/assets/style.css",
        "/nam/2024/",
        "/bang-vang/",
    ];
    let deadline = Instant::now() + Duration::from_secs(10);
    let workers: Vec<_> = (0..200)
        .map(|w| {
            std::thread::spawn(move || {
                let (mut ok, mut errors) = (0u64, 0u64);
                let mut i = w;
                while Instant::now() < deadline {
                    let r =
                        std::panic::catch_unwind(|| get(port, targets[i % targets.len()]).status);
                    match r {
                        Ok(200) => ok += 1,
                        _ => errors += 1,
                    }
                    i += 1;
                }
                (ok, errors)
            })
        })
        .collect();
    let (mut ok, mut errors) = (0, 0);
    for w in workers {
        let (o, e) = w.join().unwrap();
        ok += o;
        errors += e;
    }
    println!(
        "200 clients, 10 s: {ok} responses, {errors} errors, {:.0} requests/s",
        ok as f64 / 10.0
    );
    assert_eq!(errors, 0);
    assert!(ok > 1000);
}
