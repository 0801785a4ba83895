//! A record's own page: a plan, a movement, a person, a decision, a notice, a free page.

use super::Page;
use crate::error::Result;
use crate::model::{AwardId, MovementId, NoticeId, PageId, PersonId, PlanId};
use crate::render::reader::Reader;
use crate::render::renderer::{record_head, Renderer};
use crate::render::view;
use crate::render::OutputFile;
use minijinja::context;
use minijinja::value::{Serde, Value};
use std::sync::Arc;

/// Lists the record pages.
pub(super) fn add(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    let r = r.records;
    pages.extend(r.ids().map(|i| Arc::new(PlanPage(i)) as Arc<dyn Page>));
    pages.extend(r.ids().map(|i| Arc::new(MovementPage(i)) as Arc<dyn Page>));
    pages.extend(r.ids().map(|i| Arc::new(PersonPage(i)) as Arc<dyn Page>));
    pages.extend(r.ids().map(|i| Arc::new(AwardPage(i)) as Arc<dyn Page>));
    pages.extend(r.ids().map(|i| Arc::new(NoticePage(i)) as Arc<dyn Page>));
    pages.extend(r.ids().map(|i| Arc::new(FreePage(i)) as Arc<dyn Page>));
}

/// The record's body, trusted HTML (sanitised when it was loaded).
fn body(html: &str) -> Value {
    Value::from_safe_string(html.to_string())
}

/// The key and address of a record page: the record's own address.
macro_rules! record_address {
    () => {
        fn id(&self, r: &Renderer<'_>) -> String {
            r.records[self.0].meta.url.clone()
        }
        fn address(&self, r: &Renderer<'_>) -> Option<String> {
            Some(r.records[self.0].meta.url.clone())
        }
    };
}

/// A plan of the year.
struct PlanPage(PlanId);

impl Page for PlanPage {
    fn kind(&self) -> &'static str {
        "plan"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let pl = cx.plan(self.0);
        let movements = cx.cards(&pl.movements);
        let head = record_head(
            &pl.meta,
            &pl.meta.title,
            "plans",
            pl.meta.summary.as_deref(),
        );
        let record = cx.card(self.0);
        let history = cx.history(&pl.meta);
        cx.render("plan.html", head, || {
            context! {
                record => record,
                body => body(&pl.meta.body_html),
                signer => pl.signer.clone(),
                signer_position => pl.signer_position.clone(),
                movements => movements,
                sources => Serde(&pl.meta.sources),
                history_html => history,
            }
        })
    }
}

/// A movement.
struct MovementPage(MovementId);

impl Page for MovementPage {
    fn kind(&self) -> &'static str {
        "movement"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let m = cx.movement(self.0);
        let mi = cx.movement_links(self.0);
        let level = &cx.settings()[m.level].label;
        let plans = cx.cards(&mi.plans);
        let people = cx.cards(&mi.people);
        let awards = cx.cards(&mi.awards);
        let (honours, honours_total) = cx.first_honours(&mi.awards, MOVEMENT_HONOURS);
        let parent = m.parent.map(|p| cx.card(p));
        let children = cx.cards(&mi.children);
        let head = record_head(
            &m.meta,
            &m.meta.title,
            "movements",
            m.meta.summary.as_deref().or(m.slogan.as_deref()),
        );
        let record = cx.card(self.0);
        let history = cx.history(&m.meta);
        cx.render("movement.html", head, || {
            context! {
                record => record,
                body => body(&m.meta.body_html),
                kind => m.kind.key(),
                level => level,
                slogan => m.slogan.clone(),
                document => m.document.clone(),
                document_date => m.document_date.map(|d| d.vietnamese()),
                document_title => m.document_title.clone(),
                launched_by => m.launched_by.clone(),
                start => m.start.vietnamese(),
                end => m.end.map(|d| d.vietnamese()),
                plans => plans,
                people => people,
                awards => awards,
                honours => honours,
                honours_total => honours_total,
                honours_more => honours_total.saturating_sub(MOVEMENT_HONOURS),
                parent => parent,
                children => children,
                locality => m.place.clone(),
                sources => Serde(&m.meta.sources),
                history_html => history,
            }
        })
    }
}

/// An exemplary person or good deed: the story only with the person's consent.
struct PersonPage(PersonId);

impl Page for PersonPage {
    fn kind(&self) -> &'static str {
        "person"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let pe = cx.person(self.0);
        let story = pe.consent || pe.meta.body_html.is_empty();
        let movements = cx.cards(&pe.movements);
        let honours = cx.person_awards(self.0);
        let honours = super::honourees::award_texts(cx, honours);
        // The person's own name needs no link to the page it is on.
        let awards = cx.person_rows(self.0);
        let head = record_head(&pe.meta, &pe.name, "people", pe.meta.summary.as_deref());
        let record = cx.card(self.0);
        let history = cx.history(&pe.meta);
        let photo = pe.photo.as_ref().filter(|_| pe.consent);
        cx.render("person.html", head, || {
            let variants = photo.map(|p| p.variants(&pe.meta.slug)).unwrap_or_default();
            let srcset = |webp: bool| {
                let each = variants.iter().map(|v| {
                    let url = if webp { &v.webp } else { &v.jpeg };
                    format!("{url} {}w", v.width)
                });
                each.collect::<Vec<_>>().join(", ")
            };
            // The smallest copy is the one shown (and its size the one reserved); the
            // widest is the link-preview image.
            let portrait = variants.first().map(|small| {
                context! {
                    src => small.jpeg.clone(),
                    srcset => srcset(false),
                    webp_srcset => srcset(true),
                    sizes => format!("{}px", small.width),
                    width => small.width,
                    height => small.height,
                }
            });
            context! {
                record => record,
                body => if story { body(&pe.meta.body_html) } else { Value::from(()) },
                consent => pe.consent,
                photo => variants.last().map(|v| v.jpeg.clone()),
                portrait => portrait,
                movements => movements,
                honours => honours,
                awards => awards,
                locality => pe.place.clone(),
                sources => Serde(&pe.meta.sources),
                history_html => history,
            }
        })
    }
}

/// How many honours a movement's page names at its top (the rest are in its decisions).
const MOVEMENT_HONOURS: usize = 20;

/// A decision on commendation, with its recipients.
struct AwardPage(AwardId);

impl Page for AwardPage {
    fn kind(&self) -> &'static str {
        "award"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let a = cx.award(self.0);
        let s = cx.settings();
        let rows = cx.decision_rows(self.0);
        // Rewards of honours a later decision cancelled or replaced are recovered (Luật Thi
        // đua, khen thưởng 2022, Chương VII): the total is of those in force, and what was
        // recovered is said beside it.
        let (mut total, mut recovered) = (0u64, 0u64);
        for (k, x) in a.recipients.iter().enumerate() {
            let amount = x.amount.unwrap_or(0);
            if cx.records_standing(self.0, k).counts() {
                total += amount;
            } else {
                recovered += amount;
            }
        }
        let movement = a.movement.map(|m| cx.card(m));
        let notices = cx.award_notices(self.0);
        let notices = cx.cards(notices);
        // Later decisions that changed this one, and what this one changes.
        let mut changed_by = Vec::new();
        for &(b, ci) in &a.changed_by {
            let by = cx.award(b);
            let c = &by.changes[ci];
            let names: Vec<String> = c
                .targets
                .iter()
                .map(|&k| a.recipients[k].name.clone())
                .collect();
            changed_by.push(context! {
                action => c.action.key(),
                url => by.meta.url.clone(),
                number => by.number_text().to_string(),
                date => by.date.vietnamese(),
                names => names,
                reason => c.reason.clone(),
            });
        }
        let mut changes = Vec::new();
        for c in &a.changes {
            let target = cx.award(c.decision);
            let mut new = Vec::new();
            if let Some(n) = &c.name {
                new.push(n.clone());
            }
            if let Some(f) = c.form {
                new.push(s[f].label.clone());
            }
            if let Some(x) = &c.achievement {
                new.push(x.clone());
            }
            changes.push(context! {
                action => c.action.key(),
                url => target.meta.url.clone(),
                title => target.meta.title.clone(),
                names => c.recipients.clone(),
                reason => c.reason.clone(),
                new => new,
            });
        }
        // Structured data for search engines: schema.org has no decision type, so a
        // decision is `Legislation` (its number, date, issuing body, legal force), and the
        // honours in force are what it is `about`, each a `Person` or an `Organization`
        // with the form as its `award`.
        let whole_cancelled = !a.recipients.is_empty()
            && (0..a.recipients.len()).all(|k| !cx.records_standing(self.0, k).counts());
        let about: Vec<serde_json::Value> = a
            .recipients
            .iter()
            .enumerate()
            .filter(|&(k, _)| cx.records_standing(self.0, k).counts())
            .map(|(_, x)| {
                let kind = if x.subject == crate::model::Subject::Individual {
                    "Person"
                } else {
                    "Organization"
                };
                serde_json::json!({"@type": kind, "name": x.name, "award": s[x.form].label})
            })
            .collect();
        let mut json_ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": a.meta.title,
            "legislationType": "Quyết định khen thưởng",
            "legislationDate": a.date.iso(),
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": s[a.issuer].label},
            "legislationJurisdiction": s.commune,
            "legislationLegalForce": if whole_cancelled { "NotInForce" } else { "InForce" },
            "inLanguage": s.language,
            "url": format!("{}{}", s.base_url, a.meta.url),
            "about": about,
        });
        if let Some(n) = &a.number {
            json_ld["legislationIdentifier"] = serde_json::Value::String(n.clone());
        }
        let head = record_head(&a.meta, &a.meta.title, "awards", a.meta.summary.as_deref());
        let record = cx.card(self.0);
        let history = cx.history(&a.meta);
        cx.render("award.html", head, || {
            context! {
                record => record,
                body => body(&a.meta.body_html),
                level => s[a.level].label.clone(),
                signer => a.signer.clone(),
                signer_position => a.signer_position.clone(),
                award_type => a.award_type.key(),
                achievement_year => a.year,
                movement => movement,
                pdf => a.pdf.clone(),
                pdf_size => a.pdf_facts.as_ref().map(|(n, _)| format_size(*n)),
                pdf_sha256 => a.pdf_facts.as_ref().map(|(_, h)| h.clone()),
                recipients => rows,
                total_amount => (total > 0 || recovered > 0).then(|| view::money(total, &s.language)),
                recovered_amount => (recovered > 0).then(|| view::money(recovered, &s.language)),
                long_date => a.date.long(&s.language),
                place => s.place_of(a.issuer),
                notices => notices,
                campaign => a.campaign.clone(),
                locality => a.place.clone(),
                changed_by => changed_by,
                changes => changes,
                sources => Serde(&a.meta.sources),
                history_html => history,
                json_ld => Serde(&json_ld),
            }
        })
    }
}

/// A public notice of nominees before a decision.
struct NoticePage(NoticeId);

impl Page for NoticePage {
    fn kind(&self) -> &'static str {
        "notice"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let n = cx.notice(self.0);
        let nominees: Vec<Value> = n
            .nominees
            .iter()
            .map(|x| {
                context! {
                    name => x.name.clone(),
                    subject => x.subject.key(),
                    unit => cx.unit_link(&x.unit),
                    form => cx.form_link(x.form),
                    achievement => x.achievement.clone(),
                    position => x.position.clone(),
                    posthumous => x.posthumous,
                    place => x.place.clone(),
                    sources => Serde(&x.sources),
                }
            })
            .collect();
        let decision = n.decision.map(|d| cx.card(d));
        let head = record_head(&n.meta, &n.meta.title, "notices", n.meta.summary.as_deref());
        let record = cx.card(self.0);
        let settings = cx.settings();
        let history = cx.history(&n.meta);
        cx.render("notice.html", head, || {
            context! {
                record => record,
                body => body(&n.meta.body_html),
                place => n.place.clone(),
                contact => n.contact.clone(),
                nominees => nominees,
                decision => decision,
                issuer => n.issuer.map(|b| settings[b].label.clone()),
                sources => Serde(&n.meta.sources),
                history_html => history,
            }
        })
    }
}

/// A free page (about, contact…).
struct FreePage(PageId);

impl Page for FreePage {
    fn kind(&self) -> &'static str {
        "page"
    }
    record_address!();

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let pg = cx.free_page(self.0);
        let head = record_head(&pg.meta, &pg.meta.title, "page", pg.meta.summary.as_deref());
        let record = cx.page_card(self.0);
        let history = cx.history(&pg.meta);
        cx.render("page.html", head, || {
            context! {
                record => record,
                body => body(&pg.meta.body_html),
                sources => Serde(&pg.meta.sources),
                history_html => history,
            }
        })
    }
}

/// `245 KB`, `1.2 MB`.
fn format_size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
