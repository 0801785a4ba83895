//! The same input gives byte-identical output whatever the number of threads, the order
//! the file system lists the content files in, the folder the site sits in, or the date
//! of the build; and no page carries the build's own date.
//!
//! Each site (the demo, and a generated one of 400 records) is copied twice, its files
//! created in opposite orders, and built three times with the real binary:
//!
//! | build | copy | `RAYON_NUM_THREADS` | `VINHDANH_TODAY` |
//! |---|---|---|---|
//! | a | forward | 1 | 2091-03-17 |
//! | b | forward | 4 | 2107-10-02 |
//! | c | reverse | 4 | unset (the real clock) |
//!
//! b and c are compared with a, every file's path and bytes (the calendar's `DTSTAMP`, the
//! build's day by RFC 5545, set aside).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use vinhdanh::date::Date;

/// Two far-future "todays" (no record of either site is dated near them).
const TODAY_A: &str = "2091-03-17";
const TODAY_B: &str = "2107-10-02";

/// Relative path → bytes of every file of a built site.
type Snapshot = BTreeMap<String, Vec<u8>>;

/// A scratch folder for the copies and outputs. On Linux it is on tmpfs (`/dev/shm`), which
/// lists a folder's entries newest first, so the two copies list their files in opposite
/// orders; ext4 lists hashed folders in name-hash order whatever the creation order, which
/// would make the reversed copy prove nothing.
fn scratch() -> (tempfile::TempDir, bool) {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new()
            .prefix("vinhdanh-deterministic-")
            .tempdir_in(shm)
        {
            return (dir, true);
        }
    }
    let dir = tempfile::Builder::new()
        .prefix("vinhdanh-deterministic-")
        .tempdir()
        .unwrap();
    (dir, false)
}

/// The parts of a site folder that are input (those `crate::util::copy_demo` copies: the demo's
/// theme is the built-in one).
const SITE_PARTS: [&str; 4] = ["site.toml", "content", "static", "templates"];

/// Every input path of the site at `src` (folders and files), relative, sorted by name.
fn input_paths(src: &Path) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    for part in SITE_PARTS {
        let from = src.join(part);
        if !from.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&from).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(src).unwrap().to_path_buf();
            out.push((rel, entry.file_type().is_dir()));
        }
    }
    out
}

/// Copies the site at `src` into `dest`, creating folders and files in name order, or in
/// the reverse of it.
fn copy_site(src: &Path, dest: &Path, reverse: bool) {
    let mut paths = input_paths(src);
    if reverse {
        paths.reverse();
    }
    std::fs::create_dir_all(dest).unwrap();
    for (rel, _) in paths.iter().filter(|(_, dir)| *dir) {
        std::fs::create_dir_all(dest.join(rel)).unwrap();
    }
    for (rel, _) in paths.iter().filter(|(_, dir)| !*dir) {
        std::fs::copy(src.join(rel), dest.join(rel)).unwrap();
    }
}

/// The raw listing order (`read_dir`, unsorted) of every content folder.
fn names_in(root: &Path) -> Vec<Vec<String>> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
        .map(|d| {
            std::fs::read_dir(d.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .collect()
}

/// `vinhdanh --root ROOT build --output OUT` with the given thread count and "today".
fn build(root: &Path, out: &Path, threads: &str, today: Option<&str>) -> Snapshot {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vinhdanh"));
    cmd.arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .env_remove("VINHDANH_TIMINGS");
    match today {
        Some(d) => cmd.env("VINHDANH_TODAY", d),
        None => cmd.env_remove("VINHDANH_TODAY"),
    };
    let o = cmd.output().expect("the vinhdanh binary runs");
    assert!(
        o.status.success(),
        "build of {} failed:\n{}{}",
        root.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    crate::util::files(out)
        .into_iter()
        .map(|rel| {
            let mut bytes = std::fs::read(out.join(&rel)).unwrap();
            if rel.ends_with(".ics") {
                bytes = without_stamp(&bytes, today);
            }
            (rel, bytes)
        })
        .collect()
}

/// The calendar of comment periods is the one file that carries the build's date, as RFC
/// 5545 asks (`DTSTAMP`, the day the file was made): the stamp of the build's own day is
/// set aside for the comparison, and any other stamp is kept to fail it.
fn without_stamp(bytes: &[u8], today: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let day = match today {
        Some(d) => Date::parse(d).unwrap(),
        None => vinhdanh::date::Date::today(),
    };
    let stamp = format!(
        "DTSTAMP:{:04}{:02}{:02}T000000Z\r\n",
        day.year, day.month, day.day
    );
    text.replace(&stamp, "DTSTAMP:(the build's day)\r\n")
        .into_bytes()
}

/// A short, readable excerpt of `bytes` around `at`.
fn excerpt(bytes: &[u8], at: usize) -> String {
    let start = at.saturating_sub(80);
    let end = (at + 80).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}

/// Panics with the first difference between two builds.
fn assert_same(what: &str, a: &Snapshot, b: &Snapshot) {
    let (pa, pb): (BTreeSet<&String>, BTreeSet<&String>) = (a.keys().collect(), b.keys().collect());
    let only_a: Vec<_> = pa.difference(&pb).take(10).collect();
    let only_b: Vec<_> = pb.difference(&pa).take(10).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: the builds have different files ({} against {}); only in the first: {only_a:?}; only in the second: {only_b:?}",
        a.len(),
        b.len()
    );
    let differing: Vec<&String> = a
        .iter()
        .filter(|(path, bytes)| b[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    if let Some(first) = differing.first() {
        let (x, y) = (&a[*first], &b[*first]);
        let at = x
            .iter()
            .zip(y.iter())
            .position(|(p, q)| p != q)
            .unwrap_or(x.len().min(y.len()));
        let line = x[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        panic!(
            "{what}: {} of {} files differ ({:?}{}).\nFirst: {first}, {} against {} bytes, first difference at byte {at} (line {line}):\n--- first build\n{}\n--- second build\n{}",
            differing.len(),
            a.len(),
            &differing[..differing.len().min(10)],
            if differing.len() > 10 { ", …" } else { "" },
            x.len(),
            y.len(),
            excerpt(x, at),
            excerpt(y, at),
        );
    }
}

/// The ways a page could write a date: ISO, Vietnamese, the long Vietnamese and English
/// forms of official documents.
fn date_forms(d: Date) -> Vec<String> {
    vec![d.iso(), d.vietnamese(), d.long("vi"), d.long("en")]
}

/// Today's dates anywhere on Earth (UTC−12 to UTC+14), at `at`.
fn todays(at: SystemTime) -> BTreeSet<Date> {
    let secs = at.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    [-12, 0, 7, 14]
        .iter()
        .map(|h| Date::from_days((secs + h * 3600).div_euclid(86_400)))
        .collect()
}

/// The text of every input file of a site, to tell dates the records hold from dates the
/// build added.
fn input_text(root: &Path) -> String {
    input_paths(root)
        .iter()
        .filter(|(_, dir)| !*dir)
        .filter_map(|(rel, _)| std::fs::read(root.join(rel)).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Panics when a text file of `built` holds one of `dates` that the input does not.
fn assert_no_build_date(what: &str, built: &Snapshot, input: &str, dates: &[String]) {
    let suspects: Vec<&String> = dates
        .iter()
        .filter(|d| !input.contains(d.as_str()))
        .collect();
    assert!(!suspects.is_empty());
    for (path, bytes) in built {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for date in &suspects {
            if let Some(at) = text.find(date.as_str()) {
                panic!(
                    "{what}: {path} holds the build's date “{date}”, which no input file holds:\n{}",
                    excerpt(bytes, at)
                );
            }
        }
    }
}

/// Copies the site at `src` twice, builds a, b and c (see the top of the file) and compares.
fn check_site(what: &str, src: &Path) {
    let started = Instant::now();
    let clock_before = SystemTime::now();
    let (tmp, tmpfs) = scratch();
    let forward = tmp.path().join("forward");
    let reverse = tmp.path().join("reverse");
    copy_site(src, &forward, false);
    copy_site(src, &reverse, true);
    let (lf, lr) = (names_in(&forward), names_in(&reverse));
    assert_eq!(lf.len(), lr.len());
    if lf == lr {
        assert!(
            !tmpfs,
            "{what}: the two copies list their files in the same order"
        );
        eprintln!(
            "{what}: note: this file system lists both copies in the same order, so the reversed copy does not test listing order"
        );
    }

    let a = build(&forward, &tmp.path().join("out-a"), "1", Some(TODAY_A));
    let b = build(&forward, &tmp.path().join("out-b"), "4", Some(TODAY_B));
    let c = build(&reverse, &tmp.path().join("out-c"), "4", None);
    assert!(a.len() > 100, "{what}: only {} files were built", a.len());

    let mut dates: BTreeSet<Date> = todays(clock_before);
    dates.extend(todays(SystemTime::now()));
    for today in [TODAY_A, TODAY_B] {
        dates.insert(Date::parse(today).unwrap());
    }
    let forms: Vec<String> = dates.into_iter().flat_map(date_forms).collect();
    let input = input_text(src);
    for (name, built) in [("build a", &a), ("build b", &b), ("build c", &c)] {
        assert_no_build_date(&format!("{what}, {name}"), built, &input, &forms);
    }

    assert_same(
        &format!("{what}: 1 thread, today {TODAY_A} (a) against 4 threads, today {TODAY_B} (b)"),
        &a,
        &b,
    );
    assert_same(
        &format!(
            "{what}: forward copy, 1 thread (a) against reversed copy, 4 threads, real clock (c)"
        ),
        &a,
        &c,
    );
    let bytes: usize = a.values().map(Vec::len).sum();
    eprintln!(
        "{what}: 3 builds of {} files ({:.1} MB) identical, in {:.1?}",
        a.len(),
        bytes as f64 / 1e6,
        started.elapsed()
    );
}

#[test]
fn demo_site_builds_the_same_bytes() {
    check_site("demo site", &crate::util::demo_root());
}

#[test]
fn generated_site_builds_the_same_bytes() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("site");
    vinhdanh_gen::generate(400, &src).expect("the site generator writes the site");
    check_site("generated site (400 records)", &src);
}
