//! Resolve stage: parsed front matter into the typed model. Every reference (field, level,
//! body, form, movement, person, decision) is checked; every problem is collected.

use crate::config::Settings;
use crate::error::{Diagnostic, Diagnostics};
use crate::frontmatter::AnyFm;
use crate::load::Loaded;
use crate::model::*;
use crate::source::SourceFile;
use crate::text;
use std::collections::HashMap;

/// Site-relative URL of a record.
pub fn record_url(settings: &Settings, kind: Kind, slug: &str) -> String {
    let p = &settings.paths;
    let section = match kind {
        Kind::Plan => &p.plans,
        Kind::Movement => &p.movements,
        Kind::Person => &p.people,
        Kind::Award => &p.awards,
        Kind::Notice => &p.notices,
        Kind::Page => return format!("/{slug}/"),
    };
    format!("/{section}/{slug}/")
}

struct Ctx<'a> {
    settings: &'a Settings,
    movements: HashMap<&'a str, usize>,
    people: HashMap<&'a str, usize>,
    awards: HashMap<&'a str, usize>,
    diags: &'a mut Diagnostics,
}

impl Ctx<'_> {
    fn field_list(&mut self, src: &SourceFile, slugs: &[String]) -> Vec<usize> {
        let mut out = Vec::with_capacity(slugs.len());
        for s in slugs {
            if let Some(i) = find(self.diags, src, "field", s, &self.settings.field_ix) {
                if !out.contains(&i) {
                    out.push(i)
                }
            }
        }
        out
    }

    fn level(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(self.diags, src, "level", slug, &self.settings.level_ix)
    }

    fn body(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            self.diags,
            src,
            "issuing body",
            slug,
            &self.settings.body_ix,
        )
    }

    fn form(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            self.diags,
            src,
            "form or title",
            slug,
            &self.settings.form_ix,
        )
    }

    fn movement(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(self.diags, src, "movement", slug, &self.movements)
    }

    fn person(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(self.diags, src, "person", slug, &self.people)
    }

    fn award(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(self.diags, src, "decision", slug, &self.awards)
    }

    fn require_fields(&mut self, src: &SourceFile, fields: &[usize], written: &[String]) {
        if fields.is_empty() && written.is_empty() {
            self.diags.push(
                Diagnostic::error(&src.path, src.line_of_key("fields").max(1), "no field (lĩnh vực) is given")
                    .with_hint("add fields = [\"...\"] with at least one field slug from site.toml, e.g. fields = [\"van-hoa\"]"),
            );
        }
    }
}

/// Looks a slug up in one of the slug maps; an unknown slug is reported at the line that
/// names it, with the closest existing slugs.
fn find<K>(
    diags: &mut Diagnostics,
    src: &SourceFile,
    what: &str,
    slug: &str,
    map: &HashMap<K, usize>,
) -> Option<usize>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let found = map.get(slug).copied();
    if found.is_none() {
        let candidates: Vec<&str> = map.keys().map(|k| k.borrow()).collect();
        diags.push(
            Diagnostic::error(
                &src.path,
                src.line_of_value(slug),
                format!("unknown {what} \"{slug}\""),
            )
            .with_hint(text::did_you_mean(slug, candidates.iter().copied())),
        );
    }
    found
}

fn meta(
    settings: &Settings,
    l: &Loaded,
    title: String,
    summary: Option<String>,
    draft: bool,
) -> Meta {
    Meta {
        kind: l.kind,
        slug: l.slug.clone(),
        path: l.source.path.clone(),
        url: record_url(settings, l.kind, &l.slug),
        title,
        summary,
        body_html: l.body.html.clone(),
        has_code: l.body.has_code,
        draft,
    }
}

/// Resolves every loaded record. Records with errors are left out; the diagnostics say why.
pub fn resolve(settings: &Settings, mut loaded: Vec<Loaded>, diags: &mut Diagnostics) -> Records {
    loaded.sort_by(|a, b| (a.kind, &a.source.path).cmp(&(b.kind, &b.source.path)));
    check_duplicate_slugs(settings, &loaded, diags);

    let slugs_of = |kind: Kind| -> HashMap<&str, usize> {
        loaded
            .iter()
            .filter(|l| l.kind == kind)
            .enumerate()
            .map(|(i, l)| (l.slug.as_str(), i))
            .collect()
    };
    let movements = slugs_of(Kind::Movement);
    let people = slugs_of(Kind::Person);
    let awards = slugs_of(Kind::Award);
    // A record with a broken reference keeps its place (with index 0 in that slot) so the
    // other indices stay right; a build with errors stops before rendering anyway.
    let mut ctx = Ctx {
        settings,
        movements,
        people,
        awards,
        diags,
    };
    let mut records = Records::default();

    for l in &loaded {
        let src = &l.source;
        match &l.fm {
            AnyFm::Plan(f) => {
                let issuer = ctx.body(src, &f.issuer);
                let movements = f
                    .movements
                    .iter()
                    .filter_map(|m| ctx.movement(src, m))
                    .collect();
                records.plans.push(Plan {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    year: f.year,
                    theme: f.theme.clone(),
                    number: f.number.clone(),
                    date: f.date,
                    issuer: issuer.unwrap_or(0),
                    signer: f.signer.clone(),
                    signer_position: f.signer_position.clone(),
                    movements,
                });
            }
            AnyFm::Movement(f) => {
                let level = ctx.level(src, &f.level);
                let fields = ctx.field_list(src, &f.fields);
                ctx.require_fields(src, &fields, &f.fields);
                if let Some(end) = f.end {
                    if end < f.start {
                        ctx.diags.push(
                            Diagnostic::error(
                                &src.path,
                                src.line_of_key("end"),
                                format!("the movement ends ({end}) before it starts ({})", f.start),
                            )
                            .with_hint("check the start and end dates"),
                        );
                    }
                }
                records.movements.push(Movement {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    kind: f.kind,
                    level: level.unwrap_or(0),
                    launched_by: f.launched_by.clone(),
                    document: f.document.clone(),
                    document_date: f.document_date,
                    document_title: f.document_title.clone(),
                    start: f.start,
                    end: f.end,
                    slogan: f.slogan.clone(),
                    fields,
                });
            }
            AnyFm::Person(f) => {
                let fields = ctx.field_list(src, &f.fields);
                ctx.require_fields(src, &fields, &f.fields);
                let movements = f
                    .movements
                    .iter()
                    .filter_map(|m| ctx.movement(src, m))
                    .collect();
                let given = f
                    .given_name
                    .clone()
                    .unwrap_or_else(|| text::default_given_name(&f.name).to_string());
                if !f.name.trim_end().ends_with(given.as_str()) {
                    ctx.diags.push(
                        Diagnostic::error(&src.path, src.line_of_key("given_name"), format!("given_name \"{given}\" is not the end of the name \"{}\"", f.name))
                            .with_hint("given_name is the last part of the full name, e.g. name = \"Trần Bình Minh\", given_name = \"Bình Minh\""),
                    );
                }
                if f.photo.is_some() && !f.consent {
                    ctx.diags.push(
                        Diagnostic::error(&src.path, src.line_of_key("photo"), "a photo cannot be published without recorded consent")
                            .with_hint("set consent = true once the person (or family) has agreed in writing, or remove the photo"),
                    );
                }
                records.people.push(Person {
                    meta: meta(settings, l, f.name.clone(), f.summary.clone(), f.draft),
                    name: f.name.clone(),
                    given_name: given,
                    subject: f.subject,
                    role: f.role.clone(),
                    unit: f.unit.clone(),
                    fields,
                    movements,
                    year: f.year,
                    good_deed: f.good_deed,
                    featured: f.featured,
                    consent: f.consent,
                    photo: f.photo.clone(),
                });
            }
            AnyFm::Award(f) => {
                let issuer = ctx.body(src, &f.issuer);
                let level = match &f.level {
                    Some(lv) => ctx.level(src, lv),
                    None => issuer
                        .and_then(|i| settings.level_ix.get(&settings.bodies[i].level).copied()),
                };
                let movement = f.movement.as_deref().and_then(|m| ctx.movement(src, m));
                let fields = ctx.field_list(src, &f.fields);
                ctx.require_fields(src, &fields, &f.fields);
                if f.recipients.is_empty() {
                    ctx.diags.push(
                        Diagnostic::error(
                            &src.path,
                            src.line_of_key("number"),
                            "the decision has no recipients",
                        )
                        .with_hint(
                            "add one [[recipients]] block per person or collective honoured",
                        ),
                    );
                }
                let mut recipients = Vec::with_capacity(f.recipients.len());
                for r in &f.recipients {
                    let form = ctx.form(src, &r.form);
                    let person = r.person.as_deref().and_then(|p| ctx.person(src, p));
                    recipients.push(Recipient {
                        name: r.name.clone(),
                        subject: r.subject,
                        position: r.position.clone(),
                        unit: r.unit.clone(),
                        form: form.unwrap_or(0),
                        achievement: r.achievement.clone(),
                        posthumous: r.posthumous,
                        amount: r.amount,
                        person,
                    });
                }
                let title = match &f.title {
                    Some(t) => format!("Quyết định số {} – {t}", f.number),
                    None => format!("Quyết định số {}", f.number),
                };
                records.awards.push(Award {
                    meta: meta(settings, l, title, f.summary.clone(), f.draft),
                    number: f.number.clone(),
                    date: f.date,
                    issuer: issuer.unwrap_or(0),
                    level: level.unwrap_or(0),
                    signer: f.signer.clone(),
                    signer_position: f.signer_position.clone(),
                    award_type: f.award_type,
                    movement,
                    fields,
                    year: f.year,
                    pdf: f.pdf.clone(),
                    recipients,
                });
            }
            AnyFm::Notice(f) => {
                let fields = ctx.field_list(src, &f.fields);
                let decision = f.decision.as_deref().and_then(|d| ctx.award(src, d));
                if f.deadline < f.posted {
                    ctx.diags.push(
                        Diagnostic::error(&src.path, src.line_of_key("deadline"), format!("the comment deadline {} is before the posting date {}", f.deadline, f.posted))
                            .with_hint("the deadline must come after the list is posted (at least 10 days for Gia đình văn hóa)"),
                    );
                }
                let mut nominees = Vec::with_capacity(f.nominees.len());
                for n in &f.nominees {
                    let form = ctx.form(src, &n.form);
                    nominees.push(Nominee {
                        name: n.name.clone(),
                        subject: n.subject,
                        unit: n.unit.clone(),
                        form: form.unwrap_or(0),
                        achievement: n.achievement.clone(),
                    });
                }
                records.notices.push(Notice {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    year: f.year,
                    posted: f.posted,
                    place: f.place.clone(),
                    deadline: f.deadline,
                    contact: f.contact.clone(),
                    decision,
                    fields,
                    nominees,
                });
            }
            AnyFm::Page(f) => {
                records.pages.push(Page {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    menu: f.menu,
                    weight: f.weight,
                });
            }
        }
    }
    check_decision_identity(&records, settings, ctx.diags);
    records
}

fn check_duplicate_slugs(settings: &Settings, loaded: &[Loaded], diags: &mut Diagnostics) {
    let mut seen: HashMap<(Kind, &str), &Loaded> = HashMap::new();
    for l in loaded {
        if let Some(first) = seen.insert((l.kind, l.slug.as_str()), l) {
            diags.push(
                Diagnostic::error(
                    &l.source.path,
                    1,
                    format!(
                        "two records have the slug \"{}\": this file and {}",
                        l.slug,
                        first.source.path.display()
                    ),
                )
                .with_hint(
                    "rename one file, or give it its own slug = \"...\" in the front matter",
                ),
            );
        }
    }
    let p = &settings.paths;
    let reserved = [
        &p.plans,
        &p.movements,
        &p.people,
        &p.awards,
        &p.notices,
        &p.years,
        &p.fields,
        &p.forms,
        &p.units,
        &p.honour_roll,
    ];
    for l in loaded.iter().filter(|l| l.kind == Kind::Page) {
        if reserved.iter().any(|r| r.as_str() == l.slug)
            || ["assets", "static", "404"].contains(&l.slug.as_str())
        {
            diags.push(
                Diagnostic::error(
                    &l.source.path,
                    1,
                    format!(
                        "the page slug \"{}\" is used by a section of the site",
                        l.slug
                    ),
                )
                .with_hint("rename the file or set another slug = \"...\""),
            );
        }
    }
}

fn check_decision_identity(records: &Records, settings: &Settings, diags: &mut Diagnostics) {
    let mut seen: HashMap<(String, usize, i32), &Award> = HashMap::new();
    for a in &records.awards {
        let key = (
            text::fold(&a.number).replace(' ', ""),
            a.issuer,
            a.date.year,
        );
        if let Some(first) = seen.insert(key, a) {
            let issuer = settings
                .bodies
                .get(a.issuer)
                .map(|b| b.label.as_str())
                .unwrap_or("");
            diags.push(
                Diagnostic::error(&a.meta.path, 0, format!("decision number {} of {issuer} in {} is also used by {}", a.number, a.date.year, first.meta.path.display()))
                    .with_hint("decision numbers restart each year but are unique within a year and issuer; check the number"),
            );
        }
    }
}
