//! Load stage: walk `content/`, read every record file in parallel, split and parse its
//! front matter and render its Markdown body.

use crate::error::Diagnostic;
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
}

/// Lists the record files of a site: `(kind, absolute path, path relative to root)`, sorted
/// so the build does not depend on the file system's order.
pub fn discover(root: &Path) -> (Vec<(Kind, PathBuf, PathBuf)>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for kind in Kind::ALL {
        let dir = content.join(kind.folder());
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| rel(root, p))
                        .unwrap_or_else(|| rel(root, &dir));
                    diags.push(Diagnostic::error(path, 0, format!("cannot read: {e}")));
                    continue;
                }
            };
            if !entry.file_type().is_file() || is_ignored(entry.path()) {
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
                    rel(root, &p),
                    0,
                    "this file is not in a record folder and is ignored",
                )
                .with_hint(
                    "move it into content/plans, movements, people, awards, notices or pages",
                ),
            );
        }
    }
    (files, diags)
}

/// Editor backups, swap files and hidden files are not records.
pub fn is_ignored(path: &Path) -> bool {
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
    let results: Vec<Result<Option<Loaded>, Diagnostic>> = files
        .par_iter()
        .map(|(kind, abs, rel)| load_one(*kind, abs, rel, drafts))
        .collect();
    let mut loaded = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(Some(l)) => loaded.push(l),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    (loaded, diags)
}

/// Reads one record file.
pub fn load_one(
    kind: Kind,
    abs: &Path,
    rel: &Path,
    drafts: bool,
) -> Result<Option<Loaded>, Diagnostic> {
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(rel, 0, format!("cannot read the file: {e}")))?;
    parse_record(kind, rel, bytes, drafts)
}

/// Parses one record from its bytes (also the entry point for fuzzing and tests).
pub fn parse_record(
    kind: Kind,
    rel: &Path,
    bytes: Vec<u8>,
    drafts: bool,
) -> Result<Option<Loaded>, Diagnostic> {
    let text = source::decode(rel, bytes)?;
    let source = source::split(rel, text)?;
    let fm = match kind {
        Kind::Plan => AnyFm::Plan(source.parse::<PlanFm>()?),
        Kind::Movement => AnyFm::Movement(source.parse::<MovementFm>()?),
        Kind::Person => AnyFm::Person(source.parse::<PersonFm>()?),
        Kind::Award => AnyFm::Award(Box::new(source.parse::<AwardFm>()?)),
        Kind::Notice => AnyFm::Notice(source.parse::<NoticeFm>()?),
        Kind::Page => AnyFm::Page(source.parse::<PageFm>()?),
    };
    if fm.draft() && !drafts {
        return Ok(None);
    }
    let slug = match fm.slug_override() {
        Some(s) => {
            let clean = text::slugify(s);
            if clean != s || clean.is_empty() {
                return Err(Diagnostic::error(
                    rel,
                    source.line_of_key("slug"),
                    format!("slug \"{s}\" is not a URL slug"),
                )
                .with_hint(format!(
                    "use lowercase ASCII letters, digits and hyphens, e.g. slug = \"{clean}\""
                )));
            }
            clean
        }
        None => {
            let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let s = text::slugify(stem);
            if s.is_empty() {
                return Err(Diagnostic::error(rel, 1, "the file name gives an empty slug")
                    .with_hint("rename the file with letters or digits, or set slug = \"...\" in the front matter"));
            }
            s
        }
    };
    let body = markdown::render(source.body());
    Ok(Some(Loaded {
        kind,
        source,
        fm,
        slug,
        body,
    }))
}
