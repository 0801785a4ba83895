//! Indexes built once after resolving: records by year, field, movement, form, unit and
//! person, and the A–Z honour roll in Vietnamese order. Templates never search; they get
//! these lists.

use crate::collate;
use crate::config::Settings;
use crate::model::{
    AwardId, FieldId, FormId, Id, MovementId, NoticeId, PageId, PerId, PersonId, PlanId, RecordId,
    Records, Subject, UnitId,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use crate::collate::NameKey;

/// One honour as lists show it: a recipient of a decision in this site, or an honour a
/// person's record lists without its decision (`[[honours]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum HonourRef {
    /// Recipient `k` of a decision.
    Decision(AwardId, usize),
    /// Honour `k` of a person's `[[honours]]`.
    Recorded(PersonId, usize),
}

impl HonourRef {
    /// The date of its decision.
    pub(crate) fn date(self, r: &Records) -> crate::date::Date {
        match self {
            HonourRef::Decision(a, _) => r[a].date,
            HonourRef::Recorded(p, k) => r[p].honours[k].date,
        }
    }
}

/// Everything of one year.
#[derive(Debug, Default, Clone)]
pub(crate) struct YearIndex {
    pub plans: Vec<PlanId>,
    pub movements: Vec<MovementId>,
    pub people: Vec<PersonId>,
    pub awards: Vec<AwardId>,
    pub notices: Vec<NoticeId>,
    /// Who was honoured that year: the recipients of its decisions (newest decision
    /// first, in the decision's order), then honours recorded from other sources.
    pub honours: Vec<HonourRef>,
}

impl YearIndex {
    pub(crate) fn total(&self) -> usize {
        self.plans.len()
            + self.movements.len()
            + self.people.len()
            + self.awards.len()
            + self.notices.len()
    }
}

/// Everything of one field.
#[derive(Debug, Default, Clone)]
pub(crate) struct FieldIndex {
    pub movements: Vec<MovementId>,
    pub people: Vec<PersonId>,
    pub awards: Vec<AwardId>,
    pub notices: Vec<NoticeId>,
}

/// Everything of one movement.
#[derive(Debug, Default, Clone)]
pub(crate) struct MovementIndex {
    pub plans: Vec<PlanId>,
    pub people: Vec<PersonId>,
    pub awards: Vec<AwardId>,
    /// The movements that name this one as their `parent`, newest start first.
    pub children: Vec<MovementId>,
}

/// A unit or village: the names that mean it (by their normalised key, or declared in
/// `[[units]]`, former units included) and what names it.
#[derive(Debug, Default, Clone)]
pub(crate) struct UnitIndex {
    pub slug: String,
    /// The declared name, else the first spelling read (people, decisions, notices, each
    /// by file: the one `check_spellings` names first).
    pub label: String,
    /// The unit declared in `[[units]]` (its place in `Book::current`), if it is.
    pub declared: Option<usize>,
    pub people: Vec<PersonId>,
    pub recipients: Vec<HonourRef>,
    /// Nominees of public notices: (the notice, the nominee's place in it), newest first.
    pub nominees: Vec<(NoticeId, usize)>,
}

impl UnitIndex {
    /// How many times records name it.
    pub(crate) fn count(&self) -> usize {
        self.people.len() + self.recipients.len() + self.nominees.len()
    }
}

/// A letter of the honour roll (people by given name), or one of its sections of
/// households, collectives and villages.
#[derive(Debug, Clone)]
pub(crate) struct Letter {
    /// The letter ("Đ"), or empty for a section (named in the site's language).
    pub letter: String,
    pub slug: String,
    /// The section's kind of subject; none for a letter of people.
    pub section: Option<Subject>,
    /// Everyone filed here with an honour in force, once each, in Vietnamese order.
    pub entries: Vec<crate::identity::HonoureeId>,
}

/// The honour roll's sections after the letters of people: their kind and address.
pub(crate) const SECTIONS: [(Subject, &str); 3] = [
    (Subject::Household, "ho-gia-dinh"),
    (Subject::Collective, "tap-the"),
    (Subject::Village, "thon"),
];

#[derive(Debug, Default, Clone)]
pub(crate) struct Indexes {
    /// Decisions, newest first.
    pub awards_by_date: Vec<AwardId>,
    /// People in Vietnamese name order.
    pub people_by_name: Vec<PersonId>,
    /// Movements, newest start first.
    pub movements_by_start: Vec<MovementId>,
    /// Plans, newest year first.
    pub plans_by_year: Vec<PlanId>,
    /// Notices, newest posting first.
    pub notices_by_date: Vec<NoticeId>,
    /// Free pages by weight, then title.
    pub pages_by_weight: Vec<PageId>,
    /// Years, newest first.
    pub years: BTreeMap<std::cmp::Reverse<i32>, YearIndex>,
    /// Per field (same order as `settings.fields`).
    pub fields: PerId<FieldId, FieldIndex>,
    pub movements: PerId<MovementId, MovementIndex>,
    /// Per form (same order as `settings.forms`): its recipients, newest first.
    pub forms: PerId<FormId, Vec<HonourRef>>,
    /// The forms with a page: those declared in `site.toml` and those anyone received or
    /// is nominated for (of the Law's sixty built-in forms a commune uses a few).
    pub forms_shown: Vec<FormId>,
    /// Units in Vietnamese order.
    pub units: Vec<UnitIndex>,
    pub unit_by_slug: HashMap<String, UnitId>,
    /// Per award: notices whose decision it is.
    pub award_notices: PerId<AwardId, Vec<NoticeId>>,
    /// The honour roll by Vietnamese letter.
    pub honour_roll: Vec<Letter>,
    /// Who each recipient is: every honouree and their honours.
    pub identities: crate::identity::Identities,
}

impl Indexes {
    /// Every record of a kind in list order.
    pub(crate) fn order<I: RecordId>(&self) -> &[I] {
        I::order(self)
    }

    // Filled stage by stage: each list is built from the ones before it.
    #[allow(clippy::field_reassign_with_default)]
    pub(crate) fn build(settings: &Settings, r: &Records) -> Indexes {
        let mut awards_by_date: Vec<AwardId> = r.ids().collect();
        awards_by_date.sort_by(|&a, &b| {
            let (a, b) = (&r[a], &r[b]);
            b.date
                .cmp(&a.date)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        // Who each recipient is and the honour roll (sorting everyone) are the largest
        // part: they are built on another thread while the other indexes are built here.
        let ((identities, roll), mut ix) = rayon::join(
            || {
                let ids = crate::identity::Identities::build(settings, r, &awards_by_date);
                let roll = honour_roll(r, &ids);
                (ids, roll)
            },
            || Indexes::build_rest(settings, r, awards_by_date.clone()),
        );
        ix.honour_roll = roll;
        ix.identities = identities;
        ix
    }

    fn build_rest(settings: &Settings, r: &Records, awards_by_date: Vec<AwardId>) -> Indexes {
        let mut ix = Indexes {
            awards_by_date,
            ..Indexes::default()
        };

        ix.people_by_name = r.ids().collect();
        ix.people_by_name.sort_by(|&a, &b| {
            (r[a].name_key)
                .cmp(&r[b].name_key)
                .then_with(|| r[a].meta.slug.cmp(&r[b].meta.slug))
        });

        ix.movements_by_start = r.ids().collect();
        ix.movements_by_start.sort_by(|&a, &b| {
            let (a, b) = (&r[a], &r[b]);
            b.start
                .cmp(&a.start)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.plans_by_year = r.ids().collect();
        ix.plans_by_year.sort_by(|&a, &b| {
            let (a, b) = (&r[a], &r[b]);
            b.year
                .cmp(&a.year)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.notices_by_date = r.ids().collect();
        ix.notices_by_date.sort_by(|&a, &b| {
            let (a, b) = (&r[a], &r[b]);
            b.posted
                .cmp(&a.posted)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.pages_by_weight = r.ids().collect();
        ix.pages_by_weight.sort_by(|&a, &b| {
            let (a, b) = (&r[a], &r[b]);
            a.weight
                .cmp(&b.weight)
                .then_with(|| collate::compare(&a.meta.title, &b.meta.title))
        });

        // Years.
        for &i in &ix.plans_by_year {
            ix.years
                .entry(std::cmp::Reverse(r[i].year))
                .or_default()
                .plans
                .push(i);
        }
        for &i in &ix.awards_by_date {
            let year = ix
                .years
                .entry(std::cmp::Reverse(r[i].date.year))
                .or_default();
            year.awards.push(i);
            year.honours
                .extend((0..r[i].recipients.len()).map(|k| HonourRef::Decision(i, k)));
        }
        for &i in &ix.people_by_name {
            for (k, h) in r[i].honours.iter().enumerate() {
                ix.years
                    .entry(std::cmp::Reverse(h.date.year))
                    .or_default()
                    .honours
                    .push(HonourRef::Recorded(i, k));
            }
        }
        for &i in &ix.people_by_name {
            ix.years
                .entry(std::cmp::Reverse(r[i].year))
                .or_default()
                .people
                .push(i);
        }
        for &i in &ix.notices_by_date {
            ix.years
                .entry(std::cmp::Reverse(r[i].year))
                .or_default()
                .notices
                .push(i);
        }
        // A movement belongs to every year of its period that already has other records.
        let years: Vec<i32> = ix.years.keys().map(|k| k.0).collect();
        for &i in &ix.movements_by_start {
            let m = &r[i];
            for &y in &years {
                if y >= m.start.year && m.end.is_none_or(|e| y <= e.year) {
                    if let Some(entry) = ix.years.get_mut(&std::cmp::Reverse(y)) {
                        entry.movements.push(i);
                    }
                }
            }
        }

        // Fields.
        ix.fields = PerId::filled(settings.fields.len(), FieldIndex::default());
        for &i in &ix.movements_by_start {
            for &f in &r[i].fields {
                ix.fields[f].movements.push(i);
            }
        }
        for &i in &ix.people_by_name {
            for &f in &r[i].fields {
                ix.fields[f].people.push(i);
            }
        }
        for &i in &ix.awards_by_date {
            for &f in &r[i].fields {
                ix.fields[f].awards.push(i);
            }
        }
        for &i in &ix.notices_by_date {
            for &f in &r[i].fields {
                ix.fields[f].notices.push(i);
            }
        }

        // Movements.
        ix.movements = PerId::filled(r.movements.len(), MovementIndex::default());
        for &i in &ix.plans_by_year {
            for &m in &r[i].movements {
                ix.movements[m].plans.push(i);
            }
        }
        for &i in &ix.people_by_name {
            for &m in &r[i].movements {
                ix.movements[m].people.push(i);
            }
        }
        for &i in &ix.awards_by_date {
            if let Some(m) = r[i].movement {
                ix.movements[m].awards.push(i);
            }
        }
        for &i in &ix.movements_by_start {
            if let Some(p) = r[i].parent {
                ix.movements[p].children.push(i);
            }
        }

        // Forms, people's awards, units.
        ix.forms = PerId::filled(settings.forms.len(), Vec::new());
        // Unit names repeat on many records: each name's unit is found once. A unit is
        // labelled by the first spelling read in file order, so that is registered first.
        let mut units = UnitTable::new(&settings.unit_book);
        for p in &r.people {
            units.register(p.unit.as_deref());
        }
        for a in &r.awards {
            for rec in &a.recipients {
                units.register(rec.unit.as_deref());
            }
        }
        for n in &r.notices {
            for x in &n.nominees {
                units.register(x.unit.as_deref());
            }
        }
        for &a in &ix.awards_by_date {
            for (k, rec) in r[a].recipients.iter().enumerate() {
                let h = HonourRef::Decision(a, k);
                // A person's page keeps a cancelled honour (struck through, with why,
                // `identity`); the lists of who holds what count only honours in force.
                if !r.standing(a, k).0.counts() {
                    continue;
                }
                ix.forms[r.form_now(a, k)].push(h);
                if let Some(u) = units.of(rec.unit.as_deref()) {
                    u.recipients.push(h);
                }
            }
        }
        // Honours recorded without their decision join the lists by date (a stable sort
        // keeps the decisions' order among equal dates).
        let mut touched_forms = Vec::new();
        for &p in &ix.people_by_name {
            for (k, h) in r[p].honours.iter().enumerate() {
                ix.forms[h.form].push(HonourRef::Recorded(p, k));
                touched_forms.push(h.form);
            }
        }
        touched_forms.sort_unstable();
        touched_forms.dedup();
        for f in touched_forms {
            ix.forms[f].sort_by_key(|h| std::cmp::Reverse(h.date(r)));
        }
        let mut nominated = PerId::filled(settings.forms.len(), false);
        for n in &r.notices {
            for x in &n.nominees {
                nominated[x.form] = true;
            }
        }
        ix.forms_shown = settings
            .form_ids()
            .filter(|&f| settings[f].declared || !ix.forms[f].is_empty() || nominated[f])
            .collect();
        for &p in &ix.people_by_name {
            if let Some(u) = units.of(r[p].unit.as_deref()) {
                u.people.push(p);
            }
        }
        for &n in &ix.notices_by_date {
            for (k, x) in r[n].nominees.iter().enumerate() {
                if let Some(u) = units.of(x.unit.as_deref()) {
                    u.nominees.push((n, k));
                }
            }
        }
        let mut units: Vec<(Vec<u8>, UnitIndex)> = units
            .units
            .into_iter()
            .map(|u| (collate::sort_key(&u.label), u))
            .collect();
        units.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
        ix.units = units.into_iter().map(|(_, u)| u).collect();
        ix.unit_by_slug = ix
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.slug.clone(), UnitId::new(i)))
            .collect();

        ix.award_notices = PerId::filled(r.awards.len(), Vec::new());
        for &n in &ix.notices_by_date {
            if let Some(a) = r[n].decision {
                ix.award_notices[a].push(n);
            }
        }

        ix
    }
}

/// Units as they are found, by slug, with each name's unit remembered.
struct UnitTable<'a> {
    book: &'a crate::units::Book,
    units: Vec<UnitIndex>,
    by_slug: HashMap<String, usize>,
    /// Each name's unit; none for a name that makes no page (only punctuation).
    by_name:
        HashMap<&'a str, Option<usize>, std::hash::BuildHasherDefault<crate::hash::FastHasher>>,
}

impl<'a> UnitTable<'a> {
    fn new(book: &'a crate::units::Book) -> Self {
        UnitTable {
            book,
            units: Vec::new(),
            by_slug: HashMap::new(),
            by_name: HashMap::default(),
        }
    }

    /// Finds (or makes) the unit of a name.
    fn register(&mut self, name: Option<&'a str>) -> Option<usize> {
        let name = name?;
        if let Some(&u) = self.by_name.get(name) {
            return u;
        }
        let place = self.book.place(name);
        let u = (!place.slug.is_empty()).then(|| match self.by_slug.get(&place.slug) {
            Some(&u) => {
                // A declared unit keeps its name when another name has its slug.
                if let (Some(d), None) = (place.unit, self.units[u].declared) {
                    self.units[u].label = self.book.current()[d].name.clone();
                    self.units[u].declared = Some(d);
                }
                u
            }
            None => {
                let label = match place.unit {
                    Some(d) => self.book.current()[d].name.clone(),
                    None => name.trim().to_string(),
                };
                self.units.push(UnitIndex {
                    slug: place.slug.clone(),
                    label,
                    declared: place.unit,
                    ..UnitIndex::default()
                });
                self.by_slug.insert(place.slug, self.units.len() - 1);
                self.units.len() - 1
            }
        });
        self.by_name.insert(name, u);
        u
    }

    /// The unit a name belongs to.
    fn of(&mut self, name: Option<&'a str>) -> Option<&mut UnitIndex> {
        let u = self.register(name)?;
        Some(&mut self.units[u])
    }
}

/// The honour roll: everyone with an honour in force, once each with all their honours;
/// people by given name first in Vietnamese order under their letter, then households (by
/// the head's given name), collectives and villages (by their whole name) in sections of
/// their own.
fn honour_roll(r: &Records, ids: &crate::identity::Identities) -> Vec<Letter> {
    let holds = |h: &HonourRef| match *h {
        HonourRef::Decision(a, k) => r.standing(a, k).0.counts(),
        HonourRef::Recorded(..) => true,
    };
    // (section, name key, address) of each entry: the section's place in `SECTIONS`
    // after the people.
    let mut keyed: Vec<((usize, &NameKey, &str), crate::identity::HonoureeId)> = ids
        .all
        .iter()
        .enumerate()
        .filter(|(_, x)| x.honours.iter().any(holds))
        .map(|(i, x)| {
            let section = SECTIONS
                .iter()
                .position(|(s, _)| *s == x.subject)
                .map_or(0, |p| p + 1);
            ((section, honouree_key(r, x), x.url.as_str()), i)
        })
        .collect();
    keyed.par_sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let mut roll: Vec<Letter> = Vec::new();
    // The letter depends only on the first character of the given name.
    let mut letters: HashMap<char, String> = HashMap::new();
    for ((section, ..), i) in keyed {
        let (letter, slug, subject) = if section == 0 {
            let given = honouree_given_name(r, &ids.all[i]);
            let first = given.chars().next().unwrap_or(' ');
            let letter = letters
                .entry(first)
                .or_insert_with(|| collate::initial(given))
                .clone();
            let slug = collate::letter_slug(&letter);
            (letter, slug, None)
        } else {
            let (s, slug) = SECTIONS[section - 1];
            (String::new(), slug.to_string(), Some(s))
        };
        match roll.last_mut() {
            Some(l) if l.slug == slug => l.entries.push(i),
            _ => roll.push(Letter {
                letter,
                slug,
                section: subject,
                entries: vec![i],
            }),
        }
    }
    merge_split_letters(&mut roll);
    roll
}

/// The sort key an honouree is filed under: the people record's, else that of the name
/// their newest decision gives.
fn honouree_key<'r>(r: &'r Records, x: &crate::identity::Honouree) -> &'r NameKey {
    match (x.person, x.honours.first()) {
        (Some(p), _) => &r[p].name_key,
        (None, Some(&HonourRef::Decision(a, k))) => &r[a].recipients[k].name_key,
        (None, Some(&HonourRef::Recorded(p, _))) => &r[p].name_key,
        (None, None) => &EMPTY_KEY,
    }
}

static EMPTY_KEY: std::sync::LazyLock<NameKey> = std::sync::LazyLock::new(NameKey::default);

/// The given name an honouree is filed under (see [`honour_given_name`]).
fn honouree_given_name<'r>(r: &'r Records, x: &crate::identity::Honouree) -> &'r str {
    match (x.person, x.honours.first()) {
        (Some(p), _) => &r[p].given_name,
        (None, Some(&h)) => honour_given_name(r, h),
        (None, None) => "",
    }
}

/// The given name an honour's recipient is filed under: a stated given name (the
/// recipient's, else the linked person's), else the last word.
pub(crate) fn honour_given_name(r: &Records, h: HonourRef) -> &str {
    match h {
        HonourRef::Decision(a, k) => {
            let rec = &r[a].recipients[k];
            match (&rec.given_name, rec.person.map(|p| &r[p])) {
                (Some(g), _) => g,
                (None, Some(p)) if p.name == rec.name => &p.given_name,
                _ => collate::filed_under(&rec.name, None, rec.subject),
            }
        }
        HonourRef::Recorded(p, _) => &r[p].given_name,
    }
}

/// Sorting by given name keeps each letter together, but names that are not letters
/// ("#") may appear in several places: gather them.
fn merge_split_letters(letters: &mut Vec<Letter>) {
    let mut merged: Vec<Letter> = Vec::with_capacity(letters.len());
    for l in letters.drain(..) {
        match merged.iter_mut().find(|m| m.slug == l.slug) {
            Some(m) => m.entries.extend(l.entries),
            None => merged.push(l),
        }
    }
    *letters = merged;
}
