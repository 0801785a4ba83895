//! Front matter exactly as the clerk writes it: serde types with string references,
//! checked and turned into the model by `resolve`.

use crate::date::Date;
use crate::model::{AwardType, MovementKind, Subject};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFm {
    pub title: String,
    pub year: i32,
    pub theme: Option<String>,
    pub number: Option<String>,
    pub date: Date,
    pub issuer: String,
    pub signer: Option<String>,
    pub signer_position: Option<String>,
    #[serde(default)]
    pub movements: Vec<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementFm {
    pub title: String,
    pub kind: MovementKind,
    pub level: String,
    pub launched_by: Option<String>,
    pub document: Option<String>,
    pub document_date: Option<Date>,
    pub document_title: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub slogan: Option<String>,
    pub fields: Vec<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFm {
    pub name: String,
    pub given_name: Option<String>,
    pub subject: Subject,
    pub role: Option<String>,
    pub unit: Option<String>,
    pub fields: Vec<String>,
    #[serde(default)]
    pub movements: Vec<String>,
    pub year: i32,
    #[serde(default)]
    pub good_deed: bool,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub consent: bool,
    pub photo: Option<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientFm {
    pub name: String,
    pub subject: Subject,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub form: String,
    pub achievement: String,
    #[serde(default)]
    pub posthumous: bool,
    pub amount: Option<u64>,
    pub person: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardFm {
    pub number: String,
    pub title: Option<String>,
    pub date: Date,
    pub issuer: String,
    pub level: Option<String>,
    pub signer: Option<String>,
    pub signer_position: Option<String>,
    #[serde(rename = "type")]
    pub award_type: AwardType,
    pub movement: Option<String>,
    pub fields: Vec<String>,
    pub year: i32,
    pub pdf: Option<String>,
    pub recipients: Vec<RecipientFm>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NomineeFm {
    pub name: String,
    pub subject: Subject,
    pub unit: Option<String>,
    pub form: String,
    pub achievement: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeFm {
    pub title: String,
    pub year: i32,
    pub posted: Date,
    pub place: String,
    pub deadline: Date,
    pub contact: String,
    pub decision: Option<String>,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub nominees: Vec<NomineeFm>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFm {
    pub title: String,
    #[serde(default)]
    pub menu: bool,
    #[serde(default)]
    pub weight: i32,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Not published before this date.
    pub publish: Option<Date>,
    pub summary: Option<String>,
}

/// A parsed record of any kind.
#[derive(Debug)]
pub enum AnyFm {
    Plan(PlanFm),
    Movement(MovementFm),
    Person(PersonFm),
    Award(Box<AwardFm>),
    Notice(NoticeFm),
    Page(PageFm),
}

impl AnyFm {
    pub fn slug_override(&self) -> Option<&str> {
        match self {
            AnyFm::Plan(f) => f.slug.as_deref(),
            AnyFm::Movement(f) => f.slug.as_deref(),
            AnyFm::Person(f) => f.slug.as_deref(),
            AnyFm::Award(f) => f.slug.as_deref(),
            AnyFm::Notice(f) => f.slug.as_deref(),
            AnyFm::Page(f) => f.slug.as_deref(),
        }
    }

    pub fn allow(&self) -> &[String] {
        match self {
            AnyFm::Plan(f) => &f.allow,
            AnyFm::Movement(f) => &f.allow,
            AnyFm::Person(f) => &f.allow,
            AnyFm::Award(f) => &f.allow,
            AnyFm::Notice(f) => &f.allow,
            AnyFm::Page(f) => &f.allow,
        }
    }

    pub fn publish(&self) -> Option<Date> {
        match self {
            AnyFm::Plan(f) => f.publish,
            AnyFm::Movement(f) => f.publish,
            AnyFm::Person(f) => f.publish,
            AnyFm::Award(f) => f.publish,
            AnyFm::Notice(f) => f.publish,
            AnyFm::Page(f) => f.publish,
        }
    }

    pub fn draft(&self) -> bool {
        match self {
            AnyFm::Plan(f) => f.draft,
            AnyFm::Movement(f) => f.draft,
            AnyFm::Person(f) => f.draft,
            AnyFm::Award(f) => f.draft,
            AnyFm::Notice(f) => f.draft,
            AnyFm::Page(f) => f.draft,
        }
    }
}
