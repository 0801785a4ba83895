//! Open data: honours (one row per recipient of a decision, and per honour a person's
//! record lists without its decision), people, movements and nominee notices as CSV
//! (UTF-8 with a BOM, so Excel on Windows shows Vietnamese) and JSON, at stable URLs.

use crate::config::Settings;
use crate::model::{FieldId, Records, Source, UNKNOWN_NUMBER};
use serde::Serialize;

/// The data sets, each published as `<name>.csv` and `<name>.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DataSet {
    Recipients,
    People,
    Movements,
    Notices,
}

impl DataSet {
    pub(crate) const ALL: [DataSet; 4] = [
        DataSet::Recipients,
        DataSet::People,
        DataSet::Movements,
        DataSet::Notices,
    ];

    /// File name without extension.
    pub(crate) fn name(self) -> &'static str {
        match self {
            DataSet::Recipients => "khen-thuong",
            DataSet::People => "guong-dien-hinh",
            DataSet::Movements => "phong-trao",
            DataSet::Notices => "cong-khai",
        }
    }

    /// Column names, in order (documented on the data page).
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            DataSet::Recipients => &[
                "decision_number",
                "decision_date",
                "achievement_year",
                "issuer",
                "level",
                "type",
                "movement",
                "fields",
                "name",
                "subject",
                "position",
                "unit",
                "form",
                "form_kind",
                "achievement",
                "posthumous",
                "direct_worker",
                "amount",
                "person_url",
                "decision_url",
                "record",
                "place",
                "campaign",
                "sources",
                "status",
                "changed_by",
            ],
            DataSet::People => &[
                "name",
                "given_name",
                "subject",
                "role",
                "unit",
                "fields",
                "movements",
                "year",
                "good_deed",
                "place",
                "sources",
                "url",
            ],
            DataSet::Movements => &[
                "title",
                "kind",
                "level",
                "launched_by",
                "document",
                "document_date",
                "start",
                "end",
                "fields",
                "parent",
                "place",
                "sources",
                "url",
            ],
            DataSet::Notices => &[
                "notice",
                "posted",
                "deadline",
                "issuer",
                "posted_at",
                "name",
                "subject",
                "position",
                "unit",
                "form",
                "achievement",
                "posthumous",
                "place",
                "decision_url",
                "sources",
                "url",
            ],
        }
    }
}

thread_local! {
    /// Set while a CSV file is being written (see [`text`]).
    static WRITING_CSV: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Writes a text cell. In CSV, a text that a spreadsheet would take for a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed, after any
/// spaces, or with their full-width forms) gets a leading apostrophe, as OWASP advises
/// against CSV injection: Excel and LibreOffice then show it as text and run nothing. JSON
/// keeps the exact text.
fn text<T: AsRef<str> + ?Sized, S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let value = value.as_ref();
    if WRITING_CSV.get() && formula_like(value) {
        s.serialize_str(&format!("'{value}"))
    } else {
        s.serialize_str(value)
    }
}

/// Whether a spreadsheet could read `value` as a formula.
fn formula_like(value: &str) -> bool {
    let first = value
        .trim_start_matches([' ', '\u{a0}', '\u{3000}'])
        .chars()
        .next();
    matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    )
}

#[derive(Serialize)]
struct RecipientRow<'a> {
    #[serde(serialize_with = "text")]
    decision_number: &'a str,
    #[serde(serialize_with = "text")]
    decision_date: std::borrow::Cow<'a, str>,
    achievement_year: i32,
    #[serde(serialize_with = "text")]
    issuer: &'a str,
    #[serde(serialize_with = "text")]
    level: &'a str,
    #[serde(rename = "type")]
    #[serde(serialize_with = "text")]
    award_type: &'static str,
    #[serde(serialize_with = "text")]
    movement: &'a str,
    #[serde(serialize_with = "text")]
    fields: &'a str,
    #[serde(serialize_with = "text")]
    name: &'a str,
    #[serde(serialize_with = "text")]
    subject: &'static str,
    #[serde(serialize_with = "text")]
    position: &'a str,
    #[serde(serialize_with = "text")]
    unit: &'a str,
    #[serde(serialize_with = "text")]
    form: &'a str,
    #[serde(serialize_with = "text")]
    form_kind: &'static str,
    #[serde(serialize_with = "text")]
    achievement: &'a str,
    posthumous: bool,
    /// A direct worker (farmer, worker, pupil…): marked, or by position.
    direct_worker: bool,
    amount: Option<u64>,
    #[serde(serialize_with = "text")]
    person_url: String,
    #[serde(serialize_with = "text")]
    decision_url: &'a str,
    /// `quyet-dinh`: a decision of this site; `nguon-khac`: an honour a person's record
    /// lists without its decision.
    #[serde(serialize_with = "text")]
    record: &'static str,
    #[serde(serialize_with = "text")]
    place: &'a str,
    #[serde(serialize_with = "text")]
    campaign: &'a str,
    #[serde(serialize_with = "text")]
    sources: String,
    /// `hieu-luc`, `da-sua-doi`, `da-huy-bo`, `da-thay-the`: nothing is deleted.
    #[serde(serialize_with = "text")]
    status: &'static str,
    /// The number of the later decision that set the status.
    #[serde(serialize_with = "text")]
    changed_by: &'a str,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    #[serde(serialize_with = "text")]
    name: &'a str,
    #[serde(serialize_with = "text")]
    given_name: &'a str,
    #[serde(serialize_with = "text")]
    subject: &'static str,
    #[serde(serialize_with = "text")]
    role: &'a str,
    #[serde(serialize_with = "text")]
    unit: &'a str,
    #[serde(serialize_with = "text")]
    fields: String,
    #[serde(serialize_with = "text")]
    movements: String,
    year: i32,
    good_deed: bool,
    #[serde(serialize_with = "text")]
    place: &'a str,
    #[serde(serialize_with = "text")]
    sources: String,
    #[serde(serialize_with = "text")]
    url: String,
}

#[derive(Serialize)]
struct MovementRow<'a> {
    #[serde(serialize_with = "text")]
    title: &'a str,
    #[serde(serialize_with = "text")]
    kind: &'static str,
    #[serde(serialize_with = "text")]
    level: &'a str,
    #[serde(serialize_with = "text")]
    launched_by: &'a str,
    #[serde(serialize_with = "text")]
    document: &'a str,
    #[serde(serialize_with = "text")]
    document_date: String,
    #[serde(serialize_with = "text")]
    start: String,
    #[serde(serialize_with = "text")]
    end: String,
    #[serde(serialize_with = "text")]
    fields: String,
    #[serde(serialize_with = "text")]
    parent: &'a str,
    #[serde(serialize_with = "text")]
    place: &'a str,
    #[serde(serialize_with = "text")]
    sources: String,
    #[serde(serialize_with = "text")]
    url: String,
}

#[derive(Serialize)]
struct NomineeRow<'a> {
    #[serde(serialize_with = "text")]
    notice: &'a str,
    #[serde(serialize_with = "text")]
    posted: String,
    #[serde(serialize_with = "text")]
    deadline: String,
    #[serde(serialize_with = "text")]
    issuer: &'a str,
    #[serde(serialize_with = "text")]
    posted_at: &'a str,
    #[serde(serialize_with = "text")]
    name: &'a str,
    #[serde(serialize_with = "text")]
    subject: &'static str,
    #[serde(serialize_with = "text")]
    position: &'a str,
    #[serde(serialize_with = "text")]
    unit: &'a str,
    #[serde(serialize_with = "text")]
    form: &'a str,
    #[serde(serialize_with = "text")]
    achievement: &'a str,
    posthumous: bool,
    #[serde(serialize_with = "text")]
    place: &'a str,
    #[serde(serialize_with = "text")]
    decision_url: String,
    #[serde(serialize_with = "text")]
    sources: String,
    #[serde(serialize_with = "text")]
    url: String,
}

/// Sources as one cell: addresses separated by spaces (an address holds none).
fn source_cell<'s>(lists: impl IntoIterator<Item = &'s [Source]>) -> String {
    let mut out = String::new();
    for s in lists.into_iter().flatten() {
        if !out.split(' ').any(|u| u == s.url) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s.url);
        }
    }
    out
}

fn form_kind(kind: crate::config::FormKind) -> &'static str {
    match kind {
        crate::config::FormKind::Title => "danh-hieu",
        crate::config::FormKind::Form => "hinh-thuc",
    }
}

/// The CSV and JSON bytes of a data set, rows in the site's list order.
pub(crate) fn build(
    set: DataSet,
    settings: &Settings,
    r: &Records,
    ix: &crate::index::Indexes,
) -> (Vec<u8>, Vec<u8>) {
    let base = &settings.base_url;
    let labels = |fields: &[FieldId]| {
        fields
            .iter()
            .map(|&f| settings[f].label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match set {
        DataSet::Recipients => {
            // The decision's own columns, built once and shared by its recipients' rows.
            let decisions: Vec<(String, String, String)> = ix
                .awards_by_date
                .iter()
                .map(|&a| {
                    let aw = &r[a];
                    (
                        aw.date.iso(),
                        labels(&aw.fields),
                        format!("{base}{}", aw.meta.url),
                    )
                })
                .collect();
            let mut rows = Vec::new();
            for (&a, (date, fields, url)) in ix.awards_by_date.iter().zip(&decisions) {
                let aw = &r[a];
                for (k, rec) in aw.recipients.iter().enumerate() {
                    let (standing, by) = r.standing(a, k);
                    let form = &settings[r.form_now(a, k)];
                    rows.push(RecipientRow {
                        decision_number: aw.number_text(),
                        decision_date: date.as_str().into(),
                        achievement_year: aw.year,
                        issuer: settings[aw.issuer].label.as_str(),
                        level: &settings[aw.level].label,
                        award_type: aw.award_type.key(),
                        movement: aw.movement.map(|m| r[m].meta.title.as_str()).unwrap_or(""),
                        fields,
                        name: r.name_now(a, k),
                        subject: rec.subject.key(),
                        position: rec.position.as_deref().unwrap_or(""),
                        unit: rec.unit.as_deref().unwrap_or(""),
                        form: &form.label,
                        form_kind: form_kind(form.kind),
                        achievement: r.achievement_now(a, k),
                        posthumous: rec.posthumous,
                        direct_worker: rec.direct_worker,
                        amount: rec.amount,
                        // Every recipient's page: the people record's, or their own.
                        person_url: format!(
                            "{base}{}",
                            ix.identities.all[ix.identities.of(a, k)].url
                        ),
                        decision_url: url,
                        record: "quyet-dinh",
                        place: rec.place.as_deref().or(aw.place.as_deref()).unwrap_or(""),
                        campaign: aw.campaign.as_deref().unwrap_or(""),
                        sources: source_cell([&rec.sources[..], &aw.meta.sources[..]]),
                        status: standing.key(),
                        changed_by: by.map(|b| r[b].number_text()).unwrap_or(""),
                    });
                }
            }
            // Honours recorded without their decision, person by person, newest first.
            for &p in &ix.people_by_name {
                let x = &r[p];
                for h in &x.honours {
                    let form = &settings[h.form];
                    let (issuer, level) = match &h.issuer {
                        crate::model::Issuer::Body(b) => {
                            let body = &settings[*b];
                            let level =
                                settings.level(&body.level).map_or("", |l| l.label.as_str());
                            (body.label.as_str(), level)
                        }
                        crate::model::Issuer::Named(name) => (name.as_str(), ""),
                    };
                    rows.push(RecipientRow {
                        decision_number: h.number.as_deref().unwrap_or(UNKNOWN_NUMBER),
                        decision_date: h.date.iso().into(),
                        achievement_year: h.date.year,
                        issuer,
                        level,
                        award_type: "",
                        movement: "",
                        fields: "",
                        name: &x.name,
                        subject: x.subject.key(),
                        position: x.role.as_deref().unwrap_or(""),
                        unit: x.unit.as_deref().unwrap_or(""),
                        form: &form.label,
                        form_kind: form_kind(form.kind),
                        achievement: h.achievement.as_deref().unwrap_or(""),
                        posthumous: false,
                        direct_worker: false,
                        amount: None,
                        person_url: format!("{base}{}", x.meta.url),
                        decision_url: "",
                        record: "nguon-khac",
                        place: x.place.as_deref().unwrap_or(""),
                        campaign: "",
                        sources: source_cell([&h.sources[..]]),
                        status: crate::model::Standing::InForce.key(),
                        changed_by: "",
                    });
                }
            }
            encode(&rows, set.columns())
        }
        DataSet::People => {
            let rows: Vec<PersonRow> = ix
                .people_by_name
                .iter()
                .map(|&p| {
                    let x = &r[p];
                    PersonRow {
                        name: &x.name,
                        given_name: &x.given_name,
                        subject: x.subject.key(),
                        role: x.role.as_deref().unwrap_or(""),
                        unit: x.unit.as_deref().unwrap_or(""),
                        fields: labels(&x.fields),
                        movements: x
                            .movements
                            .iter()
                            .map(|&m| r[m].meta.title.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        year: x.year,
                        good_deed: x.good_deed,
                        place: x.place.as_deref().unwrap_or(""),
                        sources: source_cell([&x.meta.sources[..]]),
                        url: format!("{base}{}", x.meta.url),
                    }
                })
                .collect();
            encode(&rows, set.columns())
        }
        DataSet::Movements => {
            let rows: Vec<MovementRow> = ix
                .movements_by_start
                .iter()
                .map(|&m| {
                    let x = &r[m];
                    MovementRow {
                        title: &x.meta.title,
                        kind: x.kind.key(),
                        level: &settings[x.level].label,
                        launched_by: x.launched_by.as_deref().unwrap_or(""),
                        document: x.document.as_deref().unwrap_or(""),
                        document_date: x.document_date.map(|d| d.iso()).unwrap_or_default(),
                        start: x.start.iso(),
                        end: x.end.map(|d| d.iso()).unwrap_or_default(),
                        fields: labels(&x.fields),
                        parent: x.parent.map(|m| r[m].meta.title.as_str()).unwrap_or(""),
                        place: x.place.as_deref().unwrap_or(""),
                        sources: source_cell([&x.meta.sources[..]]),
                        url: format!("{base}{}", x.meta.url),
                    }
                })
                .collect();
            encode(&rows, set.columns())
        }
        DataSet::Notices => {
            let mut rows = Vec::new();
            for &n in &ix.notices_by_date {
                let x = &r[n];
                let url = format!("{base}{}", x.meta.url);
                let decision_url = x
                    .decision
                    .map(|a| format!("{base}{}", r[a].meta.url))
                    .unwrap_or_default();
                for nominee in &x.nominees {
                    rows.push(NomineeRow {
                        notice: &x.meta.title,
                        posted: x.posted.iso(),
                        deadline: x.deadline.map(|d| d.iso()).unwrap_or_default(),
                        issuer: x.issuer.map(|b| settings[b].label.as_str()).unwrap_or(""),
                        posted_at: &x.place,
                        name: &nominee.name,
                        subject: nominee.subject.key(),
                        position: nominee.position.as_deref().unwrap_or(""),
                        unit: nominee.unit.as_deref().unwrap_or(""),
                        form: &settings[nominee.form].label,
                        achievement: nominee.achievement.as_deref().unwrap_or(""),
                        posthumous: nominee.posthumous,
                        place: nominee.place.as_deref().unwrap_or(""),
                        decision_url: decision_url.clone(),
                        sources: source_cell([&nominee.sources[..], &x.meta.sources[..]]),
                        url: url.clone(),
                    });
                }
            }
            encode(&rows, set.columns())
        }
    }
}

/// CSV with a UTF-8 BOM and CRLF line ends (what Excel expects), and JSON.
fn encode<T: Serialize>(rows: &[T], columns: &[&str]) -> (Vec<u8>, Vec<u8>) {
    // Sized up front from the first rows: growing by doubling would hold two copies of a
    // large data set at once.
    let sample = rows.len().min(64);
    let per_row = if sample == 0 {
        0
    } else {
        let mut probe = Vec::new();
        {
            let mut w = csv::WriterBuilder::new().from_writer(&mut probe);
            for row in &rows[..sample] {
                let _ = w.serialize(row);
            }
            let _ = w.flush();
        }
        probe.len() / sample + 1
    };
    let mut csv_bytes = Vec::with_capacity(per_row * rows.len() * 9 / 8 + 4096);
    csv_bytes.extend_from_slice(b"\xEF\xBB\xBF");
    WRITING_CSV.set(true);
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut csv_bytes);
        if rows.is_empty() {
            let _ = w.write_record(columns);
        }
        for row in rows {
            // Rows are plain strings and numbers: serialising cannot fail.
            let _ = w.serialize(row);
        }
        let _ = w.flush();
    }
    WRITING_CSV.set(false);
    // JSON repeats the keys: about one and a half times the CSV.
    let mut json = Vec::with_capacity(csv_bytes.len() * 13 / 8 + 4096);
    let _ = serde_json::to_writer(&mut json, rows);
    (csv_bytes, json)
}
