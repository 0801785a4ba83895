//! Load stage: every problem of a front matter in one run. The parsers (serde over `toml`
//! and `serde-saphyr`) stop at the first problem; a clerk with five mistakes in a file
//! would need five rounds of `check`. So after a failure the front matter is edited and
//! parsed again, problem after problem:
//!
//! - the line with the problem is blanked (with the rest of its value when that spans
//!   lines, or the whole block when it is a `[[table]]` header), keeping every other line
//!   where it was so later messages keep their line numbers;
//! - a required key thus blanked, or missing from the start, gets a placeholder value of
//!   the first type that parses, so the keys and blocks after it are still checked (a key
//!   missing from the start needs a line of its own: then the record is not resolved);
//! - the messages a blanked line causes (the key it held is now missing) are not
//!   reported: they are not the clerk's.
//!
//! When the edited front matter parses, the record goes on to be resolved with its
//! problems, so its unknown references are found in the same run too; messages about the
//! placeholders' lines are dropped there.

use crate::error::Diagnostic;
use crate::source::{Format, SourceFile};
use serde::de::DeserializeOwned;

/// At most this many problems are looked for in one file.
const MAX_PROBLEMS: usize = 200;
/// At most this many bytes are parsed in all while recovering one file (the file's size
/// times the rounds): a huge file with thousands of mistakes is not parsed thousands of
/// times.
const MAX_WORK: usize = 64 * 1_048_576;

/// Values tried, in order, for a required key that has to be there for parsing to go on:
/// text, a date, a number, a list, a yes/no, a table, then the values of the closed lists
/// (award types, subjects, movement kinds, change actions).
const PLACEHOLDERS: [&str; 10] = [
    "\"x\"",
    "2000-01-01",
    "0",
    "[]",
    "false",
    "{}",
    "\"cong-trang\"",
    "\"ca-nhan\"",
    "\"thuong-xuyen\"",
    "\"huy-bo\"",
];

/// A front matter that did not parse at first.
pub(crate) struct Recovered<T> {
    /// The record read from the edited front matter, when that parsed with every line
    /// where it was.
    pub value: Option<T>,
    /// Every problem found, in the order found; never empty.
    pub problems: Vec<Diagnostic>,
    /// File lines (1-based) holding a placeholder or blanked, whose later messages are
    /// not the clerk's.
    pub patched: Vec<usize>,
}

impl<T> Recovered<T> {
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Recovered<U> {
        Recovered {
            value: self.value.map(f),
            problems: self.problems,
            patched: self.patched,
        }
    }
}

/// One line of the front matter being edited, and where it was in the file.
struct Line {
    text: String,
    /// 0-based line of the original front matter; none for a line put in.
    origin: Option<usize>,
}

/// Parses `src`'s front matter; after a failure, finds every problem (see the module's
/// documentation). On recovery with every line in place, `src` holds the edited front
/// matter.
pub(crate) fn parse_all<T: DeserializeOwned>(src: &mut SourceFile) -> Result<T, Recovered<T>> {
    let first = match src.parse::<T>() {
        Ok(v) => return Ok(v),
        Err(d) => d,
    };
    let fm = src.front_matter().to_string();
    let mut lines: Vec<Line> = fm
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            text: t.to_string(),
            origin: Some(i),
        })
        .collect();
    let mut problems = Vec::new();
    // (current index, key) of each line blanked, for the messages that follow from it.
    let mut blanked: Vec<(usize, String)> = Vec::new();
    let mut patched: Vec<usize> = Vec::new();
    let mut shifted = false;
    let mut work = fm.len();
    let mut err = first;
    let mut value = None;
    let mut last_blank: Option<usize> = None;
    let front_line = src.front_line;
    let format = src.format;
    loop {
        if matches!(err.code, "too-deep" | "too-large") {
            problems.push(err);
            break;
        }
        let current = err
            .line
            .checked_sub(front_line)
            .filter(|&c| c < lines.len());
        let missing = missing_key(&err);
        // A key blanked above, now missing: put a placeholder on its line instead.
        if let Some(key) = &missing {
            let table = current.map_or(0, |c| c);
            let own = blanked
                .iter()
                .rev()
                .find(|(i, k)| {
                    k == key && table_of(&lines, *i, format) == table_at(&lines, table, format)
                })
                .map(|(i, _)| *i);
            if let Some(i) = own {
                match place_holder(src, &mut lines, i, key, &err, format, &mut work) {
                    Some(Ok(v)) => {
                        value = Some(v);
                        break;
                    }
                    Some(Err(next)) => {
                        err = next;
                        continue;
                    }
                    None => break,
                }
            }
        }
        // Parsers report in reading order: a new problem above the line just blanked
        // is that blank's doing (a list left without its items), not the clerk's.
        if missing.is_none() && current.zip(last_blank).is_some_and(|(c, b)| c < b) {
            break;
        }
        // The message points into the original file.
        if let Some(o) = current.and_then(|c| lines[c].origin) {
            err.line = front_line + o;
        } else if current.is_some() {
            // A message about a line put in: not the clerk's.
            break;
        }
        problems.push(err.clone());
        if problems.len() >= MAX_PROBLEMS || work > MAX_WORK {
            break;
        }
        let Some(c) = current else {
            break;
        };
        let next = if let Some(block) = missing_block(&err) {
            // A key written twice in a block: the header of the next block is missing.
            // The blank line above takes it (lines stay where they are), or a line is
            // put in for it.
            let header = format!("[[{block}]]");
            match c.checked_sub(1).filter(|&p| is_blank(&lines[p].text)) {
                Some(p) => {
                    if let Some(o) = lines[p].origin {
                        patched.push(front_line + o);
                    }
                    lines[p].text = header;
                }
                None => {
                    lines.insert(
                        c,
                        Line {
                            text: header,
                            origin: None,
                        },
                    );
                    shifted = true;
                    for b in &mut blanked {
                        if b.0 >= c {
                            b.0 += 1;
                        }
                    }
                }
            }
            let text = joined(&lines);
            work += text.len();
            src.parse_text::<T>(&text)
        } else if let Some(key) = missing {
            // Missing from the start: a line of its own after the block's header (or
            // before the first header, for the record's own keys).
            if format != Format::Toml {
                break;
            }
            let at = if lines[c].text.trim_start().starts_with('[') {
                c + 1
            } else {
                lines
                    .iter()
                    .position(|l| l.text.trim_start().starts_with('['))
                    .unwrap_or(lines.len())
            };
            lines.insert(
                at,
                Line {
                    text: String::new(),
                    origin: None,
                },
            );
            shifted = true;
            for b in &mut blanked {
                if b.0 >= at {
                    b.0 += 1;
                }
            }
            match place_holder(src, &mut lines, at, &key, &err, format, &mut work) {
                Some(r) => r,
                None => break,
            }
        } else {
            if lines[c].text.trim().is_empty() {
                // Blanked already: the problem is not on this line alone.
                break;
            }
            last_blank = Some(c);
            // A mistyped key (`tpye`): the key it was meant to be is now missing, which
            // is the same mistake, not another one.
            if err.code == "unknown-key" {
                if let Some(h) = err
                    .hint
                    .as_ref()
                    .filter(|h| h.en.starts_with("did you mean"))
                {
                    for meant in h.en.split('"').skip(1).step_by(2) {
                        blanked.push((c, meant.to_string()));
                    }
                }
            }
            for i in extent(&lines, c, format) {
                if let Some(key) = key_of(&lines[i].text, format) {
                    blanked.push((i, key));
                }
                if let Some(o) = lines[i].origin {
                    patched.push(front_line + o);
                }
                lines[i].text.clear();
            }
            let text = joined(&lines);
            work += text.len();
            src.parse_text::<T>(&text)
        };
        match next {
            Ok(v) => {
                value = Some(v);
                break;
            }
            Err(d) => err = d,
        }
    }
    let value = if shifted { None } else { value };
    if value.is_some() {
        src.replace_front_matter(&joined(&lines));
    }
    Err(Recovered {
        value,
        problems,
        patched,
    })
}

/// The block a "missing `[[block]]` line" message names.
fn missing_block(d: &Diagnostic) -> Option<String> {
    if d.code != "missing-block" {
        return None;
    }
    let rest = d.message.en.split("[[").nth(1)?;
    let name = rest.split("]]").next()?;
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| name.to_string())
}

/// A blank line or a comment: what a missing header may take the place of.
fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The front matter the edited lines make.
fn joined(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The key a "missing key" message names.
fn missing_key(d: &Diagnostic) -> Option<String> {
    (d.code == "missing-key")
        .then(|| d.message.en.strip_prefix("missing key `"))
        .flatten()
        .and_then(|r| r.split('`').next())
        .map(str::to_string)
}

/// Puts `key = placeholder` on line `i`, trying each placeholder until the message about
/// `key` goes: the parse that follows, or none when no placeholder does.
fn place_holder<T: DeserializeOwned>(
    src: &SourceFile,
    lines: &mut [Line],
    i: usize,
    key: &str,
    err: &Diagnostic,
    format: Format,
    work: &mut usize,
) -> Option<Result<T, Diagnostic>> {
    let indent: String = match format {
        Format::Toml => String::new(),
        // A YAML key of a list item sits under the item's first key.
        Format::Yaml => lines
            .get(i.wrapping_sub(1))
            .map(|l| {
                let t = &l.text;
                let spaces = t.len() - t.trim_start().len();
                let item = t.trim_start().starts_with("- ");
                " ".repeat(spaces + if item { 2 } else { 0 })
            })
            .unwrap_or_default(),
    };
    for p in PLACEHOLDERS {
        lines[i].text = match format {
            Format::Toml => format!("{key} = {p}"),
            Format::Yaml => format!("{indent}{key}: {p}"),
        };
        let text = joined(lines);
        *work += text.len();
        match src.parse_text::<T>(&text) {
            Ok(v) => return Some(Ok(v)),
            Err(d) => {
                let same = d.line == err.line && d.message == err.message;
                let here = d.line.checked_sub(src.front_line) == Some(i);
                if !same && !here {
                    return Some(Err(d));
                }
            }
        }
    }
    lines[i].text.clear();
    None
}

/// The lines blanked for a problem on line `c`: a `[[table]]` header with its block; a
/// value with the lines it continues on (an open list or multi-line string); a YAML key
/// with the lines indented under it.
fn extent(lines: &[Line], c: usize, format: Format) -> std::ops::Range<usize> {
    let line = lines[c].text.as_str();
    let t = line.trim_start();
    let end = match format {
        Format::Toml if t.starts_with('[') => lines[c + 1..]
            .iter()
            .position(|l| l.text.trim_start().starts_with('['))
            .map_or(lines.len(), |p| c + 1 + p),
        Format::Toml => {
            let mut depth = open_brackets(line);
            let mut multi =
                line.matches("\"\"\"").count() % 2 == 1 || line.matches("'''").count() % 2 == 1;
            let mut e = c + 1;
            while (depth > 0 || multi) && e < lines.len() {
                let l = &lines[e].text;
                if multi {
                    if l.contains("\"\"\"") || l.contains("'''") {
                        multi = false;
                    }
                } else {
                    depth += open_brackets(l);
                }
                e += 1;
            }
            e
        }
        Format::Yaml => {
            let indent = line.len() - t.len();
            let list_under = t.ends_with(':');
            let mut e = c + 1;
            while e < lines.len() {
                let l = &lines[e].text;
                let lt = l.trim_start();
                let li = l.len() - lt.len();
                let item = lt == "-" || lt.starts_with("- ");
                let under = lt.is_empty() || li > indent || (list_under && li == indent && item);
                if !under {
                    break;
                }
                e += 1;
            }
            // Trailing blank lines are not part of it.
            while e > c + 1 && lines[e - 1].text.trim().is_empty() {
                e -= 1;
            }
            e
        }
    };
    c..end.max(c + 1)
}

/// Opening minus closing brackets outside quoted strings and comments.
fn open_brackets(line: &str) -> i32 {
    crate::text::outside_quotes(line)
        .take_while(|&(_, c)| c != '#')
        .map(|(_, c)| match c {
            '[' | '{' => 1,
            ']' | '}' => -1,
            _ => 0,
        })
        .sum()
}

/// The key a line sets (`name = …`, `name: …`, `- name: …`), if any.
fn key_of(line: &str, format: Format) -> Option<String> {
    let t = line.trim_start();
    let (key, _) = match format {
        Format::Toml => t.split_once('=')?,
        Format::Yaml => t.trim_start_matches("- ").split_once(':')?,
    };
    // Without what made the line fail: an invisible space, a curly or straight quote.
    let key: String = key
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    let key = key.as_str();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

/// The header line of the block holding line `i` (TOML `[[…]]`, YAML list item), or 0.
fn table_of(lines: &[Line], i: usize, format: Format) -> usize {
    (0..=i.min(lines.len().saturating_sub(1)))
        .rev()
        .find(|&j| header(&lines[j].text, format))
        .unwrap_or(0)
}

/// The block a message's line names: the line itself when it is a header, else 0 (the
/// record's own keys).
fn table_at(lines: &[Line], i: usize, format: Format) -> usize {
    match lines.get(i) {
        Some(l) if header(&l.text, format) => i,
        _ if format == Format::Yaml => table_of(lines, i, format),
        _ => 0,
    }
}

fn header(line: &str, format: Format) -> bool {
    let t = line.trim_start();
    match format {
        Format::Toml => t.starts_with('['),
        Format::Yaml => t.starts_with("- "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::AwardFm;
    use std::path::Path;

    fn source(text: &str) -> SourceFile {
        crate::source::split(Path::new("content/awards/a.md"), text.to_string()).unwrap()
    }

    fn codes(r: &Recovered<AwardFm>) -> Vec<(usize, &'static str)> {
        r.problems.iter().map(|d| (d.line, d.code)).collect()
    }

    const GOOD: &str = "+++\nnumber = \"1/QĐ-UBND\"\ntitle = \"Về việc khen thưởng\"\ndate = 2024-05-01\nissuer = \"ubnd-xa\"\ntype = \"cong-trang\"\nfields = [\"van-hoa\"]\n\n[[recipients]]\nname = \"Nguyễn Văn An\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Có thành tích.\"\n\n[[recipients]]\nname = \"Lê Thị Bình\"\nsubject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Có thành tích.\"\n+++\n";

    #[test]
    fn a_clean_file_parses_at_once() {
        let mut s = source(GOOD);
        assert!(parse_all::<AwardFm>(&mut s).is_ok());
    }

    #[test]
    fn every_problem_is_found_with_its_line_and_the_record_still_read() {
        let text = GOOD
            .replace("title = \"Về việc khen thưởng\"", "title = “Về việc khen thưởng”")
            .replace("type = \"cong-trang\"", "type = \"cong-trang\"\ndecison = \"x\"")
            .replace("date = 2024-05-01", "date = \"32/13/2024\"")
            .replace("subject = \"ca-nhan\"\nform = \"giay-khen\"\nachievement = \"Có thành tích.\"\n+++", "subject = \"canhan\"\nform = \"giay-khen\"\nachievement = \"Có thành tích.\"\n+++");
        let mut s = source(&text);
        let r = parse_all::<AwardFm>(&mut s).unwrap_err();
        let mut found = codes(&r);
        found.sort();
        assert_eq!(
            found,
            [
                (3, "curly-quotes"),
                (4, "bad-value"),
                (7, "unknown-key"),
                (18, "unknown-value")
            ],
            "{:#?}",
            r.problems
        );
        let fm = r.value.expect("read with placeholders");
        assert_eq!(fm.recipients.len(), 2);
        assert_eq!(fm.recipients[0].name, "Nguyễn Văn An");
        assert_eq!(r.patched.len(), 4, "{:?}", r.patched);
        // The lines are where they were.
        assert_eq!(s.line_text(11), "name = \"Nguyễn Văn An\"");
    }

    #[test]
    fn a_key_missing_from_the_start_is_reported_and_the_blocks_after_it_checked() {
        let text = GOOD.replacen("name = \"Nguyễn Văn An\"\n", "", 1).replace(
            "name = \"Lê Thị Bình\"",
            "name = \"Lê Thị Bình\"\nfrom = \"x\"",
        );
        let mut s = source(&text);
        let r = parse_all::<AwardFm>(&mut s).unwrap_err();
        assert_eq!(
            codes(&r),
            [(9, "missing-key"), (16, "unknown-key")],
            "{:#?}",
            r.problems
        );
        assert!(r.value.is_none(), "a line was put in: not resolved");
    }

    #[test]
    fn a_missing_block_line_and_a_list_over_lines() {
        let text = GOOD
            .replace(
                "fields = [\"van-hoa\"]",
                "fields = [\n  \"van-hoa\",\n  42,\n]",
            )
            .replace(
                "\n[[recipients]]\nname = \"Lê Thị Bình\"",
                "\nname = \"Lê Thị Bình\"",
            );
        let mut s = source(&text);
        let r = parse_all::<AwardFm>(&mut s).unwrap_err();
        let mut found = codes(&r);
        found.sort();
        assert_eq!(
            found,
            [(9, "wrong-type"), (18, "missing-block")],
            "{:#?}",
            r.problems
        );
        // The blank line above became the missing header: both people are read.
        let fm = r.value.expect("read with the header put back");
        assert_eq!(fm.recipients.len(), 2);
        assert_eq!(fm.recipients[1].name, "Lê Thị Bình");
    }

    #[test]
    fn yaml_problems_are_found_too() {
        let text = "---\ntitle: Về việc khen thưởng\ndate: 2024-05-01\nissuer: ubnd-xa\ntype: cong-trang\nfields: [van-hoa]\nnumbr: 1\nrecipients:\n  - name: An\n    subject: canhan\n    form: giay-khen\n    achievement: x\n---\n";
        let mut s = source(text);
        let r = parse_all::<AwardFm>(&mut s).unwrap_err();
        let found = codes(&r);
        assert_eq!(
            found,
            [(7, "unknown-key"), (10, "unknown-value")],
            "{:#?}",
            r.problems
        );
    }
}
