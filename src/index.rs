//! Indexes built once after resolving: records by year, field, movement, form, unit and
//! person, and the A–Z honour roll in Vietnamese order. Templates never search; they get
//! these lists.

use crate::collate;
use crate::config::Settings;
use crate::model::Records;
use crate::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use crate::collate::NameKey;

/// One recipient of one decision: (award index, recipient index).
pub type RecipientRef = (usize, usize);

/// Everything of one year.
#[derive(Debug, Default, Clone)]
pub struct YearIndex {
    pub plans: Vec<usize>,
    pub movements: Vec<usize>,
    pub people: Vec<usize>,
    pub awards: Vec<usize>,
    pub notices: Vec<usize>,
}

impl YearIndex {
    pub fn total(&self) -> usize {
        self.plans.len()
            + self.movements.len()
            + self.people.len()
            + self.awards.len()
            + self.notices.len()
    }
}

/// Everything of one field.
#[derive(Debug, Default, Clone)]
pub struct FieldIndex {
    pub movements: Vec<usize>,
    pub people: Vec<usize>,
    pub awards: Vec<usize>,
    pub notices: Vec<usize>,
}

/// Everything of one movement.
#[derive(Debug, Default, Clone)]
pub struct MovementIndex {
    pub plans: Vec<usize>,
    pub people: Vec<usize>,
    pub awards: Vec<usize>,
}

/// A unit or village, grouped by the slug of its name.
#[derive(Debug, Default, Clone)]
pub struct UnitIndex {
    pub slug: String,
    pub label: String,
    pub people: Vec<usize>,
    pub recipients: Vec<RecipientRef>,
}

/// A letter of the honour roll.
#[derive(Debug, Clone)]
pub struct Letter {
    pub letter: String,
    pub slug: String,
    pub recipients: Vec<RecipientRef>,
}

#[derive(Debug, Default, Clone)]
pub struct Indexes {
    /// Award indices, newest decision first.
    pub awards_by_date: Vec<usize>,
    /// People indices in Vietnamese name order.
    pub people_by_name: Vec<usize>,
    /// Movement indices, newest start first.
    pub movements_by_start: Vec<usize>,
    /// Plan indices, newest year first.
    pub plans_by_year: Vec<usize>,
    /// Notice indices, newest posting first.
    pub notices_by_date: Vec<usize>,
    /// Page indices by weight, then title.
    pub pages_by_weight: Vec<usize>,
    /// Years, newest first.
    pub years: BTreeMap<std::cmp::Reverse<i32>, YearIndex>,
    /// Per field (same order as `settings.fields`).
    pub fields: Vec<FieldIndex>,
    pub movements: Vec<MovementIndex>,
    /// Per form (same order as `settings.forms`): its recipients, newest first.
    pub forms: Vec<Vec<RecipientRef>>,
    /// Units in Vietnamese order.
    pub units: Vec<UnitIndex>,
    pub unit_by_slug: HashMap<String, usize>,
    /// Per person: the recipients linked to them, newest first.
    pub person_awards: Vec<Vec<RecipientRef>>,
    /// Per award: notices whose decision it is.
    pub award_notices: Vec<Vec<usize>>,
    /// The honour roll by Vietnamese letter.
    pub honour_roll: Vec<Letter>,
}

impl Indexes {
    // Filled stage by stage: each list is built from the ones before it.
    #[allow(clippy::field_reassign_with_default)]
    pub fn build(settings: &Settings, r: &Records) -> Indexes {
        let mut awards_by_date: Vec<usize> = (0..r.awards.len()).collect();
        awards_by_date.sort_by(|&a, &b| {
            let (a, b) = (&r.awards[a], &r.awards[b]);
            b.date
                .cmp(&a.date)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        let award_rank: Vec<usize> = rank(&awards_by_date);
        // The honour roll (sorting every recipient) is the largest part: it is built on
        // another thread while the other indexes are built on this one.
        let (roll, mut ix) = rayon::join(
            || honour_roll(r, &award_rank),
            || Indexes::build_rest(settings, r, awards_by_date),
        );
        ix.honour_roll = roll;
        ix
    }

    fn build_rest(settings: &Settings, r: &Records, awards_by_date: Vec<usize>) -> Indexes {
        let mut ix = Indexes {
            awards_by_date,
            ..Indexes::default()
        };

        let person_keys: Vec<&NameKey> = r.people.iter().map(|p| &p.name_key).collect();
        ix.people_by_name = (0..r.people.len()).collect();
        ix.people_by_name.sort_by(|&a, &b| {
            person_keys[a]
                .cmp(person_keys[b])
                .then_with(|| r.people[a].meta.slug.cmp(&r.people[b].meta.slug))
        });

        ix.movements_by_start = (0..r.movements.len()).collect();
        ix.movements_by_start.sort_by(|&a, &b| {
            let (a, b) = (&r.movements[a], &r.movements[b]);
            b.start
                .cmp(&a.start)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.plans_by_year = (0..r.plans.len()).collect();
        ix.plans_by_year.sort_by(|&a, &b| {
            let (a, b) = (&r.plans[a], &r.plans[b]);
            b.year
                .cmp(&a.year)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.notices_by_date = (0..r.notices.len()).collect();
        ix.notices_by_date.sort_by(|&a, &b| {
            let (a, b) = (&r.notices[a], &r.notices[b]);
            b.posted
                .cmp(&a.posted)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        ix.pages_by_weight = (0..r.pages.len()).collect();
        ix.pages_by_weight.sort_by(|&a, &b| {
            let (a, b) = (&r.pages[a], &r.pages[b]);
            a.weight
                .cmp(&b.weight)
                .then_with(|| collate::compare(&a.meta.title, &b.meta.title))
        });

        // Years.
        for &i in &ix.plans_by_year {
            ix.years
                .entry(std::cmp::Reverse(r.plans[i].year))
                .or_default()
                .plans
                .push(i);
        }
        for &i in &ix.awards_by_date {
            ix.years
                .entry(std::cmp::Reverse(r.awards[i].date.year))
                .or_default()
                .awards
                .push(i);
        }
        for &i in &ix.people_by_name {
            ix.years
                .entry(std::cmp::Reverse(r.people[i].year))
                .or_default()
                .people
                .push(i);
        }
        for &i in &ix.notices_by_date {
            ix.years
                .entry(std::cmp::Reverse(r.notices[i].year))
                .or_default()
                .notices
                .push(i);
        }
        // A movement belongs to every year of its period that already has other records.
        let years: Vec<i32> = ix.years.keys().map(|k| k.0).collect();
        for &i in &ix.movements_by_start {
            let m = &r.movements[i];
            for &y in &years {
                if y >= m.start.year && m.end.is_none_or(|e| y <= e.year) {
                    if let Some(entry) = ix.years.get_mut(&std::cmp::Reverse(y)) {
                        entry.movements.push(i);
                    }
                }
            }
        }

        // Fields.
        ix.fields = vec![FieldIndex::default(); settings.fields.len()];
        for &i in &ix.movements_by_start {
            for &f in &r.movements[i].fields {
                ix.fields[f].movements.push(i);
            }
        }
        for &i in &ix.people_by_name {
            for &f in &r.people[i].fields {
                ix.fields[f].people.push(i);
            }
        }
        for &i in &ix.awards_by_date {
            for &f in &r.awards[i].fields {
                ix.fields[f].awards.push(i);
            }
        }
        for &i in &ix.notices_by_date {
            for &f in &r.notices[i].fields {
                ix.fields[f].notices.push(i);
            }
        }

        // Movements.
        ix.movements = vec![MovementIndex::default(); r.movements.len()];
        for &i in &ix.plans_by_year {
            for &m in &r.plans[i].movements {
                ix.movements[m].plans.push(i);
            }
        }
        for &i in &ix.people_by_name {
            for &m in &r.people[i].movements {
                ix.movements[m].people.push(i);
            }
        }
        for &i in &ix.awards_by_date {
            if let Some(m) = r.awards[i].movement {
                ix.movements[m].awards.push(i);
            }
        }

        // Forms, people's awards, units.
        ix.forms = vec![Vec::new(); settings.forms.len()];
        ix.person_awards = vec![Vec::new(); r.people.len()];
        // Unit names repeat on many records: each name's unit is found once (names that
        // differ only in case or marks share a slug, and so a unit).
        let mut units = UnitTable::default();
        for &a in &ix.awards_by_date {
            for (k, rec) in r.awards[a].recipients.iter().enumerate() {
                ix.forms[rec.form].push((a, k));
                if let Some(p) = rec.person {
                    ix.person_awards[p].push((a, k));
                }
                if let Some(unit) = &rec.unit {
                    units.of(unit).recipients.push((a, k));
                }
            }
        }
        for &p in &ix.people_by_name {
            if let Some(unit) = &r.people[p].unit {
                units.of(unit).people.push(p);
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
            .map(|(i, u)| (u.slug.clone(), i))
            .collect();

        ix.award_notices = vec![Vec::new(); r.awards.len()];
        for &n in &ix.notices_by_date {
            if let Some(a) = r.notices[n].decision {
                ix.award_notices[a].push(n);
            }
        }

        ix
    }

    /// The unit page slug of a unit name.
    pub fn unit_slug(name: &str) -> String {
        text::path_slug(name)
    }
}

/// Units as they are found, by slug, with each name's unit remembered.
#[derive(Default)]
struct UnitTable<'a> {
    units: Vec<UnitIndex>,
    by_slug: HashMap<String, usize>,
    by_name: HashMap<&'a str, usize, std::hash::BuildHasherDefault<crate::hash::FastHasher>>,
}

impl<'a> UnitTable<'a> {
    /// The unit a name belongs to, labelled with the first name that made it.
    fn of(&mut self, name: &'a str) -> &mut UnitIndex {
        let u = match self.by_name.get(name) {
            Some(&u) => u,
            None => {
                let slug = Indexes::unit_slug(name);
                let u = match self.by_slug.get(&slug) {
                    Some(&u) => u,
                    None => {
                        self.units.push(UnitIndex {
                            slug: slug.clone(),
                            label: name.trim().to_string(),
                            ..UnitIndex::default()
                        });
                        self.by_slug.insert(slug, self.units.len() - 1);
                        self.units.len() - 1
                    }
                };
                self.by_name.insert(name, u);
                u
            }
        };
        &mut self.units[u]
    }
}

/// The honour roll: every recipient, given name first, in Vietnamese order; within a name,
/// the newest decision first.
fn honour_roll(r: &Records, award_rank: &[usize]) -> Vec<Letter> {
    let mut roll: Vec<Letter> = Vec::new();
    let refs: Vec<RecipientRef> = r
        .awards
        .iter()
        .enumerate()
        .flat_map(|(a, aw)| (0..aw.recipients.len()).map(move |k| (a, k)))
        .collect();
    let mut keyed: Vec<(&NameKey, usize, RecipientRef)> = refs
        .iter()
        .map(|&(a, k)| (recipient_key(r, a, k), award_rank[a], (a, k)))
        .collect();
    keyed.par_sort_unstable_by(|x, y| x.0.cmp(y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // The letter depends only on the first character of the given name.
    let mut letters: HashMap<char, String> = HashMap::new();
    for (_, _, (a, k)) in keyed {
        let given = recipient_given_name(r, a, k);
        let first = given.chars().next().unwrap_or(' ');
        let letter = letters
            .entry(first)
            .or_insert_with(|| collate::initial(given));
        match roll.last_mut() {
            Some(l) if l.letter == *letter => l.recipients.push((a, k)),
            _ => roll.push(Letter {
                slug: collate::letter_slug(letter),
                letter: letter.clone(),
                recipients: vec![(a, k)],
            }),
        }
    }
    merge_split_letters(&mut roll);
    roll
}

/// The sort key a recipient is filed under: the linked person's (who may state a two-word
/// given name) when the names agree, else the recipient's own.
fn recipient_key(r: &Records, a: usize, k: usize) -> &NameKey {
    let rec = &r.awards[a].recipients[k];
    match rec.person.map(|p| &r.people[p]) {
        Some(p) if p.name == rec.name => &p.name_key,
        _ => &rec.name_key,
    }
}

/// The given name a recipient is filed under: the linked person's stated given name when
/// there is one, else the last word.
pub fn recipient_given_name(r: &Records, a: usize, k: usize) -> &str {
    let rec = &r.awards[a].recipients[k];
    match rec.person.map(|p| &r.people[p]) {
        Some(p) if p.name == rec.name => &p.given_name,
        _ => text::default_given_name(&rec.name),
    }
}

/// Sorting by given name keeps each letter together, but names that are not letters
/// ("#") may appear in several places: gather them.
fn merge_split_letters(letters: &mut Vec<Letter>) {
    let mut merged: Vec<Letter> = Vec::with_capacity(letters.len());
    for l in letters.drain(..) {
        match merged.iter_mut().find(|m| m.letter == l.letter) {
            Some(m) => m.recipients.extend(l.recipients),
            None => merged.push(l),
        }
    }
    *letters = merged;
}

fn rank(order: &[usize]) -> Vec<usize> {
    let mut r = vec![0; order.len()];
    for (pos, &i) in order.iter().enumerate() {
        r[i] = pos;
    }
    r
}
