//! `site.toml`: serde types as written, turned into checked [`Settings`].

use crate::date::Date;
use crate::error::{msg, Diagnostic, Diagnostics};
use crate::model::{BodyId, Subject};
use crate::source::line_col;
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const DEFAULTS: &str = include_str!("defaults.toml");

/// The first day of two-tier local government (no district level) and of the powers of
/// Nghị định 152/2025/NĐ-CP: forms' `levels_from_2025` apply from this day.
pub const TWO_TIER_FROM: Date = Date {
    year: 2025,
    month: 7,
    day: 1,
};

/// The level slug of commune bodies: their decisions are dated at the commune's name
/// unless the body gives its own `place`.
pub const COMMUNE_LEVEL: &str = "xa";

/// A named entry of a vocabulary (a field, a level).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub slug: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A level exists from this date (levels only; partial dates allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// A level exists until this date, included (the district level: 2025-06-30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// A body that may issue decisions (Chủ tịch UBND xã...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub slug: String,
    pub label: String,
    pub level: String,
    /// Place of issue printed in the decision header ("Hà Nội" for the Prime Minister).
    /// Without it a commune-level body's decisions carry the commune's name and other
    /// bodies' none.
    #[serde(default)]
    pub place: Option<String>,
    /// The body issues decisions from this date (partial dates allowed).
    #[serde(default)]
    pub from: Option<Date>,
    /// The body issues decisions until this date, included (abolished in the 2025 reform).
    #[serde(default)]
    pub until: Option<Date>,
    /// Form slugs this body may grant, instead of what its level may grant.
    #[serde(default)]
    pub grants: Option<Vec<String>>,
}

/// Whether a form is an emulation title or a form of commendation.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum FormKind {
    #[serde(rename = "danh-hieu", alias = "title")]
    Title,
    #[serde(rename = "hinh-thuc", alias = "form")]
    Form,
}

/// A form of commendation or an emulation title.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub slug: String,
    pub label: String,
    pub kind: FormKind,
    /// Who may receive it; empty means anyone.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    /// Level slugs that may grant it before 1 July 2025 (three tiers of local government);
    /// empty means any.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Level slugs that may grant it from 1 July 2025 (two tiers, Nghị định 152/2025/NĐ-CP);
    /// absent: the same as `levels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels_from_2025: Option<Vec<String>>,
    /// Reward coefficient times the base salary.
    #[serde(default)]
    pub coefficient: Option<f64>,
    /// Declared in `site.toml` (not only built in): it has a page even before anyone
    /// receives it.
    #[serde(skip)]
    pub declared: bool,
}

impl Form {
    /// The level slugs that may grant it for a decision dated `date`, `None` when any
    /// level may. A date known only to the year 2025 falls in both periods: what either
    /// allows.
    pub fn grant_levels(&self, date: Date) -> Option<Vec<&str>> {
        let after = self.levels_from_2025.as_ref().unwrap_or(&self.levels);
        let (first, last) = (date.first_day(), last_day(date));
        let mut out: Vec<&str> = Vec::new();
        for (applies, list) in [
            (first < TWO_TIER_FROM, &self.levels),
            (last >= TWO_TIER_FROM, after),
        ] {
            if !applies {
                continue;
            }
            if list.is_empty() {
                return None;
            }
            for l in list {
                if !out.contains(&l.as_str()) {
                    out.push(l);
                }
            }
        }
        Some(out)
    }
}

/// The last day of a date's period: the date itself when the day is known, else the end of
/// its month or year.
pub fn last_day(d: Date) -> Date {
    match d.precision() {
        crate::date::Precision::Day => d,
        crate::date::Precision::Year => Date {
            year: d.year,
            month: 12,
            day: 31,
        },
        crate::date::Precision::Month => {
            let next = if d.month == 12 {
                Date::new(d.year + 1, 1, 1)
            } else {
                Date::new(d.year, d.month + 1, 1)
            };
            next.map(|n| Date::from_days(n.days() - 1)).unwrap_or(d)
        }
    }
}

/// Whether a date's whole period lies outside `from`–`until` (both optional, partial dates
/// taken at their widest): a decision "2025" is not outside a body that ends on 2025-06-30.
pub fn outside_period(date: Date, from: Option<Date>, until: Option<Date>) -> bool {
    from.is_some_and(|f| last_day(date) < f.first_day())
        || until.is_some_and(|u| date.first_day() > last_day(u))
}

/// The slugs and labels of one vocabulary, to accept a label written instead of a slug and
/// to suggest entries by slug or label.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// (slug, label), in the vocabulary's order.
    entries: Vec<(String, String)>,
    /// [`text::loose_key`] of every slug and label → its entry; `None` when two entries
    /// share the key.
    by_key: HashMap<String, Option<usize>>,
}

impl Labels {
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Labels {
        let mut out = Labels::default();
        for (i, (slug, label)) in entries.into_iter().enumerate() {
            for key in [text::loose_key(slug), text::loose_key(label)] {
                if key.is_empty() {
                    continue;
                }
                out.by_key
                    .entry(key)
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None
                        }
                    })
                    .or_insert(Some(i));
            }
            out.entries.push((slug.to_string(), label.to_string()));
        }
        out
    }

    /// The entry whose slug or label `written` is, ignoring case, diacritics, spaces and
    /// punctuation ("Giay khen", "giấy  khen" → Giấy khen), when exactly one entry matches.
    pub fn find(&self, written: &str) -> Option<usize> {
        self.by_key
            .get(&text::loose_key(written))
            .copied()
            .flatten()
    }

    /// (slug, label) of every entry.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> + Clone {
        self.entries.iter().map(|(s, l)| (s.as_str(), l.as_str()))
    }
}

/// Output section paths, Vietnamese by default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    pub plans: String,
    pub movements: String,
    pub people: String,
    pub awards: String,
    pub notices: String,
    pub years: String,
    pub fields: String,
    pub forms: String,
    pub units: String,
    pub honour_roll: String,
    /// The pages of honourees without a people record (`nguoi-duoc-khen/<name>/`).
    pub honourees: String,
    pub data: String,
    pub stats: String,
    pub search: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            plans: "ke-hoach".into(),
            movements: "phong-trao".into(),
            people: "guong-dien-hinh".into(),
            awards: "khen-thuong".into(),
            notices: "cong-khai".into(),
            years: "nam".into(),
            fields: "linh-vuc".into(),
            forms: "hinh-thuc".into(),
            units: "don-vi".into(),
            honour_roll: "bang-vang".into(),
            honourees: "nguoi-duoc-khen".into(),
            data: "du-lieu".into(),
            stats: "thong-ke".into(),
            search: "tim-kiem".into(),
        }
    }
}

/// `[photos]`: what happens to people's photos.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Photos {
    /// Publish the original file as well (its metadata and all) beside the resized,
    /// metadata-free copies. Off by default.
    pub keep_original: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    commune: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    description: Option<String>,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    paths: Paths,
    #[serde(default = "default_page_size")]
    page_size: usize,
    #[serde(default)]
    photos: Photos,
    /// `false`: record pages show no revision history even when the site is in git.
    #[serde(default = "yes")]
    history: bool,
    /// Site entries added to the built-in vocabularies (same slug: replaces the built-in).
    #[serde(default)]
    fields: Vec<Term>,
    #[serde(default)]
    levels: Vec<Term>,
    #[serde(default)]
    forms: Vec<Form>,
    /// `false` drops the built-in entries of a vocabulary: only the site's remain.
    #[serde(default = "yes")]
    builtin_fields: bool,
    #[serde(default = "yes")]
    builtin_levels: bool,
    #[serde(default = "yes")]
    builtin_forms: bool,
    #[serde(default)]
    bodies: Vec<Body>,
    /// Personal data `site.toml` may publish (a public office's `phone`, `email`).
    #[serde(default)]
    allow: Vec<String>,
    /// Units with their other spellings and history (`[[units]]`, see `units.rs`).
    #[serde(default)]
    units: Vec<crate::units::UnitDecl>,
}

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_page_size() -> usize {
    100
}
fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct Defaults {
    fields: Vec<Term>,
    levels: Vec<Term>,
    forms: Vec<Form>,
}

/// The site's checked configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub title: String,
    pub commune: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Without a trailing slash.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub paths: Paths,
    pub page_size: usize,
    /// `[photos]`: whether the original photo files are published too.
    pub photos: Photos,
    /// Record pages show their revision history from git (`history`, default true).
    pub history: bool,
    pub fields: Vec<Term>,
    pub levels: Vec<Term>,
    pub forms: Vec<Form>,
    pub bodies: Vec<Body>,
    /// `[[units]]` as written.
    pub units: Vec<crate::units::UnitDecl>,
    /// `[[units]]` checked: where each declared name belongs.
    #[serde(skip)]
    pub unit_book: crate::units::Book,
    #[serde(skip)]
    pub field_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub level_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub form_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub body_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub field_labels: Labels,
    #[serde(skip)]
    pub level_labels: Labels,
    #[serde(skip)]
    pub form_labels: Labels,
    #[serde(skip)]
    pub body_labels: Labels,
}

impl Settings {
    /// Reads and checks `site.toml`; `rel` is the path shown in messages.
    pub fn load(path: &Path, rel: &Path) -> Result<Settings, Vec<Diagnostic>> {
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Diagnostic::error(
                "no-config",
                rel,
                0,
                msg(format!("không đọc được tệp cấu hình: {e}"), format!("cannot read the site configuration: {e}")),
            )
            .with_hint(msg(
                "chạy vinhdanh trong thư mục của trang (có site.toml và content/), hoặc dùng --root THƯ_MỤC",
                "run vinhdanh in the site folder (the one holding site.toml and content/), or pass --root DIR",
            ))]
        })?;
        let text = crate::source::decode(rel, bytes).map_err(|d| vec![d])?;
        Settings::parse(&text, rel)
    }

    pub fn parse(text: &str, rel: &Path) -> Result<Settings, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 0));
            let d = crate::source::serde_diagnostic(
                rel,
                line,
                e.message().trim(),
                crate::source::Format::Toml,
            )
            .at(col, 0);
            vec![crate::source::explain_common(
                d,
                text,
                line.saturating_sub(1),
            )]
        })?;
        let defaults: Defaults = toml::from_str(DEFAULTS).expect("built-in defaults.toml is valid");
        let raw_base_url = raw.base_url.clone();
        // Its title, description and labels are published: the privacy guard reads them.
        let mut diags = Diagnostics::default();
        diags.extend(crate::privacy::check_allow(&raw.allow, rel, text));
        diags.extend(crate::privacy::scan_config(text, rel, &raw.allow));
        // Site entries are unique among themselves, then extend the built-ins: the same
        // slug replaces the built-in entry in its place, a new one is added at the end.
        for (table, slugs) in [
            (
                "fields",
                raw.fields
                    .iter()
                    .map(|t| t.slug.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "levels",
                raw.levels.iter().map(|t| t.slug.as_str()).collect(),
            ),
            ("forms", raw.forms.iter().map(|t| t.slug.as_str()).collect()),
        ] {
            check_site_duplicates(table, &slugs, text, rel, &mut diags);
        }
        for (i, f) in raw.fields.iter().enumerate() {
            if f.from.is_some() || f.until.is_some() {
                let key = if f.from.is_some() { "from" } else { "until" };
                diags.push(
                    Diagnostic::error(
                        "unknown-key",
                        rel,
                        block_line_of_key(text, "fields", i, key),
                        msg(
                            format!("lĩnh vực “{}” không dùng khóa {key}", f.slug),
                            format!("field \"{}\" takes no {key} key", f.slug),
                        ),
                    )
                    .with_hint(msg(
                        "from và until chỉ dùng cho [[levels]] và [[bodies]]; xóa dòng này",
                        "from and until are for [[levels]] and [[bodies]]; remove the line",
                    )),
                );
            }
        }
        let site_forms: Vec<String> = raw.forms.iter().map(|f| f.slug.clone()).collect();
        fn builtin<T>(on: bool, list: Vec<T>) -> Vec<T> {
            if on {
                list
            } else {
                Vec::new()
            }
        }
        let mut s = Settings {
            title: raw.title,
            commune: raw.commune,
            location: raw.location,
            description: raw.description,
            base_url: raw.base_url.trim_end_matches('/').to_string(),
            language: raw.language,
            theme: raw.theme,
            paths: raw.paths,
            page_size: raw.page_size.max(1),
            photos: raw.photos,
            history: raw.history,
            fields: merge(
                builtin(raw.builtin_fields, defaults.fields),
                raw.fields,
                |t| &t.slug,
            ),
            levels: merge(
                builtin(raw.builtin_levels, defaults.levels),
                raw.levels,
                |t| &t.slug,
            ),
            forms: merge(
                builtin(raw.builtin_forms, defaults.forms),
                raw.forms
                    .into_iter()
                    .map(|f| Form {
                        declared: true,
                        ..f
                    })
                    .collect(),
                |t| &t.slug,
            ),
            bodies: raw.bodies,
            units: raw.units,
            unit_book: crate::units::Book::default(),
            field_ix: HashMap::new(),
            level_ix: HashMap::new(),
            form_ix: HashMap::new(),
            body_ix: HashMap::new(),
            field_labels: Labels::default(),
            level_labels: Labels::default(),
            form_labels: Labels::default(),
            body_labels: Labels::default(),
        };
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{needle}\"")))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        // The line of `key = "value"`, or else of the value alone.
        let line_of_key = |key: &str, value: &str| {
            text.lines()
                .position(|l| {
                    l.trim_start().starts_with(key) && l.contains(&format!("\"{value}\""))
                })
                .or_else(|| {
                    text.lines().position(|l| {
                        l.trim_start()
                            .strip_prefix(key)
                            .is_some_and(|rest| rest.trim_start().starts_with('='))
                    })
                })
                .map(|i| i + 1)
                .unwrap_or_else(|| line_of(value))
        };
        if let Err(why) = check_base_url(&s.base_url) {
            diags.push(
                Diagnostic::error(
                    "bad-value",
                    rel,
                    line_of_key("base_url", raw_base_url.as_str()),
                    msg(
                        format!("base_url = “{raw_base_url}” không dùng được: {}", why.vi),
                        format!("base_url = \"{raw_base_url}\" cannot be used: {}", why.en),
                    ),
                )
                .with_hint(msg(
                    "ghi địa chỉ đầy đủ của website, bắt đầu bằng https:// hoặc http://, ví dụ base_url = \"https://tanviet.thanhha.haiduong.gov.vn\"",
                    "write the site's full address starting with https:// or http://, for example base_url = \"https://example.gov.vn\"",
                )),
            );
        }
        if !matches!(s.language.as_str(), "vi" | "en") {
            diags.push(
                Diagnostic::error(
                    "unknown-language",
                    rel,
                    line_of(&s.language),
                    msg(
                        format!("ngôn ngữ “{}” không được hỗ trợ", s.language),
                        format!("unknown language \"{}\"", s.language),
                    ),
                )
                .with_hint(msg(
                    "viết language = \"vi\" hoặc language = \"en\"",
                    "use language = \"vi\" or language = \"en\"",
                )),
            );
        }
        s.field_ix = index_slugs(
            s.fields.iter().map(|t| t.slug.as_str()),
            "field",
            rel,
            &line_of,
            &mut diags,
        );
        s.level_ix = index_slugs(
            s.levels.iter().map(|t| t.slug.as_str()),
            "level",
            rel,
            &line_of,
            &mut diags,
        );
        s.form_ix = index_slugs(
            s.forms.iter().map(|t| t.slug.as_str()),
            "form",
            rel,
            &line_of,
            &mut diags,
        );
        s.body_ix = index_slugs(
            s.bodies.iter().map(|t| t.slug.as_str()),
            "body",
            rel,
            &line_of,
            &mut diags,
        );
        s.field_labels = Labels::new(s.fields.iter().map(|t| (t.slug.as_str(), t.label.as_str())));
        s.level_labels = Labels::new(s.levels.iter().map(|t| (t.slug.as_str(), t.label.as_str())));
        s.form_labels = Labels::new(s.forms.iter().map(|t| (t.slug.as_str(), t.label.as_str())));
        s.body_labels = Labels::new(s.bodies.iter().map(|t| (t.slug.as_str(), t.label.as_str())));
        // References inside site.toml: a label written for a slug is accepted as for records.
        for i in 0..s.bodies.len() {
            let written = s.bodies[i].level.clone();
            match lookup(&s.level_ix, &s.level_labels, &written) {
                Some(l) => s.bodies[i].level = s.levels[l].slug.clone(),
                None => diags.push(
                    Diagnostic::error(
                        "unknown-reference",
                        rel,
                        block_line_of_value(text, "bodies", i, &written),
                        msg(
                            format!(
                                "cơ quan “{}” có cấp không tồn tại “{written}”",
                                s.bodies[i].slug
                            ),
                            format!(
                                "body \"{}\" has unknown level \"{written}\"",
                                s.bodies[i].slug
                            ),
                        ),
                    )
                    .with_hint(text::did_you_mean_labelled(
                        &written,
                        s.level_labels.entries(),
                    )),
                ),
            }
            let grants = s.bodies[i].grants.clone().unwrap_or_default();
            for (k, written) in grants.iter().enumerate() {
                match lookup(&s.form_ix, &s.form_labels, written) {
                    Some(f) => {
                        if let Some(g) = s.bodies[i].grants.as_mut() {
                            g[k] = s.forms[f].slug.clone();
                        }
                    }
                    None => diags.push(
                        Diagnostic::error(
                            "unknown-reference",
                            rel,
                            block_line_of_value(text, "bodies", i, written),
                            msg(
                                format!(
                                    "cơ quan “{}” ghi trong grants hình thức không tồn tại “{written}”",
                                    s.bodies[i].slug
                                ),
                                format!(
                                    "body \"{}\" grants unknown form \"{written}\"",
                                    s.bodies[i].slug
                                ),
                            ),
                        )
                        .with_hint(text::did_you_mean_labelled(written, s.form_labels.entries())),
                    ),
                }
            }
            let b = &s.bodies[i];
            if let (Some(from), Some(until)) = (b.from, b.until) {
                if last_day(until) < from.first_day() {
                    diags.push(
                        Diagnostic::error(
                            "bad-period",
                            rel,
                            block_line_of_key(text, "bodies", i, "until"),
                            msg(
                                format!(
                                    "cơ quan “{}” thôi ban hành ({}) trước khi bắt đầu ({})",
                                    b.slug,
                                    until.vietnamese(),
                                    from.vietnamese()
                                ),
                                format!(
                                    "body \"{}\" ends ({until}) before it starts ({from})",
                                    b.slug
                                ),
                            ),
                        )
                        .with_hint(msg("kiểm tra from và until", "check from and until")),
                    );
                }
            }
        }
        // A site's forms name existing levels; the built-in forms may name levels a site
        // without the built-in levels dropped (such a level grants nothing).
        let mut level_errors = Vec::new();
        for form in s.forms.iter_mut() {
            let Some(site_index) = site_forms.iter().position(|f| *f == form.slug) else {
                continue;
            };
            let lists = std::iter::once(&mut form.levels).chain(form.levels_from_2025.as_mut());
            for list in lists {
                for level in list.iter_mut() {
                    match lookup(&s.level_ix, &s.level_labels, level) {
                        Some(l) => *level = s.levels[l].slug.clone(),
                        None => level_errors.push((site_index, form.slug.clone(), level.clone())),
                    }
                }
            }
        }
        for (site_index, form, level) in level_errors {
            diags.push(
                Diagnostic::error(
                    "unknown-reference",
                    rel,
                    block_line_of_value(text, "forms", site_index, &level),
                    msg(
                        format!("hình thức “{form}” ghi cấp không tồn tại “{level}”"),
                        format!("form \"{form}\" names unknown level \"{level}\""),
                    ),
                )
                .with_hint(text::did_you_mean_labelled(
                    &level,
                    s.level_labels.entries(),
                )),
            );
        }
        let mut section_of: HashMap<&str, &str> = HashMap::new();
        for (name, value) in [
            ("plans", &s.paths.plans),
            ("movements", &s.paths.movements),
            ("people", &s.paths.people),
            ("awards", &s.paths.awards),
            ("notices", &s.paths.notices),
            ("years", &s.paths.years),
            ("fields", &s.paths.fields),
            ("forms", &s.paths.forms),
            ("units", &s.paths.units),
            ("honour_roll", &s.paths.honour_roll),
            ("honourees", &s.paths.honourees),
            ("data", &s.paths.data),
            ("stats", &s.paths.stats),
            ("search", &s.paths.search),
        ] {
            // Two sections at one address would write their pages over each other.
            if let Some(first) = section_of.insert(value.as_str(), name) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        rel,
                        line_of_key(name, value),
                        msg(
                            format!("paths.{name} và paths.{first} cùng là “{value}”: trang của hai mục sẽ ghi đè lên nhau"),
                            format!("paths.{name} and paths.{first} are both \"{value}\": the pages of the two sections would overwrite each other"),
                        ),
                    )
                    .with_hint(msg(
                        format!("đặt cho paths.{name} một đường dẫn khác mọi mục còn lại"),
                        format!("give paths.{name} an address no other section uses"),
                    )),
                );
            }
            if ["assets", "static", "404"].contains(&value.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        rel,
                        line_of_key(name, value),
                        msg(
                            format!("paths.{name} = “{value}” trùng với thư mục riêng của website"),
                            format!(
                                "paths.{name} = \"{value}\" is an address the site itself uses"
                            ),
                        ),
                    )
                    .with_hint(msg("chọn một đường dẫn khác", "choose another address")),
                );
            }
            if value.len() > text::MAX_SLUG || value.is_empty() || text::slugify(value) != *value {
                diags.push(
                    Diagnostic::error(
                        "bad-slug",
                        rel,
                        line_of(value),
                        msg(
                            format!("paths.{name} = “{value}” không phải đường dẫn hợp lệ"),
                            format!("paths.{name} = \"{value}\" is not a URL slug"),
                        ),
                    )
                    .with_hint(text::slug_hint(&text::slugify(value))),
                );
            }
        }
        s.unit_book = crate::units::check(&s.units, text, rel, &mut diags);
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        Ok(s)
    }

    pub fn field(&self, slug: &str) -> Option<&Term> {
        self.field_ix.get(slug).map(|&i| &self.fields[i])
    }
    pub fn level(&self, slug: &str) -> Option<&Term> {
        self.level_ix.get(slug).map(|&i| &self.levels[i])
    }
    pub fn form(&self, slug: &str) -> Option<&Form> {
        self.form_ix.get(slug).map(|&i| &self.forms[i])
    }
    pub fn body(&self, slug: &str) -> Option<&Body> {
        self.body_ix.get(slug).map(|&i| &self.bodies[i])
    }

    /// The place of issue printed before a decision's date: the body's `place`; without
    /// one, the commune's name for a commune-level body and nothing for others (a wrong
    /// place is worse than none).
    pub(crate) fn place_of(&self, body: BodyId) -> Option<&str> {
        let b = &self[body];
        match b.place.as_deref().map(str::trim) {
            Some("") => None,
            Some(p) => Some(p),
            None => (b.level == COMMUNE_LEVEL).then_some(self.commune.as_str()),
        }
    }
}

/// Whether `base_url` is an absolute `http` or `https` address of a site: it is written
/// into every page's canonical link, the feeds and the sitemap.
fn check_base_url(base_url: &str) -> Result<(), crate::error::Msg> {
    let url = url::Url::parse(base_url).map_err(|e| {
        msg(
            format!("không phải địa chỉ web ({e})"),
            format!("not a web address ({e})"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(msg(
            format!(
                "địa chỉ phải bắt đầu bằng https:// hoặc http://, không phải {}:",
                url.scheme()
            ),
            format!(
                "it must start with https:// or http://, not {}:",
                url.scheme()
            ),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(msg("thiếu tên máy chủ", "the host name is missing"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(msg(
            "địa chỉ không được chứa tên đăng nhập hay mật khẩu",
            "it must not hold a user name or password",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg(
            "địa chỉ không được có phần ? hay #",
            "it must not have a ? or # part",
        ));
    }
    if base_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
    {
        return Err(msg(
            "địa chỉ có dấu cách hoặc ký tự không được phép",
            "it holds a space or a character that is not allowed",
        ));
    }
    Ok(())
}

fn index_slugs<'a>(
    slugs: impl Iterator<Item = &'a str>,
    what: &str,
    rel: &Path,
    line_of: &dyn Fn(&str) -> usize,
    diags: &mut Diagnostics,
) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, slug) in slugs.enumerate() {
        if slug.len() > text::MAX_SLUG {
            diags.push(
                Diagnostic::error(
                    "slug-too-long",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) dài quá {} ký tự", text::MAX_SLUG),
                        format!(
                            "{what} slug \"{slug}\" is over {} characters",
                            text::MAX_SLUG
                        ),
                    ),
                )
                .with_hint(msg("chọn đường dẫn ngắn hơn", "choose a shorter slug")),
            );
        }
        if text::slugify(slug) != slug {
            diags.push(
                Diagnostic::error(
                    "bad-slug",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) không phải đường dẫn hợp lệ"),
                        format!("{what} slug \"{slug}\" is not a URL slug"),
                    ),
                )
                .with_hint(text::slug_hint(&text::slugify(slug))),
            );
        }
        if map.insert(slug.to_string(), i).is_some() {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) được khai báo hai lần"),
                        format!("{what} \"{slug}\" is declared twice"),
                    ),
                )
                .with_hint(msg(
                    "mỗi mục cần một slug riêng",
                    "give each entry its own slug",
                )),
            );
        }
    }
    map
}

/// Looks a written value up by slug, or else by label.
fn lookup(ix: &HashMap<String, usize>, labels: &Labels, written: &str) -> Option<usize> {
    ix.get(written).copied().or_else(|| labels.find(written))
}

/// The built-in entries with the site's: the same slug replaces the built-in entry where it
/// stands, a new slug is added after them.
fn merge<T>(mut builtin: Vec<T>, site: Vec<T>, slug: impl Fn(&T) -> &String) -> Vec<T> {
    for t in site {
        match builtin.iter().position(|b| slug(b) == slug(&t)) {
            Some(i) => builtin[i] = t,
            None => builtin.push(t),
        }
    }
    builtin
}

/// The 1-based lines of the `index`-th `[[table]]` block of `site.toml`: its header and
/// every line up to the next table.
fn block_lines<'t>(
    text: &'t str,
    table: &str,
    index: usize,
) -> Option<impl Iterator<Item = (usize, &'t str)>> {
    let header = format!("[[{table}]]");
    let start = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&header))
        .nth(index)?
        .0;
    Some(
        text.lines()
            .enumerate()
            .skip(start)
            .take_while(move |(i, l)| *i == start || !l.trim_start().starts_with('['))
            .map(|(i, l)| (i + 1, l)),
    )
}

/// The line of the `index`-th `[[table]]` block that holds `"value"`, else its header, else
/// the first line anywhere that does (0 when none).
fn block_line_of_value(text: &str, table: &str, index: usize, value: &str) -> usize {
    let quoted = format!("\"{value}\"");
    if let Some(mut lines) = block_lines(text, table, index) {
        let lines: Vec<(usize, &str)> = lines.by_ref().collect();
        if let Some((n, _)) = lines.iter().find(|(_, l)| l.contains(&quoted)) {
            return *n;
        }
        return lines[0].0;
    }
    text.lines()
        .position(|l| l.contains(&quoted))
        .map_or(0, |i| i + 1)
}

/// The line of the `index`-th `[[table]]` block that sets `key`, else its header.
fn block_line_of_key(text: &str, table: &str, index: usize, key: &str) -> usize {
    let Some(lines) = block_lines(text, table, index) else {
        return 0;
    };
    let lines: Vec<(usize, &str)> = lines.collect();
    lines
        .iter()
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .unwrap_or(&lines[0])
        .0
}

/// A slug declared twice in `site.toml` itself is an error, at the second declaration.
fn check_site_duplicates(
    table: &str,
    slugs: &[&str],
    text: &str,
    rel: &Path,
    diags: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        if let Some(first) = seen.insert(slug, i) {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    rel,
                    block_line_of_value(text, table, i, slug),
                    msg(
                        format!(
                            "“{slug}” được khai báo hai lần trong [[{table}]] (lần đầu ở dòng {})",
                            block_line_of_value(text, table, first, slug)
                        ),
                        format!("\"{slug}\" is declared twice in [[{table}]]"),
                    ),
                )
                .with_hint(msg(
                    "mỗi mục cần một slug riêng; khai báo một slug có sẵn một lần là đủ để thay mục có sẵn",
                    "give each entry its own slug; declaring a built-in slug once replaces the built-in entry",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    const MIN: &str = "title = \"T\"\ncommune = \"Xã A\"\nbase_url = \"https://x.example/\"\n";

    #[test]
    fn defaults_fill_vocabularies() {
        let s = Settings::parse(MIN, Path::new("site.toml")).unwrap();
        assert_eq!(s.fields.len(), 13);
        assert_eq!(
            s.field("giao-duc").unwrap().label,
            "Giáo dục – đào tạo, khuyến học"
        );
        assert_eq!(s.base_url, "https://x.example");
        assert_eq!(s.paths.people, "guong-dien-hinh");
        assert!(s
            .form("gia-dinh-van-hoa")
            .unwrap()
            .levels
            .contains(&"xa".to_string()));
    }

    #[test]
    fn bad_body_level_is_reported_with_line() {
        let text =
            format!("{MIN}[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"UBND\"\nlevel = \"xaa\"\n");
        let e = Settings::parse(&text, Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].line, 7);
        assert!(e[0].hint.as_ref().unwrap().en.contains("\"xa\""));
    }

    #[test]
    fn path_overrides_must_be_slugs() {
        let text = format!("{MIN}[paths]\npeople = \"../../etc\"\n");
        let e = Settings::parse(&text, Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].code, "bad-slug");
        assert_eq!(e[0].line, 5);
    }

    #[test]
    fn syntax_error_has_line() {
        let e = Settings::parse("title = \"T\"\ncommune = \n", Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].line, 2);
    }

    fn parse(extra: &str) -> Result<Settings, Vec<Diagnostic>> {
        Settings::parse(&format!("{MIN}{extra}"), Path::new("site.toml"))
    }

    fn builtin_count() -> (usize, usize, usize) {
        let s = parse("").unwrap();
        (s.fields.len(), s.levels.len(), s.forms.len())
    }

    #[test]
    fn site_entries_extend_the_built_ins_and_replace_a_slug_in_place() {
        let (fields, levels, forms) = builtin_count();
        let at = parse("").unwrap().form_ix["giay-khen"];
        let s = parse(
            "[[forms]]\nslug = \"giay-khen-cong-an\"\nlabel = \"Giấy khen của Giám đốc Công an tỉnh\"\nkind = \"hinh-thuc\"\n\
             [[forms]]\nslug = \"giay-khen\"\nlabel = \"Giấy khen (xã)\"\nkind = \"hinh-thuc\"\nlevels = [\"xa\"]\n\
             [[fields]]\nslug = \"du-lich\"\nlabel = \"Du lịch\"\n",
        )
        .unwrap();
        assert_eq!(s.forms.len(), forms + 1);
        assert_eq!(s.fields.len(), fields + 1);
        assert_eq!(s.levels.len(), levels);
        // Replaced where it stood, the new one after the built-ins.
        assert_eq!(s.form_ix["giay-khen"], at);
        assert_eq!(s.form("giay-khen").unwrap().label, "Giấy khen (xã)");
        assert_eq!(s.forms.last().unwrap().slug, "giay-khen-cong-an");
        assert!(s.form("bang-khen-tinh").is_some(), "built-ins kept");
        assert_eq!(s.field("du-lich").unwrap().label, "Du lịch");
    }

    #[test]
    fn builtin_false_drops_the_built_ins() {
        let s = parse(
            "builtin_forms = false\nbuiltin_fields = false\n\
             [[forms]]\nslug = \"giay-khen\"\nlabel = \"Giấy khen\"\nkind = \"hinh-thuc\"\n\
             [[fields]]\nslug = \"du-lich\"\nlabel = \"Du lịch\"\n",
        )
        .unwrap();
        assert_eq!(s.forms.len(), 1);
        assert!(s.form("lao-dong-tien-tien").is_none());
        assert_eq!(s.fields.len(), 1);
        assert_eq!(s.levels.len(), builtin_count().1, "levels kept");
        // Without the built-in levels the built-in forms still load: the levels they name
        // and the site lacks grant nothing.
        let s = parse(
            "builtin_levels = false\n[[levels]]\nslug = \"xa\"\nlabel = \"Cấp xã\"\n\
             [[bodies]]\nslug = \"ubnd\"\nlabel = \"UBND\"\nlevel = \"xa\"\n",
        )
        .unwrap();
        assert_eq!(s.levels.len(), 1);
        assert_eq!(s.level("xa").unwrap().label, "Cấp xã");
        assert!(s.form("huan-chuong-sao-vang").is_some());
    }

    #[test]
    fn a_slug_declared_twice_in_site_toml_is_an_error_at_the_second() {
        let e = parse(
            "[[fields]]\nslug = \"du-lich\"\nlabel = \"Du lịch\"\n[[fields]]\nslug = \"du-lich\"\nlabel = \"Du lịch 2\"\n",
        )
        .unwrap_err();
        assert_eq!(e[0].code, "duplicate-slug");
        assert_eq!(e[0].line, 8);
        assert!(e[0].message.vi.contains("dòng 5"), "{:?}", e[0].message);
    }

    #[test]
    fn labels_are_accepted_for_slugs_ignoring_case_marks_and_spaces() {
        let s = parse("").unwrap();
        let gk = s.form_ix["giay-khen"];
        for written in [
            "Giấy khen",
            "giấy khen",
            "Giay khen",
            "GIẤY  KHEN",
            "giay-khen",
        ] {
            assert_eq!(s.form_labels.find(written), Some(gk), "{written}");
        }
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Giấy khen").collect();
        assert_eq!(s.form_labels.find(&nfd), Some(gk));
        assert_eq!(
            s.field_labels.find("Chuyển đổi số"),
            Some(s.field_ix["chuyen-doi-so"])
        );
        assert_eq!(s.level_labels.find("tỉnh"), Some(s.level_ix["tinh"]));
        assert_eq!(s.form_labels.find("Giấy"), None);
        // A label two entries share names neither.
        let l = Labels::new([("a", "Giấy khen"), ("b", "Giay khen")]);
        assert_eq!(l.find("giay khen"), None);
        assert_eq!(l.find("a"), Some(0));
        // In site.toml too: a body's level written as its label.
        let s = parse("[[bodies]]\nslug = \"ubnd\"\nlabel = \"UBND\"\nlevel = \"Tỉnh\"\ngrants = [\"Giấy khen\"]\n").unwrap();
        assert_eq!(s.bodies[0].level, "tinh");
        assert_eq!(
            s.bodies[0].grants.as_deref(),
            Some(&["giay-khen".to_string()][..])
        );
    }

    #[test]
    fn suggestions_name_the_closest_slugs_with_their_labels() {
        let s = parse("").unwrap();
        let hint = text::did_you_mean_labelled("giay-khenn", s.form_labels.entries());
        assert!(
            hint.vi
                .starts_with("có phải ý bạn là \"giay-khen\" (Giấy khen)"),
            "{}",
            hint.vi
        );
        // Close by label, without diacritics.
        let hint = text::did_you_mean_labelled("Bang khen cua tinh", s.form_labels.entries());
        assert!(
            hint.vi
                .contains("\"bang-khen-tinh\" (Bằng khen của Chủ tịch UBND tỉnh)"),
            "{}",
            hint.vi
        );
        let hint = text::did_you_mean_labelled("huan-chuong-lao-dong", s.form_labels.entries());
        for class in ["nhat", "nhi", "ba"] {
            assert!(
                hint.vi
                    .contains(&format!("huan-chuong-lao-dong-hang-{class}")),
                "{}",
                hint.vi
            );
        }
        // Nothing close among many: the nearest, never a mere count.
        let hint = text::did_you_mean_labelled("zzzzzz", s.form_labels.entries());
        assert!(!hint.vi.contains("giá trị đã khai báo"), "{}", hint.vi);
        assert!(hint.vi.contains("gần nhất là \""), "{}", hint.vi);
    }

    #[test]
    fn unknown_references_in_site_toml_are_errors_with_labelled_hints() {
        let e = parse(
            "[[bodies]]\nslug = \"ca\"\nlabel = \"Giám đốc Công an tỉnh\"\nlevel = \"tinh\"\ngrants = [\"giay-khenn\"]\n",
        )
        .unwrap_err();
        assert_eq!((e[0].code, e[0].line), ("unknown-reference", 8));
        assert!(e[0]
            .hint
            .as_ref()
            .unwrap()
            .vi
            .contains("\"giay-khen\" (Giấy khen)"));
        let e = parse(
            "[[forms]]\nslug = \"x\"\nlabel = \"X\"\nkind = \"hinh-thuc\"\nlevels = [\"xa\"]\nlevels_from_2025 = [\"tinhh\"]\n",
        )
        .unwrap_err();
        assert_eq!((e[0].code, e[0].line), ("unknown-reference", 9));
        assert!(e[0].hint.as_ref().unwrap().vi.contains("\"tinh\" (Tỉnh)"));
    }

    #[test]
    fn bodies_take_place_and_period() {
        let s = parse(
            "[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"UBND xã\"\nlevel = \"xa\"\n\
             [[bodies]]\nslug = \"ubnd-huyen\"\nlabel = \"UBND huyện\"\nlevel = \"huyen\"\nuntil = 2025-06-30\n\
             [[bodies]]\nslug = \"ttg\"\nlabel = \"Thủ tướng Chính phủ\"\nlevel = \"trung-uong\"\nplace = \"Hà Nội\"\nfrom = \"2021\"\n",
        )
        .unwrap();
        let id = |slug: &str| BodyId::new(s.body_ix[slug]);
        assert_eq!(s.place_of(id("ubnd-xa")), Some("Xã A"));
        assert_eq!(s.place_of(id("ubnd-huyen")), None);
        assert_eq!(s.place_of(id("ttg")), Some("Hà Nội"));
        assert_eq!(s.bodies[1].until, Some(Date::new(2025, 6, 30).unwrap()));
        assert_eq!(s.bodies[2].from, Some(Date::year_of(2021)));
        let e = parse(
            "[[bodies]]\nslug = \"b\"\nlabel = \"B\"\nlevel = \"xa\"\nfrom = 2025-07-01\nuntil = 2025-06-30\n",
        )
        .unwrap_err();
        assert_eq!((e[0].code, e[0].line), ("bad-period", 9));
        let e = parse("[[fields]]\nslug = \"f\"\nlabel = \"F\"\nuntil = 2025-06-30\n").unwrap_err();
        assert_eq!((e[0].code, e[0].line), ("unknown-key", 7));
    }

    #[test]
    fn grant_rules_follow_the_decision_date() {
        let s = parse("").unwrap();
        let d = |t: &str| Date::parse(t).unwrap();
        let thon = s.form("thon-van-hoa").unwrap();
        assert_eq!(thon.grant_levels(d("2025-06-30")), Some(vec!["huyen"]));
        assert_eq!(thon.grant_levels(d("2025-07-01")), Some(vec!["xa"]));
        assert_eq!(thon.grant_levels(d("2025-07")), Some(vec!["xa"]));
        // Known only to the year 2025: either period.
        assert_eq!(thon.grant_levels(d("2025")), Some(vec!["huyen", "xa"]));
        let gdvh = s.form("gia-dinh-van-hoa").unwrap();
        assert_eq!(gdvh.grant_levels(d("2026-01-01")), Some(vec!["xa"]));
        assert_eq!(
            s.form("chien-si-tien-tien")
                .unwrap()
                .grant_levels(d("2024")),
            None
        );
        // No district level after the reform.
        for f in &s.forms {
            let after = f.grant_levels(d("2025-08-01")).unwrap_or_default();
            assert!(!after.contains(&"huyen"), "{}", f.slug);
        }
        assert_eq!(s.level("huyen").unwrap().until, Some(d("2025-06-30")));
        assert!(outside_period(d("2025-08"), None, Some(d("2025-06-30"))));
        assert!(!outside_period(d("2025"), None, Some(d("2025-06-30"))));
        assert!(outside_period(d("2020-12-31"), Some(d("2021")), None));
        assert_eq!(last_day(d("2024-02")), d("2024-02-29"));
        assert_eq!(last_day(d("2024-12")), d("2024-12-31"));
    }

    #[test]
    fn built_ins_cover_the_law_and_keep_the_old_slugs() {
        let s = parse("").unwrap();
        for slug in [
            "lao-dong-tien-tien",
            "chien-si-thi-dua-co-so",
            "chien-si-thi-dua-tinh",
            "chien-si-thi-dua-toan-quoc",
            "tap-the-lao-dong-tien-tien",
            "tap-the-lao-dong-xuat-sac",
            "co-thi-dua-tinh",
            "co-thi-dua-chinh-phu",
            "thon-van-hoa",
            "xa-tieu-bieu",
            "gia-dinh-van-hoa",
            "giay-khen",
            "bang-khen-tinh",
            "bang-khen-thu-tuong",
            "ky-niem-chuong",
            "huy-chuong",
            "huan-chuong-lao-dong-hang-ba",
            "huan-chuong-sao-vang",
            "huan-chuong-doc-lap-hang-nhat",
            "huy-chuong-chien-si-ve-vang-hang-nhi",
            "ba-me-viet-nam-anh-hung",
            "nghe-nhan-uu-tu",
            "giai-thuong-nha-nuoc",
            "bang-khen-bo-nganh",
            "co-thi-dua-bo-nganh",
            "don-vi-quyet-thang",
        ] {
            assert!(s.form(slug).is_some(), "{slug}");
        }
        // Coefficients only where domain.md gives them.
        assert_eq!(s.form("xa-tieu-bieu").unwrap().coefficient, Some(2.0));
        assert_eq!(s.form("gia-dinh-van-hoa").unwrap().coefficient, None);
        // The clerk's guide lists every built-in entry.
        let guide = include_str!("../docs/src/can-bo/danh-muc.md");
        for slug in s
            .forms
            .iter()
            .map(|f| &f.slug)
            .chain(s.fields.iter().map(|f| &f.slug))
        {
            assert!(
                guide.contains(&format!("`{slug}`")),
                "the guide misses {slug}"
            );
        }
    }
}
