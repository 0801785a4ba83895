//! Measures the preview's incremental rebuild: opens a site in a live workspace, builds it,
//! then edits one record at a time and times the rebuild of what it affects.
//!
//!     cargo run --release -p vinhdanh-gen -- 10000 /tmp/site-10k
//!     cargo run --release --example incremental -- /tmp/site-10k [EDITS]
//!
//! Each edit appends a sentence to a different award decision (the kind that appears on
//! the most pages), then restores it. Prints each time, the median and the pages rendered.

use std::path::PathBuf;
use std::time::Instant;
use vinhdanh::live::Workspace;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: incremental SITE_DIR [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let started = Instant::now();
    let mut ws = Workspace::open(&root, false, Some("http://127.0.0.1:1111".into()))
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let first = ws.build_all().expect("the site builds");
    println!(
        "full build: {} jobs, {} files in {:.0} ms",
        first.total_jobs,
        first.written.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut awards: Vec<PathBuf> = std::fs::read_dir(root.join("content/awards"))
        .expect("content/awards")
        .map(|e| e.unwrap().path())
        .collect();
    awards.sort();
    let step = (awards.len() / edits.max(1)).max(1);
    let mut times = Vec::new();
    let mut catch_up = Vec::new();
    for (n, path) in awards.iter().step_by(step).take(edits).enumerate() {
        let original = std::fs::read_to_string(path).unwrap();
        std::fs::write(path, format!("{original}\nĐã sửa lần {n}.\n")).unwrap();
        let t = Instant::now();
        let update = ws.update(std::slice::from_ref(path)).expect("rebuilds");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "edit {:>2}: {:6.1} ms, {} of {} jobs rendered, {} files written ({})",
            n + 1,
            ms,
            update.rendered_jobs,
            update.total_jobs,
            update.written.len(),
            path.file_name().unwrap().to_string_lossy()
        );
        times.push(ms);
        let t = Instant::now();
        let later = ws.catch_up().expect("catches up");
        catch_up.push(t.elapsed().as_secs_f64() * 1000.0);
        let _ = later;
        std::fs::write(path, original).unwrap();
        ws.update(std::slice::from_ref(path)).expect("rebuilds");
        ws.catch_up().expect("catches up");
    }
    times.sort_by(f64::total_cmp);
    catch_up.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!(
            "median of {}: {:.1} ms",
            times.len(),
            times[times.len() / 2]
        );
        println!(
            "then the search index and data sets (after the reload): median {:.1} ms",
            catch_up[catch_up.len() / 2]
        );
    }
}

/// The same allocator as the `vinhdanh` binary, so the figures are the server's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
