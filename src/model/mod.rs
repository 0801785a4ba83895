//! The typed records of a site after references are resolved: plain data, indices into
//! the site's vectors instead of strings.

mod ids;

pub(crate) use ids::*;

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Who receives an honour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Subject {
    #[serde(rename = "ca-nhan", alias = "individual")]
    Individual,
    #[serde(rename = "tap-the", alias = "collective")]
    Collective,
    #[serde(rename = "ho-gia-dinh", alias = "household")]
    Household,
    #[serde(rename = "thon", alias = "village")]
    Village,
}

impl Subject {
    pub const ALL: [Subject; 4] = [
        Subject::Individual,
        Subject::Collective,
        Subject::Household,
        Subject::Village,
    ];

    /// A collective or a village: listed by its whole name, in a section of its own.
    pub(crate) fn is_organisation(self) -> bool {
        matches!(self, Subject::Collective | Subject::Village)
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            Subject::Individual => "ca-nhan",
            Subject::Collective => "tap-the",
            Subject::Household => "ho-gia-dinh",
            Subject::Village => "thon",
        }
    }
}

/// How a movement is organised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum MovementKind {
    #[serde(rename = "thuong-xuyen", alias = "regular")]
    Regular,
    #[serde(rename = "theo-dot", alias = "periodic")]
    Periodic,
    #[serde(rename = "chuyen-de", alias = "thematic")]
    Thematic,
}

impl MovementKind {
    pub(crate) fn key(self) -> &'static str {
        match self {
            MovementKind::Regular => "thuong-xuyen",
            MovementKind::Periodic => "theo-dot",
            MovementKind::Thematic => "chuyen-de",
        }
    }
}

/// The six types of commendation of the 2022 law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum AwardType {
    #[serde(rename = "cong-trang", alias = "merit")]
    Merit,
    #[serde(rename = "dot-xuat", alias = "ad-hoc")]
    AdHoc,
    #[serde(
        rename = "theo-dot-chuyen-de",
        alias = "movement",
        alias = "theo-dot",
        alias = "chuyen-de"
    )]
    Movement,
    #[serde(rename = "qua-trinh-cong-hien", alias = "career")]
    Career,
    #[serde(rename = "nien-han", alias = "seniority")]
    Seniority,
    #[serde(rename = "doi-ngoai", alias = "foreign")]
    Foreign,
}

impl AwardType {
    pub(crate) fn key(self) -> &'static str {
        match self {
            AwardType::Merit => "cong-trang",
            AwardType::AdHoc => "dot-xuat",
            AwardType::Movement => "theo-dot-chuyen-de",
            AwardType::Career => "qua-trinh-cong-hien",
            AwardType::Seniority => "nien-han",
            AwardType::Foreign => "doi-ngoai",
        }
    }
}

/// What a later decision does to an earlier one (Luật Thi đua, khen thưởng 2022, Chương VII).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum ChangeAction {
    /// Hủy bỏ: the honour is void (false claims, criteria not met).
    #[serde(rename = "huy-bo", alias = "cancel")]
    Cancel,
    /// Sửa đổi, bổ sung.
    #[serde(rename = "sua-doi", alias = "amend")]
    Amend,
    /// Đính chính: a clerical correction.
    #[serde(rename = "dinh-chinh", alias = "correct")]
    Correct,
    /// Thay thế: a new decision takes its place.
    #[serde(rename = "thay-the", alias = "replace")]
    Replace,
}

impl ChangeAction {
    pub(crate) fn key(self) -> &'static str {
        match self {
            ChangeAction::Cancel => "huy-bo",
            ChangeAction::Amend => "sua-doi",
            ChangeAction::Correct => "dinh-chinh",
            ChangeAction::Replace => "thay-the",
        }
    }
}

/// One `[[changes]]` block of a decision, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub action: ChangeAction,
    pub decision: AwardId,
    /// The names as written; `targets` are their places in the decision changed, filled
    /// once every decision is resolved (empty names: the whole decision).
    pub recipients: Vec<String>,
    pub targets: Vec<usize>,
    pub reason: Option<String>,
    pub name: Option<String>,
    pub form: Option<FormId>,
    pub achievement: Option<String>,
    /// Line of the block, for messages found when the decisions are linked.
    pub line: usize,
}

impl Change {
    /// Whether it touches recipient `k` of the decision it changes.
    pub(crate) fn touches(&self, k: usize) -> bool {
        self.recipients.is_empty() || self.targets.contains(&k)
    }
}

/// The record kinds, each with its own folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Plan,
    Movement,
    Person,
    Award,
    Notice,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Plan,
        Kind::Movement,
        Kind::Person,
        Kind::Award,
        Kind::Notice,
        Kind::Page,
    ];

    /// The kinds that have a list of their own and a feed (free pages have neither).
    pub const LISTED: [Kind; 5] = [
        Kind::Plan,
        Kind::Movement,
        Kind::Person,
        Kind::Award,
        Kind::Notice,
    ];

    /// The folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Plan => "plans",
            Kind::Movement => "movements",
            Kind::Person => "people",
            Kind::Award => "awards",
            Kind::Notice => "notices",
            Kind::Page => "pages",
        }
    }

    /// Key of this kind in templates and strings files.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Movement => "movement",
            Kind::Person => "person",
            Kind::Award => "award",
            Kind::Notice => "notice",
            Kind::Page => "page",
        }
    }
}

/// What every record has.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    pub slug: String,
    /// Source file relative to the site root.
    pub path: PathBuf,
    /// Site-relative URL, starting and ending with `/`.
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    /// Body rendered to sanitised HTML.
    pub body_html: std::sync::Arc<str>,
    /// The body has highlighted code and needs the highlight stylesheet.
    pub has_code: bool,
    /// A draft or scheduled record, shown only by `serve --drafts`.
    pub draft: bool,
    /// Fingerprint of the source, to tell which records changed.
    pub hash: u64,
    /// Where the record's facts were found.
    pub sources: Vec<Source>,
}

/// A web page or document a fact was taken from (`sources`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Source {
    /// An `http` or `https` address.
    pub url: String,
    pub title: Option<String>,
}

/// Who issued an honour recorded without its decision: a declared body, or a name as
/// the source writes it ("Trung ương Đoàn").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Issuer {
    Body(BodyId),
    Named(String),
}

/// An honour known without its decision in this site (`[[honours]]` of a person): from
/// the golden book, the press or another portal.
#[derive(Debug, Clone)]
pub(crate) struct Honour {
    pub form: FormId,
    pub date: Date,
    pub issuer: Issuer,
    pub number: Option<String>,
    pub achievement: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub meta: Meta,
    pub year: i32,
    pub theme: Option<String>,
    pub number: Option<String>,
    pub date: Date,
    pub issuer: BodyId,
    pub signer: Option<String>,
    pub signer_position: Option<String>,
    pub movements: Vec<MovementId>,
}

#[derive(Debug, Clone)]
pub(crate) struct Movement {
    pub meta: Meta,
    pub kind: MovementKind,
    pub level: LevelId,
    pub launched_by: Option<String>,
    pub document: Option<String>,
    pub document_date: Option<Date>,
    pub document_title: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub slogan: Option<String>,
    /// The movement this one implements.
    pub parent: Option<MovementId>,
    pub place: Option<String>,
    pub fields: Vec<FieldId>,
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub meta: Meta,
    pub name: String,
    pub given_name: String,
    pub subject: Subject,
    pub role: Option<String>,
    pub unit: Option<String>,
    pub fields: Vec<FieldId>,
    pub movements: Vec<MovementId>,
    pub year: i32,
    pub good_deed: bool,
    pub featured: bool,
    pub consent: bool,
    /// A checked photo (shown only with `consent`).
    pub photo: Option<crate::photo::Photo>,
    pub place: Option<String>,
    /// Honours whose decision is not in this site, newest first.
    pub honours: Vec<Honour>,
    /// Vietnamese sort key of the name (given name first).
    pub name_key: crate::collate::NameKey,
}

#[derive(Debug, Clone)]
pub(crate) struct Recipient {
    pub name: String,
    /// The given name stated in the decision file, if any.
    pub given_name: Option<String>,
    pub subject: Subject,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub form: FormId,
    pub achievement: String,
    pub posthumous: bool,
    /// Marked `direct_worker`, or holding a position of a direct worker.
    pub direct_worker: bool,
    pub amount: Option<u64>,
    pub person: Option<PersonId>,
    /// The recipient's stated identity (`id`), trimmed: the same on every decision that
    /// honours them.
    pub id: Option<String>,
    pub place: Option<String>,
    pub sources: Vec<Source>,
    /// Vietnamese sort key of the name (given name first).
    pub name_key: crate::collate::NameKey,
}

#[derive(Debug, Clone)]
pub(crate) struct Award {
    pub meta: Meta,
    /// The decision's number, when it is known.
    pub number: Option<String>,
    /// Line of `number` in the source, for messages about the decision's identity.
    pub number_line: usize,
    pub date: Date,
    pub issuer: BodyId,
    pub level: LevelId,
    pub signer: Option<String>,
    pub signer_position: Option<String>,
    pub award_type: AwardType,
    pub movement: Option<MovementId>,
    /// A campaign without a movement record.
    pub campaign: Option<String>,
    pub place: Option<String>,
    pub fields: Vec<FieldId>,
    pub year: i32,
    pub pdf: Option<String>,
    /// Size in bytes and SHA-256 (hex) of the signed PDF, so residents can check their copy.
    pub pdf_facts: Option<(u64, String)>,
    pub recipients: Vec<Recipient>,
    /// What this decision changes in earlier ones.
    pub changes: Vec<Change>,
    /// The later decisions' changes to this one: (decision, its change), oldest first.
    pub changed_by: Vec<(AwardId, usize)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Nominee {
    pub name: String,
    pub subject: Subject,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub form: FormId,
    pub achievement: Option<String>,
    pub posthumous: bool,
    pub place: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub meta: Meta,
    pub year: i32,
    pub posted: Date,
    /// The body that posts the list.
    pub issuer: Option<BodyId>,
    pub place: String,
    /// `None` when the notice does not give one.
    pub deadline: Option<Date>,
    pub contact: String,
    pub decision: Option<AwardId>,
    pub fields: Vec<FieldId>,
    pub nominees: Vec<Nominee>,
}

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub meta: Meta,
    pub menu: bool,
    pub weight: i32,
}

/// Every record of a site, resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct Records {
    pub plans: Vec<Plan>,
    pub movements: Vec<Movement>,
    pub people: Vec<Person>,
    pub awards: Vec<Award>,
    pub notices: Vec<Notice>,
    pub pages: Vec<Page>,
}

/// What stands where a decision's number would when it is not known.
pub(crate) const UNKNOWN_NUMBER: &str = "(chưa rõ số)";

impl Award {
    /// The decision's number, or "(chưa rõ số)" when it is not known.
    pub(crate) fn number_text(&self) -> &str {
        self.number.as_deref().unwrap_or(UNKNOWN_NUMBER)
    }
}

/// What a recipient's honour is now, after later decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    InForce,
    Amended,
    Cancelled,
    Replaced,
}

impl Standing {
    /// The `status` of the open data.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Standing::InForce => "hieu-luc",
            Standing::Amended => "da-sua-doi",
            Standing::Cancelled => "da-huy-bo",
            Standing::Replaced => "da-thay-the",
        }
    }

    /// Whether the honour still counts (lists, statistics, search).
    pub(crate) fn counts(self) -> bool {
        matches!(self, Standing::InForce | Standing::Amended)
    }
}

impl Records {
    /// The later changes that touch recipient `k` of decision `a`, oldest first.
    pub(crate) fn changes_of(
        &self,
        a: AwardId,
        k: usize,
    ) -> impl Iterator<Item = (AwardId, &Change)> {
        self[a]
            .changed_by
            .iter()
            .map(move |&(b, c)| (b, &self[b].changes[c]))
            .filter(move |(_, c)| c.touches(k))
    }

    /// Recipient `k` of decision `a` after later decisions: its standing, the decision that
    /// set it, and its name, form and achievement as they now stand.
    pub(crate) fn standing(&self, a: AwardId, k: usize) -> (Standing, Option<AwardId>) {
        let mut out = (Standing::InForce, None);
        for (b, c) in self.changes_of(a, k) {
            out = match c.action {
                ChangeAction::Cancel => (Standing::Cancelled, Some(b)),
                ChangeAction::Replace => (Standing::Replaced, Some(b)),
                ChangeAction::Amend | ChangeAction::Correct if out.0.counts() => {
                    (Standing::Amended, Some(b))
                }
                _ => out,
            };
        }
        out
    }

    /// The form recipient `k` of decision `a` holds now.
    pub(crate) fn form_now(&self, a: AwardId, k: usize) -> FormId {
        self.changes_of(a, k)
            .filter_map(|(_, c)| c.form)
            .last()
            .unwrap_or(self[a].recipients[k].form)
    }

    /// The name and achievement as they now stand (corrections applied).
    pub(crate) fn name_now(&self, a: AwardId, k: usize) -> &str {
        self.changes_of(a, k)
            .filter_map(|(_, c)| c.name.as_deref())
            .last()
            .unwrap_or(&self[a].recipients[k].name)
    }

    pub(crate) fn achievement_now(&self, a: AwardId, k: usize) -> &str {
        self.changes_of(a, k)
            .filter_map(|(_, c)| c.achievement.as_deref())
            .last()
            .unwrap_or(&self[a].recipients[k].achievement)
    }

    /// How many records of a kind there are.
    pub(crate) fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Plan => self.plans.len(),
            Kind::Movement => self.movements.len(),
            Kind::Person => self.people.len(),
            Kind::Award => self.awards.len(),
            Kind::Notice => self.notices.len(),
            Kind::Page => self.pages.len(),
        }
    }

    /// The common part of every record, kind by kind.
    pub(crate) fn metas(&self) -> impl Iterator<Item = &Meta> {
        Kind::ALL
            .into_iter()
            .flat_map(move |kind| (0..self.count(kind)).map(move |i| self.meta(kind, i)))
    }

    /// How many records there are in all.
    pub(crate) fn total(&self) -> usize {
        Kind::ALL.into_iter().map(|kind| self.count(kind)).sum()
    }

    /// The common part of record `i` of a kind.
    pub(crate) fn meta(&self, kind: Kind, i: usize) -> &Meta {
        match kind {
            Kind::Plan => &self.plans[i].meta,
            Kind::Movement => &self.movements[i].meta,
            Kind::Person => &self.people[i].meta,
            Kind::Award => &self.awards[i].meta,
            Kind::Notice => &self.notices[i].meta,
            Kind::Page => &self.pages[i].meta,
        }
    }
}
