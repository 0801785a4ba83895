//! The preview server over real HTTP: pages, content types, live reload after an edit, the
//! error overlay, drafts, requests that try to leave the output, and what a browser attack
//! would use (other Host names, other origins, slow clients, open redirects), and Ctrl+C.

use crate::util::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    write!(
        events,
        "GET /__vinhdanh/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    )
    .unwrap();
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
fn content_broken_from_the_start_shows_its_errors_not_a_bare_404() {
    let s = site();
    let person = s.path().join("content/people/nguyen-van-duc.md");
    let good = std::fs::read_to_string(&person).unwrap();
    std::fs::write(
        &person,
        good.replace("fields = [\"kinh-te\"", "fields = [\"kinh-tee\""),
    )
    .unwrap();
    let server = start(s.path(), &[]);
    let page = get(server.port, "/");
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page.body.contains("Chưa dựng được trang"), "{}", page.body);
    assert!(
        page.body.contains("vinhdanh-errors"),
        "the overlay: {}",
        page.body
    );
    assert!(page.body.contains("Lĩnh vực “kinh-tee” không tồn tại"));
    std::fs::write(&person, good).unwrap();
    eventually("the site once fixed", || {
        get(server.port, "/").status == 200
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

/// Sends `request` as it is and reads the status, the headers and a `Content-Length` body
/// (an event stream's body is not waited for).
fn raw(port: u16, request: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut l = String::new();
        if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
            break;
        }
        head.push_str(&l);
    }
    let headers = head.to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    let length = headers
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = vec![0; length.unwrap_or(0)];
    let _ = reader.read_exact(&mut body);
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

const ROUTES: [&str; 8] = [
    "/",
    "/khen-thuong/",
    "/khen-thuong",
    "/assets/style.css",
    "/khong-co-trang-nay/",
    "/__vinhdanh/reload.js",
    "/__vinhdanh/overlay.css",
    "/__vinhdanh/events",
];

#[test]
fn other_host_names_are_refused_on_every_route() {
    let s = site();
    let server = start(s.path(), &["--drafts"]);
    let port = server.port;
    let wrong = port.wrapping_add(1).max(1);
    let hosts = [
        "evil.com".to_string(),
        format!("evil.com:{port}"),
        format!("localhost.evil.com:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("127.0.0.1:{wrong}"),
        format!("localhost:{wrong}"),
        format!("localhost.:{port}"),
        format!("a.localhost:{port}"),
        format!("[::2]:{port}"),
        format!("127.0.0.1:{port}@evil.com"),
        String::new(),
    ];
    for target in ROUTES {
        let mut requests: Vec<String> = hosts
            .iter()
            .map(|h| format!("GET {target} HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n"))
            .collect();
        // No Host at all, two of them, and a request target naming another host.
        requests.push(format!(
            "GET {target} HTTP/1.1\r\nConnection: close\r\n\r\n"
        ));
        requests.push(format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.com\r\nConnection: close\r\n\r\n"
        ));
        requests.push(format!(
            "GET http://evil.com{target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ));
        for request in &requests {
            let r = raw(port, request);
            assert_eq!(r.status, 421, "{request:?}: {}", r.headers);
            assert!(
                r.headers
                    .contains("content-type: text/plain; charset=utf-8"),
                "{request:?}"
            );
            assert!(r.body.contains("Bản xem trước từ chối"), "{request:?}");
            assert!(!r.headers.contains("location:"), "{request:?}");
        }
    }
    // The names of this machine are answered, with the port or without.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
    ] {
        for target in ["/", "/__vinhdanh/reload.js", "/__vinhdanh/events"] {
            let r = raw(
                port,
                &format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            );
            assert_eq!(r.status, 200, "{host} {target}");
        }
    }
}

#[test]
fn refusals_are_in_english_too_for_an_english_site() {
    let s = site();
    let toml = std::fs::read_to_string(s.path().join("site.toml")).unwrap();
    std::fs::write(
        s.path().join("site.toml"),
        toml.replace("language = \"vi\"", "language = \"en\""),
    )
    .unwrap();
    let server = start(s.path(), &[]);
    let r = raw(
        server.port,
        "GET / HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 421);
    let vi = r
        .body
        .find("Bản xem trước từ chối")
        .expect("Vietnamese first");
    let en = r.body.find("The preview refuses").expect("then English");
    assert!(vi < en, "{}", r.body);
}

#[test]
fn other_origins_are_refused_even_with_our_host() {
    let s = site();
    let server = start(s.path(), &[]);
    let port = server.port;
    for target in ["/__vinhdanh/events", "/", "/__vinhdanh/reload.js"] {
        for origin in [
            "http://evil.com".to_string(),
            "null".to_string(),
            format!("http://localhost.evil.com:{port}"),
            format!("http://127.0.0.1:{}", port.wrapping_add(1).max(1)),
            format!("https://127.0.0.1:{port}"),
        ] {
            let r = raw(
                port,
                &format!(
                    "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"
                ),
            );
            assert_eq!(r.status, 403, "{origin} {target}");
            assert!(r.body.contains("Bản xem trước từ chối"), "{origin}");
        }
        for origin in [
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ] {
            let r = raw(
                port,
                &format!(
                    "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"
                ),
            );
            assert_eq!(r.status, 200, "{origin} {target}");
        }
    }
}

/// Reads from `s` until the server closes it; the time it took, or `None` if still open after
/// `limit`. `drip` sends one more header byte every 200 ms meanwhile (slowloris).
fn closed_within(s: &mut TcpStream, limit: Duration, drip: bool) -> Option<Duration> {
    let start = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 65536];
    while start.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(start.elapsed()),
        }
        if drip && s.write_all(b"a").is_err() {
            return Some(start.elapsed());
        }
    }
    None
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let s = site();
    let server = start_with(
        s.path(),
        &[],
        &[("VINHDANH_SERVE_HEADER_TIMEOUT_MS", "800")],
    );
    let port = server.port;
    let limit = Duration::from_secs(6);
    // Slowloris: a header that never ends, one byte at a time.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ").unwrap();
    let t = closed_within(&mut slow, limit, true).expect("a slowloris client is dropped");
    assert!(t < Duration::from_secs(3), "dropped after {t:?}");
    // A connection that says nothing.
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let t = closed_within(&mut silent, limit, false).expect("a silent client is dropped");
    assert!(t < Duration::from_secs(3), "dropped after {t:?}");
    // A kept-alive connection left idle after its answer.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        idle,
        "GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let t = closed_within(&mut idle, limit, false).expect("an idle connection is closed");
    assert!(t < Duration::from_secs(3), "closed after {t:?}");
    // A client that keeps asking on one connection is served every time.
    let mut busy = TcpStream::connect(("127.0.0.1", port)).unwrap();
    busy.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(busy.try_clone().unwrap());
    for _ in 0..3 {
        write!(
            busy,
            "GET /__vinhdanh/reload.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.contains("200"), "{status}");
        let mut length = 0;
        loop {
            let mut l = String::new();
            reader.read_line(&mut l).unwrap();
            if let Some(v) = l.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if l == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        std::thread::sleep(Duration::from_millis(400));
    }
    // The default, without the test setting, is 10 s (checked by the unit tests); and the
    // server is still fine.
    assert_eq!(get(port, "/").status, 200);
}

#[test]
fn redirects_never_leave_the_preview() {
    let s = site();
    let server = start(s.path(), &[]);
    for target in [
        "//khen-thuong",
        "///khen-thuong",
        "//khen-thuong?x=1",
        "/%2F%2Fkhen-thuong",
        "/%2f/khen-thuong",
        "/.//khen-thuong",
        "//evil.com",
        "//evil.com/",
        "///evil.com",
        "/\\evil.com",
        "/%5Cevil.com",
        "/%2F%2Fevil.com",
        "/%2F%2Fevil.com/",
        "//evil.com/khen-thuong",
        "//evil.com%2Fkhen-thuong",
    ] {
        let r = get(server.port, target);
        if let Some(location) = r
            .headers
            .lines()
            .find_map(|l| l.strip_prefix("location:"))
            .map(str::trim)
        {
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.starts_with("/\\"),
                "{target} → {location}"
            );
        }
    }
    for target in ["//khen-thuong", "///khen-thuong", "/%2F%2Fkhen-thuong"] {
        let r = get(server.port, target);
        assert_eq!(r.status, 301, "{target}");
        assert!(
            r.headers.contains("location: /khen-thuong/\r\n"),
            "{target}: {}",
            r.headers
        );
    }
    let r = get(server.port, "//khen-thuong?x=1");
    assert!(
        r.headers.contains("location: /khen-thuong/?x=1"),
        "{}",
        r.headers
    );
}

/// Sends a signal with `kill`, then the time until the process has exited.
#[cfg(unix)]
fn stop_with(server: &mut Server, signal: &str) -> Option<Duration> {
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-s", signal, &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{signal}: {status}");
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_within_a_second_while_tabs_listen() {
    let s = site();
    for signal in ["INT", "TERM"] {
        let mut server = start(s.path(), &[]);
        let port = server.port;
        // Two tabs listening for reloads, one idle connection and a half-sent request.
        let mut tabs = Vec::new();
        for _ in 0..2 {
            let mut tab = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(
                tab,
                "GET /__vinhdanh/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
            )
            .unwrap();
            tab.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = BufReader::new(tab.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            assert!(line.contains("200"), "{line}");
            tabs.push(reader);
        }
        let _idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let mut half = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(half, "GET / HTTP/1.1\r\nHost: 127").unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let t = stop_with(&mut server, signal)
            .unwrap_or_else(|| panic!("SIG{signal}: serve still running after 5 s"));
        assert!(
            t < Duration::from_secs(1),
            "SIG{signal}: exited after {t:?}"
        );
        println!("SIG{signal}: exited after {t:?}");
        // The tabs' streams were ended, not left hanging.
        for mut tab in tabs {
            let mut rest = Vec::new();
            let _ = tab.read_to_end(&mut rest);
        }
    }
}

/// 200 clients for 10 seconds, zero errors. Slow, so run on demand:
/// `cargo test --release --test it serve:: -- --ignored --nocapture`.
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
