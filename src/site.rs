//! The driver: `load` (read, parse, resolve, index) and `build` (render, write), the way
//! Zola's `Site` and mdBook's `MDBook` own their stages.

use crate::config::Settings;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::index::Indexes;
use crate::model::{Kind, Records};
use crate::output;
use crate::render::{OutputFile, Renderer};
use crate::theme::Theme;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// A loaded, resolved and indexed site.
pub struct Site {
    pub(crate) root: PathBuf,
    pub(crate) settings: Settings,
    pub(crate) records: Records,
    pub(crate) indexes: Indexes,
    pub(crate) theme: Theme,
    /// Each source file's revision history from git (empty outside a repository).
    pub(crate) history: std::sync::Arc<crate::history::History>,
    /// Warnings found while loading (errors stop the load).
    pub(crate) warnings: Vec<Diagnostic>,
    /// The `photo` of each people record left out as a draft: not published either.
    pub(crate) draft_photos: Vec<String>,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub records: usize,
    pub files: usize,
    pub bytes: u64,
    /// Files written with new bytes; the other `files - written` had the same bytes as the
    /// previous output and were kept (hard-linked), not rewritten.
    pub written: usize,
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
}

impl Site {
    /// Reads the whole site. All content errors are returned together.
    pub fn load(root: &Path, drafts: bool) -> Result<Site> {
        let settings = Settings::load(&root.join("site.toml"), Path::new("site.toml"))
            .map_err(Error::Content)?;
        let theme = Theme::load(root, &settings.theme)?;
        let mut diags = Diagnostics::default();
        if !root.join("content").is_dir() {
            return Err(Error::usage(
                format!("{} không có thư mục content/; hồ sơ đặt trong content/plans, content/movements, content/people, content/awards, content/notices và content/pages", root.display()),
                format!("{} has no content/ folder; records go in content/plans, content/movements, content/people, content/awards, content/notices and content/pages", root.display()),
            ));
        }
        let started = std::time::Instant::now();
        // The git history is read on a thread of its own while the records are loaded,
        // resolved and indexed (not on one of rayon's, which the loading needs).
        let history = settings.history.then(|| {
            let root = root.to_path_buf();
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let h = crate::history::History::read(&root);
                if std::env::var_os("VINHDANH_TIMINGS").is_some() {
                    eprintln!("git history {:?}", started.elapsed());
                }
                h
            })
        });
        let (files, found) = crate::load::discover(root);
        diags.extend(found);
        let discovered = started.elapsed();
        let (loaded, problems) = crate::load::load_all(&files, drafts);
        diags.extend(problems);
        if std::env::var_os("VINHDANH_TIMINGS").is_some() {
            eprintln!(
                "discover {discovered:?}, read and parse {:?}, cpu {:?}",
                started.elapsed() - discovered,
                cpu_time()
            );
        }
        let draft_photos = draft_photos(&files, &loaded);
        let site = Site::assemble(
            root,
            settings,
            theme,
            &loaded.iter().collect::<Vec<_>>(),
            diags,
        )
        .map(|mut s| {
            s.draft_photos = draft_photos;
            s
        });
        // Freeing every loaded file's text and front matter is one thread's work that
        // would hold up rendering; it happens beside it instead.
        drop_in_background(loaded);
        let mut site = site?;
        if let Some(history) = history {
            // A panic in the history reader leaves the pages without a history.
            let history = history.join().unwrap_or_default();
            site.set_history(std::sync::Arc::new(history));
        }
        Ok(site)
    }

    /// Gives the site its revision history (and the warnings met reading it).
    pub(crate) fn set_history(&mut self, history: std::sync::Arc<crate::history::History>) {
        self.warnings.extend(history.warnings().iter().cloned());
        self.history = history;
    }

    /// A site from records held in memory (for tests and fuzzing): `site.toml`'s text and
    /// `(kind, path, bytes)` per record. Nothing is read from disk but `root`'s theme
    /// overrides, when there are any.
    pub fn from_memory(
        root: &Path,
        site_toml: &str,
        files: Vec<(Kind, PathBuf, Vec<u8>)>,
        drafts: bool,
    ) -> Result<Site> {
        let settings =
            Settings::parse(site_toml, Path::new("site.toml")).map_err(Error::Content)?;
        let theme = Theme::load(root, &settings.theme)?;
        let (loaded, problems) = crate::load::gather(
            files
                .into_iter()
                .map(|(kind, rel, bytes)| crate::load::parse_record(kind, &rel, bytes, drafts)),
        );
        let mut diags = Diagnostics::default();
        diags.extend(problems);
        Site::assemble(
            root,
            settings,
            theme,
            &loaded.iter().collect::<Vec<_>>(),
            diags,
        )
    }

    /// Resolves and indexes loaded records into a site.
    pub fn assemble(
        root: &Path,
        settings: Settings,
        theme: Theme,
        loaded: &[&crate::load::Loaded],
        mut diags: Diagnostics,
    ) -> Result<Site> {
        let started = std::time::Instant::now();
        let records = crate::resolve::resolve(&settings, root, loaded, &mut diags);
        let Some(records) = records else {
            return Err(Error::Content(diags.sorted()));
        };
        let resolved = started.elapsed();
        let indexes = Indexes::build(&settings, &records);
        crate::resolve::same_names(loaded, &records, &indexes.identities, &mut diags);
        if std::env::var_os("VINHDANH_TIMINGS").is_some() {
            eprintln!(
                "resolve {resolved:?}, index {:?}, cpu {:?}",
                started.elapsed() - resolved,
                cpu_time()
            );
        }
        Ok(Site {
            root: root.to_path_buf(),
            settings,
            records,
            indexes,
            theme,
            history: Default::default(),
            warnings: diags.sorted(),
            draft_photos: Vec::new(),
        })
    }

    pub(crate) fn record_count(&self) -> usize {
        self.records.total()
    }

    /// Renders every page and gathers every asset, handing each file to `sink` as soon as
    /// it is ready (from several threads).
    pub fn render_each(&self, sink: &(dyn Fn(OutputFile) -> Result<()> + Sync)) -> Result<()> {
        let renderer = Renderer::new(&self.theme, &self.settings, &self.records, &self.indexes)?
            .with_history(&self.history);
        renderer.render_each(sink)?;
        for f in self.assets()? {
            sink(f)?;
        }
        Ok(())
    }

    /// The theme's static files, the highlight stylesheet when needed and the site's own
    /// `static/` folder.
    pub fn assets(&self) -> Result<Vec<OutputFile>> {
        let mut out: Vec<OutputFile> = self
            .theme
            .statics()
            .map(|(path, bytes)| OutputFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            })
            .collect();
        if self.records_have_code() {
            out.push(OutputFile {
                path: "assets/highlight.css".into(),
                bytes: crate::markdown::highlight_css().into_bytes(),
            });
        }
        out.extend(self.static_files()?);
        out.extend(self.photo_files()?);
        Ok(out)
    }

    /// The people whose photo is published: person's file, slug, photo.
    fn photos(&self) -> Vec<(&Path, &str, &crate::photo::Photo)> {
        self.records
            .people
            .iter()
            .filter(|p| p.consent)
            .filter_map(|p| {
                Some((
                    p.meta.path.as_path(),
                    p.meta.slug.as_str(),
                    p.photo.as_ref()?,
                ))
            })
            .collect()
    }

    /// The site paths of every published copy of a photo (the preview gathers the assets
    /// again when they change).
    pub(crate) fn photo_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .photos()
            .into_iter()
            .flat_map(|(_, slug, photo)| photo.variants(slug))
            .flat_map(|v| [v.jpeg, v.webp])
            .collect();
        paths.sort();
        paths
    }

    /// The resized, metadata-free copies of the people's photos (`photo.rs`).
    fn photo_files(&self) -> Result<Vec<OutputFile>> {
        let photos = self.photos();
        if photos.is_empty() {
            return Ok(Vec::new());
        }
        let started = std::time::Instant::now();
        let (files, counts) = crate::photo::render(&self.root, &photos)?;
        if std::env::var_os("VINHDANH_TIMINGS").is_some() {
            eprintln!(
                "photos: {} resized, {} from the cache, {:?}",
                counts.resized,
                counts.cached,
                started.elapsed()
            );
        }
        Ok(files)
    }

    /// Renders the whole site into memory, sorted by path.
    pub fn render(&self) -> Result<Vec<OutputFile>> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_each(&|f| {
            files
                .lock()
                .expect("no panic while holding the lock")
                .push(f);
            Ok(())
        })?;
        let mut files = files.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn records_have_code(&self) -> bool {
        self.records.metas().any(|m| m.has_code)
    }

    /// The site's own `static/` folder, copied as is, but for the people's photos (published
    /// resized, see [`Site::photo_files`]) unless `[photos] keep_original`. Symbolic links
    /// are not followed.
    fn static_files(&self) -> Result<Vec<OutputFile>> {
        let dir = self.root.join("static");
        let mut out = Vec::new();
        if !dir.is_dir() {
            return Ok(out);
        }
        let photos: std::collections::HashSet<&str> = if self.settings.photos.keep_original {
            Default::default()
        } else {
            self.records
                .people
                .iter()
                .filter_map(|p| p.photo.as_ref())
                .map(|p| p.src.trim_start_matches('/'))
                .chain(self.draft_photos.iter().map(|p| p.trim_start_matches('/')))
                .collect()
        };
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Error::usage(
                    format!("không đọc được {}: {e}", dir.display()),
                    format!("cannot read {}: {e}", dir.display()),
                )
            })?;
            // Links were checked to stay inside the site when it was loaded.
            let is_file = entry.file_type().is_file()
                || (entry.file_type().is_symlink() && entry.path().is_file());
            if !is_file || crate::load::is_ignored(entry.path()) {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            if photos.contains(rel.to_string_lossy().replace('\\', "/").as_str()) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            out.push(OutputFile {
                path: rel.to_string_lossy().replace('\\', "/"),
                bytes,
            });
        }
        Ok(out)
    }
}

/// The photos of the people records that were not loaded (drafts, scheduled records), read
/// from their text: their originals must not be published as static files either.
fn draft_photos(files: &[(Kind, PathBuf, PathBuf)], loaded: &[crate::load::Loaded]) -> Vec<String> {
    let read: std::collections::HashSet<&Path> =
        loaded.iter().map(|l| l.source.path.as_path()).collect();
    let key = regex::Regex::new(r#"(?m)^[ \t]*photo[ \t]*[=:][ \t]*["']?([^"'\r\n]+)"#)
        .expect("a valid pattern");
    files
        .iter()
        .filter(|(kind, _, rel)| *kind == Kind::Person && !read.contains(rel.as_path()))
        .filter_map(|(_, abs, _)| std::fs::read_to_string(abs).ok())
        .filter_map(|text| Some(key.captures(&text)?[1].trim().to_string()))
        .collect()
}

/// The interface language a site asks for, read leniently (messages about a broken
/// `site.toml` still need a language).
pub fn language_of(root: &Path) -> crate::error::Lang {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let lang = toml::from_str::<toml::Table>(&text)
        .ok()
        .and_then(|t| {
            t.get("language")
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    crate::error::Lang::from_code(&lang)
}

/// `vinhdanh check`: everything `build` checks (content and templates), nothing written.
/// Returns the warnings.
pub fn check(root: &Path, drafts: bool) -> Result<Vec<Diagnostic>> {
    let site = Site::load(root, drafts)?;
    Renderer::new(&site.theme, &site.settings, &site.records, &site.indexes)?;
    Ok(site.warnings)
}

/// CPU time this process has used so far (user + system, all threads), for
/// `VINHDANH_TIMINGS`: beside the wall time it shows how busy the cores were.
pub(crate) fn cpu_time() -> std::time::Duration {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } == 0 {
            let t = |tv: libc::timeval| {
                std::time::Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000)
            };
            return t(ru.ru_utime) + t(ru.ru_stime);
        }
    }
    std::time::Duration::ZERO
}

/// Resident memory now, for `VINHDANH_TIMINGS` (0 where `/proc` is missing).
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1 << 20))
}

/// Options of `vinhdanh build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub force: bool,
}

/// Loads, renders and writes the site.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| Error::io(&opts.root, e))?;
    let output = match &opts.output {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => std::env::current_dir()
            .map_err(|e| Error::io(Path::new("."), e))?
            .join(o),
        None => root.join("public"),
    };
    // From here on the build works with the folder it will really write, links followed.
    let output = output::check_output_dir(&root, &output, opts.force)?;
    let timings = std::env::var_os("VINHDANH_TIMINGS").is_some();
    let started = std::time::Instant::now();
    if timings {
        eprintln!("start, cpu {:?}", cpu_time());
    }
    let mut site = Site::load(&root, opts.drafts)?;
    if timings {
        eprintln!(
            "load+resolve+index {:?}, resident {} MiB, cpu {:?}",
            started.elapsed(),
            resident_mib(),
            cpu_time()
        );
    }
    let staging = output::Staging::create(&output, opts.force)?;
    let files = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    site.render_each(&|f| {
        staging.write(&f)?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    })?;
    if timings {
        eprintln!(
            "render+write {:?}, resident {} MiB, cpu {:?}",
            started.elapsed(),
            resident_mib(),
            cpu_time()
        );
    }
    let (written, _kept) = staging.counts();
    staging.commit()?;
    if timings {
        eprintln!("commit {:?}, cpu {:?}", started.elapsed(), cpu_time());
    }
    let records = site.record_count();
    let warnings = std::mem::take(&mut site.warnings);
    // The model is freed on another thread: a command-line build exits without waiting
    // for it, a long-running caller gets its memory back all the same.
    drop_in_background(site);
    Ok(BuildReport {
        records,
        files: files.into_inner(),
        bytes: bytes.into_inner(),
        written,
        warnings,
        output,
    })
}

/// Drops a large value on a thread of its own. If no thread can be started, the value is
/// dropped here, with the closure that held it.
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("vinhdanh-free".into())
        .spawn(move || drop(value));
}
