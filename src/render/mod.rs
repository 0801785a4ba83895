//! Render stage: the minijinja environment and one job per output page, rendered in
//! parallel. Card views of every record are built once and shared by all index pages.

mod builtins;
pub mod data;
mod engine;
mod page_context;
mod renderer;
pub mod search;
pub mod stats;
mod strings;
pub mod view;

pub use engine::environment;
use renderer::{head, record_head, CardList, Head, Macros};
pub use renderer::{CardCache, Renderer};

use crate::error::{Error, Result};
use crate::index::RecipientRef;
use minijinja::context;
use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use serde::Serialize;
use view::Link;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The file an URL is served from: `/a/b/` → `a/b/index.html`.
pub fn url_to_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// Page `page` (1-based) of `n` items in pages of `size`: its url, item range and pager
/// (none when everything fits on one page). Empty when there is no such page. Only the
/// asked page is built, so a list of P pages costs O(P) in all, not O(P²).
fn paginate(
    base: &str,
    n: usize,
    size: usize,
    page: usize,
) -> Option<(String, std::ops::Range<usize>, Option<Pager>)> {
    let total = n.div_ceil(size).max(1);
    if page == 0 || page > total {
        return None;
    }
    let url = |p: usize| {
        if p == 1 {
            base.to_string()
        } else {
            format!("{base}trang/{p}/")
        }
    };
    let range = (page - 1) * size..(page * size).min(n);
    let pager = (total > 1).then(|| Pager {
        current: page,
        total,
        prev: (page > 1).then(|| url(page - 1)),
        next: (page < total).then(|| url(page + 1)),
    });
    Some((url(page), range, pager))
}

pub use crate::hash::FastHasher;

/// One page to render: a job, and which page of it when it is a paginated list.
pub struct Task {
    pub job: Job,
    /// 1-based page of a paginated list; 1 for everything else.
    pub page: usize,
}

/// What a page shows: a record, an index, or a paginated list.
#[derive(Clone)]
pub enum Job {
    Home,
    Plan(usize),
    Movement(usize),
    Person(usize),
    Award(usize),
    Notice(usize),
    Page(usize),
    KindList(crate::model::Kind),
    Years,
    Year(i32),
    Fields,
    Field(usize),
    Forms,
    Form(usize),
    Units,
    Unit(usize),
    HonourRoll,
    Letter(usize),
    NotFound,
    /// An Atom feed of the newest records: of the site, of a kind, or of a field.
    Feed(FeedScope),
    /// `sitemap.xml`: every page.
    Sitemap,
    /// One open-data set as CSV and JSON.
    Data(data::DataSet),
    /// The page that lists the data sets and documents their columns.
    DataPage,
    /// Charts and tables of counts.
    Stats,
    /// The search index files.
    SearchIndex,
    /// The search page.
    SearchPage,
    /// `robots.txt`.
    Robots,
    /// All records of one kind within a year or field, when the overview shows only some.
    SubList {
        base: String,
        title: String,
        /// The overview page it belongs to: (url, label).
        parent: (String, String),
        kind: crate::model::Kind,
        items: Vec<usize>,
    },
}

impl Job {
    /// The kind of page, for timings.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Job::Home => "home",
            Job::Plan(_) => "plan",
            Job::Movement(_) => "movement",
            Job::Person(_) => "person",
            Job::Award(_) => "award",
            Job::Notice(_) => "notice",
            Job::Page(_) => "page",
            Job::KindList(_) => "kind-list",
            Job::Years => "years",
            Job::Year(_) => "year",
            Job::Fields => "fields",
            Job::Field(_) => "field",
            Job::Forms => "forms",
            Job::Form(_) => "form",
            Job::Units => "units",
            Job::Unit(_) => "unit",
            Job::HonourRoll => "honour-roll",
            Job::Letter(_) => "letter",
            Job::NotFound => "404",
            Job::Feed(_) => "feed",
            Job::Sitemap => "sitemap",
            Job::Robots => "robots",
            Job::Data(_) => "data",
            Job::DataPage => "data-page",
            Job::Stats => "stats",
            Job::SearchIndex => "search-index",
            Job::SearchPage => "search-page",
            Job::SubList { .. } => "sub-list",
        }
    }
}

/// What a feed covers.
#[derive(Clone, Copy)]
pub enum FeedScope {
    All,
    Kind(crate::model::Kind),
    Field(usize),
}

/// How many entries a feed holds.
const FEED_SIZE: usize = 50;

/// How many records of each kind a year or field overview shows before linking to the rest.
const PREVIEW: usize = 12;

impl<'a> Renderer<'a> {
    /// Renders all pages in parallel.
    /// Renders every page in parallel and hands each file to `sink` as soon as it is ready,
    /// so the whole site never has to sit in memory.
    pub fn render_each(&self, sink: &(dyn Fn(OutputFile) -> Result<()> + Sync)) -> Result<()> {
        let tasks = self.tasks();
        if std::env::var_os("VINHDANH_TIMINGS").is_none() {
            return tasks.par_iter().try_for_each_init(
                || None,
                |mc, t| self.run(&t.job, t.page, mc)?.into_iter().try_for_each(sink),
            );
        }
        // Time per kind of page (CPU time summed over threads), rendering and writing apart.
        let spent =
            std::sync::Mutex::new(std::collections::BTreeMap::<String, (f64, f64, usize)>::new());
        tasks.par_iter().try_for_each_init(
            || None,
            |mc, t| {
                let started = std::time::Instant::now();
                let files = self.run(&t.job, t.page, mc)?;
                let rendered = started.elapsed().as_secs_f64();
                files.into_iter().try_for_each(sink)?;
                let written = started.elapsed().as_secs_f64() - rendered;
                let name = t.job.kind_name().to_string();
                let mut spent = spent.lock().expect("no panic while holding the lock");
                let e = spent.entry(name).or_default();
                e.0 += rendered;
                e.1 += written;
                e.2 += 1;
                Ok::<(), Error>(())
            },
        )?;
        let mut rows: Vec<_> = spent.into_inner().unwrap_or_default().into_iter().collect();
        rows.sort_by(|a, b| (b.1 .0 + b.1 .1).total_cmp(&(a.1 .0 + a.1 .1)));
        for (name, (r, w, n)) in rows {
            eprintln!(
                "  {name:<14} {n:>6} pages  render {:>7.1} ms  write {:>7.1} ms",
                r * 1e3,
                w * 1e3
            );
        }
        Ok(())
    }

    /// Every page of the site, one task each (a paginated list gives one task per page).
    pub fn tasks(&self) -> Vec<Task> {
        let size = self.settings.page_size;
        let pages = |n: usize| n.div_ceil(size).max(1);
        let mut tasks = Vec::new();
        for job in self.jobs() {
            let n = match &job {
                Job::KindList(kind) => pages(self.order_of(*kind).len()),
                Job::Form(f) => pages(self.ix.forms[*f].len()),
                Job::Unit(u) => pages(self.ix.units[*u].recipients.len()),
                Job::Letter(l) => pages(self.ix.honour_roll[*l].recipients.len()),
                Job::SubList { items, .. } => pages(items.len()),
                _ => 1,
            };
            if n == 1 {
                tasks.push(Task { job, page: 1 });
            } else {
                // Jobs are cheap to describe; a list is split into its pages.
                for page in 1..=n {
                    tasks.push(Task {
                        job: job.clone(),
                        page,
                    });
                }
            }
        }
        // The few large jobs (search index, data sets) first, so they do not start last
        // and leave the other threads idle at the end.
        tasks.sort_by_key(|t| !matches!(t.job, Job::SearchIndex | Job::Data(_)));
        tasks
    }

    /// Record indices of a kind in list order.
    fn order_of(&self, kind: crate::model::Kind) -> &[usize] {
        use crate::model::Kind;
        match kind {
            Kind::Plan => &self.ix.plans_by_year,
            Kind::Movement => &self.ix.movements_by_start,
            Kind::Person => &self.ix.people_by_name,
            Kind::Award => &self.ix.awards_by_date,
            Kind::Notice => &self.ix.notices_by_date,
            Kind::Page => &self.ix.pages_by_weight,
        }
    }

    /// The jobs of the site, before pagination.
    fn jobs(&self) -> Vec<Job> {
        use crate::model::Kind;
        let r = self.records;
        let mut jobs = vec![
            Job::Home,
            Job::Years,
            Job::Fields,
            Job::Forms,
            Job::Units,
            Job::HonourRoll,
            Job::NotFound,
        ];
        jobs.extend((0..r.plans.len()).map(Job::Plan));
        jobs.extend((0..r.movements.len()).map(Job::Movement));
        jobs.extend((0..r.people.len()).map(Job::Person));
        jobs.extend((0..r.awards.len()).map(Job::Award));
        jobs.extend((0..r.notices.len()).map(Job::Notice));
        jobs.extend((0..r.pages.len()).map(Job::Page));
        jobs.extend(Kind::LISTED.map(Job::KindList));
        jobs.extend(self.ix.years.keys().map(|y| Job::Year(y.0)));
        jobs.extend((0..self.settings.fields.len()).map(Job::Field));
        jobs.extend((0..self.settings.forms.len()).map(Job::Form));
        jobs.extend((0..self.ix.units.len()).map(Job::Unit));
        jobs.extend((0..self.ix.honour_roll.len()).map(Job::Letter));
        jobs.extend(self.sublists());
        jobs.push(Job::Feed(FeedScope::All));
        jobs.extend(Kind::LISTED.map(|k| Job::Feed(FeedScope::Kind(k))));
        jobs.extend((0..self.settings.fields.len()).map(|f| Job::Feed(FeedScope::Field(f))));
        jobs.push(Job::Sitemap);
        jobs.push(Job::Robots);
        jobs.extend(data::DataSet::ALL.map(Job::Data));
        jobs.push(Job::DataPage);
        jobs.push(Job::Stats);
        jobs.push(Job::SearchIndex);
        jobs.push(Job::SearchPage);
        jobs
    }

    /// The URL of a task's page, for the sitemap (`None` for 404, feeds and text files).
    fn task_url(&self, task: &Task) -> Option<String> {
        let r = self.records;
        let p = &self.settings.paths;
        let base = match &task.job {
            Job::Home => "/".to_string(),
            Job::Plan(i) => r.plans[*i].meta.url.clone(),
            Job::Movement(i) => r.movements[*i].meta.url.clone(),
            Job::Person(i) => r.people[*i].meta.url.clone(),
            Job::Award(i) => r.awards[*i].meta.url.clone(),
            Job::Notice(i) => r.notices[*i].meta.url.clone(),
            Job::Page(i) => r.pages[*i].meta.url.clone(),
            Job::KindList(k) => format!("/{}/", self.section_of(*k)),
            Job::Years => format!("/{}/", p.years),
            Job::Year(y) => format!("/{}/{y}/", p.years),
            Job::Fields => format!("/{}/", p.fields),
            Job::Field(f) => format!("/{}/{}/", p.fields, self.settings.fields[*f].slug),
            Job::Forms => format!("/{}/", p.forms),
            Job::Form(f) => format!("/{}/{}/", p.forms, self.settings.forms[*f].slug),
            Job::Units => format!("/{}/", p.units),
            Job::Unit(u) => format!("/{}/{}/", p.units, self.ix.units[*u].slug),
            Job::HonourRoll => format!("/{}/", p.honour_roll),
            Job::Letter(l) => format!("/{}/{}/", p.honour_roll, self.ix.honour_roll[*l].slug),
            Job::SubList { base, .. } => base.clone(),
            Job::DataPage => format!("/{}/", p.data),
            Job::Stats => format!("/{}/", p.stats),
            Job::SearchPage => format!("/{}/", p.search),
            Job::SearchIndex => return None,
            Job::NotFound | Job::Feed(_) | Job::Sitemap | Job::Robots | Job::Data(_) => {
                return None
            }
        };
        Some(if task.page > 1 {
            format!("{base}trang/{}/", task.page)
        } else {
            base
        })
    }

    /// The newest records of a feed: (date, kind, index), newest first.
    fn feed_entries(
        &self,
        scope: FeedScope,
    ) -> Vec<(crate::date::Date, crate::model::Kind, usize)> {
        use crate::model::Kind;
        let r = self.records;
        let in_field = |fields: &[usize]| match scope {
            FeedScope::Field(f) => fields.contains(&f),
            _ => true,
        };
        let wants = |k: Kind| match scope {
            FeedScope::Kind(x) => x == k,
            FeedScope::Field(_) => k != Kind::Plan,
            FeedScope::All => true,
        };
        let mut all = Vec::new();
        let mut add = |kind: Kind, dated: Vec<(crate::date::Date, &[usize])>| {
            if wants(kind) {
                all.extend(
                    dated
                        .into_iter()
                        .enumerate()
                        .filter(|(_, (_, fields))| kind == Kind::Plan || in_field(fields))
                        .map(|(i, (date, _))| (date, kind, i)),
                );
            }
        };
        add(
            Kind::Plan,
            r.plans.iter().map(|x| (x.date, &[][..])).collect(),
        );
        add(
            Kind::Movement,
            r.movements
                .iter()
                .map(|x| (x.start, &x.fields[..]))
                .collect(),
        );
        // People have a year, not a date: they count from the year's first day.
        let new_year = |year| crate::date::Date {
            year,
            month: 1,
            day: 1,
        };
        add(
            Kind::Person,
            r.people
                .iter()
                .map(|x| (new_year(x.year), &x.fields[..]))
                .collect(),
        );
        add(
            Kind::Award,
            r.awards.iter().map(|x| (x.date, &x.fields[..])).collect(),
        );
        add(
            Kind::Notice,
            r.notices
                .iter()
                .map(|x| (x.posted, &x.fields[..]))
                .collect(),
        );
        let newest_first = |a: &(crate::date::Date, Kind, usize),
                            b: &(crate::date::Date, Kind, usize)| {
            b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        // Only the newest FEED_SIZE need sorting.
        if all.len() > FEED_SIZE {
            all.select_nth_unstable_by(FEED_SIZE, newest_first);
            all.truncate(FEED_SIZE);
        }
        all.sort_by(newest_first);
        all
    }

    /// Fingerprint part of a year or field overview: the previewed records of each kind and
    /// how many there are in all.
    fn hash_overview(&self, h: &mut FastHasher, lists: [(crate::model::Kind, &[usize]); 4]) {
        use std::hash::Hash;
        for (kind, items) in lists {
            for &i in items.iter().take(PREVIEW) {
                self.meta_of(kind, i).hash.hash(h);
            }
            items.len().hash(h);
        }
    }

    fn meta_of(&self, kind: crate::model::Kind, i: usize) -> &crate::model::Meta {
        use crate::model::Kind;
        let r = self.records;
        match kind {
            Kind::Plan => &r.plans[i].meta,
            Kind::Movement => &r.movements[i].meta,
            Kind::Person => &r.people[i].meta,
            Kind::Award => &r.awards[i].meta,
            Kind::Notice => &r.notices[i].meta,
            Kind::Page => &r.pages[i].meta,
        }
    }

    /// Files built from every record (the search index, the data sets): slow on a big
    /// site, so the preview brings them up to date just after the pages.
    pub fn is_aggregate(&self, task: &Task) -> bool {
        matches!(task.job, Job::SearchIndex | Job::Data(_))
    }

    /// Renders some of the tasks in parallel (the preview's stale pages), each thread
    /// keeping its theme macro module from one task to the next; results in task order.
    pub fn render_tasks(&self, tasks: &[&Task]) -> Result<Vec<Vec<OutputFile>>> {
        tasks
            .par_iter()
            .map_init(|| None, |mc, t| self.run(&t.job, t.page, mc))
            .collect()
    }

    /// A name for a job that stays the same from one build to the next.
    pub fn task_key(&self, task: &Task) -> String {
        let key = self.job_key(&task.job);
        if task.page == 1 {
            key
        } else {
            format!("{key}#{}", task.page)
        }
    }

    fn job_key(&self, job: &Job) -> String {
        let r = self.records;
        match job {
            Job::Home => "home".into(),
            Job::Plan(i) => r.plans[*i].meta.url.clone(),
            Job::Movement(i) => r.movements[*i].meta.url.clone(),
            Job::Person(i) => r.people[*i].meta.url.clone(),
            Job::Award(i) => r.awards[*i].meta.url.clone(),
            Job::Notice(i) => r.notices[*i].meta.url.clone(),
            Job::Page(i) => r.pages[*i].meta.url.clone(),
            Job::KindList(k) => format!("list:{}", k.key()),
            Job::Years => "years".into(),
            Job::Year(y) => format!("year:{y}"),
            Job::Fields => "fields".into(),
            Job::Field(f) => format!("field:{}", self.settings.fields[*f].slug),
            Job::Forms => "forms".into(),
            Job::Form(f) => format!("form:{}", self.settings.forms[*f].slug),
            Job::Units => "units".into(),
            Job::Unit(u) => format!("unit:{}", self.ix.units[*u].slug),
            Job::HonourRoll => "honour-roll".into(),
            Job::Letter(l) => format!("letter:{}", self.ix.honour_roll[*l].slug),
            Job::NotFound => "404".into(),
            Job::Feed(FeedScope::All) => "feed".into(),
            Job::Feed(FeedScope::Kind(k)) => format!("feed:{}", k.key()),
            Job::Feed(FeedScope::Field(f)) => {
                format!("feed:field:{}", self.settings.fields[*f].slug)
            }
            Job::Sitemap => "sitemap".into(),
            Job::Robots => "robots".into(),
            Job::Data(d) => format!("data:{}", d.name()),
            Job::DataPage => "data".into(),
            Job::Stats => "stats".into(),
            Job::SearchIndex => "search-index".into(),
            Job::SearchPage => "search".into(),
            Job::SubList { base, .. } => format!("sub:{base}"),
        }
    }

    /// A fingerprint of everything a job's pages show: the records it lists (by their
    /// source fingerprints), in order, and the counts it prints. When it is unchanged the
    /// pages are unchanged, so an edit re-renders only the pages that show the edited record.
    /// Settings and templates are not included: a change to them rebuilds everything.
    pub fn fingerprint(&self, task: &Task) -> u64 {
        use crate::model::Kind;
        let job = &task.job;
        let size = self.settings.page_size;
        // The slice of a paginated list this task's page shows, and the list's length
        // (the pager counts pages).
        let page_of = |len: usize| {
            let start = ((task.page - 1) * size).min(len);
            (start..(start + size).min(len), len)
        };
        use std::hash::{Hash, Hasher};
        let r = self.records;
        let ix = self.ix;
        let mut h = FastHasher::default();
        let plan = |h: &mut FastHasher, i: usize| r.plans[i].meta.hash.hash(h);
        let mv = |h: &mut FastHasher, i: usize| r.movements[i].meta.hash.hash(h);
        let person = |h: &mut FastHasher, i: usize| r.people[i].meta.hash.hash(h);
        let award = |h: &mut FastHasher, i: usize| r.awards[i].meta.hash.hash(h);
        let notice = |h: &mut FastHasher, i: usize| r.notices[i].meta.hash.hash(h);
        // A recipient row shows its award and the linked person's URL.
        let rows = |h: &mut FastHasher, refs: &[RecipientRef]| {
            for &(a, k) in refs {
                award(h, a);
                k.hash(h);
                if let Some(p) = r.awards[a].recipients[k].person {
                    person(h, p);
                }
            }
        };
        let years = |h: &mut FastHasher| {
            for (y, yi) in &ix.years {
                (y.0, yi.total()).hash(h);
            }
        };
        let fields = |h: &mut FastHasher| {
            for fi in &ix.fields {
                (
                    fi.awards.len(),
                    fi.people.len(),
                    fi.movements.len(),
                    fi.notices.len(),
                )
                    .hash(h);
            }
        };
        self.site_hash.hash(&mut h);
        std::mem::discriminant(job).hash(&mut h);
        match job {
            Job::Home => {
                ix.awards_by_date
                    .iter()
                    .take(6)
                    .for_each(|&i| award(&mut h, i));
                for &i in &ix.people_by_name {
                    if r.people[i].featured || r.people[i].good_deed {
                        person(&mut h, i);
                    }
                }
                ix.movements_by_start.iter().for_each(|&i| mv(&mut h, i));
                ix.notices_by_date.iter().for_each(|&i| notice(&mut h, i));
                ix.plans_by_year.iter().for_each(|&i| plan(&mut h, i));
                years(&mut h);
                fields(&mut h);
            }
            Job::Plan(i) => {
                plan(&mut h, *i);
                r.plans[*i].movements.iter().for_each(|&m| mv(&mut h, m));
            }
            Job::Movement(i) => {
                mv(&mut h, *i);
                let mi = &ix.movements[*i];
                mi.plans.iter().for_each(|&p| plan(&mut h, p));
                mi.people.iter().for_each(|&p| person(&mut h, p));
                mi.awards.iter().for_each(|&a| award(&mut h, a));
            }
            Job::Person(i) => {
                person(&mut h, *i);
                r.people[*i].movements.iter().for_each(|&m| mv(&mut h, m));
                rows(&mut h, &ix.person_awards[*i]);
            }
            Job::Award(i) => {
                let a = &r.awards[*i];
                award(&mut h, *i);
                a.movement.iter().for_each(|&m| mv(&mut h, m));
                a.recipients
                    .iter()
                    .filter_map(|x| x.person)
                    .for_each(|p| person(&mut h, p));
                ix.award_notices[*i].iter().for_each(|&n| notice(&mut h, n));
            }
            Job::Notice(i) => {
                notice(&mut h, *i);
                r.notices[*i]
                    .decision
                    .iter()
                    .for_each(|&a| award(&mut h, a));
            }
            Job::Page(i) => r.pages[*i].meta.hash.hash(&mut h),
            Job::KindList(kind) => {
                kind.key().hash(&mut h);
                let order = self.order_of(*kind);
                let (range, len) = page_of(order.len());
                len.hash(&mut h);
                for &i in &order[range] {
                    self.meta_of(*kind, i).hash.hash(&mut h);
                }
            }
            Job::Years => years(&mut h),
            Job::Year(y) => {
                let yi = &ix.years[&std::cmp::Reverse(*y)];
                yi.plans.iter().for_each(|&i| plan(&mut h, i));
                self.hash_overview(
                    &mut h,
                    [
                        (Kind::Movement, &yi.movements[..]),
                        (Kind::Person, &yi.people[..]),
                        (Kind::Award, &yi.awards[..]),
                        (Kind::Notice, &yi.notices[..]),
                    ],
                );
                let recipients: usize = yi
                    .awards
                    .iter()
                    .map(|&a| r.awards[a].recipients.len())
                    .sum();
                recipients.hash(&mut h);
                years(&mut h);
            }
            Job::Fields => fields(&mut h),
            Job::Field(f) => {
                let fi = &ix.fields[*f];
                self.hash_overview(
                    &mut h,
                    [
                        (Kind::Movement, &fi.movements[..]),
                        (Kind::Person, &fi.people[..]),
                        (Kind::Award, &fi.awards[..]),
                        (Kind::Notice, &fi.notices[..]),
                    ],
                );
            }
            Job::Forms => ix.forms.iter().for_each(|f| f.len().hash(&mut h)),
            Job::Form(f) => {
                let (range, len) = page_of(ix.forms[*f].len());
                len.hash(&mut h);
                rows(&mut h, &ix.forms[*f][range]);
            }
            Job::Units => {
                for u in &ix.units {
                    (&u.slug, &u.label, u.people.len() + u.recipients.len()).hash(&mut h);
                }
            }
            Job::Unit(u) => {
                let unit = &ix.units[*u];
                unit.label.hash(&mut h);
                if task.page == 1 {
                    unit.people.iter().for_each(|&p| person(&mut h, p));
                }
                let (range, len) = page_of(unit.recipients.len());
                len.hash(&mut h);
                rows(&mut h, &unit.recipients[range]);
            }
            Job::HonourRoll => {
                for l in &ix.honour_roll {
                    (&l.letter, l.recipients.len()).hash(&mut h);
                }
                let total: usize = ix.honour_roll.iter().map(|l| l.recipients.len()).sum();
                if total <= 2000 {
                    ix.honour_roll
                        .iter()
                        .for_each(|l| rows(&mut h, &l.recipients));
                }
            }
            Job::Letter(l) => {
                for letter in &ix.honour_roll {
                    (&letter.letter, letter.recipients.len()).hash(&mut h);
                }
                let letter = &ix.honour_roll[*l].recipients;
                let (range, len) = page_of(letter.len());
                len.hash(&mut h);
                rows(&mut h, &letter[range]);
            }
            Job::NotFound | Job::Robots => {}
            Job::SearchPage => {}
            Job::Data(_) | Job::DataPage | Job::Stats | Job::SearchIndex => {
                // Rows show awards with their movements and linked people; the search index
                // holds every kind of record (a notice's or a plan's title too: found by the
                // random-edit test in tests/it/live.rs).
                r.awards.iter().for_each(|x| x.meta.hash.hash(&mut h));
                r.people.iter().for_each(|x| x.meta.hash.hash(&mut h));
                r.movements.iter().for_each(|x| x.meta.hash.hash(&mut h));
                r.plans.iter().for_each(|x| x.meta.hash.hash(&mut h));
                r.notices.iter().for_each(|x| x.meta.hash.hash(&mut h));
                r.pages.iter().for_each(|x| x.meta.hash.hash(&mut h));
            }
            Job::Feed(scope) => {
                for (date, kind, i) in self.feed_entries(*scope) {
                    (date, kind, self.meta_of(kind, i).hash).hash(&mut h);
                }
            }
            Job::Sitemap => {
                for t in self.tasks() {
                    self.task_url(&t).hash(&mut h);
                }
            }
            Job::SubList {
                base,
                title,
                kind,
                items,
                ..
            } => {
                (base, title, kind.key()).hash(&mut h);
                let (range, len) = page_of(items.len());
                len.hash(&mut h);
                for &i in &items[range] {
                    self.meta_of(*kind, i).hash.hash(&mut h);
                }
            }
        }
        h.finish()
    }

    fn run<'s>(&'s self, job: &Job, page: usize, mc: &mut Macros<'s>) -> Result<Vec<OutputFile>> {
        // Only the requested page of a paginated list.
        use crate::model::Kind;
        let r = self.records;
        let ix = self.ix;
        let s = self.settings;
        let c = &self.cards;
        let v = &self.views;
        let p = &s.paths;
        Ok(match job {
            Job::Home => {
                let latest: Vec<Value> = ix
                    .awards_by_date
                    .iter()
                    .take(6)
                    .map(|&i| c.awards[i].clone())
                    .collect();
                let featured: Vec<Value> = ix
                    .people_by_name
                    .iter()
                    .filter(|&&i| r.people[i].featured)
                    .map(|&i| c.people[i].clone())
                    .take(6)
                    .collect();
                let mut deeds: Vec<usize> = ix
                    .people_by_name
                    .iter()
                    .copied()
                    .filter(|&i| r.people[i].good_deed && !r.people[i].featured)
                    .collect();
                deeds.sort_by(|&a, &b| r.people[b].year.cmp(&r.people[a].year));
                let deeds: Vec<Value> = deeds
                    .into_iter()
                    .take(6)
                    .map(|i| c.people[i].clone())
                    .collect();
                let year_now = ix.years.keys().next().map(|y| y.0);
                let active: Vec<Value> = ix
                    .movements_by_start
                    .iter()
                    .filter(|&&i| {
                        year_now.is_some_and(|y| r.movements[i].end.is_none_or(|e| e.year >= y))
                    })
                    .map(|&i| c.movements[i].clone())
                    .collect();
                let active_total = active.len();
                let active: Vec<Value> = active.into_iter().take(4).collect();
                let open: Vec<Value> = ix
                    .notices_by_date
                    .iter()
                    .filter(|&&i| r.notices[i].decision.is_none())
                    .map(|&i| c.notices[i].clone())
                    .collect();
                let plan = ix.plans_by_year.first().map(|&i| c.plans[i].clone());
                let title = s.title.clone();
                vec![self.render(
                    "home.html",
                    head("/", &title, "home"),
                    context! {
                        plan => plan,
                        latest_awards => latest,
                        featured => featured,
                        good_deeds => deeds,
                        active_total => active_total,
                        active_movements => active,
                        open_notices => open,
                        years => Serde(self.year_links()),
                        fields => Serde(self.field_links()),
                    },
                )?]
            }
            Job::Plan(i) => {
                let pl = &r.plans[*i];
                vec![self.render(
                    "plan.html",
                    record_head(
                        &pl.meta,
                        &pl.meta.title,
                        "plans",
                        pl.meta.summary.as_deref(),
                    ),
                    context! {
                        record => c.plans[*i].clone(),
                        body => Value::from_safe_string(pl.meta.body_html.to_string()),
                        signer => pl.signer.clone(),
                        signer_position => pl.signer_position.clone(),
                        movements => self.pick(mc, &c.movements, &pl.movements),
                    },
                )?]
            }
            Job::Movement(i) => {
                let m = &r.movements[*i];
                let mi = &ix.movements[*i];
                let level = &s.levels[m.level].label;
                vec![self.render(
                    "movement.html",
                    record_head(
                        &m.meta,
                        &m.meta.title,
                        "movements",
                        m.meta.summary.as_deref().or(m.slogan.as_deref()),
                    ),
                    context! {
                        record => c.movements[*i].clone(),
                        body => Value::from_safe_string(m.meta.body_html.to_string()),
                        kind => m.kind.key(),
                        level => level,
                        slogan => m.slogan.clone(),
                        document => m.document.clone(),
                        document_date => m.document_date.map(|d| d.vietnamese()),
                        document_title => m.document_title.clone(),
                        launched_by => m.launched_by.clone(),
                        start => m.start.vietnamese(),
                        end => m.end.map(|d| d.vietnamese()),
                        plans => self.pick(mc, &c.plans, &mi.plans),
                        people => self.pick(mc, &c.people, &mi.people),
                        awards => self.pick(mc, &c.awards, &mi.awards),
                    },
                )?]
            }
            Job::Person(i) => {
                let pe = &r.people[*i];
                let story = pe.consent || pe.meta.body_html.is_empty();
                vec![self.render("person.html", record_head(&pe.meta, &pe.name, "people", pe.meta.summary.as_deref()), context! {
                    record => c.people[*i].clone(),
                    body => if story { Value::from_safe_string(pe.meta.body_html.to_string()) } else { Value::from(()) },
                    consent => pe.consent,
                    photo => if pe.consent { pe.photo.clone() } else { None },
                    movements => self.pick(mc, &c.movements, &pe.movements),
                    honours => ix.person_awards[*i].iter().map(|&(a, k)| {
                        let aw = &r.awards[a];
                        format!("{} ({}, {})", s.forms[aw.recipients[k].form].label, aw.number, aw.date.vietnamese())
                    }).collect::<Vec<_>>(),
                    // The person's own name needs no link to the page it is on.
                    awards => self.person_rows(mc, *i),
                })?]
            }
            Job::Award(i) => {
                let a = &r.awards[*i];
                let rows = self.decision_rows(mc, *i);
                let total: u64 = a.recipients.iter().filter_map(|x| x.amount).sum();
                vec![self.render(
                    "award.html",
                    record_head(&a.meta, &a.meta.title, "awards", a.meta.summary.as_deref()),
                    context! {
                        record => c.awards[*i].clone(),
                        body => Value::from_safe_string(a.meta.body_html.to_string()),
                        level => s.levels[a.level].label.clone(),
                        signer => a.signer.clone(),
                        signer_position => a.signer_position.clone(),
                        award_type => a.award_type.key(),
                        achievement_year => a.year,
                        movement => a.movement.map(|m| c.movements[m].clone()),
                        pdf => a.pdf.clone(),
                        pdf_size => a.pdf_facts.as_ref().map(|(n, _)| format_size(*n)),
                        pdf_sha256 => a.pdf_facts.as_ref().map(|(_, h)| h.clone()),
                        recipients => rows,
                        total_amount => (total > 0).then(|| view::money(total, &s.language)),
                        long_date => a.date.long(&s.language),
                        notices => self.pick(mc, &c.notices, &ix.award_notices[*i]),
                    },
                )?]
            }
            Job::Notice(i) => {
                let n = &r.notices[*i];
                let nominees: Vec<_> = n
                    .nominees
                    .iter()
                    .map(|x| {
                        context! {
                            name => x.name.clone(),
                            subject => x.subject.key(),
                            unit => Serde(v.unit_link(&x.unit)),
                            form => Serde(v.form_link(x.form)),
                            achievement => x.achievement.clone(),
                        }
                    })
                    .collect();
                vec![self.render(
                    "notice.html",
                    record_head(&n.meta, &n.meta.title, "notices", n.meta.summary.as_deref()),
                    context! {
                        record => c.notices[*i].clone(),
                        body => Value::from_safe_string(n.meta.body_html.to_string()),
                        place => n.place.clone(),
                        contact => n.contact.clone(),
                        nominees => nominees,
                        decision => n.decision.map(|d| c.awards[d].clone()),
                    },
                )?]
            }
            Job::Page(i) => {
                let pg = &r.pages[*i];
                vec![self.render(
                    "page.html",
                    record_head(&pg.meta, &pg.meta.title, "page", pg.meta.summary.as_deref()),
                    context! {
                        record => Serde(v.page_card(pg)),
                        body => Value::from_safe_string(pg.meta.body_html.to_string()),
                    },
                )?]
            }
            Job::KindList(kind) => {
                let (section, list, order): (&str, &CardList, &Vec<usize>) = match kind {
                    Kind::Plan => (&p.plans, &c.plans, &ix.plans_by_year),
                    Kind::Movement => (&p.movements, &c.movements, &ix.movements_by_start),
                    Kind::Person => (&p.people, &c.people, &ix.people_by_name),
                    Kind::Award => (&p.awards, &c.awards, &ix.awards_by_date),
                    Kind::Notice => (&p.notices, &c.notices, &ix.notices_by_date),
                    Kind::Page => return Ok(Vec::new()),
                };
                let title = self.strings_get("sections", kind.key());
                let base = format!("/{section}/");
                let mut out = Vec::new();
                if let Some((url, range, pager)) = paginate(&base, order.len(), s.page_size, page) {
                    out.push(self.render(
                        "list.html",
                        head(&url, &title, kind.key()),
                        context! {
                            kind => kind.key(),
                            items => self.pick(mc, list, &order[range]),
                            total => order.len(),
                            pager => Serde(pager),
                        },
                    )?);
                }
                out
            }
            Job::Years => {
                let title = self.strings_get("sections", "years");
                vec![self.render(
                    "years.html",
                    head(&format!("/{}/", p.years), &title, "years"),
                    context! {
                        years => Serde(self.year_links()),
                    },
                )?]
            }
            Job::Year(y) => {
                let yi = &ix.years[&std::cmp::Reverse(*y)];
                let title = format!("{} {y}", self.strings_get("ui", "year"));
                let recipients: usize = yi
                    .awards
                    .iter()
                    .map(|&a| r.awards[a].recipients.len())
                    .sum();
                let base = format!("/{}/{y}/", p.years);
                vec![self.render(
                    "year.html",
                    head(&base, &title, "years"),
                    context! {
                        year => *y,
                        plans => self.group(mc, Kind::Plan, &yi.plans, &base),
                        movements => self.group(mc, Kind::Movement, &yi.movements, &base),
                        people => self.group(mc, Kind::Person, &yi.people, &base),
                        awards => self.group(mc, Kind::Award, &yi.awards, &base),
                        notices => self.group(mc, Kind::Notice, &yi.notices, &base),
                        recipients_count => recipients,
                        total => yi.total(),
                        years => Serde(self.year_links()),
                    },
                )?]
            }
            Job::Fields => {
                let title = self.strings_get("sections", "fields");
                vec![self.render(
                    "fields.html",
                    head(&format!("/{}/", p.fields), &title, "fields"),
                    context! {
                        fields => Serde(self.field_links()),
                    },
                )?]
            }
            Job::Field(f) => {
                let fi = &ix.fields[*f];
                let term = &s.fields[*f];
                let base = format!("/{}/{}/", p.fields, term.slug);
                vec![self.render(
                    "field.html",
                    Head {
                        description: term.description.as_deref(),
                        ..head(&base, &term.label, "fields")
                    },
                    context! {
                        field => Serde(term),
                        movements => self.group(mc, Kind::Movement, &fi.movements, &base),
                        people => self.group(mc, Kind::Person, &fi.people, &base),
                        awards => self.group(mc, Kind::Award, &fi.awards, &base),
                        notices => self.group(mc, Kind::Notice, &fi.notices, &base),
                    },
                )?]
            }
            Job::SubList {
                base,
                title,
                parent,
                kind,
                items,
            } => {
                let list = self.cards_of(*kind);
                let mut out = Vec::new();
                if let Some((url, range, pager)) = paginate(base, items.len(), s.page_size, page) {
                    out.push(self.render(
                        "list.html",
                        head(&url, title, kind.key()),
                        context! {
                            kind => kind.key(),
                            items => self.pick(mc, list, &items[range]),
                            total => items.len(),
                            pager => Serde(pager),
                            parent => context! { url => parent.0.clone(), label => parent.1.clone() },
                        },
                    )?);
                }
                out
            }
            Job::Forms => {
                let title = self.strings_get("sections", "forms");
                let forms: Vec<Value> = s
                    .forms
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        context! {
                            label => f.label.clone(),
                            url => format!("/{}/{}/", p.forms, f.slug),
                            kind => Serde(f.kind),
                            count => ix.forms[i].len(),
                        }
                    })
                    .collect();
                vec![self.render(
                    "forms.html",
                    head(&format!("/{}/", p.forms), &title, "forms"),
                    context! { forms => forms },
                )?]
            }
            Job::Form(f) => {
                let form = &s.forms[*f];
                let refs = &ix.forms[*f];
                let base = format!("/{}/{}/", p.forms, form.slug);
                let mut out = Vec::new();
                if let Some((url, range, pager)) = paginate(&base, refs.len(), s.page_size, page) {
                    out.push(self.render(
                        "form.html",
                        head(&url, &form.label, "forms"),
                        context! {
                            form => Serde(form),
                            recipients => self.award_rows(mc, &refs[range]),
                            total => refs.len(),
                            pager => Serde(pager),
                        },
                    )?);
                }
                out
            }
            Job::Units => {
                let title = self.strings_get("sections", "units");
                let units: Vec<Link> = ix
                    .units
                    .iter()
                    .map(|u| Link {
                        label: u.label.clone(),
                        url: format!("/{}/{}/", p.units, u.slug),
                        count: Some(u.people.len() + u.recipients.len()),
                    })
                    .collect();
                vec![self.render(
                    "units.html",
                    head(&format!("/{}/", p.units), &title, "units"),
                    context! { units => Serde(units) },
                )?]
            }
            Job::Unit(u) => {
                let unit = &ix.units[*u];
                let base = format!("/{}/{}/", p.units, unit.slug);
                let mut out = Vec::new();
                if let Some((url, range, pager)) =
                    paginate(&base, unit.recipients.len(), s.page_size, page)
                {
                    let n = page - 1;
                    out.push(self.render("unit.html", head(&url, &unit.label, "units"), context! {
                        unit => unit.label.clone(),
                        people => if n == 0 { self.pick(mc, &c.people, &unit.people) } else { Vec::new() },
                        recipients => self.award_rows(mc, &unit.recipients[range]),
                        total => unit.recipients.len(),
                        pager => Serde(pager),
                    })?);
                }
                out
            }
            Job::HonourRoll => {
                let title = self.strings_get("sections", "honour_roll");
                let total: usize = ix.honour_roll.iter().map(|l| l.recipients.len()).sum();
                // Small sites show everyone on one page; large ones link to the letters.
                let groups: Vec<Value> = if total <= 2000 {
                    ix.honour_roll
                        .iter()
                        .map(|l| context! { letter => l.letter.clone(), slug => l.slug.clone(), recipients => self.award_rows(mc, &l.recipients) })
                        .collect()
                } else {
                    Vec::new()
                };
                vec![self.render(
                    "honour_roll.html",
                    head(&format!("/{}/", p.honour_roll), &title, "honour_roll"),
                    context! {
                        // With everyone on this page, letters jump to their section.
                        letters => Serde(self.letter_links(!groups.is_empty())),
                        groups => groups,
                        total => total,
                    },
                )?]
            }
            Job::Letter(l) => {
                let letter = &ix.honour_roll[*l];
                let base = format!("/{}/{}/", p.honour_roll, letter.slug);
                let title = format!(
                    "{} – {}",
                    self.strings_get("sections", "honour_roll"),
                    letter.letter
                );
                let mut out = Vec::new();
                if let Some((url, range, pager)) =
                    paginate(&base, letter.recipients.len(), s.page_size, page)
                {
                    out.push(self.render("honour_roll.html", head(&url, &title, "honour_roll"), context! {
                        letters => Serde(self.letter_links(false)),
                        current => letter.letter.clone(),
                        groups => vec![context! { letter => letter.letter.clone(), slug => letter.slug.clone(), recipients => self.award_rows(mc, &letter.recipients[range]) }],
                        total => letter.recipients.len(),
                        pager => Serde(pager),
                    })?);
                }
                out
            }
            Job::Feed(scope) => {
                let (title, path, alternate) = match scope {
                    FeedScope::All => (s.title.clone(), "atom.xml".to_string(), "/".to_string()),
                    FeedScope::Kind(k) => (
                        format!("{} – {}", self.strings_get("sections", k.key()), s.title),
                        format!("{}/atom.xml", self.section_of(*k)),
                        format!("/{}/", self.section_of(*k)),
                    ),
                    FeedScope::Field(f) => (
                        format!("{} – {}", s.fields[*f].label, s.title),
                        format!("{}/{}/atom.xml", p.fields, s.fields[*f].slug),
                        format!("/{}/{}/", p.fields, s.fields[*f].slug),
                    ),
                };
                let entries = self.feed_entries(*scope);
                let updated = entries
                    .first()
                    .map(|e| e.0.iso())
                    .unwrap_or_else(|| "2000-01-01".into());
                let entries: Vec<Value> = entries
                    .iter()
                    .map(|&(date, kind, i)| {
                        let m = self.meta_of(kind, i);
                        context! {
                            title => m.title.clone(),
                            url => m.url.clone(),
                            kind => kind.key(),
                            updated => date.iso(),
                            summary => m.summary.clone(),
                        }
                    })
                    .collect();
                vec![self.render_file("atom.xml", path.clone(), context! {
                    feed => context! { title => title, path => format!("/{path}"), alternate => alternate, updated => updated },
                    entries => entries,
                })?]
            }
            Job::Sitemap => {
                let mut urls: Vec<String> = self
                    .tasks()
                    .iter()
                    .filter_map(|t| self.task_url(t))
                    .collect();
                urls.sort();
                vec![self.render_file(
                    "sitemap.xml",
                    "sitemap.xml".into(),
                    context! { urls => urls },
                )?]
            }
            Job::Robots => {
                vec![self.render_file("robots.txt", "robots.txt".into(), context! {})?]
            }
            Job::Data(set) => {
                let (csv, json) = data::build(*set, s, r, ix);
                vec![
                    OutputFile {
                        path: format!("{}/{}.csv", p.data, set.name()),
                        bytes: csv,
                    },
                    OutputFile {
                        path: format!("{}/{}.json", p.data, set.name()),
                        bytes: json,
                    },
                ]
            }
            Job::SearchIndex => search::build(&p.search, s, r),
            Job::SearchPage => {
                let title = self.strings_get("sections", "search");
                vec![self.render(
                    "search.html",
                    head(&format!("/{}/", p.search), &title, "search"),
                    context! {
                        index => format!("/{}/", p.search),
                    },
                )?]
            }
            Job::Stats => {
                let charts: Vec<Value> = stats::charts(s, r, ix)
                    .into_iter()
                    .map(|c| {
                        context! {
                            id => c.id,
                            rows => Serde(c.rows),
                            svg => Value::from_safe_string(c.svg),
                        }
                    })
                    .collect();
                let title = self.strings_get("sections", "stats");
                let decisions = r.awards.len();
                let recipients: usize = r.awards.iter().map(|a| a.recipients.len()).sum();
                vec![self.render(
                    "stats.html",
                    head(&format!("/{}/", p.stats), &title, "stats"),
                    context! {
                        charts => charts,
                        decisions => decisions,
                        recipients => recipients,
                        people => r.people.len(),
                        movements => r.movements.len(),
                    },
                )?]
            }
            Job::DataPage => {
                let recipients: usize = r.awards.iter().map(|a| a.recipients.len()).sum();
                let sets: Vec<Value> = data::DataSet::ALL
                    .iter()
                    .map(|set| {
                        let rows = match set {
                            data::DataSet::Recipients => recipients,
                            data::DataSet::People => r.people.len(),
                            data::DataSet::Movements => r.movements.len(),
                        };
                        context! {
                            name => set.name(),
                            csv => format!("/{}/{}.csv", p.data, set.name()),
                            json => format!("/{}/{}.json", p.data, set.name()),
                            rows => rows,
                            columns => Serde(set.columns()),
                        }
                    })
                    .collect();
                let title = self.strings_get("sections", "data");
                vec![self.render(
                    "data.html",
                    head(&format!("/{}/", p.data), &title, "data"),
                    context! { sets => sets },
                )?]
            }
            Job::NotFound => {
                let title = self.strings_get("ui", "not_found");
                let mut f =
                    self.render("404.html", head("/404.html", &title, "404"), context! {})?;
                f.path = "404.html".into();
                vec![f]
            }
        })
    }

    fn section_of(&self, kind: crate::model::Kind) -> &str {
        use crate::model::Kind;
        let p = &self.settings.paths;
        match kind {
            Kind::Plan => &p.plans,
            Kind::Movement => &p.movements,
            Kind::Person => &p.people,
            Kind::Award => &p.awards,
            Kind::Notice => &p.notices,
            Kind::Page => "",
        }
    }

    /// The first records of a kind on an overview page, with the link to all of them.
    fn group<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        kind: crate::model::Kind,
        items: &[usize],
        base: &str,
    ) -> Value {
        let shown = &items[..items.len().min(PREVIEW)];
        context! {
            items => self.pick(mc, self.cards_of(kind), shown),
            total => items.len(),
            url => (items.len() > PREVIEW).then(|| format!("{base}{}/", self.section_of(kind))),
        }
    }

    /// Full lists behind the overviews of years and fields.
    fn sublists(&self) -> Vec<Job> {
        use crate::model::Kind;
        let mut jobs = Vec::new();
        let p = &self.settings.paths;
        let mut add = |base: String, parent: &str, kind: Kind, items: &[usize]| {
            if items.len() > PREVIEW {
                let title = format!("{} – {parent}", self.strings_get("sections", kind.key()));
                jobs.push(Job::SubList {
                    base: format!("{base}{}/", self.section_of(kind)),
                    title,
                    parent: (base, parent.to_string()),
                    kind,
                    items: items.to_vec(),
                });
            }
        };
        for (y, yi) in &self.ix.years {
            let base = format!("/{}/{}/", p.years, y.0);
            let parent = format!("{} {}", self.strings_get("ui", "year"), y.0);
            add(base.clone(), &parent, Kind::Plan, &yi.plans);
            add(base.clone(), &parent, Kind::Movement, &yi.movements);
            add(base.clone(), &parent, Kind::Person, &yi.people);
            add(base.clone(), &parent, Kind::Award, &yi.awards);
            add(base, &parent, Kind::Notice, &yi.notices);
        }
        for (term, fi) in self.settings.fields.iter().zip(&self.ix.fields) {
            let base = format!("/{}/{}/", p.fields, term.slug);
            add(base.clone(), &term.label, Kind::Movement, &fi.movements);
            add(base.clone(), &term.label, Kind::Person, &fi.people);
            add(base.clone(), &term.label, Kind::Award, &fi.awards);
            add(base, &term.label, Kind::Notice, &fi.notices);
        }
        jobs
    }

    fn year_links(&self) -> Vec<Link> {
        self.ix
            .years
            .iter()
            .map(|(y, yi)| Link {
                label: y.0.to_string(),
                url: format!("/{}/{}/", self.settings.paths.years, y.0),
                count: Some(yi.total()),
            })
            .collect()
    }

    fn field_links(&self) -> Vec<Link> {
        self.settings
            .fields
            .iter()
            .zip(&self.ix.fields)
            .map(|(f, fi)| Link {
                label: f.label.clone(),
                url: format!("/{}/{}/", self.settings.paths.fields, f.slug),
                count: Some(
                    fi.awards.len() + fi.people.len() + fi.movements.len() + fi.notices.len(),
                ),
            })
            .collect()
    }

    fn letter_links(&self, anchors: bool) -> Vec<Link> {
        self.ix
            .honour_roll
            .iter()
            .map(|l| Link {
                label: l.letter.clone(),
                url: if anchors {
                    format!("#chu-{}", l.slug)
                } else {
                    format!("/{}/{}/", self.settings.paths.honour_roll, l.slug)
                },
                count: Some(l.recipients.len()),
            })
            .collect()
    }
}

/// `245 KB`, `1.2 MB`.
fn format_size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(url_to_path("/"), "index.html");
        assert_eq!(url_to_path("/khen-thuong/a/"), "khen-thuong/a/index.html");
        assert_eq!(url_to_path("/404.html"), "404.html");
    }

    #[test]
    fn pagination() {
        let page = |p| paginate("/x/", 250, 100, p);
        assert_eq!(page(1).unwrap().0, "/x/");
        let (url, range, pager) = page(3).unwrap();
        assert_eq!(url, "/x/trang/3/");
        assert_eq!(range, 200..250);
        let pager = pager.unwrap();
        assert_eq!((pager.current, pager.total), (3, 3));
        assert_eq!(page(2).unwrap().2.unwrap().prev.as_deref(), Some("/x/"));
        assert!(page(4).is_none());
        let only = paginate("/x/", 0, 100, 1).unwrap();
        assert!(only.2.is_none());
    }
}
