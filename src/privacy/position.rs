//! Positions: hits turned into diagnostics at the line and column of the original text.

use super::*;

/// Walks a text forward to give line and column of offsets met in increasing order, in
/// time linear in the text.
#[derive(Default)]
pub(super) struct Cursor {
    pub(super) pos: usize,
    pub(super) line: usize,
    /// 0-based column (characters) of `pos`.
    pub(super) col: usize,
}

impl Cursor {
    /// (1-based line, 1-based column, length in characters up to the line's end).
    pub(super) fn locate(&mut self, text: &str, r: Range<usize>) -> (usize, usize, usize) {
        let start = r.start.min(text.len());
        if start < self.pos {
            *self = Cursor::default();
        }
        let seg = &text.as_bytes()[self.pos..start];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg).count();
                self.col = chars(&seg[last + 1..]);
            }
            None => self.col += chars(seg),
        }
        self.pos = start;
        let end = r.end.min(text.len()).max(start);
        let first_line = memchr::memchr(b'\n', &text.as_bytes()[start..end])
            .map(|i| start + i)
            .unwrap_or(end);
        (
            self.line + 1,
            self.col + 1,
            chars(&text.as_bytes()[start..first_line]).max(1),
        )
    }
}

pub(super) fn chars(b: &[u8]) -> usize {
    b.iter().filter(|&&c| (c & 0xC0) != 0x80).count()
}

pub(super) fn report(
    text: &str,
    path: &Path,
    mut hits: Vec<Hit>,
    origin: Origin,
) -> Vec<Diagnostic> {
    hits.sort_by_key(|h| (h.range.start, h.kind));
    // The same span found twice (a table cell and its row) is reported once.
    hits.dedup_by(|b, a| a.range.start < b.range.end && b.range.start < a.range.end);
    let mut out = Vec::new();
    let mut cursor = Cursor::default();
    for h in hits.iter().take(MAX_REPORTED) {
        let (line, column, len) = cursor.locate(text, h.range.clone());
        let kind = h.kind.key();
        let hint = match origin {
            Origin::Record => msg(
                format!("xóa thông tin này; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{kind}\"] trong phần đầu tệp"),
                format!("remove it; if it is a public office's contact, add allow = [\"{kind}\"] to the front matter"),
            ),
            Origin::Config => msg(
                format!("xóa thông tin này; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{kind}\"] ở đầu site.toml (trước mục [[...]] đầu tiên)"),
                format!("remove it; if it is a public office's contact, add allow = [\"{kind}\"] at the top of site.toml (before the first [[...]] section)"),
            ),
        };
        out.push(
            Diagnostic::error(
                "personal-data",
                path,
                line,
                msg(
                    format!("không được công bố {}", h.kind.vi()),
                    format!("{} must not be published", h.kind.en()),
                ),
            )
            .at(column, len)
            .with_hint(hint),
        );
    }
    if hits.len() > MAX_REPORTED {
        let rest = hits.len() - MAX_REPORTED;
        let (line, column, len) = cursor.locate(text, hits[MAX_REPORTED].range.clone());
        out.push(
            Diagnostic::error(
                "personal-data",
                path,
                line,
                msg(
                    format!("còn {rest} chỗ khác có dữ liệu cá nhân trong tệp này, từ đây trở đi"),
                    format!("{rest} more pieces of personal data in this file, from here on"),
                ),
            )
            .at(column, len),
        );
    }
    out
}
