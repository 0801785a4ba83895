//! Which folder a build may replace. The output path is first turned into the path the
//! build will really write ([`real_path`]: made absolute, `.` and `..` applied, every
//! symbolic link that exists on the way followed), and only that path is judged and then
//! used, so no spelling (`missing/../content`, `./public//`, a link to the site) can make the
//! build write somewhere the check did not look at.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use super::MARKER;

/// How many symbolic links one path may pass through before it is refused (as Linux does).
const MAX_LINKS: usize = 40;

/// The source folders of a site: the build reads them and must never write into them.
const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// Resolves the output folder `out` (as the user spelt it) and checks that vinhdanh may
/// replace it. Returns the real path to build into. Nothing is created or changed.
pub(crate) fn check_output_dir(site_root: &Path, out: &Path, force: bool) -> Result<PathBuf> {
    let real = real_path(out).map_err(|e| {
        Error::usage(
            format!("không tìm được thư mục kết quả {}: {e}", out.display()),
            format!("cannot resolve the output folder {}: {e}", out.display()),
        )
    })?;
    // The path as spelt, and where it really leads when that differs.
    let spelt = |that_is: &str| {
        if real == out {
            out.display().to_string()
        } else {
            format!("{} ({that_is} {})", out.display(), real.display())
        }
    };
    let (shown, shown_en) = (spelt("tức là"), spelt("that is"));
    let refuse = |vi: &str, en: &str| {
        Err(Error::usage(
            format!("không tạo trang vào {shown}: {vi}"),
            format!("refusing to build into {shown_en}: {en}"),
        ))
    };
    if real.parent().is_none() {
        return refuse(
            "đó là thư mục gốc của máy",
            "it is the root of the file system",
        );
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if let Ok(home) = real_path(Path::new(&home)) {
            if home.starts_with(&real) {
                return refuse(
                    "đó là thư mục nhà của bạn hoặc thư mục chứa nó",
                    "it is your home folder or holds it",
                );
            }
        }
    }
    let root = real_path(site_root).unwrap_or_else(|_| site_root.to_path_buf());
    if root.starts_with(&real) {
        return refuse(
            "thư mục này là chính trang hoặc chứa trang (site.toml, content/)",
            "it is the site itself or holds it (site.toml, content/)",
        );
    }
    // The site's own source folders, wherever their links point, and those of any other
    // site the path runs through (a folder with site.toml).
    let mut sites = vec![root.clone()];
    sites.extend(
        real.ancestors()
            .skip(1)
            .filter(|a| a.join("site.toml").is_file())
            .map(Path::to_path_buf),
    );
    for site in &sites {
        for source in SOURCE_FOLDERS {
            let folder = site.join(source);
            let resolved = real_path(&folder).unwrap_or_else(|_| folder.clone());
            if real.starts_with(&folder) || real.starts_with(&resolved) {
                return refuse(
                    &format!(
                        "thư mục này nằm trong thư mục {source}/ của trang {}",
                        site.display()
                    ),
                    &format!(
                        "it is inside the {source}/ folder of the site {}",
                        site.display()
                    ),
                );
            }
        }
        if *site != root && real == *site {
            return refuse(
                "đó là thư mục của một trang khác",
                "it is the folder of another site",
            );
        }
    }
    let meta = std::fs::symlink_metadata(&real);
    if let Ok(meta) = &meta {
        if !meta.is_dir() {
            return refuse(
                "đó là một tệp, không phải thư mục",
                "it is a file, not a folder",
            );
        }
        if real.join("site.toml").exists() || real.join("content").is_dir() {
            return refuse("thư mục này có site.toml hoặc content/, giống một trang chứ không phải thư mục kết quả", "it holds site.toml or content/, so it looks like a site, not an output folder");
        }
        if !force && !real.join(MARKER).is_file() {
            let non_empty = std::fs::read_dir(&real)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false);
            if non_empty {
                return refuse(
                    "thư mục có sẵn dữ liệu không do vinhdanh tạo; dùng --force nếu muốn thay thế",
                    "it is not empty and was not made by vinhdanh; use --force to replace it",
                );
            }
        }
    }
    Ok(real)
}

/// The absolute path `path` names: relative to the current folder, `.` dropped, every
/// symbolic link that exists on the way replaced by its target (a link to a folder that
/// does not exist yet too), and `..` applied to what came before it. Once a part of the
/// path does not exist, the rest cannot hold links, and `..` removes the part before it,
/// as it will once the folders are made.
pub(crate) fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    // Parts still to walk, the next one last.
    let mut pending: Vec<Part> = parts(&absolute);
    let mut resolved = PathBuf::new();
    let mut exists = true;
    let mut links = 0;
    while let Some(part) = pending.pop() {
        match part {
            Part::Start(start) => {
                resolved = start;
                exists = true;
            }
            Part::Current => {}
            Part::Parent => {
                resolved.pop();
                exists = std::fs::symlink_metadata(&resolved).is_ok();
            }
            Part::Name(name) => {
                let next = resolved.join(&name);
                if !exists {
                    resolved = next;
                    continue;
                }
                match std::fs::symlink_metadata(&next) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        links += 1;
                        if links > MAX_LINKS {
                            return Err(std::io::Error::other(
                                "quá nhiều liên kết tượng trưng lồng nhau (too many symbolic links)",
                            ));
                        }
                        // A relative target counts from the link's folder, `resolved`.
                        pending.extend(parts(&std::fs::read_link(&next)?));
                    }
                    Ok(_) => resolved = next,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        resolved = next;
                        exists = false;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(resolved)
}

/// One step of a path being resolved.
enum Part {
    /// The root, or a Windows drive with its root: start again from there.
    Start(PathBuf),
    Current,
    Parent,
    Name(OsString),
}

/// The steps of a path, the last one first (for a stack).
fn parts(path: &Path) -> Vec<Part> {
    let mut v = Vec::new();
    for c in path.components() {
        match c {
            Component::Prefix(p) => v.push(Part::Start(PathBuf::from(p.as_os_str()))),
            Component::RootDir => match v.last_mut() {
                // `C:` then `\`: one start, `C:\`.
                Some(Part::Start(prefix)) => prefix.push(Component::RootDir),
                _ => v.push(Part::Start(PathBuf::from("/"))),
            },
            Component::CurDir => v.push(Part::Current),
            Component::ParentDir => v.push(Part::Parent),
            Component::Normal(n) => v.push(Part::Name(n.to_os_string())),
        }
    }
    v.reverse();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_path_applies_dots_and_missing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        assert_eq!(
            real_path(&base.join("site/missing/../content")).unwrap(),
            base.join("site/content")
        );
        assert_eq!(
            real_path(&base.join("site/a/b/../../content/./")).unwrap(),
            base.join("site/content")
        );
        assert_eq!(
            real_path(&base.join("site//public")).unwrap(),
            base.join("site/public")
        );
        assert_eq!(
            real_path(&base.join("site/public/../../site")).unwrap(),
            base.join("site")
        );
    }

    #[cfg(unix)]
    #[test]
    fn real_path_follows_links_even_to_missing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        std::fs::create_dir_all(base.join("www")).unwrap();
        std::os::unix::fs::symlink(base.join("site/content"), base.join("link")).unwrap();
        std::os::unix::fs::symlink("../www/site", base.join("site/public")).unwrap();
        std::os::unix::fs::symlink("loop2", base.join("loop1")).unwrap();
        std::os::unix::fs::symlink("loop1", base.join("loop2")).unwrap();
        assert_eq!(
            real_path(&base.join("link/x")).unwrap(),
            base.join("site/content/x")
        );
        assert_eq!(
            real_path(&base.join("site/public")).unwrap(),
            base.join("www/site")
        );
        // `..` after a link goes up from the link's target, as the system does.
        assert_eq!(
            real_path(&base.join("link/../content")).unwrap(),
            base.join("site/content")
        );
        assert!(real_path(&base.join("loop1/x")).is_err());
    }

    #[test]
    fn refuses_every_spelling_of_a_source_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let site = base.join("site");
        for d in ["content/people", "static", "templates", "themes/x"] {
            std::fs::create_dir_all(site.join(d)).unwrap();
        }
        std::fs::write(site.join("site.toml"), "").unwrap();
        for bad in [
            "site",
            "site/",
            "site/.",
            "site//",
            "site/missing/..",
            "site/content",
            "site/missing/../content",
            "site/a/b/../../static",
            "site/./templates/x",
            "site/themes/x/out",
            "site/content/people/../../../site",
            ".",
            "..",
            "site/missing/../..",
        ] {
            let out = base.join(bad);
            assert!(
                check_output_dir(&site, &out, true).is_err(),
                "{bad} must be refused"
            );
        }
        assert_eq!(
            check_output_dir(&site, &base.join("site/missing/../public"), false).unwrap(),
            site.join("public")
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_into_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let site = base.join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(site.join("site.toml"), "").unwrap();
        std::os::unix::fs::symlink(site.join("content"), base.join("c")).unwrap();
        std::os::unix::fs::symlink(&site, base.join("s")).unwrap();
        std::os::unix::fs::symlink("content", site.join("public")).unwrap();
        for bad in [
            "c",
            "c/out",
            "s",
            "s/content",
            "site/public",
            "site/public/x",
        ] {
            assert!(
                check_output_dir(&site, &base.join(bad), true).is_err(),
                "{bad} must be refused"
            );
        }
        // Another site on the way is protected too.
        let other = base.join("other");
        std::fs::create_dir_all(other.join("content")).unwrap();
        std::fs::write(other.join("site.toml"), "").unwrap();
        assert!(check_output_dir(&site, &other.join("content/x"), true).is_err());
        assert!(check_output_dir(&site, &other.join("public"), true).is_ok());
    }
}
