//! Resolve stage: parsed front matter into the typed model. Every reference (field, level,
//! body, form, movement, person, decision) is checked; every problem is collected.

use crate::config::Settings;
use crate::error::{msg, Diagnostic, Diagnostics};
use crate::frontmatter::AnyFm;
use crate::load::Loaded;
use crate::model::*;
use crate::source::SourceFile;
use crate::text;
use rayon::prelude::*;
use std::collections::HashMap;

mod changes;
mod checks;
mod honours;
mod record;
mod sources;

use checks::*;
use record::*;

/// The slug maps every record's references are looked up in.
struct Maps<'a> {
    movements: HashMap<&'a str, usize>,
    people: HashMap<&'a str, usize>,
    awards: HashMap<&'a str, usize>,
    /// The slugs of record files that could not be read (their own errors are reported):
    /// a reference to one is not reported again as unknown.
    broken: std::collections::HashSet<String>,
}

struct Ctx<'a> {
    settings: &'a Settings,
    movements: &'a HashMap<&'a str, usize>,
    people: &'a HashMap<&'a str, usize>,
    awards: &'a HashMap<&'a str, usize>,
    broken: &'a std::collections::HashSet<String>,
    diags: Diagnostics,
}

impl Ctx<'_> {
    fn field_list(&mut self, src: &SourceFile, slugs: &[String]) -> Vec<FieldId> {
        let mut out = Vec::with_capacity(slugs.len());
        for s in slugs {
            if let Some(i) = find(
                &mut self.diags,
                src,
                ("lĩnh vực", "field"),
                s,
                &self.settings.field_ix,
                Some(&self.settings.field_labels),
            ) {
                if !out.contains(&i) {
                    out.push(i)
                }
            }
        }
        out
    }

    fn level(&mut self, src: &SourceFile, slug: &str) -> Option<LevelId> {
        find(
            &mut self.diags,
            src,
            ("cấp", "level"),
            slug,
            &self.settings.level_ix,
            Some(&self.settings.level_labels),
        )
    }

    fn body(&mut self, src: &SourceFile, slug: &str) -> Option<BodyId> {
        find(
            &mut self.diags,
            src,
            ("cơ quan ban hành", "issuing body"),
            slug,
            &self.settings.body_ix,
            Some(&self.settings.body_labels),
        )
    }

    fn form(&mut self, src: &SourceFile, slug: &str) -> Option<FormId> {
        find(
            &mut self.diags,
            src,
            ("hình thức, danh hiệu", "form or title"),
            slug,
            &self.settings.form_ix,
            Some(&self.settings.form_labels),
        )
    }

    fn movement(&mut self, src: &SourceFile, slug: &str) -> Option<MovementId> {
        if self.broken.contains(slug) && !self.movements.contains_key(slug) {
            return None;
        }
        find(
            &mut self.diags,
            src,
            ("phong trào", "movement"),
            slug,
            self.movements,
            None,
        )
    }

    fn person(&mut self, src: &SourceFile, slug: &str) -> Option<PersonId> {
        if self.broken.contains(slug) && !self.people.contains_key(slug) {
            return None;
        }
        find(
            &mut self.diags,
            src,
            ("hồ sơ gương điển hình", "person"),
            slug,
            self.people,
            None,
        )
    }

    fn award(&mut self, src: &SourceFile, slug: &str) -> Option<AwardId> {
        if self.broken.contains(slug) && !self.awards.contains_key(slug) {
            return None;
        }
        find(
            &mut self.diags,
            src,
            ("quyết định", "decision"),
            slug,
            self.awards,
            None,
        )
    }

    fn require_fields(&mut self, src: &SourceFile, fields: &[FieldId], written: &[String]) {
        if fields.is_empty() && written.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    "missing-field",
                    &src.path,
                    src.line_of_key("fields").max(1),
                    msg("chưa ghi lĩnh vực nào", "no field (lĩnh vực) is given"),
                )
                .with_hint(msg(
                    "ghi ít nhất một lĩnh vực, ví dụ fields = [\"van-hoa\"] (danh sách trong README)",
                    "add at least one field slug, e.g. fields = [\"van-hoa\"] (list in README)",
                )),
            );
        }
    }
}

/// Looks a slug up in one of the slug maps. A vocabulary of `site.toml` (`labels`) also
/// takes the label of exactly one entry written instead of its slug, ignoring case,
/// diacritics, spaces and punctuation ("Giấy khen", "giay khen"): silently, since the label
/// names the entry as surely as its slug. An unknown value is reported at the line that
/// names it, with the closest existing slugs (and their labels).
/// How many messages of one file get the closest values as their hint.
const HINTED_PER_FILE: usize = 200;

fn find<K, I: Id>(
    diags: &mut Diagnostics,
    src: &SourceFile,
    what: (&str, &str),
    slug: &str,
    map: &HashMap<K, usize>,
    labels: Option<&crate::config::Labels>,
) -> Option<I>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let found = map
        .get(slug)
        .copied()
        .or_else(|| labels.and_then(|l| l.find(slug)))
        .map(I::new);
    if found.is_none() {
        // A file with thousands of unknown values gets the closest ones for the first
        // hundreds; searching every slug of a large site for each of the rest would take
        // minutes and say the same.
        let hint = if diags.len() < HINTED_PER_FILE {
            match labels {
                Some(l) => text::did_you_mean_labelled(slug, l.entries()),
                None => text::did_you_mean(slug, map.keys().map(|k| k.borrow())),
            }
        } else {
            msg(
                "kiểm tra chính tả; các giá trị dùng được ở gợi ý của những lỗi đầu tiên trong tệp này và ở mục Danh mục của hướng dẫn",
                "check the spelling; the values that can be used are in the hints of the first errors of this file and on the Vocabularies page of the guide",
            )
        };
        let (line, col, len) = src.span_of_value(slug);
        diags.push(
            Diagnostic::error(
                "unknown-reference",
                &src.path,
                line,
                msg(
                    format!("{} “{slug}” không tồn tại", capitalise(what.0)),
                    format!("unknown {} \"{slug}\"", what.1),
                ),
            )
            .at(col, len)
            .with_hint(hint),
        );
    }
    found
}

/// One resolved record of any kind.
enum Resolved {
    Plan(Plan),
    Movement(Movement),
    Person(Person),
    Award(Award),
    Notice(Notice),
    Page(Page),
    /// A record with an error: not built, its diagnostics say why.
    Broken,
}

/// Resolves every loaded record: the records when none has an error, else none (the
/// diagnostics say why). A record with an error is never built, so no reference of the
/// records returned is broken.
pub(crate) fn resolve(
    settings: &Settings,
    root: &std::path::Path,
    loaded: &[&Loaded],
    diags: &mut Diagnostics,
) -> Option<Records> {
    let loaded = in_order(loaded);
    check_duplicate_slugs(settings, &loaded, diags);
    // References are ids of places in the sorted list of each kind; a record with an error
    // leaves its place empty, and then no records are returned at all.
    let broken = broken_slugs(&loaded, diags);
    let maps = maps(&loaded, broken);
    // Movements first (awards check their periods), then everything else, in parallel.
    let (movement_files, other_files): (Vec<&Loaded>, Vec<&Loaded>) =
        loaded.iter().partition(|l| l.kind == Kind::Movement);
    let mut diags_of = |(r, d): (Resolved, Diagnostics)| {
        diags.extend(d.items);
        r
    };
    let movements: Vec<Option<Movement>> = movement_files
        .par_iter()
        .map(|l| resolve_one(settings, root, &maps, &|_| None, l))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|d| match diags_of(d) {
            Resolved::Movement(m) => Some(m),
            _ => None,
        })
        .collect();
    let movement_done = |m: MovementId| movements.get(m.index()).and_then(Option::as_ref);
    let others: Vec<Resolved> = other_files
        .par_iter()
        .map(|l| resolve_one(settings, root, &maps, &movement_done, l))
        .collect::<Vec<_>>()
        .into_iter()
        .map(&mut diags_of)
        .collect();
    // The records without errors are checked together too (every error at once); they are
    // returned only when every place is filled.
    let mut complete = movements.iter().all(Option::is_some);
    let mut records = Records {
        movements: movements.into_iter().flatten().collect(),
        ..Records::default()
    };
    for r in others {
        match r {
            Resolved::Plan(x) => records.plans.push(x),
            Resolved::Movement(x) => records.movements.push(x),
            Resolved::Person(x) => records.people.push(x),
            Resolved::Award(x) => records.awards.push(x),
            Resolved::Notice(x) => records.notices.push(x),
            Resolved::Page(x) => records.pages.push(x),
            Resolved::Broken => complete = false,
        }
    }
    check_decision_identity(&records, settings, diags);
    unit_spellings(settings, &loaded, &records, diags);
    if complete {
        changes::link_changes(&mut records, diags);
    }
    (complete && !diags.has_errors()).then_some(records)
}

/// Warns of unit names written in two ways, over the whole site (see `units.rs`).
fn unit_spellings(
    settings: &Settings,
    loaded: &[&Loaded],
    records: &Records,
    diags: &mut Diagnostics,
) {
    let sources: HashMap<&std::path::Path, &SourceFile> = loaded
        .iter()
        .map(|l| (l.source.path.as_path(), &l.source))
        .collect();
    crate::units::check_spellings(
        &settings.unit_book,
        records,
        |p| sources.get(p).copied(),
        diags,
    );
}

/// Warns of namesakes who may be one person, over the whole site (see `identity.rs`):
/// after indexing, which finds who each recipient is.
pub(crate) fn same_names(
    loaded: &[&Loaded],
    records: &Records,
    identities: &crate::identity::Identities,
    diags: &mut Diagnostics,
) {
    let by_path: HashMap<&std::path::Path, &Loaded> = loaded
        .iter()
        .map(|l| (l.source.path.as_path(), *l))
        .collect();
    crate::identity::check(records, identities, &Locator { by_path, records }, diags);
}

/// Finds recipients and people records in the files they were read from.
struct Locator<'a> {
    by_path: HashMap<&'a std::path::Path, &'a Loaded>,
    records: &'a Records,
}

impl Locator<'_> {
    fn spot(
        &self,
        path: &std::path::Path,
        line: impl Fn(&SourceFile) -> usize,
        name: &str,
    ) -> crate::identity::Spot {
        let (line, column) = match self.by_path.get(path) {
            Some(l) => {
                let src = &l.source;
                let line = line(src);
                // The line's text by a plain scan (not the file's index of positions).
                let text = (src.front_matter().lines())
                    .nth(line.saturating_sub(src.front_line))
                    .unwrap_or("");
                let column = text.find(name).map_or(0, |i| text[..i].chars().count() + 1);
                (line, column)
            }
            None => (1, 0),
        };
        crate::identity::Spot {
            path: path.to_path_buf(),
            line,
            column,
            len: name.chars().count(),
            row: None,
        }
    }
}

impl crate::identity::Locate for Locator<'_> {
    fn recipient(&self, a: AwardId, k: usize) -> crate::identity::Spot {
        let award = &self.records[a];
        let name = &award.recipients[k].name;
        let mut spot = self.spot(
            &award.meta.path,
            |s| {
                s.scan_block_key("recipients", k, "name")
                    .unwrap_or_else(|| s.line_of_key_in("recipients", k, "name"))
            },
            name,
        );
        if let Some(l) = self.by_path.get(award.meta.path.as_path()) {
            if let crate::frontmatter::AnyFm::Award(fm) = &l.fm {
                spot.row = fm.recipients.get(k).and_then(|r| r.origin.clone());
            }
        }
        spot
    }

    fn person(&self, p: PersonId) -> crate::identity::Spot {
        let person = &self.records[p];
        self.spot(
            &person.meta.path,
            |s| s.scan_key("name").unwrap_or_else(|| s.line_of_key("name")),
            &person.name,
        )
    }
}

/// Records in the order they are resolved (by kind, then path): a record's index among
/// those of its kind is its place in [`Records`].
fn in_order<'l>(loaded: &[&'l Loaded]) -> Vec<&'l Loaded> {
    let mut loaded: Vec<&Loaded> = loaded.to_vec();
    loaded.sort_by(|a, b| (a.kind, &a.source.path).cmp(&(b.kind, &b.source.path)));
    loaded
}

/// Slug → index of the records other records refer to.
/// The slugs, from their file names, of the record files that errors in `diags` say could
/// not be read (they are not among `loaded`).
fn broken_slugs(loaded: &[&Loaded], diags: &Diagnostics) -> std::collections::HashSet<String> {
    let read: std::collections::HashSet<&std::path::Path> =
        loaded.iter().map(|l| l.source.path.as_path()).collect();
    diags
        .items
        .iter()
        .filter(|d| d.is_error() && !read.contains(d.path.as_path()))
        .filter(|d| {
            d.path.starts_with("content")
                && d.path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        })
        .filter_map(|d| {
            d.path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(text::slugify)
        })
        .collect()
}

fn maps<'a>(loaded: &[&'a Loaded], broken: std::collections::HashSet<String>) -> Maps<'a> {
    let slugs_of = |kind: Kind| -> HashMap<&str, usize> {
        loaded
            .iter()
            .filter(|l| l.kind == kind)
            .enumerate()
            .map(|(i, l)| (l.slug.as_str(), i))
            .collect()
    };
    Maps {
        movements: slugs_of(Kind::Movement),
        people: slugs_of(Kind::Person),
        awards: slugs_of(Kind::Award),
        broken,
    }
}

/// Resolves again only the records of `changed`, in place, when nothing else can have
/// moved: the site has the same files with the same slugs, and none of the changed
/// records is a movement (awards check their dates against movements). The preview uses it
/// so an edit does not resolve ten thousand records again.
///
/// Returns false when a full [`resolve`] is needed instead: a precondition does not hold, or
/// the new records have errors (a full resolve reports every error of the site together).
/// `records` may then be partly updated and must be resolved from scratch.
pub(crate) fn patch(
    settings: &Settings,
    root: &std::path::Path,
    loaded: &[&Loaded],
    records: &mut Records,
    changed: &[&Loaded],
    diags: &mut Diagnostics,
) -> bool {
    let loaded = in_order(loaded);
    let maps = maps(&loaded, Default::default());
    let count = |kind: Kind| loaded.iter().filter(|l| l.kind == kind).count();
    let r = &*records;
    let same_set = count(Kind::Plan) == r.plans.len()
        && count(Kind::Movement) == r.movements.len()
        && count(Kind::Person) == r.people.len()
        && count(Kind::Award) == r.awards.len()
        && count(Kind::Notice) == r.notices.len()
        && count(Kind::Page) == r.pages.len();
    if !same_set {
        return false;
    }
    let mut found = Diagnostics::default();
    for l in changed {
        if l.kind == Kind::Movement {
            return false;
        }
        let key = (l.kind, &l.source.path);
        let Ok(at) = loaded.binary_search_by(|x| (x.kind, &x.source.path).cmp(&key)) else {
            return false;
        };
        let first = loaded.partition_point(|x| x.kind < l.kind);
        let i = at - first;
        let movement_done = |m: MovementId| records.movements.get(m.index());
        let (resolved, d) = resolve_one(settings, root, &maps, &movement_done, l);
        if d.has_errors() {
            return false;
        }
        // The record in that place must be the same file under the same slug.
        let same = |meta: &crate::model::Meta| meta.path == l.source.path && meta.slug == l.slug;
        let ok = match resolved {
            Resolved::Plan(x) => replace(&mut records.plans, i, x, |x| same(&x.meta)),
            Resolved::Movement(_) => false,
            Resolved::Person(x) => replace(&mut records.people, i, x, |x| same(&x.meta)),
            Resolved::Award(x) => replace(&mut records.awards, i, x, |x| same(&x.meta)),
            Resolved::Notice(x) => replace(&mut records.notices, i, x, |x| same(&x.meta)),
            Resolved::Page(x) => replace(&mut records.pages, i, x, |x| same(&x.meta)),
            Resolved::Broken => false,
        };
        if !ok {
            return false;
        }
        found.extend(d.items);
    }
    let mut global = Diagnostics::default();
    check_decision_identity(records, settings, &mut global);
    changes::link_changes(records, &mut global);
    if global.has_errors() {
        return false;
    }
    diags.extend(found.items);
    // Made again for the whole site: the caller drops the earlier ones.
    unit_spellings(settings, &loaded, records, diags);
    true
}

/// Puts `x` at `i` when the record there is the same one (`same`).
fn replace<T>(list: &mut [T], i: usize, x: T, same: impl Fn(&T) -> bool) -> bool {
    match list.get_mut(i) {
        Some(old) if same(old) && same(&x) => {
            *old = x;
            true
        }
        _ => false,
    }
}
