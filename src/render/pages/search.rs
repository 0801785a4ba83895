//! Search: the index files the search page loads, and the page itself.

use super::Page;
use crate::error::Result;
use crate::render::reader::Reader;
use crate::render::renderer::{head, Renderer};
use crate::render::{search as index, OutputFile};
use minijinja::context;
use std::sync::Arc;

/// Lists the search index and page.
pub(super) fn add(_r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.push(Arc::new(SearchIndex));
    pages.push(Arc::new(SearchPage));
}

/// The search index files: every record's names and words.
struct SearchIndex;

impl Page for SearchIndex {
    fn kind(&self) -> &'static str {
        "search-index"
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn aggregate(&self) -> bool {
        true
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let (s, at) = (cx.settings(), cx.at());
        let (r, ix) = cx.all();
        Ok(cx.compute(|| index::build(at.search_folder(), s, r, &ix.identities)))
    }
}

/// The search page.
struct SearchPage;

impl Page for SearchPage {
    fn kind(&self) -> &'static str {
        "search"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().search())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "search");
        let url = cx.url();
        let browse = super::lists::browse_links(cx);
        cx.render("search.html", head(&url, &title, "search"), || {
            context! {
                index => url.clone(),
                per_shard => index::DOCS_PER_SHARD,
                browse => browse,
            }
        })
    }
}
