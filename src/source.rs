//! Reading record files: bytes → UTF-8 text (BOM, CRLF, NFC) → front matter and body.

use crate::error::{msg, Diagnostic, Msg};
use crate::text;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The syntax of a record's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
}

/// One record file, split and normalised, with the line numbers needed for messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, for messages.
    pub path: PathBuf,
    /// The whole text, NFC with LF line endings.
    pub text: String,
    pub format: Format,
    /// Byte range of the front matter inside `text`.
    pub front: std::ops::Range<usize>,
    /// 1-based line in the file of the first front-matter line.
    pub front_line: usize,
    /// Byte offset of the body inside `text`.
    pub body_start: usize,
    /// Set once the body has been let go ([`SourceFile::release_body`]): its first line
    /// and whether it held anything but blanks.
    released: Option<(usize, bool)>,
    /// Where values, keys and blocks are written, indexed the first time a file asks for
    /// more than a few positions: a file with twenty thousand mistakes gets each message's
    /// line without reading the whole front matter once per message.
    positions: Positions,
}

/// How many positions a file looks up by reading its front matter before it indexes them.
const SCANS_BEFORE_INDEX: usize = 8;

/// How many values not written whole (a phone number inside a sentence) a file still looks
/// for line by line once it has an index; the rest point at the front matter's first line.
const SCANS_AFTER_INDEX: usize = 256;

/// The lazily built index of a file's positions (see [`SourceFile::positions`]).
#[derive(Debug, Default)]
struct Positions {
    asked: std::sync::atomic::AtomicUsize,
    scanned: std::sync::atomic::AtomicUsize,
    index: std::sync::OnceLock<PositionIndex>,
}

impl Clone for Positions {
    fn clone(&self) -> Self {
        Positions::default()
    }
}

/// 0-based front-matter lines: the first line of each value written, of each key set,
/// and the lines of each `[[table]]` header (or YAML list item under `table:`).
#[derive(Debug, Default)]
struct PositionIndex {
    /// Byte offset in the front matter of each of its lines.
    line_starts: Vec<usize>,
    values: std::collections::HashMap<Box<str>, usize>,
    keys: std::collections::HashMap<Box<str>, usize>,
    tables: std::collections::HashMap<Box<str>, Vec<usize>>,
}

impl PositionIndex {
    fn build(fm: &str, format: Format) -> PositionIndex {
        let mut ix = PositionIndex {
            line_starts: std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', fm.as_bytes()).map(|i| i + 1))
                .collect(),
            ..PositionIndex::default()
        };
        // YAML: the list whose items are being read, and its indent.
        let mut yaml_list: Option<(&str, usize)> = None;
        for (i, line) in fm.lines().enumerate() {
            let t = line.trim_start();
            let indent = line.len() - t.len();
            // Quoted values, however many a line holds (`fields = ["a", "b"]`).
            for quote in ['"', '\''] {
                let parts: Vec<&str> = line.split(quote).collect();
                // Between the 1st and 2nd quote, the 3rd and 4th…: a closed quoted value.
                for value in parts
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .take(parts.len().saturating_sub(1) / 2)
                {
                    ix.values.entry((*value).into()).or_insert(i);
                }
            }
            match format {
                Format::Toml => {
                    if let Some(name) = t
                        .trim_end()
                        .strip_prefix("[[")
                        .and_then(|r| r.strip_suffix("]]"))
                    {
                        ix.tables.entry(name.trim().into()).or_default().push(i);
                        continue;
                    }
                }
                Format::Yaml => {
                    if let Some((list, base)) = yaml_list {
                        if t.starts_with("- ") && indent >= base {
                            ix.tables.entry(list.into()).or_default().push(i);
                        } else if !t.is_empty() && indent <= base {
                            yaml_list = None;
                        }
                    }
                }
            }
            let kv = t.trim_start_matches("- ");
            if let Some(at) = kv.find(['=', ':']) {
                let key = kv[..at].trim();
                if !key.is_empty() && !key.contains(char::is_whitespace) {
                    ix.keys.entry(key.into()).or_insert(i);
                    let value = kv[at + 1..].trim();
                    if format == Format::Yaml {
                        if value.is_empty() {
                            yaml_list = Some((key, indent));
                        } else {
                            // Unquoted YAML values are written bare.
                            ix.values.entry(value.into()).or_insert(i);
                        }
                    }
                }
            }
        }
        ix
    }
}

impl SourceFile {
    pub fn front_matter(&self) -> &str {
        &self.text[self.front.clone()]
    }

    /// The body's text (empty once released).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    /// Whether the body holds anything but blanks.
    pub fn has_body(&self) -> bool {
        match self.released {
            Some((_, has)) => has,
            None => !self.body().trim().is_empty(),
        }
    }

    /// 1-based line of the body's first line.
    pub fn body_line(&self) -> usize {
        match self.released {
            Some((line, _)) => line,
            None => line_of(&self.text, self.body_start),
        }
    }

    /// Keeps only the text up to the end of the front matter, which is all that later
    /// messages point into, once the body has been rendered and checked. Its memory goes
    /// back to the allocator at once, to hold the next file read on this thread, rather
    /// than every file of the site staying in memory until the records are resolved.
    pub fn release_body(&mut self) {
        if self.released.is_none() {
            self.released = Some((self.body_line(), self.has_body()));
            let keep = self.body_start.min(self.text.len());
            self.text.truncate(keep);
            self.text.shrink_to_fit();
        }
    }

    /// Replaces the front matter with `fm` (an edited copy with the same lines, from
    /// `recover`), so later messages point into what was read.
    pub(crate) fn replace_front_matter(&mut self, fm: &str) {
        let old = self.front.clone();
        let delta = fm.len() as isize - old.len() as isize;
        self.text.replace_range(old.clone(), fm);
        self.front = old.start..old.start + fm.len();
        self.body_start = (self.body_start as isize + delta).max(0) as usize;
        self.positions = Positions::default();
    }

    /// The text of a 1-based line of the file.
    pub fn line_text(&self, line: usize) -> &str {
        if let (Some(i), Some(ix)) = (line.checked_sub(self.front_line), self.index()) {
            let fm = self.front_matter();
            if let Some(&start) = ix.line_starts.get(i).filter(|&&st| st < fm.len()) {
                let end = ix
                    .line_starts
                    .get(i + 1)
                    .map_or(fm.len(), |&e| e.saturating_sub(1));
                return fm
                    .get(start..end.max(start))
                    .unwrap_or("")
                    .trim_end_matches('\r');
            }
        }
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// 1-based column (in characters) of `needle` on a line, 0 when it is not there.
    pub fn column_of(&self, line: usize, needle: &str) -> usize {
        let text = self.line_text(line);
        match text.find(needle) {
            Some(i) => text[..i].chars().count() + 1,
            None => 0,
        }
    }

    /// Where a value is written: (line, column, length in characters).
    pub fn span_of_value(&self, needle: &str) -> (usize, usize, usize) {
        let line = self.line_of_value(needle);
        (line, self.column_of(line, needle), needle.chars().count())
    }

    /// The index of positions, once this file has asked for more than a few.
    fn index(&self) -> Option<&PositionIndex> {
        use std::sync::atomic::Ordering;
        if self.positions.asked.fetch_add(1, Ordering::Relaxed) < SCANS_BEFORE_INDEX {
            return None;
        }
        Some(
            self.positions
                .index
                .get_or_init(|| PositionIndex::build(self.front_matter(), self.format)),
        )
    }

    /// Line of the first front-matter line that mentions `needle` as a quoted value or a key,
    /// so a reference error can point at where the clerk wrote it.
    pub fn line_of_value(&self, needle: &str) -> usize {
        if let Some(ix) = self.index() {
            // A value not written as a whole (inside a longer text) is looked for line by
            // line, a bounded number of times.
            if let Some(&i) = ix.values.get(needle.trim()) {
                return self.front_line + i;
            }
            use std::sync::atomic::Ordering;
            if self.positions.scanned.fetch_add(1, Ordering::Relaxed) >= SCANS_AFTER_INDEX {
                return self.front_line.saturating_sub(1).max(1);
            }
        }
        let fm = self.front_matter();
        let quoted = [format!("\"{needle}\""), format!("'{needle}'")];
        for (i, line) in fm.lines().enumerate() {
            if quoted.iter().any(|q| line.contains(q.as_str())) {
                return self.front_line + i;
            }
        }
        for (i, line) in fm.lines().enumerate() {
            if line.contains(needle) {
                return self.front_line + i;
            }
        }
        self.front_line.saturating_sub(1).max(1)
    }

    /// Line of the first front-matter line that sets `key` (`key =` or `key:`).
    pub fn line_of_key(&self, key: &str) -> usize {
        if let Some(ix) = self.index() {
            return match ix.keys.get(key) {
                Some(&i) => self.front_line + i,
                None => self.front_line.saturating_sub(1).max(1),
            };
        }
        self.scan_key(key)
            .unwrap_or_else(|| self.front_line.saturating_sub(1).max(1))
    }

    /// Line of the first front-matter line that sets `key`, by one scan of the lines and
    /// never by building the file's index of positions (see [`SourceFile::scan_block_key`]).
    pub(crate) fn scan_key(&self, key: &str) -> Option<usize> {
        self.front_matter()
            .lines()
            .position(|line| {
                let t = line.trim_start().trim_start_matches("- ");
                t.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
            })
            .map(|i| self.front_line + i)
    }

    /// Line of `key` inside the `k`-th `[[table]]` block of a TOML front matter, found by
    /// one scan of the lines and never by building the file's index of positions: for the
    /// few messages about a whole site's files after they were resolved, where building an
    /// index per file would cost more than the message. None for YAML or when not found.
    pub(crate) fn scan_block_key(&self, table: &str, k: usize, key: &str) -> Option<usize> {
        if self.format != Format::Toml {
            return None;
        }
        let header = format!("[[{table}]]");
        let mut block = None;
        for (i, line) in self.front_matter().lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                block = match (block, t == header) {
                    (None, true) => Some(0),
                    (Some(b), true) => Some(b + 1),
                    (Some(b), false) if b == k => return None,
                    (_, false) => None,
                };
                continue;
            }
            if block == Some(k) {
                if let Some(rest) = t.strip_prefix(key) {
                    if rest.trim_start().starts_with('=') {
                        return Some(self.front_line + i);
                    }
                }
            }
        }
        None
    }

    /// Line of `key` inside the `k`-th (0-based) block of an array of tables (`[[table]]`
    /// in TOML, `table:` followed by `- ` items in YAML); the block's first line when the
    /// key is not written in it, and the first line that sets `key` anywhere when the
    /// blocks cannot be found.
    pub fn line_of_key_in(&self, table: &str, k: usize, key: &str) -> usize {
        let fm = self.front_matter();
        if let Some(ix) = self.index() {
            let Some(starts) = ix.tables.get(table) else {
                return self.line_of_key(key);
            };
            let Some(&start) = starts.get(k) else {
                return self.line_of_key(key);
            };
            // The block's own lines only: up to the next block or table.
            let end = starts.get(k + 1).copied().unwrap_or(usize::MAX);
            let from = ix.line_starts.get(start + 1).copied().unwrap_or(fm.len());
            for (i, line) in (start + 1..).zip(fm[from.min(fm.len())..].lines()) {
                let t = line.trim_start();
                if i >= end || (self.format == Format::Toml && t.starts_with('[')) {
                    break;
                }
                if let Some(rest) = t.trim_start_matches("- ").strip_prefix(key) {
                    let rest = rest.trim_start();
                    if rest.starts_with('=') || rest.starts_with(':') {
                        return self.front_line + i;
                    }
                }
            }
            if self.format == Format::Yaml {
                // A YAML item's first key is on its `- ` line.
                let at = ix
                    .line_starts
                    .get(start)
                    .copied()
                    .unwrap_or(fm.len())
                    .min(fm.len());
                let first = fm[at..].lines().next().unwrap_or("");
                if let Some(rest) = first
                    .trim_start()
                    .trim_start_matches("- ")
                    .strip_prefix(key)
                {
                    if rest.trim_start().starts_with(':') {
                        return self.front_line + start;
                    }
                }
            }
            return self.front_line + start;
        }
        let lines: Vec<&str> = fm.lines().collect();
        let header = |l: &str| match self.format {
            Format::Toml => l.trim() == format!("[[{table}]]"),
            Format::Yaml => false,
        };
        let starts: Vec<usize> = match self.format {
            Format::Toml => (0..lines.len()).filter(|&i| header(lines[i])).collect(),
            Format::Yaml => {
                // The items of `table:`: lines starting with `- ` indented under it.
                let mut out = Vec::new();
                let mut inside = None;
                for (i, l) in lines.iter().enumerate() {
                    let indent = l.len() - l.trim_start().len();
                    if let Some(base) = inside {
                        if !l.trim().is_empty()
                            && indent <= base
                            && !l.trim_start().starts_with("- ")
                        {
                            inside = None;
                        } else if l.trim_start().starts_with("- ") {
                            out.push(i);
                        }
                    }
                    if l.trim_start()
                        .strip_prefix(table)
                        .is_some_and(|r| r.trim() == ":")
                    {
                        inside = Some(indent);
                    }
                }
                out
            }
        };
        let Some(&start) = starts.get(k) else {
            return self.line_of_key(key);
        };
        let end = match self.format {
            Format::Toml => (start + 1..lines.len())
                .find(|&i| lines[i].trim_start().starts_with('['))
                .unwrap_or(lines.len()),
            Format::Yaml => starts.get(k + 1).copied().unwrap_or(lines.len()),
        };
        for (i, line) in lines.iter().enumerate().take(end).skip(start) {
            let t = line.trim_start().trim_start_matches("- ");
            if let Some(rest) = t.strip_prefix(key) {
                let rest = rest.trim_start();
                if rest.starts_with('=') || rest.starts_with(':') {
                    return self.front_line + i;
                }
            }
        }
        self.front_line + start
    }

    /// Deserialises the front matter into `T`, mapping syntax and type errors to the line in
    /// the file (not in the front-matter block) and to the span of the culprit.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.parse_text(self.front_matter())
    }

    /// Parses `fm` as this file's front matter would be (its lines are the file's lines
    /// from [`SourceFile::front_line`] on): the recovery of `recover` parses edited copies.
    pub(crate) fn parse_text<T: DeserializeOwned>(&self, fm: &str) -> Result<T, Diagnostic> {
        match self.format {
            // Plain front matter is read by the fast reader; anything else, and every
            // error, by the `toml` crate, which knows where the culprit is.
            Format::Toml => match crate::plain_toml::from_str(fm) {
                Some(value) => Ok(value),
                None => toml::from_str(fm),
            }
            .map_err(|e| {
                let (line, col, len) = match e.span() {
                    Some(span) => {
                        let (line, col) = line_col(fm, span.start);
                        let end = span.end.min(fm.len()).max(span.start);
                        let text = fm.get(span.start..end).unwrap_or("");
                        let len = text.lines().next().unwrap_or("").chars().count();
                        (line, col, len)
                    }
                    None => (1, 0, 0),
                };
                let d = serde_diagnostic(
                    &self.path,
                    self.front_line + line - 1,
                    e.message().trim(),
                    Format::Toml,
                )
                .at(col, len);
                explain_common(d, fm, line.saturating_sub(1))
            }),
            Format::Yaml => serde_saphyr::from_str(fm).map_err(|e| {
                let (line, col) = match e.location() {
                    Some(loc) => (loc.line() as usize, loc.column() as usize),
                    None => (1, 0),
                };
                let text = e.to_string();
                let first = text.lines().next().unwrap_or_default().trim();
                // saphyr writes "error: line 2 column 7: message".
                let message = first.strip_prefix("error: ").unwrap_or(first);
                let message = match message.strip_prefix("line ") {
                    Some(rest) => rest.split_once(": ").map_or(message, |(_, m)| m),
                    None => message,
                }
                .to_string();
                let d = serde_diagnostic(
                    &self.path,
                    self.front_line + line.max(1) - 1,
                    &message,
                    Format::Yaml,
                )
                .at(col, 0);
                explain_common(d, fm, line.max(1) - 1)
            }),
        }
    }
}

/// Characters that look like a space, or like nothing, and that parsers do not take for
/// one: a non-breaking space (Word, web pages), narrow and figure spaces, zero-width
/// spaces and joiners, a byte-order mark inside the text.
const INVISIBLE: [char; 8] = [
    '\u{00A0}', '\u{2007}', '\u{202F}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// Curly quotes that Word and phone keyboards put where TOML and YAML need `"` or `'`.
const CURLY: [char; 6] = ['“', '”', '‘', '’', '„', '″'];

/// Where on a line of front matter the first curly quote or invisible space outside a
/// straight-quoted string is (1-based column in characters), and which it is.
fn culprit(line: &str) -> Option<(usize, char)> {
    text::outside_quotes(line)
        .take_while(|&(_, c)| c != '#')
        .find(|&(_, c)| CURLY.contains(&c) || INVISIBLE.contains(&c))
        .map(|(at, c)| (line[..at].chars().count() + 1, c))
}

/// The block (`[[recipients]]`, `[[nominees]]`…) that line `index` of the front matter is
/// in, if any.
fn block_of(fm: &str, index: usize) -> Option<&str> {
    let lines: Vec<&str> = fm.lines().take(index).collect();
    for line in lines.into_iter().rev() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("[[").and_then(|r| r.split("]]").next()) {
            return Some(name.trim());
        }
        if t.starts_with('[') {
            return None;
        }
    }
    None
}

/// A parser error on a line that shows one of the clerk's common mistakes says what the
/// mistake is and how to fix it, pointing at it: a curly quote or an invisible space outside
/// quotes, a key written twice in one block (a missing `[[recipients]]` line), text without
/// quotes, a comma at the end of a line, an amount with thousands dots. The parser's own
/// words stay at the end of the message.
pub(crate) fn explain_common(d: Diagnostic, fm: &str, index: usize) -> Diagnostic {
    if !matches!(d.code, "syntax" | "wrong-type" | "bad-value") {
        return d;
    }
    let line = fm.lines().nth(index).unwrap_or("");
    let parser = d
        .message
        .en
        .trim_start_matches("syntax error in the front matter: ")
        .to_string();
    // A tab where YAML wants spaces: at the tab itself, not where the parser stopped.
    if parser.contains("tab") {
        if let Some(at) = line.find('\t') {
            let col = line[..at].chars().count() + 1;
            let shown = line.replace('\t', "⇥");
            return named(
                d,
                "tab",
                format!("dòng này có phím Tab (hiện ở đây là ⇥): {shown}; phần đầu tệp YAML chỉ được thụt lề và ngăn cách bằng dấu cách"),
                format!("this line holds a tab (shown here as ⇥): {shown}; YAML front matter is indented and spaced with spaces only"),
                (col, 1),
                &parser,
            )
            .with_hint(msg(
                "thay mỗi Tab bằng hai dấu cách (trình soạn thảo thường có lựa chọn “dùng dấu cách thay Tab”)",
                "replace each tab with two spaces (editors usually have an option to insert spaces for tabs)",
            ));
        }
    }
    let Some((col, c)) = culprit(line) else {
        return explain_shape(d, fm, index, line, &parser);
    };
    if CURLY.contains(&c) {
        named(
            d,
            "curly-quotes",
            format!("dấu ngoặc cong {c} (do Word hoặc bộ gõ tạo ra) không dùng được để mở, đóng một giá trị; dùng dấu ngoặc kép thẳng \" thay cho “ ”"),
            format!("a curly quote {c} (from Word or a phone keyboard) cannot open or close a value; use a straight double quote \" instead of “ ”"),
            (col, 1),
            &parser,
        )
        .with_hint(msg(
            "gõ lại dấu \" ở hai đầu giá trị, ví dụ name = \"Nguyễn Văn Đức\"; dấu “ ” nằm bên trong dấu \" \" thì vẫn giữ được, như title = \"Danh hiệu “Gia đình văn hóa”\"",
            "type \" at both ends of the value, e.g. name = \"Nguyễn Văn Đức\"; curly quotes inside straight ones are fine, as in title = \"Danh hiệu “Gia đình văn hóa”\"",
        ))
    } else {
        let shown: String = line
            .chars()
            .map(|ch| if INVISIBLE.contains(&ch) { '⍽' } else { ch })
            .collect();
        let name = match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => "dấu cách không ngắt",
            '\u{FEFF}' => "dấu BOM",
            _ => "ký tự rộng bằng 0",
        };
        named(
            d,
            "invisible-space",
            format!("dòng này có {name} (U+{:04X}), mắt không thấy, hiện ở đây là ⍽: {shown}", c as u32),
            format!("this line holds an invisible character (U+{:04X}), shown here as ⍽: {shown}", c as u32),
            (col, 1),
            &parser,
        )
        .with_hint(msg(
            "xóa ký tự ở chỗ ⍽ rồi gõ lại một dấu cách thường (thường gặp khi chép từ Word hay từ trang web)",
            "delete the character at ⍽ and type an ordinary space (it often comes with text copied from Word or a web page)",
        ))
    }
}

/// A clerk's mistake named in place of the parser's error `d` (same file and line), at
/// `(column, length)`, with the parser's own words at the end of the message.
fn named(
    d: Diagnostic,
    code: &'static str,
    vi: String,
    en: String,
    (column, len): (usize, usize),
    parser: &str,
) -> Diagnostic {
    Diagnostic::error(
        code,
        d.path,
        d.line,
        msg(
            format!("{vi} (báo lỗi gốc: {parser})"),
            format!("{en} (the parser said: {parser})"),
        ),
    )
    .at(column, len)
}

/// The mistakes [`explain_common`] sees in a line's shape rather than in one character.
fn explain_shape(d: Diagnostic, fm: &str, index: usize, line: &str, parser: &str) -> Diagnostic {
    let (key, value) = match line.split_once('=') {
        Some((k, v)) => (k.trim(), v.trim()),
        None => ("", ""),
    };
    let first_col = |needle: &str| {
        line.find(needle)
            .map_or(1, |b| line[..b].chars().count() + 1)
    };
    // A key written twice in a block: the line that opens the next block is missing.
    if parser.starts_with("duplicate key") {
        if let Some(block) = block_of(fm, index) {
            let what = match block {
                "recipients" => "người được khen",
                "nominees" => "người được đề nghị",
                "honours" => "danh hiệu",
                "changes" => "thay đổi",
                _ => "mục",
            };
            return named(
                d,
                "missing-block",
                format!("khóa “{key}” được ghi hai lần trong cùng một khối [[{block}]]: có lẽ thiếu dòng [[{block}]] ngay trước dòng này để mở khối cho {what} tiếp theo"),
                format!("the key `{key}` is written twice in one [[{block}]] block: the line [[{block}]] that opens the next block is probably missing just above"),
                (first_col(key), key.chars().count()),
                parser,
            )
            .with_hint(msg(
                format!("thêm một dòng [[{block}]] (và một dòng trống phía trên cho dễ đọc) trước dòng {key} = …"),
                format!("add a line [[{block}]] (with a blank line above it) before the line {key} = …"),
            ));
        }
    }
    // A date without quotes in a form TOML does not read: 20-12-2024, 20.12.2024.
    let word: String = value
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '#')
        .collect();
    let date_like = word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/'))
        && word
            .chars()
            .filter(|c| matches!(c, '-' | '.' | '/'))
            .count()
            == 2;
    if let Some(meant) = crate::date::Date::suggest(&word).filter(|_| date_like && !key.is_empty())
    {
        return named(
            d,
            "bad-date",
            format!("ngày “{word}” chưa viết đúng dạng: có phải {key} = {meant}?"),
            format!("the date \"{word}\" is not written in an accepted form: is it {key} = {meant}?"),
            (first_col(&word), word.chars().count()),
            parser,
        )
        .with_hint(msg(
            format!("ngày viết theo dạng năm-tháng-ngày không có ngoặc kép, {key} = {meant}, hoặc ngày/tháng/năm trong ngoặc kép, {key} = \"20/12/2024\""),
            format!("write dates as YYYY-MM-DD without quotes, {key} = {meant}, or day/month/year in quotes, {key} = \"20/12/2024\""),
        ));
    }
    // 700.000 or 1.400.000 đồng: thousands dots, which TOML reads as a decimal point.
    let digits: String = value
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '#')
        .collect();
    let grouped = digits.split('.').count() > 1
        && digits.split('.').enumerate().all(|(i, g)| {
            g.chars().all(|c| c.is_ascii_digit())
                && if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                }
        });
    if grouped && !key.is_empty() {
        let plain = digits.replace('.', "");
        return named(
            d,
            "thousands-dots",
            format!("số {digits} có dấu chấm ngăn cách hàng nghìn: viết liền, {key} = {plain}"),
            format!(
                "the number {digits} has thousands dots: write it without them, {key} = {plain}"
            ),
            (first_col(&digits), digits.chars().count()),
            parser,
        )
        .with_hint(msg(format!("{key} = {plain}"), format!("{key} = {plain}")));
    }
    // A comma at the end of a line, as in a list written over lines of its own.
    let bare = line.split(" #").next().unwrap_or(line).trim_end();
    if bare.ends_with(',') && !key.is_empty() && !value.starts_with('[') && !value.starts_with('{')
    {
        let col = bare.chars().count();
        return named(
            d,
            "trailing-comma",
            "dấu phẩy ở cuối dòng: mỗi dòng là một khóa = giá trị, không cần dấu phẩy giữa các dòng".to_string(),
            "a comma at the end of the line: each line is one key = value, with no comma between lines".to_string(),
            (col, 1),
            parser,
        )
        .with_hint(msg(
            "xóa dấu phẩy ở cuối dòng",
            "delete the comma at the end of the line",
        ));
    }
    // Text without quotes: name = Ông: Lê Thanh An.
    if parser.contains("string values must be quoted") && !key.is_empty() && !value.is_empty() {
        let quoted = toml::Value::String(value.to_string()).to_string();
        return named(
            d,
            "unquoted-text",
            format!("giá trị chữ phải đặt trong dấu ngoặc kép: {key} = {quoted}"),
            format!("text must be in double quotes: {key} = {quoted}"),
            (first_col(value), value.chars().count()),
            parser,
        )
        .with_hint(msg(
            "chỉ số, ngày (2024-12-20) và true/false viết không có ngoặc kép; mọi chữ khác viết trong \"…\"",
            "only numbers, dates (2024-12-20) and true/false go without quotes; any other text goes in \"…\"",
        ));
    }
    d
}

/// Turns a serde or parser message into a bilingual diagnostic with a hint.
pub(crate) fn serde_diagnostic(path: &Path, line: usize, text: &str, format: Format) -> Diagnostic {
    // "expected one of `a`, `b`" (TOML) or "expected one of a, b" (YAML).
    let backticked = |s: &str| -> Vec<String> {
        if s.contains('`') {
            s.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s.to_string())
                .collect()
        } else {
            let list = s
                .split("expected one of ")
                .nth(1)
                .or_else(|| s.split("expected ").nth(1))
                .unwrap_or("");
            list.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        }
    };
    if let Some(rest) = text.strip_prefix("unknown field `") {
        let (wanted, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(expected);
        return Diagnostic::error(
            "unknown-key",
            path,
            line,
            msg(
                format!("khóa “{wanted}” không dùng được ở loại hồ sơ này"),
                format!("unknown key `{wanted}`"),
            ),
        )
        .with_hint(text::did_you_mean(
            wanted,
            allowed.iter().map(String::as_str),
        ));
    }
    if let Some(rest) = text.strip_prefix("unknown variant `") {
        let (wanted, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(expected);
        return Diagnostic::error(
            "unknown-value",
            path,
            line,
            msg(
                format!("giá trị “{wanted}” không hợp lệ"),
                format!("unknown value `{wanted}`"),
            ),
        )
        .with_hint(text::did_you_mean(
            wanted,
            allowed.iter().map(String::as_str),
        ));
    }
    if let Some(rest) = text.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(
            "missing-key",
            path,
            line,
            msg(format!("thiếu khóa bắt buộc “{key}”"), format!("missing key `{key}`")),
        )
        .with_hint(msg(
            format!("thêm dòng {key} = ... vào phần đầu tệp, giữa hai dòng +++ (xem README, mục “Viết hồ sơ”)"),
            format!("add a line {key} = ... to the front matter, between the +++ lines (see README, \"Writing records\")"),
        ));
    }
    // `toml` stops at its recursion limit (a value like `[[[[…]]]]` thousands deep).
    if text.contains("recurse further")
        || text.contains("recursion limit")
        || text.contains("depth limit")
    {
        return Diagnostic::error(
            "too-deep",
            path,
            line,
            msg(
                format!("giá trị lồng nhau quá sâu ({text})"),
                format!("the value nests too deeply ({text})"),
            ),
        )
        .with_hint(msg(
            "danh sách và bảng trong phần đầu tệp chỉ lồng một hai tầng, ví dụ fields = [\"van-hoa\", \"kinh-te\"]; kiểm tra các dấu [ ] { } thừa",
            "lists and tables in the front matter nest one or two levels, e.g. fields = [\"van-hoa\", \"kinh-te\"]; look for extra [ ] { }",
        ));
    }
    // serde-saphyr's budget: an alias bomb (`*a` repeated, anchors of anchors) or a
    // document too large or too deep to read safely.
    if text.contains("budget breached") {
        return Diagnostic::error(
            "too-large",
            path,
            line,
            msg(
                format!("phần đầu tệp vượt giới hạn an toàn khi đọc: quá nhiều bí danh YAML (*tên), quá nhiều giá trị hoặc lồng nhau quá sâu ({text})"),
                format!("the front matter is beyond the safe reading limits: too many YAML aliases (*name), values or levels ({text})"),
            ),
        )
        .with_hint(msg(
            "viết thẳng từng giá trị thay vì dùng &tên và *tên của YAML",
            "write each value out instead of using YAML's &name and *name",
        ));
    }
    // YAML says "invalid boolean" where TOML says "invalid type: ..."; TOML's other
    // "invalid ..." messages are syntax errors.
    let wrong_type = text.starts_with("invalid type")
        || text.starts_with("invalid value")
        || (format == Format::Yaml && text.starts_with("invalid"));
    if wrong_type {
        let expected = text.rsplit("expected ").next().unwrap_or("");
        let found = text.split(", expected").next().unwrap_or(text);
        let found = found
            .trim_start_matches("invalid type: ")
            .trim_start_matches("invalid value: ");
        let (vi, en) = expected_words(expected);
        let found_vi = found
            .replacen("string", "chữ", 1)
            .replacen("integer", "số", 1)
            .replacen("boolean", "giá trị đúng/sai", 1)
            .replacen("sequence", "danh sách", 1)
            .replacen("floating point", "số thập phân", 1);
        return Diagnostic::error(
            "wrong-type",
            path,
            line,
            msg(format!("giá trị sai kiểu ({found_vi}): cần {vi}"), format!("wrong type of value ({found}): expected {en}")),
        )
        .with_hint(msg(
            "chữ viết trong dấu ngoặc kép (\"...\"); số, ngày (2024-12-20) và true/false viết không có ngoặc kép",
            "text goes in double quotes (\"...\"); numbers, dates (2024-12-20) and true/false go without",
        ));
    }
    let message = Msg::unpack(text);
    if message.vi != message.en {
        // A packed message from our own types (dates).
        return Diagnostic::error("bad-value", path, line, message).with_hint(msg(
            "viết ngày theo dạng 2024-12-20 (năm-tháng-ngày) hoặc \"20/12/2024\"",
            "write dates as 2024-12-20 (year-month-day) or \"20/12/2024\"",
        ));
    }
    let hint = match format {
        Format::Toml => msg(
            "mỗi dòng viết dạng khóa = giá trị; chữ đặt trong dấu ngoặc kép \"...\"; danh sách viết [\"a\", \"b\"]",
            "write one key = value per line; text in double quotes \"...\"; lists as [\"a\", \"b\"]",
        ),
        Format::Yaml => msg(
            "mỗi dòng viết dạng khóa: giá trị; danh sách viết [a, b] với đủ dấu ngoặc; thụt lề bằng dấu cách, không dùng Tab",
            "write one key: value per line; lists as [a, b] with both brackets; indent with spaces, not tabs",
        ),
    };
    Diagnostic::error(
        "syntax",
        path,
        line,
        msg(
            format!("lỗi cú pháp trong phần đầu tệp: {text}"),
            format!("syntax error in the front matter: {text}"),
        ),
    )
    .with_hint(hint)
}

/// What a serde "expected ..." means, in both languages.
fn expected_words(expected: &str) -> (String, String) {
    let e = expected.trim();
    let vi = if e.starts_with('i') || e.starts_with('u') || e.contains("integer") {
        "một số nguyên, không có dấu ngoặc kép"
    } else if e.contains("string") {
        "một đoạn chữ trong dấu ngoặc kép"
    } else if e.contains("bool") {
        "true hoặc false"
    } else if e.contains("sequence") {
        "một danh sách, ví dụ [\"a\", \"b\"]"
    } else if e.contains("date") {
        "một ngày, ví dụ 2024-12-20"
    } else if e.contains("map") || e.contains("struct") {
        "một khối khóa = giá trị"
    } else {
        e
    };
    (vi.to_string(), e.to_string())
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Decodes a file's bytes: strips a UTF-8 BOM, rejects bytes that are not UTF-8, turns CRLF
/// into LF and normalises to NFC.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..offset])
                .chars()
                .count()
                + 1;
            let byte = bytes[offset];
            let found = crate::legacy::detect(bytes);
            let (vi_enc, en_enc) = match found {
                Some(enc) => {
                    let name = enc.name();
                    // What the line reads as in that encoding, so the clerk sees it is theirs.
                    let line_end = bytes[offset..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(bytes.len(), |i| offset + i);
                    let read = crate::legacy::decode(&bytes[line_start..line_end], enc);
                    let read: String = read.trim_end_matches('\r').chars().take(80).collect();
                    (
                        format!(" Tệp được lưu theo bảng mã cũ {name}; đọc theo bảng mã đó, dòng này là: {read}"),
                        format!(" It is saved in the legacy {name} encoding; read in it, this line is: {read}"),
                    )
                }
                None => (String::new(), String::new()),
            };
            let hint = match found {
                Some(enc) => msg(
                    format!("chạy vinhdanh check --fix: tệp được chuyển từ {} sang UTF-8 (bản cũ giữ lại với dấu ~ ở cuối tên); hoặc mở tệp, lưu lại với bảng mã UTF-8 (Notepad: Tệp → Lưu thành → Mã hóa: UTF-8; chữ gõ bằng VNI, TCVN3 cần chuyển mã trước bằng Unikey)", enc.name()),
                    format!("run vinhdanh check --fix: the file is converted from {} to UTF-8 (the old one kept with a ~ after its name); or open it and save it as UTF-8 (Notepad: File → Save As → Encoding: UTF-8; text typed in VNI or TCVN3 must be converted with Unikey first)", enc.name()),
                ),
                None => msg(
                    "mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Tệp → Lưu thành → Mã hóa: UTF-8); văn bản gõ bằng TCVN3 hoặc VNI cần chuyển sang Unicode trước (Unikey: Công cụ chuyển mã)",
                    "open the file and save it again as UTF-8 (Notepad: File → Save As → Encoding: UTF-8); text typed in TCVN3 or VNI must be converted to Unicode first (Unikey's converter)",
                ),
            };
            return Err(Diagnostic::error(
                "not-utf8",
                path,
                line,
                msg(
                    format!("tệp không phải chữ UTF-8: byte 0x{byte:02X} không hợp lệ ở vị trí byte {offset}.{vi_enc}"),
                    format!("the file is not UTF-8 text: invalid byte 0x{byte:02X} at byte offset {offset}.{en_enc}"),
                ),
            )
            .at(column, 1)
            .with_hint(hint));
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(match text::nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(n) => n,
    })
}

/// Splits decoded text into front matter and body.
pub(crate) fn split(path: &Path, text: String) -> Result<SourceFile, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    let (format, fence) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            let hint = msg(
                "tệp bắt đầu bằng một dòng +++, tiếp theo là các khóa của hồ sơ (ví dụ title = \"...\"), rồi một dòng +++; xem README",
                "begin the file with a line +++, the record's keys (e.g. title = \"...\"), and another line +++; see README",
            );
            let d = if text.trim().is_empty() {
                Diagnostic::error("empty-file", path, 1, msg("tệp trống", "the file is empty"))
            } else {
                Diagnostic::error(
                    "no-front-matter",
                    path,
                    1,
                    msg(
                        "tệp không bắt đầu bằng phần đầu (front matter) giữa hai dòng +++",
                        "the file does not start with front matter between +++ lines",
                    ),
                )
            };
            return Err(d.with_hint(hint));
        }
    };
    let front_start = (first_line_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..])
            .map(|i| pos + i)
            .unwrap_or(text.len());
        if text.as_bytes()[pos] == fence.as_bytes()[0] && text[pos..end].trim_end() == fence {
            let body_start = (end + 1).min(text.len());
            return Ok(SourceFile {
                path: path.to_path_buf(),
                front: front_start..pos,
                front_line: 2,
                body_start,
                format,
                text,
                released: None,
                positions: Positions::default(),
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        "unclosed-front-matter",
        path,
        1,
        msg(
            format!(
                "phần đầu tệp mở bằng dòng {fence} ở dòng 1 nhưng không có dòng {fence} đóng lại"
            ),
            format!("the front matter opened on line 1 with {fence} is never closed"),
        ),
    )
    .at(1, 3)
    .with_hint(msg(
        format!("thêm một dòng chỉ có {fence} ngay sau khóa cuối cùng"),
        format!("add a line containing only {fence} after the last key"),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Rec {
        title: String,
        year: i32,
        date: Option<crate::date::Date>,
    }

    /// A key of the k-th block of an array of tables is found in that block, in TOML and
    /// in YAML; a key the block does not write points at the block.
    #[test]
    fn keys_are_found_in_their_block() {
        let toml = load(
            b"+++\nname = \"A\"\n\n[[honours]]\nform = \"x\"\nissuer = \"a\"\n\n[[honours]]\nform = \"y\"\nnumber = \"\"\n\n[[honours.sources]]\nurl = \"u\"\n+++\n",
        )
        .unwrap();
        assert_eq!(toml.line_of_key_in("honours", 0, "issuer"), 6);
        assert_eq!(toml.line_of_key_in("honours", 1, "form"), 9);
        assert_eq!(toml.line_of_key_in("honours", 1, "number"), 10);
        assert_eq!(
            toml.line_of_key_in("honours", 1, "issuer"),
            8,
            "the block itself"
        );
        assert_eq!(
            toml.line_of_key_in("honours", 5, "form"),
            5,
            "no such block: the first key"
        );
        let yaml = load(
            b"---\nname: A\nhonours:\n  - form: x\n    issuer: a\n  - form: y\n    number: \"\"\nyear: 2020\n---\n",
        )
        .unwrap();
        assert_eq!(yaml.line_of_key_in("honours", 0, "issuer"), 5);
        assert_eq!(yaml.line_of_key_in("honours", 1, "form"), 6);
        assert_eq!(yaml.line_of_key_in("honours", 1, "number"), 7);
    }

    /// Once a file has asked for many positions it indexes them: the answers stay the
    /// same, and twenty thousand lookups in a file of a hundred thousand lines are quick.
    #[test]
    fn indexed_positions_are_the_scanned_ones() {
        for text in [
            "+++\nname = \"A\"\nfields = [\"a\", \"b\"]\nnote = 'lit'\n\n[[honours]]\nform = \"x\"\nissuer = \"Trung ương Đoàn\"\n\n[[honours]]\nform = \"y\"\nachievement = \"gọi 0912 345 678\"\n+++\nbody\n",
            "---\nname: A\nfields: [a, b]\nhonours:\n  - form: x\n    issuer: Trung ương Đoàn\n  - form: y\n    achievement: \"gọi 0912 345 678\"\nyear: 2020\n---\nbody\n",
        ] {
            let fresh = || load(text.as_bytes()).unwrap();
            let ask = |f: &SourceFile| {
                (
                    [
                        f.line_of_value("A"),
                        f.line_of_value("b"),
                        f.line_of_value("y"),
                        f.line_of_value("Trung ương Đoàn"),
                        f.line_of_value("0912 345 678"),
                        f.line_of_key("fields"),
                        f.line_of_key("year"),
                        f.line_of_key_in("honours", 0, "issuer"),
                        f.line_of_key_in("honours", 1, "form"),
                        f.line_of_key_in("honours", 1, "achievement"),
                    ],
                    f.line_text(3).to_string(),
                )
            };
            let scanned = ask(&fresh());
            let warm = fresh();
            for _ in 0..SCANS_BEFORE_INDEX {
                warm.line_of_key("name");
            }
            assert!(warm.index().is_some());
            assert_eq!(ask(&warm), scanned, "{text}");
        }
        // Many lookups in a large file: each one is quick once indexed.
        let mut big = String::from("+++\nname = \"A\"\n");
        for i in 0..20_000 {
            big.push_str(&format!(
                "\n[[honours]]\nform = \"f-{i}\"\nissuer = \"b-{i}\"\n"
            ));
        }
        big.push_str("+++\n");
        let f = load(big.as_bytes()).unwrap();
        let started = std::time::Instant::now();
        for i in (0..20_000).rev() {
            assert_eq!(f.line_of_value(&format!("f-{i}")), 5 + i * 4);
            assert_eq!(f.line_of_key_in("honours", i, "issuer"), 6 + i * 4);
        }
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    fn load(bytes: &[u8]) -> Result<SourceFile, Diagnostic> {
        let p = Path::new("content/x.md");
        split(p, decode(p, bytes.to_vec())?)
    }

    #[test]
    fn toml_front_matter() {
        let f = load(b"+++\ntitle = \"Tin\"\nyear = 2024\ndate = 2024-01-26\n+++\nBody *text*\n")
            .unwrap();
        assert_eq!(f.format, Format::Toml);
        let r: Rec = f.parse().unwrap();
        assert_eq!((r.title.as_str(), r.year), ("Tin", 2024));
        assert_eq!(r.date.unwrap().vietnamese(), "26/01/2024");
        assert_eq!(f.body(), "Body *text*\n");
        assert_eq!(f.body_line(), 6);
    }

    #[test]
    fn yaml_front_matter() {
        let f = load(
            "---\ntitle: Nguyễn Văn Đức\nyear: 2023\ndate: 20/12/2023\n---\nNội dung\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(f.format, Format::Yaml);
        let r: Rec = f.parse().unwrap();
        assert_eq!(r.title, "Nguyễn Văn Đức");
        assert_eq!(r.date.unwrap().iso(), "2023-12-20");
        assert_eq!(f.body(), "Nội dung\n");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let f = load(
            b"\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\nyear = 2022\r\n+++\r\nLine one\r\nLine two\r\n",
        )
        .unwrap();
        let r: Rec = f.parse().unwrap();
        assert_eq!(r.year, 2022);
        assert_eq!(f.body(), "Line one\nLine two\n");
    }

    #[test]
    fn nfd_text_is_normalised() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "+++\ntitle = \"Nguyễn Văn Đức\"\nyear = 2024\n+++\n"
            .nfd()
            .collect();
        let f = load(nfd.as_bytes()).unwrap();
        let r: Rec = f.parse().unwrap();
        assert_eq!(r.title, "Nguyễn Văn Đức");
    }

    #[test]
    fn errors_point_at_the_file_line() {
        let f = load(b"+++\ntitle = \"A\"\nyear = \"2024a\"\n+++\n").unwrap();
        let e = f.parse::<Rec>().unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let f = load(b"+++\ntitle = \"A\"\nyear = 2024\ndatee = 2024-01-01\n+++\n").unwrap();
        let e = f.parse::<Rec>().unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.hint.unwrap().en.contains("\"date\""));
        let f = load(b"---\ntitle: A\nyear: [1\n---\n").unwrap();
        let e = f.parse::<Rec>().unwrap_err();
        assert!(e.line >= 3, "{e}");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(load(b"Just text\n")
            .unwrap_err()
            .message
            .en
            .contains("does not start"));
        assert!(load(b"").unwrap_err().message.en.contains("empty"));
        assert!(load(b"+++\ntitle = \"A\"\n")
            .unwrap_err()
            .message
            .en
            .contains("never closed"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_offset() {
        let e = load(b"+++\ntitle = \"Nguy\xEAn\"\n+++\n").unwrap_err();
        assert!(e.message.en.contains("byte offset 17"), "{e}");
        assert_eq!(e.line, 2);
    }
}
