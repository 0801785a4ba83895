//! Front matter exactly as the clerk writes it: serde types with string references,
//! checked and turned into the model by `resolve`.
//!
//! The types also serialise, with empty optional keys left out: the synthetic site
//! generator (`crates/vinhdanh-gen`) writes its records through them, so a key it writes
//! that these types do not accept is a compile error there, not a failed build later.

use crate::date::Date;
use crate::model::{AwardType, MovementKind, Subject};
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

/// Declares the front matter of a record kind: its own keys, then the keys every kind
/// shares (`slug`, `draft`, `allow`, `publish`, `summary`), in that order. Unknown keys are
/// errors: serde's `flatten` would lose `deny_unknown_fields` (and with it the list of
/// allowed keys that "did you mean" draws from), so the shared keys are written into each
/// struct by this macro instead of living in a struct of their own.
macro_rules! record_fm {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
            /// The address of the record instead of the one made from its file name.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub slug: Option<String>,
            #[serde(default, skip_serializing_if = "is_false")]
            pub draft: bool,
            /// Personal data this record may publish (`phone`, `email`, `citizen_id`, `birth_date`).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub allow: Vec<String>,
            /// Not published before this date.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub publish: Option<Date>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub summary: Option<String>,
            /// Where the facts were found: addresses, or `[[sources]]` with `url` and `title`.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub sources: Vec<SourceFm>,
        }
    };
}

/// Where a fact was found: a web address, or an address with a title.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum SourceFm {
    Url(String),
    Titled(TitledSourceFm),
}

/// `[[sources]]` with `url` and `title`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitledSourceFm {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// An honour known without its decision in this site (`[[honours]]` of a person).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HonourFm {
    pub form: String,
    pub date: Date,
    /// The slug of a declared body, or the issuer's name as written ("Trung ương Đoàn").
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
    /// One web address where the honour is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceFm>,
}

record_fm! {
    pub struct PlanFm {
        pub title: String,
        pub year: i32,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub theme: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub number: Option<String>,
        pub date: Date,
        pub issuer: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub signer: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub signer_position: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub movements: Vec<String>,
    }
}

record_fm! {
    pub struct MovementFm {
        pub title: String,
        pub kind: MovementKind,
        pub level: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub launched_by: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub document: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub document_date: Option<Date>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub document_title: Option<String>,
        pub start: Date,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub end: Option<Date>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub slogan: Option<String>,
        /// The movement (slug) this one implements, e.g. a national movement.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<String>,
        pub fields: Vec<String>,
    }
}

record_fm! {
    pub struct PersonFm {
        pub name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub given_name: Option<String>,
        pub subject: Subject,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub role: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub unit: Option<String>,
        pub fields: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub movements: Vec<String>,
        pub year: i32,
        #[serde(default, skip_serializing_if = "is_false")]
        pub good_deed: bool,
        #[serde(default, skip_serializing_if = "is_false")]
        pub featured: bool,
        #[serde(default, skip_serializing_if = "is_false")]
        pub consent: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub photo: Option<String>,
        /// Where the person lives or works, when the site covers more than its commune.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<String>,
        /// Honours whose decision is not in this site.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub honours: Vec<HonourFm>,
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientFm {
    pub name: String,
    /// The part of the name it is filed under (the last word when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// The recipient's `subject`, `unit`, `form` and `achievement`; each, when left out,
    /// the decision's own (decision-level defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub posthumous: bool,
    /// A worker directly in production or study (farmer, worker, pupil, resident), whom
    /// the law and the plans ask to honour more; positions the book lists count too.
    #[serde(default, skip_serializing_if = "is_false")]
    pub direct_worker: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Who the recipient is when the name alone does not tell: recipients with the same
    /// `id` are one person (or collective), recipients with different ones are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The recipient's commune, district or province, when not the site's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceFm>,
    /// The spreadsheet row the recipient was read from (`recipients_file`), which
    /// messages about it point at; none for a `[[recipients]]` block.
    #[serde(skip)]
    pub origin: Option<Box<crate::sheet::RowOrigin>>,
}

record_fm! {
    pub struct AwardFm {
        /// The decision's number; left out when it is not known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub number: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        pub date: Date,
        pub issuer: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub level: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub signer: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub signer_position: Option<String>,
        #[serde(rename = "type")]
        pub award_type: AwardType,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub movement: Option<String>,
        /// A campaign the decision belongs to that has no movement record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub campaign: Option<String>,
        /// The place of the issuing body or recipients, when not the site's own commune.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<String>,
        pub fields: Vec<String>,
        /// The year of the achievement; the year of `date` when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub year: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub pdf: Option<String>,
        /// What every recipient that does not say otherwise is given (a decision honouring
        /// thirty households as "Gia đình văn hóa" then lists only names and units).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subject: Option<Subject>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub unit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub form: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub achievement: Option<String>,
        /// A spreadsheet beside the decision (`.xlsx`, `.ods`, `.csv`) whose rows are
        /// recipients too, read at build time.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recipients_file: Option<String>,
        /// The sheet of `recipients_file` to read; the first when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recipients_sheet: Option<String>,
        /// Empty only for a decision whose whole content is changes to earlier ones.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub recipients: Vec<RecipientFm>,
        /// What this decision cancels, amends, corrects or replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub changes: Vec<ChangeFm>,
    }
}

/// A change an award decision makes to an earlier one (`[[changes]]`).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeFm {
    pub action: crate::model::ChangeAction,
    /// The slug of the decision changed.
    pub decision: String,
    /// Names as written in the decision changed; none: the whole decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// New values, for amendments and corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NomineeFm {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    pub subject: Subject,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub form: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub posthumous: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceFm>,
}

record_fm! {
    pub struct NoticeFm {
        pub title: String,
        /// The year the notice is about; the year of `posted` when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub year: Option<i32>,
        pub posted: Date,
        /// The body that posts the list (slug of a declared body).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub issuer: Option<String>,
        pub place: String,
        /// The last day for comments; left out when the notice does not say.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deadline: Option<Date>,
        pub contact: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub decision: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub fields: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub nominees: Vec<NomineeFm>,
    }
}

record_fm! {
    pub struct PageFm {
        pub title: String,
        #[serde(default, skip_serializing_if = "is_false")]
        pub menu: bool,
        #[serde(default, skip_serializing_if = "is_zero")]
        pub weight: i32,
    }
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

/// `$e` for the front matter `$f` of whichever kind `$any` holds (the shared keys have the
/// same name and type in every kind).
macro_rules! shared {
    ($any:expr, $f:ident => $e:expr) => {
        match $any {
            AnyFm::Plan($f) => $e,
            AnyFm::Movement($f) => $e,
            AnyFm::Person($f) => $e,
            AnyFm::Award($f) => $e,
            AnyFm::Notice($f) => $e,
            AnyFm::Page($f) => $e,
        }
    };
}

impl AnyFm {
    pub fn slug_override(&self) -> Option<&str> {
        shared!(self, f => f.slug.as_deref())
    }

    pub fn allow(&self) -> &[String] {
        shared!(self, f => &f.allow)
    }

    pub fn publish(&self) -> Option<Date> {
        shared!(self, f => f.publish)
    }

    pub fn draft(&self) -> bool {
        shared!(self, f => f.draft)
    }

    pub fn sources(&self) -> &[SourceFm] {
        shared!(self, f => &f.sources)
    }
}
