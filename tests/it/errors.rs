//! Output safety: a failed or killed build never touches the previous output, and the
//! build refuses output folders that are not its own.

use crate::util::*;
use std::path::Path;

fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_demo(tmp.path());
    tmp
}

fn staging_leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

#[test]
fn failed_build_keeps_previous_output() {
    let site = demo_copy();
    vinhdanh_ok(site.path(), &["build"]);
    let before = listing(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/awards/2024-9999-broken.md"),
        "+++\nnumber = \"1/QĐ-UBND\"\ndate = 2024-02-30\n+++\n",
    )
    .unwrap();
    let o = vinhdanh(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2024-9999-broken.md:3"), "{err}");
    assert!(err.contains("thư mục kết quả cũ được giữ nguyên"), "{err}");
    assert_eq!(
        listing(&site.path().join("public")),
        before,
        "public/ is untouched"
    );
    assert!(staging_leftovers(site.path()).is_empty());
}

#[test]
fn build_killed_while_writing_leaves_previous_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Thử\"\ncommune = \"Xã Thử\"\nbase_url = \"https://x.example\"\n",
    )
    .unwrap();
    let dir = root.join("content/people");
    std::fs::create_dir_all(&dir).unwrap();
    let story = "Một đoạn chuyện dài về việc tốt của người dân trong xã. ".repeat(40);
    for i in 0..2500 {
        std::fs::write(
            dir.join(format!("nguoi-{i}.md")),
            format!("+++\nname = \"Nguyễn Văn Đức {i}\"\ngiven_name = \"Đức {i}\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = {}\nconsent = true\n+++\n{story}\n", 2000 + i % 25),
        )
        .unwrap();
    }
    vinhdanh_ok(root, &["build"]);
    let out = root.join("public");
    let before = listing(&out);

    // Change every page, then kill the build while it writes its staging folder.
    let cfg = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), cfg.replace("Xã Thử", "Xã Thử Mới")).unwrap();
    let mut killed_mid_write = false;
    for _ in 0..5 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
            .arg("--root")
            .arg(root)
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let staging = root.join(format!(".public.tmp-{}", child.id()));
        let started = std::time::Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            let written = std::fs::read_dir(staging.join("guong-dien-hinh"))
                .map(|d| d.count())
                .unwrap_or(0);
            if written > 50 {
                child.kill().unwrap(); // SIGKILL on Unix
                child.wait().unwrap();
                killed_mid_write = true;
                break;
            }
            assert!(started.elapsed().as_secs() < 120);
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        if killed_mid_write {
            break;
        }
        // The build won the race: put the old output back and try again.
        std::fs::write(root.join("site.toml"), &cfg).unwrap();
        assert!(vinhdanh(root, &["build"]).status.success());
        std::fs::write(root.join("site.toml"), cfg.replace("Xã Thử", "Xã Thử Mới")).unwrap();
    }
    assert!(
        killed_mid_write,
        "could not catch the build while it was writing"
    );
    assert_eq!(
        listing(&out),
        before,
        "the previous output is whole after SIGKILL"
    );

    // The next build cleans up what the killed one left and succeeds.
    vinhdanh_ok(root, &["build"]);
    assert!(
        staging_leftovers(root).is_empty(),
        "{:?}",
        staging_leftovers(root)
    );
    assert!(std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("Xã Thử Mới"));
}

#[test]
fn refuses_dangerous_output_folders() {
    let site = demo_copy();
    let root = site.path();
    let refused = |out: &Path, extra: &[&str]| {
        let mut args = vec!["build", "--output", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = vinhdanh(root, &args);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, err) = refused(root, &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("không tạo trang vào"), "{err}");
    let (code, _) = refused(Path::new("/"), &[]);
    assert_eq!(code, Some(2));
    let (code, _) = refused(&root.join("content"), &["--force"]);
    assert_eq!(
        code,
        Some(2),
        "never inside the site's content, even with --force"
    );

    // A folder holding a site.
    let other_site = tempfile::tempdir().unwrap();
    std::fs::write(other_site.path().join("site.toml"), "").unwrap();
    let (code, err) = refused(other_site.path(), &["--force"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("site.toml"), "{err}");

    // A folder vinhdanh did not make: only with --force.
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("precious.txt"), "keep").unwrap();
    let (code, err) = refused(docs.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--force"), "{err}");
    assert!(docs.path().join("precious.txt").exists());
    let (code, _) = refused(docs.path(), &["--force"]);
    assert_eq!(code, Some(0));
    assert!(docs.path().join("index.html").exists());

    // Home folder.
    if let Some(home) = std::env::var_os("HOME") {
        let (code, _) = refused(Path::new(&home), &["--force"]);
        assert_eq!(code, Some(2));
    }
}

#[test]
fn nfd_file_builds_like_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let text: String = "+++\nname = \"Đặng Văn Ưng\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\nconsent = true\n+++\nMột câu chuyện.\n"
        .nfd()
        .collect();
    let site = demo_copy();
    std::fs::write(site.path().join("content/people/dang-van-ung.md"), text).unwrap();
    vinhdanh_ok(site.path(), &["build"]);
    let html = std::fs::read_to_string(
        site.path()
            .join("public/guong-dien-hinh/dang-van-ung/index.html"),
    )
    .unwrap();
    assert!(html.contains("<h1>Đặng Văn Ưng</h1>"), "NFC in the output");
}

#[test]
fn site_templates_override_theme_templates() {
    let site = demo_copy();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Riêng của xã</h1>{% endblock %}",
    )
    .unwrap();
    vinhdanh_ok(site.path(), &["build"]);
    let html = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(html.contains("Riêng của xã"));
}

#[test]
fn english_interface_with_language_en() {
    let site = demo_copy();
    let cfg = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        cfg.replace("language = \"vi\"", "language = \"en\""),
    )
    .unwrap();
    vinhdanh_ok(site.path(), &["build"]);
    let html = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(html.contains("Latest award decisions"));
    assert!(html.contains("lang=\"en\""));
}

/// A second build after editing one record writes only the files whose bytes changed: the
/// others keep their inode (hard links to the previous output), and the result is the same
/// as a build from scratch.
#[test]
fn rebuild_writes_only_changed_files() {
    use std::os::unix::fs::MetadataExt;
    let site = demo_copy();
    let out = site.path().join("public");
    let written = |o: &std::process::Output| -> (usize, usize) {
        let text = String::from_utf8_lossy(&o.stdout);
        let n = |after: &str| {
            let start = text.find(after).unwrap_or_else(|| panic!("{text}")) + after.len();
            text[start..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        };
        (n("; ghi "), n("giữ nguyên "))
    };
    let o = vinhdanh_ok(site.path(), &["build"]);
    let total = files(&out).len();
    assert_eq!(written(&o).0, total - 1, "first build writes everything");
    let inodes = |dir: &Path| -> std::collections::BTreeMap<String, u64> {
        files(dir)
            .into_iter()
            .map(|f| {
                let ino = std::fs::metadata(dir.join(&f)).unwrap().ino();
                (f, ino)
            })
            .collect()
    };
    let before = inodes(&out);
    let old_bytes = listing(&out);

    // Nothing changed: nothing is written.
    let o = vinhdanh(site.path(), &["build"]);
    assert_eq!(written(&o).0, 0, "{}", String::from_utf8_lossy(&o.stdout));
    let again = inodes(&out);
    let moved: Vec<&String> = before
        .keys()
        .filter(|f| again.get(*f) != before.get(*f))
        .collect();
    assert!(moved.is_empty() && again.len() == before.len(), "{moved:?}");

    // One record's summary changes.
    let record = site.path().join("content/people/nguyen-van-duc.md");
    let text = std::fs::read_to_string(&record).unwrap();
    let edited = text.replacen("summary = \"", "summary = \"Đã sửa: ", 1);
    assert_ne!(text, edited);
    std::fs::write(&record, edited).unwrap();
    let o = vinhdanh(site.path(), &["build"]);
    assert!(o.status.success());
    let (wrote, kept) = written(&o);
    let after = inodes(&out);
    let changed: Vec<&String> = after
        .keys()
        .filter(|f| {
            old_bytes
                .iter()
                .find(|(p, _)| p == *f)
                .is_none_or(|(_, b)| *b != std::fs::read(out.join(f)).unwrap())
        })
        .collect();
    assert!(changed.contains(&&"guong-dien-hinh/nguyen-van-duc/index.html".to_string()));
    assert!(
        wrote >= changed.len() && wrote < total / 4,
        "wrote {wrote}: {changed:?}"
    );
    assert_eq!(wrote + kept + 1, total, "plus the marker file");
    for (f, ino) in &after {
        assert_eq!(
            *ino == before[f],
            !changed.contains(&f),
            "{f}: unchanged files keep their inode, changed ones are new"
        );
    }

    // The kept files hold what a build from scratch would write.
    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().join("public");
    let o = vinhdanh(
        site.path(),
        &["build", "--output", fresh_out.to_str().unwrap()],
    );
    assert!(o.status.success());
    assert_eq!(listing(&out), listing(&fresh_out));
}

/// Each written file carries a fingerprint of its bytes (an extended attribute), which a
/// rebuild trusts only while the file keeps the size and modification time it was written
/// with: a page edited by hand in the output is put right, and a page whose fingerprint
/// does not match is written again rather than kept.
#[cfg(target_os = "linux")]
#[test]
fn rebuild_trusts_fingerprints_only_for_untouched_files() {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::io::AsRawFd;
    const ATTR: &std::ffi::CStr = c"user.vinhdanh.fingerprint";
    let site = demo_copy();
    let out = site.path().join("public");
    vinhdanh_ok(site.path(), &["build"]);
    let read_attr = |path: &Path| -> Option<[u8; 32]> {
        let f = std::fs::File::open(path).unwrap();
        let mut v = [0u8; 32];
        // SAFETY: a 32-byte buffer and a NUL-terminated name.
        let n = unsafe { libc::fgetxattr(f.as_raw_fd(), ATTR.as_ptr(), v.as_mut_ptr().cast(), 32) };
        (n == 32).then_some(v)
    };
    let home = out.join("index.html");
    let Some(mut fp) = read_attr(&home) else {
        eprintln!("skipped: this file system keeps no extended attributes");
        return;
    };
    let home_bytes = std::fs::read(&home).unwrap();
    let home_ino = std::fs::metadata(&home).unwrap().ino();

    // A page edited in place (same length; its time moves on, as any edit's does).
    let page = out.join("guong-dien-hinh/nguyen-van-duc/index.html");
    let built = std::fs::read(&page).unwrap();
    let at = built.windows(6).position(|w| w == b"<html ").unwrap() + 1;
    let mut edited = built.clone();
    edited[at] = b'H';
    let mtime = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::fs::write(&page, &edited).unwrap();
    let f = std::fs::File::options().write(true).open(&page).unwrap();
    f.set_modified(mtime + std::time::Duration::from_secs(2))
        .unwrap();
    drop(f);

    // The home page's fingerprint no longer matches its bytes (size and time still do).
    fp[0] ^= 0xff;
    let f = std::fs::File::open(&home).unwrap();
    // SAFETY: a 32-byte value and a NUL-terminated name.
    let set = unsafe { libc::fsetxattr(f.as_raw_fd(), ATTR.as_ptr(), fp.as_ptr().cast(), 32, 0) };
    assert_eq!(set, 0);
    drop(f);

    vinhdanh_ok(site.path(), &["build"]);
    assert_eq!(
        std::fs::read(&page).unwrap(),
        built,
        "the hand edit is undone"
    );
    assert_eq!(std::fs::read(&home).unwrap(), home_bytes);
    assert_ne!(
        std::fs::metadata(&home).unwrap().ino(),
        home_ino,
        "a file whose fingerprint disagrees is written again, not kept"
    );
    assert!(read_attr(&page).is_some() && read_attr(&home).is_some());
}

/// Files in the previous output are compared without following a link or waiting on a
/// FIFO placed where a page goes: the rebuild writes real files and leaves the link's
/// target alone.
#[cfg(target_os = "linux")]
#[test]
fn rebuild_ignores_links_and_fifos_in_the_old_output() {
    let site = demo_copy();
    let out = site.path().join("public");
    vinhdanh_ok(site.path(), &["build"]);
    let home = std::fs::read(out.join("index.html")).unwrap();
    // A link with the very bytes the page will have, pointing outside the output.
    let outside = site.path().join("outside.html");
    std::fs::write(&outside, &home).unwrap();
    std::fs::remove_file(out.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("index.html")).unwrap();
    // A FIFO where the 404 page goes: opening it for reading must not block the build.
    std::fs::remove_file(out.join("404.html")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(out.join("404.html"))
        .status()
        .unwrap();
    assert!(made.success());
    vinhdanh_ok(site.path(), &["build"]);
    for page in ["index.html", "404.html"] {
        let meta = std::fs::symlink_metadata(out.join(page)).unwrap();
        assert!(meta.file_type().is_file(), "{page} is not a regular file");
    }
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), home);
    assert_eq!(
        std::fs::read(&outside).unwrap(),
        home,
        "the link's target is untouched"
    );
}
