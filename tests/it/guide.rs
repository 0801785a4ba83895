//! The clerk's "first hour" guide (docs/src/can-bo/gio-dau-tien.md, issue 16 item 8),
//! followed literally on a fresh folder: every `vinhdanh …` line of its command blocks is
//! run as written (in the folder its `cd` lines move to), the decision is edited the way
//! step 4 says, the Excel list is the table the guide shows, and what the guide says the
//! commands print is what they print. `serve` is left out (it runs until stopped; the
//! preview has tests of its own).

use crate::util::*;
use std::path::{Path, PathBuf};

fn guide() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/can-bo/gio-dau-tien.md"),
    )
    .unwrap()
}

/// The lines of the guide's ```sh blocks, in order.
fn commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```") {
            inside = line.trim() == "```sh";
            continue;
        }
        if inside && !line.trim().is_empty() {
            out.push(line.trim().to_string());
        }
    }
    out
}

/// Splits a command line as a shell does for these simple lines (double quotes group).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

fn run(dir: &Path, args: &[String]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The guide's example list: the rows of its table with a `STT` header.
fn table(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip_while(|l| !l.starts_with("| STT |"))
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn write_list(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("DS").unwrap();
    ws.write_string(0, 0, "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
        .unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(2 + r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// Step 4's edits, as the guide words them.
fn edit_decision(path: &Path, list: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find("# Mỗi người hoặc tập thể được khen là một khối [[recipients]].")
        .expect("the block the guide says to delete");
    let end = text[start..].find("+++").unwrap() + start;
    let text = format!("{}{}", &text[..start], &text[end..]);
    let text = text.replace(
        "# recipients_file = \"danh-sach.xlsx\"",
        &format!("recipients_file = \"{list}\""),
    );
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("draft = true"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_first_hour_guide_works_as_written_on_a_fresh_folder() {
    let text = guide();
    let cmds = commands(&text);
    assert!(
        cmds.iter().any(|c| c.starts_with("vinhdanh init")),
        "{cmds:?}"
    );
    let rows = table(&text);
    assert_eq!(rows[0][..2], ["STT".to_string(), "Họ và tên".to_string()]);
    let names: Vec<String> = rows[1..].iter().map(|r| r[1].clone()).collect();
    assert!(names.len() >= 2, "{rows:?}");
    let list = text
        .split("recipients_file = \"")
        .nth(2)
        .and_then(|r| r.split('"').next())
        .expect("the list's name in step 4")
        .to_string();

    let tmp = tempfile::tempdir().unwrap();
    let mut dir: PathBuf = tmp.path().to_path_buf();
    let mut decision: Option<PathBuf> = None;
    for line in &cmds {
        let w = words(line);
        match w[0].as_str() {
            "cd" => {
                dir = dir.join(&w[1]);
                continue;
            }
            "vinhdanh" => {}
            other => panic!("the guide runs {other}: add it to this test"),
        }
        if w[1] == "serve" {
            continue;
        }
        if w[1] == "check" && w.len() == 2 {
            // Step 4 happens before the first check: the list and the edits.
            let d = decision.as_ref().expect("new came first");
            write_list(&d.parent().unwrap().join(&list), &rows);
            edit_decision(d, &list);
        }
        let o = run(&dir, &w[1..]);
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{line}:\n{out}\n{err}");
        match w[1].as_str() {
            "--version" => assert!(out.starts_with("vinhdanh "), "{out}"),
            "init" => {
                assert!(out.contains("đã tạo trang mới trong"), "{out}");
                assert!(out.contains("vinhdanh serve --drafts"), "{out}");
            }
            "new" => {
                let rel = out
                    .strip_prefix("đã tạo ")
                    .and_then(|r| r.split(" (").next())
                    .unwrap();
                assert!(
                    rel.starts_with("content/awards/") && rel.ends_with("-2-qd-ubnd.md"),
                    "{out}"
                );
                decision = Some(dir.join(rel));
            }
            "check" if w.len() == 2 => {
                assert!(
                    out.contains("không có lỗi (0 cảnh báo)"),
                    "as step 4 says: {out}\n{err}"
                )
            }
            "build" => {
                let public = dir.join("public");
                let rel = decision.as_ref().unwrap().strip_prefix(&dir).unwrap();
                let slug = rel.file_stem().unwrap().to_str().unwrap();
                let page = files(&public)
                    .into_iter()
                    .find(|f| f.ends_with(&format!("{slug}/index.html")))
                    .expect("the decision's page");
                let html = std::fs::read_to_string(public.join(page)).unwrap();
                for n in &names {
                    assert!(html.contains(n.as_str()), "{n} on the page");
                }
            }
            _ => {}
        }
    }
    assert!(decision.is_some() && dir.join("public/index.html").is_file());
}

/// Step 5's example: four mistakes (Word's quotes, a mistyped key, a date with dots, a form
/// the list writes wrong) are four messages of one run, as the screenshot shows.
#[test]
fn the_guide_s_four_mistakes_are_four_messages_of_one_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trang-xa");
    let o = vinhdanh(
        tmp.path(),
        &[
            "init",
            dir.to_str().unwrap(),
            "--commune",
            "Tân Việt",
            "--province",
            "Hải Phòng",
            "--base-url",
            "https://thiduakhenthuong.tanviet.gov.vn",
        ],
    );
    assert!(o.status.success());
    let o = vinhdanh_ok(&dir, &["new", "quyet-dinh", "Về việc tặng Giấy khen"]);
    let rel = String::from_utf8_lossy(&o.stdout)
        .strip_prefix("đã tạo ")
        .and_then(|r| r.split(" (").next())
        .unwrap()
        .to_string();
    let path = dir.join(&rel);
    let text = guide();
    let mut rows = table(&text);
    rows[2][4] = "Giấy khen huyện".into();
    write_list(&path.parent().unwrap().join("2026-2-danh-sach.xlsx"), &rows);
    edit_decision(&path, "2026-2-danh-sach.xlsx");
    let broken = mistakes(&std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, broken).unwrap();
    let (code, v) = check_json(&dir);
    assert_eq!(code, 1);
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 4, "{v:#}");
    for c in [
        "curly-quotes",
        "unknown-key",
        "bad-date",
        "unknown-reference",
    ] {
        assert!(codes.contains(&c), "{c}: {v:#}");
    }
}

/// The guide's four mistakes put into a decision made by `new` (also used to make the
/// screenshot, see scripts/guide-screenshots.sh).
pub fn mistakes(text: &str) -> String {
    let title = text
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .to_string();
    let curly = title.replacen('"', "“", 1).replacen('"', "”", 1);
    let date = text.lines().find(|l| l.starts_with("date = ")).unwrap();
    let iso = date.split_whitespace().nth(2).unwrap();
    let (y, rest) = iso.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    text.replace(&title, &curly)
        .replace(date, &format!("date = {d}.{m}.{y}"))
        .replace("type = ", "tpye = ")
}
