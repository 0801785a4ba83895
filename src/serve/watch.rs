//! Watching the site folder: editor saves are debounced (notify-debouncer-full pairs the
//! rename events of atomic saves), temporary and swap files are ignored, and each batch of
//! changes is rebuilt in the live workspace.

use super::{show_error, Signal};
use crate::error::Lang;
use crate::live::{classify, Pages, Workspace};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;

/// The folders whose files make the site.
const SOURCE_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// How long to wait for an editor to finish saving.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// How often, without edits, the preview looks whether the day changed (notices' status)
/// or a commit was made (record pages' revision history).
const IDLE_CHECK: Duration = Duration::from_secs(2);

pub(super) fn spawn(
    mut workspace: Workspace,
    pages: Arc<RwLock<Pages>>,
    events: broadcast::Sender<Signal>,
    lang: Lang,
) -> crate::Result<()> {
    let root = workspace.root().to_path_buf();
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Reading files makes "access" events; only writes, creations, removals and
            // renames change the site.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_) | EventKind::Other))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    })
    .map_err(|e| {
        crate::Error::usage(
            format!("không theo dõi được thư mục: {e}"),
            format!("cannot watch the site: {e}"),
        )
    })?;
    // The site folder itself (not its output), to notice site.toml and new folders…
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| {
            crate::Error::usage(
                format!("không theo dõi được {}: {e}", root.display()),
                format!("cannot watch {}: {e}", root.display()),
            )
        })?;
    // …and each source folder with everything inside it.
    let mut watched = Vec::new();
    for name in SOURCE_DIRS {
        let p = root.join(name);
        if p.is_dir() && debouncer.watch(&p, RecursiveMode::Recursive).is_ok() {
            watched.push(p);
        }
    }
    std::thread::Builder::new()
        .name("vinhdanh-watch".into())
        .spawn(move || {
            // The debouncer lives as long as this thread.
            let mut debouncer = debouncer;
            // Notices' status follows the date: when the day changes (without --today or
            // VINHDANH_TODAY), the pages whose fingerprint changed with it are rendered; so
            // are those whose revision history a new commit changed.
            let mut day = crate::date::Date::today();
            loop {
                let mut paths = match rx.recv_timeout(IDLE_CHECK) {
                    Ok(paths) => paths,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        let today = crate::date::Date::today();
                        if today != day || workspace.history_moved() {
                            day = today;
                            if let Ok(update) = workspace.catch_up() {
                                if let Ok(mut p) = pages.write() {
                                    p.apply(update);
                                }
                                let _ = events.send(Signal::Reload);
                            }
                        }
                        continue;
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                };
                // A source folder created after the start: watch it too.
                for name in SOURCE_DIRS {
                    let p = root.join(name);
                    if p.is_dir() && !watched.contains(&p) && debouncer.watch(&p, RecursiveMode::Recursive).is_ok() {
                        watched.push(p);
                    }
                }
                // Gather everything that arrived meanwhile into one rebuild.
                while let Ok(more) = rx.try_recv() {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                paths.retain(|p| classify(&root, p).is_some());
                if paths.is_empty() {
                    continue;
                }
                match workspace.update(&paths) {
                    Ok(update) => {
                        let (jobs, files, ms) = (update.rendered_jobs, update.written.len(), update.elapsed.as_secs_f64() * 1000.0);
                        if let Ok(mut p) = pages.write() {
                            p.apply(update);
                        }
                        match lang {
                            Lang::Vi => println!("đã cập nhật {files} tệp ({jobs} trang, danh sách) trong {ms:.0} ms"),
                            Lang::En => println!("updated {files} files ({jobs} pages and lists) in {ms:.0} ms"),
                        }
                    }
                    Err(e) => show_error(&pages, &e, &root, lang),
                }
                let _ = events.send(Signal::Reload);
                // The search index and data sets follow, after the browser has reloaded.
                if workspace.pending() {
                    if let Ok(update) = workspace.catch_up() {
                        if let Ok(mut p) = pages.write() {
                            p.apply(update);
                        }
                    }
                }
            }
        })
        .map_err(|e| crate::Error::io(&PathBuf::from("."), e))?;
    Ok(())
}
