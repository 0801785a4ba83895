//! Printing diagnostics: source snippets with the span underlined (codespan-reporting) for
//! people, or JSON for machines, in the site's language.

use crate::error::{Diagnostic, Lang, Severity};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
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
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&Path, usize> = HashMap::new();
    let config = Config::default();
    let mut out = Vec::new();
    for d in diags {
        let cs = to_codespan(d, root, lang, &mut files, &mut ids);
        let result = if color {
            let mut buffer = term::termcolor::Buffer::ansi();
            let styles = term::Styles::default();
            let mut w = term::StylesWriter::new(&mut buffer, &styles);
            let r = term::emit_to_write_style(&mut w, &config, &files, &cs);
            out.extend_from_slice(buffer.as_slice());
            r
        } else {
            term::emit_to_io_write(&mut out, &config, &files, &cs)
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

fn to_codespan<'a>(
    d: &'a Diagnostic,
    root: &Path,
    lang: Lang,
    files: &mut SimpleFiles<String, String>,
    ids: &mut HashMap<&'a Path, usize>,
) -> CsDiagnostic<usize> {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut cs = base.with_code(d.code).with_message(d.message.get(lang));
    if let Some(hint) = &d.hint {
        let label = if lang == Lang::Vi { "gợi ý" } else { "hint" };
        cs = cs.with_notes(vec![format!("{label}: {}", hint.get(lang))]);
    }
    let file = *ids.entry(d.path.as_path()).or_insert_with(|| {
        files.add(
            d.path.display().to_string(),
            read_source(&root.join(&d.path)),
        )
    });
    let source = files.get(file).map(|f| f.source().as_str()).unwrap_or("");
    match span(source, d) {
        Some(range) => cs.with_labels(vec![Label::primary(file, range)]),
        None => {
            let mut notes = vec![d.path.display().to_string()];
            notes.append(&mut cs.notes);
            cs.with_notes(notes)
        }
    }
}

/// The file as the loader saw it (lossy UTF-8, LF, NFC), so line numbers agree.
fn read_source(path: &Path) -> String {
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

/// Byte range of a diagnostic's span in `source`: the columns it names, or the whole line.
fn span(source: &str, d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    if d.line == 0 {
        return None;
    }
    let start = source
        .split_inclusive('\n')
        .take(d.line - 1)
        .map(str::len)
        .sum::<usize>();
    if start > source.len() || (start == source.len() && d.line > 1) {
        return None;
    }
    let line = source[start..].split('\n').next().unwrap_or("");
    if d.column == 0 {
        // The whole line, but not more than a screen's width of it.
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let end = trimmed
            .trim_end()
            .char_indices()
            .nth(60)
            .map_or(line.trim_end().len(), |(i, _)| lead + i);
        return Some(start + lead..start + end.max(lead));
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
        byte_at(d.column - 1 + d.len)
    };
    Some(start + from..start + to.max(from))
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
        let source = "+++\n  title = 1\n+++\n";
        let d = Diagnostic::error("x", "a.md", 2, msg("a", "a"));
        assert_eq!(span(source, &d), Some(6..15));
        let d = Diagnostic::error("x", "a.md", 0, msg("a", "a"));
        assert_eq!(span(source, &d), None);
        let d = Diagnostic::error("x", "a.md", 9, msg("a", "a"));
        assert_eq!(span(source, &d), None);
    }
}
