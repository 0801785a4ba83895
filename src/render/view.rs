//! Borrowed-data views for templates: plain serialisable structs built once per record.

use super::address::Addresses;
use crate::config::Settings;
use crate::date::Date;
use crate::index::HonourRef;
use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub label: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

/// A record as it appears in lists.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Card {
    pub kind: &'static str,
    pub url: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Vietnamese-style date `dd/mm/yyyy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// ISO date for `<time datetime>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub fields: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    pub good_deed: bool,
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// A notice that is posted or about to be and has no decision yet (upcoming or open on
    /// the build date).
    pub open: bool,
    /// A notice's status on the build date: `upcoming`, `open`, `closed` or `decided`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Days left to comment, the build date and the deadline's last day included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// A notice's first day posted and its deadline's last day, ISO, for the status script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posted_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_to: Option<String>,
}

/// Where a notice stands on a day. Partial dates count at their widest: a notice posted in
/// "11/2024" is posted from 1 November, a deadline of "12/2024" runs to 31 December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NoticeStatus {
    /// Before the day it is posted.
    Upcoming,
    /// Posted and taking comments; the days left, the day itself and the deadline included
    /// (1 on the deadline), none when the notice gives no deadline.
    Open(Option<i64>),
    /// The deadline has passed and no decision is linked.
    Closed,
    /// A decision is linked (whatever the day).
    Decided,
}

impl NoticeStatus {
    /// The status of notice `n` on `today`.
    pub(crate) fn of(n: &Notice, today: Date) -> NoticeStatus {
        NoticeStatus::on(n.posted, n.deadline, n.decision.is_some(), today)
    }

    /// The status on `today` of a notice posted on `posted` until `deadline`.
    fn on(posted: Date, deadline: Option<Date>, decided: bool, today: Date) -> NoticeStatus {
        if decided {
            return NoticeStatus::Decided;
        }
        if today < posted.first_day() {
            return NoticeStatus::Upcoming;
        }
        match deadline.map(crate::config::last_day) {
            None => NoticeStatus::Open(None),
            Some(end) if today <= end => NoticeStatus::Open(Some(end.days() - today.days() + 1)),
            Some(_) => NoticeStatus::Closed,
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            NoticeStatus::Upcoming => "upcoming",
            NoticeStatus::Open(_) => "open",
            NoticeStatus::Closed => "closed",
            NoticeStatus::Decided => "decided",
        }
    }

    /// Upcoming or open: the notices the home page shows.
    pub(crate) fn is_current(self) -> bool {
        matches!(self, NoticeStatus::Upcoming | NoticeStatus::Open(_))
    }
}

/// One row of a recipients table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecipientRow {
    pub name: String,
    pub subject: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Link>,
    pub form: Link,
    pub achievement: String,
    pub posthumous: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_url: Option<String>,
    /// The recipient's commune, district or province, when not the site's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Where the recipient's facts were found.
    pub sources: Vec<Source>,
    /// `hieu-luc`, `da-sua-doi`, `da-huy-bo` or `da-thay-the`, after later decisions.
    pub standing: &'static str,
    /// No longer in force (cancelled or replaced): the name is struck through.
    pub struck: bool,
    /// The later decision that set its standing, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeNote>,
    /// The decision, on pages that list recipients of many decisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award: Option<AwardRef>,
}

/// Someone on the honour roll: once, with every honour they hold.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RollEntry {
    pub name: String,
    pub url: String,
    pub subject: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Link>,
    /// The honours in force, newest first.
    pub honours: Vec<RollHonour>,
}

/// One honour of an honour-roll entry: the form and its decision.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RollHonour {
    pub form: Link,
    pub award: AwardRef,
}

/// A later decision's change to a recipient, as its row says it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeNote {
    /// "Đã bị hủy bỏ bởi Quyết định số", "Được sửa đổi bởi Quyết định số"…
    pub label: String,
    pub number: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AwardRef {
    /// The decision's page; empty for an honour recorded without its decision.
    pub url: String,
    pub number: String,
    pub date: String,
    pub iso_date: String,
    pub year: i32,
    pub issuer: String,
    /// Recorded from another source (`[[honours]]` of a person): no page in this site.
    pub recorded: bool,
    /// Where a recorded honour was found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<crate::model::Source>,
}

/// Builds views from the model; holds the settings and records they need.
pub(crate) struct Views<'a> {
    pub settings: &'a Settings,
    pub records: &'a Records,
    /// Who each recipient is: a row's name links to their page.
    pub honourees: &'a crate::identity::Identities,
    /// What a row says of each kind of change (`changes` in the strings), by
    /// `ChangeAction` order.
    pub change_labels: [String; 4],
    /// Page addresses worked out once: tens of thousands of rows link to a few hundred
    /// units, forms and fields. A unit's link by the name a record gives it (none when the
    /// name makes no page).
    unit_links: HashMap<&'a str, Option<Link>>,
    form_urls: PerId<FormId, String>,
    field_urls: PerId<FieldId, String>,
    /// Each notice's status on the build date.
    pub notice_status: Vec<NoticeStatus>,
}

pub(crate) fn money(amount: u64, language: &str) -> String {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(amount);
    let sep = if language == "vi" { '.' } else { ',' };
    let mut out = String::with_capacity(digits.len() * 4 / 3 + 5);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out.push_str(" ₫");
    out
}

impl<'a> Views<'a> {
    pub(crate) fn new(
        settings: &'a Settings,
        records: &'a Records,
        honourees: &'a crate::identity::Identities,
        today: Date,
    ) -> Views<'a> {
        let at = Addresses::new(&settings.paths);
        // Every name a unit link is made for: the index gives each of them a page.
        let mut unit_links = HashMap::new();
        let names = records
            .people
            .iter()
            .map(|p| &p.unit)
            .chain(
                records
                    .awards
                    .iter()
                    .flat_map(|a| a.recipients.iter().map(|r| &r.unit)),
            )
            .chain(
                records
                    .notices
                    .iter()
                    .flat_map(|n| n.nominees.iter().map(|x| &x.unit)),
            );
        for name in names.flatten() {
            unit_links
                .entry(name.as_str())
                .or_insert_with(|| unit_link_of(settings, name));
        }
        Views {
            change_labels: Default::default(),
            settings,
            records,
            honourees,
            unit_links,
            form_urls: settings.forms.iter().map(|f| at.form(&f.slug)).collect(),
            field_urls: settings.fields.iter().map(|f| at.field(&f.slug)).collect(),
            notice_status: records
                .notices
                .iter()
                .map(|n| NoticeStatus::of(n, today))
                .collect(),
        }
    }
}

/// A unit's link by a name: the page [`crate::index::Indexes`] makes for that name (the
/// address depends only on the name and `[[units]]`).
fn unit_link_of(settings: &Settings, name: &str) -> Option<Link> {
    let book = &settings.unit_book;
    let place = book.place(name);
    if place.slug.is_empty() {
        return None;
    }
    Some(Link {
        label: book.link_label(name, &place),
        url: Addresses::new(&settings.paths).unit(&place.slug),
        count: None,
    })
}

impl Views<'_> {
    pub(crate) fn field_links(&self, fields: &[FieldId]) -> Vec<Link> {
        fields
            .iter()
            .map(|&f| {
                let t = &self.settings[f];
                Link {
                    label: t.label.clone(),
                    url: self.field_urls[f].clone(),
                    count: None,
                }
            })
            .collect()
    }

    /// The link to a unit's page by the name a record gives it; for a unit of the past,
    /// labelled with what it is now.
    pub(crate) fn unit_link(&self, name: &Option<String>) -> Option<Link> {
        let name = name.as_ref()?;
        // A name that is on no record has no page: no link (none is asked for today).
        self.unit_links.get(name.as_str()).cloned().flatten()
    }

    pub(crate) fn form_link(&self, form: FormId) -> Link {
        Link {
            label: self.settings[form].label.clone(),
            url: self.form_urls[form].clone(),
            count: None,
        }
    }

    fn issuer_label(&self, body: BodyId) -> String {
        self.settings[body].label.clone()
    }

    /// The card of record `i` of a kind.
    pub(crate) fn card(&self, kind: Kind, i: usize) -> Card {
        let r = self.records;
        match kind {
            Kind::Plan => self.plan_card(&r.plans[i]),
            Kind::Movement => self.movement_card(&r.movements[i]),
            Kind::Person => self.person_card(&r.people[i]),
            Kind::Award => self.award_card(&r.awards[i]),
            Kind::Notice => self.notice_card(&r.notices[i], self.notice_status[i]),
            Kind::Page => self.page_card(&r.pages[i]),
        }
    }

    fn plan_card(&self, p: &Plan) -> Card {
        Card {
            kind: "plan",
            url: p.meta.url.clone(),
            title: p.meta.title.clone(),
            year: Some(p.year),
            date: Some(p.date.vietnamese()),
            iso_date: Some(p.date.iso()),
            summary: p.meta.summary.clone(),
            number: p.number.clone(),
            issuer: Some(self.issuer_label(p.issuer)),
            theme: p.theme.clone(),
            draft: p.meta.draft,
            ..Card::default()
        }
    }

    fn movement_card(&self, m: &Movement) -> Card {
        Card {
            kind: "movement",
            url: m.meta.url.clone(),
            title: m.meta.title.clone(),
            year: Some(m.start.year),
            date: Some(m.start.vietnamese()),
            iso_date: Some(m.start.iso()),
            summary: m.meta.summary.clone().or_else(|| m.slogan.clone()),
            fields: self.field_links(&m.fields),
            number: m.document.clone(),
            issuer: m.launched_by.clone(),
            draft: m.meta.draft,
            ..Card::default()
        }
    }

    fn person_card(&self, p: &Person) -> Card {
        Card {
            kind: "person",
            url: p.meta.url.clone(),
            title: p.name.clone(),
            year: Some(p.year),
            summary: p.meta.summary.clone(),
            fields: self.field_links(&p.fields),
            subject: Some(p.subject.key()),
            role: p.role.clone(),
            unit: self.unit_link(&p.unit),
            good_deed: p.good_deed,
            draft: p.meta.draft,
            ..Card::default()
        }
    }

    fn award_card(&self, a: &Award) -> Card {
        Card {
            kind: "award",
            url: a.meta.url.clone(),
            title: a.meta.title.clone(),
            year: Some(a.date.year),
            date: Some(a.date.vietnamese()),
            iso_date: Some(a.date.iso()),
            summary: a.meta.summary.clone(),
            fields: self.field_links(&a.fields),
            number: Some(a.number_text().to_string()),
            issuer: Some(self.issuer_label(a.issuer)),
            count: Some(a.recipients.len()),
            draft: a.meta.draft,
            ..Card::default()
        }
    }

    fn notice_card(&self, n: &Notice, status: NoticeStatus) -> Card {
        Card {
            kind: "notice",
            url: n.meta.url.clone(),
            title: n.meta.title.clone(),
            year: Some(n.year),
            date: Some(n.posted.vietnamese()),
            iso_date: Some(n.posted.iso()),
            summary: n.meta.summary.clone(),
            fields: self.field_links(&n.fields),
            count: Some(n.nominees.len()),
            deadline: n.deadline.map(|d| d.vietnamese()),
            open: status.is_current(),
            status: Some(status.key()),
            days_left: match status {
                NoticeStatus::Open(days) => days,
                _ => None,
            },
            posted_from: Some(n.posted.first_day().iso()),
            deadline_to: n.deadline.map(|d| crate::config::last_day(d).iso()),
            draft: n.meta.draft,
            ..Card::default()
        }
    }

    pub(crate) fn page_card(&self, p: &Page) -> Card {
        Card {
            kind: "page",
            url: p.meta.url.clone(),
            title: p.meta.title.clone(),
            summary: p.meta.summary.clone(),
            draft: p.meta.draft,
            ..Card::default()
        }
    }

    pub(crate) fn award_ref(&self, a: AwardId) -> AwardRef {
        let a = &self.records[a];
        AwardRef {
            url: a.meta.url.clone(),
            number: a.number_text().to_string(),
            date: a.date.vietnamese(),
            iso_date: a.date.iso(),
            year: a.date.year,
            issuer: self.issuer_label(a.issuer),
            recorded: false,
            sources: Vec::new(),
        }
    }

    /// What stands for the decision of an honour recorded without it.
    pub(crate) fn recorded_ref(&self, p: PersonId, k: usize) -> AwardRef {
        let h = &self.records[p].honours[k];
        AwardRef {
            url: String::new(),
            number: h
                .number
                .clone()
                .unwrap_or_else(|| UNKNOWN_NUMBER.to_string()),
            date: h.date.vietnamese(),
            iso_date: h.date.iso(),
            year: h.date.year,
            issuer: self.issuer_text(&h.issuer),
            recorded: true,
            sources: h.sources.clone(),
        }
    }

    /// The issuer of a recorded honour, as shown.
    pub(crate) fn issuer_text(&self, issuer: &Issuer) -> String {
        match issuer {
            Issuer::Body(b) => self.issuer_label(*b),
            Issuer::Named(name) => name.clone(),
        }
    }

    /// The row of any honour.
    pub(crate) fn honour_row(&self, h: HonourRef, with_award: bool) -> RecipientRow {
        match h {
            HonourRef::Decision(a, k) => self.recipient_row(a, k, with_award),
            HonourRef::Recorded(p, k) => {
                let pe = &self.records[p];
                let h = &pe.honours[k];
                RecipientRow {
                    name: pe.name.clone(),
                    subject: pe.subject.key(),
                    position: pe.role.clone(),
                    unit: self.unit_link(&pe.unit),
                    form: self.form_link(h.form),
                    achievement: h.achievement.clone().unwrap_or_default(),
                    posthumous: false,
                    amount: None,
                    person_url: Some(pe.meta.url.clone()),
                    place: pe.place.clone(),
                    sources: Vec::new(),
                    standing: Standing::InForce.key(),
                    struck: false,
                    change: None,
                    award: with_award.then(|| self.recorded_ref(p, k)),
                }
            }
        }
    }

    /// An honouree as the honour roll lists them: their honours in force only.
    pub(crate) fn roll_entry(&self, x: &crate::identity::Honouree) -> RollEntry {
        let r = self.records;
        let honours = x
            .honours
            .iter()
            .filter_map(|&h| match h {
                HonourRef::Decision(a, k) if r.standing(a, k).0.counts() => Some(RollHonour {
                    form: self.form_link(r.form_now(a, k)),
                    award: self.award_ref(a),
                }),
                HonourRef::Decision(..) => None,
                HonourRef::Recorded(p, k) => Some(RollHonour {
                    form: self.form_link(r[p].honours[k].form),
                    award: self.recorded_ref(p, k),
                }),
            })
            .collect();
        RollEntry {
            name: x.name.clone(),
            url: x.url.clone(),
            subject: x.subject.key(),
            unit: self.unit_link(&x.unit),
            honours,
        }
    }

    /// How a row tells the later change that set a recipient's standing.
    fn change_note(&self, a: AwardId, k: usize) -> (Standing, Option<ChangeNote>) {
        let (standing, by) = self.records.standing(a, k);
        let note = by.map(|b| {
            let change = self
                .records
                .changes_of(a, k)
                .filter(|(x, _)| *x == b)
                .last()
                .map(|(_, c)| c);
            let action = change.map_or(ChangeAction::Amend, |c| c.action);
            ChangeNote {
                label: self.change_labels[action as usize].clone(),
                number: self.records[b].number_text().to_string(),
                url: self.records[b].meta.url.clone(),
                reason: change.and_then(|c| c.reason.clone()),
            }
        });
        (standing, note)
    }

    pub(crate) fn recipient_row(&self, a: AwardId, k: usize, with_award: bool) -> RecipientRow {
        let r = &self.records[a].recipients[k];
        let (standing, change) = self.change_note(a, k);
        RecipientRow {
            name: self.records.name_now(a, k).to_string(),
            subject: r.subject.key(),
            position: r.position.clone(),
            unit: self.unit_link(&r.unit),
            form: self.form_link(self.records.form_now(a, k)),
            achievement: self.records.achievement_now(a, k).to_string(),
            posthumous: r.posthumous,
            amount: r.amount.map(|m| money(m, &self.settings.language)),
            person_url: Some(self.honourees.all[self.honourees.of(a, k)].url.clone()),
            place: r.place.clone(),
            sources: r.sources.clone(),
            standing: standing.key(),
            struck: !standing.counts(),
            change,
            award: with_award.then(|| self.award_ref(a)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoticeStatus;
    use crate::date::Date;

    #[test]
    fn a_notice_status_counts_partial_dates_at_their_widest() {
        let d = |s: &str| Date::parse(s).unwrap();
        let on = |posted, deadline: Option<&str>, decided, today| {
            NoticeStatus::on(d(posted), deadline.map(d), decided, d(today))
        };
        use NoticeStatus::*;
        let window = Some("2024-12-10");
        assert_eq!(on("2024-12-01", window, false, "2024-11-30"), Upcoming);
        assert_eq!(
            on("2024-12-01", window, false, "2024-12-01"),
            Open(Some(10))
        );
        assert_eq!(on("2024-12-01", window, false, "2024-12-10"), Open(Some(1)));
        assert_eq!(on("2024-12-01", window, false, "2024-12-11"), Closed);
        assert_eq!(on("2024-12-01", window, true, "2024-11-30"), Decided);
        assert_eq!(on("2024-12-01", None, false, "2030-01-01"), Open(None));
        // "11/2024" is posted from 1 November; a deadline "2024-12" runs to 31 December,
        // "2025" to 31 December 2025.
        assert_eq!(on("2024-11", None, false, "2024-10-31"), Upcoming);
        assert_eq!(on("2024-11", None, false, "2024-11-01"), Open(None));
        assert_eq!(
            on("2024-11", Some("2024-12"), false, "2024-12-31"),
            Open(Some(1))
        );
        assert_eq!(on("2024-11", Some("2024-12"), false, "2025-01-01"), Closed);
        assert_eq!(on("2024", Some("2025"), false, "2025-12-30"), Open(Some(2)));
        // Across a leap day.
        assert_eq!(
            on("2024-02-20", Some("2024-03-01"), false, "2024-02-28"),
            Open(Some(3))
        );
    }

    #[test]
    fn money_is_grouped_the_local_way() {
        assert_eq!(super::money(1_080_000, "vi"), "1.080.000 ₫");
        assert_eq!(super::money(710_000, "en"), "710,000 ₫");
        assert_eq!(super::money(0, "vi"), "0 ₫");
    }
}
