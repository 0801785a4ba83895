//! Units (thôn, trường, hội…) and their history: `[[units]]` in `site.toml` and how a unit
//! name written on a record finds its unit page.
//!
//! Records name their unit in free text. Names that differ only by case, marks, spacing or
//! the common abbreviations (TH ↔ Tiểu học, UBND ↔ Ủy ban nhân dân…) mean one unit and share
//! a page: they have one normalised [`key`]. `[[units]]` declares a unit's official name,
//! other spellings (`aliases`) and its history: a village or commune merged into another
//! (`merged_into`, or `former_names` on the new one) keeps its records, which appear on the
//! new unit's page under the name of their time ("Thôn Bình Hàn (nay là thôn Tân Bình)").
//!
//! A name's page address depends only on the name and `[[units]]` — never on which record
//! was read first — so a link made from one record never needs another record to be right.

use crate::date::Date;
use crate::error::{msg, Diagnostic, Diagnostics};
use crate::model::Records;
use crate::source::SourceFile;
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The warning code of a unit written in two ways.
pub(crate) const SPELLING: &str = "unit-spelling";

/// One `[[units]]` entry of `site.toml`, as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDecl {
    /// The official name (the current one, or the name a former unit had).
    pub name: String,
    /// Other spellings of the same unit ("Trường TH Tân Việt").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names the unit had before, or of units merged into it.
    #[serde(default)]
    pub former_names: Vec<String>,
    /// The unit this one was merged into (its name): this one is a former unit.
    #[serde(default)]
    pub merged_into: Option<String>,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    /// The page's address (a current unit only); by default made from the name.
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A unit that was merged into a current one, or a name the unit had.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Former {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A current unit declared in `site.toml`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Current {
    pub name: String,
    pub slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub aliases: Vec<String>,
    pub formers: Vec<Former>,
}

/// What a declared spelling means.
#[derive(Debug, Clone)]
struct Meaning {
    /// The current unit (in [`Book::current`]).
    unit: usize,
    /// The former unit or name it is (in the current unit's `formers`).
    era: Option<usize>,
    /// The line of `site.toml` that declares it.
    line: usize,
    /// The spelling as declared.
    spelling: String,
}

/// The declared units, checked: every declared spelling by its normalised key.
#[derive(Debug, Clone, Default)]
pub struct Book {
    current: Vec<Current>,
    by_key: HashMap<String, Meaning>,
    /// Every spelling as declared (trimmed): a record writing one of them is not warned.
    spellings: std::collections::HashSet<String>,
}

/// Where a unit name written on a record belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// The slug of its page: empty when the name makes none (only punctuation).
    pub slug: String,
    /// The declared current unit, if any.
    pub unit: Option<usize>,
    /// The former name it is, when it names a unit of the past.
    pub era: Option<usize>,
}

/// Abbreviations written for the words of unit names, folded (`TH` → `tiểu học`).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("th", "tieu hoc"),
    ("thcs", "trung hoc co so"),
    ("thpt", "trung hoc pho thong"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("htx", "hop tac xa"),
    ("mn", "mam non"),
    ("mg", "mau giao"),
];

/// The normalised key of a unit name: folded (case and marks dropped, so "Uỷ" and "Ủy"
/// agree), words split at anything that is not a letter or digit, and abbreviations
/// written out. `Trường TH  Tân Việt` and `trường tiểu học Tân Việt` have one key.
pub(crate) fn key(name: &str) -> String {
    let folded = text::fold(&text::nfc(name));
    let mut out = String::with_capacity(folded.len() + 8);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        match ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
            Some((_, full)) => out.push_str(full),
            None => out.push_str(word),
        }
    }
    out
}

/// The default page slug of a name: its key's (the same for every spelling of it).
pub(crate) fn default_slug(name: &str) -> String {
    text::path_slug(&key(name))
}

/// Words that begin a unit's name as a common noun: lower-cased inside a sentence
/// ("nay là thôn Tân Bình").
const COMMON_NOUNS: &[&str] = &[
    "Thôn",
    "Xóm",
    "Xã",
    "Phường",
    "Thị",
    "Ấp",
    "Bản",
    "Làng",
    "Tổ",
    "Khu",
    "Trường",
];

fn in_sentence(name: &str) -> String {
    let first = name.split(' ').next().unwrap_or("");
    if COMMON_NOUNS.contains(&first) {
        let mut c = first.chars();
        let lower: String = c.next().into_iter().flat_map(char::to_lowercase).collect();
        format!("{lower}{}{}", c.as_str(), &name[first.len()..])
    } else {
        name.to_string()
    }
}

impl Book {
    /// The declared current units.
    pub(crate) fn current(&self) -> &[Current] {
        &self.current
    }

    /// Where a name written on a record belongs.
    pub(crate) fn place(&self, name: &str) -> Place {
        let k = key(name);
        match self.by_key.get(&k) {
            Some(m) => Place {
                slug: self.current[m.unit].slug.clone(),
                unit: Some(m.unit),
                era: m.era,
            },
            None => Place {
                slug: text::path_slug(&k),
                unit: None,
                era: None,
            },
        }
    }

    /// The label of a unit link for a name written on a record: the name, and for a unit of
    /// the past, what it is now ("Thôn Bình Hàn (nay là thôn Tân Bình)").
    pub(crate) fn link_label(&self, name: &str, place: &Place) -> String {
        match (place.unit, place.era) {
            (Some(u), Some(_)) => {
                format!("{name} (nay là {})", in_sentence(&self.current[u].name))
            }
            _ => name.to_string(),
        }
    }

    /// The name of its time of a place that is a unit of the past.
    #[cfg(test)]
    pub(crate) fn era_name(&self, place: &Place) -> Option<&str> {
        Some(self.current[place.unit?].formers[place.era?].name.as_str())
    }
}

/// The lines of each `[[units]]` entry in `site.toml`: (first, end) per entry, in order.
fn entry_blocks(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() == "[[units]]" {
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .map_or(lines.len(), |p| i + 1 + p);
            blocks.push((i, end));
        }
    }
    blocks
}

/// Checks `[[units]]` and makes the [`Book`] of declared names. Errors name the line.
pub(crate) fn check(decls: &[UnitDecl], text: &str, rel: &Path, diags: &mut Diagnostics) -> Book {
    let blocks = entry_blocks(text);
    let lines: Vec<&str> = text.lines().collect();
    // The line of `value` (quoted) in entry `i`, else of the entry's header, else anywhere.
    let line_of = |i: usize, value: &str| -> usize {
        let quoted = format!("\"{value}\"");
        let quoted1 = format!("'{value}'");
        if let Some(&(start, end)) = blocks.get(i) {
            for (n, l) in lines.iter().enumerate().take(end).skip(start) {
                if l.contains(&quoted) || l.contains(&quoted1) {
                    return n + 1;
                }
            }
            return start + 1;
        }
        lines
            .iter()
            .position(|l| l.contains(&quoted))
            .map_or(0, |n| n + 1)
    };
    // The line of `key = …` in entry `i`, else of the entry's header.
    let key_line = |i: usize, key: &str| -> usize {
        let Some(&(start, end)) = blocks.get(i) else {
            return 0;
        };
        (start..end)
            .find(|&n| {
                lines[n]
                    .trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .unwrap_or(start)
            + 1
    };
    let err = |code: &'static str, line: usize, vi: String, en: String| {
        Diagnostic::error(code, rel, line, msg(vi, en))
    };

    // Each entry's name, by key.
    let mut entry_of: HashMap<String, usize> = HashMap::new();
    for (i, d) in decls.iter().enumerate() {
        let k = key(&d.name);
        if k.is_empty() {
            diags.push(
                err(
                    "bad-value",
                    line_of(i, &d.name),
                    "[[units]] có name trống".into(),
                    "a [[units]] entry has an empty name".into(),
                )
                .with_hint(msg(
                    "ghi tên chính thức của đơn vị, ví dụ name = \"Thôn Tân Bình\"",
                    "write the unit's official name, e.g. name = \"Thôn Tân Bình\"",
                )),
            );
            continue;
        }
        if let Some(&first) = entry_of.get(&k) {
            diags.push(duplicate(
                rel,
                line_of(i, &d.name),
                &d.name,
                &decls[first].name,
                line_of(first, &decls[first].name),
            ));
        } else {
            entry_of.insert(k, i);
        }
    }

    // Whether an entry is the first with its name (a later one is a reported duplicate).
    let first_of_name: Vec<bool> = decls
        .iter()
        .enumerate()
        .map(|(i, d)| entry_of.get(&key(&d.name)) == Some(&i))
        .collect();
    // Where each entry was merged into: its target entry.
    let mut target: Vec<Option<usize>> = vec![None; decls.len()];
    for (i, d) in decls.iter().enumerate() {
        let Some(into) = &d.merged_into else { continue };
        match entry_of.get(&key(into)) {
            Some(&t) => target[i] = Some(t),
            None => diags.push(
                err(
                    "unknown-reference",
                    line_of(i, into),
                    format!("“{}” sáp nhập vào đơn vị chưa khai báo “{into}”", d.name),
                    format!(
                        "\"{}\" is merged into \"{into}\", which is not declared",
                        d.name
                    ),
                )
                .with_hint(merge_hint(into, decls)),
            ),
        }
        if d.slug.is_some() {
            diags.push(
                err(
                    "bad-value",
                    line_of(i, d.slug.as_deref().unwrap_or_default()),
                    format!(
                        "“{}” đã sáp nhập nên không có trang riêng; slug không dùng được",
                        d.name
                    ),
                    format!(
                        "\"{}\" was merged and has no page of its own; its slug cannot be used",
                        d.name
                    ),
                )
                .with_hint(msg(
                    "bỏ dòng slug, hoặc ghi slug ở đơn vị hiện nay",
                    "remove the slug, or set it on the current unit",
                )),
            );
        }
    }
    // Each entry's current unit: the end of its chain of mergers.
    let mut root: Vec<Option<usize>> = vec![None; decls.len()];
    for start in 0..decls.len() {
        let mut seen = vec![start];
        let mut at = start;
        let mut cycle = false;
        while let Some(t) = target[at] {
            if seen.contains(&t) {
                cycle = true;
                break;
            }
            seen.push(t);
            at = t;
        }
        if cycle {
            // Reported once, at the first entry of the cycle in the file.
            let in_cycle: Vec<usize> = {
                let mut c = Vec::new();
                let mut x = at;
                loop {
                    c.push(x);
                    x = target[x].expect("a cycle has targets");
                    if x == at {
                        break;
                    }
                }
                c
            };
            if in_cycle.iter().min() == Some(&start) {
                let mut in_cycle = in_cycle;
                let p = in_cycle.iter().position(|&x| x == start).unwrap_or(0);
                in_cycle.rotate_left(p);
                let names: Vec<String> = in_cycle
                    .iter()
                    .chain(std::iter::once(&in_cycle[0]))
                    .map(|&x| format!("“{}”", decls[x].name))
                    .collect();
                let into = decls[start].merged_into.as_deref().unwrap_or_default();
                diags.push(
                    err(
                        "unit-cycle",
                        line_of(start, into),
                        format!("các đơn vị sáp nhập vòng tròn: {}", names.join(" → ")),
                        format!(
                            "units merged into each other in a circle: {}",
                            names.join(" → ")
                        ),
                    )
                    .with_hint(msg(
                        "đơn vị hiện nay không có merged_into; bỏ merged_into ở đơn vị mới nhất",
                        "the current unit has no merged_into; remove it from the newest unit",
                    )),
                );
            }
            continue;
        }
        root[start] = Some(at);
    }

    let mut book = Book::default();
    // Current units first, in the order written.
    let mut current_of: HashMap<usize, usize> = HashMap::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for (i, d) in decls.iter().enumerate() {
        if d.merged_into.is_some() || !first_of_name[i] {
            continue;
        }
        let slug = match &d.slug {
            Some(s) => {
                if s.is_empty() || s.len() > text::MAX_SLUG || text::slugify(s) != *s {
                    diags.push(
                        err(
                            "bad-slug",
                            line_of(i, s),
                            format!(
                                "slug “{s}” của đơn vị “{}” không phải đường dẫn hợp lệ",
                                d.name
                            ),
                            format!("the slug \"{s}\" of unit \"{}\" is not a URL slug", d.name),
                        )
                        .with_hint(text::slug_hint(&default_slug(&d.name))),
                    );
                }
                s.clone()
            }
            None => default_slug(&d.name),
        };
        if let Some(&first) = slugs.get(&slug) {
            diags.push(
                err(
                    "duplicate-slug",
                    line_of(i, &d.name),
                    format!(
                        "đơn vị “{}” và “{}” cùng đường dẫn “{slug}”",
                        d.name, decls[first].name
                    ),
                    format!(
                        "units \"{}\" and \"{}\" have the same slug \"{slug}\"",
                        d.name, decls[first].name
                    ),
                )
                .with_hint(msg(
                    "ghi slug = \"...\" riêng cho một trong hai",
                    "give one of them its own slug = \"...\"",
                )),
            );
        } else {
            slugs.insert(slug.clone(), i);
        }
        current_of.insert(i, book.current.len());
        book.current.push(Current {
            name: d.name.trim().to_string(),
            slug,
            from: d.from.map(|f| f.vietnamese()),
            note: d.note.clone(),
            aliases: d.aliases.clone(),
            formers: Vec::new(),
        });
    }
    for (i, d) in decls.iter().enumerate() {
        if let (Some(from), Some(until)) = (d.from, d.until) {
            if until < from {
                diags.push(
                    err(
                        "bad-period",
                        key_line(i, "until"),
                        format!(
                            "đơn vị “{}”: until ({}) trước from ({})",
                            d.name,
                            until.vietnamese(),
                            from.vietnamese()
                        ),
                        format!(
                            "unit \"{}\": until ({until}) is before from ({from})",
                            d.name
                        ),
                    )
                    .with_hint(msg("kiểm tra lại hai ngày", "check both dates")),
                );
            }
        }
    }

    // Every declared spelling by key: a second unit's spelling with the same key is an error.
    let mut declare =
        |book: &mut Book, spelling: &str, line: usize, unit: usize, era: Option<usize>| {
            let k = key(spelling);
            if k.is_empty() {
                return;
            }
            if let Some(m) = book.by_key.get(&k) {
                if m.unit == unit && m.era == era {
                    book.spellings.insert(spelling.trim().to_string());
                } else {
                    // Reported at the later of the two lines.
                    let d = if line >= m.line {
                        duplicate(rel, line, spelling, &m.spelling, m.line)
                    } else {
                        duplicate(rel, m.line, &m.spelling, spelling, line)
                    };
                    diags.push(d);
                }
                return;
            }
            book.spellings.insert(spelling.trim().to_string());
            book.by_key.insert(
                k,
                Meaning {
                    unit,
                    era,
                    line,
                    spelling: spelling.trim().to_string(),
                },
            );
        };
    // Current units' own names and aliases, then the former units and names.
    for (i, d) in decls.iter().enumerate() {
        let Some(&u) = current_of.get(&i) else {
            continue;
        };
        declare(&mut book, &d.name, line_of(i, &d.name), u, None);
        for a in &d.aliases {
            declare(&mut book, a, line_of(i, a), u, None);
        }
    }
    for (i, d) in decls.iter().enumerate() {
        let Some(&u) = root[i].and_then(|r| current_of.get(&r)) else {
            continue;
        };
        let former = |book: &mut Book, name: &str, until: Option<Date>, note: Option<String>| {
            let formers = &mut book.current[u].formers;
            match formers.iter().position(|f| key(&f.name) == key(name)) {
                Some(e) => {
                    // Declared both ways (former_names and its own entry): the entry's facts win.
                    if until.is_some() {
                        formers[e].until = until.map(|d| d.vietnamese());
                    }
                    if note.is_some() {
                        formers[e].note = note;
                    }
                    formers[e].name = name.trim().to_string();
                    e
                }
                None => {
                    formers.push(Former {
                        name: name.trim().to_string(),
                        until: until.map(|d| d.vietnamese()),
                        note,
                    });
                    formers.len() - 1
                }
            }
        };
        if d.merged_into.is_some() {
            if !first_of_name[i] {
                continue;
            }
            let e = former(&mut book, &d.name, d.until, d.note.clone());
            declare(&mut book, &d.name, line_of(i, &d.name), u, Some(e));
            for a in &d.aliases {
                declare(&mut book, a, line_of(i, a), u, Some(e));
            }
        }
        for f in &d.former_names {
            // A former name that is also an entry merged into this one is that entry.
            if let Some(&e) = entry_of.get(&key(f)) {
                if e != i && target[e] == Some(i) {
                    continue;
                }
            }
            let e = former(&mut book, f, None, None);
            declare(&mut book, f, line_of(i, f), u, Some(e));
        }
    }
    book
}

fn duplicate(rel: &Path, line: usize, name: &str, first: &str, first_line: usize) -> Diagnostic {
    Diagnostic::error(
        "duplicate-unit",
        rel,
        line,
        msg(
            format!("tên đơn vị “{name}” trùng với “{first}” đã khai báo ở dòng {first_line}"),
            format!("the unit name \"{name}\" is the same as \"{first}\", declared on line {first_line}"),
        ),
    )
    .with_hint(msg(
        "mỗi tên (kể cả aliases và former_names) chỉ thuộc một đơn vị; tên khác nhau chỉ ở chữ hoa, dấu, dấu cách hay chữ viết tắt (TH, UBND…) được coi là một",
        "each name (aliases and former_names too) belongs to one unit; names differing only by case, marks, spacing or abbreviations (TH, UBND…) count as one",
    ))
}

fn merge_hint(into: &str, decls: &[UnitDecl]) -> crate::error::Msg {
    let close = text::did_you_mean(into, decls.iter().map(|d| d.name.as_str()));
    msg(
        format!(
            "{} Đơn vị nhận sáp nhập cũng phải có một mục [[units]] với name = \"{into}\"",
            close.vi
        ),
        format!(
            "{} The unit merged into needs its own [[units]] entry with name = \"{into}\"",
            close.en
        ),
    )
}

/// Warns of unit names written in two ways: names with one key but written differently,
/// when neither is a declared spelling. Each warning is at the later spelling's file and
/// line and names the first one's (or the declaration's in `site.toml`).
pub(crate) fn check_spellings<'a>(
    book: &Book,
    records: &Records,
    source_of: impl Fn(&Path) -> Option<&'a SourceFile>,
    diags: &mut Diagnostics,
) {
    // Names in reading order: people, decisions, notices (each by file).
    let mut names: Vec<(&Path, &str)> = Vec::new();
    for p in &records.people {
        names.extend(p.unit.as_deref().map(|u| (p.meta.path.as_path(), u)));
    }
    for a in &records.awards {
        for r in &a.recipients {
            names.extend(r.unit.as_deref().map(|u| (a.meta.path.as_path(), u)));
        }
    }
    for n in &records.notices {
        for x in &n.nominees {
            names.extend(x.unit.as_deref().map(|u| (n.meta.path.as_path(), u)));
        }
    }
    // The first spelling of each key, and what was already said.
    let mut first: HashMap<String, (&str, &Path)> = HashMap::new();
    let mut warned: std::collections::HashSet<(&Path, &str)> = Default::default();
    let mut keys: HashMap<&str, String> = HashMap::new();
    for (path, name) in names {
        let k = keys.entry(name).or_insert_with(|| key(name));
        if k.is_empty() {
            continue;
        }
        let line_in =
            |path: &Path, name: &str| source_of(path).map_or((1, 0, 0), |s| s.span_of_value(name));
        let (vi, en, hint_target, declared) = if let Some(m) = book.by_key.get(k.as_str()) {
            // A declared unit written another way than any declared spelling.
            if book.spellings.contains(name.trim()) || !warned.insert((path, name)) {
                continue;
            }
            let (declared, line) = (&m.spelling, m.line);
            (
                format!("đơn vị “{name}” viết khác tên đã khai báo “{declared}” (site.toml:{line})"),
                format!("unit \"{name}\" is written differently from the declared \"{declared}\" (site.toml:{line})"),
                declared.clone(),
                true,
            )
        } else {
            let (f, fpath) = match first.get(k.as_str()) {
                Some(&x) => x,
                None => {
                    first.insert(k.clone(), (name, path));
                    continue;
                }
            };
            if f.trim() == name.trim() || !warned.insert((path, name)) {
                continue;
            }
            let (fline, _, _) = line_in(fpath, f);
            let at = format!("{}:{fline}", fpath.display());
            (
                format!("đơn vị “{name}” viết khác “{f}” ở {at}"),
                format!("unit \"{name}\" is written differently from \"{f}\" at {at}"),
                f.to_string(),
                false,
            )
        };
        let (line, col, len) = line_in(path, name);
        diags.push(
            Diagnostic::warning(SPELLING, path, line, msg(vi, en))
                .at(col, len)
                .with_hint(spelling_hint(name, &hint_target, declared)),
        );
    }
}

/// How to settle a unit written in two ways: one spelling everywhere, or an alias.
fn spelling_hint(name: &str, target: &str, declared: bool) -> crate::error::Msg {
    if declared {
        msg(
            format!("viết đúng tên “{target}”, hoặc thêm “{name}” vào aliases của đơn vị này trong [[units]] ở site.toml"),
            format!("write \"{target}\", or add \"{name}\" to this unit's aliases in [[units]] in site.toml"),
        )
    } else {
        msg(
            format!("viết cùng một tên ở mọi hồ sơ, hoặc khai báo trong site.toml:\n[[units]]\nname = \"{target}\"\naliases = [\"{name}\"]"),
            format!("write the same name on every record, or declare in site.toml:\n[[units]]\nname = \"{target}\"\naliases = [\"{name}\"]"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decls(toml_text: &str) -> (Vec<UnitDecl>, String) {
        #[derive(Deserialize)]
        struct T {
            units: Vec<UnitDecl>,
        }
        let t: T = toml::from_str(toml_text).unwrap();
        (t.units, toml_text.to_string())
    }

    fn book(toml_text: &str) -> (Book, Vec<Diagnostic>) {
        let (d, text) = decls(toml_text);
        let mut diags = Diagnostics::default();
        let b = check(&d, &text, Path::new("site.toml"), &mut diags);
        (b, diags.sorted())
    }

    #[test]
    fn abbreviations_case_marks_and_spacing_share_a_key() {
        let k = key("Trường Tiểu học Tân Việt");
        assert_eq!(k, "truong tieu hoc tan viet");
        assert_eq!(key("Trường TH  Tân Việt"), k);
        assert_eq!(key("trường th tân việt"), k);
        assert_eq!(key("Truong TH Tan Viet"), k);
        assert_eq!(key("UBND xã Tân Việt"), key("Ủy ban nhân dân xã Tân Việt"));
        assert_eq!(
            key("Uỷ ban nhân dân xã Tân Việt"),
            key("Ủy ban nhân dân xã Tân Việt")
        );
        assert_eq!(key("HTX dịch vụ"), key("Hợp tác xã dịch vụ"));
        assert_eq!(key("Trường THCS A"), key("Trường Trung học cơ sở A"));
        assert_eq!(key("Trường THPT A"), key("Trường Trung học phổ thông A"));
        assert_eq!(key("Trường MN A"), key("Trường Mầm non A"));
        assert_eq!(key("thôn Bình Hàn"), key("Thôn Bình Hàn"));
        // An abbreviation is a whole word only.
        assert_ne!(key("Thôn Thạch"), key("Thôn Tiểu học ạch"));
        assert_ne!(key("Trường THCS A"), key("Trường Tiểu học A"));
        assert_eq!(key(" – "), "");
    }

    #[test]
    fn the_page_of_a_name_does_not_depend_on_other_names() {
        let b = Book::default();
        assert_eq!(
            b.place("Trường TH Tân Việt").slug,
            "truong-tieu-hoc-tan-viet"
        );
        assert_eq!(
            b.place("trường tiểu học tân việt").slug,
            "truong-tieu-hoc-tan-viet"
        );
        assert_eq!(b.place("Thôn Bình Hàn").slug, "thon-binh-han");
    }

    const MERGED: &str = r#"
[[units]]
name = "Thôn Tân Bình"
from = "2025-07-01"
former_names = ["Thôn Văn Xá"]

[[units]]
name = "Thôn Bình Hàn"
aliases = ["Thôn Bình Hàn cũ"]
merged_into = "Thôn Tân Bình"
until = "2025-06-30"

[[units]]
name = "Trường Tiểu học Tân Việt"
aliases = ["Trường TH Tân Việt, huyện Thanh Hà"]
slug = "truong-tieu-hoc"
"#;

    #[test]
    fn former_units_and_names_lead_to_the_current_unit() {
        let (b, diags) = book(MERGED);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(b.current().len(), 2);
        let bh = b.place("thôn Bình Hàn");
        assert_eq!(bh.slug, "thon-tan-binh");
        assert_eq!(b.era_name(&bh), Some("Thôn Bình Hàn"));
        assert_eq!(
            b.link_label("Thôn Bình Hàn", &bh),
            "Thôn Bình Hàn (nay là thôn Tân Bình)"
        );
        assert_eq!(
            b.era_name(&b.place("Thôn Bình Hàn cũ")),
            Some("Thôn Bình Hàn")
        );
        let vx = b.place("Thôn Văn Xá");
        assert_eq!(
            (vx.slug.as_str(), b.era_name(&vx)),
            ("thon-tan-binh", Some("Thôn Văn Xá"))
        );
        let now = b.place("Thôn Tân Bình");
        assert_eq!(
            (now.era, b.link_label("Thôn Tân Bình", &now)),
            (None, "Thôn Tân Bình".into())
        );
        assert_eq!(b.place("Trường TH Tân Việt").slug, "truong-tieu-hoc");
        assert_eq!(
            b.place("Trường TH Tân Việt, huyện Thanh Hà").slug,
            "truong-tieu-hoc"
        );
        let tb = &b.current()[0];
        assert_eq!(tb.formers.len(), 2);
        assert_eq!(tb.formers[1].until.as_deref(), Some("30/06/2025"));
    }

    #[test]
    fn a_merger_written_both_ways_is_one_former_unit() {
        let (b, diags) = book(
            "[[units]]\nname = \"Xã Mới\"\nformer_names = [\"Xã Cũ\"]\n\n[[units]]\nname = \"Xã Cũ\"\nmerged_into = \"Xã Mới\"\nuntil = \"2025-06\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(b.current()[0].formers.len(), 1);
        assert_eq!(b.current()[0].formers[0].until.as_deref(), Some("06/2025"));
    }

    #[test]
    fn chains_of_mergers_end_at_the_current_unit() {
        let (b, diags) = book(
            "[[units]]\nname = \"A\"\nmerged_into = \"B\"\n[[units]]\nname = \"B\"\nmerged_into = \"C\"\n[[units]]\nname = \"C\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let a = b.place("A");
        assert_eq!((a.slug.as_str(), b.era_name(&a)), ("c", Some("A")));
    }

    #[test]
    fn cycles_are_errors_reported_once() {
        let (_, diags) = book(
            "[[units]]\nname = \"A\"\nmerged_into = \"B\"\n\n[[units]]\nname = \"B\"\nmerged_into = \"A\"\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "unit-cycle");
        assert_eq!(diags[0].line, 3);
        assert!(
            diags[0].message.vi.contains("“A” → “B” → “A”"),
            "{}",
            diags[0].message.vi
        );
        let (_, diags) = book("[[units]]\nname = \"A\"\nmerged_into = \"a\"\n");
        assert_eq!(diags[0].code, "unit-cycle");
    }

    #[test]
    fn a_period_ending_before_it_starts_is_an_error_at_until() {
        let (_, diags) = book("[[units]]\nname = \"A\"\nfrom = 2025-07-01\nuntil = 2025-06-30\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].code, diags[0].line), ("bad-period", 4));
    }

    #[test]
    fn unknown_targets_and_duplicates_are_errors_with_lines() {
        let (_, diags) = book(
            "[[units]]\nname = \"Thôn Tân Bình\"\n\n[[units]]\nname = \"Thôn Bình Hàn\"\nmerged_into = \"Thôn Tân Binh mới\"\n",
        );
        assert_eq!(diags[0].code, "unknown-reference");
        assert_eq!(diags[0].line, 6);
        assert!(diags[0].hint.as_ref().unwrap().vi.contains("Thôn Tân Bình"));

        let (_, diags) = book(
            "[[units]]\nname = \"Trường Tiểu học A\"\n\n[[units]]\nname = \"Trường B\"\naliases = [\"Trường TH A\"]\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "duplicate-unit");
        assert_eq!(diags[0].line, 6);
        assert!(diags[0].message.vi.contains("dòng 2"));

        let (_, diags) = book("[[units]]\nname = \"Thôn A\"\n[[units]]\nname = \"thôn  A\"\n");
        assert_eq!(diags[0].code, "duplicate-unit");
        assert_eq!(diags[0].line, 4);
    }
}
