//! Typed ids: a record, a field, a form, a level, an issuing body or a unit is referred to
//! by an id of its own type, never by a bare number, and looked up with `site[id]` through
//! the `Index` impls here. Ids are made only where the thing they name is known to exist
//! (resolve, index), so a broken reference cannot reach the pages.

use super::{Award, Kind, Movement, Notice, Page, Person, Plan, Records};
use crate::config::{Body, Form, Settings, Term};
use crate::index::{Indexes, UnitIndex};
use std::ops::Index;

/// An id: the place of what it names in the list of its kind.
pub trait Id: Copy + Eq + Ord + std::hash::Hash + Send + Sync + 'static {
    /// The id of the `i`-th of its kind.
    fn new(i: usize) -> Self;
    /// Its place in the list of its kind.
    fn index(self) -> usize;
}

/// The id of a record of one kind.
pub(crate) trait RecordId: Id {
    /// The kind of record it names.
    const KIND: Kind;
    /// Every record of the kind in list order.
    fn order(ix: &Indexes) -> &[Self];
}

/// A list with one entry per id of a kind (what each field holds, each person's honours),
/// indexed by that id.
#[derive(Debug, Clone)]
pub struct PerId<I, T> {
    items: Vec<T>,
    id: std::marker::PhantomData<fn(I)>,
}

impl<I: Id, T: Clone> PerId<I, T> {
    /// `n` copies of `value`, one per id `0..n`.
    pub(crate) fn filled(n: usize, value: T) -> Self {
        PerId {
            items: vec![value; n],
            id: std::marker::PhantomData,
        }
    }
}

impl<I: Id, T> PerId<I, T> {
    /// The entries in id order.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<I, T> Default for PerId<I, T> {
    fn default() -> Self {
        PerId {
            items: Vec::new(),
            id: std::marker::PhantomData,
        }
    }
}

impl<I: Id, T> Index<I> for PerId<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> std::ops::IndexMut<I> for PerId<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I, T> FromIterator<T> for PerId<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        PerId {
            items: items.into_iter().collect(),
            id: std::marker::PhantomData,
        }
    }
}

impl<I, T> IntoIterator for PerId<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, I: Id, T> IntoIterator for &'a PerId<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

macro_rules! id {
    ($(#[$doc:meta])* $id:ident => $thing:ty, in $owner:ty, at $field:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) struct $id(u32);

        impl $id {
            /// Its place in the list of its kind.
            pub(crate) fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl Id for $id {
            fn new(i: usize) -> $id {
                $id(u32::try_from(i).expect("fewer than 2³² of a kind"))
            }

            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl Index<$id> for $owner {
            type Output = $thing;
            fn index(&self, id: $id) -> &$thing {
                &self.$field[id.index()]
            }
        }
    };
}

macro_rules! record_id {
    ($(#[$doc:meta])* $id:ident => $thing:ty, $kind:ident, at $field:ident, in order $order:ident) => {
        id!($(#[$doc])* $id => $thing, in Records, at $field);

        impl RecordId for $id {
            const KIND: Kind = Kind::$kind;
            fn order(ix: &Indexes) -> &[$id] {
                &ix.$order
            }
        }
    };
}

record_id!(/** A plan of the year. */ PlanId => Plan, Plan, at plans, in order plans_by_year);
record_id!(/** A movement. */ MovementId => Movement, Movement, at movements, in order movements_by_start);
record_id!(/** An exemplary person or good deed. */ PersonId => Person, Person, at people, in order people_by_name);
record_id!(/** A decision on commendation. */ AwardId => Award, Award, at awards, in order awards_by_date);
record_id!(/** A notice of nominees. */ NoticeId => Notice, Notice, at notices, in order notices_by_date);
record_id!(/** A free page. */ PageId => Page, Page, at pages, in order pages_by_weight);
id!(/** A field of `site.toml` (lĩnh vực). */ FieldId => Term, in Settings, at fields);
id!(/** A level of `site.toml` (cấp khen thưởng). */ LevelId => Term, in Settings, at levels);
id!(/** A form or title of `site.toml` (hình thức, danh hiệu). */ FormId => Form, in Settings, at forms);
id!(/** An issuing body of `site.toml` (cơ quan ban hành). */ BodyId => Body, in Settings, at bodies);
id!(/** A unit named by records (thôn, trường, hội…). */ UnitId => UnitIndex, in Indexes, at units);

/// The ids `0..n` of a list of `n`.
pub(crate) fn ids<I: Id>(n: usize) -> impl Iterator<Item = I> {
    (0..n).map(I::new)
}

impl Records {
    /// The ids of every record of one kind, in the order they are stored.
    pub(crate) fn ids<I: RecordId>(&self) -> impl Iterator<Item = I> {
        ids(self.count(I::KIND))
    }
}

impl Settings {
    pub(crate) fn field_ids(&self) -> impl Iterator<Item = FieldId> {
        ids(self.fields.len())
    }

    pub(crate) fn form_ids(&self) -> impl Iterator<Item = FormId> {
        ids(self.forms.len())
    }
}

impl Indexes {
    pub(crate) fn unit_ids(&self) -> impl Iterator<Item = UnitId> {
        ids(self.units.len())
    }
}
