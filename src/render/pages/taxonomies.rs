//! Taxonomies: the years and each year, the fields and each field, the forms of
//! commendation and each form's recipients, the units and each unit.

use super::lists::{field_links, year_links, PREVIEW};
use super::{pages_for, Page};
use crate::error::Result;
use crate::model::{FieldId, FormId, RecordId, UnitId};
use crate::render::reader::Reader;
use crate::render::renderer::{head, Head, Renderer};
use crate::render::view::Link;
use crate::render::OutputFile;
use minijinja::context;
use minijinja::value::{Serde, Value};
use std::sync::Arc;

/// Lists the taxonomy pages.
pub(super) fn add(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.push(Arc::new(Years));
    pages.push(Arc::new(Fields));
    pages.push(Arc::new(Forms));
    pages.push(Arc::new(Units));
    pages.extend(
        r.ix.years
            .keys()
            .map(|y| Arc::new(YearPage(y.0)) as Arc<dyn Page>),
    );
    pages.extend(
        r.ix.years
            .iter()
            .filter(|(_, yi)| yi.honours.len() > YEAR_HONOURS)
            .map(|(y, _)| Arc::new(YearHonours(y.0)) as Arc<dyn Page>),
    );
    pages.extend(
        r.settings
            .field_ids()
            .map(|f| Arc::new(FieldPage(f)) as Arc<dyn Page>),
    );
    pages.extend(
        r.ix.forms_shown
            .iter()
            .map(|&f| Arc::new(FormPage(f)) as Arc<dyn Page>),
    );
    pages.extend(
        r.ix.unit_ids()
            .map(|u| Arc::new(UnitPage(u)) as Arc<dyn Page>),
    );
}

/// The first records of a kind on an overview page, with the link to all of them.
fn group<I: RecordId>(cx: &mut Reader<'_, '_, '_>, items: &[I], overview: &str) -> Value {
    let shown = &items[..items.len().min(PREVIEW)];
    let url = (items.len() > PREVIEW).then(|| cx.at().sub_list(overview, I::KIND));
    context! {
        items => cx.cards(shown),
        total => items.len(),
        url => url,
    }
}

/// The years with records.
struct Years;

impl Page for Years {
    fn kind(&self) -> &'static str {
        "years"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().years())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "years");
        let years = year_links(cx);
        cx.render(
            "years.html",
            head(&cx.url(), &title, "years"),
            || context! { years => Serde(years) },
        )
    }
}

/// One year: its plans, and the first movements, people, decisions and notices.
/// How many honours a year's page lists by name at its top.
const YEAR_HONOURS: usize = 100;

struct YearPage(i32);

impl Page for YearPage {
    fn kind(&self) -> &'static str {
        "year"
    }

    fn id(&self, _r: &Renderer<'_>) -> String {
        self.0.to_string()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().year(self.0))
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let y = self.0;
        let yi = cx.year(y);
        let title = format!("{} {y}", cx.text("ui", "year"));
        let mut recipients = 0;
        for &a in &yi.awards {
            recipients += cx.award(a).recipients.len();
        }
        let base = cx.url();
        // Names first: who was honoured this year, before the documents (the first rows;
        // the rest are in the decisions listed below).
        let shown = yi.honours.len().min(YEAR_HONOURS);
        let honours = cx.award_rows(&yi.honours[..shown]);
        let plans = group(cx, &yi.plans, &base);
        let movements = group(cx, &yi.movements, &base);
        let people = group(cx, &yi.people, &base);
        let awards = group(cx, &yi.awards, &base);
        let notices = group(cx, &yi.notices, &base);
        let years = year_links(cx);
        let honours_url = cx.at().year_honours(y);
        cx.render("year.html", head(&base, &title, "years"), || {
            context! {
                year => y,
                plans => plans,
                movements => movements,
                people => people,
                awards => awards,
                notices => notices,
                recipients_count => recipients,
                honours => honours,
                honours_total => yi.honours.len(),
                honours_more => yi.honours.len() - shown,
                honours_url => (yi.honours.len() > shown).then(|| honours_url.clone()),
                total => yi.total(),
                years => Serde(years),
            }
        })
    }
}

/// Everyone honoured in a year, page after page, when the year's page names only the first.
struct YearHonours(i32);

impl Page for YearHonours {
    fn kind(&self) -> &'static str {
        "year-honours"
    }

    fn id(&self, _r: &Renderer<'_>) -> String {
        self.0.to_string()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().year_honours(self.0))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        let honours = r.ix.years.get(&std::cmp::Reverse(self.0));
        pages_for(r, honours.map_or(0, |yi| yi.honours.len()))
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let y = self.0;
        let yi = cx.year(y);
        let Some((url, range, pager)) = cx.paginate(yi.honours.len()) else {
            return Ok(Vec::new());
        };
        let title = format!("{} {y}", cx.text("ui", "honoured_in_year"));
        let rows = cx.award_rows(&yi.honours[range]);
        let year_url = cx.at().year(y);
        cx.render("year_honours.html", head(&url, &title, "years"), || {
            context! {
                year => y,
                year_url => year_url,
                honours => rows,
                total => yi.honours.len(),
                pager => Serde(pager),
            }
        })
    }
}

/// The fields of the site.
struct Fields;

impl Page for Fields {
    fn kind(&self) -> &'static str {
        "fields"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().fields())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "fields");
        let fields = field_links(cx);
        cx.render(
            "fields.html",
            head(&cx.url(), &title, "fields"),
            || context! { fields => Serde(fields) },
        )
    }
}

/// One field: the first movements, people, decisions and notices in it.
struct FieldPage(FieldId);

impl Page for FieldPage {
    fn kind(&self) -> &'static str {
        "field"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.settings[self.0].slug.clone()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().field(&r.settings[self.0].slug))
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let fi = cx.field(self.0);
        let term = &cx.settings()[self.0];
        let base = cx.url();
        let (honours, honours_total) = cx.first_honours(&fi.awards, YEAR_HONOURS);
        let movements = group(cx, &fi.movements, &base);
        let people = group(cx, &fi.people, &base);
        let awards = group(cx, &fi.awards, &base);
        let notices = group(cx, &fi.notices, &base);
        cx.render(
            "field.html",
            Head {
                description: term.description.as_deref(),
                ..head(&base, &term.label, "fields")
            },
            || {
                context! {
                    field => Serde(term),
                    honours => honours,
                    honours_total => honours_total,
                    honours_more => honours_total.saturating_sub(YEAR_HONOURS),
                    movements => movements,
                    people => people,
                    awards => awards,
                    notices => notices,
                }
            },
        )
    }
}

/// The forms of commendation, with how many recipients each has.
struct Forms;

impl Page for Forms {
    fn kind(&self) -> &'static str {
        "forms"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().forms())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "forms");
        let at = cx.at();
        let counts = cx.form_counts();
        let settings = cx.settings();
        let forms: Vec<Value> = cx
            .forms_shown()
            .iter()
            .map(|&id| (&settings[id], counts[id.index()]))
            .map(|(f, count)| {
                context! {
                    label => f.label.clone(),
                    url => at.form(&f.slug),
                    kind => Serde(f.kind),
                    count => count,
                }
            })
            .collect();
        cx.render(
            "forms.html",
            head(&cx.url(), &title, "forms"),
            || context! { forms => forms },
        )
    }
}

/// The recipients of one form of commendation.
struct FormPage(FormId);

impl Page for FormPage {
    fn kind(&self) -> &'static str {
        "form"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.settings[self.0].slug.clone()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().form(&r.settings[self.0].slug))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, r.ix.forms[self.0].len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let form = &cx.settings()[self.0];
        let refs = cx.form_rows(self.0);
        let Some((url, range, pager)) = cx.paginate(refs.len()) else {
            return Ok(Vec::new());
        };
        let recipients = cx.award_rows(&refs[range]);
        cx.render("form.html", head(&url, &form.label, "forms"), || {
            context! {
                form => Serde(form),
                recipients => recipients,
                total => refs.len(),
                pager => Serde(pager),
            }
        })
    }
}

/// The units (villages, schools, associations) named by records.
struct Units;

impl Page for Units {
    fn kind(&self) -> &'static str {
        "units"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().units())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let title = cx.text("sections", "units");
        let at = cx.at();
        let units: Vec<Link> = cx
            .units()
            .iter()
            .map(|u| Link {
                label: u.label.clone(),
                url: at.unit(&u.slug),
                count: Some(u.count()),
            })
            .collect();
        cx.render(
            "units.html",
            head(&cx.url(), &title, "units"),
            || context! { units => Serde(units) },
        )
    }
}

/// One unit: what `[[units]]` says of it (its former names and units), its people and the
/// nominees of public notices (on the first page) and its recipients. Records that name a
/// former unit show it, with what it is now, in their unit's link.
struct UnitPage(UnitId);

impl Page for UnitPage {
    fn kind(&self) -> &'static str {
        "unit"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.ix[self.0].slug.clone()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().unit(&r.ix[self.0].slug))
    }

    fn pages(&self, r: &Renderer<'_>) -> usize {
        pages_for(r, r.ix[self.0].recipients.len())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let unit = cx.unit(self.0);
        let Some((url, range, pager)) = cx.paginate(unit.recipients.len()) else {
            return Ok(Vec::new());
        };
        let first = cx.page() == 1;
        let people = if first {
            cx.cards(&unit.people)
        } else {
            Vec::new()
        };
        // The nominees are shown as their notice shows them (name, kind, form, achievement),
        // with the notice they were posted in.
        let mut nominees: Vec<Value> = Vec::new();
        if first {
            for &(n, k) in &unit.nominees {
                let notice = cx.notice(n);
                let x = &notice.nominees[k];
                nominees.push(context! {
                    name => x.name.clone(),
                    subject => x.subject.key(),
                    unit => cx.unit_link(&x.unit),
                    form => cx.form_link(x.form),
                    achievement => x.achievement.clone(),
                    // Its card: the status on the build date and the dates the status
                    // script reads.
                    notice => cx.card(n),
                });
            }
        }
        let declared = unit.declared.map(|d| &cx.settings().unit_book.current()[d]);
        let recipients = cx.award_rows(&unit.recipients[range]);
        cx.render("unit.html", head(&url, &unit.label, "units"), || {
            context! {
                unit => unit.label.clone(),
                declared => declared.map(Serde),
                people => people,
                nominees => nominees,
                recipients => recipients,
                total => unit.recipients.len(),
                pager => Serde(pager),
            }
        })
    }
}
