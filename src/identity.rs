//! Who each recipient is. A decision names people by name and unit; residents look for a
//! person and every honour they were given. A recipient is the same honouree as another
//! when:
//!
//! 1. both are linked to the same people record (`person`), or a recipient with no link has
//!    the name and unit of a people record: that record's page is the honouree's page;
//! 2. both state the same `id` (two people who share a name, kept apart);
//! 3. otherwise both have the same name (letter case and spacing aside, marks kept: “Đức”
//!    is not “Đúc”), the same unit (as `[[units]]` resolves it, former names included) and
//!    the same place.
//!
//! Two people (or households) with the same name and different units are not merged
//! silently: [`check`] warns and says how to link or separate them.

use crate::config::Settings;
use crate::error::{msg, Diagnostic, Diagnostics};
use crate::index::HonourRef;
use crate::model::{AwardId, PerId, PersonId, Records, Subject};
use std::collections::{HashMap, HashSet};

type Fast = std::hash::BuildHasherDefault<crate::hash::FastHasher>;

/// The warning of two recipients with one name who may be one person.
pub(crate) const SAME_NAME: &str = "same-name";

/// A person, household, collective or village honoured in this site.
#[derive(Debug, Clone)]
pub(crate) struct Honouree {
    /// The last part of its page's address: the people record's slug, else from the name.
    pub slug: String,
    /// Its page: the people record's, else one under `[paths] honourees`.
    pub url: String,
    /// The name as its newest honour writes it.
    pub name: String,
    pub subject: Subject,
    pub unit: Option<String>,
    pub place: Option<String>,
    pub person: Option<PersonId>,
    /// The `id` its recipients state.
    pub stated: Option<String>,
    /// Every honour, newest first: cancelled ones too (struck through on its page).
    pub honours: Vec<HonourRef>,
    /// Where it was first named, for messages: its oldest recipient, if any.
    first: Option<(AwardId, usize)>,
}

impl Honouree {
    /// Whether it has a page of its own (not a people record's).
    pub(crate) fn own_page(&self) -> bool {
        self.person.is_none()
    }
}

/// An honouree's number in [`Identities::all`].
pub(crate) type HonoureeId = usize;

/// Every honouree, and which one each recipient and people record is.
#[derive(Debug, Default, Clone)]
pub(crate) struct Identities {
    /// People records first (in their order), then the others in the order first honoured.
    pub all: Vec<Honouree>,
    of_recipient: PerId<AwardId, Vec<u32>>,
    of_person: PerId<PersonId, u32>,
}

/// What tells honourees apart.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Key {
    Stated(String),
    Named {
        name: String,
        unit: String,
        place: String,
    },
}

/// A name as identities compare it: NFC, lower case, single spaces.
pub(crate) fn name_key(name: &str) -> String {
    let name = crate::text::nfc(name);
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Identities {
    /// Groups the recipients of `r`; `awards_by_date` is every decision, newest first.
    pub(crate) fn build(settings: &Settings, r: &Records, awards_by_date: &[AwardId]) -> Self {
        let mut all: Vec<Honouree> = Vec::with_capacity(r.people.len());
        let mut by_key: HashMap<Key, u32, Fast> =
            HashMap::with_capacity_and_hasher(r.people.len() * 4, Fast::default());
        let mut units = UnitSlugs {
            settings,
            known: HashMap::default(),
        };
        let place_key = |p: Option<&str>| p.map(name_key).unwrap_or_default();
        let mut of_person = PerId::filled(r.people.len(), 0u32);
        for p in r.ids::<PersonId>() {
            let pe = &r[p];
            let h = all.len() as u32;
            of_person[p] = h;
            let key = Key::Named {
                name: name_key(&pe.name),
                unit: units.of(pe.unit.as_deref()),
                place: place_key(pe.place.as_deref()),
            };
            by_key.entry(key).or_insert(h);
            all.push(Honouree {
                slug: pe.meta.slug.clone(),
                url: pe.meta.url.clone(),
                name: pe.name.clone(),
                subject: pe.subject,
                unit: pe.unit.clone(),
                place: pe.place.clone(),
                person: Some(p),
                stated: None,
                honours: Vec::new(),
                first: None,
            });
        }
        let mut of_recipient: PerId<AwardId, Vec<u32>> = r
            .ids::<AwardId>()
            .map(|a| vec![0; r[a].recipients.len()])
            .collect();
        // Oldest first, so a name keeps its address when later namesakes come.
        for &a in awards_by_date.iter().rev() {
            for (k, rec) in r[a].recipients.iter().enumerate() {
                let name = r.name_now(a, k);
                let h = match (rec.person, &rec.id) {
                    (Some(p), _) => of_person[p],
                    (None, id) => {
                        let key = match id {
                            Some(id) => Key::Stated(name_key(id)),
                            None => Key::Named {
                                name: name_key(name),
                                unit: units.of(rec.unit.as_deref()),
                                place: place_key(rec.place.as_deref()),
                            },
                        };
                        *by_key.entry(key).or_insert_with(|| {
                            all.push(Honouree {
                                slug: String::new(),
                                url: String::new(),
                                name: String::new(),
                                subject: rec.subject,
                                unit: None,
                                place: None,
                                person: None,
                                stated: rec.id.clone(),
                                honours: Vec::new(),
                                first: Some((a, k)),
                            });
                            (all.len() - 1) as u32
                        })
                    }
                };
                of_recipient[a][k] = h;
                let x = &mut all[h as usize];
                x.honours.push(HonourRef::Decision(a, k));
                if x.person.is_none() {
                    // The newest decision's spelling and unit are shown.
                    x.name = name.to_string();
                    x.unit = rec.unit.clone();
                    x.place = rec.place.clone();
                    x.subject = rec.subject;
                }
            }
        }
        for x in &mut all {
            x.honours.reverse();
        }
        for p in r.ids::<PersonId>() {
            if r[p].honours.is_empty() {
                continue;
            }
            let x = &mut all[of_person[p] as usize];
            x.honours
                .extend((0..r[p].honours.len()).map(|k| HonourRef::Recorded(p, k)));
            x.honours.sort_by_key(|h| std::cmp::Reverse(h.date(r)));
        }
        let at = crate::render::address::Addresses::new(&settings.paths);
        let mut taken: HashSet<String, Fast> = HashSet::default();
        let mut unit_of: HashMap<&str, String, Fast> = HashMap::default();
        for x in all.iter_mut().filter(|x| x.person.is_none()) {
            let unit = match x.unit.as_deref() {
                None => String::new(),
                Some(u) => unit_of
                    .entry(u)
                    .or_insert_with(|| units.of(Some(u)))
                    .clone(),
            };
            x.slug = free_slug(&mut taken, x, unit);
            x.url = at.honouree(&x.slug);
        }
        Identities {
            all,
            of_recipient,
            of_person,
        }
    }

    /// The honouree recipient `k` of decision `a` is.
    pub(crate) fn of(&self, a: AwardId, k: usize) -> HonoureeId {
        self.of_recipient[a][k] as usize
    }

    /// The honouree of a people record.
    pub(crate) fn of_person(&self, p: PersonId) -> HonoureeId {
        self.of_person[p] as usize
    }

    /// The honouree of any honour.
    pub(crate) fn of_honour(&self, h: HonourRef) -> HonoureeId {
        match h {
            HonourRef::Decision(a, k) => self.of(a, k),
            HonourRef::Recorded(p, _) => self.of_person(p),
        }
    }

    /// The honourees with a page of their own, in order.
    pub(crate) fn own_pages(&self) -> impl Iterator<Item = (HonoureeId, &Honouree)> {
        self.all.iter().enumerate().filter(|(_, x)| x.own_page())
    }
}

/// The slug of each unit name (the unit page's), found once per name.
struct UnitSlugs<'s, 'r> {
    settings: &'s Settings,
    known: HashMap<&'r str, String, Fast>,
}

impl<'r> UnitSlugs<'_, 'r> {
    fn of(&mut self, unit: Option<&'r str>) -> String {
        match unit {
            None => String::new(),
            Some(u) => self
                .known
                .entry(u)
                .or_insert_with(|| self.settings.unit_book.place(u).slug)
                .clone(),
        }
    }
}

/// An address not yet taken: the name's slug (from the stated `id` when there is one),
/// else with the unit's, else numbered.
fn free_slug(taken: &mut HashSet<String, Fast>, x: &Honouree, unit: String) -> String {
    let mut base = crate::text::slugify(&x.name);
    if base.is_empty() {
        base = "khong-ten".to_string();
    }
    if let Some(id) = &x.stated {
        let id = crate::text::slugify(id);
        if id.starts_with(&base) {
            base = id;
        } else if !id.is_empty() {
            base = format!("{base}-{id}");
        }
    }
    let mut candidates = vec![base.clone()];
    if !unit.is_empty() && !base.ends_with(&unit) {
        candidates.push(format!("{base}-{unit}"));
    }
    for c in candidates {
        if taken.insert(c.clone()) {
            return c;
        }
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| taken.insert(c.clone()))
        .expect("some number is free")
}

/// Where a recipient or a people record is written: its file and line (and column and
/// length of the name), or the spreadsheet row it was read from.
pub(crate) struct Spot {
    pub path: std::path::PathBuf,
    pub line: usize,
    pub column: usize,
    pub len: usize,
    pub row: Option<Box<crate::sheet::RowOrigin>>,
}

impl Spot {
    /// `khen-thuong/a.md:12`, or `…/ds.xlsx, trang “DS”, dòng 12, cột B`.
    fn text(&self) -> String {
        match &self.row {
            Some(o) => format!(
                "{}, {}",
                o.file.display(),
                o.place(o.column(crate::sheet::Field::Name)).vi
            ),
            None => format!("{}:{}", self.path.display(), self.line),
        }
    }

    /// `d` pointed here.
    fn apply(&self, mut d: Diagnostic) -> Diagnostic {
        match &self.row {
            Some(o) => o.relocate(d, Some(crate::sheet::Field::Name)),
            None => {
                d.path = self.path.clone();
                d.line = self.line;
                d.at(self.column, self.len)
            }
        }
    }
}

/// Finds where recipients and people records are written.
pub(crate) trait Locate {
    fn recipient(&self, a: AwardId, k: usize) -> Spot;
    fn person(&self, p: PersonId) -> Spot;
}

/// Warns of people (and households) with the same name who are kept apart only by their
/// unit or place: they may be one person written two ways, or two namesakes. Collectives
/// and villages share names by nature ("Chi hội Phụ nữ" of every village) and are not
/// warned of, nor are two people records (each is linked on purpose).
pub(crate) fn check(r: &Records, ids: &Identities, locate: &dyn Locate, diags: &mut Diagnostics) {
    let mut by_name: HashMap<String, Vec<HonoureeId>, Fast> = HashMap::default();
    for (i, x) in ids.all.iter().enumerate() {
        if x.stated.is_some() || x.subject.is_organisation() || x.honours.is_empty() {
            continue;
        }
        by_name.entry(name_key(&x.name)).or_default().push(i);
    }
    let mut groups: Vec<Vec<HonoureeId>> = by_name.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    let spot = |x: &Honouree| match (x.person, x.first) {
        (Some(p), _) => Some(locate.person(p)),
        (None, Some((a, k))) => Some(locate.recipient(a, k)),
        (None, None) => None,
    };
    // The name as written where the message points.
    let written = |x: &Honouree| match x.first {
        Some((a, k)) if x.person.is_none() => r.name_now(a, k).to_string(),
        _ => x.name.clone(),
    };
    let describe = |x: &Honouree| match (&x.unit, &x.place) {
        (Some(u), Some(p)) => format!("{u}, {p}"),
        (Some(u), None) => u.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "không ghi đơn vị".to_string(),
    };
    for group in groups {
        if group.iter().all(|&i| ids.all[i].person.is_some()) {
            continue;
        }
        let first = &ids.all[group[0]];
        let at_first = spot(first).map(|s| s.text()).unwrap_or_default();
        for &i in &group[1..] {
            let x = &ids.all[i];
            let Some(here) = spot(x) else { continue };
            let vi = format!(
                "“{}” ({}) trùng tên với “{}” ({}) ở {at_first}: trang web coi là hai người khác nhau",
                written(x),
                describe(x),
                written(first),
                describe(first),
            );
            let en = format!(
                "\"{}\" ({}) has the name of \"{}\" ({}) at {at_first}: the site takes them for two people",
                written(x),
                describe(x),
                written(first),
                describe(first),
            );
            let slug = crate::text::slugify(&x.name);
            let (link_vi, link_en) = match first.person.or(x.person) {
                Some(p) => (
                    format!(
                        "ghi person = \"{}\" ở người được khen chưa nối với hồ sơ gương điển hình",
                        r[p].meta.slug
                    ),
                    format!(
                        "write person = \"{}\" on the recipient not linked to the people record",
                        r[p].meta.slug
                    ),
                ),
                None => (
                    format!("ghi cùng một dòng id = \"{slug}-1\" ở cả hai nơi"),
                    format!("write the same id = \"{slug}-1\" in both places"),
                ),
            };
            let hint = msg(
                format!(
                    "nếu là một người: {link_vi}; nếu là hai người: ghi id khác nhau cho mỗi người (id = \"{slug}-1\" và id = \"{slug}-2\") để tắt cảnh báo này. Trong bảng Excel, ghi mã vào cột “Mã”"
                ),
                format!(
                    "if this is one person, {link_en}; if two, give each a different id (id = \"{slug}-1\" and id = \"{slug}-2\"); in a spreadsheet write it in a “Mã” column"
                ),
            );
            diags.push(
                here.apply(Diagnostic::warning(SAME_NAME, "", 0, msg(vi, en)).with_hint(hint)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_compare_without_case_or_spacing_but_with_marks() {
        assert_eq!(name_key("  Nguyễn  văn ĐỨC "), name_key("Nguyễn Văn Đức"));
        assert_ne!(name_key("Nguyễn Văn Đúc"), name_key("Nguyễn Văn Đức"));
        // NFD (combining marks) is the same name.
        assert_eq!(name_key("Nguye\u{302}\u{303}n"), name_key("Nguyễn"));
    }
}
