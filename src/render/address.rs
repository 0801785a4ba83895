//! Where every page and file of the built site lives. Each address is made here and nowhere
//! else: the page that renders it, the sitemap that lists it, the links that point to it and
//! the preview that serves it all ask this module. (A record's own address is made once, when
//! it is resolved, and kept in `Meta::url`.)

use crate::config::Paths;
use crate::model::Kind;

/// The addresses of a site, from the folder names of `[paths]` in `site.toml`.
#[derive(Clone, Copy)]
pub(crate) struct Addresses<'a> {
    paths: &'a Paths,
}

/// `/<a>/`.
fn folder(a: &str) -> String {
    format!("/{a}/")
}

/// `/<a>/<b>/`.
fn sub(a: &str, b: &str) -> String {
    format!("/{a}/{b}/")
}

impl<'a> Addresses<'a> {
    pub(crate) fn new(paths: &'a Paths) -> Addresses<'a> {
        Addresses { paths }
    }

    /// The folder of a kind's list (`khen-thuong`); empty for free pages, which have none.
    pub(crate) fn section(&self, kind: Kind) -> &'a str {
        let p = self.paths;
        match kind {
            Kind::Plan => &p.plans,
            Kind::Movement => &p.movements,
            Kind::Person => &p.people,
            Kind::Award => &p.awards,
            Kind::Notice => &p.notices,
            Kind::Page => "",
        }
    }

    /// A record's own page: `/<kind's folder>/<slug>/`, `/<slug>/` for a free page.
    pub(crate) fn record(&self, kind: Kind, slug: &str) -> String {
        match kind {
            Kind::Page => folder(slug),
            _ => sub(self.section(kind), slug),
        }
    }

    pub(crate) fn home(&self) -> String {
        "/".to_string()
    }

    /// The list of every record of a kind.
    pub(crate) fn list(&self, kind: Kind) -> String {
        folder(self.section(kind))
    }

    /// The list of one kind's records under an overview page (`/nam/2024/khen-thuong/`).
    pub(crate) fn sub_list(&self, overview: &str, kind: Kind) -> String {
        format!("{overview}{}/", self.section(kind))
    }

    pub(crate) fn years(&self) -> String {
        folder(&self.paths.years)
    }

    pub(crate) fn year(&self, year: i32) -> String {
        sub(&self.paths.years, itoa::Buffer::new().format(year))
    }

    /// Everyone honoured in a year (`/nam/2024/nguoi-duoc-khen/`).
    pub(crate) fn year_honours(&self, year: i32) -> String {
        format!("{}{}/", self.year(year), self.paths.honourees)
    }

    pub(crate) fn fields(&self) -> String {
        folder(&self.paths.fields)
    }

    pub(crate) fn field(&self, slug: &str) -> String {
        sub(&self.paths.fields, slug)
    }

    pub(crate) fn forms(&self) -> String {
        folder(&self.paths.forms)
    }

    pub(crate) fn form(&self, slug: &str) -> String {
        sub(&self.paths.forms, slug)
    }

    pub(crate) fn units(&self) -> String {
        folder(&self.paths.units)
    }

    pub(crate) fn unit(&self, slug: &str) -> String {
        sub(&self.paths.units, slug)
    }

    pub(crate) fn honour_roll(&self) -> String {
        folder(&self.paths.honour_roll)
    }

    pub(crate) fn letter(&self, slug: &str) -> String {
        sub(&self.paths.honour_roll, slug)
    }

    /// The page of an honouree without a people record.
    pub(crate) fn honouree(&self, slug: &str) -> String {
        sub(&self.paths.honourees, slug)
    }

    /// The anchor of a letter's section on the honour roll's own page.
    pub(crate) fn letter_anchor(&self, slug: &str) -> String {
        format!("#chu-{slug}")
    }

    pub(crate) fn data(&self) -> String {
        folder(&self.paths.data)
    }

    /// The file of an open-data set (`du-lieu/nguoi-duoc-khen.csv`), relative to the output.
    pub(crate) fn data_file(&self, set: &str, extension: &str) -> String {
        format!("{}/{set}.{extension}", self.paths.data)
    }

    pub(crate) fn stats(&self) -> String {
        folder(&self.paths.stats)
    }

    pub(crate) fn search(&self) -> String {
        folder(&self.paths.search)
    }

    /// The folder of the search index files, relative to the output.
    pub(crate) fn search_folder(&self) -> &'a str {
        &self.paths.search
    }

    /// The Atom feed of everything, of a kind's list or of a field (relative to the output).
    pub(crate) fn feed(&self, of: Option<&str>) -> String {
        match of {
            None => "atom.xml".to_string(),
            Some(page) => format!("{}atom.xml", page.trim_start_matches('/')),
        }
    }
}

/// Page `n` (1-based) of a paginated list at `base`: the list's own address for the first.
pub(crate) fn page_of(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}trang/{n}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_follow_the_paths_of_the_site() {
        let paths = Paths::default();
        let at = Addresses::new(&paths);
        assert_eq!(at.list(Kind::Award), "/khen-thuong/");
        assert_eq!(at.year(2024), "/nam/2024/");
        assert_eq!(
            at.sub_list(&at.year(2024), Kind::Award),
            "/nam/2024/khen-thuong/"
        );
        assert_eq!(at.feed(None), "atom.xml");
        assert_eq!(at.feed(Some(&at.list(Kind::Award))), "khen-thuong/atom.xml");
        assert_eq!(page_of("/x/", 1), "/x/");
        assert_eq!(page_of("/x/", 3), "/x/trang/3/");
    }
}
