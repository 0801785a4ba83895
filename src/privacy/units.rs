//! Units: the pieces of TOML, YAML and Markdown text a reader sees as one run of words.

use super::*;

/// The lines of `range` in `text` (LF line ends): (start, end without the `\n`).
pub(super) fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = range.start;
    let end = range.end;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let e = memchr::memchr(b'\n', &text.as_bytes()[start..end])
            .map(|i| start + i)
            .unwrap_or(end);
        let line = (start, e);
        start = e + 1;
        Some(line)
    })
}

pub(super) fn unit(range: Range<usize>) -> Unit {
    Unit {
        range,
        birth_column: false,
    }
}

/// TOML: one unit per line, comments left out, a multi-line string with the lines it
/// spans.
pub(super) fn toml_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    #[derive(PartialEq)]
    enum State {
        Normal,
        MlBasic,
        MlLiteral,
    }
    let b = text.as_bytes();
    let mut state = State::Normal;
    let mut open: Option<usize> = None;
    let range_end = range.end;
    // Most front matter holds no comment, no literal string and no triple quote: then
    // each line is a unit, and no line needs to be read byte by byte.
    let simple = |r: Range<usize>| {
        memchr::memchr2(b'#', b'\'', &b[r.clone()]).is_none()
            && !memchr::memchr_iter(b'"', &b[r.clone()])
                .any(|i| b[r.start + i..r.end].starts_with(b"\"\"\""))
    };
    let all_simple = simple(range.clone());
    for (start, end) in lines(text, range) {
        if state == State::Normal && open.is_none() && (all_simple || simple(start..end)) {
            if end > start {
                out.push(unit(start..end));
            }
            continue;
        }
        let mut i = start;
        let mut cut = end;
        while i < end {
            match state {
                State::MlBasic => {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i..end].starts_with(b"\"\"\"") {
                        state = State::Normal;
                        i += 3;
                        continue;
                    }
                    i += 1;
                }
                State::MlLiteral => {
                    if b[i..end].starts_with(b"'''") {
                        state = State::Normal;
                        i += 3;
                        continue;
                    }
                    i += 1;
                }
                State::Normal => match b[i] {
                    b'#' => {
                        cut = i;
                        break;
                    }
                    b'"' if b[i..end].starts_with(b"\"\"\"") => {
                        state = State::MlBasic;
                        i += 3;
                    }
                    b'\'' if b[i..end].starts_with(b"'''") => {
                        state = State::MlLiteral;
                        i += 3;
                    }
                    b'"' => {
                        i += 1;
                        while i < end && b[i] != b'"' {
                            i += if b[i] == b'\\' { 2 } else { 1 };
                        }
                        i += 1;
                    }
                    b'\'' => {
                        i += 1;
                        while i < end && b[i] != b'\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        let from = open.take().unwrap_or(start);
        if state == State::Normal {
            if cut > from {
                out.push(unit(from..cut.min(end)));
            }
        } else {
            open = Some(from);
        }
    }
    if let Some(from) = open {
        out.push(unit(from..range_end));
    }
}

/// YAML: one unit per entry, with the lines it continues over (block scalars `|` and `>`,
/// quoted and plain scalars that go on to more indented lines).
pub(super) fn yaml_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    let b = text.as_bytes();
    let mut cur: Option<(usize, usize)> = None; // (start, end) of the open unit
    let mut key_indent = 0usize;
    let mut block: Option<usize> = None; // indentation of the key of a block scalar
    let mut quote: Option<u8> = None;
    let close = |cur: &mut Option<(usize, usize)>, out: &mut Vec<Unit>| {
        if let Some((s, e)) = cur.take() {
            out.push(unit(s..e));
        }
    };
    for (start, end) in lines(text, range) {
        let line = &b[start..end];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let blank = line.iter().all(|&c| is_blank(c));
        if let Some(k) = block {
            if blank || indent > k {
                if let Some(c) = cur.as_mut() {
                    c.1 = end;
                }
                continue;
            }
            block = None;
        }
        if let Some(q) = quote {
            if let Some(c) = cur.as_mut() {
                c.1 = end;
            }
            if closes_quote(line, q) {
                quote = None;
            }
            continue;
        }
        if blank {
            close(&mut cur, out);
            continue;
        }
        let trimmed = &line[indent..];
        if trimmed.starts_with(b"#") {
            close(&mut cur, out);
            continue;
        }
        let item = trimmed.starts_with(b"- ") || trimmed == b"-";
        let key = key_like(trimmed);
        if cur.is_some() && indent > key_indent && !item && !key {
            if let Some(c) = cur.as_mut() {
                c.1 = end;
            }
            continue;
        }
        close(&mut cur, out);
        cur = Some((start, end));
        key_indent = indent + if item { 2 } else { 0 };
        // The value after `key:` (or after `- `).
        let value = match memchr::memmem::find(trimmed, b": ") {
            Some(p) if key => &trimmed[p + 2..],
            _ if trimmed.ends_with(b":") => &[][..],
            _ if item => &trimmed[2.min(trimmed.len())..],
            _ => trimmed,
        };
        let value = trim_ascii(value);
        if let Some(&first) = value.first() {
            if matches!(first, b'|' | b'>')
                && value[1..]
                    .iter()
                    .take_while(|&&c| c != b'#')
                    .all(|&c| matches!(c, b'+' | b'-' | b'0'..=b'9' | b' '))
            {
                block = Some(indent);
            } else if matches!(first, b'"' | b'\'') && !closes_quote(&value[1..], first) {
                quote = Some(first);
            }
        }
    }
    close(&mut cur, out);
}

pub(super) fn trim_ascii(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| !is_blank(*c)).unwrap_or(b.len());
    let e = b.iter().rposition(|c| !is_blank(*c)).map_or(s, |e| e + 1);
    &b[s..e.max(s)]
}

/// Whether a line closes a YAML string opened with `q` (`\"` and `''` do not).
pub(super) fn closes_quote(line: &[u8], q: u8) -> bool {
    let mut i = 0;
    while i < line.len() {
        if q == b'"' && line[i] == b'\\' {
            i += 2;
            continue;
        }
        if line[i] == q {
            if q == b'\'' && line.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

/// `key:` or `key: value` (after an optional `- `).
pub(super) fn key_like(t: &[u8]) -> bool {
    let t = t.strip_prefix(b"- ").unwrap_or(t);
    let n = t
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        .count();
    n > 0 && t.get(n) == Some(&b':') && t.get(n + 1).is_none_or(|&c| c == b' ')
}

/// Markdown: a paragraph (lines joined across soft breaks), a list item or quote with its
/// continuation lines, a heading, a table row (a cell under a "Ngày sinh" heading apart),
/// a line of code.
pub(super) fn markdown_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    let b = text.as_bytes();
    let all: Vec<(usize, usize)> = lines(text, range).collect();
    let mut cur: Option<(usize, usize, bool)> = None; // (start, end, is a quote)
    let mut fence: Option<(u8, usize)> = None;
    let mut table: Option<Vec<bool>> = None; // birth columns of the table we are in
    let close = |cur: &mut Option<(usize, usize, bool)>, out: &mut Vec<Unit>| {
        if let Some((s, e, _)) = cur.take() {
            out.push(unit(s..e));
        }
    };
    let mut k = 0;
    while k < all.len() {
        let (start, end) = all[k];
        k += 1;
        let line = &b[start..end];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let t = &line[indent..];
        if let Some((c, n)) = fence {
            let run = t.iter().take_while(|&&x| x == c).count();
            if run >= n && trim_ascii(&t[run..]).is_empty() {
                fence = None;
            } else {
                out.push(unit(start..end));
            }
            continue;
        }
        let blank = t.iter().all(|&c| is_blank(c));
        if blank {
            close(&mut cur, out);
            table = None;
            continue;
        }
        if indent < 4 && (t.starts_with(b"```") || t.starts_with(b"~~~")) {
            close(&mut cur, out);
            table = None;
            let c = t[0];
            fence = Some((c, t.iter().take_while(|&&x| x == c).count()));
            out.push(unit(start..end));
            continue;
        }
        if let Some(birth) = &table {
            if memchr::memchr(b'|', line).is_some() {
                table_row(text, start, end, birth, out);
                continue;
            }
            table = None;
        }
        if memchr::memchr(b'|', line).is_some() {
            if let Some(&(ds, de)) = all.get(k) {
                if is_delimiter_row(&b[ds..de]) {
                    close(&mut cur, out);
                    let birth: Vec<bool> = cells(text, start, end)
                        .into_iter()
                        .map(|r| patterns().header.is_match(&text[r]))
                        .collect();
                    out.push(unit(start..end));
                    k += 1;
                    table = Some(birth);
                    continue;
                }
            }
        }
        let quote = t.starts_with(b">");
        let heading = t.starts_with(b"#");
        let starts_block = heading
            || quote
            || list_marker(t)
            || t.starts_with(b"<")
            || (indent >= 4 && cur.is_none());
        match cur.as_mut() {
            Some(c) if !starts_block || (quote && c.2) => c.1 = end,
            _ => {
                close(&mut cur, out);
                cur = Some((start, end, quote));
            }
        }
        if heading {
            close(&mut cur, out);
        }
    }
    close(&mut cur, out);
}

pub(super) fn list_marker(t: &[u8]) -> bool {
    if matches!(t.first(), Some(b'-' | b'*' | b'+')) && t.get(1).is_none_or(|&c| c == b' ') {
        return true;
    }
    let n = t.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=9).contains(&n)
        && matches!(t.get(n), Some(b'.' | b')'))
        && t.get(n + 1).is_none_or(|&c| c == b' ')
}

pub(super) fn is_delimiter_row(line: &[u8]) -> bool {
    let t = trim_ascii(line);
    t.contains(&b'-')
        && t.contains(&b'|')
        && t.iter()
            .all(|&c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The byte ranges of a table row's cells.
pub(super) fn cells(text: &str, start: usize, end: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut s = start;
    let lead = b[start..end].iter().take_while(|&&c| c == b' ').count();
    if b.get(start + lead) == Some(&b'|') {
        s = start + lead + 1;
    }
    let mut i = s;
    while i < end {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'|' {
            out.push(s..i);
            s = i + 1;
        }
        i += 1;
    }
    if !trim_ascii(&b[s.min(end)..end]).is_empty() {
        out.push(s..end);
    }
    out
}

pub(super) fn table_row(text: &str, start: usize, end: usize, birth: &[bool], out: &mut Vec<Unit>) {
    out.push(unit(start..end));
    if birth.iter().any(|&x| x) {
        for (i, r) in cells(text, start, end).into_iter().enumerate() {
            if birth.get(i) == Some(&true) {
                out.push(Unit {
                    range: r,
                    birth_column: true,
                });
            }
        }
    }
}
