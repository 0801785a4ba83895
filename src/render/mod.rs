//! Render stage: every page kind described once ([`pages`]), read through a [`reader`]
//! that either renders or fingerprints, with addresses from [`address`], the theme's
//! environment ([`engine`]) and the [`renderer`]'s shared cards and cells. Pages are
//! rendered in parallel.

pub(crate) mod address;
mod builtins;
pub(crate) mod data;
mod engine;
mod page_context;
mod pages;
mod reader;
mod renderer;
pub(crate) mod search;
pub(crate) mod stats;
mod strings;
pub(crate) mod view;

pub(crate) use renderer::{CardCache, Renderer};

use serde::Serialize;
use view::Link;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The file an URL is served from: `/a/b/` → `a/b/index.html`.
pub(crate) fn url_to_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[derive(Serialize)]
pub(crate) struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// How many pages a list of `n` items takes in pages of `size` (one, even when empty).
pub(crate) fn page_count(n: usize, size: usize) -> usize {
    n.div_ceil(size).max(1)
}

/// Page `page` (1-based) of `n` items in pages of `size`: its url, item range and pager
/// (none when everything fits on one page). Empty when there is no such page. Only the
/// asked page is built, so a list of P pages costs O(P) in all, not O(P²).
pub(crate) fn paginate(
    base: &str,
    n: usize,
    size: usize,
    page: usize,
) -> Option<(String, std::ops::Range<usize>, Option<Pager>)> {
    let total = page_count(n, size);
    if page == 0 || page > total {
        return None;
    }
    let url = |p: usize| address::page_of(base, p);
    let range = (page - 1) * size..(page * size).min(n);
    let pager = (total > 1).then(|| Pager {
        current: page,
        total,
        prev: (page > 1).then(|| url(page - 1)),
        next: (page < total).then(|| url(page + 1)),
    });
    Some((url(page), range, pager))
}

pub(crate) use crate::hash::FastHasher;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(url_to_path("/"), "index.html");
        assert_eq!(url_to_path("/khen-thuong/a/"), "khen-thuong/a/index.html");
        assert_eq!(url_to_path("/404.html"), "404.html");
    }

    #[test]
    fn pagination() {
        let page = |p| paginate("/x/", 250, 100, p);
        assert_eq!(page(1).unwrap().0, "/x/");
        let (url, range, pager) = page(3).unwrap();
        assert_eq!(url, "/x/trang/3/");
        assert_eq!(range, 200..250);
        let pager = pager.unwrap();
        assert_eq!((pager.current, pager.total), (3, 3));
        assert_eq!(page(2).unwrap().2.unwrap().prev.as_deref(), Some("/x/"));
        assert!(page(4).is_none());
        let only = paginate("/x/", 0, 100, 1).unwrap();
        assert!(only.2.is_none());
    }
}
