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

/// The file vinhdanh leaves in every output folder it creates.
pub const MARKER: &str = ".vinhdanh-output";

/// Checks that `out` is a folder vinhdanh may replace.
pub fn check_output_dir(site_root: &Path, out: &Path, force: bool) -> Result<()> {
    let refuse = |vi: &str, en: &str| {
        Err(Error::usage(
            format!("không tạo trang vào {}: {vi}", out.display()),
            format!("refusing to build into {}: {en}", out.display()),
        ))
    };
    if out.parent().is_none() || out == Path::new("/") {
        return refuse(
            "đó là thư mục gốc của máy",
            "it is the root of the file system",
        );
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if same(out, &home) {
            return refuse("đó là thư mục nhà của bạn", "it is your home folder");
        }
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (canonical(site_root), canonical_target(out));
    if root == target || root.starts_with(&target) {
        return refuse(
            "thư mục này chứa chính trang (site.toml, content/)",
            "it holds the site itself (site.toml, content/)",
        );
    }
    for source in ["content", "static", "templates", "themes"] {
        if target.starts_with(root.join(source)) {
            return refuse(
                &format!("thư mục này nằm trong thư mục {source}/ của trang"),
                &format!("it is inside the site's {source}/ folder"),
            );
        }
    }
    if out.join("site.toml").exists() || out.join("content").is_dir() {
        return refuse("thư mục này có site.toml hoặc content/, giống một trang chứ không phải thư mục kết quả", "it holds site.toml or content/, so it looks like a site, not an output folder");
    }
    if out.is_dir() && !out.join(MARKER).exists() && !force {
        let non_empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        if non_empty {
            return refuse(
                "thư mục có sẵn dữ liệu không do vinhdanh tạo; dùng --force nếu muốn thay thế",
                "it is not empty and was not made by vinhdanh; use --force to replace it",
            );
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse(
            "đó là một tệp, không phải thư mục",
            "it is a file, not a folder",
        );
    }
    Ok(())
}

/// The absolute path `out` will have, resolving the parts that already exist.
fn canonical_target(out: &Path) -> PathBuf {
    if let Ok(c) = out.canonicalize() {
        return c;
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            canonical_target(parent).join(name)
        }
        _ => std::env::current_dir()
            .map(|d| d.join(out))
            .unwrap_or_else(|_| out.to_path_buf()),
    }
}

fn same(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

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
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Folders already made in the staging folder (relative, `/`-separated).
    made: Mutex<HashSet<String, BuildHasherDefault<crate::hash::FastHasher>>>,
    committed: bool,
    /// Files written with new bytes, and files whose bytes were the same as in the current
    /// output (linked, not written).
    written: AtomicUsize,
    kept: AtomicUsize,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging> {
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
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            made: Mutex::new(HashSet::default()),
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
    pub fn counts(&self) -> (usize, usize) {
        (
            self.written.load(Ordering::Relaxed),
            self.kept.load(Ordering::Relaxed),
        )
    }

    /// Marks the folder as vinhdanh's and swaps it into place.
    pub fn commit(mut self) -> Result<()> {
        self.write(&OutputFile {
            path: MARKER.into(),
            bytes: b"This folder is written by vinhdanh; it is replaced on every build.\n".to_vec(),
        })?;
        swap(&self.dir, &self.out, &self.old)?;
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
    pub fn record(f: &std::fs::File, bytes: &[u8]) {
        let Ok(meta) = f.metadata() else { return };
        let fp = of(xxhash_rust::xxh3::xxh3_128(bytes), &meta);
        // SAFETY: the name is NUL-terminated and the value is LEN bytes long.
        unsafe {
            libc::fsetxattr(f.as_raw_fd(), ATTR.as_ptr(), fp.as_ptr().cast(), LEN, 0);
        }
    }

    /// Whether the file holds `bytes`, from its fingerprint; `None` when it has none that
    /// can be trusted (then the bytes must be compared).
    pub fn compare(f: &std::fs::File, meta: &std::fs::Metadata, bytes: &[u8]) -> Option<bool> {
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
    pub fn record(_: &std::fs::File, _: &[u8]) {}
    pub fn compare(_: &std::fs::File, _: &std::fs::Metadata, _: &[u8]) -> Option<bool> {
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
    let staging = Staging::create(out)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit()
}

fn swap(staging: &Path, out: &Path, old: &Path) -> Result<()> {
    if out.exists() {
        // On Linux the two folders trade places in one atomic step, so there is no moment
        // without an output folder, even if the process is killed.
        if exchange(staging, out) {
            // `staging` now holds the previous output.
            return remove_tree(staging).map_err(|e| Error::io(staging, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(old).map_err(|e| Error::io(old, e))?;
        }
        std::fs::rename(out, old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(old, out);
            return Err(Error::io(out, e));
        }
        remove_tree(old).map_err(|e| Error::io(old, e))?;
    } else {
        std::fs::rename(staging, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(())
}

/// Removes a folder the build made (the previous output after the swap), its
/// subfolders in parallel. Links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
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

/// Removes staging folders left by builds that were killed (their process is gone).
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
            .and_then(|rest| rest.parse::<u32>().ok());
        if let Some(pid) = pid {
            if pid != me && !process_alive(pid) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
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
