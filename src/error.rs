//! Errors as values: every problem in the content carries the file, the line and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// The language of messages: the site's `language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        if code == "en" {
            Lang::En
        } else {
            Lang::Vi
        }
    }
}

/// A message in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub vi: String,
    pub en: String,
}

/// Builds a message from its Vietnamese and English texts.
pub fn msg(vi: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg {
        vi: vi.into(),
        en: en.into(),
    }
}

/// Separates the two languages inside a plain error string (serde only carries strings).
const LANG_SEPARATOR: char = '\u{1f}';

impl Msg {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Packs both texts into one string, for errors that travel through serde.
    pub(crate) fn pack(&self) -> String {
        format!("{}{LANG_SEPARATOR}{}", self.vi, self.en)
    }

    /// Unpacks [`Msg::pack`]ed text; other text is the same in both languages.
    pub fn unpack(text: &str) -> Msg {
        match text.split_once(LANG_SEPARATOR) {
            Some((vi, en)) => msg(vi, en),
            None => msg(text, text),
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in the site's content or configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable name of the kind of problem (`unknown-reference`), for machines.
    pub code: &'static str,
    /// File the problem is in, relative to the site root when possible.
    pub path: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column (in characters), 0 when unknown.
    pub column: usize,
    /// How many characters to underline from `column` (0: the rest of the line).
    pub len: usize,
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<PathBuf>, line: usize, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line,
            column: 0,
            len: 0,
            message,
            hint: None,
        }
    }

    pub(crate) fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        message: Msg,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, line, message)
        }
    }

    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Points at `len` characters from `column` on the line.
    pub(crate) fn at(mut self, column: usize, len: usize) -> Self {
        self.column = column;
        self.len = len;
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line of plain text: `file:line:col: error: message`, then the hint.
    pub fn plain(&self, lang: Lang) -> String {
        let kind = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        out.push_str(&format!(": {kind}: {}", self.message.get(lang)));
        if let Some(hint) = &self.hint {
            let label = if lang == Lang::Vi { "gợi ý" } else { "hint" };
            out.push_str(&format!("\n  {label}: {}", hint.get(lang)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain(Lang::En))
    }
}

/// Every way a command can fail.
#[derive(Debug)]
pub enum Error {
    /// The content has problems; all of them are listed.
    Content(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A template failed to load or render.
    Template { name: String, message: String },
    /// The command cannot run as asked (bad output folder, missing theme...).
    Usage(Msg),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn template(name: &str, err: &minijinja::Error) -> Self {
        // `{:#}` would add the whole template context: too much for a terminal.
        let mut message = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            message.push_str(&format!("\ncaused by: {cause}"));
            source = cause.source();
        }
        Error::Template {
            name: name.to_string(),
            message,
        }
    }
}

impl Error {
    pub fn usage(vi: impl Into<String>, en: impl Into<String>) -> Error {
        Error::Usage(msg(vi, en))
    }

    /// The message in the site's language (content errors are printed by `report`).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Usage(m) => m.get(lang).to_string(),
            Error::Io { path, source } => match lang {
                Lang::Vi => format!("{}: lỗi đọc/ghi tệp: {source}", path.display()),
                Lang::En => format!("{}: {source}", path.display()),
            },
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                write!(f, "{errors} error(s) in the content")
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Template { name, message } => write!(f, "template {name}: {message}"),
            Error::Usage(m) => write!(f, "{}", m.en),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects diagnostics while a stage keeps going after the first problem.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// How many messages have been collected.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file and line, errors and warnings mixed in reading order.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message.en).cmp(&(
                &b.path,
                b.line,
                b.column,
                &b.message.en,
            ))
        });
        self.items.dedup();
        self.items
    }
}
