//! Load stage: walk `content/`, read every record file in parallel, split and parse its
//! front matter and render its Markdown body.

use crate::error::{msg, Diagnostic};
use crate::frontmatter::{AnyFm, AwardFm, MovementFm, NoticeFm, PageFm, PersonFm, PlanFm};
use crate::markdown::{self, Rendered};
use crate::model::Kind;
use crate::source::{self, SourceFile};
use crate::text;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One record file, parsed but not yet resolved.
#[derive(Debug)]
pub struct Loaded {
    pub kind: Kind,
    pub source: SourceFile,
    pub fm: AnyFm,
    pub slug: String,
    pub body: Rendered,
    /// Vietnamese sort keys of the names it holds (a person's, or each recipient's),
    /// computed once per file so rebuilds need no collation.
    pub name_keys: Vec<crate::collate::NameKey>,
    /// A fingerprint of the file's text, to tell which records changed between builds.
    pub hash: u64,
    /// Hidden from a published build: a draft, or scheduled for a later date.
    pub draft: bool,
    /// Problems found in a record that still parsed (personal data, bad `allow` values).
    pub problems: Vec<Diagnostic>,
    /// File lines whose problem was reported while reading and that were blanked or given
    /// a placeholder to read the rest (see `recover`): later messages about them are not
    /// the clerk's.
    pub patched: Vec<usize>,
    /// Other files the record was read from (a decision's `recipients_file`), relative to
    /// the site: the preview reads the record again when one of them changes.
    pub attachments: Vec<PathBuf>,
}

/// Record files found (kind, absolute path, path relative to root) and the problems met.
type Found = (Vec<(Kind, PathBuf, PathBuf)>, Vec<Diagnostic>);

/// Lists the record files of a site: `(kind, absolute path, path relative to root)`, sorted
/// so the build does not depend on the file system's order.
pub fn discover(root: &Path) -> Found {
    let content = root.join("content");
    // The kinds' folders are walked in parallel (awards and people hold most files), each
    // in file-name order, and joined in kind order: the result does not depend on timing.
    let per_kind: Vec<Found> = Kind::ALL
        .par_iter()
        .map(|&kind| discover_kind(root, &content, kind))
        .collect();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for (f, d) in per_kind {
        files.extend(f);
        diags.extend(d);
    }
    // Photos and attachments may be symbolic links, but only to files inside the site.
    for entry in walkdir::WalkDir::new(root.join("static"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_symlink() {
            diags.extend(check_symlink(root, entry.path()));
        }
        // Photos and attachments are published under their own names: a name must not
        // carry personal data either (`static/anh/0912345678.jpg`).
        if entry.depth() > 0 {
            diags.extend(
                crate::privacy::scan_file_name(&rel(root, entry.path()), &[])
                    .into_iter()
                    .map(|d| {
                        d.with_hint(msg(
                            "đổi tên tệp hoặc thư mục này trong static/ (ví dụ theo nội dung: anh-le-trao-giai.jpg) và sửa các hồ sơ dẫn tới nó",
                            "rename this file or folder in static/ (after what it shows, e.g. award-ceremony.jpg) and the records that point to it",
                        ))
                    }),
            );
        }
    }
    if let Ok(read) = std::fs::read_dir(&content) {
        let mut strays: Vec<PathBuf> = read
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !is_ignored(p))
            .collect();
        strays.sort();
        for p in strays {
            diags.push(
                Diagnostic::warning(
                    "stray-file",
                    rel(root, &p),
                    0,
                    msg(
                        "tệp này không nằm trong thư mục hồ sơ nào nên bị bỏ qua",
                        "this file is not in a record folder and is ignored",
                    ),
                )
                .with_hint(msg(
                    "chuyển tệp vào content/plans, movements, people, awards, notices hoặc pages",
                    "move it into content/plans, movements, people, awards, notices or pages",
                )),
            );
        }
    }
    (files, diags)
}

/// Record files larger than this are refused rather than read.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1_048_576;

/// A symbolic link in the site must stay inside the site: one that points outside (or
/// nowhere) is an error.
pub fn check_symlink(root: &Path, link: &Path) -> Option<Diagnostic> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match link.canonicalize() {
        Ok(target) if target.starts_with(&root) => None,
        Ok(target) => Some(
            Diagnostic::error(
                "path-escapes",
                rel(&root, link),
                0,
                msg(
                    format!(
                        "liên kết tượng trưng trỏ ra ngoài thư mục của trang: {}",
                        target.display()
                    ),
                    format!(
                        "symbolic link points outside the site folder: {}",
                        target.display()
                    ),
                ),
            )
            .with_hint(msg(
                "chép tệp vào trong thư mục của trang thay vì dùng liên kết",
                "copy the file into the site folder instead of linking to it",
            )),
        ),
        Err(e) => Some(Diagnostic::error(
            "path-escapes",
            rel(&root, link),
            0,
            msg(
                format!("liên kết tượng trưng hỏng: {e}"),
                format!("broken symbolic link: {e}"),
            ),
        )),
    }
}
/// The Markdown files of one kind's folder, in file-name order.
fn discover_kind(root: &Path, content: &Path, kind: Kind) -> Found {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let dir = content.join(kind.folder());
    if !dir.is_dir() {
        return (files, diags);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| rel(root, &dir));
                diags.push(Diagnostic::error(
                    "io",
                    path,
                    0,
                    msg(format!("không đọc được: {e}"), format!("cannot read: {e}")),
                ));
                continue;
            }
        };
        if is_ignored(entry.path()) {
            continue;
        }
        if entry.file_type().is_symlink() {
            if let Some(d) = check_symlink(root, entry.path()) {
                diags.push(d);
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
            != Some("md")
        {
            continue;
        }
        files.push((kind, entry.path().to_path_buf(), rel(root, entry.path())));
    }
    (files, diags)
}

/// Editor backups, swap files and hidden files are not records.
pub(crate) fn is_ignored(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// Reads and parses every file in parallel. Drafts are dropped unless `drafts` is set.
pub fn load_all(
    files: &[(Kind, PathBuf, PathBuf)],
    drafts: bool,
) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let results: Vec<Result<Option<Loaded>, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|(kind, abs, rel)| load_one(*kind, abs, rel, drafts))
        .collect();
    gather(results)
}

/// Splits per-file results into the records and every problem found (parse errors, and the
/// problems of records that parsed).
pub(crate) fn gather(
    results: impl IntoIterator<Item = Result<Option<Loaded>, Vec<Diagnostic>>>,
) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let mut loaded = Vec::new();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(Some(mut l)) => {
                diags.append(&mut l.problems);
                loaded.push(l)
            }
            Ok(None) => {}
            Err(d) => diags.extend(d),
        }
    }
    (loaded, diags)
}

/// Reads one record file.
pub(crate) fn load_one(
    kind: Kind,
    abs: &Path,
    rel: &Path,
    drafts: bool,
) -> Result<Option<Loaded>, Vec<Diagnostic>> {
    let io_error = |e: std::io::Error| {
        Diagnostic::error(
            "io",
            rel,
            0,
            msg(
                format!("không đọc được tệp: {e}"),
                format!("cannot read the file: {e}"),
            ),
        )
    };
    // One open and one fstat: the size check and the read see the same file.
    let mut file = std::fs::File::open(abs).map_err(|e| vec![io_error(e)])?;
    let size = file.metadata().map_err(|e| vec![io_error(e)])?.len();
    if size > MAX_FILE_BYTES {
        let mb = size as f64 / 1_048_576.0;
        let limit = MAX_FILE_BYTES / 1_048_576;
        return Err(vec![Diagnostic::error(
            "file-too-large",
            rel,
            0,
            msg(format!("tệp quá lớn ({mb:.1} MB; tối đa {limit} MB)"), format!("the file is too large ({mb:.1} MB; the limit is {limit} MB)")),
        )
        .with_hint(msg(
            "một hồ sơ chỉ chứa chữ; đặt văn bản PDF, ảnh vào thư mục static/ và dẫn đường tới chúng",
            "a record holds text only; put PDFs and photos in static/ and link to them",
        ))]);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_FILE_BYTES),
        &mut bytes,
    )
    .map_err(|e| vec![io_error(e)])?;
    let mut loaded = parse_record(kind, rel, bytes, drafts)?;
    if let Some(l) = loaded.as_mut() {
        // The site's root: `abs` less the components of `rel`.
        let root = abs
            .ancestors()
            .nth(rel.components().count())
            .unwrap_or(Path::new("."));
        attach_recipients(root, l);
    }
    Ok(loaded)
}

/// Reads the recipients of a decision's `recipients_file` into its front matter, each
/// remembering its row; the spreadsheet's problems become the record's.
fn attach_recipients(root: &Path, l: &mut Loaded) {
    let AnyFm::Award(f) = &mut l.fm else {
        return;
    };
    let Some(written) = f.recipients_file.clone() else {
        return;
    };
    let line = l.source.line_of_key("recipients_file");
    // Watched even while missing: the preview reads the decision again once it is saved.
    let dir = l.source.path.parent().unwrap_or(Path::new(""));
    l.attachments.push(dir.join(written.trim()));
    let (abs, rel) = match crate::sheet::locate(root, &l.source.path, &written, line) {
        Ok(found) => found,
        Err(d) => {
            l.problems.push(d);
            return;
        }
    };
    let table = match crate::sheet::read(&abs, &rel, f.recipients_sheet.as_deref()) {
        Ok(t) => t,
        Err(d) => {
            l.problems.push(d);
            return;
        }
    };
    if let Some(encoding) = table.encoding.filter(|e| !e.starts_with("UTF-8")) {
        l.problems.push(
            Diagnostic::warning(
                "legacy-encoding",
                &rel,
                0,
                msg(
                    format!("tệp CSV không phải UTF-8; đã đọc theo bảng mã {encoding}"),
                    format!("the CSV file is not UTF-8; it was read as {encoding}"),
                ),
            )
            .with_hint(msg(
                "xem lại tên người trên trang; chạy vinhdanh check --fix để lưu lại tệp dạng UTF-8 (hoặc trong Excel: Lưu thành → CSV UTF-8)",
                "check the names on the page; run vinhdanh check --fix to save the file as UTF-8 (or in Excel: Save As → CSV UTF-8)",
            )),
        );
    }
    let (rows, problems) = crate::sheet::recipients(&table, &rel, &f.allow, f.subject);
    if rows.is_empty() && !problems.iter().any(Diagnostic::is_error) {
        l.problems.push(
            Diagnostic::error(
                "no-recipients",
                &rel,
                0,
                msg(
                    "danh sách không có dòng người được khen nào dưới dòng tiêu đề",
                    "the list has no recipient rows under its header row",
                ),
            )
            .with_hint(msg(
                "mỗi người, tập thể được khen một dòng dưới dòng tiêu đề (STT | Họ và tên | …)",
                "one row per person or collective under the header row (STT | Họ và tên | …)",
            )),
        );
    }
    l.problems.extend(problems);
    f.recipients.extend(rows);
    l.name_keys = name_keys(&l.fm);
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::FastHasher::default();
    l.hash.hash(&mut h);
    table.hash.hash(&mut h);
    l.hash = h.finish();
}

/// Vietnamese sort keys of the names a record holds (a person's, or each recipient's).
fn name_keys(fm: &AnyFm) -> Vec<crate::collate::NameKey> {
    match fm {
        AnyFm::Person(f) => {
            let given = crate::collate::filed_under(&f.name, f.given_name.as_deref(), f.subject);
            vec![crate::collate::name_key(&f.name, given)]
        }
        AnyFm::Award(f) => f
            .recipients
            .iter()
            .map(|r| {
                // A recipient without a subject of its own has the decision's (and none
                // at all is reported while resolving).
                let subject = r
                    .subject
                    .or(f.subject)
                    .unwrap_or(crate::model::Subject::Individual);
                let given = crate::collate::filed_under(&r.name, r.given_name.as_deref(), subject);
                crate::collate::name_key(&r.name, given)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Parses one record from its bytes (also the entry point for fuzzing and tests).
pub fn parse_record(
    kind: Kind,
    rel: &Path,
    bytes: Vec<u8>,
    drafts: bool,
) -> Result<Option<Loaded>, Vec<Diagnostic>> {
    let text = source::decode(rel, bytes).map_err(|d| vec![d])?;
    let mut source = source::split(rel, text).map_err(|d| vec![d])?;
    // Every problem of the front matter at once: a record that parses once they are
    // stepped over is still resolved (its references are checked in the same run).
    use crate::recover::parse_all;
    let parsed = match kind {
        Kind::Plan => parse_all::<PlanFm>(&mut source)
            .map(AnyFm::Plan)
            .map_err(|r| r.map(AnyFm::Plan)),
        Kind::Movement => parse_all::<MovementFm>(&mut source)
            .map(AnyFm::Movement)
            .map_err(|r| r.map(AnyFm::Movement)),
        Kind::Person => parse_all::<PersonFm>(&mut source)
            .map(AnyFm::Person)
            .map_err(|r| r.map(AnyFm::Person)),
        Kind::Award => parse_all::<AwardFm>(&mut source)
            .map(|f| AnyFm::Award(Box::new(f)))
            .map_err(|r| r.map(|f| AnyFm::Award(Box::new(f)))),
        Kind::Notice => parse_all::<NoticeFm>(&mut source)
            .map(AnyFm::Notice)
            .map_err(|r| r.map(AnyFm::Notice)),
        Kind::Page => parse_all::<PageFm>(&mut source)
            .map(AnyFm::Page)
            .map_err(|r| r.map(AnyFm::Page)),
    };
    let (fm, mut problems, patched) = match parsed {
        Ok(fm) => (fm, Vec::new(), Vec::new()),
        Err(r) => match r.value {
            Some(fm) => (fm, r.problems, r.patched),
            None => return Err(r.problems),
        },
    };
    parse_rest(kind, rel, source, fm, drafts, &mut problems, patched).map_err(|d| {
        problems.push(d);
        problems
    })
}

/// The rest of [`parse_record`], once the front matter is read; `problems` holds those
/// met reading it, and a problem that stops the record is returned.
fn parse_rest(
    kind: Kind,
    rel: &Path,
    source: SourceFile,
    fm: AnyFm,
    drafts: bool,
    problems: &mut Vec<Diagnostic>,
    patched: Vec<usize>,
) -> Result<Option<Loaded>, Diagnostic> {
    let scheduled = fm.publish().is_some_and(|d| d > crate::date::Date::today());
    let draft = fm.draft() || scheduled;
    // A draft that could not be read is still reported, as before it could be.
    if draft && !drafts && problems.is_empty() {
        return Ok(None);
    }
    let hash = {
        use std::hash::{Hash, Hasher};
        // Eight bytes a step: SipHash over every source file cost more than parsing it.
        let mut h = crate::hash::FastHasher::default();
        source.text.hash(&mut h);
        rel.hash(&mut h);
        h.finish()
    };
    let slug = match fm.slug_override() {
        Some(s) => {
            let clean = text::slugify(s);
            if clean != s || clean.is_empty() {
                let line = source.line_of_key("slug");
                let col = source.column_of(line, s);
                return Err(Diagnostic::error(
                    "bad-slug",
                    rel,
                    line,
                    msg(
                        format!("slug “{s}” không phải đường dẫn hợp lệ"),
                        format!("slug \"{s}\" is not a URL slug"),
                    ),
                )
                .at(col, s.chars().count())
                .with_hint(text::slug_hint(&clean)));
            }
            clean
        }
        None => {
            let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let s = text::slugify(stem);
            if s.is_empty() {
                return Err(Diagnostic::error(
                    "bad-slug",
                    rel,
                    1,
                    msg("tên tệp không cho ra đường dẫn (slug) nào", "the file name gives an empty slug"),
                )
                .with_hint(msg(
                    "đổi tên tệp có chữ cái hoặc chữ số, hoặc ghi slug = \"...\" trong phần đầu tệp",
                    "rename the file with letters or digits, or set slug = \"...\" in the front matter",
                )));
            }
            s
        }
    };
    if slug.len() > text::MAX_SLUG {
        // It would be a folder name of the output, longer than a file system allows.
        let line = match fm.slug_override() {
            Some(_) => source.line_of_key("slug"),
            None => 1,
        };
        let short = &slug[..60];
        let short = short.rfind('-').map_or(short, |i| &short[..i]);
        return Err(Diagnostic::error(
            "slug-too-long",
            rel,
            line,
            msg(
                format!(
                    "đường dẫn (slug) của hồ sơ dài {} ký tự, quá {} ký tự cho phép",
                    slug.len(),
                    text::MAX_SLUG
                ),
                format!(
                    "the record's slug is {} characters long, over the {} allowed",
                    slug.len(),
                    text::MAX_SLUG
                ),
            ),
        )
        .with_hint(msg(
            format!("đặt tên tệp ngắn hơn, hoặc ghi slug = \"{short}\" trong phần đầu tệp"),
            format!("give the file a shorter name, or set slug = \"{short}\" in the front matter"),
        )));
    }
    let mut problems = std::mem::take(problems);
    for value in fm.allow() {
        if !crate::privacy::KINDS.contains(&value.as_str()) {
            let (line, col, len) = source.span_of_value(value);
            problems.push(
                Diagnostic::error(
                    "unknown-value",
                    rel,
                    line,
                    msg(
                        format!("giá trị “{value}” không dùng được trong allow"),
                        format!("unknown value \"{value}\" in allow"),
                    ),
                )
                .at(col, len)
                .with_hint(text::did_you_mean(value, crate::privacy::KINDS)),
            );
        }
    }
    problems.extend(crate::privacy::scan(&source, fm.allow()));
    // A file name without `slug` becomes the record's address.
    if fm.slug_override().is_none() {
        problems.extend(crate::privacy::scan_file_name(rel, fm.allow()));
    }
    if let AnyFm::Person(f) = &fm {
        if !f.consent {
            problems.extend(crate::privacy::scan_sensitive(&source));
        }
    }
    let name_keys = name_keys(&fm);
    let body = markdown::render(source.body()).map_err(|e| {
        let body = source.body();
        let (line, col) = source::line_col(body, e.offset);
        Diagnostic::error(
            "body-too-complex",
            rel,
            source.body_line() + line - 1,
            e.message,
        )
        .at(col, 1)
        .with_hint(e.hint)
    })?;
    let mut source = source;
    source.release_body();
    Ok(Some(Loaded {
        kind,
        source,
        fm,
        slug,
        body,
        name_keys,
        hash,
        draft,
        problems,
        patched,
        attachments: Vec::new(),
    }))
}
