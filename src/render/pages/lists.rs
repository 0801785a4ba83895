//! Lists: the home page, each kind's list, the full lists behind the overviews of years and
//! fields, the honour roll and its letters, and the 404 page.

use super::{pages_for, Page};
use crate::error::Result;
use crate::index::YearIndex;
use crate::model::{AwardId, MovementId, NoticeId, PersonId, PlanId, RecordId};
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
    pages.push(Arc::new(KindList::<PlanId>::default()));
    pages.push(Arc::new(KindList::<MovementId>::default()));
    pages.push(Arc::new(KindList::<PersonId>::default()));
    pages.push(Arc::new(KindList::<AwardId>::default()));
    pages.push(Arc::new(KindList::<NoticeId>::default()));
    for l in 0..r.ix.honour_roll.len() {
        pages.push(Arc::new(LetterPage(l)));
    }
    sub_lists(r, pages);
}

/// The home page: the latest decisions, featured people, good deeds, running movements,
/// open notices and this year's plan.
/// How many of the latest honoured people and collectives the home page names.
const HOME_NAMES: usize = 6;

struct Home;

impl Page for Home {
    fn kind(&self) -> &'static str {
        "home"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().home())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let latest: Vec<AwardId> =
            cx.select_ids(|_, ix| ix.awards_by_date.iter().take(6).copied().collect());
        // Names first: the latest honours in force, newest decision first.
        let names: Vec<AwardId> =
            cx.select_ids(|_, ix| ix.awards_by_date.iter().take(HOME_NAMES).copied().collect());
        let mut honours = Vec::with_capacity(HOME_NAMES);
        for &a in &names {
            for k in 0..cx.award(a).recipients.len() {
                if honours.len() < HOME_NAMES && cx.records_standing(a, k).counts() {
                    honours.push(crate::index::HonourRef::Decision(a, k));
                }
            }
        }
        let latest_honours = cx.award_rows(&honours);
        let featured: Vec<PersonId> = cx.select_ids(|r, ix| {
            let people = ix.people_by_name.iter().copied();
            people.filter(|&i| r[i].featured).take(6).collect()
        });
        let deeds: Vec<PersonId> = cx.select_ids(|r, ix| {
            let mut deeds: Vec<PersonId> = ix
                .people_by_name
                .iter()
                .copied()
                .filter(|&i| r[i].good_deed && !r[i].featured)
                .collect();
            deeds.sort_by(|&a, &b| r[b].year.cmp(&r[a].year));
            deeds.truncate(6);
            deeds
        });
        let years = year_links(cx);
        let year_now = cx.years().next().map(|(y, _)| y);
        let active: Vec<MovementId> = cx.select_ids(|r, ix| {
            let running =
                |i: &MovementId| year_now.is_some_and(|y| r[*i].end.is_none_or(|e| e.year >= y));
            ix.movements_by_start
                .iter()
                .copied()
                .filter(running)
                .collect()
        });
        // Only notices that are open or about to be on the build date: closed and decided
        // ones are on the notices list.
        let status = cx.notice_status();
        let open: Vec<NoticeId> = cx.select_ids(|_, ix| {
            let open = |i: &NoticeId| status[i.index()].is_current();
            ix.notices_by_date.iter().copied().filter(open).collect()
        });
        let plan: Vec<PlanId> =
            cx.select_ids(|_, ix| ix.plans_by_year.first().copied().into_iter().collect());
        let plan = plan.first().map(|&i| cx.card(i));
        let latest = cards(cx, &latest);
        let featured = cards(cx, &featured);
        let deeds = cards(cx, &deeds);
        let active_total = active.len();
        let active = cards(cx, &active[..active.len().min(4)]);
        let open = cards(cx, &open);
        let fields = field_links(cx);
        let title = cx.settings().title.clone();
        cx.render("home.html", head("/", &title, "home"), || {
            context! {
                latest_honours => latest_honours,
                plan => plan,
                latest_awards => latest,
                featured => featured,
                good_deeds => deeds,
                active_total => active_total,
                active_movements => active,
                open_notices => open,
                years => Serde(years),
                fields => Serde(fields),
            }
        })
    }
}

/// The cards of records, one by one (each card as it is, without its list's HTML).
fn cards<I: RecordId>(cx: &mut Reader<'_, '_, '_>, ids: &[I]) -> Vec<Value> {
    ids.iter().map(|&i| cx.card(i)).collect()
}

/// Every record of one kind.
struct KindList<I>(std::marker::PhantomData<I>);

impl<I> Default for KindList<I> {
    fn default() -> Self {
        KindList(std::marker::PhantomData)
    }
}

impl<I: RecordId> Page for KindList<I> {
    fn kind(&self) -> &'static str {
        "list"
    }

    fn id(&self, _r: &Renderer<'_>) -> String {
        I::KIND.key().to_string()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().list(I::KIND))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, r.records.count(I::KIND))
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let kind = I::KIND;
        let order = cx.order::<I>();
        let title = cx.text("sections", kind.key());
        let Some((url, range, pager)) = cx.paginate(order.len()) else {
            return Ok(Vec::new());
        };
        let items = cx.cards(&order[range]);
        cx.render("list.html", head(&url, &title, kind.key()), || {
            context! {
                kind => kind.key(),
                items => items,
                total => order.len(),
                pager => Serde(pager),
            }
        })
    }
}

/// All records of one kind within a year or field, when the overview shows only some.
struct SubList<I> {
    /// The overview page it belongs to, and its label.
    parent: (String, String),
    items: Vec<I>,
}

/// The full list of `items` under an overview page, when the overview shows only some.
fn sub_list<I: RecordId>(
    pages: &mut Vec<Arc<dyn Page>>,
    overview: String,
    parent: &str,
    items: &[I],
) {
    if items.len() > PREVIEW {
        pages.push(Arc::new(SubList {
            parent: (overview, parent.to_string()),
            items: items.to_vec(),
        }));
    }
}

/// The full lists behind the overviews of years and fields.
fn sub_lists(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    let at = r.at();
    for (y, yi) in &r.ix.years {
        let parent = format!("{} {}", r.strings_get("ui", "year"), y.0);
        let YearIndex {
            plans,
            movements,
            people,
            awards,
            notices,
            honours: _,
        } = yi;
        let year = at.year(y.0);
        sub_list(pages, year.clone(), &parent, plans);
        sub_list(pages, year.clone(), &parent, movements);
        sub_list(pages, year.clone(), &parent, people);
        sub_list(pages, year.clone(), &parent, awards);
        sub_list(pages, year, &parent, notices);
    }
    for (term, fi) in r.settings.fields.iter().zip(&r.ix.fields) {
        let base = at.field(&term.slug);
        sub_list(pages, base.clone(), &term.label, &fi.movements);
        sub_list(pages, base.clone(), &term.label, &fi.people);
        sub_list(pages, base.clone(), &term.label, &fi.awards);
        sub_list(pages, base, &term.label, &fi.notices);
    }
}

impl<I: RecordId> Page for SubList<I> {
    fn kind(&self) -> &'static str {
        "sub-list"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.at().sub_list(&self.parent.0, I::KIND)
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().sub_list(&self.parent.0, I::KIND))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, self.items.len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let kind = I::KIND;
        let title = format!("{} – {}", cx.text("sections", kind.key()), self.parent.1);
        let Some((url, range, pager)) = cx.paginate(self.items.len()) else {
            return Ok(Vec::new());
        };
        let items = cx.cards(&self.items[range]);
        let (parent_url, parent_label) = &self.parent;
        cx.render("list.html", head(&url, &title, kind.key()), || {
            context! {
                kind => kind.key(),
                items => items,
                total => self.items.len(),
                pager => Serde(pager),
                parent => context! { url => parent_url, label => parent_label },
            }
        })
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
        let total: usize = letters.iter().map(|l| l.entries.len()).sum();
        // Small sites show everyone on one page; large ones link to the letters.
        let mut groups = Vec::new();
        if total <= HONOUR_ROLL_ON_ONE_PAGE {
            for l in letters {
                let entries = cx.roll_entries(&l.entries);
                groups.push(context! {
                    letter => letter_label(cx, l),
                    slug => l.slug.clone(),
                    entries => entries,
                });
            }
        }
        // With everyone on this page, letters jump to their section.
        let letters = letter_links(cx, !groups.is_empty());
        let browse = browse_links(cx);
        cx.render(
            "honour_roll.html",
            head(&cx.at().honour_roll(), &title, "honour_roll"),
            || {
                context! {
                    letters => Serde(letters),
                    groups => groups,
                    total => total,
                    browse => browse,
                }
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
        pages_for(r, r.ix.honour_roll[self.0].entries.len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let letter = &cx.letters()[self.0];
        let label = letter_label(cx, letter);
        let title = format!("{} – {label}", cx.text("sections", "honour_roll"));
        let Some((url, range, pager)) = cx.paginate(letter.entries.len()) else {
            return Ok(Vec::new());
        };
        let links = letter_links(cx, false);
        let entries = cx.roll_entries(&letter.entries[range]);
        cx.render(
            "honour_roll.html",
            head(&url, &title, "honour_roll"),
            || {
                context! {
                    letters => Serde(links),
                    current => label.clone(),
                    groups => vec![context! {
                        letter => label,
                        slug => letter.slug.clone(),
                        entries => entries,
                    }],
                    total => letter.entries.len(),
                    pager => Serde(pager),
                }
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
        cx.render("404.html", head("/404.html", &title, "404"), || context! {})
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

/// Plain links that narrow the honour roll and the search without a script: the pages of
/// each year, field and form, the honour roll's sections (people, households, collectives,
/// villages: those it has) and the units (template `browse.html`).
pub(super) fn browse_links(cx: &mut Reader<'_, '_, '_>) -> minijinja::Value {
    let at = cx.at();
    let years = year_links(cx);
    let fields: Vec<Link> = field_links(cx)
        .into_iter()
        .filter(|l| l.count.is_some_and(|n| n > 0))
        .collect();
    let settings = cx.settings();
    let forms: Vec<Link> = cx
        .forms_shown()
        .iter()
        .map(|&f| Link {
            label: settings[f].label.clone(),
            url: at.form(&settings[f].slug),
            count: None,
        })
        .collect();
    let letters = cx.letters();
    let mut sections = Vec::new();
    if let Some(first) = letters.iter().find(|l| l.section.is_none()) {
        sections.push(Link {
            label: cx.text("subjects", "ca-nhan"),
            url: at.letter(&first.slug),
            count: None,
        });
    }
    for l in letters.iter().filter(|l| l.section.is_some()) {
        sections.push(Link {
            label: letter_label(cx, l),
            url: at.letter(&l.slug),
            count: Some(l.entries.len()),
        });
    }
    minijinja::context! {
        years => Serde(years),
        fields => Serde(fields),
        forms => Serde(forms),
        sections => Serde(sections),
    }
}

/// The heading of a letter of the honour roll: the letter, or the section of households,
/// collectives or villages in the site's language.
fn letter_label(cx: &Reader<'_, '_, '_>, l: &crate::index::Letter) -> String {
    match l.section {
        Some(s) => cx.text("roll_sections", s.key()),
        None => l.letter.clone(),
    }
}

/// The honour roll's letters, as links to their pages or (`anchors`) to their sections.
fn letter_links(cx: &mut Reader<'_, '_, '_>, anchors: bool) -> Vec<Link> {
    let at = cx.at();
    cx.letters()
        .iter()
        .map(|l| Link {
            label: letter_label(cx, l),
            url: if anchors {
                at.letter_anchor(&l.slug)
            } else {
                at.letter(&l.slug)
            },
            count: Some(l.entries.len()),
        })
        .collect()
}
