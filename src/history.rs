//! Load stage, beside [`load`](crate::load): the revision history of each source file,
//! read from the git repository the site folder is in, with gix (pure Rust: no `git`
//! executable is needed). A record's page shows when it was last changed and the commits
//! that changed it, so a correction made by editing a published record stays visible.
//!
//! How it is read, once per build:
//!
//! - every commit reachable from `HEAD` is visited once (a shallow clone's history ends at
//!   its boundary);
//! - only the site folder's tree is compared with each parent's: a commit that left the
//!   site folder alone costs one tree lookup, and within the folder only subtrees whose ids
//!   differ are descended into ([`gix::diff::tree`]), so the cost follows what commits
//!   changed, not the number of files times the number of commits;
//! - a merge is counted for a file only when the file differs from every parent (a conflict
//!   resolved in the merge); the commits merged in are visited themselves;
//! - renames are not followed: a renamed file's history starts at the rename.
//!
//! Dates and messages come from the commits (the author's date, in the author's time
//! zone), so the pages stay the same for the same repository state. A commit message that
//! holds personal data (a phone number, an ID number…) is not published: the entry shows
//! only its date, and the build warns once per commit.
//!
//! The preview keeps the history it read and looks it up for each edited file; it reads the
//! repository again only when `HEAD` has moved (a new commit), see [`History::moved`].

use crate::date::Date;
use crate::error::{msg, Diagnostic};
use gix::bstr::ByteSlice;
use gix::ObjectId;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One commit that changed the site folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Revision {
    /// The author's date, in the author's time zone.
    pub date: Date,
    /// Seconds since 1970 (for ordering).
    pub seconds: i64,
    /// The first line of the message; `None` when it was withheld (personal data).
    pub summary: Option<Arc<str>>,
    /// The commit, as 40 hexadecimal digits (for ordering ties).
    pub id: Arc<str>,
    /// A fingerprint of all of the above, for the pages' fingerprints (hashing eight bytes
    /// per revision shown, not the message).
    pub fingerprint: u64,
}

/// Where the history was read from, to tell when to read it again.
#[derive(Debug, Clone)]
struct Origin {
    /// The commit `HEAD` named (none on a branch without commits).
    head: Option<ObjectId>,
}

/// The revision history of every file in the site folder (empty without a repository).
#[derive(Debug, Default)]
pub(crate) struct History {
    revisions: Vec<Revision>,
    /// Site-relative path (`/`-separated) → indexes into `revisions`, newest first.
    files: HashMap<String, Vec<u32>>,
    origin: Option<Origin>,
    /// Problems met while reading (a damaged repository, withheld messages).
    warnings: Vec<Diagnostic>,
}

impl History {
    /// No history (a site outside any repository, a site in memory, `history = false`).
    pub(crate) fn none() -> History {
        History::default()
    }

    /// The history of the site folder `root`, or none when it is in no git repository
    /// (or in a bare one). A repository that cannot be read gives a warning and no history:
    /// the site builds without it.
    pub(crate) fn read(root: &Path) -> History {
        let Some((repo, prefix)) = open(root) else {
            return History::none();
        };
        let head = match repo.head_id() {
            Ok(id) => Some(id.detach()),
            // An unborn branch (a repository without commits yet): nothing to show.
            Err(_) => None,
        };
        let mut history = History {
            origin: Some(Origin { head }),
            ..History::default()
        };
        if let Some(head) = head {
            if let Err(e) = history.walk(&repo, &prefix, head) {
                history.files.clear();
                history.revisions.clear();
                history.warnings.push(unreadable(root, &e));
            }
        }
        history
    }

    /// Whether the repository's `HEAD` has moved since the history was read (a commit was
    /// made, a branch checked out, a repository created): then it must be read again.
    /// Reading `HEAD` is the only cost.
    pub(crate) fn moved(&self, root: &Path) -> bool {
        let now = open(root).map(|(repo, _)| repo.head_id().ok().map(|id| id.detach()));
        let before = self.origin.as_ref().map(|o| o.head);
        now != before
    }

    /// The revisions of a site-relative file, newest first (none when it was never
    /// committed).
    #[cfg(test)]
    pub(crate) fn of(&self, path: &Path) -> impl ExactSizeIterator<Item = &Revision> + '_ {
        self.indexes(path)
            .iter()
            .map(|&i| &self.revisions[i as usize])
    }

    /// The numbers of a file's revisions ([`History::revision`]), newest first.
    pub(crate) fn indexes(&self, path: &Path) -> &[u32] {
        let key = path.to_string_lossy();
        let key = if key.contains('\\') {
            std::borrow::Cow::Owned(key.replace('\\', "/"))
        } else {
            key
        };
        self.files.get(key.as_ref()).map_or(&[], Vec::as_slice)
    }

    /// Revision number `i` (from [`History::indexes`]).
    pub(crate) fn revision(&self, i: u32) -> &Revision {
        &self.revisions[i as usize]
    }

    /// How many commits changed the site folder.
    pub(crate) fn len(&self) -> usize {
        self.revisions.len()
    }

    /// Warnings met while reading.
    pub(crate) fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Visits every commit reachable from `head` and records which files of the site
    /// folder each one changed.
    fn walk(
        &mut self,
        repo: &gix::Repository,
        prefix: &Path,
        head: ObjectId,
    ) -> Result<(), String> {
        let walk = repo.rev_walk([head]).all().map_err(|e| e.to_string())?;
        let mut trees = Trees::default();
        let mut path = Vec::new();
        let mut changed: Vec<String> = Vec::new();
        let mut per_parent: Vec<Vec<String>> = Vec::new();
        for info in walk {
            trees.next_commit();
            let info = info.map_err(|e| e.to_string())?;
            let commit = info.object().map_err(|e| e.to_string())?;
            let Some(tree) = site_tree(
                repo,
                commit.tree_id().map_err(|e| e.to_string())?.detach(),
                prefix,
            )?
            else {
                // The site folder does not exist in this commit.
                continue;
            };
            let parents: Vec<ObjectId> = info.parent_ids().map(|p| p.detach()).collect();
            changed.clear();
            if parents.is_empty() {
                diff(
                    repo,
                    &mut trees,
                    None,
                    Some(tree),
                    &mut path,
                    &mut changed,
                    0,
                )?;
            } else {
                per_parent.clear();
                let mut same_as_a_parent = false;
                for parent in &parents {
                    // A parent beyond a shallow clone's boundary is not there: the commit is
                    // then taken as the first.
                    let parent_tree = match repo.find_commit(*parent) {
                        Ok(c) => site_tree(
                            repo,
                            c.tree_id().map_err(|e| e.to_string())?.detach(),
                            prefix,
                        )?,
                        Err(_) => None,
                    };
                    if parent_tree == Some(tree) {
                        same_as_a_parent = true;
                        break;
                    }
                    let mut files = Vec::new();
                    diff(
                        repo,
                        &mut trees,
                        parent_tree,
                        Some(tree),
                        &mut path,
                        &mut files,
                        0,
                    )?;
                    per_parent.push(files);
                }
                if same_as_a_parent {
                    continue;
                }
                // A file counts for a merge only when it differs from every parent.
                let mut lists = per_parent.drain(..);
                if let Some(first) = lists.next() {
                    changed = first;
                    for other in lists {
                        let other: std::collections::HashSet<&String> = other.iter().collect();
                        changed.retain(|f| other.contains(f));
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            let revision = revision(&commit, &mut self.warnings)?;
            let index = u32::try_from(self.revisions.len()).map_err(|e| e.to_string())?;
            self.revisions.push(revision);
            for file in changed.drain(..) {
                self.files.entry(file).or_default().push(index);
            }
        }
        // Newest first, the same order whatever order the walk met the commits in.
        let revisions = &self.revisions;
        for list in self.files.values_mut() {
            list.sort_by(|&a, &b| {
                let (a, b) = (&revisions[a as usize], &revisions[b as usize]);
                b.seconds.cmp(&a.seconds).then_with(|| a.id.cmp(&b.id))
            });
        }
        Ok(())
    }
}

/// The repository `root` is in and `root`'s path inside its work tree.
fn open(root: &Path) -> Option<(gix::Repository, PathBuf)> {
    let repo = gix::discover(root).ok()?;
    let workdir = repo.workdir()?;
    let workdir = std::fs::canonicalize(workdir).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    let prefix = root.strip_prefix(&workdir).ok()?.to_path_buf();
    Some((repo, prefix))
}

/// The id of the site folder's tree in the commit tree `tree` (`tree` itself when the site
/// is the whole repository), `None` when the folder is not there.
fn site_tree(
    repo: &gix::Repository,
    tree: ObjectId,
    prefix: &Path,
) -> Result<Option<ObjectId>, String> {
    if prefix.as_os_str().is_empty() {
        return Ok(Some(tree));
    }
    let tree = repo.find_tree(tree).map_err(|e| e.to_string())?;
    let entry = tree
        .lookup_entry_by_path(prefix)
        .map_err(|e| e.to_string())?;
    Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
}

/// One entry of a tree, parsed once.
struct Entry {
    /// The name as git orders it: a folder's name ends with `/`.
    key: Box<[u8]>,
    id: ObjectId,
    is_tree: bool,
}

/// The trees read for the commit being compared and for the one before: in a walk from the
/// newest commit back, a commit's parent is usually the next commit compared, so each
/// version of a large folder (`content/people` with thousands of files) is read and parsed
/// once, not twice.
#[derive(Default)]
struct Trees {
    current: HashMap<ObjectId, Arc<[Entry]>>,
    previous: HashMap<ObjectId, Arc<[Entry]>>,
}

impl Trees {
    /// The next commit: the trees of this one are kept for it, older ones dropped.
    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn entries(&mut self, repo: &gix::Repository, id: ObjectId) -> Result<Arc<[Entry]>, String> {
        if let Some(e) = self.current.get(&id) {
            return Ok(e.clone());
        }
        let entries = match self.previous.remove(&id) {
            Some(e) => e,
            None => {
                let tree = repo.find_tree(id).map_err(|e| e.to_string())?;
                let decoded = tree.decode().map_err(|e| e.to_string())?;
                decoded
                    .entries
                    .iter()
                    .map(|e| {
                        let is_tree = e.mode.is_tree();
                        let mut key = e.filename.to_vec();
                        if is_tree {
                            key.push(b'/');
                        }
                        Entry {
                            key: key.into_boxed_slice(),
                            id: e.oid.to_owned(),
                            is_tree,
                        }
                    })
                    .collect()
            }
        };
        self.current.insert(id, entries.clone());
        Ok(entries)
    }
}

/// How deep below the site folder the comparison opens folders: records are a few levels
/// down, and a repository made to nest trees thousands deep must not exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Adds to `out` the files (not folders) that differ between the trees `before` (none: the
/// empty tree) and `after`, as paths relative to them. Git orders a tree's entries by name,
/// a folder's name taken with a trailing `/`: both lists are walked side by side, and only
/// folders whose ids differ are opened.
fn diff(
    repo: &gix::Repository,
    trees: &mut Trees,
    before: Option<ObjectId>,
    after: Option<ObjectId>,
    path: &mut Vec<u8>,
    out: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let none: Arc<[Entry]> = Arc::from(Vec::new());
    let old = match before {
        Some(id) => trees.entries(repo, id)?,
        None => none.clone(),
    };
    let new = match after {
        Some(id) => trees.entries(repo, id)?,
        None => none,
    };
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) => a.key.cmp(&b.key),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (a, b) = match order {
            std::cmp::Ordering::Less => (Some(&old[i]), None),
            std::cmp::Ordering::Greater => (None, Some(&new[j])),
            std::cmp::Ordering::Equal => (Some(&old[i]), Some(&new[j])),
        };
        i += usize::from(a.is_some());
        j += usize::from(b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            if a.id == b.id {
                continue;
            }
        }
        let e = a.or(b).expect("one side");
        let len = path.len();
        path.extend_from_slice(&e.key);
        if e.is_tree {
            let (a, b) = (a.map(|x| x.id), b.map(|x| x.id));
            diff(repo, trees, a, b, path, out, depth + 1)?;
        } else {
            out.push(String::from_utf8_lossy(path).into_owned());
        }
        path.truncate(len);
    }
    Ok(())
}

/// The revision a commit makes: its author's date and its message's first line.
fn revision(commit: &gix::Commit<'_>, warnings: &mut Vec<Diagnostic>) -> Result<Revision, String> {
    let decoded = commit.decode().map_err(|e| e.to_string())?;
    let time = decoded
        .author()
        .and_then(|a| a.time())
        .or_else(|_| decoded.committer().and_then(|c| c.time()))
        .map_err(|e| e.to_string())?;
    let local = time.seconds + i64::from(time.offset);
    let summary = decoded
        .message()
        .summary()
        .to_str_lossy()
        .trim()
        .to_string();
    let id = commit.id().to_string();
    let summary = if crate::privacy::holds_personal_data(&summary) {
        warnings.push(
            Diagnostic::warning(
                "history-personal-data",
                PathBuf::from(".git"),
                0,
                msg(
                    format!(
                        "lời nhắn của lần lưu (commit) {} có thông tin cá nhân; lịch sử thay đổi chỉ ghi ngày của lần lưu này",
                        &id[..12]
                    ),
                    format!(
                        "the message of commit {} holds personal data; the revision history shows only its date",
                        &id[..12]
                    ),
                ),
            )
            .with_hint(msg(
                "lời nhắn đã lưu không sửa được; từ nay đừng ghi số điện thoại, số CCCD, email vào lời nhắn",
                "a committed message cannot be changed; keep phone numbers, ID numbers and e-mail addresses out of commit messages",
            )),
        );
        None
    } else if summary.is_empty() {
        None
    } else {
        Some(Arc::from(truncate(&summary, 200)))
    };
    let date = Date::from_days(local.div_euclid(86_400));
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&id, &summary, date, time.seconds).hash(&mut h);
        h.finish()
    };
    Ok(Revision {
        date,
        seconds: time.seconds,
        summary,
        id: Arc::from(id),
        fingerprint,
    })
}

/// At most `max` characters of `s`, with `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn unreadable(root: &Path, e: &str) -> Diagnostic {
    Diagnostic::warning(
        "history-unreadable",
        root.join(".git"),
        0,
        msg(
            format!("không đọc được lịch sử git của thư mục trang: {e}; các trang không có phần “Lịch sử thay đổi”"),
            format!("cannot read the site folder's git history: {e}; pages have no revision history"),
        ),
    )
    .with_hint(msg(
        "kiểm tra kho git (chạy `git fsck` nếu có git), hoặc tắt lịch sử bằng `history = false` trong site.toml",
        "check the repository (`git fsck` where git is installed), or turn the history off with `history = false` in site.toml",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str], date: &str) -> bool {
        Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "a")
            .env("GIT_AUTHOR_EMAIL", "a@example.invalid")
            .env("GIT_COMMITTER_NAME", "a")
            .env("GIT_COMMITTER_EMAIL", "a@example.invalid")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn put(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn commit(root: &Path, message: &str, date: &str) {
        assert!(git(root, &["add", "-A"], date));
        assert!(git(root, &["commit", "-q", "-m", message], date));
    }

    fn messages(h: &History, path: &str) -> Vec<String> {
        h.of(Path::new(path))
            .map(|r| r.summary.as_deref().unwrap_or("-").to_string())
            .collect()
    }

    #[test]
    fn the_tree_comparison_finds_what_each_commit_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        if !git(
            root,
            &["init", "-q", "-b", "main"],
            "2024-01-01T00:00:00+00:00",
        ) {
            eprintln!("skipped: no git executable to make the test repository");
            return;
        }
        put(root, "content/a.md", "a");
        put(root, "content/x/b.md", "b");
        put(root, "content/z", "z");
        put(root, "content/x-y.md", "sorts between x and x/");
        commit(root, "one", "2024-01-01T00:00:00+00:00");
        put(root, "content/x/b.md", "b2");
        put(root, "content/x/y/c.md", "c");
        commit(root, "two", "2024-01-02T00:00:00+00:00");
        std::fs::remove_file(root.join("content/a.md")).unwrap();
        std::fs::remove_file(root.join("content/z")).unwrap();
        put(root, "content/z/d.md", "d");
        commit(root, "three", "2024-01-03T00:00:00+00:00");
        // Same content again: a commit that changes nothing of the files' ids.
        assert!(git(
            root,
            &["commit", "-q", "--allow-empty", "-m", "empty"],
            "2024-01-04T00:00:00+00:00"
        ));

        let h = History::read(root);
        assert!(h.warnings().is_empty(), "{:?}", h.warnings());
        assert_eq!(messages(&h, "content/a.md"), ["three", "one"]);
        assert_eq!(messages(&h, "content/x/b.md"), ["two", "one"]);
        assert_eq!(messages(&h, "content/x/y/c.md"), ["two"]);
        assert_eq!(messages(&h, "content/x-y.md"), ["one"]);
        // A file that became a folder: the file's history ends, the folder's files start.
        assert_eq!(messages(&h, "content/z"), ["three", "one"]);
        assert_eq!(messages(&h, "content/z/d.md"), ["three"]);
        assert_eq!(h.of(Path::new("content/none.md")).len(), 0);
        let last = h.of(Path::new("content/x/b.md")).next().unwrap();
        assert_eq!(last.date, Date::new(2024, 1, 2).unwrap());

        // The same history read from the site folder inside the repository.
        let h = History::read(&root.join("content"));
        assert_eq!(messages(&h, "x/b.md"), ["two", "one"]);
        assert!(!h.moved(&root.join("content")));
        put(root, "content/x/b.md", "b3");
        commit(root, "five", "2024-01-05T00:00:00+00:00");
        assert!(h.moved(&root.join("content")));

        // Folders nested deeper than records ever are not opened (a repository made to
        // nest trees thousands deep must not exhaust the stack).
        let deep = format!("content/{}f.md", "d/".repeat(MAX_DEPTH + 5));
        put(root, &deep, "deep");
        put(root, "content/d/d/shallow.md", "shallow");
        commit(root, "deep", "2024-01-06T00:00:00+00:00");
        let h = History::read(root);
        assert_eq!(h.of(Path::new(&deep)).len(), 0);
        assert_eq!(messages(&h, "content/d/d/shallow.md"), ["deep"]);

        // Outside any repository: nothing.
        let elsewhere = tempfile::tempdir().unwrap();
        let h = History::read(elsewhere.path());
        assert_eq!(h.of(Path::new("content/a.md")).len(), 0);
        assert!(!h.moved(elsewhere.path()));
    }

    #[test]
    fn long_messages_are_cut() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("Đính chính tên", 4), "Đính…");
    }
}
