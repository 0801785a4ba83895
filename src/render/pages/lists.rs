//! Lists: the home page, each kind's list, the full lists behind the overviews of years and
//! fields, the honour roll and its letters, and the 404 page.

use super::{pages_for, Page};
use crate::error::Result;
use crate::index::YearIndex;
use crate::model::Kind;
use crate::render::reader::Reader;
use crate::render::renderer::{head, Renderer};
use crate::render::view::Link;
use crate::render::OutputFile;
use minijinja::context;
use minijinja::value::{Serde, Value};
use std::sync::Arc;

/// How many records of each kind a year or field overview shows before linking to the rest.
pub(super) const PREVIEW: usize = 12;

/// How many recipients the honour roll shows on its own page before it only links to the
/// letters.
const HONOUR_ROLL_ON_ONE_PAGE: usize = 2000;

/// Lists the list pages.
pub(super) fn add(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.push(Arc::new(Home));
    pages.push(Arc::new(HonourRoll));
    pages.push(Arc::new(NotFound));
    pages.extend(Kind::LISTED.map(|k| Arc::new(KindList(k)) as Arc<dyn Page>));
    for l in 0..r.ix.honour_roll.len() {
        pages.push(Arc::new(LetterPage(l)));
    }
    sub_lists(r, pages);
}

/// The home page: the latest decisions, featured people, good deeds, running movements,
/// open notices and this year's plan.
struct Home;

impl Page for Home {
    fn kind(&self) -> &'static str {
        "home"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().home())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let latest = cx.select(
            |_, ix| ix.awards_by_date.iter().take(6).copied().collect(),
            |&i| (Kind::Award, i),
        );
        let featured = cx.select(
            |r, ix| {
                let people = ix.people_by_name.iter().copied();
                people.filter(|&i| r.people[i].featured).take(6).collect()
            },
            |&i| (Kind::Person, i),
        );
        let deeds = cx.select(
            |r, ix| {
                let mut deeds: Vec<usize> = ix
                    .people_by_name
                    .iter()
                    .copied()
                    .filter(|&i| r.people[i].good_deed && !r.people[i].featured)
                    .collect();
                deeds.sort_by(|&a, &b| r.people[b].year.cmp(&r.people[a].year));
                deeds.truncate(6);
                deeds
            },
            |&i| (Kind::Person, i),
        );
        let years = year_links(cx);
        let year_now = years.first().and_then(|l| l.label.parse::<i32>().ok());
        let active = cx.select(
            |r, ix| {
                let running = |i: &usize| {
                    year_now.is_some_and(|y| r.movements[*i].end.is_none_or(|e| e.year >= y))
                };
                ix.movements_by_start
                    .iter()
                    .copied()
                    .filter(running)
                    .collect()
            },
            |&i| (Kind::Movement, i),
        );
        let open = cx.select(
            |r, ix| {
                let open = |i: &usize| r.notices[*i].decision.is_none();
                ix.notices_by_date.iter().copied().filter(open).collect()
            },
            |&i| (Kind::Notice, i),
        );
        let plan = cx
            .select(
                |_, ix| ix.plans_by_year.first().copied().into_iter().collect(),
                |&i| (Kind::Plan, i),
            )
            .first()
            .map(|&i| cx.card(Kind::Plan, i));
        let cards = |cx: &mut Reader<'_, '_, '_>, kind, ids: &[usize]| -> Vec<Value> {
            ids.iter().map(|&i| cx.card(kind, i)).collect()
        };
        let latest = cards(cx, Kind::Award, &latest);
        let featured = cards(cx, Kind::Person, &featured);
        let deeds = cards(cx, Kind::Person, &deeds);
        let active_total = active.len();
        let active = cards(cx, Kind::Movement, &active[..active.len().min(4)]);
        let open = cards(cx, Kind::Notice, &open);
        let fields = field_links(cx);
        let title = cx.settings().title.clone();
        cx.render(
            "home.html",
            head("/", &title, "home"),
            context! {
                plan => plan,
                latest_awards => latest,
                featured => featured,
                good_deeds => deeds,
                active_total => active_total,
                active_movements => active,
                open_notices => open,
                years => Serde(years),
                fields => Serde(fields),
            },
        )
    }
}

/// Every record of one kind.
struct KindList(Kind);

impl Page for KindList {
    fn kind(&self) -> &'static str {
        "list"
    }

    fn id(&self, _r: &Renderer<'_>) -> String {
        self.0.key().to_string()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().list(self.0))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, r.records.count(self.0))
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let kind = self.0;
        let order = cx.order(kind);
        let title = cx.text("sections", kind.key());
        let Some((url, range, pager)) = cx.paginate(order.len()) else {
            return Ok(Vec::new());
        };
        let items = cx.cards(kind, &order[range]);
        cx.render(
            "list.html",
            head(&url, &title, kind.key()),
            context! {
                kind => kind.key(),
                items => items,
                total => order.len(),
                pager => Serde(pager),
            },
        )
    }
}

/// All records of one kind within a year or field, when the overview shows only some.
struct SubList {
    /// The overview page it belongs to, and its label.
    parent: (String, String),
    kind: Kind,
    items: Vec<usize>,
}

/// The full lists behind the overviews of years and fields.
fn sub_lists(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    let at = r.at();
    let mut add = |overview: String, parent: &str, kind: Kind, items: &[usize]| {
        if items.len() > PREVIEW {
            pages.push(Arc::new(SubList {
                parent: (overview, parent.to_string()),
                kind,
                items: items.to_vec(),
            }));
        }
    };
    for (y, yi) in &r.ix.years {
        let parent = format!("{} {}", r.strings_get("ui", "year"), y.0);
        let YearIndex {
            plans,
            movements,
            people,
            awards,
            notices,
        } = yi;
        add(at.year(y.0), &parent, Kind::Plan, plans);
        add(at.year(y.0), &parent, Kind::Movement, movements);
        add(at.year(y.0), &parent, Kind::Person, people);
        add(at.year(y.0), &parent, Kind::Award, awards);
        add(at.year(y.0), &parent, Kind::Notice, notices);
    }
    for (term, fi) in r.settings.fields.iter().zip(&r.ix.fields) {
        let base = at.field(&term.slug);
        add(base.clone(), &term.label, Kind::Movement, &fi.movements);
        add(base.clone(), &term.label, Kind::Person, &fi.people);
        add(base.clone(), &term.label, Kind::Award, &fi.awards);
        add(base, &term.label, Kind::Notice, &fi.notices);
    }
}

impl Page for SubList {
    fn kind(&self) -> &'static str {
        "sub-list"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.at().sub_list(&self.parent.0, self.kind)
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().sub_list(&self.parent.0, self.kind))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, self.items.len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let kind = self.kind;
        let title = format!("{} – {}", cx.text("sections", kind.key()), self.parent.1);
        let Some((url, range, pager)) = cx.paginate(self.items.len()) else {
            return Ok(Vec::new());
        };
        let items = cx.cards(kind, &self.items[range]);
        let (parent_url, parent_label) = &self.parent;
        cx.render(
            "list.html",
            head(&url, &title, kind.key()),
            context! {
                kind => kind.key(),
                items => items,
                total => self.items.len(),
                pager => Serde(pager),
                parent => context! { url => parent_url, label => parent_label },
            },
        )
    }
}

/// Everyone honoured, by the first letter of the name: on one page for a small site, else
/// the letters only.
struct HonourRoll;

impl Page for HonourRoll {
    fn kind(&self) -> &'static str {
        "honour-roll"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().honour_roll())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "honour_roll");
        let letters = cx.letters();
        let total: usize = letters.iter().map(|l| l.recipients.len()).sum();
        // Small sites show everyone on one page; large ones link to the letters.
        let mut groups = Vec::new();
        if total <= HONOUR_ROLL_ON_ONE_PAGE {
            for l in letters {
                let recipients = cx.award_rows(&l.recipients);
                groups.push(context! {
                    letter => l.letter.clone(),
                    slug => l.slug.clone(),
                    recipients => recipients,
                });
            }
        }
        // With everyone on this page, letters jump to their section.
        let letters = letter_links(cx, !groups.is_empty());
        cx.render(
            "honour_roll.html",
            head(&cx.at().honour_roll(), &title, "honour_roll"),
            context! {
                letters => Serde(letters),
                groups => groups,
                total => total,
            },
        )
    }
}

/// The honour roll's recipients under one letter.
struct LetterPage(usize);

impl Page for LetterPage {
    fn kind(&self) -> &'static str {
        "letter"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.ix.honour_roll[self.0].slug.clone()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().letter(&r.ix.honour_roll[self.0].slug))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, r.ix.honour_roll[self.0].recipients.len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let letter = &cx.letters()[self.0];
        let title = format!("{} – {}", cx.text("sections", "honour_roll"), letter.letter);
        let Some((url, range, pager)) = cx.paginate(letter.recipients.len()) else {
            return Ok(Vec::new());
        };
        let links = letter_links(cx, false);
        let recipients = cx.award_rows(&letter.recipients[range]);
        cx.render(
            "honour_roll.html",
            head(&url, &title, "honour_roll"),
            context! {
                letters => Serde(links),
                current => letter.letter.clone(),
                groups => vec![context! {
                    letter => letter.letter.clone(),
                    slug => letter.slug.clone(),
                    recipients => recipients,
                }],
                total => letter.recipients.len(),
                pager => Serde(pager),
            },
        )
    }
}

/// The page served for an address the site does not have.
struct NotFound;

impl Page for NotFound {
    fn kind(&self) -> &'static str {
        "404"
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        Some("/404.html".to_string())
    }

    fn listed(&self) -> bool {
        false
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("ui", "not_found");
        cx.render("404.html", head("/404.html", &title, "404"), context! {})
    }
}

/// The years with records, newest first, with how many each holds.
pub(super) fn year_links(cx: &mut Reader<'_, '_, '_>) -> Vec<Link> {
    let at = cx.at();
    cx.years()
        .map(|(y, yi)| Link {
            label: y.to_string(),
            url: at.year(y),
            count: Some(yi.total()),
        })
        .collect()
}

/// The fields of the site, with how many records each holds.
pub(super) fn field_links(cx: &mut Reader<'_, '_, '_>) -> Vec<Link> {
    let at = cx.at();
    let terms = &cx.settings().fields;
    terms
        .iter()
        .zip(cx.fields())
        .map(|(f, fi)| Link {
            label: f.label.clone(),
            url: at.field(&f.slug),
            count: Some(fi.awards.len() + fi.people.len() + fi.movements.len() + fi.notices.len()),
        })
        .collect()
}

/// The honour roll's letters, as links to their pages or (`anchors`) to their sections.
fn letter_links(cx: &mut Reader<'_, '_, '_>, anchors: bool) -> Vec<Link> {
    let at = cx.at();
    cx.letters()
        .iter()
        .map(|l| Link {
            label: l.letter.clone(),
            url: if anchors {
                at.letter_anchor(&l.slug)
            } else {
                at.letter(&l.slug)
            },
            count: Some(l.recipients.len()),
        })
        .collect()
}
