//! Reading record files: bytes → UTF-8 text (BOM, CRLF, NFC) → front matter and body.

use crate::error::Diagnostic;
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
}

impl SourceFile {
    pub fn front_matter(&self) -> &str {
        &self.text[self.front.clone()]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// 1-based line of the body's first line.
    pub fn body_line(&self) -> usize {
        line_of(&self.text, self.body_start)
    }

    /// Line of the first front-matter line that mentions `needle` as a quoted value or a key,
    /// so a reference error can point at where the clerk wrote it.
    pub fn line_of_value(&self, needle: &str) -> usize {
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
        let fm = self.front_matter();
        for (i, line) in fm.lines().enumerate() {
            let t = line.trim_start().trim_start_matches("- ");
            if let Some(rest) = t.strip_prefix(key) {
                let rest = rest.trim_start();
                if rest.starts_with('=') || rest.starts_with(':') {
                    return self.front_line + i;
                }
            }
        }
        self.front_line.saturating_sub(1).max(1)
    }

    /// Deserialises the front matter into `T`, mapping syntax and type errors to the line in
    /// the file (not in the front-matter block).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let fm = self.front_matter();
        match self.format {
            Format::Toml => toml::from_str(fm).map_err(|e| {
                let (line, col) = match e.span() {
                    Some(span) => line_col(fm, span.start),
                    None => (0, 0),
                };
                let msg = e.message().trim().to_string();
                let hint = hint_for_serde_message(&msg);
                let d =
                    Diagnostic::error(&self.path, self.front_line + line - 1, msg).with_column(col);
                match hint {
                    Some(h) => d.with_hint(h),
                    None => d,
                }
            }),
            Format::Yaml => serde_saphyr::from_str(fm).map_err(|e| {
                let (line, col) = match e.location() {
                    Some(loc) => (loc.line() as usize, loc.column() as usize),
                    None => (1, 0),
                };
                let msg = e
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let hint = hint_for_serde_message(&msg);
                let d = Diagnostic::error(&self.path, self.front_line + line.max(1) - 1, msg)
                    .with_column(col);
                match hint {
                    Some(h) => d.with_hint(h),
                    None => d,
                }
            }),
        }
    }
}

fn hint_for_serde_message(msg: &str) -> Option<String> {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (wanted, expected) = rest.split_once('`')?;
        let allowed: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        return Some(text::did_you_mean(wanted, allowed.iter().copied()));
    }
    if msg.starts_with("missing field") {
        return Some("add this key to the front matter; see README, \"Viết hồ sơ\"".to_string());
    }
    if msg.contains("invalid type") {
        return Some(
            "check the value's type: text in quotes, numbers and true/false without".to_string(),
        );
    }
    None
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
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
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
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
            return Err(Diagnostic::error(
                path,
                line,
                format!("the file is not UTF-8 text (invalid byte 0x{:02X} at byte offset {offset})", bytes[offset]),
            )
            .with_hint("open the file and save it again with the encoding \"UTF-8\" (Notepad: File → Save As → Encoding: UTF-8)"));
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
pub fn split(path: &Path, text: String) -> Result<SourceFile, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    let (format, fence) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            let msg = if text.trim().is_empty() {
                "the file is empty"
            } else {
                "the file does not start with front matter"
            };
            return Err(Diagnostic::error(path, 1, msg).with_hint(
                "begin the file with a line `+++`, the record's keys (title = \"...\"), and another line `+++`; see README",
            ));
        }
    };
    let front_start = (first_line_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        if text[pos..end].trim_end() == fence {
            let body_start = (end + 1).min(text.len());
            return Ok(SourceFile {
                path: path.to_path_buf(),
                front: front_start..pos,
                front_line: 2,
                body_start,
                format,
                text,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        path,
        1,
        format!("the front matter opened on line 1 with `{fence}` is never closed"),
    )
    .with_hint(format!(
        "add a line containing only `{fence}` after the last key"
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
        assert!(e.hint.unwrap().contains("\"date\""));
        let f = load(b"---\ntitle: A\nyear: [1\n---\n").unwrap();
        let e = f.parse::<Rec>().unwrap_err();
        assert!(e.line >= 3, "{e}");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(load(b"Just text\n")
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(load(b"").unwrap_err().message.contains("empty"));
        assert!(load(b"+++\ntitle = \"A\"\n")
            .unwrap_err()
            .message
            .contains("never closed"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_offset() {
        let e = load(b"+++\ntitle = \"Nguy\xEAn\"\n+++\n").unwrap_err();
        assert!(e.message.contains("byte offset 17"), "{e}");
        assert_eq!(e.line, 2);
    }
}
