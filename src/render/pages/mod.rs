//! The page kinds of a site. Each kind is described once, by one type implementing
//! [`Page`]: its key, its address, how many pages it has, and one function, `show`, that
//! reads what it shows through a [`Reader`] and renders it. The task list, the sitemap, the
//! preview's staleness check (the fingerprint: `show` run by a reader that only hashes what
//! is read) and the renderer all use that one description.
//!
//! The kinds live in files by family: [`records`] (a record's own page), [`lists`] (home,
//! kind lists, honour roll, 404), [`honourees`] (the page of everyone honoured who has no
//! people record), [`taxonomies`] (years, fields, forms, units), [`feeds`]
//! (Atom, sitemap, robots.txt), [`data`] (open data, statistics) and [`search`].
//! Adding a page kind: a type and its `impl Page` in its family file, and one line in that
//! file's `add` that lists its pages.

mod data;
mod feeds;
mod honourees;
mod lists;
mod records;
mod search;
mod taxonomies;

use super::address::{page_of, Addresses};
use super::reader::{At, Reader};
use super::renderer::{Macros, Renderer};
use super::OutputFile;
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::sync::Arc;

/// One kind of page (see the module's documentation).
pub(crate) trait Page: Send + Sync {
    /// The kind's name: names its timings and, with [`Page::id`], its key.
    fn kind(&self) -> &'static str;

    /// What tells this page from the others of its kind, stable from one build to the next
    /// (empty for a kind with one page).
    fn id(&self, _r: &Renderer<'_>) -> String {
        String::new()
    }

    /// The address of its first page, when it is a page of the site (feeds, data files and
    /// the search index have none).
    fn address(&self, r: &Renderer<'_>) -> Option<String>;

    /// Whether the sitemap lists it (the 404 page has an address and is not listed).
    fn listed(&self) -> bool {
        true
    }

    /// How many pages it has: more than one for a paginated list.
    fn pages(&self, _r: &Renderer<'_>) -> usize {
        1
    }

    /// Built from every record (search index, data sets): slow on a big site, so the
    /// preview brings it up to date just after the pages.
    fn aggregate(&self) -> bool {
        false
    }

    /// Reads what its page `cx.page()` shows and renders it.
    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>>;
}

/// How many pages a list of `n` items takes.
fn pages_for(r: &Renderer<'_>, n: usize) -> usize {
    super::page_count(n, r.settings.page_size)
}

/// One page to render: a page kind's page, and which page of it for a paginated list.
pub(crate) struct Task {
    page: Arc<dyn Page>,
    /// 1-based page of a paginated list; 1 for everything else.
    n: usize,
    /// The address of the kind's first page.
    base: Option<String>,
}

impl Task {
    /// The kind of page, for timings.
    pub(crate) fn kind_name(&self) -> &'static str {
        self.page.kind()
    }

    /// This page's address (for a paginated list, of this page of it).
    fn url(&self) -> Option<String> {
        self.base.as_deref().map(|b| page_of(b, self.n))
    }

    fn at(&self) -> At<'_> {
        At {
            base: self.base.as_deref(),
            page: self.n,
        }
    }
}

impl<'a> Renderer<'a> {
    /// The addresses of this site.
    pub(crate) fn at(&self) -> Addresses<'_> {
        Addresses::new(&self.settings.paths)
    }

    /// Every page kind's pages, before pagination.
    fn page_list(&self) -> Vec<Arc<dyn Page>> {
        let mut pages: Vec<Arc<dyn Page>> = Vec::new();
        lists::add(self, &mut pages);
        records::add(self, &mut pages);
        honourees::add(self, &mut pages);
        taxonomies::add(self, &mut pages);
        feeds::add(self, &mut pages);
        data::add(self, &mut pages);
        search::add(self, &mut pages);
        pages
    }

    /// Every page of the site, one task each (a paginated list gives one task per page).
    pub(crate) fn tasks(&self) -> Vec<Task> {
        let mut tasks = Vec::new();
        for page in self.page_list() {
            let base = page.address(self);
            for n in 1..=page.pages(self) {
                tasks.push(Task {
                    page: page.clone(),
                    n,
                    base: base.clone(),
                });
            }
        }
        // The few large ones (search index, data sets) first, so they do not start last and
        // leave the other threads idle at the end.
        tasks.sort_by_key(|t| !t.page.aggregate());
        tasks
    }

    /// The address of every page the sitemap lists, sorted.
    pub(super) fn sitemap_urls(&self) -> Vec<String> {
        let mut urls: Vec<String> = self
            .tasks()
            .iter()
            .filter(|t| t.page.listed())
            .filter_map(Task::url)
            .collect();
        urls.sort();
        urls
    }

    /// Renders one task.
    fn run<'s>(&'s self, task: &'s Task, mc: &mut Macros<'s>) -> Result<Vec<OutputFile>> {
        task.page.show(&mut Reader::rendering(self, task.at(), mc))
    }

    /// Renders every page in parallel and hands each file to `sink` as soon as it is ready,
    /// so the whole site never has to sit in memory.
    pub(crate) fn render_each(
        &self,
        sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    ) -> Result<()> {
        let tasks = self.tasks();
        if std::env::var_os("VINHDANH_TIMINGS").is_none() {
            return tasks.par_iter().try_for_each_init(
                || None,
                |mc, t| self.run(t, mc)?.into_iter().try_for_each(sink),
            );
        }
        // Time per kind of page (CPU time summed over threads), rendering and writing apart.
        let spent =
            std::sync::Mutex::new(std::collections::BTreeMap::<String, (f64, f64, usize)>::new());
        tasks.par_iter().try_for_each_init(
            || None,
            |mc, t| {
                let started = std::time::Instant::now();
                let files = self.run(t, mc)?;
                let rendered = started.elapsed().as_secs_f64();
                files.into_iter().try_for_each(sink)?;
                let written = started.elapsed().as_secs_f64() - rendered;
                let name = t.kind_name().to_string();
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

    /// Files built from every record (the search index, the data sets): slow on a big
    /// site, so the preview brings them up to date just after the pages.
    pub(crate) fn is_aggregate(&self, task: &Task) -> bool {
        task.page.aggregate()
    }

    /// Renders some of the tasks in parallel (the preview's stale pages), each thread
    /// keeping its theme macro module from one task to the next; results in task order.
    pub(crate) fn render_tasks(&self, tasks: &[&Task]) -> Result<Vec<Vec<OutputFile>>> {
        tasks
            .par_iter()
            .map_init(|| None, |mc, t| self.run(t, mc))
            .collect()
    }

    /// A name for a task that stays the same from one build to the next.
    pub(crate) fn task_key(&self, task: &Task) -> String {
        let mut key = task.page.kind().to_string();
        let id = task.page.id(self);
        if !id.is_empty() {
            key.push(':');
            key.push_str(&id);
        }
        if task.n > 1 {
            key.push('#');
            key.push_str(itoa::Buffer::new().format(task.n));
        }
        key
    }

    /// A fingerprint of everything a task's page shows: what its `show` reads (records by
    /// their source fingerprints, in order, and the counts and labels of indexes). When it
    /// is unchanged the page is unchanged, so an edit re-renders only the pages that show
    /// the edited record. Settings and templates are not included: a change to them
    /// rebuilds everything.
    pub(crate) fn fingerprint(&self, task: &Task) -> u64 {
        let mut cx = Reader::fingerprinting(self, task.at(), task.page.kind());
        // A page that fails to render fails in the render too; its fingerprint is what
        // it read up to there.
        let _ = task.page.show(&mut cx);
        cx.finish()
    }
}
