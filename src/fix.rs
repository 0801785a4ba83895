//! `vinhdanh check --fix`: the fixes that cannot change what a record means, applied before
//! the check. In each record file and `site.toml`:
//!
//! - curly quotes (“ ” ‘ ’ from Word or a phone keyboard) that open or close a value in the
//!   front matter become straight ones (curly quotes inside a quoted value are content and
//!   stay);
//! - non-breaking, narrow and figure spaces become ordinary spaces, and zero-width
//!   characters and byte-order marks inside the text are removed, everywhere (a name with a
//!   non-breaking space is not found by a search for it);
//! - the text is put in Unicode NFC (composed accents, as Vietnamese keyboards type them).
//!
//! A leading byte-order mark and Windows line ends (CRLF) are kept as the file had them.
//! A file in a legacy encoding (Windows-1258, VNI, TCVN3: found by `legacy`) is re-saved as
//! UTF-8 — a record or `site.toml` without a BOM, a CSV list with one, as Excel's "CSV
//! UTF-8" has, so Excel still opens it right — after the lines read from it are shown, the
//! old file kept beside it with a `~` after its name (never read as a record). Each changed
//! line is printed, before and after.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One fixed file: its path relative to the site and each changed line (number, before,
/// after).
#[derive(Debug, Clone)]
pub struct Fixed {
    pub path: PathBuf,
    pub lines: Vec<(usize, String, String)>,
    /// The legacy encoding the file was converted from, and where its old bytes are kept.
    pub converted: Option<(&'static str, PathBuf)>,
    /// Lines with Vietnamese letters as read in that encoding (number, text), the first few.
    pub read: Vec<(usize, String)>,
}

/// How many lines read from a converted file are shown.
const SHOWN_READ: usize = 6;

/// Applies the safe fixes to every record file and `site.toml` of the site at `root`.
pub fn fix_site(root: &Path) -> Result<Vec<Fixed>> {
    let (files, _) = crate::load::discover(root);
    let mut paths: Vec<(PathBuf, PathBuf)> = vec![(root.join("site.toml"), "site.toml".into())];
    paths.extend(files.into_iter().map(|(_, abs, rel)| (abs, rel)));
    let mut out = Vec::new();
    let site = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    for (abs, rel) in paths {
        // Only the site's own files: never a link, never through one to outside the site.
        let is_link = std::fs::symlink_metadata(&abs).map_or(true, |m| !m.file_type().is_file());
        let inside = std::fs::canonicalize(&abs).is_ok_and(|p| p.starts_with(&site));
        if is_link || !inside {
            continue;
        }
        let Ok(bytes) = std::fs::read(&abs) else {
            continue;
        };
        let whole_toml = rel == Path::new("site.toml");
        let (text, converted) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            // A legacy encoding: converted; bytes that look like none are left for
            // `check` to point at.
            Err(e) => match crate::legacy::detect(e.as_bytes()) {
                Some(enc) => (
                    crate::legacy::decode(e.as_bytes(), enc),
                    Some((enc.name(), e.into_bytes())),
                ),
                None => continue,
            },
        };
        let fixed = fix_text(&text, whole_toml);
        if fixed == text && converted.is_none() {
            continue;
        }
        let lines = changed_lines(&text, &fixed);
        out.push(save(&abs, rel, &fixed, "", converted, lines)?);
    }
    // The lists decisions read their recipients from, as Excel saved them.
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        let abs = entry.path();
        let csv = abs
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !csv || !entry.file_type().is_file() || crate::load::is_ignored(abs) {
            continue;
        }
        if !std::fs::canonicalize(abs).is_ok_and(|p| p.starts_with(&site)) {
            continue;
        }
        let Ok(bytes) = std::fs::read(abs) else {
            continue;
        };
        if std::str::from_utf8(&bytes).is_ok() {
            continue;
        }
        let (text, encoding) = crate::sheet::decode_csv(&bytes);
        let rel = abs.strip_prefix(root).unwrap_or(abs).to_path_buf();
        out.push(save(
            abs,
            rel,
            &text,
            "\u{FEFF}",
            Some((encoding, bytes)),
            Vec::new(),
        )?);
    }
    Ok(out)
}

/// Writes a fixed file (after `bom`); a converted one's old bytes first go beside it.
fn save(
    abs: &Path,
    rel: PathBuf,
    text: &str,
    bom: &str,
    converted: Option<(&'static str, Vec<u8>)>,
    lines: Vec<(usize, String, String)>,
) -> Result<Fixed> {
    let mut kept = None;
    let mut read = Vec::new();
    if let Some((name, old)) = converted {
        let mut backup = abs.as_os_str().to_owned();
        backup.push("~");
        let backup = PathBuf::from(backup);
        std::fs::write(&backup, old).map_err(|e| Error::io(&backup, e))?;
        let shown = rel.with_file_name(backup.file_name().unwrap_or_default());
        kept = Some((name, shown));
        read = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.is_ascii())
            .take(SHOWN_READ)
            .map(|(i, l)| (i + 1, l.trim_end_matches('\r').to_string()))
            .collect();
    }
    let mut bytes = Vec::with_capacity(bom.len() + text.len());
    bytes.extend_from_slice(bom.as_bytes());
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(abs, bytes).map_err(|e| Error::io(abs, e))?;
    Ok(Fixed {
        path: rel,
        lines,
        converted: kept,
        read,
    })
}

/// The fixed text of a file; `whole_toml` for `site.toml` (all of it is TOML), otherwise
/// only the front matter between the first two `+++` or `---` lines gets its quotes fixed.
pub(crate) fn fix_text(text: &str, whole_toml: bool) -> String {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(bom);
    let mut fence: Option<&str> = None;
    let mut in_front = whole_toml;
    let mut front_done = whole_toml;
    for (i, raw) in body.split_inclusive('\n').enumerate() {
        let (line, end) = match raw.strip_suffix("\r\n") {
            Some(l) => (l, "\r\n"),
            None => match raw.strip_suffix('\n') {
                Some(l) => (l, "\n"),
                None => (raw, ""),
            },
        };
        let spaced = spaces(line);
        let mut fixed = crate::text::nfc(&spaced).into_owned();
        let trimmed = fixed.trim();
        if !front_done {
            if i == 0 && (trimmed == "+++" || trimmed == "---") {
                fence = Some(if trimmed == "+++" { "+++" } else { "---" });
                in_front = true;
            } else if in_front && Some(trimmed) == fence {
                in_front = false;
                front_done = true;
            } else if in_front {
                fixed = straight_quotes(&fixed);
            } else {
                front_done = true;
            }
        } else if whole_toml {
            fixed = straight_quotes(&fixed);
        }
        out.push_str(&fixed);
        out.push_str(end);
    }
    out
}

/// Ordinary spaces for the space-like characters, nothing for the invisible ones.
fn spaces(line: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| {
        matches!(
            c,
            '\u{00A0}'
                | '\u{2007}'
                | '\u{202F}'
                | '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
    };
    if !line.chars().any(odd) {
        return line.into();
    }
    line.chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
            // A zero-width joiner or non-joiner could matter in other scripts, never in
            // Vietnamese front matter or text.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// A line of TOML or YAML front matter with the curly quotes that open and close values
/// made straight: a curly quote met outside a straight-quoted string opens a value (`"`),
/// and the next curly or straight quote on the line closes it. Quotes inside straight-quoted
/// values, and comments, are left alone.
fn straight_quotes(line: &str) -> String {
    let curly = |c: char| matches!(c, '“' | '”' | '„' | '″');
    let curly_single = |c: char| matches!(c, '‘' | '’');
    let mut out = String::with_capacity(line.len());
    // Inside a basic ("…") or literal ('…') string, and whether a curly quote opened it.
    let (mut basic, mut literal, mut escaped, mut opened_curly) = (false, false, false, false);
    for (i, c) in line.char_indices() {
        if basic {
            if opened_curly && curly(c) {
                out.push('"');
                basic = false;
                opened_curly = false;
                continue;
            }
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    basic = false;
                    opened_curly = false;
                }
                _ => {}
            }
            out.push(c);
            continue;
        }
        if literal {
            if opened_curly && curly_single(c) {
                out.push('\'');
                literal = false;
                opened_curly = false;
                continue;
            }
            if c == '\'' {
                literal = false;
                opened_curly = false;
            }
            out.push(c);
            continue;
        }
        match c {
            '#' => {
                // The rest is a comment: as written.
                out.push_str(&line[i..]);
                return out;
            }
            '"' => basic = true,
            '\'' => literal = true,
            c if curly(c) => {
                out.push('"');
                basic = true;
                opened_curly = true;
                continue;
            }
            c if curly_single(c) => {
                out.push('\'');
                literal = true;
                opened_curly = true;
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The lines that differ between two texts of the same number of lines.
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, a.to_string(), b.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_that_delimit_values_become_straight() {
        assert_eq!(
            straight_quotes("name = “Nguyễn Văn Đức”"),
            "name = \"Nguyễn Văn Đức\""
        );
        assert_eq!(straight_quotes("name = ‘An’"), "name = 'An'");
        assert_eq!(
            straight_quotes("fields = [“a”, “b”]"),
            "fields = [\"a\", \"b\"]"
        );
        // Inside straight quotes they are content.
        let inner = "title = \"Danh hiệu “Gia đình văn hóa”\"";
        assert_eq!(straight_quotes(inner), inner);
        // Opened curly, closed straight.
        assert_eq!(straight_quotes("name = “An\""), "name = \"An\"");
        // Comments are left as written.
        assert_eq!(
            straight_quotes("a = 1  # “chú thích”"),
            "a = 1  # “chú thích”"
        );
    }

    #[test]
    fn only_the_front_matter_gets_its_quotes_fixed_and_line_ends_are_kept() {
        let text = "\u{FEFF}+++\r\nname = “An”\r\nsubject\u{00A0}= \"ca-nhan\"\r\n+++\r\nÔng “An” nói\u{200B}.\r\n";
        let fixed = fix_text(text, false);
        assert_eq!(
            fixed,
            "\u{FEFF}+++\r\nname = \"An\"\r\nsubject = \"ca-nhan\"\r\n+++\r\nÔng “An” nói.\r\n"
        );
        // NFC: a decomposed ễ is composed.
        let nfd = "+++\nname = \"Nguye\u{0302}\u{0303}n\"\n+++\n";
        assert_eq!(fix_text(nfd, false), "+++\nname = \"Nguyễn\"\n+++\n");
        // Nothing to fix: the same text.
        let clean = "+++\nname = \"An\"\n+++\nBody\n";
        assert_eq!(fix_text(clean, false), clean);
    }
}
