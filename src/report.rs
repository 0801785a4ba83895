//! Printing diagnostics: source snippets with the span underlined (codespan-reporting) for
//! people, or JSON for machines, in the site's language.

use crate::error::{Diagnostic, Lang, Severity};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// How to print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with the problem underlined.
    #[default]
    Human,
    /// One JSON document: `{"diagnostics": [...], "errors": N, "warnings": N}`.
    Json,
}

/// Diagnostics rendered with the lines they point at. `root` is where their paths start.
pub fn human(diags: &[Diagnostic], root: &Path, lang: Lang, color: bool) -> Vec<u8> {
    let mut sources: HashMap<&Path, Source> = HashMap::new();
    let config = Config::default();
    let mut out = Vec::new();
    // The same message at several lines of a file (thirty recipients with one unknown
    // form) is printed once, at its first line, with the other lines listed under it.
    let mut same: HashMap<(&Path, &str, &str), Vec<usize>> = HashMap::new();
    for d in diags.iter().filter(|d| d.line > 0) {
        same.entry((d.path.as_path(), d.code, d.message.en.as_str()))
            .or_default()
            .push(d.line);
    }
    for d in diags {
        let others: &[usize] = match same.get(&(d.path.as_path(), d.code, d.message.en.as_str())) {
            Some(lines) if d.line > 0 && lines.len() > 1 => {
                if lines[0] != d.line {
                    continue;
                }
                &lines[1..]
            }
            _ => &[],
        };
        let source = sources
            .entry(d.path.as_path())
            .or_insert_with(|| Source::read(&root.join(&d.path)));
        let (mut cs, snippet) = to_codespan(d, lang, source);
        if !others.is_empty() {
            cs.notes.push(elsewhere(others, lang));
        }
        let result = if color {
            let mut buffer = term::termcolor::Buffer::ansi();
            let styles = term::Styles::default();
            let mut w = term::StylesWriter::new(&mut buffer, &styles);
            let r = term::emit_to_write_style(&mut w, &config, &snippet, &cs);
            out.extend_from_slice(buffer.as_slice());
            r
        } else {
            term::emit_to_io_write(&mut out, &config, &snippet, &cs)
        };
        if result.is_err() {
            // A file that changed under us: fall back to the one-line form.
            out.extend_from_slice(d.plain(lang).as_bytes());
            out.push(b'\n');
        }
    }
    out.extend_from_slice(summary(diags, lang).as_bytes());
    out.push(b'\n');
    out
}

/// `cùng lỗi này ở 29 chỗ khác: dòng 17, 23, 29, …`: the other lines of a grouped message.
fn elsewhere(lines: &[usize], lang: Lang) -> String {
    const SHOWN: usize = 30;
    let mut list = lines
        .iter()
        .take(SHOWN)
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > SHOWN {
        list.push_str(", …");
    }
    match lang {
        Lang::Vi => format!("cùng lỗi này ở {} chỗ khác: dòng {list}", lines.len()),
        Lang::En => format!(
            "the same at {} other place{}: line{} {list}",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            if lines.len() == 1 { "" } else { "s" }
        ),
    }
}

/// `2 lỗi, 1 cảnh báo` / `2 errors, 1 warning`.
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

fn to_codespan(d: &Diagnostic, lang: Lang, source: &Source) -> (CsDiagnostic<()>, Snippet) {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut cs = base.with_code(d.code).with_message(d.message.get(lang));
    if let Some(hint) = &d.hint {
        let label = if lang == Lang::Vi { "gợi ý" } else { "hint" };
        cs = cs.with_notes(vec![format!("{label}: {}", hint.get(lang))]);
    }
    let name = d.path.display().to_string();
    match source
        .line(d.line)
        .and_then(|line| span(line, d).map(|r| (line, r)))
    {
        Some((line, range)) => {
            let snippet = Snippet::around(name, line, range, d.line);
            let label = Label::primary((), snippet.range.clone());
            (cs.with_labels(vec![label]), snippet)
        }
        None => {
            let mut notes = vec![name.clone()];
            notes.append(&mut cs.notes);
            (cs.with_notes(notes), Snippet::empty(name))
        }
    }
}

/// A file as the loader saw it (lossy UTF-8, LF, NFC), so line numbers agree, with where
/// its lines start (found once per file, however many problems it has).
struct Source {
    text: String,
    line_starts: Vec<usize>,
}

impl Source {
    fn read(path: &Path) -> Source {
        let text = read_source(path);
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source { text, line_starts }
    }

    /// Line `n` (1-based) without its line end.
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.line_starts.get(n.checked_sub(1)?)?;
        if start == self.text.len() && n > 1 {
            return None;
        }
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |&next| next - 1);
        Some(&self.text[start..end])
    }
}

/// The file as the loader saw it (lossy UTF-8, LF, NFC), so line numbers agree.
fn read_source(path: &Path) -> String {
    // A workbook is not text: its messages name the sheet, row and column instead.
    let binary = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "ods", "xls"].contains(&e.to_ascii_lowercase().as_str()));
    if binary {
        return String::new();
    }
    let Ok(bytes) = std::fs::read(path) else {
        return String::new();
    };
    if bytes.len() as u64 > crate::load::MAX_FILE_BYTES {
        return String::new();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    crate::text::nfc(&text).into_owned()
}

/// Byte range of a diagnostic's span in its line: the columns it names, or the whole line.
fn span(line: &str, d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    if d.line == 0 {
        return None;
    }
    if d.column == 0 {
        // The whole line, but not more than a screen's width of it.
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let end = trimmed
            .trim_end()
            .char_indices()
            .nth(60)
            .map_or(line.trim_end().len(), |(i, _)| lead + i);
        return Some(lead..end.max(lead));
    }
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let from = byte_at(d.column - 1);
    let to = if d.len == 0 {
        line.trim_end().len().max(from)
    } else {
        from + line[from..]
            .char_indices()
            .nth(d.len)
            .map_or(line.len() - from, |(i, _)| i)
    };
    Some(from..to.max(from))
}

/// The one line a diagnostic shows, cut to a window around its span when the line is long
/// (a 10 MB line would otherwise be printed, and measured, once per problem), as a file of
/// its own for codespan that still names the real line and columns.
struct Snippet {
    name: String,
    text: String,
    /// The span within `text`.
    range: std::ops::Range<usize>,
    line: usize,
    /// The real column of the first character after `lead` bytes of `text` (1-based).
    first_column: usize,
    lead: usize,
}

/// Characters of context shown on each side of a span in a long line.
const CONTEXT: usize = 60;
/// At most this many characters of a span are underlined.
const MAX_SPAN: usize = 120;

impl Snippet {
    fn empty(name: String) -> Snippet {
        Snippet {
            name,
            text: String::new(),
            range: 0..0,
            line: 1,
            first_column: 1,
            lead: 0,
        }
    }

    fn around(name: String, line: &str, range: std::ops::Range<usize>, line_no: usize) -> Snippet {
        if line.len() <= 2 * CONTEXT + MAX_SPAN {
            return Snippet {
                name,
                text: line.to_string(),
                range,
                line: line_no,
                first_column: 1,
                lead: 0,
            };
        }
        let back = |from: usize, chars: usize| {
            line[..from]
                .char_indices()
                .rev()
                .nth(chars.saturating_sub(1))
                .map_or(0, |(i, _)| i)
        };
        let ahead = |from: usize, chars: usize| {
            line[from..]
                .char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| from + i)
        };
        let span_end = ahead(range.start, MAX_SPAN).min(range.end);
        let start = if range.start == 0 {
            0
        } else {
            back(range.start, CONTEXT)
        };
        let end = ahead(span_end, CONTEXT);
        let mut text = String::with_capacity(end - start + 8);
        let lead = if start > 0 { "…".len() } else { 0 };
        if start > 0 {
            text.push('…');
        }
        text.push_str(&line[start..end]);
        if end < line.len() {
            text.push('…');
        }
        Snippet {
            name,
            range: lead + range.start - start..lead + span_end - start,
            first_column: line[..start].chars().count() + 1,
            text,
            line: line_no,
            lead,
        }
    }
}

impl<'a> Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }
    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }
    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, files::Error> {
        Ok(0)
    }
    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, files::Error> {
        Ok(self.line)
    }
    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let at = byte_index.clamp(self.lead, self.text.len());
        let at = (0..=at)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(0);
        Ok(self.first_column + self.text[self.lead..at.max(self.lead)].chars().count())
    }
    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(files::Error::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    file: String,
    line: usize,
    column: usize,
    end_column: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Diagnostics as one JSON document.
pub fn json(diags: &[Diagnostic], lang: Lang) -> String {
    let list: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            severity: if d.is_error() { "error" } else { "warning" },
            code: d.code,
            file: d.path.display().to_string().replace('\\', "/"),
            line: d.line,
            column: d.column,
            end_column: if d.column > 0 && d.len > 0 {
                d.column + d.len
            } else {
                0
            },
            message: d.message.get(lang),
            hint: d.hint.as_ref().map(|h| h.get(lang)),
        })
        .collect();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let report = JsonReport {
        errors,
        warnings: diags.len() - errors,
        diagnostics: list,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::msg;

    #[test]
    fn snippet_underlines_the_span() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content/people")).unwrap();
        std::fs::write(
            tmp.path().join("content/people/a.md"),
            "+++\r\nname = \"A\"\r\nfields = [\"giao-duk\"]\r\n+++\r\n",
        )
        .unwrap();
        let d = Diagnostic::error(
            "unknown-reference",
            "content/people/a.md",
            3,
            msg("Lĩnh vực “giao-duk” không tồn tại", "unknown field"),
        )
        .at(12, 8)
        .with_hint(msg(
            "có phải ý bạn là \"giao-duc\"?",
            "did you mean \"giao-duc\"?",
        ));
        let text = String::from_utf8(human(std::slice::from_ref(&d), tmp.path(), Lang::Vi, false))
            .unwrap();
        assert!(
            text.contains("error[unknown-reference]: Lĩnh vực “giao-duk” không tồn tại"),
            "{text}"
        );
        assert!(text.contains("content/people/a.md:3:12"), "{text}");
        assert!(text.contains("fields = [\"giao-duk\"]"), "{text}");
        assert!(text.contains("^^^^^^^^"), "{text}");
        assert!(
            text.contains("gợi ý: có phải ý bạn là \"giao-duc\"?"),
            "{text}"
        );
        assert!(text.contains("1 lỗi, 0 cảnh báo"), "{text}");
        let j: serde_json::Value = serde_json::from_str(&json(&[d], Lang::En)).unwrap();
        assert_eq!(j["errors"], 1);
        assert_eq!(j["diagnostics"][0]["line"], 3);
        assert_eq!(j["diagnostics"][0]["end_column"], 20);
        assert_eq!(j["diagnostics"][0]["hint"], "did you mean \"giao-duc\"?");
    }

    #[test]
    fn whole_line_when_no_column_and_path_when_no_line() {
        let line = "  title = 1";
        let d = Diagnostic::error("x", "a.md", 2, msg("a", "a"));
        assert_eq!(span(line, &d), Some(2..11));
        let d = Diagnostic::error("x", "a.md", 0, msg("a", "a"));
        assert_eq!(span(line, &d), None);
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.md"), "+++\n  title = 1\n+++\n").unwrap();
        let source = Source::read(&tmp.path().join("a.md"));
        assert_eq!(source.line(2), Some("  title = 1"));
        assert_eq!(source.line(4), None);
        assert_eq!(source.line(9), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_span_with_the_real_column() {
        let tmp = tempfile::tempdir().unwrap();
        let line = format!(
            "{}Đức 0912345678{}",
            "ă".repeat(300_000),
            " x".repeat(300_000)
        );
        std::fs::write(
            tmp.path().join("a.md"),
            format!("+++\ntitle = 1\n+++\n{line}\n"),
        )
        .unwrap();
        let column = 300_000 + 5;
        let diags: Vec<Diagnostic> = (0..50)
            .map(|_| {
                Diagnostic::error("personal-data", "a.md", 4, msg("số điện thoại", "phone"))
                    .at(column, 10)
            })
            .collect();
        let started = std::time::Instant::now();
        let text = String::from_utf8(human(&diags, tmp.path(), Lang::Vi, false)).unwrap();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "{:?}",
            started.elapsed()
        );
        assert!(
            text.contains(&format!("a.md:4:{column}")),
            "{}",
            &text[..400]
        );
        assert!(text.contains("…ăăă"), "{}", &text[..400]);
        assert!(text.contains("Đức 0912345678 x x"), "{}", &text[..400]);
        assert!(text.contains("^^^^^^^^^^"), "{}", &text[..400]);
        assert!(text.len() < 50 * 1000, "{}", text.len());
    }
}
