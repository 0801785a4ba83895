//! Per-stage timings of the build pipeline on a generated 1,000-record site:
//!
//! ```sh
//! cargo bench --bench stages
//! ```
//!
//! The site is generated once (by the `vinhdanh-gen` crate) into a temporary folder, loaded,
//! resolved and rendered once; each benchmark then times only its own stage from those
//! inputs:
//!
//! * `load`: `load::discover` + `load::load_all` (read, parse front matter, Markdown);
//! * `resolve`: `Site::assemble` (resolve references, build the indexes);
//! * `render`: `Site::render_each`, every page and asset, with a sink that drops each file;
//! * `write`: the rendered files through `output::Staging` (create, write from the rayon
//!   pool as a build does, commit), replacing the previous output as a rebuild does;
//! * `full`: `vinhdanh::build`, all of the above.
//!
//! Everything lives in the system's temporary folder, so `write` and `full` measure that
//! file system and its writeback (see the README's performance section for disk against
//! tmpfs); `TMPDIR=/dev/shm cargo bench --bench stages` measures tmpfs.

use divan::{black_box, Bencher};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vinhdanh::config::Settings;
use vinhdanh::error::Diagnostics;
use vinhdanh::load::Loaded;
use vinhdanh::render::OutputFile;
use vinhdanh::theme::Theme;
use vinhdanh::{BuildOptions, Site};

/// Records in the generated site.
const RECORDS: usize = 1_000;

/// Everything the stages start from, made once.
struct Fixture {
    /// The temporary folder holding the site and the outputs (removed by `main`).
    dir: PathBuf,
    /// The generated site.
    root: PathBuf,
    settings: Settings,
    theme: Theme,
    loaded: Vec<Loaded>,
    site: Site,
    files: Vec<OutputFile>,
}

static FIXTURE: OnceLock<Fixture> = OnceLock::new();

fn fixture() -> &'static Fixture {
    FIXTURE.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("vinhdanh-bench-")
            .tempdir()
            .expect("a temporary folder")
            .keep();
        let root = dir.join("site");
        vinhdanh_gen::generate(RECORDS, &root).expect("the site generator writes the site");
        // Canonical, as `build` makes it.
        let root = root.canonicalize().expect("the generated site exists");
        let settings = Settings::load(&root.join("site.toml"), Path::new("site.toml"))
            .expect("the generated site.toml is valid");
        let theme = Theme::load(&root, &settings.theme).expect("the built-in theme loads");
        let (files, problems) = vinhdanh::load::discover(&root);
        assert!(problems.is_empty(), "{problems:?}");
        let (loaded, problems) = vinhdanh::load::load_all(&files, false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(loaded.len(), RECORDS);
        let site = Site::load(&root, false).expect("the generated site loads");
        let files = site.render().expect("the generated site renders");
        Fixture {
            dir,
            root,
            settings,
            theme,
            loaded,
            site,
            files,
        }
    })
}

fn main() {
    divan::main();
    if let Some(f) = FIXTURE.get() {
        let _ = std::fs::remove_dir_all(&f.dir);
    }
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn load(bencher: Bencher) {
    let f = fixture();
    bencher.bench(|| {
        let (files, found) = vinhdanh::load::discover(&f.root);
        let (loaded, problems) = vinhdanh::load::load_all(&files, false);
        (found, loaded, problems)
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn resolve(bencher: Bencher) {
    let f = fixture();
    let loaded: Vec<&Loaded> = f.loaded.iter().collect();
    bencher
        .with_inputs(|| (f.settings.clone(), f.theme.clone()))
        .bench_values(|(settings, theme)| {
            Site::assemble(&f.root, settings, theme, &loaded, Diagnostics::default())
                .expect("the generated site resolves")
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn render(bencher: Bencher) {
    let f = fixture();
    bencher.bench(|| {
        f.site
            .render_each(&|file| {
                black_box(file);
                Ok(())
            })
            .expect("the generated site renders")
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn write(bencher: Bencher) {
    let f = fixture();
    let out = f.dir.join("out-write");
    bencher.bench(|| {
        let staging = vinhdanh::output::Staging::create(&out, false).expect("a staging folder");
        f.files
            .par_iter()
            .try_for_each(|file| staging.write(file))
            .expect("the files are written");
        staging.commit().expect("the output is swapped in");
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn full(bencher: Bencher) {
    let f = fixture();
    let opts = BuildOptions {
        root: f.root.clone(),
        output: Some(f.dir.join("out-full")),
        drafts: false,
        force: false,
    };
    bencher.bench(|| vinhdanh::build(&opts).expect("the generated site builds"));
}

/// The same allocator as the `vinhdanh` binary, so the stages cost what they cost there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
