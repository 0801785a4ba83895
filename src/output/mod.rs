//! Write stage: render into a fresh staging folder next to the output, then swap it into
//! place. A failed build leaves the previous output whole; nothing outside the output
//! folder (and its staging siblings) is ever written or deleted.

use crate::error::{Error, Result};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

mod guard;
pub(crate) use guard::check_output_dir;

/// The file vinhdanh leaves in every output folder it creates. It lists every file the
/// build wrote, so that the next build knows which files are its own: a file that is not
/// listed (put there by hand or by another program) is never deleted without `--force`.
pub(crate) const MARKER: &str = ".vinhdanh-output";

/// The first line of [`MARKER`]; the files follow, one JSON string a line.
const MARKER_HEAD: &str =
    "This folder is written by vinhdanh; it is replaced on every build. Its files:";
/// What a staging folder's [`MARKER`] says while it is being written.
const MARKER_STAGING: &str = "vinhdanh staging folder, being written\n";

/// A relative output path that stays inside the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || path.contains('\\') {
        return None;
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            _ => return None,
        }
    }
    Some(out)
}

/// A staging folder beside the output. Pages are written into it as they are rendered
/// (from many threads); [`Staging::commit`] swaps it into place. Dropped without commit, it
/// removes itself and the previous output stays whole.
pub struct Staging {
    /// The real output folder (see [`check_output_dir`]).
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Replace files in the output that vinhdanh did not write.
    force: bool,
    /// The files of the current output, read on a thread of its own while the pages are
    /// rendered (`None` when there is no current output).
    previous: Option<std::thread::JoinHandle<std::io::Result<Tree>>>,
    /// Folders already made in the staging folder (relative, `/`-separated).
    made: Mutex<HashSet<String, BuildHasherDefault<crate::hash::FastHasher>>>,
    /// Files written so far (relative, `/`-separated): two pages at one address are an
    /// error, and the list goes into [`MARKER`].
    files: Mutex<HashSet<String, BuildHasherDefault<crate::hash::FastHasher>>>,
    committed: bool,
    /// Files written with new bytes, and files whose bytes were the same as in the current
    /// output (linked, not written).
    written: AtomicUsize,
    kept: AtomicUsize,
}

impl Staging {
    /// Starts a build into `out`, the real path [`check_output_dir`] returned.
    pub fn create(out: &Path, force: bool) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_stale(&parent, &name);
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.tmp-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        if std::fs::symlink_metadata(&dir).is_ok() {
            // Left by an earlier process with this number: removed only if it is ours.
            if !is_own_staging(&dir) {
                return Err(not_ours(&dir));
            }
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        // Marked at once, so that a build killed while writing leaves a folder the next
        // build can prove is ours before removing it.
        std::fs::write(dir.join(MARKER), MARKER_STAGING).map_err(|e| Error::io(&dir, e))?;
        // The build only reads the current output (and links its unchanged files), so what
        // it holds can be listed now, off the critical path, for the check before the swap.
        let previous = std::fs::symlink_metadata(out).is_ok().then(|| {
            let out = out.to_path_buf();
            std::thread::spawn(move || list_tree(&out))
        });
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            force,
            previous,
            made: Mutex::new(HashSet::default()),
            files: Mutex::new(HashSet::default()),
            committed: false,
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
        })
    }

    /// Writes one file; its path must stay inside the output folder.
    pub fn write(&self, file: &OutputFile) -> Result<()> {
        let rel = safe_relative(&file.path).ok_or_else(|| {
            Error::usage(
                format!("không ghi ra ngoài thư mục kết quả: {}", file.path),
                format!("refusing to write outside the output folder: {}", file.path),
            )
        })?;
        let fresh = self
            .files
            .lock()
            .map(|mut f| f.insert(file.path.clone()))
            .unwrap_or(true);
        if !fresh {
            return Err(Error::usage(
                format!("hai trang cùng ghi vào {}: trang sau sẽ xóa mất trang trước; hãy đổi slug hoặc [paths] trong site.toml cho khác nhau", file.path),
                format!("two pages are both written to {}: one would be lost; make their slugs or [paths] in site.toml differ", file.path),
            ));
        }
        let full = self.dir.join(&rel);
        // `rel` is checked: its folder is the text before the last `/`.
        if let Some((parent, _)) = file.path.rsplit_once('/') {
            let known = self
                .made
                .lock()
                .map(|m| m.contains(parent))
                .unwrap_or(false);
            if !known {
                let p = self.dir.join(parent);
                std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(parent.to_string());
                }
            }
        }
        // A file whose bytes are those of the current output becomes a hard link to it: its
        // data is not written again, and it keeps its inode and modification time, so
        // syncing the output to a server moves only what changed.
        let current = self.out.join(&rel);
        if self.same_as_current(&current, &file.bytes)
            && std::fs::hard_link(&current, &full).is_ok()
        {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        write_new(&full, &file.bytes).map_err(|e| Error::io(&full, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Whether the current output holds exactly these bytes at `path` (a regular file, not
    /// a link that could point elsewhere).
    fn same_as_current(&self, path: &Path, bytes: &[u8]) -> bool {
        use std::io::Read;
        let Some(mut f) = open_regular_file(path) else {
            return false;
        };
        let meta = match f.metadata() {
            Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => meta,
            _ => return false,
        };
        // A file this program wrote carries the fingerprint of its bytes: when its size and
        // modification time are still those it was written with, comparing the hash of the
        // new bytes replaces reading the old ones.
        if let Some(same) = fingerprint::compare(&f, &meta, bytes) {
            return same;
        }
        // Compared a block at a time, so large data files need no second copy in memory,
        // through a buffer kept per thread and filled without zeroing it first.
        const BLOCK: u64 = 256 * 1024;
        thread_local! {
            static BLOCK_BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let same = BLOCK_BUF.with_borrow_mut(|block| {
            let mut rest = bytes;
            loop {
                block.clear();
                match (&mut f).take(BLOCK).read_to_end(block) {
                    Ok(0) => return rest.is_empty(),
                    Ok(n) if n <= rest.len() && block[..] == rest[..n] => rest = &rest[n..],
                    Ok(_) | Err(_) => return false,
                }
            }
        });
        if same {
            // Kept as it is from now on: give it the fingerprint it lacked (an output of an
            // older version, or a file touched since) so the next build need not read it.
            fingerprint::record(&f, bytes);
        }
        same
    }

    /// How many files were written with new bytes, and how many kept from the current
    /// output because their bytes did not change.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (
            self.written.load(Ordering::Relaxed),
            self.kept.load(Ordering::Relaxed),
        )
    }

    /// Lists the files in [`MARKER`], checks that the current output holds no file
    /// vinhdanh did not write (unless `--force`), and swaps the staging folder into place.
    pub fn commit(mut self) -> Result<()> {
        let mut files: Vec<String> = self
            .files
            .get_mut()
            .map(|f| f.drain().collect())
            .unwrap_or_default();
        files.sort_unstable();
        let mut marker = String::with_capacity(files.len() * 48 + 128);
        marker.push_str(MARKER_HEAD);
        marker.push('\n');
        for f in &files {
            marker.push_str(&serde_json::to_string(f).unwrap_or_default());
            marker.push('\n');
        }
        let marker_path = self.dir.join(MARKER);
        // The staging marker is a file of its own (never a link to the current output).
        std::fs::remove_file(&marker_path).map_err(|e| Error::io(&marker_path, e))?;
        self.write(&OutputFile {
            path: MARKER.into(),
            bytes: marker.into_bytes(),
        })?;
        let previous = match self.previous.take() {
            Some(listing) => {
                let tree = listing
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("listing failed")))
                    .map_err(|e| Error::io(&self.out, e))?;
                Some(check_previous(&self.out, tree, self.force)?)
            }
            None => None,
        };
        swap(&self.dir, &self.out, &self.old, previous.as_ref())?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Creates `path` with `bytes` and records their fingerprint on it.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    fingerprint::record(&f, bytes);
    Ok(())
}

/// The fingerprint of an output file, kept in an extended attribute of the file (Linux):
/// the xxh3-128 hash of its bytes, with its size and modification time when it was
/// written. A rebuild trusts it only while the file still has that size and time (an
/// edit changes the time), and reads the file otherwise, or where the file system keeps
/// no extended attributes. Files kept from one build to the next are hard links: the
/// attribute stays with them.
#[cfg(target_os = "linux")]
mod fingerprint {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::io::AsRawFd;

    const ATTR: &std::ffi::CStr = c"user.vinhdanh.fingerprint";
    const LEN: usize = 32;

    fn of(bytes_hash: u128, meta: &std::fs::Metadata) -> [u8; LEN] {
        let mut fp = [0u8; LEN];
        fp[..16].copy_from_slice(&bytes_hash.to_le_bytes());
        fp[16..24].copy_from_slice(&meta.size().to_le_bytes());
        let mtime = (meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128) as i64;
        fp[24..].copy_from_slice(&mtime.to_le_bytes());
        fp
    }

    /// Records the fingerprint of a file just written (silently skipped where the file
    /// system refuses extended attributes: the next build then compares bytes).
    pub(super) fn record(f: &std::fs::File, bytes: &[u8]) {
        let Ok(meta) = f.metadata() else { return };
        let fp = of(xxhash_rust::xxh3::xxh3_128(bytes), &meta);
        // SAFETY: the name is NUL-terminated and the value is LEN bytes long.
        unsafe {
            libc::fsetxattr(f.as_raw_fd(), ATTR.as_ptr(), fp.as_ptr().cast(), LEN, 0);
        }
    }

    /// Whether the file holds `bytes`, from its fingerprint; `None` when it has none that
    /// can be trusted (then the bytes must be compared).
    pub(super) fn compare(
        f: &std::fs::File,
        meta: &std::fs::Metadata,
        bytes: &[u8],
    ) -> Option<bool> {
        let mut stored = [0u8; LEN];
        // SAFETY: the buffer is LEN bytes long and the name NUL-terminated.
        let n = unsafe {
            libc::fgetxattr(
                f.as_raw_fd(),
                ATTR.as_ptr(),
                stored.as_mut_ptr().cast(),
                LEN,
            )
        };
        if n != LEN as isize {
            return None;
        }
        let expected = of(0, meta);
        if stored[16..] != expected[16..] {
            return None; // changed since it was written: compare the bytes
        }
        Some(stored[..16] == xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes())
    }
}

#[cfg(not(target_os = "linux"))]
mod fingerprint {
    pub(crate) fn record(_: &std::fs::File, _: &[u8]) {}
    pub(crate) fn compare(_: &std::fs::File, _: &std::fs::Metadata, _: &[u8]) -> Option<bool> {
        None
    }
}

/// Opens a file for reading without following a symbolic link at its own name and without
/// waiting on a FIFO (one lookup of the path; the caller checks the open file's type and
/// size).
#[cfg(target_os = "linux")]
fn open_regular_file(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()
}

/// Opens a file for reading unless it is a symbolic link.
#[cfg(not(target_os = "linux"))]
fn open_regular_file(path: &Path) -> Option<std::fs::File> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    std::fs::File::open(path).ok()
}

/// Writes `files` as the new content of `out`, atomically with respect to failure.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::create(out, false)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit()
}

/// The files and folders of the current output, relative to it, read before the swap:
/// after it they are removed by this list, so nothing that appeared in the meantime is.
struct Tree {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

/// Checks that vinhdanh wrote every file of the current output `tree` (it is listed in the
/// output's [`MARKER`]); a file it did not write is an error unless `force`.
fn check_previous(out: &Path, tree: Tree, force: bool) -> Result<Tree> {
    if force {
        return Ok(tree);
    }
    let marker = std::fs::read_to_string(out.join(MARKER)).ok();
    let own: Option<HashSet<String>> = match &marker {
        // Written by an older vinhdanh that kept no list: every file counts as its own.
        Some(m) if !m.starts_with(MARKER_HEAD) => return Ok(tree),
        Some(m) => Some(
            m.lines()
                .skip(1)
                .filter_map(|l| serde_json::from_str::<String>(l).ok())
                .collect(),
        ),
        None => None,
    };
    let foreign: Vec<&PathBuf> = tree
        .files
        .iter()
        .filter(|f| {
            let name = f
                .to_str()
                .map(|s| s.replace(std::path::MAIN_SEPARATOR, "/"));
            match (&own, name) {
                (Some(own), Some(name)) => !own.contains(&name) && name != MARKER,
                _ => true,
            }
        })
        .collect();
    if foreign.is_empty() {
        return Ok(tree);
    }
    let mut sample: Vec<String> = foreign
        .iter()
        .take(10)
        .map(|f| f.display().to_string())
        .collect();
    sample.sort();
    let more = foreign.len().saturating_sub(sample.len());
    let list = sample.join(", ")
        + &if more > 0 {
            format!(", …(+{more})")
        } else {
            String::new()
        };
    Err(Error::usage(
        format!(
            "thư mục kết quả {} có {} tệp không do vinhdanh ghi ({list}); vinhdanh không xóa tệp của người khác. Hãy chuyển các tệp cần giữ vào static/ của trang (chúng sẽ được chép ra mỗi lần xây dựng), hoặc dùng --force để thay cả thư mục",
            out.display(),
            foreign.len()
        ),
        format!(
            "the output folder {} holds {} file(s) vinhdanh did not write ({list}); it does not delete others' files. Move the ones to keep into the site's static/ folder (copied on every build), or use --force to replace the whole folder",
            out.display(),
            foreign.len()
        ),
    ))
}

/// Every file (anything that is not a folder: links are not followed) and folder under
/// `root`, relative to it; folders come before what they hold. Subfolders are read in
/// parallel.
fn list_tree(root: &Path) -> std::io::Result<Tree> {
    fn walk(root: &Path, rel: &Path) -> std::io::Result<Tree> {
        let entries = std::fs::read_dir(root.join(rel))?.collect::<std::io::Result<Vec<_>>>()?;
        let parts = entries
            .par_iter()
            .map(|e| {
                let path = rel.join(e.file_name());
                if e.file_type()?.is_dir() {
                    let mut sub = walk(root, &path)?;
                    sub.dirs.insert(0, path);
                    Ok(sub)
                } else {
                    Ok(Tree {
                        files: vec![path],
                        dirs: Vec::new(),
                    })
                }
            })
            .collect::<std::io::Result<Vec<Tree>>>()?;
        let mut tree = Tree {
            files: Vec::new(),
            dirs: Vec::new(),
        };
        for p in parts {
            tree.files.extend(p.files);
            tree.dirs.extend(p.dirs);
        }
        Ok(tree)
    }
    walk(root, Path::new(""))
}

/// Removes what `tree` lists under `base` (the previous output, moved aside), then `base`.
/// Something that was not there when the tree was read stays, with its folders.
fn remove_listed(base: &Path, tree: &Tree) -> std::io::Result<()> {
    tree.files
        .par_iter()
        .try_for_each(|f| match std::fs::remove_file(base.join(f)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
    for d in tree.dirs.iter().rev() {
        let _ = std::fs::remove_dir(base.join(d));
    }
    let _ = std::fs::remove_dir(base);
    Ok(())
}

fn swap(staging: &Path, out: &Path, old: &Path, previous: Option<&Tree>) -> Result<()> {
    let Some(previous) = previous else {
        return std::fs::rename(staging, out).map_err(|e| Error::io(out, e));
    };
    // On Linux the two folders trade places in one atomic step, so there is no moment
    // without an output folder, even if the process is killed.
    if exchange(staging, out) {
        // `staging` now holds the previous output.
        return remove_listed(staging, previous).map_err(|e| Error::io(staging, e));
    }
    if std::fs::symlink_metadata(old).is_ok() {
        if !is_own_staging(old) {
            return Err(not_ours(old));
        }
        std::fs::remove_dir_all(old).map_err(|e| Error::io(old, e))?;
    }
    std::fs::rename(out, old).map_err(|e| Error::io(out, e))?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(old, out);
        return Err(Error::io(out, e));
    }
    remove_listed(old, previous).map_err(|e| Error::io(old, e))
}

/// Atomically exchanges two paths (`renameat2` with `RENAME_EXCHANGE`); false when the
/// system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes staging folders left by builds that were killed: only those provably ours,
/// by name (`.<output>.tmp-<pid>` or `.<output>.old-<pid>` of a process that is gone) and
/// by content ([`is_own_staging`]).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let pid = [format!(".{name}.tmp-"), format!(".{name}.old-")]
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|rest| rest.parse::<u32>().ok());
        if let Some(pid) = pid {
            if pid != me && !process_alive(pid) && is_own_staging(&e.path()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// The error for a folder with a staging folder's name that [`is_own_staging`] cannot prove
/// is ours: it is left alone.
fn not_ours(dir: &Path) -> Error {
    Error::usage(
        format!(
            "{} đã có và không phải thư mục tạm của vinhdanh; hãy xem rồi xóa nó",
            dir.display()
        ),
        format!(
            "{} exists and is not a vinhdanh staging folder; look at it and remove it",
            dir.display()
        ),
    )
}

/// Whether `dir` is a folder vinhdanh made: a real folder (not a link) holding its
/// [`MARKER`] as a plain file, and nothing of a site (`site.toml`, `content/`).
fn is_own_staging(dir: &Path) -> bool {
    let is_dir = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let marked = std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file());
    let site_like = ["site.toml", "content"]
        .iter()
        .any(|n| std::fs::symlink_metadata(dir.join(n)).is_ok());
    is_dir && marked && !site_like
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    // Without a cheap check, leave other builds' folders alone.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_and_replaces() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(
            &out,
            &[file("index.html", "one"), file("a/b/index.html", "two")],
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "two"
        );
        write_site(&out, &[file("index.html", "three")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "three"
        );
        assert!(!out.join("a").exists(), "stale files are gone");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left behind");
    }

    #[test]
    fn failed_write_keeps_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "good")]).unwrap();
        let err = write_site(&out, &[file("ok.html", "x"), file("../escape.html", "bad")]);
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "good"
        );
        assert!(!tmp.path().join("escape.html").exists());
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(site.join("site.toml"), "").unwrap();
        assert!(check_output_dir(&site, &site, false).is_err());
        assert!(check_output_dir(&site, tmp.path(), false).is_err());
        assert!(check_output_dir(&site, Path::new("/"), false).is_err());
        let other = tmp.path().join("docs");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("precious.txt"), "keep").unwrap();
        assert!(check_output_dir(&site, &other, false).is_err());
        assert!(check_output_dir(&site, &other, true).is_ok());
        assert!(check_output_dir(&site, &site.join("public"), false).is_ok());
        assert!(check_output_dir(&site, &site.join("content"), true).is_err());
        assert!(check_output_dir(&site, &site.join("content/people/out"), true).is_err());
        assert!(check_output_dir(&site, &site.join("static/x"), true).is_err());
    }
}
