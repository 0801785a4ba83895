//! The live workspace behind `vinhdanh serve`: the site kept in memory and rebuilt
//! incrementally. An edited record is parsed again alone; the model and indexes are rebuilt
//! (cheap); and only the pages whose fingerprint changed — the record's own page and the
//! lists, people, movements and forms that show it — are rendered again.

use crate::config::Settings;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::history::History;
use crate::load::Loaded;
use crate::model::Kind;
use crate::render::{OutputFile, Renderer};
use crate::site::Site;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What changed on disk, by what it costs to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ChangeKind {
    /// A record file: parse it again, re-render the pages that show it.
    Content,
    /// A file under `static/`: copy the static files again.
    Static,
    /// `site.toml`, a template or a theme file: rebuild everything.
    Config,
}

/// Sorts a changed path (absolute) into what it needs, or `None` to ignore it.
pub(crate) fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).ok()?;
    if crate::load::is_ignored(path) || is_editor_temp(path) {
        return None;
    }
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "site.toml" => Some(ChangeKind::Config),
        "templates" | "themes" => Some(ChangeKind::Config),
        "static" => Some(ChangeKind::Static),
        "content" => Some(ChangeKind::Content),
        _ => None,
    }
}

/// Swap and backup files that editors write next to the real one.
fn is_editor_temp(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".bak")
        || name.ends_with(".crswap")
        || name.contains(".tmp.")
}

/// One record file as last read.
struct Entry {
    result: std::result::Result<Option<Loaded>, Vec<Diagnostic>>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Output files written or replaced: (path, bytes).
    pub written: Vec<OutputFile>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    /// Jobs rendered again, and jobs in all.
    pub rendered_jobs: usize,
    pub total_jobs: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A site held in memory between edits.
pub struct Workspace {
    root: PathBuf,
    drafts: bool,
    base_url: Option<String>,
    settings: Settings,
    theme: Theme,
    entries: BTreeMap<PathBuf, Entry>,
    found: Vec<Diagnostic>,
    /// Job key → (fingerprint, output paths).
    jobs: HashMap<String, (u64, Vec<String>)>,
    /// Output paths of the assets (theme, highlight, static/).
    assets: Vec<String>,
    /// Output paths of the people's resized photos when the assets were gathered: a record
    /// edit that changes them gathers the assets again.
    photo_paths: Vec<String>,
    /// Cards of the last build (cleared when the configuration changes).
    cards: crate::render::CardCache,
    /// The search index or data sets are behind the pages (see [`Workspace::catch_up`]).
    pending: bool,
    /// The site of the last successful rebuild, kept so the next edit resolves only the
    /// records it changed.
    last: Option<Site>,
    /// Files re-read since then that existed before and still do (the candidates for
    /// resolving alone); `None` after anything that needs a full resolve.
    touched: Option<Vec<PathBuf>>,
    /// The revision history read at the start, read again only when `HEAD` moves.
    history: Arc<History>,
}

impl Workspace {
    /// Reads the site. `base_url` replaces the configured one (the preview's own address).
    pub fn open(root: &Path, drafts: bool, base_url: Option<String>) -> Result<Workspace> {
        let (settings, theme) = read_config(root, base_url.as_deref())?;
        let mut ws = Workspace {
            root: root.to_path_buf(),
            drafts,
            base_url,
            settings,
            theme,
            entries: BTreeMap::new(),
            found: Vec::new(),
            jobs: HashMap::new(),
            assets: Vec::new(),
            photo_paths: Vec::new(),
            cards: Default::default(),
            pending: false,
            last: None,
            touched: None,
            history: Arc::default(),
        };
        ws.rescan();
        Ok(ws)
    }

    #[cfg(feature = "serve")]
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Reads every record file again.
    fn rescan(&mut self) {
        self.last = None;
        self.touched = None;
        let (files, found) = crate::load::discover(&self.root);
        self.found = found;
        let drafts = self.drafts;
        let read: Vec<(PathBuf, Entry)> = files
            .par_iter()
            .map(|(kind, abs, rel)| {
                let result = crate::load::load_one(*kind, abs, rel, drafts);
                (rel.clone(), Entry { result })
            })
            .collect();
        self.entries = read.into_iter().collect();
    }

    /// Reads one record file again (or forgets it when it is gone).
    fn reread(&mut self, abs: &Path) -> bool {
        let Ok(rel) = abs.strip_prefix(&self.root).map(Path::to_path_buf) else {
            return false;
        };
        let kind = Kind::ALL
            .into_iter()
            .find(|k| rel.starts_with(Path::new("content").join(k.folder())));
        let is_record = abs
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        match kind {
            Some(kind) if is_record => {
                let existed = self
                    .entries
                    .get(&rel)
                    .is_some_and(|e| matches!(e.result, Ok(Some(_))));
                if abs.is_file() {
                    let result = crate::load::load_one(kind, abs, &rel, self.drafts);
                    let exists = matches!(result, Ok(Some(_)));
                    self.entries.insert(rel.clone(), Entry { result });
                    match (&mut self.touched, existed && exists) {
                        (Some(list), true) => list.push(rel),
                        (touched, _) => *touched = None,
                    }
                } else {
                    self.entries.remove(&rel);
                    self.touched = None;
                }
                true
            }
            Some(_) => {
                // A list a decision reads its recipients from: read the decision again.
                let owners: Vec<PathBuf> = self
                    .entries
                    .iter()
                    .filter(
                        |(_, e)| matches!(&e.result, Ok(Some(l)) if l.attachments.contains(&rel)),
                    )
                    .map(|(k, _)| self.root.join(k))
                    .collect();
                if !owners.is_empty() {
                    return owners.iter().all(|o| self.reread(o));
                }
                // Another file with an ending (a photo, a list nobody reads) is no record;
                // anything else may be a folder added, removed or renamed.
                let other_file = abs.extension().is_some() && !abs.is_dir();
                other_file
            }
            // A folder was added, removed or renamed: look again at everything.
            None => false,
        }
    }

    /// Builds every page (the first build, or after a change of configuration or theme).
    pub fn build_all(&mut self) -> Result<Update> {
        self.last = None;
        self.touched = None;
        self.jobs.clear();
        self.assets.clear();
        self.cards.clear();
        self.render(true, false)
    }

    /// Applies changed paths (absolute) and rebuilds what they affect.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        let kinds: Vec<(ChangeKind, &PathBuf)> = changed
            .iter()
            .filter_map(|p| classify(&self.root, p).map(|k| (k, p)))
            .collect();
        if kinds.iter().any(|(k, _)| *k == ChangeKind::Config) {
            let (settings, theme) = read_config(&self.root, self.base_url.as_deref())?;
            self.settings = settings;
            self.theme = theme;
            self.rescan();
            return self.build_all();
        }
        let mut rescan = false;
        for (k, p) in &kinds {
            if *k == ChangeKind::Content && !self.reread(p) {
                rescan = true;
            }
        }
        let statics = kinds.iter().any(|(k, _)| *k == ChangeKind::Static);
        // Links in static/ are checked while discovering the site.
        if rescan || statics {
            self.rescan();
        }
        self.render(statics, true)
    }

    /// Whether a commit (or a checkout) moved the repository's `HEAD` since the history
    /// was read: then [`Workspace::catch_up`] reads it again and renders the pages it
    /// changed. Reads `HEAD` only (under a millisecond); the preview asks every few seconds.
    pub fn history_moved(&self) -> bool {
        self.settings.history && self.history.moved(&self.root)
    }

    /// Whether the search index or data sets still need the last edit.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Brings the search index and data sets up to date after [`Workspace::update`], which
    /// renders the pages first so the browser reloads without waiting for them.
    pub fn catch_up(&mut self) -> Result<Update> {
        self.render(false, false)
    }

    /// The last site with only the touched records resolved again, when that is enough;
    /// otherwise the whole site resolved anew.
    fn next_site(&mut self) -> Result<Site> {
        let touched = self.touched.take();
        let Some(mut site) = self.last.take() else {
            return self.site();
        };
        match touched {
            // Nothing changed since (catching up the search index and data sets).
            Some(t) if t.is_empty() => Ok(site),
            Some(t) if self.patch(&mut site, &t) => Ok(site),
            _ => {
                // Freeing ten thousand records takes a while: let another thread do it.
                std::thread::spawn(move || drop(site));
                self.site()
            }
        }
    }

    /// Resolves the touched records in `site` again and rebuilds its indexes; false when
    /// the whole site must be resolved instead.
    fn patch(&self, site: &mut Site, touched: &[PathBuf]) -> bool {
        let mut loaded: Vec<&Loaded> = Vec::with_capacity(self.entries.len());
        for e in self.entries.values() {
            match &e.result {
                Ok(Some(l)) => loaded.push(l),
                Ok(None) => {}
                Err(_) => return false,
            }
        }
        let mut changed: Vec<&Loaded> = Vec::with_capacity(touched.len());
        for rel in touched {
            match self.entries.get(rel).map(|e| &e.result) {
                Some(Ok(Some(l))) if !l.problems.iter().any(Diagnostic::is_error) => {
                    if !changed.iter().any(|c| c.source.path == l.source.path) {
                        changed.push(l)
                    }
                }
                _ => return false,
            }
        }
        let mut diags = Diagnostics::default();
        if !crate::resolve::patch(
            &site.settings,
            &self.root,
            &loaded,
            &mut site.records,
            &changed,
            &mut diags,
        ) {
            return false;
        }
        let mut warnings = Diagnostics::default();
        warnings.extend(
            std::mem::take(&mut site.warnings)
                .into_iter()
                .filter(|d| !changed.iter().any(|l| l.source.path == d.path))
                // Made again over the whole site by `patch`.
                .filter(|d| d.code != crate::units::SPELLING)
                .filter(|d| d.code != crate::identity::SAME_NAME),
        );
        for l in &changed {
            warnings.extend(l.problems.iter().cloned());
        }
        warnings.extend(diags.items);
        site.indexes = crate::index::Indexes::build(&site.settings, &site.records);
        // Made again over the whole site, like the spellings.
        crate::resolve::same_names(
            &loaded,
            &site.records,
            &site.indexes.identities,
            &mut warnings,
        );
        site.warnings = warnings.sorted();
        true
    }

    fn site(&self) -> Result<Site> {
        let mut diags = Diagnostics::default();
        diags.extend(self.found.iter().cloned());
        let mut loaded: Vec<&Loaded> = Vec::with_capacity(self.entries.len());
        for e in self.entries.values() {
            match &e.result {
                Ok(Some(l)) => {
                    diags.extend(l.problems.iter().cloned());
                    loaded.push(l);
                }
                Ok(None) => {}
                Err(d) => diags.extend(d.iter().cloned()),
            }
        }
        let mut site = Site::assemble(
            &self.root,
            self.settings.clone(),
            self.theme.clone(),
            &loaded,
            diags,
        )?;
        if self.settings.history {
            site.set_history(self.history.clone());
        }
        Ok(site)
    }

    /// Renders the jobs whose fingerprint changed; `assets` also gathers the static files.
    fn render(&mut self, assets: bool, defer_aggregates: bool) -> Result<Update> {
        let started = Instant::now();
        let t = Instant::now();
        // A commit since the last rebuild: the history is read again, and the site resolved
        // anew to carry it. Without one, this only reads `HEAD`.
        if self.settings.history && self.history.moved(&self.root) {
            self.history = Arc::new(History::read(&self.root));
            self.touched = None;
        }
        let t_head = t.elapsed();
        let site = self.next_site()?;
        let t_site = t.elapsed();
        let renderer = Renderer::with_cards(
            &site.theme,
            &site.settings,
            &site.records,
            &site.indexes,
            &self.cards,
        )?
        .with_history(&site.history);
        let t_renderer = t.elapsed();
        let jobs = renderer.tasks();
        let keyed: Vec<(String, u64)> = jobs
            .par_iter()
            .map(|j| (renderer.task_key(j), renderer.fingerprint(j)))
            .collect();
        let t_fp = t.elapsed();
        if std::env::var_os("VINHDANH_TIMINGS").is_some() {
            eprintln!("history head {t_head:?} site {t_site:?} renderer {t_renderer:?} fingerprints {t_fp:?}");
        }
        let mut stale: Vec<usize> = keyed
            .iter()
            .enumerate()
            .filter(|(_, (key, fp))| self.jobs.get(key).is_none_or(|(old, _)| old != fp))
            .map(|(i, _)| i)
            .collect();
        self.pending = false;
        if defer_aggregates {
            // Keep the previous search index and data for now (they stay in `self.jobs`
            // with their old fingerprints, so `catch_up` sees them as stale).
            let before = stale.len();
            stale.retain(|&i| {
                !(renderer.is_aggregate(&jobs[i]) && self.jobs.contains_key(&keyed[i].0))
            });
            self.pending = stale.len() < before;
        }
        let rendered: Vec<Vec<OutputFile>> =
            renderer.render_tasks(&stale.iter().map(|&i| &jobs[i]).collect::<Vec<_>>())?;
        if std::env::var_os("VINHDANH_TIMINGS").is_some() {
            eprintln!("rendered {} jobs at {:?}", stale.len(), t.elapsed());
        }

        let mut update = Update {
            rendered_jobs: stale.len(),
            total_jobs: jobs.len(),
            ..Update::default()
        };
        let mut next: HashMap<String, (u64, Vec<String>)> = HashMap::with_capacity(keyed.len());
        let mut fresh = rendered.into_iter();
        let stale_set: HashSet<usize> = stale.iter().copied().collect();
        for (i, (key, fp)) in keyed.into_iter().enumerate() {
            if stale_set.contains(&i) {
                let files = fresh.next().unwrap_or_default();
                let paths = files.iter().map(|f| f.path.clone()).collect();
                update.written.extend(files);
                next.insert(key, (fp, paths));
            } else if let Some(old) = self.jobs.remove(&key) {
                next.insert(key, old);
            }
        }
        // Pages of jobs that are gone (a deleted record, a list that got shorter).
        let kept: HashSet<&String> = next.values().flat_map(|(_, p)| p).collect();
        for (_, (_, paths)) in self.jobs.drain() {
            update
                .removed
                .extend(paths.into_iter().filter(|p| !kept.contains(p)));
        }
        self.jobs = next;
        let photo_paths = site.photo_paths();
        if assets || self.assets.is_empty() || photo_paths != self.photo_paths {
            self.photo_paths = photo_paths;
            let files = site.assets()?;
            let now: HashSet<&String> = files.iter().map(|f| &f.path).collect();
            update
                .removed
                .extend(self.assets.iter().filter(|p| !now.contains(p)).cloned());
            self.assets = files.iter().map(|f| f.path.clone()).collect();
            update.written.extend(files);
        }
        update.warnings = site.warnings.clone();
        update.elapsed = started.elapsed();
        self.cards = renderer.card_cache();
        drop(renderer);
        self.last = Some(site);
        self.touched = Some(Vec::new());
        Ok(update)
    }
}

fn read_config(root: &Path, base_url: Option<&str>) -> Result<(Settings, Theme)> {
    let mut settings =
        Settings::load(&root.join("site.toml"), Path::new("site.toml")).map_err(Error::Content)?;
    if let Some(url) = base_url {
        settings.base_url = url.trim_end_matches('/').to_string();
    }
    let theme = Theme::load(root, &settings.theme)?;
    Ok((settings, theme))
}

/// The pages of a built site in memory, as the preview serves them.
#[cfg(feature = "serve")]
#[derive(Default)]
pub(crate) struct Pages {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// The errors of the last rebuild, shown over every page until fixed.
    pub errors: Vec<Diagnostic>,
}

#[cfg(feature = "serve")]
impl Pages {
    pub(crate) fn apply(&mut self, update: Update) {
        for path in update.removed {
            self.files.remove(&path);
        }
        for f in update.written {
            // Pages are rendered into generous buffers; kept for serving, they shrink.
            let mut bytes = f.bytes;
            bytes.shrink_to_fit();
            self.files.insert(f.path, Arc::new(bytes));
        }
        self.errors.clear();
    }
}
