//! How a page reads the site. Every page kind reads records, indexes and counts only through
//! a [`Reader`], and the same page code runs in two modes:
//!
//! - **render**: the reader hands out the records, cards and shared table cells, and the
//!   page's templates are rendered;
//! - **fingerprint**: the reader hashes what each read reveals (a record's source
//!   fingerprint, a list's length, a unit's label), and rendering is skipped.
//!
//! So the preview's staleness check — "has anything this page shows changed?" — is derived
//! from what the page really reads and cannot drift from it: a page that starts to show one
//! more record reads it through the reader, and that read is in its fingerprint. Settings,
//! interface strings and templates are not hashed: a change to any of them rebuilds every
//! page (`live.rs`).
//!
//! Reads that pick records by looking at many ([`Reader::select`]) hash only what they
//! pick: what a page shows depends only on the picked records, and a record that starts or
//! stops being picked changes the picked list itself.

use super::address::{page_of, Addresses};
use super::renderer::{Head, Macros, Renderer};
use super::view::NoticeStatus;
use super::{paginate, FastHasher, OutputFile, Pager};
use crate::config::Settings;
use crate::index::{FieldIndex, HonourRef, Letter, MovementIndex, UnitIndex, YearIndex};
use crate::model::{
    Award, AwardId, FieldId, FormId, Kind, Meta, Movement, MovementId, Notice, Page, PageId,
    Person, PersonId, Plan, PlanId, RecordId, Records, UnitId,
};
use minijinja::value::{Serde, Value};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// How many of a record's commits its page lists, newest first (the rest are counted).
pub(crate) const HISTORY_SHOWN: usize = 10;

/// One page of one kind, as the task list names it.
pub(crate) struct At<'t> {
    /// The address of the page's first page (none for files that are not pages).
    pub(crate) base: Option<&'t str>,
    /// 1-based page of a paginated list.
    pub(crate) page: usize,
}

enum Mode<'s, 'm> {
    Fingerprint(FastHasher),
    Render(&'m mut Macros<'s>),
}

/// What a page may read, and the mode it is read in (see the module's documentation).
pub(crate) struct Reader<'s, 'a, 'm> {
    r: &'s Renderer<'a>,
    at: At<'s>,
    mode: Mode<'s, 'm>,
}

impl<'s, 'a, 'm> Reader<'s, 'a, 'm> {
    /// A reader that renders, with the thread's macro state.
    pub(super) fn rendering(r: &'s Renderer<'a>, at: At<'s>, mc: &'m mut Macros<'s>) -> Self {
        Reader {
            r,
            at,
            mode: Mode::Render(mc),
        }
    }

    /// A reader that only hashes what a page of `kind` reads.
    pub(super) fn fingerprinting(r: &'s Renderer<'a>, at: At<'s>, kind: &str) -> Self {
        let mut h = FastHasher::default();
        kind.hash(&mut h);
        // What every page shows in its header (menu, yearly theme).
        r.site_hash.hash(&mut h);
        Reader {
            r,
            at,
            mode: Mode::Fingerprint(h),
        }
    }

    /// The fingerprint of everything read so far (0 while rendering).
    pub(super) fn finish(&self) -> u64 {
        match &self.mode {
            Mode::Fingerprint(h) => h.finish(),
            Mode::Render(_) => 0,
        }
    }

    fn hash(&mut self, value: impl Hash) {
        if let Mode::Fingerprint(h) = &mut self.mode {
            value.hash(h);
        }
    }

    fn rendering_mode(&self) -> bool {
        matches!(self.mode, Mode::Render(_))
    }

    // ----- Settings, strings and addresses: the same for every page, never hashed. -----

    pub(super) fn settings(&self) -> &'s Settings {
        self.r.settings
    }

    pub(crate) fn at(&self) -> Addresses<'s> {
        Addresses::new(&self.r.settings.paths)
    }

    /// An interface string (`t.<group>.<key>`), the key itself when the theme has none.
    pub(crate) fn text(&self, group: &str, key: &str) -> String {
        self.r.strings_get(group, key)
    }

    /// The address of this page (of this page of a paginated list).
    pub(crate) fn url(&self) -> String {
        page_of(self.at.base.unwrap_or("/"), self.at.page)
    }

    /// This page of a list of `len` items: its address, the items it shows and its pager;
    /// none when the list has no such page.
    pub(crate) fn paginate(&mut self, len: usize) -> Option<(String, Range<usize>, Option<Pager>)> {
        self.hash(len);
        let base = self.at.base.unwrap_or("/");
        paginate(base, len, self.r.settings.page_size, self.at.page)
    }

    /// The 1-based page of a paginated list this is.
    pub(crate) fn page(&self) -> usize {
        self.at.page
    }

    // ----- Records: each read hashes the record's source fingerprint. -----

    fn read<T>(&mut self, x: &'s T, meta: impl Fn(&T) -> &Meta) -> &'s T {
        self.hash(meta(x).hash);
        x
    }

    pub(crate) fn plan(&mut self, i: PlanId) -> &'s Plan {
        self.read(&self.r.records[i], |x| &x.meta)
    }

    pub(crate) fn movement(&mut self, i: MovementId) -> &'s Movement {
        self.read(&self.r.records[i], |x| &x.meta)
    }

    pub(crate) fn person(&mut self, i: PersonId) -> &'s Person {
        self.read(&self.r.records[i], |x| &x.meta)
    }

    /// Recipient `k` of decision `a` after later decisions (read with the decision, whose
    /// read hashes the decisions that changed it).
    pub(crate) fn records_standing(&self, a: AwardId, k: usize) -> crate::model::Standing {
        self.r.records.standing(a, k).0
    }

    pub(crate) fn award(&mut self, i: AwardId) -> &'s Award {
        let a = self.read(&self.r.records[i], |x| &x.meta);
        // Its rows and banners show what later decisions changed.
        for &(b, _) in &a.changed_by {
            self.hash(self.r.records[b].meta.hash);
        }
        a
    }

    pub(crate) fn notice(&mut self, i: crate::model::NoticeId) -> &'s Notice {
        self.hash(self.r.views.notice_status[i.index()]);
        self.read(&self.r.records[i], |x| &x.meta)
    }

    /// Every notice's status on the build date, for `select` picks (a picked notice's
    /// status is hashed with it).
    pub(crate) fn notice_status(&self) -> &'s [NoticeStatus] {
        &self.r.views.notice_status
    }

    /// A record's revision history from git, for its page (`history_html`: the built-in
    /// `history` component or the theme's macro): the date of the last change, the newest
    /// [`HISTORY_SHOWN`] commits and how many there are; nothing when the file was never
    /// committed or the site is not in a repository. Hashed: a new commit of the file
    /// changes its page.
    pub(crate) fn history(&mut self, meta: &Meta) -> Value {
        let Some(history) = self.r.history else {
            return Value::from_safe_string(String::new());
        };
        let ids = history.indexes(&meta.path);
        let shown = ids.len().min(HISTORY_SHOWN);
        match &mut self.mode {
            Mode::Fingerprint(h) => {
                ids.len().hash(h);
                for &i in &ids[..shown] {
                    history.revision(i).fingerprint.hash(h);
                }
                Value::UNDEFINED
            }
            Mode::Render(mc) => self.r.history_html(mc, history, ids, shown),
        }
    }

    /// The build date (hashed: a page that shows it changes with it).
    pub(crate) fn today(&mut self) -> crate::date::Date {
        self.hash(self.r.today);
        self.r.today
    }

    /// What a read of record `i` of `kind` reveals beyond its source: a notice's status.
    fn hash_status(r: &Renderer<'_>, h: &mut FastHasher, kind: Kind, i: usize) {
        if kind == Kind::Notice {
            r.views.notice_status[i].hash(h);
        }
    }

    pub(crate) fn free_page(&mut self, i: PageId) -> &'s Page {
        self.read(&self.r.records[i], |x| &x.meta)
    }

    /// The common part of record `i` of a kind.
    pub(super) fn meta(&mut self, kind: Kind, i: usize) -> &'s Meta {
        let m = self.r.records.meta(kind, i);
        self.hash(m.hash);
        if let Mode::Fingerprint(h) = &mut self.mode {
            Self::hash_status(self.r, h, kind, i);
        }
        m
    }

    /// Every record and index (a page built from all of them: data sets, search index,
    /// statistics).
    pub(crate) fn all(&mut self) -> (&'s Records, &'s crate::index::Indexes) {
        let r = self.r.records;
        if let Mode::Fingerprint(h) = &mut self.mode {
            r.metas().for_each(|m| m.hash.hash(h));
        }
        (r, self.r.ix)
    }

    /// Records picked by looking at many (the newest, the featured, the open ones): `pick`
    /// may look at every record and index, and what it returns is read — each item names its
    /// record by `id`, and any other data an item carries must come from that record.
    pub(crate) fn select<T>(
        &mut self,
        pick: impl FnOnce(&'s Records, &'s crate::index::Indexes) -> Vec<T>,
        id: impl Fn(&T) -> (Kind, usize),
    ) -> Vec<T> {
        let picked = pick(self.r.records, self.r.ix);
        if let Mode::Fingerprint(h) = &mut self.mode {
            picked.len().hash(h);
            for x in &picked {
                let (kind, i) = id(x);
                (kind, self.r.records.meta(kind, i).hash).hash(h);
                Self::hash_status(self.r, h, kind, i);
            }
        }
        picked
    }

    /// Records of one kind picked by looking at many (see [`Reader::select`]).
    pub(crate) fn select_ids<I: RecordId>(
        &mut self,
        pick: impl FnOnce(&'s Records, &'s crate::index::Indexes) -> Vec<I>,
    ) -> Vec<I> {
        self.select(pick, |i| (I::KIND, i.index()))
    }

    // ----- Indexes: each read hashes the lengths and labels it reveals. -----

    /// Every record of a kind in list order.
    pub(crate) fn order<I: RecordId>(&mut self) -> &'s [I] {
        let order = self.r.ix.order::<I>();
        self.hash(order.len());
        order
    }

    /// The years with records, newest first, and what each holds.
    pub(crate) fn years(&mut self) -> impl Iterator<Item = (i32, &'s YearIndex)> + 's {
        let years = &self.r.ix.years;
        if let Mode::Fingerprint(h) = &mut self.mode {
            for (y, yi) in years {
                (y.0, year_lengths(yi)).hash(h);
            }
        }
        years.iter().map(|(y, yi)| (y.0, yi))
    }

    pub(crate) fn year(&mut self, year: i32) -> &'s YearIndex {
        let yi = &self.r.ix.years[&std::cmp::Reverse(year)];
        self.hash(year_lengths(yi));
        yi
    }

    /// What each field of `site.toml` holds, in the order of the settings' fields.
    pub(crate) fn fields(&mut self) -> &'s crate::model::PerId<FieldId, FieldIndex> {
        let fields = &self.r.ix.fields;
        if let Mode::Fingerprint(h) = &mut self.mode {
            for fi in fields {
                field_lengths(fi).hash(h);
            }
        }
        fields
    }

    pub(crate) fn field(&mut self, f: FieldId) -> &'s FieldIndex {
        let fi = &self.r.ix.fields[f];
        self.hash(field_lengths(fi));
        fi
    }

    /// The plans, people and awards of a movement.
    pub(crate) fn movement_links(&mut self, i: MovementId) -> &'s MovementIndex {
        let mi = &self.r.ix.movements[i];
        self.hash((
            mi.plans.len(),
            mi.people.len(),
            mi.awards.len(),
            mi.children.len(),
        ));
        mi
    }

    /// The honours of a person (award, recipient).
    pub(crate) fn person_awards(&mut self, i: PersonId) -> &'s [HonourRef] {
        let ix = &self.r.ix.identities;
        let refs = &ix.all[ix.of_person(i)].honours;
        self.hash(refs.len());
        refs
    }

    /// An honouree (who a recipient is) and their honours.
    pub(crate) fn honouree(
        &mut self,
        i: crate::identity::HonoureeId,
    ) -> &'s crate::identity::Honouree {
        let x = &self.r.ix.identities.all[i];
        self.hash((&x.url, &x.name, &x.unit, &x.place, x.subject.key()));
        x
    }

    /// Honour-roll entries: each honouree once, with their honours in force.
    pub(crate) fn roll_entries(&mut self, entries: &[crate::identity::HonoureeId]) -> Value {
        let ids = &self.r.ix.identities;
        if !self.rendering_mode() {
            for &i in entries {
                let x = &ids.all[i];
                self.hash((&x.name, &x.unit, x.subject.key()));
                self.hash_rows(&x.honours);
            }
            return Value::UNDEFINED;
        }
        let views = &self.r.views;
        let list: Vec<super::view::RollEntry> = entries
            .iter()
            .map(|&i| views.roll_entry(&ids.all[i]))
            .collect();
        Value::from(Serde(list))
    }

    /// The rows of an honouree's own table of honours (the name not linked).
    pub(crate) fn honouree_rows(&mut self, i: crate::identity::HonoureeId) -> Value {
        let refs = &self.r.ix.identities.all[i].honours;
        self.hash_rows(refs);
        match &mut self.mode {
            Mode::Fingerprint(_) => Value::UNDEFINED,
            Mode::Render(mc) => self.r.honouree_rows(mc, i),
        }
    }

    /// The notices that led to an award.
    pub(crate) fn award_notices(&mut self, i: AwardId) -> &'s [crate::model::NoticeId] {
        let notices = &self.r.ix.award_notices[i];
        self.hash(notices.len());
        notices
    }

    /// The recipients of a form of commendation.
    pub(crate) fn form_rows(&mut self, f: FormId) -> &'s [HonourRef] {
        let refs = &self.r.ix.forms[f];
        self.hash(refs.len());
        refs
    }

    /// The forms that have a page.
    pub(crate) fn forms_shown(&mut self) -> &'s [FormId] {
        let shown = &self.r.ix.forms_shown;
        self.hash(shown.iter().map(|f| f.index()).collect::<Vec<_>>());
        shown
    }

    /// How many recipients each form has, in the order of the settings' forms.
    pub(crate) fn form_counts(&mut self) -> Vec<usize> {
        let counts: Vec<usize> = self.r.ix.forms.iter().map(Vec::len).collect();
        self.hash(&counts);
        counts
    }

    pub(crate) fn units(&mut self) -> &'s [UnitIndex] {
        let units = &self.r.ix.units;
        if let Mode::Fingerprint(h) = &mut self.mode {
            for u in units {
                (&u.slug, &u.label, u.count()).hash(h);
            }
        }
        units
    }

    pub(crate) fn unit(&mut self, u: UnitId) -> &'s UnitIndex {
        let unit = &self.r.ix[u];
        self.hash((&unit.slug, &unit.label, unit.people.len()));
        self.hash((unit.recipients.len(), &unit.nominees));
        unit
    }

    /// The honour roll's letters.
    pub(crate) fn letters(&mut self) -> &'s [Letter] {
        let letters = &self.r.ix.honour_roll;
        if let Mode::Fingerprint(h) = &mut self.mode {
            for l in letters {
                (&l.letter, &l.slug, l.entries.len()).hash(h);
            }
        }
        letters
    }

    /// The address of every page of the site, for the sitemap.
    pub(crate) fn page_urls(&mut self) -> Vec<String> {
        let urls = self.r.sitemap_urls();
        self.hash(&urls);
        urls
    }

    /// The date each record's page last changed, by its address (`2024-02-10`), from the
    /// git history (for the sitemap's `lastmod`); empty without a history. Fingerprinting
    /// hashes each record's date only (the addresses are in [`Reader::page_urls`]).
    pub(crate) fn last_changed(&mut self) -> std::collections::BTreeMap<&'s str, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(history) = self.r.history else {
            return out;
        };
        let records = self.r.records;
        let newest = |m: &Meta| {
            history
                .indexes(&m.path)
                .first()
                .map(|&i| history.revision(i))
        };
        match &mut self.mode {
            Mode::Fingerprint(h) => {
                for m in records.metas() {
                    newest(m).map(|r| r.date).hash(h);
                }
            }
            Mode::Render(_) => {
                for m in records.metas() {
                    if let Some(r) = newest(m) {
                        out.insert(m.url.as_str(), r.date.iso());
                    }
                }
            }
        }
        out
    }

    // ----- What pages show of records: cards and table rows, rendered once. -----

    /// The card of one record.
    pub(crate) fn card<I: RecordId>(&mut self, id: I) -> Value {
        self.meta(I::KIND, id.index());
        self.r.cards_of(I::KIND)[id.index()].clone()
    }

    /// The cards of records of a kind, each with its HTML.
    pub(crate) fn cards<I: RecordId>(&mut self, ids: &[I]) -> Vec<Value> {
        match &mut self.mode {
            Mode::Fingerprint(h) => {
                ids.len().hash(h);
                for &i in ids {
                    self.r.records.meta(I::KIND, i.index()).hash.hash(h);
                    Self::hash_status(self.r, h, I::KIND, i.index());
                }
                Vec::new()
            }
            Mode::Render(mc) => {
                let r = self.r;
                let ids: Vec<usize> = ids.iter().map(|i| i.index()).collect();
                r.pick(mc, r.cards_of(I::KIND), &ids)
            }
        }
    }

    /// Hashes what a recipient row shows: its award and the linked person's address.
    fn hash_rows(&mut self, refs: &[HonourRef]) {
        let records = self.r.records;
        let ids = &self.r.ix.identities;
        if let Mode::Fingerprint(h) = &mut self.mode {
            refs.len().hash(h);
            for &r in refs {
                // The name links to its honouree's page.
                ids.all[ids.of_honour(r)].url.hash(h);
                match r {
                    HonourRef::Decision(a, k) => {
                        let award = &records[a];
                        (award.meta.hash, k).hash(h);
                        for &(b, _) in &award.changed_by {
                            records[b].meta.hash.hash(h);
                        }
                        if let Some(p) = award.recipients[k].person {
                            records[p].meta.hash.hash(h);
                        }
                    }
                    HonourRef::Recorded(p, k) => (records[p].meta.hash, k).hash(h),
                }
            }
        }
    }

    /// The first `limit` honours of `awards` (each decision's recipients in its order) as
    /// table rows, with how many honours they hold in all: names first on the pages of a
    /// field or a movement.
    pub(crate) fn first_honours(&mut self, awards: &[AwardId], limit: usize) -> (Value, usize) {
        let mut refs = Vec::new();
        let mut total = 0;
        for &a in awards {
            let n = self.award(a).recipients.len();
            total += n;
            refs.extend(
                (0..n)
                    .take(limit.saturating_sub(refs.len()))
                    .map(|k| HonourRef::Decision(a, k)),
            );
        }
        (self.award_rows(&refs), total)
    }

    /// The rows of a table of recipients of many decisions.
    pub(crate) fn award_rows(&mut self, refs: &[HonourRef]) -> Value {
        self.hash_rows(refs);
        match &mut self.mode {
            Mode::Fingerprint(_) => Value::UNDEFINED,
            Mode::Render(mc) => self.r.award_rows(mc, refs),
        }
    }

    /// The rows of a person's own table of honours.
    pub(crate) fn person_rows(&mut self, person: PersonId) -> Value {
        self.honouree_rows(self.r.ix.identities.of_person(person))
    }

    /// The rows of one decision's own table.
    pub(crate) fn decision_rows(&mut self, award: AwardId) -> Value {
        let refs: Vec<HonourRef> = (0..self.r.records[award].recipients.len())
            .map(|k| HonourRef::Decision(award, k))
            .collect();
        self.hash_rows(&refs);
        match &mut self.mode {
            Mode::Fingerprint(_) => Value::UNDEFINED,
            Mode::Render(mc) => self.r.decision_rows(mc, award),
        }
    }

    /// A unit's link by the name a record gives it.
    pub(crate) fn unit_link(&self, name: &Option<String>) -> Value {
        Value::from(Serde(self.r.views.unit_link(name)))
    }

    /// A form's link.
    pub(crate) fn form_link(&self, form: FormId) -> Value {
        Value::from(Serde(self.r.views.form_link(form)))
    }

    /// The card view of a free page (free pages are in no list, so it is made here).
    pub(crate) fn page_card(&mut self, i: PageId) -> Value {
        let page = self.free_page(i);
        Value::from(Serde(self.r.views.page_card(page)))
    }

    // ----- Output: skipped while fingerprinting. -----

    /// A page in the theme's layout. The page's values are made only when it is rendered
    /// (`extra` cannot read through the reader: whatever it shows was read before).
    pub(crate) fn render(
        &mut self,
        template: &str,
        head: Head<'_>,
        extra: impl FnOnce() -> Value,
    ) -> crate::Result<Vec<OutputFile>> {
        if !self.rendering_mode() {
            return Ok(Vec::new());
        }
        Ok(vec![self.r.render(template, head, extra())?])
    }

    /// A file from a template without the layout (a feed, the sitemap, robots.txt).
    pub(crate) fn render_file(
        &mut self,
        template: &str,
        path: String,
        ctx: impl FnOnce() -> Value,
    ) -> crate::Result<Vec<OutputFile>> {
        if !self.rendering_mode() {
            return Ok(Vec::new());
        }
        Ok(vec![self.r.render_file(template, path, ctx())?])
    }

    /// What code makes from what was read (data files, the search index, charts); nothing
    /// while fingerprinting, where only the reads count.
    pub(crate) fn compute<T: Default>(&mut self, make: impl FnOnce() -> T) -> T {
        if self.rendering_mode() {
            make()
        } else {
            T::default()
        }
    }
}

fn year_lengths(yi: &YearIndex) -> [usize; 5] {
    [
        yi.plans.len(),
        yi.movements.len(),
        yi.people.len(),
        yi.awards.len(),
        yi.notices.len(),
    ]
}

fn field_lengths(fi: &FieldIndex) -> [usize; 4] {
    [
        fi.movements.len(),
        fi.people.len(),
        fi.awards.len(),
        fi.notices.len(),
    ]
}
