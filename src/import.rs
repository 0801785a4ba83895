//! `vinhdanh import FILE --into AWARD.md`: the rows of a spreadsheet written into a
//! decision's front matter as `[[recipients]]` blocks, for those who prefer one file to a
//! decision and its list. The rows are read exactly as `recipients_file` reads them
//! (`sheet`), and nothing is written when one of them has a problem.

use crate::error::{msg, Diagnostic, Error, Result};
use crate::frontmatter::RecipientFm;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// The decision's file, as given.
    pub into: PathBuf,
    /// Recipients written.
    pub count: usize,
    pub sheet: Option<String>,
    /// The encoding a CSV file was read in.
    pub encoding: Option<&'static str>,
    /// Problems that did not stop it (columns not read).
    pub warnings: Vec<Diagnostic>,
    /// Whether a `recipients_file` line naming the list was taken out.
    pub unlinked: bool,
}

/// Writes the rows of `file` (sheet `sheet`, the first when none) into the decision
/// `into` of the site at `root`.
pub fn import(root: &Path, file: &Path, into: &Path, sheet: Option<&str>) -> Result<Imported> {
    let usage = |vi: String, en: String| Error::usage(vi, en);
    let content = root.join("content");
    let inside = |p: &Path| {
        let real = p.canonicalize().ok()?;
        let content = content.canonicalize().ok()?;
        real.starts_with(content).then_some(real)
    };
    let Some(target) = inside(into) else {
        return Err(usage(
            format!(
                "{} không phải tệp hồ sơ trong thư mục content/ của trang {}",
                into.display(),
                root.display()
            ),
            format!(
                "{} is not a record file in the content/ folder of the site {}",
                into.display(),
                root.display()
            ),
        ));
    };
    let rel_into = site_relative(root, &target);
    let bytes = std::fs::read(&target).map_err(|e| Error::io(&target, e))?;
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let crlf = memchr::memmem::find(&bytes, b"\r\n").is_some();
    let text = crate::source::decode(&rel_into, bytes).map_err(|d| Error::Content(vec![d]))?;
    let source =
        crate::source::split(&rel_into, text.clone()).map_err(|d| Error::Content(vec![d]))?;
    if !text.starts_with("+++") {
        return Err(usage(
            format!(
                "{}: chỉ ghi được vào phần đầu dạng TOML (giữa hai dòng +++)",
                rel_into.display()
            ),
            format!(
                "{}: only TOML front matter (between +++ lines) can be written to",
                rel_into.display()
            ),
        ));
    }
    let fm: crate::frontmatter::AwardFm = source.parse().map_err(|d| Error::Content(vec![d]))?;
    let abs_file = file.canonicalize().map_err(|e| Error::io(file, e))?;
    let rel_file = site_relative(root, &abs_file);
    let table =
        crate::sheet::read(&abs_file, &rel_file, sheet).map_err(|d| Error::Content(vec![d]))?;
    let (rows, diags) = crate::sheet::recipients(&table, &rel_file, &fm.allow, fm.subject);
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    if rows.is_empty() {
        return Err(Error::Content(vec![Diagnostic::error(
            "no-recipients",
            &rel_file,
            0,
            msg(
                "danh sách không có dòng người được khen nào dưới dòng tiêu đề",
                "the list has no recipient rows under its header row",
            ),
        )]));
    }
    // The list written into the file replaces a `recipients_file` line naming it.
    let file_name = abs_file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut unlinked = false;
    let mut lines: Vec<String> = Vec::new();
    let mut fences = 0;
    let mut insert_at = None;
    for line in text.lines() {
        if line.trim_end() == "+++" {
            fences += 1;
            if fences == 2 && insert_at.is_none() {
                insert_at = Some(lines.len());
            }
        }
        if fences == 1 {
            let key = line.split('=').next().unwrap_or("").trim();
            let value = line.split_once('=').map(|(_, v)| v).unwrap_or("");
            if key == "recipients_file" && value.contains(file_name) {
                unlinked = true;
                continue;
            }
            if key == "recipients_sheet" && unlinked {
                continue;
            }
        }
        lines.push(line.to_string());
    }
    let Some(at) = insert_at else {
        return Err(usage(
            format!("{}: không thấy dòng +++ đóng phần đầu", rel_into.display()),
            format!("{}: the closing +++ line was not found", rel_into.display()),
        ));
    };
    let mut block = vec![
        String::new(),
        format!(
            "# {} người được khen, chép từ {}{} ngày {}",
            rows.len(),
            file_name,
            table
                .sheet
                .as_deref()
                .map(|s| format!(" (trang “{s}”)"))
                .unwrap_or_default(),
            crate::date::Date::today().vietnamese()
        ),
    ];
    for r in &rows {
        block.push(String::new());
        block.extend(toml_block(r));
    }
    // No blank line doubled before the closing +++.
    let mut at = at;
    while at > 0 && lines[at - 1].trim().is_empty() {
        lines.remove(at - 1);
        at -= 1;
    }
    let imported = Imported {
        into: into.to_path_buf(),
        count: rows.len(),
        sheet: table.sheet.clone(),
        encoding: table.encoding,
        warnings,
        unlinked,
    };
    finish(
        &rel_into,
        &target,
        lines,
        at,
        block,
        (had_bom, crlf),
        imported,
    )
}

/// Puts the blocks in, checks that the decision still reads, and writes it.
fn finish(
    rel: &Path,
    target: &Path,
    mut lines: Vec<String>,
    at: usize,
    block: Vec<String>,
    (bom, crlf): (bool, bool),
    imported: Imported,
) -> Result<Imported> {
    lines.splice(at..at, block);
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    if bom {
        out.push('\u{FEFF}');
    }
    for l in &lines {
        out.push_str(l);
        out.push_str(eol);
    }
    // What is written must read back as a decision (a value this module quoted wrongly
    // would otherwise break the clerk's file).
    let check = crate::source::split(
        rel,
        out.replace("\r\n", "\n")
            .trim_start_matches('\u{FEFF}')
            .to_string(),
    )
    .and_then(|s| s.parse::<crate::frontmatter::AwardFm>());
    if let Err(d) = check {
        return Err(Error::Content(vec![d]));
    }
    std::fs::write(target, out).map_err(|e| Error::io(target, e))?;
    Ok(imported)
}

fn site_relative(root: &Path, abs: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    abs.strip_prefix(&root).unwrap_or(abs).to_path_buf()
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `[[recipients]]` block, keys in the order of the decision template.
fn toml_block(r: &RecipientFm) -> Vec<String> {
    let mut out = vec![
        "[[recipients]]".to_string(),
        format!("name = {}", quoted(&r.name)),
    ];
    if let Some(s) = r.subject {
        out.push(format!("subject = \"{}\"", s.key()));
    }
    let mut text = |key: &str, v: &Option<String>| {
        if let Some(v) = v {
            out.push(format!("{key} = {}", quoted(v)));
        }
    };
    text("given_name", &r.given_name);
    text("position", &r.position);
    text("unit", &r.unit);
    text("form", &r.form);
    text("achievement", &r.achievement);
    text("person", &r.person);
    text("id", &r.id);
    if r.posthumous {
        out.push("posthumous = true".to_string());
    }
    if r.direct_worker {
        out.push("direct_worker = true".to_string());
    }
    if let Some(a) = r.amount {
        out.push(format!("amount = {a}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_for_toml() {
        assert_eq!(quoted(r#"Ông "Ba" \ Tư"#), r#""Ông \"Ba\" \\ Tư""#);
        assert_eq!(quoted("a\u{7}b"), "\"a\\u0007b\"");
        let r = RecipientFm {
            name: "Nguyễn Văn Đức".into(),
            given_name: None,
            subject: Some(crate::model::Subject::Household),
            position: None,
            unit: Some("Thôn Đông".into()),
            form: None,
            achievement: None,
            posthumous: true,
            direct_worker: false,
            amount: Some(700_000),
            person: None,
            id: None,
            place: None,
            sources: Vec::new(),
            origin: None,
        };
        assert_eq!(
            toml_block(&r),
            [
                "[[recipients]]",
                "name = \"Nguyễn Văn Đức\"",
                "subject = \"ho-gia-dinh\"",
                "unit = \"Thôn Đông\"",
                "posthumous = true",
                "amount = 700000",
            ]
        );
    }
}
