//! Safety promises tested as a careless or hostile user would break them: output folders
//! spelt to reach the site, symlinked output folders, files vinhdanh did not write, stale
//! staging folders that are not its own, spreadsheet formulas in the open data, a
//! `base_url` that is not a web address, colliding `[paths]` and names too long for a file
//! system.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The demo site copied into `<tmp>/site`; returns (tmp, site).
fn demo_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().canonicalize().unwrap().join("site");
    std::fs::create_dir_all(&site).unwrap();
    copy_demo(&site);
    (tmp, site)
}

/// Every path under `dir` with its bytes (links listed as their target).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = if e.path_is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .display()
                    .to_string()
                    .into_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (rel, bytes)
        })
        .collect();
    out.sort();
    out
}

/// `vinhdanh build -o OUT` run from the folder `cwd`, the site given by `--root`.
fn build_from(cwd: &Path, site: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .current_dir(cwd)
        .env("HOME", cwd.parent().unwrap().join("home"))
        .arg("--root")
        .arg(site)
        .args(["build", "-o", out])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn no_spelling_of_the_output_reaches_the_site() {
    let (tmp, site) = demo_site();
    let base = site.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(base.join("home/vd")).unwrap();
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::create_dir_all(site.join("themes/mine")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.join("content"), base.join("to-content")).unwrap();
        std::os::unix::fs::symlink(&site, base.join("to-site")).unwrap();
        std::os::unix::fs::symlink("../../site/static", base.join("home/vd/rel-static")).unwrap();
    }
    let before = snapshot(&base);
    let mut spellings = vec![
        "nonexist/../content",
        "nonexist/../../site",
        "./content/",
        "content//people",
        "content/./people/../awards",
        "a/b/../../static",
        "missing/../templates/x",
        "themes/mine/out",
        ".",
        "./",
        "..",
        "nonexist/../..",
        "nonexist/../../",
        "content/../",
        "//",
        "/",
        "../home",
        "../home/vd/..",
    ];
    if cfg!(unix) {
        spellings.extend([
            "../to-content",
            "../to-content/x/y",
            "../to-site",
            "../to-site/content/people",
            "../to-site/nonexist/../static",
            "../home/vd/rel-static/x",
        ]);
    }
    for out in spellings {
        for extra in [&[][..], &["--force"][..]] {
            let o = build_from(&site, &site, out, extra);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "-o {out} {extra:?}: {err}");
            assert!(err.contains("không tạo trang vào"), "-o {out}: {err}");
        }
    }
    assert!(
        snapshot(&base) == before,
        "a refused build changed nothing, created no folder"
    );
    // The same spellings that end in a fresh folder are fine, and written where they say.
    let o = build_from(&site, &site, "nonexist/../public//", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(site.join("public/index.html").is_file());
    assert!(!site.join("nonexist").exists(), "no stray folder is made");
    drop(tmp);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_built_through_and_never_emptied() {
    let (_tmp, site) = demo_site();
    let base = site.parent().unwrap().to_path_buf();
    let www = base.join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("other-site.html"), "not ours").unwrap();
    std::os::unix::fs::symlink(www.join("site"), site.join("public")).unwrap();

    // A link to a folder that does not exist yet: the folder is made where the link points.
    vinhdanh_ok(&site, &["build"]);
    let link = std::fs::symlink_metadata(site.join("public")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(www.join("site/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(www.join("other-site.html")).unwrap(),
        "not ours"
    );
    // Rebuilt through the link: still a link, the target replaced atomically beside it.
    vinhdanh_ok(&site, &["build"]);
    assert!(std::fs::symlink_metadata(site.join("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    let leftovers: Vec<String> = std::fs::read_dir(&www)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut leftovers = leftovers;
    leftovers.sort();
    assert_eq!(leftovers, ["other-site.html", "site"]);

    // A file someone put into the web root is not deleted: the build stops and says so.
    std::fs::write(www.join("site/google1234.html"), "verification").unwrap();
    std::fs::create_dir_all(www.join("site/.well-known")).unwrap();
    std::fs::write(www.join("site/.well-known/security.txt"), "contact").unwrap();
    let o = vinhdanh(&site, &["build"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("google1234.html") && err.contains("--force"),
        "{err}"
    );
    assert!(www.join("site/google1234.html").is_file());
    assert!(www.join("site/.well-known/security.txt").is_file());
    // With --force the whole folder is replaced.
    vinhdanh_ok(&site, &["build", "--force"]);
    assert!(!www.join("site/google1234.html").exists());
    assert!(www.join("site/index.html").is_file());
    assert!(www.join("other-site.html").is_file());
}

#[test]
fn a_rebuild_deletes_only_files_vinhdanh_wrote() {
    let tmp = tiny_site("", "");
    let site = tmp.path();
    let extra = site.join("content/pages/trang-phu.md");
    std::fs::create_dir_all(extra.parent().unwrap()).unwrap();
    std::fs::write(&extra, "+++\ntitle = \"Trang phụ\"\n+++\nNội dung.\n").unwrap();
    vinhdanh_ok(site, &["build"]);
    let out = site.join("public");
    assert!(out.join("trang-phu/index.html").is_file());
    // A record removed: its page was vinhdanh's own and goes with it.
    std::fs::remove_file(&extra).unwrap();
    vinhdanh_ok(site, &["build"]);
    assert!(!out.join("trang-phu").exists());
    // A file added by hand in a folder vinhdanh made is not deleted: the build stops.
    std::fs::write(out.join("khen-thuong/ghi-chu.txt"), "notes").unwrap();
    let o = vinhdanh(site, &["build"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("khen-thuong/ghi-chu.txt"), "{err}");
    assert!(out.join("khen-thuong/ghi-chu.txt").is_file());
    assert!(out.join("index.html").is_file(), "the output stays whole");
    // Nor is a link someone made, nor what it points to.
    std::fs::remove_file(out.join("khen-thuong/ghi-chu.txt")).unwrap();
    #[cfg(unix)]
    {
        let precious = site.join("precious.txt");
        std::fs::write(&precious, "keep").unwrap();
        std::os::unix::fs::symlink(&precious, out.join("link.txt")).unwrap();
        let o = vinhdanh(site, &["build"]);
        assert_eq!(o.status.code(), Some(2));
        vinhdanh_ok(site, &["build", "--force"]);
        assert!(!out.join("link.txt").exists());
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep");
    }
    vinhdanh_ok(site, &["build"]);
}

#[cfg(target_os = "linux")]
#[test]
fn stale_staging_folders_are_removed_only_when_provably_ours() {
    let (_tmp, site) = demo_site();
    // Process numbers above the kernel's maximum (2^22) are never alive.
    let dead = |n: u32| format!(".public.tmp-{}", 4_194_304 + n);
    let ours = site.join(dead(1));
    std::fs::create_dir_all(ours.join("khen-thuong")).unwrap();
    std::fs::write(ours.join(".vinhdanh-output"), "vinhdanh").unwrap();
    // Named like ours, but no marker: kept.
    let unmarked = site.join(dead(2));
    std::fs::create_dir_all(&unmarked).unwrap();
    std::fs::write(unmarked.join("important.txt"), "keep").unwrap();
    // Marked, but holding a site: kept.
    let site_like = site.join(dead(3));
    std::fs::create_dir_all(site_like.join("content")).unwrap();
    std::fs::write(site_like.join(".vinhdanh-output"), "vinhdanh").unwrap();
    std::fs::write(site_like.join("site.toml"), "title = \"x\"").unwrap();
    // A link with our name: neither followed nor removed.
    let target = site.parent().unwrap().join("elsewhere");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join(".vinhdanh-output"), "vinhdanh").unwrap();
    std::fs::write(target.join("data.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(&target, site.join(dead(4))).unwrap();
    // A name that only starts like ours.
    let other = site.join(format!("{}x", dead(5)));
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join(".vinhdanh-output"), "vinhdanh").unwrap();

    vinhdanh_ok(&site, &["build"]);
    assert!(!ours.exists(), "our own stale folder is removed");
    assert!(unmarked.join("important.txt").is_file());
    assert!(site_like.join("site.toml").is_file());
    assert!(std::fs::symlink_metadata(site.join(dead(4))).is_ok());
    assert!(target.join("data.txt").is_file());
    assert!(other.is_dir());
}

/// A small site whose one decision carries the given recipient fields.
fn tiny_site(recipient_extra: &str, site_extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let achievement = if recipient_extra.contains("achievement") {
        ""
    } else {
        "achievement = \"Đã có thành tích xuất sắc.\"\n"
    };
    let put = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    put(
        "site.toml",
        &format!("title = \"Thử\"\ncommune = \"Xã Thử\"\nbase_url = \"https://x.example\"\n{site_extra}\n[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"Chủ tịch UBND xã\"\nlevel = \"xa\"\n"),
    );
    put(
        "content/awards/2024-45.md",
        &format!("+++\nnumber = \"45/QĐ-UBND\"\ndate = 2024-12-20\nissuer = \"ubnd-xa\"\ntype = \"cong-trang\"\nfields = [\"kinh-te\"]\nyear = 2024\n\n[[recipients]]\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\n{recipient_extra}\n{achievement}+++\n"),
    );
    tmp
}

#[test]
fn open_data_cells_cannot_be_spreadsheet_formulas() {
    let cells = [
        "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "＝1+1",
    ];
    for cell in cells {
        let toml_cell = serde_json::to_string(cell).unwrap();
        let site = tiny_site(
            &format!("achievement = {toml_cell}\nunit = {toml_cell}\nposition = {toml_cell}"),
            "",
        );
        vinhdanh_ok(site.path(), &["build"]);
        let out = site.path().join("public/du-lieu");
        let csv = std::fs::read_to_string(out.join("khen-thuong.csv")).unwrap();
        let mut reader =
            csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let row = reader.records().next().unwrap().unwrap();
        for column in ["achievement", "unit", "position"] {
            let i = headers.iter().position(|h| h == column).unwrap();
            assert_eq!(
                row.get(i).unwrap(),
                format!("'{cell}"),
                "{column} of {cell:?}"
            );
        }
        // Every text cell of the file, header included, is safe to open.
        for record in csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
            .records()
        {
            for c in record.unwrap().iter() {
                let first = c.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "{c:?}"
                );
            }
        }
        // JSON keeps the exact text.
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("khen-thuong.json")).unwrap())
                .unwrap();
        assert_eq!(json[0]["achievement"], cell);
    }
}

/// `check --format json`: (exit code, diagnostics).
fn diagnostics_of(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let (code, report) = check_json(root);
    (code, report["diagnostics"].as_array().unwrap().clone())
}

#[test]
fn base_url_must_be_an_http_address() {
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)//",
        "data:text/html,<script>alert(1)</script>",
        "ftp://x.example",
        "file:///etc/passwd",
        "x.example",
        "//x.example",
        "https://",
        "https://user:pass@x.example",
        "https://x.example/\"><script>alert(1)</script>",
        "https://x.example/?q=1",
        "",
    ] {
        let toml = serde_json::to_string(bad).unwrap();
        let tmp = tiny_site("", "");
        let path = tmp.path().join("site.toml");
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\"https://x.example\"", &toml);
        std::fs::write(&path, text).unwrap();
        let (code, diags) = diagnostics_of(tmp.path());
        assert_eq!(code, 1, "{bad}: {diags:?}");
        let d = diags
            .iter()
            .find(|d| d["message"].as_str().unwrap().contains("base_url"))
            .unwrap_or_else(|| panic!("{bad}: {diags:?}"));
        assert_eq!(d["file"], "site.toml");
        assert_eq!(d["line"], 3, "{bad}");
    }
    for good in [
        "https://x.example",
        "http://127.0.0.1:8000/",
        "https://x.example/xa/",
    ] {
        let tmp = tiny_site("", "");
        let path = tmp.path().join("site.toml");
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("https://x.example", good);
        std::fs::write(&path, text).unwrap();
        assert_eq!(check_json(tmp.path()).0, 0, "{good}");
    }
}

#[test]
fn colliding_section_paths_are_an_error() {
    for (paths, line) in [
        ("[paths]\npeople = \"tim-kiem\"\n", 5),
        ("[paths]\nawards = \"nam\"\nyears = \"nam\"\n", 6),
        ("[paths]\nunits = \"assets\"\n", 5),
    ] {
        let tmp = tiny_site("", paths);
        let (code, diags) = diagnostics_of(tmp.path());
        assert_eq!(code, 1, "{paths}: {diags:?}");
        let d = diags
            .iter()
            .find(|d| d["code"] == "duplicate-slug")
            .unwrap_or_else(|| panic!("{paths}: {diags:?}"));
        assert_eq!(d["file"], "site.toml");
        assert_eq!(d["line"], line, "{paths}: {d}");
        // Nothing is lost silently in a build either.
        let o = vinhdanh(tmp.path(), &["build"]);
        assert_eq!(o.status.code(), Some(1));
    }
}

#[test]
fn names_too_long_for_a_file_system_are_content_errors_or_shortened() {
    // A record whose file name makes a slug too long for a folder name.
    let tmp = tiny_site("", "");
    let long_name = "Khen thưởng cho tập thể và cá nhân có thành tích ".repeat(4);
    let p = tmp
        .path()
        .join(format!("content/pages/{}.md", long_name.trim()));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, "+++\ntitle = \"Trang dài\"\n+++\nNội dung.\n").unwrap();
    let (code, diags) = diagnostics_of(tmp.path());
    assert_eq!(code, 1, "{diags:?}");
    let d = diags.iter().find(|d| d["code"] == "slug-too-long").unwrap();
    assert!(d["file"]
        .as_str()
        .unwrap()
        .starts_with("content/pages/Khen"));
    assert!(d["hint"].as_str().unwrap().contains("slug = "));
    std::fs::remove_file(&p).unwrap();

    // An explicit slug of 300 characters: the error points at its line.
    std::fs::write(
        tmp.path().join("content/pages/dai.md"),
        format!(
            "+++\ntitle = \"Trang dài\"\nslug = \"{}\"\n+++\n",
            "a".repeat(300)
        ),
    )
    .unwrap();
    let (code, diags) = diagnostics_of(tmp.path());
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "slug-too-long").unwrap();
    assert_eq!(d["line"], 3);
    std::fs::remove_file(tmp.path().join("content/pages/dai.md")).unwrap();

    // A unit name of 400 characters is free text: its page gets a shortened stable address.
    let unit = "Hội Cựu chiến binh thôn Đông Khê ".repeat(12);
    let site = tiny_site(&format!("unit = \"{}\"", unit.trim()), "");
    vinhdanh_ok(site.path(), &["build"]);
    let out = site.path().join("public");
    let units: Vec<String> = std::fs::read_dir(out.join("don-vi"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("hoi-cuu-chien-binh"))
        .collect();
    assert_eq!(units.len(), 1, "{units:?}");
    assert!(units[0].len() <= 120, "{}", units[0]);
    let (checked, broken) = check_links(&out);
    assert!(checked > 0);
    assert!(broken.is_empty(), "{broken:?}");
}
